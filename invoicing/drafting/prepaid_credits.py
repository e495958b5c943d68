"""Prepaid credits: a pool bought on an invoice (a ``prepaid_credit`` line: ``price`` invoiced,
``amount`` granted) that the contract's usage charges draw down when recurring invoices are
drafted; overage beyond the pool is invoiced at the line prices.

Every movement is a ``CreditLedgerEntry``; the grant row keeps the running balance and is
locked (``select_for_update``) while a draft draws from it, so two billing runs drafting
invoices of the same contract at once can neither overdraw a pool nor draw it twice. The
arithmetic is the pure ``rating.apply_prepaid_credit``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q

from audit.services import audit_record
from contracts.choices import ChargeModel, ContractStatus
from contracts.models import ContractLine
from invoicing.choices import InvoiceKind, InvoiceStatus, LineKind
from invoicing.models import (
    CreditGrant,
    CreditGrantKind,
    CreditLedgerEntry,
    CreditLedgerKind,
    Invoice,
    InvoiceLine,
)
from rating import apply_prepaid_credit, format_money, round_money

ZERO = Decimal(0)
Actor = AbstractBaseUser | str | None
# Charges a pool pays for: rated usage (and late usage), in invoice line order. Line minimums and
# commitment true-ups are not usage and stay payable.
DRAWABLE_KINDS = (LineKind.USAGE, LineKind.LATE_USAGE)


@dataclass
class _Draft:
    """What applying credit to one draft did, for its lines and its audit record."""

    drawn: dict[int, Decimal] = field(default_factory=lambda: defaultdict(lambda: ZERO))  # grant pk -> drawn
    periods: dict[str, list[InvoiceLine]] = field(default_factory=lambda: defaultdict(list))  # code -> lines paid
    expired: dict[int, Decimal] = field(default_factory=dict)  # grant pk -> breakage
    top_ups: list[CreditGrant] = field(default_factory=list)


# --- grants ----------------------------------------------------------------------------------


def credit_grant_for_invoice(invoice: Invoice) -> list[CreditGrant]:
    """Grant the pools bought on ``invoice``: one grant per prepaid purchase line, for the line's
    ``amount`` of credit, usable from the invoice's billing date until the line's ``expires_on``.
    Call it in the transaction that drafts the invoice. Idempotent (one grant per invoice and
    line): a second call returns the existing grants."""
    if invoice.contract_id is None:
        return []
    lines = ContractLine.objects.filter(contract_id=invoice.contract_id, charge_model=ChargeModel.PREPAID_CREDIT)
    prepaid = {line.pk: line for line in lines}
    purchases = invoice.lines.filter(kind=LineKind.FIXED, contract_line_id__in=list(prepaid)).order_by("position", "id")
    grants = []
    for purchase in purchases:
        if purchase.price_snapshot.get("top_up"):
            continue  # top-ups are granted by credit_apply_to_draft, which adds their lines
        line = prepaid[purchase.contract_line_id]
        grants.append(
            _grant(
                invoice=invoice,
                invoice_line=purchase,
                line=line,
                kind=CreditGrantKind.PURCHASE,
                amount=line.amount or ZERO,
                price=purchase.amount,
            )
        )
    return grants


def _grant(
    *, invoice: Invoice, invoice_line: InvoiceLine, line: ContractLine, kind: str, amount: Decimal, price: Decimal
) -> CreditGrant:
    existing = CreditGrant.objects.filter(source_invoice=invoice, line_code=line.code, kind=kind).first()
    if existing is not None:
        return existing
    grant = CreditGrant.objects.create(
        contract_id=invoice.contract_id,
        line_code=line.code,
        kind=kind,
        amount=amount,
        price=price,
        balance=amount,
        currency=invoice.currency,
        granted_on=invoice.billing_date,
        expires_on=line.expires_on,
        source_invoice=invoice,
        source_invoice_line=invoice_line,
    )
    entry_kind = CreditLedgerKind.GRANT if kind == CreditGrantKind.PURCHASE else CreditLedgerKind.TOP_UP
    CreditLedgerEntry.objects.create(grant=grant, invoice=invoice, kind=entry_kind, amount=amount, balance_after=amount)
    audit_record(
        rule="invoicing.prepaid_credit",
        action="credit_granted" if kind == CreditGrantKind.PURCHASE else "credit_topped_up",
        obj=grant,
        inputs={"invoice_id": invoice.pk, "line": line.code, "price": price, "expires_on": line.expires_on},
        outcome={"amount": amount, "balance": grant.balance},
    )
    return grant


# --- drawdown, top-up, expiry ----------------------------------------------------------------


def _lock_grants(contract_id: int) -> list[CreditGrant]:
    """The contract's grants, row-locked in primary key order (one order for every caller, so two
    drafts cannot deadlock). The query runs twice: the first waits for a concurrent draft holding
    the locks to commit, the second (a fresh statement, so a fresh snapshot) also sees the grants
    that draft created, e.g. a top-up, which the first statement's snapshot predates."""
    grants = CreditGrant.objects.select_for_update().filter(contract_id=contract_id).order_by("pk")
    list(grants)
    return list(grants)


