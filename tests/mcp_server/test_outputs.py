"""Snapshots of what the model reads for a handful of sandbox scenarios (reviewed as diffs)."""

from __future__ import annotations

from typing import Any

import pytest
from mcp import Client

from polytomic_mcp.sandbox.dataset import (
    DOCS_EXAMPLE,
    FACEBOOK_ADS,
    LINKEDIN_ADS,
    NULL_TARGETS,
    SALESFORCE,
    WAREHOUSE,
    facebook_accounts,
)
from tests.snapshots import assert_json_snapshot

pytestmark = pytest.mark.anyio

FACEBOOK_ACCOUNT = facebook_accounts()[0][0]

SCENARIOS: dict[str, tuple[str, dict[str, Any]]] = {
    "crm_search_account": ("list_sync_targets", {"connection_id": SALESFORCE, "search": "account", "limit": 5}),
    "warehouse_first_page": ("list_sync_targets", {"connection_id": WAREHOUSE, "limit": 5}),
    "docs_example_with_values": (
        "list_sync_targets",
        {"connection_id": DOCS_EXAMPLE, "include_target_creation_values": True},
    ),
    "linkedin_with_values": (
        "list_sync_targets",
        {"connection_id": LINKEDIN_ADS, "include_target_creation_values": True},
    ),
    "null_targets": ("list_sync_targets", {"connection_id": NULL_TARGETS}),
    "facebook_creation_properties": ("get_target_creation_values", {"connection_id": FACEBOOK_ADS}),
    "linkedin_accounts_page": (
        "get_target_creation_values",
        {"connection_id": LINKEDIN_ADS, "property": "account", "limit": 5},
    ),
    "error_cannot_create": ("get_target_creation_values", {"connection_id": SALESFORCE}),
    "error_bad_uuid": ("list_sync_targets", {"connection_id": "crm_contact"}),
    "connections": ("list_connections", {}),
    "crm_update_or_create_targets": (
        "list_sync_targets",
        {"connection_id": SALESFORCE, "mode": "updateOrCreate", "search": "contact", "limit": 5},
    ),
    "error_unknown_mode": ("list_sync_targets", {"connection_id": FACEBOOK_ADS, "mode": "updateOrCreate"}),
    "contact_fields_page": ("get_sync_target_fields", {"connection_id": SALESFORCE, "target": "Contact", "limit": 12}),
    "contact_required_fields": (
        "get_sync_target_fields",
        {"connection_id": SALESFORCE, "target": "Contact", "required_only": True},
    ),
    "facebook_new_audience_fields": (
        "get_sync_target_fields",
        {"connection_id": FACEBOOK_ADS, "properties": {"account": FACEBOOK_ACCOUNT, "name": "Churned (90d)"}},
    ),
    "error_fields_target_and_properties": (
        "get_sync_target_fields",
        {"connection_id": SALESFORCE, "target": "Contact", "properties": {"name": "x"}},
    ),
    "error_unknown_target": ("get_sync_target_fields", {"connection_id": SALESFORCE, "target": "Contacts"}),
    "error_unknown_connection": (
        "list_sync_targets",
        {"connection_id": "00000000-0000-4000-8000-000000000000"},
    ),
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
async def test_tool_output_matches_its_reviewed_snapshot(mcp_client: Client, scenario: str) -> None:
    tool, arguments = SCENARIOS[scenario]
    result = await mcp_client.call_tool(tool, arguments)
    text = result.content[0].text if result.content[0].type == "text" else ""
    assert_json_snapshot(f"outputs/{scenario}", {"is_error": result.is_error, "text": text})
