"""A corpus of hostile tool arguments: each is refused naming the argument, with nothing sent, or answered.

Every refused set must leave the sandbox's request recorder empty: bad input changes nothing upstream.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from mcp import Client

from polytomic_mcp.paging import encode_cursor
from polytomic_mcp.sandbox import Sandbox
from polytomic_mcp.sandbox.dataset import LINKEDIN_ADS, SALESFORCE
from tests.mcp_server.support import call_error, call_ok

pytestmark = pytest.mark.anyio

TARGETS = "list_sync_targets"
VALUES = "get_target_creation_values"
CRM = {"connection_id": SALESFORCE}
ADS = {"connection_id": LINKEDIN_ADS}
ADS_ACCOUNT = {**ADS, "property": "account"}

# (tool, arguments, the argument the refusal must name)
REFUSED: list[tuple[str, dict[str, Any], str]] = [
    # connection_id
    (TARGETS, {}, "connection_id"),
    (TARGETS, {"connection_id": ""}, "connection_id"),
    (TARGETS, {"connection_id": "not-a-uuid"}, "connection_id"),
    (TARGETS, {"connection_id": "../../admin"}, "connection_id"),
    (TARGETS, {"connection_id": f"{SALESFORCE}/../x"}, "connection_id"),
    (TARGETS, {"connection_id": 5}, "connection_id"),
    (TARGETS, {"connection_id": None}, "connection_id"),
    (TARGETS, {"connection_id": "null"}, "connection_id"),
    (TARGETS, {"connection_id": []}, "connection_id"),
    (TARGETS, {"connection_id": {}}, "connection_id"),
    (TARGETS, {"connection_id": SALESFORCE * 40}, "connection_id"),
    (VALUES, {"connection_id": "%2e%2e"}, "connection_id"),
    # limit
    (TARGETS, {**CRM, "limit": 0}, "limit"),
    (TARGETS, {**CRM, "limit": -1}, "limit"),
    (TARGETS, {**CRM, "limit": 501}, "limit"),
    (TARGETS, {**CRM, "limit": 10**12}, "limit"),
    (TARGETS, {**CRM, "limit": "abc"}, "limit"),
    (TARGETS, {**CRM, "limit": 1.5}, "limit"),
    (TARGETS, {**CRM, "limit": []}, "limit"),
    (TARGETS, {**CRM, "limit": "null"}, "limit"),
    (VALUES, {**ADS_ACCOUNT, "limit": 0}, "limit"),
    (VALUES, {**ADS_ACCOUNT, "limit": 501}, "limit"),
    # search: length, control characters (C0, DEL, C1), non-strings
    (TARGETS, {**CRM, "search": "x" * 201}, "search"),
    (TARGETS, {**CRM, "search": "a\x00b"}, "search"),
    (TARGETS, {**CRM, "search": "a\x1fb"}, "search"),
    (TARGETS, {**CRM, "search": "\x7f"}, "search"),
    (TARGETS, {**CRM, "search": "\x85"}, "search"),
    (TARGETS, {**CRM, "search": "a\x9fb"}, "search"),
    (TARGETS, {**CRM, "search": 5}, "search"),
    (TARGETS, {**CRM, "search": []}, "search"),
    (TARGETS, {**CRM, "search": {}}, "search"),
    (VALUES, {**ADS_ACCOUNT, "search": "\x80"}, "search"),
    (VALUES, {**ADS_ACCOUNT, "search": "\n"}, "search"),
    # cursor
    (TARGETS, {**CRM, "cursor": "!!"}, "cursor"),
    (TARGETS, {**CRM, "cursor": "a b"}, "cursor"),
    (TARGETS, {**CRM, "cursor": "A" * 1001}, "cursor"),
    (TARGETS, {**CRM, "cursor": "null"}, "cursor"),
    (TARGETS, {**CRM, "cursor": "[]"}, "cursor"),
    (TARGETS, {**CRM, "cursor": "{}"}, "cursor"),
    (TARGETS, {**CRM, "cursor": "eyJhIjoiQWNjb3VudCJ9"}, "cursor"),  # valid base64 JSON without a scope
    (TARGETS, {**CRM, "cursor": encode_cursor("Account", "00000000")}, "cursor"),  # another listing's
    (TARGETS, {**CRM, "cursor": 5}, "cursor"),
    (VALUES, {**ADS_ACCOUNT, "cursor": "%%%"}, "cursor"),
    # include_target_creation_values
    (TARGETS, {**CRM, "include_target_creation_values": "maybe"}, "include_target_creation_values"),
    (TARGETS, {**CRM, "include_target_creation_values": 2}, "include_target_creation_values"),
    (TARGETS, {**CRM, "include_target_creation_values": []}, "include_target_creation_values"),
    (TARGETS, {**CRM, "include_target_creation_values": "null"}, "include_target_creation_values"),
    # unknown arguments
    (TARGETS, {**CRM, "foo": 1}, "foo"),
    (TARGETS, {**CRM, "connectionId": SALESFORCE}, "connectionId"),
    (VALUES, {**ADS_ACCOUNT, "properties": {"a": "b"}}, "properties"),
    # property: one path segment, nothing a proxy could decode into another path
    (VALUES, {**ADS, "property": "../x"}, "property"),
    (VALUES, {**ADS, "property": "a/b"}, "property"),
    (VALUES, {**ADS, "property": "a\\b"}, "property"),
    (VALUES, {**ADS, "property": "%2e%2e"}, "property"),
    (VALUES, {**ADS, "property": "%2F"}, "property"),
    (VALUES, {**ADS, "property": "a?b"}, "property"),
    (VALUES, {**ADS, "property": "a#b"}, "property"),
    (VALUES, {**ADS, "property": " a"}, "property"),
    (VALUES, {**ADS, "property": "a "}, "property"),
    (VALUES, {**ADS, "property": "a\tb"}, "property"),
    (VALUES, {**ADS, "property": "a\u2028b"}, "property"),
    (VALUES, {**ADS, "property": "."}, "property"),
    (VALUES, {**ADS, "property": ".."}, "property"),
    (VALUES, {**ADS, "property": ""}, "property"),
    (VALUES, {**ADS, "property": "\x00"}, "property"),
    (VALUES, {**ADS, "property": "\x85"}, "property"),
    (VALUES, {**ADS, "property": "\x7f"}, "property"),
    (VALUES, {**ADS, "property": "p" * 201}, "property"),
    (VALUES, {**ADS, "property": 5}, "property"),
    (VALUES, {**ADS, "property": ["account"]}, "property"),
    (VALUES, {**ADS, "property": {"id": "account"}}, "property"),
]


@pytest.mark.parametrize(("tool", "arguments", "named"), REFUSED)
async def test_a_hostile_argument_is_refused_naming_it_and_nothing_is_sent(
    mcp_client: Client, sandbox: Sandbox, tool: str, arguments: dict[str, Any], named: str
) -> None:
    text = await call_error(mcp_client, tool, arguments)
    assert f"'{named}'" in text, text
    assert "Polytomic" in text and ("nothing was sent" in text.lower() or "Invalid argument" in text), text
    assert sandbox.requests == []


def test_the_refused_corpus_is_large_enough_to_matter() -> None:
    assert len(REFUSED) >= 60


# Strings that look like JSON stay the strings the caller sent.
@pytest.mark.parametrize("search", ["null", "[]", "{}", "true", "5", '"quoted"'])
async def test_a_search_that_looks_like_json_is_searched_for_literally(mcp_client: Client, search: str) -> None:
    page = await call_ok(mcp_client, TARGETS, {**CRM, "search": search})
    everything = await call_ok(mcp_client, TARGETS, CRM)
    assert page["total"] < everything["total"]
    assert all(search.casefold() in (t["id"] + t.get("name", "")).casefold() for t in page["targets"])


@pytest.mark.parametrize(
    ("arguments", "problem"),
    [
        ({"limit": "[5]"}, "'limit' input should be a valid integer"),
        ({"limit": "null"}, "'limit' input should be a valid integer"),
        ({"include_target_creation_values": "[]"}, "'include_target_creation_values' input should be a valid boolean"),
    ],
)
async def test_json_text_sent_for_a_number_or_a_flag_is_still_read_as_json_first(
    mcp_client: Client, arguments: dict[str, Any], problem: str
) -> None:
    """Only parameters that take a string are spared the SDK's JSON pre-parsing: "[5]" for a limit is the list [5],
    refused as a list (not as text that does not parse as a number)."""
    text = await call_error(mcp_client, TARGETS, {**CRM, **arguments})
    assert text == (f"Invalid argument(s) for {TARGETS}: {problem}. Fix and call again; nothing was sent to Polytomic.")


async def test_a_property_that_looks_like_json_is_asked_for_literally(mcp_client: Client, sandbox: Sandbox) -> None:
    text = await call_error(mcp_client, VALUES, {**ADS, "property": "null"})
    assert "no target-creation property 'null'" in text
    assert [r.path.rsplit("/", 1)[-1] for r in sandbox.requests] == ["null"]


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({**CRM, "limit": "5"}, 5),  # numbers as text, as some clients send them
        ({**CRM, "limit": 5.0}, 5),
        ({**CRM, "include_target_creation_values": "true", "limit": 2}, 2),
        ({**CRM, "search": "", "limit": 3}, 3),  # an empty search is no search
    ],
)
async def test_lenient_but_unambiguous_arguments_are_accepted(
    mcp_client: Client, arguments: dict[str, Any], expected: int
) -> None:
    page = await call_ok(mcp_client, TARGETS, arguments)
    assert len(page["targets"]) == expected


async def test_without_property_search_limit_and_cursor_page_the_creation_properties(
    mcp_client: Client, sandbox: Sandbox
) -> None:
    first = await call_ok(mcp_client, VALUES, {**ADS, "limit": 1})
    assert [p["id"] for p in first["properties"]] == ["account"] and first["total"] == 2
    second = await call_ok(mcp_client, VALUES, {**ADS, "limit": 1, "cursor": first["next_cursor"]})
    assert [p["id"] for p in second["properties"]] == ["name"] and second["next_cursor"] is None
    found = await call_ok(mcp_client, VALUES, {**ADS, "search": "audience"})
    assert [p["id"] for p in found["properties"]] == ["name"]


# Every optional argument of every tool, sent as null: the same answer as leaving it out.
NULLABLE: list[tuple[str, dict[str, Any]]] = [
    ("list_connections", {}),
    (TARGETS, CRM),
    (VALUES, ADS_ACCOUNT),
    (VALUES, ADS),
    ("get_sync_target_fields", {**CRM, "target": "Contact"}),
]


@pytest.mark.parametrize(("tool", "required"), NULLABLE)
async def test_null_for_any_optional_argument_means_omitted(
    mcp_client: Client, tool: str, required: dict[str, Any]
) -> None:
    listed = {t.name: t for t in (await mcp_client.list_tools()).tools}
    optional = set(listed[tool].input_schema["properties"]) - set(listed[tool].input_schema.get("required", []))
    nulls = {name: None for name in optional - set(required)}
    if tool == "get_sync_target_fields":
        assert "properties" in nulls  # target given: properties sent as null is the other one omitted
    assert len(nulls) >= 4
    assert await call_ok(mcp_client, tool, {**required, **nulls}) == await call_ok(mcp_client, tool, required)


async def test_a_required_argument_sent_as_null_is_named_as_missing(mcp_client: Client, sandbox: Sandbox) -> None:
    text = await call_error(mcp_client, TARGETS, {"connection_id": None, "limit": None})
    assert text == (
        f"Invalid argument(s) for {TARGETS}: 'connection_id' is required. Fix and call again; nothing was sent to "
        "Polytomic."
    )
    assert sandbox.requests == []


async def test_properties_sent_as_json_text_are_read_as_the_object(mcp_client: Client) -> None:
    audience = {"account": "urn:li:sponsoredAccount:500507084", "name": "Trial signups"}
    as_object = await call_ok(mcp_client, "get_sync_target_fields", {**ADS, "properties": audience})
    as_text = await call_ok(mcp_client, "get_sync_target_fields", {**ADS, "properties": json.dumps(audience)})
    assert as_text == as_object and as_text["name"] == "Trial signups"


@pytest.mark.parametrize(
    ("tool", "arguments"),
    [
        ("x" * 4_000_000, {}),
        (TARGETS, {**CRM, "y" * 4_000_000: 1}),
        (TARGETS, {**CRM, **{f"unknown_{n}": n for n in range(300_000)}}),
    ],
    ids=["a 4 MB tool name", "a 4 MB argument name", "300,000 unknown arguments"],
)
async def test_what_a_caller_makes_long_comes_back_and_is_logged_bounded(
    mcp_client: Client, sandbox: Sandbox, caplog: pytest.LogCaptureFixture, tool: str, arguments: dict[str, Any]
) -> None:
    with caplog.at_level(logging.DEBUG):
        text = await call_error(mcp_client, tool, arguments)
    assert len(text) < 2_000, len(text)
    assert "…" in text or " more for " in text  # cut or counted, not left out
    logged = sum(len(record.getMessage()) for record in caplog.records)
    assert logged < 5_000, logged
    assert sandbox.requests == []


def test_a_log_record_without_positional_arguments_passes_the_bound_unchanged() -> None:
    from polytomic_mcp.server import BoundedArguments

    record = logging.LogRecord("mcp", logging.INFO, __file__, 1, "%(name)s", None, None)
    record.args = {"name": "x" * 1_000}  # mapping-style arguments are left as they are
    assert BoundedArguments().filter(record) and record.args == {"name": "x" * 1_000}
