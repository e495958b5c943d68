"""Domain events of invoicing, sent after commit with ids only."""

from django.dispatch import Signal

# invoice_id
invoice_finalized = Signal()
invoice_paid = Signal()
invoice_voided = Signal()
invoice_marked_uncollectible = Signal()  # invoice_id: written off as bad debt

# credit_note_id: a credit note was issued (revrec reverses its revenue and tax, receivables refunds
# its refund_amount)
credit_note_issued = Signal()
