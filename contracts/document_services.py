"""Contract documents: upload -> extraction (offline, optionally a language model beside it) ->
review -> approve, which creates or matches the customer and creates the contract.

Nothing is billed from a document until a person approves it; the approval records who did it,
the draft as extracted, what they changed, and keeps the document linked to the contract.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import re
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from audit.services import actor_label, audit_record
from contracts.documents import DocumentReadError, extract, read_document
from contracts.documents import llm as llm_module
from contracts.documents.scoring import disagreements
from contracts.exceptions import ContractError
from contracts.models import ContractDocument, ContractDocumentStatus, Customer

logger = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
NO_TEXT_FOUND = "no_text_found"
UNREADABLE = "unreadable"


class DocumentStateError(ContractError):
    """The document is not in a state that allows this (approved twice, failed extraction)."""


class DocumentIdempotencyConflict(ContractError):
    """An Idempotency-Key reused for a different file."""


class DocumentValidationError(ContractError):
    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__("The extraction is not a valid contract.")
        self.fields = fields


def extraction_check(extraction: dict[str, Any]) -> dict[str, list[str]]:
    """Errors of a draft by the rating engine's own parser (lines, commitment), without the
    database: what billing could not price is shown on the review page before anyone approves."""
    from rating import RatingInputError, line_spec_from_dict, minimum_commitment_from_dict

    errors: dict[str, list[str]] = {}
    lines = extraction.get("lines") if isinstance(extraction, dict) else None
    if not isinstance(lines, list) or not lines:
        return {"lines": ["At least one line is needed."]}
    codes: set[str] = set()
    for index, raw in enumerate(lines):
        if not isinstance(raw, dict):
            errors[f"lines[{index}]"] = ["Expected an object."]
            continue
        try:
            spec = line_spec_from_dict(raw)
        except RatingInputError as exc:
            errors.update(exc.prefixed(f"lines[{index}].").fields)
            continue
        if spec.code in codes:
            errors[f"lines[{index}].code"] = ["Line codes must be unique in a contract."]
        codes.add(spec.code)
    commitment = extraction.get("minimum_commitment")
    if commitment:
        try:
            minimum_commitment_from_dict(commitment)
        except RatingInputError as exc:
            errors.update(exc.prefixed("minimum_commitment.").fields)
    return errors


def _model_config() -> dict[str, str]:
    return {
        "CONTRACT_EXTRACTION_LLM": getattr(settings, "CONTRACT_EXTRACTION_LLM", ""),
        "CONTRACT_EXTRACTION_LLM_MODEL": getattr(settings, "CONTRACT_EXTRACTION_LLM_MODEL", ""),
    }


def _run_model(document: ContractDocument, text: str, warnings: list[dict[str, str]]) -> None:
    try:
        provider = llm_module.provider_from_settings(_model_config())
        if provider is None:
            return
        model, complete = provider
        result = llm_module.run_model(complete, model, text)
    except llm_module.ModelUnavailable as exc:
        warnings.append({"field": "model", "message": f"The language model did not run: {exc}"})
        return
    document.model_name = result.model
    document.model_extraction = result.extraction
    for path, messages in extraction_check(result.extraction).items():
        warnings.append({"field": "model", "message": f"The model's {path} is invalid: {'; '.join(messages)}"})
    document.model_disagreements = disagreements(document.extraction or {}, result.extraction)
    for item in document.model_disagreements:
        warnings.append(
            {
                "field": item["field"],
                "message": f"The language model reads {item['model']!r} where the extractor read {item['offline']!r}.",
            }
        )


def contract_document_upload(
    *, filename: str, data: bytes, content_type: str = "", idempotency_key: str | None = None, actor: Any = None
) -> tuple[ContractDocument, bool]:
    """Store the file and draft its contract. Returns (document, created); the same
    idempotency key with the same file returns the first document, with another file raises
    DocumentIdempotencyConflict. A file without text (a scan) is kept with status failed and
    failure_reason no_text_found; an unreadable one with failure_reason unreadable."""
    sha256 = hashlib.sha256(data).hexdigest()
    if idempotency_key:
        existing = ContractDocument.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            if existing.sha256 != sha256:
                raise DocumentIdempotencyConflict("This Idempotency-Key was already used with a different file.")
            return existing, False
    filename = re.sub(r"[^\w.() -]", "_", filename.rsplit("/", 1)[-1])[:200] or "document"
    document = ContractDocument(
        filename=filename,
        content_type=content_type[:100],
        size=len(data),
        sha256=sha256,
        idempotency_key=idempotency_key or None,
        uploaded_by=actor_label(actor) if actor is not None else "",
    )
    try:
        parsed = read_document(data, filename)
    except DocumentReadError as exc:
        document.status = ContractDocumentStatus.FAILED
        document.failure_reason = UNREADABLE
        document.error = str(exc)
    else:
        document.kind = parsed.kind
        document.page_count = parsed.page_count
        document.pages = [{"page": page, "text": text} for page, text in parsed.page_texts()]
        result = None
        if not parsed.has_text:
            document.status = ContractDocumentStatus.FAILED
            document.failure_reason = NO_TEXT_FOUND
            document.error = (
                "No text found: the document has no text layer (a scanned image?). Upload the original "
                "PDF or DOCX, or a text version; nothing was guessed."
            )
        else:
            try:
                result = extract(parsed)
            except Exception as exc:  # a bug on an unusual layout must not lose the upload
                logger.exception("Extraction failed for %s", filename)
                document.status = ContractDocumentStatus.FAILED
                document.failure_reason = "extraction_error"
                document.error = (
                    f"The extractor failed on this document ({type(exc).__name__}); enter the contract by hand."
                )
        if result is not None:
            document.status = ContractDocumentStatus.EXTRACTED
            document.extractor = "offline-v1"
            document.extraction = result.data
            document.evidence = result.evidence
            document.confidence = result.confidence
            warnings = list(result.warnings)
            for path, messages in extraction_check(result.data).items():
                warnings.append({"field": path, "message": "Billing cannot price this yet: " + "; ".join(messages)})
            _run_model(document, parsed.text, warnings)
            document.warnings = warnings
    try:
        with transaction.atomic():
            document.file.save(filename, ContentFile(data), save=False)
            document.save()
            audit_record(
                rule="contracts.contract_document_upload",
                action="contract_document_extracted" if document.status == "extracted" else "contract_document_failed",
                obj=document,
                actor=actor,
                inputs={
                    "filename": filename,
                    "sha256": sha256,
                    "size": len(data),
                    "extractor": document.extractor,
                    "model": document.model_name,
                },
                outcome={
                    "status": document.status,
                    "failure_reason": document.failure_reason,
                    "lines": len((document.extraction or {}).get("lines") or []),
                    "warnings": len(document.warnings),
                },
            )
    except IntegrityError:
        # Two requests with one idempotency key at once: the other one won.
        existing = ContractDocument.objects.get(idempotency_key=idempotency_key)
        if existing.sha256 != sha256:
            raise DocumentIdempotencyConflict("This Idempotency-Key was already used with a different file.") from None
        return existing, False
    return document, True


def _customer_match(data: dict[str, Any]) -> Customer | None:
    """An existing customer by external_id, billing email or exact name (case-insensitive)."""
    query = Q()
    if data.get("external_id"):
        query |= Q(external_id=data["external_id"])
    if data.get("email"):
        query |= Q(email__iexact=data["email"])
    if data.get("name"):
        query |= Q(name__iexact=data["name"].strip())
    if not query:
        return None
    return Customer.objects.filter(query).order_by("id").first()


def _new_external_id(name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80] or "customer"
    candidate, number = base, 2
    while Customer.objects.filter(external_id=candidate).exists():
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def _changed_paths(before: Any, after: Any, prefix: str = "") -> list[str]:
    if isinstance(before, dict) and isinstance(after, dict):
        out: list[str] = []
        for key in sorted(set(before) | set(after), key=str):
            out += _changed_paths(before.get(key), after.get(key), f"{prefix}.{key}" if prefix else str(key))
        return out
    if isinstance(before, list) and isinstance(after, list):
        out = []
        for index in range(max(len(before), len(after))):
            out += _changed_paths(
                before[index] if index < len(before) else None,
                after[index] if index < len(after) else None,
                f"{prefix}[{index}]",
            )
        return out
    return [] if before == after else [prefix]


def _ensure_meters(lines: list[Any]) -> list[str]:
    """Usage lines bill a meter: create the ones the contract names that do not exist yet
    (summing the event quantity), through metering's service."""
    from contracts.choices import USAGE_CHARGE_MODELS
    from metering.models import Meter
    from metering.services import meter_create

    created = []
    for raw in lines:
        if not isinstance(raw, dict) or raw.get("charge_model") not in USAGE_CHARGE_MODELS:
            continue
        code = str(raw.get("metric") or "").strip()
        if not code or not re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", code) or Meter.objects.filter(code=code).exists():
            continue
        meter_create(code=code, name=str(raw.get("description") or code)[:100], aggregation="sum")
        created.append(code)
    return created


