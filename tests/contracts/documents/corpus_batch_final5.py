"""Blind measurement batch FINAL5: eighteen everyday contract documents (representative, not
adversarial) with the contracts a billing admin would enter, written WITHOUT reading or running
the extractor (only scoring.py, the corpus helpers and the billing conventions / API docs were read).

Six PDFs (Chromium print-to-PDF of hand-written HTML, LibreOffice PDF of a python-docx document,
reportlab platypus, xhtml2pdf), six DOCX (python-docx with styled tables, lists, headers and footers;
a LibreOffice HTML-to-DOCX conversion) and six text files (e-mails, Markdown, a plain letter, a
space-aligned table).

``python -m tests.contracts.documents.corpus_batch_final5`` writes every expected JSON and writes a
document file only when it is missing (``--force`` rewrites them all). make_corpus does not list it.
"""

# ruff: noqa: E501
from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

from tests.contracts.documents.corpus_dev import contract, line
from tests.contracts.documents.external_tools import chromium_pdf, docx_bytes, html_page, soffice_convert

HERE = Path(__file__).resolve().parent
FOLDER = HERE / "batch_final5"


# --------------------------------------------------------------------------------------------- producers


def _xhtml2pdf(html: str) -> bytes:
    from xhtml2pdf import pisa

    buffer = io.BytesIO()
    pisa.CreatePDF(html, dest=buffer)
    return buffer.getvalue()


def _platypus(flow: Any) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title="Contract", author="Autobill corpus")
    doc.build(flow(getSampleStyleSheet()))
    return buffer.getvalue()


def _rl_table(rows: list[list[str]]) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
            ]
        )
    )
    return table


def _word_table(document: Any, rows: list[list[str]], style: str = "Light Grid Accent 1") -> None:
    table = document.add_table(rows=0, cols=len(rows[0]))
    table.style = style
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


CSS = (
    "body{font-family:Arial,Helvetica,sans-serif;font-size:10pt;margin:36px}"
    "table{border-collapse:collapse;width:100%;margin:10px 0}td,th{border:1px solid #aaa;padding:4px 6px}"
    "th{background:#eef2f7;text-align:left}.r{text-align:right}.n td{border:none}"
)


# --------------------------------------------------------------------------------------------- PDF


def _f5_01() -> bytes:
    body = """
<h2>Tallyhawk Software, Inc. &mdash; Order Form</h2>
<p>Order Form No. TH-OF-30417 &nbsp;&nbsp; Date: 02/08/2027</p>
<table class='n'><tr><td><b>Customer</b><br>Pinecrest Veterinary Partners LLC<br>2210 Cedar Ave, Boise, ID 83702<br>Billing email: ap@pinecrestvet.test</td>
<td><b>Provider</b><br>Tallyhawk Software, Inc.<br>400 Congress Ave, Austin, TX 78701</td></tr></table>
<p><b>Subscription Start Date:</b> 03/01/2027 &nbsp; <b>Initial Term:</b> 12 months</p>
<table><tr><th>Item</th><th>Billing</th><th class='r'>Qty</th><th class='r'>Unit Price</th><th class='r'>Total</th></tr>
<tr><td>Tallyhawk Professional &ndash; per user</td><td>Monthly in advance</td><td class='r'>60</td><td class='r'>$45.00 / user / month</td><td class='r'>$2,700.00 / month</td></tr>
<tr><td>Platform fee</td><td>Monthly in advance</td><td class='r'>1</td><td class='r'>$500.00 / month</td><td class='r'>$500.00 / month</td></tr>
<tr><td>Onboarding and data import</td><td>One-time</td><td class='r'>1</td><td class='r'>$2,500.00</td><td class='r'>$2,500.00</td></tr>
</table>
<p>Payment terms: Net 30 from invoice date. All fees in USD and exclusive of taxes. The subscription renews automatically
for successive 12-month terms unless either party gives written notice at least 30 days before the end of the current term.</p>
<p>This Order Form is governed by the Tallyhawk Terms of Service.</p>
<table class='n'><tr><td>Pinecrest Veterinary Partners LLC<br>By: <i>Laura Jimenez</i><br>Title: COO<br>Date: 02/10/2027</td>
<td>Tallyhawk Software, Inc.<br>By: <i>Ben Okafor</i><br>Title: VP Sales<br>Date: 02/10/2027</td></tr></table>
"""
    return chromium_pdf(html_page(body, CSS))


