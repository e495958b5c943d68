"""Unseen batch G: written (with the expected contracts) after the batch-F fixes and before the
extractor was run on it (bench/extraction.py --set batch_g): slash-notation usage prices, list /
discount / net in prose, an informal e-mail, NOK with space thousands, a minimum applied against
usage, a retainer with a minimum term.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "h01_retainer_min_term_cad",
        "format": "docx",
        "blocks": [
            ("h", "Engagement Letter"),
            ("p", "Maple Leaf Analytics Inc. - Client: Northshore Credit Union"),
            ("p", "Client accounts payable: ap@northshorecu.test"),
            (
                "p",
                "Beginning June 1, 2026, we will provide analytics support for a retainer of CAD 12,500 per month "
                "(3-month minimum), invoiced at the beginning of each month.",
            ),
            ("p", "Invoices are payable within 30 days."),
        ],
        "expected": contract(
            name="Northshore Credit Union",
            email="ap@northshorecu.test",
            currency="CAD",
            terms=30,
            start="2026-06-01",
            lines=[line("flat", amount="12500.00")],
        ),
    },
    {
        "name": "h02_slash_usage",
        "format": "text",
        "blocks": [
            ("h", "Object Storage - Pricing"),
            ("p", "Customer: Quillon Media LLC"),
            ("p", "Billing: billing@quillonmedia.test"),
            ("p", "Start date: 2026-10-01"),
            ("p", "Storage: $0.10/GB-month. Data transfer out: $0.02/GB. Both billed monthly in arrears."),
            ("p", "Net 30."),
        ],
        "expected": contract(
            name="Quillon Media LLC",
            email="billing@quillonmedia.test",
            currency="USD",
            terms=30,
            start="2026-10-01",
            lines=[
                line("per_unit", metric="gb_months", unit_price="0.10"),
                line("per_unit", metric="gb", unit_price="0.02"),
            ],
        ),
    },
    {
        "name": "h03_list_discount_prose",
        "format": "pdf",
        "blocks": [
            ("h", "Order Form"),
            ("p", "Customer: Fairway Golf Holdings, Inc."),
            ("p", "Billing email: ap@fairwaygolf.test"),
            ("p", "Subscription start: March 1, 2027; term: 12 months"),
            (
                "p",
                "Team plan: list price $50 per user per month, less a 10% discount, for a net price of $45 per "
                "user per month for 30 users, billed monthly in advance.",
            ),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Fairway Golf Holdings, Inc.",
            email="ap@fairwaygolf.test",
            currency="USD",
            terms=30,
            start="2027-03-01",
            end="2028-03-01",
            lines=[line("per_seat", unit_price="45", seats="30")],
        ),
    },
    {
        "name": "h04_informal_email",
        "format": "text",
        "blocks": [
            ("p", "Subject: Re: Pro plan - confirmed"),
            ("p", "Hi Jess,"),
            (
                "p",
                "Great to hear Copperline Studios Ltd is going ahead. To confirm: we'll bill you $1,800 a quarter "
                "for the Pro plan, in advance, starting July 1, 2026.",
            ),
            ("p", "I'll send the invoices to jess.finance@copperline.test - payment within 15 days is fine."),
            ("p", "Cheers, Omar"),
        ],
        "expected": contract(
            name="Copperline Studios Ltd",
            email="jess.finance@copperline.test",
            currency="USD",
            terms=15,
            start="2026-07-01",
            lines=[line("flat", amount="1800.00", billing_interval_count=3)],
        ),
    },
    {
        "name": "h05_nok_table",
        "format": "docx",
        "blocks": [
            ("h", "Ordrebekreftelse / Order confirmation"),
            ("p", "Customer: Fjordline Seafood AS"),
            ("p", "Invoice e-mail: faktura@fjordlineseafood.test"),
            ("p", "Start date: 01.08.2026"),
            (
                "t",
                [
                    ["Service", "Price (NOK)", "Period"],
                    ["Traceability platform", "4 500", "monthly in advance"],
                    ["Onboarding", "12 000", "one-time"],
                ],
            ),
            ("p", "Payment terms: 20 days net."),
        ],
        "expected": contract(
            name="Fjordline Seafood AS",
            email="faktura@fjordlineseafood.test",
            currency="NOK",
            terms=20,
            start="2026-08-01",
            lines=[
                line("flat", amount="4500.00"),
                line("one_time", amount="12000.00"),
            ],
        ),
    },
    {
        "name": "h06_minimum_against_usage",
        "format": "pdf",
        "blocks": [
            ("h", "Identity Verification Services - Order"),
            ("p", "Customer: Summit Lending Group LLC"),
            ("p", "AP contact: ap@summitlending.test"),
            ("p", "Effective date: 2026-11-15"),
            ("p", "Verification checks: $0.25 per verification, invoiced monthly in arrears."),
            ("p", "A minimum monthly fee of $1,000 applies and is credited against verification charges."),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Summit Lending Group LLC",
            email="ap@summitlending.test",
            currency="USD",
            terms=30,
            start="2026-11-15",
            lines=[line("per_unit", metric="verifications", unit_price="0.25", minimum_amount="1000.00")],
        ),
    },
]
