"""Document blocks -> segments: sentences of prose, "Label: value" fields and table rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from contracts.documents.reader import Block, Document, join_lines

# "- ", "• ", "a. ", "1) ", "(b) ", "(iv) ", "(3) "; not "(45) days" at the start of a wrapped line.
_BULLET = re.compile(
    r"^\s*(?:[-•*▪◦·]|(?:[a-z]|[ivx]{2,4}|\d{1,3})[.)]|\((?:[a-z]{1,2}|[ivx]{1,4}|\d)\)"
    # numbered clauses: "2.1 Annual licence fee", "4.1.2 \"Commencement Date\" means"
    r"|\d{1,2}(?:\.\d{1,2}){1,3}\.?(?=\s+[A-Z\"“(]))\s+",
    re.I,
)
_FIELD = re.compile(r"^(?P<label>[A-Za-z][\w /&'().#-]{1,48}?)\s*[:：]\s*(?P<value>\S.*)$")
_SYMBOL_BULLET = re.compile(r"^\s*[-•*▪◦·–]\s+")
_HEADING = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?[A-Z][^.!?:;]{0,60}$")
# "e.g." and "Inc." must not end a sentence; decimals never do (no space after the dot).
_ABBREVIATIONS = (
    r"(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bInc\.)(?<!\bLtd\.)(?<!\bCorp\.)(?<!\bCo\.)(?<!\bNo\.)(?<!\bSt\.)"
    r"(?<!\bvs\.)(?<!\bp\.a\.)(?<!\bU\.S\.)(?<!\bU\.K\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bS\.A\.)(?<!\bB\.V\.)(?<!\bL\.L\.C\.)"
    # "Harbourfront Tiles Pte. Ltd.", "Pty. Ltd.", "Sdn. Bhd.": the first word of a company's suffix
    r"(?<!\bPte\.)(?<!\bPty\.)(?<!\bSdn\.)"
)
_LABEL = re.compile(
    r"(?i)\b(?:customer|client|name|e-?mail|date|start|end|term|payment|currency|contact|address|bill|invoice|"
    r"effective|merchant|company|account|zone|period|renewal|po\b|reference|order|seller|buyer|licensee|provider)"
)
_SEVERAL_FIELDS = re.compile(
    # ("... Delivery Director For the Client: Ann Lee": a signature block's second party, its "For the")
    r"(?<=\d|[a-z).])\s+((?:(?:For|Por|Pour|Für)\s+(?:and\s+on\s+behalf\s+of\s+)?(?:the|el|la|le|den|die)\s+)?(?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+:\s"
    # "PO date: 14/09/2026. Period of performance: 01/10/2026 to ...": a label with small words
    r"|(?<=\.\s)[A-Z][a-z]+\s(?:of|for|to|and)\s[a-z]+(?:\s[a-z]+)?:\s"
    # "... per successful donation. ACH donations: 0.8% of each donation": a priced label after a full stop
    r"|(?<=\.\s)[A-Z][A-Za-z]*(?:\s[A-Za-z][a-z]+){0,2}:\s(?=[\d$€£¥])"
    # "... Learning, Inc. Accounts payable: finance@... Schedule start: March 1": a form's fields run
    # together in one column or cell, each label after a full stop
    r"|(?<=\.\s)[A-Z][A-Za-z]*(?:\s[a-z]+){1,3}:\s)"
)
_SENTENCE_END = re.compile(_ABBREVIATIONS + r"(?<=[.!?])\s+(?=[A-Z\"“])")


@dataclass
class Segment:
    page: int
    text: str
    kind: str  # "prose", "field", "heading", "row"
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    table: int | None = None
    label: str = ""
    value: str = ""
    index: int = 0
    context: list[str] = field(default_factory=list)  # headings / intro sentences before it


# a ramp's period as a column title: "Year 2", "Contract Year 3 (2030)", "Months 13-24"
_PERIOD_TITLE = re.compile(
    r"(?i)^\s*(?:(?:contract|subscription)\s+)?(?:year|yr\.?)\s*\d{1,2}\b(?:\s*\((?:FY\s?)?20\d{2}\))?\s*$"
    r"|^\s*months?\s+\d{1,3}\s*(?:-|–|to|through)\s*\d{1,3}\s*$"
)


# "Current (2029)", "Renewal (2030)", "Until 31 Dec 2029", "From 1 Jan 2030": a period's prices as a column's title
_DATED_TITLE = re.compile(
    r"(?i)^\s*(?:current|existing|previous|prior|old|new|renewal|renewed|until|up to|through|from|as of|starting|"
    r"effective(?: from)?|with effect from|(?:this|next|last) (?:year|term|period))\b"
)


def _dated_title(cell: str) -> str:
    """A period column's title without its date or year (which would read as a figure of a data row)."""
    if not _DATED_TITLE.match(cell):
        return cell
    return re.sub(r"\d{1,4}(?:[./-]\d{1,4}){0,2}", "", cell)


