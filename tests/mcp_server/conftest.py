from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from mcp import Client

from polytomic_mcp.clients import make_api_client
from polytomic_mcp.sandbox import DEFAULT_API_KEY, SANDBOX_BASE_URL, Sandbox
from polytomic_mcp.server import build_server
from polytomic_mcp.settings import Settings
from tests.mcp_server.support import Clock

SETTINGS = Settings(api_key=DEFAULT_API_KEY, base_url=SANDBOX_BASE_URL)


@pytest.fixture
def sandbox() -> Sandbox:
    return Sandbox()


@pytest.fixture
def cache_clock() -> Clock:
    """The clock `mcp_client`'s cache reads (pass it as `build_server(..., clock=)` to others): move it to pass a
    TTL or the refresh window without waiting."""
    return Clock()


@pytest.fixture
async def mcp_client(sandbox: Sandbox, cache_clock: Clock) -> AsyncIterator[Client]:
    """A real MCP client, in memory, against the server, against the sandbox API (in process); its cache runs on
    `cache_clock`."""
    api = make_api_client(SETTINGS, transport=sandbox.transport())
    async with Client(build_server(SETTINGS, api, clock=cache_clock)) as client:
        yield client
