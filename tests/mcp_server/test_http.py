"""The server over streamable HTTP, on real loopback ports, in child processes, through real MCP clients."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from mcp_server.cli import main
from mcp_server.sandbox import DEFAULT_API_KEY, SECOND_API_KEY, Sandbox
from mcp_server.sandbox.dataset import GLOBEX_HUBSPOT, GLOBEX_LINKEDIN_ADS, HUBSPOT, SALESFORCE, WAREHOUSE
from mcp_server.sandbox.serve import running

from .support import call_error, call_ok

pytestmark = [pytest.mark.anyio, pytest.mark.child_process]  # servers run as child processes

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "team-token-0123456789abcdef0123456789abcdef"
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}},
}
MCP_HEADERS = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}


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


@contextlib.contextmanager
def serving(*args: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """`polytomic-mcp serve --transport http --port 0 ARGS` in a child; yields its URL (read from its stderr)."""
    command = [sys.executable, "-m", "mcp_server", "serve", "--transport", "http", "--port", "0", *args]
    process = subprocess.Popen(
        command, cwd=ROOT, env=_environment(env or {}), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True,
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


@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token", f"Bearer {TOKEN}x", f"Basic {TOKEN}", "Bearer"])
async def test_without_the_shared_token_a_request_gets_401(shared: Served, authorization: str | None) -> None:
    response = await post_initialize(shared.url, **({"Authorization": authorization} if authorization else {}))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


async def test_with_the_shared_token_a_real_client_lists_and_calls_the_tools(shared: Served) -> None:
    assert (await post_initialize(shared.url, Authorization=f"Bearer {TOKEN}")).status_code == 200
    async with mcp_client(shared.url, TOKEN) as client:
        names = {tool.name for tool in (await client.list_tools()).tools}
        page = await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 3})
    assert {"list_sync_targets", "get_target_creation_values"} <= names
    assert len(page["targets"]) == 3 and page["next_cursor"]


async def test_a_real_client_with_a_wrong_token_cannot_connect(shared: Served) -> None:
    recorder = RoundRobin([httpx.URL(shared.url).port or 0])
    with pytest.raises(Exception):  # noqa: B017 - the SDK wraps "Server returned an error response" in a group
        async with mcp_client(shared.url, "wrong-token", recorder) as client:
            await client.list_tools()
    assert recorder.statuses and set(recorder.statuses) == {401}


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Host": "evil.example.com"}, 421),
        ({"Host": "evil.example.com:80"}, 421),
        ({"Origin": "http://evil.example.com"}, 403),
        ({"Origin": "https://app.example.com.evil.example"}, 403),
        ({"Host": "mcp.example.com"}, 200),
        ({"Origin": "https://app.example.com"}, 200),
        ({"Origin": "http://localhost:5173"}, 200),
    ],
)
async def test_host_and_origin_are_checked_on_every_request(
    shared: Served, headers: dict[str, str], status: int
) -> None:
    response = await post_initialize(shared.url, Authorization=f"Bearer {TOKEN}", **headers)
    assert response.status_code == status, response.text


async def test_healthz_answers_load_balancers_without_a_token(shared: Served) -> None:
    async with httpx.AsyncClient() as http:
        response = await http.get(f"{shared.base}/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "mcp.example.com"])
def test_a_non_loopback_bind_without_auth_is_refused_naming_the_fix(
    host: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--transport", "http", "--host", host, "--sandbox"]) == 2
    err = capsys.readouterr().err
    assert "without authentication" in err and "--auth shared" in err and "--auth passthrough" in err
    assert "127.0.0.1" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "env", "needle"),
    [
        (["--auth", "shared", "--sandbox"], {}, "POLYTOMIC_MCP_TOKEN"),
        (["--auth", "shared", "--sandbox"], {"POLYTOMIC_MCP_TOKEN": "short"}, "at least 32"),
        (["--auth", "shared"], {"POLYTOMIC_MCP_TOKEN": TOKEN}, "POLYTOMIC_API_KEY"),
        (["--allowed-origin", "app.example.com", "--sandbox"], {}, "--allowed-origin"),
        (["--port", "70000", "--sandbox"], {}, "--port"),
    ],
)
def test_an_incomplete_http_configuration_is_refused_at_start_up(
    argv: list[str],
    env: dict[str, str],
    needle: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("POLYTOMIC_API_KEY", "POLYTOMIC_BASIC_AUTH", "POLYTOMIC_MCP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(["serve", "--transport", "http", *argv]) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_auth_is_refused_over_stdio(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--auth", "shared", "--sandbox"]) == 2
    assert "--transport http" in capsys.readouterr().err


class RoundRobin(httpx2.AsyncBaseTransport):
    """A load balancer in miniature: every request goes to the next replica in turn."""

    def __init__(self, ports: list[int]) -> None:
        self.ports = itertools.cycle(ports)
        self.served: Counter[int] = Counter()
        self.statuses: list[int] = []
        self.transport = httpx2.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        port = next(self.ports)
        self.served[port] += 1
        request.url = request.url.copy_with(port=port)
        response = await self.transport.handle_async_request(request)
        self.statuses.append(response.status_code)
        return response

    async def aclose(self) -> None:
        await self.transport.aclose()


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
    from mcp_server.settings import Settings

    settings = Settings.from_env({}, auth_mode="passthrough")
    assert settings.api_key is None and settings.basic_auth is None and settings.auth_mode == "passthrough"


@contextlib.asynccontextmanager
async def slow_sandbox() -> AsyncIterator[tuple[Sandbox, str]]:
    sandbox = Sandbox()
    with running(sandbox) as url:
        yield sandbox, url


async def test_sigterm_lets_an_in_flight_call_finish_then_exits() -> None:
    arguments = {"connection_id": SALESFORCE, "limit": 2}
    call = {
        "jsonrpc": "2.0",
        "id": 7,
        "method": "tools/call",
        "params": {"name": "list_sync_targets", "arguments": arguments},
    }
    async with slow_sandbox() as (sandbox, sandbox_url):
        sandbox.faults.inject("list_sync_targets", "delay", delay=3)
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
                    await anyio.sleep(0.02)  # the call has reached Polytomic and is waiting there
                served.process.send_signal(signal.SIGTERM)
            code = await anyio.to_thread.run_sync(served.process.wait, 60)
    assert len(answers) == 1 and answers[0].status_code == 200, answers[0].text
    result = answers[0].json()["result"]
    assert not result.get("isError") and len(json.loads(result["content"][0]["text"])["targets"]) == 2
    assert any("Shutting down" in line for line in served.log)
    assert code in (0, -signal.SIGTERM), "".join(served.log)  # uvicorn re-raises the signal once it has drained


async def test_passthrough_refuses_a_bearer_token_that_cannot_be_an_api_key_before_any_call() -> None:
    from mcp_server.http import PassthroughTokenVerifier

    verifier = PassthroughTokenVerifier()
    assert await verifier.verify_token("short") is None
    assert await verifier.verify_token("has spaces in it") is None
    assert await verifier.verify_token("pk_live_" + "x" * 16) is not None


def test_shared_auth_without_its_token_is_a_programming_error_not_a_silent_open_door() -> None:
    from mcp_server.http import token_verifier
    from mcp_server.settings import Settings

    with pytest.raises(ValueError, match="mcp_token"):
        token_verifier(Settings(sandbox=True, auth_mode="shared"))


def test_a_concrete_non_loopback_address_is_an_allowed_host_besides_the_loopback_names() -> None:
    from mcp_server.http import transport_security
    from mcp_server.settings import HttpOptions

    options = HttpOptions.checked(host="10.1.2.3", port=8000, auth_mode="shared")
    security = transport_security(options)
    assert "10.1.2.3:*" in (security.allowed_hosts or []) and "127.0.0.1:*" in (security.allowed_hosts or [])
    wildcard = transport_security(HttpOptions.checked(host="0.0.0.0", port=8000, auth_mode="shared"))
    assert not any(host.startswith("0.0.0.0") for host in wildcard.allowed_hosts or [])
