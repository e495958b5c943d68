"""Bytes of an uploaded document -> pages of text lines and tables, in reading order."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from contracts.documents.delimited_text import delimited_rows
from contracts.documents.flat_tables import field_label, rebuild_flattened_tables
from contracts.documents.spaced_tables import single_spaced_tables
from contracts.documents.text_sources import BinaryFileError, readable_text

PDF, DOCX, TEXT = "pdf", "docx", "text"


class DocumentReadError(Exception):
    """The file is not a readable PDF, DOCX or text document."""


@dataclass
class Block:
    """A paragraph-like line, or a table row (cells), with its page."""

    page: int
    text: str
    cells: tuple[str, ...] = ()
    table: int | None = None  # index of the table on the document, for rows
    starts_paragraph: bool = False
    # The line before it was wrapped where this one goes on (it ran to the right margin and this
    # line's first word did not fit there): one sentence, whatever this line starts with.
    continues: bool = False
    # Body text by the producer's own marking (a Word document that styles its headings "Heading N"
    # and this paragraph not): never a heading, however short ("Billed monthly in advance").
    body: bool = False


@dataclass
class Document:
    kind: str
    blocks: list[Block] = field(default_factory=list)
    page_count: int = 1

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)

    @property
    def has_text(self) -> bool:
        """Text to read: a scan whose only text is a stamp on each page ("Scanned by ...", a page
        number) has none."""
        words = re.findall(r"[^\W\d_]{2,}", self.text)
        if self.kind == PDF:
            return len(words) >= 5 * max(1, self.page_count)
        return bool(words) or any(ch.isalnum() for ch in self.text)

    def pages_without_text(self) -> list[int]:
        """Pages of a PDF without a text layer (scanned pages inside a typed document)."""
        if self.kind != PDF:
            return []
        counts: dict[int, int] = {}
        for block in self.blocks:
            counts[block.page] = counts.get(block.page, 0) + len(re.findall(r"[^\W\d_]{2,}", block.text))
        return [page for page in range(1, self.page_count + 1) if counts.get(page, 0) < 3]

    def page_texts(self) -> list[tuple[int, str]]:
        pages: dict[int, list[str]] = {}
        for block in self.blocks:
            pages.setdefault(block.page, []).append(block.text)
        return [(page, "\n".join(lines)) for page, lines in sorted(pages.items())]


def detect_kind(data: bytes, filename: str = "") -> str:
    name = filename.lower()
    if b"%PDF-" in data[:1024] or name.endswith(".pdf"):
        return PDF
    if data[:2] == b"PK" or name.endswith(".docx"):
        return DOCX
    return TEXT


def read_document(data: bytes, filename: str = "") -> Document:
    kind = detect_kind(data, filename)
    try:
        if kind == PDF:
            return _read_pdf(data)
        if kind == DOCX:
            return _read_docx(data)
        return _read_text(data)
    except DocumentReadError:
        raise
    except Exception as exc:  # a broken upload is a finding to show, not a crash
        raise DocumentReadError(f"Could not read the {kind.upper()} file: {exc}") from exc


_PUNCTUATION = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2011": "-",
        "\u2010": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u200b": None,
        "\u00ad": None,
        "\ufeff": None,
    }
)


_REDLINE_DELETED = re.compile(r"\[\s*(?:deleted|removed|struck(?: out)?|strike(?:-| )?through)\s*:[^\]]*\]\s?", re.I)
_REDLINE_INSERTED = re.compile(r"\[\s*(?:inserted|added|new)\s*:\s*(?P<kept>[^\]]*?)\s*\]", re.I)


def _clean(text: str | None) -> str:
    """One spelling of the text: ligatures and full-width forms unfolded (NFKC, "ﬁrst" -> "first"),
    typographic dashes and quotes made plain, runs of spaces collapsed."""
    # A footnote mark in superscript after an amount ("$3,200¹") or opening its footnote ("¹ Due on
    # signature"): "[1]", not a digit of the amount
    text = re.sub(
        r"(?<=\d)[⁰¹²³⁴⁵⁶⁷⁸⁹]+|^\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?=\s)",
        lambda match: f"[{unicodedata.normalize('NFKC', match.group(0).strip())}]",
        text or "",
    )
    # Other footnote markers ("Platform Fee¹", "Fee (annual)²") are not part of the word; "m²" stays.
    text = re.sub(r"(?:^|(?<=[A-Za-z]{3})|(?<=[\d).,%*\]]))[¹²³⁰⁴-⁹]+", "", text or "")
    text = unicodedata.normalize("NFKC", text).translate(_PUNCTUATION)
    # A redline written out ("[Deleted: £1,800] [Inserted: £2,100]"): the agreed text is the inserted one.
    text = _REDLINE_DELETED.sub("", text)
    text = _REDLINE_INSERTED.sub(lambda match: match.group("kept"), text)
    text = _typed_plain(text)
    # Dot leaders ("Customer ........ Acme Inc.") separate a label from its value.
    text = re.sub(r"[ \t]*(?:\.\s?){4,}[ \t]*", ": ", text)
    return re.sub(r"[ \t\u00a0\u202f]+", " ", text).strip()


def join_lines(parts: list[str]) -> str:
    """Wrapped lines as one text: joined by a space, except after a hyphen that a producer broke
    the line at ("twelve-" / "month", "12-" / "month", "accounts@north-" / "wind.test"), which
    joins without one; so does an e-mail address broken after its "@" ("invoices@" / "ports.example")."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        broken_word = bool(re.search(r"[^\W_]-$", out) and re.match(r"[^\W_]", part))
        broken_address = bool(re.search(r"[\w.+-]@$", out) and re.match(r"[\w-]+(?:\.[\w-]+)+", part))
        if out and (broken_word or broken_address):
            out += part
        else:
            out = f"{out} {part}" if out else part
    return out


def _read_text(data: bytes) -> Document:
    try:
        text = readable_text(data)
    except BinaryFileError as exc:
        raise DocumentReadError(str(exc)) from exc
    document = Document(kind=TEXT)
    table_index = 0
    in_table = False
    new_paragraph = True
    text = _without_quoted_messages(text)
    text = _without_repeated_page_headers(text)
    for page_number, page in enumerate(text.split("\f"), start=1):
        new_paragraph = True
        lines = rebuild_flattened_tables(
            delimited_rows(
                _aligned_with_tabs(
                    _wrapped_tab_cells(
                        _grid_rows(
                            _side_by_side_parties(
                                _centred_rows(
                                    _narrow_gutters(
                                        single_spaced_tables(_markdown_tables(_without_struck_rows(page.splitlines())))
                                    )
                                )
                            )
                        )
                    )
                )
            )
        )
        boxed = False  # the current table is drawn with "+----+" rules (its wrapped cells go on lines below)
        header_spans: list[tuple[int, int]] = []  # where the columns of a space-aligned table start and end
        # Columns aligned with spaces (a text export of a table): three or more cells split by runs
        # of two or more spaces, on at least two neighbouring lines.
        aligned = _space_aligned(lines)
        # Two columns laid out side by side with spaces (a letterhead beside a reference block,
        # "Customer: X" beside "Service start: Y", an item beside its price): split by a run of
        # three or more spaces, on at least two neighbouring lines.
        paired = [len(_two_columns(raw)) == 2 and "|" not in raw and "\t" not in raw for raw in lines]
        ruled = _ruled_rows(lines)
        ruled |= _two_column_table(lines, [flag and at not in ruled for at, flag in enumerate(paired)])
        wrapped = _wrapped_text_lines(lines, ruled, aligned)
        # the rules inside a table ruled under its header row (its rows are read by ``_ruled_rows``)
        # (and a row's wrapped lines, merged into it: not rules at all)
        ruled_cells_above = {at for at in ruled if not _RULE_LINE.fullmatch(lines[at]) or at > 0 and ruled.get(at - 1)}
        # A paragraph per line with hardly a blank line between them (Word's "Save as plain text"):
        # each line is a paragraph of its own, unless the text was hard-wrapped, its wrapped lines
        # mostly going on in lower case (then its lines are read together as before: without blank
        # lines, a wrapped line and the next paragraph cannot be told apart line by line).
        # (a drawn table's rows and rules, "| ... |" and "+----+", are not counted: a grid table has no
        # blank line between its rows however its paragraphs are written)
        filled = sum(1 for raw in lines if raw.strip() and not _DRAWN_ROW.match(raw))
        blanks = sum(1 for raw in lines if not raw.strip())
        few_blanks = filled >= 5 and blanks < 0.2 * filled
        going_on = [lines[at].strip()[:1].islower() for at, flag in enumerate(wrapped) if flag]
        line_paragraphs = few_blanks and 2 * sum(going_on) < len(going_on) + (not going_on)
        wrapped = [False] * len(lines) if few_blanks else wrapped
        for index, raw in enumerate(lines):
            # Markdown exports: "# Heading", "**Customer:** Acme" read as plain text.
            # (bold marks come in pairs; a lone "**" is a footnote mark: "$9,500**", "** One-time fee")
            bold = r"\*\*|" if raw.count("**") % 2 == 0 else ""
            line = re.sub(rf"{bold}__|^\s{{0,3}}#{{1,6}}\s+", "", raw.rstrip())
            # a reStructuredText field list (":Customer: Acme Ltd", Sphinx and docutils documents): a label
            line = _RST_FIELD.sub(r"\1\2:", line)
            if ruled.get(index) == ():
                new_paragraph = True  # a rule: a heading's underline, a table's rule, a row merged above
                # a report's full-width rule between its sections (an ERP print's header fields, then
                # "-----", then its item list): the table above ends there; a rule under a table's
                # title row keeps the table going
                ends = in_table and index not in ruled_cells_above and _rows_of_table(document, table_index) > 1
                in_table, boxed, header_spans = (False, False, []) if ends else (in_table, boxed, header_spans)
                continue
            # A drawn table's rules ("+-----+------+", "---+---"): the table goes on.
            if _TABLE_RULE.fullmatch(line):
                boxed = boxed or line.lstrip().startswith("+")
                continue
            # a row's cells wrapped in their columns, the first column empty (pdftotext -layout)
            wrapped_row = in_table and aligned[index] and index not in ruled and _first_cell_empty(line, header_spans)
            if not wrapped_row and (
                index in ruled
                or (aligned[index] and _aligned_neighbour(lines, aligned, index))
                or (in_table and _row_with_empty_cells(line, header_spans))
            ):
                cells = ruled.get(index) or _aligned_cells(line, header_spans)
                if not in_table:
                    table_index += 1
                    in_table = True
                    header_spans = _cell_spans(line)
                    _title_line_above(document, lines, index, len(cells), table_index)
                    document.blocks.append(Block(page_number, " | ".join(cells), cells, table_index))
                    _stacked_titles(document, lines[index - 1] if index else "", line)
                    continue
                document.blocks.append(Block(page_number, " | ".join(cells), cells, table_index))
                continue
            # Markdown / pipe tables and tab-separated rows keep their cells.
            if line.strip().startswith("|") or line.count("\t") >= 1 or line.count(" | ") >= 1:
                stripped = line.strip().strip("|")
                if re.fullmatch(r"[\s|:+-]*", stripped):
                    table_index = _titles_of_next_table(document, table_index, in_table)
                    continue
                separator = "\t" if "\t" in line and "|" not in line else "|"
                cells = tuple(_clean(cell) for cell in stripped.split(separator))
                if boxed and in_table and _continue_boxed_row(document, cells, table_index):
                    continue
                # rows cut by another separator (tabs after "Customer: X | Billing: Y") are another table
                if not in_table or ("\t" in lines[index - 1]) != ("\t" in line):
                    table_index += 1
                    in_table = True
                document.blocks.append(Block(page_number, " | ".join(cells), cells, table_index))
                continue
            if wrapped_row or (in_table and _note_in_aligned_table(lines, aligned, index)):
                # an indented line under a row of a space-aligned table ("   (first 500 GB included)",
                # a description wrapped onto the next line): part of that row's item
                row = document.blocks[-1]
                cells = _wrapped_cells(row.cells, line, header_spans)
                document.blocks[-1] = Block(row.page, " | ".join(cells), cells, row.table)
                continue
            in_table = False
            boxed = False
            header_spans = []
            if not line.strip():
                new_paragraph = True
                continue
            beside = (index > 0 and paired[index - 1]) or (index + 1 < len(lines) and paired[index + 1])
            if paired[index] and beside and not aligned[index]:
                document.blocks += _paired_blocks(line, page_number)
                new_paragraph = True
                continue
            continues = wrapped[index] and not new_paragraph
            starts = new_paragraph or line_paragraphs
            fields = _fields_on_one_line(line)
            document.blocks += [
                Block(page_number, part, starts_paragraph=starts or n > 0, continues=continues and n == 0)
                for n, part in enumerate(fields)
            ]
            new_paragraph = False
        document.page_count = page_number
    return document


def _page_header_key(line: str) -> str:
    """A line as a page header repeats it: spaces collapsed, page numbers ("Page 2 of 3") left out."""
    line = re.sub(r"(?i)\b(?:page|seite|p\.|pg\.?)\s*\d+(?:\s*(?:of|/|von|de)\s*\d+)?", "", line.replace("\f", ""))
    return re.sub(r"\s+", " ", line).strip().lower()


def _without_repeated_page_headers(text: str) -> str:
    """A report printed page by page repeats its page header (the letterhead line and the lines under
    it, "Page 2 of 3") above each page's rows, often without a blank line: the repeats are left out,
    so that a table broken by them reads on."""
    lines = text.split("\n")
    filled = [at for at, line in enumerate(lines) if line.strip(" \t\f")]
    if len(filled) < 8:
        return text
    header: list[str] = []
    for at in filled[:6]:
        if header and not lines[at - 1].strip(" \t\f"):
            break  # the page header ends at the first blank line
        header.append(_page_header_key(lines[at]))
    if len(header[0]) < 8 or not re.search(r"[^\W\d_]{2}", header[0]):
        return text  # (a table's rule or a row of figures repeats without being a page header)
    out: list[str] = []
    index = 0
    while index < len(lines):
        if index > filled[len(header) - 1] and _page_header_key(lines[index]) == header[0]:
            end = index + 1
            while end - index < len(header) and end < len(lines):
                if _page_header_key(lines[end]) != header[end - index]:
                    break
                end += 1
            if "\f" in lines[index]:  # the page break stays (with any text before it)
                out.append(lines[index][: lines[index].rfind("\f") + 1])
            index = end
            continue
        out.append(lines[index])
        index += 1
    return "\n".join(out)


def _space_aligned(lines: list[str]) -> list[bool]:
    """For each line, whether it has three or more cells split by runs of two or more spaces (not a
    pipe row); a line of a report's header fields ("CURRENCY: EUR     START DATE: 01.01.2029") right
    above or below a table's rows is not one of them (in a grid of such lines, a form laid out as a
    table, it is)."""
    cells = [
        len(re.split(r"\s{2,}", raw.strip())) >= 3 and not raw.strip().startswith("|") and raw.count("|") < 2
        for raw in lines
    ]
    fields = [flag and len(_fields_on_one_line(raw)) >= 2 for flag, raw in zip(cells, lines, strict=True)]

    def beside_rows(at: int) -> bool:
        for step in (-1, 1):
            near = at + step
            if 0 <= near < len(lines) and _RULE_LINE.fullmatch(lines[near]):
                near += step  # across a rule drawn between them
            if 0 <= near < len(lines) and cells[near] and not fields[near]:
                return True
        return False

    return [cells[at] and not (fields[at] and beside_rows(at)) for at in range(len(lines))]


_PADDED_MARKER = re.compile(r"^(\s*(?:[-•*▪◦·–+]|\d{1,3}[.)]|\(?[a-zA-Z][.)]|\([ivx]{1,4}\)))[ \t]{2,}(?=\S)")


def _list_marker_closed(line: str) -> str:
    """ "-   The fee is ..." / "2.  Fees" (pandoc's and other plain-text writers' list items, the text
    set at the next tab stop): the marker and its item, not a column beside a column (a table's row
    has more such gaps after its first cell)."""
    match = _PADDED_MARKER.match(line)
    if not match or re.search(r"\S(?: {2,}|\t)\S", line[match.end() :]):
        return line
    return f"{match.group(1)} {line[match.end() :]}"


_DRAWN_ROW = re.compile(r"\s*(?:\||\+[-=:+]+\+\s*$)")
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{}~])")
_PIPE = re.compile(r"(?<!\\)\|")
_DELIMITER_ROW = re.compile(r"\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*")


def _narrow_gutters(lines: list[str]) -> list[str]:
    """Two columns set only two spaces apart (a browser-like text render of a two-column table,
    inscriptis, `column -t`): three or more neighbouring lines each split in two by one run of two
    or more spaces, the right part starting at the same column on every line, get a third space in
    that gutter, so they read as two columns as wider ones do."""
    starts = [_right_column(raw) for raw in lines]
    out = list(lines)
    index = 0
    while index < len(lines):
        column = starts[index]
        end = index
        while end < len(lines) and column is not None and starts[end] == column:
            end += 1
        narrow = any(lines[at][column - 3 : column] != "   " for at in range(index, end)) if column else False
        if end - index >= 3 and narrow:
            for at in range(index, end):
                out[at] = f"{lines[at][:column]} {lines[at][column:].rstrip()}"
        index = max(end, index + 1)
    return out


