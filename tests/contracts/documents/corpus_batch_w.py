"""Unseen batch W: written (with the expected contracts) after the round-4 vocabulary broadening and
before the extractor was run on it (bench/extraction.py --set batch_w): a Brazilian Portuguese SaaS
contract in reais with "1º de abril", a German framework agreement with graduated Staffelpreise in a
table, a French purchase order ("bon de commande") with HT prices and a periodicity column, a US
federal task order priced by CLINs, a short chatty e-mail quote priced per kiosk, and an insurance
API pricing sheet with volume bands and a share of gross written premium.
"""

from __future__ import annotations

from typing import Any

from tests.contracts.documents.corpus_dev import contract, line

DOCS: list[dict[str, Any]] = [
    {
        "name": "bw01_brazil_saas_brl",
        "format": "pdf",
        "blocks": [
            ("h", "CONTRATO DE PRESTAÇÃO DE SERVIÇOS DE SOFTWARE (SaaS)"),
            ("p", "CONTRATADA: Nuvemtec Sistemas Ltda., CNPJ 12.345.678/0001-90, com sede em Curitiba/PR."),
            (
                "p",
                "CONTRATANTE: Padaria Pão Dourado Comércio de Alimentos Ltda., CNPJ 98.765.432/0001-10, com sede em "
                "Campinas/SP.",
            ),
            ("p", "E-mail para faturamento: financeiro@paodourado.test"),
            ("h", "Cláusula 1 - Vigência"),
            (
                "p",
                "Início da vigência: 1º de abril de 2027. O prazo é de 12 (doze) meses, renovado automaticamente por "
                "iguais períodos salvo aviso prévio de 60 dias.",
            ),
            ("h", "Cláusula 2 - Preço"),
            ("p", "Mensalidade da plataforma: R$ 2.490,00 por mês, cobrada antecipadamente."),
            ("p", "Usuários: 25 usuários a R$ 39,90 por usuário ao mês."),
            ("p", "Taxa de implantação (pagamento único): R$ 4.500,00."),
            (
                "p",
                "Pagamento por boleto bancário com vencimento em 15 dias após a emissão da nota fiscal. Os valores "
                "serão reajustados anualmente pelo IPCA.",
            ),
        ],
        "expected": contract(
            name="Padaria Pão Dourado Comércio de Alimentos Ltda.",
            email="financeiro@paodourado.test",
            currency="BRL",
            terms=15,
            start="2027-04-01",
            # Renews automatically: no end date, as the corpus convention has it (o03, d96). Written as
            # 2028-04-01 before the first run: an error in the expectation, corrected after.
            end=None,
            lines=[
                line("flat", amount="2490.00"),
                line("per_seat", unit_price="39.90", seats="25"),
                line("one_time", amount="4500.00"),
            ],
        ),
    },
    {
        "name": "bw02_german_rahmenvertrag_staffel",
        "format": "docx",
        "blocks": [
            ("h", "Rahmenvertrag über Cloud-Speicherdienste"),
            ("p", "Auftragnehmer: Datenwerk Nord GmbH, Hamburg"),
            ("p", "Auftraggeber: Müller & Söhne Logistik GmbH, Bremen"),
            ("p", "Rechnungsempfang per E-Mail: rechnungen@mueller-soehne.test"),
            ("p", "Vertragsbeginn: 01.05.2027"),
            ("p", "Laufzeit: 24 Monate"),
            ("h", "§ 4 Vergütung"),
            ("p", "Grundgebühr: 890,00 EUR monatlich, im Voraus zahlbar."),
            ("p", "Speicher wird nach Staffelpreisen je TB und Monat abgerechnet:"),
            (
                "t",
                [
                    ["Staffel", "Menge (TB)", "Preis je TB"],
                    ["1", "0 - 50", "22,00 EUR"],
                    ["2", "51 - 200", "18,50 EUR"],
                    ["3", "ab 201", "15,00 EUR"],
                ],
            ),
            (
                "p",
                "Jeder Staffelpreis gilt nur für die Menge innerhalb seiner Staffel. Der Speicher wird monatlich "
                "nachträglich nach tatsächlichem Verbrauch abgerechnet.",
            ),
            ("p", "Rechnungen sind zahlbar innerhalb von 14 Tagen ohne Abzug."),
        ],
        "expected": contract(
            name="Müller & Söhne Logistik GmbH",
            email="rechnungen@mueller-soehne.test",
            currency="EUR",
            terms=14,
            start="2027-05-01",
            end="2029-05-01",
            lines=[
                line("flat", amount="890.00"),
                line(
                    "graduated",
                    metric="tb",
                    tiers=[
                        {"up_to": "50", "unit_price": "22.00"},
                        {"up_to": "200", "unit_price": "18.50"},
                        {"up_to": None, "unit_price": "15.00"},
                    ],
                ),
            ],
        ),
    },
    {
        "name": "bw03_french_bon_de_commande",
        "format": "text",
        "blocks": [
            ("h", "BON DE COMMANDE N° BC-2027-0318"),
            ("p", "Fournisseur : Logiciel Azur SAS, 12 rue des Oliviers, 06000 Nice"),
            ("p", "Client : Boulangeries Lemaire SARL"),
            ("p", "Adresse de facturation électronique : compta@lemaire-boulangeries.test"),
            ("p", "Date de prise d'effet : 1er juin 2027"),
            ("p", "Durée : 36 mois"),
            (
                "t",
                [
                    ["Désignation", "Quantité", "Prix unitaire HT", "Périodicité"],
                    ["Licence caisse (par poste)", "14", "45,00 €", "Mensuelle"],
                    ["Module fidélité", "1", "120,00 €", "Mensuelle"],
                    ["Mise en service", "1", "1 800,00 €", "Unique"],
                ],
            ),
            ("p", "Facturation mensuelle à échoir. Règlement à 30 jours date de facture. TVA 20 % en sus."),
        ],
        "expected": contract(
            name="Boulangeries Lemaire SARL",
            email="compta@lemaire-boulangeries.test",
            currency="EUR",
            terms=30,
            start="2027-06-01",
            end="2030-06-01",
            lines=[
                line("per_seat", unit_price="45.00", seats="14"),
                line("flat", amount="120.00"),
                line("one_time", amount="1800.00"),
            ],
        ),
    },
    {
        "name": "bw04_federal_task_order_clins",
        "format": "pdf",
        "blocks": [
            ("h", "TASK ORDER NO. 70FMDO27F0000112"),
            ("p", "Issued under IDIQ Contract No. 70FMDO24D0000031"),
            ("p", "Contractor: Beacon Analytics Federal LLC, Reston, VA 20190"),
            ("p", "Ordering Activity: Federal Maritime Data Office"),
            ("p", "Submit invoices electronically to: fmdo-invoices@fmdo.test"),
            ("p", "Period of Performance (Base Period): 07/01/2027 - 06/30/2028"),
            (
                "t",
                [
                    ["CLIN", "Description", "Qty", "Unit", "Unit Price", "Extended Amount"],
                    ["0001", "Program Management (Firm-Fixed-Price)", "12", "MO", "$18,500.00", "$222,000.00"],
                    ["0002", "Data Platform Subscription Licenses (12-month)", "150", "EA", "$1,140.00", "$171,000.00"],
                    ["0003", "Transition-In (FFP, one-time)", "1", "LOT", "$35,000.00", "$35,000.00"],
                    ["", "Total Task Order Value", "", "", "", "$428,000.00"],
                ],
            ),
            (
                "p",
                "The Contractor shall invoice CLIN 0001 monthly in arrears and CLIN 0002 annually in advance upon "
                "delivery. Payment will be made in accordance with the Prompt Payment Act, net 30.",
            ),
        ],
        "expected": contract(
            name="Federal Maritime Data Office",
            email="fmdo-invoices@fmdo.test",
            currency="USD",
            terms=30,
            start="2027-07-01",
            end="2028-07-01",
            lines=[
                line("flat", amount="18500.00", billing_timing="in_arrears"),
                line("per_seat", unit_price="1140.00", seats="150", billing_interval="year"),
                line("one_time", amount="35000.00"),
            ],
        ),
    },
    {
        "name": "bw05_chatty_email_kiosks",
        "format": "text",
        "blocks": [
            ("p", "From: Tom Becker <tom@kioskly.test>"),
            ("p", "To: Priya Nair <priya@harbourviewcinemas.test>"),
            ("p", "Subject: Re: pricing for the kiosk rollout - Harbourview Cinemas Pty Ltd"),
            ("p", "Hi Priya,"),
            (
                "p",
                "Thanks for the call. As promised: our kiosk software is $59/kiosk/mo and you'd start with 40 "
                "kiosks. There's a one-off $2,000 setup. Remote support is included at no extra cost.",
            ),
            (
                "p",
                "We'd bill you upfront every month, payment due in 15 days, and invoices will go to "
                "accounts@harbourviewcinemas.test as you asked. If you're happy we'll switch things on from "
                "1 Aug 2027 on a 12-month term. All prices are in AUD, ex GST.",
            ),
            ("p", "Cheers, Tom - Kioskly Pty Ltd"),
        ],
        "expected": contract(
            name="Harbourview Cinemas Pty Ltd",
            email="accounts@harbourviewcinemas.test",
            currency="AUD",
            terms=15,
            start="2027-08-01",
            end="2028-08-01",
            lines=[
                line("per_seat", unit_price="59.00", seats="40"),
                line("one_time", amount="2000.00"),
            ],
        ),
    },
    {
        "name": "bw06_insurance_api_volume_bands",
        "format": "docx",
        "blocks": [
            ("h", "Pricing Sheet - Quote & Bind API"),
            ("p", "Provider: Underwrite.io Ltd"),
            ("p", "Client: Kestrel Mutual Insurance plc"),
            ("p", "Accounts payable: ap@kestrelmutual.test"),
            ("p", "Commencement: 1 September 2027. Initial term: 2 years."),
            ("p", "Platform access: £4,000 per month, billed monthly in advance."),
            ("p", "Quote requests, priced by monthly volume band:"),
            (
                "t",
                [
                    ["Monthly quote requests", "Price per quote"],
                    ["Up to 100,000", "£0.045"],
                    ["100,001 - 500,000", "£0.035"],
                    ["Above 500,000", "£0.025"],
                ],
            ),
            (
                "p",
                "The band reached by the total monthly volume sets the price for every quote in that month.",
            ),
            ("p", "Bound policies: 0.8% of gross written premium on policies bound through the API."),
            ("p", "Usage is invoiced monthly in arrears. Invoices are payable within 30 days."),
        ],
        "expected": contract(
            name="Kestrel Mutual Insurance plc",
            email="ap@kestrelmutual.test",
            currency="GBP",
            terms=30,
            start="2027-09-01",
            end="2029-09-01",
            lines=[
                line("flat", amount="4000.00"),
                line(
                    "volume",
                    metric="quotes",
                    tiers=[
                        {"up_to": "100000", "unit_price": "0.045"},
                        {"up_to": "500000", "unit_price": "0.035"},
                        {"up_to": None, "unit_price": "0.025"},
                    ],
                ),
                line("percentage", metric="gross_written_premium", rate="0.8"),
            ],
        ),
    },
]
