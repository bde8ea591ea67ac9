from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Mode")


@_attrs_define
class Mode:
    """
    Attributes:
        mode (str | Unset): Mode id to use when configuring a sync (free text; see ModelsyncSyncTargetMode).
        label (str | Unset):
        description (str | Unset):
        requires_identity (bool | Unset):
        supports_field_sync_mode (bool | Unset): Per-field modes (write once vs always update) are allowed.
        supports_target_filters (bool | Unset):
    """

    mode: str | Unset = UNSET
    label: str | Unset = UNSET
    description: str | Unset = UNSET
    requires_identity: bool | Unset = UNSET
    supports_field_sync_mode: bool | Unset = UNSET
    supports_target_filters: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode

        label = self.label

        description = self.description

        requires_identity = self.requires_identity

        supports_field_sync_mode = self.supports_field_sync_mode

        supports_target_filters = self.supports_target_filters

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if mode is not UNSET:
            field_dict["mode"] = mode
        if label is not UNSET:
            field_dict["label"] = label
        if description is not UNSET:
            field_dict["description"] = description
        if requires_identity is not UNSET:
            field_dict["requires_identity"] = requires_identity
        if supports_field_sync_mode is not UNSET:
            field_dict["supports_field_sync_mode"] = supports_field_sync_mode
        if supports_target_filters is not UNSET:
            field_dict["supports_target_filters"] = supports_target_filters

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        mode = d.pop("mode", UNSET)

        label = d.pop("label", UNSET)

        description = d.pop("description", UNSET)

        requires_identity = d.pop("requires_identity", UNSET)

        supports_field_sync_mode = d.pop("supports_field_sync_mode", UNSET)

        supports_target_filters = d.pop("supports_target_filters", UNSET)

        mode = cls(
            mode=mode,
            label=label,
            description=description,
            requires_identity=requires_identity,
            supports_field_sync_mode=supports_field_sync_mode,
            supports_target_filters=supports_target_filters,
        )

        mode.additional_properties = d
        return mode

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
