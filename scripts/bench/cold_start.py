"""Cold start, spawn -> initialize -> tools/list over stdio, alternating runs: a bare MCPServer with one trivial tool
(the floor), ours with credentials, ours with --sandbox, the bridge. Also each one's peak memory when idle."""

from __future__ import annotations

import statistics
import time

from scripts.bench.context import OURS, SERVERS, Context, base_env
from scripts.bench.peers import StdioPeer
from scripts.bench.report import Report, fmt_ms, fmt_ratio
from scripts.processes import python_child


def cold_start(ctx: Context, report: Report) -> None:
    servers = {
        "bare MCPServer (floor)": ([*SERVERS, "bare"], ctx.env()),
        "ours (credentials)": (OURS, ctx.env()),
        "ours (--sandbox)": ([*OURS, "--sandbox"], base_env()),
        "bridge": ([*SERVERS, "bridge"], ctx.env()),
    }
    times: dict[str, list[float]] = {name: [] for name in servers}
    rss: dict[str, list[float]] = {name: [] for name in servers}
    for _ in range(ctx.config.runs):  # alternating, so that drift in the machine's load hits everyone alike
        for name, (args, env) in servers.items():
            start = time.perf_counter()
            child = python_child(name, args, env, stdin=True)
            try:
                peer = StdioPeer(child)
                peer.initialize()
                peer.request("tools/list")
                times[name].append((time.perf_counter() - start) * 1000)
                peak = child.peak_rss_mib()
                if peak is not None:
                    rss[name].append(peak)
            finally:
                child.close()
    floor = statistics.median(times["bare MCPServer (floor)"])
    ours = statistics.median(times["ours (credentials)"])
    for name, samples in times.items():
        median = statistics.median(samples)
        report.cold.append(
            [name, fmt_ms(median), fmt_ms(min(samples)), fmt_ratio(median, floor), fmt_ratio(median, ours)]
        )
        if rss[name]:
            who = "bare" if "bare" in name else "bridge" if name == "bridge" else "ours"
            ctx.record_rss(who, "idle after tools/list", statistics.median(rss[name]))
    report.cold_runs = ctx.config.runs
    report.claim(
        "Cold start, ours (credentials) ÷ bare MCPServer",
        f"{ours / floor:.2f}x ({ours:,.0f} ms vs {floor:,.0f} ms)",
        "≤ 1.15x",
        ours / floor <= 1.15,
    )
