"""Unseen batch I: written (with the expected contracts) after the batch-H fixes and before the
extractor was run on it (bench/extraction.py --set batch_i): a markdown rate card with "50k", legal
prose with amounts in words, a usage table with an included column, a quarterly commitment across
usage, a perpetual licence with maintenance, a frequency column with a currency header.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "j01_markdown_rate_card",
        "format": "text",
        "raw": (
            "# Rate card - Beacon Events\n\n"
            "**Customer:** Lumos Ticketing Ltd  \n"
            "**Billing email:** finance@lumosticketing.test  \n"
            "**Start:** 2026-10-01  \n\n"
            "## Fees\n\n"
            "* Base: $750/mo, billed monthly in advance\n"
            "* Overage: $0.015/event over 50k events per month, billed monthly in arrears\n\n"
            "Payment: Net 30\n"
        ),
        "expected": contract(
            name="Lumos Ticketing Ltd",
            email="finance@lumosticketing.test",
            currency="USD",
            terms=30,
            start="2026-10-01",
            lines=[
                line("flat", amount="750.00"),
                line("per_unit", metric="events", unit_price="0.015", included_units="50000"),
            ],
        ),
    },
    {
        "name": "j02_legal_prose_words",
        "format": "docx",
        "blocks": [
            ("h", "CONSULTING SERVICES AGREEMENT"),
            (
                "p",
                "This Consulting Services Agreement is made as of February 1, 2027 by and between Redline Advisory "
                'LLC ("Provider") and Westhaven Manufacturing Corp., a Delaware corporation ("Client").',
            ),
            (
                "p",
                "3. Fees. In consideration of the Services, Client shall pay Provider a fee of Three Thousand "
                "Dollars ($3,000.00) per calendar month, payable in advance on the first day of each month.",
            ),
            (
                "p",
                "4. Invoices. Provider shall send invoices to ap@westhavenmfg.test. Payment is due within thirty "
                "(30) days of invoice.",
            ),
            ("p", "5. Term. This Agreement shall remain in effect for a period of twelve (12) months."),
        ],
        "expected": contract(
            name="Westhaven Manufacturing Corp.",
            email="ap@westhavenmfg.test",
            currency="USD",
            terms=30,
            start="2027-02-01",
            end="2028-02-01",
            lines=[line("flat", amount="3000.00")],
        ),
    },
    {
        "name": "j03_usage_included_column",
        "format": "pdf",
        "blocks": [
            ("h", "Device Management - Order"),
            ("p", "Customer: Ironwood Facilities Inc."),
            ("p", "Billing email: ap@ironwoodfacilities.test"),
            ("p", "Start date: January 4, 2027"),
            (
                "t",
                [
                    ["Metric", "Included", "Unit price", "Unit"],
                    ["Active devices", "500", "$0.80", "per device per month"],
                ],
            ),
            ("p", "Usage is billed monthly in arrears. Net 45."),
        ],
        "expected": contract(
            name="Ironwood Facilities Inc.",
            email="ap@ironwoodfacilities.test",
            currency="USD",
            terms=45,
            start="2027-01-04",
            lines=[line("per_unit", metric="devices", unit_price="0.80", included_units="500")],
        ),
    },
    {
        "name": "j04_quarterly_commitment_eur",
        "format": "text",
        "blocks": [
            ("h", "Commercial Terms"),
            ("p", "Customer: Nordlicht Versand GmbH"),
            ("p", "Invoices to: buchhaltung@nordlicht-versand.test"),
            ("p", "Contract start: 01.01.2027"),
            ("p", "API calls: EUR 0,002 per call. SMS: EUR 0,05 per SMS. All usage is invoiced quarterly in arrears."),
            (
                "p",
                "Minimum quarterly commitment: EUR 15.000 across all usage; any shortfall is invoiced at quarter end.",
            ),
            ("p", "Payment terms: 30 days net."),
        ],
        "expected": contract(
            name="Nordlicht Versand GmbH",
            email="buchhaltung@nordlicht-versand.test",
            currency="EUR",
            terms=30,
            start="2027-01-01",
            commitment={"amount": "15000.00", "period": "billing_period"},
            lines=[
                line("per_unit", metric="calls", unit_price="0.002", billing_interval_count=3),
                line("per_unit", metric="sms", unit_price="0.05", billing_interval_count=3),
            ],
        ),
    },
    {
        "name": "j05_perpetual_maintenance",
        "format": "docx",
        "blocks": [
            ("h", "Licence Quotation - Accepted"),
            ("p", "Customer: Hollybrook County Council"),
            ("p", "Accounts payable: ap@hollybrook.gov.test"),
            ("p", "Effective date: 1 May 2026"),
            ("p", "Perpetual licence: $50,000, one-time, invoiced on the effective date."),
            ("p", "Annual maintenance: 18% of the licence fee ($9,000), invoiced annually in advance."),
            ("p", "Payment terms: Net 45."),
        ],
        "expected": contract(
            name="Hollybrook County Council",
            email="ap@hollybrook.gov.test",
            currency="USD",
            terms=45,
            start="2026-05-01",
            lines=[
                line("one_time", amount="50000.00"),
                line("flat", amount="9000.00", billing_interval="year"),
            ],
        ),
    },
    {
        "name": "j06_frequency_column_gbp",
        "format": "pdf",
        "blocks": [
            ("h", "Proposal - accepted"),
            ("p", "Prepared for: Riverside Opticians Ltd"),
            ("p", "Invoices: accounts@riversideopticians.test"),
            ("p", "Billing starts: 1 September 2026"),
            (
                "t",
                [
                    ["Item", "Frequency", "Amount (GBP)"],
                    ["Hosting", "Monthly", "850.00"],
                    ["Set-up", "Once", "2,000.00"],
                    ["Support", "Annually", "3,600.00"],
                ],
            ),
            ("p", "Recurring items are invoiced in advance. Payment within 14 days."),
        ],
        "expected": contract(
            name="Riverside Opticians Ltd",
            email="accounts@riversideopticians.test",
            currency="GBP",
            terms=14,
            start="2026-09-01",
            lines=[
                line("flat", amount="850.00"),
                line("one_time", amount="2000.00"),
                line("flat", amount="3600.00", billing_interval="year"),
            ],
        ),
    },
]
