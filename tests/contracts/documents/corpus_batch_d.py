"""Unseen batch D: written (with the expected contracts) after the batch-C fixes and before the
extractor was run on it (bench/extraction.py --set batch_d). Again in styles unlike the other
sets: a partner reseller schedule, a Canadian-French letter in English, a hybrid take rate with a
monthly minimum, an MSA order with semi-annual billing, a retainer, a usage pack table, a DOCX
amendment-style restatement, a quote with a bundled discount line.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "e01_semiannual_order",
        "format": "pdf",
        "blocks": [
            ("h", "Service Order No. 2026-0917"),
            (
                "p",
                "This Service Order is entered into under the Master Agreement between Vantage Route Systems LLC "
                'and Coastal Dairy Cooperative ("Customer").',
            ),
            ("p", "Service Start: October 1, 2026    Service End: September 30, 2027"),
            ("p", "Send invoices to: payables@coastaldairy.test"),
            (
                "t",
                [
                    ["Service", "Fee", "Invoicing"],
                    ["Route optimisation platform", "$21,000.00 per half-year", "Semi-annually in advance"],
                    ["Driver app licences (60 drivers)", "$12.00 per driver per month", "Monthly in advance"],
                ],
            ),
            ("p", "Payment terms: net thirty (30) days."),
        ],
        "expected": contract(
            name="Coastal Dairy Cooperative",
            email="payables@coastaldairy.test",
            currency="USD",
            terms=30,
            start="2026-10-01",
            end="2027-10-01",
            lines=[
                line("flat", amount="21000.00", billing_interval_count=6),
                line("per_seat", unit_price="12.00", seats="60"),
            ],
        ),
    },
    {
        "name": "e02_take_rate_minimum",
        "format": "text",
        "blocks": [
            ("h", "Merchant Pricing Addendum"),
            ("p", "Merchant: Greenleaf Marketplace Inc."),
            ("p", "Merchant finance email: finance@greenleafmarket.test"),
            ("p", "Effective Date: August 1, 2026"),
            (
                "p",
                "Processing fees: 2.5% of the transaction value plus $0.20 per transaction. A monthly minimum of "
                "$500 in processing fees applies. Fees are invoiced monthly in arrears.",
            ),
            ("p", "Invoices are payable on receipt."),
        ],
        "expected": contract(
            name="Greenleaf Marketplace Inc.",
            email="finance@greenleafmarket.test",
            currency="USD",
            terms=0,
            start="2026-08-01",
            lines=[
                line("percentage", metric="transaction_amount", rate="2.5", fixed_fee="0.20", minimum_amount="500.00"),
            ],
        ),
    },
    {
        "name": "e03_retainer_letter_gbp",
        "format": "docx",
        "blocks": [
            ("p", "14 January 2027"),
            ("p", "Private & Confidential"),
            ("p", "Hollins Brewing Company Limited"),
            ("p", "Dear Sarah,"),
            ("p", "Retained advisory services"),
            (
                "p",
                "We are delighted to act for Hollins Brewing Company Limited. From 1 February 2027 we will "
                "provide the retained advisory services for a monthly retainer of £3,250, invoiced at the start "
                "of each month. Additional work outside the retainer is charged at £140 per hour, invoiced "
                "monthly in arrears.",
            ),
            (
                "p",
                "This engagement runs for 12 months. Please direct invoices to accounts@hollinsbrewing.test; our "
                "invoices are payable within 21 days.",
            ),
            ("p", "Yours sincerely, Marcus Webb, Partner, Webb & Ainsley LLP"),
        ],
        "expected": contract(
            name="Hollins Brewing Company Limited",
            email="accounts@hollinsbrewing.test",
            currency="GBP",
            terms=21,
            start="2027-02-01",
            end="2028-02-01",
            lines=[
                line("flat", amount="3250.00"),
                line("per_unit", metric="hours", unit_price="140.00"),
            ],
        ),
    },
    {
        "name": "e04_usage_packs_table",
        "format": "docx",
        "blocks": [
            ("h", "Order - Voice Minutes"),
            ("p", "Customer: Lindqvist Care AB"),
            ("p", "Invoice email: faktura@lindqvistcare.test"),
            ("p", "Start date: 2026-11-01"),
            ("p", "Currency: SEK"),
            (
                "t",
                [
                    ["Item", "Pack size", "Price per pack", "Billing"],
                    ["Outbound voice minutes", "10 000 minutes", "SEK 1 900", "monthly in arrears, per started pack"],
                    ["Platform fee", "-", "SEK 4 500 per month", "monthly in advance"],
                ],
            ),
            ("p", "Payment terms: 30 days net."),
        ],
        "expected": contract(
            name="Lindqvist Care AB",
            email="faktura@lindqvistcare.test",
            currency="SEK",
            terms=30,
            start="2026-11-01",
            lines=[
                line("package", metric="minutes", package_size="10000", package_price="1900.00"),
                line("flat", amount="4500.00"),
            ],
        ),
    },
    {
        "name": "e05_restated_pricing",
        "format": "pdf",
        "blocks": [
            ("h", "Amended and Restated Pricing Schedule"),
            ("p", "Customer: Orchard Peak Software Ltd"),
            ("p", "Billing contact: billing@orchardpeak.test"),
            ("p", "This restated schedule takes effect on 1 June 2026 and replaces all prior pricing."),
            (
                "p",
                "API requests are priced on a volume basis: the rate for all requests in the month is set by the "
                "month's total volume.",
            ),
            (
                "t",
                [
                    ["From", "To", "Price per 1,000 requests"],
                    ["0", "1,000,000", "£0.40"],
                    ["1,000,001", "10,000,000", "£0.30"],
                    ["10,000,001", "and above", "£0.20"],
                ],
            ),
            ("p", "Requests are invoiced monthly in arrears. Payment is due within 30 days of the invoice date."),
        ],
        "expected": contract(
            name="Orchard Peak Software Ltd",
            email="billing@orchardpeak.test",
            currency="GBP",
            terms=30,
            start="2026-06-01",
            lines=[
                line(
                    "volume",
                    metric="requests",
                    tiers=[
                        {"up_to": "1000000", "unit_price": "0.40", "package_size": "1000"},
                        {"up_to": "10000000", "unit_price": "0.30", "package_size": "1000"},
                        {"up_to": None, "unit_price": "0.20", "package_size": "1000"},
                    ],
                )
            ],
        ),
    },
    {
        "name": "e06_bundle_discount_quote",
        "format": "text",
        "blocks": [
            ("h", "QUOTE #7781 - ACCEPTED"),
            ("p", "Bill to: Redstone Architects PLLC"),
            ("p", "AP email: ap@redstonearch.test"),
            ("p", "Subscription term: 12 months from the acceptance date, January 12, 2027."),
            (
                "t",
                [
                    ["Description", "Qty", "Unit price / yr", "Amount"],
                    ["CAD Studio named licence", "8", "$2,100.00", "$16,800.00"],
                    ["Cloud render credits bundle (annual)", "1", "$3,000.00", "$3,000.00"],
                ],
            ),
            ("p", "All fees are billed annually in advance. Net 30."),
        ],
        "expected": contract(
            name="Redstone Architects PLLC",
            email="ap@redstonearch.test",
            currency="USD",
            terms=30,
            start="2027-01-12",
            end="2028-01-12",
            lines=[
                line("per_seat", unit_price="2100.00", seats="8", billing_interval="year"),
                line("flat", amount="3000.00", billing_interval="year"),
            ],
        ),
    },
    {
        "name": "e07_eur_prose_committed",
        "format": "text",
        "blocks": [
            ("p", "VEREINBARUNG / AGREEMENT"),
            ("p", 'between Datenfluss Cloud GmbH ("Provider") and Stadtwerke Kellberg GmbH ("Customer")'),
            ("p", "Start of the agreement: 1. Januar 2027; fixed term of 36 months."),
            (
                "p",
                "The Customer commits to a minimum annual spend of EUR 60.000,00. Storage is charged at EUR 0,021 "
                "per GB-month and egress at EUR 0,05 per GB, invoiced monthly in arrears.",
            ),
            ("p", "Rechnungen an / invoices to: kreditoren@stadtwerke-kellberg.test. Zahlungsziel: 30 Tage."),
        ],
        "expected": contract(
            name="Stadtwerke Kellberg GmbH",
            email="kreditoren@stadtwerke-kellberg.test",
            currency="EUR",
            terms=30,
            start="2027-01-01",
            end="2030-01-01",
            commitment={"amount": "60000.00", "period": "year"},
            lines=[
                line("per_unit", metric="gb_months", unit_price="0.021"),
                line("per_unit", metric="gb", unit_price="0.05"),
            ],
        ),
    },
    {
        "name": "e08_implementation_installments",
        "format": "docx",
        "blocks": [
            ("h", "Order Form"),
            (
                "t",
                [
                    ["Customer", "Beacon Hill Charter Schools"],
                    ["Billing Email", "business.office@beaconhillcs.test"],
                    ["Start Date", "July 1, 2026"],
                    ["Term", "3 years"],
                    ["Payment Terms", "Net 30"],
                ],
            ),
            (
                "p",
                "Student information system: $7.50 per enrolled student per year for 2,400 students, billed "
                "annually in advance.",
            ),
            (
                "p",
                "Implementation fee of $18,000, payable in three equal instalments of $6,000 due July 1, 2026, "
                "October 1, 2026 and January 4, 2027.",
            ),
        ],
        "expected": contract(
            name="Beacon Hill Charter Schools",
            email="business.office@beaconhillcs.test",
            currency="USD",
            terms=30,
            start="2026-07-01",
            end="2029-07-01",
            lines=[
                line("per_seat", unit_price="7.50", seats="2400", billing_interval="year"),
                line(
                    "milestone",
                    milestones=[
                        {"name": "Instalment 1", "amount": "6000.00", "due_date": "2026-07-01"},
                        {"name": "Instalment 2", "amount": "6000.00", "due_date": "2026-10-01"},
                        {"name": "Instalment 3", "amount": "6000.00", "due_date": "2027-01-04"},
                    ],
                ),
            ],
        ),
    },
]
