"""Passthrough: per-caller clients over one pool and one cache, and the guards against guessed keys."""

from __future__ import annotations

import httpx
import pytest
from mcp.server.auth.middleware.auth_context import auth_context_var
from mcp.server.auth.middleware.bearer_auth import AuthenticatedUser
from mcp.server.auth.provider import AccessToken
from mcp.server.mcpserver.exceptions import ToolError

from polytomic_mcp.cache import REFRESH_WINDOW, ResponseCache
from polytomic_mcp.errors import CALLER_CREDENTIALS_REFUSED
from polytomic_mcp.fingerprints import credential_fingerprint
from polytomic_mcp.passthrough import NEW_KEYS_PER_MINUTE, REFUSED_FOR, CallerClients, caller_transport
from polytomic_mcp.sandbox import DEFAULT_API_KEY, SANDBOX_BASE_URL, SECOND_API_KEY, Sandbox, wired
from polytomic_mcp.sandbox.dataset import SALESFORCE
from polytomic_mcp.settings import Settings
from polytomic_mcp.tools.connections_handler import fetch_connections
from tests.mcp_server.support import Clock
from tests.mcp_server.test_shared_cache import redis_server

pytestmark = pytest.mark.anyio


async def test_passthrough_keeps_a_bounded_set_of_caller_clients_over_one_pool() -> None:

    callers = CallerClients(*wired(Settings(sandbox=True, auth_mode="passthrough")), max_size=2)
    first = callers.get("pk_first_key_0001")
    assert first.client._base_url == SANDBOX_BASE_URL and first.fingerprint == credential_fingerprint(
        "pk_first_key_0001"
    )
    assert callers.get("pk_first_key_0001") is first  # reused, not rebuilt
    callers.get("pk_second_key_002")
    callers.get("pk_third_key_0003")  # the least recently used (the first) goes
    assert callers.get("pk_first_key_0001") is not first
    assert first.secrets and "pk_first_key_0001" in first.secrets and first.cache is callers.cache
    await callers.aclose()


async def test_passthrough_against_polytomic_pools_real_connections() -> None:
    transport = caller_transport()
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

    pool = Recording(sandbox.transport())
    callers = CallerClients(Settings(base_url=SANDBOX_BASE_URL, auth_mode="passthrough"), pool)
    for key in (DEFAULT_API_KEY, SECOND_API_KEY):
        caller = callers.get(key)
        assert caller.fingerprint == credential_fingerprint(key) and caller.caller_key is True
        assert caller.cache is callers.cache and key in caller.secrets
        await fetch_connections(caller)
        assert pool.seen[-1].headers["Authorization"] == f"Bearer {key}"
    assert [r.route for r in sandbox.requests] == ["list_connections", "list_connections"]
    await callers.aclose()
    assert pool.closed


async def test_a_full_set_of_caller_clients_keeps_every_one_until_it_overflows() -> None:

    callers = CallerClients(*wired(Settings(sandbox=True, auth_mode="passthrough")), max_size=2)
    first, second = callers.get("pk_first_key_0001"), callers.get("pk_second_key_002")
    assert callers.get("pk_first_key_0001") is first and callers.get("pk_second_key_002") is second
    callers.get("pk_third_key_0003")  # the least recently used (now the first) goes, the second stays
    assert callers.get("pk_second_key_002") is second
    await callers.aclose()


async def test_the_shared_passthrough_pool_allows_100_connections_and_keeps_20_alive() -> None:
    transport = caller_transport()
    assert isinstance(transport, httpx.AsyncHTTPTransport)
    pool = transport._pool
    assert (pool._max_connections, pool._max_keepalive_connections) == (100, 20)
    await transport.aclose()


def _guarded(sandbox: Sandbox, clock: Clock) -> CallerClients:
    return CallerClients(Settings(base_url=SANDBOX_BASE_URL, auth_mode="passthrough"), sandbox.transport(), clock=clock)


async def test_a_key_polytomic_refused_is_refused_here_for_a_minute_without_asking_again(sandbox: Sandbox) -> None:
    clock = Clock()
    callers = _guarded(sandbox, clock)
    for _ in range(3):
        with pytest.raises(ToolError) as refused:
            await fetch_connections(callers.get("pk_made_up_key_0001", "10.0.0.9"))
        assert str(refused.value) == CALLER_CREDENTIALS_REFUSED
    assert [r.route for r in sandbox.requests] == ["list_connections"]  # asked once
    clock.now += REFUSED_FOR
    with pytest.raises(ToolError):
        await fetch_connections(callers.get("pk_made_up_key_0001", "10.0.0.9"))
    assert len(sandbox.requests) == 2  # a minute later, Polytomic is asked again
    await fetch_connections(callers.get(DEFAULT_API_KEY, "10.0.0.9"))  # a good key is unaffected
    await callers.aclose()


