"""Credentials at rest: Fernet (AES-128-CBC + HMAC-SHA256) from ``cryptography``.

Keys come from ``settings.INTEGRATIONS_ENCRYPTION_KEYS`` (Fernet keys, newest first: MultiFernet
decrypts with any and encrypts with the first, so a key is rotated by prepending a new one). With
none set, one key is derived from SECRET_KEY, so a development database works out of the box;
production sets its own keys so a leaked SECRET_KEY alone does not open the credentials.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def _fernet() -> MultiFernet:
    keys = list(getattr(settings, "INTEGRATIONS_ENCRYPTION_KEYS", []) or [])
    if not keys:
        digest = hashlib.sha256(f"autobill-integrations:{settings.SECRET_KEY}".encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode()]
    return MultiFernet([Fernet(key) for key in keys])


def secrets_encrypt(values: dict[str, Any]) -> str:
    return _fernet().encrypt(json.dumps(values, sort_keys=True).encode()).decode()


def secrets_decrypt(token: str) -> dict[str, Any]:
    if not token:
        return {}
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken as exc:
        # Never echo the token: the message may reach logs.
        raise ValueError("Stored credentials cannot be decrypted with the configured keys.") from exc
