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
    """The async-capable generated client for these settings, sending over `transport` (the network by default).

    Whatever transport is given is wrapped by `make_transport` (retries, deadline, body cap), and that by the cache
    the replicas share when there is one.
    """
    bottom = make_transport(settings, transport)
    headers = {VERSION_HEADER: settings.api_version, "User-Agent": f"polytomic-mcp/{__version__}"}
    timeout = httpx.Timeout(settings.timeout)
    httpx_args: dict[str, object] = {"transport": bottom if shared is None else shared.transport(bottom)}
    if settings.basic_auth:
        httpx_args["auth"] = httpx.BasicAuth(*settings.basic_auth)
        return Client(base_url=settings.base_url, headers=headers, timeout=timeout, httpx_args=httpx_args)
    if not settings.api_key:
        raise ValueError("settings carry no credentials")
    return AuthenticatedClient(
        base_url=settings.base_url, token=settings.api_key, headers=headers, timeout=timeout, httpx_args=httpx_args
    )
