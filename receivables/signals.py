"""Domain events of receivables, sent after commit with ids only."""

from django.dispatch import Signal

# payment_id, invoice_id
payment_succeeded = Signal()
# attempt_id, invoice_id, failure_code
payment_failed = Signal()
# refund_id, credit_note_id: money went back to the customer (Stripe refund made, or paid out by hand)
refund_succeeded = Signal()
