"""The only code that builds or finds the generated API client."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import secrets as _random
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
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
    """What a tool needs to talk to Polytomic: the client, the secrets to scrub from errors, and the cache.

    Every cache key starts with `fingerprint` (the credential's keyed hash), so one credential's answers are
    never served to another, even when several Upstreams share one cache.
    """

    client: ApiClient
    secrets: tuple[str, ...] = ()
    fingerprint: str = ""
    cache: ResponseCache = field(default_factory=ResponseCache)
    deadline: float = DEFAULT_CALL_DEADLINE  # seconds per tool call: retries, waits and reading the body

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
                            sized(), expected, not_found=not_found, forbidden_what=forbidden_what, secrets=self.secrets
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
        fingerprint=settings_fingerprint(settings),
        cache=cache if cache is not None else response_cache(settings),
        deadline=settings.call_deadline,
    )


def make_transport(settings: Settings, inner: httpx.AsyncBaseTransport | None = None) -> PolytomicTransport:
    """The transport every request goes through: GET retries within the call deadline, capped body size."""
    cap = None if settings.max_response_mb is None else int(settings.max_response_mb * MEGABYTE)
    return PolytomicTransport(
        inner or httpx.AsyncHTTPTransport(),
        policy=RetryPolicy(default_deadline=settings.call_deadline),
        max_bytes=cap,
    )


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
            token=DEFAULT_API_KEY,
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


def upstream(ctx: Context[Upstream, Any]) -> Upstream:
    """The lifespan's Upstream, from a tool's context (one accessor, so an SDK change touches one line)."""
    return ctx.request_context.lifespan_context
