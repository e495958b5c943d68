"""Exclusive sales tax: the rate of the customer's billing place, computed and rounded per line.

A region's active rate wins over its country's (region blank); an exempt customer pays none. The
pure part (``line_tax``, ``rate_for_place``) is tested without the database; ``tax_rates_for``
loads every active rate the given customers need in one query, for one invoice or a whole chunk."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from audit.services import audit_record
from contracts.models import Customer
from invoicing.models import InvoiceLine, TaxRate
from rating import round_money

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class RateView:
    """What a line records of the rate applied (a rate may change later; the invoice must not)."""

    id: int | None
    name: str
    percentage: Decimal


def line_tax(amount: Decimal, percentage: Decimal, currency: str) -> Decimal:
    """Tax on one line, rounded once to the currency's minor unit (half away from zero).
    Negative lines (prepaid credit applied) carry negative tax, so the invoice's tax is that of
    its net taxable amount, line by line."""
    return round_money(amount * percentage / HUNDRED, currency)


def rate_for_place(rates: Iterable[TaxRate], *, country: str, region: str) -> RateView | None:
    """The rate of a billing place: the region's own rate, else the country-wide one (blank region)."""
    country, region = country.strip().upper(), region.strip().upper()
    country_wide = None
    for rate in rates:
        if not country or rate.country.upper() != country:
            continue
        rate_region = rate.region.strip().upper()
        if region and rate_region == region:
            return RateView(id=rate.pk, name=rate.name, percentage=rate.percentage)
        if not rate_region:
            country_wide = rate
    if country_wide is None:
        return None
    return RateView(id=country_wide.pk, name=country_wide.name, percentage=country_wide.percentage)


def tax_rates_for(customers: Sequence[Customer]) -> dict[int, RateView | None]:
    """customer id -> the rate its invoices carry (None: exempt, no place, or no rate there).
    One query for any number of customers."""
    countries = {c.country.upper() for c in customers if c.country and not c.tax_exempt}
    rates = list(TaxRate.objects.filter(active=True, country__in=countries)) if countries else []
    return {
        c.pk: None if c.tax_exempt else rate_for_place(rates, country=c.country, region=c.region)
        for c in customers
    }


def lines_tax_apply(lines: Sequence[InvoiceLine], rate: RateView | None, currency: str) -> Decimal:
    """Set each line's tax fields in memory (the caller saves); returns the invoice's tax."""
    total = ZERO
    for line in lines:
        if rate is None:
            line.tax_rate_id, line.tax_name, line.tax_percentage, line.tax_amount = None, "", None, ZERO
            continue
        line.tax_rate_id = rate.id
        line.tax_name = rate.name
        line.tax_percentage = rate.percentage
        line.tax_amount = line_tax(line.amount, rate.percentage, currency)
        total += line.tax_amount
    return total


def tax_by_rate(lines: Iterable[InvoiceLine]) -> list[tuple[str, Decimal, Decimal, Decimal]]:
    """(name, percentage, taxable amount, tax) per rate, for the invoice's tax summary."""
    groups: dict[tuple[str, Decimal], list[Decimal]] = {}
    for line in lines:
        if line.tax_percentage is None:
            continue
        key = (line.tax_name, line.tax_percentage)
        taxable, tax = groups.get(key, [ZERO, ZERO])
        groups[key] = [taxable + line.amount, tax + line.tax_amount]
    return [(name, pct, taxable, tax) for (name, pct), (taxable, tax) in groups.items()]


def tax_rate_deactivate(*, rate_id: int, actor: AbstractBaseUser | str | None) -> TaxRate:
    """Retire a rate (a rate is never deleted: issued lines refer to it). Invoices drafted (or
    re-priced in review) from now on no longer get it; issued invoices keep it on their lines."""
    with transaction.atomic():
        rate = TaxRate.objects.select_for_update().get(pk=rate_id)
        if not rate.active:
            return rate
        rate.active = False
        rate.save()  # save(), so simple-history records who retired it
        audit_record(
            rule="invoicing.tax_rate",
            action="tax_rate_deactivated",
            obj=rate,
            actor=actor,
            inputs={"country": rate.country, "region": rate.region, "percentage": rate.percentage},
            outcome={"active": False},
        )
    return rate
