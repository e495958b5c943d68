"""The CFO and AR dashboards on a year of data for 10,000 customers (PostgreSQL).

    .venv/bin/python bench/cfo_dashboard.py [--customers 10000] [--repeat 5] [--db autobill_bench_cfo]

Creates a fresh database, migrates it and generates, inside PostgreSQL (set-up, not measured),
a year of monthly billing (Jan-Dec 2026) for the customers: three currencies (70% USD, 20% EUR,
10% GBP), customers starting during the year, churning, expanding and contracting, a fixed fee
and a usage line per invoice, payments (some late, some never), dunning cases, the ledger entries
an invoice, a payment and revenue recognition post, and monthly exchange rates. Then times
``cfo_report`` (12 months, in USD), the whole CFO page (report + template) through Django's test
client, the CSV export, and the AR dashboard, and prints the figures (seconds, min and median).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

GENERATE = """
CREATE TEMP TABLE bench_cm AS
WITH c AS (
  SELECT id, row_number() OVER (ORDER BY id) - 1 AS i, currency FROM contracts_customer
)
SELECT c.id AS customer_id, c.i, c.currency, m,
       (DATE '2026-01-01' + make_interval(months => m::int))::date AS month,
       (100 + (c.i % 50) * 20
          + CASE WHEN c.i % 7 = 0 AND m >= 6 THEN 200 ELSE 0 END
          - CASE WHEN c.i % 13 = 0 AND m >= 8 THEN 50 ELSE 0 END)::numeric AS fee,
       ((c.i * (m + 1)) % 300)::numeric AS usage,
       (c.i % 20 = 0 AND m >= 9) OR (c.i % 97 = 0 AND m >= 5) AS unpaid
FROM c, generate_series(0, 11) AS m
WHERE m >= CASE WHEN c.i % 10 < 3 THEN c.i % 12 ELSE 0 END
  AND m < CASE WHEN c.i % 10 = 9 THEN 6 + c.i % 6 ELSE 12 END;

INSERT INTO invoicing_invoice (kind, billing_date, number, status, currency, period_start, period_end, issue_date,
  due_date, subtotal, tax, total, amount_paid, auto_send, customer_snapshot, finalized_at, paid_at, pdf, created_at,
  customer_id, source_key, amount_credited, hold_details, hold_reason, notes, review_status, reviewed_by,
  amount_written_off, uncollectible_reason)
SELECT 'milestone', month, 'INV-B-' || customer_id || '-' || m, CASE WHEN unpaid THEN 'open' ELSE 'paid' END,
  currency, month, (month + interval '1 month')::date, month, (month + 30), fee + usage, 0, fee + usage,
  CASE WHEN unpaid THEN 0 ELSE fee + usage END, true, '{}'::jsonb, month::timestamptz,
  CASE WHEN unpaid THEN NULL ELSE month::timestamptz + make_interval(days => (5 + (i % 45))::int) END, '', now(),
  customer_id, 'bench:' || customer_id || ':' || m, 0, '{}'::jsonb, '', '', 'not_required', '', 0, ''
FROM bench_cm;

CREATE TEMP TABLE bench_inv AS
SELECT inv.id, inv.customer_id, inv.currency, inv.period_start, inv.total, inv.paid_at, cm.fee, cm.usage, cm.unpaid
FROM invoicing_invoice inv JOIN bench_cm cm ON inv.source_key = 'bench:' || cm.customer_id || ':' || cm.m;

INSERT INTO invoicing_invoiceline (position, line_code, kind, description, quantity, precise_amount, amount,
  period_start, period_end, price_snapshot, invoice_id, tax_amount, tax_name)
SELECT 0, 'platform', 'fixed', 'Platform fee', 1, fee, fee, period_start, (period_start + interval '1 month')::date,
  '{}'::jsonb, id, 0, '' FROM bench_inv
UNION ALL
SELECT 1, 'api', 'usage', 'API calls', usage * 250, usage, usage, period_start,
  (period_start + interval '1 month')::date, '{}'::jsonb, id, 0, '' FROM bench_inv WHERE usage > 0;

INSERT INTO receivables_payment (amount, currency, method, status, received_at, reference, stripe_payment_intent_id,
  stripe_charge_id, created_at, customer_id, dispute_status)
SELECT total, currency, 'bank_transfer', 'succeeded', paid_at, 'bench-' || id, '', '', now(), customer_id, ''
FROM bench_inv WHERE NOT unpaid;

