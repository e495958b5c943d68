"""Local fakes of the providers at the HTTP boundary (``responses``), reproducing the request and
response shapes the providers document, so the real SDKs (simple-salesforce, intuit-oauth,
python-quickbooks) run unchanged:

- Salesforce REST: ``GET /services/data/vXX.X/query?q=SOQL`` -> ``{"totalSize", "done",
  "nextRecordsUrl", "records": [{"attributes": {...}, ..., "Account": {...},
  "OpportunityLineItems": {"totalSize", "done", "records": [...]} | null}]}``; ``PATCH
  /sobjects/Opportunity/{id}`` -> 204; an expired session -> 401 ``[{"message": "Session expired
  or invalid", "errorCode": "INVALID_SESSION_ID"}]``; ``POST /services/oauth2/token``.
- Intuit OAuth 2.0: the OpenID discovery document and ``POST /oauth2/v1/tokens/bearer``
  (refresh tokens rotate).
- QuickBooks Online v3: ``POST /v3/company/{realm}/journalentry?requestid=`` -> ``{"JournalEntry":
  {...,"Id","SyncToken","MetaData"}, "time"}`` (a repeated requestid returns the first answer);
  ``POST /query`` (Account), ``GET /preferences``; errors as ``{"Fault": {"Error": [{"Message",
  "Detail", "code"}], "type"}}``; 401 when the access token expired; 429 with Retry-After.
- NetSuite REST record service and SuiteQL (see ``NetSuiteFake``), Xero accounting API 2.0 (see
  ``XeroFake``), HubSpot CRM v3/v4 (see ``HubSpotFake``).
"""

# Where the providers' error texts and codes below come from (checked December 2026). The code
# under test never matches on these texts: it decides on HTTP status and error codes only; the
# texts are what a person reads on a failed item, so tests may look for them.
#
# QuickBooks Online
# - 6210 "Account Period Closed" / "The account period has closed and the account books cannot be
#   updated through the QBO Services API. Please use the QBO website to make these changes.":
#   Intuit's developer blog "Top QuickBooks Online API Errors and How to Handle Them"
#   (developer.intuit.com/hub/blog/2017/06/08/...), with the same detail quoted by integrators
#   (synder.com help "The account period has closed", support.myleanlaw.co). Earlier the fake said
#   "Business Validation Error: The account period has closed." (corrected).
# - 6000 Message "A business validation error has occurred while processing your request", Detail
#   "Business Validation Error: <reason>": same Intuit blog (its example reason is "You must set
#   a transaction amount."). The reason for an A/R line without a customer, "When you use Accounts
#   Receivable, you must choose a customer in the Name field.", is QuickBooks' wording of the rule
#   as the UI shows it; the rule itself (an A/R line needs a Customer, an A/P line a Vendor) is
#   stated by importers and integrators (support.zed-systems.com "Import journal entries into
#   QuickBooks Online"; Conductor's QuickBooks journal entry docs). No Intuit page with that exact
#   API detail was found: treat the reason text as unverified.
# - 6240 "Duplicate Name Exists Error" / "The name supplied already exists: Another customer is
#   already using this name. Please use a different name.": same Intuit blog (corrected from
#   "...exists. : Another customer...").
# - 610 "Object Not Found", 2500 "Invalid Reference Id", 5010 "Stale Object Error": same blog
#   (codes and messages); the details are shortened.
#
# Xero
# - A manual journal line on a system account (Accounts Receivable, Payable): Xero's help says
#   "Some system accounts can't be selected in a manual journal" and to journal to a secondary
#   account instead (help.xero.com "Manual journals", "Record movements in system accounts"). The
#   API's exact validation message was not found in Xero's documentation; the fake's "Account code
#   '<code>' is a system account and cannot be used in manual journals." is unverified wording in
#   Xero's documented ValidationException shape (ErrorNumber 10, Elements[].ValidationErrors[]).
#
# NetSuite (docs.oracle.com NetSuite help, "Error Handling in REST Web Services", section
# 156570709583)
# - 401 INVALID_LOGIN with "Invalid login attempt. For more details, see the Login Audit Trail
#   ..." and the rfc2616 ``type``: quoted from that page (the fake said "Invalid login attempt."
#   with an RFC 9110 type; corrected).
# - 400 INVALID_CONTENT "Error while accessing resource: You have entered an Invalid Field Value
#   <value> for the following field: <field>" with ``o:errorPath`` (``item.items[0].item``): quoted
#   from that page; the fake answers an unknown account or entity on a journal line with it (it said
#   INVALID_VALUE "Invalid value for the resource or sub-resource field 'account'"; corrected).
# - An A/R journal line without a name: NetSuite does not refuse it; it books it to "No
#   Customer/Job" in the A/R aging (optimaldataconsulting.com "How to fix the No Customer/Vendor
#   line on NetSuite aging reports", support.jcurvesolutions.com "Clear Beginning Balance of No
#   Customer/Job"). The fake takes it and records it in ``NetSuiteFake.no_customer``.
# - "Please enter value(s) for: Primary Subsidiary" for a customer without its subsidiary in a
#   OneWorld account: NetSuite's wording as reported for SOAP (netsuitephp/netsuite-php issue 81,
#   localised); the REST error code USER_ERROR is an assumption.
# - Upsert by ``PUT /record/v1/<type>/eid:<externalId>`` (204, Location header), external ids of
#   letters, digits, ``_`` and ``-``: "Using the Upsert Operation" and "Using External IDs".
# - 429 CONCURRENCY_LIMIT_EXCEEDED "Concurrent request limit exceeded." and 404 NONEXISTENT_ID: not
#   found in the documentation (only the SOAP faults and RESTlet SSS_REQUEST_LIMIT_EXCEEDED are
#   documented); the code relies on the status (429 retried after Retry-After) only.

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, unquote_plus, urlparse

import requests
import responses

SF_INSTANCE = "https://acme.my.salesforce.com"
SF_VERSION = "59.0"


