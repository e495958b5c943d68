"""Unseen batch Z (round 5): statements of work, letters and pricing schedules, written (with the
expected contracts) before the extractor was run on them (bench/extraction.py --set batch_z): a
fixed-fee SOW paid on acceptance of deliverables with expenses and a change-request rate that are not
charges, a time-and-materials SOW with a role rate card and a not-to-exceed cap, an e-mailed monthly
retainer with included hours and an overage rate, an "Exhibit B - Fees" schedule with footnote
markers and a graduated usage table written "0 - 10,000 | 10,001 - 50,000 | 50,001 and above", a
price-increase notice letter, a letter adding a module co-terminous with the existing term, an
Australian pricing schedule whose annual fees are invoiced in monthly instalments, and a ticketing
schedule with a revenue share, per-ticket floor and cap and a minimum monthly charge.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "bz01_sow_acceptance_payments",
        "format": "pdf",
        "blocks": [
            ("h", "STATEMENT OF WORK #2 — CUSTOMER DATA PLATFORM IMPLEMENTATION"),
            (
                "p",
                'This Statement of Work ("SOW") is entered into pursuant to the Consulting Services Agreement dated '
                'January 8, 2027 (the "Agreement") between Brightline Advisory Group, LLC ("Consultant") and '
                'Pinecrest Outdoor Supply Co. ("Client"). Capitalized terms not defined here have the meanings '
                "given in the Agreement.",
            ),
            ("h", "1. Project Overview"),
            (
                "p",
                "Consultant will design, configure and launch a customer data platform (CDP) for Client's "
                "e-commerce and retail store channels, integrating up to four (4) source systems and two (2) "
                "activation destinations.",
            ),
            ("h", "2. Period of Performance"),
            (
                "p",
                'Work under this SOW will begin on September 13, 2027 (the "SOW Start Date") and is expected to '
                "take approximately fourteen (14) weeks. This SOW ends when all Deliverables have been accepted or "
                "when either party terminates it under the Agreement.",
            ),
            ("h", "3. Deliverables"),
            (
                "t",
                [
                    ["#", "Deliverable", "Acceptance criteria"],
                    ["D1", "Discovery Report and Solution Design", "Client sign-off of the design document"],
                    [
                        "D2",
                        "Configured CDP with four source integrations",
                        "Successful completion of user acceptance testing (UAT)",
                    ],
                    ["D3", "Launch and 30-day hypercare report", "Go-live plus 30 days without a Severity 1 defect"],
                ],
            ),
            (
                "p",
                "Client will review each Deliverable within ten (10) business days of delivery. A Deliverable not "
                "rejected in writing within that period is deemed accepted.",
            ),
            ("h", "4. Fees and Payment Schedule"),
            (
                "p",
                "The Services are provided for a fixed fee of US$45,000 (forty-five thousand US dollars), exclusive "
                "of applicable sales taxes. Consultant will invoice the fixed fee according to the following "
                "schedule:",
            ),
            (
                "t",
                [
                    ["Payment", "Invoicing event", "% of fixed fee", "Amount"],
                    ["Payment 1", "Upon acceptance of Deliverable D1", "30%", "$13,500"],
                    ["Payment 2", "Upon acceptance of Deliverable D2", "40%", "$18,000"],
                    ["Payment 3", "Upon acceptance of Deliverable D3", "30%", "$13,500"],
                    ["Total", "", "100%", "$45,000"],
                ],
            ),
            (
                "p",
                "Invoices are payable within forty-five (45) days of the invoice date. Invoices must reference "
                "Client purchase order PO-77120 and be emailed to payables@pinecrestoutdoor.test.",
            ),
            ("h", "5. Expenses"),
            (
                "p",
                "Reasonable travel and out-of-pocket expenses pre-approved in writing by Client will be invoiced "
                "monthly at cost, without mark-up, and shall not exceed US$4,500 in total for this SOW without "
                "Client's written approval. Mileage is reimbursed at the IRS standard rate in effect at the time of "
                "travel.",
            ),
            ("h", "6. Change Requests"),
            (
                "p",
                "Work outside the scope of this SOW requires a written change request. Unless the change request "
                "states otherwise, additional work is charged at Consultant's standard rate of US$195 per hour.",
            ),
            ("h", "7. Signatures"),
            (
                "t",
                [
                    ["Brightline Advisory Group, LLC", "Pinecrest Outdoor Supply Co."],
                    ["By: Marcus Hale", "By: Renee Takahashi"],
                    ["Title: Managing Partner", "Title: VP, Digital"],
                    ["Date: August 30, 2027", "Date: September 2, 2027"],
                ],
            ),
        ],
        "expected": contract(
            name="Pinecrest Outdoor Supply Co.",
            email="payables@pinecrestoutdoor.test",
            currency="USD",
            terms=45,
            start="2027-09-13",
            # The expenses (at cost, capped) are not a charge. The change-request rate is an hourly line, as
            # the corpus convention has it (e03 "Additional work outside the retainer is charged at £140 per
            # hour", s04 "Change requests are billed at $160 per hour"). Written without it before the first
            # run: an error in the expectation against that convention, corrected after.
            lines=[
                line(
                    "milestone",
                    milestones=[
                        {"name": "Acceptance of Deliverable D1", "amount": "13500.00"},
                        {"name": "Acceptance of Deliverable D2", "amount": "18000.00"},
                        {"name": "Acceptance of Deliverable D3", "amount": "13500.00"},
                    ],
                ),
                line("per_unit", metric="change_request_hours", unit_price="195.00"),
            ],
        ),
    },
    {
        "name": "bz02_tm_rate_card_cap",
        "format": "docx",
        "blocks": [
            ("h", "Statement of Work No. 7 – Mortgage Portal Rebuild (Time and Materials)"),
            (
                "p",
                'This Statement of Work ("SOW") is issued under the Framework Services Agreement dated 2 February '
                '2026 (the "Framework") between Halden Digital Ltd (the "Supplier") and Wexcombe Building Society '
                '(the "Customer").',
            ),
            (
                "t",
                [
                    ["SOW reference", "WBS-SOW-007"],
                    ["Start Date", "4 October 2027"],
                    ["End Date", "31 March 2028"],
                    ["Customer PO", "4500031877"],
                    ["Customer project lead", "Gareth Lloyd"],
                ],
            ),
            ("h", "1. Scope"),
            (
                "p",
                "The Supplier will provide a blended agile team to rebuild the Customer's broker mortgage portal, "
                "working from the Customer's product backlog as prioritised by the Customer's product owner.",
            ),
            ("h", "2. Charges"),
            (
                "p",
                "The Services are charged on a time-and-materials basis at the hourly rates below. Rates exclude "
                "VAT and are fixed for the duration of this SOW.",
            ),
            (
                "t",
                [
                    ["Role", "Grade", "Hourly rate (£)"],
                    ["Engagement Lead", "Principal", "175.00"],
                    ["Senior Developer", "Senior", "120.00"],
                    ["Developer", "Mid", "95.00"],
                    ["QA Analyst", "Mid", "80.00"],
                ],
            ),
            (
                "p",
                "Work that the Customer asks to be performed outside 08:00-18:00 on Business Days is charged at 1.5 "
                "times the applicable hourly rate.",
            ),
            (
                "p",
                "The Supplier will submit timesheets weekly and will invoice monthly in arrears for the hours "
                "recorded on approved timesheets.",
            ),
            (
                "p",
                'Charges under this SOW shall not exceed £150,000 (excluding VAT) (the "Cap"). The Supplier will '
                "notify the Customer when 80% of the Cap has been reached and will not perform work beyond the Cap "
                "without a signed Change Note.",
            ),
            ("h", "3. Invoicing and payment"),
            (
                "p",
                "Invoices must quote the Customer PO number and be sent to accounts.payable@wexcombe.test. The "
                "Customer will pay each valid, undisputed invoice within 30 days of receipt.",
            ),
        ],
        "expected": contract(
            name="Wexcombe Building Society",
            email="accounts.payable@wexcombe.test",
            currency="GBP",
            terms=30,
            start="2027-10-04",
            end="2028-04-01",
            # The cap is a ceiling, not a commitment; the 1.5x out-of-hours multiplier is not a price.
            lines=[
                line("per_unit", metric="engagement_lead_hours", unit_price="175.00"),
                line("per_unit", metric="senior_developer_hours", unit_price="120.00"),
                line("per_unit", metric="developer_hours", unit_price="95.00"),
                line("per_unit", metric="qa_analyst_hours", unit_price="80.00"),
            ],
        ),
    },
    {
        "name": "bz03_emailed_retainer_included_hours",
        "format": "text",
        "raw": """From: Ellie Park <ellie@harbourlightstudio.test>
