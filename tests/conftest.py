from __future__ import annotations

import pytest

from tests import snapshots


@pytest.fixture
def anyio_backend() -> str:
    """Run `@pytest.mark.anyio` tests on asyncio (httpx and the MCP SDK run there)."""
    return "asyncio"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = snapshots.summary()
    if lines:
        terminalreporter.section("snapshots")
        for line in lines:
            terminalreporter.write_line(line)
