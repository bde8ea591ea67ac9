"""The benchmark's one scenario table: each question an agent asks, as the raw API call, the bridge's tool call and
ours. The side-by-side token table, the `tokens` table, the latency and the throughput sections each pick their rows
from it by label.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from polytomic_mcp.sandbox.dataset import FACEBOOK_ADS, LINKEDIN_ADS, SALESFORCE, WAREHOUSE, linkedin_accounts

TASK_MODE = "updateOrCreate"
TARGETS = "/api/connections/{}/modelsync/targetobjects"
VALUES = "/api/connections/{}/modelsync/targetobjects/properties/{}"
FIELDS = "/api/connections/{}/modelsync/target/fields"
AD_ACCOUNT, _LABEL = linkedin_accounts()[2]  # the account a person names: its label without the id
AD_ACCOUNT_NAME = str(_LABEL).rsplit(" (", 1)[0]
NEW_AUDIENCE = {"account": AD_ACCOUNT, "name": "Trial signups"}
TRIAL_AUDIENCE = {"account": linkedin_accounts()[0][0], "name": "Trial"}

ToolCall = tuple[str, dict[str, Any]]


def new_target_fields(connection: str, properties: dict[str, str]) -> str:
    """The raw fields path of a target to be created, its properties as the deepObject `properties[...]` query."""
    return f"{FIELDS.format(connection)}?{urlencode({f'properties[{k}]': v for k, v in properties.items()})}"


@dataclass(frozen=True)
class Step:
    """One more call of a whole task: the raw API's, the bridge's (None: it has no equivalent) and ours."""

    raw: str
    bridge: ToolCall | None
    ours: ToolCall
    all_pages: bool = False


@dataclass(frozen=True)
class Scenario:
    label: str
    raw: str  # the upstream path an agent with the raw API calls
    bridge: ToolCall | None  # the bridge's tool call (None: not measured for the bridge)
    ours: ToolCall
    all_pages: bool = False  # ours follows next_cursor to the end, as an agent needing every item must
    check: Callable[[bytes, list[Any]], str] | None = None  # compares our pages with the raw body
    then: tuple[Step, ...] = ()  # the task's further calls, each counted for every contender


def task_check(raw_body: bytes, pages: list[Any]) -> str:
    """The whole task is answered only if our pages name every updateOrCreate target and its identity flag."""
    expected = {}
    for target in json.loads(raw_body)["data"]:
        for mode in target.get("modes") or []:
            if mode.get("id") == TASK_MODE:
                expected[target["id"]] = bool(mode.get("requires_identity"))
    found = {}
    for page in pages:
        for target in page.get("targets", []):
            if page.get("mode") == TASK_MODE:  # an answer about the mode: read as its output schema says
                own = target.get("capabilities") if isinstance(target, dict) else None
                found[target if isinstance(target, str) else target["id"]] = "identity" in (
                    own if own is not None else page.get("capabilities", [])
                )
                continue
            modes = target.get("modes") or {}
            if TASK_MODE in modes:
                found[target["id"]] = "identity" in (modes[TASK_MODE] or [])
    if found != expected:
        missing = len(set(expected) - set(found))
        return f"INCOMPLETE: {missing} of {len(expected)} targets missing or flags differ"
    return f"complete: {len(expected)} targets, {sum(expected.values())} need an identity"


def _table() -> dict[str, Scenario]:
    crm = TARGETS.format(SALESFORCE)
    contact = f"{FIELDS.format(SALESFORCE)}?target=Contact"
    scenarios = [
        Scenario(
            "CRM targets, default page",
            crm,
            ("list_sync_targets", {"id": SALESFORCE}),
            ("list_sync_targets", {"connection_id": SALESFORCE}),
        ),
        Scenario(
            "CRM targets, mode 'updateOrCreate'",
            crm,
            None,
            ("list_sync_targets", {"connection_id": SALESFORCE, "mode": TASK_MODE}),
        ),
        Scenario(
            "CRM, one-object search ('Opportunity')",
            crm,
            ("list_sync_targets", {"id": SALESFORCE}),
            ("list_sync_targets", {"connection_id": SALESFORCE, "search": "Opportunity"}),
        ),
        Scenario(
            "Warehouse targets, default page",
            TARGETS.format(WAREHOUSE),
            ("list_sync_targets", {"id": WAREHOUSE}),
            ("list_sync_targets", {"connection_id": WAREHOUSE}),
        ),
        Scenario(
            "LinkedIn targets + creation values",
            TARGETS.format(LINKEDIN_ADS) + "?include_target_creation_values=true",
            None,
            ("list_sync_targets", {"connection_id": LINKEDIN_ADS, "include_target_creation_values": True}),
        ),
        Scenario(
            "LinkedIn account values, default page",
            VALUES.format(LINKEDIN_ADS, "account"),
            ("get_target_creation_property_values", {"id": LINKEDIN_ADS, "property": "account"}),
            ("get_target_creation_values", {"connection_id": LINKEDIN_ADS, "property": "account"}),
        ),
        Scenario(
            "All 320 ad account values",
            VALUES.format(LINKEDIN_ADS, "account"),
            ("get_target_creation_property_values", {"id": LINKEDIN_ADS, "property": "account"}),
            ("get_target_creation_values", {"connection_id": LINKEDIN_ADS, "property": "account"}),
            all_pages=True,
        ),
        Scenario(
            "Facebook account values, default page",
            VALUES.format(FACEBOOK_ADS, "account"),
            ("get_target_creation_property_values", {"id": FACEBOOK_ADS, "property": "account"}),
            ("get_target_creation_values", {"connection_id": FACEBOOK_ADS, "property": "account"}),
        ),
        Scenario(
            "CRM Contact's fields, default page",
            contact,
            ("get_sync_target_fields", {"id": SALESFORCE, "target": "Contact"}),
            ("get_sync_target_fields", {"connection_id": SALESFORCE, "target": "Contact"}),
        ),
        Scenario(
            "CRM Contact's fields, required_only",
            contact,
            None,
            ("get_sync_target_fields", {"connection_id": SALESFORCE, "target": "Contact", "required_only": True}),
        ),
        Scenario(
            "New LinkedIn audience fields",
            new_target_fields(LINKEDIN_ADS, TRIAL_AUDIENCE),
            None,  # the bridge has no argument for the deepObject `properties[...]` query
            ("get_sync_target_fields", {"connection_id": LINKEDIN_ADS, "properties": TRIAL_AUDIENCE}),
        ),
        Scenario("Connections list", "/api/connections", ("list_connections", {}), ("list_connections", {})),
        Scenario(
            "Task: updateOrCreate + identity, all pages (limit 500)",
            crm,
            ("list_sync_targets", {"id": SALESFORCE}),
            ("list_sync_targets", {"connection_id": SALESFORCE, "limit": 500}),
            all_pages=True,
            check=task_check,
        ),
        Scenario(
            "Task: updateOrCreate + identity, mode filter",
            crm,
            ("list_sync_targets", {"id": SALESFORCE}),
            ("list_sync_targets", {"connection_id": SALESFORCE, "mode": TASK_MODE, "limit": 500}),
            all_pages=True,
            check=task_check,
        ),
        Scenario(
            "Task: upsert into Contact + its identity field",
            crm,
            ("list_sync_targets", {"id": SALESFORCE}),
            ("list_sync_targets", {"connection_id": SALESFORCE, "mode": TASK_MODE, "search": "Contact"}),
            then=(
                Step(
                    contact,
                    ("get_sync_target_fields", {"id": SALESFORCE, "target": "Contact"}),
                    ("get_sync_target_fields", {"connection_id": SALESFORCE, "target": "Contact", "limit": 500}),
                    all_pages=True,
                ),
            ),
        ),
        Scenario(
            "Task: all fields of one object (Contact)",
            contact,
            ("get_sync_target_fields", {"id": SALESFORCE, "target": "Contact"}),
            ("get_sync_target_fields", {"connection_id": SALESFORCE, "target": "Contact", "limit": 500}),
            all_pages=True,
        ),
        Scenario(
            "Task: new audience in a named ad account",
            "/api/connections",
            ("list_connections", {}),
            ("list_connections", {"search": "linkedin"}),
            then=(
                Step(
                    VALUES.format(LINKEDIN_ADS, "account"),
                    ("get_target_creation_property_values", {"id": LINKEDIN_ADS, "property": "account"}),
                    (
                        "get_target_creation_values",
                        {"connection_id": LINKEDIN_ADS, "property": "account", "search": AD_ACCOUNT_NAME},
                    ),
                ),
                Step(
                    new_target_fields(LINKEDIN_ADS, NEW_AUDIENCE),
                    None,  # the bridge has no argument for the deepObject `properties[...]` query
                    ("get_sync_target_fields", {"connection_id": LINKEDIN_ADS, "properties": NEW_AUDIENCE}),
                ),
            ),
        ),
        Scenario(
            "Task: find a warehouse table ('orders')",
            TARGETS.format(WAREHOUSE),
            ("list_sync_targets", {"id": WAREHOUSE}),
            ("list_sync_targets", {"connection_id": WAREHOUSE, "search": "orders"}),
        ),
    ]
    return {scenario.label: scenario for scenario in scenarios}


SCENARIOS = _table()

# The side-by-side table (BENCHMARKS.md): raw API, bridge and ours, whole tasks included.
SIDE_BY_SIDE = (
    "CRM targets, default page",
    "CRM, one-object search ('Opportunity')",
    "Warehouse targets, default page",
    "All 320 ad account values",
    "CRM Contact's fields, default page",
    "Connections list",
    "Task: updateOrCreate + identity, all pages (limit 500)",
    "Task: updateOrCreate + identity, mode filter",
    "Task: upsert into Contact + its identity field",
    "Task: all fields of one object (Contact)",
    "Task: new audience in a named ad account",
    "Task: find a warehouse table ('orders')",
)

# The `tokens` table (the README's "Measured sizes"): one call each, the raw answer against our text.
READS = (
    "Connections list",
    "CRM targets, default page",
    "CRM targets, mode 'updateOrCreate'",
    "CRM, one-object search ('Opportunity')",
    "Warehouse targets, default page",
    "LinkedIn targets + creation values",
    "LinkedIn account values, default page",
    "Facebook account values, default page",
    "CRM Contact's fields, default page",
    "CRM Contact's fields, required_only",
    "New LinkedIn audience fields",
)

# The latency and throughput sections: their label -> the scenario whose calls they time.
TIMED = {
    "CRM targets (977 objects upstream)": "CRM targets, default page",
    "Ad account values (small)": "Facebook account values, default page",
}
