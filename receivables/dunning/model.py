"""The retry-success model: scikit-learn gradient boosting over ``features.FEATURE_NAMES``,
trained on every attempt of the payment history. Pure: no ORM, no clock (the caller passes
the history and stores the artifact).

Metrics are measured on a holdout of the latest 20% of invoices (by first attempt), the model is
then refitted on everything. ``replay`` compares, on the held-out failed invoices, the recovery
the holdout model expects from the policy against the fixed "day 3 and day 7" schedule: an
estimate under the model (the real counterfactual is not in the history), labelled as such.
"""

from __future__ import annotations

import io
import pickle
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import joblib
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import brier_score_loss, roc_auc_score
from threadpoolctl import ThreadpoolController

from .features import (
    FEATURE_NAMES,
    Context,
    CustomerExtras,
    HistoryAttempt,
    customer_profile,
    feature_row,
    training_set,
    usage_trend,
)
from .policy import (
    Attempt,
    PriorScorer,
    Request,
    Scorer,
    expected_recovery,
    fixed_schedule,
    next_action,
    prior_hour_factor,
)

HOLDOUT_SHARE = 0.2
MIN_ATTEMPTS = 50
REPLAY_INVOICES = 80
SHORT_GAP_HOURS = 24.0
# Share of retries at another local hour (>= 2 h away) than their invoice's first attempt above
# which the model is trusted on the time of day; below it the prior's hour factor is blended in.
HOUR_VARIATION_ENOUGH = 0.2

# scikit-learn's gradient boosting runs OpenMP threads; on a shared, busy machine their spin-waits
# made a 15k-row fit take 45 s instead of 1.3 s and a prediction 300 ms instead of 5 ms. One
# thread per call is the fast and predictable choice here (web and worker processes scale out).
THREADS = 1
# Found once: discovering the loaded libraries costs ~10 ms, too much for every prediction.
_threadpools = ThreadpoolController()


def threadpool_limits(*, limits: int):  # type: ignore[no-untyped-def]
    return _threadpools.limit(limits=limits)


CustomerHistory = dict[str, tuple[ZoneInfo, dict[str, list[HistoryAttempt]]]]


class NotEnoughHistory(ValueError):
    pass


def _classifier() -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(
        max_iter=120,
        learning_rate=0.1,
        max_leaf_nodes=31,
        min_samples_leaf=30,
        l2_regularization=1.0,
        # The nominal features (decline class and code, funding, brand) are small integer codes
        # split as numbers: scikit-learn's categorical mode runs an encoder (a ColumnTransformer)
        # on every prediction, 12 ms each, twice per decision: a quarter of next-action's budget.
        categorical_features=None,
        early_stopping=False,
        random_state=0,
    )


class LearnedScorer(Scorer):
    """A trained classifier as the policy's scorer, with the prior where the history cannot teach:
    - where it holds almost no retries sooner than a day after a soft decline, trees extrapolate
      flat: the prior's ramp over the first day is applied on top;
    - where its retries were (nearly) always made at the first attempt's time of day (a fixed
      "day 3 and day 7" schedule), the hour of a retry is confounded with the payer: the prior's
      hour factor is blended in, with weight 1 - (share of retries at another hour) / 20%."""

    hour_prior_weight: float = 0.0

    def __init__(
        self,
        classifier: HistGradientBoostingClassifier,
        *,
        version: str,
        global_rate: float,
        short_gap_share: float,
        hour_prior_weight: float = 0.0,
    ) -> None:
        self.classifier = classifier
        self.version = version
        self.global_rate = global_rate
        self.short_gap_share = short_gap_share
        self.hour_prior_weight = hour_prior_weight

    def probabilities(self, X: np.ndarray) -> np.ndarray:
        with threadpool_limits(limits=THREADS):
            p = self.classifier.predict_proba(X)[:, 1]
        if self.short_gap_share < 0.05:
            gap = np.nan_to_num(X[:, FEATURE_NAMES.index("hours_since_last_attempt")], nan=48.0)
            soft = X[:, FEATURE_NAMES.index("decline_class")] == 1
            p = np.where(soft, p * np.minimum(1.0, 0.3 + 0.7 * gap / SHORT_GAP_HOURS), p)
        if self.hour_prior_weight > 0:
            p = p * prior_hour_factor(X) ** self.hour_prior_weight
        return p

    def explain(self, row: Sequence[float]) -> dict[str, float]:
        """The features that moved this row's probability most: each replaced by its training
        median, the change in probability (a local, model-agnostic attribution)."""
        medians = getattr(self, "medians", None)
        if medians is None:
            return {}
        probes = np.repeat(np.asarray([row], dtype=float), len(FEATURE_NAMES) + 1, axis=0)
        for i in range(len(FEATURE_NAMES)):
            probes[i + 1, i] = medians[i]
        with threadpool_limits(limits=THREADS):
            predicted = self.classifier.predict_proba(probes)[:, 1]
        base, shifted = float(predicted[0]), predicted[1:]
        effects = {FEATURE_NAMES[i]: round(base - float(shifted[i]), 4) for i in range(len(FEATURE_NAMES))}
        top = sorted(effects.items(), key=lambda kv: -abs(kv[1]))[:5]
        return dict(top)


