"""Final blind batch: 16 documents (6 PDF, 5 DOCX, 5 text) written, with the contracts a careful
billing admin would enter, without reading the extractor and without running it or the benchmark
on them, to estimate quality on documents nobody tuned on. Mainstream shapes: a SaaS order form
with list / discount / net columns, an API fee schedule with graduated bands per 1,000 requests
and a monthly spend commitment, a renewal confirmation e-mail, a German-formatted SOW with a
payment plan, a merchant-processing fee schedule, a space-aligned label price list with volume
bands, a prepaid-credit order with replenishment, a French-formatted HR suite with half-yearly
billing and graduated payroll bands, a hard-wrapped hosting fee schedule invoiced by calendar
month, a two-year seat ramp quote, an agency engagement letter, a voice-services order with MRC /
NRC columns, a Swedish agreement with message packs, an observability order with an annual
commitment, a Swiss maintenance agreement and a yen LMS order with volume pricing.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "bf01_saas_order_form_net_price",
        "format": "pdf",
        "footer": "Clinigrid, Inc. | Confidential | Order Form CG-27-0193 | Page {page}",
        "blocks": [
            ("h", "CLINIGRID ORDER FORM"),
            (
                "t",
                [
                    ["Customer Information", "", "Order Details", ""],
                    ["Customer", "Harborview Dental Partners, LLC", "Order No.", "CG-27-0193"],
                    ["Address", "1180 Harbor Blvd, Suite 210, Oxnard, CA 93035", "Prepared", "January 28, 2027"],
                    ["Bill-To Contact", "Renee Castillo", "Sales Rep", "Marcus Okafor"],
                    ["Bill-To Email", "accounts@harborviewdental.test", "Quote Valid Through", "February 12, 2027"],
                    ["Subscription Start Date", "February 15, 2027", "Subscription End Date", "February 14, 2030"],
                ],
            ),
            ("h", "Products and Services"),
            (
                "t",
                [
                    ["SKU", "Description", "Qty", "List Price", "Disc.", "Net Price", "Extended"],
                    [
                        "CG-PRO-PRV",
                        "Practice Pro - Provider License (annual, per provider)",
                        "45",
                        "$1,200.00",
                        "15%",
                        "$1,020.00",
                        "$45,900.00",
                    ],
                    [
                        "CG-SVC-ONB",
                        "Onboarding & Data Migration (one-time)",
                        "1",
                        "$5,000.00",
                        "10%",
                        "$4,500.00",
                        "$4,500.00",
                    ],
                    ["", "First-year total", "", "", "", "", "$50,400.00"],
                ],
            ),
            ("h", "Billing Terms"),
            (
                "p",
                "Subscription fees are invoiced annually in advance, with the first invoice issued on the "
                "Subscription Start Date and each later invoice on its anniversary. One-time fees are invoiced on "
                "the Subscription Start Date. All invoices are payable net forty-five (45) days from the invoice "
                "date. Prices exclude applicable sales and use taxes.",
            ),
            (
                "p",
                "This Order Form does not renew automatically. Any renewal or additional licenses require a new "
                "Order Form signed by both parties.",
            ),
            (
                "p",
                "This Order Form is governed by the Clinigrid Subscription Terms at clinigrid.test/terms. By "
                "signing below, each party agrees to this Order Form.",
            ),
            (
                "t",
                [
                    ["Harborview Dental Partners, LLC", "Clinigrid, Inc."],
                    ["By: ______________________", "By: ______________________"],
                    ["Name: Dr. Alan Whitcomb", "Name: Priya Raman"],
                    ["Title: Managing Partner", "Title: VP, Revenue Operations"],
                ],
            ),
        ],
        "expected": contract(
            name="Harborview Dental Partners, LLC",
            email="accounts@harborviewdental.test",
            currency="USD",
            terms=45,
            start="2027-02-15",
            end="2030-02-15",
            lines=[
                line("per_seat", unit_price="1020.00", seats="45", billing_interval="year"),
                line("one_time", amount="4500.00"),
            ],
        ),
    },
    {
        "name": "bf02_api_schedule_graduated_commit",
        "format": "docx",
        "blocks": [
            ("h", "Schedule B - Geocoding API Fees"),
            (
                "p",
                "This Schedule B is entered into under the Master Services Agreement dated 3 May 2026 between "
                'Meridian Geodata, Inc. ("Meridian") and Tidewater Courier Co. ("Customer"), and takes effect on '
                'September 1, 2027 (the "Schedule Effective Date").',
            ),
            ("h", "1. Platform access"),
            (
                "p",
                "Customer will pay a platform access fee of $750.00 per month, invoiced at the beginning of each "
                "billing month.",
            ),
            ("h", "2. Request fees"),
            (
                "p",
                "Forward and reverse geocoding requests are charged per thousand requests on a graduated basis: "
                "each rate applies only to the requests that fall within its band in the billing month.",
            ),
            (
                "t",
                [
                    ["Band", "Requests in the billing month", "Rate per 1,000 requests"],
                    ["A", "First 250,000", "$4.00"],
                    ["B", "250,001 to 2,000,000", "$2.75"],
                    ["C", "Above 2,000,000", "$1.50"],
                ],
            ),
            ("p", "Request fees are calculated from Meridian's usage logs and invoiced monthly in arrears."),
            ("h", "3. Minimum monthly spend"),
            (
                "p",
                "Customer commits to a minimum spend of $2,500.00 per billing month across all fees under this "
                "Schedule. Where the fees for a billing month fall short of that amount, Meridian will add the "
                "shortfall to that month's usage invoice.",
            ),
            ("h", "4. Term and renewal"),
            (
                "p",
                "This Schedule has an initial term of twelve months from the Schedule Effective Date and renews "
                "automatically for further twelve-month terms unless either party gives written notice of "
                "non-renewal at least 60 days before the end of the then-current term.",
            ),
            ("h", "5. Invoicing"),
            (
                "p",
                "Billing months and usage cut-offs are determined in Pacific Time. Invoices will be e-mailed to "
                "ap@tidewatercourier.test and are payable within thirty (30) days of the invoice date.",
            ),
        ],
        "expected": contract(
            name="Tidewater Courier Co.",
            email="ap@tidewatercourier.test",
            currency="USD",
            tz="America/Los_Angeles",
            terms=30,
            start="2027-09-01",
            commitment={"amount": "2500.00", "period": "billing_period"},
            lines=[
                line("flat", amount="750.00"),
                line(
                    "graduated",
                    metric="requests",
                    tiers=[
                        {"up_to": "250000", "unit_price": "4.00", "package_size": "1000"},
                        {"up_to": "2000000", "unit_price": "2.75", "package_size": "1000"},
                        {"up_to": None, "unit_price": "1.50", "package_size": "1000"},
                    ],
                ),
            ],
        ),
    },
    {
        "name": "bf03_renewal_confirmation_email",
        "format": "text",
        "blocks": [
            ("p", "From: Hannah Whitlock <hannah.whitlock@ledgerlight.test>"),
            ("p", "To: Oliver Brandt <o.brandt@fenwickharcourt.test>"),
            ("p", "Cc: accounts.payable@fenwickharcourt.test"),
            ("p", "Date: Sun, 14 Mar 2027 16:42:10 +0000"),
            ("p", "Subject: Your LedgerLight renewal - all confirmed"),
            ("p", "Hi Oliver,"),
            (
                "p",
                "Thanks for sending the signed renewal back yesterday. I've now set everything up on our side, so "
                "for your records, this is what Fenwick Harcourt Solicitors LLP has signed up for:",
            ),
            (
                "p",
                "* Renewal term: 1 May 2027 to 30 April 2028 (this one won't roll over automatically - we'll get in "
                "touch well before it ends)",
            ),
            ("p", "* LedgerLight Practice: 64 users (up from 52) at £28.50 per user per month"),
            ("p", "* Priority Support: £450 per quarter"),
            (
                "p",
                "Both are invoiced quarterly in advance, and the first invoice of the new term goes out on 1 May. "
                "Invoices will keep going to accounts.payable@fenwickharcourt.test, and our payment terms stay at "
                "30 days from the invoice date.",
            ),
            ("p", "If anything above doesn't match your copy, just reply to this e-mail and I'll sort it out."),
            ("p", "Best wishes,"),
            ("p", "Hannah"),
            ("p", "Hannah Whitlock | Account Manager | LedgerLight Software Ltd | 020 7946 0321"),
        ],
        "expected": contract(
            name="Fenwick Harcourt Solicitors LLP",
            email="accounts.payable@fenwickharcourt.test",
            currency="GBP",
            terms=30,
            start="2027-05-01",
            end="2028-05-01",
            lines=[
                # per quarterly invoice (corpus convention): 3 x £28.50
                line("per_seat", unit_price="85.50", seats="64", billing_interval_count=3),
                line("flat", amount="450.00", billing_interval_count=3),
            ],
        ),
    },
    {
        "name": "bf04_sow_payment_plan_eur",
        "format": "pdf",
        "header": "Kranich Software GmbH · Karl-Liebknecht-Str. 44 · 04275 Leipzig",
        "blocks": [
            ("h", "Statement of Work No. 3 - WMS Module Implementation"),
            (
                "p",
                "under the Framework Services Agreement of 10.11.2025 between Kranich Software GmbH, Leipzig "
                '("Contractor") and Elbtal Logistik AG, Dresden ("Client").',
            ),
            ("p", "Date of this SOW: 22.02.2027"),
            ("h", "1. Scope"),
            (
                "p",
                "Contractor will configure and roll out the warehouse management module for the Client's three "
                "distribution centres, including interfaces to the Client's ERP system, data migration of master "
                "data and training for up to 40 key users.",
            ),
            ("h", "2. Term of this SOW"),
            ("p", "01.03.2027 - 31.08.2027"),
            ("h", "3. Fixed price and payment plan"),
            (
                "p",
                "The fixed price for the services in section 1 is EUR 48.000,00 net, plus statutory VAT. It is "
                "invoiced in instalments according to the following payment plan:",
            ),
            (
                "t",
                [
                    ["No.", "Payment milestone", "Planned date", "Share", "Amount (EUR)"],
                    ["1", "Project kick-off", "15.03.2027", "25 %", "12.000,00"],
                    ["2", "Acceptance of the solution design", "30.04.2027", "25 %", "12.000,00"],
                    ["3", "User acceptance test passed", "15.07.2027", "30 %", "14.400,00"],
                    ["4", "Go-live of the last site", "31.08.2027", "20 %", "9.600,00"],
                ],
            ),
            ("h", "4. Additional services"),
            (
                "p",
                "Work that the Client requests beyond the agreed scope is charged on a time-and-materials basis at "
                "EUR 1.160,00 per consultant day (8 hours), invoiced monthly in arrears on the basis of approved "
                "timesheets. Travel expenses are reimbursed at cost and are not part of the fixed price.",
            ),
            ("h", "5. Invoicing and payment"),
            (
                "p",
                "Invoices are sent electronically to rechnungseingang@elbtal-logistik.test. Payment is due within "
                "14 days of receipt of the invoice without deduction.",
            ),
            (
                "t",
                [
                    ["Leipzig, 22.02.2027", "Dresden, 24.02.2027"],
                    ["for Kranich Software GmbH", "for Elbtal Logistik AG"],
                    ["Jens Vogler, Managing Director", "Dr. Sabine Reuter, CFO"],
                ],
            ),
        ],
        "expected": contract(
            name="Elbtal Logistik AG",
            email="rechnungseingang@elbtal-logistik.test",
            currency="EUR",
            terms=14,
            start="2027-03-01",
            end="2027-09-01",
            lines=[
                line(
                    "milestone",
                    milestones=[
                        {"name": "Project kick-off", "amount": "12000.00", "due_date": "2027-03-15"},
                        {"name": "Acceptance of the solution design", "amount": "12000.00", "due_date": "2027-04-30"},
                        {"name": "User acceptance test passed", "amount": "14400.00", "due_date": "2027-07-15"},
                        {"name": "Go-live of the last site", "amount": "9600.00", "due_date": "2027-08-31"},
                    ],
                ),
                line("per_unit", metric="consultant_days", unit_price="1160.00"),
            ],
        ),
    },
    {
        "name": "bf05_merchant_fee_schedule",
        "format": "docx",
        "blocks": [
            ("h", "Merchant Processing Agreement - Schedule of Fees"),
            (
                "tm",
                "MERCHANT INFORMATION",
                [
                    ["Item", "Detail"],
                    ["Legal business name", "Larkspur Coffee Roasters, Inc."],
                    ["DBA", "Larkspur Coffee"],
                    ["Statements and invoices to", "bookkeeping@larkspurcoffee.test"],
                    ["Merchant ID", "4451 0099 2231"],
                    ["Effective date", "06/01/2027"],
                ],
            ),
            ("p", "Keystone Payments, LLC will charge the Merchant the following fees:"),
            (
                "t",
                [
                    ["Fee", "Rate", "Applies to"],
                    ["Card-present transactions", "2.65% + $0.10", "Each Visa, Mastercard, Discover or Amex sale"],
                    ["Card-not-present transactions", "2.95% + $0.30", "Each online or keyed sale"],
                    ["PIN debit", "$0.22", "Each PIN debit transaction"],
                    ["Chargeback", "$20.00", "Each chargeback received"],
                    ["Monthly service fee", "$14.95", "Per location, per month (2 locations)"],
                ],
            ),
            (
                "p",
                "Fees are totalled for each monthly statement period and invoiced in arrears after the period "
                "closes. Invoices are payable within ten (10) days and are collected by ACH debit from the "
                "Merchant's settlement account.",
            ),
            (
                "p",
                "Term. The initial term is three (3) years from the effective date. This Agreement then renews "
                "automatically for successive one-year terms unless either party terminates it on ninety (90) "
                "days' written notice before the end of the current term. An early termination fee of $295 applies "
                "if the Merchant terminates during the initial term.",
            ),
        ],
        "expected": contract(
            name="Larkspur Coffee Roasters, Inc.",
            email="bookkeeping@larkspurcoffee.test",
            currency="USD",
            terms=10,
            start="2027-06-01",
            lines=[
                line("percentage", metric="card_present_sales", rate="2.65", fixed_fee="0.10"),
                line("percentage", metric="card_not_present_sales", rate="2.95", fixed_fee="0.30"),
                line("per_unit", metric="pin_debit_transactions", unit_price="0.22"),
                line("per_unit", metric="chargebacks", unit_price="20.00"),
                line("per_seat", unit_price="14.95", seats="2", billing_timing="in_arrears"),
            ],
        ),
    },
    {
        "name": "bf06_label_price_list_volume",
        "format": "text",
        "blocks": [],
        "raw": """SHIPWELL LABELS INC. - COMMERCIAL PRICING SCHEDULE              Ref. PS-2027-118

