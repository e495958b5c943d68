"""The general causes of the first-run misses on the PDFs of the third final batch (a letterhead order
form of label pairs side by side, price columns titled only by their currency, a customer cell whose
address wraps under the name, ...). Each cause is tested on new text written for the test, in PDFs built
in-process with reportlab."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from tests.contracts.documents.extract_helpers import extract_bytes, extract_drawn_pdf, extract_text, priced


def _gridded_pdf(paragraphs: list[str], tables: list[list[list[str]]], after: list[str] = ()) -> dict[str, Any]:
    """A PDF of paragraphs, then tables drawn with a grid (a cell's "<br/>" starts a new line in it),
    then more paragraphs, extracted."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    story: list[Any] = [Paragraph(text, styles["BodyText"]) for text in paragraphs]
    for rows in tables:
        table = Table([[Paragraph(cell, styles["BodyText"]) for cell in row] for row in rows])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [Spacer(1, 12), table]
    story += [Paragraph(text, styles["BodyText"]) for text in after]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return extract_bytes(buffer.getvalue(), "order.pdf")


def test_a_price_column_titled_only_by_its_currency_is_the_price() -> None:
    # "Net unit (A$)" and "List (A$)": the column's title names its currency, not the word "price"
    data = _gridded_pdf(
        ["Order Form 5521", "Customer: Wattle Grove Orchards Pty Ltd", "Currency: AUD", "Start date: 1 July 2028"],
        [
            [
                ["Product", "Qty", "List (A$)", "Disc.", "Net unit (A$)", "Line total (A$)"],
                ["Harvest planner seat (per user / month)", "14", "30.00", "20%", "24.00", "336.00"],
                ["Cold-store telemetry hub (per month)", "1", "410.00", "-", "410.00", "410.00"],
                ["Site survey (one-off)", "1", "1,150.00", "-", "1,150.00", "1,150.00"],
            ]
        ],
    )
    lines = data["lines"]
    assert [line["charge_model"] for line in lines] == ["per_seat", "flat", "one_time"]
    assert Decimal(lines[0]["unit_price"]) == Decimal("24")
    assert Decimal(lines[0]["seats"]) == 14
    assert Decimal(lines[1]["amount"]) == Decimal("410")
    assert Decimal(lines[2]["amount"]) == Decimal("1150")


def test_a_form_row_of_pairs_with_labels_of_any_words_is_not_the_column_titles() -> None:
    # "Billing contact | name - e-mail | Account owner | name" under a row of pairs: a form's row,
    # not column titles (the customer's e-mail was lost with it)
    data = _gridded_pdf(
        ["Service Order SO-88"],
        [
            [
                ["Client", "Ferndale Bakeries Limited", "Order date", "3 February 2028"],
                ["Remittance desk", "Priya Nair - ap@ferndalebakeries.test", "Our rep", "Tomas Vik"],
                ["Term", "1 March 2028 - 28 February 2029", "Billing", "Monthly in advance"],
            ],
            [
                ["Service", "Unit price", "Qty"],
                ["Recipe costing seat (per user per month)", "$19.00", "8"],
            ],
        ],
    )
    assert data["customer"]["email"] == "ap@ferndalebakeries.test"
    assert data["customer"]["name"] == "Ferndale Bakeries Limited"


def test_a_customer_cell_with_its_address_under_the_name_ends_at_the_legal_form() -> None:
    # The cell's two lines (name, then street address) are read as one text
    data = _gridded_pdf(
        ["Order Form"],
        [
            [
                ["Customer", "Kestrel Rope Works Limited<br/>27 Chandlery Lane, Whitby YO21 3PD", "Date", "9 May 2028"],
                ["Currency", "GBP", "Payment terms", "30 days"],
            ],
            [["Item", "Unit price", "Qty"], ["Rigging log seat (per user per month)", "£12.00", "6"]],
        ],
    )
    assert data["customer"]["name"] == "Kestrel Rope Works Limited"


def test_a_rule_less_form_with_a_label_wrapped_onto_two_lines_is_still_a_form() -> None:
    # A CSS grid of labels beside values: one label wraps ("Reporting time zone for" / "metering"), one
    # value wraps in lower case; not two columns of running text read one after the other
    data = extract_drawn_pdf(
        [
            (60, 780, "Rate Schedule B"),
            (60, 740, "Client"),
            (200, 740, "Oakhollow Cider Company Ltd, 8 Press Yard, Hereford HR1 2LL"),
            (60, 726, "Billing e-mail"),
            (200, 726, "ledger@oakhollowcider.test"),
            (60, 712, "Service start"),
            (200, 712, "15.09.2028"),
            (60, 698, "Initial period"),
            (200, 698, "36 months; it then continues for further periods of 12 months unless either"),
            (200, 686, "party gives notice"),
            (60, 672, "Reporting time zone for"),
            (200, 672, "Europe/London"),
            (60, 660, "metering"),
            (60, 630, "Press monitoring fee: GBP 640.00 per month, invoiced monthly in advance."),
        ]
    )
    assert data["customer"]["name"] == "Oakhollow Cider Company Ltd"
    assert data["customer"]["email"] == "ledger@oakhollowcider.test"
    assert data["start_date"] == "2028-09-15"
    assert data["customer"]["timezone"] == "Europe/London"


def test_a_worked_example_of_the_usage_charge_is_not_a_fee() -> None:
    data = extract_text(
        "Customer: Brightwater Kennels Ltd\n"
        "Start date: 1 June 2028\n"
        "\n"
        "Booking platform: £300.00 per month, invoiced monthly in advance.\n"
        "Text reminders: £0.04 per message, invoiced monthly in arrears.\n"
        "Example: 2,500 reminders in a month cost 300,00 + 100,00 = £400.00.\n"
    )
    assert [line["charge_model"] for line in data["lines"]] == ["flat", "per_unit"]


def test_a_label_wrapped_under_itself_is_read_with_the_label_not_the_value() -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from contracts.documents import read_document

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setFont("Helvetica", 10)
    for x, y, text in [
        (60, 740, "Account holder"),
        (200, 740, "Redgum Saddlery Pty Ltd"),
        (60, 726, "Invoices sent to"),
        (200, 726, "books@redgumsaddlery.test"),
        (60, 712, "Usage measured in"),
        (200, 712, "Australia/Perth"),
        (60, 700, "local time"),
        (60, 686, "Notice"),
        (200, 686, "sixty days before the end of any renewal term, given in writing to the other"),
        (200, 674, "party at its registered office"),
    ]:
        page.drawString(x, y, text)
    page.save()
    texts = [block.text for block in read_document(buffer.getvalue(), "form.pdf").blocks]
    assert "Usage measured in local time: Australia/Perth" in texts


def test_rand_amounts_with_space_thousands_and_a_decimal_comma_are_money() -> None:
    # "R 96 500,00": South African style, the rand sign before an amount with a decimal comma
    data = _gridded_pdf(
        [
            "Statement of Work 7 between Fynbos Analytics (Pty) Ltd and Highveld Grain Co-operative Ltd "
            '("the Client"). All amounts are in South African Rand.',
            "Work starts on 1 April 2028.",
        ],
        [
            [
                ["No.", "Deliverable", "Due", "Fee (ZAR)"],
                ["D1", "Yield model prototype", "30 April 2028", "R 96 500,00"],
                ["D2", "Silo dashboard rollout", "31 May 2028", "R 1 203 750,00"],
                ["", "Total fixed fee", "", "R 1 300 250,00"],
            ]
        ],
        ["Additional analysis is charged at R 1.480,00 per hour, invoiced monthly in arrears."],
    )
    milestone = next(line for line in data["lines"] if line["charge_model"] == "milestone")
    assert [Decimal(m["amount"]) for m in milestone["milestones"]] == [Decimal("96500"), Decimal("1203750")]
    hourly = next(line for line in data["lines"] if line["charge_model"] == "per_unit")
    assert Decimal(hourly["unit_price"]) == Decimal("1480")


def test_a_totals_row_under_an_empty_numbering_cell_is_not_a_milestone() -> None:
    data = _gridded_pdf(
        ["Customer: Saltpan Ceramics Ltd", "Start date: 1 March 2028", "Each milestone is invoiced on acceptance."],
        [
            [
                ["#", "Milestone", "Target date", "Fee"],
                ["1", "Kiln telemetry design", "31 March 2028", "$18,000.00"],
                ["2", "Glaze library migration", "30 April 2028", "$26,500.00"],
                ["", "Total", "", "$44,500.00"],
            ]
        ],
    )
    milestone = next(line for line in data["lines"] if line["charge_model"] == "milestone")
    assert [Decimal(m["amount"]) for m in milestone["milestones"]] == [Decimal("18000"), Decimal("26500")]


def test_a_signature_block_of_two_parties_on_one_line_does_not_name_the_signatory_as_customer() -> None:
    # "For Acme Ltd: Jo Bloggs, Director    For the Client: Ann Lee, Head of IT" read as one line
    data = _gridded_pdf(
        [
            'This Statement of Work is made between Tidewater Code Ltd and Marram Dune Holidays Ltd ("the Client").',
            "Services start on 2 May 2028. Hourly work is charged at £95.00 per hour, invoiced monthly in arrears.",
            "For Tidewater Code Ltd: Rhys Morgan, Director For the Client: Carys Hale, Operations Lead",
        ],
        [],
    )
    assert data["customer"]["name"] == "Marram Dune Holidays Ltd"


def _two_column_pdf(title: str, left: list[Any], right: list[Any]) -> bytes:
    """A page laid out in two columns (two frames side by side, as a newsletter or a two-column HTML
    page prints): a title across the page, then the left column's flowables, then the right one's.
    A flowable is a paragraph's text or a table's rows (drawn without rules)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph, Table

    styles = getSampleStyleSheet()
    width, height = A4
    margin, gutter = 50, 24
    column = (width - 2 * margin - gutter) / 2
    frames = [
        Frame(margin, height - 100, width - 2 * margin, 50, id="title"),
        Frame(margin, 60, column, height - 170, id="left"),
        Frame(margin + column + gutter, 60, column, height - 170, id="right"),
    ]
    buffer = io.BytesIO()
    document = BaseDocTemplate(buffer, pagesize=A4)
    document.addPageTemplates([PageTemplate(frames=frames)])

    def flow(items: list[Any]) -> list[Any]:
        return [
            Paragraph(item, styles["BodyText"])
            if isinstance(item, str)
            else Table(
                [[Paragraph(c, styles["BodyText"]) for c in row] for row in item],
                colWidths=[0.65 * column, 0.3 * column],
            )
            for item in items
        ]

    document.build([Paragraph(title, styles["Title"]), FrameBreak(), *flow(left), FrameBreak(), *flow(right)])
    return buffer.getvalue()


_LEFT_COLUMN = [
    "Prepared for Copperleaf Tannery Ltd. Billing contact: ap@copperleaftannery.test.",
    "1. Term. Effective 1 August 2028. The agreement continues until either party ends it on sixty "
    "days' written notice to the other party, given at any time after the first anniversary.",
    "2. Platform. The hide-tracking platform is charged at CAD $1,150.00 per month, invoiced monthly "
    "in advance on the first day of each month of the term.",
    "3. Support. Standard support is included in the platform fee; premium support may be ordered "
    "separately under a change request signed by both parties.",
]
_RIGHT_COLUMN = [
    "4. Images. Scan image storage is priced in graduated bands per month, billed monthly in arrears:",
    [
        ["Monthly storage", "Rate per GB"],
        ["First 5,000 GB", "$0.00"],
        ["5,001 GB to 50,000 GB", "$0.02"],
        ["Above 50,000 GB", "$0.01"],
    ],
    "5. Payment. Invoices are payable within 30 days of the invoice date. Prices exclude sales taxes, "
    "which are added to each invoice at the applicable rate in force.",
]


def test_a_page_in_two_columns_is_read_one_column_after_the_other() -> None:
    from contracts.documents import read_document

    data = _two_column_pdf("Scanning Services Agreement", _LEFT_COLUMN, _RIGHT_COLUMN)
    texts = [block.text for block in read_document(data, "agreement.pdf").blocks]
    term = next(i for i, t in enumerate(texts) if t.startswith("1. Term"))
    images = next(i for i, t in enumerate(texts) if t.startswith("4. Images"))
    assert term < images
    assert all("Monthly storage" not in t for t in texts[:images])  # no right-hand words among the left's
    assert ("First 5,000 GB", "$0.00") in [block.cells for block in read_document(data, "a.pdf").blocks]


def test_bands_in_a_two_column_page_are_read_with_the_named_dollar_currency() -> None:
    # "CAD $1,150.00" names the dollar; the bands' bare "$" are that dollar too; "5,001 GB to 50,000 GB"
    # is a band with its unit after each bound
    data = extract_bytes(_two_column_pdf("Scanning Services Agreement", _LEFT_COLUMN, _RIGHT_COLUMN), "a.pdf")
    assert data["currency"] == "CAD"
    bands = next(line for line in data["lines"] if line["charge_model"] == "graduated")
    assert [(t["up_to"], Decimal(t["unit_price"])) for t in bands["tiers"]] == [
        ("5000", Decimal("0")),
        ("50000", Decimal("0.02")),
        (None, Decimal("0.01")),
    ]
    flat = next(line for line in data["lines"] if line["charge_model"] == "flat")
    assert Decimal(flat["amount"]) == Decimal("1150")


def test_a_spanish_signature_block_on_one_line_does_not_name_the_signatory_as_customer() -> None:
    data = _gridded_pdf(
        [
            "This agreement is made between Datos Serranos, S.A. de C.V. and Hoteles Bahía Azul, S.A. de C.V. "
            '(the "Client").',
            "Hosting: MXN 9,800.00 per month, invoiced monthly in advance. Start date: 1 June 2028.",
            "Por Datos Serranos: Ing. Luis Peña Por el Cliente: Lic. Marta Ruiz",
        ],
        [],
    )
    assert data["customer"]["name"].rstrip(".") == "Hoteles Bahía Azul, S.A. de C.V"


def test_a_table_with_a_bottom_rule_under_each_cell_is_read_by_its_rules() -> None:
    # An HTML table printed with "border-bottom" on each cell: the rules are drawn cell by cell (no vertical
    # rules); a description wraps onto three lines while its price and billing sit in the middle of the row
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setFont("Helvetica", 10)
    page.drawString(60, 790, "Customer: Lindenhof Bakery GmbH")
    page.drawString(60, 776, "Start date: 1 March 2028")
    edges = [60, 90, 260, 380, 520]
    texts = [
        (700, [(62, "No."), (92, "Service"), (262, "Price"), (382, "Invoicing")]),
        (672, [(92, "Oven telemetry platform")]),
        (660, [(62, "1"), (262, "EUR 640.00 / month"), (382, "Monthly in advance")]),
        (648, [(92, "(up to 12 ovens)")]),
        (620, [(92, "Recipe label printing, per")]),
        (608, [(62, "2"), (262, "EUR 0.08 / label"), (382, "Monthly in arrears")]),
        (596, [(92, "label printed")]),
        (572, [(62, "3"), (92, "Installation visit"), (262, "EUR 1,200.00"), (382, "Once, on delivery")]),
    ]
    for y, cells in texts:
        for x, text in cells:
            page.drawString(x, y, text)
    for y in (692, 640, 588, 564):
        for a, b in zip(edges, edges[1:], strict=False):
            page.line(a, y, b, y)
    page.save()
    data = extract_bytes(buffer.getvalue(), "quote.pdf")
    assert [priced(line) for line in data["lines"]] == [
        ("flat", Decimal("640")),
        ("per_unit", Decimal("0.08")),
        ("one_time", Decimal("1200")),
    ]


def test_a_price_per_pack_whose_size_the_item_states_is_a_package_billed_by_use() -> None:
    # "R$ 60,00 / pacote" beside "500 consultas por pacote": a price per started pack; "pelo consumo
    # (postecipada)": billed after the use
    data = _gridded_pdf(
        ["Proposta Comercial 88", "Cliente: Lagoa Seca Cooperativa Ltda.", "Início da vigência: 01/08/2028"],
        [
            [
                ["Item", "Descrição", "Valor", "Cobrança"],
                ["1", "Portal do cooperado", "R$ 1.800,00 / mês", "Mensal, antecipada"],
                ["2", "Consultas de crédito - 500 consultas por pacote", "R$ 60,00 / pacote", "Mensal, pelo consumo"],
                ["3", "Relatórios fiscais", "R$ 0,90 / relatório", "Mensal (postecipada)"],
            ]
        ],
    )
    lines = data["lines"]
    assert lines[1]["charge_model"] == "package"
    assert (Decimal(lines[1]["package_size"]), Decimal(lines[1]["package_price"])) == (Decimal("500"), Decimal("60"))
    assert lines[1]["billing_timing"] == "in_arrears"
    assert lines[2]["billing_timing"] == "in_arrears"


def test_a_cover_line_prepared_for_a_mexican_company_names_the_customer() -> None:
    data = _gridded_pdf(
        [
            "Hosting Agreement HA-2208 · prepared for Textiles del Bajío, S. de R.L. de C.V.",
            "Effective 1 September 2028. Managed hosting: MXN 14,500.00 per month, invoiced monthly in advance.",
        ],
        [],
    )
    assert data["customer"]["name"].rstrip(".") == "Textiles del Bajío, S. de R.L. de C.V"
