"""Unseen batch AG (round 5, producers II): eight ordinary quotes, order forms and renewal letters written (with
the expected contracts) before the extractor code was read, each made with a tool chain batch AF did not cover
(bench/extraction.py --set batch_ag):

- ag01: a spreadsheet-style quote (an HTML page styled like a spreadsheet's PDF export: gridlines, a merged
  title cell, bare right-aligned numbers in cells, currency only in a header cell) printed by Chromium;
- ag02: a python-docx order form whose price table has shaded header rows and merged section rows
  ("Subscriptions", "Services") converted to PDF by LibreOffice;
- ag03: a Chromium-printed agreement summary in two columns: terms on the left, a fees panel on the right;
- ag04: a reportlab platypus Table with no rules, one row per line, wide column spacing and amounts in
  French format with the currency code after them ("1 200,00 EUR");
- ag05: a python-docx price proposal with each product under its own heading and its price, quantity and
  billing as separate paragraphs (no table), Swedish kronor with space thousands;
- ag06: an RTF quote (hand-written RTF with a \\trowd table, as older billing tools emit) converted to DOCX by
  LibreOffice;
- ag07: an HTML e-mail rendered to plain text the way text mail clients and lynx do (link references [1],
  "* " bullets, table cells wrapped in fixed-width columns);
- ag08: the plain-text part of a CRM "quote summary" e-mail (key: value blocks per line item).

The document files are made by the ``produce`` functions below (they need chromium and LibreOffice):
``python -m tests.contracts.documents.corpus_batch_ag`` regenerates them all. make_corpus only writes the expected
contracts and produces a document file that is missing, so re-rendering leaves them as committed.
"""

from __future__ import annotations

import io
import textwrap
from html.parser import HTMLParser
from itertools import zip_longest
from pathlib import Path
from typing import Any

from tests.contracts.documents.corpus_batch_af import CSS, _chromium_pdf, _docx_bytes, _soffice
from tests.contracts.documents.corpus_dev import contract, line

HERE = Path(__file__).resolve().parent / "batch_ag"
YEARLY = {"billing_interval": "year"}


# ---------------------------------------------------------------- producers


