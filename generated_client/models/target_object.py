from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.supported_mode import SupportedMode


T = TypeVar("T", bound="TargetObject")


@_attrs_define
class TargetObject:
    """
    Attributes:
        id (str | Unset): Target object id: pass it as `target` to Get Sync Target Fields and as `target.object` when
            creating a sync (e.g. `crm_contact`, `schema.table`, `Users`).
        name (str | Unset): Display name.
        modes (list[SupportedMode] | Unset): Sync modes this object supports.
    """

    id: str | Unset = UNSET
    name: str | Unset = UNSET
    modes: list[SupportedMode] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        modes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.modes, Unset):
            modes = []
            for modes_item_data in self.modes:
                modes_item = modes_item_data.to_dict()
                modes.append(modes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if modes is not UNSET:
            field_dict["modes"] = modes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.supported_mode import SupportedMode

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        _modes = d.pop("modes", UNSET)
        modes: list[SupportedMode] | Unset = UNSET
        if _modes is not UNSET:
            modes = []
            for modes_item_data in _modes:
                modes_item = SupportedMode.from_dict(modes_item_data)

                modes.append(modes_item)

        target_object = cls(
            id=id,
            name=name,
            modes=modes,
        )

        target_object.additional_properties = d
        return target_object

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
