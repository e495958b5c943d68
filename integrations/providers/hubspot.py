"""HubSpot through hubspot-api-client: closed-won deals (CRM search), their line items, company
and contacts (associations v4, batch reads), the write-back of invoice status onto the deal, and
OAuth 2.0 (authorize, refresh) or a private app's access token.

The API host comes from ``INTEGRATIONS_HUBSPOT_API_URL`` (HubSpot has no sandbox host: a sandbox
or developer test account is a different portal); the tests point it at a local fake server."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar
from urllib.parse import urlencode

import requests
import urllib3
from django.conf import settings
from hubspot import HubSpot
from hubspot.crm.associations.v4 import (
    BatchInputPublicFetchAssociationsBatchRequest,
    PublicFetchAssociationsBatchRequest,
)
from hubspot.crm.deals import Filter, FilterGroup, PublicObjectSearchRequest, SimplePublicObjectInput
from hubspot.crm.objects import BatchReadInputSimplePublicObjectId, SimplePublicObjectId

from ..credentials import connection_credentials, connection_credentials_update
from ..crm.mapping import Deal, DealLine
from ..exceptions import AuthorizationError, NotConfiguredError, RejectedError, RetryableError
from ..models import Connection

TIMEOUT = 60
T = TypeVar("T")
SCOPES = "crm.objects.deals.read crm.objects.deals.write crm.objects.line_items.read crm.objects.companies.read " \
         "crm.objects.contacts.read oauth"
DEAL_PROPERTIES = ["dealname", "closedate", "hs_lastmodifieddate", "deal_currency_code", "hs_is_closed_won", "amount"]
LINE_PROPERTIES = ["name", "hs_sku", "quantity", "price", "amount", "hs_product_id", "recurringbillingfrequency",
                   "hs_recurring_billing_start_date"]
COMPANY_PROPERTIES = ["name", "address", "city", "state", "zip", "country", "domain"]
CONTACT_PROPERTIES = ["email", "firstname", "lastname"]


def _api_url() -> str:
    return getattr(settings, "INTEGRATIONS_HUBSPOT_API_URL", "https://api.hubapi.com").rstrip("/")


def authorize_url(*, connection: Connection, redirect_uri: str, state: str) -> str:
    client_id = connection_credentials(connection).get("client_id")
    if not client_id:
        raise NotConfiguredError("Set the HubSpot app's client id and secret first (or a private app token).")
    query = urlencode({"client_id": client_id, "redirect_uri": redirect_uri, "scope": SCOPES, "state": state})
    return f"https://app.hubspot.com/oauth/authorize?{query}"


def _token_request(connection: Connection, data: dict[str, str]) -> None:
    creds = connection_credentials(connection)
    body = {"client_id": creds.get("client_id", ""), "client_secret": creds.get("client_secret", ""), **data}
    try:
        response = requests.post(f"{_api_url()}/oauth/v1/token", data=body, timeout=TIMEOUT)
    except requests.RequestException as exc:
        raise RetryableError(f"HubSpot unreachable: {exc.__class__.__name__}") from exc
    if response.status_code != 200:
        raise AuthorizationError(f"HubSpot refused the token request: {response.text[:200]}",
                                 status=response.status_code)
    token = response.json()
    connection_credentials_update(connection=connection, values={
        "access_token": token.get("access_token"), "refresh_token": token.get("refresh_token")})


def authorize_callback(*, connection: Connection, code: str, redirect_uri: str) -> None:
    _token_request(connection, {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri})


def token_refresh(connection: Connection) -> None:
    refresh_token = connection_credentials(connection).get("refresh_token")
    if not refresh_token:
        raise AuthorizationError("The access token was refused and there is no refresh token (a private app "
                                 "token was revoked?): enter a new one or authorize.")
    _token_request(connection, {"grant_type": "refresh_token", "refresh_token": refresh_token})


def _client(connection: Connection) -> HubSpot:
    token = connection_credentials(connection).get("access_token")
    if not token:
        raise AuthorizationError("Not authorized: authorize the connection or enter a private app token.")
    # No urllib3 retries: a 429's Retry-After would be slept inside the call; the sync retries.
    return HubSpot(access_token=token, host=_api_url(), retry=False)


def _call(connection: Connection, call: Callable[[HubSpot], T]) -> T:
    for attempt in (1, 2):
        try:
            return call(_client(connection))
        except urllib3.exceptions.HTTPError as exc:
            raise RetryableError(f"HubSpot unreachable: {exc.__class__.__name__}") from exc
        except Exception as exc:
            status = getattr(exc, "status", None)
            if status is None:  # not an ApiException of one of the SDK's packages
                raise
            if status == 401 and attempt == 1:
                token_refresh(connection)
                continue
            message = f"HubSpot {status}: {str(getattr(exc, 'body', '') or exc)[:400]}"
            if status in (401, 403):
                raise AuthorizationError(message, status=status) from exc
            if status == 429 or status >= 500:
                headers = getattr(exc, "headers", None) or {}
                retry_after = headers.get("Retry-After")
                raise RetryableError(message, status=status,
                                     retry_after=float(retry_after) if retry_after else None) from exc
            raise RejectedError(message, status=status) from exc
    raise AssertionError("unreachable")


def _ms(value: datetime) -> str:
    return str(int(value.timestamp() * 1000))


def _associations(client: HubSpot, to_type: str, deal_ids: list[str]) -> dict[str, list[tuple[str, list[str]]]]:
    """deal id -> [(associated object id, association labels)]."""
    if not deal_ids:
        return {}
    request = BatchInputPublicFetchAssociationsBatchRequest(
        inputs=[PublicFetchAssociationsBatchRequest(id=deal_id) for deal_id in deal_ids])
    result = client.crm.associations.v4.batch_api.get_page(
        from_object_type="deals", to_object_type=to_type,
        batch_input_public_fetch_associations_batch_request=request)
    out: dict[str, list[tuple[str, list[str]]]] = {}
    for row in result.results or []:
        out[str(row._from.id)] = [
            (str(to.to_object_id), [str(t.label or "") for t in (to.association_types or [])]) for to in row.to or []
        ]
    return out


def _batch_read(client: HubSpot, object_type: str, ids: Iterable[str], properties: list[str]) -> dict[str, dict]:
    ids = sorted(set(ids))
    if not ids:
        return {}
    request = BatchReadInputSimplePublicObjectId(properties=properties,
                                                 inputs=[SimplePublicObjectId(id=i) for i in ids])
    result = client.crm.objects.batch_api.read(object_type=object_type,
                                                 batch_read_input_simple_public_object_id=request)
    return {str(obj.id): dict(obj.properties or {}) for obj in result.results or []}


def _decimal(value: Any) -> Decimal:
    try:
        return Decimal(str(value)) if value not in (None, "") else Decimal(0)
    except InvalidOperation:
        return Decimal(0)


def _deal(deal: Any, lines: list[dict], company: dict, contact: dict) -> Deal:
    props = dict(deal.properties or {})
    close = props.get("closedate")
    country = str(company.get("country") or "")
    return Deal(
        id=str(deal.id), name=str(props.get("dealname") or ""),
        account_id=str(company.get("hs_object_id") or company.get("_id") or ""),
        account_name=str(company.get("name") or ""),
        close_date=date.fromisoformat(close[:10]) if close else None,
        currency=props.get("deal_currency_code") or None,
        contact_email=str(contact.get("email") or ""),
        contact_name=" ".join(p for p in (contact.get("firstname"), contact.get("lastname")) if p),
        address={"line1": str(company.get("address") or "")[:200], "city": str(company.get("city") or ""),
                 "region": str(company.get("state") or ""), "postal_code": str(company.get("zip") or ""),
                 "country": country if len(country) == 2 else ""},
        lines=[
            DealLine(id=str(line["_id"]), product_code=str(line.get("hs_sku") or ""),
                     product_name=str(line.get("name") or ""), quantity=_decimal(line.get("quantity")),
                     unit_price=_decimal(line.get("price")), total=_decimal(line.get("amount")), fields=line)
            for line in lines
        ],
        fields=props,
        modified_at=str(props.get("hs_lastmodifieddate") or ""),
    )


def deals_fetch(
    *, connection: Connection, since: datetime | None, deal_fields: Iterable[str] = (), line_fields: Iterable[str] = ()
) -> list[Deal]:
    """Closed-won deals modified at or after ``since``, oldest first, with their line items, first
    associated company and billing contact (an association labelled "Billing...", else the first)."""
    deal_properties = list(dict.fromkeys([*DEAL_PROPERTIES, *deal_fields]))
    line_properties = list(dict.fromkeys([*LINE_PROPERTIES, *line_fields]))

    def fetch(client: HubSpot) -> list[Deal]:
        filters = [Filter(property_name="hs_is_closed_won", operator="EQ", value="true")]
        if since is not None:
            filters.append(Filter(property_name="hs_lastmodifieddate", operator="GTE", value=_ms(since)))
        found: list[Any] = []
        after = None
        while True:
            page = client.crm.deals.search_api.do_search(public_object_search_request=PublicObjectSearchRequest(
                filter_groups=[FilterGroup(filters=filters)], properties=deal_properties,
                sorts=["hs_lastmodifieddate"], limit=100, after=after))
            found += page.results or []
            after = page.paging.next.after if page.paging and page.paging.next else None
            if not after:
                break
        ids = [str(d.id) for d in found]
        line_links = _associations(client, "line_items", ids)
        company_links = _associations(client, "companies", ids)
        contact_links = _associations(client, "contacts", ids)
        lines = _batch_read(client, "line_items", (i for v in line_links.values() for i, _ in v), line_properties)
        companies = _batch_read(client, "companies", (v[0][0] for v in company_links.values() if v),
                                COMPANY_PROPERTIES)
        contacts = _batch_read(client, "contacts", (i for v in contact_links.values() for i, _ in v),
                               CONTACT_PROPERTIES)
        deals = []
        for deal in found:
            deal_id = str(deal.id)
            deal_lines = [{**lines[i], "_id": i} for i, _ in line_links.get(deal_id, []) if i in lines]
            company_ids = [i for i, _ in company_links.get(deal_id, [])]
            company = {**companies.get(company_ids[0], {}), "_id": company_ids[0]} if company_ids else {}
            people = sorted(contact_links.get(deal_id, []),
                            key=lambda link: not any("billing" in label.lower() for label in link[1]))
            contact = next((contacts[i] for i, _ in people if contacts.get(i, {}).get("email")), {})
            deals.append(_deal(deal, deal_lines, company, contact))
        deals.sort(key=lambda d: (d.modified_at, d.id))
        return deals

    return _call(connection, fetch)


def deal_modified_at(deal: Deal) -> datetime | None:
    # "2026-03-01T10:00:01.000Z" (ISO 8601, UTC)
    if not deal.modified_at:
        return None
    return datetime.fromisoformat(deal.modified_at.replace("Z", "+00:00")).astimezone(UTC)


def deal_update(*, connection: Connection, deal_id: str, values: dict[str, Any]) -> None:
    _call(connection, lambda client: client.crm.deals.basic_api.update(
        deal_id, simple_public_object_input=SimplePublicObjectInput(properties={k: str(v) for k, v in values.items()})))
