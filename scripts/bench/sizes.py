"""Tokens and bytes an agent receives per scenario: the raw Polytomic body, the generic bridge's tool result, ours.

In process, against the sandbox's ASGI app (no port, no latency): sizes do not depend on timing. Counted as
`scripts.bench.tokens` says. Two tables come from here: the side-by-side one of the benchmark report, and the one
`python -m scripts.bench tokens` prints (one call each: the raw answer against the text of our answer).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from scripts.bench.scenarios import READS, SCENARIOS, SIDE_BY_SIDE
from scripts.bench.tokens import Size, definitions_size, model_visible_size, result_size, text_size
from scripts.processes import ROOT

MAX_PAGES = 50


@dataclass(frozen=True)
class TokenRow:
    label: str
    raw: Size | None
    bridge: Size | None
    ours: Size
    note: str = ""


async def all_pages(client: Any, name: str, arguments: dict[str, Any], *, every: bool) -> tuple[Size, list[Any]]:
    """One call of ours (and with `every` its further pages): their sizes added up, and every payload."""
    result = await client.call_tool(name, arguments)
    if result.is_error:
        raise RuntimeError(f"our {name} answered an error")
    size, payload = result_size(result)
    pages = [payload]
    while every and isinstance(payload, dict) and payload.get("next_cursor"):
        if len(pages) >= MAX_PAGES:
            raise RuntimeError(f"{name}: more than {MAX_PAGES} pages")
        page_size, payload = result_size(await client.call_tool(name, {**arguments, "cursor": payload["next_cursor"]}))
        size, pages = size + page_size, [*pages, payload]
    return size, pages


@asynccontextmanager
async def contenders(*, bridge: bool) -> AsyncIterator[tuple[Any, Any, Any]]:
    """The raw HTTP client, our MCP client and (with `bridge`) the bridge's, all on one in-process sandbox."""
    import httpx
    from mcp import Client

    from polytomic_mcp.clients import make_api_client
    from polytomic_mcp.sandbox import DEFAULT_API_KEY, SANDBOX_BASE_URL, Sandbox
    from polytomic_mcp.server import build_server
    from polytomic_mcp.settings import Settings

    sandbox = Sandbox()
    headers = {"Authorization": f"Bearer {DEFAULT_API_KEY}", "X-Polytomic-Version": "2025-09-18"}
    settings = Settings(api_key=DEFAULT_API_KEY, base_url=SANDBOX_BASE_URL)
    async with (
        httpx.AsyncClient(transport=sandbox.transport(), base_url=SANDBOX_BASE_URL, headers=headers) as raw,
        Client(build_server(settings, make_api_client(settings, transport=sandbox.transport()))) as ours,
    ):
        if not bridge:
            yield raw, ours, None
            return
        import httpx2
        import yaml
        from fastmcp import Client as BridgeClient
        from fastmcp import FastMCP

        spec = yaml.safe_load((ROOT / "spec" / "polytomic.yaml").read_text(encoding="utf-8"))
        bridge_http = httpx2.AsyncClient(
            transport=httpx2.ASGITransport(app=sandbox.app), base_url=SANDBOX_BASE_URL, headers=headers
        )
        async with BridgeClient(FastMCP.from_openapi(spec, client=bridge_http, name="polytomic-openapi")) as bridged:
            yield raw, ours, bridged


async def measure(labels: Sequence[str], *, bridge: bool) -> list[TokenRow]:
    """One row per scenario (every page and step of a task added up), then the tools/list rows."""
    rows: list[TokenRow] = []
    async with contenders(bridge=bridge) as (raw, ours, bridged):

        async def raw_size(path: str) -> tuple[Size, bytes]:
            body: bytes = (await raw.get(path)).content
            return text_size(body.decode()), body

        bridge_sizes: dict[str, Size] = {}  # the sandbox is deterministic: one bridge call per distinct call

        async def bridge_size(call: tuple[str, dict[str, Any]] | None) -> Size | None:
            if bridged is None or call is None:
                return None
            key = json.dumps(call, sort_keys=True)
            if key not in bridge_sizes:
                bridge_sizes[key] = result_size(await bridged.call_tool_mcp(*call))[0]
            return bridge_sizes[key]

        for label in labels:
            scenario = SCENARIOS[label]
            raw_total, body = await raw_size(scenario.raw)
            bridge_total = await bridge_size(scenario.bridge)
            ours_total, pages = await all_pages(ours, *scenario.ours, every=scenario.all_pages)
            for step in scenario.then:
                raw_total = raw_total + (await raw_size(step.raw))[0]
                step_bridge = await bridge_size(step.bridge)
                bridge_total = (
                    bridge_total + step_bridge if bridge_total is not None and step_bridge is not None else None
                )
                step_size, step_pages = await all_pages(ours, *step.ours, every=step.all_pages)
                ours_total, pages = ours_total + step_size, [*pages, *step_pages]
            note = scenario.check(body, pages) if scenario.check else ""
            rows.append(TokenRow(label, raw_total, bridge_total, ours_total, note))
        ours_listed = await ours.list_tools()
        bridge_listed = await bridged.list_tools_mcp() if bridged is not None else None
        rows.append(
            TokenRow(
                "tools/list (all definitions)",
                None,
                definitions_size(bridge_listed) if bridge_listed else None,
                definitions_size(ours_listed),
            )
        )
        if bridge_listed:
            rows.append(
                TokenRow(
                    "tools/list, what the model reads (names, descriptions, input schemas)",
                    None,
                    model_visible_size(bridge_listed),
                    model_visible_size(ours_listed),
                )
            )
    return rows


async def side_by_side() -> list[TokenRow]:
    """The benchmark report's token table: raw API, bridge and ours."""
    return await measure(SIDE_BY_SIDE, bridge=True)


async def reads() -> list[TokenRow]:
    """The `tokens` table's rows: the raw answer and ours, one call each."""
    return await measure(READS, bridge=False)


def reads_table(rows: list[TokenRow]) -> str:
    """What an agent reads: the raw body against the text of our answer (the README's "Measured sizes")."""
    header = (
        f"| {'scenario':<38} | {'raw chars':>9} | {'raw tokens':>10} | {'tool chars':>10} "
        f"| {'tool tokens':>11} | {'saved':>6} |"
    )
    lines = [header, "|" + "|".join("-" * len(cell) for cell in header.split("|")[1:-1]) + "|"]
    for row in rows:
        raw = row.raw
        saved = f"{100 * (1 - row.ours.tokens / raw.tokens):.0f}%" if raw else "—"
        raw_c = f"{raw.chars:,}" if raw else "—"
        raw_t = f"{raw.tokens:,}" if raw else "—"
        lines.append(
            f"| {row.label:<38} | {raw_c:>9} | {raw_t:>10} | {row.ours.chars:>10,} | {row.ours.tokens:>11,} "
            f"| {saved:>6} |"
        )
    return "\n".join(lines)
