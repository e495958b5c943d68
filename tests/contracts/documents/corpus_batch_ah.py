"""Unseen batch AH (round 5, producers III): six ordinary order forms, quotes, renewal letters and SOWs written
(with the expected contracts) before the extractor code was read, each made by a producer batches AF and AG did
not cover (bench/extraction.py --set batch_ah):

- ah01: a Word template: customer and dates in a two-column borderless key table, fees in a table whose header
  row is marked to repeat (and is repeated mid-table before the services) with the currency in its own column;
- ah02: a Word agreement whose parties sit in the page header and footer, the body in numbered clauses
  ("3.1 The Customer shall pay ...") with the fees inside the clauses;
- ah03: a Word proposal whose line items are bullets with sub-bullets for the price and the billing;
- ah04: Outlook's plain-text rendering of an HTML e-mail: "From:/Sent:/To:/Subject:" header, the table's cells
  one per line, a signature block;
- ah05: a Slack/Teams message pasted into a .txt: "•" bullets and shorthand ("$12/seat/mo, 40 seats");
- ah06: a clause list with ALL CAPS headings and amounts written in words and in figures.

The document files are made by the ``produce`` functions below (python-docx only):
``python -m tests.contracts.documents.corpus_batch_ah`` regenerates them all. make_corpus only writes the expected
contracts and produces a document file that is missing, so re-rendering leaves them as committed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.contracts.documents.corpus_batch_af import _docx_bytes
from tests.contracts.documents.corpus_dev import contract, line

HERE = Path(__file__).resolve().parent / "batch_ah"
YEARLY = {"billing_interval": "year"}


# ---------------------------------------------------------------- producers


def _no_borders(table: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def produce_ah01() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Subscription Order Form", level=0)
    document.add_paragraph("Supplier: Wattle Systems Pty Ltd, Level 9, 120 Collins Street, Melbourne VIC 3000")
    keys = [
        ("Customer name", "Bellarine Aged Care Pty Ltd"),
        ("Accounts email", "accounts@bellarinecare.test"),
        ("Order date", "18/08/2027"),
        ("Service start date", "01/09/2027"),
        ("Initial term", "36 months"),
        ("Payment terms", "14 days from invoice date"),
    ]
    table = document.add_table(rows=len(keys), cols=2)
    _no_borders(table)
    for r, (label, value) in enumerate(keys):
        table.cell(r, 0).text = label
        table.cell(r, 0).paragraphs[0].runs[0].bold = True
        table.cell(r, 1).text = value
    document.add_paragraph("")
    document.add_heading("Fees", level=2)
    head = ["Item", "Quantity", "Currency", "Unit price", "Billing"]
    rows = [
        head,
        ["Care rostering licence (per staff member per month)", "85", "AUD", "14.50", "Monthly in advance"],
        ["Family portal (annual subscription)", "1", "AUD", "3,900.00", "Annually in advance"],
        head,
        ["Implementation and training (one-off)", "1", "AUD", "6,250.00", "On signing"],
    ]
    fees = document.add_table(rows=len(rows), cols=len(head))
    fees.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            fees.cell(r, c).text = text
            if cells is head:
                fees.cell(r, c).paragraphs[0].runs[0].bold = True
        if r == 0:
            _repeat_header(fees.rows[r])
    document.add_paragraph("")
    document.add_paragraph("All amounts exclude GST. This Order Form is governed by the Wattle Master Terms.")
    document.add_paragraph("Signed for the Customer: ____________________   Date: __________")
    return _docx_bytes(document)


def produce_ah02() -> bytes:
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = (
        "Services Agreement between Alpenrose Digital AG (Supplier) and Seeland Uhren GmbH (Customer)"
    )
    section.footer.paragraphs[0].text = "Alpenrose Digital AG · Bahnhofstrasse 21 · 8001 Zürich · Confidential"
    document.add_heading("Services Agreement", level=1)
    clauses = [
        ("1.", "Definitions"),
        ("1.1", "\"Services\" means the hosted maintenance planning service described in Schedule 1."),
        ("2.", "Term"),
        ("2.1", "This Agreement commences on 1 April 2028 (the \"Commencement Date\") and continues for twenty-four "
                "(24) months."),
        ("3.", "Fees"),
        ("3.1", "The Customer shall pay a platform fee of CHF 2,400.00 per month, invoiced monthly in advance."),
        ("3.2", "The Customer shall pay CHF 38.00 per named user per month for 30 named users, invoiced monthly "
                "in advance."),
        ("3.3", "The Customer shall pay a one-time set-up fee of CHF 9,500.00, invoiced on the Commencement Date."),
        ("4.", "Payment"),
        ("4.1", "Invoices are payable within 30 days of the invoice date. All fees are stated in Swiss francs and "
                "exclude VAT."),
        ("4.2", "Invoices shall be sent to kreditoren@seelanduhren.test."),
        ("5.", "Governing law"),
        ("5.1", "This Agreement is governed by Swiss law."),
    ]
    for number, text in clauses:
        if number.endswith("."):
            document.add_heading(f"{number} {text}", level=2)
        else:
            document.add_paragraph(f"{number}\t{text}")
    return _docx_bytes(document)


def produce_ah03() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Proposal: Kea Learning platform renewal", level=1)
    for text in (
        "Prepared for: Tōtara Valley School Trust",
        "Prepared by: Kea Learning Ltd, 15 Willis Street, Wellington 6011",
        "Billing contact: finance@totaravalley.test",
        "Renewal period: 1 February 2028 to 31 January 2029",
        "All prices in New Zealand dollars (NZD), excluding GST. Invoices due on the 20th of the month following.",
    ):
        document.add_paragraph(text)
    document.add_heading("What's included", level=2)
    items = [
        ("Student licences", ["NZ$4.20 per student per month", "620 students", "Invoiced monthly in advance"]),
        ("Teacher workspace", ["NZ$1,800.00 per year", "Invoiced annually in advance"]),
        ("Video storage above 500 GB", ["NZ$0.12 per GB per month", "Invoiced monthly in arrears"]),
        ("Staff training day", ["NZ$1,450.00 one-off", "Invoiced after the session"]),
    ]
    for name, subs in items:
        document.add_paragraph(name, style="List Bullet")
        for sub in subs:
            document.add_paragraph(sub, style="List Bullet 2")
    document.add_paragraph("Ngā mihi, Hemi Walker, Customer Success")
    return _docx_bytes(document)


def produce_ah04() -> bytes:
    lines = [
        "From: Marta Kowalczyk <marta.kowalczyk@vistulasoft.test>",
        "Sent: Tuesday, October 12, 2027 3:41 PM",
        "To: Piotr Nowak <p.nowak@baltykmeble.test>",
        "Cc: ksiegowosc@baltykmeble.test",
        "Subject: Quote Q-2027-311 - Vistula WMS for Baltyk Meble Sp. z o.o.",
        "",
        "Dear Piotr,",
        "",
        "As discussed, please find our quote for Baltyk Meble Sp. z o.o. below. The subscription would start on "
        "November 1, 2027 for an initial term of 12 months. Prices are in Polish zloty (PLN), net of VAT. Invoices "
        "are payable within 14 days and should be addressed to ksiegowosc@baltykmeble.test.",
        "",
        "Product",
        "Quantity",
        "Unit price",
        "Billing",
        "WMS user licence",
        "25",
        "PLN 89.00 / user / month",
        "Monthly in advance",
        "Label printing",
        "as used",
        "PLN 0.08 / label",
        "Monthly in arrears",
        "Go-live support package",
        "1",
        "PLN 7,500.00",
        "One-time, at go-live",
        "",
        "The quote is valid for 30 days. Let me know if you have any questions.",
        "",
        "Best regards,",
        "",
        "Marta Kowalczyk",
        "Senior Account Manager",
        "Vistula Software Sp. z o.o.",
        "ul. Marszałkowska 84, 00-514 Warszawa",
        "Tel. +48 22 555 01 23 | www.vistulasoft.test",
        "",
    ]
    return "\r\n".join(lines).encode("utf-8")


def produce_ah05() -> bytes:
    text = """Jordan Ellis  10:14 AM
