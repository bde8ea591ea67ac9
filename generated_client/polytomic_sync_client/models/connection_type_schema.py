from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..types import UNSET, Unset

T = TypeVar("T", bound="ConnectionTypeSchema")


@_attrs_define
class ConnectionTypeSchema:
    """
    Attributes:
        id (None | str | Unset): Connector type id, e.g. `postgresql`, `salesforce`, `linkedinads`, `fbaudience`.
        name (None | str | Unset):
        logo_url (None | str | Unset):
        logo_dark_url (None | str | Unset):
        operations (list[str] | None | Unset):
    """

    id: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    logo_url: None | str | Unset = UNSET
    logo_dark_url: None | str | Unset = UNSET
    operations: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        logo_url: None | str | Unset
        if isinstance(self.logo_url, Unset):
            logo_url = UNSET
        else:
            logo_url = self.logo_url

        logo_dark_url: None | str | Unset
        if isinstance(self.logo_dark_url, Unset):
            logo_dark_url = UNSET
        else:
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

        with errors.at("logo_url"):

            def _parse_logo_url(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    logo_url_type_0 = errors.as_str(data)

                    return logo_url_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            logo_url = _parse_logo_url(d.pop("logo_url", UNSET))

        with errors.at("logo_dark_url"):

            def _parse_logo_dark_url(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    logo_dark_url_type_0 = errors.as_str(data)

                    return logo_dark_url_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            logo_dark_url = _parse_logo_dark_url(d.pop("logo_dark_url", UNSET))

        with errors.at("operations"):

            def _parse_operations(data: object) -> list[str] | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, list):
                    operations_type_0 = []
                    for (
                        operations_type_0_item_index,
                        operations_type_0_item_data,
                    ) in enumerate(errors.as_list(data)):
                        with errors.at(operations_type_0_item_index):
                            operations_type_0_item = errors.as_str(
                                operations_type_0_item_data
                            )

                        operations_type_0.append(operations_type_0_item)

                    return operations_type_0
                raise errors.UnexpectedPayload.of("array or null", data)

            operations = _parse_operations(d.pop("operations", UNSET))

        _instance = cls(
            id=id,
            name=name,
            logo_url=logo_url,
            logo_dark_url=logo_dark_url,
            operations=operations,
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
