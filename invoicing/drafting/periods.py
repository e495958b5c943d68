"""From contracts and usage to rated invoice lines: which line periods are due on which billing
date, and what they cost. Reads contracts and metering through their models/selectors, prices with
the pure rating engine, writes nothing (``recurring`` and ``billing_run`` do)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Protocol
from zoneinfo import ZoneInfo

from contracts.amendments import base_code
from contracts.choices import USAGE_CHARGE_MODELS, BillingTiming, ChargeModel, CommitmentPeriod
from contracts.models import Contract, ContractLine
from metering.models import Meter
from metering.selectors import (
    UsageRequest,
    usage_aggregate,
    usage_aggregate_many,
    usage_event_values,
    usage_event_values_many,
)
from rating import (
    COMMITMENT_LINE_CODE,
    LineSpec,
    MinimumCommitment,
    RatedLine,
    RatingResult,
    Tier,
    Usage,
    rate_period,
)
from rating.schedules import Cadence, Period, billing_periods, period_containing

ZERO = Decimal(0)
ONCE_MODELS = frozenset({ChargeModel.ONE_TIME, ChargeModel.PREPAID_CREDIT})


@dataclass(frozen=True)
class LinePeriod:
    line: ContractLine
    period: Period


def commitment_anchor_line(contract: Contract) -> ContractLine:
    """The stand-in line of a contract whose only term is a per-period minimum commitment: never
    saved and never rated, it gives the commitment its billing periods (monthly, in arrears, on the
    contract's alignment) so that each closed period bills the (prorated) commitment."""
    return ContractLine(
        contract=contract,
        code=COMMITMENT_LINE_CODE,
        description="Minimum commitment",
        charge_model=ChargeModel.FLAT,
        amount=ZERO,
        billing_interval="month",
        billing_interval_count=1,
        billing_timing=BillingTiming.IN_ARREARS,
    )


def is_commitment_anchor(line: ContractLine) -> bool:
    return line.pk is None and line.code == COMMITMENT_LINE_CODE


def _bills_commitment_alone(contract: Contract, lines: Sequence[ContractLine]) -> bool:
    return (
        not lines
        and contract.minimum_commitment_amount is not None
        and contract.minimum_commitment_period == CommitmentPeriod.BILLING_PERIOD
    )


def _decimal(value: object) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def line_spec(line: ContractLine, *, unit_label: str = "units") -> LineSpec:
    """The rating engine's view of a contract line (a price snapshot, no ORM)."""
    return LineSpec(
        code=line.code,
        charge_model=line.charge_model,
        description=line.description,
        billing_timing=line.billing_timing,
        amount=line.amount,
        unit_price=line.unit_price,
        included_units=line.included_units or ZERO,
        tiers=tuple(
            Tier(
                up_to=_decimal(t.get("up_to")),
                unit_price=Decimal(str(t.get("unit_price") or 0)),
                flat_fee=Decimal(str(t.get("flat_fee") or 0)),
                package_size=_decimal(t.get("package_size")),
            )
            for t in line.tiers or []
        ),
        tier_basis=line.tier_basis,
        package_size=line.package_size,
        package_price=line.package_price,
        free_units=line.free_units or ZERO,
        rate=line.rate,
        fixed_fee=line.fixed_fee or ZERO,
        free_events=line.free_events,
        free_amount=line.free_amount,
        per_event_min=line.per_event_min,
        per_event_max=line.per_event_max,
        seats=line.seats,
        charge_date=line.charge_date,
        price=line.price,
        minimum_amount=line.minimum_amount,
        metric=line.metric or None,
        unit_label=unit_label,
    )


def local_midnight_utc(day: date, tz: ZoneInfo) -> datetime:
    """The instant a local calendar day starts, as an aware datetime (DST-safe via zoneinfo)."""
    return datetime.combine(day, time.min, tzinfo=tz)


def local_today(as_of: datetime, tz: ZoneInfo) -> date:
    return as_of.astimezone(tz).date()


def due_line_periods(
    contract: Contract, lines: Iterable[ContractLine], *, as_of: datetime
) -> dict[date, list[LinePeriod]]:
    """Line periods due by ``as_of``, grouped by billing date.

    In arrears: due when the period has closed (its end, at midnight in the customer's time
    zone); billed on its end date. In advance: due when it starts; billed on its start date.
    One-time charges and prepaid credit purchases: on their charge date (default: line start).
    Milestones are billed when completed, not by runs."""
    tz = ZoneInfo(contract.customer.timezone)
    today = local_today(as_of, tz)
    due: dict[date, list[LinePeriod]] = defaultdict(list)
    lines = list(lines)
    if _bills_commitment_alone(contract, lines):
        lines = [commitment_anchor_line(contract)]
    for line in lines:
        start = line.start_date or contract.start_date
        end = line.end_date or contract.end_date
        if line.charge_model == ChargeModel.MILESTONE:
            continue
        if line.charge_model in ONCE_MODELS:
            charge_date = line.charge_date or start
            if charge_date <= today:
                day_after = charge_date + timedelta(days=1)
                due[charge_date].append(LinePeriod(line, Period(start=charge_date, end=day_after)))
            continue
        cadence = Cadence(interval=line.billing_interval, count=line.billing_interval_count)
        in_advance = line.billing_timing == BillingTiming.IN_ADVANCE
        until = today + timedelta(days=1) if in_advance else today
        # A line version made by an amendment (contracts/amendments.py) starts on the effective
        # date but keeps the cycle of the line it replaces: its periods count from anchor_date,
        # and its first period is the rest of the period containing its start. In advance, that
        # partial first period is never billed here: the amendment's proration invoice charged it
        # (the old version's period was already billed in advance, or is billed up to the day before).
        anchor = line.anchor_date if line.anchor_date is not None and line.anchor_date < start else start
        for period in billing_periods(
            start=anchor, end=end, cadence=cadence, alignment=contract.billing_alignment, until=until
        ):
            if period.end <= start:
                continue
            if period.start < start:
                if in_advance:
                    continue
                period = Period(
                    start=start, end=period.end, nominal_start=period.full_start, nominal_end=period.full_end
                )
            if in_advance:
                if period.start <= today:
                    due[period.start].append(LinePeriod(line, period))
                continue
            # In arrears, a line ending inside a period while the contract goes on (an amendment
            # replaced or ended it) is billed when the period closes, with the rest of the period:
            # usage before and after a price change lands on one invoice.
            closes = period.end
            if line.end_date is not None and period.end == line.end_date < period.full_end:
                closes = max(period.end, min(period.full_end, contract.end_date or period.full_end))
            if closes <= today:
                due[closes].append(LinePeriod(line, period))
    return dict(due)



def line_period_containing(contract: Contract, line: ContractLine, day: date) -> Period | None:
    """The billing period of ``line`` that contains ``day`` (clipped to the line's start), or None
    when the line has not started by then (e.g. a future-dated amendment) or has already ended. An
    amendment's line version keeps the cycle of the line it replaced (``anchor_date``)."""
    start = line.start_date or contract.start_date
    end = line.end_date or contract.end_date
    if start > day or (end is not None and end <= day):
        return None
    anchor = line.anchor_date if line.anchor_date is not None and line.anchor_date < start else start
    period = period_containing(
        start=anchor,
        cadence=Cadence(line.billing_interval, line.billing_interval_count),
        alignment=contract.billing_alignment,
        day=day,
        end=end,
    )
    if period.start < start:
        period = Period(start=start, end=period.end, nominal_start=period.full_start, nominal_end=period.full_end)
    return period


class UsageSource(Protocol):
    """Where rating reads usage: the database per question (``LIVE``), or answers fetched in bulk
    beforehand (``PrefetchedUsage``, for a billing run's chunk)."""

    def aggregate(self, request: UsageRequest) -> Decimal: ...

    def event_values(self, request: UsageRequest) -> tuple[Decimal, ...]: ...


class LiveUsage:
    def aggregate(self, request: UsageRequest) -> Decimal:
        return usage_aggregate(
            customer_id=request.customer_id,
            meter=request.meter,
            start=request.start,
            end=request.end,
            dimension=request.dimension,
        )

    def event_values(self, request: UsageRequest) -> tuple[Decimal, ...]:
        return tuple(
            usage_event_values(
                customer_id=request.customer_id,
                meter=request.meter,
                start=request.start,
                end=request.end,
                dimension=request.dimension,
            )
        )


LIVE = LiveUsage()


class UsageRecorder:
    """A usage source that only notes the questions (answering zero), so that rating code run
    against it lists the usage it needs; ``fetch`` then answers them all in bulk."""

    def __init__(self) -> None:
        self.aggregates: dict[UsageRequest, None] = {}
        self.event_value_requests: dict[UsageRequest, None] = {}

    def aggregate(self, request: UsageRequest) -> Decimal:
        self.aggregates[request] = None
        return ZERO

    def event_values(self, request: UsageRequest) -> tuple[Decimal, ...]:
        self.event_value_requests[request] = None
        return ()

    def fetch(self) -> PrefetchedUsage:
        return PrefetchedUsage(
            usage_aggregate_many(self.aggregates), usage_event_values_many(self.event_value_requests)
        )


class PrefetchedUsage:
    """Answers fetched in bulk; a question not fetched is asked live (and counted in ``misses``)."""

    def __init__(
        self, aggregates: dict[UsageRequest, Decimal], event_values: dict[UsageRequest, list[Decimal]]
    ) -> None:
        self.aggregates = aggregates
        self.values = event_values
        self.misses = 0

    def aggregate(self, request: UsageRequest) -> Decimal:
        if request not in self.aggregates:
            self.misses += 1
            self.aggregates[request] = LIVE.aggregate(request)
        return self.aggregates[request]

    def event_values(self, request: UsageRequest) -> tuple[Decimal, ...]:
        if request not in self.values:
            self.misses += 1
            self.values[request] = list(LIVE.event_values(request))
        return tuple(self.values[request])


def _usage_for(
    line: ContractLine,
    period: Period,
    *,
    customer_id: int,
    meter: Meter | None,
    tz: ZoneInfo,
    term_start: date,
    usage: UsageSource = LIVE,
) -> Usage:
    if line.charge_model not in USAGE_CHARGE_MODELS or meter is None:
        return Usage()
    start = local_midnight_utc(period.start, tz)
    end = local_midnight_utc(period.end, tz)
    # A line priced per value of the meter's group_by property (e.g. model = large) sees only those events.
    dimension = line.dimension_value or None
    quantity = usage.aggregate(UsageRequest(customer_id, meter, start, end, dimension))
    event_values: tuple[Decimal, ...] = ()
    if line.charge_model == ChargeModel.PERCENTAGE:
        event_values = usage.event_values(UsageRequest(customer_id, meter, start, end, dimension))
    prior = ZERO
    if line.tier_basis == "cumulative" and term_start < period.start:
        prior = usage.aggregate(UsageRequest(customer_id, meter, local_midnight_utc(term_start, tz), start, dimension))
    return Usage(quantity=quantity, event_values=event_values, prior_quantity=prior)


def _commitment(contract: Contract, group: Sequence[LinePeriod]) -> MinimumCommitment | None:
    """The per-billing-period commitment for one period group, or None.

    The minimum is measured over the period of the covered usage lines (in arrears), so it is
    passed only to the group holding that line's period: a covered fixed fee billed in advance
    (or on another cadence) sits in other groups, which would otherwise each charge the minimum
    again."""
    if contract.minimum_commitment_amount is None:
        return None
    if contract.minimum_commitment_period != CommitmentPeriod.BILLING_PERIOD:
        return None  # yearly commitments are trued up by the annual true-up, not per period
    if any(is_commitment_anchor(lp.line) for lp in group):
        return MinimumCommitment(amount=contract.minimum_commitment_amount)  # nothing else to count
    codes = tuple(contract.minimum_commitment_lines or ())
    anchor = commitment_period_line(contract, codes)
    if anchor is None or all(base_code(lp.line.code) != base_code(anchor.code) for lp in group):
        return None
    # Amendments version a line ("api" -> "api__2026-03-20"): the commitment names base codes.
    covered = tuple(lp.line.code for lp in group if base_code(lp.line.code) in codes) if codes else ()
    return MinimumCommitment(amount=contract.minimum_commitment_amount, lines=covered)


def commitment_period_line(contract: Contract, codes: Sequence[str] = ()) -> ContractLine | None:
    """The covered line whose billing period a per-period commitment is measured over: the first
    covered in-arrears usage line in line order (failing that, the first covered line). ``codes``
    are base codes (amendment versions of a line count as the line); empty: every usage line."""
    lines = list(contract.lines.all())
    covered = [
        line for line in lines if (base_code(line.code) in codes if codes else line.charge_model in USAGE_CHARGE_MODELS)
    ]
    usage = [
        line
        for line in covered
        if line.charge_model in USAGE_CHARGE_MODELS and line.billing_timing == BillingTiming.IN_ARREARS
    ]
    return (usage or covered or [None])[0]


@dataclass
class _PeriodGroup:
    period: Period
    group: list[LinePeriod]
    specs: list[LineSpec]
    usage: dict[str, Usage]
    lines_by_code: dict[str, ContractLine]


def _period_groups(
    contract: Contract, line_periods: Sequence[LinePeriod], *, meters: dict[str, Meter], usage: UsageSource
) -> Iterator[_PeriodGroup]:
    """The line periods of one billing date grouped by period, in period order, with the rating
    engine's specs and usage for each line."""
    tz = ZoneInfo(contract.customer.timezone)
    by_period: dict[Period, list[LinePeriod]] = defaultdict(list)
    for lp in line_periods:
        by_period[lp.period].append(lp)
    for period, group in sorted(by_period.items(), key=lambda item: (item[0].start, item[0].end)):
        item = _PeriodGroup(period=period, group=group, specs=[], usage={}, lines_by_code={})
        for lp in group:
            if is_commitment_anchor(lp.line):
                continue  # it only carries the commitment's period
            meter = meters.get(lp.line.metric) if lp.line.metric else None
            label = (meter.unit_label or meter.name) if meter else "units"
            item.specs.append(line_spec(lp.line, unit_label=label))
            item.lines_by_code[lp.line.code] = lp.line
            item.usage[lp.line.code] = _usage_for(
                lp.line,
                period,
                customer_id=contract.customer_id,
                meter=meter,
                tz=tz,
                term_start=lp.line.start_date or contract.start_date,
                usage=usage,
            )
        yield item


def usage_requests_note(
    contract: Contract, line_periods: Sequence[LinePeriod], *, meters: dict[str, Meter], recorder: UsageRecorder
) -> None:
    """Note in ``recorder`` the usage that ``rate_line_periods`` will read for these line periods."""
    for _ in _period_groups(contract, line_periods, meters=meters, usage=recorder):
        pass


def rate_line_periods(
    contract: Contract,
    line_periods: Sequence[LinePeriod],
    *,
    meters: dict[str, Meter],
    usage: UsageSource = LIVE,
) -> list[tuple[RatedLine, ContractLine]]:
    """Price the line periods of one billing date: lines sharing a period are rated together (so a
    contract minimum commitment sees all its lines), each rated row keeps its contract line.
    ``usage``: where quantities are read (default: the database, one question at a time)."""
    rated: list[tuple[RatedLine, ContractLine]] = []
    for item in _period_groups(contract, line_periods, meters=meters, usage=usage):
        result: RatingResult = rate_period(
            currency=contract.currency,
            lines=item.specs,
            usage=item.usage,
            period_start=item.period.full_start,
            period_end=item.period.full_end,
            service_start=item.period.start,
            service_end=item.period.end,
            minimum_commitment=_commitment(contract, item.group),
        )
        for row in result.lines:
            rated.append((row, item.lines_by_code.get(row.line_code) or item.group[0].line))
    return rated
