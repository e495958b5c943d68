"""Live dunning cases for AR analysts: the policy's next action and probability on the case,
pause / resume / promise to pay, each audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from integrations.stripe_gateway import ChargeResult
from receivables.choices import DunningStatus
from receivables.models import DunningCase, PaymentAttempt
from receivables.services import _attempt_settle, dunning_case_pause
from tests.factories import CustomerFactory
from tests.invoicing.credit_note_fixtures import issued_invoice

pytestmark = pytest.mark.django_db


def _failed_case(callbacks, code: str = "insufficient_funds") -> DunningCase:  # type: ignore[no-untyped-def]
    invoice = issued_invoice(callbacks, customer=CustomerFactory(timezone="Europe/Berlin"))
    attempt = PaymentAttempt.objects.create(
        invoice=invoice, number=1, amount=invoice.amount_due, currency="USD", scheduled_for=dt.datetime.now(tz=dt.UTC)
    )
    _attempt_settle(attempt_id=attempt.pk, result=ChargeResult(succeeded=False, failure_code=code, status="failed"))
    return DunningCase.objects.get(invoice=invoice)


def test_the_case_shows_the_next_action_and_its_probability_in_the_admin(
    admin_client, django_capture_on_commit_callbacks
) -> None:
    case = _failed_case(django_capture_on_commit_callbacks)

    page = admin_client.get(reverse("admin:receivables_dunningcase_change", args=[case.pk])).content.decode()
    listing = admin_client.get(reverse("admin:receivables_dunningcase_changelist")).content.decode()

    assert case.next_action == "retry"
    assert case.next_action_probability is not None
    assert Decimal(0) < case.next_action_probability <= Decimal(1)
    assert "Next action (the learned policy)" in page
    assert case.next_action_reason[:40] in page
    assert "Customer&#x27;s payment history" in page
    assert "retry" in listing


def test_pause_stops_retries_and_resume_plans_them_again(admin_client, django_capture_on_commit_callbacks) -> None:
    case = _failed_case(django_capture_on_commit_callbacks)
    planned = case.next_retry_at
    url = reverse("admin:receivables_dunningcase_changelist")

    admin_client.post(url, {"action": "pause_retries", "_selected_action": [case.pk]})
    case.refresh_from_db()
    paused_retry = case.next_retry_at
    admin_client.post(url, {"action": "resume_retries", "_selected_action": [case.pk]})
    case.refresh_from_db()

    assert paused_retry is None
    assert not case.is_paused
    assert case.next_retry_at == planned  # decided as of the last attempt: the same plan
    assert AuditEvent.objects.filter(action__in=["dunning_case_paused", "dunning_case_resumed"]).count() == 2


def test_a_paused_case_stays_paused_after_another_failure(django_capture_on_commit_callbacks) -> None:
    case = _failed_case(django_capture_on_commit_callbacks)
    dunning_case_pause(case_id=case.pk, paused=True, actor="ann")
    attempt = PaymentAttempt.objects.create(invoice_id=case.invoice_id, number=2, amount=Decimal(1),
                                            currency="USD", scheduled_for=dt.datetime.now(tz=dt.UTC))  # fmt: skip

    _attempt_settle(attempt_id=attempt.pk, result=ChargeResult(succeeded=False, failure_code="generic_decline"))

    case.refresh_from_db()
    assert case.status == DunningStatus.OPEN
    assert case.next_retry_at is None
    assert case.retries_done == 1
