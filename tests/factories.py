from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from contracts.models import Contract, ContractLine, Customer
from metering.models import Meter


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    external_id = factory.Sequence(lambda n: f"cust-{n}")
    name = factory.Sequence(lambda n: f"Customer {n} Inc.")
    email = factory.LazyAttribute(lambda o: f"billing@{o.external_id}.test")
    currency = "USD"
    timezone = "UTC"


class MeterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meter
        django_get_or_create = ("code",)

    code = "api_calls"
    name = "API calls"
    aggregation = "sum"
    unit_label = "API calls"


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    customer = factory.SubFactory(CustomerFactory)
    external_id = factory.Sequence(lambda n: f"contract-{n}")
    start_date = dt.date(2026, 3, 5)
    currency = "USD"


class UsageLineFactory(factory.django.DjangoModelFactory):
    """The seed's line: $0.004 per API call, $200 monthly minimum, billed in arrears."""

    class Meta:
        model = ContractLine

    contract = factory.SubFactory(ContractFactory)
    code = "api"
    description = "API calls"
    charge_model = "per_unit"
    metric = "api_calls"
    unit_price = Decimal("0.004")
    minimum_amount = Decimal("200.00")
    billing_timing = "in_arrears"


class FlatLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractLine

    contract = factory.SubFactory(ContractFactory)
    code = "platform"
    description = "Platform fee"
    charge_model = "flat"
    amount = Decimal("500.00")
    billing_timing = "in_advance"
