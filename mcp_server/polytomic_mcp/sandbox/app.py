"""The routes: every operation of `spec/polytomic.yaml`, answering through the generated client's models."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from polytomic_sync_client.models import (
    ConnectionListResponseEnvelope,
    ConnectionResponseEnvelope,
    GetConnectionMetaEnvelope,
    SupportedMode,
    TargetCreator,
    TargetObject,
    TargetObjectsResponseEnvelope,
    TargetPropertyValues,
    TargetPropertyValuesEnvelope,
    TargetResponseEnvelope,
    UtilEnumValue,
)

from . import dataset, fields, gostyle
from .admin import ADMIN_ROUTES
from .dataset import Connection, CreationProperty
from .gate import Gate, organization
from .metadata import connection_model, metadata

if TYPE_CHECKING:
    from . import Sandbox

_TIMES = re.compile(rb'("(?:created_at|updated_at|refreshed_at|limited_since|expires_at)":"[^"]+)\+00:00"')
_DEEP = re.compile(r"^properties\[(.*)\]$")
_BOOLS = {"1": True, "t": True, "true": True, "0": False, "f": False, "false": False}


class ApiProblem(Exception):
    """Answer with the spec's ApiError body."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def json_body(body: Mapping[str, Any] | None) -> bytes:
    """Compact JSON, with UTC times spelled as Polytomic (Go) does: `...T12:00:00Z`."""
    raw = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    return _TIMES.sub(rb'\1Z"', raw)


def json_response(body: Mapping[str, Any] | None, status: int = 200) -> Response:
    return Response(json_body(body), status, media_type="application/json")


def _connection(request: Request) -> Connection:
    conn = dataset.connection(request.path_params["id"], organization(request.scope))
    if conn is None:  # another organization's connection is as absent as a missing one
        raise ApiProblem(404, "connection not found")
    return conn


def _destination(request: Request) -> Connection:
    """The connection, if the caller may read its targets and it is healthy."""
    conn = _connection(request)
    if conn.forbidden:
        raise ApiProblem(403, f"forbidden: you do not have permission to use connection {conn.id}")
    if not conn.healthy:
        raise ApiProblem(400, f"connection {conn.name!r} is unhealthy: {conn.status_error}")
    return conn


def _flag(request: Request, name: str) -> bool:
    raw = request.query_params.get(name)
    if raw is None:
        return False
    if raw.lower() not in _BOOLS:
        raise ApiProblem(400, f"invalid value {raw!r} for {name}: must be true or false")
    return _BOOLS[raw.lower()]


def _property_model(prop: CreationProperty, with_values: bool) -> TargetPropertyValues:
    model = TargetPropertyValues(id=prop.id, title=prop.title, enum=prop.enum)
    if with_values and prop.enum:
        model.values = [UtilEnumValue(value=v, label=label) for v, label in prop.values]
    return model


async def list_connections(request: Request) -> Response:
    conns = [connection_model(c) for c in dataset.connections_of(organization(request.scope))]
    return json_response(ConnectionListResponseEnvelope(data=conns).to_dict())


async def get_connection(request: Request) -> Response:
    return json_response(ConnectionResponseEnvelope(data=connection_model(_connection(request))).to_dict())


async def list_sync_targets(request: Request) -> Response:
    conn = _destination(request)
    body = _targets_body(conn.id, _flag(request, "include_target_creation_values"))
    return Response(body, media_type="application/json")


@functools.lru_cache(maxsize=32)
def _targets_body(connection_id: str, with_values: bool) -> bytes:
    """The List Sync Targets body (the largest answer: cached, as the dataset never changes)."""
    kind = dataset.CONNECTIONS[connection_id].kind
    if kind == "go":
        return json_body(gostyle.targets_body(with_values))
    if kind == "go-bare":
        return json_body(gostyle.bare_targets_body())
    found = dataset.targets(connection_id)
    if found is None:
        return json_body({"data": None})
    data = [
        TargetObject(id=t.id, name=t.name, modes=[
            SupportedMode(id=m.id, requires_identity=m.requires_identity, supports_per_field_mode=m.per_field,
                          supports_target_filters=m.target_filters) for m in t.modes])
        for t in found
    ]  # fmt: skip
    props = dataset.creation_properties(connection_id)
    creator = TargetCreator(supported=props is not None)
    if props is not None:
        creator.properties = [_property_model(p, with_values) for p in props]
    return json_body(TargetObjectsResponseEnvelope(data=data, target_creation=creator).to_dict())


