"""Properties of the pure revenue engine (hypothesis): whatever the contract and its
modifications, allocations sum exactly to the price, each obligation's schedule sums exactly to
its allocation, and the totals per period are the sums of the rows."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revrec.asc606 import RevenueInputError, compute, parse_contract_input
from revrec.asc606.allocation import Share, allocate

CURRENCIES = st.sampled_from(["USD", "EUR", "JPY", "KWD"])
AMOUNTS = st.decimals(min_value=Decimal("0"), max_value=Decimal("1000000"), places=2)
SSPS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2)
DAY0 = date(2025, 1, 1)
DATES = st.integers(min_value=0, max_value=1100).map(lambda n: DAY0 + timedelta(days=n))


def _money(value: Decimal, currency: str) -> str:
    places = {"JPY": 0, "KWD": 3}.get(currency, 2)
    return str(value.quantize(Decimal(1).scaleb(-places)))


@st.composite
def obligation(draw, code: str):
    kind = draw(st.sampled_from(["point_in_time", "ratable", "milestone", "usage"]))
    ssp = str(draw(SSPS))
    if kind == "point_in_time":
        return {"code": code, "kind": kind, "ssp": ssp, "date": draw(DATES).isoformat()}
    if kind == "ratable":
        start = draw(DATES)
        end = start + timedelta(days=draw(st.integers(min_value=1, max_value=800)))
        out = {"code": code, "kind": kind, "ssp": ssp, "start": start.isoformat(), "end": end.isoformat()}
        if draw(st.booleans()):
            out["granularity"] = draw(st.sampled_from(["day", "exact", "month_evenly"]))
        return out
    if kind == "milestone":
        count = draw(st.integers(min_value=1, max_value=4))
        cuts = sorted(draw(st.lists(st.integers(min_value=0, max_value=100), min_size=count - 1, max_size=count - 1)))
        bounds = [0, *cuts, 100]
        return {
            "code": code,
            "kind": kind,
            "ssp": ssp,
            "milestones": [
                {"code": f"m{i}", "date": draw(DATES).isoformat(), "percent": str(bounds[i + 1] - bounds[i])}
                for i in range(count)
            ],
        }
    months = draw(st.lists(st.integers(min_value=0, max_value=30), max_size=4, unique=True))
    return {
        "code": code,
        "kind": "usage",
        "amounts": {
            f"{2025 + m // 12}-{m % 12 + 1:02d}": str(draw(st.decimals(min_value=-500, max_value=5000, places=2)))
            for m in months
        },
    }


@st.composite
def contract(draw):
    currency = draw(CURRENCIES)
    count = draw(st.integers(min_value=1, max_value=5))
    obligations = [draw(obligation(f"o{i}")) for i in range(count)]
    if draw(st.booleans()) and count > 2:
        for ob in obligations[: draw(st.integers(min_value=1, max_value=count - 1))]:
            if ob["kind"] != "usage":
                ob["discount_group"] = "g"
    body = {
        "currency": currency,
        "transaction_price": _money(draw(AMOUNTS), currency),
        "granularity": draw(st.sampled_from(["day", "exact", "month_evenly"])),
        "obligations": obligations,
    }
    modifications = []
    codes = [o["code"] for o in obligations]
    for index in range(draw(st.integers(min_value=0, max_value=3))):
        treatment = draw(st.sampled_from(["separate_contract", "prospective", "cumulative_catch_up"]))
        added = [draw(obligation(f"a{index}_{k}")) for k in range(draw(st.integers(min_value=0, max_value=2)))]
        modification = {
            "effective": draw(DATES).isoformat(),
            "treatment": treatment,
            "transaction_price_change": _money(draw(AMOUNTS), currency),
            "add_obligations": added,
        }
        if treatment == "separate_contract":
            if not added:
                continue
        else:
            ratable = [
                c for c in codes if next((o for o in obligations if o["code"] == c), {}).get("kind") == "ratable"
            ]
            if ratable and draw(st.booleans()):
                ob = next(o for o in obligations if o["code"] == ratable[0])
                new_end = date.fromisoformat(ob["start"]) + timedelta(
                    days=draw(st.integers(min_value=1, max_value=900))
                )
                modification["end_changes"] = {ratable[0]: new_end.isoformat()}
            if codes and draw(st.booleans()):
                modification["remove_obligations"] = [draw(st.sampled_from(codes))]
        codes += [a["code"] for a in added]
        modifications.append(modification)
    body["modifications"] = modifications
    return body


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contract())
def test_allocations_schedules_and_totals_tie_out(body):
    refused: dict[str, list[str]] = {}
    try:
        result = compute(parse_contract_input(body))
    except RevenueInputError as exc:
        refused = exc.fields
    if refused:
        # Only refusals the rules call for (a price with nothing to carry it, a discount group worth
        # less than the rest, a change to an obligation added later), never a crash.
        assert all(k == "obligations" or k.startswith("modifications[") for k in refused), refused
        return
    price = Decimal(body["transaction_price"]) + sum(
        (Decimal(m["transaction_price_change"]) for m in body["modifications"]), Decimal(0)
    )
    assert sum(result.allocation.values(), Decimal(0)) == price
    per_obligation: dict[str, Decimal] = defaultdict(Decimal)
    per_period: dict[str, Decimal] = defaultdict(Decimal)
    for row in result.schedule:
        per_obligation[row.obligation] += row.amount
        per_period[row.period] += row.amount
        assert row.amount == row.amount.quantize(Decimal(1).scaleb(row.amount.as_tuple().exponent))
    for code, allocated in result.allocation.items():
        assert per_obligation.get(code, Decimal(0)) == allocated
    assert {p: t for p, t in per_period.items() if t} == {p: t for p, t in result.totals_by_period.items() if t}
    assert list(result.totals_by_period) == sorted(result.totals_by_period)


@settings(max_examples=300, deadline=None)
@given(
    price=AMOUNTS,
    ssps=st.lists(SSPS, min_size=1, max_size=8),
    currency=CURRENCIES,
)
def test_relative_allocation_sums_exactly_and_is_within_a_minor_unit_per_share(price, ssps, currency):
    shares = [Share(f"o{i}", ssp) for i, ssp in enumerate(ssps)]
    from fractions import Fraction

    shares = [Share(s.code, Fraction(s.weight)) for s in shares]
    result = allocate(price, shares, currency)
    assert sum(result.values(), Decimal(0)) == price
    total = sum((s.weight for s in shares), Fraction(0))
    unit = Fraction(1, 10 ** {"JPY": 0, "KWD": 3}.get(currency, 2))
    for share in shares:
        exact = Fraction(price) * share.weight / total
        # every share is its exact value rounded, except the largest which may carry the others' cents
        assert abs(Fraction(result[share.code]) - exact) <= unit * len(shares)


@settings(max_examples=200, deadline=None)
@given(
    price=AMOUNTS,
    start=DATES,
    days=st.integers(min_value=1, max_value=1500),
    granularity=st.sampled_from(["day", "month_evenly"]),
)
def test_ratable_schedule_sums_to_its_allocation_and_dates_inside_the_term(price, start, days, granularity):
    end = start + timedelta(days=days)
    result = compute(
        parse_contract_input(
            {
                "currency": "USD",
                "transaction_price": str(price),
                "granularity": granularity,
                "obligations": [
                    {"code": "s", "kind": "ratable", "ssp": "1", "start": start.isoformat(), "end": end.isoformat()}
                ],
            }
        )
    )
    assert sum((i.amount for i in result.items), Decimal(0)) == price
    for item in result.items:
        assert start <= item.on < end
