from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..types import UNSET, Unset

T = TypeVar("T", bound="ConfigurationValue")


@_attrs_define
class ConfigurationValue:
    """
    Attributes:
        items (list[Any] | None | Unset):
        type_ (None | str | Unset):
    """

    items: list[Any] | None | Unset = UNSET
    type_: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items: list[Any] | None | Unset
        if isinstance(self.items, Unset):
            items = UNSET
        elif isinstance(self.items, list):
            items = self.items

        else:
            items = self.items

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        else:
            type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if items is not UNSET:
            field_dict["items"] = items
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        with errors.at("items"):

            def _parse_items(data: object) -> list[Any] | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, list):
                    items_type_0 = []
                    for items_type_0_item_index, items_type_0_item_data in enumerate(
                        errors.as_list(data)
                    ):
                        with errors.at(items_type_0_item_index):
                            items_type_0_item = items_type_0_item_data

                        items_type_0.append(items_type_0_item)

                    return items_type_0
                raise errors.UnexpectedPayload.of("array or null", data)

            items = _parse_items(d.pop("items", UNSET))

        with errors.at("type"):

            def _parse_type_(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    type_type_0 = errors.as_str(data)

                    return type_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            type_ = _parse_type_(d.pop("type", UNSET))

        _instance = cls(
            items=items,
            type_=type_,
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
