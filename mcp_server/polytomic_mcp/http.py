"""Serving the MCP server over streamable HTTP: stateless with JSON responses (any replica answers any request),
bearer authentication through the SDK's token verification, Host/Origin checks through its transport security.

    shared       callers present POLYTOMIC_MCP_TOKEN; the server calls Polytomic with its own credential
    passthrough  each caller's bearer token is their own Polytomic API key, used for their calls only
    none         loopback only: nobody is authenticated

Hostile input at the connection level is bounded too: a deadline on whatever the server waits for from a client
(`GuardedProtocol`), a cap on connections held at once, only POST on /mcp (`McpDoor`), Host/Origin port wildcards
that match port numbers only, and logs that a client cannot flood or fill with its secrets (`quiet_logs`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import math
import re
import sys
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import TYPE_CHECKING, ClassVar, Literal

import h11
import uvicorn
from mcp.server import MCPServer
from mcp.server.auth.provider import AccessToken, TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.transport_security import TransportSecuritySettings
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from . import logs, metrics, tracing
from .fingerprints import credential_fingerprint
from .server import build_server
from .settings import (
    ENV_HTTP_MAX_CONNECTIONS,
    ENV_METRICS,
    ENV_METRICS_TOKEN,
    ConfigError,
    HttpOptions,
    Settings,
    is_loopback,
)
from .sockets import bind, url_of
from .upstream import Resolver

if TYPE_CHECKING:
    import httpx

logger = logging.getLogger("polytomic_mcp")
connection_logger = logging.getLogger("polytomic_mcp.http")  # the connection cap and limits

MCP_PATH = "/mcp"
HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"
GRACEFUL_SHUTDOWN_SECONDS = 30
LOOPBACK_HOSTS = ("127.0.0.1:*", "localhost:*", "[::1]:*", "127.0.0.1", "localhost", "[::1]")
LOOPBACK_ORIGINS = ("http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*")
_PLAUSIBLE_KEY = re.compile(r"^[\x21-\x7e]{8,512}$")  # printable ASCII without spaces, bounded
_PORT = re.compile(r"[1-9][0-9]{0,4}")  # a port number as a Host or Origin carries it (1-65535, checked below)
# Descriptors kept for the process itself (listening socket, event loop, logs, imports); of the rest, every
# connection may need a second one for its call to Polytomic, hence at most half of them for connections.
RESERVED_DESCRIPTORS = 32
MAX_BACKLOG = 2048
LOG_INTERVAL = 10.0  # seconds: at most one line of each kind a client can cause over and over
ACCEPT_ERROR = "socket.accept() out of system resource"  # asyncio's line when descriptors run out
CAP_REACHED = "Connection cap reached"
TOO_MANY = (
    b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n"
    b"retry-after: 1\r\ncontent-length: 19\r\n\r\nService Unavailable"
)
TOO_SLOW = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n"
    b"content-length: 15\r\n\r\nRequest Timeout"
)


class SharedTokenVerifier(TokenVerifier):
    """Accepts exactly the one shared token (compared in constant time)."""

    def __init__(self, token: str) -> None:
        self._token = token.encode()

    async def verify_token(self, token: str) -> AccessToken | None:
        if hmac.compare_digest(token.encode(), self._token):
            return AccessToken(token=token, client_id="shared", scopes=[])
        return None


class PassthroughTokenVerifier(TokenVerifier):
    """Accepts any plausible Polytomic API key; Polytomic itself decides what that key may see. The operator's
    `/metrics` token is not a key: refused here, it is never sent to Polytomic."""

    def __init__(self, metrics_token: str | None = None) -> None:
        self._metrics_token = metrics_token.encode() if metrics_token else None

    async def verify_token(self, token: str) -> AccessToken | None:
        if not _PLAUSIBLE_KEY.match(token):
            return None
        if self._metrics_token is not None and hmac.compare_digest(token.encode(), self._metrics_token):
            return None
        # The client id names the credential without revealing it (a per-process keyed hash).
        return AccessToken(token=token, client_id=f"key-{credential_fingerprint(token)[:16]}", scopes=[])


def token_verifier(settings: Settings, metrics_token: str | None = None) -> TokenVerifier | None:
    if settings.auth_mode == "shared":
        if not settings.mcp_token:
            raise ValueError("shared auth needs settings.mcp_token")
        return SharedTokenVerifier(settings.mcp_token)
    if settings.auth_mode == "passthrough":
        return PassthroughTokenVerifier(metrics_token)
    return None


def transport_security(options: HttpOptions) -> TransportSecuritySettings:
    """DNS-rebinding protection on every bind address (the SDK enables it by itself only on loopback): loopback
    Host and Origin values, the bound address itself when it is a concrete one, and whatever was configured."""
    hosts = list(LOOPBACK_HOSTS)
    if not is_loopback(options.host) and options.host not in ("0.0.0.0", "::"):
        literal = f"[{options.host}]" if ":" in options.host else options.host
        hosts += [literal, f"{literal}:*"]
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=[*hosts, *options.allowed_hosts],
        allowed_origins=[*LOOPBACK_ORIGINS, *options.allowed_origins],
    )


def port_exact(value: str, allowed: Sequence[str]) -> bool:
    """Whether a Host or Origin value is allowed: equal to an allowed one, or `X:PORT` for an allowed `X:*` where PORT
    is a port number (1-65535) and nothing else. The SDK's own check accepts any value that starts with `X:`."""
    if value in allowed and not value.endswith(":*"):
        return True
    base, _, port = value.rpartition(":")
    return bool(_PORT.fullmatch(port)) and int(port) <= 65535 and f"{base}:*" in allowed


