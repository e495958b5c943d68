"""Unseen batch Q: written (with the expected contracts) before the extractor was run on it
(bench/extraction.py --set batch_q): a startup-style SaaS order form with a monthly price billed
annually and a contact allowance, a French-formatted supplier contract, a letter with calendar-
quarter billing, a volume-band API price list with a line minimum, a space-aligned two-column
text schedule, a Swiss-formatted prepaid credit, a pricing amendment that does not name its base
contract with a monthly commitment, and a maintenance renewal quote for a calendar year.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "r01_startup_order_form",
        "format": "text",
        "blocks": [
            ("h", "Order Form"),
            ("p", "Company: Brindle Pet Supply Co."),
            ("p", "Billing Email: ap@brindlepet.test"),
            ("p", "Plan: Growth"),
            ("p", "Subscription Start Date: 2026-11-01"),
            ("p", "Subscription Term: 12 months, renewing automatically for 12-month terms."),
            ("p", "Subscription Fee: $12,000 per year, billed annually in advance."),
            (
                "p",
                "Contacts: 10,000 marketing contacts included. Additional contacts are $10 per 1,000 contacts per "
                "month, billed monthly in arrears.",
            ),
            ("p", "Payment Terms: Net 30"),
        ],
        "expected": contract(
            name="Brindle Pet Supply Co.",
            email="ap@brindlepet.test",
            currency="USD",
            terms=30,
            start="2026-11-01",
            lines=[
                line("flat", amount="12000.00", billing_interval="year"),
                line("package", metric="contacts", package_size="1000", package_price="10.00", free_units="10000"),
            ],
        ),
    },
    {
        "name": "r02_french_supplier",
        "format": "pdf",
        "blocks": [
            ("h", "Contrat d'abonnement / Subscription contract"),
            ("p", "Customer: Boulangerie Martin SAS, 12 rue des Lilas, 69003 Lyon"),
            ("p", "Invoices: compta@boulangeriemartin.test"),
            ("p", "Start date: 01/02/2027. All amounts are in euros excluding VAT (HT)."),
            (
                "t",
                [
                    ["Désignation / Item", "Quantité", "Prix unitaire HT"],
                    ["Abonnement plateforme / Platform subscription (monthly)", "1", "1 250,00 €"],
                    ["Licence par site / Licence per site (monthly)", "12", "85,00 €"],
                ],
            ),
            ("p", "Invoiced monthly in advance. Payment at 45 days end of month."),
        ],
        "expected": contract(
            name="Boulangerie Martin SAS",
            email="compta@boulangeriemartin.test",
            currency="EUR",
            terms=45,
            start="2027-02-01",
            lines=[line("flat", amount="1250.00"), line("per_seat", unit_price="85.00", seats="12")],
        ),
    },
    {
        "name": "r03_calendar_quarter_letter",
        "format": "docx",
        "blocks": [
            ("p", "Harvestline Systems, Inc."),
            ("p", "April 20, 2027"),
            ("p", "Tillamook Valley Co-operative"),
            ("p", "4100 Dairy Lane, Tillamook, OR 97141"),
            ("p", "Dear Members of the Board,"),
            (
                "p",
                "We are pleased to confirm your subscription to Harvestline Grower Portal beginning May 12, 2027. "
                "The subscription fee is $3,600 per quarter.",
            ),
            (
                "p",
                "Fees are invoiced in advance on the first day of each calendar quarter; the first invoice covers "
                "the partial quarter from May 12 and is prorated.",
            ),
            ("p", "Please pay each invoice within 30 days. Invoices will be emailed to office@tillamookcoop.test."),
            ("p", "Sincerely, Dana Whitfield, Account Director"),
        ],
        "expected": contract(
            name="Tillamook Valley Co-operative",
            email="office@tillamookcoop.test",
            currency="USD",
            terms=30,
            start="2027-05-12",
            alignment="calendar",
            lines=[line("flat", amount="3600.00", billing_interval_count=3)],
        ),
    },
    {
        "name": "r04_volume_band_api",
        "format": "pdf",
        "blocks": [
            ("h", "Email Verification API - Price Schedule"),
            ("p", "Customer: Parcelwise Logistics Inc. | Billing: billing@parcelwise.test"),
            ("p", "Effective: June 1, 2027 | Payment terms: Net 15"),
            (
                "t",
                [
                    ["Verified emails per month", "Price per email"],
                    ["0 - 50,000", "$0.0040"],
                    ["50,001 - 250,000", "$0.0030"],
                    ["250,001 and above", "$0.0020"],
                ],
            ),
            (
                "p",
                "All emails verified in a month are priced at the rate of the band that the month's total falls "
                "in. Billed monthly in arrears. A minimum monthly charge of $150 applies.",
            ),
        ],
        "expected": contract(
            name="Parcelwise Logistics Inc.",
            email="billing@parcelwise.test",
            currency="USD",
            terms=15,
            start="2027-06-01",
            lines=[
                line(
                    "volume",
                    metric="emails",
                    minimum_amount="150.00",
                    tiers=[
                        {"up_to": "50000", "unit_price": "0.0040"},
                        {"up_to": "250000", "unit_price": "0.0030"},
                        {"up_to": None, "unit_price": "0.0020"},
                    ],
                )
            ],
        ),
    },
    {
        "name": "r05_two_column_text_schedule",
        "format": "text",
        "raw": """BEACONFIELD HOSTING LTD                              SERVICE SCHEDULE 7