def produce_ag01() -> bytes:
    html = """<html><head><meta charset="utf-8"><style>
body { font-family: Calibri, Carlito, 'Liberation Sans', sans-serif; font-size: 10pt; margin: 0; }
table { border-collapse: collapse; }
td { border: 0.5px solid #c8c8c8; padding: 1px 4px; height: 16px; white-space: nowrap; }
td.n { text-align: right; } td.b { font-weight: bold; } td.t { font-size: 16pt; font-weight: bold; }
td.h { font-weight: bold; background: #d9e1f2; }
</style></head><body>
<table>
<tr><td class="t" colspan="7">QUOTATION</td></tr>
<tr><td class="b">Vendor</td><td colspan="3">Parcelwise Inc., 88 Pier Avenue, Oakland, CA 94607</td>
<td class="b">Quote #</td><td colspan="2">PQ-30417</td></tr>
<tr><td class="b">Bill to</td><td colspan="3">Harbor &amp; Pine Furniture LLC</td>
<td class="b">Quote date</td><td class="n" colspan="2">5/10/2027</td></tr>
<tr><td class="b">AP e-mail</td><td colspan="3">ap@harborpine.test</td>
<td class="b">Valid until</td><td class="n" colspan="2">6/9/2027</td></tr>
<tr><td class="b">Start date</td><td colspan="3">6/1/2027</td>
<td class="b">Currency</td><td colspan="2">USD</td></tr>
<tr><td class="b">Term</td><td colspan="3">12 months</td>
<td class="b">Payment terms</td><td colspan="2">Net 30</td></tr>
<tr><td colspan="7">&nbsp;</td></tr>
<tr><td class="h">Line</td><td class="h">SKU</td><td class="h">Description</td><td class="h">Qty</td>
<td class="h">Unit price</td><td class="h">Billing</td><td class="h">Extended</td></tr>
<tr><td class="n">1</td><td>PW-SEAT</td><td>Warehouse user (per user per month)</td><td class="n">35</td>
<td class="n">29.00</td><td>Monthly in advance</td><td class="n">1,015.00</td></tr>
<tr><td class="n">2</td><td>PW-LBL</td><td>Shipping labels printed (per label)</td><td class="n"></td>
<td class="n">0.06</td><td>Monthly in arrears</td><td class="n"></td></tr>
<tr><td class="n">3</td><td>PW-ONB</td><td>Onboarding package (one-time)</td><td class="n">1</td>
<td class="n">1,950.00</td><td>On signature</td><td class="n">1,950.00</td></tr>
<tr><td colspan="7">&nbsp;</td></tr>
<tr><td colspan="5"></td><td class="b">Monthly total</td><td class="n b">1,015.00</td></tr>
<tr><td colspan="5"></td><td class="b">One-time total</td><td class="n b">1,950.00</td></tr>
<tr><td colspan="7">&nbsp;</td></tr>
<tr><td colspan="7">Prices exclude sales tax. Subject to the Parcelwise Terms of Service.</td></tr>
</table></body></html>"""
    return _chromium_pdf(html)


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def produce_ag02() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Order Form FR-2027-064", level=1)
    document.add_paragraph("Fieldnote Research Ltd, 22 Castle Street, Edinburgh EH2 3AH")
    facts = document.add_table(rows=5, cols=2)
    facts.style = "Table Grid"
    for r, (label, value) in enumerate([
        ("Customer", "Ashgrove Housing Association"),
        ("Invoice contact", "finance@ashgrovehousing.test"),
        ("Subscription start", "1 October 2027"),
        ("Subscription term", "24 months"),
        ("Payment terms", "30 days from date of invoice"),
    ]):
        facts.cell(r, 0).text = label
        facts.cell(r, 1).text = value
        _shade(facts.cell(r, 0), "E7E6E6")
    document.add_heading("Charges", level=2)
    rows = [
        ("head", ["Service", "Quantity", "Unit price", "Annual fee"]),
        ("section", ["Subscriptions (invoiced annually in advance)"]),
        ("row", ["Survey platform – Team plan", "1", "£9,600.00", "£9,600.00"]),
        ("row", ["Additional analyst seats", "8", "£720.00", "£5,760.00"]),
        ("section", ["Services"]),
        ("row", ["Survey design workshop (one-off)", "1", "£2,200.00", "£2,200.00"]),
        ("row", ["Panel responses, invoiced monthly in arrears", "per response", "£1.20", "as used"]),
    ]
    table = document.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for r, (kind, cells) in enumerate(rows):
        if kind == "section":
            merged = table.cell(r, 0).merge(table.cell(r, 3))
            merged.text = cells[0]
            merged.paragraphs[0].runs[0].bold = True
            _shade(merged, "D9E2F3")
            continue
        for col, text in enumerate(cells):
            cell = table.cell(r, col)
            cell.text = text
            if kind == "head":
                cell.paragraphs[0].runs[0].bold = True
                _shade(cell, "1F3864")
    document.add_paragraph("")
    document.add_paragraph("All prices are in pounds sterling and exclude VAT.")
    document.add_paragraph("Signed for Ashgrove Housing Association: ______________________")
    return _soffice(_docx_bytes(document), ".docx", "pdf")


def produce_ag03() -> bytes:
    html = f"""<html><head><meta charset="utf-8"><style>{CSS}
.wrap {{ display: flex; gap: 28px; }} .left {{ flex: 3; }} .right {{ flex: 2; background: #f4f1ea;
  border-left: 4px solid #b5651d; padding: 10px 14px; }}
.fee {{ margin: 10px 0; }} .fee .name {{ font-weight: bold; }} .fee .amt {{ font-size: 13pt; color: #b5651d; }}
</style></head><body>
<h1>Service Agreement Summary</h1>
<div class="small">Reference KC-SA-1187 &middot; 14 February 2028</div>
<div class="wrap">
<div class="left">
<h2>Parties</h2>
<p><b>Provider:</b> Karoo Cloud (Pty) Ltd, 12 Bree Street, Cape Town 8001</p>
<p><b>Customer:</b> Baobab Freight (Pty) Ltd, 40 Jan Smuts Avenue, Johannesburg 2196</p>
<p><b>Accounts contact:</b> accounts@baobabfreight.test</p>
<h2>Term</h2>
<p>Services commence on 1 March 2028 and continue for an initial period of thirty-six (36) months.</p>
<h2>Invoicing and payment</h2>
<p>Recurring fees are invoiced monthly in advance. SMS alerts are invoiced monthly in arrears. Invoices are payable
within 30 days. All fees are quoted in South African rand (ZAR) and exclude VAT.</p>
<h2>Service levels</h2>
<p>The tracking platform is available 99.5% of each month, measured as set out in the Service Level Schedule.</p>
</div>
<div class="right">
<h2>Fees</h2>
<div class="fee"><div class="name">Fleet tracking licence</div><div class="amt">R 185.00</div>
<div>per vehicle per month &times; 120 vehicles</div></div>
<div class="fee"><div class="name">Platform fee</div><div class="amt">R 4,500.00</div><div>per month</div></div>
<div class="fee"><div class="name">SMS alerts</div><div class="amt">R 0.35</div><div>per SMS sent</div></div>
<div class="fee"><div class="name">Installation and training</div><div class="amt">R 12,000.00</div>
<div>once-off, on commencement</div></div>
</div>
</div>
</body></html>"""
    return _chromium_pdf(html)


