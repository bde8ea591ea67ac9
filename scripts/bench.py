"""Side-by-side benchmark: the raw Polytomic API, a generic OpenAPI-to-MCP bridge, and our server.

    uv run python scripts/bench.py            # the full run (BENCHMARKS.md holds its latest table)
    uv run python scripts/bench.py --quick    # a short run (well under 3 minutes on 2 cores)

One run, the same sandbox data for everyone. The bridge is FastMCP.from_openapi over the same
spec/polytomic.yaml our generated client comes from. Measured:

1. tokens (cl100k_base, offline) and bytes an agent receives per scenario, in process;
2. per-call latency p50/p95 against the sandbox served on loopback with a fixed simulated latency: the generated
   client called directly (the floor), ours (cache cold and warm) and the bridge, in memory and over stdio;
3. cold start, spawn -> initialize -> tools/list over stdio, alternating runs: a bare MCPServer with one trivial
   tool (the floor), ours with credentials, ours with --sandbox, the bridge;
4. throughput over stateless streamable HTTP with 1, 10 and 50 concurrent clients: ours and the bridge;
5. peak RSS of every server process.

Scenarios that need a tool or argument our server does not have yet print "n/a (tool not available)".
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from polytomic_mcp.sandbox import DEFAULT_API_KEY
from polytomic_mcp.sandbox.dataset import FACEBOOK_ADS, SALESFORCE
from scripts.bench_peers import BenchError, Child, StdioPeer, base_env, python_child, wait_for_url
from scripts.bench_report import Report, fmt_ms, fmt_ratio
from scripts.bench_sizes import Size, TokenRow, measure_tokens

NA = "n/a (tool not available)"
CACHE_TTL_ENV = "POLYTOMIC_CACHE_TTL"
SERVERS = "scripts/bench_servers.py"


@dataclass(frozen=True)
class Config:
    quick: bool
    latency: float  # seconds the sandbox adds to every upstream answer
    runs: int  # cold-start runs per server
    calls: int  # latency samples per contender and scenario
    seconds: float  # throughput duration per concurrency level
    clients: tuple[int, ...]
    sections: frozenset[str]

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Config:
        runs, calls, seconds = (5, 30, 2.0) if args.quick else (12, 200, 8.0)
        return cls(
            quick=args.quick,
            latency=args.latency,
            runs=args.runs or runs,
            calls=args.calls or calls,
            seconds=args.seconds or seconds,
            clients=tuple(int(n) for n in args.clients.split(",")),
            sections=frozenset(args.sections.split(",")),
        )


@dataclass
class Context:
    """What every section shares: the loopback sandbox and what our server offers."""

    config: Config
    sandbox_url: str
    tools: dict[str, set[str]] = field(default_factory=dict)  # our tool name -> its argument names
    cache: bool | None = None  # whether POLYTOMIC_CACHE_TTL made a repeated call skip Polytomic
    rss: dict[str, dict[str, float | None]] = field(default_factory=dict)

    def env(self, **extra: str) -> dict[str, str]:
        return base_env(POLYTOMIC_API_KEY=DEFAULT_API_KEY, POLYTOMIC_BASE_URL=self.sandbox_url, **extra)

    def record_rss(self, server: str, phase: str, value: float | None) -> None:
        if value is not None:
            previous = self.rss.setdefault(server, {}).get(phase)
            self.rss[server][phase] = max(value, previous or 0.0)


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# --- latency -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One question asked of each contender: the upstream route it costs and each side's tool call."""

    label: str
    ours: tuple[str, dict[str, Any]]
    bridge: tuple[str, dict[str, Any]]


LATENCY_CALLS = (
    Call(
        "CRM targets (977 objects upstream)",
        ("list_sync_targets", {"connection_id": SALESFORCE}),
        ("list_sync_targets", {"id": SALESFORCE}),
    ),
    Call(
        "Ad account values (small)",
        ("get_target_creation_values", {"connection_id": FACEBOOK_ADS, "property": "account"}),
        ("get_target_creation_property_values", {"id": FACEBOOK_ADS, "property": "account"}),
    ),
)


async def sample(calls: int, fn: Callable[[], Awaitable[object]], budget: float = 120.0) -> list[float]:
    """Milliseconds of up to `calls` sequential calls after one warm-up call, stopping early after `budget` s."""
    await fn()
    samples: list[float] = []
    stop = time.monotonic() + budget
    while len(samples) < calls and time.monotonic() < stop:
        start = time.perf_counter()
        await fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


