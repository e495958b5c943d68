"""The live dunning sequence end to end: celery-beat's finder makes each retry at the moment the
policy planned, a hard decline or the end of the 14 days escalates to the AR queue with the full
payment history attached, AR writes an invoice off from the case; the usage trend and card
country reach the live decisions and next-action, and are audited."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import joblib
import numpy as np
import pytest
import time_machine
from django.urls import reverse
from sklearn.ensemble import HistGradientBoostingClassifier

from audit.models import AuditEvent
from contracts.services import customer_card_attach
from integrations import stripe_gateway
from integrations.stripe_gateway import ChargeResult
from metering.selectors import usage_daily_by_customer
from metering.services import meter_create, usage_events_record
from receivables.choices import AttemptStatus, DunningModelStatus, DunningStatus, HistorySource
from receivables.dunning.model import LearnedScorer
from receivables.models import DunningCase, DunningModel, PaymentAttempt, PaymentHistoryRecord
from receivables.services import _attempt_settle
from receivables.tasks import payment_retries_due_task
from tests.factories import CustomerFactory
from tests.invoicing.credit_note_fixtures import issued_invoice

pytestmark = pytest.mark.django_db

UTC = dt.UTC
DECLINED_ON_CHARGE = "4000000000000341"


def _history(customer, n: int = 3, country: str = "DE") -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        PaymentHistoryRecord.objects.create(
            external_id=f"ch_hist_{customer.pk}_{i}", customer=customer, invoice_reference=f"old-{i}",
            amount=Decimal("99.00"), currency="USD", attempted_at=dt.datetime(2026, 1, 5 + i, 10, tzinfo=UTC),
            outcome="succeeded" if i else "failed", decline_code="" if i else "insufficient_funds",
            decline_class="" if i else "soft", card_brand="visa", card_funding="credit", card_country=country,
            source=HistorySource.IMPORT,
        )  # fmt: skip


def _failed_case(callbacks, customer, code: str = "insufficient_funds") -> DunningCase:  # type: ignore[no-untyped-def]
    invoice = issued_invoice(callbacks, customer=customer)
    attempt = PaymentAttempt.objects.create(
        invoice=invoice, number=1, amount=invoice.amount_due, currency="USD", scheduled_for=dt.datetime.now(tz=UTC)
    )
    _attempt_settle(attempt_id=attempt.pk, result=ChargeResult(succeeded=False, failure_code=code, status="failed"))
    return DunningCase.objects.get(invoice=invoice)


def test_the_beat_finder_retries_at_the_planned_moments_then_escalates_with_the_history(
    admin_client, django_capture_on_commit_callbacks, stripe_on
) -> None:
    customer = CustomerFactory(timezone="America/New_York")
    customer_card_attach(customer=customer, card_number=DECLINED_ON_CHARGE)
    customer.refresh_from_db()
    _history(customer)
    invoice = issued_invoice(django_capture_on_commit_callbacks, customer=customer)  # the first charge fails
    case = DunningCase.objects.get(invoice=invoice)
    planned: list[dt.datetime] = []

    for _ in range(6):
        if case.status != DunningStatus.OPEN:
            break
        assert case.next_retry_at is not None
        with time_machine.travel(case.next_retry_at - dt.timedelta(minutes=5), tick=False):
            payment_retries_due_task()  # not due yet
        assert PaymentAttempt.objects.filter(invoice=invoice).count() == len(planned) + 1
        planned.append(case.next_retry_at)
        with time_machine.travel(case.next_retry_at + dt.timedelta(minutes=2), tick=False):
            payment_retries_due_task()
            payment_retries_due_task()  # the finder again: the claimed retry is not made twice
        case.refresh_from_db()

    attempts = list(PaymentAttempt.objects.filter(invoice=invoice).order_by("number"))
    assert case.status == DunningStatus.ESCALATED
    assert 1 <= len(planned) <= 4
    assert len(attempts) == len(planned) + 1
    for attempt, moment in zip(attempts[1:], planned, strict=True):
        assert attempt.status == AttemptStatus.FAILED
        assert moment <= attempt.attempted_at <= moment + dt.timedelta(minutes=2)
    assert attempts[-1].attempted_at < attempts[0].attempted_at + dt.timedelta(days=14)
    history = case.escalation_history
    assert [a["number"] for a in history["invoice_attempts"]] == [a.number for a in attempts]
    assert all(a["decline_code"] for a in history["invoice_attempts"])
    assert history["customer_history"]["total"] == 3 + len(attempts)  # imported + our own attempts
    page = admin_client.get(reverse("admin:receivables_dunningcase_change", args=[case.pk])).content.decode()
    assert "Payment history attached at escalation" in page
    assert "old-1" in page


def test_a_hard_decline_escalates_at_once_with_the_payment_history_attached(
    django_capture_on_commit_callbacks,
) -> None:
    customer = CustomerFactory(timezone="UTC")
    _history(customer, n=2)

    case = _failed_case(django_capture_on_commit_callbacks, customer, code="lost_card")

    assert case.status == DunningStatus.ESCALATED
    assert case.escalation_history["invoice_attempts"][0]["decline_code"] == "lost_card"
    assert case.escalation_history["invoice_attempts"][0]["decline_class"] == "hard"
    assert case.escalation_history["customer_history"]["total"] == 3
    assert {h["invoice"] for h in case.escalation_history["customer_history"]["attempts"]} >= {"old-0", "old-1"}


def test_a_case_whose_retry_cannot_be_made_is_escalated_when_its_14_days_are_over(
    django_capture_on_commit_callbacks,
) -> None:
    case = _failed_case(django_capture_on_commit_callbacks, CustomerFactory(timezone="Europe/Berlin"))
    assert case.next_retry_at is not None

    with time_machine.travel(case.next_retry_at + dt.timedelta(minutes=1), tick=False):
        payment_retries_due_task()  # no saved card: the retry is claimed but nothing can be charged
    case.refresh_from_db()
    assert case.status == DunningStatus.OPEN
    assert case.next_retry_at is None
    with time_machine.travel(case.opened_at + dt.timedelta(days=13), tick=False):
        payment_retries_due_task()
    case.refresh_from_db()
    assert case.status == DunningStatus.OPEN
    with time_machine.travel(case.opened_at + dt.timedelta(days=14, minutes=5), tick=False):
        payment_retries_due_task()
        payment_retries_due_task()

    case.refresh_from_db()
    assert case.status == DunningStatus.ESCALATED
    assert "14-day" in case.escalation_reason
    assert case.escalation_history["invoice_attempts"][0]["decline_code"] == "insufficient_funds"
    assert AuditEvent.objects.filter(action="dunning_case_escalated", object_id=str(case.pk)).count() == 1


def test_an_analyst_writes_the_invoice_off_from_the_case_with_a_reason(
    admin_client, django_capture_on_commit_callbacks
) -> None:
    case = _failed_case(django_capture_on_commit_callbacks, CustomerFactory(timezone="UTC"))
    url = reverse("admin:receivables_dunningcase_changelist")

    confirm = admin_client.post(url, {"action": "write_off", "_selected_action": [case.pk]})
    no_reason = admin_client.post(url, {"action": "write_off", "_selected_action": [case.pk], "confirm": "yes"})
    case.refresh_from_db()
    assert confirm.status_code == 200
    assert "write_off_reason" in confirm.content.decode()
    assert no_reason.status_code == 200
    assert case.status == DunningStatus.OPEN

    with django_capture_on_commit_callbacks(execute=True):
        done = admin_client.post(url, {"action": "write_off", "_selected_action": [case.pk], "confirm": "yes",
                                       "write_off_reason": "Customer insolvent"})  # fmt: skip

    assert done.status_code == 302
    case.refresh_from_db()
    case.invoice.refresh_from_db()
    assert case.invoice.status == "uncollectible"
    assert case.invoice.uncollectible_reason == "Customer insolvent"
    assert case.status == DunningStatus.CLOSED
    assert case.next_retry_at is None
    assert case.next_reminder_at is None


def _usage(customer, falling: bool) -> None:  # type: ignore[no-untyped-def]
    meter_create(code="api_calls", name="API calls", aggregation="sum")
    start = dt.datetime(2026, 1, 1, 12, tzinfo=UTC)
    events = [
        {"idempotency_key": f"u{d}", "customer": customer.external_id, "metric": "api_calls",
         "timestamp": (start + dt.timedelta(days=d)).strftime("%Y-%m-%dT%H:%M:%SZ"),
         "quantity": "10" if (falling and d >= 64) else "100"}
        for d in range(0, 94)
    ]  # fmt: skip
    assert usage_events_record(events=events).accepted == 94


def test_metering_reads_daily_usage_per_customer_and_meter() -> None:
    customer, other = CustomerFactory(), CustomerFactory()
    _usage(customer, falling=True)

    usage = usage_daily_by_customer(start=dt.datetime(2026, 1, 1, tzinfo=UTC), end=dt.datetime(2026, 1, 4, tzinfo=UTC),
                                    customer_ids=[customer.pk, other.pk])  # fmt: skip

    assert list(usage) == [customer.pk]
    assert [(u.day, u.events, u.quantity) for u in usage[customer.pk]] == [
        (dt.date(2026, 1, d), 1, Decimal(100)) for d in (1, 2, 3)
    ]


def test_next_action_reads_usage_from_metering_and_the_card_from_the_attempts(api) -> None:
    customer = CustomerFactory(external_id="acme", timezone="UTC", country="US")
    _usage(customer, falling=True)
    body = {
        "customer": "acme", "invoice": {"id": "in_78", "amount": "720.00", "currency": "USD"},
        "attempts": [{"id": "ch_1", "attempted_at": "2026-04-05T09:12:00Z", "outcome": "failed",
                      "decline_code": "insufficient_funds",
                      "payment_method": {"type": "card", "brand": "visa", "funding": "debit", "country": "DE"}}],
    }  # fmt: skip

    response = api.post("/api/v1/dunning/next-action", body, format="json")

    assert response.status_code == 200, response.content
    audit = AuditEvent.objects.get(object_id="acme:in_78")
    assert audit.inputs["card"] == {"brand": "visa", "funding": "debit", "country": "DE"}
    assert audit.inputs["customer_country"] == "US"
    # 30 days at 10 a day against 60 at 100 before: (10 - 100) / (10 + 100)
    assert audit.inputs["usage_trend"] == pytest.approx(-90 / 110, abs=1e-3)
    # No usage: unknown (cold start), not a trend.
    response = api.post("/api/v1/dunning/next-action", {**body, "invoice": {**body["invoice"], "id": "in_79"},
                        "attempts": [{**body["attempts"][0], "attempted_at": "2025-06-05T09:12:00Z"}]}, format="json")
    assert response.status_code == 200
    assert AuditEvent.objects.get(object_id="acme:in_79").inputs["usage_trend"] is None


def test_a_live_case_decides_with_the_customers_card_from_the_history(django_capture_on_commit_callbacks) -> None:
    customer = CustomerFactory(timezone="UTC", country="US")
    _history(customer, country="GB")

    case = _failed_case(django_capture_on_commit_callbacks, customer)

    audit = AuditEvent.objects.filter(action="dunning_retry", object_id=str(case.pk)).get()
    assert audit.inputs["card"] == {"brand": "visa", "funding": "credit", "country": "GB"}
    assert audit.outcome["model_version"] == "prior"
    assert audit.outcome["probability"]
    assert audit.outcome["top_features"]  # cold start too: the prior's factors that weighed most


def test_a_model_of_an_older_feature_set_is_not_used_the_prior_decides(api) -> None:
    CustomerFactory(external_id="acme", timezone="UTC")
    old = HistGradientBoostingClassifier(max_iter=5).fit(np.random.default_rng(0).random((60, 22)), [0, 1] * 30)
    buffer = io.BytesIO()
    joblib.dump(LearnedScorer(old, version="1", global_rate=0.3, short_gap_share=0.5), buffer)
    DunningModel.objects.create(version=1, status=DunningModelStatus.READY, is_active=True,
                                artifact=buffer.getvalue())  # fmt: skip

    response = api.post("/api/v1/dunning/next-action", {
        "customer": "acme", "invoice": {"id": "in_1", "amount": "10.00", "currency": "USD"},
        "attempts": [{"attempted_at": "2026-04-05T09:12:00Z", "outcome": "failed",
                      "decline_code": "insufficient_funds"}],
    }, format="json")  # fmt: skip

    assert response.status_code == 200, response.content
    assert response.json()["action"] == "retry"
    assert response.json()["model_version"] == "prior"


def test_our_own_attempt_records_the_card_stripe_charged_and_the_live_case_decides_with_it(
    django_capture_on_commit_callbacks, stripe_on
) -> None:
    customer = CustomerFactory(timezone="UTC", country="US")
    customer_card_attach(customer=customer, card_number=DECLINED_ON_CHARGE)
    customer.refresh_from_db()
    _history(customer, country="GB")  # an older card, from imported history

    invoice = issued_invoice(django_capture_on_commit_callbacks, customer=customer)  # the charge fails

    stripe_card = stripe_gateway.card_details(customer.stripe_payment_method_id)
    assert stripe_card.brand  # localstripe describes its cards
    assert stripe_card.funding
    assert stripe_card.country
    attempt = PaymentAttempt.objects.get(invoice=invoice, number=1)
    assert attempt.status == AttemptStatus.FAILED
    assert (attempt.card_brand, attempt.card_funding, attempt.card_country) == (
        stripe_card.brand, stripe_card.funding, stripe_card.country
    )  # fmt: skip
    own = PaymentHistoryRecord.objects.get(external_id=f"autobill-attempt-{attempt.pk}")
    assert (own.card_brand, own.card_funding, own.card_country) == (
        stripe_card.brand, stripe_card.funding, stripe_card.country
    )  # fmt: skip
    case = DunningCase.objects.get(invoice=invoice)
    audit = AuditEvent.objects.filter(action="dunning_retry", object_id=str(case.pk)).get()
    assert audit.inputs["card"] == {
        "brand": stripe_card.brand, "funding": stripe_card.funding, "country": stripe_card.country
    }  # fmt: skip  # the card charged, not the imported history's older card


def test_a_card_stripe_cannot_describe_is_no_card_details_and_never_blocks_the_charge(stripe_on) -> None:
    assert stripe_gateway.card_details("pm_does_not_exist") == stripe_gateway.CardDetails()
    assert stripe_gateway.card_details("") == stripe_gateway.CardDetails()
