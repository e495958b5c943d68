"""Current-period usage query with 10 million stored events (PostgreSQL).

    .venv/bin/python bench/usage_query.py [--events 10000000] [--customers 1000] [--queries 2000]

Creates a fresh database (autobill_bench_usage), generates the events inside PostgreSQL, folds them into the
hourly rollups (timed), then times `usage_aggregate` for the current month of random customers,
with the rollups and, for comparison, on raw events only. Prints p50/p95/p99 in milliseconds."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = "autobill_bench_usage"
os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "billing_site.settings")
os.environ["DJANGO_DEBUG"] = "false"
sys.path.insert(0, str(ROOT))


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--customers", type=int, default=1_000)
    parser.add_argument("--queries", type=int, default=2_000)
    args = parser.parse_args()

    for sql in (f"DROP DATABASE IF EXISTS {DB}", f"CREATE DATABASE {DB}"):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], check=True, cwd=ROOT)

    import django

    django.setup()
    from django.db import connection

    from contracts.models import Customer
    from metering.models import Meter
    from metering.rollups import usage_rollups_advance
    from metering.selectors import usage_aggregate, usage_aggregate_raw

    customers = Customer.objects.bulk_create(
        [Customer(external_id=f"c{i}", name=f"Customer {i}", email=f"c{i}@bench.test") for i in range(args.customers)]
    )
    meter = Meter.objects.create(code="api_calls", name="API calls", aggregation="sum")
    ids = [c.pk for c in customers]
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    first = datetime(2026, 9, 1, tzinfo=UTC)
    span = (now - first).total_seconds()
    received = now - timedelta(hours=1)
    rng = random.Random(7)

    started = time.perf_counter()
    # Generated inside PostgreSQL: the load is set-up, not what is measured. Customers and
    # timestamps are uniform over the three months, quantities 1..50.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO metering_usageevent (idempotency_key, body_hash, customer_id, meter_id, timestamp, quantity,
                                             properties, received_at)
            SELECT 'bench-' || g, md5(g::text), %s + (g %% %s), %s,
                   %s::timestamptz + (random() * %s) * interval '1 second', 1 + (g %% 50), '{}'::jsonb, %s
            FROM generate_series(1, %s) AS g
            """,
            [min(ids), len(ids), meter.pk, first, span, received, args.events],
        )
        cursor.execute("ANALYZE metering_usageevent")
    load = time.perf_counter() - started
    print(f"loaded {args.events:,} events in {load:.1f} s (generated inside PostgreSQL)")

    started = time.perf_counter()
    folded = 0
    while True:
        n = usage_rollups_advance(meter=meter, now=now)
        if not n:
            break
        folded += n
    fold = time.perf_counter() - started
    print(f"rolled up {folded:,} events in {fold:.1f} s ({folded / fold:,.0f} events/s)")

    period_start, period_end = datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
    for label, function, count in (("rollups + raw tail", usage_aggregate, args.queries),
                                   ("raw events only", usage_aggregate_raw, max(args.queries // 10, 50))):
        samples = []
        for _ in range(count):
            customer_id = rng.choice(ids)
            t = time.perf_counter()
            function(customer_id=customer_id, meter=meter, start=period_start, end=period_end)
            samples.append((time.perf_counter() - t) * 1000)
        print(f"{label}: {count} queries, p50 {statistics.median(samples):.1f} ms, "
              f"p95 {percentile(samples, 95):.1f} ms, p99 {percentile(samples, 99):.1f} ms")
    tail = usage_aggregate_raw(customer_id=ids[0], meter=meter, start=period_start, end=period_end)
    assert usage_aggregate(customer_id=ids[0], meter=meter, start=period_start, end=period_end) == tail
    print("check: rollup answer equals raw answer for a sample customer")


if __name__ == "__main__":
    main()
