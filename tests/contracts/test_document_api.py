"""Contract documents through the API and the admin: upload -> review -> approve -> bill."""

from __future__ import annotations

import datetime as dt
import io
import sys
import types
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from access.roles import AR_ANALYST, BILLING_ADMIN, apply_roles
from audit.models import AuditEvent
from contracts.models import Contract, ContractDocument, Customer
from invoicing.models import Invoice
from metering.models import Meter

CORPUS = Path(__file__).parent / "documents"
SEED = (
    "ORDER FORM\n\nCustomer: Acme Inc.\nBilling email: billing@acme.test\nTime zone: America/New_York\n"
    "Effective Date: March 5, 2026\n\n"
    "API access: $0.004 per API call, subject to a USD 200 monthly minimum, billed monthly in arrears.\n\n"
    "Payment terms: due upon receipt.\n"
)


def _upload(api, content: bytes, name: str = "order.txt", **headers):  # type: ignore[no-untyped-def]
    return api.post(
        "/api/v1/contract-documents", {"file": SimpleUploadedFile(name, content)}, format="multipart", **headers
    )


def _scan() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.rect(40, 40, 300, 500, fill=1)
    page.showPage()
    page.save()
    return buffer.getvalue()


@pytest.mark.django_db
def test_upload_returns_the_draft_in_the_documented_shape(api) -> None:  # type: ignore[no-untyped-def]
    response = _upload(api, SEED.encode())
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "extracted"
    assert set(body["extraction"]) == {
        "customer",
        "start_date",
        "end_date",
        "currency",
        "billing_alignment",
        "minimum_commitment",
        "lines",
    }
    assert body["extraction"]["customer"] == {
        "name": "Acme Inc.",
        "email": "billing@acme.test",
        "currency": "USD",
        "timezone": "America/New_York",
        "payment_terms_days": 0,
    }
    line = body["extraction"]["lines"][0]
    assert (line["charge_model"], line["unit_price"], line["minimum_amount"]) == ("per_unit", "0.004", "200.00")
    assert body["evidence"]["lines[0].unit_price"]["page"] == 1
    assert "$0.004 per API call" in body["evidence"]["lines[0].unit_price"]["text"]
    assert 0 < body["confidence"]["lines[0].unit_price"] <= 1
    assert isinstance(body["warnings"], list)
    assert body["contract"] is None
    assert api.get(f"/api/v1/contract-documents/{body['id']}").json()["extraction"] == body["extraction"]
    # Nothing is billed or created before approval.
    assert Contract.objects.count() == 0
    assert Customer.objects.count() == 0
    assert AuditEvent.objects.filter(rule="contracts.contract_document_upload").count() == 1


@pytest.mark.django_db
def test_scanned_pdf_fails_with_no_text_found(api) -> None:  # type: ignore[no-untyped-def]
    response = _upload(api, _scan(), "scan.pdf")
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["failure_reason"]) == ("failed", "no_text_found")
    assert "No text found" in body["error"]
    assert body["extraction"] is None
    approve = api.post(f"/api/v1/contract-documents/{body['id']}/approve", {}, format="json")
    assert approve.status_code == 422
    assert approve.json()["error"]["type"] == "domain_error"


@pytest.mark.django_db
def test_bad_uploads_are_400s_or_failed_documents(api) -> None:  # type: ignore[no-untyped-def]
    missing = api.post("/api/v1/contract-documents", {}, format="multipart")
    assert missing.status_code == 400
    assert "file" in missing.json()["error"]["fields"]
    broken = _upload(api, b"%PDF-1.4 not really a pdf", "broken.pdf")
    assert broken.status_code == 201
    assert (broken.json()["status"], broken.json()["failure_reason"]) == ("failed", "unreadable")
    assert api.get("/api/v1/contract-documents/999999").status_code == 404


@pytest.mark.django_db
def test_upload_is_idempotent_by_key(api) -> None:  # type: ignore[no-untyped-def]
    first = _upload(api, SEED.encode(), HTTP_IDEMPOTENCY_KEY="doc-1")
    again = _upload(api, SEED.encode(), HTTP_IDEMPOTENCY_KEY="doc-1")
    assert first.json()["id"] == again.json()["id"]
    other = _upload(api, b"Customer: Other\nFee: $5 per month", HTTP_IDEMPOTENCY_KEY="doc-1")
    assert other.status_code == 409
    assert ContractDocument.objects.count() == 1


