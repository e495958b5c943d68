"""Tables that reach a plain-text document flattened: each cell on a line of its own, row after row
(a PDF table copied as text, `pdftotext` without -layout; a Word table saved as plain text), with
no column alignment left. A run of short lines that opens with column titles ("Description",
"Qty", "Unit price", "Amount") and goes on with rows of as many cells, each column keeping one
kind of cell (a text, a figure), is rebuilt as a pipe table ("| Item | Qty | Price |") that the
text reader reads as any other table.

Two spellings of a flattened cell:
  - a line per cell, no blank lines (Word's / LibreOffice's "save as text": a paragraph per cell);
  - cells split by blank lines, a cell wrapped onto two lines within its column kept together
    (pdftotext), the first column title often run on under the paragraph above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from contracts.documents.parsing import CODES

# Words that title a table's column (matched as whole words, case-insensitively).
_TITLE_WORD = re.compile(
    r"(?i)(?<![\w])(?:no\.|nr\.?|pos\.?|item|items|line|description|product|products|service|services|sku|"
    r"code|plan|module|edition|package|component|qty|quantity|quantities|units?|seats?|users?|licen[cs]es?|"
    r"volume|usage|price|prices|pricing|amount|amounts|total|subtotal|sum|rate|rates|fees?|charges?|cost|costs|"
    r"tier|tiers|band|bands|minimum|maximum|min|max|period|year|years|month|months|term|"
    r"start|end|date|dates|due|milestone|milestones|deliverable|deliverables|role|roles|grade|level|hours|"
    r"days|discount|net|list|billing|billed|frequency|interval|cycle|notes?|remarks|currency|monthly|annual|"
    r"annually|yearly|recurring|one-time|one-off|setup|set-up|percentage|share|instal?ments?|payment|"
    r"schedule|type|category|metric|per|each|included|allowance|overage|commitment|mrc|nrc|vat|tax|extended|ext\.|"
    r"value|gross|"
    # French, German, Spanish, Dutch, Italian
    r"désignation|libellé|article|quantité|qté|prix|unitaire|montant|tarif|périodicité|fréquence|durée|"
    r"bezeichnung|leistung|menge|anzahl|preis|einzelpreis|gesamtpreis|betrag|summe|gesamt|position|staffel|"
    r"zeitraum|intervall|abrechnung|descripción|cantidad|precio|importe|periodo|omschrijving|aantal|"
    r"prijs|bedrag|descrizione|quantità|prezzo|importo)(?![\w])"
)
# Titles whose column holds figures: a text in it ends the table (a sentence under the last row).
# Titles that name a column only on their own ("From", "To", "#"), not inside a label ("Bill to").
_LONE_TITLE = re.compile(r"(?i)#|no|from|to|up to|ab|bis|de|à|von|desde|hasta|van|tot")


@lru_cache(maxsize=4096)
def _titled(text: str) -> bool:
    return bool(_TITLE_WORD.search(text) or _LONE_TITLE.fullmatch(text))


_FIGURE_TITLE = re.compile(
    r"(?i)\b(?:qty|quantity|units|seats|users|prices?|amounts?|totals?|subtotal|rates?|fees?|costs?|charges?|"
    r"discount|hours|days|quantité|prix|montant|menge|anzahl|preis|betrag|cantidad|precio|importe|aantal|"
    r"prijs|bedrag)\b"
)
_MONEY = re.compile(
    rf"(?:[A-Z]{{1,2}})?[$£€¥₹]\s?\d|\b(?:{'|'.join(CODES)}|Fr\.)\s?\d"  # any currency code the reader knows
    r"|\d{1,3}(?:[,.' ]?\d{3})*[.,]\d{2}\b|0[.,]\d{2,}"
)
# A cell that stands for a figure without one ("-", "n/a", "Included", "as used", "and above").
_ANY_CELL = re.compile(
    r"(?i)[-–—*]*|n/?a|none|nil|tbd|tba|free|included|incl\.?|waived|as used|unlimited|varies|"
    r"(?:and |or )?(?:above|over|more|up)|no charge|no limit|on request|\+|∞"
    r"|(?:included|incl\.|free|waived|no charge)\b.*"  # "Included in the platform fee"
)
_NUMBER_START = re.compile(r"[<>≤≥~+-]?\s*(?:(?:[A-Z]{1,2})?[$£€¥₹]\s?)?\d")


@dataclass
class _Unit:
    """A flattened cell: its text and the lines it spans (first, last)."""

    text: str
    first: int
    last: int


@lru_cache(maxsize=4096)
def _kind(cell: str) -> str:
    """"money" (an amount: a currency, or two decimals), "number" (another figure: a count, a
    percentage, "12 months"), "text" (no digit), "sentence" (a text of four words or more ending
    with a full stop), "any" (empty, a placeholder, or a text with figures in it such as a date
    range: it may stand in any column)."""
    cell = cell.strip()
    if _ANY_CELL.fullmatch(cell):
        return "any"
    if _MONEY.match(cell) or _NUMBER_START.match(cell) and re.search(r"[$£€¥₹]|\b[A-Z]{3}\b", cell):
        return "money"  # "$1,200.00", "EUR 95", "1.200,00", "3.5% + $0.15 per transaction", "95 CHF"
    if _NUMBER_START.match(cell) and not re.match(r"\d+[a-z]?,? (?:[A-Z][a-z]+ ){1,3}|\d+[A-Za-z]+\b", cell):
        # a figure first ("12 months", "40 providers"; not "Minimum fee of $0.50"), not a street
        # address ("88 Market Street, Portland"), not a name starting with a model ("42U cabinet")
        return "number"
    if len(cell.split()) >= 4 and re.search(r"[^\W\d_]{3}\.$", cell):
        return "sentence"  # "Each year is invoiced in advance.": a cell only in a column of sentences
    return "any" if re.search(r"\d", cell) else "text"


def _fits(kind: str, column: str) -> bool:
    return "any" in (kind, column) or kind == column


@lru_cache(maxsize=4096)
def _title_like(text: str) -> bool:
    """A column title: short, capitalised, no sentence, no figure (but "Year 1", "(EUR)")."""
    if len(text) > 40 or len(text.split()) > 6 or ":" in text or "|" in text:
        return False
    if _LONE_TITLE.fullmatch(text):
        return True  # "#", "No", "From", "To"
    letters = re.search(r"[^\W\d_]", text)
    if letters is None or not (letters.group().isupper() or text.startswith(("#", "(", "%"))):
        return False
    if re.match(r"#+\s", text):
        return False  # a Markdown heading
    numbered = (
        r"(?i)\b(?:year|yr|month|months|tier|phase|period|q|step|level|per)\s*\d[\d,.]*(?:\s*-\s*\d+)?"
        r"|\d+(?:[.,]\d+)?\s?%"
        r"|\(?\b(?:FY\s?)?(?:19|20)\d{2}\b\)?"  # a year: "Year 1 (2028)", "FY2027", "Fees 2029"
    )
    if re.search(r"\d", re.sub(numbered, "", text)):
        return False
    return not (text.endswith(".") and len(text.split()[-1]) > 5)  # a sentence, not "Pos." or "No."


@lru_cache(maxsize=4096)
def _cell_like(text: str) -> bool:
    """A table cell, not a paragraph of prose: short, not a full sentence."""
    words = text.split()
    if len(text) > 100 or not words or len(words) > 14:
        return False
    if re.search(r"[^\W\d_]: \S", text):
        return False  # a field ("Payment terms: Net 60"), a sentence introducing what follows ("...: Milestone")
    return not (len(words) >= 9 and text.rstrip().endswith((".", ";")))


def _units(lines: list[str], start: int, blocks: bool, limit: int = 400) -> list[_Unit]:
    """The cells from line `start` on: a line each, a single empty line an empty cell (blocks=False),
    or blocks of lines split by single blank lines (blocks=True), up to two blank lines or a line of
    a table already rebuilt."""
    out: list[_Unit] = []
    index = start
    while index < len(lines) and len(out) < limit:
        if not lines[index].strip():
            if index + 1 >= len(lines) or not lines[index + 1].strip() or not out:
                break
            if not blocks:  # a line per cell: an empty line between two is an empty cell
                if index + 2 >= len(lines) or not lines[index + 2].strip():
                    break  # not cells split by blank lines
                out.append(_Unit("", index, index))
            index += 1
            continue
        if lines[index].lstrip().startswith("|") or "\t" in lines[index]:
            break
        if not blocks:
            out.append(_Unit(lines[index].strip(), index, index))
            index += 1
            continue
        end = index
        while end + 1 < len(lines) and lines[end + 1].strip() and not lines[end + 1].lstrip().startswith("|"):
            end += 1
        out.append(_Unit(" ".join(line.strip() for line in lines[index : end + 1]), index, end))
        index = end + 1
    return out


def _row_fits(row: list[_Unit], header: list[_Unit], kinds: list[str] | None) -> bool:
    """A row of the table: cells (not prose), a figure among them, each cell of its column's kind
    (the first row's), no text under a title of figures (but in the first column, which names the
    rows: "Annual fees" over "Platform", "Support")."""
    filled = [unit.text for unit in row if unit.text]
    if len(filled) < 2 or not all(_cell_like(text) for text in filled):
        return False
    row_kinds = [_kind(unit.text) for unit in row]
    if not {"money", "number"} & set(row_kinds):
        return False
    for at, kind in enumerate(row_kinds):
        words = kind in ("text", "sentence") and not _TITLE_WORD.search(row[at].text)
        if words and at > 0 and _FIGURE_TITLE.search(header[at].text):
            return False
        if kinds is not None and not _fits(kind, kinds[at]):
            return False
    return True


def _short_row(units: list[_Unit], at: int, header: list[_Unit], kinds: list[str]) -> list[_Unit] | None:
    """A row with an empty cell, which the flattened text leaves out ("1,000,001" and "$0.004"
    with nothing under "To"): the row's cells less one, each of its column's kind exactly, with
    the empty cell put where they all fit."""
    width = len(header)
    cells = units[at : at + width - 1]
    if width < 3 or len(cells) < width - 1:
        return None
    for gap in range(width - 1, 0, -1):
        row = [*cells[:gap], _Unit("", -1, -1), *cells[gap:]]
        strict = all(_kind(unit.text) == kinds[i] for i, unit in enumerate(row) if unit.text and kinds[i] != "any")
        if strict and _row_fits(row, header, kinds):
            return row
    return None


def _rows(units: list[_Unit], width: int) -> list[list[_Unit]]:
    """The rows of `width` cells that follow the header (the first `width` units)."""
    header = units[:width]
    kinds: list[str] | None = None
    rows: list[list[_Unit]] = []
    at = width
    while at < len(units):
        row: list[_Unit] | None = units[at : at + width]
        if len(row) < width or not _row_fits(row, header, kinds):
            row = _short_row(units, at, header, kinds) if kinds is not None else None
            if row is None:
                break
        if kinds is None:
            kinds = [_kind(unit.text) for unit in row]
        else:  # a placeholder in the first row: the column takes the kind of the next one's cell
            kinds = [old if old != "any" else _kind(unit.text) for old, unit in zip(kinds, row, strict=True)]
        rows.append(row)
        at += sum(1 for unit in row if unit.first >= 0)
    return rows


def _single_row(header: list[_Unit], row: list[_Unit], known: int) -> bool:
    """A table of one row: three or more columns, each titled as a column, a figure under each
    title of figures (after the first column)."""
    if len(header) < 3 or known < len(header):
        return False
    return all(
        _kind(cell.text) in ("money", "number")
        for title, cell in zip(header[1:], row[1:], strict=True)
        if _FIGURE_TITLE.search(title.text)
    )


def _cut(units: list[_Unit], offset: int, width: int) -> tuple[tuple[int, ...], list[list[_Unit]]] | None:
    """The table whose header is `width` units from `offset` on, with how well it reads: the cells
    it covers, its rows, its columns, a first column not titled as figures ("Fees" over "Service",
    "Unit", ... is a heading), whether it ends where the cells end (the next unit is prose or
    nothing, not a cell left over as when a heading over the titles is taken for a column)."""
    header = units[offset : offset + width]
    known = sum(1 for unit in header if _titled(unit.text))
    rows = _rows(units[offset:], width) if known and 2 * known >= width else []
    if known < 2 and len(rows) < 3:
        return None  # one title a column's own ("Price per agent"): three rows or more
    if not rows or (len(rows) == 1 and not _single_row(header, rows[0], known)):
        return None
    short = sum(1 for row in rows if min(unit.first for unit in row) < 0)
    if 2 * short > len(rows):
        return None  # rows cut at the wrong places, each "missing" a cell
    used = offset + width + sum(1 for row in rows for unit in row if unit.first >= 0)
    after = units[used].text if used < len(units) else ""
    ends = not after or not _cell_like(after) or _kind(after) == "sentence"
    named = not _FIGURE_TITLE.search(header[0].text)
    return ((len(rows) + 1) * width - short, len(rows), width, named, ends, -offset), [header, *rows]


def _best_table(units: list[_Unit]) -> list[list[_Unit]] | None:
    """The header and rows of the table the units open, or None: the header is a run of column
    titles, two or more naming a column, followed by rows of as many cells; of the ways to cut the
    run, the one that reads best (_cut) wins."""
    run = 0
    while run < len(units) and run < 10 and _title_like(units[run].text):
        run += 1
    best: tuple[tuple[int, ...], list[list[_Unit]]] | None = None
    for offset in range(0, max(0, run - 1)):
        for width in range(2, run - offset + 1):
            cut = _cut(units, offset, width)
            if cut is not None and (best is None or cut[0] > best[0]):
                best = cut
    return None if best is None else best[1]


def _pipe_row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |"


def _title_tail(lines: list[str], index: int) -> int:
    """Where a column title run on under the paragraph above begins (pdftotext puts the first
    cell of a table in the block of the text above it): the block's last line, with the line above
    it when that one is a short unfinished piece of the same title ("Annual Fees (GBP," over
    "excl. VAT)")."""
    if index > 0 and lines[index - 1].strip() and not _titled(lines[index].strip()):
        above = lines[index - 1].strip()
        if len(above) + len(lines[index].strip()) <= 40 and not above.endswith((".", ":")) and ":" not in above:
            return index - 1
    return index


# Words of a form's field labels ("Customer legal name", "Invoice email", "Billing frequency").
_LABEL_WORD = re.compile(
    r"(?i)\b(?:customer|client|buyer|provider|supplier|vendor|seller|account|company|entity|name|e-?mail|address|contact|phone|invoices?|"
    r"billing|payment|terms?|currency|start|end|effective|commencement|expiry|renewal|notice|date|period|"
    r"frequency|timing|reference|po|order|quote|plan|subscription|users|seats|licen[cs]es|price|fee|vat|"
    r"tax|number)\b"
)


@lru_cache(maxsize=4096)
def field_label(text: str) -> bool:
    """A form's field label: a short capitalised title naming a field, no figure, no colon."""
    return (
        len(text.split()) <= 6
        and text[:1].isupper()
        and not re.search(r"[\d:.|]", text)
        and bool(_LABEL_WORD.search(text))
    )


