"""The objects each sandbox destination offers: deterministic names and sync modes, generated from word lists.

Everything here is plain data (frozen dataclasses); `app.py` turns it into the generated client's models.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SupportedModeSpec:
    id: str
    requires_identity: bool
    per_field: bool
    target_filters: bool


@dataclass(frozen=True)
class Target:
    id: str
    name: str
    modes: tuple[SupportedModeSpec, ...]
    group: str  # what the deprecated metadata endpoint groups by: a schema, "standard", "custom", ...


def _m(mode: str, identity: bool, per_field: bool = False, filters: bool = False) -> SupportedModeSpec:
    return SupportedModeSpec(mode, identity, per_field, filters)


CREATE = _m("create", False)
UPDATE = _m("update", True, True, True)
UPSERT = _m("updateOrCreate", True, True, True)
REMOVE = _m("remove", True, False, True)
UPSERT_NO_FILTERS = _m("updateOrCreate", True, True)
DB_MODES = (_m("create", False), _m("update", True, True), _m("updateOrCreate", True, True), _m("append", False))
DB_REPLACE = _m("replace", False)
DB_SNAPSHOT = _m("snapshot", False)
AUDIENCE_MODES = (_m("append", True), _m("remove", True), _m("replace", True))

CRM_FULL = (CREATE, UPDATE, UPSERT)
CRM_MODE_SETS = (
    (CRM_FULL, 70),
    ((CREATE, UPDATE, UPSERT, REMOVE), 15),
    ((UPDATE, UPSERT_NO_FILTERS), 8),
    ((CREATE,), 5),
    ((UPDATE,), 2),
)


def split_words(identifier: str) -> str:
    """`OpportunityLineItem` -> `Opportunity Line Item`, `Account_Plan__c` -> `Account Plan`."""
    text = re.sub(r"__[a-z]+$", "", identifier).replace("__", " ").replace("_", " ")
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text).strip()


# ----- Salesforce -----

# fmt: off
SF_STANDARD: dict[str, str] = {
    "Account": "Account", "Contact": "Contact", "Lead": "Lead", "Opportunity": "Opportunity",
    "OpportunityLineItem": "Opportunity Product", "OpportunityContactRole": "Opportunity Contact Role",
    "Case": "Case", "CaseComment": "Case Comment", "Campaign": "Campaign", "CampaignMember": "Campaign Member",
    "Task": "Task", "Event": "Event", "User": "User", "Product2": "Product", "Pricebook2": "Price Book",
    "PricebookEntry": "Price Book Entry", "Quote": "Quote", "QuoteLineItem": "Quote Line Item", "Order": "Order",
    "OrderItem": "Order Product", "Contract": "Contract", "Asset": "Asset", "Entitlement": "Entitlement",
    "ServiceContract": "Service Contract", "WorkOrder": "Work Order", "WorkOrderLineItem": "Work Order Line Item",
    "Solution": "Solution", "Idea": "Idea", "Note": "Note", "ContentVersion": "Content Version",
    "ContentDocumentLink": "Content Document Link", "FeedItem": "Feed Item", "EmailMessage": "Email Message",
    "Individual": "Individual", "ContactPointEmail": "Contact Point Email", "ContactPointPhone": "Contact Point Phone",
    "AccountContactRelation": "Account Contact Relationship", "AccountTeamMember": "Account Team Member",
    "OpportunityTeamMember": "Opportunity Team Member", "Partner": "Partner", "Territory2": "Territory",
    "UserTerritory2Association": "User Territory Association", "Group": "Group", "GroupMember": "Group Member",
    "Location": "Location", "Shipment": "Shipment", "ProductConsumed": "Product Consumed",
    "ServiceAppointment": "Service Appointment", "ServiceResource": "Service Resource",
    "ServiceTerritory": "Service Territory", "Macro": "Macro", "KnowledgeArticleVersion": "Knowledge",
    "LiveChatTranscript": "Live Chat Transcript", "MessagingSession": "Messaging Session",
    "DuplicateRecordSet": "Duplicate Record Set", "Topic": "Topic", "TopicAssignment": "Topic Assignment",
    "Document": "Document", "Attachment": "Attachment", "CollaborationGroup": "Chatter Group",
}
SF_STANDARD_MODES: dict[str, tuple[SupportedModeSpec, ...]] = {
    "Account": (CREATE, UPDATE, UPSERT, REMOVE), "Contact": (CREATE, UPDATE, UPSERT, REMOVE),
    "Lead": (CREATE, UPDATE, UPSERT, REMOVE), "User": (UPDATE,), "Group": (UPDATE,),
    "CampaignMember": (CREATE, UPSERT, REMOVE), "FeedItem": (CREATE,), "Note": (CREATE, UPDATE),
    "EmailMessage": (CREATE,), "ContentDocumentLink": (CREATE, REMOVE), "GroupMember": (CREATE, REMOVE),
    "TopicAssignment": (CREATE, REMOVE), "LiveChatTranscript": (UPDATE,), "MessagingSession": (UPDATE,),
}
SF_MANAGED = {
    "SBQQ__Quote__c": "Quote (CPQ)", "SBQQ__QuoteLine__c": "Quote Line (CPQ)", "SBQQ__Subscription__c": "Subscription",
    "Zuora__Subscription__c": "Zuora Subscription", "Zuora__CustomerAccount__c": "Zuora Customer Account",
    "pse__Proj__c": "Project", "pse__Assignment__c": "Assignment", "dsfs__DocuSign_Status__c": "DocuSign Status",
    "et4ae5__IndividualEmailResult__c": "Individual Email Result", "Gong__Gong_Call__c": "Gong Call",
}
SF_PREFIXES = (
    "Account", "Partner", "Renewal", "Invoice", "Usage", "Subscription", "Billing", "Territory", "Region", "Product",
    "Support", "Project", "Contract", "Campaign", "Lead", "Deal", "Customer", "Health", "Onboarding",
    "Implementation", "Survey", "Event", "Training", "Certification", "Quota", "Commission", "Forecast", "Pipeline",
    "Marketing", "Sales", "Service", "Vendor", "Asset", "License", "Feature", "Release", "Incident", "Escalation",
    "Compliance", "Risk", "Audit", "Expense", "Budget", "Referral", "Webinar", "Content", "Portal", "Trial",
)
SF_NOUNS = (
    "Plan", "Score", "Snapshot", "History", "Line_Item", "Assignment", "Request", "Approval", "Metric", "Log",
    "Member", "Setting", "Rule", "Allocation", "Mapping", "Detail", "Summary", "Review", "Milestone", "Note",
    "Record", "Profile", "Stage", "Target", "Entitlement",
)
SF_EVENTS = ("Order_Placed", "Usage_Threshold", "Lead_Routed", "Invoice_Paid", "Churn_Risk", "Signup", "Data_Sync")
# fmt: on


def _pick_modes(rng: random.Random) -> tuple[SupportedModeSpec, ...]:
    sets = [s for s, _ in CRM_MODE_SETS]
    return rng.choices(sets, weights=[w for _, w in CRM_MODE_SETS])[0]


def salesforce_targets() -> tuple[Target, ...]:
    rng = random.Random("sandbox/salesforce/objects")
    targets = [Target(i, n, SF_STANDARD_MODES.get(i, CRM_FULL), "standard") for i, n in SF_STANDARD.items()]
    targets += [Target(i, n, _pick_modes(rng), "managed") for i, n in SF_MANAGED.items()]
    targets += [Target(f"{e}__e", split_words(e), (CREATE,), "platform_event") for e in SF_EVENTS]
    combos = [f"{p}_{n}" for p in SF_PREFIXES for n in SF_NOUNS]
    rng.shuffle(combos)
    for base in sorted(combos[:900]):
        name = split_words(base)
        if rng.random() < 0.12:  # admins rename labels: the name drifts from the API name
            name = rng.choice(("Legacy ", "New ", "", "")) + name + rng.choice((" (old)", "s", " v2", " Info"))
        targets.append(Target(f"{base}__c", name.strip(), _pick_modes(rng), "custom"))
    return tuple(targets)


# ----- HubSpot -----

# fmt: off
HUBSPOT_OBJECTS: dict[str, str] = {
    "contacts": "Contacts", "companies": "Companies", "deals": "Deals", "tickets": "Tickets", "products": "Products",
    "line_items": "Line Items", "quotes": "Quotes", "calls": "Calls", "emails": "Emails", "meetings": "Meetings",
    "notes": "Notes", "tasks": "Tasks", "communications": "Communications", "postal_mail": "Postal Mail",
    "feedback_submissions": "Feedback Submissions", "leads": "Leads", "invoices": "Invoices",
    "subscriptions": "Subscriptions", "payments": "Payments", "carts": "Carts", "orders": "Orders",
    "discounts": "Discounts", "fees": "Fees", "taxes": "Taxes", "marketing_events": "Marketing Events",
    "appointments": "Appointments", "courses": "Courses", "listings": "Listings", "services": "Services",
    "projects": "Projects", "goal_targets": "Goals", "partner_clients": "Partner Clients",
    "deal_splits": "Deal Splits", "users": "Users",
}
HUBSPOT_CUSTOM = {"license": "Licenses", "workspace": "Workspaces", "vehicle": "Vehicles", "referral": "Referrals",
                  "onboarding": "Onboardings", "usage_report": "Usage Reports"}
# fmt: on


def hubspot_targets() -> tuple[Target, ...]:
    read_mostly = {"users", "goal_targets", "payments", "subscriptions"}
    engagements = {"calls", "emails", "meetings", "notes", "tasks", "communications", "postal_mail"}
    targets = []
    for oid, name in HUBSPOT_OBJECTS.items():
        modes = (
            (UPDATE,) if oid in read_mostly else CRM_FULL if oid in engagements else (CREATE, UPDATE, UPSERT, REMOVE)
        )
        targets.append(Target(oid, name, modes, "standard"))
    for oid, name in HUBSPOT_CUSTOM.items():
        targets.append(Target(f"p24681357_{oid}", name, CRM_FULL, "custom"))
    return tuple(targets)


# ----- Warehouse -----

# fmt: off
SCHEMAS = (
    "public", "analytics", "marketing", "sales", "finance", "product", "support", "growth", "ops", "hr",
    "staging", "reverse_etl", "audiences", "dbt_prod", "dbt_staging", "raw_stripe", "raw_salesforce",
    "raw_hubspot", "raw_zendesk", "raw_segment", "snapshots", "ml_features", "exports", "sandbox",
)
ENTITIES = (
    "accounts", "users", "customers", "orders", "order_items", "invoices", "payments", "subscriptions", "plans",
    "products", "events", "sessions", "pageviews", "leads", "contacts", "opportunities", "campaigns", "ad_spend",
    "tickets", "agents", "refunds", "shipments", "inventory", "workspaces", "seats", "licenses", "usage", "features",
    "experiments", "signups", "trials", "churn", "renewals", "quotes", "contracts", "partners", "referrals",
    "surveys", "nps_responses", "emails", "clicks", "conversions", "attributions", "territories", "quotas",
    "forecasts", "commissions", "employees", "departments", "vendors", "expenses", "budgets", "stores",
    "regions", "devices", "apps", "notifications", "messages", "reviews", "coupons",
)
SUFFIXES = ("", "_daily", "_weekly", "_monthly", "_snapshot", "_history", "_latest", "_enriched", "_scores",
            "_by_account", "_by_region", "_v2", "_archive", "_summary")
# fmt: on


def _table_names(schema: str) -> list[str]:
    if schema.startswith("dbt_"):
        return [f"{p}_{e}" for p in ("fct", "dim", "stg", "int") for e in ENTITIES]
    if schema.startswith("raw_"):
        return [f"{e}{s}" for e in ENTITIES for s in ("", "_raw", "_changes")]
    return [f"{e}{s}" for e in ENTITIES for s in SUFFIXES]


def warehouse_targets() -> tuple[Target, ...]:
    rng = random.Random("sandbox/warehouse/tables")
    targets = []
    for schema in SCHEMAS:
        names = _table_names(schema)
        for table in sorted(rng.sample(names, min(len(names), rng.randint(95, 135)))):
            modes = (
                DB_MODES + ((DB_REPLACE,) if rng.random() < 0.7 else ()) + ((DB_SNAPSHOT,) if "snap" in table else ())
            )
            targets.append(Target(f"{schema}.{table}", table, modes, schema))
    return tuple(targets)


# ----- Ads: accounts (creation values) and existing audiences -----

# fmt: off
COMPANIES = ("Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Hooli", "Pied Piper", "Soylent",
             "Vandelay", "Tyrell", "Cyberdyne", "Aperture", "Massive Dynamic", "Oscorp", "Monarch", "Nakatomi",
             "Dunder Mifflin", "Sterling Cooper")
REGIONS = ("EMEA", "NA", "APAC", "LATAM", "DACH", "UK&I", "Nordics", "ANZ", "Global")
TEAMS = ("Demand Gen", "ABM", "Brand", "Recruiting", "Events", "Product Marketing", "Partner Marketing", "Retargeting")
# fmt: on


def ad_accounts(seed: str, count: int, value: str, digits: tuple[int, int]) -> tuple[tuple[str, str], ...]:
    """`count` unique (value, label) pairs; `value` is a format string with `{n}` for the account number."""
    rng = random.Random(seed)
    combos = [f"{c} {r} {t}" for c in COMPANIES for r in REGIONS for t in TEAMS]
    numbers: set[int] = set()
    accounts = []
    for label in rng.sample(combos, count):
        n = rng.randint(*digits)
        while n in numbers:
            n = rng.randint(*digits)
        numbers.add(n)
        accounts.append((value.format(n=n), f"{label} ({n})"))
    return tuple(accounts)


def audiences(ids: tuple[str, ...], names: tuple[str, ...]) -> tuple[Target, ...]:
    return tuple(Target(i, n, AUDIENCE_MODES, "audiences") for i, n in zip(ids, names, strict=True))
