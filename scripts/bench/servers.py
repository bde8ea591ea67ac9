"""The server processes the side-by-side benchmark spawns, one per contender (not for use on their own).

    python -m scripts.bench.servers bare               # the floor: a bare MCPServer with one trivial tool, stdio
    python -m scripts.bench.servers bridge [--http]    # FastMCP.from_openapi over spec/polytomic.yaml
    python -m scripts.bench.servers sandbox LATENCY    # the sandbox API, LATENCY seconds added to every answer

Ours is `polytomic-mcp serve` itself (`python -m polytomic_mcp serve`, over stdio or `--transport http`). The bridge
reads POLYTOMIC_API_KEY and POLYTOMIC_BASE_URL as ours does. With --http a server binds 127.0.0.1 port 0 and
prints `LISTENING <url>` on stdout once the port accepts connections.
Imports happen inside each branch so that a contender's start-up pays only for what it uses.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parents[2]


def bare() -> None:
    from mcp.server import MCPServer

    server: MCPServer[Any] = MCPServer("bare")

    @server.tool()
    def ping() -> str:
        """Answer pong."""
        return "pong"

    server.run()


def bridge_server() -> Any:
    import httpx2
    import yaml
    from fastmcp import FastMCP

    spec = yaml.safe_load((ROOT / "spec" / "polytomic.yaml").read_text(encoding="utf-8"))
    client = httpx2.AsyncClient(
        base_url=os.environ["POLYTOMIC_BASE_URL"],
        headers={"Authorization": f"Bearer {os.environ['POLYTOMIC_API_KEY']}", "X-Polytomic-Version": "2025-09-18"},
        timeout=30,
    )
    return FastMCP.from_openapi(spec, client=client, name="polytomic-openapi")


def serve_http(app: Any, lifespan: Literal["on", "off"] = "on") -> None:
    import socket

    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # uvicorn serving a socket it did not create leaves Nagle on: every answer on a kept-alive connection
    # would then wait ~40 ms for the client's delayed ACK. Accepted sockets inherit the option.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)  # queues connections from now on, so the port is usable as soon as it is printed
    print(f"LISTENING http://127.0.0.1:{sock.getsockname()[1]}/mcp", flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan=lifespan, backlog=1024)
    with sock:
        uvicorn.Server(config).run(sockets=[sock])


def sandbox_app(latency: float) -> Any:
    from polytomic_mcp.sandbox import Sandbox

    return Sandbox(latency=latency).app


def main(argv: list[str]) -> int:
    kind, http = argv[0], "--http" in argv[1:]
    if kind == "sandbox":
        serve_http(sandbox_app(float(argv[1])), lifespan="off")
    elif kind == "bare":
        bare()
    elif kind == "bridge" and http:
        serve_http(bridge_server().http_app(stateless_http=True, json_response=True))
    elif kind == "bridge":
        bridge_server().run(transport="stdio", show_banner=False)
    else:
        print(f"unknown server {' '.join(argv)!r}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
