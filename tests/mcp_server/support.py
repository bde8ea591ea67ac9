"""Helpers for calling tools through a real MCP client and reading their one payload."""

from __future__ import annotations

import json
from typing import Any

from mcp import Client


async def call_ok(client: Client, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
    """Call a tool that must succeed; check that the text and the structured content are the same object."""
    result = await client.call_tool(tool, arguments)
    text = result.content[0].text if result.content and result.content[0].type == "text" else ""
    assert not result.is_error, text
    assert len(result.content) == 1
    assert json.loads(text) == result.structured_content
    assert text == json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")), "text must be compact"
    payload: dict[str, Any] = result.structured_content or {}
    return payload


async def call_error(client: Client, tool: str, arguments: dict[str, Any]) -> str:
    """Call a tool that must fail; return the text the model reads."""
    result = await client.call_tool(tool, arguments)
    assert result.is_error, result.structured_content
    assert result.structured_content is None
    text = result.content[0].text if result.content[0].type == "text" else ""
    return text


async def page_through(client: Client, tool: str, arguments: dict[str, Any], items: str) -> list[Any]:
    """Follow next_cursor to the end; return every item in order (value-label pairs for a values mapping)."""
    seen: list[Any] = []
    cursor: str | None = None
    for _ in range(10_000):
        page = await call_ok(client, tool, {**arguments, **({"cursor": cursor} if cursor else {})})
        seen.extend(page[items].items() if isinstance(page[items], dict) else page[items])
        cursor = page["next_cursor"]
        if cursor is None:
            return seen
    raise AssertionError("paging did not end")
