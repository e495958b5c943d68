"""The retry policy, pure (no database): the rules hold for every plan, decisions are made as of
the last attempt and are deterministic, the prior behaves as documented, and a model learns a
structure it was shown."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from receivables.dunning import model as dunning_model
from receivables.dunning.declines import HARD, SOFT, TRANSIENT, decline_class
from receivables.dunning.features import HistoryAttempt, Profile, customer_profile
from receivables.dunning.policy import (
    MAX_RETRIES,
    SEQUENCE_DAYS,
    Attempt,
    PriorScorer,
    Request,
    candidate_moments,
    next_action,
)

UTC = dt.UTC
START = dt.datetime(2026, 4, 5, 9, 12, tzinfo=UTC)
CODES = ["insufficient_funds", "generic_decline", "do_not_honor", "processing_error", "expired_card", "lost_card",
         "card_velocity_exceeded", "try_again_later", "some_new_code", ""]  # fmt: skip
ZONES = ["UTC", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "Europe/Berlin"]


def _request(attempts, tz="UTC", profile=None, as_of=None) -> Request:  # type: ignore[no-untyped-def]
    return Request(timezone=tz, amount=720.0, brand="visa", funding="debit", attempts=tuple(attempts),
                   profile=profile or Profile(), as_of=as_of)  # fmt: skip


@pytest.mark.parametrize(
    ("code", "expected"),
    [("expired_card", HARD), ("lost_card", HARD), ("stolen_card", HARD), ("incorrect_number", HARD),
     ("do_not_try_again", HARD), ("insufficient_funds", SOFT), ("generic_decline", SOFT), ("unknown_thing", SOFT),
     ("processing_error", TRANSIENT), ("issuer_not_available", TRANSIENT), ("", ""), (None, "")],
)  # fmt: skip
def test_decline_codes_are_classified(code, expected) -> None:  # type: ignore[no-untyped-def]
    assert decline_class(code) == expected


attempt_lists = st.lists(
    st.tuples(st.integers(min_value=0, max_value=20 * 24 * 60), st.sampled_from(CODES), st.booleans()),
    min_size=1,
    max_size=7,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=attempt_lists, tz=st.sampled_from(ZONES), delay=st.one_of(st.none(), st.integers(0, 20 * 24 * 60)))
def test_every_plan_obeys_the_rules(raw, tz, delay) -> None:  # type: ignore[no-untyped-def]
    minutes = sorted(m for m, _, _ in raw)
    attempts = [
        Attempt(attempted_at=START + dt.timedelta(minutes=m), succeeded=ok and i == len(raw) - 1,
                decline_code="" if ok and i == len(raw) - 1 else code)
        for i, (m, (_, code, ok)) in enumerate(zip(minutes, raw, strict=True))
    ]  # fmt: skip
    as_of = None if delay is None else attempts[-1].attempted_at + dt.timedelta(minutes=delay)
    decision = next_action(_request(attempts, tz=tz, as_of=as_of), PriorScorer())

    failures = [i for i, a in enumerate(attempts) if not a.succeeded]
    if attempts[-1].succeeded or not failures:
        assert decision.action == "stop"
        return
    since_first = attempts[failures[0]:]
    if decision.action == "retry":
        first_failure = attempts[failures[0]].attempted_at
        assert decision.at is not None
        assert decision.at > attempts[-1].attempted_at
        assert as_of is None or decision.at > as_of
        assert decision.at < first_failure + dt.timedelta(days=SEQUENCE_DAYS)
        assert len(since_first) - 1 < MAX_RETRIES  # this retry is at most the 4th
        assert all(decline_class(a.decline_code) != HARD for a in since_first)
        assert 0 <= (decision.probability or 0) <= 1
        assert decision.at.minute == 0 or ZoneInfo(tz).utcoffset(decision.at.replace(tzinfo=None)) is not None
    else:
        assert decision.action == "escalate"
    # Deterministic: the same request, the same answer.
    assert next_action(_request(attempts, tz=tz, as_of=as_of), PriorScorer()) == decision


def test_a_hard_decline_is_escalated_never_retried() -> None:
    decision = next_action(_request([Attempt(START, False, "expired_card")]), PriorScorer())

    assert decision.action == "escalate"
    assert decision.rule == "hard_decline"


def test_after_four_retries_the_case_is_escalated() -> None:
    attempts = [Attempt(START + dt.timedelta(days=d), False, "insufficient_funds") for d in range(5)]

    assert next_action(_request(attempts), PriorScorer()).rule == "retries_exhausted"


def test_after_the_window_the_case_is_escalated() -> None:
    attempts = [Attempt(START, False, "insufficient_funds")]

    decision = next_action(_request(attempts, as_of=START + dt.timedelta(days=14)), PriorScorer())

    assert decision.rule == "window_closed"


def test_prior_waits_after_insufficient_funds_and_retries_transient_errors_soon() -> None:
    funds = next_action(_request([Attempt(START, False, "insufficient_funds")]), PriorScorer())
    transient = next_action(_request([Attempt(START, False, "processing_error")]), PriorScorer())

    assert funds.at is not None
    assert funds.at - START >= dt.timedelta(hours=20)
    assert transient.at is not None
    assert transient.at - START <= dt.timedelta(hours=24)


def test_prior_retries_in_business_hours_of_the_customer() -> None:
    decision = next_action(_request([Attempt(START, False, "do_not_honor")], tz="Asia/Tokyo"), PriorScorer())

    local = decision.at.astimezone(ZoneInfo("Asia/Tokyo"))  # type: ignore[union-attr]
    assert 9 <= local.hour < 17


def test_candidates_are_whole_local_hours_inside_the_window() -> None:
    tz = ZoneInfo("Asia/Kolkata")  # UTC+05:30: local whole hours are :30 in UTC
    moments = candidate_moments(after=START, before=START + dt.timedelta(days=1), tz=tz)

    assert moments[0] > START
    assert all(m.astimezone(tz).minute == 0 for m in moments)
    assert moments[-1] < START + dt.timedelta(days=1)


def _office_hours_history(payers: int = 40) -> dict:
    """Payers whose card works only 9-17 on weekdays in their time zone; retries at random times."""
    rng = random.Random(1)
    history = {}
    for p in range(payers):
        tz = ZoneInfo(rng.choice(ZONES))
        invoices = {}
        for month in range(1, 13):
            first = dt.datetime(2025, month, 1 + p % 27, 3, 0, tzinfo=UTC)
            attempts = []
            for n in range(5):
                at = first if n == 0 else first + dt.timedelta(hours=rng.randint(2, 13 * 24))
                if attempts and at <= attempts[-1].attempted_at:
                    continue
                local = at.astimezone(tz)
                ok = local.weekday() < 5 and 9 <= local.hour < 17 and rng.random() < 0.9
                attempts.append(HistoryAttempt(at, ok, "" if ok else "do_not_honor", f"in-{p}-{month}", 100.0))
                if ok:
                    break
            invoices[f"in-{p}-{month}"] = attempts
        history[f"c{p}"] = (tz, invoices)
    return history


def test_a_model_learns_office_hours_and_the_policy_uses_it() -> None:
    history = _office_hours_history()
    result = dunning_model.train(history, version="7")
    scorer = dunning_model.load(result.artifact)
    tz, invoices = history["c3"]
    profile, _ = customer_profile(invoices, tz)

    decision = next_action(_request([Attempt(START, False, "do_not_honor")], tz=str(tz), profile=profile), scorer)

    assert result.metrics["auc"] > 0.75
    assert 0 < result.metrics["brier"] < 0.25
    assert result.metrics["replay"]["invoices"] > 0
    assert decision.action == "retry"
    local = decision.at.astimezone(tz)  # type: ignore[union-attr]
    assert local.weekday() < 5
    assert 9 <= local.hour < 17
    assert decision.probability is not None
    assert decision.probability > 0.5
    assert decision.top_features  # the features that weighed most, for the audit record


def test_too_little_history_is_refused() -> None:
    history = {"c": (ZoneInfo("UTC"), {"in": [HistoryAttempt(START, True)]})}

    with pytest.raises(dunning_model.NotEnoughHistory):
        dunning_model.train(history, version="1")


def test_a_history_of_fixed_day_3_and_7_retries_leans_on_the_prior_for_the_hour() -> None:
    """Retries always at the first attempt's time of day teach nothing about the hour of a retry
    (it is confounded with the payer): the prior's business-hours factor is blended in fully."""
    rng = random.Random(2)
    history = {}
    for p in range(30):
        first_hour = rng.choice([1, 4, 10, 14, 20])
        invoices = {}
        for month in range(1, 10):
            first = dt.datetime(2025, month, 2 + p % 20, first_hour, 0, tzinfo=UTC)
            attempts = []
            for days in (0, 3, 7):
                at = first + dt.timedelta(days=days)
                ok = days > 0 and rng.random() < 0.4
                attempts.append(HistoryAttempt(at, ok, "" if ok else "insufficient_funds", f"in-{p}-{month}", 50.0))
                if ok:
                    break
            invoices[f"in-{p}-{month}"] = attempts
        history[f"c{p}"] = (ZoneInfo("UTC"), invoices)

    result = dunning_model.train(history, version="1")
    scorer = dunning_model.load(result.artifact)
    decision = next_action(_request([Attempt(START, False, "insufficient_funds")]), scorer)

    assert result.metrics["retries_at_another_hour_share"] == 0.0
    assert result.metrics["prior_hour_weight"] == 1.0
    assert decision.at is not None
    assert 7 <= decision.at.hour < 21  # not at night


def test_a_decision_of_the_prior_names_the_factors_that_weighed_most() -> None:
    """Cold start decisions are audited with their features too: the prior's factors, each as the
    change in probability it made."""
    night = dt.datetime(2026, 4, 7, 1, 0, tzinfo=UTC)  # a Tuesday, 01:00 in the customer's zone
    X = feature_rows_for(night + dt.timedelta(minutes=30), last=night, code="insufficient_funds")

    effects = PriorScorer().explain(X[0])

    assert effects["local_hour"] < 0  # night
    assert effects["hours_since_last_attempt"] < 0  # half an hour after a soft decline
    assert effects["decline_class"] < 0  # soft: below the global rate
    decision = next_action(_request([Attempt(START, False, "insufficient_funds")]), PriorScorer())
    assert decision.top_features


def feature_rows_for(at: dt.datetime, *, last: dt.datetime, code: str):  # type: ignore[no-untyped-def]
    from receivables.dunning.features import Context, feature_rows

    context = Context(tz=ZoneInfo("UTC"), first_failure_at=last, last_attempt_at=last, retry_number=1,
                      last_decline_code=code, amount=100.0, brand="", funding="", profile=Profile())  # fmt: skip
    return feature_rows(context, [at], global_rate=0.35)
