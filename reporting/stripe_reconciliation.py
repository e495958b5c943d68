"""Continuous reconciliation with Stripe's own side: balance transactions and payouts fetched
from Stripe, matched to our payments and refunds; Stripe's fees posted to the ledger; everything
that does not match becomes a finding with its evidence.

Matching:
- ``charge`` / ``payment``: the payment whose ``stripe_charge_id`` is the transaction's source,
  same currency and gross amount. Its fee is posted (Dr processing fees / Cr Cash) once per
  transaction, so Cash in the ledger is what Stripe actually paid out.
- ``refund`` / ``payment_refund``: the refund whose ``stripe_refund_id`` is the source (Stripe's
  amount is negative).
- ``payout``: the payout's own transaction, checked through the payout.
- anything else (adjustments, disputes, Stripe's own fees): a finding to explain.
- A payout: the net of the transactions it paid out must equal its amount.
- Our side: every card payment with a Stripe charge received in the window must appear in Stripe.

Safe to run again: transactions and payouts are stored once by Stripe id, fees are posted once per
transaction (the ledger's source key), findings once per (kind, reference), and a finding someone
explained or resolved keeps its status, owner and note."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from audit.services import audit_record
from integrations.stripe_balance import (
    BalanceTransaction,
    Payout,
    balance_transactions_list,
    payout_balance_transactions,
    payouts_list,
)
from ledger.services import processing_fee_post
from receivables.choices import PaymentMethod
from receivables.models import Payment, Refund

from .models import FindingStatus, ReconciliationFinding, StripeBalanceTransaction, StripePayout

CHARGE_TYPES = {"charge", "payment"}
REFUND_TYPES = {"refund", "payment_refund"}
PAYOUT_TYPES = {"payout", "payout_cancel", "payout_failure"}


@dataclass
class ReconcileResult:
    transactions: int = 0
    matched: int = 0
    fees_posted: int = 0
    payouts: int = 0
    payouts_reconciled: int = 0
    findings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "findings": len(self.findings)}


def _finding(result: ReconcileResult, *, kind: str, reference: str, message: str, amount: Decimal | None = None,
             currency: str = "", evidence: dict[str, Any]) -> None:
    finding, created = ReconciliationFinding.objects.get_or_create(
        kind=kind, reference=reference,
        defaults={"message": message, "amount": amount, "currency": currency, "evidence": evidence},
    )
    if not created and finding.status == FindingStatus.OPEN and finding.evidence != evidence:
        finding.message, finding.evidence = message, evidence  # fresher evidence; people's work is kept
        finding.save()
    result.findings.append(f"{kind}:{reference}")


def _store_transaction(txn: BalanceTransaction) -> StripeBalanceTransaction:
    values = {
        "type": txn.type, "amount": txn.amount, "fee": txn.fee, "net": txn.net, "currency": txn.currency,
        "created": txn.created, "available_on": txn.available_on, "source": txn.source,
        "reporting_category": txn.reporting_category, "raw": txn.raw,
    }
    if txn.payout:
        values["payout"] = txn.payout
    stored, _ = StripeBalanceTransaction.objects.update_or_create(stripe_id=txn.id, defaults=values)
    return stored


def _evidence(txn: BalanceTransaction, **ours: Any) -> dict[str, Any]:
    return {
        "stripe": {"id": txn.id, "type": txn.type, "amount": txn.amount, "fee": txn.fee, "net": txn.net,
                   "currency": txn.currency, "created": txn.created, "source": txn.source, "payout": txn.payout},
        "ours": ours,
    }


def _match_charge(txn: BalanceTransaction, stored: StripeBalanceTransaction, result: ReconcileResult) -> int | None:
    payment = Payment.objects.filter(stripe_charge_id=txn.source).first() if txn.source else None
    if payment is None:
        _finding(result, kind="stripe_charge_unmatched", reference=txn.id, amount=txn.amount, currency=txn.currency,
                 message=f"Stripe charge {txn.source or txn.id} of {txn.amount} {txn.currency} has no payment here.",
                 evidence=_evidence(txn))
        return None
    if payment.currency != txn.currency or payment.amount != txn.amount:
        _finding(result, kind="amount_mismatch", reference=txn.id, amount=txn.amount - payment.amount,
                 currency=txn.currency,
                 message=f"Stripe charged {txn.amount} {txn.currency}, payment #{payment.pk} records "
                         f"{payment.amount} {payment.currency}.",
                 evidence=_evidence(txn, payment=payment.pk, amount=payment.amount, currency=payment.currency))
        return payment.customer_id
    stored.matched_to = f"receivables.payment:{payment.pk}"
    stored.save(update_fields=["matched_to", "fetched_at"])
    result.matched += 1
    return payment.customer_id


def _match_refund(txn: BalanceTransaction, stored: StripeBalanceTransaction, result: ReconcileResult) -> None:
    refund = Refund.objects.filter(stripe_refund_id=txn.source).first() if txn.source else None
    if refund is None or refund.amount != -txn.amount or refund.currency != txn.currency:
        ours = {"refund": refund.pk, "amount": refund.amount, "currency": refund.currency} if refund else {}
        _finding(result, kind="stripe_refund_unmatched", reference=txn.id, amount=txn.amount, currency=txn.currency,
                 message=f"Stripe refund {txn.source or txn.id} of {-txn.amount} {txn.currency} does not match a "
                         "refund here.", evidence=_evidence(txn, **ours))
        return
    stored.matched_to = f"receivables.refund:{refund.pk}"
    stored.save(update_fields=["matched_to", "fetched_at"])
    result.matched += 1


def _reconcile_transaction(txn: BalanceTransaction, result: ReconcileResult) -> None:
    with transaction.atomic():
        stored = _store_transaction(txn)
        result.transactions += 1
        customer_id = None
        if txn.type in CHARGE_TYPES:
            customer_id = _match_charge(txn, stored, result)
        elif txn.type in REFUND_TYPES:
            _match_refund(txn, stored, result)
        elif txn.type not in PAYOUT_TYPES:
            _finding(result, kind="stripe_item_unexplained", reference=txn.id, amount=txn.amount,
                     currency=txn.currency,
                     message=f"Stripe {txn.type.replace('_', ' ')} of {txn.amount} {txn.currency}: not ours to match, "
                             "explain it.", evidence=_evidence(txn))
        if txn.fee:
            processing_fee_post(
                reference=txn.id, amount=txn.fee, currency=txn.currency, entry_date=txn.created.date(),
                customer_id=customer_id, memo=f"Stripe fee on {txn.type} {txn.source or txn.id}",
            )
            result.fees_posted += 1


def _reconcile_payout(payout: Payout, result: ReconcileResult) -> None:
    transactions = list(payout_balance_transactions(payout_id=payout.id))
    for txn in transactions:
        if txn.type not in PAYOUT_TYPES:
            _store_transaction(txn)
    paid_out = sum((t.net for t in transactions if t.type not in PAYOUT_TYPES), Decimal(0))
    with transaction.atomic():
        stored, _ = StripePayout.objects.update_or_create(
            stripe_id=payout.id,
            defaults={"amount": payout.amount, "currency": payout.currency, "status": payout.status,
                      "created": payout.created, "arrival_date": payout.arrival_date, "raw": payout.raw,
                      "transactions_net": paid_out},
        )
        stored.is_reconciled = paid_out == payout.amount
        stored.save(update_fields=["is_reconciled"])
        result.payouts += 1
        if stored.is_reconciled:
            result.payouts_reconciled += 1
            return
        _finding(result, kind="payout_mismatch", reference=payout.id, amount=payout.amount - paid_out,
                 currency=payout.currency,
                 message=f"Payout {payout.id} of {payout.amount} {payout.currency} but its transactions net "
                         f"{paid_out}.",
                 evidence={"payout": {"id": payout.id, "amount": payout.amount, "status": payout.status,
                                      "arrival_date": payout.arrival_date},
                           "transactions": [{"id": t.id, "type": t.type, "net": t.net, "source": t.source}
                                            for t in transactions]})


def _check_our_payments(start: datetime, end: datetime, result: ReconcileResult) -> None:
    seen = set(StripeBalanceTransaction.objects.filter(type__in=CHARGE_TYPES).values_list("source", flat=True))
    missing = (
        Payment.objects.filter(method=PaymentMethod.CARD, received_at__gte=start, received_at__lt=end)
        .exclude(stripe_charge_id="")
        .exclude(stripe_charge_id__in=seen)
    )
    for payment in missing:
        _finding(result, kind="payment_missing_in_stripe", reference=f"receivables.payment:{payment.pk}",
                 amount=payment.amount, currency=payment.currency,
                 message=f"Payment #{payment.pk} ({payment.amount} {payment.currency}, charge "
                         f"{payment.stripe_charge_id}) has no Stripe balance transaction.",
                 evidence={"ours": {"payment": payment.pk, "charge": payment.stripe_charge_id,
                                    "amount": payment.amount, "received_at": payment.received_at}})


def stripe_reconcile(*, start: datetime, end: datetime) -> ReconcileResult:
    """Fetch Stripe's balance transactions and payouts created in [start, end), match them, post the
    fees, record findings; writes one audit record with the counts."""
    result = ReconcileResult()
    for txn in balance_transactions_list(created_from=start, created_to=end):
        _reconcile_transaction(txn, result)
    for payout in payouts_list(created_from=start, created_to=end):
        _reconcile_payout(payout, result)
    _check_our_payments(start, end, result)
    audit_record(
        rule="reporting.stripe_reconcile", action="stripe_reconciled", object_type="stripe.balance",
        object_id=f"{start:%Y-%m-%d}..{end:%Y-%m-%d}",
        inputs={"start": start, "end": end}, outcome={**result.as_dict(), "finding_refs": result.findings},
    )
    return result
