"""The sandbox organizations: their connections, target objects and target-creation properties.

Acme (the default API key) owns every connection below except Globex's two; Globex (the second API key) owns
only `GLOBEX_HUBSPOT` and `GLOBEX_LINKEDIN_ADS`. A key sees only its own organization's connections.

Ids and contents are the same on every run (uuid5 under a fixed namespace, `random.Random` with fixed seeds).
Connections are built at import (cheap); target lists and creation values are built on first use and cached;
fields are generated per target, on demand, by `fields.py`.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from . import catalog, docs_example, gostyle
from .catalog import SupportedModeSpec, Target

__all__ = [
    "ALL_CONNECTIONS",
    "DOCS_EXAMPLE",
    "FACEBOOK_ADS",
    "FORBIDDEN",
    "GLOBEX_HUBSPOT",
    "GLOBEX_LINKEDIN_ADS",
    "GLOBEX_ORGANIZATION_ID",
    "GO_BARE",
    "GO_STYLE",
    "HUBSPOT",
    "LINKEDIN_ADS",
    "NULL_TARGETS",
    "ORGANIZATION_ID",
    "SALESFORCE",
    "UNHEALTHY",
    "WAREHOUSE",
    "Connection",
    "CreationProperty",
    "SupportedModeSpec",
    "Target",
    "connection",
    "connections_of",
    "creation_properties",
    "targets",
]

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://sandbox.polytomic.invalid/")


def sandbox_uuid(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, name))


SALESFORCE = sandbox_uuid("connection/salesforce")
HUBSPOT = sandbox_uuid("connection/hubspot")
WAREHOUSE = sandbox_uuid("connection/warehouse")
LINKEDIN_ADS = sandbox_uuid("connection/linkedin-ads")
FACEBOOK_ADS = sandbox_uuid("connection/facebook-ads")
DOCS_EXAMPLE = sandbox_uuid("connection/docs-example")
NULL_TARGETS = sandbox_uuid("connection/null-targets")
FORBIDDEN = sandbox_uuid("connection/forbidden")
UNHEALTHY = sandbox_uuid("connection/unhealthy")
GO_STYLE = sandbox_uuid("connection/go-style")
GO_BARE = sandbox_uuid("connection/go-bare")
ALL_CONNECTIONS = [SALESFORCE, HUBSPOT, WAREHOUSE, LINKEDIN_ADS, FACEBOOK_ADS, DOCS_EXAMPLE, NULL_TARGETS, FORBIDDEN,
                   UNHEALTHY, GO_STYLE, GO_BARE]  # fmt: skip

ORGANIZATION_ID = sandbox_uuid("organization/acme")
GLOBEX_ORGANIZATION_ID = sandbox_uuid("organization/globex")
GLOBEX_HUBSPOT = sandbox_uuid("connection/globex/hubspot")
GLOBEX_LINKEDIN_ADS = sandbox_uuid("connection/globex/linkedin-ads")
REDACTED = "********"
ACTORS = {"ada": ("Ada Lovelace", sandbox_uuid("user/ada")), "grace": ("Grace Hopper", sandbox_uuid("user/grace"))}
ALL_OPS = ("bulksyncsource", "bulksyncdestination", "modelsyncsource", "modelsyncdestination")


@dataclass(frozen=True)
class CreationProperty:
    id: str
    title: str
    enum: bool
    values: tuple[tuple[str, str | None], ...] = ()


@dataclass(frozen=True, eq=False)  # one instance per id: hashed by identity (configuration is a dict)
class Connection:
    id: str
    kind: str  # which generator in fields.py describes its targets
    name: str
    type_id: str
    type_name: str
    operations: tuple[str, ...]
    configuration: Mapping[str, object]
    created_at: datetime
    updated_at: datetime
    created_by: str = "ada"
    updated_by: str = "grace"
    status: str = "healthy"
    status_error: str | None = None
    forbidden: bool = False
    api_calls_last_24_hours: int | None = None
    rate_limited_since: datetime | None = None
    policies: tuple[str, ...] = field(default=())
    organization: str = ORGANIZATION_ID

    @property
    def healthy(self) -> bool:
        return self.status == "healthy"


def _at(day: str, hour: int = 9) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


@functools.cache
def linkedin_accounts() -> tuple[tuple[str, str | None], ...]:
    return catalog.ad_accounts(
        "sandbox/linkedin/accounts", 320, "urn:li:sponsoredAccount:{n}", (500_000_000, 599_999_999)
    )


@functools.cache
def facebook_accounts() -> tuple[tuple[str, str | None], ...]:
    return catalog.ad_accounts("sandbox/facebook/accounts", 48, "act_{n}", (1_000_000, 999_999_999_999))


def _accounts_config(accounts: tuple[tuple[str, str | None], ...]) -> list[dict[str, str | None]]:
    return [{"value": value, "label": label} for value, label in accounts]


DOCS_VALUES = docs_example.ACCOUNT_VALUES


MYSQL_DENIED = "Error 1045 (28000): Access denied for user 'polytomic'@'10.0.3.7' (using password: YES)"


def _connections() -> dict[str, Connection]:
    conns = [
        Connection(SALESFORCE, "salesforce", "Salesforce (production)", "salesforce", "Salesforce", ALL_OPS,
                   {"domain": "acme.my.salesforce.com", "connect_mode": "browser", "oauth_refresh_token": REDACTED,
                    "client_secret": REDACTED, "api_version": "62.0", "enforce_api_limits": True,
                    "daily_api_calls": 250_000, "concurrent_queries": 10},
                   _at("2024-03-04"), _at("2025-08-21", 14), api_calls_last_24_hours=48_213),
        Connection(HUBSPOT, "hubspot", "HubSpot", "hubspot", "HubSpot", ALL_OPS,
                   {"hub_domain": "acme.hubspot.com", "hub_id": 24681357, "oauth_refresh_token": REDACTED,
                    "private_app_token": REDACTED},
                   _at("2024-05-17"), _at("2025-07-02", 11), api_calls_last_24_hours=12_877,
                   rate_limited_since=_at("2025-09-18", 8)),
        Connection(WAREHOUSE, "warehouse", "Analytics warehouse", "postgresql", "PostgreSQL", (*ALL_OPS, "query"),
                   {"hostname": "db.example.com", "port": 5432, "database": "analytics", "username": "polytomic",
                    "password": REDACTED, "ssl": True, "ssh": False, "change_detection": False},
                   _at("2024-01-15", 10), _at("2025-06-01", 8)),
        Connection(LINKEDIN_ADS, "linkedin", "LinkedIn Ads", "linkedinads", "LinkedIn Ads",
                   ("bulksyncsource", "modelsyncdestination"),
                   {"oauth_refresh_token": REDACTED, "accounts": _accounts_config(linkedin_accounts())},
                   _at("2024-09-09"), _at("2025-09-01", 16)),
        Connection(FACEBOOK_ADS, "facebook", "Meta Ads (custom audiences)", "fbaudience", "Facebook Ads",
                   ("modelsyncdestination",),
                   {"oauth_token": REDACTED, "graph_api_version": "v21.0",
                    "accounts": _accounts_config(facebook_accounts())},
                   _at("2024-10-01"), _at("2025-08-30", 12)),
        Connection(DOCS_EXAMPLE, "docs", "Docs example (List Sync Targets)", "linkedinads", "LinkedIn Ads",
                   ("modelsyncdestination",),
                   {"oauth_refresh_token": REDACTED, "accounts": _accounts_config(DOCS_VALUES)},
                   _at("2025-09-18", 12), _at("2025-09-18", 12)),
        Connection(NULL_TARGETS, "webhook", "Order events webhook", "webhook", "Webhook", ("modelsyncdestination",),
                   {"url": "https://hooks.example.com/polytomic/orders", "secret": REDACTED,
                    "headers": [{"name": "X-Team", "value": "fulfilment"}]},
                   _at("2025-02-11"), _at("2025-02-11")),
        Connection(FORBIDDEN, "crm", "Marketo (finance team only)", "marketo", "Marketo", ALL_OPS,
                   {"client_id": "4f1c2d3e-marketo", "client_secret": REDACTED,
                    "rest_endpoint": "https://123-ABC-456.mktorest.com/rest"},
                   _at("2024-11-20"), _at("2025-04-03"), forbidden=True,
                   policies=(sandbox_uuid("policy/finance-only"),)),
        Connection(UNHEALTHY, "warehouse", "Legacy CRM database", "mysql", "MySQL", ALL_OPS,
                   {"hostname": "legacy-db.internal.example.com", "port": 3306, "database": "crm",
                    "username": "polytomic", "password": REDACTED, "ssl": False},
                   _at("2023-06-30"), _at("2025-09-10", 7), status="unhealthy",
                   status_error=MYSQL_DENIED),
        Connection(GO_STYLE, "go", "Customer events (Go-style answers)", "customerio", "Customer.io",
                   ("modelsyncdestination",), {"site_id": "go-style-site", "api_token": REDACTED},
                   _at("2025-03-03"), _at("2025-10-10", 10)),
        Connection(GO_BARE, "go-bare", "Events API (nothing set up)", "customerio", "Customer.io",
                   ("modelsyncdestination",), {"site_id": "go-bare-site", "api_token": REDACTED},
                   _at("2025-03-04"), _at("2025-03-04")),
        Connection(GLOBEX_HUBSPOT, "hubspot", "Globex HubSpot", "hubspot", "HubSpot", ALL_OPS,
                   {"hub_domain": "globex.hubspot.com", "hub_id": 86420975, "oauth_refresh_token": REDACTED,
                    "private_app_token": REDACTED},
                   _at("2024-08-12"), _at("2025-05-19", 15), api_calls_last_24_hours=3_412,
                   organization=GLOBEX_ORGANIZATION_ID),
        Connection(GLOBEX_LINKEDIN_ADS, "linkedin", "Globex LinkedIn Ads", "linkedinads", "LinkedIn Ads",
                   ("bulksyncsource", "modelsyncdestination"),
                   {"oauth_refresh_token": REDACTED, "accounts": _accounts_config(linkedin_accounts())},
                   _at("2025-01-07"), _at("2025-09-12", 10), organization=GLOBEX_ORGANIZATION_ID),
    ]  # fmt: skip
    return {c.id: c for c in conns}


CONNECTIONS: dict[str, Connection] = _connections()


def connection(connection_id: str, organization: str | None = None) -> Connection | None:
    """The connection with this id (any UUID spelling), or None; with `organization`, only if it owns it."""
    try:
        key = str(uuid.UUID(connection_id))
    except ValueError:
        return None
    conn = CONNECTIONS.get(key)
    if conn is None or (organization is not None and conn.organization != organization):
        return None
    return conn


def connections_of(organization: str) -> list[Connection]:
    """The organization's connections, in a stable order."""
    return [c for c in CONNECTIONS.values() if c.organization == organization]


