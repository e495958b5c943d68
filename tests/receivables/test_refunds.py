"""Refunds of credit notes on paid invoices: card payments back through Stripe (localstripe), once;
bank transfers pending until paid out by hand; booked Dr AR / Cr Cash when made."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.urls import reverse

from access import roles
from audit.models import AuditEvent
from contracts.services import customer_card_attach
from integrations import stripe_gateway
from invoicing.credit_notes.services import credit_note_issue
from ledger.models import JournalEntry
from receivables.choices import DunningStatus, PaymentStatus, RefundStatus
from receivables.exceptions import RefundNotAllowed
from receivables.models import DunningCase, Payment, Refund
from receivables.refunds import credit_note_settle, refund_mark_paid_out
from receivables.services import payment_record
from tests.factories import CustomerFactory
from tests.invoicing.credit_note_fixtures import APRIL_1, PLATFORM_400, USAGE_600, balance, entry_lines, issued_invoice

pytestmark = pytest.mark.django_db

D = Decimal
APRIL_10 = dt.datetime(2026, 4, 10, 9, 0, tzinfo=dt.UTC)


def _issue(callbacks, **kwargs):  # type: ignore[no-untyped-def]
    with time_machine.travel(APRIL_10, tick=False), callbacks(execute=True):
        return credit_note_issue(**kwargs)


def _card_paid_invoice(callbacks):  # type: ignore[no-untyped-def]
    customer = CustomerFactory(timezone="UTC")
    customer_card_attach(customer=customer, card_number="4242424242424242")
    invoice = issued_invoice(callbacks, customer=customer)  # finalising charges the saved card
    assert invoice.status == "paid"
    return invoice


def _bank_paid_invoice(callbacks, amount: str = "1000.00"):  # type: ignore[no-untyped-def]
    invoice = issued_invoice(callbacks)
    with callbacks(execute=True):
        payment_record(invoice=invoice, amount=D(amount), method="bank_transfer", received_at=APRIL_1,
                       reference="WIRE-7")
    invoice.refresh_from_db()
    return invoice


def _stripe_refunds(payment_intent_id: str) -> list[tuple[int, str]]:
    listing = stripe_gateway._client().v1.refunds.list(params={"payment_intent": payment_intent_id})
    return [(r.amount, r.status) for r in listing.data]


def test_credit_on_a_card_paid_invoice_is_refunded_through_stripe(django_capture_on_commit_callbacks, stripe_on):
    invoice = _card_paid_invoice(django_capture_on_commit_callbacks)
    payment = Payment.objects.get()

    note = _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, amount="100.00", reason="service_issue")

    assert (note.credited_to_balance, note.refund_amount) == (D(0), D("100.00"))
    refund = Refund.objects.get()
    assert (refund.payment_id, refund.amount, refund.status, refund.method) == (
        payment.pk, D("100.00"), RefundStatus.SUCCEEDED, "card",
    )
    assert refund.stripe_refund_id.startswith("re_")
    assert refund.refunded_at == APRIL_10
    assert _stripe_refunds(payment.stripe_payment_intent_id) == [(10000, "succeeded")]
    assert entry_lines(f"refund:{refund.pk}") == {("1100", D("100.0000"), D(0)), ("1000", D(0), D("100.0000"))}
    # Invoice issued 1000, paid 1000, credited 100, refunded 100: nothing receivable, 900 cash kept.
    assert (balance("1100"), balance("1000")) == (D(0), D("900.00"))
    invoice.refresh_from_db()
    assert (invoice.status, invoice.amount_paid, invoice.amount_credited, invoice.amount_due) == (
        "paid", D("1000.00"), D(0), D(0),
    )
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED  # partly refunded


def test_settling_again_refunds_nothing_twice(django_capture_on_commit_callbacks, stripe_on):
    invoice = _card_paid_invoice(django_capture_on_commit_callbacks)
    note = _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, amount="1000.00", reason="duplicate")
    payment = Payment.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        credit_note_settle(credit_note_id=note.pk)
        credit_note_settle(credit_note_id=note.pk)

    assert Refund.objects.count() == 1
    assert _stripe_refunds(payment.stripe_payment_intent_id) == [(100000, "succeeded")]
    assert JournalEntry.objects.filter(source_key__startswith="refund:").count() == 1
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED


def test_stripe_refusal_fails_the_refund_which_can_then_be_paid_out_by_hand(
    django_capture_on_commit_callbacks, stripe_on
):
    invoice = issued_invoice(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        payment_record(invoice=invoice, amount=D("1000.00"), method="card", received_at=APRIL_1,
                       stripe_payment_intent_id="pi_unknown_to_stripe")

    _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, amount="50.00", reason="goodwill")

    refund = Refund.objects.get()
    assert refund.status == RefundStatus.FAILED
    assert refund.failure_message
    assert not JournalEntry.objects.filter(source_key=f"refund:{refund.pk}").exists()
    with django_capture_on_commit_callbacks(execute=True):
        refund_mark_paid_out(refund_id=refund.pk, actor="ann", reference="WIRE-BACK-1")
    refund.refresh_from_db()
    assert (refund.status, refund.refunded_by, refund.reference) == (RefundStatus.SUCCEEDED, "ann", "WIRE-BACK-1")
    assert JournalEntry.objects.filter(source_key=f"refund:{refund.pk}").exists()


def test_bank_transfer_refund_waits_to_be_paid_out_by_hand(django_capture_on_commit_callbacks):
    invoice = _bank_paid_invoice(django_capture_on_commit_callbacks)

    note = _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, amount="250.00", reason="billing_error")

    refund = Refund.objects.get()
    assert (refund.amount, refund.status, refund.method, refund.credit_note_id) == (
        D("250.00"), RefundStatus.PENDING, "bank_transfer", note.pk,
    )
    assert not JournalEntry.objects.filter(source_key__startswith="refund:").exists()
    assert balance("1100") == D("-250.00")  # owed to the customer until paid out

    with time_machine.travel(APRIL_10 + dt.timedelta(days=2), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        refund_mark_paid_out(refund_id=refund.pk, actor="ann")
        refund_mark_paid_out(refund_id=refund.pk, actor="ann")  # twice: changes nothing

    refund.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED
    assert JournalEntry.objects.get(source_key=f"refund:{refund.pk}").entry_date == dt.date(2026, 4, 12)
    assert balance("1100") == D(0)
    assert AuditEvent.objects.filter(action="refund_paid_out", object_id=str(refund.pk)).count() == 1


def test_a_partly_paid_invoice_is_credited_off_the_balance_first(django_capture_on_commit_callbacks):
    invoice = _bank_paid_invoice(django_capture_on_commit_callbacks, amount="600.00")
    assert invoice.amount_due == D("400.00")

    note = _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, amount="500.00", reason="other")

    assert (note.credited_to_balance, note.refund_amount) == (D("400.00"), D("100.00"))
    invoice.refresh_from_db()
    assert (invoice.status, invoice.amount_due, invoice.amount_credited) == ("paid", D(0), D("400.00"))
    assert Refund.objects.get().amount == D("100.00")


def test_a_note_that_settles_the_invoice_closes_its_dunning_case(django_capture_on_commit_callbacks):
    invoice = issued_invoice(django_capture_on_commit_callbacks)
    case = DunningCase.objects.create(invoice=invoice, customer=invoice.customer, status=DunningStatus.ESCALATED,
                                      next_reminder_at=APRIL_10)

    _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, amount="1000.00", reason="billing_error")

    case.refresh_from_db()
    assert (case.status, case.next_reminder_at) == (DunningStatus.CLOSED, None)
    assert Refund.objects.count() == 0


def test_refunds_are_split_over_payments_card_first(django_capture_on_commit_callbacks, stripe_on):
    customer = CustomerFactory(timezone="UTC")
    customer_card_attach(customer=customer, card_number="4242424242424242")
    invoice = issued_invoice(django_capture_on_commit_callbacks, rows=(USAGE_600, PLATFORM_400))
    with django_capture_on_commit_callbacks(execute=True):
        payment_record(invoice=invoice, amount=D("700.00"), method="bank_transfer", received_at=APRIL_1)
    card = stripe_gateway.charge(stripe_customer_id=customer.stripe_customer_id,
                                 payment_method_id=customer.stripe_payment_method_id, amount=D("300.00"),
                                 currency="USD", idempotency_key="test-charge", metadata={})
    with django_capture_on_commit_callbacks(execute=True):
        payment_record(invoice=invoice, amount=D("300.00"), method="card", received_at=APRIL_1,
                       stripe_payment_intent_id=card.payment_intent_id, stripe_charge_id=card.charge_id)

    _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, amount="500.00", reason="other")

    refunds = {r.method: (r.amount, r.status) for r in Refund.objects.all()}
    assert refunds == {"card": (D("300.00"), "succeeded"), "bank_transfer": (D("200.00"), "pending")}


def test_a_pending_card_refund_cannot_be_marked_paid_out(django_capture_on_commit_callbacks):
    invoice = issued_invoice(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        payment_record(invoice=invoice, amount=D("1000.00"), method="card", received_at=APRIL_1,
                       stripe_payment_intent_id="pi_123")
    _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, amount="10.00", reason="other")
    refund = Refund.objects.get()
    assert refund.status == RefundStatus.PENDING  # Stripe is not configured in this test

    with pytest.raises(RefundNotAllowed, match="through Stripe"):
        refund_mark_paid_out(refund_id=refund.pk, actor="ann")


# --- admin ------------------------------------------------------------------------------------


def _staff_in(role: str) -> User:
    user = User.objects.create_user(username=role.lower().replace(" ", "-"), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def test_admin_lists_pending_refunds_and_marks_them_paid_out(client, django_capture_on_commit_callbacks):
    invoice = _bank_paid_invoice(django_capture_on_commit_callbacks)
    _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, amount="80.00", reason="goodwill")
    refund = Refund.objects.get()
    client.force_login(_staff_in(roles.AR_ANALYST))
    changelist = reverse("admin:receivables_refund_changelist")

    page = client.get(changelist, {"status__exact": "pending"})
    assert page.status_code == 200
    assert "$80.00" in page.content.decode()
    assert 'value="mark_paid_out"' in page.content.decode()
    assert client.get(reverse("admin:receivables_refund_change", args=[refund.pk])).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(changelist, {"action": "mark_paid_out", "_selected_action": [refund.pk]}, follow=True)

    refund.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED
    assert refund.refunded_by == "ar-analyst"
    assert any("Marked 1 refund(s) paid out" in str(m) for m in response.context["messages"])
    assert JournalEntry.objects.filter(source_key=f"refund:{refund.pk}").exists()


def test_auditors_see_refunds_but_cannot_act(client, django_capture_on_commit_callbacks):
    invoice = _bank_paid_invoice(django_capture_on_commit_callbacks)
    _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, amount="80.00", reason="goodwill")
    client.force_login(_staff_in(roles.AUDITOR))

    page = client.get(reverse("admin:receivables_refund_changelist"))

    assert page.status_code == 200
    assert 'value="mark_paid_out"' not in page.content.decode()


def test_a_card_refund_left_pending_is_refunded_from_the_admin(
    admin_client, settings, django_capture_on_commit_callbacks, stripe_on
):
    invoice = _card_paid_invoice(django_capture_on_commit_callbacks)
    payment = Payment.objects.get()
    settings.STRIPE_API_KEY = ""  # Stripe unreachable when the note was issued: the refund waits
    _issue(django_capture_on_commit_callbacks, invoice_id=invoice.pk, amount="40.00", reason="goodwill")
    refund = Refund.objects.get()
    assert refund.status == RefundStatus.PENDING
    settings.STRIPE_API_KEY = "sk_test_autobill"

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:receivables_refund_changelist"),
            {"action": "refund_through_stripe", "_selected_action": [refund.pk]}, follow=True,
        )

    refund.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED
    assert any(f"$40.00 refunded ({refund.stripe_refund_id})" in str(m) for m in response.context["messages"])
    assert _stripe_refunds(payment.stripe_payment_intent_id) == [(4000, "succeeded")]
    assert JournalEntry.objects.filter(source_key=f"refund:{refund.pk}").exists()
