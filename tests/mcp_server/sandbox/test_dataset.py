"""The dataset: realistic sizes and shapes, identical on every run, quick to build."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from polytomic_mcp.sandbox import DEFAULT_API_KEY, SANDBOX_BASE_URL, Sandbox
from polytomic_mcp.sandbox.dataset import (
    ALL_CONNECTIONS,
    DOCS_EXAMPLE,
    FACEBOOK_ADS,
    FORBIDDEN,
    HUBSPOT,
    LINKEDIN_ADS,
    NULL_TARGETS,
    SALESFORCE,
    UNHEALTHY,
    WAREHOUSE,
    CreationProperty,
    creation_properties,
    targets,
)

pytestmark = pytest.mark.anyio

ROOT = Path(__file__).resolve().parents[3]
SAMPLE_URLS = [
    "/api/connections",
    f"/api/connections/{SALESFORCE}/modelsync/targetobjects",
    f"/api/connections/{WAREHOUSE}/modelsync/targetobjects?include_target_creation_values=true",
    f"/api/connections/{LINKEDIN_ADS}/modelsync/targetobjects/properties/account",
    f"/api/connections/{SALESFORCE}/modelsync/target/fields?target=Contact",
    f"/api/connections/{HUBSPOT}/modelsync/target/fields?target=deals",
    f"/api/connections/{WAREHOUSE}/modelsync/target/fields?target={(targets(WAREHOUSE) or ())[1234].id}",
    f"/api/connections/{FACEBOOK_ADS}/modelsync/target?search=a",
]
# Prints a digest of the sample answers: run in fresh interpreters with different hash seeds.
DIGEST_SCRIPT = f"""
import asyncio, hashlib, httpx
from polytomic_mcp.sandbox import Sandbox
async def main():
    async with httpx.AsyncClient(transport=Sandbox().transport(), base_url="{SANDBOX_BASE_URL}",
                                 headers={{"Authorization": "Bearer {DEFAULT_API_KEY}"}}) as client:
        digest = hashlib.sha256()
        for url in {SAMPLE_URLS!r}:
            digest.update((await client.get(url)).content)
        print(digest.hexdigest())
