"""Blind measurement batch FINAL3: twenty-one contract documents written, with the contracts a billing
admin would enter, WITHOUT reading or running the extractor (only scoring.py, the corpus_dev helpers,
the billing conventions and API docs were read for the format). Nobody tuned anything on them.

Producers (the point of the batch is variety of the producing tool):
- PDF (7): Chromium print of a bordered letterhead HTML order form; Chromium print of a borderless
  CSS-grid pricing schedule; LibreOffice Writer PDF of a python-docx statement of work; reportlab
  platypus tables; a reportlab canvas letter drawing text at positions; xhtml2pdf of an HTML quote;
  a Markdown page (markdown-it) rendered to a two-column HTML page and printed by Chromium.
- DOCX (7): python-docx with a styled grid table after long legal clauses; python-docx with tab
  stops and no tables; python-docx with numbered lists and headers/footers; python-docx with merged
  cells inside a layout table; LibreOffice HTML-to-DOCX; HTML-to-ODT-to-DOCX through LibreOffice;
  pandoc Markdown-to-DOCX.
- Text (7): an e-mail thread with quoted replies hard-wrapped at 72 columns; a Markdown order form;
  a fixed-width service order; a tab-separated table pasted into an e-mail; pandoc ``-t plain`` of
  an HTML statement of work; a Slack deal-desk message; text pasted from a PDF (page furniture,
  broken lines, hyphenation).

``python -m tests.contracts.documents.corpus_batch_final3`` writes every expected JSON and writes a
document file only when it is missing (``--force`` rewrites them all).
"""

# ruff: noqa: E501  (hand-written documents keep their own line lengths)
from __future__ import annotations

import io
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from tests.contracts.documents.corpus_dev import contract, line
from tests.contracts.documents.external_tools import chromium_pdf, docx_bytes, html_page, pandoc, soffice_convert

HERE = Path(__file__).resolve().parent
FOLDER = HERE / "batch_final3"


# --------------------------------------------------------------------------------------------- producers


def _wrap72(text: str) -> str:
    out = []
    for paragraph in textwrap.dedent(text).strip("\n").split("\n"):
        prefix = ""
        while paragraph.startswith(">"):
            prefix += "> "
            paragraph = paragraph[1:].lstrip()
        if not paragraph:
            out.append(prefix.rstrip())
            continue
        out.extend(
            textwrap.wrap(
                paragraph, 72 - len(prefix), initial_indent=prefix, subsequent_indent=prefix, break_on_hyphens=False
            )
        )
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------- f3_01 Chromium, bordered letterhead


def _f3_01() -> bytes:
    css = (
        "body{font-family:'Liberation Sans',Arial,sans-serif;font-size:9.5pt;margin:28px 40px;color:#222}"
        ".lh{border-bottom:3px solid #2b6e4f;padding-bottom:6px;margin-bottom:14px}.lh b{font-size:15pt;color:#2b6e4f}"
        "table{border-collapse:collapse;width:100%;margin:8px 0}td,th{border:1px solid #8a9a91;padding:4px 6px}"
        "th{background:#dfeee6;text-align:left}.r{text-align:right}.fine{font-size:7.5pt;color:#555}"
    )
    body = """
<div class='lh'><b>Kōwhai Software Limited</b><br>Level 3, 22 Durham Street, Christchurch 8011 &middot; GST No. 112-448-903 &middot; kowhai.test</div>
<h2>Order Form KS-NZ-0719</h2>
<table>
<tr><th>Customer</th><td>Tauranga Marine Services Limited<br>14 Hull Road, Mount Maunganui 3116</td><th>Order date</th><td>18 January 2027</td></tr>
<tr><th>Accounts contact</th><td>Hemi Walker &ndash; accounts@taurangamarine.test</td><th>Sales rep</th><td>Olivia Brandt</td></tr>
<tr><th>Subscription term</th><td>1 March 2027 &ndash; 29 February 2028 (12 months)</td><th>Billing</th><td>Annually in advance</td></tr>
<tr><th>Currency</th><td>New Zealand dollars (NZD)</td><th>Payment terms</th><td>20 days from date of invoice</td></tr>
</table>
<table>
<tr><th>Item</th><th class='r'>Qty</th><th class='r'>List (NZ$)</th><th class='r'>Discount</th><th class='r'>Net unit (NZ$)</th><th class='r'>Annual total (NZ$)</th></tr>
<tr><td>Fleet Manager Pro &ndash; named user licence (per user / year)</td><td class='r'>25</td><td class='r'>540.00</td><td class='r'>10%</td><td class='r'>486.00</td><td class='r'>12,150.00</td></tr>
<tr><td>Vessel tracking module (site licence, per year)</td><td class='r'>1</td><td class='r'>4,800.00</td><td class='r'>&ndash;</td><td class='r'>4,800.00</td><td class='r'>4,800.00</td></tr>
<tr><td>Onboarding &amp; data migration (one-off)</td><td class='r'>1</td><td class='r'>2,950.00</td><td class='r'>&ndash;</td><td class='r'>2,950.00</td><td class='r'>2,950.00</td></tr>
<tr><td colspan='5' class='r'>Subtotal</td><td class='r'>19,900.00</td></tr>
<tr><td colspan='5' class='r'>GST 15%</td><td class='r'>2,985.00</td></tr>
<tr><td colspan='5' class='r'><b>Total first invoice (incl. GST)</b></td><td class='r'><b>22,885.00</b></td></tr>
</table>
<p>The onboarding fee is invoiced together with the first annual subscription invoice on the start date. This order does not auto-renew;
we will send a renewal proposal 60 days before the end of the term.</p>
<p class='fine'>Subject to the Kōwhai Subscription Terms v4.2. Prices exclude GST unless stated. Overdue amounts may attract interest at 1.5% per month.
Either party may terminate for material breach not remedied within 30 days of notice.</p>
<table><tr><td style='border:none'>Signed for Tauranga Marine Services Limited<br><br>______________________<br>Name / Title / Date</td>
<td style='border:none'>Signed for Kōwhai Software Limited<br><br>______________________<br>Olivia Brandt, Account Executive</td></tr></table>
"""
    return chromium_pdf(html_page(body, css))


