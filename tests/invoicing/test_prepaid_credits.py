"""Prepaid credits, the seed's "$50,000 in prepaid API credits drawn down per request" with small
numbers: 1,000.00 of credit bought for 900.00, 300 API calls a month at $1.00."""

from __future__ import annotations

import datetime as dt
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction

from contracts.models import Contract
from invoicing.drafting import prepaid_credits as credits
from invoicing.drafting.billing_run import billing_run_execute
from invoicing.drafting.periods import due_line_periods, rate_line_periods
from invoicing.drafting.prepaid_credits import credit_apply_to_draft, credit_balance, credit_grants_expire_due
from invoicing.drafting.recurring import contract_bill_due, invoice_create
from invoicing.models import CreditGrant, CreditLedgerEntry, Invoice
from metering.selectors import meters_by_code
from metering.services import usage_events_record
from tests.factories import ContractFactory, CustomerFactory, MeterFactory
from tests.invoicing.factories import MeteredLineFactory, PrepaidCreditLineFactory

D = Decimal
START = dt.date(2026, 1, 1)


def _contract(*, months_of_usage: int = 6, calls: int = 300, **credit_line: object) -> Contract:
    MeterFactory()
    customer = CustomerFactory(external_id="acme")
    contract = ContractFactory(customer=customer, start_date=START, auto_send=False)
    PrepaidCreditLineFactory(contract=contract, **credit_line)
    MeteredLineFactory(contract=contract)
    for month in range(months_of_usage):
        at = dt.datetime(2026, 1 + month, 10, 12, 0, tzinfo=dt.UTC)
        result = usage_events_record(
            events=[
                {"idempotency_key": f"m{month}", "customer": "acme", "metric": "api_calls",
                 "timestamp": at.isoformat(), "quantity": str(calls)}
            ],
            now=at,
        )
        assert not result.rejected
    return contract


def _bill(contract: Contract, day: dt.date) -> list[Invoice]:
    as_of = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    created, _ = contract_bill_due(contract=Contract.objects.get(pk=contract.pk), as_of=as_of)
    return created


def _rows(invoice: Invoice) -> list[tuple[str, str, str]]:
    return [(line.kind, line.description, f"{line.amount:.2f}") for line in invoice.lines.order_by("position")]


def _invoice(contract: Contract, day: dt.date) -> Invoice:
    return Invoice.objects.get(contract=contract, kind="recurring", billing_date=day)


@pytest.mark.django_db
def test_usage_draws_the_pool_down_then_overage_is_billed():
    contract = _contract()
    for month in range(1, 7):
        _bill(contract, dt.date(2026, month, 1))

    purchase = _invoice(contract, dt.date(2026, 1, 1))
    assert _rows(purchase) == [("fixed", "Prepaid API credits: $1,000.00 prepaid credit", "900.00")]
    assert purchase.total == D("900.00")
    grant = CreditGrant.objects.get()
    assert (grant.amount, grant.price, grant.granted_on, grant.source_invoice) == (
        D("1000"), D("900"), START, purchase
    )

    # Three months draw 300 each and bill nothing; the fourth draws the last 100 and bills 200.
    expected = [
        (dt.date(2026, 2, 1), "300.00", "$700.00", "0.00"),
        (dt.date(2026, 3, 1), "300.00", "$400.00", "0.00"),
        (dt.date(2026, 4, 1), "300.00", "$100.00", "0.00"),
        (dt.date(2026, 5, 1), "100.00", "$0.00", "200.00"),
    ]
    for day, drawn, left, total in expected:
        invoice = _invoice(contract, day)
        assert _rows(invoice) == [
            ("usage", "300 API calls x $1.00", "300.00"),
            ("credit", f"Prepaid credit applied (balance {left} left)", f"-{drawn}"),
        ]
        assert (f"{invoice.subtotal:.2f}", f"{invoice.total:.2f}") == (total, total)
    # Used up: June is all overage, with no credit line.
    june = _invoice(contract, dt.date(2026, 6, 1))
    assert _rows(june) == [("usage", "300 API calls x $1.00", "300.00")]

    grant.refresh_from_db()
    assert grant.balance == D("0")
    entries = list(CreditLedgerEntry.objects.filter(grant=grant).order_by("id"))
    assert [(e.kind, e.amount, e.balance_after) for e in entries] == [
        ("grant", D("1000"), D("1000")),
        ("drawdown", D("-300"), D("700")),
        ("drawdown", D("-300"), D("400")),
        ("drawdown", D("-300"), D("100")),
        ("drawdown", D("-100"), D("0")),
    ]
    assert sum(e.amount for e in entries) == grant.balance
    # Billed in total: 900 for the credit + 200 + 300 overage.
    assert sum(i.total for i in Invoice.objects.filter(contract=contract)) == D("1400.00")


