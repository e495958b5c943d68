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
    Account,
    AccountingApi,
    Address,
    Allocation,
    Allocations,
    Contact,
    Contacts,
    CreditNote,
    CreditNotes,
    CurrencyCode,
    Invoice,
    Invoices,
    LineAmountTypes,
    LineItem,
    ManualJournal,
    ManualJournalLine,
    ManualJournals,
    Payment,
    Payments,
)
from xero_python.api_client import ApiClient, Configuration
from xero_python.api_client.oauth2 import OAuth2Token
from xero_python.exceptions import ApiException

from ..credentials import connection_credentials, connection_credentials_update
from ..exceptions import AuthorizationError, NotConfiguredError, RejectedError, RetryableError
from ..gl.journal import GlJournal
from ..models import Connection

SCOPES = "offline_access accounting.transactions accounting.contacts accounting.settings.read"
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
    try:
        response = requests.get(f"{_api_url()}/connections", timeout=TIMEOUT,
                                headers={"Authorization": f"Bearer {token['access_token']}"})
    except requests.RequestException as exc:
        raise RetryableError(f"Xero unreachable: {exc.__class__.__name__}") from exc
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
                 # A system account (Accounts Receivable "DEBTORS", Payable "CREDITORS") by that
                 # name: manual journals cannot post to it (gl/services.py checks before sending).
                 "account_type": str(getattr(a.system_account, "value", a.system_account) or
                                     getattr(a.type, "value", a.type) or ""),
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
    *, connection: Connection, journal: GlJournal, accounts: dict[str, str], request_id: str,
    customers: dict[int, str] | None = None,
) -> str:
    """A POSTED manual journal. Never with a line on Accounts Receivable or Payable: Xero refuses
    system accounts in manual journals (what touches them goes as documents, gl/documents.py).
    ``customers`` is unused: manual journal lines have no contact."""
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


# --- documents: contacts, invoices, voids, payments (Connection.gl_content = documents) --------
#
# The accounting API's Contacts, Invoices (ACCREC) and Payments, created with an Idempotency-Key
# (the sync item's request id). xero-python serialises amounts as JSON numbers (it converts
# Decimal itself); they are our rounded amounts.

SALES_TAX_PAYABLE = "2200"


def _currency(code: str) -> CurrencyCode:
    try:
        return CurrencyCode(code)
    except ValueError as exc:
        raise RejectedError(f"Xero does not know the currency {code}.") from exc


def _errors(obj: Any) -> list[str]:
    return [e.message for e in (getattr(obj, "validation_errors", None) or [])]


def contact_build(customer: dict[str, Any]) -> Contact:
    address = customer.get("address") or {}
    addresses = []
    if any(address.values()):
        addresses = [Address(address_type="POBOX", address_line1=address.get("line1", ""),
                             address_line2=address.get("line2", ""), city=address.get("city", ""),
                             region=address.get("region", ""), postal_code=address.get("postal_code", ""),
                             country=address.get("country", ""))]
    return Contact(name=customer["name"][:255], contact_number=customer["external_id"][:50],
                   email_address=customer.get("email") or None, default_currency=_currency(customer["currency"]),
                   is_customer=True, addresses=addresses or None)


def customer_upsert(*, connection: Connection, customer: dict[str, Any], request_id: str) -> str:
    """The Xero contact of our customer, found by ContactNumber (our customer id, the field Xero
    keeps for external systems), else created with an Idempotency-Key. Returns its ContactID."""
    number = customer["external_id"][:50].replace('"', "")

    def upsert(api: AccountingApi) -> str:
        found = api.get_contacts(connection.company_id, where=f'ContactNumber=="{number}"').contacts or []
        if found:
            return str(found[0].contact_id)
        result = api.create_contacts(connection.company_id, Contacts(contacts=[contact_build(customer)]),
                                     summarize_errors=False, idempotency_key=request_id)
        created = result.contacts[0]
        if _errors(created):
            raise RejectedError(f"Xero: {'; '.join(_errors(created))}")
        return str(created.contact_id)

    return _call(connection, upsert)


