"""What the tools return: small models, and the converters from the generated client's models.

Trimming rules: keep every id the next call needs; drop what repeats (a name that only restates its id),
what is false (capability flags), and what is empty. Optional fields are omitted rather than null, except
`next_cursor`, which is always present so the model knows whether to continue.

Tolerance rules (Polytomic is a Go service: `null` for empty lists, missing fields, odd scalars): upstream
values are read through `text()`, `items()` and `is_true()`, so `null`, a missing field and a value of the
wrong JSON type all read as absent and never raise. A null list reads as empty; a mode without an id is
dropped; a target or value without a usable id cannot be named in a later call, so it is left out and counted
(`skipped`); a number where text is expected reads as its text; unpaired surrogates become U+FFFD. Counting
has one rule everywhere (`paging.ordered()`): distinct usable ids, the first occurrence wins.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal, TypeVar
from uuid import UUID

from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, TextContent
from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from .errors import sanitize
from .lazy import lazy_module
from .paging import Ordered, Page, ordered

if TYPE_CHECKING:
    from generated_client import models
    from generated_client import types as api_types
else:  # the generated models are imported when the first answer is shaped, not at start-up
    models = lazy_module("generated_client.models")
    api_types = lazy_module("generated_client.types")

T = TypeVar("T")

ModeFlag = Literal["identity", "per_field", "filters"]
INLINE_VALUES_CAP = 10
MAX_TEXT = 2_000  # no id, name or label an agent needs is longer; longer text is cut, not refused (ids: left out)
# The longest id each argument that takes one back accepts; a longer upstream id is left out and counted.
MAX_TARGET_ID = 500  # get_sync_target_fields' target
MAX_PROPERTY_ID = 200  # get_target_creation_values' property
MAX_VALUE = 1_000  # a value in get_sync_target_fields' properties
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


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


SKIPPED_DESCRIPTION = "Items Polytomic listed without a usable id, left out of every page (omitted when 0)."


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


class ModeTarget(Compact):
    id: str
    name: str | SkipJsonSchema[None] = Field(default=None, description="Only when it differs from id.")
    capabilities: list[ModeFlag] | SkipJsonSchema[None] = Field(
        default=None, description="Only when they differ from the page's capabilities."
    )


class SyncTargetsPage(Compact):
    mode: str | SkipJsonSchema[None] = Field(
        default=None, description="With mode: targets are ids, or {id, name, capabilities} with only what they add."
    )
    capabilities: list[ModeFlag] | SkipJsonSchema[None] = Field(
        default=None, description="With mode: the mode's capabilities of every target here that lists none."
    )
    targets: list[Target] | list[str | ModeTarget]
    total: int = Field(description="Targets matching the search (and mode).")
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null at the end.")
    skipped: int | SkipJsonSchema[None] = Field(default=None, description=SKIPPED_DESCRIPTION)
    target_creation: TargetCreation | SkipJsonSchema[None] = Field(
        default=None, description="Present when new targets can be created here."
    )


class CreationValuesPage(Compact):
    property: str | SkipJsonSchema[None] = None
    title: str | SkipJsonSchema[None] = None
    values: ValueLabels | SkipJsonSchema[None] = Field(default=None, description=VALUES_DESCRIPTION)
    properties: list[CreationProperty] | SkipJsonSchema[None] = Field(
        default=None, description="Without property: the connection's creation properties."
    )
    total: int | SkipJsonSchema[None] = None
    next_cursor: str | None = None
    skipped: int | SkipJsonSchema[None] = Field(default=None, description=SKIPPED_DESCRIPTION)


def tool_result(result: Compact) -> CallToolResult:
    """One payload: structured content and compact JSON text carry the same trimmed object."""
    payload = result.model_dump(mode="json", exclude_none=True)
    if "total" in payload and "next_cursor" in type(result).model_fields:
        payload.setdefault("next_cursor", None)  # always say whether the listing goes on
    try:
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        text.encode("utf-8")  # what every transport will do; fail here, where the call can still answer
    except (TypeError, ValueError, RecursionError):  # UnicodeEncodeError is a ValueError
        raise ToolError(
            "Polytomic's answer could not be turned into a result (it holds text that cannot be encoded). "
            "Retrying will not help; a narrower search may avoid the odd item."
        ) from None
    return CallToolResult(content=[TextContent(type="text", text=text)], structured_content=payload)


# Reading upstream values: None, UNSET and values of the wrong JSON type all read as absent.


def _value(x: Any) -> Any:
    return None if isinstance(x, api_types.Unset) else x


def text(x: Any) -> str | None:
    """Upstream text as a clean string: numbers read as their JSON text; anything else not text is absent."""
    if isinstance(x, Enum):  # known members of the spec's open enums
        x = x.value
    if isinstance(x, UUID):
        x = str(x)
    if isinstance(x, bool):
        x = "true" if x else "false"
    elif isinstance(x, int | float):
        x = json.dumps(x) if x == x and abs(x) != float("inf") else None
    if not isinstance(x, str):
        return None
    if len(x) > MAX_TEXT:
        x = x[:MAX_TEXT]
    return _SURROGATE.sub("\ufffd", x) if _SURROGATE.search(x) else x


def items(x: Any, of: type[T]) -> list[T]:
    """An upstream list: null (or not a list) reads as empty; elements that are not `of` are left out."""
    x = _value(x)
    if not isinstance(x, list):
        return []
    return [item for item in x if isinstance(item, of)]


def is_true(x: Any) -> bool:
    """A flag counts only when it is literally true (null, missing or odd values mean no)."""
    return x is True


def adds_information(name: str | None, id_: str) -> bool:
    """Whether a display name says more than its id (`Account Plan` adds nothing to `Account_Plan__c`)."""
    if not name:
        return False
    squashed = _NON_ALNUM.sub("", name.casefold())
    return squashed not in _NON_ALNUM.sub("", id_.casefold())


def capabilities(identity: Any, per_field: Any, filters: Any) -> list[ModeFlag]:
    """A mode's true capabilities, in one fixed order; only a literal true counts."""
    named: tuple[tuple[ModeFlag, Any], ...] = (("identity", identity), ("per_field", per_field), ("filters", filters))
    return [flag for flag, value in named if is_true(value)]


