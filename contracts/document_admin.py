"""Contract documents in the admin: upload, then a side-by-side review (the document's text with
the evidence highlighted, next to the editable draft with confidence and warnings per field), and
approve, which creates the customer and contract through contracts' services."""

from __future__ import annotations

import json
import re
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from audit.admin import HistoryAdmin

from .document_services import (
    MAX_DOCUMENT_BYTES,
    DocumentStateError,
    DocumentValidationError,
    contract_document_approve,
    contract_document_upload,
    extraction_check,
)
from .models import ContractDocument, ContractDocumentStatus


class UploadForm(forms.Form):
    file = forms.FileField(help_text="An order form, SOW or pricing schedule: PDF, DOCX or plain text.")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(f"At most {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB.")
        return upload


class ApproveForm(forms.Form):
    extraction = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 30, "cols": 80, "style": "font-family:monospace"})
    )

    def clean_extraction(self) -> Any:
        try:
            value = json.loads(self.cleaned_data["extraction"])
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(f"Not valid JSON: {exc}") from exc
        if not isinstance(value, dict):
            raise forms.ValidationError("Expected a JSON object.")
        return value


def highlight(text: str, evidence: dict[str, dict[str, Any]], page: int) -> SafeString:
    """The page's text, escaped, with every evidence quote on that page marked (title: the fields)."""
    spans: list[tuple[int, int, str]] = []
    by_text: dict[str, list[str]] = {}
    for path, item in evidence.items():
        if item.get("page") == page and item.get("text"):
            by_text.setdefault(item["text"], []).append(path)
    for quote, paths in by_text.items():
        words = [re.escape(word) for word in quote.split()][:60]
        if not words:
            continue
        pattern = r"[\s|]+".join(words)
        match = re.search(pattern, text)
        if match:
            spans.append((match.start(), match.end(), ", ".join(paths)))
    spans.sort()
    out: list[str] = []
    position = 0
    for start, end, title in spans:
        if start < position:
            continue
        out.append(escape(text[position:start]))
        out.append(f'<mark title="{escape(title)}">{escape(text[start:end])}</mark>')
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def field_rows(document: ContractDocument) -> list[dict[str, Any]]:
    warnings: dict[str, list[str]] = {}
    for item in document.warnings or []:
        warnings.setdefault(item.get("field", ""), []).append(item.get("message", ""))
    paths = list(dict.fromkeys([*(document.confidence or {}), *(document.evidence or {}), *warnings]))
    rows = []
    for path in paths:
        evidence = (document.evidence or {}).get(path) or {}
        rows.append(
            {
                "path": path,
                "value": _value_at(document.extraction or {}, path),
                "confidence": (document.confidence or {}).get(path),
                "page": evidence.get("page"),
                "text": evidence.get("text", ""),
                "warnings": warnings.get(path, []),
            }
        )
    return rows


def _value_at(data: Any, path: str) -> Any:
    current = data
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            index = int(part[1:-1])
            current = current[index] if isinstance(current, list) and index < len(current) else None
        else:
            current = current.get(part) if isinstance(current, dict) else None
    if isinstance(current, dict | list):
        return json.dumps(current, ensure_ascii=False)
    return current


@admin.register(ContractDocument)
class ContractDocumentAdmin(HistoryAdmin):
    # Fits a 1366-1440 px laptop with the sidebars open (the filename links to the document); its
    # id and who approved it are on the document's page, its lines on the review form.
    list_display = (
        "filename",
        "status",
        "customer_name",
        "warning_count",
        "created_at",
        "contract_link",
    )
    list_filter = ("status", "kind", "failure_reason")
    list_select_related = ("contract", "customer")
    search_fields = ("filename", "sha256", "approved_by", "uploaded_by")
    readonly_fields = [f.name for f in ContractDocument._meta.fields]
    change_form_template = "admin/contracts/contractdocument/review.html"

    @admin.display(description="Customer (extracted)")
    def customer_name(self, obj: ContractDocument) -> str:
        return ((obj.extraction or {}).get("customer") or {}).get("name") or ""

    @admin.display(description="Warnings")
    def warning_count(self, obj: ContractDocument) -> int:
        return len(obj.warnings or [])

    @admin.display(description="Contract")
    def contract_link(self, obj: ContractDocument) -> str:
        if not obj.contract_id:
            return ""
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:contracts_contract_change", args=[obj.contract_id]), obj.contract
        )

    def has_delete_permission(self, request: HttpRequest, obj: ContractDocument | None = None) -> bool:
        return False  # the document stays with the contract it produced, for the audit trail

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            document, _ = contract_document_upload(
                filename=upload.name, data=upload.read(), content_type=upload.content_type or "", actor=request.user
            )
            if document.status == ContractDocumentStatus.FAILED:
                messages.error(request, document.error)
            else:
                messages.success(request, f"Extracted {document.filename}: review the draft and approve it.")
            return HttpResponseRedirect(reverse("admin:contracts_contractdocument_change", args=[document.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": "Upload a contract document",
        }
        return TemplateResponse(request, "admin/contracts/contractdocument/upload.html", context)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        document = get_object_or_404(ContractDocument, pk=object_id)
        if not self.has_view_or_change_permission(request, document):
            raise PermissionDenied
        can_approve = (
            document.status == ContractDocumentStatus.EXTRACTED
            and self.has_change_permission(request, document)
            and request.user.has_perms(["contracts.add_contract", "contracts.add_customer"])
        )
        initial = json.dumps(document.approved_extraction or document.extraction or {}, indent=2, ensure_ascii=False)
        form = ApproveForm(request.POST or None, initial={"extraction": initial})
        errors: dict[str, list[str]] = {}
        if request.method == "POST":
            if not can_approve:
                raise PermissionDenied
            if form.is_valid():
                try:
                    contract_document_approve(
                        document_id=document.pk, extraction=form.cleaned_data["extraction"], actor=request.user
                    )
                except DocumentValidationError as exc:
                    errors = exc.fields
                except DocumentStateError as exc:
                    messages.error(request, str(exc))
                else:
                    document.refresh_from_db()
                    messages.success(
                        request, f"Approved: contract {document.contract} created for {document.customer}."
                    )
                    return HttpResponseRedirect(reverse("admin:contracts_contract_change", args=[document.contract_id]))
        pages = [
            {"page": page["page"], "html": highlight(page.get("text", ""), document.evidence or {}, page["page"])}
            for page in document.pages or []
        ]
        check = extraction_check(document.extraction or {}) if document.extraction else {}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": document,
            "document": document,
            "title": f"Review {document.filename}",
            "pages": pages,
            "rows": field_rows(document),
            "form": form,
            "errors": errors,
            "check": check,
            "can_approve": can_approve,
            "has_view_permission": True,
        }
        return TemplateResponse(request, self.change_form_template, context)
