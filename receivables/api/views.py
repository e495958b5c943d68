"""Collections intelligence API (api.md "Collections intelligence (dunning)"): thin adapters."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.errors import DomainError, error_body
from access.idempotency import idempotent
from contracts.models import Customer

from ..choices import DunningModelStatus
from ..dunning.policy import Attempt
from ..history import MAX_BATCH, payment_history_record
from ..learning import DecisionInput, decision_body, dunning_decide, dunning_model_latest, dunning_model_train
from ..models import DunningModel
from ..selectors import dunning_recovery_by_cohort


class PaymentMethodSerializer(serializers.Serializer):
    type = serializers.CharField(required=False, max_length=30)
    brand = serializers.CharField(required=False, allow_blank=True, max_length=30)
    funding = serializers.ChoiceField(choices=["credit", "debit", "prepaid", "unknown"], required=False)
    country = serializers.CharField(required=False, allow_blank=True, max_length=2)


class HistoryAttemptSerializer(serializers.Serializer):
    id = serializers.CharField()
    customer = serializers.CharField()
    invoice = serializers.CharField()
    amount = serializers.DecimalField(max_digits=20, decimal_places=4)
    currency = serializers.CharField()
    attempted_at = serializers.DateTimeField()
    outcome = serializers.ChoiceField(choices=["succeeded", "failed"])
    decline_code = serializers.CharField(allow_null=True, required=False)
    payment_method = PaymentMethodSerializer(required=False)


class PaymentHistoryApi(APIView):
    required_perms = {"POST": ("receivables.add_paymenthistoryrecord",)}

    @extend_schema(
        request=inline_serializer("PaymentHistoryBatch", {"attempts": HistoryAttemptSerializer(many=True)}),
        responses={
            200: inline_serializer(
                "PaymentHistoryResult",
                {
                    "accepted": serializers.IntegerField(),
                    "duplicates": serializers.IntegerField(),
                    "rejected": serializers.ListField(child=serializers.DictField()),
                },
            )
        },
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        attempts = request.data.get("attempts") if isinstance(request.data, dict) else None
        if not isinstance(attempts, list):
            return Response(
                error_body(400, "Invalid input.", {"attempts": ["Expected a list of attempts."]}), status=400
            )
        if len(attempts) > MAX_BATCH:
            return Response(
                error_body(400, "Batch too large.", {"attempts": [f"At most {MAX_BATCH:,} attempts per request."]}),
                status=400,
            )
        result = payment_history_record(records=attempts)
        return Response({"accepted": result.accepted, "duplicates": result.duplicates, "rejected": result.rejected})


def model_body(row: DunningModel | None) -> dict[str, Any]:
    if row is None:
        return {
            "version": None,
            "status": None,
            "trained_at": None,
            "trained_on": 0,
            "metrics": {},
            "policy": "prior (no model trained)",
        }
    body: dict[str, Any] = {
        "version": str(row.version),
        "status": row.status,
        "trained_at": row.trained_at.isoformat().replace("+00:00", "Z") if row.trained_at else None,
        "trained_on": row.trained_on,
        "metrics": row.metrics,
        "is_active": row.is_active,
    }
    if row.error:
        body["error"] = row.error
    return body


class DunningTrainApi(APIView):
    required_perms = {"POST": ("receivables.add_dunningmodel",)}

    @extend_schema(request=None, responses={200: dict, 202: dict})
    def post(self, request: Request) -> Response:
        row = dunning_model_train(actor=request.user)
        if row.status == DunningModelStatus.FAILED:
            raise DomainError(f"The model could not be trained: {row.error}", fields={"history": [row.error]})
        code = status.HTTP_202_ACCEPTED if row.status == DunningModelStatus.TRAINING else status.HTTP_200_OK
        return Response(model_body(row), status=code)


class DunningModelApi(APIView):
    required_perms = {"GET": ("receivables.view_dunningmodel",)}

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        return Response(model_body(dunning_model_latest()))


class NextActionInvoiceSerializer(serializers.Serializer):
    id = serializers.CharField(max_length=200)
    amount = serializers.DecimalField(max_digits=20, decimal_places=4, min_value=0)
    currency = serializers.RegexField(r"^[A-Za-z]{3}$", error_messages={"invalid": "A 3-letter ISO 4217 code."})


class NextActionAttemptSerializer(serializers.Serializer):
    attempted_at = serializers.DateTimeField()
    outcome = serializers.ChoiceField(choices=["succeeded", "failed"])
    decline_code = serializers.CharField(allow_null=True, allow_blank=True, required=False, max_length=100)
    payment_method = PaymentMethodSerializer(required=False, allow_null=True)

    def to_internal_value(self, data: Any) -> Any:
        # Attempts may carry every field of a payment-history record; these decide (the card of
        # an attempt stands in for a request without a top-level payment_method).
        if isinstance(data, dict):
            data = {k: data[k] for k in ("attempted_at", "outcome", "decline_code", "payment_method") if k in data}
        return super().to_internal_value(data)


class NextActionSerializer(serializers.Serializer):
    customer = serializers.CharField(max_length=100)
    invoice = NextActionInvoiceSerializer()
    payment_method = PaymentMethodSerializer(required=False)
    attempts = NextActionAttemptSerializer(many=True, allow_empty=False)
    as_of = serializers.DateTimeField(required=False, allow_null=True)

    def validate_customer(self, value: str) -> Customer:
        customer = Customer.objects.filter(external_id=value).first()
        if customer is None and value.isdigit():
            customer = Customer.objects.filter(pk=int(value)).first()
        if customer is None:
            raise serializers.ValidationError("No customer with this id or external id.")
        return customer

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attempts = attrs["attempts"]
        times = [a["attempted_at"] for a in attempts]
        if times != sorted(times):
            raise serializers.ValidationError({"attempts": ["Attempts must be oldest first."]})
        as_of = attrs.get("as_of")
        if as_of is not None and as_of < times[-1]:
            raise serializers.ValidationError({"as_of": ["as_of cannot be before the last attempt."]})
        return attrs


class DunningNextActionApi(APIView):
    required_perms = {"POST": ("receivables.view_dunningmodel",)}

    @extend_schema(request=NextActionSerializer, responses={200: dict})
    def post(self, request: Request) -> Response:
        serializer = NextActionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        method = data.get("payment_method") or next(
            (a["payment_method"] for a in reversed(data["attempts"]) if a.get("payment_method")), {}
        )
        decision = dunning_decide(
            data=DecisionInput(
                customer=data["customer"],
                invoice_reference=data["invoice"]["id"],
                amount=data["invoice"]["amount"],
                currency=data["invoice"]["currency"].upper(),
                brand=(method.get("brand") or "").lower(),
                funding=(method.get("funding") or "").lower(),
                card_country=(method.get("country") or "").upper(),
                attempts=tuple(
                    Attempt(
                        attempted_at=a["attempted_at"],
                        succeeded=a["outcome"] == "succeeded",
                        decline_code=(a.get("decline_code") or "").lower(),
                    )
                    for a in data["attempts"]
                ),
                as_of=data.get("as_of"),
            ),
            actor=request.user,
        )
        return Response(decision_body(decision))


class DunningRecoveryReportApi(APIView):
    """``GET /api/v1/reports/dunning-recovery``: recovery of failed payments by monthly cohort."""

    required_perms = {"GET": ("receivables.view_dunningcase",)}

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        return Response(dunning_recovery_by_cohort())
