"""Unseen batch O: written (with the expected contracts) after the batch-N fixes and before the
extractor was run on it (bench/extraction.py --set batch_o): a two-column borderless layout with
pence, a merged-title usage schedule with allowances, an Italian-style annual fee with tacit renewal,
an amendment replacing the fee section, a CAD order with a USD pass-through, hard-wrapped legal
prose with US$ amounts in words, quarterly usage in arrears, weekly rental with a percentage waiver.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "p01_two_column_pence",
        "format": "pdf",
        "blocks": [
            ("h", "Till & Card Plan - Sign-up"),
            (
                "tb",
                [
                    ["Your details", "Your plan"],
                    [
                        "Customer: Marigold Florists Ltd. Billing email: accounts@marigoldflorists.test. "
                        "Start date: 1 May 2027.",
                        "Shop plan: £39 per month, billed monthly in advance. Card payments: 1.4% + 20p per "
                        "transaction, invoiced monthly.",
                    ],
                ],
            ),
            ("p", "Payment is taken by direct debit 7 days after the invoice date."),
        ],
        "expected": contract(
            name="Marigold Florists Ltd.",
            email="accounts@marigoldflorists.test",
            currency="GBP",
            terms=7,
            start="2027-05-01",
            lines=[
                line("flat", amount="39.00"),
                line("percentage", metric="transaction_amount", rate="1.4", fixed_fee="0.20"),
            ],
        ),
    },
    {
        "name": "p02_merged_title_allowances",
        "format": "docx",
        "blocks": [
            ("h", "Order Form"),
            ("p", "Customer: Tandem Payroll Inc."),
            ("p", "Billing contact: ap@tandempayroll.test"),
            ("p", "Effective Date: 2027-02-01. Payment terms: Net 30."),
            ("p", "Platform fee: USD 1,200.00 per month, billed monthly in advance."),
            (
                "tm",
                "Schedule A - Usage Fees (billed monthly in arrears)",
                [
                    ["Metric", "Included per month", "Overage rate"],
                    ["API requests", "1,000,000", "USD 0.80 per 1,000 requests"],
                    ["Webhook deliveries", "250,000", "USD 0.0002 per delivery"],
                ],
            ),
        ],
        "expected": contract(
            name="Tandem Payroll Inc.",
            email="ap@tandempayroll.test",
            currency="USD",
            terms=30,
            start="2027-02-01",
            lines=[
                line("flat", amount="1200.00"),
                line("package", metric="requests", package_size="1000", package_price="0.80", free_units="1000000"),
                line("per_unit", metric="deliveries", unit_price="0.0002", included_units="250000"),
            ],
        ),
    },
    {
        "name": "p03_italian_tacit_renewal",
        "format": "text",
        "blocks": [
            ("h", "Contratto di servizio / Service contract"),
            ("p", "Cliente / Customer: Trattoria Da Marco S.r.l."),
            ("p", "PEC / e-mail for invoices: amministrazione@damarco.test"),
            ("p", "Decorrenza / Start date: 01/01/2027. Durata / Term: 12 months, tacitly renewed year by year."),
            ("p", "Canone annuo / Annual fee: € 2.400,00 + IVA, billed annually in advance."),
            ("p", "Pagamento / Payment: bank transfer, 30 days end of month."),
        ],
        "expected": contract(
            name="Trattoria Da Marco S.r.l.",
            email="amministrazione@damarco.test",
            currency="EUR",
            terms=30,
            start="2027-01-01",
            lines=[line("flat", amount="2400.00", billing_interval="year")],
        ),
    },
    {
        "name": "p04_amendment_replaces_fees",
        "format": "pdf",
        "blocks": [
            ("h", "Amendment No. 3 to Master Subscription Agreement"),
            (
                "p",
                "This Amendment No. 3 amends the Master Subscription Agreement dated 14 March 2024 between "
                'Brightpath Software, Inc. ("Provider") and Harborlight Media LLC ("Customer").',
            ),
            (
                "p",
                "Effective 1 September 2026, Section 4 (Fees) is replaced as follows: Platform Fee: $5,500 per month "
                "(was $5,000 per month). Additional workspaces: $250 per workspace per month; Customer has 6 "
                "additional workspaces. Fees are billed monthly in advance.",
            ),
            (
                "p",
                "All other terms remain in effect, including Net 30 payment terms. Invoices continue to be sent to "
                "finance@harborlightmedia.test.",
            ),
        ],
        "expected": contract(
            name="Harborlight Media LLC",
            email="finance@harborlightmedia.test",
            currency="USD",
            terms=30,
            start="2026-09-01",
            lines=[line("flat", amount="5500.00"), line("per_seat", unit_price="250.00", seats="6")],
        ),
    },
    {
        "name": "p05_cad_with_usd_passthrough",
        "format": "docx",
        "blocks": [
            ("h", "Software Order - Prairie Rail Services Ltd."),
            ("p", "Customer: Prairie Rail Services Ltd."),
            ("p", "Accounts payable: ap@prairierail.test"),
            ("p", "Start: July 15, 2026. Term: 3 years."),
            (
                "t",
                [
                    ["Module", "Price (CAD)", "Quantity"],
                    ["Dispatch module, per month", "2,150.00", "1"],
                    ["Driver app, per driver per month", "18.00", "120"],
                ],
            ),
            (
                "p",
                "Fees are billed monthly in advance. Third-party map tiles are passed through at cost and billed in "
                "USD. Payment terms: Net 30.",
            ),
        ],
        "expected": contract(
            name="Prairie Rail Services Ltd.",
            email="ap@prairierail.test",
            currency="CAD",
            terms=30,
            start="2026-07-15",
            end="2029-07-15",
            lines=[line("flat", amount="2150.00"), line("per_seat", unit_price="18.00", seats="120")],
        ),
    },
    {
        "name": "p06_wrapped_legal_us_dollars",
        "format": "text",
        "raw": """SUBSCRIPTION AGREEMENT

