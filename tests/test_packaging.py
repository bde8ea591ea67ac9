"""The two distributions as a user installs them, outside the repository: built into wheels, installed into fresh
virtual environments (and run with `uvx`), with only their own dependencies, next to a package that takes the
generic names `mcp_server` and `generated_client`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import anyio
import pytest
from mcp import Client, StdioServerParameters

from polytomic_mcp.sandbox import DEFAULT_API_KEY, Sandbox
from polytomic_mcp.sandbox.dataset import SALESFORCE
from polytomic_mcp.sandbox.serve import running

pytestmark = pytest.mark.child_process

ROOT = Path(__file__).resolve().parents[1]
UV = shutil.which("uv") or "uv"
VERSION = "0.1.0"
SPEC_NAME = "polytomic.yaml"  # the spec the client was generated from, shipped inside it
SALESFORCE_TARGETS = 977  # the sandbox CRM's target objects
# What the client needs: httpx and attrs, and what they need in turn. Nothing of the server (mcp, pydantic,
# starlette, uvicorn, cryptography...).
CLIENT_CLOSURE = {"anyio", "attrs", "certifi", "h11", "httpcore", "httpx", "idna", "sniffio", "typing-extensions"}
SERVER_ONLY = {"mcp", "pydantic", "pydantic-core", "starlette", "uvicorn", "cryptography", "polytomic-mcp"}

LIST_TARGETS = """
import json, sys, uuid
from importlib.resources import files

from polytomic_sync_client import AuthenticatedClient
from polytomic_sync_client.api.model_sync_targets import list_sync_targets
from polytomic_sync_client.models import TargetObjectsResponseEnvelope

url, key, connection = sys.argv[1:]
spec = files("polytomic_sync_client").joinpath("polytomic.yaml").read_text(encoding="utf-8")
with AuthenticatedClient(base_url=url, token=key, headers={"X-Polytomic-Version": "2025-09-18"}) as client:
    answer = list_sync_targets.sync_detailed(uuid.UUID(connection), client=client)
assert isinstance(answer.parsed, TargetObjectsResponseEnvelope)
print(json.dumps({"targets": len(answer.parsed.data or []), "spec": spec.splitlines()[0],
                  "server": "polytomic_mcp" in sys.modules}))
"""


def run(*command: str | Path, cwd: Path) -> str:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workspace's wheels, built as a release would build them, plus a wheel that takes the generic names."""
    out = tmp_path_factory.mktemp("dist")
    run(UV, "build", "--all-packages", "--out-dir", out, cwd=ROOT)  # a source distribution and a wheel of each
    write_generic_names_wheel(out)
    return out


