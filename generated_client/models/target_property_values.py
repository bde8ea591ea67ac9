from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.util_enum_value import UtilEnumValue


T = TypeVar("T", bound="TargetPropertyValues")


@_attrs_define
class TargetPropertyValues:
    """A target-creation property, with its valid values when it is an enum.

    Attributes:
        id (str | Unset): Property key (e.g. `account`, `name`): `properties[<id>]` for Get Sync Target Fields,
            `{property}`
            for Get Target Creation Property Values, a key of `target.create` when creating a sync.
        title (str | Unset): Human label, e.g. "Account ID".
        enum (bool | Unset): True when the property takes one of a fixed set of values; false for free text.
        values (list[UtilEnumValue] | Unset): Valid values of an enum property. In List Sync Targets only with
            `include_target_creation_values=true`.
    """

    id: str | Unset = UNSET
    title: str | Unset = UNSET
    enum: bool | Unset = UNSET
    values: list[UtilEnumValue] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        enum = self.enum

        values: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.values, Unset):
            values = []
            for values_item_data in self.values:
                values_item = values_item_data.to_dict()
                values.append(values_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if title is not UNSET:
            field_dict["title"] = title
        if enum is not UNSET:
            field_dict["enum"] = enum
        if values is not UNSET:
            field_dict["values"] = values

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.util_enum_value import UtilEnumValue

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        title = d.pop("title", UNSET)

        enum = d.pop("enum", UNSET)

        _values = d.pop("values", UNSET)
        values: list[UtilEnumValue] | Unset = UNSET
        if _values is not UNSET:
            values = []
            for values_item_data in _values:
                values_item = UtilEnumValue.from_dict(values_item_data)

                values.append(values_item)

        target_property_values = cls(
            id=id,
            title=title,
            enum=enum,
            values=values,
        )

        target_property_values.additional_properties = d
        return target_property_values

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
