"""Features of "a retry of this invoice at moment t". Pure (numpy, no ORM, no clock).

The same function builds the training rows (every attempt in the payment history, in the
context of the attempts of its invoice before it) and the candidate rows the policy scores, so
what the model learned is what it is asked about.

Customer-level features describe the payer's own history *excluding the invoice in question*
(a leave-one-invoice-out profile), so a row never sees its own outcome: the customer's smoothed
success rate overall, around this day of the month (paydays, statement cycles), around this
local hour (office-hours card rules) and on this weekday, their usual amount and how long their
earlier failures took to recover.

Two features come from outside the payment history: whether the card was issued in another
country than the customer's (``card_foreign``: cross-border charges are declined more and
behave differently), and the customer's usage trend from metering before the invoice's first
attempt (``usage_trend``: a customer whose usage is falling is on the way out and pays less).
Both are NaN when unknown (cold start), which the trees treat as their own branch.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import numpy as np

from .declines import HARD, SOFT, TRANSIENT, decline_class

# Smoothing weight of the customer's own rates towards the global rate (pseudo-attempts).
SMOOTHING = 3.0

DECLINE_CLASS_CODES = {"": 0, SOFT: 1, TRANSIENT: 2, HARD: 3}
COMMON_DECLINE_CODES = (
    "insufficient_funds",
    "generic_decline",
    "do_not_honor",
    "card_velocity_exceeded",
    "withdrawal_count_limit_exceeded",
    "processing_error",
    "try_again_later",
    "issuer_not_available",
    "card_declined",
    "call_issuer",
)
FUNDING_CODES = {"credit": 1, "debit": 2, "prepaid": 3}
BRAND_CODES = {"visa": 1, "mastercard": 2, "amex": 3, "discover": 4}

FEATURE_NAMES = (
    "local_hour",
    "weekday",
    "day_of_month",
    "days_to_month_end",
    "hours_since_first_failure",
    "hours_since_last_attempt",
    "retry_number",
    "decline_class",
    "decline_code",
    "funding",
    "brand",
    "log_amount",
    "amount_vs_usual",
    "customer_attempts",
    "customer_success_rate",
    "customer_day_of_month_rate",
    "customer_hour_rate",
    "customer_weekday_rate",
    "tenure_days",
    "customer_recovery_hours",
    "customer_day_of_month_lift",
    "customer_hour_lift",
    "card_foreign",
    "usage_trend",
)


# Usage trend: the daily rate over the last USAGE_RECENT_DAYS before a moment's UTC day against the
# rate over the USAGE_EARLIER_DAYS before those.
USAGE_RECENT_DAYS = 30
USAGE_EARLIER_DAYS = 60


def card_foreign(card_country: str, customer_country: str) -> float:
    """1.0 when the card was issued in another country than the customer's, 0.0 when in the same,
    NaN when either is unknown."""
    card, home = (card_country or "").strip().upper(), (customer_country or "").strip().upper()
    if not card or not home:
        return math.nan
    return float(card != home)


@dataclass(frozen=True)
class UsageSeries:
    """A customer's daily usage per meter (from metering): for each meter, the sorted UTC day
    ordinals with usage, and the cumulative quantity and event count up to each of them."""

    meters: tuple[tuple[np.ndarray, np.ndarray, np.ndarray], ...] = ()

    @classmethod
    def from_days(cls, days: Sequence[tuple[int, int, float, int]]) -> UsageSeries:
        """From (meter id, day ordinal, quantity, events) rows, in any order."""
        by_meter: dict[int, list[tuple[int, float, int]]] = {}
        for meter, day, quantity, events in days:
            by_meter.setdefault(meter, []).append((day, quantity, events))
        meters = []
        for rows in by_meter.values():
            rows.sort()
            meters.append(
                (
                    np.asarray([r[0] for r in rows], dtype=np.int64),
                    np.cumsum([max(r[1], 0.0) for r in rows], dtype=float),
                    np.cumsum([r[2] for r in rows], dtype=float),
                )
            )
        return cls(meters=tuple(meters))


def _total_before(days: np.ndarray, cumulative: np.ndarray, day: int) -> float:
    i = int(np.searchsorted(days, day, side="left"))
    return float(cumulative[i - 1]) if i > 0 else 0.0


def usage_trend(series: UsageSeries | None, at: datetime) -> float:
    """The customer's usage trend before ``at`` (only days before its UTC day count): per meter,
    (recent - earlier) / (recent + earlier) of the daily rates over the last 30 days and the 60
    days before, in [-1, 1] (-1 stopped, 0 steady, +1 new), averaged over the meters used in
    those 90 days; -1.0 when the customer used metered features before but not in those 90
    days; NaN when metering knows no usage of theirs before ``at``. Quantities are summed (events
    counted when the quantities sum to nothing)."""
    if series is None or not series.meters:
        return math.nan
    day = at.astimezone(UTC).date().toordinal()
    values: list[float] = []
    used_before = False
    for days, quantity, events in series.meters:
        if int(np.searchsorted(days, day, side="left")) == 0:
            continue
        used_before = True
        for cumulative in (quantity, events):
            upto = _total_before(days, cumulative, day)
            middle = _total_before(days, cumulative, day - USAGE_RECENT_DAYS)
            start = _total_before(days, cumulative, day - USAGE_RECENT_DAYS - USAGE_EARLIER_DAYS)
            recent, earlier = (upto - middle) / USAGE_RECENT_DAYS, (middle - start) / USAGE_EARLIER_DAYS
            if recent + earlier > 0:
                values.append((recent - earlier) / (recent + earlier))
                break
    if values:
        return float(np.mean(values))
    return -1.0 if used_before else math.nan


@dataclass(frozen=True)
class CustomerExtras:
    """What the payment history does not hold about a customer: their country (for the card's)
    and their usage from metering."""

    country: str = ""
    usage: UsageSeries | None = None


def decline_code_index(code: str) -> int:
    code = (code or "").lower()
    if not code:
        return 0
    try:
        return COMMON_DECLINE_CODES.index(code) + 1
    except ValueError:
        return len(COMMON_DECLINE_CODES) + 1


@dataclass
class Profile:
    """Counts of a customer's attempts (by local day of month, hour, weekday), as arrays so a
    profile minus one invoice's own counts is a subtraction."""

    dom_success: np.ndarray = field(default_factory=lambda: np.zeros(31))
    dom_total: np.ndarray = field(default_factory=lambda: np.zeros(31))
    hour_success: np.ndarray = field(default_factory=lambda: np.zeros(24))
    hour_total: np.ndarray = field(default_factory=lambda: np.zeros(24))
    weekday_success: np.ndarray = field(default_factory=lambda: np.zeros(7))
    weekday_total: np.ndarray = field(default_factory=lambda: np.zeros(7))
    amount_sum: float = 0.0
    amount_count: float = 0.0
    recovery_hours_sum: float = 0.0
    recovered_count: float = 0.0
    first_seen_ts: float | None = None  # unix seconds of the customer's first known attempt

    def add(self, *, local: datetime, succeeded: bool, amount: float | None) -> None:
        dom, hour, weekday = local.day - 1, local.hour, local.weekday()
        self.dom_total[dom] += 1
        self.hour_total[hour] += 1
        self.weekday_total[weekday] += 1
        if succeeded:
            self.dom_success[dom] += 1
            self.hour_success[hour] += 1
            self.weekday_success[weekday] += 1
        if amount is not None:
            self.amount_sum += amount
            self.amount_count += 1
        ts = local.timestamp()
        if self.first_seen_ts is None or ts < self.first_seen_ts:
            self.first_seen_ts = ts

    def minus(self, other: Profile) -> Profile:
        return Profile(
            dom_success=self.dom_success - other.dom_success,
            dom_total=self.dom_total - other.dom_total,
            hour_success=self.hour_success - other.hour_success,
            hour_total=self.hour_total - other.hour_total,
            weekday_success=self.weekday_success - other.weekday_success,
            weekday_total=self.weekday_total - other.weekday_total,
            amount_sum=self.amount_sum - other.amount_sum,
            amount_count=self.amount_count - other.amount_count,
            recovery_hours_sum=self.recovery_hours_sum - other.recovery_hours_sum,
            recovered_count=self.recovered_count - other.recovered_count,
            first_seen_ts=self.first_seen_ts,
        )

    @property
    def attempts(self) -> float:
        return float(self.hour_total.sum())

    @property
    def successes(self) -> float:
        return float(self.hour_success.sum())


@dataclass(frozen=True)
class HistoryAttempt:
    """One payment attempt of the history, in plain values."""

    attempted_at: datetime  # aware
    succeeded: bool
    decline_code: str = ""
    invoice: str = ""
    amount: float | None = None
    brand: str = ""
    funding: str = ""
    country: str = ""


def invoice_profile(attempts: Sequence[HistoryAttempt], tz: ZoneInfo) -> Profile:
    """The counts one invoice's attempts (oldest first) add to its customer's profile."""
    profile = Profile()
    first_failure: datetime | None = None
    for attempt in attempts:
        local = attempt.attempted_at.astimezone(tz)
        profile.add(local=local, succeeded=attempt.succeeded, amount=None)
        if not attempt.succeeded and first_failure is None:
            first_failure = attempt.attempted_at
        if attempt.succeeded and first_failure is not None:
            profile.recovery_hours_sum += (attempt.attempted_at - first_failure).total_seconds() / 3600
            profile.recovered_count += 1
    if attempts and attempts[0].amount is not None:
        profile.amount_sum += attempts[0].amount
        profile.amount_count += 1
    return profile


def customer_profile(invoices: dict[str, list[HistoryAttempt]], tz: ZoneInfo) -> tuple[Profile, dict[str, Profile]]:
    """The customer's whole profile and each invoice's share of it."""
    total = Profile()
    shares: dict[str, Profile] = {}
    for key, attempts in invoices.items():
        share = invoice_profile(attempts, tz)
        shares[key] = share
        for name in ("dom_success", "dom_total", "hour_success", "hour_total", "weekday_success", "weekday_total"):
            setattr(total, name, getattr(total, name) + getattr(share, name))
        total.amount_sum += share.amount_sum
        total.amount_count += share.amount_count
        total.recovery_hours_sum += share.recovery_hours_sum
        total.recovered_count += share.recovered_count
        first = min(a.attempted_at for a in attempts).timestamp() if attempts else None
        if first is not None and (total.first_seen_ts is None or first < total.first_seen_ts):
            total.first_seen_ts = first
    return total, shares


@dataclass(frozen=True)
class Context:
    """An invoice's situation before an attempt: what a retry at some moment is conditioned on."""

    tz: ZoneInfo
    first_failure_at: datetime | None
    last_attempt_at: datetime | None
    retry_number: int  # attempts made on the invoice before this one
    last_decline_code: str
    amount: float | None
    brand: str
    funding: str
    profile: Profile
    card_country: str = ""
    customer_country: str = ""
    usage_trend: float = math.nan


@dataclass(frozen=True)
class Rates:
    """A profile's smoothed rates for every day of month, hour and weekday."""

    overall: float
    dom: tuple[float, ...]
    hour: tuple[float, ...]
    weekday: tuple[float, ...]


def _cyclic_rates(success: np.ndarray, total: np.ndarray, width: int, prior: float) -> tuple[float, ...]:
    """Smoothed success rate in a window of +-width around every index (cyclic: the 31st is
    next to the 1st, 23:00 next to 00:00)."""
    s, t = success.astype(float).copy(), total.astype(float).copy()
    for k in range(1, width + 1):
        s = s + np.roll(success, k) + np.roll(success, -k)
        t = t + np.roll(total, k) + np.roll(total, -k)
    return tuple(((s + SMOOTHING * prior) / (t + SMOOTHING)).tolist())


def profile_rates(profile: Profile, global_rate: float) -> Rates:
    rate = (profile.successes + SMOOTHING * global_rate) / (profile.attempts + SMOOTHING)
    return Rates(
        overall=rate,
        dom=_cyclic_rates(profile.dom_success, profile.dom_total, 1, rate),
        hour=_cyclic_rates(profile.hour_success, profile.hour_total, 1, rate),
        weekday=_cyclic_rates(profile.weekday_success, profile.weekday_total, 0, rate),
    )


def feature_rows(context: Context, moments: Sequence[datetime], *, global_rate: float) -> np.ndarray:
    """``feature_row`` for many moments of one context: what does not depend on the moment is
    computed once (the policy scores every hour of 14 days on each decision)."""
    rates = profile_rates(context.profile, global_rate)
    constants = _constants(context, rates)
    return np.asarray(
        [_row(context, m, rates, constants) for m in moments], dtype=float
    ).reshape(-1, len(FEATURE_NAMES))


def feature_row(context: Context, at: datetime, *, global_rate: float, rates: Rates | None = None) -> list[float]:
    if rates is None:
        rates = profile_rates(context.profile, global_rate)
    return _row(context, at, rates, _constants(context, rates))


def _constants(context: Context, rates: Rates) -> tuple[list[float], list[float], list[float]]:
    """The features of a context that no moment changes, in three runs of FEATURE_NAMES: from
    retry_number to the customer's rate, the recovery hours, and the last two."""
    profile = context.profile
    nan = math.nan
    usual = profile.amount_sum / profile.amount_count if profile.amount_count > 0 else None
    amount = context.amount
    middle = [
        float(context.retry_number),
        float(DECLINE_CLASS_CODES.get(decline_class(context.last_decline_code), 1)),
        float(decline_code_index(context.last_decline_code)),
        float(FUNDING_CODES.get((context.funding or "").lower(), 0)),
        float(BRAND_CODES.get((context.brand or "").lower(), 0)),
        math.log1p(amount) if amount is not None and amount > 0 else nan,
        amount / usual if amount is not None and usual else nan,
        profile.attempts,
        rates.overall,
    ]
    tail = [
        profile.recovery_hours_sum / profile.recovered_count if profile.recovered_count > 0 else nan,
    ]
    last = [card_foreign(context.card_country, context.customer_country), context.usage_trend]
    return middle, tail, last


def _row(
    context: Context, at: datetime, rates: Rates, constants: tuple[list[float], list[float], list[float]]
) -> list[float]:
    local = at.astimezone(context.tz)
    days_in_month = calendar.monthrange(local.year, local.month)[1]
    profile = context.profile
    nan = math.nan
    since_first = (at - context.first_failure_at).total_seconds() / 3600 if context.first_failure_at else nan
    since_last = (at - context.last_attempt_at).total_seconds() / 3600 if context.last_attempt_at else nan
    rate = rates.overall
    dom_rate = rates.dom[local.day - 1]
    hour_rate = rates.hour[local.hour]
    weekday_rate = rates.weekday[local.weekday()]
    middle, tail, last = constants
    return [
        local.hour + local.minute / 60,
        local.weekday(),
        local.day,
        days_in_month - local.day,
        since_first,
        since_last,
        *middle,
        dom_rate,
        hour_rate,
        weekday_rate,
        (at.timestamp() - profile.first_seen_ts) / 86400 if profile.first_seen_ts is not None else 0.0,
        *tail,
        dom_rate - rate,
        hour_rate - rate,
        *last,
    ]


@dataclass
class TrainingSet:
    X: np.ndarray
    y: np.ndarray
    groups: np.ndarray  # invoice index, for a split that keeps an invoice's attempts together
    times: np.ndarray  # unix seconds of each invoice's first attempt (temporal split)
    is_retry: np.ndarray
    global_rate: float
    # Per row: local hours between this attempt and its invoice's first attempt (cyclic, 0-12),
    # i.e. whether the history ever tried another time of day than the invoice's own.
    hour_shift: np.ndarray = field(default_factory=lambda: np.zeros(0))


def training_set(
    customers: dict[str, tuple[ZoneInfo, dict[str, list[HistoryAttempt]]]],
    extras: Mapping[str, CustomerExtras] | None = None,
) -> TrainingSet:
    """One row per attempt of the history: {customer: (tz, {invoice: attempts oldest first})},
    with each customer's ``extras`` (country, usage) when known. Attempts after an invoice's
    success are not rows (nothing was owed any more)."""
    total_attempts = sum(len(a) for _, inv in customers.values() for a in inv.values())
    total_success = sum(x.succeeded for _, inv in customers.values() for a in inv.values() for x in a)
    global_rate = (total_success + 1) / (total_attempts + 2)
    rows: list[list[float]] = []
    labels: list[int] = []
    groups: list[int] = []
    times: list[float] = []
    retries: list[bool] = []
    shifts: list[int] = []
    group = 0
    for customer, (tz, invoices) in customers.items():
        extra = (extras or {}).get(customer) or CustomerExtras()
        whole, shares = customer_profile(invoices, tz)
        for key, attempts in invoices.items():
            profile = whole.minus(shares[key])
            rates = profile_rates(profile, global_rate)
            trend = usage_trend(extra.usage, attempts[0].attempted_at) if attempts else math.nan
            first_failure: datetime | None = None
            last: HistoryAttempt | None = None
            for number, attempt in enumerate(attempts):
                context = Context(
                    tz=tz,
                    first_failure_at=first_failure,
                    last_attempt_at=last.attempted_at if last else None,
                    retry_number=number,
                    last_decline_code=last.decline_code if last else "",
                    amount=attempt.amount,
                    brand=attempt.brand,
                    funding=attempt.funding,
                    profile=profile,
                    card_country=attempt.country,
                    customer_country=extra.country,
                    usage_trend=trend,
                )
                rows.append(feature_row(context, attempt.attempted_at, global_rate=global_rate, rates=rates))
                labels.append(int(attempt.succeeded))
                groups.append(group)
                times.append(attempts[0].attempted_at.timestamp())
                retries.append(first_failure is not None)
                shift = abs(attempt.attempted_at.astimezone(tz).hour - attempts[0].attempted_at.astimezone(tz).hour)
                shifts.append(min(shift, 24 - shift))
                if attempt.succeeded:
                    break
                if first_failure is None:
                    first_failure = attempt.attempted_at
                last = attempt
            group += 1
    return TrainingSet(
        X=np.asarray(rows, dtype=float).reshape(-1, len(FEATURE_NAMES)),
        y=np.asarray(labels, dtype=int),
        groups=np.asarray(groups, dtype=int),
        times=np.asarray(times, dtype=float),
        is_retry=np.asarray(retries, dtype=bool),
        global_rate=global_rate,
        hour_shift=np.asarray(shifts, dtype=int),
    )
