"""How the generated client parses what Polytomic answers: the spec's own examples, forward-compatible and
sparse payloads, and the error body of every declared error status.

Bodies are served by an `httpx.MockTransport` and parsed by the generated `sync_detailed`.
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID

import attrs
import httpx
import pytest
import yaml

from polytomic_sync_client import Client
from polytomic_sync_client.api.connections import get_connection, list_connections
from polytomic_sync_client.api.model_sync_targets import (
    get_sync_target_fields,
    get_sync_target_metadata,
    get_target_creation_property_values,
    list_sync_targets,
)
from polytomic_sync_client.errors import UnexpectedStatus
from polytomic_sync_client.models import (
    ApiError,
    ConnectionListResponseEnvelope,
    ConnectionMeta,
    ConnectionMetaResponse,
    ConnectionResponseEnvelope,
    ConnectionResponseSchema,
    GetConnectionMetaEnvelope,
    KnownFilterFunction,
    KnownSyncTargetMode,
    TargetObject,
    TargetObjectsResponseEnvelope,
    TargetPropertyValues,
    TargetPropertyValuesEnvelope,
    TargetResponse,
    TargetResponseEnvelope,
)
from polytomic_sync_client.types import Response, Unset

SPEC: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "spec" / "polytomic.yaml").read_text(encoding="utf-8")
)
BASE_URL = "https://polytomic.test"
CONNECTION_ID = UUID("248df4b7-aa70-47b8-a036-33ac447e668d")
ERROR_STATUSES = [400, 401, 403, 404, 429, 500]

T = TypeVar("T")


@dataclass(frozen=True)
class Operation:
    call: Callable[[Client], Response[Any]]
    envelope: type[Any]
    item: type[Any]
    data_is_list: bool


OPERATIONS: dict[str, Operation] = {
    "list_sync_targets": Operation(
        lambda c: list_sync_targets.sync_detailed(CONNECTION_ID, client=c),
        TargetObjectsResponseEnvelope,
        TargetObject,
        data_is_list=True,
    ),
    "get_target_creation_property_values": Operation(
        lambda c: get_target_creation_property_values.sync_detailed(CONNECTION_ID, "account", client=c),
        TargetPropertyValuesEnvelope,
        TargetPropertyValues,
        data_is_list=False,
    ),
    "get_sync_target_fields": Operation(
        lambda c: get_sync_target_fields.sync_detailed(CONNECTION_ID, client=c, target="crm_contact"),
        TargetResponseEnvelope,
        TargetResponse,
        data_is_list=False,
    ),
    "get_sync_target_metadata": Operation(
        lambda c: get_sync_target_metadata.sync_detailed(CONNECTION_ID, client=c),
        GetConnectionMetaEnvelope,
        ConnectionMetaResponse,
        data_is_list=False,
    ),
    "list_connections": Operation(
        lambda c: list_connections.sync_detailed(client=c),
        ConnectionListResponseEnvelope,
        ConnectionResponseSchema,
        data_is_list=True,
    ),
    "get_connection": Operation(
        lambda c: get_connection.sync_detailed(CONNECTION_ID, client=c),
        ConnectionResponseEnvelope,
        ConnectionResponseSchema,
        data_is_list=False,
    ),
}

# The documented examples whose timestamps are written with a `Z`: the models re-serialise them as `+00:00`.
EXAMPLES_WITH_Z_TIMESTAMPS = {"get_sync_target_fields", "list_connections"}


def resolve(node: Any) -> Any:
    """Follow a local `$ref` (`#/components/...`) of the spec, if there is one."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = SPEC
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def spec_operation(operation_id: str) -> dict[str, Any]:
    for item in SPEC["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                return operation
    raise LookupError(operation_id)


def documented_example(operation_id: str, status: str = "200") -> Any:
    """The example of an operation's JSON response: inline `example`, or the only entry of `examples`."""
    media = resolve(spec_operation(operation_id)["responses"][status])["content"]["application/json"]
    if "example" in media:
        return copy.deepcopy(media["example"])
    [example] = media["examples"].values()
    return copy.deepcopy(resolve(example)["value"])


def parse(operation_id: str, body: Any, status: int = 200, *, strict: bool = False) -> Response[Any]:
    transport = httpx.MockTransport(
        lambda request: httpx.Response(status, json=body, headers={"Retry-After": "30"} if status == 429 else {})
    )
    client = Client(base_url=BASE_URL, httpx_args={"transport": transport}, raise_on_unexpected_status=strict)
    with client:
        return OPERATIONS[operation_id].call(client)


def parse_as(operation_id: str, body: Any, model: type[T]) -> T:
    response = parse(operation_id, body)
    assert response.status_code == 200
    assert isinstance(response.parsed, model)
    return response.parsed


def present(value: T | Unset | None) -> T:
    assert value is not None
    assert not isinstance(value, Unset)
    return value


def z_as_offset(value: Any) -> Any:
    """`value` with every `...Z` timestamp string written as `...+00:00`, as `datetime.isoformat` writes it."""
    if isinstance(value, dict):
        return {key: z_as_offset(item) for key, item in value.items()}
    if isinstance(value, list):
        return [z_as_offset(item) for item in value]
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", value):
        return value[:-1] + "+00:00"
    return value


def test_the_operation_table_covers_every_operation_of_the_spec():
    operation_ids = {
        operation["operationId"]
        for item in SPEC["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict)
    }
    assert operation_ids == set(OPERATIONS)


# ----- The documented examples -----


@pytest.mark.parametrize("operation_id", list(OPERATIONS))
def test_the_documented_example_of_each_operation_parses_into_its_envelope_model(operation_id: str):
    operation = OPERATIONS[operation_id]
    example = documented_example(operation_id)

    envelope = parse_as(operation_id, example, operation.envelope)

    items = envelope.data if operation.data_is_list else [envelope.data]
    assert items and all(isinstance(item, operation.item) for item in items)
    assert envelope.additional_properties == {}


@pytest.mark.parametrize("operation_id", sorted(set(OPERATIONS) - EXAMPLES_WITH_Z_TIMESTAMPS))
def test_the_documented_example_survives_a_from_dict_to_dict_round_trip_unchanged(operation_id: str):
    example = documented_example(operation_id)

    assert OPERATIONS[operation_id].envelope.from_dict(example).to_dict() == example


@pytest.mark.parametrize("operation_id", sorted(EXAMPLES_WITH_Z_TIMESTAMPS))
def test_the_documented_example_round_trips_unchanged_but_for_z_timestamps_written_as_utc_offsets(operation_id: str):
    example = documented_example(operation_id)

    again = OPERATIONS[operation_id].envelope.from_dict(example).to_dict()

    assert again != example
    assert again == z_as_offset(example)


def test_list_sync_targets_example_parses_targets_known_modes_and_inline_creation_values():
    envelope = parse_as("list_sync_targets", documented_example("list_sync_targets"), TargetObjectsResponseEnvelope)

    [target] = present(envelope.data)
    assert (target.id, target.name) == ("crm_contact", "Contact")
    create, upsert = present(target.modes)
    assert create.id is KnownSyncTargetMode.CREATE
    assert upsert.id is KnownSyncTargetMode.UPDATEORCREATE
    assert (upsert.requires_identity, upsert.supports_per_field_mode, upsert.supports_target_filters) == (
        True,
        True,
        True,
    )
    creation = present(envelope.target_creation)
    assert creation.supported is True
    [account] = present(creation.properties)
    assert (account.id, account.title, account.enum) == ("account", "Account ID", True)
    assert [(v.value, v.label) for v in present(account.values)] == [
        ("1234567::urn:li:organization:987654", "Polytomic Inc. (1234567)"),
        ("urn:li:account:na_sales_001", "North America Sales"),
    ]


def test_get_target_creation_property_values_example_parses_data_as_one_property_with_its_values():
    envelope = parse_as(
        "get_target_creation_property_values",
        documented_example("get_target_creation_property_values"),
        TargetPropertyValuesEnvelope,
    )

    data = present(envelope.data)
    assert (data.id, data.title, data.enum) == ("account", "Account ID", True)
    assert [v.value for v in present(data.values)] == [
        "1234567::urn:li:organization:987654",
        "urn:li:account:na_sales_001",
    ]


def test_get_sync_target_fields_example_parses_fields_filters_identity_modes_and_properties():
    envelope = parse_as("get_sync_target_fields", documented_example("get_sync_target_fields"), TargetResponseEnvelope)

    target = present(envelope.data)
    assert (target.id, target.name) == ("crm_contact", "Contact")
    assert target.refreshed_at == datetime.datetime(2025, 9, 18, 12, 0, tzinfo=datetime.UTC)
    email, stage = present(target.fields)
    assert (email.id, email.type_, email.source_type, email.supports_identity) == (
        "email",
        "string",
        "varchar(255)",
        True,
    )
    assert [f.id for f in present(email.filter_functions)] == [KnownFilterFunction.EQUALITY, "IsNotNull"]
    assert all(isinstance(f.id, KnownFilterFunction) for f in present(email.filter_functions))
    assert [(i.id, i.label) for i in present(email.identity_functions)] == [
        ("Equality", "Exact match"),
        ("Hashed", "Hashed Match"),
    ]
    assert stage.identity_functions is None
    assert [(v.value, v.label) for v in present(stage.values)] == [("lead", "Lead"), ("customer", "Customer")]
    [mode] = present(target.modes)
    assert (mode.mode, mode.supports_field_sync_mode) == ("updateOrCreate", True)
    properties = present(target.properties)
    assert (properties.supports_target_filters, properties.supports_field_creation) == (True, False)


def test_get_sync_target_metadata_example_parses_items_keyed_by_object_type_with_null_items():
    envelope = parse_as(
        "get_sync_target_metadata", documented_example("get_sync_target_metadata"), GetConnectionMetaEnvelope
    )

    data = present(envelope.data)
    items = present(data.items).additional_properties
    assert set(items) == {"public_schema", "archive_schema"}
    public, archive = items["public_schema"], items["archive_schema"]
    assert isinstance(public, ConnectionMeta) and isinstance(archive, ConnectionMeta)
    assert (public.has_items, public.items, public.requires_one_of) == (
        True,
        ["users", "orders", "products"],
        ["table"],
    )
    assert (archive.has_items, archive.items) == (False, None)
    assert data.requires_one_of == ["table"]


def test_list_connections_example_parses_ids_type_redacted_configuration_and_rate_limit():
    envelope = parse_as("list_connections", documented_example("list_connections"), ConnectionListResponseEnvelope)

    [connection] = present(envelope.data)
    assert connection.id == CONNECTION_ID
    assert connection.name == "Analytics warehouse"
    assert present(connection.type_).id == "postgresql"
    assert present(present(connection.type_).operations) == ["bulksyncsource", "modelsyncdestination"]
    assert present(connection.configuration).additional_properties["password"] == "********"
    assert connection.api_calls_last_24_hours is None
    rate_limit = present(connection.rate_limit)
    assert (rate_limit.currently_limited, rate_limit.limited_since, rate_limit.expires_at) == (False, None, None)
    assert connection.created_at == datetime.datetime(2025, 1, 15, 10, 0, tzinfo=datetime.UTC)
    assert present(connection.created_by).name == "Ada Lovelace"
    assert connection.policies == []


def test_get_connection_example_parses_the_single_connection():
    envelope = parse_as("get_connection", documented_example("get_connection"), ConnectionResponseEnvelope)

    connection = present(envelope.data)
    assert (connection.id, connection.name, connection.status, connection.saved) == (
        CONNECTION_ID,
        "Analytics warehouse",
        "healthy",
        True,
    )
    assert isinstance(connection.rate_limit, Unset)


# ----- Forward compatibility -----


def test_list_sync_targets_keeps_an_unknown_mode_id_as_a_plain_string_next_to_known_modes():
    body = {"data": [{"id": "Contact", "modes": [{"id": "mirror"}, {"id": "create"}, {"id": "snapshot"}]}]}

    envelope = parse_as("list_sync_targets", body, TargetObjectsResponseEnvelope)

    mirror, create, snapshot = present(present(envelope.data)[0].modes)
    assert mirror.id == "mirror"
    assert type(mirror.id) is str
    assert create.id is KnownSyncTargetMode.CREATE
    assert snapshot.id is KnownSyncTargetMode.SNAPSHOT
    assert envelope.to_dict() == body


def test_get_sync_target_fields_keeps_an_unknown_filter_function_as_a_plain_string():
    body = {"data": {"fields": [{"id": "email", "filter_functions": [{"id": "StringSoundsLike"}, {"id": "True"}]}]}}

    envelope = parse_as("get_sync_target_fields", body, TargetResponseEnvelope)

    sounds_like, true = present(present(present(envelope.data).fields)[0].filter_functions)
    assert sounds_like.id == "StringSoundsLike"
    assert type(sounds_like.id) is str
    assert true.id is KnownFilterFunction.TRUE
    assert envelope.to_dict() == body


@pytest.mark.parametrize("operation_id", list(OPERATIONS))
def test_unknown_fields_in_the_envelope_and_its_data_are_kept_in_additional_properties(operation_id: str):
    operation = OPERATIONS[operation_id]
    body = documented_example(operation_id)
    body["next_page_token"] = "abc"
    item = body["data"][0] if operation.data_is_list else body["data"]
    item["introduced_later"] = {"nested": [1, 2]}

    envelope = parse_as(operation_id, body, operation.envelope)

    parsed_item = envelope.data[0] if operation.data_is_list else envelope.data
    assert envelope.additional_properties == {"next_page_token": "abc"}
    assert parsed_item.additional_properties == {"introduced_later": {"nested": [1, 2]}}
    assert envelope.to_dict()["data"] == z_as_offset(body["data"])


def test_unknown_fields_deep_inside_a_target_field_are_kept():
    body = {"data": {"fields": [{"id": "email", "pii": True, "filter_functions": [{"id": "Equality", "beta": 1}]}]}}

    envelope = parse_as("get_sync_target_fields", body, TargetResponseEnvelope)

    [field] = present(present(envelope.data).fields)
    assert field.additional_properties == {"pii": True}
    assert present(field.filter_functions)[0].additional_properties == {"beta": 1}


# ----- Nulls where the spec allows them -----


NULLABLE = [
    pytest.param("list_sync_targets", {"data": None}, lambda e: e.data, id="targets.data"),
    pytest.param(
        "list_sync_targets",
        {"data": [], "target_creation": {"properties": [{"id": "account", "values": [{"value": "v", "label": None}]}]}},
        lambda e: e.target_creation.properties[0].values[0].label,
        id="targets.target_creation.properties.values.label",
    ),
    pytest.param(
        "get_target_creation_property_values",
        {"data": {"id": "account", "values": [{"value": "v", "label": None}]}},
        lambda e: e.data.values[0].label,
        id="property.values.label",
    ),
    pytest.param("get_sync_target_fields", {"data": {"fields": None}}, lambda e: e.data.fields, id="fields.fields"),
    pytest.param("get_sync_target_fields", {"data": {"modes": None}}, lambda e: e.data.modes, id="fields.modes"),
    pytest.param(
        "get_sync_target_fields",
        {"data": {"fields": [{"id": "email", "identity_functions": None}]}},
        lambda e: e.data.fields[0].identity_functions,
        id="fields.fields.identity_functions",
    ),
    pytest.param(
        "get_sync_target_metadata",
        {"data": {"items": {"public": None}}},
        lambda e: e.data.items.additional_properties["public"],
        id="metadata.items.value",
    ),
    pytest.param(
        "get_sync_target_metadata",
        {"data": {"items": {"public": {"has_items": False, "items": None}}}},
        lambda e: e.data.items.additional_properties["public"].items,
        id="metadata.items.items",
    ),
    pytest.param("list_connections", {"data": None}, lambda e: e.data, id="connections.data"),
    pytest.param(
        "list_connections",
        {"data": [{"name": "a", "configuration": None}]},
        lambda e: e.data[0].configuration,
        id="connections.configuration",
    ),
    pytest.param(
        "get_connection",
        {"data": {"configuration": None}},
        lambda e: e.data.configuration,
        id="connection.configuration",
    ),
    pytest.param(
        "get_connection", {"data": {"rate_limit": None}}, lambda e: e.data.rate_limit, id="connection.rate_limit"
    ),
    pytest.param(
        "get_connection",
        {"data": {"api_calls_last_24_hours": None}},
        lambda e: e.data.api_calls_last_24_hours,
        id="connection.api_calls_last_24_hours",
    ),
    pytest.param(
        "get_connection",
        {"data": {"type": {"id": "postgresql", "operations": None}}},
        lambda e: e.data.type_.operations,
        id="connection.type.operations",
    ),
    pytest.param(
        "get_connection",
        {"data": {"rate_limit": {"currently_limited": True, "limited_since": None, "expires_at": None}}},
        lambda e: e.data.rate_limit.expires_at,
        id="connection.rate_limit.expires_at",
    ),
]


@pytest.mark.parametrize(("operation_id", "body", "read"), NULLABLE)
def test_a_null_where_the_spec_says_nullable_parses_as_none_and_round_trips(
    operation_id: str, body: dict[str, Any], read: Callable[[Any], Any]
):
    envelope = parse_as(operation_id, body, OPERATIONS[operation_id].envelope)

    assert read(envelope) is None
    assert envelope.to_dict() == body


def test_rate_limit_timestamps_parse_when_present():
    body = {"data": {"rate_limit": {"currently_limited": True, "limited_since": "2026-11-01T10:00:00Z"}}}

    envelope = parse_as("get_connection", body, ConnectionResponseEnvelope)

    rate_limit = present(present(envelope.data).rate_limit)
    assert rate_limit.limited_since == datetime.datetime(2026, 11, 1, 10, 0, tzinfo=datetime.UTC)
    assert isinstance(rate_limit.expires_at, Unset)


def test_get_sync_target_fields_parses_the_zero_refreshed_at_of_a_target_never_refreshed():
    body = {"data": {"id": "new", "fields": [], "refreshed_at": "0001-01-01T00:00:00Z"}}

    envelope = parse_as("get_sync_target_fields", body, TargetResponseEnvelope)

    data = present(envelope.data)
    assert data.refreshed_at == datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)
    assert data.fields == []


# ----- Missing optional fields -----


@pytest.mark.parametrize("operation_id", list(OPERATIONS))
def test_an_empty_object_parses_with_data_unset(operation_id: str):
    envelope = parse_as(operation_id, {}, OPERATIONS[operation_id].envelope)

    assert isinstance(envelope.data, Unset)
    assert envelope.to_dict() == {}


@pytest.mark.parametrize("operation_id", list(OPERATIONS))
def test_an_empty_data_item_parses_with_every_field_unset(operation_id: str):
    operation = OPERATIONS[operation_id]
    body: dict[str, Any] = {"data": [{}]} if operation.data_is_list else {"data": {}}

    envelope = parse_as(operation_id, body, operation.envelope)

    item = envelope.data[0] if operation.data_is_list else envelope.data
    assert isinstance(item, operation.item)
    names = [field.name for field in attrs.fields(type(item)) if field.init]
    assert names and all(isinstance(getattr(item, name), Unset) for name in names)
    assert envelope.to_dict() == body


def test_a_target_whose_modes_lack_ids_parses_with_ids_unset():
    body = {"data": [{"id": "crm_contact", "modes": [{"requires_identity": True}]}]}

    envelope = parse_as("list_sync_targets", body, TargetObjectsResponseEnvelope)

    [mode] = present(present(envelope.data)[0].modes)
    assert isinstance(mode.id, Unset)
    assert mode.requires_identity is True


# ----- Error statuses -----


@pytest.mark.parametrize("status", ERROR_STATUSES)
@pytest.mark.parametrize("operation_id", list(OPERATIONS))
def test_each_declared_error_status_parses_its_documented_body_into_api_error(operation_id: str, status: int):
    body = documented_example(operation_id, str(status))

    response = parse(operation_id, body, status)

    assert response.status_code == status
    assert isinstance(response.parsed, ApiError)
    assert (response.parsed.status, response.parsed.message) == (status, body["message"])


@pytest.mark.parametrize("operation_id", list(OPERATIONS))
def test_a_full_error_body_keeps_key_metadata_and_unknown_fields(operation_id: str):
    body = {
        "status": 404,
        "message": "connection not found",
        "key": "connections.not_found",
        "metadata": {"id": str(CONNECTION_ID), "retryable": False},
        "request_id": "req_1",
    }

    response = parse(operation_id, body, 404)

    error = response.parsed
    assert isinstance(error, ApiError)
    assert error.key == "connections.not_found"
    assert present(error.metadata).additional_properties == {"id": str(CONNECTION_ID), "retryable": False}
    assert error.additional_properties == {"request_id": "req_1"}
    assert error.to_dict() == body


def test_a_429_exposes_retry_after_next_to_the_parsed_error():
    response = parse("list_sync_targets", {"status": 429, "message": "too many requests"}, 429)

    assert isinstance(response.parsed, ApiError)
    assert response.headers["Retry-After"] == "30"


def test_an_error_body_with_no_fields_parses_into_an_empty_api_error():
    response = parse("get_connection", {}, 500)

    assert isinstance(response.parsed, ApiError)
    assert response.parsed.to_dict() == {}


def test_an_undeclared_status_parses_to_none():
    response = parse("list_sync_targets", {"message": "teapot"}, 418)

    assert response.status_code == 418
    assert response.parsed is None


def test_an_undeclared_status_raises_unexpected_status_when_the_client_asks_for_it():
    with pytest.raises(UnexpectedStatus) as raised:
        parse("list_sync_targets", {"message": "teapot"}, 418, strict=True)

    assert raised.value.status_code == 418
    assert b"teapot" in raised.value.content
