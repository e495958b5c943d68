"""The two features from outside the payment history, pure (no database): the usage trend from
metering and whether the card is foreign to the customer's country; unknown is NaN (cold start),
usage after a moment never informs it, and a model learns from both when the history depends on
them."""

from __future__ import annotations

import datetime as dt
import math
import random
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from receivables.dunning import model as dunning_model
from receivables.dunning.features import (
    FEATURE_NAMES,
    CustomerExtras,
    HistoryAttempt,
    Profile,
    UsageSeries,
    card_foreign,
    customer_profile,
    training_set,
    usage_trend,
)
from receivables.dunning.policy import Attempt, Request, next_action

UTC = dt.UTC
AT = dt.datetime(2026, 4, 5, 9, 12, tzinfo=UTC)
DAY = AT.date().toordinal()


def _series(daily: dict[int, float], meter: int = 1) -> UsageSeries:
    """{days before AT: quantity} of one meter."""
    return UsageSeries.from_days([(meter, DAY - back, q, 1) for back, q in daily.items()])


def test_steady_usage_is_a_flat_trend_and_falling_usage_is_negative() -> None:
    steady = _series(dict.fromkeys(range(1, 91), 10.0))
    falling = _series({back: (10.0 if back > 30 else 2.0) for back in range(1, 91)})
    rising = _series({back: (1.0 if back > 30 else 10.0) for back in range(1, 91)})

    assert usage_trend(steady, AT) == pytest.approx(0.0)
    assert usage_trend(falling, AT) == pytest.approx((2 - 10) / (2 + 10))
    assert usage_trend(rising, AT) > 0.5


def test_stopped_usage_is_minus_one_and_no_usage_at_all_is_unknown() -> None:
    stopped = _series({200: 50.0, 150: 40.0})

    assert usage_trend(stopped, AT) == -1.0
    assert math.isnan(usage_trend(None, AT))
    assert math.isnan(usage_trend(UsageSeries(), AT))
    assert math.isnan(usage_trend(_series({-3: 10.0}), AT))  # only usage after the moment: unknown


def test_usage_on_the_day_of_the_moment_or_after_it_does_not_count() -> None:
    before = dict.fromkeys(range(1, 91), 10.0)
    later = {**before, 0: 5000.0, -1: 5000.0, -20: 1.0}

    assert usage_trend(_series(later), AT) == usage_trend(_series(before), AT)


def test_meters_weigh_alike_whatever_their_units() -> None:
    big_steady = [(1, DAY - back, 1e6, 1) for back in range(1, 91)]
    small_falling = [(2, DAY - back, 10.0 if back > 30 else 0.0, 1) for back in range(1, 91)]

    trend = usage_trend(UsageSeries.from_days(big_steady + small_falling), AT)

    assert trend == pytest.approx((0.0 + -1.0) / 2)


@settings(max_examples=100, deadline=None)
@given(
    days=st.lists(
        st.tuples(st.integers(1, 3), st.integers(-30, 400), st.floats(0, 1e6, allow_nan=False), st.integers(0, 50)),
        max_size=40,
    )
)
def test_the_trend_is_between_minus_one_and_one_or_unknown(days) -> None:  # type: ignore[no-untyped-def]
    trend = usage_trend(UsageSeries.from_days([(m, DAY - back, q, n) for m, back, q, n in days]), AT)

    assert math.isnan(trend) or -1.0 <= trend <= 1.0


def test_card_country_against_the_customers() -> None:
    assert card_foreign("DE", "US") == 1.0
    assert card_foreign("us", "US") == 0.0
    assert math.isnan(card_foreign("", "US"))
    assert math.isnan(card_foreign("DE", ""))