F5_01 = contract(
    name="Pinecrest Veterinary Partners LLC",
    email="ap@pinecrestvet.test",
    currency="USD",
    terms=30,
    start="2027-03-01",
    lines=[
        line("per_seat", unit_price="45.00", seats="60"),
        line("flat", amount="500.00"),
        line("one_time", amount="2500.00"),
    ],
)


def _f5_02() -> bytes:
    from reportlab.platypus import Paragraph, Spacer

    def flow(ss: Any) -> list[Any]:
        return [
            Paragraph("Datavine GmbH", ss["Title"]),
            Paragraph("Price Schedule &ndash; Datavine Routing API", ss["Heading2"]),
            Paragraph("Customer: Kestrel Mobility B.V., Stationsplein 45, 3013 AK Rotterdam", ss["Normal"]),
            Paragraph("Invoices to: facturen@kestrelmobility.test", ss["Normal"]),
            Paragraph("Start date: 01.04.2027 &nbsp; Term: 24 months", ss["Normal"]),
            Spacer(1, 8),
            Paragraph("1. Base fee", ss["Heading3"]),
            Paragraph("A platform base fee of EUR 1.200,00 per month is invoiced monthly in advance.", ss["Normal"]),
            Paragraph("2. API requests (graduated)", ss["Heading3"]),
            Paragraph(
                "Requests are charged in graduated tiers per calendar month; each tier's price applies only to "
                "the requests falling in that tier. Usage is invoiced monthly in arrears.",
                ss["Normal"],
            ),
            Spacer(1, 6),
            _rl_table(
                [
                    ["Requests per month", "Price per request"],
                    ["0 - 500.000", "EUR 0,0100"],
                    ["500.001 - 2.000.000", "EUR 0,0080"],
                    ["above 2.000.000", "EUR 0,0050"],
                ]
            ),
            Spacer(1, 8),
            Paragraph(
                "Usage months are measured in Europe/Amsterdam time. Invoices are payable within 30 days. "
                "All prices exclude VAT.",
                ss["Normal"],
            ),
            Spacer(1, 16),
            Paragraph(
                "Datavine GmbH &ndash; M. Vogel, Head of Sales &nbsp;&nbsp;&nbsp; Kestrel Mobility B.V. &ndash; J. de Graaf, CFO",
                ss["Normal"],
            ),
        ]

    return _platypus(flow)


F5_02 = contract(
    name="Kestrel Mobility B.V.",
    email="facturen@kestrelmobility.test",
    currency="EUR",
    tz="Europe/Amsterdam",
    terms=30,
    start="2027-04-01",
    end="2029-04-01",
    lines=[
        line("flat", amount="1200.00"),
        line(
            "graduated",
            metric="api_requests",
            tiers=[
                {"up_to": "500000", "unit_price": "0.0100"},
                {"up_to": "2000000", "unit_price": "0.0080"},
                {"up_to": None, "unit_price": "0.0050"},
            ],
        ),
    ],
)


def _f5_03() -> bytes:
    html = """<html><head><style>body{font-family:Helvetica;font-size:10pt} table{border:1px solid #777}
td,th{border:1px solid #777;padding:3px}</style></head><body>
<h1>Statement of Work No. 3</h1>
<p>This Statement of Work is entered into under the Consulting Agreement dated 4 March 2025 between
Harbourline Consulting Ltd ("Supplier") and Ashgrove Housing Association ("Client").</p>
<h2>1. Scope</h2><p>Supplier will configure and roll out the Client's tenant repairs portal.</p>
<h2>2. Timeline</h2><p>Work starts on 12 January 2027 and ends when the final milestone is accepted.</p>
<h2>3. Fees and milestones</h2>
<p>The fixed price of GBP 45,000.00 is invoiced on acceptance of each milestone as follows:</p>
<table><tr><th>Milestone</th><th>Target date</th><th>Amount</th></tr>
<tr><td>Discovery report accepted</td><td>12 February 2027</td><td>&pound;9,500.00</td></tr>
<tr><td>Portal configured and tested</td><td>16 April 2027</td><td>&pound;21,000.00</td></tr>
<tr><td>Go-live</td><td>28 May 2027</td><td>&pound;14,500.00</td></tr></table>
<p>Change requests outside the scope are charged at &pound;950 per consultant day, invoiced monthly in arrears.</p>
<h2>4. Invoicing</h2><p>Invoices are sent to finance@ashgrovehousing.test and are payable within 30 days.</p>
<p>Signed for Harbourline Consulting Ltd: R. Patel, Director &nbsp;&nbsp; Signed for Ashgrove Housing Association: K. Doyle, Head of IT</p>
</body></html>"""
    return _xhtml2pdf(html)


