"""Payment history: the attempts the retry model learns from (POST /api/v1/payment-history,
``manage.py payment_history_import``, and our own card attempts), and the reads that turn it
into the pure package's inputs."""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from simple_history.utils import bulk_create_with_history

from contracts.models import Customer
from metering.selectors import usage_daily_by_customer

from .choices import AttemptOutcome, HistorySource
from .dunning.declines import decline_class
from .dunning.features import (
    USAGE_EARLIER_DAYS,
    USAGE_RECENT_DAYS,
    CustomerExtras,
    HistoryAttempt,
    Profile,
    UsageSeries,
    customer_profile,
    usage_trend,
)
from .models import PaymentHistoryRecord

MAX_BATCH = 5000
FUNDING = ("credit", "debit", "prepaid", "unknown")


@dataclass
class HistoryIngestResult:
    accepted: int = 0
    duplicates: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)


def _text(value: Any, name: str, errors: dict[str, list[str]], *, required: bool = True, max_length: int = 200) -> str:
    if value is None or value == "":
        if required:
            errors[name] = ["This field is required."]
        return ""
    if not isinstance(value, str):
        errors[name] = ["Expected a string."]
        return ""
    if len(value) > max_length:
        errors[name] = [f"At most {max_length} characters."]
    return value.strip()


def history_record_validate(raw: Any) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """A payment-history record as in api.md, validated: (clean values, field errors)."""
    errors: dict[str, list[str]] = {}
    if not isinstance(raw, Mapping):
        return {}, {"non_field_errors": ["Expected an object."]}
    clean: dict[str, Any] = {
        "external_id": _text(raw.get("id"), "id", errors),
        "customer": _text(raw.get("customer"), "customer", errors, max_length=100),
        "invoice_reference": _text(raw.get("invoice"), "invoice", errors),
    }
    amount = raw.get("amount")
    try:
        clean["amount"] = Decimal(str(amount))
        if not clean["amount"].is_finite() or clean["amount"] < 0 or isinstance(amount, bool) or amount in (None, ""):
            raise InvalidOperation
        if clean["amount"].as_tuple().exponent < -4:  # type: ignore[operator]
            errors["amount"] = ["At most 4 decimal places."]
    except (InvalidOperation, ValueError, TypeError):
        errors["amount"] = ["A non-negative decimal string is required."]
    currency = raw.get("currency")
    if not isinstance(currency, str) or len(currency) != 3 or not currency.isalpha():
        errors["currency"] = ["A 3-letter ISO 4217 code is required."]
    else:
        clean["currency"] = currency.upper()
    attempted = raw.get("attempted_at")
    parsed = parse_datetime(attempted) if isinstance(attempted, str) else None
    if parsed is None:
        errors["attempted_at"] = ["An ISO 8601 timestamp is required."]
    elif parsed.tzinfo is None:
        errors["attempted_at"] = ["The timestamp needs an offset (e.g. Z or +02:00)."]
    else:
        clean["attempted_at"] = parsed
    outcome = raw.get("outcome")
    if outcome not in AttemptOutcome.values:
        errors["outcome"] = [f"One of {', '.join(AttemptOutcome.values)}."]
    clean["outcome"] = outcome
    code = raw.get("decline_code")
    if code is not None and not isinstance(code, str):
        errors["decline_code"] = ["A string or null."]
        code = ""
    clean["decline_code"] = (code or "").strip().lower()[:100]
    if outcome == AttemptOutcome.SUCCEEDED and clean["decline_code"]:
        errors["decline_code"] = ["A succeeded attempt has no decline code."]
    _payment_method_validate(raw.get("payment_method"), clean, errors)
    return clean, errors


def _payment_method_validate(method: Any, clean: dict[str, Any], errors: dict[str, list[str]]) -> None:
    clean.update(payment_method_type="", card_brand="", card_funding="", card_country="")
    if method is not None:
        if not isinstance(method, Mapping):
            errors["payment_method"] = ["Expected an object."]
        else:
            for key, target, size in (
                ("type", "payment_method_type", 30),
                ("brand", "card_brand", 30),
                ("funding", "card_funding", 10),
                ("country", "card_country", 2),
            ):
                value = method.get(key)
                if value is None:
                    continue
                if not isinstance(value, str) or len(value) > size:
                    errors[f"payment_method.{key}"] = [f"A string of at most {size} characters."]
                else:
                    clean[target] = value.strip().lower() if key != "country" else value.strip().upper()
            if clean["card_funding"] and clean["card_funding"] not in FUNDING:
                errors["payment_method.funding"] = [f"One of {', '.join(FUNDING)}."]


