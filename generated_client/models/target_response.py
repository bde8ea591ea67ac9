from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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
        id (str | Unset): Backend id of the target; a placeholder for a target that does not exist yet.
        name (str | Unset): Display name.
        fields (list[TargetField] | None | Unset): Mappable destination fields; empty for a new target with user-defined
            columns.
        modes (list[Mode] | None | Unset): Sync modes the target supports.
        properties (SyncDestinationProperties | Unset): Destination capability flags.
        refreshed_at (datetime.datetime | Unset): Last refresh of the cached schema; the zero time
            (`0001-01-01T00:00:00Z`) when none.
    """

    id: str | Unset = UNSET
    name: str | Unset = UNSET
    fields: list[TargetField] | None | Unset = UNSET
    modes: list[Mode] | None | Unset = UNSET
    properties: SyncDestinationProperties | Unset = UNSET
    refreshed_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

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

        properties: dict[str, Any] | Unset = UNSET
        if not isinstance(self.properties, Unset):
            properties = self.properties.to_dict()

        refreshed_at: str | Unset = UNSET
        if not isinstance(self.refreshed_at, Unset):
            refreshed_at = self.refreshed_at.isoformat()

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
        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        def _parse_fields(data: object) -> list[TargetField] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                fields_type_0 = []
                _fields_type_0 = data
                for fields_type_0_item_data in _fields_type_0:
                    fields_type_0_item = TargetField.from_dict(fields_type_0_item_data)

                    fields_type_0.append(fields_type_0_item)

                return fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[TargetField] | None | Unset, data)

        fields = _parse_fields(d.pop("fields", UNSET))

        def _parse_modes(data: object) -> list[Mode] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                modes_type_0 = []
                _modes_type_0 = data
                for modes_type_0_item_data in _modes_type_0:
                    modes_type_0_item = Mode.from_dict(modes_type_0_item_data)

                    modes_type_0.append(modes_type_0_item)

                return modes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Mode] | None | Unset, data)

        modes = _parse_modes(d.pop("modes", UNSET))

        _properties = d.pop("properties", UNSET)
        properties: SyncDestinationProperties | Unset
        if isinstance(_properties, Unset):
            properties = UNSET
        else:
            properties = SyncDestinationProperties.from_dict(_properties)

        _refreshed_at = d.pop("refreshed_at", UNSET)
        refreshed_at: datetime.datetime | Unset
        if isinstance(_refreshed_at, Unset):
            refreshed_at = UNSET
        else:
            refreshed_at = datetime.datetime.fromisoformat(_refreshed_at)

        target_response = cls(
            id=id,
            name=name,
            fields=fields,
            modes=modes,
            properties=properties,
            refreshed_at=refreshed_at,
        )

        target_response.additional_properties = d
        return target_response

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
