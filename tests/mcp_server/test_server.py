from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from mcp import Client

from mcp_server.results import SyncTargetsPage
from mcp_server.sandbox.dataset import SALESFORCE
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

    monkeypatch.setattr("mcp_server.tools.targets.targets_page", crash)
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
