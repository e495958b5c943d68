"""Invoice delivery: PDFs rendered and emails sent per second by the Celery worker.

    .venv/bin/python bench/invoice_delivery.py                   # 10,000 finalised invoices
    .venv/bin/python bench/invoice_delivery.py --invoices 500    # a quick run

Setup (not timed): a fresh PostgreSQL database (``autobill_bench_delivery``, dropped at the end
unless ``--keep-db``); N finalised (open, numbered) invoices for N customers, each with a billing
contact (2 recipients) and two lines (usage with a $200 minimum, and a platform fee), written
set-based with ``bulk_create``; a local SMTP sink (aiosmtpd, its own process) that counts the
messages and their bytes; a real Celery worker (``--concurrency 2``, prefork, Redis broker
``redis://127.0.0.1:6379/14``, a queue of its own) with Django's SMTP backend pointed at the sink.

Timed: ``invoicing.tasks.invoice_deliver_task`` enqueued once per invoice (as finalising does),
until every invoice has ``sent_at``. Each task renders the PDF (xhtml2pdf), stores it, emails it
with the pay link and records the attempt. Printed: invoices delivered per second, PDFs rendered
per second (the PDF count in the database over time) and emails per second (what the sink
received), overall and in the steady middle (10% to 90% done), and the CPU of the worker, the
PostgreSQL backends and the sink.

Where the time goes: ``--sample`` more invoices (not enqueued) are delivered in this process with
timers around the PDF template, xhtml2pdf, the file write, the SMTP conversation and every SQL
statement, and once more under cProfile (top functions printed; the .prof file is kept in
$BENCH_OUT). The same process also measures PDF rendering alone and SMTP sending alone.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    OUT_DIR,
    PG_ADMIN_URL,
    REPO,
    VENV_BIN,
    CpuSnapshot,
    database_url,
    django_setup,
    free_port,
    fresh_database,
    log,
    machine_description,
    wait_for_quiet,
    write_json,
)

DB = "autobill_bench_delivery"
BROKER = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/14")
D = Decimal


# --- the SMTP sink (run as its own process: `invoice_delivery.py --smtp-sink PORT STATUS_FILE`) --------


def smtp_sink_main(port: int, status_path: Path) -> None:
    """Accept every message, count it; write {count, bytes, first, last} (time.monotonic) to
    ``status_path`` twice a second and on SIGTERM."""
    from aiosmtpd.controller import Controller

    stats: dict[str, float] = {"count": 0, "bytes": 0, "first": 0.0, "last": 0.0}

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
            now = time.monotonic()
            if not stats["count"]:
                stats["first"] = now
            stats["last"] = now
            stats["count"] += 1
            stats["bytes"] += len(envelope.content or b"")
            return "250 OK"

    def dump() -> None:
        tmp = status_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(stats))
        tmp.replace(status_path)

    controller = Controller(Handler(), hostname="127.0.0.1", port=port, data_size_limit=0)
    controller.start()
    stop = False

    def on_term(signum: int, frame: Any) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_term)
    try:
        while not stop:
            dump()
            time.sleep(0.5)
    finally:
        controller.stop()
        dump()


@contextmanager
def smtp_sink() -> Iterator[tuple[int, Path, subprocess.Popen[bytes]]]:
    port = free_port()
    status = Path(tempfile.mkdtemp(prefix="smtp-sink-")) / "status.json"
    process = subprocess.Popen(
        [str(VENV_BIN / "python"), __file__, "--smtp-sink", str(port), str(status)], start_new_session=True
    )
    try:
        deadline = time.monotonic() + 20
        while not status.exists():
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the SMTP sink did not start")
            time.sleep(0.1)
        yield port, status, process
    finally:
        _stop_group(process)
        shutil.rmtree(status.parent, ignore_errors=True)


def sink_stats(status: Path) -> dict[str, float]:
    try:
        return json.loads(status.read_text())
    except (OSError, ValueError):
        return {"count": 0, "bytes": 0, "first": 0.0, "last": 0.0}


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


# --- fixtures -------------------------------------------------------------------------------------


def invoices_create(count: int, *, offset: int = 0) -> list[int]:
    """``count`` open invoices (as ``invoice_finalize`` leaves them), one customer each, set-based.
    bulk_create writes no history rows: setup only, the delivery itself is what is measured."""
    from contracts.models import BillingContact, Customer
    from invoicing.models import Invoice, InvoiceLine

    customers = Customer.objects.bulk_create(
        [
            Customer(
                external_id=f"deliver-{i:06d}", name=f"Customer {i} Inc.", email=f"billing@customer-{i}.test",
                address_line1=f"{i} Main Street", city="Boston", postal_code="02110", country="US",
                payment_terms_days=30,
            )
            for i in range(offset, offset + count)
        ],
        batch_size=2000,
    )  # fmt: skip
    BillingContact.objects.bulk_create(
        [BillingContact(customer=c, name="Accounts payable", email=f"ap@{c.external_id}.test") for c in customers],
        batch_size=2000,
    )
    now = datetime.now(tz=UTC)
    invoices = Invoice.objects.bulk_create(
        [
            Invoice(
                customer=c, billing_date=date(2026, 4, 5), number=f"INV-2026-{offset + i + 1:06d}", status="open",
                currency="USD", period_start=date(2026, 3, 5), period_end=date(2026, 4, 5),
                issue_date=date(2026, 4, 5), due_date=date(2026, 5, 5), subtotal=D("1220.00"), total=D("1220.00"),
                finalized_at=now, auto_send=True,
                customer_snapshot={
                    "name": c.name, "email": c.email, "locale": "en_US", "timezone": "UTC",
                    "payment_terms_days": 30, "address_lines": [f"{offset + i} Main Street", "Boston 02110", "US"],
                },
            )
            for i, c in enumerate(customers)
        ],
        batch_size=2000,
    )  # fmt: skip
    lines = []
    for invoice in invoices:
        common = {"invoice": invoice, "period_start": invoice.period_start, "period_end": invoice.period_end}
        lines.append(InvoiceLine(
            position=0, line_code="api", kind="usage", description="API calls", quantity=D(180000),
            unit_price=D("0.004"), precise_amount=D("720.00"), amount=D("720.00"), **common,
        ))  # fmt: skip
        lines.append(InvoiceLine(
            position=1, line_code="platform", kind="fixed", description="Platform fee", quantity=D(1),
            unit_price=D("500.00"), precise_amount=D("500.00"), amount=D("500.00"), **common,
        ))  # fmt: skip
    InvoiceLine.objects.bulk_create(lines, batch_size=5000)
    return [i.pk for i in invoices]


# --- the worker -----------------------------------------------------------------------------------


def worker_env(*, smtp_port: int, media_root: Path, queue: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url(DB),
        "DJANGO_SETTINGS_MODULE": "billing_site.settings",
        "DJANGO_DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "CELERY_BROKER_URL": BROKER,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
        "MEDIA_ROOT": str(media_root),
        "STRIPE_API_KEY": "",
    }


@contextmanager
def celery_worker(*, env: dict[str, str], queue: str, concurrency: int) -> Iterator[subprocess.Popen[bytes]]:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    log_path = OUT_DIR / "invoice_delivery-worker.log"
    cmd = [
        str(VENV_BIN / "celery"), "-A", "billing_site", "worker", "--pool=prefork", f"--concurrency={concurrency}",
        "-Q", queue, "--loglevel=WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle",
    ]  # fmt: skip
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            cmd, cwd=REPO, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield process
    finally:
        _stop_group(process)


def celery_client(queue: str) -> Any:
    from celery import Celery

    client = Celery(broker=BROKER, set_as_current=False)  # must not become the app shared_task resolves to
    client.conf.task_default_queue = queue
    return client


def enqueue(client: Any, queue: str, invoice_ids: list[int]) -> float:
    t0 = time.monotonic()
    with client.producer_or_acquire() as producer:
        for pk in invoice_ids:
            client.send_task("invoicing.tasks.invoice_deliver_task", args=[pk], queue=queue, producer=producer)
    return time.monotonic() - t0


def delivery_counts() -> tuple[int, int, int]:
    """(PDFs stored, invoices sent, failed attempts), read with a fresh connection."""
    import psycopg

    with psycopg.connect(database_url(DB)) as conn:
        row = conn.execute(
            "SELECT count(*) FILTER (WHERE pdf <> ''), count(*) FILTER (WHERE sent_at IS NOT NULL), "
            "(SELECT count(*) FROM invoicing_invoicedeliveryattempt WHERE outcome = 'failed') FROM invoicing_invoice"
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


def wait_until(predicate: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(0.2)


def steady_rate(samples: list[tuple[float, int]], total: int) -> float:
    """Items per second between 10% and 90% done (interpolated between polls)."""

    def when(target: float) -> float:
        for (t0, c0), (t1, c1) in zip(samples, samples[1:], strict=False):
            if c0 <= target <= c1 and c1 > c0:
                return t0 + (t1 - t0) * (target - c0) / (c1 - c0)
        return samples[-1][0]

    low, high = 0.1 * total, 0.9 * total
    span = when(high) - when(low)
    return (high - low) / span if span > 0 else float("nan")


# --- where the time goes, in this process ------------------------------------------------------------


class Timers:
    """Exclusive time per named part: a part's time excludes the parts timed inside it (SQL run by
    the PDF context counts as SQL, not as context)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._children: list[float] = []  # per open part: time spent in timed parts inside it

    @contextmanager
    def part(self, name: str) -> Iterator[None]:
        self._children.append(0.0)
        t0 = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - t0
            inner = self._children.pop()
            self.seconds[name] = self.seconds.get(name, 0.0) + elapsed - inner
            self.calls[name] = self.calls.get(name, 0) + 1
            if self._children:
                self._children[-1] += elapsed

    def wrap(self, owner: Any, attribute: str, name: str) -> Callable[[], None]:
        original = getattr(owner, attribute)

        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.part(name):
                return original(*args, **kwargs)

        setattr(owner, attribute, timed)
        return lambda: setattr(owner, attribute, original)

    def db_wrapper(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        with self.part("SQL statements (round trips to PostgreSQL)"):
            return execute(sql, params, many, context)


def breakdown(invoice_ids: list[int]) -> dict[str, Any]:
    """Deliver ``invoice_ids`` here with every part timed (exclusive times; "other" is the rest)."""
    from django.core.files.storage import FileSystemStorage
    from django.core.mail.backends.smtp import EmailBackend
    from django.db import connection
    from xhtml2pdf import pisa

    import invoicing.documents.pdf
    from invoicing.documents.delivery import invoice_deliver

    timers = Timers()
    undo = [
        timers.wrap(invoicing.documents.pdf, "invoice_pdf_context", "PDF: context (formatting with babel)"),
        timers.wrap(invoicing.documents.pdf, "render_to_string", "PDF: template to HTML (Django templates)"),
        timers.wrap(pisa, "CreatePDF", "PDF: HTML to PDF (xhtml2pdf + reportlab)"),
        timers.wrap(FileSystemStorage, "_save", "PDF: file write"),
        timers.wrap(EmailBackend, "open", "SMTP: connect + EHLO"),
        timers.wrap(EmailBackend, "_send", "SMTP: MIME encoding + transfer"),
        timers.wrap(EmailBackend, "close", "SMTP: QUIT"),
    ]
    t0 = time.perf_counter()
    try:
        with connection.execute_wrapper(timers.db_wrapper), timers.part("other (ORM, saves, history, audit, Python)"):
            for pk in invoice_ids:
                invoice_deliver(invoice_id=pk)
    finally:
        for restore in undo:
            restore()
    wall = time.perf_counter() - t0
    n = len(invoice_ids)
    return {
        "deliveries": n,
        "ms_per_delivery": 1000 * wall / n,
        "parts_ms": {name: 1000 * seconds / n for name, seconds in timers.seconds.items()},
        "calls_per_delivery": {name: calls / n for name, calls in timers.calls.items()},
    }


def profile(invoice_ids: list[int], out: Path) -> str:
    from invoicing.documents.delivery import invoice_deliver

    profiler = cProfile.Profile()
    profiler.enable()
    for pk in invoice_ids:
        invoice_deliver(invoice_id=pk)
    profiler.disable()
    out.parent.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(str(out))
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer).strip_dirs()
    stats.sort_stats("tottime").print_stats(18)
    return buffer.getvalue()


