"""The server over streamable HTTP: its ASGI app in process (bearer checks, Host and Origin checks, health, what
`serve_http` hands to uvicorn), and on real loopback ports in child processes through real MCP clients (those tests
are marked `child_process`)."""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.server.auth.provider import AccessToken
from mcp.server.auth.settings import AuthSettings
from mcp.types import PromptReference
from starlette.applications import Starlette

from polytomic_mcp.cli import main
from polytomic_mcp.errors import CALLER_CREDENTIALS_REFUSED
from polytomic_mcp.http import (
    PassthroughTokenVerifier,
    SharedTokenVerifier,
    build_http_server,
    serve_http,
    token_verifier,
    transport_security,
)
from polytomic_mcp.sandbox import DEFAULT_API_KEY, SECOND_API_KEY, Sandbox, gate
from polytomic_mcp.sandbox.dataset import GLOBEX_HUBSPOT, GLOBEX_LINKEDIN_ADS, HUBSPOT, SALESFORCE, WAREHOUSE
from polytomic_mcp.sandbox.serve import running
from polytomic_mcp.settings import HttpOptions, Settings
from polytomic_mcp.upstream import credential_fingerprint

from .support import call_error, call_ok, sandbox_app

pytestmark = pytest.mark.anyio

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "team-token-0123456789abcdef0123456789abcdef"
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}},
}
MCP_HEADERS = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}


# In process: the ASGI app that `serve_http` serves, driven through httpx's ASGI transport with its lifespan running
# (the stateless session manager starts there), over the built-in sandbox API.

BASE = "http://127.0.0.1:8000"
SHARED = Settings(sandbox=True, auth_mode="shared", mcp_token=TOKEN)
PASSTHROUGH = Settings(sandbox=True, auth_mode="passthrough")
SHARED_OPTIONS = HttpOptions.checked(
    host="127.0.0.1",
    port=0,
    auth_mode="shared",
    allowed_hosts=["mcp.example.com"],
    allowed_origins=["https://app.example.com/"],
)
TOOLS_LIST = {"jsonrpc": "2.0", "id": 2, "method": "tools/list", "params": {}}


@contextlib.asynccontextmanager
async def app_running(settings: Settings, options: HttpOptions = SHARED_OPTIONS) -> AsyncIterator[Starlette]:
    app = sandbox_app(settings, options)
    async with app.router.lifespan_context(app):
        yield app


async def post(
    app: Starlette, headers: dict[str, str] | None = None, body: dict[str, Any] = INITIALIZE
) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as http:
        return await http.post("/mcp", json=body, headers={**MCP_HEADERS, **(headers or {})})


@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token", f"Bearer {TOKEN}x", f"Basic {TOKEN}", "Bearer"])
async def test_without_the_shared_token_a_request_gets_401(authorization: str | None) -> None:
    async with app_running(SHARED) as app:
        response = await post(app, {"Authorization": authorization} if authorization else {})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer ")
    assert response.json()["error"] == "invalid_token"


async def test_with_the_shared_token_a_client_lists_and_calls_the_tools_and_gets_json_answers() -> None:
    async with app_running(SHARED) as app:
        response = await post(app, {"Authorization": f"Bearer {TOKEN}"})
        async with mcp_client(f"{BASE}/mcp", TOKEN, httpx2.ASGITransport(app=app)) as client:
            names = {tool.name for tool in (await client.list_tools()).tools}
            page = await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 3})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert response.json()["result"]["serverInfo"]["name"] == "polytomic"
    assert names == {"list_connections", "list_sync_targets", "get_target_creation_values", "get_sync_target_fields"}
    assert len(page["targets"]) == 3 and page["next_cursor"]


async def test_every_request_stands_alone_so_any_replica_can_answer_it() -> None:
    async with app_running(SHARED) as app:  # no initialize first, no session id: stateless
        headers = {"Authorization": f"Bearer {TOKEN}", "MCP-Protocol-Version": "2025-11-25"}
        response = await post(app, headers, TOOLS_LIST)
    assert response.status_code == 200, response.text
    assert "mcp-session-id" not in response.headers
    assert len(response.json()["result"]["tools"]) == 4


