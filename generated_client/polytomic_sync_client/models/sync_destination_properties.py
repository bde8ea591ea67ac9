from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..types import UNSET, Unset

T = TypeVar("T", bound="SyncDestinationProperties")


@_attrs_define
class SyncDestinationProperties:
    """Destination capability flags.

    Attributes:
        does_not_report_operation_counts (bool | None | Unset):
        mappings_not_required (bool | None | Unset):
        new_target_label (None | str | Unset): Prompt label for a new target's name (e.g. "Audience name", "Table
            name").
        optional_target_mappings (bool | None | Unset):
        primary_metadata_object (None | str | Unset):
        requires_configuration (bool | None | Unset):
        supports_field_creation (bool | None | Unset):
        supports_field_encryption (bool | None | Unset):
        supports_field_type_selection (bool | None | Unset):
        supports_filter_value_fields (bool | None | Unset):
        supports_identity_field_creation (bool | None | Unset):
        supports_multiple_identities (bool | None | Unset):
        supports_target_filters (bool | None | Unset):
        target_creator (bool | None | Unset):
        use_field_names_as_labels (bool | None | Unset):
    """

    does_not_report_operation_counts: bool | None | Unset = UNSET
    mappings_not_required: bool | None | Unset = UNSET
    new_target_label: None | str | Unset = UNSET
    optional_target_mappings: bool | None | Unset = UNSET
    primary_metadata_object: None | str | Unset = UNSET
    requires_configuration: bool | None | Unset = UNSET
    supports_field_creation: bool | None | Unset = UNSET
    supports_field_encryption: bool | None | Unset = UNSET
    supports_field_type_selection: bool | None | Unset = UNSET
    supports_filter_value_fields: bool | None | Unset = UNSET
    supports_identity_field_creation: bool | None | Unset = UNSET
    supports_multiple_identities: bool | None | Unset = UNSET
    supports_target_filters: bool | None | Unset = UNSET
    target_creator: bool | None | Unset = UNSET
    use_field_names_as_labels: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        does_not_report_operation_counts: bool | None | Unset
        if isinstance(self.does_not_report_operation_counts, Unset):
            does_not_report_operation_counts = UNSET
        else:
            does_not_report_operation_counts = self.does_not_report_operation_counts

        mappings_not_required: bool | None | Unset
        if isinstance(self.mappings_not_required, Unset):
            mappings_not_required = UNSET
        else:
            mappings_not_required = self.mappings_not_required

        new_target_label: None | str | Unset
        if isinstance(self.new_target_label, Unset):
            new_target_label = UNSET
        else:
            new_target_label = self.new_target_label

        optional_target_mappings: bool | None | Unset
        if isinstance(self.optional_target_mappings, Unset):
            optional_target_mappings = UNSET
        else:
            optional_target_mappings = self.optional_target_mappings

        primary_metadata_object: None | str | Unset
        if isinstance(self.primary_metadata_object, Unset):
            primary_metadata_object = UNSET
        else:
            primary_metadata_object = self.primary_metadata_object

        requires_configuration: bool | None | Unset
        if isinstance(self.requires_configuration, Unset):
            requires_configuration = UNSET
        else:
            requires_configuration = self.requires_configuration

        supports_field_creation: bool | None | Unset
        if isinstance(self.supports_field_creation, Unset):
            supports_field_creation = UNSET
        else:
            supports_field_creation = self.supports_field_creation

        supports_field_encryption: bool | None | Unset
        if isinstance(self.supports_field_encryption, Unset):
            supports_field_encryption = UNSET
        else:
            supports_field_encryption = self.supports_field_encryption

        supports_field_type_selection: bool | None | Unset
        if isinstance(self.supports_field_type_selection, Unset):
            supports_field_type_selection = UNSET
        else:
            supports_field_type_selection = self.supports_field_type_selection

        supports_filter_value_fields: bool | None | Unset
        if isinstance(self.supports_filter_value_fields, Unset):
            supports_filter_value_fields = UNSET
        else:
            supports_filter_value_fields = self.supports_filter_value_fields

        supports_identity_field_creation: bool | None | Unset
        if isinstance(self.supports_identity_field_creation, Unset):
            supports_identity_field_creation = UNSET
        else:
            supports_identity_field_creation = self.supports_identity_field_creation

        supports_multiple_identities: bool | None | Unset
        if isinstance(self.supports_multiple_identities, Unset):
            supports_multiple_identities = UNSET
        else:
            supports_multiple_identities = self.supports_multiple_identities

        supports_target_filters: bool | None | Unset
        if isinstance(self.supports_target_filters, Unset):
            supports_target_filters = UNSET
        else:
            supports_target_filters = self.supports_target_filters

        target_creator: bool | None | Unset
        if isinstance(self.target_creator, Unset):
            target_creator = UNSET
        else:
            target_creator = self.target_creator

        use_field_names_as_labels: bool | None | Unset
        if isinstance(self.use_field_names_as_labels, Unset):
            use_field_names_as_labels = UNSET
        else:
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
        with errors.at("does_not_report_operation_counts"):

            def _parse_does_not_report_operation_counts(
                data: object,
            ) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    does_not_report_operation_counts_type_0 = errors.as_bool(data)

                    return does_not_report_operation_counts_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            does_not_report_operation_counts = _parse_does_not_report_operation_counts(
                d.pop("does_not_report_operation_counts", UNSET)
            )

        with errors.at("mappings_not_required"):

            def _parse_mappings_not_required(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    mappings_not_required_type_0 = errors.as_bool(data)

                    return mappings_not_required_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            mappings_not_required = _parse_mappings_not_required(
                d.pop("mappings_not_required", UNSET)
            )

        with errors.at("new_target_label"):

            def _parse_new_target_label(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    new_target_label_type_0 = errors.as_str(data)

                    return new_target_label_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            new_target_label = _parse_new_target_label(d.pop("new_target_label", UNSET))

        with errors.at("optional_target_mappings"):

            def _parse_optional_target_mappings(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    optional_target_mappings_type_0 = errors.as_bool(data)

                    return optional_target_mappings_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            optional_target_mappings = _parse_optional_target_mappings(
                d.pop("optional_target_mappings", UNSET)
            )

        with errors.at("primary_metadata_object"):

            def _parse_primary_metadata_object(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    primary_metadata_object_type_0 = errors.as_str(data)

                    return primary_metadata_object_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            primary_metadata_object = _parse_primary_metadata_object(
                d.pop("primary_metadata_object", UNSET)
            )

        with errors.at("requires_configuration"):

            def _parse_requires_configuration(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    requires_configuration_type_0 = errors.as_bool(data)

                    return requires_configuration_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            requires_configuration = _parse_requires_configuration(
                d.pop("requires_configuration", UNSET)
            )

        with errors.at("supports_field_creation"):

            def _parse_supports_field_creation(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    supports_field_creation_type_0 = errors.as_bool(data)

                    return supports_field_creation_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            supports_field_creation = _parse_supports_field_creation(
                d.pop("supports_field_creation", UNSET)
            )

        with errors.at("supports_field_encryption"):

            def _parse_supports_field_encryption(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    supports_field_encryption_type_0 = errors.as_bool(data)

                    return supports_field_encryption_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            supports_field_encryption = _parse_supports_field_encryption(
                d.pop("supports_field_encryption", UNSET)
            )

        with errors.at("supports_field_type_selection"):

            def _parse_supports_field_type_selection(
                data: object,
            ) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    supports_field_type_selection_type_0 = errors.as_bool(data)

                    return supports_field_type_selection_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            supports_field_type_selection = _parse_supports_field_type_selection(
                d.pop("supports_field_type_selection", UNSET)
            )

        with errors.at("supports_filter_value_fields"):

            def _parse_supports_filter_value_fields(
                data: object,
            ) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    supports_filter_value_fields_type_0 = errors.as_bool(data)

                    return supports_filter_value_fields_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            supports_filter_value_fields = _parse_supports_filter_value_fields(
                d.pop("supports_filter_value_fields", UNSET)
            )

        with errors.at("supports_identity_field_creation"):

            def _parse_supports_identity_field_creation(
                data: object,
            ) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    supports_identity_field_creation_type_0 = errors.as_bool(data)

                    return supports_identity_field_creation_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            supports_identity_field_creation = _parse_supports_identity_field_creation(
                d.pop("supports_identity_field_creation", UNSET)
            )

        with errors.at("supports_multiple_identities"):

            def _parse_supports_multiple_identities(
                data: object,
            ) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    supports_multiple_identities_type_0 = errors.as_bool(data)

                    return supports_multiple_identities_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            supports_multiple_identities = _parse_supports_multiple_identities(
                d.pop("supports_multiple_identities", UNSET)
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

        with errors.at("target_creator"):

            def _parse_target_creator(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    target_creator_type_0 = errors.as_bool(data)

                    return target_creator_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            target_creator = _parse_target_creator(d.pop("target_creator", UNSET))

        with errors.at("use_field_names_as_labels"):

            def _parse_use_field_names_as_labels(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    use_field_names_as_labels_type_0 = errors.as_bool(data)

                    return use_field_names_as_labels_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            use_field_names_as_labels = _parse_use_field_names_as_labels(
                d.pop("use_field_names_as_labels", UNSET)
            )

        _instance = cls(
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
