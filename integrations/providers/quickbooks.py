"""QuickBooks Online through python-quickbooks and intuit-oauth: OAuth 2.0 authorize and refresh,
the chart of accounts, the books' closing date, and journal entries posted with ``requestid``
(QuickBooks answers a repeated requestid with the object it made the first time, so a retry
after a timeout cannot book twice)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

import requests
from intuitlib.client import AuthClient
from intuitlib.enums import Scopes
from intuitlib.exceptions import AuthClientError
from quickbooks import QuickBooks
from quickbooks.exceptions import (
    AuthorizationException,
    GeneralException,
    QuickbooksException,
    ValidationException,
)
from quickbooks.objects.account import Account
from quickbooks.objects.base import Ref
from quickbooks.objects.journalentry import JournalEntry, JournalEntryLine, JournalEntryLineDetail
from quickbooks.objects.preferences import Preferences

from ..credentials import connection_credentials, connection_credentials_update
from ..exceptions import AuthorizationError, NotConfiguredError, RejectedError, RetryableError
from ..gl.journal import GlJournal
from ..models import Connection

MINOR_VERSION = 75
T = TypeVar("T")


def _auth_client(connection: Connection, *, redirect_uri: str = "") -> AuthClient:
    creds = connection_credentials(connection)
    if not creds.get("client_id"):
        raise NotConfiguredError("Set the app's client id and secret first.")
    try:
        return AuthClient(
            client_id=creds["client_id"],
            client_secret=creds.get("client_secret", ""),
            redirect_uri=redirect_uri or creds.get("redirect_uri", ""),
            environment="sandbox" if connection.is_sandbox else "production",
            access_token=creds.get("access_token"),
            refresh_token=creds.get("refresh_token"),
            realm_id=connection.company_id or None,
        )
    except requests.RequestException as exc:
        raise RetryableError(f"Intuit discovery document unreachable: {exc.__class__.__name__}") from exc


def authorize_url(*, connection: Connection, redirect_uri: str, state: str) -> str:
    return _auth_client(connection, redirect_uri=redirect_uri).get_authorization_url([Scopes.ACCOUNTING], state)


def _store_tokens(connection: Connection, auth: AuthClient) -> None:
    connection_credentials_update(
        connection=connection, values={"access_token": auth.access_token, "refresh_token": auth.refresh_token}
    )


def authorize_callback(*, connection: Connection, code: str, realm_id: str, redirect_uri: str) -> None:
    auth = _auth_client(connection, redirect_uri=redirect_uri)
    try:
        auth.get_bearer_token(code, realm_id=realm_id)
    except AuthClientError as exc:
        raise AuthorizationError(f"Intuit refused the authorization code: {exc.content[:200]!r}") from exc
    connection.company_id = realm_id
    connection.save(update_fields=["company_id"])
    connection_credentials_update(connection=connection, values={"redirect_uri": redirect_uri})
    _store_tokens(connection, auth)


def token_refresh(connection: Connection) -> None:
    auth = _auth_client(connection)
    if not auth.refresh_token:
        raise AuthorizationError("No refresh token: authorize the connection.")
    try:
        auth.refresh()
    except AuthClientError as exc:
        raise AuthorizationError(f"Intuit refused the refresh token (status {exc.status_code}).") from exc
    # Intuit rotates refresh tokens: the new one must be stored or the next refresh fails.
    _store_tokens(connection, auth)


@dataclass
class _LastResponse:
    status: int = 0
    retry_after: float | None = None


def _client(connection: Connection, last: _LastResponse) -> QuickBooks:
    creds = connection_credentials(connection)
    if not creds.get("access_token") or not connection.company_id:
        raise AuthorizationError("Not authorized: use Authorize on the connection.")
    qb = QuickBooks(
        auth_client=_auth_client(connection),
        refresh_token=creds.get("refresh_token"),
        company_id=connection.company_id,
        minorversion=MINOR_VERSION,
    )
    qb.use_decimal = True

    def remember(response: requests.Response, *args: Any, **kwargs: Any) -> None:
        # python-quickbooks drops the response headers; a 429's Retry-After is read here.
        last.status = response.status_code
        value = response.headers.get("Retry-After")
        last.retry_after = float(value) if value and value.isdigit() else None

    qb.session.hooks["response"].append(remember)
    return qb


def _call(connection: Connection, call: Callable[[QuickBooks], T]) -> T:
    """Run ``call``; an expired access token (401) is refreshed once and the call retried."""
    for attempt in (1, 2):
        last = _LastResponse()
        try:
            return call(_client(connection, last))
        except AuthorizationException as exc:
            if attempt == 2 or last.status not in (401, 0):
                raise AuthorizationError(f"QuickBooks refused the token: {exc.message}", status=last.status) from exc
            token_refresh(connection)
        except (ValidationException, GeneralException) as exc:
            raise RejectedError(f"QuickBooks {exc.error_code}: {exc.message} {exc.detail}".strip(), status=400) from exc
        except QuickbooksException as exc:
            if last.status == 429:
                raise RetryableError("QuickBooks rate limit (429).", status=429, retry_after=last.retry_after) from exc
            raise RetryableError(f"QuickBooks {exc.error_code}: {exc.message}"[:500], status=last.status) from exc
        except requests.RequestException as exc:
            raise RetryableError(f"QuickBooks unreachable: {exc.__class__.__name__}") from exc
    raise AssertionError("unreachable")


def accounts_fetch(*, connection: Connection) -> list[dict[str, Any]]:
    """Every account of the company's chart (active and inactive), paged by 1000."""

    def fetch(qb: QuickBooks) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        start = 1
        while True:
            page = Account.query(
                f"SELECT * FROM Account WHERE Active IN (true, false) STARTPOSITION {start} MAXRESULTS 1000", qb=qb
            )
            rows += [
                {
                    "external_id": str(a.Id),
                    "number": str(getattr(a, "AcctNum", "") or ""),
                    "name": str(a.FullyQualifiedName or a.Name),
                    "account_type": str(a.AccountType or ""),
                    "is_active": bool(a.Active),
                }
                for a in page
            ]
            if len(page) < 1000:
                return rows
            start += 1000

    return _call(connection, fetch)