async def test_an_address_may_bring_ten_new_keys_a_minute_and_known_keys_are_never_counted(sandbox: Sandbox) -> None:
    clock = Clock()
    callers = _guarded(sandbox, clock)
    await fetch_connections(callers.get(DEFAULT_API_KEY, "10.0.0.9"))  # known from now on
    refused = 0
    for n in range(3_000):
        try:
            await fetch_connections(callers.get(f"pk_guess_{n:06d}", "10.0.0.9"))
        except ToolError as exc:
            refused += "new Polytomic API keys within a minute" in str(exc)
    assert len(sandbox.requests) == NEW_KEYS_PER_MINUTE  # the known key, then 9 guesses
    assert refused == 3_000 - (NEW_KEYS_PER_MINUTE - 1)
    await fetch_connections(callers.get(DEFAULT_API_KEY, "10.0.0.9"))  # known: still served (cached)
    with pytest.raises(ToolError, match="refused the API key"):  # another address has its own allowance
        await fetch_connections(callers.get("pk_guess_elsewhere", "10.0.0.10"))
    clock.now += 60
    with pytest.raises(ToolError, match="refused the API key"):  # a minute later, this address may again
        await fetch_connections(callers.get("pk_guess_later_01", "10.0.0.9"))
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
    callers.cache = ResponseCache(clock=clock)
    one, two = callers.get("pk_first_key_0001"), callers.get("pk_second_key_002")
    await fetch_connections(one)
    await fetch_connections(two)
    assert len(callers.cache) == 2
    revoked.add("pk_first_key_0001")
    await fetch_connections(one)  # still cached: Polytomic has not been asked since
    clock.now += REFRESH_WINDOW  # an explicit refresh, past the refresh window
    with pytest.raises(ToolError, match="refused the API key"):
        await fetch_connections(one, refresh=True)
    assert len(callers.cache) == 1  # the other key's answer stays
    with pytest.raises(ToolError, match="refused the API key"):  # and the revoked key is not served from memory
        await fetch_connections(callers.get("pk_first_key_0001"))
    await callers.aclose()


async def test_without_a_bearer_token_the_resolver_says_what_to_send() -> None:
    callers = CallerClients(Settings(sandbox=True, auth_mode="passthrough"), httpx.AsyncHTTPTransport())
    with pytest.raises(ToolError) as raised:
        callers.resolve("127.0.0.1")  # in memory or over stdio: no HTTP auth layer put a key in the context
    assert (
        str(raised.value) == "This server acts with each caller's own Polytomic API key: send it as the bearer token."
    )
    await callers.aclose()


async def test_refused_keys_and_addresses_are_remembered_up_to_a_bound_the_oldest_forgotten_first(
    sandbox: Sandbox,
) -> None:
    callers = CallerClients(
        Settings(base_url=SANDBOX_BASE_URL, auth_mode="passthrough"), sandbox.transport(), remembered=2
    )
    for n in range(3):  # three refused keys from three addresses: the first of each is forgotten
        with pytest.raises(ToolError):
            await fetch_connections(callers.get(f"pk_made_up_key_{n:04d}", f"10.0.0.{n}"))
    assert len(sandbox.requests) == 3
    with pytest.raises(ToolError, match="refused the API key"):  # forgotten: Polytomic is asked again
        await fetch_connections(callers.get("pk_made_up_key_0000", "10.0.0.0"))
    assert len(sandbox.requests) == 4
    with pytest.raises(ToolError, match="refused the API key"):  # remembered: refused here
        await fetch_connections(callers.get("pk_made_up_key_0002", "10.0.0.2"))
    assert len(sandbox.requests) == 4
    await callers.aclose()


TOO_MANY_NEW_KEYS = (
    f"This address presented more than {NEW_KEYS_PER_MINUTE} new Polytomic API keys within a minute; nothing was "
    "sent to Polytomic. Wait a minute, and connect with one valid key."
)


async def test_addresses_are_remembered_up_to_a_bound_the_oldest_forgotten_first() -> None:
    callers = CallerClients(*wired(Settings(sandbox=True, auth_mode="passthrough")), remembered=2)
    for n in range(NEW_KEYS_PER_MINUTE):
        callers.get(f"pk_first_address_{n:04d}", "10.0.0.1")
    callers.get("pk_second_address_1", "10.0.0.2")  # two addresses: both remembered
    with pytest.raises(ToolError) as refused:
        callers.get("pk_first_address_late", "10.0.0.1")
    assert str(refused.value) == TOO_MANY_NEW_KEYS
    callers.get("pk_third_address_01", "10.0.0.3")  # the second address is now the oldest: forgotten
    callers.get("pk_fourth_address_1", "10.0.0.4")  # and then the first
    callers.get("pk_first_address_again", "10.0.0.1")  # forgotten, so its allowance starts afresh
    await callers.aclose()


