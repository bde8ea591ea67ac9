"""scripts/bundle.py and the MCP Bundle it builds.

The manifest template is checked against the server it describes without building anything. The `bundle` test
builds the real .mcpb (uv builds the wheels and locks, npx runs the pinned mcpb), validates and unpacks it with
mcpb, and starts the unpacked bundle exactly as its manifest's mcp_config tells a client to.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from mcp import Client, StdioServerParameters

from polytomic_mcp.sandbox.dataset import SALESFORCE
from polytomic_mcp.server import build_server
from polytomic_mcp.settings import ENVIRONMENT, Settings
from scripts import bundle

TEMPLATE: dict[str, Any] = json.loads((bundle.TEMPLATE / "manifest.json").read_text(encoding="utf-8"))
_VARIABLE = re.compile(r"\$\{([^}]+)\}")
# What a started bundle may see of this machine: where uv and its cache are, and nothing that names a credential.
_PASSED_ON = ("PATH", "HOME", "UV_CACHE_DIR", "UV_PYTHON_INSTALL_DIR", "SSL_CERT_FILE", "HTTPS_PROXY", "HTTP_PROXY")


def one_line(description: str | None) -> str:
    """A tool's description as the manifest lists it: its first paragraph on one line."""
    return " ".join((description or "").split("\n\n", 1)[0].split())


def substitute(manifest: dict[str, Any], directory: Path, user_config: dict[str, Any]) -> dict[str, Any]:
    """The mcp_config a client runs, worked out as @anthropic-ai/mcpb's getMcpConfigForManifest does: the manifest's
    defaults overridden by what the user set, booleans as "true"/"false", `${__dirname}` the unpacked bundle, and
    a variable with no value left as it is written."""
    values: dict[str, Any] = {
        key: option["default"] for key, option in manifest["user_config"].items() if "default" in option
    }
    values.update(user_config)
    variables = {"__dirname": str(directory)}
    for key, value in values.items():
        variables[f"user_config.{key}"] = ("true" if value else "false") if isinstance(value, bool) else str(value)

    def replace(text: str) -> str:
        return _VARIABLE.sub(lambda match: variables.get(match[1], match[0]), text)

    config = manifest["server"]["mcp_config"]
    return {
        "command": replace(config["command"]),
        "args": [replace(arg) for arg in config.get("args", [])],
        "env": {name: replace(value) for name, value in config.get("env", {}).items()},
    }


@pytest.mark.anyio
async def test_the_manifest_lists_the_tools_and_the_prompt_the_server_serves() -> None:
    async with Client(build_server(Settings())) as client:
        tools = (await client.list_tools()).tools
        prompts = (await client.list_prompts()).prompts
    assert TEMPLATE["tools"] == [{"name": tool.name, "description": one_line(tool.description)} for tool in tools]
    assert TEMPLATE["prompts"] == [
        {
            "name": prompt.name,
            "description": prompt.description,
            "arguments": [argument.name for argument in prompt.arguments or []],
            "text": TEMPLATE["prompts"][0]["text"],
        }
        for prompt in prompts
    ]
    assert all(
        f"${{arguments.{name}}}" in TEMPLATE["prompts"][0]["text"] for name in TEMPLATE["prompts"][0]["arguments"]
    )


def test_the_manifest_asks_for_the_key_the_url_and_the_sandbox_and_passes_them_as_variables_the_server_reads() -> None:
    names = {variable.name for variable in ENVIRONMENT}
    env = TEMPLATE["server"]["mcp_config"]["env"]
    assert env == {
        "POLYTOMIC_API_KEY": "${user_config.api_key}",
        "POLYTOMIC_BASE_URL": "${user_config.base_url}",
        "POLYTOMIC_SANDBOX": "${user_config.sandbox}",
    }
    assert set(env) <= names
    options = TEMPLATE["user_config"]
    assert options["api_key"]["sensitive"] is True and options["api_key"]["type"] == "string"
    assert options["sandbox"]["type"] == "boolean" and options["sandbox"]["default"] is False
    assert not any(option.get("sensitive") for key, option in options.items() if key != "api_key")
    # An option left unset with no default reaches the server as the literal "${user_config.…}" (a key that is
    # not one, say): every option the user may leave unset has a default.
    assert all("default" in option for option in options.values() if not option.get("required"))
    assert substitute(TEMPLATE, Path("/b"), {})["env"] == {
        "POLYTOMIC_API_KEY": "",
        "POLYTOMIC_BASE_URL": "https://app.polytomic.com",
        "POLYTOMIC_SANDBOX": "false",
    }
    assert Settings.from_env(substitute(TEMPLATE, Path("/b"), {"sandbox": True})["env"]).sandbox
    settings = Settings.from_env(substitute(TEMPLATE, Path("/b"), {"api_key": "k" * 40})["env"])
    assert settings.api_key == "k" * 40 and settings.base_url == "https://app.polytomic.com" and not settings.sandbox


