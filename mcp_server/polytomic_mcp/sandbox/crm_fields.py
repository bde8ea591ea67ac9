"""Field specs of CRM objects (Salesforce-like and HubSpot-like) and generated custom fields.

Curated standard fields are written one per line: `<id> <kind><flags> [value|value|...]`, where flags are
`!` required, `*` usable as identity, `~` read-only. Custom fields come from word lists, seeded per target.
"""

from __future__ import annotations

import random

from .fieldkit import EXACT, Spec, label_of, pick

SF_SOURCE = {"number": "double", "integer": "int"}
HS_SOURCE = {"picklist": "enumeration", "multipicklist": "enumeration", "boolean": "bool", "number": "number",
             "currency": "number", "percent": "number", "integer": "number", "date": "date", "datetime": "datetime",
             "id": "number", "reference": "string"}  # fmt: skip
DB_SOURCE = {"id": "bigint", "string": "text", "email": "varchar(320)", "phone": "varchar(32)", "url": "text",
             "textarea": "text", "reference": "bigint", "picklist": "text", "multipicklist": "text[]",
             "number": "double precision", "currency": "numeric(18,2)", "percent": "numeric(5,2)",
             "integer": "integer", "boolean": "boolean", "date": "date", "datetime": "timestamp with time zone",
             "json": "jsonb"}  # fmt: skip

COUNTRIES = {"US": "United States", "CA": "Canada", "GB": "United Kingdom", "DE": "Germany", "FR": "France",
             "AU": "Australia", "JP": "Japan", "BR": "Brazil"}  # fmt: skip
STATES = {"US": ("CA", "NY", "TX", "WA", "MA", "IL"), "CA": ("ON", "QC", "BC", "AB"), "AU": ("NSW", "VIC", "QLD")}

SF_CURATED = {
    "Contact": """Salutation picklist Mr.|Ms.|Mrs.|Dr.|Prof.
FirstName string
LastName string!
MiddleName string
Suffix string
Email email*
Phone phone
MobilePhone phone
HomePhone phone
OtherPhone phone
Fax phone
Title string
Department string
Birthdate date
AccountId reference
ReportsToId reference
AssistantName string
AssistantPhone phone
LeadSource picklist Web|Phone Inquiry|Partner Referral|Purchased List|Other
Description textarea
MailingStreet textarea
MailingCity string
MailingPostalCode string
MailingLatitude number
MailingLongitude number
OtherStreet textarea
OtherCity string
OtherPostalCode string
HasOptedOutOfEmail boolean
HasOptedOutOfFax boolean
DoNotCall boolean
EmailBouncedReason string
EmailBouncedDate datetime
IsEmailBounced boolean~
LastActivityDate date~
LastCURequestDate datetime~
IndividualId reference
PhotoUrl url~
GenderIdentity picklist Female|Male|Nonbinary|Not Listed
Pronouns picklist He/Him|She/Her|They/Them|Not Listed
Level__c picklist Primary|Secondary|Tertiary
Languages__c string""",
    "Account": """Name string!
Type picklist Prospect|Customer - Direct|Customer - Channel|Channel Partner / Reseller|Other
Industry picklist Agriculture|Banking|Technology|Education|Healthcare|Manufacturing|Retail|Other
AnnualRevenue currency
NumberOfEmployees integer
Website url
Phone phone
ParentId reference
Rating picklist Hot|Warm|Cold
AccountSource picklist Web|Phone Inquiry|Partner Referral|Purchased List|Other
BillingStreet textarea
BillingCity string
BillingPostalCode string
ShippingStreet textarea
ShippingCity string
Description textarea
TickerSymbol string
Ownership picklist Public|Private|Subsidiary|Other""",
    "Lead": """FirstName string
LastName string!
Company string!
Email email*
Phone phone
Title string
Status picklist! Open - Not Contacted|Working - Contacted|Closed - Converted|Closed - Not Converted
LeadSource picklist Web|Phone Inquiry|Partner Referral|Purchased List|Other
Industry picklist Agriculture|Banking|Technology|Education|Healthcare|Manufacturing|Retail|Other
Rating picklist Hot|Warm|Cold
AnnualRevenue currency
NumberOfEmployees integer
IsConverted boolean~
ConvertedDate date~
Website url""",
    "Opportunity": """Name string!
AccountId reference
StageName picklist! Prospecting|Qualification|Needs Analysis|Proposal|Negotiation|Closed Won|Closed Lost
CloseDate date!
Amount currency
Probability percent
Type picklist New Business|Existing Business - Upgrade|Existing Business - Renewal
LeadSource picklist Web|Phone Inquiry|Partner Referral|Purchased List|Other
NextStep string
ForecastCategoryName picklist Omitted|Pipeline|Best Case|Commit|Closed
IsClosed boolean~
IsWon boolean~""",
}
SF_SIZES = {"Contact": 276, "Account": 190, "Lead": 210, "Opportunity": 160, "Case": 120}
SF_SYSTEM = """Id id*~
OwnerId reference
CreatedDate datetime~
CreatedById reference~
LastModifiedDate datetime~
LastModifiedById reference~
SystemModstamp datetime~
IsDeleted boolean~"""

