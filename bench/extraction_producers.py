"""Producer invariance: the corpus's documents written by OTHER tools, scored against the same
expected contracts.

Every corpus document written as blocks (tests/contracts/documents/corpus_*.py, not the "raw"
text ones) is rendered again by other producers; the expected contract does not change, so every
field lost against our own renderer is a reader or layout weakness, not a harder document.

    .venv/bin/python bench/extraction_producers.py                      # every producer available
    .venv/bin/python bench/extraction_producers.py --producer chromium  # one (repeat for more)
    .venv/bin/python bench/extraction_producers.py --producer lo-pdf -v # with the misses

Producers (a missing tool skips its producers with a note):
  own-pdf, own-docx, own-text  our renderer (make_corpus.py) in each format: the reference
  own-pdf-norules  our PDF renderer with every table drawn without grid lines (only whitespace
                between the cells, as many real-world PDFs have it)
  chromium      HTML (headings, paragraphs, lists, tables with a header row, page breaks, a
                running header and footer) printed to PDF by headless Chromium
  chromium-hf   the same, printed with the browser's own header and footer (date, title, URL,
                "1/2" page numbers), as a person printing a web page gets it
  xhtml2pdf     the same HTML to PDF by xhtml2pdf
  lo-pdf        our DOCX converted to PDF by LibreOffice (Word-like layout and fonts)
  lo-docx       the HTML converted to DOCX by LibreOffice (another DOCX structure)
  text-wrap     plain text as an e-mail has it: hard-wrapped at 72 columns, headings underlined
                with "=", tables as space-aligned columns, numbered lists as "1)"
  text-tabs     plain text as Word's "Save as plain text" has it: a paragraph per line, no blank
                lines, table cells and list numbers separated by tabs
  pdftotext-layout  our PDF's text as `pdftotext -layout` (poppler-utils) gives it, pasted into
                a .txt: columns kept by spaces, pages by form feeds
  pdftotext     the same without -layout: one text run per line, table cells one under another
  text-markdown the document as Markdown exported from Notion / Confluence: "#" headings, "**bold**"
                labels, "- " bullets, pipe tables with an alignment row
  docx-google   DOCX as Google Docs / Word users build it: address blocks and "Label: value" groups
                as one paragraph with soft line breaks, List Number / List Bullet items, Heading
                1/2, a heading over a table as its merged title row, no-break spaces before
                currency codes, cells with a paragraph per sentence, header / footer text
  lo-txt        our DOCX saved as text by LibreOffice (`--convert-to txt:Text`)
  docx-textbox  our DOCX with its key fields (customer, dates, term) as a template has them: the
                first in a floating text box, the others in content controls (w:sdt)
  canvas-pdf    a reportlab canvas drawn line by line (drawString) as a hand-written generator does:
                tables as text at column x-positions, no rules, bare-amount columns right-aligned
  canvas-letterhead  the same with the opening address block and "Label: value" lines side by side
                in two columns, headings in small capitals, the currency symbol of an amount column
                apart at the column's left edge (accounting format)
  chromium-borderless  HTML as a web app's template writes it (headings as bold <div>s), tables
                without borders or padding on the left, amounts right-aligned, printed by Chromium
  chromium-grid / chromium-flex  the same with each table laid out as <div>s: a CSS grid (2fr 1fr ...
                columns) or a flex row per table row
  docx-plain    DOCX whose tables have python-docx's default style ("Normal Table": no borders)
  docx-tabs     DOCX whose tables are typed as paragraphs on tab stops ("Item<TAB>Qty<TAB>Price",
                amounts on right-aligned stops)
  lo-pdf-plain / lo-pdf-tabs  those two DOCX converted to PDF by LibreOffice
  pandoc-plain / pandoc-plain-wide  our HTML through `pandoc -t plain` (72 / 110 columns): simple
                tables under dashed rules, multiline tables with wrapped cells
  pandoc-grid / pandoc-rst  the same as grid tables ("+----+" borders, cells wrapped in their box):
                plain text without simple / multiline tables, and reStructuredText
  pandoc-markdown  pandoc's Markdown (escapes "\\$", "\\.", "--" dashes, "-----" table rules)
  html2text     html2text's Markdown-ish text (tables without outer pipes, rows wrapped at 78)
  inscriptis    inscriptis' browser-like text (columns padded with spaces, two apart)
  text-quoted   text-wrap quoted with "> " under a short reply, as an e-mail forwards it
  pandoc-docx / htmldocx  our HTML converted to DOCX by pandoc / htmldocx
                (eighth round, bench/producers_convert.py: `apt-get install -y pandoc`,
                `.venv/bin/pip install html2text inscriptis htmldocx`; skipped when missing)
  wording, wording-2  our renderer in the document's own format, with other words for the same
                things (seeded): column titles and labels by synonyms ("Qty" / "Volume", "Unit
                price" / "Rate", "Bill to" / "Invoice to", "Start date" / "Effective date" ...),
                headings and column titles in capitals or title case; amounts, dates and names kept

Rendered files are cached under /tmp/autobill-producers/ (keyed by the blocks' content).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import importlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import producers_convert as convert  # noqa: E402
from bench import producers_layout as layout  # noqa: E402
from bench import producers_text  # noqa: E402
from contracts.documents import extract, read_document  # noqa: E402
from contracts.documents.scoring import Score, score_extraction  # noqa: E402
from tests.contracts.documents import make_corpus  # noqa: E402

CORPUS = ROOT / "tests" / "contracts" / "documents"
CACHE = Path(tempfile.gettempdir()) / "autobill-producers"
SUFFIX = {"pdf": ".pdf", "docx": ".docx", "text": ".txt"}


# --- the corpus ---------------------------------------------------------------------------------


# Blind measurement sets: never rendered here, so that nothing is tuned on them through this bench.
MEASUREMENT_SETS = {"batch_final2", "batch_final3", "batch_final4", "batch_final5"}


def corpus() -> list[dict[str, Any]]:
    """Every document written as blocks, with its folder and expected contract (not the blind
    measurement sets)."""
    docs: list[dict[str, Any]] = []
    for path in sorted(CORPUS.glob("corpus_*.py")):
        folder = path.stem.removeprefix("corpus_")
        if folder in MEASUREMENT_SETS:
            continue
        module = importlib.import_module(f"tests.contracts.documents.{path.stem}")
        for doc in module.DOCS:
            if doc.get("raw") or not doc.get("blocks"):
                continue
            docs.append({**doc, "folder": folder})
    return docs


def _key(doc: dict[str, Any]) -> str:
    content = repr((doc["blocks"], doc.get("header"), doc.get("footer"), doc.get("engine"), 2))
    return hashlib.sha256(content.encode()).hexdigest()[:12]


# --- HTML ---------------------------------------------------------------------------------------

_CSS = """
body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 10.5pt; line-height: 1.35; }
h2 { font-size: 13pt; margin: 14pt 0 6pt 0; }
p { margin: 0 0 7pt 0; }
table { border-collapse: collapse; margin: 4pt 0 10pt 0; }
th, td { border: 0.75pt solid #777; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #eee; }
table.plain th, table.plain td { border: none; background: none; }
.break { page-break-after: always; break-after: page; }
"""


_PAGE_CSS = {
    # Chromium repeats fixed elements on every printed page
    "fixed": "@page { size: A4; margin: 22mm 16mm 20mm 16mm; }"
    ".running-header { position: fixed; top: -14mm; left: 0; font-size: 8pt; }"
    ".running-footer { position: fixed; bottom: -12mm; left: 0; font-size: 8pt; }",
    # xhtml2pdf's static frames
    "frames": "@page { size: a4 portrait; margin: 2.2cm 1.6cm 2cm 1.6cm;"
    " @frame hdr { -pdf-frame-content: running-header; top: 0.8cm; left: 1.6cm; width: 17cm; height: 1cm; }"
    " @frame ftr { -pdf-frame-content: running-footer; bottom: 0.6cm; left: 1.6cm; width: 17cm; height: 1cm; } }",
    "inline": "",
}


def _html_running(text: str | None, name: str, furniture: str) -> str:
    """A running header or footer ("{page}" is the page number)."""
    if not text:
        return ""
    if furniture == "frames":
        content = html.escape(text).replace("{page}", "<pdf:pagenumber />")
        return f"<div id='{name}' style='font-size: 8pt'>{content}</div>"
    if furniture == "fixed":
        return f"<div class='{name}'>{html.escape(text.format(page=''))}</div>"
    return f"<p>{html.escape(text.format(page='1'))}</p>"


def _html_table(block: tuple[Any, ...]) -> str:
    """A table with its header row as <th> in <thead> ("tm": a title row merged across above it;
    "tb": drawn without rules)."""
    esc = html.escape
    kind = block[0]
    rows = block[1] if kind in ("t", "ts") else block[-1]
    width = max(len(row) for row in rows)
    parts = ["<table class='plain'>" if kind == "tb" else "<table>", "<thead>"]
    if kind == "tm":
        parts.append(f"<tr><th colspan='{width}'>{esc(block[1])}</th></tr>")
    parts.append("<tr>" + "".join(f"<th>{esc(cell)}</th>" for cell in rows[0]) + "</tr></thead><tbody>")
    parts += ["<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in rows[1:]]
    parts.append("</tbody></table>")
    return "\n".join(parts)


def render_html(doc: dict[str, Any], furniture: str = "fixed") -> str:
    """The blocks as an HTML page. ``furniture``: "fixed" repeats the running header and footer on
    every printed page (Chromium), "frames" uses xhtml2pdf's static frames, "inline" writes them
    once at the top and bottom."""
    esc = html.escape
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>Contract</title><style>", _CSS]
    parts += [
        _PAGE_CSS[furniture],
        "</style></head><body>",
        _html_running(doc.get("header"), "running-header", furniture),
    ]
    if furniture != "inline":
        parts.append(_html_running(doc.get("footer"), "running-footer", furniture))
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
            parts.append("<div class='break'></div>" if furniture != "frames" else "<pdf:nextpage />")
        elif kind == "h":
            parts.append(f"<h2>{esc(block[1])}</h2>")
        elif kind == "p":
            parts.append(f"<p>{esc(block[1])}</p>")
        elif kind in ("t", "tb", "tm", "ts"):
            parts.append(_html_table(block))
    if in_list:
        parts.append("</ol>")
    if furniture == "inline":
        parts.append(_html_running(doc.get("footer"), "running-footer", furniture))
    parts.append("</body></html>")
    return "\n".join(parts)


# --- plain text in other conventions -------------------------------------------------------------


def render_text_wrapped(doc: dict[str, Any]) -> bytes:
    """E-mail style: 72 columns, underlined headings, space-aligned table columns, "1)" lists."""
    out: list[str] = []
    if doc.get("header"):
        out += [doc["header"].format(page="1"), ""]
    number = 0
    for block in doc["blocks"]:
        kind = block[0]
        if kind == "h":
            out += [block[1], "=" * min(72, len(block[1])), ""]
        elif kind == "p":
            out += [*textwrap.wrap(block[1], 72, break_on_hyphens=False), ""]
        elif kind == "li":
            number += 1
            lead = f"{number}) "
            out += [*textwrap.wrap(block[1], 72, initial_indent=lead, subsequent_indent=" " * len(lead)), ""]
        elif kind == "pb":
            out.append("\f")
        elif kind in ("t", "tb", "tm", "ts"):
            rows = block[1] if kind in ("t", "ts") else block[-1]
            if kind == "tm":
                out.append(block[1])
            width = max(len(row) for row in rows)
            rows = [list(row) + [""] * (width - len(row)) for row in rows]
            widths = [max(len(row[index]) for row in rows) for index in range(width)]
            for position, row in enumerate(rows):
                out.append("   ".join(cell.ljust(widths[index]) for index, cell in enumerate(row)).rstrip())
                if position == 0:
                    out.append("   ".join("-" * w for w in widths))
            out.append("")
    if doc.get("footer"):
        out += ["", doc["footer"].format(page="1")]
    return "\n".join(out).encode("utf-8")


def render_text_tabs(doc: dict[str, Any]) -> bytes:
    """Word's "Save as plain text": one line per paragraph, cells and list numbers after tabs."""
    out: list[str] = []
    number = 0
    for block in doc["blocks"]:
        kind = block[0]
        if kind in ("h", "p"):
            out.append(block[1])
        elif kind == "li":
            number += 1
            out.append(f"{number}.\t{block[1]}")
        elif kind in ("t", "tb", "tm", "ts"):
            rows = block[1] if kind in ("t", "ts") else block[-1]
            if kind == "tm":
                out.append(block[1])
            out += ["\t".join(row) for row in rows]
            out.append("")
    text = "\r\n".join(out)
    try:
        return text.encode("cp1252")  # Windows' code page, as Word saves it by default
    except UnicodeEncodeError:
        return text.encode("utf-8")  # Word offers Unicode when the code page lacks a character


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_text_markdown(doc: dict[str, Any]) -> bytes:
    """Markdown as Notion / Confluence export it: "## " headings, a "Label:" opening a paragraph in
    bold, "- " bullets, pipe tables with an alignment row (numbers right-aligned), "---" for a page
    break."""
    out: list[str] = []
    if doc.get("header"):
        out += [f"*{doc['header'].format(page='1')}*", ""]
    for block in doc["blocks"]:
        kind = block[0]
        if kind == "h":
            out += [f"## {block[1]}", ""]
        elif kind == "p":
            label, colon, rest = block[1].partition(": ")
            if colon and 0 < len(label) <= 40 and "." not in label:
                out += [f"**{label}:** {rest}", ""]
            else:
                out += [block[1], ""]
        elif kind == "li":
            if out and out[-1] == "" and len(out) > 1 and out[-2].startswith("- "):
                out.pop()
            out += [f"- {block[1]}", ""]
        elif kind == "pb":
            out += ["---", ""]
        elif kind in ("t", "tb", "tm", "ts"):
            rows = block[1] if kind in ("t", "ts") else block[-1]
            if kind == "tm":
                out += [f"**{block[1]}**", ""]
            width = max(len(row) for row in rows)
            rows = [list(row) + [""] * (width - len(row)) for row in rows]
            numeric = [
                all(any(ch.isdigit() for ch in row[index]) for row in rows[1:] if row[index]) and len(rows) > 1
                for index in range(width)
            ]
            out.append("| " + " | ".join(_md_cell(cell) for cell in rows[0]) + " |")
            out.append("|" + "|".join(" ---: " if right else " --- " for right in numeric) + "|")
            out += ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in rows[1:]]
            out.append("")
    if doc.get("footer"):
        out += ["", f"*{doc['footer'].format(page='1')}*"]
    return "\n".join(out).encode("utf-8")


