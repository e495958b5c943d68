from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from billing_site.celery import app as celery_app

VENV_BIN = Path(sys.executable).parent

# No timed assertions (the machines are shared and noisy): Hypothesis's per-example deadline
# (200 ms by default) is off for every property test, not only for those that say so.
hypothesis_settings.register_profile("autobill", deadline=None)
hypothesis_settings.load_profile("autobill")


@pytest.fixture(autouse=True, scope="session")
def _celery_eager() -> Iterator[None]:
    """Tasks run inline in tests (the real worker is exercised by tests/e2e/test_celery_worker.py)."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    return


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STRIPE_API_KEY = ""


@pytest.fixture(autouse=True)
def _ingestion_caches() -> Iterator[None]:
    """Each test starts with empty per-process reference caches (rolled-back rows reuse keys)."""
    from access.services import api_key_cache_clear
    from metering.services import lookup_caches_clear

    lookup_caches_clear()
    api_key_cache_clear()
    yield
    lookup_caches_clear()
    api_key_cache_clear()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listening on 127.0.0.1:{port}")


@pytest.fixture(scope="session")
def localstripe_url() -> Iterator[str]:
    """A real (fake) Stripe server: localstripe, started once per test session on 127.0.0.1.

    ``--from-scratch``: localstripe otherwise loads /tmp/localstripe.pickle, the state every
    instance on the machine writes, and a file cut short by a killed instance (or two sessions
    writing at once) stops it at start-up with UnpicklingError."""
    port = _free_port()
    proc = subprocess.Popen(
        [str(VENV_BIN / "localstripe"), "--port", str(port), "--from-scratch"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def stripe_on(settings, localstripe_url: str) -> str:
    settings.STRIPE_API_KEY = "sk_test_autobill"
    settings.STRIPE_API_BASE = localstripe_url
    return localstripe_url


@pytest.fixture
def api_key(db) -> str:
    from access.services import api_key_create

    return api_key_create(name="tests").raw_key


@pytest.fixture
def api(api_key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {api_key}")
    return client
