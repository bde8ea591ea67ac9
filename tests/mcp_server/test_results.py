"""The output models and how a tool result carries them (results.py)."""

from __future__ import annotations

import json

import pytest

from polytomic_mcp.results import CreationValuesPage, tool_result


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