def _right_column(raw: str) -> int | None:
    """Where the right part of a line split in two by one run of two or more spaces starts."""
    if not raw.strip() or "|" in raw or "\t" in raw:
        return None
    gaps = list(re.finditer(r"(?<=\S) {2,}(?=\S)", raw.rstrip()))
    return gaps[0].end() if len(gaps) == 1 else None


def _typed_plain(line: str) -> str:
    """Markdown escapes ("5\\. Fees", "\\- item", "\\$1,200", "\\*") as the character itself ("\\|"
    stays escaped: a pipe inside a table's cell); a dash typed as "--" / "---" between words or
    figures ("0 -- 50,000", "Exhibit B --- Fees") as "-"."""
    line = _MARKDOWN_ESCAPE.sub(r"\1", line)
    return re.sub(r"(?<=[^\s-]) -{2,3} (?=[^\s-])", " - ", line)


def _pipe_cells(line: str, outer: bool = True) -> list[str]:
    """A Markdown table line's cells ("\\|" is no separator); ``outer``: a pipe at either end is a
    border, not an empty cell's edge (in a table written without outer pipes it is one)."""
    stripped = line.strip()
    if outer:
        stripped = stripped[1:] if stripped.startswith("|") else stripped
        stripped = stripped[:-1] if stripped.endswith("|") and not stripped.endswith("\\|") else stripped
    return [cell.strip() for cell in _PIPE.split(stripped)]


# "| ~~Route optimisation add-on~~ | CA$6.00 | ... |": a table row whose item is struck through
# (Markdown's strikethrough, as GitHub, Slack and Notion write a deleted line): not part of the order
_STRUCK_ROW = re.compile(r"^\s*\|?(?:\s*\|)*\s*~~[^~|]+~~\s*\|")


def _without_struck_rows(lines: list[str]) -> list[str]:
    return [_list_marker_closed(line) for line in lines if not _STRUCK_ROW.match(line)]


def _markdown_tables(lines: list[str]) -> list[str]:
    """Markdown tables written without outer pipes ("Item| Qty| Price" over "---|---|---", as
    html2text and GitHub write them) as pipe rows ("| Item | Qty | Price |"); a row wrapped onto the
    next lines (a line without a pipe, or a row still short of the titles' cells; the titles too)
    is joined again."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        titles = _wrapped_titles(lines, index)
        if titles is None:
            out.append(lines[index])
            index += 1
            continue
        rows, index = [titles[0]], titles[1] + 1
        while index < len(lines) and lines[index].strip() and _wrapped_titles(lines, index) is None:
            # (a table right under another, without a blank line, starts at its titles)
            cells = _pipe_cells(lines[index], outer=False)
            if len(rows) > 1 and (len(rows[-1]) < len(rows[0]) or len(cells) == 1):
                _go_on(rows[-1], cells)
            else:
                rows.append(cells)
            index += 1
        out += ["| " + " | ".join(rows[0]) + " |", "|" + "|".join("---" for _ in rows[0]) + "|"]
        out += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return out


def _go_on(row: list[str], cells: list[str]) -> None:
    """A wrapped row goes on: its last cell joins the line's first piece, the other pieces follow."""
    row[-1] = join_lines([row[-1], cells[0]])
    row += cells[1:]


def _wrapped_titles(lines: list[str], index: int) -> tuple[list[str], int] | None:
    """The titles of a Markdown table without outer pipes starting at ``index`` (on up to three
    lines above its "---|---" row), with the delimiter row's index."""
    line = lines[index]
    if not _PIPE.search(line) or line.lstrip().startswith("|"):  # a table with outer pipes is read as it is
        return None
    titles = _pipe_cells(line, outer=False)
    for below in range(index + 1, min(index + 4, len(lines))):
        if _DELIMITER_ROW.fullmatch(lines[below]):
            width = len(_pipe_cells(lines[below]))
            return (titles, below) if width == len(titles) and width >= 2 else None
        if not lines[below].strip() or lines[below].lstrip().startswith("|"):
            return None
        _go_on(titles, _pipe_cells(lines[below], outer=False))
    return None


_TABLE_RULE = re.compile(r"\s*\+[-=+:]*[-=][-=+:]*\+?\s*|\s*[-=]{2,}(?:\s+[-=]{2,})+\s*|\s*[-=]+(?:\+[-=]+)+\s*")


def _titles_of_next_table(document: Document, table_index: int, in_table: bool) -> int:
    """A Markdown table's "|---|---|" rule under a row of a table that already has two rows or more:
    that row is the titles of another table written right below (no blank line between them)."""
    rows = [block for block in document.blocks if block.cells and block.table == table_index]
    if not in_table or len(rows) < 3 or document.blocks[-1] is not rows[-1]:
        return table_index
    previous = document.blocks[-1]
    document.blocks[-1] = Block(previous.page, previous.text, previous.cells, table_index + 1)
    return table_index + 1


def _paired_blocks(line: str, page_number: int) -> list[Block]:
    """A line of two columns laid out side by side."""
    left, right = (_clean(part) for part in _two_columns(line))
    band = re.fullmatch(
        r"(?i)(?:up to|over|above|first|next|from|tier \d+:?)?\s*\d[\d,.']*\s*(?:(?:-|to)\s*\d[\d,.']*)?\s*"
        r"(?:\+|and (?:above|over|up)|or more)?(?:\s+[a-z-]+){0,2}",
        left,
    )
    if ":" not in left and (band or not re.search(r"\d", left)) and _MONEY_HINT.search(right) and ":" not in right:
        # an item (or a quantity band, "10,001 - 100,000") beside its price: one priced field
        return [Block(page_number, f"{left}: {right}", starts_paragraph=True)]
    if re.fullmatch(r"[^:]{1,40}:", left) and len(left.split()) <= 5 and not right.endswith(":"):
        # a form's label with its value aligned in a column ("Client:        Acme Ltd")
        return [Block(page_number, f"{left} {right}", starts_paragraph=True)]
    valued = re.search(r"[\d@]", right) or len(right.split()) > 1  # not a title over a column ("Pricing")
    if field_label(left) and valued and not field_label(right) and not right.endswith(":"):
        # a form's label without a colon beside its value ("Start date        1 March 2028")
        return [Block(page_number, f"{left}: {right}", starts_paragraph=True)]
    return [Block(page_number, left, starts_paragraph=True), Block(page_number, right, starts_paragraph=True)]


_TWO_WORD_TITLES = re.compile(
    r"(?i)\b(?:unit|list|net|sales|monthly|annual|total|line|extended|discounted) "
    r"(?:price|fee|cost|rate|amount|total)s?\b"
    r"|\b(?:billing|invoice|payment) (?:frequency|period|cycle|terms?)\b|\b(?:start|end|due|target) date\b"
    r"|\bunit of measure\b|\bproduct (?:code|name)\b|\bline total\b"
)


def _title_line_above(document: Document, lines: list[str], index: int, width: int, table: int) -> None:
    """Column titles typed with single spaces above a space-aligned table ("Item Qty Unit price
    Total"): when its words (two-word titles such as "Unit price" kept together) are as many as the
    table's columns, the line is the table's header row."""
    above = lines[index - 1].strip() if index > 0 else ""
    if not above or re.search(r"\d|[$€£¥:]", above) or len(re.split(r"\s{2,}", above)) > 1:
        return
    titles = re.findall(rf"{_TWO_WORD_TITLES.pattern}|\S+", above)
    previous = document.blocks[-1] if document.blocks else None
    if len(titles) != width or previous is None or previous.cells or previous.text != _clean(above):
        return
    cells = tuple(titles)
    document.blocks[-1] = Block(previous.page, " | ".join(cells), cells, table)


def _stacked_titles(document: Document, above: str, line: str) -> None:
    """Column titles printed on two lines ("UNIT      EXTENDED" over "QTY   PRICE     PRICE"): the
    line above a space-aligned table's header row, words only, each of its titles over one of the
    header's, is the first line of those titles ("UNIT PRICE", "EXTENDED PRICE")."""
    header, previous = document.blocks[-1], document.blocks[-2] if len(document.blocks) > 1 else None
    spans, tops = _cell_spans(line), _cell_spans(above)
    if (
        previous is None
        or previous.cells
        or previous.text != _clean(above)
        or not tops
        or (len(tops) < 2 and not above[:1].isspace())  # a heading over the table, not titles
        or len(spans) != len(header.cells)
        or re.search(r"[\d:$€£¥|]", above)
    ):
        return
    cells = list(header.cells)
    for a, b in tops:
        overlaps = [min(b, hi) - max(a, lo) for lo, hi in spans]
        best = max(range(len(spans)), key=lambda i: overlaps[i])
        inside = (best == 0 or a > spans[best - 1][1]) and (best + 1 == len(spans) or b < spans[best + 1][0])
        if overlaps[best] <= 0 or not inside or cells[best] != header.cells[best]:
            return  # a title over no column or over two, or two over one: not the header's first line
        cells[best] = f"{_clean(above[a:b])} {cells[best]}"
    document.blocks[-2:] = [Block(header.page, " | ".join(cells), tuple(cells), header.table)]


def _cell_spans(line: str) -> list[tuple[int, int]]:
    """Where each cell of a space-aligned line starts and ends (cells split by two or more spaces)."""
    return [(m.start(), m.end()) for m in re.finditer(r"\S(?:\S| (?! ))*", line)]


def _aligned_cells(line: str, header: list[tuple[int, int]]) -> tuple[str, ...]:
    """A space-aligned row's cells; a row with more or fewer cells than its header ("M1  Discovery
    report" under "Milestone", a long item touching the next column) has each cell put in the header
    column it overlaps most (a column no cell reaches stays empty)."""
    spans = _cell_spans(line)
    if not header or len(spans) == len(header):
        return tuple(_clean(line[a:b]) for a, b in spans)
    if len(spans) < len(header) and len(header) > 1 and spans[0][1] > header[1][0]:
        # the first cell runs into the next column and pushes the rest right: the cells after it
        # keep the header's last columns, in order
        cells = [_clean(line[a:b]) for a, b in spans]
        return (cells[0], *([""] * (len(header) - len(cells))), *cells[1:])
    bounds = [(start, header[i + 1][0] if i + 1 < len(header) else 10**6) for i, (start, _) in enumerate(header)]
    columns: list[list[str]] = [[] for _ in header]
    for a, b in spans:
        overlaps = [min(b, hi) - max(a, lo) for lo, hi in bounds]
        columns[overlaps.index(max(overlaps))].append(line[a:b])
    return tuple(_clean(" ".join(parts)) for parts in columns)


def _grid_rows(lines: list[str]) -> list[str]:
    """A grid table (a "+----+" rule under every row, pandoc / Emacs style): the lines between two
    rules are one row whose cells wrap; each row's lines are joined cell by cell."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and re.match(r"\s*[+|]", lines[end]):
            end += 1
        block = lines[index:end]
        rules = [i for i, line in enumerate(block) if _TABLE_RULE.fullmatch(line)]
        if len(rules) < 4 or end == index:
            out += block or [lines[index]]
            index = max(end, index + 1)
            continue
        group: list[list[str]] = []
        for line in block:
            if _TABLE_RULE.fullmatch(line):
                out += _joined_row(group)
                group = []
                out.append(line)
                continue
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if group and len(cells) != len(group[0]):
                out += _joined_row(group)
                group = []
            group.append(cells)
        out += _joined_row(group)
        index = end
    return out


def _aligned_with_tabs(lines: list[str]) -> list[str]:
    """Tabs typed to line text up ("Customer:<tab><tab>Acme") are one separator, not empty cells: in
    a run of lines with tabs whose tab counts differ, or whose first line (the column titles) has an
    empty cell, runs of tabs are collapsed; a column empty on every line of the run is dropped. An
    export (the same tab count on each line, every title filled) keeps its empty cells."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and "\t" in lines[end] and "|" not in lines[end]:
            end += 1
        if end == index:
            out.append(lines[index])
            index += 1
            continue
        block = lines[index:end]
        if len({line.rstrip(" \r").count("\t") for line in block}) > 1 or "\t\t" in block[0].strip():
            block = [re.sub(r"\t{2,}", "\t", line.rstrip(" \r")) for line in block]
        rows = [line.rstrip(" \r").split("\t") for line in block]
        if len({len(row) for row in rows}) == 1:
            keep = [i for i in range(len(rows[0])) if any(row[i].strip() for row in rows)]
            block = ["\t".join(row[i] for i in keep) for row in rows]
        out += block
        index = end
    return out


def _tab_row_width(line: str) -> int:
    """How many cells a tab-separated line has (0: not such a line)."""
    return len(line.strip().split("\t")) if "\t" in line.strip() and "|" not in line else 0


_UNFINISHED_CELL = re.compile(r"(?i)(?:[,&/-]|\b(?:and|or|of|the|per|for|to|in|with|a|an))$")


def _unfinished_cell(cells: list[str]) -> int | None:
    """The first cell of a row that stops mid-phrase (after a comma, a hyphen, "and", an unclosed
    bracket), which a wrapped line goes on."""
    for at, cell in enumerate(cells):
        cell = cell.strip()
        if cell and (_UNFINISHED_CELL.search(cell) or cell.count("(") > cell.count(")")):
            return at
    return None


def _wrapped_tab_cells(lines: list[str]) -> list[str]:
    """Text copied out of a PDF viewer gives a table's rows as tab-separated lines, and a cell that
    wrapped in its column as a line of its own under its row ("Discovery and<TAB>June 15<TAB>$50,000"
    over "requirements sign-off"): a short line without a tab right under a row of three or more
    cells (and followed by another such row, a blank line or a capitalised line) goes on the row's
    cell that stops mid-phrase ("Each Visa, Mastercard," over "Discover or Amex sale"), or, when it
    starts in lower case, on its first cell."""
    out: list[str] = []
    for index, line in enumerate(lines):
        piece = line.strip()
        width = _tab_row_width(out[-1]) if out else 0
        following = lines[index + 1] if index + 1 < len(lines) else ""
        cells = out[-1].rstrip(" \r").split("\t") if width >= 3 else []
        target = _unfinished_cell(cells) if cells else None
        if cells and target is None and piece[:1].islower():
            target = 0
        if (
            target is not None
            and piece
            and "\t" not in piece
            and len(piece.split()) <= 6
            and not re.search(r"[.:;]$", piece)
            and (_tab_row_width(following) == width or not following.strip()[:1].islower())
        ):
            cells[target] = join_lines([cells[target], piece])
            out[-1] = "\t".join(cells)
            continue
        out.append(line)
    return out


def _joined_row(group: list[list[str]]) -> list[str]:
    """The lines of one grid-table row as one pipe row, each cell's pieces joined."""
    if not group:
        return []
    return ["| " + " | ".join(_cell_pieces_joined(column) for column in zip(*group, strict=True)) + " |"]


def _cell_pieces_joined(pieces: tuple[str, ...]) -> str:
    """A grid-table cell's lines as one text; an amount broken inside its figures by a narrow column
    ("$58" over ",752.00", "€" over "1,240.00", "3," over "500.00"; not "28," over "2027") is joined
    without a space."""
    out = ""
    for piece in (piece for piece in pieces if piece):
        broken = (
            re.search(r"[\d$€£¥]$", out)
            and re.match(r"[,.]\d", piece)
            or re.search(r"[$€£¥]$", out)
            and piece[:1].isdigit()
            or re.search(r"\d[,.]$", out)
            and re.match(r"\d{3}(?:[,.]\d|$)", piece)
        )
        out = f"{out}{piece}" if broken else join_lines([out, piece])
    return out


def _fields_on_one_line(line: str) -> list[str]:
    """ "Customer: Acme GmbH · Start: 01.07.2028 · Term: 24 months": fields run together with a
    middle dot or bullet between them, or laid out across one line with runs of spaces or tabs (an
    ERP report's "TERMS: NET 30     CURRENCY: CAD     SERVICE START: 2027-07-01"), one block each."""
    for separator in (r"\s+[·•]\s+", r"\s*\t\s*| {2,}"):
        parts: list[str] = []
        for part in (_clean(part) for part in re.split(separator, line.strip())):
            if parts and re.fullmatch(r"[^:]{1,40}:", parts[-1]):
                parts[-1] = f"{parts[-1]} {part}"  # a label with its value aligned further right
            elif part:
                parts.append(part)
        if len(parts) >= 2 and sum(1 for part in parts if _LABELLED_FIELD.match(part)) >= 2:
            return parts
    return _label_value_pairs(line) or [_clean(line)]


def _label_value_pairs(line: str) -> list[str]:
    """ "TERMS    NET 15      CURRENCY    USD      START    2028-06-01": labels without colons, each
    beside its value across one line (an ERP report's header), as "Label: value" fields."""
    parts = [_clean(part) for part in re.split(r"\s*\t\s*| {2,}", line.strip()) if part.strip()]
    if len(parts) < 4 or len(parts) % 2:
        return []
    labels, values = parts[0::2], parts[1::2]
    if not all(field_label(label) for label in labels) or any(field_label(value) or ":" in value for value in values):
        return []
    return [f"{label}: {value}" for label, value in zip(labels, values, strict=True)]


