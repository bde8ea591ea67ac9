from __future__ import annotations

import argparse
import importlib.metadata
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from mcp import Client, StdioServerParameters

from polytomic_mcp import __version__
from polytomic_mcp.cli import CONFIG_HELP, build_parser, configure_logging, main
from polytomic_mcp.sandbox import DEFAULT_API_KEY, SANDBOX_BASE_URL
from polytomic_mcp.sandbox.dataset import LINKEDIN_ADS, SALESFORCE, UNHEALTHY
from polytomic_mcp.settings import HttpOptions, Settings, environment_help
from tests.snapshots import assert_json_snapshot

ROOT = Path(__file__).resolve().parents[2]
CREDENTIAL_VARS = ("POLYTOMIC_API_KEY", "POLYTOMIC_BASIC_AUTH", "POLYTOMIC_SANDBOX")


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


def test_the_version_in_the_code_is_the_one_the_package_is_installed_with() -> None:
    assert __version__ == importlib.metadata.version("polytomic-mcp")


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


def test_polytomic_sandbox_true_serves_the_sandbox_without_the_flag(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("POLYTOMIC_SANDBOX", "true")
    assert main(["call", "list_connections", '{"search": "salesforce"}']) == 0
    assert json.loads(capsys.readouterr().out)["connections"][0]["id"] == SALESFORCE


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
    out = capsys.readouterr().out
    listed = json.loads(out)
    assert out == json.dumps(listed, indent=2) + "\n"
    assert all("inputSchema" in tool and "outputSchema" in tool and "title" in tool for tool in listed["tools"])
    assert not any(value is None for tool in listed["tools"] for value in tool.values())
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
    assert "Contact" in targets["targets"]  # with mode, a target that adds nothing to its id is the id alone
    required = call("get_sync_target_fields", {"connection_id": crm["id"], "target": "Contact", "required_only": True})
    assert [f["id"] for f in required["fields"]] == ["LastName"]


@pytest.mark.child_process
@pytest.mark.anyio
async def test_stdio_server_in_sandbox_mode_answers_the_tools() -> None:
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "polytomic_mcp", "serve", "--sandbox"],
        cwd=str(ROOT),
        # Nothing but PATH (no credentials can leak in), and coverage's own variables so the child is measured.
        env={name: value for name, value in os.environ.items() if name == "PATH" or name.startswith("COVERAGE_")},
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


@pytest.mark.child_process
def test_sandbox_api_binds_the_port_it_is_given_0_and_prints_the_one_it_got() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "polytomic_mcp", "sandbox-api", "--port", "0", "--api-key", "K-test"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as in a terminal, even when this suite runs as a background job (which starts with SIGINT ignored)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()  # printed once the socket listens, so it is connectable from now on
        found = re.search(r"Sandbox Polytomic API on (http://127\.0\.0\.1:(\d+)) ", line)
        assert found and int(found.group(2)) != 0, line
        url = found.group(1)
        response = httpx.get(f"{url}/api/connections", headers={"Authorization": "Bearer K-test"}, timeout=30)
        assert response.status_code == 200
        assert len(response.json()["data"]) >= 9
        assert httpx.get(f"{url}/api/connections", timeout=30).status_code == 401
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C: a clean stop
        _, err = process.communicate(timeout=30)
    assert process.returncode == 130 and "Traceback" not in err


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [("--port", "65536", "--port must be between 0 and 65535"), ("--port", "-1", "--port must be between 0 and 65535"),
     ("--latency", "-0.5", "--latency must not be negative")],
)  # fmt: skip
def test_sandbox_api_refuses_a_bad_port_or_latency_with_exit_2(
    option: str, value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sandbox-api", f"{option}={value}"]) == 2
    assert capsys.readouterr().err == f"polytomic-mcp: {message}\n"


@pytest.mark.parametrize("default", ["INFO", "ERROR"])  # each readable level differs from one of the two
@pytest.mark.parametrize(
    ("variable", "readable"),
    [("debug", logging.DEBUG), (" info ", logging.INFO), ("Warning", logging.WARNING), ("error", logging.ERROR),
     ("CRITICAL", logging.CRITICAL), ("", None), ("  ", None)],
)  # fmt: skip
def test_log_level_comes_from_the_environment_and_falls_back_to_the_default_when_unset(
    variable: str, readable: int | None, default: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    level = logging.getLevelNamesMapping()[default] if readable is None else readable
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])  # basicConfig only configures a root logger without handlers
    monkeypatch.setattr(root, "level", root.level)
    monkeypatch.setenv("POLYTOMIC_LOG_LEVEL", variable)
    configure_logging(default)
    assert root.level == level
    [handler] = root.handlers
    assert isinstance(handler, logging.StreamHandler) and handler.stream is sys.stderr
    assert handler.formatter is not None and handler.formatter._fmt == "%(asctime)s %(levelname)s %(name)s: %(message)s"


