"""The general causes of the misses on the second final batch's Word documents (f2_08 to f2_14), each
tested on new documents written for the test: group titles merged over a table's column titles, a
currency named only in a column title over bare "$" amounts, a French term's negated renewal and
"/ mois" price, an amendment's superseded price, and a usage price stated after "each <unit> is billed"
whatever the unit's words."""

from __future__ import annotations

import io
from decimal import Decimal

from tests.contracts.documents.extract_helpers import (
    extract_bytes,
    extract_docx,
    extract_docx_table,
    extract_text,
    priced,
)


def _merged_title_docx(titles: list[tuple[str, int]], rows: list[list[str]]) -> dict:
    """A Word document whose table starts with a row of group titles, each merged across ``span``
    columns, above its column titles and priced rows."""
    import docx

    document = docx.Document()
    document.add_paragraph("Order Schedule")
    document.add_paragraph("Customer: Tamsin Fold Logistics LLC")
    document.add_paragraph("Start date: February 1, 2029. Renews each month until either party cancels.")
    table = document.add_table(rows=len(rows) + 1, cols=len(rows[0]))
    column = 0
    for title, span in titles:
        cell = table.cell(0, column)
        if span > 1:
            cell = cell.merge(table.cell(0, column + span - 1))
        cell.text = title
        column += span
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return extract_docx(document)


def test_group_titles_merged_over_the_column_titles_do_not_hide_the_table() -> None:
    data = _merged_title_docx(
        [("What is ordered", 2), ("Commercials", 3)],
        [
            ["Item", "Notes", "Qty", "Unit fee", "Invoiced"],
            ["Route optimiser seat", "Dispatcher log-ins", "14", "$62.00 per seat per month", "Monthly in advance"],
            ["Telematics gateway", "One per depot", "1", "$410.00 per month", "Monthly in advance"],
            ["Address lookups", "Billed on use", "-", "$0.004 per lookup", "Monthly in arrears"],
        ],
    )
    assert sorted(priced(line) for line in data["lines"]) == [
        ("flat", Decimal(410)),
        ("per_seat", Decimal(62)),
        ("per_unit", Decimal("0.004")),
    ]
    seat = next(line for line in data["lines"] if line["charge_model"] == "per_seat")
    assert seat["seats"] == "14"


def test_group_titles_in_a_ruled_pdf_table_are_read_the_same_way() -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    style = getSampleStyleSheet()["Normal"]
    grid = [
        ["Module", "", "Charges (EUR)", ""],
        ["Module", "Scope", "Price", "Billing"],
        ["Kiosk software", "Per kiosk", "€18.00 per kiosk per month", "Monthly in advance"],
        ["Card reader rental", "Whole estate", "€240.00 per month", "Monthly in advance"],
    ]
    table = Table(
        grid,
        style=TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("SPAN", (0, 0), (1, 0)), ("SPAN", (2, 0), (3, 0))]
        ),
    )
    buffer = io.BytesIO()
    intro = [
        Paragraph("Customer: Brannock Leisure Centres Ltd", style),
        Paragraph("Start date: 1 March 2029", style),
        Paragraph("The Customer runs 35 kiosks.", style),
    ]
    SimpleDocTemplate(buffer, pagesize=A4).build([*intro, table])
    data = extract_bytes(buffer.getvalue(), "contract.pdf")
    assert sorted(priced(line) for line in data["lines"]) == [("flat", Decimal(240)), ("per_seat", Decimal(18))]


def test_a_french_price_per_month_after_a_slash_is_a_monthly_fee_not_a_unit() -> None:
    # "189,00 € / mois": the month after a slash is how often, as "/ month" is; not a usage unit "mois"
    data = extract_docx_table(
        ["Client : Boulangerie Ferrand SARL", "Date de début : 01/03/2028", "Devise : EUR"],
        [
            ["Désignation", "Qté", "Prix unitaire HT", "Facturation"],
            ["Abonnement caisse enregistreuse", "1", "189,00 € / mois", "Mensuelle, terme à échoir"],
            ["Terminal de paiement (location)", "3", "22,50 €/mois", "Mensuelle, terme à échoir"],
            ["Maintenance annuelle", "1", "340,00 € / an", "Annuelle"],
        ],
    )
    lines = sorted(
        (line["charge_model"], line.get("amount") or line.get("unit_price"), line.get("billing_interval"))
        for line in data["lines"]
    )
    assert lines == [("flat", "189.00", "month"), ("flat", "340.00", "year"), ("per_seat", "22.5", "month")]
    assert all(line.get("billing_timing") == "in_advance" for line in data["lines"])