def _is_header_row(cells: tuple[str, ...]) -> bool:
    """Column titles: words in every cell and no amounts ("Price per 1,000 emails" is a title)."""
    joined = " ".join(cells)
    filled = [cell for cell in cells if cell]
    # an amount is not a title; "Hourly rate (£)", "Amount ($)" name the currency of the column
    if re.search(
        r"(?<![(\[])[$€£¥](?![)\]])|\b(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK)\s?\d|\d\s?(?:USD|EUR|GBP|CHF)\b",
        joined,
    ):
        return False
    # "Annual fee | 2028 | 2029 | 2030": calendar years as the columns of a ramp ("2027/28": a licence year)
    years = [cell for cell in filled[1:] if re.fullmatch(r"\s*(?:FY\s?)?20\d{2}(?:\s*[/-]\s*(?:20)?\d{2})?\s*", cell)]
    if len(years) >= 2 and len(years) == len(filled) - 1 and re.search(r"[A-Za-z]", filled[0]):
        return True
    # "#" titles a line-number column ("# | Item | Qty | Unit price"), "%" a share of a total
    if any(not re.search(r"[A-Za-z]", cell) and cell.strip() not in ("#", "%") for cell in filled):
        return False
    # "VAT @ 20%", "Discount 15%": a rate in a column title is still a title; so is a ramp's period
    # ("Year 2 (2029)", "Months 13-24")
    titles = [_PERIOD_TITLE.sub("", re.sub(r"\d+(?:[.,]\d+)?\s?%", "", _dated_title(cell))) for cell in filled]
    if re.search(r"\d{2,}", " ".join(titles)) and not all(
        re.search(r"(?i)\bper\b|\bprice|\brate|\bfee", c) or not re.search(r"\d", c) for c in titles
    ):
        return False
    return len(filled) >= 2


_PRICE_IN_LINE = re.compile(
    r"[$€£¥]\s?\d|\d\s?[€£]|\b(?:USD|EUR|GBP|CHF|CAD|AUD|NZD|SEK|NOK|DKK|JPY|SGD|INR)\s?\d"
    r"|\d\s?(?:USD|EUR|GBP|CHF|CAD|AUD|NZD|SEK|NOK|DKK|JPY|SGD|INR)\b",  # "120.00 USD per month"
    re.I,
)
_DANGLING_END = re.compile(
    r"(?:[,;:(&/+-]|\b(?:of|a|an|the|for|to|and|or|at|per|with|by|from|less|plus|on|in|is|are|be|than|each|shall|"
    r"will|which|that|as|usd|eur|gbp|chf|cad|aud|nzd|sek|nok|dkk|jpy|sgd|inr)|[$€£¥])\s*$",
    re.I,
)


def _own_priced_line(buffer: list[str], text: str) -> bool:
    """In a text file, a line with its own price under a line that had one and ended cleanly is the
    next item of an unbulleted list ("Platform fee $500 per month" / "Setup $1,000 one-time"), not
    the same sentence wrapped."""
    return bool(
        buffer
        and _PRICE_IN_LINE.search(buffer[-1])
        and _PRICE_IN_LINE.search(text)
        and not _DANGLING_END.search(buffer[-1])
        and re.match(r"[A-Z0-9$€£¥]", text)
    )


def _after_short_line(buffer: list[str], text: str) -> bool:
    """In a text file, a short line that does not run on (an address block's "Finance Director",
    "Coldharbour Foods Ltd") ends its item: hard-wrapped prose fills its lines, and a line that
    goes on starts in lower case."""
    return bool(
        buffer
        and len(buffer[-1]) < 40
        and not _DANGLING_END.search(buffer[-1])
        and not buffer[-1].endswith(":")
        and not text[:1].islower()
    )


def _wrapped_line(
    block: Block, text: str, above: str, page: int, buffer: list[str], out: list[Segment]
) -> tuple[str, bool]:
    """A line the producer wrapped mid-sentence goes on with the same sentence or field, even when
    it starts like a field, a bullet or a heading ("... all users: 0 - 1,000" / "MAU: $2.00 ...").
    Returns the line's text (a field read again with its wrapped end: "... SOW effective date:" /
    "January 4, 2027.") and whether the line was taken into the sentence being read."""
    # after a full stop only a line going on in lower case or with a bracket ("... Traders Corp." /
    # "(\"Customer\")") is the same sentence
    if not block.continues or block.page != page or (re.search(r"[.;!?]$", above) and not re.match(r"[a-z(]", text)):
        return text, False
    if buffer:
        buffer.append(text)
        return text, True
    field = _FIELD.match(text)
    if out and out[-1].kind == "field" and above.endswith(out[-1].text) and not (field and field.group(1)[0].isupper()):
        return join_lines([out.pop().text, text]), False
    return text, False


_LONE_PRICE = re.compile(
    r"(?:[A-Z]{0,3}[$£€¥₹]|[A-Z]{3} ?|R ?)\d[\d,.' \u00a0]*|\d[\d,.' \u00a0]* ?(?:[€£]|[A-Z]{3}|kr\.?)"
)


def _describes_lone_amount(buffer: list[str], text: str) -> bool:
    """A paragraph that is only an amount ("SEK 45 000" under a product's heading) and the paragraph under
    it saying what it is ("One-time fee, invoiced on signature"; "per vehicle per month"): one sentence."""
    return bool(
        len(buffer) == 1
        and _LONE_PRICE.fullmatch(buffer[0].strip())
        and not _PRICE_IN_LINE.search(text)
        and not _FIELD.match(text)
        and not re.search(r"[$€£¥]", text)
    )