async def test_passthrough_calls_polytomic_with_each_callers_own_key() -> None:
    async with app_running(PASSTHROUGH) as app:
        transport = httpx2.ASGITransport(app=app)
        async with mcp_client(f"{BASE}/mcp", DEFAULT_API_KEY, transport) as acme:
            own = await call_ok(acme, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 1})
            foreign = await call_error(acme, "list_sync_targets", {"connection_id": GLOBEX_HUBSPOT, "limit": 1})
        async with mcp_client(f"{BASE}/mcp", SECOND_API_KEY, transport) as globex:
            theirs = await call_ok(globex, "list_sync_targets", {"connection_id": GLOBEX_HUBSPOT, "limit": 1})
            refused = await call_error(globex, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 1})
        async with mcp_client(f"{BASE}/mcp", "not-a-polytomic-key-123", transport) as stranger:
            wrong = await call_error(stranger, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 1})
    assert len(own["targets"]) == 1 and len(theirs["targets"]) == 1
    assert f"No connection {GLOBEX_HUBSPOT} in this Polytomic organization" in foreign
    assert f"No connection {SALESFORCE} in this Polytomic organization" in refused
    assert wrong == f"Error executing tool list_sync_targets: {CALLER_CREDENTIALS_REFUSED}"


@pytest.mark.parametrize("authorization", [None, "Bearer short", "Bearer has spaces in it"])
async def test_passthrough_refuses_a_bearer_token_that_cannot_be_an_api_key_with_401(authorization: str | None) -> None:
    async with app_running(PASSTHROUGH) as app:
        response = await post(app, {"Authorization": authorization} if authorization else {})
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Host": "evil.example.com"}, 421),
        ({"Host": "evil.example.com:80"}, 421),
        ({"Origin": "http://evil.example.com"}, 403),
        ({"Origin": "https://app.example.com.evil.example"}, 403),
        ({"Host": "mcp.example.com"}, 200),
        ({"Host": "localhost:8000"}, 200),
        ({"Host": "[::1]:8000"}, 200),
        ({"Host": "localhost"}, 200),
        ({"Origin": "https://app.example.com"}, 200),
        ({"Origin": "http://localhost:5173"}, 200),
        ({"Origin": "http://[::1]:5173"}, 200),
    ],
)
async def test_host_and_origin_are_checked_on_every_request(headers: dict[str, str], status: int) -> None:
    async with app_running(SHARED) as app:
        response = await post(app, {"Authorization": f"Bearer {TOKEN}", **headers})
    assert response.status_code == status, response.text


@pytest.mark.parametrize(
    ("host", "accepted", "refused"),
    [
        ("10.1.2.3", ["10.1.2.3", "10.1.2.3:8000", "127.0.0.1:8000"], ["10.1.2.4:8000", "0.0.0.0:8000"]),
        ("fd00::1", ["[fd00::1]", "[fd00::1]:8000"], ["fd00::1", "[fd00::2]:8000"]),
        ("0.0.0.0", ["127.0.0.1:8000"], ["0.0.0.0:8000", "10.1.2.3:8000"]),
        ("::", ["[::1]:8000"], ["[::]:8000", "::"]),
    ],
)
async def test_a_concrete_bind_address_is_an_accepted_host_and_a_wildcard_one_is_not(
    host: str, accepted: list[str], refused: list[str]
) -> None:
    options = HttpOptions.checked(host=host, port=8000, auth_mode="shared")
    async with app_running(SHARED, options) as app:
        for value in accepted:
            assert (await post(app, {"Authorization": f"Bearer {TOKEN}", "Host": value})).status_code == 200, value
        for value in refused:
            assert (await post(app, {"Authorization": f"Bearer {TOKEN}", "Host": value})).status_code == 421, value


def sent_headers(response: httpx.Response) -> list[tuple[bytes, bytes]]:
    """An answer's headers as the app sent them (names in the case it wrote them), its request id last and checked
    here, then left out (it is new for every request)."""
    *headers, (name, value) = response.headers.raw
    assert name == b"x-request-id" and re.fullmatch(rb"[0-9a-f]{16}", value), response.headers.raw
    return headers