def test_a_renewal_phrase_negated_in_french_or_german_keeps_the_end_of_the_term() -> None:
    french = extract_text(
        "Contrat de service\n"
        "Client : Fromagerie Vautrin SAS\n"
        "Date d'effet : 01/02/2029\n"
        "Durée : 24 mois ferme, sans tacite reconduction.\n"
        "Redevance : 650,00 € par mois, terme à échoir.\n"
    )
    assert french["end_date"] == "2031-02-01"
    german = extract_text(
        "Servicevertrag\n"
        "Kunde: Brauhaus Lindner GmbH\n"
        "Vertragsbeginn: 01.04.2029\n"
        "Laufzeit: 12 Monate, ohne automatische Verlängerung.\n"
        "Grundgebühr: 420,00 EUR pro Monat, monatlich im Voraus.\n"
    )
    assert german["end_date"] == "2030-04-01"


def test_each_unit_is_billed_at_a_price_whatever_words_name_the_unit() -> None:
    # "insurance", "travel" name the unit here, not a policy or expenses: "each ... is billed at" prices each one
    data = extract_docx_table(
        [
            "Customer: Larkspur Clinics Group, Inc.",
            "Start date: July 1, 2028",
            "Each travel insurance quote generated in the portal is billed at $0.42, monthly in arrears.",
            "Every refund request processed by our team will be charged at $2.75, invoiced monthly in arrears.",
            "A late payment fee of $40 applies to each overdue invoice.",
        ],
        [["Item", "Price", "Billing"], ["Clinic workspace", "$890.00 per month", "Monthly in advance"]],
    )
    assert sorted(priced(line) for line in data["lines"]) == [
        ("flat", Decimal(890)),
        ("per_unit", Decimal("0.42")),
        ("per_unit", Decimal("2.75")),
    ]


def test_a_price_the_document_says_is_no_longer_in_force_is_not_a_charge() -> None:
    # an amendment's new prices, and the old ones it names only to retire them
    data = extract_docx_table(
        [
            "Amendment No. 3 to Subscription Order QX-2231",
            'This Amendment is between Fernwick Data Ltd ("Provider") and Osprey Freight Lines Inc. ("Customer").',
            "Amendment effective date: October 1, 2028",
        ],
        [
            ["Item", "Seats before", "Seats after", "Price", "Billing"],
            ["Dispatch console - user", "40", "64", "$27.00 per user per month", "Monthly in advance"],
            ["Route archive", "0", "1", "$300.00 per month", "Monthly in advance"],
        ],
    )
    lines_before = sorted(priced(line) for line in data["lines"])
    for sentence in (
        "From the amendment effective date the former console price of $31.50 per user no longer applies.",
        "The old rate ($31.50 per user per month) is replaced by the price in the table above.",
        "Customer's prior seat fee was $31.50; the table above now governs.",
    ):
        amended = extract_docx_table(
            [
                "Amendment No. 3 to Subscription Order QX-2231",
                'This Amendment is between Fernwick Data Ltd ("Provider") and Osprey Freight Lines Inc. ("Customer").',
                "Amendment effective date: October 1, 2028",
                sentence,
            ],
            [
                ["Item", "Seats before", "Seats after", "Price", "Billing"],
                ["Dispatch console - user", "40", "64", "$27.00 per user per month", "Monthly in advance"],
                ["Route archive", "0", "1", "$300.00 per month", "Monthly in advance"],
            ],
        )
        assert sorted(priced(line) for line in amended["lines"]) == lines_before, sentence
    assert lines_before == [("flat", Decimal(300)), ("per_seat", Decimal(27))]


def test_a_currency_named_only_in_a_column_title_is_the_currency_of_bare_dollar_amounts() -> None:
    data = extract_docx_table(
        ["Quotation Q-7731", "Prepared for: Kowhai Dental Collective Limited", "Start date: 1 October 2028"],
        [
            ["Description", "Units", "Rate (NZD, excl. GST)", "Billed"],
            ["Practice management seat", "9", "$74.00", "per month"],
            ["Imaging storage", "1", "$210.00", "per month"],
        ],
    )
    assert (data["currency"], data["customer"]["currency"]) == ("NZD", "NZD")


