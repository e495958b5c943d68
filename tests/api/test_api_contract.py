"""The public API's promises (../shared/docs/api.md): auth, error shape with field paths,
idempotency of writes and events."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from rest_framework.test import APIClient

from contracts.models import Contract, Customer
from metering.models import UsageEvent
from tests.factories import CustomerFactory, MeterFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)


@pytest.fixture
def acme(db):
    MeterFactory()
    return CustomerFactory(external_id="acme")


def _line(**overrides):
    return {"code": "api", "charge_model": "per_unit", "metric": "api_calls", "unit_price": "0.004", **overrides}


def test_requests_without_a_valid_key_are_401():
    client = APIClient()
    assert client.get("/api/v1/customers").status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Bearer ab_nothere_secret")
    response = client.get("/api/v1/customers")
    assert response.status_code == 401
    assert response.json()["error"]["type"] == "authentication_error"


def test_create_api_key_prints_the_key_alone_on_its_last_line(api):
    out = StringIO()
    call_command("create_api_key", "ingest", stdout=out, stderr=StringIO())
    key = out.getvalue().strip().splitlines()[-1]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get("/api/v1/customers").status_code == 200


def test_customer_validation_is_field_level(api):
    response = api.post("/api/v1/customers", {"external_id": "x", "name": "X", "email": "not-an-email",
                                              "currency": "USX", "timezone": "Mars/Base"}, format="json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"email", "currency", "timezone"}
    assert Customer.objects.count() == 0


def test_customer_addressed_by_external_id_or_id(api, acme):
    assert api.get("/api/v1/customers/acme").json()["id"] == acme.pk
    assert api.get(f"/api/v1/customers/{acme.pk}").json()["external_id"] == "acme"
    assert api.get("/api/v1/customers/nobody").status_code == 404
    assert api.get("/api/v1/customers", {"search": "acm"}).json()["count"] == 1


@pytest.mark.parametrize(
    ("line", "path"),
    [
        ({"tiers": [{"up_to": "100", "unit_price": "0.1"}, {"up_to": "50", "unit_price": "0.05"},
                    {"up_to": None, "unit_price": "0.01"}], "charge_model": "graduated"}, "lines[0].tiers[1].up_to"),
        ({"unit_price": "-1"}, "lines[0].unit_price"),
        ({"unit_price": "abc"}, "lines[0].unit_price"),
        ({"metric": "nope"}, "lines[0].metric"),
        ({"metric": ""}, "lines[0].metric"),
        ({"charge_model": "barter"}, "lines[0].charge_model"),
        ({"billing_interval": "fortnight"}, "lines[0].billing_interval"),
        ({"billing_interval_count": 0}, "lines[0].billing_interval_count"),
    ],
)
def test_contract_line_errors_carry_their_path(api, acme, line, path):
    body = {"customer": "acme", "start_date": "2026-03-05", "lines": [_line(**line)]}
    response = api.post("/api/v1/contracts", body, format="json")
    assert response.status_code == 400, response.json()
    error = response.json()["error"]
    assert error["type"] == "validation_error"
    assert path in error["fields"], error["fields"]
    assert Contract.objects.count() == 0


def test_contract_errors_for_the_second_line_and_duplicate_codes(api, acme):
    body = {"customer": "acme", "start_date": "2026-03-05",
            "lines": [_line(), _line(unit_price="0.01"), _line(code="flat", charge_model="flat", amount=None)]}
    fields = api.post("/api/v1/contracts", body, format="json").json()["error"]["fields"]
    assert "lines[1].code" in fields
    assert "lines[2].amount" in fields


def test_contract_created_with_lines_and_readable_by_external_id(api, acme):
    body = {"customer": "acme", "external_id": "acme-2026", "start_date": "2026-03-05",
            "minimum_commitment": {"amount": "500.00", "period": "billing_period", "lines": ["api"]},
            "lines": [_line(minimum_amount="200.00"),
                      {"code": "platform", "charge_model": "flat", "amount": "1000", "billing_timing": "in_advance",
                       "billing_interval": "month", "billing_interval_count": 3}]}
    response = api.post("/api/v1/contracts", body, format="json")
    assert response.status_code == 201, response.json()
    contract = api.get("/api/v1/contracts/acme-2026").json()
    assert contract["currency"] == "USD"
    assert contract["minimum_commitment"] == {"amount": "500.0000", "period": "billing_period", "lines": ["api"]}
    platform = next(line for line in contract["lines"] if line["code"] == "platform")
    assert (platform["billing_interval"], platform["billing_interval_count"]) == ("month", 3)


def test_idempotency_key_replays_the_first_response_and_refuses_another_body(api):
    body = {"external_id": "acme", "name": "Acme Inc.", "email": "billing@acme.test"}
    first = api.post("/api/v1/customers", body, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    again = api.post("/api/v1/customers", body, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Customer.objects.count() == 1
    other = api.post("/api/v1/customers", {**body, "name": "Other"}, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    assert other.status_code == 409
    assert other.json()["error"]["type"] == "conflict"


def _event(key="evt_1", **overrides):
    return {"idempotency_key": key, "customer": "acme", "metric": "api_calls",
            "timestamp": "2026-03-09T14:02:11Z", "quantity": "1", "properties": {"region": "eu"}, **overrides}


@time_machine.travel(NOW, tick=False)
def test_single_event_stored_once_duplicate_and_conflict(api, acme):
    assert api.post("/api/v1/events", _event(), format="json").status_code == 201
    duplicate = api.post("/api/v1/events", _event(), format="json")
    assert duplicate.status_code == 200
    assert duplicate.json()["duplicate"] is True
    conflict = api.post("/api/v1/events", _event(quantity="2"), format="json")
    assert conflict.status_code == 409
    assert UsageEvent.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_single_event_validation(api, acme):
    response = api.post("/api/v1/events", _event(timestamp="yesterday", quantity="NaN", customer="ghost"),
                        format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"timestamp", "quantity", "customer"}


@time_machine.travel(NOW, tick=False)
def test_batch_stores_valid_events_and_rejects_by_index(api, acme):
    future = (NOW + dt.timedelta(minutes=6)).isoformat()
    events = [
        _event("a"),
        _event("b", timestamp=future),
        _event("c", quantity="Infinity"),
        _event("a"),  # repeated in the same batch
        _event("d", metric="unknown"),
        _event("e", timestamp="2026-03-09T14:02:11"),  # no offset
        _event("f", quantity="2.5"),
    ]
    result = api.post("/api/v1/events/batch", {"events": events}, format="json").json()
    assert result["accepted"] == 2
    assert result["duplicates"] == 1
    assert [r["index"] for r in result["rejected"]] == [1, 2, 4, 5]
    assert result["rejected"][0]["errors"] == {"timestamp": ["More than 5 minutes in the future."]}
    assert set(UsageEvent.objects.values_list("idempotency_key", flat=True)) == {"a", "f"}
    again = api.post("/api/v1/events/batch", {"events": events}, format="json").json()
    assert (again["accepted"], again["duplicates"]) == (0, 3)


def test_batch_size_limit(api, acme):
    response = api.post("/api/v1/events/batch", {"events": [{}] * 10_001}, format="json")
    assert response.status_code == 400
    assert "events" in response.json()["error"]["fields"]


def test_rating_preview_prices_without_storing(api):
    body = {"currency": "EUR", "period_start": "2026-03-01", "period_end": "2026-04-01",
            "lines": [{"code": "api", "charge_model": "graduated", "metric": "api_calls",
                       "tiers": [{"up_to": "1000", "unit_price": "0.10"}, {"up_to": "10000", "unit_price": "0.08"},
                                 {"up_to": None, "unit_price": "0.05"}]}],
            "usage": {"api": {"quantity": "12000"}}}
    response = api.post("/api/v1/rating/preview", body, format="json")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["total"] == "920.00"
    assert [(row["tier"], row["quantity"], row["amount"]) for row in data["lines"]] == [
        (1, "1000", "100.00"), (2, "9000", "720.00"), (3, "2000", "100.00")]
    bad = api.post("/api/v1/rating/preview", {**body, "period_end": "2026-02-01"}, format="json")
    assert bad.status_code == 400
    assert "period_end" in bad.json()["error"]["fields"]


def test_billing_run_requires_an_aware_timestamp(api):
    response = api.post("/api/v1/billing-runs", {"as_of": "2026-04-05"}, format="json")
    assert response.status_code == 400
    assert "as_of" in response.json()["error"]["fields"]


def test_schema_and_docs_are_served(api, client):
    assert api.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


def test_reconciliation_period_is_validated(api):
    response = api.get("/api/v1/reports/reconciliation", {"period": "2026-13"})
    assert response.status_code == 400


def test_customer_usage_shows_the_current_period_and_estimate(api, acme):
    from tests.factories import UsageLineFactory

    line = UsageLineFactory(contract__customer=acme, contract__start_date=dt.date(2026, 3, 5), charge_model="graduated",
                            unit_price=None, minimum_amount=None,
                            tiers=[{"up_to": "1000", "unit_price": "0.10"}, {"up_to": None, "unit_price": "0.05"}])
    with time_machine.travel(NOW, tick=False):
        api.post("/api/v1/events/batch", {"events": [_event("u1", quantity="1500"), _event("u2", quantity="500")]},
                 format="json")
        data = api.get("/api/v1/customers/acme/usage").json()
    [contract] = data["contracts"]
    assert contract["contract"] == line.contract.external_id
    assert contract["usage"] == [{"line": "api", "meter": "api_calls", "period_start": "2026-03-05",
                                  "period_end": "2026-04-05", "quantity": "2000"}]
    assert contract["estimated_subtotal"] == "150.00"  # 1,000 x 0.10 + 1,000 x 0.05


def test_customer_usage_skips_lines_that_have_not_started(api, acme):
    from tests.factories import UsageLineFactory

    UsageLineFactory(contract__customer=acme, contract__start_date=dt.date(2026, 3, 5))
    UsageLineFactory(contract__customer=acme, contract__start_date=dt.date(2026, 3, 5), code="api-next",
                     start_date=dt.date(2026, 4, 1))
    with time_machine.travel(NOW, tick=False):
        data = api.get("/api/v1/customers/acme/usage").json()
    assert [row["line"] for c in data["contracts"] for row in c["usage"]] == ["api"]


def test_lines_priced_per_dimension_value(api, acme):
    from invoicing.drafting.recurring import contract_bill_due

    api.post("/api/v1/meters", {"code": "tokens", "name": "Tokens", "aggregation": "sum", "group_by": "model"},
             format="json")
    lines = [{"code": "large", "charge_model": "per_unit", "metric": "tokens", "dimension_value": "large",
              "unit_price": "0.01"},
             {"code": "small", "charge_model": "per_unit", "metric": "tokens", "dimension_value": "small",
              "unit_price": "0.001"}]
    body = {"customer": "acme", "external_id": "ai", "start_date": "2026-03-01", "auto_send": False, "lines": lines}
    assert api.post("/api/v1/contracts", body, format="json").status_code == 201
    events = [_event(f"t{i}", metric="tokens", quantity="1000", properties={"model": model})
              for i, model in enumerate(["large", "small", "small", "medium"])]
    with time_machine.travel(NOW, tick=False):
        assert api.post("/api/v1/events/batch", {"events": events}, format="json").json()["accepted"] == 4
    [invoice], _ = contract_bill_due(contract=Contract.objects.get(external_id="ai"),
                                     as_of=dt.datetime(2026, 4, 1, 12, tzinfo=dt.UTC))
    amounts = dict(invoice.lines.values_list("line_code", "amount"))
    assert amounts == {"large": Decimal("10.0000"), "small": Decimal("2.0000")}  # "medium" is priced by no line


def test_dimension_value_needs_a_grouped_meter(api, acme):
    body = {"customer": "acme", "start_date": "2026-03-01",
            "lines": [{"code": "api", "charge_model": "per_unit", "metric": "api_calls", "dimension_value": "x",
                       "unit_price": "1"}]}
    fields = api.post("/api/v1/contracts", body, format="json").json()["error"]["fields"]
    assert "lines[0].dimension_value" in fields
