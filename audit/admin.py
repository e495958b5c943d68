"""The decision log, read-only, and the building blocks every app's admin shares.

The shared pieces live here because audit is the one app every other app already depends on:
- ``HistoryAdmin``: simple-history's admin without "revert". A revert writes a whole old version of
  a row back by hand (an invoice back to draft, a total back to zero), and simple-history's
  history form accepts that POST from anyone who may merely *view* the history. Business state
  changes through services only, so history here is for reading.
- ``ReadOnlyAdminMixin``: no add, change or delete (append-only and derived tables).
- ``pretty_json``, ``admin_change_link``, ``admin_changelist_link``, ``join_links``: display helpers.
- ``adopt_saved``: lets an add view create its object through a service.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django import forms
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin

from .models import AuditEvent, AuditExport, ChainLink

EMPTY = "-"


def pretty_json(value: object) -> str:
    """JSON indented and sorted, in a <pre> block (escaped)."""
    text = json.dumps(value, indent=2, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html('<pre style="margin:0; white-space:pre-wrap; font-size:12px">{}</pre>', text)


def admin_change_link(obj: models.Model | None, text: object = None) -> str:
    """A link to the object's admin change page, or its text when it has none."""
    if obj is None:
        return EMPTY
    label = obj if text is None else text
    try:
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return format_html("{}", label)
    return format_html('<a href="{}">{}</a>', url, label)


def admin_changelist_link(model: type[models.Model], text: str, **filters: object) -> str:
    """A link to a model's changelist filtered by ``filters`` (e.g. ``customer__id__exact=3``)."""
    try:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    except NoReverseMatch:
        return format_html("{}", text)
    return format_html('<a href="{}?{}">{}</a>', url, urlencode({k: str(v) for k, v in filters.items()}), text)


def join_links(*links: str) -> str:
    """Already-escaped links, separated by a middle dot."""
    return format_html_join(" · ", "{}", ((link,) for link in links))


def audit_trail_link(obj: models.Model) -> str:
    """A link to the decision log entries about one object."""
    if obj.pk is None:
        return EMPTY
    return admin_changelist_link(
        AuditEvent, "Decisions about this record",
        object_type=f"{obj._meta.app_label}.{obj._meta.model_name}", object_id=obj.pk,
    )


def adopt_saved(obj: models.Model, saved: models.Model) -> None:
    """Make the admin's unsaved instance stand for the row a service created, so the rest of the
    add view (inlines, the log entry, the redirect) carries on with it."""
    for field in saved._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False
    obj._state.db = saved._state.db


class JsonDefaultsForm(forms.ModelForm):
    """A JSON field left empty becomes its model default ([] or {}), not None: the columns are
    NOT NULL, and a cleared textarea would otherwise fail on save."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name in list(cleaned):
            try:
                field = self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:  # a form-only field
                continue
            if isinstance(field, models.JSONField) and not field.null and cleaned[name] is None:
                cleaned[name] = field.get_default()
        return cleaned


class ReadOnlyAdminMixin:
    """View only, even for superusers."""

    def has_add_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


class ReadOnlyInlineMixin(ReadOnlyAdminMixin):
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = False


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history's admin (History button, diffs), with revert switched off."""

    def revert_disabled(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return True

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method == "POST":  # simple-history saves this POST without a change-permission check
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReadOnlyHistoryAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    pass


def _breakable(name: str) -> str:
    """A dotted or snake_case name that the browser may wrap after its dots and underscores."""
    parts = re.split(r"(?<=[._])", name)
    return format_html_join(mark_safe("<wbr>"), "{}", ((part,) for part in parts))


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    change_list_template = "admin/audit/auditevent/change_list.html"
    # Fits a laptop screen (1366-1440 px, nav sidebar open) next to the filters: a compact time,
    # who (a person, or "automated" when the rule acted by itself), the rule and the action (long
    # dotted names may wrap at their dots), and the object as "model #id" with its app in the
    # tooltip; everything else is on the change page.
    list_display = ("when", "who", "rule_name", "action_name", "object_ref")
    list_filter = ("rule", "action", "object_type")
    search_fields = ("=object_id", "actor", "rule", "action", "object_type")
    search_help_text = "Object id (exact), actor, rule, action or object type."
    date_hierarchy = "occurred_at"
    show_full_result_count = False  # the log only grows
    fields = (
        "occurred_at", "actor", "rule", "action", "object_type", "object_id", "object_link",
        "inputs_pretty", "outcome_pretty",
    )
    readonly_fields = fields

    @admin.display(description="Occurred at", ordering="occurred_at")
    def when(self, obj: AuditEvent) -> str:
        return timezone.localtime(obj.occurred_at).strftime("%Y-%m-%d %H:%M")

    @admin.display(description="Rule", ordering="rule")
    def rule_name(self, obj: AuditEvent) -> str:
        return _breakable(obj.rule)

    @admin.display(description="Action", ordering="action")
    def action_name(self, obj: AuditEvent) -> str:
        return _breakable(obj.action)

    @admin.display(description="Who", ordering="actor")
    def who(self, obj: AuditEvent) -> str:
        return "automated" if obj.actor == f"rule:{obj.rule}" else obj.actor

    @admin.display(description="Object", ordering="object_type")
    def object_ref(self, obj: AuditEvent) -> str:
        full = f"{obj.object_type} #{obj.object_id}" if obj.object_id else obj.object_type
        try:
            model = str(apps.get_model(obj.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            model = obj.object_type.rpartition(".")[2]
        short = f"{model} #{obj.object_id}" if obj.object_id else model
        if len(short) > 30:
            short = short[:29] + "\u2026"
        return format_html('<span title="{}">{}</span>', full, short)

    @admin.display(description="Object")
    def object_link(self, obj: AuditEvent) -> str:
        try:
            model = apps.get_model(obj.object_type)
        except (LookupError, ValueError):
            return EMPTY
        if not admin.site.is_registered(model):
            return EMPTY
        try:
            target = model._default_manager.filter(pk=obj.object_id).first()
        except (ValueError, ValidationError):
            return EMPTY
        if target is None:
            return "(no longer exists)"
        return admin_change_link(target)

    @admin.display(description="Inputs")
    def inputs_pretty(self, obj: AuditEvent) -> str:
        return pretty_json(obj.inputs)

    @admin.display(description="Outcome")
    def outcome_pretty(self, obj: AuditEvent) -> str:
        return pretty_json(obj.outcome)


@admin.register(AuditExport)
class AuditExportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "created_by", "format", "start", "end", "rows", "sha256", "chain_position")
    list_filter = ("format",)
    search_fields = ("=sha256", "created_by")
    search_help_text = "The file's SHA-256 (exact), or who made it."


@admin.register(ChainLink)
class ChainLinkAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("position", "source", "row_id", "row_hash", "hash", "sealed_at")
    list_filter = ("source",)
    search_fields = ("=row_id", "=hash")
    show_full_result_count = False
