"""A sandbox Polytomic API: every operation of `spec/polytomic.yaml`, realistic deterministic data, faults on demand.

    sandbox = Sandbox()
    client = AuthenticatedClient(base_url=SANDBOX_BASE_URL, token=DEFAULT_API_KEY,
                                 httpx_args={"transport": sandbox.transport()})
    sandbox.faults.inject("list_sync_targets", "status", status=429, retry_after=2)

Two organizations: `DEFAULT_API_KEY` (and the basic credential) is Acme, which owns almost every connection;
`SECOND_API_KEY` is Globex, with its own two connections. A key gets 404 on the other organization's ids.
Connection ids are constants of `dataset` (SALESFORCE, WAREHOUSE, ...). Serve it over a port with
`serve.serve()` (blocking) or `serve.running(sandbox)` (a context manager for tests). `wired(settings)` is what
`--sandbox` hands the server: settings aimed at a fresh in-process sandbox and the transport that reaches it.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import httpx
from starlette.applications import Starlette

from .faults import FAULT_KINDS, ROUTES, FaultKind, Faults
from .gate import DEFAULT_VERSION, KNOWN_VERSIONS, RecordedRequest

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_BASIC_AUTH",
    "DEFAULT_VERSION",
    "FAULT_KINDS",
    "KNOWN_VERSIONS",
    "ROUTES",
    "SANDBOX_BASE_URL",
    "SECOND_API_KEY",
    "FaultKind",
    "Faults",
    "RecordedRequest",
    "Sandbox",
    "wired",
]

DEFAULT_API_KEY = "sandbox-api-key"  # the Acme organization (every connection but Globex's)
SECOND_API_KEY = "sandbox-globex-api-key"  # the Globex organization (its own two connections)
DEFAULT_BASIC_AUTH = ("sandbox", "sandbox-deployment-key")
SANDBOX_BASE_URL = "http://sandbox.polytomic.invalid"


class Sandbox:
    """One sandbox API: its ASGI app, its pending faults and the requests it has received."""

    def __init__(
        self,
        *,
        api_key: str = DEFAULT_API_KEY,
        basic_auth: tuple[str, str] | None = DEFAULT_BASIC_AUTH,
        latency: float = 0.0,
        second_api_key: str | None = SECOND_API_KEY,
    ) -> None:
        from .app import build_app
        from .dataset import GLOBEX_ORGANIZATION_ID, ORGANIZATION_ID

        if not api_key or second_api_key == "":
            raise ValueError("API keys must not be empty")
        if api_key == second_api_key:
            raise ValueError("the two organizations need different API keys")
        if latency < 0:
            raise ValueError("latency must not be negative")
        self.api_key = api_key
        self.second_api_key = second_api_key
        self.organization = ORGANIZATION_ID  # the first key's (and the basic credential's) organization
        self.api_keys = {api_key: ORGANIZATION_ID}
        if second_api_key is not None:
            self.api_keys[second_api_key] = GLOBEX_ORGANIZATION_ID
        self.basic_auth = basic_auth
        self.latency = latency  # seconds added to every request; may be changed at any time
        self.faults = Faults()
        self.requests: list[RecordedRequest] = []
        self.app: Starlette = build_app(self)
        self.app.state.sandbox = self

    def transport(self) -> httpx.AsyncBaseTransport:
        """An in-process transport to this sandbox (no port). httpx does not apply timeouts to it."""
        return httpx.ASGITransport(app=self.app)


def wired(settings: Settings) -> tuple[Settings, httpx.AsyncBaseTransport]:
    """`settings` aimed at a fresh in-process sandbox (its base URL; its Acme key unless a key is given, and none
    in passthrough mode, where each caller brings one), and the transport that reaches it."""
    api_key = settings.api_key or (None if settings.auth_mode == "passthrough" else DEFAULT_API_KEY)
    return dataclasses.replace(settings, base_url=SANDBOX_BASE_URL, api_key=api_key), Sandbox().transport()