def customer_update(*, connection: Connection, external_id: str, customer: dict[str, Any], request_id: str) -> str:
    """Update the Xero contact (POST Contacts/{ContactID}: name, email, address as ours now) with an
    Idempotency-Key per change."""
    contact = contact_build(customer)
    contact.contact_id = external_id
    contact.default_currency = None  # fixed once the contact has transactions
    if not customer.get("email"):
        contact.email_address = ""

    def update(api: AccountingApi) -> str:
        result = api.update_contact(connection.company_id, external_id, Contacts(contacts=[contact]),
                                    idempotency_key=request_id)
        updated = result.contacts[0]
        if _errors(updated):
            raise RejectedError(f"Xero: {'; '.join(_errors(updated))}")
        return str(updated.contact_id)

    return _call(connection, update)


def invoice_build(invoice: dict[str, Any], *, contact_id: str, accounts: dict[str, str]) -> Invoice:
    """An ACCREC invoice, AUTHORISED, numbered as ours; lines exclusive of tax, each on the Xero
    account mapped to the account our issue entry credits (revenue for what is earned at issue,
    deferred revenue for what revenue recognition defers), and the tax as one line on the account
    mapped to our sales tax payable, so the totals and the accounts are ours exactly."""
    lines = []
    for line in invoice["lines"]:
        revenue = accounts.get(line["account"])
        if not revenue:
            raise RejectedError(f"Map our account {line['account']} to a Xero account first.")
        quantity, unit_price, amount = (Decimal(line["quantity"]), Decimal(line["unit_price"] or "0"),
                                        Decimal(line["amount"]))
        if not (unit_price and (quantity * unit_price).quantize(amount) == amount):
            quantity, unit_price = Decimal(1), amount
        lines.append(LineItem(description=line["description"][:4000], quantity=quantity.normalize(),
                              unit_amount=unit_price.normalize(), line_amount=amount, account_code=revenue,
                              tax_type="NONE"))
    tax = Decimal(invoice["tax"])
    if tax:
        tax_account = accounts.get(SALES_TAX_PAYABLE)
        if not tax_account:
            raise RejectedError(f"The invoice has tax: map our sales tax payable ({SALES_TAX_PAYABLE}) first.")
        lines.append(LineItem(description=invoice["tax_description"][:4000], quantity=Decimal(1), unit_amount=tax,
                              line_amount=tax, account_code=tax_account, tax_type="NONE"))
    return Invoice(type="ACCREC", contact=Contact(contact_id=contact_id), invoice_number=invoice["number"],
                   reference=f"Autobill invoice:{invoice['id']}", date=date.fromisoformat(invoice["issue_date"]),
                   due_date=date.fromisoformat(invoice["due_date"] or invoice["issue_date"]),
                   currency_code=_currency(invoice["currency"]), line_amount_types=LineAmountTypes.EXCLUSIVE,
                   status="AUTHORISED", line_items=lines)


def invoice_create(
    *, connection: Connection, invoice: dict[str, Any], customer_ref: str, request_id: str, accounts: dict[str, str]
) -> str:
    payload = Invoices(invoices=[invoice_build(invoice, contact_id=customer_ref, accounts=accounts)])

    def create(api: AccountingApi) -> str:
        result = api.create_invoices(connection.company_id, payload, summarize_errors=False,
                                     idempotency_key=request_id)
        created = result.invoices[0]
        if _errors(created):
            raise RejectedError(f"Xero: {'; '.join(_errors(created))}")
        if Decimal(str(created.total)) != Decimal(invoice["total"]):
            raise RejectedError(f"Xero invoice {created.invoice_id} totals {created.total}, ours {invoice['total']}.")
        return str(created.invoice_id)

    return _call(connection, create)


def invoice_void(*, connection: Connection, external_id: str, request_id: str) -> str:
    """Set the invoice's status to VOIDED (an invoice already voided is left as it is)."""

    def void(api: AccountingApi) -> str:
        current = api.get_invoice(connection.company_id, external_id).invoices[0]
        if str(getattr(current.status, "value", current.status)) == "VOIDED":
            return external_id
        result = api.update_invoice(connection.company_id, external_id,
                                    Invoices(invoices=[Invoice(invoice_id=external_id, status="VOIDED")]),
                                    idempotency_key=request_id)
        errors = _errors(result.invoices[0])
        if errors:
            raise RejectedError(f"Xero: {'; '.join(errors)}")
        return external_id

    return _call(connection, void)


