from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_filter_function import KnownFilterFunction
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pick_value import PickValue


T = TypeVar("T", bound="SupportedFilterFunction")


@_attrs_define
class SupportedFilterFunction:
    """
    Attributes:
        id (KnownFilterFunction | str | Unset): A target-filter comparison. Known values: `Equality`, `Inequality`,
            `IsNull`, `IsNotNull`, `True`,
            `False`, `OnOrAfter`, `OnOrBefore`, `GreaterThan`, `GreaterThanEqual`, `LessThan`,
            `LessThanEqual`, `StringContains`, `StringStartsWith`, `StringEndsWith`, `StringDoesNotContain`,
            `StringDoesNotStartWith`, `StringDoesNotEndWith`, `StringOneOf`, `StringNotOneOf`, `Between`,
            `ArrayContains`, `ArrayDoesNotContain`, `InTheLast`, `RelativeOnOrBefore`, `RelativeOnOrAfter`,
            `StringLike`, `StringNotLike`, `StringMatchesTrimmed`. Open set: accept other strings.
        label (str | Unset):
        multi_value (bool | Unset): The comparison takes a list of values.
        requires_value (bool | Unset):
        values (list[PickValue] | Unset): Closed set of allowed values; empty means any value of the field's type.
    """

    id: KnownFilterFunction | str | Unset = UNSET
    label: str | Unset = UNSET
    multi_value: bool | Unset = UNSET
    requires_value: bool | Unset = UNSET
    values: list[PickValue] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        elif isinstance(self.id, KnownFilterFunction):
            id = self.id.value
        else:
            id = self.id

        label = self.label

        multi_value = self.multi_value

        requires_value = self.requires_value

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

        def _parse_id(data: object) -> KnownFilterFunction | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_filter_function_type_0 = KnownFilterFunction(data)

                return componentsschemas_filter_function_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownFilterFunction | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        label = d.pop("label", UNSET)

        multi_value = d.pop("multi_value", UNSET)

        requires_value = d.pop("requires_value", UNSET)

        _values = d.pop("values", UNSET)
        values: list[PickValue] | Unset = UNSET
        if _values is not UNSET:
            values = []
            for values_item_data in _values:
                values_item = PickValue.from_dict(values_item_data)

                values.append(values_item)

        supported_filter_function = cls(
            id=id,
            label=label,
            multi_value=multi_value,
            requires_value=requires_value,
            values=values,
        )

        supported_filter_function.additional_properties = d
        return supported_filter_function

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
