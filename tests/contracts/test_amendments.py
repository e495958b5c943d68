"""Amendments end to end: through the API, approved, applied by the Celery task (eager), prorated on
an invoice at once, and billed at the new terms by the next billing runs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from audit.models import AuditEvent
from contracts.choices import AmendmentStatus
from contracts.models import Amendment, Contract, ContractLine
from contracts.services import amendment_apply
from contracts.tasks import amendment_apply_task
from invoicing.models import Invoice

pytestmark = pytest.mark.django_db(transaction=True)

D = Decimal
MARCH_1 = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
MARCH_20 = dt.datetime(2026, 3, 20, 9, 0, tzinfo=dt.UTC)
APRIL_1 = dt.datetime(2026, 4, 1, 12, 0, tzinfo=dt.UTC)
SEATS = {
    "code": "seats",
    "description": "Seats",
    "charge_model": "per_seat",
    "unit_price": "50.00",
    "seats": "20",
    "billing_interval": "month",
    "billing_timing": "in_advance",
}
API_CALLS = {
    "code": "api",
    "description": "API calls",
    "charge_model": "per_unit",
    "metric": "api_calls",
    "unit_price": "0.004",
    "billing_timing": "in_arrears",
}
SEED_ADD_20 = {"effective_date": "2026-03-20", "changes": [{"type": "add_seats", "line": "seats", "seats": "20"}]}


def _setup(api, *, lines=(SEATS,), alignment: str = "anniversary") -> Contract:
    response = api.post(
        "/api/v1/customers",
        {"external_id": "acme", "name": "Acme Inc.", "email": "billing@acme.test", "currency": "USD",
         "timezone": "UTC"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    response = api.post(
        "/api/v1/meters",
        {"code": "api_calls", "name": "API calls", "aggregation": "sum", "field": "quantity",
         "unit_label": "API calls"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    response = api.post(
        "/api/v1/contracts",
        {"customer": "acme", "external_id": "acme-2026", "start_date": "2026-03-01", "currency": "USD",
         "billing_alignment": alignment, "auto_send": True, "lines": list(lines)},
        format="json",
    )
    assert response.status_code == 201, response.json()
    return Contract.objects.get(external_id="acme-2026")


def _run(api, when: dt.datetime) -> dict:
    with time_machine.travel(when, tick=False):
        response = api.post("/api/v1/billing-runs", {"as_of": when.isoformat()}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["errors"] == []
    return response.json()


def _amend(api, body: dict, *, approve: bool = True, when: dt.datetime = MARCH_20) -> dict:
    with time_machine.travel(when, tick=False):
        response = api.post("/api/v1/contracts/acme-2026/amendments", body, format="json")
        assert response.status_code == 201, response.json()
        amendment = response.json()
        assert amendment["status"] == "draft"
        if not approve:
            return amendment
        response = api.post(f"/api/v1/amendments/{amendment['id']}/approve", format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def _rows(api, invoice_id: int) -> list[tuple[str, str, str, str, str]]:
    invoice = api.get(f"/api/v1/invoices/{invoice_id}").json()
    return [
        (line["line_code"], line["description"], line["amount"], line["period_start"], line["period_end"])
        for line in invoice["lines"]
    ]


def _recurring(billing_date: dt.date) -> Invoice:
    return Invoice.objects.get(kind="recurring", billing_date=billing_date)


def test_seed_example_20_seats_added_mid_cycle_are_prorated_right_after_approval(api):
    _setup(api)
    assert _run(api, MARCH_1)["invoices_created"] == 1
    assert _recurring(dt.date(2026, 3, 1)).total == D("1000.00")

    amendment = _amend(api, SEED_ADD_20)

    assert amendment["status"] == "applied"
    assert amendment["approved_by"].startswith("api-")  # the API key's user
    assert amendment["approved_at"] is not None
    assert amendment["applied_at"] is not None
    invoice = api.get(f"/api/v1/invoices/{amendment['proration_invoice']}").json()
    assert (invoice["status"], invoice["number"]) == ("open", "INV-2026-000002")  # finalised at once (auto-send)
    assert (invoice["period_start"], invoice["period_end"], invoice["issue_date"]) == (
        "2026-03-20", "2026-04-01", "2026-03-20",
    )
    assert [(line["kind"], line["description"], line["quantity"], line["unit_price"], line["amount"])
            for line in invoice["lines"]] == [
        ("fixed", "Unused time on Seats: 20 seats x $50.00 (Mar 20\u2009\u2013\u200931, 2026)", "20", "50", "-387.10"),
        ("fixed", "Remaining time on Seats: 40 seats x $50.00 (Mar 20\u2009\u2013\u200931, 2026)", "40", "50",
         "774.19"),
    ]
    assert (invoice["subtotal"], invoice["total"]) == ("387.09", "387.09")
    stored = Invoice.objects.get(pk=invoice["id"])
    assert (stored.kind, stored.source_key, stored.billing_date) == (
        "proration", f"amendment:{amendment['id']}", dt.date(2026, 3, 20),
    )
    lines = {line.code: (line.seats, line.start_date, line.end_date, line.anchor_date)
             for line in ContractLine.objects.all()}
    assert lines == {
        "seats": (D(20), None, dt.date(2026, 3, 20), None),
        "seats__2026-03-20": (D(40), dt.date(2026, 3, 20), None, dt.date(2026, 3, 1)),
    }

    # April bills 40 seats for the whole month and nothing of March again.
    run = _run(api, APRIL_1)
    assert (run["invoices_created"], run["invoices_existing"]) == (1, 1)
    april = _recurring(dt.date(2026, 4, 1))
    assert _rows(api, april.pk) == [
        ("seats__2026-03-20", "Seats: 40 seats x $50.00", "2000.00", "2026-04-01", "2026-05-01")
    ]
    assert april.total == D("2000.00")
    assert Invoice.objects.count() == 3


def test_calendar_aligned_contract_gives_the_same_figures(api):
    _setup(api, alignment="calendar")
    _run(api, MARCH_1)

    amendment = _amend(api, SEED_ADD_20)

    assert Invoice.objects.get(pk=amendment["proration_invoice"]).total == D("387.09")
    _run(api, APRIL_1)
    assert _recurring(dt.date(2026, 4, 1)).total == D("2000.00")


def test_approving_twice_or_applying_twice_creates_one_invoice(api):
    _setup(api)
    _run(api, MARCH_1)
    amendment = _amend(api, SEED_ADD_20)

    with time_machine.travel(MARCH_20, tick=False):
        again = api.post(f"/api/v1/amendments/{amendment['id']}/approve", format="json")
        amendment_apply_task.delay(amendment["id"])
        amendment_apply(amendment_id=amendment["id"])

    assert again.status_code == 422
    assert again.json()["error"]["type"] == "domain_error"
    assert "applied" in again.json()["error"]["message"]
    assert Invoice.objects.filter(kind="proration").count() == 1
    assert ContractLine.objects.count() == 2
    assert AuditEvent.objects.filter(rule="contracts.amendment_apply").count() == 1


def test_the_idempotency_key_replays_the_approval(api):
    _setup(api)
    _run(api, MARCH_1)
    draft = _amend(api, SEED_ADD_20, approve=False)

    with time_machine.travel(MARCH_20, tick=False):
        first = api.post(f"/api/v1/amendments/{draft['id']}/approve", format="json", HTTP_IDEMPOTENCY_KEY="k1")
        second = api.post(f"/api/v1/amendments/{draft['id']}/approve", format="json", HTTP_IDEMPOTENCY_KEY="k1")

    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json() == second.json()
    assert Invoice.objects.filter(kind="proration").count() == 1


def test_downgrade_credits_the_unused_days_by_default(api):
    _setup(api)
    _run(api, MARCH_1)

    amendment = _amend(api, {"effective_date": "2026-03-20",
                             "changes": [{"type": "set_seats", "line": "seats", "seats": "10"}]})

    invoice = Invoice.objects.get(pk=amendment["proration_invoice"])
    assert [line.amount for line in invoice.lines.all()] == [D("-387.10"), D("193.55")]
    assert invoice.total == D("-193.55")
    assert invoice.status == "paid"  # a credit: nothing to collect (credit balances: a later issue)


def test_downgrade_without_credit_keeps_the_paid_period_and_bills_the_new_terms_from_the_next(api):
    _setup(api)
    _run(api, MARCH_1)

    amendment = _amend(
        api,
        {"effective_date": "2026-03-20", "credit_on_downgrade": False,
         "changes": [{"type": "set_seats", "line": "seats", "seats": "10"}]},
    )

    assert amendment["status"] == "applied"
    assert amendment["credit_on_downgrade"] is False
    assert amendment["proration_invoice"] is None
    assert not Invoice.objects.filter(kind="proration").exists()
    _run(api, APRIL_1)
    assert _recurring(dt.date(2026, 4, 1)).total == D("500.00")


def test_amendment_applied_before_the_period_was_billed_charges_only_the_new_terms(api):
    _setup(api)
    # Approved on Mar 1 before the day's billing run, effective Mar 20.
    amendment = _amend(api, SEED_ADD_20, when=dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC))

    assert [(row[0], row[2]) for row in _rows(api, amendment["proration_invoice"])] == [
        ("seats__2026-03-20", "774.19")
    ]
    _run(api, MARCH_1)
    march = _recurring(dt.date(2026, 3, 1))
    assert [(line.line_code, line.amount) for line in march.lines.all()] == [("seats", D("612.90"))]  # 19/31
    _run(api, APRIL_1)
    assert _recurring(dt.date(2026, 4, 1)).total == D("2000.00")


def _send_calls(api, when: dt.datetime, count: int, prefix: str) -> None:
    events = [
        {"idempotency_key": f"{prefix}-{i}", "customer": "acme", "metric": "api_calls",
         "timestamp": (when + dt.timedelta(seconds=i)).isoformat(), "quantity": "1"}
        for i in range(count)
    ]
    response = api.post("/api/v1/events/batch", {"events": events}, format="json")
    assert response.json()["accepted"] == count


def test_price_change_on_a_usage_line_splits_usage_at_the_effective_date(api):
    _setup(api, lines=(SEATS, API_CALLS))
    _run(api, MARCH_1)
    with time_machine.travel(MARCH_20, tick=False):
        _send_calls(api, dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC), 1000, "early")
        _send_calls(api, dt.datetime(2026, 3, 19, 23, 59, tzinfo=dt.UTC), 50, "eve")
        _send_calls(api, dt.datetime(2026, 3, 20, 0, 0, tzinfo=dt.UTC), 500, "late")  # from D: new price

    amendment = _amend(api, {"effective_date": "2026-03-20",
                             "changes": [{"type": "change_price", "line": "api", "unit_price": "0.002"}]})

    assert amendment["status"] == "applied"
    assert amendment["proration_invoice"] is None  # usage is billed in arrears: nothing to prorate
    run = _run(api, APRIL_1)
    assert run["invoices_created"] == 1  # one invoice: no separate one for the old version's part
    april = _recurring(dt.date(2026, 4, 1))
    assert _rows(api, april.pk) == [
        ("api", "1,050 API calls x $0.004", "4.20", "2026-03-01", "2026-03-20"),
        ("api__2026-03-20", "500 API calls x $0.002", "1.00", "2026-03-20", "2026-04-01"),
        ("seats", "Seats: 20 seats x $50.00", "1000.00", "2026-04-01", "2026-05-01"),
    ]
    assert april.total == D("1005.20")


def test_adding_a_line_charges_its_first_partial_period_and_bills_it_from_the_next(api):
    _setup(api)
    _run(api, MARCH_1)

    amendment = _amend(
        api,
        {"effective_date": "2026-03-20", "reason": "Premium support",
         "changes": [{"type": "add_line", "line_data": {"code": "support", "description": "Support",
                                                        "charge_model": "flat", "amount": "310.00"}}]},
    )

    assert _rows(api, amendment["proration_invoice"]) == [
        ("support", "Remaining time on Support ($310.00) (Mar 20\u2009\u2013\u200931, 2026)", "120.00",
         "2026-03-20", "2026-04-01"),
    ]
    _run(api, APRIL_1)
    april = _recurring(dt.date(2026, 4, 1))
    assert sorted((line.line_code, line.amount) for line in april.lines.all()) == [
        ("seats", D("1000.00")), ("support", D("310.00")),
    ]


def test_ending_a_line_credits_its_unused_days_and_stops_billing_it(api):
    _setup(api, lines=(SEATS, {**SEATS, "code": "platform", "charge_model": "flat", "amount": "100.00",
                               "description": "Platform", "seats": None, "unit_price": None}))
    _run(api, MARCH_1)

    amendment = _amend(api, {"effective_date": "2026-03-20", "changes": [{"type": "end_line", "line": "seats"}]})

    invoice = Invoice.objects.get(pk=amendment["proration_invoice"])
    assert [(line.line_code, line.amount) for line in invoice.lines.all()] == [("seats", D("-387.10"))]
    _run(api, APRIL_1)
    april = _recurring(dt.date(2026, 4, 1))
    assert [(line.line_code, line.amount) for line in april.lines.all()] == [("platform", D("100.00"))]


def test_a_second_amendment_credits_what_the_first_charged(api):
    _setup(api)
    _run(api, MARCH_1)
    _amend(api, {"effective_date": "2026-03-10", "changes": [{"type": "add_seats", "line": "seats", "seats": "10"}]},
           when=dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC))

    second = _amend(api, SEED_ADD_20)

    assert [(row[0], row[2]) for row in _rows(api, second["proration_invoice"])] == [
        ("seats__2026-03-10", "-580.65"),  # 30 seats x 50 x 12/31
        ("seats__2026-03-20", "967.74"),  # 50 seats x 50 x 12/31
    ]
    _run(api, APRIL_1)
    assert _recurring(dt.date(2026, 4, 1)).total == D("2500.00")


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"effective_date": "2026-03-20", "changes": [{"type": "add_seats", "line": "seats", "seats": "many"}]},
         {"changes[0].seats"}),
        ({"effective_date": "2026-03-20", "changes": [{"type": "add_seats", "line": "desks", "seats": "1"}]},
         {"changes[0].line"}),
        ({"effective_date": "2026-03-20",
          "changes": [{"type": "add_line", "line_data": {"code": "x", "charge_model": "graduated",
                                                         "metric": "api_calls", "tiers": [{"up_to": "10"}]}}]},
         {"changes[0].line_data.tiers[0].unit_price"}),
        ({"effective_date": "2026-03-20", "changes": []}, {"changes"}),
        ({"effective_date": "20 March", "changes": [{"type": "end_line", "line": "seats"}]}, {"effective_date"}),
        ({"effective_date": "2026-02-01", "changes": [{"type": "end_line", "line": "seats"}]}, {"effective_date"}),
    ],
)
def test_invalid_amendments_are_400_with_field_paths(api, body, fields):
    _setup(api)

    response = api.post("/api/v1/contracts/acme-2026/amendments", body, format="json")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "validation_error"
    assert set(error["fields"]) == fields
    assert not Amendment.objects.exists()


def test_amendment_detail_and_unknown_ones(api):
    _setup(api)
    draft = _amend(api, SEED_ADD_20, approve=False)

    detail = api.get(f"/api/v1/amendments/{draft['id']}").json()

    assert detail == draft
    assert (detail["contract"], detail["changes"], detail["credit_on_downgrade"]) == (
        "acme-2026", SEED_ADD_20["changes"], True,
    )
    assert api.get("/api/v1/amendments/999999").status_code == 404
    assert api.post("/api/v1/amendments/999999/approve", format="json").status_code == 404
    assert api.post("/api/v1/contracts/nope/amendments", SEED_ADD_20, format="json").status_code == 404


def test_approving_a_cancelled_amendment_is_422(api):
    from contracts.services import amendment_cancel

    _setup(api)
    draft = _amend(api, SEED_ADD_20, approve=False)
    amendment_cancel(amendment_id=draft["id"], actor="tests")

    response = api.post(f"/api/v1/amendments/{draft['id']}/approve", format="json")

    assert response.status_code == 422
    assert Amendment.objects.get().status == AmendmentStatus.CANCELLED
    assert ContractLine.objects.count() == 1


def test_an_amendment_that_no_longer_fits_is_refused_at_approval(api):
    _setup(api)
    first = _amend(api, {"effective_date": "2026-03-20", "changes": [{"type": "end_line", "line": "seats"}]},
                   approve=False)
    second = _amend(api, SEED_ADD_20, approve=False)
    with time_machine.travel(MARCH_20, tick=False):
        assert api.post(f"/api/v1/amendments/{first['id']}/approve", format="json").status_code == 200

        response = api.post(f"/api/v1/amendments/{second['id']}/approve", format="json")

    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"changes[0].line"}
    assert Amendment.objects.get(pk=second["id"]).status == AmendmentStatus.DRAFT


def test_audit_records_the_apply_rule_with_inputs_and_outcome(api):
    _setup(api)
    _run(api, MARCH_1)
    amendment = _amend(api, SEED_ADD_20)

    event = AuditEvent.objects.get(rule="contracts.amendment_apply")

    assert event.object_id == str(amendment["id"])
    assert event.actor == "rule:contracts.amendment_apply"
    assert event.inputs["effective_date"] == "2026-03-20"
    assert event.inputs["approved_by"] == amendment["approved_by"]
    assert event.outcome["ended"] == ["seats"]
    assert event.outcome["created"] == ["seats__2026-03-20"]
    settled = AuditEvent.objects.get(rule="contracts.amendment_proration")  # invoicing billed the change
    assert settled.object_id == str(amendment["id"])
    assert settled.outcome["proration_invoice"] == amendment["proration_invoice"] is not None
    assert D(settled.outcome["proration_total"]) == D("387.09")


def test_admin_lists_shows_and_approves_amendments(api, admin_client):
    contract = _setup(api)
    _run(api, MARCH_1)
    draft = _amend(api, SEED_ADD_20, approve=False)
    changelist = reverse("admin:contracts_amendment_changelist")
    change = reverse("admin:contracts_amendment_change", args=[draft["id"]])

    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(reverse("admin:contracts_amendment_add")).status_code == 200
    assert admin_client.get(change).status_code == 200
    contract_page = admin_client.get(reverse("admin:contracts_contract_change", args=[contract.pk]))
    assert "2026-03-20" in contract_page.content.decode() or "March 20, 2026" in contract_page.content.decode()

    with time_machine.travel(MARCH_20, tick=False):
        response = admin_client.post(changelist, {"action": "approve", "_selected_action": [draft["id"]]}, follow=True)

    assert response.status_code == 200
    amendment = Amendment.objects.get()
    assert (amendment.status, amendment.approved_by) == (AmendmentStatus.APPLIED, "admin")
    assert Invoice.objects.get(pk=amendment.proration_invoice_id).total == D("387.09")
    page = admin_client.get(change)
    assert page.status_code == 200
    assert b'name="changes"' not in page.content  # read-only once approved


def test_admin_add_form_checks_the_changes(api, admin_client):
    contract = _setup(api)
    url = reverse("admin:contracts_amendment_add")

    bad = admin_client.post(url, {"contract": contract.pk, "effective_date": "2026-03-20",
                                  "changes": '[{"type": "add_seats", "line": "seats", "seats": "x"}]',
                                  "credit_on_downgrade": "on"})
    good = admin_client.post(url, {"contract": contract.pk, "effective_date": "2026-03-20",
                                   "changes": '[{"type": "add_seats", "line": "seats", "seats": "20"}]',
                                   "credit_on_downgrade": "on"})

    assert bad.status_code == 200
    assert "changes[0].seats" in bad.content.decode()
    assert good.status_code == 302
    amendment = Amendment.objects.get()
    assert (amendment.status, amendment.created_by) == (AmendmentStatus.DRAFT, "admin")


def test_an_amendment_approved_after_later_periods_were_billed_reprices_them_too(api):
    _setup(api)
    _run(api, MARCH_1)
    _run(api, APRIL_1)
    april_2 = dt.datetime(2026, 4, 2, 9, 0, tzinfo=dt.UTC)

    seats = _amend(api, {"effective_date": "2026-04-01",
                         "changes": [{"type": "add_seats", "line": "seats", "seats": "20"}]}, when=april_2)
    support = _amend(
        api,
        {"effective_date": "2026-03-20",
         "changes": [{"type": "add_line", "line_data": {"code": "support", "description": "Support",
                                                        "charge_model": "flat", "amount": "310.00"}}]},
        when=april_2,
    )

    assert [(row[0], row[2], row[3]) for row in _rows(api, seats["proration_invoice"])] == [
        ("seats", "-1000.00", "2026-04-01"),  # April was billed in advance at 20 seats: credited whole
        ("seats__2026-04-01", "2000.00", "2026-04-01"),
    ]
    assert [(row[0], row[2], row[3]) for row in _rows(api, support["proration_invoice"])] == [
        ("support", "120.00", "2026-03-20"),  # 12/31 of March
        ("support", "310.00", "2026-04-01"),  # April's invoice exists: the run will not bill it
    ]
    run = _run(api, dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.UTC))
    assert run["invoices_created"] == 1
    may = _recurring(dt.date(2026, 5, 1))
    assert sorted((line.line_code, line.amount) for line in may.lines.all()) == [
        ("seats__2026-04-01", D("2000.00")), ("support", D("310.00")),
    ]
