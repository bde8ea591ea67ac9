"""The cache the replicas share on Redis: against a real `redis-server` that these tests start on a free port and stop
by PID. In process, replicas are `SharedCache`s over one Redis with a fake Polytomic under each; in child processes
(marked `child_process`), real servers behind a round-robin balancer over the sandbox API, whose recorder counts what
reached Polytomic."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import hmac
import json
import logging
import shutil
import signal
import socket
import subprocess
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import anyio
import httpx
import pytest
import redis as redis_sync
from mcp import Client
from redis.exceptions import ConnectionError as RedisConnectionError

from polytomic_mcp import shared_cache as module
from polytomic_mcp.cache import REFRESH_WINDOW
from polytomic_mcp.sandbox import DEFAULT_API_KEY, SECOND_API_KEY, Sandbox
from polytomic_mcp.sandbox.dataset import GLOBEX_HUBSPOT, HUBSPOT, SALESFORCE, WAREHOUSE
from polytomic_mcp.sandbox.serve import running
from polytomic_mcp.server import build_server
from polytomic_mcp.settings import Settings
from polytomic_mcp.shared_cache import Entry, SharedCache, SharedCacheTransport, reading, redacted, shared_cache
from polytomic_mcp.transport import call_deadline

from .support import Clock, call_error, call_ok
from .test_http import RoundRobin, Served, mcp_client, serving

pytestmark = pytest.mark.anyio

LOGGER = "polytomic_mcp.shared_cache"
URL = "https://polytomic.test/api/connections/c1/modelsync/targets"
HEADERS = {"Authorization": "Bearer key-one", "X-Polytomic-Version": "2025-09-18"}
BODY = json.dumps({"data": [{"id": "Account"}]}).encode()


# A real redis-server, started here.


@dataclass
class RedisServer:
    """A `redis-server` on 127.0.0.1:port, this test's own: `stop()` ends it by its PID, `start()` brings it back."""

    port: int
    options: tuple[str, ...] = ()
    process: subprocess.Popen[bytes] | None = None

    def url(self, password: str = "") -> str:
        return f"redis://{f':{password}@' if password else ''}127.0.0.1:{self.port}/0"

    def start(self) -> bool:
        """Start on `port`; False when the port was taken (the server exits at once)."""
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        process = subprocess.Popen([*command, *self.options], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(1000):
            if process.poll() is not None:
                return False
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=1) as probe:
                probe.sendall(b"PING\r\n")
                if probe.recv(64).startswith((b"+PONG", b"-NOAUTH")):
                    self.process = process
                    return True
            time.sleep(0.01)
        process.kill()
        process.wait()
        raise AssertionError("redis-server did not start")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is not None:
            self.process.send_signal(sig)
            self.process.wait(30)
            self.process = None

    def client(self, password: str = "") -> redis_sync.Redis:
        return redis_sync.Redis.from_url(self.url(password), socket_timeout=5)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def redis_server(*options: str) -> Iterator[RedisServer]:
    if shutil.which("redis-server") is None:
        pytest.fail(
            "redis-server is not on PATH: these tests need it. Install it (`apt-get install -y redis-server` on "
            "Debian; .ci/run installs it when it is missing)."
        )
    for _ in range(20):  # a port that was free a moment ago may be taken by now: take another
        server = RedisServer(free_port(), options)
        if server.start():
            break
    else:
        raise AssertionError("no free port for redis-server")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    with redis_server() as server:
        yield server.url()


# Replicas in process: SharedCaches over one Redis, each in front of a fake Polytomic that counts what it is asked.


@dataclass
class Polytomic:
    """A fake upstream: answers `status` with `body` and `headers`, counting requests; `hold` keeps each request
    waiting until set."""

    status: int = 200
    body: bytes = BODY
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})
    calls: Counter[str] = field(default_factory=Counter)
    hold: asyncio.Event | None = None
    started: asyncio.Event = field(default_factory=asyncio.Event)

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls[str(request.url)] += 1
        self.started.set()
        if self.hold is not None:
            await self.hold.wait()
        return httpx.Response(self.status, content=self.body, headers=self.headers)

    @property
    def total(self) -> int:
        return sum(self.calls.values())


@dataclass
class Replica:
    cache: SharedCache
    upstream: Polytomic
    transport: SharedCacheTransport
    sleeps: list[float]

    async def get(self, url: str = URL, *, method: str = "GET", **headers: str) -> httpx.Response:
        request = httpx.Request(method, url, headers={**HEADERS, **headers})
        response = await self.transport.handle_async_request(request)
        await response.aread()
        return response


Replicas = Callable[..., Replica]


