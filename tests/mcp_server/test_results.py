from __future__ import annotations

import json

import pytest

from generated_client.models import TargetObject
from mcp_server.results import CreationValuesPage, adds_information, short_label, target_summary, tool_result


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
    ],
)
def test_a_label_drops_what_only_restates_the_value(value: str, label: str | None, short: str | None) -> None:
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