Prepared for ........ Baywater Outfitters Corp.
Billing e-mail ...... finance@baywateroutfitters.test
Schedule start ...... 2027-10-01
Schedule term ....... 24 months (fixed; no automatic renewal)
Payment ............. Net 20

A. SUBSCRIPTION
   Shipping workspace, unlimited users          USD 399.00 / month, billed in advance

B. LABEL FEES - VOLUME PRICING
   The number of labels printed in the billing month sets the band, and every
   label printed in that month is charged at that band's rate.

   Labels printed per month        Fee per label
   ------------------------        -------------
          1 -   5,000              USD 0.08
      5,001 -  25,000              USD 0.06
     25,001 - 100,000              USD 0.045
    100,001 and above              USD 0.03

C. ADDRESS VALIDATION
   USD 0.015 per address check, billed with the label fees.

Label fees and address checks are invoiced monthly in arrears. Prices exclude
postage, carrier surcharges and sales tax.
""",
        "expected": contract(
            name="Baywater Outfitters Corp.",
            email="finance@baywateroutfitters.test",
            currency="USD",
            terms=20,
            start="2027-10-01",
            end="2029-10-01",
            lines=[
                line("flat", amount="399.00"),
                line(
                    "volume",
                    metric="labels",
                    tiers=[
                        {"up_to": "5000", "unit_price": "0.08"},
                        {"up_to": "25000", "unit_price": "0.06"},
                        {"up_to": "100000", "unit_price": "0.045"},
                        {"up_to": None, "unit_price": "0.03"},
                    ],
                ),
                line("per_unit", metric="address_checks", unit_price="0.015"),
            ],
        ),
    },
    {
        "name": "bf07_prepaid_credit_order",
        "format": "pdf",
        "engine": "html",
        "blocks": [
            ("h", "Committed Use Credit Order"),
            ("p", "Order ID: CX-CU-55012 | Order Date: November 8, 2027"),
            (
                "p",
                "Provider: Cortexa AI, Inc., 500 Terry Francine St, San Francisco, CA 94158. Customer: Pinegrove "
                "Legal Analytics LLC, 410 Market Street, Suite 900, Philadelphia, PA 19106.",
            ),
            ("p", "Billing contact: Accounts Payable, ap@pinegrovelegal.test"),
            ("h", "1. Credit purchase"),
            (
                "p",
                "Customer purchases a prepaid credit balance of $60,000.00 at a discounted purchase price of "
                '$54,000.00 (10% off). The purchase price is invoiced in full on November 15, 2027 (the "Credit '
                'Start Date"), from which date the credits may be used.',
            ),
            ("p", "Credits expire twelve (12) months after the Credit Start Date; unused credits are not refunded."),
            ("h", "2. Automatic replenishment"),
            (
                "p",
                "Whenever the remaining balance drops below $6,000.00, Cortexa will automatically add $20,000.00 "
                "of credits to the balance and invoice Customer for them at list value (replenishments are not "
                "discounted).",
            ),
            ("h", "3. Rates drawn down from the balance"),
            (
                "t",
                [
                    ["Service", "Unit", "Rate"],
                    ["Inference - standard models", "per 1M input tokens", "$2.50"],
                    ["Inference - standard models", "per 1M output tokens", "$10.00"],
                    ["Fine-tuning compute", "per GPU-hour", "$3.20"],
                ],
            ),
            (
                "p",
                "Usage in excess of the available balance is invoiced monthly in arrears at the same rates. All "
                "invoices under this Order are payable within fifteen (15) days.",
            ),
        ],
        "expected": contract(
            name="Pinegrove Legal Analytics LLC",
            email="ap@pinegrovelegal.test",
            currency="USD",
            terms=15,
            start="2027-11-15",
            lines=[
                line(
                    "prepaid_credit",
                    amount="60000.00",
                    price="54000.00",
                    top_up_threshold="6000.00",
                    top_up_amount="20000.00",
                    expires_on="2028-11-15",
                ),
                line("package", metric="input_tokens", package_size="1000000", package_price="2.50"),
                line("package", metric="output_tokens", package_size="1000000", package_price="10.00"),
                line("per_unit", metric="gpu_hours", unit_price="3.20"),
            ],
        ),
    },
    {
        "name": "bf08_hr_suite_half_yearly_eur",
        "format": "docx",
        "footer": "Talentis SAS - 14 quai Perrache, 69002 Lyon - RCS Lyon 812 345 678",
        "blocks": [
            ("h", "Special Conditions - Talentis HR Suite"),
            (
                "p",
                "These Special Conditions supplement Talentis SAS's General Terms of Service (version 2027-01) and "
                "prevail over them where they differ.",
            ),
            (
                "t",
                [
                    ["Item", "Agreed terms"],
                    ["Client", "Boulangeries Marchand SARL"],
                    ["Invoicing e-mail", "compta@boulangeries-marchand.test"],
                    ["Start of service", "01/10/2027"],
                    ["Initial period", "36 months, then tacit renewal for successive 12-month periods"],
                    ["Client time zone", "Europe/Paris (CET/CEST)"],
                    ["Payment", "45 days from the invoice date, by SEPA transfer"],
                ],
            ),
            ("h", "Fees (excluding VAT)"),
            (
                "p",
                "Base subscription (core HR, 3 administrator accounts): 9 600,00 € per year, invoiced half-yearly "
                "in advance; the first half-yearly invoice is issued on 1 October 2027.",
            ),
            ("p", "Payroll module, priced per employee paid in the month in graduated bands:"),
            (
                "t",
                [
                    ["Employees paid in the month", "Price per employee (€)"],
                    ["1 to 50", "7,90"],
                    ["51 to 250", "6,40"],
                    ["251 and more", "4,80"],
                ],
            ),
            (
                "p",
                "Each price applies only to the employees within its band (for example, 60 employees cost "
                "50 x 7,90 € + 10 x 6,40 €). The payroll module is invoiced monthly in arrears.",
            ),
            ("p", "Set-up, configuration and data migration: 3 500,00 € one-off, invoiced at signature."),
            ("p", "VAT at the current rate (20 %) is added to all amounts."),
        ],
        "expected": contract(
            name="Boulangeries Marchand SARL",
            email="compta@boulangeries-marchand.test",
            currency="EUR",
            tz="Europe/Paris",
            terms=45,
            start="2027-10-01",
            lines=[
                # per half-yearly invoice: 9,600 / 2
                line("flat", amount="4800.00", billing_interval_count=6),
                line(
                    "graduated",
                    metric="employees",
                    tiers=[
                        {"up_to": "50", "unit_price": "7.90"},
                        {"up_to": "250", "unit_price": "6.40"},
                        {"up_to": None, "unit_price": "4.80"},
                    ],
                ),
                line("one_time", amount="3500.00"),
            ],
        ),
    },
    {
        "name": "bf09_hosting_fee_schedule_wrapped",
        "format": "text",
        "blocks": [],
        "raw": """SCHEDULE A - FEES AND BILLING