@pytest.fixture
async def replicas(redis_url: str) -> AsyncIterator[Replicas]:
    """Makes replicas on this module's Redis (`url=` for another), emptied first; closes them at the end."""
    with redis_sync.Redis.from_url(redis_url) as plain:
        plain.flushall()
    made: list[Replica] = []

    def make(upstream: Polytomic | None = None, *, url: str = redis_url, **options: Any) -> Replica:
        options.setdefault("ttl", 60.0)
        cache = SharedCache(url, **options)
        upstream = upstream or Polytomic()
        sleeps: list[float] = []

        async def sleep(seconds: float) -> None:
            sleeps.append(seconds)
            await asyncio.sleep(seconds)

        replica = Replica(
            cache, upstream, SharedCacheTransport(httpx.MockTransport(upstream), cache, sleep=sleep), sleeps
        )
        made.append(replica)
        return replica

    yield make
    for replica in made:
        await replica.transport.aclose()
        await replica.cache.aclose()


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno >= logging.WARNING]


async def test_a_replica_answers_from_what_another_fetched_byte_for_byte_and_polytomic_is_asked_once(
    replicas: Replicas,
) -> None:
    one, two = replicas(), replicas()
    first = await one.get()
    second = await two.get()
    assert first.status_code == second.status_code == 200
    assert first.content == second.content == BODY
    assert second.headers["Content-Type"] == "application/json"
    assert one.upstream.total == 1 and two.upstream.total == 0


async def test_only_successful_answers_are_shared_and_each_replica_asks_again_after_a_failure(
    replicas: Replicas, redis_url: str
) -> None:
    for status in (300, 404, 500):
        one, two = replicas(Polytomic(status)), replicas(Polytomic(status))
        assert (await one.get()).status_code == status
        assert (await two.get()).status_code == status
        assert one.upstream.total == two.upstream.total == 1
        assert not two.sleeps, "a failed fetch released its lock: nobody waited for it"
        with redis_sync.Redis.from_url(redis_url) as plain:
            assert plain.keys("*") == []  # nothing written, not even an entry that would then be ignored


async def test_the_fetching_replica_gets_polytomics_headers_and_the_others_its_body_and_content_type(
    replicas: Replicas,
) -> None:
    csv = Polytomic(body=b"id,name\n1,Account\n", headers={"Content-Type": "text/csv", "X-Request-Id": "r-1"})
    one, two = replicas(csv), replicas()
    fetched = await one.get()
    assert fetched.headers["X-Request-Id"] == "r-1" and fetched.headers["Content-Type"] == "text/csv"
    shared = await two.get()
    assert shared.content == b"id,name\n1,Account\n" and shared.headers["Content-Type"] == "text/csv"
    untyped = Polytomic(body=b'{\n  "data": []\n}\n', headers={})  # pretty-printed, and no Content-Type
    three, four = replicas(untyped), replicas()
    await three.get(URL + "?untyped=1")
    shared = await four.get(URL + "?untyped=1")
    assert shared.content == b'{\n  "data": []\n}\n' and shared.headers["Content-Type"] == "application/json"
    assert csv.total == untyped.total == 1 and two.upstream.total == four.upstream.total == 0


async def test_different_credentials_never_share_an_answer_even_for_the_same_url(
    replicas: Replicas, redis_url: str
) -> None:
    one, two = replicas(), replicas()
    await one.get(Authorization="Bearer key-one")
    await two.get(Authorization="Bearer key-two")
    await two.get(Authorization="Basic a2V5LW9uZQ==")
    assert two.upstream.total == 2
    with redis_sync.Redis.from_url(redis_url) as plain:
        names = b" ".join(plain.keys("*")).decode()
    assert "key-one" not in names and "key-two" not in names and "a2V5LW9uZQ" not in names


def test_an_entry_is_named_by_a_keyed_hash_of_the_credential_and_a_hash_of_the_method_version_and_url() -> None:
    """Every replica, of whatever release, must name an answer alike to share it: the names are the v1 format, whose
    credential hash is keyed by the Redis URL's password (a request may carry no credential or API version)."""

    def v1(password: str, credential: str, version: str, url: str) -> str:
        key = hashlib.sha256(b"polytomic-mcp shared cache v1\0" + password.encode()).digest()
        owner = hmac.new(key, credential.encode(), hashlib.sha256).hexdigest()[:32]
        return f"polytomic-mcp:v1:{owner}:{hashlib.sha256(f'GET {version} {url}'.encode()).hexdigest()}"

    with_password = SharedCache("redis://:p%40ss@cache.internal:6379/0", ttl=60)
    without = SharedCache("redis://cache.internal:6379/0", ttl=60)
    asked, bare = httpx.Request("GET", URL, headers=HEADERS), httpx.Request("GET", URL)
    assert with_password.key(asked) == v1("p@ss", "Bearer key-one", "2025-09-18", URL)
    assert without.key(asked) == v1("", "Bearer key-one", "2025-09-18", URL)
    assert without.key(bare) == v1("", "", "", URL)


