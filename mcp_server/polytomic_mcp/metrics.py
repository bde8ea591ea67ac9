"""Metrics for a team server: what it is doing, for Prometheus to scrape from `/metrics` over HTTP.

The code that does the work reports what happens to `current()`, the Recorder of the server handling the message
(set by the `Recording` middleware for every message the server handles, and seen by everything the message
causes, cache fetch tasks included). A plain `Recorder` records nothing: that is what stdio, in-memory servers and
an HTTP server with metrics off have, and it imports nothing. `PrometheusRecorder` counts into a registry of its
own (never prometheus_client's global one), so several servers in one process never mix their numbers.

    from polytomic_mcp import metrics
    metrics.current().cache_looked_up("hit")   # from anywhere a message is being handled

Label values come from fixed sets only: tool names from the registered tool list (anything else is `other`),
operation names from the code, classes of HTTP status, outcomes and reasons below. Nothing a caller typed (a search,
a connection id, a key) ever becomes a label.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from . import tracing

if TYPE_CHECKING:
    from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
    from prometheus_client.core import Metric

# What became of a tool call. `refused`: this server turned it away before asking Polytomic (passthrough: no key,
# a key refused a moment ago, too many new keys from one address).
Outcome = Literal[
    "ok", "argument_error", "refused", "upstream_4xx", "upstream_5xx", "upstream_network", "upstream_invalid",
    "internal",
]  # fmt: skip
OUTCOMES: tuple[Outcome, ...] = (
    "ok", "argument_error", "refused", "upstream_4xx", "upstream_5xx", "upstream_network", "upstream_invalid",
    "internal",
)  # fmt: skip
CacheResult = Literal["hit", "miss", "shared"]  # shared: joined a fetch of the same answer already under way
# Why a cached answer left: the cache's bounds, one caller's share of it, its age, or its credential being refused.
EvictionReason = Literal["capacity", "owner_share", "expired", "credential_refused"]
OTHER = "other"
UPSTREAM_HELP = "HTTP exchanges with Polytomic, by operation and status class (network: no answer)"
RETRIES_HELP = "Requests to Polytomic sent again, by the status that caused it (or network)"
_OPERATION = re.compile(r"[a-z][a-z0-9_]{0,63}")
BUCKETS = (  # seconds of a tool call
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
    20.0,
    60.0,
)


def status_class(status: int | None) -> str:
    """An HTTP status as a label: `2xx` … `5xx`, `network` for no answer at all (None), `other` for the rest."""
    if status is None:
        return "network"
    return f"{status // 100}xx" if 200 <= status < 600 else OTHER


def upstream_outcome(status: int) -> Outcome:
    """The outcome of a call that failed on this upstream status."""
    return "upstream_4xx" if 400 <= status < 500 else "upstream_5xx" if status >= 500 else "upstream_invalid"


def operation_label(operation: str) -> str:
    """An operation name (the code's own, e.g. `list_sync_targets`) as a label; anything else is `other`."""
    return operation if _OPERATION.fullmatch(operation) else OTHER


class Recorder:
    """What the server reports as it works. This one records nothing: the default, and what stdio uses."""

    def call_started(self, tool: str) -> None:
        """A tool call began (`tool`: the name the caller sent)."""

    def call_finished(self, tool: str, outcome: Outcome, seconds: float) -> None:
        """A tool call ended with `outcome` after `seconds`."""

    def upstream_answered(self, operation: str, status: int | None) -> None:
        """One HTTP exchange with Polytomic for `operation` ended: its status, or None when no answer came."""

    def retried(self, operation: str, reason: int | None) -> None:
        """A request is being sent again after this status (None: after a network error)."""

    def cache_looked_up(self, result: CacheResult) -> None:
        """A lookup in the answer cache was a hit, a miss, or joined a fetch under way."""

    def cache_evicted(self, reason: EvictionReason, count: int = 1) -> None:
        """`count` cached answers were dropped for `reason`."""

    def watch(self, resolver: object) -> None:
        """Report the sizes of what `resolver` holds (its cache; in passthrough, its caller clients) when scraped."""


NOTHING = Recorder()
_current: ContextVar[Recorder] = ContextVar("polytomic_metrics", default=NOTHING)


def current() -> Recorder:
    """The Recorder of the server handling the current message (one that records nothing outside of one)."""
    return _current.get()


@contextlib.contextmanager
def recording(recorder: Recorder) -> Iterator[Recorder]:
    """Within this block, `current()` is `recorder`."""
    token = _current.set(recorder)
    try:
        yield recorder
    finally:
        _current.reset(token)


@dataclass
class _Call:
    outcome: Outcome | None = None


_call: ContextVar[_Call | None] = ContextVar("polytomic_metrics_call", default=None)


def failed(outcome: Outcome) -> None:
    """Say why the tool call under way failed (its answer is an error): the Recording middleware counts it so. A
    failure nobody named is counted as an argument error (the tools' own checks of what the caller asked for)."""
    call = _call.get()
    if call is not None:
        call.outcome = outcome


class Recording:
    """MCP middleware: every message is handled with `recorder` as `current()`; each tool call is counted, timed and
    held in flight, with its outcome."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder

    async def __call__(self, ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
        with recording(self.recorder):
            name = (ctx.params or {}).get("name")
            if ctx.method != "tools/call" or not isinstance(name, str):
                return await call_next(ctx)
            call = _Call()
            token = _call.set(call)
            self.recorder.call_started(name)
            started = time.perf_counter()
            outcome: Outcome = "internal"  # unless an answer comes back
            try:
                result = await call_next(ctx)
                outcome = (call.outcome or "argument_error") if _is_error(result) else "ok"
                return result
            finally:
                _call.reset(token)
                self.recorder.call_finished(name, outcome, time.perf_counter() - started)
                tracing.annotate("polytomic_mcp.outcome", outcome)  # the call's span says it too


def _is_error(result: object) -> bool:
    """Whether a tool call's answer is an error; middleware sees it serialised for the wire by then (a dict)."""
    return isinstance(result, Mapping) and result.get("isError") is True


class PrometheusRecorder(Recorder):
    """Counts into a prometheus_client registry of its own (`registry`); `exposition()` is what /metrics serves.

    Metric names (all prefixed `polytomic_mcp_`) and labels:

        tool_calls_total{tool, outcome}                tool calls by tool and how they ended (OUTCOMES)
        tool_call_duration_seconds{tool}               histogram of their latency
        tool_calls_in_flight                           tool calls under way
        upstream_requests_total{operation, status}     HTTP exchanges with Polytomic, retries included; status is
                                                       2xx/3xx/4xx/5xx, or network when none came back
        upstream_retries_total{operation, reason}      requests sent again, and why: the status (429, 502, 503,
                                                       504) or network
        cache_lookups_total{result}                    hit, miss, shared (joined a fetch under way)
        cache_evictions_total{reason}                  capacity, owner_share, expired, credential_refused
        cache_entries, cache_bytes                     what the answer cache holds (bytes: of parsed answers)
        caller_clients                                 passthrough: per-caller clients held in the LRU
    """

    def __init__(self, tools: Iterable[str]) -> None:
        from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

        self.tools = frozenset(tools)
        self.registry = CollectorRegistry(auto_describe=True)
        self._resolvers: list[object] = []
        r = self.registry
        self._calls = Counter("polytomic_mcp_tool_calls", "Tool calls by outcome", ["tool", "outcome"], registry=r)
        self._latency = Histogram(
            "polytomic_mcp_tool_call_duration_seconds", "Tool call latency", ["tool"], buckets=BUCKETS, registry=r
        )
        self._in_flight = Gauge("polytomic_mcp_tool_calls_in_flight", "Tool calls under way", registry=r)
        self._upstream = Counter("polytomic_mcp_upstream_requests", UPSTREAM_HELP, ["operation", "status"], registry=r)
        self._retries = Counter("polytomic_mcp_upstream_retries", RETRIES_HELP, ["operation", "reason"], registry=r)
        self._lookups = Counter("polytomic_mcp_cache_lookups", "Answer cache lookups", ["result"], registry=r)
        self._evictions = Counter(
            "polytomic_mcp_cache_evictions", "Answers dropped from the cache", ["reason"], registry=r
        )
        r.register(_Sizes(self._resolvers))

    def tool_label(self, tool: str) -> str:
        return tool if tool in self.tools else OTHER

    def call_started(self, tool: str) -> None:
        self._in_flight.inc()

    def call_finished(self, tool: str, outcome: Outcome, seconds: float) -> None:
        self._in_flight.dec()
        label = self.tool_label(tool)
        self._calls.labels(label, outcome).inc()
        self._latency.labels(label).observe(seconds)

    def upstream_answered(self, operation: str, status: int | None) -> None:
        self._upstream.labels(operation_label(operation), status_class(status)).inc()

    def retried(self, operation: str, reason: int | None) -> None:
        because = "network" if reason is None else str(reason) if 100 <= reason < 600 else OTHER
        self._retries.labels(operation_label(operation), because).inc()

    def cache_looked_up(self, result: CacheResult) -> None:
        self._lookups.labels(result).inc()

    def cache_evicted(self, reason: EvictionReason, count: int = 1) -> None:
        self._evictions.labels(reason).inc(count)

    def watch(self, resolver: object) -> None:
        self._resolvers.append(resolver)

    def exposition(self) -> tuple[bytes, str]:
        """The registry in Prometheus's text format, and its content type."""
        from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

        return generate_latest(self.registry), CONTENT_TYPE_LATEST


class _Sizes:
    """Read at scrape time: what the watched resolvers' caches hold, and how many caller clients they keep."""

    def __init__(self, resolvers: list[object]) -> None:
        self.resolvers = resolvers

    def describe(self) -> list[Metric]:
        return []  # sizes only exist once a server runs; nothing to check for name clashes beforehand

    def collect(self) -> Iterator[Metric]:
        from prometheus_client.core import GaugeMetricFamily

        entries = GaugeMetricFamily("polytomic_mcp_cache_entries", "Answers held in the cache")
        held = GaugeMetricFamily("polytomic_mcp_cache_bytes", "Bytes the cached answers hold (parsed)")
        callers = GaugeMetricFamily("polytomic_mcp_caller_clients", "Passthrough: per-caller clients held")
        caches = [getattr(r, "cache", None) for r in self.resolvers]
        entries.add_metric([], sum(len(c) for c in caches if c is not None))
        held.add_metric([], sum(c.size for c in caches if c is not None))
        yield entries
        yield held
        sizes = [r.callers for r in self.resolvers if hasattr(r, "callers")]
        if sizes:
            callers.add_metric([], sum(sizes))
            yield callers
