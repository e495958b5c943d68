"""Whatever a client sends, the API answers in the JSON error shape with a 4xx, never a 500 (the
probes of issue 14; bench/probe_inputs.py runs them against PostgreSQL and counts)."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from access.models import ApiKey
from invoicing.models import BillingRun
from metering.models import Meter, UsageEvent
from tests.factories import MeterFactory, UsageLineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    MeterFactory()
    return UsageLineFactory(contract__customer__external_id="acme", contract__external_id="acme-2026")


def _event(key: str, **overrides: object) -> dict[str, object]:
    return {"idempotency_key": key, "customer": "acme", "metric": "api_calls",
            "timestamp": "2026-03-09T14:02:11Z", "quantity": "1", **overrides}  # fmt: skip


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body["error"]) == {"type", "message", "fields"}
    return body["error"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/customers?search=a%00b", 400),
        ("/api/v1/customers/a%00b", 400),
        ("/api/v1/invoices/%C2%B2", 404),
        ("/api/v1/customers/%C2%B2", 404),
        ("/api/v1/invoices/99999999999999999999", 404),
        ("/api/v1/customers/99999999999999999999", 404),
        ("/api/v1/invoices?limit=99999999999999999999", 400),
        ("/api/v1/customers?offset=-1", 400),
        ("/api/v1/credit-notes?invoice=%C2%B2", 400),
        ("/api/v1/reports/reconciliation?period=9999-12", 400),
        ("/api/v1/reports/reconciliation?period=0000-01", 400),
        ("/api/v1/nope", 404),
        ("/api/v2/customers", 404),
    ],
)
def test_hostile_urls_get_a_4xx_in_the_error_shape(api, world, path, status):
    _error(api.get(path), status)


def test_unknown_methods_and_unknown_paths_with_post_are_json(api, world):
    assert _error(api.delete("/api/v1/customers"), 405)["type"] == "method_not_allowed"
    assert _error(api.post("/api/v1/nope", {}, format="json"), 404)["type"] == "not_found"


def test_a_large_limit_is_clamped(api, world):
    response = api.get("/api/v1/customers?limit=5000")
    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize(
    "as_of", ["2026-02-30T00:00:00Z", "2026-03-01T25:00:00Z", "0001-01-01T00:00:00+05:00",
              "9999-12-31T23:59:59-05:00", "2026-03-01T00:00:00", "nonsense"],  # fmt: skip
)
def test_a_bad_as_of_is_a_400_and_starts_no_run(api, world, as_of):
    assert "as_of" in _error(api.post("/api/v1/billing-runs", {"as_of": as_of}, format="json"), 400)["fields"]
    assert not BillingRun.objects.exists()


def test_billing_runs_can_be_listed_and_polled(api, world):
    created = api.post("/api/v1/billing-runs", {"as_of": "2026-04-05T00:00:00Z"}, format="json")
    assert created.status_code == 201
    run_id = created.json()["id"]
    listed = api.get("/api/v1/billing-runs").json()
    assert [run["id"] for run in listed["results"]] == [run_id]
    polled = api.get(f"/api/v1/billing-runs/{run_id}").json()
    assert (polled["status"], polled["contracts_done"], polled["invoices_created"]) == ("completed", 1, 1)
    _error(api.get("/api/v1/billing-runs/999999"), 404)


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ('{"k": "a\\u0000b"}', "properties"),
        ('{"k\\u0000": "v"}', "properties"),
        ('{"k": "\\ud800"}', "properties"),
        ('{"a": ' * 20 + "1" + "}" * 20, "properties"),
    ],
)
def test_bad_properties_in_a_batch_are_rejected_by_index_and_the_others_stored(api, world, raw, field):
    good = [json.dumps(_event(f"ok-{i}")) for i in range(3)]
    bad = json.dumps(_event("bad"))[:-1] + f', "properties": {raw}}}'
    body = '{"events": [' + ", ".join([good[0], bad, good[1], good[2]]) + "]}"
    response = api.generic("POST", "/api/v1/events/batch", body.encode("utf-8", "surrogatepass"),
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 200, response.content
    result = response.json()
    assert (result["accepted"], [r["index"] for r in result["rejected"]]) == (3, [1])
    assert field in result["rejected"][0]["errors"]
    assert set(UsageEvent.objects.values_list("idempotency_key", flat=True)) == {"ok-0", "ok-1", "ok-2"}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"customer": "ac\u0000me"}, "customer"),
        ({"idempotency_key": "k\u0000"}, "idempotency_key"),
        ({"metric": "api\u0000"}, "metric"),
        ({"customer": {"id": 1}}, "customer"),
        ({"timestamp": "0001-01-01T00:00:00+01:00"}, "timestamp"),
        ({"timestamp": "9999-12-31T23:59:59-01:00"}, "timestamp"),
        ({"timestamp": "2026-02-30T00:00:00Z"}, "timestamp"),
        ({"quantity": "-5"}, "quantity"),
        ({"quantity": "NaN"}, "quantity"),
    ],
)
def test_bad_event_fields_are_400s_with_the_field(api, world, overrides, field):
    assert field in _error(api.post("/api/v1/events", _event("e1", **overrides), format="json"), 400)["fields"]
    assert not UsageEvent.objects.exists()


def test_json_nested_beyond_python_is_a_400(api, world):
    body = '{"idempotency_key": "deep", "properties": ' + '{"a":' * 100_000 + "1" + "}" * 100_001
    _error(api.generic("POST", "/api/v1/events", body, content_type="application/json"), 400)


def test_ten_thousand_events_with_modest_properties_are_accepted(api, world):
    events = [_event(f"big-{i}", properties={"region": "eu-west-1", "pad": "x" * 200}) for i in range(10_000)]
    body = json.dumps({"events": events})
    assert len(body) > 2_621_440  # over Django's default body limit
    response = api.generic("POST", "/api/v1/events/batch", body, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["accepted"] == 10_000


def test_oversize_bodies_are_a_json_413(api, world, settings):
    settings.EVENT_BATCH_MAX_BYTES = 1000
    body = json.dumps({"events": [_event(f"e{i}") for i in range(20)]})
    assert _error(api.generic("POST", "/api/v1/events/batch", body, content_type="application/json"), 413)
    body = json.dumps({"external_id": "x" * 3_000_000})
    assert _error(api.generic("POST", "/api/v1/customers", body, content_type="application/json"), 413)


def test_nul_and_surrogates_in_any_json_body_are_400s(api, world):
    _error(api.post("/api/v1/customers", {"external_id": "a\u0000", "name": "A", "email": "a@b.test"}, format="json"),
           400)  # fmt: skip
    body = b'{"external_id": "\\udc80", "name": "A", "email": "a@b.test"}'
    _error(api.generic("POST", "/api/v1/customers", body, content_type="application/json"), 400)


def test_usage_that_cannot_be_priced_is_a_422_not_a_500(api, world):
    # Negative quantities are refused at ingestion; this one is stored directly (data from before).
    UsageEvent.objects.create(
        idempotency_key="legacy",
        body_hash="x" * 64,
        customer=world.contract.customer,
        meter=Meter.objects.get(code="api_calls"),
        timestamp=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1),
        quantity=-5,
        properties={},
    )
    assert "cannot be priced" in _error(api.get("/api/v1/customers/acme/usage"), 422)["message"]


def test_create_api_key_takes_a_scope():
    out = StringIO()
    call_command("create_api_key", "ingest-bot", "--scope", "ingest", stdout=out, stderr=StringIO())
    assert ApiKey.objects.get(name="ingest-bot").scope == "ingest"
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {out.getvalue().strip()}")
    assert client.get("/api/v1/customers").status_code == 403


def test_the_admin_creates_a_key_with_a_scope_and_shows_it_once(admin_client):
    response = admin_client.post("/admin/access/apikey/add/", {"name": "reporting", "scope": "read"}, follow=True)
    assert response.status_code == 200
    key = ApiKey.objects.get(name="reporting")
    assert key.scope == "read"
    shown = [str(m) for m in response.context["messages"] if "ab_" in str(m)]
    assert len(shown) == 1
    raw = shown[0].split("The new API key is ")[1].split(" ")[0]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/v1/customers").status_code == 200
    assert client.post("/api/v1/customers", {"external_id": "x", "name": "X"}, format="json").status_code == 403
