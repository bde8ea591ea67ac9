"""What the generated client puts on the wire, for every operation, sync and async.

Requests go to an `httpx.MockTransport` that records them: no network, no patching.
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import parse_qsl, unquote
from uuid import UUID

import httpx
import pytest
import yaml

from polytomic_sync_client import AuthenticatedClient, Client
from polytomic_sync_client.api.connections import get_connection, list_connections
from polytomic_sync_client.api.model_sync_targets import (
    get_sync_target_fields,
    get_sync_target_metadata,
    get_target_creation_property_values,
    list_sync_targets,
)
from polytomic_sync_client.errors import UnsafeParameterError
from polytomic_sync_client.models import GetSyncTargetFieldsProperties
from polytomic_sync_client.types import Response

pytestmark = pytest.mark.anyio

BASE_URL = "https://polytomic.test"
VERSION = "2025-09-18"
TOKEN = "pk_test_0123456789"
USER, PASSWORD = "deployment", "pa:ss word"
CONNECTION_ID = UUID("248df4b7-aa70-47b8-a036-33ac447e668d")
CONNECTION = f"/api/connections/{CONNECTION_ID}"
PROPERTY_VALUES = f"{CONNECTION}/modelsync/targetobjects/properties/"

BEARER = f"Bearer {TOKEN}"
BASIC = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode("ascii")

MODES = ["sync_detailed", "asyncio_detailed"]

AnyClient = AuthenticatedClient | Client


class Upstream:
    """A MockTransport that records every request and answers 200 with an empty JSON object."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.transport = httpx.MockTransport(self._handle)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json={}, headers={"X-Polytomic-Version": VERSION})


def version_header() -> dict[str, str]:
    # A fresh dict per client: AuthenticatedClient writes its Authorization header into the dict it is given.
    return {"X-Polytomic-Version": VERSION}


def bearer_client(upstream: Upstream) -> AnyClient:
    return AuthenticatedClient(
        base_url=BASE_URL, token=TOKEN, headers=version_header(), httpx_args={"transport": upstream.transport}
    )


def basic_client(upstream: Upstream) -> AnyClient:
    return Client(
        base_url=BASE_URL,
        headers=version_header(),
        httpx_args={"auth": httpx.BasicAuth(USER, PASSWORD), "transport": upstream.transport},
    )


def basic_client_with_own_httpx_clients(upstream: Upstream) -> AnyClient:
    settings: dict[str, Any] = {
        "base_url": BASE_URL,
        "auth": (USER, PASSWORD),
        "headers": version_header(),
        "transport": upstream.transport,
    }
    client = Client(base_url="https://unused.invalid")
    return client.set_httpx_client(httpx.Client(**settings)).set_async_httpx_client(httpx.AsyncClient(**settings))


AUTHS = [
    pytest.param(bearer_client, BEARER, id="bearer"),
    pytest.param(basic_client, BASIC, id="basic-httpx-args"),
    pytest.param(basic_client_with_own_httpx_clients, BASIC, id="basic-set-httpx-client"),
]


@dataclass(frozen=True)
class Call:
    """One operation with fixed arguments, and the request it must produce."""

    sync_detailed: Callable[[AnyClient], Response[Any]]
    asyncio_detailed: Callable[[AnyClient], Awaitable[Response[Any]]]
    path: str
    query: list[tuple[str, str]]


NEW_AUDIENCE = {"account": "act_1", "name": "My audience"}

CALLS: dict[str, Call] = {
    "list_sync_targets": Call(
        lambda c: list_sync_targets.sync_detailed(CONNECTION_ID, client=c, include_target_creation_values=True),
        lambda c: list_sync_targets.asyncio_detailed(CONNECTION_ID, client=c, include_target_creation_values=True),
        f"{CONNECTION}/modelsync/targetobjects",
        [("include_target_creation_values", "true")],
    ),
    "get_target_creation_property_values": Call(
        lambda c: get_target_creation_property_values.sync_detailed(CONNECTION_ID, "account", client=c),
        lambda c: get_target_creation_property_values.asyncio_detailed(CONNECTION_ID, "account", client=c),
        f"{PROPERTY_VALUES}account",
        [],
    ),
    "get_sync_target_fields": Call(
        lambda c: get_sync_target_fields.sync_detailed(CONNECTION_ID, client=c, target="crm_contact", refresh=True),
        lambda c: get_sync_target_fields.asyncio_detailed(CONNECTION_ID, client=c, target="crm_contact", refresh=True),
        f"{CONNECTION}/modelsync/target/fields",
        [("target", "crm_contact"), ("refresh", "true")],
    ),
    "get_sync_target_fields(properties)": Call(
        lambda c: get_sync_target_fields.sync_detailed(
            CONNECTION_ID, client=c, properties=GetSyncTargetFieldsProperties.from_dict(NEW_AUDIENCE)
        ),
        lambda c: get_sync_target_fields.asyncio_detailed(
            CONNECTION_ID, client=c, properties=GetSyncTargetFieldsProperties.from_dict(NEW_AUDIENCE)
        ),
        f"{CONNECTION}/modelsync/target/fields",
        [("properties[account]", "act_1"), ("properties[name]", "My audience")],
    ),
    "get_sync_target_metadata": Call(
        lambda c: get_sync_target_metadata.sync_detailed(CONNECTION_ID, client=c, type_="public", search="user"),
        lambda c: get_sync_target_metadata.asyncio_detailed(CONNECTION_ID, client=c, type_="public", search="user"),
        f"{CONNECTION}/modelsync/target",
        [("type", "public"), ("search", "user")],
    ),
    "list_connections": Call(
        lambda c: list_connections.sync_detailed(client=c),
        lambda c: list_connections.asyncio_detailed(client=c),
        "/api/connections",
        [],
    ),
    "get_connection": Call(
        lambda c: get_connection.sync_detailed(CONNECTION_ID, client=c),
        lambda c: get_connection.asyncio_detailed(CONNECTION_ID, client=c),
        CONNECTION,
        [],
    ),
}


