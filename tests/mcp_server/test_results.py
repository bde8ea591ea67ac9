from __future__ import annotations

import json

import pytest

from polytomic_mcp.paging import Ordered, Page, ordered
from polytomic_mcp.reading import adds_information, items, short_label, text
from polytomic_mcp.results import ConnectionSummary, CreationValuesPage, tool_result
from polytomic_mcp.tools.connections_handler import connection_summaries
from polytomic_mcp.tools.fields_handler import FIELD_VALUES_CAP, field_summary, fields_page, target_fields
from polytomic_mcp.tools.targets_handler import (
    INLINE_VALUES_CAP,
    enum_values,
    mode_capabilities,
    target_summary,
    targets_page,
    values_page,
)
from polytomic_sync_client.models import (
    ConnectionListResponseEnvelope,
    TargetObject,
    TargetObjectsResponseEnvelope,
    TargetPropertyValuesEnvelope,
    TargetResponseEnvelope,
)
from polytomic_sync_client.types import UNSET


@pytest.mark.parametrize(
    ("name", "id_", "adds"),
    [
        ("Account Plan", "Account_Plan__c", False),
        ("users", "public.users", False),
        ("New Account Details", "Account_Detail__c", True),
        (None, "x", False),
        ("", "x", False),
    ],
)
def test_a_name_is_kept_only_when_it_says_more_than_the_id(name: str | None, id_: str, adds: bool) -> None:
    assert adds_information(name, id_) is adds


@pytest.mark.parametrize(
    ("value", "label", "short"),
    [
        ("urn:li:sponsoredAccount:5071", "Acme EMEA (5071)", "Acme EMEA"),
        ("act_1234567", "Acme (act_1234567)", "Acme"),
        ("act_1", "Acme (EMEA)", "Acme (EMEA)"),
        ("public", "public", None),
        ("x", None, None),
        ("5071", "Acme (EU) (5071)", "Acme (EU)"),  # only the last parentheses are the restated id
        ("x5071", "5071)", "5071)"),  # a closing parenthesis without an opening one cuts nothing
        ("5071", "Acme (x5071)", "Acme (x5071)"),  # all of the parentheses' content must be in the value
    ],
)
def test_a_label_drops_what_only_restates_the_value(value: str, label: str | None, short: str | None) -> None:
    assert short_label(value, label) == short


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        ("Account", "Account"),
        (5, "5"),
        (1.5, "1.5"),
        (True, "true"),
        (False, "false"),
        (None, None),
        ({"a": 1}, None),
        (["a"], None),
        (float("nan"), None),
        (float("inf"), None),
        ("\ud800x", "\ufffdx"),
        ("a\udfffb\ud83d", "a\ufffdb\ufffd"),
        ("😀", "😀"),  # a real pair is kept
        ("x" * 5000, "x" * 2000),
        ("y" * 2000, "y" * 2000),  # exactly the bound: kept whole
    ],
)
def test_upstream_text_reads_as_a_clean_bounded_string_or_as_absent(raw: object, read: str | None) -> None:
    assert text(raw) == read


def test_an_upstream_list_reads_null_and_odd_elements_as_absent() -> None:
    assert items(None, str) == [] and items(UNSET, str) == [] and items({"a": 1}, str) == []
    assert items(["a", 1, None, "b"], str) == ["a", "b"]


def test_ordered_items_count_distinct_keys_once_sorted_and_skip_the_unnamed() -> None:
    found = ordered([("b", 1), ("", 2), ("a", 3), ("b", 4), (None, 5), ("c", 6)], lambda x: x[0])
    assert found.keys == ["a", "b", "c"] and found.items == [("a", 3), ("b", 1), ("c", 6)]
    assert found.skipped == 2


