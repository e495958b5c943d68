"""Usage webhook sources: who may push signed usage events to ``POST /webhooks/usage``.

The secret is generated on create (never typed in), shown read-only to those who may change the
source (the sender needs it to sign), and replaced by the "Rotate secret" action.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from audit.admin import HistoryAdmin, adopt_saved, audit_trail_link

from .models import UsageWebhookSource
from .webhooks import (
    SIGNATURE_HEADER,
    SIGNATURE_TOLERANCE,
    SOURCE_HEADER,
    usage_webhook_source_create,
    usage_webhook_source_rotate_secret,
)

HOW_TO_SIGN = """\
POST {url}
{source_header}: {name}
{signature_header}: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
Content-Type: application/json

Body: {{"events": [...]}} (at most 10,000) or one event object, as POST /api/v1/events/batch,
and the same answer: {{"accepted": ..., "duplicates": ..., "rejected": [...]}}.
A timestamp more than {tolerance} s from our clock is refused (400: replay or clock skew); a
replay within it stores nothing twice (event idempotency keys). Rotating the secret takes effect
at once: requests signed with the old one get 401.

In a shell:
  body='{{"events": [...]}}'; t=$(date +%s)
  sig=$(printf '%s.%s' "$t" "$body" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)
  curl -X POST {url} -H '{source_header}: {name}' \\
       -H "{signature_header}: t=$t,v1=$sig" -H 'Content-Type: application/json' --data-binary "$body"
"""


@admin.register(UsageWebhookSource)
class UsageWebhookSourceAdmin(HistoryAdmin):
    list_display = ("name", "is_active", "created_at", "secret_rotated_at", "last_received_at")
    list_filter = ("is_active",)
    search_fields = ("name",)
    actions = ("rotate_secret",)

    def get_fields(self, request: HttpRequest, obj: UsageWebhookSource | None = None) -> tuple[str, ...]:
        if obj is None:
            return ("name", "is_active")
        # The secret signs requests as this source: only those who may change the source see it.
        secret = "secret" if self.has_change_permission(request, obj) else "secret_hidden"
        return (
            "name", "is_active", secret, "how_to_sign", "created_at", "secret_rotated_at", "last_received_at",
            "records",
        )

    def get_readonly_fields(self, request: HttpRequest, obj: UsageWebhookSource | None = None) -> tuple[str, ...]:
        if obj is None:
            return ()
        # The sender puts the name in every request: renaming would lock it out.
        return (
            "name", "secret", "secret_hidden", "how_to_sign", "created_at", "secret_rotated_at", "last_received_at",
            "records",
        )

    def save_model(self, request: HttpRequest, obj: UsageWebhookSource, form: ModelForm, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = usage_webhook_source_create(name=form.cleaned_data["name"], actor=request.user)
        if not form.cleaned_data["is_active"]:
            created.is_active = False
            created.save(update_fields=["is_active"])
        adopt_saved(obj, created)

    def response_add(
        self, request: HttpRequest, obj: UsageWebhookSource, post_url_continue: str | None = None
    ) -> HttpResponse:
        response = super().response_add(request, obj, post_url_continue)
        if "_addanother" in request.POST or "_popup" in request.POST:
            return response
        # Straight to the page that shows the new secret: the sender cannot sign without it.
        return HttpResponseRedirect(reverse("admin:integrations_usagewebhooksource_change", args=[obj.pk]))

    @admin.display(description="Secret")
    def secret_hidden(self, obj: UsageWebhookSource) -> str:
        return "(hidden: you may not change this source)"

    @admin.display(description="How to sign requests")
    def how_to_sign(self, obj: UsageWebhookSource) -> str:
        text = HOW_TO_SIGN.format(
            url=f"{settings.SITE_URL.rstrip('/')}/webhooks/usage",
            name=obj.name,
            source_header=SOURCE_HEADER,
            signature_header=SIGNATURE_HEADER,
            tolerance=int(SIGNATURE_TOLERANCE.total_seconds()),
        )
        return format_html('<pre style="margin:0; white-space:pre-wrap; font-size:12px">{}</pre>', text)

    @admin.display(description="Related")
    def records(self, obj: UsageWebhookSource) -> str:
        return audit_trail_link(obj)

    @admin.action(description="Rotate secret", permissions=["change"])
    def rotate_secret(self, request: HttpRequest, queryset: QuerySet[UsageWebhookSource]) -> None:
        names = []
        for source in queryset:
            usage_webhook_source_rotate_secret(source_id=source.pk, actor=request.user)
            names.append(source.name)
        self.message_user(
            request,
            f"New secret for {', '.join(names)}: open each source to copy it. Requests signed with the old "
            "secret are refused from now on.",
            messages.WARNING,
        )

from . import admin_connections  # noqa: E402,F401  (connections, CRM deals, sync log)
