"""Per-module mutation results of the last `scripts/mutation/run.sh` run, read from mutmut's files under mutants/.

    uv run python -m scripts.mutation.table

One row per mutated source file: its mutants and how many were killed (timeouts count as killed), survived,
had no covering test or were not checked yet (a run still going, or stopped); the kill rate is of those checked.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

COLUMNS = ("killed", "survived", "no tests", "not checked")


def module_counts(root: Path) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {}
    for meta in sorted(root.rglob("*.py.meta")):
        exit_codes = json.loads(meta.read_text())["exit_code_by_key"]
        if not exit_codes:
            continue
        tally = counts.setdefault(str(meta.relative_to(root)).removesuffix(".meta"), Counter())
        for code in exit_codes.values():
            status = status_by_exit_code[code]
            tally["killed" if status == "timeout" else status] += 1
    return counts


def table(counts: dict[str, Counter[str]]) -> list[str]:
    width = max([len(name) for name in counts] + [len("TOTAL")])
    head = f"{'module':<{width}} {'mutants':>8} " + " ".join(f"{c:>11}" for c in COLUMNS) + f" {'kill rate':>9}"
    total: Counter[str] = Counter()
    lines = [head]
    for name, tally in [*counts.items(), ("TOTAL", total)]:
        if name != "TOTAL":
            total.update(tally)
        checked = sum(n for status, n in tally.items() if status != "not checked")
        rate = f"{100 * tally['killed'] / checked:.1f}%" if checked else "-"
        row = " ".join(f"{tally[c]:>11}" for c in COLUMNS)
        lines.append(f"{name:<{width}} {sum(tally.values()):>8} {row} {rate:>9}")
    return lines


def main() -> int:
    root = Path("mutants")
    if not root.is_dir():
        print("no mutants/ here: run scripts/mutation/run.sh first", file=sys.stderr)
        return 1
    print("\n".join(table(module_counts(root))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