async def test_the_api_version_and_the_method_are_part_of_what_is_asked(replicas: Replicas) -> None:
    one = replicas()
    await one.get()
    await one.get(**{"X-Polytomic-Version": "2026-01-01"})
    assert (await one.get(method="POST")).status_code == 200
    assert (await one.get(method="POST")).status_code == 200
    assert one.upstream.total == 4  # a new version asks again; a POST is never answered from the cache


async def test_a_waiting_replica_gets_the_answer_the_fetching_one_stores(replicas: Replicas) -> None:
    held = Polytomic(hold=asyncio.Event())
    one, two = replicas(held), replicas()
    fetching = asyncio.create_task(one.get())
    await held.started.wait()  # the first replica holds the lock and is asking Polytomic
    waiting = asyncio.create_task(two.get())
    while not two.sleeps:  # the second found the lock and waits
        await asyncio.sleep(0.001)
    assert held.hold is not None
    held.hold.set()
    assert (await waiting).content == (await fetching).content == BODY
    assert held.total == 1 and two.upstream.total == 0


async def test_an_answer_stored_between_a_look_and_taking_the_lock_is_used_not_fetched_again(
    replicas: Replicas, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, two = replicas(), replicas()
    acquire = two.cache.acquire

    async def another_replica_finishes_first(key: str, token: str, seconds: float) -> bool:
        await one.get()  # it stored its answer and released its lock just after `two` looked
        return await acquire(key, token, seconds)

    monkeypatch.setattr(two.cache, "acquire", another_replica_finishes_first)
    assert (await two.get()).content == BODY
    assert one.upstream.total == 1 and two.upstream.total == 0


async def test_a_waiting_replica_fetches_itself_once_a_dead_replicas_lock_expires(
    replicas: Replicas, redis_url: str
) -> None:
    one = replicas()
    key = one.cache.key(httpx.Request("GET", URL, headers=HEADERS))
    with redis_sync.Redis.from_url(redis_url) as plain:
        plain.set(f"{key}:lock", "a replica that died", px=300)
        with call_deadline(600):  # its own deadline is far: only the lock's expiry lets it go
            assert (await one.get()).content == BODY
        assert plain.get(f"{key}:lock") is None  # it took the lock, then released it
    assert one.upstream.total == 1 and one.sleeps


async def test_a_waiting_replica_fetches_itself_when_half_its_deadline_has_passed(
    replicas: Replicas, redis_url: str
) -> None:
    one, two = replicas(), replicas()
    key = one.cache.key(httpx.Request("GET", URL, headers=HEADERS))
    with redis_sync.Redis.from_url(redis_url) as plain:
        plain.set(f"{key}:lock", "a slow replica", px=600_000)
        with call_deadline(0.4):
            assert (await one.get()).content == BODY
        assert plain.get(f"{key}:lock") == b"a slow replica"  # not taken, not released: it is still another's
    assert one.upstream.total == 1 and one.sleeps
    assert (await two.get()).content == BODY and two.upstream.total == 0  # and what it fetched is shared


@pytest.mark.parametrize(
    "raw",
    [
        b"not an entry",
        b"\xff\xfe\nbody",
        b"[200]\nbody",
        b'{"status": 200, "type": "application/json"}\nbody',
        b'{"status": 200, "type": "application/json", "at": 1e18}',
        b'{"status": 500, "type": "application/json", "at": 1e18}\nbody',
        b'{"status": 300, "type": "application/json", "at": 1e18}\nbody',
        b'{"status": true, "type": "application/json", "at": 1e18}\nbody',
        b'{"status": "200", "type": "application/json", "at": 1e18}\nbody',
        b'{"status": 200, "type": 7, "at": 1e18}\nbody',
        b'{"status": 200, "type": "application/json", "at": "now"}\nbody',
        b'{"status": 200, "type": "application/json", "at": true}\nbody',
        b'{"status": 200, "type": "application/json", "at": NaN}\nbody',
    ],
)
async def test_an_unreadable_entry_in_redis_is_ignored_and_replaced(
    raw: bytes, replicas: Replicas, redis_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Each value is something this version did not write: without a newline after its head, a status outside 2xx,
    a field of the wrong type. Those with a valid date are dated in the future (fresh on any clock): read as an
    entry, they would be served."""
    caplog.set_level(logging.DEBUG, LOGGER)
    one = replicas()
    key = one.cache.key(httpx.Request("GET", URL, headers=HEADERS))
    with redis_sync.Redis.from_url(redis_url) as plain:
        plain.set(key, raw)
        assert (await one.get()).content == BODY
        assert Entry.decode(plain.get(key) or b"") is not None
    assert one.upstream.total == 1 and not warnings_of(caplog)
    ignored = [r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno == logging.DEBUG]
    assert ignored and set(ignored) == {"Ignored an unreadable entry in the shared cache"}  # each look says so


async def test_a_key_of_another_type_is_a_miss_not_an_outage(
    replicas: Replicas, redis_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, LOGGER)
    one = replicas()
    key = one.cache.key(httpx.Request("GET", URL, headers=HEADERS))
    with redis_sync.Redis.from_url(redis_url) as plain:
        plain.lpush(key, "a list")
    assert (await one.get()).content == BODY
    assert (await one.get()).content == BODY
    assert one.upstream.total == 1 and not warnings_of(caplog)  # the SET replaced the list
    refused = {r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno == logging.DEBUG}
    assert refused == {"The shared cache refused a command (ResponseError)"}


async def test_a_refresh_takes_a_shared_answer_only_from_within_the_refresh_window(replicas: Replicas) -> None:
    wall = Clock()
    one, two = replicas(wall=wall), replicas(wall=wall)
    await one.get()
    wall.now += 30
    with reading(refresh=False) as seen:
        await two.get()
    assert seen.age == 30 and two.upstream.total == 0  # reused, and said how old it was
    with reading(refresh=True) as seen:
        await two.get()
    assert seen.age == 0 and two.upstream.total == 1  # too old for a refresh: asked again, and stored
    wall.now += REFRESH_WINDOW / 2
    with reading(refresh=True) as seen:
        await one.get()
    assert seen.age == REFRESH_WINDOW / 2 and one.upstream.total == 1  # a refresh that recent is shared
    wall.now += REFRESH_WINDOW / 2
    with reading(refresh=True) as seen:
        await one.get()
    assert seen.age == 0 and one.upstream.total == 2  # exactly REFRESH_WINDOW old is too old already


async def test_an_answer_from_a_clock_ahead_counts_as_just_fetched(replicas: Replicas) -> None:
    ahead, behind = Clock(), Clock()
    ahead.now += 5
    await replicas(wall=ahead).get()
    with reading(refresh=True) as seen:
        await replicas(wall=behind).get()
    assert seen.age == 0


async def test_a_credential_polytomic_refuses_loses_its_shared_answers_and_only_it(
    replicas: Replicas, redis_url: str
) -> None:
    one = replicas()
    await one.get()
    await one.get(URL + "?other=1")
    await one.get(Authorization="Bearer key-two")
    in_flight = one.cache.key(httpx.Request("GET", URL + "?fourth=1", headers=HEADERS)) + ":lock"
    with redis_sync.Redis.from_url(redis_url) as plain:
        plain.set(in_flight, "another replica fetching", px=600_000)
    refused = replicas(Polytomic(401))
    assert (await refused.get(Authorization="Bearer never-stored")).status_code == 401  # nothing of its to drop
    assert (await refused.get(URL + "?third=1")).status_code == 401
    with redis_sync.Redis.from_url(redis_url) as plain:
        left = plain.keys(f"{module.PREFIX}*")
        assert plain.get(in_flight) == b"another replica fetching"  # a fetch in flight keeps its lock
        left.remove(in_flight.encode())
    two = one.cache.owner(httpx.Request("GET", URL, headers={"Authorization": "Bearer key-two"}))
    assert len(left) == 1 and left[0].decode().startswith(f"{module.PREFIX}{two}:")


async def test_an_answer_too_large_to_share_is_kept_by_each_replica_alone(
    replicas: Replicas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(module, "MAX_SHARED_BYTES", len(BODY) - 1)
    one, two = replicas(), replicas()
    assert (await one.get()).content == (await two.get()).content == BODY
    assert one.upstream.total == two.upstream.total == 1
    monkeypatch.setattr(module, "MAX_SHARED_BYTES", len(BODY))  # exactly at the limit: still shared
    three, four = replicas(), replicas()
    assert (await three.get(URL + "?at-limit=1")).content == (await four.get(URL + "?at-limit=1")).content == BODY
    assert three.upstream.total == 1 and four.upstream.total == 0


async def test_without_a_call_deadline_a_waiter_still_gives_up(
    replicas: Replicas, redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(module, "DEFAULT_WAIT", 0.2)
    one = replicas()
    key = one.cache.key(httpx.Request("GET", URL, headers=HEADERS))
    with redis_sync.Redis.from_url(redis_url) as plain:
        plain.set(f"{key}:lock", "another", px=600_000)
    assert (await one.get()).content == BODY and one.upstream.total == 1


async def test_an_entry_expires_after_the_ttl_and_a_lock_when_the_call_that_took_it_must_be_done(
    replicas: Replicas, redis_url: str
) -> None:
    clock = Clock()
    held = Polytomic(hold=asyncio.Event())
    one = replicas(held, clock=clock)
    key = one.cache.key(httpx.Request("GET", URL, headers=HEADERS))
    late = one.cache.key(httpx.Request("GET", URL + "?late=1", headers=HEADERS))
    with redis_sync.Redis.from_url(redis_url) as plain:
        with call_deadline(30, clock=clock):
            fetching = asyncio.create_task(one.get())
            await held.started.wait()
            assert 25_000 < plain.pttl(f"{key}:lock") <= 30_000  # a replica that dies frees it with its call
            held.started.clear()
            with call_deadline(0, clock=clock):  # a call with no time left locks for as little as Redis allows
                fetching_late = asyncio.create_task(one.get(URL + "?late=1"))
            await held.started.wait()
            assert plain.pttl(f"{late}:lock") <= 1
            assert held.hold is not None
            held.hold.set()
            await fetching
            await fetching_late
        assert 55_000 < plain.pttl(key) <= 60_000 and 55_000 < plain.pttl(late) <= 60_000  # the TTL of 60 s


async def test_a_waiter_looks_again_at_doubling_intervals_and_fetches_itself_once_half_its_call_time_is_gone(
    replicas: Replicas, redis_url: str
) -> None:
    clock = Clock()
    slept: list[float] = []

    async def sleep(seconds: float) -> None:  # time passes on the clock alone
        slept.append(seconds)
        clock.now += seconds
        assert len(slept) < 1000, "the waiter never gives up"

    one = replicas(clock=clock)
    transport = SharedCacheTransport(httpx.MockTransport(one.upstream), one.cache, sleep=sleep)

    async def waits(url: str, seconds: float) -> list[float]:
        """How long a call with `seconds` left waits while another replica holds the lock, before fetching."""
        request = httpx.Request("GET", url, headers=HEADERS)
        with redis_sync.Redis.from_url(redis_url) as plain:
            plain.set(f"{one.cache.key(request)}:lock", "a slow replica", px=600_000)
        slept.clear()
        with call_deadline(seconds, clock=clock):
            assert (await transport.handle_async_request(request)).content == BODY
        return list(slept)

    waited = await waits(URL, 10)
    assert waited[:5] == [0.01, 0.02, 0.04, 0.08, 0.1] and set(waited[5:]) == {0.1}  # doubling up to POLL_MAX
    assert 5 - 0.1 < sum(waited) <= 5 + 1e-9  # then it fetched, with half of its 10 s left
    assert await waits(URL + "?none-left=1", 0) == []  # nothing left to wait with
    clock.now = 0.0
    assert await waits(URL + "?short=1", 0.02) == [0.01]  # a look due exactly when it would give up is still taken
    assert one.upstream.total == 3


# Outages: Redis gone, slow, or refusing the password.


async def test_an_unreachable_redis_costs_one_warning_per_outage_and_the_cache_comes_back_by_itself(
    replicas: Replicas, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock()
    caplog.set_level(logging.INFO, LOGGER)
    with redis_server() as server:
        url = server.url("hunter2-secret")
        server.stop(signal.SIGKILL)
        one = replicas(url=url, clock=clock)
        two = replicas(url=url, clock=clock)
        for call in range(5):
            clock.now += module.RETRY_AFTER if call else 0  # each call probes Redis again: still one warning
            assert (await one.get()).content == BODY
        assert one.upstream.total == 5
        assert warnings_of(caplog) == [
            f"Shared cache at redis://127.0.0.1:{server.port}/0 is unavailable (ConnectionError: Error 111 "
            f"connecting to 127.0.0.1:{server.port}. Connect call failed ('127.0.0.1', {server.port}).); answering "
            "from Polytomic until it is back (this is logged once per outage)."
        ]
        assert server.start()
        await one.get()  # within RETRY_AFTER of the last failure: Redis is left alone
        assert one.upstream.total == 6 and len(warnings_of(caplog)) == 1
        clock.now += module.RETRY_AFTER
        await one.get()
        await two.get()
        assert one.upstream.total == 7 and two.upstream.total == 0  # shared again
    back = f"Shared cache at redis://127.0.0.1:{server.port}/0 is back: replicas share Polytomic's answers again."
    assert [r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno == logging.INFO] == [back]
    assert not any("hunter2" in r.getMessage() for r in caplog.records)


async def test_a_redis_that_does_not_answer_times_out_and_polytomic_answers(
    replicas: Replicas, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as silent:  # accepts connections (the kernel does) and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        one = replicas(url=f"redis://:pass-word@127.0.0.1:{silent.getsockname()[1]}/0", timeout=0.2)
        assert (await one.get()).content == BODY
        assert (await one.get()).content == BODY
    assert one.upstream.total == 2
    [warning] = warnings_of(caplog)
    assert "(TimeoutError: no answer within 0.2 s)" in warning and "pass-word" not in warning


async def test_a_wrong_password_is_an_outage_whose_warning_never_shows_it(caplog: pytest.LogCaptureFixture) -> None:
    with redis_server("--requirepass", "right-password") as server:
        right = SharedCache(server.url("right-password"), ttl=60)
        wrong = SharedCache(server.url("wrong-password"), ttl=60)
        try:
            polytomic = Polytomic()
            for cache in (right, wrong, right):
                transport = SharedCacheTransport(httpx.MockTransport(polytomic), cache)
                assert (await transport.handle_async_request(httpx.Request("GET", URL, headers=HEADERS))).is_success
        finally:
            await right.aclose()
            await wrong.aclose()
    assert polytomic.total == 2  # the right password shares; the wrong one asks Polytomic
    [warning] = warnings_of(caplog)
    assert "AuthenticationError" in warning and "password" not in warning.replace("password pair", "")
    assert "wrong-password" not in warning and "right-password" not in warning


async def test_a_refusing_redis_is_tried_once_per_operation_and_its_long_refusal_is_logged_masked_and_cut_short(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A Redis-compatible proxy that refuses every command, quoting the password it was given, at length."""
    refusal = "the password hunter2-secret is not accepted here" + ", not at all" * 30
    connections = 0

    async def refuse(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        with contextlib.suppress(OSError):
            while await reader.read(4096):
                writer.write(f"-WRONGPASS {refusal}\r\n".encode())
                await writer.drain()
        writer.close()

    server = await asyncio.start_server(refuse, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        cache = SharedCache(f"redis://:hunter2-secret@127.0.0.1:{port}/0", ttl=60)
        try:
            transport = SharedCacheTransport(httpx.MockTransport(Polytomic()), cache)
            assert (await transport.handle_async_request(httpx.Request("GET", URL, headers=HEADERS))).is_success
        finally:
            await cache.aclose()
    assert connections == 1  # an outage is gone around, never retried into
    [warning] = warnings_of(caplog)
    shown = refusal.replace("hunter2-secret", "***")[:200]
    assert f"(AuthenticationError: {shown}); answering from Polytomic" in warning


async def test_what_an_operation_saw_before_redis_came_back_or_went_away_changes_nothing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, LOGGER)
    clock = Clock()
    cache = SharedCache("redis://127.0.0.1:1/0", ttl=60, clock=clock)
    release = asyncio.Event()

    async def fails_later(_: object) -> None:
        await release.wait()
        raise RedisConnectionError("gone")

    async def succeeds_later(_: object) -> str:
        await release.wait()
        return "ok"

    async def fails(_: object) -> None:
        raise RedisConnectionError("gone")

    async def succeeds(_: object) -> str:
        return "ok"

    async def run(operation: Callable[[object], Awaitable[Any]]) -> object:
        return await cache._run(operation, "fallback")

    try:
        old_failure = asyncio.create_task(run(fails_later))
        old_success = asyncio.create_task(run(succeeds_later))
        await asyncio.sleep(0)
        assert await run(fails) == "fallback"  # down: one warning
        clock.now += module.RETRY_AFTER
        release.set()
        assert await old_success == "ok"  # began while Redis was up: says nothing about now
        assert await old_failure == "fallback"
        assert await run(succeeds) == "ok"  # back
        clock.now += module.RETRY_AFTER
        release.clear()
        late_failure = asyncio.create_task(run(fails_later))
        await asyncio.sleep(0)
        assert await run(fails) == "fallback"  # a new outage
        assert await run(succeeds) == "fallback"  # left alone for RETRY_AFTER
        clock.now += module.RETRY_AFTER
        assert await run(succeeds) == "ok"
        release.set()
        assert await late_failure == "fallback"  # began before it came back: no third warning
    finally:
        await cache.aclose()
    levels = [(r.levelname, r.getMessage()[:40]) for r in caplog.records if r.name == LOGGER]
    assert [level for level, _ in levels] == ["WARNING", "INFO", "WARNING", "INFO"], levels


def test_a_redis_url_is_logged_without_its_user_or_password() -> None:
    assert redacted("rediss://user:p%40ss@cache.internal:6380/2") == "rediss://cache.internal:6380/2"
    assert redacted("redis://:secret@[::1]/0") == "redis://[::1]/0"
    assert redacted("redis://:secret@cache.internal:99999") == "redis://cache.internal"
    assert "secret" not in repr(SharedCache("redis://:secret@cache.internal", ttl=60))


async def test_settings_without_a_cache_url_give_no_shared_cache_and_closing_an_unused_one_is_quiet(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, LOGGER)
    assert shared_cache(Settings(api_key="k")) is None
    cache = shared_cache(Settings(api_key="k", cache_url="redis://:secret@127.0.0.1:1/0", cache_ttl=5))
    assert cache is not None and cache.ttl == 5
    said = [r.getMessage() for r in caplog.records if r.name == LOGGER]
    assert said == ["Replicas share Polytomic's answers through Redis at redis://127.0.0.1:1/0 for 5 s."]
    await cache.aclose()
    await cache.aclose()


async def test_closing_a_cache_whose_redis_is_gone_is_quiet() -> None:
    with redis_server() as server:
        cache = SharedCache(server.url(), ttl=60)
        await cache.put("polytomic-mcp:v1:x", Entry(200, "application/json", time.time(), b"{}"))
        server.stop(signal.SIGKILL)
    await cache.aclose()


async def test_two_servers_share_an_answer_and_each_keeps_it_only_for_what_is_left_of_its_ttl(
    cache_clock: Clock,
) -> None:
    sandbox = Sandbox()
    arguments = {"connection_id": HUBSPOT}
    # A Redis of its own: the test counts every hit the server sees, so no other test's client may be connected.
    with redis_server() as server, running(sandbox) as api, redis_sync.Redis.from_url(server.url()) as plain:
        redis_url = server.url()
        plain.flushall()
        settings = Settings(api_key=DEFAULT_API_KEY, base_url=api, cache_url=redis_url, cache_ttl=60)
        async with (
            Client(build_server(settings, clock=cache_clock)) as one,
            Client(build_server(settings, clock=cache_clock)) as two,
        ):
            first = await call_ok(one, "list_sync_targets", arguments)
            [key] = plain.keys(f"{module.PREFIX}*")
            entry = Entry.decode(plain.get(key) or b"")
            assert entry is not None
            plain.set(key, dataclasses.replace(entry, fetched_at=entry.fetched_at - 50).encode(), keepttl=True)

            def redis_hits() -> int:
                return int(plain.info("stats")["keyspace_hits"])

            hits = redis_hits()
            assert await call_ok(two, "list_sync_targets", arguments) == first  # from Redis, 50 s old
            assert redis_hits() == hits + 1
            # The entry's age is read from the wall clock, so the real time since it was stored (under a second)
            # comes off the 10 s the TTL had left: 9 s in, its own copy still serves; at 10.5 s it has expired.
            cache_clock.now += 9
            await call_ok(two, "list_sync_targets", arguments)
            assert redis_hits() == hits + 1  # its own copy, for what the TTL had left
            cache_clock.now += 1.5
            await call_ok(two, "list_sync_targets", arguments)
            assert redis_hits() == hits + 2  # expired: asked Redis again
    assert sum(1 for r in sandbox.requests if r.route == "list_sync_targets") == 1


# Real servers: replicas behind a round-robin balancer, over the sandbox API on a loopback port.


def _routes(sandbox: Sandbox, route: str) -> Counter[str]:
    return Counter(f"{r.path}?{r.query}" for r in sandbox.requests if r.route == route)


def _port(served: Served) -> int:
    return httpx.URL(served.url).port or 0


@contextlib.contextmanager
def replica_servers(count: int, env: dict[str, str], *args: str) -> Iterator[list[Served]]:
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(serving(*args, env=env)) for _ in range(count)]


@pytest.mark.child_process
async def test_three_replicas_on_one_redis_ask_polytomic_once_per_answer_for_thirty_clients_paging_through_them() -> (
    None
):
    sandbox = Sandbox(latency=0.2)
    with redis_server() as server, running(sandbox) as api:
        env = {"POLYTOMIC_BASE_URL": api, "POLYTOMIC_API_KEY": DEFAULT_API_KEY, "POLYTOMIC_CACHE_URL": server.url(),
               "POLYTOMIC_CACHE_TTL": "3600", "POLYTOMIC_CALL_DEADLINE": "120"}  # fmt: skip
        # A generous deadline: a replica waits for another's fetch for half of it, however loaded this machine is.
        with replica_servers(3, env) as servers:
            ports = [_port(s) for s in servers]
            seen: list[tuple[str, int]] = []

            async def agent(index: int) -> None:
                balancer = RoundRobin(ports[index % 3 :] + ports[: index % 3])
                async with mcp_client(servers[0].url, None, balancer) as client:
                    for connection in (WAREHOUSE, SALESFORCE) if index % 2 else (SALESFORCE, WAREHOUSE):
                        ids: list[str] = []
                        cursor = None
                        while True:
                            arguments = {"connection_id": connection, "limit": 500, "cursor": cursor}
                            page = await call_ok(client, "list_sync_targets", arguments)
                            ids.extend(t["id"] for t in page["targets"])
                            if (cursor := page["next_cursor"]) is None:
                                break
                        seen.append((connection, len(set(ids))))
                assert set(balancer.served) == set(ports)

            async with anyio.create_task_group() as group:
                for index in range(30):
                    group.start_soon(agent, index)
    assert sorted(Counter(seen).items()) == [((WAREHOUSE, 2815), 30), ((SALESFORCE, 977), 30)]
    asked = _routes(sandbox, "list_sync_targets")
    assert len(asked) == 2 and set(asked.values()) == {1}, asked  # one request per distinct answer, in all
    for replica in servers:
        assert not any("WARNING" in line or "ERROR" in line for line in replica.log), replica.log


@pytest.mark.child_process
async def test_killing_redis_mid_run_fails_no_call_logs_one_warning_per_replica_and_sharing_resumes_after_restart() -> (
    None
):
    sandbox = Sandbox()
    with redis_server() as server, running(sandbox) as api:
        env = {"POLYTOMIC_BASE_URL": api, "POLYTOMIC_API_KEY": DEFAULT_API_KEY, "POLYTOMIC_CACHE_URL": server.url(),
               "POLYTOMIC_CACHE_TTL": "3600"}  # fmt: skip
        with replica_servers(2, env) as servers:
            async with contextlib.AsyncExitStack() as stack:
                one, two = [await stack.enter_async_context(mcp_client(s.url, None)) for s in servers]
                listing = await call_ok(one, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 500})
                targets = iter(entry["id"] for entry in listing["targets"])

                async def both(target: str) -> int:
                    """Read a target's fields through one replica, then the other; how often Polytomic was asked."""
                    for client in (one, two):
                        await call_ok(client, "get_sync_target_fields", {"connection_id": SALESFORCE, "target": target})
                    asked = _routes(sandbox, "get_sync_target_fields")
                    return sum(n for url, n in asked.items() if parse_qs(urlsplit(url).query)["target"] == [target])

                assert [await both(next(targets)) for _ in range(3)] == [1, 1, 1]  # shared
                server.stop(signal.SIGKILL)
                down = [next(targets) for _ in range(10)]
                async with anyio.create_task_group() as group:  # all at once, through both replicas
                    for target in down:
                        group.start_soon(both, target)
                assert [await both(target) for target in down] == [2] * 10  # answered, each replica asking itself
                assert server.start()
                for _ in range(200):  # each replica probes Redis again RETRY_AFTER seconds after its last failure
                    if await both(next(targets)) == 1:
                        break
                    await anyio.sleep(0.1)
                else:
                    raise AssertionError("the replicas did not share answers again after Redis came back")
                assert await both(next(targets)) == 1
    for replica in servers:
        warnings = [line for line in replica.log if "WARNING" in line]
        assert len(warnings) == 1 and "Shared cache" in warnings[0], warnings
        assert sum("is back: replicas share" in line for line in replica.log) == 1
        assert not any("ERROR" in line or "Traceback" in line for line in replica.log)


@pytest.mark.child_process
async def test_two_organizations_through_one_redis_never_see_each_others_answers_even_for_the_same_connection_id() -> (
    None
):
    sandbox = Sandbox()
    with redis_server() as server, running(sandbox) as api:
        env = {"POLYTOMIC_BASE_URL": api, "POLYTOMIC_CACHE_URL": server.url(), "POLYTOMIC_CACHE_TTL": "3600"}
        with replica_servers(2, env, "--auth", "passthrough") as (a, b):
            async with (
                mcp_client(a.url, DEFAULT_API_KEY) as acme_a,
                mcp_client(b.url, DEFAULT_API_KEY) as acme_b,
                mcp_client(a.url, SECOND_API_KEY) as globex_a,
                mcp_client(b.url, SECOND_API_KEY) as globex_b,
            ):
                acme = await call_ok(acme_a, "list_connections", {"limit": 500})
                globex = await call_ok(globex_b, "list_connections", {"limit": 500})
                acme_ids = {c["id"] for c in acme["connections"]}
                globex_ids = {c["id"] for c in globex["connections"]}
                assert HUBSPOT in acme_ids and GLOBEX_HUBSPOT in globex_ids and not acme_ids & globex_ids
                assert (await call_ok(acme_a, "list_sync_targets", {"connection_id": HUBSPOT}))["total"] == 40
                assert f"No connection {HUBSPOT}" in await call_error(
                    globex_b, "list_sync_targets", {"connection_id": HUBSPOT}
                )
                await call_ok(globex_a, "list_sync_targets", {"connection_id": GLOBEX_HUBSPOT})
                assert f"No connection {GLOBEX_HUBSPOT}" in await call_error(
                    acme_b, "list_sync_targets", {"connection_id": GLOBEX_HUBSPOT}
                )
                # Within one organization the answers are shared: the isolation above is not for lack of a cache.
                await call_ok(acme_b, "list_sync_targets", {"connection_id": HUBSPOT})
                await call_ok(globex_b, "list_sync_targets", {"connection_id": GLOBEX_HUBSPOT})
                await call_ok(acme_b, "list_connections", {"limit": 500})
    assert list(_routes(sandbox, "list_connections").values()) == [2]  # once per organization
    asked = _routes(sandbox, "list_sync_targets")
    assert sorted(asked.values()) == [2, 2]  # each id: its owner once, the other organization once (refused)
    for replica in (a, b):
        assert not any(key in line for line in replica.log for key in (DEFAULT_API_KEY, SECOND_API_KEY))
