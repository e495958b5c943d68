"""The plausibility pass at the end of extraction: lines no billing admin would enter are dropped,
with a warning, and the evidence of the kept lines follows them to their new positions."""

from contracts.documents.extractor import _Recorder
from contracts.documents.plausibility import drop_implausible_lines


def _flat(amount, description="", interval="month"):
    return {
        "code": description.lower().replace(" ", "_") or "flat",
        "description": description,
        "charge_model": "flat",
        "amount": amount,
        "billing_interval": interval,
        "billing_interval_count": 1,
        "billing_timing": "in_advance",
    }


def _recorder(lines, texts):
    rec = _Recorder()
    for index, text in enumerate(texts):
        rec.evidence[f"lines[{index}].amount"] = {"page": 1, "text": text}
        rec.confidence[f"lines[{index}].amount"] = 0.9
    return rec


def _dropped(rec):
    return [w["message"] for w in rec.warnings if w["field"] == "lines" and w["message"].startswith("Dropped")]


def test_zero_recurring_fee_is_dropped_and_evidence_renumbered():
    lines = [_flat("0", "Comp seats"), _flat("120.00", "Hosting")]
    rec = _recorder(lines, ["Comp seats at a price of 0.00", "Hosting: 120.00 a month"])
    rec.warn("lines[1].amount", "check it")
    kept = drop_implausible_lines(lines, rec)
    assert [line["description"] for line in kept] == ["Hosting"]
    assert rec.evidence["lines[0].amount"]["text"] == "Hosting: 120.00 a month"
    assert "lines[1].amount" not in rec.evidence
    assert {"field": "lines[0].amount", "message": "check it"} in rec.warnings
    assert len(_dropped(rec)) == 1


def test_sub_unit_fee_stated_per_event_is_dropped_but_a_small_monthly_fee_is_kept():
    lines = [_flat("0.45", "Parcel label"), _flat("0.80", "Archive")]
    rec = _recorder(
        lines,
        [
            "Each parcel label costs at least 0.45 for any single shipment.",
            "Archive storage: 0.80 per month.",
        ],
    )
    kept = drop_implausible_lines(lines, rec)
    assert [line["description"] for line in kept] == ["Archive"]


def test_sub_unit_fee_equal_to_a_tier_price_is_dropped():
    tiers = {
        "code": "scans",
        "description": "Scans",
        "charge_model": "graduated",
        "tiers": [{"up_to": "5000", "unit_price": "0.20"}, {"up_to": None, "unit_price": "0.15"}],
        "billing_interval": "month",
        "billing_interval_count": 1,
        "billing_timing": "in_arrears",
    }
    lines = [tiers, _flat("0.15", "Band two"), _flat("0.50", "Mailbox")]
    rec = _recorder(lines, ["", "5,001 and up | 0.15", "Mailbox: 0.50 monthly"])
    kept = drop_implausible_lines(lines, rec)
    assert [line["description"] for line in kept] == ["Scans", "Mailbox"]


def test_a_total_of_other_fees_is_dropped_but_a_fee_of_its_own_is_kept():
    lines = [
        _flat("900", "Platform"),
        _flat("350", "Support"),
        _flat("1250", "Total monthly"),
        _flat("1250", "Premium care", interval="year"),
        _flat("1250", "Data room"),
    ]
    rec = _recorder(
        lines, ["", "", "Monthly total 1,250.00", "Premium care 1,250.00 per year", "Data room 1,250.00 a month"]
    )
    kept = drop_implausible_lines(lines, rec)
    assert [line["description"] for line in kept] == ["Platform", "Support", "Premium care", "Data room"]


def test_seats_times_price_restated_as_a_flat_fee_is_dropped():
    seats = {
        "code": "editors",
        "description": "Editors",
        "charge_model": "per_seat",
        "unit_price": "14.00",
        "seats": "30",
        "billing_interval": "month",
        "billing_interval_count": 1,
        "billing_timing": "in_advance",
    }
    lines = [seats, _flat("420.00", "Editor charge"), _flat("420.00", "Gateway")]
    rec = _recorder(lines, ["", "30 editors, so 420.00 each month", "Gateway rental 420.00 a month"])
    kept = drop_implausible_lines(lines, rec)
    assert [line["description"] for line in kept] == ["Editors", "Gateway"]


def test_one_time_total_of_milestones_is_dropped():
    milestones = {
        "code": "phases",
        "description": "Phases",
        "charge_model": "milestone",
        "milestones": [{"name": "Design", "amount": "7000"}, {"name": "Build", "amount": "11000"}],
    }
    lines = [
        milestones,
        {"code": "project", "description": "Project fee", "charge_model": "one_time", "amount": "18000"},
        {"code": "travel", "description": "Travel", "charge_model": "one_time", "amount": "7000"},
    ]
    rec = _recorder(lines, ["", "a fixed project fee of 18,000", "Travel allowance 7,000"])
    kept = drop_implausible_lines(lines, rec)
    assert [line["description"] for line in kept] == ["Phases", "Travel"]


def test_exact_duplicate_is_dropped_but_two_fees_with_one_price_are_kept():
    setup = {"code": "setup", "description": "Setup", "charge_model": "one_time", "amount": "900"}
    again = {"code": "setup_2", "description": "Setup fee", "charge_model": "one_time", "amount": "900"}
    training = {"code": "training", "description": "Training", "charge_model": "one_time", "amount": "900"}
    lines = [setup, again, training]
    rec = _recorder(lines, ["Setup | 900", "a setup fee of 900", "Training | 900"])
    kept = drop_implausible_lines(lines, rec)
    assert [line["code"] for line in kept] == ["setup", "training"]


def test_sub_unit_fee_read_from_a_quantity_band_row_is_dropped():
    lines = [_flat("0.07", "Pages"), _flat("0.25", "Fax line")]
    rec = _recorder(lines, ["20,001 - 80,000 | 0.07", "Fax line | 0.25 | monthly"])
    kept = drop_implausible_lines(lines, rec)
    assert [line["description"] for line in kept] == ["Fax line"]
