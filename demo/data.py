"""Demo data built through the real services (API-shaped contracts, usage events, billing runs,
Stripe charges against localstripe), so the admin shows what production would."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from access.roles import AR_ANALYST, AUDITOR, BILLING_ADMIN, CFO, apply_roles
from audit.sealing import audit_chain_seal
from billing_site.celery import app as celery_app
from billing_site.queue import task_enqueue
from contracts.api.serializers import ContractWriteSerializer
from contracts.models import Contract, Customer
from contracts.services import contract_create, customer_card_attach
from integrations import stripe_gateway
from invoicing.choices import CreditNoteReason, InvoiceStatus, ReviewStatus
from invoicing.credit_notes.services import credit_note_issue
from invoicing.drafting.billing_run import billing_run_execute
from invoicing.models import Invoice, TaxRate
from invoicing.services import invoice_approve, invoice_finalize
from metering.models import Meter
from metering.services import usage_events_record
from receivables.choices import DunningStatus, PaymentMethod
from receivables.models import CollectionNote, DunningCase
from receivables.services import payment_record
from reporting.models import ExchangeRate
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
    pays_late_days: int = 0  # bank transfer: paid this many days after the due date
    stops_paying_after: int | None = None  # bank transfer: pays only its first N invoices (a dispute)
    ends_months_ago: int | None = None  # the contract ended this many months ago (churn)
    # A card that hits its limit at the start of each month: the invoice's first charge is declined,
    # the customer puts this card on file within the week, and the dunning retry recovers it.
    replacement_card: str | None = None


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
        "4000000000000341",
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
        replacement_card="4242424242424242",
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
        pays_late_days=12,  # pays by wire, about two weeks after the due date
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
        months=3,  # signed three months ago; the billing admin reviewed and issued all but the latest
    ),
    DemoCustomer(
        "stark",
        "Stark Logistics",
        "accounts.payable@stark.test",
        "America/Denver",
        "Denver",
        "US",
        None,
        30,
        [
            {
                "code": "fleet",
                "description": "Fleet platform",
                "charge_model": "flat",
                "amount": "2400.00",
                "billing_timing": "in_advance",
            }
        ],
        {},
        region="CO",
        stops_paying_after=2,  # disputes the fleet fee since its third month: aging in every bucket
    ),
    DemoCustomer(
        "vandelay",
        "Vandelay Industries",
        "imports@vandelay.test",
        "America/New_York",
        "New York",
        "US",
        None,
        15,
        [
            {
                "code": "platform",
                "description": "Platform fee",
                "charge_model": "flat",
                "amount": "750.00",
                "billing_timing": "in_advance",
            }
        ],
        {},
        region="NJ",
        ends_months_ago=2,  # churned: its contract ended two months ago
    ),
    DemoCustomer(
        "piedpiper",
        "Pied Piper",
        "richard@piedpiper.test",
        "America/Los_Angeles",
        "Palo Alto",
        "US",
        None,
        10,
        [
            {
                "code": "platform",
                "description": "Platform fee",
                "charge_model": "flat",
                "amount": "300.00",
                "billing_timing": "in_advance",
            }
        ],
        {},
        region="CA",
        months=2,  # a new customer this quarter: new MRR
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


def _customer(spec: DemoCustomer, start: dt.date, end: dt.date | None = None) -> Customer:
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
                **({"end_date": end.isoformat()} if end else {}),
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


def _usage(spec: DemoCustomer, start: dt.date, now: dt.datetime, since: dt.date | None = None) -> int:
    """The customer's daily usage from ``since`` (default: the contract's start) to yesterday."""
    rng = random.Random(spec.external_id)
    events = []
    day = start
    while day < now.date():
        if since is not None and day < since:
            for _ in spec.daily_usage:
                rng.uniform(0.7, 1.3)  # the same draws as a single load: the same quantities
            day += dt.timedelta(days=1)
            continue
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


def _bank_transfers(spec: DemoCustomer, now: dt.datetime) -> int:
    """A bank-transfer customer's wires received by ``now``: each invoice paid ``pays_late_days``
    after its due date (so the latest is still open), except those after ``stops_paying_after``."""
    invoices = Invoice.objects.filter(customer__external_id=spec.external_id).exclude(
        status__in=[InvoiceStatus.DRAFT, InvoiceStatus.VOID]
    )
    paid = 0
    for index, invoice in enumerate(invoices.order_by("billing_date", "pk")):
        if invoice.status != InvoiceStatus.OPEN or invoice.amount_due <= 0:
            continue
        if spec.stops_paying_after is not None and index >= spec.stops_paying_after:
            continue
        day = (invoice.due_date or invoice.billing_date) + dt.timedelta(days=spec.pays_late_days)
        received = dt.datetime.combine(day, dt.time(16), tzinfo=dt.UTC)
        if received > now:
            continue
        payment_record(
            invoice=invoice,
            amount=invoice.amount_due,
            method=PaymentMethod.BANK_TRANSFER,
            received_at=received,
            reference=f"WIRE-{invoice.number}",
            actor=ACTOR,
        )
        paid += 1
    return paid


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


def _exchange_rates(start: dt.date, now: dt.datetime) -> int:
    """Month-end EUR and GBP rates against USD (editable in the admin, as a finance team keeps them),
    so the CFO dashboard converts Hooli's euros into the reporting currency."""
    made = 0
    day = start.replace(day=1) - dt.timedelta(days=1)
    index = 0
    while day <= now.date():
        for currency, base_rate, drift in (("EUR", Decimal("1.0820"), Decimal("0.0035")),
                                           ("GBP", Decimal("1.2640"), Decimal("0.0020"))):
            _, new = ExchangeRate.objects.get_or_create(
                base_currency="USD", currency=currency, rate_date=day,
                defaults={"rate": base_rate + drift * (index % 4), "source": "demo (ECB reference rate)"},
            )
            made += new
        index += 1
        day = (day + dt.timedelta(days=1)).replace(day=1) + relativedelta(months=1) - dt.timedelta(days=1)
    return made


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


