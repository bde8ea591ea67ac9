from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_sync_target_mode import KnownSyncTargetMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="SupportedMode")


@_attrs_define
class SupportedMode:
    """
    Attributes:
        id (KnownSyncTargetMode | str | Unset): A sync mode id. Known values: `create`, `update`, `updateOrCreate`,
            `replace`, `append`, `remove`,
            `snapshot`. Open set: newer servers may send other values, which clients must accept as strings.
        requires_identity (bool | Unset): The mode needs an identity (match key) mapping.
        supports_per_field_mode (bool | Unset): Per-field sync modes are allowed.
        supports_target_filters (bool | Unset): Target filters are allowed in this mode.
    """

    id: KnownSyncTargetMode | str | Unset = UNSET
    requires_identity: bool | Unset = UNSET
    supports_per_field_mode: bool | Unset = UNSET
    supports_target_filters: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        elif isinstance(self.id, KnownSyncTargetMode):
            id = self.id.value
        else:
            id = self.id

        requires_identity = self.requires_identity

        supports_per_field_mode = self.supports_per_field_mode

        supports_target_filters = self.supports_target_filters

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if requires_identity is not UNSET:
            field_dict["requires_identity"] = requires_identity
        if supports_per_field_mode is not UNSET:
            field_dict["supports_per_field_mode"] = supports_per_field_mode
        if supports_target_filters is not UNSET:
            field_dict["supports_target_filters"] = supports_target_filters

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_id(data: object) -> KnownSyncTargetMode | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_modelsync_sync_target_mode_type_0 = (
                    KnownSyncTargetMode(data)
                )

                return componentsschemas_modelsync_sync_target_mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownSyncTargetMode | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        requires_identity = d.pop("requires_identity", UNSET)

        supports_per_field_mode = d.pop("supports_per_field_mode", UNSET)

        supports_target_filters = d.pop("supports_target_filters", UNSET)

        supported_mode = cls(
            id=id,
            requires_identity=requires_identity,
            supports_per_field_mode=supports_per_field_mode,
            supports_target_filters=supports_target_filters,
        )

        supported_mode.additional_properties = d
        return supported_mode

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
