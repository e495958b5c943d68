"""Amendments without a database: the new line set from a change list, and the proration rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.amendments import AmendmentError, amendment_plan, base_code, versioned_code
from invoicing.drafting.amendment_proration import Terms, proration_rows
from rating.schedules import Period

D = Decimal
START = date(2026, 3, 1)
DAY = date(2026, 3, 20)
MARCH = Period(start=DAY, end=date(2026, 4, 1), nominal_start=START, nominal_end=date(2026, 4, 1))


def _line(**fields: object) -> dict[str, object]:
    line: dict[str, object] = {
        "id": 1, "code": "seats", "description": "", "charge_model": "per_seat", "metric": "",
        "billing_interval": "month", "billing_interval_count": 1, "billing_timing": "in_advance",
        "start_date": None, "end_date": None, "anchor_date": None, "amount": None, "unit_price": D("50"),
        "included_units": D(0), "tiers": [], "tier_basis": "period", "package_size": None, "package_price": None,
        "free_units": D(0), "rate": None, "fixed_fee": D(0), "free_events": None, "free_amount": None,
        "per_event_min": None, "per_event_max": None, "seats": D(20), "charge_date": None, "price": None,
        "top_up_threshold": None, "top_up_amount": None, "expires_on": None, "minimum_amount": None,
        "sort_order": 0,
    }
    line.update(fields)
    return line


def _usage_line(**fields: object) -> dict[str, object]:
    return _line(
        id=2, code="api", charge_model="per_unit", metric="api_calls", billing_timing="in_arrears",
        unit_price=D("0.004"), seats=None, minimum_amount=D("200"), sort_order=1, **fields,
    )


def _plan(changes: object, lines: list[dict[str, object]] | None = None, day: date = DAY, **kwargs: object):
    return amendment_plan(
        lines=lines if lines is not None else [_line(), _usage_line()],
        changes=changes,
        effective_date=day,
        contract_start=START,
        contract_end=kwargs.pop("contract_end", None),  # type: ignore[arg-type]
        meters={"api_calls", "storage"},
    )


def _errors(changes: object, **kwargs: object) -> dict[str, list[str]]:
    with pytest.raises(AmendmentError) as caught:
        _plan(changes, **kwargs)
    return caught.value.fields


# --- the new line set ----------------------------------------------------------------------------


def test_adding_seats_ends_the_old_version_and_starts_a_new_one_on_the_effective_date():
    plan = _plan([{"type": "add_seats", "line": "seats", "seats": "20"}])

    (version,) = plan.versions
    assert version.kind == "change"
    assert version.old is not None
    assert version.new is not None
    assert (version.old["seats"], version.old["end_date"]) == (D(20), None)  # as it was
    assert version.new["code"] == "seats__2026-03-20"
    assert (version.new["seats"], version.new["unit_price"]) == (D(40), D(50))
    assert (version.new["start_date"], version.new["end_date"], version.new["anchor_date"]) == (DAY, None, START)
    assert "id" not in version.new
    codes = {line["code"]: (line.get("start_date"), line["end_date"]) for line in plan.lines}
    assert codes == {"seats": (None, DAY), "api": (None, None), "seats__2026-03-20": (DAY, None)}


@pytest.mark.parametrize(
    ("change", "seats"),
    [
        ({"type": "set_seats", "line": "seats", "seats": "40"}, D(40)),
        ({"type": "add_seats", "line": "seats", "seats": "-5"}, D(15)),
        ({"type": "add_seats", "line": "seats", "seats": 3}, D(23)),
        ({"type": "set_seats", "line": "seats", "seats": "0"}, D(0)),
    ],
)
def test_seat_changes(change, seats):
    (version,) = _plan([change]).versions
    assert version.new is not None
    assert version.new["seats"] == seats


def test_a_price_change_on_a_usage_line_keeps_its_metric_and_versions_it():
    plan = _plan([{"type": "change_price", "line": "api", "unit_price": "0.003"}])

    (version,) = plan.versions
    assert version.new is not None
    assert version.new["code"] == "api__2026-03-20"
    assert (version.new["metric"], version.new["unit_price"], version.new["minimum_amount"]) == (
        "api_calls", D("0.003"), D(200),
    )
    assert version.new["billing_timing"] == "in_arrears"


def test_two_changes_to_one_line_make_one_version():
    plan = _plan(
        [
            {"type": "add_seats", "line": "seats", "seats": "5"},
            {"type": "change_price", "line": "seats", "unit_price": "45"},
        ]
    )

    (version,) = plan.versions
    assert version.change_indexes == (0, 1)
    assert version.new is not None
    assert (version.new["seats"], version.new["unit_price"]) == (D(25), D(45))


def test_a_versioned_line_is_found_by_the_code_it_started_with():
    versioned = _line(id=3, code="seats__2026-03-10", start_date=date(2026, 3, 10), anchor_date=START, seats=D(30))
    lines = [_line(end_date=date(2026, 3, 10)), versioned]

    (version,) = _plan([{"type": "add_seats", "line": "seats", "seats": "1"}], lines=lines).versions

    assert version.old is not None
    assert version.new is not None
    assert version.old["code"] == "seats__2026-03-10"
    assert (version.new["code"], version.new["seats"], version.new["anchor_date"]) == (
        "seats__2026-03-20", D(31), START,
    )


def test_adding_a_line_starts_it_on_the_effective_date_on_the_contract_cycle():
    change = {
        "type": "add_line",
        "line_data": {"code": "support", "charge_model": "flat", "amount": "310.00", "description": "Support"},
    }

    (version,) = _plan([change]).versions

    assert version.kind == "add"
    assert version.old is None
    assert version.new is not None
    new = version.new
    assert (new["code"], new["amount"], new["billing_timing"]) == ("support", D("310.00"), "in_advance")
    assert (new["start_date"], new["anchor_date"], new["sort_order"]) == (DAY, START, 2)


def test_ending_a_line_sets_its_end_to_the_effective_date():
    plan = _plan([{"type": "end_line", "line": "api"}])

    (version,) = plan.versions
    assert (version.kind, version.new) == ("end", None)
    assert [line["end_date"] for line in plan.lines if line["code"] == "api"] == [DAY]


def test_a_commitment_naming_a_replaced_line_covers_its_new_version():
    plan = _plan([{"type": "change_price", "line": "api", "unit_price": "0.003"}])

    assert plan.commitment_codes(["api"]) == ["api", "api__2026-03-20"]
    assert plan.commitment_codes([]) == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [("seats", "seats"), ("seats__2026-03-20", "seats"), ("seats__2026-03-20-2", "seats"), ("a__b", "a__b")],
)
def test_base_code(code, expected):
    assert base_code(code) == expected


def test_versioned_codes_are_unique():
    taken = {"seats", "seats__2026-03-20"}
    assert versioned_code("seats", DAY, taken) == "seats__2026-03-20-2"
    assert versioned_code("seats__2026-03-01", DAY, set()) == "seats__2026-03-20"


# --- validation: every error with its path -------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "path", "fragment"),
    [
        ([{"type": "add_seats", "line": "seats", "seats": "abc"}], "changes[0].seats", "valid decimal"),
        ([{"type": "add_seats", "line": "seats"}], "changes[0].seats", "required"),
        ([{"type": "add_seats", "line": "seats", "seats": "0"}], "changes[0].seats", "zero"),
        ([{"type": "add_seats", "line": "seats", "seats": "-21"}], "changes[0].seats", "fewer than 0"),
        ([{"type": "set_seats", "line": "seats", "seats": "20"}], "changes[0].seats", "already has 20"),
        ([{"type": "add_seats", "line": "api", "seats": "1"}], "changes[0].line", "not a per-seat"),
        ([{"type": "add_seats", "line": "nope", "seats": "1"}], "changes[0].line", "No line 'nope'"),
        ([{"type": "upgrade"}], "changes[0].type", "One of"),
        (["add 20 seats"], "changes[0]", "object"),
        ([{"type": "change_price", "line": "api", "unit_price": "-1"}], "changes[0].unit_price", "negative"),
        ([{"type": "change_price", "line": "api", "billing_interval": "year"}], "changes[0].billing_interval", "end"),
        ([{"type": "change_price", "line": "api", "colour": "red"}], "changes[0].colour", "price field"),
        ([{"type": "change_price", "line": "api"}], "changes[0].type", "at least one"),
        ([{"type": "change_price", "line": "api", "charge_model": "flat", "amount": "1"}], "changes[0].charge_model",
         "switch"),
        ([{"type": "change_price", "line": "api", "charge_model": "graduated"}], "changes[0].tiers", "required"),
        ([{"type": "add_line", "line_data": "support"}], "changes[0].line_data", "object"),
        ([{"type": "add_line", "line_data": {"code": "x", "charge_model": "flat"}}], "changes[0].line_data.amount",
         "required"),
        ([{"type": "add_line", "line_data": {"code": "api", "charge_model": "flat", "amount": "1"}}],
         "changes[0].line_data.code", "exists"),
        ([{"type": "add_line", "line_data": {"code": "gb", "charge_model": "per_unit", "unit_price": "1",
                                             "metric": "nope"}}], "changes[0].line_data.metric", "No meter"),
        ([{"type": "add_line", "line_data": {"code": "x y", "charge_model": "flat", "amount": "1"}}],
         "changes[0].line_data.code", "Letters"),
        ([{"type": "add_line", "line_data": {"code": "x", "charge_model": "flat", "amount": "1",
                                             "end_date": "2026-03-20"}}], "changes[0].line_data.end_date", "after"),
        ([{"type": "end_line", "line": "seats"}, {"type": "end_line", "line": "seats"}], "changes[1].line",
         "No line"),
        ([{"type": "add_seats", "line": "seats", "seats": "1"}, {"type": "end_line", "line": "seats"}],
         "changes[1].line", "earlier change"),
        ([], "changes", "non-empty"),
        ("add seats", "changes", "non-empty"),
    ],
)
def test_invalid_changes_are_reported_by_path(changes, path, fragment):
    errors = _errors(changes)
    assert path in errors, errors
    assert any(fragment in message for message in errors[path]), errors


@pytest.mark.parametrize(
    ("day", "contract_end"), [(START, None), (date(2026, 2, 1), None), (date(2026, 6, 1), date(2026, 6, 1))]
)
def test_the_effective_date_must_fall_inside_the_contract(day, contract_end):
    errors = _errors([{"type": "end_line", "line": "api"}], day=day, contract_end=contract_end)
    assert list(errors) == ["effective_date"]


def test_a_line_is_amended_after_it_starts():
    lines = [_line(start_date=DAY)]
    errors = _errors([{"type": "add_seats", "line": "seats", "seats": "1"}], lines=lines)
    assert "starts on 2026-03-20" in errors["changes[0].line"][0]


def test_errors_of_every_change_are_reported_together():
    errors = _errors(
        [{"type": "add_seats", "line": "seats", "seats": "x"}, {"type": "change_price", "line": "zzz", "amount": "1"}]
    )
    assert set(errors) == {"changes[0].seats", "changes[1].line"}


def test_one_time_lines_are_not_repriced():
    lines = [_line(id=5, code="setup", charge_model="one_time", amount=D(100), seats=None, unit_price=None)]
    errors = _errors([{"type": "change_price", "line": "setup", "amount": "50"}], lines=lines)
    assert "not re-priced" in errors["changes[0].line"][0]


# --- proration rows ------------------------------------------------------------------------------

OLD = Terms("seats", "20 seats x $50.00", D(20), D(50), D(1000))
NEW = Terms("seats__2026-03-20", "40 seats x $50.00", D(40), D(50), D(2000))
LESS = Terms("seats__2026-03-20", "10 seats x $50.00", D(10), D(50), D(500))


def test_seed_upgrade_credits_the_old_terms_and_charges_the_new_for_12_of_31_days():
    rows = proration_rows(old=OLD, new=NEW, billed=[MARCH], currency="USD", credit_on_downgrade=True)

    assert [(r.line_code, r.amount) for r in rows] == [("seats", D("-387.10")), ("seats__2026-03-20", D("774.19"))]
    # babel's compact interval, with thin spaces around the en dash
    assert rows[0].description == "Unused time on 20 seats x $50.00 (Mar 20\u2009\u2013\u200931, 2026)"
    assert rows[1].description == "Remaining time on 40 seats x $50.00 (Mar 20\u2009\u2013\u200931, 2026)"
    assert sum(r.amount for r in rows) == D("387.09")  # each row rounded once, half up, then summed


def test_downgrade_credits_unused_days_by_default():
    rows = proration_rows(old=OLD, new=LESS, billed=[MARCH], currency="USD", credit_on_downgrade=True)
    assert [r.amount for r in rows] == [D("-387.10"), D("193.55")]


def test_downgrade_without_credit_bills_nothing_for_the_paid_period():
    rows = proration_rows(old=OLD, new=LESS, billed=[MARCH], currency="USD", credit_on_downgrade=False)
    assert rows == []


def test_upgrade_ignores_the_downgrade_setting():
    rows = proration_rows(old=OLD, new=NEW, billed=[MARCH], currency="USD", credit_on_downgrade=False)
    assert [r.amount for r in rows] == [D("-387.10"), D("774.19")]


def test_ending_a_line_credits_its_unused_days():
    rows = proration_rows(old=OLD, new=None, billed=[MARCH], currency="USD", credit_on_downgrade=True)
    assert [r.amount for r in rows] == [D("-387.10")]


def test_a_period_not_billed_yet_gets_only_the_new_terms_for_the_remaining_days():
    rows = proration_rows(old=OLD, new=NEW, billed=[], unbilled=[MARCH], currency="USD", credit_on_downgrade=True)
    assert [(r.line_code, r.amount) for r in rows] == [("seats__2026-03-20", D("774.19"))]


@given(
    amount=st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False, allow_infinity=False),
    start_offset=st.integers(min_value=0, max_value=30),
)
def test_credit_and_charge_of_the_same_terms_cancel_and_a_whole_period_credits_the_whole_amount(amount, start_offset):
    terms = Terms("x", "x", D(1), amount, amount)
    start = date(2026, 3, 1 + start_offset)
    period = Period(start=start, end=date(2026, 4, 1), nominal_start=START, nominal_end=date(2026, 4, 1))
    rows = proration_rows(
        old=terms, new=terms, billed=[period], currency="USD", credit_on_downgrade=True
    )
    assert sum(r.amount for r in rows) == 0
    if start_offset == 0 and amount:
        assert rows[0].precise_amount == -amount
