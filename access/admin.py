"""API keys and the idempotency records of API writes.

Keys are never created here: ``python manage.py create_api_key NAME`` prints the secret once and
stores only its hash, and an admin form would have nowhere safe to show it. The admin can see
keys and deactivate them.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from audit.admin import HistoryAdmin, ReadOnlyAdminMixin, pretty_json

from .models import ApiKey, IdempotencyRecord

CREATE_KEY_HELP = (
    "Keys are created on the server with `python manage.py create_api_key NAME`; the key is printed "
    "once and only its hash is stored. Untick “Is active” to revoke a key."
)


@admin.register(ApiKey)
class ApiKeyAdmin(HistoryAdmin):
    change_list_template = "admin/access/apikey/change_list.html"
    list_display = ("name", "prefix", "created_at", "last_used_at", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "=prefix")
    ordering = ("-created_at",)
    fields = ("name", "prefix", "user", "created_at", "last_used_at", "is_active", "how_to_create")
    readonly_fields = ("name", "prefix", "user", "created_at", "last_used_at", "how_to_create")
    actions = ("deactivate",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

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
