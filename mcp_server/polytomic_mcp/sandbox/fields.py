"""Get Sync Target Fields answers: fields generated per target (deterministic from its id), modes and flags."""

from __future__ import annotations

import dataclasses
import functools
import random
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from polytomic_sync_client.models import Mode, SyncDestinationProperties, TargetField, TargetResponse
from polytomic_sync_client.types import UNSET

from . import crm_fields as crm
from . import docs_example
from .catalog import AUDIENCE_MODES, DB_MODES, DB_REPLACE, SupportedModeSpec, Target
from .dataset import WAREHOUSE, Connection
from .fieldkit import EXACT, HASHED, Spec, build, pick

ZERO_TIME = datetime(1, 1, 1, tzinfo=UTC)
REFRESHED_BEFORE = datetime(2025, 9, 18, 6, 0, tzinfo=UTC)

MODE_TEXT = {
    "create": ("Create", "Create new records; never update existing ones."),
    "update": ("Update", "Update existing records that match the identity; never create new ones."),
    "updateOrCreate": ("Update or create", "Update matching records and create the rest."),
    "replace": ("Replace", "Replace the target's contents with the model's records on every run."),
    "append": ("Append", "Insert every record of the model, keeping existing ones."),
    "remove": ("Remove", "Delete the records that match the model."),
    "snapshot": ("Snapshot", "Write a dated copy of the model on every run."),
}
AUDIENCE_TEXT = {
    "append": ("Add members", "Add the model's records to the audience."),
    "remove": ("Remove members", "Remove the model's records from the audience."),
    "replace": ("Mirror", "Add new members and remove those no longer in the model."),
}
HUBSPOT_GROUPS = {"contacts": "contactinformation", "companies": "companyinformation", "deals": "dealinformation",
                  "tickets": "ticketinformation"}  # fmt: skip
# Audience member fields: id, name, kind, identity functions ("" none, "=" exact, "#" exact or pre-hashed).
AD_FIELDS = {
    "linkedin": (("email", "Email", "email", "#"), ("first_name", "First name", "string", ""),
                 ("last_name", "Last name", "string", ""), ("title", "Job title", "string", ""),
                 ("company", "Company name", "string", ""), ("country", "Country", "string", ""),
                 ("google_aid", "Google advertising ID", "string", "=")),
    "facebook": (("email", "Email", "email", "#"), ("phone", "Phone number", "phone", "#"),
                 ("madid", "Mobile advertiser ID", "string", "="), ("extern_id", "External ID", "string", "="),
                 ("fn", "First name", "string", ""), ("ln", "Last name", "string", ""), ("ct", "City", "string", ""),
                 ("st", "State", "string", ""), ("zip", "ZIP code", "string", ""), ("country", "Country", "string", ""),
                 ("dob", "Date of birth", "string", ""), ("gen", "Gender", "picklist", ""),
                 ("value", "Customer value", "number", "")),
}  # fmt: skip


def modes(specs: tuple[SupportedModeSpec, ...], kind: str) -> list[Mode]:
    texts = AUDIENCE_TEXT if kind in ("linkedin", "facebook", "docs") else MODE_TEXT
    return [
        Mode(mode=m.id, label=texts[m.id][0], description=texts[m.id][1], requires_identity=m.requires_identity,
             supports_field_sync_mode=m.per_field, supports_target_filters=m.target_filters)
        for m in specs
    ]  # fmt: skip


def destination_properties(conn: Connection, target_id: str, *, new: bool = False) -> SyncDestinationProperties:
    crm_like = conn.kind in ("salesforce", "hubspot", "crm")
    ads = conn.kind in ("linkedin", "facebook", "docs")
    return SyncDestinationProperties(
        does_not_report_operation_counts=ads,
        mappings_not_required=ads,
        new_target_label="Audience name" if ads else "Table name" if conn.kind == "warehouse" else UNSET,
        optional_target_mappings=False,
        primary_metadata_object=HUBSPOT_GROUPS.get(target_id, f"{target_id}_information")
        if conn.kind == "hubspot"
        else UNSET,
        requires_configuration=False,
        supports_field_creation=conn.kind in ("hubspot", "warehouse"),
        supports_field_encryption=conn.kind == "warehouse",
        supports_field_type_selection=conn.kind in ("hubspot", "warehouse"),
        supports_filter_value_fields=conn.kind == "salesforce",
        supports_identity_field_creation=conn.kind == "warehouse",
        supports_multiple_identities=conn.kind == "facebook",
        supports_target_filters=crm_like,
        target_creator=new,
        use_field_names_as_labels=conn.kind == "warehouse",
    )


def _rng(conn: Connection, target_id: str) -> random.Random:
    return random.Random(f"sandbox/{conn.id}/{target_id}")


