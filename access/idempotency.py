"""``Idempotency-Key`` for API writes: the same key and body returns the first response; the same
key with another body is a 409. The key is claimed before the write runs, so two concurrent
retries cannot both act."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from rest_framework.request import Request
from rest_framework.response import Response

from .errors import error_body
from .models import ApiKey, IdempotencyRecord

IN_PROGRESS = 0


def _request_hash(request: Request) -> str:
    body = json.dumps(request.data, sort_keys=True, cls=DjangoJSONEncoder, separators=(",", ":"))
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def idempotent(view_method: Callable[..., Response]) -> Callable[..., Response]:
    @functools.wraps(view_method)
    def wrapper(self: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
        key = request.headers.get("Idempotency-Key")
        if not key:
            return view_method(self, request, *args, **kwargs)
        if len(key) > 255:
            return Response(
                error_body(400, "Idempotency-Key is too long.", {"Idempotency-Key": ["At most 255 characters."]}),
                status=400,
            )
        api_key = request.auth if isinstance(request.auth, ApiKey) else None
        request_hash = _request_hash(request)
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    api_key=api_key,
                    key=key,
                    method=request.method,
                    path=request.path,
                    request_hash=request_hash,
                    status_code=IN_PROGRESS,
                    response_body={},
                )
        except IntegrityError:
            existing = IdempotencyRecord.objects.get(api_key=api_key, key=key)
            if existing.request_hash != request_hash:
                return Response(
                    error_body(409, "This Idempotency-Key was already used with a different request."),
                    status=409,
                )
            if existing.status_code == IN_PROGRESS:
                return Response(
                    error_body(409, "A request with this Idempotency-Key is still in progress."),
                    status=409,
                )
            return Response(existing.response_body, status=existing.status_code)
        try:
            response = view_method(self, request, *args, **kwargs)
        except Exception:
            record.delete()  # nothing was done: let the client retry with the same key
            raise
        if response.status_code >= 500:
            record.delete()
            return response
        record.status_code = response.status_code
        record.response_body = json.loads(json.dumps(response.data, cls=DjangoJSONEncoder))
        record.save(update_fields=["status_code", "response_body"])
        return response

    return wrapper
