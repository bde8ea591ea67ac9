"""The side-by-side benchmark: the raw Polytomic API, a generic OpenAPI-to-MCP bridge, and our server.

One run, the same sandbox data for everyone. The bridge is FastMCP.from_openapi over the same spec/polytomic.yaml
our generated client comes from. Its sections, each in its own module:

1. tokens (cl100k_base, offline) and bytes an agent receives per scenario, in process (`sizes`);
2. per-call latency p50/p95 against the sandbox served on loopback with a fixed simulated latency (`latency`);
3. cold start, spawn -> initialize -> tools/list over stdio, alternating runs (`cold_start`);
4. throughput over stateless streamable HTTP with 1, 10 and 50 concurrent clients (`throughput`);
5. peak RSS of every server process (gathered by the three sections above).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import anyio

from scripts.bench.cold_start import cold_start
from scripts.bench.context import SERVERS, Config, Context, base_env
from scripts.bench.latency import latency_in_memory, latency_stdio
from scripts.bench.report import Report
from scripts.bench.sizes import TokenRow, side_by_side
from scripts.bench.throughput import throughput
from scripts.processes import Child, python_child, wait_for_url

SECTIONS = ("tokens", "latency", "cold", "throughput")


def token_claims(report: Report, rows: list[TokenRow]) -> None:
    report.tokens.extend(rows)
    page = next(row for row in rows if row.label == "CRM targets, default page")
    if page.raw and page.bridge:
        ours = page.ours.text_and_structured_tokens
        raw, bridge = page.raw.text_and_structured_tokens, page.bridge.text_and_structured_tokens
        report.claim(
            "CRM default page: raw ÷ ours, bridge ÷ ours (tokens, text + structured)",
            f"{raw / ours:.0f}x, {bridge / ours:.0f}x",
            "≥ 10x each",
            min(raw, bridge) / ours >= 10,
        )
    for row in rows:
        if not row.label.startswith("Task: updateOrCreate") or row.raw is None:
            continue
        # Judged on the text the model reads: a client hands the model the text or the structured content (the
        # same object), so the text + structured figure, shown beside it, counts the answer twice.
        share = row.ours.tokens / row.raw.tokens
        report.claim(
            row.label.replace("Task: ", "Whole task, ") + " ÷ raw body (text the model reads)",
            f"{share:.1%} ({row.ours.tokens:,} of {row.raw.tokens:,} tokens; text + structured "
            f"{row.ours.text_and_structured_tokens / row.raw.tokens:.1%})",
            "≤ 15%",
            share <= 0.15 and row.note.startswith("complete"),
        )


def start_sandbox(latency: float) -> tuple[Child, str]:
    child = python_child("sandbox API", [*SERVERS, "sandbox", str(latency)], base_env())
    return child, wait_for_url(child, r"LISTENING (http://[\d.:]+)")


def run(config: Config) -> Report:
    report = Report(config.quick, config.latency)
    sandbox, url = start_sandbox(config.latency)
    ctx = Context(config, url)
    try:
        steps: list[tuple[str, Callable[[], None]]] = [
            ("cold", lambda: cold_start(ctx, report)),
            ("tokens", lambda: token_claims(report, anyio.run(side_by_side))),
            ("latency", lambda: anyio.run(latency_in_memory, ctx, report)),
            ("latency", lambda: latency_stdio(ctx, report)),
            ("throughput", lambda: throughput(ctx, report)),
        ]
        for section, step in steps:
            if section in config.sections:
                started = time.monotonic()
                step()
                print(f"[bench] {section}: {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
    finally:
        sandbox.close()
    report.rss = ctx.rss
    return report
