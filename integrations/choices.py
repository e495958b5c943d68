from __future__ import annotations

from django.db import models


class Provider(models.TextChoices):
    SALESFORCE = "salesforce", "Salesforce"
    HUBSPOT = "hubspot", "HubSpot"
    QUICKBOOKS = "quickbooks", "QuickBooks Online"
    XERO = "xero", "Xero"
    NETSUITE = "netsuite", "NetSuite"


CRM_PROVIDERS = frozenset({Provider.SALESFORCE, Provider.HUBSPOT})
GL_PROVIDERS = frozenset({Provider.QUICKBOOKS, Provider.XERO, Provider.NETSUITE})


class ConnectionStatus(models.TextChoices):
    NOT_CONNECTED = "not_connected", "Not connected (authorize it)"
    CONNECTED = "connected", "Connected"
    AUTH_FAILED = "auth_failed", "Authorization failed (authorize again)"
    ERROR = "error", "Last sync failed"


class SyncRunStatus(models.TextChoices):
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    PARTIAL = "partial", "Some objects failed"
    FAILED = "failed", "Failed"


class SyncItemStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SYNCED = "synced", "Synced"
    FAILED = "failed", "Failed (will retry)"
    REJECTED = "rejected", "Rejected (fix and retry)"


class DealStatus(models.TextChoices):
    PENDING_APPROVAL = "pending_approval", "Contract awaiting approval"
    IMPORTED = "imported", "Contract created"
    AMENDMENT_PROPOSED = "amendment_proposed", "Changed in the CRM: amendment proposed"
    CONFLICT = "conflict", "Changed in the CRM: needs a person"
    INVALID = "invalid", "Cannot map (see errors)"
    REJECTED = "rejected", "Rejected"


class PostingMode(models.TextChoices):
    DAILY_SUMMARY = "daily_summary", "One entry per day, summarised by account"
    PER_DOCUMENT = "per_document", "One entry per source document"


class PriceField(models.TextChoices):
    UNIT_PRICE = "unit_price", "Unit price (line item unit price)"
    AMOUNT = "amount", "Amount (line item total)"
    PACKAGE_PRICE = "package_price", "Package price (line item unit price)"
    PRICE = "price", "Prepaid credit: amount and price (line item total)"
    NONE = "", "None (prices come from the fixed parameters)"


class QuantityField(models.TextChoices):
    SEATS = "seats", "Seats"
    INCLUDED_UNITS = "included_units", "Included units"
    NONE = "", "Ignored"


class GlContent(models.TextChoices):
    """What a GL connection sends (README, "Journal to the GL")."""

    JOURNAL = "journal", "Journal entries only"
    DOCUMENTS = "documents", "Invoices, credit notes, voids, payments as documents (QuickBooks, Xero); rest as journals"


# Ledger entries that a documents connection carries as documents instead of journal entries.
DOCUMENT_SOURCE_PATTERN = r"^(invoice:\d+:(issued|voided)|payment:\d+:received|credit_note:\d+)$"
# Xero also takes write-offs (a credit note to bad debts, allocated to the invoice) and refunds (a
# payment out of a credit note's remaining credit) as documents: its manual journals cannot touch
# Accounts Receivable, a system account.
XERO_DOCUMENT_SOURCE_PATTERN = (
    r"^(invoice:\d+:(issued|voided|written_off)|payment:\d+:received|credit_note:\d+|refund:\d+)$"
)

# QuickBooks documents connections with a bad debt item: write-offs as credit memos applied to the invoice.
QBO_WRITE_OFF_SOURCE_PATTERN = r"^(invoice:\d+:(issued|voided|written_off)|payment:\d+:received|credit_note:\d+)$"

# Our accounts receivable (ledger.choices.AccountCode.ACCOUNTS_RECEIVABLE): its journal lines carry
# the customer. A GL account of one of these types (QuickBooks, NetSuite, Xero system accounts) is
# a receivable or payable control account too, whatever our account mapped to it.
ACCOUNTS_RECEIVABLE = "1100"
RECEIVABLE_GL_TYPES = frozenset({"Accounts Receivable", "AcctRec", "DEBTORS"})
PAYABLE_GL_TYPES = frozenset({"Accounts Payable", "AcctPay", "CREDITORS"})
