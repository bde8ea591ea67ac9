"""Log lines an operator can follow: request ids, the tool and connection of a call, and JSON lines."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from mcp import Client

from polytomic_mcp import logs
from polytomic_mcp.cli import configure_logging
from polytomic_mcp.sandbox.dataset import FORBIDDEN, SALESFORCE
from polytomic_mcp.settings import ConfigError
from tests.mcp_server.support import call_error, call_ok, sandbox_server
from tests.mcp_server.test_http import MCP_HEADERS, SHARED, TOKEN, app_running

pytestmark = pytest.mark.anyio

AUTHORIZED_HEADERS = {**MCP_HEADERS, "Authorization": f"Bearer {TOKEN}", "MCP-Protocol-Version": "2025-11-25"}


@contextmanager
def json_lines() -> Iterator[list[dict[str, Any]]]:
    """Every line logged (INFO and up) while inside, as the JSON objects POLYTOMIC_LOG_FORMAT=json writes."""
    stream = io.StringIO()
    handler = logs.handler("json")
    handler.setStream(stream)  # type: ignore[attr-defined]
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    found: list[dict[str, Any]] = []
    try:
        yield found
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        found.extend(json.loads(line) for line in stream.getvalue().splitlines())  # each line is one object


def call(tool: str, arguments: dict[str, Any], request_id: int) -> dict[str, Any]:
    return {
        "jsonrpc": "2.0",
        "id": request_id,
        "method": "tools/call",
        "params": {"name": tool, "arguments": arguments},
    }


async def test_over_http_each_request_s_lines_carry_its_id_the_tool_and_the_connection_and_no_other_s() -> None:
    with json_lines() as lines:
        async with (
            app_running(SHARED) as app,
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1:8000") as http,
        ):
            refused = await http.post(
                "/mcp", json=call("list_sync_targets", {"connection_id": FORBIDDEN}, 1), headers=AUTHORIZED_HEADERS
            )
            unknown = await http.post(
                "/mcp", json=call("list_sync_targets", {"connection_id": "0" * 8}, 2), headers=AUTHORIZED_HEADERS
            )
            health = await http.get("/healthz")
    first, second = refused.headers[logs.REQUEST_ID_HEADER], unknown.headers[logs.REQUEST_ID_HEADER]
    assert first != second and health.headers[logs.REQUEST_ID_HEADER] not in (first, second)
    mine = [line for line in lines if line.get("request") == first]
    about_the_call = [line for line in mine if "403" in line["message"]]  # ours from the upstream, then the SDK's
    assert [line["logger"] for line in about_the_call] == ["polytomic_mcp.fetching", "mcp.server.mcpserver.server"]
    assert all(line["tool"] == "list_sync_targets" and line["connection"] == FORBIDDEN for line in about_the_call)
    assert any(line.get("request") == second for line in lines)  # its argument error is logged under its own id
    assert not [line for line in lines if line.get("tool") and line.get("request") not in (first, second)]


async def test_over_stdio_or_in_memory_each_call_gets_its_own_request_id() -> None:
    with json_lines() as lines:
        async with Client(sandbox_server()) as client:
            await call_error(client, "list_sync_targets", {"connection_id": FORBIDDEN})
            await call_error(client, "list_sync_targets", {"connection_id": FORBIDDEN})
            await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 1})
    refused = [line for line in lines if line["message"] == "Polytomic answered HTTP 403"]
    assert len(refused) == 2 and refused[0]["request"] != refused[1]["request"]
    assert all(line["tool"] == "list_sync_targets" and line["connection"] == FORBIDDEN for line in refused)


async def test_a_tool_name_or_connection_id_that_does_not_read_as_one_is_left_out_of_the_fields() -> None:
    secret = "pk_live_typed_by_a_caller"
    with json_lines() as lines:
        async with Client(sandbox_server()) as client:
            await call_error(client, f"nope\n{secret}", {})
            await call_error(client, "list_sync_targets", {"connection_id": f"x\n{secret}"})
    assert len(lines) == 2  # the SDK's own lines, whose message quotes the name (cut at 300 characters)
    assert not any(secret in f"{line.get('tool')}{line.get('connection')}" for line in lines)
    assert [line.get("tool") for line in lines] == [None, "list_sync_targets"]
    assert [line.get("connection") for line in lines] == [None, None]  # not an id: left out


def test_the_text_format_adds_what_is_known_and_the_json_format_is_one_object_a_line() -> None:
    record = logging.LogRecord(
        "polytomic_mcp.fetching", logging.INFO, __file__, 1, "Polytomic answered HTTP %s", (403,), None
    )
    with logs.request("abc123"), logs.tool_call("list_sync_targets", SALESFORCE):
        logs.Context().filter(record)
    text = logs.TextFormatter().format(record)
    assert text.endswith(f"Polytomic answered HTTP 403 [request=abc123 tool=list_sync_targets connection={SALESFORCE}]")
    entry = json.loads(logs.JsonFormatter().format(record))
    assert (entry["level"], entry["logger"], entry["message"], entry["request"]) == (
        "INFO", "polytomic_mcp.fetching", "Polytomic answered HTTP 403", "abc123"
    )  # fmt: skip
    bare = logging.LogRecord("x", logging.INFO, __file__, 1, "plain", None, None)
    logs.Context().filter(bare)
    assert not logs.TextFormatter().format(bare).endswith("]") and "request" not in logs.JsonFormatter().format(bare)


def test_a_json_line_is_exactly_its_fields_in_order_with_the_utc_time_in_milliseconds_and_text_unescaped() -> None:
    record = logging.LogRecord(
        "polytomic_mcp.fetching", logging.WARNING, __file__, 1, "Polytomic answered %s", ("« refusé »",), None
    )
    record.created = 1_700_000_000.1239  # 2023-11-14 22:13:20.1239 UTC
    with logs.request("abc123"), logs.tool_call("list_sync_targets", SALESFORCE):
        logs.Context().filter(record)
    assert logs.JsonFormatter().format(record) == (
        '{"time": "2023-11-14T22:13:20.123+00:00", "level": "WARNING", "logger": "polytomic_mcp.fetching", '
        f'"message": "Polytomic answered « refusé »", "request": "abc123", "tool": "list_sync_targets", '
        f'"connection": "{SALESFORCE}"}}'
    )


@pytest.mark.parametrize(("value", "formatter"), [("json", logs.JsonFormatter), ("", logs.TextFormatter),
                                                   (" TEXT ", logs.TextFormatter)])  # fmt: skip
def test_the_log_format_comes_from_the_environment(
    value: str, formatter: type[logging.Formatter], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    monkeypatch.setattr(root, "level", root.level)
    monkeypatch.setenv("POLYTOMIC_LOG_FORMAT", value)
    configure_logging("INFO")
    [handler] = root.handlers
    assert type(handler.formatter) is formatter


def test_a_log_format_that_is_not_one_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLYTOMIC_LOG_FORMAT", "logfmt")
    with pytest.raises(ConfigError) as caught:
        configure_logging("INFO")
    assert str(caught.value) == "POLYTOMIC_LOG_FORMAT must be text or json (or unset for text)."


def test_a_json_line_carries_the_exception_as_a_field_not_as_more_lines() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("x", logging.DEBUG, __file__, 1, "failed", None, sys.exc_info())
    line = logs.JsonFormatter().format(record)
    assert "\n" not in line and "ValueError: boom" in json.loads(line)["exception"]
