"""The httpx transport under the generated client: GET retries within the call's deadline, bounded bodies.

The retry rule lives here and only here (`RetryPolicy.retryable_method` / `retryable_status` /
`retryable_error`): a GET that meets 429, 502, 503, 504, a connect error or a read timeout is sent again
after `Retry-After` (seconds or an HTTP date) or an exponential backoff with jitter, but never past the
deadline of the tool call (`call_deadline`): when the next wait would pass it, the last response (or
error) is handed back as is, so the error mapping can still say "rate limited, retry after N s".

Bodies are decoded here (Content-Encoding, with httpx's own decoders via `Response.aiter_bytes`) and
counted as they arrive: past `max_bytes` of DECODED content the read stops with `ResponseTooLarge`, so a
gzip bomb costs at most the cap, never what it inflates to.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

from . import metrics, tracing
from .retry_after import retry_after_seconds

if TYPE_CHECKING:
    from opentelemetry.trace import Span

logger = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]

_deadline: ContextVar[float | None] = ContextVar("polytomic_call_deadline", default=None)
# The last retryable answer (status, Retry-After) a retry was started after, in this call: when the call's deadline
# cuts a retry short, the error can still name what Polytomic last said rather than only "out of time".
_last_status: ContextVar[tuple[int, str | None] | None] = ContextVar("polytomic_last_status", default=None)
_operation: ContextVar[str] = ContextVar("polytomic_operation", default=metrics.OTHER)  # what metrics and spans name


def current_deadline() -> float | None:
    """When the current tool call must be done (on the monotonic clock), if one is set (`call_deadline`)."""
    return _deadline.get()


def last_retried_status() -> tuple[int, str | None] | None:
    """(status, Retry-After) of the last answer that was retried in the current call, if any."""
    return _last_status.get()


class ResponseTooLarge(Exception):
    """Polytomic's answer grew past the configured cap on its decoded size."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"response body larger than {limit} bytes")
        self.limit = limit


@contextlib.contextmanager
def call_deadline(seconds: float, *, clock: Clock = time.monotonic, operation: str = metrics.OTHER) -> Iterator[float]:
    """Within this block, requests retry no later than `seconds` from now (on `clock`), and are counted and traced as
    `operation` (the code's name for it, e.g. `list_sync_targets`); yields the deadline."""
    at = clock() + seconds
    token = _deadline.set(at)
    last = _last_status.set(None)
    named = _operation.set(operation)
    try:
        yield at
    finally:
        _operation.reset(named)
        _last_status.reset(last)
        _deadline.reset(token)


@dataclass(frozen=True)
class RetryPolicy:
    """When to send a request again and how long to wait first."""

    max_attempts: int = 6
    backoff_base: float = 0.5  # seconds before the 2nd attempt; doubles each time, jittered
    backoff_max: float = 8.0
    default_deadline: float = 20.0  # used when no call_deadline() block is active
    statuses: frozenset[int] = frozenset({429, 502, 503, 504})
    methods: frozenset[str] = frozenset({"GET"})

    def retryable_method(self, method: str) -> bool:
        return method.upper() in self.methods

    def retryable_status(self, status: int) -> bool:
        return status in self.statuses

    def retryable_error(self, exc: Exception) -> bool:
        return isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.ReadTimeout)

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Wait before attempt `attempt + 1` (attempt counts from 1) when the server named no Retry-After."""
        ceiling = min(self.backoff_max, self.backoff_base * 2 ** (attempt - 1))
        return float(ceiling * rng.uniform(0.5, 1.0))


class PolytomicTransport(httpx.AsyncBaseTransport):
    """Wraps another async transport with the retry rule, the call deadline and the body size cap."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        *,
        policy: RetryPolicy | None = None,
        max_bytes: int | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        self.inner = inner
        self.policy = policy or RetryPolicy()
        self.max_bytes = max_bytes
        self._sleep = sleep
        self._clock = clock
        self._rng = rng or random.Random()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        operation = _operation.get()
        with tracing.upstream_request(request.method, operation) as span:
            response = await self._send(request, operation, span)
            tracing.answered(span, response.status_code)
            return response

    async def _send(self, request: httpx.Request, operation: str, span: Span) -> httpx.Response:
        recorder = metrics.current()
        deadline = _deadline.get()
        if deadline is None:
            deadline = self._clock() + self.policy.default_deadline
        retryable = self.policy.retryable_method(request.method)
        attempt = 0
        while True:
            attempt += 1
            try:
                response = await self.inner.handle_async_request(request)
            except Exception as exc:
                recorder.upstream_answered(operation, None)
                if not (retryable and self.policy.retryable_error(exc)):
                    raise
                wait = self.policy.backoff(attempt, self._rng)
                if not self._may_retry(attempt, wait, deadline):
                    raise
                recorder.retried(operation, None)
                tracing.retried(span, None, attempt, wait)
                logger.info("Polytomic request failed (%s); retrying in %.1f s", type(exc).__name__, wait)
            else:
                recorder.upstream_answered(operation, response.status_code)
                if not (retryable and self.policy.retryable_status(response.status_code)):
                    return self._bounded(response)
                named = retry_after_seconds(response.headers.get("Retry-After"))
                wait = float(named) if named is not None else self.policy.backoff(attempt, self._rng)
                if not self._may_retry(attempt, wait, deadline):
                    return self._bounded(response)
                await response.aclose()
                _last_status.set((response.status_code, response.headers.get("Retry-After")))
                recorder.retried(operation, response.status_code)
                tracing.retried(span, response.status_code, attempt, wait)
                logger.info("Polytomic answered HTTP %d; retrying in %.1f s", response.status_code, wait)
            await self._sleep(wait)

    def _may_retry(self, attempt: int, wait: float, deadline: float) -> bool:
        return attempt < self.policy.max_attempts and self._clock() + wait < deadline

    def _bounded(self, response: httpx.Response) -> httpx.Response:
        """The response with its body decoded here, counted, and cut off past max_bytes."""
        headers = [  # raw bytes: re-encoding decoded values would fail on non-ASCII header bytes
            (name, value)
            for name, value in response.headers.raw
            if name.lower() not in (b"content-encoding", b"content-length")
        ]
        return httpx.Response(
            response.status_code,
            headers=headers,
            stream=_DecodedStream(response, self.max_bytes),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        await self.inner.aclose()


class _DecodedStream(httpx.AsyncByteStream):
    def __init__(self, response: httpx.Response, limit: int | None) -> None:
        self._response = response
        self._limit = limit

    async def __aiter__(self) -> AsyncIterator[bytes]:
        seen = 0
        async for chunk in self._response.aiter_bytes():
            seen += len(chunk)
            if self._limit is not None and seen > self._limit:
                await self._response.aclose()
                raise ResponseTooLarge(self._limit)
            yield chunk

    async def aclose(self) -> None:
        await self._response.aclose()
