"""Search and cursor paging over lists that the Polytomic API returns whole.

Items are de-duplicated by key and ordered by key, and a cursor names the last key a page returned
(keyset paging). Paging therefore stays stable across calls even if upstream reorders its answer, and an
item added or removed between calls neither repeats nor hides the others. A cursor is bound to the
listing it came from (tool, connection, property, search) so that one reused elsewhere is refused.
"""

from __future__ import annotations

import base64
import binascii
import json
import weakref
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class CursorError(ValueError):
    """The cursor is malformed or belongs to another listing."""


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    next_cursor: str | None


@dataclass(frozen=True)
class Ordered(Generic[T]):
    """A listing ready to page: distinct keys in order, their items, and how many items had no key."""

    keys: list[str]
    items: list[T]
    skipped: int = 0


def ordered(values: Iterable[T], key: Callable[[T], str | None]) -> Ordered[T]:
    """The one counting rule: distinct non-empty keys (the first occurrence wins), sorted; the rest skipped."""
    by_key: dict[str, T] = {}
    skipped = 0
    for item in values:
        k = key(item)
        if not k:
            skipped += 1
        else:
            by_key.setdefault(k, item)
    keys = sorted(by_key)
    return Ordered(keys=keys, items=[by_key[k] for k in keys], skipped=skipped)


# id(source) -> (a weak reference to it, its memo); the entry goes when the source is collected.
_REMEMBERED: dict[int, tuple[weakref.ref[Any], dict[str, Any]]] = {}


def remembered(source: object, name: str, build: Callable[[], R]) -> R:
    """`build()`, computed once per `source` object (a cached upstream answer) and name.

    Pages of one listing are served from one cached answer, so its ordering is worked out once, not per page;
    the memo lives exactly as long as the answer does (upstream models are unhashable, hence the id and the
    weak reference that checks it still names the same object).
    """
    entry = _REMEMBERED.get(id(source))
    if entry is None or entry[0]() is not source:
        entry = (weakref.ref(source), {})
        _REMEMBERED[id(source)] = entry
        weakref.finalize(source, _REMEMBERED.pop, id(source), None)
    memo = entry[1]
    if name not in memo:
        memo[name] = build()
    found: R = memo[name]
    return found


def listing_scope(*parts: str | None) -> str:
    """A short fingerprint of what is being listed; cursors carry it and are checked against it."""
    text = "\x1f".join(part or "" for part in parts)
    return format(zlib.crc32(text.encode("utf-8")), "08x")


def encode_cursor(after: str, scope: str) -> str:
    raw = json.dumps({"a": after, "s": scope}, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, scope: str) -> str:
    """Return the key the cursor resumes after, or raise CursorError."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise CursorError("is not a cursor returned by this tool") from None
    if not isinstance(data, dict) or not isinstance(data.get("a"), str) or not isinstance(data.get("s"), str):
        raise CursorError("is not a cursor returned by this tool")
    if data["s"] != scope:
        raise CursorError("belongs to a different listing (another connection, property or search)")
    after: str = data["a"]
    return after


def matches(search: str | None, *texts: str | None) -> bool:
    """Case-insensitive substring match of search in any of texts; no search matches everything."""
    if not search:
        return True
    needle = search.casefold()
    return any(needle in text.casefold() for text in texts if text)


def paginate(
    items: Iterable[T] | Ordered[T],
    *,
    key: Callable[[T], str | None] | None = None,
    keep: Callable[[T], bool] | None = None,
    limit: int,
    after: str | None,
    scope: str,
) -> Page[T]:
    """One page of the items that `keep` accepts (all without it), ordered by key, resuming after `after`.

    `items` is either an `Ordered` listing or any iterable with its `key` (then ordered here).
    """
    if isinstance(items, Ordered):
        listing = items
    elif key is not None:
        listing = ordered(items, key)
    else:
        raise TypeError("paginate needs an Ordered listing or a key")
    keys, values = listing.keys, listing.items
    if keep is not None:
        kept = [(k, item) for k, item in zip(keys, values, strict=True) if keep(item)]
        keys, values = [k for k, _ in kept], [item for _, item in kept]
    start = bisect_right(keys, after) if after is not None else 0
    chunk = values[start : start + limit]
    more = start + limit < len(keys)
    next_cursor = encode_cursor(keys[start + len(chunk) - 1], scope) if more and chunk else None
    return Page(items=chunk, total=len(keys), next_cursor=next_cursor)
