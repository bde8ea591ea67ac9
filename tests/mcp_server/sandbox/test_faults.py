"""Each fault kind is produced as described, for exactly `count` calls of its route only."""

from __future__ import annotations

import json
import time

import anyio
import httpx
import pytest
from starlette.types import Message, Receive

from polytomic_mcp.sandbox import DEFAULT_API_KEY, FAULT_KINDS, SANDBOX_BASE_URL, Sandbox, gate
from polytomic_mcp.sandbox.dataset import LINKEDIN_ADS, SALESFORCE, WAREHOUSE
from polytomic_mcp.sandbox.serve import running
from polytomic_sync_client import AuthenticatedClient
from polytomic_sync_client.api.model_sync_targets import list_sync_targets
from polytomic_sync_client.models import (
    KnownFilterFunction,
    KnownSyncTargetMode,
    TargetObjectsResponseEnvelope,
    TargetResponseEnvelope,
)
from tests.mcp_server.sandbox.contract import validate

pytestmark = pytest.mark.anyio

TARGETS = f"/api/connections/{SALESFORCE}/modelsync/targetobjects"
FIELDS = f"/api/connections/{SALESFORCE}/modelsync/target/fields?target=Contact"
AUTH = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}


async def test_status_fault_answers_the_chosen_status_with_retry_after_for_count_calls_then_stops(
    sandbox: Sandbox, http: httpx.AsyncClient
) -> None:
    sandbox.faults.inject("list_sync_targets", "status", count=2, status=429, retry_after=7)
    for _ in range(2):
        response = await http.get(TARGETS)
        assert response.status_code == 429 and response.headers["Retry-After"] == "7"
        assert response.json() == {"status": 429, "message": "too many requests"}
        validate("list_sync_targets", 429, response.json())
    assert (await http.get(f"/api/connections/{SALESFORCE}")).status_code == 200  # other routes unaffected
    assert (await http.get(TARGETS)).status_code == 200
    assert sandbox.faults.pending("list_sync_targets") == 0


async def test_status_fault_defaults_to_500(sandbox: Sandbox, http: httpx.AsyncClient) -> None:
    sandbox.faults.inject("get_connection", "status")
    response = await http.get(f"/api/connections/{SALESFORCE}")
    assert response.status_code == 500 and "Retry-After" not in response.headers
    validate("get_connection", 500, response.json())


