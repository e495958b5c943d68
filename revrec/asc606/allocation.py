"""Relative standalone selling price allocation (ASC 606-10-32-28 to 32-41)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .money import to_money


class AllocationError(ValueError):
    """The price cannot be allocated as asked (e.g. no SSP to weigh a non-zero price by)."""


@dataclass(frozen=True)
class Share:
    """One obligation's claim in an allocation: its weight (SSP, or remaining SSP) and group."""

    code: str
    weight: Fraction
    discount_group: str | None = None


def _relative(price: Decimal, shares: Sequence[Share], currency: str) -> dict[str, Decimal]:
    """``price`` by relative weight: each share rounded half away from zero to the minor unit, the
    rounding difference on the largest share (the first in order on a tie)."""
    if not shares:
        if price:
            raise AllocationError("There is no obligation to allocate the price to.")
        return {}
    total = sum((s.weight for s in shares), Fraction(0))
    if total == 0:
        if price:
            raise AllocationError("The obligations' standalone selling prices are all zero.")
        return {s.code: to_money(0, currency) for s in shares}
    precise = [Fraction(price) * s.weight / total for s in shares]
    rounded = [to_money(p, currency) for p in precise]
    difference = price - sum(rounded, Decimal(0))
    if difference:
        largest = max(range(len(shares)), key=lambda i: (abs(precise[i]), -i))
        rounded[largest] += difference
    return {s.code: amount for s, amount in zip(shares, rounded, strict=True)}


def bundles(shares: Sequence[Share]) -> set[str]:
    """The discount groups that are bundles: named by at least two obligations. The evidence for
    allocating a discount to some obligations only is that they are regularly sold together at that
    discount (ASC 606-10-32-37(b)); one obligation regularly sold below its list price simply has a
    lower SSP, so a group of one is not a discount group and the price is allocated over all."""
    counts: dict[str, int] = {}
    for share in shares:
        if share.discount_group:
            counts[share.discount_group] = counts.get(share.discount_group, 0) + 1
    return {group for group, count in counts.items() if count >= 2}


def allocate(price: Decimal, shares: Sequence[Share], currency: str) -> dict[str, Decimal]:
    """Allocate a fixed transaction price over obligations by relative SSP.

    With a discount group (ASC 606-10-32-37: a discount that belongs to some obligations only, at
    least two, see ``bundles``), the obligations outside the group get exactly their SSP (rounded to
    the minor unit) and the group shares the rest by relative SSP. The result always sums exactly
    to ``price``."""
    grouped = bundles(shares)
    shares = [Share(s.code, s.weight, s.discount_group if s.discount_group in grouped else None) for s in shares]
    groups = {s.discount_group for s in shares if s.discount_group}
    if not groups or all(s.discount_group for s in shares):
        return _relative(price, shares, currency)
    if len(groups) > 1:
        raise AllocationError("Only one discount group can take a contract's discount.")
    outside = {s.code: to_money(s.weight, currency) for s in shares if not s.discount_group}
    rest = price - sum(outside.values(), Decimal(0))
    if rest < 0:
        raise AllocationError(
            "The obligations outside the discount group are worth more than the transaction price."
        )
    inside = _relative(rest, [s for s in shares if s.discount_group], currency)
    return {s.code: outside[s.code] if s.code in outside else inside[s.code] for s in shares}
