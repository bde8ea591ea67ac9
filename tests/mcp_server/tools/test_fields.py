from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from mcp import Client

from polytomic_mcp.cache import REFRESH_WINDOW
from polytomic_mcp.clients import make_api_client
from polytomic_mcp.limits import MAX_VALUE
from polytomic_mcp.paging import decode_cursor, listing_scope
from polytomic_mcp.reading import adds_information
from polytomic_mcp.sandbox import Sandbox
from polytomic_mcp.sandbox.dataset import (
    FACEBOOK_ADS,
    FORBIDDEN,
    HUBSPOT,
    LINKEDIN_ADS,
    SALESFORCE,
    UNHEALTHY,
    WAREHOUSE,
    linkedin_accounts,
)
from polytomic_mcp.server import build_server
from polytomic_mcp.tools.fields import MAX_KEY, MAX_PROPERTIES, _properties, _target
from polytomic_mcp.tools.fields_handler import FIELD_VALUES_CAP
from polytomic_sync_client.api.model_sync_targets import get_sync_target_fields
from polytomic_sync_client.models import (
    GetSyncTargetFieldsProperties,
    TargetField,
    TargetResponse,
    TargetResponseEnvelope,
)
from tests.mcp_server.conftest import SETTINGS
from tests.mcp_server.support import Clock, call_error, call_ok, entry_id, page_through

pytestmark = pytest.mark.anyio

CONTACT = {"connection_id": SALESFORCE, "target": "Contact"}
ACCOUNT = linkedin_accounts()[0][0]
NEW_AUDIENCE = {"connection_id": LINKEDIN_ADS, "properties": {"account": ACCOUNT, "name": "Trial signups"}}
OTHER_AUDIENCE = {"connection_id": LINKEDIN_ADS, "properties": {"account": ACCOUNT, "name": "Other"}}


async def upstream_target(sandbox: Sandbox, connection: str, target: str) -> TargetResponse:
    async with make_api_client(SETTINGS, transport=sandbox.transport()) as api:
        response = await get_sync_target_fields.asyncio_detailed(uuid.UUID(connection), client=api, target=target)
    assert isinstance(response.parsed, TargetResponseEnvelope)
    assert isinstance(response.parsed.data, TargetResponse)
    return response.parsed.data


def upstream_fields(target: TargetResponse) -> list[TargetField]:
    assert isinstance(target.fields, list)
    return target.fields


def mock_client(data: Any) -> Client:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": data})

    return Client(build_server(SETTINGS, make_api_client(SETTINGS, transport=httpx.MockTransport(handler))))


async def test_paging_through_contact_returns_all_276_fields_exactly_once_in_id_order(
    mcp_client: Client, sandbox: Sandbox
) -> None:
    expected = {str(f.id) for f in upstream_fields(await upstream_target(sandbox, SALESFORCE, "Contact"))}
    found = await page_through(mcp_client, "get_sync_target_fields", {**CONTACT, "limit": 37}, "fields")
    ids = [f["id"] for f in found]
    assert len(ids) == len(set(ids)) == len(expected) == 276
    assert set(ids) == expected and ids == sorted(ids)


@pytest.mark.parametrize(
    ("connection", "target"), [(SALESFORCE, "Contact"), (SALESFORCE, "Account"), (HUBSPOT, "deals")]
)
async def test_required_only_returns_exactly_the_required_fields(
    mcp_client: Client, sandbox: Sandbox, connection: str, target: str
) -> None:
    upstream = upstream_fields(await upstream_target(sandbox, connection, target))
    page = await call_ok(
        mcp_client, "get_sync_target_fields", {"connection_id": connection, "target": target, "required_only": True}
    )
    assert {f["id"] for f in page["fields"]} == {str(f.id) for f in upstream if f.required is True}
    assert page["total"] == len(page["fields"]) and all(f["required"] is True for f in page["fields"])


