from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.connection_response_schema_configuration_type_0 import (
        ConnectionResponseSchemaConfigurationType0,
    )
    from ..models.connection_response_schema_rate_limit import (
        ConnectionResponseSchemaRateLimit,
    )
    from ..models.connection_type_schema import ConnectionTypeSchema
    from ..models.output_actor import OutputActor


T = TypeVar("T", bound="ConnectionResponseSchema")


@_attrs_define
class ConnectionResponseSchema:
    """
    Attributes:
        id (UUID | Unset): Connection id: the `{id}` of every target endpoint.
        name (str | Unset):
        type_ (ConnectionTypeSchema | Unset):
        configuration (ConnectionResponseSchemaConfigurationType0 | None | Unset): Type-specific configuration, secrets
            redacted.
        status (str | Unset): Health, e.g. `healthy` (no enum published).
        status_error (str | Unset): Error text when unhealthy.
        saved (bool | Unset):
        organization_id (UUID | Unset):
        parent_connection_id (UUID | Unset): For shared connections, the parent connection.
        policies (list[UUID] | Unset):
        api_calls_last_24_hours (int | None | Unset): Upstream API calls in the last 24 hours (supported integrations
            only).
        rate_limit (ConnectionResponseSchemaRateLimit | None | Unset):
        created_at (datetime.datetime | Unset):
        updated_at (datetime.datetime | Unset):
        created_by (OutputActor | Unset):
        updated_by (OutputActor | Unset):
    """

    id: UUID | Unset = UNSET
    name: str | Unset = UNSET
    type_: ConnectionTypeSchema | Unset = UNSET
    configuration: ConnectionResponseSchemaConfigurationType0 | None | Unset = UNSET
    status: str | Unset = UNSET
    status_error: str | Unset = UNSET
    saved: bool | Unset = UNSET
    organization_id: UUID | Unset = UNSET
    parent_connection_id: UUID | Unset = UNSET
    policies: list[UUID] | Unset = UNSET
    api_calls_last_24_hours: int | None | Unset = UNSET
    rate_limit: ConnectionResponseSchemaRateLimit | None | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    created_by: OutputActor | Unset = UNSET
    updated_by: OutputActor | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.connection_response_schema_configuration_type_0 import (
            ConnectionResponseSchemaConfigurationType0,
        )
        from ..models.connection_response_schema_rate_limit import (
            ConnectionResponseSchemaRateLimit,
        )

        id: str | Unset = UNSET
        if not isinstance(self.id, Unset):
            id = str(self.id)

        name = self.name

        type_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.to_dict()

        configuration: dict[str, Any] | None | Unset
        if isinstance(self.configuration, Unset):
            configuration = UNSET
        elif isinstance(self.configuration, ConnectionResponseSchemaConfigurationType0):
            configuration = self.configuration.to_dict()
        else:
            configuration = self.configuration

        status = self.status

        status_error = self.status_error

        saved = self.saved

        organization_id: str | Unset = UNSET
        if not isinstance(self.organization_id, Unset):
            organization_id = str(self.organization_id)

        parent_connection_id: str | Unset = UNSET
        if not isinstance(self.parent_connection_id, Unset):
            parent_connection_id = str(self.parent_connection_id)

        policies: list[str] | Unset = UNSET
        if not isinstance(self.policies, Unset):
            policies = []
            for policies_item_data in self.policies:
                policies_item = str(policies_item_data)
                policies.append(policies_item)

        api_calls_last_24_hours: int | None | Unset
        if isinstance(self.api_calls_last_24_hours, Unset):
            api_calls_last_24_hours = UNSET
        else:
            api_calls_last_24_hours = self.api_calls_last_24_hours

        rate_limit: dict[str, Any] | None | Unset
        if isinstance(self.rate_limit, Unset):
            rate_limit = UNSET
        elif isinstance(self.rate_limit, ConnectionResponseSchemaRateLimit):
            rate_limit = self.rate_limit.to_dict()
        else:
            rate_limit = self.rate_limit

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        created_by: dict[str, Any] | Unset = UNSET
        if not isinstance(self.created_by, Unset):
            created_by = self.created_by.to_dict()

        updated_by: dict[str, Any] | Unset = UNSET
        if not isinstance(self.updated_by, Unset):
            updated_by = self.updated_by.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if type_ is not UNSET:
            field_dict["type"] = type_
        if configuration is not UNSET:
            field_dict["configuration"] = configuration
        if status is not UNSET:
            field_dict["status"] = status
        if status_error is not UNSET:
            field_dict["status_error"] = status_error
        if saved is not UNSET:
            field_dict["saved"] = saved
        if organization_id is not UNSET:
            field_dict["organization_id"] = organization_id
        if parent_connection_id is not UNSET:
            field_dict["parent_connection_id"] = parent_connection_id
        if policies is not UNSET:
            field_dict["policies"] = policies
        if api_calls_last_24_hours is not UNSET:
            field_dict["api_calls_last_24_hours"] = api_calls_last_24_hours
        if rate_limit is not UNSET:
            field_dict["rate_limit"] = rate_limit
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if created_by is not UNSET:
            field_dict["created_by"] = created_by
        if updated_by is not UNSET:
            field_dict["updated_by"] = updated_by

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.connection_response_schema_configuration_type_0 import (
            ConnectionResponseSchemaConfigurationType0,
        )
        from ..models.connection_response_schema_rate_limit import (
            ConnectionResponseSchemaRateLimit,
        )
        from ..models.connection_type_schema import ConnectionTypeSchema
        from ..models.output_actor import OutputActor

        d = dict(src_dict)
        _id = d.pop("id", UNSET)
        id: UUID | Unset
        if isinstance(_id, Unset):
            id = UNSET
        else:
            id = UUID(_id)

        name = d.pop("name", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: ConnectionTypeSchema | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = ConnectionTypeSchema.from_dict(_type_)

        def _parse_configuration(
            data: object,
        ) -> ConnectionResponseSchemaConfigurationType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                configuration_type_0 = (
                    ConnectionResponseSchemaConfigurationType0.from_dict(data)
                )

                return configuration_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConnectionResponseSchemaConfigurationType0 | None | Unset, data)

        configuration = _parse_configuration(d.pop("configuration", UNSET))

        status = d.pop("status", UNSET)

        status_error = d.pop("status_error", UNSET)

        saved = d.pop("saved", UNSET)

        _organization_id = d.pop("organization_id", UNSET)
        organization_id: UUID | Unset
        if isinstance(_organization_id, Unset):
            organization_id = UNSET
        else:
            organization_id = UUID(_organization_id)

        _parent_connection_id = d.pop("parent_connection_id", UNSET)
        parent_connection_id: UUID | Unset
        if isinstance(_parent_connection_id, Unset):
            parent_connection_id = UNSET
        else:
            parent_connection_id = UUID(_parent_connection_id)

        _policies = d.pop("policies", UNSET)
        policies: list[UUID] | Unset = UNSET
        if _policies is not UNSET:
            policies = []
            for policies_item_data in _policies:
                policies_item = UUID(policies_item_data)

                policies.append(policies_item)

        def _parse_api_calls_last_24_hours(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        api_calls_last_24_hours = _parse_api_calls_last_24_hours(
            d.pop("api_calls_last_24_hours", UNSET)
        )

        def _parse_rate_limit(
            data: object,
        ) -> ConnectionResponseSchemaRateLimit | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rate_limit_type_0 = ConnectionResponseSchemaRateLimit.from_dict(data)

                return rate_limit_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConnectionResponseSchemaRateLimit | None | Unset, data)

        rate_limit = _parse_rate_limit(d.pop("rate_limit", UNSET))

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        _created_by = d.pop("created_by", UNSET)
        created_by: OutputActor | Unset
        if isinstance(_created_by, Unset):
            created_by = UNSET
        else:
            created_by = OutputActor.from_dict(_created_by)

        _updated_by = d.pop("updated_by", UNSET)
        updated_by: OutputActor | Unset
        if isinstance(_updated_by, Unset):
            updated_by = UNSET
        else:
            updated_by = OutputActor.from_dict(_updated_by)

        connection_response_schema = cls(
            id=id,
            name=name,
            type_=type_,
            configuration=configuration,
            status=status,
            status_error=status_error,
            saved=saved,
            organization_id=organization_id,
            parent_connection_id=parent_connection_id,
            policies=policies,
            api_calls_last_24_hours=api_calls_last_24_hours,
            rate_limit=rate_limit,
            created_at=created_at,
            updated_at=updated_at,
            created_by=created_by,
            updated_by=updated_by,
        )

        connection_response_schema.additional_properties = d
        return connection_response_schema

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
