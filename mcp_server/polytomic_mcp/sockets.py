"""Listening sockets for the servers this package runs on a port (the MCP server over HTTP, the sandbox API)."""

from __future__ import annotations

import socket


def bind(host: str, port: int, *, backlog: int = 2048) -> socket.socket:
    """A listening socket; port 0 picks a free one (read it back with `url_of`).

    TCP_NODELAY is set on the listening socket, so every accepted connection inherits it: without it a small
    answer on a reused connection can wait about 40 ms for the client's delayed acknowledgement.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(backlog)  # connectable (queued) from now on, before the server starts accepting
    return sock


def url_of(host: str, sock: socket.socket) -> str:
    """The base URL a bound socket serves at."""
    port = sock.getsockname()[1]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
