"""The development corpus: contracts written by hand, each with the contract a billing admin
would enter. ``make_corpus.py`` renders them as PDF, DOCX or text next to their expected JSON.

Blocks: ("h", heading), ("p", paragraph), ("t", [rows]) a table with its header row first,
("pb",) a page break. Expected values follow the API's contract shape (api.md); end dates are
exclusive (the day after the last day of service).
"""

from __future__ import annotations

from typing import Any


def line(charge_model: str, **fields: Any) -> dict[str, Any]:
    if charge_model in ("one_time", "milestone", "prepaid_credit"):
        return {"charge_model": charge_model, **fields}  # invoiced once: no cadence
    fields.setdefault("billing_interval", "month")
    fields.setdefault("billing_interval_count", 1)
    if charge_model in ("per_unit", "graduated", "volume", "package", "percentage"):
        fields.setdefault("billing_timing", "in_arrears")
    else:
        fields.setdefault("billing_timing", "in_advance")
    return {"charge_model": charge_model, **fields}


def contract(
    *, name, email=None, currency, tz=None, terms=None, start, end=None, alignment="anniversary", commitment=None, lines
) -> dict[str, Any]:
    return {
        "customer": {"name": name, "email": email, "currency": currency, "timezone": tz, "payment_terms_days": terms},
        "start_date": start,
        "end_date": end,
        "currency": currency,
        "billing_alignment": alignment,
        "minimum_commitment": commitment,
        "lines": lines,
    }


