from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from mcp import Client, StdioServerParameters

from mcp_server import __version__
from mcp_server.cli import main
from mcp_server.sandbox.dataset import LINKEDIN_ADS, SALESFORCE

ROOT = Path(__file__).resolve().parents[2]
CREDENTIAL_VARS = ("POLYTOMIC_API_KEY", "POLYTOMIC_BASIC_AUTH")


@pytest.fixture(autouse=True)
def no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in CREDENTIAL_VARS:
        monkeypatch.delenv(name, raising=False)


def test_help_lists_the_commands_and_the_configuration(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    out = capsys.readouterr().out
    assert exited.value.code == 0
    for word in ("serve", "tools", "call", "sandbox-api", "POLYTOMIC_API_KEY", "POLYTOMIC_BASIC_AUTH", "--sandbox"):
        assert word in out


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"polytomic-mcp {__version__}"


@pytest.mark.parametrize("argv", [[], ["serve"], ["call", "list_sync_targets", "{}"]])
def test_without_credentials_or_sandbox_it_exits_2_naming_the_variables(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "POLYTOMIC_API_KEY" in err and "POLYTOMIC_BASIC_AUTH" in err and "--sandbox" in err
    assert "Traceback" not in err


def test_call_prints_the_compact_result_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["call", "list_sync_targets", json.dumps({"connection_id": SALESFORCE, "limit": 3}), "--sandbox"])
    out = capsys.readouterr().out
    assert code == 0
    page = json.loads(out)
    assert len(page["targets"]) == 3 and page["next_cursor"]


def test_call_exits_1_on_a_tool_error_and_2_on_unreadable_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["call", "list_sync_targets", '{"connection_id": "nope"}', "--sandbox"]) == 1
    assert "'connection_id' must be a UUID" in capsys.readouterr().err
    assert main(["call", "list_sync_targets", "{not json", "--sandbox"]) == 2
    assert main(["call", "list_sync_targets", "[1]", "--sandbox"]) == 2


def test_tools_lists_every_tool_as_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tools"]) == 0
    out = capsys.readouterr().out
    assert "list_sync_targets(connection_id, [search]" in out and "list_connections([search]" in out
    assert main(["tools", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {t["name"] for t in listed["tools"]} == {
        "list_connections",
        "list_sync_targets",
        "get_target_creation_values",
        "get_sync_target_fields",
    }


def test_call_runs_the_whole_workflow_from_a_shell(capsys: pytest.CaptureFixture[str]) -> None:
    def call(tool: str, arguments: dict[str, object]) -> dict[str, Any]:
        assert main(["call", tool, json.dumps(arguments), "--sandbox"]) == 0
        result: dict[str, Any] = json.loads(capsys.readouterr().out)
        return result

    (crm,) = call("list_connections", {"search": "salesforce"})["connections"]
    targets = call("list_sync_targets", {"connection_id": crm["id"], "mode": "updateOrCreate", "search": "contact"})
    assert "Contact" in {t["id"] for t in targets["targets"]}
    required = call("get_sync_target_fields", {"connection_id": crm["id"], "target": "Contact", "required_only": True})
    assert [f["id"] for f in required["fields"]] == ["LastName"]


@pytest.mark.anyio
async def test_stdio_server_in_sandbox_mode_answers_the_tools() -> None:
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "mcp_server", "serve", "--sandbox"],
        cwd=str(ROOT),
        env={"PATH": os.environ["PATH"]},
    )
    async with Client(params) as client:
        connections = await client.call_tool("list_connections", {"search": "salesforce"})
        targets = await client.call_tool("list_sync_targets", {"connection_id": SALESFORCE, "search": "account"})
        values = await client.call_tool(
            "get_target_creation_values", {"connection_id": LINKEDIN_ADS, "property": "account"}
        )
    assert not connections.is_error and connections.structured_content
    assert [c["id"] for c in connections.structured_content["connections"]] == [SALESFORCE]
    assert not targets.is_error and targets.structured_content and targets.structured_content["total"] > 0
    assert not values.is_error and values.structured_content and values.structured_content["total"] >= 300


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_sandbox_api_serves_connections_over_a_real_port() -> None:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mcp_server", "sandbox-api", "--port", str(port), "--api-key", "K-test"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                response = httpx.get(f"{url}/api/connections", headers={"Authorization": "Bearer K-test"}, timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline, "sandbox-api did not start"
                time.sleep(0.1)
        assert response.status_code == 200
        assert len(response.json()["data"]) >= 9
        assert httpx.get(f"{url}/api/connections", timeout=2).status_code == 401
    finally:
        process.terminate()
        _, err = process.communicate(timeout=10)
    assert re.search(rf"http://127\.0\.0\.1:{port}", err)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_call_reports_an_html_error_page_by_its_status_without_a_traceback(
    status: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.mcp_server.support import loopback_upstream

    page = b"<html><body><h1>Bad gateway</h1>nginx</body></html>"
    monkeypatch.setenv("POLYTOMIC_API_KEY", "k-cli")
    monkeypatch.setenv("POLYTOMIC_MAX_RETRIES", "0")
    with loopback_upstream(lambda path: (status, "text/html", page)) as url:
        monkeypatch.setenv("POLYTOMIC_BASE_URL", url)
        code = main(["call", "list_sync_targets", json.dumps({"connection_id": SALESFORCE})])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert f"failed to answer (HTTP {status})" in err
    assert "Traceback" not in err and "127.0.0.1" not in err
