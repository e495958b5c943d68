"""``POST /api/v1/revrec/preview`` end to end: shape, exact amounts, 400s, nothing stored."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from revrec.models import RevenueScheduleEntry

pytestmark = pytest.mark.django_db

BODY = {
    "currency": "USD",
    "transaction_price": "80.00",
    "granularity": "day",
    "obligations": [
        {"code": "phone", "kind": "point_in_time", "ssp": "20", "date": "2026-03-01"},
        {"code": "internet", "kind": "ratable", "ssp": "30", "start": "2026-03-01", "end": "2027-03-01"},
        {
            "code": "impl",
            "kind": "milestone",
            "ssp": "40",
            "milestones": [
                {"code": "m1", "date": "2026-04-10", "percent": "40"},
                {"code": "m2", "date": "2026-06-01", "percent": "60"},
            ],
        },
        {"code": "api", "kind": "usage", "amounts": {"2026-03": "720.00"}},
    ],
}


def test_preview_allocates_and_schedules_with_decimal_strings(api):
    response = api.post("/api/v1/revrec/preview", BODY, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["allocation"] == {"phone": "17.78", "internet": "26.67", "impl": "35.55"}
    assert {"obligation": "internet", "period": "2026-03", "amount": "2.27"} in data["schedule"]
    assert {"obligation": "api", "period": "2026-03", "amount": "720.00"} in data["schedule"]
    assert data["totals_by_period"]["2026-03"] == "740.05"  # 17.78 + 2.27 + 720.00
    assert data["totals_by_period"]["2026-06"] == "23.52"  # internet 2.19 + impl 21.33
    assert RevenueScheduleEntry.objects.count() == 0


def test_preview_applies_modifications(api):
    body = {
        **BODY,
        "modifications": [
            {
                "effective": "2026-09-01",
                "treatment": "separate_contract",
                "transaction_price_change": "12.00",
                "add_obligations": [
                    {"code": "tv", "kind": "ratable", "ssp": "12", "start": "2026-09-01", "end": "2027-09-01"}
                ],
            }
        ],
    }
    data = api.post("/api/v1/revrec/preview/", body, format="json").json()
    assert data["allocation"]["tv"] == "12.00"
    assert data["allocation"]["phone"] == "17.78"


def test_preview_invalid_input_is_400_with_field_paths(api):
    bad = {
        **BODY,
        "obligations": [
            {"code": "internet", "kind": "ratable", "ssp": "30", "start": "2026-03-01", "end": "2026-02-01"}
        ],
    }
    response = api.post("/api/v1/revrec/preview", bad, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "validation_error"
    assert "obligations[0].end" in error["fields"]
    response = api.post("/api/v1/revrec/preview", [1, 2], format="json")
    assert response.status_code == 400


def test_preview_needs_an_api_key():
    assert APIClient().post("/api/v1/revrec/preview", BODY, format="json").status_code == 401
