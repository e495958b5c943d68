"""Time the pure ASC 606 engine (what POST /api/v1/revrec/preview runs), no database.

.venv/bin/python bench/revrec_preview.py [--obligations 20] [--years 3] [--modifications 4] [--runs 50]
Prints the median and p95 time of one parse + compute and the size of the answer."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from revrec.asc606 import compute, parse_contract_input  # noqa: E402


def body(obligations: int, years: int, modifications: int) -> dict:
    start = date(2026, 1, 1)
    end = date(2026 + years, 1, 1)
    kinds = ["ratable", "point_in_time", "milestone", "usage"]
    items = []
    for i in range(obligations):
        kind = kinds[i % 4]
        code = f"o{i}"
        if kind == "ratable":
            items.append({"code": code, "kind": kind, "ssp": str(1000 + i), "start": start.isoformat(),
                          "end": end.isoformat()})
        elif kind == "point_in_time":
            when = (start + timedelta(days=i)).isoformat()
            items.append({"code": code, "kind": kind, "ssp": str(500 + i), "date": when})
        elif kind == "milestone":
            items.append({"code": code, "kind": kind, "ssp": str(2000 + i), "milestones": [
                {"code": "a", "date": (start + timedelta(days=30 + i)).isoformat(), "percent": "30"},
                {"code": "b", "date": (start + timedelta(days=300 + i)).isoformat(), "percent": "70"}]})
        else:
            items.append({"code": code, "kind": kind, "amounts": {f"2026-{m:02d}": "100.00" for m in range(1, 13)}})
    treatments = ["prospective", "cumulative_catch_up", "separate_contract"]
    mods = []
    for k in range(modifications):
        when = start + timedelta(days=90 * (k + 1))
        treatment = treatments[k % 3]
        mod = {"effective": when.isoformat(), "treatment": treatment, "transaction_price_change": "250.00",
               "add_obligations": [{"code": f"add{k}", "kind": "ratable", "ssp": "300", "start": when.isoformat(),
                                    "end": end.isoformat()}]}
        if treatment != "separate_contract":
            mod["end_changes"] = {"o0": (end + timedelta(days=30 * (k + 1))).isoformat()}
        mods.append(mod)
    return {"currency": "USD", "transaction_price": str(1500 * obligations), "granularity": "day",
            "obligations": items, "modifications": mods}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--obligations", type=int, default=20)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--modifications", type=int, default=4)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    data = body(args.obligations, args.years, args.modifications)
    times = []
    for _ in range(args.runs):
        began = time.perf_counter()
        result = compute(parse_contract_input(data))
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    print(f"obligations={args.obligations} years={args.years} modifications={args.modifications} runs={args.runs}")
    print(f"schedule rows={len(result.schedule)} periods={len(result.totals_by_period)}")
    print(f"median {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms")


if __name__ == "__main__":
    main()
