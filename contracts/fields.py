"""The fields of a contract line, named once: what the API, the admin and amendments may set."""

from __future__ import annotations

LINE_FIELDS = [
    "code",
    "description",
    "charge_model",
    "metric",
    "dimension_value",
    "billing_interval",
    "billing_interval_count",
    "billing_timing",
    "start_date",
    "end_date",
    "amount",
    "unit_price",
    "included_units",
    "tiers",
    "tier_basis",
    "package_size",
    "package_price",
    "free_units",
    "rate",
    "fixed_fee",
    "free_events",
    "free_amount",
    "per_event_min",
    "per_event_max",
    "seats",
    "charge_date",
    "price",
    "top_up_threshold",
    "top_up_amount",
    "expires_on",
    "minimum_amount",
]

# What says which line it is, when it bills and what it meters: an amendment that changes any of
# these ends the line and adds a new one instead of repricing it.
_NOT_PRICE = {
    "code",
    "metric",
    "dimension_value",
    "billing_interval",
    "billing_interval_count",
    "billing_timing",
    "start_date",
    "end_date",
    "charge_date",
    "top_up_threshold",
    "top_up_amount",
    "expires_on",
}
# The price terms a ``change_price`` amendment may set.
PRICE_FIELDS = tuple(f for f in LINE_FIELDS if f not in _NOT_PRICE)
