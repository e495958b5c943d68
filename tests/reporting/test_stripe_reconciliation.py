"""Continuous reconciliation with Stripe: a payout matched end to end to our card payments through
its balance transactions, fees posted to the ledger, every mismatch a finding with evidence."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.db.models import Sum

from access.roles import AR_ANALYST, apply_roles
from ledger.choices import AccountCode
from ledger.models import JournalLine
from receivables.services import payment_record
from reporting.models import ReconciliationFinding, StripeBalanceTransaction, StripePayout
from reporting.stripe_reconciliation import stripe_reconcile
from tests.factories import CustomerFactory
from tests.reporting.factories import OpenInvoiceFactory
from tests.reporting.stripe_fake import balance_transaction, payout, stripe_fake

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
END = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)
T = int(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC).timestamp())


def _card_payment(capture, customer, amount: str, charge: str):  # type: ignore[no-untyped-def]
    invoice = OpenInvoiceFactory(customer=customer, total=D(amount))
    with capture(execute=True):
        return payment_record(invoice=invoice, amount=D(amount), method="card", stripe_charge_id=charge,
                              received_at=dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC))


@pytest.fixture
def stripe_side(settings, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    acme = CustomerFactory(external_id="acme")
    paid = _card_payment(django_capture_on_commit_callbacks, acme, "100.00", "ch_1")
    short = _card_payment(django_capture_on_commit_callbacks, acme, "50.00", "ch_2")
    missing = _card_payment(django_capture_on_commit_callbacks, acme, "20.00", "ch_3")
    transactions = [
        balance_transaction("txn_1", "charge", 10000, 320, "ch_1", T, payout="po_1"),
        balance_transaction("txn_2", "charge", 5500, 190, "ch_2", T + 60, payout="po_2"),
        balance_transaction("txn_9", "charge", 700, 50, "ch_9", T + 120),
        balance_transaction("txn_adj", "adjustment", -1500, 0, "du_1", T + 180),
        balance_transaction("txn_po_1", "payout", -9680, 0, "po_1", T + 86400),
    ]
    payouts = [payout("po_1", 9680, T + 86400), payout("po_2", 5000, T + 86400)]
    with stripe_fake(transactions=transactions, payouts=payouts) as url:
        settings.STRIPE_API_KEY = "sk_test_fake"
        settings.STRIPE_API_BASE = url
        yield {"paid": paid, "short": short, "missing": missing}


def test_a_payout_matches_our_payment_end_to_end_and_fees_are_posted(stripe_side) -> None:  # type: ignore[no-untyped-def]
    result = stripe_reconcile(start=START, end=END)

    assert (result.transactions, result.matched, result.fees_posted) == (5, 1, 3)
    assert (result.payouts, result.payouts_reconciled) == (2, 1)
    assert StripeBalanceTransaction.objects.get(stripe_id="txn_1").matched_to == (
        f"receivables.payment:{stripe_side['paid'].pk}"
    )
    po_1 = StripePayout.objects.get(stripe_id="po_1")
    assert (po_1.is_reconciled, po_1.transactions_net, po_1.amount) == (True, D("96.80"), D("96.80"))
    fees = JournalLine.objects.filter(account__code=AccountCode.PROCESSING_FEES).aggregate(s=Sum("debit"))["s"]
    assert fees == D("5.60")  # 3.20 + 1.90 + 0.50
    cash = JournalLine.objects.filter(account__code=AccountCode.CASH).aggregate(d=Sum("debit"), c=Sum("credit"))
    assert cash["d"] - cash["c"] == D("170.00") - D("5.60")


def test_every_unmatched_item_is_a_finding_with_evidence(stripe_side) -> None:  # type: ignore[no-untyped-def]
    stripe_reconcile(start=START, end=END)

    findings = {(f.kind, f.reference): f for f in ReconciliationFinding.objects.all()}
    assert set(findings) == {
        ("amount_mismatch", "txn_2"),
        ("stripe_charge_unmatched", "txn_9"),
        ("stripe_item_unexplained", "txn_adj"),
        ("payout_mismatch", "po_2"),
        ("payment_missing_in_stripe", f"receivables.payment:{stripe_side['missing'].pk}"),
    }
    mismatch = findings[("amount_mismatch", "txn_2")]
    assert mismatch.amount == D("5.00")
    assert mismatch.evidence["stripe"]["amount"] == "55.00"
    assert mismatch.evidence["ours"]["payment"] == stripe_side["short"].pk
    payout_finding = findings[("payout_mismatch", "po_2")]
    assert payout_finding.amount == D("-3.10")  # 50.00 paid out, transactions net 53.10
    assert [t["id"] for t in payout_finding.evidence["transactions"]] == ["txn_2"]
    assert all(f.status == "open" and f.owner is None for f in findings.values())


def test_running_again_changes_nothing_and_keeps_peoples_work(stripe_side) -> None:  # type: ignore[no-untyped-def]
    stripe_reconcile(start=START, end=END)
    finding = ReconciliationFinding.objects.get(kind="stripe_item_unexplained")
    owner = User.objects.create_user("ann")
    finding.status, finding.owner, finding.note = "explained", owner, "Dispute du_1 lost: chargeback."
    finding.save()

    stripe_reconcile(start=START, end=END)

    assert ReconciliationFinding.objects.count() == 5
    assert StripeBalanceTransaction.objects.count() == 5
    assert JournalLine.objects.filter(account__code=AccountCode.PROCESSING_FEES).count() == 3
    finding.refresh_from_db()
    assert (finding.status, finding.owner, finding.note) == ("explained", owner, "Dispute du_1 lost: chargeback.")


def test_findings_are_worked_in_the_admin_with_an_owner_and_a_note(client, stripe_side) -> None:  # type: ignore[no-untyped-def]
    stripe_reconcile(start=START, end=END)
    apply_roles(apps)
    analyst = User.objects.create_user("ar", password="x", is_staff=True)
    analyst.groups.add(Group.objects.get(name=AR_ANALYST))
    client.force_login(analyst)
    finding = ReconciliationFinding.objects.get(kind="stripe_charge_unmatched")
    url = f"/admin/reporting/reconciliationfinding/{finding.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert "ch_9" in page.content.decode()  # the evidence

    refused = client.post(url, {"status": "resolved", "owner": analyst.pk, "note": ""})
    assert refused.status_code == 200  # the form again: a resolved finding needs a note
    finding.refresh_from_db()
    assert finding.status == "open"

    done = client.post(url, {"status": "resolved", "owner": analyst.pk, "note": "Test charge by support."})
    assert done.status_code == 302
    finding.refresh_from_db()
    assert (finding.status, finding.owner, finding.note) == ("resolved", analyst, "Test charge by support.")
