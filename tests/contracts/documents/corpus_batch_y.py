"""Unseen batch Y: mainstream SaaS order forms and quotes, written (with the expected contracts)
before the extractor was run on them (bench/extraction.py --set batch_y): a CPQ quote with a
key-value header table, list / discount % / net price / term columns, a totals block and a quote
expiry date that is not the start; an e-signature order form whose choices are check boxes; a quote
pasted from a quoting tool into an e-mail with tab-separated columns; an order form whose fees carry
footnote markers explained below the table; a three-year ramp laid out with the years as columns;
a usage order form with an included allowance and "First / Next / 50,001+" overage tiers; a renewal
quote with current and renewal price columns; a key-value table form billed quarterly with a
support fee stated as a share of the subscription.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

YEARLY = {"billing_interval": "year"}

DOCS: list[dict[str, Any]] = [
    {
        "name": "by01_cpq_quote_discount_columns",
        "format": "pdf",
        "blocks": [
            ("h", "Arcwell Software, Inc. - Quote"),
            (
                "t",
                [
                    ["Quote Number", "Q-00418"],
                    ["Quote Date", "02/01/2027"],
                    ["Expiration Date", "02/28/2027"],
                    ["Prepared For", "Kestrel Health Partners, LLC"],
                    ["Bill To Contact", "Jordan Amari (ap@kestrelhealth.test)"],
                    ["Subscription Start Date", "03/15/2027"],
                    ["Subscription Term", "12 Months"],
                    ["Billing Frequency", "Annual"],
                    ["Payment Terms", "Net 30"],
                ],
            ),
            (
                "t",
                [
                    ["Product", "Qty", "List Price", "Discount %", "Net Price", "Term", "Net Total"],
                    [
                        "Professional Edition - User Licence",
                        "75",
                        "$600.00",
                        "20%",
                        "$480.00",
                        "12 Months",
                        "$36,000.00",
                    ],
                    ["Full-Copy Sandbox", "1", "$2,400.00", "0%", "$2,400.00", "12 Months", "$2,400.00"],
                    ["Guided Onboarding Package", "1", "$5,000.00", "50%", "$2,500.00", "One-Time", "$2,500.00"],
                ],
            ),
            (
                "t",
                [
                    ["Subtotal (List)", "$52,400.00"],
                    ["Total Discount", "($11,500.00)"],
                    ["Grand Total (USD)", "$40,900.00"],
                ],
            ),
            (
                "p",
                "Prices are per year unless marked One-Time. This quote is valid until the Expiration Date. Taxes "
                "are not included and will be added to the invoice where applicable.",
            ),
            ("p", "Accepted by: ____________________  Name / Title: ____________________  Date: __________"),
        ],
        "expected": contract(
            name="Kestrel Health Partners, LLC",
            email="ap@kestrelhealth.test",
            currency="USD",
            terms=30,
            start="2027-03-15",
            end="2028-03-15",
            lines=[
                line("per_seat", unit_price="480.00", seats="75", billing_interval="year"),
                line("flat", amount="2400.00", billing_interval="year"),
                line("one_time", amount="2500.00"),
            ],
        ),
    },
    {
        "name": "by02_esign_checkbox_order_form",
        "format": "docx",
        "blocks": [
            ("p", "Docusign Envelope ID: 4F2A9C71-0B3E-4D8A-9E51-7C2D1A6B3F90"),
            ("h", "ORDER FORM"),
            ("p", 'This Order Form is entered into between Tallyhive Inc. ("Tallyhive") and the Customer below.'),
            (
                "t",
                [
                    ["Customer Information", ""],
                    ["Company Name", "Corrib Foods Limited"],
                    ["Billing Address", "Unit 4, Parkmore Business Park, Galway, H91 X2Y3, Ireland"],
                    ["Billing Contact Email", "accounts.payable@corribfoods.test"],
                ],
            ),
            ("p", "Service Start Date: 1 April 2027"),
            ("p", "Initial Term: 24 months"),
            (
                "t",
                [
                    ["Item", "Quantity", "Fee"],
                    ["Tallyhive Platform", "1", "€1,500.00 / month"],
                    ["Warehouse user licences", "25", "€30.00 / user / month"],
                    ["Onboarding & data migration", "1", "€4,000.00 (one-time)"],
                ],
            ),
            ("p", "Billing Frequency:   ☐ Monthly   ☒ Quarterly   ☐ Annually"),
            ("p", "Invoicing:   ☒ In advance   ☐ In arrears"),
            ("p", "Payment Terms:   ☐ Net 15   ☒ Net 30   ☐ Net 60"),
            ("p", "Auto-Renewal:   ☐ Yes   ☒ No"),
            (
                "p",
                "The one-time fee is invoiced on the Service Start Date. All fees are in euro and exclude VAT.",
            ),
            ("p", "Signed for Corrib Foods Limited: Aoife Brennan, Finance Manager"),
        ],
        "expected": contract(
            name="Corrib Foods Limited",
            email="accounts.payable@corribfoods.test",
            currency="EUR",
            terms=30,
            start="2027-04-01",
            end="2029-04-01",
            lines=[
                # Monthly prices invoiced quarterly: the price per quarterly invoice (corpus convention).
                line("flat", amount="4500.00", billing_interval_count=3),
                line("per_seat", unit_price="90.00", seats="25", billing_interval_count=3),
                line("one_time", amount="4000.00"),
            ],
        ),
    },
    {
        "name": "by03_email_tab_separated_quote",
        "format": "text",
        "raw": """Subject: Quote Q-2291 - Bayview Dental Group
