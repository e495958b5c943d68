"""Unseen batch V: written (with the expected contracts) after the batch-S fixes and before the
extractor was run on it (bench/extraction.py --set batch_v): a co-working membership with a prepaid
meeting-room credit and a refundable deposit, a Spanish subscription contract, a payroll price list
with dot leaders billed in arrears, a telematics order with a quarterly usage minimum, a weekly
fixed-fee SOW, an Australian letter with day-first dates and prices plus GST, and an identity
verification schedule with an allowance and packs.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "bv01_coworking_desks_credit",
        "format": "docx",
        "blocks": [
            ("h", "Membership Agreement"),
            ("p", "Operator: The Loom Workspace Ltd"),
            ("p", "Member: Fable & Finch Studio Ltd"),
            ("p", "Member accounts email: studio@fablefinch.test"),
            (
                "p",
                "Membership start: 1 March 2027, with a minimum term of 6 months and rolling monthly thereafter.",
            ),
            ("p", "Dedicated desks: 12 desks at £350 per desk per month, invoiced monthly in advance."),
            (
                "p",
                "Meeting room credit: £1,000 of prepaid credit, invoiced on signature and usable until 31 December "
                "2027.",
            ),
            (
                "p",
                "Refundable security deposit equal to one month's desk fees (£4,200), held by the Operator and "
                "returned at the end of the membership.",
            ),
            ("p", "Invoices are due within 7 days."),
        ],
        "expected": contract(
            name="Fable & Finch Studio Ltd",
            email="studio@fablefinch.test",
            currency="GBP",
            terms=7,
            start="2027-03-01",
            lines=[
                line("per_seat", unit_price="350.00", seats="12"),
                line("prepaid_credit", amount="1000.00", price="1000.00", expires_on="2027-12-31"),
            ],
        ),
    },
    {
        "name": "bv02_spanish_subscription",
        "format": "pdf",
        "blocks": [
            ("h", "CONTRATO DE SUSCRIPCIÓN"),
            ("p", "Proveedor: Nubeva Software S.L."),
            ("p", "Cliente: Distribuciones Alcázar S.A."),
            ("p", "Correo de facturación: facturas@alcazar.test"),
            ("p", "Fecha de inicio: 1 de marzo de 2027"),
            ("p", "Duración: 12 meses"),
            (
                "p",
                "Cuota mensual de la plataforma: 1.250,00 € al mes, facturada mensualmente por adelantado.",
            ),
            ("p", "Usuarios adicionales: 35 usuarios a 18,00 € por usuario y mes."),
            ("p", "Forma de pago: transferencia a 30 días desde la fecha de factura."),
        ],
        "expected": contract(
            name="Distribuciones Alcázar S.A.",
            email="facturas@alcazar.test",
            currency="EUR",
            terms=30,
            start="2027-03-01",
            end="2028-03-01",
            lines=[
                line("flat", amount="1250.00"),
                line("per_seat", unit_price="18.00", seats="35"),
            ],
        ),
    },
    {
        "name": "bv03_payroll_dot_leaders_arrears",
        "format": "text",
        "blocks": [
            ("h", "PAYROLL SERVICES PRICING SCHEDULE"),
            ("p", "Client: Copperline Dental Partners LLC"),
            ("p", "Billing contact: payroll-ap@copperlinedental.test"),
            ("p", "Service start date: July 1, 2027"),
            ("p", "Base processing fee .................. $150.00 per month"),
            ("p", "Per employee, per pay run ............ $6.50"),
            ("p", "Year-end W-2 forms ................... $4.00 per form, invoiced once a year in January"),
            (
                "p",
                "Except for the W-2 forms, all fees are invoiced monthly in arrears and collected by ACH debit.",
            ),
            ("p", "Payment terms: net 10."),
        ],
        "expected": contract(
            name="Copperline Dental Partners LLC",
            email="payroll-ap@copperlinedental.test",
            currency="USD",
            terms=10,
            start="2027-07-01",
            lines=[
                line("flat", amount="150.00", billing_timing="in_arrears"),
                line("per_unit", metric="employee_pay_runs", unit_price="6.50"),
                line("per_unit", metric="w2_forms", unit_price="4.00", billing_interval="year"),
            ],
        ),
    },
    {
        "name": "bv04_quarterly_usage_minimum_aud",
        "format": "docx",
        "blocks": [
            ("h", "Telematics Usage Order"),
            ("p", "Customer: Ridgeback Haulage Pty Ltd"),
            ("p", "Accounts: ap@ridgebackhaulage.test"),
            ("p", "Start date: 1 August 2027"),
            (
                "t",
                [
                    ["Usage item", "Rate (AUD)"],
                    ["Cellular data", "A$0.90 per GB"],
                    ["Dashcam video uploads", "A$0.25 per clip"],
                ],
            ),
            (
                "p",
                "All usage is invoiced quarterly in arrears. The Customer commits to minimum usage charges of "
                "A$7,500 per quarter; any shortfall is invoiced with that quarter's usage invoice.",
            ),
            ("p", "Payment terms: net 30."),
        ],
        "expected": contract(
            name="Ridgeback Haulage Pty Ltd",
            email="ap@ridgebackhaulage.test",
            currency="AUD",
            terms=30,
            start="2027-08-01",
            commitment={"amount": "7500.00", "period": "billing_period"},
            lines=[
                line("per_unit", metric="gb", unit_price="0.90", billing_interval_count=3),
                line("per_unit", metric="clips", unit_price="0.25", billing_interval_count=3),
            ],
        ),
    },
    {
        "name": "bv05_weekly_fixed_fee_sow",
        "format": "pdf",
        "blocks": [
            ("h", "Statement of Work No. 3"),
            (
                "p",
                "This Statement of Work is issued under the Master Services Agreement dated 2 June 2025 between "
                'Arcwright Consulting LLC and Granite Peak Insurance Company ("Client").',
            ),
            ("p", "Client AP: invoices@granitepeakins.test"),
            ("p", "Engagement dates: March 1, 2027 - May 9, 2027 (10 weeks)"),
            (
                "p",
                "Fees: a fixed team fee of $4,800 per week, invoiced weekly in arrears. Travel and expenses are "
                "reimbursed at cost, not to exceed $6,000 in total.",
            ),
            ("p", "Payment terms: Net 45, as set out in the MSA."),
        ],
        "expected": contract(
            name="Granite Peak Insurance Company",
            email="invoices@granitepeakins.test",
            currency="USD",
            terms=45,
            start="2027-03-01",
            end="2027-05-10",
            lines=[line("flat", amount="4800.00", billing_interval="week", billing_timing="in_arrears")],
        ),
    },
    {
        "name": "bv06_australian_letter_day_first",
        "format": "text",
        "raw": """Southern Cross Signage Pty Ltd
