from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Callable

import pytest
from mcp import Client
from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from polytomic_mcp.passthrough import NEW_KEYS_PER_MINUTE
from polytomic_mcp.prompts import PROMPT_NAME
from polytomic_mcp.results import SyncTargetsPage
from polytomic_mcp.sandbox import DEFAULT_API_KEY
from polytomic_mcp.sandbox.dataset import SALESFORCE
from polytomic_mcp.server import SDK_LOGGER, describe_invalid_arguments
from polytomic_mcp.settings import Settings
from tests.mcp_server.support import call_error
from tests.mcp_server.test_http import MCP_HEADERS
from tests.mcp_server.test_metrics import call, served

pytestmark = pytest.mark.anyio


def _runtime_error() -> None:
    raise RuntimeError("secret detail of the crash")


def _pydantic_error() -> None:  # what shaping a result can raise: never to be reported as the caller's arguments
    SyncTargetsPage.model_validate({"targets": "secret detail of the crash"})


@pytest.mark.parametrize(("raise_it", "kind"), [(_runtime_error, "RuntimeError"), (_pydantic_error, "ValidationError")])
async def test_a_crash_inside_a_tool_is_a_clean_internal_error_logged_without_its_text(
    mcp_client: Client,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    raise_it: Callable[[], None],
    kind: str,
) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise_it()

    monkeypatch.setattr("polytomic_mcp.tools.targets_handler.targets_page", crash)
    caplog.set_level(logging.INFO)
    text = await call_error(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE})
    assert text == (
        "list_sync_targets failed inside this server while handling Polytomic's answer (an internal error, not a "
        "problem with the arguments). Retrying may not help; the server's log has the details."
    )
    [warning] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert warning.getMessage() == f"Tool list_sync_targets failed unexpectedly: {kind}"
    assert warning.exc_info is None and "secret detail" not in caplog.text  # the traceback only at DEBUG
    assert not any("Invalid argument" in r.getMessage() for r in caplog.records)

    caplog.clear()
    caplog.set_level(logging.DEBUG, logger="polytomic_mcp.server")
    await call_error(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE})
    [debug] = [r for r in caplog.records if r.name == "polytomic_mcp.server" and r.levelno == logging.DEBUG]
    assert debug.getMessage() == "Tool list_sync_targets failed unexpectedly"
    assert debug.exc_info is not None and type(debug.exc_info[1]).__name__ == kind  # the crash itself, with traceback
    assert "secret detail" in caplog.text  # the details the message promises are in the log, at DEBUG only


def _invalid(*problems: tuple[tuple[str | int, ...], str, str]) -> ValidationError:
    """A ValidationError with exactly these (loc, type, message) problems, in order."""
    return ValidationError.from_exception_data(
        "arguments",
        [
            InitErrorDetails(type=PydanticCustomError(kind, message), loc=loc, input=None)
            for loc, kind, message in problems
        ],
    )


def test_invalid_arguments_are_described_once_each_in_order_with_every_argument_kept() -> None:
    error = _invalid(
        (("limit",), "too_big", "Input should be less than or equal to 200"),
        (("limit",), "int_type", "Input should be a valid integer"),  # a second branch of the same argument
        (("cursor",), "value_error", "Value error, Not a cursor from this tool"),
    )
    assert describe_invalid_arguments("list_sync_targets", error) == (
        "Invalid argument(s) for list_sync_targets: 'limit' input should be less than or equal to 200; "
        "'cursor' not a cursor from this tool. Fix and call again; nothing was sent to Polytomic."
    )


def test_a_problem_without_an_argument_or_a_message_is_still_described() -> None:
    error = _invalid(((), "value_error", "Pass connection_id or target"), (("mode",), "mode_error", ""))
    assert describe_invalid_arguments("t", error) == (
        "Invalid argument(s) for t: 'arguments' pass connection_id or target; 'mode' is invalid. "
        "Fix and call again; nothing was sent to Polytomic."
    )


# Start-up loads the tools' surfaces only: what touches httpx and the generated client loads with the first call.
STARTUP = """
import sys, anyio
from mcp import Client
from polytomic_mcp.server import build_server
from polytomic_mcp.settings import Settings

async def main(server) -> None:
    async with Client(server) as client:
        await client.list_tools()
        await client.list_prompts()
        late = ("httpx", "polytomic_sync_client", "attrs")
        print(" ".join(sorted(m for m in sys.modules if m.split(".")[0] in late or m.startswith("polytomic_mcp.")
                              and m.endswith(("_handler", ".fetching", ".planning", ".clients", ".transport")))))
        await client.call_tool("list_connections", {})
        print("httpx" in sys.modules, "polytomic_mcp.fetching" in sys.modules)

anyio.run(main, build_server(Settings(api_key="pk_startup", base_url="http://127.0.0.1:9", max_retries=0)))
"""


@pytest.mark.child_process
def test_starting_up_and_listing_loads_neither_httpx_nor_the_generated_client_until_the_first_call() -> None:
    done = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["", "True True"]


COMPLETE = {
    "jsonrpc": "2.0", "id": 2, "method": "completion/complete",
    "params": {"ref": {"type": "ref/prompt", "name": PROMPT_NAME}, "argument": {"name": "connection", "value": ""}},
}  # fmt: skip
HEADERS = {**MCP_HEADERS, "MCP-Protocol-Version": "2025-11-25"}
TOOL_LIST = "get_sync_target_fields, get_target_creation_values, list_connections, list_sync_targets"


async def test_a_made_up_tool_name_is_quoted_back_whole_up_to_60_characters_and_logged_whole_up_to_300(
    mcp_client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    """Beyond each bound the name is cut: quoted back with an ellipsis, logged with a count of what was left out."""
    caplog.set_level(logging.INFO, logger=SDK_LOGGER)
    quoted = {n: await call_error(mcp_client, "t" * n, {}) for n in (60, 61)}
    assert quoted[60] == f"Unknown tool {'t' * 60!r}; this server's tools are: {TOOL_LIST}."
    assert quoted[61] == f"Unknown tool {'t' * 60 + '…'!r}; this server's tools are: {TOOL_LIST}."
    caplog.clear()
    for name in ("made_up", "m" * 300, "m" * 301):
        await call_error(mcp_client, name, {})
    logged = [r.getMessage().split(" failed: ")[0] for r in caplog.records if r.name == SDK_LOGGER]
    assert logged == [
        "Tool 'made_up'",
        f"Tool {'m' * 300!r}",
        f"Tool {'m' * 300 + '… (1 more characters)'!r}",
    ]


async def test_a_completion_counts_against_its_address_s_allowance_of_new_keys() -> None:
    """Passthrough over HTTP: once an address has brought its new keys for the minute, a completion with yet another
    key from it is offered nothing (as a tool call with it is refused), however good that key is."""
    async with served(Settings(sandbox=True, auth_mode="passthrough")) as http:
        for n in range(NEW_KEYS_PER_MINUTE):
            await call(http, "list_connections", {}, token=f"pk_made_up_key_{n:04d}")
        response = await http.post(
            "/mcp", json=COMPLETE, headers={**HEADERS, "Authorization": f"Bearer {DEFAULT_API_KEY}"}
        )
        refused = await call(http, "list_connections", {}, token=DEFAULT_API_KEY)
    assert response.status_code == 200, response.text
    assert response.json()["result"]["completion"]["values"] == []
    assert refused["isError"] and "new Polytomic API keys within a minute" in refused["content"][0]["text"]
