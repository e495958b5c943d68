"""The CFO dashboard on a few months of real billing: MRR movements, billings, collections, ledger
balances, conversion with dated rates, charts' numbers as table and CSV, permissions, the API."""

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

from access.roles import AR_ANALYST, CFO, apply_roles
from reporting.cfo import cfo_report
from reporting.models import ExchangeRate

pytestmark = pytest.mark.django_db
JAN, FEB, MAR, APR = (dt.date(2026, m, 1) for m in (1, 2, 3, 4))


def _row(report, key: str, currency: str) -> list[D | None]:  # type: ignore[no-untyped-def]
    return report.series[key].by_currency[currency]


def test_mrr_and_movements_per_currency(history) -> None:  # type: ignore[no-untyped-def]
    report = cfo_report(end_month=APR, months=4, reporting_currency="USD")

    assert report.currencies == ["EUR", "USD"]
    assert _row(report, "mrr", "USD") == [D(1000), D(1300), D(1800), D(1800)]
    assert _row(report, "mrr_new", "USD") == [D(1000), D(300), D(0), D(0)]
    assert _row(report, "mrr_expansion", "USD") == [D(0), D(0), D(500), D(0)]
    assert _row(report, "mrr", "EUR") == [D(800), D(800), D(0), D(0)]
    assert _row(report, "mrr_churn", "EUR") == [D(0), D(0), D(-800), D(0)]
    assert _row(report, "arr", "USD")[-1] == D(21600)


def test_conversion_uses_each_month_ends_rate(history) -> None:  # type: ignore[no-untyped-def]
    usd = cfo_report(end_month=APR, months=4, reporting_currency="USD")
    assert usd.series["mrr"].converted[:2] == [D(1000) + D(880), D(1300) + D(880)]
    assert usd.warnings == []

    eur = cfo_report(end_month=APR, months=4, reporting_currency="EUR")
    assert eur.series["mrr"].converted[2] == D(1800) / D("1.20")  # March: the rate dated Mar 1

    ExchangeRate.objects.all().delete()
    missing = cfo_report(end_month=APR, months=4, reporting_currency="USD")
    assert missing.series["mrr"].converted[0] is None
    assert missing.series["mrr"].converted[2] == D(1800)  # no EUR left in March: nothing to convert
    assert missing.warnings[0].startswith("No EUR rate")


def test_billings_collections_and_ledger_balances(history) -> None:  # type: ignore[no-untyped-def]
    report = cfo_report(end_month=APR, months=4, reporting_currency="USD")

    assert _row(report, "billings", "USD") == [D(1000), D(1300), D(1800), D(1800)]
    assert _row(report, "billings", "EUR") == [D(800), D(800), D(0), D(0)]
    assert _row(report, "collections", "USD") == [D(1000), D(0), D(0), D(0)]
    assert _row(report, "cash", "USD") == [D(1000)] * 4
    # AR at month end: everything billed less the one payment.
    assert _row(report, "accounts_receivable", "USD") == [D(0), D(1300), D(3100), D(4900)]
    # In advance: deferred at billing, recognised in the month it is earned (recognition ran on the 1st
    # and dates each month's slice on its last day); April's service has not been recognised yet.
    assert _row(report, "recognised", "USD") == [D(1000), D(1300), D(1800), D(0)]
    assert _row(report, "deferred", "USD") == [D(0), D(0), D(0), D(1800)]
    assert _row(report, "unbilled", "USD") == [D(0)] * 4
    # DSO in April: AR 4,900 over Feb-Apr billings 4,900 times 89 days.
    assert _row(report, "dso", "USD")[-1] == D(89)
    top = report.top_customers
    assert [(t["customer"], t["billed"]) for t in top[:2]] == [("Acme Inc.", D(5000)), ("Globex GmbH", D(1600))]
    assert top[1]["billed_converted"] == D("1920.00")  # ranked at the last month-end rate, 1.20


def _user(role: str) -> User:
    apply_roles(apps)
    user = User.objects.create_user(role.replace(" ", ""), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def test_page_draws_charts_from_our_own_static_files_with_tables(client, history) -> None:  # type: ignore[no-untyped-def]
    client.force_login(_user(CFO))

    response = client.get(reverse("reporting-cfo"), {"end": "2026-04", "months": "4"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/reporting/vendor/chartjs/chart.umd.js" in html
    assert "cdn" not in html.lower()
    for key in ("mrr", "billings", "cash", "revenue", "dso", "recovery", "top_customers"):
        assert f'id="chart-{key}"' in html
        assert f"chart={key}" in html  # each chart's CSV
    assert "<td class=\"num\">1,880.00</td>" in html  # January MRR in USD, converted, in the table
    assert 'id="cfo-data"' in html


def test_chart_csv_has_the_numbers_behind_it(client, history) -> None:  # type: ignore[no-untyped-def]
    client.force_login(_user(CFO))

    response = client.get(reverse("reporting-cfo"), {"end": "2026-04", "months": "4", "format": "csv", "chart": "mrr"})

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["series", "currency", "2026-01", "2026-02", "2026-03", "2026-04"]
    assert ["MRR", "USD", "1000.00", "1300.00", "1800.00", "1800.00"] in rows
    assert ["MRR", "USD (converted)", "1880.00", "2180.00", "1800.00", "1800.00"] in rows
    assert ["Churn", "EUR", "0.00", "0.00", "-800.00", "0.00"] in rows
    assert client.get(reverse("reporting-cfo"), {"format": "csv", "chart": "nope"}).status_code == 400


def test_ar_analyst_sees_no_cfo_dashboard_in_admin_or_api(client, history) -> None:  # type: ignore[no-untyped-def]
    user = _user(AR_ANALYST)
    client.force_login(user)
    assert client.get(reverse("reporting-cfo")).status_code == 403
    api = APIClient()
    api.force_authenticate(user)
    assert api.get("/api/v1/reports/cfo").status_code == 403


def test_api_mirrors_the_page_and_refuses_bad_input(history) -> None:  # type: ignore[no-untyped-def]
    api = APIClient()
    api.force_authenticate(_user(CFO))

    body = api.get("/api/v1/reports/cfo", {"end": "2026-04", "months": 4, "currency": "EUR"}).json()
    assert body["months"] == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert body["series"]["mrr"]["by_currency"]["USD"] == ["1000.00", "1300.00", "1800.00", "1800.00"]
    assert body["series"]["mrr"]["converted"][2] == "1500.00"

    bad = api.get("/api/v1/reports/cfo", {"end": "April", "months": 99})
    assert bad.status_code == 400
    assert set(bad.json()["error"]["fields"]) == {"end", "months"}