def contract_document_approve(
    *, document_id: int, extraction: dict[str, Any] | None = None, actor: Any = None
) -> ContractDocument:
    """Approve a document's draft (or the reviewer's corrected ``extraction``): match or create
    the customer, create the meters its usage lines name, and create the contract through the
    same validation as POST /contracts. Raises DocumentStateError (not extracted, or already
    approved) or DocumentValidationError with paths like "extraction.lines[0].unit_price";
    on error nothing is created."""
    from contracts.api.serializers import ContractWriteSerializer
    from contracts.services import contract_create, customer_create

    with transaction.atomic():
        document = ContractDocument.objects.select_for_update().get(pk=document_id)
        if document.status == ContractDocumentStatus.APPROVED:
            raise DocumentStateError(f"Document #{document.pk} is already approved (contract #{document.contract_id}).")
        if document.status != ContractDocumentStatus.EXTRACTED:
            raise DocumentStateError(
                f"Document #{document.pk} has no extraction to approve ({document.error or document.status})."
            )
        original = document.extraction or {}
        draft = copy.deepcopy(extraction if extraction is not None else original)
        if not isinstance(draft, dict):
            raise DocumentValidationError({"extraction": ["Expected an object."]})
        errors: dict[str, list[str]] = {}
        customer_data = draft.get("customer") or {}
        if not isinstance(customer_data, dict):
            raise DocumentValidationError({"extraction.customer": ["Expected an object."]})
        customer = _customer_match(customer_data)
        if customer is None:
            fields = {
                "name": (customer_data.get("name") or "").strip(),
                "email": (customer_data.get("email") or "").strip(),
                "currency": customer_data.get("currency") or draft.get("currency") or "",
                "timezone": customer_data.get("timezone") or "UTC",
                "payment_terms_days": customer_data.get("payment_terms_days") or 0,
            }
            for name in ("name", "email", "currency"):
                if not fields[name]:
                    errors[f"extraction.customer.{name}"] = ["Required to create the customer."]
            if errors:
                raise DocumentValidationError(errors)
            from django.core.exceptions import ValidationError

            try:
                customer = customer_create(
                    actor=actor,
                    external_id=customer_data.get("external_id") or _new_external_id(fields["name"]),
                    **fields,
                )
            except ValidationError as exc:
                raise DocumentValidationError(
                    {f"extraction.customer.{k}": list(v) for k, v in exc.message_dict.items()}
                ) from exc
        lines = draft.get("lines") or []
        meters = _ensure_meters(lines if isinstance(lines, list) else [])
        payload = {
            "customer": customer.external_id,
            "external_id": draft.get("external_id") or None,
            "start_date": draft.get("start_date"),
            "end_date": draft.get("end_date"),
            "billing_alignment": draft.get("billing_alignment") or "anniversary",
            "minimum_commitment": draft.get("minimum_commitment"),
            "lines": lines,
        }
        if draft.get("currency"):
            payload["currency"] = draft["currency"]
        serializer = ContractWriteSerializer(data=payload)
        if not serializer.is_valid():
            from access.errors import flatten_errors

            raise DocumentValidationError({f"extraction.{k}": v for k, v in flatten_errors(serializer.errors).items()})
        data = dict(serializer.validated_data)
        contract = contract_create(customer=data.pop("customer"), lines=data.pop("lines"), actor=actor, **data)
        changed = _changed_paths(original, draft)
        document.status = ContractDocumentStatus.APPROVED
        document.customer = customer
        document.contract = contract
        document.approved_by = actor_label(actor) if actor is not None else ""
        document.approved_at = timezone.now()
        document.approved_extraction = draft
        document.changed_fields = changed
        document.save()
        audit_record(
            rule="contracts.contract_document_approve",
            action="contract_document_approved",
            obj=document,
            actor=actor,
            inputs={
                "document": document.pk,
                "extractor": document.extractor,
                "sha256": document.sha256,
                "changed_fields": changed,
                "meters_created": meters,
            },
            outcome={"customer": customer.external_id, "contract": contract.pk},
        )
    return document
