"""What a tool needs to reach Polytomic (the Upstream: client, cache, scrubbing), and the one accessor for it."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import secrets as _random
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError

from . import errors
from .cache import ResponseCache, deep_size
from .settings import DEFAULT_CALL_DEADLINE, ENV_CALL_DEADLINE, ENV_MAX_RESPONSE_MB, Settings

if TYPE_CHECKING:  # the HTTP stack is imported when the first client is built, not at start-up
    from generated_client import AuthenticatedClient, Client
    from generated_client.types import Response

    from .clients import CallerClients

    ApiClient = AuthenticatedClient | Client

logger = logging.getLogger(__name__)

T = TypeVar("T")
MEGABYTE = 1024 * 1024

_FINGERPRINT_KEY = _random.token_bytes(32)  # per process: fingerprints mean nothing outside it


def credential_fingerprint(secret: str) -> str:
    """A keyed hash of a credential: equal for equal credentials in this process, useless to anyone else."""
    return hmac.new(_FINGERPRINT_KEY, secret.encode(), hashlib.sha256).hexdigest()


def response_cache(settings: Settings, *, owner_share: float = 1.0) -> ResponseCache:
    return ResponseCache(
        ttl=settings.cache_ttl, max_bytes=max(1, int(settings.cache_max_mb * MEGABYTE)), owner_share=owner_share
    )


@dataclass(frozen=True)
class Upstream:
    """What a tool needs to talk to Polytomic: the client, the secrets and hosts to scrub from errors, the cache.

    Every cache key starts with `fingerprint`, so one credential's answers are never served to another when several
    Upstreams share one cache: passthrough callers do, each with its key's keyed hash. A server with one credential
    has a cache of its own and an empty fingerprint. In passthrough mode the lifespan's Upstream carries `callers`
    instead, and `upstream(ctx)` hands each call its caller's own Upstream.
    """

    client: ApiClient
    secrets: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    fingerprint: str = ""
    cache: ResponseCache = field(default_factory=ResponseCache)
    deadline: float = DEFAULT_CALL_DEADLINE  # seconds per tool call: retries, waits and reading the body
    callers: CallerClients | None = field(default=None, repr=False, compare=False)
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

        from .transport import ResponseTooLarge, call_deadline, last_retried_status

        async def load() -> tuple[object, int]:
            size = 0

            async def sized() -> Response[Any]:
                nonlocal size
                response = await call()
                size = len(response.content)
                return response

            try:
                with call_deadline(self.deadline):
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

        try:
            value = await self.cache.get_or_fetch((self.fingerprint, *key), load, refresh=refresh)
        except errors.CredentialsRefused:
            # The credential is no longer good: nothing fetched with it may be served any more.
            self.cache.forget(self.fingerprint)
            if self.on_refused is not None:
                self.on_refused()
            raise
        if not isinstance(value, expected):  # a key names one operation, so one model type
            raise ToolError(errors.UNREADABLE.format(detail="not the documented answer"))
        return value


async def held_size(value: object, body_size: int) -> int:
    """What a parsed answer holds in memory (what the cache's byte bound counts), measured in a worker thread for a
    large answer as it was parsed in one (the generated client's `errors.parse_off_loop`)."""
    from generated_client.errors import PARSE_OFF_LOOP_BYTES

    if body_size < PARSE_OFF_LOOP_BYTES:
        return deep_size(value)
    import anyio.to_thread

    return await anyio.to_thread.run_sync(deep_size, value, abandon_on_cancel=True)


def make_upstream(settings: Settings, client: ApiClient) -> Upstream:
    """The Upstream for these settings over `client`, with a cache of its own.

    Its cache serves the one credential of these settings, so its keys need no fingerprint; passthrough callers get
    theirs from `CallerClients.get`, which shares this cache and keys it by each caller's fingerprint.
    """
    return Upstream(
        client=client,
        secrets=settings.secrets,
        hosts=settings.hosts,
        cache=response_cache(settings),
        deadline=settings.call_deadline,
    )


class _LazyClient:
    """The generated client, built on first use: start-up (initialize, tools/list) imports no HTTP stack."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._client: ApiClient | None = None

    def _built(self) -> ApiClient:
        if self._client is None:
            from .clients import make_api_client

            self._client = make_api_client(self._settings)
        return self._client

    def __getattr__(self, name: str) -> Any:  # what the generated endpoints use: get_async_httpx_client(), ...
        return getattr(self._built(), name)

    async def __aenter__(self) -> _LazyClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._client is not None:
            await self._client.get_async_httpx_client().aclose()


def lazy_client(settings: Settings) -> ApiClient:
    """A stand-in for `clients.make_api_client(settings)` that builds the client when a tool first calls out."""
    return cast("ApiClient", _LazyClient(settings))


def upstream(ctx: Context[Upstream, Any]) -> Upstream:
    """The Upstream for this call, from a tool's context (one accessor, so an SDK change touches one line): the
    lifespan's, or in passthrough mode the one acting with the calling user's own Polytomic API key."""
    request = ctx.request_context
    return upstream_for(request.lifespan_context, client_address(request.request))


def client_address(request: object) -> str | None:
    """The calling client's address, from the HTTP request a handler is serving (None in memory or over stdio)."""
    client = getattr(request, "client", None)
    host = getattr(client, "host", None)
    return host if isinstance(host, str) else None


def upstream_for(base: Upstream, address: str | None = None) -> Upstream:
    """The Upstream for the request being handled, from the lifespan's (what `upstream(ctx)` reads): itself, or in
    passthrough mode the caller's, whose key the HTTP auth layer put in the request's context (`address`: where
    the request came from, for the limit on new keys)."""
    if base.callers is None:
        return base
    access = get_access_token()
    if access is None:
        raise ToolError("This server acts with each caller's own Polytomic API key: send it as the bearer token.")
    return base.callers.get(base, access.token, address)
