"""Admin forms: a contract line is checked by the rating engine's own parser, so the admin accepts
exactly what the API accepts and billing can price (errors land on the field they concern)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from audit.admin import JsonDefaultsForm
from metering.models import Meter
from rating import RatingInputError, line_spec_from_dict

from .choices import USAGE_CHARGE_MODELS
from .fields import LINE_FIELDS
from .models import ContractLine

# The fields the rating engine reads (the rest are cadence and dates).
PRICING_FIELDS = tuple(
    f
    for f in LINE_FIELDS
    if f
    not in {
        "dimension_value",
        "billing_interval",
        "billing_interval_count",
        "start_date",
        "end_date",
        "top_up_threshold",
        "top_up_amount",
        "expires_on",
    }
)


def _as_api_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class ContractLineForm(JsonDefaultsForm):
    class Meta:
        model = ContractLine
        fields = "__all__"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors:
            return cleaned  # type errors first; the engine would only repeat them
        data = {f: _as_api_value(cleaned.get(f)) for f in PRICING_FIELDS if cleaned.get(f) not in (None, "")}
        try:
            line_spec_from_dict(data)
        except RatingInputError as exc:
            for path, messages in exc.fields.items():
                field = path.split("[")[0].split(".")[0]
                target = field if field in self.fields else None
                for message in messages:
                    self.add_error(target, f"{path}: {message}" if target and path != field else message)
        if cleaned.get("charge_model") in USAGE_CHARGE_MODELS:
            metric = cleaned.get("metric")
            if not metric:
                self.add_error("metric", "Usage lines need a metric (a meter code).")
            elif not Meter.objects.filter(code=metric).exists():
                self.add_error("metric", f"No meter '{metric}'.")
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", "Must be after the start date.")
        return cleaned
