"""Connections as ConnectionResponseSchema, and the deprecated metadata tree (Get Sync Target Metadata)."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from polytomic_sync_client.models import (
    ConfigurationValue,
    ConnectionMeta,
    ConnectionMetaResponse,
    ConnectionMetaResponseConfiguration,
    ConnectionMetaResponseItems,
    ConnectionResponseSchema,
    ConnectionResponseSchemaConfigurationType0,
    ConnectionResponseSchemaRateLimit,
    ConnectionTypeSchema,
    OutputActor,
)
from polytomic_sync_client.types import UNSET

from . import dataset
from .dataset import ACTORS, Connection

LOGOS = "https://app.polytomic.com/static/logos"


def _actor(key: str) -> OutputActor:
    name, actor_id = ACTORS[key]
    return OutputActor(id=UUID(actor_id), name=name, type_="user")


def connection_model(conn: Connection) -> ConnectionResponseSchema:
    configuration = ConnectionResponseSchemaConfigurationType0()
    configuration.additional_properties = dict(conn.configuration)
    since = conn.rate_limited_since
    return ConnectionResponseSchema(
        id=UUID(conn.id),
        name=conn.name,
        type_=ConnectionTypeSchema(
            id=conn.type_id,
            name=conn.type_name,
            logo_url=f"{LOGOS}/{conn.type_id}.svg",
            logo_dark_url=f"{LOGOS}/{conn.type_id}-dark.svg",
            operations=list(conn.operations),
        ),
        configuration=configuration,
        status=conn.status,
        status_error=conn.status_error if conn.status_error is not None else UNSET,
        saved=True,
        organization_id=UUID(conn.organization),
        policies=[UUID(p) for p in conn.policies],
        api_calls_last_24_hours=conn.api_calls_last_24_hours,
        rate_limit=ConnectionResponseSchemaRateLimit(
            currently_limited=since is not None,
            limited_since=since,
            expires_at=since + timedelta(hours=1) if since is not None else None,
        ),
        created_at=conn.created_at,
        updated_at=conn.updated_at,
        created_by=_actor(conn.created_by),
        updated_by=_actor(conn.updated_by),
    )


def metadata(conn: Connection, object_type: str | None, search: str | None) -> ConnectionMetaResponse:
    """The connection's objects keyed by type (a schema for databases, standard/custom/... for SaaS)."""
    groups: dict[str, list[str]] = {}
    for target in dataset.targets(conn.id) or ():
        item = target.id.split(".", 1)[1] if "." in target.id else target.id
        groups.setdefault(target.group, []).append(item)
    items = ConnectionMetaResponseItems()
    database = conn.kind == "warehouse"
    for group, names in groups.items():
        if object_type is not None and group != object_type:
            continue
        kept = [n for n in names if not search or search.casefold() in n.casefold()]
        if kept or not search:
            requires = ["table"] if database else ["object"]
            items.additional_properties[group] = ConnectionMeta(
                has_items=bool(kept), items=kept, requires_one_of=requires
            )
    configuration = ConnectionMetaResponseConfiguration()
    for prop in dataset.creation_properties(conn.id) or ():
        if prop.enum:
            configuration.additional_properties[prop.id] = ConfigurationValue(
                items=[value for value, _ in prop.values], type_="enum"
            )
    return ConnectionMetaResponse(
        configuration=configuration, items=items, requires_one_of=["table"] if database else ["object"]
    )
