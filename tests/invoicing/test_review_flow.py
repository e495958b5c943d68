"""Review before sending, end to end: drafts held as anomalies or pending because auto-send is
off, approve-and-send, and corrections of a draft's lines before it is issued."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail

from audit.models import AuditEvent
from invoicing.drafting.recurring import contract_bill_due
from invoicing.drafting.review import DraftEditError, LineEdit, NewLine, invoice_draft_lines_update
from invoicing.exceptions import InvalidInvoiceTransition
from invoicing.models import Invoice, TaxRate
from invoicing.services import invoice_approve
from metering.services import usage_events_record
from tests.factories import MeterFactory
from tests.invoicing.factories import MeteredLineFactory

pytestmark = pytest.mark.django_db


def _bill(line, month: int, calls: int, capture) -> list[Invoice]:  # type: ignore[no-untyped-def]
    """Record a month of usage ($1.00 a call) and bill it on the 1st of the next month, running the
    after-commit tasks (finalise and email) like the worker would."""
    billed_at = dt.datetime(2026, month + 1, 1, 1, 0, tzinfo=dt.UTC)
    with time_machine.travel(billed_at, tick=False):
        usage_events_record(events=[{
            "idempotency_key": f"{line.contract_id}-{month}", "customer": line.contract.customer.external_id,
            "metric": "api_calls", "timestamp": f"2026-{month:02d}-15T12:00:00Z", "quantity": str(calls),
        }])
        with capture(execute=True):
            invoices, _ = contract_bill_due(contract=line.contract, as_of=billed_at)
    return invoices


@pytest.fixture
def line(db):  # type: ignore[no-untyped-def]
    MeterFactory()
    return MeteredLineFactory(contract__start_date=dt.date(2026, 1, 1))


@pytest.fixture
def history(line, django_capture_on_commit_callbacks) -> list[Invoice]:  # type: ignore[no-untyped-def]
    """Three invoices of about 100.00, issued and emailed without review."""
    invoices = [_bill(line, month, calls, django_capture_on_commit_callbacks)[0]
                for month, calls in ((1, 100), (2, 104), (3, 98))]
    for invoice in invoices:
        invoice.refresh_from_db()
    return invoices


@pytest.fixture
def held(line, history, django_capture_on_commit_callbacks) -> Invoice:  # type: ignore[no-untyped-def]
    [invoice] = _bill(line, 4, 400, django_capture_on_commit_callbacks)
    invoice.refresh_from_db()
    return invoice


def test_history_was_sent_without_review(history: list[Invoice]) -> None:
    statuses = [(i.status, i.review_status, i.total) for i in Invoice.objects.order_by("billing_date")]
    assert statuses == [("open", "not_required", D("100.00")), ("open", "not_required", D("104.00")),
                        ("open", "not_required", D("98.00"))]
    assert len(mail.outbox) == 3


def test_a_total_four_times_the_median_is_held_although_auto_send_is_on(line, history, held: Invoice) -> None:
    assert line.contract.auto_send
    assert line.contract.customer.auto_send
    assert (held.status, held.review_status, held.auto_send, held.number) == ("draft", "held", False, None)
    assert held.total == D("400.00")
    assert held.hold_reason == "Total 400.00 is more than 3x the median 100.00 of the last 3 invoices."
    assert [h["number"] for h in held.hold_details["history"]] == [i.number for i in reversed(history)]
    assert [D(h["total"]) for h in held.hold_details["history"]] == [D("98.00"), D("104.00"), D("100.00")]
    assert D(held.hold_details["median"]) == D("100.00")
    assert len(mail.outbox) == 3  # nothing more was emailed
    audit = AuditEvent.objects.get(rule="invoicing.anomaly_hold", object_id=str(held.pk))
    assert audit.outcome == {"reason": held.hold_reason}
    assert len(audit.inputs["history"]) == 3


def test_the_next_normal_month_is_sent_again(line, held, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    [may] = _bill(line, 5, 110, django_capture_on_commit_callbacks)
    may.refresh_from_db()
    assert (may.status, may.review_status) == ("open", "not_required")  # the held draft is not part of history


def test_customer_with_auto_send_off_waits_as_pending(line, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    line.contract.customer.auto_send = False
    line.contract.customer.save()
    [invoice] = _bill(line, 1, 100, django_capture_on_commit_callbacks)
    invoice.refresh_from_db()
    assert (invoice.status, invoice.review_status, invoice.auto_send) == ("draft", "pending", False)
    assert invoice.hold_reason == "Auto-send is off for this customer or contract."
    assert mail.outbox == []


def test_contract_with_auto_send_off_waits_as_pending(line, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    line.contract.auto_send = False
    line.contract.save()
    [invoice] = _bill(line, 1, 100, django_capture_on_commit_callbacks)
    invoice.refresh_from_db()
    assert (invoice.status, invoice.review_status) == ("draft", "pending")


def test_customer_limit_overrides_the_currency_default(line, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    line.contract.customer.invoice_hold_above = D("50")
    line.contract.customer.save()
    [invoice] = _bill(line, 1, 100, django_capture_on_commit_callbacks)
    invoice.refresh_from_db()
    assert invoice.review_status == "held"
    assert invoice.hold_reason == "Total 100.00 is above the review limit of 50.00."


def test_currency_default_limit(line, settings, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    settings.INVOICE_HOLD_ABOVE = {"USD": 99}
    [invoice] = _bill(line, 1, 100, django_capture_on_commit_callbacks)
    invoice.refresh_from_db()
    assert invoice.review_status == "held"
    assert "above the review limit of 99" in invoice.hold_reason


def test_approve_and_send(held: Invoice, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    reviewer = User.objects.create_user("rita")
    with django_capture_on_commit_callbacks(execute=True):
        invoice = invoice_approve(invoice_id=held.pk, actor=reviewer)

    invoice.refresh_from_db()
    assert invoice.status == "open"
    assert invoice.number
    assert (invoice.review_status, invoice.auto_send, invoice.reviewed_by) == ("approved", True, "rita")
    assert invoice.reviewed_at is not None
    assert invoice.sent_at is not None
    assert len(mail.outbox) == 4
    assert invoice.number in mail.outbox[-1].subject
    approved = AuditEvent.objects.get(action="invoice_approved", object_id=str(held.pk))
    assert (approved.actor, approved.rule, approved.inputs["review_status"]) == ("rita", "invoicing.review", "held")
    assert AuditEvent.objects.filter(action="invoice_finalized", object_id=str(held.pk), actor="rita").exists()


def test_approving_twice_issues_and_sends_once(held: Invoice, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        first = invoice_approve(invoice_id=held.pk, actor="rule:tests")
    with django_capture_on_commit_callbacks(execute=True):
        second = invoice_approve(invoice_id=held.pk, actor="rule:tests")

    assert first.number == second.number
    assert len(mail.outbox) == 4
    assert AuditEvent.objects.filter(action="invoice_approved", object_id=str(held.pk)).count() == 1


def test_only_drafts_awaiting_review_can_be_approved(history: list[Invoice]) -> None:
    issued = history[0]
    with pytest.raises(InvalidInvoiceTransition, match="Only a draft awaiting review"):
        invoice_approve(invoice_id=issued.pk, actor="tests")
    issued.refresh_from_db()
    assert issued.review_status == "not_required"


def test_editing_a_held_draft_recomputes_tax_and_totals_but_keeps_the_hold(held: Invoice) -> None:
    TaxRate.objects.create(name="Sales tax", country="US", percentage=D("10"))
    held.customer.country = "US"
    held.customer.save()
    usage = held.lines.get()

    invoice = invoice_draft_lines_update(
        invoice_id=held.pk, actor="rita", notes="  Usage corrected after the March outage.  ",
        lines=[LineEdit(line_id=usage.pk, description="API calls (corrected)", quantity=D(120),
                        unit_price=D("1.00"), amount=None)],
    )

    invoice.refresh_from_db()
    usage.refresh_from_db()
    assert (usage.description, usage.quantity, usage.amount) == ("API calls (corrected)", D(120), D("120.00"))
    assert (usage.tax_name, usage.tax_amount) == ("Sales tax", D("12.00"))
    assert (invoice.subtotal, invoice.tax, invoice.total) == (D("120.00"), D("12.00"), D("132.00"))
    assert invoice.notes == "Usage corrected after the March outage."
    assert (invoice.status, invoice.review_status) == ("draft", "held")
    event = AuditEvent.objects.get(action="invoice_draft_edited", object_id=str(held.pk))
    assert event.actor == "rita"
    assert event.outcome["before"] == {"subtotal": "400.00", "tax": "0.00", "total": "400.00"}
    assert event.outcome["after"] == {"subtotal": "120.00", "tax": "12.00", "total": "132.00"}
    assert event.inputs["lines"][0]["before"] == {
        "description": "400 API calls x $1.00", "quantity": "400.000000000000", "amount": "400.00"
    }
    assert event.inputs["notes"]["after"] == "Usage corrected after the March outage."


def test_an_edit_that_changes_nothing_writes_nothing(held: Invoice) -> None:
    usage = held.lines.get()
    before = held.history.count()
    invoice_draft_lines_update(
        invoice_id=held.pk, actor="rita",
        lines=[LineEdit(line_id=usage.pk, description=usage.description, quantity=usage.quantity,
                        unit_price=usage.unit_price, amount=usage.amount)],
    )
    assert held.history.count() == before
    assert not AuditEvent.objects.filter(action="invoice_draft_edited").exists()


def test_invalid_edits_change_nothing(held: Invoice, history: list[Invoice]) -> None:
    usage = held.lines.get()
    other = history[0].lines.get()
    with pytest.raises(DraftEditError) as caught:
        invoice_draft_lines_update(
            invoice_id=held.pk, actor="rita",
            lines=[
                LineEdit(line_id=usage.pk, description="ok", quantity=D(1), unit_price=D(1), amount=D("-5")),
                LineEdit(line_id=other.pk, description="x", quantity=D(1), unit_price=D(1), amount=D(1)),
            ],
        )
    assert set(caught.value.fields) == {"lines[0].amount", "lines[1].id"}
    usage.refresh_from_db()
    assert (usage.description, usage.amount) == ("400 API calls x $1.00", D("400.00"))


def test_an_issued_invoice_cannot_be_edited(history: list[Invoice]) -> None:
    issued = history[0]
    with pytest.raises(InvalidInvoiceTransition, match="credit note"):
        invoice_draft_lines_update(invoice_id=issued.pk, actor="rita", notes="too late")


def test_reviewer_adds_a_one_off_line_taxed_and_recognised_at_issue(  # type: ignore[no-untyped-def]
    held: Invoice, django_capture_on_commit_callbacks
) -> None:
    from revrec.models import RevenueScheduleEntry

    TaxRate.objects.create(name="Sales tax", country="US", percentage=D("10"))
    held.customer.country = "US"
    held.customer.save()

    invoice = invoice_draft_lines_update(
        invoice_id=held.pk, actor="rita",
        add=[NewLine(description="  Onboarding workshop  ", quantity=D(2), unit_price=D("125.00"), amount=None)],
    )

    added = invoice.lines.get(line_code="adjustment")
    assert (added.description, added.kind, added.amount, added.tax_amount) == (
        "Onboarding workshop", "fixed", D("250.00"), D("25.00")
    )
    assert (added.period_start, added.period_end) == (held.period_start, held.period_end)
    assert added.position == 1
    assert (invoice.subtotal, invoice.tax, invoice.total) == (D("650.00"), D("65.00"), D("715.00"))
    event = AuditEvent.objects.get(action="invoice_draft_edited", object_id=str(held.pk))
    assert event.inputs["lines"] == [
        {"added": {"description": "Onboarding workshop", "quantity": "2", "unit_price": "125.00", "amount": "250.00"}}
    ]

    with time_machine.travel(dt.datetime(2026, 5, 2, 12, tzinfo=dt.UTC), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        invoice_approve(invoice_id=held.pk, actor="rita")
    entry = RevenueScheduleEntry.objects.get(invoice_line=added)
    assert (entry.amount, entry.recognized_on) == (D("250.00"), dt.date(2026, 5, 2))


def test_only_lines_added_in_review_can_be_removed(held: Invoice) -> None:
    usage = held.lines.get()
    invoice = invoice_draft_lines_update(
        invoice_id=held.pk, actor="rita",
        add=[NewLine(description="Expedite fee", quantity=D(1), unit_price=None, amount=D("50.00"))],
    )
    added = invoice.lines.get(line_code="adjustment")
    assert invoice.total == D("450.00")

    with pytest.raises(DraftEditError) as refused:
        invoice_draft_lines_update(invoice_id=held.pk, actor="rita", remove=[usage.pk])
    assert list(refused.value.fields) == ["removed[0]"]

    with pytest.raises(DraftEditError) as bad:
        invoice_draft_lines_update(
            invoice_id=held.pk, actor="rita",
            add=[NewLine(description="", quantity=D(1), unit_price=None, amount=None)],
        )
    assert set(bad.value.fields) == {"added[0].description", "added[0].amount"}

    invoice = invoice_draft_lines_update(invoice_id=held.pk, actor="rita", remove=[added.pk])
    assert list(invoice.lines.values_list("pk", flat=True)) == [usage.pk]
    assert (invoice.subtotal, invoice.total) == (D("400.00"), D("400.00"))
    assert added.history.filter(history_type="-").exists()
