"""The invoicing back office, one module per screen: invoices, billing runs and tax rates
(``invoices``), the review queue (``review``), credit notes (``credit_notes``) and the next-invoice
preview (``preview``). Importing the package registers them with the admin site."""

from invoicing.admin import credit_notes, invoices, preview, review  # noqa: F401  (registration)
