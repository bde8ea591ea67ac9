"""Traces: a tool call over HTTP gives the SDK's span of the call with this server's cache lookup and request to
Polytomic under it (a retry as an event), in the caller's trace when its request carries `traceparent`, with no
secret in any attribute; and OTEL_* variables configure the exporter at start-up, importing the SDK only then.

The spans are read with the SDK's in-memory exporter, under a tracer provider installed once per test process (the
global provider can be set only once) that keeps spans only while a test asks for them."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, Span, TracerProvider
from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from polytomic_mcp import __version__, tracing
from polytomic_mcp.cli import main
from polytomic_mcp.sandbox import DEFAULT_API_KEY, Sandbox
from polytomic_mcp.sandbox.dataset import FORBIDDEN, SALESFORCE
from polytomic_mcp.sandbox.serve import running
from polytomic_mcp.settings import ConfigError, Settings

from .test_http import ROOT, SHARED, TOKEN
from .test_metrics import SEARCH, call, served, upstream_sandbox

TRACE_ID = "0af7651916cd43dd8448eb211c80319c"
PARENT_ID = "b7ad6b7169203331"
TRACEPARENT = f"00-{TRACE_ID}-{PARENT_ID}-01"


class Kept(SimpleSpanProcessor):
    """Hands ended spans to its exporter only while `keeping` (other tests in this process make spans too)."""

    keeping = False

    def on_end(self, span: ReadableSpan) -> None:
        if self.keeping:
            super().on_end(span)


EXPORTER = InMemorySpanExporter()
KEPT = Kept(EXPORTER)


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    """The spans ended during the test, as the SDK's in-memory exporter holds them."""
    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        provider = TracerProvider()
        provider.add_span_processor(KEPT)
        trace.set_tracer_provider(provider)
    EXPORTER.clear()
    KEPT.keeping = True
    try:
        yield EXPORTER
    finally:
        KEPT.keeping = False
        EXPORTER.clear()


def named(found: Sequence[ReadableSpan], name: str) -> list[ReadableSpan]:
    return [span for span in found if span.name == name]


def parent_of(span: ReadableSpan) -> int | None:
    return span.parent.span_id if span.parent is not None else None


def texts_of(span: ReadableSpan) -> list[str]:
    """Everything a span says: its name, attribute values and its events' names and attribute values."""
    said = [span.name, *(str(v) for v in (span.attributes or {}).values())]
    for event in span.events:
        said += [event.name, *(str(v) for v in (event.attributes or {}).values())]
    return said


@pytest.mark.anyio
async def test_a_tool_call_is_a_span_with_its_cache_lookup_and_request_to_polytomic_under_it_and_a_retry_event(
    spans: InMemorySpanExporter,
) -> None:
    sandbox = Sandbox()
    sandbox.faults.inject("list_sync_targets", "status", status=503, retry_after=0)
    with running(sandbox) as url:
        async with served(upstream_sandbox(sandbox, url)) as http:
            await call(http, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 1})
            first = spans.get_finished_spans()
            spans.clear()
            await call(http, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 1})
            again = spans.get_finished_spans()
    [tool] = named(first, "tools/call list_sync_targets")
    [lookup] = named(first, "cache list_sync_targets")
    [request] = named(first, "GET list_sync_targets")
    assert parent_of(lookup) == tool.context.span_id and parent_of(request) == lookup.context.span_id
    assert tool.kind is trace.SpanKind.SERVER and request.kind is trace.SpanKind.CLIENT
    assert (tool.attributes or {})["polytomic_mcp.outcome"] == "ok"
    assert dict(lookup.attributes or {}) == {
        "polytomic_mcp.operation": "list_sync_targets", "polytomic_mcp.cache.result": "miss",
        "polytomic_mcp.cache.hit": False,
    }  # fmt: skip
    assert dict(request.attributes or {}) == {
        "http.request.method": "GET", "polytomic_mcp.operation": "list_sync_targets", "http.response.status_code": 200
    }  # fmt: skip
    [retry] = request.events
    assert retry.name == "retry" and dict(retry.attributes or {}) == {
        "polytomic_mcp.retry.reason": "503", "polytomic_mcp.retry.attempt": 1,
        "polytomic_mcp.retry.wait_seconds": 0.0,  # the Retry-After the 503 named
    }  # fmt: skip
    [cached] = named(again, "cache list_sync_targets")
    assert (cached.attributes or {})["polytomic_mcp.cache.hit"] is True
    assert not named(again, "GET list_sync_targets")  # answered from the cache


