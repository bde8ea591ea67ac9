"""What the tools return: small models, and the converters from the generated client's models.

Trimming rules: keep every id the next call needs; drop what repeats (a name that only restates its id),
what is false (capability flags), and what is empty. Optional fields are omitted rather than null, except
`next_cursor`, which is always present so the model knows whether to continue.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal, Protocol, Self, TypeVar
from uuid import UUID

from mcp.types import CallToolResult, TextContent
from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from generated_client.models import (
    ConnectionListResponseEnvelope,
    ConnectionResponseSchema,
    ConnectionTypeSchema,
    IdentityFunction,
    Mode,
    PickValue,
    SupportedMode,
    TargetField,
    TargetObject,
    TargetObjectsResponseEnvelope,
    TargetPropertyValues,
    TargetPropertyValuesEnvelope,
    TargetResponse,
    TargetResponseEnvelope,
    UtilEnumValue,
)
from generated_client.types import Unset

from .errors import sanitize
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


# --- Connections and target fields ------------------------------------------------------------------------------
# Written for a contract where any field may be UNSET, None or of an unexpected scalar type: `_value(x)` maps UNSET
# to None, lists are read through `_items`, and an item without an id is left out and counted in `skipped`.

SKIPPED_DESCRIPTION = "Items without an id, left out."
ModelT = TypeVar("ModelT", bound="_Parsed")
FIELD_VALUES_CAP = 10


def _text(x: Any) -> str | None:
    """A display string from a scalar that may be absent or arrive as a number."""
    x = _value(x)
    if isinstance(x, str):
        return x or None
    if isinstance(x, int | float | UUID) and not isinstance(x, bool):
        return str(x)
    return None


class _Parsed(Protocol):
    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...


def _parsed_items(x: Any, kind: type[ModelT]) -> tuple[list[ModelT], int]:
    """The items of a list that may be absent, null or not a list, and how many could not be read.

    The generated client hands back a whole list as raw dicts when one item fails to parse: each is then
    parsed on its own, so one odd item costs only itself.
    """
    x = _value(x)
    if not isinstance(x, list):
        return [], 0
    items: list[ModelT] = []
    for item in x:
        if isinstance(item, kind):
            items.append(item)
        elif isinstance(item, dict):
            try:
                items.append(kind.from_dict(item))
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
    return items, len(x) - len(items)


def _items(x: Any, kind: type[ModelT]) -> list[ModelT]:
    return _parsed_items(x, kind)[0]


def with_ids(x: Any, kind: type[ModelT]) -> tuple[list[ModelT], int]:
    """The list's items that carry an id, and how many were left out (no id, or unreadable)."""
    items, unreadable = _parsed_items(x, kind)
    usable = [item for item in items if _text(getattr(item, "id", None))]
    return usable, unreadable + len(items) - len(usable)


class ConnectionSummary(Compact):
    id: str
    name: str | SkipJsonSchema[None] = None
    type: str | SkipJsonSchema[None] = Field(default=None, description="Connector type id, e.g. salesforce.")
    status: str | SkipJsonSchema[None] = Field(default=None, description="Only when not healthy.")
    error: str | SkipJsonSchema[None] = Field(default=None, description="Why it is not healthy.")


class ConnectionsPage(Compact):
    connections: list[ConnectionSummary]
    total: int = Field(description="Connections matching the search.")
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null at the end.")
    skipped: int | SkipJsonSchema[None] = Field(default=None, description=SKIPPED_DESCRIPTION)


def connection_summaries(
    envelope: ConnectionListResponseEnvelope, *, secrets: Sequence[str] = ()
) -> tuple[list[ConnectionSummary], int]:
    """Id, name, type id and (when not healthy) status: never anything from `configuration`, which holds secrets."""
    connections, skipped = with_ids(envelope.data, ConnectionResponseSchema)
    summaries = []
    for conn in connections:
        kind = _value(conn.type_)
        status = _text(conn.status)
        healthy = status is None or status.casefold() == "healthy"
        error = _text(conn.status_error) if not healthy else None
        summaries.append(
            ConnectionSummary(
                id=str(_text(conn.id)),
                name=_text(conn.name),
                type=_text(kind.id) if isinstance(kind, ConnectionTypeSchema) else None,
                status=None if healthy else sanitize(status or "", secrets),
                error=sanitize(error, secrets) or None if error else None,
            )
        )
    return summaries, skipped


def connections_page(page: Page[ConnectionSummary], skipped: int) -> ConnectionsPage:
    return ConnectionsPage(
        connections=page.items, total=page.total, next_cursor=page.next_cursor, skipped=skipped or None
    )


