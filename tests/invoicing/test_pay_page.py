"""The invoice's pay page: signed, expiring link; card payments through a Stripe PaymentIntent that
our server makes and, after Stripe.js confirmed it, retrieves from Stripe before recording anything.
Stripe is localstripe; Stripe.js's confirmation is done server-side the way it would do it."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import time
from decimal import Decimal

import pytest
import stripe
import time_machine
from django.urls import reverse

from audit.models import AuditEvent
from invoicing.models import Invoice, InvoiceLine
from invoicing.selectors import invoice_pay_token
from invoicing.services import invoice_finalize
from receivables.choices import PayPageIntentStatus
from receivables.models import Payment, PayPageIntent
from receivables.services import payment_record
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

D = Decimal
WEBHOOK_SECRET = "whsec_test_autobill"


@pytest.fixture
def card_form(settings, stripe_on: str) -> str:
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_autobill"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    return stripe_on


def _stripe(base: str) -> stripe.StripeClient:
    return stripe.StripeClient("sk_test_autobill", base_addresses={"api": base})


def _invoice(total: str = "720.00") -> Invoice:
    customer = CustomerFactory(name="Acme Inc.")
    invoice = Invoice.objects.create(
        customer=customer, billing_date=dt.date(2026, 4, 5), currency="USD", period_start=dt.date(2026, 3, 5),
        period_end=dt.date(2026, 4, 5), subtotal=D(total), total=D(total), auto_send=False,
        customer_snapshot={"name": "Acme Inc.", "email": customer.email, "locale": "en_US"},
    )  # fmt: skip
    InvoiceLine.objects.create(
        invoice=invoice, line_code="api", kind="usage", description="API calls", quantity=D(1),
        unit_price=D(total), precise_amount=D(total), amount=D(total),
        period_start=invoice.period_start, period_end=invoice.period_end,
    )  # fmt: skip
    return invoice_finalize(invoice_id=invoice.pk)


def _urls(invoice: Invoice) -> dict[str, str]:
    token = invoice_pay_token(invoice)
    return {name: reverse(f"invoice-pay{suffix}", args=[token]) for name, suffix in
            (("page", ""), ("intent", "-intent"), ("return", "-return"))}  # fmt: skip


def _confirm(base: str, intent_id: str, payment_method: str) -> None:
    """What Stripe.js's confirmCardPayment does with the card element: attach the card, confirm.
    (localstripe's confirm takes no payment_method, so it is set by an update first.)"""
    client = _stripe(base)
    client.v1.payment_intents.update(intent_id, params={"payment_method": payment_method})
    # A decline raises; the intent goes back to requires_payment_method, with the error on it.
    with contextlib.suppress(stripe.CardError):
        client.v1.payment_intents.confirm(intent_id)


def _declining_card(base: str) -> str:
    card = {"number": "4000000000000341", "exp_month": 12, "exp_year": 2030, "cvc": "123"}
    return _stripe(base).v1.payment_methods.create(params={"type": "card", "card": card}).id


def test_page_shows_the_invoice_and_a_stripe_card_form(client, card_form) -> None:
    invoice = _invoice()

    page = client.get(_urls(invoice)["page"])

    html = page.content.decode()
    assert page.status_code == 200
    assert f"Invoice {invoice.number}" in html
    assert "Pay $720.00 by card" in html
    assert f'src="{card_form}/js.stripe.com/v3/"' in html
    assert '"publishable_key": "pk_test_autobill"' in html
    assert "confirmCardPayment" in html
    assert not PayPageIntent.objects.exists()  # viewing makes no intent: only "Pay" does


def test_no_card_form_without_stripe_or_when_nothing_is_due(client, settings, card_form) -> None:
    paid = _invoice(total="0.00")
    invoice = _invoice()
    settings.STRIPE_PUBLISHABLE_KEY = ""

    no_key = client.get(_urls(invoice)["page"]).content.decode()
    refused = client.post(_urls(invoice)["intent"])
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_autobill"
    nothing_due = client.get(_urls(paid)["page"]).content.decode()

    assert "by card" not in no_key
    assert "To pay by bank transfer" in no_key
    assert refused.status_code == 422
    assert refused.json()["error"]["message"] == "Card payments are not available; please pay by bank transfer."
    assert "by card" not in nothing_due
    assert "Paid in full" in nothing_due


def test_card_payment_is_recorded_once_from_stripe(client, card_form) -> None:
    invoice = _invoice()
    urls = _urls(invoice)

    first = client.post(urls["intent"]).json()
    again = client.post(urls["intent"]).json()  # a reload, or a second tab: the same intent
    _confirm(card_form, first["payment_intent"], "pm_card_visa")
    back = client.get(urls["return"], {"payment_intent": first["payment_intent"]})
    page = client.get(back["Location"])
    client.get(urls["return"], {"payment_intent": first["payment_intent"]})  # re-hit

    assert (first["status"], first["amount"], first["currency"]) == ("requires_payment_method", "720.00", "USD")
    assert first["client_secret"].startswith(first["payment_intent"] + "_secret_")
    assert again["payment_intent"] == first["payment_intent"]
    assert back.status_code == 302
    assert back["Location"] == urls["page"]
    assert "Thank you: your payment has been received." in page.content.decode()
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    assert invoice.amount_due == D(0)
    payment = Payment.objects.get()
    assert (payment.amount, payment.method, payment.stripe_payment_intent_id) == (
        D("720.00"),
        "card",
        first["payment_intent"],
    )
    assert payment.stripe_charge_id.startswith("ch_")
    assert payment.allocations.get().invoice_id == invoice.pk
    row = PayPageIntent.objects.get()
    assert (row.status, row.payment_id) == (PayPageIntentStatus.SUCCEEDED, payment.pk)
    assert AuditEvent.objects.filter(action="pay_page_payment_recorded").count() == 1
    assert client.post(urls["intent"]).status_code == 422  # nothing due any more


def test_declined_card_shows_the_error_and_the_invoice_stays_open(client, card_form) -> None:
    invoice = _invoice()
    urls = _urls(invoice)
    intent = client.post(urls["intent"]).json()

    _confirm(card_form, intent["payment_intent"], _declining_card(card_form))
    back = client.get(urls["return"], {"payment_intent": intent["payment_intent"]}, follow=True)

    html = back.content.decode()
    assert "The payment did not go through:" in html
    assert "declined" in html.lower()
    invoice.refresh_from_db()
    assert invoice.status == "open"
    assert not Payment.objects.exists()
    assert "declined" in PayPageIntent.objects.get().last_error.lower()
    # Another card is tried on the same intent (localstripe cannot confirm an intent twice, so the
    # second confirmation itself is not played here).
    retry = client.post(urls["intent"]).json()
    assert (retry["payment_intent"], retry["status"]) == (intent["payment_intent"], "requires_payment_method")


def test_return_without_confirmation_records_nothing(client, card_form) -> None:
    invoice = _invoice()
    urls = _urls(invoice)
    intent = client.post(urls["intent"]).json()

    page = client.get(urls["return"], {"payment_intent": intent["payment_intent"]}, follow=True)

    assert "The payment has not been completed." in page.content.decode()
    assert not Payment.objects.exists()


def test_return_with_another_invoices_intent_is_refused(client, card_form) -> None:
    mine, other = _invoice(), _invoice()
    other_intent = client.post(_urls(other)["intent"]).json()["payment_intent"]
    _confirm(card_form, other_intent, "pm_card_visa")

    page = client.get(_urls(mine)["return"], {"payment_intent": other_intent}, follow=True)
    forged = client.get(_urls(mine)["return"], {"payment_intent": "pi_forged"}, follow=True)

    assert "Unknown payment for this invoice." in page.content.decode()
    assert "Unknown payment for this invoice." in forged.content.decode()
    assert not Payment.objects.exists()
    mine.refresh_from_db()
    assert mine.status == "open"


def test_tampered_and_expired_links_are_refused(client, settings, card_form) -> None:
    invoice = _invoice()
    urls = _urls(invoice)
    tampered = urls["page"].replace("/pay/", "/pay/x")

    bad = client.get(tampered)
    bad_intent = client.post(tampered.rstrip("/") + "/intent")
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=settings.PAYMENT_LINK_MAX_AGE_DAYS + 1)):
        expired = client.get(urls["page"])
        expired_intent = client.post(urls["intent"])
        expired_return = client.get(urls["return"], {"payment_intent": "pi_x"})

    assert bad.status_code == 404
    assert "Unknown payment link" in bad.content.decode()
    assert bad_intent.status_code == 404
    assert expired.status_code == 403
    assert "This payment link has expired" in expired.content.decode()
    assert expired_intent.status_code == 403
    assert expired_return.status_code == 403
    assert not PayPageIntent.objects.exists()


