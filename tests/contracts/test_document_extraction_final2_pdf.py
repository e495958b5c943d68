"""The general causes of the misses on the PDF documents of the opened second final batch (a calendar month
named for a contract that starts on the 1st, ...). Each cause is tested on new text written for the test."""

from __future__ import annotations

from tests.contracts.documents.extract_helpers import extract_text

_text = extract_text


def test_usage_counted_per_calendar_month_from_a_start_on_the_first_keeps_anniversary_billing() -> None:
    # a start on the 1st: anniversary periods already are calendar months, so nothing asks for calendar alignment
    data = _text(
        "Pricing Annex\n"
        "Customer: Brightwater Freight Oy\n"
        "Effective date: 1 June 2029\n"
        "Shipment labels are charged per calendar month at USD 0.08 per label, invoiced monthly in arrears.\n"
        "Hosting fee: USD 600 per month, billed on the first day of each calendar month.\n"
    )
    assert data["start_date"] == "2029-06-01"
    assert data["billing_alignment"] == "anniversary"


def test_calendar_alignment_stays_when_the_start_is_mid_month_or_the_first_period_is_prorated() -> None:
    mid_month = _text(
        "Customer: Brightwater Freight Oy\n"
        "Effective date: 14 June 2029\n"
        "Hosting fee: USD 600 per month, billed on the first day of each calendar month.\n"
    )
    assert mid_month["billing_alignment"] == "calendar"
    prorated = _text(
        "Customer: Brightwater Freight Oy\n"
        "Effective date: 1 July 2029\n"
        "Hosting fee: USD 600 per month, invoiced on the first day of each calendar month; the first invoice is "
        "prorated.\n"
    )
    assert prorated["billing_alignment"] == "calendar"
    quarter = _text(
        "Customer: Brightwater Freight Oy\n"
        "Effective date: 1 May 2029\n"
        "Hosting fee: USD 1,800 per quarter, invoiced on the first day of each calendar quarter.\n"
    )
    assert quarter["billing_alignment"] == "calendar"
