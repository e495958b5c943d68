"""QuickBooks Online through python-quickbooks and intuit-oauth: OAuth 2.0 authorize and refresh,
the chart of accounts, the books' closing date, and journal entries posted with ``requestid``
(QuickBooks answers a repeated requestid with the object it made the first time, so a retry
after a timeout cannot book twice)."""

from __future__ import annotations

import json
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
from quickbooks.objects.journalentry import Entity, JournalEntry, JournalEntryLine, JournalEntryLineDetail
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
            if last.status == 400 and isinstance(exc.error_code, int) and 5000 <= exc.error_code < 10000:
                # Business validation (6000 "...must choose a customer in the Name field", 6210 a
                # closed period; python-quickbooks leaves 5000-9999 generic): the same payload would
                # fail again, so it waits for a person.
                raise RejectedError(f"QuickBooks {exc.error_code}: {exc.message} {exc.detail}".strip(),
                                    status=400) from exc
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


def journal_entry_build(journal: GlJournal, accounts: dict[str, str],
                        customers: dict[int, str] | None = None) -> JournalEntry:
    """The JournalEntry as QuickBooks documents it: a JournalEntryLineDetail per line with its
    PostingType and AccountRef, and on a line carrying our customer (lines on Accounts
    Receivable) ``Entity {Type: Customer, EntityRef}``: QuickBooks refuses an A/R line without
    one (6000 "When you use Accounts Receivable, you must choose a customer in the Name field")."""
    customers = customers or {}
    entry = JournalEntry()
    entry.TxnDate = journal.entry_date.isoformat()
    entry.DocNumber = journal.doc_number[:21]  # QuickBooks' DocNumber limit
    entry.PrivateNote = journal.memo[:4000]
    entry.CurrencyRef = _ref(journal.currency)
    for line in journal.lines:
        detail = JournalEntryLineDetail()
        detail.PostingType = "Debit" if line.debit else "Credit"
        detail.AccountRef = _ref(accounts[line.account_code])
        if line.customer_id is not None:
            entity = Entity()
            entity.Type = "Customer"
            entity.EntityRef = _ref(customers[line.customer_id])
            detail.Entity = entity
        row = JournalEntryLine()
        row.Amount = line.debit or line.credit
        row.Description = line.description[:4000]
        row.JournalEntryLineDetail = detail
        entry.Line.append(row)
    return entry


def journal_entry_create(
    *, connection: Connection, journal: GlJournal, accounts: dict[str, str], request_id: str,
    customers: dict[int, str] | None = None,
) -> str:
    """Post one journal entry; returns its QuickBooks Id. ``request_id`` is our durable key;
    ``customers`` maps our customer ids on the journal's receivable lines to QuickBooks Customer Ids."""
    entry = journal_entry_build(journal, accounts, customers)

    def post(qb: QuickBooks) -> str:
        saved = entry.save(qb=qb, request_id=request_id)
        return str(saved.Id)

    return _call(connection, post)


def amount_text(amount: Decimal) -> str:
    return format(amount, "f")


# --- documents: customers, invoices, voids, payments (Connection.gl_content = documents) -------
#
# Bodies are the v3 entities as Intuit documents them, sent through python-quickbooks' client
# (create_object / query / post), so the SDK's auth, refresh and fault handling apply. Amounts go
# as decimal strings through the SDK's DecimalEncoder, as its own objects send them.


def _dumps(body: dict[str, Any]) -> str:
    from quickbooks.mixins import DecimalEncoder

    return json.dumps(body, cls=DecimalEncoder)


