"""Load test: K concurrent MCP clients over streamable HTTP, M tool calls each, against the sandbox API served on a
loopback port with simulated latency. Prints calls/s, p50/p99 latency, errors and the server's resident memory.

    uv run python scripts/load_test.py                      # 50 clients x 20 calls, 50 ms upstream latency
    uv run python scripts/load_test.py --clients 10 --calls 5 --latency 0.01 --auth passthrough

Everything runs on 127.0.0.1 in child processes started here and stopped at the end; the run is bounded in calls
(--clients x --calls) and in time (--deadline seconds), and stops by itself.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
import httpx2
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from polytomic_mcp.sandbox import DEFAULT_API_KEY, SECOND_API_KEY
from polytomic_mcp.sandbox.dataset import GLOBEX_HUBSPOT, HUBSPOT, LINKEDIN_ADS, SALESFORCE, WAREHOUSE

ROOT = Path(__file__).resolve().parents[1]
SHARED_TOKEN = "load-test-shared-token-0123456789abcdef"
MAX_CLIENTS, MAX_CALLS = 500, 1000


@dataclass
class Child:
    process: subprocess.Popen[str]
    url: str
    log: list[str] = field(default_factory=list)


@contextlib.contextmanager
def child(args: list[str], pattern: str, env: dict[str, str]) -> Iterator[Child]:
    """Run `python -m polytomic_mcp ARGS` and wait for the stderr line that names its URL (it binds port 0)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "polytomic_mcp", *args], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stderr is not None
    stderr = process.stderr
    found = Child(process, "")
    ready = threading.Event()

    def pump() -> None:
        for line in stderr:
            if len(found.log) < 1000:
                found.log.append(line)
            match = re.search(pattern, line)
            if match and not found.url:
                found.url = match.group(1)
                ready.set()
        ready.set()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        ready.wait(120)
        if not found.url:
            raise SystemExit("child did not start:\n" + "".join(found.log))
        yield found
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(5)
        stderr.close()


def rss_kib(pid: int) -> tuple[int, int]:
    """(current, peak) resident set size of a process, in KiB (Linux /proc; zeros elsewhere)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0, 0
    values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.MULTILINE))
    return int(values.get("VmRSS", 0)), int(values.get("VmHWM", 0))


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


@contextlib.asynccontextmanager
async def mcp_client(url: str, token: str | None) -> AsyncIterator[Client]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with (
        httpx2.AsyncClient(headers=headers, timeout=60) as http,
        Client(streamable_http_client(url, http_client=http)) as client,
    ):
        yield client


async def one_client(index: int, url: str, token: str | None, connections: list[str], calls: int, tally: Tally) -> None:
    try:
        async with mcp_client(url, token) as client:
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


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def run(args: argparse.Namespace, server: Child, tokens: list[str | None], connections: list[list[str]]) -> None:
    tally = Tally()
    pid = server.process.pid
    samples: list[tuple[float, int]] = []
    stop_sampling = anyio.Event()

    async def sample() -> None:
        while not stop_sampling.is_set():
            samples.append((time.perf_counter(), rss_kib(pid)[0]))
            with anyio.move_on_after(0.1):
                await stop_sampling.wait()

    rss_start = rss_kib(pid)[0]
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
    rss_now, rss_peak = rss_kib(pid)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50, help=f"concurrent MCP clients (1-{MAX_CLIENTS})")
    parser.add_argument("--calls", type=int, default=20, help=f"tool calls per client (1-{MAX_CALLS})")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds the sandbox adds to each request")
    parser.add_argument("--deadline", type=float, default=300.0, help="stop after this many seconds in any case")
    parser.add_argument("--auth", choices=("none", "shared", "passthrough"), default="none")
    args = parser.parse_args(argv)
    if not (1 <= args.clients <= MAX_CLIENTS and 1 <= args.calls <= MAX_CALLS):
        parser.error(f"--clients must be 1-{MAX_CLIENTS} and --calls 1-{MAX_CALLS}")
    if not (0 <= args.latency <= 5 and 0 < args.deadline <= 3600):
        parser.error("--latency must be 0-5 s and --deadline 0-3600 s")

    base_env = {k: v for k, v in os.environ.items() if not k.startswith("POLYTOMIC_")}
    base_env["POLYTOMIC_LOG_LEVEL"] = "WARNING"
    sandbox_args = ["sandbox-api", "--host", "127.0.0.1", "--port", "0", "--latency", str(args.latency)]
    with child(sandbox_args, r"Sandbox Polytomic API on (http://\S+)", base_env) as sandbox:
        env = {**base_env, "POLYTOMIC_BASE_URL": sandbox.url}
        acme = [SALESFORCE, HUBSPOT, WAREHOUSE, LINKEDIN_ADS]
        tokens: list[str | None]
        if args.auth == "passthrough":
            tokens, connections = [DEFAULT_API_KEY, SECOND_API_KEY], [acme, [GLOBEX_HUBSPOT]]
        else:
            env["POLYTOMIC_API_KEY"] = DEFAULT_API_KEY
            if args.auth == "shared":
                env["POLYTOMIC_MCP_TOKEN"] = SHARED_TOKEN
            tokens, connections = [SHARED_TOKEN if args.auth == "shared" else None], [acme]
        serve_args = ["serve", "--transport", "http", "--host", "127.0.0.1", "--port", "0", "--auth", args.auth]
        with child(serve_args, r"MCP over HTTP on (http://\S+)", env) as server:
            anyio.run(run, args, server, tokens, connections)
    return 0


if __name__ == "__main__":
    sys.exit(main())
