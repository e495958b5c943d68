"""Exclusive tax, pure: the rate of a billing place, per-line rounding, the per-rate summary."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.models import Customer
from invoicing.models import InvoiceLine, TaxRate
from invoicing.tax import RateView, line_tax, lines_tax_apply, rate_for_place, tax_by_rate
from rating.money import minor_unit

US = TaxRate(pk=1, name="US sales tax", country="US", region="", percentage=D("5.0000"))
US_CA = TaxRate(pk=2, name="CA sales tax", country="US", region="CA", percentage=D("7.2500"))
US_NY = TaxRate(pk=3, name="NY sales tax", country="US", region="NY", percentage=D("8.8750"))
DE = TaxRate(pk=4, name="VAT", country="DE", region="", percentage=D("19.0000"))
RATES = [US, US_CA, US_NY, DE]
CA = RateView(id=2, name="CA sales tax", percentage=D("7.25"))
TEN = RateView(id=9, name="Tax", percentage=D("10"))


def _lines(*amounts: str) -> list[InvoiceLine]:
    return [InvoiceLine(position=i, amount=D(a)) for i, a in enumerate(amounts)]


# --- the rate of a place ------------------------------------------------------------------------


def test_a_region_rate_beats_the_country_rate_whatever_their_order() -> None:
    for rates in (RATES, list(reversed(RATES))):
        assert rate_for_place(rates, country="US", region="CA") == CA


def test_a_region_without_its_own_rate_falls_back_to_the_country_rate() -> None:
    assert rate_for_place(RATES, country="US", region="TX") == RateView(id=1, name="US sales tax", percentage=D(5))
    assert rate_for_place(RATES, country="US", region="") == RateView(id=1, name="US sales tax", percentage=D(5))


def test_place_codes_match_regardless_of_case_and_spaces() -> None:
    assert rate_for_place(RATES, country=" us", region="ca ") == CA
    assert rate_for_place(RATES, country="de", region="Bavaria").percentage == D(19)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("rates", "country", "region"),
    [
        (RATES, "FR", ""),  # no rate in that country
        (RATES, "", "CA"),  # no country on the customer: a region alone never matches
        ([US_CA], "US", "TX"),  # only another region is taxed, no country-wide rate
        ([], "US", "CA"),
    ],
)
def test_no_rate_for_the_place_means_no_tax(rates: list[TaxRate], country: str, region: str) -> None:
    assert rate_for_place(rates, country=country, region=region) is None


# --- tax on a line ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "percentage", "currency", "tax"),
    [
        ("1000.00", "7.25", "USD", "72.50"),
        ("0.05", "10", "USD", "0.01"),  # 0.005: half rounds up, not to even
        ("0.15", "10", "USD", "0.02"),  # 0.015
        ("0.25", "10", "USD", "0.03"),  # 0.025: half-even would give 0.02
        ("19.99", "8.875", "USD", "1.77"),  # 1.7741125
        ("-0.05", "10", "USD", "-0.01"),  # a credit line: half away from zero, symmetric
        ("-250.00", "19", "EUR", "-47.50"),
        ("1005", "10", "JPY", "101"),  # 100.5 yen: no decimals, half up
        ("1004", "10", "JPY", "100"),
        ("12.345", "5", "KWD", "0.617"),  # 0.61725: three decimals
        ("500.00", "0", "USD", "0.00"),
    ],
)
def test_line_tax_is_rounded_once_to_the_minor_unit_half_up(
    amount: str, percentage: str, currency: str, tax: str
) -> None:
    result = line_tax(D(amount), D(percentage), currency)
    assert result == D(tax)
    assert result.as_tuple().exponent == D(tax).as_tuple().exponent


def test_tax_is_rounded_per_line_not_on_the_sum() -> None:
    lines = _lines("0.05", "0.05", "0.05")
    assert lines_tax_apply(lines, TEN, "USD") == D("0.03")  # the sum's 0.015 would round to 0.02
    assert [line.tax_amount for line in lines] == [D("0.01")] * 3


def test_applied_rate_is_snapshotted_on_every_line() -> None:
    lines = _lines("1000.00", "-100.00")
    assert lines_tax_apply(lines, CA, "USD") == D("65.25")
    for line in lines:
        assert (line.tax_rate_id, line.tax_name, line.tax_percentage) == (2, "CA sales tax", D("7.25"))
    assert [line.tax_amount for line in lines] == [D("72.50"), D("-7.25")]


def test_no_rate_clears_tax_left_from_an_earlier_pricing() -> None:
    lines = _lines("1000.00")
    lines_tax_apply(lines, CA, "USD")
    assert lines_tax_apply(lines, None, "USD") == D(0)
    (line,) = lines
    assert (line.tax_rate_id, line.tax_name, line.tax_percentage, line.tax_amount) == (None, "", None, D(0))


def test_jpy_invoice_tax_has_no_decimals() -> None:
    lines = _lines("1234", "999")
    tax = lines_tax_apply(lines, TEN, "JPY")
    assert [line.tax_amount for line in lines] == [D("123"), D("100")]  # 123.4 and 99.9
    assert tax == D("223")
    assert tax.as_tuple().exponent == 0


# --- the per-rate summary -------------------------------------------------------------------------


def test_tax_by_rate_sums_taxable_amount_and_tax_per_rate_in_first_seen_order() -> None:
    ca_lines = _lines("1000.00", "0.05")
    lines_tax_apply(ca_lines, CA, "USD")
    ten_lines = _lines("0.05", "0.05", "-0.05")
    lines_tax_apply(ten_lines, TEN, "USD")
    untaxed = _lines("99.00")
    lines_tax_apply(untaxed, None, "USD")
    summary = tax_by_rate([ca_lines[0], *ten_lines, *untaxed, ca_lines[1]])
    assert summary == [
        ("CA sales tax", D("7.25"), D("1000.05"), D("72.50")),  # 72.50 + 0.00 (0.003625)
        ("Tax", D("10"), D("0.05"), D("0.01")),  # 0.01 + 0.01 - 0.01
    ]


def test_an_exempt_invoice_has_no_summary_rows() -> None:
    lines = _lines("1000.00")
    lines_tax_apply(lines, None, "USD")
    assert tax_by_rate(lines) == []


# --- exemption (no database: tax_rates_for queries nothing for exempt customers) -----------------


@pytest.mark.django_db
def test_an_exempt_customer_in_a_taxed_place_gets_no_rate() -> None:
    from invoicing.tax import tax_rates_for

    TaxRate.objects.create(name="CA sales tax", country="US", region="CA", percentage=D("7.25"))
    TaxRate.objects.create(name="Old CA", country="US", region="CA", percentage=D("7"), active=False)
    taxed = Customer.objects.create(external_id="t", name="T", email="t@x.test", country="us", region="ca")
    exempt = Customer.objects.create(
        external_id="e", name="E", email="e@x.test", country="US", region="CA", tax_exempt=True,
        tax_exemption_certificate="CA-RESALE-1",
    )
    nowhere = Customer.objects.create(external_id="n", name="N", email="n@x.test")
    rates = tax_rates_for([taxed, exempt, nowhere])
    assert rates[taxed.pk] is not None
    assert (rates[taxed.pk].name, rates[taxed.pk].percentage) == ("CA sales tax", D("7.25"))
    assert rates[exempt.pk] is None
    assert rates[nowhere.pk] is None


# --- properties ---------------------------------------------------------------------------------

CURRENCIES = st.sampled_from(["USD", "EUR", "JPY", "KWD"])
PERCENTAGES = st.decimals(min_value=D(0), max_value=D(100), places=4)


@st.composite
def invoices(draw: st.DrawFn) -> tuple[str, D, list[D]]:
    currency = draw(CURRENCIES)
    exponent = minor_unit(currency).as_tuple().exponent
    places = -exponent if isinstance(exponent, int) else 0
    amounts = draw(
        st.lists(
            st.decimals(min_value=D(-100000), max_value=D(1000000), places=places, allow_nan=False),
            min_size=0,
            max_size=30,
        )
    )
    return currency, draw(PERCENTAGES), amounts


@given(invoices())
def test_invoice_tax_is_the_sum_of_rounded_line_taxes_each_within_half_a_minor_unit(
    invoice: tuple[str, D, list[D]],
) -> None:
    currency, percentage, amounts = invoice
    lines = [InvoiceLine(position=i, amount=a) for i, a in enumerate(amounts)]
    total = lines_tax_apply(lines, RateView(id=1, name="Tax", percentage=percentage), currency)
    half = minor_unit(currency) / 2
    assert total == sum((line.tax_amount for line in lines), D(0))
    for line in lines:
        exact = line.amount * percentage / 100
        assert abs(line.tax_amount - exact) <= half
        assert line.tax_amount % minor_unit(currency) == 0
        assert (line.tax_amount < 0) <= (line.amount < 0)  # a charge never carries negative tax
    summary = tax_by_rate(lines)
    if lines:
        [(_, _, taxable, tax)] = summary
        assert (taxable, tax) == (sum(amounts, D(0)), total)
    else:
        assert summary == []
