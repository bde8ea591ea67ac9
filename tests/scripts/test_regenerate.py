"""scripts/regenerate.py, run as a subprocess (`python -m scripts.regenerate` from the project's root): the process
boundary is what CI and developers use.

Anything that edits the spec works on a copy of `spec/`, `scripts/` and `generated_client/` in a temporary
directory (the script finds its root relative to its own file), never on the repository itself.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

ROOT = Path(__file__).resolve().parents[2]
SPEC = Path("spec") / "polytomic.yaml"
PROJECT = "generated_client"  # the client project the script writes
PACKAGE = f"{PROJECT}/polytomic_sync_client"
JUNK = shutil.ignore_patterns("__pycache__", ".ruff_cache", ".mypy_cache")

LIST_CONNECTIONS_DESCRIPTION = (
    "description: Returns every connection in the caller's organization (no paging), secrets redacted.\n"
)
DEEP_OBJECT = "          style: deepObject\n          explode: true\n"


def regenerate(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scripts.regenerate", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=90,
    )


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root (caches excluded) and its bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def edit_spec(root: Path, old: str, new: str) -> None:
    spec = root / SPEC
    text = spec.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"expected exactly one {old!r} in the copied spec"
    spec.write_text(text.replace(old, new), encoding="utf-8")


def copy_repo(root: Path) -> Path:
    """A self-contained copy, under root, of the parts of the repository the script reads and writes."""
    for name in ("spec", "scripts", PROJECT):
        shutil.copytree(ROOT / name, root / name, ignore=JUNK)
    shutil.copyfile(ROOT / "LICENSE", root / "LICENSE")
    return root


@pytest.fixture
def repo_copy(tmp_path: Path) -> Iterator[Path]:
    real_spec = (ROOT / SPEC).read_bytes()
    yield copy_repo(tmp_path)
    assert (ROOT / SPEC).read_bytes() == real_spec, "a test changed the repository's spec"


@dataclass(frozen=True)
class DescriptionChange:
    """One spec description edited in a copy, then: `--check`, a regeneration in place, `--check` again."""

    root: Path
    before: dict[str, bytes]  # generated_client/ as checked in
    check: subprocess.CompletedProcess[str]
    after_check: dict[str, bytes]
    regenerated: subprocess.CompletedProcess[str]
    after: dict[str, bytes]
    check_again: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def description_change(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DescriptionChange]:
    """Shared by the two tests below (the generator is the slow part): each asserts on its own steps."""
    real_spec = (ROOT / SPEC).read_bytes()
    root = copy_repo(tmp_path_factory.mktemp("description"))
    edit_spec(root, LIST_CONNECTIONS_DESCRIPTION, "description: Lists the organization's connections, redacted.\n")
    before = tree(root / PACKAGE)
    check = regenerate(root, "--check")
    after_check = tree(root / PACKAGE)
    regenerated = regenerate(root)
    after = tree(root / PACKAGE)
    yield DescriptionChange(root, before, check, after_check, regenerated, after, regenerate(root, "--check"))
    assert (ROOT / SPEC).read_bytes() == real_spec, "a test changed the repository's spec"


def test_the_spec_is_a_valid_openapi_3_1_document():
    spec: dict[str, Any] = yaml.safe_load((ROOT / SPEC).read_text(encoding="utf-8"))

    assert spec["openapi"].startswith("3.1.")
    validate(spec, cls=OpenAPIV31SpecValidator)


def test_check_passes_on_the_repository():
    result = regenerate(ROOT, "--check")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "up to date" in result.stderr


def test_check_fails_with_a_unified_diff_naming_the_file_a_spec_description_change_affects(
    description_change: DescriptionChange,
):
    result = description_change.check

    assert result.returncode == 1, result.stderr
    changed = [f"{PACKAGE}/api/connections/list_connections.py", f"{PACKAGE}/polytomic.yaml"]  # the spec ships too
    headers = [line for line in result.stdout.splitlines() if line.startswith(("--- ", "+++ "))]
    assert headers == [header for path in changed for header in (f"--- a/{path}", f"+++ b/{path}")]
    assert "\n+     Lists the organization's connections, redacted.\n" in result.stdout
    assert "\n-     Returns every connection in the caller's organization (no paging), secrets redacted.\n" in (
        result.stdout
    )
    assert "@@ " in result.stdout
    assert "python -m scripts.regenerate" in result.stderr
    assert description_change.after_check == description_change.before


def test_regenerating_in_place_rewrites_only_the_affected_file_and_then_check_passes(
    description_change: DescriptionChange,
):
    before, after = description_change.before, description_change.after

    assert description_change.regenerated.returncode == 0, description_change.regenerated.stderr
    assert {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)} == {
        "api/connections/list_connections.py",
        "polytomic.yaml",
    }
    assert b"Lists the organization's connections, redacted." in after["api/connections/list_connections.py"]
    assert after["py.typed"] == b"# Marker file for PEP 561"
    assert after["polytomic.yaml"] == (description_change.root / SPEC).read_bytes()  # the spec ships with it
    assert sorted(p.name for p in description_change.root.iterdir()) == [
        "LICENSE",
        "generated_client",
        "scripts",
        "spec",
    ]
    assert description_change.check_again.returncode == 0, description_change.check_again.stderr


BROKEN_SPECS = [
    pytest.param("openapi: 3.1.0\n", "openapi: 3.1.0\nx_not_allowed_here: 1\n", id="invalid-openapi"),
    pytest.param(
        '        requires_one_of:\n          type: [array, "null"]\n'
        "          items: {type: string}\n    ConfigurationValue:",
        '        requires_one_of:\n          type: [array, "null"]\n    ConfigurationValue:',
        id="valid-but-generator-warns",
    ),
]


@pytest.mark.parametrize(("old", "new"), BROKEN_SPECS)
def test_a_failed_regeneration_exits_non_zero_and_leaves_generated_client_unchanged(
    repo_copy: Path, old: str, new: str
):
    before = tree(repo_copy / PACKAGE)
    edit_spec(repo_copy, old, new)

    result = regenerate(repo_copy)

    assert result.returncode != 0
    assert result.stderr.startswith("regenerate: ")
    assert "Traceback" not in result.stderr
    assert tree(repo_copy / PACKAGE) == before
    assert sorted(p.name for p in repo_copy.iterdir()) == ["LICENSE", "generated_client", "scripts", "spec"]


@pytest.mark.parametrize(
    "style",
    [
        pytest.param("", id="no-style-means-form"),
        pytest.param("          style: form\n", id="form"),
        pytest.param("          style: deepObject\n          explode: false\n", id="deep-object-not-exploded"),
    ],
)
def test_an_object_query_parameter_that_is_not_an_exploded_deep_object_is_refused_readably(repo_copy: Path, style: str):
    before = tree(repo_copy / PACKAGE)
    edit_spec(repo_copy, DEEP_OBJECT, style)

    result = regenerate(repo_copy)

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "regenerate: GET /api/connections/{id}/modelsync/target/fields: object query parameter 'properties' must be "
        "'type: object, style: deepObject, explode: true' (the only object encoding spec/templates implements)"
    ]
    assert tree(repo_copy / PACKAGE) == before
