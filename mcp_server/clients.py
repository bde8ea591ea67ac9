"""Building the generated API client: the only code that imports the HTTP stack (on first use, not at start-up).

Every client sends through `make_transport` (GET retries within the call's deadline, a cap on the decoded body
size). In passthrough mode `CallerClients` keeps one client per caller credential over one shared pool.
"""

from __future__ import annotations

import dataclasses
import functools
import time
from collections import OrderedDict
from collections.abc import Callable

import httpx
from mcp.server.mcpserver.exceptions import ToolError

from generated_client import AuthenticatedClient, Client

from . import __version__, errors
from .settings import Settings
from .transport import PolytomicTransport, RetryPolicy
from .upstream import MEGABYTE, Upstream, credential_fingerprint, make_upstream, response_cache

ApiClient = AuthenticatedClient | Client
VERSION_HEADER = "X-Polytomic-Version"
MAX_CALLER_CLIENTS = 256
REFUSED_FOR = 60.0  # seconds a key Polytomic refused is refused here without asking again
NEW_KEYS_PER_MINUTE = 10  # keys this server does not know yet, per client address
MAX_REMEMBERED = 10_000  # refused keys and addresses remembered (oldest forgotten first)
CALLER_CACHE_SHARE = 0.25  # of the shared cache's entries and bytes, at most, for one caller's answers


def make_transport(settings: Settings, inner: httpx.AsyncBaseTransport | None = None) -> PolytomicTransport:
    """The transport every request goes through: GET retries within the call deadline, capped body size."""
    cap = None if settings.max_response_mb is None else int(settings.max_response_mb * MEGABYTE)
    return PolytomicTransport(
        inner or httpx.AsyncHTTPTransport(),
        policy=RetryPolicy(max_attempts=settings.max_retries + 1, default_deadline=settings.call_deadline),
        max_bytes=cap,
    )


class _SharedTransport(httpx.AsyncBaseTransport):
    """One connection pool for every caller's client: closing a caller's client leaves the pool open."""

    def __init__(self, transport: httpx.AsyncBaseTransport) -> None:
        self.transport = transport

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.transport.handle_async_request(request)

    async def aclose(self) -> None:
        """The pool's owner (CallerClients) closes it, once, at shutdown."""


