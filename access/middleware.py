"""Guards in front of the API: whatever a client sends, ``/api/`` answers in the JSON error shape.

- A NUL byte in the path or query string is a 400 (PostgreSQL text cannot hold it; every lookup
  with it would fail in the database).
- A body over the limit is a 413 before anything reads it: the event batch endpoint takes up to
  ``EVENT_BATCH_MAX_BYTES`` (10,000 events with modest properties), every other request
  ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (Django's own check would answer an HTML 400).
- An exception no view handled is logged and answered as a JSON 500, never Django's HTML page.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from .errors import error_body

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
BATCH_PATHS = ("/api/v1/events/batch", "/api/v1/events/batch/")


def json_error(status: int, message: str, fields: dict[str, list[str]] | None = None) -> JsonResponse:
    return JsonResponse(error_body(status, message, fields), status=status)


def _content_length(request: HttpRequest) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


class ApiGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            return json_error(400, "Invalid input.", {"non_field_errors": ["NUL bytes are not allowed in URLs."]})
        length = _content_length(request)
        if length is None:
            return json_error(400, "Invalid Content-Length header.")
        is_batch = request.path in BATCH_PATHS
        limit = settings.EVENT_BATCH_MAX_BYTES if is_batch else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and length > limit:
            return json_error(413, f"Request body too large: at most {limit:,} bytes.")
        if is_batch and length:
            # Read it now, within this endpoint's own limit: request.body would apply the global one.
            request._body = request.read()  # type: ignore[attr-defined]
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path.startswith(API_PREFIX):
            return None
        logger.exception("unhandled error in %s %s", request.method, request.path, exc_info=exception)
        return json_error(500, "Internal error; it has been logged.")


@csrf_exempt  # a POST to an unknown API path is a 404, not a CSRF failure page
def api_not_found(request: HttpRequest, *args: object, **kwargs: object) -> JsonResponse:
    """Any path under /api/ that no route matches."""
    return json_error(404, f"No API endpoint at {json.dumps(request.path)[1:-1]}.")
