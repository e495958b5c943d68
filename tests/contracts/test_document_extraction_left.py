"""Known general misses (branch left): column titles, quantities and amounts read wrongly on new text.
Each test covers one general cause, on text written for it."""

from __future__ import annotations

from decimal import Decimal

from contracts.documents import extract, read_document


def _read(text: str) -> dict:
    return extract(read_document(text.encode(), "order.txt")).data


def test_a_sales_price_column_beside_an_amount_is_the_unit_price() -> None:
    data = _read(
        "Order Form\n\nCustomer: Bramblewick Logistics GmbH\nStart date: 1 April 2029\n\n"
        "| Article | Qty | Sales price | Amount |\n|---|---|---|---|\n"
        "| Dispatch planner seat, per user per month | 12 | €45.00 | €540.00 |\n"
        "| Onboarding workshop (one-time) | 1 | €900.00 | €900.00 |\n"
    )
    line = data["lines"][0]
    assert line["charge_model"] == "per_seat"
    assert Decimal(line["unit_price"]) == Decimal("45")
    assert Decimal(line["seats"]) == 12


def test_a_net_price_column_beside_an_amount_is_the_unit_price() -> None:
    data = _read(
        "Order Form\n\nCustomer: Bramblewick Logistics GmbH\nStart date: 1 April 2029\n\n"
        "| Article | Qty | Net price | Amount |\n|---|---|---|---|\n"
        "| Route optimiser seat, per user per month | 8 | €30.00 | €240.00 |\n"
    )
    assert Decimal(data["lines"][0]["unit_price"]) == Decimal("30")
