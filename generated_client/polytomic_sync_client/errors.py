"""Contains shared errors types that can be raised from API functions"""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Callable, Mapping
from enum import Enum
from http import HTTPStatus
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import quote
from uuid import UUID

import httpx


class UnexpectedStatus(Exception):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


class UnexpectedPayload(Exception):
    """Raised when a 2xx response body is not JSON, or a value in it does not fit the schema.

    Deliberately not a ``ValueError`` or ``TypeError``: callers can tell a misbehaving server from a bug of their
    own. ``path`` is the JSON path of the first bad value (``$.data[3].modes``; keys of free-form maps show as
    ``*``), ``expected`` and ``got`` name JSON types (``array``, ``object``, ``null``...) or, for a body that is
    not JSON at all, what was wrong with it. ``str()`` holds these alone and never any text of the body, so it is
    safe to log or show. ``status_code`` is set by the endpoint functions (``None`` from ``from_dict``).
    """

    def __init__(self, expected: str, got: str, status_code: int | None = None) -> None:
        super().__init__(expected, got)
        self.expected = expected
        self.got = got
        self.status_code = status_code
        self._segments: list[str | int] = []

    @classmethod
    def of(cls, expected: str, value: object) -> UnexpectedPayload:
        """The error for ``value`` (a decoded JSON value) where ``expected`` was wanted."""
        return cls(expected, json_type(value))

    @property
    def path(self) -> str:
        return "$" + "".join(
            f"[{s}]" if isinstance(s, int) else f".{s}" for s in self._segments
        )

    def __str__(self) -> str:
        status = "" if self.status_code is None else f"HTTP {self.status_code}: "
        return f"{status}unexpected payload at {self.path}: expected {self.expected}, got {self.got}"


MAX_JSON_DEPTH = 64
"""Deepest nesting of arrays and objects ``decode_json`` accepts; Polytomic's answers nest about 6 levels."""

_SURROGATE = re.compile("[\ud800-\udfff]")


class at:
    """Context manager that prefixes the path of an ``UnexpectedPayload`` raised inside it with one key or index."""

    __slots__ = ("segment",)

    def __init__(self, segment: str | int) -> None:
        self.segment = segment

    def __enter__(self) -> None:
        return None

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if isinstance(exc, UnexpectedPayload):
            exc._segments.insert(0, self.segment)


def json_type(value: object) -> str:
    """The JSON type name of a decoded value (never its content)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "missing" if value.__class__.__name__ == "Unset" else type(value).__name__


PARSE_OFF_LOOP_BYTES = (
    256 * 1024
)  # bodies at least this large are parsed in a worker thread by asyncio_detailed


async def parse_off_loop(
    build: Callable[..., T], *, client: Any, response: httpx.Response
) -> T:
    """``build(client=client, response=response)``: inline for a small body, in a worker thread for a large one,
    so that decoding a large answer (milliseconds per 100 kB) does not stall the event loop's other work. If the
    awaiting task is cancelled (a deadline), it stops waiting at once; the thread finishes on its own."""
    if len(response.content) < PARSE_OFF_LOOP_BYTES:
        return build(client=client, response=response)
    import anyio.to_thread  # httpx's own dependency

    return await anyio.to_thread.run_sync(
        functools.partial(build, client=client, response=response),
        abandon_on_cancel=True,
    )


def decode_json(response: httpx.Response) -> Any:
    """Decode a response body as JSON, the one way every endpoint does.

    Raises ``UnexpectedPayload`` (path ``$``) for an empty or non-JSON body and for nesting deeper than
    ``MAX_JSON_DEPTH`` (however deep: the decoder's own ``RecursionError`` is caught, and the depth is then
    measured without recursion). Lone UTF-16 surrogates (``"\\ud800"``), which cannot be encoded as UTF-8
    later, are replaced by U+FFFD in every string, keys included.
    """
    content = response.content
    if not content.strip():
        raise UnexpectedPayload("JSON", "empty body")
    try:
        text = content.decode(json.detect_encoding(content), "replace")
        value = json.loads(text)
    except RecursionError:
        raise UnexpectedPayload(
            f"JSON nested at most {MAX_JSON_DEPTH} levels", "deeper nesting"
        ) from None
    except ValueError:
        raise UnexpectedPayload("JSON", "a body that is not JSON") from None
    return _checked(value)


def _clean(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _checked(value: Any) -> Any:
    """Check the nesting depth and replace lone surrogates, iteratively (no recursion on untrusted depth)."""
    if isinstance(value, str):
        return _clean(value)
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise UnexpectedPayload(
                f"JSON nested at most {MAX_JSON_DEPTH} levels", "deeper nesting"
            )
        if isinstance(node, list):
            for index, item in enumerate(node):
                if isinstance(item, str):
                    node[index] = _clean(item)
                elif isinstance(item, (list, dict)):
                    stack.append((item, depth + 1))
        elif isinstance(node, dict):
            if any(_SURROGATE.search(key) for key in node):
                items = [(_clean(key), item) for key, item in node.items()]
                node.clear()
                node.update(items)
            for key, item in node.items():
                if isinstance(item, str):
                    node[key] = _clean(item)
                elif isinstance(item, (list, dict)):
                    stack.append((item, depth + 1))
    return value


# Readers for decoded JSON values, one per schema type. Each returns the value when it fits and raises
# UnexpectedPayload when it does not. Lossless leniency only: a number or boolean where a string is expected becomes
# its JSON text; nothing else is coerced.


def pop_required(d: dict[str, Any], key: str) -> Any:
    """Remove and return a required property, or raise UnexpectedPayload when the key is missing."""
    if key not in d:
        raise UnexpectedPayload("a value", "missing")
    return d.pop(key)


def as_object(value: object) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    raise UnexpectedPayload.of("object", value)


def as_list(value: object) -> list[Any]:
    if isinstance(value, list):
        return value
    raise UnexpectedPayload.of("array", value)


def is_text(value: object) -> bool:
    """Whether ``as_str`` accepts the value: a string, a number or a boolean."""
    return isinstance(value, (str, int, float))


def as_str(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, int, float)):
        return json.dumps(value)
    raise UnexpectedPayload.of("string", value)


def as_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise UnexpectedPayload.of("boolean", value)


def is_integer(value: object) -> bool:
    """Whether ``as_int`` accepts the value: an integer, or a number with no fractional part (``5.0``)."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def as_int(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise UnexpectedPayload.of("integer", value)


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def as_float(value: object) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise UnexpectedPayload.of("number", value)


