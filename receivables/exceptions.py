class ReceivablesError(Exception):
    """Base for receivables errors."""


class PaymentNotAllowed(ReceivablesError):
    """The payment does not fit the invoice (status, currency or amount)."""


class RefundNotAllowed(ReceivablesError):
    """The refund cannot be made or marked as asked (already made, refunded through Stripe, or more
    than the invoice's payments hold)."""