def test_new_amount_due_gets_a_new_intent_and_the_old_one_is_canceled(client, card_form) -> None:
    invoice = _invoice()
    urls = _urls(invoice)
    old = client.post(urls["intent"]).json()["payment_intent"]
    payment_record(
        invoice=invoice, amount=D("200.00"), method="bank_transfer", received_at=dt.datetime.now(tz=dt.UTC),
        reference="WIRE-1",
    )  # fmt: skip

    new = client.post(urls["intent"]).json()

    assert new["payment_intent"] != old
    assert new["amount"] == "520.00"
    assert _stripe(card_form).v1.payment_intents.retrieve(old).status == "canceled"
    assert PayPageIntent.objects.get(stripe_payment_intent_id=old).status == PayPageIntentStatus.CANCELED


def _signed(payload: dict, secret: str = WEBHOOK_SECRET) -> tuple[bytes, str]:
    body = json.dumps(payload).encode()
    timestamp = int(time.time())
    signature = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return body, f"t={timestamp},v1={signature}"


def _event(intent_id: str, kind: str = "payment_intent.succeeded") -> dict:
    return {
        "id": "evt_1",
        "object": "event",
        "type": kind,
        "data": {"object": {"id": intent_id, "object": "payment_intent"}},
    }


def test_webhook_records_the_payment_once_and_the_return_agrees(client, card_form) -> None:
    invoice = _invoice()
    urls = _urls(invoice)
    intent = client.post(urls["intent"]).json()["payment_intent"]
    _confirm(card_form, intent, "pm_card_visa")
    body, signature = _signed(_event(intent))

    first = client.post(reverse("stripe-webhook"), body, content_type="application/json",
                        HTTP_STRIPE_SIGNATURE=signature)  # fmt: skip
    replay = client.post(reverse("stripe-webhook"), body, content_type="application/json",
                         HTTP_STRIPE_SIGNATURE=signature)  # fmt: skip
    page = client.get(urls["return"], {"payment_intent": intent}, follow=True)

    assert first.status_code == 200
    assert first.json() == {"received": True, "result": "succeeded"}
    assert replay.json() == {"received": True, "result": "succeeded"}
    assert "Thank you" in page.content.decode()
    assert Payment.objects.count() == 1
    invoice.refresh_from_db()
    assert invoice.status == "paid"


