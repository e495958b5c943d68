"""Round 5: the general causes of the first-run misses on the unseen batch AD (PDF order forms, a quote,
a pricing schedule, a SOW, a renewal letter, a usage order). Each cause is tested on new text written
for the test."""

from __future__ import annotations

from contracts.documents import extract, read_document


def _text(text: str) -> dict:  # type: ignore[type-arg]
    return extract(read_document(text.encode(), "contract.txt")).data


def test_a_payment_schedule_with_a_share_column_and_iso_due_dates_is_milestones() -> None:
    data = _text(
        "Statement of Work\n\nClient: Loxley Harbour Trust\n\nEffective: 2029-02-05\n\n"
        "The work is delivered for a fixed fee of USD 40,000, invoiced as follows:\n\n"
        "| Stage | Deliverable | Share | Amount (USD) | Due |\n|---|---|---|---|---|\n"
        "| A | Discovery report | 25% | 10,000.00 | 2029-02-05 |\n"
        "| B | Pilot in production | 75% | 30,000.00 | 2029-05-18 |\n"
    )
    assert [line["charge_model"] for line in data["lines"]] == ["milestone"]
    assert [(m["amount"], m["due_date"]) for m in data["lines"][0]["milestones"]] == [
        ("10000.00", "2029-02-05"),
        ("30000.00", "2029-05-18"),
    ]


def test_an_allowance_in_a_table_row_of_its_own_goes_to_the_overage_rate() -> None:
    data = _text(
        "Order Form\n\nCustomer: Redfern Orchard Supply\n\nStart date: 3 March 2029\n\n"
        "| Item | Price | Billing |\n|---|---|---|\n"
        "| Hosting fee | $900 per month | Monthly in advance |\n"
        "| Included messages | 50,000 messages per month included | - |\n"
        "| Additional messages | $0.02 per message | Monthly in arrears |\n"
    )
    usage = [line for line in data["lines"] if line["charge_model"] == "per_unit"]
    assert [(line["unit_price"], line["included_units"]) for line in usage] == [("0.02", "50000")]


def _pdf(lines: list[tuple[float, float, str]]) -> bytes:
    """A one-page PDF with each text drawn at (x, y): a layout without table rules."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setFont("Helvetica", 10)
    for x, y, text in lines:
        page.drawString(x, y, text)
    page.save()
    return buffer.getvalue()


def test_a_two_column_price_list_without_rules_with_the_currency_in_its_title_is_a_table() -> None:
    data = _pdf(
        [
            (60, 760, "Interpreting services are invoiced monthly in arrears for the time booked."),
            (60, 730, "Language"),
            (300, 730, "Rate per hour (NZD)"),
            (60, 716, "Te reo Maori"),
            (300, 716, "95.00"),
            (60, 702, "Samoan"),
            (300, 702, "88.50"),
            (60, 670, "Bookings are made through the online portal."),
        ]
    )
    blocks = read_document(data, "rates.pdf").blocks
    assert [block.cells for block in blocks if block.cells] == [
        ("Language", "Rate per hour (NZD)"),
        ("Te reo Maori", "95.00"),
        ("Samoan", "88.50"),
    ]
    assert blocks[-1].text == "Bookings are made through the online portal."