def _quoted(value: str) -> str:
    """A string literal of QuickBooks' query language (backslash escapes the quote)."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def customer_display_name(customer: dict[str, Any]) -> str:
    """Unique per our customer (QuickBooks' DisplayName is unique per company): the name and our
    customer id, so the QuickBooks customer is found again by our id."""
    suffix = f" ({customer['external_id']})"
    return customer["name"][: 500 - len(suffix)] + suffix


def customer_body(customer: dict[str, Any]) -> dict[str, Any]:
    address = customer.get("address") or {}
    body: dict[str, Any] = {
        "DisplayName": customer_display_name(customer),
        "CompanyName": customer["name"][:100],
        "Notes": f"Autobill customer {customer['external_id']}",
        "CurrencyRef": {"value": customer["currency"]},
    }
    if customer.get("email"):
        body["PrimaryEmailAddr"] = {"Address": customer["email"]}
    if any(address.values()):
        body["BillAddr"] = {
            "Line1": address.get("line1", ""), "Line2": address.get("line2", ""), "City": address.get("city", ""),
            "CountrySubDivisionCode": address.get("region", ""), "PostalCode": address.get("postal_code", ""),
            "Country": address.get("country", ""),
        }
    return body


def customer_upsert(*, connection: Connection, customer: dict[str, Any], request_id: str) -> str:
    """The QuickBooks Customer of our customer: found by its DisplayName (which carries our
    customer id), else created with ``requestid``. Returns its Id."""
    body = customer_body(customer)

    def upsert(qb: QuickBooks) -> str:
        found = qb.query(f"SELECT Id, DisplayName FROM Customer WHERE DisplayName = {_quoted(body['DisplayName'])}")
        rows = (found.get("QueryResponse") or {}).get("Customer") or []
        if rows:
            return str(rows[0]["Id"])
        saved = qb.create_object("Customer", _dumps(body), request_id=request_id)
        return str(saved["Customer"]["Id"])

    return _call(connection, upsert)


def customer_update(*, connection: Connection, external_id: str, customer: dict[str, Any], request_id: str) -> str:
    """A sparse update of the QuickBooks Customer (name, email, address as ours now): read for its
    SyncToken, then ``sparse: true`` with only our fields, so what a bookkeeper set in QuickBooks
    stays. ``request_id`` is per change: a retry of the same change gets QuickBooks' first answer."""
    body = customer_body(customer)
    body.pop("CurrencyRef", None)  # a customer's currency cannot change once it has transactions
    if not customer.get("email"):
        body["PrimaryEmailAddr"] = {"Address": ""}
    if "BillAddr" not in body:
        body["BillAddr"] = dict.fromkeys(
            ("Line1", "Line2", "City", "CountrySubDivisionCode", "PostalCode", "Country"), "")

    def update(qb: QuickBooks) -> str:
        current = qb.get_single_object("Customer", external_id)["Customer"]
        saved = qb.update_object("Customer", _dumps({**body, "Id": external_id, "SyncToken": current["SyncToken"],
                                                     "sparse": True}), request_id=request_id)
        return str(saved["Customer"]["Id"])

    return _call(connection, update)


def invoice_body(invoice: dict[str, Any], *, customer_ref: str, options: dict[str, Any]) -> dict[str, Any]:
    """A QuickBooks Invoice of our invoice: one SalesItemLine per line on the item whose income
    account is the one our issue entry credits: ``qbo_item_id`` (income account = the one mapped to
    our revenue, 4000) for what is earned at issue, ``qbo_deferred_item_id`` (income account = the
    one mapped to our deferred revenue, 2100) for what revenue recognition defers; the tax as one
    line on ``qbo_tax_item_id`` (income account = the one mapped to our sales tax payable).
    DocNumber is our invoice number, so QuickBooks' own numbering is not used."""
    items = {"4000": str(options.get("qbo_item_id") or ""), "2100": str(options.get("qbo_deferred_item_id") or ""),
             "6100": str(options.get("qbo_bad_debt_item_id") or "")}
    lines: list[dict[str, Any]] = []
    for n, line in enumerate(invoice["lines"], start=1):
        item_id = items.get(line["account"], "")
        if not item_id:
            option = {"4000": "qbo_item_id", "6100": "qbo_bad_debt_item_id"}.get(line["account"],
                                                                                  "qbo_deferred_item_id")
            raise RejectedError(f'Set the connection option "{option}" (the QuickBooks item for our account '
                                f'{line["account"]}).')
        detail: dict[str, Any] = {"ItemRef": {"value": item_id}, "ServiceDate": line["period_start"]}
        quantity, unit_price, amount = (Decimal(line["quantity"]), Decimal(line["unit_price"] or "0"),
                                        Decimal(line["amount"]))
        if unit_price and (quantity * unit_price).quantize(amount) == amount:
            # QuickBooks checks Amount = Qty x UnitPrice; a rated line (tiers, proration) sends
            # its amount alone.
            detail.update({"Qty": quantity.normalize(), "UnitPrice": unit_price.normalize()})
        lines.append({"LineNum": n, "Description": line["description"][:4000], "Amount": amount,
                      "DetailType": "SalesItemLineDetail", "SalesItemLineDetail": detail})
    tax = Decimal(invoice["tax"])
    if tax:
        tax_item = str(options.get("qbo_tax_item_id") or "")
        if not tax_item:
            raise RejectedError('The invoice has tax: set the connection option "qbo_tax_item_id" (a QuickBooks '
                                "item whose income account is the one mapped to our sales tax payable).")
        lines.append({"LineNum": len(lines) + 1, "Description": invoice["tax_description"][:4000], "Amount": tax,
                      "DetailType": "SalesItemLineDetail", "SalesItemLineDetail": {"ItemRef": {"value": tax_item}}})
    body: dict[str, Any] = {
        "DocNumber": invoice["number"][:21],
        "TxnDate": invoice["issue_date"],
        "CustomerRef": {"value": customer_ref},
        "CurrencyRef": {"value": invoice["currency"]},
        "PrivateNote": f"Autobill invoice {invoice['number']} [invoice:{invoice['id']}]",
        "Line": lines,
    }
    if invoice.get("due_date"):
        body["DueDate"] = invoice["due_date"]
    if invoice.get("email"):
        body["BillEmail"] = {"Address": invoice["email"]}
    return body


def invoice_create(
    *, connection: Connection, invoice: dict[str, Any], customer_ref: str, request_id: str,
    accounts: dict[str, str] | None = None,
) -> str:
    """Create the invoice (``accounts`` unused: QuickBooks books through the items' accounts)."""
    body = invoice_body(invoice, customer_ref=customer_ref, options=connection.options or {})

    def create(qb: QuickBooks) -> str:
        saved = qb.create_object("Invoice", _dumps(body), request_id=request_id)
        total = Decimal(str(saved["Invoice"].get("TotalAmt", "0")))
        if total != Decimal(invoice["total"]):
            # Automated sales tax or a rounding rule changed the total: the document is there
            # (the requestid keeps it single) but it does not say what ours says.
            raise RejectedError(
                f"QuickBooks invoice {saved['Invoice']['Id']} totals {total}, ours {invoice['total']}: check its tax."
            )
        return str(saved["Invoice"]["Id"])

    return _call(connection, create)


def invoice_void(*, connection: Connection, external_id: str, request_id: str) -> str:
    """Void the QuickBooks invoice (amounts to zero, "Voided" in its private note). Read first for
    its SyncToken; an invoice already voided (a retry after a lost answer) is left as it is."""

    def void(qb: QuickBooks) -> str:
        current = qb.get_single_object("Invoice", external_id)["Invoice"]
        if str(current.get("PrivateNote") or "").startswith("Voided") and not Decimal(str(current.get("TotalAmt", 0))):
            return external_id
        url = f"{qb.api_url}/company/{qb.company_id}/invoice"
        qb.post(url, _dumps({"Id": external_id, "SyncToken": current["SyncToken"]}),
                params={"operation": "void"}, request_id=request_id)
        return external_id

    return _call(connection, void)


def payment_body(
    payment: dict[str, Any], *, invoice_ref: str, customer_ref: str, deposit_account: str | None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "TxnDate": payment["date"],
        "TotalAmt": Decimal(payment["amount"]),
        "CustomerRef": {"value": customer_ref},
        "CurrencyRef": {"value": payment["currency"]},
        "PaymentRefNum": (payment["reference"] or f"AB-P{payment['id']}")[:21],
        "PrivateNote": f"Autobill payment {payment['id']} ({payment['method']}) [payment:{payment['id']}]",
        "Line": [{"Amount": Decimal(payment["amount"]),
                  "LinkedTxn": [{"TxnId": invoice_ref, "TxnType": "Invoice"}]}],
    }
    if deposit_account:
        body["DepositToAccountRef"] = {"value": deposit_account}
    return body


def payment_create(
    *, connection: Connection, payment: dict[str, Any], invoice_ref: str, customer_ref: str,
    deposit_account: str | None, request_id: str,
) -> str:
    body = payment_body(payment, invoice_ref=invoice_ref, customer_ref=customer_ref, deposit_account=deposit_account)

    def create(qb: QuickBooks) -> str:
        saved = qb.create_object("Payment", _dumps(body), request_id=request_id)
        return str(saved["Payment"]["Id"])

    return _call(connection, create)


def credit_note_create(
    *, connection: Connection, credit_note: dict[str, Any], invoice_ref: str, customer_ref: str, request_id: str,
    accounts: dict[str, str] | None = None,
) -> str:
    """A CreditMemo of the customer (lines on the same items as invoices, by the account our entry
    debits), then the part taken off the invoice's balance applied to the invoice by a zero
    Payment linking both (how QuickBooks applies a credit memo). Each call has its own requestid,
    derived from the item's, so a retry finds both. Returns the CreditMemo's Id."""
    body = invoice_body({**credit_note, "due_date": "", "email": ""}, customer_ref=customer_ref,
                        options=connection.options or {})
    body["PrivateNote"] = f"Autobill credit note {credit_note['number']} [credit_note:{credit_note['id']}]"
    if credit_note.get("memo"):
        body["CustomerMemo"] = {"value": credit_note["memo"][:1000]}
    applied = Decimal(credit_note["credited_to_balance"])

    def create(qb: QuickBooks) -> str:
        saved = qb.create_object("CreditMemo", _dumps(body), request_id=request_id)["CreditMemo"]
        if Decimal(str(saved.get("TotalAmt", "0"))) != Decimal(credit_note["total"]):
            raise RejectedError(f"QuickBooks credit memo {saved['Id']} totals {saved.get('TotalAmt')}, "
                                f"ours {credit_note['total']}: check its tax.")
        if applied:
            link = {"TxnDate": credit_note["issue_date"], "TotalAmt": Decimal(0),
                    "CustomerRef": {"value": customer_ref}, "CurrencyRef": {"value": credit_note["currency"]},
                    "PrivateNote": f"Autobill credit note {credit_note['number']} applied",
                    "Line": [{"Amount": applied, "LinkedTxn": [{"TxnId": invoice_ref, "TxnType": "Invoice"}]},
                             {"Amount": applied, "LinkedTxn": [{"TxnId": str(saved["Id"]), "TxnType": "CreditMemo"}]}]}
            qb.create_object("Payment", _dumps(link), request_id=f"{request_id}-apply")
        return str(saved["Id"])

    return _call(connection, create)
