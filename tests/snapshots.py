"""JSON snapshots that make schema and output changes visible in review.

`UPDATE_SNAPSHOTS=1 uv run pytest` rewrites them; a missing or different snapshot fails otherwise. A rewrite
is listed at the end of the run (`pytest_terminal_summary` in tests/conftest.py), each snapshot with the
lines it gained and lost, so that accepting changes wholesale still shows what changed.
"""

from __future__ import annotations

import difflib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SNAPSHOTS = Path(__file__).parent / "snapshots"
WHY_REVIEW = (
    "Review every one before committing (git diff -- tests/snapshots): tools/*.json is the schema every client's "
    "model reads in tools/list and outputs/*.json what the model reads from a call, so a changed line there "
    "changes what agents see and may change the token budgets; cli/*.json is what people read in --help."
)


@dataclass(frozen=True)
class Rewrite:
    name: str
    added: int  # lines
    removed: int  # lines; -1 for a snapshot that did not exist

    def describe(self) -> str:
        if self.removed < 0:
            return f"{self.name}.json: new ({self.added} lines)"
        return f"{self.name}.json: changed (+{self.added} -{self.removed} lines)"


REWRITTEN: list[Rewrite] = []


def assert_json_snapshot(name: str, data: Any) -> None:
    path = SNAPSHOTS / f"{name}.json"
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            REWRITTEN.append(_rewrite(name, old, text))
        return
    assert path.exists(), f"missing snapshot {path.name}: run UPDATE_SNAPSHOTS=1 uv run pytest and review the diff"
    assert path.read_text(encoding="utf-8") == text, (
        f"{path.name} changed: review it, then run UPDATE_SNAPSHOTS=1 uv run pytest to accept the change"
    )


def _rewrite(name: str, old: str | None, new: str) -> Rewrite:
    if old is None:
        return Rewrite(name, added=len(new.splitlines()), removed=-1)
    diff = list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0))
    added = sum(1 for line in diff if line.startswith("+") and not line.startswith("+++"))
    removed = sum(1 for line in diff if line.startswith("-") and not line.startswith("---"))
    return Rewrite(name, added=added, removed=removed)


def summary() -> list[str]:
    """Lines for the end of the test run: which snapshots were rewritten and why a reviewer should look."""
    if not REWRITTEN:
        return []
    return [f"{len(REWRITTEN)} snapshot(s) rewritten:", *(f"  {r.describe()}" for r in REWRITTEN), WHY_REVIEW]
