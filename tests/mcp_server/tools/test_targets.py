from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest
from mcp import Client
from polytomic import types as sdk

from polytomic_mcp.cache import REFRESH_WINDOW
from polytomic_mcp.clients import make_api_client
from polytomic_mcp.paging import decode_cursor, listing_scope
from polytomic_mcp.sandbox import DEFAULT_API_KEY, SANDBOX_BASE_URL, Sandbox
from polytomic_mcp.sandbox.dataset import (
    ALL_CONNECTIONS,
    DOCS_EXAMPLE,
    FACEBOOK_ADS,
    FORBIDDEN,
    GO_STYLE,
    HUBSPOT,
    LINKEDIN_ADS,
    NULL_TARGETS,
    SALESFORCE,
    UNHEALTHY,
    WAREHOUSE,
)
from polytomic_mcp.server import build_server
from polytomic_sync_client.api.model_sync_targets import get_target_creation_property_values, list_sync_targets
from polytomic_sync_client.models import TargetObjectsResponseEnvelope, TargetPropertyValuesEnvelope
from tests.mcp_server.conftest import SETTINGS
from tests.mcp_server.support import Clock, call_error, call_ok, entry_id, page_through, read_mode_page
from tests.snapshots import assert_json_snapshot

pytestmark = pytest.mark.anyio

LISTABLE = [c for c in ALL_CONNECTIONS if c not in (FORBIDDEN, UNHEALTHY)]


async def upstream_targets(sandbox: Sandbox, connection: str) -> TargetObjectsResponseEnvelope:
    async with make_api_client(SETTINGS, transport=sandbox.transport()) as api:
        response = await list_sync_targets.asyncio_detailed(
            uuid.UUID(connection), client=api, include_target_creation_values=True
        )
    assert isinstance(response.parsed, TargetObjectsResponseEnvelope)
    return response.parsed


async def upstream_values(sandbox: Sandbox, connection: str, prop: str) -> list[tuple[str, str | None]]:
    async with make_api_client(SETTINGS, transport=sandbox.transport()) as api:
        response = await get_target_creation_property_values.asyncio_detailed(uuid.UUID(connection), prop, client=api)
    assert isinstance(response.parsed, TargetPropertyValuesEnvelope)
    values = response.parsed.data.values  # type: ignore[union-attr]
    assert isinstance(values, list)
    return [(str(v.value), v.label if isinstance(v.label, str) else None) for v in values]


def mock_targets_client(body: dict[str, Any]) -> Client:
    """A client of a server whose Polytomic answers every request with `body`."""
    api = make_api_client(SETTINGS, transport=httpx.MockTransport(lambda request: httpx.Response(200, json=body)))
    return Client(build_server(SETTINGS, api))


@pytest.mark.parametrize("connection", LISTABLE)
async def test_paging_through_targets_returns_every_id_exactly_once_in_a_stable_order(
    mcp_client: Client, sandbox: Sandbox, connection: str
) -> None:
    expected = {
        t.id for t in (await upstream_targets(sandbox, connection)).data or [] if isinstance(t.id, str) and t.id
    }
    first = await page_through(mcp_client, "list_sync_targets", {"connection_id": connection, "limit": 173}, "targets")
    second = await page_through(mcp_client, "list_sync_targets", {"connection_id": connection, "limit": 500}, "targets")
    ids = [t["id"] for t in first]
    assert len(ids) == len(set(ids)) == len(expected)
    assert set(ids) == expected
    assert ids == [t["id"] for t in second] == sorted(ids)


async def test_first_page_reports_total_and_a_cursor_for_the_rest(mcp_client: Client) -> None:
    page = await call_ok(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE})
    assert len(page["targets"]) == 50
    assert page["total"] >= 900
    assert isinstance(page["next_cursor"], str)
    assert "target_creation" not in page


@pytest.mark.parametrize(
    ("connection", "term"),
    [(SALESFORCE, "account"), (SALESFORCE, "__C"), (WAREHOUSE, "public."), (HUBSPOT, "deal"), (SALESFORCE, "zz-no")],
)
async def test_search_finds_every_target_whose_id_or_name_contains_the_term(
    mcp_client: Client, sandbox: Sandbox, connection: str, term: str
) -> None:
    upstream = (await upstream_targets(sandbox, connection)).data or []
    expected = {
        str(t.id)
        for t in upstream
        if term.casefold() in str(t.id).casefold() or term.casefold() in str(t.name).casefold()
    }
    found = await page_through(
        mcp_client, "list_sync_targets", {"connection_id": connection, "search": term, "limit": 500}, "targets"
    )
    assert {t["id"] for t in found} == expected