def _pairs_at(lines: list[str], index: int) -> tuple[list[str], int] | None:
    """A two-column label / value table flattened (a label on a line, its value on the next:
    "Invoice email" over "ap@example.test"): three pairs or more in a row, each value a cell
    that is not itself a label, up to a table's column titles, as two-cell rows; with the line
    after them."""
    if not field_label(lines[index].strip()):
        return None
    blocks = index + 1 < len(lines) and not lines[index + 1].strip()
    units = _units(lines, index, blocks, limit=60)
    pairs: list[tuple[_Unit, _Unit]] = []
    for at in range(0, len(units) - 1, 2):
        label, value = units[at], units[at + 1]
        if not (field_label(label.text) and value.text and _cell_like(value.text)) or field_label(value.text):
            break
        if pairs and _table_at(lines, label.first) is not None:
            break  # the titles of a table under the form ("Subscription", "Quantity", ...)
        pairs.append((label, value))
    if len(pairs) < 3:
        return None
    return [_pipe_row([label.text, value.text]) for label, value in pairs], pairs[-1][1].last + 1


def rebuild_flattened_tables(lines: list[str]) -> list[str]:
    """The page's lines with each flattened table rebuilt as pipe rows (a blank line after it)."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        pairs = _pairs_at(lines, index) if lines[index].strip() else None
        if pairs is not None:
            out += [*pairs[0], ""]
            index = pairs[1]
            continue
        found = _table_at(lines, index)
        if found is None:
            out.append(lines[index])
            index += 1
            continue
        first, rows, end = found
        if first < index:  # the first title was the last line of the paragraph above
            del out[len(out) - (index - first) :]
        out += [*lines[index:first], *rows, ""]
        index = end
    return out


def _table_at(lines: list[str], index: int) -> tuple[int, list[str], int] | None:
    """A flattened table whose header starts at line `index`: (the line where it starts, its pipe
    rows, the line after it)."""
    line = lines[index].strip()
    if not line or not _title_like(line) or line.startswith("|"):
        return None
    after = [lines[at].strip() for at in range(index + 1, min(index + 3, len(lines)))] + ["", ""]
    # cells split by blank lines (pdftotext), the first title perhaps wrapped onto a second line
    wrapped = len(f"{line} {after[0]}") <= 40 and ":" not in after[0]
    if _title_like(after[0]) and _titled(after[0]):
        wrapped = False  # a title of its own under a heading ("Hardware" over "Item")
    blocks = not after[0] or (not after[1] and wrapped)
    start = _title_tail(lines, index) if blocks and not after[0] else index
    if sum(1 for unit in _units(lines, start, blocks, limit=3) if _title_like(unit.text)) < 2:
        return None  # no two column titles to open a table
    if _best_table(_units(lines, start, blocks, limit=40)) is None:
        return None  # (looked for among the first cells: the whole run is read only for a table)
    table = _best_table(_units(lines, start, blocks))
    if table is None:
        return None
    rows = [_pipe_row([unit.text for unit in row]) for row in table]
    return table[0][0].first, rows, max(unit.last for unit in table[-1]) + 1
