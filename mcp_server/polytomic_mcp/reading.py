"""Reading Polytomic's answers liberally (it is a Go service: `null` for empty lists, missing fields, odd scalars).

Upstream values are read through `text()`, `items()` and `is_true()`, so `null`, a missing field and a value of the
wrong JSON type all read as absent and never raise. A null list reads as empty; a number where text is expected
reads as its text; unpaired surrogates become U+FFFD. An id is read whole or not at all (`whole_id()`): one that
cannot be named in a later call is left out and counted (`skipped`). Counting has one rule everywhere
(`paging.ordered()`): distinct usable ids, the first occurrence wins.
"""

from __future__ import annotations

import json
import re
from enum import Enum
from typing import Any, TypeVar
from uuid import UUID

from polytomic_sync_client import types as api_types

from .limits import MAX_TEXT

T = TypeVar("T")

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def present(x: Any) -> Any:
    """An upstream value, or None for UNSET (a field the answer did not carry)."""
    return None if isinstance(x, api_types.Unset) else x


def text(x: Any) -> str | None:
    """Upstream text as a clean string: numbers read as their JSON text; anything else not text is absent."""
    if isinstance(x, Enum):  # known members of the spec's open enums
        x = x.value
    if isinstance(x, UUID):
        x = str(x)
    if isinstance(x, bool):
        x = "true" if x else "false"
    elif isinstance(x, int | float):
        x = json.dumps(x) if x == x and abs(x) != float("inf") else None
    if not isinstance(x, str):
        return None
    if len(x) > MAX_TEXT:
        x = x[:MAX_TEXT]
    return _SURROGATE.sub("\ufffd", x) if _SURROGATE.search(x) else x


def items(x: Any, of: type[T]) -> list[T]:
    """An upstream list: null (or not a list) reads as empty; elements that are not `of` are left out."""
    x = present(x)
    if not isinstance(x, list):
        return []
    return [item for item in x if isinstance(item, of)]


def is_true(x: Any) -> bool:
    """A flag counts only when it is literally true (null, missing or odd values mean no)."""
    return x is True


def whole_id(x: Any, limit: int = MAX_TEXT) -> str | None:
    """An upstream id, whole or not at all: one longer than `limit` (what the argument that takes it back accepts)
    cannot be named in a later call, and cutting it could make two ids one, so it reads as absent (left out of
    every page and counted in `skipped`)."""
    found = text(x)
    if found is None or len(found) > limit or (isinstance(x, str) and len(x) > limit):
        return None
    return found


def adds_information(name: str | None, id_: str) -> bool:
    """Whether a display name says more than its id (`Account Plan` adds nothing to `Account_Plan__c`)."""
    if not name:
        return False
    squashed = _NON_ALNUM.sub("", name.casefold())
    return squashed not in _NON_ALNUM.sub("", id_.casefold())


def short_label(value: str, label: str | None) -> str | None:
    """The label minus what only restates the value: `Acme (5071)` for `urn:li:sponsoredAccount:5071` is `Acme`.

    Linear in the label's length (no backtracking regex): a trailing `(...)` whose content the value contains
    is cut, then the label is dropped if nothing or only the value is left.
    """
    if not label:
        return None
    stripped = label.rstrip()
    if stripped.endswith(")") and (opening := stripped.rfind("(")) >= 0:
        inner = stripped[opening + 1 : -1]  # holds no "(": opening is the last one
        if inner and ")" not in inner and inner in value:
            label = stripped[:opening].rstrip()
    return label if label and label != value else None