F3_01 = contract(
    name="Tauranga Marine Services Limited",
    email="accounts@taurangamarine.test",
    currency="NZD",
    terms=20,
    start="2027-03-01",
    end="2028-03-01",
    lines=[
        line("per_seat", unit_price="486.00", seats="25", billing_interval="year"),
        line("flat", amount="4800.00", billing_interval="year"),
        line("one_time", amount="2950.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f3_02 Chromium, CSS grid, borderless


def _f3_02() -> bytes:
    css = (
        "body{font-family:'DejaVu Sans',sans-serif;font-size:9pt;margin:40px}h1{font-size:14pt;font-weight:600;margin:0 0 4px}"
        ".meta{display:grid;grid-template-columns:170px 1fr;row-gap:3px;margin:12px 0}.meta div:nth-child(odd){color:#666}"
        ".grid{display:grid;grid-template-columns:2fr 1fr 1fr;column-gap:10px;row-gap:4px;margin:8px 0 14px}"
        ".grid .h{font-weight:600;border-bottom:1px solid #ccc}.n{text-align:right}p{margin:6px 0}"
    )
    body = """
<h1>Annex 2 &mdash; Price Sheet</h1>
<div>to the Platform Services Agreement between Lumetra GmbH, Hamburg (&ldquo;Lumetra&rdquo;) and the Customer named below</div>
<div class='meta'>
<div>Customer</div><div>Vesterhavn Logistik ApS, Havnegade 41, 6700 Esbjerg, Denmark</div>
<div>Invoice address (e-mail)</div><div>faktura@vesterhavn.test</div>
<div>Commencement</div><div>01.04.2027</div>
<div>Minimum term</div><div>24 months; thereafter extended by 12 months at a time unless terminated with 3 months&rsquo; notice</div>
<div>Currency</div><div>EUR (all prices net of VAT; reverse charge applies)</div>
<div>Time zone for usage periods</div><div>Europe/Copenhagen</div>
</div>
<p><b>1. Platform fee.</b> EUR 1.250,00 per calendar quarter of the term, invoiced quarterly in advance.</p>
<p><b>2. Geocoding requests.</b> Billed monthly in arrears. Graduated pricing: each request is charged at the rate of the band in which it falls.</p>
<div class='grid'>
<div class='h'>Requests per month</div><div class='h n'>From</div><div class='h n'>Price per request</div>
<div>Band A (included)</div><div class='n'>1 &ndash; 250.000</div><div class='n'>&euro; 0,00</div>
<div>Band B</div><div class='n'>250.001 &ndash; 2.000.000</div><div class='n'>&euro; 0,0009</div>
<div>Band C</div><div class='n'>from 2.000.001</div><div class='n'>&euro; 0,0006</div>
</div>
<p><b>3. Route optimisation.</b> &euro; 0,012 per optimisation request, billed monthly in arrears.</p>
<p><b>4. Payment.</b> Invoices are due within 30 days of the invoice date without deduction. Example: 3.100.000 requests in a month cost 1.575,00 + 660,00 = &euro; 2.235,00.</p>
<p style='color:#777;font-size:7.5pt;margin-top:30px'>Lumetra GmbH &middot; Amtsgericht Hamburg HRB 150321 &middot; Gesch&auml;ftsf&uuml;hrer: Jens Albrecht &middot; USt-IdNr. DE318774210</p>
"""
    return chromium_pdf(html_page(body, css))


F3_02 = contract(
    name="Vesterhavn Logistik ApS",
    email="faktura@vesterhavn.test",
    currency="EUR",
    tz="Europe/Copenhagen",
    terms=30,
    start="2027-04-01",
    lines=[
        line("flat", amount="1250.00", billing_interval_count=3),
        line(
            "graduated",
            metric="geocoding_requests",
            tiers=[
                {"up_to": "250000", "unit_price": "0.00"},
                {"up_to": "2000000", "unit_price": "0.0009"},
                {"up_to": None, "unit_price": "0.0006"},
            ],
        ),
        line("per_unit", metric="route_optimisations", unit_price="0.012"),
    ],
)

# --------------------------------------------------------------------------------------------- f3_03 python-docx SOW -> LibreOffice PDF


def _f3_03_docx() -> bytes:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_heading("Statement of Work No. 3", level=1)
    doc.add_paragraph("Claims Portal Modernisation")
    doc.add_paragraph(
        "This Statement of Work is entered into under the Master Services Agreement dated 4 May 2025 between Karoo Digital (Pty) Ltd "
        '(Registration 2016/204417/07) ("Karoo") and Umhlanga Mutual Insurance Ltd ("the Client"). Capitalised terms have the meaning given in the MSA.'
    )
    doc.add_heading("1. Period of performance", level=2)
    doc.add_paragraph(
        "Work starts on 15 February 2027 and this SOW remains in force until 30 September 2027 unless extended by a signed change request."
    )
    doc.add_heading("2. Deliverables and payment milestones", level=2)
    doc.add_paragraph(
        "Each milestone is invoiced on written acceptance of its deliverable. The target dates below are the planned acceptance dates."
    )
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["#", "Milestone / deliverable", "Target date", "Fee (ZAR, excl. VAT)"], strict=True
    ):
        cell.text = text
    rows = [
        ["M1", "Discovery report and solution blueprint", "31 March 2027", "R 185 000,00"],
        ["M2", "Claims portal MVP in production", "30 June 2027", "R 420 000,00"],
        ["M3", "Go-live, hypercare and handover", "31 August 2027", "R 145 000,00"],
        ["", "Total fixed fee", "", "R 750 000,00"],
    ]
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    doc.add_heading("3. Change requests", level=2)
    doc.add_paragraph(
        "Work outside the scope above is performed only under an approved change request and is charged on a time-and-materials basis "
        "at R 1 650,00 per hour, invoiced monthly in arrears against approved timesheets."
    )
    doc.add_heading("4. Invoicing", level=2)
    doc.add_paragraph(
        "All amounts are in South African Rand and exclude VAT at 15%. Invoices are payable within 30 days of statement. "
        "Send invoices to creditors@umhlangamutual.test, quoting PO 4500918832."
    )
    doc.add_heading("5. Assumptions", level=2)
    for text in [
        "The Client provides a product owner available at least three days per week.",
        "Test environments are provisioned by the Client's infrastructure team.",
        "Travel within the eThekwini metro is included; other travel is recharged at cost.",
    ]:
        doc.add_paragraph(text, style="List Bullet")
    doc.add_paragraph("")
    doc.add_paragraph(
        "For Karoo Digital (Pty) Ltd: Sipho Ndlovu, Delivery Director        For the Client: Anika Pillay, Head of Claims IT"
    )
    return docx_bytes(doc)


def _f3_03() -> bytes:
    return soffice_convert(_f3_03_docx(), ".docx", "pdf")


F3_03 = contract(
    name="Umhlanga Mutual Insurance Ltd",
    email="creditors@umhlangamutual.test",
    currency="ZAR",
    terms=30,
    start="2027-02-15",
    end="2027-10-01",
    lines=[
        line(
            "milestone",
            milestones=[
                {"name": "Discovery report and solution blueprint", "amount": "185000.00", "due_date": "2027-03-31"},
                {"name": "Claims portal MVP in production", "amount": "420000.00", "due_date": "2027-06-30"},
                {"name": "Go-live, hypercare and handover", "amount": "145000.00", "due_date": "2027-08-31"},
            ],
        ),
        line("per_unit", metric="hours", unit_price="1650.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f3_04 reportlab platypus tables


def _f3_04() -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(buffer, pagesize=A4, title="Reseller Order", author="Autobill corpus")
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f1e4c8")),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    plain = TableStyle([("FONTSIZE", (0, 0), (-1, -1), 8.5), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    story = [
        Paragraph("SignPath Technologies India Pvt. Ltd.", styles["Title"]),
        Paragraph("RESELLER ORDER FORM &nbsp; No. RO/2027/0412", styles["Heading2"]),
    ]
    parties = Table(
        [
            ["Bill To (Reseller)", "End User"],
            [
                "Indus Channel Technologies Pvt. Ltd.\nUnit 7, Cyber Towers, HITEC City\nHyderabad 500081\nGSTIN 36AACCI4471Q1Z2\nAP: ap@induschannel.test",
                "Meridian Pharma Labs Private Limited\nPlot 22, Genome Valley\nShamirpet, Telangana 500078\nIT contact: r.iyer@meridianpharma.test",
            ],
        ],
        colWidths=[240, 240],
    )
    parties.setStyle(grid)
    story += [parties, Spacer(1, 8)]
    terms = Table(
        [
            ["Service period", "01-Apr-2027 to 31-Mar-2028"],
            ["Currency", "INR"],
            ["Payment terms", "Net 45 days from invoice"],
            ["Invoicing", "All invoices are issued to the Reseller. The End User is not invoiced by SignPath."],
        ],
        colWidths=[110, 370],
    )
    terms.setStyle(plain)
    story += [terms, Spacer(1, 8), Paragraph("A. Subscription", styles["Heading3"])]
    sub = Table(
        [
            ["Description", "List price (INR)", "Reseller discount", "Net price (INR)", "Billing"],
            [
                "Enterprise platform licence (p.a.)",
                "4,50,000.00",
                "20%",
                "3,60,000.00",
                "Annually in advance",
            ],
        ],
        colWidths=[180, 80, 70, 80, 70],
    )
    sub.setStyle(grid)
    story += [
        sub,
        Spacer(1, 6),
        Paragraph("B. Envelope usage (volume pricing)", styles["Heading3"]),
        Paragraph(
            "The number of envelopes completed in a calendar month determines the band, and every envelope in that month is charged at that band's rate. Usage is invoiced monthly in arrears.",
            styles["BodyText"],
        ),
    ]
    usage = Table(
        [
            ["Envelopes completed per month", "Rate per envelope (INR)"],
            ["1 - 5,000", "12.00"],
            ["5,001 - 20,000", "9.50"],
            ["20,001 and above", "7.00"],
        ],
        colWidths=[240, 160],
    )
    usage.setStyle(grid)
    story += [usage, Spacer(1, 8)]
    totals = Table(
        [
            ["Annual licence (net)", "3,60,000.00"],
            ["IGST @ 18%", "64,800.00"],
            ["Licence invoice total", "4,24,800.00"],
        ],
        colWidths=[330, 100],
    )
    totals.setStyle(
        TableStyle(
            [
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LINEABOVE", (0, 2), (-1, 2), 0.8, colors.black),
                ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ]
        )
    )
    story += [
        totals,
        Spacer(1, 10),
        Paragraph(
            "Prices are exclusive of GST, which is charged at the applicable rate. This order is governed by the SignPath Partner Agreement dated 12 June 2024. "
            "The order expires at the end of the service period; renewal requires a fresh Reseller Order.",
            styles["BodyText"],
        ),
        Spacer(1, 18),
        Paragraph(
            "Authorised signatory (Reseller) ____________________ &nbsp;&nbsp;&nbsp; For SignPath: Kavya Menon, Channel Manager",
            styles["BodyText"],
        ),
    ]
    pdf.build(story)
    return buffer.getvalue()


F3_04 = contract(
    name="Indus Channel Technologies Pvt. Ltd.",
    email="ap@induschannel.test",
    currency="INR",
    terms=45,
    start="2027-04-01",
    end="2028-04-01",
    lines=[
        line("flat", amount="360000.00", billing_interval="year"),
        line(
            "volume",
            metric="envelopes",
            tiers=[
                {"up_to": "5000", "unit_price": "12.00"},
                {"up_to": "20000", "unit_price": "9.50"},
                {"up_to": None, "unit_price": "7.00"},
            ],
        ),
    ],
)

# --------------------------------------------------------------------------------------------- f3_05 reportlab canvas letter


def _f3_05() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.setAuthor("Autobill corpus")
    width, height = A4
    c.setFont("Times-Bold", 16)
    c.drawString(60, height - 60, "Harrowgate Analytics Ltd")
    c.setFont("Times-Roman", 9)
    c.drawString(
        60,
        height - 74,
        "The Exchange, 9 Station Parade, Harrogate HG1 1TS  |  Company No. 08833127  |  VAT GB 184 2291 07",
    )
    c.drawRightString(width - 60, height - 110, "12 March 2027")
    y = height - 130
    c.setFont("Times-Roman", 11)
    for text in ["Pennine Water Services plc", "Procurement Department", "Bradley Lane, Huddersfield HD2 1QT"]:
        c.drawString(60, y, text)
        y -= 14
    y -= 12
    paragraphs = [
        "Dear Ms Okafor,",
        "Re: Renewal of your Harrowgate Insight subscription (contract HA-0388)",
        "Thank you for confirming that Pennine Water would like to renew. This letter records the renewed commercial",
        "terms. The renewal term runs for two years from 1 May 2027 to 30 April 2029 inclusive, after which it ends",
        "unless both parties agree a further renewal in writing.",
        "",
        "Following the annual review, analyst seat pricing increases by 4% from £91.35 to £95.00 per seat per quarter.",
        "You will keep 60 analyst seats, invoiced quarterly in advance.",
        "",
        "The Telemetry Data Feed remains at £7,200.00 per year, invoiced annually in advance on 1 May.",
        "",
        "Invoices will continue to be sent to purchase.ledger@penninewater.test and are payable within 30 days.",
        "All figures are in pounds sterling and exclude VAT.",
        "",
        "If anything above does not match your understanding, please let me know before 31 March.",
        "",
        "Yours sincerely,",
    ]
    for text in paragraphs:
        c.setFont("Times-Bold" if text.startswith("Re:") else "Times-Roman", 11)
        c.drawString(60, y, text)
        y -= 15
    y -= 28
    c.drawString(60, y, "Graham Whitcombe")
    c.drawString(60, y - 14, "Head of Client Services")
    c.setFont("Times-Italic", 8)
    c.drawString(60, 40, "Harrowgate Analytics Ltd is registered in England and Wales. Registered office as above.")
    c.showPage()
    c.save()
    return buffer.getvalue()


F3_05 = contract(
    name="Pennine Water Services plc",
    email="purchase.ledger@penninewater.test",
    currency="GBP",
    terms=30,
    start="2027-05-01",
    end="2029-05-01",
    lines=[
        line("per_seat", unit_price="95.00", seats="60", billing_interval_count=3),
        line("flat", amount="7200.00", billing_interval="year"),
    ],
)

# --------------------------------------------------------------------------------------------- f3_06 xhtml2pdf quote


def _f3_06() -> bytes:
    from xhtml2pdf import pisa

    html = """<html><head><meta charset='utf-8'><style>
@page { size: a4; margin: 2cm; }
body { font-family: Helvetica; font-size: 9pt; }
table { width: 100%; } td, th { padding: 3px; border-bottom: 0.5px solid #999; }
th { background-color: #e6f0e0; text-align: left; }
</style></head><body>
<h2>Proposta Comercial / Commercial Quote N&ordm; 2027-118</h2>
<p><b>Fornecedor:</b> Ipê Mensageria Digital Ltda. &ndash; CNPJ 31.552.908/0001-44 &ndash; S&atilde;o Paulo/SP</p>
<p><b>Cliente:</b> Cerrado Agrotech Ltda. &ndash; CNPJ 08.771.223/0001-90 &ndash; Rio Verde/GO<br/>
<b>E-mail para faturamento:</b> financeiro@cerradoagrotech.test<br/>
<b>Data da proposta:</b> 10/05/2027 &nbsp;&nbsp; <b>Validade:</b> 30 dias</p>
<table>
<tr><th>Item</th><th>Descri&ccedil;&atilde;o</th><th>Valor</th><th>Cobran&ccedil;a</th></tr>
<tr><td>1</td><td>Mensalidade da plataforma (at&eacute; 10 usu&aacute;rios)</td><td>R$ 2.900,00 / m&ecirc;s</td><td>Mensal, antecipada</td></tr>
<tr><td>2</td><td>Pacote de SMS &ndash; 1.000 mensagens por pacote (pacotes iniciados s&atilde;o cobrados integralmente)</td><td>R$ 45,00 / pacote</td><td>Mensal, pelo consumo (postecipada)</td></tr>
<tr><td>3</td><td>Implanta&ccedil;&atilde;o e treinamento (&uacute;nico)</td><td>R$ 3.500,00</td><td>Na assinatura</td></tr>
</table>
<p><b>Consumo m&iacute;nimo:</b> o item 2 possui faturamento m&iacute;nimo de R$ 1.500,00 por m&ecirc;s; se o consumo de pacotes ficar abaixo desse valor, ser&aacute; cobrada a diferen&ccedil;a.</p>
<p><b>In&iacute;cio da vig&ecirc;ncia:</b> 01/06/2027. Prazo de 12 meses, renovado automaticamente por iguais per&iacute;odos, salvo aviso com 60 dias de anteced&ecirc;ncia.</p>
<p><b>Condi&ccedil;&otilde;es de pagamento:</b> boleto banc&aacute;rio com vencimento em 28 dias da emiss&atilde;o da nota fiscal. Valores em reais (BRL), impostos (ISS, PIS/COFINS) inclusos.</p>
<p style='font-size:7pt;color:#666'>Esta proposta &eacute; regida pelos Termos Gerais de Servi&ccedil;o da Ip&ecirc; Mensageria. Foro da comarca de S&atilde;o Paulo/SP.</p>
<p>De acordo: ______________________________ (Cerrado Agrotech Ltda.) &nbsp;&nbsp; Lucas Tavares &ndash; Executivo de Contas</p>
</body></html>"""
    buffer = io.BytesIO()
    result = pisa.CreatePDF(html, dest=buffer, encoding="utf-8")
    assert not result.err
    return buffer.getvalue()


F3_06 = contract(
    name="Cerrado Agrotech Ltda.",
    email="financeiro@cerradoagrotech.test",
    currency="BRL",
    terms=28,
    start="2027-06-01",
    lines=[
        line("flat", amount="2900.00"),
        line("package", metric="sms", package_size="1000", package_price="45.00", minimum_amount="1500.00"),
        line("one_time", amount="3500.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f3_07 Markdown -> HTML (two columns) -> Chromium


F3_07_MARKDOWN = """
# Nube Austral &mdash; Cloud Pricing Agreement

**Contrato NA-MX-2027-051** &middot; prepared for **Grupo Editorial Sierra Madre, S.A. de C.V.**

Provider: Nube Austral, S.A. de C.V., Av. Paseo de la Reforma 296, Piso 14, Col. Juárez, 06600 Ciudad de México.

Customer billing contact: cuentasporpagar@gesm.test (Lic. Mariana Cota). RFC: GES990312KT4.

## 1. Term

Effective **1 July 2027**. The agreement continues until terminated by either party on 90 days' written notice.
Usage periods close at midnight in the America/Mexico_City time zone.

## 2. Prepaid credit

The Customer purchases a prepaid credit balance of **MXN $500,000.00** for a price of **MXN $450,000.00**, invoiced once on the effective date.
Usage charges below draw down the balance; once it is exhausted, usage is invoiced at the list rates. Credits expire on 1 July 2028.

## 3. Usage rates (billed monthly in arrears)

| Service | Unit | Rate (MXN) |
|---|---|---|
| Compute | vCPU-hour | $0.85 |
| Block storage | GB-month, first 500 GB each month included | $1.90 |

**Internet egress** is priced in graduated bands per month:

| Monthly egress | Rate per GB (MXN) |
|---|---|
| First 1,024 GB | $0.00 |
| 1,025 GB to 10,240 GB | $1.60 |
| Above 10,240 GB | $1.20 |

## 4. Payment

Net 30 days. Prices exclude IVA (16%), which is added to each invoice. Payments by SPEI transfer to the account on the invoice.

## 5. Other terms

Service levels, data protection and support follow the Nube Austral Master Terms. In case of conflict, this agreement prevails.
Signed in Mexico City by the authorised representatives of both parties.

*Por Nube Austral:* Ing. Rodrigo Salazar &nbsp;&nbsp; *Por el Cliente:* C.P. Alejandra Ibarra
"""


def _f3_07() -> bytes:
    from markdown_it import MarkdownIt

    html_body = MarkdownIt("commonmark").enable("table").render(F3_07_MARKDOWN)
    css = (
        "body{font-family:'Liberation Serif',serif;font-size:9.5pt;margin:36px;column-count:2;column-gap:28px}"
        "h1{column-span:all;font-size:15pt;border-bottom:2px solid #444}h2{font-size:11pt;margin:10px 0 4px}"
        "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #bbb;padding:3px;text-align:left}"
    )
    return chromium_pdf(html_page(html_body, css))


F3_07 = contract(
    name="Grupo Editorial Sierra Madre, S.A. de C.V.",
    email="cuentasporpagar@gesm.test",
    currency="MXN",
    tz="America/Mexico_City",
    terms=30,
    start="2027-07-01",
    lines=[
        line("prepaid_credit", amount="500000.00", price="450000.00", expires_on="2028-07-01"),
        line("per_unit", metric="vcpu_hours", unit_price="0.85"),
        line("per_unit", metric="gb_months", unit_price="1.90", included_units="500"),
        line(
            "graduated",
            metric="egress_gb",
            tiers=[
                {"up_to": "1024", "unit_price": "0.00"},
                {"up_to": "10240", "unit_price": "1.60"},
                {"up_to": None, "unit_price": "1.20"},
            ],
        ),
    ],
)

# --------------------------------------------------------------------------------------------- f3_08 python-docx, MSA clauses then a styled schedule table


def _f3_08() -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading("Master Services Agreement", level=0)
    doc.add_paragraph(
        'Wattle Workforce Pty Ltd (ABN 61 604 118 392) ("Supplier") and Coastline Aged Care Pty Ltd (ABN 27 155 902 640) ("Customer").'
    )
    clauses = [
        (
            "1. Definitions",
            'In this Agreement, "Commencement Date", "Initial Term" and "Fees" have the meanings given in Schedule 1. Headings are for convenience only.',
        ),
        (
            "2. Services",
            "The Supplier will provide the rostering and workforce management software described in Schedule 1 with reasonable skill and care and in accordance with the Service Level Policy.",
        ),
        (
            "3. Term",
            "This Agreement begins on the Commencement Date and continues for the Initial Term. It then expires unless the parties agree in writing to renew it.",
        ),
        (
            "4. Fees and invoicing",
            "The Customer must pay the Fees set out in Schedule 1. Unless Schedule 1 says otherwise, recurring Fees are invoiced in advance and usage Fees in arrears. Amounts are exclusive of GST. Invoices are payable within 14 days of the invoice date.",
        ),
        (
            "5. Confidentiality",
            "Each party must keep the other party's Confidential Information confidential and use it only for the purposes of this Agreement.",
        ),
        (
            "6. Privacy",
            "The Supplier must comply with the Privacy Act 1988 (Cth) and the Australian Privacy Principles in handling resident and staff personal information.",
        ),
        (
            "7. Liability",
            "Each party's aggregate liability under this Agreement is limited to the Fees paid or payable in the 12 months before the event giving rise to the claim.",
        ),
        (
            "8. General",
            "This Agreement is governed by the laws of New South Wales. Notices must be in writing and sent to the addresses in Schedule 1.",
        ),
    ]
    for heading, text in clauses:
        doc.add_heading(heading, level=2)
        doc.add_paragraph(text)
    doc.add_page_break()
    doc.add_heading("Schedule 1 - Order Details", level=1)
    details = doc.add_table(rows=0, cols=2)
    details.style = "Light List Accent 1"
    for key, value in [
        ("Customer", "Coastline Aged Care Pty Ltd, 5 Marine Parade, Coffs Harbour NSW 2450"),
        ("Accounts payable", "accounts.payable@coastlineagedcare.test"),
        ("Commencement Date", "1 August 2027"),
        ("Initial Term", "36 months"),
        ("Currency", "Australian dollars"),
    ]:
        cells = details.add_row().cells
        cells[0].text, cells[1].text = key, value
    doc.add_paragraph("")
    doc.add_paragraph("Fees")
    fees = doc.add_table(rows=1, cols=4)
    fees.style = "Light Grid Accent 1"
    for cell, text in zip(fees.rows[0].cells, ["Fee item", "Basis", "Price (AUD ex GST)", "Invoiced"], strict=True):
        cell.text = text
    for row in [
        ("Rostering licences", "180 staff users, per user per month", "$12.50", "Monthly in advance"),
        ("Payroll integration (Keypay connector)", "per month", "$650.00", "Monthly in advance"),
        ("Shift SMS notifications", "per SMS sent", "$0.09", "Monthly in arrears"),
        ("Implementation and configuration", "once", "$18,000.00", "On the Commencement Date"),
    ]:
        cells = fees.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    doc.add_paragraph("Estimated monthly recurring fees: $2,900.00 ex GST (before SMS usage).")
    doc.add_paragraph("Signed as an agreement.")
    doc.add_paragraph("Supplier: Megan O'Loughlin, Director        Customer: Dr Arjun Rao, Chief Executive Officer")
    return docx_bytes(doc)


F3_08 = contract(
    name="Coastline Aged Care Pty Ltd",
    email="accounts.payable@coastlineagedcare.test",
    currency="AUD",
    terms=14,
    start="2027-08-01",
    end="2030-08-01",
    lines=[
        line("per_seat", unit_price="12.50", seats="180"),
        line("flat", amount="650.00"),
        line("per_unit", metric="sms", unit_price="0.09"),
        line("one_time", amount="18000.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f3_09 python-docx, tab stops, no tables


def _f3_09() -> bytes:
    from docx import Document
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Inches

    doc = Document()
    doc.add_paragraph("AMENDMENT NO. 2 TO SUBSCRIPTION AGREEMENT").runs[0].bold = True
    doc.add_paragraph(
        'This Amendment No. 2 (the "Amendment") is made effective as of September 1, 2027 (the "Amendment Effective Date") between '
        'PawChart Systems Inc., 1200 Bay Street, Toronto, Ontario M5R 2A5 ("PawChart") and Rideau Valley Veterinary Hospitals Inc. ("Customer"), '
        'and amends the Subscription Agreement dated January 1, 2026, as amended by Amendment No. 1 (the "Agreement").'
    )
    doc.add_paragraph(
        "1. Seats. The number of practice-management seats is increased from 30 to 45 as of the Amendment Effective Date."
    )
    doc.add_paragraph("2. Telehealth module. Customer adds the Telehealth module as of the Amendment Effective Date.")
    doc.add_paragraph(
        "3. Fees. From the Amendment Effective Date the recurring fees are as follows (Canadian dollars, taxes extra):"
    )
    for label, value in [
        (
            "Practice-management seats (45 x C$79.00 per seat per month, billed monthly in advance)",
            "C$3,555.00 / month",
        ),
        ("Telehealth module (billed quarterly in advance)", "C$1,200.00 / quarter"),
    ]:
        paragraph = doc.add_paragraph(f"{label}\t{value}")
        paragraph.paragraph_format.tab_stops.add_tab_stop(Inches(6.2), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    doc.add_paragraph("4. Term. The current term is unchanged and ends on December 31, 2028.")
    doc.add_paragraph(
        "5. Invoicing. Invoices continue to be issued to ap@rideauvet.test and remain payable net 30. The prorated charge for the additional seats in the current month will appear on the next invoice."
    )
    doc.add_paragraph(
        "6. Except as set out in this Amendment, the Agreement remains in full force and effect. In the event of a conflict, this Amendment governs."
    )
    doc.add_paragraph("")
    for label, value in [
        ("PAWCHART SYSTEMS INC.", "RIDEAU VALLEY VETERINARY HOSPITALS INC."),
        ("By: Danielle Fortin", "By: Dr. Colin MacAskill"),
        ("Title: VP, Customer Success", "Title: Managing Partner"),
        ("Date: August 19, 2027", "Date: August 23, 2027"),
    ]:
        paragraph = doc.add_paragraph(f"{label}\t{value}")
        paragraph.paragraph_format.tab_stops.add_tab_stop(Inches(3.5), WD_TAB_ALIGNMENT.LEFT)
    return docx_bytes(doc)


F3_09 = contract(
    name="Rideau Valley Veterinary Hospitals Inc.",
    email="ap@rideauvet.test",
    currency="CAD",
    terms=30,
    start="2027-09-01",
    end="2029-01-01",
    lines=[
        line("per_seat", unit_price="79.00", seats="45"),
        line("flat", amount="1200.00", billing_interval_count=3),
    ],
)

# --------------------------------------------------------------------------------------------- f3_10 python-docx, numbered lists, header and footer


def _f3_10() -> bytes:
    from docx import Document

    doc = Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = "Rivet Payments, Inc.  |  Merchant Pricing Addendum  |  CONFIDENTIAL"
    section.footer.paragraphs[
        0
    ].text = (
        "Rivet Payments, Inc. is a registered ISO/MSP of Lone Star Community Bank, N.A., Austin, TX. Version 2027.3"
    )
    doc.add_heading("Merchant Pricing Addendum", level=1)
    doc.add_paragraph("Merchant: Bluebonnet Ticketing Co., 2100 E. 6th Street, Austin, TX 78702")
    doc.add_paragraph("Merchant billing contact: finance@bluebonnettix.test")
    doc.add_paragraph("Go-live / pricing effective date: October 1, 2027")
    doc.add_heading("Processing fees", level=2)
    for text in [
        "Card-present and card-not-present transactions (Visa, Mastercard, Discover, Amex): 2.75% of the transaction amount plus $0.25 per transaction, with a minimum fee of $0.50 per transaction.",
        "ACH debits: 0.8% of the transaction amount, capped at $5.00 per ACH debit.",
        "Chargebacks: $15.00 per chargeback received.",
    ]:
        doc.add_paragraph(text, style="List Number")
    doc.add_heading("Platform fees", level=2)
    for text in [
        "Gateway and reporting subscription: $149.00 per month, billed monthly in advance.",
        "No setup fee and no annual fee.",
    ]:
        doc.add_paragraph(text, style="List Number 2")
    doc.add_heading("Billing", level=2)
    for text in [
        "Processing fees and chargeback fees are calculated per calendar month and invoiced in arrears on the first business day of the following month.",
        "The daily settlement cut-off and monthly statement periods follow Central Time (America/Chicago).",
        "Invoices are due ten (10) days after the invoice date; if unpaid, Rivet may deduct them from settlement funds.",
        "All fees are in U.S. dollars.",
    ]:
        doc.add_paragraph(text, style="List Bullet")
    doc.add_paragraph(
        "This Addendum supplements the Merchant Services Agreement and continues for as long as that agreement is in effect. "
        "Interchange pass-through is not offered under this pricing program."
    )
    doc.add_paragraph(
        "Accepted: Bluebonnet Ticketing Co. — Marisol Vega, COO        Rivet Payments, Inc. — Trent Abernathy, Sales"
    )
    return docx_bytes(doc)


F3_10 = contract(
    name="Bluebonnet Ticketing Co.",
    email="finance@bluebonnettix.test",
    currency="USD",
    tz="America/Chicago",
    terms=10,
    start="2027-10-01",
    lines=[
        line("percentage", metric="card_transaction_amount", rate="2.75", fixed_fee="0.25", per_event_min="0.50"),
        line("percentage", metric="ach_transaction_amount", rate="0.8", per_event_max="5.00"),
        line("per_unit", metric="chargebacks", unit_price="15.00"),
        line("flat", amount="149.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f3_11 python-docx, layout table with merged cells


def _f3_11() -> bytes:
    from docx import Document

    doc = Document()
    layout = doc.add_table(rows=1, cols=2)
    left, right = layout.rows[0].cells
    left.text = "ScanVeld B.V.\nStationsplein 45\n3511 ED Utrecht\nKvK 71829044 | BTW NL858301223B01"
    right.text = "ORDERBEVESTIGING / ORDER CONFIRMATION\nNr. SV-2027-0233\nDatum: 12-04-2027"
    doc.add_paragraph("")
    info = doc.add_table(rows=4, cols=4)
    info.style = "Table Grid"
    info.cell(0, 0).merge(info.cell(0, 3)).text = "Customer details"
    for r, (k1, v1, k2, v2) in enumerate(
        [
            ("Customer", "Brouwerij De Drie Linden B.V.", "Start date", "01-05-2027"),
            ("Address", "Lindenlaan 8, 5211 AB 's-Hertogenbosch", "Term", "12 months, tacitly renewed for 12 months"),
            ("Invoices to", "crediteuren@drielinden.test", "Payment", "within 14 days"),
        ],
        start=1,
    ):
        for c, text in enumerate((k1, v1, k2, v2)):
            info.cell(r, c).text = text
    doc.add_paragraph("")
    doc.add_paragraph("All amounts in euro, excluding 21% VAT.")
    price = doc.add_table(rows=7, cols=3)
    price.style = "Table Grid"
    price.cell(0, 0).merge(price.cell(0, 2)).text = "A. Licence"
    price.cell(1, 0).text = "ScanVeld AP Automation licence (up to 15 users)"
    price.cell(1, 1).text = "per quarter, invoiced in advance"
    price.cell(1, 2).text = "€ 2.400,00"
    price.cell(2, 0).merge(
        price.cell(2, 2)
    ).text = "B. Processed invoices (volume price: the quarter's total determines the price for all invoices in that quarter; invoiced quarterly in arrears)"
    price.cell(3, 0).text = "Invoices per quarter"
    price.cell(3, 1).text = "Band"
    price.cell(3, 2).text = "Price per invoice"
    for r, (qty, band, amount) in enumerate(
        [("0 – 1.000", "1", "€ 0,45"), ("1.001 – 5.000", "2", "€ 0,35"), ("more than 5.000", "3", "€ 0,25")], start=4
    ):
        price.cell(r, 0).text, price.cell(r, 1).text, price.cell(r, 2).text = qty, band, amount
    doc.add_paragraph("")
    doc.add_paragraph(
        "Our general terms (NLdigital Terms 2020) apply. Cancellation in writing no later than 2 months before the end of the term."
    )
    sign = doc.add_table(rows=1, cols=2)
    sign.rows[0].cells[0].text = "For ScanVeld B.V.\n\nSanne de Groot\nAccount Manager"
    sign.rows[0].cells[1].text = "For Brouwerij De Drie Linden B.V.\n\nWillem Verhoeven\nFinancieel directeur"
    return docx_bytes(doc)


F3_11 = contract(
    name="Brouwerij De Drie Linden B.V.",
    email="crediteuren@drielinden.test",
    currency="EUR",
    terms=14,
    start="2027-05-01",
    lines=[
        line("flat", amount="2400.00", billing_interval_count=3),
        line(
            "volume",
            metric="invoices_processed",
            billing_interval_count=3,
            tiers=[
                {"up_to": "1000", "unit_price": "0.45"},
                {"up_to": "5000", "unit_price": "0.35"},
                {"up_to": None, "unit_price": "0.25"},
            ],
        ),
    ],
)

# --------------------------------------------------------------------------------------------- f3_12 HTML -> DOCX through LibreOffice


def _f3_12() -> bytes:
    html = html_page(
        """
<p align='right'><b>Fenwick Data Cloud Ltd</b><br>30 St Mary Axe, London EC3A 8BF</p>
<h1>Order Form &ndash; Fenwick Warehouse</h1>
<p><b>Customer:</b> Thistle &amp; Crown Retail Group Ltd (company no. SC487112), 1 Princes Square, Glasgow G1 3JN<br>
<b>Finance contact:</b> ap@thistlecrown.test<br>
<b>Order start date:</b> 15 June 2027 &nbsp; <b>Order end date:</b> 14 June 2028 (fixed term, no automatic renewal)</p>
<h2>Committed spend</h2>
<p>Customer commits to a minimum spend of &pound;60,000 on usage (compute credits and storage) in each contract year.
If usage charges in a contract year are lower, the shortfall is invoiced at the end of that year.</p>
<h2>Rates</h2>
<table border='1' cellpadding='4' cellspacing='0'>
<tr><th>Service</th><th>Unit</th><th>Rate (GBP)</th><th>Invoicing</th></tr>
<tr><td>Compute</td><td>per credit consumed</td><td>&pound;2.10</td><td>monthly in arrears</td></tr>
<tr><td>Managed storage</td><td>per TB-month (average)</td><td>&pound;18.50</td><td>monthly in arrears</td></tr>
<tr><td>Premier support</td><td>per month</td><td>&pound;1,500.00</td><td>monthly in advance</td></tr>
</table>
<p>Payment terms: 30 days net from invoice. All prices exclude VAT.</p>
<p><i>This Order Form incorporates the Fenwick Customer Terms (version 7). Usage data is hosted in the UK South region.</i></p>
<p>Signed for the Customer: ___________________ &nbsp;&nbsp;&nbsp; Signed for Fenwick: Priya Chandrasekar, Enterprise Sales</p>
""",
        "body{font-family:Arial;font-size:10pt}",
    )
    return soffice_convert(html.encode("utf-8"), ".html", "docx:MS Word 2007 XML")


F3_12 = contract(
    name="Thistle & Crown Retail Group Ltd",
    email="ap@thistlecrown.test",
    currency="GBP",
    terms=30,
    start="2027-06-15",
    end="2028-06-15",
    commitment={"amount": "60000.00", "period": "year"},
    lines=[
        line("per_unit", metric="compute_credits", unit_price="2.10"),
        line("per_unit", metric="tb_months", unit_price="18.50"),
        line("flat", amount="1500.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f3_13 HTML -> ODT -> DOCX through LibreOffice


def _f3_13() -> bytes:
    html = html_page(
        """
<h2>LIFFEY SPEECH LABS LTD &mdash; CREDIT ORDER</h2>
<p>Unit 4, Grand Canal Quay, Dublin 2, D02 XK30 &middot; CRO 712044</p>
<p>Dear Aoife,</p>
<p>As discussed on Tuesday, here is the order for Corrib Contact Centres Limited. Please sign and return it; the credit pack will be
activated on <b>1 November 2027</b>.</p>
<ul>
<li>Customer: Corrib Contact Centres Limited, Galway Business Park, Dangan, Galway H91 P2DK</li>
<li>Accounts: accounts@corribcc.test</li>
<li>Currency: EUR</li>
</ul>
<p><b>Credit pack.</b> &euro;25,000.00 of usage credit for a price of &euro;22,500.00 (10% bonus), invoiced on activation.
When the remaining balance falls below &euro;2,500.00 we automatically top it up with a further &euro;10,000.00 of credit, invoiced at the time of top-up.
Credits do not expire while the agreement is in force.</p>
<p><b>Rates drawn from the credit</b> (overage above the balance is invoiced monthly in arrears at the same rates):</p>
<table border='1' cellspacing='0' cellpadding='3'>
<tr><td>Batch transcription</td><td>&euro;0.012 per audio minute</td></tr>
<tr><td>Real-time translation</td><td>&euro;0.030 per audio minute</td></tr>
</table>
<p>Invoices are payable within 30 days. VAT at 23% will be added where applicable. Either party may end the agreement on 30 days' notice;
unused credit is not refundable.</p>
<p>Kind regards,<br>Ciar&aacute;n Byrne<br>Commercial Lead, Liffey Speech Labs</p>
""",
        "body{font-family:'Liberation Sans';font-size:10pt}",
    )
    odt = soffice_convert(html.encode("utf-8"), ".html", "odt:writer8")
    return soffice_convert(odt, ".odt", "docx:MS Word 2007 XML")


F3_13 = contract(
    name="Corrib Contact Centres Limited",
    email="accounts@corribcc.test",
    currency="EUR",
    terms=30,
    start="2027-11-01",
    lines=[
        line(
            "prepaid_credit", amount="25000.00", price="22500.00", top_up_threshold="2500.00", top_up_amount="10000.00"
        ),
        line("per_unit", metric="transcription_minutes", unit_price="0.012"),
        line("per_unit", metric="translation_minutes", unit_price="0.030"),
    ],
)

# --------------------------------------------------------------------------------------------- f3_14 pandoc Markdown -> DOCX


F3_14_MARKDOWN = """
---
title: "Order Schedule 1 -- Lookout Observability"
---

This Order Schedule is issued under the Lookout Cloud Services Agreement between **Lookout Telemetry, Inc.** (Denver, CO) and
**Palisade Freight Systems, LLC** ("Customer").

Term
:   March 1, 2027 through February 28, 2029 (24 months). The schedule expires at the end of the term.

Billing contact
:   ap@palisadefreight.test

Payment terms
:   Net 45

## Fees

1. **Platform subscription** -- USD 9,000.00 per six-month period, invoiced semi-annually in advance.
2. **Infrastructure hosts** -- USD 21.00 per monitored host per month, based on the peak host count, invoiced monthly in arrears.
3. **Log ingestion** -- USD 0.10 per GB ingested, invoiced monthly in arrears. The first 500 GB each month are included at no charge.

| Fee | Year 1 estimate |
|-----|----------------:|
| Platform subscription | 18,000.00 |
| Hosts (est. 120) | 30,240.00 |
| Logs (est. 2,050 GB/month) | 1,860.00 |
| **Estimated total** | **50,100.00** |

> Estimates are for budgeting only and are not a commitment.

## Signatures

Lookout Telemetry, Inc. -- Jordan Pike, Regional VP

Palisade Freight Systems, LLC -- Teresa Nakamura, Controller
"""


def _f3_14() -> bytes:
    return pandoc(F3_14_MARKDOWN, "markdown", "docx")


F3_14 = contract(
    name="Palisade Freight Systems, LLC",
    email="ap@palisadefreight.test",
    currency="USD",
    terms=45,
    start="2027-03-01",
    end="2029-03-01",
    lines=[
        line("flat", amount="9000.00", billing_interval_count=6),
        line("per_unit", metric="hosts", unit_price="21.00"),
        line("per_unit", metric="log_gb", unit_price="0.10", included_units="500"),
    ],
)

# --------------------------------------------------------------------------------------------- f3_15 e-mail thread, quoted replies, wrapped at 72


def _f3_15() -> bytes:
    return _wrap72("""
    From: Nadia Kowalczyk <nadia.k@ledgerlight.test>
    To: Bruce Tremblay <b.tremblay@lakeheadccu.test>
    Cc: billing@ledgerlight.test
    Date: Thu, 9 Dec 2027 16:42:05 -0500
    Subject: RE: Renewal - Lakehead CCU - confirmed numbers

    Hi Bruce,

    Perfect, thanks for catching that. Confirming the corrected renewal for Lakehead Community Credit Union below so we all have it in one place:

    - Term: January 1, 2028 to December 31, 2028, then month to month until either side gives 60 days' notice
    - Teller & member-services seats: 45 seats at C$62.00 per seat per month, billed monthly in advance
    - e-Statements: C$0.07 per statement delivered, billed monthly in arrears
    - Invoices to payables@lakeheadccu.test, due net 15
    - Billing periods close at midnight Eastern (America/Toronto)

    All prices in Canadian dollars, HST extra. I'll have DocuSign send the order form tomorrow morning.

    Nadia

    Nadia Kowalczyk | Account Manager, LedgerLight Software Inc.
    180 Wellington St W, Toronto ON | +1 416 555 0190

    -----Original Message-----
    From: Bruce Tremblay
    Sent: Thursday, December 9, 2027 2:15 PM
    Subject: RE: Renewal - Lakehead CCU - confirmed numbers

    > Nadia - one correction: we're renewing 45 seats, not 40. We added the Kenora branch staff in October. Everything else looks right.
    >
    > Bruce
    >
    >> On Dec 8, 2027, Nadia Kowalczyk wrote:
    >> Hi Bruce, as promised here are the renewal numbers: 40 seats at C$62.00/seat/month (monthly in advance) and e-Statements at C$0.07 each in arrears, net 15, starting January 1, 2028. Can you confirm?
    """).encode()


F3_15 = contract(
    name="Lakehead Community Credit Union",
    email="payables@lakeheadccu.test",
    currency="CAD",
    tz="America/Toronto",
    terms=15,
    start="2028-01-01",
    lines=[
        line("per_seat", unit_price="62.00", seats="45"),
        line("per_unit", metric="statements", unit_price="0.07"),
    ],
)

# --------------------------------------------------------------------------------------------- f3_16 Markdown order form


def _f3_16() -> bytes:
    return textwrap.dedent("""\
    # Postwick Email API — Order Form

    **Order #:** PW-31877
    **Customer:** Harborline Outfitters, Inc. (Portland, ME)
    **Billing email:** billing@harborline.test
    **Service start:** 2027-08-01
    **Term:** month-to-month, cancel anytime from the dashboard

    ---

    ## Pricing

    Sending volume is billed **monthly in arrears** using graduated tiers. The Starter tier carries a flat monthly fee that is charged even if you send nothing.

    | Tier | Emails per month | Price |
    |------|------------------|-------|
    | Starter | first 100,000 | **$79.00 flat** (no per-email charge) |
    | Growth | 100,001 – 1,000,000 | $0.0006 per email |
    | Scale | over 1,000,000 | $0.0004 per email |

    *Example: 1,250,000 emails = $79.00 + $540.00 + $100.00 = **$719.00***

    ### Add-ons

    * Dedicated IP addresses: **$60.00 / month** for the pair (2 IPs), billed monthly in advance
    * Email validation: not included in this order

    ## Payment

    * Charged automatically to the card on file; invoices are **due on receipt**.
    * Prices in USD and exclusive of sales tax.

    > Questions? Reply to this email or reach us at accounts@postwick.test.

    _Accepted online by Dev Raman (Head of E-commerce) on 2027-07-22 14:03 EDT._
    """).encode()


F3_16 = contract(
    name="Harborline Outfitters, Inc.",
    email="billing@harborline.test",
    currency="USD",
    terms=0,
    start="2027-08-01",
    lines=[
        line(
            "graduated",
            metric="emails",
            tiers=[
                {"up_to": "100000", "unit_price": "0", "flat_fee": "79.00"},
                {"up_to": "1000000", "unit_price": "0.0006"},
                {"up_to": None, "unit_price": "0.0004"},
            ],
        ),
        line("flat", amount="60.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f3_17 fixed-width service order


def _f3_17() -> bytes:
    return textwrap.dedent("""\
    SOUTHERN CROSS VOICE & DATA PTY LTD                         ABN 84 611 302 579
    Level 2, 100 Flinders Street, Melbourne VIC 3000
    ================================================================================
    SERVICE ORDER                                        Order No.: SO-0047721
                                                         Order Date: 02/08/2027
    Customer : BUNYIP CREEK VINEYARDS PTY LTD
               1450 Maroondah Hwy, Healesville VIC 3777
    Accounts : accounts@bunyipcreek.test
    Contract : 24 months from 15/09/2027 (ends 14/09/2029)
    Terms    : 21 days from invoice
    ================================================================================
    CODE      DESCRIPTION                        QTY   UNIT PRICE  FREQ      EXT (AUD)
    --------------------------------------------------------------------------------
    SIP-CH    SIP trunk channel                   20        9.90  MONTHLY     198.00
    NBN-E500  Enterprise Ethernet 500/200          1      189.00  MONTHLY     189.00
    CALL-NAT  National calls                      --   0.045/min  ARREARS         --
    CALL-MOB  Calls to Australian mobiles         --   0.120/min  ARREARS         --
    INST-01   Site installation & config           1      450.00  ONCE        450.00
    --------------------------------------------------------------------------------
                                      MONTHLY RECURRING (ex GST)             387.00
                                      ONCE-OFF (ex GST)                      450.00
                                      GST 10% ON FIRST INVOICE                83.70
                                      FIRST INVOICE TOTAL (inc GST)          920.70
    ================================================================================
    Recurring charges are billed monthly in advance; call charges are billed
    monthly in arrears. Early termination: remaining monthly charges are payable.
    All prices in Australian dollars.

    Customer signature: ______________________   Name: Fiona McAlister (Director)
    """).encode()


F3_17 = contract(
    name="Bunyip Creek Vineyards Pty Ltd",
    email="accounts@bunyipcreek.test",
    currency="AUD",
    terms=21,
    start="2027-09-15",
    end="2029-09-15",
    lines=[
        line("per_seat", unit_price="9.90", seats="20"),
        line("flat", amount="189.00"),
        line("per_unit", metric="national_call_minutes", unit_price="0.045"),
        line("per_unit", metric="mobile_call_minutes", unit_price="0.120"),
        line("one_time", amount="450.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f3_18 tab-separated table pasted into an e-mail


def _f3_18() -> bytes:
    rows = [
        ["Colis / mois", "Prix par colis (HT)"],
        ["1 - 2 000", "4,20 €"],
        ["2 001 - 10 000", "3,85 €"],
        ["> 10 000", "3,40 €"],
    ]
    table = "\n".join("\t".join(row) for row in rows)
    return (
        "Objet : Grille tarifaire Colisud - Maison Verdier\n"
        "De : Julien Marchetti <j.marchetti@colisud.test>\n"
        "À : Claire Dumas <claire.dumas@maisonverdier.test>\n"
        "Date : 17/02/2027 09:31\n\n"
        "Bonjour Claire,\n\n"
        "Following our call, here is the rate card for Maison Verdier SAS as agreed (sorry, my English is not perfect!).\n\n"
        "Start of the contract: 01/03/2027, for one year renewable by tacit agreement.\n\n"
        "Parcels - volume price: the number of parcels shipped in the month gives the price for ALL parcels of the month "
        "(invoiced at the end of each month):\n\n"
        f"{table}\n\n"
        "Plus the access to the Colisud Pro portal: 150,00 € HT per month, invoiced at the beginning of the month.\n\n"
        "Payment at 45 days from invoice date, by bank transfer. Please send nothing to my address, invoices will be sent to "
        "compta@maisonverdier.test as you asked. Prices in euros, TVA 20% en sus.\n\n"
        "Example: 3 500 colis in March = 3 500 x 3,85 € = 13 475,00 € HT.\n\n"
        "Bonne journée,\nJulien Marchetti\nResponsable grands comptes - Colisud SAS\n04 91 55 12 80\n"
    ).encode()


F3_18 = contract(
    name="Maison Verdier SAS",
    email="compta@maisonverdier.test",
    currency="EUR",
    terms=45,
    start="2027-03-01",
    lines=[
        line(
            "volume",
            metric="parcels",
            tiers=[
                {"up_to": "2000", "unit_price": "4.20"},
                {"up_to": "10000", "unit_price": "3.85"},
                {"up_to": None, "unit_price": "3.40"},
            ],
        ),
        line("flat", amount="150.00"),
    ],
)

# --------------------------------------------------------------------------------------------- f3_19 pandoc -t plain of an HTML SOW


F3_19_HTML = """<html><body>
<h1>Statement of Work #2 &ndash; Rider Information Display Integration</h1>
<p>Between <b>Ridgeway Civic Software LLC</b> (&ldquo;Consultant&rdquo;) and <b>Cascadia Transit Authority</b> (&ldquo;Agency&rdquo;), under Professional Services Agreement PSA-2026-014.</p>
<h2>1. Schedule</h2>
<p>The engagement begins on April 5, 2027. Estimated completion: August 31, 2027.</p>
<h2>2. Fees</h2>
<p>The work is performed for a fixed fee of <b>$96,000.00</b>, payable in three installments:</p>
<table border="1">
<thead><tr><th>Installment</th><th>Trigger</th><th>Planned date</th><th>% of fee</th><th>Amount</th></tr></thead>
<tbody>
<tr><td>1</td><td>Signature of this SOW</td><td>04/05/2027</td><td>25%</td><td>$24,000.00</td></tr>
<tr><td>2</td><td>Beta release installed at 10 pilot stations</td><td>06/30/2027</td><td>50%</td><td>$48,000.00</td></tr>
<tr><td>3</td><td>Final acceptance by the Agency</td><td>08/31/2027</td><td>25%</td><td>$24,000.00</td></tr>
</tbody></table>
<p>Pre-approved travel is reimbursed at cost under the Agency travel policy and is not included in the fixed fee.</p>
<p>An optional post-launch support retainer ($3,500 per month) is described in Appendix C and is <i>not</i> ordered under this SOW.</p>
<h2>3. Invoicing and payment</h2>
<ul><li>Invoices are submitted to ap@cascadiatransit.test with the SOW number.</li>
<li>The Agency pays undisputed invoices within 30 days of receipt.</li>
<li>All amounts are in U.S. dollars.</li></ul>
<h2>4. Acceptance</h2>
<p>Deliverables are deemed accepted if the Agency does not reject them in writing within ten business days of delivery.</p>
<p>Approved: Lena Ostrowski, Procurement Manager, Cascadia Transit Authority &mdash; Marcus Bell, Principal, Ridgeway Civic Software LLC</p>
</body></html>"""


def _f3_19() -> bytes:
    return pandoc(F3_19_HTML, "html", "plain")


F3_19 = contract(
    name="Cascadia Transit Authority",
    email="ap@cascadiatransit.test",
    currency="USD",
    terms=30,
    start="2027-04-05",
    lines=[
        line(
            "milestone",
            milestones=[
                {"name": "Signature of this SOW", "amount": "24000.00", "due_date": "2027-04-05"},
                {"name": "Beta release installed at 10 pilot stations", "amount": "48000.00", "due_date": "2027-06-30"},
                {"name": "Final acceptance by the Agency", "amount": "24000.00", "due_date": "2027-08-31"},
            ],
        ),
    ],
)

# --------------------------------------------------------------------------------------------- f3_20 Slack deal-desk message


def _f3_20() -> bytes:
    return textwrap.dedent("""\
    #deal-desk
    Sophie Lindqvist  10:47 AM
    :tada: closed-won: *Kestrel Robotics GmbH* (Munich) — thanks @Marco for the legal turnaround!
    Details for billing ops, contract is in Salesforce:
    • start Feb 1 2027, 3 yr term, ends Jan 31 2030, no auto-renew
    • platform fee €36,000/yr, invoiced annually upfront
    • 120 seats @ €15 / seat / month, billed monthly
    • API: 10k calls/mo included, then €0.002 per call, monthly in arrears
    • EUR, net 30, invoices → ap@kestrel-robotics.test
    • no onboarding fee (waived, was €5k)
    3 replies
      Marco Bianchi  10:52 AM
      nice one :muscle:
      Priya (Billing Ops)  11:05 AM
      got it, setting it up today. seats billed in advance like usual I assume?
      Sophie Lindqvist  11:06 AM
      yep, in advance
    """).encode()


F3_20 = contract(
    name="Kestrel Robotics GmbH",
    email="ap@kestrel-robotics.test",
    currency="EUR",
    terms=30,
    start="2027-02-01",
    end="2030-02-01",
    lines=[
        line("flat", amount="36000.00", billing_interval="year"),
        line("per_seat", unit_price="15.00", seats="120"),
        line("per_unit", metric="api_calls", unit_price="0.002", included_units="10000"),
    ],
)

# --------------------------------------------------------------------------------------------- f3_21 text pasted from a PDF


def _f3_21() -> bytes:
    return textwrap.dedent("""\
    Framework Agreement for Port Data Services                    Page 7 of 9
    CONFIDENTIAL

    17.4 Neither party shall be liable for any delay or failure to perform
    caused by events beyond its reasonable control, including tidal
    surges, industrial action or failure of third-party telecommunica-
    tions networks.

    SCHEDULE 2 – CHARGES

    1. Parties. This Schedule is made between Quayside Analytics Limited
    ("Supplier") and Severn Estuary Ports Ltd, Royal Portbury Dock,
    Bristol BS20 7XQ ("Customer").

    2. Term. This Schedule takes effect on 1 October 2027 and continues
    for three (3) years. It shall not renew automatically.

    3. AIS data feed. The Customer shall pay a fee of £2,250.00 per
    quarter for the AIS data feed, invoiced quarterly in advance.

    4. Vessel movements. Each vessel movement recorded by the Supplier's
    platform is charged at £14.50 per movement, invoiced quarterly in
    arrears.

    5. Minimum annual commitment. The Customer commits to charges of not
    less than £40,000.00 (forty thousand pounds) in each contract year.
    Any shortfall shall be invoiced within 30 days of the end of that
    contract year.

    Framework Agreement for Port Data Services                    Page 8 of 9
    CONFIDENTIAL

    6. Payment. The Supplier shall invoice the Customer at invoices@
    severnports.test. Invoices are payable within sixty (60) days of
    receipt. All sums are stated exclusive of VAT.

    7. Indexation. Charges are fixed for the term.

    Signed by the duly authorised representatives of the parties.

    Quayside Analytics Limited          Severn Estuary Ports Ltd
    ___________________________         ___________________________
    Rhys Pritchard, Director            Joanna Ellery, Chief Financial
                                        Officer
    """).encode()


F3_21 = contract(
    name="Severn Estuary Ports Ltd",
    email="invoices@severnports.test",
    currency="GBP",
    terms=60,
    start="2027-10-01",
    end="2030-10-01",
    commitment={"amount": "40000.00", "period": "year"},
    lines=[
        line("flat", amount="2250.00", billing_interval_count=3),
        line("per_unit", metric="vessel_movements", unit_price="14.50", billing_interval_count=3),
    ],
)

# --------------------------------------------------------------------------------------------- the batch


DOCS: list[tuple[str, str, Any, dict[str, Any]]] = [
    ("f3_01_nzd_letterhead_order_form", "pdf", _f3_01, F3_01),
    ("f3_02_eur_css_grid_price_annex", "pdf", _f3_02, F3_02),
    ("f3_03_zar_sow_writer_pdf", "pdf", _f3_03, F3_03),
    ("f3_04_inr_reseller_order_platypus", "pdf", _f3_04, F3_04),
    ("f3_05_gbp_renewal_letter_canvas", "pdf", _f3_05, F3_05),
    ("f3_06_brl_proposta_xhtml2pdf", "pdf", _f3_06, F3_06),
    ("f3_07_mxn_cloud_credits_two_column", "pdf", _f3_07, F3_07),
    ("f3_08_aud_msa_schedule_styled_table", "docx", _f3_08, F3_08),
    ("f3_09_cad_amendment_tab_leaders", "docx", _f3_09, F3_09),
    ("f3_10_usd_merchant_addendum_numbered", "docx", _f3_10, F3_10),
    ("f3_11_eur_order_confirmation_merged_cells", "docx", _f3_11, F3_11),
    ("f3_12_gbp_warehouse_order_html_docx", "docx", _f3_12, F3_12),
    ("f3_13_eur_credit_order_odt_docx", "docx", _f3_13, F3_13),
    ("f3_14_usd_observability_pandoc_docx", "docx", _f3_14, F3_14),
    ("f3_15_cad_renewal_email_quoted", "txt", _f3_15, F3_15),
    ("f3_16_usd_markdown_email_api", "txt", _f3_16, F3_16),
    ("f3_17_aud_fixed_width_service_order", "txt", _f3_17, F3_17),
    ("f3_18_eur_tab_pasted_rate_card", "txt", _f3_18, F3_18),
    ("f3_19_usd_sow_pandoc_plain", "txt", _f3_19, F3_19),
    ("f3_20_eur_slack_deal_desk", "txt", _f3_20, F3_20),
    ("f3_21_gbp_schedule_pasted_from_pdf", "txt", _f3_21, F3_21),
]


def main(argv: list[str]) -> None:
    force = "--force" in argv
    FOLDER.mkdir(exist_ok=True)
    for stem, suffix, produce, expected in DOCS:
        (FOLDER / f"{stem}.expected.json").write_text(
            json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        target = FOLDER / f"{stem}.{suffix}"
        if force or not target.exists():
            target.write_bytes(produce())
            sys.stdout.write(f"wrote {target.name}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
