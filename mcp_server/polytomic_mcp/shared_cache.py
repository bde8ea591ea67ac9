"""Polytomic's answers shared by the server's replicas through Redis (`POLYTOMIC_CACHE_URL`).

Behind a load balancer each replica keeps its own `ResponseCache` of parsed answers; without this module every
replica would also ask Polytomic for the same answer once per TTL. `SharedCacheTransport` sits in the httpx transport
stack, outside `PolytomicTransport` (so retries and the call's deadline work as before): a GET whose successful (2xx)
answer some replica stored within `POLYTOMIC_CACHE_TTL` is answered from Redis, byte for byte. Otherwise the replica
takes a short lock in Redis for that answer and asks Polytomic, while replicas that want the same answer wait for it
(single-flight across replicas), or fetch it themselves once the lock is gone or half of what is left of their call's
deadline has passed.

What Redis holds, under `polytomic-mcp:v1:<owner>:<request>`: `owner` is an HMAC-SHA256 of the request's credential
(its Authorization header; never the credential itself) under a key derived from the URL's password, so callers with
different credentials never share an entry, whatever they ask for; `request` is a hash of the method, API version and
URL. The value is the answer's body (customer metadata) with its status, content type and when it was fetched, and
expires after the TTL. When Polytomic refuses a credential (401), that credential's entries are dropped.

Redis is an optimisation, never a dependency: an operation that fails or takes longer than TIMEOUT leaves the call to
Polytomic, logs one WARNING for the outage (not one per call) and leaves Redis alone for RETRY_AFTER seconds; the
first operation that works again logs that the cache is back. The URL's password never reaches a log line
(`redacted`). The `redis` package is imported by the first operation, not at start-up.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import math
import secrets
import time
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import unquote, urlsplit

import httpx

from .cache import REFRESH_WINDOW
from .settings import Settings
from .transport import current_deadline

if TYPE_CHECKING:
    from redis.asyncio import Redis

logger = logging.getLogger(__name__)

T = TypeVar("T")
Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

TIMEOUT = 1.0  # seconds for one Redis operation, connecting included
RETRY_AFTER = 2.0  # seconds Redis is left alone after an operation failed
DEFAULT_WAIT = 10.0  # seconds to wait for another replica's fetch when no call deadline is set
POLL_FIRST, POLL_MAX = 0.01, 0.1  # seconds between looks for another replica's answer (doubling)
MAX_SHARED_BYTES = 16 * 1024 * 1024  # larger answers are kept by each replica alone
PREFIX = "polytomic-mcp:v1:"
_HASH_LABEL = b"polytomic-mcp shared cache v1\0"
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"


def redacted(url: str) -> str:
    """The URL as a log line may show it: scheme, host, port and database, without user or password."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


@dataclass
class Reading:
    """What a tool call tells the shared cache (`refresh`) and learns from it (`age`), through `reading()`."""

    refresh: bool = False
    age: float = 0.0  # seconds the answer served had already been kept in Redis (0: asked of Polytomic now)


_reading: ContextVar[Reading | None] = ContextVar("polytomic_shared_reading", default=None)


@contextlib.contextmanager
def reading(*, refresh: bool) -> Iterator[Reading]:
    """Within this block, requests accept a shared answer at most REFRESH_WINDOW seconds old when `refresh`, and the
    yielded Reading says how old the one served was."""
    seen = Reading(refresh)
    token = _reading.set(seen)
    try:
        yield seen
    finally:
        _reading.reset(token)


@dataclass(frozen=True)
class Entry:
    """One shared answer: a JSON header line (status, content type, when it was fetched), then the body."""

    status: int
    content_type: str
    fetched_at: float  # wall clock (time.time()): replicas share no monotonic clock
    body: bytes

    def encode(self) -> bytes:
        head = {"status": self.status, "type": self.content_type, "at": self.fetched_at}
        return json.dumps(head, separators=(",", ":")).encode() + b"\n" + self.body

    @classmethod
    def decode(cls, raw: bytes) -> Entry | None:
        """The entry, or None for anything this version did not write (a foreign or damaged value)."""
        head, newline, body = raw.partition(b"\n")
        try:
            meta = json.loads(head) if newline else None
        except ValueError:
            return None
        if not isinstance(meta, dict):
            return None
        status, content_type, at = meta.get("status"), meta.get("type"), meta.get("at")
        if type(status) is not int or not 200 <= status < 300 or not isinstance(content_type, str):
            return None
        if not isinstance(at, int | float) or isinstance(at, bool) or not math.isfinite(at):
            return None
        return cls(status, content_type, float(at), body)

    def response(self) -> httpx.Response:
        return httpx.Response(self.status, headers=[("Content-Type", self.content_type)], content=self.body)


