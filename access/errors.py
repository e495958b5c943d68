"""One error shape for the whole API:
``{"error": {"type": "...", "message": "...", "fields": {"lines[1].tiers[0].up_to": ["..."]}}}``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class DomainError(exceptions.APIException):
    """Valid JSON that the domain refuses (HTTP 422)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "domain_error"

    def __init__(self, message: str, *, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.fields = fields or {}


class ConflictError(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turn DRF's nested error detail into ``{"lines[1].tiers[0].up_to": [...]}``."""
    out: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = str(key)
            path = name if not prefix else (f"{prefix}.{name}" if name != "non_field_errors" else prefix)
            if isinstance(key, int):  # a nested many=True serializer's errors, by item index (DRF >= 3.18)
                path = f"{prefix}[{key}]"
            for sub_path, messages in flatten_errors(value, path).items():
                out.setdefault(sub_path, []).extend(messages)
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            out[prefix or "non_field_errors"] = [str(item) for item in detail]
        else:
            for index, item in enumerate(detail):
                if item in ({}, [], None):
                    continue
                for sub_path, messages in flatten_errors(item, f"{prefix}[{index}]").items():
                    out.setdefault(sub_path, []).extend(messages)
    else:
        out[prefix or "non_field_errors"] = [str(detail)]
    return out


_TYPES = {
    400: "validation_error",
    401: "authentication_error",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "domain_error",
    429: "rate_limited",
    500: "server_error",
}


def error_body(status_code: int, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    return {
        "error": {
            "type": _TYPES.get(status_code, "error"),
            "message": message,
            "fields": fields or {},
        }
    }


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ObjectDoesNotExist):
        exc = Http404(str(exc))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    fields: dict[str, list[str]] = {}
    if isinstance(exc, exceptions.ValidationError):
        fields = flatten_errors(exc.detail)
        message = "Invalid input."
        if list(fields) == ["non_field_errors"]:
            message = fields["non_field_errors"][0]
    elif isinstance(exc, DomainError):
        fields = exc.fields
        message = str(exc.detail)
    elif isinstance(exc, exceptions.APIException):
        message = str(exc.detail)
    else:
        message = "Not found." if response.status_code == 404 else str(exc)
    response.data = error_body(response.status_code, message, fields)
    return response
