"""Property-based fuzzing of the whole public API from its own OpenAPI schema (schemathesis):
every operation, with generated valid and invalid input, must never answer a server error and
must answer what the schema documents (status codes, content types, body shapes, including the
JSON error shape). Bounded: SCHEMATHESIS_MAX_EXAMPLES examples per operation (CI: the default),
derandomised so a run is reproducible."""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from billing_site.wsgi import application

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "15"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI app closes the database connection after each request (close_old_connections), as
    in production; in a test that is the test's own transaction. Django's test client does this too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(db):
    """A customer, meter and contract for the generated requests to find now and then."""
    from tests.factories import MeterFactory, UsageLineFactory

    MeterFactory()
    UsageLineFactory(contract__customer__external_id="acme", contract__external_id="acme-2026")


# Loaded from the running app's own /api/schema/ (no database needed to generate it).
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema_and_never_errors(case, api_key, world):
    response = case.call(headers={"Authorization": f"Bearer {api_key}"})
    case.validate_response(response, checks=CHECKS)
