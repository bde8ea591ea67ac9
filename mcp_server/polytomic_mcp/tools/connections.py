"""The connections tool: where every workflow starts (a destination connection's id).

The tool's surface (arguments, description, output model); what it does once called is in connections_handler,
which its first call imports.
"""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import Context
from mcp.types import CallToolResult
from pydantic import Field

from ..results import ConnectionsPage, tool_result
from ..upstream import Resolver, upstream
from .arguments import Cursor, Refresh, Search


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
    from . import connections_handler as handler  # the one seam: loaded (generated client and all) by the first call

    answer = await handler.list_connections(upstream(ctx), search=search, limit=limit, cursor=cursor, refresh=refresh)
    return tool_result(answer)