async def send(call: Call, client: AnyClient, mode: str) -> Response[Any]:
    if mode == "sync_detailed":
        return call.sync_detailed(client)
    return await call.asyncio_detailed(client)


async def send_once(call: Call, client: AnyClient, mode: str) -> Response[Any]:
    """Call through a client opened and closed around the one call, as a short-lived caller would."""
    if mode == "sync_detailed":
        with client:
            return call.sync_detailed(client)
    async with client:
        return await call.asyncio_detailed(client)


def query_pairs(request: httpx.Request) -> list[tuple[str, str]]:
    """The decoded query string, in order (form decoding, as servers read query strings)."""
    query = request.url.query.decode("ascii")
    return parse_qsl(query, keep_blank_values=True, strict_parsing=True) if query else []


def test_the_calls_cover_every_operation_of_the_spec():
    spec = yaml.safe_load((Path(__file__).resolve().parents[2] / "spec" / "polytomic.yaml").read_text(encoding="utf-8"))
    operation_ids = {
        op["operationId"] for item in spec["paths"].values() for op in item.values() if isinstance(op, dict)
    }
    assert {name.partition("(")[0] for name in CALLS} == operation_ids


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("make_client", "authorization"), AUTHS)
@pytest.mark.parametrize("name", list(CALLS))
async def test_each_operation_sends_get_to_its_path_and_query_with_credentials_and_version_header(
    name: str, make_client: Callable[[Upstream], AnyClient], authorization: str, mode: str
):
    upstream = Upstream()
    call = CALLS[name]

    response = await send_once(call, make_client(upstream), mode)

    assert response.status_code == 200
    [request] = upstream.requests
    assert request.method == "GET"
    assert request.url.scheme == "https"
    assert request.url.host == "polytomic.test"
    assert request.url.path == call.path
    assert query_pairs(request) == call.query
    assert request.headers["Authorization"] == authorization
    assert request.headers.get_list("X-Polytomic-Version") == [VERSION]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("make_client", "authorization"), AUTHS)
async def test_one_client_sends_the_version_header_set_once_and_its_credentials_on_every_request(
    make_client: Callable[[Upstream], AnyClient], authorization: str, mode: str
):
    upstream = Upstream()
    client = make_client(upstream)

    for call in [*CALLS.values(), *CALLS.values()]:
        await send(call, client, mode)

    assert [request.url.path for request in upstream.requests] == [call.path for call in CALLS.values()] * 2
    for request in upstream.requests:
        assert request.headers.get_list("X-Polytomic-Version") == [VERSION]
        assert request.headers.get_list("Authorization") == [authorization]


@pytest.mark.parametrize("mode", MODES)
async def test_list_sync_targets_sends_the_documented_default_include_target_creation_values_false(mode: str):
    upstream = Upstream()
    client = bearer_client(upstream)

    if mode == "sync_detailed":
        list_sync_targets.sync_detailed(CONNECTION_ID, client=client)
    else:
        await list_sync_targets.asyncio_detailed(CONNECTION_ID, client=client)

    [request] = upstream.requests
    assert query_pairs(request) == [("include_target_creation_values", "false")]


@pytest.mark.parametrize("mode", MODES)
async def test_get_sync_target_fields_sends_properties_as_deep_object_pairs_and_nothing_flattened(mode: str):
    upstream = Upstream()
    client = bearer_client(upstream)
    properties = GetSyncTargetFieldsProperties.from_dict({"account": "act_1", "name": "My audience"})

    if mode == "sync_detailed":
        get_sync_target_fields.sync_detailed(CONNECTION_ID, client=client, properties=properties)
    else:
        await get_sync_target_fields.asyncio_detailed(CONNECTION_ID, client=client, properties=properties)

    [request] = upstream.requests
    assert query_pairs(request) == [("properties[account]", "act_1"), ("properties[name]", "My audience")]
    raw_query = request.url.query.decode("ascii")
    assert raw_query.startswith(("properties[account]=act_1&", "properties%5Baccount%5D=act_1&"))
    assert "&account=" not in raw_query and not raw_query.startswith("account=")