def payment_history_record(*, records: list[Any], source: str = HistorySource.API) -> HistoryIngestResult:
    """Store the valid records once per ``id`` (a known id counts as a duplicate, even in the same
    batch); invalid ones are listed by index with field errors. Nothing is stored twice: the
    unique ``external_id`` is the final guard against a concurrent batch."""
    result = HistoryIngestResult()
    cleaned: list[tuple[int, dict[str, Any]]] = []
    for index, raw in enumerate(records):
        clean, errors = history_record_validate(raw)
        if errors:
            result.rejected.append({"index": index, "errors": errors})
        else:
            cleaned.append((index, clean))
    customers = dict(
        Customer.objects.filter(external_id__in={c["customer"] for _, c in cleaned}).values_list("external_id", "pk")
    )
    known = set(
        PaymentHistoryRecord.objects.filter(external_id__in=[c["external_id"] for _, c in cleaned]).values_list(
            "external_id", flat=True
        )
    )
    rows: list[PaymentHistoryRecord] = []
    for index, clean in cleaned:
        customer_id = customers.get(clean.pop("customer"))
        if customer_id is None:
            result.rejected.append({"index": index, "errors": {"customer": ["No customer with this external id."]}})
            continue
        if clean["external_id"] in known:
            result.duplicates += 1
            continue
        known.add(clean["external_id"])
        rows.append(
            PaymentHistoryRecord(
                customer_id=customer_id,
                decline_class=decline_class(clean["decline_code"]),
                source=source,
                **clean,
            )
        )
    result.rejected.sort(key=lambda r: r["index"])
    try:
        with transaction.atomic():
            bulk_create_with_history(rows, PaymentHistoryRecord, batch_size=1000)
        result.accepted = len(rows)
    except IntegrityError:
        # A concurrent batch stored some of the same ids: store one by one, counting those.
        for row in rows:
            try:
                with transaction.atomic():
                    row.save()
                result.accepted += 1
            except IntegrityError:
                result.duplicates += 1
    return result


# Column names of Stripe's payments export (Dashboard > Payments > Export), and ours as fallback.
CSV_COLUMNS = {
    "id": ("id", "charge id"),
    "customer": ("customer", "customer id", "customer description", "customer_external_id"),
    "invoice": ("invoice", "invoice id", "description"),
    "amount": ("amount",),
    "currency": ("currency",),
    "attempted_at": ("attempted_at", "created date (utc)", "created (utc)", "created"),
    "status": ("outcome", "status"),
    "decline_code": ("decline_code", "decline reason", "outcome reason", "failure code"),
    "brand": ("card brand", "brand"),
    "funding": ("card funding", "funding"),
    "country": ("card issue country", "card country", "country"),
}


def _pick(row: Mapping[str, str], names: Iterable[str]) -> str:
    lower = {k.strip().lower(): v for k, v in row.items() if k}
    for name in names:
        if name in lower and lower[name] not in (None, ""):
            return lower[name].strip()
    return ""


def csv_row_to_record(row: Mapping[str, str]) -> dict[str, Any]:
    """A row of a Stripe payments export as a payment-history record (api.md shape). Stripe's
    export dates are UTC without an offset ("2026-03-05 14:03"); its statuses are Paid,
    Failed, Refunded..."""
    status = _pick(row, CSV_COLUMNS["status"]).lower()
    outcome = (
        "succeeded"
        if status in ("paid", "succeeded", "refunded", "partially refunded")
        else ("failed" if status in ("failed", "declined") else status)
    )
    when = _pick(row, CSV_COLUMNS["attempted_at"])
    if when and "T" not in when and "+" not in when and not when.endswith("Z"):
        when = when.replace(" ", "T") + "+00:00"
    code = _pick(row, CSV_COLUMNS["decline_code"]) or None
    record: dict[str, Any] = {
        "id": _pick(row, CSV_COLUMNS["id"]),
        "customer": _pick(row, CSV_COLUMNS["customer"]),
        "invoice": _pick(row, CSV_COLUMNS["invoice"]),
        "amount": _pick(row, CSV_COLUMNS["amount"]).replace(",", ""),
        "currency": _pick(row, CSV_COLUMNS["currency"]).upper(),
        "attempted_at": when,
        "outcome": outcome,
        "decline_code": code if outcome == "failed" else None,
        "payment_method": {"type": "card"},
    }
    for key in ("brand", "funding", "country"):
        value = _pick(row, CSV_COLUMNS[key])
        if value:
            record["payment_method"][key] = value.lower() if key != "country" else value.upper()
    return record


