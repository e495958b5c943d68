"""The revenue engine: allocation, schedules and modifications of one contract, pure.

``compute(contract)`` is what the preview API answers and what the database engine books."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .allocation import AllocationError, Share, allocate
from .inputs import ContractInput, Modification, Obligation, RevenueInputError
from .money import to_money
from .segments import (
    DaySegment,
    FixedSegment,
    MonthEvenlySegment,
    PointsSegment,
    Segment,
    service_months,
    total,
)

ZERO = Decimal(0)


@dataclass(frozen=True)
class ScheduleItem:
    """Revenue of one obligation dated ``on`` (inside the month it is earned in)."""

    obligation: str
    on: date
    amount: Decimal

    @property
    def period(self) -> str:
        return f"{self.on.year:04d}-{self.on.month:02d}"


@dataclass(frozen=True)
class ScheduleRow:
    obligation: str
    period: str
    amount: Decimal


@dataclass(frozen=True)
class RevenueResult:
    currency: str
    allocation: dict[str, Decimal]
    schedule: list[ScheduleRow]
    totals_by_period: dict[str, Decimal]
    items: list[ScheduleItem]
    # How each modification was treated and what it moved (for the audit record).
    modifications: list[dict[str, object]]


@dataclass
class _State:
    spec: Obligation
    group: int
    granularity: str
    base_units: int
    plan: list[Segment]
    removed: bool = False
    dropped: bool = False  # removed before anything of it was delivered: out of the contract


def _term(spec: Obligation) -> tuple[date, date]:
    if spec.start is None or spec.end is None:
        raise ValueError(f"Ratable obligation {spec.code} has no term.")
    return spec.start, spec.end


def _granularity(spec: Obligation, default: str) -> str:
    return spec.granularity or default


def _units(spec: Obligation, granularity: str, since: date | None = None) -> int:
    """A ratable obligation's service from ``since`` (default: its start): days, or service months."""
    start, end = _term(spec)
    first = start if since is None else max(since, start)
    if granularity == "month_evenly":
        return len(service_months(start, first, end))
    return max((end - first).days, 0)


def _full_segment(spec: Obligation, granularity: str, amount: Decimal, currency: str) -> Segment | None:
    if spec.kind == "usage":
        # Usage is revenue as stated for its month, in the currency's minor unit.
        return FixedSegment(tuple((date.fromisoformat(f"{p}-01"), to_money(x, currency)) for p, x in spec.amounts))
    if spec.kind == "point_in_time":
        assert spec.date is not None
        return PointsSegment(((spec.date, Fraction(1)),), amount)
    if spec.kind == "milestone":
        return PointsSegment(tuple((m.date, Fraction(m.percent)) for m in spec.milestones), amount)
    start, end = _term(spec)
    if end <= start:
        return None
    if granularity == "month_evenly":
        return MonthEvenlySegment(start, start, end, amount)
    return DaySegment(start, end, amount)


def _tail_segment(spec: Obligation, granularity: str, since: date, amount: Decimal) -> Segment | None:
    """The part of an obligation still to be performed from ``since``, carrying ``amount``."""
    if spec.kind == "point_in_time":
        assert spec.date is not None
        return PointsSegment(((spec.date, Fraction(1)),), amount) if spec.date >= since else None
    if spec.kind == "milestone":
        points = tuple((m.date, Fraction(m.percent)) for m in spec.milestones if m.date >= since)
        return PointsSegment(points, amount) if points else None
    start, end = _term(spec)
    first = max(since, start)
    if first >= end:
        return None
    if granularity == "month_evenly":
        if not service_months(start, first, end):
            return None
        return MonthEvenlySegment(start, first, end, amount)
    return DaySegment(first, end, amount)


def _ssp_now(state: _State) -> Fraction:
    """The SSP of what the obligation promises under its current terms: a ratable one's SSP scales
    with its term (its SSP was given for the original term); a milestone's with its milestones."""
    spec = state.spec
    if state.dropped:
        return Fraction(0)
    if spec.kind == "ratable":
        return Fraction(spec.ssp) * _units(spec, state.granularity) / state.base_units
    if spec.kind == "milestone":
        return Fraction(spec.ssp) * sum((Fraction(m.percent) for m in spec.milestones), Fraction(0)) / 100
    return Fraction(spec.ssp)


