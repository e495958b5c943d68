"""The admin of connections, deals and the sync log, as a billing admin uses it (test client),
with the OAuth flows and "sync now" running against the HTTP fakes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from integrations.choices import ConnectionStatus, DealStatus, Provider
from integrations.credentials import connection_credentials
from integrations.crypto import secrets_decrypt
from integrations.models import Connection, CrmDeal, SyncItem, SyncRun
from integrations.runs import connection_sync
from integrations.sync import backoff_delay
from ledger.services import Posting, journal_entry_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("root", "root@example.test", "pw"))
    return client


def test_credentials_are_encrypted_and_never_rendered(admin_client, sf_connection):
    page = admin_client.get(reverse("admin:integrations_connection_change", args=[sf_connection.pk]))
    history = admin_client.get(reverse("admin:integrations_connection_history", args=[sf_connection.pk]))

    assert page.status_code == 200
    assert history.status_code == 200
    html = page.content.decode()
    assert "sf-secret-value" not in html
    assert "3MVG9-client" not in html
    assert "sf-access" not in html
    assert "client secret: set" in html
    assert "refresh token: set" in html
    assert "Authorize with Salesforce" in html
    assert "crm product mappings" in html.lower()
    assert "sf-secret-value" not in sf_connection.credentials_encrypted
    assert secrets_decrypt(sf_connection.credentials_encrypted)["client_secret"] == "sf-secret-value"
    assert not AuditEvent.objects.filter(inputs__icontains="sf-secret-value").exists()


def test_add_a_connection_in_the_admin_creates_its_editable_schedule(admin_client):
    response = admin_client.post(reverse("admin:integrations_connection_add"), {
        "name": "QBO books", "provider": Provider.QUICKBOOKS, "company_id": "", "is_active": "on",
        "client_id": "ABC", "client_secret": "top-secret", "default_currency": "USD",
        "posting_mode": "daily_summary",
    })

    assert response.status_code == 302, response.content.decode()[:2000]
    connection = Connection.objects.get(name="QBO books")
    assert connection_credentials(connection) == {"client_id": "ABC", "client_secret": "top-secret"}
    assert connection.schedule.task == "integrations.tasks.connection_sync_task"
    assert connection.schedule.args == f"[{connection.pk}]"
    assert connection.schedule.interval.every == 1440
    page = admin_client.get(reverse("admin:integrations_connection_change", args=[connection.pk]))
    assert "top-secret" not in page.content.decode()
    assert admin_client.get(reverse("admin:django_celery_beat_periodictask_change",
                                    args=[connection.schedule.pk])).status_code == 200


def test_quickbooks_oauth_authorize_and_callback(admin_client, qbo, qbo_connection):
    qbo_connection.company_id = ""
    qbo_connection.save()

    start = admin_client.get(reverse("admin:integrations_connection_authorize", args=[qbo_connection.pk]))

    assert start.status_code == 302
    target = urlparse(start.url)
    query = parse_qs(target.query)
    assert target.netloc == "appcenter.intuit.com"
    assert query["scope"] == ["com.intuit.quickbooks.accounting"]
    callback = reverse("admin:integrations_connection_oauth_callback")
    bad = admin_client.get(callback, {"state": "forged", "code": "qbo-code", "realmId": qbo.realm})
    assert bad.status_code == 403

    start = admin_client.get(reverse("admin:integrations_connection_authorize", args=[qbo_connection.pk]))
    state = parse_qs(urlparse(start.url).query)["state"][0]
    done = admin_client.get(callback, {"state": state, "code": "qbo-code", "realmId": qbo.realm})

    assert done.status_code == 302
    qbo_connection.refresh_from_db()
    assert qbo_connection.company_id == qbo.realm
    assert qbo_connection.status == ConnectionStatus.CONNECTED
    assert connection_credentials(qbo_connection)["access_token"] == qbo.access_token


def test_salesforce_oauth_callback_stores_instance_and_org(admin_client, sf, sf_connection):
    start = admin_client.get(reverse("admin:integrations_connection_authorize", args=[sf_connection.pk]))
    assert start.url.startswith("https://login.salesforce.com/services/oauth2/authorize?")
    state = parse_qs(urlparse(start.url).query)["state"][0]

    admin_client.get(reverse("admin:integrations_connection_oauth_callback"), {"state": state, "code": "sf-code"})

    sf_connection.refresh_from_db()
    assert sf_connection.company_id == "00D5g000004ABCDEAA"
    assert connection_credentials(sf_connection)["access_token"] == "00Dxx!sf-access-authorized"


def test_sync_now_action_and_the_deal_pages(admin_client, sf, sf_connection, django_capture_on_commit_callbacks):
    sf.add_opportunity("0065g00000AAAA1", account=("0015g00000ACME1", "Acme Inc."), Contract_Start__c="2026-03-01",
                       lines=[{"code": "PLATFORM", "name": "Platform fee", "quantity": 1, "unit_price": "500"}])

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:integrations_connection_changelist"),
                                     {"action": "sync_now", "_selected_action": [sf_connection.pk]})

    assert response.status_code == 302
    run = SyncRun.objects.get()
    assert run.trigger == "manual:root"
    assert run.synced == 1
    deal = CrmDeal.objects.get()
    assert admin_client.get(reverse("admin:integrations_crmdeal_change", args=[deal.pk])).status_code == 200
    admin_client.post(reverse("admin:integrations_crmdeal_changelist"),
                      {"action": "approve", "_selected_action": [deal.pk]})
    deal.refresh_from_db()
    assert deal.status == DealStatus.IMPORTED
    assert deal.decided_by == "root"

    sf.change_opportunity("0065g00000AAAA1", Contract_Start__c="2026-03-09",
                          lines=[{"code": "PLATFORM", "name": "Platform fee", "quantity": 1, "unit_price": "600"}])
    connection_sync(connection_id=sf_connection.pk)
    page = admin_client.get(reverse("admin:integrations_crmdeal_change", args=[deal.pk])).content.decode()
    assert "Conflicts to settle" in page
    assert "2026-03-09" in page
    assert "Accepted (contract)" in page
    for name in ("syncrun", "syncitem", "crmdeal", "glaccount", "connection"):
        assert admin_client.get(reverse(f"admin:integrations_{name}_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:integrations_syncrun_change", args=[run.pk])).status_code == 200
    item = SyncItem.objects.first()
    assert admin_client.get(reverse("admin:integrations_syncitem_change", args=[item.pk])).status_code == 200


def test_invoice_trail_and_gl_reconciliation_pages(admin_client, qbo, qbo_connection):
    from integrations.gl.services import gl_accounts_refresh
    from integrations.models import GlAccount, GlAccountMapping

    gl_accounts_refresh(connection=qbo_connection)
    for account in GlAccount.objects.filter(is_active=True):
        GlAccountMapping.objects.create(connection=qbo_connection, account_code=account.number, gl_account=account)
    from tests.factories import CustomerFactory

    journal_entry_post(source_key="invoice:77:issued", entry_date=dt.date(2026, 3, 5), memo="Invoice 77",
                       currency="USD", postings=[Posting("1100", debit=Decimal(5)), Posting("4000", credit=Decimal(5))],
                       customer_id=CustomerFactory().pk)
    page = admin_client.get(reverse("admin:integrations_connection_change", args=[qbo_connection.pk]))
    assert "invoice:77:issued" in page.content.decode()
    assert "not planned" in page.content.decode()

    connection_sync(connection_id=qbo_connection.pk)
    page = admin_client.get(reverse("admin:integrations_connection_change", args=[qbo_connection.pk]))
    assert "Every journal entry after the closed period is in the GL." in page.content.decode()
    trail = admin_client.get(reverse("admin:integrations_invoice_trail"), {"invoice": "999999"})
    assert trail.status_code == 200
    assert "No invoice 999999" in trail.content.decode()


def test_backoff_doubles_to_a_cap_and_respects_retry_after():
    assert [backoff_delay(attempts=n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert backoff_delay(attempts=30) == dt.timedelta(hours=6)
    assert backoff_delay(attempts=1, retry_after=300) == dt.timedelta(seconds=300)


def test_roles_billing_admin_decides_deals_ar_analyst_only_sees_them(sf, sf_connection):
    from django.apps import apps
    from django.contrib.auth.models import Group

    from access.roles import AR_ANALYST, BILLING_ADMIN, apply_roles

    apply_roles(apps)
    sf.add_opportunity("0065g00000AAAA1", account=("0015g00000ACME1", "Acme Inc."), Contract_Start__c="2026-03-01",
                       lines=[{"code": "PLATFORM", "name": "Platform fee", "quantity": 1, "unit_price": "500"}])
    connection_sync(connection_id=sf_connection.pk)
    deal = CrmDeal.objects.get()
    clients = {}
    for role in (BILLING_ADMIN, AR_ANALYST):
        user = User.objects.create_user(role.replace(" ", "-"), password="pw", is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        clients[role] = Client()
        clients[role].force_login(user)
    changelist = reverse("admin:integrations_crmdeal_changelist")

    assert clients[AR_ANALYST].get(reverse("admin:integrations_crmdeal_change", args=[deal.pk])).status_code == 200
    assert clients[AR_ANALYST].get(reverse("admin:integrations_connection_add")).status_code == 403
    clients[AR_ANALYST].post(changelist, {"action": "approve", "_selected_action": [deal.pk]})
    deal.refresh_from_db()
    assert deal.status == DealStatus.PENDING_APPROVAL  # the action is not offered to a viewer

    clients[BILLING_ADMIN].post(changelist, {"action": "approve", "_selected_action": [deal.pk]})
    deal.refresh_from_db()
    assert deal.status == DealStatus.IMPORTED
    assert clients[BILLING_ADMIN].get(reverse("admin:integrations_connection_add")).status_code == 200


def _start(admin_client: Client, connection: Connection) -> tuple[str, dict[str, list[str]]]:
    start = admin_client.get(reverse("admin:integrations_connection_authorize", args=[connection.pk]))
    assert start.status_code == 302
    target = urlparse(start.url)
    return f"{target.scheme}://{target.netloc}{target.path}", parse_qs(target.query)


CALLBACK_URI = "http://127.0.0.1:8000/admin/integrations/connection/oauth/callback/"


def test_xero_oauth_authorize_and_callback(admin_client, xero, xero_connection):
    from .fakes import XERO_TENANT

    xero_connection.company_id = ""
    xero_connection.save()
    callback = reverse("admin:integrations_connection_oauth_callback")

    url, query = _start(admin_client, xero_connection)
    assert url == "https://login.xero.com/identity/connect/authorize"
    assert query["response_type"] == ["code"]
    assert query["client_id"] == ["xero-client"]
    assert query["redirect_uri"] == [CALLBACK_URI]
    assert set(query["scope"][0].split()) == {"offline_access", "accounting.transactions", "accounting.contacts",
                                              "accounting.settings.read"}
    assert admin_client.get(callback, {"state": "forged", "code": "xero-code"}).status_code == 403

    _, query = _start(admin_client, xero_connection)
    refused = admin_client.get(callback, {"state": query["state"][0], "error": "access_denied"})
    assert refused.status_code == 302
    xero_connection.refresh_from_db()
    assert xero_connection.company_id == ""
    assert not xero.token_requests  # a refusal never reaches the token endpoint

    _, query = _start(admin_client, xero_connection)
    done = admin_client.get(callback, {"state": query["state"][0], "code": "xero-code"})

    assert done.status_code == 302
    assert done.url == reverse("admin:integrations_connection_change", args=[xero_connection.pk])
    (basic, form), = xero.token_requests
    assert basic.startswith("Basic ")
    assert form == {"grant_type": ["authorization_code"], "code": ["xero-code"], "redirect_uri": [CALLBACK_URI]}
    xero_connection.refresh_from_db()
    assert xero_connection.company_id == XERO_TENANT  # the organisation from GET /connections
    assert xero_connection.status == ConnectionStatus.CONNECTED
    creds = connection_credentials(xero_connection)
    assert (creds["access_token"], creds["refresh_token"]) == (xero.access_token, xero.refresh_token) \
        == ("xero-access-2", "xero-refresh-2")
    assert AuditEvent.objects.filter(action="connection_authorized", object_id=str(xero_connection.pk)).exists()
    # The state is single use.
    assert admin_client.get(callback, {"state": query["state"][0], "code": "xero-code"}).status_code == 403


def test_xero_callback_with_a_bad_code_marks_the_connection(admin_client, xero, xero_connection):
    _, query = _start(admin_client, xero_connection)

    done = admin_client.get(reverse("admin:integrations_connection_oauth_callback"),
                            {"state": query["state"][0], "code": "stale-code"})

    assert done.status_code == 302
    xero_connection.refresh_from_db()
    assert xero_connection.status == ConnectionStatus.AUTH_FAILED
    assert "invalid_grant" in xero_connection.last_error
    assert connection_credentials(xero_connection)["access_token"] == "xero-access-1"  # untouched


def test_hubspot_oauth_authorize_and_callback(admin_client, hubspot, hs_connection):
    callback = reverse("admin:integrations_connection_oauth_callback")

    url, query = _start(admin_client, hs_connection)
    assert url == "https://app.hubspot.com/oauth/authorize"
    assert query["client_id"] == ["hs-client"]
    assert query["redirect_uri"] == [CALLBACK_URI]
    assert "crm.objects.deals.read" in query["scope"][0].split()
    assert admin_client.get(callback, {"state": "forged", "code": "hs-code"}).status_code == 403

    _, query = _start(admin_client, hs_connection)
    bad = admin_client.get(callback, {"state": query["state"][0], "code": "wrong"})
    assert bad.status_code == 302
    hs_connection.refresh_from_db()
    assert hs_connection.status == ConnectionStatus.AUTH_FAILED
    assert "BAD_AUTH_CODE" in hs_connection.last_error

    _, query = _start(admin_client, hs_connection)
    done = admin_client.get(callback, {"state": query["state"][0], "code": "hs-code"})

    assert done.status_code == 302
    assert hubspot.token_requests[-1] == {"client_id": ["hs-client"], "client_secret": ["hs-secret"],
                                          "grant_type": ["authorization_code"], "code": ["hs-code"],
                                          "redirect_uri": [CALLBACK_URI]}
    hs_connection.refresh_from_db()
    assert hs_connection.status == ConnectionStatus.CONNECTED
    creds = connection_credentials(hs_connection)
    assert (creds["access_token"], creds["refresh_token"]) == ("hs-access-authorized", "hs-refresh-authorized")
    page = admin_client.get(reverse("admin:integrations_connection_change", args=[hs_connection.pk]))
    assert page.status_code == 200
    assert b"hs-access-authorized" not in page.content
    assert b"hs-secret" not in page.content