F5_03 = contract(
    name="Ashgrove Housing Association",
    email="finance@ashgrovehousing.test",
    currency="GBP",
    terms=30,
    start="2027-01-12",
    lines=[
        line(
            "milestone",
            milestones=[
                {"name": "Discovery report accepted", "amount": "9500.00", "due_date": "2027-02-12"},
                {"name": "Portal configured and tested", "amount": "21000.00", "due_date": "2027-04-16"},
                {"name": "Go-live", "amount": "14500.00", "due_date": "2027-05-28"},
            ],
        ),
        line("per_unit", metric="consultant_days", unit_price="950.00"),
    ],
)


def _f5_04() -> bytes:
    body = """
<table class='n'><tr><td><h2>Lumenstack Inc.</h2>1 Yonge St, Toronto, ON M5E 1E5</td>
<td class='r'><b>QUOTE</b><br>Quote #: Q-00231<br>Quote date: 2027-04-20<br>Expires: 2027-05-10<br>Prepared by: Aisha Rahman</td></tr></table>
<table><tr><th>Bill To</th><th>Details</th></tr>
<tr><td>Fraser Valley Credit Union<br>33 Essendene Ave, Abbotsford, BC<br>payables@fvcu.test</td>
<td>Start date: 2027-05-15<br>End date: 2028-05-14<br>Billing frequency: Annual, in advance<br>Payment terms: Net 45<br>Currency: CAD</td></tr></table>
<table><tr><th>Product</th><th class='r'>Quantity</th><th class='r'>Sales Price</th><th class='r'>Total Price</th></tr>
<tr><td>Lumenstack Analyst Seat (annual)</td><td class='r'>25</td><td class='r'>CA$1,080.00</td><td class='r'>CA$27,000.00</td></tr>
<tr><td>Data Connector Add-on (annual)</td><td class='r'>1</td><td class='r'>CA$3,600.00</td><td class='r'>CA$3,600.00</td></tr>
<tr><td>Setup &amp; Configuration (one-time)</td><td class='r'>1</td><td class='r'>CA$4,000.00</td><td class='r'>CA$4,000.00</td></tr>
<tr><td colspan='3' class='r'><b>Subtotal</b></td><td class='r'><b>CA$34,600.00</b></td></tr></table>
<p>Prices exclude GST/PST. By signing, the customer accepts this quote and the Lumenstack Subscription Terms.</p>
<p><b>Signature:</b> <i>M. Chen</i> &nbsp; <b>Name:</b> Michael Chen &nbsp; <b>Title:</b> Director of Finance &nbsp; <b>Date:</b> 2027-05-03</p>
<p style='font-size:8pt;color:#666'>Signed electronically via Lumenstack CPQ. Document ID 7f3a-22c1.</p>
"""
    return chromium_pdf(html_page(body, CSS))


F5_04 = contract(
    name="Fraser Valley Credit Union",
    email="payables@fvcu.test",
    currency="CAD",
    terms=45,
    start="2027-05-15",
    end="2028-05-15",
    lines=[
        line("per_seat", unit_price="1080.00", seats="25", billing_interval="year"),
        line("flat", amount="3600.00", billing_interval="year"),
        line("one_time", amount="4000.00"),
    ],
)


def _f5_05() -> bytes:
    from docx import Document

    d = Document()
    d.add_heading("Exhibit B - Pricing", level=1)
    d.add_paragraph(
        "This Exhibit B forms part of the Master Services Agreement between Coralbyte Pty Ltd "
        '(ABN 51 824 753 556) and Saltbush Energy Pty Ltd ("Customer").'
    )
    d.add_paragraph("Effective date: 1 July 2027. This Exhibit applies for 36 months from the effective date.")
    d.add_heading("Metered devices", level=2)
    d.add_paragraph(
        "Connected meters are charged per device per month on a volume basis: the number of active "
        "devices in the month sets the rate for all devices. Device charges are invoiced monthly in "
        "arrears and are subject to a minimum monthly charge of A$3,000.00."
    )
    _word_table(
        d,
        [
            ["Active devices", "Monthly rate per device (AUD)"],
            ["1 - 1,000", "$2.40"],
            ["1,001 - 5,000", "$2.10"],
            ["5,001 and above", "$1.80"],
        ],
    )
    d.add_heading("Invoicing", level=2)
    d.add_paragraph(
        "Billing months close at midnight Australia/Brisbane time. Invoices go to "
        "accounts@saltbushenergy.test and are due 21 days from the invoice date. Prices exclude GST."
    )
    return soffice_convert(docx_bytes(d), ".docx", "pdf")


