"""The output models and how a tool result carries them (results.py)."""

from __future__ import annotations

import json

import pytest

from polytomic_mcp.results import CreationValuesPage, lean_schema, tool_result


def test_a_result_is_one_compact_text_block_equal_to_its_structured_content_and_keeps_unicode() -> None:
    result = tool_result(CreationValuesPage(property="city", values={"zrh": "Zürich", "x": None}, total=2))
    [block] = result.content
    assert block.type == "text"
    assert block.text == '{"property":"city","values":{"zrh":"Zürich","x":null},"total":2,"next_cursor":null}'
    assert result.structured_content == json.loads(block.text)


def test_a_result_that_cannot_be_encoded_is_a_clean_tool_error_not_a_broken_answer() -> None:
    from mcp.server.mcpserver.exceptions import ToolError

    with pytest.raises(ToolError) as refused:
        tool_result(CreationValuesPage(property="\ud800"))
    assert str(refused.value) == (
        "Polytomic's answer could not be turned into a result (it holds text that cannot be encoded). "
        "Retrying will not help; a narrower search may avoid the odd item."
    )


def test_a_result_without_a_listing_has_no_next_cursor() -> None:
    result = tool_result(CreationValuesPage(property="account"))
    assert result.structured_content == {"property": "account"}


def test_a_lean_schema_drops_titles_and_null_defaults_and_keeps_everything_else() -> None:
    schema = {
        "title": "Page",
        "type": "object",
        "properties": {
            "cursor": {"title": "Cursor", "type": "string", "default": None},
            "limit": {"title": "Limit", "type": "integer", "default": 100},
            "refresh": {"type": "boolean", "default": False},
            "id": {"type": "string"},
        },
    }
    lean_schema(schema)
    assert schema == {
        "type": "object",
        "properties": {
            "cursor": {"type": "string"},
            "limit": {"type": "integer", "default": 100},
            "refresh": {"type": "boolean", "default": False},
            "id": {"type": "string"},
        },
    }
    untitled: dict[str, object] = {"type": "string"}  # no title, no properties: left as it is
    lean_schema(untitled)
    assert untitled == {"type": "string"}