async def test_every_flag_appears_only_in_its_exceptional_state(mcp_client: Client, sandbox: Sandbox) -> None:
    upstream = {str(f.id): f for f in upstream_fields(await upstream_target(sandbox, SALESFORCE, "Contact"))}
    page = await call_ok(mcp_client, "get_sync_target_fields", {**CONTACT, "limit": 500})
    assert page["target"] == "Contact" and "name" not in page
    assert page["modes"]["updateOrCreate"] == ["identity", "per_field", "filters"]
    assert page["modes"]["create"] == []
    for field in page["fields"]:
        source = upstream[field["id"]]
        assert field.get("required", False) == (source.required is True)
        assert ("identity" in field) == (source.supports_identity is True)
        if "identity" in field:
            assert field["identity"] == [f.id for f in source.identity_functions or []]
        assert field.get("read_only", False) == (source.createable is False and source.updateable is False)
        assert field.get("association", False) == (source.association is True)
        assert field.get("filterable", True) == (source.filterable is True)
        assert field.get("type", page["field_type"]) == source.type_  # read as the output schema says
        assert ("name" in field) == adds_information(str(source.name), field["id"])
        picks = source.values if isinstance(source.values, list) else []
        assert list(field.get("values", {})) == [str(p.value) for p in picks[:FIELD_VALUES_CAP]]
        assert field.get("value_count") == (len(picks) if len(picks) > FIELD_VALUES_CAP else None)
    seen = {flag for field in page["fields"] for flag in field}
    assert {"required", "identity", "read_only", "association", "filterable", "values"} <= seen


async def test_filterable_is_left_out_where_no_mode_supports_filters(mcp_client: Client) -> None:
    page = await call_ok(
        mcp_client, "get_sync_target_fields", {"connection_id": WAREHOUSE, "target": "public.accounts_daily"}
    )
    assert not any("filters" in flags for flags in page["modes"].values())
    assert not any("filterable" in field for field in page["fields"])


async def test_search_matches_field_id_and_name(mcp_client: Client, sandbox: Sandbox) -> None:
    upstream = upstream_fields(await upstream_target(sandbox, SALESFORCE, "Contact"))
    term = "postal code"  # only in names: the ids say PostalCode
    expected = {str(f.id) for f in upstream if term in str(f.name).casefold() or term in str(f.id).casefold()}
    page = await call_ok(mcp_client, "get_sync_target_fields", {**CONTACT, "search": term})
    assert {f["id"] for f in page["fields"]} == expected and expected
    page = await call_ok(mcp_client, "get_sync_target_fields", {**CONTACT, "search": "LASTNAME"})
    assert "LastName" in {f["id"] for f in page["fields"]}


async def test_a_new_audience_described_by_properties_lists_its_fields_without_a_placeholder_id(
    mcp_client: Client, sandbox: Sandbox
) -> None:
    page = await call_ok(mcp_client, "get_sync_target_fields", NEW_AUDIENCE)
    assert "target" not in page and page["name"] == "Trial signups"
    assert set(page["modes"]) == {"append", "remove", "replace"}
    fields = {f["id"]: f for f in page["fields"]}
    assert fields["email"]["identity"] == ["Equality", "Hashed"]
    assert page["total"] == len(fields) == 7
    (request,) = sandbox.requests
    query = dict(parse_qsl(request.query))
    assert query == {"properties[account]": ACCOUNT, "properties[name]": "Trial signups"}


async def test_a_new_warehouse_table_has_no_fields_but_its_modes(mcp_client: Client) -> None:
    arguments = {"connection_id": WAREHOUSE, "properties": {"schema": "public", "table": "signups"}}
    page = await call_ok(mcp_client, "get_sync_target_fields", arguments)
    assert page["fields"] == [] and page["total"] == 0 and page["modes"]


