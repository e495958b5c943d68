from __future__ import annotations

import re

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.errors import error_body
from reporting.reconciliation import reconciliation_report


class ReconciliationApi(APIView):
    @extend_schema(parameters=[OpenApiParameter("period", str, required=True, description="YYYY-MM")])
    def get(self, request: Request) -> Response:
        period = request.query_params.get("period", "")
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", period):
            return Response(error_body(400, "Invalid input.", {"period": ["Expected a month YYYY-MM."]}), status=400)
        return Response(reconciliation_report(period=period))
