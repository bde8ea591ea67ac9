"""What the targets tools do once called: fetch a connection's targets or a creation property's values (cached),
page them, and shape them: targets with their modes (or about one mode), creation properties, values. Imported by
the tools' first call."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from polytomic_sync_client import models
from polytomic_sync_client.api.model_sync_targets import get_target_creation_property_values as property_values_op
from polytomic_sync_client.api.model_sync_targets import list_sync_targets as list_targets_op

from .. import errors
from ..fetching import fetch
from ..limits import MAX_PROPERTY_ID, MAX_TARGET_ID, MAX_VALUE
from ..paging import Ordered, Page, listing_scope, matches, ordered, paginate, remembered
from ..reading import (
    adds_information,
    is_true,
    items,
    present,
    short_label,
    text,
    whole_id,
)
from ..results import (
    CreationProperty,
    CreationValuesPage,
    ModeFlag,
    ModeTarget,
    SyncTargetsPage,
    Target,
    TargetCreation,
    ValueLabels,
)
from ..upstream import Upstream
from .arguments import cursor_position

INLINE_VALUES_CAP = 10


async def list_sync_targets(
    up: Upstream,
    connection_id: UUID,
    *,
    search: str | None,
    limit: int,
    cursor: str | None,
    include_target_creation_values: bool,
    mode: str | None,
    refresh: bool,
) -> SyncTargetsPage:
    scope = listing_scope("targets", str(connection_id), search, *([mode] if mode else []))
    after = cursor_position(cursor, scope)
    envelope = await fetch_targets(
        up, connection_id, with_creation_values=include_target_creation_values, refresh=refresh
    )
    if mode is not None:
        supported = remembered(envelope, "modes", lambda: target_modes(envelope))
        if mode not in supported:
            raise errors.unsupported_mode(connection_id, mode, supported, up.secrets)
    targets = remembered(envelope, "targets", lambda: ordered(items(envelope.data, models.TargetObject), target_id))
    page = paginate(
        targets,
        keep=None
        if search is None and mode is None
        else lambda t: matches(search, target_id(t), text(t.name)) and (mode is None or supports(t, mode)),
        limit=limit,
        after=after,
        scope=scope,
    )
    return targets_page(
        envelope, page, skipped=targets.skipped, include_creation_values=include_target_creation_values, mode=mode
    )


async def get_target_creation_values(
    up: Upstream,
    connection_id: UUID,
    *,
    property: str | None,
    search: str | None,
    limit: int,
    cursor: str | None,
    refresh: bool,
) -> CreationValuesPage:
    if property is None:
        scope = listing_scope("properties", str(connection_id), search)
        after = cursor_position(cursor, scope)
        targets = await fetch_targets(up, connection_id, with_creation_values=True, refresh=refresh)
        props = remembered(targets, "properties", lambda: ordered(creation_properties(targets), lambda p: text(p.id)))
        if not props.items:
            raise errors.cannot_create_targets(connection_id)
        listing = paginate(
            props,
            keep=None if search is None else lambda p: matches(search, text(p.id), text(p.title)),
            limit=limit,
            after=after,
            scope=scope,
        )
        return properties_page(listing)

    scope = listing_scope("values", str(connection_id), property, search)
    after = cursor_position(cursor, scope)
    envelope = await fetch(
        up,
        ("get_target_creation_property_values", str(connection_id), property),
        lambda: property_values_op.asyncio_detailed(connection_id, property, client=up.client),
        models.TargetPropertyValuesEnvelope,
        not_found=errors.no_creation_property(connection_id, property),
        refresh=refresh,
    )
    values = remembered(envelope, "values", lambda: ordered(enum_values(envelope), value_key))
    page = paginate(
        values,
        keep=None if search is None else lambda v: matches(search, value_key(v), text(v.label)),
        limit=limit,
        after=after,
        scope=scope,
    )
    return values_page(envelope, property, page, skipped=values.skipped)


async def fetch_targets(
    up: Upstream, connection_id: UUID, *, with_creation_values: bool, refresh: bool = False
) -> models.TargetObjectsResponseEnvelope:
    """A connection's targets, from the cache when fresh (both tools here and the prompt's completions share it)."""
    return await fetch(
        up,
        ("list_sync_targets", str(connection_id), with_creation_values),
        lambda: list_targets_op.asyncio_detailed(
            connection_id, client=up.client, include_target_creation_values=with_creation_values
        ),
        models.TargetObjectsResponseEnvelope,
        not_found=errors.no_connection(connection_id),
        refresh=refresh,
    )


def capabilities(identity: Any, per_field: Any, filters: Any) -> list[ModeFlag]:
    """A mode's true capabilities, in one fixed order; only a literal true counts."""
    named: tuple[tuple[ModeFlag, Any], ...] = (("identity", identity), ("per_field", per_field), ("filters", filters))
    return [flag for flag, value in named if is_true(value)]


def mode_flags(mode: models.SupportedMode) -> list[ModeFlag]:
    return capabilities(mode.requires_identity, mode.supports_per_field_mode, mode.supports_target_filters)


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
    if is_enum and isinstance(present(prop.values), list):
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
    creator = present(envelope.target_creation)
    return creator is not None and is_true(present(creator.supported))  # `supported: null` means it cannot


def creation_properties(envelope: models.TargetObjectsResponseEnvelope) -> list[models.TargetPropertyValues]:
    """The connection's usable creation properties (distinct ids); empty when it cannot create targets."""
    if not can_create_targets(envelope):
        return []
    props = items(present(envelope.target_creation).properties, models.TargetPropertyValues)
    return ordered(props, lambda p: whole_id(p.id, MAX_PROPERTY_ID)).items


def enum_values(envelope: models.TargetPropertyValuesEnvelope) -> list[models.UtilEnumValue]:
    prop = present(envelope.data)
    return items(prop.values, models.UtilEnumValue) if isinstance(prop, models.TargetPropertyValues) else []


def values_page(
    envelope: models.TargetPropertyValuesEnvelope, property_id: str, page: Page[models.UtilEnumValue], *, skipped: int
) -> CreationValuesPage:
    prop = present(envelope.data)  # the property, or None
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


def target_modes(envelope: models.TargetObjectsResponseEnvelope) -> set[str]:
    """Every sync mode id that some target of the connection supports."""
    found: set[str] = set()
    for target in items(envelope.data, models.TargetObject):
        found.update(mode_id for mode in items(target.modes, models.SupportedMode) if (mode_id := text(mode.id)))
    return found


def supports(target: models.TargetObject, mode: str) -> bool:
    return any(text(m.id) == mode for m in items(target.modes, models.SupportedMode))
