"""Tables whose cells reach a plain-text document joined by single spaces (a PDF viewer's
select-all copy: each visual line a line, "Senior Developer Senior 120.00" under "Role Grade Hourly
rate (£)"), with no column alignment left. A line of column titles only ("Service Qty Unit price
Amount") followed by lines that each end in typed cells (amounts, counts, cadence words) is split
from the right by the cells' types, the titles from the right by their head words, and the rows
are given back tab-separated so that the text reader reads them as any other table.
"""

from __future__ import annotations

import re

from contracts.documents.flat_tables import _TITLE_WORD

# a typed cell: an amount or a count ("$1,150.00", "7,90", "40", "12%", "€95"), a cadence word
_FIGURE = re.compile(r"[<>~+-]?(?:[A-Z]{1,3})?[$£€¥₹]?-?\d[\d,.']*%?[€$£]?(?:/(?:mo|month|yr|year|h|hr|day))?")
_CADENCE = re.compile(r"(?i)monthly|quarterly|annually|annual|yearly|weekly|one-time|one-off|once|included|n/a|[-–—]")
# a column title's last word (the word that names the column) and the words that may stand before it
_HEAD = re.compile(
    r"(?i)qty|quantity|units|seats|users|licen[cs]es|prices?|rates?|fees?|amounts?|totals?|subtotal|costs?|"
    r"charges?|recurring|non-recurring|nrc|mrc|billing|billed|frequency|term|discount|hours|days|value|"
    r"vat|tax|period|cadence"
)
_MODIFIER = re.compile(
    r"(?i)unit|hourly|daily|day|monthly|annual|yearly|quarterly|list|net|extended|total|one-time|one-off|"
    r"setup|set-up|billing|recurring|fee|contract|annual"
)
_BRACKETED = re.compile(r"\(.*\)")
_PAGE = re.compile(r"(?i)page \d+(?: of \d+)?")


def _typed(token: str) -> bool:
    return bool(_FIGURE.fullmatch(token) or _CADENCE.fullmatch(token))


def _title_cells(line: str) -> list[str] | None:
    """The line's column titles, split from the right by their head words; None when the line is
    not made of title words only (a sentence, a "Label: value" line)."""
    words = line.split()
    if not 2 <= len(words) <= 10 or ":" in line or line.rstrip().endswith("."):
        return None
    plain = [word for word in words if not _BRACKETED.fullmatch(word)]
    if len(plain) < 2 or not all(
        _TITLE_WORD.fullmatch(word) or _HEAD.fullmatch(word) or _MODIFIER.fullmatch(word) for word in plain
    ):
        return None
    cells: list[list[str]] = []
    at = len(words)
    while at > 0:
        end = at
        while at > 0 and _BRACKETED.fullmatch(words[at - 1]):
            at -= 1
        if at == 0 or not _HEAD.fullmatch(words[at - 1]):
            break
        at -= 1
        while at > 0 and _MODIFIER.fullmatch(words[at - 1]) and at - 1 > 0:
            at -= 1
        cells.insert(0, words[at:end])
    if not cells or at == 0:
        return None
    return [" ".join(words[:at])] + [" ".join(cell) for cell in cells]


def _trailing(line: str) -> int:
    """How many typed cells end the line (the text before them left as the row's first cell); none
    for a sentence, a "Label: value" line or a page's "Page 1 of 2"."""
    if ":" in line or line.endswith(".") or ". " in line or _PAGE.fullmatch(line):
        return 0
    words = line.split()
    count = 0
    while count < len(words) - 1 and _typed(words[len(words) - 1 - count]):
        count += 1
    if not any(re.search(r"\d", word) for word in words[len(words) - count :]):
        return 0  # a row has a figure in its typed cells ("Setup one-time" is a wrapped cell)
    return count


def _rows_below(lines: list[str], start: int, width: int) -> tuple[list[list[str]], int, int]:
    """The rows under a title line: lines ending in typed cells, a short line between two of them
    a wrapped first cell. Returns the rows, the number of typed cells each keeps and where they end."""
    rows: list[str] = []
    at = start
    while at < len(lines):
        line = lines[at].strip()
        if line and _trailing(line) and "\t" not in line and "  " not in line:
            rows.append(line)
            at += 1
            continue
        following = lines[at + 1].strip() if at + 1 < len(lines) else ""
        if rows and line and len(line.split()) <= 4 and following and _trailing(following):
            rows[-1] = f"{rows[-1]}\n{line}"  # a first cell wrapped onto the next line
            at += 1
            continue
        break
    if len(rows) < 2:
        return [], 0, start
    keep = min(width - 1, *(_trailing(row.split("\n")[0]) for row in rows))
    cells = []
    for row in rows:
        first, *wrapped = row.split("\n")
        words = first.split()
        cells.append([" ".join(words[:-keep] + wrapped), *words[-keep:]])
    return cells, keep, at


def single_spaced_tables(lines: list[str]) -> list[str]:
    """The lines with every single-spaced table under a title line given back tab-separated."""
    out: list[str] = []
    at = 0
    while at < len(lines):
        titles = _title_cells(lines[at]) if "\t" not in lines[at] and "  " not in lines[at].strip() else None
        if titles is None:
            out.append(lines[at])
            at += 1
            continue
        start = at + 1
        extra = ""
        if start < len(lines) and re.fullmatch(r"(?:\([^()]*\)\s*)+", lines[start].strip()):
            extra = lines[start].strip()  # "(each) (each)": the titles' second line
            start += 1
        rows, keep, end = _rows_below(lines, start, len(titles))
        if not rows:
            out.append(lines[at])
            at += 1
            continue
        head = [" ".join(titles[: len(titles) - keep]), *titles[len(titles) - keep :]]
        if extra:
            brackets = re.findall(r"\([^()]*\)", extra)
            for offset, bracket in enumerate(reversed(brackets), start=1):
                if offset <= keep:
                    head[-offset] += f" {bracket}"
        head, rows = _unit_column(head, rows)
        out.append("\t".join(head))
        out += ["\t".join(row) for row in rows]
        at = end
    return out


def _unit_column(head: list[str], rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """A "Unit" column of "per ..." cells ("Item Unit Rate" over "SMS per message $0.01"): the word
    "Unit" read as the next title's modifier and each row's "per ..." left in its first cell are
    given back their own column."""
    if len(head) < 2 or not re.match(r"(?i)unit\s+\S", head[1]):
        return head, rows
    cuts = [re.search(r"\s(per\s.+)$", row[0]) for row in rows]
    if not all(cuts):
        return head, rows
    split_rows = [[row[0][: cut.start()], cut.group(1), *row[1:]] for row, cut in zip(rows, cuts, strict=True) if cut]
    return [head[0], "Unit", head[1].split(None, 1)[1], *head[2:]], split_rows