@pytest.mark.child_process
def test_serve_logs_its_configuration_without_the_key_and_exits_0_when_the_client_closes_stdin() -> None:
    key = "pk_live_never_logged_0123"
    done = subprocess.run(
        [sys.executable, "-m", "polytomic_mcp"],
        cwd=ROOT,
        env={**os.environ, "POLYTOMIC_API_KEY": key, "POLYTOMIC_LOG_LEVEL": "debug"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Serving over stdio: Settings(auth=api_key, base_url='https://app.polytomic.com'" in done.stderr
    assert "sandbox" not in done.stderr and key not in done.stderr and done.stdout == ""


@pytest.mark.child_process
@pytest.mark.parametrize(
    ("tool", "arguments"),
    [("list_sync_targets", {"connection_id": UNHEALTHY}),
     ("get_sync_target_fields", {"connection_id": UNHEALTHY, "target": "crm.accounts"})],
)  # fmt: skip
def test_the_first_call_in_a_fresh_process_still_quotes_what_polytomic_said(
    tool: str, arguments: dict[str, str]
) -> None:
    # A fresh interpreter: the generated models and API modules are imported by this very call, not by a test
    # that ran before it.
    done = subprocess.run(
        [sys.executable, "-m", "polytomic_mcp", "call", tool, json.dumps(arguments), "--sandbox"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if not k.startswith("POLYTOMIC_")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert "Polytomic rejected the request (HTTP 400). Polytomic said: \"connection 'Legacy CRM database' is " \
           "unhealthy: Error 1045 (28000)" in done.stderr, done.stderr  # fmt: skip


def test_ctrl_c_ends_the_command_with_exit_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(settings: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr("polytomic_mcp.cli.serve", interrupted)
    assert main(["serve", "--sandbox"]) == 130


SECOND = {"second_api_key": "sandbox-globex-api-key"}


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], {"host": "127.0.0.1", "port": 8765, "api_key": DEFAULT_API_KEY, "latency": 0.0, **SECOND}),
        (
            ["--host", "::1", "--port", "0", "--api-key", "K", "--latency", "0.25", "--second-api-key", "G"],
            {"host": "::1", "port": 0, "api_key": "K", "latency": 0.25, "second_api_key": "G"},
        ),
        (
            ["--port", "65535", "--latency", "0"],
            {"host": "127.0.0.1", "port": 65535, "api_key": DEFAULT_API_KEY, "latency": 0.0, **SECOND},
        ),
    ],
)
def test_sandbox_api_passes_its_options_to_the_server(
    argv: list[str], expected: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, object]] = []
    monkeypatch.setattr("polytomic_mcp.sandbox.serve.serve", lambda **kwargs: calls.append(kwargs))
    assert main(["sandbox-api", *argv]) == 0
    assert calls == [expected]


def _describe(parser: argparse.ArgumentParser) -> dict[str, Any]:
    """What --help says, option by option, independent of how this Python version's argparse lays it out."""
    described: dict[str, Any] = {
        "prog": parser.prog,
        "description": parser.description,
        "formatter": getattr(parser.formatter_class, "__name__", ""),
        "options": [],
    }
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            described["commands"] = {name: _describe(sub) for name, sub in action.choices.items()}
            described["command_help"] = {choice.dest: choice.help for choice in action._choices_actions}
            described["command_metavar"] = action.metavar
            continue
        if isinstance(action, argparse._HelpAction):  # argparse's own text
            continue
        option = {"flags": action.option_strings or [action.dest], "help": action.help, "default": action.default}
        option.update({"type": getattr(action.type, "__name__", "")} if action.type is not None else {})
        option.update({"nargs": action.nargs} if action.nargs is not None else {})
        option.update({"choices": list(action.choices)} if action.choices is not None else {})
        option.update({"metavar": action.metavar} if action.metavar is not None else {})
        described["options"].append(option)
    return described


def test_the_command_line_matches_its_reviewed_snapshot() -> None:
    parser = build_parser()
    assert parser.epilog == CONFIG_HELP and CONFIG_HELP.startswith(f"{environment_help()}\n\nWith --sandbox")
    assert_json_snapshot("cli/parser", _describe(parser))


def test_tools_text_listing_matches_its_reviewed_snapshot(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tools"]) == 0
    assert_json_snapshot("cli/tools", capsys.readouterr().out.splitlines())


@pytest.mark.parametrize(
    ("argv", "level"),
    [([], "INFO"), (["serve"], "INFO"), (["sandbox-api"], "INFO"), (["tools"], "WARNING"), (["call", "x"], "WARNING")],
)
def test_servers_log_at_info_by_default_and_one_shot_commands_at_warning(
    argv: list[str], level: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    defaults: list[str] = []
    monkeypatch.setattr("polytomic_mcp.cli.configure_logging", defaults.append)
    monkeypatch.setattr("polytomic_mcp.sandbox.serve.serve", lambda **_: None)
    main(argv)  # without credentials, serve and call stop at the configuration check
    assert defaults == [level]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{not json",
            "tool arguments must be a JSON object: Expecting property name enclosed in double quotes at position 1",
        ),
        ("[1]", 'tool arguments must be a JSON object, e.g. \'{"connection_id": "..."}\''),
    ],
)
def test_unreadable_tool_arguments_are_refused_with_exit_2_and_the_reason(
    text: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["call", "list_sync_targets", text, "--sandbox"]) == 2
    assert capsys.readouterr().err == f"polytomic-mcp: {message}\n"


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


def test_sandbox_api_refuses_the_same_key_for_both_organizations(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sandbox-api", "--api-key", "same-key-1", "--second-api-key", "same-key-1"]) == 2
    assert capsys.readouterr().err == (
        "polytomic-mcp: --api-key and --second-api-key must differ (they select the organization)\n"
    )


SHARED_TOKEN = "team-token-0123456789abcdef0123456789abcdef"
SANDBOX_NOTE = "Using the built-in sandbox Polytomic API (no account needed; data is synthetic)."
# What --sandbox hands the server: settings aimed at the in-process sandbox (and, beside them, its transport).
SANDBOXED = Settings(sandbox=True, base_url=SANDBOX_BASE_URL, api_key=DEFAULT_API_KEY)


def _only_these_variables(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [name for name in os.environ if name.startswith("POLYTOMIC_")]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)


def _logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "polytomic_mcp"]


@pytest.mark.parametrize(
    ("argv", "env", "settings", "logged"),
    [
        (
            ["serve", "--sandbox"],
            {},
            SANDBOXED,
            ["Serving over stdio: Settings(sandbox=True, api_version='2025-09-18', timeout=30.0)", SANDBOX_NOTE],
        ),
        (
            [],
            {"POLYTOMIC_API_KEY": "pk_live_serve_0123"},
            Settings(api_key="pk_live_serve_0123"),
            [
                "Serving over stdio: Settings(auth=api_key, base_url='https://app.polytomic.com', "
                "api_version='2025-09-18', timeout=30.0)"
            ],
        ),
    ],
)
def test_serve_runs_the_server_over_stdio_with_the_settings_it_logs(
    argv: list[str],
    env: dict[str, str],
    settings: Settings,
    logged: list[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    ran: list[Settings] = []
    _only_these_variables(env, monkeypatch)

    class Server:
        def __init__(self, settings: Settings, network: httpx.AsyncBaseTransport | None = None) -> None:
            self.settings = settings
            self.network = network

        def run(self) -> None:  # the stdio transport: what `build_server(settings).run()` serves on
            assert isinstance(self.network, httpx.ASGITransport) if self.settings.sandbox else self.network is None
            ran.append(self.settings)

    monkeypatch.setattr("polytomic_mcp.server.build_server", Server)
    with caplog.at_level(logging.INFO, logger="polytomic_mcp"):
        assert main(argv) == 0
    assert ran == [settings]
    assert _logged(caplog) == logged


@pytest.mark.parametrize(
    ("argv", "env", "settings", "options", "logged"),
    [
        (
            ["--sandbox"],
            {},
            SANDBOXED,
            HttpOptions(),
            ["Serving over HTTP: Settings(sandbox=True, api_version='2025-09-18', timeout=30.0)", SANDBOX_NOTE],
        ),
        (
            ["--sandbox", "--host", "[fd00::1]", "--port", "0", "--auth", "shared", "--allowed-host", "a.example",
             "--allowed-host", "b.example:8443", "--allowed-origin", "https://app.example.com/",
             "--allowed-origin", "http://localhost:5173"],
            {"POLYTOMIC_MCP_TOKEN": SHARED_TOKEN},
            replace(SANDBOXED, auth_mode="shared", mcp_token=SHARED_TOKEN),
            HttpOptions("fd00::1", 0, ("a.example", "b.example:8443"), ("https://app.example.com", "http://localhost:5173")),
            [
                "Serving over HTTP: Settings(sandbox=True, auth_mode='shared', api_version='2025-09-18', timeout=30.0)",
                SANDBOX_NOTE,
            ],
        ),
        (
            ["--host", "0.0.0.0", "--port", "65535", "--auth", "passthrough"],
            {"POLYTOMIC_BASE_URL": "https://pt.example/"},
            Settings(auth_mode="passthrough", base_url="https://pt.example"),
            HttpOptions("0.0.0.0", 65535),
            [
                "Serving over HTTP: Settings(auth=none, auth_mode='passthrough', base_url='https://pt.example', "
                "api_version='2025-09-18', timeout=30.0)"
            ],
        ),
    ],
)  # fmt: skip
def test_serve_over_http_hands_the_checked_options_and_settings_to_the_http_server(
    argv: list[str],
    env: dict[str, str],
    settings: Settings,
    options: HttpOptions,
    logged: list[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    served: list[tuple[Settings, HttpOptions]] = []
    _only_these_variables(env, monkeypatch)

    def serve_http(settings: Settings, options: HttpOptions, network: httpx.AsyncBaseTransport | None) -> None:
        assert isinstance(network, httpx.ASGITransport) if settings.sandbox else network is None
        served.append((settings, options))

    monkeypatch.setattr("polytomic_mcp.http.serve_http", serve_http)
    with caplog.at_level(logging.INFO, logger="polytomic_mcp"):
        assert main(["serve", "--transport", "http", *argv]) == 0
    assert served == [(settings, options)]
    assert _logged(caplog) == logged


@pytest.mark.parametrize("level", ["verbose", "LOUD", "5"])
def test_a_log_level_that_is_not_one_is_refused_at_start_up_naming_the_levels(
    level: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLYTOMIC_LOG_LEVEL", level)
    assert main(["serve", "--sandbox"]) == 2
    assert capsys.readouterr().err == (
        "polytomic-mcp: POLYTOMIC_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL (or unset for INFO).\n"
    )


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--port", "9000"], "--port"),
        (["--host", "0.0.0.0", "--allowed-origin", "https://a.example"], "--host, --allowed-origin"),
        (["--allowed-host", "mcp.example.com"], "--allowed-host"),
    ],
)
def test_http_options_over_stdio_are_refused_naming_them(
    argv: list[str], named: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("polytomic_mcp.cli.serve", lambda *_: pytest.fail("a refused configuration was served"))
    assert main(["serve", "--sandbox", *argv]) == 2
    assert capsys.readouterr().err == (
        f"polytomic-mcp: {named} applies to --transport http only: add --transport http, or drop it.\n"
    )


@pytest.mark.parametrize(
    ("host", "port_in_use", "reason"),
    [("127.0.0.1", True, "Address already in use"), ("192.0.2.1", False, "Cannot assign requested address")],
)
def test_a_busy_port_or_a_host_that_is_not_this_machine_is_one_line_and_exit_2(
    host: str, port_in_use: bool, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1] if port_in_use else 0
        argv = ["serve", "--sandbox", "--transport", "http", "--host", host, "--port", str(port)]
        assert main([*argv, *([] if host == "127.0.0.1" else ["--auth", "passthrough"])]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"polytomic-mcp: Cannot listen on {host} port {port}: {reason}. Pass another --port (0 picks a free one) or "
        "a --host that is an address of this machine.\n"
    )


@pytest.mark.parametrize(
    ("base_url", "warned"),
    [("http://pt.example", True), ("https://pt.example", False), ("http://127.0.0.1:8765", False),
     ("http://localhost:8765", False)],
)  # fmt: skip
def test_a_plain_http_base_url_for_another_host_is_warned_about_naming_the_setting(
    base_url: str, warned: bool, caplog: pytest.LogCaptureFixture
) -> None:
    from polytomic_mcp.cli import warn_on_clear_text

    with caplog.at_level(logging.WARNING):
        warn_on_clear_text(Settings(api_key="pk_test_0123", base_url=base_url))
    lines = [r.getMessage() for r in caplog.records]
    assert lines == (
        ["POLYTOMIC_BASE_URL is a plain http:// URL for another host: Polytomic credentials will cross the network "
         "unencrypted. Use https:// unless this network is private."] if warned else []
    )  # fmt: skip


@pytest.mark.parametrize("argv", [["serve", "--sandbox"], ["serve", "--sandbox", "--transport", "http", "--port", "0"]])
def test_a_shared_cache_url_that_is_not_redis_is_one_line_and_exit_2_without_its_password(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("POLYTOMIC_CACHE_URL", "https://:s3cret-pw@cache.internal:6379/0")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err == (
        "polytomic-mcp: POLYTOMIC_CACHE_URL must be a redis:// or rediss:// URL with a host, such as "
        "redis://cache.internal:6379/0.\n"
    )