to the Managed Services Agreement between Ironbark Cloud Services, Inc.
("Ironbark") and Prairie Lantern Health, Inc. ("Client")

A.1  Service Commencement. Services under this Schedule commence on
     August 16, 2027 (the "Service Commencement Date") and continue for
     an initial term of twelve (12) months. The term then renews
     automatically for successive twelve (12) month renewal terms unless
     either party gives notice of non-renewal at least ninety (90) days
     before the end of the then-current term.

A.2  Managed Hosting Fee. Client shall pay a managed hosting fee of
     US$8,750.00 per month, invoiced in advance.

A.3  Backup. Backup of Client servers is charged at US$18.00 per
     protected server per month, invoiced in advance. Client has
     ordered backup for thirty-two (32) servers.

A.4  Data Transfer. The managed hosting fee includes 10 TB of outbound
     data transfer per month. Outbound transfer above 10 TB in a month
     is charged at US$45.00 per TB, invoiced monthly in arrears.

A.5  Invoicing Calendar. Ironbark invoices on the first day of each
     calendar month. Charges for the partial month in which the Service
     Commencement Date falls are prorated. Billing periods and usage
     measurements are based on U.S. Central Time.

A.6  Payment. Client shall pay each invoice within thirty (30) days
     after its date. Invoices shall be sent to ap@prairielantern.test.
