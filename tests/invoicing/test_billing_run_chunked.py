"""Billing runs in chunks, drafted set-based: the same invoices as the one-contract path, a number
of statements per chunk that does not grow with its contracts, reruns, failures, progress."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
import time_machine
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from contracts.models import Contract, ContractLine
from invoicing.drafting import billing_run as chunked
from invoicing.drafting.billing_run import billing_run_execute
from invoicing.drafting.periods import LiveUsage
from invoicing.drafting.recurring import contract_bill_due
from invoicing.models import BillingRun, CreditGrant, CreditLedgerEntry, Invoice, TaxRate
from metering.models import Meter
from metering.rollups import usage_rollups_advance
from metering.services import usage_events_record
from tests.factories import ContractFactory, CustomerFactory, FlatLineFactory, MeterFactory, UsageLineFactory
from tests.invoicing.factories import MeteredLineFactory, PrepaidCreditLineFactory

D = Decimal
RUN_1 = dt.datetime(2026, 4, 5, 12, tzinfo=dt.UTC)
RUN_2 = dt.datetime(2026, 5, 5, 12, tzinfo=dt.UTC)
START = dt.date(2026, 1, 1)
GRADUATED = [
    {"up_to": 1000, "unit_price": "0.10", "flat_fee": "5"},
    {"up_to": 10000, "unit_price": "0.08"},
    {"up_to": None, "unit_price": "0.05"},
]


def _meters() -> None:
    MeterFactory()  # api_calls: sum of quantity
    Meter.objects.create(code="tokens", name="Tokens", aggregation="sum", group_by="model", unit_label="tokens")
    Meter.objects.create(code="payments", name="Payments", aggregation="sum", field="amount")
    Meter.objects.create(code="peak", name="Peak", aggregation="max")
    Meter.objects.create(code="users", name="Users", aggregation="unique_count", field="user")
    Meter.objects.create(code="storage", name="Storage", aggregation="weighted_sum", field="gb")
    Meter.objects.create(code="plan", name="Plan level", aggregation="latest")
    Meter.objects.create(code="eu_calls", name="EU calls", aggregation="count", filters={"region": "eu"})


def _line(contract: Contract, code: str, **fields: object) -> ContractLine:
    fields.setdefault("billing_timing", "in_arrears")
    fields.setdefault("description", code.replace("_", " ").title())
    return ContractLine.objects.create(contract=contract, code=code, **fields)


def _contract(ref: str, **fields: object) -> Contract:
    customer_fields = {k[9:]: fields.pop(k) for k in list(fields) if k.startswith("customer_")}
    customer = CustomerFactory(external_id=ref, **customer_fields)
    fields.setdefault("start_date", START)
    fields.setdefault("auto_send", False)
    return ContractFactory(customer=customer, external_id=f"{ref}-2026", **fields)


def _world() -> list[Contract]:
    """A mix of what billing runs meet, most started on Jan 1 so that the first run (Apr 5) catches
    up three or four billing dates."""
    _meters()
    TaxRate.objects.create(name="CA sales tax", country="US", region="CA", percentage=D("7.25"))
    made = []

    c = _contract("flat")
    FlatLineFactory(contract=c, amount=D("500.00"))
    made.append(c)

    c = _contract("seed", start_date=dt.date(2026, 3, 5), customer_country="US", customer_region="CA")
    UsageLineFactory(contract=c)  # per unit with a $200 minimum
    made.append(c)

    c = _contract("tiers")
    _line(c, "graduated", charge_model="graduated", metric="api_calls", tiers=GRADUATED)
    _line(c, "volume", charge_model="volume", metric="api_calls", tiers=GRADUATED)
    _line(c, "cumulative", charge_model="graduated", metric="api_calls", tiers=GRADUATED, tier_basis="cumulative")
    _line(c, "package", charge_model="package", metric="api_calls", package_size=D(1000), package_price=D(3))
    made.append(c)

    c = _contract("dims", customer_timezone="America/New_York")
    _line(c, "large", charge_model="per_unit", metric="tokens", dimension_value="large", unit_price=D("0.002"))
    _line(c, "small", charge_model="per_unit", metric="tokens", dimension_value="small", unit_price=D("0.0005"))
    made.append(c)

    c = _contract("seats", customer_auto_send=True, auto_send=True)
    _line(c, "seats", charge_model="per_seat", seats=D(5), unit_price=D("12.50"), billing_timing="in_advance")
    made.append(c)

    c = _contract("quarterly")
    _line(c, "platform", charge_model="flat", amount=D(3000), billing_timing="in_advance", billing_interval_count=3)
    UsageLineFactory(contract=c, minimum_amount=None)
    made.append(c)

    c = _contract("take-rate")
    _line(c, "fees", charge_model="percentage", metric="payments", rate=D("1.3"), fixed_fee=D(2), free_events=3)
    made.append(c)

    c = _contract("kinds", minimum_commitment_amount=D(1000), minimum_commitment_period="billing_period")
    _line(c, "peak", charge_model="per_unit", metric="peak", unit_price=D("0.5"))
    _line(c, "users", charge_model="per_unit", metric="users", unit_price=D(4))
    _line(c, "storage", charge_model="per_unit", metric="storage", unit_price=D("0.001"))
    _line(c, "plan", charge_model="per_unit", metric="plan", unit_price=D(10))
    _line(c, "eu", charge_model="per_unit", metric="eu_calls", unit_price=D("0.01"))
    made.append(c)

    c = _contract("calendar", start_date=dt.date(2026, 1, 15), billing_alignment="calendar")
    _line(c, "base", charge_model="flat", amount=D(310), billing_timing="in_advance")
    UsageLineFactory(contract=c, minimum_amount=D(50))
    made.append(c)

    c = _contract("prepaid")  # drawn down per draft: the one-contract path
    PrepaidCreditLineFactory(contract=c)
    MeteredLineFactory(contract=c)
    made.append(c)

    c = _contract("yearly", start_date=dt.date(2025, 4, 1), minimum_commitment_amount=D(50000),
                  minimum_commitment_period="year")  # fmt: skip
    MeteredLineFactory(contract=c)
    made.append(c)

    _contract("ended", status="ended")  # not billed
    _usage(made)
    return made


def _event(ref: str, metric: str, at: dt.datetime, key: str, quantity: object = 1, **properties: object) -> dict:
    return {"idempotency_key": key, "customer": ref, "metric": metric, "timestamp": at.isoformat(),
            "quantity": str(quantity), "properties": properties}  # fmt: skip


def _usage(contracts: list[Contract], *, late: bool = False) -> None:
    """Deterministic events over Jan - Apr (late: a few more for March, received in April)."""
    events = []
    months = [3] if late else [1, 2, 3, 4]
    tag = "late" if late else "on-time"
    for month in months:
        for day in (2, 9, 16, 23, 28):
            at = dt.datetime(2026, month, day, 13, 30, tzinfo=dt.UTC)
            n = month * 100 + day
            for ref in ("seed", "tiers", "quarterly", "calendar", "prepaid", "yearly"):
                events.append(_event(ref, "api_calls", at, f"{tag}-{ref}-{n}", 1000 * day + 7 * month))
            events.append(_event("dims", "tokens", at, f"{tag}-dl-{n}", 5000 + n, model="large"))
            events.append(_event("dims", "tokens", at, f"{tag}-ds-{n}", 9000 + n, model="small"))
            events.append(_event("dims", "tokens", at, f"{tag}-dn-{n}", 77))  # no model: in neither line
            events.append(_event("take-rate", "payments", at, f"{tag}-p-{n}", amount=str(D(n) / 7)[:10]))
            events.append(_event("kinds", "peak", at, f"{tag}-k-{n}", (n * 37) % 101))
            events.append(_event("kinds", "users", at, f"{tag}-u-{n}", user=f"u{n % 4}"))
            events.append(_event("kinds", "storage", at, f"{tag}-s-{n}", gb=str(day * 3)))
            events.append(_event("kinds", "plan", at, f"{tag}-l-{n}", day % 7))
            events.append(_event("kinds", "eu_calls", at, f"{tag}-e-{n}", region="eu" if n % 3 else "us"))
    received = dt.datetime(2026, 4, 20 if late else 1, tzinfo=dt.UTC)
    with time_machine.travel(received, tick=False):
        result = usage_events_record(events=events, now=dt.datetime(2026, 5, 1, tzinfo=dt.UTC))
    assert not result.rejected, result.rejected[:3]


def _per_contract_path(as_of: dt.datetime) -> None:
    """The reference: contract_bill_due for every active contract, one after another."""
    contracts = Contract.objects.filter(status="active").select_related("customer").prefetch_related("lines")
    for contract in contracts.order_by("pk"):
        contract_bill_due(contract=contract, as_of=as_of)


def _chunked_path(as_of: dt.datetime) -> BillingRun:
    run = billing_run_execute(as_of=as_of, actor="tests")
    assert run.errors == []
    return run


def _price_snapshot(line) -> dict:  # type: ignore[no-untyped-def]
    """The line's price snapshot; the ids of the credit grants drawn (sequences are not rolled back
    with the savepoint on PostgreSQL) replaced by their order."""
    snapshot = dict(line.price_snapshot)
    if "grants" in snapshot:
        snapshot["grants"] = [amount for _, amount in sorted(snapshot["grants"].items(), key=lambda kv: int(kv[0]))]
    return snapshot


def _snapshot() -> dict:
    invoices = Invoice.objects.select_related("contract").prefetch_related("lines")
    out: dict = {}
    for inv in invoices:
        lines = [
            (line.position, line.contract_line_id, line.line_code, line.kind, line.description, line.tier,
             line.quantity, line.unit_price, line.precise_amount, line.amount, line.period_start, line.period_end,
             _price_snapshot(line), line.tax_name, line.tax_percentage, line.tax_amount)
            for line in sorted(inv.lines.all(), key=lambda r: r.position)
        ]  # fmt: skip
        out[(inv.contract.external_id, inv.billing_date)] = (
            inv.kind, inv.period_start, inv.period_end, inv.currency, inv.subtotal, inv.tax, inv.total, inv.status,
            inv.auto_send, inv.review_status, inv.hold_reason, inv.customer_snapshot, lines,
        )  # fmt: skip
    out["grants"] = sorted(CreditGrant.objects.values_list("contract__external_id", "kind", "amount", "balance"))
    out["ledger"] = sorted(CreditLedgerEntry.objects.values_list("grant__line_code", "kind", "amount", "balance_after"))
    drafted = AuditEvent.objects.filter(action="invoice_drafted").values_list("inputs", "outcome")
    out["audit"] = sorted(
        (i["contract"], i["billing_date"], str(i["usage"]), D(o["subtotal"]), D(o["tax"]), o["review_status"])
        for i, o in drafted
    )
    return out


def _two_runs(path, *, rollups: bool) -> dict:  # type: ignore[no-untyped-def]
    """Run 1 (catching up to April 5), late March events, run 2 (May 5); the state after both,
    rolled back afterwards."""
    savepoint = transaction.savepoint()
    try:
        with time_machine.travel(RUN_1, tick=False):
            if rollups:
                for meter in Meter.objects.all():
                    usage_rollups_advance(meter=meter, now=RUN_1 + dt.timedelta(days=1))
            path(RUN_1)
        _usage(list(Contract.objects.all()), late=True)
        with time_machine.travel(RUN_2, tick=False):
            path(RUN_2)
        return _snapshot()
    finally:
        transaction.savepoint_rollback(savepoint)


@pytest.mark.django_db
@pytest.mark.parametrize("rollups", [False, True], ids=["raw-events", "rollups"])
def test_chunked_run_drafts_exactly_what_the_one_contract_path_drafts(settings, monkeypatch, rollups):
    settings.BILLING_RUN_CHUNK_SIZE = 4  # several chunks, contracts of both paths in one chunk
    _world()
    reference = _two_runs(_per_contract_path, rollups=rollups)

    one_by_one = []
    real = chunked.contract_bill_due

    def counted(*, contract, **kwargs):  # type: ignore[no-untyped-def]
        one_by_one.append(contract.external_id)
        return real(contract=contract, **kwargs)

    monkeypatch.setattr(chunked, "contract_bill_due", counted)
    live_reads = []
    live = LiveUsage.aggregate

    def live_read(self, request):  # type: ignore[no-untyped-def]
        live_reads.append(request)
        return live(self, request)

    monkeypatch.setattr(LiveUsage, "aggregate", live_read)
    result = _two_runs(_chunked_path, rollups=rollups)

    assert result == reference
    # Only the prepaid and yearly-commitment contracts took the one-contract path; everything else
    # read its usage from the bulk reads (none asked the database one question at a time).
    assert sorted(set(one_by_one)) == ["prepaid-2026", "yearly-2026"]
    prepaid_customers = set(Contract.objects.filter(external_id__in=one_by_one).values_list("customer_id", flat=True))
    assert {r.customer_id for r in live_reads} <= prepaid_customers

    # The comparison covers what it claims to.
    kinds = {line[3] for key, value in reference.items() if isinstance(key, tuple) for line in value[12]}
    assert kinds == {"fixed", "usage", "minimum", "late_usage", "credit"}
    assert len([k for k in reference if isinstance(k, tuple) and k[0] == "flat-2026"]) == 5  # Jan 1 .. May 1
    assert reference[("seed-2026", dt.date(2026, 4, 5))][5] > 0  # tax
    tiers = [line for line in reference[("tiers-2026", dt.date(2026, 3, 1))][12] if line[5] is not None]
    assert len(tiers) >= 3
    late = [key for key, value in reference.items() if isinstance(key, tuple)
            for line in value[12] if line[3] == "late_usage"]  # fmt: skip
    assert {key[0] for key in late} >= {"seed-2026", "tiers-2026", "dims-2026", "kinds-2026", "calendar-2026"}


def _simple_world(n: int, *, offset: int = 0) -> None:
    """``n`` contracts of the set-based kinds (flat, per unit with minimum, tiers, dimensions), all
    monthly in arrears from Jan 1: one invoice each on Feb 1, Mar 1, ..."""
    if not Meter.objects.exists():
        _meters()
    events = []
    for i in range(offset, offset + n):
        ref = f"c{i}"
        c = _contract(ref)
        kind = i % 4
        if kind == 0:
            FlatLineFactory(contract=c, billing_timing="in_arrears")
        elif kind == 1:
            UsageLineFactory(contract=c)
        elif kind == 2:
            _line(c, "graduated", charge_model="graduated", metric="api_calls", tiers=GRADUATED)
        else:
            _line(c, "large", charge_model="per_unit", metric="tokens", dimension_value="large", unit_price=D("0.01"))
        for month in (1, 2, 3):
            at = dt.datetime(2026, month, 10, tzinfo=dt.UTC)
            events.append(_event(ref, "api_calls", at, f"{ref}-a{month}", 700 * (i + 1)))
            events.append(_event(ref, "tokens", at, f"{ref}-t{month}", 90 * (i + 1), model="large"))
    with time_machine.travel(dt.datetime(2026, 3, 31, tzinfo=dt.UTC), tick=False):
        assert not usage_events_record(events=events).rejected


def _queries_of_a_run(as_of: dt.datetime) -> tuple[int, BillingRun]:
    """Statements of a run. SQLite takes at most 999 parameters per statement, so Django splits a
    bulk insert of a few dozen rows there; a split insert counts once (PostgreSQL inserts 1,000
    rows per statement: there the raw count is what is compared)."""
    with CaptureQueriesContext(connection) as queries, time_machine.travel(as_of, tick=False):
        run = billing_run_execute(as_of=as_of, actor="tests")
    assert run.errors == []
    statements = [q["sql"] for q in queries.captured_queries]
    if connection.vendor == "sqlite":
        inserts = {sql.split(" (", 1)[0] for sql in statements if sql.startswith("INSERT")}
        statements = [sql for sql in statements if not sql.startswith("INSERT")] + sorted(inserts)
    return len(statements), run


@pytest.mark.django_db
def test_statements_per_chunk_do_not_grow_with_its_contracts(settings):
    settings.BILLING_RUN_CHUNK_SIZE = 500
    _simple_world(10)
    small, run = _queries_of_a_run(dt.datetime(2026, 3, 2, tzinfo=dt.UTC))  # Jan 1 .. Mar 1 each
    assert run.invoices_created == 20
    small_next, _ = _queries_of_a_run(dt.datetime(2026, 4, 2, tzinfo=dt.UTC))  # late-usage reads too
    Invoice.objects.all().delete()
    Contract.objects.all().delete()

    _simple_world(40, offset=10)
    large, run = _queries_of_a_run(dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
    assert run.invoices_created == 80
    large_next, _ = _queries_of_a_run(dt.datetime(2026, 4, 2, tzinfo=dt.UTC))
    assert large <= small + 2, (small, large)
    assert large_next <= small_next + 2, (small_next, large_next)
    assert large < 60  # 80 invoices: far from one statement per contract


@pytest.mark.django_db
def test_a_rerun_creates_nothing_and_counts_what_exists(settings):
    settings.BILLING_RUN_CHUNK_SIZE = 3
    _simple_world(7)
    as_of = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
    with time_machine.travel(as_of, tick=False):
        first = billing_run_execute(as_of=as_of, actor="tests")
        count = Invoice.objects.count()
        queries, second = _queries_of_a_run(as_of)
    assert (first.status, first.invoices_created, first.invoices_existing) == ("completed", 14, 0)
    assert (second.status, second.invoices_created, second.invoices_existing) == ("completed", 0, 14)
    assert Invoice.objects.count() == count
    assert queries < 3 * 20  # three chunks


@pytest.mark.django_db
def test_a_failing_contract_is_reported_and_the_others_are_billed(settings, monkeypatch, admin_client):
    settings.BILLING_RUN_CHUNK_SIZE = 500
    _simple_world(6)
    bad = Contract.objects.get(external_id="c2-2026")
    real = chunked.rate_line_periods

    def broken(contract, *args, **kwargs):  # type: ignore[no-untyped-def]
        if contract.pk == bad.pk:
            raise ValueError("tiers unreadable")
        return real(contract, *args, **kwargs)

    monkeypatch.setattr(chunked, "rate_line_periods", broken)
    as_of = dt.datetime(2026, 2, 2, tzinfo=dt.UTC)
    run = billing_run_execute(as_of=as_of, actor="tests")
    assert (run.status, run.invoices_created, run.contracts_done, run.chunks_done) == ("failed", 5, 6, 1)
    assert run.errors == [{"contract": "c2-2026", "contract_id": bad.pk, "error": "ValueError('tiers unreadable')"}]
    assert not Invoice.objects.filter(contract=bad).exists()
    assert Invoice.objects.exclude(contract=bad).count() == 5

    page = admin_client.get(f"/admin/invoicing/billingrun/{run.pk}/change/").content.decode()
    assert f'href="/admin/contracts/contract/{bad.pk}/change/"' in page
    assert "tiers unreadable" in page

    monkeypatch.setattr(chunked, "rate_line_periods", real)
    rerun = billing_run_execute(as_of=as_of, actor="tests")
    assert (rerun.status, rerun.invoices_created, rerun.invoices_existing) == ("completed", 1, 5)


@pytest.mark.django_db
def test_a_date_drafted_meanwhile_by_another_run_falls_back_to_one_contract_at_a_time(settings, monkeypatch):
    """The bulk insert meets the one-recurring-invoice-per-date constraint (a concurrent run
    committed after this chunk looked): the chunk is redone contract by contract, nothing twice."""
    settings.BILLING_RUN_CHUNK_SIZE = 500
    _simple_world(4)
    as_of = dt.datetime(2026, 2, 2, tzinfo=dt.UTC)
    taken = Contract.objects.get(external_id="c1-2026")
    contract_bill_due(contract=taken, as_of=as_of)  # the other run's invoice
    real_plan = chunked._plan

    def blind_plan(contracts, *, as_of, result):  # type: ignore[no-untyped-def]
        todo, due = real_plan(contracts, as_of=as_of, result=result)
        result.existing -= len(due[taken.pk]) - len(todo[taken.pk])
        todo[taken.pk] = sorted(due[taken.pk])  # as if read before the other run committed
        return todo, due

    monkeypatch.setattr(chunked, "_plan", blind_plan)
    run = billing_run_execute(as_of=as_of, actor="tests")
    assert (run.status, run.invoices_created, run.invoices_existing, run.errors) == ("completed", 3, 1, [])
    assert Invoice.objects.filter(contract=taken).count() == 1
    assert Invoice.objects.count() == 4


@pytest.mark.django_db
def test_progress_counts_chunks_and_the_last_chunk_completes_the_run(settings):
    settings.BILLING_RUN_CHUNK_SIZE = 3
    _simple_world(7)
    run = billing_run_execute(as_of=dt.datetime(2026, 2, 2, tzinfo=dt.UTC), actor="tests")
    assert (run.contracts_total, run.contracts_done, run.chunk_size, run.chunks_total, run.chunks_done) == (
        7, 7, 3, 3, 3
    )
    assert (run.status, run.invoices_created, run.finished_at is not None) == ("completed", 7, True)
    audit = AuditEvent.objects.get(action="billing_run_completed", object_id=str(run.pk))
    assert audit.actor == "tests"
    assert audit.outcome == {"contracts": 7, "invoices_created": 7, "invoices_existing": 0, "errors": 0}
    assert AuditEvent.objects.filter(action="invoice_drafted").count() == 7


@pytest.mark.django_db
def test_with_a_worker_the_run_returns_running_and_each_chunk_task_moves_it(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    from invoicing.tasks import billing_run_chunk_task

    settings.BILLING_RUN_CHUNK_SIZE = 2
    _simple_world(5)
    sent: list[tuple] = []
    monkeypatch.setitem(billing_run_chunk_task.app.conf, "task_always_eager", False)
    monkeypatch.setattr(billing_run_chunk_task, "delay", lambda *args: sent.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        run = billing_run_execute(as_of=dt.datetime(2026, 2, 2, tzinfo=dt.UTC), actor="tests")
    assert (run.status, run.contracts_done, run.chunks_total, run.invoices_created) == ("running", 0, 3, 0)
    assert [len(ids) for _, ids, _ in sent] == [2, 2, 1]
    assert not Invoice.objects.exists()

    for i, (run_id, ids, index) in enumerate(sent, start=1):
        billing_run_chunk_task.apply(args=(run_id, ids, index))
        billing_run_chunk_task.apply(args=(run_id, ids, index))  # redelivered: drafted and counted once
        run.refresh_from_db()
        assert (run.chunks_done, run.contracts_done) == (i, min(2 * i, 5))
        assert run.status == ("completed" if i == 3 else "running")
    assert run.invoices_created == Invoice.objects.count() == 5


@pytest.mark.django_db
def test_admin_shows_the_progress_of_a_run(admin_client):
    _simple_world(2)
    run = BillingRun.objects.create(as_of=RUN_1, triggered_by="tests", contracts_total=8, contracts_done=2,
                                    chunk_size=2, chunks_total=4, chunks_done=1, invoices_created=3)  # fmt: skip
    contract = Contract.objects.first()
    run.errors = [{"contract": str(contract), "contract_id": contract.pk, "error": "ValueError('x')"}]
    run.save()
    listing = admin_client.get("/admin/invoicing/billingrun/").content.decode()
    assert '<progress value="2" max="8"' in listing
    assert "2/8 contracts (25%)" in listing
    assert "1/4 chunks" in listing
    page = admin_client.get(f"/admin/invoicing/billingrun/{run.pk}/change/").content.decode()
    assert "2/8 contracts (25%)" in page
    assert "1/4 chunks" in page
    assert f'href="/admin/contracts/contract/{contract.pk}/change/"' in page
    assert "ValueError(&#x27;x&#x27;)" in page


def test_api_returns_the_run_with_counts(api, settings):
    settings.BILLING_RUN_CHUNK_SIZE = 1
    _simple_world(3)
    response = api.post("/api/v1/billing-runs", {"as_of": "2026-02-02T00:00:00Z"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["contracts_total"], body["contracts_done"]) == ("completed", 3, 3)
    assert (body["chunks_total"], body["chunks_done"], body["invoices_created"]) == (3, 3, 3)


# --- PostgreSQL: two runs at once ---------------------------------------------------------------


def _run_threads(targets: list) -> list[BaseException]:
    barrier = threading.Barrier(len(targets))
    errors: list[BaseException] = []

    def run(target) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            target()
        except BaseException as exc:  # pragma: no cover - reported by the assertion
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_bill_each_date_once(settings):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL (DATABASE_URL); SQLite serialises them")
    settings.BILLING_RUN_CHUNK_SIZE = 5
    _simple_world(12)
    as_of = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
    errors = _run_threads([lambda: billing_run_execute(as_of=as_of), lambda: billing_run_execute(as_of=as_of)])
    assert not errors
    runs = list(BillingRun.objects.all())
    assert [r.status for r in runs] == ["completed", "completed"]
    assert sum(r.invoices_created for r in runs) == 24
    assert sum(r.invoices_existing for r in runs) == 24
    assert Invoice.objects.count() == 24


@pytest.mark.django_db
def test_the_scheduled_run_waits_while_the_previous_one_is_still_drafting():
    from invoicing.tasks import billing_run_scheduled_task

    busy = BillingRun.objects.create(as_of=RUN_1, triggered_by="rule:billing.schedule", contracts_total=5)
    assert billing_run_scheduled_task() == 0
    assert BillingRun.objects.count() == 1
    busy.status = "completed"
    busy.save()
    billing_run_scheduled_task()
    assert BillingRun.objects.count() == 2
