from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from audit.services import audit_record
from integrations import stripe_gateway

from .models import Contract, ContractLine, Customer, Milestone

LINE_FIELDS = [
    "code",
    "description",
    "charge_model",
    "metric",
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


def customer_create(*, actor: Any = None, **fields: Any) -> Customer:
    customer = Customer(**fields)
    customer.full_clean()
    customer.save()
    audit_record(
        rule="contracts.customer_create",
        action="customer_created",
        obj=customer,
        actor=actor,
        inputs={"external_id": customer.external_id},
        outcome={"id": customer.pk},
    )
    return customer


@transaction.atomic
def contract_create(
    *, customer: Customer, lines: Sequence[Mapping[str, Any]], actor: Any = None, **fields: Any
) -> Contract:
    """Create a contract with its lines (already validated by the caller's serializer/form)."""
    contract = Contract.objects.create(customer=customer, **fields)
    for position, data in enumerate(lines):
        milestones = data.get("milestones") or []
        line = ContractLine.objects.create(
            contract=contract, sort_order=position, **{k: v for k, v in data.items() if k in LINE_FIELDS}
        )
        for milestone in milestones:
            Milestone.objects.create(line=line, **milestone)
    audit_record(
        rule="contracts.contract_create",
        action="contract_created",
        obj=contract,
        actor=actor,
        inputs={"customer": customer.external_id, "lines": [dict(line) for line in lines]},
        outcome={"id": contract.pk},
    )
    return contract


def customer_card_attach(*, customer: Customer, card_number: str, actor: Any = None) -> Customer:
    """Create the Stripe customer if needed and save a card on it as the default for automatic
    collection (test environments and the demo; live cards are collected by Stripe.js)."""
    if not customer.stripe_customer_id:
        customer.stripe_customer_id = stripe_gateway.customer_create(
            name=customer.name, email=customer.email, reference=customer.external_id
        )
    customer.stripe_payment_method_id = stripe_gateway.card_attach(
        stripe_customer_id=customer.stripe_customer_id, card_number=card_number
    )
    customer.save(update_fields=["stripe_customer_id", "stripe_payment_method_id", "updated_at"])
    audit_record(
        rule="contracts.card_attach",
        action="card_attached",
        obj=customer,
        actor=actor,
        inputs={"card_last4": card_number[-4:]},
        outcome={"stripe_customer_id": customer.stripe_customer_id},
    )
    return customer
