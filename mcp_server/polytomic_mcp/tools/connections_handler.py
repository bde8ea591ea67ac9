"""What list_connections does once called: fetch the organization's connections (cached), page them, and shape
each as id, name, type and (when not healthy) status, never configuration. Imported by the tool's first call."""

from __future__ import annotations

from collections.abc import Sequence

from polytomic_sync_client import models
from polytomic_sync_client.api.connections import list_connections as list_connections_op

from ..errors import sanitize
from ..fetching import fetch
from ..paging import Ordered, Page, listing_scope, matches, ordered, paginate, remembered
from ..reading import items, present, text
from ..results import ConnectionsPage, ConnectionSummary
from ..settings import ENV_BASE_URL
from ..upstream import Upstream
from .arguments import cursor_position

NOT_FOUND = (
    "Polytomic did not find the connections list (HTTP 404), which every organization has: the API is not at the "
    f"configured address. No argument changes this: the person running the server should check {ENV_BASE_URL} (the "
    "API's origin, e.g. https://app.polytomic.com, without /api)."
)


async def list_connections(
    up: Upstream, *, search: str | None, limit: int, cursor: str | None, refresh: bool
) -> ConnectionsPage:
    scope = listing_scope("connections", search)
    after = cursor_position(cursor, scope)
    envelope = await fetch_connections(up, refresh=refresh)
    summaries = remembered(envelope, "summaries", lambda: connection_summaries(envelope, secrets=up.secrets))
    page = paginate(
        summaries,
        keep=None if search is None else lambda c: matches(search, c.id, c.name, c.type),
        limit=limit,
        after=after,
        scope=scope,
    )
    return connections_page(page, summaries.skipped)


async def fetch_connections(up: Upstream, *, refresh: bool = False) -> models.ConnectionListResponseEnvelope:
    """The organization's connections, from the cache when fresh (the tool and the prompt's completions share it)."""
    return await fetch(
        up,
        ("list_connections",),
        lambda: list_connections_op.asyncio_detailed(client=up.client),
        models.ConnectionListResponseEnvelope,
        not_found=NOT_FOUND,
        forbidden_what="the organization's connections",
        refresh=refresh,
    )


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
