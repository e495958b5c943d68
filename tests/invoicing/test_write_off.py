"""Writing an open invoice off as uncollectible: open -> uncollectible, the rest due booked as bad
debt, the dunning case closed, reconciliation's written-off figure, from the service, the API and
the admin (AR analysts only)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, User
from django.urls import reverse

from access import roles
from audit.models import AuditEvent
from invoicing.credit_notes.services import credit_note_issue
from invoicing.exceptions import InvalidInvoiceTransition
from invoicing.models import Invoice
from invoicing.services import invoice_mark_uncollectible
from receivables.models import DunningCase
from receivables.services import payment_record
from reporting.reconciliation import reconciliation_report
from tests.invoicing.credit_note_fixtures import APRIL_1, balance, entry_lines, issued_invoice

pytestmark = pytest.mark.django_db

D = Decimal
JUNE_1 = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)


def _write_off(callbacks, invoice: Invoice, reason: str = "Insolvency") -> Invoice:  # type: ignore[no-untyped-def]
    with time_machine.travel(JUNE_1, tick=False), callbacks(execute=True):
        return invoice_mark_uncollectible(invoice_id=invoice.pk, actor="ar", reason=reason)


def test_write_off_books_what_is_still_due_as_bad_debt(django_capture_on_commit_callbacks):
    callbacks = django_capture_on_commit_callbacks
    invoice = issued_invoice(callbacks, tax_percentage="10")  # 1,000 + 100 tax
    with callbacks(execute=True):
        payment_record(invoice=invoice, amount=D("300.00"), method="bank_transfer", received_at=APRIL_1)
    with time_machine.travel(APRIL_1, tick=False), callbacks(execute=True):
        credit_note_issue(invoice_id=invoice.pk, amount="100.00", reason="service_issue")  # 110 off the balance
    case = DunningCase.objects.create(invoice=invoice, customer=invoice.customer)

    invoice = _write_off(callbacks, invoice)

    assert (invoice.status, invoice.amount_written_off, invoice.amount_due) == ("uncollectible", D("690.00"), 0)
    assert invoice.uncollectible_reason == "Insolvency"
    key = f"invoice:{invoice.pk}:written_off"
    assert entry_lines(key) == {("6100", D("690.00"), D(0)), ("1100", D(0), D("690.00"))}
    assert balance("1100") == 0  # issued 1,100 - paid 300 - credited 110 - written off 690
    assert balance("4000") + balance("2100") == D("-900.00")  # revenue stays (less the credit note)
    case.refresh_from_db()
    assert (case.status, case.next_retry_at, case.next_reminder_at) == ("closed", None, None)
    event = AuditEvent.objects.get(action="invoice_marked_uncollectible")
    assert (event.rule, event.actor, event.outcome["amount_written_off"]) == ("invoicing.write_off", "ar", "690.0000")

    report = reconciliation_report(period="2026-03")
    total = report["total"]
    assert (total["billed"], total["credited"], total["collected"], total["written_off"]) == (
        "1100.00", "110.00", "300.00", "690.00"
    )
    assert total["accounts_receivable"] == "0.00"
    assert report["findings"] == []


def test_write_off_is_safe_to_retry_and_refused_for_anything_but_an_open_invoice(
    django_capture_on_commit_callbacks,
):
    callbacks = django_capture_on_commit_callbacks
    invoice = issued_invoice(callbacks)
    first = _write_off(callbacks, invoice)
    again = _write_off(callbacks, invoice, reason="another reason")
    assert (again.amount_written_off, again.uncollectible_reason) == (first.amount_written_off, "Insolvency")
    assert AuditEvent.objects.filter(action="invoice_marked_uncollectible").count() == 1

    paid = issued_invoice(callbacks)
    with callbacks(execute=True):
        payment_record(invoice=paid, amount=D("1000.00"), method="bank_transfer", received_at=APRIL_1)
    with pytest.raises(InvalidInvoiceTransition, match="Only an open invoice"):
        invoice_mark_uncollectible(invoice_id=paid.pk, actor="ar")
    paid.refresh_from_db()
    assert (paid.status, paid.amount_written_off) == ("paid", 0)


def test_api_writes_off_with_a_reason(api, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    callbacks = django_capture_on_commit_callbacks
    invoice = issued_invoice(callbacks)
    url = f"/api/v1/invoices/{invoice.pk}/mark-uncollectible"

    missing = api.post(url, {}, format="json")
    assert missing.status_code == 400
    assert missing.json()["error"]["fields"] == {"reason": ["Give the reason for the write-off."]}

    with callbacks(execute=True):
        body = api.post(url, {"reason": "Customer dissolved"}, format="json").json()
    assert (body["status"], body["amount_written_off"], body["amount_due"], body["uncollectible_reason"]) == (
        "uncollectible", "1000.00", "0.00", "Customer dissolved"
    )
    assert balance("6100") == D("1000.00")

    paid = issued_invoice(callbacks)
    with callbacks(execute=True):
        payment_record(invoice=paid, amount=D("1000.00"), method="bank_transfer", received_at=APRIL_1)
    refused = api.post(f"/api/v1/invoices/{paid.pk}/mark-uncollectible", {"reason": "x"}, format="json")
    assert refused.status_code == 422


def _staff_in(role: str) -> User:
    user = User.objects.create_user(username=role.lower().replace(" ", "-"), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def test_ar_analyst_writes_off_from_the_admin_after_confirming_a_reason(
    client, django_capture_on_commit_callbacks
):
    callbacks = django_capture_on_commit_callbacks
    invoice = issued_invoice(callbacks)
    changelist = reverse("admin:invoicing_invoice_changelist")
    client.force_login(_staff_in(roles.AR_ANALYST))
    assert "mark_uncollectible" in client.get(changelist).content.decode()

    confirm = client.post(changelist, {"action": "mark_uncollectible", ACTION_CHECKBOX_NAME: [invoice.pk]})
    page = confirm.content.decode()
    assert confirm.status_code == 200
    assert "Write off invoices as uncollectible" in page
    assert "$1,000.00" in page
    invoice.refresh_from_db()
    assert invoice.status == "open"  # nothing happens before the reason is confirmed

    no_reason = client.post(
        changelist, {"action": "mark_uncollectible", ACTION_CHECKBOX_NAME: [invoice.pk], "confirm": "yes"}
    )
    assert no_reason.status_code == 200
    invoice.refresh_from_db()
    assert invoice.status == "open"

    with callbacks(execute=True):
        done = client.post(
            changelist,
            {"action": "mark_uncollectible", ACTION_CHECKBOX_NAME: [invoice.pk], "confirm": "yes",
             "write_off_reason": "Insolvency filed 2026-05-20"},
            follow=True,
        )
    assert f"Wrote off 1 invoice(s): {invoice.number} ($1,000.00)" in done.content.decode()
    invoice.refresh_from_db()
    assert (invoice.status, invoice.uncollectible_reason) == ("uncollectible", "Insolvency filed 2026-05-20")
    page = client.get(reverse("admin:invoicing_invoice_change", args=[invoice.pk])).content.decode()
    assert "$1,000.00 as bad debt on" in page


def test_billing_admin_cannot_write_off(client, django_capture_on_commit_callbacks):
    invoice = issued_invoice(django_capture_on_commit_callbacks)
    changelist = reverse("admin:invoicing_invoice_changelist")
    client.force_login(_staff_in(roles.BILLING_ADMIN))
    assert "mark_uncollectible" not in client.get(changelist).content.decode()
    client.post(
        changelist,
        {"action": "mark_uncollectible", ACTION_CHECKBOX_NAME: [invoice.pk], "confirm": "yes",
         "write_off_reason": "x"},
    )
    invoice.refresh_from_db()
    assert invoice.status == "open"
