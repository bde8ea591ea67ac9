from __future__ import annotations

import sys

import pytest

from mcp_server.lazy import lazy_module


def test_a_lazy_module_runs_on_first_use_and_is_the_module_itself() -> None:
    name = "mcp_server.sandbox.docs_example"
    sys.modules.pop(name, None)
    module = lazy_module(name)
    assert sys.modules[name] is module
    assert module.TARGET is not None  # first attribute read runs the module
    assert lazy_module(name) is module  # already imported: handed back as is


def test_a_missing_module_is_refused_at_once() -> None:
    with pytest.raises(ModuleNotFoundError) as refused:
        lazy_module("mcp_server.no_such_module_here")
    assert str(refused.value) == "No module named 'mcp_server.no_such_module_here'"
    assert refused.value.name == "mcp_server.no_such_module_here"
    assert "mcp_server.no_such_module_here" not in sys.modules
