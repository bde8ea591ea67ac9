"""Smoke test of scripts/bench.py: its smallest configuration runs every section and prints sane tables.

Timings are printed, never asserted; token counts are deterministic and are.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def table_rows(report: str, heading: str) -> dict[str, list[str]]:
    """The rows of the table under the heading that starts with `heading`, keyed by their first cell."""
    section = report.split(f"### {heading}", 1)[1].split("\n### ", 1)[0]
    rows = [line.strip("|").split(" | ") for line in section.splitlines() if line.startswith("| ")]
    return {cells[0].strip(): [cell.strip() for cell in cells[1:]] for cells in rows[1:]}


def tokens_of(cell: str) -> int:
    match = re.match(r"([\d,]+) \(", cell)
    assert match, cell
    return int(match.group(1).replace(",", ""))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    output = tmp_path_factory.mktemp("bench") / "bench.md"
    argv = ["--runs", "1", "--calls", "1", "--seconds", "0.2", "--clients", "1", "--output", str(output)]
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), *argv],
        capture_output=True,
        text=True,
        timeout=280,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == output.read_text(encoding="utf-8")
    return done.stdout


@pytest.mark.timeout(300)
def test_the_smallest_benchmark_prints_every_section(report):
    for heading in ("Targets", "Tokens", "Per-call latency", "Cold start", "Throughput", "Peak RSS"):
        assert f"### {heading}" in report
    assert set(table_rows(report, "Cold start")) == {
        "bare MCPServer (floor)",
        "ours (credentials)",
        "ours (--sandbox)",
        "bridge",
    }
    throughput = table_rows(report, "Throughput")
    assert {"ours", "bridge"} <= set(throughput)
    assert all(row[-2] == "0" for row in throughput.values())  # no failed call


@pytest.mark.timeout(300)
def test_the_token_table_compares_the_same_answers(report):
    rows = table_rows(report, "Tokens")
    page = rows["CRM targets, default page"]
    raw, bridge, ours = tokens_of(page[0]), tokens_of(page[1]), tokens_of(page[2])
    assert raw == 79_309  # the sandbox CRM's whole targets body
    assert bridge >= raw  # the bridge hands the agent the body itself (and again as structured content)
    assert 0 < ours * 10 <= raw
    task = rows["Task: updateOrCreate + identity, all pages (limit 500)"]
    assert task[-1] == "complete: 889 targets, 889 need an identity"
    assert "in 2 calls" in task[2]
    by_mode = rows["Task: updateOrCreate + identity, mode filter"]
    assert by_mode[-1] == "complete: 889 targets, 889 need an identity" and "in 2 calls" in by_mode[2]
    assert int(by_mode[-2].replace(",", "")) <= 9_000  # "ours, text only": the text the model reads
    assert "tools/list, what the model reads (names, descriptions, input schemas)" in rows
    for label, cells in rows.items():
        assert cells[2] == "n/a (tool not available)" or tokens_of(cells[2]) > 0, label
