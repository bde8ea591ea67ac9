"""Argument types shared by the tools, and their checks (run before any upstream request)."""

from __future__ import annotations

from typing import Annotated

from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from ..paging import CursorError, decode_cursor

NO_CONTROL_CHARACTERS = r"^[^\x00-\x1f\x7f-\x9f]*$"  # C0, DEL and C1

# SkipJsonSchema[None]: omitting an optional argument is the documented way; "or null" would only cost tokens.
Search = Annotated[
    str | SkipJsonSchema[None],
    Field(max_length=200, pattern=NO_CONTROL_CHARACTERS, description="Case-insensitive substring filter."),
]
Cursor = Annotated[
    str | SkipJsonSchema[None],
    Field(max_length=1000, pattern=r"^[A-Za-z0-9_-]*$", description="next_cursor from the previous page."),
]
Refresh = Annotated[bool, Field(description="Ask Polytomic again instead of reusing a recent answer.")]


def cursor_position(cursor: str | None, scope: str) -> str | None:
    """The key a cursor resumes after; a ToolError (before any request) when it does not fit this listing."""
    if not cursor:
        return None
    try:
        return decode_cursor(cursor, scope)
    except CursorError as exc:
        raise ToolError(
            f"Invalid argument 'cursor': it {exc}. Pass the next_cursor of the previous page of this same "
            "listing unchanged, or omit cursor to start from the first page. Nothing was sent to Polytomic."
        ) from None
