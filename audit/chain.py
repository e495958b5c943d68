"""The tamper-evident chain's arithmetic: pure functions (no ORM).

A row's content hash is the SHA-256 of its field values as canonical JSON (sorted keys, decimals
without trailing zeros, datetimes in ISO 8601 UTC), so the same stored row always hashes the same
whichever database backend returns it. A link's hash covers the previous link's hash, its position,
the row's table and id and the row's content hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any
from uuid import UUID

GENESIS = "0" * 64


def _canonical(value: Any) -> Any:
    if isinstance(value, Decimal):
        if value.is_nan() or value.is_infinite():
            return str(value)
        normal = value.normalize()
        return format(normal if normal != 0 else Decimal(0), "f")
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, float):
        return repr(value)
    return value


def row_hash(values: Mapping[str, Any]) -> str:
    """SHA-256 of a row's field values (by column name), canonical."""
    text = json.dumps(_canonical(values), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def link_hash(*, previous_hash: str, position: int, source: str, row_id: int, content_hash: str) -> str:
    text = f"{previous_hash}|{position}|{source}|{row_id}|{content_hash}"
    return hashlib.sha256(text.encode()).hexdigest()
