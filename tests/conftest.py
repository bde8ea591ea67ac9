from __future__ import annotations

import pytest


@pytest.fixture
def anyio_backend() -> str:
    """Run `@pytest.mark.anyio` tests on asyncio (httpx and the MCP SDK run there)."""
    return "asyncio"
