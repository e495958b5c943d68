"""The reporting permissions, shared by the admin pages and the API so a role sees the same in both."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

CFO_DASHBOARD = "reporting.view_dashboard"
AR_DASHBOARD = "reporting.view_ar_dashboard"


def admin_view_requires(perm: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """An admin page for staff who hold ``perm`` (403 otherwise; the login page when signed out)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return staff_member_required(wrapped)

    return decorator
