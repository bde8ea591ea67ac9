"""What a tool needs to reach Polytomic (the Upstream: client, cache, scrubbing), and how each call gets its own.

A server's lifespan holds a `Resolver`, which hands each call its Upstream: `SingleCredential` for a server that
calls Polytomic with its own credential (one Upstream, its client built on the first call), or
`passthrough.CallerClients` for an HTTP server that calls it with each caller's key. `upstream(ctx)` is the one
accessor the tools use; `fetching.fetch(upstream, ...)` reads an answer through it.

This module is on the start-up path (the tools' surfaces and the server import it), so httpx and the generated
client are only named here for type checking: `SingleCredential` builds its client, and imports what that takes,
on the first call.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from mcp.server.mcpserver import Context

from .cache import ResponseCache
from .fingerprints import credential_fingerprint as credential_fingerprint  # re-exported: the HTTP layer names keys
from .settings import DEFAULT_CALL_DEADLINE, MEGABYTE, Settings

if TYPE_CHECKING:
    import httpx

    from .clients import ApiClient
    from .shared_cache import SharedCache


def response_cache(
    settings: Settings, *, owner_share: float = 1.0, clock: Callable[[], float] = time.monotonic
) -> ResponseCache:
    return ResponseCache(
        ttl=settings.cache_ttl,
        max_bytes=max(1, int(settings.cache_max_mb * MEGABYTE)),
        owner_share=owner_share,
        clock=clock,
    )


@dataclass(frozen=True)
class Upstream:
    """What a tool needs to talk to Polytomic: the client, the secrets and hosts to scrub from errors, the cache.

    Every cache key starts with `fingerprint`, so one credential's answers are never served to another when several
    Upstreams share one cache: passthrough callers do, each with its key's keyed hash. A server with one credential
    has a cache of its own and an empty fingerprint.
    """

    client: ApiClient
    secrets: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    fingerprint: str = ""
    cache: ResponseCache = field(default_factory=ResponseCache)
    deadline: float = DEFAULT_CALL_DEADLINE  # seconds per tool call: retries, waits and reading the body
    caller_key: bool = False  # the client acts with the calling user's own key (HTTP passthrough)
    on_refused: Callable[[], None] | None = field(default=None, repr=False, compare=False)  # after a 401


class Resolver(Protocol):
    """What a server's lifespan holds: it hands each call the Upstream to use, and is closed at shutdown."""

    def resolve(self, address: str | None) -> Upstream:
        """The Upstream for the request being handled (`address`: the HTTP client's, when there is one)."""
        ...

    async def aclose(self) -> None: ...


class SingleCredential:
    """A server that calls Polytomic with its own credential: one Upstream for every call, with a cache of its own
    (its keys need no fingerprint). The generated client is built by the first call that needs it (a server that
    only lists its tools opens no connection pool), over `network` when given; `api` gives a ready one instead.
    Its cache reads `clock`."""

    def __init__(
        self,
        settings: Settings,
        api: ApiClient | None = None,
        network: httpx.AsyncBaseTransport | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._settings = settings
        self._network = network
        self.cache = response_cache(settings, clock=clock)
        self._shared: SharedCache | None = None  # the replicas' cache, when configured: opened with the client
        self._upstream = None if api is None else self._over(api)

    def _over(self, client: ApiClient) -> Upstream:
        settings = self._settings
        return Upstream(
            client=client,
            secrets=settings.secrets,
            hosts=settings.hosts,
            cache=self.cache,
            deadline=settings.call_deadline,
        )

    def resolve(self, address: str | None = None) -> Upstream:
        if self._upstream is None:
            # The start-up seam: httpx, the generated client and the transport stack load with the first call.
            from .clients import make_api_client
            from .shared_cache import shared_cache

            self._shared = shared_cache(self._settings)
            self._upstream = self._over(make_api_client(self._settings, transport=self._network, shared=self._shared))
        return self._upstream

    async def aclose(self) -> None:
        """Closes the connection pool (and the shared cache's), if a call opened one."""
        if self._upstream is not None:
            await self._upstream.client.get_async_httpx_client().aclose()
        if self._shared is not None:
            await self._shared.aclose()


def upstream(ctx: Context[Resolver, Any]) -> Upstream:
    """The Upstream for this call, from a tool's context (one accessor, so an SDK change touches one line)."""
    request = ctx.request_context
    return request.lifespan_context.resolve(client_address(request.request))


def client_address(request: object) -> str | None:
    """The calling client's address, from the HTTP request a handler is serving (None in memory or over stdio)."""
    client = getattr(request, "client", None)
    host = getattr(client, "host", None)
    return host if isinstance(host, str) else None
