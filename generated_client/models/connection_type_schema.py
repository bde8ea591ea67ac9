from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConnectionTypeSchema")


@_attrs_define
class ConnectionTypeSchema:
    """
    Attributes:
        id (str | Unset): Connector type id, e.g. `postgresql`, `salesforce`, `linkedinads`, `fbaudience`.
        name (str | Unset):
        logo_url (str | Unset):
        logo_dark_url (str | Unset):
        operations (list[str] | None | Unset):
    """

    id: str | Unset = UNSET
    name: str | Unset = UNSET
    logo_url: str | Unset = UNSET
    logo_dark_url: str | Unset = UNSET
    operations: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        logo_url = self.logo_url

        logo_dark_url = self.logo_dark_url

        operations: list[str] | None | Unset
        if isinstance(self.operations, Unset):
            operations = UNSET
        elif isinstance(self.operations, list):
            operations = self.operations

        else:
            operations = self.operations

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if logo_url is not UNSET:
            field_dict["logo_url"] = logo_url
        if logo_dark_url is not UNSET:
            field_dict["logo_dark_url"] = logo_dark_url
        if operations is not UNSET:
            field_dict["operations"] = operations

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        logo_url = d.pop("logo_url", UNSET)

        logo_dark_url = d.pop("logo_dark_url", UNSET)

        def _parse_operations(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                operations_type_0 = cast(list[str], data)

                return operations_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        operations = _parse_operations(d.pop("operations", UNSET))

        connection_type_schema = cls(
            id=id,
            name=name,
            logo_url=logo_url,
            logo_dark_url=logo_dark_url,
            operations=operations,
        )

        connection_type_schema.additional_properties = d
        return connection_type_schema

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
