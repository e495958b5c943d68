"""The extractor on batches K to N (written blind, scored once before any fix) and the general
causes they exposed: page furniture, tables split over pages or laid out sideways, another PDF
producer's line spacing, start dates in letters and signature lines, prices that are not charges,
one-time and recurring price columns, ticked plans, cents and euro thousands, partly scanned PDFs."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from contracts.documents import extract, read_document
from contracts.documents import parsing as p
from contracts.documents.scoring import score_extraction
from contracts.documents.segments import segment
from tests.contracts.documents.make_corpus import render_pdf

CORPUS = Path(__file__).parent / "documents"


def _text(text: str):  # type: ignore[no-untyped-def]
    return extract(read_document(text.encode(), "contract.txt")).data


def _batch(folder: str) -> list[Path]:
    return sorted(path for path in (CORPUS / folder).iterdir() if path.suffix in (".pdf", ".docx", ".txt"))


@pytest.mark.parametrize(
    "path",
    _batch("batch_k") + _batch("batch_l") + _batch("batch_m") + _batch("batch_n") + _batch("batch_o"),
    ids=lambda p: p.stem,
)
def test_blind_batches_k_to_o_field_f1(path: Path) -> None:
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text())
    result = extract(read_document(path.read_bytes(), path.name))
    assert score_extraction(expected, result.data).f1 >= 0.9


# -- layout ---------------------------------------------------------------------------------------


def test_running_headers_and_footers_are_not_read() -> None:
    blocks = [
        ("p", "Customer: Orchid Dental Group"),
        ("p", "Start date: 2026-05-01"),
        ("p", "Platform fee: $300 per month, billed monthly in advance."),
        ("pb",),
        ("p", "Payment terms: Net 30."),
    ]
    pdf = render_pdf(
        blocks, {"header": "Vendor Co | +1 (415) 555-0100 | 1 Main St", "footer": "Confidential - Page {page}"}
    )
    document = read_document(pdf, "order.pdf")
    texts = [seg.text for seg in segment(document)]
    assert not any("555-0100" in text or "Confidential" in text for text in texts)
    assert any("Net 30" in text for text in texts)


def test_a_tier_table_continued_on_the_next_page_is_one_table() -> None:
    path = CORPUS / "batch_k" / "l07_water_authority_split_tiers.pdf"
    document = read_document(path.read_bytes(), path.name)
    assert {block.page for block in document.blocks if block.table is not None} == {1, 2}
    line = next(line for line in extract(document).data["lines"] if line["charge_model"] == "graduated")
    assert [(t["up_to"], t["unit_price"]) for t in line["tiers"]] == [("100", "4"), ("500", "3.2"), (None, "2.5")]


def test_a_price_table_laid_out_sideways_is_read_by_columns() -> None:
    data = _text(
        "Customer: Side Co\nStart date: 2027-01-05\n\n"
        "Tasks are priced on a graduated scale, billed monthly in arrears:\n"
        "| Monthly tasks | Up to 10,000 | 10,001 - 50,000 | Over 50,000 |\n"
        "| Price per task | $0.020 | $0.015 | $0.010 |\n"
    )
    (line,) = data["lines"]
    assert line["charge_model"] == "graduated"
    assert [t["up_to"] for t in line["tiers"]] == ["10000", "50000", None]


def test_a_quote_table_is_not_read_sideways() -> None:
    data = _text(
        "Customer: Quote Co\nStart date: 2027-01-05\n\n| Item | Qty | Unit price |\n|---|---|---|\n"
        "| Seats | 12 | $150.00 |\n| Setup (one-time) | 1 | $500.00 |\n"
    )
    assert sorted(line["charge_model"] for line in data["lines"]) == ["one_time", "per_seat"]


def test_paragraphs_of_a_loosely_spaced_pdf_are_kept_together() -> None:
    path = CORPUS / "batch_k" / "l04_sow_under_msa.pdf"  # rendered by xhtml2pdf
    data = extract(read_document(path.read_bytes(), path.name)).data
    assert (data["start_date"], data["customer"]["payment_terms_days"]) == ("2026-11-02", 45)
    retainer = next(line for line in data["lines"] if line["charge_model"] == "flat")
    assert retainer["start_date"] == "2027-03-01"  # "billed monthly in advance starting March 1, 2027"


def test_numbered_clauses_are_separate_statements() -> None:
    data = _text(
        "CUSTOMER: ALPHA AG\nSECTION 2. FEES\n2.1 ANNUAL FEE: CHF 1'200.00 PER ANNUM, INVOICED ANNUALLY IN ADVANCE.\n"
        "2.2 BED-DAY FEE: CHF 4.20 PER OCCUPIED BED-DAY, INVOICED MONTHLY IN ARREARS.\n"
    )
    assert sorted(line["charge_model"] for line in data["lines"]) == ["flat", "per_unit"]


# -- dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        ('1.1 "Commencement Date" means 1 February 2027.', "2027-02-01"),
        ("We'll start you on June 1, 2026.", "2026-06-01"),
        ("Services begin 1 March 2027 for an initial term of 36 months.", "2027-03-01"),
        ("Subscription starts November 1, 2026.", "2026-11-01"),
        ("We confirm your renewal for the period 1 July 2027 to 30 June 2028.", "2027-07-01"),
    ],
)
def test_start_date_wording(sentence: str, start: str) -> None:
    assert _text(f"Customer: Dates Ltd\n\n{sentence}\n\nFee: $100 per month.\n")["start_date"] == start


def test_effective_on_the_last_signature_reads_signature_lines_in_prose() -> None:
    data = _text(
        "Customer: Sign Co\nEffective as of the later of the two signature dates below.\n\nFee: $100 per month.\n\n"
        "Vendor Inc. - signed by Lee Park on 2026-07-06\n\nSign Co - By: Ana Ruiz - Date: July 8, 2026\n"
    )
    assert data["start_date"] == "2026-07-08"


def test_a_start_date_without_a_year_follows_the_letter_date() -> None:
    result = extract(
        read_document(
            b"October 3, 2026\n\nDear Evelyn,\n\nBeginning November 1st, we will keep your books for a monthly fee "
            b"of $2,500 for a term of twelve months. Invoices are payable within fifteen days.\n",
            "letter.txt",
        )
    )
    assert (result.data["start_date"], result.data["end_date"]) == ("2026-11-01", "2027-11-01")
    assert result.data["customer"]["payment_terms_days"] == 15
    assert any(w["field"] == "start_date" and "without a year" in w["message"] for w in result.warnings)


def test_then_month_to_month_leaves_the_end_open() -> None:
    data = _text("Customer: Roll Co\nStart: 2027-04-01. Term: 24 months, then month-to-month.\n\nFee: $10 per month.\n")
    assert data["end_date"] is None


# -- what is and is not a charge ------------------------------------------------------------------


def test_other_parties_and_already_paid_prices_are_not_charges() -> None:
    data = _text(
        "Customer: Quiet Co\nStart date: 2026-06-01\n\nOutbound SMS: $0.0079 per message.\n\n"
        "Our current provider charges $0.0095 per text. Your prior accountant billed $1,900 per month.\n\n"
        "The setup fee of USD 1,000 paid under the original agreement is not charged again.\n\n"
        "Remote hands are quoted separately at USD 175 per hour. "
        "Replacement units are charged at $95 each on request.\n"
    )
    assert [(line["charge_model"], line.get("unit_price")) for line in data["lines"]] == [("per_unit", "0.0079")]


def test_one_time_and_recurring_price_columns_make_two_charges_per_row() -> None:
    data = _text(
        "Customer: Colo Co\nStart date: 2026-12-01\n\n| Item | Qty | NRC (each) | MRC (each) |\n|---|---|---|---|\n"
        "| Fiber cross-connect | 4 | USD 300.00 | USD 150.00 |\n"
    )
    assert sorted((line["charge_model"], line.get("amount") or line.get("unit_price")) for line in data["lines"]) == [
        ("one_time", "1200.00"),
        ("per_seat", "150"),
    ]


def test_only_the_ticked_plan_is_ordered() -> None:
    data = _text(
        "Business name: Tick Studio\nStart date: 2026-10-01\n\n| Choose | Plan | Price per month |\n|---|---|---|\n"
        "| [ ] | Starter | $49 |\n| [x] | Growth | $199 |\n| [ ] | Scale | $499 |\n"
    )
    assert data["customer"]["name"] == "Tick Studio"
    assert [line["amount"] for line in data["lines"]] == ["199.00"]


def test_two_labelled_take_rates_are_two_lines() -> None:
    data = _text(
        "Organization: Trails Friends\nStart date: 03/15/2027\n\nCard donations: 2.9% of each donation plus $0.30 "
        "per successful donation. ACH donations: 0.8% of each donation, capped at $5.00 per donation.\n"
    )
    rates = [(line["rate"], line.get("fixed_fee"), line.get("per_event_max")) for line in data["lines"]]
    assert rates == [("2.9", "0.30", None), ("0.8", None, "5.00")]


def test_a_billing_statement_applies_to_the_lines_it_names() -> None:
    data = _text(
        "Customer: North Co\nStart date: 2026-07-01\n\n| Qty | Description | Unit Price |\n|---|---|---|\n"
        "| 12 | Field tablet licence - annual | CAD 420.00 |\n| 1 | Cloud hosting - monthly | CAD 310.00 |\n\n"
        "Licences are invoiced annually in advance; hosting is invoiced monthly in advance.\n"
    )
    cadences = {line["description"][:5]: (line["billing_interval"], line.get("amount")) for line in data["lines"]}
    assert cadences["Cloud"] == ("month", "310.00")


# -- numbers and scans ------------------------------------------------------------------------------


def test_cents_and_euro_thousands() -> None:
    (cents,) = p.find_money("then 6¢ per label")
    assert cents.amount == p.to_decimal("0.06")
    data = _text("Customer: Van Dijk B.V.\nStart date: 2027-03-01\n\nOne-off implementation: € 1.250.\n")
    assert data["lines"][0]["amount"] == "1250.00"


def _pdf_pages(texts: list[str | None]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for text in texts:
        page.rect(50, 100, 400, 600, fill=1)  # the scanned image
        for number, line in enumerate((text or "").splitlines()):
            page.drawString(60, 780 - 14 * number, line)
        page.showPage()
    page.save()
    return buffer.getvalue()


def test_a_scan_with_only_a_stamp_has_no_text() -> None:
    document = read_document(_pdf_pages(["Scanned by DocCam", "Scanned by DocCam"]), "scan.pdf")
    assert not document.has_text


def test_scanned_pages_inside_a_typed_pdf_are_a_warning() -> None:
    typed = "Customer: Partial Scan Ltd\nStart date: 2026-05-01\nPlatform fee: $300 per month, billed in advance."
    result = extract(read_document(_pdf_pages([typed, None]), "mixed.pdf"))
    assert result.data["lines"][0]["amount"] == "300.00"
    assert any(w["field"] == "document" and "2" in w["message"] for w in result.warnings)


# -- batch O --------------------------------------------------------------------------------------


def test_legal_prose_dates_amounts_in_words_and_a_second_fee_after_and() -> None:
    data = _text(
        'Agreement between Vendor Inc. (hereinafter "Provider") and Westbrook District (hereinafter "Customer").\n\n'
        "The subscription shall commence on the first day of October 2026 and continue for a period of three (3) "
        "years.\n\nCustomer shall pay a subscription fee of Nine Thousand Dollars (US$9,000.00) per annum, payable "
        "annually in advance, and a one-time implementation fee of Two Thousand Dollars (US$2,000.00).\n"
    )
    assert (data["start_date"], data["end_date"]) == ("2026-10-01", "2029-10-01")
    assert sorted((line["charge_model"], line["amount"]) for line in data["lines"]) == [
        ("flat", "9000.00"),
        ("one_time", "2000.00"),
    ]


def test_each_named_thing_priced_is_usage_and_services_start() -> None:
    data = _text(
        "Client: Screen Co\n\nServices start April 1, 2027.\n\n"
        "Each background check: $12.50. Each drug screen: $31.00.\n\nScreenings are billed quarterly in arrears.\n"
    )
    assert data["start_date"] == "2027-04-01"
    assert [(line["charge_model"], Decimal(line["unit_price"])) for line in data["lines"]] == [
        ("per_unit", Decimal("12.50")),
        ("per_unit", Decimal("31.00")),
    ]


def test_pence_fixed_fee_and_tacit_renewal() -> None:
    data = _text(
        "Customer: Marigold Ltd\nStart date: 1 May 2027. Term: 12 months, tacitly renewed year by year.\n\n"
        "Card payments: 1.4% + 20p per transaction, invoiced monthly.\n"
    )
    (line,) = data["lines"]
    assert (line["charge_model"], line["rate"], line["fixed_fee"]) == ("percentage", "1.4", "0.20")
    assert data["end_date"] is None


def test_a_percentage_of_a_named_fee_and_a_price_left_unread_is_a_warning() -> None:
    result = extract(
        read_document(
            b"Renter: Events Co\nStart date: 2026-06-06\n\nRental: $450 per week, invoiced weekly in advance.\n\n"
            b"Damage waiver: 10% of the weekly rental.\n\nThe gadget: $12.\n",
            "rental.txt",
        )
    )
    waiver = result.data["lines"][1]
    assert (waiver["amount"], waiver["billing_interval"]) == ("45.00", "week")
    assert any(w["field"] == "lines" and "$12" in w["message"] for w in result.warnings)
