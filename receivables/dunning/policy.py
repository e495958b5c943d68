"""The retry policy: when to retry a failed invoice, or to hand it to a person. Pure.

One function, ``next_action``, decides for ``POST /api/v1/dunning/next-action`` and for the live
dunning cases. It is decided as of the last attempt (or an explicit ``as_of``), never the clock:
the same request and the same model always give the same answer.

Rules (never broken, whatever a model says):
- a retry is later than the last attempt and earlier than the first failure + 14 days;
- at most 4 retries per invoice (attempts after the first failure);
- no retry after a hard decline (``declines.HARD``): the customer must act, an analyst calls.

Within them the policy scores every whole local hour of the window with the retry-success
probability (the learned model, or the prior below), and plans the remaining retries by dynamic
programming: the value of retrying at t is p(t) + (1 - p(t)) * (best value of the retries left
after t), with later retries at least a spacing apart (a payer who failed at 14:00 usually fails
at 15:00 too). The first moment of the best plan is the answer. When even the best plan is not
worth a retry (expected recovery below ``MIN_WORTH``), the case is escalated.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from .declines import HARD, SOFT, TRANSIENT, decline_class
from .features import FEATURE_NAMES, Context, Profile, feature_rows

SEQUENCE_DAYS = 14
MAX_RETRIES = 4
# Each retry costs something (card networks count retries, issuers tighten fraud rules after
# repeated declines, and a retry used is one fewer left): a plan's value is its expected recovery
# minus this per retry. Without it a plan with retries to spare would "spend" one at a moment it
# knows is hopeless, since the retries after it would still recover nearly everything.
RETRY_COST = 0.02
MIN_WORTH = 0.0
# Planned retries after this one are spaced by at least this much (planning only).
PLAN_SPACING_HOURS = {SOFT: 20, TRANSIENT: 2, "": 20}
# Earliest retry after the last attempt: the next whole hour at least this far away.
MIN_GAP = timedelta(minutes=30)
# Per day of delay, a plan must gain this much probability to be preferred (cash sooner).
DELAY_COST_PER_DAY = 0.0005


@dataclass(frozen=True)
class Attempt:
    attempted_at: datetime
    succeeded: bool
    decline_code: str = ""


@dataclass(frozen=True)
class Request:
    timezone: str
    amount: float | None
    brand: str
    funding: str
    attempts: tuple[Attempt, ...]
    profile: Profile
    as_of: datetime | None = None
    card_country: str = ""
    customer_country: str = ""
    usage_trend: float = math.nan  # features.usage_trend before the first attempt; NaN unknown


@dataclass(frozen=True)
class Decision:
    action: str  # retry | escalate | stop
    reason: str
    at: datetime | None = None
    probability: float | None = None
    plan_value: float | None = None
    retries_done: int = 0
    rule: str = ""
    top_features: dict[str, float] | None = None
    model_version: str = ""

    def probability_text(self) -> str | None:
        return None if self.probability is None else f"{self.probability:.2f}"


class Scorer:
    """Probabilities of success for feature rows; ``version`` names the model ('prior' if none)."""

    version: str = "prior"
    global_rate: float = 0.35

    def probabilities(self, X: np.ndarray) -> np.ndarray:  # pragma: no cover - interface
        raise NotImplementedError

    def explain(self, row: Sequence[float]) -> dict[str, float]:
        return {}


class PriorScorer(Scorer):
    """The documented fallback when no model is trained (cold start), from what card networks
    and payment teams report:
    - by decline class: transient errors mostly clear within hours (0.6), soft declines are
      recovered by a later retry about a quarter of the time (0.25);
    - insufficient funds and other soft declines: an immediate retry is nearly useless, the
      chance rises over the first day; paydays (1st-3rd, 15th-17th, the last two days of the
      month) and Fridays are better;
    - business hours on weekdays in the customer's time zone are better than nights (office
      card rules, issuers' fraud rules at night);
    - the customer's own history, once there is some: their success rate around this day of the
      month and hour relative to their overall rate.
    """

    version = "prior"

    def __init__(self, global_rate: float = 0.35) -> None:
        self.global_rate = global_rate

    def probabilities(self, X: np.ndarray) -> np.ndarray:
        base, factors = self._factors(X)
        product = base
        for factor in factors.values():
            product = product * factor
        return np.clip(product, 0.01, 0.95)

    def explain(self, row: Sequence[float]) -> dict[str, float]:
        """The prior's factors for this row, each as the change in probability it made (the
        probability with it minus without it); the decline class as the base rate over 0.35."""
        X = np.asarray([row], dtype=float)
        base, factors = self._factors(X)
        p = float(self.probabilities(X)[0])
        effects = {"decline_class": round(float(base[0]) - self.global_rate, 4)}
        for name, factor in factors.items():
            value = float(factor[0])
            effects[name] = round(p - min(0.95, max(0.01, p / value)) if value > 0 else p, 4)
        top = sorted(effects.items(), key=lambda kv: -abs(kv[1]))[:5]
        return {name: effect for name, effect in top if effect != 0}

    def _factors(self, X: np.ndarray) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """The base rate by decline class and the factors that multiply it, named by the feature
        that drives each."""
        f = {name: X[:, i] for i, name in enumerate(FEATURE_NAMES)}
        klass = f["decline_class"]
        base = np.where(klass == 2, 0.6, np.where(klass == 0, 0.5, 0.25))
        weekday, dom, to_end = f["weekday"], f["day_of_month"], f["days_to_month_end"]
        hour_factor = prior_hour_factor(X)
        payday = ((dom <= 3) | ((dom >= 15) & (dom <= 17)) | (to_end <= 1)).astype(float)
        soft = klass == 1
        payday_factor = np.where(soft, 1 + 0.3 * payday + 0.15 * (weekday == 4), 1.0)
        gap = np.nan_to_num(f["hours_since_last_attempt"], nan=48.0)
        gap_factor = np.where(klass == 2, np.minimum(1.0, 0.5 + 0.5 * gap / 2), np.minimum(1.0, 0.3 + 0.7 * gap / 24))
        attempts = f["customer_attempts"]
        own = (f["customer_day_of_month_rate"] + f["customer_hour_rate"]) / (2 * f["customer_success_rate"])
        lift = np.where(attempts >= 4, np.clip(own, 0.5, 2), 1.0)
        return base, {
            "local_hour": hour_factor,
            "day_of_month": payday_factor,
            "hours_since_last_attempt": gap_factor,
            "customer_success_rate": lift,
        }


def prior_hour_factor(X: np.ndarray) -> np.ndarray:
    """The prior's time-of-day factor alone (1.0 in weekday business hours, less at night and at
    weekends), for a model that never saw retries at another hour than the first attempt's."""
    hour = X[:, FEATURE_NAMES.index("local_hour")]
    weekday = X[:, FEATURE_NAMES.index("weekday")]
    business = (hour >= 9) & (hour < 17)
    evening = ((hour >= 7) & (hour < 9)) | ((hour >= 17) & (hour < 21))
    return np.where(business, 1.0, np.where(evening, 0.8, 0.5)) * np.where(weekday >= 5, 0.85, 1.0)


