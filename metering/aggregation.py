"""Pure aggregation helpers (no ORM) for what SQL cannot do directly."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

SECONDS_PER_HOUR = Decimal(3600)


def time_weighted_sum(
    *, opening_value: Decimal | None, changes: Iterable[tuple[datetime, Decimal]], start: datetime, end: datetime
) -> Decimal:
    """The integral of a level over [start, end), in value x hours.

    Each event sets the level from its timestamp on (e.g. GB stored); ``opening_value`` is the
    level carried in from before ``start`` (None: nothing stored yet). ``changes`` must be in time
    order and inside [start, end)."""
    total = Decimal(0)
    level = opening_value
    cursor = start
    for at, value in changes:
        if level is not None:
            total += level * Decimal((at - cursor).total_seconds()) / SECONDS_PER_HOUR
        level, cursor = value, at
    if level is not None:
        total += level * Decimal((end - cursor).total_seconds()) / SECONDS_PER_HOUR
    return total