def mode_flags(mode: models.SupportedMode) -> list[ModeFlag]:
    return capabilities(mode.requires_identity, mode.supports_per_field_mode, mode.supports_target_filters)


def whole_id(x: Any, limit: int = MAX_TEXT) -> str | None:
    """An upstream id, whole or not at all: one longer than `limit` (what the argument that takes it back accepts)
    cannot be named in a later call, and cutting it could make two ids one, so it reads as absent (left out of
    every page and counted in `skipped`)."""
    found = text(x)
    if found is None or len(found) > limit or (isinstance(x, str) and len(x) > limit):
        return None
    return found


def target_id(target: models.TargetObject) -> str | None:
    return whole_id(target.id, MAX_TARGET_ID)


def target_summary(target: models.TargetObject) -> Target:
    id_ = target_id(target) or ""
    name = text(target.name)
    modes: dict[str, list[ModeFlag]] = {}
    for mode in items(target.modes, models.SupportedMode):
        mode_id = text(mode.id)
        if mode_id:  # a mode without an id cannot be chosen: dropped
            modes.setdefault(mode_id, mode_flags(mode))
    return Target(id=id_, name=name if adds_information(name, id_) else None, modes=modes)


def short_label(value: str, label: str | None) -> str | None:
    """The label minus what only restates the value: `Acme (5071)` for `urn:li:sponsoredAccount:5071` is `Acme`.

    Linear in the label's length (no backtracking regex): a trailing `(...)` whose content the value contains
    is cut, then the label is dropped if nothing or only the value is left.
    """
    if not label:
        return None
    stripped = label.rstrip()
    if stripped.endswith(")") and (opening := stripped.rfind("(")) >= 0:
        inner = stripped[opening + 1 : -1]  # holds no "(": opening is the last one
        if inner and ")" not in inner and inner in value:
            label = stripped[:opening].rstrip()
    return label if label and label != value else None


