from __future__ import annotations

import pytest


@pytest.fixture
def anyio_backend() -> str:
    """Run `@pytest.mark.anyio` tests on asyncio only (the generated client's async side is httpx on asyncio)."""
    return "asyncio"
