"""Reading and writing a connection's encrypted credentials (client id/secret, OAuth tokens)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .crypto import secrets_decrypt, secrets_encrypt
from .models import Connection

# What the admin form may set; tokens come only from the OAuth flow or a refresh.
SECRET_FIELDS = ("client_id", "client_secret", "token_id", "token_secret", "access_token", "refresh_token")


def connection_credentials(connection: Connection) -> dict[str, Any]:
    return secrets_decrypt(connection.credentials_encrypted)


def connection_credentials_update(*, connection: Connection, values: dict[str, Any]) -> Connection:
    """Merge ``values`` into the stored credentials (an empty value leaves the stored one) and
    save. The row is re-read under a lock: a token refresh racing another must not write back
    a stale refresh token (providers rotate them, so a stale one is dead)."""
    with transaction.atomic():
        locked = Connection.objects.select_for_update().get(pk=connection.pk)
        current = secrets_decrypt(locked.credentials_encrypted)
        current.update({k: v for k, v in values.items() if v not in (None, "")})
        locked.credentials_encrypted = secrets_encrypt(current)
        locked.save(update_fields=["credentials_encrypted"])
    connection.credentials_encrypted = locked.credentials_encrypted
    return connection
