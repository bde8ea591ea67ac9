"""Server assembly: build_server() wires the tools to one shared generated client."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from mcp.server import MCPServer
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.mcpserver.tools import Tool
from mcp.types import CallToolResult, InputRequiredResult
from pydantic import ValidationError

from . import __version__
from .settings import Settings
from .tools import TOOLS
from .upstream import ApiClient, Upstream, make_api_client

logger = logging.getLogger(__name__)

INSTRUCTIONS = (
    "Discover where a Polytomic model sync can write, in this order: list_connections (find the destination "
    "connection's id), list_sync_targets (its target objects and sync modes; mode filters them), then "
    "get_sync_target_fields (a target's fields: required ones, identity candidates, picklist values) or, for a "
    "new target, get_target_creation_values (the values its creation properties accept). Results are paged "
    "(cursor) and searchable (search)."
)


class PolytomicMCPServer(MCPServer[Upstream]):
    """MCPServer whose argument errors name the argument and the fix instead of echoing pydantic."""

    def __init__(self, *args: Any, tools: list[Tool], **kwargs: Any) -> None:
        super().__init__(*args, tools=tools, **kwargs)
        self._arguments = {tool.name: set(tool.parameters.get("properties", {})) for tool in tools}

    async def call_tool(
        self, name: str, arguments: dict[str, Any], context: Context[Upstream, Any] | None = None
    ) -> CallToolResult | InputRequiredResult:
        if name in self._arguments:
            unknown = sorted(set(arguments) - self._arguments[name])
            if unknown:
                valid = ", ".join(sorted(self._arguments[name]))
                raise ToolError(
                    f"Unknown argument(s) {', '.join(map(repr, unknown))} for {name}; valid arguments: {valid}. "
                    "Nothing was sent to Polytomic."
                )
        try:
            return await super().call_tool(name, arguments, context)
        except ToolError as exc:
            if isinstance(exc.__cause__, ValidationError):
                raise ToolError(describe_invalid_arguments(name, exc.__cause__)) from exc.__cause__
            raise


def describe_invalid_arguments(tool: str, error: ValidationError) -> str:
    problems = []
    for item in error.errors(include_url=False, include_input=False):
        argument = ".".join(str(part) for part in item["loc"]) or "arguments"
        kind = item["type"]
        if kind == "missing":
            problem = "is required"
        elif kind.startswith("uuid"):
            problem = "must be a UUID such as 248df4b7-aa70-47b8-a036-33ac447e668d"
        else:
            problem = str(item["msg"]).removeprefix("Value error, ")
            problem = problem[0].lower() + problem[1:] if problem else "is invalid"
        problems.append(f"{argument!r} {problem}")
    return f"Invalid argument(s) for {tool}: {'; '.join(problems)}. Fix and call again; nothing was sent to Polytomic."


def build_server(settings: Settings, api: ApiClient | None = None) -> MCPServer[Upstream]:
    """An MCP server over one shared async client (built from settings unless `api` is given)."""
    # httpx logs every request URL at INFO; upstream URLs are not for log lines.
    logging.getLogger("httpx").setLevel(max(logging.WARNING, logging.getLogger("httpx").getEffectiveLevel()))

    @asynccontextmanager
    async def lifespan(_: MCPServer[Upstream]) -> AsyncIterator[Upstream]:
        client = api if api is not None else make_api_client(settings)
        async with client:  # one connection pool for the server's lifetime
            yield Upstream(client=client, secrets=settings.secrets)

    server = PolytomicMCPServer(
        "polytomic",
        title="Polytomic sync targets",
        instructions=INSTRUCTIONS,
        version=__version__,
        lifespan=lifespan,
        tools=[spec.build() for spec in TOOLS],
    )
    return server