async def test_delay_fault_pauses_only_the_next_call_then_gives_the_normal_answer(
    sandbox: Sandbox, http: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    pauses: list[float] = []

    async def fake_pause(seconds: float, receive: Receive) -> tuple[Receive, bool]:  # a clock that never waits
        pauses.append(seconds)
        return receive, True

    monkeypatch.setattr(gate, "pause", fake_pause)
    sandbox.faults.inject("get_connection", "delay", delay=0.3)
    first = await http.get(f"/api/connections/{SALESFORCE}")
    second = await http.get(f"/api/connections/{SALESFORCE}")
    assert first.status_code == second.status_code == 200 and first.json() == second.json()
    assert pauses == [0.3]


async def test_a_pause_waits_at_least_its_seconds_and_replays_what_it_read() -> None:
    messages: list[Message] = [{"type": "http.request", "body": b"x", "more_body": False}]

    async def receive() -> Message:
        if messages:
            return messages.pop(0)
        await anyio.sleep_forever()
        raise AssertionError("unreachable")

    started = time.monotonic()
    replay, alive = await gate.pause(0.05, receive)
    assert time.monotonic() - started >= 0.04  # a lower bound (sleeping does not end early), with clock slack
    assert alive and (await replay())["body"] == b"x"


async def test_a_pause_ends_early_when_the_client_goes_away() -> None:
    async def receive() -> Message:
        return {"type": "http.disconnect"}

    _, alive = await gate.pause(3600, receive)  # waiting the hour would fail by pytest's timeout
    assert not alive


async def test_malformed_json_fault_is_declared_json_but_does_not_parse(
    sandbox: Sandbox, http: httpx.AsyncClient
) -> None:
    sandbox.faults.inject("list_sync_targets", "malformed_json")
    response = await http.get(TARGETS)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    with pytest.raises(json.JSONDecodeError):
        response.json()
    assert (await http.get(TARGETS)).json()["data"]


async def test_html_fault_is_a_proxy_error_page(sandbox: Sandbox, http: httpx.AsyncClient) -> None:
    sandbox.faults.inject("list_sync_targets", "html")
    sandbox.faults.inject("list_sync_targets", "html", status=503, retry_after=30)
    first, second = await http.get(TARGETS), await http.get(TARGETS)
    assert first.status_code == 502 and first.headers["content-type"] == "text/html"
    assert "<h1>502 Bad Gateway</h1>" in first.text
    assert second.status_code == 503 and second.headers["Retry-After"] == "30" and "Service Unavailable" in second.text
    assert (await http.get(TARGETS)).status_code == 200


async def test_unknown_values_fault_is_valid_json_with_newer_enums_and_keys_the_client_tolerates(
    sandbox: Sandbox, http: httpx.AsyncClient
) -> None:
    sandbox.faults.inject("list_sync_targets", "unknown_values")
    sandbox.faults.inject("get_sync_target_fields", "unknown_values")
    targets, fields = (await http.get(TARGETS)).json(), (await http.get(FIELDS)).json()
    assert "meta" in targets and "tags" in targets["data"][0]
    assert {m["id"] for m in targets["data"][0]["modes"]} - {m.value for m in KnownSyncTargetMode} == {"mirror"}
    functions = {f["id"] for field in fields["data"]["fields"] for f in field.get("filter_functions", [])}
    assert functions - {f.value for f in KnownFilterFunction} == {"Fuzzy"}
    assert "mirror" in {m["mode"] for m in fields["data"]["modes"]}
    validate("list_sync_targets", 200, targets)  # the spec's enums are open and objects accept unknown keys
    validate("get_sync_target_fields", 200, fields)
    parsed = TargetObjectsResponseEnvelope.from_dict(targets)
    assert isinstance(parsed.data, list) and parsed.data[0].modes[-1].id == "mirror"  # type: ignore[index]
    assert TargetResponseEnvelope.from_dict(fields).data


async def test_oversized_fault_inflates_the_target_list_to_megabytes_of_unique_ids(
    sandbox: Sandbox, http: httpx.AsyncClient
) -> None:
    sandbox.faults.inject("list_sync_targets", "oversized")
    response = await http.get(TARGETS)
    assert len(response.content) > 5_000_000
    ids = [t["id"] for t in response.json()["data"]]
    assert len(ids) >= 10_000 and len(set(ids)) == len(ids)
    assert len((await http.get(TARGETS)).content) < 1_000_000


async def test_truncated_fault_drops_the_connection_mid_body_in_process(
    sandbox: Sandbox, http: httpx.AsyncClient
) -> None:
    sandbox.faults.inject("list_sync_targets", "truncated")
    with pytest.raises(httpx.RemoteProtocolError):
        await http.get(TARGETS)
    assert (await http.get(TARGETS)).status_code == 200


def test_truncated_fault_over_a_port_ends_the_body_early() -> None:
    sandbox = Sandbox()
    sandbox.faults.inject("list_sync_targets", "truncated")
    with running(sandbox) as url, httpx.Client(base_url=url, headers=AUTH) as http:
        with pytest.raises(httpx.RemoteProtocolError):
            http.get(TARGETS)
        assert http.get(TARGETS).status_code == 200


def test_a_delay_longer_than_the_client_timeout_times_out_over_a_port() -> None:
    sandbox = Sandbox()
    # The delay is far longer than pytest's timeout, so the call can only end (in time) by timing out.
    sandbox.faults.inject("list_sync_targets", "delay", delay=600)
    with (
        running(sandbox) as url,
        AuthenticatedClient(base_url=url, token=DEFAULT_API_KEY, timeout=httpx.Timeout(0.3)) as api,
        pytest.raises(httpx.ReadTimeout),
    ):
        list_sync_targets.sync_detailed(SALESFORCE, client=api)  # type: ignore[arg-type]


def test_faults_can_be_injected_and_requests_read_over_the_admin_surface() -> None:
    sandbox = Sandbox()
    with running(sandbox) as url, httpx.Client(base_url=url, headers=AUTH) as http:
        fault: dict[str, str | int] = {"route": "get_sync_target_fields", "kind": "status", "status": 503, "count": 1}
        assert http.post("/_sandbox/faults", json=fault).status_code == 201
        assert http.post("/_sandbox/faults", json={**fault, "kind": "nope"}).status_code == 400
        assert http.post("/_sandbox/faults", json=fault, headers={"Authorization": "Bearer x"}).status_code == 401
        assert http.get(FIELDS).status_code == 503
        assert http.get(FIELDS).status_code == 200
        recorded = http.get("/_sandbox/requests").json()["data"]
        assert [r["route"] for r in recorded] == ["get_sync_target_fields", "get_sync_target_fields"]
        assert http.delete("/_sandbox/requests").status_code == 204 and sandbox.requests == []
        http.post("/_sandbox/faults", json=fault)
        assert (
            http.delete("/_sandbox/faults").status_code == 204 and sandbox.faults.pending("get_sync_target_fields") == 0
        )


async def test_faults_on_one_route_queue_in_order_and_clear_forgets_them(
    sandbox: Sandbox, http: httpx.AsyncClient
) -> None:
    sandbox.faults.inject("list_sync_targets", "status", status=500)
    sandbox.faults.inject("list_sync_targets", "status", status=503, count=2)
    assert [(await http.get(TARGETS)).status_code for _ in range(4)] == [500, 503, 503, 200]
    sandbox.faults.inject("list_sync_targets", "html", count=5)
    sandbox.faults.clear()
    assert (await http.get(TARGETS)).status_code == 200


@pytest.mark.parametrize(
    ("route", "kind", "options"),
    [("nope", "status", {}), ("list_sync_targets", "nope", {}), ("list_sync_targets", "status", {"count": 0}),
     ("list_sync_targets", "delay", {}), ("list_sync_targets", "status", {"status": 99})],
)  # fmt: skip
def test_invalid_fault_specs_are_refused(route: str, kind: str, options: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        Sandbox().faults.inject(route, kind, **options)  # type: ignore[arg-type]


def test_every_fault_kind_has_a_test_named_after_it() -> None:
    tests = [name for name, value in globals().items() if name.startswith("test_") and callable(value)]
    untested = [kind for kind in FAULT_KINDS if not any(name.startswith(f"test_{kind}_fault_") for name in tests)]
    assert untested == [], f"add a test_<kind>_fault_... test for {untested}"


async def test_latency_knob_slows_every_request(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    sandbox.latency = 0.2
    started = time.monotonic()
    await http.get("/api/connections")
    await http.get(f"/api/connections/{WAREHOUSE}")
    assert time.monotonic() - started >= 0.4
    sandbox.latency = 0
    slow = Sandbox(latency=0.25)
    async with httpx.AsyncClient(transport=slow.transport(), base_url=SANDBOX_BASE_URL, headers=AUTH) as client:
        started = time.monotonic()
        assert (await client.get(f"/api/connections/{LINKEDIN_ADS}")).status_code == 200
        assert time.monotonic() - started >= 0.25
