from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors

if TYPE_CHECKING:
    from ..models.connection_meta import ConnectionMeta


T = TypeVar("T", bound="ConnectionMetaResponseItems")


@_attrs_define
class ConnectionMetaResponseItems:
    additional_properties: dict[str, ConnectionMeta | None] = _attrs_field(
        init=False, factory=dict
    )

    def to_dict(self) -> dict[str, Any]:
        from ..models.connection_meta import ConnectionMeta

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if isinstance(prop, ConnectionMeta):
                field_dict[prop_name] = prop.to_dict()
            else:
                field_dict[prop_name] = prop

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.connection_meta import ConnectionMeta

        d = dict(src_dict)
        _instance = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            with errors.at("*"):

                def _parse_additional_property(data: object) -> ConnectionMeta | None:
                    if data is None:
                        return data
                    if isinstance(data, dict):
                        additional_property_type_0 = ConnectionMeta.from_dict(
                            errors.as_object(data)
                        )

                        return additional_property_type_0
                    raise errors.UnexpectedPayload.of("object or null", data)

                additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        _instance.additional_properties = additional_properties
        return _instance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> ConnectionMeta | None:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: ConnectionMeta | None) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