async def test_a_refusal_on_mcp_says_in_its_body_what_was_refused_and_carries_nothing_but_its_request_id() -> None:
    authorized = {"Authorization": f"Bearer {TOKEN}"}
    async with (
        app_running(SHARED) as app,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as http,
    ):
        streamed = await http.get("/mcp", headers={**authorized, "Accept": "text/event-stream"})
        host = await post(app, {**authorized, "Host": "evil.example.com"})
        origin = await post(app, {**authorized, "Origin": "https://evil.example"})
    assert (streamed.status_code, sent_headers(streamed), streamed.content) == (
        405,
        [(b"allow", b"POST"), (b"content-length", b"18"), (b"content-type", b"text/plain; charset=utf-8")],
        b"Method Not Allowed",
    )
    assert (host.status_code, sent_headers(host), host.content) == (
        421,
        [(b"content-length", b"19")],
        b"Invalid Host header",
    )
    assert (origin.status_code, sent_headers(origin), origin.content) == (
        403,
        [(b"content-length", b"21")],
        b"Invalid Origin header",
    )


async def test_an_allowed_origin_s_preflight_and_answers_carry_exactly_the_cors_headers_named_in_lower_case() -> None:
    # ASGI wants header names in lower case; the CORS ones come after the answer's own, which are all kept.
    origin = "http://localhost:5173"
    cors = [(b"access-control-allow-origin", origin.encode()), (b"vary", b"Origin"),
            (b"access-control-expose-headers", b"mcp-session-id")]  # fmt: skip
    async with (
        app_running(SHARED) as app,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as http,
    ):
        preflight = await http.options("/mcp", headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
        answered = await post(app, {"Authorization": f"Bearer {TOKEN}", "Origin": origin}, TOOLS_LIST)
        unauthorized = await post(app, {"Origin": origin}, TOOLS_LIST)
    assert (preflight.status_code, sent_headers(preflight), preflight.content) == (
        204,
        [
            (b"access-control-allow-origin", origin.encode()),
            (b"access-control-allow-methods", b"POST"),
            (
                b"access-control-allow-headers",
                b"authorization, content-type, accept, mcp-protocol-version, mcp-session-id, last-event-id",
            ),
            (b"access-control-max-age", b"600"),
            (b"vary", b"Origin"),
        ],
        b"",
    )
    assert answered.status_code == 200 and len(answered.json()["result"]["tools"]) == 4
    assert sent_headers(answered) == [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(answered.content)).encode()),
        *cors,
    ]
    assert unauthorized.status_code == 401 and unauthorized.json()["error"] == "invalid_token"
    assert sent_headers(unauthorized) == [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(unauthorized.content)).encode()),
        (b"www-authenticate", b'Bearer error="invalid_token", error_description="Authentication required"'),
        *cors,
    ]


async def test_without_auth_on_loopback_anyone_local_is_served_but_other_hosts_are_not() -> None:
    async with app_running(Settings(sandbox=True), HttpOptions()) as app:
        local = await post(app)
        foreign = await post(app, {"Host": "mcp.example.com"})
    assert local.status_code == 200 and foreign.status_code == 421


