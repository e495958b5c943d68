"""Billing run drafting: 10,000 customers' invoices from one month of usage (1,000,000 events).

    .venv/bin/python bench/billing_run.py                        # 10,000 customers, 1,000,000 events
    .venv/bin/python bench/billing_run.py --customers 1000 --events 100000 --profile

Target: billing_run_execute under 10 s.

``--path chunked`` (default) is the product's run: chunks of ``--chunk-size`` contracts (default: the
setting, 500), drafted set-based, inline (Celery eager mode, as with no worker). ``--workers N``:
the chunks go through Redis (``--broker``, a bench-only queue) to a real ``celery worker`` started
here with N prefork processes, as in production; the time is from ``billing_run_execute`` until
the run's last chunk has committed (the run row polled every 10 ms). ``--path
per-contract`` times the path it replaced, ``contract_bill_due`` for one contract after another
(what ``billing_run_execute`` did before the chunked run), for the before/after figures.

Setup (not timed): a fresh PostgreSQL database; 10,000 customers (UTC), each with the seed
contract (one line: $0.004 per API call, $200.00 minimum per period, monthly in arrears, start
2026-03-05, auto_send off so that only drafting runs: no finalising, numbering or e-mail); the
api_calls meter (sum); 1,000,000 events with random customers, quantities 1..1200 and timestamps
from 1 March to 5 April 2026, written with COPY (the rows the ingestion service would write,
body hashes included). About 11% fall before the contract start and must not be billed.

Timed: ``billing_run_execute(as_of=2026-04-05T12:00Z)``: each contract's first period
[2026-03-05, 2026-04-05) has closed. Printed: seconds, invoices created, SQL queries (counted by an
execute wrapper, with the time spent in them and the most frequent statement shapes), per contract,
the seconds per phase of the set-based drafting (``invoicing.drafting.billing_run.PHASES``), and the
check that the sum of invoice totals equals the figure computed here from the generated events:
per customer max(round_half_up(calls in the period x 0.004, 2), 200.00). Then the same run again,
which must create nothing. ``--profile`` runs the billing run under cProfile (slower) and prints
the functions with the most cumulative time. ``--rollups`` builds the hourly usage rollups first.
"""

from __future__ import annotations

import argparse
import contextlib
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
    REPO,
    VENV_BIN,
    CpuSnapshot,
    _stop,
    database_url,
    django_setup,
    fresh_database,
    log,
    machine_description,
    wait_for_quiet,
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

    from metering.services import event_body_hash

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
            body_hash = event_body_hash(customer_id, "api_calls", timestamp, Decimal(quantity), properties)
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


def per_contract_run(as_of: datetime, actor: str):  # type: ignore[no-untyped-def]
    """The run as it was before chunking: ``contract_bill_due`` for each active contract in turn."""
    from contracts.models import Contract
    from invoicing.drafting.recurring import contract_bill_due
    from invoicing.models import BillingRun

    run = BillingRun.objects.create(as_of=as_of, triggered_by=actor)
    contracts = list(
        Contract.objects.filter(status="active").select_related("customer").prefetch_related("lines").order_by("pk")
    )
    run.contracts_total = len(contracts)
    for contract in contracts:
        try:
            created, existing = contract_bill_due(contract=contract, as_of=as_of, run=run)
        except Exception as exc:  # noqa: BLE001 - reported like the run does
            run.errors.append({"contract_id": contract.pk, "error": repr(exc)})
        else:
            run.invoices_created += len(created)
            run.invoices_existing += existing
        run.contracts_done += 1
    run.status = "completed" if not run.errors else "failed"
    run.save()
    return run


@contextmanager
def celery_worker(*, db: str, concurrency: int, queue: str) -> Iterator[None]:
    """A ``celery worker`` (prefork, ``concurrency`` processes) on the bench database and queue,
    in its own process group, stopped (that group only) at the end."""
    import subprocess

    from billing_site.celery import app

    env = {**os.environ, "DATABASE_URL": database_url(db), "CELERY_TASK_ALWAYS_EAGER": "false"}
    log_path = OUT_DIR / "billing_run-worker.log"
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log_file:
        process = subprocess.Popen(
            [str(VENV_BIN / "celery"), "-A", "billing_site", "worker", "--pool=prefork", f"--concurrency={concurrency}",
             "-Q", queue, "--loglevel=WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle",
             "--prefetch-multiplier=1"],
            cwd=REPO, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=0.5):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the celery worker did not start; see {log_path}")
        log(f"celery worker up ({concurrency} processes, queue {queue})")
        yield
    finally:
        process.terminate()  # warm shutdown: the worker finishes its tasks and stops its children
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=30)
        _stop(process)  # its process group, if anything is left


