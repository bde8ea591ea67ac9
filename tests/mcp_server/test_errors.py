from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest
from mcp import Client

from mcp_server.clients import make_api_client
from mcp_server.errors import retry_after_seconds, sanitize
from mcp_server.sandbox import Sandbox
from mcp_server.sandbox.dataset import FORBIDDEN, LINKEDIN_ADS, SALESFORCE, UNHEALTHY
from mcp_server.server import build_server
from mcp_server.settings import Settings
from tests.mcp_server.conftest import SETTINGS
from tests.mcp_server.support import call_error, call_ok

pytestmark = pytest.mark.anyio

SECRET = "pk_live_SECRET_0123456789"


def test_sanitize_removes_secrets_urls_and_control_characters_and_bounds_length() -> None:
    text = sanitize(
        f"bad key {SECRET} for https://app.polytomic.com/api/x?k={SECRET}\x1b[31m\nend" + "x" * 500, [SECRET]
    )
    assert SECRET not in text and "https://" not in text and "\x1b" not in text and "\n" not in text
    assert len(text) <= 300


@pytest.mark.parametrize(
    ("header", "seconds"), [("30", 30), (None, None), ("soon", None), ("Sat, 28 Nov 2026 12:00:30 GMT", 30)]
)
def test_retry_after_reads_seconds_and_http_dates(header: str | None, seconds: int | None) -> None:
    assert retry_after_seconds(header, now=datetime(2026, 11, 28, 12, 0, 0, tzinfo=UTC)) == seconds


async def test_forbidden_connection_says_permissions_not_arguments(mcp_client: Client) -> None:
    text = await call_error(mcp_client, "list_sync_targets", {"connection_id": FORBIDDEN})
    assert "HTTP 403" in text and "will not help" in text


async def test_unknown_connection_says_what_was_not_found(mcp_client: Client) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    text = await call_error(mcp_client, "list_sync_targets", {"connection_id": missing})
    assert f"No connection {missing}" in text


async def test_unhealthy_connection_passes_on_polytomic_s_sanitised_reason(mcp_client: Client) -> None:
    text = await call_error(mcp_client, "list_sync_targets", {"connection_id": UNHEALTHY})
    assert "HTTP 400" in text and "Polytomic said" in text and "unhealthy" in text.lower()


def _mock(handler: Callable[[httpx.Request], httpx.Response], settings: Settings) -> Client:
    api = make_api_client(settings, transport=httpx.MockTransport(handler))
    return Client(build_server(settings, api))


async def test_api_key_never_reaches_results_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(api_key=SECRET, base_url="https://polytomic.example")

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["Authorization"] == f"Bearer {SECRET}"
        if "properties" in request.url.path:
            raise httpx.ConnectError(f"cannot connect with {SECRET}")
        body = {"status": 400, "message": f"key {SECRET} invalid, see https://x.example/?key={SECRET}"}
        return httpx.Response(400, json=body)

    caplog.set_level(logging.DEBUG)
    async with _mock(handler, settings) as client:
        texts = [
            await call_error(client, "list_sync_targets", {"connection_id": SALESFORCE}),
            await call_error(client, "get_target_creation_values", {"connection_id": SALESFORCE, "property": "x"}),
        ]
    assert "Polytomic said" in texts[0] and "[redacted]" in texts[0] and "[url]" in texts[0]
    assert "Could not reach" in texts[1]
    for text in [*texts, caplog.text]:
        assert SECRET not in text


async def test_refused_connection_is_reported_as_transient_without_the_url() -> None:
    with __import__("socket").socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = Settings(api_key=SECRET, base_url=f"http://127.0.0.1:{port}")
    async with Client(build_server(settings)) as client:
        text = await call_error(client, "list_sync_targets", {"connection_id": SALESFORCE})
    assert "Could not reach the Polytomic API" in text and "127.0.0.1" not in text


