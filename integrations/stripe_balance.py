"""Stripe's own side of the money: balance transactions and payouts, read with the stripe SDK.

Read-only. Amounts are converted from Stripe's integer minor units to Decimal with the currency's
exponent (JPY 0, USD 2, KWD 3). Uses ``settings.STRIPE_API_KEY`` and ``STRIPE_API_BASE`` (a local
Stripe, e.g. localstripe or a recorded-response server, in tests and the demo)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import stripe
from django.conf import settings

from rating import currency_exponent


class StripeBalanceNotConfigured(RuntimeError):
    pass


def _client() -> stripe.StripeClient:
    if not settings.STRIPE_API_KEY:
        raise StripeBalanceNotConfigured("Set STRIPE_API_KEY to reconcile with Stripe.")
    kwargs: dict[str, Any] = {}
    if settings.STRIPE_API_BASE:
        kwargs["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(settings.STRIPE_API_KEY, max_network_retries=2, **kwargs)


def from_minor_units(amount: int, currency: str) -> Decimal:
    return Decimal(int(amount)).scaleb(-currency_exponent(currency.upper()))


def _when(timestamp: int | None) -> datetime | None:
    return None if timestamp is None else datetime.fromtimestamp(int(timestamp), tz=UTC)


def _id(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return str(value.get("id") or "")
    return str(getattr(value, "id", "") or "")


def _plain(obj: Any) -> dict[str, Any]:
    """A Stripe object as a plain dict (the SDK's objects refuse dict methods)."""
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


@dataclass(frozen=True)
class BalanceTransaction:
    id: str
    type: str  # charge, payment, refund, payment_refund, payout, adjustment, stripe_fee, ...
    amount: Decimal
    fee: Decimal
    net: Decimal
    currency: str
    created: datetime
    available_on: datetime | None
    source: str  # ch_..., re_..., po_...
    reporting_category: str
    payout: str = ""  # the payout that paid it out ("" when not known or not yet paid out)
    raw: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Payout:
    id: str
    amount: Decimal
    currency: str
    status: str
    arrival_date: datetime | None
    created: datetime
    balance_transaction: str
    raw: dict[str, Any] = field(default_factory=dict, compare=False)


def _balance_transaction(stripe_object: Any, payout: str = "") -> BalanceTransaction:
    obj = _plain(stripe_object)
    currency = str(obj["currency"]).upper()
    return BalanceTransaction(
        id=obj["id"], type=obj.get("type") or "", currency=currency,
        amount=from_minor_units(obj.get("amount") or 0, currency),
        fee=from_minor_units(obj.get("fee") or 0, currency),
        net=from_minor_units(obj.get("net") if obj.get("net") is not None else (obj.get("amount") or 0) -
                             (obj.get("fee") or 0), currency),
        created=_when(obj.get("created")) or datetime.now(tz=UTC),
        available_on=_when(obj.get("available_on")),
        source=_id(obj.get("source")),
        reporting_category=obj.get("reporting_category") or "",
        payout=payout,
        raw=obj,
    )


def balance_transactions_list(*, created_from: datetime, created_to: datetime) -> Iterator[BalanceTransaction]:
    """Every balance transaction created in [created_from, created_to), all pages."""
    page = _client().v1.balance_transactions.list(
        params={"created": {"gte": int(created_from.timestamp()), "lt": int(created_to.timestamp())}, "limit": 100}
    )
    for obj in page.auto_paging_iter():
        yield _balance_transaction(obj)


def payout_balance_transactions(*, payout_id: str) -> Iterator[BalanceTransaction]:
    """The balance transactions a payout paid out (Stripe's ``?payout=`` list), all pages."""
    page = _client().v1.balance_transactions.list(params={"payout": payout_id, "limit": 100})
    for obj in page.auto_paging_iter():
        yield _balance_transaction(obj, payout=payout_id)


def payouts_list(*, created_from: datetime, created_to: datetime) -> Iterator[Payout]:
    page = _client().v1.payouts.list(
        params={"created": {"gte": int(created_from.timestamp()), "lt": int(created_to.timestamp())}, "limit": 100}
    )
    for stripe_object in page.auto_paging_iter():
        obj = _plain(stripe_object)
        currency = str(obj["currency"]).upper()
        yield Payout(
            id=obj["id"], amount=from_minor_units(obj["amount"], currency), currency=currency,
            status=obj.get("status") or "", arrival_date=_when(obj.get("arrival_date")),
            created=_when(obj.get("created")) or datetime.now(tz=UTC),
            balance_transaction=_id(obj.get("balance_transaction")),
            raw=obj,
        )
