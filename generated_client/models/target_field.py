from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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
        id (str | Unset): Field id to use in field mappings.
        name (str | Unset):
        description (str | Unset):
        type_ (str | Unset): Polytomic's normalised type (e.g. `string`).
        source_type (str | Unset): The destination's native type (e.g. `varchar(255)`).
        required (bool | Unset): Records are accepted only with a value mapped to this field.
        createable (bool | Unset):
        updateable (bool | Unset):
        filterable (bool | Unset):
        filter_functions (list[SupportedFilterFunction] | Unset): Comparisons accepted in target filters; empty means
            any.
        supports_identity (bool | Unset): The field can be the sync's identity (match key).
        identity_functions (list[IdentityFunction] | None | Unset):
        encryptable (bool | Unset):
        association (bool | Unset): The field references another object.
        multiple_associations (bool | Unset):
        values (list[PickValue] | Unset): Picklist options, when stored.
    """

    id: str | Unset = UNSET
    name: str | Unset = UNSET
    description: str | Unset = UNSET
    type_: str | Unset = UNSET
    source_type: str | Unset = UNSET
    required: bool | Unset = UNSET
    createable: bool | Unset = UNSET
    updateable: bool | Unset = UNSET
    filterable: bool | Unset = UNSET
    filter_functions: list[SupportedFilterFunction] | Unset = UNSET
    supports_identity: bool | Unset = UNSET
    identity_functions: list[IdentityFunction] | None | Unset = UNSET
    encryptable: bool | Unset = UNSET
    association: bool | Unset = UNSET
    multiple_associations: bool | Unset = UNSET
    values: list[PickValue] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        description = self.description

        type_ = self.type_

        source_type = self.source_type

        required = self.required

        createable = self.createable

        updateable = self.updateable

        filterable = self.filterable

        filter_functions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.filter_functions, Unset):
            filter_functions = []
            for filter_functions_item_data in self.filter_functions:
                filter_functions_item = filter_functions_item_data.to_dict()
                filter_functions.append(filter_functions_item)

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

        encryptable = self.encryptable

        association = self.association

        multiple_associations = self.multiple_associations

        values: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.values, Unset):
            values = []
            for values_item_data in self.values:
                values_item = values_item_data.to_dict()
                values.append(values_item)

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
        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        type_ = d.pop("type", UNSET)

        source_type = d.pop("source_type", UNSET)

        required = d.pop("required", UNSET)

        createable = d.pop("createable", UNSET)

        updateable = d.pop("updateable", UNSET)

        filterable = d.pop("filterable", UNSET)

        _filter_functions = d.pop("filter_functions", UNSET)
        filter_functions: list[SupportedFilterFunction] | Unset = UNSET
        if _filter_functions is not UNSET:
            filter_functions = []
            for filter_functions_item_data in _filter_functions:
                filter_functions_item = SupportedFilterFunction.from_dict(
                    filter_functions_item_data
                )

                filter_functions.append(filter_functions_item)

        supports_identity = d.pop("supports_identity", UNSET)

        def _parse_identity_functions(
            data: object,
        ) -> list[IdentityFunction] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                identity_functions_type_0 = []
                _identity_functions_type_0 = data
                for identity_functions_type_0_item_data in _identity_functions_type_0:
                    identity_functions_type_0_item = IdentityFunction.from_dict(
                        identity_functions_type_0_item_data
                    )

                    identity_functions_type_0.append(identity_functions_type_0_item)

                return identity_functions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[IdentityFunction] | None | Unset, data)

        identity_functions = _parse_identity_functions(
            d.pop("identity_functions", UNSET)
        )

        encryptable = d.pop("encryptable", UNSET)

        association = d.pop("association", UNSET)

        multiple_associations = d.pop("multiple_associations", UNSET)

        _values = d.pop("values", UNSET)
        values: list[PickValue] | Unset = UNSET
        if _values is not UNSET:
            values = []
            for values_item_data in _values:
                values_item = PickValue.from_dict(values_item_data)

                values.append(values_item)

        target_field = cls(
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

        target_field.additional_properties = d
        return target_field

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
