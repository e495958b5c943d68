"""Producers that lay a contract out the way hand-built generators do (used by
extraction_producers.py): text drawn at positions on a reportlab canvas, HTML whose tables have no
borders or are <div>s in flex rows, DOCX with python-docx's default (border-less) table style or
price lists as tab-stopped paragraphs.

Every function here turns one corpus document (its blocks, header, footer) into bytes or HTML; it
is deterministic (no dates, no random ids), so the bench can cache what it renders.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path
from typing import Any

# --- shared -------------------------------------------------------------------------------------

_AMOUNT = re.compile(
    r"^(?P<sym>[$€£¥₹]|(?:US|CA|A|NZ|S|HK)\$|(?:USD|EUR|GBP|CHF|CAD|AUD|INR|JPY|SEK|NOK|DKK) ?)?"
    r"\s?-?\d[\d,.' ]*(?: ?(?:USD|EUR|GBP|CHF|CAD|AUD|INR|JPY|SEK|NOK|DKK))?%?$"
)


def table_rows(block: tuple[Any, ...]) -> tuple[str | None, list[list[str]]]:
    """A table block's title ("tm") and its rows, padded to one width."""
    kind = block[0]
    rows = block[1] if kind in ("t", "ts") else block[-1]
    width = max(len(row) for row in rows)
    title = block[1] if kind == "tm" else None
    return title, [list(row) + [""] * (width - len(row)) for row in rows]


def numeric_columns(rows: list[list[str]]) -> list[bool]:
    """Columns whose body cells are all bare amounts or numbers ("$1,200.00", "25", "0.045 EUR"):
    the ones a generator right-aligns."""
    body = rows[1:]
    out = []
    for index in range(len(rows[0])):
        cells = [row[index].strip() for row in body if row[index].strip()]
        out.append(bool(cells) and all(_AMOUNT.match(cell) for cell in cells))
    return out


def _symbol_split(cell: str) -> tuple[str, str]:
    """ "$1,200.00" -> ("$", "1,200.00"); a cell without a leading symbol -> ("", cell)."""
    match = _AMOUNT.match(cell.strip())
    if match and match.group("sym"):
        return match.group("sym").strip(), cell.strip()[len(match.group("sym")) :].strip()
    return "", cell.strip()


