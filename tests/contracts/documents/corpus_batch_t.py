"""Unseen batch T: written (with the expected contracts) after the batch-S fixes and before the
extractor was run on it (bench/extraction.py --set batch_t): a reseller agreement paying a revenue
share and a programme fee after long legal terms, a device-as-a-service lease with per-unit monthly
fees and a buyout option, a marketing agency retainer with overage hours, a data licence priced per
record with an annual minimum, a parcel rate sheet with volume bands, a healthcare order form with
per-provider seats and implementation milestones, and a yen renewal quote with a price uplift.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "bt01_reseller_revenue_share",
        "format": "pdf",
        "blocks": [
            ("h", "Reseller Partner Agreement"),
            (
                "p",
                'This Reseller Partner Agreement (the "Agreement") is made between Corvid Security Ltd, a company '
                'registered in England ("Vendor"), and BrightPath Partners Ltd ("Partner").',
            ),
            ("p", "Effective Date: 1 April 2027"),
            ("h", "1. Appointment"),
            (
                "p",
                "Vendor appoints Partner as a non-exclusive reseller of the Corvid Cloud Firewall in the Territory. "
                "Partner may set its own resale prices. Partner shall not appoint sub-resellers without Vendor's "
                "prior written consent.",
            ),
            ("h", "2. Term"),
            (
                "p",
                "This Agreement starts on the Effective Date and continues for an initial term of two (2) years. "
                "Either party may terminate for material breach on thirty (30) days' written notice.",
            ),
            ("h", "3. Fees and revenue share"),
            (
                "p",
                "3.1 Partner shall pay Vendor a revenue share equal to thirty percent (30%) of Net Revenue "
                "received by Partner from End Customer subscriptions, reported and invoiced quarterly in arrears.",
            ),
            (
                "p",
                "3.2 Partner shall pay an Annual Partner Programme Fee of £5,000, invoiced annually in advance.",
            ),
            (
                "p",
                "3.3 Invoices are payable within forty-five (45) days of the invoice date. Invoices shall be sent "
                "to finance@brightpathpartners.test.",
            ),
            ("h", "4. Liability"),
            (
                "p",
                "Each party's total liability under this Agreement is limited to the fees paid or payable in the "
                "twelve (12) months preceding the claim, and in any case not more than £250,000.",
            ),
        ],
        "expected": contract(
            name="BrightPath Partners Ltd",
            email="finance@brightpathpartners.test",
            currency="GBP",
            terms=45,
            start="2027-04-01",
            end="2029-04-01",
            lines=[
                line("percentage", metric="net_revenue", rate="30", billing_interval_count=3),
                line("flat", amount="5000.00", billing_interval="year"),
            ],
        ),
    },
    {
        "name": "bt02_device_lease_buyout",
        "format": "docx",
        "blocks": [
            ("h", "Device-as-a-Service Agreement - Schedule 1"),
            ("p", "Lessor: Kestrel Device Finance LLC"),
            ("p", "Lessee: Harbor Point Distribution Co."),
            ("p", "Accounts payable: ap@harborpointdist.test"),
            (
                "p",
                'The Equipment is leased from February 1, 2027 (the "Commencement Date") for a Lease Term of '
                "thirty-six (36) months.",
            ),
            (
                "t",
                [
                    ["Equipment", "Units", "Monthly fee per unit", "Monthly total"],
                    ["Handheld scanner with care plan", "120", "$42.50", "$5,100.00"],
                    ["Vehicle mount charging cradle", "30", "$6.00", "$180.00"],
                ],
            ),
            ("p", "Monthly fees are invoiced monthly in advance."),
            ("p", "One-time delivery and provisioning fee: $1,800.00, invoiced with the first monthly invoice."),
            (
                "p",
                "End-of-term buyout option: Lessee may purchase all scanners at $35.00 per unit at the end of the "
                "Lease Term by giving 60 days' notice.",
            ),
            ("p", "Payment terms: net 20."),
        ],
        "expected": contract(
            name="Harbor Point Distribution Co.",
            email="ap@harborpointdist.test",
            currency="USD",
            terms=20,
            start="2027-02-01",
            end="2030-02-01",
            lines=[
                line("per_seat", unit_price="42.50", seats="120"),
                line("per_seat", unit_price="6.00", seats="30"),
                line("one_time", amount="1800.00"),
            ],
        ),
    },
    {
        "name": "bt03_agency_retainer_overage_hours",
        "format": "text",
        "blocks": [
            ("h", "Retainer Letter - Always-on Marketing Support"),
            ("p", "Agency: Foxglove Creative Ltd"),
            ("p", "Client: Saltmarsh Coffee Roasters Ltd"),
            ("p", "Invoices to: accounts@saltmarshcoffee.test"),
            ("p", "Retainer start: 1 March 2027. The retainer rolls monthly and may be cancelled on 60 days' notice."),
            (
                "p",
                "Monthly retainer: £6,500 + VAT, invoiced on the 1st of each month in advance, covering up to 50 "
                "hours of strategy, content and paid-social management.",
            ),
            (
                "p",
                "Hours beyond 50 in any month are charged at £120 per hour + VAT and invoiced monthly in arrears "
                "with a timesheet.",
            ),
            ("p", "Payment terms: 14 days."),
        ],
        "expected": contract(
            name="Saltmarsh Coffee Roasters Ltd",
            email="accounts@saltmarshcoffee.test",
            currency="GBP",
            terms=14,
            start="2027-03-01",
            lines=[
                line("flat", amount="6500.00"),
                line("per_unit", metric="hours", unit_price="120.00", included_units="50"),
            ],
        ),
    },
    {
        "name": "bt04_data_licence_per_record",
        "format": "pdf",
        "blocks": [
            ("h", "DATA LICENSE AGREEMENT"),
            (
                "p",
                'This Data License Agreement is entered into as of the 15th day of March, 2027 (the "Effective '
                'Date") by and between Orbis Data Partners, Inc. ("Licensor") and Veritas Credit Union '
                '("Licensee").',
            ),
            ("p", "1. Term. The initial term is three (3) years from the Effective Date."),
            (
                "p",
                "2. Fees. Licensee shall pay US$0.12 per Record delivered, invoiced monthly in arrears based on "
                "Licensor's delivery logs. Licensee commits to an annual minimum fee of US$24,000; any shortfall "
                "is invoiced at the end of each contract year.",
            ),
            (
                "p",
                "3. Invoicing. Invoices are sent to dataprocurement@veritascu.test and are payable within thirty "
                "(30) days.",
            ),
            (
                "p",
                "4. Use restrictions. Licensee may use the Records only for credit decisioning and shall not "
                "resell them. Licensee may keep up to 1,000,000 Records in its archive.",
            ),
        ],
        "expected": contract(
            name="Veritas Credit Union",
            email="dataprocurement@veritascu.test",
            currency="USD",
            terms=30,
            start="2027-03-15",
            end="2030-03-15",
            commitment={"amount": "24000.00", "period": "year"},
            lines=[line("per_unit", metric="records", unit_price="0.12")],
        ),
    },
    {
        "name": "bt05_parcel_rate_sheet_bands",
        "format": "docx",
        "blocks": [
            ("h", "Rate Sheet - Parcel Fulfilment Services"),
            ("p", "Shipper: Marlowe Home Goods Inc."),
            ("p", "Billing: freight-invoices@marlowehome.test"),
            ("p", "Effective: 2027-05-01 through 2028-04-30"),
            (
                "t",
                [
                    ["Monthly shipments", "Rate per shipment"],
                    ["1 - 500", "$7.40"],
                    ["501 - 2,000", "$6.90"],
                    ["2,001 and above", "$6.20"],
                ],
            ),
            (
                "p",
                "The rate of the band reached in a calendar month applies to every shipment in that month. "
                "Shipments are invoiced monthly in arrears.",
            ),
            ("p", "Warehouse platform fee: $350.00 per month, invoiced in advance."),
            ("p", "Payment terms: net 30."),
        ],
        "expected": contract(
            name="Marlowe Home Goods Inc.",
            email="freight-invoices@marlowehome.test",
            currency="USD",
            terms=30,
            start="2027-05-01",
            end="2028-05-01",
            lines=[
                line(
                    "volume",
                    metric="shipments",
                    tiers=[
                        {"up_to": "500", "unit_price": "7.40"},
                        {"up_to": "2000", "unit_price": "6.90"},
                        {"up_to": None, "unit_price": "6.20"},
                    ],
                ),
                line("flat", amount="350.00"),
            ],
        ),
    },
    {
        "name": "bt06_clinic_providers_milestones",
        "format": "text",
        "blocks": [
            ("h", "ORDER FORM - Clinical Documentation Platform"),
            ("p", "Customer: Riverbend Family Medicine, P.C."),
            ("p", "Bill to: billing@riverbendfm.test"),
            ("p", "Subscription start date: April 1, 2027"),
            ("p", "Subscription term: 24 months"),
            ("p", "All dates and times in this Order Form are Central Time (America/Chicago)."),
            (
                "t",
                [
                    ["Item", "Quantity", "Price", "Billing"],
                    ["Provider licence", "40 providers", "$89.00 per provider per month", "Monthly in advance"],
                ],
            ),
            (
                "p",
                "Implementation services (fixed fee of $30,000) are invoiced on the following milestones:",
            ),
            (
                "t",
                [
                    ["Milestone", "Amount", "Target date"],
                    ["Kick-off and data mapping", "$9,000.00", "April 15, 2027"],
                    ["EHR integration live", "$12,000.00", "June 1, 2027"],
                    ["Go-live and training complete", "$9,000.00", "July 1, 2027"],
                ],
            ),
            ("p", "Payment terms: net 30 days."),
        ],
        "expected": contract(
            name="Riverbend Family Medicine, P.C.",
            email="billing@riverbendfm.test",
            currency="USD",
            tz="America/Chicago",
            terms=30,
            start="2027-04-01",
            end="2029-04-01",
            lines=[
                line("per_seat", unit_price="89.00", seats="40"),
                line(
                    "milestone",
                    milestones=[
                        {"name": "Kick-off and data mapping", "amount": "9000.00", "due_date": "2027-04-15"},
                        {"name": "EHR integration live", "amount": "12000.00", "due_date": "2027-06-01"},
                        {"name": "Go-live and training complete", "amount": "9000.00", "due_date": "2027-07-01"},
                    ],
                ),
            ],
        ),
    },
    {
        "name": "bt07_yen_renewal_uplift",
        "format": "pdf",
        "blocks": [
            ("h", "Renewal Quotation No. RN-2027-0412"),
            ("p", "To: Hoshino Precision Co., Ltd."),
            ("p", "Billing email: keiri@hoshino-precision.test"),
            ("p", "Renewal period: 1 June 2027 - 31 May 2028"),
            (
                "t",
                [
                    ["Item", "Current annual fee", "Uplift", "Renewal annual fee"],
                    ["Production scheduling licence", "¥1,200,000", "5%", "¥1,260,000"],
                    ["Premium support", "¥240,000", "5%", "¥252,000"],
                ],
            ),
            ("p", "Renewal fees are invoiced annually in advance. Payment terms: 30 days from invoice."),
        ],
        "expected": contract(
            name="Hoshino Precision Co., Ltd.",
            email="keiri@hoshino-precision.test",
            currency="JPY",
            terms=30,
            start="2027-06-01",
            end="2028-06-01",
            lines=[
                line("flat", amount="1260000", billing_interval="year"),
                line("flat", amount="252000", billing_interval="year"),
            ],
        ),
    },
]
