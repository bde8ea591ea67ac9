from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pick_value_depends_on import PickValueDependsOn


T = TypeVar("T", bound="PickValue")


@_attrs_define
class PickValue:
    """
    Attributes:
        value (None | str | Unset):
        label (None | str | Unset):
        depends_on (None | PickValueDependsOn | Unset): Field ids and values that must all match for this option to
            apply.
    """

    value: None | str | Unset = UNSET
    label: None | str | Unset = UNSET
    depends_on: None | PickValueDependsOn | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.pick_value_depends_on import PickValueDependsOn

        value: None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        label: None | str | Unset
        if isinstance(self.label, Unset):
            label = UNSET
        else:
            label = self.label

        depends_on: dict[str, Any] | None | Unset
        if isinstance(self.depends_on, Unset):
            depends_on = UNSET
        elif isinstance(self.depends_on, PickValueDependsOn):
            depends_on = self.depends_on.to_dict()
        else:
            depends_on = self.depends_on

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
        with errors.at("value"):

            def _parse_value(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    value_type_0 = errors.as_str(data)

                    return value_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            value = _parse_value(d.pop("value", UNSET))

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

        with errors.at("depends_on"):

            def _parse_depends_on(data: object) -> None | PickValueDependsOn | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, dict):
                    depends_on_type_0 = PickValueDependsOn.from_dict(
                        errors.as_object(data)
                    )

                    return depends_on_type_0
                raise errors.UnexpectedPayload.of("object or null", data)

            depends_on = _parse_depends_on(d.pop("depends_on", UNSET))

        _instance = cls(
            value=value,
            label=label,
            depends_on=depends_on,
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