HS_CURATED = {
    "contacts": """email email*
firstname string
lastname string
phone phone
mobilephone phone
company string
website url
jobtitle string
lifecyclestage picklist subscriber|lead|marketingqualifiedlead|salesqualifiedlead|opportunity|customer|evangelist|other
hs_lead_status picklist NEW|OPEN|IN_PROGRESS|OPEN_DEAL|UNQUALIFIED|ATTEMPTED_TO_CONTACT|CONNECTED|BAD_TIMING
city string
state string
zip string
country string
industry string
annualrevenue currency
hs_email_optout boolean
associatedcompanyid integer
notes_last_updated datetime~""",
    "companies": """domain string*
name string
industry picklist ACCOUNTING|COMPUTER_SOFTWARE|FINANCIAL_SERVICES|HOSPITAL_HEALTH_CARE|RETAIL|OTHER
numberofemployees integer
annualrevenue currency
city string
country string
lifecyclestage picklist lead|opportunity|customer|other
type picklist PROSPECT|PARTNER|RESELLER|VENDOR|OTHER""",
    "deals": """dealname string!
amount currency
dealstage picklist! appointmentscheduled|qualifiedtobuy|presentationscheduled|contractsent|closedwon|closedlost
pipeline picklist default|renewals|partner
closedate datetime
dealtype picklist newbusiness|existingbusiness""",
}
HS_SYSTEM = """hs_object_id id*~
createdate datetime~
lastmodifieddate datetime~
hubspot_owner_id string"""

# (word, kind) pairs that end custom field names; picklist words have value pools below.
SUFFIXES = (("Date", "date"), ("Timestamp", "datetime"), ("Score", "number"), ("Count", "integer"),
            ("Amount", "currency"), ("ARR", "currency"), ("MRR", "currency"), ("Rate", "percent"),
            ("Status", "picklist"), ("Stage", "picklist"), ("Tier", "picklist"), ("Type", "picklist"),
            ("Source", "picklist"), ("Reason", "picklist"), ("Owner", "reference"), ("Id", "external_id"),
            ("Email", "email"), ("Phone", "phone"), ("URL", "url"), ("Notes", "textarea"), ("Flag", "boolean"),
            ("Opt_In", "boolean"), ("Interests", "multipicklist"), ("Products", "multipicklist"), ("Name", "string"),
            ("Code", "string"), ("Region", "picklist"), ("Segment", "picklist"), ("Days", "integer"),
            ("Value", "number"), ("Summary", "string"))  # fmt: skip
SUBJECTS = ("Lead", "Customer", "Partner", "Renewal", "Trial", "Product", "Billing", "Support", "Marketing", "Sales",
            "Onboarding", "Health", "Usage", "Contract", "Account", "Campaign", "Webinar", "Churn", "Expansion",
            "NPS", "Deal", "Territory", "Legacy", "Primary", "Secondary", "Preferred", "Last", "First", "Total",
            "Current", "Previous", "Next", "Annual", "Monthly", "Marketo", "Gong", "Outreach", "Zendesk", "Stripe",
            "Clearbit", "ZoomInfo", "Bombora", "Intent", "Engagement", "Signup", "Referral")  # fmt: skip
