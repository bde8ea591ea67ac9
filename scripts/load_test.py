"""Load test: K concurrent MCP clients over streamable HTTP, M tool calls each, against the sandbox API served on a
loopback port with simulated latency. Prints calls/s, p50/p99 latency, errors and the server's resident memory.

    uv run python -m scripts.load_test                      # 50 clients x 20 calls, 50 ms upstream latency
    uv run python -m scripts.load_test --clients 10 --calls 5 --latency 0.01 --auth passthrough
    uv run python -m scripts.load_test --replicas 3 --cache-url redis://127.0.0.1:6379/0

With --replicas N the clients go through a round-robin balancer over N server processes, once with each replica
caching alone and, with --cache-url, once more with the replicas sharing answers through that Redis; it prints, for
each run, calls/s, p50/p99 latency, the requests that reached the sandbox API and the Redis traffic (commands and
bytes, from INFO stats). Each run has its own sandbox on a new port, so no entry of an earlier run is reused.

Everything runs on 127.0.0.1 in child processes started here and stopped at the end; the run is bounded in calls
(--clients x --calls) and in time (--deadline seconds), and stops by itself.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import re
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import anyio
import httpx2
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from polytomic_mcp.sandbox import DEFAULT_API_KEY, SECOND_API_KEY
from polytomic_mcp.sandbox.dataset import GLOBEX_HUBSPOT, HUBSPOT, LINKEDIN_ADS, SALESFORCE, WAREHOUSE
from scripts import processes
from scripts.processes import percentile

SHARED_TOKEN = "load-test-shared-token-0123456789abcdef"
MAX_CLIENTS, MAX_CALLS, MAX_REPLICAS = 500, 1000, 8


@dataclass
class Served:
    """A child `python -m polytomic_mcp ...` and the URL it printed."""

    child: processes.Child
    url: str

    @property
    def log(self) -> list[str]:
        return self.child.stderr_text().splitlines()


@contextlib.contextmanager
def child(args: list[str], pattern: str, env: dict[str, str]) -> Iterator[Served]:
    """Run `python -m polytomic_mcp ARGS` and wait for the stderr line that names its URL (it binds port 0)."""
    name = f"polytomic-mcp {args[0]}"
    with processes.serving(name, ["-m", "polytomic_mcp", *args], env, pattern, timeout=120, stop_timeout=30) as found:
        yield Served(*found)


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def arguments(n: int, connections: list[str]) -> dict[str, Any]:
    """A varied but deterministic mix: plain pages, searches, bigger pages, creation values."""
    connection = connections[n % len(connections)]
    kind = n % 4
    if kind == 0:
        return {"connection_id": connection, "limit": 20}
    if kind == 1:
        return {"connection_id": connection, "search": "a", "limit": 50}
    if kind == 2:
        return {"connection_id": connection, "limit": 200}
    return {"connection_id": connection}


class RoundRobin(httpx2.AsyncBaseTransport):
    """A load balancer in miniature: each request goes to the next replica's port in turn."""

    def __init__(self, ports: list[int]) -> None:
        self.ports = itertools.cycle(ports)
        self.transport = httpx2.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        request.url = request.url.copy_with(port=next(self.ports))
        return await self.transport.handle_async_request(request)

    async def aclose(self) -> None:
        await self.transport.aclose()


@contextlib.asynccontextmanager
async def mcp_client(url: str, token: str | None, ports: list[int] | None = None) -> AsyncIterator[Client]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    extra: dict[str, Any] = {"transport": RoundRobin(ports)} if ports else {}
    async with (
        httpx2.AsyncClient(headers=headers, timeout=60, **extra) as http,
        Client(streamable_http_client(url, http_client=http)) as client,
    ):
        yield client


async def one_client(
    index: int, url: str, token: str | None, connections: list[str], calls: int, tally: Tally,
    ports: list[int] | None = None,
) -> None:  # fmt: skip
    try:
        async with mcp_client(
            url, token, ports[index % len(ports) :] + ports[: index % len(ports)] if ports else None
        ) as client:
            for n in range(calls):
                started = time.perf_counter()
                try:
                    result = await client.call_tool("list_sync_targets", arguments(index + n, connections))
                    if result.is_error:
                        text = result.content[0].text if result.content and result.content[0].type == "text" else ""
                        tally.errors.append(text[:200])
                except Exception as exc:
                    tally.errors.append(f"{type(exc).__name__}: {exc}"[:200])
                tally.latencies.append(time.perf_counter() - started)
    except Exception as exc:
        tally.errors.append(f"client {index}: {type(exc).__name__}: {exc}"[:200])


