"""Yearly minimum commitments: at the end of each contract year, a true-up line lifts the covered
lines' charges of that year to the commitment (prorated when the contract ends mid-year)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import Sum

from audit.services import audit_record
from contracts.choices import USAGE_CHARGE_MODELS, CommitmentPeriod
from contracts.models import Contract
from invoicing.choices import InvoiceKind, InvoiceStatus, LineKind
from invoicing.drafting.periods import local_today
from invoicing.models import BillingRun, Invoice, InvoiceLine
from rating import COMMITMENT_LINE_CODE, format_money, round_money
from rating.proration import apply_factor
from rating.schedules import Cadence, Period, billing_periods

ZERO = Decimal(0)


@dataclass(frozen=True)
class AnnualTrueUp:
    year: Period
    commitment: Decimal  # the (prorated) minimum, rounded
    billed: Decimal  # the covered lines' charges of the year
    codes: tuple[str, ...]

    @property
    def amount(self) -> Decimal:
        return self.commitment - self.billed


def contract_years(contract: Contract, *, until: date) -> list[Period]:
    """The contract years (anniversaries of the contract start) ended by ``until`` (inclusive); a
    contract ending mid-year ends its last year early (a partial period that keeps its nominal
    bounds for proration)."""
    years = billing_periods(
        start=contract.start_date,
        end=contract.end_date,
        cadence=Cadence(interval="year"),
        alignment="anniversary",
        until=until,
    )
    return [year for year in years if year.end <= until]


def _has_yearly_commitment(contract: Contract) -> bool:
    return (
        contract.minimum_commitment_amount is not None
        and contract.minimum_commitment_period == CommitmentPeriod.YEAR
    )


def _covered_codes(contract: Contract) -> tuple[str, ...]:
    codes = tuple(contract.minimum_commitment_lines or ())
    if codes:
        return codes
    return tuple(line.code for line in contract.lines.all() if line.charge_model in USAGE_CHARGE_MODELS)


def _already_trued_up(contract: Contract, year: Period) -> bool:
    return (
        InvoiceLine.objects.filter(
            invoice__contract=contract,
            line_code=COMMITMENT_LINE_CODE,
            kind=LineKind.MINIMUM,
            period_start=year.start,
            period_end=year.end,
        )
        .exclude(invoice__status=InvoiceStatus.VOID)
        .exists()
    )


def annual_true_up(contract: Contract, year: Period) -> AnnualTrueUp | None:
    """The true-up a contract year needs, or None when the commitment is met or already trued up.

    Billed charges are the covered lines' invoice line amounts (usage, late usage, line minimums,
    fees; not prepaid credit applied) on non-void recurring invoices, for line periods starting
    in the year. The commitment of a year cut short by the contract end is prorated by days."""
    if contract.minimum_commitment_amount is None or _already_trued_up(contract, year):
        return None
    codes = _covered_codes(contract)
    billed = (
        InvoiceLine.objects.filter(
            invoice__contract=contract,
            invoice__kind=InvoiceKind.RECURRING,
            line_code__in=codes,
            period_start__gte=year.start,
            period_start__lt=year.end,
        )
        .exclude(invoice__status=InvoiceStatus.VOID)
        .exclude(kind=LineKind.CREDIT)
        .aggregate(total=Sum("amount"))["total"]
        or ZERO
    )
    commitment = round_money(apply_factor(contract.minimum_commitment_amount, year.proration_factor), contract.currency)
    if billed >= commitment:
        return None
    return AnnualTrueUp(year=year, commitment=commitment, billed=billed, codes=codes)


def _description(true_up: AnnualTrueUp, currency: str) -> str:
    year = true_up.year
    last_day = year.end - timedelta(days=1)
    text = f"Annual minimum commitment true-up ({year.start.isoformat()} to {last_day.isoformat()}"
    if year.is_partial:
        text += f", {format_money(true_up.commitment, currency)} prorated {year.days}/{year.nominal_days} days"
    return text + ")"


def _add_true_up_line(invoice: Invoice, true_up: AnnualTrueUp, contract: Contract) -> InvoiceLine:
    last = invoice.lines.order_by("-position").values_list("position", flat=True).first()
    line = InvoiceLine(
        invoice=invoice,
        position=0 if last is None else last + 1,
        contract_line_id=None,
        line_code=COMMITMENT_LINE_CODE,
        kind=LineKind.MINIMUM,
        description=_description(true_up, invoice.currency),
        quantity=Decimal(1),
        unit_price=None,
        precise_amount=true_up.amount,
        amount=true_up.amount,
        period_start=true_up.year.start,
        period_end=true_up.year.end,
        price_snapshot={
            "minimum_commitment_amount": contract.minimum_commitment_amount,
            "minimum_commitment_period": contract.minimum_commitment_period,
            "lines": list(true_up.codes),
            "commitment": true_up.commitment,
            "billed": true_up.billed,
        },
    )
    line.save()
    invoice.subtotal = sum((row.amount for row in invoice.lines.all()), ZERO)
    invoice.total = invoice.subtotal + invoice.tax
    invoice.save(update_fields=["subtotal", "total"])
    audit_record(
        rule="invoicing.annual_commitment",
        action="commitment_trued_up",
        obj=invoice,
        inputs={
            "contract": str(contract),
            "year_start": true_up.year.start,
            "year_end": true_up.year.end,
            "commitment": true_up.commitment,
            "billed": true_up.billed,
            "lines": list(true_up.codes),
        },
        outcome={"true_up": true_up.amount, "total": invoice.total},
    )
    return line


def commitment_true_up_apply_to_draft(invoice: Invoice) -> Invoice:
    """Add the annual true-up to a recurring draft billed on the end of a contract year. Call it in
    the transaction that drafts the invoice, after its lines are created (the year's last usage
    period is on this invoice and counts)."""
    contract = invoice.contract
    if contract is None or invoice.kind != InvoiceKind.RECURRING or not _has_yearly_commitment(contract):
        return invoice
    years = contract_years(contract, until=invoice.billing_date)
    year = next((y for y in years if y.end == invoice.billing_date), None)
    if year is None:
        return invoice
    true_up = annual_true_up(contract, year)
    if true_up is not None:
        _add_true_up_line(invoice, true_up, contract)
    return invoice


def contract_commitment_true_ups_bill(
    *, contract: Contract, as_of: datetime, run: BillingRun | None = None
) -> list[Invoice]:
    """Bill the annual true-ups of contract years that ended by ``as_of`` with no recurring invoice
    on their last day: a separate recurring invoice on that date, holding only the true-up. Run it
    after the contract's due periods are drafted. Safe to rerun (a trued-up year is skipped, and
    the one-recurring-invoice-per-date constraint stops a concurrent run)."""
    # services.py imports this module (it calls this function), so import from it here.
    from invoicing.drafting.completion import draft_complete
    from invoicing.drafting.snapshots import customer_snapshot

    if not _has_yearly_commitment(contract):
        return []
    today = local_today(as_of, ZoneInfo(contract.customer.timezone))
    created: list[Invoice] = []
    for year in contract_years(contract, until=today):
        if Invoice.objects.filter(contract=contract, kind=InvoiceKind.RECURRING, billing_date=year.end).exists():
            continue  # the true-up, if any, is on that invoice
        true_up = annual_true_up(contract, year)
        if true_up is None:
            continue
        try:
            with transaction.atomic():
                invoice = Invoice.objects.create(
                    customer=contract.customer,
                    contract=contract,
                    billing_run=run,
                    kind=InvoiceKind.RECURRING,
                    billing_date=year.end,
                    currency=contract.currency,
                    period_start=year.start,
                    period_end=year.end,
                    auto_send=contract.auto_send,
                    customer_snapshot=customer_snapshot(contract.customer),
                )
                _add_true_up_line(invoice, true_up, contract)
                draft_complete(invoice)
        except IntegrityError:
            continue  # a concurrent run drafted this date first
        created.append(invoice)
    return created
