from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from mcp import Client

from polytomic_mcp.cache import REFRESH_WINDOW
from polytomic_mcp.clients import make_api_client
from polytomic_mcp.paging import decode_cursor, listing_scope
from polytomic_mcp.sandbox import Sandbox
from polytomic_mcp.sandbox.dataset import ALL_CONNECTIONS, FORBIDDEN, MYSQL_DENIED, SALESFORCE, UNHEALTHY
from polytomic_mcp.server import build_server
from polytomic_sync_client.api.connections import list_connections
from polytomic_sync_client.models import ConnectionListResponseEnvelope
from tests.mcp_server.conftest import SETTINGS
from tests.mcp_server.support import Clock, call_error, call_ok, page_through

pytestmark = pytest.mark.anyio

CANARY = "CANARY-c0nf1g-s3cr3t"


async def upstream_connections(sandbox: Sandbox) -> ConnectionListResponseEnvelope:
    async with make_api_client(SETTINGS, transport=sandbox.transport()) as api:
        response = await list_connections.asyncio_detailed(client=api)
    assert isinstance(response.parsed, ConnectionListResponseEnvelope)
    return response.parsed


def mock_client(body: Any) -> Client:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/api/connections"
        return httpx.Response(200, json=body)

    return Client(build_server(SETTINGS, make_api_client(SETTINGS, transport=httpx.MockTransport(handler))))


async def test_paging_through_connections_returns_every_one_exactly_once_in_id_order(mcp_client: Client) -> None:
    found = await page_through(mcp_client, "list_connections", {"limit": 2}, "connections")
    ids = [c["id"] for c in found]
    assert ids == sorted(ALL_CONNECTIONS)


async def test_a_connection_keeps_its_id_name_and_type_id_only(mcp_client: Client, sandbox: Sandbox) -> None:
    upstream = {str(c.id): c for c in (await upstream_connections(sandbox)).data or []}
    page = await call_ok(mcp_client, "list_connections", {})
    assert page["total"] == len(upstream) and page["next_cursor"] is None and "skipped" not in page
    for conn in page["connections"]:
        source = upstream[conn["id"]]
        assert conn["name"] == source.name
        assert conn["type"] == source.type_.id  # type: ignore[union-attr]
        assert set(conn) <= {"id", "name", "type", "status", "error"}


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("salesforce", [SALESFORCE]),  # name and type id
        ("MYSQL", [UNHEALTHY]),  # type id, any case
        (FORBIDDEN[:13], [FORBIDDEN]),  # part of the id
        ("finance team", [FORBIDDEN]),  # name
        ("no-such-connection", []),
    ],
)
async def test_search_matches_name_id_and_type(mcp_client: Client, term: str, expected: list[str]) -> None:
    page = await call_ok(mcp_client, "list_connections", {"search": term})
    assert [c["id"] for c in page["connections"]] == expected
    assert page["total"] == len(expected)


async def test_only_an_unhealthy_connection_shows_its_status_and_error(mcp_client: Client) -> None:
    page = await call_ok(mcp_client, "list_connections", {"limit": 500})
    states = {c["id"]: (c.get("status"), c.get("error")) for c in page["connections"]}
    assert states.pop(UNHEALTHY) == ("unhealthy", MYSQL_DENIED)
    assert set(states.values()) == {(None, None)}


async def test_a_forbidden_connection_is_listed_and_says_so_when_its_targets_are_read(mcp_client: Client) -> None:
    page = await call_ok(mcp_client, "list_connections", {"search": "finance"})
    assert [c["id"] for c in page["connections"]] == [FORBIDDEN]
    text = await call_error(mcp_client, "list_sync_targets", {"connection_id": FORBIDDEN})
    assert "HTTP 403" in text


async def test_nothing_from_configuration_ever_reaches_the_model() -> None:
    conn = {
        "id": SALESFORCE,
        "name": "CRM",
        "type": {"id": "salesforce", "name": "Salesforce", "operations": ["modelsyncdestination"]},
        "configuration": {"password": CANARY, CANARY: "key", "nested": {"token": CANARY}},
        "status": "healthy",
        "organization_id": UNHEALTHY,
    }
    async with mock_client({"data": [conn]}) as client:
        page = await call_ok(client, "list_connections", {})
    assert page["connections"] == [{"id": SALESFORCE, "name": "CRM", "type": "salesforce"}]
    assert CANARY not in json.dumps(page)


async def test_an_unhealthy_connection_s_error_is_sanitised() -> None:
    conn = {
        "id": UNHEALTHY,
        "status": "error",
        "status_error": "cannot reach https://db.example.com:3306/crm?password=x\x1b[31m\nnow",
    }
    async with mock_client({"data": [conn]}) as client:
        page = await call_ok(client, "list_connections", {})
    assert page["connections"] == [{"id": UNHEALTHY, "status": "error", "error": "cannot reach [url] now"}]


async def test_an_unhealthy_connection_s_status_and_error_never_show_the_server_s_api_key() -> None:
    key = SETTINGS.api_key or ""
    conn = {"id": UNHEALTHY, "status": f"denied {key}", "status_error": f"key {key} was refused"}
    async with mock_client({"data": [conn]}) as client:
        page = await call_ok(client, "list_connections", {})
    assert page["connections"] == [
        {"id": UNHEALTHY, "status": "denied [redacted]", "error": "key [redacted] was refused"}
    ]


