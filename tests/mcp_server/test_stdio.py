"""The server over stdio, as an assistant runs it, against a hostile Polytomic on a loopback port."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import anyio
import pytest
from mcp import Client, StdioServerParameters

from polytomic_mcp.sandbox.dataset import LINKEDIN_ADS, SALESFORCE
from tests.mcp_server.support import loopback_upstream

ROOT = Path(__file__).resolve().parents[2]

# Valid JSON (the escapes are JSON's own) that decodes to strings with unpaired surrogates.
TARGETS = b'{"data":[{"id":"\\ud800","name":"\\udfff broken"},{"id":"ok","modes":[{"id":"create"}]}]}'
VALUES = b'{"data":{"id":"account","values":[{"value":"\\udc00","label":"\\ud83d"},{"value":"a\\udbff"}]}}'


def _answer(path: str) -> tuple[int, str, bytes]:
    return 200, "application/json", VALUES if "/properties/" in path else TARGETS


@pytest.mark.anyio
@pytest.mark.child_process
async def test_lone_surrogates_from_polytomic_still_get_an_answer_over_stdio() -> None:
    with loopback_upstream(_answer) as url:
        params = StdioServerParameters(
            command=sys.executable,
            args=["-m", "polytomic_mcp", "serve"],
            cwd=str(ROOT),
            env={"PATH": os.environ["PATH"], "POLYTOMIC_API_KEY": "k-stdio", "POLYTOMIC_BASE_URL": url},
        )
        with anyio.fail_after(60):  # a hang is the failure this test exists for; it never measures speed
            async with Client(params) as client:
                first = await client.call_tool("list_sync_targets", {"connection_id": SALESFORCE, "limit": 1})
                rest = await client.call_tool(
                    "list_sync_targets",
                    {
                        "connection_id": SALESFORCE,
                        "limit": 1,
                        "cursor": (first.structured_content or {})["next_cursor"],
                    },
                )
                values = await client.call_tool(
                    "get_target_creation_values", {"connection_id": LINKEDIN_ADS, "property": "account"}
                )
    assert not first.is_error and not rest.is_error and not values.is_error
    ids = [t["id"] for page in (first, rest) for t in (page.structured_content or {})["targets"]]
    assert sorted(ids) == ["ok", "\ufffd"]
    assert (values.structured_content or {})["values"] == {"\ufffd": None, "a\ufffd": None}
