"""Reading a Retry-After header: how long Polytomic asked the server to wait. A leaf, used by the transport (when to
retry) and by the error wording (what to tell the agent)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_DIGITS = re.compile(r"[0-9]+", re.ASCII)
MAX_RETRY_AFTER = 3600  # seconds; a longer Retry-After is read as "an hour"


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> int | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if _DIGITS.fullmatch(value):  # ASCII digits only: "²".isdigit() is true and int("²") fails
        digits = value.lstrip("0") or "0"
        return MAX_RETRY_AFTER if len(digits) > 9 else min(int(digits), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(MAX_RETRY_AFTER, max(0, round((when - (now or datetime.now(UTC))).total_seconds())))
