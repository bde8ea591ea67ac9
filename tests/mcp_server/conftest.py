from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from mcp import Client

from mcp_server.clients import make_api_client
from mcp_server.sandbox import DEFAULT_API_KEY, SANDBOX_BASE_URL, Sandbox
from mcp_server.server import build_server
from mcp_server.settings import Settings

SETTINGS = Settings(api_key=DEFAULT_API_KEY, base_url=SANDBOX_BASE_URL)


@pytest.fixture
def sandbox() -> Sandbox:
    return Sandbox()


@pytest.fixture
async def mcp_client(sandbox: Sandbox) -> AsyncIterator[Client]:
    """A real MCP client, in memory, against the server, against the sandbox API (in process)."""
    async with Client(build_server(SETTINGS, make_api_client(SETTINGS, transport=sandbox.transport()))) as client:
        yield client
