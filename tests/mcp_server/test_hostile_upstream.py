"""A corpus of hostile Polytomic answers: each gives a result that fits the tool's output schema, or a clean,
truthful tool error (the status's own message, or "could not read"); never a bare "Error executing tool", never
an argument error, never a traceback, a URL or a hang.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from jsonschema.protocols import Validator
from mcp import Client

from polytomic_mcp.clients import make_api_client
from polytomic_mcp.sandbox.dataset import LINKEDIN_ADS
from polytomic_mcp.server import build_server
from polytomic_mcp.settings import Settings
from tests.mcp_server.conftest import SETTINGS
from tests.mcp_server.support import schema_validator

pytestmark = pytest.mark.anyio

TARGETS = "list_sync_targets"
VALUES = "get_target_creation_values"
PROPERTIES = "get_target_creation_values without property"  # answered from the List Sync Targets body
CALLS: dict[str, tuple[str, dict[str, Any]]] = {
    TARGETS: (TARGETS, {"connection_id": LINKEDIN_ADS, "include_target_creation_values": True}),
    VALUES: (VALUES, {"connection_id": LINKEDIN_ADS, "property": "account"}),
    PROPERTIES: (VALUES, {"connection_id": LINKEDIN_ADS}),
}
DEEP = "[" * 1000 + "]" * 1000
VERY_DEEP = "[" * 100_000 + "]" * 100_000


def creating(*properties: Any) -> dict[str, Any]:
    return {"supported": True, "properties": list(properties)}


# (call, body as JSON-able data or raw text, expected: a check of the result, or the error's fragment)
Check = Callable[[dict[str, Any]], bool]
OK_TARGETS: list[tuple[str, Any, Check]] = [
    (TARGETS, {"data": None}, lambda r: r["targets"] == [] and r["total"] == 0),
    (TARGETS, {}, lambda r: r["total"] == 0),
    (TARGETS, {"data": []}, lambda r: r["total"] == 0),
    (TARGETS, {"data": [{"id": "A", "name": 5}]}, lambda r: r["targets"] == [{"id": "A", "name": "5", "modes": {}}]),
    (TARGETS, {"data": [{"id": 5}]}, lambda r: r["targets"][0]["id"] == "5"),
    (TARGETS, {"data": [{"id": 1.5}, {"id": True}]}, lambda r: [t["id"] for t in r["targets"]] == ["1.5", "true"]),
    (TARGETS, {"data": [{"id": "A", "modes": None}]}, lambda r: r["targets"][0]["modes"] == {}),
    (TARGETS, {"data": [{"id": "A"}]}, lambda r: r["targets"] == [{"id": "A", "modes": {}}]),
    (TARGETS, {"data": [{"id": None}, {"id": "B"}]}, lambda r: r["total"] == 1 and r["skipped"] == 1),
    (TARGETS, {"data": [{}, {"name": "no id"}]}, lambda r: r["total"] == 0 and r["skipped"] == 2),
    (TARGETS, {"data": [{"id": ""}]}, lambda r: r["total"] == 0 and r["skipped"] == 1),
    (TARGETS, {"data": [{"id": "A", "modes": [{"id": None}, {}]}]}, lambda r: r["targets"][0]["modes"] == {}),
    (TARGETS, {"data": [{"id": "A", "modes": [{"id": "mirror", "requires_identity": True}]}]},
     lambda r: r["targets"][0]["modes"] == {"mirror": ["identity"]}),
    (TARGETS, {"data": [{"id": "A", "modes": [{"id": "create", "requires_identity": None,
                                                "supports_per_field_mode": None}]}]},
     lambda r: r["targets"][0]["modes"] == {"create": []}),
    (TARGETS, {"data": [{"id": "A"}, {"id": "A", "name": "second"}]},
     lambda r: r["total"] == 1 and "name" not in r["targets"][0]),
    (TARGETS, {"data": [{"id": "\ud800"}]}, lambda r: r["targets"][0]["id"] == "\ufffd"),
    (TARGETS, {"data": [{"id": "A", "name": "\udfff name"}]}, lambda r: r["targets"][0]["name"] == "\ufffd name"),
    (TARGETS, {"data": [{"id": "A", "name": "n" * 100_000}]}, lambda r: len(r["targets"][0]["name"]) == 2000),
    (TARGETS, {"data": [{"id": "A", "extra": {"deep": [1, {"x": None}]}}], "meta": {"v": 2}},
     lambda r: r["targets"] == [{"id": "A", "modes": {}}]),
    (TARGETS, {"data": [{"id": f"t{n:05d}"} for n in range(20_000)]},
     lambda r: r["total"] == 20_000 and len(r["targets"]) == 50),
    (TARGETS, '{"data":[{"id":"A"},{"id":1e400},{"id":NaN}]}',
     lambda r: [t["id"] for t in r["targets"]] == ["A", "Infinity", "NaN"]),  # numbers read as their JSON text
    (TARGETS, {"data": [{"id": "A"}], "target_creation": None}, lambda r: "target_creation" not in r),
    (TARGETS, {"data": [], "target_creation": {"supported": None, "properties": [{"id": "x"}]}},
     lambda r: "target_creation" not in r),
    (TARGETS, {"data": [], "target_creation": {"supported": True, "properties": None}},
     lambda r: r["target_creation"]["properties"] == []),
    (TARGETS, {"data": [], "target_creation": creating({"id": None, "enum": True}, {"id": "name"})},
     lambda r: [p["id"] for p in r["target_creation"]["properties"]] == ["name"]),
    (TARGETS, {"data": [], "target_creation": creating({"id": "account", "enum": True, "values": None})},
     lambda r: r["target_creation"]["properties"] == [{"id": "account", "enum": True}]),
    (TARGETS, {"data": [], "target_creation": creating(
        {"id": "account", "enum": True, "values": [{"value": "b"}, {"value": "a", "label": None}, {"value": "b"},
                                                   {"value": None, "label": "lost"}]})},
     lambda r: r["target_creation"]["properties"][0] == {"id": "account", "enum": True, "value_count": 2,
                                                         "values": {"a": None, "b": None}}),
    (TARGETS, {"data": [], "target_creation": creating({"id": "name", "enum": None, "title": 7})},
     lambda r: r["target_creation"]["properties"] == [{"id": "name", "title": "7", "enum": False}]),
]  # fmt: skip
OK_VALUES: list[tuple[str, Any, Check]] = [
    (VALUES, {"data": None}, lambda r: r["values"] == {} and r["total"] == 0),
    (VALUES, {}, lambda r: r["total"] == 0 and r["property"] == "account"),
    (VALUES, {"data": {"values": None}}, lambda r: r["total"] == 0),
    (VALUES, {"data": {"id": "account", "values": [{"value": "a", "label": None}]}},
     lambda r: r["values"] == {"a": None}),
    (VALUES, {"data": {"values": [{"value": None, "label": "x"}, {"label": "y"}, {"value": "z"}]}},
     lambda r: r["values"] == {"z": None} and r["total"] == 1 and r["skipped"] == 2),
    (VALUES, {"data": {"values": [{"value": 5, "label": 6}]}}, lambda r: r["values"] == {"5": "6"}),
    (VALUES, {"data": {"values": [{"value": "a", "label": "A"}, {"value": "a", "label": "B"}]}},
     lambda r: r["values"] == {"a": "A"} and r["total"] == 1),
    (VALUES, {"data": {"values": [{"value": "\udc00", "label": "\ud83d"}]}},
     lambda r: r["values"] == {"\ufffd": None}),
    (VALUES, {"data": {"id": None, "title": None, "values": [{"value": "v"}]}},
     lambda r: r["property"] == "account" and "title" not in r),
    (VALUES, {"data": {"values": [{"value": f"v{n:04d}", "label": f"L{n}"} for n in range(1000)]}},
     lambda r: r["total"] == 1000 and len(r["values"]) == 100),
    (PROPERTIES, {"data": [], "target_creation": creating({"id": "account", "enum": True}, {"id": None})},
     lambda r: [p["id"] for p in r["properties"]] == ["account"]),
    (PROPERTIES, {"data": [], "target_creation": creating({"id": "b"}, {"id": "a"}, {"id": "b"})},
     lambda r: [p["id"] for p in r["properties"]] == ["a", "b"] and r["total"] == 2),
]  # fmt: skip
UNREADABLE = "could not read"
UNREADABLE_BODIES: list[tuple[str, Any]] = [
    *((TARGETS, {"data": bad}) for bad in ("abc", True, 5, {"id": "A"})),
    (TARGETS, {"data": [{"id": "A", "modes": {}}]}),
    (TARGETS, {"data": [{"id": "A", "modes": "x"}]}),
    (TARGETS, {"data": [{"id": "A", "modes": [None]}]}),
    (TARGETS, {"data": [{"id": {"a": 1}}]}),
    (TARGETS, {"data": [{"id": ["A"]}]}),
    (TARGETS, {"data": ["A", "B"]}),
    (TARGETS, {"data": [{"id": "A", "modes": [{"id": "create", "requires_identity": "yes"}]}]}),
    (TARGETS, {"data": [], "target_creation": "yes"}),
    (TARGETS, {"data": [], "target_creation": {"supported": True, "properties": {"id": "x"}}}),
    (TARGETS, []),
    (TARGETS, "null"),
    (TARGETS, '"data"'),
    (TARGETS, ""),
    (TARGETS, "<html><body>Service temporarily unavailable</body></html>"),
    (TARGETS, '{"data": [{"id": "A"'),
    (TARGETS, '{"data": [], "ignored": ' + DEEP + "}"),
    (TARGETS, '{"data": [], "ignored": ' + VERY_DEEP + "}"),
    (VALUES, {"data": []}),
    (VALUES, {"data": "account"}),
    (VALUES, {"data": {"values": [{"value": {"a": 1}}]}}),
    (VALUES, {"data": {"values": [{"value": "a", "label": ["x"]}]}}),
    (VALUES, {"data": {"values": {"value": "a"}}}),
    (VALUES, {"data": {"values": [["a", "b"]]}}),
    (PROPERTIES, {"data": [], "target_creation": {"supported": True, "properties": [None]}}),
]
SECRET_URL = "https://app.polytomic.com/api/connections/x?token=sandbox-api-key"
STATUS_ANSWERS: list[tuple[int, str, str, dict[str, str], str]] = [
    # (status, content type, body, headers, what the message must say)
    (400, "application/json", json.dumps({"status": 400, "message": "bad"}), {}, 'Polytomic said: "bad"'),
    (400, "text/html", "<html>bad request</html>", {}, "rejected the request (HTTP 400)"),
    (400, "application/json", json.dumps({"message": 5}), {}, "rejected the request (HTTP 400)"),
    (400, "application/json", json.dumps({"message": "m" * 1_000_000}), {}, "rejected the request (HTTP 400)"),
    (400, "application/json", json.dumps({"message": f"see {SECRET_URL}"}), {}, "see [url]"),
    (400, "application/json", DEEP, {}, "rejected the request (HTTP 400)"),
    (401, "text/html", "<html>login</html>", {}, "refused this server's API credentials"),
    (401, "application/json", "", {}, "refused this server's API credentials"),
    (401, "application/json", DEEP, {}, "refused this server's API credentials"),
    (403, "text/plain", "forbidden", {}, "denied access (HTTP 403)"),
    (403, "application/json", VERY_DEEP, {}, "denied access (HTTP 403)"),
    (404, "text/plain", "", {}, "No connection"),
    (404, "text/html", "<html>404</html>", {}, "No connection"),
    (404, "application/json", DEEP, {}, "No connection"),
    (429, "text/html", "<html>slow down</html>", {"Retry-After": "7"}, "retry after 7 s"),
    (429, "application/json", "", {}, "wait a minute"),
    (429, "application/json", DEEP, {"Retry-After": "3"}, "retry after 3 s"),
    (500, "text/html", "<html><h1>500 Internal Server Error</h1></html>", {}, "failed to answer (HTTP 500)"),
    (500, "text/plain", "panic: runtime error: invalid memory address", {}, "failed to answer (HTTP 500)"),
    (500, "application/json", "", {}, "failed to answer (HTTP 500)"),
    (500, "application/json", '{"status": 500, "mess', {}, "failed to answer (HTTP 500)"),
    (500, "application/json", DEEP, {}, "failed to answer (HTTP 500)"),
    (502, "text/html", "<html>Bad Gateway</html>", {}, "failed to answer (HTTP 502)"),
    (503, "text/plain", "upstream connect error", {"Retry-After": "5"}, "HTTP 503"),
    (504, "text/html", "", {}, "failed to answer (HTTP 504)"),
    (520, "text/html", "<html>cloudflare</html>", {}, "failed to answer (HTTP 520)"),
    (301, "text/html", "", {"Location": SECRET_URL}, "redirect (HTTP 301)"),
    (307, "text/html", "", {"Location": "/elsewhere"}, "redirect (HTTP 307)"),
    (418, "text/plain", "teapot", {}, "rejected the request (HTTP 418)"),
    (204, "application/json", "", {}, UNREADABLE),
]
NOT_FOUND = {TARGETS: "No connection", VALUES: "has no target-creation property", PROPERTIES: "No connection"}


def _handler(
    body: Any, status: int = 200, content_type: str = "application/json", headers: dict[str, str] | None = None
):
    raw = body if isinstance(body, str) else json.dumps(body)

    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            status,
            content=raw.encode("utf-8", "surrogatepass"),
            headers={"Content-Type": content_type, **(headers or {})},
        )

    return handle


# Retryable statuses (429, 502-504) would be retried (tested in test_transport.py); here the first answer counts.
QUICK = dataclasses.replace(SETTINGS, max_retries=0)


@asynccontextmanager
async def answering(
    handler: Callable[[httpx.Request], httpx.Response], settings: Settings = SETTINGS
) -> AsyncIterator[Client]:
    api = make_api_client(settings, transport=httpx.MockTransport(handler))
    async with Client(build_server(settings, api)) as client:
        yield client


async def _call(client: Client, call: str) -> tuple[bool, str, dict[str, Any] | None]:
    tool, arguments = CALLS[call]
    result = await client.call_tool(tool, arguments)
    text = result.content[0].text if result.content and result.content[0].type == "text" else ""
    return result.is_error, text, result.structured_content


@pytest.fixture(scope="module")
def output_schemas() -> dict[str, Validator]:
    from polytomic_mcp.tools import TOOLS

    return {spec.name: schema_validator(spec.build().output_schema or {}) for spec in TOOLS}


def _assert_clean_error(text: str) -> None:
    assert text not in {f"Error executing tool {tool}" for tool in (TARGETS, VALUES)}, "a bare crash message"
    assert "failed inside this server" not in text, "an expected upstream failure reported as our crash"
    assert "Invalid argument" not in text and "nothing was sent" not in text.lower()
    for leak in ("Traceback", "sandbox-api-key", "app.polytomic.com", "sandbox.polytomic.invalid"):
        assert leak not in text


@pytest.mark.parametrize(("call", "body", "check"), OK_TARGETS + OK_VALUES)
async def test_an_odd_but_usable_answer_gives_a_result_that_fits_the_output_schema(
    call: str, body: Any, check: Check, output_schemas: dict[str, Validator]
) -> None:
    async with answering(_handler(body)) as client:
        is_error, text, structured = await _call(client, call)
    assert not is_error, text
    assert structured is not None and json.loads(text) == structured
    output_schemas[CALLS[call][0]].validate(structured)
    assert check(structured), structured


@pytest.mark.parametrize(("call", "body"), UNREADABLE_BODIES)
async def test_an_answer_of_the_wrong_shape_is_reported_as_unreadable(call: str, body: Any) -> None:
    async with answering(_handler(body)) as client:
        is_error, text, _ = await _call(client, call)
    assert is_error and UNREADABLE in text, text
    _assert_clean_error(text)


@pytest.mark.parametrize("call", [TARGETS, VALUES])
@pytest.mark.parametrize(("status", "content_type", "body", "headers", "expected"), STATUS_ANSWERS)
async def test_an_error_status_with_any_body_gives_the_status_s_own_message(
    call: str,
    status: int,
    content_type: str,
    body: str,
    headers: dict[str, str],
    expected: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    async with answering(_handler(body, status, content_type, headers), QUICK) as client:
        is_error, text, _ = await _call(client, call)
    assert is_error
    assert (NOT_FOUND[call] if expected == "No connection" else expected) in text, text
    _assert_clean_error(text)
    assert not [r for r in caplog.records if r.exc_info], "an expected upstream failure logged a traceback"
    assert len([r for r in caplog.records if r.name.startswith("polytomic_mcp") and r.levelno >= logging.WARNING]) <= 1


def test_the_hostile_upstream_corpus_is_large_enough_to_matter() -> None:
    cases = len(OK_TARGETS) + len(OK_VALUES) + len(UNREADABLE_BODIES) + 2 * len(STATUS_ANSWERS)
    assert cases >= 60
