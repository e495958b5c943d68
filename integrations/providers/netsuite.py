"""NetSuite through its REST web services with token-based authentication (OAuth 1.0a,
HMAC-SHA256, ``requests-oauthlib``): the chart of accounts and the locked accounting periods via
SuiteQL, and journal entries upserted by external id (``PUT /record/v1/journalEntry/eid:<key>``),
so sending the same journal twice (a retry after a timeout) updates the one record instead of
making a second.

Lines on Accounts Receivable name the customer (the line's ``entity``), so NetSuite's A/R aging
has them per customer: NetSuite itself takes an A/R journal line without a name, and books it to
"No Customer/Job", which someone must then clean up by reopening the period. The customer record
is upserted first, by an external id made of our customer id (``PUT
/record/v1/customer/eid:<externalId>``, NetSuite's REST upsert), so a retry or a second run finds
the same record; its internal id (from the Location header) is kept on the customer's sync item."""

from __future__ import annotations

from datetime import date
from typing import Any

import requests
from requests_oauthlib import OAuth1

from ..credentials import connection_credentials
from ..exceptions import AuthorizationError, NotConfiguredError, RejectedError, RetryableError
from ..gl.journal import GlJournal
from ..models import Connection

TIMEOUT = 60


def _account_host(connection: Connection) -> str:
    """Account 1234567_SB1 (a sandbox) -> 1234567-sb1.suitetalk.api.netsuite.com."""
    if not connection.company_id:
        raise NotConfiguredError("Set the NetSuite account id (company id), e.g. 1234567 or 1234567_SB1.")
    account = connection.company_id.lower().replace("_", "-")
    return f"https://{account}.suitetalk.api.netsuite.com/services/rest"


def _auth(connection: Connection) -> OAuth1:
    creds = connection_credentials(connection)
    missing = [k for k in ("client_id", "client_secret", "token_id", "token_secret") if not creds.get(k)]
    if missing:
        raise AuthorizationError(f"Token-based authentication needs {', '.join(missing)}.")
    return OAuth1(
        client_key=creds["client_id"],
        client_secret=creds["client_secret"],
        resource_owner_key=creds["token_id"],
        resource_owner_secret=creds["token_secret"],
        signature_method="HMAC-SHA256",
        realm=connection.company_id.upper().replace("-", "_"),
    )


def _error(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:300]
    details = body.get("o:errorDetails") or []
    text = "; ".join(
        f"{d.get('o:errorCode', '')}: {d.get('detail', '')} ({d.get('o:errorPath', '')})".strip() for d in details
    )
    return text or str(body.get("title", ""))


def _request(connection: Connection, method: str, path: str, **kwargs: Any) -> requests.Response:
    try:
        response = requests.request(method, f"{_account_host(connection)}{path}", auth=_auth(connection),
                                    timeout=TIMEOUT, **kwargs)
    except requests.RequestException as exc:
        raise RetryableError(f"NetSuite unreachable: {exc.__class__.__name__}") from exc
    if response.status_code in (200, 201, 204):
        return response
    message = f"NetSuite {response.status_code}: {_error(response)}"
    if response.status_code in (401, 403):
        # Token-based credentials do not expire: a person must issue new ones.
        raise AuthorizationError(message, status=response.status_code)
    if response.status_code == 429 or response.status_code >= 500:
        retry_after = response.headers.get("Retry-After")
        raise RetryableError(message, status=response.status_code,
                             retry_after=float(retry_after) if retry_after and retry_after.isdigit() else None)
    raise RejectedError(message, status=response.status_code)


