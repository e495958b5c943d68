from __future__ import annotations

from smtplib import SMTPException
from typing import Any

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.errors import DomainError, error_body
from access.idempotency import idempotent
from access.inputs import parse_aware_datetime
from contracts.api.serializers import customer_by_reference
from invoicing.choices import BillingRunStatus, ReviewStatus
from invoicing.documents.delivery import invoice_deliver, invoice_pdf_store
from invoicing.drafting.billing_run import billing_run_execute
from invoicing.drafting.preview import customer_current_usage, rating_preview
from invoicing.exceptions import InvalidInvoiceTransition
from invoicing.models import BillingRun, Invoice, InvoiceDeliveryAttempt, InvoiceLine
from invoicing.selectors import invoice_list, invoice_payment_url
from invoicing.services import invoice_approve, invoice_finalize, invoice_mark_uncollectible, invoice_void
from invoicing.tax import tax_by_rate
from rating import RatingInputError, RatingResult


def _dec(value: Any) -> str | None:
    return None if value is None else format(value, "f")


class InvoiceLineSerializer(serializers.ModelSerializer):
    quantity = serializers.SerializerMethodField()
    unit_price = serializers.SerializerMethodField()
    precise_amount = serializers.SerializerMethodField()
    amount = serializers.SerializerMethodField()
    tax_name = serializers.SerializerMethodField()
    tax_percentage = serializers.SerializerMethodField()
    tax_amount = serializers.SerializerMethodField()

    class Meta:
        model = InvoiceLine
        fields = [
            "line_code",
            "kind",
            "description",
            "tier",
            "quantity",
            "unit_price",
            "precise_amount",
            "amount",
            "tax_name",
            "tax_percentage",
            "tax_amount",
            "period_start",
            "period_end",
        ]

    def get_quantity(self, obj: InvoiceLine) -> str:
        return format(obj.quantity.normalize(), "f") if obj.quantity else "0"

    def get_unit_price(self, obj: InvoiceLine) -> str | None:
        return None if obj.unit_price is None else format(obj.unit_price.normalize(), "f")

    def get_precise_amount(self, obj: InvoiceLine) -> str:
        return _dec(obj.precise_amount)

    def get_amount(self, obj: InvoiceLine) -> str:
        return _money(obj.amount, obj.invoice.currency)

    # The rate as it was when the line was priced; both null on an untaxed line (exempt customer or
    # no rate for its place), whose tax_amount is zero.
    def get_tax_name(self, obj: InvoiceLine) -> str | None:
        return obj.tax_name if obj.tax_percentage is not None else None

    def get_tax_percentage(self, obj: InvoiceLine) -> str | None:
        return None if obj.tax_percentage is None else _percentage(obj.tax_percentage)

    def get_tax_amount(self, obj: InvoiceLine) -> str:
        return _money(obj.tax_amount, obj.invoice.currency)


def _percentage(value: Any) -> str:
    return format(value.normalize(), "f")


class TaxBreakdownSerializer(serializers.Serializer):
    """One rate's row of the invoice's tax summary: ``taxable`` is the sum of its lines' amounts."""

    name = serializers.CharField()
    percentage = serializers.CharField()
    taxable = serializers.CharField()
    tax = serializers.CharField()


def _money(amount: Any, currency: str) -> str:
    from rating import round_money

    return format(round_money(amount, currency), "f")


class InvoiceDeliveryAttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = InvoiceDeliveryAttempt
        fields = ["attempted_at", "outcome", "recipients", "error", "resend", "actor"]


