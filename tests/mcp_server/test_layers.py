"""The server's modules import each other top-down: no cycle, counting imports inside functions and those made only
for type checking (a cycle that only a lazy import hides is still a cycle to read)."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "mcp_server" / "polytomic_mcp"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The server modules `path` imports, wherever the import statement stands."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            submodules = {f"{target}.{alias.name}" for alias in node.names} & known
            found |= submodules or ({target} & known)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names} & known
    return found - {name}


def server_modules() -> dict[str, Path]:
    """Every module of the server, without the sandbox (a stand-in for Polytomic that tests and demos wire in)."""
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if "sandbox" not in p.relative_to(PACKAGE).parts}


def test_the_server_modules_import_each_other_without_a_cycle() -> None:
    modules = server_modules()
    graph = {name: imports_of(path, set(modules)) for name, path in modules.items()}
    assert graph["polytomic_mcp.passthrough"] >= {
        "polytomic_mcp.clients",
        "polytomic_mcp.upstream",
    }  # the graph is read
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle: {' -> '.join(exc.args[1])}") from None
    assert (
        order.index("polytomic_mcp.settings")
        < order.index("polytomic_mcp.clients")
        < order.index("polytomic_mcp.server")
    )


def test_every_server_module_says_what_it_is_for() -> None:
    for name, path in server_modules().items():
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), f"{name} has no module docstring"


def test_only_the_cli_knows_the_sandbox_and_hands_it_in_from_outside() -> None:
    """The sandbox is a stand-in for Polytomic: the CLI wires it in (`--sandbox`); no other module imports it."""
    known = set(server_modules()) | {"polytomic_mcp.sandbox"}
    importers = {name for name, path in server_modules().items() if "polytomic_mcp.sandbox" in imports_of(path, known)}
    assert importers == {"polytomic_mcp.cli"}
