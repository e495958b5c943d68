"""Customer documents: ``formatting`` (locale-aware money, quantities, dates), ``pdf`` (the invoice
PDF) and ``delivery`` (email with the PDF, every attempt recorded)."""
