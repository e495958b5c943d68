"""Hostile-input probes of the public API (issue 14): count the distinct probes answered 500 (or
with anything but the JSON error shape) on a throwaway test database.

    DATABASE_URL=postgres://autobill:autobill@127.0.0.1:5432/autobill_issue14 \
        .venv/bin/python bench/probe_inputs.py

Each probe is one request a client can send; it prints one line per probe and the counts. Run it
on PostgreSQL: several of these inputs (NUL bytes, lone surrogates, bigint overflow) only fail there.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "billing_site.settings")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat()


def _nested_event(key: str, depth: int) -> str:
    """An event whose properties are objects nested ``depth`` deep, as JSON text (json.dumps
    itself cannot write it)."""
    head = json.dumps(_event(key))[:-1]
    return head + ', "properties": ' + '{"a":' * depth + '"x"' + "}" * depth + "}"


def _event(key: str, **overrides: Any) -> dict[str, Any]:
    return {
        "idempotency_key": key,
        "customer": "probe",
        "metric": "api_calls",
        "timestamp": "2026-03-09T14:02:11Z",
        "quantity": "1",
        **overrides,
    }


def probes() -> list[tuple[str, str, str, Any]]:
    """(name, method, path, JSON body or None)."""
    raw_surrogate = (
        '{"idempotency_key": "sur-1", "customer": "probe", "metric": "api_calls", '
        '"timestamp": "2026-03-09T14:02:11Z", "properties": {"k": "\\ud800"}}'
    )
    batch = [_event(f"b-{i}") for i in range(49)]
    batch.insert(17, _event("b-bad", properties={"k": "a\u0000b"}))
    return [
        ("NUL in query string (customers search)", "GET", "/api/v1/customers?search=a%00b", None),
        ("NUL in query string (invoices customer)", "GET", "/api/v1/invoices?customer=a%00b", None),
        ("NUL in customer id", "GET", "/api/v1/customers/a%00b", None),
        ("NUL in contract id", "GET", "/api/v1/contracts/a%00b", None),
        ("NUL in event customer", "POST", "/api/v1/events", _event("nul-1", customer="pro\u0000be")),
        ("NUL in event key", "POST", "/api/v1/events", _event("nul\u0000-2")),
        ("NUL in event metric", "POST", "/api/v1/events", _event("nul-3", metric="api\u0000")),
        ("superscript digit id (invoice)", "GET", "/api/v1/invoices/%C2%B2", None),
        ("superscript digit id (customer)", "GET", "/api/v1/customers/%C2%B2", None),
        ("superscript digit id (amendment)", "GET", "/api/v1/amendments/%C2%B2", None),
        ("huge id (invoice)", "GET", "/api/v1/invoices/99999999999999999999", None),
        ("huge id (customer)", "GET", "/api/v1/customers/99999999999999999999", None),
        ("huge limit", "GET", "/api/v1/invoices?limit=99999999999999999999", None),
        ("huge offset", "GET", "/api/v1/customers?offset=99999999999999999999", None),
        ("as_of Feb 30", "POST", "/api/v1/billing-runs", {"as_of": "2026-02-30T00:00:00Z"}),
        ("as_of hour 25", "POST", "/api/v1/billing-runs", {"as_of": "2026-03-01T25:00:00Z"}),
        ("as_of year 1 with offset", "POST", "/api/v1/billing-runs", {"as_of": "0001-01-01T00:00:00+05:00"}),
        ("as_of year 9999 with offset", "POST", "/api/v1/billing-runs", {"as_of": "9999-12-31T23:59:59-05:00"}),
        ("lone surrogate in properties", "RAW", "/api/v1/events", raw_surrogate),
        ("NUL in properties", "POST", "/api/v1/events", _event("nul-4", properties={"k": "a\u0000b"})),
        ("NUL in properties key", "POST", "/api/v1/events", _event("nul-5", properties={"k\u0000": "v"})),
        (
            "timestamp year 1 with offset",
            "POST",
            "/api/v1/events",
            _event("ts-1", timestamp="0001-01-01T00:00:00+01:00"),
        ),
        (
            "timestamp year 9999 with offset",
            "POST",
            "/api/v1/events",
            _event("ts-2", timestamp="9999-12-31T23:59:59-01:00"),
        ),
        ("properties nested 1,000 deep", "RAW", "/api/v1/events", _nested_event("deep-1", 1000)),
        ("properties nested 100,000 deep", "RAW", "/api/v1/events", _nested_event("deep-2", 100_000)),
        ("reconciliation period 9999-12", "GET", "/api/v1/reports/reconciliation?period=9999-12", None),
        ("reconciliation period 0000-01", "GET", "/api/v1/reports/reconciliation?period=0000-01", None),
        ("negative quantity then usage", "POST", "/api/v1/events", _event("neg-1", quantity="-5", timestamp=_now())),
        ("usage after negative quantity", "GET", "/api/v1/customers/probe/usage", None),
        ("batch with one bad event", "POST", "/api/v1/events/batch", {"events": batch}),
        ("unknown path", "GET", "/api/v1/nope", None),
        ("unknown method", "DELETE", "/api/v1/customers", None),
        ("billing runs list", "GET", "/api/v1/billing-runs", None),
        ("rating preview NUL currency", "POST", "/api/v1/rating/preview", {"currency": "U\u0000D", "lines": []}),
        ("credit notes invoice=²", "GET", "/api/v1/credit-notes?invoice=%C2%B2", None),
        ("contracts customer NUL", "GET", "/api/v1/contracts?customer=a%00", None),
        (
            "10,000 events with modest properties (3 MB)",
            "POST",
            "/api/v1/events/batch",
            {"events": [_event(f"big-{i}", properties={"pad": "x" * 280}) for i in range(10_000)]},
        ),
        (
            "oversize body (20 MB batch)",
            "POST",
            "/api/v1/events/batch",
            {"events": [_event(f"huge-{i}", properties={"pad": "x" * 2000}) for i in range(10_000)]},
        ),
    ]


def main() -> int:
    from rest_framework.test import APIClient

    from access.services import api_key_create
    from contracts.models import Contract, ContractLine, Customer
    from metering.models import Meter

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        customer = Customer.objects.create(external_id="probe", name="Probe", email="p@x.test", currency="USD")
        Meter.objects.create(code="api_calls", name="API calls", aggregation="sum")
        contract = Contract.objects.create(
            customer=customer, external_id="probe-c", start_date="2026-03-01", currency="USD"
        )
        ContractLine.objects.create(
            contract=contract,
            code="api",
            charge_model="per_unit",
            metric="api_calls",
            unit_price="0.004",
            billing_timing="in_arrears",
        )
        ContractLine.objects.create(
            contract=contract, code="fee", charge_model="flat", amount="100", billing_timing="in_advance"
        )
        client = APIClient(raise_request_exception=False)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {api_key_create(name='probe').raw_key}")
        failures = errors_500 = 0
        for name, method, path, body in probes():
            if method == "RAW":
                response = client.generic(
                    "POST", path, body.encode("utf-8", "surrogatepass"), content_type="application/json"
                )
            elif body is None:
                response = client.generic(method, path)
            else:
                response = client.generic(method, path, json.dumps(body), content_type="application/json")
            content_type = response.get("Content-Type", "")
            shaped = "application/json" in content_type
            bad = response.status_code >= 500 or not shaped
            if shaped and response.status_code >= 400:
                try:
                    bad = bad or "error" not in json.loads(response.content)
                except ValueError:
                    bad = True
            failures += bad
            errors_500 += response.status_code >= 500
            print(f"{'FAIL' if bad else 'ok  '} {response.status_code} {content_type[:24]:24} {name}")  # noqa: T201
        print(f"\n{errors_500} of {len(probes())} probes answered 500")  # noqa: T201
        print(f"{failures} of {len(probes())} probes answered 500 or without the JSON error shape")  # noqa: T201
        return 0
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
