"""Blind measurement batch FINAL4: twenty-one contract documents written, with the contracts a billing
admin would enter, WITHOUT reading or running the extractor (only scoring.py, the corpus conventions in
corpus_dev.py, billing-conventions.md and api.md were read). Nobody tunes the extractor on it: it is
measured, never fixed.

Producers:
- seven PDFs: Chromium print-to-PDF of hand-written HTML (a CPQ order form whose tables use rowspan and
  colspan; a proposal laid out as cards with a quote-summary sidebar), LibreOffice PDF conversion of a
  python-docx document with tables and of one laid out with tab stops, reportlab platypus (a two-page
  appendix whose price table continues across the page break with its header row repeated, page header
  and footer), a reportlab canvas letter drawn line by line, and an invoice-like quote from xhtml2pdf;
- seven DOCX: python-docx with a header row marked to repeat and vertically merged cells, nested tables,
  right tab stops with dot leaders, numbered clauses carrying the prices with text in the page header and
  footer, checkboxes (☒/☐) for the chosen options, a pandoc Markdown-to-DOCX conversion and a LibreOffice
  HTML-to-DOCX conversion;
- seven text files: a forwarded e-mail thread with quoted replies, a fixed-width ERP quote export,
  Markdown with pipe tables, reStructuredText grid tables, text pasted from a PDF (hard line breaks in
  mid-sentence, page headers), a pasted CSV price list and a chat message.

The files come from several external producers, so this module renders its own batch (make_corpus does
not list it): ``python -m tests.contracts.documents.corpus_batch_final4`` writes every expected JSON and
writes a document file only when it is missing (``--force`` rewrites them all).
"""

# ruff: noqa: E501  (hand-written documents keep their own line lengths)
from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.contracts.documents.corpus_dev import contract, line
from tests.contracts.documents.external_tools import chromium_pdf, docx_bytes, html_page, pandoc, soffice_convert

HERE = Path(__file__).resolve().parent
FOLDER = HERE / "batch_final4"
SUFFIX = {"pdf": ".pdf", "docx": ".docx", "text": ".txt"}


# --------------------------------------------------------------------------------------------- producers


def _text(value: str) -> bytes:
    return value.lstrip("\n").encode("utf-8")


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _fill_row(row: Any, values: list[str], bold: bool = False) -> None:
    for cell, value in zip(row.cells, values, strict=False):
        cell.text = ""
        run = cell.paragraphs[0].add_run(value)
        run.bold = bold


# --------------------------------------------------------------------------------------------- f4_01


def _f4_01() -> bytes:
    css = (
        "body{font-family:'Liberation Sans',Arial,sans-serif;font-size:9.5pt;margin:30px;color:#222}"
        "table{border-collapse:collapse;width:100%;margin:8px 0}td,th{border:1px solid #b5b5b5;padding:4px 5px;vertical-align:top}"
        "th{background:#1f3b5c;color:#fff;text-align:left;font-weight:600}.r{text-align:right}.grp{background:#eef2f7;font-weight:bold}"
        ".top td{border:none}.muted{color:#666;font-size:8pt}h1{font-size:16pt;margin:0;color:#1f3b5c}"
    )
    body = """
<table class='top'><tr><td><h1>Halcyon Workforce Cloud</h1>Halcyon Workforce Cloud, Inc.<br>2200 Peachtree Rd NE, Suite 900<br>Atlanta, GA 30309</td>
<td class='r'><b>ORDER FORM</b><br>Quote #: Q-00482913<br>Quote Date: 05/18/2027<br>Expires On: 06/15/2027<br>Sales Rep: Jordan Whitfield</td></tr></table>
<table>
<tr><th colspan='2'>Bill To</th><th colspan='2'>Customer Contacts</th></tr>
<tr><td>Account Name</td><td>Tidewater Regional Medical Center</td><td>Primary Contact</td><td>Alicia Brandt, Director of Workforce Systems<br>alicia.brandt@tidewaterrmc.test</td></tr>
<tr><td>Billing Address</td><td>Attn: Accounts Payable<br>1200 Harbor View Pkwy<br>Norfolk, VA 23510</td><td>Billing Contact</td><td>Marcus Lee, AP Supervisor<br>Invoice Email: ap.invoices@tidewaterrmc.test</td></tr>
</table>
<table>
<tr><th>Order Start Date</th><th>Order End Date</th><th>Subscription Term</th><th>Billing Frequency</th><th>Payment Terms</th></tr>
<tr><td>07/01/2027</td><td>06/30/2030</td><td>36 Months</td><td>Annual (usage: monthly)</td><td>Net 45</td></tr>
</table>
<table>
<tr><th>Group</th><th>Product</th><th class='r'>Quantity</th><th class='r'>List Unit Price</th><th class='r'>Discount</th><th class='r'>Net Unit Price</th><th class='r'>Annual Amount</th></tr>
<tr><td rowspan='2' class='grp'>Workforce Suite<br><span class='muted'>per employee, per year</span></td><td>Scheduling &amp; Staffing (HWC-SCH-EMP)</td><td class='r'>2,400</td><td class='r'>$18.00</td><td class='r'>25.00%</td><td class='r'>$13.50</td><td class='r'>$32,400.00</td></tr>
<tr><td>Time &amp; Attendance (HWC-TA-EMP)</td><td class='r'>2,400</td><td class='r'>$9.00</td><td class='r'>25.00%</td><td class='r'>$6.75</td><td class='r'>$16,200.00</td></tr>
<tr><td rowspan='2' class='grp'>Add-Ons</td><td>Premier Success Plan, annual (HWC-SUP-PREM)</td><td class='r'>1</td><td class='r'>$6,000.00</td><td class='r'>0.00%</td><td class='r'>$6,000.00</td><td class='r'>$6,000.00</td></tr>
<tr><td>Shift SMS Notifications, per message sent (HWC-SMS)<br><span class='muted'>Usage, invoiced monthly in arrears</span></td><td class='r'>Usage</td><td class='r'>$0.015</td><td class='r'>20.00%</td><td class='r'>$0.012</td><td class='r'>Per usage</td></tr>
<tr><td class='grp'>Services</td><td>Implementation &amp; Interface Build, fixed fee (HWC-PS-IMPL)</td><td class='r'>1</td><td class='r'>$24,000.00</td><td class='r'>10.00%</td><td class='r'>$21,600.00</td><td class='r'>$21,600.00 (one-time)</td></tr>
<tr><td colspan='6' class='r'><b>Annual Recurring Fees</b></td><td class='r'><b>$54,600.00</b></td></tr>
<tr><td colspan='6' class='r'><b>One-Time Fees</b></td><td class='r'><b>$21,600.00</b></td></tr>
<tr><td colspan='6' class='r'><b>Year 1 Total (excl. usage and tax)</b></td><td class='r'><b>$76,200.00</b></td></tr>
</table>
<p><b>Billing Terms.</b> Recurring subscription fees are invoiced annually in advance on the Order Start Date and each anniversary of it.
Usage fees are invoiced monthly in arrears. Implementation fees are invoiced on the Order Start Date. All dates and cut-off times on this
Order Form refer to US Eastern Time. Amounts are in US Dollars and exclude sales tax.</p>
<p><b>Renewal.</b> This Order Form does not renew automatically. Customer may renew by executing a renewal Order Form before the Order End Date.</p>
<p class='muted'>This Order Form is governed by the Halcyon Master Subscription Agreement between the parties dated 03/02/2024. In the event of a conflict,
this Order Form controls. Pricing is confidential. Purchase orders are for Customer's internal use only; terms on a purchase order have no effect.</p>
<table class='top'><tr><td>Tidewater Regional Medical Center<br>Signature: ______________________<br>Name: ___________________ Title: ___________</td>
<td>Halcyon Workforce Cloud, Inc.<br>Signature: ______________________<br>Name: Renata Osei, VP Finance</td></tr></table>
<p class='muted' style='text-align:center'>Page 1 of 1 &middot; Q-00482913 &middot; Generated by Salesforce CPQ</p>
"""
    return chromium_pdf(html_page(body, css))