Unit 4, Riverside Park, Leeds LS10 1AB               Schedule date: 3 March 2027

Customer: Oakhurst Clinics Ltd                       Service start: 1 April 2027
Billing e-mail: invoices@oakhurstclinics.test        Minimum term: 24 months
VAT no.: GB 123 4567 89                              Payment terms: 30 days

CHARGES (GBP, excluding VAT)

  Managed hosting platform          £2,400.00 per month, invoiced monthly in advance
  Backup storage                    £0.08 per GB per month, invoiced monthly in arrears
  Onboarding and migration          £950.00 one-off, invoiced on signature

Signed for Beaconfield Hosting Ltd ______________   Signed for the Customer ______________
""",
        "expected": contract(
            name="Oakhurst Clinics Ltd",
            email="invoices@oakhurstclinics.test",
            currency="GBP",
            terms=30,
            start="2027-04-01",
            end="2029-04-01",
            lines=[
                line("flat", amount="2400.00"),
                line("per_unit", metric="gb", unit_price="0.08"),
                line("one_time", amount="950.00"),
            ],
        ),
    },
    {
        "name": "r06_swiss_prepaid_credit",
        "format": "docx",
        "blocks": [
            ("h", "Booking Engine - Prepaid Agreement"),
            ("p", "Customer: Alpenblick Hotels AG, Bahnhofstrasse 5, 3920 Zermatt"),
            ("p", "Accounting: finanzen@alpenblick.test"),
            ("p", "Agreement start: 1 January 2027"),
            (
                "p",
                "The Customer purchases a prepaid usage credit of CHF 20'000.00, invoiced on signature and valid "
                "until 31 December 2027.",
            ),
            (
                "p",
                "Each confirmed booking is charged at CHF 0.45 against the prepaid credit, settled monthly in arrears.",
            ),
            ("p", "Invoices are payable within 30 days."),
        ],
        "expected": contract(
            name="Alpenblick Hotels AG",
            email="finanzen@alpenblick.test",
            currency="CHF",
            terms=30,
            start="2027-01-01",
            lines=[
                line("prepaid_credit", amount="20000.00", price="20000.00", expires_on="2027-12-31"),
                line("per_unit", metric="bookings", unit_price="0.45"),
            ],
        ),
    },
    {
        "name": "r07_pricing_amendment_commitment",
        "format": "pdf",
        "blocks": [
            ("h", "Pricing Amendment"),
            (
                "p",
                "This Pricing Amendment is agreed between ShipFleet Technologies, Inc. and Greenway Outdoor Retail "
                'Inc. ("Customer").',
            ),
            (
                "p",
                "Effective July 1, 2027, the label fee is $1.15 per shipment label, billed monthly in arrears. "
                "Customer commits to a minimum of $5,000 per month in label fees; any shortfall is invoiced with "
                "the monthly invoice.",
            ),
            (
                "p",
                "Address verification remains at $0.03 per lookup. Invoices continue to be sent to "
                "payables@greenwayoutdoor.test and are payable Net 30.",
            ),
        ],
        "expected": contract(
            name="Greenway Outdoor Retail Inc.",
            email="payables@greenwayoutdoor.test",
            currency="USD",
            terms=30,
            start="2027-07-01",
            commitment={"amount": "5000.00", "period": "billing_period"},
            lines=[
                line("per_unit", metric="labels", unit_price="1.15"),
                line("per_unit", metric="lookups", unit_price="0.03"),
            ],
        ),
    },
    {
        "name": "r08_maintenance_renewal_quote",
        "format": "text",
        "blocks": [
            ("h", "Maintenance Renewal Quotation MQ-2027-031"),
            ("p", "Bill to: Sable Creek Utilities District, Attn: Finance, ap@sablecreek.test"),
            ("p", "Coverage period: 1 January 2027 to 31 December 2027"),
            (
                "t",
                [
                    ["Description", "Qty", "Unit price (USD)", "Extended (USD)"],
                    ["Annual software maintenance, SCADA historian", "1", "9,600.00", "9,600.00"],
                    ["Additional named users, per user per year", "5", "240.00", "1,200.00"],
                ],
            ),
            ("p", "Invoiced annually in advance. Terms: payment due 30 days from invoice."),
        ],
        "expected": contract(
            name="Sable Creek Utilities District",
            email="ap@sablecreek.test",
            currency="USD",
            terms=30,
            start="2027-01-01",
            end="2028-01-01",
            lines=[
                line("flat", amount="9600.00", billing_interval="year"),
                line("per_seat", unit_price="240.00", seats="5", billing_interval="year"),
            ],
        ),
    },
]
