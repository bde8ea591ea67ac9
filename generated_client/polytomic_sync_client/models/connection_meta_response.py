from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
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
        configuration (ConnectionMetaResponseConfiguration | None | Unset):
        items (ConnectionMetaResponseItems | None | Unset):
        requires_one_of (list[str] | None | Unset):
    """

    configuration: ConnectionMetaResponseConfiguration | None | Unset = UNSET
    items: ConnectionMetaResponseItems | None | Unset = UNSET
    requires_one_of: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.connection_meta_response_configuration import (
            ConnectionMetaResponseConfiguration,
        )
        from ..models.connection_meta_response_items import ConnectionMetaResponseItems

        configuration: dict[str, Any] | None | Unset
        if isinstance(self.configuration, Unset):
            configuration = UNSET
        elif isinstance(self.configuration, ConnectionMetaResponseConfiguration):
            configuration = self.configuration.to_dict()
        else:
            configuration = self.configuration

        items: dict[str, Any] | None | Unset
        if isinstance(self.items, Unset):
            items = UNSET
        elif isinstance(self.items, ConnectionMetaResponseItems):
            items = self.items.to_dict()
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
        with errors.at("configuration"):

            def _parse_configuration(
                data: object,
            ) -> ConnectionMetaResponseConfiguration | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, dict):
                    configuration_type_0 = (
                        ConnectionMetaResponseConfiguration.from_dict(
                            errors.as_object(data)
                        )
                    )

                    return configuration_type_0
                raise errors.UnexpectedPayload.of("object or null", data)

            configuration = _parse_configuration(d.pop("configuration", UNSET))

        with errors.at("items"):

            def _parse_items(
                data: object,
            ) -> ConnectionMetaResponseItems | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, dict):
                    items_type_0 = ConnectionMetaResponseItems.from_dict(
                        errors.as_object(data)
                    )

                    return items_type_0
                raise errors.UnexpectedPayload.of("object or null", data)

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
            configuration=configuration,
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
