from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest
from mcp import Client

from mcp_server.errors import retry_after_seconds, sanitize
from mcp_server.sandbox import Sandbox
from mcp_server.sandbox.dataset import FORBIDDEN, LINKEDIN_ADS, SALESFORCE, UNHEALTHY
from mcp_server.server import build_server
from mcp_server.settings import Settings
from mcp_server.upstream import make_api_client
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
