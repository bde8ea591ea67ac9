"""Hypothesis strategies for Polytomic answers: payloads drawn from our spec's 2xx response schemas, then loosened
the way a Go service loosens them: fields missing or `null` (every response field is nullable in the spec),
unknown fields, unknown enum strings (the `string` branch of the open enums), and beyond the spec `null` array
items, map values and bodies.

`sdk_accepted_payloads(operation_id)` keeps only the payloads the official `polytomic` SDK (25.9.10) accepts: our
client must parse every one of them. Reuse it for tool-level tests, e.g.

    @PROFILE
    @given(payload=sdk_accepted_payloads("list_sync_targets"))
    def test_...(payload): ...
"""

from __future__ import annotations

import datetime
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pydantic
import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from polytomic.types import (
    ConnectionListResponseEnvelope,
    ConnectionResponseEnvelope,
    TargetObjectsResponseEnvelope,
    TargetPropertyValuesEnvelope,
    TargetResponseEnvelope,
)

SPEC_PATH = Path(__file__).resolve().parents[1] / "spec" / "polytomic.yaml"

# Deterministic (same examples on every run and machine), no example database, no deadline (CI is slow).
PROFILE = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)

# The SDK's model of each operation's 2xx body. 25.9.10 dropped the deprecated metadata endpoint, so it has no
# model for it: its payloads are held to our spec instead (validated with `jsonschema`).
SDK_MODELS: dict[str, type[pydantic.BaseModel] | None] = {
    "list_sync_targets": TargetObjectsResponseEnvelope,
    "get_target_creation_property_values": TargetPropertyValuesEnvelope,
    "get_sync_target_fields": TargetResponseEnvelope,
    "get_sync_target_metadata": None,
    "list_connections": ConnectionListResponseEnvelope,
    "get_connection": ConnectionResponseEnvelope,
}
OPERATION_IDS = list(SDK_MODELS)

UNKNOWN_FIELD = "x_added_later"

json_scalars = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=8)
json_values: st.SearchStrategy[Any] = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@cache
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return loaded


def resolve(node: Any) -> Any:
    """Follow a local `$ref` of the spec, if there is one."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def success_schema(operation_id: str) -> dict[str, Any]:
    """The JSON schema of an operation's 200 body, as the spec writes it (local `$ref`s unresolved)."""
    for item in spec()["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                schema: dict[str, Any] = resolve(operation["responses"]["200"])["content"]["application/json"]["schema"]
                return schema
    raise LookupError(operation_id)


def _datetimes() -> st.SearchStrategy[str]:
    moments = st.datetimes(datetime.datetime(1, 1, 1), datetime.datetime(9999, 12, 31))
    return st.builds(
        lambda m, z: m.replace(tzinfo=datetime.UTC).isoformat() if z else m.isoformat(), moments, st.booleans()
    )


def _maybe_null(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """`values`, or (one time in twenty) a null where the schema allows none."""
    return st.integers(0, 19).flatmap(lambda n: st.none() if n == 0 else values)


def from_schema(schema: Any, *, loosen: bool = False) -> st.SearchStrategy[Any]:
    """Values that fit a (sub)schema of the spec (the subset of JSON Schema the spec uses).

    With `loosen`, also what a Go service may send beyond it: any property, array item or map value may be null
    (the SDK refuses null items and map values, and so does the spec), and objects gain an unknown field.
    """
    schema = resolve(schema)

    def sub(node: Any) -> st.SearchStrategy[Any]:
        return from_schema(node, loosen=loosen)

    if schema in ({}, True):
        return json_values
    if "anyOf" in schema:
        return st.one_of([sub(branch) for branch in schema["anyOf"]])
    kind = schema["type"]
    if isinstance(kind, list):
        return st.one_of([sub({**schema, "type": one}) for one in kind])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(-(2**53), 2**53)
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind == "string":
        if schema.get("format") == "uuid":
            return st.uuids().map(str)
        if schema.get("format") == "date-time":
            return _datetimes()
        return st.text(max_size=12)
    if kind == "array":
        items = sub(schema.get("items", {}))
        return st.lists(_maybe_null(items) if loosen else items, max_size=3)
    if kind == "object":
        if "properties" in schema:
            optional = {name: sub(node) for name, node in schema["properties"].items()}
            if loosen:  # null at any depth, whatever the spec says, and an unknown field
                optional = {name: _maybe_null(values) for name, values in optional.items()}
                optional[UNKNOWN_FIELD] = json_values
            return st.fixed_dictionaries({}, optional=optional)
        extra = schema.get("additionalProperties", True)
        values = json_values if extra is True else sub(extra)
        return st.dictionaries(st.text(max_size=8), _maybe_null(values) if loosen else values, max_size=3)
    raise NotImplementedError(f"schema type {kind!r}")


def spec_payloads(operation_id: str) -> st.SearchStrategy[Any]:
    """Bodies that fit the spec's 200 schema of the operation: every field may be missing or null."""
    return from_schema(success_schema(operation_id))


def payloads(operation_id: str) -> st.SearchStrategy[Any]:
    """Bodies loosened beyond the spec: nulls at any depth (null bodies too), unknown fields.

    Open enums take unknown strings from their `string` branch; missing and null fields are in the spec already.
    """
    return _maybe_null(from_schema(success_schema(operation_id), loosen=True))


@cache
def _spec_validator(operation_id: str) -> jsonschema.protocols.Validator:
    """A JSON Schema validator of the operation's 200 body against our spec (`$ref`s resolve inside the spec)."""
    return jsonschema.Draft202012Validator({**spec(), **success_schema(operation_id)})


def sdk_accepts(operation_id: str, payload: Any) -> bool:
    """Whether the official SDK's model of the operation's 200 body validates the payload."""
    model = SDK_MODELS[operation_id]
    if model is None:  # no SDK model: the spec itself decides, and it is no looser than the SDK anywhere else
        return bool(_spec_validator(operation_id).is_valid(payload))
    try:
        model.model_validate(payload)
    except pydantic.ValidationError:
        return False
    return True


def sdk_accepted_payloads(operation_id: str) -> st.SearchStrategy[dict[str, Any]]:
    """Loosened bodies the official SDK accepts: the client (and everything above it) must take them all."""
    return payloads(operation_id).filter(lambda payload: sdk_accepts(operation_id, payload))
