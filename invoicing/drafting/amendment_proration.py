"""The invoice an applied amendment issues: credit for the unused days of the old terms and
charge for the remaining days of the new ones, on fixed lines billed in advance.

Usage and other in-arrears lines need no such invoice: the old line version ends on the
effective date D and the new one starts there, so the next billing run rates usage before D at
the old price and from D at the new one (see ``periods.due_line_periods``).

The arithmetic (``proration_rows``) is pure; ``invoice_create_for_amendment`` finds what was
already billed, stores the invoice and enqueues its finalisation like a recurring one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q

from audit.services import audit_record
from contracts.choices import AmendmentStatus, BillingTiming, ChargeModel
from contracts.models import Amendment, Contract, ContractLine
from contracts.services import amendment_line_versions, amendment_proration_settle
from invoicing.choices import InvoiceKind, InvoiceStatus, LineKind
from invoicing.documents.formatting import format_period
from invoicing.drafting.completion import draft_complete
from invoicing.drafting.snapshots import customer_snapshot, line_price_snapshot
from invoicing.models import Invoice, InvoiceLine
from rating import round_money
from rating.money import format_money, format_quantity
from rating.proration import prorate
from rating.schedules import Cadence, Period, billing_periods

ZERO = Decimal(0)
PRORATED_MODELS = frozenset({ChargeModel.FLAT, ChargeModel.PER_SEAT})


@dataclass(frozen=True)
class Terms:
    """The fixed price of one line version for one whole period (no ORM)."""

    code: str
    label: str  # "20 seats x $50.00", "Platform fee ($500.00)"
    quantity: Decimal
    unit_price: Decimal
    period_amount: Decimal


@dataclass(frozen=True)
class ProrationRow:
    line_code: str
    description: str
    quantity: Decimal
    unit_price: Decimal
    precise_amount: Decimal
    amount: Decimal  # rounded once; negative for a credit
    period: Period  # [service start, end) inside the nominal billing period


def line_terms(line: Any, currency: str) -> Terms:
    """A flat or per-seat line's price per whole period."""
    if line.charge_model == ChargeModel.PER_SEAT:
        seats, price = Decimal(line.seats or 0), Decimal(line.unit_price or 0)
        text = f"{format_quantity(seats)} seats x {format_money(price, currency)}"
        label = f"{line.description}: {text}" if line.description else text
        return Terms(line.code, label, seats, price, seats * price)
    amount = Decimal(line.amount or 0)
    label = f"{line.description or line.code} ({format_money(amount, currency)})"
    return Terms(line.code, label, Decimal(1), amount, amount)


def is_prorated_in_advance(line: Any) -> bool:
    return line is not None and line.charge_model in PRORATED_MODELS and line.billing_timing == BillingTiming.IN_ADVANCE


def _row(terms: Terms, period: Period, *, currency: str, is_credit: bool) -> ProrationRow:
    precise = prorate(
        terms.period_amount,
        service_start=period.start,
        service_end=period.end,
        period_start=period.full_start,
        period_end=period.full_end,
    )
    if is_credit:
        precise = -precise
    when = format_period(period.start, period.end, compact=True)
    description = f"{'Unused' if is_credit else 'Remaining'} time on {terms.label} ({when})"
    return ProrationRow(
        line_code=terms.code,
        description=description,
        quantity=terms.quantity,
        unit_price=terms.unit_price,
        precise_amount=precise,
        amount=round_money(precise, currency),
        period=period,
    )


def proration_rows(
    *,
    old: Terms | None,
    new: Terms | None,
    billed: Sequence[Period],
    unbilled: Sequence[Period] = (),
    currency: str,
    credit_on_downgrade: bool,
) -> list[ProrationRow]:
    """The rows for one line's change on the effective date D.

    ``billed``: the parts on or after D of the old version's periods already billed in advance
    (each a Period with its nominal bounds). For each: a credit for the old terms (the unused
    days) and a charge for the new terms (the remaining days). ``unbilled``: periods of the new
    version that no billing run will bill, e.g. its partial first period [D, end) when the old
    version's was not billed yet (``due_line_periods`` skips it); they are charged here.

    A downgrade (the new terms cost less per period, or the line ends) without
    ``credit_on_downgrade`` credits nothing, and then charges nothing for the already-paid
    period either: the customer keeps the old terms to the period end, and the lower price
    starts with the next period. Past days are never refunded (every interval starts at D).
    """
    rows: list[ProrationRow] = []
    is_downgrade = old is not None and (new is None or new.period_amount < old.period_amount)
    skip_billed = is_downgrade and not credit_on_downgrade
    for period in billed:
        if skip_billed:
            continue
        if old is not None:
            rows.append(_row(old, period, currency=currency, is_credit=True))
        if new is not None:
            rows.append(_row(new, period, currency=currency, is_credit=False))
    if new is not None:
        rows += [_row(new, period, currency=currency, is_credit=False) for period in unbilled]
    return [row for row in rows if row.precise_amount]


