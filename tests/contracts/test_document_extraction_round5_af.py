"""Round 5: the general causes of the first-run misses on the unseen batch AF (documents made by other
tool chains: Chromium-printed HTML, reportlab canvas drawing, python-docx layout and nested tables,
tab-stop price lists, LibreOffice PDF and DOCX, pdftotext and PDF-viewer text). Each cause is tested on
new text or a small file built in the test (no chromium or LibreOffice needed)."""

from __future__ import annotations

import io
from decimal import Decimal

from contracts.documents import extract, read_document


def _text(text: str) -> dict:  # type: ignore[type-arg]
    return extract(read_document(text.encode(), "contract.txt")).data


def _docx(document: object) -> dict:  # type: ignore[type-arg]
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return extract(read_document(buffer.getvalue(), "contract.docx")).data


def _priced(line: dict) -> tuple[str, Decimal]:  # type: ignore[type-arg]
    return line["charge_model"], Decimal(line.get("unit_price") or line.get("amount") or "0")


def test_a_word_layout_table_is_read_cell_by_cell_with_its_nested_price_table() -> None:
    import docx

    document = docx.Document()
    layout = document.add_table(rows=2, cols=2)  # no style: the borderless grid a template lays the page out with
    layout.cell(0, 0).text = "Orchard Lane Bakeries Ltd\nBilling e-mail: ap@orchardlane.test\nLeeds LS2 7DJ"
    layout.cell(0, 1).text = "Start Date: 1 May 2029\nTerm: 24 months\nPayment Terms: 15 days"
    cell = layout.cell(1, 0).merge(layout.cell(1, 1))
    cell.text = "Fees"
    prices = cell.add_table(rows=3, cols=4)
    for r, row in enumerate([["Item", "Qty", "Price", "Billing"], ["Till licence, per user", "12", "£19.00", "Monthly"],
                             ["Installation", "1", "£850.00", "One-off"]]):
        for c, text in enumerate(row):
            prices.cell(r, c).text = text
    data = _docx(document)
    assert data["start_date"] == "2029-05-01"
    assert data["end_date"] == "2031-05-01"
    assert data["customer"]["payment_terms_days"] == 15
    assert sorted(_priced(line) for line in data["lines"]) == [("one_time", Decimal(850)), ("per_seat", Decimal(19))]


def test_a_word_price_list_typed_on_tab_stops_is_a_table() -> None:
    import docx

    document = docx.Document()
    for text in ("Renewal confirmation", "Customer: Brackenfold Veterinary Group", "Renewal date: 1 March 2030",
                 "Item\tUsers\tAnnual price", "Practice manager seats\t14\tEUR 360.00",
                 "Online booking module\t1\tEUR 1.900,00",
                 "Fees are invoiced annually in advance and payable within 30 days."):
        document.add_paragraph(text)
    data = _docx(document)
    assert sorted(_priced(line) for line in data["lines"]) == [("flat", Decimal(1900)), ("per_seat", Decimal(360))]
    seats = next(line for line in data["lines"] if line["charge_model"] == "per_seat")
    assert (seats["seats"], seats["billing_interval"]) == ("14", "year")


def test_a_fixed_fee_invoiced_on_the_milestones_below_is_the_schedules_total() -> None:
    data = _text(
        "Statement of Work 7\n\nClient: Pellmere Housing Co-op\n\nStart: 2030-01-07\n\n"
        "The project is delivered for a fixed fee of USD 18,000, invoiced on the milestones below.\n\n"
        "| Milestone | Share | Amount | Invoice date |\n|---|---|---|---|\n"
        "| Design approved | 40% | USD 7,200 | Jan 21, 2030 |\n"
        "| Handover | 60% | USD 10,800 | Mar 4, 2030 |\n"
    )
    assert [line["charge_model"] for line in data["lines"]] == ["milestone"]
    assert [m["amount"] for m in data["lines"][0]["milestones"]] == ["7200.00", "10800.00"]
