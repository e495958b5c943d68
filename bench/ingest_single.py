"""Single-event ingestion through the HTTP API (POST /api/v1/events), one event per request.

    .venv/bin/python bench/ingest_single.py                      # 20,000 requests, default configs
    .venv/bin/python bench/ingest_single.py --requests 5000 --configs 2x4:8 --conn-max-age 0

Target: >= 800 requests/s with p99 < 30 ms at saturation.

For each configuration ``<gunicorn workers>x<threads>:<load-generator processes>``: an empty events
table, a fresh gunicorn (gthread, DEBUG off) on 127.0.0.1, a warm-up, then the load generators
(separate "spawn" processes, one keep-alive connection each, one request in flight each) send
their share back to back. ``--duplicates`` (10%) of the requests re-send, verbatim, an event the
same process sent earlier (a client retrying): the API answers 200 with "duplicate": true instead
of 201. Bodies are encoded before the clock starts.

Printed per configuration: requests/s, latency (p50/p95/p99/max), CPU split, and the checks:
SELECT count(*) equals the distinct events sent, 201s equal the distinct events, 200-duplicates
equal the duplicates sent, no other status. A JSON copy goes to $BENCH_OUT (default /tmp/bench-out).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
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
    machine_description,
    pyspy,
    pyspy_summary,
    send_all,
    sql_scalar,
    wait_for_quiet,
    write_json,
)
from ingest_batch import Config  # noqa: E402

EVENT_PATH = "/api/v1/events"


@dataclass(frozen=True)
class Plan:
    bodies: list[bytes]
    distinct: int
    duplicates: int


def build_plan(
    *, run: str, process: int, requests: int, duplicate_share: float, customers: list[str], seed: int
) -> Plan:
    """``requests`` bodies; a duplicate re-sends an earlier body of this process, so it is known
    to be stored (one request in flight per process) when it arrives."""
    rng = random.Random(seed)
    base = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
    duplicates_wanted = round(requests * duplicate_share)
    # Duplicates spread evenly, never first.
    duplicate_at = {int((i + 1) * requests / (duplicates_wanted + 1)) for i in range(duplicates_wanted)} - {0}
    bodies: list[bytes] = []
    distinct = duplicates = 0
    for i in range(requests):
        if i in duplicate_at and bodies:
            bodies.append(bodies[rng.randrange(len(bodies))])
            duplicates += 1
            continue
        event = {
            "idempotency_key": f"{run}-{process}-{i}",
            "customer": rng.choice(customers),
            "metric": "api_calls",
            "timestamp": (base + timedelta(seconds=i % 86_000)).isoformat().replace("+00:00", "Z"),
            "quantity": str(rng.randint(1, 20)),
            "properties": {"region": rng.choice(("eu", "us", "ap"))},
        }
        bodies.append(json.dumps(event, separators=(",", ":")).encode())
        distinct += 1
    return Plan(bodies=bodies, distinct=distinct, duplicates=duplicates)


def count_single(report: WorkerReport, status: int, payload: bytes) -> bool:
    if status == 201:
        report.accepted += 1
    elif status == 200 and json.loads(payload).get("duplicate") is True:
        report.duplicates += 1
    else:
        return False
    return True


def load_generator(
    process: int, port: int, api_key: str, plan_args: dict[str, Any], barrier: Any, results: Any
) -> None:
    """One load-generator process (spawned): build its bodies, wait for the others, send."""
    plan = build_plan(process=process, **plan_args)
    report, cpu_s = send_all(
        port=port, api_key=api_key, path=EVENT_PATH, bodies=plan.bodies, count=count_single, barrier=barrier
    )
    results.put({"report": asdict(report), "distinct": plan.distinct, "duplicates": plan.duplicates, "cpu_s": cpu_s})


def warm_up(port: int, api_key: str, customers: list[str], requests: int) -> int:
    connection = Connection(port)
    headers = {"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"}
    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    for i in range(requests):
        body = {"idempotency_key": f"warm-{i}", "customer": customers[i % len(customers)], "metric": "api_calls",
                "timestamp": now}  # fmt: skip
        status, payload = connection.post(EVENT_PATH, json.dumps(body).encode(), headers)
        if status != 201:
            raise RuntimeError(f"warm-up failed: {status} {payload[:300]!r}")
    connection.close()
    return requests


def run_config(config: Config, args: argparse.Namespace, fixtures: Any, run_index: int) -> dict[str, Any]:
    import psycopg

    with psycopg.connect(database_url(args.db), autocommit=True) as conn:
        conn.execute("TRUNCATE metering_usageevent")
    shares = [args.requests // config.clients + (1 if i < args.requests % config.clients else 0)
              for i in range(config.clients)]  # fmt: skip
    ctx = mp.get_context("spawn")
    with gunicorn(name=args.db, workers=config.workers, threads=config.threads, conn_max_age=args.conn_max_age) as srv:
        warm = warm_up(srv.port, fixtures.api_key, fixtures.customers, requests=20 * config.workers)
        barrier = ctx.Barrier(config.clients + 1)
        results = ctx.Queue()
        processes = []
        for i, requests in enumerate(shares):
            plan_args = {
                "run": f"s{run_index}", "requests": requests, "duplicate_share": args.duplicates,
                "customers": fixtures.customers, "seed": run_index * 1000 + i,
            }  # fmt: skip
            p = ctx.Process(target=load_generator, args=(i, srv.port, fixtures.api_key, plan_args, barrier, results))
            p.start()
            processes.append(p)
        profile = OUT_DIR / f"ingest_single-{config}.pyspy.txt" if args.profile else None
        if not args.no_wait:
            wait_for_quiet(max_wait=args.max_wait)
        with pyspy(pid=srv.process.pid, out_path=profile):
            barrier.wait(timeout=600)
            cpu_before = CpuSnapshot.take(root_pid=srv.process.pid, database=args.db)
            outcomes = collect_results(results, processes)
            cpu_after = CpuSnapshot.take(root_pid=srv.process.pid, database=args.db)
        for p in processes:
            p.join(timeout=60)
    reports = [WorkerReport(**o["report"]) for o in outcomes]
    wall = max(r.finished for r in reports) - min(r.started for r in reports)
    latencies = [x for r in reports for x in r.latencies]
    created = sum(r.accepted for r in reports)
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
        "201s == distinct sent": created == distinct_sent,
        "200 duplicates == duplicates sent": duplicates == duplicates_sent,
        "only 201 and 200": set(statuses) <= {200, 201} and not any(r.errors for r in reports),
    }
    summary = LatencySummary.of(latencies)
    cpu = cpu_after.since(cpu_before)
    clients_cpu = sum(o["cpu_s"] for o in outcomes)
    requests_done = len(latencies)
    # PostgreSQL's CPU is attributable only with persistent connections (see cpu_line).
    pg_cpu = cpu["pg_backends_live_s"] if is_persistent(args.conn_max_age) else float("nan")
    server_cpu = cpu["gunicorn_s"] + pg_cpu
    per_request_ms = {
        "gunicorn": 1000 * cpu["gunicorn_s"] / requests_done,
        "postgres": 1000 * pg_cpu / requests_done,
        "load_generators": 1000 * clients_cpu / requests_done,
    }
    result = {
        "config": str(config),
        "server": srv.label,
        "conn_max_age": args.conn_max_age,
        "load_generators": config.clients,
        "requests": requests_done,
        "distinct_sent": distinct_sent,
        "duplicates_sent": duplicates_sent,
        "wall_s": wall,
        "requests_per_s": requests_done / wall,
        "latency": asdict(summary),
        "stored": stored,
        "statuses": statuses,
        "reconnects": sum(r.reconnects for r in reports),
        "errors": [e for r in reports for e in r.errors][:5],
        "checks": checks,
        "cpu": cpu,
        "load_generators_cpu_s": clients_cpu,
        "cpu_ms_per_request": per_request_ms,
        "ceiling_requests_per_s": (
            (os.cpu_count() or 1) * requests_done / max(server_cpu + clients_cpu, 1e-9)
            if is_persistent(args.conn_max_age)
            else None
        ),
    }
    ceiling = result["ceiling_requests_per_s"]
    ceiling_text = (
        f"PostgreSQL {per_request_ms['postgres']:.2f} ms, load generators {per_request_ms['load_generators']:.2f} ms "
        f"-> ceiling on {os.cpu_count()} idle cores ~{ceiling:,.0f} requests/s"
        if ceiling is not None
        else f"load generators {per_request_ms['load_generators']:.2f} ms"
    )
    print(
        f"\n== {config}: {srv.label}, {config.clients} load generators (1 request in flight each), "
        f"CONN_MAX_AGE={conn_max_age_label(args.conn_max_age)}\n"
        f"   {requests_done:,} requests ({distinct_sent:,} new + {duplicates_sent:,} duplicates) in {wall:.1f} s\n"
        f"   {result['requests_per_s']:,.0f} requests/s\n"
        f"   latency: {summary.line()}\n"
        f"   {cpu_line(cpu, clients_cpu, persistent=is_persistent(args.conn_max_age))}\n"
        f"   CPU per request: gunicorn {per_request_ms['gunicorn']:.2f} ms, {ceiling_text}\n"
        f"   checks: stored {stored:,}, 201 {created:,}, duplicates {duplicates:,}, statuses {statuses}: "
        + ", ".join(f"{name} {'OK' if ok else 'FAILED'}" for name, ok in checks.items()),
        flush=True,
    )
    if result["errors"]:
        print(f"   errors: {result['errors']}", flush=True)
    if profile is not None and profile.exists():
        print(pyspy_summary(profile), flush=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=20_000, help="requests per configuration, duplicates included")
    parser.add_argument("--duplicates", type=float, default=0.10, help="share of requests re-sent deliberately")
    parser.add_argument("--customers", type=int, default=1_000)
    parser.add_argument("--configs", default="2x4:8,3x4:12", help="<workers>x<threads>:<load generators>")
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

    connections.close_all()

    results = [run_config(config, args, fixtures, i) for i, config in enumerate(configs)]
    best = max(results, key=lambda r: r["requests_per_s"])
    print(
        f"\nbest: {best['config']} ({best['server']}, {best['load_generators']} load generators): "
        f"{best['requests_per_s']:,.0f} requests/s, p99 {best['latency']['p99_ms']:.1f} ms "
        f"(target >= 800 requests/s with p99 < 30 ms)"
    )
    write_json(OUT_DIR / f"ingest_single-{int(time.time())}.json", {"args": vars(args), "results": results})
    return 0 if all(all(r["checks"].values()) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