def write_generic_names_wheel(out: Path) -> None:
    """A wheel with top-level `mcp_server` and `generated_client` packages, as PyPI's `mcp-server` 0.1.4 ships the
    first (its `mcp_server/server.py` imports `mcp.server.fastmcp`, which mcp 2.x no longer has)."""
    info = "generic_names-1.0.dist-info"
    files = {
        "mcp_server/__init__.py": "WHO = 'generic'\n",
        "mcp_server/server.py": "from mcp.server.fastmcp import FastMCP  # gone in mcp 2.x\n",
        "generated_client/__init__.py": "WHO = 'generic'\n",
        f"{info}/METADATA": "Metadata-Version: 2.1\nName: generic-names\nVersion: 1.0\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = "".join(f"{name},,\n" for name in files) + f"{info}/RECORD,,\n"
    with zipfile.ZipFile(out / "generic_names-1.0-py3-none-any.whl", "w") as wheel:
        for name, text in {**files, f"{info}/RECORD": record}.items():
            wheel.writestr(name, text)


@pytest.fixture
def venv(tmp_path: Path) -> Path:
    """A fresh virtual environment outside the repository; returns its interpreter."""
    run(UV, "venv", "--quiet", "--python", sys.executable, tmp_path / "venv", cwd=tmp_path)
    return tmp_path / "venv" / "bin" / "python"


def install(venv: Path, dist: Path, *requirements: str) -> set[str]:
    """Installs `requirements` from `dist` (dependencies from the package index); returns every installed name."""
    run(UV, "pip", "install", "--quiet", "--python", venv, "--find-links", dist, *requirements, cwd=venv.parent)
    listed = json.loads(run(UV, "pip", "list", "--python", venv, "--format", "json", cwd=venv.parent))
    return {package["name"].lower() for package in listed}


@pytest.fixture(scope="module")
def sandbox_url() -> Iterator[str]:
    with running(Sandbox()) as url:
        yield url


def test_the_client_package_installs_alone_with_only_httpx_and_attrs_and_lists_the_sandbox_s_targets(
    dist: Path, venv: Path, sandbox_url: str
) -> None:
    installed = install(venv, dist, "polytomic-sync-client")

    assert {"polytomic-sync-client", "httpx", "attrs"} <= installed
    assert installed - {"polytomic-sync-client"} <= CLIENT_CLOSURE, installed
    assert not installed & SERVER_ONLY
    answer = json.loads(run(venv, "-I", "-c", LIST_TARGETS, sandbox_url, DEFAULT_API_KEY, SALESFORCE, cwd=venv.parent))
    assert answer == {"targets": SALESFORCE_TARGETS, "spec": "openapi: 3.1.0", "server": False}


async def serves_over_stdio(command: str, *args: str, cwd: Path) -> None:
    """Starts the server as an assistant would and checks initialize, tools/list and one call."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("POLYTOMIC_")}  # no credential
    params = StdioServerParameters(command=command, args=list(args), cwd=str(cwd), env=env)
    with anyio.fail_after(120):  # a hang is the failure; never a measure of speed
        async with Client(params) as client:
            assert client.server_info is not None and (client.server_info.name, client.server_info.version) == (
                "polytomic",
                VERSION,
            )
            tools = await client.list_tools()
            answer = await client.call_tool("list_sync_targets", {"connection_id": SALESFORCE, "limit": 1})
    assert {tool.name for tool in tools.tools} >= {"list_connections", "list_sync_targets"}
    assert not answer.is_error and (answer.structured_content or {})["total"] == SALESFORCE_TARGETS


@pytest.mark.anyio
async def test_the_server_package_installs_from_its_wheel_and_serves_the_sandbox_over_stdio(
    dist: Path, venv: Path
) -> None:
    installed = install(venv, dist, "polytomic-mcp")

    assert {"polytomic-mcp", "polytomic-sync-client", "mcp"} <= installed
    assert not installed & {"pytest", "openapi-python-client", "ruff", "fastmcp", "polytomic"}  # no dev tools
    executable = venv.parent / "polytomic-mcp"
    assert run(executable, "--version", cwd=venv.parent.parent) == f"polytomic-mcp {VERSION}\n"
    await serves_over_stdio(str(executable), "serve", "--sandbox", cwd=venv.parent.parent)


@pytest.mark.anyio
async def test_uvx_runs_the_server_from_the_wheels_in_an_isolated_environment(dist: Path, tmp_path: Path) -> None:
    await serves_over_stdio(
        UV, "tool", "run", "--isolated", "--find-links", str(dist), "--from", f"polytomic-mcp=={VERSION}",
        "polytomic-mcp", "serve", "--sandbox", cwd=tmp_path,
    )  # fmt: skip


@pytest.mark.anyio
async def test_the_server_and_client_work_beside_a_package_that_takes_the_generic_names(
    dist: Path, venv: Path, sandbox_url: str
) -> None:
    install(venv, dist, "polytomic-mcp", "generic-names")

    assert run(venv, "-I", "-c", "import mcp_server, generated_client; print(mcp_server.WHO, generated_client.WHO)",
               cwd=venv.parent) == "generic generic\n"  # fmt: skip
    answer = json.loads(run(venv, "-I", "-c", LIST_TARGETS, sandbox_url, DEFAULT_API_KEY, SALESFORCE, cwd=venv.parent))
    assert answer["targets"] == SALESFORCE_TARGETS
    await serves_over_stdio(str(venv.parent / "polytomic-mcp"), "serve", "--sandbox", cwd=venv.parent.parent)


def test_each_release_file_has_one_top_level_package_its_license_and_no_caches(dist: Path) -> None:
    assert any((ROOT / "mcp_server" / "polytomic_mcp").glob("__pycache__"))  # what running the tests leaves behind
    contents = {path.name: members(path) for path in sorted(dist.glob("polytomic*"))}

    assert sorted(contents) == [
        f"polytomic_mcp-{VERSION}-py3-none-any.whl",
        f"polytomic_mcp-{VERSION}.tar.gz",
        f"polytomic_sync_client-{VERSION}-py3-none-any.whl",
        f"polytomic_sync_client-{VERSION}.tar.gz",
    ]
    for name, files in contents.items():
        package = name.split("-")[0]
        if name.endswith(".whl"):
            assert {f.split("/")[0] for f in files} == {package, f"{package}-{VERSION}.dist-info"}, name
            assert f"{package}-{VERSION}.dist-info/licenses/LICENSE" in files
        else:
            assert {"LICENSE", "README.md", "pyproject.toml", "PKG-INFO"} <= {f.partition("/")[2] for f in files}
        junk = [f for f in files if {"__pycache__", ".hypothesis", ".pytest_cache", ".ruff_cache"} & set(f.split("/"))]
        assert not junk, name
    assert f"polytomic_sync_client/{SPEC_NAME}" in contents[f"polytomic_sync_client-{VERSION}-py3-none-any.whl"]


def members(path: Path) -> list[str]:
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            return wheel.namelist()
    with tarfile.open(path) as sdist:
        return [member.name for member in sdist.getmembers() if member.isfile()]
