"""JSON snapshots that make schema and output changes visible in review.

`UPDATE_SNAPSHOTS=1 uv run pytest` rewrites them; a missing or different snapshot fails otherwise.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

SNAPSHOTS = Path(__file__).parent / "snapshots"


def assert_json_snapshot(name: str, data: Any) -> None:
    path = SNAPSHOTS / f"{name}.json"
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"missing snapshot {path.name}: run UPDATE_SNAPSHOTS=1 uv run pytest and review the diff"
    assert path.read_text(encoding="utf-8") == text, (
        f"{path.name} changed: review it, then run UPDATE_SNAPSHOTS=1 uv run pytest to accept the change"
    )