asyncio.run(main())
"""


def prop(connection: str, prop_id: str) -> CreationProperty:
    return next(p for p in creation_properties(connection) or () if p.id == prop_id)


def test_dataset_sizes_are_at_least_realistic_floors() -> None:
    salesforce = targets(SALESFORCE) or ()
    assert len(salesforce) >= 900
    assert {"Account", "Contact", "Lead", "Opportunity"} <= {t.id for t in salesforce}
    custom = [t for t in salesforce if t.id.endswith("__c")]
    assert len(custom) > 500 and sum(t.name != t.id for t in salesforce) > 500
    assert len({tuple(m.id for m in t.modes) for t in salesforce}) >= 4
    assert 30 <= len(targets(HUBSPOT) or ()) <= 50
    tables = targets(WAREHOUSE) or ()
    assert len(tables) >= 2500 and all(re.fullmatch(r"[a-z_]+\.[a-z0-9_]+", t.id) for t in tables)
    assert {v for v, _ in prop(WAREHOUSE, "schema").values} == {t.id.split(".")[0] for t in tables}
    assert prop(WAREHOUSE, "schema").enum and not prop(WAREHOUSE, "table").enum
    linkedin = prop(LINKEDIN_ADS, "account").values
    assert len(linkedin) >= 300 and len({v for v, _ in linkedin}) == len(linkedin)
    assert all(
        re.fullmatch(r"urn:li:sponsoredAccount:5\d{8}", v) and label and v[-9:] in label for v, label in linkedin
    )
    facebook = prop(FACEBOOK_ADS, "account").values
    assert facebook and all(re.fullmatch(r"act_\d+", v) and label for v, label in facebook)
    assert not prop(FACEBOOK_ADS, "name").enum
    assert 0 < len(targets(LINKEDIN_ADS) or ()) < 10 and 0 < len(targets(FACEBOOK_ADS) or ()) < 10
    assert targets(NULL_TARGETS) is None and creation_properties(SALESFORCE) is None
    assert len(ALL_CONNECTIONS) == len(set(ALL_CONNECTIONS)) == 11
    assert {DOCS_EXAMPLE, FORBIDDEN, UNHEALTHY} <= set(ALL_CONNECTIONS)


async def test_connections_look_like_the_real_ones(http: httpx.AsyncClient) -> None:
    listed = {c["id"]: c for c in (await http.get("/api/connections")).json()["data"]}
    types = {conn: listed[conn]["type"]["id"] for conn in ALL_CONNECTIONS}
    assert types[SALESFORCE] == "salesforce" and types[HUBSPOT] == "hubspot" and types[WAREHOUSE] == "postgresql"
    assert types[LINKEDIN_ADS] == "linkedinads" and types[FACEBOOK_ADS] == "fbaudience"
    for conn in listed.values():
        assert "modelsyncdestination" in conn["type"]["operations"]
        assert conn["created_at"].endswith("Z") and conn["created_at"] <= conn["updated_at"]
        assert conn["organization_id"] == listed[SALESFORCE]["organization_id"]


async def test_two_sandboxes_give_identical_answers(http: httpx.AsyncClient) -> None:
    other = Sandbox()
    headers = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
    async with httpx.AsyncClient(transport=other.transport(), base_url=SANDBOX_BASE_URL, headers=headers) as client:
        for url in SAMPLE_URLS:
            mine, theirs = await http.get(url), await client.get(url)
            assert mine.status_code == 200 and mine.content == theirs.content, url


@pytest.mark.child_process
def test_answers_are_identical_across_processes_and_hash_seeds() -> None:
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", DIGEST_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        digests.add(done.stdout.strip())
    assert len(digests) == 1 and len(digests.pop()) == 64


async def test_fields_are_realistic_and_generated_the_same_for_the_same_target(http: httpx.AsyncClient) -> None:
    url = f"/api/connections/{SALESFORCE}/modelsync/target/fields"
    contact = (await http.get(url, params={"target": "Contact"})).json()["data"]
    fields = {f["id"]: f for f in contact["fields"]}
    assert len(fields) == len(contact["fields"]) >= 250
    assert fields["Id"]["supports_identity"] and not fields["Id"]["createable"]
    assert fields["LastName"]["required"] and fields["AccountId"]["association"]
    assert {v["value"] for v in fields["LeadSource"]["values"]} >= {"Web", "Other"}
    assert all("depends_on" in v for v in fields["MailingStateCode"]["values"])
    assert {f["type"] for f in fields.values()} >= {
        "string",
        "number",
        "integer",
        "boolean",
        "date",
        "datetime",
        "array",
    }
    assert any(f["filter_functions"][0]["id"] == "OnOrAfter" for f in fields.values() if f.get("filter_functions"))
    again = (await http.get(url, params={"target": "Contact"})).json()["data"]
    assert again == contact
    digest = hashlib.sha256(json.dumps(contact["fields"], sort_keys=True).encode()).hexdigest()
    other = (await http.get(url, params={"target": "Account_Plan__c"})).json()["data"]["fields"]
    assert hashlib.sha256(json.dumps(other, sort_keys=True).encode()).hexdigest() != digest


@pytest.mark.child_process
def test_serve_prints_its_url_to_stderr_and_answers_until_stopped() -> None:
    script = "from polytomic_mcp.sandbox.serve import serve; serve(port=0, api_key='k-123')"
    process = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        match = re.search(r"Sandbox Polytomic API on (http://127\.0\.0\.1:\d+) \(API key: k-123\)", line)
        assert match, line
        response = httpx.get(f"{match.group(1)}/api/connections", headers={"Authorization": "Bearer k-123"})
        assert response.status_code == 200 and len(response.json()["data"]) == 11
    finally:
        process.terminate()
        stdout, _ = process.communicate(timeout=10)
    assert stdout == ""
