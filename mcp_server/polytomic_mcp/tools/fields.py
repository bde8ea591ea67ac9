"""The target fields tool: what a mapping can write to, for an existing target or one to be created.

The tool's surface (arguments and their checks, description, output model); what it does once called is in
fields_handler, which its first call imports.
"""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult
from pydantic import AfterValidator, BeforeValidator, Field
from pydantic.json_schema import SkipJsonSchema

from ..limits import CONTROL_CHARACTERS, MAX_TARGET_ID, MAX_VALUE
from ..results import FieldsPage, tool_result
from ..upstream import Resolver, upstream
from .arguments import Cursor, Search
from .targets import ConnectionId

MAX_PROPERTIES = 20
MAX_KEY = 200


def _properties(value: object) -> object:
    """Checked before pydantic's own validation, so that every problem is reported as one plain sentence (null never
    gets here: the server reads an optional argument sent as null as omitted)."""
    if not isinstance(value, dict) or not 1 <= len(value) <= MAX_PROPERTIES:
        raise ValueError(f"must be an object of 1 to {MAX_PROPERTIES} creation properties (id -> value)")
    for key, item in value.items():
        if (
            not isinstance(key, str)
            or not key
            or len(key) > MAX_KEY
            or CONTROL_CHARACTERS.search(key)
            or "[" in key
            or "]" in key
        ):
            raise ValueError(
                f"has an invalid key {str(key)[:40]!r}: a creation property id (such as 'account') of 1 to "
                f"{MAX_KEY} characters, without brackets or control characters"
            )
        if not isinstance(item, str) or not item or len(item) > MAX_VALUE or CONTROL_CHARACTERS.search(item):
            raise ValueError(
                f"has an invalid value for {key!r}: a string of 1 to {MAX_VALUE} characters without control characters"
            )
    return value


def _target(value: str | None) -> str | None:
    if value is not None and CONTROL_CHARACTERS.search(value):
        raise ValueError("must be a target id from list_sync_targets, without control characters")
    return value


TargetId = Annotated[
    str | SkipJsonSchema[None],
    Field(min_length=1, max_length=MAX_TARGET_ID, description="Target id from list_sync_targets."),
    AfterValidator(_target),
]
Properties = Annotated[
    dict[str, str] | SkipJsonSchema[None],
    Field(description="Or, for a new target: creation property id -> value."),
    BeforeValidator(_properties),
]


async def get_sync_target_fields(
    ctx: Context[Resolver, Any],
    connection_id: ConnectionId,
    target: TargetId = None,
    properties: Properties = None,
    search: Search = None,
    required_only: Annotated[bool, Field(description="Only fields that need a value.")] = False,
    limit: Annotated[int, Field(ge=1, le=500, description="Page size.")] = 100,
    cursor: Cursor = None,
    refresh: Annotated[
        bool, Field(description="Re-read the destination's schema first (slow; skips the cache).")
    ] = False,
) -> Annotated[CallToolResult, FieldsPage]:
    """List a target's fields (to build a mapping) and its sync modes.

    After list_sync_targets: give exactly one of target (an existing target's id) or properties (a new target,
    values from get_target_creation_values). search matches field id and name; page with cursor=next_cursor
    until null.
    """

    if (target is None) == (properties is None):
        raise ToolError(
            "Invalid argument(s) for get_sync_target_fields: give exactly one of 'target' (an existing target's id "
            "from list_sync_targets) or 'properties' (the creation values of a new target). Nothing was sent to "
            "Polytomic."
        )
    from . import fields_handler as handler  # the one seam: loaded (generated client and all) by the first call

    answer = await handler.get_sync_target_fields(
        upstream(ctx),
        connection_id,
        target=target,
        properties=properties,
        search=search,
        required_only=required_only,
        limit=limit,
        cursor=cursor,
        refresh=refresh,
    )
    return tool_result(answer)