def _continues_field(out: list[Segment], block: Block, text: str) -> bool:
    """A wrapped form field continues on a line that starts in lower case (or "2026."), and after a
    line that stops mid-phrase ("... for a net price of" / "$45 per user")."""
    if not out or out[-1].kind != "field" or re.search(r"[.;]$", out[-1].text):
        return False
    field = _FIELD.match(text)
    # "customer: Acme" / "currency: GBP": lower-case labels of a form, not a wrapped value
    if field and _LABEL.match(field.group("label")):
        return False
    dangling = bool(re.search(r"(?:\b(?:of|a|an|the|for|to|and|or|at|per|with|by|from|less|plus)|,)$", out[-1].text))
    return bool(
        text[:1].islower()
        or (text[:1].isdigit() and not _BULLET.match(text))
        # a role or an aside in brackets ("... Schmitt GmbH" / "(the \"Merchant\")."), not "(b) ..."
        or (text[:1] == "(" and not _BULLET.match(text) and not block.starts_paragraph)
        or (dangling and not block.starts_paragraph and not field)
    )


def _field_segments(block: Block, text: str, field_match: re.Match[str], out: list[Segment]) -> None:
    """ "Order Date: 2026-05-18  Service Start: 2026-06-01  Term: 12 months": one field each."""
    first_value = field_match.start("value")
    starts = [0] + [m.start(1) for m in _SEVERAL_FIELDS.finditer(text, first_value)]
    for part in (text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)):
        match = _FIELD.match(part.strip())
        if match:
            out.append(
                Segment(
                    block.page,
                    part.strip(),
                    "field",
                    label=match.group("label").strip(),
                    value=match.group("value").strip(),
                )
            )
        elif out:
            out[-1].text += f" {part.strip()}"
            out[-1].value += f" {part.strip()}"


def _unpriced_field(text: str) -> bool:
    """A bulleted line that is a form's field naming something ("Customer: Acme LLC", "Billing contact:
    Ann Lee"), not an item of a list of prices or dates ("Onboarding: EUR 1,800 one-time", "Trial period:
    10 May to 9 June", which stay bullets read as before): a value without a figure."""
    match = _FIELD.match(text)
    return bool(match) and not re.search(r"\d", match.group("value"))


def _prose_segments(lines: list[Block], text_lines: bool = False) -> list[Segment]:
    """Join wrapped lines into paragraphs and split them into sentences; keep fields, bullets and
    headings on their own (a PDF wraps lines mid-sentence, a form puts one field per line)."""
    out: list[Segment] = []
    buffer: list[str] = []
    page = lines[0].page if lines else 1

    def flush() -> None:
        if buffer:
            paragraph = join_lines(buffer)
            for sentence in _SENTENCE_END.split(paragraph):
                if sentence.strip():
                    out.append(Segment(page, sentence.strip(), "prose"))
            buffer.clear()

    previous_text = ""
    for block in lines:
        text = block.text.strip()
        above, previous_text = previous_text, text
        text, taken = _wrapped_line(block, text, above, page, buffer, out)
        if taken:
            continue
        if _describes_lone_amount(buffer, text):
            buffer.append(text)  # "SEK 45 000" / "One-time fee, invoiced on signature": one sentence
            continue
        if not buffer and _continues_field(out, block, text):
            out[-1].text = f"{out[-1].text} {text}"
            out[-1].value = f"{out[-1].value} {text}"
            continue
        field_match = _FIELD.match(text)
        bullet = _SYMBOL_BULLET.match(text)
        if field_match is None and bullet and _unpriced_field(text[bullet.end() :]):
            text = text[bullet.end() :]  # "• Customer: Acme LLC": a field in a bulleted list is a field
            field_match = _FIELD.match(text)
        if field_match and buffer and not block.starts_paragraph and text[:1].islower():
            # a hard-wrapped sentence going on ("... which Supplier shall invoice" / "in three
            # instalments as follows: USD 18,000 on ..."), not a form's label
            field_match = None
        # "... reduces from 60 to" / "45. The price ...": a hard-wrapped number, not a list item's
        wrapped_number = bool(
            buffer
            and not block.starts_paragraph
            and _DANGLING_END.search(buffer[-1])
            and not buffer[-1].endswith(":")  # "Fees:" / "12. $10 per seat": a list after its colon
            and re.match(r"\d{1,3}\.\s", text)
        )
        starts_new = (
            (bool(_BULLET.match(text)) and not wrapped_number)
            or bool(field_match)
            or block.page != page
            or block.starts_paragraph
            or (text_lines and (_own_priced_line(buffer, text) or _after_short_line(buffer, text)))
        )
        # A line ending in a colon introduces a list or a table; sentences inside a paragraph are
        # split later, so a line that merely ends with a full stop does not end the paragraph.
        # ... unless a short label was wrapped away from its value ("SOW Effective Date:" / "November 2, 2026.")
        label_wrapped = bool(
            buffer
            and re.search(r"(?:^|[.!?]\s)(?:\S+\s){0,4}\S+:$", buffer[-1])
            and re.match(r"(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d)", text, re.I)
        )
        if starts_new or (buffer and re.search(r":$", buffer[-1]) and not label_wrapped):
            flush()
        page = block.page if not buffer else page
        if field_match and len(field_match.group("label").split()) <= 6:
            flush()
            _field_segments(block, text, field_match, out)
            continue
        if (
            not buffer
            and not block.body
            and _HEADING.match(text)
            and len(text.split()) <= 8
            and not re.search(r"[$€£¥%]|\d{3,}", text)
        ):
            out.append(Segment(block.page, text, "heading"))
            continue
        cleaned = text if wrapped_number else _BULLET.sub("", text)
        if _BULLET.match(text) and not wrapped_number:
            flush()
        page = block.page if not buffer else page
        buffer.append(cleaned)
    flush()
    return out


