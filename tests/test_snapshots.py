from __future__ import annotations

from pathlib import Path

import pytest

from tests import snapshots


@pytest.fixture
def snapshot_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(snapshots, "SNAPSHOTS", tmp_path)
    monkeypatch.setattr(snapshots, "REWRITTEN", [])
    return tmp_path


def test_a_differing_snapshot_fails_and_is_left_alone(snapshot_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UPDATE_SNAPSHOTS", raising=False)
    (snapshot_dir / "a.json").write_text('{\n  "x": 1\n}\n', encoding="utf-8")
    snapshots.assert_json_snapshot("a", {"x": 1})
    with pytest.raises(AssertionError, match=r"a\.json changed"):
        snapshots.assert_json_snapshot("a", {"x": 2})
    with pytest.raises(AssertionError, match=r"missing snapshot b\.json"):
        snapshots.assert_json_snapshot("b", {})
    assert (snapshot_dir / "a.json").read_text(encoding="utf-8") == '{\n  "x": 1\n}\n'
    assert snapshots.summary() == []


def test_an_update_lists_each_new_or_changed_snapshot_with_its_line_counts_and_why_to_review(
    snapshot_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UPDATE_SNAPSHOTS", "1")
    (snapshot_dir / "same.json").write_text('{\n  "x": 1\n}\n', encoding="utf-8")
    (snapshot_dir / "tools").mkdir()
    (snapshot_dir / "tools" / "t.json").write_text('{\n  "x": 1,\n  "y": 2\n}\n', encoding="utf-8")
    snapshots.assert_json_snapshot("same", {"x": 1})
    snapshots.assert_json_snapshot("tools/t", {"x": 1, "y": 3, "z": 4})
    snapshots.assert_json_snapshot("outputs/new", {"a": [1]})
    lines = snapshots.summary()
    assert lines[:3] == [
        "2 snapshot(s) rewritten:",
        "  tools/t.json: changed (+2 -1 lines)",
        "  outputs/new.json: new (5 lines)",
    ]
    assert "git diff -- tests/snapshots" in lines[3] and "what the model reads" in lines[3]
    assert '"z": 4' in (snapshot_dir / "tools" / "t.json").read_text(encoding="utf-8")