@pytest.mark.django_db
def test_approve_creates_customer_meter_and_contract_once(api) -> None:  # type: ignore[no-untyped-def]
    document = _upload(api, SEED.encode()).json()
    response = api.post(f"/api/v1/contract-documents/{document['id']}/approve", {}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "approved"
    contract = Contract.objects.get(pk=body["contract"])
    assert contract.customer.email == "billing@acme.test"
    assert contract.customer.timezone == "America/New_York"
    line = contract.lines.get()
    assert (line.charge_model, str(line.unit_price.normalize()), line.metric) == ("per_unit", "0.004", "api_calls")
    assert Meter.objects.filter(code="api_calls").exists()
    assert body["approved_by"].startswith("api-")
    event = AuditEvent.objects.get(rule="contracts.contract_document_approve")
    assert event.inputs["changed_fields"] == []
    assert event.outcome["contract"] == contract.pk
    again = api.post(f"/api/v1/contract-documents/{document['id']}/approve", {}, format="json")
    assert again.status_code == 422
    assert Contract.objects.count() == 1


@pytest.mark.django_db
def test_approve_with_corrections_records_the_changed_fields(api) -> None:  # type: ignore[no-untyped-def]
    Customer.objects.create(external_id="acme", name="Acme Inc.", email="billing@acme.test", currency="USD")
    document = _upload(api, SEED.encode()).json()
    corrected = document["extraction"]
    corrected["lines"][0]["unit_price"] = "0.005"
    response = api.post(
        f"/api/v1/contract-documents/{document['id']}/approve", {"extraction": corrected}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["changed_fields"] == ["lines[0].unit_price"]
    assert response.json()["customer"] == "acme"  # matched, not created again
    assert Customer.objects.count() == 1
    assert str(Contract.objects.get().lines.get().unit_price.normalize()) == "0.005"


@pytest.mark.django_db
def test_invalid_correction_is_a_400_with_paths_and_creates_nothing(api) -> None:  # type: ignore[no-untyped-def]
    document = _upload(api, SEED.encode()).json()
    corrected = document["extraction"]
    corrected["lines"][0]["unit_price"] = "-1"
    response = api.post(
        f"/api/v1/contract-documents/{document['id']}/approve", {"extraction": corrected}, format="json"
    )
    assert response.status_code == 400
    assert "extraction.lines[0].unit_price" in response.json()["error"]["fields"]
    assert Contract.objects.count() == 0
    assert Customer.objects.count() == 0
    assert Meter.objects.count() == 0
    assert ContractDocument.objects.get().status == "extracted"


@pytest.fixture
def role_user(db):  # type: ignore[no-untyped-def]
    apply_roles(apps)

    def make(role: str) -> User:
        user = User.objects.create_user(role.replace(" ", "_").lower(), password="pw", is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


def test_roles_apply_to_the_api_as_in_the_admin(client, role_user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(role_user(AR_ANALYST))
    upload = client.post("/api/v1/contract-documents", {"file": SimpleUploadedFile("o.txt", SEED.encode())})
    assert upload.status_code == 403
    client.force_login(role_user(BILLING_ADMIN))
    upload = client.post("/api/v1/contract-documents", {"file": SimpleUploadedFile("o.txt", SEED.encode())})
    assert upload.status_code == 201


def test_admin_upload_review_and_approve(client, role_user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(role_user(BILLING_ADMIN))
    assert client.get(reverse("admin:contracts_contractdocument_add")).status_code == 200
    pdf = (CORPUS / "dev" / "d21_two_page_order.pdf").read_bytes()
    response = client.post(
        reverse("admin:contracts_contractdocument_add"),
        {"file": SimpleUploadedFile("order.pdf", pdf, content_type="application/pdf")},
    )
    document = ContractDocument.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("admin:contracts_contractdocument_change", args=[document.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<mark" in html
    assert "Page 2" in html
    assert "lines[1].unit_price" in html
    assert "Approve and create the contract" in html
    draft = page.context["form"].initial["extraction"]
    response = client.post(
        reverse("admin:contracts_contractdocument_change", args=[document.pk]), {"extraction": draft}
    )
    assert response.status_code == 302, response.context and response.context.get("errors")
    document.refresh_from_db()
    assert document.status == "approved"
    assert document.approved_by == "billing_admin"
    assert document.contract.lines.count() == 3
    assert client.get(reverse("admin:contracts_contractdocument_changelist")).status_code == 200


def test_admin_review_is_read_only_for_ar_analysts(client, role_user) -> None:  # type: ignore[no-untyped-def]
    from contracts.document_services import contract_document_upload

    document, _ = contract_document_upload(filename="o.txt", data=SEED.encode())
    client.force_login(role_user(AR_ANALYST))
    url = reverse("admin:contracts_contractdocument_change", args=[document.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Approve and create the contract" not in page.content.decode()
    assert client.post(url, {"extraction": "{}"}).status_code == 403
    assert client.get(reverse("admin:contracts_contractdocument_add")).status_code == 403


@pytest.mark.django_db
def test_language_model_runs_beside_and_disagreements_become_warnings(api, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The SDK is the boundary: a stand-in anthropic module answers with a tool call."""
    settings.CONTRACT_EXTRACTION_LLM = "anthropic"
    settings.CONTRACT_EXTRACTION_LLM_MODEL = "test-model"

    class Messages:
        def create(self, **kwargs):  # type: ignore[no-untyped-def]
            assert kwargs["tool_choice"] == {"type": "tool", "name": "contract"}
            answer = {
                "customer": {
                    "name": "Acme Inc.",
                    "email": "billing@acme.test",
                    "currency": "USD",
                    "timezone": "America/New_York",
                    "payment_terms_days": 0,
                },
                "start_date": "2026-03-05",
                "end_date": None,
                "currency": "USD",
                "billing_alignment": "anniversary",
                "minimum_commitment": None,
                "lines": [
                    {
                        "code": "api",
                        "charge_model": "per_unit",
                        "metric": "api_calls",
                        "unit_price": "0.0045",
                        "minimum_amount": "200.00",
                        "billing_interval": "month",
                        "billing_interval_count": 1,
                        "billing_timing": "in_arrears",
                    }
                ],
            }
            return types.SimpleNamespace(content=[types.SimpleNamespace(type="tool_use", input=answer)])

    fake = types.ModuleType("anthropic")
    fake.Anthropic = lambda: types.SimpleNamespace(messages=Messages())  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "anthropic", fake)
    body = _upload(api, SEED.encode()).json()
    assert body["model_name"] == "anthropic:test-model"
    assert body["model_disagreements"] == [{"field": "lines[0].unit_price", "offline": "0.004", "model": "0.0045"}]
    assert any(w["field"] == "lines[0].unit_price" and "language model" in w["message"] for w in body["warnings"])
    assert body["extraction"]["lines"][0]["unit_price"] == "0.004"  # the offline draft stands


@pytest.mark.django_db
def test_unavailable_model_is_a_warning_not_a_failure(api, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    settings.CONTRACT_EXTRACTION_LLM = "openai"
    monkeypatch.setitem(sys.modules, "openai", None)  # not installed
    body = _upload(api, SEED.encode()).json()
    assert body["status"] == "extracted"
    assert any(w["field"] == "model" and "did not run" in w["message"] for w in body["warnings"])


@pytest.mark.django_db(transaction=True)
def test_upload_review_approve_then_bill(api) -> None:  # type: ignore[no-untyped-def]
    """The seed contract from a document: 180,000 calls in the first period -> 720.00."""
    with time_machine.travel(dt.datetime(2026, 4, 1, tzinfo=dt.UTC), tick=False):
        document = _upload(api, SEED.encode()).json()
        approved = api.post(f"/api/v1/contract-documents/{document['id']}/approve", {}, format="json").json()
        customer = approved["customer"]
        events = [
            {
                "idempotency_key": f"e{i}",
                "customer": customer,
                "metric": "api_calls",
                "timestamp": f"2026-03-{10 + i}T12:00:00Z",
                "quantity": "60000",
            }
            for i in range(3)
        ]
        assert api.post("/api/v1/events/batch", {"events": events}, format="json").json()["accepted"] == 3
    with time_machine.travel(dt.datetime(2026, 4, 5, 12, tzinfo=dt.UTC), tick=False):
        run = api.post("/api/v1/billing-runs", {"as_of": "2026-04-05T12:00:00Z"}, format="json").json()
        assert run["invoices_created"] == 1, run
    invoice = Invoice.objects.get()
    assert invoice.contract_id == approved["contract"]
    assert str(invoice.total) in ("720.00", "720.0000")


@pytest.mark.django_db
def test_a_ramp_is_approved_as_lines_with_their_dates(api) -> None:  # type: ignore[no-untyped-def]
    content = (CORPUS / "batch_c" / "c06_prose_ramp.txt").read_bytes()
    document = _upload(api, content, name="ramp.txt").json()
    response = api.post(f"/api/v1/contract-documents/{document['id']}/approve", {}, format="json")
    assert response.status_code == 200, response.json()
    contract = Contract.objects.get(pk=response.json()["contract"])
    steps = sorted(
        (f"{line.amount:.2f}", line.start_date.isoformat(), line.end_date.isoformat()) for line in contract.lines.all()
    )
    assert steps == [("4000.00", "2027-03-01", "2028-03-01"), ("5500.00", "2028-03-01", "2029-03-01")]
