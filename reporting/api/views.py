from __future__ import annotations

import re
from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.errors import error_body
from rating import round_money
from reporting.aging import BUCKETS
from reporting.ar import ar_report
from reporting.cfo import cfo_report
from reporting.forms import ArFilterForm, PeriodForm
from reporting.permissions import AR_DASHBOARD, CFO_DASHBOARD
from reporting.reconciliation import reconciliation_report
from reporting.views import ar_filters_from, cfo_params, cfo_value


class ReconciliationApi(APIView):
    required_perms = {"GET": ("reporting.view_dashboard",)}

    @extend_schema(
        parameters=[OpenApiParameter("period", str, required=True, description="YYYY-MM")],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        period = request.query_params.get("period", "")
        if not re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", period) or not 1970 <= int(period[:4]) <= 2999:
            return Response(
                error_body(400, "Invalid input.", {"period": ["Expected a month YYYY-MM between 1970 and 2999."]}),
                status=400,
            )
        return Response(reconciliation_report(period=period))


def _form_error(form) -> Response:  # type: ignore[no-untyped-def]
    fields = {name: [str(e) for e in errors] for name, errors in form.errors.items()}
    return Response(error_body(400, "Invalid input.", fields), status=400)


def _money(value: Decimal | None, currency: str) -> str | None:
    return None if value is None else format(round_money(value, currency), "f")


class ArAgingApi(APIView):
    """The AR dashboard as JSON: open invoices with age, amount due and the next automated action,
    aging totals per currency and per customer, review flags. Same filters as the admin page."""

    required_perms = {"GET": (AR_DASHBOARD,)}

    @extend_schema(
        parameters=[
            OpenApiParameter("as_of", str, description="YYYY-MM-DD (default today)"),
            OpenApiParameter("currency", str), OpenApiParameter("customer", str),
            OpenApiParameter("bucket", str, enum=list(BUCKETS)), OpenApiParameter("dunning", str),
            OpenApiParameter("min_amount", str), OpenApiParameter("flagged", bool),
        ]
    )
    def get(self, request: Request) -> Response:
        form = ArFilterForm(request.query_params)
        if not form.is_valid():
            return _form_error(form)
        as_of, filters = ar_filters_from(form)
        report = ar_report(as_of=as_of, filters=filters)
        return Response(
            {
                "as_of": as_of.isoformat(),
                "buckets": list(BUCKETS),
                "totals_by_currency": {
                    c: {"buckets": {b: _money(v, c) for b, v in t.buckets.items()}, "total": _money(t.total, c),
                        "invoices": t.count}
                    for c, t in sorted(report.totals.items())
                },
                "customers": [
                    {"customer": external_id, "name": name, "currency": t.currency,
                     "buckets": {b: _money(v, t.currency) for b, v in t.buckets.items()},
                     "total": _money(t.total, t.currency)}
                    for name, external_id, _, t in report.by_customer
                ],
                "invoices": [
                    {
                        "id": r.invoice_id, "number": r.number, "customer": r.customer_external_id,
                        "currency": r.currency, "issue_date": r.issue_date, "due_date": r.due_date,
                        "age_days": r.age_days, "days_overdue": r.days_overdue, "bucket": r.bucket,
                        "total": _money(r.total, r.currency), "amount_due": _money(r.amount_due, r.currency),
                        "next_action": {"kind": r.next_action.kind, "label": r.next_action.label,
                                        "at": r.next_action.at},
                        "dunning_case": r.dunning_case_id, "dunning_status": r.dunning_status or None,
                        "review_flags": r.flags,
                    }
                    for r in report.rows
                ],
            }
        )


class CfoDashboardApi(APIView):
    """The CFO dashboard's series as JSON: per currency and converted to the reporting currency."""

    required_perms = {"GET": (CFO_DASHBOARD,)}

    @extend_schema(
        parameters=[
            OpenApiParameter("end", str, description="Last month, YYYY-MM (default this month)"),
            OpenApiParameter("months", int, description="1 to 36, default 12"),
            OpenApiParameter("currency", str, description="Reporting currency (default settings)"),
        ]
    )
    def get(self, request: Request) -> Response:
        form = PeriodForm(request.query_params)
        if not form.is_valid():
            return _form_error(form)
        end, months, currency = cfo_params(form)
        report = cfo_report(end_month=end, months=months, reporting_currency=currency)

        def fmt(value: Decimal | None, unit: str, cur: str) -> str | None:
            shown = cfo_value(value, unit, cur)
            return None if shown is None else format(shown, "f")

        return Response(
            {
                "months": report.month_labels(),
                "reporting_currency": report.reporting_currency,
                "currencies": report.currencies,
                "series": {
                    key: {
                        "label": s.label, "unit": s.unit,
                        "by_currency": {c: [fmt(v, s.unit, c) for v in vals] for c, vals in s.by_currency.items()},
                        "converted": [fmt(v, s.unit, report.reporting_currency) for v in s.converted],
                    }
                    for key, s in report.series.items()
                },
                "top_customers": [
                    {**t, "billed": fmt(t["billed"], "money", t["currency"]),
                     "billed_converted": fmt(t["billed_converted"], "money", report.reporting_currency),
                     "mrr": fmt(t["mrr"], "money", t["currency"]),
                     "open_receivable": fmt(t["open_receivable"], "money", t["currency"])}
                    for t in report.top_customers
                ],
                "warnings": report.warnings,
            }
        )
