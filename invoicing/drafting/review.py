"""Which drafts wait for a person before they are sent, and what that person may change.

A draft waits in the review queue when its customer or contract has auto-send off (``pending``),
or, even with auto-send on, when its total looks wrong against the customer's own history
(``held``): more than FACTOR times, or under 1/FACTOR of, the median of the customer's last
HISTORY issued invoices in that currency, or above an absolute amount. ``anomaly_reasons`` is
pure; ``recent_totals`` loads the history of any number of customers in one query.

While it is a draft, the reviewer may correct its lines and notes (``invoice_draft_lines_update``:
tax and totals are computed again, the hold is not: the reviewer is the one who decided); approving
it (``services.invoice_approve``) issues and sends it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import median
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber

from audit.services import audit_record
from invoicing.choices import InvoiceKind, InvoiceStatus, LineKind, ReviewStatus
from invoicing.exceptions import InvalidInvoiceTransition, InvoicingError
from invoicing.models import Invoice, InvoiceLine
from invoicing.tax import lines_tax_apply, tax_rates_for
from rating import currency_exponent, round_money

ZERO = Decimal(0)
ISSUED = (InvoiceStatus.OPEN, InvoiceStatus.PAID, InvoiceStatus.UNCOLLECTIBLE)
AWAITING_REVIEW = (ReviewStatus.PENDING, ReviewStatus.HELD)
Actor = AbstractBaseUser | str | None


@dataclass(frozen=True)
class PastInvoice:
    number: str
    issue_date: str
    total: Decimal


def _plain(amount: Decimal) -> str:
    return format(amount, "f")


def anomaly_reasons(
    total: Decimal,
    history: Sequence[Decimal],
    *,
    factor: Decimal,
    history_size: int,
    hold_above: Decimal | None,
) -> list[str]:
    """Why a draft's total is unusual for this customer; empty when it is not.

    ``history`` is newest first. The ratio test needs a full history (``history_size`` invoices)
    with a positive median: a new customer's first invoices, or one billed nothing so far, have no
    baseline to compare with. Exactly ``factor`` times (or 1/``factor`` of) the median is not
    held: the limit is "more than". The absolute limit applies always."""
    reasons: list[str] = []
    if hold_above is not None and total > hold_above:
        reasons.append(f"Total {_plain(total)} is above the review limit of {_plain(hold_above)}.")
    if len(history) >= history_size:
        middle = median(history[:history_size])
        if middle > ZERO:
            if total > middle * factor:
                reasons.append(
                    f"Total {_plain(total)} is more than {_plain(factor)}x the median {_plain(middle)} "
                    f"of the last {history_size} invoices."
                )
            elif total * factor < middle:
                reasons.append(
                    f"Total {_plain(total)} is under 1/{_plain(factor)} of the median {_plain(middle)} "
                    f"of the last {history_size} invoices."
                )
    return reasons


def recent_totals(customer_ids: Sequence[int], *, size: int | None = None) -> dict[tuple[int, str], list[PastInvoice]]:
    """(customer, currency) -> its last ``size`` issued recurring invoices, newest first. One query."""
    size = size or settings.INVOICE_ANOMALY_HISTORY
    ranked = (
        Invoice.objects.filter(customer_id__in=customer_ids, status__in=ISSUED, kind=InvoiceKind.RECURRING)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("customer_id"), F("currency")],
                order_by=[F("issue_date").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=size)
        .values_list("customer_id", "currency", "number", "issue_date", "total")
        .order_by("customer_id", "currency", "rank")
    )
    out: dict[tuple[int, str], list[PastInvoice]] = {}
    for customer_id, currency, number, issue_date, total in ranked:
        out.setdefault((customer_id, currency), []).append(
            PastInvoice(number, str(issue_date), round_money(total, currency))
        )
    return out


def hold_limit(currency: str, customer_limit: Decimal | None) -> Decimal | None:
    """The customer's own limit, else the default for the currency (None: no absolute limit)."""
    if customer_limit is not None:
        return customer_limit
    default = settings.INVOICE_HOLD_ABOVE.get(currency)
    return Decimal(default) if default is not None else None


