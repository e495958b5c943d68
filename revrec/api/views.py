"""``POST /api/v1/revrec/preview``: the ASC 606 allocation and monthly schedule of a
contract-shaped input, computed by the pure engine the database engine books with."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.errors import error_body
from revrec.asc606 import RevenueInputError, RevenueResult, compute, parse_contract_input
from revrec.asc606.money import money_str


def revrec_result_data(result: RevenueResult) -> dict[str, Any]:
    currency = result.currency
    return {
        "currency": currency,
        "allocation": {code: money_str(amount, currency) for code, amount in result.allocation.items()},
        "schedule": [
            {"obligation": row.obligation, "period": row.period, "amount": money_str(row.amount, currency)}
            for row in result.schedule
        ],
        "totals_by_period": {period: money_str(amount, currency) for period, amount in result.totals_by_period.items()},
    }


_EXAMPLE = {
    "currency": "USD",
    "transaction_price": "80.00",
    "granularity": "day",
    "obligations": [
        {"code": "phone", "kind": "point_in_time", "ssp": "20", "date": "2026-03-01"},
        {"code": "internet", "kind": "ratable", "ssp": "30", "start": "2026-03-01", "end": "2027-03-01"},
        {"code": "api", "kind": "usage", "amounts": {"2026-03": "720.00"}},
    ],
}


class RevrecPreviewApi(APIView):
    """Stores nothing. Invalid input: 400 with field paths (``obligations[1].end``)."""

    required_perms = {"POST": ("revrec.view_revenuescheduleentry",)}  # computes without storing: a read

    @extend_schema(
        request=inline_serializer(
            "RevrecPreviewRequest",
            {
                "currency": serializers.CharField(),
                "transaction_price": serializers.DecimalField(max_digits=20, decimal_places=4),
                "granularity": serializers.ChoiceField(choices=["day", "exact", "month_evenly"]),
                "obligations": serializers.ListField(child=serializers.DictField()),
                "modifications": serializers.ListField(child=serializers.DictField(), required=False),
            },
        ),
        responses=inline_serializer(
            "RevrecPreviewResponse",
            {
                "currency": serializers.CharField(),
                "allocation": serializers.DictField(child=serializers.CharField()),
                "schedule": serializers.ListField(child=serializers.DictField()),
                "totals_by_period": serializers.DictField(child=serializers.CharField()),
            },
        ),
        examples=[OpenApiExample("Bundle", value=_EXAMPLE, request_only=True)],
    )
    def post(self, request: Request) -> Response:
        try:
            contract = parse_contract_input(request.data)
            result = compute(contract)
        except RevenueInputError as exc:
            return Response(error_body(400, "Invalid input.", exc.fields), status=400)
        return Response(revrec_result_data(result))