# --- the database part -------------------------------------------------------------------------


def _anchor(line: Any, contract: Contract) -> tuple[date, date | None]:
    start: date = line.start_date or contract.start_date
    anchor = line.anchor_date if line.anchor_date is not None and line.anchor_date < start else start
    return anchor, line.end_date or contract.end_date


def _cycle(line: Any, contract: Contract, *, until: date) -> list[Period]:
    """The line's billing periods by its cycle (from its anchor), up to ``until``."""
    anchor, end = _anchor(line, contract)
    cadence = Cadence(interval=line.billing_interval, count=line.billing_interval_count)
    return billing_periods(start=anchor, end=end, cadence=cadence, alignment=contract.billing_alignment, until=until)


def _billed_periods(contract: Contract, old: Any, effective_date: date) -> list[Period]:
    """The parts on or after D of the old version's periods that an issued or draft invoice
    already charged (a recurring one, or an earlier amendment's for a version it created)."""
    rows = (
        InvoiceLine.objects.filter(
            invoice__contract=contract, line_code=old.code, amount__gt=0, period_end__gt=effective_date
        )
        .exclude(invoice__status=InvoiceStatus.VOID)
        .filter(Q(invoice__kind=InvoiceKind.RECURRING) | Q(invoice__kind=InvoiceKind.PRORATION))
        .order_by()
        .values_list("period_start", "period_end")
    )
    billed = sorted(set(rows))
    if not billed:
        return []
    cycle = _cycle(old, contract, until=max(end for _, end in billed))
    parts: list[Period] = []
    for start, end in billed:
        nominal = next((p for p in cycle if p.full_start <= start < p.full_end), None)
        if nominal is None:
            continue
        part_start = max(start, effective_date)
        parts.append(Period(start=part_start, end=end, nominal_start=nominal.full_start, nominal_end=nominal.full_end))
    return parts


def _new_periods_to_charge(contract: Contract, new: ContractLine, billed: Iterable[Period]) -> list[Period]:
    """The new version's periods (from its start) that no billing run will bill and that are not
    re-billed from the old version's periods: its partial first period (``due_line_periods`` skips
    it) and any period whose billing date already has a recurring invoice (a run never drafts a
    second invoice for a date), e.g. a line added with an effective date in a billed period."""
    start: date = new.start_date or contract.start_date
    billed_starts = {period.start for period in billed}
    invoiced = set(
        Invoice.objects.filter(contract=contract, kind=InvoiceKind.RECURRING).values_list("billing_date", flat=True)
    )
    horizon = max(invoiced | {start}) + timedelta(days=1)
    periods: list[Period] = []
    for period in _cycle(new, contract, until=horizon):
        if period.end <= start:
            continue
        part = Period(start=max(period.start, start), end=period.end, nominal_start=period.full_start,
                      nominal_end=period.full_end)
        if part.start in billed_starts:
            continue
        if period.start < start or part.start in invoiced:
            periods.append(part)
    return periods


