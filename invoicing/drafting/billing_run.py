"""Billing runs in chunks of contracts, each chunk drafted set-based.

``billing_run_execute`` creates the run, splits the active contracts into chunks of
``settings.BILLING_RUN_CHUNK_SIZE`` and dispatches one Celery task per chunk (inline in eager mode:
tests, ``demo``); each chunk is one transaction that drafts its invoices and adds its counts to the
run under a row lock; the chunk that finishes last completes the run and writes its audit record.
Finalising stays a separate task per invoice, enqueued after the chunk commits: a run never waits
on numbering, PDFs or email.

A chunk is drafted in a constant number of statements, whatever its size (``billing_chunk_draft``):
contracts with customers and lines, the recurring invoices already drafted for their due dates,
the billed lines and late arrivals for late usage, the usage of every (customer, meter, period,
dimension) through ``metering.selectors.usage_aggregate_many``; rating is pure Python (the same
``rate_line_periods`` and ``late_usage_rows_from`` as the one-contract path, fed prefetched usage);
invoices, lines and their history rows are inserted in bulk, then ``drafts_complete``
prices tax and decides review for the whole chunk, and the audit records go in bulk.

Contracts whose drafting locks or draws shared state (prepaid credit pools, yearly commitment
true-ups) are drafted one by one with ``recurring.contract_bill_due`` inside the same chunk. A
contract whose rating fails is reported and left out; if the bulk insert fails (a concurrent run
drafted one of the dates first: the one-recurring-invoice-per-date constraint; or a bad row), the
set-based part is rolled back and the chunk is drafted contract by contract, so a rerun or a
concurrent run never bills a period twice and one bad contract never costs the others their
invoices."""

from __future__ import annotations

import logging
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.db.models import Prefetch
from django.utils import timezone

from audit.services import audit_record, audit_records
from billing_site.bulk_writes import bulk_create_with_history, can_take_ids, take_ids
from billing_site.queue import task_enqueue, task_enqueue_on_commit, tasks_run_inline
from contracts.choices import ChargeModel, CommitmentPeriod, ContractStatus
from contracts.models import Contract, ContractLine
from invoicing.choices import BillingRunStatus, InvoiceKind, InvoiceStatus, LineKind
from invoicing.drafting.completion import drafts_complete
from invoicing.drafting.late_usage import (
    SETTLE,
    BilledRow,
    billed_rows_query,
    late_usage_rerate_periods,
    late_usage_rows_from,
)
from invoicing.drafting.periods import (
    LinePeriod,
    UsageRecorder,
    UsageSource,
    due_line_periods,
    local_midnight_utc,
    rate_line_periods,
    usage_requests_note,
)
from invoicing.drafting.recurring import contract_bill_due, invoice_build
from invoicing.models import BillingRun, BillingRunChunk, CreditGrant, Invoice, InvoiceLine
from metering.models import Meter
from metering.selectors import ArrivalCheck, meters_by_code, usage_events_arrived_many
from rating import RatedLine
from rating.schedules import Period

logger = logging.getLogger(__name__)

Actor = AbstractBaseUser | str | None
ZERO = Decimal(0)
DEFAULT_CHUNK_SIZE = 500
CHUNK_TASK = "invoicing.tasks.billing_run_chunk_task"
WRITE_BATCH = 1000
# Seconds spent per phase of set-based drafting, summed over every chunk of the process (the
# benchmark prints them; two perf_counter calls per phase and chunk cost nothing).
PHASES: Counter[str] = Counter()


