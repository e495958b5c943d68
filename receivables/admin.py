"""The AR work queues: payments, payment attempts, dunning cases and collection notes.

State changes go through ``receivables.services``: a payment entered here is recorded and applied
to its invoice by ``payment_record``; "Retry payment now" calls ``invoice_collect``. Dunning cases
themselves are read-only (the dunning services move them); analysts add notes and promises to pay.
There is no "send reminder now": ``dunning_reminder_send`` sends only a reminder that is due, and
making one due would mean editing the schedule by hand.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Max, Prefetch, QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from audit.admin import (
    EMPTY,
    HistoryAdmin,
    ReadOnlyHistoryAdmin,
    ReadOnlyInlineMixin,
    admin_changelist_link,
    adopt_saved,
    audit_trail_link,
    join_links,
    pretty_json,
)
from invoicing.admin.common import money
from invoicing.choices import InvoiceStatus
from invoicing.exceptions import InvalidInvoiceTransition
from invoicing.models import Invoice
from invoicing.services import invoice_mark_uncollectible

from .choices import AttemptStatus, DunningStatus, PaymentMethod, RefundStatus
from .exceptions import RefundNotAllowed
from .learning import dunning_model_train
from .models import (
    CollectionNote,
    DunningCase,
    DunningModel,
    Payment,
    PaymentAllocation,
    PaymentAttempt,
    PaymentHistoryRecord,
    PayPageIntent,
    Refund,
)
from .refunds import refund_execute, refund_mark_paid_out
from .selectors import dunning_recovery_by_cohort
from .services import dunning_case_pause, dunning_close_written_off, invoice_collect, payment_record

logger = logging.getLogger(__name__)

ACTIVE_CASE = (DunningStatus.OPEN, DunningStatus.ESCALATED)


# --- payments -------------------------------------------------------------------------------------


class PaymentAddForm(forms.ModelForm):
    """Money received for one open invoice (bank transfer, check, ...), applied by payment_record."""

    invoice = forms.ModelChoiceField(
        queryset=Invoice.objects.filter(status=InvoiceStatus.OPEN).select_related("customer"),
        widget=AutocompleteSelect(PaymentAllocation._meta.get_field("invoice"), admin.site),
        help_text="An open invoice: the payment is applied to it, and a fully paid invoice closes its dunning case.",
    )

    class Meta:
        model = Payment
        fields = ("amount", "method", "received_at", "reference")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        invoice: Invoice | None = cleaned.get("invoice")
        amount: Decimal | None = cleaned.get("amount")
        if invoice is not None and amount is not None:
            if amount <= 0:
                self.add_error("amount", "A payment must be positive.")
            elif amount > invoice.amount_due:
                self.add_error(
                    "amount", f"More than the amount due on {invoice}: {money(invoice.amount_due, invoice.currency)}."
                )
        return cleaned


class PaymentAllocationInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = PaymentAllocation
    fields = ("invoice", "amount_display")
    readonly_fields = fields

    @admin.display(description="Amount")
    def amount_display(self, obj: PaymentAllocation) -> str:
        return money(obj.amount, obj.invoice.currency)

    def get_queryset(self, request: HttpRequest) -> QuerySet[PaymentAllocation]:
        return super().get_queryset(request).select_related("invoice")


PAYMENT_FIELDS = (
    "customer", "amount_display", "method", "status", "received_at", "reference", "stripe_payment_intent_id",
    "stripe_charge_id", "created_at", "records",
)


@admin.register(Payment)
class PaymentAdmin(HistoryAdmin):
    # Fits 1440 px with the sidebars open; the reference (searchable) is on the payment's page.
    list_display = ("received_at", "customer", "amount_display", "method", "status", "allocated_to")
    list_filter = ("method", "status", "currency")
    list_select_related = ("customer",)
    search_fields = ("=reference", "customer__name", "=customer__external_id", "=stripe_payment_intent_id")
    search_help_text = "Reference, Stripe payment intent or customer external id (exact), or customer name."
    date_hierarchy = "received_at"
    readonly_fields = PAYMENT_FIELDS

    def has_change_permission(self, request: HttpRequest, obj: Payment | None = None) -> bool:
        # A recorded payment has moved an invoice's balance: it is never edited (refunds are new records).
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Payment | None = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Payment]:
        allocations = PaymentAllocation.objects.select_related("invoice")
        return super().get_queryset(request).prefetch_related(Prefetch("allocations", queryset=allocations))

    def get_form(self, request: HttpRequest, obj: Payment | None = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = PaymentAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request: HttpRequest, obj: Payment | None = None) -> Any:
        if obj is None:
            return ((None, {"fields": ("invoice", "amount", "method", "received_at", "reference")}),)
        return ((None, {"fields": PAYMENT_FIELDS}),)

    def get_readonly_fields(self, request: HttpRequest, obj: Payment | None = None) -> tuple[str, ...]:
        return () if obj is None else PAYMENT_FIELDS

    def get_inlines(self, request: HttpRequest, obj: Payment | None) -> list[type[admin.TabularInline]]:
        return [] if obj is None else [PaymentAllocationInline]  # payment_record makes the allocation

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = {"received_at": timezone.now(), "method": PaymentMethod.BANK_TRANSFER}
        initial.update(super().get_changeform_initial_data(request))  # ?invoice=..&amount=.. from the invoice page
        return initial

    def save_model(self, request: HttpRequest, obj: Payment, form: ModelForm, change: bool) -> None:
        data = form.cleaned_data
        payment = payment_record(
            invoice=data["invoice"], amount=data["amount"], method=data["method"], received_at=data["received_at"],
            reference=data["reference"], actor=request.user,
        )
        adopt_saved(obj, payment)

    @admin.display(description="Amount", ordering="amount")
    def amount_display(self, obj: Payment) -> str:
        return money(obj.amount, obj.currency)

    @admin.display(description="Applied to")
    def allocated_to(self, obj: Payment) -> str:
        return format_html_join(", ", "{}", ((str(a.invoice),) for a in obj.allocations.all())) or EMPTY

    @admin.display(description="Related")
    def records(self, obj: Payment) -> str:
        return audit_trail_link(obj)


@admin.register(PaymentAllocation)
class PaymentAllocationAdmin(ReadOnlyHistoryAdmin):
    list_display = ("payment", "invoice", "amount_display")
    list_select_related = ("payment__customer", "invoice")
    search_fields = ("=invoice__number", "payment__customer__name", "=payment__reference")

    @admin.display(description="Amount", ordering="amount")
    def amount_display(self, obj: PaymentAllocation) -> str:
        return money(obj.amount, obj.invoice.currency)


@admin.register(PaymentAttempt)
class PaymentAttemptAdmin(ReadOnlyHistoryAdmin):
    list_display = (
        "invoice", "invoice__customer", "status", "amount_display", "attempted_at", "failure_code",
    )  # fits 1440 px with the sidebars open; the attempt's number and scheduled time are on its page
    list_filter = ("status", "failure_code")
    list_select_related = ("invoice__customer",)
    search_fields = ("=invoice__number", "=stripe_payment_intent_id", "invoice__customer__name")
    date_hierarchy = "scheduled_for"
    show_full_result_count = False
    fields = (
        "invoice", "number", "status", "amount_display", "scheduled_for", "attempted_at", "stripe_payment_intent_id",
        "failure_code", "failure_message", "payment",
    )
    readonly_fields = fields

    @admin.display(description="Amount", ordering="amount")
    def amount_display(self, obj: PaymentAttempt) -> str:
        return money(obj.amount, obj.currency)


@admin.register(PayPageIntent)
class PayPageIntentAdmin(ReadOnlyHistoryAdmin):
    """Card payments started on invoices' pay pages. "Paid, not applied" ones need a person: the
    card was charged after the invoice had been settled another way (refund or credit it)."""

    list_display = (
        "invoice", "invoice__customer", "status", "amount_display", "stripe_payment_intent_id", "payment",
        "updated_at",
    )  # fmt: skip
    list_filter = ("status",)
    list_select_related = ("invoice__customer", "payment")
    search_fields = ("=invoice__number", "=stripe_payment_intent_id", "invoice__customer__name")
    date_hierarchy = "created_at"
    fields = (
        "invoice", "status", "amount_display", "stripe_payment_intent_id", "generation", "last_error", "payment",
        "created_at", "updated_at",
    )  # fmt: skip
    readonly_fields = fields

    @admin.display(description="Amount", ordering="amount")
    def amount_display(self, obj: PayPageIntent) -> str:
        return money(obj.amount, obj.currency)


# --- dunning: the escalated queue and promises to pay ------------------------------------------


class PromiseToPayFilter(admin.SimpleListFilter):
    """By the latest promise to pay noted on the case."""

    title = "promise to pay"
    parameter_name = "promise"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [
            ("pending", "Promised, date not passed"),
            ("broken", "Promise date passed, still unpaid"),
            ("none", "No promise"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[DunningCase]) -> QuerySet[DunningCase]:
        today = timezone.localdate()
        value = self.value()
        if value == "pending":
            return queryset.filter(latest_promise__gte=today)
        if value == "broken":
            return queryset.filter(latest_promise__lt=today, status__in=ACTIVE_CASE)
        if value == "none":
            return queryset.filter(latest_promise__isnull=True)
        return queryset


class CollectionNoteListInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = CollectionNote
    verbose_name_plural = "Notes"
    fields = ("created_at", "author", "text", "promise_to_pay_on")
    readonly_fields = fields


class CollectionNoteAddInline(admin.TabularInline):
    """An empty row to add a note; the author and customer are filled in on save."""

    model = CollectionNote
    verbose_name_plural = "Add a note"
    fields = ("text", "promise_to_pay_on")
    extra = 1
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[CollectionNote]:
        return super().get_queryset(request).none()


@admin.register(DunningCase)
class DunningCaseAdmin(HistoryAdmin):
    # Fits 1440 px with the nav sidebar and the filters open: what is owed, what happens next and
    # when (one column); the promise to pay, the schedule's counters, the policy's probability, the
    # last failure and the pause are on the case's page (and promise, failure and pause are filters).
    list_display = ("invoice", "customer", "status", "amount_due", "next_step")
    list_filter = ("status", "next_action", "is_paused", PromiseToPayFilter, "last_failure_code")
    list_select_related = ("invoice", "customer")
    search_fields = ("=invoice__number", "customer__name", "=customer__external_id")
    search_help_text = "Invoice number or customer external id (exact), or customer name."
    date_hierarchy = "opened_at"
    inlines = (CollectionNoteListInline, CollectionNoteAddInline)
    fieldsets = (
        (None, {"fields": ("invoice", "customer", "status", "amount_due", "last_failure_code", "records")}),
        ("Schedule", {"fields": (
            "opened_at", "closed_at", ("retries_done", "next_retry_at"), ("reminders_sent", "next_reminder_at"),
        )}),
        ("Next action (the learned policy)", {"fields": (
            ("next_action", "next_action_probability", "model_version"), "next_action_reason", "is_paused",
            ("escalated_at", "escalation_reason"), "score_inputs_pretty",
        )}),
        ("Payment history attached at escalation", {"fields": ("escalation_history_table",)}),
    )
    readonly_fields = (
        "invoice", "customer", "status", "amount_due", "last_failure_code", "records", "opened_at", "closed_at",
        "retries_done", "next_retry_at", "reminders_sent", "next_reminder_at", "payment_score", "score_inputs_pretty",
        "next_action", "next_action_probability", "model_version", "next_action_reason", "is_paused", "escalated_at",
        "escalation_reason", "escalation_history_table",
    )
    actions = ("retry_payment", "pause_retries", "resume_retries", "write_off")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # cases are opened by a failed payment

    def has_delete_permission(self, request: HttpRequest, obj: DunningCase | None = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[DunningCase]:
        return super().get_queryset(request).annotate(latest_promise=Max("notes__promise_to_pay_on"))

    def save_model(self, request: HttpRequest, obj: DunningCase, form: ModelForm, change: bool) -> None:
        pass  # every field of the case is read-only here: saving the page saves the new note only

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool) -> None:
        notes = formset.save(commit=False)
        for note in notes:
            if note.pk is None:
                note.author = request.user.get_username()
                note.customer_id = form.instance.customer_id
            note.save()
            if note.promise_to_pay_on and isinstance(form.instance, DunningCase) and not form.instance.is_paused:
                # A promise to pay pauses the case's automated retries until an analyst resumes them.
                dunning_case_pause(case_id=form.instance.pk, paused=True, actor=request.user)
        formset.save_m2m()

    @admin.display(description="Amount due")
    def amount_due(self, obj: DunningCase) -> str:
        return money(obj.invoice.amount_due, obj.invoice.currency)

    @admin.display(description="Next action", ordering="next_retry_at")
    def next_step(self, obj: DunningCase) -> str:
        """The policy's next action and, when a retry is scheduled, its time ("retry · 2026-12-11
        15:00"), and the customer's latest promise to pay below it when there is one."""
        when = timezone.localtime(obj.next_retry_at).strftime("%Y-%m-%d %H:%M") if obj.next_retry_at else ""
        step = " \u00b7 ".join(part for part in (obj.next_action, when) if part) or "-"
        promise = getattr(obj, "latest_promise", None)
        if promise:
            return format_html("{}<br>promise to pay {}", step, promise.isoformat())
        return step

    @admin.display(description="Related")
    def records(self, obj: DunningCase) -> str:
        return join_links(
            admin_changelist_link(PaymentAttempt, "Payment attempts", invoice__id__exact=obj.invoice_id),
            admin_changelist_link(
                PaymentHistoryRecord, "Customer's payment history", customer__id__exact=obj.customer_id
            ),
            admin_changelist_link(CollectionNote, "All notes on this customer", customer__id__exact=obj.customer_id),
            audit_trail_link(obj),
        )

    @admin.action(description="Pause automated retries", permissions=["change"])
    def pause_retries(self, request: HttpRequest, queryset: QuerySet[DunningCase]) -> None:
        for case in queryset.order_by("pk"):
            dunning_case_pause(case_id=case.pk, paused=True, actor=request.user)
        self.message_user(request, f"Retries paused on {queryset.count()} case(s).", messages.SUCCESS)

    @admin.action(description="Resume automated retries (the policy plans the next one)", permissions=["change"])
    def resume_retries(self, request: HttpRequest, queryset: QuerySet[DunningCase]) -> None:
        for case in queryset.select_related("invoice__customer").order_by("pk"):
            dunning_case_pause(case_id=case.pk, paused=False, actor=request.user)
        self.message_user(request, f"Retries resumed on {queryset.count()} case(s).", messages.SUCCESS)

    @admin.display(description="Attempts and history")
    def escalation_history_table(self, obj: DunningCase) -> str:
        history = obj.escalation_history or {}
        if not history:
            return EMPTY
        invoice_rows = format_html_join(
            "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td></tr>",
            (
                (a.get("number"), a.get("attempted_at") or "", a.get("status"), a.get("amount"), a.get("currency"),
                 a.get("decline_code") or "", a.get("decline_class") or "")
                for a in history.get("invoice_attempts", [])
            ),
        )  # fmt: skip
        customer = history.get("customer_history") or {}
        customer_rows = format_html_join(
            "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (h.get("attempted_at"), h.get("invoice"), h.get("outcome"), h.get("amount"), h.get("currency"),
                 h.get("decline_code") or "", " ".join(v for v in (h.get("card") or {}).values() if v), h.get("source"))
                for h in customer.get("attempts", [])
            ),
        )  # fmt: skip
        return format_html(
            "<p><strong>This invoice's attempts</strong></p><table><thead><tr><th>#</th><th>At</th><th>Status</th>"
            "<th>Amount</th><th>Decline code</th><th>Class</th></tr></thead><tbody>{}</tbody></table>"
            "<p><strong>Customer's payment history</strong>: {} attempts, {} succeeded, {} failed{}</p>"
            "<table><thead><tr><th>At</th><th>Invoice</th><th>Outcome</th><th>Amount</th><th>Decline code</th>"
            "<th>Card</th><th>Source</th></tr></thead><tbody>{}</tbody></table>",
            invoice_rows, customer.get("total", 0), customer.get("succeeded", 0), customer.get("failed", 0),
            " (latest shown)" if customer.get("truncated") else "", customer_rows,
        )

    def has_mark_uncollectible_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("invoicing.mark_uncollectible")

    @admin.action(description="Write off the invoice as uncollectible (bad debt)", permissions=["mark_uncollectible"])
    def write_off(self, request: HttpRequest, queryset: QuerySet[DunningCase]) -> TemplateResponse | None:
        """Asks for the reason on a confirmation page, then writes each case's open invoice off
        (invoicing's ``invoice_mark_uncollectible``) and closes the case."""
        cases = list(queryset.select_related("invoice", "customer").order_by("pk"))
        reason = request.POST.get("write_off_reason", "").strip()
        if request.POST.get("confirm") == "yes" and reason:
            for case in cases:
                invoice = case.invoice
                if case.status not in ACTIVE_CASE or invoice.status != InvoiceStatus.OPEN or invoice.amount_due <= 0:
                    self.message_user(request, f"{invoice}: not an open case with an amount due, skipped.",
                                      messages.INFO)
                    continue
                try:
                    invoice_mark_uncollectible(invoice_id=invoice.pk, actor=request.user, reason=reason)
                except InvalidInvoiceTransition as exc:
                    self.message_user(request, f"{invoice}: {exc}", messages.WARNING)
                    continue
                dunning_close_written_off(invoice_id=invoice.pk)
                self.message_user(request, f"{invoice}: written off, the dunning case is closed.", messages.SUCCESS)
            return None
        if request.POST.get("confirm") == "yes":
            self.message_user(request, "Give the reason for the write-off: it is kept with the invoice.",
                              messages.ERROR)
        context = {
            **self.admin_site.each_context(request),
            "title": "Write off the invoices of these dunning cases",
            "opts": self.model._meta,
            "cases": [{"case": c, "amount_due": money(c.invoice.amount_due, c.invoice.currency)} for c in cases],
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "reason": reason,
        }
        return TemplateResponse(request, "admin/receivables/dunningcase/write_off.html", context)

    @admin.display(description="Decision details (rule, features that weighed most)")
    def score_inputs_pretty(self, obj: DunningCase) -> str:
        return pretty_json(obj.score_inputs)

    @admin.action(description="Retry payment now (charge the saved card)", permissions=["change"])
    def retry_payment(self, request: HttpRequest, queryset: QuerySet[DunningCase]) -> None:
        for case in queryset.select_related("invoice").order_by("pk"):
            invoice = case.invoice
            if case.status not in ACTIVE_CASE:
                status = case.get_status_display()
                self.message_user(request, f"{invoice}: the case is {status}, skipped.", messages.INFO)
                continue
            try:
                attempt = invoice_collect(invoice_id=case.invoice_id)
            except Exception as exc:  # a network or API error: report it, go on with the other cases
                logger.exception("Manual payment retry of dunning case %s failed", case.pk)
                self.message_user(request, f"{invoice}: the charge could not be made: {exc}", messages.ERROR)
                continue
            if attempt is None:
                self.message_user(
                    request,
                    f"{invoice}: nothing to collect automatically (the invoice is not open, the customer has no "
                    "saved card, or card collection is not configured).",
                    messages.WARNING,
                )
            elif attempt.status == AttemptStatus.SUCCEEDED:
                self.message_user(
                    request, f"{invoice}: attempt {attempt.number} succeeded, "
                    f"{money(attempt.amount, attempt.currency)} collected.", messages.SUCCESS,
                )
            else:
                detail = attempt.failure_message or attempt.failure_code or attempt.get_status_display()
                self.message_user(request, f"{invoice}: attempt {attempt.number} {attempt.status}: {detail}",
                                  messages.WARNING)


