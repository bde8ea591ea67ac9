"""Building the generated API client over the transport every request goes through.

Every client sends through `make_transport` (GET retries within the call's deadline, a cap on the decoded body
size).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

from polytomic_sync_client import AuthenticatedClient, Client

from . import __version__
from .settings import MEGABYTE, Settings
from .transport import PolytomicTransport, RetryPolicy

if TYPE_CHECKING:
    from .shared_cache import SharedCache

ApiClient = AuthenticatedClient | Client
VERSION_HEADER = "X-Polytomic-Version"


def make_transport(settings: Settings, inner: httpx.AsyncBaseTransport | None = None) -> PolytomicTransport:
    """The transport every request goes through: GET retries within the call deadline, capped body size."""
    cap = None if settings.max_response_mb is None else int(settings.max_response_mb * MEGABYTE)
    return PolytomicTransport(
        inner or httpx.AsyncHTTPTransport(),
        policy=RetryPolicy(max_attempts=settings.max_retries + 1, default_deadline=settings.call_deadline),
        max_bytes=cap,
    )


def make_api_client(
    settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None, shared: SharedCache | None = None
) -> ApiClient:
    """The async-capable generated client for these settings (the built-in sandbox when settings.sandbox).

    Whatever transport is given is wrapped by `make_transport` (retries, deadline, body cap), and that by the cache
    the replicas share when there is one.
    """

    def stack(inner: httpx.AsyncBaseTransport | None) -> httpx.AsyncBaseTransport:
        bottom = make_transport(settings, inner)
        return bottom if shared is None else shared.transport(bottom)

    headers = {VERSION_HEADER: settings.api_version, "User-Agent": f"polytomic-mcp/{__version__}"}
    timeout = httpx.Timeout(settings.timeout)
    if settings.sandbox:
        from .sandbox import DEFAULT_API_KEY, SANDBOX_BASE_URL, Sandbox

        return AuthenticatedClient(
            base_url=SANDBOX_BASE_URL,
            token=settings.api_key or DEFAULT_API_KEY,
            headers=headers,
            timeout=timeout,
            httpx_args={"transport": stack(transport or Sandbox().transport())},
        )
    httpx_args: dict[str, object] = {"transport": stack(transport)}
    if settings.basic_auth:
        httpx_args["auth"] = httpx.BasicAuth(*settings.basic_auth)
        return Client(base_url=settings.base_url, headers=headers, timeout=timeout, httpx_args=httpx_args)
    if not settings.api_key:
        raise ValueError("settings carry no credentials")
    return AuthenticatedClient(
        base_url=settings.base_url, token=settings.api_key, headers=headers, timeout=timeout, httpx_args=httpx_args
    )
