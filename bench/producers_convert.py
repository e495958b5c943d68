"""Producers that pass a contract through the CONVERTERS real documents go through (used by
extraction_producers.py): pandoc (HTML to plain text, reStructuredText, grid-table text, DOCX),
html2text (HTML to the Markdown-ish text e-mail clients and scrapers make), inscriptis (HTML to
text laid out as a browser renders it), htmldocx (HTML to DOCX), and an e-mail reply quoting the
72-column text with "> ".

The source of every converter is our HTML renderer (extraction_producers.render_html with the
running header and footer written once, inline), passed in as ``page``. Tools that are missing are
reported by ``available`` so the bench skips their producers. Install them with
``apt-get install -y pandoc`` and ``.venv/bin/pip install html2text inscriptis htmldocx``.
Deterministic: no dates, no random ids.
"""

from __future__ import annotations

import importlib.util
import io
import shutil
import subprocess
from typing import Any


def pandoc() -> str | None:
    """The pandoc binary, or None."""
    return shutil.which("pandoc")


def module(name: str) -> str | None:
    """ "" when the Python module ``name`` can be imported, None when it is missing."""
    return "" if importlib.util.find_spec(name) is not None else None


def _pandoc(page: str, target: str, *options: str) -> bytes:
    command = [pandoc() or "pandoc", "-f", "html", "-t", target, *options]
    result = subprocess.run(command, input=page.encode("utf-8"), capture_output=True, timeout=120, check=True)
    return result.stdout


def pandoc_plain(page: str) -> bytes:
    """``pandoc -t plain`` (72 columns): paragraphs hard-wrapped, headings as text, tables as
    simple tables (a dashed rule under the titles whose dashes span each column) or, when a cell
    wraps, multiline tables (dashed rules above and below, a blank line between rows, cells wrapped
    in their columns)."""
    return _pandoc(page, "plain")


def pandoc_plain_wide(page: str) -> bytes:
    """``pandoc -t plain --columns=110``: the same with wider lines (fewer cells wrap)."""
    return _pandoc(page, "plain", "--columns=110")


def pandoc_grid(page: str) -> bytes:
    """``pandoc -t plain-simple_tables-multiline_tables-pipe_tables``: every table a grid table
    ("+-----+-----+" borders, "+=====+" under the titles, cells wrapped inside their box)."""
    return _pandoc(page, "plain-simple_tables-multiline_tables-pipe_tables")


def pandoc_rst(page: str) -> bytes:
    """``pandoc -t rst``: reStructuredText (headings underlined, grid tables, "#." lists)."""
    return _pandoc(page, "rst")


def pandoc_markdown(page: str) -> bytes:
    """``pandoc -t markdown``: pandoc's own Markdown (escapes, "-----" table rules, header
    attributes)."""
    return _pandoc(page, "markdown-raw_html-native_divs-native_spans-header_attributes")


def pandoc_docx(page: str) -> bytes:
    """HTML to DOCX by pandoc (its own reference styles: "Compact" tables, "First Paragraph" /
    "Body Text" paragraphs, lists numbered by Word)."""
    return _pandoc(page, "docx", "-o", "-")


def html2text_text(page: str) -> bytes:
    """html2text's defaults: Markdown-ish text wrapped at 78 columns ("## " headings, "1. " lists,
    tables as "a | b" rows under a "---|---" rule, Markdown escapes such as "\\-" and "\\*")."""
    import html2text

    return html2text.html2text(page).encode("utf-8")


def inscriptis_text(page: str) -> bytes:
    """inscriptis: the text as a browser lays it out (table columns padded with spaces, list
    items with "* " or numbers, blank lines where blocks end)."""
    from inscriptis import get_text
    from inscriptis.css_profiles import CSS_PROFILES
    from inscriptis.model.config import ParserConfig

    return get_text(page, ParserConfig(css=CSS_PROFILES["strict"])).encode("utf-8")


def htmldocx_docx(page: str) -> bytes:
    """HTML to DOCX by htmldocx (python-docx underneath: tables styled "Table Grid" or not at all,
    headings as Heading styles, list items as List styles)."""
    import docx
    from htmldocx import HtmlToDocx

    document = docx.Document()
    parser = HtmlToDocx()
    body = page.split("<body>", 1)[-1].rsplit("</body>", 1)[0]
    parser.add_html_to_document(body, document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rectangular(doc: dict[str, Any]) -> dict[str, Any]:
    """The document with every table's rows padded to one width and a table's merged title row
    ("tm") as a paragraph above it: htmldocx fails on merged cells and on ragged rows."""
    blocks: list[tuple[Any, ...]] = []
    for block in doc["blocks"]:
        if block[0] in ("t", "tb", "tm", "ts"):
            rows = block[1] if block[0] in ("t", "ts") else block[-1]
            width = max(len(row) for row in rows)
            if block[0] == "tm":
                blocks.append(("p", block[1]))
            blocks.append(("t", [list(row) + [""] * (width - len(row)) for row in rows]))
        else:
            blocks.append(block)
    return {**doc, "blocks": blocks}


def quoted_reply(text: bytes) -> bytes:
    """An e-mail reply above the document quoted line by line with "> " (the 72-column text as a
    mail client quotes it: each line behind "> ", long table lines kept whole, a page break as an
    empty quoted line)."""
    out = [
        "Hi both,",
        "",
        "Confirming the order below as discussed. Please go ahead.",
        "",
        "Best regards,",
        "Sam",
        "",
        "On Tue, 3 Mar, Accounts wrote:",
    ]
    for line in text.decode("utf-8").split("\n"):
        out.append(">" if line == "\f" else f"> {line}".rstrip())
    return "\n".join(out).encode("utf-8")