async def test_refresh_is_sent_only_when_asked(mcp_client: Client, sandbox: Sandbox, cache_clock: Clock) -> None:
    await call_ok(mcp_client, "get_sync_target_fields", {**CONTACT, "limit": 1})
    cache_clock.now += REFRESH_WINDOW  # a refresh within the window would reuse the first answer
    await call_ok(mcp_client, "get_sync_target_fields", {**CONTACT, "limit": 1, "refresh": True})
    first, second = (dict(parse_qsl(r.query)) for r in sandbox.requests)
    assert first == {"target": "Contact"}
    assert second == {"target": "Contact", "refresh": "true"}


async def test_a_cursor_keeps_working_across_a_refresh_but_not_across_targets(mcp_client: Client) -> None:
    page = await call_ok(mcp_client, "get_sync_target_fields", {**CONTACT, "limit": 5})
    again = await call_ok(
        mcp_client, "get_sync_target_fields", {**CONTACT, "limit": 5, "refresh": True, "cursor": page["next_cursor"]}
    )
    assert again["fields"][0]["id"] > page["fields"][-1]["id"]
    text = await call_error(
        mcp_client,
        "get_sync_target_fields",
        {"connection_id": SALESFORCE, "target": "Account", "cursor": page["next_cursor"]},
    )
    assert "different listing" in text


def _bad_arguments() -> list[tuple[dict[str, Any], str]]:
    ok = SALESFORCE
    both = "exactly one of 'target'"
    return [
        ({"connection_id": ok}, both),
        ({"connection_id": ok, "target": "Contact", "properties": {"name": "x"}}, both),
        ({"connection_id": "Contact", "target": "Contact"}, "'connection_id' must be a UUID"),
        ({"target": "Contact"}, "'connection_id' is required"),
        ({"connection_id": ok, "target": ""}, "'target'"),
        ({"connection_id": ok, "target": "Con\ntact"}, "'target'"),
        ({"connection_id": ok, "target": "x" * 501}, "'target'"),
        ({"connection_id": ok, "properties": {}}, "'properties'"),
        ({"connection_id": ok, "properties": {"": "x"}}, "'properties' has an invalid key"),
        ({"connection_id": ok, "properties": {"a][b": "x"}}, "'properties' has an invalid key"),
        ({"connection_id": ok, "properties": {"a[b": "x"}}, "'properties' has an invalid key"),
        ({"connection_id": ok, "properties": {"a\x00": "x"}}, "'properties' has an invalid key"),
        ({"connection_id": ok, "properties": {"k" * 201: "x"}}, "'properties' has an invalid key"),
        ({"connection_id": ok, "properties": {"name": ""}}, "'properties' has an invalid value"),
        ({"connection_id": ok, "properties": {"name": "a\rb"}}, "'properties' has an invalid value"),
        ({"connection_id": ok, "properties": {"name": "x" * 1001}}, "'properties' has an invalid value"),
        ({"connection_id": ok, "properties": {f"k{i}": "v" for i in range(21)}}, "'properties'"),
        ({"connection_id": ok, "properties": {"name": 5}}, "'properties' has an invalid value for 'name'"),
        ({"connection_id": ok, "properties": ["account"]}, "'properties' must be an object"),
        ({"connection_id": ok, "target": "Contact", "limit": 501}, "'limit'"),
        ({"connection_id": ok, "target": "Contact", "cursor": "garbage!"}, "'cursor'"),
        ({"connection_id": ok, "target": "Contact", "required_only": "maybe"}, "'required_only'"),
        ({"connection_id": ok, "target": "Contact", "fields": "all"}, "'fields'"),
    ]