To: Tom Reddy <tom.reddy@saltbushbrewing.test>
Subject: SOW - Monthly Digital Retainer (FY28)

Hi Tom,

As discussed, here is the statement of work for our monthly digital
retainer. Reply "Approved" to accept and we'll get started.

STATEMENT OF WORK - MONTHLY DIGITAL RETAINER

Agency:   Harbourlight Studio Pty Ltd (ABN 51 824 753 556)
Client:   Saltbush Brewing Co. Pty Ltd
Accounts: accounts@saltbushbrewing.test

1. TERM
The retainer commences on 2027-08-01 and runs for a minimum period
of six (6) months. After the minimum period it continues month to
month until either party gives 30 days' written notice.

2. WHAT'S INCLUDED
  * Up to 40 hours per month of design, development and content
    work across the Client's website and Shopify store
  * Monthly performance report and a 1-hour review call
  * Hosting and uptime monitoring for the Client's two sites

3. FEES (all amounts in AUD, exclusive of GST)
  * Retainer fee: $7,200.00 per month, invoiced monthly in
    advance.
  * Hours over the 40 included hours: $165.00 per hour, invoiced
    monthly in arrears with a timesheet.
  * Unused hours expire at the end of each month and are not
    refunded or carried over.
  * One-off onboarding and site audit: $2,500.00, invoiced with
    the first retainer invoice.

