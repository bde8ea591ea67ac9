"""Every tool the server exposes, with its annotations: the whole surface on one screen.

Adding a tool means one function in a module of this package and one line here.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from mcp.server.mcpserver.tools import Tool
from mcp.server.mcpserver.utilities.func_metadata import FuncMetadata
from mcp.types import ToolAnnotations

from ..results import lean_schema
from .connections import list_connections
from .fields import get_sync_target_fields
from .targets import get_target_creation_values, list_sync_targets


@dataclass(frozen=True)
class ToolSpec:
    fn: Callable[..., Any]
    title: str
    read_only: bool = True
    idempotent: bool = True
    open_world: bool = True  # every tool talks to Polytomic

    @property
    def name(self) -> str:
        return self.fn.__name__

    @property
    def description(self) -> str:
        return inspect.cleandoc(self.fn.__doc__ or "")

    @property
    def annotations(self) -> ToolAnnotations:
        return ToolAnnotations(
            title=self.title,
            read_only_hint=self.read_only,
            destructive_hint=False if self.read_only else None,
            idempotent_hint=self.idempotent,
            open_world_hint=self.open_world,
        )

    def build(self) -> Tool:
        """This tool for one server: a deep copy of the one worked out on first use, so that no server sees
        another's changes. Working out the schemas (pydantic) is most of what building a server costs."""
        return _built(self).model_copy(deep=True)


@functools.cache
def _built(spec: ToolSpec) -> Tool:
    tool = Tool.from_function(
        spec.fn, name=spec.name, title=spec.title, description=spec.description, annotations=spec.annotations
    )
    lean_schema(tool.parameters)  # the input schema, as the output models' are
    tool.fn_metadata = ExactStrings.model_validate(dict(tool.fn_metadata))
    return tool


class ExactStrings(FuncMetadata):
    """Argument handling that keeps a string argument the string the caller sent.

    The SDK pre-parses string values as JSON for any parameter not annotated exactly `str`, so `search: "null"`
    became no search and `cursor: "[]"` an invalid list. Here a string is pre-parsed only for a parameter that
    cannot take a string at all (say an object passed as JSON text, as some clients do).
    """

    def pre_parse_json(self, data: dict[str, Any]) -> dict[str, Any]:
        fields = self.arg_model.model_fields
        keep = {
            key: value
            for key, value in data.items()
            if isinstance(value, str) and key in fields and _takes_str(fields[key].annotation)
        }
        return {**super().pre_parse_json(data), **keep}


def _takes_str(annotation: Any) -> bool:
    """Whether a parameter accepts a string itself: `str`, or a union or `Annotated` with `str` among its
    members. A container of strings (`dict[str, str]`) does not: its JSON text is parsed."""
    if annotation is str:
        return True
    if get_origin(annotation) in (Union, UnionType, Annotated):
        return any(_takes_str(arg) for arg in get_args(annotation))
    return False


TOOLS: tuple[ToolSpec, ...] = (
    ToolSpec(list_connections, title="List connections"),
    ToolSpec(list_sync_targets, title="List sync targets"),
    ToolSpec(get_target_creation_values, title="Get target creation values"),
    ToolSpec(get_sync_target_fields, title="Get sync target fields"),
)