def run_and_wait(execute: Callable[..., Any], *, db: str, worker: bool) -> Any:
    """The run; with a worker, wait until its last chunk has committed (polled on a connection of
    its own, so the statement counts are the bench process's run only)."""
    import psycopg

    run = execute(as_of=AS_OF, actor="bench")
    if worker:
        deadline = time.monotonic() + 1800
        with psycopg.connect(database_url(db), autocommit=True) as conn:
            while conn.execute("SELECT status FROM invoicing_billingrun WHERE id = %s", [run.pk]).fetchone()[0] == (
                "running"
            ):
                if time.monotonic() > deadline:
                    raise RuntimeError("the run did not complete in 30 minutes")
                time.sleep(0.01)
        run.refresh_from_db()
    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20260405)
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--profile", action="store_true", help="run under cProfile and print the top functions")
    parser.add_argument("--rollups", action="store_true", help="build the hourly usage rollups before the run")
    parser.add_argument("--path", choices=["chunked", "per-contract"], default="chunked")
    parser.add_argument("--chunk-size", type=int, default=None, help="contracts per chunk (default: the setting)")
    parser.add_argument("--workers", type=int, default=0, help="run the chunks on a celery worker with N processes")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/14", help="for --workers")
    parser.add_argument("--max-wait", type=float, default=120.0, help="seconds to wait for a quiet machine first")
    args = parser.parse_args()
    if args.workers and args.path != "chunked":
        parser.error("--workers needs --path chunked")
    queue = f"autobill-bench-{os.getpid()}"
    if args.workers:  # before Django loads its settings: the bench process publishes the chunks there
        os.environ.update(CELERY_BROKER_URL=args.broker, CELERY_TASK_DEFAULT_QUEUE=queue)

    print(f"machine: {machine_description()}", flush=True)
    fresh_database(args.db)
    django_setup(args.db)
    from django.conf import settings
    from django.db import connection

    from billing_site.celery import app as celery_app
    from invoicing.drafting.billing_run import PHASES, billing_run_execute
    from invoicing.models import Invoice, InvoiceLine

    celery_app.conf.task_always_eager = not args.workers  # without workers the chunks run inline, here
    if args.chunk_size:
        settings.BILLING_RUN_CHUNK_SIZE = args.chunk_size
    execute = billing_run_execute if args.path == "chunked" else per_contract_run

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
    if args.max_wait > 0:
        wait_for_quiet(max_wait=args.max_wait)
    with contextlib.ExitStack() as stack:
        if args.workers:
            stack.enter_context(celery_worker(db=args.db, concurrency=args.workers, queue=queue))
        cpu_before = CpuSnapshot.take(root_pid=os.getpid(), database=args.db)
        with counting_queries() as queries:
            started = time.perf_counter()
            if profiler is not None:
                profiler.enable()
            PHASES.clear()
            run = run_and_wait(execute, db=args.db, worker=bool(args.workers))
            if profiler is not None:
                profiler.disable()
            seconds = time.perf_counter() - started
        cpu = CpuSnapshot.take(root_pid=os.getpid(), database=args.db).since(cpu_before)
        with counting_queries() as rerun_queries:
            rerun_started = time.perf_counter()
            phases = dict(PHASES)
            rerun = run_and_wait(execute, db=args.db, worker=bool(args.workers))
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
    from invoicing.drafting.billing_run import chunk_size

    path = f"chunked, {chunk_size()} contracts per chunk" if args.path == "chunked" else "per contract"
    if args.workers:
        path += f", celery worker with {args.workers} processes"
    elif args.path == "chunked":
        path += ", inline"
    print(
        f"\n== billing_run_execute(as_of={AS_OF.isoformat()}) [{path}]: {args.customers:,} contracts, "
        f"{args.events:,} events{' (rollups built)' if args.rollups else ''}"
        f"{' under cProfile' if args.profile else ''}\n"
        f"   {seconds:.1f} s ({per_contract_ms:.2f} ms per contract), {created:,} invoices created\n"
        f"   {queries.count:,} SQL queries ({queries.count / max(args.customers, 1):.2f} per contract), "
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
    if phases:
        print("   set-based drafting, seconds per phase (all chunks): " + ", ".join(
            f"{name} {value:.2f}" for name, value in sorted(phases.items(), key=lambda kv: -kv[1])
        ) + f"; sum {sum(phases.values()):.2f} of {seconds:.2f}")
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
            "path": args.path,
            "workers": args.workers,
            "chunk_size": chunk_size(),
            "phases": phases,
            "queries": queries.count,
            "queries_per_contract": queries.count / max(args.customers, 1),
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
