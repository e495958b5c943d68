"""The API obeys the admin's roles: role (session) and API key scope x endpoint x method.

The expected answers are written out here from the roles (access/roles.py) as the admin applies
them, not derived from the views' permission declarations, so a wrong declaration fails. Each
request runs in a savepoint that is rolled back: every row starts the same for every request."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from rest_framework.test import APIClient

from access.roles import AR_ANALYST, AUDITOR, BILLING_ADMIN, CFO, apply_roles
from access.services import api_key_create
from contracts.services import amendment_create
from invoicing.drafting.recurring import contract_bill_due
from invoicing.models import BillingRun, Invoice
from tests.factories import MeterFactory, UsageLineFactory
from tests.invoicing.credit_note_fixtures import issued_invoice
from tests.invoicing.factories import MilestoneFactory, MilestoneLineFactory

pytestmark = pytest.mark.django_db

BA, AR, CF, AU = BILLING_ADMIN, AR_ANALYST, CFO, AUDITOR
ALL_ROLES = frozenset({BA, AR, CF, AU})
READ, INGEST, FULL = "key:read", "key:ingest", "key:full"
PRINCIPALS = [BA, AR, CF, AU, READ, INGEST, FULL]

EVENT = {"idempotency_key": "perm-1", "customer": "acme", "metric": "api_calls", "timestamp": "2026-03-09T14:02:11Z"}

# (method, path template, body, roles allowed, key scopes allowed besides full).
MATRIX: list[tuple[str, str, object, frozenset[str], frozenset[str]]] = [
    ("GET", "/api/v1/customers", None, ALL_ROLES, {READ}),
    (
        "POST",
        "/api/v1/customers",
        {"external_id": "new", "name": "New", "email": "a@b.test", "currency": "USD"},
        {BA},
        set(),
    ),
    ("GET", "/api/v1/customers/acme", None, ALL_ROLES, {READ}),
    ("GET", "/api/v1/customers/acme/usage", None, {BA, CF, AU}, {READ}),  # AR sees no metering
    ("GET", "/api/v1/meters", None, {BA, CF, AU}, {READ}),
    ("POST", "/api/v1/meters", {"code": "gb", "name": "GB", "aggregation": "sum"}, {BA}, set()),
    ("GET", "/api/v1/contracts", None, ALL_ROLES, {READ}),
    (
        "POST",
        "/api/v1/contracts",
        {
            "customer": "acme",
            "start_date": "2026-03-01",
            "currency": "USD",
            "lines": [{"code": "fee", "charge_model": "flat", "amount": "10.00", "billing_timing": "in_advance"}],
        },
        {BA},
        set(),
    ),
    ("GET", "/api/v1/contracts/{contract}", None, ALL_ROLES, {READ}),
    (
        "POST",
        "/api/v1/contracts/{contract}/amendments",
        {"effective_date": "2026-05-01", "changes": [{"type": "change_price", "line": "api", "unit_price": "0.003"}]},
        {BA},
        set(),
    ),
    ("GET", "/api/v1/amendments/{amendment}", None, ALL_ROLES, {READ}),
    ("POST", "/api/v1/amendments/{amendment}/approve", None, {BA}, set()),
    ("POST", "/api/v1/contracts/{milestone_contract}/milestones/Go-live/complete", {}, {BA}, set()),
    ("POST", "/api/v1/events", EVENT, set(), {INGEST}),
    ("POST", "/api/v1/events/batch", {"events": [EVENT]}, set(), {INGEST}),
    (
        "POST",
        "/api/v1/rating/preview",
        {"currency": "USD", "lines": [], "period_start": "2026-03-01", "period_end": "2026-04-01"},
        ALL_ROLES,
        {READ},
    ),
    ("GET", "/api/v1/billing-runs", None, {BA, CF, AU}, {READ}),
    ("POST", "/api/v1/billing-runs", {"as_of": "2026-04-05T00:00:00Z"}, {BA}, set()),
    ("GET", "/api/v1/billing-runs/{run}", None, {BA, CF, AU}, {READ}),
    ("GET", "/api/v1/invoices", None, ALL_ROLES, {READ}),
    ("GET", "/api/v1/invoices/{open}", None, ALL_ROLES, {READ}),
    ("GET", "/api/v1/invoices/{open}/pdf", None, ALL_ROLES, {READ}),
    ("POST", "/api/v1/invoices/{draft}/finalize", None, {BA}, set()),
    ("POST", "/api/v1/invoices/{draft}/approve", None, {BA}, set()),
    ("POST", "/api/v1/invoices/{open}/send", None, {BA}, set()),
    ("POST", "/api/v1/invoices/{open}/void", {"reason": "test"}, {BA}, set()),
    ("POST", "/api/v1/invoices/{open}/mark-uncollectible", {"reason": "gone"}, {AR}, set()),
    ("POST", "/api/v1/invoices/{open}/credit-notes", {"reason": "service_issue", "amount": "10.00"}, {BA}, set()),
    ("GET", "/api/v1/credit-notes", None, ALL_ROLES, {READ}),
    ("GET", "/api/v1/reports/reconciliation?period=2026-03", None, {CF, AU}, {READ}),  # finance, not AR (issue 12)
    ("GET", "/api/v1/reports/ar-aging", None, {AR, CF, AU}, {READ}),
    ("GET", "/api/v1/reports/cfo", None, {CF, AU}, {READ}),
    ("POST", "/api/v1/revrec/preview", {"currency": "USD", "transaction_price": "10.00", "obligations": []},
     {BA, CF, AU}, {READ}),  # computes without storing: a read
    ("GET", "/api/v1/dunning/model", None, ALL_ROLES, {READ}),
    ("POST", "/api/v1/dunning/next-action", {"customer": "acme"}, ALL_ROLES, {READ}),
    ("POST", "/api/v1/dunning/train", None, set(), set()),
    ("POST", "/api/v1/payment-history", {"attempts": []}, set(), set()),
    ("GET", "/api/v1/contract-documents/999999", None, ALL_ROLES, {READ}),
]


@pytest.fixture
def objects(django_capture_on_commit_callbacks) -> dict[str, object]:
    MeterFactory()
    line = UsageLineFactory(contract__customer__external_id="acme", contract__auto_send=False)
    drafts, _ = contract_bill_due(contract=line.contract, as_of=dt.datetime(2026, 4, 5, tzinfo=dt.UTC))
    open_invoice = issued_invoice(django_capture_on_commit_callbacks, customer=line.contract.customer)
    amendment = amendment_create(
        contract=line.contract,
        effective_date=dt.date(2026, 5, 1),
        changes=[{"type": "change_price", "line": "api", "unit_price": "0.002"}],
    )
    milestone = MilestoneFactory(line=MilestoneLineFactory(contract__customer=line.contract.customer))
    run = BillingRun.objects.create(as_of=dt.datetime(2026, 4, 5, tzinfo=dt.UTC), triggered_by="test")
    return {
        "contract": line.contract.external_id,
        "amendment": amendment.pk,
        "milestone_contract": milestone.line.contract.external_id,
        "run": run.pk,
        "open": open_invoice.pk,
        "draft": drafts[0].pk,
    }


def _client(principal: str) -> APIClient:
    client = APIClient()
    if principal.startswith("key:"):
        issued = api_key_create(name=principal, scope=principal.removeprefix("key:"))
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {issued.raw_key}")
    else:
        apply_roles(apps)
        user = get_user_model().objects.create_user(principal.replace(" ", "_").lower(), password="pw", is_staff=True)
        user.groups.add(Group.objects.get(name=principal))
        client.force_login(user)
    return client


def _allowed(principal: str, roles: frozenset[str], scopes: set[str]) -> bool:
    if principal == FULL:
        return True
    return principal in scopes if principal.startswith("key:") else principal in roles


@pytest.mark.parametrize("principal", PRINCIPALS)
def test_matrix(objects, principal):
    client = _client(principal)
    wrong = []
    for method, template, body, roles, scopes in MATRIX:
        path = template.format(**objects)
        with transaction.atomic():
            data = "" if body is None else json.dumps(body)
            response = client.generic(method, path, data, content_type="application/json")
            transaction.set_rollback(True)
        allowed = _allowed(principal, frozenset(roles), set(scopes))
        if allowed:
            ok = response.status_code < 500 and response.status_code not in (401, 403)
        else:
            ok = response.status_code == 403 and response.json()["error"]["type"] == "permission_denied"
        if not ok:
            wrong.append(
                (method, path, "allowed" if allowed else "refused", response.status_code, response.content[:200])
            )
    assert wrong == []


def test_allowed_writes_do_what_they_say(objects):
    """Spot checks that an allowed request is answered by the endpoint itself, not just let through."""
    ba = _client(BA)
    assert ba.post(f"/api/v1/invoices/{objects['draft']}/finalize").status_code == 200
    assert Invoice.objects.get(pk=objects["draft"]).status == "open"
    ar = _client(AR)
    response = ar.post(f"/api/v1/invoices/{objects['open']}/mark-uncollectible", {"reason": "gone"}, format="json")
    assert response.status_code == 200
    assert Invoice.objects.get(pk=objects["open"]).status == "uncollectible"


def test_refused_writes_change_nothing(objects):
    """The issue's three: an auditor voiding, an AR analyst finalising, a CFO approving a price change."""
    assert _client(AU).post(f"/api/v1/invoices/{objects['open']}/void").status_code == 403
    assert _client(AR).post(f"/api/v1/invoices/{objects['draft']}/finalize").status_code == 403
    assert _client(CF).post(f"/api/v1/amendments/{objects['amendment']}/approve").status_code == 403
    assert Invoice.objects.get(pk=objects["open"]).status == "open"
    assert Invoice.objects.get(pk=objects["draft"]).status == "draft"
    from contracts.models import Amendment

    assert Amendment.objects.get(pk=objects["amendment"]).status == "draft"
    assert Invoice.objects.get(pk=objects["draft"]).subtotal > Decimal(0)


def test_unauthenticated_is_401_and_unknown_method_405(objects):
    assert APIClient().get("/api/v1/invoices").status_code == 401
    response = _client(AU).delete("/api/v1/customers")
    assert response.status_code == 405
    assert response.json()["error"]["type"] == "method_not_allowed"


def test_ingest_key_cannot_read_and_read_key_cannot_write(objects):
    ingest, read = _client(INGEST), _client(READ)
    assert ingest.get("/api/v1/invoices").status_code == 403
    assert ingest.post("/api/v1/events", EVENT, format="json").status_code == 201
    response = read.post("/api/v1/events", {**EVENT, "idempotency_key": "perm-2"}, format="json")
    assert response.status_code == 403
    assert "scope (read)" in response.json()["error"]["message"]
