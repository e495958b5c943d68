"""Unseen batch H: written (with the expected contracts) after the batch-G fixes and before the
extractor was run on it (bench/extraction.py --set batch_h): side-by-side party blocks, prices per
1K tokens, an annual fee payable quarterly with its restatement, volume tiers in prose, milestones
as percentages with amounts and dates, an auto-renewing seat order.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "i01_side_by_side_parties",
        "format": "pdf",
        "blocks": [
            ("h", "Subscription Order"),
            (
                "t",
                [
                    ["Customer", "Vendor"],
                    ["Name: Alder Creek Farms LLC", "Name: Cropsight Inc."],
                    ["Email: ap@aldercreekfarms.test", "Email: billing@cropsight.test"],
                    ["Start Date: 03/15/2027", "Order Number: SO-4410"],
                ],
            ),
            ("p", "Cropsight Pro subscription: $6,000 per year, billed annually in advance."),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Alder Creek Farms LLC",
            email="ap@aldercreekfarms.test",
            currency="USD",
            terms=30,
            start="2027-03-15",
            lines=[line("flat", amount="6000.00", billing_interval="year")],
        ),
    },
    {
        "name": "i02_tokens_per_1k",
        "format": "text",
        "blocks": [
            ("h", "Model API - Enterprise Terms"),
            ("p", "Customer: Lattice Legal Technologies Inc."),
            ("p", "Billing email: ap@latticelegal.test"),
            ("p", "Effective date: 2026-12-01"),
            ("p", "Platform access fee: USD 500 per month, billed monthly in advance."),
            ("p", "Tokens: USD 0.0008 per 1K tokens, billed monthly in arrears."),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Lattice Legal Technologies Inc.",
            email="ap@latticelegal.test",
            currency="USD",
            terms=30,
            start="2026-12-01",
            lines=[
                line("flat", amount="500.00"),
                line("package", metric="tokens", package_size="1000", package_price="0.0008"),
            ],
        ),
    },
    {
        "name": "i03_annual_payable_quarterly",
        "format": "docx",
        "blocks": [
            ("h", "Licence Agreement - Fees"),
            ("p", 'Licensee: Hafenwerk Logistik GmbH (the "Licensee")'),
            ("p", "Commencement date: 1 April 2027"),
            ("p", "Invoices by e-mail to: rechnung@hafenwerk.test"),
            (
                "p",
                "The annual licence fee is EUR 24.000,00, payable quarterly in advance (EUR 6.000,00 per quarter).",
            ),
            ("p", "Invoices are due 30 days after the invoice date."),
        ],
        "expected": contract(
            name="Hafenwerk Logistik GmbH",
            email="rechnung@hafenwerk.test",
            currency="EUR",
            terms=30,
            start="2027-04-01",
            lines=[line("flat", amount="6000.00", billing_interval_count=3)],
        ),
    },
    {
        "name": "i04_volume_prose",
        "format": "text",
        "blocks": [
            ("h", "Pricing Letter"),
            ("p", "Customer: Brightwater Fitness Inc."),
            ("p", "Billing contact: accounts@brightwaterfit.test"),
            ("p", "Start date: 2026-08-01"),
            (
                "p",
                "Monthly active members are priced on a volume basis: if the month's active members are 1 to 1,000, "
                "each member costs $2.00; 1,001 to 5,000, $1.50 each; above 5,000, $1.00 each. The price reached "
                "applies to all members in the month, invoiced monthly in arrears.",
            ),
            ("p", "Net 30."),
        ],
        "expected": contract(
            name="Brightwater Fitness Inc.",
            email="accounts@brightwaterfit.test",
            currency="USD",
            terms=30,
            start="2026-08-01",
            lines=[
                line(
                    "volume",
                    metric="members",
                    tiers=[
                        {"up_to": "1000", "unit_price": "2.00"},
                        {"up_to": "5000", "unit_price": "1.50"},
                        {"up_to": None, "unit_price": "1.00"},
                    ],
                )
            ],
        ),
    },
    {
        "name": "i05_percent_milestones_gbp",
        "format": "pdf",
        "blocks": [
            ("h", "Statement of Work - CRM Implementation"),
            ("p", 'Customer: Kingsbridge Housing Trust ("Customer")'),
            ("p", "Customer invoices: payables@kingsbridgeht.test"),
            ("p", "SOW start: 15 June 2026"),
            (
                "p",
                "The fixed price of £60,000 is invoiced 40% (£24,000) on signature, due 1 July 2026, and 60% "
                "(£36,000) on go-live, due 30 September 2026.",
            ),
            ("p", "Payment within 30 days of invoice."),
        ],
        "expected": contract(
            name="Kingsbridge Housing Trust",
            email="payables@kingsbridgeht.test",
            currency="GBP",
            terms=30,
            start="2026-06-15",
            lines=[
                line(
                    "milestone",
                    milestones=[
                        {"name": "Signature", "amount": "24000.00", "due_date": "2026-07-01"},
                        {"name": "Go-live", "amount": "36000.00", "due_date": "2026-09-30"},
                    ],
                )
            ],
        ),
    },
    {
        "name": "i06_autorenew_at_seats",
        "format": "docx",
        "blocks": [
            ("h", "Order Form"),
            ("p", "Customer: Pebble Beach Dental Studio"),
            ("p", "Billing email: office@pebblebeachdental.test"),
            (
                "p",
                "Term: 12 months from 1 January 2027, renewing automatically for successive 12-month periods unless "
                "cancelled with 60 days' notice.",
            ),
            ("p", "Seats: 15 @ $99/month, billed monthly in advance."),
            ("p", "Payment terms: due on receipt."),
        ],
        "expected": contract(
            name="Pebble Beach Dental Studio",
            email="office@pebblebeachdental.test",
            currency="USD",
            terms=0,
            start="2027-01-01",
            lines=[line("per_seat", unit_price="99.00", seats="15")],
        ),
    },
]
