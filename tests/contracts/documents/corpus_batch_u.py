"""Unseen batch U: written (with the expected contracts) after the batch-S fixes and before the
extractor was run on it (bench/extraction.py --set batch_u): a click-through order confirmation
e-mail, an Indian-rupee service agreement under a mail-room "received / scanned" page header, a
redlined order form with deleted and inserted wording, a price schedule appended after long legal
terms full of other numbers, a letter with quantities in words and prices exclusive of VAT, a
quotation with net / VAT / gross columns, and a ticketing fee with a per-ticket cap.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "bu01_clickthrough_order_email",
        "format": "text",
        "raw": """From: Fieldnote <no-reply@fieldnote.test>
To: ops@cobaltcyclery.test
Subject: Your Fieldnote order is confirmed (Order FN-204417)

Thanks for your order, Cobalt Cyclery LLC!

Order date: Jan 18, 2027
Account: Cobalt Cyclery LLC
Billing email: ops@cobaltcyclery.test

Item                         Qty     Price
Team plan (monthly)          1       $149.00 / month
Extra seats                  6       $12.00 / seat / month
SMS reminders                usage   $0.04 / message

Due today: $221.00 (plus applicable taxes)
Your card will be charged automatically on the 18th of each month. SMS usage is charged
monthly in arrears.

