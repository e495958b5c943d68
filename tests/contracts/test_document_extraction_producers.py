"""Producer invariance: the same contract written by other tools (a browser's print-to-PDF,
LibreOffice, xhtml2pdf, plain text wrapped or tab-separated) reads as it does from our own
renderer (bench/extraction_producers.py). Each test covers one general cause found there."""

from __future__ import annotations

import io

from contracts.documents import extract, read_document
from contracts.documents.reader import PDF, Block, Document, join_lines
from contracts.documents.segments import segment
from tests.contracts.documents.extract_helpers import text_rows as _rows


def _pdf_lines(lines: list[str], *, leading: float = 13.0) -> bytes:
    """A PDF whose text is drawn line by line, wrapped between one-inch margins, as a producer
    that lays out paragraphs does."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setFont("Helvetica", 10)
    y = A4[1] - 72
    width = A4[0] - 2 * 72
    for paragraph in lines:
        for line in simpleSplit(paragraph, "Helvetica", 10, width):
            page.drawString(72, y, line)
            y -= leading
        y -= leading  # a paragraph gap
    page.save()
    return buffer.getvalue()


# --- a line the producer broke at a hyphen -------------------------------------------------------


def test_lines_broken_after_a_hyphen_join_without_a_space() -> None:
    assert join_lines(["a minimum term of twelve-", "month periods"]) == "a minimum term of twelve-month periods"
    # the hyphen stays: it is the word's own ("lake-shore.test"), the producer only broke there
    assert join_lines(["invoices go to payables@lake-", "shore.test"]) == "invoices go to payables@lake-shore.test"
    assert join_lines(["billed per seat (12-", "month term)"]) == "billed per seat (12-month term)"
    # a dash standing alone, or a line that does not go on with a word, keeps its space
    assert join_lines(["Fernhill Robotics -", "Order Form"]) == "Fernhill Robotics - Order Form"
    assert join_lines(["tiers 1-", "$4.00 each"]) == "tiers 1- $4.00 each"


def test_a_table_cell_wrapped_at_a_hyphen_reads_as_one_word() -> None:
    document = Document(
        kind=PDF,
        blocks=[
            Block(1, "Item | Qty | Price", ("Item", "Qty", "Price"), 1),
            Block(1, "Sensor licence (24-month) | 40 | $15.00", ("Sensor licence (24-month)", "40", "$15.00"), 1),
        ],
    )
    rows = [seg for seg in segment(document) if seg.kind == "row"]
    assert rows[0].cells[0] == "Sensor licence (24-month)"


# --- a wrapped line that starts like a bullet or a field ----------------------------------------


def test_a_wrapped_line_starting_with_a_company_suffix_is_not_a_bullet() -> None:
    document = Document(
        kind=PDF,
        blocks=[
            Block(
                1, "This addendum is made between Tallow Systems Inc. and Brackenfield Supply", starts_paragraph=True
            ),
            Block(1, 'Co. ("Customer") and takes effect on 1 May 2027.'),
        ],
    )
    prose = [seg.text for seg in segment(document) if seg.kind == "prose"]
    assert prose == [
        'This addendum is made between Tallow Systems Inc. and Brackenfield Supply Co. ("Customer") and takes '
        "effect on 1 May 2027."
    ]
    # real list markers are still bullets
    for marker in ("a.", "iv)", "12.", "(b)"):
        listed = Document(
            kind=PDF, blocks=[Block(1, "Fees:", starts_paragraph=True), Block(1, f"{marker} $10 per seat")]
        )
        assert [seg.text for seg in segment(listed)][-1] == "$10 per seat"


def test_a_continued_line_that_looks_like_a_field_stays_in_its_sentence() -> None:
    document = Document(
        kind=PDF,
        blocks=[
            Block(1, "Devices are priced per month at the rate of the band reached: up to 200", starts_paragraph=True),
            Block(1, "devices: $4.00 per device; above 200 devices: $3.00 per device.", continues=True),
        ],
    )
    segments = segment(document)
    assert [seg.kind for seg in segments] == ["prose"]
    assert "up to 200 devices: $4.00 per device" in segments[0].text


def test_a_field_whose_value_was_wrapped_to_the_next_line_keeps_it() -> None:
    document = Document(
        kind=PDF,
        blocks=[
            Block(1, "Supplier: Quarrytown Labs LLC. Order effective date:", starts_paragraph=True),
            Block(1, "March 9, 2027.", continues=True),
        ],
    )
    fields = {seg.label: seg.value for seg in segment(document) if seg.kind == "field"}
    assert fields["Order effective date"] == "March 9, 2027."


def test_a_line_is_marked_as_continued_only_where_the_line_above_was_wrapped() -> None:
    data = _pdf_lines(
        [
            "Customer: Fernhill Robotics Ltd",
            "Billing email: ap@fernhill.test",
            "Monitoring is charged per active device each month, at the rate of the band the month's "
            "total falls in, applied to every device: up to 200 devices: $4.00 per device; from 201 "
            "to 1,000 devices: $3.00 per device; above 1,000 devices: $2.50 per device.",
            "Start date: 1 June 2027. Payment terms: Net 30.",
        ]
    )
    blocks = read_document(data, "order.pdf").blocks
    flags = {block.text: block.continues for block in blocks}
    assert flags["Customer: Fernhill Robotics Ltd"] is False
    assert flags["Billing email: ap@fernhill.test"] is False
    assert flags["Start date: 1 June 2027. Payment terms: Net 30."] is False
    wrapped = [block for block in blocks if not block.starts_paragraph]
    assert wrapped
    assert all(block.continues for block in wrapped)
    data_read = extract(read_document(data, "order.pdf")).data
    assert data_read["customer"]["name"] == "Fernhill Robotics Ltd"
    assert data_read["start_date"] == "2027-06-01"
    (line,) = data_read["lines"]
    assert line["charge_model"] == "volume"
    assert [tier["up_to"] for tier in line["tiers"]] == ["200", "1000", None]


# --- ruled tables from Word-like producers -------------------------------------------------------


def _glyph_line(text: str, x0: float, x1: float, top: float = 100.0, size: float = 10.0) -> dict:
    width = (x1 - x0) / max(1, len(text.replace(" ", "")))
    chars = [
        {"text": ch, "x0": x0 + i * width, "x1": x0 + (i + 1) * width} for i, ch in enumerate(text.replace(" ", ""))
    ]
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + size, "chars": chars}


def test_a_word_broken_mid_word_in_a_narrow_cell_is_joined_again() -> None:
    from contracts.documents.reader import _broken_word

    # the cell spans 100-160 with 5 points of padding: text may run from 105 to 155
    def broken(above: str, above_x1: float, below: str) -> bool:
        return _broken_word(_glyph_line(above, 105, above_x1), _glyph_line(below, 105, 130, top=112), 100, 160)

    assert broken("$12,400.0", 153.5, "0")  # an amount
    assert broken("31/12/202", 152.0, "7")  # a date
    assert broken("billing@quayside", 154.0, "mills.test")  # an e-mail address
    assert broken("Configurati", 153.0, "on")  # a word's last letters
    assert broken("Maintenan", 152.5, "ce (per")
    # a word wrapped at a space leaves room, or fills the cell exactly (a table sized to its words)
    assert not broken("Configuration", 140.0, "fee")
    assert not broken("Implementation", 155.0, "services")
    # a whole short word after a full-width word is not its end
    assert not broken("Quarterly", 153.0, "fee")
    assert not broken("Annual", 153.0, "total")
    assert not broken("Hosting,", 153.0, "annual")


def test_two_ruled_tables_drawn_against_each_other_are_two_tables() -> None:
    from contracts.documents.reader import _table_starts

    form = [("Customer", "Lindenhof Dairy"), ("Start date", "2027-02-01")]
    prices = [("Item", "Qty", "Unit price"), ("Milk-run sensors", "12", "$9.00"), ("Gateway", "1", "$40.00")]
    assert _table_starts([*form, *prices]) == [True, False, True, False, False]
    # a single title row merged across the table above its header stays in the table
    titled = [("Recurring fees",), *prices]
    assert _table_starts(titled) == [True, False, False, False]


def test_a_merged_cell_in_a_ruled_pdf_table_counts_once() -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    rows = [
        ["Customer", "", "Pell & Rowan Outfitters", ""],
        ["Billing email", "", "ap@pellrowan.test", ""],
        ["Item", "Qty", "Unit price", "Billing"],
        ["Trail maps licence", "25", "$8.00", "per user per month"],
        ["Route planner", "1", "$120.00", "per month"],
    ]
    table = Table(rows)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("SPAN", (0, 0), (1, 0)),
                ("SPAN", (2, 0), (3, 0)),
                ("SPAN", (0, 1), (1, 1)),
                ("SPAN", (2, 1), (3, 1)),
            ]
        )
    )
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([table])
    rows_read = [block for block in read_document(buffer.getvalue(), "form.pdf").blocks if block.table]
    assert rows_read[0].cells == ("Customer", "Pell & Rowan Outfitters")
    assert rows_read[2].cells == ("Item", "Qty", "Unit price", "Billing")
    assert rows_read[0].table != rows_read[2].table


# --- plain text in other conventions -------------------------------------------------------------


def test_a_fixed_width_table_ruled_under_its_header_keeps_its_columns() -> None:
    text = (
        "Route Pricing\n"
        "=============\n"
        "\n"
        "Customer: Oxbow Ferry Services\n"
        "Start date: 2027-04-01\n"
        "\n"
        "Crossings are priced in graduated bands, each band at its own rate, billed monthly in\n"
        "arrears:\n"
        "\n"
        "Crossings   Price per crossing\n"
        "---------   ------------------\n"
        "1-400       $6\n"
        "401+        $4.50 (night\n"
        "            sailings included)\n"
        "\n"
        "Net 20.\n"
    )
    blocks = read_document(text.encode(), "routes.txt").blocks
    rows = [block.cells for block in blocks if block.table]
    assert rows == [
        ("Crossings", "Price per crossing"),
        ("1-400", "$6"),
        ("401+", "$4.50 (night sailings included)"),
    ]
    assert not any(set(block.text) <= set("=- ") for block in blocks)
    data = extract(read_document(text.encode(), "routes.txt")).data
    (line,) = data["lines"]
    assert line["charge_model"] == "graduated"
    assert [tier["up_to"] for tier in line["tiers"]] == ["400", None]


def test_hard_wrapped_text_goes_on_across_a_line_that_looks_like_a_field() -> None:
    paragraph = (
        "Messages are priced per message each month, at the rate of the band the month's total "
        "falls in, applied to every message: up to 50,000 messages: $0.010 per message; 50,001 to "
        "250,000 messages: $0.008 per message; above 250,000 messages: $0.006 per message. Billed "
        "monthly in arrears."
    )
    import textwrap

    wrapped = "\n".join(textwrap.wrap(paragraph, 64))
    text = f"Customer: Tern Harbour Clinics\n\nStart date: 2027-05-01\n\n{wrapped}\n\nNet 30.\n"
    blocks = read_document(text.encode(), "sms.txt").blocks
    continued = [block for block in blocks if not block.starts_paragraph]
    assert continued
    assert all(block.continues for block in continued)
    (line,) = extract(read_document(text.encode(), "sms.txt")).data["lines"]
    assert line["charge_model"] == "volume"
    assert [tier["up_to"] for tier in line["tiers"]] == ["50000", "250000", None]


def test_lines_written_one_paragraph_each_or_as_list_items_are_not_wrapped() -> None:
    # a form whose longest line is one field: the next field is no continuation of it
    form = (
        "Customer: Lakemoor Vets Ltd\n"
        "Monthly practice fee: £420 (excluding VAT), billed monthly in advance for each clinic\n"
        "Set-up fee: £900 (one time)\n"
    )
    assert not any(block.continues for block in read_document(form.encode(), "form.txt").blocks)
    # a list's items are no continuation of the item above, however long it is
    listed = (
        "- Clinic licence: £120 per clinic per month for our 9 clinics, billed monthly in advance\n"
        "- Appointment reminders: £0.04 per text message sent, billed monthly in arrears\n"
        "- Records migration: £1,500 one-off, invoiced with the first monthly invoice of the term\n"
    )
    assert not any(block.continues for block in read_document(listed.encode(), "list.txt").blocks)


def test_a_browsers_own_header_and_footer_do_not_move_the_right_margin() -> None:
    from contracts.documents.reader import _wrapped_pdf_lines

    page = [
        _glyph_line("12/6/26, 4:03 PM Order Form", 20, 580, top=10),  # the browser's corner lines
        _glyph_line("Customer: Brightwater Marinas", 50, 200, top=60),
        _glyph_line("Moorings are priced per berth per month at the rate of the band reached: 1 - 40", 50, 541, top=80),
        _glyph_line("berths: $310.00 per berth; above 40 berths: $280.00 per berth.", 50, 400, top=93),
        _glyph_line("file:///home/user/order.html 1/1", 20, 580, top=820),
    ]
    assert _wrapped_pdf_lines(page, 595.0) == [False, False, False, True, False]


def test_a_plain_text_export_with_one_line_per_paragraph_keeps_them_apart() -> None:
    # Word's "Save as plain text": no blank lines, each paragraph on one line, tables by tabs
    text = (
        "CONFIDENTIAL\r\n"
        "Saltmarsh Cider Company Limited\r\n"
        "Dear Ms Okafor,\r\n"
        "Thank you for choosing Orchardline to manage your cellar stock from 1 August 2027.\r\n"
        "Service\tFee\tBilling\r\n"
        "Cellar tracking\t£180 per month\tMonthly in advance\r\n"
        "Invoices are payable within 21 days.\r\n"
    )
    blocks = read_document(text.encode(), "letter.txt").blocks
    prose = [block for block in blocks if not block.table]
    assert all(block.starts_paragraph for block in prose)
    texts = [seg.text for seg in segment(read_document(text.encode(), "letter.txt"))]
    assert "CONFIDENTIAL" in texts
    assert "Saltmarsh Cider Company Limited" in texts


def test_a_glyph_belongs_to_the_cell_it_starts_in() -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    # a header word whose last letter runs over its cell's right border (the next cell's text
    # starts after it), as an HTML-to-PDF producer lets a word without a break point do
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setStrokeColor(colors.black)
    top, height = 700, 18
    borders = [60, 160, 233.5, 300]
    for row in range(3):
        page.line(borders[0], top - row * height, borders[-1], top - row * height)
    for x in borders:
        page.line(x, top, x, top - 2 * height)
    page.setFont("Helvetica", 10)
    for x, word in zip(borders, ("Product", "Cost/Seat/Month", "Total"), strict=False):
        page.drawString(x + 3 if word != "Total" else x + 6, top - 13, word)
    for x, word in zip(borders, ("Shift planner", "$12.00", "$600.00"), strict=False):
        page.drawString(x + 3, top - height - 13, word)
    page.save()
    rows = [block.cells for block in read_document(buffer.getvalue(), "quote.pdf").blocks if block.table]
    assert rows[0] == ("Product", "Cost/Seat/Month", "Total")


def test_a_role_wrapped_after_a_name_ending_in_a_full_stop_stays_with_the_name() -> None:
    document = Document(
        kind=PDF,
        blocks=[
            Block(
                1,
                'This renewal is agreed between Quillon Freight Ltd. ("Supplier") and Harwick Mills Inc.',
                starts_paragraph=True,
            ),
            Block(1, '("Client"), effective 1 March 2027.', continues=True),
            Block(1, "Set-up is charged once.", continues=True),
        ],
    )
    prose = [seg.text for seg in segment(document) if seg.kind == "prose"]
    assert prose[0].endswith('Harwick Mills Inc. ("Client"), effective 1 March 2027.')
    assert prose[1] == "Set-up is charged once."


def test_a_table_used_to_lay_text_out_in_columns_reads_as_text() -> None:
    details = "Customer: Bramblegate Bakeries Ltd. Billing email: ledger@bramblegate.test. Start date: 1 June 2027."
    plan = "Kitchen plan: £55 per month, billed monthly in advance. Online orders: 2% of each order, invoiced monthly."
    document = Document(
        kind=PDF,
        blocks=[
            Block(1, "About you | What you pay", ("About you", "What you pay"), 1),
            Block(1, f"{details} | {plan}", (details, plan), 1),
        ],
    )
    fields = {seg.label: seg.value for seg in segment(document) if seg.kind == "field"}
    assert fields["Customer"] == "Bramblegate Bakeries Ltd."
    assert fields["Start date"] == "1 June 2027."
    assert fields["Kitchen plan"].startswith("£55 per month")
    # a price table with a long description is still a table
    priced = Document(
        kind=PDF,
        blocks=[
            Block(1, "Item | Price", ("Item", "Price"), 1),
            Block(
                1,
                "x",
                ("Bakery management platform with ordering, stock and delivery planning for each site", "£55"),
                1,
            ),
        ],
    )
    assert [seg.kind for seg in segment(priced)] == ["row"]


def test_lines_without_blank_lines_are_paragraphs_unless_the_text_was_hard_wrapped() -> None:
    form = (
        "ORDER FOR: Pinecrest Opticians LLC\n"
        "Invoices to: accounts@pinecrest.test\n"
        "Service begins: October 4, 2027\n"
        "Practice software - 95.00 USD per month, billed monthly in advance\n"
        "Lens orders - 0.60 USD per order, billed monthly in arrears\n"
        "Payment terms: Net 20\n"
    )
    blocks = read_document(form.encode(), "order.txt").blocks
    assert all(block.starts_paragraph for block in blocks)
    prose = (
        "Pinecrest Opticians LLC subscribes to the practice software from\n"
        "October 4, 2027 for a fee of 95.00 USD per month, which is billed\n"
        "monthly in advance, and lens orders are charged at 0.60 USD per\n"
        "order, which is billed monthly in arrears after the month closes.\n"
        "Payment terms are net 20 days from the date of each invoice sent.\n"
    )
    blocks = read_document(prose.encode(), "letter.txt").blocks
    assert [block.starts_paragraph for block in blocks] == [True, False, False, False, False]


def test_rows_cut_by_another_separator_start_another_table() -> None:
    text = (
        "Customer: Fallowfield Couriers | Billing: ap@fallowfield.test\n"
        "Effective: 2027-09-01 | Payment terms: Net 15\n"
        "Parcels per month\tPrice per parcel\n"
        "0 - 5,000\t$0.90\n"
        "5,001 and above\t$0.70\n"
    )
    rows = [block for block in read_document(text.encode(), "rates.txt").blocks if block.table]
    assert rows[0].table == rows[1].table
    assert rows[2].table != rows[1].table
    assert rows[2].table == rows[4].table


def test_a_bracketed_role_on_the_next_line_stays_with_its_field() -> None:
    document = Document(
        kind=PDF,
        blocks=[
            Block(1, "Contracting parties: Lindqvist Payments AB and Hafenbrot GmbH", starts_paragraph=True),
            Block(1, '(the "Merchant").'),
            Block(1, "(b) Refunds are free of charge.", starts_paragraph=True),
        ],
    )
    segments = segment(document)
    assert segments[0].kind == "field"
    assert segments[0].value == 'Lindqvist Payments AB and Hafenbrot GmbH (the "Merchant").'
    assert segments[-1].text == "Refunds are free of charge."


def test_a_label_and_value_split_by_one_bar_in_running_text_is_a_field() -> None:
    document = Document(
        kind=PDF,
        blocks=[
            Block(1, "Start date | 15/09/2027", starts_paragraph=True),
            Block(1, "Harbourline Ltd | 4 Quay Street | Tel 0161 555 0199", starts_paragraph=True),
        ],
    )
    segments = segment(document)
    assert (segments[0].kind, segments[0].label, segments[0].value) == ("field", "Start date", "15/09/2027")
    assert segments[1].text == "Harbourline Ltd | 4 Quay Street | Tel 0161 555 0199"


def test_a_browsers_printed_corners_are_not_read_even_on_a_single_page() -> None:
    document = Document(
        kind=PDF,
        blocks=[
            Block(1, "3/14/27, 9:05 AM Renewal notice - Corbel Analytics", starts_paragraph=True),
            Block(1, "Renewal Notice", starts_paragraph=True),
            Block(1, "Customer: Westfold Ceramics Ltd", starts_paragraph=True),
            Block(1, "https://portal.corbel.test/renewals/8841 1/1", starts_paragraph=True),
        ],
    )
    texts = [seg.text for seg in segment(document)]
    assert texts == ["Renewal Notice", "Customer: Westfold Ceramics Ltd"]
    # an address inside the text is kept
    kept = Document(kind=PDF, blocks=[Block(1, "Terms: https://corbel.test/terms", starts_paragraph=True)])
    assert [seg.text for seg in segment(kept)] == ["Terms: https://corbel.test/terms"]


def test_a_ragged_hand_typed_table_under_a_dashed_rule_keeps_its_cells() -> None:
    from contracts.documents import read_document

    text = (
        "Item                     Unit                Rate       Invoiced\n"
        "----                     ----                ----       --------\n"
        "Hosted desktop          per user / month      18.00    monthly in advance\n"
        "Backup storage            per TB                 42.00      monthly in arrears\n"
        "     (first 2 TB included)\n"
        "Migration                  one-off          1,900.00    on order\n"
    )
    rows = [block.cells for block in read_document(text.encode(), "rates.txt").blocks if block.cells]
    assert rows[1] == ("Hosted desktop", "per user / month", "18.00", "monthly in advance")
    assert rows[2] == ("Backup storage (first 2 TB included)", "per TB", "42.00", "monthly in arrears")
    assert rows[3] == ("Migration", "one-off", "1,900.00", "on order")


def test_pdftotext_layout_cells_wrapped_in_their_columns_join_their_row() -> None:
    # pdftotext -layout: a cell wrapped in its column goes on, indented, on the lines below its row
    text = (
        "Quote: Larchmont Dental Group\n"
        " No.     Product              Seats       Unit price      Line\n"
        "         name                                             total\n"
        " 1       Imaging archive      12          $19.00          $228.00\n"
        "         cloud edition\n"
        " 2       Onboarding           1           $900.00         $900.00\n"
        "\n"
        "Fees are billed monthly in advance.\n"
    )
    assert _rows(text) == [
        ("No.", "Product name", "Seats", "Unit price", "Line total"),
        ("1", "Imaging archive cloud edition", "12", "$19.00", "$228.00"),
        ("2", "Onboarding", "1", "$900.00", "$900.00"),
    ]


def test_pdftotext_layout_a_header_whose_first_title_wrapped_still_starts_the_table() -> None:
    text = (
        "Licence term: two years from 1 March 2028.\n"
        " Yearly fees (EUR,     Year 1            Year 2\n"
        " net of tax)\n"
        " Route planner         8,100.00          8,500.00\n"
        " Driver app            2,000.00          2,200.00\n"
    )
    assert _rows(text) == [
        ("Yearly fees (EUR, net of tax)", "Year 1", "Year 2"),
        ("Route planner", "8,100.00", "8,500.00"),
        ("Driver app", "2,000.00", "2,200.00"),
    ]


def test_pdftotext_layout_a_row_with_an_empty_cell_stays_a_row() -> None:
    text = (
        " Messages from         Messages to          Price per message\n"
        " 1                     50,000               EUR 0.040\n"
        " 50,001                                     EUR 0.025\n"
    )
    assert _rows(text)[-1] == ("50,001", "", "EUR 0.025")


def test_pdftotext_layout_a_two_column_table_without_rules_keeps_its_cells() -> None:
    text = (
        "Subscription term: 1 May 2027 to 30 April 2029.\n"
        "   Contract year                       Annual fee\n"
        "   May 2027 - April 2028               GBP 12,400.00\n"
        "   May 2028 - April 2029               GBP 13,020.00\n"
    )
    assert _rows(text) == [
        ("Contract year", "Annual fee"),
        ("May 2027 - April 2028", "GBP 12,400.00"),
        ("May 2028 - April 2029", "GBP 13,020.00"),
    ]
    # a subtotal block beside its amounts is no table: its first line is no row of titles
    totals = (
        "                Subtotal          EUR 900.00\n"
        "                VAT 20%           EUR 180.00\n"
        "                Total             EUR 1,080.00\n"
    )
    assert _rows(totals) == []


def test_pdftotext_layout_a_two_column_table_may_have_a_row_without_a_price() -> None:
    text = (
        " Scans per month                 Price per scan\n"
        " 0 - 2,000                       Included in the base fee\n"
        " 2,001 - 10,000                  $0.12\n"
        " 10,001 and above                $0.09\n"
    )
    assert _rows(text) == [
        ("Scans per month", "Price per scan"),
        ("0 - 2,000", "Included in the base fee"),
        ("2,001 - 10,000", "$0.12"),
        ("10,001 and above", "$0.09"),
    ]


def test_pdftotext_layout_wrapped_cells_with_the_first_column_empty_join_their_row() -> None:
    text = (
        " Pos.      Service           Qty      Unit price     Amount\n"
        " 1         Cloud             4        EUR 80.00      EUR\n"
        "           backup, per                / month        320.00\n"
        "           server\n"
        " 2         Setup             1        EUR 500.00     EUR 500.00\n"
    )
    assert _rows(text) == [
        ("Pos.", "Service", "Qty", "Unit price", "Amount"),
        ("1", "Cloud backup, per server", "4", "EUR 80.00 / month", "EUR 320.00"),
        ("2", "Setup", "1", "EUR 500.00", "EUR 500.00"),
    ]


# --- DOCX as Google Docs / Word users build it (docx-google) -------------------------------------


def _docx(build: object) -> bytes:
    import docx

    document = docx.Document()
    build(document)  # type: ignore[operator]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_list_paragraphs_numbered_by_word_are_list_items_not_fields() -> None:
    def build(document: object) -> None:
        document.add_paragraph("Parcel scans each month are charged in graduated bands:")  # type: ignore[attr-defined]
        for item in ("0 to 2,499 scans: $0.80 per scan", "2,500 to 9,999 scans: $0.60 per scan"):
            document.add_paragraph(item, style="List Bullet")  # type: ignore[attr-defined]
        document.add_heading("Fees", level=1)  # type: ignore[attr-defined]

    blocks = read_document(_docx(build), "bands.docx").blocks
    assert [block.text for block in blocks] == [
        "Parcel scans each month are charged in graduated bands:",
        "• 0 to 2,499 scans: $0.80 per scan",
        "• 2,500 to 9,999 scans: $0.60 per scan",
        "Fees",
    ]
    kinds = [item.kind for item in segment(read_document(_docx(build), "bands.docx"))]
    assert "field" not in kinds


def test_docx_lines_after_a_soft_line_break_are_typed_lines_not_wrapped_ones() -> None:
    def build(document: object) -> None:
        paragraph = document.add_paragraph()  # type: ignore[attr-defined]
        paragraph.add_run("Route planner - $75.00 per depot per month, billed monthly in advance")
        paragraph.add_run().add_break()
        paragraph.add_run("Driver app - $4.50 per driver per month, billed monthly in arrears")
        letter = document.add_paragraph()  # type: ignore[attr-defined]
        for number, line in enumerate(("Fenwick Couriers Ltd", "Unit 9, Canal Yard", "Leicester LE1 3PQ")):
            if number:
                letter.add_run().add_break()
            letter.add_run(line)

    texts = [item.text for item in segment(read_document(_docx(build), "lines.docx"))]
    assert "Route planner - $75.00 per depot per month, billed monthly in advance" in texts
    assert "Driver app - $4.50 per driver per month, billed monthly in arrears" in texts
    assert "Fenwick Couriers Ltd" in texts


def test_an_amount_with_its_currency_code_after_it_is_a_priced_line() -> None:
    def build(document: object) -> None:
        paragraph = document.add_paragraph()  # type: ignore[attr-defined]
        paragraph.add_run("Archive storage - 12.50 EUR per terabyte per month")
        paragraph.add_run().add_break()
        paragraph.add_run("Restore requests - 0.90 EUR per request")

    texts = [item.text for item in segment(read_document(_docx(build), "prices.docx"))]
    assert "Archive storage - 12.50 EUR per terabyte per month" in texts
    assert "Restore requests - 0.90 EUR per request" in texts


def test_docx_fields_in_a_content_control_are_read() -> None:
    from docx.oxml import parse_xml

    def build(document: object) -> None:
        document.add_paragraph("Maintenance Order")  # type: ignore[attr-defined]
        field = document.add_paragraph("Client: Saltmarsh Ferries Ltd")  # type: ignore[attr-defined]
        control = parse_xml(
            '<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:sdtPr><w:alias w:val="Client"/></w:sdtPr><w:sdtContent/></w:sdt>'
        )
        field._p.addprevious(control)
        control[1].append(field._p)
        document.add_paragraph("Fees are invoiced quarterly.")  # type: ignore[attr-defined]

    texts = [block.text for block in read_document(_docx(build), "control.docx").blocks]
    assert texts == ["Maintenance Order", "Client: Saltmarsh Ferries Ltd", "Fees are invoiced quarterly."]


def test_docx_a_text_box_is_read_once_a_line_per_paragraph() -> None:
    from docx.oxml import parse_xml

    namespaces = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    box = "<w:txbxContent>" + "".join(
        f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>"
        for line in ("Client: Saltmarsh Ferries Ltd", "Start date: 3 May 2027")
    )
    box += "</w:txbxContent>"
    # the shape (its DrawingML trimmed to the text) and the VML fallback Word writes with it
    run = (
        f'<w:r {namespaces}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>{box}</w:drawing>'
        f"</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )

    def build(document: object) -> None:
        document.add_paragraph("Maintenance Order")  # type: ignore[attr-defined]
        document.add_paragraph()._p.append(parse_xml(run))  # type: ignore[attr-defined]

    texts = [block.text for block in read_document(_docx(build), "box.docx").blocks]
    assert texts == ["Maintenance Order", "Client: Saltmarsh Ferries Ltd", "Start date: 3 May 2027"]


def _pdf_table_without_rules(rows: list[list[str]], intro: str = "Schedule of charges") -> bytes:
    """A PDF with a paragraph over a table drawn without any rules (only whitespace between cells)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    table = Table([[Paragraph(cell, styles["BodyText"]) for cell in row] for row in rows])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph(intro, styles["BodyText"]), table])
    return buffer.getvalue()


