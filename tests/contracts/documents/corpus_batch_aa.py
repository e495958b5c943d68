"""Unseen batch AA (round 5, plain text): written (with the expected contracts) before the extractor
was run on it (bench/extraction.py --set batch_aa). Eight .txt documents in shapes people send as
plain text: a bottom-posted e-mail reply whose agreed prices follow quoted ("> ") messages carrying
the superseded quote, an ASCII-boxed price schedule with wrapped cells, a tab-separated CRM quote
export with list / discount / net columns, a markdown order form (bold labels, a | table |, bullet
fees), a legal fee schedule hard-wrapped at 66 columns (amounts and "(30) days" split over line
ends), a space-aligned rate card whose columns are ragged, a pricing confirmation with tiers written
as dot-leader lines, and an invoice-style order confirmation with side-by-side parties, totals and VAT.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "ba01_email_thread_superseded",
        "format": "text",
        "raw": """From: Lukas Brenner <lukas.brenner@fieldwise.test>
To: Marta Oliveira <marta.oliveira@kestrel-fm.test>
Date: Tue, 16 Feb 2027 09:41:12 +0100
Subject: Re: Fieldwise pricing for Kestrel Facility Services

On Fri, 12 Feb 2027 at 16:05, Marta Oliveira <marta.oliveira@kestrel-fm.test> wrote:
> Hi Lukas,
>
> Thanks for the quote. EUR 32 per technician is above our budget, and
> we would expect a lower fee on card payments than 1.9%. We might go
> up to 45 technicians if the price is right. Can you also look at the
> EUR 2,400 onboarding fee?
>
> Marta
>
> On Mon, 8 Feb 2027 at 11:20, Lukas Brenner <lukas.brenner@fieldwise.test> wrote:
>> Hi Marta,
>>
>> As promised, our quote for Kestrel Facility Services GmbH:
>>
>>   - 40 technician licences at EUR 32.00 per technician per month
>>   - payment collection: 1.9% of card payments
>>   - onboarding: EUR 2,400 one-time
>>   - start 1 March 2027, 12 months, billed monthly
>>
>> Kind regards,
>> Lukas

Hi Marta,

Great speaking with you yesterday. As agreed on the call, this is the
final pricing for Kestrel Facility Services GmbH; it replaces the
figures in the messages above:

  - 45 technician licences at EUR 27.50 per technician per month,
    invoiced monthly in advance
  - payment collection: 1.5% of card payments collected through the
    app, invoiced monthly in arrears
  - onboarding and data import: EUR 1,800 one-time

Start date 1 March 2027, initial term 12 months. Invoices will go to
kreditoren@kestrel-fm.test as you asked, payable within 30 days.

Best regards,
Lukas

--
Lukas Brenner | Account Executive | Fieldwise Software GmbH
Sophienstrasse 12, 80333 Munich
""",
        "expected": contract(
            name="Kestrel Facility Services GmbH",
            email="kreditoren@kestrel-fm.test",
            currency="EUR",
            terms=30,
            start="2027-03-01",
            end="2028-03-01",
            lines=[
                line("per_seat", unit_price="27.50", seats="45"),
                line("percentage", metric="card_payments", rate="1.5"),
                line("one_time", amount="1800.00"),
            ],
        ),
    },
    {
        "name": "ba02_ascii_boxed_schedule",
        "format": "text",
        "raw": """==========================================================================
 ASTERIA HEALTH SOFTWARE INC.  -  SCHEDULE A: PRICING
==========================================================================

Client:            Harbourview Family Medicine Clinic Ltd.
Billing contact:   Jordan Pelletier <accounting@harbourviewfm.test>
Schedule date:     2027-04-12
Go-live date:      2027-05-01
Currency:          Canadian dollars (CAD)

+----+-----------------------------+----------+------------+-----------------------+
| #  | Item                        | Quantity | Unit price | Billing               |
+----+-----------------------------+----------+------------+-----------------------+
| 1  | Practice platform licence   | 1        | 2,500.00   | Annually, in advance  |
| 2  | Clinician seats             | 60       | 19.00      | Monthly, in advance,  |
|    |                             |          |            | per seat per month    |
| 3  | Appointment reminders (SMS) | usage    | 0.04       | Monthly, in arrears,  |
|    |                             |          |            | per message sent      |
| 4  | Data migration from legacy  | 1        | 6,000.00   | One-time, on go-live  |
|    | EMR                         |          |            |                       |
+----+-----------------------------+----------+------------+-----------------------+

