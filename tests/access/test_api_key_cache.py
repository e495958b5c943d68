"""Verified API keys are cached per process; revoking one stops it at once in this process."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from access.models import ApiKey
from access.services import api_key_authenticate, api_key_create

pytestmark = pytest.mark.django_db


def _client(raw_key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    return client


def test_second_request_does_not_query_the_key_again():
    issued = api_key_create(name="ingest")
    assert api_key_authenticate(issued.raw_key) == issued.api_key
    with CaptureQueriesContext(connection) as queries:
        assert api_key_authenticate(issued.raw_key) == issued.api_key
    assert not [q for q in queries.captured_queries if "access_apikey" in q["sql"]]


def test_wrong_secret_with_a_cached_prefix_is_refused():
    issued = api_key_create(name="ingest")
    assert api_key_authenticate(issued.raw_key) is not None
    forged = issued.raw_key[:-4] + ("AAAA" if not issued.raw_key.endswith("AAAA") else "BBBB")
    assert api_key_authenticate(forged) is None


def test_revoking_a_key_stops_it_at_once_in_this_process():
    issued = api_key_create(name="ingest")
    client = _client(issued.raw_key)
    assert client.get("/api/v1/meters").status_code == 200
    key = ApiKey.objects.get(pk=issued.api_key.pk)
    key.is_active = False
    key.save(update_fields=["is_active"])  # what the admin's revoke action does
    response = client.get("/api/v1/meters")
    assert response.status_code == 401


def test_cache_can_be_switched_off(settings):
    settings.API_KEY_CACHE_SECONDS = 0
    issued = api_key_create(name="ingest")
    api_key_authenticate(issued.raw_key)
    ApiKey.objects.filter(pk=issued.api_key.pk).update(is_active=False)  # no signal: only the TTL protects
    assert api_key_authenticate(issued.raw_key) is None
