from __future__ import annotations

import asyncio
import functools
import gzip
import json
import logging
import random
import time
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from mcp import Client

from polytomic_mcp import clients
from polytomic_mcp.clients import make_api_client
from polytomic_mcp.retry_after import MAX_RETRY_AFTER, retry_after_seconds
from polytomic_mcp.sandbox import Sandbox
from polytomic_mcp.sandbox.dataset import SALESFORCE
from polytomic_mcp.server import build_server
from polytomic_mcp.settings import Settings
from polytomic_mcp.transport import PolytomicTransport, ResponseTooLarge, RetryPolicy, call_deadline
from tests.mcp_server.conftest import SETTINGS
from tests.mcp_server.support import call_error, call_ok

pytestmark = pytest.mark.anyio

TARGETS = {"connection_id": SALESFORCE, "limit": 1}


def _client(sandbox: Sandbox, settings: Settings = SETTINGS) -> Client:
    return Client(build_server(settings, make_api_client(settings, transport=sandbox.transport())))


# Through a real MCP client against the sandbox's faults. The transport's waits are skipped and recorded: its clock
# is the real one plus every wait skipped so far, so the call's deadline (set on the real clock) still bounds them.


MAX_WAITS = 100  # more waits than any policy here allows: a retry loop that never ends fails at once, not by timeout


class SkippedWaits:
    def __init__(self, sandbox: Sandbox) -> None:
        self._sandbox = sandbox
        self.skipped = 0.0
        self.waits: list[tuple[float, int]] = []  # (seconds, requests the sandbox had seen when the wait began)

    def clock(self) -> float:
        return time.monotonic() + self.skipped

    async def sleep(self, seconds: float) -> None:
        assert len(self.waits) < MAX_WAITS, "the transport kept retrying past any policy's attempts"
        self.waits.append((seconds, len(self._sandbox.requests)))
        self.skipped += seconds
        await asyncio.sleep(0)

    @property
    def seconds(self) -> list[float]:
        return [seconds for seconds, _ in self.waits]

    def fit_within(self, budget: float) -> bool:
        """Whether the skipped waits, end to end on the fake clock, end before `budget` seconds."""
        return self.skipped < budget


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch, sandbox: Sandbox) -> SkippedWaits:
    """Every transport `make_api_client` builds from here on waits on this fake instead of the wall clock."""
    skipped = SkippedWaits(sandbox)
    monkeypatch.setattr(
        clients, "PolytomicTransport", functools.partial(PolytomicTransport, sleep=skipped.sleep, clock=skipped.clock)
    )
    return skipped


@pytest.fixture
async def mcp_client(waits: SkippedWaits, sandbox: Sandbox) -> AsyncIterator[Client]:
    """The shared fixture's client, over a transport whose waits are skipped and recorded."""
    async with _client(sandbox) as client:
        yield client


async def test_a_429_with_retry_after_is_waited_out_and_then_succeeds(
    mcp_client: Client, sandbox: Sandbox, waits: SkippedWaits
) -> None:
    sandbox.faults.inject("list_sync_targets", "status", status=429, retry_after=1)
    assert (await call_ok(mcp_client, "list_sync_targets", TARGETS))["total"] > 0
    assert waits.waits == [(1.0, 1)]  # the named second, after the first request and before the second
    assert len(sandbox.requests) == 2


async def test_two_503s_then_success_succeeds(mcp_client: Client, sandbox: Sandbox, waits: SkippedWaits) -> None:
    sandbox.faults.inject("list_sync_targets", "status", status=503, count=2)
    assert (await call_ok(mcp_client, "list_sync_targets", TARGETS))["total"] > 0
    assert len(sandbox.requests) == 3
    assert [seen for _, seen in waits.waits] == [1, 2]  # one backoff before each retry
    first, second = waits.seconds
    assert 0.25 <= first <= 0.5 and 0.5 <= second <= 1.0  # the default backoff: 0.5 s, doubling, jittered


