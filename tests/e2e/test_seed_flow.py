"""The seed's worked example, end to end through the public API and the Celery tasks:
$0.004 per API call, $200 monthly minimum, signed March 5, 180,000 calls -> invoice 720.00,
charged by Stripe (localstripe), booked, recognised and reconciled."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from contracts.models import Customer
from contracts.services import customer_card_attach
from invoicing.models import Invoice
from ledger.models import JournalEntry
from receivables.choices import DunningStatus
from receivables.models import DunningCase, Payment
from receivables.signals import payment_failed
from receivables.tasks import dunning_reminders_due_task
from revrec.models import RevenueScheduleEntry

pytestmark = pytest.mark.django_db(transaction=True)

APRIL_5_NOON = dt.datetime(2026, 4, 5, 12, 0, tzinfo=dt.UTC)
BEFORE_CLOSE = dt.datetime(2026, 4, 5, 3, 59, tzinfo=dt.UTC)  # Apr 4, 23:59 in New York
CONTRACT = {
    "customer": "acme",
    "external_id": "acme-2026",
    "start_date": "2026-03-05",
    "end_date": None,
    "currency": "USD",
    "billing_alignment": "anniversary",
    "auto_send": True,
    "minimum_commitment": None,
    "lines": [
        {
            "code": "api",
            "description": "API calls",
            "charge_model": "per_unit",
            "metric": "api_calls",
            "unit_price": "0.004",
            "minimum_amount": "200.00",
            "billing_interval": "month",
            "billing_interval_count": 1,
            "billing_timing": "in_arrears",
        }
    ],
}


def _setup(api, *, card: str | None = "4242424242424242") -> Customer:
    response = api.post(
        "/api/v1/customers",
        {
            "external_id": "acme",
            "name": "Acme Inc.",
            "email": "billing@acme.test",
            "currency": "USD",
            "timezone": "America/New_York",
            "payment_terms_days": 0,
            "address": {"line1": "1 Main St", "city": "Boston", "postal_code": "02110", "country": "US"},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    response = api.post(
        "/api/v1/meters",
        {
            "code": "api_calls",
            "name": "API calls",
            "aggregation": "sum",
            "field": "quantity",
            "unit_label": "API calls",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    response = api.post("/api/v1/contracts", CONTRACT, format="json")
    assert response.status_code == 201, response.json()
    customer = Customer.objects.get(external_id="acme")
    if card:
        customer_card_attach(customer=customer, card_number=card)
    return customer


def _send_calls(api, calls: int, *, prefix: str = "evt") -> list[dict]:
    """One event per API call, spread over March 5 .. April 4 (New York), in batches of 10,000."""
    start = dt.datetime(2026, 3, 5, 5, 0, tzinfo=dt.UTC)  # Mar 5 00:00 in New York (EST)
    span = (dt.datetime(2026, 4, 5, 4, 0, tzinfo=dt.UTC) - start).total_seconds()
    events = [
        {
            "idempotency_key": f"{prefix}-{i}",
            "customer": "acme",
            "metric": "api_calls",
            "timestamp": (start + dt.timedelta(seconds=span * i / calls)).isoformat(),
            "quantity": "1",
        }
        for i in range(calls)
    ]
    batches = []
    for offset in range(0, calls, 10_000):
        response = api.post("/api/v1/events/batch", {"events": events[offset : offset + 10_000]}, format="json")
        assert response.status_code == 200, response.json()
        batches.append(response.json())
    assert sum(b["accepted"] for b in batches) == calls
    return events


def test_seed_example_invoiced_collected_recognised_and_reconciled(api, stripe_on, mailoutbox):
    with time_machine.travel(BEFORE_CLOSE, tick=False):
        _setup(api)
        events = _send_calls(api, 180_000)
        # A retried delivery changes nothing.
        again = api.post("/api/v1/events/batch", {"events": events[:10_000]}, format="json").json()
        assert again == {"accepted": 0, "duplicates": 10_000, "rejected": []}

    # The period [Mar 5, Apr 5) closes at midnight in New York: at 00:00Z on Apr 5 it is still open.
    with time_machine.travel(dt.datetime(2026, 4, 5, 0, 0, tzinfo=dt.UTC), tick=False):
        early = api.post("/api/v1/billing-runs", {"as_of": "2026-04-05T00:00:00Z"}, format="json").json()
        assert early["invoices_created"] == 0

    with time_machine.travel(APRIL_5_NOON, tick=False):
        run = api.post("/api/v1/billing-runs", {"as_of": "2026-04-05T12:00:00Z"}, format="json")
        assert run.status_code == 201
        assert run.json()["invoices_created"] == 1, run.json()["errors"]
        rerun = api.post("/api/v1/billing-runs", {"as_of": "2026-04-05T12:00:00Z"}, format="json").json()
        assert rerun["invoices_created"] == 0
        assert rerun["invoices_existing"] == 1

    assert Invoice.objects.count() == 1
    listing = api.get("/api/v1/invoices", {"customer": "acme"}).json()
    assert listing["count"] == 1
    invoice = api.get(f"/api/v1/invoices/{listing['results'][0]['id']}").json()
    assert invoice["status"] == "paid"
    assert invoice["number"] == "INV-2026-000001"
    assert (invoice["period_start"], invoice["period_end"]) == ("2026-03-05", "2026-04-05")
    assert (invoice["issue_date"], invoice["due_date"]) == ("2026-04-05", "2026-04-05")
    assert (invoice["total"], invoice["amount_paid"], invoice["amount_due"]) == ("720.00", "720.00", "0.00")
    assert [
        (line["description"], line["quantity"], line["unit_price"], line["amount"]) for line in invoice["lines"]
    ] == [("180,000 API calls x $0.004", "180000", "0.004", "720.00")]

    # Emailed with the PDF attached and the payment link.
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["billing@acme.test"]
    assert "INV-2026-000001" in message.subject
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("INV-2026-000001.pdf", "application/pdf")
    assert content.startswith(b"%PDF")
    assert "/pay/" in message.body
    assert api.get(invoice["pdf_url"]).status_code == 200

    # Collected by Stripe, booked, recognised.
    payment = Payment.objects.get()
    assert payment.amount == Decimal("720.00")
    assert payment.stripe_payment_intent_id.startswith("pi_")
    entries = {
        e.source_key: {(line.account.code, line.debit, line.credit) for line in e.lines.all()}
        for e in JournalEntry.objects.prefetch_related("lines__account")
    }
    invoice_pk = invoice["id"]
    assert entries[f"invoice:{invoice_pk}:issued"] == {
        ("1100", Decimal("720.0000"), Decimal(0)),
        ("4000", Decimal(0), Decimal("720.0000")),
    }
    assert entries[f"payment:{payment.pk}:received"] == {
        ("1000", Decimal("720.0000"), Decimal(0)),
        ("1100", Decimal(0), Decimal("720.0000")),
    }
    revenue = RevenueScheduleEntry.objects.get()
    assert (revenue.amount, revenue.pattern, revenue.recognized_on) == (
        Decimal("720.0000"),
        "as_consumed",
        dt.date(2026, 4, 5),
    )

    report = api.get("/api/v1/reports/reconciliation", {"period": "2026-03"}).json()
    assert report["total"]["billed"] == "720.00"
    assert report["total"]["collected"] == "720.00"
    assert report["total"]["recognized"] == "720.00"
    assert report["total"]["accounts_receivable"] == "0.00"
    assert report["findings"] == []


def test_minimum_applies_with_20000_calls(api):
    with time_machine.travel(BEFORE_CLOSE, tick=False):
        _setup(api, card=None)
        _send_calls(api, 20_000)
    with time_machine.travel(APRIL_5_NOON, tick=False):
        api.post("/api/v1/billing-runs", {"as_of": "2026-04-05T12:00:00Z"}, format="json")
    invoice = api.get(f"/api/v1/invoices/{Invoice.objects.get().pk}").json()
    assert invoice["total"] == "200.00"
    assert invoice["status"] == "open"  # no card on file: waits for payment
    assert [(line["kind"], line["amount"]) for line in invoice["lines"]] == [("usage", "80.00"), ("minimum", "120.00")]


def test_declined_card_opens_dunning_and_queues_reminder(api, stripe_on, mailoutbox):
    failures = []

    def on_failure(sender, **kwargs):
        failures.append(kwargs)

    payment_failed.connect(on_failure, dispatch_uid="test-failures")
    try:
        with time_machine.travel(BEFORE_CLOSE, tick=False):
            _setup(api, card="4000000000000341")  # attaches, then declines every charge
            _send_calls(api, 1_000)
        with time_machine.travel(APRIL_5_NOON, tick=False):
            api.post("/api/v1/billing-runs", {"as_of": "2026-04-05T12:00:00Z"}, format="json")
    finally:
        payment_failed.disconnect(dispatch_uid="test-failures")

    invoice = Invoice.objects.get()
    assert invoice.status == "open"
    assert invoice.amount_due == Decimal("200.00")
    assert Payment.objects.count() == 0
    assert [f["failure_code"] for f in failures] == ["card_declined"]
    case = DunningCase.objects.get()
    assert case.status == DunningStatus.OPEN
    assert case.next_retry_at > APRIL_5_NOON
    assert case.next_action == "retry"  # planned by the dunning policy (the prior: no model trained)
    assert case.model_version == "prior"
    # Failed at 8am in New York: the reminder goes out at 9am there (EDT: 13:00 UTC).
    assert case.next_reminder_at == dt.datetime(2026, 4, 5, 13, 0, tzinfo=dt.UTC)
    assert len(mailoutbox) == 1  # the invoice itself
    with time_machine.travel(dt.datetime(2026, 4, 5, 12, 59, tzinfo=dt.UTC), tick=False):
        assert dunning_reminders_due_task() == 0  # not yet 9am there
    with time_machine.travel(dt.datetime(2026, 4, 5, 13, 1, tzinfo=dt.UTC), tick=False):
        assert dunning_reminders_due_task() == 1
        assert dunning_reminders_due_task() == 0  # sent once
    assert len(mailoutbox) == 2
    assert mailoutbox[1].subject == f"Payment failed for invoice {invoice.number}"


def test_auto_send_draft_left_behind_is_finalised_by_the_next_run(api, monkeypatch):
    from billing_site import queue

    with time_machine.travel(BEFORE_CLOSE, tick=False):
        _setup(api, card=None)
        _send_calls(api, 100)
    lost = []
    enqueue = queue.task_enqueue

    def broker_loses_finalize(name, *args):
        if name == "invoicing.tasks.invoice_finalize_task":
            lost.append(args)  # the broker lost the task
        else:
            enqueue(name, *args)

    monkeypatch.setattr(queue, "task_enqueue", broker_loses_finalize)
    with time_machine.travel(APRIL_5_NOON, tick=False):
        api.post("/api/v1/billing-runs", {"as_of": "2026-04-05T12:00:00Z"}, format="json")
    assert Invoice.objects.get().status == "draft"
    assert len(lost) == 1
    monkeypatch.undo()
    with time_machine.travel(APRIL_5_NOON + dt.timedelta(minutes=5), tick=False):
        api.post("/api/v1/billing-runs", {"as_of": "2026-04-05T12:05:00Z"}, format="json")
    invoice = Invoice.objects.get()
    assert (invoice.status, invoice.number) == ("open", "INV-2026-000001")
