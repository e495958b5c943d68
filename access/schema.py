"""OpenAPI: every operation documents the JSON error shape for the 4xx answers it can give."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["type", "message", "fields"],
            "properties": {
                "type": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
            },
        }
    },
}
ERRORS = {
    "400": "Invalid input (field-level messages in error.fields).",
    "401": "Missing or invalid API key.",
    "403": "The key's scope or the user's role does not allow this.",
    "404": "Not found.",
    "405": "Method not allowed.",
    "406": "Not acceptable.",
    "409": "Conflict (idempotency key reused with another body, or a request still in progress).",
    "413": "Request body too large.",
    "415": "Unsupported media type.",
    "422": "Valid JSON that the domain refuses.",
}


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                content = {"application/json": {"schema": ref}}
                responses.setdefault(code, {"description": description, "content": content})
    return result


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    """``Authorization: Bearer <api key>`` in the schema (keys: admin or ``create_api_key``)."""

    target_class = "access.authentication.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "An API key (read, ingest or full scope)."}
