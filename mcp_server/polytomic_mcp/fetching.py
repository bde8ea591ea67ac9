"""Fetching one answer from Polytomic for a tool: through the Upstream's cache, within the call's deadline, every
failure raised as the ToolError `errors` words for it.

`fetch` is what the tool handlers call; `answer` awaits one generated `*_detailed` call and maps what can go wrong
on the way (timeouts, refused connections, unreadable bodies, error statuses). This module and the handlers are the
side of the server that touches httpx and the generated client: they load with the first tool call, not at start-up.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable, Hashable, Sequence
from enum import Enum
from http import HTTPStatus
from typing import Any, TypeVar, cast

import anyio.to_thread
import attrs
import httpx

from polytomic_sync_client.errors import PARSE_OFF_LOOP_BYTES, UnexpectedPayload, UnsafeParameterError
from polytomic_sync_client.models import ApiError
from polytomic_sync_client.types import Response

from . import errors, tracing
from .settings import ENV_BASE_URL
from .shared_cache import reading
from .transport import ResponseTooLarge, call_deadline, last_retried_status
from .upstream import Upstream

logger = logging.getLogger(__name__)

T = TypeVar("T")


async def fetch(
    up: Upstream,
    key: tuple[Hashable, ...],
    call: Callable[[], Awaitable[Response[Any]]],
    expected: type[T],
    *,
    not_found: str,
    forbidden_what: str = "this connection",
    refresh: bool = False,
) -> T:
    """The parsed 2xx answer of `call()` (a generated `*_detailed` call), from the cache when fresh.

    `key` names the operation and its arguments, e.g. ("list_sync_targets", connection_id, flag).
    Identical concurrent fetches share one upstream call; failures (ToolError) are never cached.
    """

    async def load() -> tuple[object, int, float]:
        size = 0

        async def sized() -> Response[Any]:
            nonlocal size
            response = await call()
            size = len(response.content)
            return response

        try:
            with call_deadline(up.deadline, operation=str(key[0])), reading(refresh=refresh) as seen:
                try:
                    async with asyncio.timeout(up.deadline):
                        value = await answer(
                            sized(),
                            expected,
                            not_found=not_found,
                            forbidden_what=forbidden_what,
                            caller_key=up.caller_key,
                            secrets=up.secrets,
                            hosts=up.hosts,
                        )
                        size = await held_size(value, size)
                except TimeoutError:
                    retried = last_retried_status()
                    if retried is not None:  # say what Polytomic kept answering, not only "out of time"
                        raise errors.status_error(
                            retried[0], None, retried[1], not_found, forbidden_what, caller_key=up.caller_key
                        ) from None
                    raise errors.FailedCall("upstream_network", errors.out_of_time(up.deadline)) from None
        except ResponseTooLarge as exc:
            raise errors.FailedCall("upstream_invalid", errors.too_large(exc.limit)) from None
        return value, size, seen.age  # an answer kept by another replica is kept here that much less

    try:
        with tracing.cache_lookup(str(key[0])):
            value = await up.cache.get_or_fetch((up.fingerprint, *key), load, refresh=refresh)
    except errors.CredentialsRefused:
        # The credential is no longer good: nothing fetched with it may be served any more.
        up.cache.forget(up.fingerprint)
        if up.on_refused is not None:
            up.on_refused()
        raise
    if not isinstance(value, expected):  # a key names one operation, so one model type
        raise errors.FailedCall("upstream_invalid", errors.UNREADABLE.format(detail="not the documented answer"))
    return value


async def answer(
    call: Awaitable[Response[Any]],
    expected: type[T],
    *,
    not_found: str,
    forbidden_what: str,
    caller_key: bool,
    secrets: Sequence[str],
    hosts: Sequence[str],
) -> T:
    """Await one generated `*_detailed` call; return its parsed 2xx model or raise a ToolError.

    `not_found` is the whole message for a 404: what was not found and which tool lists valid ids. Expected
    upstream failures are logged as one line without a traceback (the traceback only at DEBUG).
    """
    try:
        response = await call
    except httpx.TimeoutException:
        logger.warning("Polytomic did not answer in time")
        raise errors.FailedCall("upstream_network", errors.TIMED_OUT) from None
    except httpx.ConnectError:  # refused, or a host name that does not resolve: most often a wrong base URL
        logger.warning("Could not connect to Polytomic: check %s", ENV_BASE_URL)
        raise errors.FailedCall("upstream_network", errors.CONNECT_FAILED) from None
    except httpx.HTTPError as exc:  # TLS, protocol errors, a connection dropped mid-answer
        logger.warning("Polytomic request failed: %s", type(exc).__name__)
        raise errors.FailedCall("upstream_network", errors.NETWORK_FAILED) from None
    except UnsafeParameterError as exc:  # the tools validate first; this is the generated client's own guard
        raise errors.unsafe_argument(exc.parameter) from None
    except UnexpectedPayload as exc:  # a 2xx body that is not the JSON the API documents
        where = errors.sanitize(f"at {exc.path}: expected {exc.expected}, got {exc.got}", secrets, hosts)
        logger.warning("Unreadable answer from Polytomic (HTTP %s, %s)", exc.status_code, where)
        logger.debug("Unreadable answer from Polytomic", exc_info=True)
        raise errors.FailedCall("upstream_invalid", errors.UNREADABLE.format(detail=where)) from None

    status = int(response.status_code)
    if 200 <= status < 300:
        if isinstance(response.parsed, expected):
            return response.parsed
        logger.warning("Unreadable answer from Polytomic (HTTP %s, not the documented model)", status)
        raise errors.FailedCall("upstream_invalid", errors.UNREADABLE.format(detail="not the documented answer"))
    error = response.parsed if isinstance(response.parsed, ApiError) else None
    message = error.message if error is not None and isinstance(error.message, str) else None
    log = logger.warning if status >= 500 or status == HTTPStatus.TOO_MANY_REQUESTS else logger.info
    log("Polytomic answered HTTP %s", status)
    raise errors.status_error(
        status,
        errors.sanitize(message, secrets, hosts) if message else None,
        response.headers.get("Retry-After"),
        not_found,
        forbidden_what,
        caller_key=caller_key,
    )


async def held_size(value: object, body_size: int) -> int:
    """What a parsed answer holds in memory (what the cache's byte bound counts), measured in a worker thread for a
    large answer as it was parsed in one (the generated client's `errors.parse_off_loop`)."""
    if body_size < PARSE_OFF_LOOP_BYTES:
        return deep_size(value)
    return await anyio.to_thread.run_sync(deep_size, value, abandon_on_cancel=True)


def deep_size(root: object) -> int:
    """Bytes held by an object and everything it references (each object once): containers, strings, numbers and
    attrs instances (the generated models). Shared singletons (None, booleans, enum members) count nothing."""
    seen: set[int] = set()
    total = 0
    stack = [root]
    while stack:
        item = stack.pop()
        if item is None or isinstance(item, bool | Enum) or id(item) in seen:
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        if isinstance(item, str | bytes | int | float):
            continue
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
        elif attrs.has(type(item)):
            stack.extend(getattr(item, field.name) for field in attrs.fields(cast(Any, type(item))))
        elif hasattr(item, "__dict__"):
            stack.append(vars(item))
    return total
