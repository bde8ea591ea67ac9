"""How long the sandbox takes to build its dataset, in a fresh interpreter (imports included).

    uv run python -m scripts.bench sandbox [--runs 5]

Speed is measured here, not asserted in tests: a busy CI machine makes any time limit flaky.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

from scripts.processes import ROOT

SCRIPT = """\
import time
t = time.perf_counter()
from polytomic_mcp.sandbox import Sandbox, dataset
loaded = time.perf_counter()
Sandbox()
[(dataset.targets(c), dataset.creation_properties(c)) for c in dataset.ALL_CONNECTIONS]
print(loaded - t, time.perf_counter() - loaded)
"""


def main(runs: int = 5) -> int:
    """Time `runs` fresh interpreters and print the median and the slowest of each step."""
    imports: list[float] = []
    builds: list[float] = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True)
        first, second = (float(x) for x in done.stdout.split())
        imports.append(first)
        builds.append(second)
    print(f"{'step':<28} {'median s':>9} {'max s':>7}")
    for label, times in (("import the sandbox", imports), ("build every connection", builds)):
        print(f"{label:<28} {statistics.median(times):>9.3f} {max(times):>7.3f}")
    return 0