def value_key(item: models.UtilEnumValue) -> str | None:
    return whole_id(item.value, MAX_VALUE)


def value_labels(values: Iterable[models.UtilEnumValue]) -> ValueLabels:
    pairs: ValueLabels = {}
    for item in values:  # items of an ordered() listing: each has a key
        raw = value_key(item) or ""
        pairs.setdefault(raw, short_label(raw, text(item.label)))
    return pairs


def property_values(prop: models.TargetPropertyValues) -> Ordered[models.UtilEnumValue]:
    return ordered(items(prop.values, models.UtilEnumValue), value_key)


def creation_property(prop: models.TargetPropertyValues, *, inline_cap: int | None) -> CreationProperty:
    """A creation property; with inline_cap, enum values inline (at most that many) and their count."""
    is_enum = is_true(prop.enum)
    summary = CreationProperty(id=text(prop.id) or "", title=text(prop.title), enum=is_enum)
    if is_enum and isinstance(_value(prop.values), list):
        values = property_values(prop)
        summary.value_count = len(values.keys)
        if inline_cap is not None:  # the first values of the values listing, in its order
            summary.values = value_labels(values.items[:inline_cap])
    return summary


def mode_capabilities(target: models.TargetObject, mode: str) -> list[ModeFlag]:
    """The target's true capabilities for one mode (its first entry of that id, as in `target_summary`)."""
    for entry in items(target.modes, models.SupportedMode):
        if text(entry.id) == mode:
            return mode_flags(entry)
    return []


def for_mode(targets: Sequence[models.TargetObject], mode: str) -> tuple[list[ModeFlag], list[str | ModeTarget]]:
    """A page about one mode: the capabilities most of its targets share (stated once; ties go to the first), and
    each target as its bare id, or an object carrying only what it adds (a name, capabilities that differ)."""
    flags = [mode_capabilities(t, mode) for t in targets]
    common = list(Counter(tuple(f) for f in flags).most_common(1)[0][0]) if flags else []
    shaped: list[str | ModeTarget] = []
    for target, own in zip(targets, flags, strict=True):
        id_ = target_id(target) or ""
        name = text(target.name)
        entry = ModeTarget(
            id=id_, name=name if adds_information(name, id_) else None, capabilities=own if own != common else None
        )
        shaped.append(entry if entry.name is not None or entry.capabilities is not None else id_)
    return common, shaped


def targets_page(
    envelope: models.TargetObjectsResponseEnvelope,
    page: Page[models.TargetObject],
    *,
    skipped: int,
    include_creation_values: bool,
    mode: str | None = None,
) -> SyncTargetsPage:
    """A page of targets: each with its whole mode map, or with `mode` only what a planner needs for that mode."""
    common: list[ModeFlag] | None = None
    shaped: list[Target] | list[str | ModeTarget]
    if mode is None:
        shaped = [target_summary(t) for t in page.items]
    else:
        common, shaped = for_mode(page.items, mode)
    result = SyncTargetsPage(
        mode=mode,
        capabilities=common,
        targets=shaped,
        total=page.total,
        next_cursor=page.next_cursor,
        skipped=skipped or None,
    )
    if can_create_targets(envelope):
        cap = INLINE_VALUES_CAP if include_creation_values else None
        props = [creation_property(p, inline_cap=cap) for p in creation_properties(envelope)]
        capped = [p.id for p in props if p.values is not None and (p.value_count or 0) > len(p.values)]
        note = "New targets can be created here; get_target_creation_values lists an enum property's values" + (
            f" (inline values are capped at {INLINE_VALUES_CAP}: {', '.join(capped)})." if capped else "."
        )
        result.target_creation = TargetCreation(properties=props, note=note)
    return result