@pytest.mark.parametrize(("arguments", "names"), _bad_arguments())
async def test_invalid_arguments_are_refused_with_the_fix_and_never_reach_polytomic(
    mcp_client: Client, sandbox: Sandbox, arguments: dict[str, Any], names: str
) -> None:
    text = await call_error(mcp_client, "get_sync_target_fields", arguments)
    assert names in text and "nothing was sent to polytomic" in text.lower()
    assert "pydantic" not in text and "http" not in text.lower()
    assert sandbox.requests == []


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (
            {"connection_id": SALESFORCE, "target": "NoSuchObject__c"},
            ["No target 'NoSuchObject__c'", "list_sync_targets"],
        ),
        ({"connection_id": str(uuid.UUID(int=7)), "target": "Contact"}, ["list_sync_targets", "list_connections"]),
        (
            {"connection_id": SALESFORCE, "properties": {"name": "x"}},
            ["cannot create new targets", "list_sync_targets"],
        ),
        ({"connection_id": FACEBOOK_ADS, "properties": {"name": "x"}}, ["HTTP 400", "'account' is required"]),
        ({"connection_id": FORBIDDEN, "target": "Contact"}, ["HTTP 403", "will not help"]),
        ({"connection_id": UNHEALTHY, "target": "crm.accounts"}, ["HTTP 400", "unhealthy", "Access denied"]),
    ],
)
async def test_upstream_refusals_say_what_failed_and_where_valid_ids_come_from(
    mcp_client: Client, sandbox: Sandbox, arguments: dict[str, Any], expected: list[str]
) -> None:
    text = await call_error(mcp_client, "get_sync_target_fields", arguments)
    for part in expected:
        assert part in text
    assert len(sandbox.requests) == 1


async def test_odd_fields_are_skipped_and_counted_without_failing_the_page() -> None:
    data = {
        "id": "Contact",
        "name": "Contact",
        "modes": [{"mode": "update", "requires_identity": True}, {"label": "no id"}],
        "fields": [
            {"id": "Email", "type": "string", "supports_identity": True, "identity_functions": None},
            {"name": "no id"},
            {"id": None},
            {"id": "Amount", "name": 12, "type": 3, "values": [{"value": "a"}, {"label": "no value"}]},
            {"id": "Bad", "required": None, "createable": None},
        ],
    }
    async with mock_client(data) as client:
        page = await call_ok(client, "get_sync_target_fields", CONTACT)
    assert page["modes"] == {"update": ["identity"]}
    assert page["skipped"] == 2
    assert "field_type" not in page  # Bad has no type: a common type would give it one
    assert page["fields"] == [
        {"id": "Amount", "name": "12", "type": "3", "values": {"a": None}},
        {"id": "Bad"},
        {"id": "Email", "type": "string", "identity": []},
    ]


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({"fields": ["junk"]}, "$.data.fields[0]"),
        ({"fields": [{"id": "Bad", "required": "yes"}]}, "$.data.fields[0].required"),
        ({"modes": "update"}, "$.data.modes"),
    ],
)
async def test_fields_of_the_wrong_shape_are_reported_as_unreadable_with_where(
    data: dict[str, Any], where: str
) -> None:
    async with mock_client(data) as client:
        text = await call_error(client, "get_sync_target_fields", CONTACT)
    assert "could not read" in text and where in text


@pytest.mark.parametrize("data", [{}, {"id": "Contact", "fields": None, "modes": None}])
async def test_a_target_with_no_fields_or_modes_reads_as_an_empty_page(data: dict[str, Any]) -> None:
    async with mock_client(data) as client:
        page = await call_ok(client, "get_sync_target_fields", CONTACT)
    assert page["fields"] == [] and page["modes"] == {} and page["total"] == 0 and "skipped" not in page


def test_the_generated_client_encodes_properties_as_a_deep_object() -> None:
    properties = GetSyncTargetFieldsProperties()
    properties.additional_properties = {"account": "urn:li:x", "name": "a&b=c"}
    kwargs = get_sync_target_fields._get_kwargs(uuid.UUID(SALESFORCE), properties=properties)
    assert kwargs["params"] == {"properties[account]": "urn:li:x", "properties[name]": "a&b=c"}


