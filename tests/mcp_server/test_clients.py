from __future__ import annotations

import base64

import httpx
import pytest
from mcp import Client

from polytomic_mcp import __version__
from polytomic_mcp.clients import (
    VERSION_HEADER,
    make_api_client,
    make_transport,
)
from polytomic_mcp.sandbox import DEFAULT_API_KEY, DEFAULT_BASIC_AUTH, SANDBOX_BASE_URL, Sandbox, wired
from polytomic_mcp.sandbox.dataset import SALESFORCE
from polytomic_mcp.server import build_server
from polytomic_mcp.settings import Settings
from polytomic_sync_client import AuthenticatedClient
from polytomic_sync_client import Client as UnauthenticatedClient
from tests.mcp_server.support import call_error, call_ok

pytestmark = pytest.mark.anyio


async def test_on_premises_basic_auth_is_sent_as_basic_credentials_and_accepted(sandbox: Sandbox) -> None:
    settings = Settings(basic_auth=DEFAULT_BASIC_AUTH, base_url=SANDBOX_BASE_URL, api_version="2024-02-08")
    api = make_api_client(settings, transport=sandbox.transport())
    assert isinstance(api, UnauthenticatedClient) and not isinstance(api, AuthenticatedClient)
    async with Client(build_server(settings, api)) as client:
        page = await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 1})
    assert page["total"] > 0
    [request] = sandbox.requests
    assert request.header(VERSION_HEADER) == "2024-02-08"
    assert request.header("user-agent") == f"polytomic-mcp/{__version__}"


async def test_a_wrong_basic_auth_password_is_reported_as_refused_credentials(sandbox: Sandbox) -> None:
    settings = Settings(basic_auth=(DEFAULT_BASIC_AUTH[0], "not-the-password"), base_url=SANDBOX_BASE_URL)
    async with Client(build_server(settings, make_api_client(settings, transport=sandbox.transport()))) as client:
        text = await call_error(client, "list_sync_targets", {"connection_id": SALESFORCE})
    assert "refused this server's API credentials (HTTP 401)" in text and "not-the-password" not in text


def test_settings_without_credentials_cannot_build_a_client() -> None:
    with pytest.raises(ValueError) as raised:
        make_api_client(Settings(base_url=SANDBOX_BASE_URL))
    assert str(raised.value) == "settings carry no credentials"


@pytest.mark.parametrize(
    "settings",
    [
        Settings(api_key="pk_test_0123", base_url="https://pt.example", api_version="2024-02-08", timeout=7),
        Settings(basic_auth=("deploy", "pw-0123"), base_url="https://pt.example", api_version="2024-02-08", timeout=7),
    ],
)
async def test_the_client_carries_the_base_url_version_user_agent_timeout_and_credentials(settings: Settings) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"data": []})

    async with make_api_client(settings, transport=httpx.MockTransport(handler)) as api:
        http = api.get_async_httpx_client()
        assert http.timeout == httpx.Timeout(7)
        await http.get("/api/connections")
    [request] = seen
    assert str(request.url) == "https://pt.example/api/connections"
    assert request.headers[VERSION_HEADER] == "2024-02-08"
    assert request.headers["User-Agent"] == f"polytomic-mcp/{__version__}"
    expected = (
        f"Bearer {settings.api_key}" if settings.api_key else "Basic " + base64.b64encode(b"deploy:pw-0123").decode()
    )
    assert request.headers["Authorization"] == expected


def test_the_transport_takes_its_retries_deadline_and_body_cap_from_the_settings() -> None:
    transport = make_transport(Settings(api_key="k", max_retries=2, call_deadline=7.5, max_response_mb=0.5))
    assert (transport.policy.max_attempts, transport.policy.default_deadline) == (3, 7.5)
    assert transport.max_bytes == 524_288
    assert make_transport(Settings(api_key="k", max_response_mb=None)).max_bytes is None  # no cap


@pytest.mark.parametrize(("api_key", "sent"), [(None, DEFAULT_API_KEY), ("pk_mine", "pk_mine")])
async def test_the_sandbox_wiring_aims_the_client_at_the_sandbox_with_its_version_user_agent_timeout_and_key(
    api_key: str | None, sent: str
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"data": []})

    settings, _ = wired(Settings(sandbox=True, api_key=api_key, api_version="2024-02-08", timeout=7))
    async with make_api_client(settings, transport=httpx.MockTransport(handler)) as api:
        http = api.get_async_httpx_client()
        assert http.timeout == httpx.Timeout(7)
        await http.get("/api/connections")
    [request] = seen
    assert str(request.url) == f"{SANDBOX_BASE_URL}/api/connections"
    assert request.headers[VERSION_HEADER] == "2024-02-08"
    assert request.headers["User-Agent"] == f"polytomic-mcp/{__version__}"
    assert request.headers["Authorization"] == f"Bearer {sent}"