@pytest.mark.django_db
def test_a_retried_application_draws_nothing_more():
    contract = _contract(months_of_usage=1)
    _bill(contract, dt.date(2026, 2, 1))
    invoice = _invoice(contract, dt.date(2026, 2, 1))
    credit_apply_to_draft(invoice)
    credit_apply_to_draft(Invoice.objects.get(pk=invoice.pk))
    assert CreditLedgerEntry.objects.filter(kind="drawdown").count() == 1
    assert invoice.lines.filter(kind="credit").count() == 1
    assert credit_balance(contract_id=contract.pk) == D("700")
    # A rerun of the billing run drafts nothing and draws nothing.
    assert _bill(contract, dt.date(2026, 2, 1)) == []
    assert credit_balance(contract_id=contract.pk) == D("700")


@pytest.mark.django_db
def test_auto_top_up_when_the_balance_falls_below_the_threshold():
    contract = _contract(top_up_threshold=D("250"), top_up_amount=D("500"))
    for month in range(1, 7):
        _bill(contract, dt.date(2026, month, 1))

    # April: 1000 - 3 x 300 = 100 left, below 250: 500 more is bought at the purchase's 0.90 per credit.
    april = _invoice(contract, dt.date(2026, 4, 1))
    assert _rows(april) == [
        ("usage", "300 API calls x $1.00", "300.00"),
        ("credit", "Prepaid credit applied (balance $100.00 left)", "-300.00"),
        ("fixed", "Prepaid API credits: $500.00 prepaid credit top-up", "450.00"),
    ]
    assert april.total == D("450.00")
    # May draws the last 100 of the first pool and 200 of the top-up: nothing billed, 300 left.
    may = _invoice(contract, dt.date(2026, 5, 1))
    assert _rows(may) == [
        ("usage", "300 API calls x $1.00", "300.00"),
        ("credit", "Prepaid credit applied (balance $300.00 left)", "-300.00"),
    ]
    assert may.total == D("0.00")
    # June uses the top-up up: below the threshold again, another top-up.
    june = _invoice(contract, dt.date(2026, 6, 1))
    assert [row[2] for row in _rows(june)] == ["300.00", "-300.00", "450.00"]

    grants = list(CreditGrant.objects.order_by("pk"))
    assert [(g.kind, g.amount, g.balance, g.granted_on) for g in grants] == [
        ("purchase", D("1000"), D("0"), START),
        ("top_up", D("500"), D("0"), dt.date(2026, 4, 1)),
        ("top_up", D("500"), D("500"), dt.date(2026, 6, 1)),
    ]
    top_up = grants[1]
    assert [(e.kind, e.amount, e.balance_after) for e in top_up.entries.order_by("id")] == [
        ("top_up", D("500"), D("500")),
        ("drawdown", D("-200"), D("300")),
        ("drawdown", D("-300"), D("0")),
    ]


@pytest.mark.django_db
def test_unused_credit_expires_as_breakage():
    contract = _contract(expires_on=dt.date(2026, 4, 1))
    for month in range(1, 6):
        _bill(contract, dt.date(2026, month, 1))

    # March's usage (a period starting before the expiry) still draws; the last 100 then expires.
    april = _invoice(contract, dt.date(2026, 4, 1))
    assert _rows(april) == [
        ("usage", "300 API calls x $1.00", "300.00"),
        ("credit", "Prepaid credit applied (balance $0.00 left)", "-300.00"),
    ]
    grant = CreditGrant.objects.get()
    assert grant.balance == D("0")
    assert [(e.kind, e.amount, e.balance_after) for e in grant.entries.order_by("id")][-2:] == [
        ("drawdown", D("-300"), D("100")),
        ("expiry", D("-100"), D("0")),
    ]
    # April's usage is billed in full.
    may = _invoice(contract, dt.date(2026, 5, 1))
    assert _rows(may) == [("usage", "300 API calls x $1.00", "300.00")]


@pytest.mark.django_db
def test_expiry_of_an_ended_contract_is_recorded_by_the_daily_finder():
    contract = _contract(months_of_usage=1, expires_on=dt.date(2026, 6, 1))
    _bill(contract, dt.date(2026, 2, 1))
    Contract.objects.filter(pk=contract.pk).update(status="ended")
    assert credit_grants_expire_due(today=dt.date(2026, 5, 31)) == 0
    assert credit_grants_expire_due(today=dt.date(2026, 6, 1)) == 1
    assert credit_grants_expire_due(today=dt.date(2026, 6, 2)) == 0  # once
    entry = CreditLedgerEntry.objects.get(kind="expiry")
    assert (entry.amount, entry.balance_after, entry.invoice) == (D("-700"), D("0"), None)


# --- concurrency (PostgreSQL) ----------------------------------------------------------------


def _needs_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (DATABASE_URL); SQLite serialises whole transactions")


