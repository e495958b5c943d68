"""Unseen batch L: written (with the expected contracts) after batch K was written and before the
extractor was run on it (bench/extraction.py --set batch_l): telecom MRC / NRC order lines,
donation take rates with caps, Swiss apostrophe thousands in capitals, '$1.2k/mo' and cents,
a price column beside a converted-currency column, prepaid credit with top-ups, a yearly ramp in a
table, calendar-aligned invoicing with an hours allowance per quarter.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "m01_colo_mrc_nrc",
        "format": "pdf",
        "header": "Ironbridge Data Centers - Service Order SO-77120",
        "footer": "NOC 24x7: +1 (503) 555-0110 | 1 Ironbridge Way, Hillsboro, OR 97124 | Page {page}",
        "blocks": [
            ("h", "Service Order"),
            ("p", "Customer: Helix Genomics, Inc."),
            ("p", "Billing contact: Rosa Kim, billing@helixgenomics.test"),
            ("p", "Service Commencement Date: 2026-12-01"),
            (
                "p",
                "Initial Term: 36 months from the Service Commencement Date, then renews year to year unless "
                "terminated on 90 days' notice.",
            ),
            (
                "t",
                [
                    ["Item", "Qty", "NRC (each)", "MRC (each)"],
                    ["42U cabinet, 5 kW committed power", "2", "-", "USD 1,150.00"],
                    ["Fiber cross-connect", "4", "USD 300.00", "USD 150.00"],
                    ["Cabinet installation", "1", "USD 2,500.00", "-"],
                ],
            ),
            (
                "p",
                "Power drawn above the committed 5 kW per cabinet is metered and billed at USD 0.21 per kWh, "
                "monthly in arrears. MRCs are billed monthly in advance; NRCs are billed on the first invoice.",
            ),
            ("p", "Payment terms: Net 30. A remote-hands request is quoted separately at USD 175 per hour."),
        ],
        "expected": contract(
            name="Helix Genomics, Inc.",
            email="billing@helixgenomics.test",
            currency="USD",
            terms=30,
            start="2026-12-01",
            lines=[
                line("per_seat", unit_price="1150.00", seats="2"),
                line("one_time", amount="1200.00"),
                line("per_seat", unit_price="150.00", seats="4"),
                line("one_time", amount="2500.00"),
                line("per_unit", metric="kwh", unit_price="0.21"),
            ],
        ),
    },
    {
        "name": "m02_donation_take_rate",
        "format": "docx",
        "blocks": [
            ("h", "GivingPath Services Agreement - Fee Schedule"),
            ("p", "Organization: Friends of the Cascade Trails"),
            ("p", "Treasurer email: treasurer@cascadetrails.test"),
            ("p", "Start date: 03/15/2027"),
            (
                "p",
                "Card donations: 2.9% of each donation plus $0.30 per successful donation. ACH donations: 0.8% of "
                "each donation, capped at $5.00 per donation. Fees are totalled and invoiced monthly in arrears.",
            ),
            (
                "p",
                "There is no setup fee and no monthly fee. Chargebacks are passed through at cost. Donations "
                "over $10,000 may require additional verification.",
            ),
        ],
        "expected": contract(
            name="Friends of the Cascade Trails",
            email="treasurer@cascadetrails.test",
            currency="USD",
            start="2027-03-15",
            lines=[
                line("percentage", metric="card_donations", rate="2.9", fixed_fee="0.30"),
                line("percentage", metric="ach_donations", rate="0.8", per_event_max="5.00"),
            ],
        ),
    },
    {
        "name": "m03_swiss_capitals_clauses",
        "format": "text",
        "raw": """LIZENZ- UND DIENSTLEISTUNGSVERTRAG / LICENCE AND SERVICES AGREEMENT

BETWEEN MEDITRAX AG, BAARERSTRASSE 10, 6300 ZUG ("LICENSOR")
AND ALPENROSE KLINIKEN AG, SEESTRASSE 80, 8002 ZURICH ("LICENSEE")

SECTION 1. TERM
THIS AGREEMENT COMMENCES ON 1 JANUARY 2027 AND ENDS ON 31 DECEMBER 2029.

