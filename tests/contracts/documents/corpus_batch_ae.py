"""Unseen batch AE (round 5): the genres the corpus had least of, written (with the expected contracts)
before the extractor code was read (bench/extraction.py --set batch_ae): a marketplace private offer
with contract dimensions and metered usage dimensions, an enterprise order schedule under an MSA with
products ramped by contract-year columns, a cover letter followed by an education order form with list /
discount / price-payable columns, IoT connectivity priced per active SIM in volume bands, a change order
with current / change / after columns, a partner order billed to the reseller (not the end user), a
professional-services SOW with a day-rate card and a not-to-exceed cap, GPU-hour and per-million-token
usage pricing with a monthly minimum, a EUR order showing indicative GBP amounts, and a renewal amendment
with an uplift, a seat reduction and a dropped add-on.

Amendments and change orders expect the resulting contract from the change's effective date: the lines
that apply after the change (a line listed as unchanged in the "after" state is kept; a removed or
expiring line is not).
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

YEARLY = {"billing_interval": "year"}

DOCS: list[dict[str, Any]] = [
    {
        "name": "bae01_marketplace_private_offer",
        "format": "pdf",
        "footer": "Private offer offer-7x2kq9hd3mzpa - page {page}",
        "blocks": [
            ("h", "AWS Marketplace Private Offer"),
            (
                "t",
                [
                    ["Offer ID", "offer-7x2kq9hd3mzpa"],
                    ["Seller of record", "Corvid Observability, Inc."],
                    ["Buyer", "Ardent Freight Systems, Inc. (AWS account 4471-0923-1180)"],
                    ["Product", "Corvid Observability Platform (SaaS contract with consumption pricing)"],
                    ["Offer expires", "28 February 2028"],
                    ["Contract duration", "12 months"],
                    ["Service start date", "1 March 2028 (future-dated agreement)"],
                    ["End user licence", "Standard Contract for AWS Marketplace (SCMP)"],
                ],
            ),
            (
                "p",
                "The prices in this private offer replace the public listing prices for the buyer account named "
                "above. All charges are in USD and are invoiced by Amazon Web Services, Inc. on the buyer's AWS "
                "bill.",
            ),
            ("h", "Contract dimensions (12-month entitlement)"),
            (
                "t",
                [
                    ["Dimension", "Unit", "Quantity", "Private offer price", "Public price"],
                    ["Enterprise hosts", "Host for 12 months", "250", "$216.00", "$288.00"],
                    ["Extended log retention (30 days)", "Entitlement for 12 months", "1", "$18,000.00", "$24,000.00"],
                ],
            ),
            ("h", "Additional usage dimensions (metered)"),
            (
                "t",
                [
                    ["Dimension", "Unit", "Private offer price"],
                    ["Hosts above the contract quantity", "Host-hour", "$0.032"],
                    ["Log ingestion", "GB ingested", "$0.10"],
                ],
            ),
            (
                "p",
                "Payment schedule: the total contract price of $72,000.00 is charged in full on the service start "
                "date. Additional usage is metered hourly and charged monthly in arrears on the AWS bill. Payment "
                "terms are those of the buyer's agreement with AWS.",
            ),
        ],
        "expected": contract(
            name="Ardent Freight Systems, Inc.",
            currency="USD",
            start="2028-03-01",
            end="2029-03-01",
            lines=[
                line("per_seat", unit_price="216.00", seats="250", **YEARLY),
                line("flat", amount="18000.00", **YEARLY),
                line("per_unit", metric="host_hours", unit_price="0.032"),
                line("per_unit", metric="gb", unit_price="0.10"),
            ],
        ),
    },
    {
        "name": "bae02_msa_order_schedule_ramps",
        "format": "pdf",
        "header": "Halyard Systems Corp. - Confidential",
        "blocks": [
            ("h", "Order Schedule No. 3"),
            (
                "p",
                "This Order Schedule is entered into under the Master Subscription Agreement dated 9 June 2026 "
                '(the "MSA") between Halyard Systems Corp. ("Halyard") and Meridian Mutual Insurance Company '
                '("Customer"). Capitalised terms have the meaning given in the MSA.',
            ),
            (
                "t",
                [
                    ["Schedule Start Date", "January 1, 2028"],
                    ["Order Schedule Term", "36 months from the Schedule Start Date"],
                    ["Customer billing contact", "Accounts Payable – Software, ap-software@meridianmutual.test"],
                    ["Payment terms", "Net 60 from the invoice date"],
                ],
            ),
            ("h", "1. Subscription fees by Contract Year"),
            (
                "t",
                [
                    ["Product", "Pricing basis", "Year 1 (2028)", "Year 2 (2029)", "Year 3 (2030)"],
                    ["Claims Core platform", "Annual fee", "$120,000", "$132,000", "$145,200"],
                    [
                        "Adjuster Workspace",
                        "Named users x annual price per user",
                        "150 x $480",
                        "220 x $480",
                        "260 x $460",
                    ],
                    ["Fraud Analytics add-on", "Annual fee", "—", "$36,000", "$38,000"],
                ],
            ),
            (
                "p",
                "Contract Year 1 runs from January 1, 2028 to December 31, 2028, and each later Contract Year runs "
                "for the twelve months after the previous one. Subscription fees for each Contract Year are invoiced "
                "annually in advance at the start of that Contract Year.",
            ),
            ("h", "2. Support"),
            ("p", "Premier Support: $18,000 per year for the whole Order Schedule Term, invoiced annually in advance."),
            ("h", "3. One-time fees"),
            (
                "p",
                "Implementation services (fixed fee): $45,000, invoiced on the Schedule Start Date. Travel is "
                "reimbursed at cost under Section 6 of the MSA.",
            ),
            ("h", "4. Signatures"),
            ("p", "Halyard Systems Corp. — By: Irene Calloway, Chief Revenue Officer"),
            ("p", "Meridian Mutual Insurance Company — By: Dev Raman, VP Claims Technology"),
        ],
        "expected": contract(
            name="Meridian Mutual Insurance Company",
            email="ap-software@meridianmutual.test",
            currency="USD",
            terms=60,
            start="2028-01-01",
            end="2031-01-01",
            lines=[
                line("flat", amount="120000.00", start_date="2028-01-01", end_date="2029-01-01", **YEARLY),
                line("flat", amount="132000.00", start_date="2029-01-01", end_date="2030-01-01", **YEARLY),
                line("flat", amount="145200.00", start_date="2030-01-01", end_date="2031-01-01", **YEARLY),
                line(
                    "per_seat",
                    unit_price="480.00",
                    seats="150",
                    start_date="2028-01-01",
                    end_date="2029-01-01",
                    **YEARLY,
                ),
                line(
                    "per_seat",
                    unit_price="480.00",
                    seats="220",
                    start_date="2029-01-01",
                    end_date="2030-01-01",
                    **YEARLY,
                ),
                line(
                    "per_seat",
                    unit_price="460.00",
                    seats="260",
                    start_date="2030-01-01",
                    end_date="2031-01-01",
                    **YEARLY,
                ),
                line("flat", amount="36000.00", start_date="2029-01-01", end_date="2030-01-01", **YEARLY),
                line("flat", amount="38000.00", start_date="2030-01-01", end_date="2031-01-01", **YEARLY),
                line("flat", amount="18000.00", **YEARLY),
                line("one_time", amount="45000.00"),
            ],
        ),
    },
    {
        "name": "bae03_cover_letter_education_order",
        "format": "pdf",
        "blocks": [
            ("p", "Lanternfish Learning Ltd · 7 Harbour Walk, Bristol BS1 5TY · hello@lanternfish.test"),
            ("p", "28 July 2028"),
            ("p", "Mrs Grace Okonjo"),
            ("p", "Trust Business Manager"),
            ("p", "St Aldhelm's Academy Trust"),
            ("p", "Dear Mrs Okonjo,"),
            (
                "p",
                "Thank you for choosing Lanternfish Maths for your four schools. Please find enclosed your order "
                "form. As an education customer the Trust receives our 35% education discount on all subscription "
                "items; our standard list price for a pupil licence is £6.00 per pupil per year.",
            ),
            (
                "p",
                "Your first invoice, issued in September, will be £7,446.00 plus VAT, which includes the one-off "
                "setup. Please sign the order form and return it to me by 15 August 2028 so that pupils can log in "
                "from the first day of term.",
            ),
            ("p", "With best wishes,"),
            ("p", "Owen Pritchard, Schools Partnerships Manager"),
            ("pb",),
            ("h", "Order Form LL-EDU-5521"),
            (
                "t",
                [
                    ["Customer", "St Aldhelm's Academy Trust"],
                    ["Invoice e-mail", "finance@staldhelms.test"],
                    ["Start date", "1 September 2028"],
                    ["Term", "Three academic years, ending 31 August 2031"],
                    ["Payment", "Within 30 days of invoice"],
                ],
            ),
            (
                "t",
                [
                    ["Item", "Quantity", "List price", "Education discount", "Price payable"],
                    ["Lanternfish Maths pupil licence (per pupil per year)", "1,240", "£6.00", "35%", "£3.90"],
                    ["Teacher dashboard (per school per year)", "4", "£850.00", "35%", "£552.50"],
                    ["Setup and rostering (one-off)", "1", "£400.00", "—", "£400.00"],
                ],
            ),
            (
                "p",
                "Annual subscription items are invoiced each September, in advance, for the coming academic year. "
                "Prices exclude VAT.",
            ),
            ("p", "Signed for St Aldhelm's Academy Trust: ______________________  Date: ____________"),
        ],
        "expected": contract(
            name="St Aldhelm's Academy Trust",
            email="finance@staldhelms.test",
            currency="GBP",
            terms=30,
            start="2028-09-01",
            end="2031-09-01",
            lines=[
                line("per_seat", unit_price="3.90", seats="1240", **YEARLY),
                line("per_seat", unit_price="552.50", seats="4", **YEARLY),
                line("one_time", amount="400.00"),
            ],
        ),
    },
    {
        "name": "bae04_iot_per_active_sim",
        "format": "pdf",
        "blocks": [
            ("h", "Connectivity Services Order — Schedule B: Charges"),
            ("p", "Provider: Fjordlink IoT AS, Bergen, Norway"),
            ("p", "Customer: Vossberg Smart Metering GmbH"),
            ("p", "Invoice address (e-mail): rechnungen@vossberg-metering.test"),
            ("p", "Service commencement: 1 April 2028. Minimum term: 24 months. All charges in euro (EUR)."),
            ("h", "B.1 Connectivity management platform"),
            ("p", "€1,200.00 per month, invoiced monthly in advance."),
            ("h", "B.2 Active SIM charge"),
            (
                "p",
                "A SIM is active in a month if it attaches to the network at least once in that month. The price "
                "of the band that the total number of active SIMs falls into applies to every active SIM in that "
                "month.",
            ),
            (
                "t",
                [
                    ["Active SIMs in the month", "Price per active SIM per month"],
                    ["up to 10,000", "€0.85"],
                    ["10,001 – 50,000", "€0.70"],
                    ["over 50,000", "€0.55"],
                ],
            ),
            ("h", "B.3 Traffic"),
            (
                "t",
                [
                    ["Traffic type", "Rate"],
                    ["Data (all zones in Annex 2)", "€0.002 per MB"],
                    ["SMS, device-terminated", "€0.015 per message"],
                ],
            ),
            ("h", "B.4 SIM supply"),
            (
                "p",
                "The Customer orders 20,000 industrial-grade eSIM cards at €1.50 each (€30,000.00 in total), "
                "invoiced once on dispatch.",
            ),
            (
                "p",
                "Active SIM and traffic charges are invoiced monthly in arrears. Invoices are payable within 30 days. "
                "Charges exclude VAT (reverse charge).",
            ),
        ],
        "expected": contract(
            name="Vossberg Smart Metering GmbH",
            email="rechnungen@vossberg-metering.test",
            currency="EUR",
            terms=30,
            start="2028-04-01",
            end="2030-04-01",
            lines=[
                line("flat", amount="1200.00"),
                line(
                    "volume",
                    metric="active_sims",
                    tiers=[
                        {"up_to": "10000", "unit_price": "0.85"},
                        {"up_to": "50000", "unit_price": "0.70"},
                        {"up_to": None, "unit_price": "0.55"},
                    ],
                ),
                line("per_unit", metric="mb", unit_price="0.002"),
                line("per_unit", metric="sms", unit_price="0.015"),
                line("one_time", amount="30000.00"),
            ],
        ),
    },
    {
        "name": "bae05_change_order_current_after",
        "format": "docx",
        "blocks": [
            ("h", "Change Order No. 2"),
            (
                "p",
                'This Change Order amends Order Form NX-2291 dated February 1, 2027 (the "Order Form") between '
                'Nexaline Software, Inc. ("Nexaline") and Copperleaf Dental Group, P.C. ("Customer").',
            ),
            ("p", "Change Effective Date: June 1, 2028"),
            (
                "t",
                [
                    ["Item", "Current", "Change", "After this Change Order"],
                    [
                        "Practice management seats",
                        "100 seats at $42.00 per seat per month",
                        "Add 25 seats",
                        "125 seats at $42.00 per seat per month",
                    ],
                    [
                        "Imaging storage",
                        "2 TB plan at $300.00 per month",
                        "Upgrade to 5 TB",
                        "5 TB plan at $650.00 per month",
                    ],
                    ["Legacy reporting add-on", "$150.00 per month", "Removed", "—"],
                    ["Patient text reminders", "$0.04 per message", "No change", "$0.04 per message"],
                ],
            ),
            (
                "p",
                "A one-time provisioning fee of $500.00 for the additional seats is invoiced with the first invoice "
                "after the Change Effective Date.",
            ),
            (
                "p",
                "Subscription fees continue to be invoiced monthly in advance and text reminders monthly in arrears. "
                "The term of the Order Form (ending January 31, 2030) and all its other terms, including payment "
                "within 30 days, are unchanged. Invoices continue to go to billing@copperleafdental.test.",
            ),
            ("p", "Accepted: Copperleaf Dental Group, P.C. — Name: Dr. Lena Marsh — Date: May 20, 2028"),
        ],
        "expected": contract(
            name="Copperleaf Dental Group, P.C.",
            email="billing@copperleafdental.test",
            currency="USD",
            terms=30,
            start="2028-06-01",
            end="2030-02-01",
            lines=[
                line("per_seat", unit_price="42.00", seats="125"),
                line("flat", amount="650.00"),
                line("per_unit", metric="messages", unit_price="0.04"),
                line("one_time", amount="500.00"),
            ],
        ),
    },
    {
        "name": "bae06_partner_order_bill_to_reseller",
        "format": "docx",
        "blocks": [
            ("h", "Partner Order Form PO-KG-30917"),
            ("p", "Vendor: Kestrelguard Security, Inc., 500 Congress Ave, Austin, TX 78701"),
            (
                "t",
                [
                    ["Bill to (Partner)", "End user"],
                    ["Bluepeak Technology Partners LLC", "Marlow County School District"],
                    ["Partner ID KG-P-01184 (Gold tier)", "Attn: Technology Services"],
                    ["ap@bluepeakpartners.test", "it-admin@marlowcsd.test"],
                ],
            ),
            (
                "p",
                "Subscription term: 36 months commencing 15 August 2028. Subscription fees are billed to the "
                "Partner annually in advance. The Partner sets its own resale price to the End User.",
            ),
            (
                "t",
                [
                    [
                        "SKU",
                        "Description",
                        "Qty",
                        "MSRP / unit / year",
                        "Partner discount",
                        "Partner price / unit / year",
                        "Extended (annual)",
                    ],
                    [
                        "KG-EDR-ENT",
                        "Endpoint protection, Enterprise (per device)",
                        "2,400",
                        "$36.00",
                        "32%",
                        "$24.48",
                        "$58,752.00",
                    ],
                    [
                        "KG-MDR-ADD",
                        "Managed detection & response add-on (per device)",
                        "2,400",
                        "$18.00",
                        "32%",
                        "$12.24",
                        "$29,376.00",
                    ],
                    ["KG-ONB-PS", "Remote onboarding (one-time)", "1", "$3,500.00", "0%", "$3,500.00", "$3,500.00"],
                ],
            ),
            ("p", "Payment terms: net 45 days from the invoice date. All prices in US dollars, excluding taxes."),
        ],
        "expected": contract(
            name="Bluepeak Technology Partners LLC",
            email="ap@bluepeakpartners.test",
            currency="USD",
            terms=45,
            start="2028-08-15",
            end="2031-08-15",
            lines=[
                line("per_seat", unit_price="24.48", seats="2400", **YEARLY),
                line("per_seat", unit_price="12.24", seats="2400", **YEARLY),
                line("one_time", amount="3500.00"),
            ],
        ),
    },
    {
        "name": "bae07_ps_day_rates_with_cap",
        "format": "docx",
        "footer": "Tidewater Digital Ltd · SOW 7 · Confidential",
        "blocks": [
            ("h", "Statement of Work No. 7 — Core Banking Data Migration"),
            (
                "p",
                "This Statement of Work is issued under the Consultancy Framework Agreement between Tidewater "
                'Digital Ltd, Dublin ("Tidewater") and Ballycastle Credit Union Limited ("the Client").',
            ),
            ("p", "SOW period: 3 July 2028 to 22 December 2028."),
            ("h", "1. Phase 1 — Discovery (fixed fee)"),
            (
                "p",
                "Current-state assessment, data profiling and migration plan for a fixed fee of €18,500, invoiced "
                "on signature of this SOW.",
            ),
            ("h", "2. Phase 2 — Migration (time and materials)"),
            (
                "t",
                [
                    ["Role", "Day rate (EUR, excl. VAT)", "Estimated days"],
                    ["Engagement lead", "1,350", "20"],
                    ["Senior data engineer", "1,050", "60"],
                    ["Data engineer", "820", "80"],
                    ["Test analyst", "690", "25"],
                ],
            ),
            (
                "p",
                "Phase 2 is invoiced monthly in arrears for the days worked, as recorded in timesheets approved by "
                "the Client. Phase 2 fees shall not exceed €165,000 in total without a written change request "
                "signed by both parties.",
            ),
            ("h", "3. Expenses"),
            ("p", "Reasonable travel expenses are reimbursed at cost, up to €4,000 for the SOW period."),
            ("h", "4. Invoicing and payment"),
            (
                "p",
                "Invoices are sent to accounts.payable@ballycastlecu.test and are payable within 30 days of the date "
                "of invoice.",
            ),
        ],
        "expected": contract(
            name="Ballycastle Credit Union Limited",
            email="accounts.payable@ballycastlecu.test",
            currency="EUR",
            terms=30,
            start="2028-07-03",
            end="2028-12-23",
            lines=[
                line("one_time", amount="18500.00"),
                line("per_unit", metric="days", unit_price="1350.00"),
                line("per_unit", metric="days", unit_price="1050.00"),
                line("per_unit", metric="days", unit_price="820.00"),
                line("per_unit", metric="days", unit_price="690.00"),
            ],
        ),
    },
    {
        "name": "bae08_gpu_hours_and_tokens",
        "format": "text",
        "blocks": [
            ("h", "Ionforge Cloud — Usage Pricing Addendum"),
            (
                "p",
                'This Addendum to the Cloud Services Agreement between Ionforge Cloud, Inc. ("Ionforge") and '
                'Petrichor Labs, Inc. ("Customer") sets the Customer\'s prices for the services below.',
            ),
            ("p", "Addendum effective date: 2028-05-01. Term: 12 months."),
            ("p", "Customer billing e-mail: invoices@petrichorlabs.test"),
            ("h", "Compute"),
            (
                "t",
                [
                    ["Service", "Unit", "Rate (USD)"],
                    ["On-demand GPU, H100 80GB", "per GPU-hour", "3.40"],
                    ["Reserved GPU, H100 80GB (64 GPUs)", "per reserved GPU per month", "1,750.00"],
                ],
            ),
            ("h", "Hosted models"),
            (
                "t",
                [
                    ["Service", "Unit", "Rate (USD)"],
                    ["Inference, input tokens", "per 1M tokens", "0.60"],
                    ["Inference, output tokens", "per 1M tokens", "2.40"],
                ],
            ),
            ("h", "Storage and network"),
            ("p", "- Object storage: $0.021 per GB-month."),
            ("p", "- Data egress: $0.06 per GB; the first 500 GB each month are free."),
            ("h", "Billing"),
            (
                "p",
                "Reserved GPUs are invoiced monthly in advance; all other services are invoiced monthly in arrears "
                "on measured usage. The Customer commits to a minimum spend of $25,000 per month across all "
                "services; any shortfall is invoiced with that month's usage. Payment terms: net 30.",
            ),
        ],
        "expected": contract(
            name="Petrichor Labs, Inc.",
            email="invoices@petrichorlabs.test",
            currency="USD",
            terms=30,
            start="2028-05-01",
            end="2029-05-01",
            commitment={"amount": "25000.00", "period": "billing_period"},
            lines=[
                line("per_unit", metric="gpu_hours", unit_price="3.40"),
                line("per_seat", unit_price="1750.00", seats="64"),
                line("package", metric="input_tokens", package_size="1000000", package_price="0.60"),
                line("package", metric="output_tokens", package_size="1000000", package_price="2.40"),
                line("per_unit", metric="gb_months", unit_price="0.021"),
                line("per_unit", metric="gb", unit_price="0.06", included_units="500"),
            ],
        ),
    },
    {
        "name": "bae09_eur_billing_indicative_gbp",
        "format": "text",
        "blocks": [
            ("h", "Order Confirmation AM-2028-0412"),
            ("p", "Supplier: Alpenmark Software AG, Bahnhofstrasse 12, 8001 Zürich"),
            ("p", "Customer: Hollis & Greave Engineering Ltd, Unit 3, Kelvin Park, Glasgow G20 0SP"),
            ("p", "Accounts contact: accounts@hollisgreave.test"),
            (
                "p",
                "Start date: 1 October 2028. Initial term: 12 months, renewing for 12-month periods unless "
                "terminated with 90 days' notice.",
            ),
            ("h", "Currency"),
            (
                "p",
                "The billing currency of this order is EUR. Invoices are issued and payable in EUR only. For the "
                "Customer's information, indicative GBP amounts at EUR 1 = GBP 0.86 are shown; they are not "
                "binding, and exchange-rate differences and bank charges are borne by the Customer.",
            ),
            ("h", "Charges"),
            (
                "t",
                [
                    ["Item", "Price (EUR)", "Indicative (GBP)"],
                    ["Engineering Suite subscription, per month", "4,800.00", "4,128.00"],
                    ["Named designer licences, per user per month (45 users)", "95.00", "81.70"],
                    ["Implementation package, one-time", "12,000.00", "10,320.00"],
                ],
            ),
            (
                "p",
                "Monthly charges are invoiced monthly in advance; the implementation package is invoiced on the "
                "start date. Payment within 30 days of the invoice date.",
            ),
        ],
        "expected": contract(
            name="Hollis & Greave Engineering Ltd",
            email="accounts@hollisgreave.test",
            currency="EUR",
            terms=30,
            start="2028-10-01",
            lines=[
                line("flat", amount="4800.00"),
                line("per_seat", unit_price="95.00", seats="45"),
                line("one_time", amount="12000.00"),
            ],
        ),
    },
    {
        "name": "bae10_renewal_amendment_uplift",
        "format": "text",
        "blocks": [
            ("p", "From: Priya Nandakumar <priya.n@quorra-analytics.test>"),
            ("p", "To: Procurement, Fenwick Regional Water Authority"),
            ("p", "Subject: Amendment No. 4 to Subscription Agreement SA-1187 (renewal)"),
            (
                "p",
                'This Amendment No. 4 (the "Amendment") to Subscription Agreement SA-1187 between Quorra Analytics '
                'Ltd ("Quorra") and Fenwick Regional Water Authority (the "Customer") renews the Subscription Term '
                "for a renewal term from 1 July 2028 through 30 June 2030. The parties agree as follows:",
            ),
            (
                "li",
                "Platform Fee. For the renewal term the annual Platform Fee increases by 7%, from GBP 40,000 to "
                "GBP 42,800 per year.",
            ),
            (
                "li",
                "Analyst licences. The number of Analyst licences reduces from 60 to 45. The price per Analyst "
                "licence is unchanged at GBP 300 per licence per year.",
            ),
            (
                "li",
                "Sensor Data Archive. The Sensor Data Archive service (GBP 2,000 per month) ends on 30 June 2028 and "
                "is not renewed.",
            ),
            ("li", "Invoicing. Fees for the renewal term are invoiced annually in advance on 1 July."),
            (
                "li",
                "All other terms of the Agreement are unchanged, including payment within 45 days of invoice. "
                "Invoices continue to be sent to ap@fenwickwater.test.",
            ),
            ("p", "Signed for Quorra Analytics Ltd: P. Nandakumar, Account Director"),
            ("p", "Signed for Fenwick Regional Water Authority: ____________________"),
        ],
        "expected": contract(
            name="Fenwick Regional Water Authority",
            email="ap@fenwickwater.test",
            currency="GBP",
            terms=45,
            start="2028-07-01",
            end="2030-07-01",
            lines=[
                line("flat", amount="42800.00", **YEARLY),
                line("per_seat", unit_price="300.00", seats="45", **YEARLY),
            ],
        ),
    },
]
