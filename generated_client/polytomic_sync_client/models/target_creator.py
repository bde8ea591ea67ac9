from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.target_property_values import TargetPropertyValues


T = TypeVar("T", bound="TargetCreator")


@_attrs_define
class TargetCreator:
    """Whether and how a new target can be created on the connection.

    Attributes:
        supported (bool | None | Unset): The connection can create new targets.
        properties (list[TargetPropertyValues] | None | Unset): The (string-valued) inputs a new target needs.
    """

    supported: bool | None | Unset = UNSET
    properties: list[TargetPropertyValues] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        supported: bool | None | Unset
        if isinstance(self.supported, Unset):
            supported = UNSET
        else:
            supported = self.supported

        properties: list[dict[str, Any]] | None | Unset
        if isinstance(self.properties, Unset):
            properties = UNSET
        elif isinstance(self.properties, list):
            properties = []
            for properties_type_0_item_data in self.properties:
                properties_type_0_item = properties_type_0_item_data.to_dict()
                properties.append(properties_type_0_item)

        else:
            properties = self.properties

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
        with errors.at("supported"):

            def _parse_supported(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    supported_type_0 = errors.as_bool(data)

                    return supported_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            supported = _parse_supported(d.pop("supported", UNSET))

        with errors.at("properties"):

            def _parse_properties(
                data: object,
            ) -> list[TargetPropertyValues] | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, list):
                    properties_type_0 = []
                    for (
                        properties_type_0_item_index,
                        properties_type_0_item_data,
                    ) in enumerate(errors.as_list(data)):
                        with errors.at(properties_type_0_item_index):
                            properties_type_0_item = TargetPropertyValues.from_dict(
                                errors.as_object(properties_type_0_item_data)
                            )

                        properties_type_0.append(properties_type_0_item)

                    return properties_type_0
                raise errors.UnexpectedPayload.of("array or null", data)

            properties = _parse_properties(d.pop("properties", UNSET))

        _instance = cls(
            supported=supported,
            properties=properties,
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
