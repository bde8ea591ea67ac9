"""Peak memory of the server reading a hostile answer, with the body size cap disabled (before) and enabled (after).

    uv run python -m scripts.bench memory

Each case runs in its own process (`python -m scripts.bench.memory KIND CAP`, not for use on its own): a loopback
HTTP server (port 0, in process) answers list_sync_targets with either a gzip bomb (about 1 MB that inflates to
1 GB) or 65 MB of plain JSON (just over the default 64 MB cap), and a real MCP client calls the tool through the
server. RSS growth is the peak resident set (VmHWM, reset after the body is prepared) minus the resident set before
the call. Linux only.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import zlib
from dataclasses import replace
from pathlib import Path

from mcp import Client

from polytomic_mcp.sandbox.dataset import WAREHOUSE
from polytomic_mcp.server import build_server
from polytomic_mcp.settings import Settings
from scripts.processes import ROOT, rss_kib

MB = 1024 * 1024
CASES = [("gzip bomb (1 GB inflated)", "bomb"), ("plain JSON (65 MB)", "json")]


def bomb() -> bytes:
    out = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b" " * MB
    parts = [out.compress(b'{"data":[')] + [out.compress(chunk) for _ in range(1024)] + [out.compress(b"]}")]
    return b"".join([*parts, out.flush()])


def plain_json() -> bytes:
    item = json.dumps({"id": "schema.table_{n}", "name": "x" * 200, "modes": []})
    count = 65 * MB // len(item) + 1
    return ('{"data":[' + ",".join(item.replace("{n}", str(n)) for n in range(count)) + "]}").encode()


async def case(kind: str, cap: float | None) -> dict[str, object]:
    body = bomb() if kind == "bomb" else plain_json()
    extra = b"Content-Encoding: gzip\r\n" if kind == "bomb" else b""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + extra
    head += f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(head + body)
            await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    settings = replace(
        Settings(api_key="pk_bench", base_url=f"http://127.0.0.1:{port}", call_deadline=120, timeout=120),
        max_response_mb=cap,
    )
    Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM to the current RSS
    before = rss_kib()[0]
    async with Client(build_server(settings)) as client:
        result = await client.call_tool("list_sync_targets", {"connection_id": WAREHOUSE, "limit": 1})
    text = result.content[0].text if result.content and result.content[0].type == "text" else ""
    server.close()
    return {
        "sent_mb": len(body) / MB,
        "growth_mb": (rss_kib()[1] - before) * 1024 / MB,
        "outcome": ("error: " + text.split(": ", 1)[-1][:70]) if result.is_error else "accepted",
    }


def one_case(kind: str, cap: str) -> None:
    """Run one case in this process and print its row as JSON."""
    print(json.dumps(asyncio.run(case(kind, None if cap == "none" else float(cap)))))


def main() -> int:
    """Run every case, each in a fresh process, and print the table."""
    print("| body                      | sent MB | cap          | peak RSS growth MB | outcome |")
    print("|---------------------------|---------|--------------|--------------------|---------|")
    for label, kind in CASES:
        for limit in ("none", "64"):
            run = subprocess.run(
                [sys.executable, "-m", "scripts.bench.memory", kind, limit],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
                timeout=600,
            )
            row = json.loads(run.stdout.strip().splitlines()[-1])
            shown = "disabled" if limit == "none" else f"{limit} MB"
            growth = f"{row['growth_mb']:>18,.0f}"
            print(f"| {label:<25} | {row['sent_mb']:>7.2f} | {shown:<12} | {growth} | {row['outcome']} |")
    return 0


if __name__ == "__main__":
    one_case(*sys.argv[1:3])
