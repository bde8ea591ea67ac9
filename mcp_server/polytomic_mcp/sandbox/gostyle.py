"""A destination answering as a Go service really does: `null` for empty lists, missing or null fields.

Polytomic's API is written in Go, which marshals a nil slice as `null` and an unset pointer as `null` or
leaves the field out. The spec says every response field may be null or missing; this connection's answers
use that freedom everywhere, so the tools are tested against what the real API may send, not only against
the tidy answers the other sandbox connections give. The bodies are plain JSON (not built through the
generated models, which would tidy them up). Deterministic, like the rest of the sandbox.

What its List Sync Targets answer holds (120 entries):
- every 7th target has `"modes": null`, every 11th has no `modes` key at all (no modes: cannot be synced to,
  but still listed);
- every 5th target has `"name": null`, every 6th has no `name` key;
- every 9th target has a mode whose `id` is null, and every 13th a mode id newer than any enum (`mirror`);
- one entry has `"id": null` and one has no `id` at all (unusable: left out and counted by the tools), and
  one id appears twice (the first occurrence counts);
- `target_creation.properties[*].values` is `null` unless values are asked for; the `workspace` values include
  `null` labels, one value without a `value`, and one repeated value; `name` is free text with `title: null`.
"""

from __future__ import annotations

import functools
import random
from typing import Any

COUNT = 120
_STEMS = ("people", "events", "devices", "accounts", "segments", "objects", "relationships", "collections")


def _target(n: int, rng: random.Random) -> dict[str, Any]:
    stem = _STEMS[n % len(_STEMS)]
    target: dict[str, Any] = {"id": f"{stem}_{n:03d}"}
    if n % 5 == 0:
        target["name"] = None
    elif n % 6 != 0:
        target["name"] = f"{stem.title()} {n:03d} ({rng.choice(('EU', 'US', 'APAC'))} workspace)"
    if n % 7 == 0:
        target["modes"] = None
    elif n % 11 != 0:
        modes: list[dict[str, Any]] = [
            {"id": "create", "requires_identity": False, "supports_per_field_mode": None,
             "supports_target_filters": None},
            {"id": "updateOrCreate", "requires_identity": True, "supports_per_field_mode": rng.random() < 0.5,
             "supports_target_filters": False},
        ]  # fmt: skip
        if n % 9 == 0:
            modes.append({"id": None, "requires_identity": True})
        if n % 13 == 0:
            modes.append({"id": "mirror", "requires_identity": None, "supports_target_filters": True})
        target["modes"] = modes
    return target


@functools.cache
def targets() -> tuple[dict[str, Any], ...]:
    rng = random.Random("sandbox/go-style/targets")
    found = [_target(n, rng) for n in range(1, COUNT - 2)]
    found.insert(17, {"id": None, "name": "Deleted object", "modes": None})
    found.insert(42, {"name": "Object without an id", "modes": []})
    found.append(dict(found[3], name="Duplicate of an earlier entry"))
    return tuple(found)


def usable_target_ids() -> set[str]:
    """The ids a complete listing must return: each id once (what the tools should page through)."""
    return {t["id"] for t in targets() if isinstance(t.get("id"), str) and t["id"]}


WORKSPACES: tuple[dict[str, Any], ...] = (
    {"value": "ws_1001", "label": "Production (ws_1001)"},
    {"value": "ws_1002", "label": None},
    {"value": "ws_1003", "label": "Staging"},
    {"value": None, "label": "Workspace without an id"},
    {"value": "ws_1004"},
    {"value": "ws_1002", "label": "Repeated value"},
    {"value": "ws_1005", "label": "Sandbox (ws_1005)"},
)


def usable_workspaces() -> dict[str, str | None]:
    """Value -> upstream label of each distinct usable workspace value (first occurrence wins)."""
    found: dict[str, str | None] = {}
    for item in WORKSPACES:
        if isinstance(item.get("value"), str):
            found.setdefault(item["value"], item.get("label"))
    return found


def creation_property(prop: str, with_values: bool) -> dict[str, Any] | None:
    if prop == "workspace":
        return {"id": "workspace", "title": "Workspace", "enum": True,
                "values": list(WORKSPACES) if with_values else None}  # fmt: skip
    if prop == "name":
        return {"id": "name", "title": None, "enum": False, "values": None}
    return None


def targets_body(with_values: bool) -> dict[str, Any]:
    properties = [creation_property(p, with_values) for p in ("workspace", "name")]
    return {"data": list(targets()), "target_creation": {"supported": True, "properties": properties}}


def bare_targets_body() -> dict[str, Any]:
    """A Go destination with nothing set up: nil slices everywhere, creation support unknown (`null`)."""
    return {
        "data": [{"id": "events", "name": None, "modes": None}, {"id": "people", "modes": None}],
        "target_creation": {"supported": None, "properties": None},
    }