F4_01 = contract(
    name="Tidewater Regional Medical Center",
    email="ap.invoices@tidewaterrmc.test",
    currency="USD",
    tz="America/New_York",
    terms=45,
    start="2027-07-01",
    end="2030-07-01",
    lines=[
        line("per_seat", unit_price="13.50", seats="2400", billing_interval="year"),
        line("per_seat", unit_price="6.75", seats="2400", billing_interval="year"),
        line("flat", amount="6000.00", billing_interval="year"),
        line("per_unit", metric="sms_messages", unit_price="0.012"),
        line("one_time", amount="21600.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f4_02


def _f4_02() -> bytes:
    css = (
        "body{font-family:'DejaVu Sans',Verdana,sans-serif;font-size:9pt;margin:28px;color:#263238}"
        ".wrap{display:flex;gap:18px}.main{flex:3}.side{flex:1.3;background:#f4f6f8;border-radius:8px;padding:12px;align-self:flex-start}"
        ".card{border:1px solid #cfd8dc;border-radius:8px;padding:10px 12px;margin-bottom:12px}"
        ".card h3{margin:0 0 4px 0;font-size:11pt}.price{font-size:14pt;font-weight:bold;color:#00695c}"
        "table{border-collapse:collapse;width:100%}td,th{padding:3px 4px;border-bottom:1px solid #e0e0e0;text-align:left}"
        ".r{text-align:right}.logo{font-size:18pt;font-weight:bold;color:#00695c}.muted{color:#78909c;font-size:8pt}"
    )
    body = """
<div class='logo'>lumenfeld</div>
<p class='muted'>Lumenfeld Software GmbH &middot; Schanzenstra&szlig;e 41 &middot; 20357 Hamburg &middot; USt-IdNr. DE312345678</p>
<h2>Proposal for Brasserie Van Oost NV</h2>
<p>Prepared for Sofie Claes (Operations) &middot; Proposal 2027-0457 &middot; 12.08.2027</p>
<div class='wrap'>
<div class='main'>
<div class='card'><h3>Kassensystem Pro &ndash; POS licence</h3>
<div class='price'>&euro; 89,00 <span style='font-size:9pt'>per location / month</span></div>
<p>14 locations (Gent, Brugge, Antwerpen and 11 franchise sites). Includes hardware support, menu management and daily reports.
Invoiced quarterly in advance: &euro; 267,00 per location per quarter.</p></div>
<div class='card'><h3>Online ordering</h3>
<p>Charged per completed online order, all locations pooled. Each band's rate applies only to the orders inside that band; invoiced
monthly in arrears.</p>
<table><tr><th>Orders per month</th><th class='r'>Price per order</th></tr>
<tr><td>1 &ndash; 2.000</td><td class='r'>&euro; 0,00 (included)</td></tr>
<tr><td>2.001 &ndash; 10.000</td><td class='r'>&euro; 0,15</td></tr>
<tr><td>from 10.001</td><td class='r'>&euro; 0,10</td></tr></table></div>
<div class='card'><h3>Onboarding &amp; staff training</h3>
<div class='price'>&euro; 1.250,00 <span style='font-size:9pt'>one-time</span></div>
<p>Two remote training days and menu import, invoiced with the first invoice.</p></div>
<div class='card'><h3>Optional: Loyalty module</h3>
<p>&euro; 19,00 per location / month. <i>Not included in this proposal &ndash; can be added later.</i></p></div>
<p><b>Start of service:</b> 01.10.2027. <b>Minimum term:</b> 12 months; the agreement then renews automatically for 12 months at a time
unless cancelled with three months' notice. Billing periods follow calendar quarters (January, April, July, October); a partial first
quarter is prorated.</p>
<p><b>Payment:</b> 21 days net from the invoice date by SEPA transfer. All prices exclude VAT (21&nbsp;% reverse charge where applicable).</p>
</div>
<div class='side'>
<h3 style='margin-top:0'>Quote summary</h3>
<table>
<tr><td>POS licences (14 &times; &euro; 267,00)</td><td class='r'>&euro; 3.738,00</td></tr>
<tr><td>Online ordering</td><td class='r'>usage</td></tr>
<tr><td><b>Per quarter</b></td><td class='r'><b>&euro; 3.738,00</b></td></tr>
<tr><td>Onboarding (one-time)</td><td class='r'>&euro; 1.250,00</td></tr>
<tr><td><b>First invoice</b></td><td class='r'><b>&euro; 4.988,00</b></td></tr>
</table>
<p class='muted'>excl. VAT</p>
<p><b>Invoices to</b><br>facturatie@vanoost-brasserie.test</p>
<p><b>Customer</b><br>Brasserie Van Oost NV<br>Korenlei 9<br>9000 Gent, Belgium<br>BE 0456.789.123</p>
<p><b>Your contact</b><br>Jonas Petersen<br>jonas.petersen@lumenfeld.test</p>
<p class='muted'>Accept online via PandaDoc &middot; valid until 15.09.2027</p>
</div>
</div>
<p class='muted'>Lumenfeld's General Terms and Conditions (version 2026-03) apply. Place of jurisdiction: Hamburg.</p>
"""
    return chromium_pdf(html_page(body, css))


F4_02 = contract(
    name="Brasserie Van Oost NV",
    email="facturatie@vanoost-brasserie.test",
    currency="EUR",
    terms=21,
    start="2027-10-01",
    alignment="calendar",
    lines=[
        line("per_seat", unit_price="267.00", seats="14", billing_interval_count=3),
        line(
            "graduated",
            metric="online_orders",
            tiers=[
                {"up_to": "2000", "unit_price": "0.00"},
                {"up_to": "10000", "unit_price": "0.15"},
                {"up_to": None, "unit_price": "0.10"},
            ],
        ),
        line("one_time", amount="1250.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f4_03


def _f4_03_docx() -> bytes:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.name = "Liberation Serif"
    document.styles["Normal"].font.size = Pt(10.5)
    document.add_paragraph("KESTREL IDENTITY LIMITED").runs[0].bold = True
    document.add_paragraph("Registered in England and Wales No. 09876543 · 7 Quayside, Newcastle upon Tyne NE1 3DE")
    document.add_heading("Schedule 2 – Charges", level=1)
    document.add_paragraph(
        "This Schedule forms part of the Identity Verification Services Agreement between Kestrel Identity Limited "
        '("Kestrel") and Harrowgate Building Society (the "Client"), 14 Market Place, Harrogate HG1 2BE.'
    )
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in [
        ("Commencement Date", "the 3rd of May 2027"),
        (
            "Initial Term",
            "24 months from the Commencement Date, continuing thereafter until terminated by either party on 90 days' written notice",
        ),
        ("Invoice address", "accountspayable@harrowgatebs.test (Finance Operations, ref. PO 4500118842)"),
        ("Payment", "Within 30 days of the date of invoice, by BACS"),
        ("Currency", "Pounds sterling (GBP)"),
    ]:
        _fill_row(table.add_row(), [label, value])
    document.add_heading("1. Platform licence", level=2)
    document.add_paragraph("The platform licence is £2,500.00 per month, invoiced monthly in advance.")
    document.add_heading("2. Verification charges", level=2)
    document.add_paragraph(
        "Completed identity checks are charged monthly in arrears. The band reached by the total number of "
        "checks completed in a calendar month determines the price per check for all checks in that month."
    )
    bands = document.add_table(rows=1, cols=3)
    bands.style = "Table Grid"
    _fill_row(bands.rows[0], ["Band", "Checks completed in the month", "Price per check"], bold=True)
    for row in [
        ["A", "1 – 5,000", "£1.20"],
        ["B", "5,001 – 20,000", "£0.95"],
        ["C", "20,001 – 50,000", "£0.80"],
        ["D", "50,001 and above", "£0.65"],
    ]:
        _fill_row(bands.add_row(), row)
    document.add_paragraph(
        "A minimum monthly verification charge of £1,500.00 applies: if the verification charges for a month are "
        "lower, the minimum is invoiced instead."
    )
    document.add_heading("3. General", level=2)
    document.add_paragraph(
        "All charges are exclusive of VAT, which will be added at the prevailing rate. Kestrel may review the charges "
        "once a year on the anniversary of the Commencement Date by giving 60 days' notice."
    )
    document.add_paragraph("Signed for Kestrel: ____________   Signed for the Client: ____________")
    return docx_bytes(document)


def _f4_03() -> bytes:
    return soffice_convert(_f4_03_docx(), ".docx", "pdf")


F4_03 = contract(
    name="Harrowgate Building Society",
    email="accountspayable@harrowgatebs.test",
    currency="GBP",
    terms=30,
    start="2027-05-03",
    lines=[
        line("flat", amount="2500.00"),
        line(
            "volume",
            metric="identity_checks",
            minimum_amount="1500.00",
            tiers=[
                {"up_to": "5000", "unit_price": "1.20"},
                {"up_to": "20000", "unit_price": "0.95"},
                {"up_to": "50000", "unit_price": "0.80"},
                {"up_to": None, "unit_price": "0.65"},
            ],
        ),
    ],
)

# --------------------------------------------------------------------------------------------- f4_04


def _f4_04_docx() -> bytes:
    import docx
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt

    document = docx.Document()
    document.styles["Normal"].font.name = "Liberation Sans"
    document.styles["Normal"].font.size = Pt(10)

    def tabbed(text: str, bold: bool = False) -> None:
        paragraph = document.add_paragraph()
        stops = paragraph.paragraph_format.tab_stops
        stops.add_tab_stop(Cm(9.5), WD_TAB_ALIGNMENT.LEFT)
        stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT)
        run = paragraph.add_run(text)
        run.bold = bold

    document.add_paragraph("Bergwerk Digital AG\tHardturmstrasse 161\t8005 Zürich")
    document.add_heading("Statement of Work Nr. 7 – Ticketing Platform Renewal", level=1)
    document.add_paragraph(
        'under the Framework Agreement of 2 November 2025 between Bergwerk Digital AG ("Bergwerk") and '
        'Seilbahnen Engelhorn AG, Talstation 1, 3860 Meiringen ("Client").'
    )
    tabbed("Start of work:\t1 March 2027")
    tabbed("Client project lead:\tAndrea Zurbriggen")
    tabbed("Invoices to:\tkreditoren@engelhorn-bahnen.test")
    tabbed("Payment terms:\t30 Tage netto / 30 days net")
    document.add_heading("1. Fixed price and payment plan", level=2)
    document.add_paragraph(
        "The work described in section 3 is delivered for a fixed price of CHF 148'500.00 (excl. VAT), invoiced "
        "on acceptance of each milestone as follows:"
    )
    tabbed("Milestone\tPlanned acceptance\tAmount", bold=True)
    tabbed("M1 Kick-off and concept sign-off\t15.03.2027\tCHF 29'700.00")
    tabbed("M2 Ticketing integration live in test\t31.05.2027\tCHF 59'400.00")
    tabbed("M3 Production go-live\t30.06.2027\tCHF 44'550.00")
    tabbed("M4 End of hypercare\t31.08.2027\tCHF 14'850.00")
    tabbed("Total\t\tCHF 148'500.00", bold=True)
    document.add_heading("2. Recurring and variable charges", level=2)
    tabbed("Operations and hosting (from 1 July 2027)\tper month\tCHF 1'240.50")
    document.add_paragraph("Operations and hosting are invoiced quarterly in advance (CHF 3'721.50 per quarter).")
    tabbed("Change requests\tper person-day\tCHF 1'850.00")
    document.add_paragraph(
        "Change requests approved by the Client are charged on actual effort, invoiced monthly in arrears."
    )
    document.add_heading("3. Scope", level=2)
    document.add_paragraph(
        "Replacement of the legacy ticket shop, integration with the access gates and the SwissPass interface, "
        "data migration of season passes and training of 12 key users. Out of scope: hardware, third-party licences."
    )
    document.add_paragraph("All amounts plus 8.1% VAT. Travel within Switzerland is included.")
    document.add_paragraph("Zürich, 12 February 2027\tBergwerk Digital AG\tSeilbahnen Engelhorn AG")
    return docx_bytes(document)


def _f4_04() -> bytes:
    return soffice_convert(_f4_04_docx(), ".docx", "pdf")


F4_04 = contract(
    name="Seilbahnen Engelhorn AG",
    email="kreditoren@engelhorn-bahnen.test",
    currency="CHF",
    terms=30,
    start="2027-03-01",
    lines=[
        line(
            "milestone",
            milestones=[
                {"name": "M1 Kick-off and concept sign-off", "amount": "29700.00", "due_date": "2027-03-15"},
                {"name": "M2 Ticketing integration live in test", "amount": "59400.00", "due_date": "2027-05-31"},
                {"name": "M3 Production go-live", "amount": "44550.00", "due_date": "2027-06-30"},
                {"name": "M4 End of hypercare", "amount": "14850.00", "due_date": "2027-08-31"},
            ],
        ),
        line("flat", amount="3721.50", billing_interval_count=3, start_date="2027-07-01"),
        line("per_unit", metric="person_days", unit_price="1850.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f4_05


def _f4_05() -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["BodyText"].clone("small", fontSize=8, leading=10)
    buffer = io.BytesIO()

    def page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(
            2 * cm, A4[1] - 1.2 * cm, "Fjordlink Connectivity AS - Rammeavtale FL-2027-031 - Vedlegg 2 / Appendix 2"
        )
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Side {doc.page} / Page {doc.page}")
        canvas.drawString(2 * cm, 1.2 * cm, "Konfidensielt / Confidential")
        canvas.restoreState()

    story: list[Any] = [
        Paragraph("Appendix 2 - Price List and Invoicing", styles["Heading1"]),
        Paragraph(
            "to the Framework Agreement for IoT connectivity between <b>Fjordlink Connectivity AS</b>, org. nr. 923 456 789, "
            'Bryggen 14, 5003 Bergen ("Fjordlink") and <b>Havbruk Sensorikk AS</b>, org. nr. 987 654 321, '
            'Sjøgata 3, 8006 Bodø (the "Customer").',
            body,
        ),
        Paragraph("1. Validity", styles["Heading3"]),
        Paragraph(
            "This Appendix applies from 1 February 2027 and for a fixed period of 36 months. It does not renew "
            "automatically; a new price list will be negotiated no later than six months before expiry.",
            body,
        ),
        Paragraph("2. Invoicing", styles["Heading3"]),
        Paragraph(
            "Fixed monthly charges are invoiced monthly in advance. Usage-based charges are invoiced monthly in "
            "arrears on the basis of Fjordlink's traffic records. Invoices are sent as EHF to the Customer's "
            "electronic address and as PDF to faktura@havbruk-sensorikk.test. Payment terms: 30 days net. "
            "Late payment interest accrues according to the Norwegian Late Payment Act.",
            body,
        ),
        Paragraph("3. Price adjustment", styles["Heading3"]),
        Paragraph(
            "Prices are fixed for the validity period, except that Fjordlink may adjust usage prices to reflect "
            "changes in roaming wholesale rates imposed by third-party operators, with 60 days' notice. Such an "
            "adjustment shall never exceed the documented increase in wholesale cost.",
            body,
        ),
        Paragraph("4. Service levels", styles["Heading3"]),
        Paragraph(
            "Service levels, credits and the escalation matrix are set out in Appendix 3. Service credits are "
            "deducted from the next invoice and are the Customer's sole remedy for a breach of service levels. "
            "Planned maintenance is announced at least five working days in advance and is excluded from the "
            "availability calculation.",
            body,
        ),
        Paragraph("5. Prices", styles["Heading3"]),
        Paragraph(
            "All prices are in Norwegian kroner (NOK) and exclusive of VAT (25 %). The price table continues on the "
            "next page.",
            body,
        ),
        Spacer(1, 6),
    ]
    header = ["No.", "Service", "Unit", "Price (NOK)", "Invoicing"]
    rows = [
        [
            "2.1",
            "Fleet portal platform subscription, incl. API access, user administration and alarm rules for the whole fleet",
            "per month",
            "4 500,00",
            "monthly in advance",
        ],
        [
            "2.2",
            "Active SIM - any SIM card with an active data session or SMS during the month is counted as active",
            "per active SIM per month",
            "29,00",
            "monthly in arrears",
        ],
        [
            "2.3",
            "Mobile data, pooled across all SIM cards; 250 000 MB per month included in the pool",
            "per MB above the pool",
            "0,045",
            "monthly in arrears",
        ],
        [
            "2.4",
            "SMS sent from the platform (MT), domestic and EEA destinations",
            "per SMS",
            "0,39",
            "monthly in arrears",
        ],
        ["2.5", "eSIM profile download to a device (each download)", "per download", "12,50", "monthly in arrears"],
        [
            "2.6",
            "Private APN with static IP addressing and IPsec tunnel to the Customer's data centre",
            "per month",
            "2 750,00",
            "monthly in advance",
        ],
        [
            "2.7",
            "Premium support 24/7 with named technical account manager (four-hour response)",
            "per quarter",
            "9 000,00",
            "quarterly in advance",
        ],
        [
            "2.8",
            "Onboarding project: integration workshop, SIM logistics set-up and APN configuration",
            "one-time",
            "35 000,00",
            "with the first invoice",
        ],
    ]
    data = [[Paragraph(f"<b>{cell}</b>", small) for cell in header]] + [
        [Paragraph(cell, small) for cell in row] for row in rows
    ]
    table = Table(data, colWidths=[1.1 * cm, 7.4 * cm, 3.0 * cm, 2.3 * cm, 3.2 * cm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6ee")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 9),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
            ]
        )
    )
    story += [
        Spacer(1, 7 * cm),
        table,
        Spacer(1, 10),
        Paragraph("6. Signatures", styles["Heading3"]),
        Paragraph(
            "Bergen, 18 January 2027. For Fjordlink Connectivity AS: Ingrid Solheim, CFO. "
            "For Havbruk Sensorikk AS: Per-Arne Nilsen, daglig leder.",
            body,
        ),
    ]
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        title="Appendix 2 - Price List",
    ).build(story, onFirstPage=page, onLaterPages=page)
    return buffer.getvalue()


F4_05 = contract(
    name="Havbruk Sensorikk AS",
    email="faktura@havbruk-sensorikk.test",
    currency="NOK",
    terms=30,
    start="2027-02-01",
    end="2030-02-01",
    lines=[
        line("flat", amount="4500.00"),
        line("per_unit", metric="active_sims", unit_price="29.00"),
        line("per_unit", metric="mb", unit_price="0.045", included_units="250000"),
        line("per_unit", metric="sms", unit_price="0.39"),
        line("per_unit", metric="esim_downloads", unit_price="12.50"),
        line("flat", amount="2750.00"),
        line("flat", amount="9000.00", billing_interval_count=3),
        line("one_time", amount="35000.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f4_06


def _f4_06() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas as pdf_canvas

    buffer = io.BytesIO()
    page = pdf_canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    page.setFont("Helvetica-Bold", 15)
    page.drawString(60, height - 70, "MERLION PAYROLL")
    page.setFont("Helvetica", 8)
    page.drawString(
        60,
        height - 84,
        "Merlion Payroll Pte. Ltd.  |  10 Anson Road #21-07, International Plaza, Singapore 079903  |  UEN 201912345K",
    )
    page.line(60, height - 92, width - 60, height - 92)
    y = height - 125
    lines = [
        ("Helvetica", 10, "14 August 2027"),
        ("Helvetica", 10, ""),
        ("Helvetica", 10, "Tanjong Pagar Dental Group Pte. Ltd."),
        ("Helvetica", 10, "Attn: Ms Grace Lim, Practice Manager"),
        ("Helvetica", 10, "1 Tanjong Pagar Plaza #02-18"),
        ("Helvetica", 10, "Singapore 082001"),
        ("Helvetica", 10, ""),
        ("Helvetica-Bold", 10, "Notice of price adjustment - Account MP-00831"),
        ("Helvetica", 10, ""),
        ("Helvetica", 10, "Dear Ms Lim,"),
        ("Helvetica", 10, ""),
        (
            "Helvetica",
            10,
            "Thank you for running your payroll with Merlion since 2024. Following the CPF and IRAS reporting changes",
        ),
        (
            "Helvetica",
            10,
            "this year we have extended the platform, and we are writing to give you the required 45 days' notice",
        ),
        ("Helvetica", 10, "of a change to your subscription price with effect from 1 October 2027."),
        ("Helvetica", 10, ""),
        ("Helvetica-Bold", 10, "                                        Current price            From 1 October 2027"),
        ("Helvetica", 10, "Payroll (per employee per month)          S$6.50                   S$7.20"),
        ("Helvetica", 10, "HR & leave module (per month)             S$180.00                 S$180.00 (unchanged)"),
        ("Helvetica", 10, ""),
        (
            "Helvetica",
            10,
            "Your subscription currently covers 85 employees, so your monthly invoice will change from S$732.50 to",
        ),
        (
            "Helvetica",
            10,
            "S$792.00 before GST. Both charges continue to be billed monthly in advance on the 1st of each month.",
        ),
        ("Helvetica", 10, ""),
        (
            "Helvetica",
            10,
            "Nothing else changes: your payment terms remain 14 days from the invoice date, invoices keep going to",
        ),
        ("Helvetica", 10, "finance@tpdental.test, and your subscription continues on a month-to-month basis."),
        ("Helvetica", 10, ""),
        (
            "Helvetica",
            10,
            "If you have any questions, please reply to this letter or call your account manager on +65 6123 4567.",
        ),
        ("Helvetica", 10, ""),
        ("Helvetica", 10, "Yours sincerely,"),
        ("Helvetica", 10, ""),
        ("Helvetica", 10, "Daniel Koh"),
        ("Helvetica", 10, "Head of Customer Success, Merlion Payroll Pte. Ltd."),
    ]
    for font, size, text in lines:
        page.setFont(font, size)
        page.drawString(60, y, text)
        y -= 15
    page.setFont("Helvetica-Oblique", 7)
    page.drawString(
        60, 40, "Prices exclude GST at the prevailing rate (currently 9%). Merlion Payroll is a registered trademark."
    )
    page.showPage()
    page.save()
    return buffer.getvalue()


F4_06 = contract(
    name="Tanjong Pagar Dental Group Pte. Ltd.",
    email="finance@tpdental.test",
    currency="SGD",
    terms=14,
    start="2027-10-01",
    lines=[
        line("per_seat", unit_price="7.20", seats="85"),
        line("flat", amount="180.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f4_07


def _f4_07() -> bytes:
    from xhtml2pdf import pisa

    html = """<html><head><meta charset="utf-8"><style>
@page { size: a4; margin: 1.6cm; @frame footer { -pdf-frame-content: foot; bottom: 0.8cm; margin-left: 1.6cm; margin-right: 1.6cm; height: 1cm; } }
body { font-family: Helvetica; font-size: 9pt; }
h1 { font-size: 20pt; color: #0b5394; margin: 0; }
table.items { border: 0.5px solid #999; }
table.items td, table.items th { padding: 4px; border-bottom: 0.5px solid #bbb; }
table.items th { background-color: #0b5394; color: #ffffff; }
.r { text-align: right; }
</style></head><body>
<table><tr><td width="60%"><h1>QUOTATION</h1><b>Harbourline AI Limited</b><br>Unit 1503, 15/F, Cyberport 3<br>100 Cyberport Road, Hong Kong<br>BR No. 71234567</td>
<td width="40%"><table>
<tr><td>Quote No.</td><td>QT-2027-0931</td></tr>
<tr><td>Quote Date</td><td>2027-09-01</td></tr>
<tr><td>Valid Until</td><td>2027-09-14</td></tr>
<tr><td>Service Start</td><td>2027-09-15</td></tr>
<tr><td>Terms</td><td>Payment due within 7 days</td></tr>
</table></td></tr></table>
<br>
<table><tr><td width="50%"><b>Bill To</b><br>Kowloon Bay Logistics Limited<br>Finance Department<br>8 Wang Kwong Road, Kowloon Bay<br>Kowloon, Hong Kong<br>Email: accounts@kblogistics.test</td>
<td width="50%"><b>Project</b><br>Automated processing of shipping documents (bills of lading, packing lists, invoices)</td></tr></table>
<br>
<table class="items">
<tr><th width="6%">#</th><th width="46%">Description</th><th width="10%" class="r">Qty</th><th width="18%" class="r">Unit Price (HKD)</th><th width="20%" class="r">Amount (HKD)</th></tr>
<tr><td>1</td><td>DocFlow prepaid credit bundle: HK$120,000.00 of processing credit, valid for 12 months from the service start date. Bundle discount 10%.</td><td class="r">1</td><td class="r">120,000.00</td><td class="r">108,000.00</td></tr>
<tr><td>2</td><td>Pages processed, HK$0.80 per page, drawn down from the prepaid credit. Pages processed after the credit is used up are invoiced monthly in arrears at the same rate.</td><td class="r">-</td><td class="r">0.80</td><td class="r">-</td></tr>
<tr><td>3</td><td>Automatic top-up: when the credit balance falls below HK$10,000.00 a further HK$50,000.00 of credit is added and invoiced at face value.</td><td class="r">-</td><td class="r">-</td><td class="r">-</td></tr>
<tr><td>4</td><td>Dedicated support &amp; model tuning, per month, billed monthly in advance</td><td class="r">1</td><td class="r">3,500.00</td><td class="r">3,500.00</td></tr>
<tr><td></td><td colspan="3" class="r">Subtotal</td><td class="r">111,500.00</td></tr>
<tr><td></td><td colspan="3" class="r">Tax (0%, Hong Kong)</td><td class="r">0.00</td></tr>
<tr><td></td><td colspan="3" class="r"><b>Total due on acceptance (HKD)</b></td><td class="r"><b>111,500.00</b></td></tr>
</table>
<p>Remarks: The prepaid bundle and the first month of support are invoiced on the service start date. Unused credit is forfeited
at expiry. Cheques payable to "Harbourline AI Limited"; bank transfer to HSBC 004-123-456789-001.</p>
<p>Accepted by (name, title, company chop): ______________________________ Date: ____________</p>
<div id="foot">Harbourline AI Limited &middot; accounts@harbourline.test &middot; +852 3100 2200</div>
</body></html>"""
    buffer = io.BytesIO()
    result = pisa.CreatePDF(html, dest=buffer, encoding="utf-8")
    if result.err:
        raise RuntimeError("xhtml2pdf failed")
    return buffer.getvalue()


F4_07 = contract(
    name="Kowloon Bay Logistics Limited",
    email="accounts@kblogistics.test",
    currency="HKD",
    terms=7,
    start="2027-09-15",
    lines=[
        line(
            "prepaid_credit",
            amount="120000.00",
            price="108000.00",
            top_up_threshold="10000.00",
            top_up_amount="50000.00",
            expires_on="2028-09-15",
        ),
        line("per_unit", metric="pages", unit_price="0.80"),
        line("flat", amount="3500.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f4_08


def _f4_08() -> bytes:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading("Enterprise Subscription Agreement", level=0)
    document.add_paragraph(
        'This Enterprise Subscription Agreement (the "Agreement") is entered into between Nordlys Data ApS, CVR 41234567, '
        'Njalsgade 76, 2300 København S ("Nordlys") and Københavns Cykeludlejning A/S, CVR 39876543, Vesterbrogade 112, '
        '1620 København V (the "Customer").'
    )
    clauses = [
        (
            "1. Subject matter",
            "Nordlys provides the Customer with its fleet telematics platform and the tracker connectivity described in Exhibit A.",
        ),
        (
            "2. Term",
            'The Agreement takes effect on 1 April 2027 (the "Effective Date") and runs for an initial term of three (3) years, '
            "ending on 31 March 2030. The Agreement does not renew automatically.",
        ),
        (
            "3. Fees and invoicing",
            "The fees are set out in Exhibit A. Invoices follow calendar half-years (1 January and 1 July); the first "
            "invoice covers the period from the Effective Date to 30 June 2027 pro rata. Payment terms: net 30 days. "
            "Invoices are sent to kreditor@kbh-cykel.test.",
        ),
        (
            "4. Data protection",
            "Nordlys processes personal data as data processor under the Data Processing Agreement in Exhibit C.",
        ),
        (
            "5. Liability",
            "Each party's aggregate liability is limited to the fees paid in the twelve months preceding the claim.",
        ),
        (
            "6. Governing law",
            "This Agreement is governed by Danish law. Disputes are settled by the Copenhagen City Court.",
        ),
    ]
    for heading, text in clauses:
        paragraph = document.add_paragraph()
        paragraph.add_run(heading + ". ").bold = True
        paragraph.add_run(text)
    document.add_paragraph("For Nordlys Data ApS: Mette Kjær, CEO            For the Customer: Lars Holm, CFO")
    document.add_page_break()
    document.add_heading("Exhibit A – Fees", level=1)
    document.add_paragraph("All amounts in Danish kroner (DKK), excluding VAT (25 %).")
    table = document.add_table(rows=1, cols=5)
    table.style = "Light Grid Accent 1"
    _fill_row(table.rows[0], ["Category", "Item", "Price", "Quantity", "Invoicing"], bold=True)
    _repeat_header(table.rows[0])
    rows = [
        ["Subscription", "Fleet telematics platform", "kr. 18.000,00 per half-year", "1", "half-yearly in advance"],
        [
            "Subscription",
            "Tracker subscription (kr. 12,50 per tracker per month = kr. 75,00 per half-year)",
            "kr. 75,00 per tracker per half-year",
            "2.400 trackers",
            "half-yearly in advance",
        ],
        [
            "Usage",
            "API calls above 1.000.000 calls per month (first 1.000.000 calls each month included)",
            "kr. 0,02 per call",
            "actual",
            "monthly in arrears",
        ],
        [
            "One-time",
            "Installation of trackers on bicycles",
            "kr. 85,00 per tracker",
            "2.400",
            "kr. 204.000,00 on the Effective Date",
        ],
    ]
    for values in rows:
        _fill_row(table.add_row(), values)
    first, second = table.cell(1, 0), table.cell(2, 0)
    merged = first.merge(second)
    merged.text = "Subscription"
    total = table.add_row()
    cell = total.cells[0].merge(total.cells[3])
    cell.text = "Recurring fees per half-year (excluding usage)"
    total.cells[4].text = "kr. 198.000,00"
    document.add_paragraph(
        "Trackers added during a half-year are invoiced pro rata from their activation date. Prices are adjusted on 1 January "
        "each year by the Danish net price index, at most 4 %."
    )
    return docx_bytes(document)


F4_08 = contract(
    name="Københavns Cykeludlejning A/S",
    email="kreditor@kbh-cykel.test",
    currency="DKK",
    terms=30,
    start="2027-04-01",
    end="2030-04-01",
    alignment="calendar",
    lines=[
        line("flat", amount="18000.00", billing_interval_count=6),
        line("per_seat", unit_price="75.00", seats="2400", billing_interval_count=6),
        line("per_unit", metric="api_calls", unit_price="0.02", included_units="1000000"),
        line("one_time", amount="204000.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f4_09


def _f4_09() -> bytes:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(9.5)
    document.add_heading("Zamówienie / Order Form nr WC/2027/0614", level=1)
    document.add_paragraph("Wisła Cloud Sp. z o.o., ul. Grzybowska 62, 00-844 Warszawa, NIP 525-123-45-67")
    outer = document.add_table(rows=1, cols=2)
    outer.style = "Table Grid"
    left, right = outer.rows[0].cells
    left.text = "Dane klienta / Customer details"
    inner = left.add_table(rows=0, cols=2)
    inner.style = "Table Grid"
    for label, value in [
        ("Nazwa / Name", "Piekarnia Złoty Kłos Sp. z o.o."),
        ("Adres / Address", "ul. Piotrkowska 118, 90-006 Łódź"),
        ("NIP", "725-987-65-43"),
        ("E-mail do faktur / Invoice e-mail", "faktury@zlotyklos.test"),
    ]:
        _fill_row(inner.add_row(), [label, value])
    right.text = "Warunki / Terms"
    terms = right.add_table(rows=0, cols=2)
    terms.style = "Table Grid"
    for label, value in [
        ("Data rozpoczęcia / Start date", "01.06.2027"),
        ("Okres / Term", "czas nieokreślony / indefinite, 3 months' notice"),
        ("Termin płatności / Payment", "14 dni / 14 days"),
        ("Waluta / Currency", "PLN"),
    ]:
        _fill_row(terms.add_row(), [label, value])
    document.add_paragraph()
    document.add_paragraph("Pozycje zamówienia / Ordered items (ceny netto, + 23% VAT):")
    items = document.add_table(rows=1, cols=3)
    items.style = "Table Grid"
    _fill_row(items.rows[0], ["Pozycja / Item", "Cena / Price", "Rozliczenie / Billing"], bold=True)
    _fill_row(
        items.add_row(),
        [
            "Licencja POS / POS licence, 22 terminals",
            "149,00 zł per terminal per month (3 278,00 zł / month)",
            "monthly in advance",
        ],
    )
    receipts = items.add_row()
    _fill_row(receipts, ["E-paragony / E-receipts sent to customers", "", "monthly in arrears"])
    price_cell = receipts.cells[1]
    price_cell.text = "Packages of 1 000 e-receipts:"
    nested = price_cell.add_table(rows=0, cols=2)
    nested.style = "Table Grid"
    for label, value in [
        ("Free each month", "first 5 000"),
        ("Package size", "1 000"),
        ("Price per started package", "45,00 zł"),
    ]:
        _fill_row(nested.add_row(), [label, value])
    _fill_row(
        items.add_row(),
        ["Wdrożenie / Implementation and data migration", "4 800,00 zł one-time", "invoiced on 15.06.2027"],
    )
    document.add_paragraph()
    document.add_paragraph(
        "Zamówienie podlega Ogólnym Warunkom Świadczenia Usług Wisła Cloud. / This order is subject to Wisła Cloud's "
        "General Terms of Service. Usage is measured in Europe/Warsaw local time."
    )
    document.add_paragraph("Podpis klienta / Customer signature: ______________    Data: ____________")
    return docx_bytes(document)


F4_09 = contract(
    name="Piekarnia Złoty Kłos Sp. z o.o.",
    email="faktury@zlotyklos.test",
    currency="PLN",
    tz="Europe/Warsaw",
    terms=14,
    start="2027-06-01",
    lines=[
        line("per_seat", unit_price="149.00", seats="22"),
        line("package", metric="e_receipts", package_size="1000", package_price="45.00", free_units="5000"),
        line("one_time", amount="4800.00", charge_date="2027-06-15"),
    ],
)

# --------------------------------------------------------------------------------------------- f4_10


def _f4_10() -> bytes:
    import docx
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Cm, Pt

    document = docx.Document()
    document.styles["Normal"].font.name = "Cambria"
    document.styles["Normal"].font.size = Pt(10.5)
    section = document.sections[0]
    section.header.paragraphs[
        0
    ].text = "Falcon Ledger Software FZ-LLC · Dubai Internet City, Building 3, Office 214 · Dubai, UAE"

    def leader(label: str, value: str, bold: bool = False) -> None:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(15.5), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        run = paragraph.add_run(f"{label}\t{value}")
        run.bold = bold

    document.add_heading("Renewal Confirmation – Contract Year 2028", level=1)
    document.add_paragraph("Ref: FL-REN-2028-0112        Date: 20 November 2027")
    document.add_paragraph("Customer: Al Noor Facilities Management LLC, P.O. Box 52318, Abu Dhabi")
    document.add_paragraph(
        "We are pleased to confirm the renewal of your Falcon Ledger subscription on the terms below. The renewal is "
        "for one contract year only and will not renew again without a new confirmation."
    )
    leader("Renewal term", "1 January 2028 – 31 December 2028")
    leader("Enterprise licence (annual)", "AED 96,000.00")
    leader("Additional users: 45 × AED 1,100.00 per user per year", "AED 49,500.00")
    leader("Storage add-on 5 TB (annual)", "AED 7,200.00")
    leader("Subtotal", "AED 152,700.00")
    leader("VAT 5%", "AED 7,635.00")
    leader("Total for the renewal term", "AED 160,335.00", bold=True)
    document.add_paragraph(
        "All fees are invoiced annually in advance on 1 January 2028. Payment terms: Net 60 days from the invoice date. "
        "Invoices will be e-mailed to ap@alnoorfm.test. All dates are in Gulf Standard Time (Asia/Dubai)."
    )
    document.add_paragraph(
        "Your previous licence fee of AED 92,000.00 has been increased by 4.35% in line with our renewal price policy. "
        "User numbers may be increased during the term at the same per-user price, pro rata."
    )
    document.add_paragraph("Kind regards,\nHessa Al Marzouqi\nRenewals Manager")
    section.footer.paragraphs[
        0
    ].text = "Falcon Ledger Software FZ-LLC · TRN 100234567800003 · renewals@falconledger.test"
    return docx_bytes(document)


F4_10 = contract(
    name="Al Noor Facilities Management LLC",
    email="ap@alnoorfm.test",
    currency="AED",
    tz="Asia/Dubai",
    terms=60,
    start="2028-01-01",
    end="2029-01-01",
    lines=[
        line("flat", amount="96000.00", billing_interval="year"),
        line("per_seat", unit_price="1100.00", seats="45", billing_interval="year"),
        line("flat", amount="7200.00", billing_interval="year"),
    ],
)

# --------------------------------------------------------------------------------------------- f4_11


def _f4_11() -> bytes:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.name = "Georgia"
    document.styles["Normal"].font.size = Pt(10)
    section = document.sections[0]
    section.header.paragraphs[0].text = "QUILLPAY MERCHANT SERVICES AGREEMENT — CONFIDENTIAL"
    section.footer.paragraphs[0].text = "Quillpay Inc. · 410 Market Street, Floor 6, San Francisco, CA 94111 · MSA v4.2"
    document.add_heading("Merchant Services Agreement", level=0)
    document.add_paragraph(
        'This Merchant Services Agreement is made between Quillpay Inc., a Delaware corporation ("Quillpay"), and '
        'Saguaro Ticketing LLC, an Arizona limited liability company, 2 N Central Ave, Phoenix, AZ 85004 ("Merchant").'
    )
    clauses = [
        (
            "1.",
            "Definitions",
            [
                (
                    "1.1",
                    '"Transaction" means a card or wallet payment submitted by Merchant through the Quillpay platform.',
                ),
                (
                    "1.2",
                    '"Contract Year" means each twelve-month period starting on the Effective Date or an anniversary of it.',
                ),
            ],
        ),
        (
            "2.",
            "Term",
            [
                (
                    "2.1",
                    'This Agreement is effective on September 1, 2027 (the "Effective Date") and continues for an initial term of 24 months.',
                ),
                (
                    "2.2",
                    "Thereafter it renews automatically for successive 12-month terms unless either party gives notice of non-renewal at least 60 days before the end of the then-current term.",
                ),
            ],
        ),
        (
            "3.",
            "Fees",
            [
                (
                    "3.1",
                    "Card processing: Merchant pays 2.4% of the gross amount of each Transaction plus $0.20 per Transaction.",
                ),
                (
                    "3.2",
                    "The fee for any single Transaction (percentage and fixed part together) will not be less than $0.35.",
                ),
                ("3.3", "Payouts to Merchant's bank account: $0.25 per payout."),
                ("3.4", "Platform fee: $499.00 per month, invoiced monthly in advance."),
                (
                    "3.5",
                    "Processing and payout fees are invoiced monthly in arrears for the preceding calendar month's activity.",
                ),
                (
                    "3.6",
                    "Minimum processing commitment: Merchant commits to pay at least $60,000.00 in processing fees in each Contract Year. Any shortfall is invoiced at the end of the Contract Year.",
                ),
                (
                    "3.7",
                    "Card network assessments and chargeback fees are passed through at cost, as charged by the card networks.",
                ),
            ],
        ),
        (
            "4.",
            "Payment",
            [
                ("4.1", "Invoices are payable within ten (10) days of the invoice date by ACH debit."),
                ("4.2", "Invoices are sent to finance@saguaroticketing.test."),
                ("4.3", "Settlement and invoicing days end at 11:59 p.m. Mountain Standard Time (America/Phoenix)."),
            ],
        ),
        (
            "5.",
            "Confidentiality",
            [
                (
                    "5.1",
                    "Each party keeps the other's confidential information secret and uses it only to perform this Agreement.",
                ),
            ],
        ),
        (
            "6.",
            "General",
            [
                ("6.1", "This Agreement is governed by the laws of the State of California."),
                ("6.2", "Notices must be in writing and sent to the addresses above."),
            ],
        ),
    ]
    for number, title, items in clauses:
        heading = document.add_paragraph()
        heading.add_run(f"{number} {title}").bold = True
        for item, text in items:
            paragraph = document.add_paragraph(f"{item}\u2003{text}")
            paragraph.paragraph_format.left_indent = Pt(18)
    document.add_paragraph("QUILLPAY INC.  By: Theo Marchetti, Chief Revenue Officer")
    document.add_paragraph("SAGUARO TICKETING LLC  By: Dolores Vega, Managing Member")
    return docx_bytes(document)


F4_11 = contract(
    name="Saguaro Ticketing LLC",
    email="finance@saguaroticketing.test",
    currency="USD",
    tz="America/Phoenix",
    terms=10,
    start="2027-09-01",
    commitment={"amount": "60000.00", "period": "year"},
    lines=[
        line("percentage", metric="transaction_amount", rate="2.4", fixed_fee="0.20", per_event_min="0.35"),
        line("per_unit", metric="payouts", unit_price="0.25"),
        line("flat", amount="499.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f4_12


def _f4_12() -> bytes:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.name = "Segoe UI"
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading("Offert / Quote 2027-118", level=1)
    document.add_paragraph("Granskog Analys AB · Kungsgatan 44 · 411 19 Göteborg · org.nr 559123-4567")
    document.add_paragraph("Kund / Customer: Västkustens Fastighetsförvaltning AB, Södra Hamngatan 2, 411 06 Göteborg")
    document.add_paragraph("Fakturaadress / Invoice e-mail: ekonomi@vkff.test")
    document.add_paragraph("Startdatum / Start date: 2027-11-01")
    document.add_paragraph(
        "Avtalstid / Term: 12 månader, förlängs automatiskt med 12 månader / 12 months, renews automatically"
    )
    document.add_paragraph("Betalningsvillkor / Payment terms: 30 dagar netto")
    document.add_heading("Välj paket / Choose a plan", level=2)
    plans = document.add_table(rows=1, cols=4)
    plans.style = "Table Grid"
    _fill_row(plans.rows[0], ["", "Paket / Plan", "Pris per månad", "Årsbelopp / per year"], bold=True)
    for row in [
        ["☐", "Basic – 3 users, standard reports", "2 900 kr", "34 800 kr"],
        ["☒", "Professional – 10 users included, energy dashboards, API", "6 400 kr", "76 800 kr"],
        ["☐", "Enterprise – unlimited users, SSO, dedicated CSM", "12 000 kr", "144 000 kr"],
    ]:
        _fill_row(plans.add_row(), row)
    document.add_heading("Tillval / Add-ons", level=2)
    addons = document.add_table(rows=1, cols=4)
    addons.style = "Table Grid"
    _fill_row(addons.rows[0], ["", "Tillval / Add-on", "Pris", "Årsbelopp / per year"], bold=True)
    for row in [
        ["☒", "Extra users beyond the plan: 8 users", "320 kr per user per month", "30 720 kr"],
        ["☐", "SSO (SAML)", "900 kr per month", "10 800 kr"],
        ["☒", "Onboarding workshop (one day, on site)", "7 500 kr one-time", "–"],
    ]:
        _fill_row(addons.add_row(), row)
    document.add_heading("Fakturering / Billing", level=2)
    document.add_paragraph("☐ Månadsvis i förskott / Monthly in advance")
    document.add_paragraph("☒ Årsvis i förskott / Annually in advance (the yearly amounts above)")
    document.add_paragraph(
        "All prices exclude VAT (moms 25 %). The onboarding workshop is invoiced with the first invoice."
    )
    document.add_paragraph("Ort och datum / Place and date: Göteborg, 2027-10-11")
    document.add_paragraph(
        "Kundens underskrift / Customer signature: ____________________  Namnförtydligande: Karin Lindqvist"
    )
    return docx_bytes(document)


F4_12 = contract(
    name="Västkustens Fastighetsförvaltning AB",
    email="ekonomi@vkff.test",
    currency="SEK",
    terms=30,
    start="2027-11-01",
    lines=[
        line("flat", amount="76800.00", billing_interval="year"),
        line("per_seat", unit_price="3840.00", seats="8", billing_interval="year"),
        line("one_time", amount="7500.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f4_13

F4_13_MARKDOWN = """
---
title: "Statement of Work No. 2 — Data Platform Migration"
---

**Between** Aozora Cloud Partners G.K. ("Aozora"), 2-11-3 Meieki, Nakamura-ku, Nagoya 450-0002, **and**
Kanazawa Precision Co., Ltd. ("Client"), 1-5 Hirooka, Kanazawa, Ishikawa 920-0031.

This SOW is issued under the Master Services Agreement dated the 1st of February 2026.

# 1. Key terms

- **SOW Effective Date:** the 5th of April 2027
- **Client contact for invoices:** Finance Department, keiri@kanazawa-precision.test
- **Payment:** within 30 days of the invoice date, by bank transfer to MUFG Bank
- **Currency:** Japanese yen (JPY), excluding consumption tax (10%)

# 2. Scope

Migration of the on-premises manufacturing data warehouse (approx. 14 TB) to a managed cloud platform,
re-implementation of 42 quality reports and training for the Client's IT team. Hardware and
third-party licences are out of scope.

# 3. Fees

The migration is delivered for a fixed fee of ¥18,600,000, invoiced on completion of each milestone:

| # | Milestone | Target date | Share | Amount |
|---|-----------|-------------|------:|-------:|
| 1 | Assessment and target design accepted | 3rd of May 2027 | 20% | ¥3,720,000 |
| 2 | Migration wave 1 (finance and quality data) | 30th of July 2027 | 40% | ¥7,440,000 |
| 3 | Cut-over and final acceptance | 1st of October 2027 | 40% | ¥7,440,000 |

After final acceptance Aozora operates the platform as a managed service for **¥450,000 per month**,
starting on the 1st of October 2027 and invoiced monthly in advance.

Travel to Kanazawa is reimbursed at cost and is not part of the fixed fee.

# 4. Acceptance

Each milestone is accepted when the Client signs the acceptance certificate or does not reject the
deliverable within ten business days.

Signed: Aozora Cloud Partners G.K. — Kenji Mori, Representative Partner

Signed: Kanazawa Precision Co., Ltd. — Yumi Takeda, General Manager, IT
"""


def _f4_13() -> bytes:
    return pandoc(F4_13_MARKDOWN.lstrip("\n"), "markdown", "docx")


F4_13 = contract(
    name="Kanazawa Precision Co., Ltd.",
    email="keiri@kanazawa-precision.test",
    currency="JPY",
    terms=30,
    start="2027-04-05",
    lines=[
        line(
            "milestone",
            milestones=[
                {"name": "Assessment and target design accepted", "amount": "3720000", "due_date": "2027-05-03"},
                {"name": "Migration wave 1", "amount": "7440000", "due_date": "2027-07-30"},
                {"name": "Cut-over and final acceptance", "amount": "7440000", "due_date": "2027-10-01"},
            ],
        ),
        line("flat", amount="450000", start_date="2027-10-01"),
    ],
)

# --------------------------------------------------------------------------------------------- f4_14


def _f4_14() -> bytes:
    html = """<!doctype html><html><head><meta charset="utf-8"><title>PO Acknowledgement</title>
<style>body{font-family:Arial;font-size:10pt}table{border-collapse:collapse}td,th{border:1px solid #777;padding:3px 6px}th{background:#ddd}</style></head><body>
<h1>Purchase Order Acknowledgement</h1>
<p><b>Orbisec Security Pty Ltd</b> (ABN 51 824 753 556), Level 12, 60 Martin Place, Sydney NSW 2000</p>
<p>Acknowledgement no. POA-27-00391 &nbsp;|&nbsp; Date: 14/06/2027</p>
<p>We acknowledge receipt of reseller purchase order <b>MIT-PO-77120</b> dated 11/06/2027 and accept it on the terms below.</p>
<table>
<tr><th>Reseller (Bill To)</th><th>End User (licensee)</th></tr>
<tr><td>Meridian IT Solutions Pty Ltd<br>22 Adelaide St, Brisbane QLD 4000<br>Accounts: ap@meridianit.test</td>
<td>Coastal Water Authority<br>5 Esplanade, Cairns QLD 4870<br>Technical contact: secops@coastalwater.test</td></tr>
</table>
<h2>Subscription details</h2>
<table>
<tr><th>SKU</th><th>Description</th><th>Qty</th><th>List price</th><th>Reseller price (25% off)</th><th>Extended (AUD)</th></tr>
<tr><td>OS-EDR-EP</td><td>Endpoint protection, per endpoint per year</td><td>1,500</td><td>$67.20</td><td>$50.40</td><td>$75,600.00</td></tr>
<tr><td>OS-MDR-24</td><td>Managed detection &amp; response service, annual</td><td>1</td><td>$47,200.00</td><td>$35,400.00</td><td>$35,400.00</td></tr>
<tr><td>OS-QS-ONB</td><td>QuickStart deployment (one-time)</td><td>1</td><td>$6,000.00</td><td>$4,500.00</td><td>$4,500.00</td></tr>
<tr><td colspan="5" style="text-align:right">Subtotal</td><td>$115,500.00</td></tr>
<tr><td colspan="5" style="text-align:right">GST 10%</td><td>$11,550.00</td></tr>
<tr><td colspan="5" style="text-align:right"><b>Total AUD</b></td><td><b>$127,050.00</b></td></tr>
</table>
<h2>Terms</h2>
<ul>
<li>Subscription period: 30/06/2027 to 29/06/2028 (12 months). Renewal requires a new purchase order.</li>
<li>Subscriptions are invoiced to the reseller annually in advance; the QuickStart deployment is invoiced with the first invoice.</li>
<li>Payment terms: 30 days from date of invoice.</li>
<li>All amounts are in Australian dollars.</li>
</ul>
<p>Orbisec Channel Operations &middot; channel@orbisec.test</p>
</body></html>"""
    return soffice_convert(html.encode("utf-8"), ".html", "docx:MS Word 2007 XML")


F4_14 = contract(
    name="Meridian IT Solutions Pty Ltd",
    email="ap@meridianit.test",
    currency="AUD",
    terms=30,
    start="2027-06-30",
    end="2028-06-30",
    lines=[
        line("per_seat", unit_price="50.40", seats="1500", billing_interval="year"),
        line("flat", amount="35400.00", billing_interval="year"),
        line("one_time", amount="4500.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f4_15

F4_15_TEXT = """
From: Olivia Grant <olivia.grant@careroster.test>
Sent: Thursday, 22 July 2027 10:41
To: Billing Ops <billing-ops@careroster.test>
Subject: FW: CareRoster proposal - revised (Thistledown) - PLEASE SET UP

Hi team,

Thistledown signed this morning (DocuSign envelope 7F3A-22C1). Please set them up from the
terms in Ravi's email below - ignore the £42 price further down the thread, that was the first
proposal and it was superseded.

Thanks!
Olivia

Olivia Grant | Sales Operations | CareRoster Ltd
Unit 4, Brunswick Court, Leeds LS2 7QA

---------- Forwarded message ----------
From: Ravi Menon <ravi.menon@careroster.test>
Date: Wed, 21 Jul 2027 at 16:04
Subject: RE: CareRoster proposal - revised
To: Helen Shaw <helen.shaw@thistledown-care.test>
Cc: Olivia Grant <olivia.grant@careroster.test>

Hi Helen,

Thanks for the call earlier. As agreed, here is where we landed:

  * CareRoster Pro: £38 per carer per month (down from £42) for 60 carers
  * Platform & compliance pack: £750 per month
  * Onboarding (normally £2,000): waived

Both recurring charges are invoiced quarterly in advance, so your quarterly invoice will be
£9,090.00 plus VAT. Service starts Monday 2 August 2027. The initial term is 12 months, after
which the subscription rolls on monthly until either side gives 30 days' notice.

Invoices will go to accounts.payable@thistledown-care.test as you asked, payable 30 days from
the invoice date.

Best,
Ravi

Ravi Menon | Account Executive | CareRoster Ltd | +44 113 496 0123

> On 19 Jul 2027, at 09:12, Helen Shaw <helen.shaw@thistledown-care.test> wrote:
>
> Hi Ravi,
>
> We've reviewed the proposal with our directors. £42 per carer is above what we budgeted.
> If we commit to 60 carers from day one, could you do £38? We'd also need the onboarding fee
> to go, given we're migrating from paper rotas anyway.
>
> Kind regards,
> Helen Shaw
> Finance Manager, Thistledown Care Homes Ltd
> 9 Abbey Road, Harrogate HG2 0BE
>
>> On 12 Jul 2027, Ravi Menon wrote:
>>
>> Proposal summary:
>> - CareRoster Pro £42 per carer per month, minimum 50 carers
>> - Platform & compliance pack £750 per month
>> - Onboarding £2,000 one-off
>> - Billing: monthly in advance, 14 days
"""

F4_15 = contract(
    name="Thistledown Care Homes Ltd",
    email="accounts.payable@thistledown-care.test",
    currency="GBP",
    terms=30,
    start="2027-08-02",
    lines=[
        line("per_seat", unit_price="114.00", seats="60", billing_interval_count=3),
        line("flat", amount="2250.00", billing_interval_count=3),
    ],
)

# --------------------------------------------------------------------------------------------- f4_16

F4_16_TEXT = """
HANSE LOGISTIKSOFTWARE GMBH                                              Seite   1 von   1
Am Sandtorkai 27 * 20457 Hamburg
------------------------------------------------------------------------------------------
ANGEBOT / AUFTRAGSBESTAETIGUNG          Beleg-Nr.  0020004711        Datum  09.02.2027
Kunde      100482  Spedition Krueger & Soehne GmbH & Co. KG
                   Industriestrasse 8, 49074 Osnabrueck
Re.-E-Mail         rechnungseingang@krueger-spedition.test
Ansprechp.         Herr T. Kowalczyk, Einkauf
Vertragsbeginn     01.03.2027        Vertragsende  28.02.2030   (keine autom. Verlaengerung)
Zahlungsbed.       Z014  14 Tage 2 % Skonto, 30 Tage netto
Waehrung           EUR
------------------------------------------------------------------------------------------
Pos  Material         Bezeichnung                   Menge ME      Preis Per ME   Betrag/Per.
------------------------------------------------------------------------------------------
 10  LIC-TMS-USER     TMS Named User                   35 ST      42,00   1 MON     4.410,00
                      Fakt.: quartalsweise im Voraus (Betrag je Quartal)
 20  LIC-TMS-BASE     TMS Grundgebuehr                  1 PAU  1.150,00   1 MON     3.450,00
                      Fakt.: quartalsweise im Voraus (Betrag je Quartal)
 30  TRX-SENDUNG      Sendungsabwicklung (Usage)        0 ST      0,085   1 ST      variabel
                      Fakt.: monatlich nachtraeglich nach Verbrauch
 40  DL-EINR          Einrichtung / Datenuebernahme     1 PAU  3.900,00   1 PAU     3.900,00
                      Fakt.: einmalig bei Vertragsbeginn
------------------------------------------------------------------------------------------
                                            Summe je Quartal (Pos. 10+20)    7.860,00
                                            Einmalig (Pos. 40)               3.900,00
                                            zzgl. 19 % MwSt.
------------------------------------------------------------------------------------------
Es gelten unsere Allgemeinen Geschaeftsbedingungen (Stand 01/2026). Preise netto.
Druck: 09.02.2027 14:22 / Benutzer VKHAMB03                                 SD-ANG-02
"""

F4_16 = contract(
    name="Spedition Krueger & Soehne GmbH & Co. KG",
    email="rechnungseingang@krueger-spedition.test",
    currency="EUR",
    terms=30,
    start="2027-03-01",
    end="2030-03-01",
    lines=[
        line("per_seat", unit_price="126.00", seats="35", billing_interval_count=3),
        line("flat", amount="3450.00", billing_interval_count=3),
        line("per_unit", metric="shipments", unit_price="0.085"),
        line("one_time", amount="3900.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f4_17

F4_17_TEXT = """
# Exhibit B — Pricing

**Borealis Dispatch Inc.** · 1250 René-Lévesque Blvd W, Suite 2200, Montréal QC H3B 4W8

Customer: **Laurentian Home Services Inc.**, 77 King St W, Toronto ON M5K 1A2
Accounts payable: ap@laurentianhome.test

| Term | |
|---|---|
| Service start | 2027-04-12 |
| Initial term | 12 months, renewing automatically for further 12-month periods |
| Payment terms | Net 30 |
| Currency | Canadian dollars (CAD) |
| Time zone for billing periods | Eastern Time (America/Toronto) |

## 1. Dispatch platform (usage)

Jobs dispatched are charged per calendar month, in arrears. Each tier's rate applies only to the
jobs falling inside that tier; the tier 1 fee is charged every month, even with no jobs.

| Tier | Jobs dispatched per month | Price per job | Tier fee |
|:----:|:--------------------------|--------------:|---------:|
| 1    | 0 – 1,000                 | $0.00         | $450.00  |
| 2    | 1,001 – 5,000             | $0.40         | —        |
| 3    | 5,001 and above           | $0.28         | —        |

## 2. Technician mobile app

| Item | Price | Quantity | Billing |
|------|------:|---------:|---------|
| Technician licence | CA$24.00 / technician / month | 65 | monthly in advance |
| ~~Route optimisation add-on~~ | CA$6.00 / technician / month | — | not selected |

## 3. Notes

* Prices exclude GST/HST (13% in Ontario).
* Technicians added mid-month are charged from the following month.
* This Exhibit B is part of the Subscription Agreement signed on 2027-03-29.
"""

F4_17 = contract(
    name="Laurentian Home Services Inc.",
    email="ap@laurentianhome.test",
    currency="CAD",
    tz="America/Toronto",
    terms=30,
    start="2027-04-12",
    lines=[
        line(
            "graduated",
            metric="jobs",
            tiers=[
                {"up_to": "1000", "unit_price": "0.00", "flat_fee": "450.00"},
                {"up_to": "5000", "unit_price": "0.40"},
                {"up_to": None, "unit_price": "0.28"},
            ],
        ),
        line("per_seat", unit_price="24.00", seats="65"),
    ],
)

# --------------------------------------------------------------------------------------------- f4_18

F4_18_TEXT = """
==========================================
Schedule 1 -- Fees and Invoicing
==========================================

:Supplier: Kowhai Learning Systems Limited, 18 Customs Street East, Auckland 1010
:Customer: Tauranga Coastal Polytechnic, 200 Cameron Road, Tauranga 3110
:Invoices: accounts@taurangapoly.test
:Reference: KLS-SCH1-2027-004

Term
----

The services start on 2027-02-01 and end on 2029-01-31 (a fixed term of two years). Payment is due
20 days after the invoice date. All amounts are in New Zealand dollars and exclude GST.

Learner fees
------------

Active learners are counted each calendar month and invoiced monthly in arrears. The band that the
month's total number of active learners falls in sets the price for **every** learner that month.

+---------------------------+----------------------------+
| Active learners in month  | Price per active learner   |
+===========================+============================+
| 1 -- 2,000                | NZ$3.10                    |
+---------------------------+----------------------------+
| 2,001 -- 8,000            | NZ$2.60                    |
+---------------------------+----------------------------+
| 8,001 and above           | NZ$2.10                    |
+---------------------------+----------------------------+

Instructor licences
-------------------

+----------------------+-------------------+-----------+------------------------------+
| Item                 | Price             | Quantity  | Invoicing                    |
+======================+===================+===========+==============================+
| Instructor licence   | NZ$55.00 per      | 40        | annually in advance          |
|                      | instructor per    |           | (NZ$660.00 per instructor    |
|                      | month             |           | per year)                    |
+----------------------+-------------------+-----------+------------------------------+

.. note:: The learner bands were revised on 2026-11-20; earlier quotes showing NZ$3.40 for the
   first band are superseded.
"""

F4_18 = contract(
    name="Tauranga Coastal Polytechnic",
    email="accounts@taurangapoly.test",
    currency="NZD",
    terms=20,
    start="2027-02-01",
    end="2029-02-01",
    lines=[
        line(
            "volume",
            metric="active_learners",
            tiers=[
                {"up_to": "2000", "unit_price": "3.10"},
                {"up_to": "8000", "unit_price": "2.60"},
                {"up_to": None, "unit_price": "2.10"},
            ],
        ),
        line("per_seat", unit_price="660.00", seats="40", billing_interval="year"),
    ],
)

# --------------------------------------------------------------------------------------------- f4_19

F4_19_TEXT = """
KAROO CLOUD SERVICES (PTY) LTD                     MASTER SERVICES AGREEMENT
SCHEDULE 3 - SERVICE CHARGES                                    Page 1 of 3

This Schedule 3 is entered into between Karoo Cloud Services (Pty) Ltd
(registration number 2015/123456/07) ("Karoo") and Umhlanga Retail
Holdings (Pty) Ltd (registration number 2009/654321/07) (the "Client")
and forms part of the Master Services Agreement between them.

1.   COMMENCEMENT AND DURATION
1.1  The services under this Schedule commence on 1 July 2027 (the
"Commencement Date") and continue for an initial period of 36 (thirty-
six) months. After the initial period the services continue on a month-
to-month basis until terminated by either party on 3 (three) calendar
months' written notice.

2.   SERVICE CHARGES
2.1  The Client shall pay a managed hosting charge of R 38 500,00 (thirty-
eight thousand five hundred rand) per month, invoiced monthly in
advance.
2.2  Backup storage is charged at R 1,35 per GB-month, invoiced monthly
in arrears, subject to a minimum charge of R 5 000,00 per month for

KAROO CLOUD SERVICES (PTY) LTD                     MASTER SERVICES AGREEMENT
SCHEDULE 3 - SERVICE CHARGES                                    Page 2 of 3

backup storage.
2.3  Professional services requested by the Client outside the scope of
the managed service are charged at R 1 450,00 per hour, invoiced
monthly in arrears against signed timesheets.
2.4  The once-off migration of the Client's point-of-sale and ERP
workloads is charged at R 72 000,00, invoiced on the Commencement Date.
2.5  All charges are stated in South African Rand and exclude VAT at 15%.

3.   PAYMENT
3.1  Invoices are payable within 30 (thirty) days of statement. Invoices
and statements shall be e-mailed to creditors@umhlangaretail.test.
3.2  Karoo may charge interest on overdue amounts at the prime lending
rate plus 2%.

4.   ESCALATION
4.1  The charges in clause 2 escalate annually on each anniversary of
the Commencement Date by CPI, capped at 6% (six percent).

KAROO CLOUD SERVICES (PTY) LTD                     MASTER SERVICES AGREEMENT
SCHEDULE 3 - SERVICE CHARGES                                    Page 3 of 3

SIGNED at Umhlanga on 14 June 2027.
For the Client: ______________________ (N. Pillay, Chief Financial Officer)
SIGNED at Cape Town on 15 June 2027.
For Karoo: ______________________ (J. van der Merwe, Managing Director)
"""

F4_19 = contract(
    name="Umhlanga Retail Holdings (Pty) Ltd",
    email="creditors@umhlangaretail.test",
    currency="ZAR",
    terms=30,
    start="2027-07-01",
    lines=[
        line("flat", amount="38500.00"),
        line("per_unit", metric="gb_months", unit_price="1.35", minimum_amount="5000.00"),
        line("per_unit", metric="hours", unit_price="1450.00"),
        line("one_time", amount="72000.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f4_20

F4_20_TEXT = """
Hi Sam - as discussed, here's the price sheet for Pinecrest pasted from our deal desk tool. They
signed the order form yesterday.

Customer: Pinecrest Outdoor Co.
Bill to: ap@pinecrestoutdoor.test
Start: 2027-05-17, month-to-month (30 days notice to cancel)
Payment: Net 30

sku,description,unit,price_usd,billing,status,notes
"PLAT-ENT","Platform - Enterprise tier","month","2,500.00","monthly in advance","ordered",""
"API-1K","API requests","per 1,000 requests","1.75","monthly in arrears","ordered","first 500,000 requests per month included"
"STOR-GB","Object storage","GB-month","0.09","monthly in arrears","ordered",""
"SSO-SAML","SAML SSO add-on","month","300.00","monthly in advance","declined","customer uses Google login"
"ONB-STD","Onboarding package","one-time","4,000.00","with first invoice","ordered","50% discount approved by deal desk -> net 2,000.00"

Totals (recurring, excl. usage): 2,500.00/month. Let me know if anything looks off.
Cheers, Priya
"""

F4_20 = contract(
    name="Pinecrest Outdoor Co.",
    email="ap@pinecrestoutdoor.test",
    currency="USD",
    terms=30,
    start="2027-05-17",
    lines=[
        line("flat", amount="2500.00"),
        line("package", metric="api_requests", package_size="1000", package_price="1.75", free_units="500000"),
        line("per_unit", metric="gb_months", unit_price="0.09"),
        line("one_time", amount="2000.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f4_21

F4_21_TEXT = """
#deal-desk  ·  Thursday, April 29th, 2027

Conor Byrne  10:14 AM
@billing-ops new one closed 🎉 Oakhaven Veterinary Partners Ltd (Cork). Details:
• clinic suite flat €1.2k/mo
• 12 clinics x €85/clinic/mo for the booking module
• SMS reminders 3 cents per text, billed in arrears obviously
• setup €750 one-off
all the fixed stuff monthly in advance. starts 3rd of May, 1 yr term, no auto-renew (they want to review next spring)
net 15, invoices to billing@oakhavenvet.test
contract's in the CRM under OPP-20931

Aoife Walsh  10:22 AM
thanks! is the setup fee on top of the first month or instead of it?

Conor Byrne  10:23 AM
on top 👍 and sorry, meant to say prices are ex VAT (23%)

Aoife Walsh  10:25 AM
👌 setting it up now
"""

F4_21 = contract(
    name="Oakhaven Veterinary Partners Ltd",
    email="billing@oakhavenvet.test",
    currency="EUR",
    terms=15,
    start="2027-05-03",
    end="2028-05-03",
    lines=[
        line("flat", amount="1200.00"),
        line("per_seat", unit_price="85.00", seats="12"),
        line("per_unit", metric="sms", unit_price="0.03"),
        line("one_time", amount="750.00"),
    ],
)

# --------------------------------------------------------------------------------------------- the batch

DOCUMENTS: list[dict[str, Any]] = [
    {"stem": "f4_01_cpq_order_form_rowspan", "format": "pdf", "produce": _f4_01, "expected": F4_01},
    {"stem": "f4_02_proposal_cards_sidebar_eur", "format": "pdf", "produce": _f4_02, "expected": F4_02},
    {"stem": "f4_03_gbp_charges_schedule_volume", "format": "pdf", "produce": _f4_03, "expected": F4_03},
    {"stem": "f4_04_chf_sow_tab_stops", "format": "pdf", "produce": _f4_04, "expected": F4_04},
    {"stem": "f4_05_nok_price_appendix_two_pages", "format": "pdf", "produce": _f4_05, "expected": F4_05},
    {"stem": "f4_06_sgd_price_change_letter", "format": "pdf", "produce": _f4_06, "expected": F4_06},
    {"stem": "f4_07_hkd_prepaid_quote", "format": "pdf", "produce": _f4_07, "expected": F4_07},
    {"stem": "f4_08_dkk_enterprise_agreement_exhibit", "format": "docx", "produce": _f4_08, "expected": F4_08},
    {"stem": "f4_09_pln_order_nested_tables", "format": "docx", "produce": _f4_09, "expected": F4_09},
    {"stem": "f4_10_aed_renewal_dot_leaders", "format": "docx", "produce": _f4_10, "expected": F4_10},
    {"stem": "f4_11_usd_merchant_agreement_clauses", "format": "docx", "produce": _f4_11, "expected": F4_11},
    {"stem": "f4_12_sek_quote_checkboxes", "format": "docx", "produce": _f4_12, "expected": F4_12},
    {"stem": "f4_13_jpy_sow_pandoc", "format": "docx", "produce": _f4_13, "expected": F4_13},
    {"stem": "f4_14_aud_reseller_po_acknowledgement", "format": "docx", "produce": _f4_14, "expected": F4_14},
    {
        "stem": "f4_15_gbp_forwarded_email_thread",
        "format": "text",
        "produce": lambda: _text(F4_15_TEXT),
        "expected": F4_15,
    },
    {"stem": "f4_16_eur_erp_fixed_width", "format": "text", "produce": lambda: _text(F4_16_TEXT), "expected": F4_16},
    {"stem": "f4_17_cad_markdown_exhibit", "format": "text", "produce": lambda: _text(F4_17_TEXT), "expected": F4_17},
    {"stem": "f4_18_nzd_rst_grid_tables", "format": "text", "produce": lambda: _text(F4_18_TEXT), "expected": F4_18},
    {
        "stem": "f4_19_zar_pasted_pdf_schedule",
        "format": "text",
        "produce": lambda: _text(F4_19_TEXT),
        "expected": F4_19,
    },
    {"stem": "f4_20_usd_csv_price_sheet", "format": "text", "produce": lambda: _text(F4_20_TEXT), "expected": F4_20},
    {"stem": "f4_21_eur_chat_message", "format": "text", "produce": lambda: _text(F4_21_TEXT), "expected": F4_21},
]


def main(argv: list[str]) -> None:
    force = "--force" in argv
    FOLDER.mkdir(exist_ok=True)
    for doc in DOCUMENTS:
        stem = doc["stem"]
        produce: Callable[[], bytes] = doc["produce"]
        (FOLDER / f"{stem}.expected.json").write_text(
            json.dumps(doc["expected"], indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        target = FOLDER / f"{stem}{SUFFIX[doc['format']]}"
        if force or not target.exists():
            target.write_bytes(produce())
            sys.stdout.write(f"wrote {target.relative_to(HERE)}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
