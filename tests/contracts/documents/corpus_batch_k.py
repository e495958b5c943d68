"""Unseen batch K: written (with the expected contracts) after batch J and before the extractor was
run on it (bench/extraction.py --set batch_k). Deliberately unlike the earlier batches: running page
headers and footers with phone numbers and addresses, effective on the last signature, a forwarded
e-mail thread, a SOW under an older master agreement, an ERP quote export with taxes, a tier table
split across two pages, Word's own list numbering, late fees and liability caps that are not prices.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "l01_vet_order_last_signature",
        "format": "pdf",
        "header": "PetLedger, Inc. | 500 Howard St, Suite 300, San Francisco, CA 94105 | +1 (415) 555-0142",
        "footer": "PetLedger Order Form v7.2 - Confidential - Page {page}",
        "blocks": [
            ("h", "Order Form"),
            ("p", "Customer: Riverside Animal Hospital, P.C."),
            ("p", "Address: 2200 River Road, Suite 4, Sacramento, CA 95833. Phone: (916) 555-0199"),
            ("p", "Accounts payable: ap@riversideanimal.test"),
            ("p", "Effective Date: the date of the last signature below."),
            (
                "t",
                [
                    ["Product", "Qty", "Price", "Billing"],
                    [
                        "PetLedger Practice Management (per location)",
                        "3",
                        "$649.00 / location / month",
                        "Monthly in advance",
                    ],
                    ["Online Booking", "-", "$1.25 per appointment booked", "Monthly in arrears"],
                    ["Data migration from legacy system", "1", "$2,400.00", "One-time, on the Effective Date"],
                ],
            ),
            (
                "p",
                "Term. 24 months from the Effective Date, renewing automatically for 12-month periods unless "
                "either party gives 60 days' written notice.",
            ),
            ("p", "Payment. Invoices are due net 30. Overdue amounts bear a late charge of 1.5% per month."),
            (
                "p",
                "Limitation of liability. Each party's aggregate liability is capped at the fees paid in the 12 "
                "months preceding the claim, and in no event more than $50,000.",
            ),
            ("pb",),
            ("h", "Signatures"),
            ("p", "PetLedger, Inc. - By: Maria Chen, VP Sales - Date: September 14, 2026"),
            ("p", "Riverside Animal Hospital, P.C. - By: Dr. Alan Greer, Owner - Date: September 18, 2026"),
        ],
        "expected": contract(
            name="Riverside Animal Hospital, P.C.",
            email="ap@riversideanimal.test",
            currency="USD",
            terms=30,
            start="2026-09-18",
            lines=[
                line("per_seat", unit_price="649.00", seats="3"),
                line("per_unit", metric="appointments", unit_price="1.25"),
                line("one_time", amount="2400.00"),
            ],
        ),
    },
    {
        "name": "l02_telematics_preisblatt",
        "format": "docx",
        "header": "Flottenwerk GmbH · Am Hafen 12 · 28217 Bremen · Tel. +49 421 555 0123",
        "footer": "Amtsgericht Bremen HRB 12345 · USt-IdNr. DE123456789",
        "blocks": [
            ("h", "Price Schedule / Preisblatt"),
            ("p", "Customer: Bauunternehmung Hollerbach GmbH & Co. KG"),
            ("p", "Invoice address: rechnungswesen@hollerbach-bau.test"),
            ("p", "Service start: 01.10.2026. Fixed term: 36 months."),
            (
                "t",
                [
                    ["Position", "Menge", "Einzelpreis", "Gesamt"],
                    ["Telematics licence per device and month", "140", "€ 18,50", "€ 2.590,00"],
                    ["Telematics hardware unit (one-off)", "140", "€ 129,00", "€ 18.060,00"],
                ],
            ),
            ("p", "Licence fees are invoiced quarterly in advance. Hardware is invoiced once on delivery."),
            ("p", "All prices plus 19% VAT. Payment: 30 days net."),
            ("p", "Replacement devices outside warranty are charged at € 95,00 each on request."),
        ],
        "expected": contract(
            name="Bauunternehmung Hollerbach GmbH & Co. KG",
            email="rechnungswesen@hollerbach-bau.test",
            currency="EUR",
            terms=30,
            start="2026-10-01",
            end="2029-10-01",
            lines=[
                # the price per invoice: three months of the monthly licence
                line("per_seat", unit_price="55.50", seats="140", billing_interval_count=3),
                line("one_time", amount="18060.00"),
            ],
        ),
    },
    {
        "name": "l03_forwarded_email_sms",
        "format": "text",
        "raw": """From: Tom Alvarez <tom@signalpath.test>
Sent: Tuesday, May 12, 2026 4:02 PM
To: Jenna Morrow <jenna.morrow@lakeshorefreight.test>
Cc: billing@signalpath.test
Subject: RE: SMS pricing - Lakeshore Freight

Hi Jenna,

Confirming what we agreed on the call for Lakeshore Freight Brokers LLC:

  * Outbound SMS: $0.0079 per message
  * Inbound SMS: $0.0055 per message
  * 10DLC brand registration: $44 one-time
  * Campaign fee: $15/month