async def run(args: argparse.Namespace, server: Served, tokens: list[str | None], connections: list[list[str]]) -> None:
    tally = Tally()
    pid = server.child.pid
    samples: list[tuple[float, int]] = []
    stop_sampling = anyio.Event()

    async def sample() -> None:
        while not stop_sampling.is_set():
            samples.append((time.perf_counter(), processes.rss_kib(pid)[0]))
            with anyio.move_on_after(0.1):
                await stop_sampling.wait()

    rss_start = processes.rss_kib(pid)[0]
    started = time.perf_counter()
    with anyio.move_on_after(args.deadline) as scope:
        async with anyio.create_task_group() as group:
            group.start_soon(sample)
            async with anyio.create_task_group() as clients:
                for i in range(args.clients):
                    which = i % len(tokens)
                    clients.start_soon(one_client, i, server.url, tokens[which], connections[which], args.calls, tally)
            stop_sampling.set()
    elapsed = time.perf_counter() - started
    rss_now, rss_peak = processes.rss_kib(pid)
    planned = args.clients * args.calls
    calls = len(tally.latencies)
    # "After warm-up": the second half of the run, once every client has connected and every path is warm.
    half = started + elapsed / 2
    late = [rss for t, rss in samples if t >= half] or [rss_now]
    early = [rss for t, rss in samples if t < half] or [rss_start]
    print(f"load test: {args.clients} clients x {args.calls} calls, auth={args.auth}, "
          f"upstream latency {args.latency * 1000:.0f} ms, loopback only")  # fmt: skip
    print()
    print("| metric | value |")
    print("|---|---|")
    print(f"| calls completed / planned | {calls} / {planned}{' (deadline hit)' if scope.cancel_called else ''} |")
    print(f"| errors | {len(tally.errors)} |")
    print(f"| wall time | {elapsed:.2f} s |")
    print(f"| throughput | {calls / elapsed if elapsed else 0:.1f} calls/s |")
    print(f"| latency p50 | {percentile(tally.latencies, 0.50) * 1000:.0f} ms |")
    print(f"| latency p99 | {percentile(tally.latencies, 0.99) * 1000:.0f} ms |")
    print(f"| latency max | {max(tally.latencies, default=0) * 1000:.0f} ms |")
    print(f"| server RSS before | {rss_start / 1024:.1f} MiB |")
    print(f"| server RSS max, first half | {max(early) / 1024:.1f} MiB |")
    print(f"| server RSS max, second half | {max(late) / 1024:.1f} MiB |")
    print(f"| server RSS end / peak (VmHWM) | {rss_now / 1024:.1f} / {rss_peak / 1024:.1f} MiB |")
    for error in sorted(set(tally.errors))[:5]:
        print(f"error: {error}")
    if tally.errors or scope.cancel_called:
        raise SystemExit(1)


SANDBOX_URL = r"Sandbox Polytomic API on (http://\S+)"
SERVER_URL = r"MCP over HTTP on (http://\S+)"


def server_env(
    auth: str, base_env: dict[str, str], sandbox_url: str
) -> tuple[dict[str, str], list[str | None], list[list[str]]]:
    """The servers' environment for this auth mode, and the clients' tokens with the connections each may read."""
    env = {**base_env, "POLYTOMIC_BASE_URL": sandbox_url}
    acme = [SALESFORCE, HUBSPOT, WAREHOUSE, LINKEDIN_ADS]
    if auth == "passthrough":
        return env, [DEFAULT_API_KEY, SECOND_API_KEY], [acme, [GLOBEX_HUBSPOT]]
    env["POLYTOMIC_API_KEY"] = DEFAULT_API_KEY
    if auth == "shared":
        env["POLYTOMIC_MCP_TOKEN"] = SHARED_TOKEN
    return env, [SHARED_TOKEN if auth == "shared" else None], [acme]


REDIS_STATS = ("total_commands_processed", "total_net_input_bytes", "total_net_output_bytes", "keyspace_hits",
               "keyspace_misses")  # fmt: skip


def redis_stats(url: str) -> dict[str, int]:
    """Redis's own counters (INFO stats): what the run cost it is the difference of two readings."""
    import redis

    with redis.Redis.from_url(url, socket_timeout=5) as client:
        info = client.info("stats")
    return {name: int(info[name]) for name in REDIS_STATS}


