"""Metrics for a team server: each counter moves when its event happens, /metrics is protected like /mcp unless the
operator opts out, and nothing a caller typed or any credential becomes a label. Through a real HTTP client against
the server on a loopback port (uvicorn in this process, configured as `serve_http` configures it)."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import pytest
from mcp import Client
from prometheus_client.parser import text_string_to_metric_families

from polytomic_mcp import metrics
from polytomic_mcp.cache import ResponseCache
from polytomic_mcp.http import build_http_server
from polytomic_mcp.passthrough import NEW_KEYS_PER_MINUTE
from polytomic_mcp.sandbox import DEFAULT_API_KEY, Sandbox, gate
from polytomic_mcp.sandbox.dataset import FORBIDDEN, SALESFORCE
from polytomic_mcp.sandbox.serve import running
from polytomic_mcp.settings import HttpOptions, Settings

from .support import Clock, call_error, sandbox_app, sandbox_server
from .test_http import MCP_HEADERS, SHARED, TOKEN, TOOLS_LIST, held_until
from .test_http_hygiene import uvicorn_serving

pytestmark = pytest.mark.anyio

PATIENT = {"POLYTOMIC_HTTP_IDLE_TIMEOUT": "60", "POLYTOMIC_HTTP_HEADER_TIMEOUT": "60",
           "POLYTOMIC_HTTP_BODY_TIMEOUT": "60"}  # fmt: skip
SCRAPER = "scraper-token-0123456789abcdef0123456789"
SEARCH = "needle-typed-by-a-caller"


@contextlib.asynccontextmanager
async def served(settings: Settings, environ: dict[str, str] | None = None) -> AsyncIterator[httpx.AsyncClient]:
    """The server on a loopback port, with POLYTOMIC_* `environ`; yields an HTTP client for it."""
    options = HttpOptions.checked(
        host="127.0.0.1", port=0, auth_mode=settings.auth_mode, environ={**PATIENT, **(environ or {})}
    )
    async with (
        uvicorn_serving(sandbox_app(settings, options), options) as (port, _),
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60) as http,
    ):
        yield http


def upstream_sandbox(sandbox: Sandbox, url: str) -> Settings:
    """A shared-token server calling `sandbox` (served at `url`), whose faults the test injects."""
    return Settings(api_key=DEFAULT_API_KEY, base_url=url, auth_mode="shared", mcp_token=TOKEN)


async def call(http: httpx.AsyncClient, tool: str, arguments: dict[str, Any], token: str = TOKEN) -> dict[str, Any]:
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": tool, "arguments": arguments}}
    headers = {**MCP_HEADERS, "Authorization": f"Bearer {token}", "MCP-Protocol-Version": "2025-11-25"}
    response = await http.post("/mcp", json=body, headers=headers)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()["result"]
    return result


async def scrape(http: httpx.AsyncClient, token: str | None = TOKEN) -> str:
    response = await http.get("/metrics", headers={"Authorization": f"Bearer {token}"} if token else {})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain; version=")
    return response.text


def value(text: str, name: str, **labels: str) -> float | None:
    """The sample `name` with exactly these labels (None when absent)."""
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return float(sample.value)
    return None


async def test_a_tool_call_is_counted_timed_and_its_request_to_polytomic_and_cache_lookups_with_it() -> None:
    async with served(SHARED) as http:
        listed = await http.post("/mcp", json=TOOLS_LIST, headers={**MCP_HEADERS, "Authorization": f"Bearer {TOKEN}",
                                                                   "MCP-Protocol-Version": "2025-11-25"})  # fmt: skip
        first = await call(http, "list_connections", {})
        second = await call(http, "list_connections", {})
        text = await scrape(http)
    assert listed.status_code == 200 and not first.get("isError") and not second.get("isError")
    assert value(text, "polytomic_mcp_tool_calls_total", tool="list_connections", outcome="ok") == 2
    assert value(text, "polytomic_mcp_tool_call_duration_seconds_count", tool="list_connections") == 2
    assert value(text, "polytomic_mcp_upstream_requests_total", operation="list_connections", status="2xx") == 1
    assert value(text, "polytomic_mcp_cache_lookups_total", result="miss") == 1
    assert value(text, "polytomic_mcp_cache_lookups_total", result="hit") == 1
    assert value(text, "polytomic_mcp_cache_entries") == 1 and (value(text, "polytomic_mcp_cache_bytes") or 0) > 0
    assert value(text, "polytomic_mcp_tool_calls_in_flight") == 0
    assert value(text, "polytomic_mcp_caller_clients") is None  # passthrough only
    assert TOKEN not in text


async def test_an_argument_error_is_counted_as_one_and_a_tool_that_is_not_one_as_other() -> None:
    async with served(SHARED) as http:
        invalid = await call(http, "list_sync_targets", {"connection_id": "not-a-uuid"})
        unknown = await call(http, f"made_up_{SEARCH}", {})
        text = await scrape(http)
    assert invalid["isError"] and unknown["isError"]
    assert value(text, "polytomic_mcp_tool_calls_total", tool="list_sync_targets", outcome="argument_error") == 1
    assert value(text, "polytomic_mcp_tool_calls_total", tool="other", outcome="argument_error") == 1
    assert value(text, "polytomic_mcp_upstream_requests_total", operation="list_sync_targets", status="4xx") is None
    assert SEARCH not in text


async def test_a_403_from_polytomic_is_counted_as_an_upstream_4xx() -> None:
    async with served(SHARED) as http:
        refused = await call(http, "list_sync_targets", {"connection_id": FORBIDDEN})
        text = await scrape(http)
    assert refused["isError"]
    assert value(text, "polytomic_mcp_tool_calls_total", tool="list_sync_targets", outcome="upstream_4xx") == 1
    assert value(text, "polytomic_mcp_upstream_requests_total", operation="list_sync_targets", status="4xx") == 1


async def test_a_retry_after_a_503_is_counted_with_its_reason_and_a_500_as_an_upstream_5xx() -> None:
    sandbox = Sandbox()
    sandbox.faults.inject("list_sync_targets", "status", status=503, retry_after=0)
    sandbox.faults.inject("list_connections", "status", status=500)  # not retried
    with running(sandbox) as url:
        async with served(upstream_sandbox(sandbox, url)) as http:
            retried = await call(http, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 1})
            failed = await call(http, "list_connections", {})
            text = await scrape(http)
    assert not retried.get("isError") and failed["isError"]
    assert value(text, "polytomic_mcp_upstream_retries_total", operation="list_sync_targets", reason="503") == 1
    assert value(text, "polytomic_mcp_upstream_requests_total", operation="list_sync_targets", status="5xx") == 1
    assert value(text, "polytomic_mcp_upstream_requests_total", operation="list_sync_targets", status="2xx") == 1
    assert value(text, "polytomic_mcp_tool_calls_total", tool="list_sync_targets", outcome="ok") == 1
    assert value(text, "polytomic_mcp_tool_calls_total", tool="list_connections", outcome="upstream_5xx") == 1
    assert value(text, "polytomic_mcp_upstream_retries_total", operation="list_connections", reason="500") is None


async def test_the_in_flight_gauge_counts_the_calls_under_way(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    monkeypatch.setattr(gate, "pause", held_until(release))
    sandbox = Sandbox()
    sandbox.faults.inject("list_sync_targets", "delay", delay=1)
    with running(sandbox) as url:
        async with served(upstream_sandbox(sandbox, url)) as http:
            async with anyio.create_task_group() as group:
                group.start_soon(call, http, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 1})
                with anyio.fail_after(60):  # hang guard, not a measure of time
                    while not any(r.route == "list_sync_targets" for r in sandbox.requests):
                        await anyio.sleep(0.01)  # the call is held at Polytomic
                during = await scrape(http)
                release.set()
            after = await scrape(http)
    assert value(during, "polytomic_mcp_tool_calls_in_flight") == 1
    assert value(after, "polytomic_mcp_tool_calls_in_flight") == 0


async def test_no_credential_and_nothing_a_caller_typed_reaches_the_metrics() -> None:
    unknown_connection = "5f0c3c6e-9d0a-4d7e-8a51-7b1f2c3d4e5f"
    passthrough = Settings(sandbox=True, auth_mode="passthrough")
    async with served(passthrough, {"POLYTOMIC_METRICS": "public"}) as http:
        found = await call(http, "list_sync_targets", {"connection_id": SALESFORCE, "search": SEARCH},
                           token=DEFAULT_API_KEY)  # fmt: skip
        await call(http, "list_sync_targets", {"connection_id": unknown_connection}, token=DEFAULT_API_KEY)
        await call(http, f"tool_{DEFAULT_API_KEY}", {"search": SEARCH}, token=DEFAULT_API_KEY)
        text = await scrape(http, None)
    assert not found.get("isError")
    for typed in (DEFAULT_API_KEY, SEARCH, unknown_connection, SALESFORCE):
        assert typed not in text
    assert value(text, "polytomic_mcp_caller_clients") == 1
    assert value(text, "polytomic_mcp_tool_calls_total", tool="list_sync_targets", outcome="upstream_4xx") == 1


async def test_metrics_refuses_a_request_without_the_token_when_protected() -> None:
    async with served(SHARED) as http:
        refused = [
            await http.get("/metrics", headers=headers)
            for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN})
        ]
        served_with_token = await scrape(http)
    async with served(SHARED, {"POLYTOMIC_METRICS_TOKEN": SCRAPER}) as http:
        with_mcp_token = await http.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        with_own_token = await scrape(http, SCRAPER)
    for response in (*refused, with_mcp_token):
        assert response.status_code == 401
        assert response.json() == {"error": "invalid_token", "error_description": "Authentication required"}
        assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'
        assert response.headers["content-type"] == "application/json"
    assert "polytomic_mcp_tool_calls_in_flight" in served_with_token and "polytomic_mcp_" in with_own_token


async def test_metrics_is_served_to_anyone_when_public_and_not_at_all_when_off() -> None:
    async with served(SHARED, {"POLYTOMIC_METRICS": "public"}) as http:
        public = await scrape(http, None)
    async with served(SHARED, {"POLYTOMIC_METRICS": "off"}) as http:
        off = await http.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        answered = await call(http, "list_connections", {})
    assert "polytomic_mcp_tool_calls_in_flight" in public
    assert off.status_code == 404 and not answered.get("isError")


async def test_in_passthrough_metrics_opens_only_to_a_token_of_its_own() -> None:
    passthrough = Settings(sandbox=True, auth_mode="passthrough")
    async with served(passthrough) as http:
        unconfigured = await http.get("/metrics", headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"})
    async with served(passthrough, {"POLYTOMIC_METRICS_TOKEN": SCRAPER}) as http:
        with_a_key = await http.get("/metrics", headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"})
        as_a_key = await http.post("/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
                                   headers={**MCP_HEADERS, "Authorization": f"Bearer {SCRAPER}"})  # fmt: skip
        text = await scrape(http, SCRAPER)
    assert unconfigured.status_code == 404 and with_a_key.status_code == 401
    assert as_a_key.status_code == 401  # the operator's token is never a caller's key sent on to Polytomic
    assert value(text, "polytomic_mcp_caller_clients") == 0


def test_in_passthrough_without_a_token_of_its_own_metrics_is_not_served_and_the_log_says_what_it_needs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    passthrough = Settings(sandbox=True, auth_mode="passthrough")
    with caplog.at_level(logging.INFO, logger="polytomic_mcp"):
        unserved = build_http_server(
            passthrough, HttpOptions.checked(host="127.0.0.1", port=0, auth_mode="passthrough")
        )
    assert [r.getMessage() for r in caplog.records if r.name == "polytomic_mcp"] == [
        "Not serving /metrics: with --auth passthrough it needs POLYTOMIC_METRICS_TOKEN (or POLYTOMIC_METRICS=public)"
    ]
    assert "/metrics" not in [getattr(route, "path", None) for route in unserved.streamable_http_app().routes]


async def test_two_servers_in_one_process_keep_their_own_numbers() -> None:
    async with served(SHARED) as one, served(SHARED) as other:
        await call(one, "list_connections", {})
        theirs = await scrape(other)
        mine = await scrape(one)
    assert value(mine, "polytomic_mcp_tool_calls_total", tool="list_connections", outcome="ok") == 1
    assert value(theirs, "polytomic_mcp_tool_calls_total", tool="list_connections", outcome="ok") is None


async def answer(size: int = 10) -> tuple[object, int]:
    return object(), size


async def test_the_cache_counts_its_lookups_and_evictions_by_reason() -> None:
    recorder = metrics.PrometheusRecorder(["list_connections"])
    clock = Clock()
    cache = ResponseCache(ttl=60, max_entries=4, max_bytes=1000, owner_share=0.5, clock=clock)
    release = anyio.Event()

    async def slow() -> tuple[object, int]:
        await release.wait()
        return await answer()

    with metrics.recording(recorder):
        async with anyio.create_task_group() as group:  # two lookups of one key while its fetch is under way
            group.start_soon(cache.get_or_fetch, ("a", 1), slow)
            await anyio.sleep(0)
            group.start_soon(cache.get_or_fetch, ("a", 1), slow)
            await anyio.sleep(0)
            release.set()
        await cache.get_or_fetch(("a", 2), answer)
        await cache.get_or_fetch(("a", 3), answer)  # a's third: beyond its half of the entries
        await cache.get_or_fetch(("b", 1), answer)
        await cache.get_or_fetch(("b", 2), answer)
        await cache.get_or_fetch(("c", 1), answer)  # the fifth entry: beyond the cache's
        clock.now += 61
        await cache.get_or_fetch(("b", 2), answer)  # expired
        cache.forget("b")
    text = recorder.exposition()[0].decode()
    assert value(text, "polytomic_mcp_cache_lookups_total", result="miss") == 7
    assert value(text, "polytomic_mcp_cache_lookups_total", result="shared") == 1
    for reason, count in (("owner_share", 1), ("capacity", 1), ("expired", 1), ("credential_refused", 2)):
        assert value(text, "polytomic_mcp_cache_evictions_total", reason=reason) == count, reason


def test_label_values_come_from_fixed_sets() -> None:
    recorder = metrics.PrometheusRecorder(["list_connections"])
    recorder.call_started(f"tool\n{SEARCH}")
    recorder.call_finished(f"tool\n{SEARCH}", "ok", 0.1)
    recorder.upstream_answered(f"list_connections?search={SEARCH}", 101)
    recorder.upstream_answered("list_connections", None)
    recorder.retried("list_connections", None)
    recorder.retried("list_connections", 999)
    recorder.upstream_answered("list_sync_targets", 599)
    recorder.upstream_answered("list_sync_targets", 600)
    for status in (100, 599, 600):
        recorder.retried("list_sync_targets", status)
    text = recorder.exposition()[0].decode()
    assert SEARCH not in text
    assert value(text, "polytomic_mcp_upstream_requests_total", operation="list_sync_targets", status="5xx") == 1
    assert value(text, "polytomic_mcp_upstream_requests_total", operation="list_sync_targets", status="other") == 1
    for label in ("100", "599", "other"):
        assert value(text, "polytomic_mcp_upstream_retries_total", operation="list_sync_targets", reason=label) == 1
    assert value(text, "polytomic_mcp_tool_calls_total", tool="other", outcome="ok") == 1
    assert value(text, "polytomic_mcp_upstream_requests_total", operation="other", status="other") == 1
    assert value(text, "polytomic_mcp_upstream_requests_total", operation="list_connections", status="network") == 1
    assert value(text, "polytomic_mcp_upstream_retries_total", operation="list_connections", reason="network") == 1
    assert value(text, "polytomic_mcp_upstream_retries_total", operation="list_connections", reason="other") == 1


@pytest.mark.parametrize(
    ("status", "outcome"),
    [(400, "upstream_4xx"), (404, "upstream_4xx"), (499, "upstream_4xx"), (500, "upstream_5xx"),
     (502, "upstream_5xx"), (302, "upstream_invalid"), (399, "upstream_invalid")],
)  # fmt: skip
def test_a_failing_status_is_an_outcome_of_its_class(status: int, outcome: str) -> None:
    assert metrics.upstream_outcome(status) == outcome


async def test_a_server_without_metrics_records_nothing_and_outside_a_server_nothing_is_recorded() -> None:
    assert metrics.current() is metrics.NOTHING
    metrics.failed("internal")  # outside of a tool call: nothing to say it of
    metrics.NOTHING.call_finished("list_connections", "ok", 0.1)  # and a recorder that records nothing


async def test_in_passthrough_a_key_refused_a_moment_ago_and_a_new_key_too_many_are_counted_as_refused() -> None:
    made_up = "pk_made_up_key_0001"
    passthrough = Settings(sandbox=True, auth_mode="passthrough")
    async with served(passthrough, {"POLYTOMIC_METRICS": "public"}) as http:
        asked = await call(http, "list_connections", {}, token=made_up)  # Polytomic answers 401
        again = await call(http, "list_connections", {}, token=made_up)  # refused here, nothing sent
        guesses = [
            await call(http, "list_connections", {}, token=f"pk_guess_key_{n:04d}") for n in range(NEW_KEYS_PER_MINUTE)
        ]  # the made-up key was this address's first new key: the last guess is one too many
        text = await scrape(http, None)
    assert asked["isError"] and again["isError"] and all(guess["isError"] for guess in guesses)
    assert value(text, "polytomic_mcp_tool_calls_total", tool="list_connections", outcome="upstream_4xx") == (
        NEW_KEYS_PER_MINUTE
    )
    assert value(text, "polytomic_mcp_tool_calls_total", tool="list_connections", outcome="refused") == 2
    assert value(text, "polytomic_mcp_upstream_requests_total", operation="list_connections", status="4xx") == (
        NEW_KEYS_PER_MINUTE
    )


async def test_a_passthrough_server_called_without_a_key_counts_the_call_as_refused() -> None:
    recorder = metrics.PrometheusRecorder(["list_connections"])
    server = sandbox_server(Settings(sandbox=True, auth_mode="passthrough"), recorder=recorder)
    async with Client(server) as client:  # in memory: no HTTP auth layer put a key in the context
        assert "send it as the bearer token" in await call_error(client, "list_connections", {})
    text = recorder.exposition()[0].decode()
    assert value(text, "polytomic_mcp_tool_calls_total", tool="list_connections", outcome="refused") == 1


def test_every_metric_says_what_it_counts() -> None:
    recorder = metrics.PrometheusRecorder([])
    recorder.watch(object())  # a resolver that holds neither a cache nor caller clients
    recorder.watch(type("Callers", (), {"callers": 0, "cache": ResponseCache()})())
    helps = {family.name: family.documentation for family in text_string_to_metric_families(
        recorder.exposition()[0].decode())}  # fmt: skip
    assert helps == {
        "polytomic_mcp_tool_calls": "Tool calls by outcome",
        "polytomic_mcp_tool_call_duration_seconds": "Tool call latency",
        "polytomic_mcp_tool_calls_in_flight": "Tool calls under way",
        "polytomic_mcp_upstream_requests": metrics.UPSTREAM_HELP,
        "polytomic_mcp_upstream_retries": metrics.RETRIES_HELP,
        "polytomic_mcp_cache_lookups": "Answer cache lookups",
        "polytomic_mcp_cache_evictions": "Answers dropped from the cache",
        "polytomic_mcp_cache_entries": "Answers held in the cache",
        "polytomic_mcp_cache_bytes": "Bytes the cached answers hold (parsed)",
        "polytomic_mcp_caller_clients": "Passthrough: per-caller clients held",
    }


def test_tool_call_latency_is_bucketed_up_to_a_minute() -> None:
    recorder = metrics.PrometheusRecorder(["list_connections"])
    recorder.call_started("list_connections")
    recorder.call_finished("list_connections", "ok", 30.0)  # seconds, as the middleware measured them
    text = recorder.exposition()[0].decode()
    bucket = "polytomic_mcp_tool_call_duration_seconds_bucket"
    bounds = [
        float(sample.labels["le"])
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == bucket
    ]
    assert bounds == [*metrics.BUCKETS, float("inf")]
    assert value(text, bucket, tool="list_connections", le="20.0") == 0
    assert value(text, bucket, tool="list_connections", le="60.0") == 1