hey @Priya - final numbers for Larkspur Dental Partners are agreed, can you set them up in billing?

• customer: Larkspur Dental Partners LLC
• invoices to ap@larkspurdental.test, net 45
• start 3/1/2028, 12 mo term
• Chairside app: $12/seat/mo, 40 seats, billed monthly upfront
• Analytics add-on: $2,400/yr, invoiced annually upfront
• e-fax: $0.03/page, billed monthly in arrears
• onboarding: $1,500 one-time, on the first invoice

all USD. thx!
"""
    return text.encode("utf-8")


def produce_ah06() -> bytes:
    text = """MASTER SUBSCRIPTION SCHEDULE NO. 4

BETWEEN: DECCAN CLOUDWORKS PRIVATE LIMITED, 5th Floor, Cyber Towers, Hitech City, Hyderabad 500081 ("PROVIDER")
AND: KAVERI TEXTILES LIMITED, 22 Race Course Road, Coimbatore 641018 ("CUSTOMER")

1. EFFECTIVE DATE AND TERM
This Schedule takes effect on 1 July 2028 and shall remain in force for a period of twelve (12) months.

2. SUBSCRIPTION FEES
The Customer shall pay a subscription fee of Rupees Forty-Five Thousand only (INR 45,000) per month for the
production planning platform, payable monthly in advance.

