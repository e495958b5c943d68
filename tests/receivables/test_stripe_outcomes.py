"""Stripe outcomes are the truth (against localstripe): a PaymentIntent that is processing or
waits for the customer's authentication is pending, never failed, and never charged twice;
signed webhooks settle it, once per event id; declines open a dunning case planned by the
policy, and a hard decline escalates at once."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import time
from decimal import Decimal

import pytest
import requests
import time_machine
from django.urls import reverse

from audit.models import AuditEvent
from contracts.services import customer_card_attach
from integrations import stripe_gateway
from integrations.models import StripeWebhookEvent
from receivables.choices import AttemptStatus, DunningStatus, HistorySource
from receivables.models import DunningCase, Payment, PaymentAttempt, PaymentHistoryRecord
from receivables.services import _attempt_settle, dunning_retry, invoice_collect
from tests.factories import CustomerFactory
from tests.invoicing.credit_note_fixtures import issued_invoice

pytestmark = pytest.mark.django_db

WEBHOOK_SECRET = "whsec_test_outcomes"
REQUIRES_AUTHENTICATION = "4000002500003155"
DECLINED_ON_CHARGE = "4000000000000341"


@pytest.fixture
def stripe_webhooks(settings, stripe_on: str) -> str:
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    return stripe_on


def _signed(payload: dict) -> tuple[bytes, str]:
    body = json.dumps(payload).encode()
    timestamp = int(time.time())
    signature = hmac.new(WEBHOOK_SECRET.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return body, f"t={timestamp},v1={signature}"


def _deliver(client, event_id: str, kind: str, obj: dict):  # type: ignore[no-untyped-def]
    body, signature = _signed({"id": event_id, "object": "event", "type": kind, "data": {"object": obj}})
    return client.post(reverse("stripe-webhook"), body, content_type="application/json",
                       HTTP_STRIPE_SIGNATURE=signature)  # fmt: skip


def _intents_of(stripe_customer_id: str) -> list:
    listing = stripe_gateway._client().v1.payment_intents.list(params={"limit": 100})
    return [i for i in listing.data if i.customer == stripe_customer_id]


def _succeeded_charges(stripe_customer_id: str) -> int:
    listing = stripe_gateway._client().v1.charges.list(params={"limit": 100})
    return sum(1 for c in listing.data if c.customer == stripe_customer_id and c.status == "succeeded")


def _authenticate(base: str, intent_id: str) -> None:
    """The customer completes 3-D Secure (localstripe's stand-in for Stripe.js)."""
    intent = stripe_gateway._client().v1.payment_intents.retrieve(intent_id)
    response = requests.post(
        f"{base}/v1/payment_intents/{intent_id}/_authenticate",
        data={"client_secret": intent.client_secret, "success": "true"},
        auth=("sk_test_autobill", ""),
        timeout=10,
    )
    assert response.status_code == 200, response.text


def _invoice_with_card(callbacks, card: str):  # type: ignore[no-untyped-def]
    customer = CustomerFactory(timezone="America/New_York")
    customer_card_attach(customer=customer, card_number=card)
    customer.refresh_from_db()
    return issued_invoice(callbacks, customer=customer), customer  # finalising charges the saved card


def test_requires_action_is_pending_and_a_retry_cannot_charge_twice(
    client, django_capture_on_commit_callbacks, stripe_webhooks
) -> None:
    invoice, customer = _invoice_with_card(django_capture_on_commit_callbacks, REQUIRES_AUTHENTICATION)
    attempt = PaymentAttempt.objects.get(invoice=invoice)
    assert attempt.status == AttemptStatus.PROCESSING
    assert not DunningCase.objects.filter(invoice=invoice).exists()  # pending is not a failure

    again = invoice_collect(invoice_id=invoice.pk)  # a retry while Stripe waits for the customer

    assert again is not None
    assert again.pk == attempt.pk
    assert PaymentAttempt.objects.filter(invoice=invoice).count() == 1
    assert len(_intents_of(customer.stripe_customer_id)) == 1

    _authenticate(stripe_webhooks, attempt.stripe_payment_intent_id)  # the customer completes 3-D Secure
    obj = {"id": attempt.stripe_payment_intent_id, "object": "payment_intent"}
    first = _deliver(client, "evt_pi_ok", "payment_intent.succeeded", obj)
    replay = _deliver(client, "evt_pi_ok", "payment_intent.succeeded", obj)
    after_paid = invoice_collect(invoice_id=invoice.pk)

    assert first.json() == {"received": True, "result": "succeeded"}
    assert replay.json() == {"received": True, "result": "succeeded"}
    assert StripeWebhookEvent.objects.filter(event_id="evt_pi_ok").count() == 1
    assert after_paid is None
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    assert Payment.objects.filter(customer=customer).count() == 1
    assert len(_intents_of(customer.stripe_customer_id)) == 1
    assert _succeeded_charges(customer.stripe_customer_id) == 1
    assert PaymentHistoryRecord.objects.get(source=HistorySource.OWN).outcome == "succeeded"


def test_the_next_retry_records_a_late_success_from_stripe_without_charging(
    django_capture_on_commit_callbacks, stripe_on
) -> None:
    invoice, customer = _invoice_with_card(django_capture_on_commit_callbacks, REQUIRES_AUTHENTICATION)
    attempt = PaymentAttempt.objects.get(invoice=invoice)
    _authenticate(stripe_on, attempt.stripe_payment_intent_id)  # no webhook arrives

    synced = invoice_collect(invoice_id=invoice.pk)

    assert synced is not None
    assert synced.status == AttemptStatus.SUCCEEDED
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    assert len(_intents_of(customer.stripe_customer_id)) == 1
    assert _succeeded_charges(customer.stripe_customer_id) == 1


def test_a_decline_opens_a_case_planned_by_the_policy_and_the_retry_runs_once(
    django_capture_on_commit_callbacks, stripe_on
) -> None:
    invoice, customer = _invoice_with_card(django_capture_on_commit_callbacks, DECLINED_ON_CHARGE)
    attempt = PaymentAttempt.objects.get(invoice=invoice)
    case = DunningCase.objects.get(invoice=invoice)

    assert attempt.status == AttemptStatus.FAILED
    assert attempt.decline_class == "soft"
    assert case.status == DunningStatus.OPEN
    assert case.next_action == "retry"
    assert case.model_version == "prior"
    assert case.next_action_probability is not None
    assert attempt.attempted_at < case.next_retry_at < attempt.attempted_at + dt.timedelta(days=14)
    assert AuditEvent.objects.filter(action="dunning_case_opened", rule__startswith="dunning.policy").exists()

    with time_machine.travel(case.next_retry_at + dt.timedelta(minutes=1), tick=False):
        first = dunning_retry(case_id=case.pk)
        second = dunning_retry(case_id=case.pk)  # the finder ran twice

    assert first is not None
    assert first.number == 2
    assert second is None
    assert PaymentAttempt.objects.filter(invoice=invoice).count() == 2
    case.refresh_from_db()
    assert case.retries_done == 1


def test_a_hard_decline_escalates_at_once_and_is_never_retried(django_capture_on_commit_callbacks) -> None:
    invoice = issued_invoice(django_capture_on_commit_callbacks, customer=CustomerFactory(timezone="UTC"))
    attempt = PaymentAttempt.objects.create(
        invoice=invoice, number=1, amount=invoice.amount_due, currency="USD", scheduled_for=dt.datetime.now(tz=dt.UTC)
    )

    _attempt_settle(
        attempt_id=attempt.pk,
        result=stripe_gateway.ChargeResult(succeeded=False, failure_code="expired_card", status="failed"),
    )

    case = DunningCase.objects.get(invoice=invoice)
    attempt.refresh_from_db()
    assert attempt.decline_class == "hard"
    assert case.status == DunningStatus.ESCALATED
    assert case.next_retry_at is None
    assert "Hard decline" in case.escalation_reason
    assert dunning_retry(case_id=case.pk) is None


def test_webhook_disputes_and_refunds_update_the_payment_once(
    client, django_capture_on_commit_callbacks, stripe_webhooks
) -> None:
    invoice, customer = _invoice_with_card(django_capture_on_commit_callbacks, "4242424242424242")
    payment = Payment.objects.get(customer=customer)

    opened = _deliver(client, "evt_dp_1", "charge.dispute.created",
                      {"id": "dp_1", "object": "dispute", "charge": payment.stripe_charge_id,
                       "status": "needs_response", "reason": "fraudulent"})  # fmt: skip
    closed = _deliver(client, "evt_dp_2", "charge.dispute.closed",
                      {"id": "dp_1", "object": "dispute", "charge": payment.stripe_charge_id, "status": "lost",
                       "reason": "fraudulent"})  # fmt: skip
    stale = _deliver(client, "evt_dp_1", "charge.dispute.created", {"id": "dp_1", "charge": payment.stripe_charge_id,
                                                                   "status": "needs_response"})  # fmt: skip
    refunded = _deliver(client, "evt_rf_1", "charge.refunded",
                        {"id": payment.stripe_charge_id, "object": "charge", "amount_refunded": 100000,
                         "currency": "usd", "refunded": True})  # fmt: skip

    assert opened.json()["result"] == "needs_response"
    assert closed.json()["result"] == "lost"
    assert stale.json()["result"] == "needs_response"  # redelivered: acknowledged, not applied again
    assert refunded.json()["result"] == "refunded"
    payment.refresh_from_db()
    assert payment.dispute_status == "lost"
    assert payment.status == "refunded"
    assert StripeWebhookEvent.objects.count() == 3
    assert Decimal(AuditEvent.objects.get(action="payment_refund_reported").inputs["amount_refunded"]) == Decimal(1000)
