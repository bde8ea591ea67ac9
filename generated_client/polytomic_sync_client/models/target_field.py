from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.identity_function import IdentityFunction
    from ..models.pick_value import PickValue
    from ..models.supported_filter_function import SupportedFilterFunction


T = TypeVar("T", bound="TargetField")


@_attrs_define
class TargetField:
    """
    Attributes:
        id (None | str | Unset): Field id to use in field mappings.
        name (None | str | Unset):
        description (None | str | Unset):
        type_ (None | str | Unset): Polytomic's normalised type (e.g. `string`).
        source_type (None | str | Unset): The destination's native type (e.g. `varchar(255)`).
        required (bool | None | Unset): Records are accepted only with a value mapped to this field.
        createable (bool | None | Unset):
        updateable (bool | None | Unset):
        filterable (bool | None | Unset):
        filter_functions (list[SupportedFilterFunction] | None | Unset): Comparisons accepted in target filters; empty
            means any.
        supports_identity (bool | None | Unset): The field can be the sync's identity (match key).
        identity_functions (list[IdentityFunction] | None | Unset):
        encryptable (bool | None | Unset):
        association (bool | None | Unset): The field references another object.
        multiple_associations (bool | None | Unset):
        values (list[PickValue] | None | Unset): Picklist options, when stored.
    """

    id: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    type_: None | str | Unset = UNSET
    source_type: None | str | Unset = UNSET
    required: bool | None | Unset = UNSET
    createable: bool | None | Unset = UNSET
    updateable: bool | None | Unset = UNSET
    filterable: bool | None | Unset = UNSET
    filter_functions: list[SupportedFilterFunction] | None | Unset = UNSET
    supports_identity: bool | None | Unset = UNSET
    identity_functions: list[IdentityFunction] | None | Unset = UNSET
    encryptable: bool | None | Unset = UNSET
    association: bool | None | Unset = UNSET
    multiple_associations: bool | None | Unset = UNSET
    values: list[PickValue] | None | Unset = UNSET
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

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        else:
            type_ = self.type_

        source_type: None | str | Unset
        if isinstance(self.source_type, Unset):
            source_type = UNSET
        else:
            source_type = self.source_type

        required: bool | None | Unset
        if isinstance(self.required, Unset):
            required = UNSET
        else:
            required = self.required

        createable: bool | None | Unset
        if isinstance(self.createable, Unset):
            createable = UNSET
        else:
            createable = self.createable

        updateable: bool | None | Unset
        if isinstance(self.updateable, Unset):
            updateable = UNSET
        else:
            updateable = self.updateable

        filterable: bool | None | Unset
        if isinstance(self.filterable, Unset):
            filterable = UNSET
        else:
            filterable = self.filterable

        filter_functions: list[dict[str, Any]] | None | Unset
        if isinstance(self.filter_functions, Unset):
            filter_functions = UNSET
        elif isinstance(self.filter_functions, list):
            filter_functions = []
            for filter_functions_type_0_item_data in self.filter_functions:
                filter_functions_type_0_item = (
                    filter_functions_type_0_item_data.to_dict()
                )
                filter_functions.append(filter_functions_type_0_item)

        else:
            filter_functions = self.filter_functions

        supports_identity: bool | None | Unset
        if isinstance(self.supports_identity, Unset):
            supports_identity = UNSET
        else:
            supports_identity = self.supports_identity

        identity_functions: list[dict[str, Any]] | None | Unset
        if isinstance(self.identity_functions, Unset):
            identity_functions = UNSET
        elif isinstance(self.identity_functions, list):
            identity_functions = []
            for identity_functions_type_0_item_data in self.identity_functions:
                identity_functions_type_0_item = (
                    identity_functions_type_0_item_data.to_dict()
                )
                identity_functions.append(identity_functions_type_0_item)

        else:
            identity_functions = self.identity_functions

        encryptable: bool | None | Unset
        if isinstance(self.encryptable, Unset):
            encryptable = UNSET
        else:
            encryptable = self.encryptable

        association: bool | None | Unset
        if isinstance(self.association, Unset):
            association = UNSET
        else:
            association = self.association

        multiple_associations: bool | None | Unset
        if isinstance(self.multiple_associations, Unset):
            multiple_associations = UNSET
        else:
            multiple_associations = self.multiple_associations

        values: list[dict[str, Any]] | None | Unset
        if isinstance(self.values, Unset):
            values = UNSET
        elif isinstance(self.values, list):
            values = []
            for values_type_0_item_data in self.values:
                values_type_0_item = values_type_0_item_data.to_dict()
                values.append(values_type_0_item)

        else:
            values = self.values

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if type_ is not UNSET:
            field_dict["type"] = type_
        if source_type is not UNSET:
            field_dict["source_type"] = source_type
        if required is not UNSET:
            field_dict["required"] = required
        if createable is not UNSET:
            field_dict["createable"] = createable
        if updateable is not UNSET:
            field_dict["updateable"] = updateable
        if filterable is not UNSET:
            field_dict["filterable"] = filterable
        if filter_functions is not UNSET:
            field_dict["filter_functions"] = filter_functions
        if supports_identity is not UNSET:
            field_dict["supports_identity"] = supports_identity
        if identity_functions is not UNSET:
            field_dict["identity_functions"] = identity_functions
        if encryptable is not UNSET:
            field_dict["encryptable"] = encryptable
        if association is not UNSET:
            field_dict["association"] = association
        if multiple_associations is not UNSET:
            field_dict["multiple_associations"] = multiple_associations
        if values is not UNSET:
            field_dict["values"] = values

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.identity_function import IdentityFunction
        from ..models.pick_value import PickValue
        from ..models.supported_filter_function import SupportedFilterFunction

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

        with errors.at("type"):

            def _parse_type_(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    type_type_0 = errors.as_str(data)

                    return type_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            type_ = _parse_type_(d.pop("type", UNSET))

        with errors.at("source_type"):

            def _parse_source_type(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    source_type_type_0 = errors.as_str(data)

                    return source_type_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            source_type = _parse_source_type(d.pop("source_type", UNSET))

        with errors.at("required"):

            def _parse_required(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    required_type_0 = errors.as_bool(data)

                    return required_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            required = _parse_required(d.pop("required", UNSET))

        with errors.at("createable"):

            def _parse_createable(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    createable_type_0 = errors.as_bool(data)

                    return createable_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            createable = _parse_createable(d.pop("createable", UNSET))

        with errors.at("updateable"):

            def _parse_updateable(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    updateable_type_0 = errors.as_bool(data)

                    return updateable_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            updateable = _parse_updateable(d.pop("updateable", UNSET))

        with errors.at("filterable"):

            def _parse_filterable(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    filterable_type_0 = errors.as_bool(data)

                    return filterable_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            filterable = _parse_filterable(d.pop("filterable", UNSET))

        with errors.at("filter_functions"):

            def _parse_filter_functions(
                data: object,
            ) -> list[SupportedFilterFunction] | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, list):
                    filter_functions_type_0 = []
                    for (
                        filter_functions_type_0_item_index,
                        filter_functions_type_0_item_data,
                    ) in enumerate(errors.as_list(data)):
                        with errors.at(filter_functions_type_0_item_index):
                            filter_functions_type_0_item = (
                                SupportedFilterFunction.from_dict(
                                    errors.as_object(filter_functions_type_0_item_data)
                                )
                            )

                        filter_functions_type_0.append(filter_functions_type_0_item)

                    return filter_functions_type_0
                raise errors.UnexpectedPayload.of("array or null", data)

            filter_functions = _parse_filter_functions(d.pop("filter_functions", UNSET))

        with errors.at("supports_identity"):

            def _parse_supports_identity(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    supports_identity_type_0 = errors.as_bool(data)

                    return supports_identity_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            supports_identity = _parse_supports_identity(
                d.pop("supports_identity", UNSET)
            )

        with errors.at("identity_functions"):

            def _parse_identity_functions(
                data: object,
            ) -> list[IdentityFunction] | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, list):
                    identity_functions_type_0 = []
                    for (
                        identity_functions_type_0_item_index,
                        identity_functions_type_0_item_data,
                    ) in enumerate(errors.as_list(data)):
                        with errors.at(identity_functions_type_0_item_index):
                            identity_functions_type_0_item = IdentityFunction.from_dict(
                                errors.as_object(identity_functions_type_0_item_data)
                            )

                        identity_functions_type_0.append(identity_functions_type_0_item)

                    return identity_functions_type_0
                raise errors.UnexpectedPayload.of("array or null", data)

            identity_functions = _parse_identity_functions(
                d.pop("identity_functions", UNSET)
            )

        with errors.at("encryptable"):

            def _parse_encryptable(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    encryptable_type_0 = errors.as_bool(data)

                    return encryptable_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            encryptable = _parse_encryptable(d.pop("encryptable", UNSET))

        with errors.at("association"):

            def _parse_association(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    association_type_0 = errors.as_bool(data)

                    return association_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            association = _parse_association(d.pop("association", UNSET))

        with errors.at("multiple_associations"):

            def _parse_multiple_associations(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    multiple_associations_type_0 = errors.as_bool(data)

                    return multiple_associations_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            multiple_associations = _parse_multiple_associations(
                d.pop("multiple_associations", UNSET)
            )

        with errors.at("values"):

            def _parse_values(data: object) -> list[PickValue] | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, list):
                    values_type_0 = []
                    for values_type_0_item_index, values_type_0_item_data in enumerate(
                        errors.as_list(data)
                    ):
                        with errors.at(values_type_0_item_index):
                            values_type_0_item = PickValue.from_dict(
                                errors.as_object(values_type_0_item_data)
                            )

                        values_type_0.append(values_type_0_item)

                    return values_type_0
                raise errors.UnexpectedPayload.of("array or null", data)

            values = _parse_values(d.pop("values", UNSET))

        _instance = cls(
            id=id,
            name=name,
            description=description,
            type_=type_,
            source_type=source_type,
            required=required,
            createable=createable,
            updateable=updateable,
            filterable=filterable,
            filter_functions=filter_functions,
            supports_identity=supports_identity,
            identity_functions=identity_functions,
            encryptable=encryptable,
            association=association,
            multiple_associations=multiple_associations,
            values=values,
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
