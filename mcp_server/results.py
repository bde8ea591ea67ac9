"""What the tools return: small models, and the converters from the generated client's models.

Trimming rules: keep every id the next call needs; drop what repeats (a name that only restates its id),
what is false (capability flags), and what is empty. Optional fields are omitted rather than null, except
`next_cursor`, which is always present so the model knows whether to continue.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

from mcp.types import CallToolResult, TextContent
from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from generated_client.models import (
    SupportedMode,
    TargetObject,
    TargetObjectsResponseEnvelope,
    TargetPropertyValues,
    TargetPropertyValuesEnvelope,
    UtilEnumValue,
)
from generated_client.types import Unset

from .paging import Page

ModeFlag = Literal["identity", "per_field", "filters"]
INLINE_VALUES_CAP = 10
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def _lean_schema(schema: dict[str, Any]) -> None:
    # Titles restate the property names and `default: null` restates "optional"; both cost tokens in
    # every tools/list.
    schema.pop("title", None)
    for prop in schema.get("properties", {}).values():
        prop.pop("title", None)
        if "default" in prop and prop["default"] is None:
            del prop["default"]


class Compact(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_lean_schema)


class Target(Compact):
    id: str
    name: str | SkipJsonSchema[None] = Field(default=None, description="Only when it differs from id.")
    modes: dict[str, list[ModeFlag]] = Field(
        description="Sync mode id -> its true capabilities: identity (needs an identity mapping), per_field "
        "(per-field sync modes), filters (target filters)."
    )


ValueLabels = dict[str, str | None]
VALUES_DESCRIPTION = "Value to send -> its label (null when the label would only repeat the value)."


class CreationProperty(Compact):
    id: str
    title: str | SkipJsonSchema[None] = None
    enum: bool = Field(description="True: pick one of its values. False: free text.")
    value_count: int | SkipJsonSchema[None] = None
    values: ValueLabels | SkipJsonSchema[None] = Field(default=None, description=VALUES_DESCRIPTION)


class TargetCreation(Compact):
    properties: list[CreationProperty]
    note: str | SkipJsonSchema[None] = None


class SyncTargetsPage(Compact):
    targets: list[Target]
    total: int = Field(description="Targets matching the search.")
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null at the end.")
    target_creation: TargetCreation | SkipJsonSchema[None] = Field(
        default=None, description="Present when new targets can be created here."
    )


class CreationValuesPage(Compact):
    property: str | SkipJsonSchema[None] = None
    title: str | SkipJsonSchema[None] = None
    values: ValueLabels | SkipJsonSchema[None] = Field(default=None, description=VALUES_DESCRIPTION)
    total: int | SkipJsonSchema[None] = None
    next_cursor: str | None = None
    properties: list[CreationProperty] | SkipJsonSchema[None] = Field(
        default=None, description="Without property: the connection's creation properties."
    )


def tool_result(result: Compact) -> CallToolResult:
    """One payload: structured content and compact JSON text carry the same trimmed object."""
    payload = result.model_dump(mode="json", exclude_none=True)
    if "total" in payload and "next_cursor" in type(result).model_fields:
        payload.setdefault("next_cursor", None)  # always say whether the listing goes on
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return CallToolResult(content=[TextContent(type="text", text=text)], structured_content=payload)


def _value(x: Any) -> Any:
    return None if isinstance(x, Unset) else x


def adds_information(name: str | None, id_: str) -> bool:
    """Whether a display name says more than its id (`Account Plan` adds nothing to `Account_Plan__c`)."""
    if not name:
        return False
    squashed = _NON_ALNUM.sub("", name.casefold())
    return squashed not in _NON_ALNUM.sub("", id_.casefold())


def mode_flags(mode: SupportedMode) -> list[ModeFlag]:
    flags: list[ModeFlag] = []
    if mode.requires_identity is True:
        flags.append("identity")
    if mode.supports_per_field_mode is True:
        flags.append("per_field")
    if mode.supports_target_filters is True:
        flags.append("filters")
    return flags


def target_summary(target: TargetObject) -> Target:
    id_ = _value(target.id) or ""
    name = _value(target.name)
    modes: dict[str, list[ModeFlag]] = {}
    for mode in _value(target.modes) or []:
        mode_id = _value(mode.id)
        if mode_id:
            modes[str(mode_id)] = mode_flags(mode)
    return Target(id=id_, name=name if adds_information(name, id_) else None, modes=modes)


_TRAILING_ID = re.compile(r"\s*\(([^()]+)\)$")


def short_label(value: str, label: str | None) -> str | None:
    """The label minus what only restates the value: `Acme (5071)` for `urn:li:sponsoredAccount:5071` is `Acme`."""
    if not label:
        return None
    found = _TRAILING_ID.search(label)
    if found and found.group(1) in value:
        label = label[: found.start()]
    return label if label and label != value else None


def value_labels(values: list[UtilEnumValue]) -> ValueLabels:
    pairs: ValueLabels = {}
    for item in values:
        raw = _value(item.value) or ""
        pairs[raw] = short_label(raw, _value(item.label))
    return pairs


def creation_property(prop: TargetPropertyValues, *, inline_cap: int | None) -> CreationProperty:
    """A creation property; with inline_cap, enum values inline (at most that many) and their count."""
    values = _value(prop.values)
    is_enum = _value(prop.enum) is True
    summary = CreationProperty(id=_value(prop.id) or "", title=_value(prop.title), enum=is_enum)
    if is_enum and values is not None:
        summary.value_count = len(values)
        if inline_cap is not None:
            summary.values = value_labels(values[:inline_cap])
    return summary


def targets_page(
    envelope: TargetObjectsResponseEnvelope, page: Page[TargetObject], *, include_creation_values: bool
) -> SyncTargetsPage:
    result = SyncTargetsPage(
        targets=[target_summary(t) for t in page.items], total=page.total, next_cursor=page.next_cursor
    )
    creator = _value(envelope.target_creation)
    if creator is not None and _value(creator.supported) is True:
        cap = INLINE_VALUES_CAP if include_creation_values else None
        props = [creation_property(p, inline_cap=cap) for p in creation_properties(envelope)]
        capped = [p.id for p in props if p.values is not None and (p.value_count or 0) > len(p.values)]
        note = "New targets can be created here; get_target_creation_values lists an enum property's values" + (
            f" (inline values are capped at {INLINE_VALUES_CAP}: {', '.join(capped)})." if capped else "."
        )
        result.target_creation = TargetCreation(properties=props, note=note)
    return result


def creation_properties(envelope: TargetObjectsResponseEnvelope) -> list[TargetPropertyValues]:
    """The connection's creation properties; empty when it cannot create targets."""
    creator = _value(envelope.target_creation)
    if creator is None or _value(creator.supported) is not True:
        return []
    return list(_value(creator.properties) or [])


def enum_values(envelope: TargetPropertyValuesEnvelope) -> list[UtilEnumValue]:
    prop = _value(envelope.data)
    return list(_value(prop.values) or []) if prop is not None else []


def values_page(
    envelope: TargetPropertyValuesEnvelope, property_id: str, page: Page[UtilEnumValue]
) -> CreationValuesPage:
    prop = _value(envelope.data)
    return CreationValuesPage(
        property=(_value(prop.id) if prop is not None else None) or property_id,
        title=_value(prop.title) if prop is not None else None,
        values=value_labels(page.items),
        total=page.total,
        next_cursor=page.next_cursor,
    )


def properties_list(envelope: TargetObjectsResponseEnvelope) -> CreationValuesPage:
    return CreationValuesPage(properties=[creation_property(p, inline_cap=None) for p in creation_properties(envelope)])
