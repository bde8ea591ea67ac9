"""Parsed upstream answers, kept a short while: a TTL + LRU cache bounded by entries and bytes, with single-flight.

Only successful answers are stored (a fetch that raises stores nothing). Concurrent callers of one key share
one fetch: it runs in its own task, so a caller that gives up (cancelled) does not cancel it for the others.
Sizes are given by the caller: `fetching.deep_size()` of the parsed answer, what it really holds in memory
(several times its body, how many depends on its shape), so the byte bound bounds memory.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass

from . import metrics, tracing

Clock = Callable[[], float]
# A fetch returns (value, size estimate in bytes), or (value, size, age): seconds the answer had already been kept
# elsewhere (a cache shared by replicas), which it is stored for that much less.
Fetch = Callable[[], Awaitable[tuple[object, int] | tuple[object, int, float]]]

DEFAULT_TTL = 60.0
DEFAULT_MAX_ENTRIES = 512
DEFAULT_MAX_BYTES = 128 * 1024 * 1024


REFRESH_WINDOW = 10.0  # seconds: a refresh reuses an answer fetched this recently (or being fetched)


@dataclass(frozen=True)
class _Entry:
    value: object
    size: int
    expires: float
    fetched: float


class ResponseCache:
    """Keys are tuples that start with the credential's fingerprint; values are parsed models."""

    def __init__(
        self,
        *,
        ttl: float = DEFAULT_TTL,
        max_entries: int = DEFAULT_MAX_ENTRIES,
        max_bytes: int = DEFAULT_MAX_BYTES,
        owner_share: float = 1.0,
        clock: Clock = time.monotonic,
    ) -> None:
        if ttl < 0 or max_entries < 1 or max_bytes < 1 or not 0 < owner_share <= 1:
            raise ValueError("ttl must be >= 0, max_entries and max_bytes >= 1, owner_share in (0, 1]")
        self.ttl = ttl
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        # One owner (a key's first element: the credential's fingerprint) holds at most this share, so that one
        # passthrough caller cannot evict every other caller's answers.
        self.owner_entries = max(1, int(max_entries * owner_share))
        self.owner_bytes = max(1, int(max_bytes * owner_share))
        self._clock = clock
        self._entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self._bytes = 0
        self._owned: dict[Hashable, list[int]] = {}  # owner -> [entries, bytes]
        self._inflight: dict[Hashable, asyncio.Task[tuple[object, int]]] = {}

    @property
    def enabled(self) -> bool:
        return self.ttl > 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size(self) -> int:
        """Approximate bytes held (the sum of the entries' size estimates)."""
        return self._bytes

    def __contains__(self, key: Hashable) -> bool:
        entry = self._entries.get(key)
        return entry is not None and entry.expires > self._clock()

    async def get_or_fetch(self, key: Hashable, fetch: Fetch, *, refresh: bool = False) -> object:
        """The fresh cached value of `key`, or the result of one shared call of `fetch` (stored when it succeeds).

        `fetch` returns (value, size estimate in bytes). With refresh the stored value is renewed unless it was
        fetched within REFRESH_WINDOW seconds; a fetch in flight is shared either way. So a refresh right after a
        fetch reuses it, and concurrent or looping refreshes ask upstream at most once per window.
        """
        now = self._clock()
        entry = self._entries.get(key)
        if entry is not None:
            if entry.expires <= now:
                self._drop(key, "expired")
            elif not refresh or now - entry.fetched < REFRESH_WINDOW:
                self._entries.move_to_end(key)
                _looked_up("hit")
                return entry.value
        task = self._inflight.get(key)
        if task is None:
            _looked_up("miss")
            task = asyncio.ensure_future(self._run(key, fetch))
            task.add_done_callback(_observe)
            self._inflight[key] = task
        else:
            _looked_up("shared")
        value, _ = await asyncio.shield(task)
        return value

    async def _run(self, key: Hashable, fetch: Fetch) -> tuple[object, int]:
        try:
            fetched = await fetch()
            value, size = fetched[0], fetched[1]
            self._store(key, value, size, fetched[2] if len(fetched) == 3 else 0.0)
            return value, size
        finally:
            del self._inflight[key]

    def forget(self, owner: Hashable) -> int:
        """Drop every stored answer whose key starts with `owner` (a credential's fingerprint); returns how many.
        For a credential Polytomic no longer accepts: its answers must not outlive it."""
        doomed = [key for key in self._entries if isinstance(key, tuple) and key[:1] == (owner,)]
        for key in doomed:
            self._drop(key, "credential_refused")
        return len(doomed)

    def _store(self, key: Hashable, value: object, size: int, age: float = 0.0) -> None:
        if not self.enabled or size > self.max_bytes:
            return
        self._drop(key)
        fetched = self._clock() - age
        self._entries[key] = _Entry(value, size, fetched + self.ttl, fetched)
        self._bytes += size
        owner = _owner(key)
        held = self._owned.setdefault(owner, [0, 0])
        held[0] += 1
        held[1] += size
        while held[0] > self.owner_entries or held[1] > self.owner_bytes:
            self._drop(next(k for k in self._entries if _owner(k) == owner), "owner_share")  # its least recently used
        while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
            self._drop(next(iter(self._entries)), "capacity")

    def _drop(self, key: Hashable, reason: metrics.EvictionReason | None = None) -> None:
        """Forget `key`'s answer; with a reason, count it as evicted (a new answer replacing it has none)."""
        entry = self._entries.pop(key, None)
        if entry is not None:
            if reason is not None:
                metrics.current().cache_evicted(reason)
            self._bytes -= entry.size
            owner = _owner(key)
            held = self._owned[owner]
            held[0] -= 1
            held[1] -= entry.size
            if not held[0]:
                del self._owned[owner]


def _looked_up(result: metrics.CacheResult) -> None:
    metrics.current().cache_looked_up(result)
    tracing.cache_result(result)


def _owner(key: Hashable) -> Hashable:
    return key[0] if isinstance(key, tuple) and key else None


def _observe(task: asyncio.Task[tuple[object, int]]) -> None:
    # Every caller may have given up; retrieve the outcome so asyncio never logs "exception was never retrieved".
    if not task.cancelled():
        task.exception()
