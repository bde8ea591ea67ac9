from __future__ import annotations

from typing import Any

import pytest

from tests import snapshots

# Fixtures of these scopes are set up once per worker under pytest-xdist: the tests sharing one stay together.
SHARED_SCOPES = frozenset({"class", "module", "package"})


@pytest.fixture
def anyio_backend() -> str:
    """Run `@pytest.mark.anyio` tests on asyncio (httpx and the MCP SDK run there)."""
    return "asyncio"


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`uv run pytest` runs on pytest-xdist workers with `--dist loadgroup`: a test that uses a module-scoped fixture
    (a benchmark run, a server process) joins its module's group, so that the fixture is set up once, on one worker.
    xdist hands out the largest groups first and spreads every other test one at a time."""
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        if info is None:
            continue
        if any(defs and defs[-1].scope in SHARED_SCOPES for defs in info.name2fixturedefs.values()):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Under `--dist loadgroup`, fail a grouped test whose group did not take. pytest-xdist marks a grouped test by
    its node id, and pytest 9.2 stopped reading the field it writes (pyproject.toml): every worker would then set up
    every module-scoped fixture again, silently."""
    grouped = getattr(item.config.option, "loadgroup", False) and item.get_closest_marker("xdist_group")
    if grouped and "@" not in item.nodeid:
        pytest.fail("--dist loadgroup did not group this test with its module: see the pytest pin in pyproject.toml")


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