def test_a_rule_less_table_with_a_wrapped_cell_is_not_read_as_two_text_columns() -> None:
    # A narrow first column beside cells that wrap in lower case is still one table, not a
    # left-hand column of text read before a right-hand one.
    data = _pdf_table_without_rules(
        [
            ["Line", "Description", "Units", "Monthly charge"],
            ["A", "Managed firewall appliance with remote monitoring and patching", "3", "$410.00"],
            ["B", "Offsite backup storage billed for every started terabyte", "12", "$38.50"],
        ]
    )
    rows = [block.cells for block in read_document(data, "charges.pdf").blocks if block.cells]
    assert rows[0] == ("Line", "Description", "Units", "Monthly charge")
    assert rows[1] == ("A", "Managed firewall appliance with remote monitoring and patching", "3", "$410.00")
    assert rows[2] == ("B", "Offsite backup storage billed for every started terabyte", "12", "$38.50")


def test_a_rule_less_table_of_bare_amounts_under_titles_naming_the_currency_is_a_table() -> None:
    # "Fee (NZD)" names the currency; the rows state bare amounts with cents.
    data = _pdf_table_without_rules(
        [
            ["Component", "Cycle", "Fee (NZD)"],
            ["Kiosk licence", "Quarterly", "1,240.00"],
            ["Installation visit", "Once", "380.00"],
        ]
    )
    rows = [block.cells for block in read_document(data, "fees.pdf").blocks if block.cells]
    assert rows == [
        ("Component", "Cycle", "Fee (NZD)"),
        ("Kiosk licence", "Quarterly", "1,240.00"),
        ("Installation visit", "Once", "380.00"),
    ]


