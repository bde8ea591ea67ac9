"""Process plumbing for `scripts/bench.py`: spawn a server, talk JSON-RPC to it, read its peak RSS.

The stdio peer is a minimal line-delimited JSON-RPC client (the classic 2025-11-25 handshake): it adds nothing
to what is measured but the pipe. Every wait is bounded by a watchdog that kills the child.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
PROTOCOL_VERSION = "2025-11-25"
START_TIMEOUT = 60.0


class BenchError(RuntimeError):
    """A contender did not behave (did not start, answered an error, died); the message says which."""


def peak_rss_mib(pid: int) -> float | None:
    """The process's peak resident set size (VmHWM) in MiB, or None where /proc is not available."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else None


class Child:
    """A spawned process whose stderr goes to a temporary file (read back only to explain a failure)."""

    def __init__(self, name: str, argv: Sequence[str], env: Mapping[str, str], *, stdin: bool) -> None:
        self.name = name
        self._stderr: IO[bytes] = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            list(argv),
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=dict(env),
            cwd=ROOT,
        )
        self._timer: threading.Timer | None = None

    def deadline(self, seconds: float | None) -> None:
        """Kill the child if the current wait lasts longer than `seconds` (None: no deadline)."""
        if self._timer is not None:
            self._timer.cancel()
        self._timer = None
        if seconds is not None:
            self._timer = threading.Timer(seconds, self.proc.kill)
            self._timer.daemon = True
            self._timer.start()

    def readline(self) -> bytes:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise BenchError(f"{self.name} exited (status {self.proc.poll()}): {self.stderr_tail()}")
        return line

    def stderr_tail(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode(errors="replace")[-800:].strip() or "(no stderr)"

    def peak_rss_mib(self) -> float | None:
        return peak_rss_mib(self.proc.pid)

    def close(self) -> None:
        self.deadline(None)
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self._stderr.close()


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
            raise BenchError(f"{self.child.name}: {method} failed: {message['error']}")
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
            raise BenchError(f"{self.child.name}: {name} answered an error: {str(result.get('content'))[:300]}")
        return result


def python_child(name: str, args: Sequence[str], env: Mapping[str, str], *, stdin: bool) -> Child:
    return Child(name, [sys.executable, *args], env, stdin=stdin)


def wait_for_url(child: Child, pattern: str, *, from_stderr: bool = False, timeout: float = START_TIMEOUT) -> str:
    """Read the child's output until a line matches `pattern` (its first group is returned)."""
    regex = re.compile(pattern)
    deadline = time.monotonic() + timeout
    child.deadline(timeout)
    try:
        while time.monotonic() < deadline:
            if from_stderr:
                match = regex.search(child.stderr_tail())
                if match:
                    return match.group(1)
                if child.proc.poll() is not None:
                    break
                time.sleep(0.02)
            else:
                match = regex.search(child.readline().decode(errors="replace"))
                if match:
                    return match.group(1)
    finally:
        child.deadline(None)
    raise BenchError(f"{child.name} did not report its address: {child.stderr_tail()}")


def base_env(**extra: str) -> dict[str, str]:
    """A child environment with no Polytomic or proxy settings of the caller, plus `extra`."""
    keep = ("HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER", "LANG", "TMPDIR", "SYSTEMROOT")
    env = {key: os.environ[key] for key in keep if key in os.environ}
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    env.update(extra)
    return env
