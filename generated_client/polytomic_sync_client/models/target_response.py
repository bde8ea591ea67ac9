from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.mode import Mode
    from ..models.sync_destination_properties import SyncDestinationProperties
    from ..models.target_field import TargetField


T = TypeVar("T", bound="TargetResponse")


@_attrs_define
class TargetResponse:
    """
    Attributes:
        id (None | str | Unset): Backend id of the target; a placeholder for a target that does not exist yet.
        name (None | str | Unset): Display name.
        fields (list[TargetField] | None | Unset): Mappable destination fields; empty for a new target with user-defined
            columns.
        modes (list[Mode] | None | Unset): Sync modes the target supports.
        properties (None | SyncDestinationProperties | Unset):
        refreshed_at (datetime.datetime | None | Unset): Last refresh of the cached schema; the zero time
            (`0001-01-01T00:00:00Z`) when none.
    """

    id: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    fields: list[TargetField] | None | Unset = UNSET
    modes: list[Mode] | None | Unset = UNSET
    properties: None | SyncDestinationProperties | Unset = UNSET
    refreshed_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.sync_destination_properties import SyncDestinationProperties

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        fields: list[dict[str, Any]] | None | Unset
        if isinstance(self.fields, Unset):
            fields = UNSET
        elif isinstance(self.fields, list):
            fields = []
            for fields_type_0_item_data in self.fields:
                fields_type_0_item = fields_type_0_item_data.to_dict()
                fields.append(fields_type_0_item)

        else:
            fields = self.fields

        modes: list[dict[str, Any]] | None | Unset
        if isinstance(self.modes, Unset):
            modes = UNSET
        elif isinstance(self.modes, list):
            modes = []
            for modes_type_0_item_data in self.modes:
                modes_type_0_item = modes_type_0_item_data.to_dict()
                modes.append(modes_type_0_item)

        else:
            modes = self.modes

        properties: dict[str, Any] | None | Unset
        if isinstance(self.properties, Unset):
            properties = UNSET
        elif isinstance(self.properties, SyncDestinationProperties):
            properties = self.properties.to_dict()
        else:
            properties = self.properties

        refreshed_at: None | str | Unset
        if isinstance(self.refreshed_at, Unset):
            refreshed_at = UNSET
        elif isinstance(self.refreshed_at, datetime.datetime):
            refreshed_at = self.refreshed_at.isoformat()
        else:
            refreshed_at = self.refreshed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if fields is not UNSET:
            field_dict["fields"] = fields
        if modes is not UNSET:
            field_dict["modes"] = modes
        if properties is not UNSET:
            field_dict["properties"] = properties
        if refreshed_at is not UNSET:
            field_dict["refreshed_at"] = refreshed_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.mode import Mode
        from ..models.sync_destination_properties import SyncDestinationProperties
        from ..models.target_field import TargetField

        d = dict(src_dict)
        with errors.at("id"):

            def _parse_id(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    id_type_0 = errors.as_str(data)

                    return id_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

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

        with errors.at("fields"):

            def _parse_fields(data: object) -> list[TargetField] | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, list):
                    fields_type_0 = []
                    for fields_type_0_item_index, fields_type_0_item_data in enumerate(
                        errors.as_list(data)
                    ):
                        with errors.at(fields_type_0_item_index):
                            fields_type_0_item = TargetField.from_dict(
                                errors.as_object(fields_type_0_item_data)
                            )

                        fields_type_0.append(fields_type_0_item)

                    return fields_type_0
                raise errors.UnexpectedPayload.of("array or null", data)

            fields = _parse_fields(d.pop("fields", UNSET))

        with errors.at("modes"):

            def _parse_modes(data: object) -> list[Mode] | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, list):
                    modes_type_0 = []
                    for modes_type_0_item_index, modes_type_0_item_data in enumerate(
                        errors.as_list(data)
                    ):
                        with errors.at(modes_type_0_item_index):
                            modes_type_0_item = Mode.from_dict(
                                errors.as_object(modes_type_0_item_data)
                            )

                        modes_type_0.append(modes_type_0_item)

                    return modes_type_0
                raise errors.UnexpectedPayload.of("array or null", data)

            modes = _parse_modes(d.pop("modes", UNSET))

        with errors.at("properties"):

            def _parse_properties(
                data: object,
            ) -> None | SyncDestinationProperties | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, dict):
                    properties_type_0 = SyncDestinationProperties.from_dict(
                        errors.as_object(data)
                    )

                    return properties_type_0
                raise errors.UnexpectedPayload.of("object or null", data)

            properties = _parse_properties(d.pop("properties", UNSET))

        with errors.at("refreshed_at"):

            def _parse_refreshed_at(data: object) -> datetime.datetime | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    refreshed_at_type_0 = errors.as_datetime(data)

                    return refreshed_at_type_0
                raise errors.UnexpectedPayload.of("date-time string or null", data)

            refreshed_at = _parse_refreshed_at(d.pop("refreshed_at", UNSET))

        _instance = cls(
            id=id,
            name=name,
            fields=fields,
            modes=modes,
            properties=properties,
            refreshed_at=refreshed_at,
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
