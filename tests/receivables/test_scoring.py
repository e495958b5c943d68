from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from receivables.dunning.scoring import RETRY_PLANS, SEQUENCE_DAYS, ScoreInputs, score


def _inputs(**overrides):
    base = {"invoices_paid": 0, "failed_attempts": 0, "tenure_days": 0, "invoice_amount": Decimal("720"),
            "median_invoice_amount": None, "usage_ratio": None}
    return ScoreInputs(**{**base, **overrides})


def test_a_strong_payer_is_retried_on_day_2():
    result = score(_inputs(invoices_paid=11, tenure_days=400, median_invoice_amount=Decimal(700),
                           usage_ratio=Decimal("1.2")))
    assert result.band == "high"
    assert result.retry_days[0] == 2


def test_repeated_failures_lower_the_score_and_delay_the_retry():
    good = score(_inputs(invoices_paid=6, tenure_days=200))
    bad = score(_inputs(invoices_paid=6, tenure_days=200, failed_attempts=5))
    assert bad.value < good.value
    assert bad.retry_days[0] > 2


@given(st.integers(0, 50), st.integers(0, 50), st.integers(0, 5000),
       st.decimals(min_value=1, max_value=10**6, places=2), st.decimals(min_value=1, max_value=10**6, places=2))
def test_score_is_a_probability_and_plans_stay_within_the_sequence(paid, failed, tenure, amount, median):
    result = score(_inputs(invoices_paid=paid, failed_attempts=failed, tenure_days=tenure, invoice_amount=amount,
                           median_invoice_amount=median))
    assert Decimal(0) <= result.value <= Decimal(1)
    assert result.retry_days == RETRY_PLANS[result.band]
    assert max(result.retry_days) <= SEQUENCE_DAYS


@given(st.integers(0, 12), st.integers(0, 5))
def test_more_failures_never_raise_the_score(paid, failed):
    assert score(_inputs(invoices_paid=paid, failed_attempts=failed + 1)).value <= score(
        _inputs(invoices_paid=paid, failed_attempts=failed)).value