def render_only(invoice_ids: list[int]) -> float:
    """PDFs per second, rendering alone (no storage, no email), one process."""
    from invoicing.documents.pdf import invoice_pdf_render
    from invoicing.models import Invoice

    invoices = list(Invoice.objects.filter(pk__in=invoice_ids).select_related("customer").prefetch_related("lines"))
    t0 = time.perf_counter()
    for invoice in invoices:
        invoice_pdf_render(invoice)
    return len(invoices) / (time.perf_counter() - t0)


def send_only(count: int, pdf: bytes) -> float:
    """Emails per second to the sink, one connection per email (as EmailMessage.send does)."""
    from django.core.mail import EmailMessage

    t0 = time.perf_counter()
    for i in range(count):
        message = EmailMessage(subject=f"Invoice {i}", body="Please find attached.", to=["a@x.test", "b@x.test"])
        message.attach("invoice.pdf", pdf, "application/pdf")
        message.send()
    return count / (time.perf_counter() - t0)


# --- main -----------------------------------------------------------------------------------------


def drop_database() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')


def run(args: argparse.Namespace) -> dict[str, Any]:
    fresh_database(DB)
    django_setup(DB)
    from django.conf import settings
    from django.db import connection

    media_root = Path(tempfile.mkdtemp(prefix="bench-delivery-media-"))
    settings.MEDIA_ROOT = str(media_root)
    t0 = time.monotonic()
    invoice_ids = invoices_create(args.invoices)
    sample_ids = invoices_create(args.sample * 2 + 20, offset=args.invoices)
    warmup_id, sample_ids = sample_ids[0], sample_ids[1:]
    connection.close()
    log(f"{args.invoices:,} + {len(sample_ids) + 1} invoices created in {time.monotonic() - t0:.1f} s")
    queue = f"bench-delivery-{os.getpid()}"
    result: dict[str, Any] = {
        "invoices": args.invoices,
        "concurrency": args.concurrency,
        "machine": machine_description(),
    }
    try:
        with smtp_sink() as (port, status, sink):
            env = worker_env(smtp_port=port, media_root=media_root, queue=queue)
            client = celery_client(queue)
            with celery_worker(env=env, queue=queue, concurrency=args.concurrency) as worker:
                enqueue(client, queue, [warmup_id])  # started, and one child has imported xhtml2pdf
                wait_until(lambda: delivery_counts()[1] >= 1, timeout=120, what="the worker's first delivery")
                wait_for_quiet(max_wait=args.quiet_wait)
                base_sink = sink_stats(status)["count"]
                cpu0_worker = CpuSnapshot.take(root_pid=worker.pid, database=DB)
                cpu0_sink = CpuSnapshot.take(root_pid=sink.pid, database=DB)
                started = time.monotonic()
                enqueue_s = enqueue(client, queue, invoice_ids)
                log(f"enqueued {len(invoice_ids):,} tasks in {enqueue_s:.1f} s; delivering...")
                pdf_samples: list[tuple[float, int]] = [(started, 0)]
                sent_samples: list[tuple[float, int]] = [(started, 0)]
                mail_samples: list[tuple[float, int]] = [(started, 0)]
                target = args.invoices + 1
                deadline = started + args.timeout
                last_log = started
                while True:
                    pdfs, sent, failed = delivery_counts()
                    now = time.monotonic()
                    pdf_samples.append((now, pdfs - 1))
                    sent_samples.append((now, sent - 1))
                    mail_samples.append((now, int(sink_stats(status)["count"] - base_sink)))
                    if sent >= target:
                        break
                    if now > deadline:
                        raise RuntimeError(f"only {sent - 1:,} of {args.invoices:,} sent after {args.timeout} s")
                    if now - last_log >= 30:
                        log(f"  {sent - 1:,} sent ({(sent - 1) / (now - started):.1f}/s), {failed} failed attempts")
                        last_log = now
                    time.sleep(0.5)
                finished = sent_samples[-1][0]
                cpu_worker = CpuSnapshot.take(root_pid=worker.pid, database=DB).since(cpu0_worker)
                cpu_sink = CpuSnapshot.take(root_pid=sink.pid, database=DB).since(cpu0_sink)
            time.sleep(0.6)
            mail = sink_stats(status)
            elapsed = finished - started
            emails = int(mail["count"] - base_sink)
            result["worker"] = {
                "enqueue_s": enqueue_s,
                "total_s": elapsed,
                "delivered_per_s": args.invoices / elapsed,
                "pdfs_per_s_steady": steady_rate(pdf_samples, args.invoices),
                "emails_per_s_steady": steady_rate(mail_samples, args.invoices),
                "delivered_per_s_steady": steady_rate(sent_samples, args.invoices),
                "emails_received": emails,
                "email_kb_mean": mail["bytes"] / max(mail["count"], 1) / 1024,
                "failed_attempts": delivery_counts()[2],
                "cpu": {
                    "machine_busy_share": cpu_worker["machine_busy_s"] / max(cpu_worker["machine_total_s"], 1e-9),
                    "machine_busy_s": cpu_worker["machine_busy_s"],
                    "worker_s": cpu_worker["gunicorn_s"],
                    "postgres_s": cpu_worker["pg_backends_live_s"],
                    "smtp_sink_s": cpu_sink["gunicorn_s"],
                },
            }
            log(f"delivered {args.invoices:,} in {elapsed:.1f} s; sink received {emails:,}")

            # In this process: the same SMTP sink, the same database.
            settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
            settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
            half = len(sample_ids) // 2
            result["render_only_pdfs_per_s"] = render_only(sample_ids[:half])
            pdf_bytes = next(media_root.rglob("*.pdf")).read_bytes()
            result["pdf_kb"] = len(pdf_bytes) / 1024
            result["send_only_emails_per_s"] = send_only(200, pdf_bytes)
            result["breakdown"] = breakdown(sample_ids[:half])
            result["profile"] = profile(sample_ids[half:], OUT_DIR / "invoice_delivery.prof")
    finally:
        connection.close()
        import redis

        redis.Redis.from_url(BROKER).delete(queue, f"_kombu.binding.{queue}")
        shutil.rmtree(media_root, ignore_errors=True)
        if not args.keep_db:
            drop_database()
            log(f"database {DB} dropped")
    return result


