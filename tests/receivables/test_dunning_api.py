"""Collections intelligence through the API (api.md): payment history stored once per id with
field-level errors, training a model version with holdout metrics, and next-action decided as
of the request's last attempt, by the model once trained; the CSV import command."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from django.core.management import call_command

from audit.models import AuditEvent
from receivables.models import DunningModel, PaymentHistoryRecord
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def _record(i: int, customer: str = "acme", **overrides) -> dict:  # type: ignore[no-untyped-def]
    base = {
        "id": f"ch_{i}", "customer": customer, "invoice": f"in_{i // 3}", "amount": "720.00", "currency": "USD",
        "attempted_at": "2026-03-05T14:03:00Z", "outcome": "failed", "decline_code": "insufficient_funds",
        "payment_method": {"type": "card", "brand": "visa", "funding": "debit", "country": "US"},
    }  # fmt: skip
    return {**base, **overrides}


def _office_hours_records(customers: list[str], months: int = 10) -> list[dict]:
    """Cards that work only 9-17 UTC on weekdays; retries at varied times."""
    rng = random.Random(4)
    records = []
    for c in customers:
        for m in range(months):
            first = dt.datetime(2025, 1 + m, 3 + customers.index(c) % 20, 2, 0, tzinfo=UTC)
            moments = [first] + sorted(first + dt.timedelta(hours=rng.randint(2, 300)) for _ in range(3))
            for n, at in enumerate(moments):
                ok = at.weekday() < 5 and 9 <= at.hour < 17
                records.append({
                    "id": f"ch_{c}_{m}_{n}", "customer": c, "invoice": f"in_{c}_{m}", "amount": "99.00",
                    "currency": "USD", "attempted_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "outcome": "succeeded" if ok else "failed", "decline_code": None if ok else "do_not_honor",
                })  # fmt: skip
                if ok:
                    break
    return records


def test_history_is_stored_once_per_id_and_bad_records_are_listed_by_index(api) -> None:
    CustomerFactory(external_id="acme")
    batch = [
        _record(1),
        _record(2, outcome="succeeded", decline_code=None),
        _record(3, customer="nobody"),
        _record(4, amount="abc", attempted_at="2026-03-05 14:03"),
        _record(1),  # the same id again in the batch
    ]

    first = api.post("/api/v1/payment-history", {"attempts": batch}, format="json")
    again = api.post("/api/v1/payment-history", {"attempts": batch[:2]}, format="json")

    assert first.status_code == 200
    body = first.json()
    assert (body["accepted"], body["duplicates"]) == (2, 1)
    assert body["rejected"] == [
        {"index": 2, "errors": {"customer": ["No customer with this external id."]}},
        {"index": 3, "errors": {"amount": ["A non-negative decimal string is required."],
                                "attempted_at": ["The timestamp needs an offset (e.g. Z or +02:00)."]}},
    ]  # fmt: skip
    assert again.json() == {"accepted": 0, "duplicates": 2, "rejected": []}
    record = PaymentHistoryRecord.objects.get(external_id="ch_1")
    assert (record.decline_class, record.card_funding, record.source) == ("soft", "debit", "api")


def test_history_without_a_list_is_a_400_in_the_error_shape(api) -> None:
    response = api.post("/api/v1/payment-history", {"attempts": "nope"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"error": {"type": "validation_error", "message": "Invalid input.",
                                         "fields": {"attempts": ["Expected a list of attempts."]}}}  # fmt: skip


def test_training_on_too_little_history_is_refused_and_kept_as_failed(api) -> None:
    response = api.post("/api/v1/dunning/train")

    assert response.status_code == 422
    assert response.json()["error"]["type"] == "domain_error"
    assert api.get("/api/v1/dunning/model").json()["status"] == "failed"


def test_train_then_next_action_uses_the_model_and_is_decided_as_of_the_last_attempt(api) -> None:
    customers = [f"c{i}" for i in range(25)]
    for c in customers:
        CustomerFactory(external_id=c, timezone="UTC")
    records = _office_hours_records(customers)
    assert api.post("/api/v1/payment-history", {"attempts": records}, format="json").json()["rejected"] == []

    trained = api.post("/api/v1/dunning/train")
    model = api.get("/api/v1/dunning/model").json()
    request = {
        "customer": "c3", "invoice": {"id": "in_new", "amount": "99.00", "currency": "USD"},
        "payment_method": {"type": "card", "brand": "visa", "funding": "credit", "country": "US"},
        "attempts": [{"attempted_at": "2026-04-04T02:00:00Z", "outcome": "failed", "decline_code": "do_not_honor",
                      "id": "ch_x", "amount": "99.00"}],
    }  # fmt: skip
    first = api.post("/api/v1/dunning/next-action", request, format="json")
    second = api.post("/api/v1/dunning/next-action", request, format="json")

    assert trained.status_code == 200
    assert model["version"] == "1"
    assert model["status"] == "ready"
    assert model["trained_on"] == len(records)
    assert {"auc", "brier", "replay"} <= set(model["metrics"])
    assert first.status_code == 200
    answer = first.json()
    assert second.json() == answer
    assert set(answer) == {"action", "at", "probability", "reason", "model_version"}
    assert answer["action"] == "retry"
    assert answer["model_version"] == "1"
    at = dt.datetime.fromisoformat(answer["at"].replace("Z", "+00:00"))
    assert dt.datetime(2026, 4, 4, 2, tzinfo=UTC) < at < dt.datetime(2026, 4, 18, 2, tzinfo=UTC)
    assert at.weekday() < 5
    assert 9 <= at.hour < 17
    assert float(answer["probability"]) > 0.5
    audit = AuditEvent.objects.filter(action="dunning_retry").latest("pk")
    assert audit.outcome["model_version"] == "1"
    assert audit.outcome["top_features"]


def test_next_action_escalates_hard_declines_and_stops_when_paid(api) -> None:
    CustomerFactory(external_id="acme")
    base = {"customer": "acme", "invoice": {"id": "in_1", "amount": "720.00", "currency": "USD"}}

    hard = api.post(
        "/api/v1/dunning/next-action",
        {
            **base,
            "attempts": [{"attempted_at": "2026-04-05T09:12:00Z", "outcome": "failed", "decline_code": "lost_card"}],
        },
        format="json",
    )
    paid = api.post("/api/v1/dunning/next-action", {**base, "attempts": [
        {"attempted_at": "2026-04-05T09:12:00Z", "outcome": "failed", "decline_code": "insufficient_funds"},
        {"attempted_at": "2026-04-07T09:12:00Z", "outcome": "succeeded"}]}, format="json")  # fmt: skip
    cold = api.post("/api/v1/dunning/next-action", {**base, "attempts": [
        {"attempted_at": "2026-04-05T09:12:00Z", "outcome": "failed", "decline_code": "insufficient_funds"}]},
        format="json")  # fmt: skip

    assert hard.json()["action"] == "escalate"
    assert set(hard.json()) == {"action", "reason"}
    assert paid.json()["action"] == "stop"
    assert cold.json()["action"] == "retry"
    assert cold.json()["model_version"] == "prior"


def test_next_action_refuses_bad_input_field_by_field(api) -> None:
    CustomerFactory(external_id="acme")

    response = api.post("/api/v1/dunning/next-action", {
        "customer": "ghost", "invoice": {"id": "in_1", "amount": "-1", "currency": "US"},
        "attempts": [{"attempted_at": "yesterday", "outcome": "maybe"}]}, format="json")  # fmt: skip
    empty = api.post("/api/v1/dunning/next-action", {"customer": "acme", "invoice": {
        "id": "in_1", "amount": "1.00", "currency": "USD"}, "attempts": []}, format="json")  # fmt: skip
    early_as_of = api.post("/api/v1/dunning/next-action", {"customer": "acme", "invoice": {
        "id": "in_1", "amount": "1.00", "currency": "USD"}, "as_of": "2026-04-01T00:00:00Z",
        "attempts": [{"attempted_at": "2026-04-05T09:12:00Z", "outcome": "failed"}]}, format="json")  # fmt: skip

    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert {"customer", "invoice.amount", "invoice.currency", "attempts[0].attempted_at",
            "attempts[0].outcome"} <= set(fields)  # fmt: skip
    assert empty.status_code == 400
    assert "attempts" in empty.json()["error"]["fields"]
    assert early_as_of.status_code == 400
    assert "as_of" in early_as_of.json()["error"]["fields"]


def test_an_ar_analyst_session_cannot_train(client, django_user_model) -> None:
    from django.contrib.auth.models import Group

    from access import roles

    user = django_user_model.objects.create_user("ann", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.AR_ANALYST))
    client.force_login(user)

    assert client.post("/api/v1/dunning/train").status_code == 403
    assert client.get("/api/v1/dunning/model").status_code == 200


def test_stripe_payments_export_is_imported_once(tmp_path: Path, capsys) -> None:
    CustomerFactory(external_id="cus_acme")
    export = tmp_path / "payments.csv"
    export.write_text(
        "id,Created date (UTC),Amount,Currency,Status,Decline Reason,Customer ID,Invoice ID,Card Brand,Card Funding\n"
        "ch_1,2026-03-05 14:03,720.00,usd,Failed,insufficient_funds,cus_acme,in_77,Visa,debit\n"
        "ch_2,2026-03-08 10:00,720.00,usd,Paid,,cus_acme,in_77,Visa,debit\n"
        "ch_3,not a date,720.00,usd,Paid,,cus_acme,in_78,Visa,debit\n"
    )

    call_command("payment_history_import", str(export))
    call_command("payment_history_import", str(export))

    out = capsys.readouterr().out
    assert "accepted 2, duplicates 0, rejected 1" in out
    assert "accepted 0, duplicates 2, rejected 1" in out
    failed = PaymentHistoryRecord.objects.get(external_id="ch_1")
    assert (failed.outcome, failed.decline_code, failed.card_brand, failed.source) == (
        "failed",
        "insufficient_funds",
        "visa",
        "import",
    )
    assert failed.attempted_at == dt.datetime(2026, 3, 5, 14, 3, tzinfo=UTC)
    assert DunningModel.objects.count() == 0


def test_recovery_by_cohort_in_the_api_and_the_admin(api, admin_client, django_capture_on_commit_callbacks) -> None:
    from receivables.models import DunningCase, PaymentAttempt
    from tests.invoicing.credit_note_fixtures import issued_invoice

    outcomes = ["recovered", "recovered", "escalated", "closed", "open"]
    for i, status in enumerate(outcomes):
        invoice = issued_invoice(django_capture_on_commit_callbacks)
        case = DunningCase.objects.create(invoice=invoice, customer=invoice.customer, status=status)
        DunningCase.objects.filter(pk=case.pk).update(opened_at=dt.datetime(2026, 4, 2, tzinfo=UTC))
        if i == 0:  # paid by the second attempt: an automatic retry
            PaymentAttempt.objects.create(
                invoice=invoice, number=2, status="succeeded", amount=invoice.total, currency="USD",
                scheduled_for=dt.datetime(2026, 4, 5, tzinfo=UTC),
            )  # fmt: skip

    report = api.get("/api/v1/reports/dunning-recovery").json()
    page = admin_client.get("/admin/receivables/dunningmodel/")

    assert report["cohorts"] == [{
        "cohort": "2026-04", "failed": 5, "recovered_by_retry": 1, "recovered_after_reminder": 1, "escalated": 1,
        "written_off": 1, "in_progress": 1, "recovery_rate": "0.4000",
    }]  # fmt: skip
    assert page.status_code == 200
    assert "Recovery of failed payments by cohort" in page.content.decode()


def test_training_in_a_worker_answers_202_then_the_model_is_ready(
    api, settings, django_capture_on_commit_callbacks
) -> None:
    settings.DUNNING_TRAIN_ASYNC = True
    customers = [f"w{i}" for i in range(12)]
    for c in customers:
        CustomerFactory(external_id=c, timezone="UTC")
    api.post("/api/v1/payment-history", {"attempts": _office_hours_records(customers, months=6)}, format="json")

    with django_capture_on_commit_callbacks(execute=True):  # the worker (eager in tests) fits it
        accepted = api.post("/api/v1/dunning/train")

    assert accepted.status_code == 202
    assert accepted.json()["status"] == "training"
    model = api.get("/api/v1/dunning/model").json()
    assert model["status"] == "ready"
    assert model["version"] == "1"


def test_the_weekly_retrain_makes_a_new_active_version(django_capture_on_commit_callbacks) -> None:
    from receivables.history import payment_history_record
    from receivables.tasks import dunning_model_retrain_task

    customers = [f"r{i}" for i in range(12)]
    for c in customers:
        CustomerFactory(external_id=c, timezone="UTC")
    payment_history_record(records=_office_hours_records(customers, months=6))

    first = dunning_model_retrain_task()
    second = dunning_model_retrain_task()

    assert (first, second) == (1, 2)
    assert list(DunningModel.objects.filter(is_active=True).values_list("version", flat=True)) == [2]
    assert AuditEvent.objects.filter(action="dunning_model_trained").count() == 2
