"""The CFO dashboard served from the monthly per-customer rollup equals the live computation over
the invoices, payments, refunds and ledger, and follows changes through the signals' marks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
import time_machine

from invoicing.credit_notes.services import credit_note_issue
from invoicing.models import Invoice
from receivables.models import Refund
from receivables.refunds import refund_mark_paid_out
from receivables.services import payment_record
from reporting.cfo import cfo_report
from reporting.models import MonthlyRollup, RollupBuild, RollupMark
from reporting.rollup import rollup_rebuild, rollup_refresh
from reporting.tasks import rollup_refresh_task
from tests.factories import ContractFactory, CustomerFactory, FlatLineFactory
from tests.reporting.conftest import _bill_through

pytestmark = pytest.mark.django_db
JAN, FEB, MAR, APR, MAY = (dt.date(2026, m, 1) for m in (1, 2, 3, 4, 5))
CENT = D("0.01")


def _cents(values):  # type: ignore[no-untyped-def]
    return [None if v is None else v.quantize(CENT) for v in values]


def _figures(report) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Everything the page, the CSV and the API show, at the cent they show it."""
    out: dict[str, object] = {"currencies": report.currencies, "months": report.months, "warnings": report.warnings}
    for key, series in report.series.items():
        out[f"{key}:converted"] = _cents(series.converted)
        for currency, values in series.by_currency.items():
            out[f"{key}:{currency}"] = _cents(values)
    out["top"] = [
        (t["customer_id"], t["currency"], t["billed"].quantize(CENT), t["mrr"].quantize(CENT),
         t["open_receivable"].quantize(CENT))
        for t in report.top_customers
    ]
    return out


def _assert_same(end_month: dt.date, months: int, currency: str = "USD") -> None:
    served = cfo_report(end_month=end_month, months=months, reporting_currency=currency)
    live = cfo_report(end_month=end_month, months=months, reporting_currency=currency, source="live")
    assert _figures(served) == _figures(live)