def _floor_hour(moment: datetime, tz: ZoneInfo) -> datetime:
    local = moment.astimezone(tz)
    return local.replace(minute=0, second=0, microsecond=0)


def candidate_moments(*, after: datetime, before: datetime, tz: ZoneInfo) -> list[datetime]:
    """Whole local hours t with after + MIN_GAP <= t < before (UTC), in order."""
    start = _floor_hour(after + MIN_GAP, tz)
    while start < after + MIN_GAP:
        start = (start.astimezone(UTC) + timedelta(hours=1)).astimezone(tz)
        start = start.replace(minute=0, second=0, microsecond=0)
    out: list[datetime] = []
    moment = start.astimezone(UTC)
    while moment < before:
        out.append(moment)
        moment += timedelta(hours=1)
    return out


def _plan(p: np.ndarray, hours: np.ndarray, retries_left: int, spacing: float) -> np.ndarray:
    """g[j]: expected recovery, net of RETRY_COST per retry, of retrying at candidate j and then
    following the best plan with the retries left (or none, when no further retry is worth its
    cost); independence between attempts assumed, spacing enforced."""
    n = len(p)
    # next index at least `spacing` hours after each candidate
    nxt = np.searchsorted(hours, hours + spacing, side="left")
    g = p - RETRY_COST
    for _ in range(retries_left - 1):
        suffix = np.maximum.accumulate(g[::-1])[::-1]  # best g from index i on
        suffix = np.maximum(np.append(suffix, 0.0), 0.0)
        g = p - RETRY_COST + (1 - p) * suffix[np.minimum(nxt, n)]
    return g