Usage is billed monthly in arrears, the campaign fee monthly in advance. We'll start you on June 1, 2026.
Invoices go to ap@lakeshorefreight.test and are due upon receipt (card on file).

Thanks,
Tom Alvarez | Account Executive | SignalPath Messaging
Direct: 312-555-0187 | 233 S Wacker Dr, Chicago, IL 60606

-----Original Message-----
From: Jenna Morrow
Sent: Monday, May 11, 2026 9:15 AM
Subject: SMS pricing - Lakeshore Freight

Tom - can you send over the numbers from last week? Our current provider charges $0.0095 per text,
so we're expecting to beat that. We send roughly 40,000 messages a month.

Sent from my iPhone
""",
        "expected": contract(
            name="Lakeshore Freight Brokers LLC",
            email="ap@lakeshorefreight.test",
            currency="USD",
            terms=0,
            start="2026-06-01",
            lines=[
                line("per_unit", metric="outbound_sms", unit_price="0.0079"),
                line("per_unit", metric="inbound_sms", unit_price="0.0055"),
                line("one_time", amount="44.00"),
                line("flat", amount="15.00"),
            ],
        ),
    },
    {
        "name": "l04_sow_under_msa",
        "format": "pdf",
        "engine": "html",
        "blocks": [
            ("h", "Statement of Work No. 3"),
            (
                "p",
                "This Statement of Work is entered into under the Master Services Agreement dated January 4, 2025 "
                '(the "MSA") between Copperleaf Creative LLC ("Agency") and Orchard & Vine Hospitality Group, Inc. '
                '("Client"). SOW Effective Date: November 2, 2026.',
            ),
            ("h", "Fees and Payment Schedule"),
            (
                "t",
                [
                    ["Milestone", "Target date", "Fee"],
                    ["Discovery and brand audit complete", "November 30, 2026", "$9,000.00"],
                    ["Design system delivered", "January 15, 2027", "$18,000.00"],
                    ["Website launch", "March 1, 2027", "$18,000.00"],
                    ["Total project fee", "", "$45,000.00"],
                ],
            ),
            (
                "p",
                "After launch, Agency will provide ongoing support for a retainer of $3,500 per month, billed "
                "monthly in advance starting March 1, 2027.",
            ),
            (
                "p",
                "Travel expenses are reimbursed at cost, not to exceed $2,000 without Client approval. Invoices "
                "are payable within 45 days of the invoice date and are sent to accountspayable@orchardvine.test.",
            ),
        ],
        "expected": contract(
            name="Orchard & Vine Hospitality Group, Inc.",
            email="accountspayable@orchardvine.test",
            currency="USD",
            terms=45,
            start="2026-11-02",
            lines=[
                line(
                    "milestone",
                    milestones=[
                        {"name": "Discovery and brand audit complete", "amount": "9000.00", "due_date": "2026-11-30"},
                        {"name": "Design system delivered", "amount": "18000.00", "due_date": "2027-01-15"},
                        {"name": "Website launch", "amount": "18000.00", "due_date": "2027-03-01"},
                    ],
                ),
                line("flat", amount="3500.00", start_date="2027-03-01"),
            ],
        ),
    },
    {
        "name": "l05_kyc_volume_gbp",
        "format": "docx",
        "blocks": [
            ("h", "Schedule 2 - Charges"),
            ("p", 'Client: Fernhill Lettings Ltd (company no. 08812345) ("the Client")'),
            ("p", "Finance contact: purchase.ledger@fernhill-lettings.test"),
            (
                "p",
                "This Schedule takes effect on the 1st day of August 2026 and continues until terminated by "
                "either party on three months' written notice.",
            ),
            ("li", "Platform fee: £1,500 per month, invoiced monthly in advance."),
            (
                "li",
                "Identity checks are charged according to the band the month's total volume falls in; the "
                "band's price applies to every check in that month:",
            ),
            (
                "t",
                [
                    ["Checks per month", "Price per check"],
                    ["0 - 5,000", "£0.90"],
                    ["5,001 - 25,000", "£0.70"],
                    ["25,001 and above", "£0.55"],
                ],
            ),
            ("li", "The Client commits to a minimum monthly spend of £3,000 on identity checks."),
            ("li", "Invoices are payable within 30 days of the invoice date. Prices exclude VAT."),
        ],
        "expected": contract(
            name="Fernhill Lettings Ltd",
            email="purchase.ledger@fernhill-lettings.test",
            currency="GBP",
            terms=30,
            start="2026-08-01",
            commitment={"amount": "3000.00", "period": "billing_period"},
            lines=[
                line("flat", amount="1500.00"),
                line(
                    "volume",
                    metric="identity_checks",
                    tiers=[
                        {"up_to": "5000", "unit_price": "0.90"},
                        {"up_to": "25000", "unit_price": "0.70"},
                        {"up_to": None, "unit_price": "0.55"},
                    ],
                ),
            ],
        ),
    },
    {
        "name": "l06_erp_quote_cad",
        "format": "text",
        "raw": """NORTHSTAR FIELD SYSTEMS LTD.                                   QUOTATION