@pytest.mark.parametrize(
    ("kind", "options", "expected"),
    [
        ("status", {"status": 503}, "failed to answer (HTTP 503)"),
        ("status", {"status": 504}, "failed to answer (HTTP 504)"),
        ("html", {"status": 502}, "HTTP 502"),
        ("status", {"status": 429}, "wait a minute"),
    ],
)
async def test_a_failure_that_never_ends_becomes_a_clean_error_within_the_deadline(
    sandbox: Sandbox, waits: SkippedWaits, kind: str, options: dict[str, object], expected: str
) -> None:
    deadline = 1.5
    sandbox.faults.inject("list_sync_targets", kind, count=1000, **options)  # type: ignore[arg-type]
    async with _client(sandbox, replace(SETTINGS, call_deadline=deadline)) as client:
        text = await call_error(client, "list_sync_targets", TARGETS)
    assert expected in text and "Traceback" not in text
    assert len(sandbox.requests) >= 2  # it did retry
    assert len(waits.waits) == len(sandbox.requests) - 1  # one wait before each retry
    # The waits the retry rule asked for (recorded by the fake, never slept) all fit inside the call's deadline.
    assert waits.fit_within(deadline)


@pytest.mark.parametrize(("status", "expected"), [(404, "No connection"), (400, "HTTP 400"), (500, "HTTP 500")])
async def test_answers_a_retry_cannot_fix_are_not_retried(
    mcp_client: Client, sandbox: Sandbox, status: int, expected: str
) -> None:
    sandbox.faults.inject("list_sync_targets", "status", status=status, count=5)
    assert expected in await call_error(mcp_client, "list_sync_targets", TARGETS)
    assert len(sandbox.requests) == 1


async def test_a_retry_after_longer_than_the_deadline_is_not_waited_for_but_reported(
    mcp_client: Client, sandbox: Sandbox
) -> None:
    sandbox.faults.inject("list_sync_targets", "status", status=429, retry_after=30)
    text = await call_error(mcp_client, "list_sync_targets", TARGETS)
    assert "retry after 30 s" in text
    assert len(sandbox.requests) == 1


@pytest.mark.parametrize(
    ("header", "expected"), [("²", "wait a minute"), ("¹⁰", "wait a minute"), ("9" * 4301, "retry after 3600 s")]
)
async def test_an_odd_retry_after_header_never_crashes_the_429_path(
    sandbox: Sandbox, waits: SkippedWaits, header: str, expected: str
) -> None:
    sandbox.faults.inject("list_sync_targets", "status", status=429, retry_after=header, count=1000)
    async with _client(sandbox, replace(SETTINGS, call_deadline=1.0)) as client:
        text = await call_error(client, "list_sync_targets", TARGETS)
    assert expected in text


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("²", None), ("¹⁰", None), ("٣", None), ("-5", None), ("1.5", None), ("9" * 4301, MAX_RETRY_AFTER),
     ("0007", 7), ("86400", MAX_RETRY_AFTER), ("Fri, 31 Dec 9999 23:59:59 GMT", MAX_RETRY_AFTER)],
)  # fmt: skip
def test_retry_after_reads_ascii_digits_only_and_caps_absurd_waits(header: str, seconds: int | None) -> None:
    assert retry_after_seconds(header) == seconds


# The retry rule itself, with waits recorded instead of slept.


class Waits:
    def __init__(self) -> None:
        self.now = 0.0
        self.requested: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        assert len(self.requested) < MAX_WAITS, "the transport kept retrying past any policy's attempts"
        self.requested.append(seconds)
        self.now += seconds

    def fit_within(self, budget: float) -> bool:
        """Whether the waits, end to end on this fake clock, end before `budget` seconds."""
        return self.now < budget


Handler = Callable[[httpx.Request], httpx.Response]


def _transport(handler: Handler, waits: Waits, **policy: object) -> PolytomicTransport:
    return PolytomicTransport(
        httpx.MockTransport(handler),
        policy=RetryPolicy(**policy),  # type: ignore[arg-type]
        sleep=waits.sleep,
        clock=waits.clock,
    )


