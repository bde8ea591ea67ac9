"""Log lines an operator can follow: each names the request it belongs to, and the tool and connection of the call.

A request id is set once per HTTP request (and returned in the `X-Request-Id` response header) or, over stdio, once
per tool call; every line logged while it is being handled carries it, with the tool and the connection id when a
tool call is under way. `POLYTOMIC_LOG_FORMAT=json` writes one JSON object per line. What a caller typed (a search,
a key) is never a field: only the server's own request id, the tool's name and the connection's id.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import secrets
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import UTC, datetime

REQUEST_ID_HEADER = "X-Request-Id"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_FORMATS = ("text", "json")

_TOOL = re.compile(r"[a-z][a-z0-9_]{0,63}")
_ID = re.compile(r"[0-9A-Fa-f-]{1,64}")
_request: ContextVar[str | None] = ContextVar("polytomic_request_id", default=None)
_call: ContextVar[tuple[str | None, str | None] | None] = ContextVar("polytomic_tool_call", default=None)


def new_request_id() -> str:
    return secrets.token_hex(8)


def current_request_id() -> str | None:
    return _request.get()


@contextlib.contextmanager
def request(request_id: str | None = None) -> Iterator[str]:
    """Within this block, log lines carry `request_id` (a new one unless given); yields it."""
    found = request_id or new_request_id()
    token = _request.set(found)
    try:
        yield found
    finally:
        _request.reset(token)


@contextlib.contextmanager
def tool_call(tool: str, connection_id: object) -> Iterator[None]:
    """Within this block, log lines name the tool and the connection; each only if it reads as a plain name (a tool
    name, a UUID-like id), since both come from the caller."""
    name = tool if _TOOL.fullmatch(tool) else None
    connection = connection_id if isinstance(connection_id, str) and _ID.fullmatch(connection_id) else None
    token = _call.set((name, connection) if name else None)
    try:
        yield
    finally:
        _call.reset(token)


class Context(logging.Filter):
    """Puts the request id, tool and connection on every record (None where there are none)."""

    def filter(self, record: logging.LogRecord) -> bool:
        call = _call.get()
        record.request_id = _request.get()
        record.tool, record.connection = call if call is not None else (None, None)
        return True


class TextFormatter(logging.Formatter):
    """The plain line, then `[request=… tool=… connection=…]` for what is known."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        known = [f"{key}={value}" for key in ("request", "tool", "connection") if (value := _field(record, key))]
        return f"{line} [{' '.join(known)}]" if known else line


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request, tool, connection (and the exception)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("request", "tool", "connection"):
            if value := _field(record, key):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def _field(record: logging.LogRecord, key: str) -> str | None:
    value = getattr(record, "request_id" if key == "request" else key, None)
    return value if isinstance(value, str) else None


def handler(log_format: str) -> logging.Handler:
    """A stderr handler writing `log_format` ("text" or "json") with the request context on every line."""
    import sys

    found = logging.StreamHandler(sys.stderr)
    found.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    found.addFilter(Context())
    return found
