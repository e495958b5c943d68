"""``POST /api/v1/contracts/{id}/milestones/{name}/complete``: mark a milestone complete and invoice it."""

from __future__ import annotations

from datetime import date

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.errors import DomainError
from access.idempotency import idempotent
from contracts.api.serializers import contract_by_reference
from contracts.models import Milestone
from invoicing.drafting.milestones import MilestoneNotCompleted, milestone_complete_and_invoice
from invoicing.selectors import invoice_list

from .views import InvoiceSerializer


class MilestoneCompleteSerializer(serializers.Serializer):
    completed_on = serializers.DateField(required=False, allow_null=True)


class MilestoneCompleteApi(APIView):
    required_perms = {"POST": ("contracts.change_milestone", "invoicing.add_invoice")}

    @extend_schema(
        request=inline_serializer("MilestoneCompleteRequest", {"completed_on": serializers.DateField(required=False)}),
        responses={201: InvoiceSerializer, 200: InvoiceSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)],
    )
    @idempotent
    def post(self, request: Request, ref: str, name: str) -> Response:
        """201 with the milestone's new invoice; 200 with the same invoice when it was already
        completed and invoiced (the first completion date stands)."""
        body = MilestoneCompleteSerializer(data=request.data if isinstance(request.data, dict) else {})
        body.is_valid(raise_exception=True)
        completed_on: date | None = body.validated_data.get("completed_on")
        contract = contract_by_reference(ref)
        matches = list(Milestone.objects.filter(line__contract=contract, name=name))
        if not matches:
            raise Milestone.DoesNotExist(f"No milestone '{name}' in contract '{contract}'.")
        if len(matches) > 1:
            raise DomainError(f"Several lines of contract '{contract}' have a milestone '{name}'.")
        if completed_on is not None and completed_on < contract.start_date:
            raise DomainError(
                "A milestone cannot be completed before the contract starts.",
                fields={"completed_on": [f"Must be on or after {contract.start_date.isoformat()}."]},
            )
        try:
            invoice, created = milestone_complete_and_invoice(
                milestone_id=matches[0].pk, completed_on=completed_on, actor=request.user
            )
        except MilestoneNotCompleted as exc:  # pragma: no cover - completion precedes invoicing
            raise DomainError(str(exc)) from exc
        data = InvoiceSerializer(invoice_list().get(pk=invoice.pk), context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)
