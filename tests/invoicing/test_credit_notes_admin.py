"""The admin's "Issue credit note" form and the read-only credit note pages, as each role sees them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.urls import reverse

from access import roles
from invoicing.credit_notes.services import credit_note_issue
from invoicing.models import CreditNote, Invoice
from tests.invoicing.credit_note_fixtures import issued_invoice

pytestmark = pytest.mark.django_db

D = Decimal
APRIL_10 = dt.datetime(2026, 4, 10, 9, 0, tzinfo=dt.UTC)


def _staff_in(role: str) -> User:
    user = User.objects.create_user(username=role.lower().replace(" ", "-"), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def _issue_url(invoice: Invoice) -> str:
    return reverse("admin:invoicing_creditnote_issue", args=[invoice.pk])


@pytest.fixture
def invoice(django_capture_on_commit_callbacks) -> Invoice:
    return issued_invoice(django_capture_on_commit_callbacks, tax_percentage="10")


def test_billing_admin_issues_a_credit_note_from_the_invoice_page(client, invoice, django_capture_on_commit_callbacks):
    client.force_login(_staff_in(roles.BILLING_ADMIN))
    invoice_page = client.get(reverse("admin:invoicing_invoice_change", args=[invoice.pk])).content.decode()
    assert _issue_url(invoice) in invoice_page

    form = client.get(_issue_url(invoice))
    assert form.status_code == 200
    page = form.content.decode()
    assert "Issue a credit note on INV-2026-000001" in page
    assert "Platform fee" in page
    assert "$400.00" in page
    assert "$1,100.00" in page

    with time_machine.travel(APRIL_10, tick=False), django_capture_on_commit_callbacks(execute=True):
        response = client.post(_issue_url(invoice), {"reason": "service_issue", "amount": "100.00", "memo": "SLA"},
                               follow=True)

    note = CreditNote.objects.get()
    assert response.redirect_chain[-1][0] == reverse("admin:invoicing_creditnote_change", args=[note.pk])
    assert (note.total, note.created_by, note.memo) == (D("110.00"), "billing-admin", "SLA")
    page = response.content.decode()
    assert "Issued credit note CN-2026-000001 for $110.00" in page
    assert "API calls" in page
    assert "$60.00" in page
    pdf = client.get(reverse("admin:invoicing_creditnote_pdf", args=[note.pk]))
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    invoice_page = client.get(reverse("admin:invoicing_invoice_change", args=[invoice.pk])).content.decode()
    assert "$110.00" in invoice_page
    assert "$990.00" in invoice_page


def test_credit_by_line_in_the_admin(client, invoice, django_capture_on_commit_callbacks):
    client.force_login(_staff_in(roles.BILLING_ADMIN))
    platform = invoice.lines.get(line_code="platform")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_issue_url(invoice), {"reason": "billing_error", f"line_{platform.pk}": "400"})

    assert response.status_code == 302
    note = CreditNote.objects.get()
    assert [(li.invoice_line_id, li.amount, li.tax_amount) for li in note.lines.all()] == [
        (platform.pk, D("400.00"), D("40.00")),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": "other"}, "Give an amount, or an amount on at least one line."),
        ({"reason": "other", "amount": "5", "line_api": "5"}, "Give an amount or amounts per line, not both."),
        ({"reason": "other", "amount": "1000.01"}, "At most 1000.00 USD (before tax) is left to credit"),
        ({"reason": "other", "line_api": "600.01"}, "At most 600.00 USD is left to credit on this line."),
        ({"reason": "other", "amount": "0"}, "Ensure this value is greater than or equal to 0.01."),
    ],
)
def test_bad_input_shows_field_errors_and_issues_nothing(client, invoice, data: dict, message: str):
    client.force_login(_staff_in(roles.BILLING_ADMIN))
    api_line = invoice.lines.get(line_code="api")
    data = {(f"line_{api_line.pk}" if k == "line_api" else k): v for k, v in data.items()}

    response = client.post(_issue_url(invoice), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert CreditNote.objects.count() == 0


def test_draft_invoices_are_sent_back(client, invoice):
    client.force_login(_staff_in(roles.BILLING_ADMIN))
    draft = Invoice.objects.create(customer=invoice.customer, billing_date=dt.date(2026, 5, 1), currency="USD",
                                   period_start=dt.date(2026, 4, 1), period_end=dt.date(2026, 5, 1))

    response = client.get(_issue_url(draft), follow=True)

    assert any("only open or paid invoices take credit notes" in str(m) for m in response.context["messages"])


@pytest.mark.parametrize("role", [roles.AR_ANALYST, roles.CFO, roles.AUDITOR])
def test_other_roles_see_credit_notes_but_cannot_issue_them(client, invoice, django_capture_on_commit_callbacks, role):
    with django_capture_on_commit_callbacks(execute=True):
        note = credit_note_issue(invoice_id=invoice.pk, amount="10.00", reason="other")
    client.force_login(_staff_in(role))

    assert client.get(_issue_url(invoice)).status_code == 403
    assert client.post(_issue_url(invoice), {"reason": "other", "amount": "5"}).status_code == 403
    assert client.get(reverse("admin:invoicing_creditnote_changelist")).status_code == 200
    assert client.get(reverse("admin:invoicing_creditnote_change", args=[note.pk])).status_code == 200
    assert CreditNote.objects.count() == 1


def test_invoice_page_lists_its_credit_notes_and_where_the_money_went(
    client, invoice, django_capture_on_commit_callbacks
):
    client.force_login(_staff_in(roles.BILLING_ADMIN))
    page_url = reverse("admin:invoicing_invoice_change", args=[invoice.pk])
    assert "None · " in client.get(page_url).content.decode()
    with time_machine.travel(APRIL_10, tick=False), django_capture_on_commit_callbacks(execute=True):
        credit_note_issue(invoice_id=invoice.pk, amount="100.00", reason="service_issue", actor="billing-admin")

    page = client.get(page_url).content.decode()

    note = CreditNote.objects.get()
    assert reverse("admin:invoicing_creditnote_change", args=[note.pk]) in page
    assert (
        "CN-2026-000001</a> (Service issue (SLA credit)): $110.00, "
        "of which $110.00 off the amount due and $0.00 refunded" in page
    )
    assert "$110.00 off the amount due; $0.00 refunded" in page
