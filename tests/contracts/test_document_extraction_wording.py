"""Wording invariance: the same contract with other column titles and labels for the same things
(bench/extraction_producers.py's "wording" producers) reads as it does with ours. Each test covers
one general cause found there, on new text."""

from __future__ import annotations

from decimal import Decimal

from contracts.documents import extract, read_document


def _read(text: str) -> dict:
    return extract(read_document(text.encode(), "order.txt")).data


def test_a_quantity_column_titled_volume_holds_the_quantity() -> None:
    data = _read(
        "Order Form\n\nCustomer: Quillfeather Analytics Ltd\nStart date: 1 March 2029\n\n"
        "| Service | Volume | Unit price | Amount |\n|---|---|---|---|\n"
        "| Analyst workspace licence, per user per month | 14 | £38.00 | £532.00 |\n"
    )
    line = data["lines"][0]
    assert line["charge_model"] == "per_seat"
    assert Decimal(line["seats"]) == 14
    assert Decimal(line["unit_price"]) == Decimal("38")


def test_a_volume_column_of_bands_is_still_a_tier_table() -> None:
    data = _read(
        "Customer: Quillfeather Analytics Ltd\nStart date: 1 March 2029\n\n"
        "Scoring requests are billed monthly in arrears, graduated:\n\n"
        "| Monthly volume | Price per request |\n|---|---|\n"
        "| 0 - 20,000 | $0.010 |\n| 20,001 - 100,000 | $0.008 |\n| Over 100,000 | $0.005 |\n"
    )
    assert data["lines"][0]["charge_model"] == "graduated"


def test_an_invoice_to_line_names_the_customer() -> None:
    data = _read(
        "Services Agreement\n\nInvoice to: Thistledown Robotics, Inc.\n"
        "Start date: 1 June 2029\n\nMonthly support retainer: £1,250 per month, billed monthly in advance.\n"
    )
    assert data["customer"]["name"].startswith("Thistledown Robotics")


def test_a_title_in_capitals_broken_mid_word_in_a_narrow_pdf_column_is_one_word() -> None:
    from contracts.documents import read_document as read
    from contracts.documents.segments import segment
    from tests.contracts.documents.make_corpus import render_pdf

    titles = ["ITEM DESCRIPTION", "VOLUME", "LIST PRICE", "DISCOUNT %", "NET PRICE", "CONTRACT PERIOD", "NET TOTAL"]
    rows = [
        titles,
        ["Route planning seat", "40", "$300.00", "10%", "$270.00", "12 Months", "$10,800.00"],
        ["Telematics gateway", "1", "$1,200.00", "0%", "$1,200.00", "12 Months", "$1,200.00"],
    ]
    blocks = [("p", "Customer: Quillfeather Analytics Ltd"), ("t", rows)]
    segments = segment(read(render_pdf(blocks), "quote.pdf"))
    header = next(seg.header for seg in segments if seg.kind == "row")
    assert header == tuple(titles)


def test_a_hyphenated_bill_to_label_names_the_customer() -> None:
    data = _read(
        "Quote\n\nBill-to: Thistledown Robotics, Inc.\nStart date: 1 June 2029\n\n"
        "Monthly support retainer: $2,100 per month, billed monthly in advance.\n"
    )
    assert data["customer"]["name"].startswith("Thistledown Robotics")


def test_a_subscription_length_gives_the_end() -> None:
    data = _read(
        "Customer: Thistledown Robotics, Inc.\nStart date: 1 June 2029\nSubscription length: 24 months\n\n"
        "Platform fee: $2,100 per month, billed monthly in advance.\n"
    )
    assert data["end_date"] == "2031-06-01"


def test_a_frequency_or_invoice_schedule_field_sets_the_cadence() -> None:
    for label in ("Frequency", "Invoice schedule"):
        data = _read(
            f"Customer: Thistledown Robotics, Inc.\nStart date: 1 June 2029\n{label}: Quarterly in advance\n\n"
            "| Item | Qty | Unit price |\n|---|---|---|\n| Planner licence, per user per month | 12 | $40.00 |\n"
        )
        line = data["lines"][0]
        assert (line["billing_interval"], line["billing_interval_count"]) == ("month", 3), label