@dataclass
class TrainResult:
    artifact: bytes
    metrics: dict[str, object]
    trained_on: int


def _fit(X: np.ndarray, y: np.ndarray) -> HistGradientBoostingClassifier:
    classifier = _classifier()
    with threadpool_limits(limits=THREADS):
        classifier.fit(X, y)
    return classifier


def train(
    history: CustomerHistory, *, version: str, extras: Mapping[str, CustomerExtras] | None = None
) -> TrainResult:
    """Fit a scorer on the whole history (after measuring a copy on the latest 20%); ``extras``
    gives each customer's country and usage from metering, where known."""
    with threadpool_limits(limits=THREADS):
        return _train(history, version=version, extras=extras or {})


def _train(history: CustomerHistory, *, version: str, extras: Mapping[str, CustomerExtras]) -> TrainResult:
    data = training_set(history, extras)
    if len(data.y) < MIN_ATTEMPTS or len(set(data.y.tolist())) < 2:
        raise NotEnoughHistory(
            f"At least {MIN_ATTEMPTS} attempts with both outcomes are needed; the history has {len(data.y)}."
        )
    retry_gaps = data.X[data.is_retry, FEATURE_NAMES.index("hours_since_last_attempt")]
    short_gap_share = float(np.mean(retry_gaps < SHORT_GAP_HOURS)) if len(retry_gaps) else 0.0
    shifted = data.hour_shift[data.is_retry]
    hour_variation = float(np.mean(shifted >= 2)) if len(shifted) else 0.0
    hour_prior_weight = max(0.0, 1.0 - hour_variation / HOUR_VARIATION_ENOUGH)
    cut = np.quantile(data.times, 1 - HOLDOUT_SHARE)
    holdout = data.times > cut
    foreign = data.X[:, FEATURE_NAMES.index("card_foreign")]
    trend = data.X[:, FEATURE_NAMES.index("usage_trend")]
    metrics: dict[str, object] = {
        "attempts": int(len(data.y)),
        "card_country_known_share": round(float(np.mean(~np.isnan(foreign))), 4),
        "usage_trend_known_share": round(float(np.mean(~np.isnan(trend))), 4),
        "retries": int(data.is_retry.sum()),
        "success_rate": round(float(data.y.mean()), 4),
        "retry_success_rate": round(float(data.y[data.is_retry].mean()), 4) if data.is_retry.any() else None,
        "short_gap_retry_share": round(short_gap_share, 4),
        "retries_at_another_hour_share": round(hour_variation, 4),
        "prior_hour_weight": round(hour_prior_weight, 4),
        "holdout_attempts": int(holdout.sum()),
    }
    both_outcomes = len(set(data.y[holdout].tolist())) == 2 and len(set(data.y[~holdout].tolist())) == 2
    if both_outcomes:
        holdout_model = _fit(data.X[~holdout], data.y[~holdout])
        p = holdout_model.predict_proba(data.X[holdout])[:, 1]
        metrics["auc"] = round(float(roc_auc_score(data.y[holdout], p)), 4)
        metrics["brier"] = round(float(brier_score_loss(data.y[holdout], p)), 4)
        retry_mask = data.is_retry[holdout]
        if retry_mask.any() and len(set(data.y[holdout][retry_mask].tolist())) == 2:
            metrics["auc_retries"] = round(float(roc_auc_score(data.y[holdout][retry_mask], p[retry_mask])), 4)
            metrics["brier_retries"] = round(float(brier_score_loss(data.y[holdout][retry_mask], p[retry_mask])), 4)
        scorer = LearnedScorer(
            holdout_model,
            version="holdout",
            global_rate=data.global_rate,
            short_gap_share=short_gap_share,
            hour_prior_weight=hour_prior_weight,
        )
        metrics["replay"] = replay(
            history, scorer=scorer, since=datetime.fromtimestamp(cut, tz=ZoneInfo("UTC")), extras=extras
        )
    classifier = _fit(data.X, data.y)
    scorer = LearnedScorer(
        classifier,
        version=version,
        global_rate=data.global_rate,
        short_gap_share=short_gap_share,
        hour_prior_weight=hour_prior_weight,
    )
    with warnings.catch_warnings():  # a feature never known (no usage data at all): its median is NaN
        warnings.simplefilter("ignore", RuntimeWarning)
        scorer.medians = np.nanmedian(data.X, axis=0)  # type: ignore[attr-defined]
    buffer = io.BytesIO()
    joblib.dump(scorer, buffer)
    return TrainResult(artifact=buffer.getvalue(), metrics=metrics, trained_on=int(len(data.y)))


