from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from polytomic_mcp.sandbox import DEFAULT_API_KEY, SANDBOX_BASE_URL, Sandbox  # `sandbox` comes from the parent conftest


@pytest.fixture
async def http(sandbox: Sandbox) -> AsyncIterator[httpx.AsyncClient]:
    """A plain httpx client to the sandbox, in process, with the default bearer key."""
    headers = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
    async with httpx.AsyncClient(transport=sandbox.transport(), base_url=SANDBOX_BASE_URL, headers=headers) as client:
        yield client