class CollectionNoteForm(forms.ModelForm):
    class Meta:
        model = CollectionNote
        fields = ("customer", "dunning_case", "text", "promise_to_pay_on")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "customer" in self.fields:
            self.fields["customer"].required = False
            self.fields["customer"].help_text = "Taken from the dunning case when left empty."

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        case: DunningCase | None = cleaned.get("dunning_case")
        customer = cleaned.get("customer")
        if case is not None and customer is None:
            cleaned["customer"] = case.customer
        elif case is not None and customer is not None and case.customer_id != customer.pk:
            self.add_error("dunning_case", "This case belongs to another customer.")
        elif case is None and customer is None and "customer" in self.fields:
            self.add_error("customer", "Choose a customer or a dunning case.")
        return cleaned


class PromiseDateFilter(admin.SimpleListFilter):
    title = "promise to pay"
    parameter_name = "promise"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("upcoming", "Upcoming"), ("today", "Due today"), ("past", "Date passed"), ("any", "Any promise")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[CollectionNote]) -> QuerySet[CollectionNote]:
        today = timezone.localdate()
        lookups = {
            "upcoming": {"promise_to_pay_on__gt": today},
            "today": {"promise_to_pay_on": today},
            "past": {"promise_to_pay_on__lt": today},
            "any": {"promise_to_pay_on__isnull": False},
        }
        value = self.value()
        return queryset.filter(**lookups[value]) if value in lookups else queryset