def _run_threads(targets: list) -> list[BaseException]:
    barrier = threading.Barrier(len(targets))
    errors: list[BaseException] = []

    def run(target) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            target()
        except BaseException as exc:  # pragma: no cover - reported by the assertion
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_two_drafts_at_once_never_overdraw_the_pool(monkeypatch):
    """Two invoices of one contract drafted at the same time (Feb 1 and Mar 1), each with 300 of
    usage, against a pool of 500: one draws 300, the other the remaining 200 (not 300 each)."""
    _needs_postgres()
    contract = _contract(months_of_usage=2, amount=D("500.00"), price=D("450.00"))
    _bill(contract, START)  # the purchase

    # Widen the window between reading a balance and writing it back, as a slow worker would.
    def slow_apply(**kwargs: Decimal) -> tuple[Decimal, Decimal]:
        time.sleep(0.3)
        return credits_apply(**kwargs)

    credits_apply = credits.apply_prepaid_credit
    monkeypatch.setattr(credits, "apply_prepaid_credit", slow_apply)

    def draft(day: dt.date):  # type: ignore[no-untyped-def]
        def work() -> None:
            fresh = Contract.objects.select_related("customer").get(pk=contract.pk)
            lines = list(fresh.lines.all())
            as_of = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
            periods = due_line_periods(fresh, lines, as_of=as_of)[day]
            rated = rate_line_periods(fresh, periods, meters=meters_by_code())
            with transaction.atomic():
                invoice = invoice_create(
                    contract=fresh, billing_date=day, line_periods=periods, rated=rated, run=None
                )
                credit_apply_to_draft(invoice)

        return work

    errors = _run_threads([draft(dt.date(2026, 2, 1)), draft(dt.date(2026, 3, 1))])
    assert not errors

    grant = CreditGrant.objects.get()
    drawdowns = sorted(-e.amount for e in grant.entries.filter(kind="drawdown"))
    assert drawdowns == [D("200"), D("300")]
    assert grant.balance == D("0")
    balances = [e.balance_after for e in grant.entries.order_by("id")]
    assert min(balances) >= 0
    assert sum(e.amount for e in grant.entries.all()) == grant.balance
    totals = sorted(i.total for i in Invoice.objects.filter(billing_date__gt=START))
    assert totals == [D("0.00"), D("100.00")]


@pytest.mark.django_db(transaction=True)
def test_two_billing_runs_at_once_draw_each_period_once():
    _needs_postgres()
    contract = _contract(months_of_usage=4)
    as_of = dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC)
    errors = _run_threads([lambda: billing_run_execute(as_of=as_of), lambda: billing_run_execute(as_of=as_of)])
    assert not errors
    assert Invoice.objects.filter(contract=contract).count() == 5  # Jan 1 (purchase) .. May 1
    grant = CreditGrant.objects.get()
    assert grant.balance == D("0")
    assert [-e.amount for e in grant.entries.filter(kind="drawdown").order_by("id")] == [
        D("300"), D("300"), D("300"), D("100")
    ]
    assert sum(i.total for i in Invoice.objects.filter(contract=contract)) == D("1100.00")


# --- revenue ----------------------------------------------------------------------------------


def _account(code: str) -> Decimal:
    from django.db.models import Sum

    from ledger.models import JournalLine

    sums = JournalLine.objects.filter(account__code=code).aggregate(d=Sum("debit"), c=Sum("credit"))
    return (sums["c"] or D(0)) - (sums["d"] or D(0))


@pytest.mark.django_db
def test_purchase_is_deferred_and_recognised_as_drawn_down():
    from invoicing.services import invoice_finalize
    from revrec.models import RevenueScheduleEntry
    from revrec.services import revenue_recognize_due, revenue_schedule_build

    contract = _contract(months_of_usage=4)
    revenue, deferred = "4000", "2100"
    recognised_after = []
    for month in range(1, 6):
        day = dt.date(2026, month, 1)
        _bill(contract, day)
        invoice = invoice_finalize(invoice_id=_invoice(contract, day).pk, actor="billing-admin")
        revenue_schedule_build(invoice_id=invoice.pk)
        revenue_recognize_due(as_of=dt.date(2026, 12, 31))  # date-based recognition leaves the pool alone
        recognised_after.append((_account(revenue), _account(deferred)))

    # The 900.00 paid for 1,000.00 of credit: 0.90 of revenue per credit drawn; usage paid by
    # credit nets to zero on its own invoice; the 200.00 overage is revenue when billed.
    assert recognised_after == [
        (D("0"), D("900")),
        (D("270"), D("630")),
        (D("540"), D("360")),
        (D("810"), D("90")),
        (D("1100"), D("0")),
    ]
    purchase_line = _invoice(contract, START).lines.get()
    schedule = RevenueScheduleEntry.objects.filter(invoice_line=purchase_line, is_cancelled=False)
    assert sum(e.amount for e in schedule) == D("900")
    assert sorted(e.amount for e in schedule if e.recognized_on) == [D("90"), D("270"), D("270"), D("270")]