def render_docx(doc: dict[str, Any]) -> bytes:
    """Our DOCX renderer; a borderless table ("tb", drawn only by our PDF renderer) as a table."""
    blocks = [("t", block[-1]) if block[0] == "tb" else block for block in doc["blocks"]]
    return make_corpus.render_docx(blocks, doc)


_CODES = "USD|EUR|GBP|CHF|CAD|AUD|INR|JPY|SEK|NOK|DKK"
_CURRENCY_SPACE = re.compile(rf"(?<=\d) (?=(?:{_CODES})\b)|(?<=\b(?:{_CODES})) (?=\d)")
_SENTENCE_END = re.compile(r"(?<=[a-z)]\.) (?=[A-Z])")
_TYPED_MARKER = re.compile(r"^(?:(\d{1,2}[.)]|\([a-z0-9]{1,3}\)|[a-z][.)])|[-•–])\s+")
_DATE_LINE = re.compile(r"^(?:\d{1,2} \w+ \d{4}|\w+ \d{1,2}, \d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})$")


def _google_text(text: str) -> str:
    """A no-break space between an amount and its currency code, as Word's Ctrl+Shift+Space."""
    return _CURRENCY_SPACE.sub("\u00a0", text)


def _google_line(text: str) -> str:
    """The kind of group a short line joins with soft line breaks: "label" (a "Label: value" line),
    "address" (a line of an address block), "" (a paragraph of its own: a sentence, a date line
    between the sender and the recipient, a salutation)."""
    label, colon, _ = text.partition(": ")
    if len(text) > 70 or _DATE_LINE.match(text) or text.startswith(("Dear ", "To whom")):
        return ""
    if colon and 0 < len(label) <= 30:
        return "label"
    return "" if text.rstrip().endswith((".", ";", ":", ",")) else "address"


