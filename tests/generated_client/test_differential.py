"""Differential, property-based: every 200 body the official `polytomic` SDK accepts, our generated client parses,
into models all the way down, and writes back unchanged.

Bodies come from `tests.payloads` (our spec's schemas, loosened with nulls, dropped and unknown fields, unknown
enum strings) and are served through an `httpx.MockTransport`.
"""

from __future__ import annotations

import json
from typing import Any

import attrs
import httpx
import pytest
from hypothesis import given, settings

from polytomic_sync_client import Client
from polytomic_sync_client.errors import UnexpectedPayload
from polytomic_sync_client.types import Unset
from tests.generated_client.test_parsing import BASE_URL, OPERATIONS
from tests.payloads import OPERATION_IDS, PROFILE, payloads, sdk_accepted_payloads, sdk_accepts


class Upstream:
    """One client for all the examples of a test; each example sets the body it answers with."""

    def __init__(self) -> None:
        self.body = b"{}"
        transport = httpx.MockTransport(lambda request: httpx.Response(200, content=self.body))
        self.client = Client(base_url=BASE_URL, httpx_args={"transport": transport})

    def parse(self, operation_id: str, payload: Any) -> Any:
        self.body = json.dumps(payload).encode()
        response = OPERATIONS[operation_id].call(self.client)
        assert response.status_code == 200
        return response.parsed


def dicts_in_place_of_models(value: Any, path: str = "$") -> list[str]:
    """JSON paths where a parsed result holds a raw dict (or list of them) where its type names a model."""
    if isinstance(value, dict):
        return [path]
    if isinstance(value, list):
        return [bad for index, item in enumerate(value) for bad in dicts_in_place_of_models(item, f"{path}[{index}]")]
    if not attrs.has(type(value)):
        return []
    found = []
    for field in attrs.fields(type(value)):
        declared = str(field.type)
        if field.name == "additional_properties" or "Any" in declared:
            continue  # free-form by declaration
        found += dicts_in_place_of_models(getattr(value, field.name), f"{path}.{field.name}")
    return found


def test_the_walk_finds_a_dict_standing_in_for_a_model():
    from polytomic_sync_client.models import TargetObject, TargetObjectsResponseEnvelope

    envelope = TargetObjectsResponseEnvelope(data=[TargetObject(modes=[{"id": "create"}])])  # type: ignore[list-item]
    assert dicts_in_place_of_models(envelope) == ["$.data[0].modes[0]"]
    assert dicts_in_place_of_models(TargetObjectsResponseEnvelope(data=[TargetObject(modes=[])])) == []


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_every_body_the_official_sdk_accepts_parses_into_models_and_writes_back_unchanged(operation_id: str):
    """And a body the SDK refuses too (a null array item, a null body) ends in UnexpectedPayload or parses."""
    upstream = Upstream()
    accepted = []

    @PROFILE
    @given(payload=payloads(operation_id))
    def check(payload: Any) -> None:
        if not sdk_accepts(operation_id, payload):
            try:
                upstream.parse(operation_id, payload)
            except UnexpectedPayload as error:
                assert error.status_code == 200
            return
        accepted.append(payload)
        parsed = upstream.parse(operation_id, payload)
        assert isinstance(parsed, OPERATIONS[operation_id].envelope)
        assert dicts_in_place_of_models(parsed) == []
        assert parsed.to_dict() == payload

    with upstream.client:
        check()
    # The run must have exercised the property, not just the refusals: about three bodies in four are accepted.
    assert len(accepted) >= PROFILE.max_examples // 2


def test_unset_is_what_a_dropped_field_reads_as():
    upstream = Upstream()
    with upstream.client:
        parsed = upstream.parse("list_sync_targets", {"data": [{"id": "a"}]})
    assert isinstance(parsed.data[0].modes, Unset)


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_the_shared_strategy_yields_only_bodies_the_sdk_accepts(operation_id: str):
    @settings(PROFILE, max_examples=20)
    @given(payload=sdk_accepted_payloads(operation_id))
    def check(payload: dict[str, Any]) -> None:
        assert sdk_accepts(operation_id, payload)

    check()
