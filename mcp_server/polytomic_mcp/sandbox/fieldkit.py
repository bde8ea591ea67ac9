"""Building blocks for target fields: field types with their filter functions, picklists, identity functions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from polytomic_sync_client.models import (
    IdentityFunction,
    KnownFilterFunction,
    PickValue,
    PickValueDependsOn,
    SupportedFilterFunction,
    TargetField,
)
from polytomic_sync_client.types import UNSET

F = KnownFilterFunction


def pick(value: str, label: str | None = None, depends_on: dict[str, str] | None = None) -> PickValue:
    option = PickValue(value=value, label=label or value)
    if depends_on:
        option.depends_on = PickValueDependsOn()
        option.depends_on.additional_properties = dict(depends_on)
    return option


def _ff(fid: F, label: str, *, multi: bool = False, needs_value: bool = True) -> SupportedFilterFunction:
    return SupportedFilterFunction(id=fid, label=label, multi_value=multi, requires_value=needs_value)


IS_NULL = (_ff(F.ISNULL, "Is null", needs_value=False), _ff(F.ISNOTNULL, "Is not null", needs_value=False))
RELATIVE = [pick("1d", "1 day"), pick("7d", "7 days"), pick("30d", "30 days"), pick("90d", "90 days"),
            pick("365d", "1 year")]  # fmt: skip
FILTERS: dict[str, tuple[SupportedFilterFunction, ...]] = {
    "string": (
        _ff(F.EQUALITY, "Equals"), _ff(F.INEQUALITY, "Does not equal"), _ff(F.STRINGCONTAINS, "Contains"),
        _ff(F.STRINGDOESNOTCONTAIN, "Does not contain"), _ff(F.STRINGSTARTSWITH, "Starts with"),
        _ff(F.STRINGENDSWITH, "Ends with"), _ff(F.STRINGONEOF, "Is one of", multi=True),
        _ff(F.STRINGNOTONEOF, "Is not one of", multi=True), *IS_NULL,
    ),
    "number": (
        _ff(F.EQUALITY, "Equals"), _ff(F.INEQUALITY, "Does not equal"), _ff(F.GREATERTHAN, "Greater than"),
        _ff(F.GREATERTHANEQUAL, "Greater than or equal to"), _ff(F.LESSTHAN, "Less than"),
        _ff(F.LESSTHANEQUAL, "Less than or equal to"), _ff(F.BETWEEN, "Between", multi=True), *IS_NULL,
    ),
    "boolean": (_ff(F.TRUE, "Is true", needs_value=False), _ff(F.FALSE, "Is false", needs_value=False), *IS_NULL),
    "datetime": (
        _ff(F.ONORAFTER, "On or after"), _ff(F.ONORBEFORE, "On or before"), _ff(F.BETWEEN, "Between", multi=True),
        SupportedFilterFunction(id=F.INTHELAST, label="In the last", multi_value=False, requires_value=True,
                                values=RELATIVE),
        _ff(F.RELATIVEONORAFTER, "Relative on or after"), _ff(F.RELATIVEONORBEFORE, "Relative on or before"),
        *IS_NULL,
    ),
    "reference": (_ff(F.EQUALITY, "Equals"), _ff(F.INEQUALITY, "Does not equal"),
                  _ff(F.STRINGONEOF, "Is one of", multi=True), *IS_NULL),
}  # fmt: skip
FILTERS["integer"] = FILTERS["currency"] = FILTERS["percent"] = FILTERS["number"]
FILTERS["date"] = FILTERS["datetime"]
FILTERS["email"] = FILTERS["phone"] = FILTERS["url"] = FILTERS["string"]
FILTERS["id"] = FILTERS["reference"]


def picklist_filters(values: Sequence[PickValue], multiple: bool) -> list[SupportedFilterFunction]:
    """Comparisons on a picklist; the set-membership ones carry the options (none stored: any value)."""
    options = list(values) if values else UNSET
    if multiple:
        return [
            SupportedFilterFunction(id=F.ARRAYCONTAINS, label="Contains", multi_value=False, requires_value=True,
                                    values=options),
            SupportedFilterFunction(id=F.ARRAYDOESNOTCONTAIN, label="Does not contain", multi_value=False,
                                    requires_value=True, values=options),
            *IS_NULL,
        ]  # fmt: skip
    return [
        _ff(F.EQUALITY, "Equals"),
        SupportedFilterFunction(id=F.STRINGONEOF, label="Is one of", multi_value=True, requires_value=True,
                                values=options),
        SupportedFilterFunction(id=F.STRINGNOTONEOF, label="Is not one of", multi_value=True, requires_value=True,
                                values=options),
        *IS_NULL,
    ]  # fmt: skip


EXACT = IdentityFunction(id="Equality", label="Exact match")
HASHED = IdentityFunction(id="Hashed", label="Hashed Match")

# Polytomic's normalised type for each field kind.
NORMALISED = {
    "id": "string", "string": "string", "email": "string", "phone": "string", "url": "string", "textarea": "string",
    "reference": "string", "picklist": "string", "multipicklist": "array", "number": "number", "currency": "number",
    "percent": "number", "integer": "integer", "boolean": "boolean", "date": "date", "datetime": "datetime",
    "json": "object",
}  # fmt: skip


@dataclass(frozen=True)
class Spec:
    """One field to build; `kind` is a key of NORMALISED."""

    id: str
    name: str
    kind: str
    source_type: str
    required: bool = False
    createable: bool = True
    updateable: bool = True
    identity: tuple[IdentityFunction, ...] = ()
    values: tuple[PickValue, ...] = ()
    description: str | None = None
    multiple_associations: bool = False


def build(spec: Spec, *, filterable: bool, encryptable: bool = False) -> TargetField:
    """A TargetField from a Spec; filter functions follow the kind (picklists filter on their values)."""
    kind = spec.kind
    can_filter = filterable and kind not in ("textarea", "json")
    functions: list[SupportedFilterFunction] | None = None
    if can_filter:
        is_list = kind in ("picklist", "multipicklist")
        functions = picklist_filters(spec.values, kind == "multipicklist") if is_list else list(FILTERS[kind])
    return TargetField(
        id=spec.id,
        name=spec.name,
        description=spec.description if spec.description else UNSET,
        type_=NORMALISED[kind],
        source_type=spec.source_type,
        required=spec.required,
        createable=spec.createable,
        updateable=spec.updateable,
        filterable=can_filter,
        filter_functions=functions if functions is not None else UNSET,
        supports_identity=bool(spec.identity),
        identity_functions=list(spec.identity) if spec.identity else None,
        encryptable=encryptable and NORMALISED[kind] == "string" and not spec.identity,
        association=kind == "reference",
        multiple_associations=spec.multiple_associations,
        values=list(spec.values) if spec.values else UNSET,
    )


def label_of(identifier: str) -> str:
    """`MailingPostalCode` -> `Mailing Postal Code`, `AccountId` -> `Account ID`, `lead_score` -> `Lead score`."""
    if identifier.islower():
        text = identifier.replace("_", " ")
        return text[:1].upper() + text[1:]
    text = re.sub(r"__c$", "", identifier).replace("_", " ")
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)
    return re.sub(r"\bId$", "ID", text).strip()