@pytest.mark.anyio
async def test_a_request_s_traceparent_puts_its_spans_in_the_caller_s_trace(spans: InMemorySpanExporter) -> None:
    async with served(SHARED) as http:
        body = {"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                "params": {"name": "list_connections", "arguments": {}}}  # fmt: skip
        headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
                   "Authorization": f"Bearer {TOKEN}", "MCP-Protocol-Version": "2025-11-25",
                   "traceparent": TRACEPARENT}  # fmt: skip
        answered = await http.post("/mcp", json=body, headers=headers)
        await call(http, "list_connections", {})  # without one: a trace of its own
    with_parent, without = [named(spans.get_finished_spans(), "tools/call list_connections")[i] for i in (0, 1)]
    assert answered.status_code == 200
    assert format(with_parent.context.trace_id, "032x") == TRACE_ID and parent_of(with_parent) == int(PARENT_ID, 16)
    mine = [s for s in spans.get_finished_spans() if format(s.context.trace_id, "032x") == TRACE_ID]
    assert {s.name for s in mine} == {"tools/call list_connections", "cache list_connections", "GET list_connections"}
    assert format(without.context.trace_id, "032x") != TRACE_ID and parent_of(without) is None


async def seen_by_the_app(headers: list[tuple[bytes, bytes]]) -> trace.SpanContext:
    """The span context an app behind TraceContext runs in, for an HTTP request with these (raw) headers."""
    seen: list[trace.SpanContext] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append(trace.get_current_span().get_span_context())

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: Any) -> None:
        pass

    await tracing.TraceContext(app)({"type": "http", "headers": headers}, receive, send)
    [context] = seen
    return context


@pytest.mark.anyio
async def test_the_caller_s_trace_and_its_vendor_state_last_exactly_as_long_as_its_request(
    caplog: pytest.LogCaptureFixture,
) -> None:
    before = trace.get_current_span().get_span_context()
    with caplog.at_level(logging.ERROR):
        parent = await seen_by_the_app([(b"traceparent", TRACEPARENT.encode()), (b"tracestate", b"vendor=opaque")])
        only = await seen_by_the_app([(b"traceparent", TRACEPARENT.encode())])  # no other header at all
        after = trace.get_current_span().get_span_context()
    assert format(parent.trace_id, "032x") == TRACE_ID and format(parent.span_id, "016x") == PARENT_ID
    assert parent.is_remote and dict(parent.trace_state) == {"vendor": "opaque"}
    assert format(only.trace_id, "032x") == TRACE_ID
    assert after == before and not after.is_valid  # the request's trace ended with it
    assert not caplog.records  # its context was detached as it was attached