def test_a_currency_named_after_a_price_word_in_a_title_row_is_the_currency_of_bare_dollar_amounts() -> None:
    data = _merged_title_docx(
        [("Service", 2), ("Charges (CAD)", 2)],
        [
            ["Service", "Scope", "Fee", "Invoiced"],
            ["Cold-chain sensor feed", "All depots", "$640.00 per month", "Monthly in advance"],
        ],
    )
    assert data["currency"] == "CAD"
    plain_dollars = _merged_title_docx(
        [("Service", 2), ("Charges", 2)],
        [
            ["Service", "Scope", "Fee", "Invoiced"],
            ["Cold-chain sensor feed", "All depots", "$640.00 per month", "Monthly in advance"],
        ],
    )
    assert plain_dollars["currency"] == "USD"


def test_a_price_each_stated_after_the_amount_or_as_a_cost_is_a_unit_price_too() -> None:
    data = extract_text(
        "Customer: Pinecrest Home Care LLC\n"
        "Start date: June 1, 2029\n"
        "\n"
        "Each insurance card scan costs $0.12, billed monthly in arrears.\n"
        "Sales tax lookups: $0.02 each, billed monthly in arrears.\n"
        "Customer shall maintain professional liability insurance of $1,000,000 each claim.\n"
        "Travel to client sites is reimbursed at $60 each way.\n"
    )
    assert sorted(priced(line) for line in data["lines"]) == [
        ("per_unit", Decimal("0.02")),
        ("per_unit", Decimal("0.12")),
    ]


def test_an_automatic_renewal_in_french_italian_or_dutch_words_and_its_negation() -> None:
    def end(term: str) -> str | None:
        return extract_text(
            f"Client : Atelier Brunet SAS\nDate de début : 01/06/2028\n{term}\nRedevance : 650,00 € par mois.\n"
        )["end_date"]

    assert end("Durée : 12 mois, avec renouvellement automatique par périodes d'un an.") is None
    assert end("Durée : 12 mois, reconduction automatique sauf dénonciation.") is None
    assert end("Durata: 12 mesi, con rinnovo automatico.") is None
    assert end("Durée : 12 mois, sans renouvellement automatique.") == "2029-06-01"
    assert end("Looptijd: 12 maanden, zonder automatische verlenging.") == "2029-06-01"


def test_a_usage_metric_is_named_by_its_unit_not_by_how_it_is_billed() -> None:
    data = extract_docx_table(
        ["Customer: Wattle Grove Pharmacies Pty Ltd", "Start date: 1 May 2029"],
        [
            ["Item", "Qty", "Unit price", "Frequency"],
            ["Refill reminders", "usage", "$0.06 per SMS", "monthly in arrears"],
            ["Courier labels", "usage", "$1.10 per label", "invoiced monthly in arrears"],
        ],
    )
    assert sorted(line["metric"] for line in data["lines"]) == ["labels", "sms"]


def test_table_rows_and_cells_inside_content_controls_are_read() -> None:
    # a template's repeating section: each item row inside a w:sdt; a filled-in cell inside another
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def control(*children: object) -> object:
        sdt, properties, content = OxmlElement("w:sdt"), OxmlElement("w:sdtPr"), OxmlElement("w:sdtContent")
        sdt.append(properties)
        sdt.append(content)
        for child in children:
            content.append(child)
        return sdt

    document = docx.Document()
    document.add_paragraph("Customer: Harrowgate Cold Storage Ltd")
    document.add_paragraph("Start date: 1 November 2029")
    rows = [
        ["Item", "Qty", "Unit price", "Billing"],
        ["Warehouse scanner licence", "22", "£14.00 per licence per month", "Monthly in advance"],
        ["Temperature alerts", "-", "£0.03 per alert", "Monthly in arrears"],
        ["Site survey", "1", "£650.00", "One-time"],
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    trs = table._tbl.findall(qn("w:tr"))
    trs[0].addnext(control(*trs[1:3]))  # two item rows in one repeating section
    last_cells = trs[3].findall(qn("w:tc"))
    last_cells[0].addnext(control(last_cells[1], last_cells[2]))  # two cells in a control
    data = extract_docx(document)
    assert sorted(priced(line) for line in data["lines"]) == [
        ("one_time", Decimal(650)),
        ("per_seat", Decimal(14)),
        ("per_unit", Decimal("0.03")),
    ]
    seat = next(line for line in data["lines"] if line["charge_model"] == "per_seat")
    assert seat["seats"] == "22"


def _with_footnotes(document: object, notes: dict[str, str]) -> bytes:
    """A python-docx document saved with a footnotes part: each "[[n]]" in its text becomes a
    reference to footnote n, as Word or pandoc write them."""
    import re
    import zipfile

    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {namespace}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        + "".join(
            f'<w:footnote w:id="{key}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t>'
            "</w:r></w:p></w:footnote>"
            for key, text in notes.items()
        )
        + "</w:footnotes>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = re.sub(
                    rb"\[\[(\d+)\]\]",
                    rb'</w:t></w:r><w:r><w:footnoteReference w:id="\1"/></w:r><w:r><w:t xml:space="preserve">',
                    data,
                )
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/footnotes" Target="footnotes.xml"/></Relationships>',
                )
            elif item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            target.writestr(item, data)
        target.writestr("word/footnotes.xml", footnotes)
    return out.getvalue()