def test_webhook_refuses_bad_signatures_and_ignores_other_intents(client, card_form) -> None:
    invoice = _invoice()
    intent = client.post(_urls(invoice)["intent"]).json()["payment_intent"]
    _confirm(card_form, intent, "pm_card_visa")
    body, _ = _signed(_event(intent))
    _, forged = _signed(_event(intent), secret="whsec_someone_else")
    other_body, other_signature = _signed(_event("pi_not_ours"))

    refused = client.post(reverse("stripe-webhook"), body, content_type="application/json",
                          HTTP_STRIPE_SIGNATURE=forged)  # fmt: skip
    unsigned = client.post(reverse("stripe-webhook"), body, content_type="application/json")
    ignored = client.post(reverse("stripe-webhook"), other_body, content_type="application/json",
                          HTTP_STRIPE_SIGNATURE=other_signature)  # fmt: skip

    assert refused.status_code == 400
    assert unsigned.status_code == 400
    assert ignored.json() == {"received": True, "result": "ignored"}
    assert not Payment.objects.exists()


def test_card_payment_after_the_invoice_was_settled_otherwise_is_flagged(client, card_form) -> None:
    invoice = _invoice()
    urls = _urls(invoice)
    intent = client.post(urls["intent"]).json()["payment_intent"]
    _confirm(card_form, intent, "pm_card_visa")  # paid in a tab left open...
    payment_record(
        invoice=invoice, amount=D("720.00"), method="bank_transfer", received_at=dt.datetime.now(tz=dt.UTC),
    )  # ...while a wire settled it  # fmt: skip

    page = client.get(urls["return"], {"payment_intent": intent}, follow=True)

    assert "we will refund or credit it" in page.content.decode()
    assert Payment.objects.count() == 1  # the wire only
    row = PayPageIntent.objects.get()
    assert row.status == PayPageIntentStatus.UNAPPLIED
    assert AuditEvent.objects.filter(action="pay_page_payment_unapplied").count() == 1