""",
        "expected": contract(
            name="Prairie Lantern Health, Inc.",
            email="ap@prairielantern.test",
            currency="USD",
            tz="America/Chicago",
            terms=30,
            start="2027-08-16",
            alignment="calendar",
            lines=[
                line("flat", amount="8750.00"),
                line("per_seat", unit_price="18.00", seats="32"),
                line("per_unit", metric="tb_transferred", unit_price="45.00", included_units="10"),
            ],
        ),
    },
    {
        "name": "bf10_seat_ramp_quote",
        "format": "pdf",
        "blocks": [
            ("h", "Quote Q-2027-4471"),
            ("p", "Quillfield Software Corp. | 1200 Lamar Blvd, Austin, TX 78703 | billing@quillfield.test"),
            ("p", "Quote date: January 11, 2027. This quote expires on January 31, 2027."),
            (
                "t",
                [
                    ["Bill To", "Customer Contact"],
                    ["Ambergate Property Management, Inc.", "Dana Whitfield, Controller"],
                    ["Attn: Accounts Payable", "dana.whitfield@ambergatepm.test"],
                    ["4820 Kessler Ave, Fort Worth, TX 76107", "Invoices: ap@ambergatepm.test"],
                ],
            ),
            ("p", "Subscription Term: 24 months, March 1, 2027 through February 28, 2029"),
            (
                "t",
                [
                    ["Period", "Product", "Users", "Price / user / month", "Annual amount"],
                    [
                        "Year 1 (03/01/2027 - 02/29/2028)",
                        "Quillfield Leasing Cloud - Professional",
                        "120",
                        "$32.00",
                        "$46,080.00",
                    ],
                    [
                        "Year 2 (03/01/2028 - 02/28/2029)",
                        "Quillfield Leasing Cloud - Professional",
                        "175",
                        "$30.00",
                        "$63,000.00",
                    ],
                    ["One-time", "Implementation package (remote)", "1", "-", "$7,500.00"],
                ],
            ),
            (
                "p",
                "Subscription fees for each year are invoiced annually in advance at the start of that year. The "
                "implementation package is invoiced upon acceptance of this quote. Payment terms: Net 30. Prices "
                "are in US dollars and exclude sales tax.",
            ),
            ("p", "Accepted by Ambergate Property Management, Inc.: ____________________ Date: __________"),
        ],
        "expected": contract(
            name="Ambergate Property Management, Inc.",
            email="ap@ambergatepm.test",
            currency="USD",
            terms=30,
            start="2027-03-01",
            end="2029-03-01",
            lines=[
                # per annual invoice: 12 x the monthly price per user
                line(
                    "per_seat",
                    unit_price="384.00",
                    seats="120",
                    billing_interval="year",
                    start_date="2027-03-01",
                    end_date="2028-03-01",
                ),
                line(
                    "per_seat",
                    unit_price="360.00",
                    seats="175",
                    billing_interval="year",
                    start_date="2028-03-01",
                    end_date="2029-03-01",
                ),
                line("one_time", amount="7500.00"),
            ],
        ),
    },
    {
        "name": "bf11_agency_engagement_letter",
        "format": "docx",
        "blocks": [
            ("p", "Hollis & Reed Creative LLC"),
            ("p", "88 Wythe Avenue, Brooklyn, NY 11249"),
            ("p", "October 4, 2027"),
            ("p", "Ms. Carla Jimenez"),
            ("p", "VP Marketing, Summit Ridge Outdoor Supply, Inc."),
            ("p", "2100 Canyon Road, Boulder, CO 80302"),
            ("p", "Re: Engagement letter - performance marketing retainer"),
            ("p", "Dear Carla,"),
            (
                "p",
                "Thank you for choosing Hollis & Reed. This letter confirms the terms on which we will act as "
                "Summit Ridge's performance marketing agency for six months, from November 1, 2027 through April "
                "30, 2028.",
            ),
            (
                "p",
                "Retainer. Our retainer is $9,500 a month, billed at the start of each month. It covers up to 60 "
                "hours of strategy, creative and campaign management in that month.",
            ),
            (
                "p",
                "Additional hours. Time beyond the 60 retainer hours in a month is billed at $165 per hour after "
                "the month ends.",
            ),
            (
                "p",
                "Media management. For paid media we buy on your behalf we charge a management fee of 8% of media "
                "spend, invoiced monthly in arrears together with the media costs, which we pass through at cost.",
            ),
            ("p", "Brand workshop. The two-day brand positioning workshop in November is a one-time fee of $6,000."),
            (
                "p",
                "Please have invoices routed to marketing-ap@summitridgeoutdoor.test; they are due within 20 days. "
                "If these terms work for you, please countersign below and return a copy to me.",
            ),
            ("p", "Sincerely,"),
            ("p", "Jonah Reed, Managing Partner"),
            ("p", "Agreed and accepted: Summit Ridge Outdoor Supply, Inc."),
            ("p", "By: ____________________  Carla Jimenez, VP Marketing    Date: __________"),
        ],
        "expected": contract(
            name="Summit Ridge Outdoor Supply, Inc.",
            email="marketing-ap@summitridgeoutdoor.test",
            currency="USD",
            terms=20,
            start="2027-11-01",
            end="2028-05-01",
            lines=[
                line("flat", amount="9500.00"),
                line("per_unit", metric="hours", unit_price="165.00", included_units="60"),
                line("percentage", metric="media_spend", rate="8"),
                line("one_time", amount="6000.00"),
            ],
        ),
    },
    {
        "name": "bf12_voice_service_order",
        "format": "text",
        "blocks": [
            ("p", "COBALT VOICE NETWORKS - SERVICE ORDER FORM"),
            ("p", "Order #: SO-118734        Order Date: 03/22/2027"),
            ("h", "Customer information"),
            ("p", "Company: Redfern Home Health Services, Inc."),
            ("p", "Billing Contact: Marcus Lee | Phone: (614) 555-0182 | Email: telecom-billing@redfernhh.test"),
            ("p", "Service Address: 77 East Broad Street, Columbus, OH 43215"),
            ("p", "Requested Activation Date: 04/12/2027"),
            ("h", "Services"),
            (
                "t",
                [
                    ["Qty", "Service", "MRC (each)", "NRC (each)", "Usage rate"],
                    ["120", "DID telephone numbers (ported)", "$1.25", "$4.00", "-"],
                    ["1", "SIP trunk - 40 concurrent call paths", "$380.00", "$0.00", "-"],
                    ["-", "Outbound calling, US domestic", "-", "-", "$0.0095 / min"],
                    ["-", "Toll-free inbound (8XX)", "-", "-", "$0.021 / min"],
                ],
            ),
            (
                "p",
                "Outbound domestic calling is subject to a minimum usage charge of $150.00 per month; if metered "
                "outbound charges are lower, $150.00 is billed instead.",
            ),
            ("h", "Terms"),
            (
                "p",
                "Services are provided on a month-to-month basis from the activation date and may be cancelled by "
                "either party on 30 days' written notice. MRCs are billed monthly in advance; usage is billed "
                "monthly in arrears; NRCs appear on the first invoice. Payment due Net 15. Taxes, E911 and "
                "regulatory recovery fees are billed in addition.",
            ),
            ("p", "Customer signature: ______________________   Name/Title: Marcus Lee, Operations Director"),
        ],
        "expected": contract(
            name="Redfern Home Health Services, Inc.",
            email="telecom-billing@redfernhh.test",
            currency="USD",
            terms=15,
            start="2027-04-12",
            lines=[
                line("per_seat", unit_price="1.25", seats="120"),
                line("one_time", amount="480.00"),
                line("flat", amount="380.00"),
                line("per_unit", metric="outbound_minutes", unit_price="0.0095", minimum_amount="150.00"),
                line("per_unit", metric="toll_free_minutes", unit_price="0.021"),
            ],
        ),
    },
    {
        "name": "bf13_swedish_agreement_sms_packs",
        "format": "pdf",
        "blocks": [
            ("h", "CUSTOMER AGREEMENT - NORDLYS NOTIFY"),
            ("p", "Agreement no. NK-2028-031"),
            (
                "t",
                [
                    ["Party", "Details"],
                    ["Supplier", "Nordlys Kommunikation AB, reg. no. 556123-4567, Göteborg"],
                    ["Customer", "Fjällbacka Fastigheter AB, reg. no. 559876-5432, Uddevalla"],
                    ["Customer invoice address", "faktura@fjallbackafastigheter.test"],
                ],
            ),
            ("h", "1. Agreement period"),
            (
                "p",
                "This agreement applies from 15 January 2028 for a fixed period of two (2) years. It is not "
                "renewed automatically; a continuation requires a new written agreement.",
            ),
            ("h", "2. Prices"),
            ("p", "All prices are in Swedish kronor (SEK) and exclude VAT."),
            (
                "t",
                [
                    ["Item", "Price", "Invoicing"],
                    ["Notify platform licence", "SEK 60 000 per year", "Annually in advance"],
                    [
                        "Resident SMS, sold in packs of 1 000 messages",
                        "SEK 450 per started pack",
                        "Quarterly in arrears",
                    ],
                    ["Onboarding and integration with the property system", "SEK 12 500", "Once, on signing"],
                ],
            ),
            ("h", "3. Payment"),
            ("p", "Payment terms: 30 days net from the invoice date."),
            (
                "t",
                [
                    ["Göteborg, 10 December 2027", "Uddevalla, 14 December 2027"],
                    ["Nordlys Kommunikation AB", "Fjällbacka Fastigheter AB"],
                    ["Elin Sandberg", "Mats Holmqvist"],
                ],
            ),
        ],
        "expected": contract(
            name="Fjällbacka Fastigheter AB",
            email="faktura@fjallbackafastigheter.test",
            currency="SEK",
            terms=30,
            start="2028-01-15",
            end="2030-01-15",
            lines=[
                line("flat", amount="60000.00", billing_interval="year"),
                line("package", metric="sms", package_size="1000", package_price="450.00", billing_interval_count=3),
                line("one_time", amount="12500.00"),
            ],
        ),
    },
    {
        "name": "bf14_observability_annual_commit",
        "format": "docx",
        "header": "Brightkelp Observability, Inc. - Enterprise Order Form",
        "blocks": [
            ("h", "Enterprise Order Form - Committed Spend"),
            (
                "t",
                [
                    ["Order Detail", "Value"],
                    ["Customer", "Corvid Freight Systems, Inc."],
                    ["Customer Billing Email", "cloud-invoices@corvidfreight.test"],
                    ["Order Start Date", "2027-07-01"],
                    ["Order Term", "12 months"],
                    ["Annual Commitment", "$120,000.00"],
                    ["Payment Terms", "Net 30"],
                ],
            ),
            (
                "p",
                "Annual Commitment. Customer commits to spend at least the Annual Commitment on the usage-based "
                "products below during each 12-month period of the Order Term. Usage is invoiced monthly in "
                "arrears as it accrues. If the usage fees invoiced for the period total less than the Annual "
                "Commitment, Brightkelp will invoice the difference at the end of the period.",
            ),
            (
                "t",
                [
                    ["Product", "Unit of measure", "Rate"],
                    ["Log ingestion", "per GB ingested", "$0.22"],
                    ["Log indexing (30-day retention)", "per million log events indexed", "$1.45"],
                    ["Infrastructure monitoring", "per host per month (average hosts monitored)", "$14.00"],
                    ["Enterprise Support", "flat fee per month", "$1,250.00"],
                ],
            ),
            (
                "p",
                "Enterprise Support is invoiced monthly in advance and does not count toward the Annual "
                "Commitment. Unused commitment does not roll over into any renewal.",
            ),
            ("p", "Authorized signatures on the following page."),
        ],
        "expected": contract(
            name="Corvid Freight Systems, Inc.",
            email="cloud-invoices@corvidfreight.test",
            currency="USD",
            terms=30,
            start="2027-07-01",
            end="2028-07-01",
            commitment={"amount": "120000.00", "period": "year"},
            lines=[
                line("per_unit", metric="gb_ingested", unit_price="0.22"),
                line("package", metric="log_events", package_size="1000000", package_price="1.45"),
                line("per_unit", metric="hosts", unit_price="14.00"),
                line("flat", amount="1250.00"),
            ],
        ),
    },
    {
        "name": "bf15_swiss_maintenance_agreement",
        "format": "text",
        "blocks": [
            ("h", "MAINTENANCE AGREEMENT No. WV-2028-014"),
            ("p", 'between Helvetia Kältetechnik AG, Industriestrasse 12, 8604 Volketswil (the "Contractor")'),
            ("p", 'and Confiserie Bärtschi AG, Marktgasse 8, 3011 Bern (the "Customer")'),
            (
                "p",
                "1. Subject. Preventive maintenance and fault repair of the cold rooms and refrigerated display "
                "cases listed in Annex 1, including two scheduled services per year.",
            ),
            (
                "p",
                "2. Term. The agreement starts on 01.02.2028 and has a minimum term of 3 years. After that it is "
                "extended automatically by one year at a time unless terminated in writing with six months' notice "
                "to the end of a contract year.",
            ),
            ("p", "3. Remuneration (all amounts in Swiss francs, excluding VAT)"),
            (
                "p",
                "3.1 Annual maintenance flat rate: CHF 14'400.00, invoiced in four quarterly instalments of "
                "CHF 3'600.00, each in advance.",
            ),
            (
                "p",
                "3.2 Repairs not covered by the flat rate: CHF 138.00 per technician hour plus material; the hours "
                "are invoiced monthly after the work has been carried out.",
            ),
            (
                "p",
                "3.3 One-off initial inspection and inventory of the installations: CHF 2'850.00, invoiced with "
                "the first quarterly instalment.",
            ),
            (
                "p",
                "4. Invoicing. Invoices are sent to kreditoren@confiserie-baertschi.test and are payable within "
                "30 days net.",
            ),
            ("p", "Volketswil, 12.12.2027                    Bern, 18.12.2027"),
            ("p", "Helvetia Kältetechnik AG                  Confiserie Bärtschi AG"),
        ],
        "expected": contract(
            name="Confiserie Bärtschi AG",
            email="kreditoren@confiserie-baertschi.test",
            currency="CHF",
            terms=30,
            start="2028-02-01",
            lines=[
                line("flat", amount="3600.00", billing_interval_count=3),
                line("per_unit", metric="technician_hours", unit_price="138.00"),
                line("one_time", amount="2850.00"),
            ],
        ),
    },
    {
        "name": "bf16_lms_order_yen_volume",
        "format": "pdf",
        "blocks": [
            ("h", "Service Order - LMS Subscription"),
            ("p", "Provider: Sakura Learning Technologies K.K., Shibuya-ku, Tokyo"),
            (
                "tb",
                [
                    ["Customer", "Kanto Logistics Co., Ltd."],
                    ["Billing contact", "keiri@kanto-logistics.test"],
                    ["Service period", "April 1, 2028 to March 31, 2029"],
                    ["Billing time zone", "Japan Standard Time (JST)"],
                    ["Payment terms", "Within 30 days of the invoice date, by bank transfer"],
                ],
            ),
            ("h", "Fees (Japanese yen, excluding consumption tax)"),
            (
                "t",
                [
                    ["Item", "Price", "Billing"],
                    ["Platform licence", "¥1,200,000 per year", "Annually in advance"],
                    ["Active learners", "Volume pricing (see below), per learner per month", "Monthly in arrears"],
                    ["Content authoring workshop", "¥350,000 (one time)", "With the first invoice"],
                ],
            ),
            (
                "p",
                "The number of active learners in a month decides the price band, and that band's price applies "
                "to every active learner in the month:",
            ),
            (
                "t",
                [
                    ["Active learners in the month", "Price per learner"],
                    ["1 - 500", "¥800"],
                    ["501 - 2,000", "¥650"],
                    ["2,001 or more", "¥500"],
                ],
            ),
        ],
        "expected": contract(
            name="Kanto Logistics Co., Ltd.",
            email="keiri@kanto-logistics.test",
            currency="JPY",
            tz="Asia/Tokyo",
            terms=30,
            start="2028-04-01",
            end="2029-04-01",
            lines=[
                line("flat", amount="1200000", billing_interval="year"),
                line(
                    "volume",
                    metric="learners",
                    tiers=[
                        {"up_to": "500", "unit_price": "800"},
                        {"up_to": "2000", "unit_price": "650"},
                        {"up_to": None, "unit_price": "500"},
                    ],
                ),
                line("one_time", amount="350000"),
            ],
        ),
    },
]
