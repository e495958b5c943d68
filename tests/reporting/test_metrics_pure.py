from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reporting.metrics import convert, dso, mrr_by_customer, mrr_movements, service_months

JAN, FEB, MAR = dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [(dt.date(2026, 2, 1), dt.date(2026, 3, 1), 1), (dt.date(2026, 3, 5), dt.date(2026, 4, 5), 1),
     (dt.date(2026, 1, 1), dt.date(2026, 4, 1), 3), (dt.date(2026, 1, 1), dt.date(2027, 1, 1), 12),
     (dt.date(2026, 3, 10), dt.date(2026, 3, 20), 1)],
)
def test_service_months(start: dt.date, end: dt.date, months: int) -> None:
    assert service_months(start, end) == months


def test_an_annual_line_gives_a_twelfth_to_each_month() -> None:
    mrr = mrr_by_customer([(1, "USD", JAN, dt.date(2027, 1, 1), D("1200.00"))], months=[JAN, FEB, MAR])
    assert [mrr[("USD", m)][1] for m in (JAN, FEB, MAR)] == [D(100), D(100), D(100)]


def test_a_monthly_period_counts_in_the_month_it_starts() -> None:
    mrr = mrr_by_customer([(1, "USD", dt.date(2026, 1, 5), dt.date(2026, 2, 5), D("50"))], months=[JAN, FEB])
    assert mrr[("USD", JAN)][1] == D(50)
    assert ("USD", FEB) not in mrr


def test_movements_by_customer() -> None:
    m = mrr_movements({1: D(100), 2: D(50), 3: D(80)}, {1: D(150), 2: D(20), 4: D(10)})
    assert (m.new, m.expansion, m.contraction, m.churn) == (D(10), D(50), D(30), D(80))
    assert (m.new_customers, m.churned_customers) == (1, 1)


amounts = st.dictionaries(st.integers(1, 20), st.decimals(min_value=0, max_value=10**6, places=2), max_size=15)


@given(amounts, amounts)
def test_movements_explain_the_whole_change(before: dict[int, D], after: dict[int, D]) -> None:
    m = mrr_movements(before, after)
    assert m.starting + m.new + m.expansion - m.contraction - m.churn == m.ending
    assert min(m.new, m.expansion, m.contraction, m.churn) >= 0


def test_dso() -> None:
    assert dso(receivable=D(500), billed=D(4500), days=90) == D(10)
    assert dso(receivable=D(500), billed=D(0), days=90) is None


def test_convert_uses_the_rate_in_force_and_goes_through_the_base() -> None:
    rates = {"EUR": [(JAN, D("1.10")), (MAR, D("1.20"))], "GBP": [(JAN, D("1.25"))]}
    assert convert(D(100), currency="EUR", target="USD", base="USD", rates=rates, day=dt.date(2026, 2, 28)) == D(110)
    assert convert(D(100), currency="EUR", target="USD", base="USD", rates=rates, day=dt.date(2026, 3, 31)) == D(120)
    assert convert(D(120), currency="USD", target="EUR", base="USD", rates=rates, day=MAR) == D(100)
    gbp_in_eur = convert(D(125), currency="GBP", target="EUR", base="USD", rates=rates, day=MAR)
    assert gbp_in_eur == D(125) * D("1.25") / D("1.20")
    assert convert(D(1), currency="EUR", target="USD", base="USD", rates=rates, day=dt.date(2025, 12, 31)) is None
    assert convert(D(7), currency="JPY", target="JPY", base="USD", rates=rates, day=MAR) == D(7)