F5_05 = contract(
    name="Saltbush Energy Pty Ltd",
    email="accounts@saltbushenergy.test",
    currency="AUD",
    tz="Australia/Brisbane",
    terms=21,
    start="2027-07-01",
    end="2030-07-01",
    lines=[
        line(
            "volume",
            metric="devices",
            minimum_amount="3000.00",
            tiers=[
                {"up_to": "1000", "unit_price": "2.40"},
                {"up_to": "5000", "unit_price": "2.10"},
                {"up_to": None, "unit_price": "1.80"},
            ],
        )
    ],
)


def _f5_06() -> bytes:
    from reportlab.platypus import Paragraph, Spacer

    def flow(ss: Any) -> list[Any]:
        n = ss["Normal"]
        return [
            Paragraph("Alpenlicht Systems AG, Bahnhofstrasse 12, 8001 Zürich", n),
            Spacer(1, 12),
            Paragraph("Rheinfeld Pharma AG<br/>z. Hd. Kreditorenbuchhaltung<br/>Industriestrasse 8, 4133 Pratteln", n),
            Spacer(1, 12),
            Paragraph("Zürich, 15 March 2027", n),
            Spacer(1, 12),
            Paragraph("<b>Renewal of your Alpenlicht LIMS subscription</b>", n),
            Spacer(1, 8),
            Paragraph("Dear Ms Brunner,", n),
            Spacer(1, 6),
            Paragraph(
                "Thank you for your continued trust. Your current subscription ends on 31 May 2027. We are pleased "
                "to confirm its renewal for the period 1 June 2027 to 31 May 2028 on the following terms:",
                n,
            ),
            Spacer(1, 6),
            _rl_table(
                [
                    ["Item", "Annual fee", "Billing"],
                    ["LIMS Enterprise subscription", "CHF 48'000.00", "annually in advance"],
                    ["Premium support (24/7)", "CHF 6'000.00", "annually in advance"],
                ]
            ),
            Spacer(1, 6),
            Paragraph(
                "Invoices will continue to be sent to kreditoren@rheinfeldpharma.test and are payable within "
                "30 days net. Prices exclude Swiss VAT.",
                n,
            ),
            Spacer(1, 6),
            Paragraph("Kind regards,", n),
            Spacer(1, 12),
            Paragraph("Stefan Imhof<br/>Key Account Manager, Alpenlicht Systems AG", n),
        ]

    return _platypus(flow)


F5_06 = contract(
    name="Rheinfeld Pharma AG",
    email="kreditoren@rheinfeldpharma.test",
    currency="CHF",
    terms=30,
    start="2027-06-01",
    end="2028-06-01",
    lines=[
        line("flat", amount="48000.00", billing_interval="year"),
        line("flat", amount="6000.00", billing_interval="year"),
    ],
)


# --------------------------------------------------------------------------------------------- DOCX


def _f5_07() -> bytes:
    from docx import Document

    d = Document()
    d.sections[0].header.paragraphs[0].text = "Brightline HR, Inc. - Confidential"
    d.add_heading("Amendment No. 2 to Order Form OF-1188", level=1)
    d.add_paragraph(
        'This Amendment is made between Brightline HR, Inc. ("Brightline") and Oakmont Logistics Corp. '
        '("Customer") and is effective as of August 1, 2027 (the "Amendment Effective Date").'
    )
    d.add_heading("1. Additional seats", level=2)
    d.add_paragraph(
        "Customer purchases 25 additional Brightline Core seats, increasing its seats from 50 to 75.",
        style="List Number",
    )
    d.add_paragraph(
        "All 75 seats are charged at the existing price of US$32.00 per seat per month, billed monthly in advance.",
        style="List Number",
    )
    d.add_paragraph(
        "The added seats are co-terminous with the current term, which ends on December 31, 2027.", style="List Number"
    )
    d.add_heading("2. Other terms", level=2)
    d.add_paragraph(
        "Invoices are sent to billing@oakmontlogistics.test, payable net 30. Except as amended, the Order "
        "Form remains in full force and effect."
    )
    _word_table(
        d,
        [
            ["Brightline HR, Inc.", "Oakmont Logistics Corp."],
            ["By: Sarah Lind", "By: Victor Alvarez"],
            ["Title: CFO", "Title: VP Operations"],
            ["Date: July 22, 2027", "Date: July 23, 2027"],
        ],
        style="Table Grid",
    )
    return docx_bytes(d)


