"""The AR dashboard: every open invoice with age, amount due and next automated action, aging
totals per currency and per customer, thresholds, filters, CSV, links, permissions, the API."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.urls import reverse
from rest_framework.test import APIClient

from access.roles import AR_ANALYST, BILLING_ADMIN, CFO, apply_roles
from receivables.models import Payment, PaymentAllocation, PaymentAttempt
from reporting.ar import ArFilters, ar_report
from reporting.models import ReviewThreshold
from tests.factories import CustomerFactory
from tests.reporting.factories import DunningCaseFactory, OpenInvoiceFactory

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 6, 30)
RETRY_AT = dt.datetime(2026, 7, 2, 14, 0, tzinfo=dt.UTC)
REMINDER_AT = dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def book() -> dict[str, object]:
    """Acme: USD invoices in every bucket; Globex: one EUR invoice; a paid and a void one (not open)."""
    acme = CustomerFactory(name="Acme Inc.", external_id="acme")
    globex = CustomerFactory(name="Globex GmbH", external_id="globex", currency="EUR")
    due_dates = {"current": AS_OF, "1-30": dt.date(2026, 6, 10), "31-60": dt.date(2026, 5, 15),
                 "61-90": dt.date(2026, 4, 10), "90+": dt.date(2026, 1, 31)}
    invoices = {
        bucket: OpenInvoiceFactory(customer=acme, due_date=due, issue_date=due - dt.timedelta(days=30),
                                   total=D("100.00") * (i + 1))
        for i, (bucket, due) in enumerate(due_dates.items())
    }
    partly_paid = invoices["31-60"]
    partly_paid.amount_paid = D("50.00")
    partly_paid.save()
    eur = OpenInvoiceFactory(customer=globex, currency="EUR", total=D("1000.00"), due_date=dt.date(2026, 6, 1),
                             issue_date=dt.date(2026, 5, 2))
    OpenInvoiceFactory(customer=acme, status="paid", amount_paid=D("100.00"))
    OpenInvoiceFactory(customer=acme, status="void")
    case = DunningCaseFactory(invoice=invoices["61-90"], next_retry_at=RETRY_AT, next_reminder_at=REMINDER_AT,
                              retries_done=1, reminders_sent=2)
    escalated = DunningCaseFactory(invoice=invoices["90+"], status="escalated")
    return {"acme": acme, "globex": globex, "invoices": invoices, "eur": eur, "case": case, "escalated": escalated}


def test_every_open_invoice_with_age_bucket_and_amount_due(book) -> None:  # type: ignore[no-untyped-def]
    report = ar_report(as_of=AS_OF)

    rows = {r.number: r for r in report.rows}
    invoices = book["invoices"]
    assert len(rows) == 6  # five USD in each bucket and the EUR one; paid and void are not open
    assert {b: rows[i.number].bucket for b, i in invoices.items()} == {b: b for b in invoices}
    assert rows[invoices["31-60"].number].amount_due == D("250.00")  # 300 less 50 paid
    assert rows[invoices["1-30"].number].days_overdue == 20
    assert rows[invoices["1-30"].number].age_days == 50
    assert report.totals["USD"].buckets == {
        "current": D("100.00"), "1-30": D("200.00"), "31-60": D("250.00"), "61-90": D("400.00"), "90+": D("500.00")
    }
    assert report.totals["USD"].total == D("1450.00")
    assert report.totals["EUR"].buckets["1-30"] == D("1000.00")
    assert [(name, t.currency, t.total) for name, _, _, t in report.by_customer] == [
        ("Acme Inc.", "USD", D("1450.00")), ("Globex GmbH", "EUR", D("1000.00"))
    ]


def test_next_action_comes_from_the_dunning_case(book) -> None:  # type: ignore[no-untyped-def]
    rows = {r.invoice_id: r for r in ar_report(as_of=AS_OF).rows}
    invoices = book["invoices"]

    with_case = rows[invoices["61-90"].pk]
    assert (with_case.next_action.kind, with_case.next_action.at) == ("reminder", REMINDER_AT)  # earlier than retry
    assert with_case.next_action.label == "Reminder 3"
    assert rows[invoices["90+"].pk].next_action.kind == "escalated"
    assert (rows[invoices["current"].pk].next_action.kind, rows[invoices["current"].pk].next_action.at) == (
        "due", AS_OF
    )
    assert rows[invoices["1-30"].pk].next_action.kind == "none"


def test_thresholds_flag_invoices_with_the_customers_payment_history(book) -> None:  # type: ignore[no-untyped-def]
    acme = book["acme"]
    ReviewThreshold.objects.create(name="Over 300 USD and 60 days", min_amount=D("300"), currency="USD",
                                   min_days_overdue=60)
    ReviewThreshold.objects.create(name="Globex watch", customer=book["globex"])
    ReviewThreshold.objects.create(name="Inactive", min_amount=D("0"), is_active=False)
    paid = OpenInvoiceFactory(customer=acme, status="paid", due_date=dt.date(2026, 2, 1),
                              paid_at=dt.datetime(2026, 2, 11, tzinfo=dt.UTC))
    payment = Payment.objects.create(customer=acme, amount=D("100.00"), currency="USD", method="card",
                                     received_at=dt.datetime(2026, 2, 11, tzinfo=dt.UTC))
    PaymentAllocation.objects.create(payment=payment, invoice=paid, amount=D("100.00"))
    PaymentAttempt.objects.create(invoice=book["invoices"]["61-90"], number=1, status="failed", amount=D("400"),
                                  currency="USD", scheduled_for=dt.datetime(2026, 4, 10, tzinfo=dt.UTC),
                                  attempted_at=dt.datetime(2026, 4, 10, tzinfo=dt.UTC),
                                  failure_code="insufficient_funds")

    report = ar_report(as_of=AS_OF)

    flagged = {r.number: r.flags for r in report.rows if r.flags}
    invoices = book["invoices"]
    assert flagged == {
        invoices["61-90"].number: ["Over 300 USD and 60 days"],
        invoices["90+"].number: ["Over 300 USD and 60 days"],
        book["eur"].number: ["Globex watch"],
    }
    history = report.histories[acme.pk]
    assert (history.payments, history.attempts_failed, history.paid_invoices, history.paid_late) == (1, 1, 1, 1)
    assert history.average_days_late == D("10.0")
    assert history.last_failure == "insufficient_funds on 2026-04-10"
    assert [r.number for r in ar_report(as_of=AS_OF, filters=ArFilters(flagged_only=True)).rows] == [
        invoices["90+"].number, invoices["61-90"].number, book["eur"].number
    ]


def test_filters(book) -> None:  # type: ignore[no-untyped-def]
    def numbers(**kwargs: object) -> set[str]:
        return {r.number for r in ar_report(as_of=AS_OF, filters=ArFilters(**kwargs)).rows}  # type: ignore[arg-type]

    invoices = book["invoices"]
    assert numbers(currency="EUR") == {book["eur"].number}
    assert numbers(customer="globex") == {book["eur"].number}
    assert numbers(customer="acme inc") == {i.number for i in invoices.values()}
    assert numbers(bucket="90+") == {invoices["90+"].number}
    assert numbers(min_amount=D("450")) == {invoices["90+"].number, book["eur"].number}
    assert numbers(dunning="escalated") == {invoices["90+"].number}
    assert len(numbers(dunning="none")) == 4


def _login(client, role: str | None, *, superuser: bool = False) -> User:  # type: ignore[no-untyped-def]
    apply_roles(apps)
    user = User.objects.create_user(f"u-{role}-{superuser}", password="x", is_staff=True, is_superuser=superuser)
    if role:
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


@pytest.mark.parametrize("role", [AR_ANALYST, CFO])
def test_page_renders_with_links_for_ar_and_cfo(client, book, role: str) -> None:  # type: ignore[no-untyped-def]
    _login(client, role)
    ReviewThreshold.objects.create(name="Big", min_amount=D("450"))

    response = client.get(reverse("reporting-ar"), {"as_of": AS_OF.isoformat()})

    assert response.status_code == 200
    html = response.content.decode()
    invoice = book["invoices"]["61-90"]
    assert reverse("admin:invoicing_invoice_change", args=[invoice.pk]) in html
    assert reverse("admin:receivables_dunningcase_change", args=[book["case"].pk]) in html
    assert reverse("reporting-customer", args=[book["acme"].pk]) in html
    assert "$1,450.00" in html
    assert "€1,000.00" in html
    assert "Flagged for manual review (2)" in html
    assert "full history" in html


def test_billing_admin_cannot_see_it_in_the_admin_or_the_api(client, book) -> None:  # type: ignore[no-untyped-def]
    user = _login(client, BILLING_ADMIN)
    assert client.get(reverse("reporting-ar")).status_code == 403
    api = APIClient()
    api.force_authenticate(user)
    response = api.get("/api/v1/reports/ar-aging")
    assert response.status_code == 403
    assert response.json()["error"]["type"]


def test_csv_export_follows_the_filters(client, book) -> None:  # type: ignore[no-untyped-def]
    _login(client, AR_ANALYST)

    response = client.get(reverse("reporting-ar"), {"as_of": AS_OF.isoformat(), "currency": "USD", "format": "csv"})

    assert response["Content-Type"] == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 5
    by_bucket = {r["bucket"]: r for r in rows}
    assert by_bucket["61-90"]["amount_due"] == "400.00"
    assert by_bucket["61-90"]["next_action"] == "Reminder 3"
    assert by_bucket["61-90"]["next_action_at"] == REMINDER_AT.isoformat()


def test_bad_filters_are_form_errors_not_500(client, book) -> None:  # type: ignore[no-untyped-def]
    user = _login(client, AR_ANALYST)
    assert client.get(reverse("reporting-ar"), {"as_of": "June", "currency": "DOLLARS"}).status_code == 400
    api = APIClient()
    api.force_authenticate(user)
    response = api.get("/api/v1/reports/ar-aging", {"as_of": "June", "bucket": "nope"})
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"as_of", "bucket"}


def test_api_mirrors_the_page(book) -> None:  # type: ignore[no-untyped-def]
    apply_roles(apps)
    user = User.objects.create_user("ar", is_staff=True)
    user.groups.add(Group.objects.get(name=AR_ANALYST))
    api = APIClient()
    api.force_authenticate(user)

    body = api.get("/api/v1/reports/ar-aging", {"as_of": AS_OF.isoformat()}).json()

    assert body["totals_by_currency"]["USD"]["buckets"]["90+"] == "500.00"
    assert body["totals_by_currency"]["USD"]["total"] == "1450.00"
    row = next(r for r in body["invoices"] if r["id"] == book["invoices"]["61-90"].pk)
    assert row["next_action"]["kind"] == "reminder"
    assert row["amount_due"] == "400.00"
    assert row["dunning_case"] == book["case"].pk


def test_customer_page_shows_balance_open_invoices_and_payment_history(client, book) -> None:  # type: ignore[no-untyped-def]
    _login(client, AR_ANALYST)
    acme = book["acme"]
    Payment.objects.create(customer=acme, amount=D("50.00"), currency="USD", method="bank_transfer",
                           received_at=dt.datetime(2026, 5, 20, tzinfo=dt.UTC), reference="WIRE-77")

    response = client.get(reverse("reporting-customer", args=[acme.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Balance due (USD)" in html
    assert "$1,450.00" in html
    assert all(i.number in html for i in book["invoices"].values())
    assert "WIRE-77" in html


def test_reporting_index_is_not_a_404(client) -> None:  # type: ignore[no-untyped-def]
    _login(client, CFO)
    response = client.get("/admin/reporting/")
    assert response.status_code == 200
    assert reverse("reporting-cfo") in response.content.decode()


def test_lists_are_paged_while_totals_cover_every_invoice(client, book, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("reporting.views.AR_PAGE_SIZE", 4)
    _login(client, AR_ANALYST)

    first = client.get(reverse("reporting-ar"), {"as_of": AS_OF.isoformat()})
    second = client.get(reverse("reporting-ar"), {"as_of": AS_OF.isoformat(), "page": "2"})

    assert len(first.context["page"].object_list) == 4
    assert len(second.context["page"].object_list) == 2
    assert "page 1 of 2" in first.content.decode()
    assert "$1,450.00" in second.content.decode()  # the USD total, on every page