async def test_targets_keep_true_capabilities_only_and_names_only_where_they_add_information(
    mcp_client: Client, sandbox: Sandbox
) -> None:
    upstream = {str(t.id): t for t in (await upstream_targets(sandbox, SALESFORCE)).data or []}
    targets = await page_through(
        mcp_client, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 500}, "targets"
    )
    named = 0
    for target in targets:
        source = upstream[target["id"]]
        assert set(target) <= {"id", "name", "modes"}
        named += "name" in target
        for mode in source.modes or []:
            flags = target["modes"][str(mode.id)]
            assert ("identity" in flags) == (mode.requires_identity is True)
            assert ("per_field" in flags) == (mode.supports_per_field_mode is True)
            assert ("filters" in flags) == (mode.supports_target_filters is True)
    assert 0 < named < len(targets)


async def test_connection_that_can_create_targets_describes_its_creation_properties(mcp_client: Client) -> None:
    page = await call_ok(mcp_client, "list_sync_targets", {"connection_id": FACEBOOK_ADS})
    props = {p["id"]: p for p in page["target_creation"]["properties"]}
    assert props["account"]["enum"] is True
    assert props["name"]["enum"] is False
    assert "values" not in props["account"]


async def test_inline_creation_values_are_capped_with_their_count(mcp_client: Client, sandbox: Sandbox) -> None:
    page = await call_ok(
        mcp_client, "list_sync_targets", {"connection_id": LINKEDIN_ADS, "include_target_creation_values": True}
    )
    account = next(p for p in page["target_creation"]["properties"] if p["id"] == "account")
    assert account["value_count"] == len(await upstream_values(sandbox, LINKEDIN_ADS, "account")) >= 300
    assert len(account["values"]) == 10
    assert "get_target_creation_values" in page["target_creation"]["note"]


async def test_docs_example_connection_is_trimmed_to_ids_modes_and_creation_values(mcp_client: Client) -> None:
    page = await call_ok(
        mcp_client, "list_sync_targets", {"connection_id": DOCS_EXAMPLE, "include_target_creation_values": True}
    )
    assert page["targets"][0]["id"] == "crm_contact"
    assert page["total"] == 1 and page["next_cursor"] is None
    values = page["target_creation"]["properties"][0]["values"]
    assert set(values) == {"1234567::urn:li:organization:987654", "urn:li:account:na_sales_001"}


async def test_destination_with_null_targets_lists_none(mcp_client: Client) -> None:
    page = await call_ok(mcp_client, "list_sync_targets", {"connection_id": NULL_TARGETS})
    assert page == {"targets": [], "total": 0, "next_cursor": None}


@pytest.mark.parametrize(
    ("connection", "prop"), [(LINKEDIN_ADS, "account"), (FACEBOOK_ADS, "account"), (WAREHOUSE, "schema")]
)
async def test_paging_through_creation_values_returns_every_value_exactly_once(
    mcp_client: Client, sandbox: Sandbox, connection: str, prop: str
) -> None:
    expected = await upstream_values(sandbox, connection, prop)
    values = await page_through(
        mcp_client, "get_target_creation_values", {"connection_id": connection, "property": prop, "limit": 37}, "values"
    )
    assert [value for value, _ in values] == sorted(v for v, _ in expected)
    labels = dict(expected)
    for value, label in values:
        assert label == expected_label(value, labels[value]), value


def expected_label(value: str, upstream: str | None) -> str | None:
    """What the model should read as a value's label, written out independently of the code under test."""
    if upstream is None:
        return None
    head, sep, tail = upstream.rpartition(" (")
    if sep and tail.endswith(")") and tail[:-1] in value and "(" not in tail and ")" not in tail[:-1]:
        upstream = head.rstrip()
    return None if upstream in ("", value) else upstream