async def test_healthz_answers_load_balancers_without_a_token_and_only_to_get() -> None:
    async with (
        app_running(SHARED) as app,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as http,
    ):
        response = await http.get("/healthz")
        posted = await http.post("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert response.headers["content-type"] == "application/json"
    assert posted.status_code == 405


@pytest.mark.parametrize(
    ("host", "extra"),
    [
        ("127.0.0.1", []),
        ("localhost", []),
        ("::1", []),
        ("0.0.0.0", []),
        ("::", []),
        ("10.1.2.3", ["10.1.2.3", "10.1.2.3:*"]),
        ("fd00::1", ["[fd00::1]", "[fd00::1]:*"]),
        ("mcp.example.com", ["mcp.example.com", "mcp.example.com:*"]),
    ],
)
def test_the_allowed_hosts_are_the_loopback_names_the_concrete_bind_address_and_the_configured_ones(
    host: str, extra: list[str]
) -> None:
    options = HttpOptions.checked(
        host=host,
        port=8000,
        auth_mode="shared",
        allowed_hosts=["mcp.example.com:443"],
        allowed_origins=["https://app.example.com"],
    )
    security = transport_security(options)
    loopback = ["127.0.0.1:*", "localhost:*", "[::1]:*", "127.0.0.1", "localhost", "[::1]"]
    assert security.enable_dns_rebinding_protection is True
    assert security.allowed_hosts == [*loopback, *extra, "mcp.example.com:443"]
    assert security.allowed_origins == [
        "http://127.0.0.1:*",
        "http://localhost:*",
        "http://[::1]:*",
        "https://app.example.com",
    ]


async def test_the_shared_verifier_accepts_exactly_the_shared_token() -> None:
    verifier = SharedTokenVerifier(TOKEN)
    assert await verifier.verify_token(TOKEN) == AccessToken(token=TOKEN, client_id="shared", scopes=[])
    for wrong in ("", TOKEN[:-1], TOKEN + "x", TOKEN.upper()):
        assert await verifier.verify_token(wrong) is None


async def test_the_passthrough_verifier_names_a_plausible_key_by_its_fingerprint_only() -> None:
    verifier = PassthroughTokenVerifier()
    key = "pk_live_" + "x" * 16
    assert await verifier.verify_token(key) == AccessToken(
        token=key, client_id=f"key-{credential_fingerprint(key)[:16]}", scopes=[]
    )
    for bounds in ("x" * 8, "x" * 512):
        assert await verifier.verify_token(bounds) is not None
    for implausible in ("x" * 7, "x" * 513, "has spaces in it", "tab\there-1234", "ключ-12345678"):
        assert await verifier.verify_token(implausible) is None


def test_each_auth_mode_gets_its_verifier_and_auth_settings() -> None:
    shared, passthrough, none = (
        build_http_server(Settings(sandbox=True, auth_mode="shared", mcp_token=TOKEN)),
        build_http_server(Settings(sandbox=True, auth_mode="passthrough", base_url="https://pt.example")),
        build_http_server(Settings(sandbox=True)),
    )
    assert isinstance(token_verifier(SHARED), SharedTokenVerifier)
    assert isinstance(token_verifier(PASSTHROUGH), PassthroughTokenVerifier)
    assert token_verifier(Settings(sandbox=True)) is None
    # Resource server only: no authorization-server routes, no protected-resource metadata.
    assert shared.settings.auth == AuthSettings(issuer_url="https://polytomic-mcp.invalid", resource_server_url=None)  # type: ignore[arg-type]
    assert passthrough.settings.auth == AuthSettings(issuer_url="https://pt.example", resource_server_url=None)  # type: ignore[arg-type]
    assert none.settings.auth is None


def test_shared_auth_without_its_token_is_a_programming_error_not_a_silent_open_door() -> None:
    with pytest.raises(ValueError, match=r"^shared auth needs settings\.mcp_token$"):
        token_verifier(Settings(sandbox=True, auth_mode="shared"))


async def test_serve_http_binds_prints_where_it_listens_and_hands_the_socket_to_uvicorn(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    import uvicorn

    served: list[tuple[uvicorn.Config, list[socket.socket], int]] = []

    def run(self: uvicorn.Server, sockets: list[socket.socket] | None = None) -> None:
        assert sockets is not None and sockets[0].getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)  # listening
        served.append((self.config, sockets, sockets[0].getsockname()[1]))

    monkeypatch.setattr(uvicorn.Server, "run", run)
    with caplog.at_level(logging.INFO, logger="polytomic_mcp"):
        serve_http(SHARED, SHARED_OPTIONS)
    [(config, [sock], port)] = served
    assert port != 0 and sock.fileno() == -1  # port 0 picked a free port; the socket is closed after serving
    assert capsys.readouterr().err == f"MCP over HTTP on http://127.0.0.1:{port}/mcp (auth: shared)\n"
    assert [r.getMessage() for r in caplog.records if r.name == "polytomic_mcp"] == [
        "Accepting Host 127.0.0.1:*, localhost:*, [::1]:*, 127.0.0.1, localhost, [::1], mcp.example.com and Origin "
        "http://127.0.0.1:*, http://localhost:*, http://[::1]:*, https://app.example.com"
    ]
    assert config.log_config is None and config.lifespan == "on" and config.timeout_graceful_shutdown == 30
    assert config.proxy_headers is False and config.server_header is False
    assert isinstance(config.app, Starlette)
    async with config.app.router.lifespan_context(config.app):  # the app for these settings and options
        assert (await post(config.app, {"Host": "mcp.example.com"})).status_code == 401
        assert (
            await post(config.app, {"Authorization": f"Bearer {TOKEN}", "Host": "mcp.example.com"})
        ).status_code == 200


@dataclass
class Served:
    url: str  # .../mcp
    process: subprocess.Popen[str]
    log: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return self.url.removesuffix("/mcp")


def _environment(extra: dict[str, str]) -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items() if not k.startswith("POLYTOMIC_")}
    return {**kept, **extra}


