"""A minimal MCP client over a child's stdin/stdout, for the benchmark's stdio measurements.

Line-delimited JSON-RPC with the classic 2025-11-25 handshake, one request at a time: it adds nothing to what is
measured but the pipe. Every wait is bounded by the child's watchdog (`Child.deadline`), which kills it.
"""

from __future__ import annotations

import json
from typing import Any

from scripts.processes import Child, ChildError

PROTOCOL_VERSION = "2025-11-25"


class StdioPeer:
    """An MCP client over a child's stdin/stdout, one request at a time."""

    def __init__(self, child: Child, timeout: float = 60.0) -> None:
        self.child = child
        self.timeout = timeout
        self._next_id = 0

    def _send(self, message: dict[str, Any]) -> None:
        assert self.child.proc.stdin is not None
        self.child.proc.stdin.write(json.dumps(message).encode() + b"\n")
        self.child.proc.stdin.flush()

    def request(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        self._next_id += 1
        self._send({"jsonrpc": "2.0", "id": self._next_id, "method": method, "params": params or {}})
        self.child.deadline(self.timeout)
        try:
            while True:
                message = json.loads(self.child.readline())
                if message.get("id") == self._next_id and "method" not in message:
                    break  # anything else (log notifications, server requests) is not ours to answer
        finally:
            self.child.deadline(None)
        if "error" in message:
            raise ChildError(f"{self.child.name}: {method} failed: {message['error']}")
        result: dict[str, Any] = message["result"]
        return result

    def initialize(self) -> dict[str, Any]:
        result = self.request(
            "initialize",
            {"protocolVersion": PROTOCOL_VERSION, "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}},
        )
        self._send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        return result

    def call_tool(self, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
        result = self.request("tools/call", {"name": name, "arguments": arguments})
        if result.get("isError"):
            raise ChildError(f"{self.child.name}: {name} answered an error: {str(result.get('content'))[:300]}")
        return result