F5_07 = contract(
    name="Oakmont Logistics Corp.",
    email="billing@oakmontlogistics.test",
    currency="USD",
    terms=30,
    start="2027-08-01",
    end="2028-01-01",
    lines=[line("per_seat", unit_price="32.00", seats="75")],
)


def _f5_08() -> bytes:
    from docx import Document

    d = Document()
    d.add_heading("Reseller Order Form", level=0)
    d.add_paragraph("Vendor: Cloudfjord AS")
    d.add_paragraph("Reseller (bill-to): Sakura Digital K.K., 2-3-1 Shibaura, Minato-ku, Tokyo")
    d.add_paragraph("End customer: Minato Precision Co., Ltd.")
    d.add_paragraph("Reseller invoice e-mail: seikyu@sakuradigital.test")
    d.add_paragraph("Service period: 2027/04/01 - 2028/03/31")
    _word_table(
        d,
        [
            ["Item", "Qty", "List price", "Reseller price", "Billing"],
            [
                "Cloudfjord Enterprise user licence",
                "100",
                "¥3,000 / user / month",
                "¥2,400 / user / month",
                "Monthly in advance",
            ],
            ["Extended storage (5 TB)", "1", "¥62,500 / month", "¥50,000 / month", "Monthly in advance"],
        ],
        style="Medium Shading 1 Accent 1",
    )
    d.add_paragraph("Reseller price reflects the 20% partner discount. Currency: JPY. Payment terms: Net 60.")
    d.add_paragraph("Cloudfjord AS — Kari Nilsen, Partner Manager        Sakura Digital K.K. — 田中 健, 営業部長")
    return docx_bytes(d)


F5_08 = contract(
    name="Sakura Digital K.K.",
    email="seikyu@sakuradigital.test",
    currency="JPY",
    terms=60,
    start="2027-04-01",
    end="2028-04-01",
    lines=[line("per_seat", unit_price="2400", seats="100"), line("flat", amount="50000")],
)


def _f5_09() -> bytes:
    from docx import Document

    d = Document()
    d.sections[0].footer.paragraphs[0].text = "Tessellate Tech Services Pvt Ltd | CIN U72900KA2019PTC123456"
    d.add_heading("Professional Services Order", level=1)
    _word_table(
        d,
        [
            ["Client", "Kaveri Foods Ltd"],
            ["Client billing e-mail", "accounts.payable@kaverifoods.test"],
            ["Order date", "01-06-2027"],
            ["Start date", "15-06-2027"],
            ["Time zone", "Asia/Kolkata"],
            ["Payment terms", "15 days from invoice"],
        ],
        style="Table Grid",
    )
    d.add_heading("Commercials", level=2)
    d.add_paragraph("ERP implementation (fixed fee): ₹4,50,000 invoiced once on the start date.", style="List Bullet")
    d.add_paragraph(
        "Additional consultant effort: ₹7,500 per hour, time and materials, invoiced monthly in arrears.",
        style="List Bullet",
    )
    d.add_paragraph(
        "Annual application support: ₹1,20,000 per year, invoiced annually in advance.", style="List Bullet"
    )
    d.add_paragraph("All amounts are in Indian Rupees (INR) and exclusive of GST.")
    d.add_paragraph("For Tessellate Tech Services Pvt Ltd: Anil Menon, Delivery Head")
    d.add_paragraph("For Kaveri Foods Ltd: Deepa Raghavan, CFO")
    return docx_bytes(d)


F5_09 = contract(
    name="Kaveri Foods Ltd",
    email="accounts.payable@kaverifoods.test",
    currency="INR",
    tz="Asia/Kolkata",
    terms=15,
    start="2027-06-15",
    lines=[
        line("one_time", amount="450000.00"),
        line("per_unit", metric="hours", unit_price="7500.00"),
        line("flat", amount="120000.00", billing_interval="year"),
    ],
)


def _f5_10() -> bytes:
    html = html_page("""
<h1>Postwerk Mail Solutions SE &ndash; Order Confirmation</h1>
<p><b>Customer:</b> Lindqvist Möbel GmbH<br><b>Accounts e-mail:</b> buchhaltung@lindqvist-moebel.test<br>
<b>Start of service:</b> 1 September 2027<br><b>Payment terms:</b> 14 days net</p>
<h2>Prices</h2>
<table border='1' cellpadding='4'><tr><th>Service</th><th>Price</th><th>Notes</th></tr>
<tr><td>Transactional e-mail</td><td>€18.00 per block of 10,000 e-mails</td><td>First 20,000 e-mails each month free; billed monthly in arrears</td></tr>
<tr><td>Prepaid credit bundle</td><td>€9,500.00</td><td>Grants €10,000.00 of usage credit, invoiced once at start, valid until 31 August 2028</td></tr>
</table>
<p>Unused credit expires at the end of its validity. Prices exclude VAT.</p>
<p>Postwerk Mail Solutions SE, Hamburg &ndash; Jana Weber, Sales</p>
""")
    return soffice_convert(html.encode("utf-8"), ".html", "docx:MS Word 2007 XML")