def review_decide(invoice: Invoice, *, history: Sequence[PastInvoice], auto_send: bool) -> None:
    """Set the draft's review fields in memory (the caller saves). Recurring invoices are checked
    against history; every kind against the absolute limit. ``hold_details`` keeps the inputs of
    the decision (history, median, limits) for the reviewer and the audit trail, for held and
    pending drafts alike."""
    customer = invoice.customer
    limit = hold_limit(invoice.currency, customer.invoice_hold_above)
    if limit is not None:
        limit = round_money(limit, invoice.currency)  # as the reviewer reads it: 50.00, not 50.0000
    factor = Decimal(settings.INVOICE_ANOMALY_FACTOR)
    size = settings.INVOICE_ANOMALY_HISTORY
    total = round_money(invoice.total, invoice.currency)
    # One-off invoices (milestones, prorations) are not comparable with recurring ones.
    history = [
        PastInvoice(p.number, p.issue_date, round_money(p.total, invoice.currency)) for p in history[:size]
    ] if invoice.kind == InvoiceKind.RECURRING else []
    totals = [p.total for p in history]
    reasons = anomaly_reasons(total, totals, factor=factor, history_size=size, hold_above=limit)
    details: dict[str, Any] = {
        "total": total,
        "hold_above": limit,
        "factor": factor,
        "history_size": size,
        "history": [{"number": p.number, "issue_date": p.issue_date, "total": p.total} for p in history],
        "median": median(totals) if len(totals) >= size else None,
    }
    if reasons:
        invoice.review_status = ReviewStatus.HELD
        invoice.hold_reason = " ".join(reasons)
        invoice.hold_details = details
        invoice.auto_send = False
    elif not auto_send:
        invoice.review_status = ReviewStatus.PENDING
        invoice.hold_reason = "Auto-send is off for this customer or contract."
        invoice.hold_details = details
        invoice.auto_send = False
    else:
        invoice.review_status = ReviewStatus.NOT_REQUIRED
        invoice.hold_reason = ""
        invoice.hold_details = {}
        invoice.auto_send = True


def review_queue() -> QuerySet[Invoice]:
    """Drafts awaiting a person: held first, oldest billing date first."""
    return (
        Invoice.objects.filter(status=InvoiceStatus.DRAFT, review_status__in=AWAITING_REVIEW)
        .select_related("customer", "contract")
        .order_by("review_status", "billing_date", "id")  # "held" < "pending": held first
    )


# --- editing a draft before it is issued ------------------------------------------------------


class DraftEditError(InvoicingError):
    """The edit is invalid; ``fields`` maps a field path (``lines[0].amount``) to messages."""

    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__("Invalid edit of the draft: " + "; ".join(f"{k}: {' '.join(v)}" for k, v in fields.items()))
        self.fields = fields


# Lines a reviewer adds to a draft (a one-off charge, a correction) carry this in their price
# snapshot: only they may be removed again, and revrec recognises them when the invoice is issued
# (``charge_model`` "one_time"). Computed lines are corrected, or set to zero, never deleted.
ADDED_IN_REVIEW = "added_in_review"
ADDED_LINE_CODE = "adjustment"


def added_in_review(line: InvoiceLine) -> bool:
    return bool((line.price_snapshot or {}).get(ADDED_IN_REVIEW))


@dataclass(frozen=True)
class NewLine:
    """A line the reviewer adds. ``amount`` None: quantity x unit price, rounded once."""

    description: str
    quantity: Decimal
    unit_price: Decimal | None
    amount: Decimal | None


@dataclass(frozen=True)
class LineEdit:
    """What the reviewer sets on one line. ``amount`` None: quantity x unit price, rounded once."""

    line_id: int
    description: str
    quantity: Decimal
    unit_price: Decimal | None
    amount: Decimal | None


def line_edit_errors(
    *, kind: str, description: str, quantity: Decimal, unit_price: Decimal | None, amount: Decimal | None,
    currency: str,
) -> dict[str, list[str]]:
    """Field errors of one line edit (empty: valid). Pure; the admin form and the service share it."""
    if kind == LineKind.CREDIT:
        return {"amount": ["Prepaid credit lines follow the credit balance and cannot be edited."]}
    errors: dict[str, list[str]] = {}
    if not description.strip():
        errors["description"] = ["Enter a description: it is printed on the invoice."]
    if quantity < ZERO:
        errors["quantity"] = ["The quantity cannot be negative."]
    if unit_price is not None and unit_price < ZERO:
        errors["unit_price"] = ["The unit price cannot be negative."]
    if amount is None:
        if unit_price is None:
            errors["amount"] = ["Enter an amount: this line has no unit price to compute it from."]
    elif amount < ZERO:
        errors["amount"] = ["The amount cannot be negative; reduce it to zero instead."]
    else:
        exponent = currency_exponent(currency)
        if amount != round_money(amount, currency):
            errors["amount"] = [f"{currency} amounts have at most {exponent} decimal place(s)."]
    return errors


