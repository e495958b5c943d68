from __future__ import annotations

import pytest

from contracts.forms import ContractLineForm
from tests.factories import ContractFactory, MeterFactory

pytestmark = pytest.mark.django_db


def _data(contract, **overrides):
    data = {
        "contract": contract.pk,
        "code": "api",
        "description": "API calls",
        "charge_model": "per_unit",
        "metric": "api_calls",
        "billing_interval": "month",
        "billing_interval_count": "1",
        "billing_timing": "in_arrears",
        "unit_price": "0.004",
        "included_units": "0",
        "tiers": "[]",
        "tier_basis": "period",
        "free_units": "0",
        "fixed_fee": "0",
        "sort_order": "0",
    }
    return {**data, **overrides}


def test_a_valid_line_passes():
    MeterFactory()
    form = ContractLineForm(data=_data(ContractFactory()))
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"unit_price": "-1"}, "unit_price", ""),
        ({"metric": "nope"}, "metric", "No meter"),
        (
            {
                "charge_model": "graduated",
                "unit_price": "",
                "tiers": '[{"up_to": "100", "unit_price": "0.1"}, {"up_to": "50", "unit_price": "0.05"},'
                ' {"up_to": null, "unit_price": "0.01"}]',
            },
            "tiers",
            "tiers[1].up_to",
        ),
        ({"charge_model": "flat", "unit_price": "", "metric": ""}, "amount", ""),
        ({"start_date": "2026-04-01", "end_date": "2026-03-01"}, "end_date", "after"),
    ],
)
def test_errors_land_on_the_field(overrides, field, fragment):
    MeterFactory()
    form = ContractLineForm(data=_data(ContractFactory(), **overrides))
    assert not form.is_valid()
    assert field in form.errors, form.errors
    assert fragment in " ".join(form.errors[field])