def _open_files_at_most(limit: int) -> Callable[[], None]:
    def lower() -> None:  # in the child, before it runs anything
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))

    return lower


@contextlib.contextmanager
def serving(*args: str, env: dict[str, str] | None = None, open_files: int | None = None) -> Iterator[Served]:
    """`polytomic-mcp serve --transport http --port 0 ARGS` in a child; yields its URL (read from its stderr).
    `open_files` lowers the child's open-files limit (soft and hard)."""
    command = [sys.executable, "-m", "polytomic_mcp", "serve", "--transport", "http", "--port", "0", *args]
    process = subprocess.Popen(
        command, cwd=ROOT, env=_environment(env or {}), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True, preexec_fn=None if open_files is None else _open_files_at_most(open_files),
    )  # fmt: skip
    assert process.stderr is not None
    stderr = process.stderr
    served = Served("", process)
    ready = threading.Event()

    def pump() -> None:
        for line in stderr:
            served.log.append(line)
            found = re.search(r"MCP over HTTP on (\S+)", line)
            if found:
                served.url = found.group(1)
                ready.set()
        ready.set()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        ready.wait(120)
        assert served.url, "the server did not start:\n" + "".join(served.log)
        yield served
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        reader.join(10)
        stderr.close()


@contextlib.asynccontextmanager
async def mcp_client(
    url: str, token: str | None, transport: httpx2.AsyncBaseTransport | None = None
) -> AsyncIterator[Client]:
    """A real MCP client over streamable HTTP, presenting `token` as its bearer token."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    extra: dict[str, Any] = {"transport": transport} if transport else {}
    async with (
        httpx2.AsyncClient(headers=headers, timeout=60, **extra) as http,
        Client(streamable_http_client(url, http_client=http)) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def shared() -> Iterator[Served]:
    """A shared-token server over the built-in sandbox, accepting one extra Host and Origin."""
    options = ("--sandbox", "--auth", "shared", "--allowed-host", "mcp.example.com",
               "--allowed-origin", "https://app.example.com")  # fmt: skip
    with serving(*options, env={"POLYTOMIC_MCP_TOKEN": TOKEN}) as served:
        yield served


async def post_initialize(url: str, **headers: str) -> httpx.Response:
    async with httpx.AsyncClient(timeout=60) as http:
        return await http.post(url, json=INITIALIZE, headers={**MCP_HEADERS, **headers})


@pytest.mark.child_process
async def test_with_the_shared_token_a_real_client_lists_and_calls_the_tools(shared: Served) -> None:
    assert (await post_initialize(shared.url, Authorization=f"Bearer {TOKEN}")).status_code == 200
    async with mcp_client(shared.url, TOKEN) as client:
        names = {tool.name for tool in (await client.list_tools()).tools}
        page = await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 3})
    assert {"list_sync_targets", "get_target_creation_values"} <= names
    assert len(page["targets"]) == 3 and page["next_cursor"]


@pytest.mark.child_process
async def test_a_real_client_with_a_wrong_token_cannot_connect(shared: Served) -> None:
    recorder = RoundRobin([httpx.URL(shared.url).port or 0])
    with pytest.raises(Exception):  # noqa: B017 - the SDK wraps "Server returned an error response" in a group
        async with mcp_client(shared.url, "wrong-token", recorder) as client:
            await client.list_tools()
    assert recorder.statuses and set(recorder.statuses) == {401}


@pytest.mark.child_process
async def test_a_served_port_checks_host_and_origin_and_answers_healthz(shared: Served) -> None:
    assert (
        await post_initialize(shared.url, Authorization=f"Bearer {TOKEN}", Host="evil.example.com")
    ).status_code == 421
    assert (
        await post_initialize(shared.url, Authorization=f"Bearer {TOKEN}", Host="mcp.example.com")
    ).status_code == 200
    async with httpx.AsyncClient() as http:
        response = await http.get(f"{shared.base}/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.fixture
def never_served(monkeypatch: pytest.MonkeyPatch) -> None:
    """A refused configuration must not reach a server (over HTTP or stdio)."""

    def served(*_: object) -> None:
        raise AssertionError("a refused configuration was served")

    monkeypatch.setattr("polytomic_mcp.http.serve_http", served)
    monkeypatch.setattr("polytomic_mcp.cli.serve", served)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "mcp.example.com"])
def test_a_non_loopback_bind_without_auth_is_refused_naming_the_fix(
    host: str, capsys: pytest.CaptureFixture[str], never_served: None
) -> None:
    assert main(["serve", "--transport", "http", "--host", host, "--sandbox"]) == 2
    assert capsys.readouterr().err == (
        f"polytomic-mcp: Refusing to listen on {host!r} without authentication: anyone who can reach it could use "
        "it. Pass --auth shared (callers present POLYTOMIC_MCP_TOKEN) or --auth passthrough (callers present their "
        "own Polytomic API key), or bind to 127.0.0.1.\n"
    )


@pytest.mark.parametrize(
    ("argv", "env", "message"),
    [
        (
            ["--auth", "shared", "--sandbox"],
            {},
            "--auth shared needs POLYTOMIC_MCP_TOKEN: the bearer token callers must present (at least 32 characters, "
            "e.g. from `openssl rand -hex 32`).",
        ),
        (
            ["--auth", "shared", "--sandbox"],
            {"POLYTOMIC_MCP_TOKEN": "short"},
            "POLYTOMIC_MCP_TOKEN must be at least 32 characters long.",
        ),
        (
            ["--auth", "shared"],
            {"POLYTOMIC_MCP_TOKEN": TOKEN},
            "No Polytomic credentials: set POLYTOMIC_API_KEY (an API key) or POLYTOMIC_BASIC_AUTH (user:password, the "
            "deployment key of an on-premises install), or run with --sandbox (or POLYTOMIC_SANDBOX=true) to use the "
            "built-in sandbox API.",
        ),
        (
            ["--allowed-origin", "https://app.example.com", "--allowed-origin", "app.example.com", "--sandbox"],
            {},
            "--allowed-origin 'app.example.com' must look like https://app.example.com[:port].",
        ),
        (
            ["--allowed-host", "mcp.example.com", "--allowed-host", "mcp.example.com/mcp", "--sandbox"],
            {},
            "--allowed-host 'mcp.example.com/mcp' must be a Host header value such as mcp.example.com.",
        ),
        (["--port", "70000", "--sandbox"], {}, "--port must be between 0 and 65535 (0 picks a free port)."),
        (["--host", "", "--sandbox"], {}, "--host must not be empty."),
    ],
)
def test_an_incomplete_http_configuration_is_refused_at_start_up(
    argv: list[str],
    env: dict[str, str],
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    never_served: None,
) -> None:
    for name in [name for name in os.environ if name.startswith("POLYTOMIC_")]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(["serve", "--transport", "http", *argv]) == 2
    assert capsys.readouterr().err == f"polytomic-mcp: {message}\n"


def test_auth_is_refused_over_stdio(capsys: pytest.CaptureFixture[str], never_served: None) -> None:
    assert main(["serve", "--auth", "shared", "--sandbox"]) == 2
    assert capsys.readouterr().err == (
        "polytomic-mcp: --auth applies to --transport http only (over stdio the caller is the local user).\n"
    )


class RoundRobin(httpx2.AsyncBaseTransport):
    """A load balancer in miniature: every request goes to the next replica in turn."""

    def __init__(self, ports: list[int]) -> None:
        self.ports = itertools.cycle(ports)
        self.served: Counter[int] = Counter()
        self.statuses: list[int] = []
        # As a real balancer must: drop an idle connection before the server's idle timeout (5 s) can, or a request
        # sent on it just as the server closes it fails with a read error.
        self.transport = httpx2.AsyncHTTPTransport(limits=httpx2.Limits(keepalive_expiry=2.0))

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        port = next(self.ports)
        self.served[port] += 1
        request.url = request.url.copy_with(port=port)
        response = await self.transport.handle_async_request(request)
        self.statuses.append(response.status_code)
        return response

    async def aclose(self) -> None:
        await self.transport.aclose()


@pytest.mark.child_process
async def test_two_replicas_serve_one_client_that_pages_the_whole_warehouse_listing() -> None:
    env = {"POLYTOMIC_MCP_TOKEN": TOKEN}
    with (
        serving("--sandbox", "--auth", "shared", env=env) as one,
        serving("--sandbox", "--auth", "shared", env=env) as two,
    ):
        ports = [httpx.URL(one.url).port or 0, httpx.URL(two.url).port or 0]
        balancer = RoundRobin(ports)
        ids: list[str] = []
        async with mcp_client(one.url, TOKEN, balancer) as client:
            cursor = None
            for _ in range(100):
                arguments: dict[str, Any] = {"connection_id": WAREHOUSE, "limit": 100}
                page = await call_ok(
                    client, "list_sync_targets", {**arguments, **({"cursor": cursor} if cursor else {})}
                )
                ids.extend(target["id"] for target in page["targets"])
                cursor = page["next_cursor"]
                if cursor is None:
                    break
    assert len(ids) == 2815 and len(set(ids)) == 2815
    assert set(balancer.served) == set(ports) and min(balancer.served.values()) >= 14


@pytest.fixture(scope="module")
def passthrough() -> Iterator[Served]:
    """A passthrough server over the built-in sandbox (two organizations), logging everything it can."""
    with serving("--sandbox", "--auth", "passthrough", env={"POLYTOMIC_LOG_LEVEL": "DEBUG"}) as served:
        yield served


OWN = {DEFAULT_API_KEY: [SALESFORCE, HUBSPOT, WAREHOUSE], SECOND_API_KEY: [GLOBEX_HUBSPOT, GLOBEX_LINKEDIN_ADS]}


@pytest.mark.child_process
async def test_passthrough_callers_each_see_only_their_own_organization_even_right_after_the_other(
    passthrough: Served,
) -> None:
    texts: list[str] = []

    async def caller(key: str, other: str) -> None:
        async with mcp_client(passthrough.url, key) as client:
            for own, foreign in zip(OWN[key] * 2, OWN[other] * 2, strict=False):
                page = await call_ok(client, "list_sync_targets", {"connection_id": own, "limit": 5})
                texts.append(json.dumps(page))
                error = await call_error(client, "list_sync_targets", {"connection_id": foreign, "limit": 5})
                texts.append(error)
                assert f"No connection {foreign} in this Polytomic organization" in error

    async with anyio.create_task_group() as group:  # both at once
        group.start_soon(caller, DEFAULT_API_KEY, SECOND_API_KEY)
        group.start_soon(caller, SECOND_API_KEY, DEFAULT_API_KEY)
    # Right after one organization read a connection (and anything cached it), the other is refused it.
    for key, other in ((DEFAULT_API_KEY, SECOND_API_KEY), (SECOND_API_KEY, DEFAULT_API_KEY)):
        async with mcp_client(passthrough.url, key) as first, mcp_client(passthrough.url, other) as second:
            for connection in OWN[key]:
                texts.append(json.dumps(await call_ok(first, "list_sync_targets", {"connection_id": connection})))
                texts.append(await call_error(second, "list_sync_targets", {"connection_id": connection}))
    for key in (DEFAULT_API_KEY, SECOND_API_KEY):
        assert not any(key in text for text in texts)
        assert not any(key in line for line in passthrough.log), "a caller's key reached a log line"
    assert any("POST /mcp" in line for line in passthrough.log)  # the log was captured


@pytest.mark.child_process
async def test_passthrough_completions_offer_each_caller_only_its_own_organization(passthrough: Served) -> None:
    prompt = PromptReference(type="ref/prompt", name="plan_model_sync")
    offered: dict[str, set[str]] = {}
    for key, other in ((DEFAULT_API_KEY, SECOND_API_KEY), (SECOND_API_KEY, DEFAULT_API_KEY)):
        async with mcp_client(passthrough.url, key) as client:
            listed = (await call_ok(client, "list_connections", {"limit": 500}))["connections"]
            own = {c["id"] for c in listed} | {c["name"] for c in listed}
            found = await client.complete(prompt, {"name": "connection", "value": ""})
            offered[key] = set(found.completion.values)
            assert offered[key] and offered[key] <= own
            for connection in OWN[other]:  # the other organization's connection, named by its id
                targets = await client.complete(prompt, {"name": "target", "value": ""}, {"connection": connection})
                assert targets.completion.values == []
            mine = await client.complete(prompt, {"name": "target", "value": ""}, {"connection": OWN[key][0]})
            assert mine.completion.values
    assert SALESFORCE not in offered[SECOND_API_KEY] and "Salesforce (production)" not in offered[SECOND_API_KEY]


@pytest.mark.child_process
async def test_passthrough_stops_relaying_refused_and_made_up_keys_to_polytomic() -> None:
    call = {"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "list_connections", "arguments": {}}}
    sandbox = Sandbox()
    with (
        running(sandbox) as sandbox_url,
        serving("--auth", "passthrough", env={"POLYTOMIC_BASE_URL": sandbox_url}) as served,
    ):
        async with httpx.AsyncClient(timeout=60) as http:

            async def answer(key: str) -> str:
                headers = {**MCP_HEADERS, "MCP-Protocol-Version": "2025-11-25", "Authorization": f"Bearer {key}"}
                result = (await http.post(served.url, json=call, headers=headers)).json()["result"]
                assert result["isError"] is True
                return str(result["content"][0]["text"])

            same = [await answer("pk_made_up_key_0001") for _ in range(3)]
            guesses = [await answer(f"pk_guess_{n:04d}") for n in range(30)]
    assert all("refused the API key this call was made with (HTTP 401)" in text for text in same)
    assert sum("new Polytomic API keys within a minute" in text for text in guesses) == 30 - 9
    # One request for the key refused three times, nine for the guesses: ten new keys a minute from one address.
    assert [r.route for r in sandbox.requests] == ["list_connections"] * 10


@pytest.mark.child_process
async def test_passthrough_without_a_key_gets_401_and_a_wrong_key_is_refused_by_polytomic(
    passthrough: Served,
) -> None:
    assert (await post_initialize(passthrough.url)).status_code == 401
    wrong = "not-a-polytomic-key-123"
    async with mcp_client(passthrough.url, wrong) as client:
        error = await call_error(client, "list_sync_targets", {"connection_id": SALESFORCE})
    assert "refused the API key this call was made with (HTTP 401)" in error and wrong not in error
    assert "POLYTOMIC_API_KEY" not in error  # the caller's key was refused, not the server's
    assert not any(wrong in line for line in passthrough.log)


def test_passthrough_needs_no_polytomic_credential_in_the_environment(capsys: pytest.CaptureFixture[str]) -> None:
    from polytomic_mcp.settings import Settings

    settings = Settings.from_env({}, auth_mode="passthrough")
    assert settings.api_key is None and settings.basic_auth is None and settings.auth_mode == "passthrough"


def held_until(release: threading.Event) -> Any:
    """A stand-in for the sandbox's delay: the answer waits until the test releases it, however long that takes."""

    async def pause(seconds: float, receive: Any) -> tuple[Any, bool]:
        while not release.is_set():
            await anyio.sleep(0.01)
        return receive, True

    return pause