def _suiteql(connection: Connection, query: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    offset = 0
    while True:
        response = _request(connection, "POST", f"/query/v1/suiteql?limit=1000&offset={offset}",
                            json={"q": query}, headers={"Prefer": "transient"})
        body = response.json()
        rows += body.get("items", [])
        if not body.get("hasMore"):
            return rows
        offset += int(body.get("count") or 1000)


def accounts_fetch(*, connection: Connection) -> list[dict[str, Any]]:
    rows = _suiteql(connection, "SELECT id, acctnumber, fullname, accttype, isinactive FROM account ORDER BY id")
    return [
        {"external_id": str(r["id"]), "number": str(r.get("acctnumber") or ""), "name": str(r.get("fullname") or ""),
         "account_type": str(r.get("accttype") or ""), "is_active": r.get("isinactive") != "T"}
        for r in rows
    ]


def book_close_date(*, connection: Connection) -> date | None:
    """The end of the last accounting period closed or locked for all transactions."""
    rows = _suiteql(
        connection,
        "SELECT TO_CHAR(enddate, 'YYYY-MM-DD') AS enddate FROM accountingperiod "
        "WHERE isquarter = 'F' AND isyear = 'F' AND (closed = 'T' OR alllocked = 'T') ORDER BY enddate DESC",
    )
    return date.fromisoformat(rows[0]["enddate"]) if rows else None


def _location_id(response: requests.Response, fallback: str) -> str:
    """The internal id NetSuite gives in the Location header of a 204 (create, upsert)."""
    location = response.headers.get("Location", "")
    return location.rstrip("/").rsplit("/", 1)[-1] or fallback


def customer_external_key(customer: dict[str, Any]) -> str:
    """Our customer's external id in NetSuite: stable (our primary key), and only letters, digits,
    underscore and hyphen as NetSuite's external ids allow."""
    return f"autobill-customer-{int(customer['id'])}"


def customer_body(customer: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    """A customer record (a company) as the REST record service takes it: companyName (NetSuite's
    limit is 83 characters), email, the primary subsidiary (required in OneWorld accounts: the
    connection's ``subsidiary_id``), the currency where it is mapped. The address stays NetSuite's
    to keep (an address book sublist is not merged field by field)."""
    body: dict[str, Any] = {
        "companyName": customer["name"][:83],
        "isPerson": False,
        "comments": f"Autobill customer {customer.get('external_id') or customer['id']}"[:999],
    }
    if customer.get("email"):
        body["email"] = customer["email"]
    if options.get("subsidiary_id"):
        body["subsidiary"] = {"id": str(options["subsidiary_id"])}
    currency_id = (options.get("currencies") or {}).get(customer.get("currency"))
    if currency_id:
        body["currency"] = {"id": str(currency_id)}
    return body


def customer_upsert(*, connection: Connection, customer: dict[str, Any], request_id: str) -> str:
    """Create or update the customer record by our external id; returns its internal id. The
    upsert is idempotent by itself (the same external id is the same record), so ``request_id``
    (the customer item's key) is not needed by NetSuite."""
    key = customer_external_key(customer)
    response = _request(connection, "PUT", f"/record/v1/customer/eid:{key}",
                        json=customer_body(customer, connection.options or {}))
    internal_id = _location_id(response, "")
    if not internal_id.isdigit():
        # Journal lines need the internal id; upserting again (same record) gets it.
        raise RetryableError(f"NetSuite answered the customer upsert {key} without its internal id.")
    return internal_id


def customer_update(*, connection: Connection, external_id: str, customer: dict[str, Any], request_id: str) -> str:
    """Send our customer's changed name or email to its record (by internal id): a PATCH carries
    only those fields, so what an accountant set in NetSuite stays."""
    body = {"companyName": customer["name"][:83], "email": customer.get("email") or ""}
    _request(connection, "PATCH", f"/record/v1/customer/{external_id}", json=body)
    return external_id


def journal_body(journal: GlJournal, accounts: dict[str, str], options: dict[str, Any],
                 customers: dict[int, str] | None = None) -> dict[str, Any]:
    """The journalEntry: a line per GL line; a line carrying our customer (on Accounts
    Receivable) names the NetSuite customer in ``entity``."""
    customers = customers or {}
    body: dict[str, Any] = {
        "externalId": journal.key,
        "tranDate": journal.entry_date.isoformat(),
        "memo": journal.memo[:999],
        "line": {"items": [
            {"account": {"id": accounts[line.account_code]},
             **({"debit": float(line.debit)} if line.debit else {"credit": float(line.credit)}),
             **({"entity": {"id": customers[line.customer_id]}} if line.customer_id is not None else {}),
             "memo": line.description[:999]}
            for line in journal.lines
        ]},
    }
    if options.get("subsidiary_id"):
        body["subsidiary"] = {"id": str(options["subsidiary_id"])}
    currency_id = (options.get("currencies") or {}).get(journal.currency)
    if currency_id:
        body["currency"] = {"id": str(currency_id)}
    return body


def journal_entry_create(
    *, connection: Connection, journal: GlJournal, accounts: dict[str, str], request_id: str,
    customers: dict[int, str] | None = None,
) -> str:
    """Upsert the journal entry by external id (our request id); returns NetSuite's internal id
    from the Location header. ``customers`` maps our customer ids on the journal's receivable
    lines to NetSuite customer internal ids."""
    body = journal_body(journal, accounts, connection.options or {}, customers)
    body["externalId"] = request_id
    response = _request(connection, "PUT", f"/record/v1/journalEntry/eid:{request_id}", json=body)
    return _location_id(response, request_id)