def _google_table(document: Any, title: str | None, rows: list[list[str]]) -> None:
    """A Word table; a title row merged across its columns (bold); a cell of several sentences
    holds a paragraph each."""
    width = max(len(row) for row in rows)
    rows = [list(row) + [""] * (width - len(row)) for row in rows]
    offset = 1 if title else 0
    grid = document.add_table(rows=len(rows) + offset, cols=width)
    grid.style = "Table Grid"
    if title:
        merged = grid.cell(0, 0).merge(grid.cell(0, width - 1)) if width > 1 else grid.cell(0, 0)
        merged.text = ""
        merged.paragraphs[0].add_run(_google_text(title)).bold = True
    for r, row in enumerate(rows, start=offset):
        for c, text in enumerate(row):
            parts = _SENTENCE_END.split(_google_text(text))
            cell = grid.cell(r, c)
            cell.text = parts[0]
            for part in parts[1:]:
                cell.add_paragraph(part)


def _google_groups(blocks: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Consecutive short paragraphs of one kind (an address block, "Label: value" lines) as one
    ("br", [lines]) block; a heading right over a table (not the document's title) as the table's
    merged title row."""
    out: list[tuple[Any, ...]] = []
    for index, block in enumerate(blocks):
        kind = block[0]
        marker = _TYPED_MARKER.match(block[1]) if kind == "p" else None
        if marker:
            # a typed "1." / "(a)" / "-" becomes Word's own numbering or bullet (not in the text)
            style = "List Number" if marker.group(1) else "List Bullet"
            out.append(("li", block[1][marker.end() :], style))
            continue
        line_kind = _google_line(block[1]) if kind == "p" else ""
        if line_kind and out and out[-1][0] == "br" and _google_line(out[-1][1][-1]) == line_kind:
            out[-1][1].append(block[1])
        elif line_kind:
            out.append(("br", [block[1]]))
        elif kind in ("t", "ts") and index > 1 and blocks[index - 1][0] == "h" and len(block[1][0]) > 1:
            out[-1] = ("tm", blocks[index - 1][1], block[1])
        else:
            out.append(block)
    return out


def render_docx_google(doc: dict[str, Any]) -> bytes:
    """DOCX as Google Docs / Word users build it: an address block or a "Label: value" group is ONE
    paragraph with soft line breaks (Shift+Enter); list items, and paragraphs typed with "1." / "(a)"
    / "-", in List Number / List Bullet styles (the number not in the text); the first heading
    Heading 1, the others Heading 2; a heading right over a table becomes the table's title row
    merged across its columns; a no-break space between an amount and its currency code; a cell
    with several sentences holds a paragraph each; the running header and footer in the page
    header / footer."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    if doc.get("header"):
        document.sections[0].header.paragraphs[0].text = _google_text(doc["header"].format(page=""))
    if doc.get("footer"):
        document.sections[0].footer.paragraphs[0].text = _google_text(doc["footer"].format(page=""))
    headings = 0
    list_style = ""
    for block in _google_groups(list(doc["blocks"])):
        kind = block[0]
        if kind == "li":
            # a list that reads as clauses is numbered, one of short items bulleted
            if len(block) > 2:
                list_style = block[2]
            elif not list_style:
                list_style = "List Number" if len(block[1]) > 60 or block[1].endswith(".") else "List Bullet"
            document.add_paragraph(_google_text(block[1]), style=list_style)
            continue
        list_style = ""
        if kind == "br":
            paragraph = document.add_paragraph()
            for number, line in enumerate(block[1]):
                if number:
                    paragraph.add_run().add_break()  # a soft line break (w:br)
                paragraph.add_run(_google_text(line))
        elif kind == "pb":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif kind == "h":
            headings += 1
            document.add_heading(_google_text(block[1]), level=1 if headings == 1 else 2)
        elif kind == "p":
            document.add_paragraph(_google_text(block[1]))
        elif kind in ("t", "ts", "tb", "tm"):
            rows = block[1] if kind in ("t", "ts") else block[-1]
            _google_table(document, block[1] if kind == "tm" else None, rows)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_KEY_FIELD = re.compile(
    r"(?i)^(?:customer|client|bill(?:ed)? to|sold to|licensee|subscriber|buyer|prepared for|"
    r"(?:order |effective |start |service start |commencement |end )?date|start|term|effective)\b[^:]{0,30}:"
)
_OOXML = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _text_box(paragraph_xml: str, number: int) -> Any:
    """A run holding a floating text box with the paragraph, as Word writes it: the shape
    (wps) and its VML fallback, each with the text."""
    from docx.oxml import parse_xml

    content = f"<w:txbxContent>{paragraph_xml}</w:txbxContent>"
    return parse_xml(
        f'<w:r {_OOXML}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="2" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="4114800" cy="320040"/><wp:wrapTopAndBottom/>'
        f'<wp:docPr id="{number}" name="Text Box {number}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="4114800" cy="320040"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
        "</w:drawing></mc:Choice><mc:Fallback><w:pict>"
        f'<v:shape id="tb{number}" type="#_x0000_t202" style="width:324pt;height:25pt">'
        f"<v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def render_docx_textbox(doc: dict[str, Any]) -> bytes:
    """Our DOCX with its key fields (customer, dates, term) as a template has them: the first in a
    floating text box, the others in content controls (w:sdt) rather than normal paragraphs."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document(io.BytesIO(render_docx(doc)))
    boxes = 0
    for paragraph in list(document.paragraphs):
        if not _KEY_FIELD.match(paragraph.text):
            continue
        element = paragraph._p
        if not boxes:
            boxes += 1
            host = parse_xml(f"<w:p {_OOXML}/>")
            host.append(_text_box(element.xml.replace(f" {_OOXML.split(' ')[0]}", ""), boxes))
            element.addprevious(host)
            element.getparent().remove(element)
            continue
        control = parse_xml(
            f'<w:sdt {_OOXML}><w:sdtPr><w:alias w:val="Field"/><w:tag w:val="field"/></w:sdtPr><w:sdtContent/></w:sdt>'
        )
        element.addprevious(control)
        control[1].append(element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _produce_lo_txt(docs: list[dict[str, Any]], folder: Path) -> None:
    """Our DOCX saved as text by LibreOffice (``--convert-to txt:Text``)."""
    _convert_our_docx(docs, folder, ".txt", "txt:Text")


# --- producers ----------------------------------------------------------------------------------


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _print_chromium(source: Path, target: Path, browser_furniture: bool) -> None:
    command = [
        _chromium() or "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--user-data-dir={target.parent / '.chromium-profile'}",
        f"--print-to-pdf={target}",
    ]
    if not browser_furniture:
        command.append("--no-pdf-header-footer")
    subprocess.run([*command, source.as_uri()], capture_output=True, timeout=120, check=False)


def _produce_chromium(
    docs: list[dict[str, Any]],
    folder: Path,
    browser_furniture: bool,
    page: Callable[[dict[str, Any]], str] = lambda doc: render_html(doc, "fixed"),
) -> None:
    todo = [doc for doc in docs if not (folder / f"{doc['name']}-{_key(doc)}.pdf").exists()]

    def one(doc: dict[str, Any]) -> None:
        source = folder / f"{doc['name']}-{_key(doc)}.html"
        source.write_text(page(doc), encoding="utf-8")
        with tempfile.TemporaryDirectory(prefix="chromium-", dir=folder) as work:
            target = Path(work) / "out.pdf"
            _print_chromium(source, target, browser_furniture)
            if target.exists():
                target.replace(folder / f"{doc['name']}-{_key(doc)}.pdf")

    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        list(pool.map(one, todo))


def _produce_xhtml2pdf(docs: list[dict[str, Any]], folder: Path) -> None:
    import logging

    from xhtml2pdf import pisa

    logging.getLogger("xhtml2pdf").setLevel(logging.ERROR)  # its notes on CSS it ignores
    for doc in docs:
        target = folder / f"{doc['name']}-{_key(doc)}.pdf"
        if target.exists():
            continue
        with target.open("wb") as handle:
            pisa.CreatePDF(render_html(doc, "frames"), dest=handle)


def _convert_soffice(sources: list[Path], folder: Path, target_filter: str) -> None:
    """Convert files with LibreOffice in batches (one soffice start per batch)."""
    profile = folder / ".soffice-profile"
    for start in range(0, len(sources), 40):
        batch = sources[start : start + 40]
        subprocess.run(
            [
                _soffice() or "soffice",
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                target_filter,
                "--outdir",
                str(folder),
                *map(str, batch),
            ],
            capture_output=True,
            timeout=600,
            check=False,
        )


def _convert_our_docx(
    docs: list[dict[str, Any]],
    folder: Path,
    suffix: str,
    target: str,
    render: Callable[[dict[str, Any]], bytes] | None = None,
) -> None:
    """Our DOCX (or ``render``'s) of each document not yet converted, converted by LibreOffice to
    ``target``."""
    sources = []
    for doc in docs:
        stem = f"{doc['name']}-{_key(doc)}"
        if (folder / f"{stem}{suffix}").exists():
            continue
        source = folder / f"{stem}.docx"
        source.write_bytes((render or render_docx)(doc))
        sources.append(source)
    _convert_soffice(sources, folder, target)
    for source in sources:
        source.unlink(missing_ok=True)


def _produce_lo_pdf(docs: list[dict[str, Any]], folder: Path) -> None:
    _convert_our_docx(docs, folder, ".pdf", "pdf:writer_pdf_Export")


def _produce_lo_docx(docs: list[dict[str, Any]], folder: Path) -> None:
    sources = []
    for doc in docs:
        stem = f"{doc['name']}-{_key(doc)}"
        if (folder / f"{stem}.docx").exists():
            continue
        source = folder / f"{stem}.html"
        source.write_text(render_html(doc, "inline"), encoding="utf-8")
        sources.append(source)
    _convert_soffice(sources, folder, "docx:MS Word 2007 XML")


def _produce_pdftotext(layout: bool) -> Callable[..., None]:
    """Our own PDF's text by poppler's pdftotext, as pasted into a .txt."""

    def produce(docs: list[dict[str, Any]], folder: Path) -> None:
        for doc in docs:
            target = folder / f"{doc['name']}-{_key(doc)}.txt"
            if target.exists():
                continue
            with tempfile.TemporaryDirectory(prefix="pdftotext-", dir=folder) as work:
                source = Path(work) / "in.pdf"
                source.write_bytes(make_corpus.render_pdf(doc["blocks"], doc))
                command = [shutil.which("pdftotext") or "pdftotext", "-enc", "UTF-8"]
                if layout:
                    command.append("-layout")
                subprocess.run([*command, str(source), str(target)], capture_output=True, timeout=120, check=False)

    return produce


def _produce_in_process(render: Callable[[dict[str, Any]], bytes], ext: str) -> Callable[..., None]:
    def produce(docs: list[dict[str, Any]], folder: Path) -> None:
        for doc in docs:
            target = folder / f"{doc['name']}-{_key(doc)}{ext}"
            if not target.exists():
                target.write_bytes(render(doc))

    return produce


def _produce_converted(convert_page: Callable[[str], bytes], ext: str) -> Callable[..., None]:
    """Our HTML (running header and footer written once, inline) through a converter."""
    return _produce_in_process(lambda doc: convert_page(render_html(doc, "inline")), ext)


# --- wording: the same document in other words ----------------------------------------------------

# Groups of column titles that name the same thing: a title (whole cell, any case) found in a group is
# replaced by another of the group. "amount" titles only change in a table that also has a unit price
# column (there, "Total" / "Line total" is the row's extended amount; alone it could read as a sum).
_TITLE_GROUPS: dict[str, tuple[str, ...]] = {
    "unit price": ("Unit price", "Rate", "Price per unit", "Unit cost", "Price each", "Unit rate"),
    "qty": ("Qty", "Quantity", "Units", "Volume", "No. of units", "Qty."),
    "description": ("Description", "Item", "Product", "Service", "Item description", "Product / service"),
    "amount": ("Amount", "Total", "Extended price", "Line total", "Ext. price"),
    "billing": ("Billing frequency", "Billed", "Invoicing", "Billing", "Frequency", "Billing cycle"),
    "term": ("Term", "Subscription term", "Contract period"),
}
# "Label: value" labels (a paragraph's start, or a two-cell row's first cell). A label changes only
# when no other label of its group is in the document (an "Effective date" beside a "Start date" may
# be another date).
_LABEL_GROUPS: dict[str, tuple[str, ...]] = {
    "payment terms": ("Payment terms", "Terms of payment"),
    "bill to": ("Bill to", "Invoice to", "Customer", "Client"),
    "start date": ("Start date", "Effective date", "Service start", "Commencement date", "Service start date"),
    "billing frequency": ("Billing frequency", "Billed", "Invoicing", "Billing cycle"),
    "term": ("Term", "Subscription term", "Contract period"),
    "billing email": ("Billing email", "Invoice email", "Billing e-mail", "Send invoices to"),
}


# Words only written, never replaced: "Rate" may be a per-1,000 or percentage rate, "Volume" a band.
_TARGET_ONLY = {"rate", "volume"}


def _synonym(text: str, groups: dict[str, tuple[str, ...]], rng: Any, allowed: set[str] | None = None) -> str:
    """``text`` replaced by another word of its group (None if it is in none), in the same case style."""
    key = text.strip().rstrip(":").strip().lower()
    for name, words in groups.items():
        if allowed is not None and name not in allowed:
            continue
        if key not in _TARGET_ONLY and key in (word.lower() for word in words):
            choice = rng.choice([word for word in words if word.lower() != key])
            return choice.upper() if text.strip().isupper() and len(key) > 3 else choice
    return text


def _case(text: str, style: str) -> str:
    if style == "upper":
        return text.upper()
    if style == "title":
        words = text.split(" ")
        return " ".join(word[:1].upper() + word[1:] if word.islower() and len(word) > 2 else word for word in words)
    return text


def _labels_in(blocks: list[tuple[Any, ...]]) -> set[str]:
    """The label groups used once or more in the document, counted by how many of their words it uses."""
    found: dict[str, set[str]] = {}
    for block in blocks:
        texts = [block[1]] if block[0] in ("p", "li") else []
        if block[0] in ("t", "tb", "tm", "ts"):
            rows = block[1] if block[0] in ("t", "ts") else block[-1]
            texts = [row[0] + ":" for row in rows if row] + [cell + ":" for cell in rows[0]]
        for text in texts:
            match = re.match(r"\s*([^:|]{2,40}?)\s*:", text)
            if not match:
                continue
            for name, words in _LABEL_GROUPS.items():
                if match.group(1).lower() in (word.lower() for word in words):
                    found.setdefault(name, set()).add(match.group(1).lower())
    return {name for name, words in found.items() if len(words) == 1}


def _reword_table(rows: list[list[str]], rng: Any, labels: set[str], style: str) -> list[list[str]]:
    titles = [cell.strip().lower() for cell in rows[0]]
    groups = dict(_TITLE_GROUPS)
    if not any(title in (word.lower() for word in _TITLE_GROUPS["unit price"]) for title in titles):
        groups.pop("amount")
    header = [_case(_synonym(cell, groups, rng), style) for cell in rows[0]]
    body = [list(row) for row in rows[1:]]
    if len(rows[0]) == 2:  # a key-value table: its first column holds labels, its second values
        label = _synonym(rows[0][0], _LABEL_GROUPS, rng, labels)
        header = [_case(label if label != rows[0][0] else _synonym(label, groups, rng), style), rows[0][1]]
        for row in body:
            row[0] = _synonym(row[0], _LABEL_GROUPS, rng, labels)
    return [header, *body]


def reword(doc: dict[str, Any], seed: int) -> dict[str, Any]:
    """The document with other column titles and labels for the same things, and headings in another
    case; amounts, dates, names and every other word unchanged (deterministic for a seed)."""
    import random

    rng = random.Random(f"{seed}:{doc['name']}")
    labels = _labels_in(doc["blocks"])
    heading_style = ("upper", "title", "")[seed % 3]
    title_style = ("", "upper", "title")[seed % 3]
    blocks: list[tuple[Any, ...]] = []
    for block in doc["blocks"]:
        kind = block[0]
        if kind == "h":
            block = ("h", _case(block[1], heading_style))
        elif kind in ("p", "li"):
            match = re.match(r"(\s*)([^:|]{2,40}?)(\s*:\s)", block[1])
            if match:
                label = _synonym(match.group(2), _LABEL_GROUPS, rng, labels)
                block = (kind, match.group(1) + label + block[1][match.end(2) :], *block[2:])
        elif kind in ("t", "tb", "ts"):
            block = (kind, _reword_table(block[1], rng, labels, title_style), *block[2:])
        elif kind == "tm":
            block = (kind, *block[1:-1], _reword_table(block[-1], rng, labels, title_style))
        blocks.append(block)
    return {**doc, "blocks": blocks}


_RENDER_OWN: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "pdf": lambda d: make_corpus.render_pdf(d["blocks"], d),
    "docx": lambda d: render_docx(d),
    "text": lambda d: make_corpus.render_text(d["blocks"], d),
}


def _produce_reworded(seed: int) -> Callable[..., None]:
    """Each document reworded, in its own format by our renderer (always rendered again: the wording
    rules change more often than the blocks)."""

    def produce(docs: list[dict[str, Any]], folder: Path) -> None:
        for doc in docs:
            target = folder / f"{doc['name']}-{_key(doc)}{SUFFIX[doc['format']]}"
            target.write_bytes(_RENDER_OWN[doc["format"]](reword(doc, seed)))

    return produce


PRODUCERS: dict[str, tuple[str, Callable[[], str | None], Callable[..., None]]] = {
    # name: (file suffix, the tool it needs (None: none), how to produce a list of documents into a folder)
    "own-pdf": (".pdf", lambda: "", _produce_in_process(lambda d: make_corpus.render_pdf(d["blocks"], d), ".pdf")),
    "own-pdf-norules": (
        ".pdf",
        lambda: "",
        _produce_in_process(lambda d: make_corpus.render_pdf(d["blocks"], d, rules=False), ".pdf"),
    ),
    "own-docx": (".docx", lambda: "", _produce_in_process(render_docx, ".docx")),
    "own-text": (".txt", lambda: "", _produce_in_process(lambda d: make_corpus.render_text(d["blocks"], d), ".txt")),
    "chromium": (".pdf", _chromium, lambda docs, folder: _produce_chromium(docs, folder, False)),
    "chromium-hf": (".pdf", _chromium, lambda docs, folder: _produce_chromium(docs, folder, True)),
    "xhtml2pdf": (".pdf", lambda: "", _produce_xhtml2pdf),
    "lo-pdf": (".pdf", _soffice, _produce_lo_pdf),
    "lo-docx": (".docx", _soffice, _produce_lo_docx),
    "text-wrap": (".txt", lambda: "", _produce_in_process(render_text_wrapped, ".txt")),
    "text-tabs": (".txt", lambda: "", _produce_in_process(render_text_tabs, ".txt")),
    "pdftotext-layout": (".txt", lambda: shutil.which("pdftotext"), _produce_pdftotext(True)),
    "pdftotext": (".txt", lambda: shutil.which("pdftotext"), _produce_pdftotext(False)),
    "text-markdown": (".txt", lambda: "", _produce_in_process(render_text_markdown, ".txt")),
    "docx-google": (".docx", lambda: "", _produce_in_process(render_docx_google, ".docx")),
    "lo-txt": (".txt", _soffice, _produce_lo_txt),
    "docx-textbox": (".docx", lambda: "", _produce_in_process(render_docx_textbox, ".docx")),
    # fifth round: layouts of hand-built generators (bench/producers_layout.py)
    "canvas-pdf": (".pdf", lambda: "", _produce_in_process(layout.render_canvas_pdf, ".pdf")),
    "canvas-letterhead": (
        ".pdf",
        lambda: "",
        _produce_in_process(lambda d: layout.render_canvas_pdf(d, letterhead=True), ".pdf"),
    ),
    "chromium-borderless": (
        ".pdf",
        _chromium,
        lambda docs, folder: _produce_chromium(
            docs, folder, False, lambda d: layout.render_html_layout(d, "borderless")
        ),
    ),
    "chromium-grid": (
        ".pdf",
        _chromium,
        lambda docs, folder: _produce_chromium(docs, folder, False, lambda d: layout.render_html_layout(d, "grid")),
    ),
    "chromium-flex": (
        ".pdf",
        _chromium,
        lambda docs, folder: _produce_chromium(docs, folder, False, lambda d: layout.render_html_layout(d, "flex")),
    ),
    "docx-plain": (".docx", lambda: "", _produce_in_process(lambda d: layout.render_docx_layout(d, "plain"), ".docx")),
    "docx-tabs": (".docx", lambda: "", _produce_in_process(lambda d: layout.render_docx_layout(d, "tabs"), ".docx")),
    "lo-pdf-plain": (
        ".pdf",
        _soffice,
        lambda docs, folder: _convert_our_docx(
            docs, folder, ".pdf", "pdf:writer_pdf_Export", lambda d: layout.render_docx_layout(d, "plain")
        ),
    ),
    "lo-pdf-tabs": (
        ".pdf",
        _soffice,
        lambda docs, folder: _convert_our_docx(
            docs, folder, ".pdf", "pdf:writer_pdf_Export", lambda d: layout.render_docx_layout(d, "tabs")
        ),
    ),
    # pasted text: delimited tables, a PDF viewer's copy (bench/producers_text.py)
    "text-csv": (
        ".txt",
        lambda: "",
        _produce_in_process(lambda d: producers_text.render_text_delimited(d, ","), ".txt"),
    ),
    "text-semicolon": (
        ".txt",
        lambda: "",
        _produce_in_process(lambda d: producers_text.render_text_delimited(d, ";"), ".txt"),
    ),
    "pdfcopy-spaces": (".txt", lambda: "", _produce_in_process(producers_text.render_pdf_copy, ".txt")),
    "pdfcopy-tabs": (
        ".txt",
        lambda: "",
        _produce_in_process(lambda d: producers_text.render_pdf_copy(d, "\t"), ".txt"),
    ),
    # eighth round: converters real documents pass through (bench/producers_convert.py)
    "pandoc-plain": (".txt", convert.pandoc, _produce_converted(convert.pandoc_plain, ".txt")),
    "pandoc-plain-wide": (".txt", convert.pandoc, _produce_converted(convert.pandoc_plain_wide, ".txt")),
    "pandoc-grid": (".txt", convert.pandoc, _produce_converted(convert.pandoc_grid, ".txt")),
    "pandoc-rst": (".txt", convert.pandoc, _produce_converted(convert.pandoc_rst, ".txt")),
    "pandoc-markdown": (".txt", convert.pandoc, _produce_converted(convert.pandoc_markdown, ".txt")),
    "html2text": (".txt", lambda: convert.module("html2text"), _produce_converted(convert.html2text_text, ".txt")),
    "inscriptis": (".txt", lambda: convert.module("inscriptis"), _produce_converted(convert.inscriptis_text, ".txt")),
    "text-quoted": (
        ".txt",
        lambda: "",
        _produce_in_process(lambda d: convert.quoted_reply(render_text_wrapped(d)), ".txt"),
    ),
    "pandoc-docx": (".docx", convert.pandoc, _produce_converted(convert.pandoc_docx, ".docx")),
    "htmldocx": (
        ".docx",
        lambda: convert.module("htmldocx"),
        _produce_in_process(lambda d: convert.htmldocx_docx(render_html(convert.rectangular(d), "inline")), ".docx"),
    ),
    # "": each document in its own format
    "wording": ("", lambda: "", _produce_reworded(1)),
    "wording-2": ("", lambda: "", _produce_reworded(2)),
}


# --- scoring ------------------------------------------------------------------------------------


def _score(data: bytes, filename: str, expected: dict[str, Any]) -> Score:
    try:
        extraction = extract(read_document(data, filename))
    except Exception as exc:  # a producer's file the reader cannot read scores nothing
        print(f"    ! {filename}: {exc}")
        return score_extraction(expected, {})
    return score_extraction(expected, extraction.data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--producer", action="append", choices=sorted(PRODUCERS), help="repeat for several")
    parser.add_argument("--doc", default="", help="only documents whose name contains this")
    parser.add_argument("--worst", type=int, default=12, help="how many of the documents that lose most to list")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every missed or wrong field")
    args = parser.parse_args()
    docs = [doc for doc in corpus() if args.doc in doc["name"]]
    # The reference: each document as committed (our renderer, in the document's own format).
    own: dict[str, Score] = {}
    for doc in docs:
        path = CORPUS / doc["folder"] / f"{doc['name']}{SUFFIX[doc['format']]}"
        own[doc["name"]] = _score(path.read_bytes(), path.name, doc["expected"])
    reference = Score()
    for score in own.values():
        reference.add(score)
    print(f"{len(docs)} documents written as blocks")
    print(f"{'producer':17} {'P':>6} {'R':>6} {'F1':>6}  fields right / wrong or extra / missed   worse docs")
    print(
        f"{'(committed)':17} {reference.precision:6.3f} {reference.recall:6.3f} {reference.f1:6.3f}  "
        f"{reference.true_positive} / {reference.false_positive} / {reference.false_negative}"
    )
    for name in args.producer or list(PRODUCERS):
        suffix, tool, produce = PRODUCERS[name]
        if tool() is None:
            print(f"{name:17} skipped: its tool is not installed")
            continue
        folder = CACHE / name
        folder.mkdir(parents=True, exist_ok=True)
        produce(docs, folder)
        total = Score()
        losses: list[tuple[float, str, Score]] = []
        missing = 0
        for doc in docs:
            ext = suffix or SUFFIX[doc["format"]]
            path = folder / f"{doc['name']}-{_key(doc)}{ext}"
            if not path.exists():
                missing += 1
                continue
            score = _score(path.read_bytes(), f"{doc['name']}{ext}", doc["expected"])
            total.add(score)
            reference_score = own[doc["name"]]
            lost = (reference_score.true_positive - score.true_positive) + (
                score.false_positive - reference_score.false_positive
            )
            if lost > 0:
                losses.append((lost, doc["name"], score))
        note = f"  ({missing} not produced)" if missing else ""
        print(
            f"{name:17} {total.precision:6.3f} {total.recall:6.3f} {total.f1:6.3f}  "
            f"{total.true_positive} / {total.false_positive} / {total.false_negative}"
            f"   {len(losses)}{note}"
        )
        losses.sort(key=lambda item: (-item[0], item[1]))
        for lost, doc_name, score in losses[: len(losses) if args.verbose else args.worst]:
            print(f"    {doc_name:40} -{lost:<3} F1 {score.f1:.3f}  ({folder / doc_name}-*{suffix})")
            if args.verbose:
                for miss in score.misses:
                    print(f"        - {miss}")


if __name__ == "__main__":
    main()