def test_the_bundle_project_depends_on_every_wheel_uv_built_by_path_and_pins_the_rest(tmp_path: Path) -> None:
    wheels = [
        bundle.Wheel(tmp_path / "polytomic_mcp-1.2.0-py3-none-any.whl", "polytomic-mcp", "1.2.0"),
        bundle.Wheel(tmp_path / "polytomic_sync_client-1.2.0-py3-none-any.whl", "polytomic-sync-client", "1.2.0"),
    ]
    parsed = tomllib.loads(
        bundle.bundle_pyproject("1.2.0", ">=3.11", wheels, ["httpx==0.28.1", "pywin32==312 ; sys_platform == 'win32'"])
    )
    assert parsed["project"]["version"] == "1.2.0" and parsed["project"]["requires-python"] == ">=3.11"
    assert parsed["project"]["dependencies"] == ["polytomic-mcp==1.2.0", "polytomic-sync-client==1.2.0"]
    assert parsed["tool"]["uv"]["sources"] == {
        "polytomic-mcp": {"path": "wheels/polytomic_mcp-1.2.0-py3-none-any.whl"},
        "polytomic-sync-client": {"path": "wheels/polytomic_sync_client-1.2.0-py3-none-any.whl"},
    }
    assert parsed["tool"]["uv"]["constraint-dependencies"] == [
        "httpx==0.28.1",
        "pywin32==312 ; sys_platform == 'win32'",
    ]
    assert parsed["tool"]["uv"]["package"] is False


def test_the_built_manifest_is_the_template_with_the_project_version() -> None:
    built = bundle.manifest(bundle.project_version())
    assert built.pop("version") == bundle.project_version()
    assert built == TEMPLATE
    assert list(bundle.manifest("9.9.9"))[:4] == ["manifest_version", "name", "display_name", "version"]


@pytest.mark.bundle
@pytest.mark.child_process
@pytest.mark.timeout(600)
@pytest.mark.anyio
async def test_the_bundle_builds_validates_and_unpacked_answers_initialize_and_tools_list_in_sandbox_mode(
    tmp_path: Path,
) -> None:
    built = bundle.build(tmp_path / "out")
    assert built == tmp_path / "out" / "polytomic-mcp.mcpb" and built.stat().st_size > 0

    unpacked = tmp_path / "unpacked"
    bundle.mcpb("unpack", str(built), str(unpacked))
    assert "passes" in bundle.mcpb("validate", str(unpacked / "manifest.json"))
    manifest = json.loads((unpacked / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == bundle.project_version() and manifest["server"]["type"] == "uv"
    assert (unpacked / manifest["server"]["entry_point"]).is_file() and (unpacked / "uv.lock").is_file()
    wheels = sorted(path.name for path in (unpacked / "wheels").iterdir())
    assert f"polytomic_mcp-{bundle.project_version()}-py3-none-any.whl" in wheels
    project = tomllib.loads((unpacked / "pyproject.toml").read_text(encoding="utf-8"))
    assert sorted(source["path"] for source in project["tool"]["uv"]["sources"].values()) == [
        f"wheels/{wheel}" for wheel in wheels
    ]

    config = substitute(manifest, unpacked, {"sandbox": True})  # the API key and URL left as they come
    assert "${" not in json.dumps(config)
    machine = {name: value for name, value in os.environ.items() if name in _PASSED_ON}
    params = StdioServerParameters(command=config["command"], args=config["args"], env={**machine, **config["env"]})
    async with Client(params) as client:
        assert client.server_info is not None and client.server_info.name == "polytomic"
        assert client.server_capabilities is not None and client.server_capabilities.tools is not None
        tools = (await client.list_tools()).tools
        connections = await client.call_tool("list_connections", {"search": "salesforce"})
    assert [tool.name for tool in tools] == [tool["name"] for tool in manifest["tools"]]
    assert not connections.is_error and connections.structured_content
    assert [c["id"] for c in connections.structured_content["connections"]] == [SALESFORCE]