async def test_an_unreadable_success_body_becomes_an_unreadable_response_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="<html>maintenance</html>", headers={"Content-Type": "text/html"})

    async with _mock(handler, SETTINGS) as client:
        text = await call_error(client, "list_sync_targets", {"connection_id": LINKEDIN_ADS})
    assert "could not read" in text


async def test_polytomic_sandbox_answers_pass_through_ok(mcp_client: Client, sandbox: Sandbox) -> None:
    assert (await call_ok(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 1}))["total"] > 0
    assert len(sandbox.requests) == 1


# Failures a GET retries (429 without a long Retry-After, 502, 503, 504) are covered in test_transport.py.
FAULTS: list[tuple[str, dict[str, object], str]] = [
    ("status", {"status": 401}, "refused this server's API credentials"),
    ("status", {"status": 403}, "HTTP 403"),
    ("status", {"status": 404}, "No connection"),
    ("status", {"status": 400}, "rejected the request (HTTP 400)"),
    ("status", {"status": 429, "retry_after": 30}, "retry after 30 s"),
    ("status", {"status": 500}, "failed to answer (HTTP 500)"),
    ("malformed_json", {}, "could not read"),
    ("truncated", {}, "Could not reach"),
]


@pytest.mark.parametrize(("kind", "options", "expected"), FAULTS)
async def test_each_upstream_failure_becomes_a_message_with_a_next_step(
    mcp_client: Client, sandbox: Sandbox, kind: str, options: dict[str, object], expected: str
) -> None:
    sandbox.faults.inject("list_sync_targets", kind, **options)  # type: ignore[arg-type]
    text = await call_error(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE})
    assert expected in text
    assert "Traceback" not in text and "sandbox.polytomic.invalid" not in text
    assert (await call_ok(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 1}))["total"] > 0


@pytest.mark.parametrize("kind", ["unknown_values", "oversized"])
async def test_unknown_values_and_oversized_answers_are_still_trimmed(
    mcp_client: Client, sandbox: Sandbox, kind: str
) -> None:
    sandbox.faults.inject("list_sync_targets", kind)  # type: ignore[arg-type]
    page = await call_ok(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE})
    assert len(page["targets"]) == 50 and page["next_cursor"]


async def test_a_slow_polytomic_over_a_real_port_times_out_with_a_retry_hint() -> None:
    from mcp_server.sandbox.serve import running

    sandbox = Sandbox()
    sandbox.faults.inject("list_sync_targets", "delay", delay=3, count=10)  # read timeouts are retried
    with running(sandbox) as url:
        settings = Settings(api_key=SETTINGS.api_key, base_url=url, timeout=0.3, call_deadline=1.5)
        async with Client(build_server(settings)) as client:
            text = await call_error(client, "list_sync_targets", {"connection_id": SALESFORCE})
    assert "did not answer in time" in text and "POLYTOMIC_TIMEOUT" in text


BASIC = Settings(basic_auth=("deploy-user", "s3cr3t-deployment-key"), base_url="https://polytomic.acme.example")


@pytest.mark.parametrize(
    "leak",
    [
        "deploy-user:s3cr3t-deployment-key",
        "Basic ZGVwbG95LXVzZXI6czNjcjN0LWRlcGxveW1lbnQta2V5",  # base64 of user:password, as the header carries it
        "password s3cr3t-deployment-key",
        "s3cr3t%2Ddeployment-key".replace("%2D", "-"),
        "user deploy-user",
        "twice s3cr3t-deployment-key and s3cr3t-deployment-key",
        "split by a NUL: s3cr3t-\x00deployment-key",
    ],
)
def test_every_form_of_a_basic_credential_is_scrubbed(leak: str) -> None:
    text = sanitize(f"denied: {leak}.", BASIC.secrets, BASIC.hosts)
    for part in ("deploy-user", "s3cr3t", "ZGVwbG95", "deployment-key"):
        assert part not in text, text
    assert "[redacted]" in text