This Subscription Agreement is made between Cobalt Ledger Systems, Inc.
(hereinafter "Provider") and Westbrook Municipal Utilities District
(hereinafter "Customer"), with invoices to be delivered to
payables@westbrookmud.test.

1. Term. The subscription shall commence on the first day of October
2026 and continue for a period of three (3) years.

2. Fees. Customer shall pay Provider a subscription fee of Nine
Thousand Six Hundred Dollars (US$9,600.00) per annum, payable annually
in advance, and a one-time implementation fee of Two Thousand Dollars
(US$2,000.00).

3. Payment. Invoices are payable within thirty (30) days after receipt
of invoice. Late amounts accrue interest at 1% per month.
""",
        "expected": contract(
            name="Westbrook Municipal Utilities District",
            email="payables@westbrookmud.test",
            currency="USD",
            terms=30,
            start="2026-10-01",
            end="2029-10-01",
            lines=[
                line("flat", amount="9600.00", billing_interval="year"),
                line("one_time", amount="2000.00"),
            ],
        ),
    },
    {
        "name": "p07_quarterly_usage_checks",
        "format": "pdf",
        "engine": "html",
        "blocks": [
            ("h", "Screening Services Agreement"),
            ("p", "Client: Summit Staffing Partners LLC (accounts@summitstaffing.test)"),
            ("p", "Services start April 1, 2027."),
            ("p", "Each background check: $12.50. Each drug screen: $31.00."),
            ("p", "Screenings are billed quarterly in arrears, on actual volume. Invoices are due within 20 days."),
        ],
        "expected": contract(
            name="Summit Staffing Partners LLC",
            email="accounts@summitstaffing.test",
            currency="USD",
            terms=20,
            start="2027-04-01",
            lines=[
                line("per_unit", metric="background_checks", unit_price="12.50", billing_interval_count=3),
                line("per_unit", metric="drug_screens", unit_price="31.00", billing_interval_count=3),
            ],
        ),
    },
    {
        "name": "p08_weekly_rental_waiver",
        "format": "docx",
        "blocks": [
            ("h", "Equipment Rental Agreement"),
            ("p", "Renter: Coastline Events Co."),
            ("p", "Email: bookings@coastlineevents.test"),
            ("p", "Rental period: June 6, 2026 through August 28, 2026."),
            ("p", "Rental: $450 per week, invoiced weekly in advance."),
            ("p", "Delivery and pickup: $300 one-time."),
            ("p", "Damage waiver: 10% of the weekly rental."),
            ("p", "Payment is due on receipt."),
        ],
        "expected": contract(
            name="Coastline Events Co.",
            email="bookings@coastlineevents.test",
            currency="USD",
            terms=0,
            start="2026-06-06",
            end="2026-08-29",
            lines=[
                line("flat", amount="450.00", billing_interval="week"),
                line("one_time", amount="300.00"),
                line("flat", amount="45.00", billing_interval="week"),
            ],
        ),
    },
]