def produce_ag04() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuB", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))
    styles = getSampleStyleSheet()
    for style in styles.byName.values():
        style.fontName = "DejaVuB" if style.name.startswith("Heading") or style.name == "Title" else "DejaVu"
    body = styles["BodyText"]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, leftMargin=2 * cm, rightMargin=2 * cm)
    story: list[Any] = [
        Paragraph("Calanque Software SAS", styles["Title"]),
        Paragraph("15 quai de Rive-Neuve, 13007 Marseille · SIRET 812 447 903 00021", body),
        Spacer(1, 10),
        Paragraph("<b>Order confirmation CS-2027-0915</b> — Marseille, 15/09/2027", body),
        Paragraph("Customer: Maison Verdier SARL, 3 rue des Tanneurs, 69002 Lyon", body),
        Paragraph("Accounting e-mail: compta@maisonverdier.test", body),
        Paragraph("Subscription start: 01/10/2027 — Initial term: 12 months — Payment: 45 days from invoice", body),
        Spacer(1, 14),
    ]
    rows = [
        ["Description", "Qty", "Unit price", "Total (excl. VAT)"],
        ["User licence (per user per month)", "18", "42,00 EUR", "756,00 EUR"],
        ["Invoicing module (per year)", "1", "1 200,00 EUR", "1 200,00 EUR"],
        ["Setup and data import (one-time)", "1", "2 500,00 EUR", "2 500,00 EUR"],
        ["Storage beyond 100 GB (per GB per month)", "", "0,15 EUR", ""],
    ]
    table = Table(rows, colWidths=[7.2 * cm, 1.8 * cm, 3.6 * cm, 4.4 * cm])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), "DejaVu"),
        ("FONTNAME", (0, 0), (-1, 0), "DejaVuB"),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]))
    story += [
        table,
        Spacer(1, 14),
        Paragraph(
            "User licences are invoiced monthly in advance and the invoicing module annually in advance. Storage "
            "beyond the included 100 GB is invoiced monthly in arrears. The setup fee is invoiced on signature. "
            "All amounts in euros, VAT (20%) in addition.",
            body,
        ),
    ]
    doc.build(story)
    return buffer.getvalue()


def produce_ag05() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Price proposal", level=1)
    for text in (
        "From: Norrsken Data AB, Sveavägen 44, 111 34 Stockholm",
        "To: Fjällbacka Logistik AB",
        "Invoices to: faktura@fjallbackalogistik.test",
        "Date: 12 January 2028",
        "The agreement starts on 1 February 2028 and runs for 24 months. Payment terms 30 days net. All prices are "
        "in Swedish kronor (SEK) excluding VAT.",
    ):
        document.add_paragraph(text)
    sections = [
        ("Norrsken Warehouse platform", ["SEK 3 400 per month", "Covers up to five warehouse sites",
                                         "Billed monthly in advance"]),
        ("Handheld scanner users", ["SEK 190 per user and month", "Quantity: 40 users", "Billed monthly in advance"]),
        ("Implementation", ["SEK 45 000", "One-time fee, invoiced when the agreement is signed"]),
        ("Integration API", ["SEK 0,02 per API call", "The first 1 000 000 calls each month are included",
                             "Billed monthly in arrears"]),
    ]
    for heading, paragraphs in sections:
        document.add_heading(heading, level=2)
        for text in paragraphs:
            document.add_paragraph(text)
    document.add_paragraph("Kind regards, Elin Sundqvist, Account Executive")
    return _docx_bytes(document)