def as_none(value: object) -> None:
    if value is None:
        return
    raise UnexpectedPayload.of("null", value)


def as_uuid(value: object) -> UUID:
    if isinstance(value, str):
        try:
            return UUID(value)
        except ValueError:
            raise UnexpectedPayload("UUID string", "string") from None
    raise UnexpectedPayload.of("UUID string", value)


def as_datetime(value: object) -> datetime.datetime:
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value)
        except ValueError:
            raise UnexpectedPayload("date-time string", "string") from None
    raise UnexpectedPayload.of("date-time string", value)


def as_date(value: object) -> datetime.date:
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise UnexpectedPayload("date string", "string") from None
    raise UnexpectedPayload.of("date string", value)


E = TypeVar("E", bound=Enum)
T = TypeVar("T")


def as_enum(enum: type[E], value: object) -> E:
    try:
        return enum(value)
    except (ValueError, TypeError):
        raise UnexpectedPayload(f"a known {enum.__name__}", json_type(value)) from None


class UnsafeParameterError(ValueError):
    """Raised before any request is sent when a parameter value cannot be put on the wire safely.

    A path parameter that is empty, ``.`` or ``..`` would not stay one path segment: HTTP clients resolve
    dot segments, so the request would reach a different endpoint. A deepObject key holding brackets
    would change the parameter's structure.
    """

    def __init__(self, parameter: str, value: str, reason: str):
        self.parameter = parameter
        self.value = value
        super().__init__(
            f"Invalid value {value!r} for parameter {parameter!r}: {reason}"
        )


def http_status(code: int) -> HTTPStatus | int:
    """The status as an ``HTTPStatus`` when it names one, else the plain int (a proxy's 520 must not crash)."""
    try:
        return HTTPStatus(code)
    except ValueError:
        return code


def path_segment(parameter: str, value: Any) -> str:
    """Percent-encode ``value`` as exactly one path segment, refusing values that would not stay one."""
    text = str(value)
    if text in ("", ".", ".."):
        raise UnsafeParameterError(
            parameter, text, "a path parameter cannot be empty, '.' or '..'"
        )
    return quote(text, safe="")


def deep_object(parameter: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Encode an object query parameter in OpenAPI ``style: deepObject``: ``parameter[key]=value``."""
    encoded: dict[str, Any] = {}
    for key, value in values.items():
        if not key or "[" in key or "]" in key:
            raise UnsafeParameterError(
                parameter,
                key,
                "a deepObject key must be non-empty and hold no brackets",
            )
        encoded[f"{parameter}[{key}]"] = value
    return encoded


__all__ = [
    "MAX_JSON_DEPTH",
    "UnexpectedPayload",
    "UnexpectedStatus",
    "UnsafeParameterError",
    "at",
    "decode_json",
    "deep_object",
    "http_status",
    "json_type",
    "path_segment",
]