3. USER FEES
The Customer shall pay Rupees Six Hundred only (INR 600) per user per month for one hundred and twenty (120)
users, payable monthly in advance.

4. IMPLEMENTATION
A one-time implementation fee of Rupees Two Lakh Fifty Thousand only (INR 2,50,000) shall be invoiced on the
Effective Date.

5. PAYMENT TERMS
All invoices shall be paid within thirty (30) days of receipt. Invoices shall be sent to
accounts.payable@kaveritextiles.test. Amounts are exclusive of GST.

6. GOVERNING LAW
This Schedule shall be governed by the laws of India.
"""
    return text.encode("utf-8")


# ---------------------------------------------------------------- documents with expected contracts

DOCS: list[dict[str, Any]] = [
    {
        "name": "ah01_docx_key_table_repeated_header",
        "format": "docx",
        "produce": produce_ah01,
        "expected": contract(
            name="Bellarine Aged Care Pty Ltd", email="accounts@bellarinecare.test", currency="AUD", terms=14,
            start="2027-09-01", end="2030-09-01",
            lines=[
                line("per_seat", unit_price="14.50", seats="85"),
                line("flat", amount="3900.00", **YEARLY),
                line("one_time", amount="6250.00"),
            ],
        ),
    },
    {
        "name": "ah02_docx_header_parties_numbered_clauses",
        "format": "docx",
        "produce": produce_ah02,
        "expected": contract(
            name="Seeland Uhren GmbH", email="kreditoren@seelanduhren.test", currency="CHF", terms=30,
            start="2028-04-01", end="2030-04-01",
            lines=[
                line("flat", amount="2400.00"),
                line("per_seat", unit_price="38.00", seats="30"),
                line("one_time", amount="9500.00"),
            ],
        ),
    },
    {
        "name": "ah03_docx_bulleted_items_sub_bullets",
        "format": "docx",
        "produce": produce_ah03,
        "expected": contract(
            name="Tōtara Valley School Trust", email="finance@totaravalley.test", currency="NZD", terms=None,
            start="2028-02-01", end="2029-02-01",
            lines=[
                line("per_seat", unit_price="4.20", seats="620"),
                line("flat", amount="1800.00", **YEARLY),
                line("per_unit", metric="gb", unit_price="0.12", included_units="500"),
                line("one_time", amount="1450.00"),
            ],
        ),
    },
    {
        "name": "ah04_outlook_plain_text_cells_per_line",
        "format": "text",
        "produce": produce_ah04,
        "expected": contract(
            name="Baltyk Meble Sp. z o.o.", email="ksiegowosc@baltykmeble.test", currency="PLN", terms=14,
            start="2027-11-01", end="2028-11-01",
            lines=[
                line("per_seat", unit_price="89.00", seats="25"),
                line("per_unit", metric="labels", unit_price="0.08"),
                line("one_time", amount="7500.00"),
            ],
        ),
    },
    {
        "name": "ah05_chat_message_shorthand",
        "format": "text",
        "produce": produce_ah05,
        "expected": contract(
            name="Larkspur Dental Partners LLC", email="ap@larkspurdental.test", currency="USD", terms=45,
            start="2028-03-01", end="2029-03-01",
            lines=[
                line("per_seat", unit_price="12", seats="40"),
                line("flat", amount="2400", **YEARLY),
                line("per_unit", metric="pages", unit_price="0.03"),
                line("one_time", amount="1500"),
            ],
        ),
    },
    {
        "name": "ah06_caps_clauses_amounts_in_words",
        "format": "text",
        "produce": produce_ah06,
        "expected": contract(
            name="Kaveri Textiles Limited", email="accounts.payable@kaveritextiles.test", currency="INR", terms=30,
            start="2028-07-01", end="2029-07-01",
            lines=[
                line("flat", amount="45000"),
                line("per_seat", unit_price="600", seats="120"),
                line("one_time", amount="250000"),
            ],
        ),
    },
]


def main() -> None:
    """Regenerate every document file of the batch with its producer."""
    from tests.contracts.documents.make_corpus import produce_all

    produce_all(HERE, DOCS)


if __name__ == "__main__":
    main()
