from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from access.errors import error_body

from .webhooks import SIGNATURE_HEADER, SOURCE_HEADER, WebhookError, usage_webhook_receive

# The body is read from the stream, not through request.body, whose DATA_UPLOAD_MAX_MEMORY_SIZE
# (2.5 MB) a full batch of 10,000 events can exceed; this is the webhook's own cap (the batch API,
# through DRF's parser, has none).
MAX_BODY_BYTES = 20 * 1024 * 1024


@csrf_exempt  # authenticated by the HMAC signature, not by a session cookie
def usage_webhook(request: HttpRequest) -> JsonResponse:
    """``POST /webhooks/usage``: a signed batch of usage events (integrations/webhooks.py)."""
    if request.method != "POST":
        response = JsonResponse(error_body(405, f"Method {request.method} not allowed."), status=405)
        response["Allow"] = "POST"
        return response
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        return JsonResponse(error_body(413, f"Body larger than {MAX_BODY_BYTES:,} bytes."), status=413)
    # The raw bytes as sent: the HMAC is over exactly these, before any parsing.
    body = request.read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES:
        return JsonResponse(error_body(413, f"Body larger than {MAX_BODY_BYTES:,} bytes."), status=413)
    try:
        result = usage_webhook_receive(
            source_name=request.headers.get(SOURCE_HEADER),
            signature=request.headers.get(SIGNATURE_HEADER),
            body=body,
        )
    except WebhookError as exc:
        return JsonResponse(error_body(exc.status, exc.message, exc.fields), status=exc.status)
    return JsonResponse({"accepted": result.accepted, "duplicates": result.duplicates, "rejected": result.rejected})
