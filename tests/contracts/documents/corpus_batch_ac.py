"""Unseen batch AC (round 5): ordinary documents from different vendors, written (with the expected
contracts) before the extractor was run on them (bench/extraction.py --set batch_ac): an HR and payroll
SaaS order priced per employee with an implementation fee, a cloud-storage pricing schedule with
graduated per-GB tiers and egress, a UK marketing agency SOW with a retainer and a share of ad spend, an
IoT connectivity order per connected device with sensors sold once, a three-year enterprise licence
renewal with an uplift clause, and a Dutch service agreement in EUR with day-first dates and
"30 days end of month" terms.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "bac01_hr_payroll_order",
        "format": "pdf",
        "blocks": [
            ("h", "PeopleLedger HR & Payroll — Subscription Order"),
            (
                "t",
                [
                    ["Ordered by", "Cobalt Ridge Dental Group, PLLC"],
                    ["Invoice recipient", "payables@cobaltridgedental.test"],
                    ["Go-live date", "June 1, 2027"],
                    ["Initial term", "One (1) year; renews for additional one-year terms unless cancelled"],
                ],
            ),
            ("h", "Fees"),
            (
                "t",
                [
                    ["Service", "Unit", "Quantity", "Unit fee", "Frequency"],
                    ["Core HR + Payroll", "Employee / month", "120", "$8.00", "Billed monthly, in advance"],
                    ["Implementation & data migration", "Project", "1", "$3,000.00", "One-time, at signing"],
                ],
            ),
            (
                "p",
                "Employee counts above the ordered quantity will be trued up at the next renewal. All fees are in "
                "U.S. dollars and exclude applicable taxes.",
            ),
            ("p", "Invoices are due thirty (30) days after the invoice date."),
            ("p", "Signed for the customer: Dr. Alan Greaves, Managing Partner"),
        ],
        "expected": contract(
            name="Cobalt Ridge Dental Group, PLLC",
            email="payables@cobaltridgedental.test",
            currency="USD",
            terms=30,
            start="2027-06-01",
            lines=[
                line("per_seat", unit_price="8.00", seats="120"),
                line("one_time", amount="3000.00"),
            ],
        ),
    },
    {
        "name": "bac02_cloud_storage_pricing_schedule",
        "format": "docx",
        "blocks": [
            ("h", "Exhibit B — Storage Service Pricing"),
            (
                "p",
                "This Exhibit is made under the Cloud Services Agreement between Driftwood Object Storage, LLC "
                'and Pelican Bay Imaging, Inc. ("Customer") and applies from September 1, 2027 through August 31, '
                "2028.",
            ),
            ("h", "1. Stored data"),
            (
                "p",
                "Stored data is measured as the average GB stored during the month. Each band's rate applies only "
                "to the gigabytes that fall within that band.",
            ),
            (
                "t",
                [
                    ["GB stored per month", "Rate per GB"],
                    ["0 – 50,000", "$0.021"],
                    ["50,001 – 500,000", "$0.018"],
                    ["500,001 and above", "$0.015"],
                ],
            ),
            ("h", "2. Data egress"),
            ("p", "Data transferred out to the internet is charged at $0.05 per GB."),
            ("h", "3. Billing"),
            (
                "p",
                "Storage and egress are invoiced monthly in arrears in USD to billing@pelicanbayimaging.test, "
                "payable net 30.",
            ),
        ],
        "expected": contract(
            name="Pelican Bay Imaging, Inc.",
            email="billing@pelicanbayimaging.test",
            currency="USD",
            terms=30,
            start="2027-09-01",
            end="2028-09-01",
            lines=[
                line(
                    "graduated",
                    metric="gb_stored",
                    tiers=[
                        {"up_to": "50000", "unit_price": "0.021"},
                        {"up_to": "500000", "unit_price": "0.018"},
                        {"up_to": None, "unit_price": "0.015"},
                    ],
                ),
                line("per_unit", metric="egress_gb", unit_price="0.05"),
            ],
        ),
    },
    {
        "name": "bac03_marketing_agency_sow",
        "format": "text",
        "blocks": [
            ("h", "STATEMENT OF WORK — PAID SOCIAL & SEARCH"),
            ("p", "Agency: Harbour & Kite Creative Ltd"),
            ("p", "Client: Thistledown Garden Centres Limited"),
            ("p", "Date of SOW: 14/03/2028"),
            ("h", "1. Period"),
            ("p", "Services run from 03/04/2028 for six months, ending on 02/10/2028."),
            ("h", "2. Our fees"),
            (
                "p",
                "a) Management retainer: £6,500 per month (plus VAT), invoiced at the start of each month.",
            ),
            (
                "p",
                "b) Media commission: 10% of the Client's monthly ad spend across Meta and Google, invoiced at "
                "the end of each month once spend is confirmed.",
            ),
            ("p", "Ad spend itself is paid by the Client directly to the platforms."),
            ("h", "3. Payment"),
            ("p", "Net 14. Please send remittances and queries to finance@thistledowngc.test."),
        ],
        "expected": contract(
            name="Thistledown Garden Centres Limited",
            email="finance@thistledowngc.test",
            currency="GBP",
            terms=14,
            start="2028-04-03",
            end="2028-10-03",
            lines=[
                line("flat", amount="6500.00"),
                line("percentage", metric="ad_spend", rate="10"),
            ],
        ),
    },
    {
        "name": "bac04_iot_connectivity_order",
        "format": "pdf",
        "blocks": [
            ("h", "FIELDPULSE IOT — SERVICE ORDER FORM"),
            ("p", "Service Order SO-88213"),
            ("p", "Customer: Granite Peak Water Authority"),
            ("p", "Accounts payable: ap@granitepeakwater.test"),
            ("p", "Service commencement: 2027-10-01    Term: 36 months"),
            ("h", "Connectivity and platform"),
            (
                "p",
                "Each sensor that connects to the FieldPulse network at least once during a calendar month is a "
                "Connected Device for that month. Connected Devices are billed at $2.40 per device per month, "
                "invoiced monthly in arrears based on the month's count.",
            ),
            ("h", "Hardware"),
            (
                "t",
                [
                    ["Item", "Qty", "Unit price", "Extended"],
                    ["FP-200 flow sensor kit", "250", "$36.00", "$9,000.00"],
                ],
            ),
            ("p", "Hardware is invoiced once, on shipment, and is owned by the Customer on payment."),
            ("h", "Payment"),
            ("p", "All charges in USD. Payment due within 45 days of invoice."),
        ],
        "expected": contract(
            name="Granite Peak Water Authority",
            email="ap@granitepeakwater.test",
            currency="USD",
            terms=45,
            start="2027-10-01",
            end="2030-10-01",
            lines=[
                line("per_unit", metric="connected_devices", unit_price="2.40"),
                line("one_time", amount="9000.00"),
            ],
        ),
    },
    {
        "name": "bac05_enterprise_licence_three_year",
        "format": "docx",
        "blocks": [
            ("p", "Arclight Compliance Software, Inc."),
            ("h", "Enterprise License Agreement — Commercial Summary"),
            ("p", "Licensee: Northgate Mutual Insurance Company"),
            ("p", "Licensee billing contact: vendor.invoices@northgatemutual.test"),
            (
                "p",
                "Term. The license term is three (3) years commencing July 1, 2027. The agreement expires at the "
                "end of the term unless the parties sign a renewal.",
            ),
            (
                "p",
                "License Fee. Licensee shall pay an enterprise license fee of $96,000 per year, invoiced annually "
                "in advance on each anniversary of the commencement date.",
            ),
            (
                "p",
                "Price Adjustment. Beginning with the second contract year, the annual license fee may increase "
                "by up to 4% over the prior year's fee.",
            ),
            (
                "p",
                "Premium Support. Twenty-four-hour premium support is provided for $14,400 per year, invoiced with "
                "the license fee.",
            ),
            ("p", "Payment Terms. Net sixty (60) days. All amounts in United States dollars."),
        ],
        "expected": contract(
            name="Northgate Mutual Insurance Company",
            email="vendor.invoices@northgatemutual.test",
            currency="USD",
            terms=60,
            start="2027-07-01",
            end="2030-07-01",
            lines=[
                line("flat", amount="96000.00", billing_interval="year"),
                line("flat", amount="14400.00", billing_interval="year"),
            ],
        ),
    },
    {
        "name": "bac06_eur_service_agreement",
        "format": "text",
        "blocks": [
            ("h", "SERVICE AGREEMENT — FLEETDESK"),
            ("p", "Supplier: Veldhoven Mobility B.V., Eindhoven"),
            ("p", "Customer: Kamphuis Transport & Logistiek B.V., Zwolle"),
            ("p", "Agreement date: 18/08/2027"),
            ("h", "Article 1 - Duration"),
            (
                "p",
                "This agreement takes effect on 01/09/2027 for an initial period of 12 months and is then tacitly "
                "renewed for successive periods of 12 months.",
            ),
            ("h", "Article 2 - Prices"),
            (
                "p",
                "2.1 FleetDesk planner licences: 50 users at € 14,50 per user per month, invoiced per quarter in "
                "advance.",
            ),
            ("p", "2.2 Hosting and backups: € 250,00 per month, invoiced monthly in advance."),
            ("p", "All prices are in euros and exclude VAT."),
            ("h", "Article 3 - Invoicing and payment"),
            (
                "p",
                "Invoices are sent to crediteuren@kamphuis-transport.test. Payment term: 30 days end of month.",
            ),
        ],
        "expected": contract(
            name="Kamphuis Transport & Logistiek B.V.",
            email="crediteuren@kamphuis-transport.test",
            currency="EUR",
            terms=30,
            start="2027-09-01",
            lines=[
                line("per_seat", unit_price="43.50", seats="50", billing_interval_count=3),
                line("flat", amount="250.00"),
            ],
        ),
    },
]
