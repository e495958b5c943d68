from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reporting.aging import BUCKETS, Threshold, bucket_for, bucket_totals, days_overdue, flags_for


@pytest.mark.parametrize(
    ("days", "bucket"),
    [(-5, "current"), (0, "current"), (1, "1-30"), (30, "1-30"), (31, "31-60"), (60, "31-60"), (61, "61-90"),
     (90, "61-90"), (91, "90+"), (400, "90+")],
)
def test_bucket_edges(days: int, bucket: str) -> None:
    assert bucket_for(days) == bucket


def test_days_overdue_counts_from_the_due_date() -> None:
    assert days_overdue(due_date=dt.date(2026, 3, 31), as_of=dt.date(2026, 4, 1)) == 1
    assert days_overdue(due_date=dt.date(2026, 3, 31), as_of=dt.date(2026, 3, 31)) == 0


def test_threshold_needs_every_condition_that_is_set() -> None:
    big_and_late = Threshold(id=1, name="big", min_amount=D("1000"), currency="USD", min_days_overdue=30)
    only_acme = Threshold(id=2, name="acme", customer_id=7)
    args = {"amount_due": D("1500"), "currency": "USD", "days": 45, "customer_id": 7}
    assert flags_for([big_and_late, only_acme], **args) == ["big", "acme"]
    assert flags_for([big_and_late], **{**args, "currency": "EUR"}) == []
    assert flags_for([big_and_late], **{**args, "days": 29}) == []
    assert flags_for([big_and_late], **{**args, "amount_due": D("999.99")}) == []
    assert flags_for([only_acme], **{**args, "customer_id": 8}) == []


@given(st.lists(st.tuples(st.sampled_from(["USD", "EUR"]), st.integers(-10, 200),
                          st.decimals(min_value=0, max_value=10**6, places=2)), max_size=40))
def test_bucket_totals_add_up_per_currency(rows: list[tuple[str, int, D]]) -> None:
    totals = bucket_totals((c, bucket_for(d), a) for c, d, a in rows)
    for currency, t in totals.items():
        assert set(t.buckets) == set(BUCKETS)
        assert t.total == sum((a for c, _, a in rows if c == currency), D(0))
        assert t.count == sum(1 for c, _, _ in rows if c == currency)