def line_amounts(
    *, quantity: Decimal, unit_price: Decimal | None, amount: Decimal | None, currency: str
) -> tuple[Decimal, Decimal]:
    """(precise amount, amount) of an edited line: the entered amount as is, or quantity x unit
    price kept precise and rounded once."""
    if amount is not None:
        return amount, round_money(amount, currency)
    if unit_price is None:
        raise ValueError("A line without a unit price needs an amount.")
    precise = quantity * unit_price
    return precise, round_money(precise, currency)


EDIT_FIELDS = ("description", "quantity", "unit_price", "precise_amount", "amount")
TAX_FIELDS = ("tax_rate", "tax_name", "tax_percentage", "tax_amount")


def _line_values(line: InvoiceLine, currency: str) -> dict[str, Any]:
    return {
        "description": line.description,
        "quantity": line.quantity,
        "unit_price": line.unit_price,
        "amount": round_money(line.amount, currency),
    }


def _totals(invoice: Invoice) -> dict[str, Decimal]:
    return {
        "subtotal": round_money(invoice.subtotal, invoice.currency),
        "tax": round_money(invoice.tax, invoice.currency),
        "total": round_money(invoice.total, invoice.currency),
    }


def _draft_edit_errors(
    invoice: Invoice, by_id: dict[int, InvoiceLine], lines: Sequence[LineEdit], add: Sequence[NewLine],
    remove: Sequence[int],
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for index, edit in enumerate(lines):
        line = by_id.get(edit.line_id)
        if line is None:
            errors[f"lines[{index}].id"] = [f"Line {edit.line_id} is not a line of this invoice."]
            continue
        found = line_edit_errors(
            kind=line.kind, description=edit.description, quantity=edit.quantity, unit_price=edit.unit_price,
            amount=edit.amount, currency=invoice.currency,
        )
        errors.update({f"lines[{index}].{name}": messages for name, messages in found.items()})
    for index, new_line in enumerate(add):
        found = line_edit_errors(
            kind=LineKind.FIXED, description=new_line.description, quantity=new_line.quantity,
            unit_price=new_line.unit_price, amount=new_line.amount, currency=invoice.currency,
        )
        errors.update({f"added[{index}].{name}": messages for name, messages in found.items()})
    for index, line_id in enumerate(remove):
        line = by_id.get(line_id)
        if line is None:
            errors[f"removed[{index}]"] = [f"Line {line_id} is not a line of this invoice."]
        elif not added_in_review(line):
            errors[f"removed[{index}]"] = [
                "Only lines added in review can be removed; set this line's amount to 0 to drop the charge."
            ]
    return errors


def _edits_apply(invoice: Invoice, by_id: dict[int, InvoiceLine], lines: Sequence[LineEdit]) -> list[dict[str, Any]]:
    """Set the edited values on the lines (unsaved); the changes, for the audit record."""
    changes: list[dict[str, Any]] = []
    for edit in lines:
        line = by_id[edit.line_id]
        before = _line_values(line, invoice.currency)
        line.description = edit.description.strip()
        line.quantity = edit.quantity
        line.unit_price = edit.unit_price
        line.precise_amount, line.amount = line_amounts(
            quantity=edit.quantity, unit_price=edit.unit_price, amount=edit.amount, currency=invoice.currency
        )
        after = _line_values(line, invoice.currency)
        if after != before:
            changes.append({
                "line": line.pk, "line_code": line.line_code,
                "before": {k: v for k, v in before.items() if after[k] != v},
                "after": {k: v for k, v in after.items() if before[k] != v},
            })
    return changes


def _new_lines(invoice: Invoice, add: Sequence[NewLine], after_position: int) -> list[InvoiceLine]:
    """Unsaved one-off lines over the invoice's period, after the last one."""
    new_lines = []
    for position, new_line in enumerate(add, start=after_position + 1):
        precise, amount = line_amounts(
            quantity=new_line.quantity, unit_price=new_line.unit_price, amount=new_line.amount,
            currency=invoice.currency,
        )
        new_lines.append(InvoiceLine(
            invoice=invoice, position=position, line_code=ADDED_LINE_CODE, kind=LineKind.FIXED,
            description=new_line.description.strip(), quantity=new_line.quantity, unit_price=new_line.unit_price,
            precise_amount=precise, amount=amount, period_start=invoice.period_start,
            period_end=invoice.period_end, price_snapshot={"charge_model": "one_time", ADDED_IN_REVIEW: True},
        ))
    return new_lines


def invoice_draft_lines_update(
    *,
    invoice_id: int,
    lines: Sequence[LineEdit] = (),
    notes: str | None = None,
    add: Sequence[NewLine] = (),
    remove: Sequence[int] = (),
    actor: Actor,
) -> Invoice:
    """Correct a draft before it is issued: the given lines' description, quantity, unit price and
    amount, and the invoice's notes (None: unchanged); ``add`` one-off lines (over the invoice's
    period, recognised at issue) and ``remove`` lines added that way before. Tax is computed again
    per line at the customer's rate, subtotal and total are the sums of the rounded lines. The
    review decision is kept (the reviewer is the one editing). One audit record with every change
    and the totals before and after; nothing is written when nothing changed. Raises
    DraftEditError (nothing saved; paths ``lines[i].x``, ``added[i].x``, ``removed[i]``) or
    InvalidInvoiceTransition for an issued invoice."""
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().select_related("customer").get(pk=invoice_id)
        if invoice.status != InvoiceStatus.DRAFT:
            raise InvalidInvoiceTransition(
                f"Cannot edit a {invoice.get_status_display().lower()} invoice; correct it with a credit note."
            )
        all_lines = list(invoice.lines.order_by("position", "id"))
        by_id = {line.pk: line for line in all_lines}
        errors = _draft_edit_errors(invoice, by_id, lines, add, remove)
        if errors:
            raise DraftEditError(errors)

        before_totals = _totals(invoice)
        before_tax = {line.pk: (line.tax_rate_id, line.tax_name, line.tax_percentage, line.tax_amount)
                      for line in all_lines}
        changes = _edits_apply(invoice, by_id, lines)
        edited = {change["line"] for change in changes}
        notes_change = None
        if notes is not None and notes.strip() != invoice.notes:
            notes_change = {"before": invoice.notes, "after": notes.strip()}
            invoice.notes = notes.strip()
        for line in [by_id[line_id] for line_id in dict.fromkeys(remove)]:
            changes.append({"removed": {"line": line.pk, **_line_values(line, invoice.currency)}})
            line.delete()  # simple-history records the deletion
            all_lines.remove(line)
        new_lines = _new_lines(invoice, add, max((line.position for line in all_lines), default=-1))
        all_lines += new_lines
        changes += [{"added": _line_values(line, invoice.currency)} for line in new_lines]
        if not changes and notes_change is None:
            return invoice

        rate = tax_rates_for([invoice.customer])[invoice.customer_id]
        invoice.tax = lines_tax_apply(all_lines, rate, invoice.currency)
        invoice.subtotal = sum((line.amount for line in all_lines), ZERO)
        invoice.total = invoice.subtotal + invoice.tax
        for line in all_lines:
            if line.pk is None:  # added
                line.save()
                continue
            tax_changed = before_tax[line.pk] != (line.tax_rate_id, line.tax_name, line.tax_percentage,
                                                   line.tax_amount)
            if line.pk in edited or tax_changed:
                line.save(update_fields=[*EDIT_FIELDS, *TAX_FIELDS])  # save(): simple-history records it
        invoice.save(update_fields=["subtotal", "tax", "total", "notes"])
        audit_record(
            rule="invoicing.review_edit",
            action="invoice_draft_edited",
            obj=invoice,
            actor=actor,
            inputs={"lines": changes, **({"notes": notes_change} if notes_change else {})},
            outcome={"before": before_totals, "after": _totals(invoice), "review_status": invoice.review_status},
        )
    return invoice