class McpDoor:
    """In front of everything on /mcp, authentication included: only POST is served there (stateless JSON answers
    leave nothing to send on a GET stream, and there is no session to DELETE), so any other method gets 405 with
    `Allow: POST` whoever asks; then the Host and Origin port wildcards match port numbers only (421, 403, as the
    SDK's own check answers, which still runs after this one)."""

    def __init__(self, app: ASGIApp, security: TransportSecuritySettings) -> None:
        self.app = app
        self.security = security

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != MCP_PATH:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        # CORS for the allowed origins only (--allowed-origin and loopback): a browser page there may call /mcp.
        cors = origin is not None and port_exact(origin, self.security.allowed_origins)
        if cors and scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            await Response(status_code=204, headers=preflight(str(origin)))(scope, receive, send)
            return
        refusal = self.refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
        elif cors:
            await self.app(scope, receive, with_cors(send, str(origin)))
        else:
            await self.app(scope, receive, send)

    def refusal(self, scope: Scope) -> Response | None:
        if scope["method"] != "POST":
            return PlainTextResponse("Method Not Allowed", status_code=405, headers={"Allow": "POST"})
        headers = Headers(scope=scope)
        host, origin = headers.get("host"), headers.get("origin")  # absent: the SDK decides (no Host: 421)
        if host is not None and not port_exact(host, self.security.allowed_hosts):
            return Response("Invalid Host header", status_code=421)
        if origin is not None and not port_exact(origin, self.security.allowed_origins):
            return Response("Invalid Origin header", status_code=403)
        return None


CORS_REQUEST_HEADERS = "authorization, content-type, accept, mcp-protocol-version, mcp-session-id, last-event-id"


def preflight(origin: str) -> dict[str, str]:
    """The answer to a browser's preflight from an allowed origin: POST with the headers MCP clients send."""
    return {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": "POST",
        "Access-Control-Allow-Headers": CORS_REQUEST_HEADERS,
        "Access-Control-Max-Age": "600",
        "Vary": "Origin",
    }


def with_cors(send: Send, origin: str) -> Send:
    """`send`, with the response headers that let a page at `origin` (an allowed one) read the answer."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            extra = [(b"access-control-allow-origin", origin.encode("latin-1")), (b"vary", b"Origin"),
                     (b"access-control-expose-headers", b"mcp-session-id")]  # fmt: skip
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return sending


class RequestIds:
    """Gives each HTTP request an id that every log line it causes carries, and returns it as `X-Request-Id`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with logs.request() as request_id:

            async def sending(message: Message) -> None:
                if message["type"] == "http.response.start":
                    header = (logs.REQUEST_ID_HEADER.lower().encode("latin-1"), request_id.encode("latin-1"))
                    message = {**message, "headers": [*message.get("headers", []), header]}
                await send(message)

            await self.app(scope, receive, sending)


async def healthz(_: Request) -> Response:
    """For load balancers: the process is up and serving (it calls nothing upstream)."""
    return JSONResponse({"status": "ok"})