def test_an_api_key_is_scrubbed_raw_percent_encoded_and_after_bearer_everywhere() -> None:
    settings = Settings(api_key="key/with+odd=chars", base_url="https://app.polytomic.com")
    text = sanitize("Bearer key/with+odd=chars, key%2Fwith%2Bodd%3Dchars, key/with+odd=chars", settings.secrets)
    assert "key" not in text.replace("[redacted]", ""), text
    assert text.count("[redacted]") == 3


@pytest.mark.parametrize(
    ("raw", "gone"),
    [
        ("see_https://app.polytomic.com/api/connections/x for details", "polytomic.com"),
        ("at https:\x00//app.polytomic.com/api/x now", "polytomic.com"),
        ("retry app.polytomic.com/api/connections/123 later", "polytomic.com"),
        ("retry APP.POLYTOMIC.COM/api later", "POLYTOMIC"),
        ("proxy http://10.0.0.7:8080/internal?token=abc failed", "10.0.0.7"),
        ("go to //internal.example/x", "internal.example"),
        ("ftp+ssh://host/x and s3://bucket/key", "bucket"),
    ],
)
def test_urls_and_the_configured_host_are_scrubbed_even_when_glued_or_split(raw: str, gone: str) -> None:
    text = sanitize(raw, (), ("app.polytomic.com",))
    assert gone not in text and "[url]" in text, text


def test_sanitize_keeps_ordinary_text_and_turns_line_breaks_into_spaces() -> None:
    assert sanitize("connection 'Legacy CRM' is unhealthy:\n\tError 1045 (28000)") == (
        "connection 'Legacy CRM' is unhealthy: Error 1045 (28000)"
    )


def test_sanitize_bounds_a_huge_message_before_looking_at_it() -> None:
    huge = "a" * 1_000_000 + " https://app.polytomic.com/x " + SECRET
    text = sanitize(huge, [SECRET])
    assert len(text) <= 300 and text.endswith("…")
    assert SECRET not in sanitize("x" * 1_000_000 + SECRET, [SECRET])


def test_the_sandbox_has_no_host_to_scrub_but_a_real_deployment_does() -> None:
    assert Settings(sandbox=True).hosts == ()
    assert BASIC.hosts == ("polytomic.acme.example",)


@pytest.mark.parametrize("auth", ["api_key", "basic_auth"])
async def test_no_log_line_at_any_level_carries_a_credential(caplog: pytest.LogCaptureFixture, auth: str) -> None:
    from mcp_server.sandbox.serve import running

    key, user, password = "pk_live_LOGCHECK_0123456789", "deploy-logcheck", "pw-LOGCHECK-0123456789"
    sandbox = Sandbox(api_key=key, basic_auth=(user, password))
    leak = key if auth == "api_key" else f"{user}:{password}"
    sandbox.faults.inject("list_sync_targets", "status", status=400, message=f"bad credential {leak}")
    caplog.set_level(logging.DEBUG)  # the root logger, so httpx's and httpcore's own DEBUG lines too
    with running(sandbox) as url:
        settings = (
            Settings(api_key=key, base_url=url)
            if auth == "api_key"
            else Settings(basic_auth=(user, password), base_url=url)
        )
        async with Client(build_server(settings)) as client:
            rejected = await call_error(client, "list_sync_targets", {"connection_id": SALESFORCE})
            await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 2})
            await call_ok(client, "get_target_creation_values", {"connection_id": LINKEDIN_ADS, "property": "account"})
    assert "[redacted]" in rejected
    assert any(record.name.startswith("httpcore") for record in caplog.records), "httpcore DEBUG lines were captured"
    secrets = [key, password, "ZGVwbG95LWxvZ2NoZWNr", "cGtfbGl2ZV9MT0dDSEVDSw"]
    for record in caplog.records:
        line = record.getMessage()
        assert not any(secret in line for secret in secrets), line