def _json(status: int, body: Any, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    return status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(body)


@dataclass
class SalesforceFake:
    """A Salesforce org: opportunities (with line items, account, contact roles), OAuth tokens."""

    access_token: str = "00Dxx!sf-access-1"
    refresh_token: str = "sf-refresh-1"
    page_size: int = 2
    opportunities: dict[str, dict[str, Any]] = field(default_factory=dict)
    updates: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    queries: list[str] = field(default_factory=list)
    token_requests: list[dict[str, list[str]]] = field(default_factory=list)
    _pages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _clock: int = 0

    def install(self, rsps: responses.RequestsMock) -> None:
        base = f"{SF_INSTANCE}/services/data/v{SF_VERSION}"
        rsps.add_callback(responses.GET, re.compile(re.escape(base) + r"/query/?\?"), callback=self._query)
        rsps.add_callback(responses.GET, re.compile(re.escape(base) + r"/query/01g[^?]*$"), callback=self._next_page)
        rsps.add_callback(
            responses.PATCH, re.compile(re.escape(base) + r"/sobjects/Opportunity/\w+"), callback=self._update
        )
        for host in ("https://login.salesforce.com", "https://test.salesforce.com"):
            rsps.add_callback(responses.POST, f"{host}/services/oauth2/token", callback=self._token)

    # -- data --------------------------------------------------------------------------------
    def _tick(self) -> str:
        self._clock += 1
        return f"2026-03-01T10:{self._clock // 60:02d}:{self._clock % 60:02d}.000+0000"

    def add_opportunity(
        self,
        opp_id: str,
        *,
        account: tuple[str, str],
        lines: list[dict[str, Any]],
        contact_email: str = "ap@acme.test",
        close_date: str = "2026-03-01",
        is_won: bool = True,
        **fields: Any,
    ) -> dict[str, Any]:
        account_id, account_name = account
        record = {
            "attributes": {"type": "Opportunity", "url": f"/services/data/v{SF_VERSION}/sobjects/Opportunity/{opp_id}"},
            "Id": opp_id,
            "Name": f"{account_name} - New Business",
            "AccountId": account_id,
            "CloseDate": close_date,
            "StageName": "Closed Won" if is_won else "Negotiation/Review",
            "IsWon": is_won,
            "LastModifiedDate": self._tick(),
            "Account": {
                "attributes": {"type": "Account", "url": f"/services/data/v{SF_VERSION}/sobjects/Account/{account_id}"},
                "Name": account_name,
                "BillingStreet": "1 Main St",
                "BillingCity": "Boston",
                "BillingState": "MA",
                "BillingPostalCode": "02110",
                "BillingCountry": "US",
            },
            "OpportunityContactRoles": {
                "totalSize": 1, "done": True,
                "records": [{
                    "attributes": {"type": "OpportunityContactRole", "url": "/x"},
                    "Role": "Billing Contact", "IsPrimary": True,
                    "Contact": {"attributes": {"type": "Contact", "url": "/y"}, "Name": "Pat Payer",
                                "Email": contact_email},
                }],
            } if contact_email else None,
            **fields,
        }
        record["OpportunityLineItems"] = self._line_items(opp_id, lines)
        self.opportunities[opp_id] = record
        return record

    def _line_items(self, opp_id: str, lines: list[dict[str, Any]]) -> dict[str, Any] | None:
        if not lines:
            return None  # Salesforce answers a subquery without rows with null
        records = []
        for n, line in enumerate(lines):
            quantity, unit_price = Decimal(str(line["quantity"])), Decimal(str(line["unit_price"]))
            records.append({
                "attributes": {"type": "OpportunityLineItem", "url": "/z"},
                "Id": f"00k{opp_id[-6:]}{n:03d}",
                "Quantity": float(quantity),
                "UnitPrice": float(unit_price),
                "TotalPrice": float(quantity * unit_price),
                "ServiceDate": line.get("service_date"),
                "Product2": {"attributes": {"type": "Product2", "url": "/p"}, "ProductCode": line["code"],
                             "Name": line.get("name", line["code"])},
                **line.get("fields", {}),
            })
        return {"totalSize": len(records), "done": True, "records": records}

    def change_opportunity(self, opp_id: str, *, lines: list[dict[str, Any]] | None = None, **fields: Any) -> None:
        record = self.opportunities[opp_id]
        record.update(fields)
        if lines is not None:
            record["OpportunityLineItems"] = self._line_items(opp_id, lines)
        record["LastModifiedDate"] = self._tick()

    # -- endpoints ---------------------------------------------------------------------------
    def _authorized(self, request: requests.PreparedRequest) -> bool:
        return request.headers.get("Authorization") == f"Bearer {self.access_token}"

    def _expired(self) -> tuple[int, dict[str, str], str]:
        return _json(401, [{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}])

    def _query(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        if not self._authorized(request):
            return self._expired()
        soql = unquote_plus(parse_qs(urlparse(request.url).query)["q"][0])
        self.queries.append(soql)
        if not soql.startswith("SELECT ") or " FROM Opportunity WHERE IsWon = true" not in soql:
            return _json(400, [{"message": "unexpected query", "errorCode": "MALFORMED_QUERY"}])
        since = re.search(r"LastModifiedDate >= (\S+)", soql)
        rows = [r for r in self.opportunities.values() if r["IsWon"]]
        if since:
            cutoff = since.group(1).replace("Z", ".000+0000")
            rows = [r for r in rows if r["LastModifiedDate"] >= cutoff]
        rows.sort(key=lambda r: (r["LastModifiedDate"], r["Id"]))
        return self._page(json.loads(json.dumps(rows)), 0)

    def _page(self, rows: list[dict[str, Any]], start: int) -> tuple[int, dict[str, str], str]:
        chunk = rows[start:start + self.page_size]
        body: dict[str, Any] = {"totalSize": len(rows), "done": start + self.page_size >= len(rows), "records": chunk}
        if not body["done"]:
            locator = f"01gD0000002HU6KIAW-{start + self.page_size}"
            self._pages[locator] = rows
            body["nextRecordsUrl"] = f"/services/data/v{SF_VERSION}/query/{locator}"
        return _json(200, body)

    def _next_page(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        if not self._authorized(request):
            return self._expired()
        locator = urlparse(request.url).path.rsplit("/", 1)[1]
        return self._page(self._pages[locator], int(locator.rsplit("-", 1)[1]))

    def _update(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        if not self._authorized(request):
            return self._expired()
        opp_id = urlparse(request.url).path.rsplit("/", 1)[1]
        if opp_id not in self.opportunities:
            return _json(404, [{"errorCode": "NOT_FOUND", "message": "The requested resource does not exist"}])
        values = json.loads(request.body)
        unknown = [k for k in values if not k.endswith("__c") and k not in self.opportunities[opp_id]]
        if unknown:
            return _json(400, [{"message": f"No such column '{unknown[0]}' on sobject of type Opportunity",
                                "errorCode": "INVALID_FIELD"}])
        self.opportunities[opp_id].update(values)
        self.updates.append((opp_id, values))
        return 204, {}, ""

    def _token(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        form = parse_qs(request.body if isinstance(request.body, str) else request.body.decode())
        self.token_requests.append(form)
        grant = form.get("grant_type", [""])[0]
        if grant == "refresh_token" and form.get("refresh_token") == [self.refresh_token]:
            self.access_token = f"00Dxx!sf-access-{len(self.token_requests) + 1}"
        elif grant == "authorization_code" and form.get("code") == ["sf-code"]:
            self.access_token = "00Dxx!sf-access-authorized"
        else:
            return _json(400, {"error": "invalid_grant", "error_description": "expired access/refresh token"})
        return _json(200, {
            "access_token": self.access_token, "refresh_token": self.refresh_token,
            "instance_url": SF_INSTANCE, "id": "https://login.salesforce.com/id/00D5g000004ABCDEAA/0055g00000XYZAAA",
            "token_type": "Bearer", "issued_at": "1772359200000", "signature": "c2lnbmF0dXJl",
        })

    def expire_session(self) -> None:
        self.access_token = "00Dxx!sf-access-rotated-away"


QBO_SANDBOX = "https://sandbox-quickbooks.api.intuit.com/v3"
QBO_PRODUCTION = "https://quickbooks.api.intuit.com/v3"
INTUIT_TOKEN = "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer"
DISCOVERY = {
    "issuer": "https://oauth.platform.intuit.com/op/v1",
    "authorization_endpoint": "https://appcenter.intuit.com/connect/oauth2",
    "token_endpoint": INTUIT_TOKEN,
    "userinfo_endpoint": "https://sandbox-accounts.platform.intuit.com/v1/openid_connect/userinfo",
    "revocation_endpoint": "https://developer.api.intuit.com/v2/oauth2/tokens/revoke",
    "jwks_uri": "https://oauth.platform.intuit.com/op/v1/jwks",
    "response_types_supported": ["code"],
    "scopes_supported": ["openid", "email", "profile", "address", "phone"],
}


def _fault(status: int, code: str, message: str, detail: str, kind: str = "ValidationFault"):
    return _json(status, {"Fault": {"Error": [{"Message": message, "Detail": detail, "code": code, "element": ""}],
                                    "type": kind}, "time": "2026-04-02T01:00:00.000-07:00"})


def _period_closed():
    """QuickBooks' answer to a transaction dated on or before the closing date (6210)."""
    return _fault(400, "6210", "Account Period Closed", "The account period has closed and the account books cannot "
                  "be updated through the QBO Services API. Please use the QBO website to make these changes.")


@dataclass
class QuickBooksFake:
    """A QuickBooks Online company: chart of accounts, closing date, journal entries."""

    realm: str = "9341452000000000"
    access_token: str = "qbo-access-1"
    refresh_token: str = "qbo-refresh-1"
    book_close_date: str = ""
    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)
    journal_entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_request_id: dict[str, tuple[int, dict[str, str], str]] = field(default_factory=dict)
    posts: list[dict[str, Any]] = field(default_factory=list)
    # Queued failures for the next journal entry POSTs: "429", "timeout_after_commit", "500".
    failures: list[str] = field(default_factory=list)
    refreshes: int = 0
    delay: float = 0.0  # seconds per journal entry POST, to make two runs overlap
    # Documents (customers, invoices, payments), by Id; items a line may reference.
    customers: dict[str, dict[str, Any]] = field(default_factory=dict)
    invoices: dict[str, dict[str, Any]] = field(default_factory=dict)
    payments: dict[str, dict[str, Any]] = field(default_factory=dict)
    credit_memos: dict[str, dict[str, Any]] = field(default_factory=dict)
    document_posts: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (entity, body) as received
    items: dict[str, str] = field(default_factory=lambda: {"1": "Subscriptions", "2": "Sales tax",
                                                           "3": "Subscriptions (deferred)", "4": "Bad debt"})
    # Queued failures for the next document POSTs: "timeout_after_commit", "429".
    document_failures: list[str] = field(default_factory=list)
    _ids: int = 500

    def __post_init__(self) -> None:
        if not self.accounts:
            for acct_id, number, name, kind in [
                ("35", "1000", "Checking", "Bank"),
                ("84", "1100", "Accounts Receivable (A/R)", "Accounts Receivable"),
                ("91", "1150", "Unbilled Receivables", "Other Current Asset"),
                ("92", "2100", "Deferred Revenue", "Other Current Liability"),
                ("93", "2200", "Sales Tax Payable", "Other Current Liability"),
                ("79", "4000", "Sales of Product Income", "Income"),
                ("94", "6100", "Bad Debts", "Expense"),
                ("99", "9999", "Old Suspense", "Other Current Liability"),
            ]:
                self.accounts[acct_id] = {
                    "Name": name, "SubAccount": False, "FullyQualifiedName": name, "Active": acct_id != "99",
                    "Classification": "Asset", "AccountType": kind, "AcctNum": number, "CurrentBalance": 0,
                    "CurrentBalanceWithSubAccounts": 0, "CurrencyRef": {"value": "USD", "name": "United States Dollar"},
                    "domain": "QBO", "sparse": False, "Id": acct_id, "SyncToken": "0",
                    "MetaData": {"CreateTime": "2026-01-01T10:00:00-08:00",
                                 "LastUpdatedTime": "2026-01-01T10:00:00-08:00"},
                }

    def install(self, rsps: responses.RequestsMock) -> None:
        for env in ("sandbox", ""):
            url = f"https://developer.intuit.com/.well-known/openid_{env + '_' if env else ''}configuration/"
            rsps.add(responses.GET, url, json=DISCOVERY)
        rsps.add_callback(responses.POST, INTUIT_TOKEN, callback=self._token)
        for base in (QBO_SANDBOX, QBO_PRODUCTION):
            company = re.escape(f"{base}/company/{self.realm}")
            rsps.add_callback(responses.POST, re.compile(company + r"/journalentry\?"), callback=self._journal_entry)
            rsps.add_callback(responses.POST, re.compile(company + r"/query\?"), callback=self._query)
            rsps.add_callback(responses.GET, re.compile(company + r"/preferences\?"), callback=self._preferences)
            for entity in ("customer", "invoice", "payment", "creditmemo"):
                rsps.add_callback(responses.POST, re.compile(company + rf"/{entity}\?"), callback=self._document)
            rsps.add_callback(responses.GET, re.compile(company + r"/invoice/\d+\?"), callback=self._invoice_read)
            rsps.add_callback(responses.GET, re.compile(company + r"/customer/\d+\?"), callback=self._customer_read)

    def _authorized(self, request: requests.PreparedRequest) -> bool:
        return request.headers.get("Authorization") == f"Bearer {self.access_token}"

    def _unauthorized(self):
        return _fault(401, "3200", "message=AuthenticationFailed; errorCode=003200; statusCode=401",
                      "Token expired: qbo-access", "AUTHENTICATION")

    def _token(self, request: requests.PreparedRequest):
        form = parse_qs(request.body if isinstance(request.body, str) else request.body.decode())
        if form.get("grant_type") == ["refresh_token"] and form.get("refresh_token") == [self.refresh_token]:
            self.refreshes += 1
        elif form.get("grant_type") == ["authorization_code"] and form.get("code") == ["qbo-code"]:
            pass
        else:
            return _json(400, {"error": "invalid_grant"})
        # Intuit rotates the refresh token on every refresh.
        self.access_token = f"qbo-access-{self.refreshes + 2}"
        self.refresh_token = f"qbo-refresh-{self.refreshes + 2}"
        return _json(200, {"token_type": "bearer", "expires_in": 3600, "refresh_token": self.refresh_token,
                           "x_refresh_token_expires_in": 8726400, "access_token": self.access_token})

    def expire_access_token(self) -> None:
        self.access_token = "qbo-access-next"

    def _query(self, request: requests.PreparedRequest):
        if not self._authorized(request):
            return self._unauthorized()
        sql = request.body if isinstance(request.body, str) else request.body.decode()
        if sql.upper().startswith("SELECT * FROM ACCOUNT"):
            start = int(re.search(r"STARTPOSITION (\d+)", sql).group(1)) if "STARTPOSITION" in sql else 1
            rows = list(self.accounts.values())[start - 1:start - 1 + 1000]
            return _json(200, {"QueryResponse": {"Account": rows, "startPosition": start, "maxResults": len(rows)},
                               "time": "2026-04-02T01:00:00.000-07:00"})
        match = re.fullmatch(r"SELECT Id, DisplayName FROM Customer WHERE DisplayName = '((?:[^'\\]|\\.)*)'", sql)
        if match:
            name = re.sub(r"\\(.)", r"\1", match.group(1))
            rows = [c for c in self.customers.values() if c["DisplayName"] == name]
            return _json(200, {"QueryResponse": {"Customer": rows, "startPosition": 1, "maxResults": len(rows)}
                               if rows else {}, "time": "2026-04-02T01:00:00.000-07:00"})
        return _fault(400, "4000", "Error parsing query", f"QueryParserError: {sql[:40]}")

    # -- documents ---------------------------------------------------------------------------
    def _new_id(self) -> str:
        self._ids += 1
        return str(self._ids)

    def _saved(self, entity: str, body: dict[str, Any]) -> dict[str, Any]:
        return {**body, "domain": "QBO", "sparse": False, "Id": self._new_id(), "SyncToken": "0",
                "MetaData": {"CreateTime": "2026-04-02T01:00:00-07:00", "LastUpdatedTime": "2026-04-02T01:00:00-07:00"}}

    def _document(self, request: requests.PreparedRequest):
        if not self._authorized(request):
            return self._unauthorized()
        entity = urlparse(request.url).path.rsplit("/", 1)[1]
        query = parse_qs(urlparse(request.url).query)
        request_id = query.get("requestid", [""])[0]
        if request_id and request_id in self.by_request_id:
            return self.by_request_id[request_id]
        if self.delay:
            import time

            time.sleep(self.delay)
        body = json.loads(request.body)
        if entity == "invoice" and query.get("operation") == ["void"]:
            return self._void(body)
        failure = self.document_failures.pop(0) if self.document_failures else ""
        if failure == "429":
            return 429, {"Retry-After": "60", "Content-Type": "application/json"}, json.dumps(
                {"fault": {"error": [{"message": "message=ThrottleExceeded; errorCode=003001; statusCode=429",
                                      "detail": "ThrottleExceeded", "code": "3001"}], "type": "SERVICE"}})
        self.document_posts.append((entity, body))
        response = {"customer": self._customer_create, "invoice": self._invoice_create,
                    "payment": self._payment_create, "creditmemo": self._credit_memo_create}[entity](body)
        if request_id:
            self.by_request_id[request_id] = response
        if failure == "timeout_after_commit":
            raise requests.exceptions.ReadTimeout("read timed out after the object was saved")
        return response

    def _customer_read(self, request: requests.PreparedRequest):
        if not self._authorized(request):
            return self._unauthorized()
        customer = self.customers.get(urlparse(request.url).path.rsplit("/", 1)[1])
        if customer is None:
            return _fault(400, "610", "Object Not Found", "Object Not Found : Something you're trying to use has "
                          "been made inactive. Check the fields with accounts, customers, items, vendors or employees.")
        return _json(200, {"Customer": customer, "time": "2026-04-02T01:00:00.000-07:00"})

    def _customer_update(self, body: dict[str, Any]):
        """A full or sparse update: the SyncToken must be the current one (else 5010 stale)."""
        customer = self.customers.get(str(body["Id"]))
        if customer is None:
            return _fault(400, "610", "Object Not Found", "Object Not Found")
        if body.get("SyncToken") != customer["SyncToken"]:
            return _fault(400, "5010", "Stale Object Error",
                          "Stale Object Error : You and another user were working on the same thing.")
        name = body.get("DisplayName", customer["DisplayName"])
        if any(c["DisplayName"] == name and c["Id"] != customer["Id"] for c in self.customers.values()):
            return _fault(400, "6240", "Duplicate Name Exists Error",
                          "The name supplied already exists: Another customer is already using this name. "
                          "Please use a different name.")
        fields = {k: v for k, v in body.items() if k not in ("Id", "SyncToken", "sparse")}
        if body.get("sparse"):
            customer.update(fields)
        else:
            kept = {k: customer[k] for k in ("Id", "domain", "MetaData", "Active", "Balance")}
            customer.clear()
            customer.update({**kept, **fields})
        customer["FullyQualifiedName"] = customer["DisplayName"]
        customer["SyncToken"] = str(int(body["SyncToken"]) + 1)
        return _json(200, {"Customer": customer, "time": "2026-04-02T01:00:00.000-07:00"})

    def _customer_create(self, body: dict[str, Any]):
        if body.get("Id"):
            return self._customer_update(body)
        name = body.get("DisplayName", "")
        if not name:
            return _fault(400, "2020", "Required param missing, need to supply the required value for the API",
                          "Required parameter DisplayName is missing in the request")
        if any(c["DisplayName"] == name for c in self.customers.values()):
            return _fault(400, "6240", "Duplicate Name Exists Error",
                          "The name supplied already exists: Another customer is already using this name. "
                          "Please use a different name.")
        customer = self._saved("Customer", {**body, "Active": True, "Balance": 0, "FullyQualifiedName": name})
        self.customers[customer["Id"]] = customer
        return _json(200, {"Customer": customer, "time": "2026-04-02T01:00:00.000-07:00"})

    def _invoice_create(self, body: dict[str, Any]):
        if body.get("CustomerRef", {}).get("value") not in self.customers:
            return _fault(400, "2500", "Invalid Reference Id", "Invalid Reference Id : Customer assigned to this "
                          "transaction has been deleted.")
        if self.book_close_date and body["TxnDate"] <= self.book_close_date:
            return _period_closed()
        if any(i["DocNumber"] == body.get("DocNumber") for i in self.invoices.values()):
            return _fault(400, "6140", "Duplicate Document Number Error",
                          f"Duplicate Document Number Error : You must specify a different number. "
                          f"This number has already been used. DocNumber={body.get('DocNumber')}")
        total = Decimal(0)
        for line in body.get("Line", []):
            detail = line["SalesItemLineDetail"]
            if detail["ItemRef"]["value"] not in self.items:
                return _fault(400, "2500", "Invalid Reference Id",
                              f"Invalid Reference Id : Item element id {detail['ItemRef']['value']} not found")
            amount = Decimal(str(line["Amount"]))
            if "Qty" in detail and Decimal(str(detail["Qty"])) * Decimal(str(detail["UnitPrice"])) != amount:
                return _fault(400, "6070", "Amount is not equal to UnitPrice * Qty",
                              f"Amount is not equal to UnitPrice * Qty. Supplied value:{amount}")
            total += amount
        invoice = self._saved("Invoice", {**body, "TotalAmt": str(total), "Balance": str(total),
                                          "EmailStatus": "NotSet", "PrintStatus": "NeedToPrint"})
        for n, line in enumerate(invoice["Line"], start=1):
            line["Id"] = str(n)
        self.invoices[invoice["Id"]] = invoice
        return _json(200, {"Invoice": invoice, "time": "2026-04-02T01:00:00.000-07:00"})

    def _credit_memo_create(self, body: dict[str, Any]):
        if body.get("CustomerRef", {}).get("value") not in self.customers:
            return _fault(400, "2500", "Invalid Reference Id", "Invalid Reference Id : Customer not found")
        total = Decimal(0)
        for line in body.get("Line", []):
            if line["SalesItemLineDetail"]["ItemRef"]["value"] not in self.items:
                return _fault(400, "2500", "Invalid Reference Id", "Invalid Reference Id : Item not found")
            total += Decimal(str(line["Amount"]))
        memo = self._saved("CreditMemo", {**body, "TotalAmt": str(total), "Balance": str(total),
                                          "RemainingCredit": str(total)})
        self.credit_memos[memo["Id"]] = memo
        return _json(200, {"CreditMemo": memo, "time": "2026-04-02T01:00:00.000-07:00"})

    def _invoice_read(self, request: requests.PreparedRequest):
        if not self._authorized(request):
            return self._unauthorized()
        invoice_id = urlparse(request.url).path.rsplit("/", 1)[1]
        if invoice_id not in self.invoices:
            return _fault(400, "610", "Object Not Found", "Object Not Found : Something you're trying to use has "
                          "been made inactive. Check the fields with accounts, customers, items, vendors or employees.")
        return _json(200, {"Invoice": self.invoices[invoice_id], "time": "2026-04-02T01:00:00.000-07:00"})

    def _void(self, body: dict[str, Any]):
        invoice = self.invoices.get(str(body.get("Id")))
        if invoice is None:
            return _fault(400, "610", "Object Not Found", "Object Not Found")
        if body.get("SyncToken") != invoice["SyncToken"]:
            return _fault(400, "5010", "Stale Object Error",
                          "Stale Object Error : You and another user were working on the same thing.")
        if any(txn["TxnId"] == invoice["Id"] for p in self.payments.values() for line in p["Line"]
               for txn in line["LinkedTxn"]):
            return _fault(400, "6000", "A business validation error has occurred while processing your request",
                          "Business Validation Error: This transaction is linked to a payment.")
        self.document_posts.append(("invoice?operation=void", body))
        invoice.update({"TotalAmt": "0", "Balance": "0", "SyncToken": str(int(invoice["SyncToken"]) + 1),
                        "PrivateNote": f"Voided - {invoice.get('PrivateNote', '')}"})
        for line in invoice["Line"]:
            line["Amount"] = "0"
        return _json(200, {"Invoice": invoice, "time": "2026-04-02T01:00:00.000-07:00"})

    def _payment_create(self, body: dict[str, Any]):
        customer = body.get("CustomerRef", {}).get("value")
        if customer not in self.customers:
            return _fault(400, "2500", "Invalid Reference Id", "Invalid Reference Id : Customer not found")
        total = Decimal(str(body["TotalAmt"]))
        applied = Decimal(0)
        credits = [line for line in body.get("Line", []) if line["LinkedTxn"][0]["TxnType"] == "CreditMemo"]
        for line in credits:  # a credit memo applied: its credit pays the invoice lines
            memo = self.credit_memos.get(line["LinkedTxn"][0]["TxnId"])
            amount = Decimal(str(line["Amount"]))
            if memo is None or memo["CustomerRef"]["value"] != customer or amount > Decimal(memo["Balance"]):
                return _fault(400, "2500", "Invalid Reference Id", "Invalid Reference Id : CreditMemo")
            memo["Balance"] = memo["RemainingCredit"] = str(Decimal(memo["Balance"]) - amount)
            applied -= amount
        for line in body.get("Line", []):
            if line in credits:
                continue
            for txn in line["LinkedTxn"]:
                invoice = self.invoices.get(txn["TxnId"])
                if txn["TxnType"] != "Invoice" or invoice is None or invoice["CustomerRef"]["value"] != customer:
                    return _fault(400, "2500", "Invalid Reference Id", f"Invalid Reference Id : Txn {txn['TxnId']}")
                amount = Decimal(str(line["Amount"]))
                if amount > Decimal(invoice["Balance"]):
                    return _fault(400, "6000", "A business validation error has occurred while processing your "
                                  "request", "Business Validation Error: The payment exceeds the open balance.")
                invoice["Balance"] = str(Decimal(invoice["Balance"]) - amount)
                applied += amount
        payment = self._saved("Payment", {**body, "UnappliedAmt": str(total - applied)})
        self.payments[payment["Id"]] = payment
        return _json(200, {"Payment": payment, "time": "2026-04-02T01:00:00.000-07:00"})

    def _preferences(self, request: requests.PreparedRequest):
        if not self._authorized(request):
            return self._unauthorized()
        prefs = {"AccountingInfoPrefs": {"TrackDepartments": False, "DepartmentTerminology": "Location",
                                         "ClassTrackingPerTxn": False, "CustomerTerminology": "Customers",
                                         **({"BookCloseDate": self.book_close_date} if self.book_close_date else {})},
                 "CurrencyPrefs": {"MultiCurrencyEnabled": False, "HomeCurrency": {"value": "USD"}},
                 "domain": "QBO", "sparse": False, "Id": "1", "SyncToken": "3"}
        return _json(200, {"Preferences": prefs, "time": "2026-04-02T01:00:00.000-07:00"})

    def _journal_entry(self, request: requests.PreparedRequest):
        if not self._authorized(request):
            return self._unauthorized()
        request_id = parse_qs(urlparse(request.url).query).get("requestid", [""])[0]
        if self.delay:
            import time

            time.sleep(self.delay)
        if request_id and request_id in self.by_request_id:
            return self.by_request_id[request_id]  # QuickBooks: a repeated requestid gets the first answer
        failure = self.failures.pop(0) if self.failures else ""
        if failure == "429":
            return 429, {"Retry-After": "120", "Content-Type": "application/json"}, json.dumps(
                {"fault": {"error": [{"message": "message=ThrottleExceeded; errorCode=003001; statusCode=429",
                                      "detail": "ThrottleExceeded", "code": "3001"}], "type": "SERVICE"},
                 "time": "2026-04-02T01:00:00.000-07:00"})
        if failure == "500":
            return 503, {"Content-Type": "text/html"}, "<html>Service Unavailable</html>"
        body = json.loads(request.body)
        response = self._create(body)
        if request_id:
            self.by_request_id[request_id] = response
        if failure == "timeout_after_commit":
            raise requests.exceptions.ReadTimeout("read timed out after the entry was saved")
        return response

    def _create(self, body: dict[str, Any]):
        lines = body.get("Line", [])
        def side(kind: str) -> Decimal:
            return sum((Decimal(str(row["Amount"])) for row in lines
                        if row["JournalEntryLineDetail"]["PostingType"] == kind), Decimal(0))

        debits, credits = side("Debit"), side("Credit")
        for line in lines:
            ref = line["JournalEntryLineDetail"]["AccountRef"]["value"]
            if ref not in self.accounts or not self.accounts[ref]["Active"]:
                return _fault(400, "2500", "Invalid Reference Id",
                              f"Invalid Reference Id : Accounts element id {ref} not found")
        if debits != credits:
            return _fault(400, "6000", "A business validation error has occurred while processing your request",
                          "Business Validation Error: Your Journal Entry is not balanced.")
        for line in lines:
            # QuickBooks keeps A/R per customer and A/P per vendor: a line on either needs its Entity.
            detail = line["JournalEntryLineDetail"]
            kind = self.accounts[detail["AccountRef"]["value"]]["AccountType"]
            entity = detail.get("Entity") or {}
            needed = {"Accounts Receivable": ("Customer", "customer"), "Accounts Payable": ("Vendor", "vendor")}
            if kind in needed:
                entity_type, word = needed[kind]
                if entity.get("Type") != entity_type or not (entity.get("EntityRef") or {}).get("value"):
                    return _fault(400, "6000", "A business validation error has occurred while processing your "
                                  "request", f"Business Validation Error: When you use {kind}, you must choose a "
                                  f"{word} in the Name field.")
            if entity and entity.get("Type") == "Customer" and entity["EntityRef"]["value"] not in self.customers:
                return _fault(400, "2500", "Invalid Reference Id",
                              f"Invalid Reference Id : Names element id {entity['EntityRef']['value']} not found")
        if self.book_close_date and body["TxnDate"] <= self.book_close_date:
            return _period_closed()
        je_id = str(100 + len(self.journal_entries))
        entry = {**body, "domain": "QBO", "sparse": False, "Id": je_id, "SyncToken": "0", "TotalAmt": float(debits),
                 "MetaData": {"CreateTime": "2026-04-02T01:00:00-07:00",
                              "LastUpdatedTime": "2026-04-02T01:00:00-07:00"}}
        for n, line in enumerate(entry["Line"]):
            line["Id"] = str(n)
        self.journal_entries[je_id] = entry
        self.posts.append(entry)
        return _json(200, {"JournalEntry": entry, "time": "2026-04-02T01:00:00.000-07:00"})


NS_ACCOUNT = "1234567_SB1"
NS_BASE = "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest"


@dataclass
class NetSuiteFake:
    """A NetSuite account over REST with token-based authentication: every request's OAuth 1.0a
    HMAC-SHA256 signature is verified with the consumer and token secrets; SuiteQL (account,
    accountingperiod), ``PUT /record/v1/journalEntry/eid:<externalId>`` and ``PUT
    /record/v1/customer/eid:<externalId>`` (upserts: 204 and a Location header), ``PATCH
    /record/v1/customer/<id>``.

    A journal line's ``entity`` must be a customer of the account (else 400 INVALID_CONTENT on
    ``line.items[n].entity``). An A/R line without one is taken, as NetSuite takes it, and booked
    to "No Customer/Job" (``no_customer`` keeps those lines), which the sync must never cause. A
    customer needs its primary subsidiary (a OneWorld account)."""

    consumer: tuple[str, str] = ("ns-consumer-key", "ns-consumer-secret")
    token: tuple[str, str] = ("ns-token-id", "ns-token-secret")
    journal_entries: dict[str, dict[str, Any]] = field(default_factory=dict)  # by externalId
    customers: dict[str, dict[str, Any]] = field(default_factory=dict)  # by internal id
    customer_requests: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # (method, path, body)
    no_customer: list[dict[str, Any]] = field(default_factory=list)  # A/R lines booked without a name
    locked_through: str = ""
    failures: list[str] = field(default_factory=list)
    # Queued failures for the next customer upserts: "timeout_after_commit", "429".
    customer_failures: list[str] = field(default_factory=list)
    accounts: list[dict[str, Any]] = field(default_factory=lambda: [
        {"links": [], "id": str(n), "acctnumber": number, "fullname": name, "accttype": kind,
         "isinactive": "F"}
        for n, (number, name, kind) in enumerate([
            ("1000", "Operating Account", "Bank"), ("1100", "Accounts Receivable", "AcctRec"),
            ("1150", "Unbilled Receivable", "OthCurrAsset"), ("2100", "Deferred Revenue", "DeferRevenue"),
            ("2200", "Sales Tax Payable", "OthCurrLiab"), ("4000", "Subscription Revenue", "Income"),
            ("6100", "Bad Debt", "Expense")], start=110)
    ])

    def install(self, rsps: responses.RequestsMock) -> None:
        rsps.add_callback(responses.POST, re.compile(re.escape(NS_BASE) + r"/query/v1/suiteql"), callback=self._suiteql)
        rsps.add_callback(responses.PUT, re.compile(re.escape(NS_BASE) + r"/record/v1/journalEntry/eid:[\w-]+$"),
                          callback=self._journal)
        rsps.add_callback(responses.PUT, re.compile(re.escape(NS_BASE) + r"/record/v1/customer/eid:[\w-]+$"),
                          callback=self._customer_upsert)
        rsps.add_callback(responses.PATCH, re.compile(re.escape(NS_BASE) + r"/record/v1/customer/\d+$"),
                          callback=self._customer_patch)

    def _signed(self, request: requests.PreparedRequest) -> bool:
        from types import SimpleNamespace

        from oauthlib.oauth1.rfc5849 import signature, utils

        header = request.headers.get("Authorization", "")
        header = header.decode() if isinstance(header, bytes) else header
        if not header.startswith("OAuth "):
            return False
        fields = dict(utils.parse_authorization_header(header))
        if (fields.get("realm") != NS_ACCOUNT or fields.get("oauth_signature_method") != "HMAC-SHA256"
                or fields.get("oauth_consumer_key") != self.consumer[0] or fields.get("oauth_token") != self.token[0]):
            return False
        params = signature.collect_parameters(uri_query=urlparse(request.url).query,
                                              headers={"Authorization": header}, exclude_oauth_signature=True)
        check = SimpleNamespace(params=params, uri=request.url.split("?")[0] + (
            "?" + urlparse(request.url).query if urlparse(request.url).query else ""),
            http_method=request.method, signature=unquote_plus(fields["oauth_signature"]))
        return signature.verify_hmac_sha256(check, self.consumer[1], self.token[1])

    def _invalid_login(self):
        return _json(401, {"type": "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html",
                           "title": "Unauthorized", "status": 401,
                           "o:errorDetails": [{"detail": "Invalid login attempt. For more details, see the Login Audit "
                                                         "Trail in the NetSuite UI at Setup > Users/Roles > User "
                                                         "Management > View Login Audit Trail.",
                                               "o:errorCode": "INVALID_LOGIN"}]})

    def _suiteql(self, request: requests.PreparedRequest):
        if not self._signed(request):
            return self._invalid_login()
        prefer = request.headers.get("Prefer", "")
        if (prefer.decode() if isinstance(prefer, bytes) else prefer) != "transient":
            return _json(400, {"title": "Bad Request", "status": 400, "o:errorDetails": [
                {"detail": "Prefer: transient is required", "o:errorCode": "INVALID_HEADER"}]})
        query = json.loads(request.body)["q"]
        if "FROM accountingperiod" in query:
            items = [{"links": [], "enddate": self.locked_through}] if self.locked_through else []
        elif "FROM account " in query:
            items = self.accounts
        else:
            return _json(400, {"title": "Bad Request", "status": 400, "o:errorDetails": [
                {"detail": "Invalid search query.", "o:errorCode": "INVALID_PARAMETER"}]})
        return _json(200, {"links": [], "count": len(items), "hasMore": False, "items": items, "offset": 0,
                           "totalResults": len(items)})

    @staticmethod
    def _bad_request(detail: str, code: str, path: str = ""):
        return _json(400, {"type": "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1",
                           "title": "Bad Request", "status": 400, "o:errorDetails": [
                               {"detail": detail, "o:errorCode": code, **({"o:errorPath": path} if path else {})}]})

    def _invalid_field(self, value: str, name: str, path: str):
        return self._bad_request(f"Error while accessing resource: You have entered an Invalid Field Value {value} "
                                 f"for the following field: {name}", "INVALID_CONTENT", path)

    def _too_many(self):
        return _json(429, {"title": "Too Many Requests", "status": 429, "o:errorDetails": [
            {"detail": "Concurrent request limit exceeded.", "o:errorCode": "CONCURRENCY_LIMIT_EXCEEDED"}]},
            {"Retry-After": "30"})

    def _customer_upsert(self, request: requests.PreparedRequest):
        if not self._signed(request):
            return self._invalid_login()
        failure = self.customer_failures.pop(0) if self.customer_failures else ""
        if failure == "429":
            return self._too_many()
        external_id = urlparse(request.url).path.rsplit("eid:", 1)[1]
        body = json.loads(request.body)
        self.customer_requests.append(("PUT", f"customer/eid:{external_id}", body))
        existing = next((c for c in self.customers.values() if c["externalId"] == external_id), None)
        if existing is None and not (body.get("subsidiary") or {}).get("id"):
            return self._bad_request("Error while accessing resource: Please enter value(s) for: Primary Subsidiary",
                                     "USER_ERROR")
        if existing is None:
            existing = {"id": str(300 + len(self.customers)), "externalId": external_id}
            self.customers[existing["id"]] = existing
        existing.update(body)
        if failure == "timeout_after_commit":
            raise requests.exceptions.ReadTimeout("read timed out after the customer was saved")
        return 204, {"Location": f"{NS_BASE}/record/v1/customer/{existing['id']}"}, ""

    def _customer_patch(self, request: requests.PreparedRequest):
        if not self._signed(request):
            return self._invalid_login()
        internal_id = urlparse(request.url).path.rsplit("/", 1)[1]
        body = json.loads(request.body)
        self.customer_requests.append(("PATCH", f"customer/{internal_id}", body))
        if internal_id not in self.customers:
            return _json(404, {"title": "Not Found", "status": 404, "o:errorDetails": [{
                "detail": "The record instance does not exist. Provide a valid record instance ID.",
                "o:errorCode": "NONEXISTENT_ID"}]})
        self.customers[internal_id].update(body)
        return 204, {}, ""

    def _journal(self, request: requests.PreparedRequest):
        if not self._signed(request):
            return self._invalid_login()
        failure = self.failures.pop(0) if self.failures else ""
        if failure == "429":
            return self._too_many()
        external_id = urlparse(request.url).path.rsplit("eid:", 1)[1]
        body = json.loads(request.body)
        known = {a["id"] for a in self.accounts if a["isinactive"] == "F"}
        for n, line in enumerate(body["line"]["items"]):
            if line["account"]["id"] not in known:
                return self._invalid_field(line["account"]["id"], "account", f"line.items[{n}].account")
            entity = (line.get("entity") or {}).get("id")
            if entity is not None and entity not in self.customers:
                return self._invalid_field(entity, "entity", f"line.items[{n}].entity")
        receivable = {a["id"] for a in self.accounts if a["accttype"] == "AcctRec"}
        self.no_customer += [line for line in body["line"]["items"]
                             if line["account"]["id"] in receivable and not line.get("entity")]
        existing = self.journal_entries.get(external_id)
        internal_id = existing["id"] if existing else str(5000 + len(self.journal_entries))
        self.journal_entries[external_id] = {**body, "id": internal_id}
        if failure == "timeout_after_commit":
            raise requests.exceptions.ReadTimeout("read timed out after the entry was saved")
        return 204, {"Location": f"{NS_BASE}/record/v1/journalEntry/{internal_id}"}, ""


XERO_TENANT = "7f6a4a2b-5d6e-4c3a-9c49-0f3c1e6e2a11"


def _ms_date(day: str) -> str:
    import datetime as _dt

    moment = _dt.datetime.fromisoformat(day).replace(tzinfo=_dt.UTC)
    return f"/Date({int(moment.timestamp() * 1000)}+0000)/"


def _iso_day(value: str) -> str:
    """A Xero date as sent (``/Date(ms+0000)/`` by xero-python, or ISO) -> ``YYYY-MM-DD``."""
    import datetime as _dt

    match = re.match(r"/Date\((\d+)", value)
    if match:
        return _dt.datetime.fromtimestamp(int(match.group(1)) / 1000, tz=_dt.UTC).date().isoformat()
    return value[:10]


@dataclass
class XeroFake:
    """A Xero organisation (accounting API 2.0 and the identity token endpoint), served by a local
    HTTP server: Accounts, Organisation (lock dates), ManualJournals (PUT, Idempotency-Key:
    a repeated key gets the first response), 401 for an expired token, 429 with Retry-After,
    400 ValidationException with Elements[].ValidationErrors."""

    access_token: str = "xero-access-1"
    refresh_token: str = "xero-refresh-1"
    period_lock_date: str = ""
    journals: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_key: dict[str, tuple[int, dict[str, str], str]] = field(default_factory=dict)
    puts: int = 0
    failures: list[str] = field(default_factory=list)
    refreshes: int = 0
    client_id: str = "xero-client"
    client_secret: str = "xero-secret"
    token_requests: list[tuple[str, dict[str, list[str]]]] = field(default_factory=list)
    contacts: dict[str, dict[str, Any]] = field(default_factory=dict)
    invoices: dict[str, dict[str, Any]] = field(default_factory=dict)
    payments: dict[str, dict[str, Any]] = field(default_factory=dict)
    credit_notes: dict[str, dict[str, Any]] = field(default_factory=dict)
    document_requests: list[tuple[str, dict[str, Any], str]] = field(default_factory=list)  # (path, body, key)
    document_failures: list[str] = field(default_factory=list)  # "drop_after_commit", "429"
    _ids: int = 0
    accounts: list[dict[str, Any]] = field(default_factory=lambda: [
        {"AccountID": f"00000000-0000-0000-0000-00000000{code}", "Code": code, "Name": name, "Type": kind,
         "Status": "ACTIVE", "Class": klass, "TaxType": "NONE", "EnablePaymentsToAccount": False,
         "ShowInExpenseClaims": False, "HasAttachments": False, "UpdatedDateUTC": "/Date(1767225600000+0000)/"}
        for code, name, kind, klass in [
            ("1000", "Business Bank Account", "BANK", "ASSET"), ("1100", "Accounts Receivable", "CURRENT", "ASSET"),
            ("1150", "Unbilled Receivables", "CURRENT", "ASSET"),
            ("2100", "Deferred Revenue", "CURRLIAB", "LIABILITY"), ("4000", "Sales", "REVENUE", "REVENUE"),
            ("6100", "Bad Debts", "EXPENSE", "EXPENSE"), ("6200", "Bank Fees", "EXPENSE", "EXPENSE"),
        ]
    ])

    def __post_init__(self) -> None:
        # Accounts Receivable is a system account in every Xero organisation.
        for account in self.accounts:
            if account["Code"] == "1100":
                account["SystemAccount"] = "DEBTORS"

    def install(self, server) -> None:  # type: ignore[no-untyped-def]
        server.add("POST", r"^/connect/token$", self._token)
        server.add("GET", r"^/connections$", self._connections)
        server.add("GET", r"^/api.xro/2.0/Accounts", self._accounts)
        server.add("GET", r"^/api.xro/2.0/Organisation", self._organisation)
        server.add("PUT", r"^/api.xro/2.0/ManualJournals", self._manual_journals)
        server.add("GET", r"^/api.xro/2.0/Contacts", self._contacts_read)
        server.add("PUT", r"^/api.xro/2.0/Contacts", self._document)
        server.add("POST", r"^/api.xro/2.0/Contacts/[\w-]+", self._document)
        server.add("PUT", r"^/api.xro/2.0/Invoices", self._document)
        server.add("GET", r"^/api.xro/2.0/Invoices/[\w-]+", self._invoice_read)
        server.add("POST", r"^/api.xro/2.0/Invoices/[\w-]+", self._document)
        server.add("PUT", r"^/api.xro/2.0/Payments", self._document)
        server.add("PUT", r"^/api.xro/2.0/CreditNotes/[\w-]+/Allocations", self._document)
        server.add("PUT", r"^/api.xro/2.0/CreditNotes(\?|$)", self._document)

    def _ok(self, body: dict[str, Any]):
        return 200, {"Content-Type": "application/json; charset=utf-8"}, json.dumps(
            {"Id": "9f1c2a55-0000-4000-8000-000000000000", "Status": "OK", "ProviderName": "Autobill",
             "DateTimeUTC": "/Date(1775120400000)/", **body})

    def _authorized(self, request) -> bool:  # type: ignore[no-untyped-def]
        return (request.headers.get("Authorization") == f"Bearer {self.access_token}"
                and request.headers.get("Xero-Tenant-Id", request.headers.get("xero-tenant-id")) == XERO_TENANT)

    def _unauthorized(self):
        return 401, {"Content-Type": "application/json", "WWW-Authenticate": 'Bearer error="invalid_token"'}, \
            json.dumps({"Type": None, "Title": "Unauthorized", "Status": 401,
                        "Detail": "TokenExpired: token expired at 04/02/2026 08:00:00", "Instance": "x"})

    def _token(self, request):  # type: ignore[no-untyped-def]
        form = parse_qs(request.body)
        self.token_requests.append((request.headers.get("Authorization", ""), form))
        import base64

        # Xero's token endpoint takes the app's credentials as HTTP basic auth.
        if request.headers.get("Authorization") != "Basic " + base64.b64encode(
                f"{self.client_id}:{self.client_secret}".encode()).decode():
            return 401, {"Content-Type": "application/json"}, json.dumps({"error": "invalid_client"})
        if form.get("grant_type") == ["refresh_token"] and form.get("refresh_token") == [self.refresh_token]:
            self.refreshes += 1
        elif not (form.get("grant_type") == ["authorization_code"] and form.get("code") == ["xero-code"]):
            return 400, {"Content-Type": "application/json"}, json.dumps({"error": "invalid_grant"})
        self.access_token = f"xero-access-{self.refreshes + 2}"
        self.refresh_token = f"xero-refresh-{self.refreshes + 2}"
        return 200, {"Content-Type": "application/json"}, json.dumps({
            "access_token": self.access_token, "expires_in": 1800, "token_type": "Bearer",
            "refresh_token": self.refresh_token, "scope": "offline_access accounting.transactions"})

    def _connections(self, request):  # type: ignore[no-untyped-def]
        if request.headers.get("Authorization") != f"Bearer {self.access_token}":
            return self._unauthorized()
        return 200, {"Content-Type": "application/json"}, json.dumps([{
            "id": "e1eede29-f875-4a5d-8470-17f6a29a88b1", "authEventId": "d99ecdfe-391d-43d2-b834-17636ba90e8d",
            "tenantId": XERO_TENANT, "tenantType": "ORGANISATION", "tenantName": "Demo Company (US)",
            "createdDateUtc": "2026-04-01T10:00:00.0000000", "updatedDateUtc": "2026-04-01T10:00:00.0000000"}])

    def _accounts(self, request):  # type: ignore[no-untyped-def]
        if not self._authorized(request):
            return self._unauthorized()
        return self._ok({"Accounts": self.accounts})

    def _organisation(self, request):  # type: ignore[no-untyped-def]
        if not self._authorized(request):
            return self._unauthorized()
        org = {"OrganisationID": XERO_TENANT, "Name": "Demo Company (US)", "BaseCurrency": "USD",
               "CountryCode": "US", "OrganisationType": "COMPANY", "Version": "US"}
        if self.period_lock_date:
            org["PeriodLockDate"] = _ms_date(self.period_lock_date)
        return self._ok({"Organisations": [org]})

    def _manual_journals(self, request):  # type: ignore[no-untyped-def]
        from .local_server import DropConnection

        if not self._authorized(request):
            return self._unauthorized()
        self.puts += 1
        key = request.headers.get("Idempotency-Key", "")
        if key and key in self.by_key:
            return self.by_key[key]
        failure = self.failures.pop(0) if self.failures else ""
        if failure == "429":
            return 429, {"Content-Type": "application/json", "Retry-After": "90",
                         "X-Rate-Limit-Problem": "minute"}, json.dumps({"Title": "Too Many Requests"})
        journal = json.loads(request.body)["ManualJournals"][0]
        lines = journal.get("JournalLines", [])
        known = {a["AccountID"] for a in self.accounts if a["Status"] == "ACTIVE"}
        errors = []
        if sum(Decimal(str(line["LineAmount"])) for line in lines) != 0:
            errors.append({"Message": "The total debits (...) must equal total credits (...)"})
        errors += [{"Message": f"Account code '{line.get('AccountID')}' is not a valid code for this document."}
                   for line in lines if line.get("AccountID") not in known]
        system = {a["AccountID"]: a["Code"] for a in self.accounts if a.get("SystemAccount")}
        errors += [{"Message": f"Account code '{system[line['AccountID']]}' is a system account and cannot be used "
                               "in manual journals."}
                   for line in lines if line.get("AccountID") in system]
        if errors:
            response = 400, {"Content-Type": "application/json"}, json.dumps({
                "ErrorNumber": 10, "Type": "ValidationException", "Message": "A validation exception occurred",
                "Elements": [{**journal, "ValidationErrors": errors}]})
        else:
            journal_id = f"5d5f3a9c-0000-4000-8000-{len(self.journals):012d}"
            saved = {**journal, "ManualJournalID": journal_id, "Status": "POSTED", "HasAttachments": False,
                     "ShowOnCashBasisReports": True, "UpdatedDateUTC": "/Date(1775120400000+0000)/",
                     "Date": journal["Date"] if journal["Date"].startswith("/Date(")
                     else _ms_date(journal["Date"][:10])}
            self.journals[journal_id] = saved
            response = self._ok({"ManualJournals": [saved]})
        if key:
            self.by_key[key] = response
        if failure == "drop_after_commit":
            raise DropConnection
        return response


    # -- documents: Contacts, Invoices (ACCREC), Payments --------------------------------------
    def _new_id(self, prefix: str) -> str:
        self._ids += 1
        return f"{prefix}-0000-4000-8000-{self._ids:012d}"

    def _validation(self, element: dict[str, Any], errors: list[str]):
        return 400, {"Content-Type": "application/json"}, json.dumps({
            "ErrorNumber": 10, "Type": "ValidationException", "Message": "A validation exception occurred",
            "Elements": [{**element, "ValidationErrors": [{"Message": m} for m in errors]}]})

    def _contacts_read(self, request):  # type: ignore[no-untyped-def]
        if not self._authorized(request):
            return self._unauthorized()
        where = parse_qs(urlparse(request.url).query).get("where", [""])[0]
        match = re.fullmatch(r'ContactNumber=="([^"]*)"', where)
        rows = list(self.contacts.values())
        if match:
            rows = [c for c in rows if c.get("ContactNumber") == match.group(1)]
        return self._ok({"Contacts": rows})

    def _invoice_read(self, request):  # type: ignore[no-untyped-def]
        if not self._authorized(request):
            return self._unauthorized()
        invoice = self.invoices.get(urlparse(request.url).path.rsplit("/", 1)[1])
        if invoice is None:
            return 404, {"Content-Type": "application/json"}, json.dumps({"Title": "Not Found", "Status": 404})
        return self._ok({"Invoices": [invoice]})

    def _document(self, request):  # type: ignore[no-untyped-def]
        from .local_server import DropConnection

        if not self._authorized(request):
            return self._unauthorized()
        key = request.headers.get("Idempotency-Key", "")
        if key and key in self.by_key:
            return self.by_key[key]
        failure = self.document_failures.pop(0) if self.document_failures else ""
        if failure == "429":
            return 429, {"Content-Type": "application/json", "Retry-After": "45",
                         "X-Rate-Limit-Problem": "minute"}, json.dumps({"Title": "Too Many Requests"})
        path = urlparse(request.url).path
        body = json.loads(request.body)
        self.document_requests.append((f"{request.method} {path.split('/api.xro/2.0')[1]}", body, key))
        if path.endswith("/Contacts"):
            response = self._contact_create(body["Contacts"][0])
        elif "/Contacts/" in path:
            response = self._contact_update(path.rsplit("/", 1)[1], body["Contacts"][0])
        elif path.endswith("/Invoices"):
            response = self._invoice_create(body["Invoices"][0])
        elif path.endswith("/Payments"):
            response = self._payment_create(body["Payments"][0])
        elif path.endswith("/CreditNotes"):
            response = self._credit_note_create(body["CreditNotes"][0])
        elif path.endswith("/Allocations"):
            response = self._allocate(path.split("/")[-2], body["Allocations"][0])
        else:
            response = self._invoice_update(path.rsplit("/", 1)[1], body["Invoices"][0])
        if key:
            self.by_key[key] = response
        if failure == "drop_after_commit":
            raise DropConnection
        return response

    def _contact_update(self, contact_id: str, change: dict[str, Any]):
        contact = self.contacts.get(contact_id)
        if contact is None:
            return 404, {"Content-Type": "application/json"}, json.dumps({"Title": "Not Found", "Status": 404})
        name = change.get("Name", contact["Name"])
        if any(c["Name"] == name and c["ContactID"] != contact_id for c in self.contacts.values()):
            return self._validation(change, [f"The contact name {name} is already assigned to another contact. "
                                             "The contact name must be unique across all active contacts."])
        contact.update({k: v for k, v in change.items() if k != "ContactID"})
        return self._ok({"Contacts": [contact]})

    def _contact_create(self, contact: dict[str, Any]):
        if not contact.get("Name"):
            return self._validation(contact, ["The contact name must be specified."])
        if any(c["Name"] == contact["Name"] for c in self.contacts.values()):
            return self._validation(contact, [f"The contact name {contact['Name']} is already assigned to another "
                                              "contact. The contact name must be unique across all active contacts."])
        saved = {**contact, "ContactID": self._new_id("c0a1b2c3"), "ContactStatus": "ACTIVE",
                 "UpdatedDateUTC": "/Date(1775120400000+0000)/"}
        self.contacts[saved["ContactID"]] = saved
        return self._ok({"Contacts": [saved]})

    def _invoice_create(self, invoice: dict[str, Any]):
        errors = []
        if invoice.get("Type") != "ACCREC":
            errors.append("Invoice Type must be specified")
        if invoice.get("Contact", {}).get("ContactID") not in self.contacts:
            errors.append("A Contact must be specified for this type of transaction")
        if any(i["InvoiceNumber"] == invoice.get("InvoiceNumber") for i in self.invoices.values()):
            errors.append("Invoice # must be unique.")
        codes = {a["Code"] for a in self.accounts if a["Status"] == "ACTIVE"}
        errors += [f"Account code '{line.get('AccountCode')}' is not a valid code for this document."
                   for line in invoice.get("LineItems", []) if line.get("AccountCode") not in codes]
        if self.period_lock_date and _iso_day(invoice["Date"]) <= self.period_lock_date:
            errors.append("The document date cannot be before the period lock date")
        if errors:
            return self._validation(invoice, errors)
        total = Decimal(0)
        for line in invoice["LineItems"]:
            amount = Decimal(str(line["LineAmount"]))
            if Decimal(str(line["Quantity"])) * Decimal(str(line["UnitAmount"])) != amount:
                return self._validation(invoice, ["The line total does not match Quantity x UnitAmount."])
            line["LineItemID"] = self._new_id("11aa22bb")
            line["TaxAmount"] = 0.0
            total += amount
        saved = {**invoice, "InvoiceID": self._new_id("1f3e5d7c"), "SubTotal": float(total), "TotalTax": 0.0,
                 "Total": float(total), "AmountDue": float(total), "AmountPaid": 0.0, "AmountCredited": 0.0,
                 "Contact": self.contacts[invoice["Contact"]["ContactID"]],
                 "Date": _ms_date(_iso_day(invoice["Date"])), "DueDate": _ms_date(_iso_day(invoice["DueDate"])),
                 "UpdatedDateUTC": "/Date(1775120400000+0000)/", "HasErrors": False}
        self.invoices[saved["InvoiceID"]] = saved
        return self._ok({"Invoices": [saved]})

    def _invoice_update(self, invoice_id: str, change: dict[str, Any]):
        invoice = self.invoices.get(invoice_id)
        if invoice is None:
            return 404, {"Content-Type": "application/json"}, json.dumps({"Title": "Not Found", "Status": 404})
        if change.get("Status") == "VOIDED":
            if Decimal(str(invoice["AmountPaid"])):
                return self._validation(invoice, ["This document cannot be voided as it has payments applied"])
            invoice.update({"Status": "VOIDED", "AmountDue": 0.0})
        return self._ok({"Invoices": [invoice]})

    def _credit_note_create(self, note: dict[str, Any]):
        errors = []
        if note.get("Type") != "ACCRECCREDIT":
            errors.append("CreditNote Type must be specified")
        if note.get("Contact", {}).get("ContactID") not in self.contacts:
            errors.append("A Contact must be specified for this type of transaction")
        codes = {a["Code"] for a in self.accounts if a["Status"] == "ACTIVE"}
        errors += [f"Account code '{line.get('AccountCode')}' is not a valid code for this document."
                   for line in note.get("LineItems", []) if line.get("AccountCode") not in codes]
        if errors:
            return self._validation(note, errors)
        total = sum((Decimal(str(line["LineAmount"])) for line in note["LineItems"]), Decimal(0))
        saved = {**note, "CreditNoteID": self._new_id("cc0e0d0e"), "SubTotal": float(total), "TotalTax": 0.0,
                 "Total": float(total), "RemainingCredit": float(total), "Allocations": [],
                 "Date": _ms_date(_iso_day(note["Date"])), "UpdatedDateUTC": "/Date(1775120400000+0000)/"}
        self.credit_notes[saved["CreditNoteID"]] = saved
        return self._ok({"CreditNotes": [saved]})

    def _allocate(self, credit_note_id: str, allocation: dict[str, Any]):
        note = self.credit_notes.get(credit_note_id)
        invoice = self.invoices.get(allocation.get("Invoice", {}).get("InvoiceID"))
        amount = Decimal(str(allocation["Amount"]))
        if note is None or invoice is None or amount > Decimal(str(note["RemainingCredit"])) \
                or amount > Decimal(str(invoice["AmountDue"])):
            return self._validation(allocation, ["The allocation amount is more than the remaining credit or due"])
        note["RemainingCredit"] = float(Decimal(str(note["RemainingCredit"])) - amount)
        invoice["AmountDue"] = float(Decimal(str(invoice["AmountDue"])) - amount)
        invoice["AmountCredited"] = float(Decimal(str(invoice["AmountCredited"])) + amount)
        if not Decimal(str(invoice["AmountDue"])):
            invoice["Status"] = "PAID"
        saved = {**allocation, "AllocationID": self._new_id("a110ca7e"), "Date": _ms_date(_iso_day(allocation["Date"]))}
        note["Allocations"].append(saved)
        return self._ok({"Allocations": [saved]})

    def _refund_create(self, payment: dict[str, Any]):
        """A payment on an ACCRECCREDIT credit note: cash paid back out of its remaining credit."""
        note = self.credit_notes.get(payment["CreditNote"].get("CreditNoteID"))
        bank = {a["Code"] for a in self.accounts if a["Type"] == "BANK" or a["EnablePaymentsToAccount"]}
        errors = []
        if note is None or note["Status"] != "AUTHORISED":
            errors.append("Payment can only be made against Authorised documents")
        if payment.get("Account", {}).get("Code") not in bank:
            errors.append("Account must be valid and of type BANK or have payments enabled")
        amount = Decimal(str(payment["Amount"]))
        if note is not None and amount > Decimal(str(note["RemainingCredit"])):
            errors.append("Payment amount exceeds the amount outstanding on this document")
        if errors:
            return self._validation(payment, errors)
        note["RemainingCredit"] = float(Decimal(str(note["RemainingCredit"])) - amount)
        if not Decimal(str(note["RemainingCredit"])):
            note["Status"] = "PAID"
        saved = {**payment, "PaymentID": self._new_id("9a8b7c6d"), "Status": "AUTHORISED",
                 "PaymentType": "ARCREDITPAYMENT", "Date": _ms_date(_iso_day(payment["Date"])),
                 "UpdatedDateUTC": "/Date(1775120400000+0000)/"}
        self.payments[saved["PaymentID"]] = saved
        return self._ok({"Payments": [saved]})

    def _payment_create(self, payment: dict[str, Any]):
        if payment.get("CreditNote"):
            return self._refund_create(payment)
        invoice = self.invoices.get(payment.get("Invoice", {}).get("InvoiceID"))
        bank = {a["Code"] for a in self.accounts if a["Type"] == "BANK" or a["EnablePaymentsToAccount"]}
        errors = []
        if invoice is None or invoice["Status"] != "AUTHORISED":
            errors.append("Payment can only be made against Authorised documents")
        if payment.get("Account", {}).get("Code") not in bank:
            errors.append("Account must be valid and of type BANK or have payments enabled")
        amount = Decimal(str(payment["Amount"]))
        if invoice is not None and amount > Decimal(str(invoice["AmountDue"])):
            errors.append("Payment amount exceeds the amount outstanding on this document")
        if errors:
            return self._validation(payment, errors)
        invoice["AmountPaid"] = float(Decimal(str(invoice["AmountPaid"])) + amount)
        invoice["AmountDue"] = float(Decimal(str(invoice["AmountDue"])) - amount)
        if not Decimal(str(invoice["AmountDue"])):
            invoice["Status"] = "PAID"
        saved = {**payment, "PaymentID": self._new_id("9a8b7c6d"), "Status": "AUTHORISED",
                 "PaymentType": "ACCRECPAYMENT", "Date": _ms_date(_iso_day(payment["Date"])),
                 "UpdatedDateUTC": "/Date(1775120400000+0000)/"}
        self.payments[saved["PaymentID"]] = saved
        return self._ok({"Payments": [saved]})


@dataclass
class HubSpotFake:
    """A HubSpot portal's CRM v3/v4 API on a local server: deal search (closed won, modified since,
    paged by ``after``), associations v4 batch read, objects batch read, deal PATCH, the OAuth
    token endpoint; 401 ``INVALID_AUTHENTICATION`` for an expired token."""

    access_token: str = "hs-access-1"
    refresh_token: str = "hs-refresh-1"
    page_size: int = 2
    deals: dict[str, dict[str, Any]] = field(default_factory=dict)
    objects: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: {
        "line_items": {}, "companies": {}, "contacts": {}})
    links: dict[tuple[str, str], list[tuple[str, str | None]]] = field(default_factory=dict)
    patches: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    searches: list[dict[str, Any]] = field(default_factory=list)
    token_requests: list[dict[str, list[str]]] = field(default_factory=list)
    _clock: int = 0
    _ids: int = 1000

    def install(self, server) -> None:  # type: ignore[no-untyped-def]
        server.add("POST", r"^/crm/v3/objects/deals/search", self._search)
        server.add("POST", r"^/crm/v4/associations/deals/\w+/batch/read", self._associations)
        server.add("POST", r"^/crm/v3/objects/\w+/batch/read", self._batch_read)
        server.add("PATCH", r"^/crm/v3/objects/deals/\d+", self._patch)
        server.add("POST", r"^/oauth/v1/token$", self._token)

    def _tick(self) -> str:
        self._clock += 1
        return f"2026-03-01T10:00:{self._clock:02d}.000Z"

    def _new_id(self) -> str:
        self._ids += 1
        return str(self._ids)

    def add_deal(self, *, company: str, lines: list[dict[str, Any]], contact_email: str = "ap@acme.test",
                 won: bool = True, **properties: Any) -> str:
        deal_id = self._new_id()
        company_id = next((i for i, c in self.objects["companies"].items() if c["name"] == company), None)
        if company_id is None:
            company_id = self._new_id()
            self.objects["companies"][company_id] = {"name": company, "address": "1 Main St", "city": "Boston",
                                                     "state": "MA", "zip": "02110", "country": "US",
                                                     "hs_object_id": company_id}
        contact_id = self._new_id()
        self.objects["contacts"][contact_id] = {"email": contact_email, "firstname": "Pat", "lastname": "Payer",
                                                "hs_object_id": contact_id}
        self.deals[deal_id] = {"dealname": f"{company} - New Business", "closedate": "2026-03-01T00:00:00Z",
                               "dealstage": "closedwon" if won else "contractsent",
                               "hs_is_closed_won": "true" if won else "false", "hs_lastmodifieddate": self._tick(),
                               "hs_object_id": deal_id, **properties}
        self.links[(deal_id, "companies")] = [(company_id, "Primary")]
        self.links[(deal_id, "contacts")] = [(contact_id, "Billing contact")]
        self._set_lines(deal_id, lines)
        return deal_id

    def _set_lines(self, deal_id: str, lines: list[dict[str, Any]]) -> None:
        ids = []
        for line in lines:
            line_id = self._new_id()
            quantity, price = Decimal(str(line["quantity"])), Decimal(str(line["price"]))
            self.objects["line_items"][line_id] = {
                "name": line.get("name", line["sku"]), "hs_sku": line["sku"], "quantity": str(quantity),
                "price": str(price), "amount": str(quantity * price), "hs_object_id": line_id, **line.get("props", {})}
            ids.append((line_id, None))
        self.links[(deal_id, "line_items")] = ids

    def change_deal(self, deal_id: str, *, lines: list[dict[str, Any]] | None = None, **properties: Any) -> None:
        self.deals[deal_id].update(properties)
        if lines is not None:
            self._set_lines(deal_id, lines)
        self.deals[deal_id]["hs_lastmodifieddate"] = self._tick()

    def _json(self, status: int, body: Any):
        return status, {"Content-Type": "application/json;charset=utf-8"}, json.dumps(body)

    def _authorized(self, request) -> bool:  # type: ignore[no-untyped-def]
        return request.headers.get("Authorization") == f"Bearer {self.access_token}"

    def _unauthorized(self):
        return self._json(401, {"status": "error", "message": "The OAuth token used to make this call expired "
                                "1 minute(s) ago.", "correlationId": "3d0c6b4f-0000-4000-8000-000000000000",
                                "category": "EXPIRED_AUTHENTICATION"})

    @staticmethod
    def _object(object_id: str, properties: dict[str, Any]) -> dict[str, Any]:
        return {"id": object_id, "properties": properties, "createdAt": "2026-02-01T10:00:00.000Z",
                "updatedAt": properties.get("hs_lastmodifieddate", "2026-02-01T10:00:00.000Z"), "archived": False}

    def _search(self, request):  # type: ignore[no-untyped-def]
        if not self._authorized(request):
            return self._unauthorized()
        body = json.loads(request.body)
        self.searches.append(body)
        rows = list(self.deals.items())
        for f in body.get("filterGroups", [{}])[0].get("filters", []):
            if f["operator"] == "EQ":
                rows = [(i, d) for i, d in rows if d.get(f["propertyName"]) == f["value"]]
            elif f["operator"] == "GTE" and f["propertyName"] == "hs_lastmodifieddate":
                import datetime as _dt

                cutoff = _dt.datetime.fromtimestamp(int(f["value"]) / 1000, tz=_dt.UTC)
                rows = [(i, d) for i, d in rows if _dt.datetime.fromisoformat(
                    d["hs_lastmodifieddate"].replace("Z", "+00:00")) >= cutoff]
        rows.sort(key=lambda r: r[1]["hs_lastmodifieddate"])
        start = int(body.get("after") or 0)
        chunk = rows[start:start + self.page_size]
        wanted = body.get("properties") or []
        result: dict[str, Any] = {"total": len(rows), "results": [
            self._object(i, {k: d.get(k) for k in wanted if k in d}) for i, d in chunk]}
        if start + self.page_size < len(rows):
            result["paging"] = {"next": {"after": str(start + self.page_size), "link": "?after=x"}}
        return self._json(200, result)

    def _associations(self, request):  # type: ignore[no-untyped-def]
        if not self._authorized(request):
            return self._unauthorized()
        to_type = urlparse(request.url).path.split("/")[5]
        results = []
        for item in json.loads(request.body)["inputs"]:
            links = self.links.get((item["id"], to_type), [])
            if links:
                results.append({"from": {"id": item["id"]}, "to": [
                    {"toObjectId": int(i), "associationTypes": [
                        {"category": "HUBSPOT_DEFINED" if label is None else "USER_DEFINED", "typeId": 19,
                         "label": label}]} for i, label in links]})
        return self._json(200, {"status": "COMPLETE", "results": results, "startedAt": "2026-04-02T09:00:00.000Z",
                                "completedAt": "2026-04-02T09:00:00.100Z"})

    def _batch_read(self, request):  # type: ignore[no-untyped-def]
        if not self._authorized(request):
            return self._unauthorized()
        object_type = urlparse(request.url).path.split("/")[4]
        body = json.loads(request.body)
        store = self.objects[object_type]
        wanted = body.get("properties") or []
        results = [self._object(i["id"], {k: store[i["id"]].get(k) for k in [*wanted, "hs_object_id"]
                                          if k in store[i["id"]]})
                   for i in body["inputs"] if i["id"] in store]
        return self._json(200, {"status": "COMPLETE", "results": results, "startedAt": "2026-04-02T09:00:00.000Z",
                                "completedAt": "2026-04-02T09:00:00.100Z"})

    def _patch(self, request):  # type: ignore[no-untyped-def]
        if not self._authorized(request):
            return self._unauthorized()
        deal_id = urlparse(request.url).path.rsplit("/", 1)[1]
        values = json.loads(request.body)["properties"]
        self.deals[deal_id].update(values)
        self.patches.append((deal_id, values))
        return self._json(200, self._object(deal_id, self.deals[deal_id]))

    def _token(self, request):  # type: ignore[no-untyped-def]
        form = parse_qs(request.body)
        self.token_requests.append(form)
        if form.get("client_id") != ["hs-client"] or form.get("client_secret") != ["hs-secret"]:
            return self._json(400, {"status": "BAD_CLIENT_ID", "message": "missing or unknown client id"})
        if form.get("grant_type") == ["authorization_code"]:
            if form.get("code") != ["hs-code"] or not form.get("redirect_uri"):
                return self._json(400, {"status": "BAD_AUTH_CODE", "message": "missing or invalid auth code"})
            self.access_token, self.refresh_token = "hs-access-authorized", "hs-refresh-authorized"
            return self._json(200, {"token_type": "bearer", "refresh_token": self.refresh_token,
                                    "access_token": self.access_token, "expires_in": 1800})
        if form.get("grant_type") != ["refresh_token"] or form.get("refresh_token") != [self.refresh_token]:
            return self._json(400, {"status": "BAD_REFRESH_TOKEN", "message": "missing or invalid refresh token"})
        self.access_token = "hs-access-2"
        return self._json(200, {"token_type": "bearer", "refresh_token": self.refresh_token,
                                "access_token": self.access_token, "expires_in": 1800})
