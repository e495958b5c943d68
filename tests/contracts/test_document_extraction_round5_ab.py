"""Round 5, batch AB: the general causes of the first-run misses on the unseen batch AB (ordinary
order forms, schedules, SOWs and letters). Each cause is tested on new text written for the test."""

from __future__ import annotations

from contracts.documents import extract, read_document


def _text(text: str) -> dict:  # type: ignore[type-arg]
    return extract(read_document(text.encode(), "contract.txt")).data


def test_dated_parts_under_a_split_fee_are_milestones_due_on_their_dates() -> None:
    data = _text(
        "Statement of Work\n\nClient: Oakhurst Dental Group LLC\n\nStart: 6 March 2028\n\n"
        "Project fee: USD 21,000, payable in three instalments on the dates below:\n\n"
        "- 6 March 2028 - project start: USD 7,000\n\n"
        "- 5 May 2028 - pilot clinics live: USD 7,000\n\n"
        "- 30 June 2028 - all clinics live: USD 7,000\n\n"
        "Invoices are due within 30 days.\n"
    )
    assert [line["charge_model"] for line in data["lines"]] == ["milestone"]
    parts = [(m["amount"], m["due_date"]) for m in data["lines"][0]["milestones"]]
    assert parts == [("7000.00", "2028-03-06"), ("7000.00", "2028-05-05"), ("7000.00", "2028-06-30")]


def test_a_dated_fee_without_a_split_above_it_is_not_a_milestone() -> None:
    data = _text(
        "Order Form\n\nCustomer: Oakhurst Dental Group LLC\n\nStart: 6 March 2028\n\n"
        "Set-up fee: USD 2,000, invoiced on signature.\n\n"
        "Support: USD 300 per month, billed monthly in advance.\n"
    )
    assert "milestone" not in [line["charge_model"] for line in data["lines"]]


def test_usage_sent_in_a_calendar_month_does_not_make_billing_calendar_aligned() -> None:
    data = _text(
        "Pricing Schedule\n\nCustomer: Tidewater Clinics Inc.\n\nStart date: 1 April 2028\n\n"
        "Push notifications delivered during a calendar month are charged at USD 0.002 per notification, "
        "invoiced monthly in arrears.\n"
    )
    assert data["billing_alignment"] == "anniversary"
    assert data["lines"][0]["unit_price"] == "0.002"
    aligned = _text(
        "Pricing Schedule\n\nCustomer: Tidewater Clinics Inc.\n\nStart date: 1 April 2028\n\n"
        "Platform fee: USD 900 per month, invoiced on the first day of each calendar month.\n"
    )
    assert aligned["billing_alignment"] == "calendar"


def test_a_letter_addressed_to_an_organisation_names_the_customer() -> None:
    letter = (
        "Fenwick Timing Systems\n\n9 May 2028\n\nTo: {to}\n\nDear Alex,\n\n"
        "Your race-timing subscription continues from 1 June 2028 at USD 240 per month, billed monthly in advance.\n"
    )
    assert _text(letter.format(to="Kilbride Rowing Club - Treasurer"))["customer"]["name"] == "Kilbride Rowing Club"
    assert _text(letter.format(to="Alex Morrow"))["customer"]["name"] != "Alex Morrow"


def test_a_renewal_agreed_for_a_stated_period_keeps_its_end_date() -> None:
    agreed = _text(
        "Customer: Lowmoor Veterinary Clinic Ltd\n\n"
        "As discussed, your plan will renew for a further twelve months from 1 July 2028 until 30 June 2029, "
        "at GBP 150 per month, billed monthly in advance.\n"
    )
    assert (agreed["start_date"], agreed["end_date"]) == ("2028-07-01", "2029-07-01")
    automatic = _text(
        "Customer: Lowmoor Veterinary Clinic Ltd\n\nThe plan starts on 1 July 2028 for twelve months and "
        "will renew for successive twelve-month periods unless cancelled. Fee: GBP 150 per month.\n"
    )
    assert automatic["end_date"] is None