def can_create_targets(envelope: models.TargetObjectsResponseEnvelope) -> bool:
    creator = _value(envelope.target_creation)
    return creator is not None and is_true(_value(creator.supported))  # `supported: null` means it cannot


def creation_properties(envelope: models.TargetObjectsResponseEnvelope) -> list[models.TargetPropertyValues]:
    """The connection's usable creation properties (distinct ids); empty when it cannot create targets."""
    if not can_create_targets(envelope):
        return []
    props = items(_value(envelope.target_creation).properties, models.TargetPropertyValues)
    return ordered(props, lambda p: whole_id(p.id, MAX_PROPERTY_ID)).items


def enum_values(envelope: models.TargetPropertyValuesEnvelope) -> list[models.UtilEnumValue]:
    prop = _value(envelope.data)
    return items(prop.values, models.UtilEnumValue) if isinstance(prop, models.TargetPropertyValues) else []


def values_page(
    envelope: models.TargetPropertyValuesEnvelope, property_id: str, page: Page[models.UtilEnumValue], *, skipped: int
) -> CreationValuesPage:
    prop = _value(envelope.data)  # the property, or None
    return CreationValuesPage(
        property=(text(prop.id) if prop is not None else None) or property_id,
        title=text(prop.title) if prop is not None else None,
        values=value_labels(page.items),
        total=page.total,
        next_cursor=page.next_cursor,
        skipped=skipped or None,
    )


def properties_page(page: Page[models.TargetPropertyValues]) -> CreationValuesPage:
    return CreationValuesPage(
        properties=[creation_property(p, inline_cap=None) for p in page.items],
        total=page.total,
        next_cursor=page.next_cursor,
    )


# --- Connections and target fields ------------------------------------------------------------------------------
# Read with the same tolerance rules as above: text(), items(), is_true(), and ordered() for anything with an id.

FIELD_VALUES_CAP = 10


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
    envelope: models.ConnectionListResponseEnvelope, *, secrets: Sequence[str] = ()
) -> Ordered[ConnectionSummary]:
    """Id, name, type id and (when not healthy) status: never anything from `configuration`, which holds secrets."""
    connections = ordered(items(envelope.data, models.ConnectionResponseSchema), lambda c: text(c.id))
    summaries = []
    for conn in connections.items:
        kind = _value(conn.type_)
        status = text(conn.status)
        if status is not None and status.casefold() == "healthy":
            status = None  # only a status that is not healthy is shown
        error = text(conn.status_error) if status is not None else None
        summaries.append(
            ConnectionSummary(
                id=str(text(conn.id)),
                name=text(conn.name),
                type=text(kind.id) if isinstance(kind, models.ConnectionTypeSchema) else None,
                status=None if status is None else sanitize(status, secrets),
                error=sanitize(error, secrets) or None if error else None,
            )
        )
    return Ordered(keys=connections.keys, items=summaries, skipped=connections.skipped)


def connections_page(page: Page[ConnectionSummary], skipped: int) -> ConnectionsPage:
    return ConnectionsPage(
        connections=page.items, total=page.total, next_cursor=page.next_cursor, skipped=skipped or None
    )


class FieldSummary(Compact):
    id: str
    name: str | SkipJsonSchema[None] = Field(default=None, description="Only when it differs from id.")
    type: str | SkipJsonSchema[None] = Field(default=None, description="Only when it differs from field_type.")
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
    field_type: str | SkipJsonSchema[None] = Field(
        default=None, description="The type of every field on this page that lists no type of its own."
    )
    fields: list[FieldSummary] = Field(description="Each flag appears only in its exceptional state.")
    total: int = Field(description="Fields matching search and required_only.")
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null at the end.")
    skipped: int | SkipJsonSchema[None] = Field(default=None, description=SKIPPED_DESCRIPTION)