def _rtf_escape(text: str) -> str:
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) > 127:
            out.append(f"\\u{ord(char)}?")
        else:
            out.append(char)
    return "".join(out)


def produce_ag06() -> bytes:
    def para(text: str, bold: bool = False, size: int = 20) -> str:
        on, off = ("\\b ", "\\b0") if bold else (" ", "")
        return f"\\pard\\plain\\f0\\fs{size}{on}{_rtf_escape(text)}{off}\\par\n"

    def row(cells: list[str], bold: bool = False) -> str:
        edges = [4800, 6000, 7800, 9600]
        head = "\\trowd\\trgaph108" + "".join(
            f"\\clbrdrt\\brdrs\\brdrw10\\clbrdrb\\brdrs\\brdrw10\\cellx{edge}" for edge in edges
        )
        weight = "\\b" if bold else ""
        body = "".join(f"\\pard\\intbl\\plain\\f0\\fs18{weight} {_rtf_escape(c)}\\cell " for c in cells)
        return f"{head}\n{body}\\row\n"

    rtf = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}\n"
    rtf += para("Tidewater Labs Inc.", bold=True, size=28)
    rtf += para("1200 Barrington Street, Halifax, NS B3J 1Y9")
    rtf += para("")
    rtf += para("RENEWAL QUOTE TW-R-2207", bold=True, size=24)
    rtf += para("Quote date: November 3, 2027")
    rtf += para("Customer: Prairie Co-op Grocers Ltd.")
    rtf += para("Accounts payable: ap@prairiecoop.test")
    rtf += para("Renewal term: January 1, 2028 to December 31, 2028")
    rtf += para("")
    rtf += row(["Product", "Qty", "Price", "Total"], bold=True)
    rtf += row(["Point-of-sale terminals (per terminal per year)", "64", "CAD 300.00", "CAD 19,200.00"])
    rtf += row(["Loyalty module (annual subscription)", "1", "CAD 4,800.00", "CAD 4,800.00"])
    rtf += row(["Card-present payment processing", "", "0.4% of transaction value", "billed monthly"])
    rtf += para("")
    rtf += para("Annual fees are invoiced annually in advance on January 1. Payment processing fees are invoiced "
                "monthly in arrears. Payment terms: Net 30. Prices in Canadian dollars; GST/HST extra.")
    rtf += para("To accept this quote, sign below and return it to renewals@tidewaterlabs.test.")
    rtf += "}"
    return _soffice(rtf.encode("ascii"), ".rtf", "docx:MS Word 2007 XML")


