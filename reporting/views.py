"""The reporting pages in the admin: thin adapters around reporting's selectors."""

from __future__ import annotations

import csv
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone

from access.roles import AR_ANALYST, AUDITOR, CFO
from contracts.models import Customer
from rating import round_money

from .aging import BUCKET_LABELS, BUCKETS
from .ar import ArFilters, ar_report, customer_account
from .cfo import MONEY, CfoReport, cfo_report
from .forms import ArFilterForm, PeriodForm
from .models import ClosePack
from .permissions import AR_DASHBOARD, CFO_DASHBOARD, admin_view_requires


def _context(request: HttpRequest, title: str, **extra: Any) -> dict[str, Any]:
    return {**admin.site.each_context(request), "title": title, **extra}


@staff_member_required
def reporting_index(request: HttpRequest) -> HttpResponse:
    """/admin/reporting/: the dashboards this role may open, and reporting's own tables."""
    return render(
        request,
        "reporting/index.html",
        _context(
            request, "Reporting",
            can_ar=request.user.has_perm(AR_DASHBOARD), can_cfo=request.user.has_perm(CFO_DASHBOARD),
            app_list=admin.site.get_app_list(request, app_label="reporting"),
        ),
    )


def ar_filters_from(form: ArFilterForm) -> tuple[date, ArFilters]:
    data = form.cleaned_data
    as_of = data.get("as_of") or timezone.localdate()
    return as_of, ArFilters(
        currency=data.get("currency") or "",
        customer=(data.get("customer") or "").strip(),
        bucket=data.get("bucket") or "",
        flagged_only=bool(data.get("flagged")),
        min_amount=data.get("min_amount"),
        dunning=data.get("dunning") or "",
    )


AR_PAGE_SIZE = 200
AR_TOP_CUSTOMERS = 100

AR_CSV_HEADER = [
    "invoice", "customer", "customer_external_id", "currency", "issue_date", "due_date", "age_days",
    "days_overdue", "bucket", "total", "amount_due", "next_action", "next_action_at", "dunning_status",
    "review_flags",
]


def ar_csv_rows(report) -> list[list[str]]:  # type: ignore[no-untyped-def]
    out = [AR_CSV_HEADER]
    for r in report.rows:
        at = r.next_action.at
        out.append([
            r.number, r.customer_name, r.customer_external_id, r.currency,
            r.issue_date.isoformat() if r.issue_date else "", r.due_date.isoformat(), str(r.age_days),
            str(r.days_overdue), r.bucket, f"{r.total:f}", f"{r.amount_due:f}", r.next_action.label,
            at.isoformat() if at else "", r.dunning_status, "; ".join(r.flags),
        ])
    return out


@admin_view_requires(AR_DASHBOARD)
def ar_dashboard(request: HttpRequest) -> HttpResponse:
    form = ArFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(
            request, "reporting/ar_dashboard.html",
            _context(request, "AR aging", form=form, report=None, buckets=BUCKETS, bucket_labels=BUCKET_LABELS),
            status=400,
        )
    if not request.GET:
        form = ArFilterForm({"as_of": timezone.localdate().isoformat()})
        form.is_valid()
    as_of, filters = ar_filters_from(form)
    report = ar_report(as_of=as_of, filters=filters)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="ar-aging-{as_of.isoformat()}.csv"'
        csv.writer(response).writerows(ar_csv_rows(report))
        return response
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("page", None)
    # Totals cover every open invoice; the lists are paged so a large book stays a light page.
    page = Paginator(report.rows, AR_PAGE_SIZE).get_page(request.GET.get("page"))
    flagged_rows = [r for r in report.rows if r.flags]
    return render(
        request,
        "reporting/ar_dashboard.html",
        _context(
            request, f"AR aging as of {as_of:%b %-d, %Y}",
            form=form, report=report, buckets=BUCKETS, bucket_labels=BUCKET_LABELS,
            csv_query=(query.urlencode() + "&" if query else "") + "format=csv",
            page_query=(query.urlencode() + "&" if query else ""),
            page=page, flagged=len(flagged_rows), flagged_rows=flagged_rows[:AR_PAGE_SIZE],
            top_customers=report.by_customer[:AR_TOP_CUSTOMERS],
        ),
    )


