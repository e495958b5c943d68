class InvoicingError(Exception):
    """Base for invoicing errors."""


class InvalidInvoiceTransition(InvoicingError):
    """The invoice's status does not allow this action (e.g. finalising a void invoice)."""