def upstream_requests(sandbox_url: str) -> int:
    """How many API requests the sandbox received (its recorder, over its admin route)."""
    answer = httpx2.get(f"{sandbox_url}/_sandbox/requests", headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"})
    answer.raise_for_status()
    return len(json.loads(answer.text)["data"])


async def drive(
    args: argparse.Namespace, url: str, ports: list[int], tokens: list[str | None], connections: list[list[str]]
) -> tuple[Tally, float, bool]:
    tally = Tally()
    started = time.perf_counter()
    with anyio.move_on_after(args.deadline) as scope:
        async with anyio.create_task_group() as clients:
            for i in range(args.clients):
                which = i % len(tokens)
                clients.start_soon(one_client, i, url, tokens[which], connections[which], args.calls, tally, ports)
    return tally, time.perf_counter() - started, scope.cancel_called


def run_replicas(args: argparse.Namespace, base_env: dict[str, str], sandbox_args: list[str]) -> None:
    """Each run: a new sandbox, N replicas (sharing --cache-url or not), the clients through a round-robin balancer."""
    runs: list[tuple[str, str | None]] = [("each replica caches alone", None)]
    if args.cache_url:
        runs.append(("shared cache on Redis", args.cache_url))
    rows: list[str] = []
    failed = False
    for label, cache_url in runs:
        with child(sandbox_args, SANDBOX_URL, base_env) as sandbox:
            env, tokens, connections = server_env(args.auth, base_env, sandbox.url)
            if cache_url:
                env["POLYTOMIC_CACHE_URL"] = cache_url
            serve_args = ["serve", "--transport", "http", "--host", "127.0.0.1", "--port", "0", "--auth", args.auth]
            with contextlib.ExitStack() as stack:
                servers = [stack.enter_context(child(serve_args, SERVER_URL, env)) for _ in range(args.replicas)]
                ports = [int(re.findall(r":(\d+)/mcp", s.url)[0]) for s in servers]
                before = redis_stats(cache_url) if cache_url else None
                tally, elapsed, cut = anyio.run(drive, args, servers[0].url, ports, tokens, connections)
                after = redis_stats(cache_url) if cache_url else None
                upstream = upstream_requests(sandbox.url)
                warned = sum("WARNING" in line or "ERROR" in line for s in servers for line in s.log)
        if before is not None and after is not None:
            used = {name: after[name] - before[name] for name in REDIS_STATS}
            traffic = (
                f"{used['total_commands_processed']:,} | {used['total_net_input_bytes'] / 1024 / 1024:.1f} / "
                f"{used['total_net_output_bytes'] / 1024 / 1024:.1f} MiB | "
                f"{used['keyspace_hits']:,} / {used['keyspace_misses']:,}"
            )
        else:
            traffic = "— | — | —"
        calls = len(tally.latencies)
        rows.append(
            f"| {label} | {calls} / {args.clients * args.calls}{' (deadline hit)' if cut else ''} | "
            f"{len(tally.errors)} | {calls / elapsed if elapsed else 0:.1f} | "
            f"{percentile(tally.latencies, 0.50) * 1000:.0f} ms | {percentile(tally.latencies, 0.99) * 1000:.0f} ms | "
            f"{upstream} | {traffic} | {warned} |"
        )
        for error in sorted(set(tally.errors))[:5]:
            print(f"error ({label}): {error}")
        failed = failed or bool(tally.errors) or cut
    print(f"load test: {args.replicas} replicas behind a round-robin balancer, {args.clients} clients x {args.calls} "
          f"calls, auth={args.auth}, upstream latency {args.latency * 1000:.0f} ms, loopback only")  # fmt: skip
    print()
    print("| run | calls / planned | errors | calls/s | p50 | p99 | upstream requests | Redis commands "
          "| Redis bytes in / out | Redis hits / misses | warnings logged |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(row)
    if failed:
        raise SystemExit(1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50, help=f"concurrent MCP clients (1-{MAX_CLIENTS})")
    parser.add_argument("--calls", type=int, default=20, help=f"tool calls per client (1-{MAX_CALLS})")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds the sandbox adds to each request")
    parser.add_argument("--deadline", type=float, default=300.0, help="stop after this many seconds in any case")
    parser.add_argument("--auth", choices=("none", "shared", "passthrough"), default="none")
    parser.add_argument("--replicas", type=int, default=1, help=f"server processes behind a round-robin balancer "
                        f"(1-{MAX_REPLICAS})")  # fmt: skip
    parser.add_argument("--cache-url", help="a Redis URL (redis://127.0.0.1:6379/0, loopback): also run with the "
                        "replicas sharing answers through it")  # fmt: skip
    args = parser.parse_args(argv)
    if not (1 <= args.clients <= MAX_CLIENTS and 1 <= args.calls <= MAX_CALLS):
        parser.error(f"--clients must be 1-{MAX_CLIENTS} and --calls 1-{MAX_CALLS}")
    if not (0 <= args.latency <= 5 and 0 < args.deadline <= 3600):
        parser.error("--latency must be 0-5 s and --deadline 0-3600 s")
    if not 1 <= args.replicas <= MAX_REPLICAS:
        parser.error(f"--replicas must be 1-{MAX_REPLICAS}")
    if args.cache_url and not re.match(
        r"^rediss?://([^@/]*@)?(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(/|$)", args.cache_url
    ):
        parser.error("--cache-url must be a redis:// URL of a Redis on this machine (127.0.0.1, localhost or [::1])")

    base_env = {k: v for k, v in os.environ.items() if not k.startswith("POLYTOMIC_")}
    base_env["POLYTOMIC_LOG_LEVEL"] = "WARNING"
    sandbox_args = ["sandbox-api", "--host", "127.0.0.1", "--port", "0", "--latency", str(args.latency)]
    if args.replicas > 1 or args.cache_url:
        run_replicas(args, base_env, sandbox_args)
        return 0
    with child(sandbox_args, SANDBOX_URL, base_env) as sandbox:
        env, tokens, connections = server_env(args.auth, base_env, sandbox.url)
        serve_args = ["serve", "--transport", "http", "--host", "127.0.0.1", "--port", "0", "--auth", args.auth]
        with child(serve_args, SERVER_URL, env) as server:
            anyio.run(run, args, server, tokens, connections)
    return 0


if __name__ == "__main__":
    sys.exit(main())