def _replies(*responses: httpx.Response | Exception) -> tuple[Handler, list[str]]:
    methods: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        methods.append(request.method)
        reply = responses[min(len(methods), len(responses)) - 1]
        if isinstance(reply, Exception):
            raise reply
        return reply

    return handler, methods


async def _send(transport: PolytomicTransport, method: str = "GET") -> httpx.Response:
    async with httpx.AsyncClient(transport=transport, base_url="https://polytomic.example") as client:
        return await client.request(method, "/api/connections")


async def test_only_a_get_is_retried() -> None:
    for method, attempts in [("GET", 3), ("POST", 1), ("PUT", 1), ("DELETE", 1)]:
        waits = Waits()
        handler, methods = _replies(httpx.Response(503), httpx.Response(503), httpx.Response(200))
        response = await _send(_transport(handler, waits), method)
        assert len(methods) == attempts, method
        assert response.status_code == (200 if method == "GET" else 503)


async def test_retry_after_in_seconds_or_as_an_http_date_sets_the_wait() -> None:
    waits = Waits()
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=5), usegmt=True)
    handler, _ = _replies(
        httpx.Response(429, headers={"Retry-After": "2"}),
        httpx.Response(503, headers={"Retry-After": soon}),
        httpx.Response(200),
    )
    assert (await _send(_transport(handler, waits))).status_code == 200
    assert waits.requested[0] == 2
    assert 3 <= waits.requested[1] <= 5


async def test_without_retry_after_the_backoff_grows_exponentially_with_jitter() -> None:
    waits = Waits()
    handler, _ = _replies(httpx.Response(502))
    await _send(_transport(handler, waits, backoff_base=1.0, backoff_max=100.0, max_attempts=5, default_deadline=1e6))
    assert len(waits.requested) == 4
    for n, wait in enumerate(waits.requested):
        assert 2**n * 0.5 <= wait <= 2**n


async def test_no_wait_reaches_past_the_deadline_and_the_last_answer_is_handed_back() -> None:
    waits = Waits()
    handler, methods = _replies(httpx.Response(429, headers={"Retry-After": "4"}, json={"message": "slow down"}))
    with call_deadline(10, clock=waits.clock):
        response = await _send(_transport(handler, waits))
    assert waits.requested == [4, 4] and len(methods) == 3  # a third wait would end at 12 s
    assert response.status_code == 429 and response.json() == {"message": "slow down"}


async def test_connect_errors_and_read_timeouts_are_retried_other_errors_are_not() -> None:
    for error, attempts in [
        (httpx.ConnectError("refused"), 2),
        (httpx.ConnectTimeout("slow connect"), 2),
        (httpx.ReadTimeout("slow read"), 2),
        (httpx.RemoteProtocolError("dropped"), 1),
        (httpx.WriteError("broken pipe"), 1),
    ]:
        waits = Waits()
        handler, methods = _replies(error, httpx.Response(200))
        try:
            await _send(_transport(handler, waits))
        except httpx.HTTPError:
            pass
        assert len(methods) == attempts, type(error).__name__


class HighestJitter(random.Random):
    def uniform(self, a: float, b: float) -> float:
        return b


async def test_each_retry_is_logged_once_at_info_with_its_reason_and_its_wait(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="polytomic_mcp.transport")
    waits = Waits()
    handler, methods = _replies(
        httpx.ConnectError("refused"), httpx.Response(503, headers={"Retry-After": "2"}), httpx.Response(200)
    )
    transport = PolytomicTransport(
        httpx.MockTransport(handler), sleep=waits.sleep, clock=waits.clock, rng=HighestJitter()
    )
    response = await _send(transport)
    assert response.status_code == 200 and len(methods) == 3
    assert [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "polytomic_mcp.transport"] == [
        ("INFO", "Polytomic request failed (ConnectError); retrying in 0.5 s"),  # the first backoff, at most 0.5 s
        ("INFO", "Polytomic answered HTTP 503; retrying in 2.0 s"),  # the answer's Retry-After
    ]