@pytest.mark.parametrize(("connection", "prop"), [(LINKEDIN_ADS, "account"), (FACEBOOK_ADS, "account")])
async def test_ad_account_labels_lose_the_restated_id_but_keep_the_name(
    mcp_client: Client, sandbox: Sandbox, connection: str, prop: str
) -> None:
    upstream = dict(await upstream_values(sandbox, connection, prop))
    values = dict(
        await page_through(
            mcp_client,
            "get_target_creation_values",
            {"connection_id": connection, "property": prop, "limit": 500},
            "values",
        )
    )
    shortened = [v for v, label in values.items() if label is not None and label != upstream[v]]
    assert len(shortened) > len(values) // 2
    for value in shortened:
        restated = str(upstream[value]).rpartition(" (")[2].removesuffix(")")
        assert upstream[value] == f"{values[value]} ({restated})" and restated in value


async def test_creation_values_search_matches_value_and_label(mcp_client: Client, sandbox: Sandbox) -> None:
    expected = await upstream_values(sandbox, LINKEDIN_ADS, "account")
    term = (expected[7][1] or expected[7][0]).split()[0]
    page = await call_ok(
        mcp_client,
        "get_target_creation_values",
        {"connection_id": LINKEDIN_ADS, "property": "account", "search": term, "limit": 500},
    )
    want = {
        v for v, label in expected if term.casefold() in v.casefold() or term.casefold() in (label or "").casefold()
    }
    assert set(page["values"]) == want
    assert page["total"] == len(want) and page["property"] == "account"


async def test_without_property_lists_creation_properties_with_value_counts(mcp_client: Client) -> None:
    result = await call_ok(mcp_client, "get_target_creation_values", {"connection_id": WAREHOUSE})
    props = {p["id"]: p for p in result["properties"]}
    assert props["schema"]["enum"] is True and props["schema"]["value_count"] > 0
    assert props["table"]["enum"] is False and "value_count" not in props["table"]


async def test_connection_that_cannot_create_targets_points_to_list_sync_targets(mcp_client: Client) -> None:
    text = await call_error(mcp_client, "get_target_creation_values", {"connection_id": SALESFORCE})
    assert "cannot create new targets" in text and "list_sync_targets" in text
    text = await call_error(
        mcp_client, "get_target_creation_values", {"connection_id": SALESFORCE, "property": "account"}
    )
    assert "list_sync_targets" in text


def _bad_arguments() -> list[tuple[str, dict[str, Any], str]]:
    ok = SALESFORCE
    return [
        ("list_sync_targets", {"connection_id": "not-a-uuid"}, "'connection_id' must be a UUID"),
        ("list_sync_targets", {"connection_id": "../../api/connections"}, "'connection_id' must be a UUID"),
        ("list_sync_targets", {}, "'connection_id' is required"),
        ("list_sync_targets", {"connection_id": ok, "limit": 0}, "'limit'"),
        ("list_sync_targets", {"connection_id": ok, "limit": 501}, "'limit'"),
        ("list_sync_targets", {"connection_id": ok, "cursor": "garbage!"}, "'cursor'"),
        ("list_sync_targets", {"connection_id": ok, "cursor": "eyJhIjoiIn0"}, "'cursor'"),
        ("list_sync_targets", {"connection_id": ok, "search": "a\nb"}, "'search'"),
        ("list_sync_targets", {"connection_id": ok, "query": "x"}, "'query'"),
        ("get_target_creation_values", {"connection_id": ok, "property": ".."}, "'property'"),
        ("get_target_creation_values", {"connection_id": ok, "property": "."}, "'property'"),
        ("get_target_creation_values", {"connection_id": ok, "property": ""}, "'property'"),
        ("get_target_creation_values", {"connection_id": ok, "property": "a\x00b"}, "'property'"),
        ("get_target_creation_values", {"connection_id": ok, "property": "x" * 201}, "'property'"),
    ]


@pytest.mark.parametrize(("tool", "arguments", "names"), _bad_arguments())
async def test_invalid_arguments_are_refused_with_the_fix_and_never_reach_polytomic(
    mcp_client: Client, sandbox: Sandbox, tool: str, arguments: dict[str, Any], names: str
) -> None:
    text = await call_error(mcp_client, tool, arguments)
    assert names in text
    assert "pydantic" not in text and "http" not in text.lower()
    assert sandbox.requests == []


async def test_a_cursor_from_another_search_is_refused_before_any_request(mcp_client: Client, sandbox: Sandbox) -> None:
    page = await call_ok(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE, "search": "a"})
    count = len(sandbox.requests)
    text = await call_error(
        mcp_client, "list_sync_targets", {"connection_id": SALESFORCE, "search": "b", "cursor": page["next_cursor"]}
    )
    assert "different listing" in text
    assert len(sandbox.requests) == count


