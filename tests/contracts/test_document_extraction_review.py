"""Found in review of the round-7 merges: words that mark a worked example do not make a priced row
whose item happens to use them a totals row, and a row's rate note is read in one pass."""

from __future__ import annotations

from decimal import Decimal

from contracts.documents.pricing import _without_rate_note
from tests.contracts.documents.extract_helpers import extract_text, priced


def test_an_item_named_with_the_word_example_is_still_a_charge():
    data = extract_text(
        "Order Form\nCustomer: Quillfeather Analytics GmbH\nStart date: 1 March 2028\nCurrency: EUR\n\n"
        "| Item | Qty | Price | Billing |\n|---|---|---|---|\n"
        "| Example dashboards add-on | 1 | EUR 150.00 per month | Monthly in advance |\n"
        "| Analyst seats | 10 | EUR 40.00 per user per month | Monthly in advance |\n"
    )
    assert [priced(line) for line in data["lines"]] == [("flat", Decimal("150")), ("per_seat", Decimal("40"))]


def test_a_rate_note_with_a_and_an_for_per_is_taken_out_whole():
    assert _without_rate_note("Seats (USD 40.00 a user a month, billed quarterly)") == "Seats (billed quarterly)"
    assert _without_rate_note("Item (€12.50/user/month)") == "Item"


def test_a_long_word_after_an_amount_is_no_rate_note():
    # every word of a unit follows a whole "per" / "a" / "an": a long hyphenated word is one word
    name = "Storage (EUR 55.00 an alpha-beta-gamma-delta-alpaca-banana-papaya-data-management-analytics)"
    assert _without_rate_note(name) == name
    assert _without_rate_note("55.00 " + "a" * 40) == "55.00 " + "a" * 40
