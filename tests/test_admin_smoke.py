"""The back-office admin: every page renders, read-only stays read-only, actions go through services,
and list pages do not query once per row."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from access import roles
from access.models import ApiKey, IdempotencyRecord
from access.services import api_key_create
from audit.models import AuditEvent, AuditExport, ChainLink
from audit.sealing import audit_chain_seal
from contracts.models import Amendment, BillingContact, Contract, ContractDocument, ContractLine, Customer, Milestone
from contracts.services import customer_card_attach
from invoicing.models import (
    BillingRun,
    CreditGrant,
    CreditLedgerEntry,
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    InvoiceNumberSequence,
    TaxRate,
)
from ledger.models import Account, ClosedPeriod, JournalEntry, JournalLine
from metering.models import Meter, UsageEvent
from receivables.models import (
    CollectionNote,
    DunningCase,
    Payment,
    PaymentAllocation,
    PaymentAttempt,
    PayPageIntent,
    Refund,
)
from reporting.models import (
    ClosePack,
    ExchangeRate,
    ReconciliationFinding,
    ReviewThreshold,
    StripeBalanceTransaction,
    StripePayout,
)
from revrec.models import (
    PerformanceObligation,
    RevenueContract,
    RevenueModification,
    RevenueScheduleEntry,
    StandaloneSellingPrice,
    UsageAccrual,
)

pytestmark = pytest.mark.django_db

OUR_APPS = {"access", "audit", "contracts", "metering", "invoicing", "receivables", "revrec", "ledger", "reporting"}

# Which registered models offer an add form to a superuser. Everything else is made by services.
ADD_ALLOWED = {
    Customer: True, Contract: True, ContractLine: True, Milestone: True, Amendment: True, ContractDocument: True,
    Meter: True, UsageEvent: False,
    BillingRun: False, Invoice: False, InvoiceNumberSequence: False, CreditGrant: False, CreditLedgerEntry: False,
    TaxRate: True,
    Payment: True, PaymentAllocation: False, PaymentAttempt: False, DunningCase: False, CollectionNote: True,
    CreditNote: False, Refund: False, PayPageIntent: False,
    RevenueScheduleEntry: False,
    Account: True, JournalEntry: False,
    AuditEvent: False,
    ApiKey: True, IdempotencyRecord: False,  # API keys: name and scope; the key is shown once after saving
    # ASC 606 (issue 10): the SSP table and month close are kept by people; the rest is derived.
    StandaloneSellingPrice: True, ClosedPeriod: True,
    RevenueContract: False, PerformanceObligation: False, RevenueModification: False, UsageAccrual: False,
    # Reporting and the audit chain (issue 12).
    ReviewThreshold: True, ExchangeRate: True, AuditExport: False, ChainLink: False,
    StripeBalanceTransaction: False, StripePayout: False, ReconciliationFinding: False, ClosePack: True,
}
# Collections intelligence (issue 9): model versions are trained, history is posted or imported.
from receivables.models import DunningModel, PaymentHistoryRecord  # noqa: E402

ADD_ALLOWED.update({DunningModel: False, PaymentHistoryRecord: False})
D = Decimal
NOW = dt.datetime(2026, 4, 5, 12, 0, tzinfo=dt.UTC)


def _admin_url(model: type, view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _our_models() -> list[type]:
    return sorted(
        (m for m in admin.site._registry if m._meta.app_label in OUR_APPS), key=lambda m: m._meta.label
    )


def _customer(suffix: str) -> Customer:
    return Customer.objects.create(external_id=f"cust-{suffix}", name=f"Customer {suffix}", email=f"{suffix}@x.test")


def _draft_invoice(customer: Customer, contract: Contract | None = None, **fields: object) -> Invoice:
    values: dict[str, object] = {
        "customer": customer, "contract": contract, "billing_date": dt.date(2026, 4, 5), "currency": "USD",
        "period_start": dt.date(2026, 3, 5), "period_end": dt.date(2026, 4, 5), "subtotal": D("720.00"),
        "total": D("720.00"),
    }
    values.update(fields)
    invoice = Invoice.objects.create(**values)
    InvoiceLine.objects.create(
        invoice=invoice, line_code="api", kind="usage", description="API calls", quantity=D(180000),
        unit_price=D("0.004"), precise_amount=D("720.00"), amount=D("720.00"),
        period_start=invoice.period_start, period_end=invoice.period_end,
    )
    return invoice


def _world(suffix: str) -> dict[str, object]:
    """One row of every model the admin shows, made with the ORM (minimal fields)."""
    customer = _customer(suffix)
    BillingContact.objects.create(customer=customer, name="Ann", email=f"ann-{suffix}@x.test")
    contract = Contract.objects.create(
        customer=customer, external_id=f"contract-{suffix}", start_date=dt.date(2026, 3, 5), currency="USD"
    )
    line = ContractLine.objects.create(
        contract=contract, code="api", charge_model="per_unit", metric=f"calls-{suffix}", unit_price=D("0.004"),
        billing_timing="in_arrears",
    )
    Milestone.objects.create(line=line, name="Go-live", amount=D(1000))
    Amendment.objects.create(contract=contract, effective_date=dt.date(2026, 3, 20),
                             changes=[{"type": "change_price", "line": "api", "unit_price": "0.003"}])
    meter = Meter.objects.create(code=f"calls-{suffix}", name="API calls")
    UsageEvent.objects.create(
        idempotency_key=f"evt-{suffix}", body_hash="0" * 64, customer=customer, meter=meter, timestamp=NOW,
        quantity=D(1), properties={"region": "eu"},
    )
    run = BillingRun.objects.create(as_of=NOW, triggered_by="tests", contracts_total=2, contracts_done=1)
    draft = _draft_invoice(customer, contract, billing_run=run)
    issued = _draft_invoice(
        customer, None, kind="milestone", number=f"TEST-{suffix}-1", status="open", issue_date=dt.date(2026, 3, 1),
        due_date=dt.date(2026, 3, 15), amount_paid=D("100.00"),
    )
    InvoiceNumberSequence.objects.create(series=f"T{suffix}", year=2026, last_value=1)
    TaxRate.objects.create(name="Sales tax", country="US", region=f"T{suffix}".upper(), percentage=D("7.25"))
    grant = CreditGrant.objects.create(contract=contract, line_code="credits", amount=D(1000), balance=D(700),
                                       currency="USD", granted_on=dt.date(2026, 3, 1), source_invoice=issued)
    CreditLedgerEntry.objects.create(grant=grant, invoice=issued, kind="drawdown", amount=D(-300),
                                     balance_after=D(700))
    payment = Payment.objects.create(customer=customer, amount=D(100), currency="USD", method="bank_transfer",
                                     received_at=NOW)
    PaymentAllocation.objects.create(payment=payment, invoice=issued, amount=D(100))
    PaymentAttempt.objects.create(invoice=issued, number=1, status="failed", amount=D(620), currency="USD",
                                  scheduled_for=NOW, failure_code="card_declined")
    PayPageIntent.objects.create(invoice=issued, amount=D(620), currency="USD",
                                 stripe_payment_intent_id=f"pi_{suffix}", last_error="Your card was declined.")
    case = DunningCase.objects.create(invoice=issued, customer=customer, status="escalated", payment_score=D("0.4"))
    CollectionNote.objects.create(customer=customer, dunning_case=case, author="ann", text="Called, will pay.",
                                  promise_to_pay_on=dt.date(2026, 4, 20))
    PaymentHistoryRecord.objects.create(external_id=f"ch_{suffix}", customer=customer, invoice_reference="in_1",
                                        amount=D(720), currency="USD", attempted_at=NOW, outcome="failed",
                                        decline_code="insufficient_funds", decline_class="soft", source="api")
    DunningModel.objects.create(version=DunningModel.objects.count() + 1, status="ready",
                                metrics={"auc": 0.8, "replay": {"policy_recovery_estimated": 0.7,
                                         "fixed_day3_day7_recovery_estimated": 0.4, "invoices": 10}})
    note = CreditNote.objects.create(invoice=issued, customer=customer, number=f"CN-{suffix}-1", currency="USD",
                                     issue_date=dt.date(2026, 3, 10), reason="goodwill", subtotal=D(20), total=D(20),
                                     refund_amount=D(20))
    CreditNoteLine.objects.create(credit_note=note, invoice_line=issued.lines.get(), description="API calls",
                                  amount=D(20))
    Refund.objects.create(credit_note=note, payment=payment, customer=customer, amount=D(20), currency="USD",
                          method="bank_transfer", reason="goodwill")
    RevenueScheduleEntry.objects.create(
        invoice=issued, invoice_line=issued.lines.get(), customer=customer, pattern="ratable",
        period_start=dt.date(2026, 3, 1), period_end=dt.date(2026, 4, 1), amount=D(720), currency="USD",
    )
    account = Account.objects.create(code=f"9{len(suffix)}{suffix}"[:20], name=f"Test {suffix}", type="asset")
    entry = JournalEntry.objects.create(entry_date=dt.date(2026, 3, 1), memo="Invoice issued",
                                        source_key=f"invoice:{suffix}:issued", currency="USD", customer=customer)
    JournalLine.objects.create(entry=entry, account=account, debit=D(720))
    JournalLine.objects.create(entry=entry, account=Account.objects.get(code="4000"), credit=D(720))
    AuditEvent.objects.create(actor="tests", rule="tests.rule", action="tested", object_type="invoicing.invoice",
                              object_id=str(issued.pk), inputs={"a": 1}, outcome={"b": [1, 2]})
    StandaloneSellingPrice.objects.create(product_code=f"api-{suffix}", currency="USD", amount=D("0.004"),
                                          effective_from=dt.date(2026, 1, 1))
    plan = RevenueContract.objects.create(contract=contract, currency="USD", inception={"obligations": []})
    PerformanceObligation.objects.create(revenue_contract=plan, code="api", kind="usage", currency="USD")
    RevenueModification.objects.create(revenue_contract=plan, amendment_id=Amendment.objects.first().pk,
                                       effective_date=dt.date(2026, 3, 20), default_treatment="prospective",
                                       treatment="prospective", rule_reason="tests", change={})
    UsageAccrual.objects.create(contract=contract, contract_line_id=line.pk, line_code="api", customer=customer,
                                currency="USD", period_start=dt.date(2026, 3, 5), period_end=dt.date(2026, 4, 5),
                                window_start=dt.date(2026, 3, 5), through=dt.date(2026, 4, 1), amount=D(600),
                                accrued_on=dt.date(2026, 3, 31))
    ClosedPeriod.objects.get_or_create(month=dt.date(2020, 1, 1), defaults={"closed_by": "tests"})
    key = api_key_create(name=f"key {suffix}").api_key
    IdempotencyRecord.objects.create(api_key=key, key=f"idem-{suffix}", method="POST", path="/api/v1/events",
                                     request_hash="0" * 64, status_code=201, response_body={"ok": True})
    ContractDocument.objects.create(
        filename=f"order-{suffix}.txt", sha256=f"{suffix:0>64}"[:64], kind="text", status="approved",
        pages=[{"page": 1, "text": "Customer: Acme\nFee: $5 per month"}], extraction={"lines": []},
        evidence={"customer.name": {"page": 1, "text": "Customer: Acme"}}, confidence={"customer.name": 0.9},
        warnings=[{"field": "currency", "message": "assumed USD"}], customer=customer, contract=contract,
    )
    ReviewThreshold.objects.create(name=f"Over 1,000 {suffix}", min_amount=D(1000), customer=customer)
    ExchangeRate.objects.get_or_create(base_currency="USD", currency="EUR", rate_date=dt.date(2026, 3, 31),
                                       defaults={"rate": D("1.08")})
    AuditExport.objects.create(created_by="tests", format="csv", rows=1, sha256="0" * 64)
    StripeBalanceTransaction.objects.create(stripe_id=f"txn_{suffix}", type="charge", amount=D(100), fee=D("3.20"),
                                            net=D("96.80"), currency="USD", created=NOW, source=f"ch_{suffix}")
    StripePayout.objects.create(stripe_id=f"po_{suffix}", amount=D("96.80"), currency="USD", status="paid",
                                created=NOW)
    ClosePack.objects.get_or_create(period="2026-03", defaults={"status": "failed", "error": "tests"})
    ReconciliationFinding.objects.create(kind="stripe_charge_unmatched", reference=f"txn_{suffix}",
                                         message="No payment here.", evidence={"stripe": {"id": f"txn_{suffix}"}})
    audit_chain_seal()
    return {"customer": customer, "contract": contract, "draft": draft, "issued": issued, "case": case}


def test_every_registered_model_has_an_expectation() -> None:
    assert set(_our_models()) == set(ADD_ALLOWED)


@pytest.mark.parametrize("model", list(ADD_ALLOWED), ids=lambda m: m._meta.label)
def test_changelist_and_add_page(admin_client, model: type) -> None:
    _world("a")

    assert admin_client.get(_admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(_admin_url(model, "add")).status_code == (200 if ADD_ALLOWED[model] else 403)


def test_every_change_and_history_page_renders(admin_client) -> None:
    _world("a")

    for model in _our_models():
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, model
        response = admin_client.get(_admin_url(model, "change", obj.pk))
        assert response.status_code == 200, model
        if hasattr(model, "history"):
            assert admin_client.get(_admin_url(model, "history", obj.pk)).status_code == 200, model


def test_changelist_filters_and_searches_render(admin_client) -> None:
    _world("a")
    pages = [
        (Invoice, {"overdue": "yes"}), (Invoice, {"overdue": "1-30"}), (Invoice, {"q": "TEST-a-1"}),
        (Invoice, {"o": "7"}),  # sort by amount due (an annotation)
        (DunningCase, {"status__exact": "escalated", "promise": "pending"}), (DunningCase, {"promise": "broken"}),
        (CollectionNote, {"promise": "upcoming"}), (RevenueScheduleEntry, {"recognized": "no"}),
        (JournalEntry, {"lines__account__id__exact": Account.objects.get(code="4000").pk}),
        (UsageEvent, {"q": "cust-a"}), (AuditEvent, {"rule": "tests.rule"}),
    ]
    for model, query in pages:
        response = admin_client.get(_admin_url(model, "changelist"), query)
        assert response.status_code == 200, (model, query)
        assert "?e=1" not in response.get("Location", ""), (model, query)


def test_changelists_do_not_query_per_row(admin_client) -> None:
    _world("a")
    counts: dict[str, list[int]] = {}
    for suffix in ("b", "c"):
        for model in _our_models():
            url = _admin_url(model, "changelist")
            with CaptureQueriesContext(connection) as queries:
                assert admin_client.get(url).status_code == 200
            counts.setdefault(model._meta.label, []).append(len(queries))
        _world(suffix)

    grew = {label: n for label, n in counts.items() if n[0] != n[1]}
    assert grew == {}


def test_overdue_filter_lists_open_invoices_past_due(admin_client) -> None:
    world = _world("a")

    response = admin_client.get(_admin_url(Invoice, "changelist"), {"overdue": "yes"})

    listed = list(response.context["cl"].result_list)
    assert listed == [world["issued"]]


def test_finalise_action_issues_a_draft(admin_client) -> None:
    draft = _draft_invoice(_customer("a"))

    response = admin_client.post(
        _admin_url(Invoice, "changelist"), {"action": "finalize_drafts", "_selected_action": [draft.pk]}, follow=True
    )

    draft.refresh_from_db()
    assert draft.status == "open"
    assert draft.number
    assert draft.issue_date == timezone.localdate()
    assert AuditEvent.objects.filter(action="invoice_finalized", object_id=str(draft.pk), actor="admin").exists()
    assert any(f"Finalised 1 invoice(s): {draft.number}" in str(m) for m in response.context["messages"])


def test_finalise_action_reports_invoices_it_skips(admin_client) -> None:
    world = _world("a")

    response = admin_client.post(
        _admin_url(Invoice, "changelist"),
        {"action": "finalize_drafts", "_selected_action": [world["issued"].pk]}, follow=True,
    )

    assert any("Skipped 1 invoice(s)" in str(m) for m in response.context["messages"])


def test_void_and_resend_actions_call_services(admin_client) -> None:
    customer = _customer("a")
    to_void = _draft_invoice(customer)
    to_send = _draft_invoice(customer, billing_date=dt.date(2026, 5, 5))
    changelist = _admin_url(Invoice, "changelist")
    admin_client.post(changelist, {"action": "finalize_drafts", "_selected_action": [to_send.pk]})

    admin_client.post(changelist, {"action": "void_invoices", "_selected_action": [to_void.pk]})
    response = admin_client.post(changelist, {"action": "resend_email", "_selected_action": [to_send.pk]}, follow=True)

    to_void.refresh_from_db()
    to_send.refresh_from_db()
    assert to_void.status == "void"
    assert to_send.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a@x.test"]
    assert any("Emailed 1 invoice(s)" in str(m) for m in response.context["messages"])


def test_issued_invoice_is_read_only(admin_client) -> None:
    world = _world("a")
    issued: Invoice = world["issued"]  # type: ignore[assignment]

    page = admin_client.get(_admin_url(Invoice, "change", issued.pk))
    post = admin_client.post(_admin_url(Invoice, "change", issued.pk), {"auto_send": ""})

    assert 'name="_save"' not in page.content.decode()
    assert "/pay/" in page.content.decode()  # the signed pay page and PDF links
    assert post.status_code == 403


def test_history_revert_is_refused(admin_client) -> None:
    world = _world("a")
    draft: Invoice = world["draft"]  # type: ignore[assignment]
    version = draft.history.earliest()
    url = _admin_url(Invoice, "simple_history", draft.pk, version.history_id)

    page = admin_client.get(url)
    response = admin_client.post(url, {"auto_send": "on"})

    assert page.status_code == 200
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.history.count() == 1


def test_audit_events_cannot_be_added_changed_or_deleted(admin_client, rf, admin_user) -> None:
    event = AuditEvent.objects.create(actor="tests", rule="r", action="a", object_type="x.y", object_id="1")
    model_admin = admin.site._registry[AuditEvent]
    request = rf.get("/")
    request.user = admin_user

    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, event)
    assert not model_admin.has_delete_permission(request, event)
    assert admin_client.post(_admin_url(AuditEvent, "delete", event.pk), {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_audit_changelist_links_the_export(admin_client) -> None:
    response = admin_client.get(_admin_url(AuditEvent, "changelist"))

    assert reverse("audit-export") in response.content.decode()
    assert "Export full audit trail (CSV)" in response.content.decode()


def test_payment_entered_in_admin_is_recorded_by_the_service(admin_client) -> None:
    world = _world("a")
    issued: Invoice = world["issued"]  # type: ignore[assignment]

    response = admin_client.post(_admin_url(Payment, "add"), {
        "invoice": issued.pk, "amount": "620.00", "method": "bank_transfer",
        "received_at_0": "2026-04-06", "received_at_1": "10:00:00", "reference": "WIRE-1",
    })

    assert response.status_code == 302, response.context["adminform"].form.errors
    payment = Payment.objects.get(reference="WIRE-1")
    issued.refresh_from_db()
    assert payment.customer_id == issued.customer_id
    assert payment.allocations.get().invoice_id == issued.pk
    assert issued.status == "paid"
    assert DunningCase.objects.get(invoice=issued).status == "recovered"
    assert admin_client.post(_admin_url(Payment, "change", payment.pk), {}).status_code == 403


def test_payment_larger_than_amount_due_is_refused(admin_client) -> None:
    world = _world("a")

    response = admin_client.post(_admin_url(Payment, "add"), {
        "invoice": world["issued"].pk, "amount": "9999", "method": "check",  # type: ignore[attr-defined]
        "received_at_0": "2026-04-06", "received_at_1": "10:00:00", "reference": "TOO-MUCH",
    })

    assert response.status_code == 200
    assert not Payment.objects.filter(reference="TOO-MUCH").exists()


@pytest.mark.parametrize("role", [None, roles.AR_ANALYST])
def test_note_added_on_a_dunning_case_gets_author_and_customer(client, admin_user, role: str | None) -> None:
    world = _world("a")
    case: DunningCase = world["case"]  # type: ignore[assignment]
    user = admin_user if role is None else _staff_in(role)
    client.force_login(user)
    prefix_list, prefix_add = "notes", "notes-2"
    data = {
        f"{prefix_list}-TOTAL_FORMS": "1", f"{prefix_list}-INITIAL_FORMS": "1",
        f"{prefix_list}-MIN_NUM_FORMS": "0", f"{prefix_list}-MAX_NUM_FORMS": "0",
        f"{prefix_list}-0-id": str(case.notes.get().pk), f"{prefix_list}-0-dunning_case": str(case.pk),
        f"{prefix_add}-TOTAL_FORMS": "1", f"{prefix_add}-INITIAL_FORMS": "0",
        f"{prefix_add}-MIN_NUM_FORMS": "0", f"{prefix_add}-MAX_NUM_FORMS": "1000",
        f"{prefix_add}-0-text": "Promised to wire on Friday.", f"{prefix_add}-0-promise_to_pay_on": "2026-04-24",
        f"{prefix_add}-0-dunning_case": str(case.pk),
    }

    response = client.post(_admin_url(DunningCase, "change", case.pk), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    note = CollectionNote.objects.get(text="Promised to wire on Friday.")
    assert (note.author, note.customer_id, note.dunning_case_id) == (user.username, case.customer_id, case.pk)
    assert note.promise_to_pay_on == dt.date(2026, 4, 24)
    assert case.notes.count() == 2
    case.refresh_from_db()
    assert case.status == "escalated"
    # The page saved the note; the promise to pay paused the case's retries (issue 9), nothing else.
    assert case.is_paused
    assert case.history.count() == 2


def test_contract_added_in_admin_is_created_with_its_lines_by_the_service(admin_client) -> None:
    customer = _customer("a")
    line = {
        "code": "platform", "description": "Platform fee", "charge_model": "flat", "metric": "", "sort_order": "0",
        "billing_interval": "month", "billing_interval_count": "1", "billing_timing": "in_advance",
        "amount": "500.00", "included_units": "0", "tiers": "[]", "tier_basis": "period", "free_units": "0",
        "fixed_fee": "0",
    }
    data = {
        "customer": customer.pk, "external_id": "contract-admin", "start_date": "2026-03-05", "currency": "USD",
        "billing_alignment": "anniversary", "status": "active", "auto_send": "on",
        "minimum_commitment_period": "billing_period", "minimum_commitment_lines": "[]",
        "lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "0", "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        **{f"lines-0-{k}": v for k, v in line.items()},
    }

    response = admin_client.post(_admin_url(Contract, "add"), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    contract = Contract.objects.get(external_id="contract-admin")
    assert [(li.code, li.amount) for li in contract.lines.all()] == [("platform", D("500.00"))]
    assert AuditEvent.objects.filter(action="contract_created", object_id=str(contract.pk), actor="admin").exists()


def test_customer_added_in_admin_is_created_by_the_service(admin_client) -> None:
    data = {
        "name": "Globex", "external_id": "globex", "email": "ap@globex.test", "currency": "EUR",
        "payment_terms_days": "30", "timezone": "Europe/Berlin", "locale": "de_DE",
        "contacts-TOTAL_FORMS": "1", "contacts-INITIAL_FORMS": "0", "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000", "contacts-0-name": "Hank", "contacts-0-email": "hank@globex.test",
    }

    response = admin_client.post(_admin_url(Customer, "add"), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    customer = Customer.objects.get(external_id="globex")
    assert list(customer.contacts.values_list("email", flat=True)) == ["hank@globex.test"]
    assert AuditEvent.objects.filter(action="customer_created", object_id=str(customer.pk), actor="admin").exists()


def test_api_keys_have_no_add_form_but_can_be_deactivated(admin_client) -> None:
    key = api_key_create(name="ci").api_key

    response = admin_client.post(
        _admin_url(ApiKey, "changelist"), {"action": "deactivate", "_selected_action": [key.pk]}
    )

    key.refresh_from_db()
    assert response.status_code == 302
    assert key.is_active is False
    assert "create_api_key" in admin_client.get(_admin_url(ApiKey, "changelist")).content.decode()


def test_overdue_is_counted_in_the_customers_time_zone(admin_client) -> None:
    east = Customer.objects.create(external_id="east", name="East", email="e@x.test", timezone="Pacific/Kiritimati")
    west = Customer.objects.create(external_id="west", name="West", email="w@x.test", timezone="Pacific/Pago_Pago")
    due = {"status": "open", "due_date": dt.date(2026, 4, 9)}
    late = _draft_invoice(east, number="EAST-1", **due)
    _draft_invoice(west, number="WEST-1", **due)

    # Apr 10, 06:00 UTC: already Apr 10 in Kiritimati (UTC+14), still Apr 9 in Pago Pago (UTC-11).
    with time_machine.travel(dt.datetime(2026, 4, 10, 6, 0, tzinfo=dt.UTC), tick=False):
        listed = admin_client.get(_admin_url(Invoice, "changelist"), {"overdue": "yes"}).context["cl"].result_list
        bucket = admin_client.get(_admin_url(Invoice, "changelist"), {"overdue": "1-30"}).context["cl"].result_list

    assert list(listed) == [late]
    assert list(bucket) == [late]


def _staff_in(role: str) -> User:
    user = User.objects.create_user(username=role.lower().replace(" ", "-"), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.mark.parametrize("role", [roles.BILLING_ADMIN, roles.AR_ANALYST, roles.CFO, roles.AUDITOR])
def test_roles_see_the_pages_their_permissions_allow(client, role: str) -> None:
    _world("a")
    user = _staff_in(role)
    client.force_login(user)

    for model in _our_models():
        opts = model._meta
        may_view = user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
            f"{opts.app_label}.change_{opts.model_name}"
        )
        response = client.get(_admin_url(model, "changelist"))
        assert response.status_code == (200 if may_view else 403), (role, opts.label)
        obj = model._default_manager.order_by("pk").first()
        response = client.get(_admin_url(model, "change", obj.pk))
        assert response.status_code == (200 if may_view else 403), (role, opts.label)


def test_only_billing_admins_get_the_invoice_actions(client) -> None:
    _world("a")
    for role, expected in [(roles.BILLING_ADMIN, True), (roles.AR_ANALYST, False), (roles.AUDITOR, False)]:
        client.force_login(_staff_in(role))
        page = client.get(_admin_url(Invoice, "changelist")).content.decode()
        assert ('value="finalize_drafts"' in page) is expected, role


def test_auditor_cannot_change_or_revert(client) -> None:
    world = _world("a")
    customer: Customer = world["customer"]  # type: ignore[assignment]
    client.force_login(_staff_in(roles.AUDITOR))
    version = customer.history.earliest()

    change = client.post(_admin_url(Customer, "change", customer.pk), {"name": "Hacked"})
    revert = client.post(_admin_url(Customer, "simple_history", customer.pk, version.history_id), {"name": "Hacked"})

    assert (change.status_code, revert.status_code) == (403, 403)
    customer.refresh_from_db()
    assert customer.name == "Customer a"


def test_retry_payment_reports_when_there_is_nothing_to_collect(admin_client) -> None:
    world = _world("a")  # the customer has no saved card, and Stripe is off in tests

    response = admin_client.post(
        _admin_url(DunningCase, "changelist"),
        {"action": "retry_payment", "_selected_action": [world["case"].pk]}, follow=True,  # type: ignore[attr-defined]
    )

    assert any("nothing to collect automatically" in str(m) for m in response.context["messages"])
    assert PaymentAttempt.objects.count() == 1


def test_retry_payment_charges_the_saved_card(admin_client, stripe_on) -> None:
    world = _world("a")
    customer_card_attach(customer=world["customer"], card_number="4242424242424242")  # type: ignore[arg-type]
    issued: Invoice = world["issued"]  # type: ignore[assignment]

    response = admin_client.post(
        _admin_url(DunningCase, "changelist"),
        {"action": "retry_payment", "_selected_action": [world["case"].pk]}, follow=True,  # type: ignore[attr-defined]
    )

    issued.refresh_from_db()
    assert issued.status == "paid"
    assert PaymentAttempt.objects.get(invoice=issued, number=2).status == "succeeded"
    assert any("attempt 2 succeeded, $620.00 collected" in str(m) for m in response.context["messages"])
