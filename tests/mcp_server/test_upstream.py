"""How a call finds its Upstream (upstream.py): the resolver is asked with the calling client's address."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from polytomic_mcp.upstream import client_address, upstream


class RecordingResolver:
    def __init__(self) -> None:
        self.asked: list[str | None] = []

    def resolve(self, address: str | None) -> Any:
        self.asked.append(address)
        return f"upstream for {address}"


def test_the_client_address_is_the_host_of_the_request_being_served_or_none() -> None:
    assert client_address(SimpleNamespace(client=SimpleNamespace(host="203.0.113.7", port=5123))) == "203.0.113.7"
    assert client_address(SimpleNamespace(client=None)) is None  # an ASGI server that knows no address
    assert client_address(SimpleNamespace(client=SimpleNamespace(host=None))) is None
    assert client_address(None) is None  # in memory or over stdio there is no HTTP request


def test_each_call_resolves_its_upstream_with_its_own_client_address() -> None:
    resolver = RecordingResolver()
    for host in ("203.0.113.7", "198.51.100.2"):
        request = SimpleNamespace(client=SimpleNamespace(host=host))
        ctx: Any = SimpleNamespace(request_context=SimpleNamespace(lifespan_context=resolver, request=request))
        assert str(upstream(ctx)) == f"upstream for {host}"
    assert resolver.asked == ["203.0.113.7", "198.51.100.2"]