@contextmanager
def _phase(name: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        PHASES[name] += time.perf_counter() - started


# --- a run -------------------------------------------------------------------------------------


def chunk_size() -> int:
    return max(int(getattr(settings, "BILLING_RUN_CHUNK_SIZE", DEFAULT_CHUNK_SIZE)), 1)


def billing_run_execute(*, as_of: datetime, actor: Actor = None) -> BillingRun:
    """Create a run for every active contract and dispatch its chunks. In eager mode the chunks run
    inline and the run comes back completed (or failed); with a worker it comes back ``running``
    and its counters move as chunks commit."""
    size = chunk_size()
    ids = list(
        Contract.objects.filter(status=ContractStatus.ACTIVE, start_date__lte=as_of.date() + timedelta(days=1))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chunks = [ids[i : i + size] for i in range(0, len(ids), size)]
    with transaction.atomic():
        run = BillingRun.objects.create(
            as_of=as_of,
            triggered_by=str(actor or "rule:billing.schedule"),
            contracts_total=len(ids),
            chunk_size=size,
            chunks_total=len(chunks),
        )
        now = timezone.now()
        BillingRunChunk.objects.bulk_create(
            [BillingRunChunk(run=run, index=i, contract_ids=chunk, queued_at=now) for i, chunk in enumerate(chunks)]
        )
    if not chunks:
        with transaction.atomic():
            _progress(run.pk, ChunkResult(), chunk=False)
        run.refresh_from_db()
        return run
    if tasks_run_inline():
        try:
            for index, chunk in enumerate(chunks):
                task_enqueue(CHUNK_TASK, run.pk, chunk, index)
        except Exception as exc:  # a run is never left running: what did not finish is failed
            billing_run_fail(run_id=run.pk, error=repr(exc))
            raise
        run.refresh_from_db()
    else:  # the workers must see the run: dispatch once it is committed
        for index, chunk in enumerate(chunks):
            task_enqueue_on_commit(CHUNK_TASK, run.pk, chunk, index)
    return run


def billing_run_chunk_execute(*, run_id: int, contract_ids: Sequence[int], chunk_index: int | None = None) -> None:
    """Draft one chunk and add its counts to the run, in one transaction, once: a chunk already
    done (its task redelivered after a worker died, or queued again by the watchdog) is skipped."""
    run = BillingRun.objects.get(pk=run_id)
    # Committed before drafting (a counter: no history row), so the watchdog sees a chunk that a
    # worker is working on; a chunk already done is skipped.
    if chunk_index is not None and not BillingRunChunk.objects.filter(
        run_id=run_id, index=chunk_index, is_done=False
    ).update(attempts=models.F("attempts") + 1, last_started_at=timezone.now()):
        return
    try:
        with transaction.atomic():
            if not _chunk_claim(run_id, chunk_index):
                return
            result = billing_chunk_draft(contract_ids=contract_ids, as_of=run.as_of, run=run)
            _progress(run_id, result)
    except Exception as exc:  # the chunk could not be drafted at all: count its contracts as failed
        logger.exception("billing run %s: chunk of %d contracts failed", run_id, len(contract_ids))
        with transaction.atomic():
            if _chunk_claim(run_id, chunk_index):
                _progress(run_id, _failed(contract_ids, repr(exc)))


def _chunk_claim(run_id: int, chunk_index: int | None) -> bool:
    """Mark the chunk done in the caller's transaction; False when it already was. One conditional
    UPDATE: it locks the row until commit, so a second delivery of the chunk waits here and then
    finds it done (a counter-like state change: the run's own history records each chunk)."""
    if chunk_index is None:  # a task queued before chunks were recorded
        return True
    return bool(
        BillingRunChunk.objects.filter(run_id=run_id, index=chunk_index, is_done=False).update(
            is_done=True, finished_at=timezone.now()
        )
    )


def _failed(contract_ids: Sequence[int], error: str) -> ChunkResult:
    failed = ChunkResult(contracts=len(contract_ids))
    for contract_id in contract_ids:
        failed.errors.append({"contract": f"Contract #{contract_id}", "contract_id": contract_id, "error": error})
    return failed


MAX_CHUNK_ATTEMPTS = 5


def billing_run_watchdog(*, now: datetime | None = None, stale_seconds: int | None = None) -> list[int]:
    """Beat: queue again every chunk of a running run that has not finished ``stale_seconds``
    after it was queued or last started (its worker died and the broker has not redelivered it,
    or its message was lost). A chunk started ``MAX_CHUNK_ATTEMPTS`` times without finishing (it
    kills its worker) is failed instead, so the run finishes. Returns the re-queued chunk ids."""
    now = now or timezone.now()
    stale = timedelta(seconds=settings.BILLING_RUN_CHUNK_STALE_SECONDS if stale_seconds is None else stale_seconds)
    requeued: list[int] = []
    stale_chunks = (
        BillingRunChunk.objects.filter(run__status=BillingRunStatus.RUNNING, is_done=False, queued_at__lte=now - stale)
        .exclude(last_started_at__gt=now - stale)
        .order_by("run_id", "index")
    )
    for chunk in stale_chunks:
        with transaction.atomic():
            locked = BillingRunChunk.objects.select_for_update().get(pk=chunk.pk)
            if locked.is_done:
                continue
            if locked.attempts >= MAX_CHUNK_ATTEMPTS:
                if _chunk_claim(locked.run_id, locked.index):
                    error = f"chunk {locked.index} did not finish in {locked.attempts} attempts"
                    _progress(locked.run_id, _failed(locked.contract_ids, error))
                continue
            locked.queued_at = now
            locked.save(update_fields=["queued_at"])
            args = (locked.run_id, list(locked.contract_ids), locked.index)
            task_enqueue_on_commit(CHUNK_TASK, *args)
            requeued.append(locked.pk)
        audit_record(
            rule="billing.run_watchdog",
            action="billing_run_chunk_requeued",
            obj=chunk.run,
            actor="rule:billing.run_watchdog",
            inputs={"chunk": chunk.index, "queued_at": chunk.queued_at, "last_started_at": chunk.last_started_at},
            outcome={"attempts": chunk.attempts},
        )
    return requeued


def billing_run_fail(*, run_id: int, error: str) -> BillingRun:
    """Finish a run whose remaining chunks cannot be drafted: they count as failed contracts."""
    with transaction.atomic():
        for chunk in BillingRunChunk.objects.select_for_update().filter(run_id=run_id, is_done=False):
            if _chunk_claim(run_id, chunk.index):
                _progress(run_id, _failed(chunk.contract_ids, error))
        run = BillingRun.objects.select_for_update(no_key=True).get(pk=run_id)
        if run.status == BillingRunStatus.RUNNING and not run.chunks.filter(is_done=False).exists():
            run.status = BillingRunStatus.FAILED
            run.finished_at = timezone.now()
            run.errors = [*(run.errors or []), {"contract": None, "contract_id": None, "error": error}]
            run.save()
    return run


def _progress(run_id: int, result: ChunkResult, *, chunk: bool = True) -> None:
    """Add a chunk's counts to the run under a row lock; the last chunk completes the run. The lock
    is FOR NO KEY UPDATE: the chunk's invoices reference the run, and their foreign-key checks
    hold KEY SHARE locks on it that a plain FOR UPDATE would wait for (and deadlock with)."""
    run = BillingRun.objects.select_for_update(no_key=True).get(pk=run_id)
    run.contracts_done = min(run.contracts_done + result.contracts, run.contracts_total)
    run.chunks_done += 1 if chunk else 0
    run.invoices_created += result.created
    run.invoices_existing += result.existing
    run.errors = [*(run.errors or []), *result.errors]
    if run.chunks_done >= run.chunks_total and run.status == BillingRunStatus.RUNNING:
        run.status = BillingRunStatus.COMPLETED if not run.errors else BillingRunStatus.FAILED
        run.finished_at = timezone.now()
        audit_record(
            rule="billing.run",
            action="billing_run_completed",
            obj=run,
            actor=run.triggered_by,
            inputs={"as_of": run.as_of, "chunk_size": run.chunk_size, "chunks": run.chunks_total},
            outcome={
                "contracts": run.contracts_total,
                "invoices_created": run.invoices_created,
                "invoices_existing": run.invoices_existing,
                "errors": len(run.errors),
            },
        )
    run.save()


# --- a chunk -----------------------------------------------------------------------------------


@dataclass
class ChunkResult:
    contracts: int = 0
    created: int = 0
    existing: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    one_by_one: int = 0  # contracts drafted by contract_bill_due

    def fail(self, contract: Contract, exc: BaseException) -> None:
        self.errors.append({"contract": str(contract), "contract_id": contract.pk, "error": repr(exc)})


def _needs_one_by_one(contract: Contract, with_grants: set[int]) -> bool:
    """Prepaid credit pools are locked and drawn per draft, yearly commitments trued up against
    the year's invoices: those contracts take the one-contract path."""
    if contract.pk in with_grants:
        return True
    if contract.minimum_commitment_amount is not None and contract.minimum_commitment_period == CommitmentPeriod.YEAR:
        return True
    return any(line.charge_model == ChargeModel.PREPAID_CREDIT for line in contract.lines.all())


def billing_chunk_draft(*, contract_ids: Sequence[int], as_of: datetime, run: BillingRun | None = None) -> ChunkResult:
    """Draft every due, not yet invoiced billing date of these contracts (see the module doc).
    Call it inside a transaction: the set-based part runs in a savepoint, so a failure there
    falls back to drafting contract by contract."""
    with _phase("load"):
        # The lines in ContractLine's order within a contract, without its join for the contract part.
        lines = Prefetch("lines", queryset=ContractLine.objects.order_by("contract_id", "sort_order", "id"))
        contracts = list(
            Contract.objects.filter(pk__in=list(contract_ids))
            .select_related("customer")
            .prefetch_related(lines)
            .order_by("pk")
        )
        with_grants = set(
            CreditGrant.objects.filter(contract_id__in=[c.pk for c in contracts])
            .order_by()
            .values_list("contract_id", flat=True)
            .distinct()
        )
    result = ChunkResult(contracts=len(contract_ids))
    one_by_one = [c for c in contracts if _needs_one_by_one(c, with_grants)]
    bulk = [c for c in contracts if c not in one_by_one]
    if bulk:
        attempt = ChunkResult()
        try:
            with transaction.atomic():
                _draft_set_based(bulk, as_of=as_of, run=run, result=attempt)
        except Exception:  # noqa: BLE001 - a concurrent run, or a row the database refused
            logger.warning("set-based drafting failed; drafting the chunk contract by contract", exc_info=True)
            one_by_one = sorted(one_by_one + bulk, key=lambda c: c.pk)
        else:
            result.created += attempt.created
            result.existing += attempt.existing
            result.errors += attempt.errors
    with _phase("one_by_one"):
        for contract in one_by_one:
            result.one_by_one += 1
            try:
                with transaction.atomic():
                    created, existing = contract_bill_due(contract=contract, as_of=as_of, run=run)
            except Exception as exc:  # one bad contract must not stop the chunk; it is reported
                result.fail(contract, exc)
            else:
                result.created += len(created)
                result.existing += existing
    return result


@dataclass
class _Draft:
    contract: Contract
    billing_date: date
    line_periods: list[LinePeriod]
    rated: list[tuple[RatedLine, ContractLine]]


class _Arrivals:
    """The late-usage arrival check, answered from events fetched in bulk beforehand."""

    def __init__(self, events: dict[tuple[int, int], list[tuple[datetime, datetime]]]) -> None:
        self.events = events

    def __call__(
        self, contract: Contract, line: ContractLine, meter: Meter, start: date, end: date, after: datetime
    ) -> bool:
        tz = ZoneInfo(contract.customer.timezone)
        low, high = local_midnight_utc(start, tz), local_midnight_utc(end, tz)
        return any(
            low <= at < high and received > after
            for at, received in self.events.get((contract.customer_id, meter.pk), ())
        )


def _draft_set_based(
    contracts: list[Contract], *, as_of: datetime, run: BillingRun | None, result: ChunkResult
) -> None:
    now = timezone.now()
    with _phase("plan"):
        meters = meters_by_code()
        todo, due = _plan(contracts, as_of=as_of, result=result)
    working = [c for c in contracts if todo.get(c.pk)]
    if not working:
        return
    with _phase("late_usage"):
        billed = _billed_rows(working, todo)
        candidates = {c.pk: _late_candidates(c, todo[c.pk], due[c.pk], billed.get(c.pk, []), now) for c in working}
        checks = [
            ArrivalCheck(
                customer_id=c.customer_id,
                meter_id=meters[line.metric].pk,
                start=local_midnight_utc(period.start, ZoneInfo(c.customer.timezone)),
                end=local_midnight_utc(period.end, ZoneInfo(c.customer.timezone)),
                after=drafted - SETTLE,
            )
            for c in working
            for line, period, drafted in candidates[c.pk]
            if line.metric in meters
        ]
        arrived = _Arrivals(usage_events_arrived_many(checks) if checks else {})
    with _phase("usage"):
        recorder = UsageRecorder()
        for contract in working:
            for billing_date in todo[contract.pk]:
                usage_requests_note(contract, due[contract.pk][billing_date], meters=meters, recorder=recorder)
            for line, period, drafted in candidates[contract.pk]:
                meter = meters.get(line.metric)
                if meter is not None and arrived(contract, line, meter, period.start, period.end, drafted - SETTLE):
                    usage_requests_note(contract, [LinePeriod(line, period)], meters=meters, recorder=recorder)
        usage = recorder.fetch()
    with _phase("rate"):
        drafts: list[_Draft] = []
        for contract in working:
            errors: list[dict[str, Any]] = []
            try:
                drafts += _rate(contract, todo[contract.pk], due[contract.pk], billed.get(contract.pk, []),
                                meters=meters, usage=usage, arrived=arrived, now=now, errors=errors)  # fmt: skip
            except Exception as exc:  # reported; the chunk's other contracts are billed
                result.fail(contract, exc)
            else:
                result.errors += errors  # lines left out; the contract's other lines are billed
    _write(drafts, as_of=as_of, run=run)
    result.created += len(drafts)


def _plan(
    contracts: list[Contract], *, as_of: datetime, result: ChunkResult
) -> tuple[dict[int, list[date]], dict[int, dict[date, list[LinePeriod]]]]:
    """Per contract: its due billing dates not invoiced yet (in order), and every due date's line
    periods. Counts the dates already invoiced; re-enqueues auto-send drafts whose finalising was
    lost (as ``contract_bill_due`` does)."""
    due: dict[int, dict[date, list[LinePeriod]]] = {}
    for contract in contracts:
        try:
            due[contract.pk] = due_line_periods(contract, contract.lines.all(), as_of=as_of)
        except Exception as exc:  # a contract the schedule code cannot read
            result.fail(contract, exc)
    ids = [c.pk for c in contracts]
    dates = {day for per_contract in due.values() for day in per_contract}
    existing: set[tuple[int, date]] = set()
    if dates:
        existing = set(
            Invoice.objects.filter(contract_id__in=ids, kind=InvoiceKind.RECURRING, billing_date__in=dates)
            .order_by()
            .values_list("contract_id", "billing_date")
        )
    lost = Invoice.objects.filter(contract_id__in=ids, status=InvoiceStatus.DRAFT, auto_send=True).values_list(
        "pk", flat=True
    )
    for pk in lost:
        task_enqueue_on_commit("invoicing.tasks.invoice_finalize_task", pk)
    todo: dict[int, list[date]] = {}
    for contract_id, per_contract in due.items():
        todo[contract_id] = sorted(day for day in per_contract if (contract_id, day) not in existing)
        result.existing += len(per_contract) - len(todo[contract_id])
    return todo, due


def _billed_rows(contracts: list[Contract], todo: dict[int, list[date]]) -> dict[int, list[BilledRow]]:
    """contract id -> its billed usage, minimum and late-usage lines of periods ended by its last
    billing date to draft (one statement for the chunk)."""
    ids = [c.pk for c in contracts if any(line.metric for line in c.lines.all())]  # prefetched
    if not ids:
        return {}
    rows = billed_rows_query(ids, max(max(todo[pk]) for pk in ids)).values_list(
        "invoice__contract_id",
        "contract_line_id",
        "period_start",
        "period_end",
        "amount",
        "quantity",
        "kind",
        "invoice__created_at",
    )
    out: dict[int, list[BilledRow]] = defaultdict(list)
    for contract_id, *row in rows:
        out[contract_id].append(tuple(row))  # type: ignore[arg-type]
    return out


def _late_candidates(
    contract: Contract,
    dates: list[date],
    due: dict[date, list[LinePeriod]],
    billed: list[BilledRow],
    now: datetime,
) -> list[tuple[ContractLine, Period, datetime]]:
    """Every (usage line, period, first drafted) whose late usage the drafts of ``dates`` may
    re-rate: periods billed before, and (catching up several dates) those billed on this chunk's
    earlier dates, as drafted now."""
    if not billed and len(dates) == 1:
        return []  # nothing billed before: no late usage
    seen: dict[tuple[int, date, date, datetime], tuple[ContractLine, Period, datetime]] = {}
    planned: list[BilledRow] = []
    for billing_date in dates:
        for line, period, drafted in late_usage_rerate_periods(
            contract, billed=[*billed, *planned], before=billing_date
        ):
            seen.setdefault((line.pk, period.start, period.end, drafted), (line, period, drafted))
        planned += [
            (lp.line.pk, lp.period.start, lp.period.end, ZERO, ZERO, LineKind.USAGE, now) for lp in due[billing_date]
        ]
    return list(seen.values())


def _rate(
    contract: Contract,
    dates: list[date],
    due: dict[date, list[LinePeriod]],
    billed: list[BilledRow],
    *,
    meters: dict[str, Meter],
    usage: UsageSource,
    arrived: _Arrivals,
    now: datetime,
    errors: list[dict[str, Any]],
) -> list[_Draft]:
    """The contract's drafts in billing date order, as ``contract_bill_due`` prices them: a later
    date's late usage sees the lines of the earlier dates drafted here."""
    billed = list(billed)
    drafts = []
    for billing_date in dates:
        line_periods, rated = _rate_lines(contract, due[billing_date], meters=meters, usage=usage, errors=errors)
        if billed:  # late usage re-rates periods billed before
            try:
                rated += late_usage_rows_from(
                    contract, billed=billed, before=billing_date, meters=meters, arrived=arrived, usage=usage
                )
            except Exception as exc:  # noqa: BLE001 - the date's own lines are still billed
                errors.append(_line_error(contract, None, billing_date, f"late usage not re-rated: {exc!r}"))
        drafts.append(_Draft(contract, billing_date, line_periods, rated))
        billed += [
            (getattr(line, "pk", None), r.period_start, r.period_end, r.amount, r.quantity, r.kind, now)
            for r, line in rated
        ]
    return drafts


def _rate_lines(
    contract: Contract,
    line_periods: list[LinePeriod],
    *,
    meters: dict[str, Meter],
    usage: UsageSource,
    errors: list[dict[str, Any]],
) -> tuple[list[LinePeriod], list[tuple[RatedLine, ContractLine]]]:
    """Rate a billing date's line periods together; when that fails, find the lines that fail on
    their own, leave them out (each reported in ``errors``) and rate the others together, so one
    line (usage no charge model can price, a broken price) never costs the contract its other
    lines. A line left out is not billed for that date: the run's errors say which, to add by
    hand once its data is fixed."""
    try:
        return line_periods, rate_line_periods(contract, line_periods, meters=meters, usage=usage)
    except Exception as exc:  # noqa: BLE001 - isolate the failing lines below
        together = exc
    failing: dict[int, Exception] = {}
    for line in {lp.line.pk: lp.line for lp in line_periods}.values():
        alone = [lp for lp in line_periods if lp.line.pk == line.pk]
        try:
            rate_line_periods(contract, alone, meters=meters, usage=usage)
        except Exception as exc:  # noqa: BLE001
            failing[line.pk] = exc
    if not failing:  # only the lines together fail (a commitment across them): the contract fails
        raise together
    kept = [lp for lp in line_periods if lp.line.pk not in failing]
    for lp in line_periods:
        if lp.line.pk in failing:
            errors.append(_line_error(contract, lp, None, repr(failing[lp.line.pk])))
    if not kept:
        raise next(iter(failing.values()))
    return kept, rate_line_periods(contract, kept, meters=meters, usage=usage)


def _line_error(contract: Contract, lp: LinePeriod | None, billing_date: date | None, error: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"contract": str(contract), "contract_id": contract.pk, "error": error}
    if lp is not None:
        entry.update(line=lp.line.code, period_start=lp.period.start.isoformat(), period_end=lp.period.end.isoformat())
    if billing_date is not None:
        entry["billing_date"] = billing_date.isoformat()
    return entry


def _build(draft: _Draft, run: BillingRun | None) -> tuple[Invoice, list[InvoiceLine]]:
    """The draft's invoice and lines, unsaved."""
    return invoice_build(
        contract=draft.contract,
        billing_date=draft.billing_date,
        line_periods=draft.line_periods,
        rated=draft.rated,
        run=run,
    )


def _write(drafts: list[_Draft], *, as_of: datetime, run: BillingRun | None) -> None:
    """Insert the drafts' invoices and lines with their history rows, complete them (tax, review,
    auto-send: ``drafts_complete``) and audit them, in a constant number of statements.
    On PostgreSQL the ids are taken first and the rows inserted once, completed; elsewhere they
    are inserted, then completed (updated)."""
    if not drafts:
        return
    with _phase("build"):
        built = [_build(draft, run) for draft in drafts]
        invoices = [invoice for invoice, _ in built]
        lines = [line for _, group in built for line in group]
    ids_first = can_take_ids()
    if ids_first:
        with _phase("insert"):
            for obj, pk in zip(invoices, take_ids(Invoice, len(invoices)), strict=True):
                obj.pk = pk
            for obj, pk in zip(lines, take_ids(InvoiceLine, len(lines)), strict=True):
                obj.pk = pk
    else:
        with _phase("insert"):
            bulk_create_with_history(invoices, Invoice, batch_size=WRITE_BATCH)
    for invoice, group in built:
        for line in group:
            line.invoice = invoice
    if not ids_first:
        with _phase("insert"):
            bulk_create_with_history(lines, InvoiceLine, batch_size=WRITE_BATCH)
    with _phase("complete"):
        drafts_complete(
            invoices,
            lines_by_invoice={invoice.pk: group for invoice, group in built},
            auto_send={i.pk: bool(i.customer.auto_send and i.contract.auto_send) for i in invoices},
            save=not ids_first,
        )
    if ids_first:
        with _phase("insert"):
            bulk_create_with_history(invoices, Invoice, batch_size=WRITE_BATCH)
            bulk_create_with_history(lines, InvoiceLine, batch_size=WRITE_BATCH)
    with _phase("audit"):
        audit_records(
            [
                {
                    "rule": "billing.period_closed",
                    "action": "invoice_drafted",
                    "obj": invoice,
                    "inputs": {
                        "contract": str(draft.contract),
                        "billing_date": draft.billing_date,
                        "as_of": as_of,
                        "line_periods": [
                            {"line": lp.line.code, "start": lp.period.start, "end": lp.period.end}
                            for lp in draft.line_periods
                        ],
                        "usage": {r.line_code: r.quantity for r, _ in draft.rated if r.kind == "usage"},
                    },
                    "outcome": {
                        "subtotal": invoice.subtotal,
                        "tax": invoice.tax,
                        "lines": len(draft.rated),
                        "review_status": invoice.review_status,
                    },
                }
                for invoice, draft in zip(invoices, drafts, strict=True)
            ]
        )
