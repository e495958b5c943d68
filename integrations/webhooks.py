"""The signed usage webhook: the batch API's semantics for senders that cannot hold an API key
but can sign (Stripe's scheme).

A request carries

    Autobill-Source: <source name>
    Autobill-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, f"{t}.{raw body}")>

The signature covers the timestamp, so an old request cannot be re-dated; the timestamp must be
within ``SIGNATURE_TOLERANCE`` of our clock, so a captured request is refused after five minutes;
and inside those five minutes a replay stores nothing twice, because every event carries its own
idempotency key (the replay counts as duplicates). Several ``v1=`` entries are accepted, any one
matching, as Stripe does. The signature is checked before the timestamp: an unsigned request
learns nothing about our clock.

The body is the batch API's (``{"events": [...]}``, at most 10,000) or a single event object; the
answer is the batch API's ``{"accepted", "duplicates", "rejected"}``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from metering.services import MAX_BATCH, IngestResult, usage_events_record

from .models import UsageWebhookSource, webhook_secret_generate

logger = logging.getLogger(__name__)

SOURCE_HEADER = "Autobill-Source"
SIGNATURE_HEADER = "Autobill-Signature"
SIGNATURE_SCHEME = "v1"
SIGNATURE_TOLERANCE = timedelta(seconds=300)
# last_received_at is for people ("is this source still sending?"): one UPDATE a minute per source
# is plenty, and keeps a write off the hot path of every request.
LAST_RECEIVED_RESOLUTION = timedelta(minutes=1)


class WebhookError(Exception):
    """A request refused before any event was looked at; ``status`` is the HTTP status."""

    status = 400

    def __init__(self, message: str, *, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class WebhookAuthenticationError(WebhookError):
    """No source, an unknown or inactive one, or a missing, malformed or wrong signature."""

    status = 401


class WebhookTimestampError(WebhookError):
    """A valid signature on a timestamp too far from our clock: a replay, or clock skew."""

    status = 400


class WebhookPayloadError(WebhookError):
    status = 400


@dataclass(frozen=True)
class ParsedSignature:
    timestamp: int
    signatures: tuple[str, ...]


def signature_compute(*, secret: str, timestamp: int, body: bytes) -> str:
    """Hex HMAC-SHA256 of ``f"{timestamp}.".encode() + body`` keyed with the source's secret."""
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def signature_header(*, secret: str, body: bytes, timestamp: int) -> str:
    """The ``Autobill-Signature`` value a sender puts on ``body`` (for senders, tests and docs)."""
    return f"t={timestamp},{SIGNATURE_SCHEME}={signature_compute(secret=secret, timestamp=timestamp, body=body)}"


def signature_parse(header: str) -> ParsedSignature:
    timestamp: int | None = None
    signatures: list[str] = []
    for item in header.split(","):
        key, sep, value = item.strip().partition("=")
        if not sep:
            continue
        if key == "t":
            try:
                timestamp = int(value)
            except ValueError:
                raise WebhookAuthenticationError("Malformed Autobill-Signature: t must be unix seconds.")
        elif key == SIGNATURE_SCHEME and value:
            signatures.append(value)
    if timestamp is None or not signatures:
        raise WebhookAuthenticationError("Malformed Autobill-Signature: expected t=<unix seconds>,v1=<hex HMAC>.")
    return ParsedSignature(timestamp=timestamp, signatures=tuple(signatures))


