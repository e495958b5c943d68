"""Payment-likelihood scoring and the retry plan it drives. Pure: no ORM, no clock.

A transparent logistic score over the signals the seed names (payment history, usage, tenure,
invoice size) rather than an opaque model: every decision is written to the audit log with its
inputs and must be explainable to an AR analyst."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

# The default sequence runs for 14 days, then an AR analyst takes over.
SEQUENCE_DAYS = 14
RETRY_PLANS: dict[str, tuple[int, ...]] = {
    # days after the first failure
    "high": (2, 5, 9, 14),
    "medium": (3, 7, 14),
    "low": (3, 7, 14),
}
# Reminder emails (days after the first failure), at 9am in the customer's time zone.
REMINDER_DAYS: tuple[int, ...] = (0, 3, 7, 12)


@dataclass(frozen=True)
class ScoreInputs:
    invoices_paid: int  # invoices paid in the last 12 months
    failed_attempts: int  # failed payment attempts in the last 12 months, this one excluded
    tenure_days: int
    invoice_amount: Decimal
    median_invoice_amount: Decimal | None
    usage_ratio: Decimal | None  # this period's usage over the previous period's (None: unknown)

    def as_dict(self) -> dict[str, object]:
        return {k: str(v) if isinstance(v, Decimal) else v for k, v in asdict(self).items()}


@dataclass(frozen=True)
class Score:
    value: Decimal  # 0..1, likelihood that a retry soon succeeds
    band: str  # high | medium | low
    retry_days: tuple[int, ...]


def score(inputs: ScoreInputs) -> Score:
    z = 0.4
    z += min(inputs.invoices_paid, 12) * 0.15
    z -= min(inputs.failed_attempts, 6) * 0.6
    z += min(inputs.tenure_days, 730) / 730 * 0.6
    if inputs.median_invoice_amount and inputs.median_invoice_amount > 0:
        size_ratio = inputs.invoice_amount / inputs.median_invoice_amount
        if size_ratio > 2:
            # An unusually large bill is more often declined. The score is a probability, not
            # money, so the logistic runs in binary floating point.
            z -= float(min(size_ratio - 2, Decimal(4))) * 0.25
    if inputs.usage_ratio is not None:
        z += 0.5 if inputs.usage_ratio >= 1 else (-0.5 if inputs.usage_ratio < Decimal("0.5") else 0)
    probability = 1 / (1 + math.exp(-z))
    value = Decimal(str(probability)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    band = "high" if value >= Decimal("0.7") else "medium" if value >= Decimal("0.4") else "low"
    return Score(value=value, band=band, retry_days=RETRY_PLANS[band])
