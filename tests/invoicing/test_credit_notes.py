"""Credit notes: by line or by amount, tax per line, never over the invoice total, amount due first
then refund, idempotent, reversed in the ledger and the revenue schedule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from audit.models import AuditEvent
from invoicing.choices import InvoiceStatus
from invoicing.credit_notes.services import CreditNoteInvalid, credit_note_issue
from invoicing.exceptions import InvalidInvoiceTransition
from invoicing.models import CreditNote, Invoice, InvoiceNumberSequence
from invoicing.services import invoice_void
from invoicing.signals import invoice_paid
from ledger.models import JournalEntry
from rating.credit_allocation import allocate_pro_rata, credit_line_tax, split_earned_deferred
from revrec.models import RevenueScheduleEntry
from revrec.services import revenue_recognize_due
from tests.invoicing.credit_note_fixtures import (
    PLATFORM_400,
    USAGE_600,
    Row,
    balance,
    entry_lines,
    issued_invoice,
)

D = Decimal
APRIL_10 = dt.datetime(2026, 4, 10, 9, 0, tzinfo=dt.UTC)

# --- pure arithmetic ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "caps", "expected"),
    [
        ("100.00", ["600.00", "400.00"], ["60.00", "40.00"]),
        ("0.10", ["1.00", "1.00", "1.00"], ["0.04", "0.03", "0.03"]),
        ("0.02", ["1.00", "1.00", "1.00"], ["0.01", "0.01", "0.00"]),
        ("1000.00", ["600.00", "400.00"], ["600.00", "400.00"]),
        ("0.05", ["0.02", "0.02", "0.02"], ["0.02", "0.02", "0.01"]),
        ("0.00", ["5.00"], ["0.00"]),
    ],
)
def test_allocate_pro_rata_examples(amount: str, caps: list[str], expected: list[str]) -> None:
    assert allocate_pro_rata(D(amount), [D(c) for c in caps], "USD") == [D(e) for e in expected]


def test_allocate_pro_rata_refuses_more_than_the_caps_and_fractions_of_a_cent() -> None:
    with pytest.raises(ValueError, match="Cannot spread"):
        allocate_pro_rata(D("10.01"), [D("5.00"), D("5.00")], "USD")
    with pytest.raises(ValueError, match="minor units"):
        allocate_pro_rata(D("1.005"), [D("5.00")], "USD")


cents = st.integers(min_value=0, max_value=10_000_000).map(lambda c: D(c) / 100)


@given(caps=st.lists(cents, min_size=1, max_size=12), fraction=st.fractions(min_value=0, max_value=1))
def test_allocation_sums_exactly_and_no_part_exceeds_its_cap(caps: list[Decimal], fraction) -> None:  # type: ignore[no-untyped-def]
    total = sum(caps, D(0))
    amount = (total * D(fraction.numerator) / D(fraction.denominator)).quantize(D("0.01"), rounding="ROUND_DOWN")
    shares = allocate_pro_rata(amount, caps, "USD")
    assert sum(shares, D(0)) == amount
    assert all(D(0) <= share <= cap for share, cap in zip(shares, caps, strict=True))


def test_credit_line_tax_rounds_once_and_returns_what_is_left_on_a_full_credit() -> None:
    # 10% of 33.33 = 3.333 -> 3.33; crediting the rest (66.67 left, 6.67 tax left) returns 6.67 exactly.
    assert credit_line_tax(amount=D("33.33"), percentage=D(10), remaining_amount=D("100.00"),
                           remaining_tax=D("10.00"), currency="USD") == D("3.33")
    assert credit_line_tax(amount=D("66.67"), percentage=D(10), remaining_amount=D("66.67"),
                           remaining_tax=D("6.67"), currency="USD") == D("6.67")
    assert credit_line_tax(amount=D("5.00"), percentage=None, remaining_amount=D("100.00"),
                           remaining_tax=D(0), currency="USD") == D(0)


def test_split_earned_deferred_is_pro_rata() -> None:
    assert split_earned_deferred(D("61.00"), earned=D("310.00"), deferred=D("300.00"), currency="USD") == (
        D("31.00"), D("30.00"),
    )


# --- issuing -----------------------------------------------------------------------------------


def _issue(callbacks, **kwargs):  # type: ignore[no-untyped-def]
    with time_machine.travel(APRIL_10, tick=False), callbacks(execute=True):
        return credit_note_issue(**kwargs)


@pytest.mark.django_db
def test_partial_credit_by_amount_is_spread_pro_rata_with_tax_per_line(django_capture_on_commit_callbacks) -> None:
    invoice = issued_invoice(django_capture_on_commit_callbacks, tax_percentage="10")
    assert (invoice.total, invoice.status) == (D("1100.00"), InvoiceStatus.OPEN)

    note = _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, amount="100.00",
                  reason="service_issue", memo="SLA breach in March", actor="ann")

    assert note.number == "CN-2026-000001"
    assert note.issue_date == dt.date(2026, 4, 10)
    assert [(li.description, li.amount, li.tax_percentage, li.tax_amount) for li in note.lines.all()] == [
        ("API calls", D("60.00"), D(10), D("6.00")),
        ("Platform fee", D("40.00"), D(10), D("4.00")),
    ]
    assert (note.subtotal, note.tax, note.total) == (D("100.00"), D("10.00"), D("110.00"))
    assert (note.credited_to_balance, note.refund_amount) == (D("110.00"), D(0))
    invoice.refresh_from_db()
    assert (invoice.amount_credited, invoice.amount_due, invoice.status) == (D("110.00"), D("990.00"), "open")
    event = AuditEvent.objects.get(action="credit_note_issued", object_id=str(note.pk))
    assert (event.actor, event.outcome["total"], event.outcome["refund_amount"]) == ("ann", "110.00", "0.00")


@pytest.mark.django_db
def test_crediting_the_whole_open_invoice_by_line_settles_it(django_capture_on_commit_callbacks) -> None:
    invoice = issued_invoice(django_capture_on_commit_callbacks)
    lines = list(invoice.lines.order_by("position"))
    paid_signals: list[int] = []

    def on_paid(sender, invoice_id, **kwargs):  # type: ignore[no-untyped-def]
        paid_signals.append(invoice_id)

    invoice_paid.connect(on_paid, dispatch_uid="test-credit-paid")
    try:
        note = _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, reason="billing_error",
                      lines=[{"invoice_line_id": lines[0].pk, "amount": "600.00"},
                             {"invoice_line_id": lines[1].pk, "amount": D("400.00")}])
    finally:
        invoice_paid.disconnect(dispatch_uid="test-credit-paid")

    invoice.refresh_from_db()
    assert note.total == D("1000.00")
    assert (invoice.status, invoice.amount_due, invoice.amount_credited) == ("paid", D(0), D("1000.00"))
    assert invoice.paid_at == APRIL_10
    assert paid_signals == [invoice.pk]


@pytest.mark.django_db
def test_lines_are_credited_up_to_what_is_left_on_each(django_capture_on_commit_callbacks) -> None:
    invoice = issued_invoice(django_capture_on_commit_callbacks, tax_percentage="7.25")
    api_line = invoice.lines.get(line_code="api")
    _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, reason="other",
           lines=[{"invoice_line_id": api_line.pk, "amount": "333.33"}])

    with pytest.raises(CreditNoteInvalid) as err:
        credit_note_issue(invoice_id=invoice.pk, reason="other",
                          lines=[{"invoice_line_id": api_line.pk, "amount": "266.68"}])
    assert err.value.fields == {"lines[0].amount": ["At most 266.67 USD is left to credit on this line."]}

    rest = _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, reason="other",
                  lines=[{"invoice_line_id": api_line.pk, "amount": "266.67"}])
    # 7.25% of 600.00 = 43.50 charged; 24.17 went back on the first note, the rest exactly on the second.
    assert rest.tax == D("43.50") - D("24.17")
    assert CreditNote.objects.filter(invoice=invoice).count() == 2


@pytest.mark.django_db
def test_refused_requests_change_nothing_and_take_no_number(django_capture_on_commit_callbacks) -> None:
    invoice = issued_invoice(django_capture_on_commit_callbacks)
    other = issued_invoice(django_capture_on_commit_callbacks)
    foreign_line = other.lines.first()
    cases = [
        ({"amount": "1000.01"}, {"amount": ["At most 1000.00 USD (before tax) is left to credit on this invoice."]}),
        ({"amount": "-5"}, {"amount": ["Must be greater than zero."]}),
        ({"amount": "1.005"}, {"amount": ['At most the minor unit of USD (e.g. "10.25").']}),
        ({"amount": "ten"}, {"amount": ['A decimal amount, e.g. "120.00".']}),
        ({"lines": [{"invoice_line_id": foreign_line.pk, "amount": "1.00"}]},
         {"lines[0].invoice_line": [f"Invoice line {foreign_line.pk} is not a creditable line of this invoice."]}),
        ({"lines": []}, {"lines": ["Name at least one invoice line."]}),
        ({}, {"amount": ["Give amount or lines."], "lines": ["Give amount or lines."]}),
    ]
    for kwargs, fields in cases:
        with pytest.raises(CreditNoteInvalid) as err:
            credit_note_issue(invoice_id=invoice.pk, reason="other", **kwargs)
        assert err.value.fields == fields, kwargs
    with pytest.raises(CreditNoteInvalid) as err:
        credit_note_issue(invoice_id=invoice.pk, reason="because", amount="1", lines=[])
    assert set(err.value.fields) == {"reason", "amount", "lines"}

    invoice.refresh_from_db()
    assert CreditNote.objects.count() == 0
    assert invoice.amount_credited == D(0)
    assert not InvoiceNumberSequence.objects.filter(series="CN").exists()


@pytest.mark.django_db
def test_notes_never_credit_more_than_the_invoice_total(django_capture_on_commit_callbacks) -> None:
    # A prepaid-credit line of -300 reduces the invoice: 700.00 in total, though its positive lines hold 1000.
    rows = (USAGE_600, PLATFORM_400, Row("credit", "credit", "Prepaid credit applied", "-300.00",
                                         dt.date(2026, 3, 1), dt.date(2026, 4, 1), "prepaid_credit"))
    invoice = issued_invoice(django_capture_on_commit_callbacks, rows=rows)
    assert invoice.total == D("700.00")
    _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, reason="other", amount="650.00")

    with pytest.raises(CreditNoteInvalid) as err:
        credit_note_issue(invoice_id=invoice.pk, reason="other", amount="60.00")

    assert err.value.fields == {"amount": [
        f"This note would credit 60.00 USD with tax; at most 50.00 USD is left to credit on invoice {invoice.number}."
    ]}
    last = _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, reason="other", amount="50.00")
    invoice.refresh_from_db()
    assert last.total == D("50.00")
    assert (invoice.amount_due, invoice.status) == (D(0), "paid")


@pytest.mark.django_db
def test_draft_and_void_invoices_take_no_credit_note(django_capture_on_commit_callbacks) -> None:
    invoice = issued_invoice(django_capture_on_commit_callbacks)
    draft = Invoice.objects.create(customer=invoice.customer, billing_date=dt.date(2026, 5, 1), currency="USD",
                                   period_start=dt.date(2026, 4, 1), period_end=dt.date(2026, 5, 1))
    with django_capture_on_commit_callbacks(execute=True):
        invoice_void(invoice_id=invoice.pk, reason="wrong customer")

    for target in (draft, invoice):
        with pytest.raises(InvalidInvoiceTransition, match="only open or paid invoices take credit notes"):
            credit_note_issue(invoice_id=target.pk, reason="other", amount="10.00")
    assert CreditNote.objects.count() == 0


@pytest.mark.django_db
def test_same_idempotency_key_returns_the_same_note(django_capture_on_commit_callbacks) -> None:
    invoice = issued_invoice(django_capture_on_commit_callbacks)
    first = _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, reason="goodwill", amount="25.00",
                   idempotency_key="cn-1")
    again = _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, reason="goodwill", amount="25.00",
                   idempotency_key="cn-1")

    invoice.refresh_from_db()
    assert again.pk == first.pk
    assert CreditNote.objects.count() == 1
    assert invoice.amount_credited == D("25.00")
    assert JournalEntry.objects.filter(source_key__startswith="credit_note:").count() == 1


# --- ledger and revenue -------------------------------------------------------------------------


@pytest.mark.django_db
def test_credit_note_reverses_revenue_deferred_revenue_and_tax(django_capture_on_commit_callbacks) -> None:
    # Usage (600, earned at issue) and a platform fee billed in advance for April (400, deferred).
    invoice = issued_invoice(django_capture_on_commit_callbacks, tax_percentage="10")
    note = _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, amount="100.00", reason="other")

    assert entry_lines(f"credit_note:{note.pk}") == {
        ("4000", D("60.0000"), D(0)),
        ("2100", D("40.0000"), D(0)),
        ("2200", D("10.0000"), D(0)),
        ("1100", D(0), D("110.0000")),
    }
    assert balance("1100") == D("990.00")
    assert balance("2200") == D("-90.00")  # 100 tax charged, 10 given back
    platform = invoice.lines.get(line_code="platform")
    schedule = RevenueScheduleEntry.objects.filter(invoice_line=platform, is_cancelled=False)
    assert sum(e.amount for e in schedule) == D("360.00")  # April will recognise 360, never the 40 credited
    reversal = RevenueScheduleEntry.objects.get(invoice_line__line_code="api", amount__lt=0, invoice=invoice)
    assert (reversal.amount, reversal.recognized_on) == (D("-60.00"), dt.date(2026, 4, 10))

    assert revenue_recognize_due(as_of=dt.date(2026, 5, 1)) == 1
    assert balance("2100") == D(0)
    assert balance("4000") == D("-900.00")  # 1000 billed, 100 credited
    for entry in JournalEntry.objects.prefetch_related("lines"):
        assert sum(li.debit for li in entry.lines.all()) == sum(li.credit for li in entry.lines.all()), entry


@pytest.mark.django_db
def test_credit_on_a_half_recognised_line_takes_from_earned_and_deferred_pro_rata(
    django_capture_on_commit_callbacks,
) -> None:
    # 610.00 for [Mar 1, May 1): March (310) is earned by the Apr 10 issue, April (300) deferred.
    seats = Row("seats", "fixed", "Seats", "610.00", dt.date(2026, 3, 1), dt.date(2026, 5, 1), "per_seat")
    invoice = issued_invoice(django_capture_on_commit_callbacks, rows=(seats,), at=APRIL_10)
    note = _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, amount="61.00", reason="price_change")

    assert entry_lines(f"credit_note:{note.pk}") == {
        ("4000", D("31.0000"), D(0)),
        ("2100", D("30.0000"), D(0)),
        ("1100", D(0), D("61.0000")),
    }
    live = RevenueScheduleEntry.objects.filter(invoice=invoice, is_cancelled=False)
    assert sum(e.amount for e in live) == D("549.00")
    assert sum(e.amount for e in live if e.recognized_on) == D("279.00")


@pytest.mark.django_db
def test_fully_credited_deferred_entries_are_cancelled_and_never_recognised(django_capture_on_commit_callbacks):
    invoice = issued_invoice(django_capture_on_commit_callbacks, rows=(PLATFORM_400,))
    _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, amount="400.00", reason="duplicate")

    assert revenue_recognize_due(as_of=dt.date(2026, 6, 1)) == 0
    assert RevenueScheduleEntry.objects.get(invoice=invoice).is_cancelled
    assert (balance("1100"), balance("2100"), balance("4000")) == (D(0), D(0), D(0))


@pytest.mark.django_db
def test_revrec_posting_is_idempotent(django_capture_on_commit_callbacks) -> None:
    from revrec.services import revenue_credit_note_apply

    invoice = issued_invoice(django_capture_on_commit_callbacks)
    note = _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, amount="100.00", reason="other")
    before = list(RevenueScheduleEntry.objects.filter(invoice=invoice).values_list("amount", "is_cancelled"))

    revenue_credit_note_apply(credit_note_id=note.pk)

    assert list(RevenueScheduleEntry.objects.filter(invoice=invoice).values_list("amount", "is_cancelled")) == before
    assert JournalEntry.objects.filter(source_key=f"credit_note:{note.pk}").count() == 1


@pytest.mark.django_db
def test_voiding_a_partly_credited_open_invoice_nets_every_account_to_zero(django_capture_on_commit_callbacks):
    invoice = issued_invoice(django_capture_on_commit_callbacks, tax_percentage="10")
    _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, amount="100.00", reason="other")

    with django_capture_on_commit_callbacks(execute=True):
        invoice_void(invoice_id=invoice.pk, reason="cancelled")

    assert {code: balance(code) for code in ("1100", "2100", "2200", "4000")} == {
        "1100": D(0), "2100": D(0), "2200": D(0), "4000": D(0),
    }