def _as_caller(key: str) -> AuthenticatedUser:
    return AuthenticatedUser(AccessToken(token=key, client_id=f"key-{credential_fingerprint(key)[:16]}", scopes=[]))


async def test_the_resolver_counts_each_bearer_token_against_its_own_client_address() -> None:
    callers = CallerClients(*wired(Settings(sandbox=True, auth_mode="passthrough")))

    def resolve(key: str, address: str) -> None:
        token = auth_context_var.set(_as_caller(key))
        try:
            assert callers.resolve(address).fingerprint == credential_fingerprint(key)
        finally:
            auth_context_var.reset(token)

    for n in range(NEW_KEYS_PER_MINUTE):
        resolve(f"pk_first_address_{n:04d}", "10.0.0.1")
    with pytest.raises(ToolError, match="new Polytomic API keys within a minute"):
        resolve("pk_first_address_late", "10.0.0.1")
    resolve("pk_second_address_1", "10.0.0.2")  # another address has its own allowance
    await callers.aclose()


async def test_a_refused_key_s_client_is_dropped_even_when_the_lru_had_already_let_it_go(sandbox: Sandbox) -> None:
    callers = CallerClients(
        Settings(base_url=SANDBOX_BASE_URL, auth_mode="passthrough"), sandbox.transport(), max_size=2
    )
    refused = callers.get("pk_made_up_key_0001")
    assert callers.callers == 1
    with pytest.raises(ToolError, match="refused the API key"):
        await fetch_connections(refused)
    assert callers.callers == 0  # the caller_clients gauge no longer counts it
    evicted = callers.get("pk_made_up_key_0002")
    callers.get(DEFAULT_API_KEY)
    callers.get(SECOND_API_KEY)  # the LRU lets the made-up key's client go while a call may still hold it
    with pytest.raises(ToolError) as raised:
        await fetch_connections(evicted)
    assert str(raised.value) == CALLER_CREDENTIALS_REFUSED
    with pytest.raises(ToolError, match="refused the API key"):  # and it is refused here from now on
        callers.get("pk_made_up_key_0002")
    assert len(sandbox.requests) == 2
    await callers.aclose()


async def test_a_caller_s_upstream_scrubs_the_api_host_and_keeps_the_server_s_call_deadline() -> None:
    def polytomic(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={"message": "see polytomic.example/api/connections for the fields"})

    settings = Settings(base_url="https://polytomic.example", auth_mode="passthrough", call_deadline=7.0)
    callers = CallerClients(settings, httpx.MockTransport(polytomic))
    caller = callers.get("pk_first_key_0001")
    assert caller.deadline == 7.0
    with pytest.raises(ToolError) as rejected:
        await fetch_connections(caller)
    assert "Polytomic said" in str(rejected.value) and "polytomic.example" not in str(rejected.value)
    await callers.aclose()


async def answer_of(size: int) -> tuple[object, int]:
    return object(), size


async def test_one_caller_holds_at_most_a_quarter_of_the_cache_which_reads_the_injected_clock(
    sandbox: Sandbox,
) -> None:
    clock = Clock()
    settings = Settings(base_url=SANDBOX_BASE_URL, auth_mode="passthrough", cache_max_mb=1)
    callers = CallerClients(settings, sandbox.transport(), clock=clock)
    answer = 100_000  # bytes; a quarter of the cache holds two
    for n in range(2):
        await callers.cache.get_or_fetch(("another caller", n), lambda: answer_of(answer))
    for n in range(6):
        await callers.cache.get_or_fetch(("one caller", n), lambda: answer_of(answer))
    assert len(callers.cache) == 2 + 2 and callers.cache.size == 4 * answer
    caller = callers.get(DEFAULT_API_KEY)
    await fetch_connections(caller)
    await fetch_connections(caller)  # from the cache
    clock.now += settings.cache_ttl
    await fetch_connections(caller)  # expired by the caller clients' clock: asked again
    assert [r.route for r in sandbox.requests] == ["list_connections", "list_connections"]
    await callers.aclose()


async def test_replicas_share_one_caller_s_answers_through_the_configured_redis(sandbox: Sandbox) -> None:
    with redis_server() as redis:
        settings = Settings(base_url=SANDBOX_BASE_URL, auth_mode="passthrough", cache_url=redis.url())
        replicas = [CallerClients(settings, sandbox.transport()) for _ in range(2)]
        for replica in replicas:
            await fetch_connections(replica.get(DEFAULT_API_KEY))
        assert [r.route for r in sandbox.requests] == ["list_connections"]  # the second replica read Redis
        for replica in replicas:
            await replica.aclose()