def usage_webhook_verify(
    *, source_name: str | None, signature: str | None, body: bytes, now: datetime
) -> UsageWebhookSource:
    """The active source whose secret signed ``body`` within the tolerance, or a WebhookError."""
    if not source_name:
        raise WebhookAuthenticationError(f"Missing {SOURCE_HEADER} header.")
    if not signature:
        raise WebhookAuthenticationError(f"Missing {SIGNATURE_HEADER} header.")
    source = UsageWebhookSource.objects.filter(name=source_name, is_active=True).first()
    if source is None:
        # One message for unknown and inactive sources: no probing for which names exist.
        raise WebhookAuthenticationError("Unknown or inactive source.")
    parsed = signature_parse(signature)
    expected = signature_compute(secret=source.secret, timestamp=parsed.timestamp, body=body)
    # compare_digest on every candidate (no early exit), so timing tells nothing about which one
    # or how much of it matched.
    matches = [hmac.compare_digest(expected.encode(), candidate.encode()) for candidate in parsed.signatures]
    if not any(matches):
        raise WebhookAuthenticationError("Signature does not match the body.")
    skew = abs(now.timestamp() - parsed.timestamp)
    if skew > SIGNATURE_TOLERANCE.total_seconds():
        raise WebhookTimestampError(
            f"Timestamp is {int(skew)} s away from the server clock (tolerance "
            f"{int(SIGNATURE_TOLERANCE.total_seconds())} s): replay or clock skew.",
            fields={"t": ["Outside the tolerance: replay or clock skew."]},
        )
    return source


def _events_from(body: bytes) -> list[Any]:
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        raise WebhookPayloadError("Body is not valid JSON.", fields={"non_field_errors": ["Invalid JSON."]})
    if not isinstance(payload, Mapping):
        raise WebhookPayloadError(
            "Invalid input.", fields={"non_field_errors": ['Expected {"events": [...]} or a single event object.']}
        )
    if "events" not in payload:
        return [payload]
    events = payload["events"]
    if not isinstance(events, list):
        raise WebhookPayloadError("Invalid input.", fields={"events": ["Expected a list of events."]})
    if len(events) > MAX_BATCH:
        raise WebhookPayloadError("Batch too large.", fields={"events": [f"At most {MAX_BATCH:,} events per batch."]})
    return events


def usage_webhook_receive(
    *, source_name: str | None, signature: str | None, body: bytes, now: datetime | None = None
) -> IngestResult:
    """Verify a signed delivery and record its events exactly as ``POST /api/v1/events/batch``
    does: valid events stored once per idempotency key, invalid ones rejected by index."""
    now = now or timezone.now()
    try:
        source = usage_webhook_verify(source_name=source_name, signature=signature, body=body, now=now)
    except WebhookError as exc:
        logger.warning("usage webhook refused (source=%r): %s", source_name, exc.message)
        raise
    events = _events_from(body)
    result = usage_events_record(events=events, now=now)
    last = source.last_received_at
    if last is None or now - last >= LAST_RECEIVED_RESOLUTION:
        UsageWebhookSource.objects.filter(pk=source.pk).update(last_received_at=now)
    return result


def usage_webhook_source_create(*, name: str, actor: AbstractBaseUser | str | None = None) -> UsageWebhookSource:
    """A new, active source with a fresh random secret (read it from ``.secret`` once)."""
    with transaction.atomic():
        source = UsageWebhookSource.objects.create(name=name)
        audit_record(
            rule="integrations.webhook_source",
            action="webhook_source_created",
            obj=source,
            actor=actor,
            inputs={"name": name},
            outcome={"is_active": source.is_active},
        )
    return source


def usage_webhook_source_rotate_secret(
    *, source_id: int, actor: AbstractBaseUser | str | None = None
) -> UsageWebhookSource:
    """Replace the secret at once: requests signed with the old one are refused from now on, so
    the sender must switch to the new one (its refused deliveries can be retried: event keys
    make that safe). The secret itself goes into neither history nor the audit record."""
    with transaction.atomic():
        source = UsageWebhookSource.objects.select_for_update().get(pk=source_id)
        source.secret = webhook_secret_generate()
        source.secret_rotated_at = timezone.now()
        source.save(update_fields=["secret", "secret_rotated_at"])  # save(): history records the rotation
        audit_record(
            rule="integrations.webhook_source",
            action="webhook_secret_rotated",
            obj=source,
            actor=actor,
            inputs={"name": source.name},
            outcome={"secret_rotated_at": source.secret_rotated_at},
        )
    return source
