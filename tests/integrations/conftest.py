from __future__ import annotations

from collections.abc import Iterator

import pytest
import responses

from integrations.choices import Provider
from integrations.models import Connection, CrmFieldMapping, CrmProductMapping
from integrations.sync import connection_create
from tests.factories import MeterFactory

from .fakes import SF_INSTANCE, QuickBooksFake, SalesforceFake


@pytest.fixture
def http() -> Iterator[responses.RequestsMock]:
    """Every HTTP call goes to the fakes; anything else fails the test (no network)."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.fixture
def sf(http: responses.RequestsMock) -> SalesforceFake:
    fake = SalesforceFake()
    fake.install(http)
    return fake


@pytest.fixture
def qbo(http: responses.RequestsMock) -> QuickBooksFake:
    fake = QuickBooksFake()
    fake.install(http)
    return fake


@pytest.fixture
def sf_connection(db, sf: SalesforceFake) -> Connection:
    MeterFactory(code="api_calls")
    connection = connection_create(
        name="Salesforce prod",
        provider=Provider.SALESFORCE,
        credentials={"client_id": "3MVG9-client", "client_secret": "sf-secret-value",
                     "access_token": sf.access_token, "refresh_token": sf.refresh_token, "instance_url": SF_INSTANCE},
        instance_url=SF_INSTANCE,
    )
    CrmProductMapping.objects.create(connection=connection, product_code="PLATFORM", charge_model="flat",
                                     price_field="amount", line_code="platform")
    CrmProductMapping.objects.create(connection=connection, product_code="API-CALLS", charge_model="per_unit",
                                     metric="api_calls", price_field="unit_price", line_code="api",
                                     params={"minimum_amount": "200.00"})
    CrmProductMapping.objects.create(connection=connection, product_code="SEATS", charge_model="per_seat",
                                     price_field="unit_price", quantity_field="seats", line_code="seats")
    CrmFieldMapping.objects.create(connection=connection, target="contract.start_date", source="Contract_Start__c")
    return connection


@pytest.fixture
def qbo_connection(db, qbo: QuickBooksFake) -> Connection:
    return connection_create(
        name="QuickBooks",
        provider=Provider.QUICKBOOKS,
        credentials={"client_id": "ABqbo-client", "client_secret": "qbo-secret-value",
                     "access_token": qbo.access_token, "refresh_token": qbo.refresh_token},
        company_id=qbo.realm,
        is_sandbox=True,
    )


@pytest.fixture
def netsuite(http: responses.RequestsMock):
    from .fakes import NetSuiteFake

    fake = NetSuiteFake()
    fake.install(http)
    return fake


@pytest.fixture
def ns_connection(db, netsuite) -> Connection:
    from .fakes import NS_ACCOUNT

    return connection_create(
        name="NetSuite",
        provider=Provider.NETSUITE,
        credentials={"client_id": netsuite.consumer[0], "client_secret": netsuite.consumer[1],
                     "token_id": netsuite.token[0], "token_secret": netsuite.token[1]},
        company_id=NS_ACCOUNT,
        is_sandbox=True,
        posting_mode="per_document",
        options={"subsidiary_id": "1", "currencies": {"USD": "1"}},
    )


@pytest.fixture
def xero(settings):
    from .fakes import XeroFake
    from .local_server import LocalServer

    fake = XeroFake()
    server = LocalServer()
    fake.install(server)
    with server.running():
        settings.INTEGRATIONS_XERO_API_URL = server.url
        settings.INTEGRATIONS_XERO_IDENTITY_URL = server.url
        yield fake


@pytest.fixture
def xero_connection(db, xero) -> Connection:
    from .fakes import XERO_TENANT

    return connection_create(
        name="Xero", provider=Provider.XERO, posting_mode="per_document", company_id=XERO_TENANT,
        credentials={"client_id": "xero-client", "client_secret": "xero-secret",
                     "access_token": xero.access_token, "refresh_token": xero.refresh_token},
    )


@pytest.fixture
def hubspot(settings):
    from .fakes import HubSpotFake
    from .local_server import LocalServer

    fake = HubSpotFake()
    server = LocalServer()
    fake.install(server)
    with server.running():
        settings.INTEGRATIONS_HUBSPOT_API_URL = server.url
        yield fake


@pytest.fixture
def hs_connection(db, hubspot) -> Connection:
    MeterFactory(code="api_calls")
    connection = connection_create(
        name="HubSpot", provider=Provider.HUBSPOT,
        credentials={"client_id": "hs-client", "client_secret": "hs-secret",
                     "access_token": hubspot.access_token, "refresh_token": hubspot.refresh_token},
    )
    CrmProductMapping.objects.create(connection=connection, product_code="PLATFORM", charge_model="flat",
                                     price_field="amount", line_code="platform")
    CrmProductMapping.objects.create(connection=connection, product_code="API-CALLS", charge_model="graduated",
                                     metric="api_calls", price_field="", line_code="api")
    CrmFieldMapping.objects.create(connection=connection, target="line.tiers", source="tiers_json")
    CrmFieldMapping.objects.create(connection=connection, target="contract.start_date", source="contract_start")
    return connection