class CallerClients:
    """Per-caller Upstreams for passthrough mode: a bounded LRU of generated clients keyed by credential
    fingerprint, all sending through one shared connection pool (no pool per request or per caller).

    It also keeps the server from relaying key guesses to Polytomic: a key Polytomic refused (401) is refused here
    for REFUSED_FOR seconds without asking again, and each client address may bring at most NEW_KEYS_PER_MINUTE
    keys this registry does not know yet. Keys are held by fingerprint only (a keyed hash).
    """

    def __init__(
        self,
        settings: Settings,
        transport: httpx.AsyncBaseTransport,
        *,
        max_size: int = MAX_CALLER_CLIENTS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._settings = settings
        self._pool = transport
        self._shared = _SharedTransport(transport)
        self._max_size = max_size
        self._clock = clock
        self._clients: OrderedDict[str, Upstream] = OrderedDict()
        self._refused: OrderedDict[str, float] = OrderedDict()  # fingerprint -> until when
        self._new_keys: OrderedDict[str, list[float]] = OrderedDict()  # address -> when it brought new keys

    def base(self) -> Upstream:
        """The lifespan's Upstream: an unauthenticated client (never used for calls), the one cache every caller
        shares (keyed by each caller's fingerprint, each caller's share of it bounded), and this registry."""
        client = Client(base_url=_base_url(self._settings), httpx_args={"transport": self._shared})
        base = make_upstream(self._settings, client)
        shared = response_cache(self._settings, owner_share=CALLER_CACHE_SHARE)
        return dataclasses.replace(base, cache=shared, callers=self)

    def get(self, base: Upstream, token: str, address: str | None = None) -> Upstream:
        """`base` acting with this caller's Polytomic API key (its client is created on first use); a ToolError,
        with nothing sent, for a key refused a moment ago or a new key beyond its address's allowance."""
        fingerprint = credential_fingerprint(token)
        now = self._clock()
        if self._refused.get(fingerprint, now) > now:
            raise errors.CredentialsRefused(errors.CALLER_CREDENTIALS_REFUSED)
        found = self._clients.get(fingerprint)
        if found is not None:
            self._clients.move_to_end(fingerprint)
            return found
        self._admit_new_key(address or "", now)
        client = make_api_client(dataclasses.replace(self._settings, api_key=token), transport=self._shared)
        found = dataclasses.replace(
            base,
            client=client,
            secrets=dataclasses.replace(self._settings, api_key=token).secrets,
            fingerprint=fingerprint,
            callers=None,
            caller_key=True,
            on_refused=functools.partial(self._refuse, fingerprint),
        )
        self._clients[fingerprint] = found
        while len(self._clients) > self._max_size:
            # The evicted client holds no connection of its own (they are the shared pool's), so dropping it
            # is enough, and a call still using it completes.
            self._clients.popitem(last=False)
        return found

    def _refuse(self, fingerprint: str) -> None:
        """Polytomic refused this key: forget its client and refuse it here for REFUSED_FOR seconds."""
        self._clients.pop(fingerprint, None)
        self._refused[fingerprint] = self._clock() + REFUSED_FOR
        self._refused.move_to_end(fingerprint)
        while len(self._refused) > MAX_REMEMBERED:
            self._refused.popitem(last=False)

    def _admit_new_key(self, address: str, now: float) -> None:
        recent = [at for at in self._new_keys.pop(address, []) if now - at < 60.0]
        if len(recent) >= NEW_KEYS_PER_MINUTE:
            self._new_keys[address] = recent
            raise ToolError(
                f"This address presented more than {NEW_KEYS_PER_MINUTE} new Polytomic API keys within a minute; "
                "nothing was sent to Polytomic. Wait a minute, and connect with one valid key."
            )
        self._new_keys[address] = [*recent, now]
        while len(self._new_keys) > MAX_REMEMBERED:
            self._new_keys.popitem(last=False)

    async def aclose(self) -> None:
        self._clients.clear()
        await self._pool.aclose()


def _base_url(settings: Settings) -> str:
    if settings.sandbox:
        from .sandbox import SANDBOX_BASE_URL

        return SANDBOX_BASE_URL
    return settings.base_url


def make_api_client(settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None) -> ApiClient:
    """The async-capable generated client for these settings (the built-in sandbox when settings.sandbox).

    Whatever transport is given is wrapped by `make_transport` (retries, deadline, body cap).
    """
    headers = {VERSION_HEADER: settings.api_version, "User-Agent": f"polytomic-mcp/{__version__}"}
    timeout = httpx.Timeout(settings.timeout)
    if settings.sandbox:
        from .sandbox import DEFAULT_API_KEY, SANDBOX_BASE_URL, Sandbox

        return AuthenticatedClient(
            base_url=SANDBOX_BASE_URL,
            token=settings.api_key or DEFAULT_API_KEY,
            headers=headers,
            timeout=timeout,
            httpx_args={"transport": make_transport(settings, transport or Sandbox().transport())},
        )
    httpx_args: dict[str, object] = {"transport": make_transport(settings, transport)}
    if settings.basic_auth:
        httpx_args["auth"] = httpx.BasicAuth(*settings.basic_auth)
        return Client(base_url=settings.base_url, headers=headers, timeout=timeout, httpx_args=httpx_args)
    if not settings.api_key:
        raise ValueError("settings carry no credentials")
    return AuthenticatedClient(
        base_url=settings.base_url, token=settings.api_key, headers=headers, timeout=timeout, httpx_args=httpx_args
    )


def caller_transport(settings: Settings) -> httpx.AsyncBaseTransport:
    """The one connection pool passthrough callers share (the in-process sandbox when settings.sandbox)."""
    if settings.sandbox:
        from .sandbox import Sandbox

        return Sandbox().transport()
    return httpx.AsyncHTTPTransport(limits=httpx.Limits(max_connections=100, max_keepalive_connections=20))
