"""Per-page latency of walking a connection's targets, with the cache disabled (before) and enabled (after).

    uv run python -m scripts.bench cache

Runs a real MCP client against the server against the built-in sandbox API, in process. For each of the
warehouse (2,815 targets) and the Salesforce-like CRM (977), it walks every page at the default page size
twice (cold, then warm) and prints the per-page latency and the upstream requests per walk. Timings depend
on the machine; the request counts do not.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, replace
from typing import Any

import anyio
from mcp import Client

from polytomic_mcp.clients import make_api_client
from polytomic_mcp.sandbox import DEFAULT_API_KEY, SANDBOX_BASE_URL, Sandbox
from polytomic_mcp.sandbox.dataset import SALESFORCE, WAREHOUSE
from polytomic_mcp.server import build_server
from polytomic_mcp.settings import Settings

SETTINGS = Settings(api_key=DEFAULT_API_KEY, base_url=SANDBOX_BASE_URL)
CONNECTIONS = {"warehouse": WAREHOUSE, "CRM": SALESFORCE}


@dataclass(frozen=True)
class Walk:
    cache: str
    connection: str
    walk: str
    pages: list[float]  # seconds per page, as the MCP client sees it
    server: list[float]  # seconds per page inside the server's call_tool
    requests: int


async def walk(client: Client, connection_id: str) -> list[float]:
    times: list[float] = []
    cursor: str | None = None
    while True:
        started = time.perf_counter()
        result = await client.call_tool(
            "list_sync_targets", {"connection_id": connection_id, **({"cursor": cursor} if cursor else {})}
        )
        times.append(time.perf_counter() - started)
        assert not result.is_error and result.structured_content is not None
        cursor = result.structured_content["next_cursor"]
        if cursor is None:
            return times


def timed(server: Any) -> list[float]:
    """Record how long the server's own call_tool takes (the client's output validation excluded)."""
    times: list[float] = []
    call_tool = server.call_tool

    async def timing(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await call_tool(*args, **kwargs)
        finally:
            times.append(time.perf_counter() - started)

    setattr(server, "call_tool", timing)  # noqa: B010
    return times


async def measure() -> list[Walk]:
    walks: list[Walk] = []
    for cache, ttl in (("disabled", 0.0), ("enabled", 60.0)):
        for name, connection_id in CONNECTIONS.items():
            sandbox = Sandbox()
            settings = replace(SETTINGS, cache_ttl=ttl)
            server = build_server(settings, make_api_client(settings, transport=sandbox.transport()))
            inside = timed(server)
            async with Client(server) as c:
                for label in ("cold", "warm"):
                    before = len(sandbox.requests)
                    inside.clear()
                    pages = await walk(c, connection_id)
                    walks.append(Walk(cache, name, label, pages, list(inside), len(sandbox.requests) - before))
    return walks


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def main() -> int:
    """Print the walks' table and how much faster a warm page is."""
    walks = anyio.run(measure)
    header = (
        "| cache    | connection | walk | pages | upstream requests | first page ms | median page ms | total ms "
        "| server median ms |"
    )
    print(header)
    print("|" + "|".join("-" * (len(part)) for part in header.split("|")[1:-1]) + "|")
    for w in walks:
        print(
            f"| {w.cache:<8} | {w.connection:<10} | {w.walk:<4} | {len(w.pages):>5} | {w.requests:>17} "
            f"| {ms(w.pages[0]):>13} | {ms(statistics.median(w.pages)):>14} | {ms(sum(w.pages)):>8} "
            f"| {ms(statistics.median(w.server)):>16} |"
        )
    print()
    for name in CONNECTIONS:
        cold = next(w for w in walks if (w.cache, w.connection, w.walk) == ("disabled", name, "cold"))
        warm = next(w for w in walks if (w.cache, w.connection, w.walk) == ("enabled", name, "warm"))
        client = statistics.median(cold.pages) / statistics.median(warm.pages)
        inside = statistics.median(cold.server) / statistics.median(warm.server)
        print(
            f"{name}: a warm page (cache enabled) against a cold one (cache disabled): {client:,.0f}x faster as the "
            f"client sees it, {inside:,.0f}x inside the server"
        )
    return 0
