"""The general causes of the misses on the final blind batch (dates of a term stated as a range or
defined in brackets, activation dates, customer blocks, fee schedules, ...). Each cause is tested on
new text written for the test, in other wording and numbers than the batch's documents."""

from __future__ import annotations

from contracts.documents import extract, read_document


def _text(text: str) -> dict:  # type: ignore[type-arg]
    return extract(read_document(text.encode(), "contract.txt")).data


# -- dates of the term ------------------------------------------------------------------------------


def test_a_bulleted_term_label_with_a_date_range_gives_the_start_over_the_mail_date() -> None:
    data = _text(
        "From: Priya Nair <priya@tallyhaven.test>\n\nDate: Tue, 2 Feb 2028 09:12:44 +0000\n\n"
        "Subject: Your new plan\n\nHello Sam,\n\nHere is what Orchard Lane Dental Ltd has agreed:\n\n"
        "- Subscription period: 15 March 2028 to 14 March 2029\n\n"
        "- TallyHaven Clinic: 9 users at £19.00 per user per month, invoiced monthly in advance\n\n"
        "Payment is due 14 days from the invoice date.\n"
    )
    assert (data["start_date"], data["end_date"]) == ("2028-03-15", "2029-03-15")


def test_a_bare_date_range_under_a_term_heading_is_the_term() -> None:
    data = _text(
        "Statement of Work 7\n\nClient: Rheinblick Apotheken GmbH\n\nDated: 03.01.2029\n\n"
        "4. Duration of the engagement\n\n02.04.2029 – 30.09.2029\n\n5. Fees\n\n"
        "The work is charged at EUR 1.050,00 per consultant day, invoiced monthly in arrears.\n"
    )
    assert (data["start_date"], data["end_date"]) == ("2029-04-02", "2029-10-01")


def test_a_date_defined_in_brackets_as_the_start_date_is_the_start() -> None:
    data = _text(
        "Order Form\n\nDate: 4 June 2029\n\nCustomer: Blue Heron Freight LLC\n\n"
        "The platform fee of $2,400 per month is first invoiced on 21 June 2029 (the \"Service Start Date\"), "
        "monthly in advance thereafter.\n"
    )
    assert data["start_date"] == "2029-06-21"


def test_an_activation_date_label_is_the_start_of_service() -> None:
    data = _text(
        "SERVICE ORDER\n\nOrder Date: 09/02/2028\n\nCompany: Marlow Street Clinics, Inc.\n\n"
        "Planned Activation Date: 10/05/2028\n\n"
        "Hosted PBX seats: 40 at $18.00 per seat per month, billed monthly in advance.\n"
    )
    assert data["start_date"] == "2028-10-05"
