"""The spec's examples, rebuilt through the generated models: the DOCS_EXAMPLE connection answers with them."""

from __future__ import annotations

from datetime import UTC, datetime

from polytomic_sync_client.models import (
    IdentityFunction,
    KnownFilterFunction,
    Mode,
    PickValue,
    SupportedFilterFunction,
    SyncDestinationProperties,
    TargetField,
    TargetResponse,
)

from .catalog import CREATE, UPSERT, Target

TARGET = Target("crm_contact", "Contact", (CREATE, UPSERT), "standard")
ACCOUNT_VALUES = (
    ("1234567::urn:li:organization:987654", "Polytomic Inc. (1234567)"),
    ("urn:li:account:na_sales_001", "North America Sales"),
)


def target_response() -> TargetResponse:
    """The Get Sync Target Fields example, key for key."""
    email = TargetField(
        id="email",
        name="Email",
        description="Primary email address.",
        type_="string",
        source_type="varchar(255)",
        required=False,
        createable=True,
        updateable=True,
        filterable=True,
        filter_functions=[
            SupportedFilterFunction(id=KnownFilterFunction.EQUALITY, label="Equals", multi_value=False,
                                    requires_value=True),
            SupportedFilterFunction(id=KnownFilterFunction.ISNOTNULL, label="Is not null", multi_value=False,
                                    requires_value=False),
        ],
        supports_identity=True,
        identity_functions=[IdentityFunction(id="Equality", label="Exact match"),
                            IdentityFunction(id="Hashed", label="Hashed Match")],
        encryptable=False,
        association=False,
        multiple_associations=False,
    )  # fmt: skip
    stage = TargetField(
        id="lifecycle_stage",
        name="Lifecycle stage",
        type_="string",
        source_type="enumeration",
        createable=True,
        updateable=True,
        filterable=True,
        supports_identity=False,
        identity_functions=None,
        values=[PickValue(value="lead", label="Lead"), PickValue(value="customer", label="Customer")],
    )
    upsert = Mode(
        mode="updateOrCreate",
        label="Update or create",
        description="Update matching records and create the rest.",
        requires_identity=True,
        supports_field_sync_mode=True,
        supports_target_filters=True,
    )
    return TargetResponse(
        id=TARGET.id,
        name=TARGET.name,
        refreshed_at=datetime(2025, 9, 18, 12, 0, tzinfo=UTC),
        fields=[email, stage],
        modes=[upsert],
        properties=SyncDestinationProperties(supports_target_filters=True, supports_field_creation=False,
                                             supports_multiple_identities=False),
    )  # fmt: skip
