from __future__ import annotations

import re

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.errors import error_body
from reporting.reconciliation import reconciliation_report


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