class IncompatibleModel(ValueError):
    """A stored model trained on another feature set than this code builds (retrain it)."""


def load(artifact: bytes) -> LearnedScorer:
    """The scorer stored by ``train`` (our own artifact from our own database: pickle is safe here).
    A model fitted on another feature set (an older version of this code) is refused."""
    scorer = joblib.load(io.BytesIO(artifact))
    if not isinstance(scorer, LearnedScorer):
        raise pickle.UnpicklingError("Not a dunning model artifact.")
    fitted = getattr(scorer.classifier, "n_features_in_", None)
    if fitted != len(FEATURE_NAMES):
        raise IncompatibleModel(f"The model was fitted on {fitted} features; this code builds {len(FEATURE_NAMES)}.")
    return scorer


def replay(
    history: CustomerHistory,
    *,
    scorer: Scorer,
    since: datetime,
    extras: Mapping[str, CustomerExtras] | None = None,
) -> dict[str, object]:
    """Model-estimated recovery of the policy and of the fixed day-3/day-7 schedule over the
    failed invoices whose first attempt is after ``since`` (at most REPLAY_INVOICES, in a fixed
    order), plus the recovery observed in the history itself."""
    cases = []
    for customer, (tz, invoices) in sorted(history.items()):
        whole, shares = customer_profile(invoices, tz)
        for key, attempts in sorted(invoices.items()):
            if not attempts or attempts[0].succeeded or attempts[0].attempted_at <= since:
                continue
            cases.append((customer, tz, whole.minus(shares[key]), attempts))
    cases = cases[:REPLAY_INVOICES]
    if not cases:
        return {}
    ours, fixed, observed = [], [], []
    for customer, tz, profile, attempts in cases:
        first = attempts[0]
        extra = (extras or {}).get(customer) or CustomerExtras()
        trend = usage_trend(extra.usage, first.attempted_at)
        observed.append(any(a.succeeded for a in attempts))
        context_for = _context_factory(tz, profile, first, extra.country, trend)
        fixed_p = []
        done: list[HistoryAttempt] = [first]
        for moment in fixed_schedule(first.attempted_at):
            X = np.asarray([feature_row(context_for(done), moment, global_rate=scorer.global_rate)])
            fixed_p.append(float(scorer.probabilities(X)[0]))
            done.append(HistoryAttempt(attempted_at=moment, succeeded=False, decline_code=first.decline_code))
        fixed.append(expected_recovery(fixed_p))
        policy_p = []
        made = [Attempt(attempted_at=first.attempted_at, succeeded=False, decline_code=first.decline_code)]
        for _ in range(4):
            decision = next_action(
                Request(
                    timezone=str(tz),
                    amount=first.amount,
                    brand=first.brand,
                    funding=first.funding,
                    attempts=tuple(made),
                    profile=profile,
                    card_country=first.country,
                    customer_country=extra.country,
                    usage_trend=trend,
                ),
                scorer,
                explain=False,
            )
            if decision.action != "retry" or decision.at is None:
                break
            policy_p.append(decision.probability or 0.0)
            made.append(Attempt(attempted_at=decision.at, succeeded=False, decline_code=first.decline_code))
        ours.append(expected_recovery(policy_p))
    return {
        "invoices": len(cases),
        "policy_recovery_estimated": round(float(np.mean(ours)), 4),
        "fixed_day3_day7_recovery_estimated": round(float(np.mean(fixed)), 4),
        "observed_recovery": round(float(np.mean(observed)), 4),
    }


def _context_factory(tz: ZoneInfo, profile, first: HistoryAttempt, country: str, trend: float):  # type: ignore[no-untyped-def]
    def context_for(done: list[HistoryAttempt]) -> Context:
        return Context(
            tz=tz,
            first_failure_at=first.attempted_at,
            last_attempt_at=done[-1].attempted_at,
            retry_number=len(done),
            last_decline_code=done[-1].decline_code,
            amount=first.amount,
            brand=first.brand,
            funding=first.funding,
            profile=profile,
            card_country=first.country,
            customer_country=country,
            usage_trend=trend,
        )

    return context_for


def prior() -> Scorer:
    return PriorScorer()
