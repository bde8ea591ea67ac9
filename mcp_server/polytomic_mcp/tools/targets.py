"""Tools over the Model Sync targets endpoints: list a connection's targets (whole, or about one mode), and the values
a new target's creation properties accept.

The tools' surface (arguments and their checks, descriptions, output models); what they do once called is in
targets_handler, which their first call imports.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from uuid import UUID

from mcp.server.mcpserver import Context
from mcp.types import CallToolResult
from pydantic import AfterValidator, Field
from pydantic.json_schema import SkipJsonSchema

from ..limits import MAX_PROPERTY_ID
from ..results import CreationValuesPage, SyncTargetsPage, tool_result
from ..upstream import Resolver, upstream
from .arguments import Cursor, Refresh, Search

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
    from . import targets_handler as handler  # the one seam: loaded (generated client and all) by the first call

    answer = await handler.list_sync_targets(
        upstream(ctx),
        connection_id,
        search=search,
        limit=limit,
        cursor=cursor,
        include_target_creation_values=include_target_creation_values,
        mode=mode,
        refresh=refresh,
    )
    return tool_result(answer)


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
    from . import targets_handler as handler

    answer = await handler.get_target_creation_values(
        upstream(ctx), connection_id, property=property, search=search, limit=limit, cursor=cursor, refresh=refresh
    )
    return tool_result(answer)