@pytest.mark.parametrize(("connection", "mode"), [(SALESFORCE, "updateOrCreate"), (WAREHOUSE, "replace")])
async def test_mode_keeps_exactly_the_targets_that_support_it_across_pages(
    mcp_client: Client, sandbox: Sandbox, connection: str, mode: str
) -> None:
    upstream = (await upstream_targets(sandbox, connection)).data or []
    expected = {str(t.id) for t in upstream if any(str(m.id) == mode for m in t.modes or [])}
    found = await page_through(
        mcp_client, "list_sync_targets", {"connection_id": connection, "mode": mode, "limit": 211}, "targets"
    )
    ids = [entry_id(t) for t in found]
    assert len(ids) == len(set(ids)) and set(ids) == expected
    assert 0 < len(expected) < len(upstream)


@pytest.mark.parametrize(("connection", "mode"), [(SALESFORCE, "updateOrCreate"), (GO_STYLE, "updateOrCreate")])
async def test_a_mode_answer_read_as_its_schema_says_gives_every_target_the_capabilities_the_official_sdk_reads(
    mcp_client: Client, sandbox: Sandbox, connection: str, mode: str
) -> None:
    async with httpx.AsyncClient(
        transport=sandbox.transport(),
        base_url=SANDBOX_BASE_URL,
        headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"},
    ) as raw:
        body = (await raw.get(f"/api/connections/{connection}/modelsync/targetobjects")).json()
    expected: dict[str, list[str]] = {}
    for target in sdk.TargetObjectsResponseEnvelope.model_validate(body).data or []:
        entries = [m for m in target.modes or [] if m.id == mode]
        if target.id and entries and target.id not in expected:  # the first occurrence of an id counts
            flags = (
                entries[0].requires_identity,
                entries[0].supports_per_field_mode,
                entries[0].supports_target_filters,
            )
            expected[target.id] = [
                name for name, on in zip(("identity", "per_field", "filters"), flags, strict=True) if on is True
            ]

    read: dict[str, list[str]] = {}
    cursor = None
    for _ in range(10):
        page = await call_ok(
            mcp_client,
            "list_sync_targets",
            {"connection_id": connection, "mode": mode, "limit": 100, **({"cursor": cursor} if cursor else {})},
        )
        assert page["mode"] == mode
        for target_id, capabilities in read_mode_page(page).items():
            assert target_id not in read, f"{target_id} appears on two pages"
            read[target_id] = capabilities
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert read == expected
    assert len({tuple(c) for c in expected.values()}) > 1  # some targets differ from the common capabilities


async def test_a_mode_page_states_the_common_capabilities_once_and_only_what_a_target_adds() -> None:
    body = {
        "data": [
            {"id": "a", "name": "Alpha account", "modes": [{"id": "update", "requires_identity": True}]},
            {"id": "b", "name": "B", "modes": [{"id": "update", "requires_identity": True}, {"id": "create"}]},
            {"id": "c", "modes": [{"id": "update", "supports_target_filters": True}]},
            {"id": "d", "modes": [{"id": "create"}]},
            {"id": "e", "modes": [{"id": "update"}, {"id": "update", "requires_identity": True}]},
        ]
    }
    async with mock_targets_client(body) as client:
        page = await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE, "mode": "update"})
        tie = await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE, "mode": "update", "limit": 2,
                                                          "search": "c"})  # fmt: skip
        nothing = await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE, "mode": "update",
                                                              "search": "zz"})  # fmt: skip
    assert page == {
        "mode": "update",
        "capabilities": ["identity"],
        "targets": [{"id": "a", "name": "Alpha account"}, "b", {"id": "c", "capabilities": ["filters"]},
                    {"id": "e", "capabilities": []}],
        "total": 4,
        "next_cursor": None,
    }  # fmt: skip
    # "c" matches a (Alpha account) and c: one capability set each, the first one's is stated for the page
    assert tie["capabilities"] == ["identity"]
    assert tie["targets"] == [{"id": "a", "name": "Alpha account"}, {"id": "c", "capabilities": ["filters"]}]
    assert nothing == {"mode": "update", "capabilities": [], "targets": [], "total": 0, "next_cursor": None}


