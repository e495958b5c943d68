"""Concurrent credit notes on one invoice (PostgreSQL row locks): never more than the invoice total,
gapless numbers, and one note per idempotency key."""

from __future__ import annotations

import threading
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection, connections

from invoicing.credit_notes.services import CreditNoteInvalid, credit_note_issue
from invoicing.models import CreditNote
from tests.invoicing.credit_note_fixtures import issued_invoice

pytestmark = pytest.mark.django_db(transaction=True)

D = Decimal


def _run_at_once(workers: int, work: Callable[[int], object]) -> tuple[list[object], list[BaseException]]:
    barrier = threading.Barrier(workers)
    results: list[object] = []
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            results.append(work(index))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


@pytest.fixture
def postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (DATABASE_URL); SQLite serialises whole transactions")


def test_concurrent_notes_never_credit_more_than_the_total(postgres, django_capture_on_commit_callbacks):
    invoice = issued_invoice(django_capture_on_commit_callbacks)  # 1,000.00

    notes, errors = _run_at_once(
        8, lambda i: credit_note_issue(invoice_id=invoice.pk, amount="200.00", reason="other")
    )

    assert len(notes) == 5, [repr(e)[:300] for e in errors]
    assert len(errors) == 3
    assert all(isinstance(e, CreditNoteInvalid) for e in errors), errors
    invoice.refresh_from_db()
    assert sum(n.total for n in CreditNote.objects.filter(invoice=invoice)) == D("1000.00")
    assert (invoice.amount_credited, invoice.amount_due, invoice.status) == (D("1000.00"), D(0), "paid")
    year = invoice.issue_date.year
    assert sorted(CreditNote.objects.values_list("number", flat=True)) == [
        f"CN-{year}-{n:06d}" for n in range(1, 6)
    ]


def test_concurrent_retries_with_one_key_make_one_note(postgres, django_capture_on_commit_callbacks):
    invoice = issued_invoice(django_capture_on_commit_callbacks)

    notes, errors = _run_at_once(
        6, lambda i: credit_note_issue(invoice_id=invoice.pk, amount="50.00", reason="other", idempotency_key="k1")
    )

    assert errors == []
    assert len({n.pk for n in notes}) == 1  # type: ignore[attr-defined]
    invoice.refresh_from_db()
    assert invoice.amount_credited == D("50.00")
