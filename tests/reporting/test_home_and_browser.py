"""Each role lands on its page, and the dashboards work in a real browser (Playwright driving
Debian's chromium against the live test server): the charts draw from our static Chart.js, no
console errors, the tables are there."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal as D

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User

from access.roles import AR_ANALYST, AUDITOR, BILLING_ADMIN, CFO, apply_roles
from tests.reporting.factories import DunningCaseFactory, OpenInvoiceFactory

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _user(role: str) -> User:
    apply_roles(apps)
    user = User.objects.create_user(role.lower().replace(" ", "-"), password="pass-1234", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "home"),
    [(CFO, "/admin/reporting/cfo/"), (AR_ANALYST, "/admin/reporting/ar/"), (AUDITOR, "/admin/audit/auditevent/")],
)
def test_each_role_lands_on_its_home(client, role: str, home: str) -> None:  # type: ignore[no-untyped-def]
    _user(role)

    # The admin's form posts next=/admin/ (its index) unless the user came from elsewhere.
    response = client.post("/admin/login/", {"username": role.lower().replace(" ", "-"), "password": "pass-1234",
                                             "next": "/admin/"})

    assert (response.status_code, response["Location"]) == (302, home)
    assert client.get("/")["Location"] == home
    explicit = client.post("/admin/login/?next=/admin/invoicing/invoice/",
                           {"username": role.lower().replace(" ", "-"), "password": "pass-1234"})
    assert explicit["Location"] == "/admin/invoicing/invoice/"  # an explicit destination wins


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)")
def test_dashboards_in_a_real_browser(live_server, transactional_db) -> None:  # type: ignore[no-untyped-def]
    playwright = pytest.importorskip("playwright.sync_api")
    invoice = OpenInvoiceFactory(due_date=dt.date.today() - dt.timedelta(days=45), total=D("1234.50"))
    DunningCaseFactory(invoice=invoice, next_retry_at=dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=1))
    _user(CFO)
    _user(AR_ANALYST)
    errors: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for username, path in (("cfo", "/admin/reporting/cfo/"), ("ar-analyst", "/admin/reporting/ar/")):
                page = browser.new_page(viewport={"width": 1366, "height": 900})
                page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto(live_server.url + "/admin/login/")
                page.fill("#id_username", username)
                page.fill("#id_password", "pass-1234")
                page.click("input[type=submit]")
                page.wait_for_url(live_server.url + path)
                if username == "cfo":
                    drawn = page.evaluate(
                        "['mrr','billings','cash','revenue','dso','recovery','top_customers']"
                        ".map(k => Boolean(window.Chart && Chart.getChart('chart-' + k)))"
                    )
                    assert drawn == [True] * 7
                    assert page.locator("#panel-mrr table").count() == 1
                else:
                    assert page.locator("#ar-rows tbody tr").count() == 1
                    assert "$1,234.50" in page.locator("#aging-totals").inner_text()
                    assert "Payment retry 1" in page.locator("#ar-rows").inner_text()
                page.close()
        finally:
            browser.close()
    assert [e for e in errors if not e.endswith("/favicon.ico")] == []  # the admin has no favicon


# What overflows sideways at a laptop's width: the page itself, and any scroll box of a table (the
# CFO dashboard's numbers tables, the admin changelist's results) whose content is wider than it.
_OVERFLOW_JS = """() => ({
  page: [document.documentElement.scrollWidth, window.innerWidth],
  sidebarOpen: Boolean(document.querySelector('#main.shifted #nav-sidebar')),
  tables: [...document.querySelectorAll('table')].flatMap(t => [t, t.parentElement])
    .filter(el => el.scrollWidth > el.clientWidth)
    .map(el => (el.id || el.className || el.tagName) + ' ' + el.scrollWidth + '>' + el.clientWidth),
})"""


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)")
def test_wide_pages_fit_a_laptop_screen(live_server, transactional_db) -> None:  # type: ignore[no-untyped-def]
    """At 1440x900 with the admin's nav sidebar open, the CFO dashboard (12 months of numbers under
    every chart) and the auditor's audit events list (long rule, action and object names) fit the
    window: no sideways scrolling of the page nor of any table."""
    playwright = pytest.importorskip("playwright.sync_api")
    from audit.services import audit_record

    issued = dt.date.today() - dt.timedelta(days=45)
    invoice = OpenInvoiceFactory(billing_date=issued, issue_date=issued, period_start=issued,
                                 period_end=issued + dt.timedelta(days=30), due_date=issued, total=D("1234567.89"))
    case = DunningCaseFactory(invoice=invoice, next_retry_at=dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=1))
    for n in range(3):
        audit_record(rule="dunning.policy.best_expected_recovery", action="payment_attempt_succeeded", obj=case)
        audit_record(rule="receivables.payment_received", action="journal_entry_posted",
                     object_type="receivables.paymentattempt", object_id=123456 + n, actor="demo:load_demo")
        audit_record(rule="revrec.ratable_recognition", action="revenue_plan_derived",
                     object_type="revrec.performanceobligation", object_id=987654 + n)
    _user(CFO)
    _user(AUDITOR)
    _user(BILLING_ADMIN)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            billing = BILLING_ADMIN.lower().replace(" ", "-")
            for username, path in (("cfo", "/admin/reporting/cfo/"), ("auditor", "/admin/audit/auditevent/"),
                                   (billing, "/admin/invoicing/invoice/")):
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                page.goto(live_server.url + "/admin/login/")
                page.fill("#id_username", username)
                page.fill("#id_password", "pass-1234")
                page.click("input[type=submit]")
                page.wait_for_load_state()
                page.goto(live_server.url + path)
                if username == billing:
                    listed = page.locator("#result_list").inner_text()
                    assert "1,234,567.89" in listed
                    assert issued.isoformat() in listed  # the due date (the day it was issued), 45 days overdue
                    assert "45 d overdue" in listed
                elif username == "cfo":
                    assert page.locator("#panel-mrr table thead th.num").count() == 12
                    assert "1,234,567.89" in page.locator("#panel-billings").inner_text()
                else:
                    assert page.locator("#result_list tbody tr").count() == 9
                    assert "#987654" in page.locator("#result_list").inner_text()
                found = page.evaluate(_OVERFLOW_JS)
                assert found["sidebarOpen"], path
                assert found["page"][0] <= found["page"][1], (path, found)
                assert found["tables"] == [], (path, found)
                page.close()
        finally:
            browser.close()
