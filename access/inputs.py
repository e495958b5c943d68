"""Checks shared by the API's hand-written validation: what PostgreSQL, Python's datetime and the
JSON encoder cannot take must be refused as a 400 before it reaches them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.utils.dateparse import parse_datetime

MAX_JSON_DEPTH = 32


def text_problem(value: str) -> str | None:
    """Why a string cannot be stored as PostgreSQL text (NUL, lone surrogate), or None."""
    if "\x00" in value:
        return "NUL characters are not allowed."
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "Not valid Unicode (lone surrogate)."
    return None


def json_problem(value: Any, *, max_depth: int = MAX_JSON_DEPTH) -> str | None:
    """Why a parsed JSON value cannot be stored as jsonb (NUL or lone surrogates in keys or strings,
    non-finite numbers, nesting deeper than ``max_depth``), or None. Iterative: no recursion limit."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > max_depth:
            return f"Nested deeper than {max_depth} levels."
        if isinstance(item, str):
            problem = text_problem(item)
            if problem:
                return problem
        elif isinstance(item, float):
            if item != item or item in (float("inf"), float("-inf")):
                return "Numbers must be finite."
        elif isinstance(item, dict):
            for key, sub in item.items():
                problem = text_problem(str(key))
                if problem:
                    return problem
                stack.append((sub, depth + 1))
        elif isinstance(item, list):
            stack.extend((sub, depth + 1) for sub in item)
    return None


def parse_aware_datetime(value: Any, *, min_year: int = 1, max_year: int = 9999) -> datetime | None:
    """An ISO 8601 timestamp with an offset, in UTC, or None: impossible dates (Feb 30, hour 25),
    a missing offset, and instants that fall outside [min_year, max_year] in UTC (or outside
    Python's range once the offset is applied) are None, never an exception."""
    if not isinstance(value, str) or text_problem(value):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = parse_datetime(value)
        except ValueError:
            return None
    if parsed is None or parsed.tzinfo is None:
        return None
    try:
        parsed = parsed.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    if not min_year <= parsed.year <= max_year:
        return None
    return parsed
