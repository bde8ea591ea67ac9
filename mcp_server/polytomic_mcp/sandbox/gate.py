"""What happens to every request before (and after) a route answers: recording, simulated latency,
authentication, the API-version check and echo, and injected faults."""

from __future__ import annotations

import base64
import binascii
import hmac
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

import anyio
from starlette.datastructures import Headers
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import faults
from .faults import Fault, SimulatedDisconnect

if TYPE_CHECKING:
    from . import Sandbox

VERSION_HEADER = "x-polytomic-version"
DEFAULT_VERSION = "2025-09-18"
KNOWN_VERSIONS = ("2025-09-18", "2024-02-08", "2023-04-25", "2022-12-12", "2021-05-23")
ADMIN_PREFIX = "/_sandbox/"
REDACTED_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})
ORGANIZATION_KEY = "sandbox_organization"


@dataclass(frozen=True)
class RecordedRequest:
    """One request the sandbox received (credentials are never recorded)."""

    method: str
    path: str  # as sent, still percent-encoded
    query: str  # the raw query string
    route: str | None  # the operationId it matched, if any
    headers: tuple[tuple[str, str], ...]  # lower-cased names, without Authorization or cookies

    @property
    def params(self) -> list[tuple[str, str]]:
        return parse_qsl(self.query, keep_blank_values=True)

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k == name.lower()), None)


def organization_of(
    header: str | None, api_keys: Mapping[str, str], basic_auth: tuple[str, str] | None, basic_org: str
) -> str | None:
    """The organization whose credential this Authorization header carries, or None when it carries none."""
    scheme, _, credentials = (header or "").strip().partition(" ")
    credentials = credentials.strip()
    if scheme.lower() == "bearer" and credentials:
        found = None
        for key, organization in api_keys.items():  # compare with every key: the time does not tell which
            if hmac.compare_digest(credentials.encode(), key.encode()):
                found = organization
        return found
    if scheme.lower() == "basic" and basic_auth is not None:
        try:
            user, _, password = base64.b64decode(credentials, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        valid = hmac.compare_digest(user.encode(), basic_auth[0].encode()) & hmac.compare_digest(
            password.encode(), basic_auth[1].encode()
        )
        return basic_org if valid else None
    return None


def organization(scope: Scope) -> str:
    """The organization the Gate authenticated this request as."""
    found: str = scope["state"][ORGANIZATION_KEY]
    return found


async def pause(seconds: float, receive: Receive) -> tuple[Receive, bool]:
    """Wait `seconds`, or less if the client goes away; returns a receive that replays what was read, and
    whether the client is still there."""
    seen: list[Message] = []
    with anyio.move_on_after(seconds):
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return receive, False
            seen.append(message)

    async def replay() -> Message:
        return seen.pop(0) if seen else await receive()

    return replay, True


async def respond(
    send: Send, status: int, body: bytes, content_type: str, headers: Sequence[tuple[str, str]] = ()
) -> None:
    raw = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in headers]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class Gate:
    """Pure ASGI middleware in front of the sandbox's routes."""

    def __init__(self, app: ASGIApp, sandbox: Sandbox, routes: Sequence[BaseRoute]) -> None:
        self.app, self.sandbox, self.routes = app, sandbox, routes

    def route_of(self, scope: Scope) -> str | None:
        for route in self.routes:
            if route.matches(scope)[0] == Match.FULL:
                return getattr(route, "name", None)
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        asked = headers.get(VERSION_HEADER)
        served = asked if asked in KNOWN_VERSIONS else DEFAULT_VERSION
        send = _echoing(send, served)
        path = scope.get("raw_path", scope["path"].encode()).split(b"?")[0].decode("latin-1")
        route = None if path.startswith(ADMIN_PREFIX) else self.route_of(scope)
        if not path.startswith(ADMIN_PREFIX):
            kept = tuple((k, v) for k, v in headers.items() if k not in REDACTED_HEADERS)
            query = scope.get("query_string", b"").decode("latin-1")
            self.sandbox.requests.append(RecordedRequest(scope["method"], path, query, route, kept))
            if self.sandbox.latency > 0:
                receive, alive = await pause(self.sandbox.latency, receive)
                if not alive:
                    return
        sandbox = self.sandbox
        org = organization_of(headers.get("authorization"), sandbox.api_keys, sandbox.basic_auth, sandbox.organization)
        if org is None:
            challenge = [("WWW-Authenticate", 'Bearer realm="Polytomic"')]
            await respond(send, 401, faults.error_body(401, "unauthorized"), "application/json", challenge)
            return
        if asked is not None and asked not in KNOWN_VERSIONS:
            message = f"unsupported API version {asked!r}; supported versions: {', '.join(KNOWN_VERSIONS)}"
            await respond(send, 400, faults.error_body(400, message), "application/json")
            return
        scope.setdefault("state", {})[ORGANIZATION_KEY] = org
        fault = self.sandbox.faults.take(route) if route else None
        if fault is None:
            await self.app(scope, receive, send)
            return
        if fault.delay:
            receive, alive = await pause(fault.delay, receive)
            if not alive:
                return
        await self.misbehave(fault, scope, receive, send)

    async def misbehave(self, fault: Fault, scope: Scope, receive: Receive, send: Send) -> None:
        extra = [("Retry-After", str(fault.retry_after))] if fault.retry_after is not None else []
        if fault.kind == "status":
            status = fault.status or 500
            await respond(send, status, faults.error_body(status, fault.message), "application/json", extra)
        elif fault.kind == "html":
            await respond(send, fault.status or 502, faults.html_page(fault.status or 502), "text/html", extra)
        elif fault.kind == "malformed_json":
            await respond(send, fault.status or 200, faults.MALFORMED, "application/json", extra)
        elif fault.kind == "delay":
            await self.app(scope, receive, send)
        else:
            await self.rewrite(fault, scope, receive, send)

    async def rewrite(self, fault: Fault, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the route, then change its (successful) answer as the fault says."""
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            else:
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        body = b"".join(chunks)
        if start.get("status") != 200:
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        headers = [(k, v) for k, v in start["headers"] if k != b"content-length"]
        if fault.kind == "truncated":
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
            raise SimulatedDisconnect("peer closed connection without sending complete message body")
        parsed = json.loads(body)
        changed = faults.with_unknown_values(parsed) if fault.kind == "unknown_values" else faults.inflated(parsed)
        new_body = json.dumps(changed, separators=(",", ":"), ensure_ascii=False).encode()
        headers.append((b"content-length", str(len(new_body)).encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": new_body})


def _echoing(send: Send, version: str) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-polytomic-version"]
            message = {**message, "headers": [*headers, (b"x-polytomic-version", version.encode())]}
        await send(message)

    return wrapped
