"""Fault injection: per route (the spec's operationId), the next N calls misbehave in a chosen way.

Kinds:
  status          answer `status` (default 500) with an ApiError body (its `message` when given), and
                  `Retry-After` when given.
  delay           answer normally after `delay` seconds (any kind also accepts `delay`).
  malformed_json  answer `status` (default 200) as application/json with a body that is not JSON.
  truncated       send the real headers (full Content-Length) and half the body, then drop the connection:
                  over a socket the client sees an incomplete body; in process (ASGITransport) httpx raises
                  `httpx.RemoteProtocolError` (as it does for a real dropped connection).
  html            answer `status` (default 502) with a proxy's text/html error page.
  unknown_values  answer valid JSON holding values newer than the spec: mode "mirror", filter function
                  "Fuzzy", unknown keys at the top level and in nested objects.
  oversized       answer the real body with its main list inflated to several MB (tens of thousands of
                  targets), every item id still unique.
"""

from __future__ import annotations

import json
import math
import threading
from collections import deque
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Literal, get_args

import httpx

FaultKind = Literal["status", "delay", "malformed_json", "truncated", "html", "unknown_values", "oversized"]
FAULT_KINDS: tuple[FaultKind, ...] = get_args(FaultKind)
ROUTES = (
    "list_connections",
    "get_connection",
    "list_sync_targets",
    "get_target_creation_property_values",
    "get_sync_target_fields",
    "get_sync_target_metadata",
)
OVERSIZED_BYTES = 8_000_000
MALFORMED = b'{"data": [{"id": "Account", "name": "Account", "modes": [{"id": "create",}]}, {"id": '


@dataclass
class Fault:
    kind: FaultKind
    remaining: int
    status: int | None = None
    retry_after: int | str | None = None
    delay: float | None = None
    message: str | None = None


class SimulatedDisconnect(httpx.RemoteProtocolError):
    """Raised by the sandbox to drop a connection mid-body (the `truncated` fault)."""


class Faults:
    """The faults waiting for each route, consumed in injection order. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: dict[str, deque[Fault]] = {}

    def inject(
        self,
        route: str,
        kind: FaultKind,
        *,
        count: int = 1,
        status: int | None = None,
        retry_after: int | str | None = None,
        delay: float | None = None,
        message: str | None = None,
    ) -> None:
        """Make the next `count` calls of `route` (an operationId) fail as `kind` (see the module docstring)."""
        if route not in ROUTES:
            raise ValueError(f"unknown route {route!r}; routes are the spec's operationIds: {', '.join(ROUTES)}")
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; kinds: {', '.join(FAULT_KINDS)}")
        if count < 1:
            raise ValueError("count must be at least 1")
        if status is not None and not 100 <= status <= 599:
            raise ValueError("status must be an HTTP status (100-599)")
        if delay is not None and (delay < 0 or not math.isfinite(delay)):
            raise ValueError("delay must be a non-negative number of seconds")
        if kind == "delay" and not delay:
            raise ValueError("a delay fault needs delay=<seconds>")
        with self._lock:
            self._queues.setdefault(route, deque()).append(Fault(kind, count, status, retry_after, delay, message))

    def clear(self) -> None:
        """Forget every pending fault."""
        with self._lock:
            self._queues.clear()

    def pending(self, route: str) -> int:
        """How many calls of `route` will still misbehave."""
        with self._lock:
            return sum(f.remaining for f in self._queues.get(route, ()))

    def take(self, route: str) -> Fault | None:
        """The fault for this call of `route`, if any; counts the call."""
        with self._lock:
            queue = self._queues.get(route)
            if not queue:
                return None
            fault = queue[0]
            fault.remaining -= 1
            if fault.remaining <= 0:
                queue.popleft()
            return Fault(fault.kind, 1, fault.status, fault.retry_after, fault.delay, fault.message)


def error_body(status: int, message: str | None = None) -> bytes:
    phrase = HTTPStatus(status).phrase.lower() if status in HTTPStatus._value2member_map_ else "error"
    return json.dumps({"status": status, "message": message or phrase}, separators=(",", ":")).encode()


def html_page(status: int) -> bytes:
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    return (
        f"<html>\r\n<head><title>{status} {phrase}</title></head>\r\n<body>\r\n"
        f"<center><h1>{status} {phrase}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    ).encode()


MIRROR_MODE = {"id": "mirror", "requires_identity": True, "supports_per_field_mode": False,
               "supports_target_filters": False, "supports_deletes": True}  # fmt: skip
MIRROR_FIELD_MODE = {"mode": "mirror", "label": "Mirror", "description": "Keep the target identical to the model.",
                     "requires_identity": True, "supports_field_sync_mode": False, "supports_target_filters": False,
                     "supports_deletes": True}  # fmt: skip
FUZZY = {"id": "Fuzzy", "label": "Fuzzy match", "multi_value": False, "requires_value": True, "threshold": 0.8}


def with_unknown_values(body: Any) -> Any:
    """The body (already parsed; mutated in place) with enum values and keys newer than the spec."""

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
            if isinstance(node.get("modes"), list):
                node["modes"].append(dict(MIRROR_FIELD_MODE if "fields" in node else MIRROR_MODE))
            if isinstance(node.get("filter_functions"), list):
                node["filter_functions"].append(dict(FUZZY))
            if "id" in node or "value" in node:
                node["tags"] = ["beta"]
                node["sandbox_rank"] = {"score": 0.5, "source": "sandbox"}

    walk(body)
    if isinstance(body, dict):
        body["meta"] = {"request_id": "req_sandbox_unknown_values", "deprecations": [], "next_version": "2026-03-01"}
    return body


def _lists(node: Any) -> list[list[Any]]:
    found: list[list[Any]] = []
    if isinstance(node, dict):
        node = list(node.values())
    elif isinstance(node, list):
        found.append(node)
    if isinstance(node, list):
        for item in node:
            found += _lists(item)
    return found


def _unique(item: Any, n: int) -> Any:
    if isinstance(item, str):
        return f"{item}_{n}"
    if isinstance(item, dict):
        copy = dict(item)
        for key in ("id", "value"):
            if isinstance(copy.get(key), str):
                copy[key] = f"{copy[key]}_{n}"
        return copy
    return item


def inflated(body: Any, size: int = OVERSIZED_BYTES) -> Any:
    """The body (mutated in place) with its largest list grown to about `size` bytes of unique items."""
    lists = [lst for lst in _lists(body) if lst]
    if not lists:
        if isinstance(body, dict):
            body["padding"] = "x" * size
        return body
    biggest = max(lists, key=lambda lst: len(json.dumps(lst)))
    each = max(1, len(json.dumps(biggest)) // len(biggest))
    originals = list(biggest)
    for n in range(len(originals), max(size // each, len(originals) + 1)):
        biggest.append(_unique(originals[n % len(originals)], n))
    return body
