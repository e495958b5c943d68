"""Demo data built through the real services (API-shaped contracts, usage events, billing runs,
Stripe charges against localstripe), so the admin shows what production would."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from access.roles import AR_ANALYST, AUDITOR, BILLING_ADMIN, CFO, apply_roles
from billing_site.celery import app as celery_app
from contracts.api.serializers import ContractWriteSerializer
from contracts.models import Contract, Customer
from contracts.services import contract_create, customer_card_attach
from integrations import stripe_gateway
from invoicing.choices import CreditNoteReason, InvoiceStatus
from invoicing.credit_notes.services import credit_note_issue
from invoicing.drafting.billing_run import billing_run_execute
from invoicing.models import Invoice, TaxRate
from metering.models import Meter
from metering.services import usage_events_record
from receivables.choices import PaymentMethod
from receivables.models import CollectionNote, DunningCase
from receivables.services import payment_record
from revrec.services import revenue_recognize_due

ACTOR = "demo:load_demo"


@dataclass(frozen=True)
class DemoCustomer:
    external_id: str
    name: str
    email: str
    timezone: str
    city: str
    country: str
    card: str | None  # None: pays by bank transfer
    terms: int
    lines: list[dict[str, Any]]
    daily_usage: dict[str, int]  # meter code -> typical events per day (quantity)
    region: str = ""  # state or province: picks the tax rate with the country
    tax_exemption_certificate: str = ""  # set: the customer is tax exempt
    auto_send: bool = True  # off: every invoice waits in the admin's review queue
    currency: str = "USD"
    locale: str = "en_US"
    months: int | None = None  # a later start: this many closed monthly periods (None: the demo's span)


# (name, country, region, percentage): what the admin's tax rates page starts with.
TAX_RATES = [
    ("CA sales tax", "US", "CA", "7.25"),
    ("NY sales tax", "US", "NY", "8.875"),
    ("VAT", "DE", "", "19"),
]

METERS = [
    {"code": "api_calls", "name": "API calls", "aggregation": "sum", "unit_label": "API calls"},
    {"code": "transactions", "name": "Transactions", "aggregation": "count", "unit_label": "transactions"},
    {"code": "storage_gb", "name": "Storage (GB, peak)", "aggregation": "max", "unit_label": "GB"},
]

CUSTOMERS = [
    DemoCustomer(
        "acme",
        "Acme Inc.",
        "billing@acme.test",
        "America/New_York",
        "New York",
        "US",
        "4242424242424242",
        0,
        [
            {
                "code": "api",
                "description": "API calls",
                "charge_model": "per_unit",
                "metric": "api_calls",
                "unit_price": "0.004",
                "minimum_amount": "200.00",
            }
        ],
        {"api_calls": 6000},
        region="NY",  # taxed: NY sales tax 8.875% on every line
    ),
    DemoCustomer(
        "globex",
        "Globex Corporation",
        "ap@globex.test",
        "Europe/London",
        "London",
        "GB",
        "4242424242424242",
        15,
        [
            {
                "code": "platform",
                "description": "Platform fee",
                "charge_model": "flat",
                "amount": "500.00",
                "billing_timing": "in_advance",
            },
            {
                "code": "api",
                "description": "API calls",
                "charge_model": "graduated",
                "metric": "api_calls",
                "tiers": [
                    {"up_to": "100000", "unit_price": "0.002"},
                    {"up_to": "1000000", "unit_price": "0.0015"},
                    {"up_to": None, "unit_price": "0.001"},
                ],
            },
        ],
        {"api_calls": 15000},
    ),
    DemoCustomer(
        "initech",
        "Initech LLC",
        "finance@initech.test",
        "America/Chicago",
        "Austin",
        "US",
        "4000000000000341",
        0,
        [
            {
                "code": "base",
                "description": "Base fee",
                "charge_model": "flat",
                "amount": "1000.00",
                "billing_timing": "in_advance",
            },
            {
                "code": "txn",
                "description": "Transactions",
                "charge_model": "per_unit",
                "metric": "transactions",
                "unit_price": "0.05",
                "included_units": "10000",
            },
        ],
        {"transactions": 420},
    ),
    DemoCustomer(
        "umbrella",
        "Umbrella Health",
        "payables@umbrella.test",
        "America/Los_Angeles",
        "San Diego",
        "US",
        None,
        30,
        [
            {
                "code": "seats",
                "description": "Seats",
                "charge_model": "per_seat",
                "unit_price": "50.00",
                "seats": "20",
                "billing_timing": "in_advance",
            }
        ],
        {},
        region="CA",
        tax_exemption_certificate="CA-EXEMPT-UMB-2026",  # a nonprofit: exempt despite the CA rate
    ),
    DemoCustomer(
        "hooli",
        "Hooli Europe GmbH",
        "rechnungen@hooli.test",
        "Europe/Berlin",
        "Berlin",
        "DE",
        None,
        14,
        [
            {
                "code": "platform",
                "description": "Platform fee",
                "charge_model": "flat",
                "amount": "900.00",
                "billing_timing": "in_advance",
            },
            {
                "code": "api",
                "description": "API calls",
                "charge_model": "graduated",
                "metric": "api_calls",
                "tiers": [
                    {"up_to": "100000", "unit_price": "0.005"},
                    {"up_to": None, "unit_price": "0.003"},
                ],
            },
        ],
        {"api_calls": 5200},
        auto_send=False,  # a new enterprise account: its first invoice waits in the review queue
        currency="EUR",
        locale="de_DE",  # VAT 19%, euros formatted the German way
        months=1,
    ),
]

DEMO_USERS = [("billing", BILLING_ADMIN), ("ar", AR_ANALYST), ("cfo", CFO), ("auditor", AUDITOR)]


def _meters() -> None:
    for meter in METERS:
        Meter.objects.get_or_create(code=meter["code"], defaults=meter)


def _tax_rates() -> None:
    for name, country, region, percentage in TAX_RATES:
        TaxRate.objects.get_or_create(
            country=country, region=region, active=True, defaults={"name": name, "percentage": percentage}
        )


def _customer(spec: DemoCustomer, start: dt.date) -> Customer:
    customer, _ = Customer.objects.get_or_create(
        external_id=spec.external_id,
        defaults={
            "name": spec.name,
            "email": spec.email,
            "timezone": spec.timezone,
            "city": spec.city,
            "country": spec.country,
            "payment_terms_days": spec.terms,
            "address_line1": "1 Demo Street",
            "auto_send": spec.auto_send,
            "currency": spec.currency,
            "locale": spec.locale,
        },
    )
    tax_place = {
        "city": spec.city,
        "region": spec.region,
        "tax_exempt": bool(spec.tax_exemption_certificate),
        "tax_exemption_certificate": spec.tax_exemption_certificate,
    }
    if any(getattr(customer, field) != value for field, value in tax_place.items()):
        for field, value in tax_place.items():  # a demo database loaded before taxes existed
            setattr(customer, field, value)
        customer.save()
    if not Contract.objects.filter(external_id=f"{spec.external_id}-demo").exists():
        serializer = ContractWriteSerializer(
            data={
                "customer": spec.external_id,
                "external_id": f"{spec.external_id}-demo",
                "start_date": start.isoformat(),
                "lines": spec.lines,
            }
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        contract_create(customer=data.pop("customer"), lines=data.pop("lines"), actor=ACTOR, **data)
    if spec.card and stripe_gateway.is_configured():
        stale = customer.stripe_customer_id and not stripe_gateway.customer_exists(customer.stripe_customer_id)
        if stale:
            customer.stripe_customer_id = ""  # localstripe keeps nothing across restarts
        if stale or not customer.stripe_payment_method_id:
            customer_card_attach(customer=customer, card_number=spec.card, actor=ACTOR)
    return customer


def _usage(spec: DemoCustomer, start: dt.date, now: dt.datetime) -> int:
    rng = random.Random(spec.external_id)
    events = []
    day = start
    while day < now.date():
        for code, per_day in spec.daily_usage.items():
            growth = 1 + (day - start).days / 240  # usage grows over the months
            quantity = int(per_day * growth * rng.uniform(0.7, 1.3))
            at = dt.datetime.combine(day, dt.time(15, 0), tzinfo=dt.UTC)
            if code == "transactions":  # count meter: one event per transaction, batched per day
                events += [
                    {
                        "idempotency_key": f"demo-{spec.external_id}-{code}-{day}-{i}",
                        "customer": spec.external_id,
                        "metric": code,
                        "timestamp": at.isoformat(),
                    }
                    for i in range(quantity)
                ]
            else:
                events.append(
                    {
                        "idempotency_key": f"demo-{spec.external_id}-{code}-{day}",
                        "customer": spec.external_id,
                        "metric": code,
                        "timestamp": at.isoformat(),
                        "quantity": str(quantity),
                    }
                )
        day += dt.timedelta(days=1)
    accepted = 0
    for offset in range(0, len(events), 10_000):
        accepted += usage_events_record(events=events[offset : offset + 10_000], now=now).accepted
    return accepted


def _bank_transfers(customer: Customer) -> int:
    """Umbrella pays by bank transfer: everything but its latest invoice is paid."""
    open_invoices = list(Invoice.objects.filter(customer=customer, status=InvoiceStatus.OPEN).order_by("billing_date"))
    for invoice in open_invoices[:-1]:
        received = timezone.make_aware(dt.datetime.combine(invoice.due_date or invoice.billing_date, dt.time(16)))
        payment_record(
            invoice=invoice,
            amount=invoice.amount_due,
            method=PaymentMethod.BANK_TRANSFER,
            received_at=received,
            reference=f"WIRE-{invoice.number}",
            actor=ACTOR,
        )
    return max(len(open_invoices) - 1, 0)


def _sla_credit() -> int:
    """An SLA credit on Acme's latest issued invoice: a partial credit note. Paid (the card was
    charged through localstripe), it is refunded to the card; still open, it lowers the amount due."""
    issued = Invoice.objects.filter(customer__external_id="acme", status__in=[InvoiceStatus.OPEN, InvoiceStatus.PAID])
    invoice = issued.order_by("-billing_date").first()
    if invoice is None:
        return 0
    credit_note_issue(
        invoice_id=invoice.pk,
        amount="100.00",
        reason=CreditNoteReason.SERVICE_ISSUE,
        memo="SLA credit: API availability under 99.9% in the period (outage of 4 h 12 min).",
        actor=ACTOR,
        idempotency_key=f"demo-sla-credit-{invoice.pk}",
    )
    return 1


def _users() -> list[tuple[str, str]]:
    apply_roles(django_apps)
    User = get_user_model()
    created = []
    for username, role in DEMO_USERS:
        user, new = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        if new:
            user.set_password(username)
            user.save()
        user.groups.set([Group.objects.get(name=role)])
        created.append((username, role))
    return created


def load_demo(*, months: int = 4) -> dict[str, Any]:
    """Idempotent: rerunning adds nothing that is already there (events by key, invoices by date)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True  # run the whole flow inline, with no worker needed
    try:
        now = timezone.now()
        start = (now - relativedelta(months=months)).date().replace(day=5)
        _meters()
        _tax_rates()
        summary: dict[str, Any] = {"events": 0}
        for spec in CUSTOMERS:
            # A later start ends the day before yesterday's month mark: exactly `months` closed periods.
            spec_start = start if spec.months is None else now.date() - relativedelta(months=spec.months, days=1)
            _customer(spec, spec_start)
            summary["events"] += _usage(spec, spec_start, now)
        run = billing_run_execute(as_of=now, actor=ACTOR)
        summary["invoices_created"] = run.invoices_created
        summary["bank_transfers"] = _bank_transfers(Customer.objects.get(external_id="umbrella"))
        summary["revenue_entries_recognised"] = revenue_recognize_due(as_of=now.date())
        case = DunningCase.objects.filter(customer__external_id="initech").first()
        if case and not case.notes.exists():
            with transaction.atomic():
                CollectionNote.objects.create(
                    customer=case.customer,
                    dunning_case=case,
                    author="ar",
                    text="Called Initech AP: card expired, new card promised by Friday.",
                    promise_to_pay_on=(now + dt.timedelta(days=4)).date(),
                )
        summary["credit_notes"] = _sla_credit()
        summary["users"] = _users()
        summary["invoices_total"] = Invoice.objects.count()
        summary["dunning_cases"] = DunningCase.objects.count()
        return summary
    finally:
        celery_app.conf.task_always_eager = previous
