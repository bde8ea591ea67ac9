from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..models.known_filter_function import KnownFilterFunction
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pick_value import PickValue


T = TypeVar("T", bound="SupportedFilterFunction")


@_attrs_define
class SupportedFilterFunction:
    """
    Attributes:
        id (KnownFilterFunction | None | str | Unset):
        label (None | str | Unset):
        multi_value (bool | None | Unset): The comparison takes a list of values.
        requires_value (bool | None | Unset):
        values (list[PickValue] | None | Unset): Closed set of allowed values; empty means any value of the field's
            type.
    """

    id: KnownFilterFunction | None | str | Unset = UNSET
    label: None | str | Unset = UNSET
    multi_value: bool | None | Unset = UNSET
    requires_value: bool | None | Unset = UNSET
    values: list[PickValue] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        elif isinstance(self.id, KnownFilterFunction):
            id = self.id.value
        else:
            id = self.id

        label: None | str | Unset
        if isinstance(self.label, Unset):
            label = UNSET
        else:
            label = self.label

        multi_value: bool | None | Unset
        if isinstance(self.multi_value, Unset):
            multi_value = UNSET
        else:
            multi_value = self.multi_value

        requires_value: bool | None | Unset
        if isinstance(self.requires_value, Unset):
            requires_value = UNSET
        else:
            requires_value = self.requires_value

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
        if label is not UNSET:
            field_dict["label"] = label
        if multi_value is not UNSET:
            field_dict["multi_value"] = multi_value
        if requires_value is not UNSET:
            field_dict["requires_value"] = requires_value
        if values is not UNSET:
            field_dict["values"] = values

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.pick_value import PickValue

        d = dict(src_dict)
        with errors.at("id"):

            def _parse_id(data: object) -> KnownFilterFunction | None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    try:
                        componentsschemas_filter_function_type_0 = errors.as_enum(
                            KnownFilterFunction, data
                        )

                        return componentsschemas_filter_function_type_0
                    except errors.UnexpectedPayload:
                        pass
                if errors.is_text(data):
                    componentsschemas_filter_function_type_1 = errors.as_str(data)

                    return componentsschemas_filter_function_type_1
                raise errors.UnexpectedPayload.of("string or null", data)

            id = _parse_id(d.pop("id", UNSET))

        with errors.at("label"):

            def _parse_label(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    label_type_0 = errors.as_str(data)

                    return label_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            label = _parse_label(d.pop("label", UNSET))

        with errors.at("multi_value"):

            def _parse_multi_value(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    multi_value_type_0 = errors.as_bool(data)

                    return multi_value_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            multi_value = _parse_multi_value(d.pop("multi_value", UNSET))

        with errors.at("requires_value"):

            def _parse_requires_value(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    requires_value_type_0 = errors.as_bool(data)

                    return requires_value_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            requires_value = _parse_requires_value(d.pop("requires_value", UNSET))

        with errors.at("values"):

            def _parse_values(data: object) -> list[PickValue] | None | Unset:
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
                            values_type_0_item = PickValue.from_dict(
                                errors.as_object(values_type_0_item_data)
                            )

                        values_type_0.append(values_type_0_item)

                    return values_type_0
                raise errors.UnexpectedPayload.of("array or null", data)

            values = _parse_values(d.pop("values", UNSET))

        _instance = cls(
            id=id,
            label=label,
            multi_value=multi_value,
            requires_value=requires_value,
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