def test_a_word_footnote_on_a_price_is_read_beside_it() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Customer: Quayside Bakeries Ltd")
    document.add_paragraph("Start date: 1 April 2030")
    document.add_paragraph("Delivery routing licence: £1,250.00[[1]]")
    document.add_paragraph("Driver app: £18.00 per driver per month[[2]] for 30 drivers")
    data = extract_bytes(
        _with_footnotes(document, {"1": "Billed annually in advance.", "2": "Invoiced quarterly in advance."}),
        "contract.docx",
    )
    lines = sorted(
        (line["charge_model"], line.get("billing_interval"), line.get("billing_interval_count"))
        for line in data["lines"]
    )
    assert lines == [("flat", "year", 1), ("per_seat", "month", 3)]


def test_things_priced_each_and_billed_in_arrears_are_a_usage_price() -> None:
    data = extract_docx_table(
        [
            "Customer: Saltmarsh Property Management LLC",
            "Start date: August 1, 2029",
            "Tenant screening reports at $9.50 each, invoiced monthly in arrears.",
            "Text reminders are charged at $0.03 each, billed monthly in arrears.",
        ],
        [["Item", "Price", "Billing"], ["Portfolio workspace", "$1,150.00 per month", "Monthly in advance"]],
    )
    assert sorted(priced(line) for line in data["lines"]) == [
        ("flat", Decimal(1150)),
        ("per_unit", Decimal("0.03")),
        ("per_unit", Decimal("9.50")),
    ]


def test_a_scandinavian_order_reads_its_term_payment_days_cadences_timing_and_one_time_fee() -> None:
    swedish = extract_docx_table(
        ["Orderbekräftelse", "Kund: Granskogen Bygg AB", "Startdatum: 2030-02-01", "Avtalstid: 36 månader"],
        [
            ["Artikel", "Antal", "Pris", "Fakturering"],
            ["Projektportal", "1", "3 400 kr / mån", "Månadsvis i förskott"],
            ["Dokumentlagring", "", "0,80 kr per GB", "Månadsvis i efterskott"],
            ["Etableringsavgift", "1", "8 500 kr", "Faktureras vid start"],
        ],
    )
    assert swedish["end_date"] == "2033-02-01"
    assert sorted(
        (line["charge_model"], line.get("billing_interval"), line.get("billing_timing")) for line in swedish["lines"]
    ) == [("flat", "month", "in_advance"), ("one_time", None, None), ("per_unit", "month", "in_arrears")]
    danish = extract_text(
        "Ordrebekræftelse\n"
        "Kunde: Bølgebryder Rederi ApS\n"
        "Startdato: 01.05.2030\n"
        "Aftaleperiode: 12 måneder\n"
        "Betalingsbetingelser: netto 14 dage\n"
        "Serviceaftale: DKK 6.000,00 pr. kvartal, faktureres forud.\n"
    )
    assert (danish["end_date"], danish["customer"]["payment_terms_days"]) == ("2031-05-01", 14)
    assert [(line["billing_interval"], line["billing_interval_count"]) for line in danish["lines"]] == [("month", 3)]
