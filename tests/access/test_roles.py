"""Each role can do what it should in the admin and nothing more."""

from __future__ import annotations

import csv
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from access.roles import AR_ANALYST, AUDITOR, BILLING_ADMIN, CFO, apply_roles
from audit.services import audit_record
from tests.factories import ContractFactory, CustomerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def login(client):
    apply_roles(apps)  # idempotent; the migration created them, transactional tests may have flushed them

    def _login(role: str):
        user = get_user_model().objects.create_user(role.replace(" ", "_").lower(), password="pw", is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        return client

    return _login


def test_roles_exist_after_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= {BILLING_ADMIN, AR_ANALYST, CFO, AUDITOR}


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        (BILLING_ADMIN, "/admin/contracts/contract/add/", 200),
        (BILLING_ADMIN, "/admin/invoicing/invoice/", 200),
        (BILLING_ADMIN, "/admin/receivables/payment/add/", 403),
        (AR_ANALYST, "/admin/receivables/dunningcase/", 200),
        (AR_ANALYST, "/admin/receivables/collectionnote/add/", 200),
        (AR_ANALYST, "/admin/receivables/payment/add/", 200),
        (AR_ANALYST, "/admin/contracts/contract/", 200),
        (AR_ANALYST, "/admin/contracts/contract/add/", 403),
        (CFO, "/admin/invoicing/invoice/", 200),
        (CFO, "/admin/ledger/journalentry/", 200),
        (CFO, "/admin/contracts/customer/add/", 403),
        (CFO, "/admin/receivables/collectionnote/add/", 403),
        (AUDITOR, "/admin/audit/auditevent/", 200),
        (AUDITOR, "/admin/contracts/customer/", 200),
        (AUDITOR, "/admin/contracts/customer/add/", 403),
        (AUDITOR, "/admin/invoicing/invoice/add/", 403),
    ],
)
def test_role_admin_access(login, role, url, status):
    assert login(role).get(url).status_code == status


@pytest.mark.parametrize("role", [AR_ANALYST, CFO, AUDITOR])
def test_read_only_roles_cannot_change_a_contract(login, role):
    contract = ContractFactory()
    client = login(role)
    page = client.get(f"/admin/contracts/contract/{contract.pk}/change/")
    assert page.status_code == 200
    response = client.post(f"/admin/contracts/contract/{contract.pk}/change/", {"currency": "EUR"})
    assert response.status_code == 403
    contract.refresh_from_db()
    assert contract.currency == "USD"


def test_auditor_exports_the_history_trail_as_csv(login):
    customer = CustomerFactory(name="Before")
    customer.name = "After"
    customer.save()
    audit_record(rule="test.rule", action="tested", obj=customer, inputs={"x": 1}, outcome={"ok": True})
    response = login(AUDITOR).get("/admin/audit/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["timestamp", "source", "model", "object_id"]
    customer_rows = [r for r in rows[1:] if r[2] == "contracts.customer" and r[3] == str(customer.pk)]
    assert [r[4] for r in customer_rows if r[1] == "history"] == ["created", "changed"]
    changed = next(r for r in customer_rows if r[4] == "changed")
    assert '"name": {"old": "Before", "new": "After"}' in changed[7]
    decision = next(r for r in customer_rows if r[1] == "decision")
    assert decision[6] == "test.rule"


def test_billing_admin_cannot_export_the_audit_trail(login):
    assert login(BILLING_ADMIN).get("/admin/audit/export.csv").status_code == 403
