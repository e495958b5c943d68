"""Producer invariance, eighth round: contracts passed through the converters real documents go
through (pandoc to plain text / reStructuredText / Markdown / DOCX, html2text, inscriptis,
htmldocx; bench/producers_convert.py). Each test covers one general cause found there, on new text
written in the shape the converter gives; none needs the converters installed."""

from __future__ import annotations

from decimal import Decimal

from contracts.documents import extract, read_document
from tests.contracts.documents.extract_helpers import text_rows as _rows


def test_markdown_table_without_outer_pipes_keeps_its_wrapped_rows() -> None:
    # html2text's shape: no outer pipes, "---|---" under the titles, rows (and the titles) wrapped
    # at 78 columns, a row broken right after a pipe, an empty first cell, a second table right below
    text = "\n".join(
        [
            "Renewal order for Tamsin Orchards Cooperative",
            "",
            "Module| Licences| Price per licence per year| Renewal Annual Extended",
            "Amount  ",
            "---|---|---|---  ",
            "Orchard yield planner (grower edition, hosted in the EU region)| 14| €310.00|",
            "€4,340.00  ",
            "Cold-store sensor gateway|",
            "3| €95.00| €285.00  ",
            "| Total per year| | €4,625.00  ",
            "Term| Billing  ",
            "---|---  ",
            "1 April 2028 to 31 March 2029| annually in advance  ",
            "  ",
            "Payment within 21 days.",
        ]
    )
    rows = _rows(text)
    assert rows == [
        ("Module", "Licences", "Price per licence per year", "Renewal Annual Extended Amount"),
        ("Orchard yield planner (grower edition, hosted in the EU region)", "14", "€310.00", "€4,340.00"),
        ("Cold-store sensor gateway", "3", "€95.00", "€285.00"),
        ("", "Total per year", "", "€4,625.00"),
        ("Term", "Billing"),
        ("1 April 2028 to 31 March 2029", "annually in advance"),
    ]
    blocks = read_document(text.encode("utf-8"), "order.txt").blocks
    assert len({block.table for block in blocks if block.cells}) == 2


def test_markdown_table_row_wrapped_inside_its_last_cell() -> None:
    text = "\n".join(
        [
            "Service| Fee| Billing  ",
            "---|---|---  ",
            "Harbour berth monitoring| £1,150.00 / month| Monthly",
            "in advance  ",
            "Incident response retainer| £2,400.00 (one-",
            "time)| On signature  ",
        ]
    )
    assert _rows(text)[1:] == [
        ("Harbour berth monitoring", "£1,150.00 / month", "Monthly in advance"),
        ("Incident response retainer", "£2,400.00 (one-time)", "On signature"),
    ]


def test_markdown_escapes_and_typed_dashes_read_as_plain_text() -> None:
    # pandoc's Markdown: "\$" and "\." escaped, "--" for an en dash, the columns still aligned with
    # the escapes' backslashes in them
    text = "\n".join(
        [
            "## 2\\. Usage fees",
            "",
            "Customer: Brackwater Ferries Ltd",
            "",
            "  Tickets issued per month   Price per ticket",
            "  ------------------------- ------------------",
            "  0 -- 20,000                \\$0.30",
            "  20,001 -- 80,000           \\$0.25",
            "  80,001 and above           \\$0.20",
            "",
            "Set-up fee \\...\\...\\...\\.... \\$1,800.00, invoiced once on signature.",
        ]
    )
    rows = _rows(text)
    assert rows[1:] == [("0 - 20,000", "$0.30"), ("20,001 - 80,000", "$0.25"), ("80,001 and above", "$0.20")]
    texts = [block.text for block in read_document(text.encode("utf-8"), "order.txt").blocks]
    assert "2. Usage fees" in texts
    assert "Set-up fee: $1,800.00, invoiced once on signature." in texts
    prices = [
        Decimal(str(tier.get("unit_price") or tier.get("price")))
        for line in extract(read_document(text.encode("utf-8"), "order.txt")).data["lines"]
        for tier in line.get("tiers") or []
    ]
    assert prices == [Decimal("0.30"), Decimal("0.25"), Decimal("0.20")]


