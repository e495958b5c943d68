"""Dunning backtest: does the learned policy recover more than "retry on day 3 and day 7"?

    .venv/bin/python bench/dunning_backtest.py                 # 650 payers, seed 7
    .venv/bin/python bench/dunning_backtest.py --payers 300 --seed 3
    .venv/bin/python bench/dunning_backtest.py --legacy fixed     # history retried on day 3/7 only

1. A synthetic population (bench/dunning_sim.py: paydays, office-hours card rules, statement
   cycles, transient errors, churning payers, hard declines) and 18 months of its payment
   history, with retries made by the legacy schedules (half day 3/7, half at varied times), and
   every payer's weekly product usage through ``POST /api/v1/events/batch``.
2. The history of 80% of the payers ("seen") goes through ``POST /api/v1/payment-history``; the
   other 20% ("unseen") post nothing: they test the cold start. The model is trained through
   ``POST /api/v1/dunning/train``.
3. The next 3 months are replayed for every payer: each failed first attempt is retried by the
   fixed schedule, and separately by asking ``POST /api/v1/dunning/next-action`` until it says
   escalate or stop (the outcome of each moment is the same for both: common random numbers).
   Recovery = failed invoices paid within 14 days of the first failure.

Runs in process against a fresh SQLite database (Django's test client, the real views), so it
needs no server; prints training time, next-action latency and the recovery table, and writes
a JSON copy to $BENCH_OUT (default /tmp/bench-out/).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import dunning_sim as sim  # noqa: E402

HISTORY_START = datetime(2025, 1, 1, tzinfo=UTC)
HISTORY_MONTHS = 18
EVAL_START = datetime(2026, 7, 1, tzinfo=UTC)
EVAL_MONTHS = 3
OUT_DIR = Path(os.environ.get("BENCH_OUT", "/tmp/bench-out"))


def _setup_django(db_path: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "billing_site.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def history_records(payers: list[sim.Payer], rng: random.Random, legacy: str = "mixed") -> list[dict]:
    records = []
    for invoice in sim.invoices(payers, start=HISTORY_START, months=HISTORY_MONTHS):
        payer = invoice.payer
        method = {"type": "card", "brand": payer.brand, "funding": payer.funding, "country": payer.card_country}
        moments = [invoice.first_at]
        ok, code = sim.outcome(invoice, invoice.first_at, None)
        attempts = [(invoice.first_at, ok, code)]
        if not ok:
            last = invoice.first_at
            fixed = [invoice.first_at + timedelta(days=3), invoice.first_at + timedelta(days=7)]
            for moment in fixed if legacy == "fixed" else sim.legacy_retry_times(invoice, rng):
                ok, code = sim.outcome(invoice, moment, last)
                attempts.append((moment, ok, code))
                last = moment
                if ok:
                    break
        for n, (moment, ok, code) in enumerate(attempts):
            moments.append(moment)
            records.append(
                {
                    "id": f"ch_{invoice.id}_{n}",
                    "customer": payer.id,
                    "invoice": invoice.id,
                    "amount": f"{payer.amount:.2f}",
                    "currency": "USD",
                    "attempted_at": _iso(moment),
                    "outcome": "succeeded" if ok else "failed",
                    "decline_code": None if ok else code,
                    "payment_method": method,
                }
            )
    return records


def run(args: argparse.Namespace) -> dict:
    from rest_framework.test import APIClient

    from access.services import api_key_create
    from contracts.models import Customer
    from metering.services import meter_create

    payers = sim.population(args.payers, seed=args.seed)
    rng = random.Random(args.seed)
    shuffled = payers[:]
    rng.shuffle(shuffled)
    cut = int(len(shuffled) * 0.8)
    seen, unseen = shuffled[:cut], shuffled[cut:]
    seen_ids = {p.id for p in seen}
    Customer.objects.bulk_create(
        [
            Customer(external_id=p.id, name=p.id, email=f"{p.id}@example.test", timezone=str(p.tz), country=p.country)
            for p in payers
        ]
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {api_key_create(name='bench').raw_key}")

    # Every payer's product usage, seen and unseen alike (metering knows all customers), up to the
    # end of the replayed months; the model only ever reads usage before an invoice's first attempt.
    meter_create(code="api_calls", name="API calls", aggregation="sum")
    events = sim.usage_events(payers, until=EVAL_START + timedelta(days=31 * EVAL_MONTHS), metric="api_calls")
    started = time.perf_counter()
    for i in range(0, len(events), 10000):
        response = client.post("/api/v1/events/batch", {"events": events[i : i + 10000]}, format="json")
        assert response.status_code == 200, response.content[:500]
        assert not response.json()["rejected"], response.content[:500]
    print(f"usage: {len(events):,} weekly usage events posted in {time.perf_counter() - started:.1f} s")

    records = history_records(seen, rng, args.legacy)
    started = time.perf_counter()
    accepted = 0
    for i in range(0, len(records), 5000):
        response = client.post("/api/v1/payment-history", {"attempts": records[i : i + 5000]}, format="json")
        assert response.status_code == 200, response.content
        accepted += response.json()["accepted"]
    post_seconds = time.perf_counter() - started
    print(f"history: {accepted:,} attempts of {len(seen)} payers posted in {post_seconds:.1f} s")

    started = time.perf_counter()
    trained = client.post("/api/v1/dunning/train", format="json")
    train_seconds = time.perf_counter() - started
    assert trained.status_code == 200, trained.content
    model = trained.json()
    print(f"train: model v{model['version']} on {model['trained_on']:,} attempts in {train_seconds:.1f} s")
    print(f"  holdout metrics: {json.dumps(model['metrics'])}")

    table: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])  # failed, fixed, ours, retries
    latencies: list[float] = []
    for invoice in sim.invoices(payers, start=EVAL_START, months=EVAL_MONTHS):
        ok, code = sim.outcome(invoice, invoice.first_at, None)
        if ok:
            continue
        group = "seen" if invoice.payer.id in seen_ids else "unseen"
        row = table[(invoice.payer.behaviour, group)]
        row[0] += 1
        deadline = invoice.first_at + timedelta(days=14)
        last = invoice.first_at
        for moment in (invoice.first_at + timedelta(days=3), invoice.first_at + timedelta(days=7)):
            success, _ = sim.outcome(invoice, moment, last)
            last = moment
            if success and invoice.episode != "hard":
                row[1] += 1
                break
        attempts = [{"attempted_at": _iso(invoice.first_at), "outcome": "failed", "decline_code": code}]
        payer = invoice.payer
        while True:
            started = time.perf_counter()
            response = client.post(
                "/api/v1/dunning/next-action",
                {
                    "customer": payer.id,
                    "invoice": {"id": invoice.id, "amount": f"{payer.amount:.2f}", "currency": "USD"},
                    "payment_method": {
                        "type": "card",
                        "brand": payer.brand,
                        "funding": payer.funding,
                        "country": payer.card_country,
                    },
                    "attempts": attempts,
                },
                format="json",
            )
            latencies.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content
            decision = response.json()
            if decision["action"] != "retry":
                break
            at = datetime.fromisoformat(decision["at"].replace("Z", "+00:00"))
            assert datetime.fromisoformat(attempts[-1]["attempted_at"].replace("Z", "+00:00")) < at < deadline
            assert len(attempts) <= 4
            row[3] += 1
            success, retry_code = sim.outcome(invoice, at, datetime.fromisoformat(attempts[-1]["attempted_at"]))
            if success:
                row[2] += 1
                break
            attempts.append({"attempted_at": _iso(at), "outcome": "failed", "decline_code": retry_code})
    return {
        "payers": len(payers),
        "seed": args.seed,
        "legacy": args.legacy,
        "split": {"seen_payers": len(seen), "unseen_payers": len(unseen)},
        "history_attempts": accepted,
        "history_post_seconds": round(post_seconds, 2),
        "train_seconds": round(train_seconds, 2),
        "model": model,
        "next_action_ms": {
            "calls": len(latencies),
            "p50": round(statistics.median(latencies), 1),
            "p95": round(sorted(latencies)[int(len(latencies) * 0.95) - 1], 1),
        },
        "table": {f"{b}/{g}": v for (b, g), v in sorted(table.items())},
    }


def print_table(result: dict) -> None:
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for key, (failed, fixed, ours, retries, _) in result["table"].items():
        behaviour, group = key.split("/")
        for name in (behaviour, f"all {group}", "all"):
            rows[name] = [a + b for a, b in zip(rows[name], (failed, fixed, ours, retries), strict=True)]
    print(f"next-action: {result['next_action_ms']}")
    print(f"\n{'behaviour':<18}{'failed':>8}{'day 3/7':>10}{'policy':>10}{'points':>8}{'retries/inv':>13}")
    for name in [*sim.BEHAVIOURS, "all seen", "all unseen", "all"]:
        failed, fixed, ours, retries = rows.get(name, [0, 0, 0, 0])
        if not failed:
            continue
        print(
            f"{name:<18}{failed:>8}{fixed / failed:>10.1%}{ours / failed:>10.1%}"
            f"{(ours - fixed) / failed * 100:>8.1f}{retries / failed:>13.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--payers", type=int, default=650)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--legacy",
        choices=["mixed", "fixed"],
        default="mixed",
        help="how the history's retries were made: half day 3/7 and half at varied times, or all day 3/7",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _setup_django(str(Path(tmp) / "bench.sqlite3"))
        result = run(args)
    print_table(result)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / f"dunning_backtest_{args.legacy}.json").write_text(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main()
