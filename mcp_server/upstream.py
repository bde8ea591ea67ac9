"""The only code that builds or finds the generated API client."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import secrets as secrets_module
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import httpx
from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError

from generated_client import AuthenticatedClient, Client

from . import __version__
from .settings import Settings

ApiClient = AuthenticatedClient | Client
VERSION_HEADER = "X-Polytomic-Version"
MAX_CALLER_CLIENTS = 256

# Fingerprints identify a credential inside this process (cache keys, client pools) without holding it: keyed
# with a random per-process key, they cannot be reversed or compared across processes or restarts.
_FINGERPRINT_KEY = secrets_module.token_bytes(32)


def credential_fingerprint(secret: str) -> str:
    """HMAC-SHA256 of a credential under this process's random key, as hex."""
    return hmac.new(_FINGERPRINT_KEY, secret.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Upstream:
    """What a tool needs to talk to Polytomic: the client, the secrets and hosts to scrub from errors, and the
    fingerprint of the credential the client acts with (what caches are keyed by). In passthrough mode the lifespan's
    Upstream carries `callers` instead, and `upstream(ctx)` hands each call its caller's own Upstream."""

    client: ApiClient
    secrets: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    fingerprint: str = ""
    callers: CallerClients | None = field(default=None, repr=False, compare=False)


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
        """The lifespan's Upstream: an unauthenticated client (never used for calls) and this registry."""
        client = Client(base_url=_base_url(self._settings), httpx_args={"transport": self._shared})
        return Upstream(client=client, hosts=self._settings.hosts, callers=self)

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
    """The async-capable generated client for these settings (the built-in sandbox when settings.sandbox)."""
    headers = {VERSION_HEADER: settings.api_version, "User-Agent": f"polytomic-mcp/{__version__}"}
    timeout = httpx.Timeout(settings.timeout)
    if settings.sandbox:
        from .sandbox import DEFAULT_API_KEY, SANDBOX_BASE_URL, Sandbox

        return AuthenticatedClient(
            base_url=SANDBOX_BASE_URL,
            token=settings.api_key or DEFAULT_API_KEY,
            headers=headers,
            timeout=timeout,
            httpx_args={"transport": transport or Sandbox().transport()},
        )
    httpx_args: dict[str, object] = {"transport": transport} if transport else {}
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
