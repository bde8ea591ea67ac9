from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
import tracemalloc
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from mcp import Client
from mcp.server.mcpserver.exceptions import ToolError

from polytomic_mcp.cache import REFRESH_WINDOW, ResponseCache
from polytomic_mcp.clients import make_api_client
from polytomic_mcp.fetching import deep_size, fetch
from polytomic_mcp.sandbox import Sandbox
from polytomic_mcp.sandbox.dataset import FACEBOOK_ADS, HUBSPOT, LINKEDIN_ADS, SALESFORCE, WAREHOUSE
from polytomic_mcp.server import build_server
from polytomic_mcp.settings import Settings
from polytomic_mcp.upstream import Upstream, credential_fingerprint
from polytomic_sync_client.models import ApiError, TargetObjectsResponseEnvelope
from polytomic_sync_client.types import Response
from tests.mcp_server.conftest import SETTINGS
from tests.mcp_server.support import Clock, call_error, call_ok, page_through

pytestmark = pytest.mark.anyio


def _targets(sandbox: Sandbox) -> int:
    return sum(1 for r in sandbox.requests if r.route == "list_sync_targets")


def _client(sandbox: Sandbox, settings: Settings = SETTINGS, clock: Callable[[], float] = time.monotonic) -> Client:
    return Client(build_server(settings, make_api_client(settings, transport=sandbox.transport()), clock=clock))


async def test_walking_every_warehouse_target_fetches_once_and_a_search_or_an_early_refresh_reuses_it(
    mcp_client: Client, sandbox: Sandbox
) -> None:
    seen = await page_through(mcp_client, "list_sync_targets", {"connection_id": WAREHOUSE}, "targets")
    assert len(seen) == 2815
    assert _targets(sandbox) == 1

    await call_ok(mcp_client, "list_sync_targets", {"connection_id": WAREHOUSE, "search": "public."})
    assert _targets(sandbox) == 1

    await call_ok(mcp_client, "list_sync_targets", {"connection_id": WAREHOUSE, "refresh": True})
    assert _targets(sandbox) == 1  # a refresh right after a fetch reuses it (see the refresh window tests)


async def test_fifty_concurrent_identical_calls_share_one_upstream_request(
    mcp_client: Client, sandbox: Sandbox
) -> None:
    sandbox.latency = 0.2  # keep the first request in flight while the others arrive
    totals: list[int] = []

    async def one() -> None:
        totals.append((await call_ok(mcp_client, "list_sync_targets", {"connection_id": WAREHOUSE}))["total"])

    async with anyio.create_task_group() as group:
        for _ in range(50):
            group.start_soon(one)
    assert totals == [2815] * 50
    assert _targets(sandbox) == 1


async def test_fifty_concurrent_calls_over_five_connections_make_five_requests(
    mcp_client: Client, sandbox: Sandbox
) -> None:
    sandbox.latency = 0.2
    connections = [SALESFORCE, HUBSPOT, WAREHOUSE, LINKEDIN_ADS, FACEBOOK_ADS]

    async with anyio.create_task_group() as group:
        for n in range(50):
            group.start_soon(call_ok, mcp_client, "list_sync_targets", {"connection_id": connections[n % 5]})
    assert _targets(sandbox) == 5
    assert sorted(r.path for r in sandbox.requests) == sorted({r.path for r in sandbox.requests})


async def test_each_argument_that_changes_the_answer_gets_its_own_entry(mcp_client: Client, sandbox: Sandbox) -> None:
    await call_ok(mcp_client, "list_sync_targets", {"connection_id": LINKEDIN_ADS})
    await call_ok(
        mcp_client, "list_sync_targets", {"connection_id": LINKEDIN_ADS, "include_target_creation_values": True}
    )
    # Listing creation properties reads the same answer as include_target_creation_values=true.
    await call_ok(mcp_client, "get_target_creation_values", {"connection_id": LINKEDIN_ADS})
    assert _targets(sandbox) == 2
    args = {"connection_id": LINKEDIN_ADS, "property": "account"}
    await call_ok(mcp_client, "get_target_creation_values", args)
    await call_ok(mcp_client, "get_target_creation_values", {**args, "search": "a"})
    await call_ok(mcp_client, "get_target_creation_values", {**{**args, "property": "name"}, "limit": 1})
    assert sum(1 for r in sandbox.requests if r.route == "get_target_creation_property_values") == 2


async def test_a_failed_call_is_never_cached(mcp_client: Client, sandbox: Sandbox) -> None:
    sandbox.faults.inject("list_sync_targets", "status", status=500)
    await call_error(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE})
    assert (await call_ok(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE}))["total"] > 0
    assert _targets(sandbox) == 2


