from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.target_property_values import TargetPropertyValues


T = TypeVar("T", bound="TargetCreator")


@_attrs_define
class TargetCreator:
    """Whether and how a new target can be created on the connection.

    Attributes:
        supported (bool | Unset): The connection can create new targets.
        properties (list[TargetPropertyValues] | Unset): The (string-valued) inputs a new target needs.
    """

    supported: bool | Unset = UNSET
    properties: list[TargetPropertyValues] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        supported = self.supported

        properties: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.properties, Unset):
            properties = []
            for properties_item_data in self.properties:
                properties_item = properties_item_data.to_dict()
                properties.append(properties_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if supported is not UNSET:
            field_dict["supported"] = supported
        if properties is not UNSET:
            field_dict["properties"] = properties

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.target_property_values import TargetPropertyValues

        d = dict(src_dict)
        supported = d.pop("supported", UNSET)

        _properties = d.pop("properties", UNSET)
        properties: list[TargetPropertyValues] | Unset = UNSET
        if _properties is not UNSET:
            properties = []
            for properties_item_data in _properties:
                properties_item = TargetPropertyValues.from_dict(properties_item_data)

                properties.append(properties_item)

        target_creator = cls(
            supported=supported,
            properties=properties,
        )

        target_creator.additional_properties = d
        return target_creator

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