class _MailText(HTMLParser):
    """HTML to plain text the way text mail clients / lynx -dump render it: 72 columns, "* " bullets, link
    references [n] with a list at the end, table cells wrapped inside fixed-width columns."""

    def __init__(self) -> None:
        super().__init__()
        self.out: list[str] = []
        self.text = ""
        self.links: list[str] = []
        self.row: list[str] | None = None
        self.rows: list[list[str]] = []
        self.cell: str | None = None
        self.bullet = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        elif tag == "br":
            self._add("\n")
        elif tag in ("p", "h1", "h2", "li", "div", "ul"):
            self._flush()
            self.bullet = tag == "li"
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._add(f"[{len(self.links)}]")
        elif tag in ("p", "h1", "h2", "li", "div"):
            self._flush()
        elif tag == "ul":
            self.bullet = False
            self.out.append("")
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(" ".join(self.cell.split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None
        elif tag == "table":
            self._table()

    def handle_data(self, data: str) -> None:
        self._add(data.replace("\n", " "))

    def _add(self, text: str) -> None:
        if self.cell is not None:
            self.cell += text
        elif self.row is None:
            self.text += text

    def _flush(self) -> None:
        for part in self.text.split("\n"):
            words = " ".join(part.split())
            if not words:
                continue
            if self.bullet:
                self.out += textwrap.wrap(words, 72, initial_indent="     * ", subsequent_indent="       ")
            else:
                self.out += textwrap.wrap(words, 72, initial_indent="   ", subsequent_indent="   ")
        if self.text.strip() and not self.bullet:
            self.out.append("")
        self.text = ""

    def _table(self) -> None:
        widths = [12, 6, 26, 20]
        for cells in self.rows:
            wrapped = [textwrap.wrap(cell, width) or [""] for cell, width in zip(cells, widths, strict=True)]
            for parts in zip_longest(*wrapped, fillvalue=""):
                self.out.append(("   " + " ".join(p.ljust(w) for p, w in zip(parts, widths, strict=True))).rstrip())
        self.out.append("")
        self.rows = []

    def result(self) -> str:
        self._flush()
        refs = ["References", ""] + [f"   {i}. {href}" for i, href in enumerate(self.links, 1)]
        return "\n".join(self.out + refs) + "\n"


def produce_ag07() -> bytes:
    html = """<html><body>
<h1>Your Brightloop order is confirmed</h1>
<p>Hi Aoife,</p>
<p>Thanks for choosing Brightloop Analytics for Kilbride Dental Group Ltd. Here is a summary of your order
BL-58213. You can view and download it any time in your <a href="https://portal.brightloop.test/orders/58213">customer
portal</a>.</p>
<ul>
<li>Start date: 1 November 2027</li>
<li>Term: 12 months</li>
<li>Invoices go to accounts@kilbridedental.test and are due within 21 days</li>
<li>All prices in euro (EUR), excluding VAT</li>
</ul>
<table>
<tr><th>Item</th><th>Qty</th><th>Price</th><th>Billing</th></tr>
<tr><td>Practice licence</td><td>6</td><td>€95.00 per practice per month</td><td>Monthly in advance</td></tr>
<tr><td>Patient SMS reminders</td><td>-</td><td>€0.05 per SMS sent</td><td>Monthly in arrears</td></tr>
<tr><td>Data migration from your current system</td><td>1</td><td>€750.00</td><td>Once, on the first invoice</td></tr>
</table>
<p>Questions? Read our <a href="https://help.brightloop.test/billing">billing FAQ</a> or reply to this e-mail.</p>
<p>Brightloop Analytics Ltd, 7 Hanover Quay, Dublin 2</p>
</body></html>"""
    parser = _MailText()
    parser.feed(html)
    return parser.result().encode("utf-8")


def produce_ag08() -> bytes:
    items = [
        {"Product": "Agenda Pro - staff seat", "Quantity": "14", "Unit price": "MXN 350.00",
         "Billing frequency": "Monthly", "Net price": "MXN 4,900.00"},
        {"Product": "Advanced analytics add-on", "Quantity": "1", "Unit price": "MXN 12,000.00",
         "Billing frequency": "Annually", "Net price": "MXN 12,000.00"},
        {"Product": "WhatsApp appointment reminders", "Quantity": "Usage based", "Unit price": "MXN 0.90 / message",
         "Billing frequency": "Monthly, in arrears", "Net price": "-"},
        {"Product": "Onboarding and data import", "Quantity": "1", "Unit price": "MXN 8,500.00",
         "Billing frequency": "One-time", "Net price": "MXN 8,500.00"},
    ]
    lines = [
        "Vaquita Software S.A. de C.V. sent you a quote",
        "",
        "QUOTE SUMMARY",
        "Quote name: Clinica Dental Costera - new subscription",
        "Quote number: 20481-77",
        "Expiration date: Feb 15, 2028",
        "",
        "Company: Clinica Dental Costera S.A. de C.V.",
        "Billing contact: pagos@dentalcostera.test",
        "Contract start date: Mar 1, 2028",
        "Contract term: 12 months",
        "Payment terms: Net 30",
        "Currency: MXN",
        "",
        "LINE ITEMS",
        "",
    ]
    for item in items:
        lines += [f"{key}: {value}" for key, value in item.items()] + [""]
    lines += [
        "Subtotal (first invoice): MXN 25,400.00",
        "Recurring subtotal is billed in advance at the start of each billing period. Taxes (IVA) are added.",
        "",
        "View and sign the quote: https://quotes.vaquita.test/q/20481-77",
        "",
        "Questions about this quote? Reply to this e-mail to reach your sales representative.",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


# ---------------------------------------------------------------- documents with expected contracts

DOCS: list[dict[str, Any]] = [
    {
        "name": "ag01_spreadsheet_style_quote",
        "format": "pdf",
        "produce": produce_ag01,
        "expected": contract(
            name="Harbor & Pine Furniture LLC", email="ap@harborpine.test", currency="USD", terms=30,
            start="2027-06-01", end="2028-06-01",
            lines=[
                line("per_seat", unit_price="29.00", seats="35"),
                line("per_unit", metric="labels", unit_price="0.06"),
                line("one_time", amount="1950.00"),
            ],
        ),
    },
    {
        "name": "ag02_docx_shaded_merged_rows_pdf",
        "format": "pdf",
        "produce": produce_ag02,
        "expected": contract(
            name="Ashgrove Housing Association", email="finance@ashgrovehousing.test", currency="GBP", terms=30,
            start="2027-10-01", end="2029-10-01",
            lines=[
                line("flat", amount="9600.00", **YEARLY),
                line("per_seat", unit_price="720.00", seats="8", **YEARLY),
                line("one_time", amount="2200.00"),
                line("per_unit", metric="responses", unit_price="1.20"),
            ],
        ),
    },
    {
        "name": "ag03_chromium_two_column_summary",
        "format": "pdf",
        "produce": produce_ag03,
        "expected": contract(
            name="Baobab Freight (Pty) Ltd", email="accounts@baobabfreight.test", currency="ZAR", terms=30,
            start="2028-03-01", end="2031-03-01",
            lines=[
                line("per_seat", unit_price="185.00", seats="120"),
                line("flat", amount="4500.00"),
                line("per_unit", metric="sms", unit_price="0.35"),
                line("one_time", amount="12000.00"),
            ],
        ),
    },
    {
        "name": "ag04_reportlab_table_trailing_codes",
        "format": "pdf",
        "produce": produce_ag04,
        "expected": contract(
            name="Maison Verdier SARL", email="compta@maisonverdier.test", currency="EUR", terms=45,
            start="2027-10-01", end="2028-10-01",
            lines=[
                line("per_seat", unit_price="42.00", seats="18"),
                line("flat", amount="1200.00", **YEARLY),
                line("one_time", amount="2500.00"),
                line("per_unit", metric="gb", unit_price="0.15", included_units="100"),
            ],
        ),
    },
    {
        "name": "ag05_docx_prices_under_headings",
        "format": "docx",
        "produce": produce_ag05,
        "expected": contract(
            name="Fjällbacka Logistik AB", email="faktura@fjallbackalogistik.test", currency="SEK", terms=30,
            start="2028-02-01", end="2030-02-01",
            lines=[
                line("flat", amount="3400"),
                line("per_seat", unit_price="190", seats="40"),
                line("one_time", amount="45000"),
                line("per_unit", metric="api_calls", unit_price="0.02", included_units="1000000"),
            ],
        ),
    },
    {
        "name": "ag06_rtf_soffice_docx_renewal",
        "format": "docx",
        "produce": produce_ag06,
        "expected": contract(
            name="Prairie Co-op Grocers Ltd.", email="ap@prairiecoop.test", currency="CAD", terms=30,
            start="2028-01-01", end="2029-01-01",
            lines=[
                line("per_seat", unit_price="300.00", seats="64", **YEARLY),
                line("flat", amount="4800.00", **YEARLY),
                line("percentage", metric="transaction_amount", rate="0.4"),
            ],
        ),
    },
    {
        "name": "ag07_html_mail_as_text",
        "format": "text",
        "produce": produce_ag07,
        "expected": contract(
            name="Kilbride Dental Group Ltd", email="accounts@kilbridedental.test", currency="EUR", terms=21,
            start="2027-11-01", end="2028-11-01",
            lines=[
                line("per_seat", unit_price="95.00", seats="6"),
                line("per_unit", metric="sms", unit_price="0.05"),
                line("one_time", amount="750.00"),
            ],
        ),
    },
    {
        "name": "ag08_crm_quote_summary_mail",
        "format": "text",
        "produce": produce_ag08,
        "expected": contract(
            name="Clinica Dental Costera S.A. de C.V.", email="pagos@dentalcostera.test", currency="MXN", terms=30,
            start="2028-03-01", end="2029-03-01",
            lines=[
                line("per_seat", unit_price="350.00", seats="14"),
                line("flat", amount="12000.00", **YEARLY),
                line("per_unit", metric="messages", unit_price="0.90"),
                line("one_time", amount="8500.00"),
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
