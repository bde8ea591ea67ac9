"""The connections tool: where every workflow starts (a destination connection's id)."""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import Context
from mcp.types import CallToolResult
from pydantic import Field

from polytomic_sync_client import models
from polytomic_sync_client.api.connections import list_connections as list_connections_op

from ..paging import listing_scope, matches, paginate, remembered
from ..results import ConnectionsPage, tool_result
from ..settings import ENV_BASE_URL
from ..upstream import Resolver, Upstream, upstream
from .arguments import Cursor, Refresh, Search, cursor_position
from .shape_connections import connection_summaries, connections_page

NOT_FOUND = (
    "Polytomic did not find the connections list (HTTP 404), which every organization has: the API is not at the "
    f"configured address. No argument changes this: the person running the server should check {ENV_BASE_URL} (the "
    "API's origin, e.g. https://app.polytomic.com, without /api)."
)


async def list_connections(
    ctx: Context[Resolver, Any],
    search: Search = None,
    limit: Annotated[int, Field(ge=1, le=500, description="Page size.")] = 50,
    cursor: Cursor = None,
    refresh: Refresh = False,
) -> Annotated[CallToolResult, ConnectionsPage]:
    """List the organization's connections: id, name, type, and status when not healthy.

    Start here: pass a destination's id to list_sync_targets. search matches name, id and type (e.g.
    salesforce); page with cursor=next_cursor until null.
    """
    scope = listing_scope("connections", search)
    after = cursor_position(cursor, scope)
    up = upstream(ctx)
    envelope = await fetch_connections(up, refresh=refresh)
    summaries = remembered(envelope, "summaries", lambda: connection_summaries(envelope, secrets=up.secrets))
    page = paginate(
        summaries,
        keep=None if search is None else lambda c: matches(search, c.id, c.name, c.type),
        limit=limit,
        after=after,
        scope=scope,
    )
    return tool_result(connections_page(page, summaries.skipped))


async def fetch_connections(up: Upstream, *, refresh: bool = False) -> models.ConnectionListResponseEnvelope:
    """The organization's connections, from the cache when fresh (the tool and the prompt's completions share it)."""
    return await up.fetch(
        ("list_connections",),
        lambda: list_connections_op.asyncio_detailed(client=up.client),
        models.ConnectionListResponseEnvelope,
        not_found=NOT_FOUND,
        forbidden_what="the organization's connections",
        refresh=refresh,
    )