async def upstream_request_count(ctx: Context) -> int:
    import httpx

    async with httpx.AsyncClient(base_url=ctx.sandbox_url, headers=auth_headers()) as client:
        recorded: list[object] = (await client.get("/_sandbox/requests")).json()["data"]
        return len(recorded)


def auth_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {DEFAULT_API_KEY}", "X-Polytomic-Version": "2025-09-18"}


async def latency_in_memory(ctx: Context, report: Report) -> None:
    from uuid import UUID

    import httpx2
    import yaml
    from fastmcp import Client as BridgeClient
    from fastmcp import FastMCP
    from mcp import Client

    from polytomic_mcp.clients import make_api_client
    from polytomic_mcp.server import build_server
    from polytomic_mcp.settings import Settings
    from polytomic_sync_client.api.model_sync_targets import get_target_creation_property_values, list_sync_targets

    n = ctx.config.calls
    cold = Settings.from_env(ctx.env(**{CACHE_TTL_ENV: "0"}))  # every call reaches the sandbox, like the floor
    warm = Settings.from_env(ctx.env(**{CACHE_TTL_ENV: "3600"}))
    spec = yaml.safe_load(Path("spec/polytomic.yaml").read_text(encoding="utf-8"))
    rows: list[list[str]] = []
    async with (
        make_api_client(cold) as api,
        Client(build_server(cold)) as ours_cold,
        Client(build_server(warm)) as ours_warm,
        BridgeClient(
            FastMCP.from_openapi(
                spec, client=httpx2.AsyncClient(base_url=ctx.sandbox_url, headers=auth_headers(), timeout=30)
            )
        ) as bridge,
    ):
        direct_calls: list[Callable[[], Awaitable[object]]] = [
            lambda: list_sync_targets.asyncio_detailed(UUID(SALESFORCE), client=api),
            lambda: get_target_creation_property_values.asyncio_detailed(UUID(FACEBOOK_ADS), "account", client=api),
        ]
        for call, direct in zip(LATENCY_CALLS, direct_calls, strict=True):
            floor = await sample(n, direct)
            ours = await sample(n, lambda c=call: ours_cold.call_tool(*c.ours))  # type: ignore[misc]
            before = await upstream_request_count(ctx)
            ours_w = await sample(n, lambda c=call: ours_warm.call_tool(*c.ours))  # type: ignore[misc]
            hits = await upstream_request_count(ctx) - before
            ctx.cache = hits < len(ours_w)  # every call that did not reach the sandbox was answered from a cache
            bridged = await sample(n, lambda c=call: bridge.call_tool_mcp(*c.bridge))  # type: ignore[misc]
            rows += latency_rows(call.label, "in memory", floor, ours, ours_w if ctx.cache else None, bridged)
            if call is LATENCY_CALLS[0]:
                measured = statistics.median(ours_w if ctx.cache else ours) - statistics.median(floor)
                report.claim(
                    f"Per-call overhead over the direct client, p50 in memory ({call.label})",
                    f"{measured:+.2f} ms ({'cache warm' if ctx.cache else 'no cache yet: cache cold'})",
                    "≤ 1 ms, cache warm",
                    measured <= 1.0,
                )
    report.latency_rows.extend(rows)


def latency_rows(
    label: str,
    transport: str,
    floor: list[float] | None,
    ours: list[float],
    ours_warm: list[float] | None,
    bridge: list[float],
) -> list[list[str]]:
    base = statistics.median(floor) if floor else None
    ours_p50 = statistics.median(ours)

    def row(who: str, samples: list[float] | None) -> list[str]:
        if samples is None:
            return [label, transport, who, "n/a (no cache)", "", "", ""]
        p50 = statistics.median(samples)
        overhead = f"{p50 - base:+.2f} ms" if base is not None else "—"
        return [
            label,
            transport,
            who,
            fmt_ms(p50),
            fmt_ms(percentile(samples, 0.95)),
            overhead,
            fmt_ratio(p50, ours_p50),
        ]

    rows = [row("direct generated client (floor)", floor)] if floor else []
    return [*rows, row("ours, cache cold", ours), row("ours, cache warm", ours_warm), row("bridge", bridge)]