12 Flinders Lane, Melbourne VIC 3000

14/05/2027

Attention: Accounts, Wattle Grove Aged Care Ltd

Dear Accounts team,

Re: Digital signage subscription

Thank you for choosing Southern Cross Signage. Your subscription for 22 screens commences on
01/07/2027 at $45.00 per screen per month plus GST, billed monthly in advance. Content design
hours are charged at $110 per hour plus GST as used, billed monthly in arrears.

Invoices will be emailed to accounts@wattlegrove.test. Please make payment within 14 days.
All amounts are in AUD.

Kind regards,
Mia Thompson
Southern Cross Signage Pty Ltd
""",
        "expected": contract(
            name="Wattle Grove Aged Care Ltd",
            email="accounts@wattlegrove.test",
            currency="AUD",
            terms=14,
            start="2027-07-01",
            lines=[
                line("per_seat", unit_price="45.00", seats="22"),
                line("per_unit", metric="hours", unit_price="110.00"),
            ],
        ),
    },
    {
        "name": "bv07_verification_allowance_packs",
        "format": "docx",
        "blocks": [
            ("h", "Identity Verification - Order Schedule"),
            ("p", "Customer: Quillon Lending Ltd"),
            ("p", "Billing email: billing@quillonlending.test"),
            ("p", "Go-live date: 12 April 2027. Term: 24 months from go-live."),
            (
                "p",
                "Platform fee: £750 per month, invoiced in advance, including 5,000 verifications per month. "
                "Additional verifications are sold in packs of 1,000 at £45 per pack, billed monthly in arrears.",
            ),
            ("p", "Payment: 30 days."),
        ],
        "expected": contract(
            name="Quillon Lending Ltd",
            email="billing@quillonlending.test",
            currency="GBP",
            terms=30,
            start="2027-04-12",
            end="2029-04-12",
            lines=[
                line("flat", amount="750.00"),
                line("package", metric="verifications", package_size="1000", package_price="45.00", free_units="5000"),
            ],
        ),
    },
]