async def test_an_entry_is_fetched_again_after_its_ttl(sandbox: Sandbox) -> None:
    clock = Clock()
    async with _client(sandbox, replace(SETTINGS, cache_ttl=60), clock) as client:
        await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE})
        clock.now += 59
        await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE})
        assert _targets(sandbox) == 1
        clock.now += 2
        await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE})
    assert _targets(sandbox) == 2


async def test_a_zero_ttl_disables_the_cache(sandbox: Sandbox) -> None:
    async with _client(sandbox, replace(SETTINGS, cache_ttl=0)) as client:
        for _ in range(3):
            await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 1})
    assert _targets(sandbox) == 3


async def test_the_memory_bound_evicts_the_least_recently_used_answer(sandbox: Sandbox) -> None:
    # Parsed, Salesforce's answer holds about 1.2 MB (its body is 0.36 MB); the warehouse's about 5 MB.
    async with _client(sandbox, replace(SETTINGS, cache_max_mb=2.0)) as client:
        await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE})
        await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE})
        assert _targets(sandbox) == 1
        await call_ok(client, "list_sync_targets", {"connection_id": WAREHOUSE})  # too big to keep
        await call_ok(client, "list_sync_targets", {"connection_id": WAREHOUSE})
        assert _targets(sandbox) == 3
        await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE})  # still cached
        assert _targets(sandbox) == 3


# The cache itself, with a clock under the test's control.


def _loader(value: object, size: int, calls: list[object]) -> Any:
    async def load() -> tuple[object, int]:
        calls.append(value)
        await asyncio.sleep(0)
        return value, size

    return load


async def test_entries_expire_on_the_clock() -> None:
    clock, calls = Clock(), list[object]()
    cache = ResponseCache(ttl=60, clock=clock)
    assert await cache.get_or_fetch(("k",), _loader("a", 1, calls)) == "a"
    clock.now += 59
    assert await cache.get_or_fetch(("k",), _loader("b", 1, calls)) == "a"
    clock.now += 2
    assert await cache.get_or_fetch(("k",), _loader("c", 1, calls)) == "c"
    assert calls == ["a", "c"]


async def test_an_expired_entry_is_let_go_even_when_fetching_it_again_fails() -> None:
    clock = Clock()
    cache = ResponseCache(ttl=60, clock=clock)
    await cache.get_or_fetch(("k",), _loader("a", 100, []))
    assert cache.size == 100
    clock.now += 61

    async def failing() -> tuple[object, int]:
        raise ToolError("Polytomic failed to answer (HTTP 502).")

    with pytest.raises(ToolError):
        await cache.get_or_fetch(("k",), failing)
    assert cache.size == 0 and ("k",) not in cache


async def test_the_entry_bound_drops_the_least_recently_used_first() -> None:
    calls: list[object] = []
    cache = ResponseCache(max_entries=2)
    await cache.get_or_fetch(("a",), _loader("a", 1, calls))
    await cache.get_or_fetch(("b",), _loader("b", 1, calls))
    await cache.get_or_fetch(("a",), _loader("a2", 1, calls))  # touches a: b is now the oldest
    await cache.get_or_fetch(("c",), _loader("c", 1, calls))
    assert ("a",) in cache and ("c",) in cache and ("b",) not in cache
    assert len(cache) == 2 and cache.size == 2


async def test_the_byte_bound_evicts_until_the_total_fits() -> None:
    calls: list[object] = []
    cache = ResponseCache(max_bytes=100)
    for name in "abcd":
        await cache.get_or_fetch((name,), _loader(name, 30, calls))
    assert cache.size == 90 and ("a",) not in cache and ("d",) in cache
    await cache.get_or_fetch(("big",), _loader("big", 101, calls))
    assert ("big",) not in cache and cache.size == 90


async def test_a_caller_that_gives_up_does_not_cancel_the_shared_fetch_for_the_others() -> None:
    release = asyncio.Event()
    calls: list[object] = []

    async def slow() -> tuple[object, int]:
        calls.append("slow")
        await release.wait()
        return "value", 1

    cache = ResponseCache()
    first = asyncio.ensure_future(cache.get_or_fetch(("k",), slow))
    second = asyncio.ensure_future(cache.get_or_fetch(("k",), slow))
    await asyncio.sleep(0)
    first.cancel()
    release.set()
    assert await second == "value"
    assert calls == ["slow"] and ("k",) in cache
    with pytest.raises(asyncio.CancelledError):
        await first