_PARTY_WORDS = (
    r"customer|client|buyer|licensee|subscriber|bill to|sold to|vendor|provider|supplier|seller|licensor|company|"
    r"ship to|deliver to|remit to|invoice to"
)


def _label_pairs(cells: tuple[str, ...]) -> bool:
    """ "Customer | Acme | Start Date | 2026-07-01": two label / value pairs side by side."""
    return (
        len(cells) == 4
        and all(cells)
        and sum(1 for c in cells[::2] if _LABEL.search(c) or re.search(r"(?i)quote|#|no\.", c)) == 2
        and not re.search(r"[$€£¥]|\d", cells[0] + cells[2])
    )


def _pair_rows(rows: list[Block]) -> set[int]:
    """The rows of a form of label / value pairs side by side: those whose labels read as labels, and
    under one of them the rows of the same shape with short labels ("Customer | X | Order date | Y"
    over "Accounts contact | Jo - jo@x.test | Sales rep | Ann"): a form's row, not column titles."""
    found: set[int] = set()
    for position, row in enumerate(rows):
        cells = row.cells
        if _label_pairs(cells) or (
            position - 1 in found
            and len(cells) == 4
            and all(cells)
            and _form_label(cells[0])
            and _form_label(cells[2])
        ):
            found.add(position)
    return found


def _form_above_price_table(rows: list[Block]) -> int:
    """Where a price table's header row starts under form rows of one label and one value each (a
    PDF producer's two tables read as one grid: "Billing Frequency | | Quarterly |" rows, then "Item |
    Quantity | Unit Price | Amount"), or 0."""
    for position, row in enumerate(rows[1:], start=1):
        filled = [c for c in row.cells if c]
        if len(filled) >= 3 and _is_header_row(row.cells):
            side_by_side = _pairs_side_by_side(rows[:position])
            above = [[] if side_by_side and _titles_row(r) else [c for c in r.cells if c] for r in rows[:position]]
            # a spreadsheet's quote: a title cell, then "Bill to | X | Quote date | Y" pairs side by side
            pairs = [f for f in above if len(f) in (2, 4) and all(_form_label(label) for label in f[::2])]
            titles = [f for f in above if len(f) <= 1 and not re.search(r"\d", "".join(f))]
            if len(pairs) >= 2 and len(pairs) + len(titles) == len(above):
                return position
            return 0
    return 0


def _pairs_side_by_side(rows: list[Block]) -> bool:
    """Form rows holding two label / value pairs each ("Customer | X | Order No. | Y")."""
    return any(len(row.cells) >= 4 and all(row.cells[:4]) for row in rows)


def _titles_row(row: Block) -> bool:
    """Above pairs side by side, a row with only its label cells filled ("Customer Information | |
    Order Details |"): the titles of the two groups of pairs, not a label and its value."""
    return len(row.cells) >= 4 and not any(row.cells[1::2]) and all(_form_label(c) for c in row.cells[::2] if c)


def _form_label(cell: str) -> bool:
    """ "Quote date", "Bill to", "Quote #": a short label, no amount or date in it."""
    return len(cell) <= 30 and not re.search(r"[$€£¥]|\d", cell) and bool(re.search(r"[A-Za-z]", cell))


def _without_group_titles(rows: list[Block]) -> tuple[list[Segment], list[Block]]:
    """The group titles above a table's column titles as prose, and the table's other rows."""
    for position, row in enumerate(rows):
        if _group_titles_row(rows, position):
            titles = [Segment(row.page, cell, "prose") for cell in row.cells if cell]
            return titles, rows[:position] + rows[position + 1 :]
        if _is_header_row(row.cells):
            break
    return [], rows


def _form_and_table_segments(rows: list[Block], item: int) -> list[Segment]:
    grouped = _titled_pair_groups(rows, item)
    if grouped is not None:
        return grouped
    split = _form_above_price_table(rows)
    if not split:
        titles, rows = _without_group_titles(rows)
        return titles + _table_segments(rows, item)
    form = []
    side_by_side = _pairs_side_by_side(rows[:split])
    for row in rows[:split]:
        filled = [c for c in row.cells if c]
        if len(filled) == 1 or side_by_side and _titles_row(row):
            form += [Segment(row.page, title, "prose") for title in filled]
            continue
        form += [
            Segment(row.page, f"{label}: {value}", "field", cells=row.cells, table=item, label=label, value=value)
            for label, value in zip(filled[::2], filled[1::2], strict=True)
        ]
    return form + _table_segments(rows[split:], item)


def _titled_pair_groups(rows: list[Block], item: int) -> list[Segment] | None:
    """ "Bill To | Ship To" over "Company | Larkspur Dental Group | Contact | R. Oduya" rows: each title heads a
    column of label / value pairs; each pair is a field of its group ("Bill To Company: Larkspur Dental Group")."""
    titles = rows[0].cells
    body = rows[1:]
    if not (
        2 <= len(titles) <= 3
        and all(_form_label(title) for title in titles)
        and len(body) >= 2
        and all(len(row.cells) == 2 * len(titles) for row in body)
        and all(_form_label(label) for row in body for label in row.cells[::2] if label)
        and sum(1 for row in body if any(_LABEL.search(label) for label in row.cells[::2])) >= 2
    ):
        return None
    segments = []
    for row in body:
        for title, label, value in zip(titles, row.cells[::2], row.cells[1::2], strict=True):
            if label and value:
                named = f"{title.strip()} {label.strip()}"
                text = f"{named}: {value}"
                segments.append(Segment(row.page, text, "field", cells=row.cells, table=item, label=named, value=value))
    return segments