INSERT INTO receivables_dunningcase (status, opened_at, retries_done, next_retry_at, next_reminder_at,
  reminders_sent, score_inputs, last_failure_code, customer_id, invoice_id, escalation_reason, is_paused,
  model_version, next_action, next_action_reason)
SELECT CASE WHEN unpaid THEN 'open' ELSE 'recovered' END, period_start::timestamptz + interval '31 days', 1,
  CASE WHEN unpaid THEN now() + interval '2 days' END, CASE WHEN unpaid THEN now() + interval '1 day' END, 1,
  '{}'::jsonb, 'insufficient_funds', customer_id, id, '', false, '', '', ''
FROM bench_inv WHERE unpaid OR id % 17 = 0;

INSERT INTO ledger_journalentry (entry_date, memo, source_key, currency, posted_at, customer_id)
SELECT period_start, 'Invoice issued', 'invoice:' || id || ':issued', currency, now(), customer_id FROM bench_inv
UNION ALL
SELECT paid_at::date, 'Payment received', 'payment:' || id || ':received', currency, now(), customer_id
  FROM bench_inv WHERE NOT unpaid
UNION ALL
SELECT (period_start + interval '1 month')::date, 'Revenue recognised', 'revenue:' || id, currency, now(), customer_id
  FROM bench_inv WHERE period_start < DATE '2026-12-01';

CREATE TEMP TABLE bench_acct AS SELECT code, id FROM ledger_account;

INSERT INTO ledger_journalline (debit, credit, account_id, entry_id)
SELECT v.debit, v.credit, a.id, e.id
FROM bench_inv i
JOIN ledger_journalentry e ON e.source_key = 'invoice:' || i.id || ':issued'
CROSS JOIN LATERAL (VALUES ('1100', i.total, 0::numeric), ('2100', 0, i.fee), ('4000', 0, i.usage))
  AS v(code, debit, credit)
JOIN bench_acct a ON a.code = v.code
WHERE v.debit > 0 OR v.credit > 0
UNION ALL
SELECT v.debit, v.credit, a.id, e.id
FROM bench_inv i
JOIN ledger_journalentry e ON e.source_key = 'payment:' || i.id || ':received'
CROSS JOIN LATERAL (VALUES ('1000', i.total, 0::numeric), ('1100', 0, i.total)) AS v(code, debit, credit)
JOIN bench_acct a ON a.code = v.code
UNION ALL
SELECT v.debit, v.credit, a.id, e.id
FROM bench_inv i
JOIN ledger_journalentry e ON e.source_key = 'revenue:' || i.id
CROSS JOIN LATERAL (VALUES ('2100', i.fee, 0::numeric), ('4000', 0, i.fee)) AS v(code, debit, credit)
JOIN bench_acct a ON a.code = v.code;

INSERT INTO reporting_exchangerate (base_currency, currency, rate_date, rate, source)
SELECT 'USD', cur, (DATE '2025-12-31' + make_interval(months => m::int))::date,
  CASE cur WHEN 'EUR' THEN 1.08 + m * 0.005 ELSE 1.26 + m * 0.004 END, 'bench'