async def test_mode_and_search_combine(mcp_client: Client) -> None:
    everything = await page_through(
        mcp_client, "list_sync_targets", {"connection_id": SALESFORCE, "search": "contact", "limit": 500}, "targets"
    )
    page = await call_ok(
        mcp_client, "list_sync_targets", {"connection_id": SALESFORCE, "search": "contact", "mode": "remove"}
    )
    assert [entry_id(t) for t in page["targets"]] == [t["id"] for t in everything if "remove" in t["modes"]]
    assert 0 < page["total"] < len(everything)


async def test_a_mode_no_target_supports_names_the_modes_that_exist(mcp_client: Client, sandbox: Sandbox) -> None:
    text = await call_error(mcp_client, "list_sync_targets", {"connection_id": LINKEDIN_ADS, "mode": "updateOrCreate"})
    assert "'updateOrCreate'" in text and "append, remove, replace" in text
    assert len(sandbox.requests) == 1


async def test_a_cursor_from_another_mode_is_refused_before_any_request(mcp_client: Client, sandbox: Sandbox) -> None:
    page = await call_ok(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE, "mode": "update"})
    count = len(sandbox.requests)
    for other in ({"mode": "remove"}, {}):
        text = await call_error(
            mcp_client, "list_sync_targets", {"connection_id": SALESFORCE, "cursor": page["next_cursor"], **other}
        )
        assert "different listing" in text
    assert len(sandbox.requests) == count


@pytest.mark.parametrize("mode", ["", "update or create", "update\n", "x" * 101, "../x"])
async def test_a_malformed_mode_is_refused_before_any_request(mcp_client: Client, sandbox: Sandbox, mode: str) -> None:
    text = await call_error(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE, "mode": mode})
    assert "'mode'" in text and "nothing was sent" in text
    assert sandbox.requests == []


async def test_every_argument_error_message_matches_its_reviewed_snapshot(mcp_client: Client) -> None:
    """The whole text of each refusal the model reads, reviewed as one diff."""
    texts = {}
    for tool, arguments, _ in _bad_arguments():
        texts[f"{tool} {json.dumps(arguments, sort_keys=True)}"] = await call_error(mcp_client, tool, arguments)
    for tool, arguments in [
        ("list_sync_targets", {"connection_id": "x", "limit": 0}),
        ("list_sync_targets", {"connection_id": SALESFORCE, "query": "x", "page": 2}),
    ]:
        texts[f"{tool} {json.dumps(arguments, sort_keys=True)}"] = await call_error(mcp_client, tool, arguments)
    texts["get_target_creation_values cannot create"] = await call_error(
        mcp_client, "get_target_creation_values", {"connection_id": SALESFORCE}
    )
    assert_json_snapshot("outputs/argument_errors", texts)


async def test_a_values_cursor_from_another_search_is_refused_before_any_request(
    mcp_client: Client, sandbox: Sandbox
) -> None:
    arguments = {"connection_id": LINKEDIN_ADS, "property": "account", "limit": 2}
    page = await call_ok(mcp_client, "get_target_creation_values", {**arguments, "search": "a"})
    count = len(sandbox.requests)
    text = await call_error(
        mcp_client, "get_target_creation_values", {**arguments, "search": "b", "cursor": page["next_cursor"]}
    )
    assert "different listing" in text and len(sandbox.requests) == count


async def test_search_matches_a_term_found_only_in_target_names(mcp_client: Client, sandbox: Sandbox) -> None:
    upstream = (await upstream_targets(sandbox, SALESFORCE)).data or []
    named = next(t for t in upstream if adds_name(str(t.id), t.name))
    term = next(word for word in str(named.name).split() if word.casefold() not in str(named.id).casefold())
    found = await call_ok(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE, "search": term, "limit": 500})
    assert str(named.id) in {t["id"] for t in found["targets"]}


async def test_creation_values_search_matches_a_term_found_only_in_values(mcp_client: Client, sandbox: Sandbox) -> None:
    expected = await upstream_values(sandbox, LINKEDIN_ADS, "account")
    value, label = next((v, label) for v, label in expected if label and ":" in v)
    term = value.rsplit(":", 1)[0]  # e.g. urn:li:sponsoredAccount, never in a label
    assert term.casefold() not in (label or "").casefold()
    page = await call_ok(
        mcp_client,
        "get_target_creation_values",
        {"connection_id": LINKEDIN_ADS, "property": "account", "search": term, "limit": 500},
    )
    assert value in page["values"]


