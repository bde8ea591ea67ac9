"""The only code that builds or finds the generated API client."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from mcp.server.mcpserver import Context

from generated_client import AuthenticatedClient, Client

from . import __version__
from .settings import Settings

ApiClient = AuthenticatedClient | Client
VERSION_HEADER = "X-Polytomic-Version"


@dataclass(frozen=True)
class Upstream:
    """What a tool needs to talk to Polytomic: the shared client, and the secrets and hosts to scrub from errors."""

    client: ApiClient
    secrets: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()


def make_api_client(settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None) -> ApiClient:
    """The async-capable generated client for these settings (the built-in sandbox when settings.sandbox)."""
    headers = {VERSION_HEADER: settings.api_version, "User-Agent": f"polytomic-mcp/{__version__}"}
    timeout = httpx.Timeout(settings.timeout)
    if settings.sandbox:
        from .sandbox import DEFAULT_API_KEY, SANDBOX_BASE_URL, Sandbox

        return AuthenticatedClient(
            base_url=SANDBOX_BASE_URL,
            token=DEFAULT_API_KEY,
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


def upstream(ctx: Context[Upstream, Any]) -> Upstream:
    """The lifespan's Upstream, from a tool's context (one accessor, so an SDK change touches one line)."""
    return ctx.request_context.lifespan_context
