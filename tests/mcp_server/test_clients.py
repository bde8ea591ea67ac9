from __future__ import annotations

import base64
import dataclasses

import httpx
import pytest
from mcp import Client
from mcp.server.mcpserver.exceptions import ToolError

from generated_client import AuthenticatedClient
from generated_client import Client as UnauthenticatedClient
from mcp_server import __version__
from mcp_server.cache import REFRESH_WINDOW, ResponseCache
from mcp_server.clients import (
    NEW_KEYS_PER_MINUTE,
    REFUSED_FOR,
    VERSION_HEADER,
    CallerClients,
    make_api_client,
    make_transport,
)
from mcp_server.errors import CALLER_CREDENTIALS_REFUSED
from mcp_server.sandbox import DEFAULT_API_KEY, DEFAULT_BASIC_AUTH, SANDBOX_BASE_URL, Sandbox
from mcp_server.sandbox.dataset import SALESFORCE
from mcp_server.server import build_server
from mcp_server.settings import Settings
from mcp_server.tools.connections import fetch_connections
from mcp_server.upstream import Upstream
from tests.mcp_server.support import Clock, call_error, call_ok

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


async def test_passthrough_keeps_a_bounded_set_of_caller_clients_over_one_pool() -> None:
    from mcp_server.clients import CallerClients, caller_transport

    settings = Settings(sandbox=True, auth_mode="passthrough")
    callers = CallerClients(settings, caller_transport(settings), max_size=2)
    base = callers.base()
    assert base.client._base_url == SANDBOX_BASE_URL and base.callers is callers and base.fingerprint == ""
    first = callers.get(base, "pk_first_key_0001")
    assert callers.get(base, "pk_first_key_0001") is first  # reused, not rebuilt
    callers.get(base, "pk_second_key_002")
    callers.get(base, "pk_third_key_0003")  # the least recently used (the first) goes
    assert callers.get(base, "pk_first_key_0001") is not first
    assert first.secrets and "pk_first_key_0001" in first.secrets and first.cache is base.cache
    await callers.aclose()


async def test_passthrough_against_polytomic_pools_real_connections() -> None:
    from mcp_server.clients import caller_transport

    transport = caller_transport(Settings(auth_mode="passthrough"))
    assert isinstance(transport, httpx.AsyncHTTPTransport)
    await transport.aclose()