Term: 36 months from the go-live date, renewing automatically for successive
12-month periods unless either party gives 90 days' notice of non-renewal.

Payment terms: net 30 days from the invoice date. Prices exclude GST/HST.
""",
        "expected": contract(
            name="Harbourview Family Medicine Clinic Ltd.",
            email="accounting@harbourviewfm.test",
            currency="CAD",
            terms=30,
            start="2027-05-01",
            lines=[
                line("flat", amount="2500.00", billing_interval="year"),
                line("per_seat", unit_price="19.00", seats="60"),
                line("per_unit", metric="sms", unit_price="0.04"),
                line("one_time", amount="6000.00"),
            ],
        ),
    },
    {
        "name": "ba03_crm_quote_tab_export",
        "format": "text",
        "raw": (
            "Quote\tQ-2027-00412\n"
            "Status\tAccepted\n"
            "Account Name\tBrightline Logistics Inc.\n"
            "Bill To Contact\tSam Okafor\n"
            "Bill To Email\tap@brightlinelogistics.test\n"
            "Currency\tUSD\n"
            "Subscription Start Date\t06/01/2027\n"
            "Subscription Term (Months)\t24\n"
            "Auto Renew\tNo\n"
            "Payment Terms\tNet 45\n"
            "Billing Frequency\tMonthly\n"
            "Prepared By\tAlex Moreno (Routefox, Inc.)\n"
            "\n"
            "Line\tProduct Code\tProduct Name\tQuantity\tList Price\tDiscount (%)\tNet Price\tCharge Type\tTotal\n"
            "1\tRF-PLAT\tRoutefox Platform - Base\t1\t1,500.00\t10\t1,350.00\tRecurring\t1,350.00\n"
            "2\tRF-DRV\tDriver App Licence\t85\t12.00\t0\t12.00\tRecurring\t1,020.00\n"
            "3\tRF-DATA\tTelematics Data (per GB)\t\t0.75\t0\t0.75\tUsage\t\n"
            "4\tRF-IMPL\tImplementation & Setup\t1\t4,000.00\t25\t3,000.00\tOne-Time\t3,000.00\n"
            "\n"
            "Recurring Total (monthly)\t2,370.00\n"
            "One-Time Total\t3,000.00\n"
            "\n"
            "Notes\tRecurring charges are billed monthly in advance; usage is billed monthly in arrears.\n"
        ),
        "expected": contract(
            name="Brightline Logistics Inc.",
            email="ap@brightlinelogistics.test",
            currency="USD",
            terms=45,
            start="2027-06-01",
            end="2029-06-01",
            lines=[
                line("flat", amount="1350.00"),
                line("per_seat", unit_price="12.00", seats="85"),
                line("per_unit", metric="gb", unit_price="0.75"),
                line("one_time", amount="3000.00"),
            ],
        ),
    },
    {
        "name": "ba04_markdown_order_form",
        "format": "text",
        "raw": """# Order Form: Lattice Learning Platform

**Order number:** LL-2027-311
**Supplier:** Lattice Learning Ltd
**Customer:** Ravenscroft Academy Trust
**Customer billing email:** finance@ravenscroft-academy.test
**Start date:** 1st September 2027
**Term:** 12 months, then renews automatically for further 12-month terms unless cancelled with 60 days' notice
**Payment terms:** 14 days from the date of invoice

## Student licences

Licences are priced in bands. Each band's price applies only to the students within that band
(graduated pricing), invoiced annually in advance on the number of enrolled students.

| Students | Price per student per year |
|---|---|
| 1 - 500 | £6.00 |
| 501 - 2,000 | £4.50 |
| 2,001 and above | £3.00 |

## Other fees

- **Parent app add-on:** £1,200.00 per year, invoiced annually in advance
- **Staff training day (one-off):** £950.00, invoiced on the start date
- **Safeguarding module:** included at no charge