class InvoiceSerializer(serializers.ModelSerializer):
    customer = serializers.CharField(source="customer.external_id")
    contract = serializers.SerializerMethodField()
    lines = InvoiceLineSerializer(many=True)
    delivery_attempts = InvoiceDeliveryAttemptSerializer(many=True, read_only=True)
    subtotal = serializers.SerializerMethodField()
    tax = serializers.SerializerMethodField()
    tax_breakdown = serializers.SerializerMethodField()
    total = serializers.SerializerMethodField()
    amount_paid = serializers.SerializerMethodField()
    amount_credited = serializers.SerializerMethodField()
    amount_written_off = serializers.SerializerMethodField()
    amount_due = serializers.SerializerMethodField()
    credit_notes = serializers.SerializerMethodField()
    payment_url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Invoice
        fields = [
            "id",
            "number",
            "status",
            "review_status",
            "hold_reason",
            "customer",
            "contract",
            "currency",
            "period_start",
            "period_end",
            "issue_date",
            "due_date",
            "subtotal",
            "tax",
            "tax_breakdown",
            "total",
            "amount_paid",
            "amount_credited",
            "amount_written_off",
            "uncollectible_reason",
            "amount_due",
            "credit_notes",
            "payment_url",
            "pdf_url",
            "sent_at",
            "delivery_attempts",
            "lines",
        ]

    def get_contract(self, obj: Invoice) -> str | None:
        return None if obj.contract is None else (obj.contract.external_id or str(obj.contract.pk))

    def get_subtotal(self, obj: Invoice) -> str:
        return _money(obj.subtotal, obj.currency)

    def get_tax(self, obj: Invoice) -> str:
        return _money(obj.tax, obj.currency)

    @extend_schema_field(TaxBreakdownSerializer(many=True))
    def get_tax_breakdown(self, obj: Invoice) -> list[dict[str, str]]:
        """Tax per rate, in line order; empty when nothing is taxed. The rows' tax sums to ``tax``."""
        lines = sorted(obj.lines.all(), key=lambda line: (line.position, line.pk))
        return [
            {
                "name": name,
                "percentage": _percentage(percentage),
                "taxable": _money(taxable, obj.currency),
                "tax": _money(tax, obj.currency),
            }
            for name, percentage, taxable, tax in tax_by_rate(lines)
        ]

    def get_total(self, obj: Invoice) -> str:
        return _money(obj.total, obj.currency)

    def get_amount_paid(self, obj: Invoice) -> str:
        return _money(obj.amount_paid, obj.currency)

    def get_amount_due(self, obj: Invoice) -> str:
        return _money(obj.amount_due, obj.currency)

    def get_amount_credited(self, obj: Invoice) -> str:
        return _money(obj.amount_credited, obj.currency)

    def get_amount_written_off(self, obj: Invoice) -> str:
        return _money(obj.amount_written_off, obj.currency)

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_credit_notes(self, obj: Invoice) -> list[dict[str, Any]]:
        """The invoice's credit notes, in short (``GET /api/v1/credit-notes/{id}`` has the lines)."""
        return [
            {
                "id": note.pk,
                "number": note.number,
                "issue_date": note.issue_date.isoformat(),
                "reason": note.reason,
                "total": _money(note.total, note.currency),
                "credited_to_balance": _money(note.credited_to_balance, note.currency),
                "refund_amount": _money(note.refund_amount, note.currency),
                "url": f"/api/v1/credit-notes/{note.pk}",
            }
            for note in sorted(obj.credit_notes.all(), key=lambda n: n.pk)
        ]

    def get_payment_url(self, obj: Invoice) -> str | None:
        return invoice_payment_url(obj) if obj.number else None

    def get_pdf_url(self, obj: Invoice) -> str | None:
        request = self.context.get("request")
        path = f"/api/v1/invoices/{obj.pk}/pdf"
        return (request.build_absolute_uri(path) if request else path) if obj.number else None


class BillingRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = BillingRun
        fields = [
            "id",
            "as_of",
            "status",
            "triggered_by",
            "started_at",
            "finished_at",
            "contracts_total",
            "contracts_done",
            "chunk_size",
            "chunks_total",
            "chunks_done",
            "invoices_created",
            "invoices_existing",
            "errors",
        ]


