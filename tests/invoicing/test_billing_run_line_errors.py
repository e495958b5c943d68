"""One line that cannot be priced never costs a contract its other lines: the run bills them and
records the line's error. Negative quantities are refused at ingestion (metering/services.py);
the event here is stored directly, as data from before that rule, or written around the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from invoicing.drafting.billing_run import billing_run_execute
from invoicing.models import Invoice
from metering.models import UsageEvent
from metering.services import usage_events_record
from tests.factories import FlatLineFactory, MeterFactory, UsageLineFactory

pytestmark = pytest.mark.django_db

AS_OF = dt.datetime(2026, 4, 5, tzinfo=dt.UTC)


def _contract_with_negative_usage():
    meter = MeterFactory()
    usage_line = UsageLineFactory(minimum_amount=None)
    FlatLineFactory(contract=usage_line.contract)
    UsageEvent.objects.create(
        idempotency_key="legacy-negative",
        body_hash="x" * 64,
        customer=usage_line.contract.customer,
        meter=meter,
        timestamp=dt.datetime(2026, 3, 10, tzinfo=dt.UTC),
        quantity=Decimal("-500"),
        properties={},
    )
    return usage_line.contract


def test_a_line_that_cannot_be_priced_is_left_out_and_reported_the_others_are_billed():
    contract = _contract_with_negative_usage()
    other = UsageLineFactory(minimum_amount=None)  # a healthy contract in the same chunk

    run = billing_run_execute(as_of=AS_OF, actor="tests")

    invoices = Invoice.objects.filter(contract=contract)
    assert invoices.exists()
    codes = {line.line_code for invoice in invoices for line in invoice.lines.all()}
    assert "platform" in codes
    assert "api" not in codes
    assert Invoice.objects.filter(contract=other.contract).count() == 1
    line_errors = [e for e in run.errors if e.get("line") == "api"]
    assert line_errors
    assert line_errors[0]["contract_id"] == contract.pk
    assert run.status == "failed"  # finished, with errors to act on
    assert run.contracts_done == run.contracts_total == 2


def test_negative_quantities_are_refused_at_ingestion():
    MeterFactory()
    line = UsageLineFactory()
    result = usage_events_record(
        events=[
            {"idempotency_key": "n1", "customer": line.contract.customer.external_id, "metric": "api_calls",
             "timestamp": "2026-03-09T14:02:11Z", "quantity": "-5"},
            {"idempotency_key": "n2", "customer": line.contract.customer.external_id, "metric": "api_calls",
             "timestamp": "2026-03-09T14:02:11Z", "quantity": "0"},
        ],  # fmt: skip
        now=AS_OF,
    )
    assert result.accepted == 1
    assert [r["index"] for r in result.rejected] == [0]
    assert "quantity" in result.rejected[0]["errors"]
