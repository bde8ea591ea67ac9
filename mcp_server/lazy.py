"""Modules imported on first use, so that start-up (initialize, tools/list) pays only for what it needs.

`lazy_module(name)` returns the module at once but runs its code on the first attribute access (the standard
library's `importlib.util.LazyLoader`). Code that uses it imports the same module normally under
`TYPE_CHECKING`, so the type checker sees ordinary imports.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    """The module `name`, executed when one of its attributes is first read (at once if already imported)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)  # exec_module puts the real loader on the spec itself
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module