@admin.register(CollectionNote)
class CollectionNoteAdmin(HistoryAdmin):
    form = CollectionNoteForm
    list_display = ("created_at", "customer", "dunning_case", "author", "promise_to_pay_on", "excerpt")
    list_filter = (PromiseDateFilter, "author")
    list_select_related = ("customer", "dunning_case")
    search_fields = ("text", "customer__name", "=customer__external_id", "author")
    date_hierarchy = "created_at"
    autocomplete_fields = ("customer", "dunning_case")
    fields = ("customer", "dunning_case", "text", "promise_to_pay_on", "author", "created_at")
    readonly_fields = ("author", "created_at")

    @admin.display(description="Note")
    def excerpt(self, obj: CollectionNote) -> str:
        return obj.text if len(obj.text) <= 80 else obj.text[:79] + "…"

    def save_model(self, request: HttpRequest, obj: CollectionNote, form: ModelForm, change: bool) -> None:
        if not change:
            obj.author = request.user.get_username()
        super().save_model(request, obj, form, change)


# --- refunds: made by credit notes; card ones go back through Stripe, the rest are paid out by hand --


REFUND_FIELDS = (
    "credit_note", "payment", "customer", "amount_display", "method", "status", "reason", "stripe_refund_id",
    "failure_message", "reference", "created_at", "refunded_at", "refunded_by", "records",
)


