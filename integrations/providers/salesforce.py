"""Salesforce through simple-salesforce: closed-won Opportunities with their line items, account
and contact roles (SOQL over the REST API), OAuth 2.0 web-server flow and refresh, and the
write-back of invoice status onto the Opportunity."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar
from urllib.parse import urlencode

import requests
from simple_salesforce import Salesforce
from simple_salesforce.exceptions import (
    SalesforceError,
    SalesforceExpiredSession,
    SalesforceMalformedRequest,
)

from ..credentials import connection_credentials, connection_credentials_update
from ..crm.mapping import Deal, DealLine
from ..exceptions import AuthorizationError, NotConfiguredError, RejectedError, RetryableError
from ..models import Connection

API_VERSION = "59.0"
TIMEOUT = 30
T = TypeVar("T")

DEAL_FIELDS = [
    "Id", "Name", "AccountId", "CloseDate", "StageName", "IsWon", "LastModifiedDate",
    "Account.Name", "Account.BillingStreet", "Account.BillingCity", "Account.BillingState",
    "Account.BillingPostalCode", "Account.BillingCountry",
]
LINE_FIELDS = [
    "Id", "Quantity", "UnitPrice", "TotalPrice", "ServiceDate", "Product2.ProductCode", "Product2.Name",
]


def login_url(connection: Connection) -> str:
    return "https://test.salesforce.com" if connection.is_sandbox else "https://login.salesforce.com"


def authorize_url(*, connection: Connection, redirect_uri: str, state: str) -> str:
    client_id = connection_credentials(connection).get("client_id")
    if not client_id:
        raise NotConfiguredError("Set the connected app's client id and secret first.")
    query = urlencode({"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri, "state": state})
    return f"{login_url(connection)}/services/oauth2/authorize?{query}"


def _token_request(connection: Connection, data: dict[str, str]) -> dict[str, Any]:
    creds = connection_credentials(connection)
    body = {"client_id": creds.get("client_id", ""), "client_secret": creds.get("client_secret", ""), **data}
    try:
        response = requests.post(f"{login_url(connection)}/services/oauth2/token", data=body, timeout=TIMEOUT)
    except requests.RequestException as exc:
        raise RetryableError(f"Salesforce token endpoint unreachable: {exc.__class__.__name__}") from exc
    if response.status_code != 200:
        # {"error": "invalid_grant", "error_description": "expired access/refresh token"}
        try:
            detail = response.json().get("error_description") or response.json().get("error")
        except ValueError:
            detail = response.text[:200]
        raise AuthorizationError(f"Salesforce refused the token request: {detail}", status=response.status_code)
    return response.json()


def _store_tokens(connection: Connection, token: dict[str, Any]) -> None:
    connection_credentials_update(
        connection=connection,
        values={
            "access_token": token.get("access_token"),
            "refresh_token": token.get("refresh_token"),
            "instance_url": token.get("instance_url"),
        },
    )
    # "id" is https://login.salesforce.com/id/<org id>/<user id>
    parts = str(token.get("id", "")).rstrip("/").split("/")
    if token.get("instance_url"):
        connection.instance_url = token["instance_url"]
    if len(parts) >= 2 and parts[-2].startswith("00D"):
        connection.company_id = parts[-2]
    connection.save(update_fields=["instance_url", "company_id"])


def authorize_callback(*, connection: Connection, code: str, redirect_uri: str) -> None:
    token = _token_request(connection, {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri})
    _store_tokens(connection, token)


def token_refresh(connection: Connection) -> None:
    refresh_token = connection_credentials(connection).get("refresh_token")
    if not refresh_token:
        raise AuthorizationError("No refresh token: authorize the connection.")
    token = _token_request(connection, {"grant_type": "refresh_token", "refresh_token": refresh_token})
    _store_tokens(connection, token)


def _client(connection: Connection) -> Salesforce:
    creds = connection_credentials(connection)
    if not creds.get("access_token") or not creds.get("instance_url"):
        raise AuthorizationError("Not authorized: use Authorize on the connection.")
    session = requests.Session()
    return Salesforce(
        instance_url=creds["instance_url"], session_id=creds["access_token"], version=API_VERSION, session=session
    )


def _call(connection: Connection, call: Callable[[Salesforce], T]) -> T:
    """Run ``call`` with a client; an expired session is refreshed once and the call retried."""
    for attempt in (1, 2):
        try:
            return call(_client(connection))
        except SalesforceExpiredSession as exc:
            if attempt == 2:
                raise AuthorizationError("Salesforce refused the refreshed session.", status=401) from exc
            token_refresh(connection)
        except SalesforceMalformedRequest as exc:
            raise RejectedError(_error_text(exc), status=exc.status) from exc
        except SalesforceError as exc:
            retry_after = None
            if exc.status == 503 or exc.status == 429:
                retry_after = 60.0
            raise RetryableError(_error_text(exc), status=exc.status, retry_after=retry_after) from exc
        except requests.RequestException as exc:
            raise RetryableError(f"Salesforce unreachable: {exc.__class__.__name__}") from exc
    raise AssertionError("unreachable")


def _error_text(exc: SalesforceError) -> str:
    # content: [{"message": "...", "errorCode": "INVALID_FIELD", "fields": [...]}]
    content = exc.content
    if isinstance(content, list):
        return "; ".join(f"{c.get('errorCode')}: {c.get('message')}" for c in content if isinstance(c, dict))
    return str(content)[:500]


def _soql_datetime(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def deals_query(*, since: datetime | None, deal_fields: Iterable[str] = (), line_fields: Iterable[str] = ()) -> str:
    fields = list(dict.fromkeys([*DEAL_FIELDS, *deal_fields]))
    lines = list(dict.fromkeys([*LINE_FIELDS, *line_fields]))
    where = "IsWon = true"
    if since is not None:
        where += f" AND LastModifiedDate >= {_soql_datetime(since)}"
    return (
        f"SELECT {', '.join(fields)}, "
        f"(SELECT {', '.join(lines)} FROM OpportunityLineItems ORDER BY SortOrder), "
        "(SELECT Role, IsPrimary, Contact.Name, Contact.Email FROM OpportunityContactRoles) "
        f"FROM Opportunity WHERE {where} ORDER BY LastModifiedDate ASC, Id ASC"
    )


def _children(record: dict[str, Any], relation: str) -> list[dict[str, Any]]:
    # A subquery with no rows comes back as null, not as an empty result.
    sub = record.get(relation)
    return list(sub.get("records", [])) if sub else []


def _billing_contact(record: dict[str, Any]) -> dict[str, Any]:
    roles = [r for r in _children(record, "OpportunityContactRoles") if (r.get("Contact") or {}).get("Email")]
    roles.sort(key=lambda r: ("billing" not in str(r.get("Role") or "").lower(), not r.get("IsPrimary")))
    return roles[0]["Contact"] if roles else {}


def deal_from_record(record: dict[str, Any]) -> Deal:
    account = record.get("Account") or {}
    contact = _billing_contact(record)
    country = str(account.get("BillingCountry") or "")
    lines = []
    for item in _children(record, "OpportunityLineItems"):
        product = item.get("Product2") or {}
        lines.append(
            DealLine(
                id=item["Id"],
                product_code=str(product.get("ProductCode") or ""),
                product_name=str(product.get("Name") or ""),
                quantity=Decimal(str(item.get("Quantity") or 0)),
                unit_price=Decimal(str(item.get("UnitPrice") or 0)),
                total=Decimal(str(item.get("TotalPrice") or 0)),
                fields=item,
            )
        )
    close = record.get("CloseDate")
    return Deal(
        id=record["Id"],
        name=str(record.get("Name") or ""),
        account_id=str(record.get("AccountId") or ""),
        account_name=str(account.get("Name") or ""),
        close_date=date.fromisoformat(close) if close else None,
        currency=record.get("CurrencyIsoCode"),
        contact_email=str(contact.get("Email") or ""),
        contact_name=str(contact.get("Name") or ""),
        address={
            "line1": str(account.get("BillingStreet") or "")[:200],
            "city": str(account.get("BillingCity") or ""),
            "region": str(account.get("BillingState") or ""),
            "postal_code": str(account.get("BillingPostalCode") or ""),
            "country": country if len(country) == 2 else "",
        },
        lines=lines,
        fields=record,
        modified_at=str(record.get("LastModifiedDate") or ""),
    )


def deals_fetch(
    *, connection: Connection, since: datetime | None, deal_fields: Iterable[str] = (), line_fields: Iterable[str] = ()
) -> list[Deal]:
    """Closed-won opportunities modified at or after ``since`` (all pages), oldest first."""
    soql = deals_query(since=since, deal_fields=deal_fields, line_fields=line_fields)
    result = _call(connection, lambda sf: sf.query_all(soql))
    return [deal_from_record(record) for record in result["records"]]


def deal_modified_at(deal: Deal) -> datetime | None:
    # 2026-03-02T10:15:00.000+0000
    if not deal.modified_at:
        return None
    return datetime.strptime(deal.modified_at, "%Y-%m-%dT%H:%M:%S.%f%z")


def deal_update(*, connection: Connection, deal_id: str, values: dict[str, Any]) -> None:
    _call(connection, lambda sf: sf.Opportunity.update(deal_id, values))


def new_state() -> str:
    return secrets.token_urlsafe(24)
