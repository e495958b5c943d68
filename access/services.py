from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from .models import ApiKey, ApiKeyScope

KEY_PREFIX = "ab_"


def hash_secret(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedKey:
    api_key: ApiKey
    raw_key: str  # shown once, never stored


def api_key_create(*, name: str, scope: str = ApiKeyScope.FULL) -> IssuedKey:
    """Create an API key with a scope (read, ingest or full: access/permissions.py); the raw key is
    returned once and only its hash is kept."""
    if scope not in ApiKeyScope.values:
        raise ValueError(f"Unknown scope {scope!r}: one of {', '.join(ApiKeyScope.values)}.")
    prefix = secrets.token_hex(6)
    raw_key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        user = get_user_model().objects.create(username=f"api-{prefix}", first_name=f"API key {name}"[:150])
        user.set_unusable_password()
        user.save()
        api_key = ApiKey.objects.create(name=name, user=user, prefix=prefix, key_hash=hash_secret(raw_key), scope=scope)
    return IssuedKey(api_key=api_key, raw_key=raw_key)


# Verified keys, per process: hash of the raw key -> (monotonic expiry, ApiKey with its user).
# Every API request authenticates, and on the ingestion path the lookup was a third of the CPU of
# a request. Saving or deleting a key clears this process's entries at once (access/apps.py);
# other processes honour a revocation within API_KEY_CACHE_SECONDS.
_verified: dict[str, tuple[float, ApiKey]] = {}
_verified_lock = threading.Lock()


def api_key_cache_clear(**kwargs: Any) -> None:
    with _verified_lock:
        _verified.clear()


def api_key_authenticate(raw_key: str) -> ApiKey | None:
    if not raw_key.startswith(KEY_PREFIX) or "_" not in raw_key[len(KEY_PREFIX) :]:
        return None
    digest = hash_secret(raw_key)
    now = time.monotonic()
    entry = _verified.get(digest)
    if entry is not None and entry[0] > now:
        return entry[1]
    prefix = raw_key[len(KEY_PREFIX) :].split("_", 1)[0]
    api_key = ApiKey.objects.select_related("user").filter(prefix=prefix, is_active=True).first()
    if api_key is None or not secrets.compare_digest(api_key.key_hash, digest):
        return None
    ttl = settings.API_KEY_CACHE_SECONDS
    if ttl > 0:
        with _verified_lock:
            if len(_verified) > 10_000:
                _verified.clear()
            _verified[digest] = (now + ttl, api_key)
    return api_key
