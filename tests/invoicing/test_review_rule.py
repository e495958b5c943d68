"""The anomaly hold rule and line edits, as pure functions (no database)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.models import Customer
from invoicing.drafting.review import PastInvoice, anomaly_reasons, line_amounts, line_edit_errors, review_decide
from invoicing.models import Invoice

HISTORY = [D("100.00"), D("90.00"), D("110.00")]  # median 100.00


def reasons(total: str, history: list[D] = HISTORY, *, hold_above: str | None = None, factor: str = "3") -> list[str]:
    return anomaly_reasons(
        D(total), history, factor=D(factor), history_size=3, hold_above=None if hold_above is None else D(hold_above)
    )


@pytest.mark.parametrize(
    ("total", "held"),
    [
        ("300.00", False),  # exactly 3x the median: not held ("more than")
        ("300.01", True),
        ("33.34", False),
        ("33.33", True),  # 33.33 x 3 = 99.99 < 100: under a third
        ("100.00", False),
        ("0.00", True),  # nothing billed against a history of ~100
    ],
)
def test_ratio_thresholds(total: str, held: bool) -> None:
    assert bool(reasons(total)) is held


def test_exactly_a_third_is_not_held_and_just_under_is() -> None:
    history = [D("300.00"), D("300.00"), D("300.00")]
    assert reasons("100.00", history) == []
    assert reasons("99.99", history) == [
        "Total 99.99 is under 1/3 of the median 300.00 of the last 3 invoices."
    ]


def test_reason_names_the_factor_and_the_median() -> None:
    assert reasons("400.00") == ["Total 400.00 is more than 3x the median 100.00 of the last 3 invoices."]


def test_median_not_mean_so_one_outlier_in_history_does_not_move_the_baseline() -> None:
    history = [D("100.00"), D("5000.00"), D("100.00")]  # mean 1733, median 100
    assert reasons("400.00", history)


def test_only_the_newest_history_size_invoices_count() -> None:
    history = [D("1000.00"), D("1000.00"), D("1000.00"), D("100.00"), D("100.00")]  # newest first
    assert reasons("2000.00", history) == []


@pytest.mark.parametrize("history", [[], [D("100.00")], [D("100.00"), D("100.00")]])
def test_fewer_than_history_size_invoices_skip_the_ratio_test(history: list[D]) -> None:
    assert reasons("100000.00", history) == []
    assert reasons("0.01", history) == []


def test_zero_median_has_no_baseline() -> None:
    assert reasons("5000.00", [D("0.00"), D("0.00"), D("100.00")]) == []


def test_absolute_limit_holds_even_without_history() -> None:
    assert reasons("1000.00", [], hold_above="1000.00") == []
    assert reasons("1000.01", [], hold_above="1000.00") == ["Total 1000.01 is above the review limit of 1000.00."]


def test_both_reasons_are_given() -> None:
    found = reasons("5000.00", hold_above="1000")
    assert len(found) == 2
    assert "review limit of 1000" in found[0]
    assert "more than 3x the median 100.00" in found[1]


def test_configured_factor() -> None:
    assert reasons("250.00", factor="2") == ["Total 250.00 is more than 2x the median 100.00 of the last 3 invoices."]
    assert reasons("250.00", factor="2.5") == []


amounts = st.decimals(min_value=D("0.01"), max_value=D("1000000"), places=2)


@given(history=st.lists(amounts, min_size=3, max_size=3), total=amounts, scale=st.integers(1, 1000))
def test_the_decision_does_not_depend_on_the_scale_of_the_amounts(history: list[D], total: D, scale: int) -> None:
    """A customer billed in cents or in thousands is held on the same pattern."""
    assert bool(reasons(str(total), history)) == bool(reasons(str(total * scale), [h * scale for h in history]))


@given(history=st.lists(amounts, min_size=3, max_size=3), total=amounts)
def test_held_exactly_outside_the_band_around_the_median(history: list[D], total: D) -> None:
    middle = sorted(history)[1]
    assert bool(reasons(str(total), history)) == (total > 3 * middle or total < middle / 3)


# --- line edits -----------------------------------------------------------------------------------


def edit_errors(**overrides: object) -> dict[str, list[str]]:
    values: dict[str, object] = {
        "kind": "usage", "description": "API calls", "quantity": D(100), "unit_price": D("1.00"),
        "amount": D("100.00"), "currency": "USD",
    }
    values.update(overrides)
    return line_edit_errors(**values)  # type: ignore[arg-type]


def test_a_valid_edit_has_no_errors() -> None:
    assert edit_errors() == {}
    assert edit_errors(amount=None) == {}  # computed from quantity x unit price


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"description": "  "}, "description", "Enter a description"),
        ({"quantity": D(-1)}, "quantity", "cannot be negative"),
        ({"unit_price": D("-0.01")}, "unit_price", "cannot be negative"),
        ({"amount": D("-1")}, "amount", "cannot be negative"),
        ({"amount": D("10.005")}, "amount", "USD amounts have at most 2 decimal place(s)."),
        ({"amount": D("10.5"), "currency": "JPY"}, "amount", "JPY amounts have at most 0 decimal place(s)."),
        ({"amount": None, "unit_price": None}, "amount", "no unit price"),
        ({"kind": "credit"}, "amount", "cannot be edited"),
    ],
)
def test_invalid_edits_name_the_field(overrides: dict[str, object], field: str, message: str) -> None:
    errors = edit_errors(**overrides)
    assert list(errors) == [field]
    assert message in errors[field][0]


def test_amount_from_quantity_and_unit_price_is_rounded_once() -> None:
    assert line_amounts(quantity=D(1001), unit_price=D("0.0045"), amount=None, currency="USD") == (
        D("4.5045"), D("4.50")
    )
    assert line_amounts(quantity=D(1), unit_price=D(1), amount=D("12.30"), currency="USD") == (D("12.30"), D("12.30"))


# --- the decision on a draft (unsaved objects, no database) -------------------------------------

PAST = [PastInvoice("INV-3", "2026-04-01", D("100.0000")), PastInvoice("INV-2", "2026-03-01", D("100.0000")),
        PastInvoice("INV-1", "2026-02-01", D("100.0000"))]


def decided(total: str, *, kind: str = "recurring", auto_send: bool = True, limit: str | None = None) -> Invoice:
    customer = Customer(name="Initech", invoice_hold_above=None if limit is None else D(limit))
    invoice = Invoice(customer=customer, kind=kind, currency="USD", total=D(total))
    review_decide(invoice, history=PAST, auto_send=auto_send)
    return invoice


def test_decision_held_keeps_its_inputs() -> None:
    invoice = decided("400.0000")
    assert (invoice.review_status, invoice.auto_send) == ("held", False)
    assert invoice.hold_details["median"] == D("100.00")
    assert [h["total"] for h in invoice.hold_details["history"]] == [D("100.00")] * 3
    assert invoice.hold_details["hold_above"] == D("100000.00")


def test_decision_pending_and_not_required() -> None:
    pending = decided("100", auto_send=False)
    assert (pending.review_status, pending.auto_send) == ("pending", False)
    assert pending.hold_details["median"] == D("100.00")  # shown to the reviewer as well
    normal = decided("100")
    assert (normal.review_status, normal.auto_send, normal.hold_reason, normal.hold_details) == (
        "not_required", True, "", {}
    )


def test_one_off_invoices_are_not_compared_with_recurring_history_but_have_the_limit() -> None:
    assert decided("5000", kind="milestone").review_status == "not_required"
    held = decided("5000", kind="milestone", limit="1000")
    assert held.hold_reason == "Total 5000.00 is above the review limit of 1000.00."
    assert held.hold_details["history"] == []
