"""The optional language-model extractor, run beside the offline one.

Off unless ``CONTRACT_EXTRACTION_LLM`` is ``anthropic`` or ``openai`` (the SDK reads its own API
key from the environment: ANTHROPIC_API_KEY / OPENAI_API_KEY; the model from
``CONTRACT_EXTRACTION_LLM_MODEL``). The model is asked for JSON in the contract schema below; its
answer is validated by the same parser as the API before it is shown, and compared field by
field with the offline extraction (scoring.disagreements). It never replaces the offline result.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

CHARGE_MODELS = [
    "flat",
    "per_unit",
    "graduated",
    "volume",
    "package",
    "percentage",
    "per_seat",
    "milestone",
    "one_time",
    "prepaid_credit",
]
_DECIMAL = {"type": ["string", "null"], "pattern": r"^-?\d+(\.\d+)?$"}
_DATE = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}

CONTRACT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["customer", "start_date", "end_date", "currency", "billing_alignment", "minimum_commitment", "lines"],
    "properties": {
        "customer": {
            "type": "object",
            "properties": {
                "name": {"type": ["string", "null"]},
                "email": {"type": ["string", "null"]},
                "currency": {"type": ["string", "null"]},
                "timezone": {"type": ["string", "null"]},
                "payment_terms_days": {"type": ["integer", "null"]},
            },
        },
        "start_date": _DATE,
        "end_date": _DATE,
        "currency": {"type": ["string", "null"]},
        "billing_alignment": {"enum": ["anniversary", "calendar"]},
        "minimum_commitment": {
            "type": ["object", "null"],
            "properties": {"amount": _DECIMAL, "period": {"enum": ["billing_period", "year"]}},
        },
        "lines": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "charge_model"],
                "properties": {
                    "code": {"type": "string"},
                    "description": {"type": "string"},
                    "charge_model": {"enum": CHARGE_MODELS},
                    "metric": {"type": ["string", "null"]},
                    **dict.fromkeys(
                        (
                            "amount",
                            "unit_price",
                            "included_units",
                            "package_size",
                            "package_price",
                            "free_units",
                            "rate",
                            "fixed_fee",
                            "free_amount",
                            "per_event_min",
                            "per_event_max",
                            "seats",
                            "price",
                            "top_up_threshold",
                            "top_up_amount",
                            "minimum_amount",
                        ),
                        _DECIMAL,
                    ),
                    "free_events": {"type": ["integer", "null"]},
                    "tier_basis": {"enum": ["period", "cumulative"]},
                    "tiers": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "up_to": _DECIMAL,
                                "unit_price": _DECIMAL,
                                "flat_fee": _DECIMAL,
                                "package_size": _DECIMAL,
                            },
                        },
                    },
                    "milestones": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {"name": {"type": "string"}, "amount": _DECIMAL, "due_date": _DATE},
                        },
                    },
                    "charge_date": _DATE,
                    "expires_on": _DATE,
                    "billing_interval": {"enum": ["day", "week", "month", "year"]},
                    "billing_interval_count": {"type": "integer", "minimum": 1},
                    "billing_timing": {"enum": ["in_advance", "in_arrears"]},
                },
            },
        },
    },
}

INSTRUCTIONS = (
    "You read a signed order form, SOW or pricing schedule and return the contract a careful billing admin "
    "would enter, as JSON matching the schema. Decimals are strings without thousands separators; dates "
    "YYYY-MM-DD; end_date is exclusive (the day after the last day of service) and null when the contract "
    "renews automatically. Fixed fees are billed in advance, usage in arrears unless stated. Use null for "
    "anything the document does not state; never guess."
)


class ModelUnavailable(Exception):
    """The configured provider cannot run (SDK missing, no key, network error)."""


@dataclass(frozen=True)
class ModelResult:
    model: str
    extraction: dict[str, Any]


Complete = Callable[[str, str], str]  # (instructions, document text) -> JSON text


def _anthropic(model: str) -> Complete:
    try:
        import anthropic
    except ImportError as exc:
        raise ModelUnavailable("The anthropic package is not installed.") from exc

    def complete(instructions: str, text: str) -> str:
        client = anthropic.Anthropic()
        tool = {"name": "contract", "description": "The extracted contract.", "input_schema": CONTRACT_SCHEMA}
        message = client.messages.create(
            model=model,
            max_tokens=4096,
            system=instructions,
            tools=[tool],
            tool_choice={"type": "tool", "name": "contract"},
            messages=[{"role": "user", "content": text}],
        )
        for block in message.content:
            if getattr(block, "type", "") == "tool_use":
                return json.dumps(block.input)
        raise ModelUnavailable("The model returned no contract.")

    return complete


def _openai(model: str) -> Complete:
    try:
        import openai
    except ImportError as exc:
        raise ModelUnavailable("The openai package is not installed.") from exc

    def complete(instructions: str, text: str) -> str:
        client = openai.OpenAI()
        response = client.chat.completions.create(
            model=model,
            messages=[{"role": "system", "content": instructions}, {"role": "user", "content": text}],
            response_format={"type": "json_schema", "json_schema": {"name": "contract", "schema": CONTRACT_SCHEMA}},
        )
        return response.choices[0].message.content or ""

    return complete


def provider_from_settings(config: Mapping[str, str]) -> tuple[str, Complete] | None:
    """(model name, completion function) from CONTRACT_EXTRACTION_LLM / _MODEL, or None when off."""
    provider = (config.get("CONTRACT_EXTRACTION_LLM") or "").strip().lower()
    if not provider:
        return None
    model = config.get("CONTRACT_EXTRACTION_LLM_MODEL") or {
        "anthropic": "claude-sonnet-4-5",
        "openai": "gpt-4o-2024-08-06",
    }.get(provider, "")
    if provider == "anthropic":
        return f"anthropic:{model}", _anthropic(model)
    if provider == "openai":
        return f"openai:{model}", _openai(model)
    raise ModelUnavailable(f"Unknown CONTRACT_EXTRACTION_LLM {provider!r} (anthropic or openai).")


def parse_model_json(raw: str) -> dict[str, Any]:
    """The model's answer as a dict (a fenced code block is tolerated); ValueError otherwise."""
    text = raw.strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.S)
    if fenced:
        text = fenced.group(1)
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("lines", []), list):
        raise ValueError("Expected a JSON object with a list of lines.")
    return data


def run_model(complete: Complete, model: str, document_text: str) -> ModelResult:
    try:
        raw = complete(INSTRUCTIONS, document_text[:100_000])
    except ModelUnavailable:
        raise
    except Exception as exc:  # the SDK's network and API errors: the offline result still stands
        raise ModelUnavailable(f"{type(exc).__name__}: {exc}") from exc
    try:
        return ModelResult(model, parse_model_json(raw))
    except (ValueError, json.JSONDecodeError) as exc:
        raise ModelUnavailable(f"The model's answer is not valid JSON: {exc}") from exc
