"""A real Celery worker (Redis broker, the test's PostgreSQL database) killed in the middle of a
billing run: the run still finishes by itself and every contract is billed once.

1. The pool process drafting a chunk is killed (SIGKILL): the task is acknowledged late and
   rejected on worker loss, so the broker gives the chunk back and the worker drafts it again.
2. The whole worker is killed: its in-flight chunk stays unacknowledged in Redis (for the
   visibility timeout, an hour here); a new worker takes the queued chunks and the beat watchdog
   queues the lost one again.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection

from contracts.models import Contract
from invoicing.models import BillingRun, BillingRunChunk, Invoice
from tests.factories import FlatLineFactory

BROKER = os.environ.get("CELERY_TEST_BROKER_URL", "")
CONTRACTS = 200
CHUNK = 4

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not BROKER, reason="set CELERY_TEST_BROKER_URL (e.g. redis://127.0.0.1:6379/15); .ci/run does"),
]


class Workers:
    def __init__(self, tmp_path: Path) -> None:
        db = connection.settings_dict
        self.queue = f"autobill-crash-{os.getpid()}"
        self.env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "CELERY_BROKER_URL": BROKER,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            "CELERY_BROKER_VISIBILITY_TIMEOUT": "3600",
            "BILLING_RUN_CHUNK_SIZE": str(CHUNK),
            "BILLING_RUN_CHUNK_STALE_SECONDS": "3",
            "MEDIA_ROOT": str(tmp_path / "media"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "STRIPE_API_KEY": "",
        }
        self.procs: list[subprocess.Popen[bytes]] = []
        self.client = Celery(broker=BROKER, set_as_current=False)

    def start(self) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "celery"),
                "-A",
                "billing_site",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "-Q",
                self.queue,
                "--loglevel=WARNING",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
            ],  # fmt: skip
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed as a whole in step 2
        )
        self.procs.append(proc)
        return proc

    def send(self, task: str) -> None:
        self.client.send_task(task, queue=self.queue)

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
            output = proc.communicate(timeout=60)[0].decode(errors="replace")
            print(output[-3000:])  # noqa: T201 - shown when the test fails


@pytest.fixture
def workers(tmp_path: Path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker processes must share the test database: needs PostgreSQL (DATABASE_URL)")
    pool = Workers(tmp_path)
    try:
        yield pool
    finally:
        pool.stop_all()


def _wait(predicate, timeout: float = 300.0, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def _contracts() -> None:
    start = dt.date.today() - dt.timedelta(days=70)  # monthly in advance: three billing dates each
    for _ in range(CONTRACTS):
        FlatLineFactory(contract__start_date=start, contract__auto_send=False, contract__customer__auto_send=False)


def _run() -> BillingRun | None:
    return BillingRun.objects.order_by("-pk").first()


def _chunks_done() -> int:
    run = _run()
    return 0 if run is None else run.chunks_done


def _pool_child(pid: int) -> int:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    assert children, "the prefork worker has no pool process"
    return int(children[0])


def _assert_billed_once(run: BillingRun) -> None:
    per_contract = Counter(Invoice.objects.values_list("contract_id", flat=True))
    assert len(per_contract) == Contract.objects.count() == CONTRACTS
    dates = set(per_contract.values())
    assert len(dates) == 1, f"contracts got different numbers of invoices: {Counter(per_contract.values())}"
    assert Invoice.objects.values("contract_id", "billing_date").distinct().count() == Invoice.objects.count()
    assert (run.status, run.errors) == ("completed", [])
    assert run.contracts_done == run.contracts_total == CONTRACTS
    assert run.chunks_done == run.chunks_total == BillingRunChunk.objects.filter(run=run, is_done=True).count()
    assert run.invoices_created == Invoice.objects.count()


def test_a_killed_pool_process_gives_its_chunk_back(workers):
    _contracts()
    worker = workers.start()
    workers.send("invoicing.tasks.billing_run_scheduled_task")
    assert _wait(lambda: _chunks_done() >= 2), "the run did not start"
    os.kill(_pool_child(worker.pid), signal.SIGKILL)
    run = _run()
    assert (run.status, run.chunks_done < run.chunks_total) == ("running", True), "the run finished before the kill"

    assert _wait(lambda: _run().status != "running"), "the run did not finish after the pool process died"
    _assert_billed_once(_run())
    assert worker.poll() is None  # the worker replaced its pool process and went on


def test_a_killed_worker_leaves_the_run_to_another_worker_and_the_watchdog(workers):
    _contracts()
    first = workers.start()
    workers.send("invoicing.tasks.billing_run_scheduled_task")
    assert _wait(lambda: _chunks_done() >= 2), "the run did not start"
    os.killpg(first.pid, signal.SIGKILL)  # the worker and its pool process, at once
    first.wait(timeout=30)
    run = _run()
    assert (run.status, run.chunks_done < run.chunks_total) == ("running", True), "the run finished before the kill"

    workers.start()
    # The chunks still queued are drafted by the new worker; the one the dead worker held (at most
    # one: prefetch 1) stays unacknowledged in Redis for the visibility timeout (an hour), whether
    # it died before or after marking it started: the watchdog queues it again.
    assert _wait(lambda: BillingRunChunk.objects.filter(run=run, is_done=False).count() <= 1)
    time.sleep(3.5)  # BILLING_RUN_CHUNK_STALE_SECONDS
    workers.send("invoicing.tasks.billing_run_watchdog_task")
    assert _wait(lambda: _run().status != "running"), "the run did not finish after the worker died"
    _assert_billed_once(_run())