@pytest.mark.anyio
async def test_no_credential_and_no_search_text_is_in_any_span(spans: InMemorySpanExporter) -> None:
    passthrough = Settings(sandbox=True, auth_mode="passthrough")
    async with served(passthrough) as http:
        await call(http, "list_sync_targets", {"connection_id": SALESFORCE, "search": SEARCH}, token=DEFAULT_API_KEY)
        await call(http, "get_sync_target_fields", {"connection_id": SALESFORCE, "target": "Contact",
                                                    "search": SEARCH}, token=DEFAULT_API_KEY)  # fmt: skip
    async with served(SHARED) as http:
        await call(http, "list_connections", {"search": SEARCH})
        await call(http, "list_sync_targets", {"connection_id": FORBIDDEN, "search": SEARCH})
    found = spans.get_finished_spans()
    assert named(found, "GET get_sync_target_fields") and named(found, "GET list_connections")
    [denied] = [
        s for s in named(found, "GET list_sync_targets") if (s.attributes or {})["http.response.status_code"] == 403
    ]
    assert denied.status.status_code is trace.StatusCode.ERROR
    for span in found:
        for text in texts_of(span):
            assert DEFAULT_API_KEY not in text and TOKEN not in text and SEARCH not in text, span.name
            assert "http://" not in text and "?" not in text, span.name  # no URL, so no query


@pytest.mark.anyio
async def test_a_request_that_gets_no_answer_says_why_on_its_span_and_its_retry_event_says_network(
    spans: InMemorySpanExporter,
) -> None:
    settings = Settings(
        api_key=DEFAULT_API_KEY, base_url="http://127.0.0.1:9", auth_mode="shared", mcp_token=TOKEN, max_retries=1
    )  # fmt: skip  (nothing listens on port 9)
    async with served(settings) as http:
        failed = await call(http, "list_connections", {})
    [request] = named(spans.get_finished_spans(), "GET list_connections")
    [tool] = named(spans.get_finished_spans(), "tools/call list_connections")
    assert failed["isError"] and (request.attributes or {})["error.type"] == "ConnectError"
    assert [(e.name, (e.attributes or {})["polytomic_mcp.retry.reason"]) for e in request.events] == [
        ("retry", "network")
    ]
    assert request.status.status_code is trace.StatusCode.ERROR  # and no exception event: its text could hold a URL
    assert (tool.attributes or {})["polytomic_mcp.outcome"] == "upstream_network"


