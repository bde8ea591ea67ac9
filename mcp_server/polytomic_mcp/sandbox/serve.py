"""Serving the sandbox over a real loopback port: `serve()` blocks (the CLI's `sandbox-api`), `running()` is a
context manager for tests. Logs go to stderr only: stdout may be an MCP stdio channel."""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import uvicorn

from ..sockets import bind, url_of
from . import DEFAULT_API_KEY, SECOND_API_KEY, Sandbox
from .faults import SimulatedDisconnect

LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}},
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"level": "INFO"},
        "uvicorn.access": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}


class _HideSimulatedDisconnects(logging.Filter):
    """The `truncated` fault drops connections on purpose: that is not an application error."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], SimulatedDisconnect))


@contextlib.contextmanager
def _quiet_disconnects() -> Iterator[None]:
    hide = _HideSimulatedDisconnects()
    logger = logging.getLogger("uvicorn.error")
    logger.addFilter(hide)
    try:
        yield
    finally:
        logger.removeFilter(hide)


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 8765,
    api_key: str = DEFAULT_API_KEY,
    latency: float = 0.0,
    second_api_key: str = SECOND_API_KEY,
) -> None:
    """Serve a sandbox on host:port (0 picks a free port) until interrupted; prints its base URL (with the bound
    port) and both organizations' keys to stderr."""
    sandbox = Sandbox(api_key=api_key, latency=latency, second_api_key=second_api_key)
    sock = bind(host, port, backlog=128)
    config = uvicorn.Config(sandbox.app, log_config=LOG_CONFIG, lifespan="off", timeout_graceful_shutdown=5)
    print(f"Sandbox Polytomic API on {url_of(host, sock)} (API key: {api_key})", file=sys.stderr, flush=True)
    print(f"Second organization (Globex) API key: {second_api_key}", file=sys.stderr, flush=True)
    with sock, _quiet_disconnects():
        uvicorn.Server(config).run(sockets=[sock])


@contextlib.contextmanager
def running(sandbox: Sandbox, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve `sandbox` from a background thread; yields its base URL and stops the server on exit."""
    sock = bind(host, port, backlog=128)
    config = uvicorn.Config(
        sandbox.app, log_config=None, log_level="warning", access_log=False, lifespan="off", timeout_graceful_shutdown=2
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="sandbox-api", daemon=True)
    with sock, _quiet_disconnects():
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                server.should_exit = True
                thread.join(5)
                raise RuntimeError("the sandbox API did not start")
            time.sleep(0.01)
        try:
            yield url_of(host, sock)
        finally:
            server.should_exit = True
            thread.join(10)
