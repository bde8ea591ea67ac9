"""Every operation, on every sandbox connection, answers bodies that match the spec's schema for their status."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from polytomic_mcp.sandbox import dataset
from polytomic_mcp.sandbox.app import ROUTES
from polytomic_mcp.sandbox.dataset import ALL_CONNECTIONS, DOCS_EXAMPLE, FORBIDDEN, SALESFORCE, UNHEALTHY, WAREHOUSE
from tests.mcp_server.sandbox.contract import NAMES, example, operation_ids, validate

pytestmark = pytest.mark.anyio


async def checked(http: httpx.AsyncClient, operation_id: str, url: str, status: int = 200, /, **params: str) -> Any:
    response = await http.get(url, params=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    validate(operation_id, status, body)
    if status != 200:
        assert set(body) == {"status", "message"} and body["status"] == status and body["message"]
    return body


def creation_values(prop: dict[str, Any]) -> dict[str, str]:
    return {prop["id"]: prop["values"][0]["value"] if prop["enum"] else "Sandbox contract test"}


def test_the_sandbox_serves_exactly_the_operations_of_the_spec() -> None:
    assert sorted(route.name for route in ROUTES) == sorted(operation_ids())


async def test_connection_list_and_each_connection_match_the_spec(http: httpx.AsyncClient) -> None:
    listed = await checked(http, "list_connections", "/api/connections")
    assert [c["id"] for c in listed["data"]] == ALL_CONNECTIONS
    for conn in listed["data"]:
        one = await checked(http, "get_connection", f"/api/connections/{conn['id']}")
        assert one["data"] == conn
    await checked(http, "get_connection", f"/api/connections/{dataset.sandbox_uuid('nope')}", 404)


@pytest.mark.parametrize("connection", ALL_CONNECTIONS, ids=NAMES.get)
async def test_every_targets_operation_matches_the_spec(http: httpx.AsyncClient, connection: str) -> None:
    base = f"/api/connections/{connection}/modelsync"
    if connection in (FORBIDDEN, UNHEALTHY):
        status = 403 if connection == FORBIDDEN else 400
        await checked(http, "list_sync_targets", f"{base}/targetobjects", status)
        await checked(http, "get_target_creation_property_values", f"{base}/targetobjects/properties/account", status)
        await checked(http, "get_sync_target_fields", f"{base}/target/fields", status, target="Account")
        await checked(http, "get_sync_target_metadata", f"{base}/target", status)
        return
    listed = await checked(http, "list_sync_targets", f"{base}/targetobjects")
    inlined = await checked(http, "list_sync_targets", f"{base}/targetobjects", include_target_creation_values="true")
    assert inlined.get("data") == listed.get("data")
    targets = listed["data"] or []
    picks = sorted({0, 1, len(targets) // 2, len(targets) - 1} & set(range(len(targets))))
    assert len(picks) >= min(len(targets), 4)
    for target in [targets[i] for i in picks]:
        body = await checked(http, "get_sync_target_fields", f"{base}/target/fields", target=target["id"])
        assert body["data"]["id"] == target["id"] and body["data"]["fields"]
    await checked(http, "get_sync_target_fields", f"{base}/target/fields", 404, target="No_Such_Object__c")
    await checked(http, "get_sync_target_fields", f"{base}/target/fields", 400)
    await checked(http, "get_sync_target_metadata", f"{base}/target")
    await checked(http, "get_sync_target_metadata", f"{base}/target", type="standard", search="acc")
    creation = inlined.get("target_creation", {"supported": False})
    if not creation["supported"]:
        await checked(http, "get_target_creation_property_values", f"{base}/targetobjects/properties/account", 404)
        await checked(http, "get_sync_target_fields", f"{base}/target/fields", 404, **{"properties[account]": "x"})
        return
    described: dict[str, str] = {}
    for prop in creation["properties"]:
        values = await checked(
            http, "get_target_creation_property_values", f"{base}/targetobjects/properties/{prop['id']}"
        )
        assert values["data"]["id"] == prop["id"]
        if prop["enum"]:
            assert values["data"]["values"] == prop["values"] and len(prop["values"]) > 0
        described |= creation_values(prop)
    await checked(http, "get_target_creation_property_values", f"{base}/targetobjects/properties/nope", 404)
    params = {f"properties[{k}]": v for k, v in described.items()}
    new = await checked(http, "get_sync_target_fields", f"{base}/target/fields", **params)
    assert new["data"]["refreshed_at"] == "0001-01-01T00:00:00Z"
    assert (new["data"]["fields"] == []) == (connection == WAREHOUSE)
    both = {"target": targets[0]["id"] if targets else "x", **params}
    await checked(http, "get_sync_target_fields", f"{base}/target/fields", 400, **both)


async def test_the_salesforce_contact_has_hundreds_of_fields_that_match_the_spec(http: httpx.AsyncClient) -> None:
    url = f"/api/connections/{SALESFORCE}/modelsync/target/fields"
    body = await checked(http, "get_sync_target_fields", url, target="Contact")
    assert len(body["data"]["fields"]) >= 250


async def test_the_docs_example_connection_reproduces_the_spec_examples(http: httpx.AsyncClient) -> None:
    base = f"/api/connections/{DOCS_EXAMPLE}/modelsync"
    with_values = await checked(
        http, "list_sync_targets", f"{base}/targetobjects", include_target_creation_values="true"
    )
    assert with_values == example("list_sync_targets")
    without = await checked(http, "list_sync_targets", f"{base}/targetobjects")
    expected = example("list_sync_targets")
    for prop in expected["target_creation"]["properties"]:
        del prop["values"]
    assert without == expected
    values = await checked(http, "get_target_creation_property_values", f"{base}/targetobjects/properties/account")
    assert values == example("get_target_creation_property_values")
    fields = await checked(http, "get_sync_target_fields", f"{base}/target/fields", target="crm_contact")
    assert fields == example("get_sync_target_fields")


@pytest.mark.parametrize(
    ("headers", "status"),
    [({"Authorization": ""}, 401), ({"X-Polytomic-Version": "1999-01-01"}, 400)],
)
async def test_auth_and_version_errors_match_the_spec_for_every_operation(
    http: httpx.AsyncClient, headers: dict[str, str], status: int
) -> None:
    properties = f"/api/connections/{WAREHOUSE}/modelsync/targetobjects/properties/schema"
    urls = {
        "list_connections": "/api/connections",
        "get_connection": f"/api/connections/{SALESFORCE}",
        "list_sync_targets": f"/api/connections/{SALESFORCE}/modelsync/targetobjects",
        "get_target_creation_property_values": properties,
        "get_sync_target_fields": f"/api/connections/{SALESFORCE}/modelsync/target/fields?target=Contact",
        "get_sync_target_metadata": f"/api/connections/{SALESFORCE}/modelsync/target",
    }
    assert sorted(urls) == sorted(operation_ids())
    for operation_id, url in urls.items():
        response = await http.get(url, headers=headers)
        assert response.status_code == status
        validate(operation_id, status, response.json())