def _creation(conn: Connection) -> tuple[CreationProperty, ...]:
    props = dataset.creation_properties(conn.id)
    if props is None:
        raise ApiProblem(404, f"connection {conn.id} does not support creating targets")
    return props


async def get_target_creation_property_values(request: Request) -> Response:
    conn = _destination(request)
    # The id must be exactly one path segment: take it from the raw (still percent-encoded) path.
    raw = request.scope.get("raw_path", b"").split(b"?")[0].decode("latin-1")
    segment = raw.rsplit("/properties/", 1)[-1]
    if "/" in segment:
        raise ApiProblem(404, "not found")
    wanted = unquote(segment)
    prop = next((p for p in _creation(conn) if p.id == wanted), None)
    if prop is None:
        raise ApiProblem(404, f"target creation property {wanted!r} not found")
    if conn.kind == "go":
        return json_response({"data": gostyle.creation_property(prop.id, True)})
    return json_response(TargetPropertyValuesEnvelope(data=_property_model(prop, True)).to_dict())


def _described(request: Request) -> dict[str, str] | None:
    """The `properties[key]=value` pairs (deepObject), or None when there are none."""
    pairs = [(m.group(1), v) for k, v in request.query_params.multi_items() if (m := _DEEP.match(k))]
    if not pairs:
        return None
    values: dict[str, str] = {}
    for key, value in pairs:
        if key in values:
            raise ApiProblem(400, f"properties[{key}] given more than once")
        values[key] = value
    return values


def _validate(conn: Connection, values: dict[str, str]) -> dict[str, str]:
    props = {p.id: p for p in _creation(conn)}
    for key in values:
        if key not in props:
            raise ApiProblem(400, f"unknown target creation property {key!r}; expected: {', '.join(props)}")
    for prop in props.values():
        value = values.get(prop.id, "").strip()
        if not value:
            raise ApiProblem(400, f"target creation property {prop.id!r} is required")
        if prop.enum and value not in {v for v, _ in prop.values}:
            raise ApiProblem(400, f"invalid value {value!r} for target creation property {prop.id!r}")
    return values


async def get_sync_target_fields(request: Request) -> Response:
    conn = _destination(request)
    target_id = request.query_params.get("target")
    described = _described(request)
    if (target_id is None) == (described is None):
        raise ApiProblem(400, "exactly one of target or properties is required")
    if described is not None:
        answer = fields.new_target_response(conn, _validate(conn, described))
    else:
        target = next((t for t in dataset.targets(conn.id) or () if t.id == target_id), None)
        if target is None:
            raise ApiProblem(404, f"target {target_id!r} not found")
        answer = fields.target_response(conn, target, refresh=_flag(request, "refresh"))
    return json_response(TargetResponseEnvelope(data=answer).to_dict())


async def get_sync_target_metadata(request: Request) -> Response:
    conn = _destination(request)
    params = request.query_params
    answer = metadata(conn, params.get("type"), params.get("search"))
    return json_response(GetConnectionMetaEnvelope(data=answer).to_dict())


async def _problem(request: Request, exc: Exception) -> Response:
    if isinstance(exc, ApiProblem):
        return json_response({"status": exc.status, "message": exc.message}, exc.status)
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    message = {404: "not found", 405: "method not allowed"}.get(status, "internal server error")
    return json_response({"status": status, "message": message}, status)


_CONN = "/api/connections/{id}"
ROUTES = [
    Route("/api/connections", list_connections, methods=["GET"], name="list_connections"),
    Route(_CONN, get_connection, methods=["GET"], name="get_connection"),
    Route(f"{_CONN}/modelsync/targetobjects", list_sync_targets, methods=["GET"], name="list_sync_targets"),
    Route(f"{_CONN}/modelsync/targetobjects/properties/{{property:path}}", get_target_creation_property_values,
          methods=["GET"], name="get_target_creation_property_values"),
    Route(f"{_CONN}/modelsync/target/fields", get_sync_target_fields, methods=["GET"], name="get_sync_target_fields"),
    Route(f"{_CONN}/modelsync/target", get_sync_target_metadata, methods=["GET"], name="get_sync_target_metadata"),
]  # fmt: skip


def build_app(sandbox: Sandbox) -> Starlette:
    handlers: dict[Any, Any] = {ApiProblem: _problem, HTTPException: _problem, Exception: _problem}
    return Starlette(
        routes=[*ROUTES, *ADMIN_ROUTES],
        middleware=[Middleware(Gate, sandbox=sandbox, routes=ROUTES)],
        exception_handlers=handlers,
    )
