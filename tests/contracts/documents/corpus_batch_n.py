"""Unseen batch N: written (with the expected contracts) after the fixes that batches K, L and M
exposed, and before the extractor was run on it (bench/extraction.py --set batch_n): a second blind
measure. NZ$ with GST, a take rate on media spend, a storage allowance column, 'extends
automatically', amounts written '1.800,00 EUR', all-units tiers in prose, a renewal letter that
quotes last year's fee, a tab-separated quote, an annual spend commitment, hourly rates under a cap.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "o01_agency_retainer_nzd",
        "format": "docx",
        "blocks": [
            ("h", "Retainer Agreement"),
            ("p", "Client: Kauri Coast Tourism Ltd"),
            ("p", "Accounts: accounts@kauricoast.test"),
            ("p", "Term: six months from 1 March 2027."),
            ("p", "Monthly retainer: NZ$4,750 + GST per month, invoiced in advance on the 1st."),
            ("p", "Paid media management: 12% of media spend, invoiced monthly in arrears."),
            ("p", "Payment: 7 days from invoice. Our GST number is 123-456-789."),
        ],
        "expected": contract(
            name="Kauri Coast Tourism Ltd",
            email="accounts@kauricoast.test",
            currency="NZD",
            terms=7,
            start="2027-03-01",
            end="2027-09-01",
            lines=[
                line("flat", amount="4750.00"),
                line("percentage", metric="media_spend", rate="12"),
            ],
        ),
    },
    {
        "name": "o02_backup_allowance_column",
        "format": "pdf",
        "header": "Frostline Backup Services, 88 Harbor Rd, Juneau AK 99801",
        "footer": "Order Form rev. 2024-03 - Page {page}",
        "blocks": [
            ("h", "Order Form"),
            ("p", "Customer: Glacier Bay Credit Union"),
            ("p", "Billing e-mail: finance@glacierbaycu.test"),
            ("p", "Service Start Date: 2026-11-15. Initial term: 36 months."),
            (
                "t",
                [
                    ["Service", "Unit", "Unit rate", "Included"],
                    ["Backup storage", "per TB per month", "$22.00", "5 TB"],
                    ["Protected servers", "per server per month", "$35.00", "-"],
                    ["Onboarding", "one-time", "$1,500.00", "-"],
                ],
            ),
            ("p", "Quantity ordered: 18 protected servers."),
            ("p", "Server fees are billed monthly in advance; storage is billed monthly in arrears. Net 30."),
        ],
        "expected": contract(
            name="Glacier Bay Credit Union",
            email="finance@glacierbaycu.test",
            currency="USD",
            terms=30,
            start="2026-11-15",
            end="2029-11-15",
            lines=[
                line("per_unit", metric="tb", unit_price="22.00", included_units="5"),
                line("per_seat", unit_price="35.00", seats="18"),
                line("one_time", amount="1500.00"),
            ],
        ),
    },
    {
        "name": "o03_quarterly_eur_code_after",
        "format": "text",
        "blocks": [
            ("h", "Service Agreement - Kitchen Equipment Maintenance"),
            ("p", "Customer: Hotel Seeblick GmbH, Uferweg 3, 82319 Starnberg"),
            ("p", "Invoices by e-mail to: buchhaltung@hotel-seeblick.test"),
            ("p", "Start of services: 01.04.2027"),
            (
                "p",
                "The agreement runs for 12 months and extends automatically by a further 12 months unless "
                "terminated with three months' notice.",
            ),
            ("p", "- Quarterly maintenance fee: 1.800,00 EUR, invoiced quarterly in advance."),
            ("p", "- Emergency call-outs are charged at 150,00 EUR per hour and invoiced monthly in arrears."),
            ("p", "Payment within 14 days net."),
        ],
        "expected": contract(
            name="Hotel Seeblick GmbH",
            email="buchhaltung@hotel-seeblick.test",
            currency="EUR",
            terms=14,
            start="2027-04-01",
            lines=[
                line("flat", amount="1800.00", billing_interval_count=3),
                line("per_unit", metric="hours", unit_price="150.00"),
            ],
        ),
    },
    {
        "name": "o04_mau_volume_prose",
        "format": "pdf",
        "engine": "html",
        "blocks": [
            ("h", "Pixelforge Games Inc. - LiveOps Platform Order"),
            ("p", "Customer: Pixelforge Games Inc."),
            ("p", "Invoices: ap@pixelforge.test"),
            ("p", "Subscription starts November 1, 2026. Net 15."),
            (
                "p",
                "Pricing is per monthly active user (MAU), and the rate for the month's total applies to all "
                "users: 0 - 1,000 MAU: $2.00 per MAU; 1,001 - 10,000 MAU: $1.50 per MAU; above 10,000 MAU: "
                "$1.00 per MAU. Billed monthly in arrears, with a minimum monthly fee of $500.",
            ),
        ],
        "expected": contract(
            name="Pixelforge Games Inc.",
            email="ap@pixelforge.test",
            currency="USD",
            terms=15,
            start="2026-11-01",
            lines=[
                line(
                    "volume",
                    metric="mau",
                    minimum_amount="500.00",
                    tiers=[
                        {"up_to": "1000", "unit_price": "2.00"},
                        {"up_to": "10000", "unit_price": "1.50"},
                        {"up_to": None, "unit_price": "1.00"},
                    ],
                )
            ],
        ),
    },
    {
        "name": "o05_renewal_letter_old_fee",
        "format": "docx",
        "blocks": [
            ("p", "Lexicon Learning Ltd, 9 Quay Street, Bristol BS1 4DJ"),
            ("p", "12 May 2027"),
            ("p", "The Business Manager, Thornbury Academy Trust"),
            ("p", "Dear Business Manager,"),
            (
                "p",
                "We are writing to confirm your renewal of the Lexicon reading platform for the period 1 July "
                "2027 to 30 June 2028. Your annual licence fee will be £18,900 (2026/27: £18,000), invoiced "
                "annually in advance.",
            ),
            (
                "p",
                "Invoices will be sent to finance@thornburytrust.test and are payable within 30 days of the "
                "invoice date.",
            ),
            ("p", "Kind regards, Lexicon Learning Ltd"),
        ],
        "expected": contract(
            name="Thornbury Academy Trust",
            email="finance@thornburytrust.test",
            currency="GBP",
            terms=30,
            start="2027-07-01",
            end="2028-07-01",
            lines=[line("flat", amount="18900.00", billing_interval="year")],
        ),
    },
    {
        "name": "o06_tab_separated_quote",
        "format": "text",
        "raw": (
            "QUOTE Q-5521 - ScanPoint Systems\n"
            "Customer: Redwood Cold Storage Inc.\n"
            "Bill to: payables@redwoodcold.test\n"
            "Go-live: 08/01/2026\n"
            "\n"
            "Item\tQty\tUnit\tPrice\tBilling\n"
            "Warehouse scanner licence\t25\tdevice\tUSD 19.00\tmonthly in advance\n"
            "Label printer lease\t4\tprinter\tUSD 45.00\tmonthly in advance\n"
            "Site survey\t1\tvisit\tUSD 950.00\tonce\n"
            "\n"
            "Terms: Net 45. Quote valid for 30 days. Sales contact: 415-555-0188.\n"
        ),
        "expected": contract(
            name="Redwood Cold Storage Inc.",
            email="payables@redwoodcold.test",
            currency="USD",
            terms=45,
            start="2026-08-01",
            lines=[
                line("per_seat", unit_price="19.00", seats="25"),
                line("per_seat", unit_price="45.00", seats="4"),
                line("one_time", amount="950.00"),
            ],
        ),
    },
    {
        "name": "o07_annual_spend_commitment",
        "format": "pdf",
        "blocks": [
            ("h", "Cloud Services Order"),
            ("p", 'Lumen Biotech Corp. ("Customer"), billing contact: cloudbilling@lumenbio.test'),
            ("p", "This order is effective as of September 1, 2026 and has a term of two (2) years."),
            (
                "p",
                "Customer commits to a minimum spend of USD 120,000 per contract year across all usage. "
                "Compute: $0.045 per vCPU-hour. Storage: $0.02 per GB-month. Usage is billed monthly in arrears.",
            ),
            ("p", "Payment terms: Net 60. Support is included at no charge."),
        ],
        "expected": contract(
            name="Lumen Biotech Corp.",
            email="cloudbilling@lumenbio.test",
            currency="USD",
            terms=60,
            start="2026-09-01",
            end="2028-09-01",
            commitment={"amount": "120000.00", "period": "year"},
            lines=[
                line("per_unit", metric="vcpu_hours", unit_price="0.045"),
                line("per_unit", metric="gb_months", unit_price="0.02"),
            ],
        ),
    },
    {
        "name": "o08_hourly_rates_cap",
        "format": "docx",
        "blocks": [
            ("h", "Statement of Work - Data Platform Migration"),
            ("p", "Client: Bluebird Logistics LLC (billing: ap@bluebirdlogistics.test)"),
            ("p", "Project start: 2026-10-05"),
            (
                "t",
                [
                    ["Role", "Hourly rate"],
                    ["Senior engineer", "$210"],
                    ["Engineer", "$160"],
                ],
            ),
            (
                "p",
                "Time is invoiced monthly in arrears. Fees shall not exceed $40,000 without a change order. "
                "Payment is due within 30 days of receipt of invoice.",
            ),
        ],
        "expected": contract(
            name="Bluebird Logistics LLC",
            email="ap@bluebirdlogistics.test",
            currency="USD",
            terms=30,
            start="2026-10-05",
            lines=[
                line("per_unit", metric="senior_engineer_hours", unit_price="210.00"),
                line("per_unit", metric="engineer_hours", unit_price="160.00"),
            ],
        ),
    },
]