class SharedCache:
    """The replicas' Redis: entries, locks and the state of the connection (one per process, closed at shutdown).

    Every operation falls back to a neutral answer (a miss, a lock granted, nothing stored) when Redis fails or is
    slow, so a caller never sees Redis fail: it only goes to Polytomic."""

    def __init__(
        self,
        url: str,
        *,
        ttl: float,
        timeout: float = TIMEOUT,
        retry_after: float = RETRY_AFTER,
        clock: Clock = time.monotonic,
        wall: Clock = time.time,
    ) -> None:
        self.where = redacted(url)
        self.ttl = ttl
        self.timeout = timeout
        self.retry_after = retry_after
        self.clock = clock
        self.wall = wall
        self._url = url
        parts = urlsplit(url)
        self._password = unquote(parts.password or "")
        # Every replica is given the same URL, so they derive the same key; without the password the entry names do
        # not help anyone who reads them (a backup, a key listing) to test guesses of a credential.
        self._hash_key = hashlib.sha256(_HASH_LABEL + self._password.encode()).digest()
        self._redis: Redis | None = None
        self._down = False
        self._retry_at = 0.0
        self._epoch = 0  # counts changes between up and down: an operation older than the last change says nothing

    def __repr__(self) -> str:
        return f"SharedCache({self.where!r}, ttl={self.ttl:g})"

    def owner(self, request: httpx.Request) -> str:
        """Who is asking, as a keyed hash of the credential the request carries."""
        credential = request.headers.get("Authorization", "")
        return hmac.new(self._hash_key, credential.encode(), hashlib.sha256).hexdigest()[:32]

    def key(self, request: httpx.Request) -> str:
        """The entry a request's answer is kept under: its owner, then a hash of what it asks."""
        version = request.headers.get("X-Polytomic-Version", "")
        what = hashlib.sha256(f"{request.method} {version} {request.url}".encode()).hexdigest()
        return f"{PREFIX}{self.owner(request)}:{what}"

    def transport(self, inner: httpx.AsyncBaseTransport) -> SharedCacheTransport:
        return SharedCacheTransport(inner, self)

    async def get(self, key: str) -> Entry | None:
        """The stored answer, or None (absent, unreadable, or Redis unavailable)."""
        raw: bytes | None = await self._run(lambda redis: redis.get(key), None)
        if raw is None:
            return None
        entry = Entry.decode(raw)
        if entry is None:
            logger.debug("Ignored an unreadable entry in the shared cache")
        return entry

    async def put(self, key: str, entry: Entry) -> None:
        """Store an answer for the TTL (nothing when Redis is unavailable)."""
        ttl_ms = max(1, int(self.ttl * 1000))
        await self._run(lambda redis: redis.set(key, entry.encode(), px=ttl_ms), None)

    async def acquire(self, key: str, token: str, seconds: float) -> bool:
        """Take the lock on fetching this answer for `seconds`; False when another replica holds it. True when Redis
        is unavailable: there is nobody to wait for."""
        lock_ms = max(1, int(seconds * 1000))
        taken = await self._run(lambda redis: redis.set(f"{key}:lock", token, nx=True, px=lock_ms), True)
        return bool(taken)

    async def release(self, key: str, token: str) -> None:
        """Drop the lock if it is still this one's (it may have expired and been taken by another replica)."""
        await self._run(lambda redis: redis.eval(_RELEASE, 1, f"{key}:lock", token), None)

    async def forget(self, owner: str) -> None:
        """Drop every entry of one credential (Polytomic refused it: its answers must not outlive it)."""

        async def drop(redis: Redis) -> None:
            found = [key async for key in redis.scan_iter(match=f"{PREFIX}{owner}:*", count=1000)]
            doomed = [key for key in found if not key.endswith(b":lock")]  # a lock is a fetch in flight: leave it
            if doomed:
                await redis.unlink(*doomed)

        await self._run(drop, None)

    async def aclose(self) -> None:
        if self._redis is not None:
            redis, self._redis = self._redis, None
            with contextlib.suppress(Exception):  # closing a connection to a Redis that is gone may fail; it is gone
                await redis.aclose()

    def _client(self) -> Redis:
        if self._redis is None:
            from redis.asyncio import Redis
            from redis.asyncio.retry import Retry
            from redis.backoff import NoBackoff

            self._redis = Redis.from_url(
                self._url,
                socket_timeout=self.timeout,
                socket_connect_timeout=self.timeout,
                retry=Retry(NoBackoff(), 0),  # a failure is an outage to go around, not to retry into
            )
        return self._redis

    async def _run(self, operation: Callable[[Redis], Awaitable[Any]], fallback: T) -> T:
        """`operation` on Redis within TIMEOUT, or `fallback` when Redis fails, is slow, or failed a moment ago."""
        if self._down and self.clock() < self._retry_at:
            return fallback
        from redis.exceptions import RedisError, ResponseError

        epoch = self._epoch
        try:
            async with asyncio.timeout(self.timeout):
                result: T = await operation(self._client())
        except ResponseError as exc:  # Redis answered, refusing this one command (a key of another type, say)
            logger.debug("The shared cache refused a command (%s)", type(exc).__name__)
            return fallback
        except (RedisError, OSError, TimeoutError) as exc:
            self._failed(exc, epoch)
            return fallback
        if self._down and epoch == self._epoch:
            self._down = False
            self._epoch += 1
            logger.info("Shared cache at %s is back: replicas share Polytomic's answers again.", self.where)
        return result

    def _failed(self, exc: BaseException, epoch: int) -> None:
        if epoch != self._epoch:  # began before Redis came back (or went away): the state already says more
            return
        self._retry_at = self.clock() + self.retry_after
        if not self._down:
            self._down = True
            self._epoch += 1
            logger.warning(
                "Shared cache at %s is unavailable (%s); answering from Polytomic until it is back (this is logged "
                "once per outage).",
                self.where,
                self._describe(exc),
            )

    def _describe(self, exc: BaseException) -> str:
        text = str(exc) or f"no answer within {self.timeout:g} s"
        if self._password:
            text = text.replace(self._password, "***")
        text = " ".join(text.replace(self._url, self.where).split())[:200]
        return f"{type(exc).__name__}: {text}"


