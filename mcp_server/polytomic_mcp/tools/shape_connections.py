"""Shaping the connections tool's answer: id, name, type and (when not healthy) status, never configuration."""

from __future__ import annotations

from collections.abc import Sequence

from polytomic_sync_client import models

from ..errors import sanitize
from ..paging import Ordered, Page, ordered
from ..reading import items, present, text
from ..results import ConnectionsPage, ConnectionSummary


def connection_summaries(
    envelope: models.ConnectionListResponseEnvelope, *, secrets: Sequence[str] = ()
) -> Ordered[ConnectionSummary]:
    """Id, name, type id and (when not healthy) status: never anything from `configuration`, which holds secrets."""
    connections = ordered(items(envelope.data, models.ConnectionResponseSchema), lambda c: text(c.id))
    summaries = []
    for conn in connections.items:
        kind = present(conn.type_)
        status = text(conn.status)
        if status is not None and status.casefold() == "healthy":
            status = None  # only a status that is not healthy is shown
        error = text(conn.status_error) if status is not None else None
        summaries.append(
            ConnectionSummary(
                id=str(text(conn.id)),
                name=text(conn.name),
                type=text(kind.id) if isinstance(kind, models.ConnectionTypeSchema) else None,
                status=None if status is None else sanitize(status, secrets),
                error=sanitize(error, secrets) or None if error else None,
            )
        )
    return Ordered(keys=connections.keys, items=summaries, skipped=connections.skipped)


def connections_page(page: Page[ConnectionSummary], skipped: int) -> ConnectionsPage:
    return ConnectionsPage(
        connections=page.items, total=page.total, next_cursor=page.next_cursor, skipped=skipped or None
    )