async def test_a_connect_error_that_lasts_past_the_deadline_is_raised() -> None:
    waits = Waits()
    handler, methods = _replies(httpx.ConnectError("refused"))
    with call_deadline(3, clock=waits.clock), pytest.raises(httpx.ConnectError):
        await _send(_transport(handler, waits, backoff_base=1.0))
    assert waits.fit_within(3) and len(methods) >= 2


# Bounded bodies.


def _bomb(decoded_mb: int) -> bytes:
    out = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing
    chunk = b" " * (1024 * 1024)
    parts = [out.compress(b'{"data":[')] + [out.compress(chunk) for _ in range(decoded_mb)] + [out.compress(b"]}")]
    return b"".join([*parts, out.flush()])


def _capped(handler: Handler, mb: float) -> Client:
    settings = replace(SETTINGS, max_response_mb=mb)
    return Client(build_server(settings, make_api_client(settings, transport=httpx.MockTransport(handler))))


async def test_a_gzip_bomb_is_refused_past_the_decoded_size_cap() -> None:
    bomb = _bomb(20)
    assert len(bomb) < 100_000

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=bomb, headers={"Content-Encoding": "gzip", "Content-Type": "application/json"}
        )

    async with _capped(handler, 1) as client:
        text = await call_error(client, "list_sync_targets", TARGETS)
    assert "larger than this server accepts (1 MB; POLYTOMIC_MAX_RESPONSE_MB)" in text


async def test_a_plain_body_past_the_cap_is_refused_and_one_under_it_is_read() -> None:
    body = json.dumps({"data": [{"id": f"t{n}", "name": "x" * 100} for n in range(20_000)]}).encode()  # ~2.5 MB

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})

    async with _capped(handler, 2) as client:
        assert "larger than this server accepts (2 MB;" in await call_error(client, "list_sync_targets", TARGETS)
    async with _capped(handler, 3) as client:
        assert (await call_ok(client, "list_sync_targets", TARGETS))["total"] == 20_000


async def test_a_gzipped_answer_under_the_cap_is_decoded_once() -> None:
    body = gzip.compress(json.dumps({"data": [{"id": "Account", "name": "Account"}]}).encode())

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=body, headers={"Content-Encoding": "gzip", "Content-Type": "application/json"}
        )

    async with _capped(handler, 1) as client:
        assert (await call_ok(client, "list_sync_targets", TARGETS))["total"] == 1


# A request as a whole ends by its deadline, against a real loopback server that drips.


Drip = Callable[[asyncio.StreamWriter], Awaitable[None]]