def metrics_endpoint(
    recorder: metrics.PrometheusRecorder, token: str | None
) -> Callable[[Request], Awaitable[Response]]:
    """GET /metrics: the recorder's numbers in Prometheus's text format, to a bearer of `token` (anyone if None)."""
    expected = f"Bearer {token}".encode() if token is not None else None

    async def serve_metrics(request: Request) -> Response:
        given = request.headers.get("authorization", "").encode()
        if expected is not None and not hmac.compare_digest(given, expected):
            return JSONResponse(
                {"error": "invalid_token", "error_description": "Authentication required"},
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        body, content_type = recorder.exposition()
        return Response(body, media_type=content_type)

    return serve_metrics


def metrics_token(settings: Settings, options: HttpOptions) -> str | None:
    """The bearer token /metrics asks for: its own, else (protected) the one /mcp asks for in shared mode; None for
    nobody's (public, or protected on a loopback server that authenticates nobody)."""
    if options.metrics == "public":
        return None
    return options.metrics_token or settings.mcp_token


def serves_metrics(settings: Settings, options: HttpOptions) -> bool:
    """Whether /metrics is served: unless off, or protected in passthrough mode without a token of its own (callers'
    tokens there are their own Polytomic keys, which cannot open it)."""
    if options.metrics == "protected" and settings.auth_mode == "passthrough" and options.metrics_token is None:
        logger.info("Not serving %s: with --auth passthrough it needs %s (or %s=public)", METRICS_PATH,
                    ENV_METRICS_TOKEN, ENV_METRICS)  # fmt: skip
        return False
    return options.metrics != "off"


def build_http_server(
    settings: Settings, options: HttpOptions | None = None, network: httpx.AsyncBaseTransport | None = None
) -> MCPServer[Resolver]:
    """The MCP server behind /mcp: bearer checks for the auth mode, /healthz, and /metrics unless off. Requests to
    Polytomic go over `network` (see build_server)."""
    options = options or HttpOptions()
    verifier = token_verifier(settings, options.metrics_token)
    auth = None
    if verifier is not None:
        # Resource-server-only bearer checks: no authorization server, no protected-resource metadata route
        # (resource_server_url=None). The issuer is where the tokens come from: Polytomic for passthrough.
        issuer = settings.base_url if settings.auth_mode == "passthrough" else "https://polytomic-mcp.invalid"
        auth = AuthSettings(issuer_url=issuer, resource_server_url=None)  # type: ignore[arg-type]
    recorder: metrics.Recorder = metrics.NOTHING
    if serves_metrics(settings, options):
        from .tools import TOOLS

        recorder = metrics.PrometheusRecorder(spec.name for spec in TOOLS)
    server = build_server(settings, network=network, token_verifier=verifier, auth=auth, recorder=recorder)
    server.custom_route(HEALTH_PATH, methods=["GET"], include_in_schema=False)(healthz)
    if isinstance(recorder, metrics.PrometheusRecorder):
        endpoint = metrics_endpoint(recorder, metrics_token(settings, options))
        server.custom_route(METRICS_PATH, methods=["GET"], include_in_schema=False)(endpoint)
    return server


def build_app(settings: Settings, options: HttpOptions, network: httpx.AsyncBaseTransport | None = None) -> Starlette:
    """The ASGI app: POST /mcp (stateless, JSON responses), GET /healthz and (unless off) GET /metrics."""
    security = transport_security(options)
    app = build_http_server(settings, options, network).streamable_http_app(
        streamable_http_path=MCP_PATH,
        stateless_http=True,
        json_response=True,
        transport_security=security,
    )
    app.add_middleware(McpDoor, security=security)
    app.add_middleware(tracing.TraceContext)  # a caller's traceparent parents the spans of its request
    app.add_middleware(RequestIds)  # outermost: every answer, a refusal too, names its request
    return app


Waiting = Literal["idle", "headers", "body", "reading"]


class GuardedProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline on whatever the server is waiting for from the client, and a cap on
    the connections held at once (uvicorn's own keep-alive timeout covers only a connection that has been answered
    once, and stops counting at its next byte).

        idle     nothing of the next request yet (new, or kept alive): closed after `idle_timeout`
        headers  part of a request line or its headers: 408 and closed `header_timeout` after the first byte
        body     the headers, not yet the whole body: 408 (unless answered) and closed `body_timeout` after them
        reading  an answer the client has stopped reading (the send buffer is full): dropped after `body_timeout`

    More bytes never extend a deadline: a client that drips a byte a second gets no more time than a silent one.
    While a request is being answered there is none (the call deadline bounds the call). Beyond `cap`, a new
    connection closes the one that has waited longest for its client (the idle and the slow go first, and
    legitimate callers, who send at once, get in); if every connection is being answered it gets a 503 at once.
    """

    options: ClassVar[HttpOptions] = HttpOptions()
    cap: ClassVar[int] = HttpOptions().max_connections
    waiting: Waiting | None = None  # what this connection waits for from its client
    since = 0.0  # when that wait started (loop time)
    deadline: asyncio.TimerHandle | None = None

    @classmethod
    def bound(cls, options: HttpOptions, cap: int) -> type[GuardedProtocol]:
        """The protocol class for one server: its limits."""
        return type("GuardedProtocol", (cls,), {"options": options, "cap": cap})

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        while len(self.connections) > self.cap:
            waiting = [c for c in self.connections if isinstance(c, GuardedProtocol) and c.waiting and c is not self]
            if not waiting:
                transport.write(TOO_MANY)
                self.close()
                connection_logger.warning("%s (%d): every connection is being answered; refused one", CAP_REACHED,
                                          self.cap)  # fmt: skip
                return
            min(waiting, key=lambda c: c.since).close()
            connection_logger.warning("%s (%d): closed the one waiting longest for its client", CAP_REACHED, self.cap)
        self.track()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self.track()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._unset_keepalive_if_required()  # uvicorn's keep-alive timer: the idle deadline replaces it
        self.track()

    def pause_writing(self) -> None:
        super().pause_writing()
        self.wait("reading")  # the client has stopped reading its answer: the answer waits for it

    def resume_writing(self) -> None:
        super().resume_writing()
        self.track()

    def connection_lost(self, exc: Exception | None) -> None:
        self.wait(None)
        super().connection_lost(exc)

    def track(self) -> None:
        """Start the deadline of what the connection now waits for (keep it if that has not changed)."""
        state = self.conn.their_state
        if self.transport.is_closing():
            self.wait(None)
        elif self.flow.write_paused:
            self.wait("reading")
        elif state is h11.SEND_BODY:
            self.wait("body")
        elif state is h11.IDLE:
            self.wait("headers" if self.conn.trailing_data[0] else "idle")
        else:
            self.wait(None)  # the request is complete: it is being answered

    def wait(self, waiting: Waiting | None) -> None:
        if waiting == self.waiting:
            return
        if self.deadline is not None:
            self.deadline.cancel()
            self.deadline = None
        self.waiting = waiting
        if waiting is not None:
            self.since = self.loop.time()
            seconds = {"idle": self.options.idle_timeout, "headers": self.options.header_timeout}.get(
                waiting,
                self.options.body_timeout,  # a body to receive, or an answer to be read
            )
            self.deadline = self.loop.call_later(seconds, self.expire)

    def expire(self) -> None:
        """The client took too long: a 408 if a request had begun and is not being answered, then close."""
        self.deadline = None
        if self.waiting in ("headers", "body") and self.conn.our_state in (h11.IDLE, h11.SEND_RESPONSE):
            self.transport.write(TOO_SLOW)
        self.close()

    def close(self) -> None:
        """Close now, and free the connection's place at once (uvicorn forgets it only once the socket is closed)."""
        self.wait(None)
        self.connections.discard(self)
        if self.cycle is not None and not self.cycle.response_complete:
            self.cycle.disconnected = True  # the app reads a disconnect and can send nothing more
            self.cycle.message_event.set()
        if self.transport.get_write_buffer_size():
            self.transport.abort()  # the client is not reading: a close would wait for it to, for ever
        else:
            self.transport.close()


def connection_cap(options: HttpOptions, open_files: int | None) -> int:
    """How many connections to hold at once: the configured number, lowered so that they and their calls to
    Polytomic fit the open-files limit (None: unlimited)."""
    if open_files is None:
        return options.max_connections
    return max(1, min(options.max_connections, (open_files - RESERVED_DESCRIPTORS) // 2))


def listen_backlog(cap: int, open_files: int | None) -> int:
    """The listen backlog, which is also how many connections asyncio accepts in one go, before any of them reaches
    the cap (which then closes some): a quarter of the descriptors left over, since about three such batches are
    open at once while a burst is being accepted. More, and a burst of connections runs the process out of
    descriptors (asyncio then stops accepting anyone for a second)."""
    if open_files is None:
        return MAX_BACKLOG
    return max(1, min(MAX_BACKLOG, (open_files - RESERVED_DESCRIPTORS - cap) // 4))


def open_files_limit() -> int | None:
    """The soft limit on this process's open descriptors; None when unlimited."""
    import resource

    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return None if soft == resource.RLIM_INFINITY else soft


class Throttle(logging.Filter):
    """Lets through one record that starts with `prefix` per `interval` seconds, as one line (with the exception's
    message, without its traceback) that counts those held back since; passes every other record unchanged."""

    def __init__(self, prefix: str, interval: float = LOG_INTERVAL, clock: Callable[[], float] = time.monotonic):
        super().__init__()
        self.prefix, self.interval, self.clock = prefix, interval, clock
        self.next_at = -math.inf
        self.held = 0

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.startswith(self.prefix):
            return True
        now = self.clock()
        if now < self.next_at:
            self.held += 1
            return False
        line = message.splitlines()[0]
        if record.exc_info and record.exc_info[1] is not None:
            line += f": {record.exc_info[1]}"
        if self.held:
            line += f" ({self.held} more not logged)"
        record.msg, record.args, record.exc_info, record.exc_text = line, None, None, None
        self.next_at, self.held = now + self.interval, 0
        return True


class AccessPath(logging.Filter):
    """uvicorn's access line without the query string, where a client may have put a token."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (args[0], args[1], args[2].partition("?")[0], args[3], args[4])
        return True


class HungUp(logging.Filter):
    """A client that hangs up before its request body is complete (or is cut off by the body deadline) costs one
    DEBUG line, not the SDK's ERROR with a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not (record.exc_info and isinstance(record.exc_info[1], ClientDisconnect)):
            return True
        record.msg, record.args, record.exc_info, record.exc_text = (
            "A client hung up before its request body was complete", None, None, None
        )  # fmt: skip
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)


class Dropped(logging.Filter):
    """Drops one exact line that says nothing (the SDK's INFO line for each stateless request's non-session)."""

    def __init__(self, line: str) -> None:
        super().__init__()
        self.line = line

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != self.line


@contextlib.contextmanager
def quiet_logs() -> Iterator[None]:
    """While serving: what clients can cause over and over is logged at most once per LOG_INTERVAL, a hang-up in
    one line, and no query string."""
    filters: list[tuple[str, logging.Filter]] = [
        ("asyncio", Throttle(ACCEPT_ERROR)),  # asyncio logs this for every accept() it retries: thousands a second
        ("uvicorn.error", Throttle("Invalid HTTP request received.")),
        ("polytomic_mcp.http", Throttle(CAP_REACHED)),
        ("uvicorn.access", AccessPath()),
        ("mcp.server.streamable_http", HungUp()),
        ("mcp.server.streamable_http", Dropped("Terminating session: None")),  # every stateless request says it
    ]
    for name, log_filter in filters:
        logging.getLogger(name).addFilter(log_filter)
    try:
        yield
    finally:
        for name, log_filter in filters:
            logging.getLogger(name).removeFilter(log_filter)


def uvicorn_config(app: ASGIApp, options: HttpOptions) -> uvicorn.Config:
    """How uvicorn serves `app`: our logging, our protocol and its limits, no proxy headers, no Server header."""
    open_files = open_files_limit()
    cap = connection_cap(options, open_files)
    lowered = f", lowered from {ENV_HTTP_MAX_CONNECTIONS}={options.max_connections} to fit the open-files limit"
    connection_logger.info(
        "Holding at most %d connections%s; waiting at most %g s for a request to begin, %g s for its headers, "
        "%g s for its body", cap, lowered if cap < options.max_connections else "", options.idle_timeout,
        options.header_timeout, options.body_timeout,
    )  # fmt: skip
    return uvicorn.Config(
        app,
        log_config=None,  # our stderr logging; access lines carry method, path and status only
        lifespan="on",
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        proxy_headers=False,
        server_header=False,
        http=GuardedProtocol.bound(options, cap),
        backlog=listen_backlog(cap, open_files),
    )


def serve_http(settings: Settings, options: HttpOptions, network: httpx.AsyncBaseTransport | None = None) -> None:
    """Serve until SIGINT/SIGTERM; then stop accepting, let in-flight calls finish, and exit.

    Prints `MCP over HTTP on <url>/mcp` to stderr once listening (with the bound port when --port 0)."""
    app = build_app(settings, options, network)
    try:
        sock = bind(options.host, options.port)
    except OSError as exc:  # in use, not an address of this machine, a name that does not resolve, no permission
        reason = exc.strerror or type(exc).__name__
        raise ConfigError(
            f"Cannot listen on {options.host} port {options.port}: {reason}. Pass another --port (0 picks a free one) "
            "or a --host that is an address of this machine."
        ) from None
    server = uvicorn.Server(uvicorn_config(app, options))
    security = transport_security(options)  # never empty: the loopback names are always accepted
    with sock, quiet_logs():
        print(f"MCP over HTTP on {url_of(options.host, sock)}{MCP_PATH} (auth: {settings.auth_mode})",
              file=sys.stderr, flush=True)  # fmt: skip
        logger.info("Accepting Host %s and Origin %s", ", ".join(security.allowed_hosts),
                    ", ".join(security.allowed_origins))  # fmt: skip
        server.run(sockets=[sock])