async def test_a_shared_fetch_that_ends_cancelled_leaves_no_entry_and_nothing_for_asyncio_to_report() -> None:
    reported: list[dict[str, Any]] = []
    loop = asyncio.get_running_loop()
    previous = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, context: reported.append(context))
    calls: list[str] = []

    async def cancelled_then_fine() -> tuple[object, int]:
        calls.append("fetch")
        if len(calls) == 1:
            raise asyncio.CancelledError  # e.g. the server shutting down under it: the shared task ends cancelled
        return "value", 1

    try:
        cache = ResponseCache()
        with pytest.raises(asyncio.CancelledError):
            await cache.get_or_fetch(("k",), cancelled_then_fine)
        await asyncio.sleep(0)  # the task's done callbacks run
        assert reported == [] and ("k",) not in cache
        assert await cache.get_or_fetch(("k",), cancelled_then_fine) == "value"
        assert calls == ["fetch", "fetch"]
    finally:
        loop.set_exception_handler(previous)


# Credential isolation, at the Upstream level (the HTTP transport builds one Upstream per caller).


def _response(status: int, parsed: object) -> Response[Any]:
    return Response(status_code=status, content=b"{}", headers={}, parsed=parsed)


@pytest.fixture
async def shared() -> AsyncIterator[Upstream]:
    yield Upstream(client=make_api_client(SETTINGS), cache=ResponseCache(), fingerprint=credential_fingerprint("a"))


async def test_one_credential_s_answers_are_never_served_to_another(shared: Upstream) -> None:
    other = replace(shared, fingerprint=credential_fingerprint("b"))
    calls: list[str] = []

    def answer(who: str) -> Any:
        async def call() -> Response[Any]:
            calls.append(who)
            return _response(200, ApiError(message=who))

        return call

    first = await fetch(shared, ("op", "x"), answer("a"), ApiError, not_found="nf")
    second = await fetch(other, ("op", "x"), answer("b"), ApiError, not_found="nf")
    again = await fetch(shared, ("op", "x"), answer("a"), ApiError, not_found="nf")
    assert (first.message, second.message, again.message) == ("a", "b", "a")
    assert calls == ["a", "b"]


def test_a_fingerprint_is_a_keyed_hash_never_the_credential() -> None:
    assert credential_fingerprint("pk_live_1") == credential_fingerprint("pk_live_1")
    assert credential_fingerprint("pk_live_1") != credential_fingerprint("pk_live_2")
    assert "pk_live_1" not in credential_fingerprint("pk_live_1")
    assert len(credential_fingerprint("pk_live_1")) == 64


async def test_a_hit_never_creates_an_unawaited_coroutine(shared: Upstream) -> None:
    made: list[str] = []

    def factory() -> Any:
        made.append("call")
        return _response(200, ApiError(message="x"))

    async def call() -> Response[Any]:
        return factory()  # type: ignore[no-any-return]

    await fetch(shared, ("op",), call, ApiError, not_found="nf")
    await fetch(shared, ("op",), lambda: call(), ApiError, not_found="nf")
    assert made == ["call"]


async def test_an_error_answer_raises_and_leaves_no_entry(shared: Upstream) -> None:
    async def missing() -> Response[Any]:
        return _response(404, ApiError(message="gone"))

    with pytest.raises(ToolError, match="nothing here"):
        await fetch(shared, ("op",), missing, ApiError, not_found="nothing here")
    assert len(shared.cache) == 0


@pytest.mark.parametrize(
    "limits",
    [{"ttl": -1}, {"max_entries": 0}, {"max_bytes": 0}, {"owner_share": 0}, {"owner_share": 1.01}],
)
def test_a_cache_with_impossible_limits_is_refused(limits: dict[str, float]) -> None:
    with pytest.raises(ValueError) as raised:
        ResponseCache(**limits)  # type: ignore[arg-type]
    assert str(raised.value) == "ttl must be >= 0, max_entries and max_bytes >= 1, owner_share in (0, 1]"


def test_the_smallest_limits_are_accepted() -> None:
    cache = ResponseCache(ttl=0, max_entries=1, max_bytes=1)
    assert (cache.ttl, cache.max_entries, cache.max_bytes, cache.enabled) == (0, 1, 1, False)


async def test_a_cache_of_zero_megabytes_keeps_not_even_the_smallest_answer(sandbox: Sandbox) -> None:
    requests: list[httpx.Request] = []

    def empty(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, content=b"{}")  # 2 bytes: a valid, empty listing

    settings = replace(SETTINGS, cache_max_mb=0)
    api = make_api_client(settings, transport=httpx.MockTransport(empty))
    async with Client(build_server(settings, api)) as client:
        for _ in range(2):
            assert (await call_ok(client, "list_connections", {}))["total"] == 0
    assert len(requests) == 2