def _spec_start(spec: DemoCustomer, start: dt.date, now: dt.datetime) -> dt.date:
    # A later start ends the day before yesterday's month mark: exactly `months` closed periods.
    return start if spec.months is None else max(start, now.date() - relativedelta(months=spec.months, days=1))


def _spec_end(spec: DemoCustomer, start: dt.date, now: dt.datetime) -> dt.date | None:
    """A churned customer's end date (none when the demo's span is too short to show it)."""
    if spec.ends_months_ago is None:
        return None
    end = now.date().replace(day=1) - relativedelta(months=spec.ends_months_ago)
    return end if end > start + relativedelta(months=1) else None


def _issue_drafts(*, reviewed_until: dt.date) -> None:
    """What the billing admin does with the review queue: issues the drafts waiting for a person that
    were billed on or before ``reviewed_until``. Automatic drafts finalise by themselves after the
    billing run commits; this issues them now too (idempotent) so the step's payments see them."""
    drafts = Invoice.objects.filter(status=InvoiceStatus.DRAFT).exclude(review_status=ReviewStatus.HELD)
    for invoice in drafts.order_by("billing_date", "pk"):
        if invoice.review_status == ReviewStatus.PENDING:
            if invoice.billing_date <= reviewed_until:
                invoice_approve(invoice_id=invoice.pk, actor="billing")
        else:
            invoice_finalize(invoice_id=invoice.pk)


STEP_DAYS = (5, 13, 21)  # the history's clock stops on these days of each month (the 5th: billing day)


def _steps(start: dt.date, now: dt.datetime) -> list[dt.datetime]:
    steps, month = [], start.replace(day=1)
    while month <= now.date():
        for day in STEP_DAYS:
            moment = dt.datetime.combine(month.replace(day=day), dt.time(9), tzinfo=dt.UTC)
            if start <= moment.date() < now.date():
                steps.append(moment)
        month += relativedelta(months=1)
    return steps


def _history(start: dt.date, now: dt.datetime, starts: dict[str, dt.date], ends: dict[str, dt.date | None]) -> None:
    """The months before today on a frozen clock, three stops a month: usage, billing runs, the
    review queue, wires, card retries and reminders, revenue recognition, each dated when it happened."""
    import time_machine  # requirements.txt: the demo replays its history on a frozen clock

    last_usage: dict[str, dt.date] = {}
    for moment in _steps(start, now):
        with time_machine.travel(moment, tick=True):
            for spec in CUSTOMERS:
                spec_start = starts[spec.external_id]
                if spec_start > moment.date():
                    continue
                if spec.external_id not in last_usage:
                    _customer(spec, spec_start, ends[spec.external_id])
                _usage(spec, spec_start, moment, since=last_usage.get(spec.external_id))
                last_usage[spec.external_id] = moment.date()
            billing_run_execute(as_of=moment, actor=ACTOR)
            # Reviewed a few days after billing; the last month's draft stays in the queue for the demo.
            _issue_drafts(reviewed_until=min(moment.date() - dt.timedelta(days=3), now.date() - dt.timedelta(days=25)))
            for spec in CUSTOMERS:
                if spec.card is None:
                    _bank_transfers(spec, moment)
            _card_replacements(moment)
            task_enqueue("receivables.tasks.payment_retries_due_task")
            task_enqueue("receivables.tasks.dunning_reminders_due_task")
            revenue_recognize_due(as_of=moment.date())
            _card_limits_reset(moment)


