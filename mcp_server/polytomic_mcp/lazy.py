"""Modules imported on first use, so that start-up (initialize, tools/list) pays only for what it needs.

`lazy_module(name)` returns a stand-in at once; the first attribute read imports the module the ordinary way
(`importlib.import_module`) and reads the attribute from it. Nothing is put in `sys.modules` early, so the import
system never sees a half-executed package. (The standard library's `LazyLoader` does put one there: a submodule
imported through it before the package's first attribute read is then executed twice, and its classes exist
twice, so `isinstance` fails across the two copies.) Code that uses it imports the same module normally under
`TYPE_CHECKING`, so the type checker sees ordinary imports.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType


class _Deferred(ModuleType):
    """Stands in for a module until one of its attributes is read."""

    def __getattr__(self, attribute: str) -> object:
        value = getattr(importlib.import_module(self.__name__), attribute)
        setattr(self, attribute, value)  # read directly from here on
        return value


def lazy_module(name: str) -> ModuleType:
    """The module `name`, imported when one of its attributes is first read (the module itself if already
    imported). A name that does not exist is refused at once."""
    if name in sys.modules:
        return sys.modules[name]
    if importlib.util.find_spec(name) is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    return _Deferred(name)