_LABELLED_FIELD = re.compile(r"[A-Za-z][\w /&'().-]{1,40}:\s*\S")


def _row_with_empty_cells(line: str, header: list[tuple[int, int]]) -> bool:
    """A row of a space-aligned table with empty cells ("1,000,001" and "$0.004" under "From",
    "To" and "Price"): two or more cells, fewer than the header's, the first in the first column
    and each starting or ending where a header column does."""
    spans = _cell_spans(line)
    return (
        len(header) >= 3
        and 2 <= len(spans) < len(header)
        and abs(spans[0][0] - header[0][0]) <= 2
        and all(any(abs(a - lo) <= 2 or abs(b - hi) <= 2 for lo, hi in header) for a, b in spans)
    )


def _first_cell_empty(line: str, header: list[tuple[int, int]]) -> bool:
    """A space-aligned line whose first column is empty (its first cell starts at the second
    column or later)."""
    spans = _cell_spans(line)
    return len(header) >= 2 and bool(spans) and spans[0][0] >= header[1][0] - 2


def _wrapped_cells_line(line: str) -> bool:
    """An indented line that may hold a space-aligned table's cells wrapped under their row."""
    return bool(line.strip()) and line[:1].isspace()


def _note_in_aligned_table(lines: list[str], aligned: list[bool], index: int) -> bool:
    """Indented lines under a row of a space-aligned table (a note, "   (first 500 GB included)",
    or cells wrapped in their columns, as pdftotext -layout prints them): up to four such lines
    between a row and the next row, a blank line or the end."""
    if aligned[index] or not _wrapped_cells_line(lines[index]) or _TOTALS_LINE.match(lines[index]):
        return False
    above = index - 1
    while above >= 0 and index - above <= 4 and not aligned[above] and _wrapped_cells_line(lines[above]):
        above -= 1
    below = index + 1
    while below < len(lines) and below - index <= 4 and not aligned[below] and _wrapped_cells_line(lines[below]):
        below += 1
    return bool(above >= 0 and aligned[above] and (below == len(lines) or aligned[below] or not lines[below].strip()))


def _wrapped_cells(row: tuple[str, ...], line: str, header: list[tuple[int, int]]) -> tuple[str, ...]:
    """A row with the pieces of its cells wrapped onto an indented line joined on: each piece goes
    to the last column starting at or before it (a lone piece in the first column, a note, to the
    first cell)."""
    cells = list(row)
    starts = [start for start, _ in header] if len(header) == len(cells) else [0]
    for a, b in _cell_spans(line):
        column = max((i for i, start in enumerate(starts) if start <= a + 2), default=0)
        cells[column] = join_lines([cells[column], line[a:b]])
    return tuple(_clean(cell) for cell in cells)


def _aligned_neighbour(lines: list[str], aligned: list[bool], index: int) -> bool:
    """A space-aligned row has another above or below it (or beyond the indented lines of a note or
    of cells wrapped under a row: a header row whose first title wrapped, "Annual fees (GBP,  Year 1"
    over " excl. VAT)")."""
    for step in (-1, 1):
        # a rule drawn across the table between its header and rows ("-------") is stepped over
        ruled = 1 if 0 <= index + step < len(lines) and _RULE_LINE.fullmatch(lines[index + step]) else 0
        at = index + step * (1 + ruled)
        while 0 <= at < len(lines) and abs(at - index) <= 5 and not aligned[at] and _wrapped_cells_line(lines[at]):
            at += step
        if (
            0 <= at < len(lines)
            and aligned[at]
            and (abs(at - index) == 1 + ruled or _note_in_aligned_table(lines, aligned, index + step))
        ):
            return True
    return False


def _continue_boxed_row(document: Document, cells: tuple[str, ...], table_index: int) -> bool:
    """A boxed table's cell wrapped onto the next line (the first cell empty): the row goes on."""
    previous = document.blocks[-1] if document.blocks else None
    if cells[0] or previous is None or previous.table != table_index or len(previous.cells) != len(cells):
        return False
    joined = tuple(f"{a} {b}".strip() for a, b in zip(previous.cells, cells, strict=True))
    document.blocks[-1] = Block(previous.page, " | ".join(joined), joined, table_index)
    return True


_QUOTED = re.compile(r"^[ \t]*>")
_ATTRIBUTION = re.compile(r"(?i)^\s*(?:on\b.{4,160}\bwrote:|-{2,}\s*original message\s*-{2,})\s*$")


def _without_quoted_messages(text: str) -> str:
    """An e-mail reply with the earlier messages quoted ("> ..." lines, "On <date>, X wrote:",
    "-----Original Message-----" and what follows): when the reply itself states prices, the quoted
    messages carry superseded offers and are left out; when it does not ("Agreed, please go
    ahead"), the quoted text is read without its markers."""
    lines = text.splitlines()
    cut = _earlier_message_start(lines)
    quoted = [bool(_QUOTED.match(line)) and not _bound_in_a_table(lines, i) for i, line in enumerate(lines)]
    if not any(quoted) and cut is None:
        return text
    own = [
        line
        for i, line in enumerate(lines)
        if not quoted[i] and not _ATTRIBUTION.match(line) and (cut is None or i < cut)
    ]
    own_text = "\n".join(own)
    # "Could you make the set-up fee EUR 1,500 instead? Everything else is fine.": the reply changes one
    # price and keeps the rest of the quoted offer
    keeps_rest = re.search(
        r"(?i)\b(?:everything|all) else (?:is |looks |stays |remains |as )|\b(?:all |the )?(?:other|remaining) "
        r"(?:terms|prices|items|fees|charges|lines)\b[^.]{0,20}\b(?:unchanged|remain|stay|as (?:quoted|offered|before))"
        r"|\botherwise (?:agreed|fine|ok|as quoted)|\brest (?:is fine|as quoted|unchanged)",
        own_text,
    )
    # "FW: ... please set them up from the terms in Ravi's email below - ignore the £42 further down":
    # a forwarding note that sends the reader to the forwarded message for the terms
    forwarded = cut is not None and _POINTS_TO_FORWARDED.search(own_text)
    if _MONEY_HINT.search(own_text) and not keeps_rest and not forwarded:
        return own_text
    # "Approved, thanks." above the vendor's final offer ("> ...") above older offers (">> ..."): the
    # least-quoted message with prices is the one agreed; the deeper ones are dropped
    depths = [len(re.findall(r">", re.match(r"^[ \t>]*", line).group(0))) for line in lines]  # type: ignore[union-attr]
    if cut is not None and not any(quoted) and not keeps_rest:
        # Outlook-style history (each earlier message under its own "From: / Sent:" block, no ">"): the
        # same, by message
        depths = _message_numbers(lines, cut)
    priced = sorted({d for d, line in zip(depths, lines, strict=True) if d and _MONEY_HINT.search(line)})
    if forwarded and any(not depths[i] and _MONEY_HINT.search(lines[i]) for i in range(cut, len(lines))):  # type: ignore[arg-type]
        priced = [0]  # the forwarded message itself, unquoted, states the prices: the quotes in it are older
    deepest = priced[0] if priced and not keeps_rest else max(depths)
    return "\n".join(
        re.sub(r"^[ \t]*(?:>[ \t]?)+", "", line)
        for line, depth in zip(lines, depths, strict=True)
        # an earlier message's own "From: / Sent: / To:" lines name people, not the contract's parties
        if not _ATTRIBUTION.match(line) and depth <= deepest and not (depth and _HEADER_LINE.match(line))
    )


_POINTS_TO_FORWARDED = re.compile(
    r"(?i)\b(?:(?:terms|prices|pricing|details|figures|numbers)\b[^.\n]{0,40}\b(?:below|underneath|forwarded)"
    r"|(?:see|per|as in|from) (?:the )?(?:e-?mail|message|thread|note)s? below)\b"
)


def _bound_in_a_table(lines: list[str], index: int) -> bool:
    """ "> 10 000<TAB>3,40 €" right under a table's row: a band's lower bound written with the
    greater-than sign, not a quoted line of an earlier message (a quote starts after a blank line, an
    attribution or another quoted line)."""
    line = lines[index]
    above = lines[index - 1] if index else ""
    return bool(
        re.match(r"^[ \t]*>=?[ \t]?\d", line)
        and re.search(r"\t|\S {2,}\S|\|", line.strip())
        and above.strip()
        and not _QUOTED.match(above)
        and not _ATTRIBUTION.match(above)
        and re.search(r"\t|\S {2,}\S|\|", above.strip())
    )


_HEADER_LINE = re.compile(
    r"(?i)^\s*(?:from|to|cc|bcc|sent|date|subject|von|an|gesendet|betreff|de|envoy[ée]|objet|van|aan|verzonden|onderwerp|enviado|asunto):"
)
_SENT_LINE = re.compile(r"(?i)^\s*(?:sent|gesendet|envoy[ée]|verzonden|enviado|date|datum):\s")


def _message_numbers(lines: list[str], cut: int) -> list[int]:
    """0 for the reply's lines, 1 for the message below it, 2 for the one below that, ..."""
    numbers = [0] * len(lines)
    start, number = cut, 1
    while start < len(lines):
        following = _earlier_message_start(lines[start + 2 :])
        end = len(lines) if following is None else start + 2 + following
        for index in range(start, end):
            numbers[index] = number
        start, number = end, number + 1
    return numbers


def _earlier_message_start(lines: list[str]) -> int | None:
    """Where an earlier message begins below a reply that does not mark it with ">": a
    "-----Original Message-----" line, an unquoted "On <date>, X wrote:", or an Outlook header block
    ("From: X <x@...>" then "Sent: ...") after the reply's own text."""
    own_text = False
    for index, line in enumerate(lines):
        if re.match(r"(?i)^\s*-{2,}\s*original message", line):
            return index
        if own_text and _ATTRIBUTION.match(line):
            return index
        if (
            own_text
            and re.match(r"(?i)^\s*(?:from|von|de|van):\s", line)
            and any(_SENT_LINE.match(following) for following in lines[index + 1 : index + 5])
            and (
                re.search(r"[@<]", line)
                or any(
                    re.match(r"(?i)^\s*(?:sent|gesendet|envoy|verzonden|enviado)", f)
                    for f in lines[index + 1 : index + 5]
                )
            )
        ):
            # an underscore rule just above the header belongs to it
            return index - 1 if index > 0 and re.fullmatch(r"\s*_{8,}\s*", lines[index - 1]) else index
        if line.strip() and not _HEADER_LINE.match(line) and not _QUOTED.match(line):
            own_text = True
    return None


