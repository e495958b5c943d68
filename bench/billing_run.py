"""Billing run drafting: 10,000 customers' invoices from one month of usage (1,000,000 events).

    .venv/bin/python bench/billing_run.py                        # 10,000 customers, 1,000,000 events
    .venv/bin/python bench/billing_run.py --customers 1000 --events 100000 --profile

Target: billing_run_execute under 10 s.

Setup (not timed): a fresh PostgreSQL database; 10,000 customers (UTC), each with the seed
contract (one line: $0.004 per API call, $200.00 minimum per period, monthly in arrears, start
2026-03-05, auto_send off so that only drafting runs: no finalising, numbering or e-mail); the
api_calls meter (sum); 1,000,000 events with random customers, quantities 1..1200 and timestamps
from 1 March to 5 April 2026, written with COPY (the rows the ingestion service would write,
body hashes included). About 11% fall before the contract start and must not be billed.

Timed: ``billing_run_execute(as_of=2026-04-05T12:00Z)``: each contract's first period
[2026-03-05, 2026-04-05) has closed. Printed: seconds, invoices created, SQL queries (counted by an
execute wrapper, with the time spent in them and the most frequent statement shapes), and the
check that the sum of invoice totals equals the figure computed here from the generated events:
per customer max(round_half_up(calls in the period x 0.004, 2), 200.00). Then the same run again,
which must create nothing. ``--profile`` runs the billing run under cProfile (slower) and prints
the functions with the most cumulative time. ``--rollups`` builds the hourly usage rollups first.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import pstats
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    DEFAULT_DB,
    OUT_DIR,
    CpuSnapshot,
    django_setup,
    fresh_database,
    log,
    machine_description,
    write_json,
)

AS_OF = datetime(2026, 4, 5, 12, 0, tzinfo=UTC)
CONTRACT_START = date(2026, 3, 5)
PERIOD_START = datetime(2026, 3, 5, tzinfo=UTC)
PERIOD_END = datetime(2026, 4, 5, tzinfo=UTC)
EVENTS_FROM = datetime(2026, 3, 1, tzinfo=UTC)
UNIT_PRICE = Decimal("0.004")
MINIMUM = Decimal("200.00")
CENT = Decimal("0.01")


class QueryCounter:
    """An execute wrapper: counts every statement, its time, and its shape (literals removed)."""

    _numbers = re.compile(r"\b\d+\b|\bs\d+_x\d+\b")

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0
        self.shapes: Counter[str] = Counter()
        self.shape_seconds: Counter[str] = Counter()
        self.commits = 0
        self.commit_seconds = 0.0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - t0
            shape = self._numbers.sub("N", " ".join(sql.split()))[:110]
            self.count += 1
            self.seconds += elapsed
            self.shapes[shape] += 1
            self.shape_seconds[shape] += elapsed


@contextmanager
def counting_queries() -> Iterator[QueryCounter]:
    from django.db import connection

    counter = QueryCounter()
    # COMMIT does not go through execute(): time it too (synchronous_commit waits for the WAL flush).
    commit = connection._commit

    def timed_commit() -> None:
        t0 = time.perf_counter()
        try:
            commit()
        finally:
            counter.commits += 1
            counter.commit_seconds += time.perf_counter() - t0

    connection._commit = timed_commit  # type: ignore[method-assign]
    try:
        with connection.execute_wrapper(counter):
            yield counter
    finally:
        del connection._commit  # back to the class's method


def setup_contracts(customers: int) -> tuple[list[int], int]:
    """Customers, their seed contracts and lines, in bulk (setup is not what is measured; bulk
    inserts write no simple-history rows, which the billing run does not read)."""
    from contracts.models import Contract, ContractLine, Customer
    from metering.services import meter_create

    meter = meter_create(code="api_calls", name="API calls", aggregation="sum", unit_label="API calls")
    created = Customer.objects.bulk_create(
        [
            Customer(external_id=f"bill-{i:05d}", name=f"Customer {i} Inc.", email=f"billing@bill-{i}.test")
            for i in range(customers)
        ],
        batch_size=2000,
    )
    contracts = Contract.objects.bulk_create(
        [
            Contract(customer=c, external_id=f"bill-{i:05d}-2026", start_date=CONTRACT_START, currency="USD",
                     auto_send=False)
            for i, c in enumerate(created)
        ],
        batch_size=2000,
    )  # fmt: skip
    ContractLine.objects.bulk_create(
        [
            ContractLine(contract=contract, code="api", description="API calls", charge_model="per_unit",
                         metric="api_calls", unit_price=UNIT_PRICE, minimum_amount=MINIMUM,
                         billing_interval="month", billing_interval_count=1, billing_timing="in_arrears")
            for contract in contracts
        ],
        batch_size=2000,
    )  # fmt: skip
    return [c.pk for c in created], meter.pk


def generate_and_copy_events(*, customer_ids: list[int], meter_id: int, events: int, seed: int) -> dict[int, int]:
    """COPY ``events`` rows; returns, per customer id, the calls inside the billing period
    (computed here from the generated values, not read back from the database)."""
    from django.db import connection

    from metering.services import _body_hash

    rng = random.Random(seed)
    span = int((PERIOD_END - EVENTS_FROM).total_seconds())
    in_period: dict[int, int] = dict.fromkeys(customer_ids, 0)
    received_at = datetime.now(UTC)
    columns = "idempotency_key, body_hash, customer_id, meter_id, timestamp, quantity, properties, received_at"
    t0 = time.monotonic()
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY metering_usageevent ({columns}) FROM STDIN") as cp:
        for i in range(events):
            customer_id = rng.choice(customer_ids)
            quantity = rng.randint(1, 1200)
            timestamp = EVENTS_FROM + timedelta(seconds=rng.randrange(span))
            if PERIOD_START <= timestamp < PERIOD_END:
                in_period[customer_id] += quantity
            properties = {"region": "eu" if i % 3 else "us"}
            body_hash = _body_hash(customer_id, "api_calls", timestamp, Decimal(quantity), properties)
            cp.write_row(
                (f"bill-evt-{i}", body_hash, customer_id, meter_id, timestamp, quantity, json.dumps(properties),
                 received_at)
            )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE metering_usageevent")
    log(f"{events:,} events copied and analysed in {time.monotonic() - t0:.1f} s")
    return in_period


def expected_total(in_period: dict[int, int]) -> tuple[Decimal, int]:
    """Sum over customers of max(calls x $0.004 rounded half-up to the cent, $200.00), and how many
    customers are lifted to the minimum."""
    total = Decimal(0)
    at_minimum = 0
    for calls in in_period.values():
        amount = (Decimal(calls) * UNIT_PRICE).quantize(CENT, rounding=ROUND_HALF_UP)
        if amount < MINIMUM:
            at_minimum += 1
            amount = MINIMUM
        total += amount
    return total, at_minimum


def build_rollups(meter_id: int) -> float:
    from metering.models import Meter
    from metering.rollups import usage_rollups_advance

    meter = Meter.objects.get(pk=meter_id)
    t0 = time.monotonic()
    for _ in range(1000):  # bounded: each call folds up to 200,000 events
        if not usage_rollups_advance(meter=meter, now=datetime.now(UTC) + timedelta(minutes=1)):
            break
    return time.monotonic() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20260405)
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--profile", action="store_true", help="run under cProfile and print the top functions")
    parser.add_argument("--rollups", action="store_true", help="build the hourly usage rollups before the run")
    args = parser.parse_args()

    print(f"machine: {machine_description()}", flush=True)
    fresh_database(args.db)
    django_setup(args.db)
    from django.db import connection

    from invoicing.models import Invoice, InvoiceLine
    from invoicing.services import billing_run_execute

    t0 = time.monotonic()
    customer_ids, meter_id = setup_contracts(args.customers)
    log(f"{args.customers:,} customers with contracts in {time.monotonic() - t0:.1f} s")
    in_period = generate_and_copy_events(
        customer_ids=customer_ids, meter_id=meter_id, events=args.events, seed=args.seed
    )
    expected, at_minimum = expected_total(in_period)
    rollup_seconds = build_rollups(meter_id) if args.rollups else None
    if rollup_seconds is not None:
        log(f"rollups built in {rollup_seconds:.1f} s")
    with connection.cursor() as cursor:
        # As autovacuum would have left a month-old table; and no checkpoint due mid-run.
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CHECKPOINT")

    profiler = cProfile.Profile() if args.profile else None
    connection.ensure_connection()
    cpu_before = CpuSnapshot.take(root_pid=os.getpid(), database=args.db)
    with counting_queries() as queries:
        started = time.perf_counter()
        if profiler is not None:
            profiler.enable()
        run = billing_run_execute(as_of=AS_OF, actor="bench")
        if profiler is not None:
            profiler.disable()
        seconds = time.perf_counter() - started
    cpu = CpuSnapshot.take(root_pid=os.getpid(), database=args.db).since(cpu_before)
    with counting_queries() as rerun_queries:
        rerun_started = time.perf_counter()
        rerun = billing_run_execute(as_of=AS_OF, actor="bench")
        rerun_seconds = time.perf_counter() - rerun_started

    invoices = Invoice.objects.filter(billing_run=run)
    created = invoices.count()
    billed = sum((total for total in invoices.values_list("total", flat=True)), Decimal(0))
    minimum_lines = InvoiceLine.objects.filter(invoice__billing_run=run, kind="minimum").count()
    checks = {
        "one invoice per contract": created == args.customers == run.invoices_created,
        "no errors": not run.errors,
        "sum of totals == expected": billed == expected,
        "minimum lines == customers under the minimum": minimum_lines == at_minimum,
        "rerun creates nothing": rerun.invoices_created == 0 and rerun.invoices_existing == args.customers,
    }
    per_contract_ms = 1000 * seconds / max(args.customers, 1)
    print(
        f"\n== billing_run_execute(as_of={AS_OF.isoformat()}): {args.customers:,} contracts, "
        f"{args.events:,} events{' (rollups built)' if args.rollups else ''}"
        f"{' under cProfile' if args.profile else ''}\n"
        f"   {seconds:.1f} s ({per_contract_ms:.2f} ms per contract), {created:,} invoices created\n"
        f"   {queries.count:,} SQL queries ({queries.count / max(args.customers, 1):.1f} per contract), "
        f"{queries.seconds:.1f} s in them as seen from Python ({100 * queries.seconds / seconds:.0f}% of the run), "
        f"plus {queries.commits:,} commits taking {queries.commit_seconds:.1f} s\n"
        f"   CPU during the run: this Python process {cpu['gunicorn_s']:.1f} s, its PostgreSQL backend "
        f"{cpu['pg_backends_live_s']:.1f} s; machine {100 * cpu['machine_busy_s'] / cpu['machine_total_s']:.0f}% busy "
        f"(other tenants included)\n"
        f"   billed {billed:,} USD, expected {expected:,} USD ({at_minimum:,} customers lifted to the minimum)\n"
        f"   rerun: {rerun_seconds:.1f} s, {rerun_queries.count:,} queries, {rerun.invoices_created} created, "
        f"{rerun.invoices_existing:,} existing\n"
        f"   checks: " + ", ".join(f"{name} {'OK' if ok else 'FAILED'}" for name, ok in checks.items()),
        flush=True,
    )
    print("   most frequent statements (count, seconds, shape):")
    for shape, count in queries.shapes.most_common(25):
        print(f"   {count:>8,} {queries.shape_seconds[shape]:7.2f}s  {shape}")
    if profiler is not None:
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(45)
        print(buffer.getvalue())
        profiler.dump_stats(str(OUT_DIR / "billing_run.prof"))
    write_json(
        OUT_DIR / f"billing_run-{int(time.time())}.json",
        {
            "args": vars(args),
            "seconds": seconds,
            "invoices_created": created,
            "queries": queries.count,
            "query_seconds": queries.seconds,
            "commits": queries.commits,
            "commit_seconds": queries.commit_seconds,
            "cpu": cpu,
            "billed": str(billed),
            "expected": str(expected),
            "checks": checks,
            "rerun_seconds": rerun_seconds,
            "top_statements": queries.shapes.most_common(25),
            "digest": hashlib.sha256(str(sorted(in_period.items())).encode()).hexdigest(),
        },
    )
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
