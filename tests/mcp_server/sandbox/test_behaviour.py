"""Documented behaviour: authentication, the version header, 404s and 400s, recording of requests."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from polytomic_mcp.sandbox import DEFAULT_API_KEY, DEFAULT_BASIC_AUTH, SANDBOX_BASE_URL, Sandbox
from polytomic_mcp.sandbox.dataset import (
    FACEBOOK_ADS,
    HUBSPOT,
    LINKEDIN_ADS,
    NULL_TARGETS,
    SALESFORCE,
    UNHEALTHY,
    WAREHOUSE,
    sandbox_uuid,
)

pytestmark = pytest.mark.anyio

CONNECTIONS = "/api/connections"


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer wrong-key", f"Token {DEFAULT_API_KEY}", basic("sandbox", "wrong"), "Basic !!!"],
)
async def test_missing_or_wrong_credentials_get_401_with_the_error_body(
    sandbox: Sandbox, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization is not None else {}
    async with httpx.AsyncClient(transport=sandbox.transport(), base_url=SANDBOX_BASE_URL) as client:
        response = await client.get(f"{CONNECTIONS}/{SALESFORCE}/modelsync/targetobjects", headers=headers)
    assert response.status_code == 401
    assert response.json() == {"status": 401, "message": "unauthorized"}


async def test_bearer_key_and_basic_credentials_are_accepted_and_basic_can_be_turned_off() -> None:
    for sandbox, authorization, status in [
        (Sandbox(), f"bearer {DEFAULT_API_KEY}", 200),
        (Sandbox(), basic(*DEFAULT_BASIC_AUTH), 200),
        (Sandbox(api_key="other"), "Bearer other", 200),
        (Sandbox(api_key="other"), f"Bearer {DEFAULT_API_KEY}", 401),
        (Sandbox(basic_auth=None), basic(*DEFAULT_BASIC_AUTH), 401),
        (Sandbox(basic_auth=("u", "p:w")), basic("u", "p:w"), 200),
    ]:
        async with httpx.AsyncClient(transport=sandbox.transport(), base_url=SANDBOX_BASE_URL) as client:
            assert (await client.get(CONNECTIONS, headers={"Authorization": authorization})).status_code == status


@pytest.mark.parametrize(
    ("asked", "echoed"), [(None, "2025-09-18"), ("2025-09-18", "2025-09-18"), ("2024-02-08", "2024-02-08")]
)
async def test_the_version_header_is_echoed_on_every_response(
    http: httpx.AsyncClient, asked: str | None, echoed: str
) -> None:
    headers = {"X-Polytomic-Version": asked} if asked else {}
    for url in [CONNECTIONS, f"{CONNECTIONS}/{sandbox_uuid('missing')}", "/api/unknown"]:
        assert (await http.get(url, headers=headers)).headers["X-Polytomic-Version"] == echoed
    refused = await http.get(CONNECTIONS, headers={**headers, "Authorization": "Bearer nope"})
    assert refused.status_code == 401 and refused.headers["X-Polytomic-Version"] == echoed


@pytest.mark.parametrize("version", ["2099-01-01", "2025-9-18", "latest", ""])
async def test_an_unknown_api_version_gets_400(http: httpx.AsyncClient, version: str) -> None:
    response = await http.get(CONNECTIONS, headers={"X-Polytomic-Version": version})
    assert response.status_code == 400
    assert response.json()["status"] == 400 and "version" in response.json()["message"]
    assert response.headers["X-Polytomic-Version"] == "2025-09-18"


@pytest.mark.parametrize(
    "url",
    [
        f"{CONNECTIONS}/{sandbox_uuid('missing')}",
        f"{CONNECTIONS}/not-a-uuid/modelsync/targetobjects",
        f"{CONNECTIONS}/{sandbox_uuid('missing')}/modelsync/target/fields?target=Account",
        f"{CONNECTIONS}/{SALESFORCE}/modelsync/target/fields?target=NoSuchObject",
        f"{CONNECTIONS}/{SALESFORCE}/modelsync/targetobjects/properties/account",
        f"{CONNECTIONS}/{SALESFORCE}/modelsync/target/fields?properties[account]=x",
        f"{CONNECTIONS}/{LINKEDIN_ADS}/modelsync/targetobjects/properties/nope",
        f"{CONNECTIONS}/{LINKEDIN_ADS}/modelsync/targetobjects/properties/a%2Faccount",
        f"{CONNECTIONS}/{NULL_TARGETS}/modelsync/target/fields?target=orders",
        "/api/nothing/here",
    ],
)
async def test_unknown_things_get_404_with_the_error_body(http: httpx.AsyncClient, url: str) -> None:
    response = await http.get(url)
    assert response.status_code == 404
    assert set(response.json()) == {"status", "message"} and response.json()["status"] == 404


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?refresh=true",
        "?target=Contact&properties[account]=x",
        "?target=Contact&refresh=maybe",
    ],
)
async def test_fields_need_exactly_one_of_target_or_properties(http: httpx.AsyncClient, query: str) -> None:
    response = await http.get(f"{CONNECTIONS}/{SALESFORCE}/modelsync/target/fields{query}")
    assert response.status_code == 400 and response.json()["status"] == 400


@pytest.mark.parametrize(
    "query",
    [
        "properties[account]=act_0&properties[name]=x",  # not one of the account values
        "properties[name]=Only+a+name",  # account missing
        "properties[account]={account}&properties[name]=x&properties[color]=red",  # unknown key
        "properties[account]={account}&properties[name]=",  # empty name
        "properties[account]={account}&properties[account]={account}&properties[name]=x",  # repeated
    ],
)
async def test_invalid_creation_properties_get_400(http: httpx.AsyncClient, query: str) -> None:
    values = (await http.get(f"{CONNECTIONS}/{FACEBOOK_ADS}/modelsync/targetobjects/properties/account")).json()
    account = values["data"]["values"][0]["value"]
    url = f"{CONNECTIONS}/{FACEBOOK_ADS}/modelsync/target/fields?{query.format(account=account)}"
    response = await http.get(url)
    assert response.status_code == 400 and response.json()["status"] == 400


async def test_a_new_audience_has_hashed_identity_fields_and_a_new_table_has_none(http: httpx.AsyncClient) -> None:
    values = (await http.get(f"{CONNECTIONS}/{LINKEDIN_ADS}/modelsync/targetobjects/properties/account")).json()
    account = values["data"]["values"][3]["value"]
    audience = await http.get(
        f"{CONNECTIONS}/{LINKEDIN_ADS}/modelsync/target/fields",
        params={"properties[account]": account, "properties[name]": "Q4 webinar leads"},
    )
    data = audience.json()["data"]
    email = next(f for f in data["fields"] if f["id"] == "email")
    assert {f["id"] for f in email["identity_functions"]} == {"Equality", "Hashed"}
    assert data["name"] == "Q4 webinar leads" and data["refreshed_at"] == "0001-01-01T00:00:00Z"
    table = await http.get(
        f"{CONNECTIONS}/{WAREHOUSE}/modelsync/target/fields",
        params={"properties[schema]": "analytics", "properties[table]": "new_scores", "refresh": "true"},
    )
    assert table.json()["data"]["fields"] == [] and table.json()["data"]["id"] == "analytics.new_scores"


async def test_refresh_updates_refreshed_at_and_otherwise_it_is_a_fixed_past_time(http: httpx.AsyncClient) -> None:
    url = f"{CONNECTIONS}/{HUBSPOT}/modelsync/target/fields?target=contacts"
    cached = (await http.get(url)).json()["data"]["refreshed_at"]
    refreshed = (await http.get(url + "&refresh=true")).json()["data"]["refreshed_at"]
    assert cached == (await http.get(url)).json()["data"]["refreshed_at"] < "2025-09-19"
    assert datetime.fromisoformat(refreshed) > datetime.now(UTC) - timedelta(minutes=5)


async def test_inline_creation_values_only_when_asked(http: httpx.AsyncClient) -> None:
    url = f"{CONNECTIONS}/{WAREHOUSE}/modelsync/targetobjects"
    plain = (await http.get(url)).json()["target_creation"]["properties"]
    inline = (await http.get(url, params={"include_target_creation_values": "true"})).json()["target_creation"]
    assert all("values" not in p for p in plain)
    schema = next(p for p in inline["properties"] if p["id"] == "schema")
    table = next(p for p in inline["properties"] if p["id"] == "table")
    assert schema["enum"] and len(schema["values"]) > 10 and not table["enum"] and "values" not in table


async def test_an_unhealthy_connection_is_listed_as_such_and_its_targets_answer_400_saying_why(
    http: httpx.AsyncClient,
) -> None:
    listed = {c["id"]: c for c in (await http.get(CONNECTIONS)).json()["data"]}
    assert listed[UNHEALTHY]["status"] == "unhealthy" and listed[UNHEALTHY]["status_error"]
    assert all(c["status"] == "healthy" for i, c in listed.items() if i != UNHEALTHY)
    response = await http.get(f"{CONNECTIONS}/{UNHEALTHY}/modelsync/targetobjects")
    assert response.status_code == 400 and "unhealthy" in response.json()["message"]
    assert listed[UNHEALTHY]["status_error"] in response.json()["message"]


async def test_secrets_in_connection_configurations_are_redacted(http: httpx.AsyncClient) -> None:
    for conn in (await http.get(CONNECTIONS)).json()["data"]:
        secrets = {
            k: v for k, v in conn["configuration"].items() if any(s in k for s in ("password", "secret", "token"))
        }
        assert secrets and set(secrets.values()) == {"********"}, conn["name"]


async def test_requests_are_recorded_exactly_and_without_credentials(sandbox: Sandbox, http: httpx.AsyncClient) -> None:
    await http.get(f"{CONNECTIONS}/{LINKEDIN_ADS}/modelsync/targetobjects/properties/a%2Fb%3Fc%23d")
    await http.get(f"{CONNECTIONS}/{WAREHOUSE}/modelsync/target/fields", params={"properties[schema]": "public"})
    await http.get(CONNECTIONS, headers={"Authorization": "Bearer wrong", "X-Polytomic-Version": "2024-02-08"})
    first, second, third = sandbox.requests
    assert first.path.endswith("/properties/a%2Fb%3Fc%23d") and first.route == "get_target_creation_property_values"
    assert second.params == [("properties[schema]", "public")] and second.route == "get_sync_target_fields"
    assert third.route == "list_connections" and third.header("X-Polytomic-Version") == "2024-02-08"
    assert all(r.method == "GET" and r.header("authorization") is None for r in sandbox.requests)
    assert "wrong" not in repr(sandbox.requests) and DEFAULT_API_KEY not in repr(sandbox.requests)


async def test_metadata_filters_by_type_and_search(http: httpx.AsyncClient) -> None:
    url = f"{CONNECTIONS}/{WAREHOUSE}/modelsync/target"
    everything = (await http.get(url)).json()["data"]["items"]
    public = (await http.get(url, params={"type": "public", "search": "ORDER"})).json()["data"]["items"]
    assert len(everything) > 10 and list(public) == ["public"]
    assert public["public"]["items"] and all("order" in t for t in public["public"]["items"])
    assert set(public["public"]["items"]) < set(everything["public"]["items"])