*All prices exclude VAT.*
""",
        "expected": contract(
            name="Ravenscroft Academy Trust",
            email="finance@ravenscroft-academy.test",
            currency="GBP",
            terms=14,
            start="2027-09-01",
            lines=[
                line(
                    "graduated",
                    metric="students",
                    tiers=[
                        {"up_to": "500", "unit_price": "6.00"},
                        {"up_to": "2000", "unit_price": "4.50"},
                        {"up_to": None, "unit_price": "3.00"},
                    ],
                    billing_interval="year",
                    billing_timing="in_advance",
                ),
                line("flat", amount="1200.00", billing_interval="year"),
                line("one_time", amount="950.00"),
            ],
        ),
    },
    {
        "name": "ba05_wrapped_legal_fee_schedule",
        "format": "text",
        "raw": """SCHEDULE 2 - FEES AND PAYMENT

This Schedule 2 forms part of the Logistics Platform Services
Agreement dated 14 June 2027 (the "Agreement") between Corvid
Systems Limited ("Supplier") and Meridian Freight Holdings Ltd.
("Customer"). Capitalised terms have the meanings given in the
Agreement.

1. TERM

1.1 The Services commence on 1 July 2027 (the "Commencement Date")
and continue for an initial term of three (3) years. This
Agreement shall expire at the end of the initial term unless the
parties agree a renewal in writing.

2. FEES

2.1 Implementation Fee. Customer shall pay Supplier an
implementation fee of USD 60,000.00, which Supplier shall invoice
in three instalments as follows: USD 18,000.00 on 15 July 2027;
USD 24,000.00 on 30 September 2027; and the balance of USD
18,000.00 on 15 December 2027.

2.2 Subscription Fee. From the Commencement Date Customer shall
pay a subscription fee of USD 9,500.00 per month, which Supplier
shall invoice monthly in advance throughout the term.

2.3 Shipment Fees. Each shipment tracked through the Platform is
charged at USD 0.12 per shipment. Shipment Fees are invoiced
monthly in arrears on the basis of the Platform's records.

2.4 Minimum Annual Commitment. Customer commits to aggregate Fees
under clauses 2.2 and 2.3 of not less than USD 150,000.00 in each
Contract Year. Any shortfall shall be invoiced within thirty (30)
days after the end of the Contract Year concerned.

3. PAYMENT

3.1 All invoices shall be addressed to Customer's accounts payable
department at ap@meridianfreight.test and are payable within
thirty (30) days of the date of invoice. All amounts are exclusive
of VAT and other taxes.

3.2 Supplier may suspend the Services if any undisputed amount
remains unpaid forty-five (45) days after its due date, on not
less than ten (10) Business Days' written notice.
""",
        "expected": contract(
            name="Meridian Freight Holdings Ltd.",
            email="ap@meridianfreight.test",
            currency="USD",
            terms=30,
            start="2027-07-01",
            end="2030-07-01",
            commitment={"amount": "150000.00", "period": "year"},
            lines=[
                line(
                    "milestone",
                    milestones=[
                        {"name": "Instalment 1", "amount": "18000.00", "due_date": "2027-07-15"},
                        {"name": "Instalment 2", "amount": "24000.00", "due_date": "2027-09-30"},
                        {"name": "Instalment 3", "amount": "18000.00", "due_date": "2027-12-15"},
                    ],
                ),
                line("flat", amount="9500.00"),
                line("per_unit", metric="shipments", unit_price="0.12"),
            ],
        ),
    },
    {
        "name": "ba06_ragged_rate_card_chf",
        "format": "text",
        "raw": """SWISSGUARD SECURITY OPERATIONS AG
Rate card and order - Managed Security Services

Customer:      Bergbahnen Alpnach AG
Invoice to:    kreditoren@bergbahnen-alpnach.test
Start of service: 15.01.2028
Minimum term:  24 months, thereafter renewed for 12 months at a time unless
               terminated with 3 months' notice
Payment:       30 days net
All prices in CHF, excl. VAT.

Service                      Basis                 Price      Billing
-------                      -----                 -----      -------
Managed firewall           per site / month       420.00    monthly in advance
Endpoint protection          per device / month      7.50   monthly in advance
Log retention                per GB stored           0.35     monthly in arrears
   (first 500 GB per month included)
Security review                one-off          3'800.00    on order
Incident response retainer  per quarter        2'500.00      quarterly in advance

