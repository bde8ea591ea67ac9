"""What the tools return: small output models, and the one way a result is built from them (`tool_result`).

Trimming rules: keep every id the next call needs; drop what repeats (a name that only restates its id),
what is false (capability flags), and what is empty. Optional fields are omitted rather than null, except
`next_cursor`, which is always present so the model knows whether to continue. How upstream values are read is
`reading`; how each tool's answer is shaped into these models sits next to the tool (`tools/shape_*.py`).
"""

from __future__ import annotations

import json
from typing import Any, Literal

from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, TextContent
from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

ModeFlag = Literal["identity", "per_field", "filters"]


def lean_schema(schema: dict[str, Any]) -> None:
    # Titles restate the property names and `default: null` restates "optional"; both cost tokens in
    # every tools/list.
    schema.pop("title", None)
    for prop in schema.get("properties", {}).values():
        prop.pop("title", None)
        if "default" in prop and prop["default"] is None:
            del prop["default"]


class Compact(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=lean_schema)


SKIPPED_DESCRIPTION = "Items Polytomic listed without a usable id, left out of every page (omitted when 0)."


class Target(Compact):
    id: str
    name: str | SkipJsonSchema[None] = Field(default=None, description="Only when it differs from id.")
    modes: dict[str, list[ModeFlag]] = Field(
        description="Sync mode id -> its true capabilities: identity (needs an identity mapping), per_field "
        "(per-field sync modes), filters (target filters)."
    )


ValueLabels = dict[str, str | None]
VALUES_DESCRIPTION = "Value to send -> its label (null when the label would only repeat the value)."


class CreationProperty(Compact):
    id: str
    title: str | SkipJsonSchema[None] = None
    enum: bool = Field(description="True: pick one of its values. False: free text.")
    value_count: int | SkipJsonSchema[None] = None
    values: ValueLabels | SkipJsonSchema[None] = Field(default=None, description=VALUES_DESCRIPTION)


class TargetCreation(Compact):
    properties: list[CreationProperty]
    note: str | SkipJsonSchema[None] = None


class ModeTarget(Compact):
    id: str
    name: str | SkipJsonSchema[None] = Field(default=None, description="Only when it differs from id.")
    capabilities: list[ModeFlag] | SkipJsonSchema[None] = Field(
        default=None, description="Only when they differ from the page's capabilities."
    )


class SyncTargetsPage(Compact):
    mode: str | SkipJsonSchema[None] = Field(
        default=None, description="With mode: targets are ids, or {id, name, capabilities} with only what they add."
    )
    capabilities: list[ModeFlag] | SkipJsonSchema[None] = Field(
        default=None, description="With mode: the mode's capabilities of every target here that lists none."
    )
    targets: list[Target] | list[str | ModeTarget]
    total: int = Field(description="Targets matching the search (and mode).")
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null at the end.")
    skipped: int | SkipJsonSchema[None] = Field(default=None, description=SKIPPED_DESCRIPTION)
    target_creation: TargetCreation | SkipJsonSchema[None] = Field(
        default=None, description="Present when new targets can be created here."
    )


class CreationValuesPage(Compact):
    property: str | SkipJsonSchema[None] = None
    title: str | SkipJsonSchema[None] = None
    values: ValueLabels | SkipJsonSchema[None] = Field(default=None, description=VALUES_DESCRIPTION)
    properties: list[CreationProperty] | SkipJsonSchema[None] = Field(
        default=None, description="Without property: the connection's creation properties."
    )
    total: int | SkipJsonSchema[None] = None
    next_cursor: str | None = None
    skipped: int | SkipJsonSchema[None] = Field(default=None, description=SKIPPED_DESCRIPTION)


class ConnectionSummary(Compact):
    id: str
    name: str | SkipJsonSchema[None] = None
    type: str | SkipJsonSchema[None] = Field(default=None, description="Connector type id, e.g. salesforce.")
    status: str | SkipJsonSchema[None] = Field(default=None, description="Only when not healthy.")
    error: str | SkipJsonSchema[None] = Field(default=None, description="Why it is not healthy.")


class ConnectionsPage(Compact):
    connections: list[ConnectionSummary]
    total: int = Field(description="Connections matching the search.")
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null at the end.")
    skipped: int | SkipJsonSchema[None] = Field(default=None, description=SKIPPED_DESCRIPTION)


class FieldSummary(Compact):
    id: str
    name: str | SkipJsonSchema[None] = Field(default=None, description="Only when it differs from id.")
    type: str | SkipJsonSchema[None] = Field(default=None, description="Only when it differs from field_type.")
    required: bool | SkipJsonSchema[None] = Field(default=None, description="true: records need a value here.")
    identity: list[str] | SkipJsonSchema[None] = Field(
        default=None, description="Usable as identity (match key), with these functions."
    )
    read_only: bool | SkipJsonSchema[None] = Field(default=None, description="Neither createable nor updateable.")
    association: bool | SkipJsonSchema[None] = Field(default=None, description="References another object.")
    filterable: bool | SkipJsonSchema[None] = Field(default=None, description="false: not usable in target filters.")
    values: ValueLabels | SkipJsonSchema[None] = Field(default=None, description=VALUES_DESCRIPTION)
    value_count: int | SkipJsonSchema[None] = Field(default=None, description="When values holds only the first 10.")


class FieldsPage(Compact):
    target: str | SkipJsonSchema[None] = Field(default=None, description="Absent for a new target.")
    name: str | SkipJsonSchema[None] = None
    modes: dict[str, list[ModeFlag]] = Field(description="As in list_sync_targets.")
    field_type: str | SkipJsonSchema[None] = Field(
        default=None, description="The type of every field on this page that lists no type of its own."
    )
    fields: list[FieldSummary] = Field(description="Each flag appears only in its exceptional state.")
    total: int = Field(description="Fields matching search and required_only.")
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null at the end.")
    skipped: int | SkipJsonSchema[None] = Field(default=None, description=SKIPPED_DESCRIPTION)


def tool_result(result: Compact) -> CallToolResult:
    """One payload: structured content and compact JSON text carry the same trimmed object."""
    payload = result.model_dump(mode="json", exclude_none=True)
    if "total" in payload and "next_cursor" in type(result).model_fields:
        payload.setdefault("next_cursor", None)  # always say whether the listing goes on
    try:
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        text.encode("utf-8")  # what every transport will do; fail here, where the call can still answer
    except (TypeError, ValueError, RecursionError):  # UnicodeEncodeError is a ValueError
        raise ToolError(
            "Polytomic's answer could not be turned into a result (it holds text that cannot be encoded). "
            "Retrying will not help; a narrower search may avoid the odd item."
        ) from None
    return CallToolResult(content=[TextContent(type="text", text=text)], structured_content=payload)
