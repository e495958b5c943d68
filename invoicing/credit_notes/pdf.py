"""The credit note PDF, in the invoice PDF's style and with its helpers (invoicing.documents.pdf): a context of
preformatted strings, laid out by invoicing/credit_note_pdf.html and rendered by xhtml2pdf.

A credit note never changes once issued, so its PDF is rendered on the first request and kept
(``credit_note_pdf_store``). Everything printed comes from the note and the invoice's customer
snapshot, never from today's customer record or the invoice's current balance."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.core.files.base import ContentFile
from django.template.loader import render_to_string

from invoicing.choices import CreditNoteReason
from invoicing.documents.formatting import format_date, format_money, format_period, resolve_locale
from invoicing.documents.pdf import (
    CELL_PADDING_PT,
    CONTENT_WIDTH_PT,
    HEADER_FONT_PT,
    HEADER_LETTER_SPACING_PT,
    HELVETICA_SUBSTITUTES,
    UNICODE_FONT_SCALE,
    company_details,
    helvetica_can_draw,
    paper_size,
    text_lines,
    unicode_font_files,
)
from invoicing.models import CreditNote, CreditNoteLine

TEMPLATE_NAME = "invoicing/credit_note_pdf.html"
# The lines table's number columns: (key, header, font size of the cells), as in the template's CSS.
NOTE_COLUMNS = (
    ("period", "Service period", 8.0),
    ("tax_rate", "Tax rate", 9.0),
    ("tax", "Tax", 9.0),
    ("amount", "Amount", 9.0),
)


def _percent(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value.normalize():f}%"


def _columns(rows: Sequence[Mapping[str, str]], page_size: str, *, scale: float = 1.0) -> dict[str, str]:
    """Column widths as percentages: each number column as wide as its widest cell (amounts never
    wrap), the description takes the rest. Layout only."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    total = CONTENT_WIDTH_PT[page_size]
    widths: dict[str, float] = {}
    for key, header, size in NOTE_COLUMNS:
        header_width = stringWidth(header.upper(), "Helvetica-Bold", HEADER_FONT_PT)
        header_width += HEADER_LETTER_SPACING_PT * len(header)
        cell_width = max((stringWidth(row[key], "Helvetica", size) for row in rows), default=0)
        widths[key] = max(header_width, cell_width) * scale + CELL_PADDING_PT
    widths["period"] = min(widths["period"], total * 0.22)
    widths["description"] = max(total - sum(widths.values()), total * 0.28)
    overall = sum(widths.values())
    return {key: f"{width / overall * 100:.2f}%" for key, width in widths.items()}


def _row(line: CreditNoteLine, currency: str, locale: str) -> dict[str, str]:
    invoice_line = line.invoice_line
    return {
        "description": line.description,
        "period": format_period(invoice_line.period_start, invoice_line.period_end, locale, compact=True)
        if invoice_line is not None
        else "",
        "tax_rate": _percent(line.tax_percentage),
        "tax": format_money(line.tax_amount, currency, locale) if line.tax_percentage is not None else "",
        "amount": format_money(line.amount, currency, locale),
    }


def credit_note_pdf_context(note: CreditNote) -> dict[str, Any]:
    """The template context of the credit note PDF; every value is a preformatted string."""
    invoice = note.invoice
    snapshot: Mapping[str, Any] = invoice.customer_snapshot or {}
    locale = resolve_locale(snapshot.get("locale"))
    currency = note.currency

    def money(amount: Decimal) -> str:
        return format_money(amount, currency, locale)

    lines = sorted(note.lines.select_related("invoice_line"), key=lambda li: (li.position, li.pk))
    rows = [_row(line, currency, locale) for line in lines]
    page_size = paper_size(locale)
    settlement = []
    if note.credited_to_balance:
        settlement.append(
            {"label": f"Applied to invoice {invoice.number}", "detail": "Taken off the amount due.",
             "amount": money(note.credited_to_balance)}
        )
    if note.refund_amount:
        settlement.append(
            {"label": "Refunded", "detail": "Of the amount already paid, to the original payment method.",
             "amount": money(note.refund_amount)}
        )
    tax_names = sorted({line.tax_name for line in lines if line.tax_name})
    return {
        "locale": locale,
        "html_lang": locale.replace("_", "-"),
        "page_size": page_size,
        "document_title": f"Credit note {note.number}",
        "reference": f"Credit note {note.number}",
        "title": "CREDIT NOTE",
        "number": note.number,
        "company": company_details(),
        "bill_to": {
            "name": str(snapshot.get("name") or ""),
            "address_lines": text_lines(snapshot.get("address_lines")),
            "email": str(snapshot.get("email") or ""),
            "tax_id": str(snapshot.get("tax_id") or ""),
        },
        "issue_date": format_date(note.issue_date, locale),
        "invoice_number": invoice.number or "",
        "invoice_date": format_date(invoice.issue_date, locale),
        "reason": str(CreditNoteReason(note.reason).label) if note.reason in CreditNoteReason.values else note.reason,
        "memo_lines": text_lines(note.memo),
        "currency": currency,
        "lines": rows,
        "columns": _columns(rows, page_size),
        "subtotal": money(note.subtotal),
        "tax_label": ", ".join(tax_names) if tax_names else "Tax",
        "tax": money(note.tax),
        "total": money(note.total),
        "settlement": settlement,
        "notes": [
            f"This credit note corrects invoice {invoice.number}; the invoice itself is unchanged.",
            f"All amounts are in {currency}. Amounts credited are shown before tax; tax is credited at each "
            "line's original rate.",
        ],
        "unicode_font": None,
    }


def credit_note_pdf_render(note: CreditNote) -> bytes:
    """The credit note as PDF bytes. Raises RuntimeError when xhtml2pdf reports errors."""
    from xhtml2pdf import pisa
    from xhtml2pdf.config.resources import ResourceAccessPolicy

    context = credit_note_pdf_context(note)
    html = render_to_string(TEMPLATE_NAME, context).translate(HELVETICA_SUBSTITUTES)
    font = None if helvetica_can_draw(html) else unicode_font_files()
    if font is not None:
        context["unicode_font"] = {"regular": font.regular.as_uri(), "bold": font.bold.as_uri()}
        context["columns"] = _columns(context["lines"], context["page_size"], scale=UNICODE_FONT_SCALE)
        html = render_to_string(TEMPLATE_NAME, context).translate(HELVETICA_SUBSTITUTES)
    policy = ResourceAccessPolicy(  # nothing remote; local reads only of the embedded font
        allow_remote=False,
        base_dir=font.regular.parent if font is not None else None,
        extra_roots=(font.bold.parent,) if font is not None else (),
    )
    buffer = BytesIO()
    result = pisa.CreatePDF(html, dest=buffer, encoding="utf-8", resource_policy=policy, raise_exception=False)
    if result.err:
        raise RuntimeError(f"Rendering the PDF of credit note {note.number} failed with {result.err} error(s).")
    return buffer.getvalue()


def credit_note_pdf_store(*, credit_note: CreditNote) -> CreditNote:
    """Render the note once, on the first request, and keep the file: an issued note never changes."""
    if credit_note.pdf:
        return credit_note
    credit_note.pdf.save(f"{credit_note.number}.pdf", ContentFile(credit_note_pdf_render(credit_note)), save=False)
    credit_note.save(update_fields=["pdf"])
    return credit_note
