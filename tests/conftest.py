from __future__ import annotations

from typing import Any

import pytest

from tests import snapshots


@pytest.fixture
def anyio_backend() -> str:
    """Run `@pytest.mark.anyio` tests on asyncio (httpx and the MCP SDK run there)."""
    return "asyncio"


def pytest_sessionfinish(session: pytest.Session) -> None:
    """On an xdist worker, hand the snapshots it rewrote to the controller, which prints the summary."""
    output: dict[str, Any] | None = getattr(session.config, "workeroutput", None)
    if output is not None:
        output["snapshots_rewritten"] = [(r.name, r.added, r.removed) for r in snapshots.REWRITTEN]


@pytest.hookimpl(optionalhook=True)  # an xdist hook: on the controller, as each worker finishes
def pytest_testnodedown(node: Any, error: object) -> None:
    for name, added, removed in getattr(node, "workeroutput", {}).get("snapshots_rewritten", []):
        snapshots.REWRITTEN.append(snapshots.Rewrite(name, added, removed))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = snapshots.summary()
    if lines:
        terminalreporter.section("snapshots")
        for line in lines:
            terminalreporter.write_line(line)