def _salesforce(target: Target, rng: random.Random) -> list[Spec]:
    if target.group == "platform_event":
        specs = crm.custom(rng, rng.randint(4, 15), "sf", set())
        return [dataclasses.replace(s, identity=(), createable=True, updateable=False) for s in specs]
    curated = crm.SF_CURATED.get(target.id, f"Name string{'!' if rng.random() < 0.8 else ''}")
    specs = crm.parse(crm.SF_SYSTEM, "sf") + crm.parse(curated, "sf")
    if target.id in ("Contact", "Account", "Lead"):
        specs += crm.country_and_state("Mailing" if target.id == "Contact" else "Billing")
    if target.group == "custom" and rng.random() < 0.5:  # master-detail to a standard parent
        specs.append(Spec("Account__c", "Account", "reference", "reference", required=True))
    size = crm.SF_SIZES.get(target.id) or rng.randint(15, 80 if target.group == "standard" else 70)
    return specs + crm.custom(rng, max(size - len(specs), 3), "sf", {s.id for s in specs})


def _hubspot(target: Target, rng: random.Random) -> list[Spec]:
    curated = crm.HS_CURATED.get(target.id, "name string")
    specs = crm.parse(crm.HS_SYSTEM, "hs") + crm.parse(curated, "hs")
    for other in ("companies", "deals", "contacts"):
        if target.id in ("contacts", "companies", "deals", "tickets") and other != target.id:
            specs.append(Spec(f"associations.{other}", f"Associated {other}", "reference", "association",
                              multiple_associations=True))  # fmt: skip
    size = {"contacts": 230, "companies": 160, "deals": 120}.get(target.id) or rng.randint(25, 90)
    return specs + crm.custom(rng, max(size - len(specs), 3), "hs", {s.id for s in specs})


def _warehouse(target: Target, rng: random.Random) -> list[Spec]:
    specs = [Spec("id", "id", "id", "bigint", identity=(EXACT,))]
    specs += crm.custom(rng, rng.randint(4, 50), "db", {"id"})
    specs += crm.parse("created_at datetime\nupdated_at datetime\n_polytomic_synced_at datetime", "db")
    return [Spec(s.id, s.id, s.kind, s.source_type, identity=s.identity, description=s.description) for s in specs]


def _ads(kind: str) -> list[Spec]:
    identities = {"": (), "=": (EXACT,), "#": (EXACT, HASHED)}
    gender = (pick("m", "Male"), pick("f", "Female"))
    return [
        Spec(fid, name, kind_, fid.upper(), updateable=False, identity=identities[ident],
             values=gender if fid == "gen" else ())
        for fid, name, kind_, ident in AD_FIELDS[kind]
    ]  # fmt: skip


@functools.lru_cache(maxsize=512)
def target_fields(conn: Connection, target: Target) -> tuple[TargetField, ...]:
    """Every field of an existing target; the same on every call and every run."""
    rng = _rng(conn, target.id)
    kind = conn.kind
    if kind in ("salesforce", "crm"):
        specs = _salesforce(target, rng)
    elif kind == "hubspot":
        specs = _hubspot(target, rng)
    elif kind == "warehouse":
        specs = _warehouse(target, rng)
    else:
        specs = _ads("facebook" if kind == "facebook" else "linkedin")
    filterable = kind in ("salesforce", "hubspot", "crm")
    return tuple(build(s, filterable=filterable, encryptable=kind == "warehouse") for s in specs)


def target_response(conn: Connection, target: Target, *, refresh: bool) -> TargetResponse:
    if conn.kind == "docs":
        return docs_example.target_response()
    minutes = _rng(conn, target.id).randint(5, 60 * 24 * 20)
    refreshed = datetime.now(UTC).replace(microsecond=0) if refresh else REFRESHED_BEFORE - timedelta(minutes=minutes)
    return TargetResponse(
        id=target.id,
        name=target.name,
        fields=list(target_fields(conn, target)),
        modes=modes(target.modes, conn.kind),
        properties=destination_properties(conn, target.id),
        refreshed_at=refreshed,
    )


def new_target_response(conn: Connection, values: Mapping[str, str]) -> TargetResponse:
    """A target that does not exist yet: ads have fixed audience fields, a new table has none."""
    specs: list[Spec] = []
    mode_specs: tuple[SupportedModeSpec, ...] = AUDIENCE_MODES
    if conn.id == WAREHOUSE:
        name, target_id, mode_specs = values["table"], f"{values['schema']}.{values['table']}", (*DB_MODES, DB_REPLACE)
    else:
        name, target_id = values.get("name", "New audience"), "new-audience"
        specs = _ads("facebook" if conn.kind == "facebook" else "linkedin")
    return TargetResponse(
        id=target_id,
        name=name,
        fields=[build(s, filterable=False) for s in specs],
        modes=modes(mode_specs, conn.kind),
        properties=destination_properties(conn, target_id, new=True),
        refreshed_at=ZERO_TIME,
    )