async def test_an_entry_is_stale_at_the_very_moment_its_ttl_ends() -> None:
    clock, calls = Clock(), list[object]()
    cache = ResponseCache(ttl=60, clock=clock)
    await cache.get_or_fetch(("k",), _loader("a", 1, calls))
    clock.now += 59.999
    assert ("k",) in cache
    clock.now = 1060.0
    assert ("k",) not in cache
    assert await cache.get_or_fetch(("k",), _loader("b", 1, calls)) == "b" and calls == ["a", "b"]


async def test_an_answer_already_kept_elsewhere_is_kept_for_what_is_left_of_its_ttl_and_counts_as_that_old() -> None:
    clock = Clock()
    cache = ResponseCache(ttl=60, clock=clock)

    async def kept_45_seconds_by_another_replica() -> tuple[object, int, float]:
        return "shared", 1, 45.0

    assert await cache.get_or_fetch(("k",), kept_45_seconds_by_another_replica) == "shared"
    calls: list[object] = []
    assert await cache.get_or_fetch(("k",), _loader("fresh", 1, calls), refresh=True) == "fresh"  # 45 s old
    await cache.get_or_fetch(("other",), kept_45_seconds_by_another_replica)
    clock.now += 14.999
    assert ("other",) in cache
    clock.now += 0.001
    assert ("other",) not in cache and ("k",) in cache


async def test_a_refresh_shares_the_fetch_in_flight() -> None:
    release = asyncio.Event()
    calls: list[object] = []

    async def slow() -> tuple[object, int]:
        calls.append("slow")
        await release.wait()
        return "answer", 1

    cache = ResponseCache()
    waiting = [asyncio.ensure_future(cache.get_or_fetch(("k",), slow, refresh=n % 2 == 0)) for n in range(50)]
    await asyncio.sleep(0)  # one fetch is in flight; every other caller, refresh or not, waits for it
    release.set()
    assert await asyncio.gather(*waiting) == ["answer"] * 50
    assert calls == ["slow"]


async def test_a_refresh_reuses_an_answer_fetched_within_the_window_and_renews_an_older_one() -> None:
    clock, calls = Clock(), list[object]()
    cache = ResponseCache(ttl=60, clock=clock)
    await cache.get_or_fetch(("k",), _loader("a", 1, calls))
    for _ in range(30):  # an agent refreshing in a loop
        assert await cache.get_or_fetch(("k",), _loader("b", 1, calls), refresh=True) == "a"
    clock.now += REFRESH_WINDOW - 0.001
    assert await cache.get_or_fetch(("k",), _loader("b", 1, calls), refresh=True) == "a"
    clock.now += 0.001
    assert await cache.get_or_fetch(("k",), _loader("b", 1, calls), refresh=True) == "b"
    assert await cache.get_or_fetch(("k",), _loader("c", 1, calls), refresh=True) == "b"
    assert calls == ["a", "b"]


async def test_forgetting_a_credential_drops_its_answers_only() -> None:
    calls: list[object] = []
    cache = ResponseCache(max_bytes=100)
    for owner in ("one", "two"):
        for name in ("x", "y"):
            await cache.get_or_fetch((owner, name), _loader(f"{owner}-{name}", 10, calls))
    assert cache.forget("one") == 2
    assert (("one", "x") in cache, ("two", "x") in cache, ("two", "y") in cache) == (False, True, True)
    assert (len(cache), cache.size) == (2, 20)
    assert cache.forget("nobody") == 0


async def test_the_byte_bound_is_inclusive_and_a_renewed_entry_is_counted_once() -> None:
    calls: list[object] = []
    clock = Clock()
    cache = ResponseCache(max_bytes=10, clock=clock)
    await cache.get_or_fetch(("a",), _loader("a", 4, calls))
    await cache.get_or_fetch(("b",), _loader("b", 6, calls))
    assert (len(cache), cache.size) == (2, 10)  # exactly at the bound: both kept
    clock.now += REFRESH_WINDOW  # past the refresh window: a refresh renews
    await cache.get_or_fetch(("b",), _loader("b2", 6, calls), refresh=True)
    assert (len(cache), cache.size) == (2, 10)  # the renewed entry replaced the old one's bytes
    alone = ResponseCache(max_bytes=10)
    await alone.get_or_fetch(("big",), _loader("big", 10, calls))
    assert ("big",) in alone  # an answer of exactly the bound is kept