Ordered quantities: 6 sites, 240 devices.
""",
        "expected": contract(
            name="Bergbahnen Alpnach AG",
            email="kreditoren@bergbahnen-alpnach.test",
            currency="CHF",
            terms=30,
            start="2028-01-15",
            lines=[
                line("per_seat", unit_price="420.00", seats="6"),
                line("per_seat", unit_price="7.50", seats="240"),
                line("per_unit", metric="gb", unit_price="0.35", included_units="500"),
                line("one_time", amount="3800.00"),
                line("flat", amount="2500.00", billing_interval_count=3),
            ],
        ),
    },
    {
        "name": "ba07_dot_leader_tiers_nzd",
        "format": "text",
        "blocks": [
            ("h", "Helpdesk Pro - Pricing Confirmation"),
            ("p", "Prepared for: Oakmont Property Services Limited"),
            ("p", "Accounts payable: payables@oakmontps.test"),
            (
                "p",
                "Service begins: Feb 1, 2028. Term: 12 months; the subscription then ends unless renewed by a new "
                "order.",
            ),
            ("p", "All prices are in New Zealand dollars (NZD) and exclude GST."),
            ("p", "Platform fee ........................ NZ$1,200.00 per month, billed monthly in advance"),
            (
                "p",
                "User licences are priced by volume: the band that your total number of active users falls in sets "
                "the price for all users. Billed monthly in arrears on the active users of the month.",
            ),
            ("p", "1 - 1,000 users ............. NZ$8.00 per user/month"),
            ("p", "1,001 - 5,000 users ......... NZ$6.50 per user/month"),
            ("p", "5,001+ users ................ NZ$5.00 per user/month"),
            (
                "p",
                "Professional services credit .... NZ$5,000.00 prepaid, invoiced on signature, usable until "
                "January 31, 2029",
            ),
            ("p", "Payment: due on receipt of invoice."),
        ],
        "expected": contract(
            name="Oakmont Property Services Limited",
            email="payables@oakmontps.test",
            currency="NZD",
            terms=0,
            start="2028-02-01",
            end="2029-02-01",
            lines=[
                line("flat", amount="1200.00"),
                line(
                    "volume",
                    metric="users",
                    tiers=[
                        {"up_to": "1000", "unit_price": "8.00"},
                        {"up_to": "5000", "unit_price": "6.50"},
                        {"up_to": None, "unit_price": "5.00"},
                    ],
                ),
                line("prepaid_credit", amount="5000.00", price="5000.00", expires_on="2029-01-31"),
            ],
        ),
    },
    {
        "name": "ba08_invoice_style_confirmation",
        "format": "text",
        "raw": """                          ORDER CONFIRMATION
                                                    No.   OC-28-0193
                                                    Date: 03/03/2028

Supplier                              Customer
Qubit Hosting B.V.                    Tidewater Analytics B.V.
Danzigerkade 9, Amsterdam             Keizersgracht 221
VAT NL862001234B01                    1016 DV Amsterdam
                                      VAT NL123456789B01
                                      Invoices: crediteuren@tidewater-analytics.test

Service period: 01/04/2028 - 31/03/2029 (12 months, no automatic renewal)

Qty  Description                                  Unit price        Amount
---  -------------------------------------------  ----------  ------------
  1  Dedicated server DS-4, per month               EUR 640.00    EUR 640.00
 10  Additional IPv4 address, per month               EUR 2.50     EUR 25.00
  1  Server setup, one-time                         EUR 350.00    EUR 350.00
---------------------------------------------------------------------------
                                         Subtotal               EUR 1,015.00
                                         VAT 21%                  EUR 213.15
                                         Total first invoice    EUR 1,228.15

Bandwidth: 20 TB per month included. Additional bandwidth is sold in blocks
of 5 TB at EUR 45.00 per block, invoiced monthly in arrears.

Monthly charges are invoiced monthly in advance. Payment within 14 days of
the invoice date by bank transfer.
""",
        "expected": contract(
            name="Tidewater Analytics B.V.",
            email="crediteuren@tidewater-analytics.test",
            currency="EUR",
            terms=14,
            start="2028-04-01",
            end="2029-04-01",
            lines=[
                line("flat", amount="640.00"),
                line("per_seat", unit_price="2.50", seats="10"),
                line("one_time", amount="350.00"),
                line("package", metric="tb", package_size="5", package_price="45.00", free_units="20"),
            ],
        ),
    },
]
