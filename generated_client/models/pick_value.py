from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pick_value_depends_on import PickValueDependsOn


T = TypeVar("T", bound="PickValue")


@_attrs_define
class PickValue:
    """
    Attributes:
        value (str | Unset):
        label (str | Unset):
        depends_on (PickValueDependsOn | Unset): Field ids and values that must all match for this option to apply.
    """

    value: str | Unset = UNSET
    label: str | Unset = UNSET
    depends_on: PickValueDependsOn | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        value = self.value

        label = self.label

        depends_on: dict[str, Any] | Unset = UNSET
        if not isinstance(self.depends_on, Unset):
            depends_on = self.depends_on.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if value is not UNSET:
            field_dict["value"] = value
        if label is not UNSET:
            field_dict["label"] = label
        if depends_on is not UNSET:
            field_dict["depends_on"] = depends_on

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.pick_value_depends_on import PickValueDependsOn

        d = dict(src_dict)
        value = d.pop("value", UNSET)

        label = d.pop("label", UNSET)

        _depends_on = d.pop("depends_on", UNSET)
        depends_on: PickValueDependsOn | Unset
        if isinstance(_depends_on, Unset):
            depends_on = UNSET
        else:
            depends_on = PickValueDependsOn.from_dict(_depends_on)

        pick_value = cls(
            value=value,
            label=label,
            depends_on=depends_on,
        )

        pick_value.additional_properties = d
        return pick_value

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
