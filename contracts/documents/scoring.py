"""Field-level comparison of two extractions: F1 against an expected contract, and the
disagreements between the offline extractor and a language model.

A field is one value a billing admin types: customer name, start date, a line's unit price, a
tier's bound, a milestone's amount. Lines are paired by how many of their fields agree (their
order in the document is not a field). Codes, descriptions, metric names and milestone names are
labels the admin chooses, not terms of the contract, so they are not scored. A line's cadence
and timing are scored only for recurring charges (a one-time fee has none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

RECURRING = {"flat", "per_unit", "graduated", "volume", "package", "percentage", "per_seat"}
NOT_SCORED = {"code", "description", "metric", "dimension_value", "unit_label", "lines", "name"}
ZERO_DEFAULTS = {"included_units", "free_units", "fixed_fee"}
DEFAULTS = {"tier_basis": "period"}


def _norm(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal) or (
        isinstance(value, str) and re.fullmatch(r"-?\d+(?:\.\d+)?", value.strip())
    ):
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            return str(value)
        return format(number.normalize(), "f") if number != 0 else "0"
    if isinstance(value, str):
        return re.sub(r"[\s.,]+$", "", re.sub(r"\s+", " ", value.strip().casefold()))
    return value


def _line_fields(line: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    model = line.get("charge_model")
    for key, value in line.items():
        if key in NOT_SCORED:
            continue
        if key in ("billing_interval", "billing_interval_count", "billing_timing") and model not in RECURRING:
            continue
        if key == "tiers" and isinstance(value, list):
            for index, tier in enumerate(value):
                for name, tier_value in (tier or {}).items():
                    normalised = _norm(tier_value)
                    if name == "flat_fee" and normalised == "0":
                        continue
                    if name == "up_to" or normalised is not None:
                        out[f"tiers[{index}].{name}"] = normalised if normalised is not None else "open"
            continue
        if key == "milestones" and isinstance(value, list):
            for index, milestone in enumerate(value):
                for name in ("amount", "due_date"):
                    normalised = _norm((milestone or {}).get(name))
                    if normalised is not None:
                        out[f"milestones[{index}].{name}"] = normalised
            continue
        normalised = _norm(value)
        if normalised is None or (key in ZERO_DEFAULTS and normalised == "0") or DEFAULTS.get(key) == normalised:
            continue
        out[key] = normalised
    return out


def flatten_contract(extraction: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(contract-level fields, one field dict per line)."""
    top: dict[str, Any] = {}
    for key, value in (extraction.get("customer") or {}).items():
        normalised = _norm(value)
        if normalised is not None:
            top[f"customer.{key}"] = normalised
    for key in ("start_date", "end_date", "currency", "billing_alignment"):
        normalised = _norm(extraction.get(key))
        if normalised is not None:
            top[key] = normalised
    commitment = extraction.get("minimum_commitment") or {}
    for key in ("amount", "period"):
        normalised = _norm(commitment.get(key))
        if normalised is not None:
            top[f"minimum_commitment.{key}"] = normalised
    lines = [_line_fields(line) for line in extraction.get("lines") or [] if isinstance(line, dict)]
    return top, lines


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.true_positive += other.true_positive
        self.false_positive += other.false_positive
        self.false_negative += other.false_negative
        self.misses.extend(other.misses)

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _compare(expected: dict[str, Any], predicted: dict[str, Any], prefix: str, score: Score) -> None:
    for key, value in expected.items():
        if key in predicted and predicted[key] == value:
            score.true_positive += 1
        else:
            score.false_negative += 1
            if key in predicted:
                score.false_positive += 1
                score.misses.append(f"{prefix}{key}: expected {value!r}, got {predicted[key]!r}")
            else:
                score.misses.append(f"{prefix}{key}: expected {value!r}, missing")
    for key, value in predicted.items():
        if key not in expected:
            score.false_positive += 1
            score.misses.append(f"{prefix}{key}: unexpected {value!r}")


def pair_lines(expected: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> list[tuple[int | None, int | None]]:
    """Greedy pairing by the number of agreeing fields (a same charge model counts double)."""
    candidates = []
    for i, exp in enumerate(expected):
        for j, pred in enumerate(predicted):
            agree = sum(1 for k, v in exp.items() if pred.get(k) == v)
            agree += 1 if exp.get("charge_model") == pred.get("charge_model") else 0
            candidates.append((agree, -abs(i - j), i, j))
    candidates.sort(reverse=True)
    used_e: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int | None, int | None]] = []
    for agree, _, i, j in candidates:
        if agree <= 0 or i in used_e or j in used_p:
            continue
        used_e.add(i)
        used_p.add(j)
        pairs.append((i, j))
    pairs += [(i, None) for i in range(len(expected)) if i not in used_e]
    pairs += [(None, j) for j in range(len(predicted)) if j not in used_p]
    return pairs


def score_extraction(expected: dict[str, Any], predicted: dict[str, Any]) -> Score:
    score = Score()
    exp_top, exp_lines = flatten_contract(expected)
    pred_top, pred_lines = flatten_contract(predicted)
    _compare(exp_top, pred_top, "", score)
    for i, j in pair_lines(exp_lines, pred_lines):
        _compare(
            exp_lines[i] if i is not None else {},
            pred_lines[j] if j is not None else {},
            f"lines[{i if i is not None else '+' + str(j)}].",
            score,
        )
    return score


def disagreements(offline: dict[str, Any], other: dict[str, Any]) -> list[dict[str, Any]]:
    """Field-by-field differences between two extractions, with the offline line's path."""
    out: list[dict[str, Any]] = []
    a_top, a_lines = flatten_contract(offline)
    b_top, b_lines = flatten_contract(other)
    for key in sorted(set(a_top) | set(b_top)):
        if a_top.get(key) != b_top.get(key):
            out.append({"field": key, "offline": a_top.get(key), "model": b_top.get(key)})
    for i, j in pair_lines(a_lines, b_lines):
        a = a_lines[i] if i is not None else {}
        b = b_lines[j] if j is not None else {}
        prefix = f"lines[{i}]" if i is not None else "lines"
        if i is None:
            out.append({"field": prefix, "offline": None, "model": f"an extra {b.get('charge_model')} line"})
            continue
        if j is None:
            out.append({"field": prefix, "offline": a.get("charge_model"), "model": "no such line"})
            continue
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                out.append({"field": f"{prefix}.{key}", "offline": a.get(key), "model": b.get(key)})
    return out