def next_action(request: Request, scorer: Scorer, *, explain: bool = True) -> Decision:
    attempts = sorted(request.attempts, key=lambda a: a.attempted_at)
    if not attempts:
        return Decision("stop", "No attempt yet: nothing has failed.", rule="no_attempts")
    last = attempts[-1]
    if last.succeeded:
        return Decision("stop", "The last attempt succeeded: nothing to collect.", rule="paid")
    first_failure_index = next(i for i, a in enumerate(attempts) if not a.succeeded)
    first_failure = attempts[first_failure_index].attempted_at
    since_failure = attempts[first_failure_index:]
    retries_done = len(since_failure) - 1
    hard = [a.decline_code for a in since_failure if decline_class(a.decline_code) == HARD]
    if hard:
        return Decision(
            "escalate",
            f"Hard decline ({hard[-1]}): no retry can succeed; the customer must update the payment method.",
            retries_done=retries_done,
            rule="hard_decline",
        )
    if retries_done >= MAX_RETRIES:
        return Decision(
            "escalate", f"All {MAX_RETRIES} retries used.", retries_done=retries_done, rule="retries_exhausted"
        )
    tz = _zone(request.timezone)
    now = max(request.as_of or last.attempted_at, last.attempted_at)
    deadline = first_failure + timedelta(days=SEQUENCE_DAYS)
    moments = candidate_moments(after=now, before=deadline, tz=tz)
    if not moments:
        return Decision(
            "escalate",
            f"The {SEQUENCE_DAYS}-day retry window has closed.",
            retries_done=retries_done,
            rule="window_closed",
        )
    context = Context(
        tz=tz,
        first_failure_at=first_failure,
        last_attempt_at=last.attempted_at,
        retry_number=len(attempts),
        last_decline_code=last.decline_code,
        amount=request.amount,
        brand=request.brand,
        funding=request.funding,
        profile=request.profile,
        card_country=request.card_country,
        customer_country=request.customer_country,
        usage_trend=request.usage_trend,
    )
    X = feature_rows(context, moments, global_rate=scorer.global_rate)
    p = np.clip(np.asarray(scorer.probabilities(X), dtype=float), 0.0, 1.0)
    hours = np.asarray([(m - moments[0]).total_seconds() / 3600 for m in moments])
    klass = decline_class(last.decline_code)
    g = _plan(p, hours, MAX_RETRIES - retries_done, PLAN_SPACING_HOURS.get(klass, 20))
    score = g - DELAY_COST_PER_DAY * hours / 24
    best = int(np.argmax(score))  # the earliest of equals
    if g[best] <= MIN_WORTH:
        return Decision(
            "escalate",
            f"No retry is worth it: the best moment has {p[best]:.1%} success expected.",
            plan_value=float(g[best]),
            retries_done=retries_done,
            rule="not_worth_retrying",
        )
    at = moments[best]
    local = at.astimezone(tz)
    reason = (
        f"Retry {retries_done + 1} of {MAX_RETRIES} at {local:%a %d %b %H:%M} {request.timezone}: "
        f"{p[best]:.0%} success expected ({_describe(klass, last.decline_code)}); "
        f"the plan of the remaining retries recovers {g[best] + RETRY_COST:.0%} (model {scorer.version})."
    )
    return Decision(
        "retry",
        reason,
        at=at,
        probability=float(p[best]),
        plan_value=float(g[best]),
        retries_done=retries_done,
        rule="best_expected_recovery",
        top_features=scorer.explain(X[best]) if explain else None,
    )


def _describe(klass: str, code: str) -> str:
    return f"{klass or 'unclassified'} decline {code}" if code else "no decline code"


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def fixed_schedule(first_failure: datetime, days: Sequence[int] = (3, 7)) -> list[datetime]:
    """The baseline the policy is measured against: retry on day 3 and day 7 after the first
    failure, at the same time of day."""
    return [first_failure + timedelta(days=d) for d in days]


ProbabilityAt = Callable[[datetime], float]


def expected_recovery(p_at: Sequence[float]) -> float:
    """Recovery of a sequence of attempts with independent success probabilities."""
    return 1 - math.prod(1 - p for p in p_at)