class Recording(httpx.AsyncBaseTransport):
    """A connection pool stand-in: forwards to the sandbox and records what went through it."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.seen: list[httpx.Request] = []
        self.closed = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        self.closed = True


async def test_a_caller_s_upstream_calls_with_that_caller_s_key_through_the_one_shared_pool(sandbox: Sandbox) -> None:
    from mcp_server.clients import CallerClients
    from mcp_server.sandbox import SECOND_API_KEY
    from mcp_server.upstream import credential_fingerprint

    pool = Recording(sandbox.transport())
    callers = CallerClients(Settings(base_url=SANDBOX_BASE_URL, auth_mode="passthrough"), pool)
    base = callers.base()
    for key in (DEFAULT_API_KEY, SECOND_API_KEY):
        caller = callers.get(base, key)
        assert caller.fingerprint == credential_fingerprint(key) and caller.caller_key is True
        assert caller.callers is None and caller.cache is base.cache and key in caller.secrets
        async with Client(build_server(Settings(base_url=SANDBOX_BASE_URL), caller.client)) as client:
            await call_ok(client, "list_connections", {})
        assert pool.seen[-1].headers["Authorization"] == f"Bearer {key}"
    await base.client.get_async_httpx_client().get("/api/connections")  # the base client sends through the pool too
    assert len(pool.seen) == 3 and "Authorization" not in pool.seen[-1].headers
    assert [r.route for r in sandbox.requests] == ["list_connections", "list_connections", "list_connections"]
    await callers.aclose()
    assert pool.closed


async def test_a_full_set_of_caller_clients_keeps_every_one_until_it_overflows() -> None:
    from mcp_server.clients import CallerClients, caller_transport

    settings = Settings(sandbox=True, auth_mode="passthrough")
    callers = CallerClients(settings, caller_transport(settings), max_size=2)
    base = callers.base()
    first, second = callers.get(base, "pk_first_key_0001"), callers.get(base, "pk_second_key_002")
    assert callers.get(base, "pk_first_key_0001") is first and callers.get(base, "pk_second_key_002") is second
    callers.get(base, "pk_third_key_0003")  # the least recently used (now the first) goes, the second stays
    assert callers.get(base, "pk_second_key_002") is second
    await callers.aclose()


async def test_the_shared_passthrough_pool_allows_100_connections_and_keeps_20_alive() -> None:
    from mcp_server.clients import caller_transport

    transport = caller_transport(Settings(auth_mode="passthrough"))
    assert isinstance(transport, httpx.AsyncHTTPTransport)
    pool = transport._pool
    assert (pool._max_connections, pool._max_keepalive_connections) == (100, 20)
    await transport.aclose()


def test_the_transport_takes_its_retries_deadline_and_body_cap_from_the_settings() -> None:
    transport = make_transport(Settings(api_key="k", max_retries=2, call_deadline=7.5, max_response_mb=0.5))
    assert (transport.policy.max_attempts, transport.policy.default_deadline) == (3, 7.5)
    assert transport.max_bytes == 524_288
    assert make_transport(Settings(api_key="k", max_response_mb=None)).max_bytes is None  # no cap


@pytest.mark.parametrize(("api_key", "sent"), [(None, DEFAULT_API_KEY), ("pk_mine", "pk_mine")])
async def test_the_sandbox_client_carries_the_version_user_agent_timeout_and_the_key_given(
    api_key: str | None, sent: str
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"data": []})

    settings = Settings(sandbox=True, api_key=api_key, api_version="2024-02-08", timeout=7)
    async with make_api_client(settings, transport=httpx.MockTransport(handler)) as api:
        http = api.get_async_httpx_client()
        assert http.timeout == httpx.Timeout(7)
        await http.get("/api/connections")
    [request] = seen
    assert str(request.url) == f"{SANDBOX_BASE_URL}/api/connections"
    assert request.headers[VERSION_HEADER] == "2024-02-08"
    assert request.headers["User-Agent"] == f"polytomic-mcp/{__version__}"
    assert request.headers["Authorization"] == f"Bearer {sent}"


def _guarded(sandbox: Sandbox, clock: Clock) -> tuple[CallerClients, Upstream]:
    callers = CallerClients(
        Settings(base_url=SANDBOX_BASE_URL, auth_mode="passthrough"), sandbox.transport(), clock=clock
    )
    return callers, callers.base()


async def test_a_key_polytomic_refused_is_refused_here_for_a_minute_without_asking_again(sandbox: Sandbox) -> None:
    clock = Clock()
    callers, base = _guarded(sandbox, clock)
    for _ in range(3):
        with pytest.raises(ToolError) as refused:
            await fetch_connections(callers.get(base, "pk_made_up_key_0001", "10.0.0.9"))
        assert str(refused.value) == CALLER_CREDENTIALS_REFUSED
    assert [r.route for r in sandbox.requests] == ["list_connections"]  # asked once
    clock.now += REFUSED_FOR
    with pytest.raises(ToolError):
        await fetch_connections(callers.get(base, "pk_made_up_key_0001", "10.0.0.9"))
    assert len(sandbox.requests) == 2  # a minute later, Polytomic is asked again
    await fetch_connections(callers.get(base, DEFAULT_API_KEY, "10.0.0.9"))  # a good key is unaffected
    await callers.aclose()


async def test_an_address_may_bring_ten_new_keys_a_minute_and_known_keys_are_never_counted(sandbox: Sandbox) -> None:
    clock = Clock()
    callers, base = _guarded(sandbox, clock)
    await fetch_connections(callers.get(base, DEFAULT_API_KEY, "10.0.0.9"))  # known from now on
    refused = 0
    for n in range(3_000):
        try:
            await fetch_connections(callers.get(base, f"pk_guess_{n:06d}", "10.0.0.9"))
        except ToolError as exc:
            refused += "new Polytomic API keys within a minute" in str(exc)
    assert len(sandbox.requests) == NEW_KEYS_PER_MINUTE  # the known key, then 9 guesses
    assert refused == 3_000 - (NEW_KEYS_PER_MINUTE - 1)
    await fetch_connections(callers.get(base, DEFAULT_API_KEY, "10.0.0.9"))  # known: still served (cached)
    with pytest.raises(ToolError, match="refused the API key"):  # another address has its own allowance
        await fetch_connections(callers.get(base, "pk_guess_elsewhere", "10.0.0.10"))
    clock.now += 60
    with pytest.raises(ToolError, match="refused the API key"):  # a minute later, this address may again
        await fetch_connections(callers.get(base, "pk_guess_later_01", "10.0.0.9"))
    await callers.aclose()


async def test_a_401_drops_that_key_s_cached_answers_and_no_other_s() -> None:
    revoked: set[str] = set()

    def polytomic(request: httpx.Request) -> httpx.Response:
        if request.headers["Authorization"].removeprefix("Bearer ") in revoked:
            return httpx.Response(401, json={"message": "invalid key"})
        return httpx.Response(200, json={"data": [{"id": SALESFORCE, "name": "CRM"}]})

    clock = Clock()
    callers = CallerClients(
        Settings(base_url=SANDBOX_BASE_URL, auth_mode="passthrough"), httpx.MockTransport(polytomic), clock=clock
    )
    base = dataclasses.replace(callers.base(), cache=ResponseCache(clock=clock))
    one, two = callers.get(base, "pk_first_key_0001"), callers.get(base, "pk_second_key_002")
    await fetch_connections(one)
    await fetch_connections(two)
    assert len(base.cache) == 2
    revoked.add("pk_first_key_0001")
    await fetch_connections(one)  # still cached: Polytomic has not been asked since
    clock.now += REFRESH_WINDOW  # an explicit refresh, past the refresh window
    with pytest.raises(ToolError, match="refused the API key"):
        await fetch_connections(one, refresh=True)
    assert len(base.cache) == 1  # the other key's answer stays
    with pytest.raises(ToolError, match="refused the API key"):  # and the revoked key is not served from memory
        await fetch_connections(callers.get(base, "pk_first_key_0001"))
    await callers.aclose()
