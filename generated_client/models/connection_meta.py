from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConnectionMeta")


@_attrs_define
class ConnectionMeta:
    """
    Attributes:
        has_items (bool | Unset):
        items (list[Any] | None | Unset):
        requires_one_of (list[str] | Unset):
    """

    has_items: bool | Unset = UNSET
    items: list[Any] | None | Unset = UNSET
    requires_one_of: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        has_items = self.has_items

        items: list[Any] | None | Unset
        if isinstance(self.items, Unset):
            items = UNSET
        elif isinstance(self.items, list):
            items = self.items

        else:
            items = self.items

        requires_one_of: list[str] | Unset = UNSET
        if not isinstance(self.requires_one_of, Unset):
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
        has_items = d.pop("has_items", UNSET)

        def _parse_items(data: object) -> list[Any] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                items_type_0 = cast(list[Any], data)

                return items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Any] | None | Unset, data)

        items = _parse_items(d.pop("items", UNSET))

        requires_one_of = cast(list[str], d.pop("requires_one_of", UNSET))

        connection_meta = cls(
            has_items=has_items,
            items=items,
            requires_one_of=requires_one_of,
        )

        connection_meta.additional_properties = d
        return connection_meta

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