F5_10 = contract(
    name="Lindqvist Möbel GmbH",
    email="buchhaltung@lindqvist-moebel.test",
    currency="EUR",
    terms=14,
    start="2027-09-01",
    lines=[
        line("package", metric="emails", package_size="10000", package_price="18.00", free_units="20000"),
        line("prepaid_credit", amount="10000.00", price="9500.00", expires_on="2028-09-01"),
    ],
)


def _f5_11() -> bytes:
    from docx import Document

    d = Document()
    d.add_heading("Merchant Pricing Schedule", level=1)
    d.add_paragraph("Provider: Paystream Labs Inc.  Merchant: Bluebird Outfitters LLC")
    d.add_paragraph("Effective: February 1, 2027. Statements are cut at month end, America/Denver time.")
    _word_table(
        d,
        [
            ["Fee", "Rate", "Billed"],
            ["Card processing", "2.7% + $0.25 per transaction", "Monthly in arrears"],
            ["Gateway fee", "$99.00 per month", "Monthly in advance"],
        ],
    )
    d.add_paragraph("Fees are invoiced to finance@bluebirdoutfitters.test in US dollars and are due in 15 days.")
    d.add_paragraph("Accepted: Bluebird Outfitters LLC, Grace Holt, Owner")
    return docx_bytes(d)


F5_11 = contract(
    name="Bluebird Outfitters LLC",
    email="finance@bluebirdoutfitters.test",
    currency="USD",
    tz="America/Denver",
    terms=15,
    start="2027-02-01",
    lines=[line("percentage", metric="transaction_amount", rate="2.7", fixed_fee="0.25"), line("flat", amount="99.00")],
)


def _f5_12() -> bytes:
    from docx import Document

    d = Document()
    d.sections[0].header.paragraphs[0].text = "Fleetwise Telematics Ltd — Order Schedule"
    d.sections[0].footer.paragraphs[0].text = "Registered in England No. 09876543"
    d.add_heading("Order Schedule FW-2027-044", level=1)
    d.add_paragraph("Customer: Marston & Reed Haulage Ltd")
    d.add_paragraph("Purchase ledger: purchase.ledger@marstonreed.test")
    d.add_paragraph(
        "Commencement date: 1 October 2027. Term: 36 months from the commencement date; no automatic renewal."
    )
    _word_table(
        d,
        [
            ["Charge", "Price", "Invoicing"],
            ["Fleet platform fee", "£2,400.00 per quarter", "Quarterly in advance"],
            ["SMS driver alerts", "£0.04 per alert above 5,000 alerts per quarter", "Quarterly in arrears"],
        ],
        style="Light List Accent 1",
    )
    d.add_paragraph("Payment is due within 30 days of the invoice date. Prices are in pounds sterling, excluding VAT.")
    return docx_bytes(d)


F5_12 = contract(
    name="Marston & Reed Haulage Ltd",
    email="purchase.ledger@marstonreed.test",
    currency="GBP",
    terms=30,
    start="2027-10-01",
    end="2030-10-01",
    lines=[
        line("flat", amount="2400.00", billing_interval_count=3),
        line("per_unit", metric="sms_alerts", unit_price="0.04", included_units="5000", billing_interval_count=3),
    ],
)


# --------------------------------------------------------------------------------------------- text

F5_13_TEXT = """From: Jordan Blake <jordan.blake@quillstack.test>
To: Megan Ortiz <megan.ortiz@redwooddental.test>
Cc: billing@redwooddental.test
Date: Tue, 5 Jan 2027 16:42:11 -0800
Subject: Re: Quillstack Growth plan - confirmed

Hi Megan,

Great speaking earlier - confirming what we agreed for Redwood Dental Labs Inc.:

  * Growth plan: $14,400 per year, billed annually upfront
  * 10 additional seats at $25/seat per month, billed monthly
  * Start date: January 15, 2027, for a 12-month term
  * Payment terms: Net 30

Invoices will go to billing@redwooddental.test as you asked. I'll send the DocuSign shortly.

Thanks,
Jordan Blake
Account Executive, Quillstack
"""

