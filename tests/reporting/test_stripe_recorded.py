"""A Stripe payout matched end to end against recorded Stripe API responses: the real stripe SDK
pages through balance transactions and payouts (responses at the HTTP layer), the reconciliation
task matches them to our payments, posts Stripe's fees to the ledger and reconciles the payout."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
import responses
import time_machine
from django.db.models import Sum

from ledger.choices import AccountCode
from ledger.models import JournalLine
from receivables.services import payment_record
from reporting.models import ReconciliationFinding, StripeBalanceTransaction, StripePayout
from reporting.tasks import stripe_reconcile_task
from tests.factories import CustomerFactory
from tests.reporting.factories import OpenInvoiceFactory
from tests.reporting.stripe_recorded import RecordedStripe, balance_transaction, payout

pytestmark = pytest.mark.django_db
T = int(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC).timestamp())
CHARGES = 105  # more than a page of 100: the SDK follows has_more with starting_after


@pytest.fixture
def recorded(settings, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    settings.STRIPE_API_KEY = "sk_test_recorded"
    settings.STRIPE_API_BASE = ""  # Stripe's own address: responses answers it
    customer = CustomerFactory(external_id="acme")
    transactions, payments = [], []
    for i in range(CHARGES):
        amount = 1000 + i  # cents
        invoice = OpenInvoiceFactory(customer=customer, total=D(amount) / 100, subtotal=D(amount) / 100)
        with django_capture_on_commit_callbacks(execute=True):
            payments.append(payment_record(
                invoice=invoice, amount=D(amount) / 100, method="card", stripe_charge_id=f"ch_3Rec{i:04d}",
                received_at=dt.datetime.fromtimestamp(T + i * 60, tz=dt.UTC),
            ))
        fee = round(amount * 0.029) + 30
        transactions.append(balance_transaction(f"txn_3Rec{i:04d}", "charge", amount, fee, f"ch_3Rec{i:04d}",
                                                T + i * 60, payout="po_1Rec0001"))
    gross = sum(t["amount"] for t in transactions)
    net = sum(t["net"] for t in transactions)
    transactions.append(balance_transaction("txn_po_1Rec0001", "payout", -net, 0, "po_1Rec0001", T + 3 * 86400,
                                            description="STRIPE PAYOUT"))
    stripe = RecordedStripe(transactions=transactions, payouts=[payout("po_1Rec0001", net, T + 3 * 86400)])
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        stripe.register(mock)
        yield {"stripe": stripe, "payments": payments, "gross": D(gross) / 100, "net": D(net) / 100}


def test_the_task_pages_through_stripe_matches_the_payout_and_posts_the_fees(recorded) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 4, 1, tzinfo=dt.UTC)):
        result = stripe_reconcile_task()

    assert result is not None
    assert (result["transactions"], result["matched"], result["fees_posted"]) == (CHARGES + 1, CHARGES, CHARGES)
    assert (result["payouts"], result["payouts_reconciled"], result["findings"]) == (1, 1, 0)
    payout_row = StripePayout.objects.get(stripe_id="po_1Rec0001")
    assert (payout_row.is_reconciled, payout_row.amount, payout_row.transactions_net) == (
        True, recorded["net"], recorded["net"]
    )
    first = recorded["payments"][0]
    matched = StripeBalanceTransaction.objects.get(stripe_id="txn_3Rec0000").matched_to
    assert matched == f"receivables.payment:{first.pk}"
    fees = JournalLine.objects.filter(account__code=AccountCode.PROCESSING_FEES).aggregate(s=Sum("debit"))["s"]
    cent = D("0.01")  # SQLite sums decimals as floats
    assert fees.quantize(cent) == recorded["gross"] - recorded["net"]
    cash = JournalLine.objects.filter(account__code=AccountCode.CASH).aggregate(d=Sum("debit"), c=Sum("credit"))
    assert (cash["d"] - cash["c"]).quantize(cent) == recorded["net"]  # the ledger's cash is what Stripe paid out
    assert not ReconciliationFinding.objects.exists()
    # Two pages of the window's balance transactions, the second after the first page's last id.
    window = [q for path, q in recorded["stripe"].requests if path == "/v1/balance_transactions" and "payout" not in q]
    assert [q.get("starting_after") for q in window] == [None, "txn_3Rec0006"]
    assert window[0]["limit"] == "100"
    by_payout = [q for path, q in recorded["stripe"].requests if q.get("payout") == "po_1Rec0001"]
    assert len(by_payout) == 2


def test_a_payout_short_of_its_transactions_is_a_finding(recorded) -> None:  # type: ignore[no-untyped-def]
    stripe = recorded["stripe"]
    stripe.payouts[0]["amount"] -= 500  # Stripe paid out 5.00 less than the transactions' net
    with time_machine.travel(dt.datetime(2026, 4, 1, tzinfo=dt.UTC)):
        result = stripe_reconcile_task()

    assert (result["payouts_reconciled"], result["matched"]) == (0, CHARGES)
    finding = ReconciliationFinding.objects.get(reference="po_1Rec0001")
    assert finding.status == "open"
    assert finding.evidence