@pytest.mark.parametrize(
    ("body", "expected", "skipped"),
    [
        ({"data": None}, [], None),
        ({}, [], None),
        ({"data": [{"name": "no id"}, {"id": None}, {"id": SALESFORCE, "name": 42}]}, [SALESFORCE], 2),
        ({"data": [{}, {"id": SALESFORCE, "name": 42, "type": {"id": None}}, {"id": SALESFORCE}]}, [SALESFORCE], 1),
    ],
)
async def test_missing_nulls_and_items_without_an_id_are_tolerated_and_counted(
    body: dict[str, Any], expected: list[str], skipped: int | None
) -> None:
    async with mock_client(body) as client:
        page = await call_ok(client, "list_connections", {})
    assert [c["id"] for c in page["connections"]] == expected
    assert page.get("skipped") == skipped
    if expected:
        assert page["connections"][0] == {"id": SALESFORCE, "name": "42"}


def _bad_arguments() -> list[tuple[dict[str, Any], str]]:
    return [
        ({"limit": 0}, "'limit'"),
        ({"limit": 501}, "'limit'"),
        ({"cursor": "not a cursor!"}, "'cursor'"),
        ({"search": "a\x00b"}, "'search'"),
        ({"search": "x" * 201}, "'search'"),
        ({"connection_id": SALESFORCE}, "'connection_id'"),
    ]


@pytest.mark.parametrize(("arguments", "names"), _bad_arguments())
async def test_invalid_arguments_are_refused_and_never_reach_polytomic(
    mcp_client: Client, sandbox: Sandbox, arguments: dict[str, Any], names: str
) -> None:
    text = await call_error(mcp_client, "list_connections", arguments)
    assert names in text and "nothing was sent" in text.lower()
    assert sandbox.requests == []


async def test_a_cursor_from_another_search_is_refused_before_any_request(mcp_client: Client, sandbox: Sandbox) -> None:
    page = await call_ok(mcp_client, "list_connections", {"limit": 1})
    count = len(sandbox.requests)
    text = await call_error(mcp_client, "list_connections", {"search": "a", "cursor": page["next_cursor"]})
    assert "different listing" in text
    assert len(sandbox.requests) == count


@pytest.mark.parametrize(
    ("inject", "expected"),
    [
        (lambda s: s.faults.inject("list_connections", "status", status=403), "HTTP 403"),
        (lambda s: s.faults.inject("list_connections", "status", status=500), "HTTP 500"),
        (lambda s: s.faults.inject("list_connections", "malformed_json"), "could not read"),
        (lambda s: s.faults.inject("list_connections", "unknown_values"), None),
    ],
)
async def test_upstream_failures_become_messages_with_a_next_step(
    mcp_client: Client, sandbox: Sandbox, inject: Callable[[Sandbox], None], expected: str | None
) -> None:
    inject(sandbox)
    if expected is None:
        page = await call_ok(mcp_client, "list_connections", {})
        assert page["total"] == len(ALL_CONNECTIONS)
    else:
        assert expected in await call_error(mcp_client, "list_connections", {})


@pytest.mark.parametrize(
    ("body", "where"),
    [({"data": ["junk"]}, "$.data[0]"), ({"data": [{"id": "not-a-uuid"}]}, "$.data[0].id"), ({"data": {}}, "$.data")],
)
async def test_an_answer_of_the_wrong_shape_is_reported_as_unreadable_with_where(
    body: dict[str, Any], where: str
) -> None:
    async with mock_client(body) as client:
        text = await call_error(client, "list_connections", {})
    assert "could not read" in text and where in text


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (
            404,
            "Polytomic did not find the connections list (HTTP 404), which every organization has: the API is not at "
            "the configured address. No argument changes this: the person running the server should check "
            "POLYTOMIC_BASE_URL (the API's origin, e.g. https://app.polytomic.com, without /api).",
        ),
        (
            403,
            "Polytomic denied access (HTTP 403): this server's API key may not read the organization's connections. "
            "Changing other arguments will not help; use a connection the key's user can access, or ask for the "
            "permission.",
        ),
    ],
)
async def test_a_refused_listing_says_what_could_not_be_read(
    mcp_client: Client, sandbox: Sandbox, status: int, message: str
) -> None:
    sandbox.faults.inject("list_connections", "status", status=status)
    assert await call_error(mcp_client, "list_connections", {}) == f"Error executing tool list_connections: {message}"


async def test_the_listing_is_read_once_and_again_only_on_refresh(
    mcp_client: Client, sandbox: Sandbox, cache_clock: Clock
) -> None:
    await call_ok(mcp_client, "list_connections", {})
    await call_ok(mcp_client, "list_connections", {"search": "salesforce"})
    await call_ok(mcp_client, "list_connections", {"refresh": True})  # right after a fetch: reuses it
    assert len(sandbox.requests) == 1
    cache_clock.now += REFRESH_WINDOW
    await call_ok(mcp_client, "list_connections", {"refresh": True})
    assert len(sandbox.requests) == 2


async def test_a_cursor_is_bound_to_the_connections_listing_and_its_search(mcp_client: Client) -> None:
    page = await call_ok(mcp_client, "list_connections", {"limit": 1})
    assert decode_cursor(page["next_cursor"], listing_scope("connections", None)) == page["connections"][0]["id"]
    searched = await call_ok(mcp_client, "list_connections", {"limit": 1, "search": "-"})
    assert decode_cursor(searched["next_cursor"], listing_scope("connections", "-")) == searched["connections"][0]["id"]
