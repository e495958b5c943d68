"""Unseen batch AD (round 5): ordinary PDF documents from different vendors, written (with the expected
contracts) before the extractor was run on them (bench/extraction.py --set batch_ad): a two-page
veterinary software order form whose fees table continues onto page 2 under a repeated header, a UK
quote with the supplier and customer side by side and a totals box, a EUR identity-verification pricing
schedule with graduated tiers in a table and footnotes, a Canadian analytics SOW with a milestone table
(percentage, amount, due date) and a rate card, a short Australian renewal letter on letterhead, and a
telemetry order with a monthly platform fee invoiced quarterly and a quarterly data allowance with
overage.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "bad01_two_page_order_form",
        "format": "pdf",
        "footer": "Vetrix Cloud Order Form VX-7731 - Page {page} of 2",
        "blocks": [
            ("h", "Vetrix Cloud — Order Form VX-7731"),
            (
                "t",
                [
                    ["Customer", "Sablewood Veterinary Partners, LLC"],
                    ["Bill to", "accounting@sablewoodvet.test"],
                    ["Start Date", "04/15/2027"],
                    ["Subscription Term", "24 months (does not auto-renew)"],
                    ["Payment Terms", "Net 45"],
                ],
            ),
            (
                "p",
                "This Order Form is governed by the Vetrix Cloud Terms of Service. Fees are stated in US dollars "
                "and are exclusive of sales tax.",
            ),
            ("h", "Fees"),
            (
                "t",
                [
                    ["Item", "Billing", "Qty", "Unit Price", "Total"],
                    ["Clinician licence", "Per user, monthly in advance", "35", "$65.00", "$2,275.00 / mo"],
                    ["Client portal add-on", "Flat monthly fee, in advance", "1", "$300.00", "$300.00 / mo"],
                ],
            ),
            ("pb",),
            ("h", "Fees (continued)"),
            (
                "t",
                [
                    ["Item", "Billing", "Qty", "Unit Price", "Total"],
                    ["Data migration from legacy PMS", "One-time, on signature", "1", "$4,500.00", "$4,500.00"],
                    ["On-site staff training", "One-time, per day", "2", "$1,200.00", "$2,400.00"],
                ],
            ),
            ("h", "Signatures"),
            ("p", "Sablewood Veterinary Partners, LLC — Name: Dr. Rosa Ilves — Title: Practice Owner"),
            ("p", "Vetrix Cloud, Inc. — Name: Martin Obi — Title: VP Sales"),
        ],
        "expected": contract(
            name="Sablewood Veterinary Partners, LLC",
            email="accounting@sablewoodvet.test",
            currency="USD",
            terms=45,
            start="2027-04-15",
            end="2029-04-15",
            lines=[
                line("per_seat", unit_price="65.00", seats="35"),
                line("flat", amount="300.00"),
                line("one_time", amount="4500.00"),
                line("one_time", amount="2400.00"),
            ],
        ),
    },
    {
        "name": "bad02_quote_side_by_side_totals",
        "format": "pdf",
        "blocks": [
            ("h", "QUOTATION Q-2028-0193"),
            ("p", "Quote date: 21 Jan 2028    Valid until: 20 Feb 2028"),
            (
                "t",
                [
                    ["Supplier", "Customer"],
                    ["Quillfeather Systems Ltd", "Halden & Rowe Solicitors LLP"],
                    ["12 Canal Wharf, Leeds LS11 5PS", "3 Minster Yard, York YO1 7HH"],
                    ["VAT reg. GB 298 4410 17", "Accounts: accounts@haldenrowe.test"],
                ],
            ),
            (
                "p",
                "Subscription period: 12 months from 1st March 2028, renewing automatically for further 12-month "
                "periods unless cancelled in writing 60 days before the renewal date.",
            ),
            (
                "t",
                [
                    ["Product", "Qty", "Unit price (per year)", "Line total"],
                    ["CaseDesk seat licence", "18", "£420.00", "£7,560.00"],
                    ["Document automation module", "1", "£2,400.00", "£2,400.00"],
                    ["Onboarding package (one-off)", "1", "£1,500.00", "£1,500.00"],
                ],
            ),
            (
                "t",
                [
                    ["Subtotal", "£11,460.00"],
                    ["VAT @ 20%", "£2,292.00"],
                    ["Total first invoice", "£13,752.00"],
                ],
            ),
            (
                "p",
                "Annual fees are invoiced yearly in advance from the subscription start date; the onboarding "
                "package is invoiced once with the first invoice. Payment within 30 days of the date of invoice.",
            ),
        ],
        "expected": contract(
            name="Halden & Rowe Solicitors LLP",
            email="accounts@haldenrowe.test",
            currency="GBP",
            terms=30,
            start="2028-03-01",
            lines=[
                line("per_seat", unit_price="420.00", seats="18", billing_interval="year"),
                line("flat", amount="2400.00", billing_interval="year"),
                line("one_time", amount="1500.00"),
            ],
        ),
    },
    {
        "name": "bad03_eur_pricing_schedule_footnotes",
        "format": "pdf",
        "blocks": [
            ("h", "Schedule 2 – Pricing (Identity Verification Services)"),
            (
                "p",
                'This Schedule is part of the Services Agreement between Kovalent Identity OÜ (the "Provider") '
                'and Nordhafen Versicherung AG (the "Customer"). It applies from 1 October 2027 until '
                "30 September 2029.",
            ),
            ("h", "A. Verifications"),
            (
                "t",
                [
                    ["Verifications per month", "Price per verification (EUR) ¹"],
                    ["1 – 10,000", "0.90"],
                    ["10,001 – 50,000", "0.70"],
                    ["50,001 and more", "0.55"],
                ],
            ),
            ("h", "B. Platform access"),
            ("p", "Platform access fee: EUR 1,000.00 per month ²"),
            ("h", "C. Minimum spend"),
            ("p", "Minimum monthly spend on verifications: EUR 2,500.00 ³"),
            ("p", "¹ Graduated pricing: each price applies only to the verifications that fall within its band."),
            ("p", "² Invoiced monthly in advance. Verifications are invoiced monthly in arrears."),
            (
                "p",
                "³ Where verification charges for a month are below the minimum, the shortfall is invoiced with "
                "that month's verifications.",
            ),
            ("h", "D. Invoicing"),
            (
                "p",
                "Invoices are sent by e-mail to kreditoren@nordhafen-vers.test and are payable 20 days after the "
                "invoice date.",
            ),
        ],
        "expected": contract(
            name="Nordhafen Versicherung AG",
            email="kreditoren@nordhafen-vers.test",
            currency="EUR",
            terms=20,
            start="2027-10-01",
            end="2029-10-01",
            commitment={"amount": "2500.00", "period": "billing_period"},
            lines=[
                line(
                    "graduated",
                    metric="verifications",
                    tiers=[
                        {"up_to": "10000", "unit_price": "0.90"},
                        {"up_to": "50000", "unit_price": "0.70"},
                        {"up_to": None, "unit_price": "0.55"},
                    ],
                ),
                line("flat", amount="1000.00"),
            ],
        ),
    },
    {
        "name": "bad04_cad_sow_milestone_table_rate_card",
        "format": "pdf",
        "blocks": [
            ("h", "Statement of Work No. 4 — Member Analytics Platform"),
            ("p", "Consultant: Tamarack Data Consulting Inc., Calgary, AB"),
            ("p", "Client: Prairie Crown Credit Union"),
            ("p", "SOW Effective Date: 2027-11-08"),
            ("p", "Client accounts payable: ap@prairiecrowncu.test"),
            ("h", "1. Fixed fee"),
            (
                "p",
                "The deliverables in section 2 are provided for a fixed fee of CAD 84,000 (plus GST), invoiced "
                "in instalments as follows:",
            ),
            (
                "t",
                [
                    ["#", "Milestone", "% of fee", "Amount (CAD)", "Invoice date"],
                    ["1", "Project kickoff", "20%", "16,800.00", "2027-11-08"],
                    ["2", "Data model sign-off", "30%", "25,200.00", "2028-01-14"],
                    ["3", "Dashboards accepted in UAT", "30%", "25,200.00", "2028-03-03"],
                    ["4", "Go-live and handover", "20%", "16,800.00", "2028-04-28"],
                ],
            ),
            ("h", "2. Rate card for change requests"),
            (
                "p",
                "Work outside the agreed scope is performed on a time-and-materials basis at the rates below and "
                "invoiced monthly in arrears for the hours worked.",
            ),
            (
                "t",
                [
                    ["Role", "Hourly rate (CAD)"],
                    ["Senior consultant", "185.00"],
                    ["Data engineer", "150.00"],
                ],
            ),
            ("h", "3. Payment"),
            ("p", "Payment terms: 30 days net from receipt of invoice."),
        ],
        "expected": contract(
            name="Prairie Crown Credit Union",
            email="ap@prairiecrowncu.test",
            currency="CAD",
            terms=30,
            start="2027-11-08",
            lines=[
                line(
                    "milestone",
                    milestones=[
                        {"name": "Project kickoff", "amount": "16800.00", "due_date": "2027-11-08"},
                        {"name": "Data model sign-off", "amount": "25200.00", "due_date": "2028-01-14"},
                        {"name": "Dashboards accepted in UAT", "amount": "25200.00", "due_date": "2028-03-03"},
                        {"name": "Go-live and handover", "amount": "16800.00", "due_date": "2028-04-28"},
                    ],
                ),
                line("per_unit", metric="hours", unit_price="185.00"),
                line("per_unit", metric="hours", unit_price="150.00"),
            ],
        ),
    },
    {
        "name": "bad05_aud_renewal_letter",
        "format": "pdf",
        "header": "Wattle & Gum Software Pty Ltd  ·  ABN 51 824 753 556  ·  88 Flinders Lane, Melbourne VIC 3000",
        "blocks": [
            ("p", "15 May 2028"),
            ("p", "Ms Harriet Olsen"),
            ("p", "Operations Manager"),
            ("p", "Coastline Physiotherapy Pty Ltd"),
            ("p", "Dear Harriet,"),
            ("p", "Renewal of your ClinicBook subscription"),
            (
                "p",
                "Thank you for being a ClinicBook customer. We're pleased to confirm that your subscription will "
                "renew for a further twelve months from 1 July 2028 to 30 June 2029.",
            ),
            (
                "p",
                "Your renewed fee is A$1,180 per month (excluding GST) for up to 12 practitioners, billed monthly "
                "in advance by direct debit. Invoices will continue to be sent to accounts@coastlinephysio.test "
                "and are payable within 7 days.",
            ),
            ("p", "If you have any questions, just reply to this letter or call us on 03 9000 1234."),
            ("p", "Kind regards,"),
            ("p", "Ben Tran, Customer Success Lead"),
        ],
        "expected": contract(
            name="Coastline Physiotherapy Pty Ltd",
            email="accounts@coastlinephysio.test",
            currency="AUD",
            terms=7,
            start="2028-07-01",
            end="2029-07-01",
            lines=[line("flat", amount="1180.00")],
        ),
    },
    {
        "name": "bad06_usage_order_quarterly_allowance",
        "format": "pdf",
        "blocks": [
            ("h", "TelemetryHub Order Form"),
            ("p", "Order date: Aug. 2, 2027"),
            ("p", "Customer: Bramblecreek Agritech, Inc."),
            ("p", "Billing contact: finance@bramblecreek.test"),
            ("p", "Subscription start: September 1, 2027. Subscription term: 12 months."),
            ("h", "Pricing"),
            (
                "t",
                [
                    ["Component", "Price", "Invoicing"],
                    ["Platform fee", "$1,500 per month", "Quarterly in advance ($4,500 per quarter)"],
                    ["Data ingestion allowance", "6,000 GB per quarter included", "—"],
                    ["Ingestion overage", "$0.40 per GB above the allowance", "Quarterly in arrears"],
                ],
            ),
            ("p", "Unused allowance does not carry over to the next quarter."),
            ("p", "Invoices are payable within fifteen (15) days. All prices in USD."),
        ],
        "expected": contract(
            name="Bramblecreek Agritech, Inc.",
            email="finance@bramblecreek.test",
            currency="USD",
            terms=15,
            start="2027-09-01",
            end="2028-09-01",
            lines=[
                line("flat", amount="4500.00", billing_interval_count=3),
                line("per_unit", metric="gb", unit_price="0.40", included_units="6000", billing_interval_count=3),
            ],
        ),
    },
]