def invoice_create_for_amendment(
    *,
    amendment_id: int,
    contract: Contract,
    effective_date: date,
    old_lines: Sequence[ContractLine | None],
    new_lines: Sequence[ContractLine | None],
    credit_on_downgrade: bool,
    actor: Any = None,
) -> Invoice | None:
    """Draft the proration invoice of an applied amendment (``source_key`` "amendment:<id>").

    ``old_lines[i]`` and ``new_lines[i]`` are one line's versions: the line as it was before the
    amendment (None for an added line) and the version starting on ``effective_date`` (None for an
    ended line). Only flat and per-seat lines billed in advance are prorated (see
    ``proration_rows``); each row is rounded once and the total is the sum of the rows.

    Returns None when there is nothing to bill. A negative total is kept as a credit invoice
    (finalised like any other, it is "paid" at once); applying credit balances to later invoices
    is left to a later issue. Called inside the amendment's transaction: a retry finds the invoice
    by its unique source_key and returns it instead of drafting another.
    """
    source_key = f"amendment:{amendment_id}"
    existing = Invoice.objects.filter(source_key=source_key).first()
    if existing is not None:
        return existing
    currency = contract.currency
    rows: list[ProrationRow] = []
    contract_lines: list[ContractLine | None] = []
    for old, new in zip(old_lines, new_lines, strict=True):
        if not (is_prorated_in_advance(old) or is_prorated_in_advance(new)):
            continue
        billed = _billed_periods(contract, old, effective_date) if is_prorated_in_advance(old) else []
        unbilled = _new_periods_to_charge(contract, new, billed) if is_prorated_in_advance(new) else []
        line_rows = proration_rows(
            old=line_terms(old, currency) if is_prorated_in_advance(old) else None,
            new=line_terms(new, currency) if is_prorated_in_advance(new) else None,
            billed=billed,
            unbilled=unbilled,
            currency=currency,
            credit_on_downgrade=credit_on_downgrade,
        )
        rows += line_rows
        contract_lines += [new if new is not None and row.line_code == new.code else old for row in line_rows]
    if not rows:
        return None
    try:
        with transaction.atomic():
            invoice = _invoice_store(
                source_key=source_key, contract=contract, effective_date=effective_date, rows=rows,
                contract_lines=contract_lines,
            )
            audit_record(
                rule="invoicing.amendment_proration",
                action="invoice_drafted",
                obj=invoice,
                actor=actor,
                inputs={
                    "amendment": amendment_id,
                    "effective_date": effective_date,
                    "credit_on_downgrade": credit_on_downgrade,
                    "rows": [
                        {"line": r.line_code, "start": r.period.start, "end": r.period.end,
                         "nominal_start": r.period.full_start, "nominal_end": r.period.full_end,
                         "precise_amount": r.precise_amount}
                        for r in rows
                    ],
                },
                outcome={"invoice": invoice.pk, "total": invoice.total},
            )
            draft_complete(invoice)
    except IntegrityError:
        return Invoice.objects.get(source_key=source_key)  # a concurrent apply drafted it first
    return invoice


def _invoice_store(
    *,
    source_key: str,
    contract: Contract,
    effective_date: date,
    rows: Sequence[ProrationRow],
    contract_lines: Sequence[ContractLine | None],
) -> Invoice:
    invoice = Invoice.objects.create(
        customer=contract.customer,
        contract=contract,
        kind=InvoiceKind.PRORATION,
        source_key=source_key,
        billing_date=effective_date,
        currency=contract.currency,
        period_start=min(row.period.start for row in rows),
        period_end=max(row.period.end for row in rows),
        auto_send=contract.auto_send,
        customer_snapshot=customer_snapshot(contract.customer),
    )
    for position, (row, contract_line) in enumerate(zip(rows, contract_lines, strict=True)):
        InvoiceLine(
            invoice=invoice,
            position=position,
            contract_line_id=getattr(contract_line, "pk", None),
            line_code=row.line_code,
            kind=LineKind.FIXED,
            description=row.description[:300],
            quantity=row.quantity,
            unit_price=row.unit_price,
            precise_amount=row.precise_amount,
            amount=row.amount,
            period_start=row.period.start,
            period_end=row.period.end,
            price_snapshot=line_price_snapshot(contract_line),
        ).save()  # save(), not bulk_create: simple-history records each line
    invoice.subtotal = sum((row.amount for row in rows), ZERO)
    invoice.total = invoice.subtotal + invoice.tax
    invoice.save(update_fields=["subtotal", "total"])
    return invoice


def amendment_proration_bill(*, amendment_id: int) -> Invoice | None:
    """Bill an applied amendment (``contracts.signals.amendment_applied``): draft its proration
    invoice from the line versions it wrote, and settle the amendment with it, in one transaction.
    Safe to run twice: a settled amendment is skipped and the invoice is unique per amendment."""
    with transaction.atomic():
        amendment = Amendment.objects.select_related("contract__customer").get(pk=amendment_id)
        if amendment.status != AmendmentStatus.APPLIED or amendment.proration_settled_at is not None:
            return None
        old_lines, new_lines = amendment_line_versions(amendment=amendment)
        invoice = invoice_create_for_amendment(
            amendment_id=amendment.pk,
            contract=amendment.contract,
            effective_date=amendment.effective_date,
            old_lines=old_lines,
            new_lines=new_lines,
            credit_on_downgrade=amendment.credit_on_downgrade,
            actor=amendment.approved_by or None,
        )
        amendment_proration_settle(
            amendment_id=amendment.pk,
            invoice_id=invoice.pk if invoice is not None else None,
            total=invoice.total if invoice is not None else None,
        )
    return invoice
