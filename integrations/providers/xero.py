"""Xero through xero-python: OAuth 2.0 (authorize, refresh with rotating refresh tokens), the
chart of accounts, the organisation's lock dates, and manual journals created with an
``Idempotency-Key`` (Xero answers a repeated key with the first result, so a retry after a lost
response cannot post twice).

The API and identity hosts come from settings (``INTEGRATIONS_XERO_API_URL``,
``INTEGRATIONS_XERO_IDENTITY_URL``): Xero has no separate sandbox host (a "Demo Company"
organisation plays that part), and the tests point them at a local fake server."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar
from urllib.parse import urlencode

import requests
import urllib3
from django.conf import settings
from xero_python.accounting import (
    AccountingApi,
    LineAmountTypes,
    ManualJournal,
    ManualJournalLine,
    ManualJournals,
)
from xero_python.api_client import ApiClient, Configuration
from xero_python.api_client.oauth2 import OAuth2Token
from xero_python.exceptions import ApiException

from ..credentials import connection_credentials, connection_credentials_update
from ..exceptions import AuthorizationError, NotConfiguredError, RejectedError, RetryableError
from ..gl.journal import GlJournal
from ..models import Connection

SCOPES = "offline_access accounting.transactions accounting.settings.read"
TIMEOUT = 60
T = TypeVar("T")


def _api_url() -> str:
    return getattr(settings, "INTEGRATIONS_XERO_API_URL", "https://api.xero.com").rstrip("/")


def _identity_url() -> str:
    return getattr(settings, "INTEGRATIONS_XERO_IDENTITY_URL", "https://identity.xero.com").rstrip("/")


def authorize_url(*, connection: Connection, redirect_uri: str, state: str) -> str:
    client_id = connection_credentials(connection).get("client_id")
    if not client_id:
        raise NotConfiguredError("Set the Xero app's client id and secret first.")
    query = urlencode({"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri,
                       "scope": SCOPES, "state": state})
    return f"https://login.xero.com/identity/connect/authorize?{query}"


def _token_request(connection: Connection, data: dict[str, str]) -> dict[str, Any]:
    creds = connection_credentials(connection)
    try:
        response = requests.post(f"{_identity_url()}/connect/token", data=data, timeout=TIMEOUT,
                                 auth=(creds.get("client_id", ""), creds.get("client_secret", "")))
    except requests.RequestException as exc:
        raise RetryableError(f"Xero identity unreachable: {exc.__class__.__name__}") from exc
    if response.status_code != 200:
        raise AuthorizationError(f"Xero refused the token request: {response.text[:200]}", status=response.status_code)
    token = response.json()
    # Xero rotates the refresh token on every use: store the new one before anything else.
    connection_credentials_update(connection=connection, values={
        "access_token": token.get("access_token"), "refresh_token": token.get("refresh_token")})
    return token


def authorize_callback(*, connection: Connection, code: str, redirect_uri: str) -> None:
    token = _token_request(connection, {"grant_type": "authorization_code", "code": code,
                                        "redirect_uri": redirect_uri})
    response = requests.get(f"{_api_url()}/connections", timeout=TIMEOUT,
                            headers={"Authorization": f"Bearer {token['access_token']}"})
    tenants = [t for t in response.json() if t.get("tenantType") == "ORGANISATION"] if response.ok else []
    if not tenants:
        raise AuthorizationError("No Xero organisation was connected.")
    connection.company_id = tenants[0]["tenantId"]
    connection.save(update_fields=["company_id"])


def token_refresh(connection: Connection) -> None:
    refresh_token = connection_credentials(connection).get("refresh_token")
    if not refresh_token:
        raise AuthorizationError("No refresh token: authorize the connection.")
    _token_request(connection, {"grant_type": "refresh_token", "refresh_token": refresh_token})


def _api(connection: Connection) -> AccountingApi:
    creds = connection_credentials(connection)
    if not creds.get("access_token") or not connection.company_id:
        raise AuthorizationError("Not authorized: use Authorize on the connection.")
    token = {"access_token": creds["access_token"], "refresh_token": creds.get("refresh_token", ""),
             "token_type": "Bearer", "expires_in": 1800, "scope": SCOPES.split()}
    client = ApiClient(
        Configuration(oauth2_token=OAuth2Token(client_id=creds.get("client_id"),
                                               client_secret=creds.get("client_secret"))),
        pool_threads=1,
        oauth2_token_getter=lambda: token,
        oauth2_token_saver=lambda new_token: None,
    )
    # No urllib3 retries: its default sleeps out a 429's Retry-After inside the call (holding the
    # item's row lock) and replays writes on its own. Retries belong to the sync, with backoff.
    client.rest_client.pool_manager.connection_pool_kw["retries"] = False
    return AccountingApi(client, base_url=f"{_api_url()}/api.xro/2.0")


def _call(connection: Connection, call: Callable[[AccountingApi], T]) -> T:
    for attempt in (1, 2):
        try:
            return call(_api(connection))
        except ApiException as exc:
            status = exc.status or 0
            if status == 401 and attempt == 1:
                token_refresh(connection)
                continue
            if status in (401, 403):
                raise AuthorizationError(f"Xero {status}: {_detail(exc)}", status=status) from exc
            if status == 429 or status >= 500:
                retry_after = (exc.headers or {}).get("Retry-After") if exc.headers else None
                raise RetryableError(f"Xero {status}: {_detail(exc)}", status=status,
                                     retry_after=float(retry_after) if retry_after else None) from exc
            raise RejectedError(f"Xero {status}: {_detail(exc)}", status=status) from exc
        except urllib3.exceptions.HTTPError as exc:
            raise RetryableError(f"Xero unreachable: {exc.__class__.__name__}") from exc
    raise AssertionError("unreachable")


def _detail(exc: ApiException) -> str:
    import json

    try:
        body = json.loads(exc.body or "{}")
    except ValueError:
        return str(exc.body)[:300]
    messages = [
        error.get("Message", "")
        for element in body.get("Elements", []) or []
        for error in element.get("ValidationErrors", []) or []
    ]
    return "; ".join(messages) or body.get("Message") or body.get("Detail") or str(body)[:300]


def accounts_fetch(*, connection: Connection) -> list[dict[str, Any]]:
    def fetch(api: AccountingApi) -> list[dict[str, Any]]:
        accounts = api.get_accounts(connection.company_id).accounts or []
        return [{"external_id": str(a.account_id), "number": a.code or "", "name": a.name or "",
                 "account_type": str(getattr(a.type, "value", a.type) or ""),
                 "is_active": str(getattr(a.status, "value", a.status)) == "ACTIVE"}
                for a in accounts]

    return _call(connection, fetch)


def book_close_date(*, connection: Connection) -> date | None:
    """The later of the organisation's period lock date and end-of-year lock date."""

    def fetch(api: AccountingApi) -> date | None:
        organisation = api.get_organisations(connection.company_id).organisations[0]
        dates = [d for d in (organisation.period_lock_date, organisation.end_of_year_lock_date) if d]
        return max(dates) if dates else None

    return _call(connection, fetch)


