"""Credit notes: the one way to correct an issued invoice (a finalised invoice never changes).

A note credits part or all of an open or paid invoice, by line (an amount per invoice line) or by
amount (spread over the lines in proportion to what is left to credit on each). Tax is credited at
each line's own rate. The note first takes the amount off what is still owed (``credited_to_balance``,
added to ``Invoice.amount_credited``); the rest, up to what was paid, is to be refunded
(``refund_amount``). The ledger reversal and revenue schedule (revrec) and the refund (receivables)
follow from the ``credit_note_issued`` signal, sent after commit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone

from audit.services import actor_label, audit_record
from invoicing.choices import CreditNoteReason, InvoiceStatus
from invoicing.exceptions import InvalidInvoiceTransition, InvoicingError
from invoicing.models import CreditNote, CreditNoteLine, Invoice, InvoiceLine
from invoicing.numbering import invoice_number_next
from invoicing.signals import credit_note_issued, invoice_paid
from rating import round_money
from rating.credit_allocation import allocate_pro_rata, credit_line_tax

ZERO = Decimal(0)
Actor = AbstractBaseUser | str | None
CREDITABLE_STATUSES = (InvoiceStatus.OPEN, InvoiceStatus.PAID)


class CreditNoteInvalid(InvoicingError):
    """The request does not fit the invoice; ``fields`` maps input paths (``amount``,
    ``lines[1].invoice_line``) to messages, as the API reports them."""

    def __init__(self, message: str, fields: dict[str, list[str]]) -> None:
        super().__init__(message)
        self.fields = fields


@dataclass(frozen=True)
class CreditableLine:
    """What is left to credit on one invoice line (pre-tax amount, and its tax)."""

    line: InvoiceLine
    amount: Decimal
    tax: Decimal


@dataclass(frozen=True)
class PlannedLine:
    line: InvoiceLine
    amount: Decimal
    tax: Decimal


# --- reads --------------------------------------------------------------------------------------


def credit_note_list(*, invoice_id: int | None = None) -> QuerySet[CreditNote]:
    qs = CreditNote.objects.select_related("invoice", "customer").prefetch_related("lines")
    if invoice_id is not None:
        qs = qs.filter(invoice_id=invoice_id)
    return qs


def invoice_creditable_lines(invoice: Invoice) -> list[CreditableLine]:
    """Each line with a positive amount, less what earlier notes credited on it. Lines with a
    negative amount (prepaid credit applied, proration credits) are not creditable: they already
    reduce the invoice."""
    credited = {
        row["invoice_line_id"]: (row["amount"] or ZERO, row["tax"] or ZERO)
        for row in CreditNoteLine.objects.filter(credit_note__invoice=invoice)
        .values("invoice_line_id")
        .annotate(amount=Sum("amount"), tax=Sum("tax_amount"))
    }
    out = []
    for line in sorted(invoice.lines.all(), key=lambda li: (li.position, li.pk)):
        if line.amount <= ZERO:
            continue
        amount, tax = credited.get(line.pk, (ZERO, ZERO))
        out.append(CreditableLine(line=line, amount=line.amount - amount, tax=max(line.tax_amount - tax, ZERO)))
    return out


def invoice_credit_room(invoice: Invoice) -> Decimal:
    """What may still be credited on the invoice, tax included: its total less earlier notes."""
    credited = CreditNote.objects.filter(invoice=invoice).aggregate(s=Sum("total"))["s"] or ZERO
    return max(invoice.total - credited, ZERO)


def _plain(amount: Decimal, currency: str) -> str:
    """An amount in messages: "266.67", not the stored "266.6700"."""
    return format(round_money(amount, currency), "f")


# --- input --------------------------------------------------------------------------------------


def _money_input(raw: object, currency: str, path: str, errors: dict[str, list[str]]) -> Decimal | None:
    try:
        value = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        errors.setdefault(path, []).append("A decimal amount, e.g. \"120.00\".")
        return None
    if not value.is_finite() or value <= ZERO:
        errors.setdefault(path, []).append("Must be greater than zero.")
        return None
    if round_money(value, currency) != value:
        errors.setdefault(path, []).append(f"At most the minor unit of {currency} (e.g. \"10.25\").")
        return None
    return value


def _plan_by_lines(
    requested: Sequence[Mapping[str, object]], creditable: list[CreditableLine], currency: str
) -> list[PlannedLine]:
    by_id = {c.line.pk: c for c in creditable}
    errors: dict[str, list[str]] = {}
    planned: list[PlannedLine] = []
    seen: set[int] = set()
    if not requested:
        raise CreditNoteInvalid("Name at least one line.", {"lines": ["Name at least one invoice line."]})
    for index, item in enumerate(requested):
        path = f"lines[{index}]"
        if not isinstance(item, Mapping):
            errors.setdefault(path, []).append("An object with invoice_line and amount.")
            continue
        raw_id = item.get("invoice_line_id", item.get("invoice_line"))
        try:
            line_id = int(str(raw_id))
        except (TypeError, ValueError):
            errors.setdefault(f"{path}.invoice_line", []).append("The id of a line of this invoice.")
            continue
        amount = _money_input(item.get("amount"), currency, f"{path}.amount", errors)
        entry = by_id.get(line_id)
        if entry is None:
            errors.setdefault(f"{path}.invoice_line", []).append(
                f"Invoice line {line_id} is not a creditable line of this invoice."
            )
            continue
        if line_id in seen:
            errors.setdefault(f"{path}.invoice_line", []).append(f"Invoice line {line_id} is named twice.")
            continue
        seen.add(line_id)
        if amount is None:
            continue
        if amount > entry.amount:
            errors.setdefault(f"{path}.amount", []).append(
                f"At most {_plain(entry.amount, currency)} {currency} is left to credit on this line."
            )
            continue
        tax = credit_line_tax(
            amount=amount,
            percentage=entry.line.tax_percentage,
            remaining_amount=entry.amount,
            remaining_tax=entry.tax,
            currency=currency,
        )
        planned.append(PlannedLine(line=entry.line, amount=amount, tax=tax))
    if errors:
        raise CreditNoteInvalid("Invalid credit note lines.", errors)
    return planned


def _plan_by_amount(raw: object, creditable: list[CreditableLine], currency: str) -> list[PlannedLine]:
    errors: dict[str, list[str]] = {}
    amount = _money_input(raw, currency, "amount", errors)
    if amount is None:
        raise CreditNoteInvalid("Invalid amount.", errors)
    left = sum((c.amount for c in creditable), ZERO)
    if amount > left:
        raise CreditNoteInvalid(
            "Amount over what can be credited.",
            {"amount": [f"At most {_plain(left, currency)} {currency} (before tax) is left to credit on this "
                        "invoice."]},
        )
    shares = allocate_pro_rata(amount, [c.amount for c in creditable], currency)
    return [
        PlannedLine(
            line=c.line,
            amount=share,
            tax=credit_line_tax(
                amount=share,
                percentage=c.line.tax_percentage,
                remaining_amount=c.amount,
                remaining_tax=c.tax,
                currency=currency,
            ),
        )
        for c, share in zip(creditable, shares, strict=True)
        if share > ZERO
    ]


def _check_shape(lines: object, amount: object, reason: str) -> None:
    errors: dict[str, list[str]] = {}
    if reason not in CreditNoteReason.values:
        errors["reason"] = [f"One of: {', '.join(CreditNoteReason.values)}."]
    if (lines is None) == (amount is None or amount == ""):
        message = "Give either amount or lines, not both." if lines is not None else "Give amount or lines."
        errors["amount"] = [message]
        errors["lines"] = [message]
    elif lines is not None and (isinstance(lines, str | bytes) or not isinstance(lines, Sequence)):
        errors["lines"] = ["A list of {invoice_line, amount} objects."]
    if errors:
        raise CreditNoteInvalid("Invalid credit note.", errors)


# --- the service --------------------------------------------------------------------------------


def _existing(idempotency_key: str | None, invoice_id: int) -> CreditNote | None:
    if not idempotency_key:
        return None
    note = CreditNote.objects.filter(idempotency_key=idempotency_key).first()
    if note is not None and note.invoice_id != invoice_id:
        raise CreditNoteInvalid(
            "Idempotency key reused.",
            {"idempotency_key": [f"Already used for credit note {note.number} on another invoice."]},
        )
    return note


def credit_note_issue(
    *,
    invoice_id: int,
    lines: Sequence[Mapping[str, object]] | None = None,
    amount: Decimal | str | None = None,
    reason: str,
    memo: str = "",
    actor: Actor = None,
    idempotency_key: str | None = None,
) -> CreditNote:
    """Issue a credit note on an open or paid invoice and return it.

    Give ``lines`` (``[{"invoice_line_id", "amount"}]``, pre-tax amounts, each at most what is left
    to credit on that line) or ``amount`` (pre-tax, spread over the lines pro rata to what is left on
    each); tax is added per line at the line's rate. The note's total (tax included) never takes the
    invoice's credited total past the invoice total: checked under a row lock on the invoice, so
    concurrent notes cannot over-credit. The total first reduces the amount still due; the rest is the
    refund amount (what receivables gives back of the payments). An open invoice whose amount due
    reaches zero becomes paid. The same ``idempotency_key`` returns the same note.

    Raises CreditNoteInvalid (bad input, with field paths) or InvalidInvoiceTransition (a draft,
    void or uncollectible invoice)."""
    existing = _existing(idempotency_key, invoice_id)
    if existing is not None:
        return existing
    _check_shape(lines, amount, reason)
    try:
        with transaction.atomic():
            # Lock the invoice row only (of=self): locking the joined customer row too would conflict with
            # the key-share locks other writes about this customer take, and deadlock under load.
            invoice = Invoice.objects.select_for_update(of=("self",)).select_related("customer").get(pk=invoice_id)
            existing = _existing(idempotency_key, invoice_id)  # a concurrent retry may have won the lock
            if existing is not None:
                return existing
            note = _issue_locked(
                invoice, lines=lines, amount=amount, reason=reason, memo=memo, actor=actor,
                idempotency_key=idempotency_key,
            )
    except IntegrityError:
        existing = _existing(idempotency_key, invoice_id)
        if existing is None:
            raise
        return existing
    return note


def _issue_locked(
    invoice: Invoice,
    *,
    lines: Sequence[Mapping[str, object]] | None,
    amount: Decimal | str | None,
    reason: str,
    memo: str,
    actor: Actor,
    idempotency_key: str | None,
) -> CreditNote:
    if invoice.status not in CREDITABLE_STATUSES:
        raise InvalidInvoiceTransition(
            f"Cannot credit a {invoice.status} invoice: only open or paid invoices take credit notes"
            + (" (void an open invoice instead of crediting all of it, or finalise a draft first)." if
               invoice.status == InvoiceStatus.DRAFT else ".")
        )
    currency = invoice.currency
    creditable = invoice_creditable_lines(invoice)
    if lines is not None:
        planned = _plan_by_lines(lines, creditable, currency)
    else:
        planned = _plan_by_amount(amount, creditable, currency)
    subtotal = sum((p.amount for p in planned), ZERO)
    tax = sum((p.tax for p in planned), ZERO)
    total = subtotal + tax
    room = invoice_credit_room(invoice)
    if total > room:
        field = "lines" if lines is not None else "amount"
        raise CreditNoteInvalid(
            "Credit over the invoice total.",
            {field: [f"This note would credit {_plain(total, currency)} {currency} with tax; at most "
                     f"{_plain(room, currency)} {currency} is left "
                     f"to credit on invoice {invoice.number}."]},
        )
    due = max(invoice.amount_due, ZERO)
    to_balance = min(total, due)
    refund = total - to_balance
    issue_date = timezone.now().astimezone(ZoneInfo(invoice.customer.timezone)).date()
    note = CreditNote.objects.create(
        invoice=invoice,
        customer=invoice.customer,
        number=invoice_number_next(series=settings.CREDIT_NOTE_NUMBER_PREFIX, year=issue_date.year),
        currency=currency,
        issue_date=issue_date,
        reason=reason,
        memo=memo,
        subtotal=subtotal,
        tax=tax,
        total=total,
        credited_to_balance=to_balance,
        refund_amount=refund,
        idempotency_key=idempotency_key or None,
        created_by=actor_label(actor) if actor is not None else "",
    )
    for position, p in enumerate(planned):
        CreditNoteLine.objects.create(  # one by one, not bulk_create: simple-history records each line
            credit_note=note,
            invoice_line=p.line,
            position=position,
            description=p.line.description,
            amount=p.amount,
            tax_percentage=p.line.tax_percentage,
            tax_name=p.line.tax_name,
            tax_amount=p.tax,
        )
    status_before = invoice.status
    invoice.amount_credited += to_balance
    settled = invoice.status == InvoiceStatus.OPEN and invoice.amount_due <= ZERO
    if settled:
        invoice.status = InvoiceStatus.PAID
        invoice.paid_at = timezone.now()
    invoice.save()
    audit_record(
        rule="invoicing.credit_note" if actor is not None else "invoicing.credit_note.automatic",
        action="credit_note_issued",
        obj=note,
        actor=actor,
        inputs={
            "invoice": invoice.number,
            "reason": reason,
            "mode": "lines" if lines is not None else "amount",
            "requested": [{k: str(v) for k, v in dict(item).items()} for item in lines] if lines is not None
            else str(amount),
            "invoice_total": invoice.total,
            "amount_due_before": due,
            "room_before": room,
        },
        outcome={
            "number": note.number,
            "subtotal": subtotal,
            "tax": tax,
            "total": total,
            "credited_to_balance": to_balance,
            "refund_amount": refund,
            "lines": [{"invoice_line": p.line.pk, "amount": p.amount, "tax": p.tax} for p in planned],
            "invoice_status": f"{status_before} -> {invoice.status}",
        },
    )
    note_id, invoice_pk = note.pk, invoice.pk
    transaction.on_commit(lambda: credit_note_issued.send(sender=CreditNote, credit_note_id=note_id))
    if settled:
        transaction.on_commit(lambda: invoice_paid.send(sender=Invoice, invoice_id=invoice_pk))
    return note