@asynccontextmanager
async def dripping(drip: Drip) -> AsyncIterator[str]:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
            await drip(writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()
        # Handlers still dripping are cancelled by close_clients (3.13+) or end when their socket errors.
        if hasattr(server, "close_clients"):
            server.close_clients()


async def _headers_a_byte_at_a_time(writer: asyncio.StreamWriter) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Padding: " + b"x" * 10_000:
        writer.write(bytes([byte]))
        await writer.drain()
        await asyncio.sleep(0.05)


async def _a_chunked_body_that_never_ends(writer: asyncio.StreamWriter) -> None:
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
    writer.write(b'9\r\n{"data":[\r\n')
    while True:
        writer.write(b"1\r\n \r\n")
        await writer.drain()
        await asyncio.sleep(0.05)


@pytest.mark.parametrize("drip", [_headers_a_byte_at_a_time, _a_chunked_body_that_never_ends])
async def test_a_slow_drip_answer_ends_at_the_call_deadline(drip: Drip) -> None:
    async with dripping(drip) as url:
        # Every read beats the read timeout by far (a byte every 0.05 s); only the deadline can end the call.
        settings = Settings(api_key="pk_test", base_url=url, timeout=0.5, call_deadline=1)
        async with Client(build_server(settings)) as client:
            text = await call_error(client, "list_sync_targets", TARGETS)
    assert "within this call's deadline (1 s; POLYTOMIC_CALL_DEADLINE)" in text and "retry" in text
    assert "127.0.0.1" not in text


@pytest.mark.parametrize(("retries", "answered"), [(0, False), (1, True)])
async def test_max_retries_bounds_how_often_a_failed_get_is_sent_again(
    sandbox: Sandbox, waits: SkippedWaits, retries: int, answered: bool
) -> None:
    settings = replace(SETTINGS, max_retries=retries)
    sandbox.faults.inject("list_sync_targets", "status", status=503)
    async with Client(build_server(settings, make_api_client(settings, transport=sandbox.transport()))) as client:
        result = await client.call_tool("list_sync_targets", {"connection_id": SALESFORCE, "limit": 1})
    assert result.is_error is not answered
    assert len(sandbox.requests) == retries + 1
    assert len(waits.waits) == retries


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (503, "Polytomic failed to answer (HTTP 503). This is usually transient: retry shortly."),
        (429, "Polytomic is rate limiting this server's requests (HTTP 429): retry after 0 s."),  # its Retry-After
    ],
)
async def test_when_the_deadline_cuts_a_retry_short_the_error_names_what_polytomic_last_answered(
    status: int, message: str
) -> None:
    requests: list[httpx.Request] = []

    async def first_failure_then_silence(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        if len(requests) == 1:
            return httpx.Response(status, text="<html>upstream unavailable</html>", headers={"Retry-After": "0"})
        await asyncio.sleep(3600)  # the retry never answers: only the call's deadline ends it
        raise AssertionError("unreachable")

    settings = replace(SETTINGS, call_deadline=0.5)
    api = make_api_client(settings, transport=httpx.MockTransport(first_failure_then_silence))
    async with Client(build_server(settings, api)) as client:
        text = await call_error(client, "list_sync_targets", TARGETS)
    assert len(requests) == 2  # it did retry, and the deadline ended the retry
    assert text == f"Error executing tool list_sync_targets: {message}"


async def test_a_wait_that_would_end_exactly_at_the_deadline_is_not_started() -> None:
    waits = Waits()
    handler, methods = _replies(httpx.Response(503, headers={"Retry-After": "5"}))
    with call_deadline(10, clock=waits.clock):
        response = await _send(_transport(handler, waits))
    assert waits.requested == [5] and len(methods) == 2 and response.status_code == 503


def test_a_response_too_large_says_which_limit_it_passed() -> None:
    error = ResponseTooLarge(1_048_576)
    assert str(error) == "response body larger than 1048576 bytes" and error.limit == 1_048_576


def _chunked(*chunks: bytes, **headers: str) -> Handler:
    async def body() -> AsyncIterator[bytes]:
        for chunk in chunks:
            yield chunk

    return lambda request: httpx.Response(200, content=body(), headers=headers, extensions={"reason_phrase": b"Fine"})


async def _read(handler: Handler, max_bytes: int | None) -> httpx.Response:
    transport = PolytomicTransport(httpx.MockTransport(handler), max_bytes=max_bytes)
    async with httpx.AsyncClient(transport=transport, base_url="https://polytomic.example") as client:
        return await client.get("/api/connections")


async def test_a_body_of_exactly_the_cap_is_read_and_one_byte_more_is_refused_however_it_is_chunked() -> None:
    assert (await _read(_chunked(b"12345", b"67890"), max_bytes=10)).content == b"1234567890"
    assert (await _read(_chunked(b"1234567890"), max_bytes=10)).content == b"1234567890"
    for chunks in [(b"12345", b"67890", b"x"), (b"1234", b"5678", b"901"), (b"12345678901",)]:
        with pytest.raises(ResponseTooLarge):
            await _read(_chunked(*chunks), max_bytes=10)


async def test_a_bounded_answer_is_decoded_here_and_keeps_its_status_line() -> None:
    packed = gzip.compress(b'{"data": []}')
    headers = {"Content-Encoding": "gzip", "Content-Length": str(len(packed)), "X-Request-Id": "r-1"}
    response = await _read(_chunked(packed, **headers), max_bytes=1000)
    assert response.content == b'{"data": []}' and response.json() == {"data": []}
    assert "content-encoding" not in response.headers and "content-length" not in response.headers
    assert response.headers["x-request-id"] == "r-1" and response.reason_phrase == "Fine"
