"""Unseen batch C: written (with the expected contracts) after the batch-B fixes and before the
extractor was run on it, to check whether those fixes generalise (bench/extraction.py --set
batch_c). Styles again unlike the other sets: purchase orders, take rates with European numbers,
percentage payment schedules, Swiss francs, prose ramps, per-million tiers, CRM quote exports.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "c01_email_confirmation_cad",
        "format": "text",
        "blocks": [
            ("p", "From: Priya Nair <priya@northlight.test>"),
            ("p", "To: Tom Becker <tbecker@lakeshorefoods.test>"),
            ("p", "Subject: Confirmation of your Northlight Inventory subscription"),
            ("p", "Hi Tom,"),
            (
                "p",
                "As agreed on our call, Lakeshore Foods Ltd. will subscribe to Northlight Inventory from "
                "September 15, 2026 for twelve months. The subscription is CAD 1,150 per month for up to five "
                "warehouses, billed every month in advance, and each additional warehouse is CAD 190 per month.",
            ),
            ("p", "You currently run seven warehouses, so you will have 2 additional warehouses."),
            (
                "p",
                "Please send invoices questions to ap@lakeshorefoods.test. Payment is due 15 days after the invoice "
                "date.",
            ),
            ("p", "Thanks, Priya"),
        ],
        "expected": contract(
            name="Lakeshore Foods Ltd.",
            email="ap@lakeshorefoods.test",
            currency="CAD",
            terms=15,
            start="2026-09-15",
            end="2027-09-15",
            lines=[
                line("flat", amount="1150.00"),
                line("per_seat", unit_price="190.00", seats="2"),
            ],
        ),
    },
    {
        "name": "c02_take_rate_eur",
        "format": "docx",
        "blocks": [
            ("h", "Anlage 2 / Annex 2 - Fees"),
            ("p", 'Contracting parties: PayBridge Europe B.V. and Kaffeehaus Schmitt GmbH (the "Merchant").'),
            ("p", "Effective date: 01.07.2026"),
            ("p", "Billing e-mail: buchhaltung@kaffeehaus-schmitt.test"),
            (
                "t",
                [
                    ["Fee", "Rate", "Invoicing"],
                    ["Card transactions", "1,4 % + 0,25 EUR per transaction", "monthly in arrears"],
                    ["Monthly account fee", "19,00 EUR", "monthly in advance"],
                ],
            ),
            ("p", "Invoices are payable within 14 days."),
        ],
        "expected": contract(
            name="Kaffeehaus Schmitt GmbH",
            email="buchhaltung@kaffeehaus-schmitt.test",
            currency="EUR",
            terms=14,
            start="2026-07-01",
            lines=[
                line("percentage", metric="transaction_amount", rate="1.4", fixed_fee="0.25"),
                line("flat", amount="19.00"),
            ],
        ),
    },
    {
        "name": "c03_sow_percent_schedule",
        "format": "text",
        "blocks": [
            ("h", "STATEMENT OF WORK - DATA WAREHOUSE MIGRATION"),
            ("p", 'Client: Ridgeway Insurance Group ("Client")'),
            ("p", "Consultant: Keystone Analytics LLC"),
            ("p", "Start date: June 8, 2026"),
            ("p", "Client billing contact: apinvoices@ridgewayins.test"),
            ("p", "Fees. The total fixed price for this SOW is $85,000, payable as follows:"),
            ("p", "(a) 30% upon execution of this SOW;"),
            ("p", "(b) 40% upon delivery of the migrated warehouse;"),
            ("p", "(c) 30% upon final acceptance."),
            ("p", "Each invoice is payable net 30."),
        ],
        "expected": contract(
            name="Ridgeway Insurance Group",
            email="apinvoices@ridgewayins.test",
            currency="USD",
            terms=30,
            start="2026-06-08",
            lines=[
                line(
                    "milestone",
                    milestones=[
                        {"name": "Execution", "amount": "25500.00"},
                        {"name": "Delivery", "amount": "34000.00"},
                        {"name": "Final acceptance", "amount": "25500.00"},
                    ],
                )
            ],
        ),
    },
    {
        "name": "c04_crm_quote_gbp",
        "format": "pdf",
        "blocks": [
            ("h", "Quote Q-00412 (Accepted)"),
            (
                "t",
                [
                    ["Account Name", "Thornbury Estates Ltd"],
                    ["Contact Email", "accounts@thornburyestates.test"],
                    ["Contract Start Date", "01/10/2026"],
                    ["Contract Term (months)", "24"],
                    ["Payment Terms", "30 days"],
                ],
            ),
            (
                "t",
                [
                    ["Product", "Billing Frequency", "Quantity", "Sales Price", "Total Price"],
                    ["Lettings Pro - Seat", "Monthly", "18", "£42.00", "£756.00"],
                    ["Tenant Portal", "Annual", "1", "£2,400.00", "£2,400.00"],
                    ["Data Migration", "One-Time", "1", "£1,750.00", "£1,750.00"],
                ],
            ),
        ],
        "expected": contract(
            name="Thornbury Estates Ltd",
            email="accounts@thornburyestates.test",
            currency="GBP",
            terms=30,
            start="2026-10-01",
            end="2028-10-01",
            lines=[
                line("per_seat", unit_price="42.00", seats="18"),
                line("flat", amount="2400.00", billing_interval="year"),
                line("one_time", amount="1750.00"),
            ],
        ),
    },
    {
        "name": "c05_swiss_letter_chf",
        "format": "docx",
        "blocks": [
            ("p", "Zürich, 20. Mai 2026"),
            ("p", "Alpenblick Hotels AG, Bahnhofstrasse 12, 8001 Zürich"),
            ("p", "Dear Ms. Huber,"),
            (
                "p",
                "We are pleased to confirm the subscription of Alpenblick Hotels AG to the GuestFlow booking "
                "platform, starting 1 July 2026 for an initial term of 3 years.",
            ),
            (
                "p",
                "The annual licence fee is CHF 18'000.00, invoiced annually in advance. Each booking processed "
                "through the platform is charged at CHF 0.80, invoiced monthly in arrears.",
            ),
            ("p", "Please send all invoices to rechnungen@alpenblick.test; payment term 30 days net."),
            ("p", "Kind regards, GuestFlow AG"),
        ],
        "expected": contract(
            name="Alpenblick Hotels AG",
            email="rechnungen@alpenblick.test",
            currency="CHF",
            terms=30,
            start="2026-07-01",
            end="2029-07-01",
            lines=[
                line("flat", amount="18000.00", billing_interval="year"),
                line("per_unit", metric="bookings", unit_price="0.80"),
            ],
        ),
    },
    {
        "name": "c06_prose_ramp",
        "format": "text",
        "blocks": [
            ("h", "Order Form - Beacon Observability"),
            ("p", "Customer: Silverline Payments, Inc."),
            ("p", "Billing email: finops@silverlinepay.test"),
            ("p", "Term: 24 months starting March 1, 2027."),
            (
                "p",
                "Platform subscription (ramped): $4,000 per month from March 1, 2027 to February 29, 2028, and "
                "$5,500 per month from March 1, 2028 to February 28, 2029, invoiced monthly in advance.",
            ),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Silverline Payments, Inc.",
            email="finops@silverlinepay.test",
            currency="USD",
            terms=30,
            start="2027-03-01",
            end="2029-03-01",
            lines=[
                line("flat", amount="4000.00", start_date="2027-03-01", end_date="2028-03-01"),
                line("flat", amount="5500.00", start_date="2028-03-01", end_date="2029-03-01"),
            ],
        ),
    },
    {
        "name": "c07_per_million_tiers",
        "format": "pdf",
        "blocks": [
            ("h", "Pricing Schedule"),
            ("p", "This schedule forms part of the agreement between Edgewise CDN Ltd and Fernhill Media Ltd."),
            ("p", "Customer: Fernhill Media Ltd"),
            ("p", "Start Date: 1 November 2026"),
            ("p", "Finance contact: ap@fernhillmedia.test"),
            ("p", "Currency: GBP"),
            ("p", "Requests are charged in graduated tiers each month, invoiced monthly in arrears:"),
            (
                "t",
                [
                    ["Monthly requests", "Price"],
                    ["First 10,000,000", "£0.60 per million"],
                    ["Next 90,000,000", "£0.45 per million"],
                    ["Over 100,000,000", "£0.30 per million"],
                ],
            ),
            ("p", "Payment terms: 30 days from invoice."),
        ],
        "expected": contract(
            name="Fernhill Media Ltd",
            email="ap@fernhillmedia.test",
            currency="GBP",
            terms=30,
            start="2026-11-01",
            lines=[
                line(
                    "graduated",
                    metric="requests",
                    tiers=[
                        {"up_to": "10000000", "unit_price": "0.60", "package_size": "1000000"},
                        {"up_to": "100000000", "unit_price": "0.45", "package_size": "1000000"},
                        {"up_to": None, "unit_price": "0.30", "package_size": "1000000"},
                    ],
                )
            ],
        ),
    },
    {
        "name": "c08_purchase_order",
        "format": "docx",
        "blocks": [
            ("h", "PURCHASE ORDER PO-4471"),
            ("p", "Vendor: Helix Security Software Inc."),
            ("p", "Bill To: Mercy Valley Health System, Accounts Payable, apinvoices@mercyvalley.test"),
            ("p", "PO Date: 08/03/2026"),
            ("p", "Service Period: 09/01/2026 - 08/31/2027"),
            (
                "t",
                [
                    ["Line", "Item Description", "Qty", "UOM", "Unit Cost", "Extended Cost"],
                    ["1", "Endpoint protection subscription, annual", "2,500", "EA", "$14.00", "$35,000.00"],
                    ["2", "Implementation services (fixed fee)", "1", "LOT", "$6,000.00", "$6,000.00"],
                ],
            ),
            ("p", "Terms: Net 60. Invoice annually in advance. Reference the PO number on every invoice."),
        ],
        "expected": contract(
            name="Mercy Valley Health System",
            email="apinvoices@mercyvalley.test",
            currency="USD",
            terms=60,
            start="2026-09-01",
            end="2027-09-01",
            lines=[
                line("per_seat", unit_price="14.00", seats="2500", billing_interval="year"),
                line("one_time", amount="6000.00"),
            ],
        ),
    },
    {
        "name": "c09_prepaid_topup_usd",
        "format": "pdf",
        "blocks": [
            ("h", "Credits Order"),
            ("p", "Customer: Brightpath Tutoring LLC"),
            ("p", "Customer billing email: billing@brightpathtutoring.test"),
            ("p", "Order effective: 2026-10-05"),
            (
                "p",
                "Customer purchases 5,000 USD of platform credits for 5,000 USD, invoiced on the effective date. "
                "When the balance falls below 500 USD, a further 2,000 USD of credits is purchased automatically. "
                "Credits expire 12 months after purchase.",
            ),
            ("p", "AI tutoring minutes are drawn down from the credits at $0.06 per minute."),
            ("p", "Payment due upon receipt."),
        ],
        "expected": contract(
            name="Brightpath Tutoring LLC",
            email="billing@brightpathtutoring.test",
            currency="USD",
            terms=0,
            start="2026-10-05",
            lines=[
                line(
                    "prepaid_credit",
                    amount="5000.00",
                    price="5000.00",
                    top_up_threshold="500.00",
                    top_up_amount="2000.00",
                    expires_on="2027-10-05",
                ),
                line("per_unit", metric="minutes", unit_price="0.06"),
            ],
        ),
    },
]
