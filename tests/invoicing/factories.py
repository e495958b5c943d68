from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from contracts.models import ContractLine, Milestone
from tests.factories import ContractFactory, UsageLineFactory


class PrepaidCreditLineFactory(factory.django.DjangoModelFactory):
    """1,000.00 of credit bought for 900.00, invoiced on the contract start."""

    class Meta:
        model = ContractLine

    contract = factory.SubFactory(ContractFactory)
    code = "credits"
    description = "Prepaid API credits"
    charge_model = "prepaid_credit"
    billing_timing = "in_advance"
    amount = Decimal("1000.00")
    price = Decimal("900.00")
    sort_order = 0


class MeteredLineFactory(UsageLineFactory):
    """$1.00 per API call, billed monthly in arrears, no minimum."""

    unit_price = Decimal("1.00")
    minimum_amount = None
    sort_order = 1


class MilestoneLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractLine

    contract = factory.SubFactory(ContractFactory)
    code = "implementation"
    description = "Implementation"
    charge_model = "milestone"
    billing_timing = "in_arrears"


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    line = factory.SubFactory(MilestoneLineFactory)
    name = "Go-live"
    amount = Decimal("5000.00")
    due_date = dt.date(2026, 6, 1)
