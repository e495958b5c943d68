"""Unseen batch M: written (with the expected contracts) after batches K and L were written and
before the extractor was run on any of them (bench/extraction.py --set batch_m): a ticked plan in a
plan comparison, Indian lakh grouping in rupees, tiers laid out as columns, amounts only in words and
figures in a letter, bundles with part-bundles charged in full, an annual fee invoiced in two halves,
a per-room price billed annually, a purchase order with a different 'ship to' and a PO number.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "n01_ticked_plan",
        "format": "text",
        "raw": """# Tidepool Scheduling - Plan Selection

**Business name:** Saltmarsh Yoga Collective
**Billing email:** hello@saltmarshyoga.test
**Start date:** 2026-10-01

| Choose | Plan    | Price per month | Staff accounts |
|--------|---------|-----------------|----------------|
| [ ]    | Starter | $49             | 3              |
| [x]    | Growth  | $199            | 15             |
| [ ]    | Scale   | $499            | unlimited      |

Billed monthly in advance on the card on file; payment is due on receipt. Cancel anytime.
""",
        "expected": contract(
            name="Saltmarsh Yoga Collective",
            email="hello@saltmarshyoga.test",
            currency="USD",
            terms=0,
            start="2026-10-01",
            lines=[line("flat", amount="199.00")],
        ),
    },
    {
        "name": "n02_inr_lakh_grouping",
        "format": "docx",
        "blocks": [
            ("h", "Commercial Proposal - Accepted"),
            ("p", "Customer: Saffron Retail Pvt. Ltd., 4th Floor, Prestige Towers, Bengaluru 560001"),
            ("p", "GSTIN: 29ABCDE1234F1Z5 | Billing email: accounts@saffronretail.test"),
            ("p", "Contract period: 1st April 2027 to 31st March 2028."),
            (
                "t",
                [
                    ["Component", "Commercials (INR)", "Billing"],
                    ["Annual enterprise licence", "₹1,25,000 per annum", "Annually in advance"],
                    ["Store connector (40 stores)", "₹2,500 per store per month", "Monthly in advance"],
                    ["Implementation", "₹3,50,000 one-time", "On signing"],
                ],
            ),
            ("p", "GST @ 18% extra as applicable. Payment within 45 days of invoice."),
        ],
        "expected": contract(
            name="Saffron Retail Pvt. Ltd.",
            email="accounts@saffronretail.test",
            currency="INR",
            terms=45,
            start="2027-04-01",
            end="2028-04-01",
            lines=[
                line("flat", amount="125000.00", billing_interval="year"),
                line("per_seat", unit_price="2500.00", seats="40"),
                line("one_time", amount="350000.00"),
            ],
        ),
    },
    {
        "name": "n03_tiers_as_columns",
        "format": "pdf",
        "blocks": [
            ("h", "Automation Platform - Pricing Schedule"),
            ("p", "Customer: Mosaic Home Health LLC"),
            ("p", "Invoices: billing@mosaichomehealth.test"),
            ("p", "Effective 5 January 2027. Net 30."),
            ("p", "Workflow tasks are priced on a graduated scale, billed monthly in arrears:"),
            (
                "t",
                [
                    ["Monthly tasks", "Up to 10,000", "10,001 - 50,000", "Over 50,000"],
                    ["Price per task", "$0.020", "$0.015", "$0.010"],
                ],
            ),
            ("p", "A platform fee of $250 per month applies, billed in advance."),
        ],
        "expected": contract(
            name="Mosaic Home Health LLC",
            email="billing@mosaichomehealth.test",
            currency="USD",
            terms=30,
            start="2027-01-05",
            lines=[
                line(
                    "graduated",
                    metric="tasks",
                    tiers=[
                        {"up_to": "10000", "unit_price": "0.020"},
                        {"up_to": "50000", "unit_price": "0.015"},
                        {"up_to": None, "unit_price": "0.010"},
                    ],
                ),
                line("flat", amount="250.00"),
            ],
        ),
    },
    {
        "name": "n04_words_letter",
        "format": "text",
        "blocks": [
            ("p", "Hollis & Crane Bookkeeping"),
            ("p", "77 Market Street, Portsmouth NH 03801"),
            ("p", "October 3, 2026"),
            ("p", "Ms. Evelyn Shore, Owner, Shore Line Marine Supply LLC"),
            ("p", "Dear Evelyn,"),
            (
                "p",
                "Thank you for choosing us. Beginning November 1st, we will "
                "keep your books for a monthly fee of two thousand five hundred dollars ($2,500), invoiced at the "
                "start of each month, for a term of twelve months. A one-time clean-up of prior-year records will "
                "be billed at seven hundred fifty dollars ($750).",
            ),
            (
                "p",
                "Invoices will be e-mailed to evelyn@shorelinemarine.test and are payable within fifteen days. "
                "Our fees were last changed in 2019; your prior accountant billed $1,900 per month.",
            ),
            ("p", "Warm regards, Martin Hollis, CPA (603-555-0177)"),
        ],
        "expected": contract(
            name="Shore Line Marine Supply LLC",
            email="evelyn@shorelinemarine.test",
            currency="USD",
            terms=15,
            start="2026-11-01",
            end="2027-11-01",
            lines=[line("flat", amount="2500.00"), line("one_time", amount="750.00")],
        ),
    },
    {
        "name": "n05_bundles_part_charged",
        "format": "docx",
        "blocks": [
            ("h", "Messaging Services - Tarifblatt"),
            ("p", "Kunde / Customer: Stadtbäckerei Lindner e.K."),
            ("p", "E-Mail für Rechnungen: buchhaltung@baeckerei-lindner.test"),
            ("p", "Vertragsbeginn / Start: 1. Februar 2027"),
            (
                "p",
                "SMS are sold in bundles of 1.000 messages at € 9,00 per bundle; a started bundle is charged in "
                "full. Push notifications: the first 100.000 per month are free, then € 0,10 per 1.000 "
                "notifications. Both are invoiced monthly in arrears.",
            ),
            ("p", "Zahlungsziel: 14 Tage. Alle Preise zzgl. MwSt."),
        ],
        "expected": contract(
            name="Stadtbäckerei Lindner e.K.",
            email="buchhaltung@baeckerei-lindner.test",
            currency="EUR",
            terms=14,
            start="2027-02-01",
            lines=[
                line("package", metric="sms", package_size="1000", package_price="9.00"),
                line("package", metric="notifications", package_size="1000", package_price="0.10", free_units="100000"),
            ],
        ),
    },
    {
        "name": "n06_semiannual_halves",
        "format": "pdf",
        "engine": "html",
        "blocks": [
            ("h", "Research Data License"),
            ("p", 'Licensee: Bellwether Capital Partners LP ("Licensee"); invoices to ops@bellwethercap.test'),
            ("p", "License period: twelve (12) months beginning June 1, 2026."),
            (
                "p",
                "License fee: USD 24,000 per year, invoiced in two equal semi-annual installments in advance. "
                "Payment terms: thirty (30) days from the date of invoice.",
            ),
            (
                "p",
                "Redistribution is prohibited; each breach incurs liquidated damages of USD 10,000. Historical "
                "data back to January 1, 2010 is included.",
            ),
        ],
        "expected": contract(
            name="Bellwether Capital Partners LP",
            email="ops@bellwethercap.test",
            currency="USD",
            terms=30,
            start="2026-06-01",
            end="2027-06-01",
            lines=[line("flat", amount="12000.00", billing_interval_count=6)],
        ),
    },
    {
        "name": "n07_hotel_rooms_annual",
        "format": "text",
        "blocks": [
            ("h", "HOSPITALITY SOFTWARE ORDER"),
            ("p", "Hotel group: Blue Heron Inns Ltd. (3 properties, 180 rooms in total)"),
            ("p", "Finance: finance@blueheroninns.test"),
            ("p", "Go-live / billing start: 2027-04-01. Term: 24 months, then month-to-month."),
            ("p", "Property management: $3.00 per room per month for 180 rooms, billed annually in advance."),
            ("p", "Channel manager: 1% of booking value processed, billed monthly in arrears."),
            ("p", "Terms: payment 30 days after invoice. Currency: US dollars."),
        ],
        "expected": contract(
            name="Blue Heron Inns Ltd.",
            email="finance@blueheroninns.test",
            currency="USD",
            terms=30,
            start="2027-04-01",
            lines=[
                line("per_seat", unit_price="36.00", seats="180", billing_interval="year"),
                line("percentage", metric="booking_value", rate="1"),
            ],
        ),
    },
    {
        "name": "n08_purchase_order_ship_to",
        "format": "pdf",
        "blocks": [
            ("h", "PURCHASE ORDER 4500187723"),
            (
                "t",
                [
                    ["Vendor", "Bill to", "Ship to"],
                    [
                        "Clearwave Audio Systems Ltd, Unit 5 Riverside Park, Leeds LS10 1AB",
                        "Marlow College of Music, Finance Office, invoices@marlowcollege.test",
                        "Marlow College of Music, Hall B Loading Bay, Marlow SL7 1AA",
                    ],
                ],
            ),
            ("p", "PO date: 14/09/2026. Period of performance: 01/10/2026 to 30/09/2027."),
            (
                "t",
                [
                    ["Line", "Description", "Qty", "Unit", "Unit price", "Net value"],
                    [
                        "10",
                        "Lecture capture licence, per room",
                        "12",
                        "ROOM",
                        "GBP 45.00 / month",
                        "GBP 540.00 / month",
                    ],
                    ["20", "Installation and commissioning", "1", "EA", "GBP 3,200.00", "GBP 3,200.00"],
                ],
            ),
            ("p", "Licences are invoiced monthly in advance. Payment terms: 30 days end of month."),
            ("p", "Quote PO number 4500187723 on all invoices. Delivery contact: 01628 555 019."),
        ],
        "expected": contract(
            name="Marlow College of Music",
            email="invoices@marlowcollege.test",
            currency="GBP",
            terms=30,
            start="2026-10-01",
            end="2027-10-01",
            lines=[
                line("per_seat", unit_price="45.00", seats="12"),
                line("one_time", amount="3200.00"),
            ],
        ),
    },
]
