from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.connection_meta_response_configuration import (
        ConnectionMetaResponseConfiguration,
    )
    from ..models.connection_meta_response_items import ConnectionMetaResponseItems


T = TypeVar("T", bound="ConnectionMetaResponse")


@_attrs_define
class ConnectionMetaResponse:
    """
    Attributes:
        configuration (ConnectionMetaResponseConfiguration | Unset):
        items (ConnectionMetaResponseItems | Unset):
        requires_one_of (list[str] | Unset):
    """

    configuration: ConnectionMetaResponseConfiguration | Unset = UNSET
    items: ConnectionMetaResponseItems | Unset = UNSET
    requires_one_of: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.configuration, Unset):
            configuration = self.configuration.to_dict()

        items: dict[str, Any] | Unset = UNSET
        if not isinstance(self.items, Unset):
            items = self.items.to_dict()

        requires_one_of: list[str] | Unset = UNSET
        if not isinstance(self.requires_one_of, Unset):
            requires_one_of = self.requires_one_of

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if configuration is not UNSET:
            field_dict["configuration"] = configuration
        if items is not UNSET:
            field_dict["items"] = items
        if requires_one_of is not UNSET:
            field_dict["requires_one_of"] = requires_one_of

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.connection_meta_response_configuration import (
            ConnectionMetaResponseConfiguration,
        )
        from ..models.connection_meta_response_items import ConnectionMetaResponseItems

        d = dict(src_dict)
        _configuration = d.pop("configuration", UNSET)
        configuration: ConnectionMetaResponseConfiguration | Unset
        if isinstance(_configuration, Unset):
            configuration = UNSET
        else:
            configuration = ConnectionMetaResponseConfiguration.from_dict(
                _configuration
            )

        _items = d.pop("items", UNSET)
        items: ConnectionMetaResponseItems | Unset
        if isinstance(_items, Unset):
            items = UNSET
        else:
            items = ConnectionMetaResponseItems.from_dict(_items)

        requires_one_of = cast(list[str], d.pop("requires_one_of", UNSET))

        connection_meta_response = cls(
            configuration=configuration,
            items=items,
            requires_one_of=requires_one_of,
        )

        connection_meta_response.additional_properties = d
        return connection_meta_response

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
