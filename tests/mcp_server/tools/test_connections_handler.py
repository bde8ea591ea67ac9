"""Shaping the connections tool's answer (tools/connections_handler.py), from hand-built upstream answers."""

from __future__ import annotations

import pytest

from polytomic_mcp.results import ConnectionSummary
from polytomic_mcp.tools.connections_handler import connection_summaries
from polytomic_sync_client.models import (
    ConnectionListResponseEnvelope,
)

CONNECTION = "0d7f4f6e-2a55-4a8e-9b1c-3f1e2d4c5b6a"


def summaries(*connections: dict[str, object], secrets: tuple[str, ...] = ()) -> list[ConnectionSummary]:
    envelope = ConnectionListResponseEnvelope.from_dict({"data": [{"id": CONNECTION, **c} for c in connections]})
    found = connection_summaries(envelope, secrets=secrets)
    assert found.skipped == 0 and found.keys == [CONNECTION] * len(connections)
    return found.items


@pytest.mark.parametrize("status", [None, "healthy", "HEALTHY"])
def test_a_healthy_connection_shows_neither_status_nor_error_even_when_polytomic_sends_one(status: object) -> None:
    assert summaries({"status": status, "status_error": "stale error"}) == [ConnectionSummary(id=CONNECTION)]


def test_an_unhealthy_connection_shows_its_status_and_error_with_secrets_redacted() -> None:
    found = summaries({"status": "failed sk-123", "status_error": "key sk-123 was refused"}, secrets=("sk-123",))

    assert found == [
        ConnectionSummary(id=CONNECTION, status="failed [redacted]", error="key [redacted] was refused"),
    ]