def _group_titles_row(rows: list[Block], position: int) -> bool:
    """A row of group titles above the column titles ("Service | Pricing (USD)", each cell merged
    across two columns, over "Product | Detail | Price | Billed"): a merged cell counts once, so the
    row has fewer cells than the titles below it, each a title of several columns, not a column's."""
    if position + 1 >= len(rows):
        return False
    cells, below = rows[position].cells, rows[position + 1].cells
    filled = [cell for cell in cells if cell]
    return (
        len(cells) < len(below)
        and len(filled) >= 2
        and _is_header_row(cells)
        and _is_header_row(below)
        and len([cell for cell in below if cell]) > len(filled)
    )


_COLUMN_TITLE_WORD = re.compile(
    r"(?i)\b(?:price|rate|fee|amount|cost|charge|qty|quantity|units?|per|band|tier|volume|usage|item|"
    r"description|service|product|from|to|up to)\b"
)


def _section_header(rows: list[Block], position: int) -> bool:
    """A table in sections, each under a title merged across the table ("A. Licence" over its priced
    row, "B. Usage" over "Monthly volume | Price per unit" and its bands): the row of column titles
    right under a later section's title, above a row with figures."""
    if not 0 < position < len(rows) - 1:
        return False
    above, below = rows[position - 1].cells, rows[position + 1].cells
    filled = [c for c in rows[position].cells if c]
    return (
        len([c for c in above if c]) == 1
        and len(filled) >= 2
        and bool(re.search(r"\d", " ".join(below)))
        and sum(1 for c in filled if _COLUMN_TITLE_WORD.search(c)) >= 2
    )


def _table_segments(rows: list[Block], item: int) -> list[Segment]:
    """A table's rows as fields (label and value), prose (one cell) or priced rows with their header."""
    segments: list[Segment] = []
    header: tuple[str, ...] = ()
    width = max(len(row.cells) for row in rows)
    # A two-column table of labels and values is a form ("Customer | Acme Inc."), not a price list.
    label_table = width == 2 and sum(1 for row in rows if row.cells and _LABEL.search(row.cells[0])) >= max(
        1, (len(rows) + 1) // 2
    )
    # "Customer | Vendor" above "Name: X | Name: Y" rows: one party per column; each cell is a field
    # of that party ("Customer Name: X", "Vendor Name: Y").
    parties: tuple[str, ...] = ()
    # a title merged across a wider table ("Customer details" over "Customer | X | Start date | Y"
    # pairs) names the whole form, not one party per column
    if (
        len(rows) > 1
        and len(rows[0].cells) == width
        and all(
            re.fullmatch(rf"(?i)(?:{_PARTY_WORDS})(?: information| details| info)?", c.strip()) for c in rows[0].cells
        )
    ):
        parties = tuple(re.sub(r"(?i)\s+(?:information|details|info)$", "", c.strip()) for c in rows[0].cells)
    pairs = _pair_rows(rows)
    for position, row in enumerate(rows):
        cells = row.cells
        if parties:
            if position == 0:
                continue
            for party, cell in zip(parties, cells, strict=False):
                match = _FIELD.match(cell) if cell else None
                if match or cell:
                    # "Name: X" under "Customer", or the party's block itself under "Bill to"
                    label = f"{party} {match.group('label').strip()}" if match else party
                    value = match.group("value").strip() if match else cell.strip()
                    segments.append(
                        Segment(
                            row.page, f"{label}: {value}", "field", cells=cells, table=item, label=label, value=value
                        )
                    )
            continue
        if (
            label_table
            and position == 0
            and re.fullmatch(r"(?i)(?:field|item|term|key|label)\s*\|?\s*", cells[0] or "")
        ):
            continue
        # The header is the first row of labels before any priced row (a merged title row may
        # come above it: "Recurring Fees" / "Item | Qty | Unit Price"); a later section of the
        # table under its own merged title may bring its own column titles.
        if (
            ((not header and not any(seg.kind == "row" for seg in segments)) or _section_header(rows, position))
            and position < len(rows) - 1
            and _is_header_row(cells)
            and width > 1
            and not label_table
            # "Customer | Acme Ltd | Currency | GBP" over more such pairs: a form, not column titles
            and not (position in pairs and position + 1 in pairs)
        ):
            header = cells
            continue
        filled = [c for c in cells if c]
        if position in pairs:
            # "Customer | Acme | Start Date | 2026-07-01": two label / value pairs side by side.
            for label, value in ((cells[0], cells[1]), (cells[2], cells[3])):
                segments.append(
                    Segment(row.page, f"{label}: {value}", "field", cells=cells, table=item, label=label, value=value)
                )
            continue
        if len(filled) >= 2 and all(_FIELD.match(c) for c in filled):
            # Side-by-side blocks (signature blocks, "PROVIDER: X | CUSTOMER: Y"): one field per cell.
            for cell in filled:
                match = _FIELD.match(cell)
                assert match is not None
                segments.append(
                    Segment(
                        row.page,
                        cell,
                        "field",
                        cells=cells,
                        table=item,
                        label=match.group("label").strip(),  # type: ignore[arg-type]
                        value=match.group("value").strip(),
                    )
                )
            continue
        if (
            (not header or label_table)
            and len([c for c in cells if c]) == 2
            and len(cells[0]) <= 50
            and not re.search(r"[$€£¥]", cells[0])
        ):
            label, value = (c for c in cells if c)
            segments.append(
                Segment(row.page, f"{label}: {value}", "field", cells=cells, table=item, label=label, value=value)  # type: ignore[arg-type]
            )
            continue
        if len([c for c in cells if c]) == 1 and not header:
            segments.append(Segment(row.page, next(c for c in cells if c), "prose"))
            continue
        segments.append(Segment(row.page, row.text, "row", cells=cells, header=header, table=item))  # type: ignore[arg-type]
    return segments


