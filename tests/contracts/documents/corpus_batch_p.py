"""Unseen batch P: written (with the expected contracts) before the extractor was run on it
(bench/extraction.py --set batch_p), on the shape of public templates: a cloud-service order form
cover page (key-terms table), a cloud private-pricing addendum with an annual spend commitment, a
Dutch-formatted point-of-sale supplier contract, a DOCX whose customer is named only in the page
header, an agency SOW with a milestone table and a retainer, a telecom rate card with NRC / MRC
columns, a two-column PDF usage schedule with graduated prose tiers, and a German-formatted seat
amendment that does not name the base contract.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "q01_cover_page_key_terms",
        "format": "docx",
        "blocks": [
            ("h", "Order Form - Cloud Service Agreement"),
            (
                "p",
                "This Order Form incorporates the Standard Terms of the Cloud Service Agreement (version 2.1). "
                "Capitalised terms have the meanings given in the Standard Terms.",
            ),
            (
                "t",
                [
                    ["Key term", "Detail"],
                    ["Provider", "Cask Analytics Inc."],
                    ["Customer", "Lindenwood Veterinary Group, LLC"],
                    ["Customer billing email", "billing@lindenwoodvet.test"],
                    ["Cloud Service", "Cask Insights practice analytics"],
                    ["Order Start Date", "August 1, 2026"],
                    ["Subscription Period", "12 months. This Order Form does not automatically renew."],
                    ["Fees", "$18,000 per year"],
                    ["Payment Frequency", "Annually, in advance"],
                    ["Payment Terms", "30 days from Customer's receipt of invoice"],
                    ["Professional Services", "Implementation package: $4,500, invoiced upon signature"],
                ],
            ),
            ("p", "Signed by the authorised representatives of Provider and Customer."),
        ],
        "expected": contract(
            name="Lindenwood Veterinary Group, LLC",
            email="billing@lindenwoodvet.test",
            currency="USD",
            terms=30,
            start="2026-08-01",
            end="2027-08-01",
            lines=[line("flat", amount="18000.00", billing_interval="year"), line("one_time", amount="4500.00")],
        ),
    },
    {
        "name": "q02_private_pricing_addendum",
        "format": "pdf",
        "blocks": [
            ("h", "Private Pricing Addendum"),
            (
                "p",
                'This Private Pricing Addendum (the "Addendum") is entered into by Stratocloud Services LLC and '
                'Ridgeway Genomics, Inc. ("Customer") and applies from January 1, 2027 through December 31, 2029 '
                '(the "Addendum Term").',
            ),
            (
                "p",
                "1. Commitment. Customer commits to an annual spend of USD 300,000 on eligible services during each "
                "year of the Addendum Term. Any shortfall is invoiced at the end of the year.",
            ),
            ("p", "2. Discounted rates. The following rates replace the public rates for the Addendum Term:"),
            (
                "t",
                [
                    ["Service", "Unit", "Rate (USD)"],
                    ["Compute, standard instances", "vCPU-hour", "0.038"],
                    ["Object storage", "GB-month", "0.019"],
                    ["Data transfer out", "GB (first 10,000 GB each month at no charge)", "0.05"],
                ],
            ),
            (
                "p",
                "3. Billing. Usage is invoiced monthly in arrears to cloud-billing@ridgewaygenomics.test. Invoices "
                "are due net 45 days.",
            ),
        ],
        "expected": contract(
            name="Ridgeway Genomics, Inc.",
            email="cloud-billing@ridgewaygenomics.test",
            currency="USD",
            terms=45,
            start="2027-01-01",
            end="2030-01-01",
            commitment={"amount": "300000.00", "period": "year"},
            lines=[
                line("per_unit", metric="vcpu_hours", unit_price="0.038"),
                line("per_unit", metric="gb_months", unit_price="0.019"),
                line("per_unit", metric="gb", unit_price="0.05", included_units="10000"),
            ],
        ),
    },
    {
        "name": "q03_dutch_pos_supplier",
        "format": "text",
        "blocks": [
            ("h", "Service Agreement - Kassasysteem / Point of Sale"),
            ("p", "Supplier: Kassawerk B.V., Utrecht"),
            ("p", "Customer: Bakkerij Van Dam B.V. (KvK 12345678)"),
            ("p", "Invoice address: administratie@bakkerijvandam.test"),
            (
                "p",
                "Commencement date: 1-4-2027. The agreement has an initial period of 36 months and is thereafter "
                "renewed for periods of 12 months unless cancelled in writing.",
            ),
            (
                "t",
                [
                    ["Item", "Quantity", "Price (EUR, excl. VAT)"],
                    ["Checkout terminal licence, per terminal per month", "14", "42,50"],
                    ["Installation and training (one-off)", "1", "1.250,00"],
                ],
            ),
            (
                "p",
                "Card transaction processing is charged at EUR 0,035 per transaction and invoiced monthly "
                "afterwards. Licence fees are invoiced monthly in advance.",
            ),
            ("p", "Invoices must be paid within 14 days of the invoice date."),
        ],
        "expected": contract(
            name="Bakkerij Van Dam B.V.",
            email="administratie@bakkerijvandam.test",
            currency="EUR",
            terms=14,
            start="2027-04-01",
            lines=[
                line("per_seat", unit_price="42.50", seats="14"),
                line("one_time", amount="1250.00"),
                line("per_unit", metric="transactions", unit_price="0.035"),
            ],
        ),
    },
    {
        "name": "q04_customer_in_header_only",
        "format": "docx",
        "header": "Prepared for: Coastal Ridge Dental Partners | Quote Q-4471",
        "footer": "Smilebook Software, Inc. | 1200 Market St, Denver, CO 80202",
        "blocks": [
            ("h", "Subscription Quote"),
            ("p", "This quote is issued by Smilebook Software, Inc. to the practice named above."),
            ("p", "Start date: October 1, 2026"),
            ("p", "Practice management seats: 22 seats at $65 per seat per month."),
            ("p", "Appointment reminder texts: $0.02 per message, billed monthly in arrears."),
            (
                "p",
                "Seat fees are billed in advance on the first day of each calendar month; the first invoice is "
                "prorated.",
            ),
            ("p", "Send invoices to ops@coastalridgedental.test. Invoices are due within 15 days."),
        ],
        "expected": contract(
            name="Coastal Ridge Dental Partners",
            email="ops@coastalridgedental.test",
            currency="USD",
            terms=15,
            start="2026-10-01",
            alignment="calendar",
            lines=[
                line("per_seat", unit_price="65.00", seats="22"),
                line("per_unit", metric="messages", unit_price="0.02"),
            ],
        ),
    },
    {
        "name": "q05_agency_sow_milestones",
        "format": "pdf",
        "blocks": [
            ("h", "Statement of Work No. 2"),
            (
                "p",
                "This Statement of Work is made under the Services Agreement between Fieldmark Studio Ltd "
                '("Agency") and Hollins & Reed Solicitors LLP ("Client"), and takes effect on 1 September 2026.',
            ),
            ("h", "Milestones and fees"),
            (
                "t",
                [
                    ["Milestone", "Deliverable", "Target date", "Fee"],
                    ["M1", "Discovery workshop report", "15 September 2026", "£8,000"],
                    ["M2", "Clickable prototype", "30 October 2026", "£12,000"],
                    ["M3", "Website launch", "15 December 2026", "£10,000"],
                ],
            ),
            ("p", "Each milestone fee is invoiced on its target date."),
            (
                "p",
                "Post-launch support retainer: £1,500 per month from 1 January 2027, invoiced monthly in advance.",
            ),
            ("p", "Invoices to accounts@hollinsreed.test, payable within 30 days."),
        ],
        "expected": contract(
            name="Hollins & Reed Solicitors LLP",
            email="accounts@hollinsreed.test",
            currency="GBP",
            terms=30,
            start="2026-09-01",
            lines=[
                line(
                    "milestone",
                    milestones=[
                        {"name": "Discovery workshop report", "amount": "8000.00", "due_date": "2026-09-15"},
                        {"name": "Clickable prototype", "amount": "12000.00", "due_date": "2026-10-30"},
                        {"name": "Website launch", "amount": "10000.00", "due_date": "2026-12-15"},
                    ],
                ),
                line("flat", amount="1500.00", start_date="2027-01-01"),
            ],
        ),
    },
    {
        "name": "q06_telecom_rate_card",
        "format": "text",
        "blocks": [
            ("h", "Schedule 2 - Service Order and Rate Card"),
            ("p", "Customer: Meridian Freight Lines, Inc."),
            ("p", "Billing contact: telecom-ap@meridianfreight.test"),
            ("p", "Service Activation Date: November 1, 2026. Service Term: 36 months."),
            (
                "t",
                [
                    ["Service", "Qty", "Non-recurring (each)", "Monthly recurring (each)"],
                    ["Dedicated Internet Access 1 Gbps", "2", "$500.00", "$1,150.00"],
                    ["SIP trunk channels", "40", "$0.00", "$12.00"],
                    ["Static IPv4 block /29", "1", "$0.00", "$25.00"],
                ],
            ),
            (
                "p",
                "Outbound domestic calling is rated at $0.009 per minute and billed monthly in arrears. Recurring "
                "charges are billed monthly in advance; non-recurring charges appear on the first invoice.",
            ),
            ("p", "Payment is due 30 days from the invoice date."),
        ],
        "expected": contract(
            name="Meridian Freight Lines, Inc.",
            email="telecom-ap@meridianfreight.test",
            currency="USD",
            terms=30,
            start="2026-11-01",
            end="2029-11-01",
            lines=[
                line("one_time", amount="1000.00"),
                line("per_seat", unit_price="1150.00", seats="2"),
                line("per_seat", unit_price="12.00", seats="40"),
                line("flat", amount="25.00"),
                line("per_unit", metric="minutes", unit_price="0.009"),
            ],
        ),
    },
    {
        "name": "q07_two_column_api_schedule",
        "format": "pdf",
        "blocks": [
            ("h", "API Pricing Schedule"),
            (
                "tb",
                [
                    ["Account", "Pricing"],
                    [
                        "Customer: Quillfeather Learning, Inc. Accounts payable: finance@quillfeather.test. "
                        "Schedule start: March 1, 2027. Payment terms: Net 20.",
                        "Platform access: $750 per month, billed monthly in advance. API calls per month: the first "
                        "100,000 calls at $0.010 per call, the next 400,000 calls at $0.008 per call, and every call "
                        "above 500,000 at $0.005 per call, billed monthly in arrears.",
                    ],
                ],
            ),
            ("p", "This schedule renews automatically each year unless either party gives 60 days' notice."),
        ],
        "expected": contract(
            name="Quillfeather Learning, Inc.",
            email="finance@quillfeather.test",
            currency="USD",
            terms=20,
            start="2027-03-01",
            lines=[
                line("flat", amount="750.00"),
                line(
                    "graduated",
                    metric="api_calls",
                    tiers=[
                        {"up_to": "100000", "unit_price": "0.010"},
                        {"up_to": "500000", "unit_price": "0.008"},
                        {"up_to": None, "unit_price": "0.005"},
                    ],
                ),
            ],
        ),
    },
    {
        "name": "q08_german_seat_amendment",
        "format": "docx",
        "blocks": [
            ("h", "Nachtrag / Amendment - Teamwork Pro"),
            ("p", "Kunde / Customer: Nordlicht Architekten GmbH"),
            ("p", "Rechnungen an / Invoices to: buchhaltung@nordlicht-arch.test"),
            (
                "p",
                "Mit Wirkung zum 01.02.2027 erhöht sich die Anzahl der Lizenzen von 50 auf 75. / With effect from "
                "1 February 2027 the number of licences increases from 50 to 75.",
            ),
            (
                "p",
                "Preis je Lizenz / Price per licence: 29,00 € pro Monat / per month, monatlich im Voraus / invoiced "
                "monthly in advance.",
            ),
            ("p", "Zahlungsziel / Payment: 14 Tage netto / 14 days net."),
        ],
        "expected": contract(
            name="Nordlicht Architekten GmbH",
            email="buchhaltung@nordlicht-arch.test",
            currency="EUR",
            terms=14,
            start="2027-02-01",
            lines=[line("per_seat", unit_price="29.00", seats="75")],
        ),
    },
]