1180 Hastings St W, Vancouver BC V6E 4R5                       Quote #: Q-26-00417
GST Reg. 81234 5678 RT0001                                     Date: 2026-05-20
                                                               Valid until: 2026-06-30

Bill To: Northern Pike Outfitters Ltd.
         Accounts Payable - ap@northernpike.test
         44 Lakeshore Dr, Kenora ON P9N 1L1

Service commencement: July 1, 2026          Currency: CAD          Terms: Net 30 days

Qty   UOM   Description                                  Unit Price      Ext. Price
12    EA    Field tablet licence - annual                   420.00        5,040.00
1     EA    Cloud hosting - monthly                         310.00          310.00
1     LOT   Onboarding & training (one-time)              2,750.00        2,750.00

                                                      Subtotal          8,100.00
                                                      GST 5%              405.00
                                                      Total CAD         8,505.00

Licences are invoiced annually in advance; hosting is invoiced monthly in advance.
Prices valid for 30 days. Thank you for your business!
""",
        "expected": contract(
            name="Northern Pike Outfitters Ltd.",
            email="ap@northernpike.test",
            currency="CAD",
            terms=30,
            start="2026-07-01",
            lines=[
                line("per_seat", unit_price="420.00", seats="12", billing_interval="year"),
                line("flat", amount="310.00"),
                line("one_time", amount="2750.00"),
            ],
        ),
    },
    {
        "name": "l07_water_authority_split_tiers",
        "format": "pdf",
        "footer": "Coastal Water Authority - Analytics Services Agreement - Page {page}",
        "blocks": [
            ("h", "Analytics Services Agreement"),
            (
                "p",
                'This agreement is between Gridsight Pty Ltd (ABN 12 345 678 901) ("Supplier") and Coastal Water '
                'Authority ("Customer").',
            ),
            ("h", "1. Definitions"),
            ("p", '1.1 "Commencement Date" means 1 February 2027.'),
            ("p", '1.2 "Meter Point" means a water meter connected to the Service in a month.'),
            ("h", "2. Term"),
            ("p", "2.1 This agreement runs for three (3) years from the Commencement Date and then ends."),
            ("h", "3. Charges"),
            ("p", "3.1 All amounts are in Australian dollars and exclude GST."),
            ("p", "3.2 Platform licence: AUD 12,000 per year, invoiced annually in advance."),
            (
                "p",
                "3.3 Meter Points are charged monthly in arrears on a graduated basis, each band at its own rate:",
            ),
            (
                "ts",
                [
                    ["Meter Points in the month", "Rate per Meter Point"],
                    ["First 100", "$4.00"],
                    ["Next 400 (101 - 500)", "$3.20"],
                    ["Above 500", "$2.50"],
                ],
                2,
            ),
            ("h", "4. Invoicing and payment"),
            (
                "p",
                "4.1 Invoices are sent to accounts.payable@coastalwater.test and are payable 14 days from the "
                "invoice date. Interest on late payments accrues at 2% above the RBA cash rate.",
            ),
            ("h", "5. Liability"),
            ("p", "5.1 The Supplier's total liability is limited to AUD 250,000."),
        ],
        "expected": contract(
            name="Coastal Water Authority",
            email="accounts.payable@coastalwater.test",
            currency="AUD",
            terms=14,
            start="2027-02-01",
            end="2030-02-01",
            lines=[
                line("flat", amount="12000.00", billing_interval="year"),
                line(
                    "graduated",
                    metric="meter_points",
                    tiers=[
                        {"up_to": "100", "unit_price": "4.00"},
                        {"up_to": "500", "unit_price": "3.20"},
                        {"up_to": None, "unit_price": "2.50"},
                    ],
                ),
            ],
        ),
    },
    {
        "name": "l08_seat_amendment_numbered",
        "format": "docx",
        "blocks": [
            ("h", "Second Amendment to Subscription Agreement"),
            (
                "p",
                "This Second Amendment amends the Subscription Agreement dated March 3, 2025 between Quillworks "
                'Software Inc. ("Quillworks") and Delmar County Public Library ("Subscriber").',
            ),
            (
                "li",
                'Effective April 1, 2027 (the "Amendment Date"), the number of named users increases from 80 to 120.',
            ),
            (
                "li",
                "From the Amendment Date the price per named user is USD 49.00 per month (previously USD 45.00), "
                "billed monthly in advance.",
            ),
            ("li", "The one-time setup fee of USD 1,000 paid under the original agreement is not charged again."),
            ("li", "All other terms of the Subscription Agreement, including payment within 30 days, are unchanged."),
            ("p", "Subscriber invoices: finance@delmarlibrary.test"),
        ],
        "expected": contract(
            name="Delmar County Public Library",
            email="finance@delmarlibrary.test",
            currency="USD",
            terms=30,
            start="2027-04-01",
            lines=[line("per_seat", unit_price="49.00", seats="120")],
        ),
    },
]
