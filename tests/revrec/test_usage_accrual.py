"""The seed's $720 is revenue of the months its calls were made in: March's calls are accrued at
March's end (Dr 1150 / Cr Revenue on Mar 31), the April 5 invoice books the period and reverses the
accrual, and the reconciliation ties out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db.models import Sum

from ledger.models import JournalLine
from revrec.accruals import revenue_usage_accrue
from revrec.models import RevenueScheduleEntry, UsageAccrual
from revrec.tasks import revenue_usage_accrue_task
from tests.e2e.test_seed_flow import APRIL_5_NOON, BEFORE_CLOSE, _send_calls, _setup

pytestmark = pytest.mark.django_db(transaction=True)
D = Decimal
# Calls are spread evenly over [Mar 5 00:00, Apr 5 00:00) New York (743 hours); those before Apr 1
# 00:00 New York (647 hours) are March's: 156,743 of 180,000 -> 626.972 -> 626.97; April 93.03.
MARCH = D("626.97")


def _revenue_by_month() -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    lines = JournalLine.objects.filter(account__code="4000").values("entry__entry_date", "debit", "credit")
    for line in lines:
        month = line["entry__entry_date"].strftime("%Y-%m")
        out[month] = out.get(month, D(0)) + line["credit"] - line["debit"]
    return out


def _balance(code: str) -> Decimal:
    sums = JournalLine.objects.filter(account__code=code).aggregate(d=Sum("debit"), c=Sum("credit"))
    return (sums["d"] or D(0)) - (sums["c"] or D(0))


def test_seed_usage_is_accrued_in_march_and_reversed_by_the_april_invoice(api):
    with time_machine.travel(BEFORE_CLOSE, tick=False):
        _setup(api, card=None)
        _send_calls(api, 180_000)

    with time_machine.travel(dt.datetime(2026, 4, 1, 13, 0, tzinfo=dt.UTC), tick=False):
        assert revenue_usage_accrue_task() == 1  # the scheduled job: last month
        assert revenue_usage_accrue_task() == 0  # idempotent
    accrual = UsageAccrual.objects.get()
    assert (accrual.amount, accrual.accrued_on, accrual.window_start, accrual.through) == (
        MARCH,
        dt.date(2026, 3, 31),
        dt.date(2026, 3, 5),
        dt.date(2026, 4, 1),
    )
    assert _revenue_by_month() == {"2026-03": MARCH}
    assert _balance("1150") == MARCH

    with time_machine.travel(APRIL_5_NOON, tick=False):
        run = api.post("/api/v1/billing-runs", {"as_of": "2026-04-05T12:00:00Z"}, format="json")
        assert run.json()["invoices_created"] == 1

    accrual.refresh_from_db()
    assert accrual.reversed_on == dt.date(2026, 4, 5)
    # March keeps what was earned in it; April gets the rest; the unbilled receivable is cleared.
    assert _revenue_by_month() == {"2026-03": MARCH, "2026-04": D("720.00") - MARCH}
    assert _balance("1150") == 0
    schedule = RevenueScheduleEntry.objects.filter(is_cancelled=False).order_by("period_start")
    assert [(e.period_start, e.period_end, e.amount, e.recognized_on) for e in schedule] == [
        (dt.date(2026, 3, 5), dt.date(2026, 4, 1), MARCH, dt.date(2026, 3, 31)),
        (dt.date(2026, 4, 1), dt.date(2026, 4, 5), D("93.03"), dt.date(2026, 4, 5)),
    ]
    report = api.get("/api/v1/reports/reconciliation", {"period": "2026-03"}).json()
    assert report["total"]["billed"] == "720.00"
    assert report["total"]["recognized"] == "720.00"
    assert report["total"]["unbilled_receivable"] == "0.00"
    assert report["findings"] == []


def test_accrual_run_after_the_invoice_still_dates_revenue_in_its_month(api):
    with time_machine.travel(BEFORE_CLOSE, tick=False):
        _setup(api, card=None)
        _send_calls(api, 18_000)
    with time_machine.travel(APRIL_5_NOON, tick=False):
        api.post("/api/v1/billing-runs", {"as_of": "2026-04-05T12:00:00Z"}, format="json")
    # 18,000 calls: 72.00 of usage plus a 128.00 minimum line; March's calls 15,675 -> 62.70.
    created = revenue_usage_accrue(month=dt.date(2026, 3, 1))
    assert [a.amount for a in created] == [D("62.70")]
    assert created[0].reversed_on is None
    accrual = UsageAccrual.objects.get()
    assert accrual.reversed_on == dt.date(2026, 4, 5)  # settled at once against the issued invoice
    assert _revenue_by_month() == {"2026-03": D("62.70"), "2026-04": D("200.00") - D("62.70")}
    assert _balance("1150") == 0


def test_the_revenue_plan_shows_usage_in_the_months_it_was_earned(api):
    from revrec.models import PerformanceObligation

    with time_machine.travel(BEFORE_CLOSE, tick=False):
        _setup(api, card=None)
        _send_calls(api, 18_000)
    revenue_usage_accrue(month=dt.date(2026, 3, 1))
    with time_machine.travel(APRIL_5_NOON, tick=False):
        api.post("/api/v1/billing-runs", {"as_of": "2026-04-05T12:00:00Z"}, format="json")
    usage = PerformanceObligation.objects.get(code="api", kind="usage")
    assert [(e.period, e.amount) for e in usage.schedule.order_by("on")] == [
        # March's calls; April: its calls (9.30) and the 128.00 minimum shortfall, both of this obligation.
        ("2026-03", D("62.70")), ("2026-04", D("137.30"))]