DOCS: list[dict[str, Any]] = [
    {
        "name": "d01_api_order_form",
        "format": "text",
        "blocks": [
            ("h", "ORDER FORM #OF-2026-118"),
            ("p", "Provider: Nimbus Analytics Inc."),
            ("p", "Customer: Acme Robotics Inc."),
            ("p", "Billing contact: Dana Reyes, ap@acmerobotics.test"),
            ("p", "Effective Date: March 5, 2026"),
            ("h", "1. Subscription Term"),
            (
                "p",
                "This Order Form has an initial term of twelve (12) months from the Effective Date and "
                "automatically renews for successive twelve-month periods unless either party gives 30 days' notice.",
            ),
            ("h", "2. Fees"),
            ("p", "- API access: $0.004 per successful API call, subject to a USD 200 monthly minimum."),
            ("p", "- Usage is invoiced monthly in arrears."),
            ("h", "3. Payment"),
            ("p", "Invoices are payable Net 30. All amounts are stated in USD."),
        ],
        "expected": contract(
            name="Acme Robotics Inc.",
            email="ap@acmerobotics.test",
            currency="USD",
            terms=30,
            start="2026-03-05",
            lines=[line("per_unit", metric="api_calls", unit_price="0.004", minimum_amount="200.00")],
        ),
    },
    {
        "name": "d02_subscription_letter",
        "format": "docx",
        "blocks": [
            ("p", "Brightwave Software Ltd"),
            ("p", "14 Hanover Street, London W1S 1YH"),
            ("p", "2 February 2026"),
            ("p", "Bluefin Logistics Ltd"),
            ("p", "Attn: Priya Patel, Finance Director"),
            ("p", "Dear Ms Patel,"),
            ("p", "Re: Brightwave Route Planner subscription"),
            (
                "p",
                "Further to our discussions, this letter sets out the commercial terms agreed between Brightwave "
                'Software Ltd ("Brightwave") and Bluefin Logistics Ltd (the "Customer").',
            ),
            (
                "p",
                "The subscription starts on 1 March 2026 and runs for a fixed term of 24 months. It will not "
                "renew automatically.",
            ),
            (
                "p",
                "The Customer will pay an annual platform fee of £18,000, invoiced annually in advance. In addition, "
                "named users are charged at £35 per user per month for 40 users, billed monthly in advance.",
            ),
            (
                "p",
                "Please send all invoices to invoices@bluefinlogistics.test. Payment is due within 30 days of the "
                "invoice date.",
            ),
            ("p", "Yours sincerely,"),
            ("p", "Tom Ashby, Commercial Director"),
        ],
        "expected": contract(
            name="Bluefin Logistics Ltd",
            email="invoices@bluefinlogistics.test",
            currency="GBP",
            terms=30,
            start="2026-03-01",
            end="2028-03-01",
            lines=[
                line("flat", amount="18000.00", billing_interval="year"),
                line("per_seat", unit_price="35.00", seats="40"),
            ],
        ),
    },
    {
        "name": "d03_graduated_pricing_schedule",
        "format": "pdf",
        "blocks": [
            ("h", "Pricing Schedule"),
            (
                "p",
                "This Pricing Schedule forms part of the Master Services Agreement between Stratus Data Corp. "
                '("Stratus") and Helix Genomics, Inc. ("Client").',
            ),
            ("p", "Schedule start date: 2026-04-01"),
            ("p", "Client billing email: accounts.payable@helixgenomics.test"),
            ("h", "Data processing (graduated)"),
            (
                "p",
                "Records processed each month are priced in graduated tiers: each tier's price applies only to the "
                "records within that tier.",
            ),
            (
                "t",
                [
                    ["From", "To", "Price per record"],
                    ["0", "100,000", "$0.010"],
                    ["100,001", "1,000,000", "$0.007"],
                    ["1,000,001", "", "$0.004"],
                ],
            ),
            ("p", "Usage charges are billed monthly in arrears. Payment terms: net 45 days."),
            ("p", "The term ends on March 31, 2027."),
        ],
        "expected": contract(
            name="Helix Genomics, Inc.",
            email="accounts.payable@helixgenomics.test",
            currency="USD",
            terms=45,
            start="2026-04-01",
            end="2027-04-01",
            lines=[
                line(
                    "graduated",
                    metric="records",
                    tiers=[
                        {"up_to": "100000", "unit_price": "0.010"},
                        {"up_to": "1000000", "unit_price": "0.007"},
                        {"up_to": None, "unit_price": "0.004"},
                    ],
                )
            ],
        ),
    },
    {
        "name": "d04_volume_messaging",
        "format": "docx",
        "blocks": [
            ("h", "SMS Messaging Services - Order"),
            (
                "t",
                [
                    ["Field", "Value"],
                    ["Customer legal name", "Quokka Retail Pty Ltd"],
                    ["Invoice email", "billing@quokkaretail.test"],
                    ["Currency", "AUD"],
                    ["Start date", "1 July 2026"],
                    ["Payment terms", "Net 14"],
                ],
            ),
            (
                "p",
                "Outbound messages are charged on a volume basis: the total monthly volume determines the tier, and "
                "all messages in the month are charged at that tier's rate.",
            ),
            (
                "t",
                [
                    ["Monthly messages", "Rate per message"],
                    ["Up to 50,000", "A$0.045"],
                    ["50,001 - 250,000", "A$0.038"],
                    ["250,001 and above", "A$0.030"],
                ],
            ),
            ("p", "A dedicated short code costs A$750 per month, billed monthly in advance."),
        ],
        "expected": contract(
            name="Quokka Retail Pty Ltd",
            email="billing@quokkaretail.test",
            currency="AUD",
            terms=14,
            start="2026-07-01",
            lines=[
                line(
                    "volume",
                    metric="messages",
                    tiers=[
                        {"up_to": "50000", "unit_price": "0.045"},
                        {"up_to": "250000", "unit_price": "0.038"},
                        {"up_to": None, "unit_price": "0.030"},
                    ],
                ),
                line("flat", amount="750.00"),
            ],
        ),
    },
    {
        "name": "d05_sow_milestones",
        "format": "pdf",
        "blocks": [
            ("h", "Statement of Work No. 3"),
            (
                "p",
                'This Statement of Work is entered into by Keystone Consulting LLC ("Consultant") and '
                'Riverbend Health System ("Client") under the Professional Services Agreement.',
            ),
            ("p", "Effective date: May 4, 2026"),
            ("p", "Client contact for invoices: ap@riverbendhealth.test"),
            ("h", "Fees and Payment Schedule"),
            ("p", "The fixed fee for this engagement is $200,000, invoiced on completion of each milestone:"),
            (
                "t",
                [
                    ["Milestone", "Target date", "Amount"],
                    ["Discovery and requirements sign-off", "June 15, 2026", "$50,000"],
                    ["System configuration complete", "August 31, 2026", "$100,000"],
                    ["Go-live", "October 30, 2026", "$50,000"],
                ],
            ),
            ("p", "Invoices are due within thirty (30) days of receipt."),
        ],
        "expected": contract(
            name="Riverbend Health System",
            email="ap@riverbendhealth.test",
            currency="USD",
            terms=30,
            start="2026-05-04",
            lines=[
                line(
                    "milestone",
                    milestones=[
                        {"name": "Discovery and requirements sign-off", "amount": "50000.00", "due_date": "2026-06-15"},
                        {"name": "System configuration complete", "amount": "100000.00", "due_date": "2026-08-31"},
                        {"name": "Go-live", "amount": "50000.00", "due_date": "2026-10-30"},
                    ],
                )
            ],
        ),
    },
    {
        "name": "d06_prepaid_credits",
        "format": "text",
        "blocks": [
            ("h", "CREDIT PURCHASE AGREEMENT"),
            (
                "p",
                'Between Lumen AI, Inc. ("Lumen") and Orchid Media LLC ("Customer"), effective as of January 15, 2026.',
            ),
            (
                "p",
                "Customer purchases $50,000 of prepaid usage credits for a price of $45,000, invoiced upon "
                "signature. Credits are drawn down by inference usage at list rates.",
            ),
            (
                "p",
                "When the credit balance falls below $5,000, Lumen will automatically top up the balance with "
                "$10,000 of credits.",
            ),
            ("p", "Unused credits expire on January 14, 2027."),
            ("p", "Invoices will be emailed to finance@orchidmedia.test and are due upon receipt."),
        ],
        "expected": contract(
            name="Orchid Media LLC",
            email="finance@orchidmedia.test",
            currency="USD",
            terms=0,
            start="2026-01-15",
            lines=[
                line(
                    "prepaid_credit",
                    amount="50000.00",
                    price="45000.00",
                    top_up_threshold="5000.00",
                    top_up_amount="10000.00",
                    expires_on="2027-01-14",
                )
            ],
        ),
    },
    {
        "name": "d07_payments_take_rate",
        "format": "pdf",
        "blocks": [
            ("h", "Payment Processing Addendum"),
            ("p", "Merchant: Copper Kettle Coffee Co."),
            ("p", "Merchant email: books@copperkettle.test"),
            ("p", "Commencement date: September 1, 2026"),
            (
                "p",
                "Processing fees: 2.9% of each successful card transaction plus $0.30 per transaction. The fee for "
                "any single transaction will not exceed $25.00.",
            ),
            ("p", "Fees are settled monthly in arrears. Payment terms: Net 15."),
        ],
        "expected": contract(
            name="Copper Kettle Coffee Co.",
            email="books@copperkettle.test",
            currency="USD",
            terms=15,
            start="2026-09-01",
            lines=[
                line("percentage", metric="transaction_amount", rate="2.9", fixed_fee="0.30", per_event_max="25.00")
            ],
        ),
    },
    {
        "name": "d08_euro_order",
        "format": "docx",
        "blocks": [
            ("h", "Bestellformular / Order Form"),
            ("p", "Anbieter: Wolkenwerk GmbH, Berlin"),
            ("p", "Kunde: Hooli Deutschland GmbH"),
            ("p", "Rechnungs-E-Mail: rechnungen@hooli.test"),
            ("p", "Vertragsbeginn: 01.04.2026"),
            ("p", "Laufzeit: 36 Monate"),
            ("p", "Time zone: Europe/Berlin"),
            (
                "t",
                [
                    ["Position", "Preis", "Abrechnung"],
                    [
                        "Plattformgebühr (platform fee)",
                        "2.500,00 € pro Monat",
                        "monatlich im Voraus (monthly in advance)",
                    ],
                    ["Speicher (storage) per GB", "0,12 € per GB", "monthly in arrears"],
                ],
            ),
            ("p", "Zahlungsziel: 14 Tage netto. All prices exclusive of VAT."),
        ],
        "expected": contract(
            name="Hooli Deutschland GmbH",
            email="rechnungen@hooli.test",
            currency="EUR",
            tz="Europe/Berlin",
            terms=14,
            start="2026-04-01",
            end="2029-04-01",
            lines=[
                line("flat", amount="2500.00"),
                line("per_unit", metric="gb", unit_price="0.12"),
            ],
        ),
    },
    {
        "name": "d09_email_packages",
        "format": "text",
        "blocks": [
            ("p", "POSTBOX TRANSACTIONAL EMAIL - SERVICE ORDER"),
            ("p", "Customer Name: Fernhill Publishing LLC"),
            ("p", "Accounts payable: payables@fernhill.test"),
            ("p", "Service start: 2026-02-01"),
            (
                "p",
                "Pricing: emails are sold in blocks of 10,000 at $25.00 per block; a partially used block is "
                "charged in full. The first 5,000 emails each month are free.",
            ),
            ("p", "Dedicated IP address: $50 per month."),
            ("p", "All charges are invoiced monthly. Terms: net 30."),
        ],
        "expected": contract(
            name="Fernhill Publishing LLC",
            email="payables@fernhill.test",
            currency="USD",
            terms=30,
            start="2026-02-01",
            lines=[
                line("package", metric="emails", package_size="10000", package_price="25.00", free_units="5000"),
                line("flat", amount="50.00"),
            ],
        ),
    },
    {
        "name": "d10_hybrid_platform_overage",
        "format": "pdf",
        "blocks": [
            ("h", "Enterprise Order Form"),
            (
                "t",
                [
                    ["Customer", "Tandem Freight Inc."],
                    ["Billing email", "billing@tandemfreight.test"],
                    ["Order start date", "June 1, 2026"],
                    ["Subscription term", "12 months"],
                    ["Payment terms", "Net 30"],
                ],
            ),
            (
                "p",
                "The Customer will pay a platform fee of $1,000 per month plus $0.05 per shipment above 10,000 "
                "shipments in the month.",
            ),
            ("p", "The platform fee is billed monthly in advance; shipment overages are billed monthly in arrears."),
        ],
        "expected": contract(
            name="Tandem Freight Inc.",
            email="billing@tandemfreight.test",
            currency="USD",
            terms=30,
            start="2026-06-01",
            end="2027-06-01",
            lines=[
                line("flat", amount="1000.00"),
                line("per_unit", metric="shipments", unit_price="0.05", included_units="10000"),
            ],
        ),
    },
    {
        "name": "d11_seats_quarterly",
        "format": "docx",
        "blocks": [
            ("h", "Quote Q-88213 - accepted"),
            ("p", "Prepared for: Marlow & Finch LLP"),
            ("p", "Bill to: Marlow & Finch LLP, 200 Park Avenue, New York, NY"),
            ("p", "Billing contact email: finance@marlowfinch.test"),
            ("p", "Subscription period: January 1, 2026 through December 31, 2026."),
            (
                "t",
                [
                    ["Product", "Quantity", "Unit price", "Billing"],
                    ["DocuFlow Enterprise seat", "150", "$45.00 per seat per month", "Quarterly in advance"],
                    ["Premium support", "1", "$1,200.00 per quarter", "Quarterly in advance"],
                ],
            ),
            ("p", "Payment due Net 30. Customer's time zone: Eastern Time."),
        ],
        "expected": contract(
            name="Marlow & Finch LLP",
            email="finance@marlowfinch.test",
            currency="USD",
            tz="America/New_York",
            terms=30,
            start="2026-01-01",
            end="2027-01-01",
            lines=[
                line("per_seat", unit_price="135.00", seats="150", billing_interval_count=3),
                line("flat", amount="1200.00", billing_interval_count=3),
            ],
        ),
    },
    {
        "name": "d12_legal_prose_order",
        "format": "text",
        "blocks": [
            ("p", "MASTER SUBSCRIPTION AGREEMENT - ORDER SCHEDULE 1"),
            (
                "p",
                "This Order Schedule is made between Vantage Cloud Services, Inc., a Delaware corporation "
                '("Vantage"), and Pinecrest Credit Union, a state-chartered credit union ("Customer"), and is '
                "governed by the Master Subscription Agreement dated 12 January 2025.",
            ),
            (
                "p",
                "1. Term. The Subscription Term commences on July 1, 2026 and continues until June 30, 2029, "
                "unless terminated earlier in accordance with the Agreement.",
            ),
            (
                "p",
                "2. Subscription Fees. Customer shall pay Vantage a subscription fee of US$96,000 per annum for "
                "the Core Banking Analytics module, payable annually in advance.",
            ),
            (
                "p",
                "3. Professional Services. A one-time onboarding fee of US$12,500 shall be invoiced on the "
                "commencement date.",
            ),
            (
                "p",
                "4. Invoicing. Invoices shall be addressed to Customer's finance department at "
                "vendorinvoices@pinecrestcu.test. Customer shall pay each undisputed invoice within sixty (60) days "
                "of the invoice date.",
            ),
            ("p", "5. Late payments bear interest at 1% per month."),
        ],
        "expected": contract(
            name="Pinecrest Credit Union",
            email="vendorinvoices@pinecrestcu.test",
            currency="USD",
            terms=60,
            start="2026-07-01",
            end="2029-07-01",
            lines=[
                line("flat", amount="96000.00", billing_interval="year"),
                line("one_time", amount="12500.00"),
            ],
        ),
    },
    {
        "name": "d13_amendment_price_change",
        "format": "text",
        "blocks": [
            ("p", "AMENDMENT No. 2 TO ORDER FORM OF-2025-044"),
            ("p", 'Parties: Arcadia Storage Inc. ("Provider") and Northwind Traders Corp. ("Customer").'),
            ("p", "Amendment effective date: August 1, 2026"),
            (
                "p",
                "With effect from the Amendment effective date, the price for object storage is reduced from "
                "$0.023 per GB-month to $0.018 per GB-month. Storage is billed monthly in arrears.",
            ),
            ("p", "The monthly support fee remains $400 per month, billed in advance."),
            (
                "p",
                "Customer billing email: billing@northwindtraders.test. All other terms, including Net 30 payment "
                "terms, remain unchanged.",
            ),
        ],
        "expected": contract(
            name="Northwind Traders Corp.",
            email="billing@northwindtraders.test",
            currency="USD",
            terms=30,
            start="2026-08-01",
            lines=[
                line("per_unit", metric="gb_months", unit_price="0.018"),
                line("flat", amount="400.00"),
            ],
        ),
    },
    {
        "name": "d14_yen_order",
        "format": "pdf",
        "blocks": [
            ("h", "Service Order"),
            ("p", "Customer: Sakura Mobility KK"),
            ("p", "Billing e-mail: keiri@sakuramobility.test"),
            ("p", "Currency: JPY"),
            ("p", "Start date: 2026-10-01"),
            ("p", "Time zone: Asia/Tokyo"),
            (
                "t",
                [
                    ["Item", "Price", "Billing"],
                    ["Fleet dashboard license", "JPY 300,000 per month", "Monthly in advance"],
                    ["Vehicle telemetry", "JPY 120 per vehicle-day", "Monthly in arrears"],
                ],
            ),
            ("p", "Payment within 30 days of invoice."),
        ],
        "expected": contract(
            name="Sakura Mobility KK",
            email="keiri@sakuramobility.test",
            currency="JPY",
            tz="Asia/Tokyo",
            terms=30,
            start="2026-10-01",
            lines=[
                line("flat", amount="300000.00"),
                line("per_unit", metric="vehicle_days", unit_price="120"),
            ],
        ),
    },
    {
        "name": "d15_annual_commitment",
        "format": "docx",
        "blocks": [
            ("h", "Cloud Compute Commitment Agreement"),
            ("p", "Customer: Orbital Games Studio Inc."),
            ("p", "Billing email: ap@orbitalgames.test"),
            ("p", "Effective as of February 1, 2026 for a term of 3 years."),
            (
                "p",
                "Compute is charged at $0.045 per vCPU-hour and storage at $0.020 per GB-month, both billed monthly "
                "in arrears.",
            ),
            (
                "p",
                "Customer commits to a minimum spend of $250,000 per contract year across all usage charges; any "
                "shortfall is invoiced at the end of the contract year.",
            ),
            ("p", "Payment terms: Net 45."),
        ],
        "expected": contract(
            name="Orbital Games Studio Inc.",
            email="ap@orbitalgames.test",
            currency="USD",
            terms=45,
            start="2026-02-01",
            end="2029-02-01",
            commitment={"amount": "250000.00", "period": "year"},
            lines=[
                line("per_unit", metric="vcpu_hours", unit_price="0.045"),
                line("per_unit", metric="gb_months", unit_price="0.020"),
            ],
        ),
    },
    {
        "name": "d16_cumulative_tiers",
        "format": "text",
        "blocks": [
            ("p", "Geocoding API - Pricing Letter"),
            ("p", "Dear Accounts Team at Meridian Maps Ltd,"),
            ("p", 'We confirm the pricing for Meridian Maps Ltd (the "Customer") starting 1 May 2026, payable in GBP.'),
            ("p", "Tiered price per request (graduated, cumulative over the term):"),
            ("p", "- first 1,000,000 requests: £0.0005 per request"),
            ("p", "- next 4,000,000 requests: £0.0004 per request"),
            ("p", "- above 5,000,000 requests: £0.0003 per request"),
            ("p", "Requests are invoiced monthly in arrears to ledger@meridianmaps.test, payment due within 30 days."),
        ],
        "expected": contract(
            name="Meridian Maps Ltd",
            email="ledger@meridianmaps.test",
            currency="GBP",
            terms=30,
            start="2026-05-01",
            lines=[
                line(
                    "graduated",
                    metric="requests",
                    tier_basis="cumulative",
                    tiers=[
                        {"up_to": "1000000", "unit_price": "0.0005"},
                        {"up_to": "5000000", "unit_price": "0.0004"},
                        {"up_to": None, "unit_price": "0.0003"},
                    ],
                )
            ],
        ),
    },
    {
        "name": "d17_calendar_alignment",
        "format": "pdf",
        "blocks": [
            ("h", "Order Confirmation"),
            ("p", "Client name: Oakridge Veterinary Group"),
            ("p", "Client email for invoices: billing@oakridgevet.test"),
            ("p", "Service start date: March 18, 2026"),
            ("p", "Charges are invoiced on the first day of each calendar month; the first month is prorated."),
            ("p", "Practice management software: $89 per user per month for 22 users."),
            ("p", "SMS reminders: $0.02 per message, billed in arrears."),
            ("p", "Payment: due on receipt."),
        ],
        "expected": contract(
            name="Oakridge Veterinary Group",
            email="billing@oakridgevet.test",
            currency="USD",
            terms=0,
            start="2026-03-18",
            alignment="calendar",
            lines=[
                line("per_seat", unit_price="89.00", seats="22"),
                line("per_unit", metric="messages", unit_price="0.02"),
            ],
        ),
    },
    {
        "name": "d18_bare_dollar_quote",
        "format": "text",
        "blocks": [
            ("p", "QUOTE - Lighthouse Security Monitoring"),
            ("p", "Sold to: Granite Peak Schools"),
            ("p", "Contact: it-billing@granitepeak.test"),
            ("p", "Start: 08/15/2026"),
            ("p", "Endpoint monitoring: $3.50 per device per month for 1,200 devices, billed annually in advance."),
            ("p", "Installation (one-time): $2,400."),
            ("p", "Terms: Net 60."),
        ],
        "expected": contract(
            name="Granite Peak Schools",
            email="it-billing@granitepeak.test",
            currency="USD",
            terms=60,
            start="2026-08-15",
            lines=[
                line("per_seat", unit_price="42.00", seats="1200", billing_interval="year"),
                line("one_time", amount="2400.00"),
            ],
        ),
    },
    {
        "name": "d19_chf_semiannual",
        "format": "docx",
        "blocks": [
            ("h", "Service Agreement - Commercial Terms"),
            ("p", 'This agreement is between Alpenlink AG ("Supplier") and Edelweiss Privatbank AG ("Client").'),
            ("p", "Effective date: 1 January 2027"),
            ("p", "Billing address email: kreditoren@edelweiss.test"),
            ("p", "Client time zone: Europe/Zurich"),
            ("p", "Secure messaging licence: CHF 48'000.00 per year, invoiced semi-annually in advance."),
            ("p", "Payment within 20 days of the invoice date."),
            ("p", "Initial term: 2 years."),
        ],
        "expected": contract(
            name="Edelweiss Privatbank AG",
            email="kreditoren@edelweiss.test",
            currency="CHF",
            tz="Europe/Zurich",
            terms=20,
            start="2027-01-01",
            end="2029-01-01",
            lines=[line("flat", amount="24000.00", billing_interval_count=6)],
        ),
    },
    {
        "name": "d20_marketplace_commission",
        "format": "text",
        "blocks": [
            ("p", "Seller Agreement - Commercial Schedule"),
            ("p", "Seller: Tidepool Ceramics LLC"),
            ("p", "Seller payouts and invoices: money@tidepoolceramics.test"),
            ("p", "Effective date: April 20, 2026"),
            (
                "p",
                "Marketplace commission: 12% of the gross merchandise value of each order. No commission is charged "
                "on the first $5,000 of gross merchandise value each month.",
            ),
            ("p", "Commission is invoiced monthly in arrears. Payment terms: Net 10."),
        ],
        "expected": contract(
            name="Tidepool Ceramics LLC",
            email="money@tidepoolceramics.test",
            currency="USD",
            terms=10,
            start="2026-04-20",
            lines=[line("percentage", metric="transaction_amount", rate="12", free_amount="5000.00")],
        ),
    },
    {
        "name": "d21_two_page_order",
        "format": "pdf",
        "blocks": [
            ("h", "Order Form"),
            (
                "p",
                'This Order Form is entered into between Cobalt Observability Inc. and Fjord Fintech AS ("Customer").',
            ),
            ("p", "Customer billing email: faktura@fjordfintech.test"),
            (
                "p",
                "Order effective date: November 1, 2026. Term: 12 months. The term renews automatically for "
                "successive one-year periods.",
            ),
            ("pb",),
            ("h", "Fees"),
            (
                "t",
                [
                    ["Service", "Fee", "Billing"],
                    ["Observability platform", "$4,000 per month", "Monthly in advance"],
                    ["Log ingestion", "$0.50 per GB ingested", "Monthly in arrears"],
                    ["Implementation services", "$8,000 one-time", "Invoiced at signature"],
                ],
            ),
            ("p", "Log ingestion is subject to a minimum monthly charge of $500."),
            ("p", "Payment terms are net 30 days from invoice date."),
        ],
        "expected": contract(
            name="Fjord Fintech AS",
            email="faktura@fjordfintech.test",
            currency="USD",
            terms=30,
            start="2026-11-01",
            lines=[
                line("flat", amount="4000.00"),
                line("per_unit", metric="gb_ingested", unit_price="0.50", minimum_amount="500.00"),
                line("one_time", amount="8000.00"),
            ],
        ),
    },
    {
        "name": "d22_quote_item_table",
        "format": "docx",
        "blocks": [
            ("h", "Sales Quote SQ-4471"),
            (
                "t",
                [
                    ["Customer", "Silverline Dental Partners"],
                    ["Email", "ap@silverlinedental.test"],
                    ["Quote date", "May 10, 2026"],
                    ["Contract start", "June 1, 2026"],
                    ["Contract end", "May 31, 2027"],
                ],
            ),
            (
                "t",
                [
                    ["Item", "Qty", "Unit price", "Frequency", "Total"],
                    ["Clinic scheduling license", "12", "$150.00", "Monthly", "$1,800.00"],
                    ["Patient messaging bundle", "1", "$300.00", "Monthly", "$300.00"],
                    ["Data migration", "1", "$5,000.00", "One-time", "$5,000.00"],
                ],
            ),
            ("p", "Recurring fees are billed in advance. Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Silverline Dental Partners",
            email="ap@silverlinedental.test",
            currency="USD",
            terms=30,
            start="2026-06-01",
            end="2027-06-01",
            lines=[
                line("per_seat", unit_price="150.00", seats="12"),
                line("flat", amount="300.00"),
                line("one_time", amount="5000.00"),
            ],
        ),
    },
    {
        "name": "d23_implementation_split",
        "format": "text",
        "blocks": [
            ("p", "STATEMENT OF WORK - ERP INTEGRATION"),
            ("p", "Client: Harbor Point Hotels Inc."),
            ("p", "Client AP email: invoices@harborpointhotels.test"),
            ("p", "SOW effective date: 2026-09-14"),
            ("p", "Fees. The total fixed fee for the integration is $80,000, payable as follows:"),
            ("p", "(a) 25% upon signature of this SOW;"),
            ("p", "(b) 50% upon completion of user acceptance testing;"),
            ("p", "(c) 25% upon go-live."),
            ("p", "Each invoice is payable within 15 days."),
        ],
        "expected": contract(
            name="Harbor Point Hotels Inc.",
            email="invoices@harborpointhotels.test",
            currency="USD",
            terms=15,
            start="2026-09-14",
            lines=[
                line(
                    "milestone",
                    milestones=[
                        {"name": "Signature", "amount": "20000.00", "due_date": None},
                        {"name": "User acceptance testing", "amount": "40000.00", "due_date": None},
                        {"name": "Go-live", "amount": "20000.00", "due_date": None},
                    ],
                )
            ],
        ),
    },
    {
        "name": "d24_aud_weekly_usage",
        "format": "pdf",
        "blocks": [
            ("h", "Courier Platform Order"),
            ("p", "Customer: Wattle & Gum Grocers Pty Ltd"),
            ("p", "Customer accounts email: accounts@wattlegum.test"),
            ("p", "Commencement: 3 August 2026. Time zone: Australia/Sydney."),
            ("p", "Deliveries are charged at A$2.80 per delivery, billed weekly in arrears (prices exclude GST)."),
            ("p", "A monthly platform fee of A$600 is billed monthly in advance."),
            ("p", "Payment terms: 7 days from invoice."),
        ],
        "expected": contract(
            name="Wattle & Gum Grocers Pty Ltd",
            email="accounts@wattlegum.test",
            currency="AUD",
            tz="Australia/Sydney",
            terms=7,
            start="2026-08-03",
            lines=[
                line("per_unit", metric="deliveries", unit_price="2.80", billing_interval="week"),
                line("flat", amount="600.00"),
            ],
        ),
    },
    {
        "name": "d25_storage_gbp_included",
        "format": "text",
        "blocks": [
            ("p", "Archive Vault - Order Form"),
            ("p", "Customer | Thistle Insurance plc"),
            ("p", "Billing email | payables@thistleinsurance.test"),
            ("p", "Start date | 01/06/2026"),
            (
                "p",
                "Plan: Archive Vault Business at £2,000 per month, billed monthly in advance, which includes "
                "50,000 GB of storage.",
            ),
            (
                "p",
                "Additional storage is charged at £0.03 per GB above the included 50,000 GB, billed monthly in arrear"
                "s.",
            ),
            (
                "p",
                "Payment terms: Net 30. Initial term: 12 months; thereafter the agreement renews automatically "
                "for 12-month periods.",
            ),
        ],
        "expected": contract(
            name="Thistle Insurance plc",
            email="payables@thistleinsurance.test",
            currency="GBP",
            terms=30,
            start="2026-06-01",
            lines=[
                line("flat", amount="2000.00"),
                line("per_unit", metric="gb", unit_price="0.03", included_units="50000"),
            ],
        ),
    },
    {
        "name": "d26_time_and_materials",
        "format": "docx",
        "blocks": [
            ("h", "Statement of Work - Data Platform Support"),
            ("p", 'This SOW is between Quantive Partners LLC ("Contractor") and Beacon Utilities Co. ("Client").'),
            ("p", "Term: from October 1, 2026 to March 31, 2027."),
            (
                "p",
                "Senior engineers are billed at $185 per hour and analysts at $120 per hour, invoiced monthly in "
                "arrears based on actual hours worked.",
            ),
            ("p", "A monthly retainer of $3,000 applies, billed monthly in advance."),
            ("p", "Send invoices to ap@beaconutilities.test; payment Net 30."),
        ],
        "expected": contract(
            name="Beacon Utilities Co.",
            email="ap@beaconutilities.test",
            currency="USD",
            terms=30,
            start="2026-10-01",
            end="2027-04-01",
            lines=[
                line("per_unit", metric="senior_engineer_hours", unit_price="185.00"),
                line("per_unit", metric="analyst_hours", unit_price="120.00"),
                line("flat", amount="3000.00"),
            ],
        ),
    },
]

# Second batch: quote tables with list and net prices, customer blocks under headings, "@" notation,
# instalments, overage allowances, written-out payment terms.
DOCS += [
    {
        "name": "d27_salesforce_quote",
        "format": "pdf",
        "blocks": [
            ("h", "Quote Q-00042187"),
            ("h", "Vendor Information"),
            ("p", "Company: Parallax Software, Inc."),
            ("p", "Email: sales@parallaxsoftware.test"),
            ("h", "Customer Information"),
            ("p", "Company: Elmwood Property Management LLC"),
            ("p", "Contact: Jordan Blake"),
            ("p", "Email: jblake@elmwoodpm.test"),
            ("p", "Subscription Start Date: 04/01/2026"),
            ("p", "Subscription Term: 12 months"),
            ("p", "Billing Frequency: Annual, in advance"),
            (
                "t",
                [
                    ["Product", "Qty", "List Price", "Discount", "Net Price", "Total"],
                    ["Parallax Leasing Suite - per unit managed", "850", "$2.00", "10%", "$1.80", "$1,530.00"],
                    ["Owner Portal add-on", "1", "$6,000.00", "0%", "$6,000.00", "$6,000.00"],
                ],
            ),
            ("p", "Prices are per year. Payment Terms: thirty (30) days net."),
        ],
        "expected": contract(
            name="Elmwood Property Management LLC",
            email="jblake@elmwoodpm.test",
            currency="USD",
            terms=30,
            start="2026-04-01",
            end="2027-04-01",
            lines=[
                line("per_seat", unit_price="1.80", seats="850", billing_interval="year"),
                line("flat", amount="6000.00", billing_interval="year"),
            ],
        ),
    },
    {
        "name": "d28_at_notation_text",
        "format": "text",
        "blocks": [
            ("p", "SUBSCRIPTION ORDER"),
            ("p", "Customer: Kestrel Aviation Services Ltd"),
            ("p", "Accounts: accounts@kestrelaviation.test"),
            ("p", "Order date: 14 September 2026"),
            ("p", "Service commencement date: 1 October 2026"),
            ("p", "Users: 25 @ £30/user/month, invoiced monthly in advance"),
            (
                "p",
                "Flight data API: 250,000 calls/month included; overage at £0.002 per call, invoiced monthly in "
                "arrears",
            ),
            ("p", "Payment terms: 30 days from date of invoice"),
        ],
        "expected": contract(
            name="Kestrel Aviation Services Ltd",
            email="accounts@kestrelaviation.test",
            currency="GBP",
            terms=30,
            start="2026-10-01",
            lines=[
                line("per_seat", unit_price="30.00", seats="25"),
                line("per_unit", metric="calls", unit_price="0.002", included_units="250000"),
            ],
        ),
    },
    {
        "name": "d29_instalments_prose",
        "format": "docx",
        "blocks": [
            ("h", "Software License and Services Agreement - Schedule B (Fees)"),
            (
                "p",
                "This Schedule is made on the 1st day of March, 2026 between Ostrander Systems GmbH (the "
                '"Licensor") and Pelican Bay Hospital Trust (the "Licensee").',
            ),
            (
                "p",
                "B.1 License Fee. The annual license fee is EUR 84.000,00, payable in four equal quarterly "
                "instalments in advance, the first on the Effective Date.",
            ),
            (
                "p",
                "B.2 Effective Date. This Schedule takes effect on 1 April 2026 and has an initial term of "
                "three (3) years.",
            ),
            (
                "p",
                "B.3 Invoices. The Licensor will send invoices to ap@pelicanbay.test. Invoices are due 45 days "
                "after the invoice date.",
            ),
            ("p", "B.4 All amounts are exclusive of VAT."),
        ],
        "expected": contract(
            name="Pelican Bay Hospital Trust",
            email="ap@pelicanbay.test",
            currency="EUR",
            terms=45,
            start="2026-04-01",
            end="2029-04-01",
            lines=[line("flat", amount="21000.00", billing_interval_count=3)],
        ),
    },
    {
        "name": "d30_prepaid_subscription_not_credit",
        "format": "text",
        "blocks": [
            ("p", "Order Form - Beacon Analytics Cloud"),
            ("p", "Client: Sunridge Credit Union"),
            ("p", "Client billing email: finance@sunridgecu.test"),
            ("p", "Start Date: February 15, 2026"),
            ("p", "Subscription Fee (annual, prepaid): $36,000"),
            ("p", "Dashboards: $15 per viewer per month for 40 viewers, billed annually in advance."),
            ("p", "Payment is due net 30. This order renews automatically each year unless cancelled."),
        ],
        "expected": contract(
            name="Sunridge Credit Union",
            email="finance@sunridgecu.test",
            currency="USD",
            terms=30,
            start="2026-02-15",
            lines=[
                line("flat", amount="36000.00", billing_interval="year"),
                line("per_seat", unit_price="180.00", seats="40", billing_interval="year"),
            ],
        ),
    },
    {
        "name": "d31_usd_suffix_tiers_upto_table",
        "format": "docx",
        "blocks": [
            ("h", "Schedule 1 - Usage Pricing"),
            ("p", "Customer: Nordlys Energy AS"),
            ("p", "Customer invoice email: invoice@nordlys.test"),
            ("p", "Effective: 2026-06-01"),
            ("p", "Meter readings ingested per month are charged per tier (graduated):"),
            (
                "t",
                [
                    ["Tier", "Up to (readings)", "Price per reading"],
                    ["1", "1,000,000", "0.0030 USD"],
                    ["2", "10,000,000", "0.0020 USD"],
                    ["3", "Unlimited", "0.0010 USD"],
                ],
            ),
            (
                "p",
                "A platform fee of 2,500.00 USD per month applies, invoiced in advance. Readings are invoiced "
                "monthly in arrears. Payment terms: Net 30.",
            ),
        ],
        "expected": contract(
            name="Nordlys Energy AS",
            email="invoice@nordlys.test",
            currency="USD",
            terms=30,
            start="2026-06-01",
            lines=[
                line(
                    "graduated",
                    metric="readings",
                    tiers=[
                        {"up_to": "1000000", "unit_price": "0.0030"},
                        {"up_to": "10000000", "unit_price": "0.0020"},
                        {"up_to": None, "unit_price": "0.0010"},
                    ],
                ),
                line("flat", amount="2500.00"),
            ],
        ),
    },
    {
        "name": "d32_hosting_sow_mixed",
        "format": "pdf",
        "blocks": [
            ("h", "Statement of Work: Managed Hosting"),
            ("p", "Client: Larkspur Media Group, Inc."),
            ("p", "Client AP: ap@larkspurmedia.test"),
            ("p", "Term: January 1, 2027 - December 31, 2027"),
            ("p", "1. Managed hosting retainer: $7,500.00 per month, invoiced monthly in advance."),
            (
                "p",
                "2. Bandwidth: $0.08 per GB transferred in excess of 5,000 GB per month, invoiced monthly in arrears.",
            ),
            ("p", "3. Migration project: $24,000, invoiced 50% on kickoff and 50% on cutover."),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Larkspur Media Group, Inc.",
            email="ap@larkspurmedia.test",
            currency="USD",
            terms=30,
            start="2027-01-01",
            end="2028-01-01",
            lines=[
                line("flat", amount="7500.00"),
                line("per_unit", metric="gb_transferred", unit_price="0.08", included_units="5000"),
                line(
                    "milestone",
                    milestones=[
                        {"name": "Kickoff", "amount": "12000.00", "due_date": None},
                        {"name": "Cutover", "amount": "12000.00", "due_date": None},
                    ],
                ),
            ],
        ),
    },
    {
        "name": "d33_cad_letter_semimonthly_words",
        "format": "text",
        "blocks": [
            ("p", "Toronto, May 2, 2026"),
            ("p", "Maplewood Dental Clinics Inc."),
            ("p", "Dear Dr. Singh,"),
            (
                "p",
                'We are delighted to welcome Maplewood Dental Clinics Inc. ("you" or the "Customer") to '
                "ChairSide Cloud. Your agreement with ChairSide Technologies Corp. begins on June 1, 2026.",
            ),
            (
                "p",
                "Your plan costs C$1,200 per clinic per month for 6 clinics, billed monthly in advance. A one-time "
                "data conversion fee of C$3,500 will appear on your first invoice.",
            ),
            (
                "p",
                "All amounts are in Canadian dollars. Please make sure invoices@maplewooddental.test can receive "
                "our invoices; payment is due within 15 days. Your time zone is Eastern time (Toronto).",
            ),
        ],
        "expected": contract(
            name="Maplewood Dental Clinics Inc.",
            email="invoices@maplewooddental.test",
            currency="CAD",
            tz="America/Toronto",
            terms=15,
            start="2026-06-01",
            lines=[
                line("per_seat", unit_price="1200.00", seats="6"),
                line("one_time", amount="3500.00"),
            ],
        ),
    },
    {
        "name": "d34_take_rate_table_min",
        "format": "pdf",
        "blocks": [
            ("h", "Platform Fee Schedule"),
            (
                "t",
                [
                    ["Merchant", "Saguaro Outfitters LLC"],
                    ["Billing e-mail", "ar@saguaro.test"],
                    ["Effective Date", "August 1, 2026"],
                ],
            ),
            (
                "t",
                [
                    ["Fee", "Rate", "Notes"],
                    ["Transaction fee", "3.5% + $0.15 per transaction", "Minimum fee of $0.50 per transaction"],
                    ["Monthly platform fee", "$299.00 per month", "Billed in advance"],
                ],
            ),
            ("p", "Transaction fees are billed monthly in arrears. Payment terms: due upon receipt."),
        ],
        "expected": contract(
            name="Saguaro Outfitters LLC",
            email="ar@saguaro.test",
            currency="USD",
            terms=0,
            start="2026-08-01",
            lines=[
                line("percentage", metric="transaction_amount", rate="3.5", fixed_fee="0.15", per_event_min="0.50"),
                line("flat", amount="299.00"),
            ],
        ),
    },
]

# Third batch: legal distractors (liability caps, insurance, late fees, increases), signature blocks,
# email-style confirmations, not-to-exceed caps, revenue share, volume rules in prose.
DOCS += [
    {
        "name": "d35_msa_with_exhibit",
        "format": "pdf",
        "blocks": [
            ("h", "MASTER SERVICES AGREEMENT"),
            ("p", "This Master Services Agreement (the \"Agreement\") is entered into as of March 1st, 2026 (the "
                  "\"Effective Date\") by and between Quillon Data Systems, Inc., a Delaware corporation "
                  "(\"Quillon\"), and Bayside Regional Bank, N.A. (\"Customer\")."),
            ("p", "8. Limitation of Liability. Each party's aggregate liability shall not exceed $1,000,000."),
            ("p", "9. Insurance. Quillon shall maintain commercial general liability insurance of at least "
                  "$2,000,000 per occurrence."),
            ("p", "10. Fees. Customer shall pay the fees in Exhibit A. Overdue amounts bear a late fee of 1.5% per "
                  "month. Quillon may increase fees by no more than 5% at each renewal."),
            ("p", "11. Term. The initial term is thirty-six (36) months from the Effective Date."),
            ("p", "12. Payment. Invoices are payable within forty-five (45) days of receipt. Invoices shall be sent "
                  "to Customer at payables@baysidebank.test."),
            ("pb",),
            ("h", "Exhibit A - Fees"),
            ("t", [["Service", "Fee", "Invoicing"],
                   ["Fraud analytics platform", "$18,500 per month", "Monthly in advance"],
                   ["Transaction scoring", "$0.0125 per scored transaction", "Monthly in arrears"],
                   ["Onboarding and configuration", "$40,000 (one-time)", "Upon execution"]]),
        ],
        "expected": contract(
            name="Bayside Regional Bank, N.A.", email="payables@baysidebank.test", currency="USD", terms=45,
            start="2026-03-01", end="2029-03-01",
            lines=[
                line("flat", amount="18500.00"),
                line("per_unit", metric="scored_transactions", unit_price="0.0125"),
                line("one_time", amount="40000.00"),
            ],
        ),
    },
    {
        "name": "d36_signature_block_users",
        "format": "docx",
        "blocks": [
            ("h", "Order Form"),
            ("p", "Order Start Date: 1-Jul-2026"),
            ("p", "Order Term: 24 months"),
            ("p", "Licensed Users: 120"),
            ("p", "Fee per Licensed User: $25.00/month, billed annually in advance"),
            ("p", "Payment Terms: Net 30"),
            ("p", "Billing Contact: Ana Gomez, ana.gomez@terracotta.test"),
            ("p", "Signed for and on behalf of the parties:"),
            ("t", [["PROVIDER: Helmsman HR Software Ltd", "CUSTOMER: Terracotta Foods Inc."],
                   ["By: ____________", "By: ____________"],
                   ["Name: Lee Carter", "Name: Ana Gomez"]]),
        ],
        "expected": contract(
            name="Terracotta Foods Inc.", email="ana.gomez@terracotta.test", currency="USD", terms=30,
            start="2026-07-01", end="2028-07-01",
            lines=[line("per_seat", unit_price="300.00", seats="120", billing_interval="year")],
        ),
    },
    {
        "name": "d37_email_confirmation",
        "format": "text",
        "blocks": [
            ("p", "From: Maya Chen <maya@orbitmail.test>"),
            ("p", "To: ops@pinnaclefitness.test"),
            ("p", "Subject: Confirming your Orbit Mail plan"),
            ("p", "Hi Pinnacle Fitness team,"),
            ("p", "Great speaking today. To confirm what we agreed for Pinnacle Fitness LLC: your plan starts on "
                  "Aug. 3, 2026. You'll pay $450/mo for the Growth plan (charged at the start of each month), "
                  "which covers up to 100,000 emails a month; beyond that it's $0.80 per 1,000 emails, charged at "
                  "the end of the month."),
            ("p", "Invoices go to ops@pinnaclefitness.test and are due on receipt. No long-term commitment: you "
                  "can cancel any month."),
            ("p", "Cheers, Maya"),
        ],
        "expected": contract(
            name="Pinnacle Fitness LLC", email="ops@pinnaclefitness.test", currency="USD", terms=0,
            start="2026-08-03",
            lines=[
                line("flat", amount="450.00"),
                line("package", metric="emails", package_size="1000", package_price="0.80", free_units="100000"),
            ],
        ),
    },
    {
        "name": "d38_hourly_sow_nte",
        "format": "docx",
        "blocks": [
            ("h", "Statement of Work 2026-07"),
            ("p", "Client: Foxglove Pharmaceuticals plc"),
            ("p", "Client accounts payable: invoices@foxglovepharma.test"),
            ("p", "Period of performance: 1 July 2026 to 31 December 2026"),
            ("p", "Services are provided on a time-and-materials basis at the following rates, invoiced monthly "
                  "in arrears:"),
            ("t", [["Role", "Hourly rate"],
                   ["Principal consultant", "£210"],
                   ["Data engineer", "£140"]]),
            ("p", "Total fees under this SOW shall not exceed £180,000 without a change order."),
            ("p", "Payment terms: 30 days."),
        ],
        "expected": contract(
            name="Foxglove Pharmaceuticals plc", email="invoices@foxglovepharma.test", currency="GBP", terms=30,
            start="2026-07-01", end="2027-01-01",
            lines=[
                line("per_unit", metric="principal_consultant_hours", unit_price="210.00"),
                line("per_unit", metric="data_engineer_hours", unit_price="140.00"),
            ],
        ),
    },
    {
        "name": "d39_minimum_fee_field",
        "format": "text",
        "blocks": [
            ("p", "CARRIER API - PRICING ADDENDUM"),
            ("p", "Customer: Bluebell Logistics GmbH"),
            ("p", "Invoice e-mail: rechnung@bluebell.test"),
            ("p", "Effective date: 01.09.2026"),
            ("p", "Label generation: EUR 0,06 per label"),
            ("p", "Tracking requests: EUR 0,002 per request"),
            ("p", "Minimum monthly fee: EUR 250,00 (applies to the usage charges above combined)"),
            ("p", "Usage is invoiced monthly in arrears; payment within 14 days."),
        ],
        "expected": contract(
            name="Bluebell Logistics GmbH", email="rechnung@bluebell.test", currency="EUR", terms=14,
            start="2026-09-01", commitment={"amount": "250.00", "period": "billing_period"},
            lines=[
                line("per_unit", metric="labels", unit_price="0.06"),
                line("per_unit", metric="requests", unit_price="0.002"),
            ],
        ),
    },
    {
        "name": "d40_revenue_share",
        "format": "pdf",
        "blocks": [
            ("h", "Reseller Commercial Terms"),
            ("p", "Partner: Juniper Ticketing Co."),
            ("p", "Partner finance email: finance@juniperticketing.test"),
            ("p", "Start date: November 15, 2026"),
            ("p", "Booking fee: 4.5% of the gross ticket value of each booking, plus $0.99 per booking."),
            ("p", "Booking fees are invoiced weekly in arrears. Payment terms: Net 7."),
        ],
        "expected": contract(
            name="Juniper Ticketing Co.", email="finance@juniperticketing.test", currency="USD", terms=7,
            start="2026-11-15",
            lines=[line("percentage", metric="transaction_amount", rate="4.5", fixed_fee="0.99",
                        billing_interval="week")],
        ),
    },
    {
        "name": "d41_volume_prose",
        "format": "text",
        "blocks": [
            ("p", "Data Enrichment Order"),
            ("p", "Customer: Copperline Insurance Agency"),
            ("p", "Billing email: billing@copperline.test"),
            ("p", "Start date: January 4, 2027"),
            ("p", "Enrichment lookups are billed monthly in arrears at volume pricing, where the rate for the total "
                  "monthly volume applies to every lookup in the month:"),
            ("p", "- 1 to 20,000 lookups: $0.09 per lookup"),
            ("p", "- 20,001 to 100,000 lookups: $0.07 per lookup"),
            ("p", "- more than 100,000 lookups: $0.05 per lookup"),
            ("p", "Terms: Net 30."),
        ],
        "expected": contract(
            name="Copperline Insurance Agency", email="billing@copperline.test", currency="USD", terms=30,
            start="2027-01-04",
            lines=[line("volume", metric="lookups", tiers=[
                {"up_to": "20000", "unit_price": "0.09"},
                {"up_to": "100000", "unit_price": "0.07"},
                {"up_to": None, "unit_price": "0.05"}])],
        ),
    },
    {
        "name": "d42_term_range_table",
        "format": "pdf",
        "blocks": [
            ("h", "Renewal Order"),
            ("t", [["Account", "Windrose Architecture LLP"],
                   ["Billing contact", "accounts@windrose.test"],
                   ["Subscription term", "2026-03-01 to 2027-02-28"],
                   ["Payment terms", "Net 20"]]),
            ("t", [["Line", "Description", "Amount", "Billing"],
                   ["1", "Design Cloud - Studio edition (15 seats)", "$1,350.00 per month", "Monthly in advance"],
                   ["2", "Render credits - prepaid block", "$5,000.00", "One-time, in advance"]]),
            ("p", "Render credits worth $5,000.00 are drawn down by rendering usage and expire at the end of the "
                  "term."),
        ],
        "expected": contract(
            name="Windrose Architecture LLP", email="accounts@windrose.test", currency="USD", terms=20,
            start="2026-03-01", end="2027-03-01",
            lines=[
                line("flat", amount="1350.00"),
                line("prepaid_credit", amount="5000.00", price="5000.00", expires_on="2027-03-01"),
            ],
        ),
    },
]

# Fourth batch: bill-to blocks, key-value pricing sheets, quarterly usage, SGD commitments, credits
# bought by the unit, milestones written as prose, allowances in TB, booking fees with caps.
DOCS += [
    {
        "name": "d43_bill_to_quote",
        "format": "pdf",
        "blocks": [
            ("h", "SALES ORDER SO-7781"),
            ("t", [["Bill To", "Ship To"],
                   ["Highgate Veterinary Partners Inc.", "Highgate Veterinary Partners Inc."],
                   ["400 Elm Street, Denver, CO 80202", "12 Spruce Road, Boulder, CO 80301"],
                   ["ap@highgatevet.test", "it@highgatevet.test"]]),
            ("p", "Order Date: 2026-05-18    Service Start: 2026-06-01    Term: 12 months"),
            ("t", [["Item", "Term (months)", "Unit Price", "Extended Price"],
                   ["VetCloud Enterprise Plan", "12", "$2,000.00/mo", "$24,000.00"],
                   ["Premium onboarding", "-", "$3,500.00 one-time", "$3,500.00"]]),
            ("p", "Payment Terms: Due on receipt. Recurring charges are invoiced monthly in advance."),
        ],
        "expected": contract(
            name="Highgate Veterinary Partners Inc.", email="ap@highgatevet.test", currency="USD", terms=0,
            start="2026-06-01", end="2027-06-01",
            lines=[
                line("flat", amount="2000.00"),
                line("one_time", amount="3500.00"),
            ],
        ),
    },
    {
        "name": "d44_key_value_pricing_sheet",
        "format": "text",
        "blocks": [
            ("p", "PRICING SHEET"),
            ("p", "Customer: Riverstone Analytics Ltd"),
            ("p", "Billing email: billing@riverstone.test"),
            ("p", "Effective: 15/02/2026"),
            ("p", "Currency: GBP"),
            ("p", "Monthly Base Fee: 3,000.00"),
            ("p", "Included API Calls: 1,000,000 per month"),
            ("p", "Overage Rate: 0.0015 per API call above the included calls"),
            ("p", "Base fee billed monthly in advance; overage billed monthly in arrears. Net 30."),
        ],
        "expected": contract(
            name="Riverstone Analytics Ltd", email="billing@riverstone.test", currency="GBP", terms=30,
            start="2026-02-15",
            lines=[
                line("flat", amount="3000.00"),
                line("per_unit", metric="api_calls", unit_price="0.0015", included_units="1000000"),
            ],
        ),
    },
    {
        "name": "d45_quarterly_usage_calendar",
        "format": "docx",
        "blocks": [
            ("h", "Telematics Services Agreement - Pricing"),
            ("p", "Customer: Ironbridge Haulage Ltd (\"Customer\")"),
            ("p", "Billing email: finance@ironbridgehaulage.test"),
            ("p", "Commencement Date: 10 January 2026"),
            ("p", "Charges are calculated per calendar quarter and invoiced quarterly in arrears."),
            ("p", "Tracked vehicles: £4.50 per vehicle per month, based on the number of active vehicles."),
            ("p", "Payment terms: 30 days end of month."),
        ],
        "expected": contract(
            name="Ironbridge Haulage Ltd", email="finance@ironbridgehaulage.test", currency="GBP", terms=30,
            start="2026-01-10", alignment="calendar",
            lines=[line("per_unit", metric="vehicles", unit_price="4.50", billing_interval_count=3)],
        ),
    },
    {
        "name": "d46_sgd_commitment",
        "format": "text",
        "blocks": [
            ("p", "ORDER FORM (SINGAPORE)"),
            ("p", "Customer: Lion City Payments Pte Ltd"),
            ("p", "Invoices to: accounts@lioncitypay.test"),
            ("p", "Start Date: 1 March 2027"),
            ("p", "Term: 2 years"),
            ("p", "KYC checks: S$0.85 per check"),
            ("p", "Sanctions screening: S$0.12 per screening"),
            ("p", "Minimum Annual Commitment: S$120,000 across all usage; any shortfall invoiced at the end of each "
                  "contract year."),
            ("p", "Usage billed monthly in arrears. Payment terms: Net 60 days."),
        ],
        "expected": contract(
            name="Lion City Payments Pte Ltd", email="accounts@lioncitypay.test", currency="SGD", terms=60,
            start="2027-03-01", end="2029-03-01", commitment={"amount": "120000.00", "period": "year"},
            lines=[
                line("per_unit", metric="checks", unit_price="0.85"),
                line("per_unit", metric="screenings", unit_price="0.12"),
            ],
        ),
    },
    {
        "name": "d47_credits_by_unit",
        "format": "pdf",
        "blocks": [
            ("h", "Credit Order"),
            ("p", "Customer: Meadowlark Labs, Inc."),
            ("p", "Billing email: payables@meadowlarklabs.test"),
            ("p", "Order effective date: September 9, 2026"),
            ("p", "Customer purchases 1,000,000 model credits at $0.045 per credit, a prepaid amount of $45,000, "
                  "invoiced in full on the order effective date. Credits are valid for 12 months."),
            ("p", "Payment terms: Net 15."),
        ],
        "expected": contract(
            name="Meadowlark Labs, Inc.", email="payables@meadowlarklabs.test", currency="USD", terms=15,
            start="2026-09-09",
            lines=[line("prepaid_credit", amount="45000.00", price="45000.00", expires_on="2027-09-09")],
        ),
    },
    {
        "name": "d48_milestones_in_prose",
        "format": "docx",
        "blocks": [
            ("h", "Statement of Work - Brand Platform Rebuild"),
            ("p", "Agency: Studio Marlin LLC. Client: Oakhurst Outdoor Co. (\"Client\")."),
            ("p", "SOW Start Date: March 16, 2026"),
            ("p", "Client invoicing contact: accounting@oakhurstoutdoor.test"),
            ("h", "Payment Milestones"),
            ("p", "Milestone 1 - Design approval ($12,500), due April 30, 2026."),
            ("p", "Milestone 2 - Beta release ($25,000), due June 30, 2026."),
            ("p", "Milestone 3 - Launch ($12,500), due August 14, 2026."),
            ("p", "Invoices are payable net 30."),
        ],
        "expected": contract(
            name="Oakhurst Outdoor Co.", email="accounting@oakhurstoutdoor.test", currency="USD", terms=30,
            start="2026-03-16",
            lines=[line("milestone", milestones=[
                {"name": "Design approval", "amount": "12500.00", "due_date": "2026-04-30"},
                {"name": "Beta release", "amount": "25000.00", "due_date": "2026-06-30"},
                {"name": "Launch", "amount": "12500.00", "due_date": "2026-08-14"}])],
        ),
    },
    {
        "name": "d49_storage_tb_allowance",
        "format": "text",
        "blocks": [
            ("p", "Backup Service Order"),
            ("p", "Customer: Greyfriars School Trust"),
            ("p", "Billing: bursar@greyfriars.test"),
            ("p", "Start: 2026-09-01"),
            ("p", "Backup storage: the first 2 TB are included; additional storage is $20 per TB per month, "
                  "billed monthly in arrears."),
            ("p", "Support plan: $150 per month, billed monthly in advance."),
            ("p", "Terms: payment due within 30 days."),
        ],
        "expected": contract(
            name="Greyfriars School Trust", email="bursar@greyfriars.test", currency="USD", terms=30,
            start="2026-09-01",
            lines=[
                line("per_unit", metric="tb", unit_price="20.00", included_units="2"),
                line("flat", amount="150.00"),
            ],
        ),
    },
    {
        "name": "d50_booking_fee_caps",
        "format": "pdf",
        "blocks": [
            ("h", "Host Agreement - Fees"),
            ("p", "Host: Seaglass Holiday Rentals Ltd"),
            ("p", "Host billing email: accounts@seaglassrentals.test"),
            ("p", "Effective date: 1 April 2026"),
            ("p", "A service fee of 8% applies to the total value of each booking, capped at £50 per booking, "
                  "with a minimum fee of £1 per booking."),
            ("p", "Service fees are invoiced monthly in arrears; payment within 14 days."),
        ],
        "expected": contract(
            name="Seaglass Holiday Rentals Ltd", email="accounts@seaglassrentals.test", currency="GBP", terms=14,
            start="2026-04-01",
            lines=[line("percentage", metric="transaction_amount", rate="8", per_event_max="50.00",
                        per_event_min="1.00")],
        ),
    },
]

# Fifth batch: annual fees paid monthly, slash ISO dates, space-aligned text tables, European day
# rates, prepaid platform credits with rates, signature-date effective dates.
DOCS += [
    {
        "name": "d51_annual_paid_monthly",
        "format": "docx",
        "blocks": [
            ("h", "Subscription Order"),
            ("p", "Customer: Wrenfield Legal Services LLP"),
            ("p", "Billing email: accounts@wrenfieldlegal.test"),
            ("p", "Subscription start: 2026/06/01"),
            ("p", "Annual Subscription Fee: $60,000 (payable monthly in advance)."),
            ("p", "Additional matter-management users: $35 PUPM for 15 users."),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Wrenfield Legal Services LLP", email="accounts@wrenfieldlegal.test", currency="USD", terms=30,
            start="2026-06-01",
            lines=[
                line("flat", amount="5000.00"),
                line("per_seat", unit_price="35.00", seats="15"),
            ],
        ),
    },
    {
        "name": "d52_space_aligned_text_table",
        "format": "text",
        "raw": (
            "ORDER CONFIRMATION\n\n"
            "Customer:        Ashcombe Retail Group Ltd\n"
            "Billing email:   finance@ashcombe.test\n"
            "Start date:      2026-10-01\n"
            "Term:            12 months\n\n"
            "Product                      Qty    Unit price        Billing\n"
            "Analytics Pro seat           30     $65.00/month      Monthly in advance\n"
            "Data connector               2      $400.00/month     Monthly in advance\n"
            "Onboarding package           1      $2,500.00         One-time\n\n"
            "Payment terms: Net 30.\n"
        ),
        "blocks": [],
        "expected": contract(
            name="Ashcombe Retail Group Ltd", email="finance@ashcombe.test", currency="USD", terms=30,
            start="2026-10-01", end="2027-10-01",
            lines=[
                line("per_seat", unit_price="65.00", seats="30"),
                line("per_seat", unit_price="400.00", seats="2"),
                line("one_time", amount="2500.00"),
            ],
        ),
    },
    {
        "name": "d53_day_rate_letter",
        "format": "pdf",
        "blocks": [
            ("p", "München, 12. Februar 2026"),
            ("p", "Engagement letter"),
            ("p", "Dear Ms Keller,"),
            ("p", "We are pleased to confirm the engagement of Brandt & Vogel Beratung GmbH by Alpina Versicherung AG "
                  "(the \"Client\") from 1 March 2026 until 31 August 2026."),
            ("p", "Our consultants are charged at a daily rate of €1.200,00 per day, invoiced monthly in arrears "
                  "for the days worked. Travel expenses are reimbursed at cost. We estimate around 60 days, i.e. "
                  "approximately €72.000,00."),
            ("p", "Please send questions to office@brandtvogel.test. Invoices will be addressed to "
                  "kreditoren@alpina-versicherung.test and are payable within 30 days."),
        ],
        "expected": contract(
            name="Alpina Versicherung AG", email="kreditoren@alpina-versicherung.test", currency="EUR", terms=30,
            start="2026-03-01", end="2026-09-01",
            lines=[line("per_unit", metric="days", unit_price="1200.00")],
        ),
    },
    {
        "name": "d54_prepaid_with_rates",
        "format": "docx",
        "blocks": [
            ("h", "Platform Credit Agreement"),
            ("p", "Customer: Kingfisher Robotics Inc."),
            ("p", "Accounts payable: ap@kingfisherrobotics.test"),
            ("p", "Effective date: July 1, 2026"),
            ("p", "Customer shall prepay USD 100,000 in platform credits, invoiced on the effective date. Usage is "
                  "drawn down against the credit balance at the following rates:"),
            ("p", "- Simulation compute: $0.10 per minute"),
            ("p", "- Model storage: $0.05 per GB-month"),
            ("p", "Usage beyond the credit balance is invoiced monthly in arrears at the same rates. Unused credits "
                  "expire 12 months after the effective date."),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Kingfisher Robotics Inc.", email="ap@kingfisherrobotics.test", currency="USD", terms=30,
            start="2026-07-01",
            lines=[
                line("prepaid_credit", amount="100000.00", price="100000.00", expires_on="2027-07-01"),
                line("per_unit", metric="minutes", unit_price="0.10"),
                line("per_unit", metric="gb_months", unit_price="0.05"),
            ],
        ),
    },
    {
        "name": "d55_signature_date",
        "format": "text",
        "blocks": [
            ("p", "SERVICES AGREEMENT"),
            ("p", "This Agreement is between Northgate Telecom Ltd (\"Supplier\") and Cresswell Housing Ltd "
                  "(\"Customer\") and takes effect on the Effective Date, meaning the date of the last signature "
                  "below."),
            ("p", "Charges: call recording at £0.01 per recorded minute, billed monthly in arrears; contact centre "
                  "licences at £55 per agent per month for 40 agents, billed monthly in advance."),
            ("p", "Invoices to ap@cresswellhousing.test, payable within 28 days."),
            ("p", "Signed for Northgate Telecom Ltd: J. Ames    Date: 10 June 2026"),
            ("p", "Signed for Cresswell Housing Ltd: P. Nolan    Date: 12 June 2026"),
        ],
        "expected": contract(
            name="Cresswell Housing Ltd", email="ap@cresswellhousing.test", currency="GBP", terms=28,
            start="2026-06-12",
            lines=[
                line("per_unit", metric="recorded_minutes", unit_price="0.01"),
                line("per_seat", unit_price="55.00", seats="40"),
            ],
        ),
    },
]

# Sixth batch: page furniture and tables over a page break, optional add-ons that are not ordered,
# renewals with the old price, tiers with flat fees, 2/10 net 30.
DOCS += [
    {
        "name": "d56_tables_across_pages",
        "format": "pdf",
        "blocks": [
            ("h", "ORDER FORM - CONFIDENTIAL"),
            ("p", "Customer: Silverpine Health Network"),
            ("p", "Billing email: ap@silverpinehealth.test"),
            ("p", "Order start date: February 1, 2027"),
            ("p", "Order term: 36 months"),
            ("p", "Page 1 of 2"),
            ("pb",),
            ("t", [["Service", "Price", "Billing"],
                   ["Clinical data platform", "$22,000 per month", "Monthly in advance"],
                   ["HL7 message processing", "$0.003 per message", "Monthly in arrears"]]),
            ("p", "Page 2 of 2"),
            ("p", "Payment terms: 2/10 net 30."),
        ],
        "expected": contract(
            name="Silverpine Health Network", email="ap@silverpinehealth.test", currency="USD", terms=30,
            start="2027-02-01", end="2030-02-01",
            lines=[
                line("flat", amount="22000.00"),
                line("per_unit", metric="messages", unit_price="0.003"),
            ],
        ),
    },
    {
        "name": "d57_optional_addons",
        "format": "docx",
        "blocks": [
            ("h", "Order Form"),
            ("p", "Customer: Thornbury Engineering Ltd"),
            ("p", "Invoices: ap@thornbury.test"),
            ("p", "Start date: 1 May 2026"),
            ("h", "Ordered services"),
            ("p", "CAD Vault Standard: £1,800 per month, billed monthly in advance."),
            ("h", "Optional add-ons (not included in this order)"),
            ("p", "Customer may add the following at any time by written request:"),
            ("p", "- Advanced audit trail: £300 per month"),
            ("p", "- Extra storage: £0.05 per GB"),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Thornbury Engineering Ltd", email="ap@thornbury.test", currency="GBP", terms=30,
            start="2026-05-01",
            lines=[line("flat", amount="1800.00")],
        ),
    },
    {
        "name": "d58_renewal_uplift",
        "format": "text",
        "blocks": [
            ("p", "RENEWAL ORDER FORM"),
            ("p", "Customer: Dunmore Veterinary Group"),
            ("p", "Billing email: accounts@dunmorevets.test"),
            ("p", "Renewal term: 1 January 2027 to 31 December 2027."),
            ("p", "Renewal subscription fee: $11,000 per year (previously $10,000), invoiced annually in advance."),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Dunmore Veterinary Group", email="accounts@dunmorevets.test", currency="USD", terms=30,
            start="2027-01-01", end="2028-01-01",
            lines=[line("flat", amount="11000.00", billing_interval="year")],
        ),
    },
    {
        "name": "d59_tiers_with_flat_fees",
        "format": "pdf",
        "blocks": [
            ("h", "Schedule 2 - Verification Pricing"),
            ("p", "Customer: Brightline Lending Corp."),
            ("p", "Invoice email: billing@brightlinelending.test"),
            ("p", "Effective date: 2026-12-01"),
            ("p", "Income verifications are priced in graduated tiers each month; each tier's flat fee is charged "
                  "once when any verification falls in it."),
            ("t", [["Tier", "From", "To", "Per verification", "Flat fee"],
                   ["1", "1", "500", "$2.00", "$250.00"],
                   ["2", "501", "5,000", "$1.50", "$0.00"],
                   ["3", "5,001", "", "$1.00", "$0.00"]]),
            ("p", "Billed monthly in arrears. Net 30."),
        ],
        "expected": contract(
            name="Brightline Lending Corp.", email="billing@brightlinelending.test", currency="USD", terms=30,
            start="2026-12-01",
            lines=[line("graduated", metric="verifications", tiers=[
                {"up_to": "500", "unit_price": "2.00", "flat_fee": "250.00"},
                {"up_to": "5000", "unit_price": "1.50"},
                {"up_to": None, "unit_price": "1.00"}])],
        ),
    },
    {
        "name": "d60_quarterly_both",
        "format": "docx",
        "blocks": [
            ("h", "Field Service Platform - Order"),
            ("p", "This order is placed by Harrow Mechanical Services Inc. (\"Customer\") with Gearline Software "
                  "LLC."),
            ("p", "Customer billing email: payables@harrowmech.test"),
            ("p", "The subscription starts on 1 April 2026 and continues for one (1) year."),
            ("p", "Technician licences: 60 licences at $40 per licence per month, billed quarterly in advance."),
            ("p", "Work orders processed: $0.25 per work order, billed quarterly in arrears."),
            ("p", "Payment terms: Net 45."),
        ],
        "expected": contract(
            name="Harrow Mechanical Services Inc.", email="payables@harrowmech.test", currency="USD", terms=45,
            start="2026-04-01", end="2027-04-01",
            lines=[
                line("per_seat", unit_price="120.00", seats="60", billing_interval_count=3),
                line("per_unit", metric="work_orders", unit_price="0.25", billing_interval_count=3),
            ],
        ),
    },
]

# Seventh batch: unit columns, German renewal wording, "Company" as the client of a consultant,
# a separate monthly minimum, "x" seat notation, equal instalments.
DOCS += [
    {
        "name": "d61_unit_column",
        "format": "pdf",
        "blocks": [
            ("h", "Messaging Order"),
            ("p", "Customer: Palisade Credit Union"),
            ("p", "Billing email: ap@palisadecu.test"),
            ("p", "Start date: May 1, 2026"),
            ("t", [["Item", "Unit", "Rate"],
                   ["Verification API", "per 1,000 calls", "$0.50"],
                   ["SMS delivery", "per message", "$0.0075"]]),
            ("p", "All usage is billed monthly in arrears. Net 30."),
        ],
        "expected": contract(
            name="Palisade Credit Union", email="ap@palisadecu.test", currency="USD", terms=30, start="2026-05-01",
            lines=[
                line("package", metric="calls", package_size="1000", package_price="0.50"),
                line("per_unit", metric="messages", unit_price="0.0075"),
            ],
        ),
    },
    {
        "name": "d62_german_renewal",
        "format": "text",
        "blocks": [
            ("p", "ANGEBOT / AUFTRAGSBESTÄTIGUNG"),
            ("p", "Kunde: Rheinfeld Logistik GmbH"),
            ("p", "Rechnungsadresse E-Mail: buchhaltung@rheinfeld.test"),
            ("p", "Vertragsbeginn: 01.07.2026"),
            ("p", "Laufzeit: 12 Monate, danach automatische Verlängerung um jeweils 12 Monate."),
            ("p", "Lizenzgebühr (license fee): 1.500,00 EUR pro Monat, monatlich im Voraus (monthly in advance)."),
            ("p", "Zahlungsziel: 30 Tage."),
        ],
        "expected": contract(
            name="Rheinfeld Logistik GmbH", email="buchhaltung@rheinfeld.test", currency="EUR", terms=30,
            start="2026-07-01",
            lines=[line("flat", amount="1500.00")],
        ),
    },
    {
        "name": "d63_company_is_client",
        "format": "docx",
        "blocks": [
            ("h", "Consulting Agreement - Compensation"),
            ("p", "This agreement is made between Ridgeback Advisory LLC (\"Consultant\") and Foxhollow Brewing "
                  "Company (\"Company\"), effective June 15, 2026."),
            ("p", "Company shall pay Consultant a monthly retainer of $6,000, invoiced monthly in advance."),
            ("p", "Invoices shall be sent to payables@foxhollowbrewing.test and paid within 15 days."),
        ],
        "expected": contract(
            name="Foxhollow Brewing Company", email="payables@foxhollowbrewing.test", currency="USD", terms=15,
            start="2026-06-15",
            lines=[line("flat", amount="6000.00")],
        ),
    },
    {
        "name": "d64_separate_minimum",
        "format": "pdf",
        "blocks": [
            ("h", "Geolocation API Order"),
            ("p", "Customer: Tidewater Transit Authority"),
            ("p", "Billing email: finance@tidewatertransit.test"),
            ("p", "Effective date: 2026-08-01"),
            ("p", "Location lookups: $0.0009 per lookup, billed monthly in arrears."),
            ("p", "Monthly minimum: $1,000.00"),
            ("p", "Payment terms: Net 45."),
        ],
        "expected": contract(
            name="Tidewater Transit Authority", email="finance@tidewatertransit.test", currency="USD", terms=45,
            start="2026-08-01",
            lines=[line("per_unit", metric="lookups", unit_price="0.0009", minimum_amount="1000.00")],
        ),
    },
    {
        "name": "d65_x_seat_notation",
        "format": "text",
        "blocks": [
            ("p", "Licence Order"),
            ("p", "Licensee: Corvid Research Institute"),
            ("p", "Invoices: procurement@corvid.test"),
            ("p", "Licence period: 2026-09-01 to 2027-08-31"),
            ("p", "Annual licence: 200 users x $120/user/year, invoiced annually in advance."),
            ("p", "Net 30."),
        ],
        "expected": contract(
            name="Corvid Research Institute", email="procurement@corvid.test", currency="USD", terms=30,
            start="2026-09-01", end="2027-09-01",
            lines=[line("per_seat", unit_price="120.00", seats="200", billing_interval="year")],
        ),
    },
    {
        "name": "d66_equal_instalments",
        "format": "docx",
        "blocks": [
            ("h", "Implementation Order"),
            ("p", "Customer: Marigold Senior Living Inc."),
            ("p", "Billing email: ap@marigoldliving.test"),
            ("p", "Start date: October 5, 2026"),
            ("p", "Implementation fee: $10,000, payable in two equal instalments: on signature and on go-live."),
            ("p", "Platform subscription: $2,200 per month, billed monthly in advance."),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Marigold Senior Living Inc.", email="ap@marigoldliving.test", currency="USD", terms=30,
            start="2026-10-05",
            lines=[
                line("milestone", milestones=[
                    {"name": "Signature", "amount": "5000.00", "due_date": None},
                    {"name": "Go-live", "amount": "5000.00", "due_date": None}]),
                line("flat", amount="2200.00"),
            ],
        ),
    },
]

# Eighth batch: the currency in a column header, "Order form for", tiers priced per 1K with M/K
# bounds, "$0.001 each".
DOCS += [
    {
        "name": "d67_header_currency",
        "format": "docx",
        "blocks": [
            ("h", "Leistungsschein / Service Schedule"),
            ("p", "Customer: Obsidian Maschinenbau AG"),
            ("p", "Billing email: ap@obsidian-mb.test"),
            ("p", "Start date: 01.03.2026"),
            ("t", [["Item", "Price (EUR)", "Unit", "Billing"],
                   ["Machine monitoring", "0,15", "per sensor-hour", "monthly in arrears"],
                   ["Operations portal", "950,00", "per month", "monthly in advance"]]),
            ("p", "Payment terms: 30 days net."),
        ],
        "expected": contract(
            name="Obsidian Maschinenbau AG", email="ap@obsidian-mb.test", currency="EUR", terms=30,
            start="2026-03-01",
            lines=[
                line("per_unit", metric="sensor_hours", unit_price="0.15"),
                line("flat", amount="950.00"),
            ],
        ),
    },
    {
        "name": "d68_order_form_for",
        "format": "text",
        "blocks": [
            ("p", "ORDER FORM FOR: Quartz Dental Labs LLC"),
            ("p", "Send invoices to: billing@quartzdental.test"),
            ("p", "Service begins: September 14, 2026"),
            ("p", "Lab management suite - 120.00 USD per month, billed monthly in advance"),
            ("p", "Case tracking - 0.40 USD per case, billed monthly in arrears"),
            ("p", "Payment terms: Net 15"),
        ],
        "expected": contract(
            name="Quartz Dental Labs LLC", email="billing@quartzdental.test", currency="USD", terms=15,
            start="2026-09-14",
            lines=[
                line("flat", amount="120.00"),
                line("per_unit", metric="cases", unit_price="0.40"),
            ],
        ),
    },
    {
        "name": "d69_tiers_per_1k",
        "format": "pdf",
        "blocks": [
            ("h", "Search API - Rate Card"),
            ("p", "Customer: Lanternfish Media Inc."),
            ("p", "Billing email: ap@lanternfish.test"),
            ("p", "Effective date: March 30, 2026"),
            ("p", "Search requests are billed monthly in arrears in graduated tiers:"),
            ("p", "- Up to 1M requests: $0.50 per 1K requests"),
            ("p", "- 1M-10M requests: $0.40 per 1K requests"),
            ("p", "- Over 10M requests: $0.30 per 1K requests"),
            ("p", "Net 30."),
        ],
        "expected": contract(
            name="Lanternfish Media Inc.", email="ap@lanternfish.test", currency="USD", terms=30, start="2026-03-30",
            lines=[line("graduated", metric="requests", tiers=[
                {"up_to": "1000000", "unit_price": "0.50", "package_size": "1000"},
                {"up_to": "10000000", "unit_price": "0.40", "package_size": "1000"},
                {"up_to": None, "unit_price": "0.30", "package_size": "1000"}])],
        ),
    },
    {
        "name": "d70_each_and_headings",
        "format": "docx",
        "blocks": [
            ("h", "Schedule of Fees"),
            ("p", "Customer: Brambleton County Library"),
            ("p", "Billing email: finance@brambletonlibrary.test"),
            ("p", "Start date: January 12, 2027"),
            ("h", "Platform fee"),
            ("p", "The platform fee is $2,000 per month, invoiced in advance."),
            ("h", "Digital loans"),
            ("p", "Digital loans are charged at $0.35 each, invoiced monthly in arrears."),
            ("p", "Invoices are due within 30 days."),
        ],
        "expected": contract(
            name="Brambleton County Library", email="finance@brambletonlibrary.test", currency="USD", terms=30,
            start="2027-01-12",
            lines=[
                line("flat", amount="2000.00"),
                line("per_unit", metric="digital_loans", unit_price="0.35"),
            ],
        ),
    },
]

# Ninth batch: four-column header blocks (label, value, label, value), "per thousand", symbols
# after the amount, expiration-date labels, transaction fees without a rate.
DOCS += [
    {
        "name": "d71_four_column_header",
        "format": "pdf",
        "blocks": [
            ("h", "Order Form"),
            ("t", [["Customer", "Hawthorne Capital Partners LP", "Quote #", "Q-55210"],
                   ["Bill-to email", "ops@hawthornecap.test", "Start Date", "2026-07-01"],
                   ["Payment Terms", "Net 30", "End Date", "2027-06-30"]]),
            ("t", [["Product", "Price", "Billing"],
                   ["Portfolio analytics platform", "$9,500.00 / month", "Monthly in advance"],
                   ["Additional data feeds", "$0.02 / record", "Monthly in arrears"]]),
        ],
        "expected": contract(
            name="Hawthorne Capital Partners LP", email="ops@hawthornecap.test", currency="USD", terms=30,
            start="2026-07-01", end="2027-07-01",
            lines=[
                line("flat", amount="9500.00"),
                line("per_unit", metric="records", unit_price="0.02"),
            ],
        ),
    },
    {
        "name": "d72_per_thousand",
        "format": "text",
        "blocks": [
            ("p", "Advertising Services Insertion Order"),
            ("p", "Advertiser: Pebblecreek Outdoor Gear Inc."),
            ("p", "Billing email: media@pebblecreek.test"),
            ("p", "Flight start: April 6, 2026"),
            ("p", "Display impressions are billed at $1.20 per thousand impressions, invoiced monthly in arrears."),
            ("p", "Payment terms: Net 45."),
        ],
        "expected": contract(
            name="Pebblecreek Outdoor Gear Inc.", email="media@pebblecreek.test", currency="USD", terms=45,
            start="2026-04-06",
            lines=[line("package", metric="impressions", package_size="1000", package_price="1.20")],
        ),
    },
    {
        "name": "d73_symbol_after_amount",
        "format": "docx",
        "blocks": [
            ("h", "Bestellung Software-Abonnement"),
            ("p", "Kunde: Lindenhof Hotelgruppe GmbH"),
            ("p", "E-Mail für Rechnungen: rechnungen@lindenhof.test"),
            ("p", "Beginn: 1. August 2026"),
            ("p", "Users: 49 € per user per month for 35 users, billed monthly in advance."),
            ("p", "Setup: 2.000 € one-time."),
            ("p", "Zahlungsziel: 14 Tage."),
        ],
        "expected": contract(
            name="Lindenhof Hotelgruppe GmbH", email="rechnungen@lindenhof.test", currency="EUR", terms=14,
            start="2026-08-01",
            lines=[
                line("per_seat", unit_price="49.00", seats="35"),
                line("one_time", amount="2000.00"),
            ],
        ),
    },
    {
        "name": "d74_expiration_label",
        "format": "pdf",
        "blocks": [
            ("h", "Support Renewal"),
            ("p", "Customer: Kittiwake Marine Ltd"),
            ("p", "Billing email: accounts@kittiwakemarine.test"),
            ("p", "Effective Date: 1 June 2026"),
            ("p", "Expiration Date: 31 May 2027"),
            ("p", "Premier support: £4,800 per year, invoiced annually in advance."),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Kittiwake Marine Ltd", email="accounts@kittiwakemarine.test", currency="GBP", terms=30,
            start="2026-06-01", end="2027-06-01",
            lines=[line("flat", amount="4800.00", billing_interval="year")],
        ),
    },
    {
        "name": "d75_transaction_fee_flat",
        "format": "text",
        "blocks": [
            ("p", "Payouts Service Order"),
            ("p", "Customer: Gullwing Freelance Network Inc."),
            ("p", "Billing email: finance@gullwing.test"),
            ("p", "Effective date: 2026-10-15"),
            ("p", "Payout fee: $0.25 per payout, billed monthly in arrears."),
            ("p", "Instant payouts: 1% of the payout amount, billed monthly in arrears."),
            ("p", "Net 15."),
        ],
        "expected": contract(
            name="Gullwing Freelance Network Inc.", email="finance@gullwing.test", currency="USD", terms=15,
            start="2026-10-15",
            lines=[
                line("per_unit", metric="payouts", unit_price="0.25"),
                line("percentage", metric="transaction_amount", rate="1"),
            ],
        ),
    },
]

# Tenth batch: parties defined in a definitions clause, seat tables as forms, "Included" columns,
# quarterly prose, seat changes "from 50 to 80".
DOCS += [
    {
        "name": "d76_definitions_clause",
        "format": "pdf",
        "blocks": [
            ("h", "SOFTWARE SUBSCRIPTION AGREEMENT"),
            ("h", "1. Definitions"),
            ("p", "1.1 \"Provider\" means Aquifer Systems Inc."),
            ("p", "1.2 \"Customer\" means Elmstead Water Company."),
            ("p", "1.3 \"Effective Date\" means 1 February 2027."),
            ("h", "2. Fees"),
            ("p", "2.1 Customer shall pay a subscription fee of USD 7,250 per month, invoiced monthly in advance."),
            ("p", "2.2 Meter reads processed are charged at USD 0.004 per read, invoiced monthly in arrears."),
            ("h", "3. Payment"),
            ("p", "3.1 Invoices are payable within 30 days. Invoices shall be emailed to ap@elmsteadwater.test."),
        ],
        "expected": contract(
            name="Elmstead Water Company", email="ap@elmsteadwater.test", currency="USD", terms=30,
            start="2027-02-01",
            lines=[
                line("flat", amount="7250.00"),
                line("per_unit", metric="reads", unit_price="0.004"),
            ],
        ),
    },
    {
        "name": "d77_seat_form_table",
        "format": "docx",
        "blocks": [
            ("h", "Subscription Details"),
            ("t", [["Customer", "Bellweather Accounting LLP"],
                   ["Invoice email", "finance@bellweather.test"],
                   ["Subscription start", "March 1, 2026"],
                   ["Number of Users", "75"],
                   ["Price per User per Month", "$18.00"],
                   ["Billing frequency", "Monthly, in advance"],
                   ["Payment terms", "Net 10"]]),
        ],
        "expected": contract(
            name="Bellweather Accounting LLP", email="finance@bellweather.test", currency="USD", terms=10,
            start="2026-03-01",
            lines=[line("per_seat", unit_price="18.00", seats="75")],
        ),
    },
    {
        "name": "d78_included_column",
        "format": "pdf",
        "blocks": [
            ("h", "Usage Plan"),
            ("p", "Customer: Saltmarsh Mobility Inc."),
            ("p", "Billing email: billing@saltmarsh.test"),
            ("p", "Start date: 2026-11-01"),
            ("t", [["Usage", "Included per month", "Overage price"],
                   ["Route optimisations", "20,000", "$0.012 per optimisation"],
                   ["Geocodes", "100,000", "$0.0008 per geocode"]]),
            ("p", "Platform plan: $1,500 per month, billed in advance. Overage billed monthly in arrears. Net 30."),
        ],
        "expected": contract(
            name="Saltmarsh Mobility Inc.", email="billing@saltmarsh.test", currency="USD", terms=30,
            start="2026-11-01",
            lines=[
                line("per_unit", metric="optimisations", unit_price="0.012", included_units="20000"),
                line("per_unit", metric="geocodes", unit_price="0.0008", included_units="100000"),
                line("flat", amount="1500.00"),
            ],
        ),
    },
    {
        "name": "d79_quarterly_prose",
        "format": "text",
        "blocks": [
            ("p", "Order confirmation - Veridian Compliance Cloud"),
            ("p", "Client: Ostrava Precision s.r.o."),
            ("p", "Invoices to: fakturace@ostrava-precision.test"),
            ("p", "The service starts on 1 July 2026."),
            ("p", "The Client will be invoiced €3,500.00 per quarter in advance for the compliance platform."),
            ("p", "Invoices are payable within 21 days."),
        ],
        "expected": contract(
            name="Ostrava Precision s.r.o.", email="fakturace@ostrava-precision.test", currency="EUR", terms=21,
            start="2026-07-01",
            lines=[line("flat", amount="3500.00", billing_interval_count=3)],
        ),
    },
    {
        "name": "d80_seats_from_to",
        "format": "docx",
        "blocks": [
            ("h", "Amendment No. 1 to Order Form OF-1182"),
            ("p", "Parties: Larchmont Software Inc. (\"Provider\") and Ferncliff Architects PC (\"Customer\")."),
            ("p", "Effective date of this amendment: September 1, 2026."),
            ("p", "The number of seats increases from 50 to 80 seats at $30 per seat per month, billed monthly in "
                  "advance."),
            ("p", "Customer billing email: office@ferncliffarch.test. Payment terms remain Net 30."),
        ],
        "expected": contract(
            name="Ferncliff Architects PC", email="office@ferncliffarch.test", currency="USD", terms=30,
            start="2026-09-01",
            lines=[line("per_seat", unit_price="30.00", seats="80")],
        ),
    },
]

# Eleventh batch: letterheads naming the provider first, effective and service-start dates that
# differ, commitments with true-ups, "minimum 10 users", VAT notes.
DOCS += [
    {
        "name": "d81_letterhead_first",
        "format": "docx",
        "blocks": [
            ("p", "Northwind Cloud Ltd"),
            ("p", "1 Harbour Walk, Bristol BS1 5TY"),
            ("p", "18 August 2026"),
            ("p", "Bramblewood Estates Ltd"),
            ("p", "42 Orchard Lane, Bath BA1 2QH"),
            ("p", "Dear Ms Carter,"),
            ("p", "Thank you for choosing Northwind Cloud. We confirm your subscription to Property Portal for "
                  "Bramblewood Estates Ltd starting 1 September 2026."),
            ("p", "Your plan is £14 per user per month for 60 users, invoiced monthly in advance. VAT at 20% will "
                  "be added to each invoice."),
            ("p", "Please send any questions to hello@northwindcloud.test. Invoices will be emailed to "
                  "accounts@bramblewoodestates.test and are payable within 14 days."),
        ],
        "expected": contract(
            name="Bramblewood Estates Ltd", email="accounts@bramblewoodestates.test", currency="GBP", terms=14,
            start="2026-09-01",
            lines=[line("per_seat", unit_price="14.00", seats="60")],
        ),
    },
    {
        "name": "d82_effective_vs_service_start",
        "format": "pdf",
        "blocks": [
            ("h", "Order Form"),
            ("p", "Effective Date: June 20, 2026"),
            ("p", "Customer: Canyon Ridge Outfitters, Inc."),
            ("p", "Customer AP email: ap@canyonridge.test"),
            ("p", "Service Start Date: July 1, 2026"),
            ("p", "Subscription Term: 24 months"),
            ("p", "Commerce platform: $3,200 per month, billed monthly in advance."),
            ("p", "Customer commits to at least $30,000 of transaction fees per contract year; any shortfall is "
                  "invoiced as a true-up at the end of the contract year."),
            ("p", "Transaction fees: 0.5% of gross merchandise value, billed monthly in arrears."),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Canyon Ridge Outfitters, Inc.", email="ap@canyonridge.test", currency="USD", terms=30,
            start="2026-07-01", end="2028-07-01", commitment={"amount": "30000.00", "period": "year"},
            lines=[
                line("flat", amount="3200.00"),
                line("percentage", metric="transaction_amount", rate="0.5"),
            ],
        ),
    },
    {
        "name": "d83_minimum_users",
        "format": "text",
        "blocks": [
            ("p", "Quote #8841 (accepted)"),
            ("p", "Customer: Juniper Grove Clinics"),
            ("p", "AP contact: payables@junipergrove.test"),
            ("p", "Start date: 2026-12-01"),
            ("p", "Telehealth Pro: $79 per provider per month, minimum 10 providers; 14 providers ordered. Billed "
                  "monthly in advance."),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Juniper Grove Clinics", email="payables@junipergrove.test", currency="USD", terms=30,
            start="2026-12-01",
            lines=[line("per_seat", unit_price="79.00", seats="14")],
        ),
    },
]

# Twelfth batch: markdown exports, prices restated per year in brackets, "upfront", defaults
# stated once for all fees.
DOCS += [
    {
        "name": "d84_markdown_export",
        "format": "text",
        "raw": (
            "# Order Form\n\n"
            "**Customer:** Willowbrook Learning Trust  \n"
            "**Billing email:** finance@willowbrook.test  \n"
            "**Start date:** 2026-09-01  \n"
            "**Term:** 12 months\n\n"
            "## Fees\n\n"
            "* **Learning platform** - $4.50 per student per month for 1,800 students, billed monthly in advance\n"
            "* **Parent messaging** - $0.03 per message, billed monthly in arrears\n\n"
            "## Payment\n\n"
            "Invoices are due within 30 days.\n"
        ),
        "blocks": [],
        "expected": contract(
            name="Willowbrook Learning Trust", email="finance@willowbrook.test", currency="USD", terms=30,
            start="2026-09-01", end="2027-09-01",
            lines=[
                line("per_seat", unit_price="4.50", seats="1800"),
                line("per_unit", metric="messages", unit_price="0.03"),
            ],
        ),
    },
    {
        "name": "d85_restated_per_year",
        "format": "docx",
        "blocks": [
            ("h", "Service Order"),
            ("p", "Customer: Ravenscroft Logistics Inc."),
            ("p", "Billing email: ap@ravenscroft.test"),
            ("p", "Start date: May 15, 2026"),
            ("t", [["Service", "Fee", "Billing"],
                   ["Warehouse management", "$2,500/month ($30,000/year)", "Monthly in advance"],
                   ["EDI transactions", "$0.15 per transaction", "Monthly in arrears"]]),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Ravenscroft Logistics Inc.", email="ap@ravenscroft.test", currency="USD", terms=30,
            start="2026-05-15",
            lines=[
                line("flat", amount="2500.00"),
                line("per_unit", metric="transactions", unit_price="0.15"),
            ],
        ),
    },
    {
        "name": "d86_defaults_for_all_fees",
        "format": "pdf",
        "blocks": [
            ("h", "Commercial Terms"),
            ("p", "Customer: Peregrine Aerial Surveys Ltd"),
            ("p", "Email for invoices: invoices@peregrineaerial.test"),
            ("p", "Start date: 1 October 2026"),
            ("p", "All fees are invoiced quarterly in advance and are payable 30 days end of month."),
            ("p", "Flight planning software: £950 per month."),
            ("p", "Fleet licence: £120 per drone per month for 12 drones."),
            ("p", "Annual maintenance fee of £3,000 payable upfront."),
        ],
        "expected": contract(
            name="Peregrine Aerial Surveys Ltd", email="invoices@peregrineaerial.test", currency="GBP", terms=30,
            start="2026-10-01",
            lines=[
                line("flat", amount="2850.00", billing_interval_count=3),
                line("per_seat", unit_price="360.00", seats="12", billing_interval_count=3),
                line("flat", amount="3000.00", billing_interval="year"),
            ],
        ),
    },
]

# Thirteenth batch: CPQ tables with per-row dates, price lists in one line, waived fees, French
# number formats.
DOCS += [
    {
        "name": "d87_cpq_row_dates",
        "format": "pdf",
        "blocks": [
            ("h", "Order Form OF-2026-3310"),
            ("t", [["Customer", "Sterling Bay Hospitality Group"],
                   ["Invoice email", "accountspayable@sterlingbay.test"],
                   ["Billing frequency", "Quarterly in advance"],
                   ["Payment terms", "Net 45"]]),
            ("t", [["Product", "Start Date", "End Date", "Qty", "Unit Price", "Total"],
                   ["Guest Wi-Fi Management (per property, monthly)", "04/01/2026", "03/31/2027", "18", "$95.00",
                    "$20,520.00"],
                   ["Analytics Add-on (monthly)", "04/01/2026", "03/31/2027", "1", "$400.00", "$4,800.00"]]),
        ],
        "expected": contract(
            name="Sterling Bay Hospitality Group", email="accountspayable@sterlingbay.test", currency="USD",
            terms=45, start="2026-04-01", end="2027-04-01",
            lines=[
                line("per_seat", unit_price="285.00", seats="18", billing_interval_count=3),
                line("flat", amount="1200.00", billing_interval_count=3),
            ],
        ),
    },
    {
        "name": "d88_price_list_one_line",
        "format": "text",
        "blocks": [
            ("p", "Cloud storage order"),
            ("p", "Customer: Obelisk Media Archive Inc."),
            ("p", "Billing email: ap@obeliskarchive.test"),
            ("p", "Start date: 2026-05-01"),
            ("p", "Pricing: $0.02/GB-month storage; $0.05/GB egress; $25/month support. Usage is billed monthly in "
                  "arrears and support monthly in advance."),
            ("p", "Terms: Net 30."),
        ],
        "expected": contract(
            name="Obelisk Media Archive Inc.", email="ap@obeliskarchive.test", currency="USD", terms=30,
            start="2026-05-01",
            lines=[
                line("per_unit", metric="gb_months", unit_price="0.02"),
                line("per_unit", metric="gb", unit_price="0.05"),
                line("flat", amount="25.00"),
            ],
        ),
    },
    {
        "name": "d89_waived_setup",
        "format": "docx",
        "blocks": [
            ("h", "Order"),
            ("p", "Customer: Tamarack Physical Therapy LLC"),
            ("p", "Billing email: billing@tamarackpt.test"),
            ("p", "Start date: June 8, 2026"),
            ("p", "Scheduling platform: $349 per month, billed monthly in advance."),
            ("p", "One-time setup fee of $1,500 (waived for this order)."),
            ("p", "Payment terms: Net 15."),
        ],
        "expected": contract(
            name="Tamarack Physical Therapy LLC", email="billing@tamarackpt.test", currency="USD", terms=15,
            start="2026-06-08",
            lines=[line("flat", amount="349.00")],
        ),
    },
    {
        "name": "d90_french_numbers",
        "format": "text",
        "blocks": [
            ("p", "BON DE COMMANDE / ORDER FORM"),
            ("p", "Client : Fromagerie des Alpes SAS"),
            ("p", "E-mail de facturation : compta@fromagerie-alpes.test"),
            ("p", "Date de début : 01/09/2026"),
            ("p", "Abonnement plateforme (platform subscription) : 1 200,00 € par mois (per month), billed monthly in "
                  "advance."),
            ("p", "Paiement à 30 jours (payment within 30 days)."),
        ],
        "expected": contract(
            name="Fromagerie des Alpes SAS", email="compta@fromagerie-alpes.test", currency="EUR", terms=30,
            start="2026-09-01",
            lines=[line("flat", amount="1200.00")],
        ),
    },
]

# Fourteenth batch: labels on their own line above the value (PDF forms), bill-to blocks without
# colons.
DOCS += [
    {
        "name": "d91_labels_above_values",
        "format": "pdf",
        "blocks": [
            ("h", "ORDER FORM"),
            ("p", "BILL TO"),
            ("p", "Cedar Hollow Property Co."),
            ("p", "88 Market Street, Portland, OR 97204"),
            ("p", "ap@cedarhollow.test"),
            ("p", "START DATE"),
            ("p", "2026-08-01"),
            ("p", "PAYMENT TERMS"),
            ("p", "Net 30"),
            ("t", [["Description", "Price", "Billing"],
                   ["Tenant portal", "$650.00 per month", "Monthly in advance"],
                   ["Online rent payments", "1.2% of each payment", "Monthly in arrears"]]),
        ],
        "expected": contract(
            name="Cedar Hollow Property Co.", email="ap@cedarhollow.test", currency="USD", terms=30,
            start="2026-08-01",
            lines=[
                line("flat", amount="650.00"),
                line("percentage", metric="transaction_amount", rate="1.2"),
            ],
        ),
    },
    {
        "name": "d92_customer_block_docx",
        "format": "docx",
        "blocks": [
            ("h", "Quotation Q-2291"),
            ("p", "Customer"),
            ("p", "Harbourview Dental Group Pty Ltd"),
            ("p", "accounts@harbourviewdental.test"),
            ("p", "Quote valid until 30 June 2026."),
            ("p", "Service commencement: 1 July 2026"),
            ("p", "Practice software: A$299 per dentist per month for 9 dentists, billed monthly in advance."),
            ("p", "Payment terms: 14 days."),
        ],
        "expected": contract(
            name="Harbourview Dental Group Pty Ltd", email="accounts@harbourviewdental.test", currency="AUD",
            terms=14, start="2026-07-01",
            lines=[line("per_seat", unit_price="299.00", seats="9")],
        ),
    },
]

# Fifteenth batch: amounts in words and figures, a currency column, "+"-joined prices, renewal
# wording without "automatic".
DOCS += [
    {
        "name": "d93_words_and_figures",
        "format": "text",
        "blocks": [
            ("p", "PROFESSIONAL SERVICES AGREEMENT - SCHEDULE A"),
            ("p", "This Schedule is entered into by Meridian Quality Partners LLC (\"Contractor\") and Glenwood "
                  "Municipal Utility (\"Client\")."),
            ("p", "4.1 Commencement. Services commence on August 17, 2026."),
            ("p", "4.2 Fees. Client shall pay Contractor an amount equal to two thousand five hundred dollars "
                  "($2,500) per month for compliance monitoring, payable monthly in advance."),
            ("p", "4.3 Payment. Client shall pay each invoice within thirty (30) days of receipt. Invoices shall be "
                  "delivered to utility.ap@glenwood.test."),
        ],
        "expected": contract(
            name="Glenwood Municipal Utility", email="utility.ap@glenwood.test", currency="USD", terms=30,
            start="2026-08-17",
            lines=[line("flat", amount="2500.00")],
        ),
    },
    {
        "name": "d94_currency_column",
        "format": "pdf",
        "blocks": [
            ("h", "Price Confirmation"),
            ("p", "Customer: Nordkapp Shipping ASA"),
            ("p", "Billing email: faktura@nordkapp.test"),
            ("p", "Start date: 2026-11-15"),
            ("t", [["Service", "Currency", "Unit Price", "Per"],
                   ["Fleet tracking", "NOK", "1,250.00", "vessel per month"],
                   ["Port call reports", "NOK", "85.00", "report"]]),
            ("p", "Tracking is billed monthly in advance; reports monthly in arrears. Net 30."),
        ],
        "expected": contract(
            name="Nordkapp Shipping ASA", email="faktura@nordkapp.test", currency="NOK", terms=30,
            start="2026-11-15",
            lines=[
                line("per_seat", unit_price="1250.00"),
                line("per_unit", metric="reports", unit_price="85.00"),
            ],
        ),
    },
    {
        "name": "d95_plus_joined",
        "format": "docx",
        "blocks": [
            ("h", "API Order"),
            ("p", "Customer: Sparrowhawk Insights Inc."),
            ("p", "Billing email: billing@sparrowhawk.test"),
            ("p", "Start date: 2026-04-15"),
            ("p", "Fees: USD 1,000/mo platform + USD 0.01/API call, billed monthly (platform in advance, calls in "
                  "arrears)."),
            ("p", "Net 30."),
        ],
        "expected": contract(
            name="Sparrowhawk Insights Inc.", email="billing@sparrowhawk.test", currency="USD", terms=30,
            start="2026-04-15",
            lines=[
                line("flat", amount="1000.00"),
                line("per_unit", metric="api_calls", unit_price="0.01"),
            ],
        ),
    },
    {
        "name": "d96_renews_unless_terminated",
        "format": "text",
        "blocks": [
            ("p", "Subscription Order"),
            ("p", "Customer: Aldergrove Credit Services"),
            ("p", "Billing email: ap@aldergrove.test"),
            ("p", "Start Date: 2026-02-01"),
            ("p", "Term: 1 year from the Start Date; renews for additional 1-year terms unless terminated with 60 "
                  "days' notice."),
            ("p", "Subscription: $18,000 per year, invoiced annually in advance. Net 30."),
        ],
        "expected": contract(
            name="Aldergrove Credit Services", email="ap@aldergrove.test", currency="USD", terms=30,
            start="2026-02-01",
            lines=[line("flat", amount="18000.00", billing_interval="year")],
        ),
    },
]

# Sixteenth batch: upper-case parties in acceptance blocks, "payment upon receipt", "the 1st of
# April, 2026", basis points.
DOCS += [
    {
        "name": "d97_uppercase_acceptance",
        "format": "text",
        "blocks": [
            ("p", "PROPOSAL FOR MANAGED SECURITY SERVICES"),
            ("p", "Prepared by SENTRYLINE SECURITY LLC"),
            ("p", "Services start on the 1st of April, 2026 and run for 12 months."),
            ("p", "24x7 monitoring: $8,400 per month, invoiced monthly in advance."),
            ("p", "Incident response retainer: $2,000 per month, invoiced monthly in advance."),
            ("p", "Payment upon receipt of invoice. Invoices to soc-billing@harborlightbank.test."),
            ("p", "ACCEPTED AND AGREED:"),
            ("p", "HARBORLIGHT COMMUNITY BANK, N.A.    By: ________    Name: R. Ortiz    Title: CFO"),
        ],
        "expected": contract(
            name="HARBORLIGHT COMMUNITY BANK, N.A.", email="soc-billing@harborlightbank.test", currency="USD",
            terms=0, start="2026-04-01", end="2027-04-01",
            lines=[
                line("flat", amount="8400.00"),
                line("flat", amount="2000.00"),
            ],
        ),
    },
    {
        "name": "d98_basis_points",
        "format": "docx",
        "blocks": [
            ("h", "FX Payments Pricing"),
            ("p", "Client: Atlas Freight Forwarding Ltd"),
            ("p", "Client billing email: treasury@atlasfreight.test"),
            ("p", "Effective date: 3 August 2026"),
            ("p", "Cross-border payments: 35 basis points (0.35%) of the payment amount, with a minimum fee of £2.00 "
                  "per payment, billed monthly in arrears."),
            ("p", "Account fee: £150 per month, billed monthly in advance."),
            ("p", "Payment terms: 10 days."),
        ],
        "expected": contract(
            name="Atlas Freight Forwarding Ltd", email="treasury@atlasfreight.test", currency="GBP", terms=10,
            start="2026-08-03",
            lines=[
                line("percentage", metric="transaction_amount", rate="0.35", per_event_min="2.00"),
                line("flat", amount="150.00"),
            ],
        ),
    },
]

# Seventeenth batch: a merged title row above a table's header, a price table drawn without rules.
DOCS += [
    {
        "name": "d99_merged_title_row",
        "format": "docx",
        "blocks": [
            ("h", "Order Form"),
            ("p", "Customer: Quayside Brewing Co."),
            ("p", "Billing email: accounts@quaysidebrewing.test"),
            ("p", "Start date: 2026-06-01"),
            ("tm", "Recurring Fees", [["Item", "Qty", "Unit Price", "Billing"],
                                      ["Taproom POS terminal licence", "6", "$59.00 / month", "Monthly in advance"],
                                      ["Inventory module", "1", "$120.00 / month", "Monthly in advance"]]),
            ("p", "Payment terms: Net 14."),
        ],
        "expected": contract(
            name="Quayside Brewing Co.", email="accounts@quaysidebrewing.test", currency="USD", terms=14,
            start="2026-06-01",
            lines=[
                line("per_seat", unit_price="59.00", seats="6"),
                line("flat", amount="120.00"),
            ],
        ),
    },
    {
        "name": "d100_borderless_pdf_table",
        "format": "pdf",
        "blocks": [
            ("h", "Service Order"),
            ("p", "Customer: Larkfield Medical Imaging LLC"),
            ("p", "Billing email: billing@larkfieldimaging.test"),
            ("p", "Start date: September 1, 2026"),
            ("tb", [["Service", "Fee", "Billing"],
                    ["PACS cloud archive", "$5,600 per month", "Monthly in advance"],
                    ["Study storage", "$0.90 per study", "Monthly in arrears"]]),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Larkfield Medical Imaging LLC", email="billing@larkfieldimaging.test", currency="USD", terms=30,
            start="2026-09-01",
            lines=[
                line("flat", amount="5600.00"),
                line("per_unit", metric="studies", unit_price="0.90"),
            ],
        ),
    },
]

# Eighteenth batch: the same charge in a summary table and in prose, "per month, per location".
DOCS += [
    {
        "name": "d101_summary_and_prose",
        "format": "pdf",
        "blocks": [
            ("h", "Order Form"),
            ("p", "Customer: Whitmore Orthopaedics PC"),
            ("p", "Billing email: ap@whitmoreortho.test"),
            ("p", "Start date: 2026-10-01"),
            ("t", [["Summary", "Fee"],
                   ["Imaging workflow platform", "$4,000 per month"],
                   ["Transcription", "$1.10 per report"]]),
            ("p", "The imaging workflow platform fee of $4,000 per month is billed monthly in advance. Transcription "
                  "is charged at $1.10 per report, billed monthly in arrears."),
            ("p", "Usage fees for optional modules are set out in the public rate card."),
            ("p", "Net 30."),
        ],
        "expected": contract(
            name="Whitmore Orthopaedics PC", email="ap@whitmoreortho.test", currency="USD", terms=30,
            start="2026-10-01",
            lines=[
                line("flat", amount="4000.00"),
                line("per_unit", metric="reports", unit_price="1.10"),
            ],
        ),
    },
    {
        "name": "d102_per_month_per_location",
        "format": "text",
        "blocks": [
            ("p", "Order"),
            ("p", "Customer: Bramble & Bean Cafes Ltd"),
            ("p", "Billing email: office@brambleandbean.test"),
            ("p", "Start date: 15/03/2026"),
            ("p", "Loyalty app: £39 per month, per location, for 11 locations, billed monthly in advance."),
            ("p", "Payment terms: 7 days."),
        ],
        "expected": contract(
            name="Bramble & Bean Cafes Ltd", email="office@brambleandbean.test", currency="GBP", terms=7,
            start="2026-03-15",
            lines=[line("per_seat", unit_price="39.00", seats="11")],
        ),
    },
]

# Nineteenth batch: fortnightly billing, a milestone table of percentages of a stated fixed fee.
DOCS += [
    {
        "name": "d103_fortnightly",
        "format": "text",
        "blocks": [
            ("p", "Staffing Platform Order"),
            ("p", "Customer: Ironwood Construction Group"),
            ("p", "Billing email: payroll-ap@ironwoodcg.test"),
            ("p", "Start date: 2026-07-06"),
            ("p", "Timesheets processed: $1.75 per timesheet, billed bi-weekly in arrears."),
            ("p", "Payment terms: Net 15."),
        ],
        "expected": contract(
            name="Ironwood Construction Group", email="payroll-ap@ironwoodcg.test", currency="USD", terms=15,
            start="2026-07-06",
            lines=[line("per_unit", metric="timesheets", unit_price="1.75", billing_interval="week",
                        billing_interval_count=2)],
        ),
    },
    {
        "name": "d104_milestone_percent_table",
        "format": "docx",
        "blocks": [
            ("h", "SOW - Data Warehouse Migration"),
            ("p", "Client: Pemberton Insurance Brokers Ltd (\"Client\")"),
            ("p", "Client invoices: ap@pembertonbrokers.test"),
            ("p", "Start date: 1 June 2026"),
            ("p", "The total fixed fee is £60,000, invoiced against the following milestones:"),
            ("t", [["Milestone", "Share of fee", "Target date"],
                   ["Architecture sign-off", "20%", "30 June 2026"],
                   ["Data migrated", "50%", "30 September 2026"],
                   ["Cutover and hypercare", "30%", "30 November 2026"]]),
            ("p", "Payment terms: 30 days."),
        ],
        "expected": contract(
            name="Pemberton Insurance Brokers Ltd", email="ap@pembertonbrokers.test", currency="GBP", terms=30,
            start="2026-06-01",
            lines=[line("milestone", milestones=[
                {"name": "Architecture sign-off", "amount": "12000.00", "due_date": "2026-06-30"},
                {"name": "Data migrated", "amount": "30000.00", "due_date": "2026-09-30"},
                {"name": "Cutover and hypercare", "amount": "18000.00", "due_date": "2026-11-30"}])],
        ),
    },
]

# Twentieth batch: hard-wrapped plain text (an e-mailed agreement at 70 columns).
DOCS += [
    {
        "name": "d105_hard_wrapped_text",
        "format": "text",
        "raw": (
            "SUBSCRIPTION AGREEMENT\n\n"
            "This Subscription Agreement is made between Kestrel Analytics Inc.\n"
            "(\"Kestrel\") and Thornfield Regional Hospital (\"Customer\"), and\n"
            "is effective as of October 1, 2026 (the \"Effective Date\").\n\n"
            "1. Term. The initial term is twenty-four (24) months from the\n"
            "Effective Date and will not renew automatically.\n\n"
            "2. Fees. Customer shall pay a platform fee of $12,500 per month,\n"
            "invoiced monthly in advance, and $0.35 per patient record\n"
            "processed, invoiced monthly in arrears. Customer commits to a\n"
            "minimum of $2,000 of record processing fees per month.\n\n"
            "3. Payment. Customer shall pay each invoice within forty-five\n"
            "(45) days of the invoice date. Invoices shall be sent to\n"
            "accounts.payable@thornfieldhospital.test.\n"
        ),
        "blocks": [],
        "expected": contract(
            name="Thornfield Regional Hospital", email="accounts.payable@thornfieldhospital.test", currency="USD",
            terms=45, start="2026-10-01", end="2028-10-01",
            lines=[
                line("flat", amount="12500.00"),
                line("per_unit", metric="patient_records", unit_price="0.35", minimum_amount="2000.00"),
            ],
        ),
    },
]

# Twenty-first batch: a renewal quote with an uplift table, per-minute voice usage with two rates.
DOCS += [
    {
        "name": "d106_voice_two_rates",
        "format": "pdf",
        "blocks": [
            ("h", "Contact Centre Voice Order"),
            ("p", "Customer: Sundial Home Insurance Co."),
            ("p", "Billing email: telecom-ap@sundialhome.test"),
            ("p", "Start date: 2026-09-15"),
            ("p", "Inbound calls are charged at $0.012 per minute and outbound calls at $0.018 per minute, billed "
                  "monthly in arrears."),
            ("p", "Phone numbers: $1.50 per number per month for 40 numbers, billed monthly in advance."),
            ("p", "Net 30."),
        ],
        "expected": contract(
            name="Sundial Home Insurance Co.", email="telecom-ap@sundialhome.test", currency="USD", terms=30,
            start="2026-09-15",
            lines=[
                line("per_unit", metric="inbound_minutes", unit_price="0.012"),
                line("per_unit", metric="outbound_minutes", unit_price="0.018"),
                line("per_seat", unit_price="1.50", seats="40"),
            ],
        ),
    },
    {
        "name": "d107_renewal_quote_table",
        "format": "docx",
        "blocks": [
            ("h", "Renewal Quote"),
            ("p", "Customer: Goldcrest Wealth Management LLC"),
            ("p", "Billing email: ops@goldcrestwealth.test"),
            ("p", "Renewal term: March 1, 2027 - February 29, 2028"),
            ("t", [["Product", "Current annual price", "Renewal annual price", "Billing"],
                   ["Portfolio reporting", "$24,000.00", "$25,200.00", "Annually in advance"]]),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Goldcrest Wealth Management LLC", email="ops@goldcrestwealth.test", currency="USD", terms=30,
            start="2027-03-01", end="2028-03-01",
            lines=[line("flat", amount="25200.00", billing_interval="year")],
        ),
    },
]

# Twenty-second batch: a European take rate with decimal commas, a US slash-date term range.
DOCS += [
    {
        "name": "d108_eu_take_rate_commas",
        "format": "docx",
        "blocks": [
            ("h", "Zahlungsabwicklung - Preisblatt"),
            ("p", "Händler (merchant): Kaffeerösterei Mühlbach GmbH"),
            ("p", "Rechnungs-E-Mail: buchhaltung@muehlbach-kaffee.test"),
            ("p", "Gültig ab (effective from): 01.05.2026"),
            ("p", "Kartenzahlungen (card payments): 1,9 % of the transaction amount plus 0,25 € per transaction, "
                  "billed monthly in arrears."),
            ("p", "Zahlungsziel: 14 Tage."),
        ],
        "expected": contract(
            name="Kaffeerösterei Mühlbach GmbH", email="buchhaltung@muehlbach-kaffee.test", currency="EUR",
            terms=14, start="2026-05-01",
            lines=[line("percentage", metric="transaction_amount", rate="1.9", fixed_fee="0.25")],
        ),
    },
    {
        "name": "d109_us_slash_term",
        "format": "pdf",
        "blocks": [
            ("h", "Order Form"),
            ("p", "Customer: Prairie Wind Cooperative"),
            ("p", "Billing email: ap@prairiewind.test"),
            ("p", "Term: 04/01/2026 - 03/31/2027"),
            ("p", "Grid analytics subscription: $7,900 per month, billed monthly in advance."),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Prairie Wind Cooperative", email="ap@prairiewind.test", currency="USD", terms=30,
            start="2026-04-01", end="2027-04-01",
            lines=[line("flat", amount="7900.00")],
        ),
    },
]

# Twenty-third batch: tier bounds ending in 999, volume tiers priced per 1,000 in the header.
DOCS += [
    {
        "name": "d110_bounds_999",
        "format": "text",
        "blocks": [
            ("p", "Document Signing - Pricing"),
            ("p", "Customer: Brightwater Title & Escrow LLC"),
            ("p", "Billing email: billing@brightwatertitle.test"),
            ("p", "Start date: 2026-05-04"),
            ("p", "Envelopes sent each month are priced in graduated tiers:"),
            ("p", "- from 0 to 999 envelopes: $1.20 per envelope"),
            ("p", "- from 1,000 to 4,999 envelopes: $0.95 per envelope"),
            ("p", "- 5,000 envelopes or more: $0.70 per envelope"),
            ("p", "Billed monthly in arrears. Net 30."),
        ],
        "expected": contract(
            name="Brightwater Title & Escrow LLC", email="billing@brightwatertitle.test", currency="USD", terms=30,
            start="2026-05-04",
            lines=[line("graduated", metric="envelopes", tiers=[
                {"up_to": "999", "unit_price": "1.20"},
                {"up_to": "4999", "unit_price": "0.95"},
                {"up_to": None, "unit_price": "0.70"}])],
        ),
    },
    {
        "name": "d111_volume_per_thousand_header",
        "format": "pdf",
        "blocks": [
            ("h", "Email Delivery Pricing"),
            ("p", "Customer: Marlowe Home Goods Inc."),
            ("p", "Billing email: ap@marlowehome.test"),
            ("p", "Start date: June 1, 2026"),
            ("p", "All emails sent in a month are priced at the rate of the volume tier reached:"),
            ("t", [["Monthly emails", "Price per 1,000 emails"],
                   ["Up to 100,000", "$1.00"],
                   ["100,001 - 1,000,000", "$0.80"],
                   ["Over 1,000,000", "$0.60"]]),
            ("p", "Billed monthly in arrears. Net 30."),
        ],
        "expected": contract(
            name="Marlowe Home Goods Inc.", email="ap@marlowehome.test", currency="USD", terms=30,
            start="2026-06-01",
            lines=[line("volume", metric="emails", tiers=[
                {"up_to": "100000", "unit_price": "1.00", "package_size": "1000"},
                {"up_to": "1000000", "unit_price": "0.80", "package_size": "1000"},
                {"up_to": None, "unit_price": "0.60", "package_size": "1000"}])],
        ),
    },
]

# Twenty-fourth batch: a fixed fee per annum paid quarterly in arrears, one-off plus monthly.
DOCS += [
    {
        "name": "d112_per_annum_quarterly_arrears",
        "format": "docx",
        "blocks": [
            ("h", "Schedule 1 - Fees"),
            ("p", "This Schedule forms part of the agreement between Corvus Data Ltd (\"Supplier\") and Kingsmere "
                  "District Council (\"Customer\")."),
            ("p", "Commencement Date: 1 April 2026. The agreement continues for three years."),
            ("p", "The Customer shall pay a managed service charge of GBP 96,000 per annum, payable quarterly in "
                  "arrears."),
            ("p", "Invoices are payable within 30 days and shall be sent to creditors@kingsmere.test."),
        ],
        "expected": contract(
            name="Kingsmere District Council", email="creditors@kingsmere.test", currency="GBP", terms=30,
            start="2026-04-01", end="2029-04-01",
            lines=[line("flat", amount="24000.00", billing_interval_count=3, billing_timing="in_arrears")],
        ),
    },
    {
        "name": "d113_one_off_plus_monthly",
        "format": "text",
        "blocks": [
            ("p", "Letter of agreement"),
            ("p", "Supplier: Oakleaf Web Studio Ltd. Customer: Heronsgate Veterinary Practice Ltd."),
            ("p", "Start date: 2 November 2026."),
            ("p", "The Customer shall pay the Supplier a one-off fee of £4,500 plus a monthly fee of £850 for hosting "
                  "and maintenance, invoiced monthly in advance."),
            ("p", "Invoices go to practice.manager@heronsgatevets.test; payment within 14 days."),
        ],
        "expected": contract(
            name="Heronsgate Veterinary Practice Ltd.", email="practice.manager@heronsgatevets.test", currency="GBP",
            terms=14, start="2026-11-02",
            lines=[
                line("one_time", amount="4500.00"),
                line("flat", amount="850.00"),
            ],
        ),
    },
]

# Twenty-fifth batch: a revenue share with a monthly minimum, a licensee line with its address,
# abbreviated month names with a dot.
DOCS += [
    {
        "name": "d114_revenue_share_minimum",
        "format": "pdf",
        "blocks": [
            ("h", "Channel Partner Terms"),
            ("p", "Partner: Bluejay Travel Apps Inc."),
            ("p", "Partner billing email: finance@bluejaytravel.test"),
            ("p", "Effective: 1 Jan. 2027"),
            ("p", "Revenue share: 15% of net revenue from bookings, with a minimum of $500 per month, invoiced monthly "
                  "in arrears."),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Bluejay Travel Apps Inc.", email="finance@bluejaytravel.test", currency="USD", terms=30,
            start="2027-01-01",
            lines=[line("percentage", metric="transaction_amount", rate="15", minimum_amount="500.00")],
        ),
    },
    {
        "name": "d115_licensee_with_address",
        "format": "text",
        "blocks": [
            ("p", "LICENCE ORDER"),
            ("p", "Licensee: Greenhythe Architects LLP, 12 High Street, Guildford GU1 3AA"),
            ("p", "Licensee contact: accounts@greenhythe.test"),
            ("p", "Licence start: 6 Apr. 2026"),
            ("p", "CAD workstation licences: £1,140 per licence per year for 8 licences, invoiced annually in "
                  "advance."),
            ("p", "Payment within 30 days of invoice."),
        ],
        "expected": contract(
            name="Greenhythe Architects LLP", email="accounts@greenhythe.test", currency="GBP", terms=30,
            start="2026-04-06",
            lines=[line("per_seat", unit_price="1140.00", seats="8", billing_interval="year")],
        ),
    },
]

# Twenty-sixth batch: a fee stated as a percentage of another fee.
DOCS += [
    {
        "name": "d116_percent_of_another_fee",
        "format": "docx",
        "blocks": [
            ("h", "Order Form"),
            ("p", "Customer: Alderbank Dental Care Ltd"),
            ("p", "Billing email: accounts@alderbankdental.test"),
            ("p", "Start date: 1 March 2027"),
            ("p", "Platform Fee: GBP 2,000.00 per month, billed monthly in advance."),
            ("p", "Premium Support Fee: 15% of the Platform Fee, billed with it."),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Alderbank Dental Care Ltd", email="accounts@alderbankdental.test", currency="GBP", terms=30,
            start="2027-03-01",
            lines=[
                line("flat", amount="2000.00"),
                line("flat", amount="300.00"),
            ],
        ),
    },
]

# Twenty-seventh batch: a yearly seat price billed monthly, "API calls: $0.002 each" as a form field.
DOCS += [
    {
        "name": "d117_yearly_seat_billed_monthly",
        "format": "docx",
        "blocks": [
            ("h", "Order"),
            ("p", "Customer: Fieldstone Engineering PLLC"),
            ("p", "Billing email: ap@fieldstone-eng.test"),
            ("p", "Start date: 2026-08-01"),
            ("p", "Design review seats: $600 per user per year, billed monthly in advance, for 20 users."),
            ("p", "Net 30."),
        ],
        "expected": contract(
            name="Fieldstone Engineering PLLC", email="ap@fieldstone-eng.test", currency="USD", terms=30,
            start="2026-08-01",
            lines=[line("per_seat", unit_price="50.00", seats="20")],
        ),
    },
    {
        "name": "d118_each_in_a_field",
        "format": "text",
        "blocks": [
            ("p", "API Order"),
            ("p", "Customer: Hollowell Fintech Ltd"),
            ("p", "Billing email: billing@hollowell.test"),
            ("p", "Start date: 1 September 2026"),
            ("p", "API calls: $0.002 each"),
            ("p", "Usage is billed quarterly in arrears. Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Hollowell Fintech Ltd", email="billing@hollowell.test", currency="USD", terms=30,
            start="2026-09-01",
            lines=[line("per_unit", metric="api_calls", unit_price="0.002", billing_interval_count=3)],
        ),
    },
]

# Twenty-eighth batch: a SOW mixing a fixed-fee phase and a time-and-materials phase, VAT notes.
DOCS += [
    {
        "name": "d119_fixed_and_tm_phases",
        "format": "pdf",
        "blocks": [
            ("h", "Statement of Work - Customer Portal"),
            ("p", "Client: Everly Home Health Inc."),
            ("p", "Client billing email: ap@everlyhomehealth.test"),
            ("p", "Start date: April 13, 2026"),
            ("p", "Phase 1 (fixed fee): $30,000, invoiced on delivery of the approved design, due May 29, 2026."),
            ("p", "Phase 2 (time and materials): $150 per hour, invoiced monthly in arrears."),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Everly Home Health Inc.", email="ap@everlyhomehealth.test", currency="USD", terms=30,
            start="2026-04-13",
            lines=[
                line("milestone", milestones=[
                    {"name": "Phase 1 (fixed fee)", "amount": "30000.00", "due_date": "2026-05-29"}]),
                line("per_unit", metric="hours", unit_price="150.00"),
            ],
        ),
    },
    {
        "name": "d120_vat_note",
        "format": "text",
        "blocks": [
            ("p", "Auftrag / Order"),
            ("p", "Kunde: Seeblick Ferienwohnungen GmbH"),
            ("p", "E-Mail: rechnung@seeblick.test"),
            ("p", "Start: 01.06.2026"),
            ("p", "Monthly subscription of 499 EUR, billed monthly in advance; 19% VAT will be added."),
            ("p", "Zahlungsziel: 14 Tage."),
        ],
        "expected": contract(
            name="Seeblick Ferienwohnungen GmbH", email="rechnung@seeblick.test", currency="EUR", terms=14,
            start="2026-06-01",
            lines=[line("flat", amount="499.00")],
        ),
    },
]

# Twenty-ninth batch: an extended annual fee beside a quantity, the currency written in words.
DOCS += [
    {
        "name": "d121_extended_fee_column",
        "format": "docx",
        "blocks": [
            ("h", "Subscription Order"),
            ("t", [["Customer", "Pinecone Logistics Inc."],
                   ["Billing email", "ap@pineconelogistics.test"],
                   ["Subscription start date", "July 1, 2026"],
                   ["Currency", "US Dollars"]]),
            ("t", [["Product", "Billing frequency", "Quantity", "Annual fee"],
                   ["Dispatch Pro licence", "Annual, in advance", "25", "$15,000.00"],
                   ["Telematics gateway", "Annual, in advance", "1", "$4,800.00"]]),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Pinecone Logistics Inc.", email="ap@pineconelogistics.test", currency="USD", terms=30,
            start="2026-07-01",
            lines=[
                line("per_seat", unit_price="600.00", seats="25", billing_interval="year"),
                line("flat", amount="4800.00", billing_interval="year"),
            ],
        ),
    },
]

# Thirtieth batch: a rate table with the currency in brackets and a commitment across metered
# usage, a formal letter with "the 15th day of June, 2026".
DOCS += [
    {
        "name": "d122_rate_table_commitment",
        "format": "pdf",
        "blocks": [
            ("h", "Usage Rate Schedule"),
            ("p", "Customer: Foxtail Genomics Corp."),
            ("p", "Billing email: ap@foxtailgenomics.test"),
            ("p", "Effective date: 2026-09-01"),
            ("t", [["Metric", "Unit", "Price (USD)"],
                   ["Sequencing runs", "per run", "18.00"],
                   ["Cloud storage", "per TB-month", "21.50"]]),
            ("p", "Minimum monthly commitment: USD 2,500 across all metered usage."),
            ("p", "Usage is billed monthly in arrears. Net 45."),
        ],
        "expected": contract(
            name="Foxtail Genomics Corp.", email="ap@foxtailgenomics.test", currency="USD", terms=45,
            start="2026-09-01", commitment={"amount": "2500.00", "period": "billing_period"},
            lines=[
                line("per_unit", metric="runs", unit_price="18.00"),
                line("per_unit", metric="tb_months", unit_price="21.50"),
            ],
        ),
    },
    {
        "name": "d123_formal_letter",
        "format": "text",
        "blocks": [
            ("p", "LETTER AGREEMENT"),
            ("p", "Made this 2nd day of June, 2026, between Halcyon Archival Services Ltd (\"Halcyon\") and the "
                  "Trustees of the Marston Museum Trust (the \"Client\")."),
            ("p", "Halcyon will provide digitisation services from the 15th day of June, 2026 until the 14th day of "
                  "June, 2027."),
            ("p", "The fee shall be Five Thousand Pounds (£5,000.00) per month, invoiced monthly in advance."),
            ("p", "The Client shall pay each invoice within twenty-eight (28) days. Invoices to "
                  "finance@marstonmuseum.test."),
        ],
        "expected": contract(
            name="Trustees of the Marston Museum Trust", email="finance@marstonmuseum.test", currency="GBP",
            terms=28, start="2026-06-15", end="2027-06-15",
            lines=[line("flat", amount="5000.00")],
        ),
    },
]

# Thirty-first batch: dot leaders, "beyond 500 GB" overage.
DOCS += [
    {
        "name": "d124_dot_leaders",
        "format": "text",
        "blocks": [
            ("p", "FEE SCHEDULE"),
            ("p", "Customer ........................ Westbrook Pediatrics PLLC"),
            ("p", "Billing email ................... billing@westbrookpeds.test"),
            ("p", "Start date ...................... 2026-10-12"),
            ("p", "Monthly subscription ............ $499.00"),
            ("p", "Setup fee (one-time) ............ $1,000.00"),
            ("p", "Overage ......................... $0.10/GB beyond 500 GB per month"),
            ("p", "Terms ........................... Net 30"),
        ],
        "expected": contract(
            name="Westbrook Pediatrics PLLC", email="billing@westbrookpeds.test", currency="USD", terms=30,
            start="2026-10-12",
            lines=[
                line("flat", amount="499.00"),
                line("one_time", amount="1000.00"),
                line("per_unit", metric="gb", unit_price="0.10", included_units="500"),
            ],
        ),
    },
]

# Thirty-second batch: basis points without a percentage, "12k" amounts.
DOCS += [
    {
        "name": "d125_bps_and_k",
        "format": "text",
        "blocks": [
            ("p", "Custody Services - Fee Letter"),
            ("p", "Client: Larchwood Family Office LLC"),
            ("p", "Client billing email: ops@larchwoodfo.test"),
            ("p", "Start date: 2026-07-01"),
            ("p", "Transaction fee: 20 bps of the settlement value of each trade, billed monthly in arrears."),
            ("p", "Reporting package: USD 12k per year, billed annually in advance."),
            ("p", "Net 30."),
        ],
        "expected": contract(
            name="Larchwood Family Office LLC", email="ops@larchwoodfo.test", currency="USD", terms=30,
            start="2026-07-01",
            lines=[
                line("percentage", metric="transaction_amount", rate="0.2"),
                line("flat", amount="12000.00", billing_interval="year"),
            ],
        ),
    },
]

# Thirty-third batch: a minimum term in brackets beside a price.
DOCS += [
    {
        "name": "d126_minimum_term_in_brackets",
        "format": "docx",
        "blocks": [
            ("h", "Order"),
            ("p", "Customer: Quillfeather Publishing Ltd"),
            ("p", "Billing email: accounts@quillfeather.test"),
            ("p", "Start date: 2 March 2026"),
            ("p", "Editorial platform: £2,000/month (12-month minimum commitment), billed monthly in advance."),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Quillfeather Publishing Ltd", email="accounts@quillfeather.test", currency="GBP", terms=30,
            start="2026-03-02",
            lines=[line("flat", amount="2000.00")],
        ),
    },
]

# Thirty-fourth batch: "25 x $40 = $1,000/month", dates "upon signature".
DOCS += [
    {
        "name": "d127_times_equals",
        "format": "text",
        "blocks": [
            ("p", "Order Summary"),
            ("p", "Customer: Cobblestone Realty Group"),
            ("p", "Billing email: office@cobblestonerealty.test"),
            ("p", "Start date: 2026-11-02"),
            ("p", "Named users: 25 x $40 = $1,000/month, billed monthly in advance"),
            ("p", "E-signature envelopes: $1.50 per envelope, billed monthly in arrears"),
            ("p", "Net 15"),
        ],
        "expected": contract(
            name="Cobblestone Realty Group", email="office@cobblestonerealty.test", currency="USD", terms=15,
            start="2026-11-02",
            lines=[
                line("per_seat", unit_price="40.00", seats="25"),
                line("per_unit", metric="envelopes", unit_price="1.50"),
            ],
        ),
    },
]

# Thirty-fifth batch: a document typed in capitals.
DOCS += [
    {
        "name": "d128_all_capitals",
        "format": "text",
        "blocks": [
            ("p", "ORDER FORM"),
            ("p", "CUSTOMER: REDWING AVIATION SERVICES INC."),
            ("p", "BILLING EMAIL: AP@REDWINGAVIATION.TEST"),
            ("p", "START DATE: JUNE 1, 2026"),
            ("p", "HANGAR MANAGEMENT SOFTWARE: $1,250 PER MONTH, BILLED MONTHLY IN ADVANCE."),
            ("p", "FLIGHT LOG SYNC: $0.05 PER FLIGHT, BILLED MONTHLY IN ARREARS."),
            ("p", "PAYMENT TERMS: NET 30."),
        ],
        "expected": contract(
            name="REDWING AVIATION SERVICES INC.", email="AP@REDWINGAVIATION.TEST", currency="USD", terms=30,
            start="2026-06-01",
            lines=[
                line("flat", amount="1250.00"),
                line("per_unit", metric="flights", unit_price="0.05"),
            ],
        ),
    },
]