class BillingRunListCreateApi(ListAPIView):
    """``GET``: the runs, newest first (poll a run answered 202 at ``/billing-runs/{id}`` until its
    ``status`` is no longer ``running``). ``POST {"as_of"}``: start one."""

    required_perms = {"GET": ("invoicing.view_billingrun",), "POST": ("invoicing.add_billingrun",)}
    serializer_class = BillingRunSerializer
    queryset = BillingRun.objects.order_by("-started_at", "-pk")

    @extend_schema(
        request=inline_serializer("BillingRunRequest", {"as_of": serializers.DateTimeField()}),
        responses={201: BillingRunSerializer, 202: BillingRunSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        """201 with the finished run's counts when its chunks ran inline (eager mode); 202 with the
        run ``running`` when workers draft its chunks (poll the run's counts)."""
        raw = request.data.get("as_of") if isinstance(request.data, dict) else None
        as_of = parse_aware_datetime(raw, min_year=AS_OF_YEARS[0], max_year=AS_OF_YEARS[1])
        if as_of is None:
            return Response(
                error_body(
                    400,
                    "Invalid input.",
                    {
                        "as_of": [
                            "Expected an ISO 8601 timestamp with an offset, e.g. 2026-04-05T00:00:00Z, "
                            f"between the years {AS_OF_YEARS[0]} and {AS_OF_YEARS[1]}."
                        ]
                    },
                ),
                status=400,
            )
        run = billing_run_execute(as_of=as_of, actor=request.user)
        code = status.HTTP_202_ACCEPTED if run.status == BillingRunStatus.RUNNING else status.HTTP_201_CREATED
        return Response(BillingRunSerializer(run).data, status=code)


BillingRunCreateApi = BillingRunListCreateApi
# A run bills every period from each contract's start to as_of: far-off years are typing errors.
AS_OF_YEARS = (1970, 2199)


class BillingRunDetailApi(RetrieveAPIView):
    required_perms = {"GET": ("invoicing.view_billingrun",)}
    serializer_class = BillingRunSerializer
    queryset = BillingRun.objects.all()


class InvoiceListApi(ListAPIView):
    required_perms = {"GET": ("invoicing.view_invoice",)}
    serializer_class = InvoiceSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("customer", str),
            OpenApiParameter("status", str),
            OpenApiParameter("review_status", str, enum=ReviewStatus.values),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        review_status = request.query_params.get("review_status")
        if review_status and review_status not in ReviewStatus.values:
            expected = ", ".join(ReviewStatus.values)
            return Response(
                error_body(400, "Invalid input.", {"review_status": [f"Expected one of {expected}."]}), status=400
            )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        params = self.request.query_params
        return invoice_list(
            customer_external_id=params.get("customer"),
            status=params.get("status"),
            review_status=params.get("review_status"),
        )


class InvoiceDetailApi(RetrieveAPIView):
    required_perms = {"GET": ("invoicing.view_invoice",)}
    serializer_class = InvoiceSerializer
    queryset = invoice_list()


class _InvoiceActionApi(APIView):
    required_perms = {"POST": ("invoicing.view_invoice", "invoicing.change_invoice")}

    def act(self, request: Request, invoice: Invoice) -> Invoice:
        raise NotImplementedError  # pragma: no cover - each subclass defines its action

    @extend_schema(request=None, responses={200: InvoiceSerializer})
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        invoice = Invoice.objects.get(pk=pk)
        try:
            invoice = self.act(request, invoice)
        except InvalidInvoiceTransition as exc:
            raise DomainError(str(exc)) from exc
        invoice = invoice_list().get(pk=invoice.pk)
        return Response(InvoiceSerializer(invoice, context={"request": request}).data)


class InvoiceFinalizeApi(_InvoiceActionApi):
    def act(self, request: Request, invoice: Invoice) -> Invoice:
        return invoice_finalize(invoice_id=invoice.pk, actor=request.user)


class InvoiceSendApi(_InvoiceActionApi):
    def act(self, request: Request, invoice: Invoice) -> Invoice:
        if not invoice.number:
            raise InvalidInvoiceTransition("Finalise the invoice before sending it.")
        try:
            return invoice_deliver(invoice_id=invoice.pk, actor=request.user, force=True)
        except (SMTPException, OSError) as exc:  # recorded as a failed delivery attempt
            raise MailServerUnavailable(f"The mail server did not take the email ({exc}); try again later.") from exc


class MailServerUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "mail_unavailable"


class InvoiceVoidApi(_InvoiceActionApi):
    def act(self, request: Request, invoice: Invoice) -> Invoice:
        reason = request.data.get("reason", "") if isinstance(request.data, dict) else ""
        return invoice_void(invoice_id=invoice.pk, actor=request.user, reason=str(reason))


class InvoiceMarkUncollectibleApi(_InvoiceActionApi):
    """Write an open invoice off as bad debt (``{"reason": "..."}``, required)."""

    required_perms = {"POST": ("invoicing.view_invoice", "invoicing.mark_uncollectible")}

    @extend_schema(
        request=inline_serializer("WriteOff", {"reason": serializers.CharField()}), responses={200: InvoiceSerializer}
    )
    def post(self, request: Request, pk: int) -> Response:
        reason = request.data.get("reason") if isinstance(request.data, dict) else None
        if not isinstance(reason, str) or not reason.strip():
            return Response(
                error_body(400, "Invalid input.", {"reason": ["Give the reason for the write-off."]}), status=400
            )
        return super().post(request, pk)

    def act(self, request: Request, invoice: Invoice) -> Invoice:
        return invoice_mark_uncollectible(invoice_id=invoice.pk, actor=request.user, reason=request.data["reason"])


class InvoiceApproveApi(_InvoiceActionApi):
    """Approve a draft awaiting review (held or pending) and issue it; it is emailed after commit."""

    def act(self, request: Request, invoice: Invoice) -> Invoice:
        return invoice_approve(invoice_id=invoice.pk, actor=request.user)


class InvoicePdfApi(APIView):
    required_perms = {"GET": ("invoicing.view_invoice",)}

    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request: Request, pk: int) -> FileResponse:
        invoice = Invoice.objects.get(pk=pk)
        if not invoice.number:
            raise DomainError("Draft invoices have no PDF; finalise first.")
        invoice_pdf_store(invoice=invoice)
        return FileResponse(invoice.pdf.open("rb"), content_type="application/pdf", filename=f"{invoice.number}.pdf")


def rating_result_data(result: RatingResult) -> dict[str, Any]:
    return {
        "currency": result.currency,
        "subtotal": format(result.subtotal, "f"),
        "total": format(result.total, "f"),
        "lines": [
            {
                "line_code": r.line_code,
                "kind": r.kind,
                "description": r.description,
                "tier": r.tier,
                "quantity": format(r.quantity.normalize(), "f") if r.quantity else "0",
                "unit_price": None if r.unit_price is None else format(r.unit_price.normalize(), "f"),
                "precise_amount": format(r.precise_amount, "f"),
                "amount": format(r.amount, "f"),
                "period_start": r.period_start.isoformat(),
                "period_end": r.period_end.isoformat(),
            }
            for r in result.lines
        ],
    }


class RatingPreviewApi(APIView):
    required_perms = {"POST": ("invoicing.view_invoice",)}  # prices without storing: a read

    @extend_schema(
        request=inline_serializer("RatingPreviewRequest", {"currency": serializers.CharField()}),
        responses={200: OpenApiTypes.OBJECT},
    )
    def post(self, request: Request) -> Response:
        try:
            result = rating_preview(request.data if isinstance(request.data, dict) else {})
        except RatingInputError as exc:
            return Response(error_body(400, "Invalid input.", exc.fields), status=400)
        return Response(rating_result_data(result))


class CustomerUsageApi(APIView):
    required_perms = {"GET": ("contracts.view_customer", "metering.view_usageevent")}

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, ref: str) -> Response:
        customer = customer_by_reference(ref)
        try:
            return Response(customer_current_usage(customer=customer))
        except RatingInputError as exc:  # usage the contract's lines cannot price (e.g. negative)
            raise DomainError(f"The current usage cannot be priced: {exc}", fields=exc.fields) from exc
