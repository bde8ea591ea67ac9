"""Smoke test of `python -m scripts.soak`: a short run with one-second server deadlines prints its three tables,
every slow client closed by the server and every legitimate call answered. Timings are printed, never asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def soak(*argv: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "scripts.soak", *argv]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)


def rows(report: str, first_header: str) -> dict[str, list[str]]:
    """The rows of the table whose header starts with `first_header`, keyed by their first cell."""
    table = report.split(f"| {first_header} |", 1)[1].split("\n\n", 1)[0]
    cells = [line.strip("|").split(" | ") for line in table.splitlines()[2:]]
    return {row[0].strip(): [cell.strip() for cell in row[1:]] for row in cells}


@pytest.mark.child_process
def test_a_short_soak_reports_every_slow_client_closed_by_the_server_and_every_call_answered() -> None:
    done = soak("--slow", "12", "--legit", "2", "--seconds", "3", "--open-files", "128", "--idle-timeout", "1",
                "--header-timeout", "1", "--body-timeout", "1")  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    slow = rows(done.stdout, "slow client")
    assert list(slow) == ["silent", "half-line", "header-drip", "body-drip", "keep-alive", "stream"]
    for kind, (count, _, closed, _, still_open, refused) in slow.items():
        assert (count, closed, still_open, refused) == ("2", "2", "0", "0"), kind
    assert slow["stream"][1] == "2 x 405" and slow["keep-alive"][1] == "2 x 200"
    for call, (answered, failed, _, _) in rows(done.stdout, "legitimate call").items():
        assert int(answered) > 0 and failed == "0", call
    server = rows(done.stdout, "server")
    assert server["log lines with ERROR / Traceback / Too many open files"] == ["0 / 0 / 0"]


def test_soak_explains_itself_and_refuses_an_unbounded_run() -> None:
    helped = soak("--help")
    assert helped.returncode == 0 and "Soak test of the HTTP transport" in helped.stdout
    refused = soak("--slow", "100000")
    assert refused.returncode == 2 and "--slow must be 0-2000" in refused.stderr
