"""Helpers for calling tools through a real MCP client and reading their one payload."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from mcp import Client
from mcp.server import MCPServer
from starlette.applications import Starlette

from polytomic_mcp.cli import connect
from polytomic_mcp.http import build_app
from polytomic_mcp.server import build_server
from polytomic_mcp.settings import HttpOptions, Settings
from polytomic_mcp.upstream import Resolver


class Clock:
    """A clock that moves only when told (`clock.now += seconds`), for caches and rate limits."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def schema_validator(schema: dict[str, Any]) -> Validator:
    """A validator for `schema`, which is checked once here. `jsonschema.validate` checks the schema again on
    every call: about 6 ms for a tool's output schema, 60 times the validation itself."""
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


async def call_ok(client: Client, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
    """Call a tool that must succeed; check that the text and the structured content are the same object."""
    result = await client.call_tool(tool, arguments)
    text = result.content[0].text if result.content and result.content[0].type == "text" else ""
    assert not result.is_error, text
    assert len(result.content) == 1
    assert json.loads(text) == result.structured_content
    assert text == json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")), "text must be compact"
    payload: dict[str, Any] = result.structured_content or {}
    return payload


def entry_id(target: str | dict[str, Any]) -> str:
    """A target's id in either shape list_sync_targets answers with (an object, or with mode its bare id)."""
    return target if isinstance(target, str) else str(target["id"])


def read_mode_page(page: dict[str, Any]) -> dict[str, list[str]]:
    """Each target's capabilities for the page's mode, read exactly as the output schema says: its own
    `capabilities` when it lists them, else the page's."""
    return {
        entry_id(t): list(page["capabilities"] if isinstance(t, str) or "capabilities" not in t else t["capabilities"])
        for t in page["targets"]
    }


async def call_error(client: Client, tool: str, arguments: dict[str, Any]) -> str:
    """Call a tool that must fail; return the text the model reads."""
    result = await client.call_tool(tool, arguments)
    assert result.is_error, result.structured_content
    assert result.structured_content is None
    text = result.content[0].text if result.content[0].type == "text" else ""
    return text


async def page_through(client: Client, tool: str, arguments: dict[str, Any], items: str) -> list[Any]:
    """Follow next_cursor to the end; return every item in order (value-label pairs for a values mapping)."""
    seen: list[Any] = []
    cursors: set[str] = set()
    cursor: str | None = None
    for _ in range(10_000):
        page = await call_ok(client, tool, {**arguments, **({"cursor": cursor} if cursor else {})})
        seen.extend(page[items].items() if isinstance(page[items], dict) else page[items])
        cursor = page["next_cursor"]
        if cursor is None:
            return seen
        assert cursor not in cursors, f"page {len(cursors) + 2} repeats an earlier cursor: paging would never end"
        cursors.add(cursor)
    raise AssertionError("paging did not end")


@contextmanager
def loopback_upstream(answer: Callable[[str], tuple[int, str, bytes]]) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 (port 0) answering each GET with `answer(path)` = (status, content type,
    body); yields its base URL. For what an in-process transport cannot show: stdio children, real sockets."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, content_type, body = answer(self.path)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    # A short poll: shutdown() waits for the next one (0.5 s by default), after every test that uses this.
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def sandbox_server(settings: Settings | None = None, **options: Any) -> MCPServer[Resolver]:
    """`build_server` over a fresh in-process sandbox, wired exactly as `--sandbox` wires it (`cli.connect`)."""
    settings, network = connect(settings or Settings(sandbox=True))
    return build_server(settings, network=network, **options)


def sandbox_app(settings: Settings, options: HttpOptions) -> Starlette:
    """The HTTP app over a fresh in-process sandbox, wired as `serve --transport http --sandbox` wires it."""
    settings, network = connect(settings)
    return build_app(settings, options, network)