def _usable(grant: CreditGrant, line: InvoiceLine, billing_date: date) -> bool:
    """A pool pays for usage of periods that start before it expires, once it has been granted."""
    if grant.balance <= ZERO or grant.granted_on > billing_date:
        return False
    return grant.expires_on is None or line.period_start < grant.expires_on


def _draw_order(grant: CreditGrant) -> tuple[bool, date, date, int]:
    # The pool that expires first is used first (less breakage for the customer), then the oldest.
    return (grant.expires_on is None, grant.expires_on or date.max, grant.granted_on, grant.pk)


def _draw(invoice: Invoice, lines: Sequence[InvoiceLine], grants: Sequence[CreditGrant], draft: _Draft) -> None:
    ordered = sorted(grants, key=_draw_order)
    for line in lines:
        if line.kind not in DRAWABLE_KINDS or line.amount <= ZERO:
            continue
        remaining = line.amount
        for grant in ordered:
            if remaining <= ZERO:
                break
            if not _usable(grant, line, invoice.billing_date):
                continue
            drawn, grant.balance = apply_prepaid_credit(rated_usage_amount=remaining, balance=grant.balance)
            remaining -= drawn
            draft.drawn[grant.pk] += drawn
            draft.periods[grant.line_code].append(line)


def _expire(grant: CreditGrant, *, invoice: Invoice | None, draft: _Draft | None = None) -> Decimal:
    """Expire what is left of a locked grant: breakage, recorded once per grant."""
    breakage = grant.balance
    if breakage <= ZERO or CreditLedgerEntry.objects.filter(grant=grant, kind=CreditLedgerKind.EXPIRY).exists():
        return ZERO
    grant.balance = ZERO
    grant.save()
    CreditLedgerEntry.objects.create(
        grant=grant, invoice=invoice, kind=CreditLedgerKind.EXPIRY, amount=-breakage, balance_after=ZERO
    )
    if draft is not None:
        draft.expired[grant.pk] = breakage
    return breakage


def credit_apply_to_draft(invoice: Invoice) -> Invoice:
    """Pay the usage charges of a just-drafted recurring invoice from the contract's prepaid pools.

    Call it inside the transaction that drafts the invoice, after its lines are created. Per
    prepaid line it adds one negative ``credit`` line ("Prepaid credit applied (balance X left)")
    for min(balance, usage charges), drawn in line order from the pool expiring first; whatever
    the pools do not cover stays billed at the line prices (overage). Then:

    - expiry: pools whose ``expires_on`` is on or before the billing date lose their balance
      (breakage), since no later usage period can draw them;
    - top-up: a prepaid line with ``top_up_threshold`` and ``top_up_amount`` whose balance fell
      below the threshold on this draft buys ``top_up_amount`` more on this invoice, at the
      purchase's price per credit; the new pool pays from the next invoice on.

    Subtotal and total are recomputed. Idempotent: an invoice already drawn is returned as is.
    """
    if invoice.contract_id is None or invoice.kind != InvoiceKind.RECURRING or invoice.status != InvoiceStatus.DRAFT:
        return invoice
    with transaction.atomic():
        grants = _lock_grants(invoice.contract_id)
        if not grants:
            return invoice
        if CreditLedgerEntry.objects.filter(invoice=invoice, kind=CreditLedgerKind.DRAWDOWN).exists():
            return invoice
        before = {grant.pk: grant.balance for grant in grants}
        lines = list(invoice.lines.order_by("position", "id"))
        draft = _Draft()
        _draw(invoice, lines, grants, draft)
        for grant in grants:
            if draft.drawn.get(grant.pk):
                grant.save()  # save(), not update(): history records each balance
                CreditLedgerEntry.objects.create(
                    grant=grant,
                    invoice=invoice,
                    kind=CreditLedgerKind.DRAWDOWN,
                    amount=-draft.drawn[grant.pk],
                    balance_after=grant.balance,
                )
        for grant in grants:
            if grant.expires_on is not None and grant.expires_on <= invoice.billing_date:
                _expire(grant, invoice=invoice, draft=draft)
        position = max((line.position for line in lines), default=-1) + 1
        prepaid_lines = {
            line.code: line
            for line in ContractLine.objects.filter(
                contract_id=invoice.contract_id, charge_model=ChargeModel.PREPAID_CREDIT
            )
        }
        position = _add_credit_lines(invoice, grants, prepaid_lines, draft, position)
        _top_up(invoice, grants, prepaid_lines, draft, position)
        if draft.drawn or draft.expired or draft.top_ups:
            invoice.subtotal = sum((line.amount for line in invoice.lines.all()), ZERO)
            invoice.total = invoice.subtotal + invoice.tax
            invoice.save(update_fields=["subtotal", "total"])
            audit_record(
                rule="invoicing.prepaid_credit",
                action="prepaid_credit_applied",
                obj=invoice,
                inputs={
                    "balances_before": {str(pk): balance for pk, balance in before.items()},
                    "usage": {line.line_code: line.amount for line in lines if line.kind in DRAWABLE_KINDS},
                },
                outcome={
                    "drawn": {str(pk): amount for pk, amount in draft.drawn.items()},
                    "expired": {str(pk): amount for pk, amount in draft.expired.items()},
                    "top_ups": {str(g.pk): g.amount for g in draft.top_ups},
                    "balances_after": {str(grant.pk): grant.balance for grant in grants},
                    "total": invoice.total,
                },
            )
    return invoice