async def test_fifty_concurrent_refreshes_and_thirty_in_a_row_make_one_upstream_request(
    mcp_client: Client, sandbox: Sandbox
) -> None:
    sandbox.latency = 0.2
    contact = {"connection_id": SALESFORCE, "target": "Contact", "refresh": True, "limit": 1}
    async with anyio.create_task_group() as group:
        for _ in range(50):
            group.start_soon(call_ok, mcp_client, "list_sync_targets", {"connection_id": WAREHOUSE, "refresh": True})
            group.start_soon(call_ok, mcp_client, "get_sync_target_fields", contact)
    for _ in range(30):
        await call_ok(mcp_client, "list_sync_targets", {"connection_id": WAREHOUSE, "refresh": True})
        await call_ok(mcp_client, "get_sync_target_fields", contact)
    assert _targets(sandbox) == 1
    rereads = [r for r in sandbox.requests if r.route == "get_sync_target_fields"]
    assert len(rereads) == 1 and "refresh=true" in rereads[0].query  # the schema re-read asked once


async def test_one_owner_holds_at_most_its_share_and_evicts_only_its_own_answers() -> None:
    calls: list[object] = []
    cache = ResponseCache(max_entries=8, max_bytes=1_000, owner_share=0.25)
    assert (cache.owner_entries, cache.owner_bytes) == (2, 250)
    await cache.get_or_fetch(("quiet", "a"), _loader("qa", 10, calls))
    for n in range(600):  # one busy owner
        await cache.get_or_fetch(("busy", n), _loader(n, 10, calls))
    assert ("quiet", "a") in cache
    assert [k for k in (("busy", n) for n in range(600)) if k in cache] == [("busy", 598), ("busy", 599)]
    await cache.get_or_fetch(("busy", "big"), _loader("big", 240, calls))  # 250 bytes: exactly its share
    assert [k in cache for k in (("busy", 598), ("busy", 599), ("busy", "big"))] == [False, True, True]
    await cache.get_or_fetch(("busy", "bigger"), _loader("bigger", 241, calls))  # by bytes too
    assert [k in cache for k in (("busy", 599), ("busy", "big"), ("busy", "bigger"))] == [False, False, True]
    assert ("quiet", "a") in cache and (len(cache), cache.size) == (2, 251)


def test_the_size_of_an_answer_is_what_its_parsed_model_holds() -> None:
    body = {"data": [{"id": f"t{n}", "name": "x" * 100, "modes": [{"id": "create"}]} for n in range(1_000)]}
    raw = json.dumps(body)
    model = TargetObjectsResponseEnvelope.from_dict(json.loads(raw))
    tracemalloc.start()
    again = TargetObjectsResponseEnvelope.from_dict(json.loads(raw))
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert 0.8 * held <= deep_size(again) <= 1.2 * held  # what parsing it allocated and kept
    assert deep_size(model) > 2 * len(raw)  # far more than the body's bytes, which the cache used to count
    shared = ["same"] * 10
    assert deep_size(shared) == sys.getsizeof(shared) + sys.getsizeof("same")  # each object once
    assert deep_size(None) == deep_size(True) == 0


FILL_THE_CACHE = """
import anyio, gc, sys
from mcp import Client
from polytomic_mcp.clients import make_api_client
from polytomic_mcp.sandbox import DEFAULT_API_KEY, SANDBOX_BASE_URL, Sandbox
from polytomic_mcp.sandbox.dataset import SALESFORCE
from polytomic_mcp.server import build_server
from polytomic_mcp.settings import Settings

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024

async def main():
    settings = Settings(api_key=DEFAULT_API_KEY, base_url=SANDBOX_BASE_URL, cache_max_mb=16)
    api = make_api_client(settings, transport=Sandbox().transport())
    async with Client(build_server(settings, api)) as client:
        page = await client.call_tool("list_sync_targets", {"connection_id": SALESFORCE, "limit": 200})
        targets = [t if isinstance(t, str) else t["id"] for t in page.structured_content["targets"]]
        gc.collect()
        before = rss_mb()
        for target in targets:  # 200 distinct field listings, parsed
            await client.call_tool("get_sync_target_fields", {"connection_id": SALESFORCE, "target": target})
        gc.collect()
        print(rss_mb() - before)

anyio.run(main)
"""


@pytest.mark.child_process
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the resident set size from /proc")
def test_the_cache_bound_bounds_memory_growth_not_only_body_bytes() -> None:
    done = subprocess.run([sys.executable, "-c", FILL_THE_CACHE], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    grown = float(done.stdout.strip())
    # The 200 parsed answers hold about 57 MB (their bodies, under 16 MB). Through a 16 MB cache the process grew
    # 28 MB; when the cache counted body bytes, every answer fit and it grew 57 MB.
    assert grown < 42, f"RSS grew {grown:.0f} MB"
