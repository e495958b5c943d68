"""The signed usage webhook (POST /webhooks/usage): HMAC-SHA256 over the raw body with the
source's secret, a five-minute timestamp tolerance, and the batch API's semantics."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import Permission, User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from integrations.models import UsageWebhookSource
from integrations.webhooks import signature_compute, signature_header, usage_webhook_source_create
from metering.models import UsageEvent
from tests.factories import CustomerFactory, MeterFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)
T = int(NOW.timestamp())
URL = "/webhooks/usage"


@pytest.fixture
def acme(db):
    MeterFactory()
    return CustomerFactory(external_id="acme")


@pytest.fixture
def source(db) -> UsageWebhookSource:
    return usage_webhook_source_create(name="product-db")


def _event(key: str = "evt_1", **overrides: Any) -> dict[str, Any]:
    return {"idempotency_key": key, "customer": "acme", "metric": "api_calls",
            "timestamp": "2026-03-09T14:02:11Z", "quantity": "1", "properties": {"region": "eu"}, **overrides}


def _body(events: list[dict[str, Any]]) -> bytes:
    return json.dumps({"events": events}).encode()


def _post(client: Client, body: bytes, *, name: str | None = "product-db", signature: str | None = None,
          secret: str = "", t: int = T):
    headers = {}
    if name is not None:
        headers["Autobill-Source"] = name
    headers["Autobill-Signature"] = signature if signature is not None else signature_header(
        secret=secret, body=body, timestamp=t
    )
    return client.post(URL, data=body, content_type="application/json", headers=headers)


@time_machine.travel(NOW, tick=False)
def test_a_validly_signed_batch_is_stored(client, acme, source):
    body = _body([_event("a"), _event("b", quantity="2.5")])
    response = _post(client, body, secret=source.secret)
    assert response.status_code == 200
    assert response.json() == {"accepted": 2, "duplicates": 0, "rejected": []}
    assert dict(UsageEvent.objects.values_list("idempotency_key", "quantity")) == {"a": Decimal(1), "b": Decimal("2.5")}
    source.refresh_from_db()
    assert source.last_received_at == NOW


@time_machine.travel(NOW, tick=False)
def test_a_single_event_object_is_accepted_with_the_batch_answer(client, acme, source):
    body = json.dumps(_event("solo")).encode()
    response = _post(client, body, secret=source.secret)
    assert response.json() == {"accepted": 1, "duplicates": 0, "rejected": []}
    assert list(UsageEvent.objects.values_list("idempotency_key", flat=True)) == ["solo"]


@time_machine.travel(NOW, tick=False)
def test_the_signature_is_stripes_scheme(source):
    body = b'{"events": []}'
    # HMAC-SHA256(secret, "<t>.<body>"), hex: an independent computation with the standard library.
    expected = hmac.new(source.secret.encode(), f"{T}.".encode() + body, hashlib.sha256).hexdigest()
    assert signature_compute(secret=source.secret, timestamp=T, body=body) == expected
    assert signature_header(secret=source.secret, body=body, timestamp=T) == f"t={T},v1={expected}"


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda sig, body, secret: (sig[:-1] + ("0" if sig[-1] != "0" else "1"), body), id="signature"),
        pytest.param(lambda sig, body, secret: (sig, body.replace(b'"1"', b'"1000"')), id="body"),
        pytest.param(lambda sig, body, secret: (
            signature_header(secret="whsec_not-the-secret", body=body, timestamp=T), body), id="secret"),
        pytest.param(lambda sig, body, secret: (sig.replace(f"t={T}", f"t={T - 1}"), body), id="timestamp"),
        pytest.param(lambda sig, body, secret: (f"t={T}", body), id="no-v1"),
        pytest.param(lambda sig, body, secret: ("v1=" + sig.split("v1=")[1], body), id="no-t"),
        pytest.param(lambda sig, body, secret: ("garbage", body), id="garbage"),
        pytest.param(lambda sig, body, secret: (sig.replace(f"t={T}", "t=soon"), body), id="t-not-a-number"),
    ],
)
def test_a_wrong_or_malformed_signature_is_401_and_stores_nothing(client, acme, source, tamper):
    body = _body([_event("a")])
    good = signature_header(secret=source.secret, body=body, timestamp=T)
    signature, sent_body = tamper(good, body, source.secret)
    response = _post(client, sent_body, signature=signature)
    assert response.status_code == 401
    assert response.json()["error"]["type"] == "authentication_error"
    assert UsageEvent.objects.count() == 0
    source.refresh_from_db()
    assert source.last_received_at is None


@time_machine.travel(NOW, tick=False)
def test_one_matching_v1_among_several_is_enough(client, acme, source):
    body = _body([_event("a")])
    good = signature_compute(secret=source.secret, timestamp=T, body=body)
    response = _post(client, body, signature=f"t={T},v1={'0' * 64},v1={good}")
    assert response.json()["accepted"] == 1


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("offset", [-301, 301, -3600])
def test_a_timestamp_outside_five_minutes_is_400_even_when_signed(client, acme, source, offset):
    body = _body([_event("a")])
    response = _post(client, body, secret=source.secret, t=T + offset)
    assert response.status_code == 400
    assert "replay or clock skew" in response.json()["error"]["message"]
    assert UsageEvent.objects.count() == 0


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("offset", [-300, 300])
def test_a_timestamp_at_the_edge_of_the_tolerance_is_accepted(client, acme, source, offset):
    response = _post(client, _body([_event("a")]), secret=source.secret, t=T + offset)
    assert response.status_code == 200


@time_machine.travel(NOW, tick=False)
def test_an_old_timestamp_with_a_bad_signature_is_401_not_400(client, acme, source):
    # The signature is checked first: an unauthenticated caller learns nothing about our clock.
    body = _body([_event("a")])
    response = _post(client, body, secret="whsec_wrong", t=T - 3600)
    assert response.status_code == 401


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("name", ["unknown", "", None])
def test_an_unknown_or_missing_source_is_401(client, acme, source, name):
    body = _body([_event("a")])
    response = _post(client, body, name=name, secret=source.secret)
    assert response.status_code == 401
    assert UsageEvent.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_an_inactive_source_is_401(client, acme, source):
    source.is_active = False
    source.save()
    response = _post(client, _body([_event("a")]), secret=source.secret)
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "Unknown or inactive source."
    assert UsageEvent.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_a_missing_signature_header_is_401(client, acme, source):
    body = _body([_event("a")])
    response = client.post(URL, data=body, content_type="application/json", headers={"Autobill-Source": "product-db"})
    assert response.status_code == 401
    assert "Autobill-Signature" in response.json()["error"]["message"]


@time_machine.travel(NOW, tick=False)
def test_a_replayed_request_stores_nothing_twice(client, acme, source):
    body = _body([_event("a"), _event("b"), _event("c")])
    signature = signature_header(secret=source.secret, body=body, timestamp=T)
    first = _post(client, body, signature=signature)
    with time_machine.travel(NOW + dt.timedelta(minutes=4), tick=False):
        replay = _post(client, body, signature=signature)
    assert first.json() == {"accepted": 3, "duplicates": 0, "rejected": []}
    assert replay.status_code == 200
    assert replay.json() == {"accepted": 0, "duplicates": 3, "rejected": []}
    assert UsageEvent.objects.count() == 3
    with time_machine.travel(NOW + dt.timedelta(minutes=6), tick=False):
        late = _post(client, body, signature=signature)
    assert late.status_code == 400
    assert UsageEvent.objects.count() == 3


@time_machine.travel(NOW, tick=False)
def test_invalid_events_are_rejected_by_index_like_the_batch_api(client, acme, source):
    future = (NOW + dt.timedelta(minutes=6)).isoformat()
    events = [
        _event("a"),
        _event("b", timestamp=future),
        _event("c", quantity="Infinity"),
        _event("a"),  # repeated in the same batch
        _event("d", metric="unknown"),
        _event("e", timestamp="2026-03-09T14:02:11"),  # no offset
        _event("f", quantity="2.5"),
        _event("a", quantity="7"),  # same key, another body
    ]
    body = _body(events)
    result = _post(client, body, secret=source.secret).json()
    assert result["accepted"] == 2
    assert result["duplicates"] == 1
    assert [r["index"] for r in result["rejected"]] == [1, 2, 4, 5, 7]
    assert result["rejected"][0]["errors"] == {"timestamp": ["More than 5 minutes in the future."]}
    assert result["rejected"][4]["errors"] == {"idempotency_key": ["Already used for an event with a different body."]}
    assert set(UsageEvent.objects.values_list("idempotency_key", flat=True)) == {"a", "f"}


@time_machine.travel(NOW, tick=False)
def test_the_answer_equals_the_batch_apis_for_the_same_events(client, api, acme, source):
    events = [_event("a"), _event("b", customer="ghost"), _event("c", quantity="x")]
    webhook = _post(client, _body(events), secret=source.secret).json()
    UsageEvent.objects.all().delete()
    batch = api.post("/api/v1/events/batch", {"events": events}, format="json").json()
    assert webhook == batch


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b"{not json", "non_field_errors"),
        (b"[1, 2]", "non_field_errors"),
        (b'{"events": {"a": 1}}', "events"),
        (json.dumps({"events": [{}] * 10_001}).encode(), "events"),
    ],
)
def test_a_signed_but_unusable_body_is_400(client, acme, source, body, field):
    response = _post(client, body, secret=source.secret)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert UsageEvent.objects.count() == 0


def test_only_post_is_allowed(client):
    response = client.get(URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"


@time_machine.travel(NOW, tick=False)
def test_a_full_batch_larger_than_djangos_upload_limit_is_accepted(client, acme, source, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024  # the webhook reads the stream with its own cap
    body = _body([_event(f"k{i}") for i in range(50)])
    assert len(body) > 1024
    response = _post(client, body, secret=source.secret)
    assert response.json()["accepted"] == 50


def test_secrets_are_random_and_long(db):
    first = usage_webhook_source_create(name="one")
    second = usage_webhook_source_create(name="two")
    assert first.secret != second.secret
    assert first.secret.startswith("whsec_")
    assert len(first.secret.removeprefix("whsec_")) >= 43  # 32 bytes, URL-safe base64


def test_create_webhook_source_prints_the_secret_on_its_last_line(db):
    out = StringIO()
    call_command("create_webhook_source", "billing-pipeline", stdout=out, stderr=StringIO())
    secret = out.getvalue().strip().splitlines()[-1]
    assert UsageWebhookSource.objects.get(name="billing-pipeline").secret == secret
    assert AuditEvent.objects.filter(action="webhook_source_created").count() == 1
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_webhook_source", "billing-pipeline", stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError, match="Invalid name"):
        call_command("create_webhook_source", "not a slug", stdout=StringIO(), stderr=StringIO())


@pytest.fixture
def admin_client_logged_in(db) -> Client:
    user = User.objects.create_superuser("root", "root@x.test", "pw")
    client = Client()
    client.force_login(user)
    return client


@time_machine.travel(NOW, tick=False)
def test_rotating_the_secret_in_the_admin_refuses_the_old_one(admin_client_logged_in, client, acme, source):
    old_secret = source.secret
    response = admin_client_logged_in.post(
        reverse("admin:integrations_usagewebhooksource_changelist"),
        {"action": "rotate_secret", "_selected_action": [source.pk]},
    )
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.secret != old_secret
    assert source.secret_rotated_at == NOW
    assert _post(client, _body([_event("a")]), secret=old_secret).status_code == 401
    assert _post(client, _body([_event("a")]), secret=source.secret).status_code == 200
    # History records the rotation, never a secret; the audit log says who rotated it.
    assert source.history.count() == 2
    assert not hasattr(source.history.first(), "secret")
    audit = AuditEvent.objects.get(action="webhook_secret_rotated")
    assert audit.actor == "root"
    assert old_secret not in json.dumps(audit.inputs) + json.dumps(audit.outcome)


def test_admin_creates_a_source_and_shows_its_secret_read_only(admin_client_logged_in):
    add_url = reverse("admin:integrations_usagewebhooksource_add")
    page = admin_client_logged_in.get(add_url)
    assert page.status_code == 200
    assert b'name="secret"' not in page.content
    response = admin_client_logged_in.post(add_url, {"name": "warehouse", "is_active": "on"})
    source = UsageWebhookSource.objects.get(name="warehouse")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:integrations_usagewebhooksource_change", args=[source.pk])
    change = admin_client_logged_in.get(response["Location"])
    assert change.status_code == 200
    assert source.secret.encode() in change.content
    assert b"Autobill-Signature: t=" in change.content
    assert b'name="secret"' not in change.content  # shown, not editable
    assert b'name="name"' not in change.content  # the sender sends it: renaming would lock it out
    assert AuditEvent.objects.filter(action="webhook_source_created", actor="root").count() == 1
    assert admin_client_logged_in.get(reverse("admin:integrations_usagewebhooksource_changelist")).status_code == 200
    history = reverse("admin:integrations_usagewebhooksource_history", args=[source.pk])
    assert admin_client_logged_in.get(history).status_code == 200


def test_the_secret_is_hidden_from_view_only_staff(db, source):
    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_usagewebhooksource"))
    client = Client()
    client.force_login(viewer)
    page = client.get(reverse("admin:integrations_usagewebhooksource_change", args=[source.pk]))
    assert page.status_code == 200
    assert source.secret.encode() not in page.content
