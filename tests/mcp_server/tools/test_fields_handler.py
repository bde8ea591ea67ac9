"""Shaping the fields tool's answer (tools/fields_handler.py), from hand-built upstream answers."""

from __future__ import annotations

import pytest

from polytomic_mcp.paging import Ordered, Page
from polytomic_mcp.tools.fields_handler import FIELD_VALUES_CAP, field_summary, fields_page, target_fields
from polytomic_sync_client.models import (
    TargetResponseEnvelope,
)


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
