"""Unseen batch R: written (with the expected contracts) after the batch-P/Q fixes and before the
extractor was run on it (bench/extraction.py --set batch_r), to estimate first-run quality after
those fixes: a standard-terms order form with an annual seat table, an SMS schedule with blocks
and an allowance, a German-formatted hosting contract billed quarterly in arrears, an agency SOW
with percentage milestones and change-request hours, a telecom addendum with MRC / one-time columns
and a revenue commitment, and a renewal letter with a price increase.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "s01_standard_terms_seat_table",
        "format": "docx",
        "blocks": [
            ("h", "Order Form"),
            ("p", "This Order Form is governed by the Standard Terms for cloud services published by the Provider."),
            (
                "t",
                [
                    ["Field", "Entry"],
                    ["Provider", "Kestrel Forms, Inc."],
                    ["Customer Legal Name", "Bayview Property Management LLC"],
                    ["Notices and invoices", "ar@bayviewpm.test"],
                    ["Subscription Start Date", "September 15, 2026"],
                    ["Subscription Term", "24 months from the Subscription Start Date"],
                    ["Payment Terms", "Net 45 from the invoice date"],
                ],
            ),
            (
                "t",
                [
                    ["Subscription", "Quantity", "Unit Price (per year)", "Annual Fee"],
                    ["Kestrel Forms Business - users", "40", "$180.00", "$7,200.00"],
                    ["Kestrel Forms e-signature add-on", "1", "$1,500.00", "$1,500.00"],
                ],
            ),
            ("p", "Fees are invoiced annually in advance."),
        ],
        "expected": contract(
            name="Bayview Property Management LLC",
            email="ar@bayviewpm.test",
            currency="USD",
            terms=45,
            start="2026-09-15",
            end="2028-09-15",
            lines=[
                line("per_seat", unit_price="180.00", seats="40", billing_interval="year"),
                line("flat", amount="1500.00", billing_interval="year"),
            ],
        ),
    },
    {
        "name": "s02_sms_blocks_allowance",
        "format": "pdf",
        "blocks": [
            ("h", "Schedule B - Messaging Rates"),
            (
                "p",
                "This Schedule forms part of the agreement between Relaypoint Messaging LLC and Cinderford "
                'Dental Group, Inc. ("Customer"). Commencement Date: 2027-09-01.',
            ),
            ("p", "Platform subscription: $199 per month, billed monthly in advance."),
            (
                "p",
                "Outbound SMS: the first 5,000 messages each month are included; further messages are charged at "
                "$25 per block of 10,000 messages (or part of a block), billed monthly in arrears.",
            ),
            ("p", "Invoices are sent to billing@cinderforddental.test and are payable within 20 days."),
        ],
        "expected": contract(
            name="Cinderford Dental Group, Inc.",
            email="billing@cinderforddental.test",
            currency="USD",
            terms=20,
            start="2027-09-01",
            lines=[
                line("flat", amount="199.00"),
                line("package", metric="messages", package_size="10000", package_price="25.00", free_units="5000"),
            ],
        ),
    },
    {
        "name": "s03_german_hosting_quarterly",
        "format": "text",
        "blocks": [
            ("h", "Hosting Agreement"),
            ("p", "Customer: Kranich Logistik GmbH, Hafenstraße 14, 20457 Hamburg"),
            ("p", "Invoice e-mail: rechnungen@kranich-logistik.test"),
            ("p", "Start of service: 01.10.2026. Minimum term: 24 months."),
            ("p", "Managed hosting: EUR 1.850,00 per month, invoiced quarterly in advance (EUR 5.550,00 per quarter)."),
            ("p", "Data transfer: EUR 0,09 per GB, invoiced quarterly in arrears."),
            ("p", "Payment: within 14 days of the invoice date, without deduction."),
        ],
        "expected": contract(
            name="Kranich Logistik GmbH",
            email="rechnungen@kranich-logistik.test",
            currency="EUR",
            terms=14,
            start="2026-10-01",
            end="2028-10-01",
            lines=[
                line("flat", amount="5550.00", billing_interval_count=3),
                line("per_unit", metric="gb", unit_price="0.09", billing_interval_count=3),
            ],
        ),
    },
    {
        "name": "s04_sow_percent_milestones",
        "format": "pdf",
        "blocks": [
            ("h", "Statement of Work - Mobile App Rebuild"),
            (
                "p",
                'Client: Orchard Street Credit Union (the "Client"). Agency: Brightloom Digital LLC. SOW effective '
                "date: January 4, 2027.",
            ),
            ("p", "Total fixed fee: $80,000, invoiced as follows:"),
            (
                "t",
                [
                    ["Payment", "Share", "Due"],
                    ["Kick-off", "30%", "January 15, 2027"],
                    ["Beta release", "40%", "March 15, 2027"],
                    ["Launch", "30%", "April 30, 2027"],
                ],
            ),
            (
                "p",
                "Change requests are billed at $160 per hour, monthly in arrears. Invoices are due 30 days after "
                "receipt; send them to payables@orchardcu.test.",
            ),
        ],
        "expected": contract(
            name="Orchard Street Credit Union",
            email="payables@orchardcu.test",
            currency="USD",
            terms=30,
            start="2027-01-04",
            lines=[
                line(
                    "milestone",
                    milestones=[
                        {"name": "Kick-off", "amount": "24000.00", "due_date": "2027-01-15"},
                        {"name": "Beta release", "amount": "32000.00", "due_date": "2027-03-15"},
                        {"name": "Launch", "amount": "24000.00", "due_date": "2027-04-30"},
                    ],
                ),
                line("per_unit", metric="hours", unit_price="160.00"),
            ],
        ),
    },
    {
        "name": "s05_telecom_addendum_commitment",
        "format": "docx",
        "blocks": [
            ("h", "Service Addendum 4"),
            ("p", "Customer: Westfield Cold Storage Inc."),
            ("p", "Billing address: ap@westfieldcold.test"),
            ("p", "Addendum Effective Date: March 1, 2027. Term: 36 months."),
            (
                "t",
                [
                    ["Service", "Units", "One-Time Charge", "Monthly Recurring Charge (MRC)"],
                    ["SD-WAN edge appliance", "3", "$250.00", "$95.00"],
                    ["Managed firewall", "1", "$0.00", "$420.00"],
                ],
            ),
            ("p", "Minimum monthly revenue commitment: $2,000 across all services under the agreement."),
            ("p", "MRCs are billed monthly in advance. Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Westfield Cold Storage Inc.",
            email="ap@westfieldcold.test",
            currency="USD",
            terms=30,
            start="2027-03-01",
            end="2030-03-01",
            commitment={"amount": "2000.00", "period": "billing_period"},
            lines=[
                line("one_time", amount="750.00"),
                line("per_seat", unit_price="95.00", seats="3"),
                line("flat", amount="420.00"),
            ],
        ),
    },
    {
        "name": "s06_renewal_price_increase_letter",
        "format": "text",
        "blocks": [
            ("p", "Pawprint Systems Ltd, 8 Mill Yard, Bristol BS1 4QA"),
            ("p", "3 January 2027"),
            ("p", "Accounts Department, Harlow Veterinary Centre Ltd, 22 Station Road, Harlow CM20 1AB"),
            ("p", "Dear Accounts Team,"),
            (
                "p",
                "Your Pawprint Practice subscription renews on 1 March 2027 for a further 12 months. From that date "
                "the subscription fee changes from £1,200 to £1,320 per month, invoiced monthly in advance.",
            ),
            ("p", "Invoices will continue to go to accounts@harlowvets.test, payable within 14 days."),
            ("p", "Kind regards, Sam Ellery, Customer Success"),
        ],
        "expected": contract(
            name="Harlow Veterinary Centre Ltd",
            email="accounts@harlowvets.test",
            currency="GBP",
            terms=14,
            start="2027-03-01",
            end="2028-03-01",
            lines=[line("flat", amount="1320.00")],
        ),
    },
]