def test_a_rule_less_table_of_bare_rates_with_more_decimals_under_a_currency_title_is_a_table() -> None:
    data = _pdf_table_without_rules(
        [["Meter", "Unit", "Rate (CHF)"], ["Sensor readings", "per 1,000", "0.045"], ["Alerts sent", "each", "0.0125"]]
    )
    rows = [block.cells for block in read_document(data, "rates.pdf").blocks if block.cells]
    assert rows == [
        ("Meter", "Unit", "Rate (CHF)"),
        ("Sensor readings", "per 1,000", "0.045"),
        ("Alerts sent", "each", "0.0125"),
    ]


# --- a form's labels without colons beside their values, laid out with spaces (pdftotext -layout) --


def test_a_label_without_a_colon_beside_its_value_reads_as_one_field() -> None:
    text = (
        "Service Order for Brannock Dental Group\n\n"
        "    Service commencement date            3 February 2031\n"
        "    Initial term                         24 months\n"
        "    Invoice contact                      Finance Office, bills@brannock.test\n\n"
        "Practice suite: GBP 900 per month, invoiced monthly in advance.\n"
    )
    texts = [block.text for block in read_document(text.encode(), "order.txt").blocks]
    assert "Service commencement date: 3 February 2031" in texts
    assert "Initial term: 24 months" in texts
    assert extract(read_document(text.encode(), "order.txt")).data["start_date"] == "2031-02-03"