class FieldSummary(Compact):
    id: str
    name: str | SkipJsonSchema[None] = Field(default=None, description="Only when it differs from id.")
    type: str | SkipJsonSchema[None] = None
    required: bool | SkipJsonSchema[None] = Field(default=None, description="true: records need a value here.")
    identity: list[str] | SkipJsonSchema[None] = Field(
        default=None, description="Usable as identity (match key), with these functions."
    )
    read_only: bool | SkipJsonSchema[None] = Field(default=None, description="Neither createable nor updateable.")
    association: bool | SkipJsonSchema[None] = Field(default=None, description="References another object.")
    filterable: bool | SkipJsonSchema[None] = Field(default=None, description="false: not usable in target filters.")
    values: ValueLabels | SkipJsonSchema[None] = Field(default=None, description=VALUES_DESCRIPTION)
    value_count: int | SkipJsonSchema[None] = Field(default=None, description="When values holds only the first 10.")


class FieldsPage(Compact):
    target: str | SkipJsonSchema[None] = Field(default=None, description="Absent for a new target.")
    name: str | SkipJsonSchema[None] = None
    modes: dict[str, list[ModeFlag]] = Field(description="As in list_sync_targets.")
    fields: list[FieldSummary] = Field(description="Each flag appears only in its exceptional state.")
    total: int = Field(description="Fields matching search and required_only.")
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null at the end.")
    skipped: int | SkipJsonSchema[None] = Field(default=None, description=SKIPPED_DESCRIPTION)


def target_fields(envelope: TargetResponseEnvelope) -> tuple[list[TargetField], int]:
    """The target's usable fields (with an id) and how many were left out."""
    target = _value(envelope.data)
    if not isinstance(target, TargetResponse):
        return [], 0
    return with_ids(target.fields, TargetField)


def field_mode_flags(mode: Mode) -> list[ModeFlag]:
    """The fields endpoint's Mode spells the capabilities differently from SupportedMode; same flags out."""
    flags: list[ModeFlag] = []
    if _value(mode.requires_identity) is True:
        flags.append("identity")
    if _value(mode.supports_field_sync_mode) is True:
        flags.append("per_field")
    if _value(mode.supports_target_filters) is True:
        flags.append("filters")
    return flags


def pick_labels(values: list[PickValue]) -> ValueLabels:
    pairs: ValueLabels = {}
    for item in values:
        raw = _text(item.value)
        if raw is not None:
            pairs[raw] = short_label(raw, _text(item.label))
    return pairs


def field_summary(field: TargetField, *, filters: bool) -> FieldSummary:
    """A field with only the flags in their exceptional state; `filters`: some mode of the target has filters."""
    id_ = str(_text(field.id))
    name = _text(field.name)
    summary = FieldSummary(id=id_, name=name if adds_information(name, id_) else None, type=_text(field.type_))
    if _value(field.required) is True:
        summary.required = True
    if _value(field.supports_identity) is True:
        functions = _items(field.identity_functions, IdentityFunction)
        summary.identity = [fid for fid in (_text(f.id) for f in functions) if fid]
    if _value(field.createable) is False and _value(field.updateable) is False:
        summary.read_only = True
    if _value(field.association) is True:
        summary.association = True
    if filters and _value(field.filterable) is False:
        summary.filterable = False
    picks = _items(field.values, PickValue)
    if picks:
        summary.values = pick_labels(picks[:FIELD_VALUES_CAP])
        if len(picks) > FIELD_VALUES_CAP:
            summary.value_count = len(picks)
    return summary


def fields_page(
    envelope: TargetResponseEnvelope, page: Page[TargetField], skipped: int, *, new_target: bool
) -> FieldsPage:
    target = _value(envelope.data)
    modes: dict[str, list[ModeFlag]] = {}
    id_ = name = None
    if isinstance(target, TargetResponse):
        id_, name = _text(target.id), _text(target.name)
        for mode in _items(target.modes, Mode):
            mode_id = _text(mode.mode)
            if mode_id:
                modes[mode_id] = field_mode_flags(mode)
    filters = any("filters" in flags for flags in modes.values())
    if new_target or id_ is None:  # a new target's id is a placeholder that must not be used
        shown_name = name
        id_ = None
    else:
        shown_name = name if adds_information(name, id_) else None
    return FieldsPage(
        target=id_,
        name=shown_name,
        modes=modes,
        fields=[field_summary(f, filters=filters) for f in page.items],
        total=page.total,
        next_cursor=page.next_cursor,
        skipped=skipped or None,
    )


def target_modes(envelope: TargetObjectsResponseEnvelope) -> set[str]:
    """Every sync mode id that some target of the connection supports."""
    found: set[str] = set()
    for target in _items(envelope.data, TargetObject):
        found.update(mode_id for mode in _items(target.modes, SupportedMode) if (mode_id := _text(mode.id)))
    return found


def supports(target: TargetObject, mode: str) -> bool:
    return any(_text(m.id) == mode for m in _items(target.modes, SupportedMode))