async def test_an_agent_goes_from_a_search_for_salesforce_to_every_contact_field(
    mcp_client: Client, sandbox: Sandbox
) -> None:
    (crm,) = (await call_ok(mcp_client, "list_connections", {"search": "salesforce"}))["connections"]
    upsertable = await page_through(
        mcp_client, "list_sync_targets", {"connection_id": crm["id"], "mode": "updateOrCreate"}, "targets"
    )
    assert "Contact" in {entry_id(t) for t in upsertable}
    contact = {"connection_id": crm["id"], "target": "Contact"}
    fields = await page_through(mcp_client, "get_sync_target_fields", contact, "fields")
    assert len(fields) == len({f["id"] for f in fields}) == 276
    required = await call_ok(mcp_client, "get_sync_target_fields", {**contact, "required_only": True})
    assert [f["id"] for f in required["fields"]] == [f["id"] for f in fields if f.get("required")]
    assert any(f["id"] == "Email" and f["identity"] for f in fields)

    (linkedin,) = (await call_ok(mcp_client, "list_connections", {"search": "linkedin ads"}))["connections"]
    accounts = await call_ok(
        mcp_client, "get_target_creation_values", {"connection_id": linkedin["id"], "property": "account", "limit": 1}
    )
    audience = {"account": next(iter(accounts["values"])), "name": "Trial signups"}
    new = await call_ok(mcp_client, "get_sync_target_fields", {"connection_id": linkedin["id"], "properties": audience})
    assert new["total"] > 0 and "target" not in new

    listed = {c["id"]: c for c in (await call_ok(mcp_client, "list_connections", {}))["connections"]}
    assert listed[UNHEALTHY]["status"] == "unhealthy"
    denied = await call_error(mcp_client, "get_sync_target_fields", {"connection_id": FORBIDDEN, "target": "Contact"})
    assert "HTTP 403" in denied


async def test_properties_sent_as_null_count_as_not_given(mcp_client: Client) -> None:
    page = await call_ok(mcp_client, "get_sync_target_fields", {**CONTACT, "properties": None, "limit": 1})
    assert page["target"] == "Contact" and page["total"] == 276


@pytest.mark.parametrize(
    "properties",
    [
        {f"k{i}": "v" for i in range(MAX_PROPERTIES)},
        {"k" * MAX_KEY: "v"},
        {"name": "v" * MAX_VALUE},
        {"a(b)": "x y"},
    ],
    ids=["most-properties", "longest-key", "longest-value", "parentheses-and-spaces"],
)
def test_properties_at_every_limit_are_accepted_as_given(properties: dict[str, str]) -> None:
    assert _properties(properties) is properties


@pytest.mark.parametrize(
    ("properties", "message"),
    [
        (
            {f"k{i}": "v" for i in range(MAX_PROPERTIES + 1)},
            "must be an object of 1 to 20 creation properties (id -> value)",
        ),
        (
            {"a]b": "x"},
            "has an invalid key 'a]b': a creation property id (such as 'account') of 1 to 200 characters, without "
            "brackets or control characters",
        ),
        (
            {"k" * (MAX_KEY + 1): "x"},
            f"has an invalid key {'k' * 40!r}: a creation property id (such as 'account') of 1 to 200 characters, "
            "without brackets or control characters",
        ),
        (
            {"name": "v" * (MAX_VALUE + 1)},
            "has an invalid value for 'name': a string of 1 to 1000 characters without control characters",
        ),
    ],
    ids=["too-many", "closing-bracket", "long-key-shown-cut", "long-value"],
)
def test_properties_past_a_limit_are_refused_with_one_whole_sentence(properties: object, message: str) -> None:
    with pytest.raises(ValueError) as refused:
        _properties(properties)
    assert str(refused.value) == message


def test_a_target_id_is_taken_as_given_unless_it_holds_control_characters() -> None:
    assert _target("Account Plan (EU)/2") == "Account Plan (EU)/2"
    assert _target(None) is None
    with pytest.raises(ValueError) as refused:
        _target("Con\x85tact")
    assert str(refused.value) == "must be a target id from list_sync_targets, without control characters"


