from __future__ import annotations

import secrets

from django.db import models
from simple_history.models import HistoricalRecords

from contracts.choices import BillingInterval, BillingTiming, ChargeModel

from .choices import (
    ConnectionStatus,
    DealStatus,
    GlContent,
    PostingMode,
    PriceField,
    Provider,
    QuantityField,
    SyncItemStatus,
    SyncRunStatus,
)
from .crm.mapping import FIELD_TARGETS

SECRET_PREFIX = "whsec_"


def webhook_secret_generate() -> str:
    """32 random bytes, URL-safe base64. The prefix lets secret scanners recognise a leaked one."""
    return f"{SECRET_PREFIX}{secrets.token_urlsafe(32)}"


class UsageWebhookSource(models.Model):
    """A system that pushes usage events to ``POST /webhooks/usage``, signing each body with its
    own secret (integrations/webhooks.py).

    The secret is kept in clear, unlike API keys (hashed): checking an HMAC needs the key itself.
    The history table leaves it out, so a rotated secret does not live on in old versions, and
    leaves out ``last_received_at``, which changes with traffic, not with decisions."""

    name = models.SlugField(
        max_length=100, unique=True, help_text="Sent by the source in the Autobill-Source header."
    )
    secret = models.CharField(max_length=100, default=webhook_secret_generate, editable=False)
    is_active = models.BooleanField(default=True, help_text="Untick to refuse this source's requests (401).")
    created_at = models.DateTimeField(auto_now_add=True)
    secret_rotated_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_received_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["secret", "last_received_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = "usage webhook source"

    def __str__(self) -> str:
        return self.name


# --- Connections to CRMs and general ledgers (integrations/sync.py) ---------------------------


class Connection(models.Model):
    """One provider account of one company: a Salesforce org, a QuickBooks company (realm).

    Secrets (client secret, OAuth tokens) live only in ``credentials_encrypted`` (Fernet,
    integrations/crypto.py): the admin takes them write-only and never shows them, history leaves
    them out, and nothing logs them."""

    name = models.CharField(max_length=100, unique=True)
    provider = models.CharField(max_length=20, choices=Provider.choices)
    company_id = models.CharField(
        max_length=100, blank=True,
        help_text="The provider's id of the company: QuickBooks realm id, Salesforce org id (filled on authorize).",
    )
    is_active = models.BooleanField(default=True, help_text="Untick to stop scheduled and manual syncs.")
    is_sandbox = models.BooleanField(
        default=False, help_text="Talk to the provider's sandbox (test.salesforce.com, QuickBooks sandbox companies)."
    )
    status = models.CharField(
        max_length=20, choices=ConnectionStatus.choices, default=ConnectionStatus.NOT_CONNECTED, editable=False
    )
    credentials_encrypted = models.TextField(blank=True, editable=False)
    # Instance URL of a Salesforce org (not a secret; also kept in the credentials for the client).
    instance_url = models.URLField(blank=True, editable=False)
    watermark = models.DateTimeField(
        null=True, blank=True,
        help_text="CRM: deals modified after this are read on the next sync. Moved only after a run succeeds.",
    )
    last_sync_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    schedule = models.OneToOneField(
        "django_celery_beat.PeriodicTask", on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+",
    )
    # CRM options
    activate_contracts = models.BooleanField(
        default=False,
        help_text="CRM: create the contract at once (no billing admin approval). Off: each deal waits for approval.",
    )
    default_currency = models.CharField(max_length=3, default="USD")
    writeback_invoice_status_field = models.CharField(
        max_length=100, blank=True,
        help_text="CRM field on the deal set to the latest invoice's status (e.g. Invoice_Status__c). Blank: off.",
    )
    writeback_invoice_number_field = models.CharField(max_length=100, blank=True)
    writeback_amount_paid_field = models.CharField(
        max_length=100, blank=True, help_text="CRM field on the deal set to the amount paid on the contract's invoices."
    )
    # GL options
    posting_mode = models.CharField(max_length=20, choices=PostingMode.choices, default=PostingMode.DAILY_SUMMARY)
    gl_content = models.CharField(
        max_length=12, choices=GlContent.choices, default=GlContent.JOURNAL,
        help_text="Documents (QuickBooks, Xero): each finalized invoice, its credit notes, its void and each "
        "payment is sent as an invoice / credit note / payment of the customer (upserted by our customer id); "
        "their journal entries are then not posted (that would book them twice), revenue recognition, "
        "accruals and fees still are. QuickBooks needs options qbo_item_id (item on our 4000), "
        "qbo_deferred_item_id (on our 2100), qbo_tax_item_id (on our 2200); its write-offs go as credit "
        "memos applied to the invoice once qbo_bad_debt_item_id (an item on our 6100) is set, else they stay "
        "journal entries, like refunds (with the customer on the receivable line). Xero is always documents "
        "(its manual journals cannot touch Accounts Receivable): write-offs go as credit notes on the account "
        "mapped to our 6100, refunds as payments out of the credit note into the account mapped to our 1000; it uses "
        "the accounts mapped to our 4000, 2100, 2200 and 1000.",
    )
    closed_through = models.DateField(
        null=True, blank=True,
        help_text="Our books are closed through this date: nothing dated on or before it is posted to the GL.",
    )
    gl_start_date = models.DateField(
        null=True, blank=True, help_text="GL: post our journal from this date on (blank: everything not closed)."
    )
    options = models.JSONField(
        default=dict, blank=True,
        help_text='Provider settings that are not secrets, e.g. NetSuite {"subsidiary_id": "1", '
        '"currencies": {"USD": "1"}}.',
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["credentials_encrypted", "last_sync_at", "watermark"])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_provider_display()})"

    @property
    def sends_documents(self) -> bool:
        """Invoices, credit notes, voids and payments go as documents (QuickBooks, Xero only).
        Always on Xero: its manual journals cannot post to Accounts Receivable (a system account),
        so what moves a customer's balance must reach it as a document."""
        if self.provider == Provider.XERO:
            return True
        return self.gl_content == GlContent.DOCUMENTS and self.provider == Provider.QUICKBOOKS

    @property
    def document_source_pattern(self) -> str:
        """The source keys of the ledger entries this connection carries as documents, not journals."""
        from .choices import DOCUMENT_SOURCE_PATTERN, QBO_WRITE_OFF_SOURCE_PATTERN, XERO_DOCUMENT_SOURCE_PATTERN

        if self.provider == Provider.XERO:
            return XERO_DOCUMENT_SOURCE_PATTERN
        if self.sends_write_offs:
            return QBO_WRITE_OFF_SOURCE_PATTERN
        return DOCUMENT_SOURCE_PATTERN

    @property
    def sends_write_offs(self) -> bool:
        """Write-offs go as a credit note on bad debts applied to the invoice: always on Xero; on a
        QuickBooks documents connection once option qbo_bad_debt_item_id names the item (else
        they stay journal entries naming the customer)."""
        if self.provider == Provider.XERO:
            return True
        return self.sends_documents and bool((self.options or {}).get("qbo_bad_debt_item_id"))

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.gl_content == GlContent.DOCUMENTS and self.provider not in (Provider.QUICKBOOKS, Provider.XERO):
            raise ValidationError({"gl_content": "Only QuickBooks Online and Xero take invoices and payments as "
                                                 "documents; this connection posts journal entries."})
        if self.provider == Provider.XERO and self.gl_content != GlContent.DOCUMENTS:
            raise ValidationError({"gl_content": "Xero needs documents: its manual journals cannot post to "
                                                 "Accounts Receivable (a system account), so invoices, credit notes, "
                                                 "payments, write-offs and refunds go as documents and manual "
                                                 "journals carry the rest (revenue recognition, accruals, fees)."})


