"""Blind measurement batch FINAL2: twenty contract documents written, with the contracts a billing admin
would enter, WITHOUT reading or running the extractor (only scoring.py and the corpus conventions were
read). Seven PDFs (Chromium print-to-PDF of hand-written HTML with and without CSS borders, LibreOffice
conversion of a DOCX, a reportlab canvas drawing text at positions, the make_corpus reportlab and HTML
engines, reportlab tables without rules), seven DOCX (python-docx built directly in different ways:
default-style tables without borders, tab-aligned paragraphs, lists, merged header rows, totals rows,
headers and footers, a LibreOffice HTML-to-DOCX conversion) and six text files (e-mails, Markdown,
fixed-width ERP output, legal prose).

The files come from several external producers, so this module renders its own batch instead of
make_corpus (which does not list it and so never rewrites these files):
``python -m tests.contracts.documents.corpus_batch_final2`` writes every expected JSON and writes a
document file only when it is missing (``--force`` rewrites them all).
"""

# ruff: noqa: E501  (hand-written HTML documents keep their own line lengths)
from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path
from typing import Any

from tests.contracts.documents.corpus_dev import contract, line
from tests.contracts.documents.external_tools import chromium_pdf, docx_bytes, html_page, soffice_convert

HERE = Path(__file__).resolve().parent
FOLDER = HERE / "batch_final2"


# --------------------------------------------------------------------------------------------- producers


# --------------------------------------------------------------------------------------------- f2_01


def _f2_01() -> bytes:
    css = (
        "body{font-family:Arial,Helvetica,sans-serif;font-size:10pt;margin:36px}"
        "table{border-collapse:collapse;width:100%;margin:10px 0}"
        "td,th{border:1px solid #999;padding:4px 6px;vertical-align:top}"
        "th{background:#e8eef5;text-align:left}.num{text-align:right}.hdr td{border:none;padding:2px 4px}"
        ".small{font-size:8pt;color:#555}"
    )
    body = """
<table class='hdr'><tr><td><b>Corvane Health Systems, Inc.</b><br>500 Lake Shore Dr, Suite 1200<br>Chicago, IL 60611</td>
<td style='text-align:right'><b>ORDER FORM</b><br>Quote No. Q-2027-04418<br>Prepared: 12/14/2026<br>Valid until: 01/15/2027</td></tr></table>
<table>
<tr><th colspan='2'>Bill To</th><th colspan='2'>Ship To / Primary Contact</th></tr>
<tr><td>Company</td><td>Larkspur Dental Group, Inc.</td><td>Contact</td><td>Renee Oduya, Practice Administrator</td></tr>
<tr><td>Address</td><td>88 Willow Bend Rd, Madison, WI 53711</td><td>Email</td><td>renee.oduya@larkspurdental.test</td></tr>
<tr><td>AP Email</td><td>ap@larkspurdental.test</td><td>Phone</td><td>(608) 555-0142</td></tr>
</table>
<table>
<tr><th>Subscription Start Date</th><th>Subscription End Date</th><th>Billing Frequency</th><th>Payment Terms</th></tr>
<tr><td>02/01/2027</td><td>01/31/2028</td><td>Annual in advance</td><td>Net 45</td></tr>
</table>
<table>
<tr><th>Product</th><th>Description</th><th class='num'>Qty</th><th class='num'>List Price</th><th class='num'>Disc.</th><th class='num'>Net Price</th><th class='num'>Extended (USD)</th></tr>
<tr><td>PC-PRO-U</td><td>Practice Cloud Professional &ndash; named user, annual</td><td class='num'>40</td><td class='num'>$720.00</td><td class='num'>15%</td><td class='num'>$612.00</td><td class='num'>$24,480.00</td></tr>
<tr><td>IMG-STOR-2T</td><td>Imaging archive storage, 2 TB block, annual</td><td class='num'>1</td><td class='num'>$3,000.00</td><td class='num'>0%</td><td class='num'>$3,000.00</td><td class='num'>$3,000.00</td></tr>
<tr><td>PS-IMPL</td><td>Implementation &amp; data conversion (one-time)</td><td class='num'>1</td><td class='num'>$7,500.00</td><td class='num'>0%</td><td class='num'>$7,500.00</td><td class='num'>$7,500.00</td></tr>
<tr><td colspan='6' class='num'><b>Annual recurring total</b></td><td class='num'><b>$27,480.00</b></td></tr>
<tr><td colspan='6' class='num'><b>One-time total</b></td><td class='num'><b>$7,500.00</b></td></tr>
<tr><td colspan='6' class='num'><b>First invoice total</b></td><td class='num'><b>$34,980.00</b></td></tr>
</table>
<p>Implementation fees are invoiced on the Subscription Start Date. All prices in US dollars, exclusive of applicable taxes.
This Order Form does not renew automatically; any renewal requires a new Order Form.</p>
<p class='small'>This Order Form is governed by the Corvane Master Subscription Agreement at corvane.test/msa. Late payments accrue
interest at 1.0% per month. Corvane's aggregate liability is capped at the fees paid in the twelve months preceding the claim.</p>
<table class='hdr'><tr><td>Accepted by Customer:<br>Name: ____________<br>Date: ____________</td>
<td>Corvane Health Systems, Inc.<br>Name: Malik Haddad, Regional Sales Director</td></tr></table>
"""
    return chromium_pdf(html_page(body, css))