def target_fields(envelope: models.TargetResponseEnvelope) -> Ordered[models.TargetField]:
    """The target's usable fields (with an id), in id order, and how many were left out."""
    target = _value(envelope.data)
    if not isinstance(target, models.TargetResponse):
        return Ordered(keys=[], items=[])
    return ordered(items(target.fields, models.TargetField), lambda f: whole_id(f.id))


def field_mode_flags(mode: models.Mode) -> list[ModeFlag]:
    """The fields endpoint's Mode spells the capabilities differently from SupportedMode; same flags out."""
    return capabilities(mode.requires_identity, mode.supports_field_sync_mode, mode.supports_target_filters)


def pick_labels(values: list[models.PickValue]) -> ValueLabels:
    pairs: ValueLabels = {}
    for item in values:
        raw = text(item.value)
        if raw is not None:
            pairs[raw] = short_label(raw, text(item.label))
    return pairs


def field_summary(field: models.TargetField, *, filters: bool) -> FieldSummary:
    """A field with only the flags in their exceptional state; `filters`: some mode of the target has filters."""
    id_ = str(text(field.id))
    name = text(field.name)
    summary = FieldSummary(id=id_, name=name if adds_information(name, id_) else None, type=text(field.type_))
    if is_true(field.required):
        summary.required = True
    if is_true(field.supports_identity):
        functions = items(field.identity_functions, models.IdentityFunction)
        summary.identity = [fid for fid in (text(f.id) for f in functions) if fid]
    if _value(field.createable) is False and _value(field.updateable) is False:
        summary.read_only = True
    if is_true(field.association):
        summary.association = True
    if filters and _value(field.filterable) is False:
        summary.filterable = False
    picks = items(field.values, models.PickValue)
    if picks:
        summary.values = pick_labels(picks[:FIELD_VALUES_CAP])
        if len(picks) > FIELD_VALUES_CAP:
            summary.value_count = len(picks)
    return summary


def fields_page(
    envelope: models.TargetResponseEnvelope, page: Page[models.TargetField], skipped: int, *, new_target: bool
) -> FieldsPage:
    target = _value(envelope.data)
    modes: dict[str, list[ModeFlag]] = {}
    id_ = name = None
    if isinstance(target, models.TargetResponse):
        id_, name = text(target.id), text(target.name)
        for mode in items(target.modes, models.Mode):
            mode_id = text(mode.mode)
            if mode_id:
                modes[mode_id] = field_mode_flags(mode)
    filters = any("filters" in flags for flags in modes.values())
    if new_target or id_ is None:  # a new target's id is a placeholder that must not be used
        shown_name = name
        id_ = None
    else:
        shown_name = name if adds_information(name, id_) else None
    summaries = [field_summary(f, filters=filters) for f in page.items]
    return FieldsPage(
        target=id_,
        name=shown_name,
        modes=modes,
        field_type=common_type(summaries),
        fields=summaries,
        total=page.total,
        next_cursor=page.next_cursor,
        skipped=skipped or None,
    )


def common_type(fields: list[FieldSummary]) -> str | None:
    """The type most fields of a page share (ties go to the first), stated once: each field of that type drops its
    own. Only when it saves something (two fields or more share it) and every field has a type, so that a field
    without one never reads as having the common one."""
    if any(f.type is None for f in fields):
        return None
    counted = Counter(f.type for f in fields).most_common(1)
    if not counted or counted[0][1] < 2:
        return None
    common = counted[0][0]
    for summary in fields:
        if summary.type == common:
            summary.type = None
    return common


def target_modes(envelope: models.TargetObjectsResponseEnvelope) -> set[str]:
    """Every sync mode id that some target of the connection supports."""
    found: set[str] = set()
    for target in items(envelope.data, models.TargetObject):
        found.update(mode_id for mode in items(target.modes, models.SupportedMode) if (mode_id := text(mode.id)))
    return found


def supports(target: models.TargetObject, mode: str) -> bool:
    return any(text(m.id) == mode for m in items(target.modes, models.SupportedMode))
