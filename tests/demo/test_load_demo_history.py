"""The demo data has history: months of back-dated billing, wires and recognition, so the AR aging
has every bucket and the CFO dashboard has months of billings, collections and MRR movements."""

from __future__ import annotations

from collections import Counter

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from audit.sealing import audit_chain_verify
from demo.data import load_demo
from invoicing.models import Invoice
from ledger.models import JournalEntry
from receivables.models import Payment
from reporting.aging import BUCKETS
from reporting.ar import ar_report
from reporting.cfo import cfo_report

pytestmark = pytest.mark.django_db(transaction=True)  # after-commit work runs as it does under `make run`


def test_demo_history_fills_every_aging_bucket_and_months_of_billings() -> None:
    summary = load_demo(months=7)
    today = timezone.localdate()

    aging = ar_report(as_of=today)
    buckets = Counter(row.bucket for row in aging.rows)
    assert set(buckets) == set(BUCKETS), buckets
    stark = [row for row in aging.rows if row.customer_external_id == "stark"]
    assert {row.bucket for row in stark} >= {"31-60", "61-90", "90+"}

    issued = Invoice.objects.exclude(status__in=["draft", "void"])
    issue_months = {i.issue_date.replace(day=1) for i in issued}
    assert len(issue_months) >= 6  # issued when billed, not all today
    assert Payment.objects.filter(received_at__lt=timezone.now() - relativedelta(months=2)).exists()
    assert JournalEntry.objects.filter(entry_date__lt=today - relativedelta(months=3)).exists()

    report = cfo_report(end_month=today.replace(day=1), months=6, reporting_currency="USD")
    billed = report.series["billings"].by_currency["USD"]
    assert sum(1 for amount in billed if amount > 0) >= 3
    collected = report.series["collections"].by_currency["USD"]
    assert sum(1 for amount in collected if amount > 0) >= 3
    assert any(v < 0 for v in report.series["mrr_churn"].by_currency["USD"])  # Vandelay churned
    assert sum(1 for v in report.series["mrr_new"].by_currency["USD"] if v > 0) >= 1
    assert any(v > 0 for v in report.series["recognised"].by_currency["USD"][:-1])
    assert "EUR" in report.currencies  # Hooli, reviewed and issued in euros
    assert summary["invoices_total"] == Invoice.objects.count()
    assert summary["audit_rows_sealed"] > 0
    assert audit_chain_verify().ok


def test_demo_cards_decline_and_the_dunning_retries_recover_them(stripe_on) -> None:  # type: ignore[no-untyped-def]
    """Against localstripe, as under `make run`: Globex's card hits its limit at the start of each
    month, its new card is on file within the week and the planned retry recovers the invoice;
    Initech's card keeps declining and its cases go to AR. The CFO's recovery rate is not 0 %."""
    from receivables.choices import DunningStatus
    from receivables.models import DunningCase

    load_demo(months=3)

    globex = DunningCase.objects.filter(customer__external_id="globex")
    assert globex.filter(status=DunningStatus.RECOVERED).count() >= 2
    assert DunningCase.objects.filter(customer__external_id="initech", status=DunningStatus.ESCALATED).exists()
    today = timezone.localdate()
    report = cfo_report(end_month=today.replace(day=1), months=3, reporting_currency="USD")
    rates = report.series["recovery_rate"].converted
    assert any(v is not None and v > 0 for v in rates), rates
