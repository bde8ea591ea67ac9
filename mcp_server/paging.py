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
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


class CursorError(ValueError):
    """The cursor is malformed or belongs to another listing."""


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    next_cursor: str | None


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
    items: Iterable[T],
    *,
    key: Callable[[T], str],
    keep: Callable[[T], bool],
    limit: int,
    after: str | None,
    scope: str,
) -> Page[T]:
    """One page of the items that `keep` accepts, ordered by key, resuming after the key `after`."""
    unique: dict[str, T] = {}
    for item in items:
        unique.setdefault(key(item), item)
    ordered = sorted(((k, item) for k, item in unique.items() if keep(item)), key=lambda pair: pair[0])
    keys = [k for k, _ in ordered]
    start = bisect_right(keys, after) if after is not None else 0
    chunk = ordered[start : start + limit]
    more = start + limit < len(ordered)
    next_cursor = encode_cursor(chunk[-1][0], scope) if more and chunk else None
    return Page(items=[item for _, item in chunk], total=len(ordered), next_cursor=next_cursor)
