from __future__ import annotations

from django.db import IntegrityError, transaction

from invoicing.models import InvoiceNumberSequence


def invoice_number_next(*, series: str, year: int) -> str:
    """Take the next gapless number of ``series`` in ``year``. Must run inside the transaction that
    finalises the invoice: the row lock serialises finalisations, and a rollback gives the number
    back, so numbers have no gaps and no duplicates."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("invoice_number_next must run inside the finalising transaction")
    try:
        with transaction.atomic():
            InvoiceNumberSequence.objects.get_or_create(series=series, year=year)
    except IntegrityError:
        pass  # created concurrently: the lock below serialises us behind it
    sequence = InvoiceNumberSequence.objects.select_for_update().get(series=series, year=year)
    sequence.last_value += 1
    sequence.save(update_fields=["last_value"])
    return f"{series}-{year}-{sequence.last_value:06d}"
