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
