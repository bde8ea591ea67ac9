"""Per-call latency, p50 and p95, against the sandbox served on loopback with a fixed simulated latency: the
generated client called directly (the floor), ours (cache cold and warm) and the bridge, in memory and over stdio.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from polytomic_mcp.sandbox.dataset import FACEBOOK_ADS, SALESFORCE
from scripts.bench.context import CACHE_TTL_ENV, OURS, SERVERS, Context, auth_headers
from scripts.bench.peers import StdioPeer
from scripts.bench.report import Report, fmt_ms, fmt_ratio
from scripts.bench.scenarios import SCENARIOS, TIMED, ToolCall
from scripts.processes import ROOT, percentile, python_child


@dataclass(frozen=True)
class Call:
    """One question asked of each contender: its label in the tables and each side's tool call."""

    label: str
    ours: ToolCall
    bridge: ToolCall


def timed_calls() -> list[Call]:
    calls = []
    for label, scenario in TIMED.items():
        bridge = SCENARIOS[scenario].bridge
        assert bridge is not None, f"{scenario} has no bridge call to time"
        calls.append(Call(label, SCENARIOS[scenario].ours, bridge))
    return calls


LATENCY_CALLS = timed_calls()


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


def sample_sync(calls: int, fn: Callable[[], object], budget: float = 120.0) -> list[float]:
    """As `sample`, for a blocking call."""
    fn()
    samples: list[float] = []
    stop = time.monotonic() + budget
    while len(samples) < calls and time.monotonic() < stop:
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


async def upstream_request_count(ctx: Context) -> int:
    import httpx

    async with httpx.AsyncClient(base_url=ctx.sandbox_url, headers=auth_headers()) as client:
        recorded: list[object] = (await client.get("/_sandbox/requests")).json()["data"]
        return len(recorded)


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
    spec = yaml.safe_load(Path(ROOT / "spec" / "polytomic.yaml").read_text(encoding="utf-8"))
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
        direct_calls: list[Callable[[], Awaitable[object]]] = [  # the floor of each of LATENCY_CALLS, in order
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
        "ours": (OURS, ctx.env(**{CACHE_TTL_ENV: "0"})),
        "ours, cache warm": (OURS, ctx.env(**{CACHE_TTL_ENV: "3600"})),
        "bridge": ([*SERVERS, "bridge"], ctx.env()),
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
