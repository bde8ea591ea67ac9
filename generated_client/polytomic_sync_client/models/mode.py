from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..types import UNSET, Unset

T = TypeVar("T", bound="Mode")


@_attrs_define
class Mode:
    """
    Attributes:
        mode (None | str | Unset): Mode id to use when configuring a sync (free text; see ModelsyncSyncTargetMode).
        label (None | str | Unset):
        description (None | str | Unset):
        requires_identity (bool | None | Unset):
        supports_field_sync_mode (bool | None | Unset): Per-field modes (write once vs always update) are allowed.
        supports_target_filters (bool | None | Unset):
    """

    mode: None | str | Unset = UNSET
    label: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    requires_identity: bool | None | Unset = UNSET
    supports_field_sync_mode: bool | None | Unset = UNSET
    supports_target_filters: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mode: None | str | Unset
        if isinstance(self.mode, Unset):
            mode = UNSET
        else:
            mode = self.mode

        label: None | str | Unset
        if isinstance(self.label, Unset):
            label = UNSET
        else:
            label = self.label

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        requires_identity: bool | None | Unset
        if isinstance(self.requires_identity, Unset):
            requires_identity = UNSET
        else:
            requires_identity = self.requires_identity

        supports_field_sync_mode: bool | None | Unset
        if isinstance(self.supports_field_sync_mode, Unset):
            supports_field_sync_mode = UNSET
        else:
            supports_field_sync_mode = self.supports_field_sync_mode

        supports_target_filters: bool | None | Unset
        if isinstance(self.supports_target_filters, Unset):
            supports_target_filters = UNSET
        else:
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
        with errors.at("mode"):

            def _parse_mode(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    mode_type_0 = errors.as_str(data)

                    return mode_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            mode = _parse_mode(d.pop("mode", UNSET))

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

        with errors.at("description"):

            def _parse_description(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    description_type_0 = errors.as_str(data)

                    return description_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            description = _parse_description(d.pop("description", UNSET))

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

        with errors.at("supports_field_sync_mode"):

            def _parse_supports_field_sync_mode(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    supports_field_sync_mode_type_0 = errors.as_bool(data)

                    return supports_field_sync_mode_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            supports_field_sync_mode = _parse_supports_field_sync_mode(
                d.pop("supports_field_sync_mode", UNSET)
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
            mode=mode,
            label=label,
            description=description,
            requires_identity=requires_identity,
            supports_field_sync_mode=supports_field_sync_mode,
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