F2_01 = contract(
    name="Larkspur Dental Group, Inc.", email="ap@larkspurdental.test", currency="USD", terms=45,
    start="2027-02-01", end="2028-02-01",
    lines=[
        line("per_seat", unit_price="612.00", seats="40", billing_interval="year"),
        line("flat", amount="3000.00", billing_interval="year"),
        line("one_time", amount="7500.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f2_02


def _f2_02() -> bytes:
    css = (
        "body{font-family:'DejaVu Serif',Georgia,serif;font-size:10.5pt;margin:48px}"
        "table{border-collapse:collapse;margin:8px 0 14px 0}td,th{padding:3px 18px 3px 0;text-align:left}"
        "th{font-weight:bold;border-bottom:1px solid #000}.r{text-align:right}"
        "h1{font-size:15pt}h2{font-size:11.5pt;margin-top:18px}sup{font-size:7pt}"
        ".foot{font-size:8pt;border-top:1px solid #aaa;margin-top:24px;padding-top:4px}"
    )
    body = """
<h1>Annex B &ndash; Pricing Schedule</h1>
<p>to the Platform Services Agreement dated 14.01.2027 between <b>Parcelis B.V.</b>, Keizersgracht 221, 1016 DV Amsterdam
(&ldquo;Parcelis&rdquo;) and <b>Vogelsang Logistik GmbH</b>, Hafenstra&szlig;e 12, 28217 Bremen (&ldquo;Customer&rdquo;).</p>
<table>
<tr><td>Commencement of services</td><td>01.03.2027</td></tr>
<tr><td>Minimum term</td><td>24 months</td></tr>
<tr><td>Invoice address (e-mail)</td><td>rechnungen@vogelsang-logistik.test</td></tr>
<tr><td>Currency</td><td>Euro (EUR)</td></tr>
<tr><td>Payment</td><td>30 days from date of invoice, without deduction</td></tr>
</table>
<h2>1. Platform fee</h2>
<p>Base platform fee: &euro; 1.250,00 per month, invoiced monthly in advance.</p>
<h2>2. Tracking events<sup>1</sup></h2>
<p>Tracking events are charged per calendar month on a graduated basis: the price of each band applies only to the
events that fall within that band.</p>
<table>
<tr><th>Band</th><th>Events per month</th><th class='r'>Price per event</th></tr>
<tr><td>A</td><td>1 &ndash; 250.000</td><td class='r'>&euro; 0,0040</td></tr>
<tr><td>B</td><td>250.001 &ndash; 2.000.000</td><td class='r'>&euro; 0,0025</td></tr>
<tr><td>C</td><td>above 2.000.000</td><td class='r'>&euro; 0,0012</td></tr>
</table>
<p>Example<sup>2</sup>: 400.000 events in a month cost 250.000 &times; &euro; 0,0040 + 150.000 &times; &euro; 0,0025 = &euro; 1.375,00.</p>
<p>Tracking events are invoiced monthly in arrears.</p>
<div class='foot'><sup>1</sup> An event is one status update received from a carrier and delivered to the Customer.<br>
<sup>2</sup> For illustration only.<br>All prices exclude VAT. Reverse charge applies.</div>
"""
    return chromium_pdf(html_page(body, css))


F2_02 = contract(
    name="Vogelsang Logistik GmbH", email="rechnungen@vogelsang-logistik.test", currency="EUR", terms=30,
    start="2027-03-01", end="2029-03-01",
    lines=[
        line("flat", amount="1250.00"),
        line("graduated", metric="events", tiers=[
            {"up_to": "250000", "unit_price": "0.0040"},
            {"up_to": "2000000", "unit_price": "0.0025"},
            {"up_to": None, "unit_price": "0.0012"},
        ]),
    ],
)

# --------------------------------------------------------------------------------------------- f2_03


def _f2_03_docx() -> Any:
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Halcyon Data Consulting Inc. | SOW-NCU-0031 | Confidential"
    d.add_heading("Statement of Work No. 3", level=1)
    d.add_paragraph(
        "This Statement of Work (\"SOW\") is entered into under the Professional Services Agreement dated "
        "September 2, 2025 between Halcyon Data Consulting Inc. (\"Halcyon\") and Northgate Credit Union "
        "(\"Client\"), and describes the Member Data Platform modernization project."
    )
    d.add_heading("1. Project start", level=2)
    d.add_paragraph("Work under this SOW begins on January 11, 2027 (the \"SOW Start Date\").")
    d.add_heading("2. Fixed-fee milestones", level=2)
    d.add_paragraph(
        "The fixed fee for the scope in Section 4 is CAD 84,000, payable in the milestone instalments below. "
        "Each instalment is invoiced when Client accepts the milestone, and no later than the target date."
    )
    rows = [
        ("#", "Milestone", "Target date", "% of fee", "Amount (CAD)"),
        ("M1", "Discovery and target architecture accepted", "2027-02-26", "21.4%", "18,000.00"),
        ("M2", "Build complete; data pipelines in staging", "2027-05-14", "50.0%", "42,000.00"),
        ("M3", "User acceptance testing sign-off", "2027-06-30", "28.6%", "24,000.00"),
        ("", "Total fixed fee", "", "100%", "84,000.00"),
    ]
    table = d.add_table(rows=len(rows), cols=5)
    table.style = "Light Grid Accent 1"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_heading("3. Change requests", level=2)
    d.add_paragraph(
        "Work outside the scope of Section 4, approved through a written change request, is performed on a "
        "time-and-materials basis at CAD 185.00 per hour, invoiced monthly in arrears based on timesheets."
    )
    d.add_paragraph(
        "Reasonable travel expenses are reimbursed at cost. Halcyon's estimate of travel for this SOW is "
        "CAD 6,500; this estimate is not a fee."
    )
    d.add_heading("4. Scope", level=2)
    for item in ("Assessment of the current member data warehouse", "Design of the target lakehouse architecture",
                 "Migration of 14 source systems", "Training for up to 12 Client analysts"):
        d.add_paragraph(item, style="List Bullet")
    d.add_heading("5. Invoicing and payment", level=2)
    d.add_paragraph(
        "Invoices are issued in Canadian dollars to accountspayable@northgatecu.test and are payable within "
        "thirty (30) days of receipt. Amounts are exclusive of GST/HST."
    )
    d.add_paragraph("Signed for Northgate Credit Union: Priya Raman, CIO        Signed for Halcyon: Owen Barrett, Principal")
    return d


def _f2_03() -> bytes:
    return soffice_convert(docx_bytes(_f2_03_docx()), ".docx", "pdf")


F2_03 = contract(
    name="Northgate Credit Union", email="accountspayable@northgatecu.test", currency="CAD", terms=30,
    start="2027-01-11",
    lines=[
        line("milestone", milestones=[
            {"name": "Discovery and target architecture accepted", "amount": "18000.00", "due_date": "2027-02-26"},
            {"name": "Build complete", "amount": "42000.00", "due_date": "2027-05-14"},
            {"name": "User acceptance testing sign-off", "amount": "24000.00", "due_date": "2027-06-30"},
        ]),
        line("per_unit", metric="hours", unit_price="185.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f2_04


def _f2_04() -> bytes:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    c.setTitle("Private Offer")
    width, height = letter
    y = height - 60
    c.setFont("Helvetica-Bold", 15)
    c.drawString(54, y, "Private Offer Acceptance Summary")
    c.setFont("Helvetica", 8)
    c.drawRightString(width - 54, y, "Offer ID: offer-7hq2kd93mzx0a")
    y -= 30
    fields = [
        ("Seller of record", "Quillfeather Analytics, Inc."),
        ("Buyer", "Meridian Outdoor Brands Corp."),
        ("Buyer billing contact", "cloud-ap@meridianoutdoor.test"),
        ("Listing", "Quillfeather Insight Engine (SaaS contract + usage)"),
        ("Contract start", "Mar 15, 2027"),
        ("Contract duration", "12 months"),
        ("Payment terms", "Net 30 via marketplace invoice"),
    ]
    c.setFont("Helvetica", 10)
    for label, value in fields:
        c.setFont("Helvetica-Bold", 10)
        c.drawString(54, y, label)
        c.setFont("Helvetica", 10)
        c.drawString(220, y, value)
        y -= 16
    y -= 14
    c.setFont("Helvetica-Bold", 11)
    c.drawString(54, y, "Pricing")
    y -= 18
    c.setFont("Helvetica-Bold", 9)
    for x, text in ((54, "Dimension"), (250, "Type"), (360, "Price (USD)"), (470, "Billing")):
        c.drawString(x, y, text)
    y -= 14
    c.setFont("Helvetica", 9)
    rows = [
        ("Enterprise tier - 12 month entitlement", "Contract", "$96,000.00 upfront", "Annual, in advance"),
        ("Additional queries", "Usage", "$0.85 per 1,000 queries", "Monthly, in arrears"),
    ]
    for row in rows:
        for x, text in zip((54, 250, 360, 470), row, strict=True):
            c.drawString(x, y, text)
        y -= 14
    y -= 16
    text = c.beginText(54, y)
    text.setFont("Helvetica", 9)
    for sentence in (
        "The upfront charge is billed by the marketplace on acceptance of this offer. Additional queries are",
        "queries above the 25,000,000 queries included in the Enterprise tier in each month.",
        "Pricing is shown in US dollars. Taxes are calculated by the marketplace.",
        "This offer expires if not accepted by Mar 10, 2027. Standard Contract for SaaS applies.",
    ):
        text.textLine(sentence)
    c.drawText(text)
    c.setFont("Helvetica", 7)
    c.drawString(54, 30, "Generated by the marketplace console. Page 1 of 1.")
    c.showPage()
    c.save()
    return buffer.getvalue()


F2_04 = contract(
    name="Meridian Outdoor Brands Corp.", email="cloud-ap@meridianoutdoor.test", currency="USD", terms=30,
    start="2027-03-15", end="2028-03-15",
    lines=[
        line("flat", amount="96000.00", billing_interval="year"),
        line("package", metric="queries", package_size="1000", package_price="0.85", free_units="25000000"),
    ],
)

# --------------------------------------------------------------------------------------------- f2_05

F2_05_BLOCKS: list[tuple[Any, ...]] = [
    ("h", "ORDER SCHEDULE 3 TO THE MASTER SERVICES AGREEMENT"),
    ("p", "Between Keyholder Software Limited (company no. 08812345), 3 Quay Street, Bristol BS1 4DB (the "
          "\"Supplier\") and Harrowgate Housing Association (registered society no. 29014R), 41 Mill Lane, Leeds "
          "LS2 7HJ (the \"Customer\")."),
    ("h", "1. Interpretation"),
    ("p", "1.1 Capitalised terms have the meaning given in the Master Services Agreement dated 3 November 2025 (the "
          "\"MSA\"). If this Order Schedule conflicts with the MSA, this Order Schedule prevails."),
    ("p", "1.2 \"Active User\" means a tenant account that has logged in to the Tenant Portal at least once in the "
          "relevant calendar month."),
    ("h", "2. Term"),
    ("p", "2.1 This Order Schedule commences on 1 April 2027 (the \"Schedule Commencement Date\") and continues for "
          "an initial period of thirty-six (36) months. Thereafter it shall terminate unless extended by a further "
          "Order Schedule signed by both parties."),
    ("h", "3. Charges"),
    ("p", "3.1 Tenant Portal licences are charged on the number of Active Users in each calendar month. The total "
          "number of Active Users determines the band, and the band's rate applies to every Active User in that "
          "month:"),
    ("t", [["Band", "Active Users in the month", "Rate per Active User per month"],
           ["1", "1 to 500", "£4.00"],
           ["2", "501 to 2,000", "£3.25"],
           ["3", "2,001 or more", "£2.60"]]),
    ("p", "3.2 Licence charges under clause 3.1 are invoiced monthly in arrears."),
    ("p", "3.3 Enhanced Support (8x5 UK business hours, 4-hour P1 response) is charged at £9,600.00 per annum, "
          "invoiced quarterly in advance in equal instalments."),
    ("pb",),
    ("p", "3.4 Onboarding workshops requested after go-live may be ordered at £850 per day under a separate "
          "change note; none are ordered under this Order Schedule."),
    ("h", "4. Payment"),
    ("p", "4.1 The Customer shall pay each valid invoice within 30 days of receipt. Invoices shall be sent to "
          "finance.payables@harrowgateha.test."),
    ("p", "4.2 Interest on late payment accrues at 4% per annum above the Bank of England base rate."),
    ("p", "4.3 All charges are exclusive of VAT, which is payable in addition at the prevailing rate."),
    ("h", "5. Liability"),
    ("p", "5.1 The Supplier's total liability under this Order Schedule in each Contract Year shall not exceed "
          "£250,000 or, if greater, 125% of the Charges paid in that Contract Year."),
    ("h", "6. Signatures"),
    ("p", "Signed for and on behalf of Keyholder Software Limited: A. Whitcombe, Managing Director"),
    ("p", "Signed for and on behalf of Harrowgate Housing Association: J. Osei, Director of Resources"),
]

F2_05 = contract(
    name="Harrowgate Housing Association", email="finance.payables@harrowgateha.test", currency="GBP", terms=30,
    start="2027-04-01", end="2030-04-01",
    lines=[
        line("volume", metric="active_users", tiers=[
            {"up_to": "500", "unit_price": "4.00"},
            {"up_to": "2000", "unit_price": "3.25"},
            {"up_to": None, "unit_price": "2.60"},
        ]),
        line("flat", amount="2400.00", billing_interval_count=3),
    ],
)

# --------------------------------------------------------------------------------------------- f2_06

F2_06_BLOCKS: list[tuple[Any, ...]] = [
    ("p", "Datenwerk Solutions AG · Bahnhofstrasse 44 · 8001 Zürich"),
    ("p", "Alpenrose Versicherungen AG"),
    ("p", "Frau Claudia Imhof, Leiterin Einkauf"),
    ("p", "Seilerstrasse 9, 3011 Bern"),
    ("p", "Zürich, 28. April 2027"),
    ("h", "Renewal of your ClaimsVision licence"),
    ("p", "Dear Ms Imhof,"),
    ("p", "Thank you for another year of partnership. Your current ClaimsVision licence period ends on 30 June 2027. "
          "We are pleased to confirm the renewal for the period from 1 July 2027 to 30 June 2028 on the terms "
          "below."),
    ("t", [["Item", "2026/27", "2027/28"],
           ["ClaimsVision Enterprise licence (annual)", "CHF 45'000.00", "CHF 48'000.00"],
           ["Premium Support (annual)", "CHF 6'000.00", "CHF 6'000.00"],
           ["Total per year", "CHF 51'000.00", "CHF 54'000.00"]]),
    ("p", "The increase of the licence fee reflects the indexation clause (Swiss CPI) of the agreement and the new "
          "document-classification module, which is included from 1 July 2027 at no extra charge."),
    ("p", "Both items are invoiced annually in advance at the start of the licence period. As before, invoices are "
          "sent to kreditoren@alpenrose-versicherungen.test and are payable within 30 days net. All amounts are "
          "in Swiss francs and exclude VAT (8.1%)."),
    ("p", "If you have any questions, please contact me directly."),
    ("p", "Kind regards,"),
    ("p", "Lukas Brändli, Key Account Manager, Datenwerk Solutions AG"),
]

F2_06 = contract(
    name="Alpenrose Versicherungen AG", email="kreditoren@alpenrose-versicherungen.test", currency="CHF", terms=30,
    start="2027-07-01", end="2028-07-01",
    lines=[
        line("flat", amount="48000.00", billing_interval="year"),
        line("flat", amount="6000.00", billing_interval="year"),
    ],
)

# --------------------------------------------------------------------------------------------- f2_07

F2_07_BLOCKS: list[tuple[Any, ...]] = [
    ("h", "Quotation No. TKM-27-0193"),
    ("p", "Issued by: Hoshizora Maps Co., Ltd., Shibuya-ku, Tokyo"),
    ("p", "Customer: Kitsune Mobility K.K."),
    ("p", "Billing contact: keiri@kitsune-mobility.test"),
    ("p", "Service period: 2027/04/01 – 2028/03/31 (12 months)"),
    ("p", "Currency: Japanese Yen (JPY). Consumption tax (10%) is added to each invoice."),
    ("h", "Usage charges (billed monthly in arrears)"),
    ("tb", [["API", "Unit", "Unit price (JPY)"],
            ["Map tile requests", "per request", "¥0.30"],
            ["Routing requests", "per request", "¥2.00"],
            ["Geocoding requests", "per request", "¥0.50"]]),
    ("p", "Minimum monthly commitment: ¥1,200,000 across all usage charges above. If the usage charges for a month "
          "are below the commitment, the difference is invoiced as a shortfall."),
    ("p", "Reference: at 2,000,000 routing requests per month, the routing charge would be ¥4,000,000."),
    ("p", "Payment: by bank transfer within 30 days of the invoice date."),
    ("p", "This quotation is valid for 30 days from 2027/03/02."),
]

F2_07 = contract(
    name="Kitsune Mobility K.K.", email="keiri@kitsune-mobility.test", currency="JPY", terms=30,
    start="2027-04-01", end="2028-04-01", commitment={"amount": "1200000", "period": "billing_period"},
    lines=[
        line("per_unit", metric="map_tile_requests", unit_price="0.30"),
        line("per_unit", metric="routing_requests", unit_price="2.00"),
        line("per_unit", metric="geocoding_requests", unit_price="0.50"),
    ],
)

# --------------------------------------------------------------------------------------------- f2_08


def _f2_08() -> bytes:
    import docx
    from docx.shared import Cm

    d = docx.Document()
    d.add_paragraph("KOALA KIDS SOFTWARE PTY LTD  ·  ABN 51 824 753 556")
    d.add_paragraph("QUOTE\tQ-AU-55817")
    p = d.add_paragraph()
    p.paragraph_format.tab_stops.add_tab_stop(Cm(5))
    p.add_run("Prepared for:\tBellbird Childcare Pty Ltd\n")
    p.add_run("Attention:\tSimone Kaur, Operations Manager\n")
    p.add_run("Accounts email:\taccounts@bellbirdchildcare.test\n")
    p.add_run("Go-live date:\t1 August 2027\n")
    p.add_run("Term:\t12 months from go-live\n")
    p.add_run("Payment terms:\t14 days from invoice")
    rows = [
        ("Item", "Qty", "Unit price (AUD ex GST)", "Frequency", "Line total"),
        ("Centre Manager licence", "18", "$49.00", "per month", "$882.00"),
        ("Educator app licence", "240", "$6.50", "per month", "$1,560.00"),
        ("Parent SMS notifications", "usage", "$0.08 per SMS", "monthly in arrears", "—"),
        ("Setup & data import", "1", "$1,950.00", "once-off", "$1,950.00"),
    ]
    table = d.add_table(rows=len(rows), cols=5)  # the default style: no borders
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph("Monthly total (ex GST): $2,442.00. GST of 10% is added to every invoice.")
    d.add_paragraph("Licences are billed monthly in advance. The setup fee is invoiced on acceptance of this "
                    "quote.")
    d.add_paragraph("Accepted for Bellbird Childcare Pty Ltd: ____________________   Date: __________")
    return docx_bytes(d)


F2_08 = contract(
    name="Bellbird Childcare Pty Ltd", email="accounts@bellbirdchildcare.test", currency="AUD", terms=14,
    start="2027-08-01", end="2028-08-01",
    lines=[
        line("per_seat", unit_price="49.00", seats="18"),
        line("per_seat", unit_price="6.50", seats="240"),
        line("per_unit", metric="sms", unit_price="0.08"),
        line("one_time", amount="1950.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f2_09

F2_09_BLOCKS: list[tuple[Any, ...]] = [
    ("h", "Amendment No. 2 to Order Form SO-44187"),
    ("p", "This Amendment is made between Shiftloom, Inc. (\"Shiftloom\") and Copperline Manufacturing Co. "
          "(\"Customer\") and amends the Order Form SO-44187 dated June 1, 2026, as amended by Amendment No. 1 "
          "(the \"Order Form\")."),
    ("p", "Amendment Effective Date: May 1, 2027"),
    ("tm", "Subscription changes from the Amendment Effective Date",
     [["Item", "Quantity before", "Quantity after", "Price", "Billing"],
      ["Workforce Scheduler - user", "120", "175", "$38.00 per user per month", "Monthly in advance"],
      ["Advanced Analytics add-on", "0", "1", "$1,500.00 per month", "Monthly in advance"]]),
    ("p", "1. The prices above replace the prices in the Order Form for the remainder of the subscription term; "
          "the previous user price of $41.00 no longer applies from the Amendment Effective Date."),
    ("p", "2. Charges for the additional 55 users for any part of a month are prorated."),
    ("p", "3. Invoices shall continue to be sent to payables@copperlinemfg.test and are due Net 30."),
    ("p", "4. Except as amended here, the Order Form remains in full force and effect."),
    ("t", [["Shiftloom, Inc.", "Copperline Manufacturing Co."],
           ["By: Dana Whitfield", "By: Marco Ruiz"],
           ["Title: Director, Revenue Operations", "Title: VP Operations"],
           ["Date: April 22, 2027", "Date: April 24, 2027"]]),
]

F2_09 = contract(
    name="Copperline Manufacturing Co.", email="payables@copperlinemfg.test", currency="USD", terms=30,
    start="2027-05-01",
    lines=[
        line("per_seat", unit_price="38.00", seats="175"),
        line("flat", amount="1500.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f2_10


def _f2_10() -> bytes:
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Norrsken Cloud AB — Orderbekräftelse / Order confirmation"
    d.sections[0].footer.paragraphs[0].text = "Norrsken Cloud AB · Org.nr 559123-4567 · Sveavägen 20, 111 57 Stockholm"
    d.add_heading("Order confirmation NC-2027-0042", level=1)
    d.add_paragraph("Customer: Fjällbacka Energi AB")
    d.add_paragraph("Customer reference: Henrik Lund, IT-chef")
    d.add_paragraph("Invoices (PDF by e-mail): faktura@fjallbacka-energi.test")
    d.add_paragraph("Start date: 2027-02-01")
    d.add_heading("What you have ordered", level=2)
    d.add_paragraph(
        "Compute credits: credits with a value of SEK 250 000 for a price of SEK 225 000 (10 % prepayment "
        "discount), invoiced in full on the start date.", style="List Bullet")
    d.add_paragraph("Platform fee: SEK 4 500 per month, invoiced monthly in advance.", style="List Bullet")
    d.add_heading("How credits are used", level=2)
    d.add_paragraph("Usage is drawn down from the credit balance at the list rates:")
    d.add_paragraph("GPU hours – SEK 28,50 per hour", style="List Number")
    d.add_paragraph("Object storage – SEK 0,22 per GB-month", style="List Number")
    d.add_paragraph(
        "Usage after the credit balance is exhausted is invoiced monthly in arrears at the same rates. Unused "
        "credits expire 12 months after the start date and are not refunded.")
    d.add_heading("Payment", level=2)
    d.add_paragraph("30 days net. Prices exclude VAT (moms 25 %). All amounts in Swedish kronor (SEK).")
    return docx_bytes(d)


F2_10 = contract(
    name="Fjällbacka Energi AB", email="faktura@fjallbacka-energi.test", currency="SEK", terms=30,
    start="2027-02-01",
    lines=[
        line("prepaid_credit", amount="250000.00", price="225000.00", expires_on="2028-02-01"),
        line("flat", amount="4500.00"),
        line("per_unit", metric="gpu_hours", unit_price="28.50"),
        line("per_unit", metric="gb_months", unit_price="0.22"),
    ],
)

# --------------------------------------------------------------------------------------------- f2_11


def _f2_11() -> bytes:
    html = """<!doctype html><html><head><meta charset='utf-8'></head><body>
<h2>TicketSpring Organizer Agreement &mdash; Commercial Terms</h2>
<p><b>Organizer:</b> Tidewater Events LLC<br><b>Organizer finance contact:</b> finance@tidewaterevents.test<br>
<b>Effective date:</b> June 1, 2027<br><b>Payment terms:</b> Net 15</p>
<p>TicketSpring, Inc. provides ticketing, check-in and payout services to the Organizer on the following fees:</p>
<table border='1' cellpadding='4'>
<tr><td><b>Fee</b></td><td><b>Amount</b></td><td><b>When charged</b></td></tr>
<tr><td>Service fee on paid tickets</td><td>2.4% of the ticket face value + $0.25 per ticket, capped at $15.00 per ticket</td><td>Monthly in arrears</td></tr>
<tr><td>Organizer Pro subscription</td><td>$499 / month</td><td>Monthly in advance</td></tr>
<tr><td>Free tickets</td><td>No charge</td><td>&mdash;</td></tr>
</table>
<p>Card processing costs are included in the service fee. Refunded tickets: the service fee is not returned.</p>
<p>Either party may terminate this Agreement on 60 days' written notice.</p>
</body></html>"""
    return soffice_convert(html.encode("utf-8"), ".html", "docx:MS Word 2007 XML")


F2_11 = contract(
    name="Tidewater Events LLC", email="finance@tidewaterevents.test", currency="USD", terms=15,
    start="2027-06-01",
    lines=[
        line("percentage", metric="transaction_amount", rate="2.4", fixed_fee="0.25", per_event_max="15.00"),
        line("flat", amount="499.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f2_12


def _f2_12() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Bon de commande / Order Form n° BC-2027-118", level=1)
    rows = [
        ("Fournisseur / Supplier", "Client / Customer"),
        ("Atelier Numérique SARL\n17 rue des Tanneurs, 69002 Lyon", "Maison Delaunay SAS\n4 place Bellecour, 69002 Lyon"),
        ("Contact : Julie Marchand", "Facturation : compta@maison-delaunay.test"),
    ]
    table = d.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph("")
    d.add_paragraph("Date de début / Start date : 15/09/2027")
    d.add_paragraph("Durée / Term : 36 mois / 36 months, sans reconduction tacite (no automatic renewal)")
    d.add_paragraph("Devise / Currency : EUR")
    prices = d.add_table(rows=5, cols=4)
    prices.style = "Table Grid"
    header = prices.rows[0].cells
    header[0].merge(header[3]).text = "Prix / Prices (HT)"
    values = [
        ("Désignation", "Quantité", "Prix unitaire", "Facturation"),
        ("Licence plateforme e-commerce", "1", "2 400,00 € / mois", "Mensuelle, terme à échoir (monthly in advance)"),
        ("Formation des équipes (jours)", "3", "1 150,00 € / jour", "Unique, à la commande (one-time)"),
        ("Total formation", "", "3 450,00 €", ""),
    ]
    for r, row in enumerate(values, start=1):
        for c, value in enumerate(row):
            prices.cell(r, c).text = value
    d.add_paragraph("")
    d.add_paragraph("Conditions de paiement / Payment terms : 45 jours à compter de la date de facture "
                    "(45 days from invoice date).")
    d.add_paragraph("Pénalités de retard : trois fois le taux d'intérêt légal ; indemnité forfaitaire de 40 € pour "
                    "frais de recouvrement.")
    d.add_paragraph("Bon pour accord, le client : Maison Delaunay SAS")
    return docx_bytes(d)


F2_12 = contract(
    name="Maison Delaunay SAS", email="compta@maison-delaunay.test", currency="EUR", terms=45,
    start="2027-09-15", end="2030-09-15",
    lines=[
        line("flat", amount="2400.00"),
        line("one_time", amount="3450.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f2_13


def _f2_13() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("Verity Signal Inc.  |  Service Order")
    d.add_paragraph("Customer: Greenhollow Subscription Boxes, Inc.")
    d.add_paragraph("Billing e-mail: billing@greenhollowboxes.test")
    d.add_paragraph("Service start: September 1, 2027. Month-to-month; renews automatically each month until "
                    "cancelled.")
    table = d.add_table(rows=6, cols=4)
    table.style = "Light List Accent 1"
    top = table.rows[0].cells
    top[0].merge(top[1]).text = "Service"
    top[2].merge(top[3]).text = "Pricing (USD)"
    for c, value in enumerate(("Product", "Detail", "Price", "Billed")):
        table.cell(1, c).text = value
    body = [
        ("Email verification", "Sold in packs of 5,000 verifications; a started pack is billed in full",
         "$30.00 per pack", "Monthly in arrears"),
        ("Dedicated sending IP", "1 IP address", "$95.00 per month", "Monthly in advance"),
        ("Deliverability consultation", "Optional, not ordered", "$250.00 per hour", "—"),
        ("Estimated monthly total", "At 40 packs per month", "$1,295.00", ""),
    ]
    for r, row in enumerate(body, start=2):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph("Payment: due upon receipt of invoice, by card or ACH.")
    return docx_bytes(d)


F2_13 = contract(
    name="Greenhollow Subscription Boxes, Inc.", email="billing@greenhollowboxes.test", currency="USD", terms=0,
    start="2027-09-01",
    lines=[
        line("package", metric="verifications", package_size="5000", package_price="30.00"),
        line("flat", amount="95.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f2_14


def _f2_14() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Enterprise Subscription Agreement – Order Details", level=1)
    kv = d.add_table(rows=0, cols=2)  # a key/value form in the default (borderless) style
    for label, value in (
        ("Customer", "Brightwater Health Partners, P.C."),
        ("Accounts payable", "ap@brightwaterhealth.test"),
        ("Agreement start", "March 17, 2027"),
        ("Initial term", "Twenty-four (24) months"),
        ("Customer time zone", "US Central Time"),
        ("Payment terms", "Net 60"),
    ):
        cells = kv.add_row().cells
        cells[0].text = label
        cells[1].text = value
    d.add_heading("Fees", level=2)
    d.add_paragraph(
        "(a) Care-coordination seats. Customer subscribes to 65 clinician seats at $119.00 per seat per month, "
        "billed monthly in advance.")
    d.add_paragraph(
        "(b) Patient messaging. Outbound patient messages are billed at $0.018 per message, monthly in arrears.")
    d.add_paragraph(
        "(c) Eligibility checks. Each real-time insurance eligibility check is billed at $0.35, monthly in arrears.")
    d.add_paragraph(
        "(d) Minimum annual commitment. Customer commits to fees of at least $120,000 in each contract year. Any "
        "shortfall is invoiced at the end of the contract year.")
    d.add_heading("Invoicing", level=2)
    d.add_paragraph(
        "All invoices are issued on the first day of each calendar month. The first invoice covers the partial "
        "month from the Agreement start and is prorated.")
    return docx_bytes(d)


F2_14 = contract(
    name="Brightwater Health Partners, P.C.", email="ap@brightwaterhealth.test", currency="USD", terms=60,
    tz="America/Chicago", start="2027-03-17", end="2029-03-17", alignment="calendar",
    commitment={"amount": "120000.00", "period": "year"},
    lines=[
        line("per_seat", unit_price="119.00", seats="65"),
        line("per_unit", metric="messages", unit_price="0.018"),
        line("per_unit", metric="eligibility_checks", unit_price="0.35"),
    ],
)

# --------------------------------------------------------------------------------------------- f2_15

F2_15_RAW = """From: Jonah Pike <jonah.pike@tillcraft.test>
To: Marisol Vega <marisol@ostarabakery.test>
Cc: books@ostarabakery.test
Date: Tue, 19 Oct 2027 16:02:11 -0700
Subject: RE: Tillcraft POS - pricing for Ostara Bakery Co.

Hi Marisol,

Great news, and thanks for the quick turnaround. Confirming what we agreed on the call
for Ostara Bakery Co.:

  * Tillcraft Pro: 12 users at $29 per user per month (the multi-location price),
    billed monthly in advance
  * Kitchen display + POS integration setup: $600, one-time, on the first invoice
  * Start date: November 1, 2027

It's month-to-month and renews automatically each month; you can cancel with 30 days'
notice. Invoices go to books@ostarabakery.test and are due on receipt (card on file).

I'll send the e-signature link tonight.

Best,
Jonah Pike
Account Executive | Tillcraft
(415) 555-0199

-----Original Message-----
From: Marisol Vega <marisol@ostarabakery.test>
Sent: Monday, October 18, 2027 9:41 AM
To: Jonah Pike <jonah.pike@tillcraft.test>
Subject: RE: Tillcraft POS - pricing for Ostara Bakery Co.

Jonah - your proposal from last week had 10 users at $32/user/month. We're opening
the third shop, so we'll need 12. Can you do better on price if we go to 12? Also,
can we start Nov 1?

Thanks,
Marisol
Ostara Bakery Co.
"""

F2_15 = contract(
    name="Ostara Bakery Co.", email="books@ostarabakery.test", currency="USD", terms=0,
    start="2027-11-01",
    lines=[
        line("per_seat", unit_price="29.00", seats="12"),
        line("one_time", amount="600.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f2_16

F2_16_RAW = """# Exhibit A — API Pricing

**Provider:** Lodestar Identity Ltd
**Customer:** Quayside Lettings Limited
**Invoice contact:** accounts@quaysidelettings.test
**Effective:** 2027-05-01 · **Term:** 12 months · **Payment:** net 30 days · **Currency:** GBP

## 1. Identity checks API

Calls are priced on a *graduated* basis each calendar month — each band's price applies only to the
calls within that band.

| Monthly calls              | Price per call |
|:---------------------------|---------------:|
| First 1,000,000            |       £0.0009  |
| 1,000,001 – 10,000,000     |       £0.0006  |
| Over 10,000,000            |       £0.0003  |

Billed monthly in arrears.

## 2. Support

Business Support plan: **£400.00 / month**, billed monthly in advance.

## 3. Notes

1. Prices exclude VAT.
2. Failed calls (HTTP 5xx) are not billable.
3. The Enterprise Support plan (£1,200 / month) is available on request and is *not* part of this Exhibit.

---
*Exhibit A to the Lodestar Data Services Agreement. Page 1 of 1.*
"""

F2_16 = contract(
    name="Quayside Lettings Limited", email="accounts@quaysidelettings.test", currency="GBP", terms=30,
    start="2027-05-01", end="2028-05-01",
    lines=[
        line("graduated", metric="calls", tiers=[
            {"up_to": "1000000", "unit_price": "0.0009"},
            {"up_to": "10000000", "unit_price": "0.0006"},
            {"up_to": None, "unit_price": "0.0003"},
        ]),
        line("flat", amount="400.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f2_17

F2_17_RAW = """\
MAPLEGRID SYSTEMS LTD.                                            SALES QUOTATION
1400-200 Burrard St, Vancouver BC V6C 3L6                        No.:    SQ-0078815
GST/HST Reg. 81234 5678 RT0001                                   Date:   2027-06-02
                                                                 Page:   1 of 1
SOLD TO:                                 BILL TO:
  Prairie Crest Co-operative Ltd.          Prairie Crest Co-operative Ltd.
  2210 Albert St                           Accounts Payable
  Regina SK S4P 2V2                        ap@prairiecrest.test

TERMS: NET 30          CURRENCY: CAD          SERVICE START: 2027-07-01          TERM: 24 MONTHS
========================================================================================
LN  ITEM NO.      DESCRIPTION                        QTY  UOM    UNIT PRICE     EXT. PRICE
--  ------------  ---------------------------------  ---  -----  -----------  ------------
 1  MG-ERP-USR    Maplegrid ERP named user            60  USR/Q       165.00      9,900.00
                  (55.00 per user per month, billed
                  quarterly in advance)
 2  MG-HOST-DED   Dedicated hosting, Canadian DC        1  QTR       2,100.00      2,100.00
                  (billed quarterly in advance)
 3  MG-SVC-SETUP  Environment setup (one-time)          1  EA        3,000.00      3,000.00
----------------------------------------------------------------------------------------
                                                        QUARTERLY RECURRING     12,000.00
                                                        ONE-TIME                 3,000.00
                                                        SUBTOTAL                15,000.00
                                                        GST 5%                     750.00
                                                        TOTAL FIRST INVOICE     15,750.00
========================================================================================
Quotation valid 30 days. Subject to Maplegrid Terms of Service v7.
"""

F2_17 = contract(
    name="Prairie Crest Co-operative Ltd.", email="ap@prairiecrest.test", currency="CAD", terms=30,
    start="2027-07-01", end="2029-07-01",
    lines=[
        line("per_seat", unit_price="165.00", seats="60", billing_interval_count=3),
        line("flat", amount="2100.00", billing_interval_count=3),
        line("one_time", amount="3000.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f2_18

F2_18_RAW = """CONTENT LICENCE AGREEMENT

THIS AGREEMENT is made on the 20th day of September 2027

BETWEEN

(1) EDITIONS LUMEN S.A., a company incorporated in Belgium whose registered office is at Rue Royale
    55, 1000 Brussels (the "Licensor"); and

(2) STREAMHALL MEDIA B.V., a company incorporated in the Netherlands whose registered office is at
    Weena 70, 3012 CM Rotterdam (the "Licensee").

IT IS AGREED as follows:

1. DEFINITIONS

1.1 "Effective Date" means 1 October 2027.

1.2 "Net Revenue" means all amounts received by the Licensee from end users for access to the
    Licensed Content, less VAT, refunds and app-store commissions.

2. TERM

2.1 This Agreement commences on the Effective Date and continues for a period of five (5) years
    unless terminated earlier in accordance with clause 9.

3. FEES

3.1 In consideration of the licence granted in clause 4, the Licensee shall pay the Licensor a
    one-off licence fee of fifteen thousand euros (EUR 15,000), payable within 45 days of the
    Effective Date.

3.2 In addition, the Licensee shall pay a royalty of eight per cent (8%) of Net Revenue in each
    calendar month, subject to a minimum royalty of two thousand euros (EUR 2,000) per calendar
    month. The Licensee shall report Net Revenue within ten (10) days after the end of each month
    and the Licensor shall invoice the royalty monthly in arrears.

3.3 By way of example only, Net Revenue of EUR 40,000 in a month gives a royalty of EUR 3,200.

4. PAYMENT

4.1 All invoices are payable within forty-five (45) days of the invoice date, in euros, to the
    account notified by the Licensor. Invoices shall be addressed to the Licensee's finance
    department at payables@streamhall.test.

4.2 Late payments bear interest at the statutory commercial rate.

5. LIMITATION OF LIABILITY

5.1 Neither party's aggregate liability shall exceed EUR 500,000.

SIGNED by the duly authorised representatives of the parties.
"""

F2_18 = contract(
    name="Streamhall Media B.V.", email="payables@streamhall.test", currency="EUR", terms=45,
    start="2027-10-01", end="2032-10-01",
    lines=[
        line("one_time", amount="15000.00"),
        line("percentage", metric="net_revenue", rate="8", minimum_amount="2000.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f2_19

F2_19_RAW = """Quote #Q-31877  |  Expires Oct 8, 2027
Prepared by Harbor & Pine CRM, Inc. for Rivermark Title & Escrow LLC

Contact
  Nadia Flores, Controller
  nadia.flores@rivermarktitle.test

Purchase summary
  Sales Suite Professional ........ 25 seats x $1,200.00/seat/yr  (10% discount)  = $27,000.00/yr
  Automation Hub (account-wide) ............................................. $9,600.00/yr
  Guided onboarding (one time) .............................................. $3,000.00

  Subtotal, first year ...................................................... $39,600.00

Billing
  Billed annually in advance, starting Oct 15, 2027
  Contract length: 36 months (Oct 15, 2027 - Oct 14, 2030)
  Payment terms: Net 60
  Invoices emailed to the contact above

Purchase terms
  Prices are fixed for the contract length. Taxes not included. Onboarding must be used within
  90 days of the start date. Signed via e-signature on the date shown in the signature block.
"""

F2_19 = contract(
    name="Rivermark Title & Escrow LLC", email="nadia.flores@rivermarktitle.test", currency="USD", terms=60,
    start="2027-10-15", end="2030-10-15",
    lines=[
        line("per_seat", unit_price="1080.00", seats="25", billing_interval="year"),
        line("flat", amount="9600.00", billing_interval="year"),
        line("one_time", amount="3000.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f2_20

F2_20_RAW = """Hej Sofie,

tak for en god snak i går. As promised, here is a written confirmation of the plan for
Nordlys Apotek ApS (CVR 41 22 87 60):

PLAN            Business Messaging
START           01.06.2027
BINDING         none - cancel with one month's notice
CURRENCY        EUR

What is included
- Monthly plan fee: EUR 290,00, invoiced monthly in advance. The plan includes 50.000 SMS
  per month.
- SMS above the 50.000 included: EUR 0,045 per SMS, invoiced monthly in arrears.
- Virtual numbers: 12 numbers at EUR 2,50 per number per month (in advance).

Invoices will be sent to bogholderi@nordlysapotek.test. Payment: net 8 days.

Venlig hilsen / Best regards
Mikkel Holm
Signalbro ApS, Aarhus
"""

F2_20 = contract(
    name="Nordlys Apotek ApS", email="bogholderi@nordlysapotek.test", currency="EUR", terms=8,
    start="2027-06-01",
    lines=[
        line("flat", amount="290.00"),
        line("per_unit", metric="sms", unit_price="0.045", included_units="50000"),
        line("per_seat", unit_price="2.50", seats="12"),
    ],
)

# --------------------------------------------------------------------------------------------- the batch


def _blocks(blocks: list[tuple[Any, ...]], **kw: Any) -> Any:
    def produce() -> bytes:
        from tests.contracts.documents.make_corpus import render_docx, render_pdf

        doc = {"blocks": blocks, **{k: v for k, v in kw.items() if k != "kind"}}
        if kw.get("kind") == "docx":
            return render_docx(blocks, doc)
        return render_pdf(blocks, doc, rules=kw.get("rules", True))

    return produce


def _raw(text: str) -> Any:
    return lambda: text.encode("utf-8")


# (stem, format, producer description, producer, expected)
BATCH: list[tuple[str, str, str, Any, dict[str, Any]]] = [
    ("f2_01_cpq_order_form_discounts", "pdf", "chromium print-to-pdf, bordered CSS tables", _f2_01, F2_01),
    ("f2_02_eur_graduated_annex", "pdf", "chromium print-to-pdf, borderless CSS tables", _f2_02, F2_02),
    ("f2_03_cad_sow_milestones", "pdf", "python-docx converted by LibreOffice", _f2_03, F2_03),
    ("f2_04_marketplace_private_offer", "pdf", "reportlab canvas, text at positions", _f2_04, F2_04),
    ("f2_05_gbp_order_schedule_volume", "pdf", "make_corpus reportlab, header/footer, two pages",
     _blocks(F2_05_BLOCKS, header="Keyholder Software Limited - Order Schedule 3 - Harrowgate Housing Association",
             footer="Commercial in confidence - Page {page} of 2"), F2_05),
    ("f2_06_chf_renewal_letter", "pdf", "make_corpus html engine (xhtml2pdf)", _blocks(F2_06_BLOCKS, engine="html"),
     F2_06),
    ("f2_07_jpy_usage_quote_commitment", "pdf", "make_corpus reportlab, tables without rules",
     _blocks(F2_07_BLOCKS, rules=False), F2_07),
    ("f2_08_aud_quote_borderless_table", "docx", "python-docx, default table style, tab paragraphs", _f2_08, F2_08),
    ("f2_09_amendment_seat_change", "docx", "make_corpus docx, merged title row", _blocks(F2_09_BLOCKS, kind="docx"),
     F2_09),
    ("f2_10_sek_prepaid_credits", "docx", "python-docx, header/footer, bullet and numbered lists", _f2_10, F2_10),
    ("f2_11_ticketing_percentage_fee", "docx", "HTML converted to DOCX by LibreOffice", _f2_11, F2_11),
    ("f2_12_eur_bon_de_commande", "docx", "python-docx, merged header row, totals row, French formats", _f2_12,
     F2_12),
    ("f2_13_package_pricing_month_to_month", "docx", "python-docx, two-level merged header", _f2_13, F2_13),
    ("f2_14_calendar_aligned_commitment", "docx", "python-docx, borderless key/value table, lettered clauses",
     _f2_14, F2_14),
    ("f2_15_email_thread_confirmation", "text", "e-mail thread with a quoted earlier proposal", _raw(F2_15_RAW),
     F2_15),
    ("f2_16_markdown_api_exhibit", "text", "Markdown export", _raw(F2_16_RAW), F2_16),
    ("f2_17_fixed_width_erp_quote", "text", "fixed-width ERP print", _raw(F2_17_RAW), F2_17),
    ("f2_18_licence_royalty_legal", "text", "legal prose, amounts in words and figures", _raw(F2_18_RAW), F2_18),
    ("f2_19_crm_quote_dot_leaders", "text", "CRM quote with dot leaders", _raw(F2_19_RAW), F2_19),
    ("f2_20_danish_sms_email", "text", "e-mail, European number and date formats", _raw(F2_20_RAW), F2_20),
]

SUFFIX = {"pdf": ".pdf", "docx": ".docx", "text": ".txt"}

DOCS: list[dict[str, Any]] = [
    {"name": stem, "format": fmt, "producer": producer, "expected": expected}
    for stem, fmt, producer, _, expected in BATCH
]


def main(force: bool = False) -> None:
    FOLDER.mkdir(exist_ok=True)
    for stem, fmt, _, produce, expected in BATCH:
        path = FOLDER / f"{stem}{SUFFIX[fmt]}"
        if force or not path.exists():
            path.write_bytes(produce())
        (FOLDER / f"{stem}.expected.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if not shutil.which("chromium") or not shutil.which("soffice"):
        sys.exit("chromium and soffice are needed to render this batch")
    main(force="--force" in sys.argv)