def _card_replacements(moment: dt.datetime) -> None:
    """A customer with a replacement card puts it on file once its invoice's charge was declined
    (a few days after the decline), so the dunning retry that follows recovers the invoice."""
    if not stripe_gateway.is_configured():
        return
    for spec in CUSTOMERS:
        if spec.replacement_card is None:
            continue
        open_case = DunningCase.objects.filter(
            customer__external_id=spec.external_id, status=DunningStatus.OPEN,
            opened_at__lte=moment - dt.timedelta(days=3),
        ).exists()
        if open_case:
            customer = Customer.objects.get(external_id=spec.external_id)
            customer_card_attach(customer=customer, card_number=spec.replacement_card, actor=ACTOR)


def _card_limits_reset(moment: dt.datetime) -> None:
    """Late in the month the card on file is the one that hits its limit again (next month's
    first charge is declined)."""
    if not stripe_gateway.is_configured() or moment.day < 20:
        return
    for spec in CUSTOMERS:
        if spec.replacement_card is None or spec.card is None:
            continue
        if not DunningCase.objects.filter(customer__external_id=spec.external_id, status=DunningStatus.OPEN).exists():
            customer_card_attach(customer=Customer.objects.get(external_id=spec.external_id), card_number=spec.card,
                                 actor=ACTOR)


def load_demo(*, months: int = 7) -> dict[str, Any]:
    """Idempotent: rerunning adds nothing that is already there (events by key, invoices by date).

    The first load plays the last ``months`` months on a frozen clock, so invoices, payments, dunning
    cases and ledger entries carry their real dates: the AR aging has every bucket and the CFO charts
    have months of MRR movements, billings and collections."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True  # run the whole flow inline, with no worker needed
    try:
        now = timezone.now()
        start = (now - relativedelta(months=months)).date().replace(day=5)
        _meters()
        _tax_rates()
        summary: dict[str, Any] = {"events": 0}
        starts = {spec.external_id: _spec_start(spec, start, now) for spec in CUSTOMERS}
        ends = {spec.external_id: _spec_end(spec, start, now) for spec in CUSTOMERS}
        if not Invoice.objects.filter(customer__external_id__in=list(starts)).exists():
            _history(start, now, starts, ends)
        for spec in CUSTOMERS:
            _customer(spec, starts[spec.external_id], ends[spec.external_id])
            # The history recorded the usage up to its last stop; the week since (all of it on a rerun: by key).
            summary["events"] += _usage(spec, starts[spec.external_id], now, since=now.date() - dt.timedelta(days=9))
        run = billing_run_execute(as_of=now, actor=ACTOR)
        summary["invoices_created"] = run.invoices_created
        summary["bank_transfers"] = sum(_bank_transfers(spec, now) for spec in CUSTOMERS if spec.card is None)
        summary["revenue_entries_recognised"] = revenue_recognize_due(as_of=now.date())
        case = DunningCase.objects.filter(customer__external_id="initech").order_by("-opened_at").first()
        if case and not case.notes.exists():
            with transaction.atomic():
                CollectionNote.objects.create(
                    customer=case.customer,
                    dunning_case=case,
                    author="ar",
                    text="Called Initech AP: card expired, new card promised by Friday.",
                    promise_to_pay_on=(now + dt.timedelta(days=4)).date(),
                )
        stark = Customer.objects.filter(external_id="stark").first()
        if stark and not CollectionNote.objects.filter(customer=stark).exists():
            CollectionNote.objects.create(
                customer=stark, author="ar",
                text="Stark disputes the fleet fee since the vehicle count dropped; escalated to their CFO.",
            )
        summary["credit_notes"] = _sla_credit()
        summary["exchange_rates"] = _exchange_rates(start, now)
        summary["users"] = _users()
        summary["invoices_total"] = Invoice.objects.count()
        summary["dunning_cases"] = DunningCase.objects.count()
        # The auditor's chain check shows the history sealed at once (beat seals every minute afterwards).
        summary["audit_rows_sealed"] = audit_chain_seal()
        return summary
    finally:
        celery_app.conf.task_always_eager = previous
