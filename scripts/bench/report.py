"""The Markdown report of the side-by-side benchmark (`python -m scripts.bench`): the targets first, then one table
per section."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from dataclasses import dataclass, field

from scripts.bench.sizes import TokenRow
from scripts.bench.tokens import Size


def fmt_ms(value: float) -> str:
    return f"{value:,.1f} ms" if value == value else "—"  # NaN (no sample) reads as a dash


def fmt_ratio(value: float | None, base: float | None) -> str:
    if not value or not base:
        return "—"
    return f"{value / base:.2f}x" if value / base < 10 else f"{value / base:,.0f}x"


def fmt_size(size: Size | None) -> str:
    """Tokens (bytes) of text + structured content: everything an answer carries."""
    if size is None:
        return "—"
    calls = f" in {size.calls} calls" if size.calls > 1 else ""
    return f"{size.text_and_structured_tokens:,} ({size.text_and_structured_bytes:,} B{calls})"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def machine() -> str:
    try:
        memory = subprocess.run(["free", "-h"], capture_output=True, text=True, timeout=10, check=False).stdout
        total = next((line.split()[1] for line in memory.splitlines() if line.startswith("Mem:")), "?")
    except OSError:
        total = "?"
    return (
        f"{os.cpu_count()} CPUs (`nproc`), {total} RAM (`free -h`), Python {platform.python_version()} "
        f"on {platform.system()} {platform.machine()}"
    )


@dataclass
class Claim:
    what: str
    measured: str
    target: str
    met: bool | None  # None: not measurable in this run

    def row(self) -> list[str]:
        verdict = "n/a" if self.met is None else "met" if self.met else "MISSED"
        return [self.what, self.measured, self.target, verdict]


@dataclass
class Report:
    quick: bool
    latency: float
    claims: list[Claim] = field(default_factory=list)
    tokens: list[TokenRow] = field(default_factory=list)
    latency_rows: list[list[str]] = field(default_factory=list)
    cold: list[list[str]] = field(default_factory=list)
    cold_runs: int = 0
    throughput: list[list[str]] = field(default_factory=list)
    throughput_call: str = ""
    rss: dict[str, dict[str, float | None]] = field(default_factory=dict)

    def claim(self, what: str, measured: str, target: str, met: bool | None) -> None:
        self.claims.append(Claim(what, measured, target, met))

    def markdown(self, elapsed: float) -> str:
        now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        parts = [
            f"Run: {'--quick' if self.quick else 'full'}, {now}, {elapsed:.0f} s; {machine()}; "
            f"sandbox latency {self.latency * 1000:g} ms per upstream answer.",
        ]
        if self.claims:
            parts += ["### Targets", table(["claim", "measured", "target", ""], [c.row() for c in self.claims])]
        if self.tokens:
            parts += [
                "### Tokens (cl100k_base) and bytes an agent receives",
                "Raw: the upstream body. Bridge and ours: the tool result's text plus structured content. "
                "Ratios are tokens of the contender ÷ ours.",
                table(
                    [
                        "scenario",
                        "raw API",
                        "bridge",
                        "ours",
                        "raw ÷ ours",
                        "bridge ÷ ours",
                        "ours, text only",
                        "answer",
                    ],
                    [self._token_row(row) for row in self.tokens],
                ),
            ]
        if self.latency_rows:
            parts += [
                "### Per-call latency",
                "In memory: each SDK's in-memory client; stdio: a line-delimited JSON-RPC client over the "
                "process pipes. Overhead is the p50 above the generated client's direct call.",
                table(
                    ["call", "transport", "contender", "p50", "p95", "overhead p50", "÷ ours cold"],
                    self.latency_rows,
                ),
            ]
        if self.cold:
            parts += [
                f"### Cold start: spawn → initialize → tools/list over stdio ({self.cold_runs} alternating runs)",
                table(["server", "median", "min", "÷ floor", "÷ ours"], self.cold),
            ]
        if self.throughput:
            parts += [
                f"### Throughput, stateless streamable HTTP on loopback ({self.throughput_call})",
                "The load generator shares the machine's cores with the server and the sandbox.",
                table(["server", "served by", "clients", "calls/s", "p50", "failed", "÷ bridge"], self.throughput),
            ]
        if self.rss:
            phases = ["idle after tools/list", "after calls (stdio)", "after load (HTTP)"]
            rows = [
                [who, *(f"{values[p]:.0f} MiB" if values.get(p) else "—" for p in phases)]
                for who, values in sorted(self.rss.items())
            ]
            parts += ["### Peak RSS (VmHWM) of the server process", table(["server", *phases], rows)]
        return "\n\n".join(parts) + "\n"

    @staticmethod
    def _token_row(row: TokenRow) -> list[str]:
        ours = row.ours.text_and_structured_tokens
        return [
            row.label,
            fmt_size(row.raw),
            fmt_size(row.bridge),
            fmt_size(row.ours),
            fmt_ratio(row.raw.text_and_structured_tokens if row.raw else None, ours),
            fmt_ratio(row.bridge.text_and_structured_tokens if row.bridge else None, ours),
            f"{row.ours.tokens:,}",
            row.note,
        ]
