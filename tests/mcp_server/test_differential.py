"""Differential, property-based, through the tools: every body the official `polytomic` SDK accepts as Polytomic's
answer gives a result that fits the tool's output schema, or a clean tool error; never a crash.

Bodies come from `tests.payloads` (our spec's schemas loosened with nulls at any depth, dropped and unknown fields,
unknown enum strings, kept only when the SDK's own models accept them). One server and one real MCP client serve
all the examples of a test (through a blocking portal, as hypothesis drives plain functions); the cache is off so
every example is fetched.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from hypothesis import given, settings
from jsonschema.protocols import Validator
from mcp import Client

from polytomic_mcp.clients import make_api_client
from polytomic_mcp.sandbox.dataset import LINKEDIN_ADS, SALESFORCE
from polytomic_mcp.server import build_server
from tests.mcp_server.conftest import SETTINGS
from tests.mcp_server.support import schema_validator
from tests.payloads import PROFILE, sdk_accepted_payloads

EXAMPLES = settings(PROFILE, max_examples=120)
NO_CACHE = dataclasses.replace(SETTINGS, cache_ttl=0, max_retries=0)

# (tool, its arguments, the operation whose answer it reads, error texts that are clean answers for some bodies,
#  the least share of examples that must give a result: random bodies seldom hold a target with mode `create` or
#  a connection that can create targets, so those two cases mostly check that the error is clean)
CASES: list[tuple[str, dict[str, Any], str, tuple[str, ...], int]] = [
    ("list_sync_targets", {"connection_id": SALESFORCE, "include_target_creation_values": True}, "list_sync_targets",
     (), 3),
    ("list_sync_targets", {"connection_id": SALESFORCE, "search": "a", "mode": "create"}, "list_sync_targets",
     ("No target of connection",), 0),
    ("get_target_creation_values", {"connection_id": LINKEDIN_ADS, "property": "account"},
     "get_target_creation_property_values", (), 3),
    ("get_target_creation_values", {"connection_id": LINKEDIN_ADS}, "list_sync_targets",
     ("cannot create new targets",), 0),
    ("get_sync_target_fields", {"connection_id": SALESFORCE, "target": "Contact"}, "get_sync_target_fields", (), 3),
    ("list_connections", {"search": "e"}, "list_connections", (), 3),
]  # fmt: skip


class Answering:
    """The body every upstream request is answered with; set per example."""

    body = b"{}"

    def __call__(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=self.body, headers={"Content-Type": "application/json"})


@contextmanager
def serving(answer: Answering) -> Iterator[tuple[BlockingPortal, Client, dict[str, Validator]]]:
    api = make_api_client(NO_CACHE, transport=httpx.MockTransport(answer))
    with start_blocking_portal() as portal:
        with portal.wrap_async_context_manager(Client(build_server(NO_CACHE, api))) as client:
            listed = portal.call(client.list_tools)
            yield portal, client, {tool.name: schema_validator(tool.output_schema or {}) for tool in listed.tools}


@pytest.mark.parametrize(("tool", "arguments", "operation", "clean_errors", "share"), CASES)
def test_every_answer_the_official_sdk_accepts_gives_a_result_or_a_clean_error(
    tool: str, arguments: dict[str, Any], operation: str, clean_errors: tuple[str, ...], share: int
) -> None:
    answer = Answering()
    outcomes = {"result": 0, "error": 0}
    with serving(answer) as (portal, client, validators):

        @EXAMPLES
        @given(payload=sdk_accepted_payloads(operation))
        def check(payload: dict[str, Any]) -> None:
            answer.body = json.dumps(payload).encode()
            result = portal.call(client.call_tool, tool, arguments)
            text = result.content[0].text if result.content and result.content[0].type == "text" else ""
            if result.is_error:
                assert any(fragment in text for fragment in clean_errors), text
                outcomes["error"] += 1
                return
            assert result.structured_content is not None and json.loads(text) == result.structured_content
            validators[tool].validate(result.structured_content)
            outcomes["result"] += 1

        check()
    assert sum(outcomes.values()) == EXAMPLES.max_examples
    if share:
        assert outcomes["result"] >= EXAMPLES.max_examples // share, outcomes  # the property ran on real results
