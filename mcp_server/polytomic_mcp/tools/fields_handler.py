"""What get_sync_target_fields does once called: fetch a target's fields (cached), page them, and shape them with
only their exceptional flags, and the target's modes. Imported by the tool's first call."""

from __future__ import annotations

from collections import Counter
from uuid import UUID

from polytomic_sync_client import models
from polytomic_sync_client import types as api_types
from polytomic_sync_client.api.model_sync_targets import get_sync_target_fields as fields_op

from .. import errors
from ..fetching import fetch
from ..paging import Ordered, Page, listing_scope, matches, ordered, paginate, remembered
from ..reading import adds_information, is_true, items, present, short_label, text, whole_id
from ..results import FieldsPage, FieldSummary, ModeFlag, ValueLabels
from ..upstream import Upstream
from .arguments import cursor_position
from .targets_handler import capabilities

FIELD_VALUES_CAP = 10


async def get_sync_target_fields(
    up: Upstream,
    connection_id: UUID,
    *,
    target: str | None,
    properties: dict[str, str] | None,
    search: str | None,
    required_only: bool,
    limit: int,
    cursor: str | None,
    refresh: bool,
) -> FieldsPage:
    described = sorted((properties or {}).items())
    scope = listing_scope("fields", str(connection_id), target, repr(described), search, str(required_only))
    after = cursor_position(cursor, scope)
    envelope = await fetch(
        up,
        ("get_sync_target_fields", str(connection_id), target, tuple(described)),
        lambda: fields_op.asyncio_detailed(
            connection_id,
            client=up.client,
            target=target if target is not None else api_types.UNSET,
            refresh=True if refresh else api_types.UNSET,
            properties=_encoded(properties),
        ),
        models.TargetResponseEnvelope,
        not_found=errors.no_new_target(connection_id) if target is None else errors.no_target(connection_id, target),
        refresh=refresh,
    )
    fields = remembered(envelope, "fields", lambda: target_fields(envelope))
    page = paginate(
        fields,
        keep=lambda f: (f.required is True or not required_only) and matches(search, text(f.id), text(f.name)),
        limit=limit,
        after=after,
        scope=scope,
    )
    return fields_page(envelope, page, fields.skipped, new_target=target is None)


def _encoded(properties: dict[str, str] | None) -> models.GetSyncTargetFieldsProperties | api_types.Unset:
    if properties is None:
        return api_types.UNSET
    model = models.GetSyncTargetFieldsProperties()
    model.additional_properties = dict(properties)
    return model


def target_fields(envelope: models.TargetResponseEnvelope) -> Ordered[models.TargetField]:
    """The target's usable fields (with an id), in id order, and how many were left out."""
    target = present(envelope.data)
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
    if present(field.createable) is False and present(field.updateable) is False:
        summary.read_only = True
    if is_true(field.association):
        summary.association = True
    if filters and present(field.filterable) is False:
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
    target = present(envelope.data)
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