def test_two_columns_two_spaces_apart_are_a_table() -> None:
    # inscriptis' shape: a browser-like render of two-column tables, the columns two spaces apart,
    # cells padded with trailing spaces, no rule and no blank line between rows
    text = "\n".join(
        [
            "Order for Glenmorrow Vineyards Ltd",
            "",
            "Contract year               Annual licence fee",
            "1 May 2028 - 30 April 2029  $18,000.00        ",
            "1 May 2029 - 30 April 2030  $19,500.00        ",
            "1 May 2030 - 30 April 2031  $21,000.00        ",
        ]
    )
    assert _rows(text) == [
        ("Contract year", "Annual licence fee"),
        ("1 May 2028 - 30 April 2029", "$18,000.00"),
        ("1 May 2029 - 30 April 2030", "$19,500.00"),
        ("1 May 2030 - 30 April 2031", "$21,000.00"),
    ]


def test_two_spaces_in_running_text_split_nothing() -> None:
    # two spaces after full stops, not in one column on neighbouring lines: prose, not a table
    text = "\n".join(
        [
            "The licence fee is invoiced yearly.  Payment is due in 30 days.",
            "Prices exclude VAT.  They are fixed for the first contract year.",
            "Either party may end the order in writing.  Notice is 90 days.",
        ]
    )
    assert _rows(text) == []


def test_grid_table_amount_broken_in_a_narrow_column_is_one_amount() -> None:
    # pandoc's grid tables at 72 columns: a figure longer than its column is broken inside it
    text = "\n".join(
        [
            "+-----------+-------+---------+",
            "| Item      | Qty   | Amount  |",
            "+===========+=======+=========+",
            "| Fleet     | 1     | $12     |",
            "| telemetry |       | ,480.00 |",
            "+-----------+-------+---------+",
            "| Driver    | 40    | $       |",
            "| app seats |       | 960.00  |",
            "+-----------+-------+---------+",
            "| Hardware  | 12    | $2,     |",
            "| leases    |       | 040.00  |",
            "+-----------+-------+---------+",
            "| Renewal   | 1     | June    |",
            "| notice    |       | 30,     |",
            "|           |       | 2029    |",
            "+-----------+-------+---------+",
        ]
    )
    assert _rows(text) == [
        ("Item", "Qty", "Amount"),
        ("Fleet telemetry", "1", "$12,480.00"),
        ("Driver app seats", "40", "$960.00"),
        ("Hardware leases", "12", "$2,040.00"),
        ("Renewal notice", "1", "June 30, 2029"),
    ]


def test_grid_table_rows_do_not_make_wrapped_text_one_paragraph_per_line() -> None:
    # a grid table has no blank line between its rows; the hard-wrapped paragraphs under it are
    # still wrapped text (the second line goes on with the first), not a paragraph per line
    rule = "+----------------+--------------------------------+"
    text = "\n".join(
        [
            "Service Order",
            "",
            rule,
            "| Client         | Ostrava Cold Chain s.r.o.      |",
            rule.replace("-", "="),
            "| Invoice e-mail | faktury@ostrava-coldchain.test |",
            rule,
            "| Start          | 1 September 2028               |",
            rule,
            "| Term           | 24 months                      |",
            rule,
            "",
            "Route optimisation licence: EUR 1,450.00 per month for the depot network,",
            "invoiced monthly in advance from the start date, payable within 30 days",
            "of the invoice date. Prices exclude VAT.",
        ]
    )
    blocks = read_document(text.encode("utf-8"), "order.txt").blocks
    prose = [block for block in blocks if not block.cells][1:]
    assert [block.continues for block in prose] == [False, True, True]
