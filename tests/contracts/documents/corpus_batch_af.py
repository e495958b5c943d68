"""Unseen batch AF (round 5, producers): ten ordinary order forms, quotes, pricing schedules, SOWs and
renewal letters written (with the expected contracts) before the extractor code was read, each made with
a different tool chain a real company uses (bench/extraction.py --set batch_af):

- af01: HTML with CSS printed by headless Chromium: seller and buyer side by side (flex), a key-facts
  grid of <div>s, a bordered fees table (border-collapse);
- af02: HTML printed by Chromium: a borderless quote table with right-aligned amounts in European number
  format (1.234,50 €), a rule under the header only, dd.mm.yyyy dates and a right-aligned totals block;
- af03: a reportlab canvas drawing text at x/y positions like an invoice generator (no Table objects),
  amounts right-aligned with drawRightString, a line under the column headings;
- af04: a python-docx SOW converted to PDF by LibreOffice (soffice --convert-to pdf): milestone table
  with a grid, a rate card in a default (borderless) Word table;
- af05: HTML printed by Chromium where the pricing "table" is a CSS grid of <div>s (no <table>);
- af06: python-docx with a layout table holding the page (seller / buyer side by side) and the price
  list in a default borderless table nested inside a merged cell;
- af07: python-docx renewal letter whose price list is tab-stop paragraphs (Item<TAB>Qty<TAB>Price),
  Swiss apostrophe thousands (CHF 6'000.00);
- af08: a DOCX written by LibreOffice (HTML converted by soffice --convert-to docx), NZD, dd/mm/yyyy;
- af09: text from `pdftotext -layout` of a Chromium-printed quote (parties side by side);
- af10: text copied out of a PDF viewer (pdfplumber's extract_text of a Chromium-printed schedule: each
  table row one line, cells separated by single spaces).

The document files are made by the ``produce`` functions below (they need chromium and LibreOffice):
``python -m tests.contracts.documents.corpus_batch_af`` regenerates them all. make_corpus only writes
the expected contracts and produces a document file that is missing, so re-rendering leaves them as
committed (these producers stamp creation dates into their files).
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from tests.contracts.documents.corpus_dev import contract, line
from tests.contracts.documents.external_tools import chromium_pdf, docx_bytes, soffice_convert

HERE = Path(__file__).resolve().parent / "batch_af"


# ---------------------------------------------------------------- producers


def _pdftotext_layout(pdf: bytes) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "doc.pdf"
        source.write_bytes(pdf)
        return subprocess.run(
            ["pdftotext", "-layout", str(source), "-"], check=True, capture_output=True, timeout=60
        ).stdout


def _viewer_copy(pdf: bytes) -> bytes:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return ("\n\n".join(page.extract_text() or "" for page in document.pages) + "\n").encode("utf-8")


CSS = """
body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 10pt; color: #222; margin: 0; }
h1 { font-size: 18pt; margin: 0 0 4px 0; } h2 { font-size: 12pt; margin: 18px 0 6px 0; color: #1d4e89; }
.small { font-size: 8.5pt; color: #555; }
"""


def produce_af01() -> bytes:
    html = f"""<html><head><meta charset="utf-8"><style>{CSS}
.top {{ display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 3px solid #1d4e89;
       padding-bottom: 8px; }}
.parties {{ display: flex; gap: 40px; margin-top: 14px; }}
.party {{ flex: 1; }} .party .label {{ font-size: 8pt; text-transform: uppercase; color: #888; }}
.facts {{ display: grid; grid-template-columns: 150px 1fr 150px 1fr; gap: 4px 10px; margin-top: 16px;
         background: #f3f6fa; padding: 8px; }}
.facts .k {{ font-weight: bold; }}
table.fees {{ width: 100%; border-collapse: collapse; margin-top: 8px; }}
table.fees th, table.fees td {{ border: 1px solid #9aa7b5; padding: 5px 6px; vertical-align: top; }}
table.fees th {{ background: #1d4e89; color: white; text-align: left; }}
td.num {{ text-align: right; }}
</style></head><body>
<div class="top"><div><h1>Lumora Health Cloud</h1><div class="small">Clinical software for specialty
practices</div></div><div style="text-align:right"><b>ORDER FORM</b><br>No. OF-44817<br>
Order date: 03/02/2027</div></div>
<div class="parties">
 <div class="party"><div class="label">Provider</div><b>Lumora Health Cloud, Inc.</b><br>500 Harrison Street, Suite
 300<br>San Francisco, CA 94107<br>sales@lumorahealth.test</div>
 <div class="party"><div class="label">Customer</div><b>Cedar Ridge Orthopedics, P.C.</b><br>18 Elm Court<br>
 Asheville, NC 28801<br>Accounts payable: ap@cedarridgeortho.test</div>
</div>
<div class="facts">
 <div class="k">Service start</div><div>March 15, 2027</div>
 <div class="k">Initial term</div><div>36 months</div>
 <div class="k">Payment terms</div><div>Net 30</div>
 <div class="k">Currency</div><div>USD</div>
</div>
<h2>Fees</h2>
<table class="fees">
<tr><th>Product</th><th>Description</th><th>Qty</th><th>Unit price</th><th>Billing</th><th>Total</th></tr>
<tr><td>Provider seats</td><td>Charting, scheduling and e-prescribing, per named provider</td><td class="num">42</td>
<td class="num">$1,068.00 / year</td><td>Annually in advance</td><td class="num">$44,856.00</td></tr>
<tr><td>Patient messaging</td><td>Appointment reminders by SMS, per message sent</td><td class="num">&mdash;</td>
<td class="num">$0.03</td><td>Monthly in arrears</td><td class="num">usage</td></tr>
<tr><td>Implementation</td><td>One-time setup, template build and data import</td><td class="num">1</td>
<td class="num">$7,500.00</td><td>One-time, on signature</td><td class="num">$7,500.00</td></tr>
</table>
<p class="small">This Order Form is governed by the Lumora Subscription Agreement. Fees exclude applicable taxes.
Provider seats may be increased at any time at the then-current unit price, prorated to the end of the billing
year.</p>
<p>Accepted by Cedar Ridge Orthopedics, P.C. &mdash; Name: ____________ Title: ____________</p>
</body></html>"""
    return chromium_pdf(html)


def produce_af02() -> bytes:
    html = f"""<html><head><meta charset="utf-8"><style>{CSS}
.head {{ display: flex; justify-content: space-between; }}
.addr {{ text-align: right; font-size: 9pt; }}
table.q {{ width: 100%; border-collapse: collapse; margin-top: 10px; }}
table.q th {{ border-bottom: 1.5px solid #333; text-align: left; padding: 4px; font-weight: bold; }}
table.q td {{ padding: 4px; }} .r {{ text-align: right; }}
table.sum {{ margin-left: auto; margin-top: 10px; border-collapse: collapse; }}
table.sum td {{ padding: 2px 4px 2px 30px; }} table.sum tr.t td {{ border-top: 1px solid #333; font-weight: bold; }}
</style></head><body>
<div class="head"><div><h1>Quote 2027-118</h1>Date: 08.03.2027<br>Valid until: 07.04.2027</div>
<div class="addr"><b>Flottwerk Software GmbH</b><br>Speicherstraße 12<br>28217 Bremen<br>
USt-IdNr. DE 298 114 551</div></div>
<p style="margin-top:18px"><b>Customer</b><br>Brenner Logistik GmbH<br>Am Hafen 4, 20457 Hamburg<br>
Invoice e-mail: rechnung@brenner-logistik.test</p>
<p>Dear Ms Albers, thank you for your interest. We are pleased to quote as follows:</p>
<table class="q">
<tr><th>Pos.</th><th>Service</th><th class="r">Qty</th><th class="r">Unit price</th><th class="r">Amount</th></tr>
<tr><td>1</td><td>Dispatcher user licence (per user / month)</td><td class="r">25</td><td class="r">38,50 €</td>
<td class="r">962,50 €</td></tr>
<tr><td>2</td><td>Route optimisation module (flat fee / month)</td><td class="r">1</td><td class="r">450,00 €</td>
<td class="r">450,00 €</td></tr>
<tr><td>3</td><td>Onboarding and training (one-off)</td><td class="r">1</td><td class="r">2.400,00 €</td>
<td class="r">2.400,00 €</td></tr>
</table>
<table class="sum">
<tr><td>Monthly fees (net)</td><td class="r">1.412,50 €</td></tr>
<tr><td>One-off fees (net)</td><td class="r">2.400,00 €</td></tr>
<tr><td>VAT 19 %</td><td class="r">724,38 €</td></tr>
<tr class="t"><td>Total first invoice</td><td class="r">4.536,88 €</td></tr>
</table>
<h2>Terms</h2>
<p>Contract start: 01.04.2027 &middot; Minimum term: 24 months &middot; Monthly fees are invoiced monthly in
advance; the onboarding fee is invoiced with the first invoice &middot; Payment: 14 days net.</p>
<p class="small">All prices in euros plus statutory VAT.</p>
</body></html>"""
    return chromium_pdf(html)


def produce_af03() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuB", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    width, height = A4
    c.setFont("DejaVuB", 16)
    c.drawString(50, height - 60, "Insightloom Ltd")
    c.setFont("DejaVu", 8)
    c.drawString(50, height - 74, "4 Quayside Mills, Bristol BS1 6NQ  |  Company no. 10982231")
    c.setFont("DejaVuB", 13)
    c.drawRightString(width - 50, height - 60, "ORDER CONFIRMATION")
    c.setFont("DejaVu", 9)
    c.drawRightString(width - 50, height - 74, "Reference: IL-OC-2291")
    c.drawRightString(width - 50, height - 86, "Issued: 2027-04-19")
    y = height - 130
    c.setFont("DejaVuB", 9)
    c.drawString(50, y, "Customer")
    c.drawString(300, y, "Subscription")
    c.setFont("DejaVu", 9)
    left = ["Marlow & Finch Retail Group plc", "Unit 9, Thames Park", "Reading RG1 8BD",
            "Invoices to: purchase.ledger@marlowfinch.test"]
    right = ["Term: 1 June 2027 – 31 May 2028", "Payment: 30 days from invoice date", "Currency: GBP"]
    for i, text in enumerate(left):
        c.drawString(50, y - 14 * (i + 1), text)
    for i, text in enumerate(right):
        c.drawString(300, y - 14 * (i + 1), text)
    y -= 100
    columns = [(50, "Description", "l"), (330, "Qty", "r"), (420, "Unit price", "r"), (width - 50, "Amount", "r")]
    c.setFont("DejaVuB", 9)
    for x, title, align in columns:
        (c.drawString if align == "l" else c.drawRightString)(x, y, title)
    c.line(50, y - 4, width - 50, y - 4)
    rows = [
        ("Analytics platform – annual subscription", "1", "£18,000.00", "£18,000.00"),
        ("Additional viewer seats (per seat per year)", "15", "£240.00", "£3,600.00"),
        ("API requests above 2,000,000 per month", "", "£0.50 / 1,000", "billed monthly in arrears"),
    ]
    c.setFont("DejaVu", 9)
    for row in rows:
        y -= 18
        c.drawString(50, y, row[0])
        for (x, _, _), value in zip(columns[1:], row[1:], strict=True):
            c.drawRightString(x, y, value)
    y -= 10
    c.line(300, y, width - 50, y)
    for label, value in (("Annual fees", "£21,600.00"), ("VAT at 20%", "£4,320.00"), ("Total due", "£25,920.00")):
        y -= 15
        c.drawString(330, y, label)
        c.drawRightString(width - 50, y, value)
    y -= 40
    notes = [
        "Notes",
        "1. The platform subscription and viewer seats are invoiced annually in advance on the start date.",
        "2. The first 2,000,000 API requests in each calendar month are included in the platform subscription;",
        "    requests above that are charged at £0.50 per block of 1,000 requests, invoiced monthly in arrears.",
        "3. This confirmation is subject to Insightloom's standard terms of business.",
    ]
    for i, text in enumerate(notes):
        c.setFont("DejaVuB" if i == 0 else "DejaVu", 8.5)
        c.drawString(50, y - 13 * i, text)
    c.setFont("DejaVu", 7)
    c.drawCentredString(width / 2, 30, "Insightloom Ltd · Registered in England and Wales · VAT GB 377 1092 44")
    c.showPage()
    c.save()
    return buffer.getvalue()


def _grid_table(document: Any, rows: list[list[str]], style: str | None) -> Any:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    if style:
        table.style = style
    for r, row in enumerate(rows):
        for col, text in enumerate(row):
            table.cell(r, col).text = text
    return table


def produce_af04() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Statement of Work #2 – E-commerce Replatforming", level=1)
    document.add_paragraph(
        "This Statement of Work is entered into under the Master Services Agreement dated January 9, 2026 between "
        "Northlight Digital Partners Inc. (\"Northlight\") and Boreal Outfitters Co-operative (\"Client\")."
    )
    _grid_table(document, [
        ["SOW start date", "Jun 14, 2027"],
        ["Client contact", "Marie Gagnon, Director of Digital"],
        ["Invoices to", "payables@borealoutfitters.test"],
        ["Payment terms", "Net 45"],
    ], "Table Grid")
    document.add_heading("1. Fees", level=2)
    document.add_paragraph(
        "The work described in section 3 is delivered for a fixed fee of CAD 62,500.00 (taxes extra), invoiced on "
        "the milestones below."
    )
    _grid_table(document, [
        ["Milestone", "Share", "Amount", "Invoice date"],
        ["Discovery complete", "25%", "CAD 15,625.00", "Jun 14, 2027"],
        ["Storefront build accepted", "50%", "CAD 31,250.00", "Aug 30, 2027"],
        ["Launch", "25%", "CAD 15,625.00", "Oct 15, 2027"],
    ], "Table Grid")
    document.add_heading("2. Additional work", level=2)
    document.add_paragraph(
        "Change requests approved in writing are performed on a time-and-materials basis at the hourly rates "
        "below and invoiced monthly in arrears."
    )
    _grid_table(document, [
        ["Role", "Rate"],
        ["Solution architect", "CAD 210 / hour"],
        ["Developer", "CAD 165 / hour"],
    ], None)
    document.add_heading("3. Scope", level=2)
    document.add_paragraph("Migration of the Client's catalogue, checkout and loyalty programme to the new platform.")
    return soffice_convert(docx_bytes(document), ".docx", "pdf")


def produce_af05() -> bytes:
    html = f"""<html><head><meta charset="utf-8"><style>{CSS}
.hero {{ background: #0f3d3e; color: white; padding: 16px 20px; }}
.hero h1 {{ color: white; }}
.kv {{ display: grid; grid-template-columns: 180px 1fr; gap: 3px 12px; margin: 14px 0; }}
.kv div:nth-child(odd) {{ color: #666; }}
.card {{ border: 1px solid #cfd8dc; border-radius: 6px; padding: 10px 14px; margin: 10px 0; }}
.tiers {{ display: grid; grid-template-columns: 1fr 1fr; gap: 0; margin-top: 6px; }}
.tiers div {{ padding: 4px 0; border-bottom: 1px solid #eceff1; }}
.tiers .h {{ font-weight: bold; }}
.price {{ display: flex; justify-content: space-between; }}
</style></head><body>
<div class="hero"><h1>Pricing Schedule</h1><div>Ticketa Payments Pty Ltd &middot; ABN 61 402 118 733</div></div>
<div class="kv">
 <div>Merchant</div><div>Harbourline Ticketing Pty Ltd</div>
 <div>Finance contact</div><div>finance@harbourline.test</div>
 <div>Effective date</div><div>1 August 2027</div>
 <div>Term</div><div>2 years</div>
</div>
<div class="card"><h2>Card processing</h2>
<div class="price"><span>Domestic and international cards</span><span><b>1.75% + A$0.20</b> per transaction</span></div>
<div class="small">Deducted from settlements; reported monthly.</div></div>
<div class="card"><h2>Ticket issuance</h2>
<div>All tickets issued in a calendar month are charged at the rate of the band that month's total falls in.</div>
<div class="tiers">
 <div class="h">Tickets issued per month</div><div class="h">Price per ticket</div>
 <div>0 – 20,000</div><div>A$0.12</div>
 <div>20,001 – 100,000</div><div>A$0.09</div>
 <div>over 100,000</div><div>A$0.07</div>
</div></div>
<div class="card"><h2>Minimum monthly spend</h2>
<div class="price"><span>Across card processing and ticket issuance</span><span><b>A$3,000.00</b> per month</span></div>
<div class="small">Any shortfall is invoiced with the month's ticket fees.</div></div>
<p>Ticket fees are invoiced monthly in arrears. Invoices are payable within 14 days. All amounts are in Australian
dollars and exclude GST.</p>
</body></html>"""
    return chromium_pdf(html)


def produce_af06() -> bytes:
    import docx

    document = docx.Document()
    layout = document.add_table(rows=3, cols=2)  # default style: no borders (a layout table)
    layout.cell(0, 0).text = "Meridian Crewware Pte. Ltd.\n71 Ayer Rajah Crescent #02-18\nSingapore 139951"
    layout.cell(0, 1).text = "ORDER FORM\nOrder no. MC-5530\nDate: 2 August 2027"
    layout.cell(1, 0).text = (
        "Customer\nTanjong Marine Services Pte. Ltd.\n9 Pandan Road\nSingapore 609257\n"
        "Billing e-mail: accounts@tanjongmarine.test"
    )
    layout.cell(1, 1).text = "Start Date: 1 September 2027\nSubscription Term: 12 months\nPayment Terms: 30 days"
    merged = layout.cell(2, 0).merge(layout.cell(2, 1))
    merged.text = "Subscription and services (all prices in SGD, exclusive of GST)"
    nested = merged.add_table(rows=4, cols=4)
    for r, row in enumerate([
        ["Item", "Qty", "Unit price (SGD)", "Frequency"],
        ["Crew scheduling seats", "60", "14.00", "Monthly in advance"],
        ["Vessel telemetry bundle (8 vessels)", "1", "960.00", "Monthly in advance"],
        ["Setup and configuration", "1", "3,000.00", "One-time"],
    ]):
        for col, text in enumerate(row):
            nested.cell(r, col).text = text
    document.add_paragraph("")
    document.add_paragraph(
        "This Order Form is subject to the Meridian Crewware Subscription Terms. Signed for and on behalf of "
        "the Customer: ____________________"
    )
    return docx_bytes(document)


def produce_af07() -> bytes:
    import docx
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm

    document = docx.Document()
    for text in ("Sennweid Systems AG", "Bahnhofstrasse 41, 8001 Zürich", "", "Zurich, 12 May 2028", "",
                 "Alpenrose Hotels AG", "Attn. Mr. Lukas Meier, CFO", "Seestrasse 8", "6353 Weggis", ""):
        document.add_paragraph(text)
    document.add_paragraph("Renewal of your HotelDesk subscription").runs[0].bold = True
    document.add_paragraph("Dear Mr. Meier,")
    document.add_paragraph(
        "Your HotelDesk subscription renews on 1 July 2028 for a further twelve months, until 30 June 2029. "
        "The renewed prices, which include the agreed annual adjustment, are:"
    )

    def tab_line(cells: list[str], bold: bool = False) -> None:
        paragraph = document.add_paragraph()
        stops = paragraph.paragraph_format.tab_stops
        stops.add_tab_stop(Cm(9), WD_TAB_ALIGNMENT.RIGHT)
        stops.add_tab_stop(Cm(14), WD_TAB_ALIGNMENT.RIGHT)
        run = paragraph.add_run("\t".join(cells))
        run.bold = bold

    tab_line(["Item", "Quantity", "Price per year"], bold=True)
    tab_line(["Front-desk licences (per user)", "30", "CHF 480.00"])
    tab_line(["Channel manager", "1", "CHF 6'000.00"])
    document.add_paragraph(
        "In addition, the revenue management add-on is charged at 1.5% of the room revenue it optimises, "
        "invoiced monthly in arrears."
    )
    document.add_paragraph(
        "The annual fees are invoiced annually in advance to buchhaltung@alpenrose-hotels.test and are payable "
        "within 30 days. If you have any questions, please contact your account manager."
    )
    document.add_paragraph("Kind regards,")
    document.add_paragraph("Sennweid Systems AG")
    document.add_paragraph("Nadia Keller, Customer Success")
    return docx_bytes(document)


def produce_af08() -> bytes:
    html = """<html><head><meta charset="utf-8"></head><body style="font-family: 'Liberation Sans'">
<h1>Kea Voice – Service Proposal</h1>
<p><b>Prepared for:</b> Riverbend Property Management Ltd<br><b>Accounts:</b> accounts@riverbendpm.test<br>
<b>Proposal date:</b> 28/06/2027</p>
<h2>Your plan</h2>
<p>Service commences on 15/07/2027 for an initial term of 12 months. Prices are in New Zealand dollars (NZD)
and exclude GST.</p>
<table border="1" cellspacing="0" cellpadding="4">
<tr><th>Service</th><th>Price</th><th>Notes</th></tr>
<tr><td>Hosted phone lines</td><td>NZ$32.00 per user per month</td><td>45 users, billed monthly in advance</td></tr>
<tr><td>Outbound calls</td><td>NZ$0.045 per minute</td><td>Billed monthly in arrears</td></tr>
<tr><td>Number porting</td><td>NZ$300.00 one-off</td><td>12 numbers, invoiced on the first bill</td></tr>
</table>
<h2>Payment</h2>
<p>Payment is due 20 days after the invoice date by direct credit.</p>
<p>Kea Voice Limited, Level 3, 150 Willis Street, Wellington 6011</p>
</body></html>"""
    return soffice_convert(html.encode("utf-8"), ".html", "docx:MS Word 2007 XML", "HTML (StarWriter)")


def produce_af09() -> bytes:
    html = f"""<html><head><meta charset="utf-8"><style>{CSS}
.cols {{ display: flex; gap: 60px; margin: 12px 0; }} .cols div {{ flex: 1; }}
table {{ width: 100%; border-collapse: collapse; }} th {{ text-align: left; border-bottom: 1px solid #000; }}
td, th {{ padding: 4px; }} .r {{ text-align: right; }}
</style></head><body>
<h1>Quote Q-7742</h1>
<div>Quote date: April 2, 2027</div>
<div class="cols">
 <div><b>From</b><br>Cortexa AI, Inc.<br>2100 Guadalupe St<br>Austin, TX 78705</div>
 <div><b>Prepared for</b><br>Quillon Robotics Inc.<br>Billing: ap@quillonrobotics.test<br>Pittsburgh, PA</div>
</div>
<table>
<tr><th>Item</th><th>Details</th><th class="r">Price</th></tr>
<tr><td>Prepaid inference credits</td><td>US$20,000.00 of usage credits, invoiced on signature; credits expire on
March 31, 2028</td><td class="r">US$18,000.00</td></tr>
<tr><td>Premium support</td><td>Monthly, billed in advance</td><td class="r">US$1,200.00 / month</td></tr>
</table>
<p>Subscription start: April 1, 2027. Usage above the prepaid balance is drawn at list rates. Payment terms: net 15
days. All prices in US dollars.</p>
</body></html>"""
    return _pdftotext_layout(chromium_pdf(html))


def produce_af10() -> bytes:
    html = f"""<html><head><meta charset="utf-8"><style>{CSS}
table {{ border-collapse: collapse; margin: 6px 0; }} td, th {{ border: 1px solid #999; padding: 4px 8px; }}
.r {{ text-align: right; }}
</style></head><body>
<h1>Schedule A – Commercial Terms</h1>
<p>Supplier: Tsubame Cloud K.K., Tokyo<br>Customer: Hoshino Precision Co., Ltd.<br>
Customer billing address: keiri@hoshino-precision.test</p>
<p>Commencement date: 2027/10/01. Term: three (3) years from the commencement date.</p>
<table>
<tr><th>Fee</th><th>Price (JPY)</th><th>Invoicing</th></tr>
<tr><td>Platform licence</td><td class="r">¥2,400,000 per year</td><td>Annually in advance</td></tr>
<tr><td>Named users (50)</td><td class="r">¥3,000 per user per month</td><td>Monthly in advance</td></tr>
<tr><td>Storage above 1 TB included</td><td class="r">¥2,000 per TB per month</td><td>Monthly in arrears</td></tr>
</table>
<p>Payment is due within 60 days of the invoice date. Consumption tax is charged in addition.</p>
</body></html>"""
    return _viewer_copy(chromium_pdf(html))


# ---------------------------------------------------------------- documents with expected contracts

DOCS: list[dict[str, Any]] = [
    {
        "name": "af01_chromium_css_order_form",
        "format": "pdf",
        "produce": produce_af01,
        "expected": contract(
            name="Cedar Ridge Orthopedics, P.C.", email="ap@cedarridgeortho.test", currency="USD", terms=30,
            start="2027-03-15", end="2030-03-15",
            lines=[
                line("per_seat", unit_price="1068.00", seats="42", billing_interval="year"),
                line("per_unit", metric="messages", unit_price="0.03"),
                line("one_time", amount="7500.00"),
            ],
        ),
    },
    {
        "name": "af02_chromium_borderless_eur_quote",
        "format": "pdf",
        "produce": produce_af02,
        "expected": contract(
            name="Brenner Logistik GmbH", email="rechnung@brenner-logistik.test", currency="EUR", terms=14,
            start="2027-04-01", end="2029-04-01",
            lines=[
                line("per_seat", unit_price="38.50", seats="25"),
                line("flat", amount="450.00"),
                line("one_time", amount="2400.00"),
            ],
        ),
    },
    {
        "name": "af03_reportlab_canvas_confirmation",
        "format": "pdf",
        "produce": produce_af03,
        "expected": contract(
            name="Marlow & Finch Retail Group plc", email="purchase.ledger@marlowfinch.test", currency="GBP",
            terms=30, start="2027-06-01", end="2028-06-01",
            lines=[
                line("flat", amount="18000.00", billing_interval="year"),
                line("per_seat", unit_price="240.00", seats="15", billing_interval="year"),
                line("package", metric="api_requests", package_size="1000", package_price="0.50",
                     free_units="2000000"),
            ],
        ),
    },
    {
        "name": "af04_docx_soffice_pdf_sow",
        "format": "pdf",
        "produce": produce_af04,
        "expected": contract(
            name="Boreal Outfitters Co-operative", email="payables@borealoutfitters.test", currency="CAD",
            terms=45, start="2027-06-14",
            lines=[
                line("milestone", milestones=[
                    {"name": "Discovery complete", "amount": "15625.00", "due_date": "2027-06-14"},
                    {"name": "Storefront build accepted", "amount": "31250.00", "due_date": "2027-08-30"},
                    {"name": "Launch", "amount": "15625.00", "due_date": "2027-10-15"},
                ]),
                line("per_unit", metric="hours", unit_price="210.00"),
                line("per_unit", metric="hours", unit_price="165.00"),
            ],
        ),
    },
    {
        "name": "af05_chromium_css_grid_schedule",
        "format": "pdf",
        "produce": produce_af05,
        "expected": contract(
            name="Harbourline Ticketing Pty Ltd", email="finance@harbourline.test", currency="AUD", terms=14,
            start="2027-08-01", end="2029-08-01",
            commitment={"amount": "3000.00", "period": "billing_period"},
            lines=[
                line("percentage", metric="transaction_amount", rate="1.75", fixed_fee="0.20"),
                line("volume", metric="tickets", tiers=[
                    {"up_to": "20000", "unit_price": "0.12"},
                    {"up_to": "100000", "unit_price": "0.09"},
                    {"up_to": None, "unit_price": "0.07"},
                ]),
            ],
        ),
    },
    {
        "name": "af06_docx_layout_table_nested",
        "format": "docx",
        "produce": produce_af06,
        "expected": contract(
            name="Tanjong Marine Services Pte. Ltd.", email="accounts@tanjongmarine.test", currency="SGD", terms=30,
            start="2027-09-01", end="2028-09-01",
            lines=[
                line("per_seat", unit_price="14.00", seats="60"),
                line("flat", amount="960.00"),
                line("one_time", amount="3000.00"),
            ],
        ),
    },
    {
        "name": "af07_docx_tab_stop_renewal_letter",
        "format": "docx",
        "produce": produce_af07,
        "expected": contract(
            name="Alpenrose Hotels AG", email="buchhaltung@alpenrose-hotels.test", currency="CHF", terms=30,
            start="2028-07-01", end="2029-07-01",
            lines=[
                line("per_seat", unit_price="480.00", seats="30", billing_interval="year"),
                line("flat", amount="6000.00", billing_interval="year"),
                line("percentage", metric="transaction_amount", rate="1.5"),
            ],
        ),
    },
    {
        "name": "af08_libreoffice_docx_proposal",
        "format": "docx",
        "produce": produce_af08,
        "expected": contract(
            name="Riverbend Property Management Ltd", email="accounts@riverbendpm.test", currency="NZD", terms=20,
            start="2027-07-15", end="2028-07-15",
            lines=[
                line("per_seat", unit_price="32.00", seats="45"),
                line("per_unit", metric="minutes", unit_price="0.045"),
                line("one_time", amount="300.00"),
            ],
        ),
    },
    {
        "name": "af09_pdftotext_layout_quote",
        "format": "text",
        "produce": produce_af09,
        "expected": contract(
            name="Quillon Robotics Inc.", email="ap@quillonrobotics.test", currency="USD", terms=15,
            start="2027-04-01",
            lines=[
                line("prepaid_credit", amount="20000.00", price="18000.00", expires_on="2028-03-31"),
                line("flat", amount="1200.00"),
            ],
        ),
    },
    {
        "name": "af10_viewer_copy_schedule",
        "format": "text",
        "produce": produce_af10,
        "expected": contract(
            name="Hoshino Precision Co., Ltd.", email="keiri@hoshino-precision.test", currency="JPY", terms=60,
            start="2027-10-01", end="2030-10-01",
            lines=[
                line("flat", amount="2400000", billing_interval="year"),
                line("per_seat", unit_price="3000", seats="50"),
                line("per_unit", metric="tb", unit_price="2000", included_units="1"),
            ],
        ),
    },
]


def main() -> None:
    """Regenerate every document file of the batch with its producer (needs chromium and LibreOffice)."""
    from tests.contracts.documents.make_corpus import produce_all

    produce_all(HERE, DOCS)


if __name__ == "__main__":
    main()