def _history(rng: random.Random, payers: int = 60):  # type: ignore[no-untyped-def]
    """Each month, a payer's usage either held steady over the 30 days before the invoice or fell
    to a fifth, and the invoice was charged to their domestic card or to a foreign one (chosen at
    random per invoice, so the payer's own record cannot tell): retries succeed often after
    steady usage on a domestic card, rarely after falling usage, less often on a foreign card."""
    history, extras = {}, {}
    for p in range(payers):
        invoices, days = {}, []
        for month in range(4, 13):
            first = dt.datetime(2025, month, 1 + p % 27, 10, 0, tzinfo=UTC)
            falling, foreign = rng.random() < 0.4, rng.random() < 0.4
            country = "DE" if foreign else "US"
            for back in range(1, 31):
                days.append((1, first.date().toordinal() - back, 20.0 if falling else 100.0, 1))
            attempts = [HistoryAttempt(first, False, "insufficient_funds", f"in-{p}-{month}", 100.0, country=country)]
            for n in range(1, 4):
                at = first + dt.timedelta(days=2 * n, hours=rng.randint(0, 6))
                ok = rng.random() < (0.05 if falling else 0.7) * (0.5 if foreign else 1.0)
                attempts.append(HistoryAttempt(at, ok, "" if ok else "insufficient_funds", f"in-{p}-{month}", 100.0,
                                               country=country))  # fmt: skip
                if ok:
                    break
            invoices[f"in-{p}-{month}"] = attempts
        history[f"c{p}"] = (ZoneInfo("UTC"), invoices)
        extras[f"c{p}"] = CustomerExtras(country="US", usage=UsageSeries.from_days(days))
    return history, extras


def test_training_rows_carry_both_features_and_unknown_without_extras() -> None:
    history, extras = _history(random.Random(1), payers=8)

    with_extras = training_set(history, extras)
    without = training_set(history)

    foreign = FEATURE_NAMES.index("card_foreign")
    trend = FEATURE_NAMES.index("usage_trend")
    assert set(np.unique(with_extras.X[:, foreign])) == {0.0, 1.0}
    assert np.nanmin(with_extras.X[:, trend]) < -0.5  # after falling usage
    assert np.nanmax(with_extras.X[:, trend]) > -0.1  # after steady usage
    assert np.isnan(without.X[:, foreign]).all()
    assert np.isnan(without.X[:, trend]).all()


def test_a_model_learns_from_usage_trend_and_card_country() -> None:
    history, extras = _history(random.Random(4))
    result = dunning_model.train(history, version="3", extras=extras)
    scorer = dunning_model.load(result.artifact)
    tz, invoices = history["c5"]
    profile, _ = customer_profile(invoices, tz)
    trends = training_set(history, extras).X[:, FEATURE_NAMES.index("usage_trend")]
    steady = float(np.median(trends[np.abs(trends) < 0.1]))  # as the history has it after steady months
    falling = float(np.median(trends[trends < -0.6]))

    def best(trend: float, card_country: str) -> float:
        decision = next_action(
            Request(timezone="UTC", amount=100.0, brand="", funding="",
                    attempts=(Attempt(AT, False, "insufficient_funds"),), profile=profile, card_country=card_country,
                    customer_country="US", usage_trend=trend),
            scorer,
        )  # fmt: skip
        return decision.probability or 0.0

    assert result.metrics["usage_trend_known_share"] == 1.0
    assert result.metrics["card_country_known_share"] == 1.0
    assert best(steady, "US") > 0.4
    assert best(falling, "US") < best(steady, "US") / 2
    assert best(steady, "DE") < best(steady, "US")


@pytest.fixture(scope="module")
def learned():  # type: ignore[no-untyped-def]
    history, extras = _history(random.Random(9), payers=30)
    return dunning_model.load(dunning_model.train(history, version="1", extras=extras).artifact)


@settings(max_examples=60, deadline=None)
@given(
    trend=st.one_of(st.just(math.nan), st.floats(-1, 1)),
    card=st.sampled_from(["", "US", "DE"]),
    home=st.sampled_from(["", "US"]),
    retries=st.integers(0, 5),
    code=st.sampled_from(["insufficient_funds", "processing_error", "expired_card", "do_not_honor"]),
    hours=st.integers(1, 300),
)
def test_every_plan_of_a_learned_model_obeys_the_rules_whatever_the_new_features(
    learned, trend, card, home, retries, code, hours  # type: ignore[no-untyped-def]
) -> None:
    attempts = tuple(Attempt(AT + dt.timedelta(hours=hours * i / 6), False, code) for i in range(retries + 1))
    request = Request(timezone="Europe/Berlin", amount=50.0, brand="visa", funding="debit", attempts=attempts,
                      profile=Profile(), card_country=card, customer_country=home, usage_trend=trend)  # fmt: skip

    decision = next_action(request, learned)

    if code == "expired_card" or retries >= 4:
        assert decision.action == "escalate"
    if decision.action == "retry":
        assert decision.at is not None
        assert attempts[-1].attempted_at < decision.at < AT + dt.timedelta(days=14)
        assert 0 <= (decision.probability or 0) <= 1