async def test_a_fields_cursor_resumes_only_its_own_listing(mcp_client: Client) -> None:
    listings: list[dict[str, Any]] = [
        CONTACT,
        {**CONTACT, "search": "name"},
        {"connection_id": SALESFORCE, "target": "Account"},
        {"connection_id": SALESFORCE, "target": "Opportunity", "required_only": True},
        {"connection_id": SALESFORCE, "target": "Opportunity"},
        NEW_AUDIENCE,
        OTHER_AUDIENCE,
    ]
    cursors = []
    for arguments in listings:
        page = await call_ok(mcp_client, "get_sync_target_fields", {**arguments, "limit": 1})
        assert page["next_cursor"] is not None, arguments
        cursors.append(page["next_cursor"])
    for mine, arguments in enumerate(listings):
        for theirs, cursor in enumerate(cursors):
            result = await mcp_client.call_tool("get_sync_target_fields", {**arguments, "limit": 1, "cursor": cursor})
            assert result.is_error == (mine != theirs), (arguments, listings[theirs])


async def test_a_fields_cursor_names_the_last_field_in_the_scope_of_the_listing(mcp_client: Client) -> None:
    page = await call_ok(mcp_client, "get_sync_target_fields", {**CONTACT, "limit": 1, "search": "name"})
    scope = listing_scope("fields", SALESFORCE, "Contact", "[]", "name", "False")
    assert decode_cursor(page["next_cursor"], scope) == page["fields"][0]["id"]


async def test_each_target_and_each_set_of_properties_is_read_once(mcp_client: Client, sandbox: Sandbox) -> None:
    for arguments in (CONTACT, NEW_AUDIENCE, OTHER_AUDIENCE, {"connection_id": SALESFORCE, "target": "Account"}):
        await call_ok(mcp_client, "get_sync_target_fields", arguments)
        await call_ok(mcp_client, "get_sync_target_fields", {**arguments, "limit": 1})
    assert len(sandbox.requests) == 4


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"connection_id": SALESFORCE, "target": "NoSuchObject__c"},
            f"No target 'NoSuchObject__c' on connection {SALESFORCE} (or no such connection). Call "
            "list_sync_targets to see the connection's target ids (list_connections lists connection ids).",
        ),
        (
            {"connection_id": SALESFORCE, "properties": {"name": "x"}},
            f"Connection {SALESFORCE} cannot create new targets (or does not exist), so properties cannot describe "
            "one. Pass target with an id from list_sync_targets instead (list_connections lists connection ids).",
        ),
    ],
    ids=["no-target", "no-new-target"],
)
async def test_a_target_polytomic_does_not_find_is_named_whole(
    mcp_client: Client, arguments: dict[str, Any], message: str
) -> None:
    text = await call_error(mcp_client, "get_sync_target_fields", arguments)
    assert text == f"Error executing tool get_sync_target_fields: {message}"


async def test_the_type_most_fields_share_is_stated_once_and_only_the_others_list_theirs() -> None:
    data = {
        "id": "Deal",
        "fields": [
            {"id": "a", "type": "number"},
            {"id": "b", "type": "string"},
            {"id": "c", "type": "string"},
            {"id": "d", "type": "number"},
            {"id": "e", "type": "string"},
            {"id": "f", "type": "boolean"},
        ],
    }
    async with mock_client(data) as client:
        page = await call_ok(client, "get_sync_target_fields", CONTACT)
        first = await call_ok(client, "get_sync_target_fields", {**CONTACT, "limit": 2})
        tie = await call_ok(client, "get_sync_target_fields", {**CONTACT, "limit": 4})
    assert page["field_type"] == "string"
    assert page["fields"] == [
        {"id": "a", "type": "number"},
        {"id": "b"},
        {"id": "c"},
        {"id": "d", "type": "number"},
        {"id": "e"},
        {"id": "f", "type": "boolean"},
    ]
    assert tie["field_type"] == "number"  # two of each: the tie goes to the first field's type
    # one of each on the first page: nothing is shared, so each field keeps its own type
    assert "field_type" not in first and first["fields"] == [
        {"id": "a", "type": "number"},
        {"id": "b", "type": "string"},
    ]
