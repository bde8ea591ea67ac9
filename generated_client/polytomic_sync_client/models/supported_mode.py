from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..models.known_sync_target_mode import KnownSyncTargetMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="SupportedMode")


@_attrs_define
class SupportedMode:
    """
    Attributes:
        id (KnownSyncTargetMode | None | str | Unset):
        requires_identity (bool | None | Unset): The mode needs an identity (match key) mapping.
        supports_per_field_mode (bool | None | Unset): Per-field sync modes are allowed.
        supports_target_filters (bool | None | Unset): Target filters are allowed in this mode.
    """

    id: KnownSyncTargetMode | None | str | Unset = UNSET
    requires_identity: bool | None | Unset = UNSET
    supports_per_field_mode: bool | None | Unset = UNSET
    supports_target_filters: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        elif isinstance(self.id, KnownSyncTargetMode):
            id = self.id.value
        else:
            id = self.id

        requires_identity: bool | None | Unset
        if isinstance(self.requires_identity, Unset):
            requires_identity = UNSET
        else:
            requires_identity = self.requires_identity

        supports_per_field_mode: bool | None | Unset
        if isinstance(self.supports_per_field_mode, Unset):
            supports_per_field_mode = UNSET
        else:
            supports_per_field_mode = self.supports_per_field_mode

        supports_target_filters: bool | None | Unset
        if isinstance(self.supports_target_filters, Unset):
            supports_target_filters = UNSET
        else:
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
        with errors.at("id"):

            def _parse_id(data: object) -> KnownSyncTargetMode | None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    try:
                        componentsschemas_modelsync_sync_target_mode_type_0 = (
                            errors.as_enum(KnownSyncTargetMode, data)
                        )

                        return componentsschemas_modelsync_sync_target_mode_type_0
                    except errors.UnexpectedPayload:
                        pass
                if errors.is_text(data):
                    componentsschemas_modelsync_sync_target_mode_type_1 = errors.as_str(
                        data
                    )

                    return componentsschemas_modelsync_sync_target_mode_type_1
                raise errors.UnexpectedPayload.of("string or null", data)

            id = _parse_id(d.pop("id", UNSET))

        with errors.at("requires_identity"):

            def _parse_requires_identity(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    requires_identity_type_0 = errors.as_bool(data)

                    return requires_identity_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            requires_identity = _parse_requires_identity(
                d.pop("requires_identity", UNSET)
            )

        with errors.at("supports_per_field_mode"):

            def _parse_supports_per_field_mode(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    supports_per_field_mode_type_0 = errors.as_bool(data)

                    return supports_per_field_mode_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            supports_per_field_mode = _parse_supports_per_field_mode(
                d.pop("supports_per_field_mode", UNSET)
            )

        with errors.at("supports_target_filters"):

            def _parse_supports_target_filters(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    supports_target_filters_type_0 = errors.as_bool(data)

                    return supports_target_filters_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            supports_target_filters = _parse_supports_target_filters(
                d.pop("supports_target_filters", UNSET)
            )

        _instance = cls(
            id=id,
            requires_identity=requires_identity,
            supports_per_field_mode=supports_per_field_mode,
            supports_target_filters=supports_target_filters,
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
