"""Batch ingestion through the HTTP API (POST /api/v1/events/batch), with idempotency.

    .venv/bin/python bench/ingest_batch.py                       # 500,000 events, default configs
    .venv/bin/python bench/ingest_batch.py --events 100000 --configs 2x4:4,3x4:6 --conn-max-age 60

Target: >= 50,000 events/s, batches of 1,000 under 100 ms p99.

For each configuration ``<gunicorn workers>x<threads>:<load-generator processes>``: an empty
events table, a fresh gunicorn (gthread, DEBUG off) on 127.0.0.1, a short warm-up, then the
load generators (separate processes, started with "spawn", each with one keep-alive connection)
post their share of the batches back to back. Every batch holds ``--duplicates`` (10%) deliberate
duplicates: events this process already sent in an earlier batch (re-sent verbatim, as a client
retrying would), or, in a process's first batch, a repeat within the batch. Bodies are encoded
before the clock starts, so the generators spend their CPU on the socket only.

Printed per configuration: events/s = (accepted + duplicates) / wall time, batches/s, latency per
batch (p50/p95/p99/max), CPU split, and the checks: SELECT count(*) equals the distinct events sent,
the sum of "accepted" equals it too, the sum of "duplicates" equals the duplicates sent, nothing
rejected, every response 200. A JSON copy goes to $BENCH_OUT (default /tmp/bench-out).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import resource
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    DEFAULT_DB,
    OUT_DIR,
    Connection,
    CpuSnapshot,
    LatencySummary,
    WorkerReport,
    collect_results,
    conn_max_age_label,
    cpu_line,
    database_url,
    django_setup,
    fresh_database,
    gunicorn,
    ingest_fixtures_create,
    is_persistent,
    log,
    machine_description,
    pyspy,
    pyspy_summary,
    send_all,
    sql_scalar,
    wait_for_quiet,
    write_json,
)

BATCH_PATH = "/api/v1/events/batch"


@dataclass(frozen=True)
class Config:
    workers: int
    threads: int
    clients: int

    @classmethod
    def parse(cls, text: str) -> Config:
        server, _, clients = text.partition(":")
        workers, _, threads = server.partition("x")
        return cls(int(workers), int(threads), int(clients))

    def __str__(self) -> str:
        return f"{self.workers}x{self.threads}:{self.clients}"


@dataclass(frozen=True)
class Plan:
    """What one load generator sends: encoded bodies, and what the server should answer."""

    bodies: list[bytes]
    distinct: int
    duplicates: int


def build_plan(
    *, run: str, process: int, batches: int, batch_size: int, duplicate_share: float, customers: list[str], seed: int
) -> Plan:
    rng = random.Random(seed)
    per_batch_dups = round(batch_size * duplicate_share)
    base = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
    sent: list[dict[str, Any]] = []
    bodies: list[bytes] = []
    distinct = duplicates = 0
    sequence = 0
    for _ in range(batches):
        new: list[dict[str, Any]] = []
        for _ in range(batch_size - per_batch_dups):
            new.append(
                {
                    "idempotency_key": f"{run}-{process}-{sequence}",
                    "customer": rng.choice(customers),
                    "metric": "api_calls",
                    "timestamp": (base + timedelta(seconds=sequence % 86_000)).isoformat().replace("+00:00", "Z"),
                    "quantity": str(rng.randint(1, 20)),
                    "properties": {"region": rng.choice(("eu", "us", "ap"))},
                }
            )
            sequence += 1
        pool = sent if sent else new  # first batch: repeats within the batch
        repeats = [rng.choice(pool) for _ in range(per_batch_dups)]
        events = new + repeats
        rng.shuffle(events)
        bodies.append(json.dumps({"events": events}, separators=(",", ":")).encode())
        sent.extend(new)
        distinct += len(new)
        duplicates += len(repeats)
    return Plan(bodies=bodies, distinct=distinct, duplicates=duplicates)


def count_batch(report: WorkerReport, status: int, payload: bytes) -> bool:
    if status != 200:
        return False
    answer = json.loads(payload)
    report.accepted += answer["accepted"]
    report.duplicates += answer["duplicates"]
    report.rejected += len(answer["rejected"])
    return True


def load_generator(
    process: int, port: int, api_key: str, plan_args: dict[str, Any], barrier: Any, results: Any
) -> None:
    """One load-generator process (spawned): build its bodies, wait for the others, send."""
    plan = build_plan(process=process, **plan_args)
    report, cpu_s = send_all(
        port=port, api_key=api_key, path=BATCH_PATH, bodies=plan.bodies, count=count_batch, barrier=barrier
    )
    results.put({"report": asdict(report), "distinct": plan.distinct, "duplicates": plan.duplicates, "cpu_s": cpu_s})


def warm_up(port: int, api_key: str, customers: list[str], requests: int) -> int:
    """A few small batches so every worker has loaded Django before the clock starts."""
    connection = Connection(port)
    headers = {"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"}
    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    for i in range(requests):
        events = [
            {"idempotency_key": f"warm-{i}-{j}", "customer": customers[j % len(customers)], "metric": "api_calls",
             "timestamp": now, "quantity": "1"}
            for j in range(10)
        ]  # fmt: skip
        status, payload = connection.post(BATCH_PATH, json.dumps({"events": events}).encode(), headers)
        if status != 200:
            raise RuntimeError(f"warm-up failed: {status} {payload[:300]!r}")
    connection.close()
    return requests * 10


def run_config(config: Config, args: argparse.Namespace, fixtures: Any, run_index: int) -> dict[str, Any]:
    import psycopg

    with psycopg.connect(database_url(args.db), autocommit=True) as conn:
        conn.execute("TRUNCATE metering_usageevent")
    batches_total = args.events // args.batch_size
    shares = [batches_total // config.clients + (1 if i < batches_total % config.clients else 0)
              for i in range(config.clients)]  # fmt: skip
    run = f"r{run_index}"
    ctx = mp.get_context("spawn")
    with gunicorn(name=args.db, workers=config.workers, threads=config.threads, conn_max_age=args.conn_max_age) as srv:
        warm = warm_up(srv.port, fixtures.api_key, fixtures.customers, requests=4 * config.workers)
        barrier = ctx.Barrier(config.clients + 1)
        results = ctx.Queue()
        processes = []
        for i, batches in enumerate(shares):
            plan_args = {
                "run": run, "batches": batches, "batch_size": args.batch_size, "duplicate_share": args.duplicates,
                "customers": fixtures.customers, "seed": run_index * 1000 + i,
            }  # fmt: skip
            p = ctx.Process(target=load_generator, args=(i, srv.port, fixtures.api_key, plan_args, barrier, results))
            p.start()
            processes.append(p)
        profile = OUT_DIR / f"ingest_batch-{config}.pyspy.txt" if args.profile else None
        if not args.no_wait:
            wait_for_quiet(max_wait=args.max_wait)
        with pyspy(pid=srv.process.pid, out_path=profile):
            barrier.wait(timeout=600)  # every generator has built its bodies
            cpu_before = CpuSnapshot.take(root_pid=srv.process.pid, database=args.db)
            outcomes = collect_results(results, processes)
            cpu_after = CpuSnapshot.take(root_pid=srv.process.pid, database=args.db)
        for p in processes:
            p.join(timeout=60)
    reports = [WorkerReport(**o["report"]) for o in outcomes]
    wall = max(r.finished for r in reports) - min(r.started for r in reports)
    latencies = [x for r in reports for x in r.latencies]
    accepted = sum(r.accepted for r in reports)
    duplicates = sum(r.duplicates for r in reports)
    distinct_sent = sum(o["distinct"] for o in outcomes)
    duplicates_sent = sum(o["duplicates"] for o in outcomes)
    stored = sql_scalar(args.db, "SELECT count(*) FROM metering_usageevent") - warm
    statuses: dict[int, int] = {}
    for r in reports:
        for status, n in r.statuses.items():
            statuses[int(status)] = statuses.get(int(status), 0) + n
    checks = {
        "stored == distinct sent": stored == distinct_sent,
        "sum(accepted) == distinct sent": accepted == distinct_sent,
        "sum(duplicates) == duplicates sent": duplicates == duplicates_sent,
        "nothing rejected": sum(r.rejected for r in reports) == 0,
        "every response 200": set(statuses) == {200} and not any(r.errors for r in reports),
    }
    summary = LatencySummary.of(latencies)
    cpu = cpu_after.since(cpu_before)
    clients_cpu = sum(o["cpu_s"] for o in outcomes)
    result = {
        "config": str(config),
        "server": srv.label,
        "conn_max_age": args.conn_max_age,
        "load_generators": config.clients,
        "events_sent": distinct_sent + duplicates_sent,
        "distinct_sent": distinct_sent,
        "duplicates_sent": duplicates_sent,
        "wall_s": wall,
        "events_per_s": (accepted + duplicates) / wall,
        "batches_per_s": len(latencies) / wall,
        "latency": asdict(summary),
        "stored": stored,
        "statuses": statuses,
        "reconnects": sum(r.reconnects for r in reports),
        "errors": [e for r in reports for e in r.errors][:5],
        "checks": checks,
        "cpu": cpu,
        "load_generators_cpu_s": clients_cpu,
    }
    print(
        f"\n== {config}: {srv.label}, {config.clients} load generators, batches of {args.batch_size:,}, "
        f"CONN_MAX_AGE={conn_max_age_label(args.conn_max_age)}\n"
        f"   {accepted + duplicates:,} events ({distinct_sent:,} distinct + {duplicates_sent:,} duplicates) "
        f"in {wall:.1f} s\n"
        f"   {result['events_per_s']:,.0f} events/s, {result['batches_per_s']:.1f} batches/s\n"
        f"   latency per batch: {summary.line()}\n"
        f"   {cpu_line(cpu, clients_cpu, persistent=is_persistent(args.conn_max_age))}\n"
        f"   checks: stored {stored:,}, accepted {accepted:,}, duplicates {duplicates:,}: "
        + ", ".join(f"{name} {'OK' if ok else 'FAILED'}" for name, ok in checks.items()),
        flush=True,
    )
    events = accepted + duplicates
    if is_persistent(args.conn_max_age):  # PostgreSQL's CPU is attributable only with persistent connections
        pg_cpu = cpu["pg_backends_live_s"]
        per_thousand = {
            "gunicorn": 1000 * cpu["gunicorn_s"] / events,
            "postgres": 1000 * pg_cpu / events,
            "load_generators": 1000 * clients_cpu / events,
        }
        result["cpu_s_per_1000_events"] = per_thousand
        # If nothing else ran on the machine: its cores divided by the CPU one event costs in total.
        result["ceiling_events_per_s"] = (
            (os.cpu_count() or 1) * events / max(cpu["gunicorn_s"] + pg_cpu + clients_cpu, 1e-9)
        )
        print(
            f"   CPU per 1,000 events: gunicorn {per_thousand['gunicorn'] * 1000:.0f} ms, PostgreSQL "
            f"{per_thousand['postgres'] * 1000:.0f} ms, load generators {per_thousand['load_generators'] * 1000:.0f} "
            f"ms -> ceiling on {os.cpu_count()} idle cores ~{result['ceiling_events_per_s']:,.0f} events/s",
            flush=True,
        )
    else:
        print(f"   CPU per 1,000 events: gunicorn {1e6 * cpu['gunicorn_s'] / events:.0f} ms", flush=True)
    if result["errors"]:
        print(f"   errors: {result['errors']}", flush=True)
    if profile is not None and profile.exists():
        print(pyspy_summary(profile), flush=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=500_000, help="events per configuration, duplicates included")
    parser.add_argument("--batch-size", type=int, default=1_000)
    parser.add_argument("--duplicates", type=float, default=0.10, help="share of each batch re-sent deliberately")
    parser.add_argument("--customers", type=int, default=1_000)
    parser.add_argument(
        "--configs", default="2x4:2,3x2:3,4x2:4",
        help="comma-separated <gunicorn workers>x<threads>:<load generators>",
    )  # fmt: skip
    parser.add_argument(
        "--conn-max-age", type=int, default=None,
        help="CONN_MAX_AGE in DATABASE_URL; 0: a new connection per request (default: the settings', 60)",
    )  # fmt: skip
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--profile", action="store_true", help="sample gunicorn with py-spy ($PY_SPY)")
    parser.add_argument("--no-wait", action="store_true", help="do not wait for the machine to be quiet")
    parser.add_argument("--max-wait", type=float, default=30.0, help="seconds to wait for a quiet machine")
    args = parser.parse_args()
    configs = [Config.parse(c) for c in args.configs.split(",")]

    print(f"machine: {machine_description()}", flush=True)
    fresh_database(args.db)
    django_setup(args.db)
    fixtures = ingest_fixtures_create(customers=args.customers)
    from django.db import connections

    connections.close_all()  # the bench process holds no connection while generators run

    results = [run_config(config, args, fixtures, i) for i, config in enumerate(configs)]
    best = max(results, key=lambda r: r["events_per_s"])
    rate, p99 = best["events_per_s"], best["latency"]["p99_ms"]
    verdict = [
        "throughput met" if rate >= 50_000 else f"throughput {50_000 / rate:.1f}x short",
        "p99 met" if p99 < 100 else f"p99 {p99 / 100:.1f}x over",
    ]
    print(
        f"\nbest: {best['config']} ({best['server']}, {best['load_generators']} load generators): "
        f"{rate:,.0f} events/s, batch p99 {p99:.1f} ms "
        f"(target >= 50,000 events/s and p99 < 100 ms: {', '.join(verdict)})"
    )
    write_json(OUT_DIR / f"ingest_batch-{int(time.time())}.json", {"args": vars(args), "results": results})
    usage = resource.getrusage(resource.RUSAGE_SELF)
    log(f"bench process max RSS {usage.ru_maxrss / 1024:.0f} MiB")
    return 0 if all(all(r["checks"].values()) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
