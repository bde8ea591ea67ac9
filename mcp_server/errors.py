"""The one place where upstream failures become messages for the model.

Every expected failure becomes a `ToolError` (in mcp 2.x the only exception whose text reaches the model)
that says what failed and what to do next. No raw exception text, traceback, URL or secret gets through:
the only upstream text we pass on is a 400 message, and that is sanitised first.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any, TypeVar

import httpx
from mcp.server.mcpserver.exceptions import ToolError

from generated_client.errors import UnsafeParameterError
from generated_client.models import ApiError
from generated_client.types import Response

logger = logging.getLogger(__name__)

T = TypeVar("T")

MAX_UPSTREAM_MESSAGE = 300
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")

CREDENTIALS_REFUSED = (
    "Polytomic refused this server's API credentials (HTTP 401). Changing the arguments will not help: the "
    "person running the server must set a valid POLYTOMIC_API_KEY (or POLYTOMIC_BASIC_AUTH on-premises)."
)
FORBIDDEN = (
    "Polytomic denied access (HTTP 403): this server's API key may not read {what}. Changing other arguments "
    "will not help; use a connection the key's user can access, or ask for the permission."
)
UNREADABLE = (
    "Polytomic answered with a response this server could not read (not the JSON the API documents); this is "
    "usually a passing outage or proxy page. Retry in a minute."
)


def no_connection(connection_id: object) -> str:
    return (
        f"No connection {connection_id} in this Polytomic organization. Check the id: it is the UUID of a "
        "destination connection, shown in the connection's page in Polytomic."
    )


def no_creation_property(connection_id: object, property_id: str) -> str:
    return (
        f"Connection {connection_id} has no target-creation property {property_id!r}: either it cannot create "
        "new targets (list_sync_targets shows its existing ones) or the id is wrong (call "
        "get_target_creation_values without property to list valid ids)."
    )


def cannot_create_targets(connection_id: object) -> ToolError:
    return ToolError(
        f"Connection {connection_id} cannot create new targets, so it has no creation values. Use "
        "list_sync_targets to pick one of its existing targets."
    )


def sanitize(text: str, secrets: Sequence[str] = ()) -> str:
    """Make upstream text safe to show: no secrets, no URLs, no control characters, bounded length."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[redacted]")
    text = _URL.sub("[url]", text)
    text = _CONTROL.sub(" ", text).strip()
    text = re.sub(r"\s{2,}", " ", text)
    if len(text) > MAX_UPSTREAM_MESSAGE:
        text = text[: MAX_UPSTREAM_MESSAGE - 1].rstrip() + "…"
    return text


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> int | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0, round((when - (now or datetime.now(UTC))).total_seconds()))


async def fetch(
    call: Awaitable[Response[Any]],
    expected: type[T],
    *,
    not_found: str,
    forbidden_what: str = "this connection",
    secrets: Sequence[str] = (),
) -> T:
    """Await one generated `*_detailed` call; return its parsed 2xx model or raise a ToolError.

    `not_found` is the whole message for a 404: what was not found and which tool lists valid ids.
    """
    try:
        response = await call
    except httpx.TimeoutException:
        raise ToolError(
            "Polytomic did not answer in time (timeout). This is usually transient: retry shortly; if it keeps "
            "happening, the person running the server can raise POLYTOMIC_TIMEOUT."
        ) from None
    except httpx.HTTPError as exc:  # connection refused, DNS, TLS, protocol errors
        logger.warning("Polytomic request failed: %s", type(exc).__name__)
        raise ToolError(
            "Could not reach the Polytomic API (network error). This is usually transient: retry shortly."
        ) from None
    except UnsafeParameterError as exc:  # the tools validate first; this is the generated client's own guard
        raise ToolError(f"Invalid argument {exc.parameter!r}: it must not be empty, '.' or '..'.") from None
    except (ValueError, KeyError, TypeError, AttributeError):  # the body did not parse into the documented models
        logger.warning("Unreadable response from Polytomic", exc_info=True)
        raise ToolError(UNREADABLE) from None

    if 200 <= response.status_code < 300:
        if isinstance(response.parsed, expected):
            return response.parsed
        raise ToolError(UNREADABLE)
    error = response.parsed if isinstance(response.parsed, ApiError) else None
    message = error.message if error is not None and isinstance(error.message, str) else None
    raise _status_error(
        response.status_code, message, response.headers.get("Retry-After"), not_found, forbidden_what, secrets
    )


def _status_error(
    status: int,
    message: str | None,
    retry_after: str | None,
    not_found: str,
    forbidden_what: str,
    secrets: Sequence[str],
) -> ToolError:
    if status == HTTPStatus.UNAUTHORIZED:
        return ToolError(CREDENTIALS_REFUSED)
    if status == HTTPStatus.FORBIDDEN:
        return ToolError(FORBIDDEN.format(what=forbidden_what))
    if status == HTTPStatus.NOT_FOUND:
        return ToolError(not_found)
    if status == HTTPStatus.TOO_MANY_REQUESTS:
        wait = retry_after_seconds(retry_after)
        when = f"retry after {wait} s" if wait is not None else "wait a minute before retrying"
        return ToolError(f"Polytomic is rate limiting this server's requests (HTTP 429): {when}.")
    if status >= 500:
        return ToolError(f"Polytomic failed to answer (HTTP {status}). This is usually transient: retry shortly.")
    if 400 <= status < 500:
        detail = sanitize(message, secrets) if message else ""
        said = f" Polytomic said: {json.dumps(detail, ensure_ascii=False)}." if detail else ""
        return ToolError(f"Polytomic rejected the request (HTTP {status}).{said} Check the arguments and retry.")
    return ToolError(f"Polytomic answered with unexpected HTTP status {status}. Retry shortly.")