F5_13 = contract(
    name="Redwood Dental Labs Inc.",
    email="billing@redwooddental.test",
    currency="USD",
    terms=30,
    start="2027-01-15",
    end="2028-01-15",
    lines=[line("flat", amount="14400.00", billing_interval="year"), line("per_seat", unit_price="25.00", seats="10")],
)

F5_14_TEXT = """# Order Form - Northwind Forms Inc.

**Customer:** Tamarack Outdoor Co.
**Billing email:** ap@tamarackoutdoor.test
**Start date:** 2027-03-01
**Currency:** CAD
**Time zone:** America/Toronto

## Fees

| Item | Price | Billing |
|------|-------|---------|
| Base subscription | CA$750.00 / month | Monthly in advance |
| Form submissions | CA$0.02 per submission over 25,000 / month | Monthly in arrears |
| Onboarding | CA$1,500.00 | One-time |

## Terms

- Payment terms: Net 30
- Month-to-month; either party may cancel with 30 days' notice.

_Accepted by Tamarack Outdoor Co. - Priya Singh, Controller_
"""

F5_14 = contract(
    name="Tamarack Outdoor Co.",
    email="ap@tamarackoutdoor.test",
    currency="CAD",
    tz="America/Toronto",
    terms=30,
    start="2027-03-01",
    lines=[
        line("flat", amount="750.00"),
        line("per_unit", metric="form_submissions", unit_price="0.02", included_units="25000"),
        line("one_time", amount="1500.00"),
    ],
)

F5_15_TEXT = """Wattle Analytics Pty Ltd
Level 9, 120 Collins Street
Melbourne VIC 3000

20 September 2027

Bramble Health Pty Ltd
Attention: Accounts Payable

Dear Accounts team,

Subscription renewal - Wattle Insights

Your Wattle Insights subscription is due to renew. The renewal term runs from 1 November 2027
to 31 October 2028.

For the renewal term, 35 user licences will be charged at A$89.00 per user per month (up from
A$85.00), billed monthly in advance. All other terms are unchanged: invoices will be sent to
accounts@bramblehealth.test and are payable within 14 days. Prices are in Australian dollars
and exclude GST.

If you have any questions, please contact your account manager.

Yours sincerely,

Liam O'Connor
Customer Success Director
Wattle Analytics Pty Ltd
"""

F5_15 = contract(
    name="Bramble Health Pty Ltd",
    email="accounts@bramblehealth.test",
    currency="AUD",
    terms=14,
    start="2027-11-01",
    end="2028-11-01",
    lines=[line("per_seat", unit_price="89.00", seats="35")],
)

F5_16_TEXT = """VEKTOR GEODATEN GMBH                                        ANGEBOT / QUOTE  VG-27-0193
Kunde / Customer:   Ostsee Logistik GmbH
Rechnungen an:      rechnungen@ostsee-logistik.test
Beginn / Start:     01.05.2027          Laufzeit / Term: 12 Monate
Zahlungsziel:       30 Tage netto

Geocoding API - volume pricing (total monthly volume sets the price of all requests)

  Monthly requests              Price per request
  ---------------------------   -----------------
  0 - 100.000                   EUR 0,004
  100.001 - 1.000.000           EUR 0,003
  over 1.000.000                EUR 0,002

  Billed monthly in arrears.

  Standard support              EUR 300,00 per month, monthly in advance

All prices in EUR plus VAT.
Vektor Geodaten GmbH, Kiel - T. Hansen
"""

F5_16 = contract(
    name="Ostsee Logistik GmbH",
    email="rechnungen@ostsee-logistik.test",
    currency="EUR",
    terms=30,
    start="2027-05-01",
    end="2028-05-01",
    lines=[
        line(
            "volume",
            metric="requests",
            tiers=[
                {"up_to": "100000", "unit_price": "0.004"},
                {"up_to": "1000000", "unit_price": "0.003"},
                {"up_to": None, "unit_price": "0.002"},
            ],
        ),
        line("flat", amount="300.00"),
    ],
)

F5_17_TEXT = """Subject: SOW signed - Sunfield Solar data platform
From: Nadia Park <nadia@cobaltridge.test>
To: ap@sunfieldsolar.test

Hello Sunfield team,

Attached is the countersigned Statement of Work between Cobalt Ridge Consulting LLC and
Sunfield Solar Inc. Work begins March 1, 2027. Fees are fixed and billed per milestone:

1. Project kickoff and plan - $12,000.00 - due March 1, 2027
2. Data model and design sign-off - $18,000.00 - due April 15, 2027
3. Production deployment - $20,000.00 - due June 30, 2027

Each invoice is payable within 30 days (USD). Please send any PO numbers to this address.

Best regards,
Nadia Park
Engagement Manager, Cobalt Ridge Consulting LLC
"""