def latency_stdio(ctx: Context, report: Report) -> None:
    n = ctx.config.calls
    contenders = {
        "ours": (["-m", "polytomic_mcp", "serve"], ctx.env(**{CACHE_TTL_ENV: "0"})),
        "ours, cache warm": (["-m", "polytomic_mcp", "serve"], ctx.env(**{CACHE_TTL_ENV: "3600"})),
        "bridge": ([SERVERS, "bridge"], ctx.env()),
    }
    samples: dict[tuple[str, str], list[float]] = {}
    for who, (args, env) in contenders.items():
        if who == "ours, cache warm" and not ctx.cache:
            continue
        child = python_child(who, args, env, stdin=True)
        try:
            peer = StdioPeer(child)
            peer.initialize()
            for call in LATENCY_CALLS:
                name, arguments = call.bridge if who == "bridge" else call.ours
                samples[(who, call.label)] = sample_sync(n, lambda: peer.call_tool(name, arguments))  # noqa: B023
            ctx.record_rss("bridge" if who == "bridge" else "ours", "after calls (stdio)", child.peak_rss_mib())
        finally:
            child.close()
    for call in LATENCY_CALLS:
        report.latency_rows += latency_rows(
            call.label,
            "stdio",
            None,
            samples[("ours", call.label)],
            samples.get(("ours, cache warm", call.label)),
            samples[("bridge", call.label)],
        )


def sample_sync(calls: int, fn: Callable[[], object], budget: float = 120.0) -> list[float]:
    fn()
    samples: list[float] = []
    stop = time.monotonic() + budget
    while len(samples) < calls and time.monotonic() < stop:
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


# --- cold start --------------------------------------------------------------------------------------------


