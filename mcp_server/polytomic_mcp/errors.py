"""The one place where upstream failures become messages for the model.

Every expected failure becomes a `ToolError` (in mcp 2.x the only exception whose text reaches the model)
that says what failed and what to do next. No raw exception text, traceback, URL or secret gets through:
the only upstream text we pass on is a 400 message, and that is sanitised first. `fetching` catches what goes
wrong on the way to Polytomic and raises the errors worded here; the tools raise the rest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from http import HTTPStatus

from mcp.server.mcpserver.exceptions import ToolError

from . import metrics
from .metrics import Outcome
from .retry_after import retry_after_seconds
from .settings import ENV_API_VERSION, ENV_BASE_URL, ENV_CALL_DEADLINE, ENV_MAX_RESPONSE_MB, ENV_TIMEOUT, MEGABYTE

MAX_UPSTREAM_MESSAGE = 300
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]+")  # tab, newline and carriage return read as spaces
_SPACES = re.compile(r"\s+")

CREDENTIALS_REFUSED = (
    "Polytomic refused this server's API credentials (HTTP 401). Changing the arguments will not help: the "
    "person running the server must set a valid POLYTOMIC_API_KEY (or POLYTOMIC_BASIC_AUTH on-premises)."
)
FORBIDDEN = (
    "Polytomic denied access (HTTP 403): this server's API key may not read {what}. Changing other arguments "
    "will not help; use a connection the key's user can access, or ask for the permission."
)
# When each caller brings their own Polytomic key (HTTP passthrough), a refusal is about that caller's key.
CALLER_CREDENTIALS_REFUSED = (
    "Polytomic refused the API key this call was made with (HTTP 401). Changing the arguments will not help: "
    "connect to this server with a valid Polytomic API key as the bearer token."
)
CALLER_FORBIDDEN = (
    "Polytomic denied access (HTTP 403): the API key this call was made with may not read {what}. Changing other "
    "arguments will not help; use a connection that key's user can access, or ask for the permission."
)
TIMED_OUT = (
    "Polytomic did not answer in time (timeout). This is usually transient: retry shortly; if it keeps happening, the "
    f"person running the server can raise {ENV_TIMEOUT}."
)
CONNECT_FAILED = (
    "Could not connect to the Polytomic API (connection refused, or its host name does not resolve). Retry shortly; "
    f"if it keeps failing, the person running the server should check {ENV_BASE_URL}."
)
NETWORK_FAILED = "Could not reach the Polytomic API (network error). This is usually transient: retry shortly."
UNREADABLE = (
    "Polytomic answered with a response this server could not read (not the JSON the API documents: {detail}). "
    "This is usually a passing outage or proxy page: retry in a minute."
)


def out_of_time(deadline: float) -> str:
    return (
        f"Polytomic did not finish answering within this call's deadline ({deadline:g} s; {ENV_CALL_DEADLINE}). "
        "This is usually transient: retry in a minute."
    )


def too_large(limit_bytes: int) -> str:
    return (
        f"Polytomic's answer is larger than this server accepts ({limit_bytes / MEGABYTE:g} MB; "
        f"{ENV_MAX_RESPONSE_MB}). Narrowing the arguments will not shrink it; the person running the server can "
        f"raise {ENV_MAX_RESPONSE_MB}."
    )


def unsafe_argument(parameter: str) -> ToolError:
    """The generated client's own guard refused a path argument (the tools validate before it can)."""
    return ToolError(f"Invalid argument {parameter!r}: it must not be empty, '.' or '..'.")


def no_connection(connection_id: object) -> str:
    return (
        f"No connection {connection_id} in this Polytomic organization. Call list_connections to see valid "
        "connection ids."
    )


def no_target(connection_id: object, target: str) -> str:
    return (
        f"No target {target!r} on connection {connection_id} (or no such connection). Call list_sync_targets "
        "to see the connection's target ids (list_connections lists connection ids)."
    )


def no_new_target(connection_id: object) -> str:
    return (
        f"Connection {connection_id} cannot create new targets (or does not exist), so properties cannot "
        "describe one. Pass target with an id from list_sync_targets instead (list_connections lists "
        "connection ids)."
    )


MAX_MODES_NAMED = 20
MODE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,99}")  # what the mode argument accepts