@admin.register(Refund)
class RefundAdmin(HistoryAdmin):
    """Refunds are planned by credit notes (never added here). A pending refund of a bank transfer or
    check waits for someone to send the money back and mark it paid out; a card refund goes back
    through Stripe (retry it here if Stripe was unreachable)."""

    list_display = (
        "created_at", "customer", "credit_note", "payment", "amount_display", "method", "status", "refunded_at",
    )
    list_filter = ("status", "method", "currency")
    list_select_related = ("customer", "credit_note", "payment__customer")
    search_fields = ("=credit_note__number", "customer__name", "=customer__external_id", "=stripe_refund_id",
                     "=reference")
    search_help_text = "Credit note number, Stripe refund id, payout reference or customer external id (exact)."
    date_hierarchy = "created_at"
    fields = REFUND_FIELDS
    readonly_fields = REFUND_FIELDS
    actions = ("mark_paid_out", "refund_through_stripe")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Refund | None = None) -> bool:
        # The page is read-only; "change" permission only unlocks the actions, which call services.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Refund | None = None) -> bool:
        return False

    @admin.display(description="Amount", ordering="amount")
    def amount_display(self, obj: Refund) -> str:
        return money(obj.amount, obj.currency)

    @admin.display(description="Related")
    def records(self, obj: Refund) -> str:
        return audit_trail_link(obj)

    @admin.action(description="Mark paid out (the money was sent back by hand)", permissions=["change"])
    def mark_paid_out(self, request: HttpRequest, queryset: QuerySet[Refund]) -> None:
        done: list[str] = []
        for refund in queryset.select_related("payment").order_by("pk"):
            if refund.status == RefundStatus.SUCCEEDED:
                self.message_user(request, f"Refund #{refund.pk} was already made, skipped.", messages.INFO)
                continue
            try:
                refund_mark_paid_out(refund_id=refund.pk, actor=request.user)
            except RefundNotAllowed as exc:
                self.message_user(request, f"Refund #{refund.pk}: {exc}", messages.WARNING)
                continue
            done.append(f"#{refund.pk} ({money(refund.amount, refund.currency)})")
        if done:
            self.message_user(request, f"Marked {len(done)} refund(s) paid out: {', '.join(done)}.", messages.SUCCESS)

    @admin.action(description="Refund through Stripe now (card payments)", permissions=["change"])
    def refund_through_stripe(self, request: HttpRequest, queryset: QuerySet[Refund]) -> None:
        for refund in queryset.select_related("payment").order_by("pk"):
            if refund.status != RefundStatus.PENDING:
                self.message_user(request, f"Refund #{refund.pk} is {refund.get_status_display()}, skipped.",
                                  messages.INFO)
                continue
            try:
                result = refund_execute(refund_id=refund.pk, actor=request.user)
            except RefundNotAllowed as exc:
                self.message_user(request, f"Refund #{refund.pk}: {exc}", messages.WARNING)
                continue
            except Exception as exc:  # a network or API error: report it, go on with the others
                logger.exception("Stripe refund %s failed", refund.pk)
                self.message_user(request, f"Refund #{refund.pk}: Stripe could not be reached: {exc}",
                                  messages.ERROR)
                continue
            if result.status == RefundStatus.SUCCEEDED:
                self.message_user(request, f"Refund #{refund.pk}: {money(result.amount, result.currency)} refunded "
                                  f"({result.stripe_refund_id}).", messages.SUCCESS)
            elif result.status == RefundStatus.FAILED:
                self.message_user(request, f"Refund #{refund.pk} failed: {result.failure_message}", messages.WARNING)
            else:
                self.message_user(request, f"Refund #{refund.pk}: card collection (Stripe) is not configured.",
                                  messages.WARNING)


