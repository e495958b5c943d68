"""Several workers ensuring one contract's revenue plan at once (the invoices of one contract
finalised together each queue it) create it once; none fails on the one-plan-per-contract rule."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from revrec.models import RevenueContract
from revrec.obligations import revenue_contract_ensure
from tests.factories import ContractFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_ensures_create_one_revenue_plan():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (DATABASE_URL); SQLite serialises whole transactions")
    contract = ContractFactory()
    workers = 8
    barrier = threading.Barrier(workers)
    errors: list[BaseException] = []
    plans: list[int] = []

    def worker() -> None:
        try:
            barrier.wait()
            plans.append(revenue_contract_ensure(contract_id=contract.pk).pk)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert RevenueContract.objects.filter(contract=contract).count() == 1
    assert set(plans) == {RevenueContract.objects.get(contract=contract).pk}
