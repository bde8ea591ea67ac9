"""scripts/mutation/table.py: the per-module table read from mutmut's files under mutants/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.mutation.table import main, module_counts, table


def _meta(root: Path, source: str, codes: dict[str, int | None]) -> None:
    path = root / f"{source}.meta"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"exit_code_by_key": codes}))


def test_each_module_counts_timeouts_as_killed_and_rates_only_what_was_checked(tmp_path: Path) -> None:
    _meta(tmp_path, "pkg/a.py", {"a1": 1, "a2": 36, "a3": 0, "a4": None})  # killed, timeout, survived, not checked
    _meta(tmp_path, "pkg/b.py", {"b1": 33, "b2": 1})  # no tests, killed
    _meta(tmp_path, "pkg/__init__.py", {})  # nothing to mutate: no row
    lines = table(module_counts(tmp_path))
    assert lines[1].split() == ["pkg/a.py", "4", "2", "1", "0", "1", "66.7%"]
    assert lines[2].split() == ["pkg/b.py", "2", "1", "0", "1", "0", "50.0%"]
    assert lines[3].split() == ["TOTAL", "6", "3", "1", "1", "1", "60.0%"]
    assert len(lines) == 4


def test_without_a_mutation_run_it_says_what_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main() == 1
    assert "run scripts/mutation/run.sh first" in capsys.readouterr().err