PICKLISTS = {
    "Status": "Active|Inactive|Pending|At Risk|Churned", "Stage": "Prospect|Discovery|Evaluation|Negotiation|Closed",
    "Tier": "Tier 1|Tier 2|Tier 3|Strategic", "Type": "New Business|Expansion|Renewal|Partner",
    "Source": "Web|Event|Partner|Outbound|Referral|Paid Social", "Reason": "Price|Product Gap|Competitor|Timing",
    "Region": "NA|EMEA|APAC|LATAM", "Segment": "SMB|Mid-Market|Enterprise|Strategic",
    "Interests": "Analytics|Integrations|Security|Reverse ETL|AI", "Products": "Core|Sync|Audiences|Enterprise",
}  # fmt: skip
DESCRIPTIONS = ("Maintained by RevOps.", "Synced nightly from the warehouse.", "Set by the lead-routing flow.",
                "Do not edit by hand.", "Used in territory assignment.")  # fmt: skip


def parse(text: str, style: str) -> list[Spec]:
    """Specs from curated lines (see the module docstring); `style` picks native types: sf, hs or db."""
    specs = []
    for line in text.splitlines():
        fid, kind, *rest = line.split(" ", 2)
        flags = kind.lstrip("abcdefghijklmnopqrstuvwxyz_")
        kind = kind[: len(kind) - len(flags)]
        values = tuple(pick(v) for v in rest[0].split("|")) if rest else ()
        specs.append(Spec(fid, label_of(fid), kind, native(kind, style), required="!" in flags,
                          createable="~" not in flags, updateable="~" not in flags,
                          identity=(EXACT,) if "*" in flags else (), values=values))  # fmt: skip
    return specs


def native(kind: str, style: str) -> str:
    if style == "db":
        return DB_SOURCE[kind]
    if style == "hs":
        return HS_SOURCE.get(kind, "string")
    return SF_SOURCE.get(kind, kind)


def custom(rng: random.Random, count: int, style: str, taken: set[str]) -> list[Spec]:
    """`count` custom fields named from the word lists (`Lead_Score__c` for sf, `lead_score` otherwise)."""
    specs: list[Spec] = []
    combos = [(s, w, k) for s in SUBJECTS for w, k in SUFFIXES]
    for subject, word, kind in rng.sample(combos, min(count, len(combos))):
        base = f"{subject}_{word}"
        fid = f"{base}__c" if style == "sf" else base.lower()
        if fid in taken:
            continue
        taken.add(fid)
        identity = (EXACT,) if kind == "external_id" and rng.random() < 0.6 else ()
        kind = "string" if kind == "external_id" else kind
        options = PICKLISTS[word].split("|") if word in PICKLISTS else []
        values = tuple(pick(o.lower().replace(" ", "_") if style == "hs" else o, o) for o in options)
        description = rng.choice(DESCRIPTIONS) if rng.random() < 0.3 else None
        writable = subject != "Total"  # roll-ups are computed by the destination
        specs.append(Spec(fid, f"{subject} {word}".replace("_", " "), kind, native(kind, style),
                          identity=identity, values=values, description=description,
                          createable=writable, updateable=writable))  # fmt: skip
    return specs


def country_and_state(prefix: str) -> list[Spec]:
    """A country picklist and a state picklist whose options depend on the country (`depends_on`)."""
    countries = tuple(pick(code, name) for code, name in COUNTRIES.items())
    states = tuple(pick(s, s, {f"{prefix}CountryCode": c}) for c, codes in STATES.items() for s in codes)
    return [
        Spec(f"{prefix}CountryCode", f"{prefix} Country Code", "picklist", "picklist", values=countries),
        Spec(f"{prefix}StateCode", f"{prefix} State Code", "picklist", "picklist", values=states),
    ]
