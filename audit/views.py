from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.dateparse import parse_date

from .export import audit_export_chunks
from .sealing import audit_chain_verify
from .services import actor_label


@staff_member_required
def audit_export_csv(request: HttpRequest) -> HttpResponse:
    """The auditor's export: every history record of every model joined with the decision log,
    streamed (it can be large), as CSV or JSON (``?format=json``), hashed and recorded as it is
    handed out. ``?from=YYYY-MM-DD&to=YYYY-MM-DD`` narrows it."""
    if not request.user.has_perm("audit.view_auditevent"):
        raise PermissionDenied
    errors = {}
    bounds = {}
    for key in ("from", "to"):
        raw = request.GET.get(key) or ""
        bounds[key] = parse_date(raw) if raw else None
        if raw and bounds[key] is None:
            errors[key] = "Expected a date YYYY-MM-DD."
    fmt = request.GET.get("format", "csv")
    if fmt not in ("csv", "json"):
        errors["format"] = "Expected csv or json."
    if errors:
        return HttpResponse("; ".join(f"{k}: {v}" for k, v in errors.items()), status=400, content_type="text/plain")
    response = StreamingHttpResponse(
        audit_export_chunks(start=bounds["from"], end=bounds["to"], fmt=fmt, created_by=actor_label(request.user)),
        content_type="text/csv" if fmt == "csv" else "application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="autobill-audit-trail.{fmt}"'
    return response


@staff_member_required
def audit_chain_check(request: HttpRequest) -> HttpResponse:
    """The admin's check of the tamper-evident chain (read-only): every break, where it is."""
    if not request.user.has_perm("audit.view_auditevent"):
        raise PermissionDenied
    result = audit_chain_verify()
    return render(
        request, "admin/audit/chain_check.html",
        {**admin.site.each_context(request), "title": "Audit chain check", "result": result},
    )
