"""The chart of accounts and the journal. Entries are posted only by ``ledger.services`` and are
append-only (corrections are new entries), so the journal is read-only here."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import admin
from django.db.models import DecimalField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest

from audit.admin import HistoryAdmin, ReadOnlyHistoryAdmin, ReadOnlyInlineMixin, audit_trail_link
from invoicing.admin.common import money

from .models import Account, JournalEntry, JournalLine

ZERO = Decimal(0)
AMOUNT = DecimalField(max_digits=20, decimal_places=4)


@admin.register(Account)
class AccountAdmin(HistoryAdmin):
    list_display = ("code", "name", "type")
    list_filter = ("type",)
    search_fields = ("code", "name")

    def get_readonly_fields(self, request: HttpRequest, obj: Account | None = None) -> tuple[str, ...]:
        # Postings find accounts by code: renumbering an account would send them elsewhere.
        return ("code",) if obj is not None else ()

    def has_delete_permission(self, request: HttpRequest, obj: Account | None = None) -> bool:
        return False


class JournalLineInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = JournalLine
    fields = ("account", "debit_display", "credit_display")
    readonly_fields = fields

    @admin.display(description="Debit")
    def debit_display(self, obj: JournalLine) -> str:
        return money(obj.debit, obj.entry.currency) if obj.debit else ""

    @admin.display(description="Credit")
    def credit_display(self, obj: JournalLine) -> str:
        return money(obj.credit, obj.entry.currency) if obj.credit else ""

    def get_queryset(self, request: HttpRequest) -> QuerySet[JournalLine]:
        return super().get_queryset(request).select_related("account", "entry").order_by("id")


@admin.register(JournalEntry)
class JournalEntryAdmin(ReadOnlyHistoryAdmin):
    # Fits 1440 px with the sidebars open; the source key (searchable) and posting time are on the entry.
    list_display = ("entry_date", "memo", "customer", "debit_total", "credit_total")
    list_filter = ("currency", "lines__account")
    list_select_related = ("customer",)
    search_fields = ("memo", "=source_key", "customer__name", "=customer__external_id")
    search_help_text = "Memo or customer name, or source key / customer external id (exact)."
    date_hierarchy = "entry_date"
    show_full_result_count = False
    inlines = (JournalLineInline,)
    fields = (
        "entry_date", "memo", "source_key", "currency", "customer", "posted_at", "debit_total", "credit_total",
        "records",
    )
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[JournalEntry]:
        zero = Value(ZERO, output_field=AMOUNT)
        return super().get_queryset(request).annotate(
            debits=Coalesce(Sum("lines__debit"), zero, output_field=AMOUNT),
            credits=Coalesce(Sum("lines__credit"), zero, output_field=AMOUNT),
        )

    @admin.display(description="Debits", ordering="debits")
    def debit_total(self, obj: JournalEntry) -> str:
        return money(obj.debits, obj.currency)

    @admin.display(description="Credits", ordering="credits")
    def credit_total(self, obj: JournalEntry) -> str:
        return money(obj.credits, obj.currency)

    @admin.display(description="Related")
    def records(self, obj: JournalEntry) -> str:
        return audit_trail_link(obj)