_LONE_LABEL = re.compile(
    r"(?i)(?:(?:contract |subscription |service |order )?(?:start|end|effective|commencement|expiration) date|"
    r"payment terms|billing e-?mail|invoice e-?mail|customer(?: name)?|client(?: name)?|bill to|billed to|sold to|"
    r"currency|(?:subscription |initial |contract )?term|time ?zone)"
)


def _labels_above_values(segments: list[Segment]) -> list[Segment]:
    """A form laid out with the label on its own line and the value below ("START DATE" /
    "2026-08-01"): one field."""
    out: list[Segment] = []
    skip = False
    for position, seg in enumerate(segments):
        if skip:
            skip = False
            continue
        following = segments[position + 1] if position + 1 < len(segments) else None
        if (
            seg.kind in ("heading", "prose")
            and _LONE_LABEL.fullmatch(seg.text.strip().rstrip(":"))
            and following is not None
            and following.kind in ("heading", "prose")
            and len(following.text.split()) <= 10
            and not _LONE_LABEL.fullmatch(following.text.strip().rstrip(":"))
        ):
            label = seg.text.strip().rstrip(":").capitalize()
            out.append(
                Segment(following.page, f"{label}: {following.text}", "field", label=label, value=following.text)
            )
            skip = True
            continue
        out.append(seg)
    return out


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


_BROWSER_CORNER = re.compile(
    r"(?:https?|file)://\S+(?:\s+\d+\s?/\s?\d+)?"
    r"|\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s?[AP]M)?(?:\s+\S.{0,80})?",
    re.I,
)


def _without_browser_corners(blocks: list[Block]) -> list[Block]:
    """A browser prints its own corners on every page, even on a single one: the date and time with
    the page's title above, the page's address and "1/2" below."""
    pages: dict[int, list[int]] = {}
    for position, block in enumerate(blocks):
        if block.table is None:
            pages.setdefault(block.page, []).append(position)
    corners = {
        position
        for positions in pages.values()
        for position in positions[:1] + positions[-1:]
        if _BROWSER_CORNER.fullmatch(blocks[position].text)
    }
    return [block for position, block in enumerate(blocks) if position not in corners]


def _without_page_furniture(blocks: list[Block]) -> list[Block]:
    """Running headers and footers (a letterhead with a phone number, "Confidential - Page 2") repeat
    at the top or bottom of every page: they are not terms of the contract."""
    pages: dict[int, list[int]] = {}
    for position, block in enumerate(blocks):
        if block.table is None:
            pages.setdefault(block.page, []).append(position)
    if len(pages) < 2:
        return blocks
    seen: dict[str, set[int]] = {}
    edges: dict[int, str] = {}
    for page, positions in pages.items():
        for position in positions[:2] + positions[-2:]:
            key = _furniture_key(blocks[position].text)
            edges[position] = key
            seen.setdefault(key, set()).add(page)
    repeated = {key for key, on_pages in seen.items() if len(on_pages) >= 2 and len(key) >= 3}
    return [block for position, block in enumerate(blocks) if edges.get(position) not in repeated]


def _join_continued_tables(blocks: list[Block]) -> list[Block]:
    """A table that runs onto the next page (nothing but the page break between its parts, the same
    columns) is one table; a header row repeated on the new page is dropped."""
    out: list[Block] = []
    renamed: dict[int, int] = {}
    first_row: dict[int, tuple[str, ...]] = {}
    for block in blocks:
        if block.table is not None and block.table in renamed:
            target = renamed[block.table]
            if block.cells == first_row.get(target) and out and out[-1].table == target:
                continue
            block = replace(block, table=target)
        elif block.table is not None and out and out[-1].table is not None and out[-1].table != block.table:
            previous = out[-1]
            if block.page == previous.page + 1 and len(block.cells) == len(previous.cells):
                renamed[block.table] = previous.table
                if block.cells == first_row.get(previous.table):
                    continue
                block = replace(block, table=previous.table)
        if block.table is not None:
            first_row.setdefault(block.table, block.cells)
        out.append(block)
    return out


def _transposed(rows: list[Block]) -> list[Block]:
    """A price table laid out sideways ("Monthly tasks | Up to 10,000 | 10,001 - 50,000" over
    "Price per task | $0.020 | $0.015"): the first column holds the titles; read it as columns."""
    width = min(len(row.cells) for row in rows)
    if not (2 <= len(rows) <= 4 and width >= 3 and all(len(row.cells) == width for row in rows)):
        return rows
    titles = [row.cells[0] for row in rows]
    if not all(re.search(r"[A-Za-z]", t) and not re.search(r"[$€£¥]|\d", t) for t in titles):
        return rows
    money = re.compile(r"[$€£¥]\s?\d|\d\s?[€£]|\b[A-Z]{3}\s?\d")
    # a row titled as a price with amounts across, under a row of quantities (bands) across
    priced = [
        row
        for row in rows[1:]
        if re.search(r"(?i)\b(?:price|rate|fee|cost|charge)", row.cells[0])
        and sum(1 for c in row.cells[1:] if money.search(c)) >= 2
    ]
    bands = rows[0].cells[1:]
    if not priced or not all(re.search(r"\d", c) and not money.search(c) for c in bands):
        return rows
    columns = [tuple(row.cells[index] for row in rows) for index in range(width)]
    page, table = rows[0].page, rows[0].table
    return [Block(page, " | ".join(column), column, table) for column in columns]