class SyncRun(models.Model):
    """One run of a connection's sync (scheduled, "sync now", or a retry)."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="runs")
    trigger = models.CharField(max_length=20, default="schedule")
    status = models.CharField(max_length=12, choices=SyncRunStatus.choices, default=SyncRunStatus.RUNNING)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    synced = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.connection.name} run #{self.pk}"


class SyncItem(models.Model):
    """One object's sync state on one connection: a journal entry (or a day's summary) posted to
    a GL, a deal read from a CRM, a status written back. Unique per (connection, object_type,
    object_key), so two runs cannot create the same object twice; ``request_id`` is derived from
    this row and sent as the provider's idempotency key (QuickBooks ``requestid``), so a retry
    after a timeout returns the object the provider already made."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="items")
    object_type = models.CharField(max_length=40)
    object_key = models.CharField(max_length=120)
    status = models.CharField(max_length=10, choices=SyncItemStatus.choices, default=SyncItemStatus.PENDING)
    external_id = models.CharField(max_length=100, blank=True)
    request_id = models.CharField(max_length=50, editable=False)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_run = models.ForeignKey(SyncRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="items")
    payload = models.JSONField(default=dict, blank=True, help_text="What was (or will be) sent.")
    entry_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    synced_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["connection", "object_type", "object_key"], name="uniq_sync_item_object"),
        ]
        indexes = [models.Index(fields=["connection", "status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_key}"


# --- CRM -> contracts (integrations/crm/) -------------------------------------------------------


class CrmProductMapping(models.Model):
    """How a CRM product (by product code; ``*`` for any other) becomes a contract line."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="product_mappings")
    product_code = models.CharField(max_length=100, help_text="The CRM product code (SKU); * matches any other.")
    line_code = models.SlugField(max_length=64, blank=True, help_text="Blank: derived from the product code.")
    description = models.CharField(max_length=200, blank=True, help_text="Blank: the CRM product name.")
    charge_model = models.CharField(max_length=20, choices=ChargeModel.choices)
    metric = models.CharField(max_length=64, blank=True, help_text="Meter code, for usage lines.")
    price_field = models.CharField(max_length=20, choices=PriceField.choices, default=PriceField.UNIT_PRICE, blank=True)
    quantity_field = models.CharField(max_length=20, choices=QuantityField.choices, default="", blank=True)
    params = models.JSONField(
        default=dict, blank=True,
        help_text='Fixed line fields as in POST /contracts, e.g. {"tiers": [...], "included_units": "1000"}.',
    )
    billing_interval = models.CharField(max_length=10, choices=BillingInterval.choices, default=BillingInterval.MONTH)
    billing_interval_count = models.PositiveIntegerField(default=1)
    billing_timing = models.CharField(
        max_length=12, choices=BillingTiming.choices, blank=True,
        help_text="Blank: in arrears for usage, in advance for fixed fees.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["connection", "product_code"]
        constraints = [
            models.UniqueConstraint(fields=["connection", "product_code"], name="uniq_crm_product_mapping"),
        ]

    def __str__(self) -> str:
        return f"{self.product_code} -> {self.charge_model}"


class CrmFieldMapping(models.Model):
    """A CRM field feeding a contract, customer or line field (a custom field such as
    ``Contract_Start__c`` -> contract start date, ``Tiers__c`` (JSON) -> line tiers)."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="field_mappings")
    target = models.CharField(max_length=60, choices=[(t, t) for t in FIELD_TARGETS])
    source = models.CharField(
        max_length=200,
        help_text="Field path on the deal (Contract_Start__c, Account.BillingCountryCode) or, for line.* "
        "targets, on the line item (ServiceDate, Tiers__c).",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["connection", "target"]
        constraints = [models.UniqueConstraint(fields=["connection", "target"], name="uniq_crm_field_mapping")]

    def __str__(self) -> str:
        return f"{self.source} -> {self.target}"


class CrmCustomerLink(models.Model):
    """The CRM account behind one of our customers: deals of an account upsert one customer."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="customer_links")
    crm_account_id = models.CharField(max_length=100)
    customer = models.ForeignKey("contracts.Customer", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["connection", "crm_account_id"], name="uniq_crm_account_link"),
        ]

    def __str__(self) -> str:
        return f"{self.crm_account_id} -> {self.customer_id}"


class CrmDeal(models.Model):
    """A closed-won deal read from a CRM, and what it became.

    ``proposed`` is the customer and contract (the shape of POST /customers and /contracts) the
    mapping makes of the deal as last read; ``accepted`` is the one the contract was created or
    last amended from. A deal read again with a different proposal never overwrites the contract:
    its line changes become a draft amendment and the rest a conflict, both shown side by side."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="deals")
    crm_id = models.CharField(max_length=100)
    name = models.CharField(max_length=255, blank=True)
    crm_account_id = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=20, choices=DealStatus.choices, default=DealStatus.PENDING_APPROVAL)
    crm_modified_at = models.DateTimeField(null=True, blank=True)
    snapshot = models.JSONField(default=dict, blank=True, help_text="The deal as last read from the CRM.")
    proposed = models.JSONField(default=dict, blank=True)
    accepted = models.JSONField(default=dict, blank=True)
    conflicts = models.JSONField(default=list, blank=True)
    errors = models.JSONField(default=dict, blank=True)
    customer = models.ForeignKey(
        "contracts.Customer", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    contract = models.ForeignKey(
        "contracts.Contract", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    amendment = models.ForeignKey(
        "contracts.Amendment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text="The draft amendment proposed from the deal's latest change.",
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = "CRM deal"
        constraints = [models.UniqueConstraint(fields=["connection", "crm_id"], name="uniq_crm_deal")]

    def __str__(self) -> str:
        return f"{self.name or self.crm_id} ({self.crm_id})"


# --- Ledger -> GL (integrations/gl/) ------------------------------------------------------------


class GlAccount(models.Model):
    """An account of the GL's chart, as last fetched (mappings are checked against these)."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="gl_accounts")
    external_id = models.CharField(max_length=100)
    number = models.CharField(max_length=50, blank=True)
    name = models.CharField(max_length=255)
    account_type = models.CharField(max_length=100, blank=True)
    is_active = models.BooleanField(default=True)
    fetched_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["fetched_at"])

    class Meta:
        ordering = ["connection", "number", "name"]
        verbose_name = "GL account"
        constraints = [models.UniqueConstraint(fields=["connection", "external_id"], name="uniq_gl_account")]

    def __str__(self) -> str:
        return f"{self.number} {self.name}".strip()


class GlAccountMapping(models.Model):
    """Our ledger account -> the GL's account. Validated against the fetched chart (clean())."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="account_mappings")
    account_code = models.CharField(max_length=20, help_text="Our ledger account code (1100, 4000, ...).")
    gl_account = models.ForeignKey(GlAccount, on_delete=models.PROTECT, related_name="mappings")
    history = HistoricalRecords()

    class Meta:
        ordering = ["connection", "account_code"]
        verbose_name = "GL account mapping"
        constraints = [
            models.UniqueConstraint(fields=["connection", "account_code"], name="uniq_gl_account_mapping"),
        ]

    def __str__(self) -> str:
        return f"{self.account_code} -> {self.gl_account}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from ledger.models import Account

        errors = {}
        if not Account.objects.filter(code=self.account_code).exists():
            errors["account_code"] = f"No account {self.account_code} in our chart of accounts."
        if self.gl_account_id is not None:
            gl_account = self.gl_account
            if self.connection_id is not None and gl_account.connection_id != self.connection_id:
                errors["gl_account"] = "This account belongs to another connection's GL."
            elif not gl_account.is_active:
                errors["gl_account"] = "This GL account is inactive in the GL."
        if errors:
            raise ValidationError(errors)


class GlEntryLink(models.Model):
    """Which sync item carries one of our journal entries to a GL: unique per connection and
    entry, so an entry is in exactly one GL posting, whatever runs overlap."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="entry_links")
    journal_entry = models.ForeignKey("ledger.JournalEntry", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(SyncItem, on_delete=models.CASCADE, related_name="entry_links")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["connection", "journal_entry"], name="uniq_gl_entry_link"),
        ]

    def __str__(self) -> str:
        return f"entry {self.journal_entry_id} -> {self.item}"


class StripeWebhookEvent(models.Model):
    """A Stripe event we have handled, by its id: Stripe delivers at least once (and retries
    for days), so a redelivered event is acknowledged and not handled twice."""

    event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=100, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    result = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"
