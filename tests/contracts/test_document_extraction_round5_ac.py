"""Round 5, batch AC: the general causes of the first-run misses on the unseen batch AC (HR, storage,
agency, IoT, enterprise licence and EUR service documents). Each cause is tested on new text written
for the test."""

from __future__ import annotations

from decimal import Decimal

from contracts.documents import extract, read_document


def _text(text: str) -> dict:  # type: ignore[type-arg]
    return extract(read_document(text.encode(), "contract.txt")).data


def test_ordered_by_names_the_customer_and_the_signer_for_the_customer_does_not() -> None:
    data = _text(
        "Subscription Order\n\nOrdered by: Wrenfield Veterinary Clinics LLC\n\nStart date: 1 May 2029\n\n"
        "Clinic software: $450.00 per month, billed monthly in advance.\n\n"
        "Accepted for the customer: Maria Olsen, Practice Manager\n"
    )
    assert data["customer"]["name"] == "Wrenfield Veterinary Clinics LLC"


def test_a_person_signing_for_the_customer_is_not_the_customer() -> None:
    data = _text(
        'Service Order between Quillmate Software Inc. ("Provider") and Harlow Brick Works Ltd ("Customer").\n\n'
        "Start date: 1 May 2029\n\nSupport: $300.00 per month, billed monthly in advance.\n\n"
        "Signed on behalf of the customer: Owen Price, Director\n"
    )
    assert data["customer"]["name"] == "Harlow Brick Works Ltd"


def test_a_price_per_thing_counted_each_month_in_arrears_is_usage() -> None:
    data = _text(
        "Customer: Stonebrook Parking Co.\n\nStart date: 1 May 2029\n\n"
        "Monitored bays are charged at $1.10 per location per month, billed in arrears according to the "
        "month's count of monitored bays.\n"
    )
    [line] = data["lines"]
    assert (line["charge_model"], Decimal(line["unit_price"]), line["billing_timing"]) == (
        "per_unit",
        Decimal("1.10"),
        "in_arrears",
    )


def test_items_the_document_says_are_invoiced_once_are_one_time() -> None:
    data = _text(
        "Order\n\nCustomer: Millbrook Cold Storage Inc.\n\nStart date: 1 May 2029\n\n"
        "## Monitoring\n\n| Item | Qty | Unit price |\n|---|---|---|\n"
        "| Freezer monitoring | 12 | $15.00 per unit per month |\n\n"
        "## Equipment\n\n| Item | Qty | Unit price | Total |\n|---|---|---|---|\n"
        "| Temperature probe | 40 | $22.50 | $900.00 |\n\n"
        "Equipment is billed once, on delivery.\n"
    )
    lines = [(line["charge_model"], line.get("amount"), line.get("seats")) for line in data["lines"]]
    assert lines == [("per_seat", None, "12"), ("one_time", "900.00", None)]


def test_invoiced_once_annually_is_a_cadence_not_a_one_time_charge() -> None:
    data = _text(
        "Order\n\nCustomer: Millbrook Cold Storage Inc.\n\nStart date: 1 May 2029\n\n"
        "## Support\n\n| Item | Qty | Unit price |\n|---|---|---|\n| Support desk | 1 | $1,200.00 |\n\n"
        "Support is invoiced once annually, in advance.\n"
    )
    [line] = data["lines"]
    assert (line["charge_model"], line["billing_interval"]) == ("flat", "year")