UNSAFE_KEYS = ["", "[", "]", "a[b", "a]b", "a][b", "[name]"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("key", UNSAFE_KEYS)
async def test_get_sync_target_fields_refuses_an_empty_or_bracketed_properties_key_before_sending(key: str, mode: str):
    upstream = Upstream()
    client = bearer_client(upstream)
    properties = GetSyncTargetFieldsProperties.from_dict({"account": "act_1", key: "x"})

    with pytest.raises(UnsafeParameterError) as raised:
        if mode == "sync_detailed":
            get_sync_target_fields.sync_detailed(CONNECTION_ID, client=client, properties=properties)
        else:
            await get_sync_target_fields.asyncio_detailed(CONNECTION_ID, client=client, properties=properties)

    assert (raised.value.parameter, raised.value.value) == ("properties", key)
    assert str(raised.value) == (
        f"Invalid value {key!r} for parameter 'properties': a deepObject key must be non-empty and hold no brackets"
    )
    assert upstream.requests == []


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("value", [".", "..", ""])
async def test_get_target_creation_property_values_refuses_dot_segments_and_empty_property_before_sending(
    value: str, mode: str
):
    upstream = Upstream()
    client = bearer_client(upstream)

    with pytest.raises(ValueError) as raised:
        if mode == "sync_detailed":
            get_target_creation_property_values.sync_detailed(CONNECTION_ID, value, client=client)
        else:
            await get_target_creation_property_values.asyncio_detailed(CONNECTION_ID, value, client=client)

    assert isinstance(raised.value, UnsafeParameterError)
    assert (raised.value.parameter, raised.value.value) == ("property", value)
    assert str(raised.value) == (
        f"Invalid value {value!r} for parameter 'property': a path parameter cannot be empty, '.' or '..'"
    )
    assert upstream.requests == []


ID_OPERATIONS: dict[str, Callable[[UUID, AnyClient], Response[Any]]] = {
    "list_sync_targets": lambda i, c: list_sync_targets.sync_detailed(i, client=c),
    "get_target_creation_property_values": lambda i, c: get_target_creation_property_values.sync_detailed(
        i, "account", client=c
    ),
    "get_sync_target_fields": lambda i, c: get_sync_target_fields.sync_detailed(i, client=c, target="t"),
    "get_sync_target_metadata": lambda i, c: get_sync_target_metadata.sync_detailed(i, client=c),
    "get_connection": lambda i, c: get_connection.sync_detailed(i, client=c),
}


@pytest.mark.parametrize("value", ["..", "."])
@pytest.mark.parametrize("name", list(ID_OPERATIONS))
async def test_every_connection_id_path_parameter_refuses_dot_segments_before_sending(name: str, value: str):
    # The id is typed UUID, but nothing checks that at run time: a str reaches the URL builder.
    upstream = Upstream()

    with pytest.raises(UnsafeParameterError) as raised:
        ID_OPERATIONS[name](cast(UUID, value), bearer_client(upstream))

    assert raised.value.parameter == "id"
    assert upstream.requests == []


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("value", "segment"),
    [
        ("a/b?c#d", "a%2Fb%3Fc%23d"),
        ("50% off x", "50%25%20off%20x"),
        ("%2e%2e", "%252e%252e"),
        ("...", "..."),
        ("urn:li:account:1", "urn%3Ali%3Aaccount%3A1"),
    ],
)
async def test_get_target_creation_property_values_keeps_a_reserved_value_encoded_in_one_path_segment(
    value: str, segment: str, mode: str
):
    upstream = Upstream()
    client = bearer_client(upstream)

    if mode == "sync_detailed":
        get_target_creation_property_values.sync_detailed(CONNECTION_ID, value, client=client)
    else:
        await get_target_creation_property_values.asyncio_detailed(CONNECTION_ID, value, client=client)

    [request] = upstream.requests
    assert request.url.raw_path == f"{PROPERTY_VALUES}{segment}".encode("ascii")
    assert request.url.query == b""
    assert unquote(request.url.raw_path.decode("ascii").rsplit("/", 1)[1]) == value


def test_authenticated_client_never_writes_its_token_into_the_callers_headers() -> None:
    shared = {"X-Polytomic-Version": "2025-09-18"}
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"data": []})

    first = AuthenticatedClient(base_url=BASE_URL, token="first", headers=shared, httpx_args={"transport": httpx.MockTransport(handler)})
    list_connections.sync_detailed(client=first)
    second = Client(base_url=BASE_URL, headers=shared, httpx_args={"transport": httpx.MockTransport(handler)})
    list_connections.sync_detailed(client=second)
    assert shared == {"X-Polytomic-Version": "2025-09-18"}
    assert seen[0].headers["Authorization"] == "Bearer first"
    assert "Authorization" not in seen[1].headers
