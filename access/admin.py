"""API keys and the idempotency records of API writes.

Keys are created here (name and scope) or with ``python manage.py create_api_key NAME --scope``;
either shows the secret once (here: in the message after saving) and stores only its hash. The
admin can see keys and deactivate them; a key's scope is fixed at creation.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from audit.admin import HistoryAdmin, ReadOnlyAdminMixin, pretty_json

from .models import ApiKey, IdempotencyRecord
from .services import api_key_create

CREATE_KEY_HELP = (
    "Keys are created here (Add API key: name and scope) or on the server with "
    "`python manage.py create_api_key NAME --scope read|ingest|full`; the key is shown once and only "
    "its hash is stored. Untick “Is active” to revoke a key."
)


@admin.register(ApiKey)
class ApiKeyAdmin(HistoryAdmin):
    change_list_template = "admin/access/apikey/change_list.html"
    list_display = ("name", "scope", "prefix", "created_at", "last_used_at", "is_active")
    list_filter = ("is_active", "scope")
    search_fields = ("name", "=prefix")
    ordering = ("-created_at",)
    fields = ("name", "scope", "prefix", "user", "created_at", "last_used_at", "is_active", "how_to_create")
    readonly_fields = ("name", "scope", "prefix", "user", "created_at", "last_used_at", "how_to_create")
    actions = ("deactivate",)

    def get_fields(self, request: HttpRequest, obj: ApiKey | None = None) -> Any:
        return ("name", "scope") if obj is None else self.fields

    def get_readonly_fields(self, request: HttpRequest, obj: ApiKey | None = None) -> Any:
        return () if obj is None else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: ApiKey, form: ModelForm, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        # Created by the service (service account, hash); the form's instance becomes that row.
        issued = api_key_create(name=form.cleaned_data["name"], scope=form.cleaned_data["scope"])
        for name in ("pk", "id", "user_id", "prefix", "key_hash", "created_at", "is_active", "scope"):
            setattr(obj, name, getattr(issued.api_key, name))
        obj._state.adding = False
        self.message_user(
            request,
            f"The new API key is {issued.raw_key} — copy it now: it is not shown again.",
            messages.WARNING,
        )

    def has_delete_permission(self, request: HttpRequest, obj: ApiKey | None = None) -> bool:
        # Deactivate instead: the row keeps the key's history and its idempotency records.
        return False

    @admin.display(description="How keys are created")
    def how_to_create(self, obj: ApiKey) -> str:
        return CREATE_KEY_HELP

    @admin.action(description="Deactivate selected API keys", permissions=["change"])
    def deactivate(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        done = 0
        for key in queryset.filter(is_active=True):
            key.is_active = False
            key.save(update_fields=["is_active"])  # save(), not update(): history records who revoked it
            done += 1
        self.message_user(request, f"Deactivated {done} API key(s).", messages.SUCCESS)


@admin.register(IdempotencyRecord)
class IdempotencyRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "api_key", "method", "path", "key", "status_code")
    list_filter = ("method", "status_code")
    list_select_related = ("api_key",)
    search_fields = ("=key", "path")
    date_hierarchy = "created_at"
    show_full_result_count = False
    fields = ("created_at", "api_key", "method", "path", "key", "request_hash", "status_code", "response_pretty")
    readonly_fields = fields

    @admin.display(description="Response body")
    def response_pretty(self, obj: IdempotencyRecord) -> str:
        return pretty_json(obj.response_body)
