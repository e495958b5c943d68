"""Unseen batch J: written (with the expected contracts) after the batch-I fixes and before the
extractor was run on it (bench/extraction.py --set batch_j): monthly / annual price columns with one
chosen, roman-numbered fee lists, Dutch dates, graduated seat bands, amounts with the currency in
words, bilingual German / English headers with Swiss numbers.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "k01_annual_option_chosen",
        "format": "pdf",
        "blocks": [
            ("h", "Plan Selection"),
            ("p", "Customer: Greenway Landscaping LLC"),
            ("p", "Billing email: office@greenwaylandscaping.test"),
            ("p", "Start date: 2026-05-01"),
            (
                "t",
                [
                    ["Plan", "Monthly price", "Annual price"],
                    ["Business", "$120", "$1,200"],
                ],
            ),
            ("p", "Customer has selected annual billing, invoiced annually in advance. Net 15."),
        ],
        "expected": contract(
            name="Greenway Landscaping LLC",
            email="office@greenwaylandscaping.test",
            currency="USD",
            terms=15,
            start="2026-05-01",
            lines=[line("flat", amount="1200.00", billing_interval="year")],
        ),
    },
    {
        "name": "k02_roman_fee_list",
        "format": "text",
        "blocks": [
            ("h", "Order Form - Fees"),
            ("p", "Customer: Bluestem Health Partners"),
            ("p", "Billing email: ap@bluestemhealth.test"),
            ("p", "Order start date: 2026-07-15"),
            (
                "p",
                "Fees: (i) Subscription Fee: USD 2,000/month; (ii) Implementation Fee: USD 5,000 (one-time); "
                "(iii) Additional Users: USD 25/user/month (currently 10 additional users). Recurring fees are "
                "billed monthly in advance.",
            ),
            ("p", "Payment terms: Net 30."),
        ],
        "expected": contract(
            name="Bluestem Health Partners",
            email="ap@bluestemhealth.test",
            currency="USD",
            terms=30,
            start="2026-07-15",
            lines=[
                line("flat", amount="2000.00"),
                line("one_time", amount="5000.00"),
                line("per_seat", unit_price="25.00", seats="10"),
            ],
        ),
    },
    {
        "name": "k03_dutch_dates_eur",
        "format": "docx",
        "blocks": [
            ("h", "Overeenkomst / Agreement"),
            ("p", "Klant / Customer: Van Dijk Installatietechniek B.V."),
            ("p", "Factuur e-mail / Invoice e-mail: administratie@vandijk-installatie.test"),
            ("p", "Ingangsdatum / Start date: 1-3-2027"),
            (
                "p",
                "Subscription: € 349 per month (excl. VAT), billed monthly in advance. One-off implementation: "
                "€ 1.250.",
            ),
            ("p", "Payment term: 14 days."),
        ],
        "expected": contract(
            name="Van Dijk Installatietechniek B.V.",
            email="administratie@vandijk-installatie.test",
            currency="EUR",
            terms=14,
            start="2027-03-01",
            lines=[
                line("flat", amount="349.00"),
                line("one_time", amount="1250.00"),
            ],
        ),
    },
    {
        "name": "k04_graduated_seat_bands",
        "format": "pdf",
        "blocks": [
            ("h", "User Pricing"),
            ("p", "Customer: Harbor Point Schools"),
            ("p", "Billing email: business@harborpointschools.test"),
            ("p", "Start date: August 15, 2026"),
            ("p", "Active users are priced in graduated bands, each band at its own rate, billed monthly in arrears:"),
            (
                "t",
                [
                    ["Users", "Price per user/month"],
                    ["1-50", "$12"],
                    ["51-200", "$10"],
                    ["201+", "$8"],
                ],
            ),
            ("p", "Net 30."),
        ],
        "expected": contract(
            name="Harbor Point Schools",
            email="business@harborpointschools.test",
            currency="USD",
            terms=30,
            start="2026-08-15",
            lines=[
                line(
                    "graduated",
                    metric="users",
                    tiers=[
                        {"up_to": "50", "unit_price": "12"},
                        {"up_to": "200", "unit_price": "10"},
                        {"up_to": None, "unit_price": "8"},
                    ],
                )
            ],
        ),
    },
    {
        "name": "k05_currency_in_words_aud",
        "format": "docx",
        "blocks": [
            ("h", "Schedule 2 - Charges"),
            ("p", "Customer: Southern Cross Pharmacy Group Pty Ltd"),
            ("p", "Customer accounts email: accounts@southerncrosspharmacy.test"),
            ("p", "Commencement Date: 1 July 2026"),
            ("p", "All charges in this Schedule are in Australian dollars."),
            (
                "t",
                [
                    ["Charge", "Amount", "Invoicing"],
                    ["Monthly Licence Charge", "1,450.00", "monthly in advance"],
                    ["Per Transaction Charge", "0.12 per transaction", "monthly in arrears"],
                ],
            ),
            ("p", "Invoices are payable within 30 days."),
        ],
        "expected": contract(
            name="Southern Cross Pharmacy Group Pty Ltd",
            email="accounts@southerncrosspharmacy.test",
            currency="AUD",
            terms=30,
            start="2026-07-01",
            lines=[
                line("flat", amount="1450.00"),
                line("per_unit", metric="transactions", unit_price="0.12"),
            ],
        ),
    },
    {
        "name": "k06_bilingual_chf",
        "format": "pdf",
        "blocks": [
            ("h", "Auftragsbestätigung / Order confirmation"),
            ("p", "Kunde / Customer: Bergbahnen Arosa AG"),
            ("p", "Rechnungsadresse / Invoice e-mail: rechnungen@bergbahnen-arosa.test"),
            ("p", "Vertragsbeginn / Start: 01.10.2026"),
            (
                "t",
                [
                    ["Pos.", "Beschreibung / Description", "Betrag CHF / Amount CHF"],
                    ["1", "SaaS-Abonnement / SaaS subscription, jährlich / annually", "14'400.00"],
                    ["2", "Onboarding, einmalig / one-time", "3'000.00"],
                ],
            ),
            (
                "p",
                "Zahlbar innert 30 Tagen / payable within 30 days. Jährliche Gebühren im Voraus / annual fees in "
                "advance.",
            ),
        ],
        "expected": contract(
            name="Bergbahnen Arosa AG",
            email="rechnungen@bergbahnen-arosa.test",
            currency="CHF",
            terms=30,
            start="2026-10-01",
            lines=[
                line("flat", amount="14400.00", billing_interval="year"),
                line("one_time", amount="3000.00"),
            ],
        ),
    },
]
