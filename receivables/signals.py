"""Domain events of receivables, sent after commit with ids only."""

from django.dispatch import Signal

# payment_id, invoice_id
payment_succeeded = Signal()
# attempt_id, invoice_id, failure_code
payment_failed = Signal()