class SharedCacheTransport(httpx.AsyncBaseTransport):
    """GETs answered from the shared cache when a replica stored the answer within the TTL; otherwise fetched through
    `inner` by one replica at a time, and a 2xx answer stored for the others."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        cache: SharedCache,
        *,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.inner = inner
        self.cache = cache
        self._sleep = sleep

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "GET":
            return await self.inner.handle_async_request(request)
        cache = self.cache
        key = cache.key(request)
        seen = _reading.get()
        fresh_for = REFRESH_WINDOW if seen is not None and seen.refresh else cache.ttl
        now = cache.clock()
        deadline = current_deadline() or now + DEFAULT_WAIT
        give_up = now + max(0.0, deadline - now) / 2  # then fetch alone, with half of the call's time still left
        token = secrets.token_hex(16)
        pause = POLL_FIRST
        locked = False
        try:
            while True:
                entry = await cache.get(key)
                if entry is not None:
                    age = max(0.0, cache.wall() - entry.fetched_at)
                    if age < fresh_for:
                        if seen is not None:
                            seen.age = age
                        return entry.response()
                if locked:  # still missing with the lock held: this replica fetches it
                    break
                locked = await cache.acquire(key, token, max(0.0, deadline - cache.clock()))
                if locked:
                    continue  # look once more: whoever held the lock before may have stored it since the last look
                if cache.clock() + pause > give_up:
                    break
                await self._sleep(pause)  # another replica is fetching it: look again in a moment
                pause = min(pause * 2, POLL_MAX)
            return await self._fetch(request, key)
        finally:
            if locked:
                await cache.release(key, token)

    async def _fetch(self, request: httpx.Request, key: str) -> httpx.Response:
        cache = self.cache
        fetched_at = cache.wall()
        response = await self.inner.handle_async_request(request)
        if response.status_code == 401:
            await cache.forget(cache.owner(request))
        if not 200 <= response.status_code < 300:
            return response  # failures are never shared: each replica asks again
        body = await response.aread()
        answer = httpx.Response(
            response.status_code, headers=response.headers.raw, content=body, extensions=response.extensions
        )
        if len(body) <= MAX_SHARED_BYTES:
            content_type = response.headers.get("Content-Type", "application/json")
            await cache.put(key, Entry(response.status_code, content_type, fetched_at, body))
        return answer

    async def aclose(self) -> None:
        await self.inner.aclose()


def shared_cache(settings: Settings) -> SharedCache | None:
    """The shared cache these settings ask for (POLYTOMIC_CACHE_URL), or None; nothing connects before first use."""
    if not settings.cache_url:
        return None
    cache = SharedCache(settings.cache_url, ttl=settings.cache_ttl)
    logger.info("Replicas share Polytomic's answers through Redis at %s for %g s.", cache.where, cache.ttl)
    return cache
