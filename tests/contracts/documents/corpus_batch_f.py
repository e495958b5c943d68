"""Unseen batch F: written (with the expected contracts) after the batch-E fixes and before the
extractor was run on it (bench/extraction.py --set batch_f): a UK licence with support as a
percentage, free allowances before package pricing, managed-service device counts, a marketplace
commission with a free amount, reserved nodes with bandwidth overage, a CPQ order billed
quarterly.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "g01_licence_support_percent",
        "format": "docx",
        "blocks": [
            ("h", "Software Licence and Support Agreement - Commercial Schedule"),
            ("p", 'Licensee: Ashdown Veterinary Group Limited (the "Licensee")'),
            ("p", "Effective Date: 1st April 2027"),
            ("p", "Licensee finance contact: finance@ashdownvets.test"),
            ("p", "Licence fee: £12,000 per annum, payable annually in advance."),
            ("p", "Support and maintenance: £2,400 per annum (20% of the licence fee), payable annually in advance."),
            ("p", "All invoices are payable within 30 days of the date of invoice."),
        ],
        "expected": contract(
            name="Ashdown Veterinary Group Limited",
            email="finance@ashdownvets.test",
            currency="GBP",
            terms=30,
            start="2027-04-01",
            lines=[
                line("flat", amount="12000.00", billing_interval="year"),
                line("flat", amount="2400.00", billing_interval="year"),
            ],
        ),
    },
    {
        "name": "g02_free_then_packages",
        "format": "text",
        "blocks": [
            ("h", "Geocoding API - Order Confirmation"),
            ("p", "Customer: Parcelwise Inc."),
            ("p", "Billing email: billing@parcelwise.test"),
            ("p", "Start date: 2026-09-01"),
            (
                "p",
                "The first 100,000 geocoding calls each month are free; thereafter calls are charged at $0.50 per "
                "1,000 calls, invoiced monthly in arrears.",
            ),
            ("p", "Payment terms: Net 15."),
        ],
        "expected": contract(
            name="Parcelwise Inc.",
            email="billing@parcelwise.test",
            currency="USD",
            terms=15,
            start="2026-09-01",
            lines=[line("package", metric="calls", package_size="1000", package_price="0.50", free_units="100000")],
        ),
    },
    {
        "name": "g03_msp_devices",
        "format": "pdf",
        "blocks": [
            ("h", "Managed Services Agreement - Schedule A"),
            ("p", 'Client: Brookfield Family Dentistry PC ("Client")'),
            ("p", "Service commencement: May 1, 2026"),
            ("p", "Invoices to: office@brookfielddental.test"),
            (
                "t",
                [
                    ["Device type", "Count", "Rate"],
                    ["Workstations", "45", "$35.00/device/month"],
                    ["Servers", "6", "$150.00/device/month"],
                ],
            ),
            ("p", "Managed service fees are billed monthly in advance. Payment due Net 30."),
        ],
        "expected": contract(
            name="Brookfield Family Dentistry PC",
            email="office@brookfielddental.test",
            currency="USD",
            terms=30,
            start="2026-05-01",
            lines=[
                line("per_seat", unit_price="35.00", seats="45"),
                line("per_seat", unit_price="150.00", seats="6"),
            ],
        ),
    },
    {
        "name": "g04_commission_free_amount",
        "format": "text",
        "blocks": [
            ("h", "Seller Agreement - Fees"),
            ("p", 'Seller: Tallgrass Outdoor Co. (the "Seller")'),
            ("p", "Seller accounts email: accounts@tallgrassoutdoor.test"),
            ("p", "Effective: June 15, 2026"),
            (
                "p",
                "Commission: 12% of Gross Merchandise Value, with the first $5,000 of GMV each month free of "
                "commission. Commission is invoiced monthly in arrears and payable within 10 days.",
            ),
        ],
        "expected": contract(
            name="Tallgrass Outdoor Co.",
            email="accounts@tallgrassoutdoor.test",
            currency="USD",
            terms=10,
            start="2026-06-15",
            lines=[line("percentage", metric="transaction_amount", rate="12", free_amount="5000.00")],
        ),
    },
    {
        "name": "g05_nodes_bandwidth_eur",
        "format": "docx",
        "blocks": [
            ("h", "Hosting Order"),
            ("p", "Customer: Vogelsang Medien GmbH"),
            ("p", "Invoice address (e-mail): rechnungseingang@vogelsang-medien.test"),
            ("p", "Start: 01.09.2026, term 12 months"),
            ("p", "Reserved capacity: 4 nodes x €1.150,00/month, invoiced monthly in advance."),
            (
                "p",
                "Bandwidth: 10 TB per month included; additional bandwidth €25,00 per TB, invoiced monthly in arrears.",
            ),
            ("p", "Payment within 14 days of invoice."),
        ],
        "expected": contract(
            name="Vogelsang Medien GmbH",
            email="rechnungseingang@vogelsang-medien.test",
            currency="EUR",
            terms=14,
            start="2026-09-01",
            end="2027-09-01",
            lines=[
                line("per_seat", unit_price="1150.00", seats="4"),
                line("per_unit", metric="tb", unit_price="25.00", included_units="10"),
            ],
        ),
    },
    {
        "name": "g06_cpq_quarterly",
        "format": "pdf",
        "blocks": [
            ("h", "Order Form OF-88120"),
            (
                "t",
                [
                    ["Bill To", "Cedar Ridge Property Management Inc."],
                    ["Bill To Email", "ap@cedarridgepm.test"],
                    ["Billing Period", "Quarterly, in advance"],
                    ["Payment Terms", "Net 30"],
                ],
            ),
            (
                "t",
                [
                    ["Product", "Start Date", "End Date", "Qty", "Price/Unit/Month", "Net Total"],
                    ["Resident Portal - Unit licence", "07/01/2026", "06/30/2027", "50", "$30.00", "$18,000.00"],
                ],
            ),
        ],
        "expected": contract(
            name="Cedar Ridge Property Management Inc.",
            email="ap@cedarridgepm.test",
            currency="USD",
            terms=30,
            start="2026-07-01",
            end="2027-07-01",
            lines=[line("per_seat", unit_price="90.00", seats="50", billing_interval_count=3)],
        ),
    },
]
