"""Contract documents over the API (api.md, "Contract documents (extraction)").

``POST /api/v1/contract-documents`` (multipart ``file``: PDF, DOCX or text) -> 201 with the draft;
a scan without text is stored with ``status: "failed"`` and ``failure_reason: "no_text_found"``.
``GET /api/v1/contract-documents/{id}``; ``POST /api/v1/contract-documents/{id}/approve``
(optionally ``{"extraction": {...}}`` corrected) -> 200 with the document and its new contract;
400 with paths like ``extraction.lines[0].unit_price``; 422 when it is not waiting for approval.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.errors import ConflictError, DomainError
from access.idempotency import idempotent
from contracts.document_services import (
    MAX_DOCUMENT_BYTES,
    DocumentIdempotencyConflict,
    DocumentStateError,
    DocumentValidationError,
    contract_document_approve,
    contract_document_upload,
)
from contracts.models import ContractDocument


class ContractDocumentSerializer(serializers.ModelSerializer):
    customer = serializers.SerializerMethodField()
    contract = serializers.SerializerMethodField()

    class Meta:
        model = ContractDocument
        fields = [
            "id",
            "filename",
            "kind",
            "size",
            "sha256",
            "page_count",
            "status",
            "failure_reason",
            "error",
            "extraction",
            "evidence",
            "confidence",
            "warnings",
            "extractor",
            "model_name",
            "model_extraction",
            "model_disagreements",
            "uploaded_by",
            "approved_by",
            "approved_at",
            "changed_fields",
            "customer",
            "contract",
            "created_at",
        ]
        read_only_fields = fields

    def get_customer(self, obj: ContractDocument) -> str | None:
        return obj.customer.external_id if obj.customer_id else None

    def get_contract(self, obj: ContractDocument) -> int | None:
        return obj.contract_id


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField()

    def validate_file(self, value: Any) -> Any:
        if value.size > MAX_DOCUMENT_BYTES:
            raise serializers.ValidationError(f"At most {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB.")
        if value.size == 0:
            raise serializers.ValidationError("The file is empty.")
        return value


class ApproveSerializer(serializers.Serializer):
    extraction = serializers.JSONField(required=False, allow_null=True)


def _document(pk: int) -> ContractDocument:
    return ContractDocument.objects.select_related("customer", "contract").get(pk=pk)


class ContractDocumentCreateApi(APIView):
    parser_classes = [MultiPartParser, FormParser]
    required_perms = {"POST": ("contracts.add_contractdocument",)}

    @extend_schema(
        request={"multipart/form-data": UploadSerializer},
        responses={201: ContractDocumentSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)],
    )
    def post(self, request: Request) -> Response:
        body = UploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        key = request.headers.get("Idempotency-Key") or None
        if key and len(key) > 255:
            raise ValidationError({"Idempotency-Key": ["At most 255 characters."]})
        try:
            document, _created = contract_document_upload(
                filename=upload.name,
                data=upload.read(),
                content_type=getattr(upload, "content_type", "") or "",
                idempotency_key=key,
                actor=request.user,
            )
        except DocumentIdempotencyConflict as exc:
            raise ConflictError(str(exc)) from exc
        return Response(ContractDocumentSerializer(_document(document.pk)).data, status=status.HTTP_201_CREATED)


class ContractDocumentDetailApi(APIView):
    required_perms = {"GET": ("contracts.view_contractdocument",)}

    @extend_schema(responses={200: ContractDocumentSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(ContractDocumentSerializer(_document(int(pk))).data)


class ContractDocumentApproveApi(APIView):
    parser_classes = [JSONParser]
    required_perms = {"POST": ("contracts.change_contractdocument", "contracts.add_contract", "contracts.add_customer")}

    @extend_schema(
        request=ApproveSerializer,
        responses={200: ContractDocumentSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)],
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        body = ApproveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        _document(int(pk))  # 404 first
        try:
            document = contract_document_approve(
                document_id=int(pk), extraction=body.validated_data.get("extraction"), actor=request.user
            )
        except DocumentValidationError as exc:
            raise ValidationError(exc.fields) from exc
        except DocumentStateError as exc:
            raise DomainError(str(exc)) from exc
        return Response(ContractDocumentSerializer(_document(document.pk)).data, status=status.HTTP_200_OK)
