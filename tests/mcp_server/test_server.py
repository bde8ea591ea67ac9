from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Callable

import pytest
from mcp import Client
from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from polytomic_mcp.results import SyncTargetsPage
from polytomic_mcp.sandbox.dataset import SALESFORCE
from polytomic_mcp.server import describe_invalid_arguments
from tests.mcp_server.support import call_error

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