def _centred_rows(lines: list[str]) -> list[str]:
    """A table printed by ``pdftotext -layout`` whose cells are centred in their rows (a browser's
    table): under a row of three or more column titles, lines holding only some of the cells (a
    price on a line of its own between two lines of a wrapped description). Each row (from a
    first cell starting in capitals, with the lines of other cells around it) becomes a pipe row."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        header = _cell_spans(lines[index])
        end = index + 1
        while end < len(lines) and lines[end].strip() and _fits_columns(lines[end], header):
            end += 1
        body = lines[index + 1 : end]
        titles = [lines[index][a:b] for a, b in header]
        if (
            len(header) < 3
            or len(body) < 2
            or re.search(r"[\t|+]", lines[index])
            or any(re.search(r"\d", title) or len(title.split()) > 4 for title in titles)
            # (a row with every cell on one line is a space-aligned table's, read as such)
            or any(len(_cell_spans(line)) >= len(header) for line in body)
            # a piece standing alone right of the first column (a cell centred beside a wrapped one),
            # under titles without a rule (a ruled table is read by its rule)
            or not any(_cell_spans(line)[0][0] > header[1][0] - 2 for line in body if line.strip())
            or any(_RULE_LINE.fullmatch(line) for line in body)
        ):
            out.append(lines[index])
            index += 1
            continue
        rows = _centred_row_cells([_column_cells(line, header) for line in body])
        out += ["| " + " | ".join(_clean(t) for t in titles) + " |"]
        out += ["| " + " | ".join(_clean(" ".join(parts)) for parts in row) + " |" for row in rows]
        index = end
    return out


def _column_cells(line: str, header: list[tuple[int, int]]) -> list[str]:
    """A line's pieces in the header's columns: a piece ending where a column's title ends (a
    right-aligned amount, a few characters either way) or starting where it starts goes there, else
    to the column it overlaps most."""
    cells = [""] * len(header)
    bounds = [(lo, header[i + 1][0] if i + 1 < len(header) else 10**6) for i, (lo, _) in enumerate(header)]
    for a, b in _cell_spans(line):
        column = next((i for i, (_, hi) in enumerate(header) if abs(b - hi) <= 5), None)
        if column is None:
            column = next((i for i, (lo, _) in enumerate(header) if abs(a - lo) <= 2), None)
        if column is None:
            overlaps = [min(b, hi) - max(a, lo) for lo, hi in bounds]
            column = overlaps.index(max(overlaps))
        cells[column] = f"{cells[column]} {line[a:b]}".strip()
    return cells


def _fits_columns(line: str, header: list[tuple[int, int]]) -> bool:
    """Each piece of the line starts or ends where a column title does, or lies within one column."""
    if len(header) < 3 or re.search(r"[\t|+]", line):
        return False
    starts = [lo for lo, _ in header] + [10**6]
    for a, b in _cell_spans(line):
        if sum(1 for lo, hi in header if min(b, hi) > max(a, lo)) > 1:
            return False  # a piece under two columns' titles: a sentence or a rule across the table
        # (a right-aligned amount ends within a few characters of its bold title's end)
        aligned = any(abs(a - lo) <= 2 or abs(b - hi) <= 5 for lo, hi in header)
        inside = any(starts[i] - 2 <= a and b <= starts[i + 1] for i in range(len(header)))
        if not (aligned or inside):
            return False
    return True


def _centred_row_cells(lines: list[list[str]]) -> list[list[list[str]]]:
    """Lines of column pieces grouped into rows: a first cell starting in capitals (or a digit)
    starts a row; a line without a first cell belongs to the row above unless that row already has
    those columns from an earlier line (then it is the next row's, centred above its first line)."""
    starts = [at for at, cells in enumerate(lines) if cells[0] and not cells[0][:1].islower()]
    rows: list[list[list[str]]] = []
    owner: list[int] = []
    for at, cells in enumerate(lines):
        above = sum(1 for start in starts if start <= at) - 1
        row = max(above, 0)
        if not cells[0] and above >= 0 and above + 1 < len(starts):
            taken = [i for i, cell in enumerate(cells) if cell and rows[above][i]]
            contiguous = at > 0 and owner[at - 1] == above and all(lines[at - 1][i] for i in taken)
            if taken and not contiguous:
                row = above + 1
        while len(rows) <= row:
            rows.append([[] for _ in cells])
        for i, cell in enumerate(cells):
            if cell:
                rows[row][i].append(cell)
        owner.append(row)
    return rows


def _side_by_side_parties(lines: list[str]) -> list[str]:
    """Two parties' blocks laid out side by side under their titles ("Supplier      Customer",
    then each one's name and address below): read the left column first, then the right one."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        raw = lines[index]
        parts = _two_columns(raw)
        titles = (
            len(parts) == 2
            and all(re.fullmatch(rf"(?i)(?:{_PARTY_TITLES})(?: details| information)?:?", p.strip()) for p in parts)
            and index + 1 < len(lines)
        )
        if not titles:
            out.append(raw)
            index += 1
            continue
        column = raw.index(parts[1], len(raw) - len(raw.lstrip()) + len(parts[0]))
        left: list[str] = [parts[0]]
        right: list[str] = [parts[1]]
        index += 1
        while index < len(lines) and lines[index].strip():
            line = lines[index]
            indent = len(line) - len(line.lstrip())
            if indent >= column - 4:
                right.append(line.strip())
            else:
                gap = next((m for m in re.finditer(r" {3,}", line) if abs(m.end() - column) <= 6), None)
                if gap is None:
                    left.append(line.strip())
                else:
                    left.append(line[: gap.start()].strip())
                    right.append(line[gap.end() :].strip())
            index += 1
        # each line of a party's block (name, street, town, VAT number) is a paragraph of its own
        out += [part for column in (left, right) for line in column for part in ("", line)] + [""]
    return out


_PARTY_TITLES = (
    r"supplier|vendor|provider|seller|licensor|from|customer|client|buyer|licensee|sold to|bill to|billed to|"
    r"ship to|invoice to|purchaser|company|contractor|remit to|pay to|payee|deliver to|service provider"
)


_RST_FIELD = re.compile(r"^(\s*):([A-Za-z][^:`]{0,40}):(?=\s)")


def _rows_of_table(document: Document, table_index: int) -> int:
    return sum(1 for block in document.blocks if block.table == table_index)


_RULE_LINE = re.compile(r"\s*[-=_~*]{3,}(?:\s+[-=_~*]{3,})*\s*")


def _ruled_rows(lines: list[str]) -> dict[int, tuple[str, ...]]:
    """Lines of plain-text tables ruled under their header row ("Users    Price per user" over
    "------   --------------"), cut into cells where the rule's dashes start; a row whose first
    cell is empty goes on with the row above (a cell wrapped in its column). Rules themselves,
    headings' underlines ("=====") and merged rows map to ()."""
    out: dict[int, tuple[str, ...]] = {}
    for index, raw in enumerate(lines):
        if not _RULE_LINE.fullmatch(raw) or index in out:
            continue
        out[index] = ()
        starts = [match.start() for match in re.finditer(r"[-=_~*]{3,}", raw)]
        if len(starts) < 2 or index == 0 or not lines[index - 1].strip() or index - 1 in out:
            continue
        row_at = index - 1
        out[row_at] = _cut_columns(lines[row_at], starts)
        for following in range(index + 1, len(lines)):
            if not lines[following].strip() or _RULE_LINE.fullmatch(lines[following]):
                break
            if following > index + 1 and _TOTALS_LINE.match(lines[following]):
                break  # the table's totals under its last row
            cells = _cut_columns(lines[following], starts)
            if following != index + 1 and lines[following][:1].isspace() and cells[0] and not any(cells[1:]):
                # an indented note under a row ("   (first 500 GB included)"): part of that row's item
                out[row_at] = (join_lines([out[row_at][0], cells[0]]), *out[row_at][1:])
                out[following] = ()
                continue
            if cells[0] or following == index + 1:
                out[following], row_at = cells, following
                continue
            cells = _continued_cells(lines[following], starts)
            merged = (join_lines([a, b]) for a, b in zip(out[row_at], cells, strict=True))
            out[row_at], out[following] = tuple(merged), ()
    return out


def _continued_cells(line: str, starts: list[int]) -> tuple[str, ...]:
    """A row's cells wrapped onto a line below it (the first column empty): each run of text (words
    split by single spaces) goes whole to the column it starts in, even where it runs on past the
    next column's start ("(55.00 per user per month, billed" wrapped in a narrow description)."""
    cells = [""] * len(starts)
    for a, b in _cell_spans(line):
        column = max((i for i, start in enumerate(starts) if start <= a + 1), default=0)
        cells[column] = join_lines([cells[column], line[a:b]])
    return tuple(_clean(cell) for cell in cells)


def _priced_cell(cell: str) -> bool:
    return bool(_MONEY_HINT.search(cell) or re.fullmatch(r"[\d,.]+", cell.strip()))


def _two_column_table(lines: list[str], paired: list[bool]) -> dict[int, tuple[str, ...]]:
    """A two-column table printed with spaces and no rule (pdftotext -layout: "Period    Annual fee"
    over "Jan 1, 2027 - Dec 31, 2027    $30,000.00" rows): three or more lines in a row split in two
    at the same column, no cell a "Label:" field (a letterhead beside a reference block stays two
    columns of text), a header row of column titles without a figure (not "Subtotal    EUR 1,015.00"
    over "VAT 21%    EUR 213.15"), and a price in the right column of most rows below it (one may read "Included")."""
    out: dict[int, tuple[str, ...]] = {}
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and paired[end]:
            end += 1
        run = lines[index:end]
        if len(run) >= 3:
            parts = [_two_columns(raw) for raw in run]
            columns = {
                raw.index(pair[1], len(raw) - len(raw.lstrip()) + len(pair[0]))
                for raw, pair in zip(run, parts, strict=True)
            }
            if (
                max(columns) - min(columns) <= 2
                and not any(":" in cell for pair in parts for cell in pair)
                and not re.search(r"\d", " ".join(parts[0]))
                and 2 * sum(map(_priced_cell, (pair[1] for pair in parts[1:]))) >= len(parts)
            ):
                out |= {at: tuple(_clean(cell) for cell in pair) for at, pair in enumerate(parts, start=index)}
        index = max(end, index + 1)
    return out


def _cut_columns(line: str, starts: list[int]) -> tuple[str, ...]:
    """A fixed-width line cut at the columns' starts; a word running over a column's start stays in
    the cell it started in. A row typed by hand whose cells do not line up with the rule (a ragged
    rate card) but are as many as its columns, split by two or more spaces, keeps those cells."""
    split = re.split(r"\s{2,}", line.strip())
    if len(split) == len(starts) and not line[:1].isspace():
        return tuple(_clean(cell) for cell in split)
    cuts = []
    for start in starts[1:]:
        while 0 < start < len(line) and line[start - 1] != " " and line[start] != " ":
            start += 1
        cuts.append(start)
    bounds = zip([0, *cuts], [*cuts, len(line)], strict=True)
    return tuple(_clean(line[a:b]) for a, b in bounds)


# "      Total p.m.      5,385.00", "  GST 5%    750.00" under a table's last row: the table's totals,
# not a note wrapped under that row
_TOTALS_LINE = re.compile(
    r"(?i)(?=.*\d)\s*(?:(?:grand|sub|net|gross|invoice|order|quote)[ -]?)?totals?\b"
    r"|(?=.*\d)\s*(?:zwischen)?(?:summe|gesamt(?:summe|betrag)?|totaal|somme|sous-total|subtotaal)\b"
    r"|\s*(?:vat|gst|hst|pst|tax|mwst|tva|iva|btw)\b(?:\s*(?:@|at)?\s*\d[\d.,]*\s?%)?\s{2,}"
)


def _wrapped_text_lines(lines: list[str], ruled: dict[int, tuple[str, ...]], aligned: list[bool]) -> list[bool]:
    """For each line, whether the line above was hard-wrapped into it (text wrapped at a fixed
    width, as e-mail is): the line above is a long line of the page and this line's first word
    would not have fitted after it within the widest line's length. Table rows are left alone."""
    prose = [len(raw.rstrip()) for at, raw in enumerate(lines) if raw.strip() and at not in ruled and not aligned[at]]
    width = max(prose, default=0)
    out = [False] * len(lines)
    if not 40 <= width <= 100 or sum(1 for length in prose if length >= width - 10) < 2:
        return out  # paragraphs written on one line each (or no prose): nothing was wrapped
    for index in range(1, len(lines)):
        above, line = lines[index - 1].rstrip(), lines[index].strip()
        if not above.strip() or not line or index in ruled or index - 1 in ruled or "|" in line or "\t" in line:
            continue
        if _LIST_MARKER.match(line):
            continue  # a list's next item
        out[index] = len(above) >= 0.7 * width and len(above) + 1 + len(line.split()[0]) > width
    return out


_MONEY_HINT = re.compile(
    r"[$£€¥₹]\s?\d|\bRs\.?\s?\d|\d\s?[€£]|"
    r"\b(?:USD|EUR|GBP|CHF|CAD|AUD|NZD|SEK|NOK|DKK|JPY|INR)\s?\d"
)


def _two_columns(raw: str) -> list[str]:
    """The parts of a line split by runs of three or more spaces (signature rules dropped)."""
    parts = [part for part in re.split(r" {3,}", raw.strip()) if part.strip(" _")]
    return parts


def _tab_stop_titles(lines: list[dict], words: list[dict]) -> tuple[list[dict], list[dict]]:
    """Column titles typed on tab stops (a Word price list printed to PDF): a title wider than its
    column on a right-aligned (or decimal) stop starts where the previous title ends, with no gap
    ("UsersPrice per user"), and titles that overflow the line wrap onto the next one ("Monthly
    fee"). The rows below have gaps between their cells, so their columns' edges are known: the
    title line's characters are cut where a body column's right-aligned amounts (or decimal points)
    end, a wrapped line's titles follow the first line's, and each title is laid at its column, so
    the table reader sees a title over every column. Returns the page's lines and words."""
    line_words = [_words_of_line(line, words) for line in lines]
    dropped: set[int] = set()
    replaced: dict[int, list[dict]] = {}
    for index in range(len(lines) - 2):
        if index in dropped or index in replaced:
            continue
        found = _titles_over_tab_columns(lines, line_words, index)
        if found is None:
            continue
        cells, columns, wrapped = found
        line = lines[index]
        replaced[index] = [
            {
                "text": text,
                "x0": left,
                "x1": right,
                "top": line["top"],
                "bottom": line["bottom"],
                "gutter": position > 0,
            }
            for position, (text, (left, right)) in enumerate(zip(cells, columns, strict=True))
        ]
        if wrapped is not None:
            dropped.add(wrapped)
    if not replaced:
        return lines, words
    gone = {id(w) for k in (*replaced, *dropped) for w in line_words[k]}
    words = [w for w in words if id(w) not in gone] + [w for ws in replaced.values() for w in ws]
    out = []
    for position, line in enumerate(lines):
        if position in dropped:
            continue
        if position in replaced:
            ws = replaced[position]
            line = {**line, "text": " ".join(w["text"] for w in ws), "x0": ws[0]["x0"], "x1": ws[-1]["x1"]}
        out.append(line)
    return out, words


def _titles_over_tab_columns(
    lines: list[dict], line_words: list[list[dict]], index: int
) -> tuple[list[str], list[tuple[float, float]], int | None] | None:
    """The titles at ``index`` cut into one per column of the rows below, with the columns' spans
    and the index of a line of wrapped titles (None if the line is not such a title row, or is
    already read right: no title glued to another and none wrapped)."""
    titles = line_words[index]
    if not titles or _MONEY_HINT.search(lines[index]["text"]):
        return None
    height = lines[index]["bottom"] - lines[index]["top"]
    if index and lines[index]["top"] - lines[index - 1]["bottom"] <= 2.0 * height and _tab_gaps(line_words[index - 1]):
        return None  # a row's wrapped cells, under its first line: the titles are above
    body = _tab_body_rows(lines, line_words, index)
    if body is None:
        return None
    first_row, spans, whole = body
    width = len(spans[0])
    columns = [(min(row[j][0] for row in spans), max(row[j][1] for row in spans)) for j in range(width)]
    if len(_wide_gaps(titles)) >= width - 1:
        return None  # a title over every column already
    edges = _aligned_edges(spans)
    cells, glued = _title_cells(titles, edges)
    wrapped = None
    # titles wrapped onto the next line of their paragraph (the rows below are not wrapped: the
    # titles' tail are the last columns' titles)
    if first_row == index + 2 and whole and lines[index + 1]["top"] - lines[index]["bottom"] <= 0.6 * height:
        more = _title_cells(line_words[index + 1], edges)[0]
        if len(cells) + len(more) == width:
            cells, wrapped = cells + more, index + 1
        elif len(cells) + len(more) == width + 1 and cells:
            cells, wrapped = cells[:-1] + [f"{cells[-1]} {more[0]}", *more[1:]], index + 1
    if len(cells) != width or not (glued or wrapped is not None):
        return None
    return cells, columns, wrapped


def _tab_body_rows(
    lines: list[dict], line_words: list[list[dict]], index: int
) -> tuple[int, list[list[tuple[float, float, float | None]]], bool] | None:
    """The rows under the line at ``index`` (the next one, or the one after a line of wrapped
    titles) split by gutters into one number of cells (three or more), two or more of them close
    together: the first row's index, each row's cells' spans, and whether no line stands between
    the rows (none of their cells wrapped)."""
    height = lines[index]["bottom"] - lines[index]["top"]
    for first in (index + 1, index + 2):
        if first >= len(lines) or len(_tab_gaps(line_words[first])) >= 2:
            break
    else:
        return None
    if first >= len(lines) or lines[first]["top"] - lines[index]["bottom"] > 3.0 * height:
        return None
    width = len(_tab_gaps(line_words[first])) + 1
    if width < 3:
        return None
    spans = []
    rows = []
    for k in range(first, min(len(lines), first + 12)):
        if lines[k]["top"] - lines[k - 1]["bottom"] > 2.0 * height:
            break
        gaps = _tab_gaps(line_words[k])
        if len(gaps) + 1 != width:
            continue  # a cell wrapped onto a line of its own
        rows.append(k)
        bounds = [line_words[k][0]["x0"], *(x for gap in gaps for x in gap), line_words[k][-1]["x1"]]
        starts = {hi for _, hi in gaps}
        ws = line_words[k]
        lasts = [w for w, after in zip(ws, [*ws[1:], None], strict=True) if after is None or after["x0"] in starts]
        spans.append([(bounds[2 * j], bounds[2 * j + 1], _decimal_point(lasts[j])) for j in range(width)])
    return (first, spans, rows[-1] - rows[0] == len(rows) - 1) if len(spans) >= 2 else None


def _tab_gaps(ws: list[dict]) -> list[tuple[float, float]]:
    """The gaps of a row typed on tab stops: wide gaps, and gaps of nearly a font size or more (a
    cell's text ending just short of the next stop; a space is about a quarter of it)."""
    if len(ws) < 2:
        return []
    size = sum(w["bottom"] - w["top"] for w in ws) / len(ws)
    pairs = zip(ws, ws[1:], strict=False)
    return [(a["x1"], b["x0"]) for a, b in pairs if b["x0"] - a["x1"] >= max(8.0, 0.9 * size) or b.get("gutter")]


def _decimal_point(word: dict) -> float | None:
    """Where an amount's decimal separator starts ("1,250.00": the x of its "."), or None."""
    chars = word.get("chars") or []
    match = re.search(r"\d([.,])\d{1,4}\D{0,4}$", word["text"])
    if not match or len(chars) != len(word["text"]):
        return None
    return float(chars[match.start(1)]["x0"])


def _aligned_edges(spans: list[list[tuple[float, float, float | None]]]) -> tuple[list[float], list[float]]:
    """Where titles on tab stops end and start: where a column's cells all end at one x (amounts on
    a right-aligned stop) or all have their decimal point at one x (on a decimal stop, where a
    title without one ends), but the last column's (no title follows it); and where a column's
    cells all start at one x (a left-aligned stop), but the first column's."""
    ends, starts = [], []
    for j in range(len(spans[0])):
        for xs, out, used in (
            ([row[j][1] for row in spans], ends, j < len(spans[0]) - 1),
            ([row[j][2] for row in spans], ends, j < len(spans[0]) - 1),
            ([row[j][0] for row in spans], starts, j > 0),
        ):
            if used and all(x is not None for x in xs) and max(xs) - min(xs) <= 1.0:
                out.append(sum(xs) / len(xs))
    return ends, starts


def _title_cells(ws: list[dict], edges: tuple[list[float], list[float]]) -> tuple[list[str], bool]:
    """A title line's cells: its words split by gaps wider than two spaces (a tab), and a word cut
    where a column's amounts end or its cells start when the next character starts there with no
    gap and begins a title ("Users|Price", "fee|Amount", "(months)|Unit"); with whether such a cut
    was made."""
    size = sum(w["bottom"] - w["top"] for w in ws) / len(ws) if ws else 0.0
    cells: list[str] = []
    glued = False
    for previous, word in zip([None, *ws], ws, strict=False):
        pieces = _cut_at_edges(word, edges)
        glued = glued or len(pieces) > 1
        if previous is None or word["x0"] - previous["x1"] >= max(4.0, 0.6 * size):
            cells.append(pieces[0])
        else:
            cells[-1] = f"{cells[-1]} {pieces[0]}"
        cells += pieces[1:]
    return cells, glued


def _cut_at_edges(word: dict, edges: tuple[list[float], list[float]]) -> list[str]:
    chars = word.get("chars") or []
    if len(chars) != len(word["text"]):
        return [word["text"]]
    ends, starts = edges
    pieces = [""]
    for previous, char in zip([None, *chars], chars, strict=False):
        if (
            previous is not None
            and char["x0"] - previous["x1"] < 0.15 * (char["bottom"] - char["top"])
            and (
                any(abs(previous["x1"] - edge) <= 1.0 for edge in ends)
                or any(abs(char["x0"] - edge) <= 1.0 for edge in starts)
            )
            and not char["text"].islower()
            and not (previous["text"].isupper() and char["text"].isupper())
            and not (previous["text"].isdigit() and char["text"].isdigit())
        ):
            pieces.append("")
        pieces[-1] += char["text"]
    return pieces


def _split_side_by_side_columns(lines: list[dict], words: list[dict]) -> list[dict]:
    """Two columns of running text side by side (a borderless two-column layout, not a table):
    lines that share a wide gutter are read left column first, then the right column. A line
    across the gutter ends the columns; a borderless table's rows (an item beside its price, no
    wrapped text) stay rows."""
    if not lines or not words:
        return lines
    line_words = [_words_of_line(line, words) for line in lines]
    out: list[dict] = []
    index = 0
    while index < len(lines):
        found = _gutter_run(line_words, index)
        if found is None:
            out.append(lines[index])
            index += 1
            continue
        run, (lo, hi) = found
        sides = [
            [[w for w in line_words[i] if (w["x1"] <= lo if side == 0 else w["x0"] >= hi)] for i in run]
            for side in (0, 1)
        ]
        # Running text wraps: a line on one side continues on the next in lower case.
        # (not an e-mail address or a web address in a borderless form's value column)
        wrapped = any(
            a and b and b[0]["text"][:1].islower() and not re.search(r"@|://|^www\.", b[0]["text"])
            for side in sides
            for a, b in zip(side, side[1:], strict=False)
        )
        # Rows split into three or more cells are a table's (its wrapped cells are not running
        # text in two columns).
        table_rows = sum(1 for i in run if len(_wide_gaps(line_words[i])) >= 2)
        if _price_list_run(sides):
            rows = [tuple(_clean(" ".join(w["text"] for w in side[k])) for side in sides) for k in range(len(run))]
            out.append({**lines[index], "bottom": lines[run[-1]]["bottom"], "rows": [row for row in rows if any(row)]})
            index = run[-1] + 1
            continue
        if table_rows >= 2:
            # all of the run is the table's (its last row and the cell wrapped under it are not
            # two columns of text on their own)
            out += [lines[i] for i in run]
            index = run[-1] + 1
            continue
        if not wrapped or _labels_column(sides):
            out.append(lines[index])
            index += 1
            continue
        out += _column_lines(sides, lines[run[0]]["top"])
        index = run[-1] + 1
    return out


def _column_lines(sides: list[list[list[dict]]], top: float) -> list[dict]:
    """Two columns' words as lines: the left column's paragraphs, then the right one's, in that order
    from ``top`` (each a line of its own, marked as starting a column's paragraph)."""
    groups = [group for column in sides for group in _column_paragraphs(column)]
    return [
        {
            "text": " ".join(w["text"] for ws in group for w in ws),
            "top": top + order * 1e-3,
            "bottom": group[-1][0]["bottom"],
            "x0": min(ws[0]["x0"] for ws in group),
            "x1": max(ws[-1]["x1"] for ws in group),
            "column_start": True,
        }
        for order, group in enumerate(groups)
    ]


def _staggered_columns(lines: list[dict], words: list[dict]) -> list[dict]:
    """Two columns whose lines do not share baselines (a page laid out in two columns: terms on the left, a
    fees panel on the right, each line wholly on one side of a gutter): the left column's lines, then the
    right column's, each joined into paragraphs. A borderless table's amounts centred beside wrapped cells
    are not a column of their own (most of its right-hand lines are lone amounts)."""
    out: list[dict] = []
    index = 0
    while index < len(lines):
        run = _staggered_run(lines, index, words)
        if run is None:
            out.append(lines[index])
            index += 1
            continue
        end, gutter = run
        line_words = [_words_of_line(line, words) for line in lines[index:end]]
        sides = [
            [side_words for ws in line_words if (side_words := [w for w in ws if (w["x0"] >= gutter) == (side == 1)])]
            for side in (0, 1)
        ]
        out += _column_lines(sides, lines[index]["top"])
        index = end
    return out


def _staggered_run(lines: list[dict], index: int, words: list[dict]) -> tuple[int, float] | None:
    """(end, gutter) of the lines from ``index`` on lying wholly left or wholly right of one gutter, the
    right-hand ones starting at one left edge, interleaved (three or more on each side), or None."""
    right_edge = next((line["x0"] for line in lines[index + 1 : index + 4] if line["x0"] > lines[index]["x1"]), None)
    if right_edge is None or lines[index]["x0"] >= right_edge:
        return None
    left: list[dict] = []
    right: list[dict] = []
    end = index
    while end < len(lines):
        line = lines[end]
        if "rows" in line or "column_start" in line:
            break
        if abs(line["x0"] - right_edge) <= 2:
            right.append(line)
        elif line["x1"] <= right_edge - 15:
            left.append(line)
        elif all(
            w["x1"] <= right_edge - 15 or abs(w["x0"] - right_edge) <= 2 or w["x0"] > right_edge
            for w in _words_of_line(line, words)
        ):
            left.append(line)  # a left-hand line and a right-hand one read as one (their baselines close)
            right.append(line)
        else:
            break
        end += 1
    pairs = zip(lines[index:end], lines[index + 1 : end], strict=False)
    switches = sum(1 for a, b in pairs if (a in left) != (b in left))
    lone = sum(1 for line in right if _LONE_AMOUNT.fullmatch(line["text"].strip()))
    if len(left) < 3 or len(right) < 3 or switches < 4 or 2 * lone >= len(right):
        return None
    return end, right_edge - 1


def _price_list_run(sides: list[list[list[dict]]]) -> bool:
    """Column titles ("Tickets per month" beside "Price per ticket") over lines split by a gutter
    whose right-hand sides are each a lone amount with its currency ("0 - 20,000" beside "A$0.12",
    "over 100,000" beside "A$0.07"): the rows of a price list, not two columns of running text."""
    left, right = ([" ".join(w["text"] for w in ws) for ws in side] for side in sides)
    if len(right) < 3 or not left[0] or not right[0] or re.search(r"\d", right[0]):
        return False
    return all(a and _LONE_AMOUNT.fullmatch(b) for a, b in zip(left[1:], right[1:], strict=True))


_LONE_AMOUNT = re.compile(r"(?:[A-Z]{0,3}[$£€¥₹]|[A-Z]{3} ?)\d[\d,.' ]*|\d[\d,.' ]* ?(?:[€£]|[A-Z]{3})")


_LABEL_LIKE = re.compile(r"[A-Z][A-Za-z/&()#.'-]*(?: [A-Za-z/&()#.'-]+){0,5}")


def _labels_column(sides: list[list[list[dict]]]) -> bool:
    """A form without rules whose left column holds only short labels, each beside its value
    ("Billing time zone" beside "Japan Standard Time"), a value wrapping onto a second line: a
    form, not two columns of running text."""
    left, right = sides
    labels = [(ws, other) for ws, other in zip(left, right, strict=False) if ws]
    # "Time zone for usage" over "periods": a label wrapped onto a second line, nothing beside it
    labels = [
        (ws, other)
        for k, (ws, other) in enumerate(labels)
        if not (k and not other and len(ws) <= 3 and ws[0]["text"][:1].islower() and labels[k - 1][1])
    ]
    beside = sum(1 for _, other in labels if other)
    return (
        beside >= 2
        and beside >= len(labels) - 1  # a heading below the form may share the run
        and all(
            len(ws) <= 4
            and _LABEL_LIKE.fullmatch(" ".join(w["text"] for w in ws).rstrip(":"))
            and not ws[-1]["text"].endswith(".")
            for ws, _ in labels
        )
    )


def _labels_beside_values(lines: list[dict], words: list[dict]) -> list[dict]:
    """A form drawn without rules ("Billing Frequency" and, a gutter to its right, "Quarterly"): a
    short label, one wide gap, then its value, read as "Label: value"."""
    out: list[dict] = []
    line_words = [
        _words_of_line(line, words) if "column_start" not in line and "rows" not in line else [] for line in lines
    ]
    skip_to = 0
    for position, line in enumerate(lines):
        if position < skip_to:
            continue
        ws = line_words[position]
        gaps = _wide_gaps(ws)
        titled = _titled_columns(lines, line_words, position)
        if titled is not None:
            column_lines, skip_to = titled
            out += column_lines
            continue
        block = _party_columns(lines, line_words, position)
        if block is not None:
            rows, skip_to = block
            out.append({**line, "bottom": lines[skip_to - 1]["bottom"], "rows": rows})
            continue
        pairs = _two_label_value_pairs(line, ws, gaps)
        if pairs:
            out += pairs
            continue
        if len(gaps) == 1:
            left = " ".join(w["text"] for w in ws if w["x1"] <= gaps[0][0])
            right = " ".join(w["text"] for w in ws if w["x0"] >= gaps[0][1])
            # the next line of a two-column list (an item beside its price below these titles)
            following = ""
            if position + 1 < len(lines) and len(_wide_gaps(line_words[position + 1])) == 1:
                following = lines[position + 1]["text"]
            if (
                right
                and _LABEL_LIKE.fullmatch(left)
                and not re.search(r"[:.]\s*$", left)
                # an item beside its price, or the titles of such a list, stay as they are
                and not _MONEY_HINT.search(right)
                and not _MONEY_HINT.search(following)
            ):
                wrapped = _label_wrapped_below(lines, line_words, position, gaps[0][0])
                if wrapped:
                    left, skip_to = f"{left} {wrapped}", position + 2
                line = {**line, "text": f"{left}: {right}"}
        out.append(line)
    return out


def _label_wrapped_below(lines: list[dict], line_words: list[list[dict]], position: int, gutter: float) -> str:
    """ "Time zone for usage" beside its value over "periods" alone: the rest of the label, wrapped
    onto the next line with nothing beside it (or "")."""
    if position + 1 >= len(lines):
        return ""
    below = line_words[position + 1]
    if (
        not below
        or len(below) > 3
        or not below[0]["text"][:1].islower()
        or any(w["x1"] > gutter for w in below)
        or lines[position + 1]["top"] - lines[position]["bottom"] > lines[position]["bottom"] - lines[position]["top"]
    ):
        return ""
    return " ".join(w["text"] for w in below)


def _two_label_value_pairs(line: dict, ws: list[dict], gaps: list[tuple[float, float]]) -> list[dict]:
    """A facts grid of two label / value pairs on a line ("Service start  March 15, 2027  Initial
    term  36 months"): two lines, "Label: value" each (none if the line is not one)."""
    if len(gaps) != 3:
        return []
    cuts = [lo for lo, _ in gaps] + [float("inf")]
    pieces = [" ".join(w["text"] for w in ws if (cuts[i - 1] if i else -1.0) < w["x1"] <= cuts[i]) for i in range(4)]
    labels, values = pieces[0::2], pieces[1::2]
    if not all(_LABEL_LIKE.fullmatch(label) and not re.search(r"[:.]\s*$", label) for label in labels) or any(
        _MONEY_HINT.search(value) or not re.search(r"\w", value) for value in values
    ):
        return []
    if not any(re.search(r"\d", value) for value in values):
        return []  # a table's column titles ("Description  Qty  Unit price  Amount")
    return [
        {**line, "text": f"{labels[0]}: {values[0]}", "x1": gaps[1][0]},
        {**line, "text": f"{labels[1]}: {values[1]}", "top": line["top"] + 1e-3, "x0": gaps[1][1]},
    ]


_PARTY_TITLE = re.compile(
    r"(?i)(?:customer|client|buyer|subscriber|bill to|billed to|sold to|ship to|deliver to|invoice to|vendor|"
    r"supplier|provider|seller|licensor|licensee)(?: information| details)?:?"
)


def _party_columns(
    lines: list[dict], line_words: list[list[dict]], index: int
) -> tuple[list[tuple[str, ...]], int] | None:
    """ "Bill To" beside "Ship To" (or "Customer" beside "Vendor") over their address lines, drawn
    without rules: a two-column table of the parties (its rows, and the index after it)."""
    gaps = _wide_gaps(line_words[index])
    if len(gaps) != 1:
        return None
    hi = gaps[0][1] - 1  # where the right-hand column starts

    def sides(ws: list[dict]) -> tuple[str, ...]:
        return tuple(_clean(" ".join(w["text"] for w in ws if (w["x0"] < hi) == left)) for left in (True, False))

    titles = sides(line_words[index])
    if not all(_PARTY_TITLE.fullmatch(title) for title in titles):
        return None
    return _rows_below(lines, line_words, index, sides)


def _rows_below(
    lines: list[dict], line_words: list[list[dict]], index: int, sides: Any
) -> tuple[list[tuple[str, ...]], int] | None:
    """The two-column block from the titles at ``index`` down to a line across the gutter or a
    paragraph's space: its rows (titles first) and the index after it."""
    gaps = _wide_gaps(line_words[index])
    hi = gaps[0][1] - 1
    rows = [sides(line_words[index])]
    end = index + 1
    height = lines[index]["bottom"] - lines[index]["top"]
    while end < len(lines) and line_words[end]:
        if any(w["x0"] < hi < w["x1"] for w in line_words[end]):
            break  # a line across the gutter
        if lines[end]["top"] - lines[end - 1]["bottom"] > height:
            break  # a paragraph's space below the block
        rows.append(sides(line_words[end]))
        end += 1
    return (rows, end) if len(rows) > 1 else None


def _titled_columns(lines: list[dict], line_words: list[list[dict]], index: int) -> tuple[list[dict], int] | None:
    """ "Customer" beside another column's title ("Subscription", "Order details") over lines drawn
    without rules: the customer's name and address beside the order's terms ("Term: ..."), read
    column after column, each line a paragraph (not "Customer: Subscription")."""
    gaps = _wide_gaps(line_words[index])
    if len(gaps) != 1:
        return None
    hi = gaps[0][1] - 1

    def sides(ws: list[dict]) -> tuple[str, ...]:
        return tuple(_clean(" ".join(w["text"] for w in ws if (w["x0"] < hi) == left)) for left in (True, False))

    titles = sides(line_words[index])
    parties = [bool(_PARTY_TITLE.fullmatch(title)) for title in titles]
    if sum(parties) != 1 or not all(_COLUMN_TITLE.fullmatch(title) for title in titles):
        return None
    block = _rows_below(lines, line_words, index, sides)
    if block is None or len(block[0]) < 3:
        return None
    rows, end = block
    top, bottom = lines[index]["top"], lines[end - 1]["bottom"]
    texts = [row[side] for side in (0, 1) for row in rows if row[side]]
    out = [
        {"text": text, "top": top + order * 1e-3, "bottom": bottom, "x0": 0.0, "x1": 0.0, "column_start": True}
        for order, text in enumerate(texts)
    ]
    return out, end


_COLUMN_TITLE = re.compile(r"[A-Z][A-Za-z&]*(?: [A-Za-z&]+){0,2}:?")


def _borderless_tables(lines: list[dict], words: list[dict]) -> list[dict]:
    """A price table drawn without rules: a row of column titles, then priced rows, each split by
    wide gaps into three or more columns, with cells wrapped onto the lines below ("Member" over
    "Insights Seat"). Its lines become one table (its rows' cells by the priced rows' gutters)."""
    line_words = [
        _words_of_line(line, words) if "column_start" not in line and "rows" not in line else [] for line in lines
    ]
    out: list[dict] = []
    index = 0
    while index < len(lines):
        members = _table_lines(lines, line_words, index)
        if not members:
            out.append(lines[index])
            index += 1
            continue
        bare = _titles_name_currency(lines, index)
        priced = [k for k in members if _priced_row(lines[k], line_words[k], bare)]
        widest = max(priced, key=lambda k: len(_wide_gaps(line_words[k])))
        cuts = [(a + b) / 2 for a, b in _wide_gaps(line_words[widest])]
        rows: list[list[str]] = []
        untitled_first = len(_title_gaps(line_words, index)) > len(_wide_gaps(line_words[index]))
        for k in members:
            cells = _cells_by_gutters(line_words[k], cuts)
            if k == index and untitled_first:  # the first column has no title: the titles by their own gutters
                cells = ["", *_cells_by_gutters(line_words[k], cuts[1:])]
            if not rows or k in priced:
                rows.append(cells)
            else:  # a cell wrapped onto the next line
                rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
        last = lines[members[-1]]
        rows = _symbol_columns_joined(rows)
        out.append({**lines[index], "bottom": last["bottom"], "rows": [tuple(_clean(c) for c in row) for row in rows]})
        index = members[-1] + 1
    return out


_CURRENCY_MARK = re.compile(r"(?:[A-Z]{1,3})?[$€£¥₹]|USD|EUR|GBP|CHF|CAD|AUD|NZD|SEK|NOK|DKK|JPY|INR")


def _symbol_columns_joined(rows: list[list[str]]) -> list[list[str]]:
    """A currency symbol set in a column of its own, apart from its amounts ("$" at a column's
    left edge, "1,500.00" right-aligned; accounting format): joined to the amount after it."""
    column = 0
    while column + 1 < len(rows[0]):
        body = [row[column] for row in rows[1:] if row[column]]
        if body and all(_CURRENCY_MARK.fullmatch(cell) for cell in body):
            for row in rows:
                mark, amount = row[column], row[column + 1]
                space = " " if not mark or mark[-1].isalpha() or not amount[:1].isdigit() else ""
                row[column : column + 2] = [f"{mark}{space}{amount}".strip()]
        column += 1
    return rows


def _cells_by_gutters(ws: list[dict], cuts: list[float]) -> list[str]:
    """A rule-less table row's cells: by the row's own gutters when they split it into as many
    cells as the table has columns (column titles over right-aligned amounts reach left past the
    amounts' gutter: "Unit price (USD)" over "9,600.00"), else each word by the column its middle
    falls in."""
    gaps = _wide_gaps(ws)
    if gaps and len(gaps) == len(cuts):
        cells = [""] * (len(cuts) + 1)
        for word in ws:
            column = sum(1 for _, hi in gaps if word["x0"] >= hi)
            cells[column] = f"{cells[column]} {word['text']}".strip()
        return cells
    cells = [""] * (len(cuts) + 1)
    for word in ws:
        column = sum(1 for cut in cuts if (word["x0"] + word["x1"]) / 2 > cut)
        cells[column] = f"{cells[column]} {word['text']}".strip()
    return cells


_PRICE_TITLE = re.compile(
    r"(?i)^(?=.*\b(?:price|rate|fee|amount|cost|charge)s?\b)"
    r"(?=.*(?:\b(?:USD|EUR|GBP|CHF|CAD|AUD|NZD|SEK|NOK|DKK|JPY|INR)\b|[$£€¥]))"
)
_BARE_AMOUNT = re.compile(r"\d[\d,.' ]*\d|\d")
_PRICE_WORD = re.compile(r"(?i)\b(?:price|rate|fee|amount|cost|charge)s?\b")
_LEADING_MONEY = re.compile(
    r"(?:[A-Z]{1,3})?[$£€¥₹]\s?\d|(?:USD|EUR|GBP|CHF|CAD|AUD|NZD|SEK|NOK|DKK|JPY|INR)\s?\d|"
    r"\d[\d,.' ]*\s?(?:[€£]|USD|EUR|GBP|CHF|CAD|AUD|NZD|SEK|NOK|DKK|JPY|INR)\b"
)


def _bare_price_lists(lines: list[dict], words: list[dict]) -> list[dict]:
    """A two-column price list drawn without rules whose title names the price and its currency
    ("Role" beside "Hourly rate (CAD)", "Band" beside "Price per unit (EUR)") over rows of an item
    beside a bare amount ("Data engineer" beside "150.00"), or whose title names only the price
    ("Period" beside "Annual fee", "Monthly requests" beside "Price") over rows of an item beside an
    amount with its currency ("$30,000.00", "£0.60 per million"): a table of those rows (the
    title says what the amounts are: per year, a tier's price)."""
    line_words = [
        _words_of_line(line, words) if "column_start" not in line and "rows" not in line else [] for line in lines
    ]

    def sides(ws: list[dict]) -> tuple[str, str] | None:
        gaps = _wide_gaps(ws)
        if len(gaps) == 2 and _CURRENCY_MARK.fullmatch(
            " ".join(w["text"] for w in ws if gaps[0][1] <= w["x0"] < gaps[1][0])
        ):
            gaps = gaps[:1]  # "$" in a column of its own, apart from its amount: one price cell
        if len(gaps) != 1:
            return None
        left = _clean(" ".join(w["text"] for w in ws if w["x1"] <= gaps[0][0]))
        right = _clean(" ".join(w["text"] for w in ws if w["x0"] >= gaps[0][1]))
        right = re.sub(r"^((?:[A-Z]{1,3})?[$£€¥₹]) (?=\d)", r"\1", right)
        return (left, right) if left and right else None

    out: list[dict] = []
    index = 0
    while index < len(lines):
        title = sides(line_words[index])
        if title is None or not _PRICE_WORD.search(title[1]) or re.search(r"\d", title[0]):
            out.append(lines[index])
            index += 1
            continue
        # under a title naming the currency, bare amounts; under one naming only the price, amounts
        # with their currency ("$30,000.00", "£0.60 per million")
        priced = _BARE_AMOUNT.fullmatch if _PRICE_TITLE.search(title[1]) else _LEADING_MONEY.match
        height = lines[index]["bottom"] - lines[index]["top"]
        rows = [title]
        end = index + 1
        # (a Word table's rows keep their paragraphs' spacing: up to twice a line's height apart)
        while end < len(lines) and lines[end]["top"] - lines[end - 1]["bottom"] <= 2.0 * height:
            row = sides(line_words[end])
            if row is None or not priced(row[1]):
                break
            rows.append(row)
            end += 1
        if len(rows) < 3:
            out.append(lines[index])
            index += 1
            continue
        out.append({**lines[index], "bottom": lines[end - 1]["bottom"], "rows": rows})
        index = end
    return out


def _table_lines(lines: list[dict], line_words: list[list[dict]], index: int) -> list[int]:
    """The lines of a borderless table whose title row is ``index`` (none if it is not one): lines
    close below it, the priced ones split into as many columns as the widest, the others (wrapped
    cells) without a gutter of their own and not a sentence."""
    gaps = _title_gaps(line_words, index)
    if len(gaps) < 2 or _MONEY_HINT.search(lines[index]["text"]):
        return []
    height = lines[index]["bottom"] - lines[index]["top"]
    bare = _titles_name_currency(lines, index)
    members = [index]
    for k in range(index + 1, len(lines)):
        text = lines[k]["text"]
        space = lines[k]["top"] - lines[k - 1]["bottom"]
        # a priced row may stand further down (a Word table's cells keep their paragraphs' spacing)
        if not line_words[k] or space > (2.0 if _priced_row(lines[k], line_words[k], bare) else 1.2) * height:
            break
        # (a bracketed note that leaves the first column empty is a cell wrapped in a later column,
        # "($4,500 per quarter)" under "Quarterly in advance", not a paragraph after the table)
        wrapped_cell = line_words[k][0]["x0"] >= gaps[0][1] - 1 and re.fullmatch(r"\(.*\)", text)
        if not _priced_row(lines[k], line_words[k], bare) and (
            re.search(r"[.:;]\s*$", text) or len(text.split()) > 6 or (_MONEY_HINT.search(text) and not wrapped_cell)
        ):
            break
        members.append(k)
    priced = [k for k in members if _priced_row(lines[k], line_words[k], bare)]
    return members if priced else []


_DECIMAL_AMOUNT = re.compile(r"\d{1,3}(?:[,.' ]?\d{3})*[.,]\d{2,4}")


def _title_gaps(line_words: list[list[dict]], index: int) -> list[tuple[float, float]]:
    """The gutters of a row of column titles; a row whose first column has no title ("Current
    price | From 1 May" over "Hosting (per site) | $6.50 | $7.20": a letter's comparison drawn on a
    canvas) starts right of the rows below, past where their first cells end: that indent is a
    gutter too."""
    titles = line_words[index]
    gaps = _wide_gaps(titles)
    below = line_words[index + 1] if index + 1 < len(line_words) else []
    if not titles or not gaps or not below:
        return gaps
    row_gaps = _wide_gaps(below)
    first_cell = row_gaps[0][0] - below[0]["x0"] if row_gaps else 0.0
    if len(row_gaps) != len(gaps) + 1 or titles[0]["x0"] - below[0]["x0"] <= max(10.0, first_cell / 2):
        return gaps
    return [(below[0]["x0"], titles[0]["x0"]), *gaps]


def _titles_name_currency(lines: list[dict], index: int) -> bool:
    """The column titles at ``index`` (or their second line) name a price and its currency ("Unit
    price (USD)", "Amount (GBP)"): the rows below may state bare amounts ("850.00")."""
    text = " ".join(line["text"] for line in lines[index : index + 2])
    return bool(_PRICE_TITLE.search(text))


def _priced_row(line: dict, ws: list[dict], bare: bool) -> bool:
    """A row of a rule-less table: split into three or more cells, one of them an amount (with its
    currency, or a bare amount with cents under titles that name the currency)."""
    if len(_wide_gaps(ws)) < 2:
        return False
    return bool(_MONEY_HINT.search(line["text"])) or (bare and any(_DECIMAL_AMOUNT.fullmatch(w["text"]) for w in ws))


def _words_of_line(line: dict, words: list[dict]) -> list[dict]:
    middle = (line["top"] + line["bottom"]) / 2
    mine = [w for w in words if w["top"] <= middle <= w["bottom"] and line["x0"] - 1 <= w["x0"] <= line["x1"] + 1]
    return sorted(mine, key=lambda w: w["x0"])


def _wide_gaps(ws: list[dict]) -> list[tuple[float, float]]:
    """Horizontal gaps between words much wider than a space (a gutter between columns)."""
    if len(ws) < 2:
        return []
    size = sum(w["bottom"] - w["top"] for w in ws) / len(ws)
    pairs = zip(ws, ws[1:], strict=False)
    return [(a["x1"], b["x0"]) for a, b in pairs if b["x0"] - a["x1"] > max(10.0, 1.5 * size) or b.get("gutter")]


def _mark_narrow_gutters(lines: list[dict], words: list[dict]) -> None:
    """A table drawn without rules whose columns stand close ("0,15" right-aligned, then "per
    sensor-hour" a few points on; a browser's table without padding): a gap clearly wider than
    the line's spaces that stays free of text down three or more neighbouring rows (each with text
    on both sides of it) is a gutter between columns. The word after it is marked for _wide_gaps.
    Justified text has equal spaces on a line, so none of its gaps stands out."""
    line_words = [_words_of_line(line, words) for line in lines]
    candidates = [_narrow_gaps(ws) for ws in line_words]
    for index, gaps in enumerate(candidates):
        for lo, hi, word in gaps:
            rows = 1
            for step in (-1, 1):
                k = index
                while 0 <= k + step < len(lines):
                    above, below = (lines[k + step], lines[k]) if step < 0 else (lines[k], lines[k + step])
                    height = below["bottom"] - below["top"]
                    # (priced rows may stand as far apart as a Word table's paragraphs)
                    further = _MONEY_HINT.search(lines[k + step]["text"]) or _DECIMAL_AMOUNT.search(
                        lines[k + step]["text"]
                    )
                    if below["top"] - above["bottom"] > (2.0 if further else 1.2) * height:
                        break
                    k += step
                    ws = line_words[k]
                    pairs = zip(ws, ws[1:], strict=False)
                    if any(min(hi, b["x0"]) - max(lo, a["x1"]) >= 3.0 for a, b in pairs):
                        rows += 1  # text on both sides, the gap (most of it) free
                    elif any(w["x0"] < hi - 1 and w["x1"] > lo + 1 for w in ws):
                        break  # a line across the gap
            if rows >= 3:
                word["gutter"] = True


def _narrow_gaps(ws: list[dict]) -> list[tuple[float, float, dict]]:
    """Gaps on a line narrower than _wide_gaps' but clearly wider than its spaces (twice its
    narrowest gap, or 0.6 of the font size when it has only one): with the word after each."""
    if len(ws) < 2:
        return []
    size = sum(w["bottom"] - w["top"] for w in ws) / len(ws)
    gaps = [(a["x1"], b["x0"], b) for a, b in zip(ws, ws[1:], strict=False)]
    narrowest = min(hi - lo for lo, hi, _ in gaps)
    out = []
    for lo, hi, word in gaps:
        width = hi - lo
        if width > max(10.0, 1.5 * size) or width < max(4.0, 0.4 * size):
            continue
        if (len(gaps) > 1 and width >= 2 * narrowest) or (len(gaps) == 1 and width >= 0.6 * size):
            out.append((lo, hi, word))
    return out


def _gutter_run(line_words: list[list[dict]], index: int) -> tuple[list[int], tuple[float, float]] | None:
    """The lines from ``index`` on that share one gutter (at least two of them split by it; lines
    wholly on one side belong too), with the gutter's span."""
    first = _wide_gaps(line_words[index])
    if not first:
        return None
    lo, hi = first[0]
    run = [index]
    split_lines = 1
    for following in range(index + 1, len(line_words)):
        ws = line_words[following]
        shared = [(max(lo, a), min(hi, b)) for a, b in _wide_gaps(ws) if min(hi, b) > max(lo, a)]
        if shared:
            lo, hi = shared[0]
            split_lines += 1
        elif ws and any(w["x0"] < hi and w["x1"] > lo for w in ws):
            break  # a line across the gutter
        run.append(following)
    return (run, (lo, hi)) if split_lines >= 2 else None


def _column_paragraphs(column: list[list[dict]]) -> list[list[list[dict]]]:
    """A column's lines as paragraphs (joined as a table cell's are) until a clear vertical gap;
    the column's own short title ("Pricing") stands alone."""
    groups: list[list[list[dict]]] = []
    previous: list[dict] | None = None
    for ws in column:
        if not ws:
            continue
        height = ws[0]["bottom"] - ws[0]["top"]
        title = previous is not None and len(groups) == 1 and len(groups[0]) == 1 and _column_title(groups[0][0])
        if previous is None or title or ws[0]["top"] - previous[0]["bottom"] > 0.6 * height:
            groups.append([])
        groups[-1].append(ws)
        previous = ws
    return groups


def _column_title(words: list[dict]) -> bool:
    text = " ".join(w["text"] for w in words)
    return len(words) <= 3 and not re.search(r"[\d:.,;$€£]", text)


# A list item's marker: "- ", "• ", "a. ", "iv) ", "12. ", "(b) " (not "Co. " or "Inc. ").
_LIST_MARKER = re.compile(
    r"\s*(?:[-*•▪◦·]|(?:[a-z]|[ivx]{2,4}|\d{1,3})[.)]|\((?:[a-z]{1,2}|[ivx]{1,4}|\d{1,2})\))\s", re.I
)


def _wrapped_pdf_lines(lines: list[dict], page_width: float) -> list[bool]:
    """For each line, whether the line above was wrapped into it: the line above is a long line of
    the page's text and ended where this line's first word no longer fit before the right margin
    (the widest line's end). Lines read from side-by-side columns are left alone."""
    plain = [line for line in lines if line.get("chars") and "column_start" not in line and "rows" not in line]
    out = [False] * len(lines)
    if len(plain) < 2:
        return out
    # The body's left margin is where most lines start (a browser's date and address printed in
    # the page's corners start further out); its right margin mirrors it unless the body's text
    # runs further (a form whose longest line stops well short of the margin was not wrapped).
    starts = [round(line["x0"]) for line in plain]
    left = max(set(starts), key=starts.count)
    body = [line for line in plain if line["x0"] >= left - 1]
    right = max(max(line["x1"] for line in body), page_width - left)
    for index in range(1, len(lines)):
        above, line = lines[index - 1], lines[index]
        if any(not one.get("chars") or "column_start" in one or "rows" in one for one in (above, line)):
            continue  # not a line of running text (a column read beside another, a table rebuilt)
        if _LIST_MARKER.match(line["text"]) or min(above["x0"], line["x0"]) < left - 1:
            continue  # a list's next item; a line outside the body's margins
        first_word = line["text"].split()[0] if line["text"].split() else ""
        glyphs = [char for char in line["chars"] if not char["text"].isspace()]
        count = len(first_word.replace(" ", ""))
        if not first_word or count > len(glyphs):
            continue
        word_width = glyphs[count - 1]["x1"] - glyphs[0]["x0"]
        space = 0.25 * (line["bottom"] - line["top"])
        long_line = above["x1"] - above["x0"] >= 0.7 * (right - left)
        out[index] = long_line and above["x1"] + space + word_width > right - 0.5
    return out


def _table_starts(grid: list[tuple[str, ...]]) -> list[bool]:
    """Where a new table starts in a ruled grid: at its first row, and where a run of two or more
    rows of one width follows a run of two or more rows of another (two tables drawn one against the
    other, "Customer | Acme" rows above "Item | Qty | Price" rows, are read as one grid). A single
    row of another width (a title merged across the table) stays in its table."""
    runs: list[list[int]] = []
    for index, cells in enumerate(grid):
        if runs and len(grid[runs[-1][0]]) == len(cells):
            runs[-1].append(index)
        else:
            runs.append([index])
    starts = [False] * len(grid)
    if grid:
        starts[0] = True
    for before, run in zip(runs, runs[1:], strict=False):
        if len(before) >= 2 and len(run) >= 2:
            starts[run[0]] = True
    return starts


def _pdf_cell_text(page: Any, bbox: tuple[float, float, float, float]) -> str:
    """A table cell's text, its wrapped lines joined: a word too long for a narrow column that the
    producer broke mid-word ("Descriptio" / "n", "07/01/202" / "6", "ap@north" / "wind.test") is one
    word again."""
    x0, top, x1, bottom = bbox

    def inside(obj: dict) -> bool:
        # A glyph belongs to the cell it starts in: a word a producer let run over the cell's
        # right border ("Price/Unit/Mont|h") keeps its last letters.
        y = (obj["top"] + obj["bottom"]) / 2
        return obj.get("object_type") == "char" and x0 <= obj["x0"] < x1 and top <= y < bottom

    lines = [line for line in page.filter(inside).extract_text_lines(layout=False, strip=True) if line["text"]]
    parts: list[str] = []
    for index, line in enumerate(lines):
        if parts and _broken_word(lines[index - 1], line, x0, x1):
            parts[-1] += line["text"]
        else:
            parts.append(line["text"])
    return join_lines(parts)


_WORD_ENDING = re.compile(
    r"(?:tions?|sions?|ments?|ings?|[^t]al|ances?|ences?|ity|ness|ship|ures?|ive|[ai]ble|ary|ery|ory|ous)$"
)


def _broken_word(above: dict, line: dict, cell_x0: float, cell_x1: float) -> bool:
    """The line above is one word that fills the cell up to its right padding but for less than
    the next glyph's width (it could not wrap at a space; a table sized to its longest word fills
    the cell exactly, and a word wrapped at a space leaves the next word's room), and this line
    goes on with the rest of it."""
    size = above["bottom"] - above["top"]
    left = above["x0"] - cell_x0
    short_of = (cell_x1 - above["x1"]) - left  # how far the word stops short of the right padding
    glyph = line["chars"][0]["x1"] - line["chars"][0]["x0"] if line.get("chars") else 0.5 * size
    word, rest = above["text"].strip(), (line["text"].split() or [""])[0]
    if word.isupper() and rest.isupper():
        word = word.split()[-1]  # a title in capitals broken after its first word ("ITEM DESCRI" / "PTION")
    if " " in word or len(word) < 4 or not (left < size and 0.3 < short_of < glyph):
        return False
    if re.search(r"\d[.,]?$", word) and rest[:1].isdigit():
        return True  # an amount or a date: "$18,000.0" / "0", "07/01/202" / "6"
    if re.search(r"@[\w.-]*$", word) or re.match(r"[a-z0-9-]*\.[a-z]{2,}\b", rest):
        return True  # an e-mail or web address: "ap@hawthornec" / "ap.test"
    # a word's last letters ("Descriptio" / "n", "Managem" / "ent"); a whole short word after a
    # word wrapped at a space ("Annual" / "total") does not end like the pair does
    tail = rest.rstrip(",.;:)")
    if re.fullmatch(r"[A-Z]{4,}", word) and re.fullmatch(r"[A-Z]{1,6}", tail):
        # a title in capitals ("VOLUM" / "E", "DESCR" / "IPTION"): one or two letters alone are no
        # word of their own (but "A" / "I")
        return (len(tail) <= 2 and tail not in ("A", "I")) or bool(_WORD_ENDING.search((word + tail).lower()))
    return bool(re.fullmatch(r"[a-z]{1,5}", tail)) and bool(_WORD_ENDING.search(word + tail))


_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def _raised_small(char: dict, beside: dict, ratio: float = 0.8, rise: float = 0.15) -> bool:
    """A glyph set smaller than its neighbour and raised above the neighbour's baseline."""
    size, other = float(char.get("size") or 0), float(beside.get("size") or 0)
    return (
        0 < size <= ratio * other
        and beside["bottom"] - char["bottom"] >= rise * other
        and char["bottom"] > beside["top"]
    )


def _same_line(char: dict, other: dict) -> bool:
    return other is not char and other["top"] - 3 < char["top"] < other["bottom"]


def _mark_footnote_digits(page: Any) -> None:
    """Footnote reference marks drawn as small raised digits (as Word, LibreOffice, browsers and report writers set
    them) become the superscript digits they stand for, as in a text file: after a word ("events\u00b9", which text
    extraction would glue into "events1"), after an amount ("EUR 0.0040\u00b2", not a fifth decimal) or opening
    the footnote itself ("\u00b9 An event is ..."). The text cleaning then treats them as footnote marks."""
    chars = page.chars
    sizes = [round(float(c.get("size") or 0)) for c in chars]
    body = max(set(sizes), key=sizes.count) if sizes else 0
    # a mark is set smaller than the text around it (most of a page is body text)
    digits = [c for c in chars if c["text"].isdigit() and float(c.get("size") or 0) < 0.9 * body]
    if not digits:
        return
    by_end: dict[int, list[dict]] = {}
    for char in chars:
        by_end.setdefault(round(char["x1"]), []).append(char)
    marks: list[dict] = []
    for char in sorted(digits, key=lambda c: c["x0"]):
        x = round(char["x0"])
        before = [c for end in (x - 1, x, x + 1) for c in by_end.get(end, []) if _same_line(char, c)]
        before = [c for c in before if abs(char["x0"] - c["x1"]) < 1.0]
        if before:
            left = before[0]
            if any(left is mark for mark in marks) or (
                _raised_small(char, left) and (left["text"].isalnum() or left["text"] in ".,;:)%\u00bb\u201d\"'")
            ):
                marks.append(char)  # "events\u00b9\u00b2": a second digit of a mark follows the first
            continue
        # a footnote's own mark at the start of its line, raised above the note's text
        if any(_same_line(char, c) and char["x0"] - 15 < c["x1"] <= char["x0"] + 0.5 for c in chars):
            continue
        after = [c for c in chars if _same_line(char, c) and c["text"].strip() and 0 <= c["x0"] - char["x1"] < 6]
        # (footnotes are set small too: the mark is raised by a third of the note's size)
        if after and _raised_small(char, min(after, key=lambda c: c["x0"]), ratio=0.9, rise=0.3):
            marks.append(char)
    for mark in marks:
        mark["text"] = mark["text"].translate(_SUPERSCRIPT_DIGITS)


def _pdf_part_items(part: Any, page_width: float, page_number: int) -> list[tuple[float, Block | list[Block]]]:
    """A page's (or a column's) text outside ruled tables as blocks, each with its top: paragraphs'
    lines, and the rows of the tables drawn without rules (a list of blocks, numbered later)."""
    items: list[tuple[float, Block | list[Block]]] = []
    previous_bottom: float | None = None
    lines = [line for line in part.extract_text_lines(layout=False, strip=True) if line["text"].strip()]
    page_words = part.extract_words(return_chars=True)
    _mark_narrow_gutters(lines, page_words)
    lines, page_words = _tab_stop_titles(lines, page_words)
    lines = _staggered_columns(lines, page_words)
    lines = _labels_beside_values(_split_side_by_side_columns(lines, page_words), page_words)
    lines = _borderless_tables(lines, page_words)
    lines = _bare_price_lists(lines, page_words)
    # The leading between wrapped lines differs by producer: the page's tightest gap is its
    # line spacing; a paragraph break is clearly more than that.
    gaps = [b["top"] - a["bottom"] for a, b in zip(lines, lines[1:], strict=False) if b["top"] > a["bottom"]]
    tightest = min(gaps) if gaps else 0.0
    wrapped = _wrapped_pdf_lines(lines, page_width)
    for line, continues in zip(lines, wrapped, strict=True):
        if "rows" in line:
            items.append((line["top"], [Block(page_number, " | ".join(cells), cells, 0) for cells in line["rows"]]))
            previous_bottom = line["bottom"]
            continue
        height = line["bottom"] - line["top"]
        # A gap of more than about half a line between lines starts a new paragraph.
        threshold = 0.45 * height
        if tightest < 0.6 * height:
            threshold = max(threshold, tightest + 0.2 * height)
        gap = previous_bottom is None or line["top"] - previous_bottom > threshold
        if "column_start" in line:
            gap = bool(line["column_start"])  # a column read beside another starts a paragraph
        previous_bottom = line["bottom"]
        block = Block(page_number, _clean(line["text"]), starts_paragraph=gap, continues=continues and not gap)
        items.append((line["top"], block))
    return items


def _gutter_free(ws: list[dict], lo: float, hi: float) -> list[tuple[float, float]]:
    """The stretches of x in [lo, hi] that no word of a line covers."""
    free: list[tuple[float, float]] = []
    x = lo
    for w in sorted(ws, key=lambda w: w["x0"]):
        if w["x0"] > x:
            free.append((x, min(w["x0"], hi)))
        x = max(x, w["x1"])
        if x >= hi:
            break
    if x < hi:
        free.append((x, hi))
    return [(a, b) for a, b in free if b > a]


def _intersect(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out = [(max(x0, y0), min(x1, y1)) for x0, x1 in a for y0, y1 in b]
    return [(x0, x1) for x0, x1 in out if x1 - x0 >= _MIN_GUTTER]


_MIN_GUTTER = 8.0


def _page_columns(lines: list[dict], words: list[dict]) -> tuple[float, float, float, float] | None:
    """A page laid out in two columns of running text (a newsletter's, a two-column HTML page's), tables
    and headings inside them: the stretch of lines (top, bottom) that share one gutter no word crosses
    (from, to), with lines that fill their column on both sides of it; or None. Its columns are read
    one after the other, each on its own (a table in a column is a table of that column)."""
    if len(lines) < 8 or not words:
        return None
    line_words = [_words_of_line(line, words) for line in lines]
    left_edge = min(w["x0"] for w in words)
    right_edge = max(w["x1"] for w in words)
    span = right_edge - left_edge
    lo, hi = left_edge + 0.3 * span, left_edge + 0.7 * span
    best: tuple[int, int, list[tuple[float, float]]] | None = None
    for start in range(len(lines)):
        free = _gutter_free(line_words[start], lo, hi)
        free = [(a, b) for a, b in free if b - a >= _MIN_GUTTER]
        end = start
        while free and end + 1 < len(lines):
            narrowed = _intersect(free, _gutter_free(line_words[end + 1], lo, hi))
            if not narrowed:
                break
            free, end = narrowed, end + 1
        if free and (best is None or end - start > best[1] - best[0]):
            best = (start, end, free)
    if best is None or best[1] - best[0] + 1 < 8:
        return None
    start, end, free = best
    gutter = max(free, key=lambda f: f[1] - f[0])
    run = line_words[start : end + 1]
    if not _columns_of_running_text(run, gutter, left_edge, right_edge) and not _sidebar_beside_text(
        run, gutter, left_edge, right_edge
    ):
        return None
    return lines[start]["top"] - 0.5, lines[end]["bottom"] + 0.5, gutter[0], gutter[1]


def _columns_of_running_text(
    run: list[list[dict]], gutter: tuple[float, float], left_edge: float, right_edge: float
) -> bool:
    """Both sides of the gutter hold running text: lines of several words filling their column (not a
    form's labels, a table's amounts or an address block beside another)."""
    for side in (0, 1):
        pieces = [[w for w in ws if (w["x1"] <= gutter[0]) == (side == 0)] for ws in run]
        pieces = [ws for ws in pieces if ws]
        start = left_edge if side == 0 else min((ws[0]["x0"] for ws in pieces), default=gutter[1])
        end = max((ws[-1]["x1"] for ws in pieces), default=start) if side else gutter[0]
        width = end - start
        if width < 0.3 * (right_edge - left_edge):
            return False
        full = [ws for ws in pieces if len(ws) >= 6 and ws[-1]["x1"] - ws[0]["x0"] >= 0.75 * width]
        if len(full) < 4:
            return False
    return True


def _sidebar_beside_text(
    run: list[list[dict]], gutter: tuple[float, float], left_edge: float, right_edge: float
) -> bool:
    """A main column of running text beside a narrow sidebar (a proposal's "Quote summary", a
    customer box) whose lines flow on their own: most of them stand between the main column's lines,
    not on the same baselines (an amount column beside its items shares their lines)."""
    sides = [[[w for w in ws if (w["x1"] <= gutter[0]) == (side == 0)] for ws in run] for side in (0, 1)]
    for main in (0, 1):
        pieces = [ws for ws in sides[main] if ws]
        start = left_edge if main == 0 else min((ws[0]["x0"] for ws in pieces), default=gutter[1])
        end = gutter[0] if main == 0 else max((ws[-1]["x1"] for ws in pieces), default=start)
        if end - start < 0.5 * (right_edge - left_edge):
            continue
        full = [ws for ws in pieces if len(ws) >= 6 and ws[-1]["x1"] - ws[0]["x0"] >= 0.75 * (end - start)]
        aside = [k for k, ws in enumerate(sides[1 - main]) if ws]
        alone = [k for k in aside if not sides[main][k]]
        if len(full) >= 4 and len(aside) >= 6 and len(alone) >= 2 * len(aside) / 3:
            return True
    return False


def _part_key(region: tuple[float, float, float, float] | None, x: float, top: float) -> int:
    """Where a thing at (x, top) is read on a page of two columns: above them (0), in the left column
    (1), the right one (2) or below them (3)."""
    if region is None or top < region[0]:
        return 0
    if top > region[1]:
        return 3
    return 1 if x < region[2] else 2


def _page_parts(
    page: Any, region: tuple[float, float, float, float] | None, width: float
) -> list[tuple[Any, float, int]]:
    """The page, or its parts around and inside two columns, each with the width its wrapped lines
    are measured against (a column's: its own text's) and its reading order."""
    if region is None:
        return [(page, width, 0)]

    def part(key: int) -> Any:
        def inside(obj: dict) -> bool:
            x = (obj["x0"] + obj["x1"]) / 2
            y = (obj["top"] + obj["bottom"]) / 2
            return _part_key(region, x, y) == key

        return page.filter(inside)

    return [(part(0), width, 0), (part(1), 0.0, 1), (part(2), 0.0, 2), (part(3), width, 3)]


@dataclass
class _RuledRow:
    cells: list[tuple[float, float, float, float]]


@dataclass
class _RuledTable:
    """A table found from its rules (the shape of pdfplumber's: its box and its rows' cell boxes)."""

    bbox: tuple[float, float, float, float]
    rows: list[_RuledRow]


def _horizontal_rules(page: Any) -> dict[float, list[tuple[float, float]]]:
    """The page's thin horizontal segments (lines, or rectangles a point or two high) by their height on
    the page, each as (x0, x1) in order."""
    rules: dict[float, list[tuple[float, float]]] = {}
    for obj in [*page.lines, *page.rects]:
        if obj["bottom"] - obj["top"] > 2.0 or obj["x1"] - obj["x0"] < 10:
            continue
        y = round((obj["top"] + obj["bottom"]) / 2)
        rules.setdefault(y, []).append((obj["x0"], obj["x1"]))
    return {y: sorted(set(segments)) for y, segments in rules.items()}


def _cell_boundaries(segments: list[tuple[float, float]]) -> tuple[float, ...] | None:
    """A rule drawn cell by cell (each cell's bottom border a segment of its own, end to end): the x of
    its start, of each cell's edge and of its end; None if it is not two or more such segments."""
    if len(segments) < 2:
        return None
    for (_, end), (start, _) in zip(segments, segments[1:], strict=False):
        if abs(start - end) > 1.5:
            return None
    return (segments[0][0], *(end for _, end in segments[:-1]), segments[-1][1])


def _same_boundaries(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 1.5 for x, y in zip(a, b, strict=True))


def _header_top(page: Any, bounds: tuple[float, ...], first_rule: float) -> float:
    """Where the column titles above a table's first rule start: the lines of text just above it,
    within the table's width (a title wrapped onto two or three lines too)."""
    words = [
        w
        for w in page.extract_words()
        if w["x0"] >= bounds[0] - 1 and w["x1"] <= bounds[-1] + 1 and w["bottom"] <= first_rule + 0.5
    ]
    lines: dict[int, list[dict]] = {}
    for word in words:
        lines.setdefault(round(word["bottom"]), []).append(word)
    top = first_rule
    for _, line in sorted(lines.items(), reverse=True):
        height = max(w["bottom"] - w["top"] for w in line)
        if min(w["bottom"] for w in line) < top - 0.9 * height:
            break
        if min(w["top"] for w in line) < first_rule - 4.5 * height:
            break
        if any(w["x0"] < edge < w["x1"] for w in line for edge in bounds[1:-1]):
            break  # a heading across the columns, not a column's title
        top = min(top, *(w["top"] for w in line))
    return top - 0.5


def _cell_rule_tables(page: Any) -> list[_RuledTable]:
    """Tables whose rows are separated by rules drawn cell by cell, without vertical rules (an HTML
    table with a bottom border on each cell, printed by a browser or an HTML-to-PDF library): two or
    more such rules with the same cell edges make a table; its columns are between the edges, its rows
    between the rules, and its titles the lines just above the first rule."""
    grids: list[tuple[tuple[float, ...], list[float]]] = []
    for y, segments in sorted(_horizontal_rules(page).items()):
        bounds = _cell_boundaries(segments)
        if bounds is None:
            continue
        if grids and _same_boundaries(grids[-1][0], bounds):
            grids[-1][1].append(y)
        else:
            grids.append((bounds, [y]))
    tables = []
    for bounds, ys in grids:
        if len(ys) < 2:
            continue
        tops = [_header_top(page, bounds, ys[0]), *ys]
        rows = [
            _RuledRow([(a, top, b, bottom) for a, b in zip(bounds, bounds[1:], strict=False)])
            for top, bottom in zip(tops, tops[1:], strict=False)
        ]
        tables.append(_RuledTable((bounds[0], tops[0], bounds[-1], tops[-1]), rows))
    return tables


def _words_across_edges(page: Any, table: _RuledTable) -> bool:
    """Words running across the rules' cell edges (a spreadsheet's text spilling over its grid, a cell
    spanning columns): the edges are not this text's columns."""
    x0, top, x1, bottom = table.bbox
    edges = [cell[0] for cell in table.rows[0].cells[1:]]
    return any(
        w["x0"] < edge - 1 < edge + 1 < w["x1"]
        for w in page.extract_words()
        if top <= (w["top"] + w["bottom"]) / 2 <= bottom and x0 <= w["x0"] and w["x1"] <= x1 + 1
        for edge in edges
    )


def _with_cell_rule_tables(page: Any, found: list[Any]) -> list[Any]:
    """pdfplumber's tables and those of rules drawn cell by cell; one of these takes the place of a
    table found inside it (only its title row, on a shaded band) and gives way to one overlapping it
    otherwise."""

    def within(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
        # (a shaded title band starts a little above its titles' text)
        return (
            inner[0] >= outer[0] - 1
            and inner[1] >= outer[1] - 3
            and inner[2] <= outer[2] + 1
            and inner[3] <= outer[3] + 1
        )

    def overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    ruled = [
        table
        for table in _cell_rule_tables(page)
        if not any(overlaps(t.bbox, table.bbox) and (not within(t.bbox, table.bbox) or len(t.rows) > 1) for t in found)
        and not _words_across_edges(page, table)
    ]
    kept = [t for t in found if not any(within(t.bbox, table.bbox) for table in ruled)]
    return [*kept, *ruled]


def _read_pdf(data: bytes) -> Document:
    import pdfplumber

    document = Document(kind=PDF)
    table_index = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        document.page_count = len(pdf.pages)
        for page_number, page in enumerate(pdf.pages, start=1):
            _mark_footnote_digits(page)
            tables = _with_cell_rule_tables(page, page.find_tables())
            boxes = [table.bbox for table in tables]

            def outside(obj: dict, boxes: list = boxes) -> bool:
                x = (obj["x0"] + obj["x1"]) / 2
                y = (obj["top"] + obj["bottom"]) / 2
                return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

            text_page = page.filter(outside) if boxes else page
            items: list[tuple[tuple[int, float], Block | list[Block]]] = []
            # (the columns are found with the tables' words too: a table at a column's top is in it)
            page_lines = [x for x in page.extract_text_lines(layout=False, strip=True) if x["text"].strip()]
            region = _page_columns(page_lines, page.extract_words())
            for part, width, key in _page_parts(text_page, region, float(page.width)):
                for top, item in _pdf_part_items(part, width, page_number):
                    if isinstance(item, list):
                        table_index += 1
                        item = [replace(block, table=table_index) for block in item]
                    items.append(((key, top), item))
            for table in tables:
                rows = []
                grid = _pdf_table_grid(page, table)
                for cells, new_table in zip(grid, _table_starts(grid), strict=True):
                    table_index += 1 if new_table else 0
                    if any(cells):
                        rows.append(Block(page_number, " | ".join(cells), cells, table_index))
                items.append(((_part_key(region, table.bbox[0], table.bbox[1]), table.bbox[1]), rows))
            items.sort(key=lambda item: item[0])
            for _, item in items:
                if isinstance(item, list):
                    document.blocks.extend(item)
                else:
                    document.blocks.append(item)
    return document


def _pdf_table_grid(page: Any, table: Any) -> list[tuple[str, ...]]:
    """A ruled table's rows of cell texts. A position that a merged cell spans has no cell of its
    own (None): merged across columns, the cell counts once, as in a Word table; merged down from
    the row above (a "Group" cell spanning its products' rows: nothing to its left reaches over
    it), the position stays, empty, so the row keeps its columns."""
    starts: dict[int, float] = {}
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            if cell is not None:
                starts[i] = min(starts.get(i, cell[0]), cell[0])
    grid = []
    for row in table.rows:
        cells: list[str] = []
        reach = None  # the right edge of the last cell of the row so far
        for i, cell in enumerate(row.cells):
            if cell is not None:
                cells.append(_clean(_pdf_cell_text(page, cell)))
                reach = cell[2]
            elif i in starts and (reach is None or reach <= starts[i] + 1):
                cells.append("")
        grid.append(tuple(cells))
    return grid


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCX_REMOVED = {f"{_W}del", f"{_W}moveFrom"}
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _docx_body_items(word: Any) -> Iterator[Any]:
    """The body's paragraphs and tables in order, those inside a content control (w:sdt, a
    template's filled-in "Customer" or date field) too: python-docx leaves those out."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = word._body

    def items(parent: Any) -> Iterator[Any]:
        for child in parent:
            if child.tag == f"{_W}p":
                yield Paragraph(child, body)
            elif child.tag == f"{_W}tbl":
                yield Table(child, body)
            elif child.tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    yield from items(content)

    yield from items(word.element.body)


_WINGDINGS_BOXES = {"FE": "☒", "FD": "☒", "78": "☒", "A8": "☐", "6F": "☐", "71": "☐"}


def _docx_box_ticked(box: Any) -> bool:
    def on(node: Any) -> bool:
        return (node.get(f"{_W}val") or "1").lower() not in ("0", "false", "off")

    checked = box.find(f"{_W}checked")
    if checked is not None:
        return on(checked)
    default = box.find(f"{_W}default")
    return default is not None and on(default)


def _docx_superscript(run: Any) -> bool:
    align = run.find(f"{_W}rPr/{_W}vertAlign")
    return align is not None and align.get(f"{_W}val") == "superscript"


def _docx_paragraph_text(element: Any) -> str:
    """A Word paragraph's text as it reads with its tracked changes accepted: inserted runs (w:ins,
    which python-docx's ``paragraph.text`` leaves out) are kept and deleted runs dropped."""
    out: list[str] = []

    def walk(node: Any, raised: bool = False) -> None:
        for child in node:
            tag = child.tag
            if tag in _DOCX_REMOVED or tag == _MC_FALLBACK:
                continue  # a text box is stored twice: as a shape and as its older VML fallback
            if tag == f"{_W}p":
                # a paragraph inside a text box in this one: a line of its own
                out.append("\n")
                walk(child)
                out.append("\n")
            elif tag == f"{_W}t":
                text = child.text or ""
                # a footnote mark typed as superscript digits ("events" + superscript "1"): a mark, as in a text file
                out.append(text.translate(_SUPERSCRIPT_DIGITS) if raised and text.strip().isdigit() else text)
            elif tag == f"{_W}r":
                walk(child, _docx_superscript(child))
            elif tag == f"{_W}tab":
                out.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                out.append("\n")
            elif tag == f"{_W}sym":
                # a Wingdings check box typed as a symbol
                out.append(_WINGDINGS_BOXES.get((child.get(f"{_W}char") or "").upper()[-2:], ""))
            elif tag == f"{_W}checkBox":
                # a legacy form check box (its state is not text): ticked or not
                out.append(" ☒ " if _docx_box_ticked(child) else " ☐ ")
            elif tag != f"{_W}pPr" and tag != f"{_W}rPr":
                walk(child)

    walk(element)
    return "".join(out)


def _docx_list_item(paragraph: Any) -> bool:
    """A paragraph Word numbers or bullets itself (its number is not in its text): numbering on the
    paragraph (w:numPr) or a list style ("List Bullet", "List Number 2"); a numbered heading is
    still a heading."""
    try:
        style = (paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, ValueError, AttributeError):
        style = ""
    if re.match(r"(?i)heading|title|toc", style):
        return False
    properties = paragraph._p.pPr
    numbered = properties is not None and properties.find(f"{_W}numPr") is not None
    return numbered or bool(re.match(r"(?i)list (?:bullet|number)", style))


def _docx_style(paragraph: Any) -> str:
    """ "heading" (a Heading / Title style), "body" (a plain paragraph: not bold all through, not in
    capitals) or "" (a paragraph set bold or in capitals by hand, which may be a heading)."""
    try:
        style = (paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, ValueError, AttributeError):
        style = ""
    if re.match(r"(?i)heading|title", style):
        return "heading"
    runs = [run for run in paragraph.runs if run.text.strip()]
    if not runs or all(run.bold for run in runs) or paragraph.text.isupper():
        return ""
    return "body"


def _read_docx(data: bytes) -> Document:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise DocumentReadError(f"Not a readable DOCX file: {exc}") from exc
    _unwrap_table_controls(word.element.body)
    _notes_inline(word)
    document = Document(kind=DOCX)
    page = 1
    table_index = 0
    # A Word page header or footer is in the document once, not on each page: a customer or a
    # letterhead named only there ("Prepared for: ...") is read as the document's first or last lines.
    header_lines, footer_lines = _docx_furniture(word)
    for line in header_lines:
        document.blocks.append(Block(page, line, starts_paragraph=True))
    items = list(_docx_body_items(word))
    styled_headings = any(isinstance(item, Paragraph) and _docx_style(item) == "heading" for item in items)
    tab_rows = _docx_tab_rows(items)
    for position, item in enumerate(items):
        if isinstance(item, Paragraph):
            # Explicit page breaks are the only page positions a DOCX carries.
            if 'w:br w:type="page"' in item._p.xml or "lastRenderedPageBreak" in item._p.xml:
                page += 1 if document.blocks else 0
            if position in tab_rows:
                cells = tab_rows[position]
                if position - 1 not in tab_rows:
                    table_index += 1
                document.blocks.append(Block(page, " | ".join(cells), cells, table_index))
                continue
            marker = "• " if _docx_list_item(item) else ""
            lines = _docx_paragraph_text(item._p).splitlines()
            for number, line in enumerate(lines):
                if line.strip():
                    text = _clean(line)
                    document.blocks.append(
                        Block(
                            page,
                            marker + text if number == 0 else text,
                            starts_paragraph=number == 0,
                            body=styled_headings and _docx_style(item) == "body",
                        )
                    )
        elif isinstance(item, Table):
            table_index = _docx_table_blocks(document, item, page, table_index)
    for line in footer_lines:
        document.blocks.append(Block(page, line, starts_paragraph=True))
    document.page_count = page
    return document


_NOTE_REFERENCES = {f"{_W}footnoteReference": "footnotes", f"{_W}endnoteReference": "endnotes"}


def _notes_inline(word: Any) -> None:
    """A Word footnote or endnote (pandoc's from a Markdown "[^1]", Word's Insert Footnote) read where
    its mark is, in brackets ("£1,800.00 (Billed annually in advance)"), as a text footnote is: its
    text is in another part of the file, which python-docx does not read."""
    from lxml import etree

    notes: dict[tuple[str, str], str] = {}
    for rel in word.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if rel.is_external or kind not in _NOTE_REFERENCES.values():
            continue
        try:
            root = etree.fromstring(rel.target_part.blob)
        except (etree.XMLSyntaxError, ValueError):
            continue
        for note in root:
            if note.get(f"{_W}type") not in (None, "normal"):
                continue  # the separator lines above the notes
            text = " ".join(_docx_paragraph_text(paragraph) for paragraph in note.iter(f"{_W}p"))
            notes[(kind, note.get(f"{_W}id") or "")] = _clean(text.replace("\n", " "))
    for reference in list(word.element.body.iter(*_NOTE_REFERENCES)):
        text = notes.get((_NOTE_REFERENCES[reference.tag], reference.get(f"{_W}id") or ""))
        if text:
            inline = etree.SubElement(reference.getparent(), f"{_W}t")
            inline.text = f" ({text.rstrip('.')})"
            reference.addnext(inline)
            reference.getparent().remove(reference)


_TABLE_PARTS = {f"{_W}tbl", f"{_W}tr", f"{_W}tc"}


def _unwrap_table_controls(body: Any) -> None:
    """Rows, cells and cell paragraphs inside a content control (a template's repeating section, w:sdt
    around each item row, or a custom XML element around a filled-in cell) put where the control is:
    python-docx reads only a table's own rows and a row's own cells, and would leave them out."""
    while True:
        node = next(
            (
                node
                for node in body.iter(f"{_W}sdt", f"{_W}customXml")
                if node.getparent() is not None and node.getparent().tag in _TABLE_PARTS
            ),
            None,
        )
        if node is None:
            return
        parent = node.getparent()
        content = node.find(f"{_W}sdtContent") if node.tag == f"{_W}sdt" else node
        children = [child for child in (content if content is not None else []) if child.tag != f"{_W}customXmlPr"]
        position = parent.index(node)
        parent.remove(node)
        for offset, child in enumerate(children):
            parent.insert(position + offset, child)


def _docx_row_cells(row: Any) -> list[Any]:
    """A table row's cells, a merged cell once."""
    out: list[Any] = []
    for cell in row.cells:
        if not out or cell._tc is not out[-1]._tc:
            out.append(cell)
    return out


def _docx_layout_table(table: Any) -> bool:
    """A table that lays out the page rather than listing rows (a letterhead beside the order's
    number, the seller's and the buyer's blocks side by side, a price table inside one of its
    cells): a table nested in a cell, or most filled cells holding several lines."""
    cells = [cell for row in table.rows for cell in _docx_row_cells(row)]
    if any(cell._tc.find(f"{_W}tbl") is not None for cell in cells):
        return not _docx_item_table(table)
    lines = [len([part for part in cell.text.splitlines() if part.strip()]) for cell in cells]
    filled = [count for count in lines if count]
    return len(filled) >= 2 and sum(1 for count in filled if count >= 2) * 2 > len(filled)


def _docx_item_table(table: Any) -> bool:
    """A table of items with a small table nested in one of its cells (a usage line's allowance,
    package size and price as a label/value grid inside its "Price" cell): a header row of short
    titles over two or more rows of as many cells, the nested tables below the header only. Such a
    table lists rows; it does not lay out the page."""
    rows = [_docx_row_cells(row) for row in table.rows]
    if len(rows) < 3 or len({len(row) for row in rows}) != 1 or len(rows[0]) < 2:
        return False
    header = rows[0]
    for cell in header:
        text = cell.text.strip()
        if (
            not text
            or "\n" in text
            or len(text) > 40
            or re.search(r"\d", text)
            or cell._tc.find(f"{_W}tbl") is not None
        ):
            return False
    nested = sum(1 for row in rows[1:] if any(cell._tc.find(f"{_W}tbl") is not None for cell in row))
    return nested * 2 <= len(rows) - 1


def _docx_cell_text(cell: Any) -> str:
    """A table cell's text, a table nested in it read as its rows in turn ("Package size: 1 000;
    Price per package: 45.00"), its label and value cells joined by a colon."""
    parts: list[str] = []
    for child in cell._tc:
        if child.tag == f"{_W}p":
            parts.append(_docx_paragraph_text(child))
        elif child.tag == f"{_W}tbl":
            rows: list[str] = []
            for row in child.iter(f"{_W}tr"):
                texts = [
                    _clean(" ".join(_docx_paragraph_text(p) for p in tc.iter(f"{_W}p")).replace("\n", " "))
                    for tc in row.findall(f"{_W}tc")
                ]
                texts = [text for text in texts if text]
                if texts:
                    label = texts[0] if len(texts) < 2 or texts[0].endswith(":") else texts[0] + ":"
                    rows.append(" ".join([label, *texts[1:]]))
            if rows:
                parts.append("; ".join(rows))
    return " ".join(parts)


def _docx_table_blocks(document: Document, table: Any, page: int, table_index: int) -> int:
    """A Word table's rows as table blocks; a layout table's cells as the paragraphs (and tables)
    they hold, cell after cell. Returns the last table index used."""
    from docx.table import Table

    if _docx_layout_table(table):
        for row in table.rows:
            for cell in _docx_row_cells(row):
                for child in cell._tc:
                    if child.tag == f"{_W}tbl":
                        table_index = _docx_table_blocks(document, Table(child, cell), page, table_index)
                    elif child.tag == f"{_W}p":
                        lines = [part for part in _docx_paragraph_text(child).splitlines() if part.strip()]
                        for number, line in enumerate(lines):
                            document.blocks.append(Block(page, _clean(line), starts_paragraph=number == 0))
        return table_index
    table_index += 1
    for row in table.rows:
        cells: list[str] = []
        for cell in _docx_row_cells(row):
            text = _docx_cell_text(cell)
            cells.append(_clean(join_lines(text.split("\n"))))
        if any(cells):
            document.blocks.append(Block(page, " | ".join(cells), tuple(cells), table_index))
    return table_index


def _docx_tab_rows(items: list[Any]) -> dict[int, tuple[str, ...]]:
    """A table typed as paragraphs on tab stops ("Item<TAB>Qty<TAB>Price" a paragraph per row): two
    or more neighbouring paragraphs of one line each with cells between tabs are a table's rows
    (their cells, by the items' positions), read as a plain-text file's tab-separated rows are; a
    single tabbed line ("Customer:<TAB>Acme") stays a line."""
    from docx.text.paragraph import Paragraph

    texts: dict[int, str] = {}
    for position, item in enumerate(items):
        if not isinstance(item, Paragraph) or _docx_list_item(item):
            continue
        text = _docx_paragraph_text(item._p).strip(" \t")
        if "\t" in text and "\n" not in text and "|" not in text:
            texts[position] = text
    rows: dict[int, tuple[str, ...]] = {}
    runs: list[list[int]] = []
    for position in sorted(texts):
        if runs and runs[-1][-1] == position - 1:
            runs[-1].append(position)
        else:
            runs.append([position])
    for run in runs:
        if len(run) < 2:
            continue
        for position, line in zip(run, _aligned_with_tabs([texts[k] for k in run]), strict=True):
            rows[position] = tuple(_clean(cell) for cell in line.split("\t"))
    return rows


def _docx_furniture(word: object) -> tuple[list[str], list[str]]:
    """The text lines of the first section's page headers and footers (first-page and default),
    each once, in order."""

    def lines(parts: list[object]) -> list[str]:
        out: list[str] = []
        for part in parts:
            try:
                if getattr(part, "is_linked_to_previous", False) and not getattr(part, "_has_definition", True):
                    continue
                paragraphs = list(part.paragraphs)  # type: ignore[attr-defined]
                for table in part.tables:  # type: ignore[attr-defined]
                    for row in table.rows:
                        paragraphs.extend(cell_paragraph for cell in row.cells for cell_paragraph in cell.paragraphs)
            except (AttributeError, ValueError, KeyError):
                continue
            for paragraph in paragraphs:
                for line in paragraph.text.splitlines():
                    cleaned = _clean(line)
                    if cleaned and cleaned not in out:
                        out.append(cleaned)
        return out

    sections = list(getattr(word, "sections", []))[:1]
    if not sections:
        return [], []
    section = sections[0]
    headers = (
        [section.first_page_header, section.header] if section.different_first_page_header_footer else [section.header]
    )
    footers = (
        [section.first_page_footer, section.footer] if section.different_first_page_header_footer else [section.footer]
    )
    return lines(headers), lines(footers)
