from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.LOGIN_FAILURES_LIMIT = 3
    settings.LOGIN_FAILURES_WINDOW = 60
    cache.clear()
    yield
    cache.clear()


def _login(client, username: str, password: str, addr: str = "10.0.0.1"):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=addr)


def test_failed_logins_are_limited_per_username_then_even_the_right_password_waits(client):
    get_user_model().objects.create_user("ana", password="right-password", is_staff=True)
    for _ in range(3):
        assert _login(client, "ana", "wrong").status_code == 200  # the form again, with its error
    response = _login(client, "ana", "right-password", addr="10.0.0.2")  # another address: same user
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "_auth_user_id" not in client.session


def test_failed_logins_are_limited_per_address(client):
    for name in ("a", "b", "c"):
        _login(client, name, "wrong")
    assert _login(client, "d", "wrong").status_code == 429
    assert _login(client, "d", "wrong", addr="10.0.0.9").status_code == 200


def test_a_successful_login_clears_the_username_count(client):
    get_user_model().objects.create_user("bo", password="right-password", is_staff=True)
    _login(client, "bo", "wrong")
    _login(client, "bo", "wrong")
    assert _login(client, "bo", "right-password", addr="10.0.0.3").status_code == 302
    client.logout()
    _login(client, "bo", "wrong", addr="10.0.0.4")
    assert _login(client, "bo", "right-password", addr="10.0.0.5").status_code == 302