@admin.register(DunningModel)
class DunningModelAdmin(ReadOnlyHistoryAdmin):
    """The retry model's versions with their holdout metrics; AR sees which one decides, and the
    recovery of failed payments by cohort above the list."""

    change_list_template = "admin/receivables/dunningmodel/change_list.html"

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None):  # type: ignore[no-untyped-def]
        return super().changelist_view(request, {**(extra_context or {}), "recovery": dunning_recovery_by_cohort()})

    list_display = ("version", "status", "is_active", "trained_at", "trained_on", "auc", "brier", "replay_summary")
    list_filter = ("status", "is_active")
    fields = ("version", "status", "is_active", "requested_at", "trained_at", "trained_on", "error", "metrics_pretty")
    readonly_fields = fields
    actions = ("train_new_version",)

    @admin.display(description="AUC (holdout)")
    def auc(self, obj: DunningModel) -> object:
        return obj.metrics.get("auc", "")

    @admin.display(description="Brier (holdout)")
    def brier(self, obj: DunningModel) -> object:
        return obj.metrics.get("brier", "")

    @admin.display(description="Replayed recovery: policy vs day 3/7 (model-estimated)")
    def replay_summary(self, obj: DunningModel) -> str:
        replay = obj.metrics.get("replay") or {}
        if not replay:
            return ""
        return (
            f"{replay.get('policy_recovery_estimated', 0):.0%} vs "
            f"{replay.get('fixed_day3_day7_recovery_estimated', 0):.0%} on {replay.get('invoices')} invoices"
        )

    @admin.display(description="Metrics")
    def metrics_pretty(self, obj: DunningModel) -> str:
        return pretty_json(obj.metrics)

    def has_train_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("receivables.add_dunningmodel")

    @admin.action(description="Train a new version on all payment history", permissions=["train"])
    def train_new_version(self, request: HttpRequest, queryset: QuerySet[DunningModel]) -> None:
        row = dunning_model_train(actor=request.user)
        level = messages.ERROR if row.status == "failed" else messages.SUCCESS
        self.message_user(request, f"Model v{row.version}: {row.get_status_display()} {row.error}", level)


@admin.register(PaymentHistoryRecord)
class PaymentHistoryRecordAdmin(ReadOnlyHistoryAdmin):
    list_display = ("external_id", "customer", "invoice_reference", "attempted_at", "outcome", "decline_code",
                    "decline_class", "amount", "currency", "source")
    list_filter = ("outcome", "decline_class", "source")
    list_select_related = ("customer",)
    search_fields = ("=external_id", "=invoice_reference", "=customer__external_id")
    date_hierarchy = "attempted_at"
