"""Credit notes over the API.

``POST /api/v1/invoices/{id}/credit-notes`` ``{"reason", "memo", "amount"}`` or
``{"reason", "memo", "lines": [{"invoice_line", "amount"}]}`` (pre-tax amounts as decimal strings);
201 with the note. Bad input is a 400 with field paths (``amount``, ``lines[0].amount``,
``lines[1].invoice_line``); a draft, void or uncollectible invoice is a 422, as for the invoice
actions (finalise, void). ``GET /api/v1/credit-notes?invoice=&customer=``,
``GET /api/v1/credit-notes/{id}``, ``GET /api/v1/credit-notes/{id}/pdf``.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.errors import DomainError
from access.idempotency import idempotent
from access.models import ApiKey
from invoicing.choices import CreditNoteReason
from invoicing.credit_notes.pdf import credit_note_pdf_store
from invoicing.credit_notes.services import CreditNoteInvalid, credit_note_issue, credit_note_list
from invoicing.exceptions import InvalidInvoiceTransition
from invoicing.models import CreditNote, CreditNoteLine, Invoice
from rating import round_money


def _money(amount: Any, currency: str) -> str:
    return format(round_money(amount, currency), "f")


class CreditNoteLineSerializer(serializers.ModelSerializer):
    amount = serializers.SerializerMethodField()
    tax_percentage = serializers.SerializerMethodField()
    tax_amount = serializers.SerializerMethodField()

    class Meta:
        model = CreditNoteLine
        fields = ["invoice_line", "description", "amount", "tax_name", "tax_percentage", "tax_amount"]

    def get_amount(self, obj: CreditNoteLine) -> str:
        return _money(obj.amount, obj.credit_note.currency)

    def get_tax_percentage(self, obj: CreditNoteLine) -> str | None:
        return None if obj.tax_percentage is None else format(obj.tax_percentage.normalize(), "f")

    def get_tax_amount(self, obj: CreditNoteLine) -> str:
        return _money(obj.tax_amount, obj.credit_note.currency)


class CreditNoteSerializer(serializers.ModelSerializer):
    invoice_number = serializers.CharField(source="invoice.number")
    customer = serializers.CharField(source="customer.external_id")
    subtotal = serializers.SerializerMethodField()
    tax = serializers.SerializerMethodField()
    total = serializers.SerializerMethodField()
    credited_to_balance = serializers.SerializerMethodField()
    refund_amount = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()
    lines = CreditNoteLineSerializer(many=True)

    class Meta:
        model = CreditNote
        fields = [
            "id",
            "number",
            "invoice",
            "invoice_number",
            "customer",
            "currency",
            "issue_date",
            "reason",
            "memo",
            "subtotal",
            "tax",
            "total",
            "credited_to_balance",
            "refund_amount",
            "created_by",
            "created_at",
            "pdf_url",
            "lines",
        ]

    def get_subtotal(self, obj: CreditNote) -> str:
        return _money(obj.subtotal, obj.currency)

    def get_tax(self, obj: CreditNote) -> str:
        return _money(obj.tax, obj.currency)

    def get_total(self, obj: CreditNote) -> str:
        return _money(obj.total, obj.currency)

    def get_credited_to_balance(self, obj: CreditNote) -> str:
        return _money(obj.credited_to_balance, obj.currency)

    def get_refund_amount(self, obj: CreditNote) -> str:
        return _money(obj.refund_amount, obj.currency)

    def get_pdf_url(self, obj: CreditNote) -> str:
        request = self.context.get("request")
        path = f"/api/v1/credit-notes/{obj.pk}/pdf"
        return request.build_absolute_uri(path) if request else path


class CreditNoteLineRequestSerializer(serializers.Serializer):
    invoice_line = serializers.IntegerField(min_value=1)
    amount = serializers.DecimalField(max_digits=20, decimal_places=4)


class CreditNoteRequestSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=CreditNoteReason.choices)
    memo = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    amount = serializers.DecimalField(max_digits=20, decimal_places=4, required=False, allow_null=True)
    lines = CreditNoteLineRequestSerializer(many=True, required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        has_amount = attrs.get("amount") is not None
        has_lines = attrs.get("lines") is not None
        if has_amount == has_lines:
            message = "Give either amount or lines, not both." if has_amount else "Give amount or lines."
            raise ValidationError({"amount": [message], "lines": [message]})
        return attrs


def _service_key(request: Request) -> str | None:
    """The request's Idempotency-Key, scoped to its API key (keys are per client, the note's is global)."""
    key = request.headers.get("Idempotency-Key")
    if not key:
        return None
    owner = request.auth.pk if isinstance(request.auth, ApiKey) else "session"
    return f"api:{owner}:{key}"[:255]


class InvoiceCreditNoteCreateApi(APIView):
    required_perms = {"POST": ("invoicing.view_invoice", "invoicing.add_creditnote")}
    @extend_schema(
        request=CreditNoteRequestSerializer,
        responses={201: CreditNoteSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)],
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        """Issue a credit note on an open or paid invoice: 201 with the note."""
        invoice = Invoice.objects.get(pk=pk)  # 404 first: an unknown invoice is not a validation error
        body = CreditNoteRequestSerializer(data=request.data if isinstance(request.data, dict) else {})
        body.is_valid(raise_exception=True)
        data = body.validated_data
        lines = data.get("lines")
        try:
            note = credit_note_issue(
                invoice_id=invoice.pk,
                lines=None if lines is None else [
                    {"invoice_line_id": item["invoice_line"], "amount": item["amount"]} for item in lines
                ],
                amount=data.get("amount"),
                reason=data["reason"],
                memo=data.get("memo", ""),
                actor=request.user,
                idempotency_key=_service_key(request),
            )
        except CreditNoteInvalid as exc:
            raise ValidationError(exc.fields) from exc
        except InvalidInvoiceTransition as exc:
            raise DomainError(str(exc)) from exc
        note = credit_note_list().get(pk=note.pk)
        return Response(CreditNoteSerializer(note, context={"request": request}).data, status=status.HTTP_201_CREATED)


class CreditNoteListApi(ListAPIView):
    required_perms = {"GET": ("invoicing.view_creditnote",)}
    serializer_class = CreditNoteSerializer

    @extend_schema(parameters=[OpenApiParameter("invoice", int), OpenApiParameter("customer", str)])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        params = self.request.query_params
        invoice = params.get("invoice")
        if invoice is not None and not (invoice.isascii() and invoice.isdigit() and int(invoice) < 2**63):
            raise ValidationError({"invoice": ["The id of an invoice."]})
        qs = credit_note_list(invoice_id=int(invoice) if invoice else None)
        if params.get("customer"):
            qs = qs.filter(customer__external_id=params["customer"])
        return qs


class CreditNoteDetailApi(RetrieveAPIView):
    required_perms = {"GET": ("invoicing.view_creditnote",)}
    serializer_class = CreditNoteSerializer
    queryset = credit_note_list()


class CreditNotePdfApi(APIView):
    required_perms = {"GET": ("invoicing.view_creditnote",)}
    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request: Request, pk: int) -> FileResponse:
        note = CreditNote.objects.select_related("invoice").get(pk=pk)
        credit_note_pdf_store(credit_note=note)
        return FileResponse(note.pdf.open("rb"), content_type="application/pdf", filename=f"{note.number}.pdf")
