class ReceivablesError(Exception):
    """Base for receivables errors."""


class PaymentNotAllowed(ReceivablesError):
    """The payment does not fit the invoice (status, currency or amount)."""