LINKEDIN_AUDIENCES = catalog.audiences(
    ("urn:li:dmpSegment:21035411", "urn:li:dmpSegment:21035987", "urn:li:dmpSegment:21190452",
     "urn:li:dmpSegment:21377028", "urn:li:dmpSegment:21402256"),
    ("Trial signups - EMEA (contacts)", "Webinar attendees Q3", "Closed-lost opportunities 2025",
     "Product-qualified accounts (contacts)", "Exclude: current customers"),
)  # fmt: skip
FACEBOOK_AUDIENCES = catalog.audiences(
    ("23851234567890123", "23851234567890456", "23851234567890789", "23852098765432101", "23852098765432345",
     "23852098765432678"),
    ("Retargeting - trial users", "Lookalike seed: top 5% LTV", "Churned customers (180d)", "Newsletter subscribers",
     "Cart abandoners", "Suppression: employees"),
)  # fmt: skip


@functools.cache
def targets(connection_id: str) -> tuple[Target, ...] | None:
    """The connection's target objects (None: the destination reports none, i.e. `"data": null`)."""
    conn = connection(connection_id)
    if conn is None or conn.kind == "webhook":
        return None
    if conn.kind == "salesforce":
        return catalog.salesforce_targets()
    if conn.kind == "crm":
        return catalog.salesforce_targets()[:40]
    if conn.kind == "hubspot":
        return catalog.hubspot_targets()
    if conn.id == WAREHOUSE:
        return catalog.warehouse_targets()
    if conn.kind == "linkedin":
        return LINKEDIN_AUDIENCES
    if conn.kind == "facebook":
        return FACEBOOK_AUDIENCES
    if conn.kind == "docs":
        return (docs_example.TARGET,)
    if conn.kind in ("go", "go-bare"):  # answered as raw JSON by gostyle.py; these are for the fields endpoint
        return tuple(Target(id_, name or id_, catalog.DB_MODES, "go") for id_, name in _go_targets(conn.kind).items())
    return tuple(Target(f"crm.{t}", t, catalog.DB_MODES, "crm") for t in ("accounts", "contacts", "deals", "notes"))