def unsupported_mode(
    connection_id: object, mode: str, supported: Iterable[str], secrets: Sequence[str] = ()
) -> ToolError:
    """Names the modes the connection's targets support: only ids the mode argument could take (Polytomic's
    answer may hold anything: control characters, URLs, a credential, thousands of ids), at most 20, the rest
    counted."""
    every = set(supported)
    usable = sorted(m for m in every if MODE_ID.fullmatch(m) and not any(s and s in m for s in secrets))
    modes = ", ".join(usable[:MAX_MODES_NAMED]) or "none"
    rest = len(every) - min(len(usable), MAX_MODES_NAMED)
    more = f" and {rest} more" if rest else ""
    return ToolError(
        f"No target of connection {connection_id} supports sync mode {mode!r}; its targets support: {modes}{more}. "
        "Pass one of those as mode, or omit mode to list every target."
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


MAX_SCANNED = 4 * MAX_UPSTREAM_MESSAGE  # upstream text is cut to this before any pattern runs over it
_SCHEME = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")


def sanitize(text: str, secrets: Sequence[str] = (), hosts: Sequence[str] = ()) -> str:
    """Make upstream text safe to show: no control characters, secrets, URLs or our hosts; bounded length.

    Linear in the text's length: secrets are replaced with `str.replace` over the whole text, then the text is
    cut to MAX_SCANNED before anything else looks at it, and URLs are found by their `//`, not by a pattern
    that could backtrack.
    """
    text = _CONTROL.sub("", text)  # first, so that `https:\x00//` or a secret split by a NUL is still found
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[redacted]")
    text = _scrub_urls(text[:MAX_SCANNED])
    for host in hosts:  # never empty: Settings.hosts holds parsed host names only
        text = re.sub(re.escape(host) + r"\S*", "[url]", text, flags=re.IGNORECASE)
    text = _SPACES.sub(" ", text).strip()
    if len(text) > MAX_UPSTREAM_MESSAGE:
        text = text[: MAX_UPSTREAM_MESSAGE - 1].rstrip() + "…"
    return text


def _scrub_urls(text: str) -> str:
    """Replace every `scheme://rest` (and bare `//rest`) with [url], even with the scheme glued to a word."""
    out: list[str] = []
    done = 0
    while (slashes := text.find("//", done)) != -1:
        start = slashes
        if start > done and text[start - 1] == ":":
            start -= 1
            while start > done and text[start - 1] in _SCHEME:
                start -= 1
        end = slashes + 2
        while end < len(text) and not text[end].isspace():
            end += 1
        out += [text[done:start], "[url]"]
        done = end
    out.append(text[done:])
    return "".join(out)


class FailedCall(ToolError):
    """A ToolError that says what kind of failure it is (`outcome`), as the metrics count it."""

    def __init__(self, outcome: Outcome, message: str) -> None:
        super().__init__(message)
        self.outcome: Outcome = outcome


class CredentialsRefused(FailedCall):
    """Polytomic answered 401: the credential the call was made with is not (or no longer) valid (or, `refused`,
    was a moment ago: this server did not ask again)."""

    def __init__(self, message: str, outcome: Outcome = "upstream_4xx") -> None:
        super().__init__(outcome, message)


def status_error(
    status: int,
    message: str | None,
    retry_after: str | None,
    not_found: str,
    forbidden_what: str,
    *,
    caller_key: bool = False,
) -> ToolError:
    """The message for an error status; `message` is Polytomic's own text, already sanitised.

    `caller_key`: the call used the caller's own Polytomic key (HTTP passthrough), not the server's.
    """
    outcome = metrics.upstream_outcome(status)
    if status == HTTPStatus.UNAUTHORIZED:
        return CredentialsRefused(CALLER_CREDENTIALS_REFUSED if caller_key else CREDENTIALS_REFUSED)
    if status == HTTPStatus.FORBIDDEN:
        return FailedCall(outcome, (CALLER_FORBIDDEN if caller_key else FORBIDDEN).format(what=forbidden_what))
    if status == HTTPStatus.NOT_FOUND:
        return FailedCall(outcome, not_found)
    if status == HTTPStatus.TOO_MANY_REQUESTS:
        wait = retry_after_seconds(retry_after)
        when = f"retry after {wait} s" if wait is not None else "wait a minute before retrying"
        return FailedCall(outcome, f"Polytomic is rate limiting this server's requests (HTTP 429): {when}.")
    if status >= 500:
        return FailedCall(
            outcome, f"Polytomic failed to answer (HTTP {status}). This is usually transient: retry shortly."
        )
    if 400 <= status < 500:
        said = f" Polytomic said: {json.dumps(message, ensure_ascii=False)}." if message else ""
        if message and "version" in message.casefold():  # no argument sets it: the server's setting does
            fix = f"No argument changes this: the person running the server should check {ENV_API_VERSION}."
        else:
            fix = (
                "If it names an argument, fix it and retry; if it says the connection is unhealthy, it must be fixed "
                "in Polytomic first (list_connections shows its status)."
            )
        return FailedCall(outcome, f"Polytomic rejected the request (HTTP {status}).{said} {fix}")
    if status in (301, 302, 303, 307, 308):
        return FailedCall(
            outcome,
            f"Polytomic answered with a redirect (HTTP {status}), which this server does not follow. Changing the "
            "arguments will not help: the person running the server should check POLYTOMIC_BASE_URL.",
        )
    return FailedCall(outcome, f"Polytomic answered with unexpected HTTP status {status}. Retry shortly.")