@admin_view_requires(AR_DASHBOARD)
def customer_account_view(request: HttpRequest, customer_id: int) -> HttpResponse:
    get_object_or_404(Customer, pk=customer_id)
    account = customer_account(customer_id=customer_id)
    return render(
        request,
        "reporting/customer_account.html",
        _context(request, f"Account: {account.customer.name}", account=account, today=timezone.localdate()),
    )


def cfo_params(form: PeriodForm) -> tuple[date, int, str]:
    data = form.cleaned_data
    today = timezone.localdate()
    end = date.fromisoformat(f"{data['end']}-01") if data.get("end") else today.replace(day=1)
    return end, data.get("months") or 12, data.get("currency") or settings.REPORTING_CURRENCY


def _fmt(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def cfo_csv_rows(report: CfoReport, chart_key: str = "all") -> list[list[str]]:
    """The numbers behind a chart (or every series): one row per series and currency, and one in
    the reporting currency, one column per month. Money rounded to the minor unit, rates to 0.1."""
    keys = [k for c in report.charts if chart_key in ("all", c.key) for k in c.series]
    if chart_key == "all":
        keys = list(report.series)
    out = [["series", "currency", *report.month_labels()]]
    for key in keys:
        series = report.series[key]
        for currency, values in series.by_currency.items():
            out.append([series.label, currency, *[_fmt(cfo_value(v, series.unit, currency)) for v in values]])
        out.append([series.label, f"{report.reporting_currency} (converted)" if series.unit == MONEY else "all",
                    *[_fmt(cfo_value(v, series.unit, report.reporting_currency)) for v in series.converted]])
    if chart_key in ("all", "top_customers"):
        out.append([])
        out.append(["top customer", "currency", "billed", f"billed ({report.reporting_currency})", "MRR",
                    "open receivable"])
        for t in report.top_customers:
            out.append([t["customer"], t["currency"], _fmt(cfo_value(t["billed"], MONEY, t["currency"])),
                        _fmt(cfo_value(t["billed_converted"], MONEY, report.reporting_currency)),
                        _fmt(cfo_value(t["mrr"], MONEY, t["currency"])),
                        _fmt(cfo_value(t["open_receivable"], MONEY, t["currency"]))])
    return out


def cfo_value(value: Decimal | None, unit: str, currency: str) -> Decimal | None:
    if value is None:
        return None
    if unit == MONEY:
        return round_money(value, currency)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def cfo_chart_data(report: CfoReport) -> dict[str, Any]:
    """What the page's Chart.js code draws: the reporting-currency figures per chart."""
    return {
        "months": report.month_labels(),
        "currency": report.reporting_currency,
        "charts": [
            {
                "key": c.key, "title": c.title, "kind": c.kind,
                "datasets": [
                    {
                        "key": k, "label": report.series[k].label, "unit": report.series[k].unit,
                        "data": [
                            None if v is None else float(cfo_value(v, report.series[k].unit, report.reporting_currency))
                            for v in report.series[k].converted
                        ],
                    }
                    for k in c.series
                ],
            }
            for c in report.charts
        ],
        "top_customers": {
            "labels": [t["customer"] for t in report.top_customers],
            "data": [
                None if t["billed_converted"] is None
                else float(cfo_value(t["billed_converted"], MONEY, report.reporting_currency))
                for t in report.top_customers
            ],
        },
    }


@admin_view_requires(CFO_DASHBOARD)
def cfo_dashboard(request: HttpRequest) -> HttpResponse:
    defaults = {"end": timezone.localdate().strftime("%Y-%m"), "months": "12",
                "currency": settings.REPORTING_CURRENCY}
    form = PeriodForm({**defaults, **{k: v for k, v in request.GET.items() if v}})
    if not form.is_valid():
        return render(request, "reporting/cfo_dashboard.html", _context(request, "CFO dashboard", form=form),
                      status=400)
    end, months, currency = cfo_params(form)
    report = cfo_report(end_month=end, months=months, reporting_currency=currency)
    if request.GET.get("format") == "csv":
        chart = request.GET.get("chart", "all")
        if chart != "all" and chart != "top_customers" and chart not in {c.key for c in report.charts}:
            return HttpResponse("Unknown chart.", status=400, content_type="text/plain")
        response = HttpResponse(content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="cfo-{chart}-{end:%Y-%m}.csv"'
        csv.writer(response).writerows(cfo_csv_rows(report, chart))
        return response
    query = request.GET.copy()
    for key in ("format", "chart"):
        query.pop(key, None)
    last = len(report.months) - 1
    cards = []
    for key in ("mrr", "arr", "billings", "collections", "cash", "recognised", "deferred", "unbilled", "dso",
                "recovery_rate"):
        series = report.series[key]
        value = series.converted[last]
        cards.append({"label": series.label, "unit": series.unit,
                      "value": cfo_value(value, series.unit, report.reporting_currency),
                      "by_currency": {c: cfo_value(v[last], series.unit, c) for c, v in series.by_currency.items()
                                      if v[last]}})
    tables = []
    for chart in report.charts:
        rows = []
        for key in chart.series:
            series = report.series[key]
            for cur, vals in series.by_currency.items():
                rows.append({"label": series.label, "currency": cur, "values": vals,
                             "fmt": f"money:{cur}" if series.unit == MONEY else series.unit})
            converted_fmt = f"money:{report.reporting_currency}" if series.unit == MONEY else series.unit
            rows.append({"label": series.label, "values": series.converted, "fmt": converted_fmt, "converted": True,
                         "currency": f"{report.reporting_currency}*" if series.unit == MONEY else "all"})
        tables.append({"chart": chart, "rows": rows})
    return render(
        request,
        "reporting/cfo_dashboard.html",
        _context(
            request, f"CFO dashboard: {report.months[0]:%b %Y} to {report.months[-1]:%b %Y}",
            form=form, report=report, cards=cards, tables=tables, chart_data=cfo_chart_data(report),
            query=query.urlencode(),
        ),
    )


def role_home_url(user: Any) -> str:
    """Where a role lands: the CFO on the CFO dashboard, AR analysts on the AR dashboard, auditors on
    the audit trail (its exports and chain check), everyone else (and superusers, who see
    everything) on the admin index."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return reverse("admin:index")
    if user.has_perm(CFO_DASHBOARD) and user.groups.filter(name=CFO).exists():
        return reverse("reporting-cfo")
    if user.has_perm(AR_DASHBOARD) and user.groups.filter(name=AR_ANALYST).exists():
        return reverse("reporting-ar")
    if user.has_perm("audit.view_auditevent") and user.groups.filter(name=AUDITOR).exists():
        return reverse("admin:audit_auditevent_changelist")
    return reverse("admin:index")


def site_home(request: HttpRequest) -> HttpResponse:
    """/: the signed-in user's role home, or the admin (its login page when signed out)."""
    return redirect(role_home_url(request.user))


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's own login; a sign-in that would land on the admin index lands on the role's home."""
    response = admin.site.login(request)
    if (
        request.method == "POST"
        and response.status_code == 302
        and request.user.is_authenticated
        and response["Location"] in (reverse("admin:index"), resolve_url(settings.LOGIN_REDIRECT_URL))
    ):
        return redirect(role_home_url(request.user))
    return response


@admin_view_requires("reporting.view_closepack")
def close_pack_file(request: HttpRequest, pack_id: int, kind: str) -> HttpResponse:
    """A kept close pack's PDF or CSV bundle."""
    pack = get_object_or_404(ClosePack, pk=pack_id)
    field = {"pdf": pack.pdf, "csv": pack.csv_bundle}.get(kind)
    if field is None or not field:
        raise Http404("No such file for this close pack.")
    content_type = "application/pdf" if kind == "pdf" else "application/zip"
    return FileResponse(field.open("rb"), content_type=content_type, as_attachment=True,
                        filename=field.name.rsplit("/", 1)[-1])