def adds_name(id_: str, name: object) -> bool:
    return isinstance(name, str) and any(word.casefold() not in id_.casefold() for word in name.split())


def _listings() -> dict[str, tuple[str, dict[str, Any], str]]:
    """One first page of each listing the target tools page through: tool, arguments and what it lists."""
    props = {"connection_id": WAREHOUSE, "limit": 1}
    values = {"connection_id": LINKEDIN_ADS, "property": "account", "limit": 1}
    targets = {"connection_id": WAREHOUSE, "limit": 1}
    return {
        "properties": ("get_target_creation_values", props, "properties"),
        "properties searched": ("get_target_creation_values", {**props, "search": "a"}, "properties"),
        "properties elsewhere": ("get_target_creation_values", {**props, "connection_id": LINKEDIN_ADS}, "properties"),
        "values": ("get_target_creation_values", values, "values"),
        "values searched": ("get_target_creation_values", {**values, "search": "a"}, "values"),
        "values of another property": (
            "get_target_creation_values",
            {**values, "connection_id": WAREHOUSE, "property": "schema"},
            "values",
        ),
        "targets": ("list_sync_targets", targets, "targets"),
        "targets elsewhere": ("list_sync_targets", {**targets, "connection_id": SALESFORCE}, "targets"),
    }


async def test_a_cursor_resumes_its_own_listing_and_is_refused_by_every_other_one(mcp_client: Client) -> None:
    listings = _listings()
    cursors = {}
    for name, (tool, arguments, _) in listings.items():
        page = await call_ok(mcp_client, tool, arguments)
        assert page["next_cursor"] is not None, name
        cursors[name] = page["next_cursor"]
    for name, (tool, arguments, _) in listings.items():
        for other, cursor in cursors.items():
            result = await mcp_client.call_tool(tool, {**arguments, "cursor": cursor})
            assert result.is_error == (other != name), (name, other)


async def test_a_cursor_names_the_last_key_in_the_scope_of_what_is_listed(mcp_client: Client) -> None:
    properties = await call_ok(mcp_client, "get_target_creation_values", {"connection_id": WAREHOUSE, "limit": 1})
    [first] = properties["properties"]
    scope = listing_scope("properties", WAREHOUSE, None)
    assert decode_cursor(properties["next_cursor"], scope) == first["id"]

    arguments = {"connection_id": LINKEDIN_ADS, "property": "account", "limit": 1, "search": "a"}
    values = await call_ok(mcp_client, "get_target_creation_values", arguments)
    scope = listing_scope("values", LINKEDIN_ADS, "account", "a")
    assert decode_cursor(values["next_cursor"], scope) == next(iter(values["values"]))

    targets = await call_ok(
        mcp_client, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 1, "mode": "create"}
    )
    scope = listing_scope("targets", SALESFORCE, None, "create")
    assert decode_cursor(targets["next_cursor"], scope) == entry_id(targets["targets"][0])


@pytest.mark.parametrize(
    "arguments",
    [
        {"connection_id": WAREHOUSE},
        {"connection_id": WAREHOUSE, "property": "schema"},
        {"connection_id": WAREHOUSE, "include_target_creation_values": True},
    ],
    ids=["properties", "values", "targets"],
)
async def test_an_answer_is_read_once_and_again_only_on_refresh(
    mcp_client: Client, sandbox: Sandbox, cache_clock: Clock, arguments: dict[str, Any]
) -> None:
    tool = "list_sync_targets" if "include_target_creation_values" in arguments else "get_target_creation_values"
    await call_ok(mcp_client, tool, arguments)
    await call_ok(mcp_client, tool, {**arguments, "limit": 1})
    await call_ok(mcp_client, tool, {**arguments, "refresh": True})  # right after a fetch: reuses it
    assert len(sandbox.requests) == 1
    cache_clock.now += REFRESH_WINDOW
    await call_ok(mcp_client, tool, {**arguments, "refresh": True})
    assert len(sandbox.requests) == 2