SECTION 2. FEES
2.1 ANNUAL LICENCE FEE: CHF 12'500.00 PER ANNUM, INVOICED ANNUALLY IN ADVANCE.
2.2 BED-DAY FEE: CHF 4.20 PER OCCUPIED BED-DAY, INVOICED MONTHLY IN ARREARS.
2.3 ALL FEES ARE EXCLUSIVE OF SWISS VAT (CURRENTLY 8.1%).

SECTION 3. PAYMENT
INVOICES ARE PAYABLE WITHIN THIRTY (30) DAYS. INVOICES SHALL BE SENT TO KREDITOREN@ALPENROSE-KLINIKEN.TEST.

SECTION 4. LIABILITY
THE LICENSOR'S LIABILITY IS LIMITED TO CHF 100'000.00 PER CONTRACT YEAR.
""",
        "expected": contract(
            name="Alpenrose Kliniken AG",
            email="kreditoren@alpenrose-kliniken.test",
            currency="CHF",
            terms=30,
            start="2027-01-01",
            end="2030-01-01",
            lines=[
                line("flat", amount="12500.00", billing_interval="year"),
                line("per_unit", metric="bed_days", unit_price="4.20"),
            ],
        ),
    },
    {
        "name": "m04_shorthand_rate_card",
        "format": "pdf",
        "engine": "html",
        "blocks": [
            ("h", "Brightline Parcel Co. x ShipKit - Order"),
            ("p", "Customer: Brightline Parcel Co."),
            ("p", "AP email: payables@brightlineparcel.test"),
            (
                "p",
                "This order is effective as of the later of the two signature dates below. Payment due 15 days "
                "after invoice.",
            ),
            (
                "tb",
                [
                    ["What", "Price"],
                    ["Enterprise plan", "$1.2k/mo, billed monthly in advance"],
                    ["Shipping labels", "5,000 labels/mo included, then 6¢ per label"],
                    ["Address validation", "$0.01 per lookup"],
                ],
            ),
            ("p", "Usage is billed monthly in arrears."),
            ("p", "ShipKit Inc. - signed by Lee Park on 2026-07-06"),
            ("p", "Brightline Parcel Co. - signed by Ana Ruiz on 2026-07-08"),
        ],
        "expected": contract(
            name="Brightline Parcel Co.",
            email="payables@brightlineparcel.test",
            currency="USD",
            terms=15,
            start="2026-07-08",
            lines=[
                line("flat", amount="1200.00"),
                line("per_unit", metric="labels", unit_price="0.06", included_units="5000"),
                line("per_unit", metric="lookups", unit_price="0.01"),
            ],
        ),
    },
    {
        "name": "m05_eur_with_usd_reference",
        "format": "docx",
        "blocks": [
            ("h", "Subscription Order"),
            ("p", "Customer: Nordlys Shipping AS, Strandkaien 6, 5013 Bergen, Norway"),
            ("p", "Invoices to: faktura@nordlys-shipping.test"),
            ("p", "Start: 15.01.2027 - Term: 2 years (no automatic renewal)"),
            (
                "t",
                [
                    ["Service", "Price (EUR)", "Indicative USD"],
                    ["Vessel tracking, per vessel per month (24 vessels)", "85,00", "92.50"],
                    ["Satellite position report, each", "0,012", "0.013"],
                ],
            ),
            (
                "p",
                "Contract currency is EUR; the USD column is for information only. Vessel fees are invoiced "
                "monthly in advance, position reports monthly in arrears. Payment within 30 days.",
            ),
        ],
        "expected": contract(
            name="Nordlys Shipping AS",
            email="faktura@nordlys-shipping.test",
            currency="EUR",
            terms=30,
            start="2027-01-15",
            end="2029-01-15",
            lines=[
                line("per_seat", unit_price="85.00", seats="24"),
                line("per_unit", metric="position_reports", unit_price="0.012"),
            ],
        ),
    },
    {
        "name": "m06_prepaid_gpu_credit",
        "format": "text",
        "blocks": [
            ("h", "Compute Credit Purchase Agreement"),
            ("p", 'Purchaser: Vantablack Robotics Corp. ("Customer"), accounts@vantablackrobotics.test'),
            ("p", "Effective: January 1, 2027"),
            (
                "p",
                "Customer prepays USD 45,000 for USD 50,000 of usage credit, invoiced on the Effective Date. "
                "Unused credit expires on December 31, 2027.",
            ),
            (
                "p",
                "GPU compute is charged against the credit at $2.10 per GPU-hour, measured monthly. When the "
                "remaining credit falls below USD 5,000, a further USD 10,000 of credit is purchased "
                "automatically at face value.",
            ),
            ("p", "Invoices are due within 10 days."),
        ],
        "expected": contract(
            name="Vantablack Robotics Corp.",
            email="accounts@vantablackrobotics.test",
            currency="USD",
            terms=10,
            start="2027-01-01",
            lines=[
                line(
                    "prepaid_credit",
                    amount="50000.00",
                    price="45000.00",
                    top_up_threshold="5000.00",
                    top_up_amount="10000.00",
                    expires_on="2027-12-31",
                ),
                line("per_unit", metric="gpu_hours", unit_price="2.10"),
            ],
        ),
    },
    {
        "name": "m07_broker_ramp_table",
        "format": "pdf",
        "header": "QuoteHarbor Insurance Software | quoteharbor.test | Tel 800-555-0134",
        "blocks": [
            ("h", "Multi-Year Subscription Order"),
            ("p", "Customer: Pinecrest Insurance Brokers Ltd."),
            ("p", "Billing email: finance@pinecrestbrokers.test"),
            ("p", "Subscription term: January 1, 2027 to December 31, 2029."),
            (
                "t",
                [
                    ["Period", "Annual subscription fee"],
                    ["Jan 1, 2027 - Dec 31, 2027", "$30,000.00"],
                    ["Jan 1, 2028 - Dec 31, 2028", "$33,000.00"],
                    ["Jan 1, 2029 - Dec 31, 2029", "$36,300.00"],
                ],
            ),
            ("p", "Fees are invoiced annually in advance at the start of each period. Payment terms: net 45."),
            ("p", "Total contract value: $99,300.00. Prior agreement no. 2019-114 terminated on December 31, 2026."),
        ],
        "expected": contract(
            name="Pinecrest Insurance Brokers Ltd.",
            email="finance@pinecrestbrokers.test",
            currency="USD",
            terms=45,
            start="2027-01-01",
            end="2030-01-01",
            lines=[
                line(
                    "flat", amount="30000.00", billing_interval="year", start_date="2027-01-01", end_date="2028-01-01"
                ),
                line(
                    "flat", amount="33000.00", billing_interval="year", start_date="2028-01-01", end_date="2029-01-01"
                ),
                line(
                    "flat", amount="36300.00", billing_interval="year", start_date="2029-01-01", end_date="2030-01-01"
                ),
            ],
        ),
    },
    {
        "name": "m08_soc_calendar_hours",
        "format": "docx",
        "blocks": [
            ("h", "Managed Security Services - Order"),
            ("p", "Client: Tri-County Credit Union"),
            ("p", "Accounts payable: ap@tricountycu.test"),
            (
                "p",
                "Services begin 1 March 2027 for an initial term of 36 months and renew automatically for "
                "12-month terms.",
            ),
            ("p", "24x7 SOC monitoring: $4,800 per month, billed monthly in advance."),
            (
                "p",
                "Incident response: 10 hours per quarter are included; additional hours are billed at $275 per "
                "hour, quarterly in arrears.",
            ),
            (
                "p",
                "Invoices are issued on the first day of each calendar month, the first one prorated to the "
                "start of the month. Payment: net 60.",
            ),
        ],
        "expected": contract(
            name="Tri-County Credit Union",
            email="ap@tricountycu.test",
            currency="USD",
            terms=60,
            start="2027-03-01",
            alignment="calendar",
            lines=[
                line("flat", amount="4800.00"),
                line("per_unit", metric="hours", unit_price="275.00", included_units="10", billing_interval_count=3),
            ],
        ),
    },
]
