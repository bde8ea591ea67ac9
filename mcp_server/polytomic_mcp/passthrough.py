"""Passthrough mode: each HTTP caller's calls go to Polytomic with that caller's own API key.

`CallerClients` is the server's resolver in this mode: a bounded LRU of per-caller Upstreams keyed by credential
fingerprint (never the key), all sending through one shared connection pool and sharing one cache in which each
caller's answers are keyed by its fingerprint and bounded to a share.
"""

from __future__ import annotations

import dataclasses
import functools
import time
from collections import OrderedDict
from collections.abc import Callable

import httpx
from mcp.server.auth.middleware.auth_context import get_access_token

from . import errors
from .clients import make_api_client
from .fingerprints import credential_fingerprint
from .settings import Settings
from .shared_cache import shared_cache
from .upstream import Upstream, response_cache

MAX_CALLER_CLIENTS = 256
REFUSED_FOR = 60.0  # seconds a key Polytomic refused is refused here without asking again
NEW_KEYS_PER_MINUTE = 10  # keys this server does not know yet, per client address
MAX_REMEMBERED = 10_000  # refused keys and addresses remembered (oldest forgotten first)
CALLER_CACHE_SHARE = 0.25  # of the shared cache's entries and bytes, at most, for one caller's answers


class _SharedTransport(httpx.AsyncBaseTransport):
    """One connection pool for every caller's client: closing a caller's client leaves the pool open."""

    def __init__(self, transport: httpx.AsyncBaseTransport) -> None:
        self.transport = transport

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.transport.handle_async_request(request)

    async def aclose(self) -> None:
        """The pool's owner (CallerClients) closes it, once, at shutdown."""


class CallerClients:
    """Per-caller Upstreams for passthrough mode: a bounded LRU of generated clients keyed by credential
    fingerprint, all sending through one shared connection pool (no pool per request or per caller).

    It also keeps the server from relaying key guesses to Polytomic: a key Polytomic refused (401) is refused here
    for REFUSED_FOR seconds without asking again, and each client address may bring at most NEW_KEYS_PER_MINUTE
    keys this registry does not know yet. Keys are held by fingerprint only (a keyed hash).
    """

    def __init__(
        self,
        settings: Settings,
        transport: httpx.AsyncBaseTransport,
        *,
        max_size: int = MAX_CALLER_CLIENTS,
        remembered: int = MAX_REMEMBERED,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._settings = settings
        self._pool = transport
        self._shared = _SharedTransport(transport)
        self._max_size = max_size
        self._remembered = remembered
        self._clock = clock
        self.cache = response_cache(settings, owner_share=CALLER_CACHE_SHARE, clock=clock)  # one, keyed by fingerprint
        self.shared = shared_cache(settings)  # the replicas' cache, when configured; its entries are per credential too
        self._clients: OrderedDict[str, Upstream] = OrderedDict()
        self._refused: OrderedDict[str, float] = OrderedDict()  # fingerprint -> until when
        self._new_keys: OrderedDict[str, list[float]] = OrderedDict()  # address -> when it brought new keys

    @property
    def callers(self) -> int:
        """How many callers' clients the LRU holds."""
        return len(self._clients)

    def resolve(self, address: str | None = None) -> Upstream:
        """The Upstream of the caller whose key the HTTP auth layer put in this request's context."""
        access = get_access_token()
        if access is None:
            raise errors.FailedCall(
                "refused", "This server acts with each caller's own Polytomic API key: send it as the bearer token."
            )
        return self.get(access.token, address)

    def get(self, token: str, address: str | None = None) -> Upstream:
        """The Upstream acting with this Polytomic API key (its client is created on first use), sharing the one
        cache; a ToolError, with nothing sent, for a key refused a moment ago or a new key beyond its address's
        allowance."""
        fingerprint = credential_fingerprint(token)
        now = self._clock()
        if self._refused.get(fingerprint, now) > now:
            raise errors.CredentialsRefused(errors.CALLER_CREDENTIALS_REFUSED, "refused")
        found = self._clients.get(fingerprint)
        if found is not None:
            self._clients.move_to_end(fingerprint)
            return found
        self._admit_new_key(address or "", now)
        as_caller = dataclasses.replace(self._settings, api_key=token)
        found = Upstream(
            client=make_api_client(as_caller, transport=self._shared, shared=self.shared),
            secrets=as_caller.secrets,
            hosts=as_caller.hosts,
            fingerprint=fingerprint,
            cache=self.cache,
            deadline=as_caller.call_deadline,
            caller_key=True,
            on_refused=functools.partial(self._refuse, fingerprint),
        )
        self._clients[fingerprint] = found
        while len(self._clients) > self._max_size:
            # The evicted client holds no connection of its own (they are the shared pool's), so dropping it
            # is enough, and a call still using it completes.
            self._clients.popitem(last=False)
        return found

    def _refuse(self, fingerprint: str) -> None:
        """Polytomic refused this key: forget its client and refuse it here for REFUSED_FOR seconds."""
        self._clients.pop(fingerprint, None)
        self._refused[fingerprint] = self._clock() + REFUSED_FOR
        self._refused.move_to_end(fingerprint)
        while len(self._refused) > self._remembered:
            self._refused.popitem(last=False)

    def _admit_new_key(self, address: str, now: float) -> None:
        recent = [at for at in self._new_keys.pop(address, []) if now - at < 60.0]
        if len(recent) >= NEW_KEYS_PER_MINUTE:
            self._new_keys[address] = recent
            raise errors.FailedCall(
                "refused",
                f"This address presented more than {NEW_KEYS_PER_MINUTE} new Polytomic API keys within a minute; "
                "nothing was sent to Polytomic. Wait a minute, and connect with one valid key.",
            )
        self._new_keys[address] = [*recent, now]
        while len(self._new_keys) > self._remembered:
            self._new_keys.popitem(last=False)

    async def aclose(self) -> None:
        self._clients.clear()
        await self._pool.aclose()
        if self.shared is not None:
            await self.shared.aclose()


def caller_transport() -> httpx.AsyncBaseTransport:
    """The one connection pool passthrough callers share, to Polytomic over the network."""
    return httpx.AsyncHTTPTransport(limits=httpx.Limits(max_connections=100, max_keepalive_connections=20))
