"""One permission system for the admin and the API.

Every API view names the Django permissions each of its methods needs (``required_perms``), the
ones the admin checks for the same model or action: ``view_``/``add_``/``change_`` model
permissions and custom ones (``invoicing.mark_uncollectible``, ``reporting.view_dashboard``).
A session user needs them through their role (access/roles.py) exactly as in the admin. An API key
holds the permissions of its scope: ``read`` every ``view_*`` one (and the dashboard's),
``ingest`` only ``metering.add_usageevent``, ``full`` every permission. A view that names no
permission for a method is refused (fail closed); a method a view does not implement falls through
to DRF's 405.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from .models import ApiKey, ApiKeyScope

READ_EXTRA = frozenset({"reporting.view_dashboard", "reporting.view_ar_dashboard"})
INGEST_PERMS = frozenset({"metering.add_usageevent"})


def scope_allows(scope: str, perm: str) -> bool:
    if scope == ApiKeyScope.FULL:
        return True
    if scope == ApiKeyScope.READ:
        return perm.split(".", 1)[-1].startswith("view_") or perm in READ_EXTRA
    if scope == ApiKeyScope.INGEST:
        return perm in INGEST_PERMS
    return False


def perms_for(view: Any, method: str) -> tuple[str, ...] | None:
    mapping: dict[str, tuple[str, ...]] = getattr(view, "required_perms", {}) or {}
    if method == "HEAD":
        method = "GET"
    return mapping.get(method)


class RolePermission(BasePermission):
    message = "Your role does not allow this."

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.user is None or not request.user.is_authenticated:
            return False  # DRF answers 401 (Bearer) for an unauthenticated request
        method = request.method or "GET"
        if method == "OPTIONS" or not hasattr(view, method.lower()):
            return True  # OPTIONS describes the endpoint; an unknown method becomes DRF's 405
        needed = perms_for(view, method)
        if needed is None:
            return False
        if isinstance(request.auth, ApiKey):
            if not all(scope_allows(request.auth.scope, perm) for perm in needed):
                self.message = f"This API key's scope ({request.auth.scope}) does not allow this."
                return False
            return True
        if not request.user.has_perms(needed):
            self.message = "Your role does not allow this."
            return False
        return True