_UNTICKED_BOX = r"(?:[☐□❏❑]|\[\s?\])"
_TICKED_BOX = r"(?:[☒☑✅✔✓]|\[\s?[xX✓✔]\s?\])"


def _chosen_options(text: str) -> str:
    """ "Billing Frequency: ☐ Monthly ☒ Quarterly ☐ Annually" (an e-signature form's check boxes):
    only the ticked option is the form's answer ("Billing Frequency: Quarterly")."""
    if not (re.search(_TICKED_BOX, text) and re.search(_UNTICKED_BOX, text)):
        return text
    text = re.sub(_UNTICKED_BOX + r"[^☐□❏❑☒☑✅✔✓\[]*", " ", text)
    text = re.sub(_TICKED_BOX + r"\s*", "", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def _with_chosen_options(block: Block) -> Block:
    if block.cells:
        cells = tuple(_chosen_options(cell) for cell in block.cells)
        return block if cells == block.cells else replace(block, cells=cells, text=" | ".join(cells))
    text = _chosen_options(block.text)
    return block if text == block.text else replace(block, text=text)


_FOOTNOTE = re.compile(r"^\s*(?P<mark>\*{1,3}|[†‡§¶]{1,2}|[¹²³⁴⁵⁶⁷⁸⁹]|\(\d\)|\[\d\])\s*(?P<note>[A-Za-z].{3,})$")


_BOXED_LINE = re.compile(rf"\s*(?:{_UNTICKED_BOX}|{_TICKED_BOX})")
_TICKED_LINE = re.compile(rf"^\s*{_TICKED_BOX}\s*")
_OPTIONS_TITLE = re.compile(r"\s*[^\W\d][^\d.;!?☐□❏❑☒☑✅✔✓\[]{1,40}:?\s*")


def _chosen_option_lines(blocks: list[Block]) -> list[Block]:
    """A choice written as a check box per line ("Billing:" then "☐ Monthly in advance" and
    "☒ Annually in advance" on lines of their own, a Word or Google Docs checklist): as on one line,
    only the ticked option is the answer; the unticked lines are left out."""
    out: list[Block] = []
    position = 0
    while position < len(blocks):
        end = position
        while end < len(blocks) and blocks[end].table is None and _BOXED_LINE.match(blocks[end].text):
            end += 1
        run = blocks[position:end]
        ticked = [b for b in run if _TICKED_LINE.match(b.text)]
        if len(run) >= 2 and ticked and len(ticked) < len(run):
            chosen = [replace(b, text=_TICKED_LINE.sub("", b.text)) for b in ticked]
            heading = out[-1] if out and len(chosen) == 1 else None
            if heading is not None and _OPTIONS_TITLE.fullmatch(heading.text) and heading.table is None:
                # "Billing" over the boxes: the question the ticked option answers ("Billing: Annually")
                chosen = [replace(heading, text=f"{heading.text.strip().rstrip(':')}: {chosen[0].text}")]
                out.pop()
            out.extend(chosen)
        else:
            out.extend(run)
        if end == position:
            out.append(blocks[position])
            end += 1
        position = end
    return out


def _footnotes_inline(blocks: list[Block]) -> list[Block]:
    """ "$12,000*" in a fees table with "* Billed annually in advance." below it: the footnote is part
    of the amount it marks (written beside it) and not a statement about every fee."""
    notes: dict[str, tuple[int, str]] = {}
    for position, block in enumerate(blocks):
        found = _FOOTNOTE.match(block.text) if block.table is None else None
        if found and found.group("mark") not in notes:
            notes[found.group("mark")] = (position, found.group("note").strip())
    if not notes:
        return blocks
    marks = sorted(notes, key=len, reverse=True)

    used: set[str] = set()

    def inline(text: str, position: int) -> str:
        for mark in marks:
            if notes[mark][0] < position:
                continue  # a footnote is below what it marks
            # right after an amount ("$9,500**", "€1.20 per member per month†" after a word too); a
            # numbered mark only after an amount's last digits ("$3,200[1]", not "clause 4(1)")
            after = r"(?<=\d{3}|\.\d\d)" if mark[0] in "([" else r"(?<=[\w)%.])"
            pattern = rf"{after}(?<!{re.escape(mark[0])}){re.escape(mark)}(?!{re.escape(mark[0])})(?=[\s.,;)]|$)"
            # "$2.40[4] per retrieval": the note goes after the price's unit, which stays with the price
            pattern += r"(?P<unit>(?:\s*(?:per|/)\s*[A-Za-z][\w-]*)*)"
            note = notes[mark][1].rstrip(".")
            text, count = re.subn(pattern, lambda found, note=note: f"{found.group('unit')} ({note})", text)
            if count:
                used.add(mark)
        return text

    out: list[Block] = []
    for position, block in enumerate(blocks):
        if any(position == where for where, _ in notes.values()):
            out.append(block)
            continue
        cells = tuple(inline(cell, position) for cell in block.cells)
        text = " | ".join(cells) if block.cells else inline(block.text, position)
        if cells != block.cells or text != block.text:
            block = replace(block, cells=cells, text=text)
        out.append(block)
    # the footnotes that marked something are now beside it
    dropped = {notes[mark][0] for mark in used}
    return [block for position, block in enumerate(out) if position not in dropped]


_LABEL_BAR = re.compile(r"^(?P<label>[A-Za-z][\w /&'().-]{1,40}?)\s+\|\s+(?=\S)")


def _label_bar(block: Block) -> Block:
    """A line of running text written "Start date | 01/06/2026" (a label and its value split by one
    bar, as a text table's row reads once printed as a paragraph) is the field "Start date: ..."."""
    match = _LABEL_BAR.match(block.text)
    if not match or block.text.count("|") != 1 or not _LABEL.search(match.group("label")):
        return block
    return replace(block, text=f"{match.group('label')}: {block.text[match.end() :]}")


def _layout_table(rows: list[Block]) -> bool:
    """A table used to lay text out in columns ("Your details | Your plan" over a cell of running
    text in each): short titles over body cells that are all running text (eight words or more),
    no short value such as a price or a quantity among them."""
    width = len(rows[0].cells)
    if not 2 <= width <= 3 or len(rows) < 2 or any(len(row.cells) != width for row in rows):
        return False
    if not all(c and len(c) <= 40 and not re.search(r"\d|[$€£¥]", c) for c in rows[0].cells):
        return False
    body = [cell for row in rows[1:] for cell in row.cells if cell]
    return bool(body) and all(len(cell.split()) >= 8 for cell in body)


def _layout_columns(rows: list[Block]) -> list[Block]:
    """A layout table's text read column by column: each column's title, then its cells."""
    return [
        Block(row.page, row.cells[column], starts_paragraph=True)
        for column in range(len(rows[0].cells))
        for row in rows
        if row.cells[column]
    ]


def _record_run(fields: list[Segment]) -> tuple[int, int, int]:
    """(start, record length, record count) of the repeated records in a run of fields, or zeros: the
    same three or more labels in the same order again and again ("Product: / Quantity: / Unit price:")."""
    labels = [seg.label.strip().casefold() for seg in fields]
    for start in range(len(labels)):
        try:
            size = labels.index(labels[start], start + 1) - start
        except ValueError:
            continue
        if size < 3 or len(set(labels[start : start + size])) != size:
            continue
        count = 0
        while labels[start + count * size : start + (count + 1) * size] == labels[start : start + size]:
            count += 1
        if count >= 2:
            return start, size, count
    return 0, 0, 0


def _records_as_rows(segments: list[Segment]) -> list[Segment]:
    """A CRM's or a mail template's line items as label / value records one after another ("Product: X",
    "Quantity: 14", "Unit price: MXN 350.00", then "Product: Y", ...): the rows of a table whose column
    titles are the labels."""
    out: list[Segment] = []
    position = 0
    table = 10_000 + len(segments)  # above any table index the reader gives
    while position < len(segments):
        end = position
        while end < len(segments) and segments[end].kind == "field":
            end += 1
        if end == position:
            out.append(segments[position])
            position += 1
            continue
        run = segments[position:end]
        start, size, count = _record_run(run)
        if not count or not any(re.search(r"\d", seg.value) for seg in run[start : start + size * count]):
            out.extend(run)
            position = end
            continue
        header = tuple(seg.label.strip() for seg in run[start : start + size])
        out.extend(run[:start])
        for record in range(count):
            cells = tuple(seg.value.strip() for seg in run[start + record * size : start + (record + 1) * size])
            out.append(Segment(run[start].page, " | ".join(cells), "row", cells=cells, header=header, table=table))
        out.extend(run[start + size * count :])
        table += 1
        position = end
    return out


def segment(document: Document) -> list[Segment]:
    segments: list[Segment] = []
    pending: list[Block] = []
    tables: dict[int, list[Block]] = {}
    order: list[tuple[str, object]] = []
    blocks = _join_continued_tables(
        _without_page_furniture(
            _footnotes_inline(
                _chosen_option_lines([_with_chosen_options(b) for b in _without_browser_corners(document.blocks)])
            )
        )
    )
    for block in blocks:
        if block.table is None:
            pending.append(block)
            continue
        if pending:
            order.append(("prose", list(pending)))
            pending.clear()
        if block.table not in tables:
            tables[block.table] = []
            order.append(("table", block.table))
        tables[block.table].append(block)
    if pending:
        order.append(("prose", list(pending)))
    for kind, item in order:
        if kind == "prose":
            blocks_of_item = [_label_bar(block) for block in item]  # type: ignore[attr-defined]
            # a DOCX's soft line break (w:br) is typed, like a text file's line end: a line after it
            # is read as a text file's line (no producer wrapped it)
            segments.extend(_prose_segments(blocks_of_item, document.kind in ("text", "docx")))
            continue
        rows = tables[item]  # type: ignore[index]
        if _layout_table(rows):
            segments.extend(_prose_segments(_layout_columns(rows)))
            continue
        segments.extend(_form_and_table_segments(_transposed(rows), item))  # type: ignore[arg-type]
    segments = _records_as_rows(_labels_above_values(segments))
    for seg in segments:
        # options on lines of their own, joined into one paragraph ("Plan: [ ] Starter $299 [X] Growth $799")
        if seg.kind != "row" and seg.text != _chosen_options(seg.text):
            seg.text, seg.value = _chosen_options(seg.text), _chosen_options(seg.value)
    context: list[str] = []
    for index, seg in enumerate(segments):
        seg.index = index
        seg.context = list(context[-3:])
        if seg.kind in ("heading", "prose", "field"):
            context.append(seg.text)
    return segments
