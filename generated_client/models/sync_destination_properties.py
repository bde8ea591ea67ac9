from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SyncDestinationProperties")


@_attrs_define
class SyncDestinationProperties:
    """Destination capability flags.

    Attributes:
        does_not_report_operation_counts (bool | Unset):
        mappings_not_required (bool | Unset):
        new_target_label (str | Unset): Prompt label for a new target's name (e.g. "Audience name", "Table name").
        optional_target_mappings (bool | Unset):
        primary_metadata_object (str | Unset):
        requires_configuration (bool | Unset):
        supports_field_creation (bool | Unset):
        supports_field_encryption (bool | Unset):
        supports_field_type_selection (bool | Unset):
        supports_filter_value_fields (bool | Unset):
        supports_identity_field_creation (bool | Unset):
        supports_multiple_identities (bool | Unset):
        supports_target_filters (bool | Unset):
        target_creator (bool | Unset):
        use_field_names_as_labels (bool | Unset):
    """

    does_not_report_operation_counts: bool | Unset = UNSET
    mappings_not_required: bool | Unset = UNSET
    new_target_label: str | Unset = UNSET
    optional_target_mappings: bool | Unset = UNSET
    primary_metadata_object: str | Unset = UNSET
    requires_configuration: bool | Unset = UNSET
    supports_field_creation: bool | Unset = UNSET
    supports_field_encryption: bool | Unset = UNSET
    supports_field_type_selection: bool | Unset = UNSET
    supports_filter_value_fields: bool | Unset = UNSET
    supports_identity_field_creation: bool | Unset = UNSET
    supports_multiple_identities: bool | Unset = UNSET
    supports_target_filters: bool | Unset = UNSET
    target_creator: bool | Unset = UNSET
    use_field_names_as_labels: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        does_not_report_operation_counts = self.does_not_report_operation_counts

        mappings_not_required = self.mappings_not_required

        new_target_label = self.new_target_label

        optional_target_mappings = self.optional_target_mappings

        primary_metadata_object = self.primary_metadata_object

        requires_configuration = self.requires_configuration

        supports_field_creation = self.supports_field_creation

        supports_field_encryption = self.supports_field_encryption

        supports_field_type_selection = self.supports_field_type_selection

        supports_filter_value_fields = self.supports_filter_value_fields

        supports_identity_field_creation = self.supports_identity_field_creation

        supports_multiple_identities = self.supports_multiple_identities

        supports_target_filters = self.supports_target_filters

        target_creator = self.target_creator

        use_field_names_as_labels = self.use_field_names_as_labels

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if does_not_report_operation_counts is not UNSET:
            field_dict["does_not_report_operation_counts"] = (
                does_not_report_operation_counts
            )
        if mappings_not_required is not UNSET:
            field_dict["mappings_not_required"] = mappings_not_required
        if new_target_label is not UNSET:
            field_dict["new_target_label"] = new_target_label
        if optional_target_mappings is not UNSET:
            field_dict["optional_target_mappings"] = optional_target_mappings
        if primary_metadata_object is not UNSET:
            field_dict["primary_metadata_object"] = primary_metadata_object
        if requires_configuration is not UNSET:
            field_dict["requires_configuration"] = requires_configuration
        if supports_field_creation is not UNSET:
            field_dict["supports_field_creation"] = supports_field_creation
        if supports_field_encryption is not UNSET:
            field_dict["supports_field_encryption"] = supports_field_encryption
        if supports_field_type_selection is not UNSET:
            field_dict["supports_field_type_selection"] = supports_field_type_selection
        if supports_filter_value_fields is not UNSET:
            field_dict["supports_filter_value_fields"] = supports_filter_value_fields
        if supports_identity_field_creation is not UNSET:
            field_dict["supports_identity_field_creation"] = (
                supports_identity_field_creation
            )
        if supports_multiple_identities is not UNSET:
            field_dict["supports_multiple_identities"] = supports_multiple_identities
        if supports_target_filters is not UNSET:
            field_dict["supports_target_filters"] = supports_target_filters
        if target_creator is not UNSET:
            field_dict["target_creator"] = target_creator
        if use_field_names_as_labels is not UNSET:
            field_dict["use_field_names_as_labels"] = use_field_names_as_labels

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        does_not_report_operation_counts = d.pop(
            "does_not_report_operation_counts", UNSET
        )

        mappings_not_required = d.pop("mappings_not_required", UNSET)

        new_target_label = d.pop("new_target_label", UNSET)

        optional_target_mappings = d.pop("optional_target_mappings", UNSET)

        primary_metadata_object = d.pop("primary_metadata_object", UNSET)

        requires_configuration = d.pop("requires_configuration", UNSET)

        supports_field_creation = d.pop("supports_field_creation", UNSET)

        supports_field_encryption = d.pop("supports_field_encryption", UNSET)

        supports_field_type_selection = d.pop("supports_field_type_selection", UNSET)

        supports_filter_value_fields = d.pop("supports_filter_value_fields", UNSET)

        supports_identity_field_creation = d.pop(
            "supports_identity_field_creation", UNSET
        )

        supports_multiple_identities = d.pop("supports_multiple_identities", UNSET)

        supports_target_filters = d.pop("supports_target_filters", UNSET)

        target_creator = d.pop("target_creator", UNSET)

        use_field_names_as_labels = d.pop("use_field_names_as_labels", UNSET)

        sync_destination_properties = cls(
            does_not_report_operation_counts=does_not_report_operation_counts,
            mappings_not_required=mappings_not_required,
            new_target_label=new_target_label,
            optional_target_mappings=optional_target_mappings,
            primary_metadata_object=primary_metadata_object,
            requires_configuration=requires_configuration,
            supports_field_creation=supports_field_creation,
            supports_field_encryption=supports_field_encryption,
            supports_field_type_selection=supports_field_type_selection,
            supports_filter_value_fields=supports_filter_value_fields,
            supports_identity_field_creation=supports_identity_field_creation,
            supports_multiple_identities=supports_multiple_identities,
            supports_target_filters=supports_target_filters,
            target_creator=target_creator,
            use_field_names_as_labels=use_field_names_as_labels,
        )

        sync_destination_properties.additional_properties = d
        return sync_destination_properties

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