def _plain(blocks: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """List items as numbered paragraph blocks ("n", number, text); a split table as one."""
    out: list[tuple[Any, ...]] = []
    number = 0
    for block in blocks:
        if block[0] == "li":
            number += 1
            out.append(("n", f"{number}.", block[1]))
        elif block[0] == "ts":
            out.append(("t", block[1]))
        else:
            out.append(block)
    return out


# --- reportlab canvas ---------------------------------------------------------------------------


class _Canvas:
    """A page cursor over a reportlab canvas: text drawn line by line at positions, no flowables."""

    LEFT, RIGHT, TOP, BOTTOM = 56.0, 56.0, 64.0, 60.0

    def __init__(self, doc: dict[str, Any], small_caps: bool) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.pdfgen.canvas import Canvas

        self.font, self.bold = "Helvetica", "Helvetica-Bold"
        fonts = Path("/usr/share/fonts/truetype/dejavu")
        if (fonts / "DejaVuSans.ttf").exists() and (fonts / "DejaVuSans-Bold.ttf").exists():
            pdfmetrics.registerFont(TTFont("DejaVu", str(fonts / "DejaVuSans.ttf")))
            pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(fonts / "DejaVuSans-Bold.ttf")))
            self.font, self.bold = "DejaVu", "DejaVu-Bold"
        self.width, self.height = A4
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=A4, invariant=1)
        self.canvas.setTitle("Contract")
        self.doc = doc
        self.small_caps = small_caps
        self.page = 1
        self.y = self.height - self.TOP
        self._furniture()

    @property
    def usable(self) -> float:
        return self.width - self.LEFT - self.RIGHT

    def string_width(self, text: str, bold: bool = False, size: float = 10) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(text, self.bold if bold else self.font, size)

    def wrap(self, text: str, width: float, bold: bool = False, size: float = 10) -> list[str]:
        from reportlab.lib.utils import simpleSplit

        return simpleSplit(text, self.bold if bold else self.font, size, width) or [""]

    def _furniture(self) -> None:
        self.canvas.setFont(self.font, 8)
        if self.doc.get("header"):
            self.canvas.drawString(self.LEFT, self.height - 32, self.doc["header"].format(page=self.page))
        if self.doc.get("footer"):
            self.canvas.drawString(self.LEFT, 28, self.doc["footer"].format(page=self.page))

    def new_page(self) -> None:
        self.canvas.showPage()
        self.page += 1
        self.y = self.height - self.TOP
        self._furniture()

    def room(self, height: float) -> None:
        if self.y - height < self.BOTTOM:
            self.new_page()

    def text(self, x: float, text: str, bold: bool = False, size: float = 10, right: bool = False) -> None:
        self.canvas.setFont(self.bold if bold else self.font, size)
        if right:
            self.canvas.drawRightString(x, self.y, text)
        else:
            self.canvas.drawString(x, self.y, text)

    def heading(self, text: str) -> None:
        self.y -= 8
        self.room(20)
        if self.small_caps:
            # small capitals as typesetters fake them: capitals at the full size for a word's first
            # letter, the rest of the word in capitals at a smaller size, each run drawn on its own
            x = self.LEFT
            for word in text.split():
                first, rest = word[:1].upper(), word[1:].upper()
                self.canvas.setFont(self.bold, 12)
                self.canvas.drawString(x, self.y, first)
                x += self.string_width(first, True, 12)
                self.canvas.setFont(self.bold, 9.5)
                self.canvas.drawString(x, self.y, rest)
                x += self.string_width(rest + " ", True, 9.5)
        else:
            self.text(self.LEFT, text, bold=True, size=12)
        self.y -= 18

    def paragraph(self, text: str, indent: float = 0, marker: str = "") -> None:
        lines = self.wrap(text, self.usable - indent)
        for number, line in enumerate(lines):
            self.room(13)
            if marker and number == 0:
                self.text(self.LEFT, marker)
            self.text(self.LEFT + indent, line)
            self.y -= 13
        self.y -= 5

    def table(self, block: tuple[Any, ...], symbol_column: bool) -> None:
        """Cells drawn at column x-positions, no rules; bare-amount columns right-aligned (with
        ``symbol_column``, the currency symbol at the column's left edge, apart from the figure)."""
        title, rows = table_rows(block)
        numeric = numeric_columns(rows)
        if title:
            self.room(14)
            self.text(self.LEFT, title, bold=True)
            self.y -= 14
        widths = self._column_widths(rows, numeric)
        starts = [self.LEFT + sum(widths[:index]) for index in range(len(widths))]
        for position, row in enumerate(rows):
            bold = position == 0
            cells = []
            for index, cell in enumerate(row):
                if numeric[index] and not bold:
                    cells.append([cell])
                else:
                    cells.append(self.wrap(cell, widths[index] - 10, bold))
            height = max(len(lines) for lines in cells) * 12.5
            self.room(height)
            for index, lines in enumerate(cells):
                right_edge = starts[index] + widths[index] - 10
                for number, line in enumerate(lines):
                    y = self.y
                    self.y -= number * 12.5
                    if numeric[index] and symbol_column and not bold:
                        symbol, figure = _symbol_split(line)
                        if symbol:
                            self.text(starts[index], symbol)
                        self.text(right_edge, figure, right=True)
                    else:
                        self.text(right_edge if numeric[index] else starts[index], line, bold, right=numeric[index])
                    self.y = y
            self.y -= height + 3
        self.y -= 8

    def _column_widths(self, rows: list[list[str]], numeric: list[bool]) -> list[float]:
        natural = [
            max(self.string_width(row[index], position == 0) for position, row in enumerate(rows)) + 14
            for index in range(len(rows[0]))
        ]
        widths = list(natural)
        fixed = sum(width for width, number in zip(widths, numeric, strict=True) if number)
        flexible = sum(width for width, number in zip(widths, numeric, strict=True) if not number)
        if fixed + flexible > self.usable and flexible:
            scale = max(0.2, (self.usable - fixed) / flexible)
            widths = [width if number else width * scale for width, number in zip(widths, numeric, strict=True)]
        if sum(widths) > self.usable:  # still too wide: everything in proportion
            scale = self.usable / sum(widths)
            widths = [width * scale for width in widths]
        return [max(width, 36.0) for width in widths]

    def two_columns(self, left: list[str], right: list[str]) -> None:
        """A letterhead: the lines of an address block on the left, "Label: value" lines in a
        column on the right half, both from the same top."""
        top = self.y
        half = self.usable / 2
        for column, lines in ((0, left), (1, right)):
            self.y = top
            for line in lines:
                for part in self.wrap(line, half - 12):
                    self.text(self.LEFT + column * half, part)
                    self.y -= 13
        self.y = top - 13 * max(self._wrapped_count(left, half), self._wrapped_count(right, half)) - 10

    def _wrapped_count(self, lines: list[str], half: float) -> int:
        return sum(len(self.wrap(line, half - 12)) for line in lines)

    def finish(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


_LABEL_LINE = re.compile(r"^[A-Z][^:.]{0,28}: \S")


def _letterhead(blocks: list[tuple[Any, ...]]) -> tuple[list[str], list[str], int]:
    """The short paragraphs opening a document (up to its first table or second heading): address
    lines on the left, "Label: value" lines on the right; how many blocks they take."""
    left: list[str] = []
    right: list[str] = []
    index = 0
    headings = 0
    while index < len(blocks):
        block = blocks[index]
        if block[0] == "h":
            headings += 1
            if headings > 1 or left or right:
                break
            index += 1
            continue
        if block[0] != "p" or len(block[1]) > 60 or block[1].rstrip().endswith((".", ";")):
            break
        (right if _LABEL_LINE.match(block[1]) else left).append(block[1])
        index += 1
    if not (left and right):
        return [], [], 0
    return left, right, index


def render_canvas_pdf(doc: dict[str, Any], *, letterhead: bool = False) -> bytes:
    """A PDF drawn on a reportlab canvas line by line (drawString), as a hand-written generator
    does: headings in bold, paragraphs wrapped by the program, list numbers hanging, tables as text
    at column x-positions without any rule (header row bold, bare-amount columns right-aligned).
    ``letterhead``: the opening address block and "Label: value" lines side by side in two columns,
    headings in small capitals, the currency symbol of an amount column apart at its left edge."""
    page = _Canvas(doc, small_caps=letterhead)
    blocks = _plain(list(doc["blocks"]))
    start = 0
    if letterhead:
        # the document's title stays above the letterhead
        if blocks and blocks[0][0] == "h":
            page.heading(blocks[0][1])
            start = 1
        left, right, taken = _letterhead(blocks[start:])
        if taken:
            page.two_columns(left, right)
            start += taken
    for block in blocks[start:]:
        kind = block[0]
        if kind == "pb":
            page.new_page()
        elif kind == "h":
            page.heading(block[1])
        elif kind == "p":
            page.paragraph(block[1])
        elif kind == "n":
            page.paragraph(block[2], indent=18, marker=block[1])
        elif kind in ("t", "tb", "tm"):
            page.table(block, symbol_column=letterhead)
    return page.finish()


# --- HTML ---------------------------------------------------------------------------------------

_HTML_CSS = """
body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 10.5pt; line-height: 1.35; }
@page { size: A4; margin: 22mm 16mm 20mm 16mm; }
.running-header { position: fixed; top: -14mm; left: 0; font-size: 8pt; }
.running-footer { position: fixed; bottom: -12mm; left: 0; font-size: 8pt; }
.title { font-size: 13pt; font-weight: 600; margin: 14pt 0 6pt 0; }
p { margin: 0 0 7pt 0; }
.break { page-break-after: always; break-after: page; }
table { border-collapse: collapse; margin: 4pt 0 10pt 0; width: 100%; }
th, td { border: none; padding: 2pt 8pt 2pt 0; text-align: left; vertical-align: top; }
th { font-weight: 600; }
.num { text-align: right; }
.grid { display: grid; column-gap: 10pt; row-gap: 3pt; margin: 4pt 0 10pt 0; }
.grid .head { font-weight: 600; }
.row { display: flex; gap: 10pt; margin: 0 0 3pt 0; }
.row > div { flex: 1 1 0; }
.row > div.wide { flex: 2 1 0; }
.row.head { font-weight: 600; }
"""


def _html_borderless_table(block: tuple[Any, ...]) -> str:
    esc = html.escape
    title, rows = table_rows(block)
    numeric = numeric_columns(rows)
    parts = []
    if title:
        parts.append(f"<div class='title'>{esc(title)}</div>")
    parts.append("<table><thead><tr>")
    parts += [f"<th{' class=num' if numeric[i] else ''}>{esc(cell)}</th>" for i, cell in enumerate(rows[0])]
    parts.append("</tr></thead><tbody>")
    for row in rows[1:]:
        cells = "".join(f"<td{' class=num' if numeric[i] else ''}>{esc(cell)}</td>" for i, cell in enumerate(row))
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _html_div_table(block: tuple[Any, ...], grid: bool) -> str:
    """A table laid out with <div>s: a CSS grid or a flex row per table row (either way the first
    column twice as wide as the others), amounts right-aligned."""
    esc = html.escape
    title, rows = table_rows(block)
    numeric = numeric_columns(rows)
    parts = []
    if title:
        parts.append(f"<div class='title'>{esc(title)}</div>")
    if grid:
        template = " ".join("2fr" if i == 0 else "1fr" for i in range(len(rows[0])))
        parts.append(f"<div class='grid' style='grid-template-columns: {template}'>")
        for position, row in enumerate(rows):
            for index, cell in enumerate(row):
                classes = " ".join(name for name, on in (("head", position == 0), ("num", numeric[index])) if on)
                parts.append(f"<div class='{classes}'>{esc(cell)}</div>")
        parts.append("</div>")
        return "".join(parts)
    for position, row in enumerate(rows):
        cells = []
        for index, cell in enumerate(row):
            classes = " ".join(name for name, on in (("wide", index == 0), ("num", numeric[index])) if on)
            cells.append(f"<div class='{classes}'>{esc(cell)}</div>")
        parts.append(f"<div class='row{' head' if position == 0 else ''}'>{''.join(cells)}</div>")
    return "".join(parts)


def render_html_layout(doc: dict[str, Any], tables: str) -> str:
    """HTML as a web app's template writes it: headings as bold <div>s, paragraphs, an <ol> for
    list items, a fixed running header / footer; ``tables``: "borderless" (<table> with no borders,
    amounts right-aligned), "grid" (a CSS grid of <div>s), "flex" (a flex row of <div>s per row)."""
    esc = html.escape
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>Contract</title><style>", _HTML_CSS]
    parts.append("</style></head><body>")
    for name in ("header", "footer"):
        if doc.get(name):
            parts.append(f"<div class='running-{name}'>{esc(doc[name].format(page=''))}</div>")
    number = 0
    in_list = False
    for block in doc["blocks"]:
        kind = block[0]
        if kind != "li" and in_list:
            parts.append("</ol>")
            in_list = False
        if kind == "li":
            number += 1
            if not in_list:
                parts.append(f"<ol start='{number}'>")
                in_list = True
            parts.append(f"<li>{esc(block[1])}</li>")
        elif kind == "pb":
            parts.append("<div class='break'></div>")
        elif kind == "h":
            parts.append(f"<div class='title'>{esc(block[1])}</div>")
        elif kind == "p":
            parts.append(f"<p>{esc(block[1])}</p>")
        elif kind in ("t", "tb", "tm", "ts"):
            if tables == "borderless":
                parts.append(_html_borderless_table(block))
            else:
                parts.append(_html_div_table(block, grid=tables == "grid"))
    if in_list:
        parts.append("</ol>")
    parts.append("</body></html>")
    return "\n".join(parts)


# --- DOCX ---------------------------------------------------------------------------------------


def _docx_start(doc: dict[str, Any]) -> Any:
    import docx

    document = docx.Document()
    if doc.get("header"):
        document.sections[0].header.paragraphs[0].text = doc["header"].format(page="")
    if doc.get("footer"):
        document.sections[0].footer.paragraphs[0].text = doc["footer"].format(page="")
    return document


def _docx_tab_table(document: Any, block: tuple[Any, ...]) -> None:
    """A table typed as paragraphs with tab stops: one paragraph per row, "Name<TAB>Qty<TAB>Price",
    the header row bold; bare-amount columns on right-aligned tab stops."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm

    title, rows = table_rows(block)
    numeric = numeric_columns(rows)
    if title:
        document.add_paragraph().add_run(title).bold = True
    width = len(rows[0])
    # the first column takes what the others leave of a 16 cm line
    others = min(3.5, 10.0 / max(1, width - 1)) if width > 1 else 0
    first = 16.0 - others * (width - 1)
    for position, row in enumerate(rows):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = 0
        stops = paragraph.paragraph_format.tab_stops
        for index in range(1, width):
            if numeric[index]:
                stops.add_tab_stop(Cm(first + others * index - 0.3), WD_TAB_ALIGNMENT.RIGHT)
            else:
                stops.add_tab_stop(Cm(first + others * (index - 1)))
        run = paragraph.add_run("\t".join(row))
        run.bold = position == 0
    document.add_paragraph()


def render_docx_layout(doc: dict[str, Any], tables: str) -> bytes:
    """DOCX built with python-docx without a table style: ``tables`` "plain" (document.add_table with
    the default "Normal Table" style, which draws no borders) or "tabs" (each row a paragraph of
    tab-separated cells on tab stops)."""
    from docx.enum.text import WD_BREAK

    document = _docx_start(doc)
    for block in doc["blocks"]:
        kind = block[0]
        if kind == "li":
            document.add_paragraph(block[1], style="List Number")
        elif kind == "pb":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif kind == "h":
            document.add_heading(block[1], level=2)
        elif kind == "p":
            document.add_paragraph(block[1])
        elif kind in ("t", "tb", "tm", "ts") and tables == "tabs":
            _docx_tab_table(document, block)
        elif kind in ("t", "tb", "tm", "ts"):
            title, rows = table_rows(block)
            if title:
                document.add_paragraph().add_run(title).bold = True
            grid = document.add_table(rows=len(rows), cols=len(rows[0]))  # no style: no borders
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    grid.cell(r, c).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
