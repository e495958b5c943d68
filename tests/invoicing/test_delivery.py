"""Emailing issued invoices: one email per invoice, every try recorded, SMTP failures retried."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from audit.models import AuditEvent
from billing_site.celery import app as celery_app
from contracts.models import BillingContact
from invoicing.documents.delivery import invoice_deliver
from invoicing.models import Invoice, InvoiceDeliveryAttempt, InvoiceLine
from invoicing.services import invoice_finalize
from invoicing.tasks import invoice_deliver_task
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

D = Decimal


class FlakySMTPBackend(EmailBackend):
    """The outbox backend, but the next ``failures`` sends fail as a dropped SMTP connection does."""

    failures = 0

    def send_messages(self, messages):  # type: ignore[no-untyped-def]
        if FlakySMTPBackend.failures > 0:
            FlakySMTPBackend.failures -= 1
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky_smtp(settings):  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = f"{__name__}.FlakySMTPBackend"
    FlakySMTPBackend.failures = 0
    yield FlakySMTPBackend
    FlakySMTPBackend.failures = 0


@pytest.fixture
def eager_retries():  # type: ignore[no-untyped-def]
    """Eager tasks that retry as a worker would (at once): with errors propagated, celery raises
    the Retry instead of running the task again."""
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_eager_propagates = True


def _draft(*, email: str = "billing@acme.test", contacts: tuple[str, ...] = ("ap@acme.test",)) -> Invoice:
    customer = CustomerFactory(email=email, name="Acme Inc.")
    for address in contacts:
        BillingContact.objects.create(customer=customer, email=address)
    invoice = Invoice.objects.create(
        customer=customer,
        billing_date=dt.date(2026, 4, 5),
        currency="USD",
        period_start=dt.date(2026, 3, 5),
        period_end=dt.date(2026, 4, 5),
        subtotal=D("720.00"),
        total=D("720.00"),
        customer_snapshot={"name": "Acme Inc.", "email": email, "locale": "en_US"},
    )
    InvoiceLine.objects.create(
        invoice=invoice,
        line_code="api",
        kind="usage",
        description="API calls",
        quantity=D(180000),
        unit_price=D("0.004"),
        precise_amount=D("720.00"),
        amount=D("720.00"),
        period_start=invoice.period_start,
        period_end=invoice.period_end,
    )
    return invoice


def _issued(**kwargs: object) -> Invoice:
    invoice = _draft(**kwargs)  # type: ignore[arg-type]
    invoice.auto_send = False
    invoice.save()
    return invoice_finalize(invoice_id=invoice.pk)


def _attempts(invoice: Invoice) -> list[tuple[str, bool]]:
    return [(a.outcome, a.resend) for a in InvoiceDeliveryAttempt.objects.filter(invoice=invoice).order_by("id")]


def test_finalising_only_queues_the_delivery(django_capture_on_commit_callbacks) -> None:
    draft = _draft()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invoice = invoice_finalize(invoice_id=draft.pk)

    # Issued, numbered, and nothing rendered or sent: that is the worker's job, after commit.
    assert invoice.number
    assert not invoice.pdf
    assert mail.outbox == []
    assert not InvoiceDeliveryAttempt.objects.exists()
    assert callbacks  # the delivery task is enqueued on commit


def test_delivery_emails_pdf_and_pay_link_once(django_capture_on_commit_callbacks) -> None:
    draft = _draft()

    with django_capture_on_commit_callbacks(execute=True):
        invoice = invoice_finalize(invoice_id=draft.pk)
    invoice.refresh_from_db()
    sent_at = invoice.sent_at
    invoice_deliver_task.delay(invoice.pk)  # a duplicate task

    invoice.refresh_from_db()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["billing@acme.test", "ap@acme.test"]
    assert message.subject == f"Invoice {invoice.number} from Autobill Demo Co. ($720.00)"
    assert "/pay/" in message.body
    (name, content, mimetype) = message.attachments[0]
    assert (name, mimetype) == (f"{invoice.number}.pdf", "application/pdf")
    assert content.startswith(b"%PDF")
    assert sent_at is not None
    assert invoice.sent_at == sent_at
    attempt = InvoiceDeliveryAttempt.objects.get(invoice=invoice)
    assert (attempt.outcome, attempt.recipients, attempt.error, attempt.resend, attempt.actor) == (
        "sent",
        ["billing@acme.test", "ap@acme.test"],
        "",
        False,
        "system",
    )


def test_smtp_failure_is_recorded_and_the_retry_sends(
    flaky_smtp, eager_retries, django_capture_on_commit_callbacks
) -> None:
    flaky_smtp.failures = 1
    draft = _draft()

    with django_capture_on_commit_callbacks(execute=True):  # the task, eagerly: fails, retries, sends
        invoice = invoice_finalize(invoice_id=draft.pk)

    invoice.refresh_from_db()
    assert _attempts(invoice) == [("failed", False), ("sent", False)]
    failed = InvoiceDeliveryAttempt.objects.filter(invoice=invoice, outcome="failed").get()
    assert failed.error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert failed.recipients == ["billing@acme.test", "ap@acme.test"]
    assert len(mail.outbox) == 1
    assert invoice.sent_at is not None
    assert invoice.history.filter(sent_at__isnull=False).count() == 1  # set once
    assert AuditEvent.objects.filter(action="invoice_send_failed", object_id=str(invoice.pk)).count() == 1
    assert AuditEvent.objects.filter(action="invoice_sent", object_id=str(invoice.pk)).count() == 1


def test_failed_attempt_survives_the_rolled_back_delivery(flaky_smtp) -> None:
    invoice = _issued()
    flaky_smtp.failures = 1

    with pytest.raises(SMTPServerDisconnected):
        invoice_deliver(invoice_id=invoice.pk)

    invoice.refresh_from_db()
    assert invoice.sent_at is None
    assert _attempts(invoice) == [("failed", False)]
    assert mail.outbox == []

    invoice_deliver(invoice_id=invoice.pk)  # the retry
    invoice_deliver(invoice_id=invoice.pk)  # a duplicate: already sent, nothing happens

    invoice.refresh_from_db()
    assert invoice.sent_at is not None
    assert _attempts(invoice) == [("failed", False), ("sent", False)]
    assert len(mail.outbox) == 1


def test_smtp_failures_exhaust_the_retries_and_leave_every_attempt(flaky_smtp, eager_retries) -> None:
    invoice = _issued()
    flaky_smtp.failures = 100

    result = invoice_deliver_task.delay(invoice.pk)

    assert isinstance(result.result, SMTPServerDisconnected)

    invoice.refresh_from_db()
    assert invoice.sent_at is None
    assert _attempts(invoice) == [("failed", False)] * (invoice_deliver_task.max_retries + 1)


def test_resend_adds_an_attempt_and_keeps_the_first_sent_at(admin_user) -> None:
    invoice = _issued()
    invoice_deliver(invoice_id=invoice.pk)
    invoice.refresh_from_db()
    first_sent_at = invoice.sent_at

    invoice_deliver(invoice_id=invoice.pk, actor=admin_user, force=True)

    invoice.refresh_from_db()
    assert invoice.sent_at == first_sent_at
    assert len(mail.outbox) == 2
    assert _attempts(invoice) == [("sent", False), ("sent", True)]
    assert InvoiceDeliveryAttempt.objects.filter(invoice=invoice, resend=True).get().actor == admin_user.username


def test_customer_without_email_is_a_failed_attempt_not_a_retry() -> None:
    invoice = _issued(email="", contacts=())
    invoice.customer_snapshot = {"name": "Acme Inc."}
    invoice.save()

    invoice_deliver_task.delay(invoice.pk)

    invoice.refresh_from_db()
    assert invoice.sent_at is None
    assert mail.outbox == []
    attempt = InvoiceDeliveryAttempt.objects.get(invoice=invoice)
    assert (attempt.outcome, attempt.recipients) == ("failed", [])
    assert "has no email address" in attempt.error


def test_drafts_and_void_invoices_are_not_sent() -> None:
    draft = _draft()

    invoice_deliver(invoice_id=draft.pk, force=True)

    assert mail.outbox == []
    assert not InvoiceDeliveryAttempt.objects.exists()


def test_admin_shows_attempts_and_resend_keeps_working(admin_client, flaky_smtp) -> None:
    invoice = _issued()
    flaky_smtp.failures = 1
    changelist = reverse("admin:invoicing_invoice_changelist")

    failed = admin_client.post(changelist, {"action": "resend_email", "_selected_action": [invoice.pk]}, follow=True)
    sent = admin_client.post(changelist, {"action": "resend_email", "_selected_action": [invoice.pk]}, follow=True)
    page = admin_client.get(reverse("admin:invoicing_invoice_change", args=[invoice.pk]))

    assert any("Connection unexpectedly closed" in str(m) for m in failed.context["messages"])
    assert any("Emailed 1 invoice(s)" in str(m) for m in sent.context["messages"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Email delivery attempts" in html
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in html
    assert "billing@acme.test, ap@acme.test" in html
    assert html.count('<td class="field-outcome">') == 2
    assert 'name="delivery_attempts-0-outcome"' not in html  # read-only: no form fields
    assert _attempts(invoice) == [("failed", False), ("sent", False)]


def test_api_invoice_shows_delivery(api, flaky_smtp) -> None:
    invoice = _issued()
    flaky_smtp.failures = 1

    refused = api.post(f"/api/v1/invoices/{invoice.pk}/send")
    sent = api.post(f"/api/v1/invoices/{invoice.pk}/send")
    body = api.get(f"/api/v1/invoices/{invoice.pk}").json()

    assert refused.status_code == 503
    assert "mail server" in refused.json()["error"]["message"]
    assert sent.status_code == 200
    assert body["sent_at"] is not None
    assert [(a["outcome"], a["recipients"], a["resend"]) for a in body["delivery_attempts"]] == [
        ("sent", ["billing@acme.test", "ap@acme.test"], False),
        ("failed", ["billing@acme.test", "ap@acme.test"], False),
    ]
    assert body["delivery_attempts"][1]["error"] == "SMTPServerDisconnected: Connection unexpectedly closed"