@pytest.mark.child_process
async def test_sigterm_lets_an_in_flight_call_finish_then_exits(monkeypatch: pytest.MonkeyPatch) -> None:
    arguments = {"connection_id": SALESFORCE, "limit": 2}
    call = {
        "jsonrpc": "2.0",
        "id": 7,
        "method": "tools/call",
        "params": {"name": "list_sync_targets", "arguments": arguments},
    }
    release = threading.Event()
    monkeypatch.setattr(gate, "pause", held_until(release))
    sandbox = Sandbox()
    sandbox.faults.inject("list_sync_targets", "delay", delay=1)
    with running(sandbox) as sandbox_url:
        env = {"POLYTOMIC_API_KEY": DEFAULT_API_KEY, "POLYTOMIC_BASE_URL": sandbox_url}
        with serving(env=env) as served:
            answers: list[httpx.Response] = []

            async def post() -> None:
                async with httpx.AsyncClient(timeout=60) as http:
                    headers = {**MCP_HEADERS, "MCP-Protocol-Version": "2025-11-25"}
                    answers.append(await http.post(served.url, json=call, headers=headers))

            async with anyio.create_task_group() as group:
                group.start_soon(post)
                while not any(r.route == "list_sync_targets" for r in sandbox.requests):
                    await anyio.sleep(0.02)  # the call has reached Polytomic and is held there
                served.process.send_signal(signal.SIGTERM)
                while not any("Waiting for connections to close" in line for line in served.log):
                    assert served.process.poll() is None, "exited with a call in flight:\n" + "".join(served.log)
                    await anyio.sleep(0.02)  # uvicorn has stopped listening and waits for the call in flight
                release.set()
            code = await anyio.to_thread.run_sync(served.process.wait, 60)
    assert len(answers) == 1 and answers[0].status_code == 200, answers[0].text
    result = answers[0].json()["result"]
    assert not result.get("isError") and len(json.loads(result["content"][0]["text"])["targets"]) == 2
    assert code in (0, -signal.SIGTERM), "".join(served.log)  # uvicorn re-raises the signal once it has drained