@pytest.mark.parametrize(
    ("value", "label", "short"),
    [
        ("v", " " * 20_000 + "x", " " * 20_000 + "x"),
        ("v", "a" + " " * 20_000 + "(1", "a" + " " * 20_000 + "(1"),
        ("5071", "Acme   (5071)   ", "Acme"),
        ("5071", "(5071)", None),
        ("a(b)", "x (a(b))", "x (a(b))"),  # nested parentheses are not one trailing id
        ("v", "(" * 100_000 + ")", "(" * 100_000 + ")"),
    ],
)
def test_short_label_handles_long_and_odd_labels(value: str, label: str, short: str | None) -> None:
    assert short_label(value, label) == short


def test_a_target_keeps_modes_with_an_id_and_only_their_true_capabilities() -> None:
    target = TargetObject.from_dict(
        {
            "id": "Contact",
            "name": "Contact",
            "modes": [
                {"id": "create", "requires_identity": False, "supports_per_field_mode": True},
                {"requires_identity": True},
                {"id": "", "supports_target_filters": True},
                {
                    "id": "update",
                    "requires_identity": True,
                    "supports_per_field_mode": False,
                    "supports_target_filters": True,
                },
            ],
        }
    )
    summary = target_summary(target)
    assert summary.name is None
    assert summary.modes == {"create": ["per_field"], "update": ["identity", "filters"]}


def test_a_result_is_one_compact_text_block_equal_to_its_structured_content_and_keeps_unicode() -> None:
    result = tool_result(CreationValuesPage(property="city", values={"zrh": "Zürich", "x": None}, total=2))
    [block] = result.content
    assert block.type == "text"
    assert block.text == '{"property":"city","values":{"zrh":"Zürich","x":null},"total":2,"next_cursor":null}'
    assert result.structured_content == json.loads(block.text)


def test_a_result_that_cannot_be_encoded_is_a_clean_tool_error_not_a_broken_answer() -> None:
    from mcp.server.mcpserver.exceptions import ToolError

    with pytest.raises(ToolError) as refused:
        tool_result(CreationValuesPage(property="\ud800"))
    assert str(refused.value) == (
        "Polytomic's answer could not be turned into a result (it holds text that cannot be encoded). "
        "Retrying will not help; a narrower search may avoid the odd item."
    )


def test_a_result_without_a_listing_has_no_next_cursor() -> None:
    result = tool_result(CreationValuesPage(property="account"))
    assert result.structured_content == {"property": "account"}


def values_envelope(data: object) -> TargetPropertyValuesEnvelope:
    return TargetPropertyValuesEnvelope.from_dict({"data": data})


def test_a_values_page_names_the_property_as_polytomic_does_and_falls_back_to_the_one_asked_for() -> None:
    envelope = values_envelope(
        {"id": "account", "title": "Ad account", "values": [{"value": "a1", "label": "Acme (a1)"}]}
    )
    page = Page(items=enum_values(envelope), total=1, next_cursor=None)

    assert values_page(envelope, "Account", page, skipped=2) == CreationValuesPage(
        property="account", title="Ad account", values={"a1": "Acme"}, total=1, skipped=2
    )
    for data in (None, {"id": None, "values": None}):
        empty = values_envelope(data)
        assert values_page(empty, "Account", Page(items=[], total=0, next_cursor=None), skipped=0) == (
            CreationValuesPage(property="Account", values={}, total=0)
        )


CONNECTION = "0d7f4f6e-2a55-4a8e-9b1c-3f1e2d4c5b6a"


def summaries(*connections: dict[str, object], secrets: tuple[str, ...] = ()) -> list[ConnectionSummary]:
    envelope = ConnectionListResponseEnvelope.from_dict({"data": [{"id": CONNECTION, **c} for c in connections]})
    found = connection_summaries(envelope, secrets=secrets)
    assert found.skipped == 0 and found.keys == [CONNECTION] * len(connections)
    return found.items


@pytest.mark.parametrize("status", [None, "healthy", "HEALTHY"])
def test_a_healthy_connection_shows_neither_status_nor_error_even_when_polytomic_sends_one(status: object) -> None:
    assert summaries({"status": status, "status_error": "stale error"}) == [ConnectionSummary(id=CONNECTION)]


