"""What a tool needs to reach Polytomic (the Upstream: client, cache, scrubbing), and how each call gets its own.

A server's lifespan holds a `Resolver`, which hands each call its Upstream: `SingleCredential` for a server that
calls Polytomic with its own credential (one Upstream, its client built on the first call), or
`passthrough.CallerClients` for an HTTP server that calls it with each caller's key. `upstream(ctx)` is the one
accessor the tools use.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import anyio.to_thread
from mcp.server.mcpserver import Context

from polytomic_sync_client.errors import PARSE_OFF_LOOP_BYTES
from polytomic_sync_client.types import Response

from . import errors, tracing
from .cache import ResponseCache, deep_size
from .clients import ApiClient, make_api_client
from .fingerprints import credential_fingerprint as credential_fingerprint  # re-exported: the HTTP layer names keys
from .settings import DEFAULT_CALL_DEADLINE, ENV_CALL_DEADLINE, ENV_MAX_RESPONSE_MB, MEGABYTE, Settings
from .shared_cache import SharedCache, reading, shared_cache
from .transport import ResponseTooLarge, call_deadline, last_retried_status

if TYPE_CHECKING:
    import httpx

logger = logging.getLogger(__name__)

T = TypeVar("T")


def response_cache(settings: Settings, *, owner_share: float = 1.0) -> ResponseCache:
    return ResponseCache(
        ttl=settings.cache_ttl, max_bytes=max(1, int(settings.cache_max_mb * MEGABYTE)), owner_share=owner_share
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

        async def load() -> tuple[object, int, float]:
            size = 0

            async def sized() -> Response[Any]:
                nonlocal size
                response = await call()
                size = len(response.content)
                return response

            try:
                with call_deadline(self.deadline, operation=str(key[0])), reading(refresh=refresh) as seen:
                    try:
                        async with asyncio.timeout(self.deadline):
                            value = await errors.fetch(
                                sized(),
                                expected,
                                not_found=not_found,
                                forbidden_what=forbidden_what,
                                caller_key=self.caller_key,
                                secrets=self.secrets,
                                hosts=self.hosts,
                            )
                            size = await held_size(value, size)
                    except TimeoutError:
                        retried = last_retried_status()
                        if retried is not None:  # say what Polytomic kept answering, not only "out of time"
                            raise errors.status_error(
                                retried[0], None, retried[1], not_found, forbidden_what, caller_key=self.caller_key
                            ) from None
                        raise errors.FailedCall(
                            "upstream_network",
                            f"Polytomic did not finish answering within this call's deadline ({self.deadline:g} s; "
                            f"{ENV_CALL_DEADLINE}). This is usually transient: retry in a minute.",
                        ) from None
            except ResponseTooLarge as exc:
                raise errors.FailedCall(
                    "upstream_invalid",
                    f"Polytomic's answer is larger than this server accepts ({exc.limit / MEGABYTE:g} MB; "
                    f"{ENV_MAX_RESPONSE_MB}). Narrowing the arguments will not shrink it; the person running the "
                    f"server can raise {ENV_MAX_RESPONSE_MB}.",
                ) from None
            return value, size, seen.age  # an answer kept by another replica is kept here that much less

        try:
            with tracing.cache_lookup(str(key[0])):
                value = await self.cache.get_or_fetch((self.fingerprint, *key), load, refresh=refresh)
        except errors.CredentialsRefused:
            # The credential is no longer good: nothing fetched with it may be served any more.
            self.cache.forget(self.fingerprint)
            if self.on_refused is not None:
                self.on_refused()
            raise
        if not isinstance(value, expected):  # a key names one operation, so one model type
            raise errors.FailedCall("upstream_invalid", errors.UNREADABLE.format(detail="not the documented answer"))
        return value


async def held_size(value: object, body_size: int) -> int:
    """What a parsed answer holds in memory (what the cache's byte bound counts), measured in a worker thread for a
    large answer as it was parsed in one (the generated client's `errors.parse_off_loop`)."""
    if body_size < PARSE_OFF_LOOP_BYTES:
        return deep_size(value)
    return await anyio.to_thread.run_sync(deep_size, value, abandon_on_cancel=True)


class Resolver(Protocol):
    """What a server's lifespan holds: it hands each call the Upstream to use, and is closed at shutdown."""

    def resolve(self, address: str | None) -> Upstream:
        """The Upstream for the request being handled (`address`: the HTTP client's, when there is one)."""
        ...

    async def aclose(self) -> None: ...


class SingleCredential:
    """A server that calls Polytomic with its own credential: one Upstream for every call, with a cache of its own
    (its keys need no fingerprint). The generated client is built by the first call that needs it (a server that
    only lists its tools opens no connection pool), over `network` when given; `api` gives a ready one instead."""

    def __init__(
        self, settings: Settings, api: ApiClient | None = None, network: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self._settings = settings
        self._network = network
        self.cache = response_cache(settings)
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
