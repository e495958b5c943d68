"""Ingestion caches customer and meter references per process: a hit spares the lookup, a miss
always asks the database, so nothing created a moment ago is rejected."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext

from contracts.models import Customer
from metering.models import UsageEvent, UsageRollup
from metering.services import usage_events_record
from tests.factories import CustomerFactory, MeterFactory

pytestmark = pytest.mark.django_db


def _event(key: str, customer: str) -> dict[str, object]:
    return {"idempotency_key": key, "customer": customer, "metric": "api_calls", "timestamp": "2026-03-09T14:02:11Z"}


def test_second_request_for_known_references_does_not_look_them_up_again():
    MeterFactory()
    CustomerFactory(external_id="acme")
    assert usage_events_record(events=[_event("k1", "acme")]).accepted == 1
    with CaptureQueriesContext(connection) as queries:
        assert usage_events_record(events=[_event("k2", "acme")]).accepted == 1
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "contracts_customer" not in sql
    assert "metering_meter" not in sql


def test_customer_created_without_signals_is_found_on_a_miss():
    MeterFactory()
    CustomerFactory(external_id="acme")
    usage_events_record(events=[_event("k1", "acme")])
    # bulk_create sends no post_save: the cache cannot have been told; the miss must go to the DB.
    Customer.objects.bulk_create([Customer(external_id="globex", name="Globex", email="ap@globex.test")])
    result = usage_events_record(events=[_event("k2", "globex"), _event("k3", "nobody")])
    assert result.accepted == 1
    assert result.rejected == [{"index": 1, "errors": {"customer": ["No customer 'nobody'."]}}]
    assert UsageEvent.objects.get(idempotency_key="k2").customer.external_id == "globex"


def test_renamed_reference_resolves_to_the_new_name_once_saved():
    MeterFactory()
    customer = CustomerFactory(external_id="acme")
    usage_events_record(events=[_event("k1", "acme")])
    customer.external_id = "acme-corp"
    customer.save()  # post_save clears this process's cache
    result = usage_events_record(events=[_event("k2", "acme"), _event("k3", "acme-corp")])
    assert result.accepted == 1
    assert result.rejected[0]["index"] == 0


def test_customer_and_meter_with_events_cannot_be_deleted():
    """The events table has no database foreign keys (a trigger per row); the ORM still protects."""
    meter = MeterFactory()
    customer = CustomerFactory(external_id="acme")
    assert usage_events_record(events=[_event("k1", "acme")]).accepted == 1
    with pytest.raises(ProtectedError):
        customer.delete()
    with pytest.raises(ProtectedError):
        meter.delete()
    assert UsageEvent.objects.filter(customer=customer, meter=meter).count() == 1


def test_deleting_a_customer_without_events_cascades_to_its_rollups():
    meter = MeterFactory()
    customer = CustomerFactory(external_id="acme")
    UsageRollup.objects.create(customer=customer, meter=meter, bucket_start=datetime(2026, 3, 1, tzinfo=UTC))
    customer.delete()
    assert not UsageRollup.objects.exists()
