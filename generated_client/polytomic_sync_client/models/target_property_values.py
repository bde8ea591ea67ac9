from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.util_enum_value import UtilEnumValue


T = TypeVar("T", bound="TargetPropertyValues")


@_attrs_define
class TargetPropertyValues:
    """A target-creation property, with its valid values when it is an enum.

    Attributes:
        id (None | str | Unset): Property key (e.g. `account`, `name`): `properties[<id>]` for Get Sync Target Fields,
            `{property}`
            for Get Target Creation Property Values, a key of `target.create` when creating a sync.
        title (None | str | Unset): Human label, e.g. "Account ID".
        enum (bool | None | Unset): True when the property takes one of a fixed set of values; false for free text.
        values (list[UtilEnumValue] | None | Unset): Valid values of an enum property. In List Sync Targets only with
            `include_target_creation_values=true`.
    """

    id: None | str | Unset = UNSET
    title: None | str | Unset = UNSET
    enum: bool | None | Unset = UNSET
    values: list[UtilEnumValue] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        enum: bool | None | Unset
        if isinstance(self.enum, Unset):
            enum = UNSET
        else:
            enum = self.enum

        values: list[dict[str, Any]] | None | Unset
        if isinstance(self.values, Unset):
            values = UNSET
        elif isinstance(self.values, list):
            values = []
            for values_type_0_item_data in self.values:
                values_type_0_item = values_type_0_item_data.to_dict()
                values.append(values_type_0_item)

        else:
            values = self.values

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
        with errors.at("id"):

            def _parse_id(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    id_type_0 = errors.as_str(data)

                    return id_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            id = _parse_id(d.pop("id", UNSET))

        with errors.at("title"):

            def _parse_title(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    title_type_0 = errors.as_str(data)

                    return title_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            title = _parse_title(d.pop("title", UNSET))

        with errors.at("enum"):

            def _parse_enum(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    enum_type_0 = errors.as_bool(data)

                    return enum_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            enum = _parse_enum(d.pop("enum", UNSET))

        with errors.at("values"):

            def _parse_values(data: object) -> list[UtilEnumValue] | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, list):
                    values_type_0 = []
                    for values_type_0_item_index, values_type_0_item_data in enumerate(
                        errors.as_list(data)
                    ):
                        with errors.at(values_type_0_item_index):
                            values_type_0_item = UtilEnumValue.from_dict(
                                errors.as_object(values_type_0_item_data)
                            )

                        values_type_0.append(values_type_0_item)

                    return values_type_0
                raise errors.UnexpectedPayload.of("array or null", data)

            values = _parse_values(d.pop("values", UNSET))

        _instance = cls(
            id=id,
            title=title,
            enum=enum,
            values=values,
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
