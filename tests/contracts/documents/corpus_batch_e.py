"""Unseen batch E: written (with the expected contracts) after the batch-D fixes and before the
extractor was run on it (bench/extraction.py --set batch_e): abbreviated cadences, multi-year
prepay, allowance and overage columns, French number formats, time-and-materials rates with a
cap, committed seats with a true-up, a yen order.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "f01_abbreviated_aud",
        "format": "text",
        "blocks": [
            ("h", "Schedule of Fees"),
            ("p", "Client: Harbourside Physiotherapy Pty Ltd"),
            ("p", "Accounts: accounts@harboursidephysio.test"),
            ("p", "Commencing: 3 August 2026"),
            ("p", "- Practice management software: A$89 p/m per practitioner x 9 practitioners"),
            ("p", "- SMS reminders: A$0.09 per SMS, billed monthly in arrears"),
            ("p", "- Data conversion (once-off): A$650"),
            ("p", "Subscription fees are billed monthly in advance. Invoices are due within 14 days."),
        ],
        "expected": contract(
            name="Harbourside Physiotherapy Pty Ltd",
            email="accounts@harboursidephysio.test",
            currency="AUD",
            terms=14,
            start="2026-08-03",
            lines=[
                line("per_seat", unit_price="89.00", seats="9"),
                line("per_unit", metric="sms", unit_price="0.09"),
                line("one_time", amount="650.00"),
            ],
        ),
    },
    {
        "name": "f02_multiyear_annual",
        "format": "pdf",
        "blocks": [
            ("h", "Enterprise Subscription Order"),
            (
                "t",
                [
                    ["Customer", "Northgate University"],
                    ["Invoice To", "accountspayable@northgate.test"],
                    ["Subscription Start", "September 1, 2026"],
                    ["Subscription Term", "Three (3) years"],
                ],
            ),
            (
                "p",
                "Annual Subscription Fee: $48,000 per year. The Year 1 fee is invoiced on the Subscription Start "
                "date and the fees for Years 2 and 3 on each anniversary, in advance.",
            ),
            ("p", "Payment terms: Net 45 days from invoice."),
        ],
        "expected": contract(
            name="Northgate University",
            email="accountspayable@northgate.test",
            currency="USD",
            terms=45,
            start="2026-09-01",
            end="2029-09-01",
            lines=[line("flat", amount="48000.00", billing_interval="year")],
        ),
    },
    {
        "name": "f03_allowance_overage_columns",
        "format": "docx",
        "blocks": [
            ("h", "Plan Details"),
            ("p", "Customer: Tidewater Logistics LLC"),
            ("p", "Billing email: billing@tidewaterlogistics.test"),
            ("p", "Plan start: 2026-12-01"),
            (
                "t",
                [
                    ["Component", "Monthly fee", "Included per month", "Overage rate"],
                    ["Tracking platform", "$2,000.00", "-", "-"],
                    ["Shipment labels", "-", "20,000 labels", "$0.06 per label"],
                ],
            ),
            ("p", "Monthly fees are invoiced in advance; overage is invoiced monthly in arrears. Net 30."),
        ],
        "expected": contract(
            name="Tidewater Logistics LLC",
            email="billing@tidewaterlogistics.test",
            currency="USD",
            terms=30,
            start="2026-12-01",
            lines=[
                line("flat", amount="2000.00"),
                line("per_unit", metric="labels", unit_price="0.06", included_units="20000"),
            ],
        ),
    },
    {
        "name": "f04_french_numbers_eur",
        "format": "text",
        "blocks": [
            ("p", "Lyon, le 4 novembre 2026"),
            ("p", "Subscription confirmation"),
            (
                "p",
                'Between Logiciels Rhône SAS (the "Provider") and Boulangeries Martin SARL (the "Customer").',
            ),
            (
                "p",
                "The subscription starts on 1 December 2026 for 12 months. The monthly fee is 1 250,00 € excl. VAT "
                "for the 14 shops, i.e. 89,29 € per shop, billed monthly in advance.",
            ),
            ("p", "Invoices: compta@boulangeries-martin.test. Payment at 30 days."),
        ],
        "expected": contract(
            name="Boulangeries Martin SARL",
            email="compta@boulangeries-martin.test",
            currency="EUR",
            terms=30,
            start="2026-12-01",
            end="2027-12-01",
            lines=[line("flat", amount="1250.00")],
        ),
    },
    {
        "name": "f05_tm_rates_cap",
        "format": "pdf",
        "blocks": [
            ("h", "Statement of Work #12 - Time and Materials"),
            ("p", 'Client: Pioneer Valley Credit Union ("Client")'),
            ("p", "Client AP: ap@pioneervalleycu.test"),
            ("p", "Start date: April 6, 2026"),
            (
                "t",
                [
                    ["Role", "Hourly rate"],
                    ["Senior consultant", "$225.00"],
                    ["Consultant", "$175.00"],
                ],
            ),
            (
                "p",
                "Time is invoiced monthly in arrears. Total fees under this SOW shall not exceed $50,000 without a "
                "change order. Invoices are payable Net 30.",
            ),
        ],
        "expected": contract(
            name="Pioneer Valley Credit Union",
            email="ap@pioneervalleycu.test",
            currency="USD",
            terms=30,
            start="2026-04-06",
            lines=[
                line("per_unit", metric="hours", unit_price="225.00"),
                line("per_unit", metric="hours", unit_price="175.00"),
            ],
        ),
    },
    {
        "name": "f06_committed_seats_trueup",
        "format": "docx",
        "blocks": [
            ("h", "Order Form"),
            ("p", "Customer: Meridian Dental Group, LLC"),
            ("p", "Billing contact email: ap@meridiandental.test"),
            ("p", "Order Effective Date: 2027-02-01; Initial Term: 12 months."),
            (
                "p",
                "Customer commits to 200 seats at $25 per seat per month, billed monthly in advance. Seats added "
                "during the term are billed at the same rate as a true-up at the end of each quarter.",
            ),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Meridian Dental Group, LLC",
            email="ap@meridiandental.test",
            currency="USD",
            terms=30,
            start="2027-02-01",
            end="2028-02-01",
            lines=[line("per_seat", unit_price="25.00", seats="200")],
        ),
    },
    {
        "name": "f07_jpy_order",
        "format": "text",
        "blocks": [
            ("h", "Order Sheet"),
            ("p", "Customer: Sakura Retail K.K."),
            ("p", "Billing e-mail: keiri@sakuraretail.test"),
            ("p", "Service start date: 2026/10/01"),
            ("p", "Monthly service fee: ¥250,000 (excluding consumption tax), billed monthly in advance"),
            ("p", "Initial setup fee: ¥100,000 (one time)"),
            ("p", "Payment: within 30 days of invoice."),
        ],
        "expected": contract(
            name="Sakura Retail K.K.",
            email="keiri@sakuraretail.test",
            currency="JPY",
            terms=30,
            start="2026-10-01",
            lines=[
                line("flat", amount="250000"),
                line("one_time", amount="100000"),
            ],
        ),
    },
]