def payment_history_import_csv(*, lines: Iterable[str]) -> HistoryIngestResult:
    """Import a Stripe payments export (CSV with a header row), in batches."""
    total = HistoryIngestResult()
    batch: list[dict[str, Any]] = []
    offset = 0

    def flush() -> None:
        nonlocal batch, offset
        result = payment_history_record(records=batch, source=HistorySource.IMPORT)
        total.accepted += result.accepted
        total.duplicates += result.duplicates
        total.rejected += [{"index": r["index"] + offset, "errors": r["errors"]} for r in result.rejected]
        offset += len(batch)
        batch = []

    for row in csv.DictReader(lines):
        batch.append(csv_row_to_record(row))
        if len(batch) >= MAX_BATCH:
            flush()
    if batch:
        flush()
    return total


# --- reads ----------------------------------------------------------------------------------------


def _attempt(record: PaymentHistoryRecord | dict[str, Any]) -> HistoryAttempt:
    get = record.get if isinstance(record, dict) else lambda k: getattr(record, k)
    return HistoryAttempt(
        attempted_at=get("attempted_at"),
        succeeded=get("outcome") == AttemptOutcome.SUCCEEDED,
        decline_code=get("decline_code") or "",
        invoice=get("invoice_reference"),
        amount=float(get("amount")),
        brand=get("card_brand") or "",
        funding=get("card_funding") or "",
        country=get("card_country") or "",
    )


_FIELDS = (
    "customer_id",
    "invoice_reference",
    "attempted_at",
    "outcome",
    "decline_code",
    "amount",
    "card_brand",
    "card_funding",
    "card_country",
)


def history_for_training() -> dict[str, tuple[ZoneInfo, dict[str, list[HistoryAttempt]]]]:
    """All history as {customer id: (time zone, {invoice reference: attempts, oldest first})}."""
    zones = {pk: _zone(tz) for pk, tz in Customer.objects.values_list("pk", "timezone")}
    grouped: dict[str, tuple[ZoneInfo, dict[str, list[HistoryAttempt]]]] = {}
    rows = PaymentHistoryRecord.objects.order_by("customer_id", "invoice_reference", "attempted_at", "pk").values(
        *_FIELDS
    )
    for row in rows.iterator(chunk_size=5000):
        key = str(row["customer_id"])
        if key not in grouped:
            grouped[key] = (zones.get(row["customer_id"], ZoneInfo("UTC")), defaultdict(list))
        grouped[key][1][row["invoice_reference"]].append(_attempt(row))
    return grouped


USAGE_LOOKBACK = timedelta(days=USAGE_RECENT_DAYS + USAGE_EARLIER_DAYS + 1)


def _usage_series(rows: list[Any]) -> UsageSeries:
    return UsageSeries.from_days(
        [(row.meter_id, row.day.toordinal(), float(row.quantity), row.events) for row in rows]
    )


def history_extras_for_training(
    history: dict[str, tuple[ZoneInfo, dict[str, list[HistoryAttempt]]]],
) -> dict[str, CustomerExtras]:
    """Each customer's country and daily usage from metering (metering's read function, over the
    history's span and the lookback before it), keyed like ``history_for_training``."""
    moments = [a.attempted_at for _, invoices in history.values() for atts in invoices.values() for a in atts]
    if not moments:
        return {}
    ids = [int(key) for key in history]
    countries = dict(Customer.objects.filter(pk__in=ids).values_list("pk", "country"))
    usage = usage_daily_by_customer(start=min(moments) - USAGE_LOOKBACK, end=max(moments), customer_ids=ids)
    return {
        key: CustomerExtras(
            country=countries.get(int(key)) or "",
            usage=_usage_series(usage[int(key)]) if int(key) in usage else None,
        )
        for key in history
    }


def customer_usage_trend(*, customer: Customer, at: datetime) -> float:
    """``features.usage_trend`` of one customer before ``at``, from metering (NaN if none)."""
    usage = usage_daily_by_customer(start=at - USAGE_LOOKBACK, end=at, customer_ids=[customer.pk])
    rows = usage.get(customer.pk)
    if rows:
        return usage_trend(_usage_series(rows), at)
    # Nothing in the lookback: stopped using the product (-1), or never used it (unknown).
    used_before = usage_daily_by_customer(
        start=datetime(1970, 1, 1, tzinfo=at.tzinfo), end=at - USAGE_LOOKBACK, customer_ids=[customer.pk]
    )
    return -1.0 if used_before else math.nan


