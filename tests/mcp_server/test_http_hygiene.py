"""The HTTP transport against hostile clients: slow, silent and idle sockets are closed by the server, a cap on
connections keeps descriptors for callers who send their requests, /mcp serves POST only, Host and Origin port
wildcards match port numbers only, and what a client can cause over and over stays out of the log (or is in it
once).

The whole server under a lowered open-files limit runs on a real loopback port in a child process (marked
`child_process`); the others, each deadline and the cap's choices among them, run uvicorn, configured as `serve_http`
configures it, in this process on a loopback port, or drive the ASGI app in process."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import errno
import logging
import re
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

import anyio
import httpx
import pytest
import uvicorn
from anyio.abc import SocketStream
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message

from polytomic_mcp import http as http_module
from polytomic_mcp.cli import connect, main
from polytomic_mcp.http import (
    ACCEPT_ERROR,
    CAP_REACHED,
    TOO_SLOW,
    AccessPath,
    GuardedProtocol,
    HungUp,
    Throttle,
    build_app,
    connection_cap,
    listen_backlog,
    open_files_limit,
    port_exact,
    quiet_logs,
    serve_http,
    uvicorn_config,
)
from polytomic_mcp.settings import ConfigError, HttpOptions
from polytomic_mcp.sockets import bind

from .support import Clock
from .test_http import (
    MCP_HEADERS,
    SHARED,
    SHARED_OPTIONS,
    TOKEN,
    TOOLS_LIST,
    Served,
    app_running,
    post,
    serving,
)

pytestmark = pytest.mark.anyio

LOOPBACK = "127.0.0.1"
AUTHORIZED = {**MCP_HEADERS, "Authorization": f"Bearer {TOKEN}", "MCP-Protocol-Version": "2025-11-25"}
LIST_CONNECTIONS = {"jsonrpc": "2.0", "id": 3, "method": "tools/call",
                    "params": {"name": "list_connections", "arguments": {}}}  # fmt: skip
PATIENT = HttpOptions(idle_timeout=60, header_timeout=60, body_timeout=60)  # no deadline runs out during a test
CLOSED = (anyio.EndOfStream, anyio.BrokenResourceError, anyio.ClosedResourceError, OSError)


# Uvicorn in this process, on a loopback port, configured as serve_http configures it.


@contextlib.asynccontextmanager
async def uvicorn_serving(app: ASGIApp, options: HttpOptions) -> AsyncIterator[tuple[int, uvicorn.Server]]:
    """Serve `app` as `serve_http` would (its uvicorn configuration and its logging filters); yields the port."""
    sock = bind(LOOPBACK, 0)
    server = uvicorn.Server(uvicorn_config(app, options))
    with sock, quiet_logs():
        async with anyio.create_task_group() as group:
            group.start_soon(server.serve, [sock])
            while not server.started:
                await anyio.sleep(0.01)
            try:
                yield sock.getsockname()[1], server
            finally:
                server.should_exit = True


async def until(condition: Any, what: str) -> None:
    """Wait for `condition()`; a guard against hanging, not a measure of time."""
    with anyio.fail_after(60):
        while not condition():
            await anyio.sleep(0.01)


async def read_until_closed(stream: SocketStream) -> bytes:
    """Everything the server sends until it closes (or resets) the connection."""
    received = b""
    with anyio.fail_after(60):  # hang guard: the server must close it
        with contextlib.suppress(*CLOSED):
            while True:
                received += await stream.receive()
    return received


def status_of(answer: bytes) -> int | None:
    found = re.match(rb"HTTP/1\.1 (\d{3}) ", answer)
    return int(found.group(1)) if found else None


def held(release: anyio.Event, body: bytes = b"answered") -> Starlette:
    """An app whose /hold answers once `release` is set, and whose /big answers `body` at once."""

    async def hold(_: Request) -> Response:
        await release.wait()
        return PlainTextResponse("answered")

    async def big(_: Request) -> Response:
        return Response(body)

    return Starlette(routes=[Route("/hold", hold), Route("/big", big)])


def cap_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "polytomic_mcp.http" and r.levelno == logging.WARNING]


async def test_beyond_the_cap_with_every_connection_being_answered_a_new_one_gets_503_at_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="polytomic_mcp.http")
    release = anyio.Event()
    options = HttpOptions(max_connections=2, idle_timeout=60, header_timeout=60, body_timeout=60)
    async with uvicorn_serving(held(release), options) as (port, server):
        first, second = await anyio.connect_tcp(LOOPBACK, port), await anyio.connect_tcp(LOOPBACK, port)
        async with first, second:
            for stream in (first, second):
                await stream.send(b"GET /hold HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            await until(lambda: len(server.server_state.tasks) == 2, "both requests are being answered")
            async with await anyio.connect_tcp(LOOPBACK, port) as third:
                refused = await read_until_closed(third)
            release.set()
            answers = [await first.receive(), await second.receive()]
    assert status_of(refused) == 503 and b"connection: close" in refused and refused.endswith(b"Service Unavailable")
    assert [status_of(answer) for answer in answers] == [200, 200]
    assert cap_lines(caplog) == ["Connection cap reached (2): every connection is being answered; refused one"]


async def test_beyond_the_cap_the_connection_waiting_longest_for_its_client_is_closed_to_let_a_caller_in(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="polytomic_mcp.http")
    options = HttpOptions(max_connections=3, idle_timeout=60, header_timeout=60, body_timeout=60)
    async with uvicorn_serving(held(anyio.Event()), options) as (port, server):
        async with contextlib.AsyncExitStack() as stack:
            idle = []
            for n in range(3):  # one at a time, so that they are known to have arrived in this order
                idle.append(await stack.enter_async_context(await anyio.connect_tcp(LOOPBACK, port)))
                await until(lambda n=n: len(server.server_state.connections) == n + 1, "the connection is in")
            await idle[1].send(b"GET /big HTTP/1.1\r\n")  # began a request: waiting longer than the others still
            async with httpx.AsyncClient(base_url=f"http://{LOOPBACK}:{port}") as http:
                answered = await http.get("/big")
                oldest = await read_until_closed(idle[0])
                await until(lambda: len(server.server_state.connections) == 3, "the others are still open")
    assert answered.status_code == 200 and answered.text == "answered"
    assert oldest == b""  # closed without a word: it had sent nothing
    assert cap_lines(caplog) == ["Connection cap reached (3): closed the one waiting longest for its client"]


async def test_a_client_that_stops_reading_its_answer_is_dropped_and_one_that_reads_slowly_gets_all_of_it() -> None:
    body = b"x" * (64 * 1024 * 1024)  # more than the socket buffers hold: the server must wait for the client
    options = HttpOptions(idle_timeout=60, header_timeout=60, body_timeout=1)
    async with uvicorn_serving(held(anyio.Event(), body), options) as (port, server):
        async with await anyio.connect_tcp(LOOPBACK, port) as stalled:
            await stalled.send(b"GET /big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            await until(lambda: not server.server_state.connections, "the server let go of the connection")
            kept = await read_until_closed(stalled)
        async with httpx.AsyncClient(base_url=f"http://{LOOPBACK}:{port}") as http:
            async with http.stream("GET", "/big") as response:
                got = 0
                async for chunk in response.aiter_raw():
                    got += len(chunk)
                    await anyio.sleep(0)  # slower than the server writes, never stopped for a whole second
    assert status_of(kept) == 200 and len(kept) < len(body)
    assert got == len(body)


def reading(messages: list[Message]) -> Starlette:
    """An app whose POST /upload records each message it receives until the body is complete or the client is gone,
    and whose GET /big answers at once."""

    async def upload(request: Request) -> Response:
        while not messages or (messages[-1]["type"] == "http.request" and messages[-1]["more_body"]):
            messages.append(await request.receive())
        return PlainTextResponse("read")

    async def big(_: Request) -> Response:
        return PlainTextResponse("answered")

    return Starlette(routes=[Route("/upload", upload, methods=["POST"]), Route("/big", big)])


HEAD = b"Host: 127.0.0.1\r\n"
UPLOAD = b"POST /upload HTTP/1.1\r\n" + HEAD + b"Content-Type: text/plain\r\nContent-Length: 100\r\n\r\n"
BIG = b"GET /big HTTP/1.1\r\n" + HEAD + b"\r\n"
ANSWERED = b"HTTP/1.1 200 OK\r\ncontent-length: 8\r\ncontent-type: text/plain; charset=utf-8\r\n\r\nanswered"


@pytest.mark.parametrize(
    ("opening", "short", "closed_with"),
    [
        pytest.param(b"", "idle_timeout", b"", id="nothing sent"),
        pytest.param(BIG, "idle_timeout", ANSWERED, id="kept alive after an answer"),
        pytest.param(b"POST /upload HT", "header_timeout", TOO_SLOW, id="half a request line"),
        pytest.param(b"POST /upload HTTP/1.1\r\n" + HEAD, "header_timeout", TOO_SLOW, id="headers not ended"),
        pytest.param(UPLOAD + b"0123456789", "body_timeout", TOO_SLOW, id="a body cut short"),
    ],
)
async def test_each_wait_for_a_client_ends_at_its_own_deadline_with_408_only_once_a_request_has_begun(
    opening: bytes, short: str, closed_with: bytes
) -> None:
    messages: list[Message] = []
    shortened: dict[str, Any] = {short: 1}  # the others far beyond the hang guard
    options = dataclasses.replace(HttpOptions(idle_timeout=600, header_timeout=600, body_timeout=600), **shortened)
    async with uvicorn_serving(reading(messages), options) as (port, server):
        async with await anyio.connect_tcp(LOOPBACK, port) as stream:
            if opening:
                await stream.send(opening)
            received = await read_until_closed(stream)  # only the one short deadline can close it
        await until(lambda: not server.server_state.tasks, "the app has finished with it")
    assert re.sub(rb"date: [^\r]*\r\n", b"", received) == closed_with
    if opening.startswith(UPLOAD):  # the app reads what came, then that the client is gone: nothing else
        assert messages == [
            {"type": "http.request", "body": b"0123456789", "more_body": True},
            {"type": "http.disconnect"},
        ]


async def test_a_client_that_stops_reading_a_streamed_answer_has_waited_since_then_even_if_it_sends_more(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="polytomic_mcp.http")

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(64):  # more than the socket buffers hold, in pieces: the answer waits for its reader
            yield b"x" * (1024 * 1024)

    async def stream(_: Request) -> Response:
        return StreamingResponse(chunks())

    app = Starlette(routes=[Route("/stream", stream), Route("/big", lambda _: PlainTextResponse("answered"))])
    options = HttpOptions(max_connections=2, idle_timeout=600, header_timeout=600, body_timeout=600)
    async with uvicorn_serving(app, options) as (port, server):
        connections = server.server_state.connections

        def guarded() -> list[GuardedProtocol]:
            return [c for c in connections if isinstance(c, GuardedProtocol)]

        async with await anyio.connect_tcp(LOOPBACK, port) as stalled:
            await stalled.send(b"GET /stream HTTP/1.1\r\n" + HEAD + b"\r\n")  # and reads nothing
            await until(lambda: any(c.flow.write_paused for c in guarded()), "the answer waits for its reader")
            [stalled_protocol] = guarded()
            async with await anyio.connect_tcp(LOOPBACK, port) as idle:
                await until(lambda: len(connections) == 2, "the idle connection is in")
                await stalled.send(b"G")  # the start of another request: it still reads nothing
                await until(lambda: not stalled_protocol.transport.is_reading(), "the server has the byte")
                async with await anyio.connect_tcp(LOOPBACK, port) as caller:  # beyond the cap
                    await caller.send(BIG)
                    answered = await caller.receive()
                    await idle.send(BIG)
                    kept = await idle.receive()
                cut = await read_until_closed(stalled)
    assert status_of(answered) == 200 and status_of(kept) == 200  # the idle connection came later: it stays
    assert status_of(cut) == 200 and len(cut) < 64 * 1024 * 1024
    assert cap_lines(caplog) == ["Connection cap reached (2): closed the one waiting longest for its client"]


async def test_an_answer_the_app_sends_after_the_cap_closed_its_connection_is_not_logged_as_served(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="uvicorn.access")
    closed = threading.Event()

    class Closed(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            closed.set()

    async def late(_: Request) -> Response:  # answers without reading the body, right after the cap closed it
        while not closed.is_set():
            await asyncio.sleep(0)  # ready to run again at every turn of the loop: it runs before the close ends
        return PlainTextResponse("too late")

    app = Starlette(routes=[Route("/late", late, methods=["POST"]), Route("/big", lambda _: PlainTextResponse("ok"))])
    options = HttpOptions(max_connections=1, idle_timeout=600, header_timeout=600, body_timeout=600)
    cap_logger, handler = logging.getLogger("polytomic_mcp.http"), Closed(logging.WARNING)
    cap_logger.addHandler(handler)
    try:
        async with uvicorn_serving(app, options) as (port, server):
            async with await anyio.connect_tcp(LOOPBACK, port) as waiting:
                await waiting.send(b"POST /late HTTP/1.1\r\n" + HEAD + b"Content-Length: 10\r\n\r\n")
                await until(lambda: len(server.server_state.tasks) == 1, "the app is answering it")
                async with await anyio.connect_tcp(LOOPBACK, port) as caller:  # beyond the cap
                    await caller.send(BIG)
                    answered = await caller.receive()
                cut = await read_until_closed(waiting)
            await until(lambda: len(server.server_state.tasks) == 0, "the app has returned")
    finally:
        cap_logger.removeHandler(handler)
    assert status_of(answered) == 200 and cut == b""
    assert [r.getMessage().split(" - ", 1)[1] for r in caplog.records if r.name == "uvicorn.access"] == [
        '"GET /big HTTP/1.1" 200'
    ]


async def test_get_and_delete_on_mcp_get_405_with_allow_post_before_any_token_is_checked() -> None:
    stream, token = {"Accept": "text/event-stream"}, {"Authorization": f"Bearer {TOKEN}"}
    answers: list[tuple[int, str | None, bytes]] = []
    async with (
        uvicorn_serving(build_app(SHARED, PATIENT), PATIENT) as (port, _),
        httpx.AsyncClient(base_url=f"http://{LOOPBACK}:{port}", timeout=30) as http,
    ):
        for method, headers in (("GET", stream), ("GET", {**stream, **token}), ("DELETE", token), ("OPTIONS", {})):
            async with http.stream(method, "/mcp", headers=headers) as answer:  # a stream would never end: not read
                body = await answer.aread() if answer.status_code == 405 else b""
                answers.append((answer.status_code, answer.headers.get("allow"), body))
        posted = await http.post("/mcp", json=TOOLS_LIST, headers=AUTHORIZED)
    assert answers == [(405, "POST", b"Method Not Allowed")] * 4
    assert posted.status_code == 200 and len(posted.json()["result"]["tools"]) == 4


async def test_a_token_in_the_query_string_never_reaches_the_access_log(caplog: pytest.LogCaptureFixture) -> None:
    secret = "query-token-0123456789abcdef"
    caplog.set_level(logging.INFO, logger="uvicorn.access")
    async with (
        uvicorn_serving(build_app(SHARED, PATIENT), PATIENT) as (port, _),
        httpx.AsyncClient(base_url=f"http://{LOOPBACK}:{port}", timeout=30) as http,
    ):
        await http.get(f"/healthz?access_token={secret}")
        await http.post(f"/mcp?access_token={secret}&x=1", json=TOOLS_LIST, headers=AUTHORIZED)
        await http.get(f"/healthz?access_token={secret}?again")  # a second ? is part of the query string
        await http.get("/healthz")
    lines = [record.getMessage() for record in caplog.records if record.name == "uvicorn.access"]
    client = r"127\.0\.0\.1:\d+ - "  # who asked, as uvicorn logs it
    assert all(re.match(client, line) for line in lines), lines
    assert [re.sub(client, "", line) for line in lines] == [
        '"GET /healthz HTTP/1.1" 200',
        '"POST /mcp HTTP/1.1" 200',
        '"GET /healthz HTTP/1.1" 200',
        '"GET /healthz HTTP/1.1" 200',
    ]
    assert not any(secret in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("level", [logging.INFO, logging.DEBUG])
async def test_a_client_hanging_up_mid_body_costs_one_debug_line_at_most(
    level: int, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(level)
    headers = (b"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json"
               b"\r\nAuthorization: Bearer " + TOKEN.encode() + b"\r\nContent-Length: 100\r\n\r\n")  # fmt: skip
    async with uvicorn_serving(build_app(SHARED, PATIENT), PATIENT) as (port, server):
        async with await anyio.connect_tcp(LOOPBACK, port) as stream:
            await stream.send(headers + b'{"jsonrpc": "2.0", "id"')
            await until(lambda: len(server.server_state.tasks) == 1, "the app is reading the body")
        await until(lambda: not server.server_state.tasks, "the app has finished with it")
    hung_up = [r for r in caplog.records if "hung up" in r.getMessage()]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]
    assert [(r.levelname, r.getMessage()) for r in hung_up] == (
        [("DEBUG", "A client hung up before its request body was complete")] if level == logging.DEBUG else []
    )


# In process: the checks in front of the MCP endpoint, the log filters and the configuration.


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        *[
            ({"Host": host}, 421)
            for host in (
                "localhost:evil.example",
                "localhost:8000@evil.example",
                "localhost:",
                "127.0.0.1:80:81",
                "127.0.0.1:0",
                "127.0.0.1:65536",
                "127.0.0.1:080",
                "[::1]:8000x",
                "[::1]:",
            )
        ],
        *[
            ({"Origin": origin}, 403)
            for origin in (
                "http://localhost:5173.evil.example",
                "http://127.0.0.1:80@evil.example",
                "http://localhost:",
                "http://localhost:5173/",
                "http://[::1]:5173/x",
                "http://localhost:0",
            )
        ],
        ({"Host": "127.0.0.1:1"}, 200),
        ({"Host": "127.0.0.1:65535"}, 200),
        ({"Host": "[::1]:8000"}, 200),
        ({"Host": "localhost"}, 200),
        ({"Host": "mcp.example.com"}, 200),
        ({"Origin": "http://localhost:5173"}, 200),
        ({"Origin": "http://[::1]:5173"}, 200),
        ({"Origin": "https://app.example.com"}, 200),
    ],
)
async def test_a_host_or_origin_port_wildcard_matches_a_port_number_and_nothing_else(
    headers: dict[str, str], status: int
) -> None:
    async with app_running(SHARED) as app:
        response = await post(app, {"Authorization": f"Bearer {TOKEN}", **headers})
    assert response.status_code == status, response.text


def test_port_exact_matches_equal_values_and_whole_port_numbers_only() -> None:
    allowed = ["localhost:*", "mcp.example.com", "[::1]:*"]
    assert port_exact("localhost:8000", allowed) and port_exact("[::1]:65535", allowed)
    assert port_exact("mcp.example.com", allowed)
    full_width = "localhost:\uff18\uff10"  # digits to int(), not to a Host header
    for refused in (
        "mcp.example.com:443",
        "localhost",
        "localhost:*",
        "evil:8000",
        "[::1]:1:2",
        "::1:8000",
        full_width,
    ):
        assert not port_exact(refused, allowed), refused


def test_asyncio_out_of_descriptors_logs_one_line_not_one_per_accept_it_retries(
    caplog: pytest.LogCaptureFixture,
) -> None:
    loop = asyncio.new_event_loop()  # its default exception handler, which logs what asyncio's accept loop reports
    exhausted = OSError(errno.EMFILE, "Too many open files")
    try:
        with socket.socket() as sock, quiet_logs(), caplog.at_level(logging.ERROR, logger="asyncio"):
            for _ in range(2048):  # what one readable event costs at the default backlog: asyncio logs every attempt
                loop.call_exception_handler({"message": ACCEPT_ERROR, "exception": exhausted, "socket": sock})
            loop.call_exception_handler({"message": "something else"})
    finally:
        loop.close()
    assert [(r.name, r.getMessage(), bool(r.exc_info)) for r in caplog.records] == [
        ("asyncio", "socket.accept() out of system resource: [Errno 24] Too many open files", False),  # no traceback
        ("asyncio", "something else", False),
    ]


def test_a_throttled_line_passes_once_per_interval_and_counts_those_it_held_back() -> None:
    clock = Clock()
    throttle = Throttle("Connection cap", interval=10, clock=clock)
    logger = logging.getLogger("tests.throttle")

    def passed(message: str) -> str | None:
        record = logger.makeRecord(logger.name, logging.WARNING, __file__, 1, message, (), None)
        return record.getMessage() if throttle.filter(record) else None

    seen = [passed("Connection cap reached (2)")]
    seen += [passed("Connection cap reached (2)") for _ in range(5)]
    seen.append(passed("Another line"))
    clock.now += 10
    seen.append(passed("Connection cap reached (2): again"))
    clock.now += 10
    seen.append(passed("Connection cap reached (2)"))
    assert seen == [
        "Connection cap reached (2)",
        *[None] * 5,
        "Another line",
        "Connection cap reached (2): again (5 more not logged)",
        "Connection cap reached (2)",
    ]


def test_the_access_path_filter_leaves_other_records_alone() -> None:
    logger = logging.getLogger("tests.access")
    odd = logger.makeRecord(logger.name, logging.INFO, __file__, 1, "%s", ("/x?y=1",), None)
    assert AccessPath().filter(odd) and odd.getMessage() == "/x?y=1"
    plain = logger.makeRecord(logger.name, logging.ERROR, __file__, 1, "Error handling POST request", (), None)
    assert HungUp().filter(plain) and plain.levelname == "ERROR"


def test_a_hang_up_is_logged_at_debug_when_the_logger_it_was_logged_on_is_set_to_debug_whatever_the_root_is(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def kept(logger: str) -> bool:
        record = logging.getLogger(logger).makeRecord(
            logger,
            logging.ERROR,
            __file__,
            1,
            "Error handling POST request",
            (),
            (ClientDisconnect, ClientDisconnect(), None),
        )
        return HungUp().filter(record) and (record.levelname, record.getMessage(), record.exc_info) == (
            "DEBUG",
            "A client hung up before its request body was complete",
            None,
        )

    caplog.set_level(logging.WARNING)  # the root logger
    caplog.set_level(logging.DEBUG, logger="tests.hung_up.verbose")
    caplog.set_level(logging.INFO, logger="tests.hung_up.quiet")
    verbose_under_quiet_root = kept("tests.hung_up.verbose")
    caplog.set_level(logging.DEBUG)
    quiet_under_verbose_root = kept("tests.hung_up.quiet")
    assert (verbose_under_quiet_root, quiet_under_verbose_root) == (True, False)


async def test_serve_http_serves_an_app_that_calls_polytomic_over_the_network_it_was_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings, network = connect(SHARED)
    assert network is not None
    sandbox = network
    called: list[str] = []

    class Recorded(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            called.append(request.url.path)
            return await sandbox.handle_async_request(request)

    apps: list[ASGIApp] = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: apps.append(self.config.app))
    serve_http(settings, SHARED_OPTIONS, Recorded())
    [app] = apps
    assert isinstance(app, Starlette)
    async with app.router.lifespan_context(app):
        answer = await post(app, {"Authorization": f"Bearer {TOKEN}", "MCP-Protocol-Version": "2025-11-25"},
                            LIST_CONNECTIONS)  # fmt: skip
    assert answer.status_code == 200 and not answer.json()["result"].get("isError"), answer.text
    assert called and all(path.startswith("/api/") for path in called)


def test_a_port_that_cannot_be_bound_for_a_reason_without_words_is_refused_naming_the_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refused(host: str, port: int) -> socket.socket:
        raise PermissionError()  # no strerror: raised without one

    monkeypatch.setattr(http_module, "bind", refused)
    monkeypatch.setattr(uvicorn.Server, "run", lambda *_: pytest.fail("nothing was bound"))
    with pytest.raises(ConfigError) as refusal:
        serve_http(SHARED, HttpOptions(host="127.0.0.1", port=8123))
    assert str(refusal.value) == (
        "Cannot listen on 127.0.0.1 port 8123: PermissionError. Pass another --port (0 picks a free one) or a --host "
        "that is an address of this machine."
    )


def test_quiet_logs_installs_its_filters_while_serving_and_removes_them_after() -> None:
    names = ("asyncio", "uvicorn.error", "polytomic_mcp.http", "uvicorn.access", "mcp.server.streamable_http")
    before = {name: list(logging.getLogger(name).filters) for name in names}
    with quiet_logs():
        during = {name: len(logging.getLogger(name).filters) - len(before[name]) for name in names}
    assert during == {**dict.fromkeys(names, 1), "mcp.server.streamable_http": 2}  # the hang-up and the noise
    assert {name: list(logging.getLogger(name).filters) for name in names} == before


@pytest.mark.parametrize(
    ("configured", "open_files", "cap", "backlog"),
    [
        (1000, None, 1000, 2048),
        (1000, 1_048_576, 1000, 2048),
        (1000, 1024, 496, 124),
        (1000, 256, 112, 28),
        (1000, 128, 48, 12),
        (10, 128, 10, 21),
        (1000, 34, 1, 1),
    ],
)
def test_the_cap_and_the_backlog_fit_the_open_files_limit(
    configured: int, open_files: int | None, cap: int, backlog: int
) -> None:
    assert connection_cap(HttpOptions(max_connections=configured), open_files) == cap
    assert listen_backlog(cap, open_files) == backlog


def test_the_open_files_limit_is_the_soft_one_and_none_when_unlimited(monkeypatch: pytest.MonkeyPatch) -> None:
    import resource

    assert open_files_limit() == resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    monkeypatch.setattr(resource, "getrlimit", lambda _: (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    assert open_files_limit() is None


@pytest.mark.parametrize("open_files", [128, None])
def test_uvicorn_gets_the_guarded_protocol_with_the_limits_and_says_so(
    open_files: int | None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(http_module, "open_files_limit", lambda: open_files)
    options = HttpOptions(idle_timeout=2, header_timeout=3.5, body_timeout=4)
    with caplog.at_level(logging.INFO, logger="polytomic_mcp.http"):
        config = uvicorn_config(build_app(SHARED, options), options)
    protocol = config.http
    assert isinstance(protocol, type) and issubclass(protocol, GuardedProtocol)
    assert protocol.__name__ == "GuardedProtocol"  # how asyncio's error lines name a connection's protocol
    assert protocol.options == options and protocol.cap == (48 if open_files else 1000)
    assert config.backlog == (12 if open_files else 2048)
    lowered = ", lowered from POLYTOMIC_HTTP_MAX_CONNECTIONS=1000 to fit the open-files limit" if open_files else ""
    assert [r.getMessage() for r in caplog.records] == [
        f"Holding at most {protocol.cap} connections{lowered}; waiting at most 2 s for a request to begin, 3.5 s "
        "for its headers, 4 s for its body"
    ]


def test_serve_http_serves_with_the_quiet_logs_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    def run(self: uvicorn.Server, sockets: list[socket.socket] | None = None) -> None:
        seen.append(any(isinstance(f, AccessPath) for f in logging.getLogger("uvicorn.access").filters))
        seen.append(isinstance(self.config.http, type) and issubclass(self.config.http, GuardedProtocol))

    monkeypatch.setattr(uvicorn.Server, "run", run)
    serve_http(SHARED, HttpOptions(port=0))
    assert seen == [True, True]
    assert not any(isinstance(f, AccessPath) for f in logging.getLogger("uvicorn.access").filters)


def test_the_connection_limits_are_read_from_the_environment() -> None:
    environ = {
        "POLYTOMIC_HTTP_MAX_CONNECTIONS": " 1 ",
        "POLYTOMIC_HTTP_IDLE_TIMEOUT": "0.5",
        "POLYTOMIC_HTTP_HEADER_TIMEOUT": "600",
        "POLYTOMIC_HTTP_BODY_TIMEOUT": "",
    }
    options = HttpOptions.checked(host="127.0.0.1", port=0, auth_mode="none", environ=environ)
    assert (options.max_connections, options.idle_timeout, options.header_timeout, options.body_timeout) == (
        1,
        0.5,
        600.0,
        30.0,
    )
    defaults = HttpOptions.checked(host="127.0.0.1", port=0, auth_mode="none")
    assert (defaults.max_connections, defaults.idle_timeout, defaults.header_timeout, defaults.body_timeout) == (
        1000,
        5.0,
        10.0,
        30.0,
    )


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("POLYTOMIC_HTTP_MAX_CONNECTIONS", "0", "from 1 to 100000, e.g. 1000."),
        ("POLYTOMIC_HTTP_MAX_CONNECTIONS", "100001", "from 1 to 100000, e.g. 1000."),
        ("POLYTOMIC_HTTP_MAX_CONNECTIONS", "-5", "from 1 to 100000, e.g. 1000."),
        ("POLYTOMIC_HTTP_IDLE_TIMEOUT", "0", "more than 0 and at most 600."),
        ("POLYTOMIC_HTTP_HEADER_TIMEOUT", "nan", "more than 0 and at most 600."),
        ("POLYTOMIC_HTTP_BODY_TIMEOUT", "soon", "a number, e.g. 30."),
    ],
)
def test_an_unusable_connection_limit_is_refused_at_start_up_naming_its_variable(
    name: str, value: str, message: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ConfigError):
        HttpOptions.checked(host="127.0.0.1", port=0, auth_mode="none", environ={name: value})
    monkeypatch.setenv(name, value)
    monkeypatch.setattr(http_module, "serve_http", lambda *_: pytest.fail("a refused configuration was served"))
    assert main(["serve", "--transport", "http", "--sandbox"]) == 2
    assert capsys.readouterr().err == f"polytomic-mcp: {name} must be {message}\n".replace(
        "must be from", "must be a whole number from"
    )


def test_the_cli_hands_the_connection_limits_to_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[HttpOptions] = []
    monkeypatch.setenv("POLYTOMIC_HTTP_BODY_TIMEOUT", "7")
    monkeypatch.setattr(http_module, "serve_http", lambda _, options, network: served.append(options))
    assert main(["serve", "--transport", "http", "--sandbox", "--port", "0"]) == 0
    assert [options.body_timeout for options in served] == [7.0]


# On a real port in a child process, under a lowered open-files limit.

SLOW_ENV = {"POLYTOMIC_MCP_TOKEN": TOKEN, "POLYTOMIC_HTTP_IDLE_TIMEOUT": "1", "POLYTOMIC_HTTP_HEADER_TIMEOUT": "1",
            "POLYTOMIC_HTTP_BODY_TIMEOUT": "1"}  # fmt: skip
PATIENT_ENV = {"POLYTOMIC_MCP_TOKEN": TOKEN, "POLYTOMIC_HTTP_IDLE_TIMEOUT": "600",
               "POLYTOMIC_HTTP_HEADER_TIMEOUT": "600", "POLYTOMIC_HTTP_BODY_TIMEOUT": "600"}  # fmt: skip


@pytest.fixture(scope="module")
def strict() -> Iterator[Served]:
    """A shared-token server that waits a second for anything a client sends, at most 128 open files."""
    with serving("--sandbox", "--auth", "shared", env=SLOW_ENV, open_files=128) as served:
        yield served


@pytest.fixture(scope="module")
def crowded() -> Iterator[Served]:
    """A shared-token server that waits ten minutes for anything a client sends, at most 128 open files: only the
    connection cap stands between slow clients and its descriptors."""
    with serving("--sandbox", "--auth", "shared", env=PATIENT_ENV, open_files=128) as served:
        yield served


def port_of(served: Served) -> int:
    return httpx.URL(served.url).port or 0


async def status_when_closed(port: int, opening: bytes, drip: bytes = b"") -> int | None:
    """Send `opening`, then `drip` five times a second, until the server closes the connection; the status of the
    first answer it sent (None: none)."""
    async with await anyio.connect_tcp(LOOPBACK, port) as stream:
        await stream.send(opening)
        async with anyio.create_task_group() as group:

            async def dripping() -> None:
                with contextlib.suppress(*CLOSED):
                    while drip:
                        await anyio.sleep(0.2)
                        await stream.send(drip)

            group.start_soon(dripping)
            answer = await read_until_closed(stream)
            group.cancel_scope.cancel()
    return status_of(answer)


@pytest.mark.child_process
async def test_silent_slow_and_idle_clients_are_closed_by_the_server_with_408_once_a_request_has_begun(
    strict: Served,
) -> None:
    port = port_of(strict)
    host = f"Host: 127.0.0.1:{port}\r\n".encode()
    token = f"Authorization: Bearer {TOKEN}\r\n".encode()
    kinds = {
        "silent": (b"", b""),
        "half a request line": (b"POST /mcp HT", b""),
        "headers a byte at a time": (b"POST /mcp HTTP/1.1\r\n" + host, b"X"),
        "body a byte at a time": (
            b"POST /mcp HTTP/1.1\r\n" + host + token + b"Content-Type: application/json\r\n"
            b"Accept: application/json\r\nContent-Length: 100000\r\n\r\n{",
            b" ",
        ),
        "kept alive after an answer": (b"GET /healthz HTTP/1.1\r\n" + host + b"\r\n", b""),
        "a GET stream": (b"GET /mcp HTTP/1.1\r\n" + host + token + b"Accept: text/event-stream\r\n\r\n", b""),
    }
    got: dict[str, int | None] = {}

    async def client(kind: str, opening: bytes, drip: bytes) -> None:
        got[kind] = await status_when_closed(port, opening, drip)

    async with anyio.create_task_group() as group:
        for kind, (opening, drip) in kinds.items():
            group.start_soon(client, kind, opening, drip)
    assert got == {
        "silent": None,
        "half a request line": 408,
        "headers a byte at a time": 408,
        "body a byte at a time": 408,
        "kept alive after an answer": 200,
        "a GET stream": 405,
    }
    assert not any("Traceback" in line or " ERROR " in line for line in strict.log)


@pytest.mark.child_process
async def test_at_128_open_files_callers_are_answered_while_150_sockets_hold_half_sent_requests(
    crowded: Served,
) -> None:
    logged = len(crowded.log)
    sockets: list[socket.socket] = []
    try:
        for _ in range(150):
            sockets.append(socket.create_connection((LOOPBACK, port_of(crowded)), timeout=30))
            sockets[-1].sendall(b"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        async with httpx.AsyncClient(timeout=30) as http:
            health = await http.get(f"{crowded.base}/healthz")
            listed = await http.post(crowded.url, json=TOOLS_LIST, headers=AUTHORIZED)
            called = await http.post(crowded.url, json=LIST_CONNECTIONS, headers=AUTHORIZED)
    finally:
        for sock in sockets:
            sock.close()
    assert health.status_code == 200 and health.json() == {"status": "ok"}
    assert listed.status_code == 200 and len(listed.json()["result"]["tools"]) == 4
    assert called.status_code == 200 and not called.json()["result"].get("isError")
    new = crowded.log[logged:]
    assert not [line for line in new if "Too many open files" in line or "Traceback" in line or " ERROR " in line]
    assert 1 <= sum(CAP_REACHED in line for line in new) <= 2  # one line per 10 s, however many were closed


def test_the_sdk_s_terminating_session_none_line_is_not_logged_for_each_stateless_request(
    caplog: pytest.LogCaptureFixture,
) -> None:
    sdk = logging.getLogger("mcp.server.streamable_http")
    with quiet_logs(), caplog.at_level(logging.INFO, logger="mcp.server.streamable_http"):
        sdk.info("Terminating session: %s", None)
        sdk.info("Terminating session: %s", "abc123")
    assert [r.getMessage() for r in caplog.records] == ["Terminating session: abc123"]


async def test_an_allowed_origin_gets_cors_for_its_preflight_and_its_answers_and_others_get_none() -> None:
    allowed, other = "http://localhost:5173", "https://evil.example"
    ask = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type"}
    async with (
        app_running(SHARED) as app,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1:8000") as http,
    ):
        granted = await http.options("/mcp", headers={"Origin": allowed, **ask})
        refused = await http.options("/mcp", headers={"Origin": other, **ask})
        answered = await http.post("/mcp", json=TOOLS_LIST, headers={**AUTHORIZED, "Origin": allowed})
        foreign = await http.post("/mcp", json=TOOLS_LIST, headers={**AUTHORIZED, "Origin": other})
        plain = await http.post("/mcp", json=TOOLS_LIST, headers=AUTHORIZED)
    assert granted.status_code == 204
    assert granted.headers["access-control-allow-origin"] == allowed
    assert granted.headers["access-control-allow-methods"] == "POST"
    assert {"authorization", "content-type", "mcp-protocol-version"} <= {
        h.strip() for h in granted.headers["access-control-allow-headers"].split(",")
    }
    assert refused.status_code == 405 and "access-control-allow-origin" not in refused.headers
    assert answered.status_code == 200 and answered.headers["access-control-allow-origin"] == allowed
    assert answered.headers["vary"] == "Origin"
    assert foreign.status_code == 403 and "access-control-allow-origin" not in foreign.headers
    assert plain.status_code == 200 and "access-control-allow-origin" not in plain.headers
