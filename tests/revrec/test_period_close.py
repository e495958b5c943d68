"""Month close (CFO or billing admin), postings redirected from a closed month, the trial balance
per currency, the deferred revenue waterfall, and the revenue admin screens."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.urls import reverse

from access import roles
from invoicing.drafting.billing_run import billing_run_execute
from invoicing.models import Invoice
from invoicing.services import invoice_finalize
from ledger.models import ClosedPeriod, JournalEntry
from ledger.services import PeriodCloseError, Posting, journal_entry_post, trial_balance
from revrec.models import RevenueScheduleEntry, StandaloneSellingPrice
from revrec.obligations import revenue_contract_ensure
from revrec.selectors import deferred_revenue_waterfall, obligation_deferred_balances
from revrec.services import revenue_period_close
from tests.factories import ContractFactory, FlatLineFactory

pytestmark = pytest.mark.django_db
MARCH_5 = dt.datetime(2026, 3, 5, 12, 0, tzinfo=dt.UTC)


def _platform_invoice(callbacks) -> Invoice:
    """$1,000.00 platform fee for [Mar 5, Apr 5), billed in advance on Mar 5: deferred, ratable by day."""
    contract = ContractFactory(auto_send=False, start_date=dt.date(2026, 3, 5))
    FlatLineFactory(contract=contract, amount=D("1000.00"))
    with time_machine.travel(MARCH_5, tick=False):
        billing_run_execute(as_of=MARCH_5, actor="tests")
        invoice = Invoice.objects.get(contract=contract)
        with callbacks(execute=True):
            invoice_finalize(invoice_id=invoice.pk, actor="tests")
    invoice.refresh_from_db()
    return invoice


def _staff_in(role: str) -> User:
    user = User.objects.create_user(username=role.lower().replace(" ", "-"), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def test_closing_march_recognises_its_slice_on_march_31_and_redirects_later_postings(
    django_capture_on_commit_callbacks,
):
    invoice = _platform_invoice(django_capture_on_commit_callbacks)
    period = revenue_period_close(month=dt.date(2026, 3, 1), actor="cfo")
    assert period.month == dt.date(2026, 3, 1)
    # 27 of 31 days: 1,000 x 27/31 = 870.97, dated inside March (it used to land on Apr 1).
    march = RevenueScheduleEntry.objects.get(invoice=invoice, period_start=dt.date(2026, 3, 5))
    assert (march.amount, march.recognized_on) == (D("870.97"), dt.date(2026, 3, 31))
    assert JournalEntry.objects.get(source_key=march.journal_source_key).entry_date == dt.date(2026, 3, 31)

    late = journal_entry_post(
        source_key="manual:1", entry_date=dt.date(2026, 3, 20), memo="Late correction", currency="USD",
        postings=[Posting("4000", debit=D("5")), Posting("2100", credit=D("5"))],
    )
    assert late.entry_date == dt.date(2026, 4, 1)
    assert late.memo == "Late correction [belongs to 2026-03-20, period 2026-03 closed]"

    with pytest.raises(PeriodCloseError, match="already closed"):
        revenue_period_close(month=dt.date(2026, 3, 15), actor="cfo")
    with pytest.raises(PeriodCloseError, match="Close 2026-04 first"):
        revenue_period_close(month=dt.date(2026, 5, 1), actor="cfo")


def test_trial_balance_per_currency_balances_and_the_waterfall_ties_to_it(django_capture_on_commit_callbacks):
    invoice = _platform_invoice(django_capture_on_commit_callbacks)
    revenue_period_close(month=dt.date(2026, 3, 1), actor="cfo")
    balances = trial_balance(month=dt.date(2026, 3, 1))
    usd = {row["account"]: row["balance"] for row in balances["USD"]}
    assert sum(usd.values()) == 0
    assert usd == {"1100": D("1000.00"), "2100": D("-129.03"), "4000": D("-870.97")}

    rows = deferred_revenue_waterfall(start=dt.date(2026, 3, 1), end=dt.date(2026, 4, 1))
    assert [(r.month, r.opening, r.billed, r.recognised, r.credited, r.closing) for r in rows] == [
        ("2026-03", D(0), D("1000.00"), D("870.97"), D(0), D("129.03")),
        ("2026-04", D("129.03"), D(0), D(0), D(0), D("129.03")),  # April's slice not yet recognised
    ]
    assert rows[0].customer == invoice.customer.external_id
    assert obligation_deferred_balances(as_of=dt.date(2026, 4, 1)) == [
        {"customer": invoice.customer.external_id, "currency": "USD", "obligation": "platform",
         "deferred": D("129.03")}
    ]


def test_cfo_closes_a_month_in_the_admin_and_an_ar_analyst_cannot(client, django_capture_on_commit_callbacks):
    _platform_invoice(django_capture_on_commit_callbacks)
    add = reverse("admin:ledger_closedperiod_add")
    client.force_login(_staff_in(roles.AR_ANALYST))
    assert client.get(add).status_code == 403
    client.force_login(_staff_in(roles.CFO))
    assert client.get(add).status_code == 200
    response = client.post(add, {"month": "2026-03-17", "note": "March close"}, follow=True)
    assert response.status_code == 200
    assert ClosedPeriod.objects.get().month == dt.date(2026, 3, 1)
    assert ClosedPeriod.objects.get().closed_by == "cfo"


def test_revenue_screens_render_for_a_billing_admin(client, django_capture_on_commit_callbacks):
    invoice = _platform_invoice(django_capture_on_commit_callbacks)
    StandaloneSellingPrice.objects.create(product_code="platform", currency="USD", amount=D("900"),
                                          effective_from=dt.date(2026, 1, 1))
    plan = revenue_contract_ensure(contract_id=invoice.contract_id)
    client.force_login(_staff_in(roles.BILLING_ADMIN))
    base = "/admin/ledger/closedperiod/"
    waterfall = client.get(base + "waterfall/", {"from": "2026-03", "to": "2026-04"})
    assert waterfall.status_code == 200
    assert "1000.00" in waterfall.content.decode()
    csv = client.get(base + "waterfall/", {"from": "2026-03", "to": "2026-04", "format": "csv"})
    assert csv["Content-Type"] == "text/csv"
    assert csv.content.decode().splitlines()[0] == "month,currency,customer,opening,billed,recognised,credited,closing"
    assert client.get(base + "waterfall/", {"to": "2026-04", "by": "obligation"}).status_code == 200
    trial = client.get(base + "trial-balance/", {"period": "2026-03"})
    assert trial.status_code == 200
    assert "Total" in trial.content.decode()
    for url in (
        reverse("admin:revrec_standalonesellingprice_changelist"),
        reverse("admin:revrec_standalonesellingprice_add"),
        reverse("admin:revrec_revenuecontract_change", args=[plan.pk]),
        reverse("admin:revrec_performanceobligation_changelist"),
        reverse("admin:revrec_usageaccrual_changelist"),
        reverse("admin:revrec_revenuemodification_changelist"),
    ):
        assert client.get(url).status_code == 200, url


def test_only_the_cfo_reopens_the_latest_closed_month_with_a_reason_and_it_is_audited(
    client, django_capture_on_commit_callbacks,
):
    from audit.models import AuditEvent
    from ledger.services import period_reopen

    _platform_invoice(django_capture_on_commit_callbacks)
    march = revenue_period_close(month=dt.date(2026, 3, 1), actor="cfo")
    april = revenue_period_close(month=dt.date(2026, 4, 1), actor="cfo")
    with pytest.raises(PeriodCloseError, match="Reopen 2026-04 first"):
        period_reopen(month=dt.date(2026, 3, 1), actor="cfo", reason="Late invoice")
    with pytest.raises(PeriodCloseError, match="reason is required"):
        period_reopen(month=dt.date(2026, 4, 1), actor="cfo", reason="  ")

    # A billing admin closes months but cannot reopen one.
    client.force_login(_staff_in(roles.BILLING_ADMIN))
    assert client.get(f"/admin/ledger/closedperiod/{april.pk}/reopen/").status_code == 403
    client.force_login(_staff_in(roles.CFO))
    page = client.get(f"/admin/ledger/closedperiod/{april.pk}/reopen/")
    assert page.status_code == 200
    assert client.post(f"/admin/ledger/closedperiod/{april.pk}/reopen/", {"reason": ""}).status_code == 200
    assert ClosedPeriod.objects.filter(month=dt.date(2026, 4, 1)).exists()  # no reason, not reopened
    response = client.post(f"/admin/ledger/closedperiod/{april.pk}/reopen/",
                           {"reason": "Usage correction from the provider"})
    assert response.status_code == 302
    assert list(ClosedPeriod.objects.values_list("month", flat=True)) == [march.month]
    event = AuditEvent.objects.get(action="period_reopened")
    assert (event.actor, event.inputs["month"], event.inputs["reason"]) == (
        "cfo", "2026-04-01", "Usage correction from the provider")
    assert event.inputs["closed"]["closed_by"] == "cfo"
    # April is open again: an entry dated in it stays in it.
    entry = journal_entry_post(
        source_key="manual:april", entry_date=dt.date(2026, 4, 20), memo="Correction", currency="USD",
        postings=[Posting("4000", debit=D("5")), Posting("2100", credit=D("5"))],
    )
    assert entry.entry_date == dt.date(2026, 4, 20)
