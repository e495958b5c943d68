"""Domain events of invoicing, sent after commit with ids only."""

from django.dispatch import Signal

# invoice_id
invoice_finalized = Signal()
invoice_paid = Signal()
invoice_voided = Signal()
