"""Recorded Stripe API responses, shaped field for field as Stripe documents them (API version
2024-06-20: ``balance_transaction`` and ``payout`` objects, list envelopes), served at the HTTP
layer with ``responses`` so the real ``stripe`` SDK (its requests client, its auto-pagination with
``starting_after``) is the one talking. Lists honour ``limit``, ``starting_after``, ``created[gte]``,
``created[lt]`` and ``payout`` as Stripe does, newest first."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import responses

API = "https://api.stripe.com"


def balance_transaction(id: str, type: str, amount: int, fee: int, source: str | None, created: int, *,
                        currency: str = "usd", payout: str = "", description: str | None = None) -> dict[str, Any]:
    return {
        "id": id,
        "object": "balance_transaction",
        "amount": amount,
        "available_on": created + 2 * 86400,
        "created": created,
        "currency": currency,
        "description": description,
        "exchange_rate": None,
        "fee": fee,
        "fee_details": [
            {"amount": fee, "application": None, "currency": currency, "description": "Stripe processing fees",
             "type": "stripe_fee"}
        ] if fee else [],
        "net": amount - fee,
        "reporting_category": {"payment": "charge", "payment_refund": "refund"}.get(type, type),
        "source": source,
        "status": "available",
        "type": type,
        "_payout": payout,  # the recording's link; Stripe answers it through ?payout=
    }


def payout(id: str, amount: int, created: int, *, currency: str = "usd", status: str = "paid") -> dict[str, Any]:
    return {
        "id": id,
        "object": "payout",
        "amount": amount,
        "application_fee": None,
        "application_fee_amount": None,
        "arrival_date": created + 86400,
        "automatic": True,
        "balance_transaction": f"txn_{id}",
        "created": created,
        "currency": currency,
        "description": "STRIPE PAYOUT",
        "destination": "ba_1OvRecordedBank0001",
        "failure_balance_transaction": None,
        "failure_code": None,
        "failure_message": None,
        "livemode": False,
        "metadata": {},
        "method": "standard",
        "original_payout": None,
        "reconciliation_status": "completed",
        "reversed_by": None,
        "source_type": "card",
        "statement_descriptor": None,
        "status": status,
        "type": "bank_account",
    }


class RecordedStripe:
    """The recording, and every request the SDK made (path and query) to check the paging."""

    def __init__(self, *, transactions: list[dict[str, Any]], payouts: list[dict[str, Any]]) -> None:
        self.transactions = sorted(transactions, key=lambda t: (-t["created"], t["id"]))
        self.payouts = sorted(payouts, key=lambda p: (-p["created"], p["id"]))
        self.requests: list[tuple[str, dict[str, str]]] = []

    def _list(self, request: Any) -> tuple[int, dict[str, str], str]:
        url = urlparse(request.url)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        self.requests.append((url.path, query))
        if not request.headers.get("Authorization", "").startswith("Bearer sk_test_"):
            return 401, {}, json.dumps({"error": {"type": "invalid_request_error", "message": "Invalid API Key"}})
        items = self.transactions if url.path == "/v1/balance_transactions" else self.payouts
        if "payout" in query:
            items = [t for t in items if t["_payout"] == query["payout"]]
        if "created[gte]" in query:
            items = [t for t in items if t["created"] >= int(query["created[gte]"])]
        if "created[lt]" in query:
            items = [t for t in items if t["created"] < int(query["created[lt]"])]
        if "starting_after" in query:
            ids = [t["id"] for t in items]
            items = items[ids.index(query["starting_after"]) + 1:]
        limit = int(query.get("limit", 10))
        page = items[:limit]
        body = {
            "object": "list",
            "url": url.path,
            "has_more": len(items) > limit,
            "data": [{k: v for k, v in t.items() if not k.startswith("_")} for t in page],
        }
        headers = {"Request-Id": f"req_recorded{len(self.requests)}", "Stripe-Version": "2024-06-20"}
        return 200, headers, json.dumps(body)

    def register(self, mock: responses.RequestsMock) -> None:
        for path in ("/v1/balance_transactions", "/v1/payouts"):
            mock.add_callback(responses.GET, re.compile(re.escape(API + path) + r"(\?.*)?$"), callback=self._list,
                              content_type="application/json")