4. PAYMENT
Payment terms are 14 days from the date of invoice. Late payments
may attract interest at 2% per month.

Cheers,
Ellie Park
Client Services Director, Harbourlight Studio
""",
        "expected": contract(
            name="Saltbush Brewing Co. Pty Ltd",
            email="accounts@saltbushbrewing.test",
            currency="AUD",
            terms=14,
            start="2027-08-01",
            # continues month to month after the minimum period: no end date
            lines=[
                line("flat", amount="7200.00"),
                line("per_unit", metric="hours", unit_price="165.00", included_units="40"),
                line("one_time", amount="2500.00"),
            ],
        ),
    },
    {
        "name": "bz04_exhibit_b_fees_footnotes",
        "format": "pdf",
        "blocks": [
            ("h", "EXHIBIT B – FEES"),
            (
                "p",
                "This Exhibit B is attached to and forms part of the Master Services Agreement dated 15 January "
                '2027 (the "MSA") between Ostara Document Systems GmbH ("Provider") and Kellerhaus Logistik AG '
                '("Customer"). In the event of a conflict between this Exhibit and the MSA, this Exhibit prevails '
                "as to fees.",
            ),
            ("p", "Exhibit Effective Date: 1 March 2027"),
            ("p", "Initial Term: thirty-six (36) months from the Exhibit Effective Date."),
            ("h", "B.1 Subscription and one-time fees"),
            (
                "t",
                [
                    ["Item", "Scope", "Fee (EUR)", "Billing"],
                    ["Platform Fee¹", "Service access, 25 Authorised Users", "4,200.00 / month", "Monthly in advance"],
                    ["Additional Authorised Users²", "10 users ordered", "38.00 / user / month", "Monthly in advance"],
                    [
                        "Onboarding Services³",
                        "Configuration, two templates, training",
                        "6,500.00 (one-time)",
                        "On the Exhibit Effective Date",
                    ],
                ],
            ),
            ("h", "B.2 Usage Fees⁴"),
            ("p", "Documents processed in each month are charged according to the following table:"),
            (
                "t",
                [
                    ["Documents processed per month", "Price per document (EUR)"],
                    ["0 – 10,000", "0.12"],
                    ["10,001 – 50,000", "0.09"],
                    ["50,001 and above", "0.06"],
                ],
            ),
            ("h", "Notes"),
            (
                "p",
                "¹ The Platform Fee includes up to 25 Authorised Users and is invoiced monthly in advance from the "
                "Exhibit Effective Date.",
            ),
            (
                "p",
                "² Authorised Users in excess of 25 are charged per user per month; Customer orders 10 Additional "
                "Authorised Users on the Exhibit Effective Date.",
            ),
            ("p", "³ Onboarding Services are invoiced once, on the Exhibit Effective Date."),
            (
                "p",
                "⁴ Usage Fees are graduated: each price applies only to the documents within its band. Usage Fees "
                "are invoiced monthly in arrears on the basis of the Provider's usage reports.",
            ),
            (
                "p",
                "General: all fees are exclusive of VAT. Invoices are payable within 30 days of the invoice date and "
                "are sent to rechnungseingang@kellerhaus-logistik.test.",
            ),
        ],
        "expected": contract(
            name="Kellerhaus Logistik AG",
            email="rechnungseingang@kellerhaus-logistik.test",
            currency="EUR",
            terms=30,
            start="2027-03-01",
            end="2030-03-01",
            lines=[
                line("flat", amount="4200.00"),
                line("per_seat", unit_price="38.00", seats="10"),
                line("one_time", amount="6500.00"),
                line(
                    "graduated",
                    metric="documents",
                    tiers=[
                        {"up_to": "10000", "unit_price": "0.12"},
                        {"up_to": "50000", "unit_price": "0.09"},
                        {"up_to": None, "unit_price": "0.06"},
                    ],
                ),
            ],
        ),
    },
    {
        "name": "bz05_price_increase_notice",
        "format": "text",
        "blocks": [
            ("p", "FieldPro Software, Inc."),
            ("p", "2200 Larkspur Way, Suite 400, Sacramento, CA 95833"),
            ("p", "June 2, 2027"),
            ("p", "Sutter Valley HVAC, Inc."),
            ("p", "Attn: Jordan Alvarez, Controller"),
            ("p", "918 Industrial Blvd, Yuba City, CA 95993"),
            ("p", "Re: Notice of price change - FieldPro Dispatch subscription (Account #SV-20931)"),
            ("p", "Dear Jordan,"),
            (
                "p",
                "Thank you for being a FieldPro customer since 2023. We are writing to give you at least 30 days' "
                "notice of a change to your subscription pricing.",
            ),
            (
                "p",
                "Effective July 1, 2027, your per-seat fee for FieldPro Dispatch will increase from $32.00 to $35.50 "
                "per technician seat per month. Your subscription currently includes 85 technician seats, so your "
                "monthly seat charge will change from $2,720.00 to $3,017.50.",
            ),
            ("p", "Your Mobile Inventory add-on remains $250.00 per month."),
            (
                "p",
                "Nothing else about your subscription changes: your seats and add-on continue to be billed monthly "
                "in advance, invoices will still go to ap@suttervalleyhvac.test, and your payment terms remain net "
                "30. Your subscription renews automatically each year on January 1.",
            ),
            ("p", "If you have questions, contact your account manager or billing@fieldpro.test."),
            ("p", "Sincerely,"),
            ("p", "Dana Whitfield"),
            ("p", "Director, Customer Billing, FieldPro Software, Inc."),
        ],
        "expected": contract(
            name="Sutter Valley HVAC, Inc.",
            email="ap@suttervalleyhvac.test",
            currency="USD",
            terms=30,
            start="2027-07-01",
            # renews automatically: no end date
            lines=[
                line("per_seat", unit_price="35.50", seats="85"),
                line("flat", amount="250.00"),
            ],
        ),
    },
    {
        "name": "bz06_module_addition_coterminous",
        "format": "docx",
        "blocks": [
            ("p", "Tessellate Software Ltd"),
            ("p", "Unit 5, Canal Wharf, Leeds LS11 5PS"),
            ("p", "19 July 2027"),
            ("p", "Ms Adaeze Okafor"),
            ("p", "Head of Finance"),
            ("p", "Bramblewood Housing Trust"),
            ("p", "40 Mercer Street, Sheffield S1 4DU"),
            ("h", "Amendment No. 1 to Order Form TS-OF-2291: addition of the Repairs Analytics module"),
            ("p", "Dear Ms Okafor,"),
            (
                "p",
                "Further to your request, this letter amends the Order Form TS-OF-2291 dated 25 January 2027 between "
                'Tessellate Software Ltd ("Tessellate") and Bramblewood Housing Trust ("you") to add the Repairs '
                "Analytics module to your subscription.",
            ),
            (
                "p",
                'The module will be available from 1 September 2027 (the "Module Start Date") and is co-terminous '
                "with your existing Subscription Term, which ends on 31 January 2030. The module cannot be cancelled "
                "separately before that date.",
            ),
            (
                "t",
                [
                    ["Addition", "Quantity", "Charge"],
                    ["Repairs Analytics module", "1", "£1,150.00 per month"],
                    ["Analytics viewer licences", "15", "£18.00 per licence per month"],
                    ["Module configuration and data load", "1", "£2,400.00 one-off"],
                ],
            ),
            (
                "p",
                "Monthly charges are invoiced monthly in advance with your existing subscription charges. The "
                "one-off charge is invoiced on the Module Start Date.",
            ),
            (
                "p",
                "Your existing Core Housing Platform fee of £3,000.00 per month is not affected by this amendment "
                "and continues to be invoiced under the Order Form.",
            ),
            (
                "p",
                "All other terms of the Order Form continue to apply, including payment within 30 days of the "
                "invoice date. Invoices for the additions will be sent to the same address as today, "
                "purchase.ledger@bramblewoodht.test.",
            ),
            ("p", "Please sign and return a copy of this letter to confirm your agreement."),
            ("p", "Yours sincerely,"),
            ("p", "Liam Cartwright, Account Director, Tessellate Software Ltd"),
            ("p", "Accepted for and on behalf of Bramblewood Housing Trust: ____________________  Date: __________"),
        ],
        "expected": contract(
            name="Bramblewood Housing Trust",
            email="purchase.ledger@bramblewoodht.test",
            currency="GBP",
            terms=30,
            start="2027-09-01",
            end="2030-02-01",
            # the Core Housing Platform fee stays on the existing order form: not part of this amendment
            lines=[
                line("flat", amount="1150.00"),
                line("per_seat", unit_price="18.00", seats="15"),
                line("one_time", amount="2400.00"),
            ],
        ),
    },
    {
        "name": "bz07_annual_fees_monthly_instalments",
        "format": "pdf",
        "blocks": [
            ("h", "SCHEDULE 2 — PRICING"),
            (
                "p",
                "Agreement: Software Subscription and Services Agreement between Wattle People Systems Pty Ltd "
                "(Supplier) and the Customer named below.",
            ),
            (
                "t",
                [
                    ["Customer details", ""],
                    ["Customer", "Coastline Aged Care Pty Ltd"],
                    ["ABN", "63 118 402 775"],
                    ["Accounts payable email", "accounts.payable@coastlineagedcare.test"],
                    ["Commencement Date", "01/09/2027"],
                    ["Initial Term", "3 years"],
                ],
            ),
            ("h", "2.1 Recurring fees"),
            (
                "p",
                "All recurring fees below are expressed as annual amounts. They are invoiced in twelve equal monthly "
                "instalments, in advance, on the Commencement Date and on the same day of each following month.",
            ),
            (
                "t",
                [
                    ["Service", "Quantity", "Unit price (per year)", "Annual fee"],
                    ["Core HR and rostering platform", "1", "$36,000.00", "$36,000.00"],
                    ["Employee licences", "420", "$25.20", "$10,584.00"],
                    ["Premium support", "1", "$7,800.00", "$7,800.00"],
                    ["Total annual recurring fees", "", "", "$54,384.00"],
                ],
            ),
            ("h", "2.2 One-off fees"),
            (
                "t",
                [
                    ["Service", "Fee", "Invoiced"],
                    ["Implementation and data migration", "$14,850.00", "On signing"],
                ],
            ),
            (
                "p",
                "All amounts are in Australian dollars and exclude GST. GST will be added to each invoice at the "
                "prevailing rate (currently 10%).",
            ),
            ("p", "Payment terms: each invoice is payable within 21 days of its date."),
            (
                "p",
                "Additional employee licences may be added at any time at the unit price above, pro-rated to the "
                "next monthly instalment.",
            ),
        ],
        "expected": contract(
            name="Coastline Aged Care Pty Ltd",
            email="accounts.payable@coastlineagedcare.test",
            currency="AUD",
            terms=21,
            start="2027-09-01",
            end="2030-09-01",
            # annual amounts invoiced monthly: the price per (monthly) invoice, as d117 / d112
            lines=[
                line("flat", amount="3000.00"),
                line("per_seat", unit_price="2.10", seats="420"),
                line("flat", amount="650.00"),
                line("one_time", amount="14850.00"),
            ],
        ),
    },
    {
        "name": "bz08_ticketing_revenue_share_minimum",
        "format": "text",
        "blocks": [
            ("h", "Schedule 3 – Charges (Ticketing Services)"),
            (
                "p",
                "This Schedule is part of the Ticketing Services Agreement between Encore Box Office Systems Ltd "
                '("Encore") and The Old Corn Exchange Theatre Trust ("the Venue"), company number 04418821, '
                "registered charity 1098765.",
            ),
            (
                "p",
                "Schedule commencement: 1st November 2027. This Schedule runs for an initial period of two years and "
                "then continues on a rolling 12-month basis unless terminated by either party on 3 months' notice.",
            ),
            ("h", "1. Booking fee (revenue share)"),
            (
                "p",
                "1.1 Encore shall be entitled to 4.5% of the gross face value of every ticket sold through the Encore "
                'platform (the "Booking Fee"), including tickets sold at the Venue\'s own box office using Encore '
                "terminals.",
            ),
            ("p", "1.2 The Booking Fee for any single ticket shall not be less than £0.35 nor more than £2.50."),
            (
                "p",
                "1.3 Minimum monthly charge: if the Booking Fees for a month total less than £900, the Venue shall "
                "pay £900 for that month.",
            ),
            ("p", "1.4 Complimentary tickets and tickets with a face value of £0 carry no Booking Fee."),
            ("h", "2. Hardware and card processing"),
            ("p", "2.1 Box office terminals are rented at £39 per terminal per month; the Venue rents 4 terminals."),
            ("p", "2.2 Card processing is passed through at the acquirer's cost and is not charged by Encore."),
            ("h", "3. Invoicing and payment"),
            (
                "p",
                "3.1 Encore will invoice the Booking Fees, any shortfall under 1.3 and the terminal rental monthly in "
                "arrears.",
            ),
            (
                "p",
                "3.2 Payment is due 28 days after the invoice date, by BACS. Invoices and statements will be emailed "
                "to finance@oldcornexchange.test.",
            ),
            ("p", "3.3 All charges are exclusive of VAT."),
        ],
        "expected": contract(
            name="The Old Corn Exchange Theatre Trust",
            email="finance@oldcornexchange.test",
            currency="GBP",
            terms=28,
            start="2027-11-01",
            # continues on a rolling basis after the initial period: no end date
            lines=[
                line(
                    "percentage",
                    metric="ticket_face_value",
                    rate="4.5",
                    per_event_min="0.35",
                    per_event_max="2.50",
                    minimum_amount="900.00",
                ),
                line("per_seat", unit_price="39.00", seats="4", billing_timing="in_arrears"),
            ],
        ),
    },
]
