"""A last look at the drafted lines: drop the ones no billing admin would enter.

The pricing reader promotes what reads like a price to a line; on a document in an unfamiliar
layout a fragment of another structure (a per-ticket floor, a tier price, a total row, a seat
count restated as an amount, the same fee read from a table and from prose) can come out as a
charge of its own. Each rule here decides on evidence found elsewhere in the extraction or in the
line's own source text, never on the amount alone, and every removal is a warning on ``lines`` so
the reviewer sees what was dropped and why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

RECURRING = {"flat", "per_unit", "per_seat", "graduated", "volume", "package", "percentage"}
# Fields that name a line rather than price it: two lines differing only in these are one line.
LABELS = {"code", "description", "metric", "unit_label"}
# Prices of one event or unit elsewhere in the extraction: a sub-unit "flat fee" equal to one of
# these is that price read a second time.
UNIT_PRICE_FIELDS = ("unit_price", "per_event_min", "per_event_max", "package_price", "overage_price")
PERIOD_WORDS = r"(?:day|week|month|quarter|year|annum|term|period|calendar|billing|invoice|instal+ment)"
# "£0.35 per ticket", "0.09 / document", "for any single ticket", "each booking": a price of one event
PER_EVENT_RE = re.compile(
    rf"(?:\bper\b|/|\beach\b|\bevery\b|\b(?:any|a|each)\s+single\b)\s*(?!{PERIOD_WORDS}s?\b)[a-z]", re.I
)
# "10,001 - 50,000 | 0.09", "50,001 and above", "over 20,000": a quantity band, the row of a tier table
# (bands of time, "months 1 - 12", "for the first 3 months", are a ramp, not a tier table)
BAND_RE = re.compile(
    rf"(?:\d[\d,.]*\s*(?:-|–|to)\s*\d[\d,.]*|\d[\d,.]*\s*(?:\+|and (?:above|over|up)|or more)"
    rf"|\b(?:up to|first|next|over|above|beyond)\s+\d[\d,.]*)(?!\d|\s*{PERIOD_WORDS})",
    re.I,
)
# "Total annual recurring fees", "Subtotal", "in all": the row or sentence adds up other amounts
TOTAL_RE = re.compile(r"\b(?:sub-?)?totals?\b|\bsum\b|\bin all\b|\baltogether\b|\bcombined\b|\baggregate\b", re.I)
GENERIC_WORDS = {"fee", "fees", "charge", "charges", "price", "cost", "the", "and", "for", "of", "per", "one", "time"}


def _amount(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _cadence(line: dict[str, Any]) -> tuple[Any, Any]:
    return line.get("billing_interval"), line.get("billing_interval_count")


def _prices_elsewhere(others: list[dict[str, Any]]) -> set[Decimal]:
    """Every per-unit price, tier price and tier bound stated on the other lines."""
    found: set[Decimal] = set()
    for line in others:
        values: list[Any] = [line.get(name) for name in UNIT_PRICE_FIELDS]
        for tier in line.get("tiers") or []:
            values += [tier.get("unit_price"), tier.get("flat_fee"), tier.get("up_to")]
        found.update(amount for amount in map(_amount, values) if amount is not None)
    return found


def _stated_per_event(amount: Decimal, text: str) -> bool:
    """Does the source sentence say this amount is the price of one event ("£0.35 per ticket",
    "not less than £0.35 for any single ticket")?"""
    plain = format(amount.normalize(), "f")
    for match in re.finditer(rf"(?<![\d.,]){re.escape(plain)}0*(?![\d])", text):
        around = text[max(0, match.start() - 60) : match.end() + 40]
        if PER_EVENT_RE.search(around):
            return True
    return False


def _without(amount: Decimal, text: str) -> str:
    """The text with the amount itself blanked (so "0.09" is not read as a band's bound)."""
    plain = format(amount.normalize(), "f")
    return re.sub(rf"[^\s|]*(?<![\d.,]){re.escape(plain)}0*(?![\d])", " ", text)


def _quantity_band(text: str) -> bool:
    return any(
        not re.search(rf"\b{PERIOD_WORDS}s?\s*$", text[: match.start()], re.I) for match in BAND_RE.finditer(text)
    )


def _sub_unit_flat(
    line: dict[str, Any], others: list[dict[str, Any]], earlier: list[dict[str, Any]], text: str
) -> str | None:
    amount = _amount(line.get("amount"))
    if line.get("charge_model") != "flat" or amount is None or amount >= 1:
        return None
    if amount == 0:
        return "a recurring fee of zero is no charge"
    if amount in _prices_elsewhere(others):
        return f"{amount} is a unit or tier price of another line"
    if _stated_per_event(amount, text):
        return f"the document states {amount} per event, not per period"
    if _quantity_band(_without(amount, text)):
        return f"{amount} is the price in a row of quantity bands (a tier price)"
    return None


def _seat_total(line: dict[str, Any]) -> Decimal | None:
    price, seats = _amount(line.get("unit_price")), _amount(line.get("seats"))
    return price * seats if price and seats else None


def _subsets_summing(amounts: list[Decimal], target: Decimal) -> bool:
    """Do two or more of these amounts add up to the target? (Lines are few: a small search.)"""
    if len(amounts) > 16:
        return False  # a price list that long is not restated as one total; keep the search small
    sums = {(Decimal(0), 0)}
    for amount in amounts:
        sums |= {(total + amount, count + 1) for total, count in sums if total + amount <= target}
    return any(total == target and count >= 2 for total, count in sums)


def _restated_total(
    line: dict[str, Any], others: list[dict[str, Any]], earlier: list[dict[str, Any]], text: str
) -> str | None:
    model = line.get("charge_model")
    amount = _amount(line.get("amount"))
    if model not in ("flat", "one_time") or not amount:
        return None
    # a sum of other lines is a total only when the row or sentence says so (a fee may equal a sum by chance)
    totalled = bool(TOTAL_RE.search(text) or TOTAL_RE.search(str(line.get("description") or "")))
    if model == "flat":
        same_period = [o for o in others if o.get("charge_model") == "flat" and _cadence(o) == _cadence(line)]
        parts = [a for a in (_amount(o.get("amount")) for o in same_period) if a]
        if totalled and _subsets_summing(parts, amount):
            return f"{amount} is the total of other fees for the same period"
        # "Annual fees  £21,600.00" under the price table: a sum of the fees (and seat lines' extended
        # prices) for that period, labelled in the plural
        seats = [o for o in others if o.get("charge_model") == "per_seat" and _cadence(o) == _cadence(line)]
        parts += [total for total in map(_seat_total, seats) if total]
        label = f"{text} {line.get('description') or ''}"
        if re.search(r"\b(?:fees|charges)\b", label, re.I) and _subsets_summing(parts, amount):
            return f"{amount} is the total of other fees for the same period"
        for seat in (o for o in others if o.get("charge_model") == "per_seat" and _cadence(o) == _cadence(line)):
            price, seats = _amount(seat.get("unit_price")), _amount(seat.get("seats"))
            if not price or not seats or price * seats != amount:
                continue
            # "15 licences at £18.00, £270.00 a month": the count or the price is in the same sentence
            count = format(seats.normalize(), "f")
            if re.search(rf"(?<![\d.,]){re.escape(count)}(?![\d])", text) or _stated_per_event(price, text):
                return f"{amount} is {count} seats x {price} of the seat line"
        return None
    once = [a for a in (_amount(o.get("amount")) for o in others if o.get("charge_model") == "one_time") if a]
    if totalled and _subsets_summing(once, amount):
        return f"{amount} is the total of other one-time fees"
    # a fixed fee split into milestone payments is invoiced by the milestones, not once more
    for milestone_line in (o for o in others if o.get("charge_model") == "milestone"):
        parts = [_amount(m.get("amount")) for m in milestone_line.get("milestones") or []]
        if len(parts) >= 2 and all(parts) and sum(parts, Decimal(0)) == amount:  # type: ignore[arg-type]
            return f"{amount} is the total of the milestone payments"
    return None


def _words(text: Any) -> set[str]:
    return {word for word in re.findall(r"[a-z]{3,}", str(text or "").lower()) if word not in GENERIC_WORDS}


_CADENCE_KEYS = {"billing_interval", "billing_interval_count", "billing_timing"}


def _duplicate(
    line: dict[str, Any], others: list[dict[str, Any]], earlier: list[dict[str, Any]], text: str
) -> str | None:
    """The same fee read twice (a summary table and the prose under it): every priced field and date
    equal to an earlier line's, and descriptions that name the same thing (or one names nothing)."""
    terms = {key: value for key, value in line.items() if key not in LABELS}
    for before in earlier:
        if {key: value for key, value in before.items() if key not in LABELS} != terms:
            continue
        mine, theirs = _words(line.get("description")), _words(before.get("description"))
        # a package price, its size and its free allowance all equal: the same fee whatever it is called
        # (a price table's row restated in a note below it)
        priced = [key for key in terms if key not in _CADENCE_KEYS and key != "charge_model"]
        if not mine or not theirs or mine <= theirs or theirs <= mine or len(priced) >= 3:
            return "the same fee is stated twice (same model, prices, cadence and dates)"
    return None


RULES = (_sub_unit_flat, _restated_total, _duplicate)


def _renumber(keys: Iterable[str], kept: list[int]) -> dict[str, str | None]:
    """Old 'lines[i]...' paths -> their new path (None when the line was dropped)."""
    position = {old: new for new, old in enumerate(kept)}
    out: dict[str, str | None] = {}
    for key in keys:
        match = re.match(r"lines\[(\d+)\]", key)
        if match:
            new = position.get(int(match.group(1)))
            out[key] = None if new is None else f"lines[{new}]{key[match.end() :]}"
    return out


def drop_implausible_lines(lines: list[dict[str, Any]], rec: Any) -> list[dict[str, Any]]:
    """Remove the lines no billing admin would enter (see the module docstring) and move the
    recorder's evidence, confidence and warnings of the kept lines to their new positions."""

    dropped: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        gone = {position for position, _ in dropped}
        others = [other for position, other in enumerate(lines) if position != index and position not in gone]
        earlier = [other for position, other in enumerate(lines[:index]) if position not in gone]
        text = str((rec.evidence.get(f"lines[{index}].amount") or {}).get("text") or "")
        reason = next((found for rule in RULES if (found := rule(line, others, earlier, text))), None)
        if reason:
            dropped.append((index, reason))
    if not dropped:
        return lines
    gone = {index for index, _ in dropped}
    kept = [index for index in range(len(lines)) if index not in gone]
    for index, reason in dropped:
        line = lines[index]
        price = line.get("amount") or line.get("unit_price") or ""
        rec.warn(
            "lines",
            f"Dropped a {line.get('charge_model')} line {line.get('description', '')[:60]!r} {price}: {reason}.",
        )
    for store in (rec.evidence, rec.confidence):
        moves = _renumber(list(store), kept)
        values = {key: store.pop(key) for key in moves}
        store.update({new: values[old] for old, new in moves.items() if new is not None})
    moves = _renumber([w["field"] for w in rec.warnings], kept)
    rec.warnings[:] = [
        {**w, "field": moves.get(w["field"], w["field"])} for w in rec.warnings if moves.get(w["field"], "") is not None
    ]
    return [lines[index] for index in kept]