def cold_start(ctx: Context, report: Report) -> None:
    servers = {
        "bare MCPServer (floor)": ([SERVERS, "bare"], ctx.env()),
        "ours (credentials)": (["-m", "polytomic_mcp", "serve"], ctx.env()),
        "ours (--sandbox)": (["-m", "polytomic_mcp", "serve", "--sandbox"], base_env()),
        "bridge": ([SERVERS, "bridge"], ctx.env()),
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
                listed = peer.request("tools/list")
                times[name].append((time.perf_counter() - start) * 1000)
                if name == "ours (credentials)":
                    ctx.tools = {
                        tool["name"]: set(tool.get("inputSchema", {}).get("properties", {})) for tool in listed["tools"]
                    }
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


def token_claims(report: Report, rows: list[TokenRow]) -> None:
    report.tokens.extend(rows)
    by_label = {row.label: row for row in rows}
    page = by_label["CRM targets, default page"]
    if isinstance(page.ours, Size) and page.raw and page.bridge:
        worst = min(page.raw.tokens, page.bridge.tokens) / page.ours.tokens
        report.claim(
            "CRM default page: raw ÷ ours, bridge ÷ ours (tokens)",
            f"{page.raw.tokens / page.ours.tokens:.0f}x, {page.bridge.tokens / page.ours.tokens:.0f}x",
            "≥ 10x each",
            worst >= 10,
        )
    tasks = [row for row in rows if row.label.startswith("Task: updateOrCreate") and isinstance(row.ours, Size)]
    for row in tasks:
        assert isinstance(row.ours, Size) and row.raw
        # Judged on the text the model reads: a client hands the model the text or the structured content (the
        # same object), so the text + structured figure, shown beside it, counts the answer twice.
        share = row.ours.text_tokens / row.raw.tokens
        report.claim(
            row.label.replace("Task: ", "Whole task, ") + " ÷ raw body (text the model reads)",
            f"{share:.1%} ({row.ours.text_tokens:,} of {row.raw.tokens:,} tokens; text + structured "
            f"{row.ours.tokens / row.raw.tokens:.1%})",
            "≤ 15%",
            share <= 0.15 and row.note.startswith("complete"),
        )


# --- throughput --------------------------------------------------------------------------------------------


def start_http(ctx: Context, who: str, env: dict[str, str]) -> tuple[Child, str, str]:
    """Start a stateless streamable HTTP server on loopback port 0; returns it, its URL and how it was served."""
    if who.startswith("ours"):
        child = python_child(
            who, ["-m", "polytomic_mcp", "serve", "--transport", "http", "--port", "0"], env, stdin=False
        )
        try:
            url = wait_for_url(child, r"MCP over HTTP on (http://\S+)", from_stderr=True)
        except BenchError:
            child.close()
            raise
        return child, url, "serve --transport http"
    child = python_child(who, [SERVERS, "bridge", "--http"], env, stdin=False)
    return child, wait_for_url(child, r"LISTENING (\S+)"), "http_app under uvicorn"


async def load(url: str, call: tuple[str, dict[str, Any]], clients: int, seconds: float) -> tuple[int, int, float]:
    """`clients` concurrent clients calling for `seconds` (at most 100,000 calls): (ok, failed, p50 ms)."""
    import httpx

    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": call[0], "arguments": call[1]}}
    headers = {"Accept": "application/json, text/event-stream", "MCP-Protocol-Version": "2025-11-25"}
    latencies: list[float] = []
    failed = 0
    stop = time.monotonic() + seconds

    async def client() -> None:
        nonlocal failed
        async with httpx.AsyncClient(headers=headers, timeout=30, trust_env=False) as http:
            while time.monotonic() < stop and len(latencies) + failed < 100_000:
                start = time.perf_counter()
                try:
                    resp = await http.post(url, json=body)
                    ok = resp.status_code == 200 and not resp.json().get("result", {}).get("isError", True)
                except Exception:
                    ok = False
                if ok:
                    latencies.append((time.perf_counter() - start) * 1000)
                else:
                    failed += 1

    async with anyio.create_task_group() as tg:
        for _ in range(clients):
            tg.start_soon(client)
    return len(latencies), failed, statistics.median(latencies) if latencies else float("nan")


def throughput(ctx: Context, report: Report) -> None:
    call = LATENCY_CALLS[1]
    contenders: dict[str, dict[str, str]] = {"ours": ctx.env(**{CACHE_TTL_ENV: "0"})}
    if ctx.cache:
        contenders["ours, cache warm"] = ctx.env(**{CACHE_TTL_ENV: "3600"})
    contenders["bridge"] = ctx.env()
    rps: dict[tuple[str, int], float] = {}
    for who, env in contenders.items():
        child, url, how = start_http(ctx, who, env)
        try:
            tool_call = call.bridge if who == "bridge" else call.ours
            anyio.run(load, url, tool_call, 1, min(1.0, ctx.config.seconds))  # warm-up
            for clients in ctx.config.clients:
                ok, failed, p50 = anyio.run(load, url, tool_call, clients, ctx.config.seconds)
                rps[(who, clients)] = ok / ctx.config.seconds
                report.throughput.append(
                    [who, how, str(clients), f"{ok / ctx.config.seconds:,.0f}", fmt_ms(p50), str(failed)]
                )
            ctx.record_rss("bridge" if who == "bridge" else "ours", "after load (HTTP)", child.peak_rss_mib())
        finally:
            child.close()
    for row in report.throughput:
        bridge = rps.get(("bridge", int(row[2])))
        row.append(fmt_ratio(rps[(row[0], int(row[2]))], bridge) if bridge else "—")
    report.throughput_call = call.label


# --- main --------------------------------------------------------------------------------------------------


def start_sandbox(latency: float) -> tuple[Child, str]:
    child = python_child("sandbox API", [SERVERS, "sandbox", str(latency)], base_env(), stdin=False)
    return child, wait_for_url(child, r"LISTENING (http://[\d.:]+)")


def run(config: Config) -> Report:
    report = Report(config.quick, config.latency)
    sandbox, url = start_sandbox(config.latency)
    ctx = Context(config, url)
    try:
        steps: list[tuple[str, Callable[[], None]]] = [
            ("cold", lambda: cold_start(ctx, report)),
            ("tokens", lambda: token_claims(report, anyio.run(measure_tokens))),
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a short run: fewer samples, shorter load")
    parser.add_argument("--latency", type=float, default=0.005, help="seconds the sandbox adds to every answer")
    parser.add_argument("--runs", type=int, default=0, help="cold-start runs per server (default 12; quick 5)")
    parser.add_argument("--calls", type=int, default=0, help="latency samples per case (default 200; quick 30)")
    parser.add_argument("--seconds", type=float, default=0, help="load per concurrency level (default 8; quick 2)")
    parser.add_argument("--clients", default="1,10,50", help="concurrency levels for throughput")
    parser.add_argument("--sections", default="tokens,latency,cold,throughput", help="which sections to run")
    parser.add_argument("--output", type=Path, help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    config = Config.from_args(args)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    for noisy in ("httpx", "httpx2", "fastmcp", "mcp", "FastMCP"):  # per-request INFO lines, with URLs
        logging.getLogger(noisy).setLevel(logging.WARNING)
    started = time.monotonic()
    report = run(config)
    text = report.markdown(elapsed=time.monotonic() - started)
    print(text, end="")
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
