"""The generated client, over a real loopback port, reads every connection of the sandbox."""

from __future__ import annotations

import uuid

import httpx

from polytomic_mcp.sandbox import DEFAULT_API_KEY, DEFAULT_BASIC_AUTH, Sandbox
from polytomic_mcp.sandbox.dataset import ALL_CONNECTIONS, FORBIDDEN, NULL_TARGETS, UNHEALTHY, WAREHOUSE
from polytomic_mcp.sandbox.serve import running
from polytomic_sync_client import AuthenticatedClient, Client
from polytomic_sync_client.api.connections import get_connection, list_connections
from polytomic_sync_client.api.model_sync_targets import (
    get_sync_target_fields,
    get_sync_target_metadata,
    get_target_creation_property_values,
    list_sync_targets,
)
from polytomic_sync_client.models import (
    ApiError,
    ConnectionListResponseEnvelope,
    ConnectionResponseEnvelope,
    GetConnectionMetaEnvelope,
    GetSyncTargetFieldsProperties,
    TargetCreator,
    TargetObjectsResponseEnvelope,
    TargetPropertyValues,
    TargetPropertyValuesEnvelope,
    TargetResponse,
    TargetResponseEnvelope,
)

HEADERS = {"X-Polytomic-Version": "2025-09-18"}


def test_the_generated_client_lists_connections_targets_fields_and_values_of_every_connection() -> None:
    sandbox = Sandbox()
    with running(sandbox) as url, AuthenticatedClient(base_url=url, token=DEFAULT_API_KEY, headers=HEADERS) as api:
        listed = list_connections.sync_detailed(client=api)
        assert listed.status_code == 200 and listed.headers["X-Polytomic-Version"] == "2025-09-18"
        assert isinstance(listed.parsed, ConnectionListResponseEnvelope) and isinstance(listed.parsed.data, list)
        assert [str(c.id) for c in listed.parsed.data] == ALL_CONNECTIONS
        for connection in ALL_CONNECTIONS:
            conn_id = uuid.UUID(connection)
            one = get_connection.sync_detailed(conn_id, client=api)
            assert isinstance(one.parsed, ConnectionResponseEnvelope)
            targets = list_sync_targets.sync_detailed(conn_id, client=api, include_target_creation_values=True)
            meta = get_sync_target_metadata.sync_detailed(conn_id, client=api)
            if connection in (FORBIDDEN, UNHEALTHY):
                assert isinstance(targets.parsed, ApiError) and isinstance(meta.parsed, ApiError)
                assert targets.status_code == (403 if connection == FORBIDDEN else 400)
                continue
            assert isinstance(targets.parsed, TargetObjectsResponseEnvelope)
            assert isinstance(meta.parsed, GetConnectionMetaEnvelope)
            found = targets.parsed.data
            assert (found is None) == (connection == NULL_TARGETS)
            for target in (found or [])[:3]:
                fields = get_sync_target_fields.sync_detailed(conn_id, client=api, target=str(target.id))
                assert isinstance(fields.parsed, TargetResponseEnvelope), fields.content[:200]
                assert isinstance(fields.parsed.data, TargetResponse) and fields.parsed.data.fields
            creation = targets.parsed.target_creation
            if not isinstance(creation, TargetCreator) or not creation.supported or not creation.properties:
                continue
            described = GetSyncTargetFieldsProperties()
            for prop in creation.properties:
                values = get_target_creation_property_values.sync_detailed(conn_id, str(prop.id), client=api)
                assert isinstance(values.parsed, TargetPropertyValuesEnvelope)
                assert isinstance(values.parsed.data, TargetPropertyValues) and values.parsed.data.id == prop.id
                options = values.parsed.data.values
                described[str(prop.id)] = str(options[0].value) if prop.enum and options else "Client test"
            new = get_sync_target_fields.sync_detailed(conn_id, client=api, properties=described)
            assert isinstance(new.parsed, TargetResponseEnvelope), new.content[:200]
            assert isinstance(new.parsed.data, TargetResponse)
            assert new.parsed.data.refreshed_at.year == 1  # type: ignore[union-attr]
            assert (new.parsed.data.fields == []) == (connection == WAREHOUSE)
    assert {r.route for r in sandbox.requests} >= {"list_connections", "get_sync_target_fields"}


def test_basic_auth_works_over_a_port_and_a_wrong_key_gets_the_spec_401() -> None:
    with running(Sandbox()) as url:
        basic = httpx.BasicAuth(*DEFAULT_BASIC_AUTH)
        with Client(base_url=url, headers=HEADERS, httpx_args={"auth": basic}) as api:
            assert list_connections.sync_detailed(client=api).status_code == 200
        with AuthenticatedClient(base_url=url, token="wrong", headers=HEADERS) as api:
            refused = list_connections.sync_detailed(client=api)
        assert refused.status_code == 401 and isinstance(refused.parsed, ApiError)
        assert refused.parsed.status == 401
