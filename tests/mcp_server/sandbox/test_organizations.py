"""The sandbox's two organizations: each API key sees its own connections and gets 404 on the other's."""

from __future__ import annotations

import httpx
import pytest

from polytomic_mcp.sandbox import DEFAULT_API_KEY, DEFAULT_BASIC_AUTH, SANDBOX_BASE_URL, SECOND_API_KEY, Sandbox
from polytomic_mcp.sandbox.dataset import (
    ALL_CONNECTIONS,
    GLOBEX_HUBSPOT,
    GLOBEX_LINKEDIN_ADS,
    GLOBEX_ORGANIZATION_ID,
    ORGANIZATION_ID,
    SALESFORCE,
    WAREHOUSE,
)

pytestmark = pytest.mark.anyio
GLOBEX = [GLOBEX_HUBSPOT, GLOBEX_LINKEDIN_ADS]


def client(sandbox: Sandbox, key: str) -> httpx.AsyncClient:
    headers = {"Authorization": f"Bearer {key}"}
    return httpx.AsyncClient(transport=sandbox.transport(), base_url=SANDBOX_BASE_URL, headers=headers)


async def test_each_key_lists_only_its_own_organizations_connections() -> None:
    sandbox = Sandbox()
    async with client(sandbox, DEFAULT_API_KEY) as acme, client(sandbox, SECOND_API_KEY) as globex:
        acme_list = (await acme.get("/api/connections")).json()["data"]
        globex_list = (await globex.get("/api/connections")).json()["data"]
    assert [c["id"] for c in acme_list] == ALL_CONNECTIONS
    assert [c["id"] for c in globex_list] == GLOBEX
    assert {c["organization_id"] for c in acme_list} == {ORGANIZATION_ID}
    assert {c["organization_id"] for c in globex_list} == {GLOBEX_ORGANIZATION_ID}


@pytest.mark.parametrize(
    "path", ["", "/modelsync/targetobjects", "/modelsync/target", "/modelsync/target/fields?target=x"]
)
@pytest.mark.parametrize(
    ("key", "foreign", "own"),
    [(DEFAULT_API_KEY, GLOBEX_HUBSPOT, SALESFORCE), (SECOND_API_KEY, WAREHOUSE, GLOBEX_HUBSPOT)],
)
async def test_a_key_gets_404_on_the_other_organizations_connection_ids(
    key: str, foreign: str, own: str, path: str
) -> None:
    sandbox = Sandbox()
    async with client(sandbox, key) as http:
        refused = await http.get(f"/api/connections/{foreign}{path}")
        mine = await http.get(f"/api/connections/{own}{path.replace('target=x', 'target=contacts')}")
    assert refused.status_code == 404 and refused.json() == {"status": 404, "message": "connection not found"}
    assert mine.status_code != 404 or "target" in mine.json()["message"]


async def test_the_basic_credential_is_the_first_organization_and_unknown_keys_get_401() -> None:
    sandbox = Sandbox()
    transport = sandbox.transport()
    async with httpx.AsyncClient(transport=transport, base_url=SANDBOX_BASE_URL, auth=DEFAULT_BASIC_AUTH) as basic:
        assert [c["id"] for c in (await basic.get("/api/connections")).json()["data"]] == ALL_CONNECTIONS
    async with client(sandbox, "sandbox-unknown-key") as stranger:
        assert (await stranger.get("/api/connections")).status_code == 401


def test_the_two_organizations_need_different_keys() -> None:
    with pytest.raises(ValueError, match="different"):
        Sandbox(api_key="same", second_api_key="same")
    assert Sandbox(second_api_key=None).api_keys == {DEFAULT_API_KEY: ORGANIZATION_ID}
