"""Tools over the Model Sync targets endpoints: list a connection's targets (whole, or about one mode), and the values
a new target's creation properties accept. Each checks its arguments, fetches through the cache, and shapes a page."""

from __future__ import annotations

import re
from typing import Annotated, Any
from uuid import UUID

from mcp.server.mcpserver import Context
from mcp.types import CallToolResult
from pydantic import AfterValidator, Field
from pydantic.json_schema import SkipJsonSchema

from polytomic_sync_client import models
from polytomic_sync_client.api.model_sync_targets import get_target_creation_property_values as property_values_op
from polytomic_sync_client.api.model_sync_targets import list_sync_targets as list_targets_op

from .. import errors
from ..paging import listing_scope, matches, ordered, paginate, remembered
from ..reading import MAX_PROPERTY_ID, items, text
from ..results import CreationValuesPage, SyncTargetsPage, tool_result
from ..upstream import Resolver, Upstream, upstream
from .arguments import Cursor, Refresh, Search, cursor_position
from .shape_targets import (
    creation_properties,
    enum_values,
    properties_page,
    supports,
    target_id,
    target_modes,
    targets_page,
    value_key,
    values_page,
)

# A property id is one path segment: nothing a proxy could decode or resolve into another path.
_NOT_IN_PROPERTY = re.compile(r"[/\\?#%\s\x00-\x1f\x7f-\x9f]")


def _property_id(value: str | None) -> str | None:
    if value is not None and (value in (".", "..") or _NOT_IN_PROPERTY.search(value)):
        raise ValueError(
            "must be a creation property id such as 'account': no '/', '\\', '?', '#', '%', whitespace or control "
            "characters, and not '.' or '..'"
        )
    return value


ConnectionId = Annotated[UUID, Field(description="Destination connection id (UUID).")]
SyncMode = Annotated[
    str | SkipJsonSchema[None],
    Field(
        min_length=1,
        max_length=100,
        pattern=r"^[A-Za-z][A-Za-z0-9_-]*$",
        description="Only targets with this sync mode.",
    ),
]
PropertyId = Annotated[
    str | None,
    Field(
        min_length=1, max_length=MAX_PROPERTY_ID, description="Creation property id, e.g. account. Omit to list them."
    ),
    AfterValidator(_property_id),
]


async def list_sync_targets(
    ctx: Context[Resolver, Any],
    connection_id: ConnectionId,
    search: Search = None,
    limit: Annotated[int, Field(ge=1, le=500, description="Page size.")] = 50,
    cursor: Cursor = None,
    include_target_creation_values: Annotated[
        bool, Field(description="Inline up to 10 values of each enum creation property.")
    ] = False,
    mode: SyncMode = None,
    refresh: Refresh = False,
) -> Annotated[CallToolResult, SyncTargetsPage]:
    """List a destination connection's targets (objects it can sync to) and their sync modes' true capabilities
    (identity = needs an identity mapping, per_field, filters).

    After list_connections; then get_sync_target_fields. With mode, only that mode: a target is its id, or {id,
    name, capabilities} where they differ from the page's. search matches id and name; page with
    cursor=next_cursor until null. target_creation: new targets can be created; get_target_creation_values gives
    an enum property's values.
    """
    scope = listing_scope("targets", str(connection_id), search, *([mode] if mode else []))
    after = cursor_position(cursor, scope)
    up = upstream(ctx)
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
    return tool_result(
        targets_page(
            envelope, page, skipped=targets.skipped, include_creation_values=include_target_creation_values, mode=mode
        )
    )


async def get_target_creation_values(
    ctx: Context[Resolver, Any],
    connection_id: ConnectionId,
    property: PropertyId = None,
    search: Search = None,
    limit: Annotated[int, Field(ge=1, le=500, description="Page size.")] = 100,
    cursor: Cursor = None,
    refresh: Refresh = False,
) -> Annotated[CallToolResult, CreationValuesPage]:
    """List the valid values of a target-creation property (e.g. the ad accounts a new audience can go in).

    Use it when list_sync_targets shows target_creation and you need a value for an enum property; the
    chosen value goes in the new target's create map. Without property it lists the connection's creation
    properties (id, title, enum, value_count). search matches value and label (without property: id and
    title); page with cursor=next_cursor until null.
    """
    up = upstream(ctx)
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
        return tool_result(properties_page(listing))

    scope = listing_scope("values", str(connection_id), property, search)
    after = cursor_position(cursor, scope)
    envelope = await up.fetch(
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
    return tool_result(values_page(envelope, property, page, skipped=values.skipped))


async def fetch_targets(
    up: Upstream, connection_id: UUID, *, with_creation_values: bool, refresh: bool = False
) -> models.TargetObjectsResponseEnvelope:
    """A connection's targets, from the cache when fresh (both tools here and the prompt's completions share it)."""
    return await up.fetch(
        ("list_sync_targets", str(connection_id), with_creation_values),
        lambda: list_targets_op.asyncio_detailed(
            connection_id, client=up.client, include_target_creation_values=with_creation_values
        ),
        models.TargetObjectsResponseEnvelope,
        not_found=errors.no_connection(connection_id),
        refresh=refresh,
    )
