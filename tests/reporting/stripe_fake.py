"""A small local HTTP server answering Stripe's documented list endpoints from recorded objects:
``GET /v1/balance_transactions`` (``created[gte]``/``created[lt]``, or ``payout=``) and
``GET /v1/payouts``. localstripe has balance transactions but no payout linkage (its payouts are
not tied to transactions and it has no ``?payout=`` filter), so the payout match is tested here,
at the HTTP boundary, with the real stripe SDK as the client."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


def balance_transaction(id: str, type: str, amount: int, fee: int, source: str, created: int,
                        currency: str = "usd", payout: str = "") -> dict[str, Any]:
    return {
        "id": id, "object": "balance_transaction", "amount": amount, "fee": fee, "net": amount - fee,
        "currency": currency, "created": created, "available_on": created + 2 * 86400, "type": type,
        "source": source, "reporting_category": type, "status": "available", "fee_details": [],
        "_payout": payout,  # our fixture's link; Stripe answers it through ?payout=
    }


def payout(id: str, amount: int, created: int, currency: str = "usd", status: str = "paid") -> dict[str, Any]:
    return {"id": id, "object": "payout", "amount": amount, "currency": currency, "created": created,
            "arrival_date": created + 86400, "status": status, "balance_transaction": f"txn_{id}",
            "automatic": True, "method": "standard", "type": "bank_account"}


@contextmanager
def stripe_fake(*, transactions: list[dict[str, Any]], payouts: list[dict[str, Any]]) -> Iterator[str]:
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            requests.append(self.path)
            if url.path == "/v1/balance_transactions":
                if "payout" in query:
                    data = [t for t in transactions if t["_payout"] == query["payout"]]
                else:
                    data = [t for t in transactions
                            if int(query["created[gte]"]) <= t["created"] < int(query["created[lt]"])]
            elif url.path == "/v1/payouts":
                data = [p for p in payouts if int(query["created[gte]"]) <= p["created"] < int(query["created[lt]"])]
            else:
                self.send_response(404)
                self.end_headers()
                return
            body = json.dumps({"object": "list", "url": url.path, "has_more": False,
                               "data": [{k: v for k, v in d.items() if not k.startswith("_")} for d in data]})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
