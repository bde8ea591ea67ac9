from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.target_creator import TargetCreator
    from ..models.target_object import TargetObject


T = TypeVar("T", bound="TargetObjectsResponseEnvelope")


@_attrs_define
class TargetObjectsResponseEnvelope:
    """
    Attributes:
        data (list[TargetObject] | None | Unset): The connection's target objects; null when the destination reports
            none.
        target_creation (None | TargetCreator | Unset):
    """

    data: list[TargetObject] | None | Unset = UNSET
    target_creation: None | TargetCreator | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.target_creator import TargetCreator

        data: list[dict[str, Any]] | None | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif isinstance(self.data, list):
            data = []
            for data_type_0_item_data in self.data:
                data_type_0_item = data_type_0_item_data.to_dict()
                data.append(data_type_0_item)

        else:
            data = self.data

        target_creation: dict[str, Any] | None | Unset
        if isinstance(self.target_creation, Unset):
            target_creation = UNSET
        elif isinstance(self.target_creation, TargetCreator):
            target_creation = self.target_creation.to_dict()
        else:
            target_creation = self.target_creation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if data is not UNSET:
            field_dict["data"] = data
        if target_creation is not UNSET:
            field_dict["target_creation"] = target_creation

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.target_creator import TargetCreator
        from ..models.target_object import TargetObject

        d = dict(src_dict)
        with errors.at("data"):

            def _parse_data(data: object) -> list[TargetObject] | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, list):
                    data_type_0 = []
                    for data_type_0_item_index, data_type_0_item_data in enumerate(
                        errors.as_list(data)
                    ):
                        with errors.at(data_type_0_item_index):
                            data_type_0_item = TargetObject.from_dict(
                                errors.as_object(data_type_0_item_data)
                            )

                        data_type_0.append(data_type_0_item)

                    return data_type_0
                raise errors.UnexpectedPayload.of("array or null", data)

            data = _parse_data(d.pop("data", UNSET))

        with errors.at("target_creation"):

            def _parse_target_creation(data: object) -> None | TargetCreator | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, dict):
                    target_creation_type_0 = TargetCreator.from_dict(
                        errors.as_object(data)
                    )

                    return target_creation_type_0
                raise errors.UnexpectedPayload.of("object or null", data)

            target_creation = _parse_target_creation(d.pop("target_creation", UNSET))

        _instance = cls(
            data=data,
            target_creation=target_creation,
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
