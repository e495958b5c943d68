"""The pure contract extractor: parsing, pricing language, warnings, the corpus, scoring."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.documents import extract, read_document
from contracts.documents import llm as llm_module
from contracts.documents import parsing as p
from contracts.documents.scoring import disagreements, score_extraction

CORPUS = Path(__file__).parent / "documents"


def _extract_text(text: str):  # type: ignore[no-untyped-def]
    return extract(read_document(text.encode(), "contract.txt"))


@pytest.mark.parametrize(
    ("text", "amount", "currency", "comma"),
    [
        ("$0.004 per API call", "0.004", "USD", False),
        ("USD 200 monthly minimum", "200", "USD", False),
        ("€1.234,56 per month", "1234.56", "EUR", True),
        ("1.234,56 EUR", "1234.56", "EUR", True),
        ("CHF 48'000.00 per year", "48000.00", "CHF", False),
        ("a $15K setup fee", "15000", "USD", False),
        ("JPY 300,000", "300000", "JPY", False),
        ("0,12 € per GB", "0.12", "EUR", True),
        ("A$2.80 per delivery", "2.80", "AUD", False),
        ("£2,000 per month", "2000", "GBP", False),
    ],
)
def test_money_formats(text: str, amount: str, currency: str, comma: bool) -> None:
    found = p.find_money(text, decimal_comma=comma)
    assert [(m.amount, m.currency) for m in found] == [(Decimal(amount), currency)]


@given(st.decimals(min_value=Decimal("1000"), max_value=Decimal("99999999"), places=2))
def test_grouped_numbers_read_back_in_both_conventions(value: Decimal) -> None:
    us = f"{value:,.2f}"
    european = us.replace(",", "_").replace(".", ",").replace("_", ".")
    assert p.to_decimal(us) == value
    assert p.to_decimal(european, decimal_comma=True) == value


@pytest.mark.parametrize(
    ("text", "expected", "day_first"),
    [
        ("effective as of March 5, 2026", date(2026, 3, 5), False),
        ("from 1st April 2026", date(2026, 4, 1), False),
        ("Vertragsbeginn: 01.04.2026", date(2026, 4, 1), False),
        ("start 2026-07-01", date(2026, 7, 1), False),
        ("start 05/03/2026", date(2026, 3, 5), True),
        ("start 05/03/2026", date(2026, 5, 3), False),
        ("starting 15 May 2026", date(2026, 5, 15), False),
    ],
)
def test_dates(text: str, expected: date, day_first: bool) -> None:
    assert p.find_dates(text, day_first=day_first)[0].value == expected


@pytest.mark.parametrize(
    ("text", "cadence", "timing"),
    [
        ("billed annually in advance", ("year", 1), "in_advance"),
        ("invoiced quarterly in arrears", ("month", 3), "in_arrears"),
        ("payable semi-annually", ("month", 6), None),
        ("billed weekly in arrears", ("week", 1), "in_arrears"),
        ("$50 per seat per month", ("month", 1), None),
    ],
)
def test_cadence_and_timing(text: str, cadence: tuple[str, int], timing: str | None) -> None:
    found = p.find_cadence(text)
    assert found is not None
    assert found[:2] == cadence
    assert p.timing(text) == timing


def test_seed_contract_is_read_with_evidence_and_confidence() -> None:
    result = _extract_text(
        "Customer: Acme Inc.\nBilling email: billing@acme.test\nEffective as of March 5, 2026.\n\n"
        "API calls: $0.004 per API call with a USD 200 monthly minimum, billed monthly in arrears.\n\n"
        "Payment terms: Net 30.\n"
    )
    data = result.data
    assert data["customer"] == {
        "name": "Acme Inc.",
        "email": "billing@acme.test",
        "currency": "USD",
        "timezone": None,
        "payment_terms_days": 30,
    }
    assert data["start_date"] == "2026-03-05"
    assert data["lines"] == [
        {
            "code": "api_calls",
            "description": "API calls",
            "charge_model": "per_unit",
            "metric": "api_calls",
            "unit_price": "0.004",
            "minimum_amount": "200.00",
            "billing_interval": "month",
            "billing_interval_count": 1,
            "billing_timing": "in_arrears",
        }
    ]
    assert result.evidence["lines[0].unit_price"]["page"] == 1
    assert "$0.004 per API call" in result.evidence["lines[0].unit_price"]["text"]
    assert 0 < result.confidence["lines[0].unit_price"] <= 1


def _warnings(result, field: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [w["message"] for w in result.warnings if w["field"] == field]


def test_two_prices_for_one_thing_is_a_warning_not_a_choice() -> None:
    result = _extract_text(
        "Customer: Beta LLC\nStart date: 2026-01-01\n\nStorage: $0.02 per GB, billed monthly.\n\n"
        "Storage is charged at $0.03 per GB.\n"
    )
    assert len(result.data["lines"]) == 1
    assert any("Two prices" in m for m in _warnings(result, "lines[0].unit_price"))


def test_tiers_whose_bounds_do_not_chain_are_flagged() -> None:
    result = _extract_text(
        "Customer: Gamma Ltd\nStart date: 2026-01-01\n\nMessages are priced in graduated tiers:\n"
        "- 0 to 1,000 messages: $0.10 per message\n- 5,001 to 10,000 messages: $0.08 per message\n"
        "- over 10,000 messages: $0.05 per message\n"
    )
    line = result.data["lines"][0]
    assert line["charge_model"] == "graduated"
    assert [t["up_to"] for t in line["tiers"]] == ["1000", "10000", None]
    assert any("do not chain" in m for m in _warnings(result, "lines[0].tiers"))


def test_spending_caps_and_liability_caps_are_not_charges() -> None:
    result = _extract_text(
        "Customer: Theta Inc.\nStart date: 2026-01-01\n\nSupport: $500 per month.\n\n"
        "Charges under this order shall not exceed $50,000 without approval. Each party's liability is capped "
        "at $1,000,000. Late payments bear interest at 1.5% per month.\n"
    )
    assert [(line["charge_model"], line["amount"]) for line in result.data["lines"]] == [("flat", "500.00")]


def test_no_currency_anywhere_is_a_warning() -> None:
    result = _extract_text("Customer: Delta Co\nStart date: 2026-02-01\n\nNo prices in this letter.\n")
    assert result.data["currency"] is None
    assert _warnings(result, "currency")
    assert _warnings(result, "lines")


def test_bare_dollar_sign_is_assumed_usd_with_a_warning() -> None:
    result = _extract_text("Customer: Epsilon Inc\nStart: 2026-02-01\n\nPlatform fee: $500 per month.\n")
    assert result.data["currency"] == "USD"
    assert any("assumed USD" in m for m in _warnings(result, "currency"))


def test_auto_renewal_leaves_the_end_open_and_says_why() -> None:
    result = _extract_text(
        "Customer: Zeta GmbH\nEffective date: 1 March 2026\n\nThe initial term is 12 months and renews "
        "automatically for successive 12-month terms.\n\nSupport fee: EUR 100 per month.\n"
    )
    assert result.data["end_date"] is None
    assert any("2027-03-01" in m for m in _warnings(result, "end_date"))


def test_fixed_term_end_is_exclusive() -> None:
    result = _extract_text(
        "Customer: Eta Ltd\nThe subscription runs from January 1, 2026 through December 31, 2026.\n\n"
        "Fee: $100 per month.\n"
    )
    assert (result.data["start_date"], result.data["end_date"]) == ("2026-01-01", "2027-01-01")


def _scanned_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.rect(50, 50, 400, 600, fill=1)  # an image-like page: shapes, no text layer
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_scanned_pdf_has_no_text() -> None:
    document = read_document(_scanned_pdf(), "scan.pdf")
    assert document.kind == "pdf"
    assert not document.has_text


def test_docx_tables_are_read_as_rows() -> None:
    document = read_document((CORPUS / "dev" / "d22_quote_item_table.docx").read_bytes(), "quote.docx")
    rows = [b.cells for b in document.blocks if b.table is not None]
    assert ("Clinic scheduling license", "12", "$150.00", "Monthly", "$1,800.00") in rows


def _corpus(folder: str) -> list[Path]:
    return sorted(path for path in (CORPUS / folder).iterdir() if path.suffix in (".pdf", ".docx", ".txt"))


def test_corpus_has_documents_in_all_three_formats() -> None:
    paths = _corpus("dev") + _corpus("heldout")
    assert len(paths) >= 30
    assert {path.suffix for path in paths} == {".pdf", ".docx", ".txt"}


@pytest.mark.parametrize("path", _corpus("dev"), ids=lambda path: path.stem)
def test_development_corpus_field_f1(path: Path) -> None:
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text())
    result = extract(read_document(path.read_bytes(), path.name))
    score = score_extraction(expected, result.data)
    assert score.f1 >= 0.9, score.misses


def test_scoring_counts_fields_and_pairs_lines_by_content() -> None:
    expected = {
        "customer": {"name": "Acme"},
        "start_date": "2026-01-01",
        "lines": [{"charge_model": "flat", "amount": "10.00"}, {"charge_model": "per_unit", "unit_price": "0.1"}],
    }
    predicted = {
        "customer": {"name": "ACME"},
        "start_date": "2026-01-02",
        "lines": [{"charge_model": "per_unit", "unit_price": "0.10"}, {"charge_model": "flat", "amount": "10"}],
    }
    score = score_extraction(expected, predicted)
    assert (score.true_positive, score.false_positive, score.false_negative) == (5, 1, 1)
    assert disagreements(expected, predicted) == [
        {"field": "start_date", "offline": "2026-01-01", "model": "2026-01-02"}
    ]


def test_model_answer_parsing() -> None:
    assert llm_module.parse_model_json('```json\n{"lines": []}\n```') == {"lines": []}
    with pytest.raises(ValueError, match="lines"):
        llm_module.parse_model_json('{"lines": 3}')
    assert llm_module.provider_from_settings({"CONTRACT_EXTRACTION_LLM": ""}) is None
    with pytest.raises(llm_module.ModelUnavailable):
        llm_module.provider_from_settings({"CONTRACT_EXTRACTION_LLM": "mystery"})


@given(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"), max_size=400)
)
def test_any_text_extracts_without_error(text: str) -> None:
    result = extract(read_document(text.encode(), "any.txt"))
    assert isinstance(result.data["lines"], list)


@given(
    st.lists(
        st.sampled_from(
            [
                "Customer: Acme Inc.",
                "Fee: $1,000 per month",
                "first 10,000 calls free",
                "$0.004 per call",
                "Net 30",
                "billed annually in advance",
                "up to 5,000 | $0.10",
                "over 5,000 | $0.05",
                "50% upon go-live",
                "minimum of $200 per month",
                "2.9% + $0.30 per transaction",
                "credits expire on 2027-01-01",
                "Effective Date: 1 March 2026",
                "initial term of 12 months",
                "auto-renews",
                "| Item | Qty | Price |",
            ]
        ),
        max_size=12,
    )
)
def test_pricing_fragments_in_any_order_extract_without_error(parts: list[str]) -> None:
    result = extract(read_document("\n".join(parts).encode(), "parts.txt"))
    for path in result.confidence:
        assert 0 <= result.confidence[path] <= 1