@pytest.fixture
def richer_history(history, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """The shared history plus an annual contract (spread over 12 months), a mid-month payment, a
    credit note refunded to the customer, and a partial payment in EUR."""
    hooli = CustomerFactory(external_id="hooli", name="Hooli")
    FlatLineFactory(contract=ContractFactory(customer=hooli, start_date=dt.date(2026, 2, 15), auto_send=False),
                    amount=D("1200"), billing_interval="year")
    _bill_through([dt.date(2026, 2, 15)], django_capture_on_commit_callbacks)
    acme = history["acme"]
    february = Invoice.objects.get(customer=acme, period_start=FEB)
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(dt.datetime(2026, 3, 20, tzinfo=dt.UTC)):
        payment_record(invoice=february, amount=D("1000.00"), method="bank_transfer",
                       received_at=dt.datetime(2026, 3, 17, 15, tzinfo=dt.UTC), reference="WIRE-2")
        credit_note_issue(invoice_id=february.pk, amount=D("250.00"), reason="service_issue", actor="tests")
    for refund in Refund.objects.filter(status="pending"):
        with django_capture_on_commit_callbacks(execute=True), time_machine.travel(
            dt.datetime(2026, 3, 25, tzinfo=dt.UTC)
        ):
            refund_mark_paid_out(refund_id=refund.pk, actor="tests", reference="RETURN-1")
    globex_feb = Invoice.objects.get(customer=history["globex"], period_start=FEB)
    with django_capture_on_commit_callbacks(execute=True):
        payment_record(invoice=globex_feb, amount=D("333.33"), method="bank_transfer",
                       received_at=dt.datetime(2026, 4, 2, tzinfo=dt.UTC), reference="SEPA-1")
    return history


def test_rollup_figures_equal_the_live_computation(richer_history) -> None:  # type: ignore[no-untyped-def]
    assert Refund.objects.filter(status="succeeded").exists()
    rollup_rebuild()  # the worker's first build
    for end_month, months in ((APR, 4), (MAR, 2), (MAY, 6), (dt.date(2027, 2, 1), 12)):
        _assert_same(end_month, months)
    _assert_same(APR, 4, currency="EUR")
    report = cfo_report(end_month=MAY, months=6, reporting_currency="USD")
    hooli_mrr = report.series["mrr"].by_currency["USD"]
    assert hooli_mrr[3] - D(1800) == D(100)  # March: the annual 1,200 gives each month a twelfth
    assert MonthlyRollup.objects.filter(month=MAR, customer__external_id="hooli").get().mrr == D(100)


def test_a_change_is_marked_and_the_next_read_includes_it(history, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    rollup_rebuild()
    before = cfo_report(end_month=APR, months=4, reporting_currency="USD")
    assert RollupBuild.objects.filter(finished_at__isnull=False).count() == 1
    assert not RollupMark.objects.exists()
    initech = history["initech"]
    invoice = Invoice.objects.get(customer=initech, period_start=MAR)

    with django_capture_on_commit_callbacks(execute=True):
        payment_record(invoice=invoice, amount=D("300.00"), method="bank_transfer",
                       received_at=dt.datetime(2026, 3, 3, tzinfo=dt.UTC), reference="WIRE-9")

    assert set(RollupMark.objects.values_list("customer_id", flat=True)) == {initech.pk}
    after = cfo_report(end_month=APR, months=4, reporting_currency="USD")
    assert after.series["collections"].by_currency["USD"][2] == before.series["collections"].by_currency["USD"][2] + 300
    assert after.series["cash"].by_currency["USD"][2] == before.series["cash"].by_currency["USD"][2] + 300
    assert not RollupMark.objects.exists()
    _assert_same(APR, 4)


def test_the_beat_task_refreshes_only_the_marked_customers(history, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    rollup_rebuild()
    acme_rows = {r.pk for r in MonthlyRollup.objects.filter(customer=history["acme"])}
    globex_rows = {r.pk for r in MonthlyRollup.objects.filter(customer=history["globex"])}
    with django_capture_on_commit_callbacks(execute=True):
        payment_record(invoice=Invoice.objects.get(customer=history["globex"], period_start=JAN), amount=D("800.00"),
                       method="bank_transfer", received_at=dt.datetime(2026, 2, 2, tzinfo=dt.UTC), reference="X")

    assert rollup_refresh_task() > 0

    assert not RollupMark.objects.exists()
    assert {r.pk for r in MonthlyRollup.objects.filter(customer=history["acme"])} == acme_rows  # untouched
    assert {r.pk for r in MonthlyRollup.objects.filter(customer=history["globex"])}.isdisjoint(globex_rows)
    assert MonthlyRollup.objects.get(customer=history["globex"], month=FEB).payments == D("800.00")
    assert rollup_refresh() == 0  # nothing marked since


def test_editing_a_draft_marks_nothing() -> None:
    from tests.reporting.factories import OpenInvoiceFactory

    rollup_rebuild()
    draft = OpenInvoiceFactory(status="draft")
    draft.notes = "changed"
    draft.save()
    assert not RollupMark.objects.exists()
    draft.status = "open"
    draft.save()
    assert list(RollupMark.objects.values_list("customer_id", flat=True)) == [draft.customer_id]


def test_before_the_first_build_the_page_reads_live_and_the_worker_builds(
    history, django_capture_on_commit_callbacks, settings
) -> None:  # type: ignore[no-untyped-def]
    live = cfo_report(end_month=APR, months=4, reporting_currency="USD", source="live")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        served = cfo_report(end_month=APR, months=4, reporting_currency="USD")

    assert not RollupBuild.objects.exists()  # no 40-second build inside the page view
    assert _figures(served) == _figures(live)
    assert len(queued) == 1
    queued[0]()  # the worker's refresh: a first full build
    assert RollupBuild.objects.filter(finished_at__isnull=False).count() == 1


def test_a_large_backlog_of_changed_customers_is_the_workers_job(
    history, django_capture_on_commit_callbacks, settings
) -> None:  # type: ignore[no-untyped-def]
    rollup_rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        for name, period in (("initech", MAR), ("globex", JAN)):
            payment_record(invoice=Invoice.objects.get(customer=history[name], period_start=period),
                           amount=D("10.00"), method="bank_transfer",
                           received_at=dt.datetime(2026, 3, 3, tzinfo=dt.UTC), reference=f"W-{name}")
    settings.REPORTING_ROLLUP_INLINE_LIMIT = 1  # two customers changed: more than a page view refreshes

    with django_capture_on_commit_callbacks(execute=False) as queued:
        served = cfo_report(end_month=APR, months=4, reporting_currency="USD")

    assert RollupMark.objects.exists()  # left for the worker
    assert len(queued) == 1
    assert _figures(served) == _figures(cfo_report(end_month=APR, months=4, reporting_currency="USD", source="live"))
    settings.REPORTING_ROLLUP_INLINE_LIMIT = 2
    cfo_report(end_month=APR, months=4, reporting_currency="USD")
    assert not RollupMark.objects.exists()  # few enough: refreshed in the view
