"""Shaping the targets tools' answers (tools/targets_handler.py), from hand-built upstream answers."""

from __future__ import annotations

from polytomic_mcp.paging import Page
from polytomic_mcp.results import CreationValuesPage
from polytomic_mcp.tools.targets_handler import (
    INLINE_VALUES_CAP,
    enum_values,
    mode_capabilities,
    target_summary,
    targets_page,
    values_page,
)
from polytomic_sync_client.models import (
    TargetObject,
    TargetObjectsResponseEnvelope,
    TargetPropertyValuesEnvelope,
)


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
