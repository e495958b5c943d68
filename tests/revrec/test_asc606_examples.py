"""Published ASC 606 / IFRS 15 worked examples, reproduced through the pure engine.

Each test states the example and its published figures; amounts are exact."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest

from revrec.asc606 import RevenueInputError, compute, parse_contract_input

D = Decimal


def run(body: dict):
    return compute(parse_contract_input(body))


def rows(result, code: str) -> dict[str, Decimal]:
    return {r.period: r.amount for r in result.schedule if r.obligation == code}


def pit(code: str, ssp: str, when: str = "2026-01-15", **extra) -> dict:
    return {"code": code, "kind": "point_in_time", "ssp": ssp, "date": when, **extra}


def test_api_md_bundle_relative_ssp_with_rounding_difference_on_the_largest_share():
    # api.md: 80.00 over SSPs 20 / 30 / 40 (total 90): 17.777.. -> 17.78, 26.666.. -> 26.67,
    # 35.555.. -> 35.56 sum to 80.01, so the largest share (impl) gives back the cent.
    result = run(
        {
            "currency": "USD",
            "transaction_price": "80.00",
            "obligations": [
                pit("phone", "20", "2026-03-01"),
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
    )
    assert result.allocation == {"phone": D("17.78"), "internet": D("26.67"), "impl": D("35.55")}
    # internet by day: 365 days; March 31/365 x 26.67 = 2.265 -> 2.27; Feb 2027 takes the remainder.
    internet = rows(result, "internet")
    assert internet["2026-03"] == D("2.27")
    assert internet["2026-04"] == D("2.19")  # 30 days
    assert sum(internet.values()) == D("26.67")
    assert len(internet) == 12
    # impl: 40% of 35.55 = 14.22 in April, the last milestone takes the rest.
    assert rows(result, "impl") == {"2026-04": D("14.22"), "2026-06": D("21.33")}
    assert rows(result, "api") == {"2026-03": D("720.00")}
    assert "api" not in result.allocation  # variable consideration is outside the allocation
    assert result.totals_by_period["2026-03"] == D("17.78") + D("2.27") + D("720.00")


def test_api_md_bundle_verbatim_a_discount_group_of_one_is_not_a_bundle():
    # The doc's request marks only impl with discount_group g1, and the doc's answer is phone 17.78:
    # a group of one obligation is not a bundle sold at a discount (ASC 606-10-32-37(b)); one item
    # regularly sold below list simply has a lower SSP. So the price is allocated over all three.
    body = {
        "currency": "USD", "transaction_price": "80.00", "granularity": "day",
        "obligations": [
            pit("phone", "20", "2026-03-01"),
            {"code": "internet", "kind": "ratable", "ssp": "30", "start": "2026-03-01", "end": "2027-03-01"},
            {"code": "impl", "kind": "milestone", "ssp": "40", "discount_group": "g1", "milestones": [
                {"code": "m1", "date": "2026-04-10", "percent": "40"},
                {"code": "m2", "date": "2026-06-01", "percent": "60"}]},
            {"code": "api", "kind": "usage", "amounts": {"2026-03": "720.00"}},
        ],
    }
    assert run(body).allocation == {"phone": D("17.78"), "internet": D("26.67"), "impl": D("35.55")}
    # Two obligations in the group: the discount of 10 is theirs; phone keeps its SSP.
    body["obligations"][1]["discount_group"] = "g1"
    assert run(body).allocation == {"phone": D("20.00"), "internet": D("25.71"), "impl": D("34.29")}


def test_ifrs15_ie_example_34_case_a_discount_allocated_over_all_obligations():
    # IFRS 15 IE Example 34 (ASC 606-10-55-259): products A, B, C with SSPs 40, 55, 45 (140)
    # sold together for 100. Published (whole currency units): A 29, B 39, C 32; to the cent
    # 28.57 + 39.29 + 32.14 = 100.00.
    result = run(
        {"currency": "USD", "transaction_price": "100", "obligations": [pit("A", "40"), pit("B", "55"), pit("C", "45")]}
    )
    assert result.allocation == {"A": D("28.57"), "B": D("39.29"), "C": D("32.14")}


def test_ifrs15_ie_example_34_case_a_in_a_zero_decimal_currency():
    # In a currency without minor units the published whole numbers come out: 29 / 39 / 32.
    result = run(
        {"currency": "JPY", "transaction_price": "100", "obligations": [pit("A", "40"), pit("B", "55"), pit("C", "45")]}
    )
    assert result.allocation == {"A": D("29"), "B": D("39"), "C": D("32")}


def test_ifrs15_ie_example_34_case_b_discount_allocated_to_b_and_c():
    # Case B: B and C are regularly sold together for 60 and A alone for 40, so the whole discount
    # of 40 belongs to B and C (ASC 606-10-32-37). Published: A 40, B 33, C 27.
    result = run(
        {
            "currency": "USD",
            "transaction_price": "100",
            "obligations": [pit("A", "40"), pit("B", "55", discount_group="bc"), pit("C", "45", discount_group="bc")],
        }
    )
    assert result.allocation == {"A": D("40.00"), "B": D("33.00"), "C": D("27.00")}


def test_asc_606_example_5_case_a_additional_products_at_ssp_are_a_separate_contract():
    # ASC 606-10-55-111 Example 5 Case A: 120 products for 12,000 (100 each); after 60 are
    # delivered the customer adds 30 products at 95 each, their SSP: a separate contract.
    body = {
        "currency": "USD",
        "transaction_price": "12000",
        "obligations": [pit("batch1", "6000", "2026-02-01"), pit("batch2", "6000", "2026-06-01")],
        "modifications": [
            {
                "effective": "2026-04-01",
                "treatment": "separate_contract",
                "transaction_price_change": "2850",
                "add_obligations": [pit("batch3", "2850", "2026-07-01")],
            }
        ],
    }
    result = run(body)
    assert result.allocation == {"batch1": D("6000.00"), "batch2": D("6000.00"), "batch3": D("2850.00")}
    assert result.totals_by_period == {"2026-02": D("6000.00"), "2026-06": D("6000.00"), "2026-07": D("2850.00")}


def test_asc_606_example_5_case_b_modification_accounted_for_prospectively():
    # Case B: the 30 added products are priced at 80 (not their SSP) and the remaining 60 original
    # products are still undelivered: published (60 x 100 + 30 x 80) / 90 = 93.33 per product for
    # the remaining 90 products, i.e. 5,600 for the 60 and 2,800 for the 30 (8,400 in all).
    # (The 900 credit for poor-quality goods is a price concession booked separately.)
    result = run(
        {
            "currency": "USD",
            "transaction_price": "12000",
            "obligations": [pit("batch1", "6000", "2026-02-01"), pit("batch2", "6000", "2026-06-01")],
            "modifications": [
                {
                    "effective": "2026-04-01",
                    "treatment": "prospective",
                    "transaction_price_change": "2400",
                    "add_obligations": [pit("batch3", "3000", "2026-07-01")],
                }
            ],
        }
    )
    assert result.allocation == {"batch1": D("6000.00"), "batch2": D("5600.00"), "batch3": D("2800.00")}
    assert D("5600") / 60 == pytest.approx(D("93.33"), abs=D("0.01"))
    assert result.modifications[0]["recognised_before"] == D("6000.00")


def test_ifrs15_ie_example_7_services_contract_modified_prospectively():
    # IFRS 15 IE Example 7 (ASC 606-10-55-125): three years of services at 100,000 a year; at the
    # start of year 3 the fee for year 3 drops to 80,000 and three more years are added for
    # 200,000. Prospective: the remaining 280,000 over the remaining four years, 70,000 a year.
    result = run(
        {
            "currency": "USD",
            "transaction_price": "300000",
            "granularity": "month_evenly",
            "obligations": [
                {"code": "svc", "kind": "ratable", "ssp": "300000", "start": "2024-01-01", "end": "2027-01-01"}
            ],
            "modifications": [
                {
                    "effective": "2026-01-01",
                    "treatment": "prospective",
                    "transaction_price_change": "180000",
                    "end_changes": {"svc": "2030-01-01"},
                }
            ],
        }
    )
    assert result.allocation == {"svc": D("480000.00")}
    per_year: dict[str, Decimal] = defaultdict(Decimal)
    for row in result.schedule:
        per_year[row.period[:4]] += row.amount
    # Months are rounded to the cent (300,000 / 36 = 8,333.33), so years differ from the published
    # round figures by cents only; the total is exact.
    assert per_year["2024"] == D("99999.96")
    assert per_year["2025"] == D("99999.96")
    # recognised before: 24 x 8,333.33 = 199,999.92; 280,000.08 over 48 months = 5,833.34
    assert rows(result, "svc")["2026-01"] == D("5833.34")
    for year in ("2026", "2027", "2028", "2029"):
        assert abs(per_year[year] - D("70000")) < D("0.20")
    assert sum(per_year.values()) == D("480000.00")


def test_ifrs15_ie_example_8_style_cumulative_catch_up_of_a_non_distinct_change():
    # A 12-month service for 1,200 (100 a month) is changed at month 7 to run 18 months for 1,500
    # in all, the added service not being distinct: replayed from inception 1,500 / 18 = 83.33 a
    # month, so 6 months recognised at 100 (600) should have been 6 x 83.33 = 499.98: a catch-up
    # of -100.02 in July, then 83.33 a month, June 2027 taking the remainder.
    result = run(
        {
            "currency": "USD",
            "transaction_price": "1200",
            "granularity": "month_evenly",
            "obligations": [
                {"code": "svc", "kind": "ratable", "ssp": "1200", "start": "2026-01-01", "end": "2027-01-01"}
            ],
            "modifications": [
                {
                    "effective": "2026-07-01",
                    "treatment": "cumulative_catch_up",
                    "transaction_price_change": "300",
                    "end_changes": {"svc": "2027-07-01"},
                }
            ],
        }
    )
    svc = rows(result, "svc")
    assert result.allocation == {"svc": D("1500.00")}
    assert [svc[f"2026-0{m}"] for m in range(1, 7)] == [D("100.00")] * 6
    assert svc["2026-07"] == D("83.33") - D("100.02")
    assert svc["2026-08"] == D("83.33")
    assert svc["2027-06"] == D("1500.00") - D("600.00") - D("-100.02") - 11 * D("83.33")
    assert result.modifications[0]["catch_up"] == {"svc": D("-100.02")}


def test_catch_up_of_a_construction_contract_changes_revenue_of_reached_milestones():
    # IFRS 15 IE Example 8 shape: 1,000,000 for a building (50% at the first milestone, reached
    # before the change); a change adds 150,000 and is not distinct: the reached milestone's share
    # is re-measured at once (catch-up), the rest goes to the next milestone.
    result = run(
        {
            "currency": "USD",
            "transaction_price": "1000000",
            "obligations": [
                {
                    "code": "build",
                    "kind": "milestone",
                    "ssp": "1000000",
                    "milestones": [
                        {"code": "frame", "date": "2026-06-30", "percent": "50"},
                        {"code": "done", "date": "2027-06-30", "percent": "50"},
                    ],
                }
            ],
            "modifications": [
                {"effective": "2026-09-01", "treatment": "cumulative_catch_up", "transaction_price_change": "150000"}
            ],
        }
    )
    assert rows(result, "build") == {"2026-06": D("500000.00"), "2026-09": D("75000.00"), "2027-06": D("575000.00")}
    assert result.allocation == {"build": D("1150000.00")}


def test_prospective_removal_of_an_undelivered_item_reallocates_to_what_remains():
    # phone delivered before the change, internet half done; the undelivered router is removed
    # and the price drops by 10: what is left of the consideration goes to internet's remainder.
    result = run(
        {
            "currency": "USD",
            "transaction_price": "100",
            "obligations": [
                pit("phone", "20", "2026-01-01"),
                {
                    "code": "internet",
                    "kind": "ratable",
                    "ssp": "60",
                    "start": "2026-01-01",
                    "end": "2027-01-01",
                    "granularity": "month_evenly",
                },
                pit("router", "20", "2026-12-01"),
            ],
            "modifications": [
                {
                    "effective": "2026-07-01",
                    "treatment": "prospective",
                    "transaction_price_change": "-10",
                    "remove_obligations": ["router"],
                }
            ],
        }
    )
    # Initial: 20 / 60 / 20. Before July: phone 20, internet 6 x 5 = 30. Remaining 100 - 50 - 10 = 40.
    assert result.allocation == {"phone": D("20.00"), "internet": D("70.00"), "router": D("0.00")}
    assert rows(result, "internet")["2026-07"] == D("6.67")
    assert "router" not in {r.obligation for r in result.schedule}


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # Jan 31 anchor: service months begin Jan 31, Feb 28, Mar 31 (clamped from the anchor).
        ("2026-01-31", "2026-04-30", {"2026-01": D("33.33"), "2026-02": D("33.33"), "2026-03": D("33.34")}),
        # A short last service month counts as one: [Mar 5, Jun 20) = Mar 5, Apr 5, May 5, Jun 5.
        (
            "2026-03-05",
            "2026-06-20",
            {"2026-03": D("25.00"), "2026-04": D("25.00"), "2026-05": D("25.00"), "2026-06": D("25.00")},
        ),
    ],
)
def test_month_evenly_service_months(start, end, expected):
    result = run(
        {
            "currency": "USD",
            "transaction_price": "100",
            "granularity": "month_evenly",
            "obligations": [{"code": "s", "kind": "ratable", "ssp": "1", "start": start, "end": end}],
        }
    )
    assert rows(result, "s") == expected


def test_day_and_exact_granularities_agree_for_dates():
    body = {
        "currency": "USD",
        "transaction_price": "1000",
        "obligations": [{"code": "s", "kind": "ratable", "ssp": "1", "start": "2026-03-05", "end": "2026-06-20"}],
    }
    day = run({**body, "granularity": "day"})
    exact = run({**body, "granularity": "exact"})
    assert day.schedule == exact.schedule
    # 107 days: March 27 days -> 252.34, April 30 -> 280.37, May 31 -> 289.72, June the rest.
    assert rows(day, "s") == {
        "2026-03": D("252.34"),
        "2026-04": D("280.37"),
        "2026-05": D("289.72"),
        "2026-06": D("177.57"),
    }


def test_ratable_items_are_dated_inside_their_month():
    result = run(
        {
            "currency": "USD",
            "transaction_price": "100",
            "obligations": [{"code": "s", "kind": "ratable", "ssp": "1", "start": "2026-03-05", "end": "2026-05-01"}],
        }
    )
    assert [(i.on.isoformat(), i.amount) for i in result.items] == [
        ("2026-03-05", D("47.37")),
        ("2026-04-01", D("52.63")),
    ]  # 27 and 30 of 57 days


def test_negative_usage_is_booked_in_its_month():
    result = run(
        {
            "currency": "USD",
            "obligations": [{"code": "api", "kind": "usage", "amounts": {"2026-03": "720.00", "2026-04": "-20.00"}}],
        }
    )
    assert result.totals_by_period == {"2026-03": D("720.00"), "2026-04": D("-20.00")}
    assert result.allocation == {}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {
                "currency": "USD",
                "transaction_price": "10",
                "obligations": [
                    {"code": "s", "kind": "ratable", "ssp": "1", "start": "2026-03-05", "end": "2026-03-05"}
                ],
            },
            "obligations[0].end",
        ),
        (
            {"currency": "USD", "transaction_price": "10", "obligations": [{"code": "s", "kind": "bogus"}]},
            "obligations[0].kind",
        ),
        (
            {
                "currency": "USD",
                "transaction_price": "10",
                "obligations": [
                    {
                        "code": "m",
                        "kind": "milestone",
                        "ssp": "1",
                        "milestones": [{"date": "2026-01-01", "percent": "90"}],
                    }
                ],
            },
            "obligations[0].milestones",
        ),
        ({"currency": "XXY", "transaction_price": "10", "obligations": [pit("a", "1")]}, "currency"),
        ({"currency": "USD", "transaction_price": [10], "obligations": [pit("a", "1")]}, "transaction_price"),
        ({"currency": "USD", "transaction_price": "10", "obligations": [pit("a", "0")]}, "obligations"),
        (
            {"currency": "USD", "transaction_price": "10", "obligations": [pit("a", "1"), pit("a", "2")]},
            "obligations[1].code",
        ),
        (
            {
                "currency": "USD",
                "transaction_price": "10",
                "obligations": [pit("a", "1")],
                "modifications": [
                    {"effective": "2026-02-01", "treatment": "prospective", "remove_obligations": ["zz"]}
                ],
            },
            "modifications[0].remove_obligations[0]",
        ),
        (
            {
                "currency": "USD",
                "transaction_price": "10",
                "obligations": [
                    pit("a", "5", discount_group="g"),
                    pit("b", "6", discount_group="g"),
                    pit("c", "5", discount_group="h"),
                    pit("d", "6", discount_group="h"),
                    pit("e", "1"),
                ],
            },
            "obligations",
        ),
        # The obligations outside the group are worth more than the price: no discount to put on it.
        (
            {
                "currency": "USD",
                "transaction_price": "10",
                "obligations": [pit("a", "11"), pit("b", "6", discount_group="g"), pit("c", "6", discount_group="g")],
            },
            "obligations",
        ),
    ],
)
def test_invalid_input_names_the_field(body, field):
    with pytest.raises(RevenueInputError) as info:
        run(body)
    assert field in info.value.fields


def test_json_numbers_are_read_by_their_decimal_representation():
    result = run({"currency": "USD", "transaction_price": 80.1, "obligations": [pit("a", 20), pit("b", 0.1)]})
    assert result.allocation == {"a": D("79.70"), "b": D("0.40")}  # 80.1 x 20/20.1 = 79.701 -> 79.70


def test_usage_amounts_are_rounded_half_up_to_the_minor_unit():
    result = run({"currency": "USD", "obligations": [
        {"code": "api", "kind": "usage", "amounts": {"2026-03": "0.125", "2026-04": "-0.125"}}]})
    assert result.totals_by_period == {"2026-03": D("0.13"), "2026-04": D("-0.13")}


def test_ifrs15_ie_example_33_allocation_methodology():
    # IFRS 15 IE Example 33 (ASC 606-10-55-256): A, B, C with SSPs 50 (observable), 25 (adjusted
    # market assessment) and 75 (expected cost plus a margin) sold for 100. Published: 33 / 17 / 50.
    result = run({"currency": "USD", "transaction_price": "100",
                  "obligations": [pit("A", "50"), pit("B", "25"), pit("C", "75")]})
    assert result.allocation == {"A": D("33.33"), "B": D("16.67"), "C": D("50.00")}


def test_ifrs15_ie_example_52_customer_loyalty_points():
    # IFRS 15 IE Example 52 (ASC 606-10-55-353): 100,000 of sales earn points whose SSP is 9,500:
    # published 91,324 to the products and 8,676 to the points.
    result = run({"currency": "USD", "transaction_price": "100000", "obligations": [
        pit("products", "100000", "2026-01-31"), pit("points", "9500", "2026-12-31")]})
    assert result.allocation == {"products": D("91324.20"), "points": D("8675.80")}


def test_handset_and_two_year_plan_bundle():
    # The telecom bundle: a handset (SSP 500) given with a 24-month plan at 50 a month (SSP 1,200)
    # for 1,200 in all: handset 352.94 at contract start, plan 847.06 over 24 months (35.29 a month,
    # the last month 35.39).
    result = run({
        "currency": "USD", "transaction_price": "1200", "granularity": "month_evenly",
        "obligations": [pit("handset", "500", "2026-03-01"),
                        {"code": "plan", "kind": "ratable", "ssp": "1200", "start": "2026-03-01",
                         "end": "2028-03-01"}],
    })
    assert result.allocation == {"handset": D("352.94"), "plan": D("847.06")}
    plan = rows(result, "plan")
    assert len(plan) == 24
    assert plan["2026-03"] == D("35.29")
    assert plan["2028-02"] == D("847.06") - 23 * D("35.29")
    assert result.totals_by_period["2026-03"] == D("388.23")


def test_currency_code_is_case_insensitive():
    result = run({"currency": "eur", "transaction_price": "10", "obligations": [pit("a", "1")]})
    assert result.currency == "EUR"
