from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
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
        id (None | Unset | UUID): Connection id: the `{id}` of every target endpoint.
        name (None | str | Unset):
        type_ (ConnectionTypeSchema | None | Unset):
        configuration (ConnectionResponseSchemaConfigurationType0 | None | Unset): Type-specific configuration, secrets
            redacted.
        status (None | str | Unset): Health, e.g. `healthy` (no enum published).
        status_error (None | str | Unset): Error text when unhealthy.
        saved (bool | None | Unset):
        organization_id (None | Unset | UUID):
        parent_connection_id (None | Unset | UUID): For shared connections, the parent connection.
        policies (list[UUID] | None | Unset):
        api_calls_last_24_hours (int | None | Unset): Upstream API calls in the last 24 hours (supported integrations
            only).
        rate_limit (ConnectionResponseSchemaRateLimit | None | Unset):
        created_at (datetime.datetime | None | Unset):
        updated_at (datetime.datetime | None | Unset):
        created_by (None | OutputActor | Unset):
        updated_by (None | OutputActor | Unset):
    """

    id: None | Unset | UUID = UNSET
    name: None | str | Unset = UNSET
    type_: ConnectionTypeSchema | None | Unset = UNSET
    configuration: ConnectionResponseSchemaConfigurationType0 | None | Unset = UNSET
    status: None | str | Unset = UNSET
    status_error: None | str | Unset = UNSET
    saved: bool | None | Unset = UNSET
    organization_id: None | Unset | UUID = UNSET
    parent_connection_id: None | Unset | UUID = UNSET
    policies: list[UUID] | None | Unset = UNSET
    api_calls_last_24_hours: int | None | Unset = UNSET
    rate_limit: ConnectionResponseSchemaRateLimit | None | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    created_by: None | OutputActor | Unset = UNSET
    updated_by: None | OutputActor | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.connection_response_schema_configuration_type_0 import (
            ConnectionResponseSchemaConfigurationType0,
        )
        from ..models.connection_response_schema_rate_limit import (
            ConnectionResponseSchemaRateLimit,
        )
        from ..models.connection_type_schema import ConnectionTypeSchema
        from ..models.output_actor import OutputActor

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        elif isinstance(self.id, UUID):
            id = str(self.id)
        else:
            id = self.id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        type_: dict[str, Any] | None | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, ConnectionTypeSchema):
            type_ = self.type_.to_dict()
        else:
            type_ = self.type_

        configuration: dict[str, Any] | None | Unset
        if isinstance(self.configuration, Unset):
            configuration = UNSET
        elif isinstance(self.configuration, ConnectionResponseSchemaConfigurationType0):
            configuration = self.configuration.to_dict()
        else:
            configuration = self.configuration

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        status_error: None | str | Unset
        if isinstance(self.status_error, Unset):
            status_error = UNSET
        else:
            status_error = self.status_error

        saved: bool | None | Unset
        if isinstance(self.saved, Unset):
            saved = UNSET
        else:
            saved = self.saved

        organization_id: None | str | Unset
        if isinstance(self.organization_id, Unset):
            organization_id = UNSET
        elif isinstance(self.organization_id, UUID):
            organization_id = str(self.organization_id)
        else:
            organization_id = self.organization_id

        parent_connection_id: None | str | Unset
        if isinstance(self.parent_connection_id, Unset):
            parent_connection_id = UNSET
        elif isinstance(self.parent_connection_id, UUID):
            parent_connection_id = str(self.parent_connection_id)
        else:
            parent_connection_id = self.parent_connection_id

        policies: list[str] | None | Unset
        if isinstance(self.policies, Unset):
            policies = UNSET
        elif isinstance(self.policies, list):
            policies = []
            for policies_type_0_item_data in self.policies:
                policies_type_0_item = str(policies_type_0_item_data)
                policies.append(policies_type_0_item)

        else:
            policies = self.policies

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

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        created_by: dict[str, Any] | None | Unset
        if isinstance(self.created_by, Unset):
            created_by = UNSET
        elif isinstance(self.created_by, OutputActor):
            created_by = self.created_by.to_dict()
        else:
            created_by = self.created_by

        updated_by: dict[str, Any] | None | Unset
        if isinstance(self.updated_by, Unset):
            updated_by = UNSET
        elif isinstance(self.updated_by, OutputActor):
            updated_by = self.updated_by.to_dict()
        else:
            updated_by = self.updated_by

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
        with errors.at("id"):

            def _parse_id(data: object) -> None | Unset | UUID:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    id_type_0 = errors.as_uuid(data)

                    return id_type_0
                raise errors.UnexpectedPayload.of("UUID string or null", data)

            id = _parse_id(d.pop("id", UNSET))

        with errors.at("name"):

            def _parse_name(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    name_type_0 = errors.as_str(data)

                    return name_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            name = _parse_name(d.pop("name", UNSET))

        with errors.at("type"):

            def _parse_type_(data: object) -> ConnectionTypeSchema | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, dict):
                    type_type_0 = ConnectionTypeSchema.from_dict(errors.as_object(data))

                    return type_type_0
                raise errors.UnexpectedPayload.of("object or null", data)

            type_ = _parse_type_(d.pop("type", UNSET))

        with errors.at("configuration"):

            def _parse_configuration(
                data: object,
            ) -> ConnectionResponseSchemaConfigurationType0 | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, dict):
                    configuration_type_0 = (
                        ConnectionResponseSchemaConfigurationType0.from_dict(
                            errors.as_object(data)
                        )
                    )

                    return configuration_type_0
                raise errors.UnexpectedPayload.of("object or null", data)

            configuration = _parse_configuration(d.pop("configuration", UNSET))

        with errors.at("status"):

            def _parse_status(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    status_type_0 = errors.as_str(data)

                    return status_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            status = _parse_status(d.pop("status", UNSET))

        with errors.at("status_error"):

            def _parse_status_error(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    status_error_type_0 = errors.as_str(data)

                    return status_error_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            status_error = _parse_status_error(d.pop("status_error", UNSET))

        with errors.at("saved"):

            def _parse_saved(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    saved_type_0 = errors.as_bool(data)

                    return saved_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            saved = _parse_saved(d.pop("saved", UNSET))

        with errors.at("organization_id"):

            def _parse_organization_id(data: object) -> None | Unset | UUID:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    organization_id_type_0 = errors.as_uuid(data)

                    return organization_id_type_0
                raise errors.UnexpectedPayload.of("UUID string or null", data)

            organization_id = _parse_organization_id(d.pop("organization_id", UNSET))

        with errors.at("parent_connection_id"):

            def _parse_parent_connection_id(data: object) -> None | Unset | UUID:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    parent_connection_id_type_0 = errors.as_uuid(data)

                    return parent_connection_id_type_0
                raise errors.UnexpectedPayload.of("UUID string or null", data)

            parent_connection_id = _parse_parent_connection_id(
                d.pop("parent_connection_id", UNSET)
            )

        with errors.at("policies"):

            def _parse_policies(data: object) -> list[UUID] | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, list):
                    policies_type_0 = []
                    for (
                        policies_type_0_item_index,
                        policies_type_0_item_data,
                    ) in enumerate(errors.as_list(data)):
                        with errors.at(policies_type_0_item_index):
                            policies_type_0_item = errors.as_uuid(
                                policies_type_0_item_data
                            )

                        policies_type_0.append(policies_type_0_item)

                    return policies_type_0
                raise errors.UnexpectedPayload.of("array or null", data)

            policies = _parse_policies(d.pop("policies", UNSET))

        with errors.at("api_calls_last_24_hours"):

            def _parse_api_calls_last_24_hours(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_integer(data):
                    api_calls_last_24_hours_type_0 = errors.as_int(data)

                    return api_calls_last_24_hours_type_0
                raise errors.UnexpectedPayload.of("integer or null", data)

            api_calls_last_24_hours = _parse_api_calls_last_24_hours(
                d.pop("api_calls_last_24_hours", UNSET)
            )

        with errors.at("rate_limit"):

            def _parse_rate_limit(
                data: object,
            ) -> ConnectionResponseSchemaRateLimit | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, dict):
                    rate_limit_type_0 = ConnectionResponseSchemaRateLimit.from_dict(
                        errors.as_object(data)
                    )

                    return rate_limit_type_0
                raise errors.UnexpectedPayload.of("object or null", data)

            rate_limit = _parse_rate_limit(d.pop("rate_limit", UNSET))

        with errors.at("created_at"):

            def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    created_at_type_0 = errors.as_datetime(data)

                    return created_at_type_0
                raise errors.UnexpectedPayload.of("date-time string or null", data)

            created_at = _parse_created_at(d.pop("created_at", UNSET))

        with errors.at("updated_at"):

            def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    updated_at_type_0 = errors.as_datetime(data)

                    return updated_at_type_0
                raise errors.UnexpectedPayload.of("date-time string or null", data)

            updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        with errors.at("created_by"):

            def _parse_created_by(data: object) -> None | OutputActor | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, dict):
                    created_by_type_0 = OutputActor.from_dict(errors.as_object(data))

                    return created_by_type_0
                raise errors.UnexpectedPayload.of("object or null", data)

            created_by = _parse_created_by(d.pop("created_by", UNSET))

        with errors.at("updated_by"):

            def _parse_updated_by(data: object) -> None | OutputActor | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, dict):
                    updated_by_type_0 = OutputActor.from_dict(errors.as_object(data))

                    return updated_by_type_0
                raise errors.UnexpectedPayload.of("object or null", data)

            updated_by = _parse_updated_by(d.pop("updated_by", UNSET))

        _instance = cls(
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

        _instance.additional_properties = d
        return _instance

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