By placing this order you agreed to the Fieldnote Terms of Service.
""",
        "expected": contract(
            name="Cobalt Cyclery LLC",
            email="ops@cobaltcyclery.test",
            currency="USD",
            start="2027-01-18",
            lines=[
                line("flat", amount="149.00"),
                line("per_seat", unit_price="12.00", seats="6"),
                line("per_unit", metric="messages", unit_price="0.04"),
            ],
        ),
    },
    {
        "name": "bu02_inr_scanned_header",
        "format": "pdf",
        "header": "RECEIVED 04 JAN 2027 - SCANNED BY MAILROOM - Page {page}",
        "blocks": [
            ("h", "SERVICE AGREEMENT"),
            (
                "p",
                'This Agreement is made between Pinnacle Cloud Services Pvt. Ltd. ("Service Provider") and '
                'Sundaram Textiles Limited ("Client").',
            ),
            ("p", "Client billing email: accounts@sundaramtextiles.test"),
            ("p", "Service commencement date: 15-01-2027"),
            (
                "p",
                "This Agreement shall remain in force for a period of one year from the service commencement date.",
            ),
            ("h", "Charges"),
            (
                "p",
                "(a) Managed hosting: Rs. 75,000/- per month, billed monthly in advance, exclusive of GST @ 18%.",
            ),
            ("p", "(b) Backup storage: INR 1,200 per TB per month, billed monthly in arrears on actual usage."),
            ("p", "(c) One-time migration charges: Rs. 1,50,000/-, payable on signing."),
            ("p", "Payment shall be made within 15 days of the invoice date."),
        ],
        "expected": contract(
            name="Sundaram Textiles Limited",
            email="accounts@sundaramtextiles.test",
            currency="INR",
            terms=15,
            start="2027-01-15",
            end="2028-01-15",
            lines=[
                line("flat", amount="75000.00"),
                line("per_unit", metric="tb", unit_price="1200.00"),
                line("one_time", amount="150000.00"),
            ],
        ),
    },
    {
        "name": "bu03_redline_deleted_inserted",
        "format": "docx",
        "blocks": [
            ("h", "Order Form OF-3391 (redline - comparison with version 2)"),
            ("p", "Customer: Ashgrove Veterinary Group Ltd"),
            ("p", "Accounts contact: payables@ashgrovevets.test"),
            ("p", "Start Date: [Deleted: 1 March 2027] [Inserted: 1 April 2027]"),
            (
                "p",
                "Platform fee: [Deleted: £1,800] [Inserted: £2,100] per month, invoiced monthly in advance.",
            ),
            ("p", "Appointment reminders: £0.05 per SMS, invoiced monthly in arrears."),
            ("p", "Payment terms: [Deleted: 14 days] [Inserted: 30 days] from the invoice date."),
        ],
        "expected": contract(
            name="Ashgrove Veterinary Group Ltd",
            email="payables@ashgrovevets.test",
            currency="GBP",
            terms=30,
            start="2027-04-01",
            lines=[
                line("flat", amount="2100.00"),
                line("per_unit", metric="sms", unit_price="0.05"),
            ],
        ),
    },
    {
        "name": "bu04_schedule_after_legal_terms",
        "format": "pdf",
        "blocks": [
            ("h", "Master Subscription Agreement"),
            (
                "p",
                'This Master Subscription Agreement is made between Halcyon Payments Ltd ("Supplier") and '
                'Westbury Building Society ("Customer").',
            ),
            ("h", "1. Term"),
            (
                "p",
                "1.1 The Initial Term is thirty-six (36) months from the Commencement Date and renews "
                "automatically for successive twelve (12) month periods unless either party gives ninety (90) "
                "days' notice before the end of the then-current term.",
            ),
            ("h", "2. Payment"),
            (
                "p",
                "2.1 The Customer shall pay the Fees set out in Appendix A. Invoices are payable within 30 days of "
                "receipt. Late payments bear interest at 4% per annum above the Bank of England base rate.",
            ),
            (
                "p",
                "2.2 The Supplier may increase the Fees once a year by no more than the increase in CPI, on 60 "
                "days' notice.",
            ),
            ("h", "3. Liability and insurance"),
            (
                "p",
                "3.1 Each party's aggregate liability is limited to 150% of the Fees paid in the 12 months before "
                "the claim. 3.2 The Supplier shall maintain professional indemnity insurance of not less than "
                "£5,000,000 per claim.",
            ),
            ("h", "4. Service levels"),
            (
                "p",
                "4.1 The Service is available 99.9% of each month. If availability falls below 99.5%, the Customer "
                "receives a service credit of 5% of that month's fees, up to 25% in any month.",
            ),
            ("h", "5. General"),
            (
                "p",
                "5.1 This Agreement is governed by the laws of England and Wales. 5.2 Notices are given in writing "
                "to the addresses on the signature page.",
            ),
            ("pb",),
            ("h", "Appendix A - Price Schedule"),
            ("p", "Commencement Date: 1 February 2027"),
            ("p", "Invoices to: finance.ops@westburybs.test"),
            (
                "t",
                [
                    ["Service", "Fee", "Invoicing"],
                    ["Fraud screening", "£0.018 per transaction screened", "Monthly in arrears"],
                    ["Case management seats", "£95 per analyst per month (15 analysts)", "Monthly in advance"],
                    ["Onboarding", "£7,500 one-off", "On signature"],
                ],
            ),
        ],
        "expected": contract(
            name="Westbury Building Society",
            email="finance.ops@westburybs.test",
            currency="GBP",
            terms=30,
            start="2027-02-01",
            lines=[
                line("per_unit", metric="transactions", unit_price="0.018"),
                line("per_seat", unit_price="95.00", seats="15"),
                line("one_time", amount="7500.00"),
            ],
        ),
    },
    {
        "name": "bu05_quantities_in_words_sek",
        "format": "text",
        "blocks": [
            ("p", "Nordvik Systems AB, Sveavägen 44, 113 59 Stockholm"),
            ("p", "Stockholm, 20 July 2027"),
            ("p", "Lindqvist Arkitekter AB"),
            ("p", "Dear Ms Lindqvist,"),
            (
                "p",
                "Following our meeting, we are pleased to confirm your subscription to Nordvik Plan from 1 "
                "September 2027. The subscription covers twenty-five named users at SEK 450 per user per month "
                "and three project workspaces at SEK 1 200 per workspace per month, invoiced monthly in advance. "
                "All prices are exclusive of VAT.",
            ),
            (
                "p",
                "Invoices will be sent to faktura@lindqvistarkitekter.test with payment terms of 30 days net.",
            ),
            ("p", "Yours sincerely, Erik Nordvik, Nordvik Systems AB"),
        ],
        "expected": contract(
            name="Lindqvist Arkitekter AB",
            email="faktura@lindqvistarkitekter.test",
            currency="SEK",
            terms=30,
            start="2027-09-01",
            lines=[
                line("per_seat", unit_price="450.00", seats="25"),
                line("per_seat", unit_price="1200.00", seats="3"),
            ],
        ),
    },
    {
        "name": "bu06_net_vat_gross_columns",
        "format": "docx",
        "blocks": [
            ("h", "Quotation Q-5521 - Acceptance"),
            ("p", "Customer: Brindley & Moss Chartered Accountants LLP"),
            ("p", "Email: accounts@brindleymoss.test"),
            ("p", "Start date: 1 June 2027. Term: 12 months, renewing automatically unless cancelled."),
            (
                "t",
                [
                    ["Description", "Net (ex VAT)", "VAT @ 20%", "Gross"],
                    ["Practice management licence - annual", "£9,600.00", "£1,920.00", "£11,520.00"],
                    ["Data migration (one-off)", "£1,200.00", "£240.00", "£1,440.00"],
                ],
            ),
            ("p", "The annual licence is invoiced annually in advance. Payment terms: 21 days."),
        ],
        "expected": contract(
            name="Brindley & Moss Chartered Accountants LLP",
            email="accounts@brindleymoss.test",
            currency="GBP",
            terms=21,
            start="2027-06-01",
            lines=[
                line("flat", amount="9600.00", billing_interval="year"),
                line("one_time", amount="1200.00"),
            ],
        ),
    },
    {
        "name": "bu07_ticket_fee_capped",
        "format": "pdf",
        "blocks": [
            ("h", "Ticketing Services Agreement - Commercial Terms"),
            ("p", "Organiser: Lantern Festival Productions GmbH"),
            ("p", "Invoice address: buchhaltung@lanternfest.test"),
            ("p", "Start: 1 May 2027"),
            (
                "p",
                "Booking fee: 2.5% of the ticket face value plus €0.49 per ticket sold, capped at €5.00 per ticket. "
                "Booking fees are settled monthly in arrears.",
            ),
            ("p", "Box office scanners: 4 scanners at €180 per scanner per month, invoiced monthly in advance."),
            ("p", "Payment: within 14 days."),
        ],
        "expected": contract(
            name="Lantern Festival Productions GmbH",
            email="buchhaltung@lanternfest.test",
            currency="EUR",
            terms=14,
            start="2027-05-01",
            lines=[
                line("percentage", metric="ticket_value", rate="2.5", fixed_fee="0.49", per_event_max="5.00"),
                line("per_seat", unit_price="180.00", seats="4"),
            ],
        ),
    },
]
