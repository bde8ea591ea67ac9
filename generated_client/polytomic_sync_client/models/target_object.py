from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.supported_mode import SupportedMode


T = TypeVar("T", bound="TargetObject")


@_attrs_define
class TargetObject:
    """
    Attributes:
        id (None | str | Unset): Target object id: pass it as `target` to Get Sync Target Fields and as `target.object`
            when
            creating a sync (e.g. `crm_contact`, `schema.table`, `Users`).
        name (None | str | Unset): Display name.
        modes (list[SupportedMode] | None | Unset): Sync modes this object supports.
    """

    id: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    modes: list[SupportedMode] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        modes: list[dict[str, Any]] | None | Unset
        if isinstance(self.modes, Unset):
            modes = UNSET
        elif isinstance(self.modes, list):
            modes = []
            for modes_type_0_item_data in self.modes:
                modes_type_0_item = modes_type_0_item_data.to_dict()
                modes.append(modes_type_0_item)

        else:
            modes = self.modes

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

        with errors.at("name"):

            def _parse_name(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    name_type_0 = errors.as_str(data)

                    return name_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            name = _parse_name(d.pop("name", UNSET))

        with errors.at("modes"):

            def _parse_modes(data: object) -> list[SupportedMode] | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, list):
                    modes_type_0 = []
                    for modes_type_0_item_index, modes_type_0_item_data in enumerate(
                        errors.as_list(data)
                    ):
                        with errors.at(modes_type_0_item_index):
                            modes_type_0_item = SupportedMode.from_dict(
                                errors.as_object(modes_type_0_item_data)
                            )

                        modes_type_0.append(modes_type_0_item)

                    return modes_type_0
                raise errors.UnexpectedPayload.of("array or null", data)

            modes = _parse_modes(d.pop("modes", UNSET))

        _instance = cls(
            id=id,
            name=name,
            modes=modes,
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