def _add_credit_lines(
    invoice: Invoice,
    grants: Sequence[CreditGrant],
    prepaid_lines: dict[str, ContractLine],
    draft: _Draft,
    position: int,
) -> int:
    by_code: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for grant in grants:
        by_code[grant.line_code] += draft.drawn.get(grant.pk, ZERO)
    for code, drawn in by_code.items():
        if not drawn:
            continue
        left = sum((g.balance for g in grants if g.line_code == code), ZERO)
        paid = draft.periods[code]
        line = prepaid_lines.get(code)
        InvoiceLine(
            invoice=invoice,
            position=position,
            contract_line_id=getattr(line, "pk", None),
            line_code=code,
            kind=LineKind.CREDIT,
            description=f"Prepaid credit applied (balance {format_money(left, invoice.currency)} left)",
            quantity=Decimal(1),
            unit_price=-drawn,
            precise_amount=-drawn,
            amount=-drawn,
            period_start=min(p.period_start for p in paid),
            period_end=max(p.period_end for p in paid),
            price_snapshot={
                "charge_model": ChargeModel.PREPAID_CREDIT,
                "credit_drawn": drawn,
                "balance_after": left,
                "grants": {str(g.pk): draft.drawn[g.pk] for g in grants if draft.drawn.get(g.pk)},
            },
        ).save()
        position += 1
    return position


def _top_up(
    invoice: Invoice,
    grants: list[CreditGrant],
    prepaid_lines: dict[str, ContractLine],
    draft: _Draft,
    position: int,
) -> None:
    for code, line in prepaid_lines.items():
        if line.top_up_threshold is None or not line.top_up_amount or not line.amount or line.price is None:
            continue
        own = [g for g in grants if g.line_code == code]
        if not any(draft.drawn.get(g.pk) for g in own):
            continue  # only a drawdown makes the balance fall below the threshold
        if line.expires_on is not None and line.expires_on <= invoice.billing_date:
            continue  # credit bought now would already be expired
        balance = sum((g.balance for g in own), ZERO)
        if balance >= line.top_up_threshold:
            continue
        # Top-ups are priced like the purchase: price per credit = price / amount.
        precise = line.top_up_amount * line.price / line.amount
        amount = round_money(precise, invoice.currency)
        purchase = InvoiceLine(
            invoice=invoice,
            position=position,
            contract_line_id=line.pk,
            line_code=code,
            kind=LineKind.FIXED,
            description=(
                f"{line.description or code}: {format_money(line.top_up_amount, invoice.currency)}"
                " prepaid credit top-up"
            ),
            quantity=Decimal(1),
            unit_price=precise,
            precise_amount=precise,
            amount=amount,
            period_start=invoice.billing_date,
            period_end=invoice.billing_date + timedelta(days=1),
            price_snapshot={
                "charge_model": line.charge_model,
                "amount": line.amount,
                "price": line.price,
                "top_up": True,
                "top_up_amount": line.top_up_amount,
                "top_up_threshold": line.top_up_threshold,
            },
        )
        purchase.save()
        position += 1
        grant = _grant(
            invoice=invoice,
            invoice_line=purchase,
            line=line,
            kind=CreditGrantKind.TOP_UP,
            amount=line.top_up_amount,
            price=amount,
        )
        grants.append(grant)
        draft.top_ups.append(grant)


def credit_grants_expire_due(*, today: date, actor: Actor = None) -> int:
    """Record the breakage of pools past their ``expires_on`` that no draft will expire: pools of
    contracts that are no longer active (a running contract's pools expire on its next recurring
    draft, after the last usage period they may pay for was drawn). Returns how many expired."""
    count = 0
    due = CreditGrant.objects.filter(balance__gt=ZERO, expires_on__lte=today).filter(
        ~Q(contract__status=ContractStatus.ACTIVE)
    )
    for contract_id in sorted(set(due.values_list("contract_id", flat=True))):
        with transaction.atomic():
            for grant in _lock_grants(contract_id):
                if grant.expires_on is None or grant.expires_on > today:
                    continue
                breakage = _expire(grant, invoice=None)
                if breakage:
                    count += 1
                    audit_record(
                        rule="invoicing.prepaid_credit_expiry",
                        action="credit_expired",
                        obj=grant,
                        actor=actor,
                        inputs={"expires_on": grant.expires_on, "today": today},
                        outcome={"breakage": breakage},
                    )
    return count


def credit_balance(*, contract_id: int, line_code: str | None = None) -> Decimal:
    """The unexpired prepaid balance of a contract (optionally of one prepaid line)."""
    grants = CreditGrant.objects.filter(contract_id=contract_id)
    if line_code is not None:
        grants = grants.filter(line_code=line_code)
    return sum((g.balance for g in grants), ZERO)