def journal_build(journal: GlJournal, accounts: dict[str, str]) -> ManualJournal:
    # Xero's manual journal lines are signed: debits positive, credits negative.
    lines = [
        ManualJournalLine(line_amount=float(line.debit if line.debit else -line.credit),
                          account_id=accounts[line.account_code], description=line.description[:4000])
        for line in journal.lines
    ]
    return ManualJournal(narration=f"{journal.doc_number} {journal.memo}"[:4000], date=journal.entry_date,
                         line_amount_types=LineAmountTypes.NOTAX, status="POSTED",
                         journal_lines=lines)


def journal_entry_create(
    *, connection: Connection, journal: GlJournal, accounts: dict[str, str], request_id: str
) -> str:
    payload = ManualJournals(manual_journals=[journal_build(journal, accounts)])

    def post(api: AccountingApi) -> str:
        result = api.create_manual_journals(connection.company_id, payload, summarize_errors=False,
                                            idempotency_key=request_id)
        created = result.manual_journals[0]
        errors = [e.message for e in (created.validation_errors or [])]
        if errors:
            raise RejectedError(f"Xero: {'; '.join(errors)}")
        return str(created.manual_journal_id)

    return _call(connection, post)


def amount_total(journal: GlJournal) -> Decimal:
    return journal.total