def customer_card_latest(*, customer: Customer, before: datetime | None = None) -> tuple[str, str, str]:
    """(brand, funding, country) of the customer's latest card attempt in the history that names
    its card, before ``before``: the card a live case charges (our own attempts record the card
    Stripe charged; imported history records the card of its time)."""
    rows = PaymentHistoryRecord.objects.filter(customer=customer).exclude(
        card_brand="", card_funding="", card_country=""
    )
    if before is not None:
        rows = rows.filter(attempted_at__lt=before)
    row = rows.order_by("-attempted_at", "-pk").values_list("card_brand", "card_funding", "card_country").first()
    return row if row is not None else ("", "", "")


def customer_history_profile(
    *, customer: Customer, exclude_invoice: str = "", before: datetime | None = None
) -> Profile:
    """The customer's profile from their history, without one invoice (the one being decided)
    and, when ``before`` is given, without anything at or after it (no peeking ahead)."""
    rows = PaymentHistoryRecord.objects.filter(customer=customer)
    if exclude_invoice:
        rows = rows.exclude(invoice_reference=exclude_invoice)
    if before is not None:
        rows = rows.filter(attempted_at__lt=before)
    invoices: dict[str, list[HistoryAttempt]] = defaultdict(list)
    for row in rows.order_by("invoice_reference", "attempted_at", "pk").values(*_FIELDS):
        invoices[row["invoice_reference"]].append(_attempt(row))
    whole, _ = customer_profile(invoices, _zone(customer.timezone))
    return whole


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def payment_history_record_own_attempt(
    *,
    attempt_id: int,
    customer_id: int,
    invoice_reference: str,
    amount: Decimal,
    currency: str,
    attempted_at: datetime | None,
    succeeded: bool,
    decline_code: str,
    card_brand: str = "",
    card_funding: str = "",
    card_country: str = "",
) -> PaymentHistoryRecord:
    """Our own card attempt joins the history (once per attempt), with the card Stripe charged."""
    record, _ = PaymentHistoryRecord.objects.get_or_create(
        external_id=f"autobill-attempt-{attempt_id}",
        defaults={
            "customer_id": customer_id,
            "invoice_reference": invoice_reference,
            "amount": amount,
            "currency": currency,
            "attempted_at": attempted_at or timezone.now(),
            "outcome": AttemptOutcome.SUCCEEDED if succeeded else AttemptOutcome.FAILED,
            "decline_code": "" if succeeded else decline_code,
            "decline_class": "" if succeeded else decline_class(decline_code),
            "payment_method_type": "card",
            "card_brand": card_brand,
            "card_funding": card_funding,
            "card_country": card_country,
            "source": HistorySource.OWN,
        },
    )
    return record


ESCALATION_HISTORY_LIMIT = 500


def customer_payment_history(*, customer_id: int, limit: int = ESCALATION_HISTORY_LIMIT) -> dict[str, Any]:
    """The customer's payment history for an AR analyst: every attempt (newest first, at most
    ``limit``) with its card and decline, and totals over all of it."""
    rows = PaymentHistoryRecord.objects.filter(customer_id=customer_id)
    total = rows.count()
    failed = rows.filter(outcome=AttemptOutcome.FAILED).count()
    attempts = [
        {
            "id": r["external_id"],
            "invoice": r["invoice_reference"],
            "attempted_at": r["attempted_at"],
            "amount": r["amount"],
            "currency": r["currency"],
            "outcome": r["outcome"],
            "decline_code": r["decline_code"],
            "decline_class": r["decline_class"],
            "card": {"brand": r["card_brand"], "funding": r["card_funding"], "country": r["card_country"]},
            "source": r["source"],
        }
        for r in rows.order_by("-attempted_at", "-pk").values(
            "external_id", "invoice_reference", "attempted_at", "amount", "currency", "outcome", "decline_code",
            "decline_class", "card_brand", "card_funding", "card_country", "source",
        )[:limit]
    ]  # fmt: skip
    return {"attempts": attempts, "total": total, "failed": failed, "succeeded": total - failed,
            "truncated": total > len(attempts)}  # fmt: skip
