"""Contains shared errors types that can be raised from API functions"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote


class UnexpectedStatus(Exception):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


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


__all__ = ["UnexpectedStatus", "UnsafeParameterError", "deep_object", "path_segment"]
