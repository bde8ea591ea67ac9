"""Throughput over stateless streamable HTTP with 1, 10 and 50 concurrent clients (raw JSON-RPC POSTs, JSON
responses): ours, cache cold and warm, and the bridge under uvicorn. Also each server's peak memory after the load."""

from __future__ import annotations

import statistics
import time
from typing import Any

import anyio

from scripts.bench.context import CACHE_TTL_ENV, OURS, SERVERS, Context
from scripts.bench.latency import LATENCY_CALLS
from scripts.bench.report import Report, fmt_ms, fmt_ratio
from scripts.processes import Child, ChildError, python_child, wait_for_url


def start_http(who: str, env: dict[str, str]) -> tuple[Child, str, str]:
    """Start a stateless streamable HTTP server on loopback port 0; returns it, its URL and how it was served."""
    if who.startswith("ours"):
        child = python_child(who, [*OURS, "--transport", "http", "--port", "0"], env)
        try:
            url = wait_for_url(child, r"MCP over HTTP on (http://\S+)", from_stderr=True)
        except ChildError:
            child.close()
            raise
        return child, url, "serve --transport http"
    child = python_child(who, [*SERVERS, "bridge", "--http"], env)
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
        child, url, how = start_http(who, env)
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
