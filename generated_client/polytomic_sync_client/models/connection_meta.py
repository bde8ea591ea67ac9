from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..types import UNSET, Unset

T = TypeVar("T", bound="ConnectionMeta")


@_attrs_define
class ConnectionMeta:
    """
    Attributes:
        has_items (bool | None | Unset):
        items (list[Any] | None | Unset):
        requires_one_of (list[str] | None | Unset):
    """

    has_items: bool | None | Unset = UNSET
    items: list[Any] | None | Unset = UNSET
    requires_one_of: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        has_items: bool | None | Unset
        if isinstance(self.has_items, Unset):
            has_items = UNSET
        else:
            has_items = self.has_items

        items: list[Any] | None | Unset
        if isinstance(self.items, Unset):
            items = UNSET
        elif isinstance(self.items, list):
            items = self.items

        else:
            items = self.items

        requires_one_of: list[str] | None | Unset
        if isinstance(self.requires_one_of, Unset):
            requires_one_of = UNSET
        elif isinstance(self.requires_one_of, list):
            requires_one_of = self.requires_one_of

        else:
            requires_one_of = self.requires_one_of

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if has_items is not UNSET:
            field_dict["has_items"] = has_items
        if items is not UNSET:
            field_dict["items"] = items
        if requires_one_of is not UNSET:
            field_dict["requires_one_of"] = requires_one_of

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        with errors.at("has_items"):

            def _parse_has_items(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    has_items_type_0 = errors.as_bool(data)

                    return has_items_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            has_items = _parse_has_items(d.pop("has_items", UNSET))

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

        with errors.at("requires_one_of"):

            def _parse_requires_one_of(data: object) -> list[str] | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, list):
                    requires_one_of_type_0 = []
                    for (
                        requires_one_of_type_0_item_index,
                        requires_one_of_type_0_item_data,
                    ) in enumerate(errors.as_list(data)):
                        with errors.at(requires_one_of_type_0_item_index):
                            requires_one_of_type_0_item = errors.as_str(
                                requires_one_of_type_0_item_data
                            )

                        requires_one_of_type_0.append(requires_one_of_type_0_item)

                    return requires_one_of_type_0
                raise errors.UnexpectedPayload.of("array or null", data)

            requires_one_of = _parse_requires_one_of(d.pop("requires_one_of", UNSET))

        _instance = cls(
            has_items=has_items,
            items=items,
            requires_one_of=requires_one_of,
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
