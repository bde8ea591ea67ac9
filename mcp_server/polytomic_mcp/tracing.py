"""Traces for a team server: OpenTelemetry spans of each tool call, each cache lookup and each request to Polytomic.

The mcp SDK opens a SERVER span for every message it handles (`tools/call list_sync_targets`) through
opentelemetry-api, which mcp depends on. Under it this server opens

    cache {operation}      a lookup in the answer cache; `polytomic_mcp.cache.hit` (bool) and `.result` (hit, miss,
                           or shared: joined a fetch under way)
    {METHOD} {operation}   a request to Polytomic (CLIENT): `http.request.method`, `polytomic_mcp.operation`,
                           `http.response.status_code` (or `error.type` when no answer came); each retry is an event
                           `retry` with its `polytomic_mcp.retry.reason` (the status, or network)

and the call's span gets `polytomic_mcp.outcome` (as the metrics count it). Until a tracer provider is installed
these are the API's no-op spans. `configure(environ)` installs the SDK's at start-up when the standard OTEL_*
variables ask for export and the SDK is installed (the `otel` extra); without them it imports nothing. Over HTTP,
`TraceContext` makes a request's W3C `traceparent` header the parent of the spans it causes (a `traceparent` in the
MCP request's `_meta`, which the SDK reads itself, wins over it).

No attribute carries a credential, a URL (its path and query hold what callers typed), a search text or any other
argument's value: only operation names, methods, statuses and outcomes.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from opentelemetry import context as otel_context
from opentelemetry import propagate, trace

from .settings import ConfigError

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter
    from opentelemetry.trace import Span
    from starlette.types import ASGIApp, Receive, Scope, Send

logger = logging.getLogger(__name__)

TRACER_NAME = "polytomic_mcp"
ENV_EXPORTER = "OTEL_TRACES_EXPORTER"
ENV_ENDPOINTS = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
ENV_PROTOCOLS = ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL")  # the specific one first
EXPORTERS = ("otlp", "console", "none")

_tracer = trace.get_tracer(TRACER_NAME)


@contextlib.contextmanager
def _span(name: str, kind: trace.SpanKind, attributes: dict[str, str]) -> Iterator[Span]:
    """A span that records an exception by its type alone (its text may hold a URL or an argument), not as the SDK
    records one."""
    with _tracer.start_as_current_span(
        name, kind=kind, attributes=attributes, record_exception=False, set_status_on_exception=False
    ) as span:
        try:
            yield span
        except Exception as exc:
            span.set_attribute("error.type", type(exc).__name__)
            span.set_status(trace.StatusCode.ERROR)
            raise


def annotate(key: str, value: str | bool | int) -> None:
    """Set an attribute on the current span (nothing without one, or without a tracer provider)."""
    trace.get_current_span().set_attribute(key, value)


@contextlib.contextmanager
def cache_lookup(operation: str) -> Iterator[Span]:
    """The span of one lookup in the answer cache, for `operation`; the cache says its result (`cache_result`)."""
    with _span(f"cache {operation}", trace.SpanKind.INTERNAL, {"polytomic_mcp.operation": operation}) as span:
        yield span


def cache_result(result: str) -> None:
    """Say on the current (cache lookup) span whether the answer was there."""
    span = trace.get_current_span()
    span.set_attribute("polytomic_mcp.cache.result", result)
    span.set_attribute("polytomic_mcp.cache.hit", result == "hit")


@contextlib.contextmanager
def upstream_request(method: str, operation: str) -> Iterator[Span]:
    """The span of one request to Polytomic, retries included (each one an event: `retried`)."""
    attributes = {"http.request.method": method, "polytomic_mcp.operation": operation}
    with _span(f"{method} {operation}", trace.SpanKind.CLIENT, attributes) as span:
        yield span


def answered(span: Span, status: int) -> None:
    """Record on a request's span the status Polytomic answered with (an error from 400 on)."""
    span.set_attribute("http.response.status_code", status)
    if status >= 400:
        span.set_status(trace.StatusCode.ERROR)


def retried(span: Span, reason: int | None, attempt: int, wait: float) -> None:
    """Record on a request's span that it is sent again after `reason` (a status; None: a network error)."""
    span.add_event(
        "retry",
        {
            "polytomic_mcp.retry.reason": "network" if reason is None else str(reason),
            "polytomic_mcp.retry.attempt": attempt,
            "polytomic_mcp.retry.wait_seconds": wait,
        },
    )


class TraceContext:
    """ASGI middleware: a request that carries a W3C `traceparent` header is handled in that trace, so the spans it
    causes (the SDK's, and this server's under them) belong to the caller's trace."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not any(name == b"traceparent" for name, _ in scope["headers"]):
            await self.app(scope, receive, send)
            return
        carrier = {
            name.decode("latin-1"): value.decode("latin-1")
            for name, value in scope["headers"]
            if name in (b"traceparent", b"tracestate")
        }
        token = otel_context.attach(propagate.extract(carrier))
        try:
            await self.app(scope, receive, send)
        finally:
            otel_context.detach(token)


def exporter_name(environ: Mapping[str, str]) -> str:
    """Which exporter the standard variables ask for: `otlp`, `console` or `none` (the default: nothing asked)."""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return "none"
    names = [n.strip().lower() for n in environ.get(ENV_EXPORTER, "").split(",") if n.strip()]
    if not names:
        return "otlp" if any(environ.get(name, "").strip() for name in ENV_ENDPOINTS) else "none"
    unknown = [n for n in names if n not in EXPORTERS]
    if unknown or len(names) > 1:
        raise ConfigError(f"{ENV_EXPORTER} must be one of {', '.join(EXPORTERS)} (this server exports to one).")
    protocol = next((environ[name].strip() for name in ENV_PROTOCOLS if environ.get(name, "").strip()), "")
    if names[0] == "otlp" and protocol not in ("", "http/protobuf"):
        raise ConfigError(f"{ENV_PROTOCOLS[1]} must be http/protobuf (the OTLP exporter this server ships).")
    return names[0]


def configure(environ: Mapping[str, str]) -> TracerProvider | None:
    """Install the OpenTelemetry SDK's tracer provider, exporting as the OTEL_* variables say, and return it; None
    when they ask for no export, or when the SDK is not installed (said in the log). Imports the SDK only when asked
    for."""
    name = exporter_name(environ)
    if name == "none":
        return None
    try:
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
    except ImportError:
        logger.warning(
            "OTEL_* variables ask for traces, but the OpenTelemetry SDK is not installed: no traces are exported. "
            "Install polytomic-mcp[otel]."
        )
        return None
    from . import __version__

    defaults = {"service.version": __version__}
    if not environ.get("OTEL_SERVICE_NAME", "").strip():
        defaults["service.name"] = "polytomic-mcp"
    provider = TracerProvider(resource=Resource.create(defaults))
    provider.add_span_processor(BatchSpanProcessor(span_exporter(name)))
    trace.set_tracer_provider(provider)
    logger.info("Exporting traces (%s)", name)
    return provider


def span_exporter(name: str) -> SpanExporter:
    """The exporter named (`otlp`: OTLP over HTTP, configured by its own OTEL_EXPORTER_OTLP_* variables)."""
    if name == "console":
        from opentelemetry.sdk.trace.export import ConsoleSpanExporter

        return ConsoleSpanExporter()
    try:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    except ImportError:
        raise ConfigError(
            "OTLP export needs opentelemetry-exporter-otlp-proto-http: install polytomic-mcp[otel]."
        ) from None
    return OTLPSpanExporter()