def test_an_unhealthy_connection_shows_its_status_and_error_with_secrets_redacted() -> None:
    found = summaries({"status": "failed sk-123", "status_error": "key sk-123 was refused"}, secrets=("sk-123",))

    assert found == [
        ConnectionSummary(id=CONNECTION, status="failed [redacted]", error="key [redacted] was refused"),
    ]


def fields_envelope(data: object) -> TargetResponseEnvelope:
    return TargetResponseEnvelope.from_dict({"data": data})


def test_a_fields_answer_without_a_target_has_no_fields_and_names_no_target() -> None:
    envelope = fields_envelope(None)
    assert target_fields(envelope) == Ordered(keys=[], items=[], skipped=0)
    page = fields_page(envelope, Page([], 0, None), 0, new_target=False)
    assert (page.target, page.name, page.modes, page.fields, page.skipped) == (None, None, {}, [], None)


@pytest.mark.parametrize(
    ("name", "shown"), [("Contact", None), ("Contact (person record)", "Contact (person record)"), (None, None)]
)
def test_an_existing_target_s_name_is_shown_only_when_it_says_more_than_its_id(name: str | None, shown: str) -> None:
    envelope = fields_envelope({"id": "Contact", "name": name, "fields": [{"id": "Email"}]})
    fields = target_fields(envelope)
    page = fields_page(envelope, Page(fields.items, 1, None), fields.skipped, new_target=False)
    assert (page.target, page.name, [f.id for f in page.fields]) == ("Contact", shown, ["Email"])


@pytest.mark.parametrize(
    ("count", "value_count"), [(FIELD_VALUES_CAP, None), (FIELD_VALUES_CAP + 1, FIELD_VALUES_CAP + 1)]
)
def test_a_field_lists_up_to_the_cap_of_values_and_counts_them_only_past_it(
    count: int, value_count: int | None
) -> None:
    values = [{"value": f"v{n:02}", "label": f"Value {n}"} for n in range(count)]
    [field] = target_fields(fields_envelope({"id": "T", "fields": [{"id": "Stage", "values": values}]})).items
    summary = field_summary(field, filters=False)
    assert summary.values is not None and len(summary.values) == FIELD_VALUES_CAP
    assert summary.value_count == value_count


def _creatable(*properties: dict[str, object]) -> TargetObjectsResponseEnvelope:
    return TargetObjectsResponseEnvelope.from_dict(
        {"data": [], "target_creation": {"supported": True, "properties": list(properties)}}
    )


def _enum(id_: str, count: int) -> dict[str, object]:
    return {"id": id_, "enum": True, "values": [{"value": f"{id_}-{n:03}"} for n in range(count)]}


def test_the_creation_note_names_every_property_whose_inline_values_are_capped() -> None:
    envelope = _creatable(_enum("account", 11), _enum("region", 30), _enum("tier", 10), _enum("empty", 0))
    page = targets_page(envelope, Page([], 0, None), skipped=0, include_creation_values=True)
    assert page.target_creation is not None
    assert page.target_creation.note == (
        "New targets can be created here; get_target_creation_values lists an enum property's values (inline "
        f"values are capped at {INLINE_VALUES_CAP}: account, region)."
    )
    assert [(p.id, p.value_count, len(p.values or {})) for p in page.target_creation.properties] == [
        ("account", 11, 10), ("empty", 0, 0), ("region", 30, 10), ("tier", 10, 10)
    ]  # fmt: skip


def test_creation_values_are_inlined_only_when_asked_for_even_if_polytomic_sends_them() -> None:
    page = targets_page(_creatable(_enum("account", 3)), Page([], 0, None), skipped=0, include_creation_values=False)
    assert page.target_creation is not None
    [account] = page.target_creation.properties
    assert (account.value_count, account.values) == (3, None)
    assert str(page.target_creation.note).endswith("lists an enum property's values.")


def test_a_target_without_the_mode_has_no_capabilities_for_it() -> None:
    target = TargetObject.from_dict({"id": "A", "modes": [{"id": "create", "requires_identity": True}]})
    assert mode_capabilities(target, "create") == ["identity"]
    assert mode_capabilities(target, "update") == []