FROM generate_series(0, 12) AS m, (VALUES ('EUR'), ('GBP')) AS c(cur);
"""


def timed(fn, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return min(samples), statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", default="autobill_bench_cfo")
    parser.add_argument("--keep", action="store_true", help="Keep the database (to profile it afterwards).")
    parser.add_argument("--profile", action="store_true", help="cProfile one cfo_report, top 25 by cumulative time.")
    args = parser.parse_args()
    if not args.db.startswith("autobill_bench"):
        raise SystemExit("The benchmark database's name must start with autobill_bench (it is dropped).")
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "billing_site.settings")
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)  # production settings refuse the default
    sys.path.insert(0, str(ROOT))
    for sql in (f"DROP DATABASE IF EXISTS {args.db}", f"CREATE DATABASE {args.db}"):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], check=True, cwd=ROOT)

    import django

    django.setup()
    from datetime import date
    from decimal import Decimal

    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    from contracts.models import Customer
    from reporting.ar import ar_report
    from reporting.cfo import cfo_report

    started = time.perf_counter()
    currencies = ["USD"] * 7 + ["EUR"] * 2 + ["GBP"]
    Customer.objects.bulk_create(
        [
            Customer(external_id=f"c{i}", name=f"Customer {i}", email=f"c{i}@bench.test", currency=currencies[i % 10])
            for i in range(args.customers)
        ],
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        cursor.execute(GENERATE)
        cursor.execute("ANALYZE")
        counts = {}
        for table in ("invoicing_invoice", "invoicing_invoiceline", "receivables_payment", "receivables_dunningcase",
                      "ledger_journalentry", "ledger_journalline"):
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 (fixed names)
            counts[table] = cursor.fetchone()[0]
    print(f"set-up: {time.perf_counter() - started:.1f} s; rows: "
          + ", ".join(f"{t.split('_', 1)[1]} {n:,}" for t, n in counts.items()))

    from reporting.models import RollupMark
    from reporting.rollup import rollup_rebuild, rollup_refresh

    started = time.perf_counter()
    rows = rollup_rebuild()
    print(f"rollup_rebuild (full, {rows:,} customer-months; nightly): {time.perf_counter() - started:.2f} s")
    ids = list(Customer.objects.order_by("pk").values_list("pk", flat=True)[:: max(1, args.customers // 100)])
    RollupMark.objects.bulk_create([RollupMark(customer_id=c) for c in ids])
    started = time.perf_counter()
    rows = rollup_refresh()
    print(f"rollup_refresh ({len(ids)} marked customers, {rows:,} rows; every minute and before a read): "
          f"{time.perf_counter() - started:.3f} s")

    end = date(2026, 12, 1)
    report = cfo_report(end_month=end, months=12, reporting_currency="USD")
    live = cfo_report(end_month=end, months=12, reporting_currency="USD", source="live")
    cent = Decimal("0.01")

    def cents(r):  # type: ignore[no-untyped-def]
        return {(k, c): [None if v is None else v.quantize(cent) for v in values]
                for k, s in r.series.items() for c, values in [*s.by_currency.items(), ("converted", s.converted)]}

    print(f"check: rollup figures equal the live computation to the cent: {cents(report) == cents(live)}; "
          f"top customers equal: {report.top_customers == live.top_customers}")
    print(f"check: MRR Dec (USD, converted) {report.series['mrr'].converted[-1]:.2f}; "
          f"ARR {report.series['arr'].converted[-1]:.2f}; DSO {report.series['dso'].converted[-1]:.1f} days; "
          f"warnings {len(report.warnings)}")
    best, median = timed(lambda: cfo_report(end_month=end, months=12, reporting_currency="USD"), args.repeat)
    print(f"cfo_report (12 months, USD, from the rollup): min {best:.3f} s, median {median:.3f} s")
    best, median = timed(
        lambda: cfo_report(end_month=end, months=12, reporting_currency="USD", source="live"), args.repeat
    )
    print(f"cfo_report (12 months, USD, live from invoices/payments/ledger): min {best:.3f} s, median {median:.3f} s")
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(cfo_report, end_month=end, months=12, reporting_currency="USD")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)

    user = User.objects.create_superuser("bench", "bench@bench.test", "x")
    client = Client()
    client.force_login(user)

    def page() -> None:
        response = client.get("/admin/reporting/cfo/", {"end": "2026-12", "months": "12", "currency": "USD"})
        assert response.status_code == 200, response.status_code

    def csv_export() -> None:
        response = client.get("/admin/reporting/cfo/", {"end": "2026-12", "format": "csv", "chart": "all"})
        assert response.status_code == 200, response.status_code

    best, median = timed(page, args.repeat)
    print(f"CFO page (report + render): min {best:.3f} s, median {median:.3f} s")
    best, median = timed(csv_export, args.repeat)
    print(f"CFO CSV (all series): min {best:.3f} s, median {median:.3f} s")
    open_rows = len(ar_report(as_of=date(2026, 12, 31)).rows)
    best, median = timed(lambda: ar_report(as_of=date(2026, 12, 31)), args.repeat)
    print(f"ar_report ({open_rows:,} open invoices): min {best:.3f} s, median {median:.3f} s")

    def ar_page() -> None:
        response = client.get("/admin/reporting/ar/", {"as_of": "2026-12-31"})
        assert response.status_code == 200, response.status_code

    best, median = timed(ar_page, args.repeat)
    print(f"AR page (report + render, every open invoice): min {best:.3f} s, median {median:.3f} s")
    connection.close()
    if args.keep:
        return
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE IF EXISTS {args.db}"],
                   check=True)


if __name__ == "__main__":
    main()
