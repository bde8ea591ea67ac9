"""Soak test of the HTTP transport against slow and idle clients. It starts the server (built-in sandbox, loopback,
port 0) in a child process, under a lowered open-files limit if asked, holds K slow clients of six kinds while M
legitimate clients call GET /healthz, tools/list and the list_connections tool over plain JSON-RPC POSTs, and prints
what each kind of client got, how the legitimate calls fared, and how much the server logged.

    uv run python -m scripts.soak                                   # 200 slow, 20 legitimate, limit 256, 20 s
    uv run python -m scripts.soak --slow 400 --open-files 128 --seconds 30 --header-timeout 5 --body-timeout 5

The slow kinds: silent (connects, sends nothing), half-line (half a request line), header-drip (a request line,
then a header byte a second), body-drip (complete headers, then a body byte a second), keep-alive (one answered
request, then nothing), stream (GET /mcp, asking for an event stream). Everything runs on 127.0.0.1; the server is
stopped at the end; the run is bounded in clients (--slow, --legit) and in time (--seconds, plus start-up and
shutdown), and stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from polytomic_mcp.http import HEALTH_PATH, MCP_PATH
from scripts.processes import Child, ChildError, inherited_env, open_descriptors, serving

HOST = "127.0.0.1"
TOKEN = "soak-test-shared-token-0123456789abcdef"
KINDS = ("silent", "half-line", "header-drip", "body-drip", "keep-alive", "stream")
MAX_SLOW, MAX_LEGIT, MAX_SECONDS = 2000, 200, 600.0
DRIP_SECONDS = 1.0  # one byte a second, as a slowloris client sends
CALL_TIMEOUT = 15.0
PAUSE = 0.25  # between one legitimate client's rounds of calls
STATUS = re.compile(rb"^HTTP/1\.[01] (\d{3})")


def lower_open_files(limit: int) -> Callable[[], None]:
    def preexec() -> None:
        _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        ceiling = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (ceiling, ceiling))

    return preexec


def server(open_files: int, env: dict[str, str]) -> contextlib.AbstractContextManager[tuple[Child, str]]:
    """`python -m polytomic_mcp serve --transport http --port 0 --sandbox --auth shared` under the open-files limit,
    its stderr (the log) in a file: the child and the URL it names once it listens."""
    args = ["-m", "polytomic_mcp", "serve", "--transport", "http", "--host", HOST, "--port", "0", "--sandbox",
            "--auth", "shared"]  # fmt: skip
    preexec = lower_open_files(open_files) if open_files else None
    return serving("the server", args, env, r"MCP over HTTP on (http://\S+)", stop_timeout=40, preexec_fn=preexec)


@dataclass
class Slow:
    """What one slow client got."""

    kind: str
    status: int | None = None  # of the first answer, if one came
    closed_after: float | None = None  # seconds from connecting until the server closed or reset the connection
    refused: bool = False  # could not connect


def opening(kind: str, port: int) -> bytes:
    host = f"Host: {HOST}:{port}\r\n".encode()
    auth = f"Authorization: Bearer {TOKEN}\r\n".encode()
    return {
        "silent": b"",
        "half-line": b"POST /mcp HT",
        "header-drip": b"POST /mcp HTTP/1.1\r\n" + host,
        "body-drip": b"POST /mcp HTTP/1.1\r\n" + host + auth + b"Content-Type: application/json\r\n"
        b"Accept: application/json, text/event-stream\r\nContent-Length: 100000\r\n\r\n{",
        "keep-alive": b"GET /healthz HTTP/1.1\r\n" + host + b"\r\n",
        "stream": b"GET /mcp HTTP/1.1\r\n" + host + auth + b"Accept: text/event-stream\r\n\r\n",
    }[kind]


async def slow_client(kind: str, port: int, stop: asyncio.Event, outcome: Slow) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    try:
        reader, writer = await asyncio.open_connection(HOST, port)
    except OSError:
        outcome.refused = True
        return

    async def read() -> None:
        head = b""
        try:
            while data := await reader.read(65536):
                if outcome.status is None:
                    head += data
                    found = STATUS.match(head)
                    outcome.status = int(found.group(1)) if found else None
        except OSError:
            pass  # reset by the server: closed too
        outcome.closed_after = loop.time() - started

    async def write() -> None:
        with contextlib.suppress(OSError):
            writer.write(opening(kind, port))
            await writer.drain()
            while kind in ("header-drip", "body-drip"):
                await asyncio.sleep(DRIP_SECONDS)
                writer.write(b"X" if kind == "header-drip" else b" ")
                await writer.drain()
        await stop.wait()

    reading = asyncio.create_task(read())
    writing = asyncio.create_task(write())
    stopped = asyncio.create_task(stop.wait())
    await asyncio.wait({reading, stopped}, return_when=asyncio.FIRST_COMPLETED)
    for task in (reading, writing, stopped):
        task.cancel()
    writer.close()
    with contextlib.suppress(OSError, asyncio.CancelledError):
        await writer.wait_closed()


@dataclass
class Calls:
    """How one kind of legitimate call fared."""

    latencies: list[float] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)


HEADERS = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json, text/event-stream",
           "MCP-Protocol-Version": "2025-11-25"}  # fmt: skip
LIST_TOOLS = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
LIST_CONNECTIONS = {
    "jsonrpc": "2.0",
    "id": 2,
    "method": "tools/call",
    "params": {"name": "list_connections", "arguments": {}},
}


async def call(http: httpx.AsyncClient, name: str) -> str | None:
    """One legitimate call: None if it got the right answer, else what it got."""
    if name == "GET /healthz":
        response = await http.get(HEALTH_PATH)
        right = response.status_code == 200 and response.json() == {"status": "ok"}
    elif name == "tools/list":
        response = await http.post(MCP_PATH, json=LIST_TOOLS, headers=HEADERS)
        right = response.status_code == 200 and len(response.json()["result"]["tools"]) == 4
    else:
        response = await http.post(MCP_PATH, json=LIST_CONNECTIONS, headers=HEADERS)
        right = response.status_code == 200 and not response.json()["result"].get("isError")
    return None if right else f"HTTP {response.status_code}"


async def legitimate_client(base: str, stop: asyncio.Event, calls: dict[str, Calls]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=CALL_TIMEOUT) as http:
        while not stop.is_set():
            for name, fared in calls.items():
                started = time.perf_counter()
                try:
                    wrong = await call(http, name)
                    if wrong is None:
                        fared.latencies.append(time.perf_counter() - started)
                    else:
                        fared.failures[wrong] += 1
                except (httpx.HTTPError, ValueError, KeyError) as exc:
                    fared.failures[type(exc).__name__] += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), PAUSE)


async def soak(args: argparse.Namespace, served: Child, url: str) -> tuple[list[Slow], dict[str, Calls], int]:
    stop = asyncio.Event()
    kinds = [kind for kind in KINDS if kind in args.kinds]
    slow = [Slow(kinds[i % len(kinds)]) for i in range(args.slow)]
    calls = {name: Calls() for name in ("GET /healthz", "tools/list", "tools/call list_connections")}
    most_descriptors = 0
    port = httpx.URL(url).port or 0

    async def sample() -> None:
        nonlocal most_descriptors
        while not stop.is_set():
            most_descriptors = max(most_descriptors, open_descriptors(served.pid))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 0.2)

    tasks = [asyncio.create_task(sample())]
    tasks += [asyncio.create_task(slow_client(s.kind, port, stop, s)) for s in slow]
    await asyncio.sleep(min(1.0, args.seconds / 4))  # the slow clients are in before the legitimate ones
    base = url.removesuffix(MCP_PATH)
    tasks += [asyncio.create_task(legitimate_client(base, stop, calls)) for _ in range(args.legit)]
    await asyncio.sleep(args.seconds)
    stop.set()
    await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), CALL_TIMEOUT + 15)
    return slow, calls, most_descriptors


def seconds(values: list[float]) -> str:
    if not values:
        return "—"
    return f"{statistics.median(values):.1f} s / {max(values):.1f} s"


def report(args: argparse.Namespace, slow: list[Slow], calls: dict[str, Calls], descriptors: int, log: str) -> str:
    lines = [
        f"soak: {args.slow} slow clients, {args.legit} legitimate clients, {args.seconds:g} s, open-files limit "
        f"{args.open_files or 'unchanged'}, loopback only",
        "",
        "| slow client | count | answered | closed by the server | after (median / max) | still open at the end "
        "| could not connect |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in KINDS:
        got = [s for s in slow if s.kind == kind]
        if not got:
            continue
        statuses = Counter(s.status for s in got if s.status is not None)
        answered = ", ".join(f"{n} x {status}" for status, n in sorted(statuses.items())) or "0"
        closed = [s.closed_after for s in got if s.closed_after is not None]
        still = sum(1 for s in got if s.closed_after is None and not s.refused)
        refused = sum(1 for s in got if s.refused)
        lines.append(f"| {kind} | {len(got)} | {answered} | {len(closed)} | {seconds(closed)} | {still} | {refused} |")
    lines += ["", "| legitimate call | answered | failed | p50 | max |", "|---|---|---|---|---|"]
    for name, fared in calls.items():
        failed = ", ".join(f"{n} {why}" for why, n in fared.failures.most_common()) or "0"
        p50 = f"{statistics.median(fared.latencies) * 1000:.0f} ms" if fared.latencies else "—"
        most = f"{max(fared.latencies) * 1000:.0f} ms" if fared.latencies else "—"
        lines.append(f"| {name} | {len(fared.latencies)} | {failed} | {p50} | {most} |")
    log_lines = log.splitlines()
    limits = next((line.split(": ", 1)[1] for line in log_lines if "Holding at most" in line), "—")
    lines += [
        "",
        "| server | value |",
        "|---|---|",
        f"| log | {len(log.encode()) / 1024:.1f} KiB, {len(log_lines)} lines |",
        f"| log lines with ERROR / Traceback / Too many open files | "
        f"{sum('ERROR' in line for line in log_lines)} / {sum('Traceback' in line for line in log_lines)} / "
        f"{sum('Too many open files' in line for line in log_lines)} |",
        f"| open descriptors, most seen | {descriptors} |",
        f"| limits | {limits} |",
    ]
    return "\n".join(lines)


def kinds(text: str) -> list[str]:
    chosen = [kind.strip() for kind in text.split(",") if kind.strip()]
    unknown = set(chosen) - set(KINDS)
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"kinds are a comma-separated choice of {', '.join(KINDS)}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--slow", type=int, default=200, help=f"slow clients held (0-{MAX_SLOW}; default 200)")
    parser.add_argument("--legit", type=int, default=20, help=f"legitimate clients (1-{MAX_LEGIT}; default 20)")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long to hold them (default 20)")
    parser.add_argument("--open-files", type=int, default=256, help="the server's open-files limit (0: unchanged)")
    parser.add_argument("--kinds", type=kinds, default=list(KINDS), help=f"slow kinds (default: {','.join(KINDS)})")
    for name in ("max-connections", "idle-timeout", "header-timeout", "body-timeout"):
        variable = "POLYTOMIC_HTTP_" + name.upper().replace("-", "_")
        parser.add_argument(f"--{name}", metavar="N", help=f"the server's {variable} (default: the server's)")
    args = parser.parse_args(argv)
    if not (0 <= args.slow <= MAX_SLOW and 1 <= args.legit <= MAX_LEGIT and 0 < args.seconds <= MAX_SECONDS):
        parser.error(f"--slow must be 0-{MAX_SLOW}, --legit 1-{MAX_LEGIT} and --seconds more than 0, at most 600")
    if args.open_files and args.open_files < 64:
        parser.error("--open-files must be 0 (unchanged) or at least 64")

    # This process holds every slow and legitimate client's socket.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = args.slow + 4 * args.legit + 64
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard),
                                                    hard))  # fmt: skip
    env = inherited_env(POLYTOMIC_MCP_TOKEN=TOKEN)
    for name in ("max_connections", "idle_timeout", "header_timeout", "body_timeout"):
        if getattr(args, name) is not None:
            env["POLYTOMIC_HTTP_" + name.upper()] = getattr(args, name)
    try:
        with server(args.open_files, env) as (served, url):
            slow, calls, descriptors = asyncio.run(soak(args, served, url))
            served.stop(40)  # the whole log, shutdown included
            print(report(args, slow, calls, descriptors, served.stderr_text()))
    except ChildError as exc:
        raise SystemExit(str(exc)) from None
    return 0


if __name__ == "__main__":
    sys.exit(main())
