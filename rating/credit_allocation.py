"""Pure arithmetic of credit notes: spreading an amount over lines (or schedule entries) and the tax
of a credited line. No ORM, no settings: plain Decimals in, Decimals out.

Spreading uses the largest-remainder method rather than "round each share, the last takes the
remainder": every share is rounded down to the minor unit, and the cents left over go one each to
the shares with the largest fractions. Both sum exactly to the amount, but only this one can never
give a part more than its cap (with "last takes the remainder", the shares rounded down before it
all land on the last part, which may then exceed what is left on that line)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal

from rating.money import minor_unit, round_money

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def allocate_pro_rata(amount: Decimal, caps: Sequence[Decimal], currency: str) -> list[Decimal]:
    """Split ``amount`` over parts in proportion to ``caps`` (each part's most), in the currency's
    minor unit, summing exactly to ``amount`` with no part above its cap.

    ``caps`` are non-negative and whole minor units (line amounts, schedule entries);
    ``0 <= amount <= sum(caps)``, else ValueError."""
    unit = minor_unit(currency)
    if any(cap < ZERO for cap in caps):
        raise ValueError("Caps must not be negative.")
    total = sum(caps, ZERO)
    if amount < ZERO or amount > total:
        raise ValueError(f"Cannot spread {amount} over parts that hold {total}.")
    if amount != round_money(amount, currency):
        raise ValueError(f"{amount} is not a whole number of minor units of {currency}.")
    if amount == total:
        return list(caps)
    exact = [amount * cap / total for cap in caps]
    shares = [share.quantize(unit, rounding=ROUND_DOWN) for share in exact]
    left = amount - sum(shares, ZERO)
    # Cents left over go to the largest fractions first; ties to the earlier part. A part whose
    # fraction is zero is already at its exact share, so it is never topped up past its cap.
    order = sorted(range(len(caps)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order:
        if left <= ZERO:
            break
        if shares[i] + unit <= caps[i]:
            shares[i] += unit
            left -= unit
    if left != ZERO:  # pragma: no cover - impossible when amount <= sum(caps) in whole units
        raise ValueError(f"Could not place {left} of {amount}.")
    return shares


def credit_line_tax(
    *,
    amount: Decimal,
    percentage: Decimal | None,
    remaining_amount: Decimal,
    remaining_tax: Decimal,
    currency: str,
) -> Decimal:
    """Tax on ``amount`` credited against an invoice line taxed at ``percentage``, rounded once.

    Crediting all that is left of a line gives back all that is left of its tax, so a line credited
    in several notes returns exactly the tax it was charged (per-note rounding could otherwise
    drift a cent either way); a partial credit never returns more tax than is left."""
    if percentage is None or remaining_tax <= ZERO:
        return ZERO
    if amount == remaining_amount:
        return remaining_tax
    return min(round_money(amount * percentage / HUNDRED, currency), remaining_tax)


def split_earned_deferred(
    amount: Decimal, *, earned: Decimal, deferred: Decimal, currency: str
) -> tuple[Decimal, Decimal]:
    """(from earned, from deferred): a credit on one line taken pro rata from the revenue already
    recognised and the revenue still deferred (a price concession reduces the consideration of
    the whole service, delivered and to come), rounded to the minor unit, never more than either
    holds."""
    if amount < ZERO or amount > earned + deferred or earned < ZERO or deferred < ZERO:
        raise ValueError(f"Cannot take {amount} from {earned} earned and {deferred} deferred.")
    from_earned, from_deferred = allocate_pro_rata(amount, [earned, deferred], currency)
    return from_earned, from_deferred