From: Priya Nand <priya.nand@chairside.test>
To: Marcus Chen <marcus.chen@bayviewdental.test>
Date: Tue, 12 Jan 2027 10:14

Hi Marcus,

Thanks for the call today. As promised, here's the pricing for Bayview Dental Group, pasted from
our quoting tool:

Item\tQty\tUnit Price\tMonthly Total
Chairside Practice Suite (per location)\t4\t$349.00\t$1,396.00
Additional provider logins\t12\t$29.00\t$348.00
Patient SMS reminders (per message)\t-\t$0.04\tbilled on usage

All prices are in Canadian dollars. Subscription fees are billed monthly in advance starting
February 1, 2027; SMS usage is billed monthly in arrears. It's month-to-month, cancel any time
with 30 days' notice. Payment is due 15 days from the invoice date.

Invoices will go to ap@bayviewdental.test unless you tell me otherwise.

Cheers,
Priya
Priya Nand | Account Executive | Chairside Software Inc.
""",
        "expected": contract(
            name="Bayview Dental Group",
            email="ap@bayviewdental.test",
            currency="CAD",
            terms=15,
            start="2027-02-01",
            lines=[
                line("per_seat", unit_price="349.00", seats="4"),
                line("per_seat", unit_price="29.00", seats="12"),
                line("per_unit", metric="sms", unit_price="0.04"),
            ],
        ),
    },
    {
        "name": "by04_footnoted_fees_table",
        "format": "pdf",
        "blocks": [
            ("h", "ORDER FORM No. 2027-031"),
            ("p", "Provider: Lodestar Fintech Corp."),
            ("p", "Customer: Ridgeline Community Credit Union"),
            ("p", "Accounts Payable: ap@ridgelinecu.test"),
            ("p", "Order Effective Date: March 1, 2027"),
            ("p", "Subscription Term: thirty-six (36) months from the Order Effective Date."),
            (
                "t",
                [
                    ["Service", "Description", "Fees (USD)"],
                    ["Digital Banking Platform", "Platform licence for up to 25,000 members", "$36,000*"],
                    ["Premium Support", "24x7 support with a named account manager", "$7,200*"],
                    ["Implementation", "Configuration, data migration and training", "$9,500**"],
                    ["Additional Members", "Each active member above 25,000", "$1.20 per member per month†"],
                ],
            ),
            ("p", "* Annual fee, billed annually in advance."),
            ("p", "** One-time fee, invoiced upon execution of this Order Form."),
            ("p", "† Billed monthly in arrears on the number of active members above 25,000."),
            (
                "p",
                "Payment Terms: invoices are due and payable within forty-five (45) days of the invoice date.",
            ),
        ],
        "expected": contract(
            name="Ridgeline Community Credit Union",
            email="ap@ridgelinecu.test",
            currency="USD",
            terms=45,
            start="2027-03-01",
            end="2030-03-01",
            lines=[
                line("flat", amount="36000.00", billing_interval="year"),
                line("flat", amount="7200.00", billing_interval="year"),
                line("one_time", amount="9500.00"),
                line("per_unit", metric="members", unit_price="1.20", included_units="25000"),
            ],
        ),
    },
    {
        "name": "by05_ramp_years_as_columns",
        "format": "docx",
        "blocks": [
            ("h", "Order Form - Multi-Year Subscription"),
            ("p", "Supplier: Quillstone Analytics Ltd"),
            ("p", "Customer: Harrowgate Housing Association"),
            ("p", "Customer finance contact: purchase.ledger@harrowgateha.test"),
            ("p", "Subscription Term: three (3) Contract Years commencing 1 July 2027."),
            (
                "t",
                [
                    ["Annual Fees (GBP, excl. VAT)", "Year 1", "Year 2", "Year 3"],
                    ["Housing Insight platform", "40,000.00", "44,000.00", "48,000.00"],
                    ["Premier support", "6,000.00", "6,600.00", "7,200.00"],
                    ["Total", "46,000.00", "50,600.00", "55,200.00"],
                ],
            ),
            (
                "p",
                "Each Contract Year runs from 1 July to 30 June. Fees for each Contract Year are invoiced annually in "
                "advance at the start of that Contract Year and are payable within 30 days of the invoice date.",
            ),
        ],
        "expected": contract(
            name="Harrowgate Housing Association",
            email="purchase.ledger@harrowgateha.test",
            currency="GBP",
            terms=30,
            start="2027-07-01",
            end="2030-07-01",
            lines=[
                # Each Contract Year's fee is its own yearly line with that year's dates (corpus ramp convention).
                line("flat", amount="40000.00", start_date="2027-07-01", end_date="2028-07-01", **YEARLY),
                line("flat", amount="44000.00", start_date="2028-07-01", end_date="2029-07-01", **YEARLY),
                line("flat", amount="48000.00", start_date="2029-07-01", end_date="2030-07-01", **YEARLY),
                line("flat", amount="6000.00", start_date="2027-07-01", end_date="2028-07-01", **YEARLY),
                line("flat", amount="6600.00", start_date="2028-07-01", end_date="2029-07-01", **YEARLY),
                line("flat", amount="7200.00", start_date="2029-07-01", end_date="2030-07-01", **YEARLY),
            ],
        ),
    },
    {
        "name": "by06_allowance_first_next_tiers",
        "format": "text",
        "blocks": [
            ("h", "ORDER FORM - VERIFY API"),
            ("p", "Order Number: VO-55120"),
            ("p", "Customer: Moneta Lending, Inc."),
            ("p", "Billing Email: finance-ops@monetalending.test"),
            ("p", "Start Date: 2027-02-01"),
            (
                "p",
                "Term: 12 months, renewing automatically for successive 12-month periods unless either party gives "
                "notice of non-renewal at least 60 days before the end of the then-current term.",
            ),
            ("h", "Plan"),
            (
                "p",
                "Scale Plan: $2,500.00 per month, billed monthly in advance. Includes 10,000 identity verifications "
                "per month.",
            ),
            ("h", "Verification usage"),
            (
                "t",
                [
                    ["Monthly verifications", "Price per verification"],
                    ["First 10,000", "Included in plan"],
                    ["Next 40,000", "$0.20"],
                    ["50,001+", "$0.15"],
                ],
            ),
            (
                "p",
                "Usage is counted per calendar month and invoiced monthly in arrears. Unused included verifications "
                "do not roll over.",
            ),
            ("p", "Payment terms: net 30 days from invoice date."),
        ],
        "expected": contract(
            name="Moneta Lending, Inc.",
            email="finance-ops@monetalending.test",
            currency="USD",
            terms=30,
            start="2027-02-01",
            lines=[
                line("flat", amount="2500.00"),
                line(
                    "graduated",
                    metric="verifications",
                    tiers=[
                        {"up_to": "10000", "unit_price": "0"},
                        {"up_to": "50000", "unit_price": "0.20"},
                        {"up_to": None, "unit_price": "0.15"},
                    ],
                ),
            ],
        ),
    },
    {
        "name": "by07_renewal_quote_current_vs_renewal",
        "format": "pdf",
        "blocks": [
            ("h", "RENEWAL QUOTE"),
            (
                "t",
                [
                    ["Quote #", "RN-2027-0193", "Quote Date", "March 20, 2027"],
                    ["Account", "Saltmarsh Veterinary Clinics, Inc.", "Valid Until", "April 15, 2027"],
                ],
            ),
            ("p", "Bill To: Saltmarsh Veterinary Clinics, Inc., Attn: Accounts Payable, ap@saltmarshvet.test"),
            ("p", "Current Term: May 1, 2026 - April 30, 2027"),
            ("p", "Renewal Term: May 1, 2027 - April 30, 2028"),
            (
                "t",
                [
                    ["Product", "Qty", "Current Annual Unit Price", "Renewal Annual Unit Price", "Renewal Total"],
                    ["VetPulse Practice seat", "40", "$540.00", "$567.00", "$22,680.00"],
                    ["Inventory Connector add-on", "1", "$3,000.00", "$3,150.00", "$3,150.00"],
                    ["Renewal Total", "", "", "", "$25,830.00"],
                ],
            ),
            (
                "p",
                "Renewal prices include a 5% uplift on current prices. Fees for the Renewal Term are invoiced annually "
                "in advance on May 1, 2027. Payment terms: Net 30.",
            ),
            ("p", "To renew, sign and return this quote by the Valid Until date."),
        ],
        "expected": contract(
            name="Saltmarsh Veterinary Clinics, Inc.",
            email="ap@saltmarshvet.test",
            currency="USD",
            terms=30,
            start="2027-05-01",
            end="2028-05-01",
            lines=[
                line("per_seat", unit_price="567.00", seats="40", billing_interval="year"),
                line("flat", amount="3150.00", billing_interval="year"),
            ],
        ),
    },
    {
        "name": "by08_key_value_form_quarterly_support_pct",
        "format": "docx",
        "blocks": [
            ("h", "Subscription Order Form"),
            ("p", "Provider: Routemint Software Ltd"),
            (
                "t",
                [
                    ["Customer Legal Entity", "Vanterra Logistique SAS"],
                    ["Registered Address", "14 rue de la Gare, 69002 Lyon, France"],
                    ["Invoice Email", "compta.fournisseurs@vanterra.test"],
                    ["Order Currency", "EUR"],
                    ["Subscription Start Date", "1 April 2027"],
                    ["Initial Subscription Term", "12 months"],
                    ["Renewal", "Automatically renews for successive 12-month terms"],
                    ["Billing Frequency", "Quarterly"],
                    ["Billing Timing", "In advance"],
                    ["Payment Terms", "30 days from invoice date"],
                ],
            ),
            (
                "t",
                [
                    ["Item", "Quantity", "Unit Price", "Monthly Amount"],
                    ["Fleet platform", "1", "€3,000.00", "€3,000.00"],
                    ["Dispatcher licences", "50", "€20.00", "€1,000.00"],
                    ["Premium support (15% of subscription fees)", "-", "-", "€600.00"],
                ],
            ),
            (
                "p",
                "Unit prices are monthly. Fees are invoiced quarterly in advance, each invoice covering three months.",
            ),
        ],
        "expected": contract(
            name="Vanterra Logistique SAS",
            email="compta.fournisseurs@vanterra.test",
            currency="EUR",
            terms=30,
            start="2027-04-01",
            lines=[
                line("flat", amount="9000.00", billing_interval_count=3),
                line("per_seat", unit_price="60.00", seats="50", billing_interval_count=3),
                line("flat", amount="1800.00", billing_interval_count=3),
            ],
        ),
    },
]