def payment_create(
    *, connection: Connection, payment: dict[str, Any], invoice_ref: str, customer_ref: str,
    deposit_account: str | None, request_id: str,
) -> str:
    """A payment applied to the Xero invoice, into the bank account mapped to our cash (1000)."""
    if not deposit_account:
        raise RejectedError("Map our cash account (1000) to a Xero bank account first: Xero payments need one.")
    body = Payment(invoice=Invoice(invoice_id=invoice_ref), account=Account(code=deposit_account),
                   date=date.fromisoformat(payment["date"]), amount=Decimal(payment["amount"]),
                   reference=(payment["reference"] or f"Autobill payment {payment['id']}")[:255])

    def create(api: AccountingApi) -> str:
        result = api.create_payments(connection.company_id, Payments(payments=[body]), summarize_errors=False,
                                     idempotency_key=request_id)
        created = result.payments[0]
        if _errors(created):
            raise RejectedError(f"Xero: {'; '.join(_errors(created))}")
        return str(created.payment_id)

    return _call(connection, create)


def credit_note_create(
    *, connection: Connection, credit_note: dict[str, Any], invoice_ref: str, customer_ref: str, request_id: str,
    accounts: dict[str, str],
) -> str:
    """An ACCRECCREDIT credit note, AUTHORISED, lines on the Xero accounts mapped to the accounts our
    entry debits; then the part taken off the invoice's balance allocated to the invoice. Each call
    has its own Idempotency-Key derived from the item's. Returns the CreditNoteID."""
    shaped = invoice_build({**credit_note, "due_date": ""}, contact_id=customer_ref, accounts=accounts)
    note = CreditNote(type="ACCRECCREDIT", contact=shaped.contact, credit_note_number=credit_note["number"],
                      reference=credit_note.get("reference") or f"Autobill credit_note:{credit_note['id']}",
                      date=shaped.date,
                      currency_code=shaped.currency_code, line_amount_types=LineAmountTypes.EXCLUSIVE,
                      status="AUTHORISED", line_items=shaped.line_items)
    applied = Decimal(credit_note["credited_to_balance"])

    def create(api: AccountingApi) -> str:
        result = api.create_credit_notes(connection.company_id, CreditNotes(credit_notes=[note]),
                                         summarize_errors=False, idempotency_key=request_id)
        created = result.credit_notes[0]
        if _errors(created):
            raise RejectedError(f"Xero: {'; '.join(_errors(created))}")
        if Decimal(str(created.total)) != Decimal(credit_note["total"]):
            raise RejectedError(f"Xero credit note {created.credit_note_id} totals {created.total}, "
                                f"ours {credit_note['total']}.")
        if applied:
            allocation = Allocation(invoice=Invoice(invoice_id=invoice_ref), amount=applied, date=shaped.date)
            api.create_credit_note_allocation(connection.company_id, created.credit_note_id,
                                              Allocations(allocations=[allocation]), summarize_errors=False,
                                              idempotency_key=f"{request_id}-apply")
        return str(created.credit_note_id)

    return _call(connection, create)


def refund_create(
    *, connection: Connection, refund: dict[str, Any], credit_note_ref: str, deposit_account: str | None,
    request_id: str,
) -> str:
    """Money paid back out of a credit note's remaining credit: a Payment on the CreditNote (how
    Xero records a cash refund), from the bank account mapped to our cash (1000). Returns its
    PaymentID."""
    if not deposit_account:
        raise RejectedError("Map our cash account (1000) to a Xero bank account first: Xero refunds need one.")
    body = Payment(credit_note=CreditNote(credit_note_id=credit_note_ref), account=Account(code=deposit_account),
                   date=date.fromisoformat(refund["date"]), amount=Decimal(refund["amount"]),
                   reference=refund["reference"][:255])

    def create(api: AccountingApi) -> str:
        result = api.create_payments(connection.company_id, Payments(payments=[body]), summarize_errors=False,
                                     idempotency_key=request_id)
        created = result.payments[0]
        if _errors(created):
            raise RejectedError(f"Xero: {'; '.join(_errors(created))}")
        return str(created.payment_id)

    return _call(connection, create)
