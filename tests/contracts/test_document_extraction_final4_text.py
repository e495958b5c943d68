"""The general causes of the misses on the text documents of the fourth final batch (ERP exports,
CSV pasted into e-mail, pasted PDF text, forwarded threads). Each cause is tested on new content
written for the test."""

from __future__ import annotations

from decimal import Decimal

from tests.contracts.documents.extract_helpers import extract_text


def test_a_currency_code_joined_by_an_underscore_in_a_csv_column_title_is_the_currency() -> None:
    data = extract_text(
        "Quote for Harbourline Freight Pty\n"
        "Billing contact: finance@harbourline.test\n"
        "\n"
        "item_code,item_name,amount_aud,frequency\n"
        '"DOCK-01","Yard management platform","1,200.00","monthly in advance"\n'
        '"TRN-02","Operator training","850.00","one-time"\n'
    )
    assert data["currency"] == "AUD"
    lines = {line["code"]: line for line in data["lines"]}
    assert Decimal(lines["dock_01"]["amount"]) == Decimal("1200")
    assert lines["trn_02"]["charge_model"] == "one_time"


def test_a_german_label_spelt_without_umlauts_in_an_ascii_print_is_still_read() -> None:
    data = extract_text(
        "BERGWERK IT AG\n"
        "Kunde:            Alpenblick Touristik GmbH\n"
        "Waehrung:         CHF\n"
        "Laufzeitbeginn:   01.09.2028\n"
        "\n"
        "Die Preise sind der beigefuegten Liste zu entnehmen.\n"
    )
    assert data["currency"] == "CHF"


def test_a_full_width_rule_ends_the_report_fields_above_an_erp_item_list() -> None:
    from contracts.documents import read_document

    text = (
        "NORDMARK SYSTEMHAUS AG                                   Blatt 1\n"
        "=====================================================================\n"
        "Auftrag     4500881        Datum       12.04.2028\n"
        "Lieferung   ab Werk        Zahlung     30 Tage netto\n"
        "=====================================================================\n"
        "Pos   Artikel        Text                         Menge   Einzelpreis\n"
        "=====================================================================\n"
        "  1   SRV-HOST       Server-Hosting                   2      310,00\n"
        "  2   SUP-PLUS       Support Plus                     1      195,00\n"
        "=====================================================================\n"
    )
    blocks = [block for block in read_document(text.encode(), "print.txt").blocks if block.table]
    titles = next(block for block in blocks if block.cells[:1] == ("Pos",))
    fields = next(block for block in blocks if block.cells[:1] == ("Auftrag",))
    assert titles.table != fields.table
    assert titles.cells == ("Pos", "Artikel", "Text", "Menge", "Einzelpreis")
    first = next(block for block in blocks if block.cells[:1] == ("1",))
    assert first.table == titles.table
    assert first.cells[-1] == "310,00"


def test_a_chat_message_start_without_on_or_year_is_the_next_such_day_after_its_date() -> None:
    data = extract_text(
        "#sales-wins  ·  Monday, November 8th, 2027\n"
        "\n"
        "Dana Price  9:02 AM\n"
        "signed! Redfern Dental Group is in. Details:\n"
        "• practice software flat $900/mo, monthly in advance\n"
        "• go-live 15th of January, 2 yr term\n"
        "invoices to accounts@redferndental.test, net 30\n"
    )
    assert data["start_date"] == "2028-01-15"


def test_a_line_declined_in_a_quote_exports_status_column_is_left_out() -> None:
    data = extract_text(
        "Customer: Quillfield Analytics GmbH\n"
        "Currency: EUR\n"
        "\n"
        "Line\tProduct\tMonthly fee\tStatus\n"
        "1\tReporting workspace\tEUR 640.00\tAccepted\n"
        "2\tPremium connectors\tEUR 210.00\tRejected\n"
        "3\tAudit log retention\tEUR 95.00\tAccepted\n"
    )
    amounts = sorted(Decimal(line["amount"]) for line in data["lines"])
    assert amounts == [Decimal("95"), Decimal("640")]


