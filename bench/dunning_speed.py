"""Dunning speed: training on 25,000 attempts (< 1 min) and next-action (< 50 ms).

    .venv/bin/python bench/dunning_speed.py                    # ~25,000 attempts, 400 next-actions
    .venv/bin/python bench/dunning_speed.py --attempts 25000 --calls 400

Builds the backtest's synthetic population (bench/dunning_sim.py) until its history holds
``--attempts`` attempts, posts that history and every payer's weekly usage through the API, times
``POST /api/v1/dunning/train`` (in the request, as DUNNING_TRAIN_ASYNC is off by default), then
times ``POST /api/v1/dunning/next-action`` on failed first attempts of the following months, and
apart from it the pure decision (``policy.next_action``: the candidate hours scored and planned)
and the usage trend read from metering. In process against a fresh SQLite file.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import dunning_backtest as backtest  # noqa: E402
import dunning_sim as sim  # noqa: E402


def _percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"p50 {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms ({len(ordered)} calls)"


def run(args: argparse.Namespace) -> None:
    from rest_framework.test import APIClient

    from access.services import api_key_create
    from contracts.models import Customer
    from metering.services import meter_create
    from receivables.dunning.policy import Attempt, Request, next_action
    from receivables.history import customer_history_profile, customer_usage_trend
    from receivables.learning import active_scorer

    rng = random.Random(args.seed)
    payers = sim.population(int(args.attempts / 33) + 1, seed=args.seed)
    records = backtest.history_records(payers, rng)
    while len(records) < args.attempts:
        payers += sim.population(20, seed=args.seed + len(payers))
        records = backtest.history_records(payers, random.Random(args.seed))
    records = records[: args.attempts]
    Customer.objects.bulk_create(
        [
            Customer(external_id=p.id, name=p.id, email=f"{p.id}@example.test", timezone=str(p.tz), country=p.country)
            for p in payers
        ]
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {api_key_create(name='bench').raw_key}")
    meter_create(code="api_calls", name="API calls", aggregation="sum")
    end = backtest.EVAL_START + timedelta(days=31 * backtest.EVAL_MONTHS)
    events = sim.usage_events(payers, until=end, metric="api_calls")
    for i in range(0, len(events), 10000):
        assert client.post("/api/v1/events/batch", {"events": events[i : i + 10000]}, format="json").status_code == 200
    for i in range(0, len(records), 5000):
        response = client.post("/api/v1/payment-history", {"attempts": records[i : i + 5000]}, format="json")
        assert response.status_code == 200, response.content
    print(f"history: {len(records):,} attempts of {len(payers)} payers; {len(events):,} usage events")

    started = time.perf_counter()
    trained = client.post("/api/v1/dunning/train", format="json")
    seconds = time.perf_counter() - started
    assert trained.status_code == 200, trained.content
    model = trained.json()
    print(f"train: POST /api/v1/dunning/train, model v{model['version']} on {model['trained_on']:,} attempts "
          f"in {seconds:.1f} s (AUC {model['metrics'].get('auc')}, Brier {model['metrics'].get('brier')})")  # fmt: skip

    customers = {c.external_id: c for c in Customer.objects.all()}
    scorer = active_scorer()
    api_ms, pure_ms, usage_ms = [], [], []
    for invoice in sim.invoices(payers, start=backtest.EVAL_START, months=backtest.EVAL_MONTHS):
        if len(api_ms) >= args.calls:
            break
        ok, code = sim.outcome(invoice, invoice.first_at, None)
        if ok:
            continue
        payer = invoice.payer
        body = {
            "customer": payer.id,
            "invoice": {"id": invoice.id, "amount": f"{payer.amount:.2f}", "currency": "USD"},
            "payment_method": {"type": "card", "brand": payer.brand, "funding": payer.funding,
                               "country": payer.card_country},
            "attempts": [{"attempted_at": backtest._iso(invoice.first_at), "outcome": "failed", "decline_code": code}],
        }  # fmt: skip
        started = time.perf_counter()
        response = client.post("/api/v1/dunning/next-action", body, format="json")
        api_ms.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content

        customer = customers[payer.id]
        started = time.perf_counter()
        trend = customer_usage_trend(customer=customer, at=invoice.first_at)
        usage_ms.append((time.perf_counter() - started) * 1000)
        profile = customer_history_profile(customer=customer, exclude_invoice=invoice.id, before=invoice.first_at)
        request = Request(
            timezone=str(payer.tz), amount=payer.amount, brand=payer.brand, funding=payer.funding,
            attempts=(Attempt(invoice.first_at, False, code),), profile=profile,
            card_country=payer.card_country, customer_country=payer.country, usage_trend=trend,
        )  # fmt: skip
        started = time.perf_counter()
        next_action(request, scorer)
        pure_ms.append((time.perf_counter() - started) * 1000)
    print(f"next-action through the API: {_percentiles(api_ms)}")
    print(f"  of which the pure decision (336 hours scored and planned, explained): {_percentiles(pure_ms)}")
    print(f"  and the usage trend read from metering: {_percentiles(usage_ms)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--attempts", type=int, default=25000)
    parser.add_argument("--calls", type=int, default=400)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        backtest._setup_django(str(Path(tmp) / "speed.sqlite3"))
        run(args)


if __name__ == "__main__":
    main()