async def test_creation_properties_reuse_the_targets_answer_that_carried_them(
    mcp_client: Client, sandbox: Sandbox
) -> None:
    await call_ok(
        mcp_client, "list_sync_targets", {"connection_id": LINKEDIN_ADS, "include_target_creation_values": True}
    )
    page = await call_ok(mcp_client, "get_target_creation_values", {"connection_id": LINKEDIN_ADS})
    assert [p["id"] for p in page["properties"]] == ["account", "name"]
    assert [r.route for r in sandbox.requests] == ["list_sync_targets"]  # one upstream read for both
    await call_ok(mcp_client, "list_sync_targets", {"connection_id": LINKEDIN_ADS})  # without values: another read
    assert len(sandbox.requests) == 2


async def test_creation_property_search_matches_a_term_found_only_in_property_ids() -> None:
    creation = {
        "supported": True,
        "properties": [{"id": "seg_key", "title": "Segment"}, {"id": "owner", "title": "Owner"}],
    }
    async with mock_targets_client({"data": [{"id": "new", "modes": []}], "target_creation": creation}) as client:
        page = await call_ok(client, "get_target_creation_values", {"connection_id": LINKEDIN_ADS, "search": "seg_k"})
    assert [p["id"] for p in page["properties"]] == ["seg_key"] and page["total"] == 1


async def test_the_same_property_of_two_connections_is_read_and_kept_apart(
    mcp_client: Client, sandbox: Sandbox
) -> None:
    linkedin = await call_ok(
        mcp_client, "get_target_creation_values", {"connection_id": LINKEDIN_ADS, "property": "account"}
    )
    facebook = await call_ok(
        mcp_client, "get_target_creation_values", {"connection_id": FACEBOOK_ADS, "property": "account"}
    )
    assert linkedin["total"] == len(await upstream_values(sandbox, LINKEDIN_ADS, "account"))
    assert facebook["total"] == len(await upstream_values(sandbox, FACEBOOK_ADS, "account")) != linkedin["total"]
    assert [r.route for r in sandbox.requests[:2]] == ["get_target_creation_property_values"] * 2


async def test_an_unsupported_mode_error_never_carries_what_polytomic_put_in_its_mode_ids() -> None:
    hostile = ["\x1b]0;owned\x07", "see https://evil.example/x", DEFAULT_API_KEY, *(f"m{n}" for n in range(20_000))]
    body = {"data": [{"id": "A", "modes": [{"id": mode} for mode in hostile]}]}
    settings_key = SETTINGS.api_key or ""
    async with mock_targets_client(body) as client:
        text = await call_error(client, "list_sync_targets", {"connection_id": SALESFORCE, "mode": "nope"})
    assert len(text) < 600, len(text)
    assert "\x1b" not in text and "\x07" not in text and "evil.example" not in text and settings_key not in text
    assert "m10013 and 19983 more." in text  # 20 of the 20,003 named; the key, the URL and the escapes never


async def test_an_id_longer_than_any_argument_takes_is_left_out_and_counted_never_cut() -> None:
    long_a, long_b = "a" * 2_000 + "1", "a" * 2_000 + "2"  # the same first 2,000 characters
    body = {"data": [{"id": long_a, "modes": []}, {"id": long_b, "modes": []}, {"id": "t" * 501, "modes": []},
                     {"id": "t" * 500, "modes": []}, {"id": "ok", "modes": []}]}  # fmt: skip
    async with mock_targets_client(body) as client:
        page = await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE})
        schemas = {tool.name: tool.input_schema for tool in (await client.list_tools()).tools}
    assert [t["id"] for t in page["targets"]] == ["ok", "t" * 500] and page["skipped"] == 3
    # the longest id list_sync_targets returns is one get_sync_target_fields takes
    assert schemas["get_sync_target_fields"]["properties"]["target"]["maxLength"] == 500


async def test_creation_properties_and_values_too_long_to_pass_back_are_left_out_and_counted() -> None:
    creation = {
        "supported": True,
        "properties": [{"id": "p" * 201, "enum": True}, {"id": "account", "enum": True,
                        "values": [{"value": "v" * 1_001}, {"value": "v1", "label": "One"}]}],
    }  # fmt: skip
    async with mock_targets_client({"data": [], "target_creation": creation}) as client:
        props = await call_ok(client, "get_target_creation_values", {"connection_id": LINKEDIN_ADS})
        page = await call_ok(
            client, "list_sync_targets", {"connection_id": LINKEDIN_ADS, "include_target_creation_values": True}
        )
    assert [p["id"] for p in props["properties"]] == ["account"]
    [account] = page["target_creation"]["properties"]
    assert account["values"] == {"v1": "One"} and account["value_count"] == 1
