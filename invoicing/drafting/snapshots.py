"""What a draft keeps of the records it was made from, as they were when it was drafted."""

from __future__ import annotations

from contracts.models import Customer


def customer_snapshot(customer: Customer) -> dict[str, object]:
    """The billing details as they were when the invoice was drafted (an issued invoice must not
    change when the customer record does)."""
    return {
        "name": customer.name,
        "external_id": customer.external_id,
        "email": customer.email,
        "address_lines": customer.address_lines,
        "tax_id": customer.tax_id,
        "timezone": customer.timezone,
        "locale": customer.locale,
        "payment_terms_days": customer.payment_terms_days,
        "country": customer.country,
        "region": customer.region,
        "tax_exempt": customer.tax_exempt,
        "tax_exemption_certificate": customer.tax_exemption_certificate,
    }


def line_price_snapshot(contract_line: object) -> dict[str, object]:
    """The price terms a line was billed at, stored on the invoice line (an issued invoice must not
    change when the contract line is re-priced)."""
    fields = [
        "charge_model",
        "unit_price",
        "amount",
        "included_units",
        "tiers",
        "minimum_amount",
        "seats",
        "package_size",
        "package_price",
        "rate",
        "fixed_fee",
        "billing_interval",
        "billing_interval_count",
        "billing_timing",
    ]
    return {f: getattr(contract_line, f, None) for f in fields}
