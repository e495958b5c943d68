"""Unseen batch S: written (with the expected contracts) after the batch-R fixes and before the
extractor was run on it (bench/extraction.py --set batch_s): a reseller quote with list, discount
and net columns, a sold-to / vendor table, an AI API price list per million tokens with an annual
commitment, a Dutch-formatted offer with ",-" amounts, quarterly seat billing co-termed to calendar
quarters, and an e-mail confirmation signed by the customer.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "t01_reseller_list_discount_net",
        "format": "pdf",
        "blocks": [
            ("h", "Quotation RQ-88213"),
            ("p", "Reseller: Northgate IT Solutions Ltd"),
            ("p", "End customer: Pemberton Housing Association"),
            ("p", "Invoice to: purchase.ledger@pembertonha.test"),
            ("p", "Licence period: 1 December 2026 to 30 November 2027"),
            (
                "t",
                [
                    ["Product", "Qty", "List price (per user per year)", "Discount", "Net price (per user per year)"],
                    ["Secure Mail Gateway", "350", "£24.00", "15%", "£20.40"],
                ],
            ),
            ("p", "Invoiced annually in advance. Payment terms: 30 days net."),
        ],
        "expected": contract(
            name="Pemberton Housing Association",
            email="purchase.ledger@pembertonha.test",
            currency="GBP",
            terms=30,
            start="2026-12-01",
            end="2027-12-01",
            lines=[line("per_seat", unit_price="20.40", seats="350", billing_interval="year")],
        ),
    },
    {
        "name": "t02_sold_to_vendor_table",
        "format": "docx",
        "blocks": [
            ("h", "Subscription Order"),
            (
                "t",
                [
                    ["Vendor", "Sold to"],
                    ["Quayside Analytics Ltd, 4 Dock Road, Cardiff", "Fairlight Breweries plc, 19 Malt Street, Bath"],
                    ["vat@quaysideanalytics.test", "accounts@fairlightbreweries.test"],
                ],
            ),
            ("p", "Order start: 2 January 2027 for an initial term of 12 months, renewing annually thereafter."),
            ("p", "Analytics platform: £2,750 per month, billed monthly in advance."),
            ("p", "Dashboard viewers: £12 per viewer per month for 60 viewers."),
            ("p", "Payment: 30 days from invoice date."),
        ],
        "expected": contract(
            name="Fairlight Breweries plc",
            email="accounts@fairlightbreweries.test",
            currency="GBP",
            terms=30,
            start="2027-01-02",
            lines=[line("flat", amount="2750.00"), line("per_seat", unit_price="12.00", seats="60")],
        ),
    },
    {
        "name": "t03_ai_api_per_million_tokens",
        "format": "text",
        "blocks": [
            ("h", "Enterprise API Agreement - Pricing Exhibit"),
            ("p", "Customer: Lumen Health Analytics, Inc."),
            ("p", "Billing email: ap@lumenhealth.test"),
            ("p", "Exhibit effective date: 2027-02-01"),
            (
                "t",
                [
                    ["Model usage", "Price"],
                    ["Input tokens", "$3.00 per 1M tokens"],
                    ["Output tokens", "$15.00 per 1M tokens"],
                ],
            ),
            ("p", "Usage is billed monthly in arrears. Minimum annual commitment: $60,000."),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Lumen Health Analytics, Inc.",
            email="ap@lumenhealth.test",
            currency="USD",
            terms=30,
            start="2027-02-01",
            commitment={"amount": "60000.00", "period": "year"},
            lines=[
                line("package", metric="input_tokens", package_size="1000000", package_price="3.00"),
                line("package", metric="output_tokens", package_size="1000000", package_price="15.00"),
            ],
        ),
    },
    {
        "name": "t04_dutch_offer_comma_dash",
        "format": "pdf",
        "blocks": [
            ("h", "Offer / Offerte 2026-114"),
            ("p", "Customer: Zorggroep De Linde B.V."),
            ("p", "E-mail for invoices: facturen@zorggroepdelinde.test"),
            ("p", "Start date: 1 November 2026. Term: 12 months."),
            ("p", "Monthly subscription: € 2.500,- per month, invoiced monthly in advance."),
            ("p", "Implementation: € 4.000,- once, invoiced at the start."),
            ("p", "Payment within 30 days."),
        ],
        "expected": contract(
            name="Zorggroep De Linde B.V.",
            email="facturen@zorggroepdelinde.test",
            currency="EUR",
            terms=30,
            start="2026-11-01",
            end="2027-11-01",
            lines=[line("flat", amount="2500.00"), line("one_time", amount="4000.00")],
        ),
    },
    {
        "name": "t05_quarterly_seats_calendar",
        "format": "docx",
        "blocks": [
            ("h", "Order Confirmation"),
            ("p", "Customer: Tidewater Engineering Group"),
            ("p", "Billing contact: finance@tidewatereng.test"),
            ("p", "Start date: February 10, 2027"),
            (
                "p",
                "25 Named Users at $30 per user per month, billed quarterly in advance. Invoices are co-termed to "
                "calendar quarters (January, April, July, October); the first invoice is prorated.",
            ),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Tidewater Engineering Group",
            email="finance@tidewatereng.test",
            currency="USD",
            terms=30,
            start="2027-02-10",
            alignment="calendar",
            lines=[line("per_seat", unit_price="90.00", seats="25", billing_interval_count=3)],
        ),
    },
    {
        "name": "t06_email_confirmation_signed",
        "format": "text",
        "raw": """From: Jordan Lee <jordan.lee@greenleafgrocers.test>
To: sales@shelfsense.test
Subject: RE: ShelfSense pricing - confirmed

Hi Priya,

Confirming we're going ahead on the terms below, starting 1 May 2027:

- Store licence: $240 per store per month for our 18 stores, billed monthly in advance
- Shelf camera analytics: $0.015 per image processed, billed monthly in arrears

Please send invoices to ap@greenleafgrocers.test - we pay net 15.

Thanks,
Jordan Lee
Finance Director, Greenleaf Organic Grocers Inc.
""",
        "expected": contract(
            name="Greenleaf Organic Grocers Inc.",
            email="ap@greenleafgrocers.test",
            currency="USD",
            terms=15,
            start="2027-05-01",
            lines=[
                line("per_seat", unit_price="240.00", seats="18"),
                line("per_unit", metric="images", unit_price="0.015"),
            ],
        ),
    },
]