def book_close_date(*, connection: Connection) -> date | None:
    """The closing date set in QuickBooks (Preferences.AccountingInfoPrefs.BookCloseDate)."""

    def fetch(qb: QuickBooks) -> date | None:
        prefs = Preferences.get(qb=qb)
        value = getattr(prefs.AccountingInfoPrefs, "BookCloseDate", "") if prefs.AccountingInfoPrefs else ""
        return date.fromisoformat(value[:10]) if value else None

    return _call(connection, fetch)


def _ref(value: str, name: str = "") -> Ref:
    ref = Ref()
    ref.value = value
    ref.name = name
    return ref


def journal_entry_build(journal: GlJournal, accounts: dict[str, str]) -> JournalEntry:
    entry = JournalEntry()
    entry.TxnDate = journal.entry_date.isoformat()
    entry.DocNumber = journal.doc_number[:21]  # QuickBooks' DocNumber limit
    entry.PrivateNote = journal.memo[:4000]
    entry.CurrencyRef = _ref(journal.currency)
    for line in journal.lines:
        detail = JournalEntryLineDetail()
        detail.PostingType = "Debit" if line.debit else "Credit"
        detail.AccountRef = _ref(accounts[line.account_code])
        row = JournalEntryLine()
        row.Amount = line.debit or line.credit
        row.Description = line.description[:4000]
        row.JournalEntryLineDetail = detail
        entry.Line.append(row)
    return entry


def journal_entry_create(
    *, connection: Connection, journal: GlJournal, accounts: dict[str, str], request_id: str
) -> str:
    """Post one journal entry; returns its QuickBooks Id. ``request_id`` is our durable key."""
    entry = journal_entry_build(journal, accounts)

    def post(qb: QuickBooks) -> str:
        saved = entry.save(qb=qb, request_id=request_id)
        return str(saved.Id)

    return _call(connection, post)


def amount_text(amount: Decimal) -> str:
    return format(amount, "f")
