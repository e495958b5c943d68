"""The journal follows the allocated (relative-SSP) schedules: invoices still book AR / deferred
revenue, and at each month end the difference between the plan and the invoice lines' billing-based
schedules is posted against a contract asset (Dr 1150) or contract liability (Cr 2100)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
import time_machine
from django.db.models import Sum

from audit.models import AuditEvent
from contracts.models import ContractLine
from invoicing.drafting.billing_run import billing_run_execute
from invoicing.models import Invoice
from invoicing.services import invoice_finalize
from ledger.models import JournalEntry, JournalLine
from ledger.services import trial_balance
from revrec.allocation_postings import revenue_allocation_post
from revrec.models import RevenueAllocationPosting, RevenueContract, StandaloneSellingPrice
from revrec.selectors import deferred_revenue_waterfall, obligation_roll_forward
from revrec.services import revenue_month_end, revenue_period_close
from tests.factories import ContractFactory

pytestmark = pytest.mark.django_db


def _bill(contract, day: dt.date, callbacks) -> Invoice:
    now = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)
    with time_machine.travel(now, tick=False):
        billing_run_execute(as_of=now, actor="tests")
        invoice = Invoice.objects.filter(contract=contract).order_by("-id").first()
        with callbacks(execute=True):
            invoice_finalize(invoice_id=invoice.pk, actor="tests")
    invoice.refresh_from_db()
    return invoice


def _revenue(first: dt.date, last: dt.date) -> D:
    """Revenue (credit positive) booked in the journal in [first, last]."""
    sums = JournalLine.objects.filter(
        account__code="4000", entry__entry_date__gte=first, entry__entry_date__lte=last
    ).aggregate(d=Sum("debit"), c=Sum("credit"))
    return (sums["c"] or D(0)) - (sums["d"] or D(0))


def _balance(code: str) -> D:
    sums = JournalLine.objects.filter(account__code=code).aggregate(d=Sum("debit"), c=Sum("credit"))
    return (sums["d"] or D(0)) - (sums["c"] or D(0))


def _device_bundle():
    """A year of support at 100.00 a month with a device sold at 120.00 (a discount: it sells for
    480.00 on its own, per the SSP table)."""
    StandaloneSellingPrice.objects.create(product_code="device", currency="USD", amount=D("480"),
                                          effective_from=dt.date(2025, 1, 1))
    contract = ContractFactory(start_date=dt.date(2026, 1, 1), end_date=dt.date(2027, 1, 1), auto_send=False)
    ContractLine.objects.create(contract=contract, code="support", description="Support", charge_model="flat",
                                amount=D("100.00"), billing_timing="in_advance")
    ContractLine.objects.create(contract=contract, code="device", description="Device", charge_model="one_time",
                                amount=D("120.00"), billing_timing="in_advance")
    return contract


def test_discounted_device_gets_its_relative_ssp_share_in_the_journal(django_capture_on_commit_callbacks):
    contract = _device_bundle()
    january = _bill(contract, dt.date(2026, 1, 1), django_capture_on_commit_callbacks)
    assert january.total == D("220.00")
    plan = RevenueContract.objects.get(contract=contract)
    allocation = {o.code: o.allocated_amount for o in plan.obligations.all()}
    # 1,320.00 over SSPs 1,200 (support) and 480 (device): 942.86 / 377.14.
    assert allocation == {"support": D("942.86"), "device": D("377.14")}

    revenue_month_end(month=dt.date(2026, 1, 1))
    # Plan for January: the device on delivery, 377.14, and 31/365 of 942.86 = 80.08 of support.
    # Billing-based: 120.00 device + 100.00 support. The difference, 237.22, is a contract asset.
    posting = RevenueAllocationPosting.objects.get()
    assert (posting.amount, posting.contract_asset, posting.contract_liability) == (
        D("237.22"), D("237.22"), D("0"))
    entry = JournalEntry.objects.get(source_key=posting.journal_source_key)
    assert entry.entry_date == dt.date(2026, 1, 31)
    assert sorted((line.account.code, line.debit, line.credit) for line in entry.lines.all()) == [
        ("1150", D("237.22"), D("0")), ("4000", D("0"), D("237.22"))]
    assert _revenue(dt.date(2026, 1, 1), dt.date(2026, 1, 31)) == D("457.22")  # 377.14 + 80.08
    assert posting.detail["obligations"] == {
        "support": {"allocated": "80.08", "billing_based": "100.00"},
        "device": {"allocated": "377.14", "billing_based": "120.00"},
    }
    assert revenue_allocation_post(revenue_contract_id=plan.pk, month=dt.date(2026, 1, 1)) is None  # once

    _bill(contract, dt.date(2026, 2, 1), django_capture_on_commit_callbacks)
    revenue_month_end(month=dt.date(2026, 2, 1))
    # February: 28/365 of 942.86 = 72.33 against 100.00 billed: 27.67 of the asset is used up.
    february = RevenueAllocationPosting.objects.get(period=dt.date(2026, 2, 1))
    assert (february.amount, february.contract_asset, february.position_after) == (
        D("-27.67"), D("-27.67"), D("209.55"))
    assert _revenue(dt.date(2026, 2, 1), dt.date(2026, 2, 28)) == D("72.33")
    assert _balance("1150") == D("209.55")
    # Billings still go through AR and deferred revenue: 220.00 + 100.00 billed, nothing paid.
    assert _balance("1100") == D("320.00")
    assert AuditEvent.objects.filter(action="revenue_allocation_posted").count() == 2

    # Per obligation: the device is a contract asset (revenue ahead of billing), support a liability.
    roll = {(r.month, r.obligation): r for r in obligation_roll_forward(start=dt.date(2026, 1, 1),
                                                                        end=dt.date(2026, 2, 1))}
    device, support = roll[("2026-01", "device")], roll[("2026-01", "support")]
    assert (device.billed, device.recognised, device.closing) == (D("120.00"), D("377.14"), D("-257.14"))
    assert (support.billed, support.recognised, support.closing) == (D("100.00"), D("80.08"), D("19.92"))
    support = roll[("2026-02", "support")]
    assert (support.opening, support.billed, support.recognised, support.closing) == (
        D("19.92"), D("100.00"), D("72.33"), D("47.59"))
    assert roll[("2026-02", "device")].closing == D("-257.14")
    # The obligations net to the ledger: contract asset 209.55, no deferred revenue left.
    assert sum(r.closing for (m, _o), r in roll.items() if m == "2026-02") == -_balance("1150") - _balance("2100")


def test_the_roll_forward_by_obligation_is_in_the_admin_and_as_csv(client, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import User

    contract = _device_bundle()
    _bill(contract, dt.date(2026, 1, 1), django_capture_on_commit_callbacks)
    revenue_month_end(month=dt.date(2026, 1, 1))
    client.force_login(User.objects.create_superuser("cfo", "cfo@example.test", "x"))
    url = "/admin/ledger/closedperiod/waterfall/"
    page = client.get(url, {"from": "2026-01", "to": "2026-01", "by": "obligation"})
    assert page.status_code == 200
    assert "-257.14" in page.content.decode()
    csv = client.get(url, {"from": "2026-01", "to": "2026-01", "by": "obligation", "format": "csv"})
    lines = csv.content.decode().splitlines()
    assert lines[0] == "month,currency,customer,contract,obligation,opening,billed,credited,recognised,closing"
    assert sorted(lines[1:]) == [
        f"2026-01,USD,{contract.customer.external_id},{contract.external_id},device,0.00,120.00,0.00,377.14,-257.14",
        f"2026-01,USD,{contract.customer.external_id},{contract.external_id},support,0.00,100.00,0.00,80.08,19.92",
    ]


def test_setup_fee_not_distinct_is_spread_over_the_term_and_the_subscription_month_is_its_fee(
    django_capture_on_commit_callbacks,
):
    # 12 months at 100.00 and a 600.00 set-up fee billed up front: the set-up is not distinct, so it
    # is earned over the year by day (January: 31/365). Each obligation is allocated exactly its own
    # price, so the invoice lines' schedules are the revenue: the platform's month is its 100.00 fee
    # (no contract asset or liability from day counts), and no allocation entry is posted.
    contract = ContractFactory(start_date=dt.date(2026, 1, 1), end_date=dt.date(2027, 1, 1), auto_send=False)
    ContractLine.objects.create(contract=contract, code="platform", description="Platform", charge_model="flat",
                                amount=D("100.00"), billing_timing="in_advance")
    ContractLine.objects.create(contract=contract, code="setup", description="Setup fee", charge_model="one_time",
                                amount=D("600.00"), billing_timing="in_advance")
    invoice = _bill(contract, dt.date(2026, 1, 1), django_capture_on_commit_callbacks)
    assert invoice.total == D("700.00")
    issued = JournalEntry.objects.get(source_key=f"invoice:{invoice.pk}:issued")
    assert sorted((line.account.code, line.debit, line.credit) for line in issued.lines.all()) == [
        ("1100", D("700.00"), D("0")), ("2100", D("0"), D("700.00"))]  # all deferred at issue
    plan = RevenueContract.objects.get(contract=contract)
    assert {o.code: (o.list_price, o.allocated_amount) for o in plan.obligations.all()} == {
        "platform": (D("1200.00"), D("1200.00")), "setup": (D("600.00"), D("600.00"))}

    revenue_month_end(month=dt.date(2026, 1, 1))
    # January: platform 100.00, set-up 600 x 31/365 = 50.96.
    assert _revenue(dt.date(2026, 1, 1), dt.date(2026, 1, 31)) == D("150.96")
    _bill(contract, dt.date(2026, 2, 1), django_capture_on_commit_callbacks)
    revenue_month_end(month=dt.date(2026, 2, 1))
    # February: platform 100.00, set-up 600 x 28/365 = 46.03.
    assert _revenue(dt.date(2026, 2, 1), dt.date(2026, 2, 28)) == D("146.03")
    assert not RevenueAllocationPosting.objects.exists()
    assert _balance("1150") == D("0")
    # Deferred revenue: 800.00 billed less 150.96 + 146.03 recognised.
    assert _balance("2100") == D("-503.01")
    waterfall = {r.month: r for r in deferred_revenue_waterfall(
        start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 1), by_customer=False)}
    assert (waterfall["2026-02"].billed, waterfall["2026-02"].recognised) == (D("100.00"), D("146.03"))
    assert waterfall["2026-02"].closing == D("503.01")
    roll = {(r.month, r.obligation): r for r in obligation_roll_forward(start=dt.date(2026, 2, 1),
                                                                        end=dt.date(2026, 2, 1))}
    assert (roll[("2026-02", "setup")].recognised, roll[("2026-02", "setup")].closing) == (
        D("46.03"), D("503.01"))
    assert (roll[("2026-02", "platform")].recognised, roll[("2026-02", "platform")].closing) == (
        D("100.00"), D("0.00"))


def test_evergreen_contract_is_recognised_per_billed_period(django_capture_on_commit_callbacks):
    contract = ContractFactory(start_date=dt.date(2026, 1, 1), auto_send=False)
    ContractLine.objects.create(contract=contract, code="platform", description="Platform", charge_model="flat",
                                amount=D("100.00"), billing_timing="in_advance")
    _bill(contract, dt.date(2026, 1, 1), django_capture_on_commit_callbacks)
    revenue_month_end(month=dt.date(2026, 1, 1))
    assert not RevenueAllocationPosting.objects.exists()
    assert _revenue(dt.date(2026, 1, 1), dt.date(2026, 1, 31)) == D("100.00")


def test_closing_a_month_posts_the_allocation_and_the_trial_balance_shows_the_contract_asset(
    django_capture_on_commit_callbacks,
):
    contract = _device_bundle()
    _bill(contract, dt.date(2026, 1, 1), django_capture_on_commit_callbacks)
    revenue_period_close(month=dt.date(2026, 1, 1), actor="cfo")
    rows = trial_balance(month=dt.date(2026, 1, 1))["USD"]
    usd = {row["account"]: row["balance"] for row in rows if row["balance"]}
    assert usd == {"1100": D("220.00"), "1150": D("237.22"), "4000": D("-457.22")}
    assert sum(usd.values()) == 0


def _implementation_contract():
    from revrec.obligations import revenue_contract_ensure

    contract = ContractFactory(start_date=dt.date(2026, 1, 1), end_date=dt.date(2027, 1, 1))
    ContractLine.objects.create(contract=contract, code="platform", description="Platform", charge_model="flat",
                                amount=D("100.00"), billing_timing="in_advance")
    ContractLine.objects.create(contract=contract, code="setup", description="Implementation", charge_model="one_time",
                                amount=D("1200.00"), billing_timing="in_advance")
    revenue_contract_ensure(contract_id=contract.pk)
    return contract


def test_catch_up_is_posted_in_the_month_of_the_modification_and_an_override_reverses_it():
    from contracts.services import amendment_apply, amendment_approve, amendment_create
    from revrec.models import RevenueModification
    from revrec.obligations import revenue_modification_record, revenue_modification_treatment_set

    contract = _implementation_contract()
    # On July 1 a second implementation phase (600.00) is added: not distinct from the first, which
    # is partly performed, so by default a cumulative catch-up (ASC 606-10-25-13b).
    amendment = amendment_create(contract=contract, effective_date=dt.date(2026, 7, 1), changes=[
        {"type": "end_line", "line": "setup"},
        {"type": "add_line", "line_data": {"code": "setup2", "description": "Implementation phase 2",
                                           "charge_model": "one_time", "amount": "600.00",
                                           "billing_timing": "in_advance"}}])
    amendment_approve(amendment_id=amendment.pk, actor="admin")
    amendment_apply(amendment_id=amendment.pk)
    modification = revenue_modification_record(amendment_id=amendment.pk)
    assert modification.treatment == "cumulative_catch_up"
    # Replayed from inception, phase 2 is earned over the year by day; January to June would have
    # earned 50.96 + 46.03 + 50.96 + 49.32 + 50.96 + 49.32 = 297.55, booked at once on July 1.
    posting = RevenueAllocationPosting.objects.get(modification=modification)
    assert (posting.reason, posting.amount, posting.entry_date) == ("catch_up", D("297.55"), dt.date(2026, 7, 1))
    entry = JournalEntry.objects.get(source_key=posting.journal_source_key)
    assert entry.entry_date == dt.date(2026, 7, 1)
    assert sorted((line.account.code, line.debit, line.credit) for line in entry.lines.all()) == [
        ("1150", D("297.55"), D("0")), ("4000", D("0"), D("297.55"))]
    event = AuditEvent.objects.get(action="modification_catch_up_posted")
    assert event.inputs["treatment"] == event.inputs["default_treatment"] == "cumulative_catch_up"
    assert event.inputs["catch_up"] == {"setup2": "297.55"}
    assert (event.outcome["posted"], event.outcome["entry_date"]) == ("297.55", "2026-07-01")
    assert revenue_modification_record(amendment_id=amendment.pk) == modification
    assert RevenueAllocationPosting.objects.count() == 1  # once

    # A billing admin decides it is prospective: the catch-up is reversed, in the same month.
    revenue_modification_treatment_set(modification_id=modification.pk, treatment="prospective", actor="admin")
    reversal = RevenueAllocationPosting.objects.filter(modification=modification).latest("id")
    assert (reversal.amount, reversal.contract_asset, reversal.entry_date) == (
        D("-297.55"), D("-297.55"), dt.date(2026, 7, 1))
    assert _balance("1150") == D("0")
    assert _balance("4000") == D("0")
    assert RevenueModification.objects.get().treatment == "prospective"
    assert AuditEvent.objects.filter(action="modification_catch_up_posted").count() == 2


def test_catch_up_into_a_closed_month_lands_in_the_next_open_one_with_a_note():
    from contracts.services import amendment_apply, amendment_approve, amendment_create
    from ledger.services import period_close
    from revrec.obligations import revenue_modification_record

    contract = _implementation_contract()
    period_close(month=dt.date(2026, 7, 1), actor="cfo")
    amendment = amendment_create(contract=contract, effective_date=dt.date(2026, 7, 1), changes=[
        {"type": "end_line", "line": "setup"},
        {"type": "add_line", "line_data": {"code": "setup2", "description": "Implementation phase 2",
                                           "charge_model": "one_time", "amount": "600.00",
                                           "billing_timing": "in_advance"}}])
    amendment_approve(amendment_id=amendment.pk, actor="admin")
    amendment_apply(amendment_id=amendment.pk)
    modification = revenue_modification_record(amendment_id=amendment.pk)
    posting = RevenueAllocationPosting.objects.get(modification=modification)
    assert (posting.period, posting.entry_date) == (dt.date(2026, 7, 1), dt.date(2026, 8, 1))
    entry = JournalEntry.objects.get(source_key=posting.journal_source_key)
    assert entry.memo.endswith("[belongs to 2026-07-01, period 2026-07 closed]")


def test_a_bundle_of_lines_is_one_obligation_recognised_over_the_service(client, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Group, User

    from access import roles
    from revrec.models import PerformanceObligation

    contract = _device_bundle()
    _bill(contract, dt.date(2026, 1, 1), django_capture_on_commit_callbacks)
    plan = RevenueContract.objects.get(contract=contract)
    # The device only works with the support service: a billing admin bundles them in the admin.
    admin_user = User.objects.create_user(username="billing-admin", password="x", is_staff=True)
    admin_user.groups.add(Group.objects.get(name=roles.BILLING_ADMIN))
    client.force_login(admin_user)
    response = client.post("/admin/revrec/performanceobligation/", {
        "action": "bundle", "_selected_action": [o.pk for o in plan.obligations.all()]})
    assert response.status_code == 302
    bundle = PerformanceObligation.objects.get(revenue_contract=plan)
    assert (bundle.code, bundle.kind, bundle.ssp, bundle.allocated_amount) == (
        "support+device", "ratable", D("1680.00"), D("1320.00"))
    assert (bundle.start, bundle.end) == (dt.date(2026, 1, 1), dt.date(2027, 1, 1))
    assert AuditEvent.objects.get(action="obligations_bundled").actor == "billing-admin"

    revenue_month_end(month=dt.date(2026, 1, 1))
    # One obligation over the year: 1,320 x 31/365 = 112.11 in January; the device is no longer
    # revenue on delivery. Billing-based 220.00: 107.89 stays deferred (a contract liability).
    assert _revenue(dt.date(2026, 1, 1), dt.date(2026, 1, 31)) == D("112.11")
    posting = RevenueAllocationPosting.objects.get()
    assert (posting.amount, posting.contract_asset, posting.contract_liability) == (
        D("-107.89"), D("0"), D("107.89"))

    client.post("/admin/revrec/performanceobligation/", {"action": "unbundle", "_selected_action": [bundle.pk]})
    assert {o.code: o.allocated_amount for o in plan.obligations.all()} == {
        "support": D("942.86"), "device": D("377.14")}


def test_a_credit_note_still_reduces_revenue_on_top_of_the_allocation_and_the_monthly_job_posts(
    django_capture_on_commit_callbacks,
):
    from invoicing.credit_notes.services import credit_note_issue
    from revrec.selectors import obligation_roll_forward
    from revrec.tasks import revenue_usage_accrue_task

    contract = _device_bundle()
    invoice = _bill(contract, dt.date(2026, 1, 1), django_capture_on_commit_callbacks)
    support_line = invoice.lines.get(line_code="support")
    with (
        time_machine.travel(dt.datetime(2026, 1, 15, 12, tzinfo=dt.UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        credit_note_issue(invoice_id=invoice.pk, lines=[{"invoice_line_id": support_line.pk, "amount": "50.00"}],
                          reason="service_issue", actor="tests")
    from revrec.services import revenue_recognize_due

    with time_machine.travel(dt.datetime(2026, 2, 1, 13, tzinfo=dt.UTC), tick=False):
        revenue_recognize_due(as_of=dt.date(2026, 2, 1))
        revenue_usage_accrue_task.delay()  # the job on the 1st: last month's usage, then the allocation
    posting = RevenueAllocationPosting.objects.get()
    assert (posting.period, posting.amount) == (dt.date(2026, 1, 1), D("237.22"))
    # January: the plan's 457.22 less the 50.00 credited (not yet earned, so taken off the deferred
    # support slice, which recognised 50.00 instead of 100.00).
    assert _revenue(dt.date(2026, 1, 1), dt.date(2026, 1, 31)) == D("407.22")
    roll = {r.obligation: r for r in obligation_roll_forward(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 1))}
    support = roll["support"]
    assert (support.billed, support.credited, support.recognised, support.closing) == (
        D("100.00"), D("50.00"), D("30.08"), D("19.92"))
    assert roll["device"].closing == D("-257.14")
    assert sum(r.closing for r in roll.values()) == -_balance("1150") - _balance("2100")