def report(result: dict[str, Any]) -> None:
    w = result["worker"]
    cpu = w["cpu"]
    print(f"\nInvoice delivery, {result['invoices']:,} finalised invoices, Celery worker --concurrency "
          f"{result['concurrency']} (prefork), SMTP sink on 127.0.0.1")  # fmt: skip
    print(f"machine: {result['machine']}")
    print(f"  enqueue {result['invoices']:,} tasks: {w['enqueue_s']:.1f} s")
    print(f"  total (enqueue to last sent_at): {w['total_s']:.1f} s = {w['delivered_per_s']:.1f} invoices/s")
    print(f"  steady (10%-90%): PDFs rendered {w['pdfs_per_s_steady']:.1f}/s, emails sent "
          f"{w['emails_per_s_steady']:.1f}/s, invoices delivered {w['delivered_per_s_steady']:.1f}/s")  # fmt: skip
    print(f"  emails received by the sink: {w['emails_received']:,} (mean {w['email_kb_mean']:.1f} KiB), "
          f"failed attempts: {w['failed_attempts']}")  # fmt: skip
    n = result["invoices"]
    per_invoice_ms = 1000 * (cpu["worker_s"] + cpu["postgres_s"] + cpu["smtp_sink_s"]) / n
    others = cpu["machine_busy_s"] - cpu["worker_s"] - cpu["postgres_s"] - cpu["smtp_sink_s"]
    # Celery's Django fixup closes the database connection after every task (CONN_MAX_AGE does not
    # apply unless CELERY_DB_REUSE_MAX is set), so the backends exit within the run and their CPU
    # is not attributable: counted under "everything else".
    pg = f"{cpu['postgres_s']:.1f}" if cpu["postgres_s"] else "n/a (a connection per task)"
    print(f"  CPU: machine {100 * cpu['machine_busy_share']:.0f}% busy ({cpu['machine_busy_s']:.0f} CPU-s): worker "
          f"{cpu['worker_s']:.1f}, PostgreSQL {pg}, SMTP sink {cpu['smtp_sink_s']:.1f}, "
          f"everything else on the machine {others:.1f}")  # fmt: skip
    ceiling = 2000 / per_invoice_ms
    print(f"  per invoice: {1000 * cpu['worker_s'] / n:.1f} ms of worker CPU, {per_invoice_ms:.1f} ms with the sink "
          f"(and PostgreSQL when attributable); ceiling with 2 idle cores: {ceiling:.1f} invoices/s")  # fmt: skip
    render, send = result["render_only_pdfs_per_s"], result["send_only_emails_per_s"]
    print(f"\nOne process, alone: PDF rendering {render:.1f} PDFs/s ({result['pdf_kb']:.1f} KiB each); "
          f"SMTP sending {send:.1f} emails/s")  # fmt: skip
    b = result["breakdown"]
    print(f"\nWhere the time goes, per delivery in this process ({b['deliveries']} deliveries, "
          f"{b['ms_per_delivery']:.1f} ms each):")  # fmt: skip
    for name, ms in sorted(b["parts_ms"].items(), key=lambda kv: -kv[1]):
        print(f"  {ms:7.1f} ms  {100 * ms / b['ms_per_delivery']:5.1f}%  {name}")
    sql = b["calls_per_delivery"].get("SQL statements (round trips to PostgreSQL)", 0)
    print(f"  ({sql:.0f} SQL statements per delivery)")
    print("\ncProfile (tottime):")
    print(result["profile"])


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--smtp-sink":
        smtp_sink_main(int(sys.argv[2]), Path(sys.argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--invoices", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--sample", type=int, default=100, help="deliveries timed and profiled in this process")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds to wait for the worker")
    parser.add_argument("--quiet-wait", type=float, default=60.0, help="seconds to wait for a quiet machine")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    result = run(args)
    write_json(OUT_DIR / f"invoice_delivery-{args.invoices}.json", result)
    report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
