"""Admin for connections (status, last sync, errors, mappings, "sync now", authorize), CRM deals
(approve / reject, the CRM's terms side by side with the accepted ones), sync runs and items
(the per-run and per-object log, "retry"), and the invoice trail (CRM deal in, GL ids out).

Credentials are write-only: the form takes them in password inputs that never render a value,
they are encrypted on save, and no page or history row shows them again.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from audit.admin import (
    EMPTY,
    HistoryAdmin,
    ReadOnlyAdminMixin,
    ReadOnlyInlineMixin,
    admin_change_link,
    adopt_saved,
    audit_trail_link,
    pretty_json,
)

from .choices import CRM_PROVIDERS, GL_PROVIDERS, Provider
from .credentials import SECRET_FIELDS, connection_credentials, connection_credentials_update
from .crm.mapping import side_by_side
from .crm.services import DealStateError, crm_deal_approve, crm_deal_conflicts_resolve, crm_deal_reject
from .exceptions import IntegrationError
from .gl.services import documents_unsynced_list, gl_accounts_refresh, gl_unsynced_list
from .models import (
    Connection,
    CrmDeal,
    CrmFieldMapping,
    CrmProductMapping,
    GlAccount,
    GlAccountMapping,
    SyncItem,
    SyncRun,
)
from .runs import connection_sync_enqueue
from .selectors import invoice_trail
from .sync import connection_create, connection_schedule_ensure, sync_item_retry

OAUTH_SESSION_KEY = "integrations_oauth"


class ConnectionForm(forms.ModelForm):
    client_id = forms.CharField(required=False, widget=forms.PasswordInput(render_value=False),
                                help_text="The app's client id (consumer key). Blank: keep the stored one.")
    client_secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=False),
                                    help_text="Write-only: stored encrypted, never shown again. Blank: keep.")

    access_token = forms.CharField(required=False, widget=forms.PasswordInput(render_value=False),
                                   help_text="HubSpot private app token (instead of Authorize). Blank: keep.")
    token_id = forms.CharField(required=False, widget=forms.PasswordInput(render_value=False),
                               help_text="NetSuite token-based authentication: token id. Blank: keep.")
    token_secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=False),
                                   help_text="NetSuite token secret. Write-only. Blank: keep.")

    class Meta:
        model = Connection
        fields = (
            "name", "provider", "company_id", "is_active", "is_sandbox", "watermark", "activate_contracts",
            "default_currency", "writeback_invoice_status_field", "writeback_invoice_number_field",
            "writeback_amount_paid_field", "posting_mode", "closed_through", "gl_start_date", "options",
            "gl_content",
        )


class ProductMappingInline(admin.TabularInline):
    model = CrmProductMapping
    extra = 0
    fields = ("product_code", "line_code", "description", "charge_model", "metric", "price_field", "quantity_field",
              "params", "billing_interval", "billing_interval_count", "billing_timing")


class FieldMappingInline(admin.TabularInline):
    model = CrmFieldMapping
    extra = 0


class AccountMappingInline(admin.TabularInline):
    model = GlAccountMapping
    extra = 0
    autocomplete_fields = ()

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # Only the accounts fetched from this connection's GL.
        if db_field.name == "gl_account":
            object_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            kwargs["queryset"] = GlAccount.objects.filter(connection_id=object_id or 0, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RunInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = SyncRun
    fields = ("started_at", "trigger", "status", "synced", "failed", "skipped", "error")
    readonly_fields = fields
    ordering = ("-started_at",)
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[SyncRun]:
        return super().get_queryset(request).order_by("-started_at")


@admin.register(Connection)
class ConnectionAdmin(HistoryAdmin):
    form = ConnectionForm
    list_display = ("name", "provider", "company_id", "is_sandbox", "is_active", "status", "last_sync_at",
                    "failed_items")
    list_filter = ("provider", "status", "is_active")
    actions = ("sync_now", "fetch_gl_accounts")
    readonly_fields = ("status", "last_sync_at", "last_error", "credentials_status", "authorize", "schedule_link",
                       "unsynced", "documents_unsynced", "records")

    def get_fieldsets(self, request: HttpRequest, obj: Connection | None = None) -> Any:
        main: tuple[str, ...] = ("name", "provider", "company_id", "is_active", "is_sandbox", "client_id",
                                 "client_secret")
        if obj is None or obj.provider == Provider.NETSUITE:
            main = (*main, "token_id", "token_secret")
        if obj is None or obj.provider == Provider.HUBSPOT:
            main = (*main, "access_token")
        sets: list[Any] = [(None, {"fields": main})]
        if obj is None:
            return sets
        sets.append(("Status", {"fields": ("status", "last_sync_at", "last_error", "credentials_status", "authorize",
                                            "schedule_link", "watermark", "records")}))
        if obj.provider in CRM_PROVIDERS:
            sets.append(("Deals to contracts", {"fields": (
                "activate_contracts", "default_currency", "writeback_invoice_status_field",
                "writeback_invoice_number_field", "writeback_amount_paid_field")}))
        if obj.provider in GL_PROVIDERS:
            sets.append(("Journal to the GL", {"fields": ("posting_mode", "gl_content", "closed_through",
                                                          "gl_start_date", "options", "unsynced",
                                                          "documents_unsynced")}))
        return sets

    def get_inlines(self, request: HttpRequest, obj: Connection | None) -> list[Any]:
        if obj is None:
            return []
        if obj.provider in CRM_PROVIDERS:
            return [ProductMappingInline, FieldMappingInline, RunInline]
        return [AccountMappingInline, RunInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Connection | None = None) -> tuple[str, ...]:
        fields = self.readonly_fields
        return (*fields, "provider") if obj is not None else fields

    def save_model(self, request: HttpRequest, obj: Connection, form: forms.ModelForm, change: bool) -> None:
        secrets = {k: form.cleaned_data.get(k) for k in SECRET_FIELDS if form.cleaned_data.get(k)}
        if change:
            super().save_model(request, obj, form, change)
            if secrets:
                connection_credentials_update(connection=obj, values=secrets)
            connection_schedule_ensure(connection=obj)
            return
        data = {k: v for k, v in form.cleaned_data.items()
                if k in {f.name for f in Connection._meta.concrete_fields} and k not in ("name", "provider")}
        created = connection_create(name=form.cleaned_data["name"], provider=form.cleaned_data["provider"],
                                    credentials=secrets, actor=request.user, **data)
        adopt_saved(obj, created)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Connection]:
        # The list's failed count in the page's one query, not one COUNT per connection.
        failed = Count("items", filter=Q(items__status__in=("failed", "rejected")))
        return super().get_queryset(request).annotate(failed_item_count=failed)

    @admin.display(description="Failed objects", ordering="failed_item_count")
    def failed_items(self, obj: Connection) -> int:
        return obj.failed_item_count

    @admin.display(description="Credentials")
    def credentials_status(self, obj: Connection) -> str:
        try:
            creds = connection_credentials(obj)
        except ValueError as exc:
            return str(exc)
        names = {"client_id": "client id", "client_secret": "client secret", "access_token": "access token",
                 "refresh_token": "refresh token"}
        if obj.provider == Provider.NETSUITE:
            names = {"client_id": "consumer key", "client_secret": "consumer secret", "token_id": "token id",
                     "token_secret": "token secret"}
        return ", ".join(f"{label}: {'set' if creds.get(key) else 'missing'}" for key, label in names.items())

    @admin.display(description="Authorize")
    def authorize(self, obj: Connection) -> str:
        if obj.pk is None:
            return EMPTY
        if obj.provider == Provider.NETSUITE:
            return "Token-based authentication: enter the consumer key and secret and the token id and secret."
        url = reverse("admin:integrations_connection_authorize", args=[obj.pk])
        return format_html('<a class="button" href="{}">Authorize with {}</a> (OAuth 2.0; redirect URI: {})', url,
                           obj.get_provider_display(), _redirect_uri())

    @admin.display(description="Schedule")
    def schedule_link(self, obj: Connection) -> str:
        if obj.schedule is None:
            return EMPTY
        every = obj.schedule.interval or obj.schedule.crontab
        return format_html("{} (every {}; {}) ", admin_change_link(obj.schedule), every,
                           "enabled" if obj.schedule.enabled else "disabled")

    @admin.display(description="Not yet in the GL (reconciliation)")
    def unsynced(self, obj: Connection) -> str:
        rows = gl_unsynced_list(connection=obj, limit=200)
        if not rows:
            return "Every journal entry after the closed period is in the GL."
        body = format_html_join(
            "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td></tr>",
            ((r.entry_date, r.source_key, r.memo, r.amount, r.currency, r.state) for r in rows),
        )
        return format_html('<table><tr><th>Date</th><th>Source</th><th>Memo</th><th>Amount</th><th>State</th></tr>'
                           "{}</table>", body)

    @admin.display(description="Documents not yet in the GL")
    def documents_unsynced(self, obj: Connection) -> str:
        if not obj.sends_documents:
            return "Journal entries only: invoices and payments are not sent as documents."
        rows = documents_unsynced_list(connection=obj, limit=200)
        if not rows:
            return "Every invoice, void and payment planned for this GL is in it."
        body = format_html_join(
            "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((r.entry_date, r.object_type, r.object_key, r.get_status_display(), r.last_error) for r in rows),
        )
        return format_html('<table><tr><th>Date</th><th>Type</th><th>Object</th><th>State</th><th>Error</th></tr>'
                           "{}</table>", body)

    @admin.display(description="Related")
    def records(self, obj: Connection) -> str:
        return audit_trail_link(obj)

    @admin.action(description="Sync now", permissions=["change"])
    def sync_now(self, request: HttpRequest, queryset: QuerySet[Connection]) -> None:
        for connection in queryset:
            connection_sync_enqueue(connection_id=connection.pk, trigger=f"manual:{request.user.get_username()}")
        self.message_user(request, f"Sync queued for {queryset.count()} connection(s); see their runs.")

    @admin.action(description="Fetch the GL's chart of accounts", permissions=["change"])
    def fetch_gl_accounts(self, request: HttpRequest, queryset: QuerySet[Connection]) -> None:
        for connection in queryset.filter(provider__in=GL_PROVIDERS):
            try:
                count = gl_accounts_refresh(connection=connection, actor=request.user)
            except IntegrationError as exc:
                self.message_user(request, f"{connection.name}: {exc}", messages.ERROR)
            else:
                self.message_user(request, f"{connection.name}: {count} accounts fetched.")

    def get_urls(self) -> list[Any]:
        return [
            path("<int:pk>/authorize/", self.admin_site.admin_view(self.authorize_view),
                 name="integrations_connection_authorize"),
            path("oauth/callback/", self.admin_site.admin_view(self.callback_view),
                 name="integrations_connection_oauth_callback"),
            *super().get_urls(),
        ]

    def authorize_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        connection = get_object_or_404(Connection, pk=pk)
        if not self.has_change_permission(request, connection):
            raise PermissionDenied
        from .providers import hubspot, quickbooks, salesforce, xero

        state = salesforce.new_state()
        request.session[OAUTH_SESSION_KEY] = {"state": state, "connection": connection.pk}
        module = {Provider.QUICKBOOKS: quickbooks, Provider.XERO: xero, Provider.HUBSPOT: hubspot}.get(
            connection.provider, salesforce
        )
        try:
            url = module.authorize_url(connection=connection, redirect_uri=_redirect_uri(), state=state)
        except IntegrationError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:integrations_connection_change", args=[pk]))
        return HttpResponseRedirect(url)

    def callback_view(self, request: HttpRequest) -> HttpResponse:
        from .choices import ConnectionStatus
        from .providers import hubspot, quickbooks, salesforce, xero
        from .sync import connection_status_set

        pending = request.session.pop(OAUTH_SESSION_KEY, None)
        if not pending or request.GET.get("state") != pending["state"]:
            raise PermissionDenied("OAuth state mismatch: start again from the connection's Authorize button.")
        connection = get_object_or_404(Connection, pk=pending["connection"])
        if not self.has_change_permission(request, connection):
            raise PermissionDenied
        change_url = reverse("admin:integrations_connection_change", args=[connection.pk])
        if "error" in request.GET:
            self.message_user(request, f"Not authorized: {request.GET.get('error')}", messages.ERROR)
            return HttpResponseRedirect(change_url)
        try:
            if connection.provider == Provider.QUICKBOOKS:
                quickbooks.authorize_callback(connection=connection, code=request.GET.get("code", ""),
                                              realm_id=request.GET.get("realmId", ""), redirect_uri=_redirect_uri())
            elif connection.provider == Provider.HUBSPOT:
                hubspot.authorize_callback(connection=connection, code=request.GET.get("code", ""),
                                           redirect_uri=_redirect_uri())
            elif connection.provider == Provider.XERO:
                xero.authorize_callback(connection=connection, code=request.GET.get("code", ""),
                                        redirect_uri=_redirect_uri())
            else:
                salesforce.authorize_callback(connection=connection, code=request.GET.get("code", ""),
                                              redirect_uri=_redirect_uri())
        except IntegrationError as exc:
            connection_status_set(connection, ConnectionStatus.AUTH_FAILED, str(exc))
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(change_url)
        connection_status_set(connection, ConnectionStatus.CONNECTED)
        from audit.services import audit_record

        audit_record(rule="integrations.authorize", action="connection_authorized", obj=connection,
                     actor=request.user, outcome={"company_id": connection.company_id})
        self.message_user(request, f"{connection.name} is authorized.")
        return HttpResponseRedirect(change_url)


def _redirect_uri() -> str:
    return f"{settings.SITE_URL.rstrip('/')}{reverse('admin:integrations_connection_oauth_callback')}"


@admin.register(CrmDeal)
class CrmDealAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    list_display = ("name", "crm_id", "connection", "status", "customer_link", "contract_link", "crm_modified_at")
    list_select_related = ("connection", "customer", "contract")
    list_filter = ("status", "connection")
    search_fields = ("name", "crm_id", "crm_account_id")
    actions = ("approve", "reject", "resolve_conflicts")
    fields = ("connection", "crm_id", "name", "crm_account_id", "status", "errors_display", "customer_link",
              "contract_link", "amendment_link", "comparison", "decided_by", "decided_at", "crm_modified_at",
              "invoices", "records")
    readonly_fields = fields

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The actions need "change"; the fields stay read-only (decisions go through services).
        return request.user.has_perm("integrations.change_crmdeal")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return self.fields

    @admin.display(description="Customer")
    def customer_link(self, obj: CrmDeal) -> str:
        return admin_change_link(obj.customer)

    @admin.display(description="Contract")
    def contract_link(self, obj: CrmDeal) -> str:
        return admin_change_link(obj.contract)

    @admin.display(description="Proposed amendment")
    def amendment_link(self, obj: CrmDeal) -> str:
        if obj.amendment is None:
            return EMPTY
        return format_html("{} ({})", admin_change_link(obj.amendment), obj.amendment.get_status_display())

    @admin.display(description="Errors")
    def errors_display(self, obj: CrmDeal) -> str:
        return pretty_json(obj.errors) if obj.errors else EMPTY

    @admin.display(description="Accepted terms | the CRM now")
    def comparison(self, obj: CrmDeal) -> str:
        accepted = obj.accepted or {}
        rows = side_by_side(accepted, obj.proposed or {})
        if not rows:
            return EMPTY
        body = format_html_join(
            "", '<tr style="{}"><td>{}</td><td>{}</td><td>{}</td></tr>',
            (("background:#fff3cd" if differs and accepted else "", path_, _cell(a), _cell(b))
             for path_, a, b, differs in rows),
        )
        conflicts = format_html_join("", "<li>{}: accepted {} / CRM {}</li>",
                                     ((c.get("field"), _cell(c.get("accepted")), _cell(c.get("crm")))
                                      for c in obj.conflicts or []))
        return format_html('<p>Conflicts to settle:</p><ul>{}</ul>' if obj.conflicts else "{}", conflicts) + \
            format_html('<table><tr><th>Field</th><th>Accepted (contract)</th><th>CRM now</th></tr>{}</table>', body)

    @admin.display(description="Invoices of the contract (GL ids)")
    def invoices(self, obj: CrmDeal) -> str:
        if obj.contract_id is None:
            return EMPTY
        from invoicing.models import Invoice

        rows = []
        for invoice in Invoice.objects.filter(contract_id=obj.contract_id).order_by("billing_date")[:50]:
            trail = invoice_trail(invoice_id=invoice.pk, contract_id=obj.contract_id)
            gl = ", ".join(f"{g['connection']}: {g['gl_id'] or g['status']}" for g in trail.gl) or "not in a GL yet"
            rows.append((admin_change_link(invoice), invoice.status, invoice.total, gl))
        return format_html("<table>{}</table>",
                           format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows))

    @admin.display(description="Related")
    def records(self, obj: CrmDeal) -> str:
        return audit_trail_link(obj)

    def _each(self, request: HttpRequest, queryset: QuerySet[CrmDeal], service: Any, done: str) -> None:
        for deal in queryset:
            try:
                result = service(deal_id=deal.pk, actor=request.user)
            except DealStateError as exc:
                self.message_user(request, f"{deal}: {exc}", messages.WARNING)
                continue
            if result.errors:
                self.message_user(request, f"{deal}: not created: {result.errors}", messages.ERROR)
            else:
                self.message_user(request, f"{deal}: {done}.")

    @admin.action(description="Approve: create the customer and contract", permissions=["change"])
    def approve(self, request: HttpRequest, queryset: QuerySet[CrmDeal]) -> None:
        self._each(request, queryset, crm_deal_approve, "contract created")

    @admin.action(description="Reject (do not bill this deal)", permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet[CrmDeal]) -> None:
        self._each(request, queryset, crm_deal_reject, "rejected")

    @admin.action(description="Mark conflicts resolved (CRM terms accepted)", permissions=["change"])
    def resolve_conflicts(self, request: HttpRequest, queryset: QuerySet[CrmDeal]) -> None:
        self._each(request, queryset, crm_deal_conflicts_resolve, "conflicts resolved")

    def get_urls(self) -> list[Any]:
        return [path("invoice-trail/", self.admin_site.admin_view(self.trail_view),
                     name="integrations_invoice_trail"), *super().get_urls()]

    def trail_view(self, request: HttpRequest) -> HttpResponse:
        """Where an invoice came from and where it went: ?invoice=<number or id>."""
        from django.db.models import Q

        from invoicing.models import Invoice

        if not request.user.has_perm("invoicing.view_invoice"):
            raise PermissionDenied
        reference = request.GET.get("invoice", "").strip()
        invoice = None
        if reference:
            query = Q(number=reference) | (Q(pk=int(reference)) if reference.isdigit() else Q(pk=None))
            invoice = Invoice.objects.filter(query).first()
        trail = invoice_trail(invoice_id=invoice.pk, contract_id=invoice.contract_id) if invoice else None
        context = {**self.admin_site.each_context(request), "title": "Invoice trail", "reference": reference,
                   "invoice": invoice, "trail": trail}
        return TemplateResponse(request, "integrations/invoice_trail.html", context)


def _cell(value: Any) -> str:
    if value is None:
        return EMPTY
    if isinstance(value, dict | list):
        import json

        return json.dumps(value)
    return str(value)


class ItemInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = SyncItem
    fk_name = "last_run"
    fields = ("object_type", "object_key", "status", "external_id", "attempts", "last_error")
    readonly_fields = fields
    show_change_link = True


@admin.register(SyncRun)
class SyncRunAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    list_display = ("connection", "started_at", "finished_at", "trigger", "status", "synced", "failed", "skipped")
    list_filter = ("status", "connection")
    readonly_fields = ("connection", "trigger", "status", "started_at", "finished_at", "synced", "failed", "skipped",
                       "error")
    inlines = [ItemInline]


@admin.register(SyncItem)
class SyncItemAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    # Fits 1440 px with the sidebars open and leaves the last error room to be read; the connection
    # and the object type (both filters; the type is the key's prefix) and the external id
    # (searchable) are on the item's page.
    list_display = ("object_key", "status", "attempts", "next_attempt_at", "last_error")
    list_filter = ("status", "object_type", "connection")
    search_fields = ("object_key", "external_id", "request_id")
    readonly_fields = ("connection", "object_type", "object_key", "status", "external_id", "request_id", "attempts",
                       "next_attempt_at", "last_error", "last_run", "payload_display", "synced_at", "records")
    fields = readonly_fields
    actions = ("retry",)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("integrations.change_syncitem")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return self.readonly_fields

    @admin.display(description="Payload")
    def payload_display(self, obj: SyncItem) -> str:
        return pretty_json(obj.payload)

    @admin.display(description="Related")
    def records(self, obj: SyncItem) -> str:
        return audit_trail_link(obj)

    @admin.action(description="Retry at the next sync (after fixing the cause)", permissions=["change"])
    def retry(self, request: HttpRequest, queryset: QuerySet[SyncItem]) -> None:
        for item in queryset:
            sync_item_retry(item_id=item.pk, actor=request.user)
        self.message_user(request, f"{queryset.count()} item(s) will be sent at the next sync.")


@admin.register(GlAccount)
class GlAccountAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    list_display = ("number", "name", "account_type", "is_active", "connection", "external_id", "fetched_at")
    list_filter = ("connection", "is_active")
    search_fields = ("number", "name")