@pytest.mark.parametrize(
    ("environ", "exporter"),
    [
        ({}, "none"),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}, "otlp"),
        ({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"}, "otlp"),
        ({"OTEL_TRACES_EXPORTER": " Console "}, "console"),
        ({"OTEL_TRACES_EXPORTER": "console,"}, "console"),  # a list of one, with its trailing comma
        ({"OTEL_TRACES_EXPORTER": "otlp"}, "otlp"),  # no protocol named: the one this server ships
        ({"OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf"}, "otlp"),
        ({"OTEL_TRACES_EXPORTER": "none", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}, "none"),
        ({"OTEL_SDK_DISABLED": "true", "OTEL_TRACES_EXPORTER": "otlp"}, "none"),
    ],
)
def test_the_standard_variables_say_which_exporter(environ: dict[str, str], exporter: str) -> None:
    assert tracing.exporter_name(environ) == exporter


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"OTEL_TRACES_EXPORTER": "zipkin"}, "OTEL_TRACES_EXPORTER must be one of otlp, console, none (this server "
         "exports to one)."),
        ({"OTEL_TRACES_EXPORTER": "otlp,console"}, "OTEL_TRACES_EXPORTER must be one of otlp, console, none (this "
         "server exports to one)."),
        ({"OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "grpc"}, "OTEL_EXPORTER_OTLP_PROTOCOL "
         "must be http/protobuf (the OTLP exporter this server ships)."),
    ],
)  # fmt: skip
def test_variables_that_ask_for_what_this_server_cannot_do_are_refused(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        tracing.configure(environ)
    assert str(caught.value) == message


@pytest.mark.parametrize("transport", [[], ["--transport", "http", "--port", "0"]])
def test_serve_refuses_to_start_with_tracing_variables_it_cannot_follow(
    transport: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OTEL_TRACES_EXPORTER", "zipkin")
    assert main(["serve", "--sandbox", *transport]) == 2
    assert "OTEL_TRACES_EXPORTER must be one of otlp, console, none" in capsys.readouterr().err


def installed(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What configure() installs as the global tracer provider, caught instead of installed."""
    caught: list[Any] = []
    monkeypatch.setattr(trace, "set_tracer_provider", caught.append)  # the module tracing installs through
    return caught


def test_configure_installs_a_provider_that_exports_to_the_exporter_the_variables_name_and_says_so(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caught = installed(monkeypatch)
    exporter = InMemorySpanExporter()
    monkeypatch.setattr(tracing, "span_exporter", {"console": exporter}.__getitem__)
    with caplog.at_level(logging.INFO, "polytomic_mcp.tracing"):
        provider = tracing.configure({"OTEL_TRACES_EXPORTER": "console"})
    assert provider is not None and caught == [provider]
    provider.get_tracer("test").start_span("probe").end()
    provider.force_flush()
    [exported] = exporter.get_finished_spans()
    assert exported.name == "probe" and exported.resource.attributes["service.name"] == "polytomic-mcp"
    assert exported.resource.attributes["service.version"] == __version__
    assert [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "polytomic_mcp.tracing"] == [
        ("INFO", "Exporting traces (console)")
    ]
    provider.shutdown()


def test_without_variables_that_ask_for_export_configure_installs_nothing_and_says_nothing(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caught = installed(monkeypatch)
    with caplog.at_level(logging.DEBUG, "polytomic_mcp.tracing"):
        assert tracing.configure({}) is None
        assert tracing.configure({"OTEL_TRACES_EXPORTER": "none"}) is None
    assert caught == [] and not [r for r in caplog.records if r.name == "polytomic_mcp.tracing"]


def test_configure_builds_the_otlp_exporter_and_keeps_a_service_name_the_variables_give(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OTEL_SERVICE_NAME", "team-mcp")
    installed(monkeypatch)
    provider = tracing.configure({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:9", "OTEL_SERVICE_NAME": "team-mcp"})
    assert provider is not None and provider.resource.attributes["service.name"] == "team-mcp"
    assert type(tracing.span_exporter("otlp")).__name__ == "OTLPSpanExporter"
    assert isinstance(tracing.span_exporter("console"), ConsoleSpanExporter)
    provider.shutdown()


def test_without_the_sdk_configure_says_so_and_exports_nothing(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caught = installed(monkeypatch)
    monkeypatch.setitem(sys.modules, "opentelemetry.sdk.trace", None)  # as if not installed
    with caplog.at_level(logging.WARNING, "polytomic_mcp.tracing"):
        assert tracing.configure({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:9"}) is None
    assert caught == []
    assert [r.getMessage() for r in caplog.records if r.name == "polytomic_mcp.tracing"] == [
        "OTEL_* variables ask for traces, but the OpenTelemetry SDK is not installed: no traces are exported. "
        "Install polytomic-mcp[otel]."
    ]


def test_without_the_otlp_exporter_asking_for_it_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "opentelemetry.exporter.otlp.proto.http.trace_exporter", None)
    with pytest.raises(ConfigError) as caught:
        tracing.span_exporter("otlp")
    assert str(caught.value) == (
        "OTLP export needs opentelemetry-exporter-otlp-proto-http: install polytomic-mcp[otel]."
    )


STARTUP = """
import sys
from polytomic_mcp import __version__, tracing
from polytomic_mcp.server import build_server
from polytomic_mcp.settings import Settings
tracing.configure({})
build_server(Settings())
print(" ".join(sorted(m for m in sys.modules if m.startswith(("opentelemetry.sdk", "prometheus_client")))))
"""


@pytest.mark.child_process
def test_without_otel_variables_starting_up_imports_neither_the_sdk_nor_prometheus() -> None:
    done = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_outside_of_a_span_annotating_does_nothing() -> None:
    tracing.annotate("polytomic_mcp.outcome", "ok")
    assert not isinstance(trace.get_current_span(), Span)
