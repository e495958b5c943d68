"""Producers of plain text as people paste it into a .txt contract (used by
extraction_producers.py):

- delimited tables: a spreadsheet's table pasted into the text as CSV, either comma-separated
  with cells that hold a comma quoted (Excel / Google Sheets "CSV": ``Platform fee,1,"$12,000.00",Annual``)
  or semicolon-separated as a European Excel exports it (``Plattform;1;12.000,00 €;jährlich``, decimal
  commas, the euro sign after the amount); the rest of the document is ordinary text;
- text copied out of a PDF viewer (select all, copy, paste): each visual line of our own PDF a line
  of its own, the words joined by single spaces (or, as some viewers do, a tab where a table's
  columns leave a gap), no blank lines between paragraphs, sentences broken where the page ended
  them, long words hyphenated at a line end, and the page's running header and a "Page n of N"
  footer repeated between the pages.

Every function here turns one corpus document into bytes; it is deterministic, so the bench can
cache what it renders.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from bench.producers_layout import table_rows

# --- delimited tables --------------------------------------------------------------------------------

# a figure written the English way ("12,000.00", "0.045"), not a date or a figure already written the
# European way ("15.03.2027", "12.000,00")
_NUMBER = re.compile(r"(?P<pre>€\s?)?(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![.,]?\d)")


def _european(cell: str) -> str:
    """A cell as a European spreadsheet formats it: "1,200.50" -> "1.200,50", "€1,200" -> "1.200 €"."""

    def swap(match: re.Match[str]) -> str:
        number = match.group("num").translate(str.maketrans(",.", ".,"))
        return f"{number} €" if match.group("pre") else number

    return _NUMBER.sub(swap, cell)


def _delimited(rows: list[list[str]], delimiter: str) -> list[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    for row in rows:
        writer.writerow([_european(cell) if delimiter == ";" else cell for cell in row])
    return buffer.getvalue().splitlines()


def render_text_delimited(doc: dict[str, Any], delimiter: str) -> bytes:
    """The document as ordinary text (paragraphs between blank lines, "1." lists), each table pasted
    as CSV rows under its header row."""
    out: list[str] = []
    if doc.get("header"):
        out += [doc["header"].format(page="1"), ""]
    number = 0
    for block in doc["blocks"]:
        kind = block[0]
        if kind in ("h", "p"):
            out += [block[1], ""]
        elif kind == "li":
            number += 1
            out += [f"{number}. {block[1]}", ""]
        elif kind == "pb":
            out.append("\f")
        elif kind in ("t", "tb", "tm", "ts"):
            title, rows = table_rows(block)
            if title:
                out += [title, ""]
            out += [*_delimited(rows, delimiter), ""]
    if doc.get("footer"):
        out += ["", doc["footer"].format(page="1")]
    text = "\n".join(out)
    if delimiter == ";":
        return text.replace("\n", "\r\n").encode("utf-8")
    return text.encode("utf-8")


# --- text copied out of a PDF viewer ---------------------------------------------------------------


def _page_lines(page: Any, separator: str) -> list[tuple[str, float, float]]:
    """A page's visual lines, top to bottom: (text, x0, x1). Words on one line are joined by a
    space; with a tab separator, a gap wider than two spaces (a table's gutter) is a tab."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5)
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= 2.5:
            lines[-1].append(word)
        else:
            lines.append([word])
    out = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        text = line[0]["text"]
        for before, word in zip(line, line[1:], strict=False):
            gap = word["x0"] - before["x1"]
            size = before["bottom"] - before["top"]
            text += "\t" if separator == "\t" and gap > 0.9 * size else " "
            text += word["text"]
        out.append((text, line[0]["x0"], line[-1]["x1"]))
    return out


def _hyphenated(lines: list[tuple[str, float, float]], right: float) -> list[str]:
    """Lines that reach the right margin take the first half of a long word from the next line,
    hyphenated there ("compre-" / "hensive"), as a typesetter that hyphenates would have set them."""
    texts = [text for text, _, _ in lines]
    for index in range(len(lines) - 1):
        _, _, x1 = lines[index]
        following = texts[index + 1].split(" ", 1)
        word = following[0]
        if x1 >= right - 40 and len(word) >= 9 and word.isalpha() and word.islower():
            cut = len(word) // 2
            texts[index] += f" {word[:cut]}-"
            texts[index + 1] = word[cut:] + (f" {following[1]}" if len(following) > 1 else "")
    return texts


def render_pdf_copy(doc: dict[str, Any], separator: str = " ") -> bytes:
    """Our own PDF as a viewer's select-all copy gives it (see the module's docstring): its running
    header and footer, when it has them, come with every page's lines, and the viewer's "Page n of N"
    follows each page."""
    import pdfplumber

    from tests.contracts.documents import make_corpus

    data = make_corpus.render_pdf(doc["blocks"], doc)
    out: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        count = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            lines = _page_lines(page, separator)
            widest = max((x1 for _, _, x1 in lines), default=page.width)
            texts = _hyphenated(lines, widest)
            out += texts
            out.append(f"Page {number} of {count}")
    return "\r\n".join(out).encode("utf-8")