@functools.cache
def creation_properties(connection_id: str) -> tuple[CreationProperty, ...] | None:
    """The properties a new target needs, with the values of enum ones (None: cannot create targets)."""
    conn = connection(connection_id)
    if conn is None:
        return None
    if conn.id == WAREHOUSE:
        schemas = tuple((s, s) for s in catalog.SCHEMAS)
        return (CreationProperty("schema", "Schema", True, schemas), CreationProperty("table", "Table name", False))
    if conn.kind == "linkedin":
        return (CreationProperty("account", "Ad account", True, linkedin_accounts()),
                CreationProperty("name", "Audience name", False))  # fmt: skip
    if conn.kind == "facebook":
        return (CreationProperty("account", "Ad account", True, facebook_accounts()),
                CreationProperty("name", "Audience name", False))  # fmt: skip
    if conn.kind == "docs":
        return (CreationProperty("account", "Account ID", True, DOCS_VALUES),)
    if conn.kind == "go":
        return (CreationProperty("workspace", "Workspace", True, tuple(gostyle.usable_workspaces().items())),
                CreationProperty("name", "Name", False))  # fmt: skip
    return None


def _go_targets(kind: str) -> dict[str, str | None]:
    """Id -> name of the usable targets of a Go-style connection (first occurrence of an id wins)."""
    found = gostyle.targets() if kind == "go" else gostyle.bare_targets_body()["data"]
    usable: dict[str, str | None] = {}
    for t in found:
        if isinstance(t.get("id"), str):
            usable.setdefault(t["id"], t.get("name"))
    return usable
