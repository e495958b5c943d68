"""Revenue in the journal follows each contract's allocated (relative-SSP) schedules.

Invoices keep booking what they bill as today: Dr AR / Cr Deferred revenue (or Revenue for what is
already earned), and each invoice line's billing-based schedule is recognised by
``revrec.services`` (Dr Deferred revenue / Cr Revenue). A contract's plan (``revrec.obligations``,
derived by the pure engine ``revrec.asc606`` that also answers the preview API) says what each
performance obligation should have earned by a date. At each month end the difference, summed over
the contract's obligations, is posted:

    target(M) = sum over obligations of (allocated schedule to the end of M
                                         - billing-based schedule of its invoice lines to the end of M)
    posting(M) = target(M) - what earlier postings already moved

so the journal's revenue to date equals the plan's for the contract. The cumulative position (the
sum of the postings) is a contract asset (Dr 1150 Unbilled receivable, contract asset) while
positive, a contract liability (Cr 2100 Deferred revenue) while negative.

A modification treated as a cumulative catch-up posts the engine's catch-up at once, dated on the
modification's effective date (or in the next open month if that month is closed); the month-end
posting counts it, so nothing is booked twice. Usage (variable consideration, ASC 606-10-32-40) and
prepaid credit are outside the allocation and keep their own entries. Open-ended (evergreen)
contracts are recognised per billed period (no fixed term to allocate over): no postings."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction

from audit.services import audit_record
from invoicing.models import InvoiceLine
from ledger.choices import AccountCode
from ledger.services import journal_entry_post, signed

from .asc606.money import money_str
from .billing_schedules import ISSUED, billing_based_recognition_date, invoice_line_revenue_rows
from .models import (
    AllocationPostingReason,
    ModificationTreatment,
    ObligationKind,
    ObligationScheduleEntry,
    RecognitionPattern,
    RevenueAllocationPosting,
    RevenueContract,
    RevenueModification,
)

ZERO = Decimal(0)


def allocation_applies(plan: RevenueContract) -> bool:
    """Postings follow the plan of a derived, fixed-term contract (an evergreen contract's plan is a
    12-month horizon for display; its revenue is recognised per billed period)."""
    return plan.derived_at is not None and plan.contract.end_date is not None


def obligation_follows_plan(obligation: Any, *, modified: bool) -> bool:
    """An obligation's revenue follows its allocated schedule when the allocation moved price onto
    or off it (its allocated amount is not its own list price), when it bundles several lines (one
    pattern over all of them), or once the contract was modified (the modification's accounting is
    the plan's). Otherwise its invoice lines' schedules, ratable by
    day over each billed service period at the very price allocated to it, are its revenue: a plain
    subscription's month is its monthly fee, with no contract asset or liability from day counts."""
    return (
        modified
        or obligation.allocated_amount != obligation.list_price
        or len(obligation.contract_line_ids or []) > 1  # a bundle: one pattern over all its lines
    )


def _month(day: date) -> date:
    return day.replace(day=1)


def revenue_to_date(plan: RevenueContract, *, before: date) -> dict[str, dict[str, Decimal]]:
    """Per obligation that follows the plan (usage aside): the allocated schedule and the billing-based schedule of its
    invoice lines (issued invoices, as ``revenue_schedule_build`` scheduled them, credit notes
    aside: a credit note's own entry stays on top) recognised before ``before``."""
    modified = plan.modifications.exists()
    obligations = [
        o for o in plan.obligations.all()
        if o.kind != ObligationKind.USAGE and obligation_follows_plan(o, modified=modified)
    ]
    out: dict[str, dict[str, Decimal]] = {
        o.code: {"allocated": ZERO, "billing_based": ZERO} for o in obligations
    }
    # Summed here, not by the database: SQLite sums decimals as floats.
    planned = ObligationScheduleEntry.objects.filter(obligation__in=obligations, on__lt=before).values_list(
        "obligation__code", "amount"
    )
    for code, amount in planned:
        out[code]["allocated"] += amount
    by_line = {line_id: o.code for o in obligations for line_id in o.contract_line_ids}
    lines = InvoiceLine.objects.filter(
        contract_line_id__in=list(by_line), invoice__status__in=ISSUED, invoice__issue_date__lt=before
    ).select_related("invoice", "invoice__contract")
    for line in lines:
        if not line.amount or line.price_snapshot.get("added_in_review"):
            continue  # a reviewer's one-off charge is not part of the contract's promised price
        pattern, rows = invoice_line_revenue_rows(line.invoice, line)
        if pattern == RecognitionPattern.AS_CONSUMED:
            continue
        issue_date = line.invoice.issue_date
        assert issue_date is not None
        code = by_line[line.contract_line_id]
        for _start, end, amount in rows:
            if billing_based_recognition_date(pattern, end, issue_date) < before:
                out[code]["billing_based"] += amount
    return out


def position_move(before: Decimal, amount: Decimal) -> tuple[Decimal, Decimal]:
    """How moving a contract's position by ``amount`` moves its two sides: (change of the contract
    asset, a debit when positive; change of the contract liability, a credit when positive). The
    asset is the positive part of the position, the liability the negative part, so
    asset - liability == amount and the entry Dr asset / Cr liability / Cr Revenue amount balances."""
    after = before + amount
    return max(after, ZERO) - max(before, ZERO), max(-after, ZERO) - max(-before, ZERO)


def _posted(plan: RevenueContract, **filters: Any) -> Decimal:
    return sum(plan.allocation_postings.filter(**filters).values_list("amount", flat=True), ZERO)


def _post(
    plan: RevenueContract,
    *,
    amount: Decimal,
    period: date,
    entry_date: date,
    reason: str,
    memo: str,
    detail: dict[str, Any],
    modification: RevenueModification | None = None,
) -> RevenueAllocationPosting:
    before = _posted(plan)
    after = before + amount
    asset, liability = position_move(before, amount)
    posting = RevenueAllocationPosting.objects.create(
        revenue_contract=plan,
        period=period,
        entry_date=entry_date,
        reason=reason,
        modification=modification,
        amount=amount,
        contract_asset=asset,
        contract_liability=liability,
        position_after=after,
        currency=plan.currency,
        detail=detail,
    )
    source_key = f"revenue_allocation:{posting.pk}"
    entry = journal_entry_post(
        source_key=source_key,
        entry_date=entry_date,
        memo=memo,
        currency=plan.currency,
        customer_id=plan.contract.customer_id,
        postings=[
            signed(AccountCode.UNBILLED_RECEIVABLE, asset),
            signed(AccountCode.DEFERRED_REVENUE, -liability),
            signed(AccountCode.REVENUE, -amount),
        ],
        rule=f"revrec.allocation_{reason}",
    )
    posting.journal_source_key = source_key
    posting.entry_date = entry.entry_date
    posting.save()
    return posting


@transaction.atomic
def revenue_allocation_post(*, revenue_contract_id: int, month: date) -> RevenueAllocationPosting | None:
    """Bring a contract's recognised revenue to its allocated schedules at the end of ``month``.
    Idempotent: run again, it posts nothing unless the plan or the invoices changed since (then it
    posts the difference)."""
    plan = RevenueContract.objects.select_for_update().select_related("contract").get(pk=revenue_contract_id)
    if not allocation_applies(plan):
        return None
    first = _month(month)
    before = first + relativedelta(months=1)
    figures = revenue_to_date(plan, before=before)
    target = sum((f["allocated"] - f["billing_based"] for f in figures.values()), ZERO)
    due = target - _posted(plan, period__lt=before)
    if not due:
        return None
    detail = {
        "through": (before - timedelta(days=1)).isoformat(),
        "obligations": {
            code: {"allocated": money_str(f["allocated"], plan.currency),
                   "billing_based": money_str(f["billing_based"], plan.currency)}
            for code, f in figures.items()
        },
        "target": money_str(target, plan.currency),
    }
    posting = _post(
        plan,
        amount=due,
        period=first,
        entry_date=before - timedelta(days=1),
        reason=AllocationPostingReason.MONTH_END,
        memo=f"Revenue to allocated schedules (ASC 606): {plan.contract.external_id} {first:%Y-%m}",
        detail=detail,
    )
    audit_record(
        rule="revrec.allocation_month_end",
        action="revenue_allocation_posted",
        obj=plan,
        inputs={"month": first.isoformat(), **detail},
        outcome={
            "revenue": posting.amount,
            "contract_asset": posting.contract_asset,
            "contract_liability": posting.contract_liability,
            "position_after": posting.position_after,
            "entry": posting.journal_source_key,
        },
    )
    return posting


def revenue_allocation_post_month(*, month: date) -> list[RevenueAllocationPosting]:
    """Month-end postings for every fixed-term contract with a revenue plan."""
    plans = RevenueContract.objects.filter(contract__end_date__isnull=False, derived_at__isnull=False).order_by("pk")
    out: list[RevenueAllocationPosting] = []
    for plan_id in plans.values_list("pk", flat=True):
        posting = revenue_allocation_post(revenue_contract_id=plan_id, month=month)
        if posting is not None:
            out.append(posting)
    return out


def _catch_up_of(plan: RevenueContract, modification: RevenueModification) -> dict[str, Decimal]:
    """The engine's cumulative catch-up per obligation for this modification (empty unless it is
    treated as a cumulative catch-up)."""
    from .asc606 import RevenueInputError, compute, parse_contract_input
    from .plan_input import engine_input

    if modification.treatment != ModificationTreatment.CUMULATIVE_CATCH_UP:
        return {}
    try:
        result = compute(parse_contract_input(engine_input(plan)))
    except RevenueInputError:
        return {}  # the plan cannot be derived as it stands (audited by revenue_contract_derive)
    ordered = list(plan.modifications.order_by("effective_date", "id").values_list("pk", flat=True))
    logged = result.modifications[ordered.index(modification.pk)]
    catch_up = logged.get("catch_up") or {}
    assert isinstance(catch_up, dict)
    return {str(code): Decimal(amount) for code, amount in catch_up.items()}


@transaction.atomic
def revenue_catch_up_post(*, modification_id: int) -> RevenueAllocationPosting | None:
    """Post a cumulative catch-up in the period of the modification: the difference between what
    the obligations had earned before the effective date and what they would have earned had the
    change been in the contract from inception. Dated on the effective date (a closed month sends
    it to the next open one, with a note). Re-run after an override of the treatment, it posts only
    the difference (a reversal when the treatment is no longer a catch-up). Audited with the
    classification and the amounts."""
    modification = RevenueModification.objects.get(pk=modification_id)
    plan = RevenueContract.objects.select_for_update().select_related("contract").get(
        pk=modification.revenue_contract_id
    )
    if not allocation_applies(plan):
        return None
    catch_up = _catch_up_of(plan, modification)
    wanted = sum(catch_up.values(), ZERO)
    already = _posted(plan, modification=modification)
    due = wanted - already
    if not due and not catch_up:
        return None
    posting = None
    if due:
        effective = modification.effective_date
        posting = _post(
            plan,
            amount=due,
            period=_month(effective),
            entry_date=effective,
            reason=AllocationPostingReason.CATCH_UP,
            memo=f"Cumulative catch-up (ASC 606-10-25-13b): amendment {modification.amendment_id}, "
            f"{plan.contract.external_id}",
            detail={
                "catch_up": {code: money_str(x, plan.currency) for code, x in catch_up.items()},
                "posted_before": money_str(already, plan.currency),
            },
            modification=modification,
        )
    audit_record(
        rule="revrec.modification_catch_up",
        action="modification_catch_up_posted",
        obj=modification,
        inputs={
            "amendment": modification.amendment_id,
            "effective_date": modification.effective_date,
            "default_treatment": modification.default_treatment,
            "treatment": modification.treatment,
            "catch_up": catch_up,
            "posted_before": already,
        },
        outcome={
            "posted": due,
            "entry": posting.journal_source_key if posting else None,
            "entry_date": posting.entry_date if posting else None,
            "contract_asset": posting.contract_asset if posting else ZERO,
            "contract_liability": posting.contract_liability if posting else ZERO,
        },
    )
    return posting