def _ssp_remaining(state: _State, since: date) -> Fraction:
    """SSP of what is still to be delivered from ``since``: SSP x remaining fraction (ratable),
    unreached milestones, the full SSP of an undelivered item."""
    spec = state.spec
    if state.removed or state.dropped:
        return Fraction(0)
    if spec.kind == "ratable":
        return Fraction(spec.ssp) * _units(spec, state.granularity, since) / state.base_units
    if spec.kind == "milestone":
        unreached = sum((Fraction(m.percent) for m in spec.milestones if m.date >= since), Fraction(0))
        return Fraction(spec.ssp) * unreached / 100
    assert spec.date is not None
    return Fraction(spec.ssp) if spec.date >= since else Fraction(0)


def _new_state(spec: Obligation, group: int, default_granularity: str) -> _State:
    granularity = _granularity(spec, default_granularity)
    units = _units(spec, granularity) if spec.kind == "ratable" else 1
    return _State(spec=spec, group=group, granularity=granularity, base_units=max(units, 1), plan=[])


def _before(plan: list[Segment], when: date) -> list[Segment]:
    return [segment.cut(when)[0] for segment in plan]


class _Engine:
    def __init__(self, contract: ContractInput) -> None:
        self.currency = contract.currency
        self.granularity = contract.granularity
        self.states: dict[str, _State] = {}
        self.group_price: dict[int, Decimal] = {0: contract.transaction_price}
        self.log: list[dict[str, object]] = []
        for spec in contract.obligations:
            self.states[spec.code] = _new_state(spec, 0, self.granularity)
        self._allocate_initial(0, contract.transaction_price, "obligations")

    def _allocate_initial(self, group: int, price: Decimal, path: str) -> None:
        states = [s for s in self.states.values() if s.group == group]
        shares = [
            Share(s.spec.code, Fraction(s.spec.ssp), s.spec.discount_group) for s in states if s.spec.kind != "usage"
        ]
        try:
            amounts = allocate(price, shares, self.currency)
        except AllocationError as exc:
            raise RevenueInputError({path: [str(exc)]}) from exc
        for state in states:
            segment = _full_segment(state.spec, state.granularity, amounts.get(state.spec.code, ZERO), self.currency)
            state.plan = [segment] if segment is not None else []

    def _target_group(self, modification: Modification, path: str) -> int:
        codes = [*modification.remove_obligations, *(c for c, _e in modification.end_changes)]
        groups = {self.states[c].group for c in codes if self.states[c].spec.kind != "usage"}
        if len(groups) > 1:
            raise RevenueInputError({path: ["A modification changes obligations of one contract at a time."]})
        return groups.pop() if groups else 0

    def _apply_scope(self, modification: Modification, path: str) -> None:
        when = modification.effective
        for code, new_end in modification.end_changes:
            state = self.states[code]
            if state.spec.kind != "ratable":
                raise RevenueInputError({f"{path}.end_changes.{code}": ["Only a ratable obligation has an end."]})
            assert state.spec.start is not None
            if new_end <= state.spec.start:
                raise RevenueInputError({f"{path}.end_changes.{code}": ["The end must be after the start."]})
            state.spec = replace(state.spec, end=new_end)
        for code in modification.remove_obligations:
            state = self.states[code]
            state.removed = True
            spec = state.spec
            if spec.kind == "usage":
                state.plan = _before(state.plan, when)
            elif spec.kind == "ratable":
                start, end = _term(spec)
                state.dropped = when <= start
                state.spec = replace(spec, end=max(min(end, when), start))
            elif spec.kind == "milestone":
                kept = tuple(m for m in spec.milestones if m.date < when)
                state.dropped = not kept
                state.spec = replace(spec, milestones=kept)
            else:
                assert spec.date is not None
                state.dropped = spec.date >= when

    def apply(self, modification: Modification, index: int) -> None:
        path = f"modifications[{index}]"
        when = modification.effective
        change = modification.transaction_price_change
        if modification.treatment == "separate_contract":
            group = max(self.group_price) + 1
            for spec in modification.add_obligations:
                self.states[spec.code] = _new_state(spec, group, self.granularity)
            self.group_price[group] = change
            self._allocate_initial(group, change, f"{path}.add_obligations")
            self.log.append({"effective": when.isoformat(), "treatment": modification.treatment, "price": change})
            return
        group = self._target_group(modification, path)
        for spec in modification.add_obligations:
            self.states[spec.code] = _new_state(spec, group, self.granularity)
            if spec.kind == "usage":
                segment = _full_segment(spec, self.granularity, ZERO, self.currency)
                self.states[spec.code].plan = [segment] if segment is not None else []
        self._apply_scope(modification, path)
        members = [s for s in self.states.values() if s.group == group and s.spec.kind != "usage"]
        new_price = self.group_price[group] + change
        try:
            if modification.treatment == "prospective":
                moved = self._prospective(members, when, new_price)
            else:
                moved = self._catch_up(members, when, new_price)
        except AllocationError as exc:
            raise RevenueInputError({path: [str(exc)]}) from exc
        self.group_price[group] = new_price
        self.log.append({"effective": when.isoformat(), "treatment": modification.treatment, **moved})

    def _prospective(self, members: list[_State], when: date, new_price: Decimal) -> dict[str, object]:
        recognised = sum((total(_before(s.plan, when), self.currency) for s in members), ZERO)
        remaining = new_price - recognised
        weights = [(s, _ssp_remaining(s, when)) for s in members]
        live = [(s, w) for s, w in weights if w > 0]
        if not live and remaining:
            # Nothing is left to perform: a change of price is allocated on the inception basis and
            # recognised at once, in the month of the change (ASC 606-10-32-43/44).
            shares = [Share(s.spec.code, _ssp_now(s)) for s in members if not s.dropped]
            amounts = allocate(remaining, shares, self.currency)
            for state in members:
                plan = _before(state.plan, when)
                amount = amounts.get(state.spec.code, ZERO)
                state.plan = plan + ([FixedSegment(((when, amount),))] if amount else [])
            return {"recognised_before": recognised, "remaining_allocated": remaining, "recognised_at_once": True}
        amounts = allocate(remaining, [Share(s.spec.code, w) for s, w in live], self.currency)
        for state in members:
            plan = _before(state.plan, when)
            amount = amounts.get(state.spec.code, ZERO)
            tail = _tail_segment(state.spec, state.granularity, when, amount) if state.spec.code in amounts else None
            state.plan = plan + ([tail] if tail is not None else [])
        return {"recognised_before": recognised, "remaining_allocated": remaining}

    def _catch_up(self, members: list[_State], when: date, new_price: Decimal) -> dict[str, object]:
        shares = [Share(s.spec.code, _ssp_now(s), s.spec.discount_group) for s in members if not s.dropped]
        amounts = allocate(new_price, shares, self.currency)
        adjustments: dict[str, Decimal] = {}
        for state in members:
            old_before = _before(state.plan, when)
            segment = (
                None
                if state.dropped
                else _full_segment(state.spec, state.granularity, amounts[state.spec.code], self.currency)
            )
            plan: list[Segment] = list(old_before)
            new_before_total = ZERO
            if segment is not None:
                new_before, new_after = segment.cut(when)
                new_before_total = total([new_before], self.currency)
                after: list[Segment] = [new_after]
            else:
                after = []
            difference = new_before_total - total(old_before, self.currency)
            if difference:
                plan.append(FixedSegment(((when, difference),)))
                adjustments[state.spec.code] = difference
            state.plan = plan + after
        return {"catch_up": adjustments}

    def result(self) -> RevenueResult:
        items: list[ScheduleItem] = []
        allocation: dict[str, Decimal] = {}
        for code, state in self.states.items():
            per_date: dict[date, Decimal] = defaultdict(Decimal)
            for segment in state.plan:
                for when, amount in segment.items(self.currency):
                    per_date[when] += amount
            if state.spec.kind != "usage":
                allocation[code] = sum(per_date.values(), ZERO) if per_date else _zero(self.currency)
            items += [ScheduleItem(code, when, amount) for when, amount in sorted(per_date.items()) if amount]
        rows: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        for item in items:
            rows[(item.obligation, item.period)] += item.amount
        schedule = [ScheduleRow(code, period, amount) for (code, period), amount in rows.items() if amount]
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for row in schedule:
            totals[row.period] += row.amount
        return RevenueResult(
            currency=self.currency,
            allocation=allocation,
            schedule=schedule,
            totals_by_period=dict(sorted(totals.items())),
            items=items,
            modifications=self.log,
        )


def _zero(currency: str) -> Decimal:
    return to_money(0, currency)


def compute(contract: ContractInput) -> RevenueResult:
    """Allocate the transaction price, build every obligation's schedule and apply the
    modifications in date order. Allocations (usage aside) sum to the final transaction price;
    each obligation's schedule sums to its allocation; ``totals_by_period`` sums the rows."""
    engine = _Engine(contract)
    for index, modification in enumerate(contract.modifications):
        engine.apply(modification, index)
    return engine.result()
