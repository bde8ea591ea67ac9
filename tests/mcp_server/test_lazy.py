from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from polytomic_mcp.lazy import lazy_module


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Laid out as the generated client is: a package whose `__init__` imports its submodule `model`, and a
    module elsewhere (`lazy_probe_api`, like an API module) that imports that submodule directly."""
    name = "lazy_probe_package"
    (tmp_path / name).mkdir()
    (tmp_path / name / "__init__.py").write_text("from .model import Model\n")
    (tmp_path / name / "model.py").write_text("class Model:\n    pass\n")
    (tmp_path / "lazy_probe_api.py").write_text(f"from {name}.model import Model\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield name
    for module in [m for m in sys.modules if m.startswith(("lazy_probe_package", "lazy_probe_api"))]:
        del sys.modules[module]


def test_a_lazy_module_is_imported_on_first_use_only(package: str) -> None:
    module = lazy_module(package)
    assert package not in sys.modules
    assert module.Model.__name__ == "Model"  # the first attribute read imports it
    assert sys.modules[package].Model is module.Model
    assert lazy_module(package) is sys.modules[package]  # already imported: the module itself


def test_a_submodule_imported_before_the_first_use_exists_once(package: str) -> None:
    module = lazy_module(package)
    api = importlib.import_module("lazy_probe_api")  # what a generated API module does on a first call
    assert module.Model is api.Model is sys.modules[f"{package}.model"].Model


def test_a_missing_module_is_refused_at_once() -> None:
    with pytest.raises(ModuleNotFoundError) as refused:
        lazy_module("polytomic_mcp.no_such_module_here")
    assert str(refused.value) == "No module named 'polytomic_mcp.no_such_module_here'"
    assert refused.value.name == "polytomic_mcp.no_such_module_here"


def test_a_missing_attribute_is_an_attribute_error(package: str) -> None:
    with pytest.raises(AttributeError, match="NoSuchModel"):
        lazy_module(package).NoSuchModel  # noqa: B018


STARTUP = """
import asyncio, sys
from mcp import Client
from polytomic_mcp.server import build_server
from polytomic_mcp.settings import Settings

async def main():
    async with Client(build_server(Settings(api_key="pk_test_key_0123"))) as client:
        await client.list_tools()

asyncio.run(main())
print(" ".join(sorted(m for m in sys.modules if m.startswith(("polytomic_sync_client.", "polytomic_mcp.clients")))))
"""


@pytest.mark.child_process
def test_listing_the_tools_imports_no_generated_model_api_module_or_http_client() -> None:
    done = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == ""  # they load on the first call (cold start is in scripts/bench.py)
