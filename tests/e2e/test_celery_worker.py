"""The flow's asynchronous half on real components: a separate `celery worker` process consuming
from Redis and writing to the same PostgreSQL database as the test."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection

from invoicing.drafting.recurring import contract_bill_due
from invoicing.models import Invoice
from revrec.models import RevenueScheduleEntry
from tests.factories import MeterFactory, UsageLineFactory

BROKER = os.environ.get("CELERY_TEST_BROKER_URL", "")

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not BROKER, reason="set CELERY_TEST_BROKER_URL (e.g. redis://127.0.0.1:6379/15); .ci/run does"),
]


@pytest.fixture
def worker(tmp_path: Path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process must share the test database: needs PostgreSQL (DATABASE_URL)")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": BROKER,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STRIPE_API_KEY": "",
    }
    queue = f"autobill-test-{os.getpid()}"
    env["CELERY_TASK_DEFAULT_QUEUE"] = queue
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "billing_site",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    client = Celery(broker=BROKER, set_as_current=False)  # must not become the app shared_task resolves to
    client.conf.task_default_queue = queue
    try:
        yield client, tmp_path
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0].decode(errors="replace")
        print(output[-4000:])  # noqa: T201 - pytest shows it only when the test fails


def _wait(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def test_worker_finalises_books_and_emails_an_invoice(worker):
    client, tmp_path = worker
    MeterFactory()
    line = UsageLineFactory(contract__auto_send=False)
    invoices, _ = contract_bill_due(contract=line.contract, as_of=dt.datetime(2026, 4, 5, 12, tzinfo=dt.UTC))
    invoice = invoices[0]
    assert (invoice.status, invoice.review_status) == ("draft", "pending")
    # Automated finalising never issues a draft awaiting review; a reviewer has passed this one
    # (to be issued, not emailed: auto-send stays off).
    Invoice.objects.filter(pk=invoice.pk).update(review_status="approved")

    queue = client.conf.task_default_queue
    client.send_task("invoicing.tasks.invoice_finalize_task", args=[invoice.pk], queue=queue)

    # Finalising fans out (after commit) to revenue scheduling and collection, on the worker too.
    assert _wait(lambda: RevenueScheduleEntry.objects.filter(invoice=invoice).exists()), "no revenue schedule"
    invoice.refresh_from_db()
    assert invoice.status == "open"
    assert invoice.number == "INV-2026-000001"
    assert invoice.sent_at is None  # auto_send is off: it waits for review

    client.send_task("invoicing.tasks.invoice_deliver_task", args=[invoice.pk], queue=queue)
    client.send_task("invoicing.tasks.invoice_deliver_task", args=[invoice.pk], queue=queue)  # a duplicate
    assert _wait(lambda: Invoice.objects.get(pk=invoice.pk).sent_at is not None), "worker did not deliver"
    time.sleep(1)
    mail = list((tmp_path / "mail").iterdir())
    assert len(mail) == 1
    assert invoice.number in mail[0].read_text(errors="replace")