def test_a_forwarding_note_that_points_to_the_terms_below_reads_the_forwarded_message() -> None:
    data = extract_text(
        "From: Maya Lindqvist <maya@fernlogic.test>\n"
        "Sent: Tuesday, 9 March 2027 08:15\n"
        "To: Finance <finance@fernlogic.test>\n"
        "Subject: Fwd: Final offer - Brightwater Schools\n"
        "\n"
        "Hi all, Brightwater accepted. Please bill them on the prices in Tom's note below (not the\n"
        "EUR 15 we first quoted).\n"
        "\n"
        "Maya\n"
        "\n"
        "---------- Forwarded message ----------\n"
        "From: Tom Becker <tom@fernlogic.test>\n"
        "Date: Mon, 8 Mar 2027 at 17:40\n"
        "Subject: Final offer\n"
        "To: Ines Duarte <ines@brightwater-schools.test>\n"
        "\n"
        "Hi Ines,\n"
        "\n"
        "Final pricing as discussed:\n"
        "  - Classroom licence: EUR 12 per teacher per month, billed monthly in advance\n"
        "  - Parent portal: EUR 300 per month\n"
        "\n"
        "Tom\n"
        "\n"
        "> On 1 Mar 2027, Ines Duarte wrote:\n"
        "> EUR 15 per teacher is too much for us.\n"
    )
    prices = sorted(Decimal(line.get("unit_price") or line.get("amount")) for line in data["lines"])
    assert Decimal("12") in prices
    assert Decimal("300") in prices
    assert Decimal("15") not in prices


def test_a_weekday_between_the_start_verb_and_the_date_keeps_the_start_date() -> None:
    data = extract_text(
        "Date: Fri, 14 May 2027\n"
        "\n"
        "Hello Priya,\n"
        "\n"
        "Lakeshore Rowing Club is confirmed. Membership software is GBP 220 per month, billed\n"
        "monthly in advance. The subscription begins Tuesday 1 June 2027 for 12 months.\n"
    )
    assert data["start_date"] == "2027-06-01"


def test_payment_days_written_as_a_figure_then_its_words_in_brackets() -> None:
    data = extract_text(
        "SCHEDULE 2 - FEES\n"
        "Client: Kestrel Mining Supplies (Pty) Ltd\n"
        "2.1  The monthly service fee is R 18 500.00, invoiced monthly in advance.\n"
        "2.2  All invoices shall be paid within 45 (forty-five) days of the statement date.\n"
    )
    assert data["customer"]["payment_terms_days"] == 45


def test_a_customer_role_after_a_name_with_pty_in_brackets_keeps_the_whole_name() -> None:
    data = extract_text(
        'This Order is made between Ndlovu Data Centres (Pty) Ltd ("Ndlovu") and Fynbos Wine Estates\n'
        '(Pty) Ltd (the "Customer").\n'
        "\n"
        "Colocation rack: R 9 800.00 per month, invoiced monthly in advance.\n"
    )
    assert data["customer"]["name"] == "Fynbos Wine Estates (Pty) Ltd"


def test_a_restructuredtext_field_list_names_the_parties() -> None:
    data = extract_text(
        "Order Schedule\n"
        "==============\n"
        "\n"
        ":Vendor: Pohutukawa Analytics Limited, 5 Queen Street, Auckland\n"
        ":Client: Whanganui River Trust, 12 Taupo Quay, Whanganui\n"
        ":Billing email: treasurer@whanganuitrust.test\n"
        "\n"
        "Dashboards are NZ$450.00 per month, invoiced monthly in advance.\n"
    )
    assert data["customer"]["name"] == "Whanganui River Trust"


def test_a_struck_through_row_of_a_markdown_table_is_not_ordered() -> None:
    data = extract_text(
        "Customer: Saltmarsh Veterinary LLP\n"
        "\n"
        "| Service | Fee | Billing |\n"
        "|---|--:|---|\n"
        "| Appointment booking | £140.00 per month | monthly in advance |\n"
        "| ~~Text reminders bundle~~ | £35.00 per month | monthly in advance |\n"
        "| Records migration | £600.00 | one-off |\n"
    )
    amounts = sorted(Decimal(line["amount"]) for line in data["lines"])
    assert amounts == [Decimal("140"), Decimal("600")]
