"""Runs finish by themselves: chunks whose task was lost are queued again by the beat watchdog, a
chunk that keeps killing its worker is failed after MAX_CHUNK_ATTEMPTS, and a chunk delivered twice
is drafted and counted once. (A real worker killed mid-run: tests/e2e/test_billing_run_worker_crash.py.)"""

from __future__ import annotations

import datetime as dt

import pytest

from invoicing.drafting.billing_run import MAX_CHUNK_ATTEMPTS, billing_run_execute, billing_run_watchdog
from invoicing.models import BillingRun, BillingRunChunk, Invoice
from tests.factories import FlatLineFactory

pytestmark = pytest.mark.django_db

AS_OF = dt.datetime(2026, 4, 5, tzinfo=dt.UTC)


@pytest.fixture
def lost_messages(settings, monkeypatch, django_capture_on_commit_callbacks):
    """A run dispatched to workers whose messages never arrive."""
    from invoicing.tasks import billing_run_chunk_task

    settings.BILLING_RUN_CHUNK_SIZE = 2
    for _ in range(5):
        FlatLineFactory(contract__auto_send=False)
    monkeypatch.setitem(billing_run_chunk_task.app.conf, "task_always_eager", False)
    monkeypatch.setattr(billing_run_chunk_task, "delay", lambda *args: None)
    with django_capture_on_commit_callbacks(execute=True):
        run = billing_run_execute(as_of=AS_OF, actor="tests")
    monkeypatch.undo()  # the broker works again: what the watchdog queues runs (eagerly)
    assert run.status == "running"
    return run


def test_the_watchdog_leaves_fresh_chunks_alone(lost_messages):
    assert billing_run_watchdog(stale_seconds=600) == []
    assert BillingRun.objects.get(pk=lost_messages.pk).status == "running"


def test_the_watchdog_queues_stale_chunks_again_and_the_run_completes(
    lost_messages, django_capture_on_commit_callbacks
):
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=11)
    with django_capture_on_commit_callbacks(execute=True):
        requeued = billing_run_watchdog(now=later, stale_seconds=600)
    assert len(requeued) == 3
    run = BillingRun.objects.get(pk=lost_messages.pk)
    # Monthly in advance from March 5: March 5 and April 5 for each of the 5 contracts.
    assert (run.status, run.chunks_done, run.contracts_done, run.invoices_created) == ("completed", 3, 5, 10)
    assert Invoice.objects.count() == 10
    assert all(chunk.is_done and chunk.attempts == 1 for chunk in BillingRunChunk.objects.filter(run=run))
    # Nothing left to do: a second pass queues nothing.
    assert billing_run_watchdog(now=later + dt.timedelta(hours=1), stale_seconds=600) == []


def test_a_chunk_delivered_twice_is_drafted_and_counted_once(lost_messages):
    from invoicing.tasks import billing_run_chunk_task

    chunk = BillingRunChunk.objects.get(run=lost_messages, index=0)
    billing_run_chunk_task.apply(args=(lost_messages.pk, chunk.contract_ids, 0))
    billing_run_chunk_task.apply(args=(lost_messages.pk, chunk.contract_ids, 0))
    run = BillingRun.objects.get(pk=lost_messages.pk)
    assert (run.chunks_done, run.contracts_done, run.invoices_created, run.invoices_existing) == (1, 2, 4, 0)
    assert Invoice.objects.count() == 4


def test_a_chunk_that_never_finishes_is_failed_and_the_run_finishes(lost_messages):
    BillingRunChunk.objects.filter(run=lost_messages).update(attempts=MAX_CHUNK_ATTEMPTS)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=11)
    assert billing_run_watchdog(now=later, stale_seconds=600) == []
    run = BillingRun.objects.get(pk=lost_messages.pk)
    assert (run.status, run.chunks_done, run.contracts_done) == ("failed", 3, 5)
    assert len(run.errors) == 5
    assert "did not finish" in run.errors[0]["error"]
    assert not Invoice.objects.exists()
