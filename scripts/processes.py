"""Child processes for the benchmark, the load test and the soak test: start one, wait for the URL it prints, stop it;
read its memory and open descriptors from /proc; the percentile of a list of samples.

A child's stderr goes to a temporary file, never to a pipe, so a chatty server cannot block on a full pipe; it is
read back to find the line naming the child's address, to explain a failure, or whole (a server's log). Every wait
is bounded: `Child.deadline` kills the child when a wait on its stdout lasts too long.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60.0


class ChildError(RuntimeError):
    """A child did not behave (did not start, died, answered an error); the message says which."""


class Child:
    """A spawned process: stdout piped (or not), stderr to a temporary file, run from the repository root."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        env: Mapping[str, str],
        *,
        stdin: bool = False,
        stdout: bool = True,
        preexec_fn: Callable[[], None] | None = None,
    ) -> None:
        self.name = name
        self._stderr: IO[bytes] = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            list(argv),
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE if stdout else subprocess.DEVNULL,
            stderr=self._stderr,
            env=dict(env),
            cwd=ROOT,
            preexec_fn=preexec_fn,
        )
        self._timer: threading.Timer | None = None

    @property
    def pid(self) -> int:
        return self.proc.pid

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
        """One line of the child's stdout; ChildError if it exited instead."""
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise ChildError(f"{self.name} exited (status {self.proc.poll()}): {self.stderr_tail()}")
        return line

    def stderr_text(self) -> str:
        """Everything the child wrote to stderr so far (a server's log)."""
        self._stderr.seek(0)
        return self._stderr.read().decode(errors="replace")

    def stderr_tail(self) -> str:
        return self.stderr_text()[-800:].strip() or "(no stderr)"

    def peak_rss_mib(self) -> float | None:
        return peak_rss_mib(self.proc.pid)

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate the child and wait for it (killed if it takes longer than `timeout` seconds)."""
        self.deadline(None)
        if self.proc.stdin is not None and not self.proc.stdin.closed:
            self.proc.stdin.close()
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout)

    def close(self, timeout: float = 10.0) -> None:
        """Stop the child and release its pipes and its stderr file."""
        self.stop(timeout)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self._stderr.close()


def python_child(
    name: str,
    args: Sequence[str],
    env: Mapping[str, str],
    *,
    stdin: bool = False,
    stdout: bool = True,
    preexec_fn: Callable[[], None] | None = None,
) -> Child:
    """`python ARGS` with this interpreter, e.g. `["-m", "polytomic_mcp", "serve"]`."""
    return Child(name, [sys.executable, *args], env, stdin=stdin, stdout=stdout, preexec_fn=preexec_fn)


def wait_for_url(child: Child, pattern: str, *, from_stderr: bool = False, timeout: float = START_TIMEOUT) -> str:
    """Read the child's stdout (or stderr) until a line matches `pattern`; its first group is returned."""
    regex = re.compile(pattern)
    deadline = time.monotonic() + timeout
    child.deadline(timeout)
    try:
        while time.monotonic() < deadline:
            if from_stderr:
                match = regex.search(child.stderr_text())
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
    raise ChildError(f"{child.name} did not report its address: {child.stderr_tail()}")


@contextlib.contextmanager
def serving(
    name: str,
    args: Sequence[str],
    env: Mapping[str, str],
    pattern: str,
    *,
    from_stderr: bool = True,
    timeout: float = START_TIMEOUT,
    stop_timeout: float = 10.0,
    preexec_fn: Callable[[], None] | None = None,
) -> Iterator[tuple[Child, str]]:
    """`python ARGS` until the block ends: the child and the URL it printed (a line matching `pattern`, on stderr
    unless `from_stderr` is false). Servers bind port 0 and print the address they got."""
    child = python_child(name, args, env, stdout=not from_stderr, preexec_fn=preexec_fn)
    try:
        yield child, wait_for_url(child, pattern, from_stderr=from_stderr, timeout=timeout)
    finally:
        child.close(stop_timeout)


def inherited_env(**extra: str) -> dict[str, str]:
    """This process's environment without its POLYTOMIC_* settings, plus `extra`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("POLYTOMIC_")}
    env.update(extra)
    return env


# --- /proc readers (Linux; elsewhere they read as nothing) ---------------------------------------------------


def rss_kib(pid: int | str = "self") -> tuple[int, int]:
    """(current, peak) resident set size of a process (VmRSS, VmHWM) in KiB; zeros where /proc is not available."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0, 0
    values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.MULTILINE))
    return int(values.get("VmRSS", 0)), int(values.get("VmHWM", 0))


def peak_rss_mib(pid: int | str = "self") -> float | None:
    """The process's peak resident set size (VmHWM) in MiB, or None where /proc is not available."""
    peak = rss_kib(pid)[1]
    return peak / 1024 if peak else None


def open_descriptors(pid: int) -> int:
    """How many files and sockets the process holds open (0 where /proc is not available)."""
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return 0


def percentile(samples: Sequence[float], q: float) -> float:
    """The sample at quantile `q` (0-1) by the nearest rank; 0.0 for no samples."""
    if not samples:
        return 0.0
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]
