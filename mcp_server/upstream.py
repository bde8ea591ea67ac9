"""The only code that builds or finds the generated API client."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import hmac
import logging
import secrets as _random
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError

from generated_client import AuthenticatedClient, Client
from generated_client.types import Response

from . import __version__, errors
from .cache import ResponseCache
from .settings import DEFAULT_CALL_DEADLINE, ENV_CALL_DEADLINE, ENV_MAX_RESPONSE_MB, Settings
from .transport import PolytomicTransport, ResponseTooLarge, RetryPolicy, call_deadline

logger = logging.getLogger(__name__)

T = TypeVar("T")
ApiClient = AuthenticatedClient | Client
VERSION_HEADER = "X-Polytomic-Version"
MEGABYTE = 1024 * 1024
MAX_CALLER_CLIENTS = 256

_FINGERPRINT_KEY = _random.token_bytes(32)  # per process: fingerprints mean nothing outside it


def credential_fingerprint(secret: str) -> str:
    """A keyed hash of a credential: equal for equal credentials in this process, useless to anyone else."""
    return hmac.new(_FINGERPRINT_KEY, secret.encode(), hashlib.sha256).hexdigest()


def settings_fingerprint(settings: Settings) -> str:
    """The fingerprint of the credential these settings send (the sandbox's own key in sandbox mode)."""
    if settings.sandbox:
        return credential_fingerprint("sandbox")
    if settings.basic_auth:
        return credential_fingerprint("basic\0" + "\0".join(settings.basic_auth))
    return credential_fingerprint("bearer\0" + (settings.api_key or ""))


def response_cache(settings: Settings) -> ResponseCache:
    return ResponseCache(ttl=settings.cache_ttl, max_bytes=max(1, int(settings.cache_max_mb * MEGABYTE)))


@dataclass(frozen=True)
class Upstream:
    """What a tool needs to talk to Polytomic: the client, the secrets and hosts to scrub from errors, the cache.

    Every cache key starts with `fingerprint` (the credential's keyed hash), so one credential's answers are
    never served to another, even when several Upstreams share one cache. In passthrough mode the lifespan's
    Upstream carries `callers` instead, and `upstream(ctx)` hands each call its caller's own Upstream.
    """

    client: ApiClient
    secrets: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    fingerprint: str = ""
    cache: ResponseCache = field(default_factory=ResponseCache)
    deadline: float = DEFAULT_CALL_DEADLINE  # seconds per tool call: retries, waits and reading the body
    callers: CallerClients | None = field(default=None, repr=False, compare=False)

    async def fetch(
        self,
        key: tuple[Hashable, ...],
        call: Callable[[], Awaitable[Response[Any]]],
        expected: type[T],
        *,
        not_found: str,
        forbidden_what: str = "this connection",
        refresh: bool = False,
    ) -> T:
        """The parsed 2xx answer of `call()` (a generated `*_detailed` call), from the cache when fresh.

        `key` names the operation and its arguments, e.g. ("list_sync_targets", connection_id, flag).
        Identical concurrent fetches share one upstream call; failures (ToolError) are never cached.
        """

        async def load() -> tuple[object, int]:
            size = 0

            async def sized() -> Response[Any]:
                nonlocal size
                response = await call()
                size = len(response.content)
                return response

            try:
                with call_deadline(self.deadline):
                    async with asyncio.timeout(self.deadline):
                        value = await errors.fetch(
                            sized(),
                            expected,
                            not_found=not_found,
                            forbidden_what=forbidden_what,
                            secrets=self.secrets,
                            hosts=self.hosts,
                        )
            except TimeoutError:
                raise ToolError(
                    f"Polytomic did not finish answering within this call's deadline ({self.deadline:g} s; "
                    f"{ENV_CALL_DEADLINE}). This is usually transient: retry in a minute."
                ) from None
            except ResponseTooLarge as exc:
                raise ToolError(
                    f"Polytomic's answer is larger than this server accepts ({exc.limit / MEGABYTE:g} MB; "
                    f"{ENV_MAX_RESPONSE_MB}). Narrowing the arguments will not shrink it; the person running the "
                    f"server can raise {ENV_MAX_RESPONSE_MB}."
                ) from None
            return value, size

        value = await self.cache.get_or_fetch((self.fingerprint, *key), load, refresh=refresh)
        if not isinstance(value, expected):  # a key names one operation, so one model type
            raise ToolError(errors.UNREADABLE)
        return value


def make_upstream(settings: Settings, client: ApiClient, *, cache: ResponseCache | None = None) -> Upstream:
    """The Upstream for these settings over `client` (a fresh cache unless one is given to share)."""
    return Upstream(
        client=client,
        secrets=settings.secrets,
        hosts=settings.hosts,
        fingerprint=settings_fingerprint(settings),
        cache=cache if cache is not None else response_cache(settings),
        deadline=settings.call_deadline,
    )


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
    fingerprint, all sending through one shared connection pool (no pool per request or per caller)."""

    def __init__(
        self, settings: Settings, transport: httpx.AsyncBaseTransport, *, max_size: int = MAX_CALLER_CLIENTS
    ) -> None:
        self._settings = settings
        self._pool = transport
        self._shared = _SharedTransport(transport)
        self._max_size = max_size
        self._clients: OrderedDict[str, Upstream] = OrderedDict()

    @property
    def size(self) -> int:
        return len(self._clients)

    def base(self) -> Upstream:
        """The lifespan's Upstream: an unauthenticated client (never used for calls), the one cache every caller
        shares (keyed by each caller's fingerprint), and this registry."""
        client = Client(base_url=_base_url(self._settings), httpx_args={"transport": self._shared})
        return dataclasses.replace(make_upstream(self._settings, client), fingerprint="", callers=self)

    def get(self, base: Upstream, token: str) -> Upstream:
        """`base` acting with this caller's Polytomic API key (its client is created on first use)."""
        fingerprint = credential_fingerprint(token)
        found = self._clients.get(fingerprint)
        if found is not None:
            self._clients.move_to_end(fingerprint)
            return found
        client = make_api_client(dataclasses.replace(self._settings, api_key=token), transport=self._shared)
        found = dataclasses.replace(
            base,
            client=client,
            secrets=dataclasses.replace(self._settings, api_key=token).secrets,
            fingerprint=fingerprint,
            callers=None,
        )
        self._clients[fingerprint] = found
        while len(self._clients) > self._max_size:
            # The evicted client holds no connection of its own (they are the shared pool's), so dropping it
            # is enough, and a call still using it completes.
            self._clients.popitem(last=False)
        return found

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


def upstream(ctx: Context[Upstream, Any]) -> Upstream:
    """The Upstream for this call, from a tool's context (one accessor, so an SDK change touches one line): the
    lifespan's, or in passthrough mode the one acting with the calling user's own Polytomic API key."""
    base = ctx.request_context.lifespan_context
    if base.callers is None:
        return base
    access = get_access_token()
    if access is None:
        raise ToolError("This server acts with each caller's own Polytomic API key: send it as the bearer token.")
    return base.callers.get(base, access.token)