F5_17 = contract(
    name="Sunfield Solar Inc.",
    email="ap@sunfieldsolar.test",
    currency="USD",
    terms=30,
    start="2027-03-01",
    lines=[
        line(
            "milestone",
            milestones=[
                {"name": "Project kickoff and plan", "amount": "12000.00", "due_date": "2027-03-01"},
                {"name": "Data model and design sign-off", "amount": "18000.00", "due_date": "2027-04-15"},
                {"name": "Production deployment", "amount": "20000.00", "due_date": "2027-06-30"},
            ],
        )
    ],
)

F5_18_TEXT = """## Relaypoint Messaging - Usage Pricing Schedule

Customer: **Granite Peak Insurance Co.**
Billing e-mail: ap@granitepeak.test
Term: July 1, 2027 through June 30, 2028
Time zone for usage periods: America/Chicago

### Outbound SMS (graduated)

Each tier's rate applies to the messages within that tier each month; usage is billed monthly in arrears.

- First 100,000 messages: $0.0075 each
- Next 400,000 messages (100,001-500,000): $0.0060 each
- Above 500,000 messages: $0.0045 each

### Minimum commitment

Customer commits to a minimum spend of $60,000 per contract year on messaging usage. Any
shortfall is invoiced at the end of the contract year.

Payment terms: net 30. All amounts in USD.
"""

F5_18 = contract(
    name="Granite Peak Insurance Co.",
    email="ap@granitepeak.test",
    currency="USD",
    tz="America/Chicago",
    terms=30,
    start="2027-07-01",
    end="2028-07-01",
    commitment={"amount": "60000.00", "period": "year"},
    lines=[
        line(
            "graduated",
            metric="sms",
            tiers=[
                {"up_to": "100000", "unit_price": "0.0075"},
                {"up_to": "500000", "unit_price": "0.0060"},
                {"up_to": None, "unit_price": "0.0045"},
            ],
        )
    ],
)


def _text(value: str) -> Any:
    return lambda: value.encode("utf-8")


DOCS: list[tuple[str, str, Any, dict[str, Any]]] = [
    ("f5_01_saas_order_form_usd", "pdf", _f5_01, F5_01),
    ("f5_02_eur_graduated_price_schedule", "pdf", _f5_02, F5_02),
    ("f5_03_gbp_sow_milestones", "pdf", _f5_03, F5_03),
    ("f5_04_cad_cpq_signed_quote", "pdf", _f5_04, F5_04),
    ("f5_05_aud_pricing_exhibit_volume", "pdf", _f5_05, F5_05),
    ("f5_06_chf_renewal_letter", "pdf", _f5_06, F5_06),
    ("f5_07_amendment_add_seats", "docx", _f5_07, F5_07),
    ("f5_08_jpy_reseller_order", "docx", _f5_08, F5_08),
    ("f5_09_inr_professional_services", "docx", _f5_09, F5_09),
    ("f5_10_eur_package_prepaid_credit", "docx", _f5_10, F5_10),
    ("f5_11_usd_merchant_percentage", "docx", _f5_11, F5_11),
    ("f5_12_gbp_quarterly_order_schedule", "docx", _f5_12, F5_12),
    ("f5_13_email_deal_confirmation", "txt", _text(F5_13_TEXT), F5_13),
    ("f5_14_markdown_order_form_cad", "txt", _text(F5_14_TEXT), F5_14),
    ("f5_15_aud_renewal_letter", "txt", _text(F5_15_TEXT), F5_15),
    ("f5_16_eur_volume_quote_table", "txt", _text(F5_16_TEXT), F5_16),
    ("f5_17_email_sow_milestones", "txt", _text(F5_17_TEXT), F5_17),
    ("f5_18_markdown_usage_commitment", "txt", _text(F5_18_TEXT), F5_18),
]


def main(force: bool = False) -> None:
    FOLDER.mkdir(exist_ok=True)
    for stem, ext, produce, expected in DOCS:
        (FOLDER / f"{stem}.expected.json").write_text(
            json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        target = FOLDER / f"{stem}.{ext}"
        if force or not target.exists():
            target.write_bytes(produce())


if __name__ == "__main__":
    main(force="--force" in sys.argv[1:])
