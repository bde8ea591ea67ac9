from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.connection_response_schema import ConnectionResponseSchema


T = TypeVar("T", bound="ConnectionListResponseEnvelope")


@_attrs_define
class ConnectionListResponseEnvelope:
    """
    Attributes:
        data (list[ConnectionResponseSchema] | None | Unset):
    """

    data: list[ConnectionResponseSchema] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.connection_response_schema import ConnectionResponseSchema

        d = dict(src_dict)
        with errors.at("data"):

            def _parse_data(
                data: object,
            ) -> list[ConnectionResponseSchema] | None | Unset:
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
                            data_type_0_item = ConnectionResponseSchema.from_dict(
                                errors.as_object(data_type_0_item_data)
                            )

                        data_type_0.append(data_type_0_item)

                    return data_type_0
                raise errors.UnexpectedPayload.of("array or null", data)

            data = _parse_data(d.pop("data", UNSET))

        _instance = cls(
            data=data,
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
