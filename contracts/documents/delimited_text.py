"""Delimited tables pasted into a text file: a spreadsheet's rows as CSV (``Platform fee,1,"$12,000.00",Annual``,
cells holding a comma quoted) or as a European Excel exports them, semicolon-separated
(``Plattform;1;12.000,00 €;jährlich``). A run of two or more neighbouring lines that split into the
same number of fields by the same delimiter is a table; its rows are handed on as pipe rows
("| Platform fee | 1 | $12,000.00 | Annual |"), which the text reader reads as a table's.
"""

from __future__ import annotations

import csv
import re

_DELIMITERS = (";", ",")
# a comma between two digits, outside quotes: in running text a thousands separator or a decimal
# comma ("First 1,000,000 calls", "12.000,00 EUR"), in a spreadsheet's CSV a delimiter (it quotes a
# cell that holds a comma: "$12,000.00")
_THOUSANDS = re.compile(r"\d,\d")


def _fields(line: str, delimiter: str) -> list[str] | None:
    """The line's fields by ``delimiter`` when it reads as a spreadsheet's CSV row: two or more
    fields, no field opening with a space (running text puts one after its commas and semicolons),
    no bare thousands separator, quotes balanced."""
    if delimiter not in line or line.count('"') % 2:
        return None
    try:
        fields = next(csv.reader([line], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return None
    if len(fields) < 2 or any(field[:1].isspace() for field in fields[1:]):
        return None
    if not any(field.strip() for field in fields[1:]) or not fields[0].strip() and len(fields) < 3:
        return None
    return fields


def _row(line: str) -> tuple[str, list[str]] | None:
    """(delimiter, fields) of a CSV row, by the delimiter that splits it into most fields."""
    if "\t" in line or line.lstrip().startswith("|") or " | " in line:
        return None
    found = [(delimiter, fields) for delimiter in _DELIMITERS if (fields := _fields(line.strip(), delimiter))]
    return max(found, key=lambda item: len(item[1]), default=None)


def _spreadsheet_run(lines: list[str], delimiter: str) -> bool:
    """A run of comma rows is a spreadsheet's when none has a comma that could be a thousands
    separator or a decimal comma ("1,000,000", "39,90"), or the run shows it is CSV: a quoted cell,
    or a first row without a figure (its column titles)."""
    if delimiter != ",":
        return True
    bare = [re.sub(r'"[^"]*"', '""', line) for line in lines]
    if not any(_THOUSANDS.search(line) for line in bare):
        return True
    return any('"' in line for line in lines) or not re.search(r"\d", lines[0])


_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b")
_DECIMAL_COMMA = re.compile(r"\d,\d{1,2}(?!\d)|\d\.\d{3},\d")
_DECIMAL_POINT = re.compile(r"\d,\d{3}\.\d|\d\.\d{1,2}(?!\d)")
_EUROPEAN_FIGURE = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+)(?![.,]?\d)")


def _english_figures(rows: list[list[str]]) -> list[list[str]]:
    """Semicolon rows are a spreadsheet's in a locale that writes a decimal comma (that is why it
    separates cells with semicolons): when the figures show it ("12.000,00 €", "7,40", "3,5 %")
    and none is written the English way, each is written the English way ("12,000.00 €", "7.40",
    "2,000" for "2.000"), as the rest of the reader expects; dates ("15.03.2027") stay."""
    text = _DATE.sub(" ", " ".join(cell for row in rows for cell in row))
    if not _DECIMAL_COMMA.search(text) or _DECIMAL_POINT.search(text):
        return rows

    def swap(match: re.Match[str]) -> str:
        return match.group(0).translate(str.maketrans(",.", ".,"))

    return [[_EUROPEAN_FIGURE.sub(swap, cell) if not _DATE.search(cell) else cell for cell in row] for row in rows]


def delimited_rows(lines: list[str]) -> list[str]:
    """``lines`` with each run of CSV rows (two or more neighbouring lines, one delimiter, the same
    number of fields) as pipe rows; every other line unchanged."""
    rows = [_row(line) for line in lines]
    out: list[str] = []
    index = 0
    while index < len(lines):
        row = rows[index]
        end = index + 1
        while row and end < len(lines) and rows[end] and rows[end][0] == row[0] and len(rows[end][1]) == len(row[1]):
            end += 1
        if row is None or end - index < 2 or not _spreadsheet_run(lines[index:end], row[0]):
            out.append(lines[index])
            index += 1
            continue
        table = [rows[at][1] for at in range(index, end)]
        if row[0] == ";":
            table = _english_figures(table)
        for cells in table:
            out.append("| " + " | ".join(" ".join(cell.replace("|", "/").split()) for cell in cells) + " |")
        index = end
    return out
