"""server.json, the MCP registry's description of this server, against the registry's schema and the project.

tests/data/server.schema.json is the registry's published schema, byte for byte:
https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json (sha256 below). Moving server.json
to a newer schema means replacing the file, the hash and `$schema` together.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from polytomic_mcp import settings
from polytomic_mcp.cli import LOG_LEVELS
from scripts.bundle import DISTRIBUTION, project_version

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = Path(__file__).parent / "data" / "server.schema.json"
SCHEMA_URL = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json"
SCHEMA_SHA256 = "3fba09590c99f61735d234822279f4223fab9e300c0a81e81c91ab62a4114de0"
SERVER: dict[str, Any] = json.loads((ROOT / "server.json").read_text(encoding="utf-8"))
SECRET_VARIABLES = {settings.ENV_API_KEY, settings.ENV_BASIC_AUTH, settings.ENV_MCP_TOKEN}


def errors(document: dict[str, Any]) -> list[str]:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in Draft7Validator(schema).iter_errors(document)
    ]


def package() -> dict[str, Any]:
    (pypi,) = SERVER["packages"]
    assert isinstance(pypi, dict)
    return pypi


def test_the_vendored_schema_is_the_published_one() -> None:
    assert hashlib.sha256(SCHEMA_PATH.read_bytes()).hexdigest() == SCHEMA_SHA256
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))["$id"] == SCHEMA_URL == SERVER["$schema"]


def test_server_json_validates_against_the_registry_schema() -> None:
    assert errors(SERVER) == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (["description"], "x" * 101),
        (["name"], "polytomic-mcp"),
        (["packages", 0, "version"], "latest"),
        (["packages", 0, "transport"], {"type": "carrier-pigeon"}),
        (["packages", 0, "environmentVariables", 0, "isSecret"], "yes"),
    ],
)
def test_the_schema_refuses_what_the_registry_refuses(path: list[str | int], value: object) -> None:
    broken = copy.deepcopy(SERVER)
    parent: Any = broken
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    assert errors(broken)


def test_the_versions_are_the_projects() -> None:
    assert SERVER["version"] == package()["version"] == project_version()


def test_it_describes_the_pypi_package_run_over_stdio_with_serve() -> None:
    assert package()["registryType"] == "pypi" and package()["identifier"] == DISTRIBUTION
    assert package()["transport"] == {"type": "stdio"}
    assert package()["packageArguments"] == [{"type": "positional", "value": "serve"}]
    assert len(SERVER["description"]) <= 100


def test_every_variable_is_one_the_server_reads_and_exactly_the_credentials_are_secret() -> None:
    variables = package()["environmentVariables"]
    names = [variable["name"] for variable in variables]
    assert set(names) <= {variable.name for variable in settings.ENVIRONMENT}
    assert {settings.ENV_API_KEY, settings.ENV_BASE_URL, settings.ENV_API_VERSION, settings.ENV_LOG_LEVEL} <= set(names)
    assert {variable["name"] for variable in variables if variable.get("isSecret")} == SECRET_VARIABLES & set(names)
    assert len(names) == len(set(names))


def test_the_defaults_it_states_are_the_servers() -> None:
    defaults = {variable["name"]: variable.get("default") for variable in package()["environmentVariables"]}
    assert defaults[settings.ENV_BASE_URL] == settings.DEFAULT_BASE_URL
    assert defaults[settings.ENV_API_VERSION] == settings.DEFAULT_API_VERSION
    assert defaults[settings.ENV_LOG_LEVEL] == "INFO"  # `serve`'s default
    (log_level,) = (v for v in package()["environmentVariables"] if v["name"] == settings.ENV_LOG_LEVEL)
    assert set(log_level["choices"]) <= set(LOG_LEVELS)
    assert not any(defaults[name] for name in SECRET_VARIABLES & set(defaults))


@pytest.mark.parametrize("readme", ["README.md", "mcp_server/README.md"])
def test_the_readme_carries_the_ownership_marker_for_this_name(readme: str) -> None:
    """The registry reads the marker from the package's description on PyPI: mcp_server/README.md."""
    text = (ROOT / readme).read_text(encoding="utf-8")
    assert re.findall(r"<!-- mcp-name: (\S+) -->", text) == [SERVER["name"]]
