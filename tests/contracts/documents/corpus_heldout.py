"""The held-out corpus: written before the extractor was tuned on the development corpus and
not used while developing it; its F1 is reported separately (bench/extraction.py --set heldout).
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "h01_tiered_bullets",
        "format": "pdf",
        "blocks": [
            ("h", "Order Form - Signal Relay API"),
            ("p", "Customer name: Cascade Wearables, Inc."),
            ("p", "Invoices to: billing@cascadewearables.test"),
            ("p", "Subscription start date: July 15, 2026"),
            ("p", "Customer time zone: Pacific Time (America/Los_Angeles)"),
            ("p", "Device sync events are priced per event in graduated tiers each month:"),
            ("p", "- Tier 1: 0 - 5,000,000 events at $0.0002 per event"),
            ("p", "- Tier 2: 5,000,001 - 20,000,000 events at $0.00015 per event"),
            ("p", "- Tier 3: over 20,000,000 events at $0.0001 per event"),
            ("p", "Event charges are invoiced monthly in arrears. Payment is due Net 45."),
        ],
        "expected": contract(
            name="Cascade Wearables, Inc.",
            email="billing@cascadewearables.test",
            currency="USD",
            tz="America/Los_Angeles",
            terms=45,
            start="2026-07-15",
            lines=[
                line(
                    "graduated",
                    metric="events",
                    tiers=[
                        {"up_to": "5000000", "unit_price": "0.0002"},
                        {"up_to": "20000000", "unit_price": "0.00015"},
                        {"up_to": None, "unit_price": "0.0001"},
                    ],
                )
            ],
        ),
    },
    {
        "name": "h02_eur_seats_letter",
        "format": "docx",
        "blocks": [
            ("p", "Paris, le 3 mars 2026"),
            ("p", "Dear Mr. Laurent,"),
            (
                "p",
                "Thank you for choosing Atelier Cloud SAS. This letter confirms the agreement between Atelier Cloud "
                'SAS and Maison Verdier SA ("Client").',
            ),
            ("p", "Your subscription begins on 1 April 2026 for an initial period of 12 months."),
            (
                "p",
                "Design studio licences are priced at €59,00 per user per month; your order covers 30 users, billed "
                "monthly in advance. A one-off setup fee of €1.500,00 will be invoiced with the first invoice.",
            ),
            ("p", "Invoices will be sent to comptabilite@maisonverdier.test and are payable within 30 days."),
            ("p", "Kind regards, Claire Dubois"),
        ],
        "expected": contract(
            name="Maison Verdier SA",
            email="comptabilite@maisonverdier.test",
            currency="EUR",
            terms=30,
            start="2026-04-01",
            end="2027-04-01",
            lines=[
                line("per_seat", unit_price="59.00", seats="30"),
                line("one_time", amount="1500.00"),
            ],
        ),
    },
    {
        "name": "h03_sow_phases",
        "format": "text",
        "blocks": [
            ("p", "STATEMENT OF WORK #7"),
            ("p", 'Between Northstar Digital Ltd ("Supplier") and Greenfield Housing Association ("Customer").'),
            ("p", "Start date: 11 May 2026"),
            ("p", "Customer finance contact: purchase.ledger@greenfieldha.test"),
            ("p", "Payment schedule"),
            ("p", "Phase 1 - Discovery: £15,000, due 29 May 2026"),
            ("p", "Phase 2 - Build: £45,000, due 31 August 2026"),
            ("p", "Phase 3 - Launch and hypercare: £20,000, due 30 October 2026"),
            ("p", "Supplier will invoice each phase on acceptance. Payment within 30 days of invoice."),
        ],
        "expected": contract(
            name="Greenfield Housing Association",
            email="purchase.ledger@greenfieldha.test",
            currency="GBP",
            terms=30,
            start="2026-05-11",
            lines=[
                line(
                    "milestone",
                    milestones=[
                        {"name": "Phase 1 - Discovery", "amount": "15000.00", "due_date": "2026-05-29"},
                        {"name": "Phase 2 - Build", "amount": "45000.00", "due_date": "2026-08-31"},
                        {"name": "Phase 3 - Launch and hypercare", "amount": "20000.00", "due_date": "2026-10-30"},
                    ],
                )
            ],
        ),
    },
    {
        "name": "h04_prepaid_overage",
        "format": "pdf",
        "blocks": [
            ("h", "Prepaid Compute Order"),
            (
                "t",
                [
                    ["Customer", "Redwood Bioinformatics LLC"],
                    ["Billing email", "ap@redwoodbio.test"],
                    ["Effective date", "2026-03-01"],
                    ["Payment terms", "Net 30"],
                ],
            ),
            ("p", "Redwood buys a prepaid credit balance of $20,000 at a price of $18,000, payable in advance."),
            ("p", "The credits expire on February 28, 2027."),
            (
                "p",
                "GPU compute is charged at $2.40 per GPU-hour against the prepaid balance, billed monthly in arrears.",
            ),
        ],
        "expected": contract(
            name="Redwood Bioinformatics LLC",
            email="ap@redwoodbio.test",
            currency="USD",
            terms=30,
            start="2026-03-01",
            lines=[
                line("prepaid_credit", amount="20000.00", price="18000.00", expires_on="2027-02-28"),
                line("per_unit", metric="gpu_hours", unit_price="2.40"),
            ],
        ),
    },
    {
        "name": "h05_volume_table_minimum",
        "format": "docx",
        "blocks": [
            ("h", "Pricing Schedule A"),
            ("p", "Customer: Ironclad Insurance Group"),
            ("p", "Accounts payable email: ap@ironcladins.test"),
            ("p", "Start: September 1, 2026. End: August 31, 2028."),
            (
                "p",
                "Identity verifications are priced by monthly volume; the rate for the volume reached applies to all "
                "verifications in that month.",
            ),
            (
                "t",
                [
                    ["Verifications per month", "Price per verification"],
                    ["1 - 10,000", "$1.20"],
                    ["10,001 - 50,000", "$0.95"],
                    ["50,001+", "$0.70"],
                ],
            ),
            (
                "p",
                "Verification charges are subject to a minimum of $5,000 per month. Billed monthly in arrears; Net 30.",
            ),
        ],
        "expected": contract(
            name="Ironclad Insurance Group",
            email="ap@ironcladins.test",
            currency="USD",
            terms=30,
            start="2026-09-01",
            end="2028-09-01",
            lines=[
                line(
                    "volume",
                    metric="verifications",
                    minimum_amount="5000.00",
                    tiers=[
                        {"up_to": "10000", "unit_price": "1.20"},
                        {"up_to": "50000", "unit_price": "0.95"},
                        {"up_to": None, "unit_price": "0.70"},
                    ],
                )
            ],
        ),
    },
    {
        "name": "h06_eur_payments",
        "format": "text",
        "blocks": [
            ("p", "ACQUIRING SERVICES - FEE SCHEDULE"),
            ("p", "Merchant name: Boulangerie Lumière SARL"),
            ("p", "Merchant billing email: compta@boulangerie-lumiere.test"),
            ("p", "Effective from 1 June 2026."),
            (
                "p",
                "Card acquiring: 1.4% of the transaction value plus €0.25 per transaction, with a maximum fee of "
                "€5,00 per transaction.",
            ),
            ("p", "Fees are invoiced monthly in arrears and payable within 14 days."),
        ],
        "expected": contract(
            name="Boulangerie Lumière SARL",
            email="compta@boulangerie-lumiere.test",
            currency="EUR",
            terms=14,
            start="2026-06-01",
            lines=[line("percentage", metric="transaction_amount", rate="1.4", fixed_fee="0.25", per_event_max="5.00")],
        ),
    },
    {
        "name": "h07_multiyear_quarterly",
        "format": "pdf",
        "blocks": [
            ("h", "Enterprise License Agreement - Order"),
            (
                "p",
                'This Order is between Helios Security Corp. ("Licensor") and Summit County Government '
                '("Licensee"), effective as of January 1, 2027.',
            ),
            ("p", "The Order has a term of three (3) years."),
            (
                "p",
                "Licensee shall pay an annual license fee of $240,000, payable in equal quarterly installments in "
                "advance.",
            ),
            ("p", "Training services: a one-time fee of $9,500."),
            ("p", "Invoices to: accountspayable@summitcounty.test. Net 45."),
        ],
        "expected": contract(
            name="Summit County Government",
            email="accountspayable@summitcounty.test",
            currency="USD",
            terms=45,
            start="2027-01-01",
            end="2030-01-01",
            lines=[
                line("flat", amount="60000.00", billing_interval_count=3),
                line("one_time", amount="9500.00"),
            ],
        ),
    },
    {
        "name": "h08_package_included",
        "format": "text",
        "blocks": [
            ("p", "Order form - PixelForge Image API"),
            ("p", "Customer: Driftwood Studios LLC"),
            ("p", "Billing email: finance@driftwoodstudios.test"),
            ("p", "Start date: 2026-11-01"),
            (
                "p",
                "Image transformations: $10 per 1,000 transformations, billed monthly in arrears; 2,000 "
                "transformations per month are included at no charge.",
            ),
            ("p", "Pro plan: $99 per month, billed monthly in advance."),
            ("p", "Terms: Net 15."),
        ],
        "expected": contract(
            name="Driftwood Studios LLC",
            email="finance@driftwoodstudios.test",
            currency="USD",
            terms=15,
            start="2026-11-01",
            lines=[
                line(
                    "package", metric="transformations", package_size="1000", package_price="10.00", free_units="2000"
                ),
                line("flat", amount="99.00"),
            ],
        ),
    },
]
