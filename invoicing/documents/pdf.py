"""The invoice PDF: a template context of preformatted strings, and its rendering by xhtml2pdf.

Every amount, quantity and date is formatted here (invoicing.documents.formatting) in the locale of the
customer snapshot, so the template only lays strings out and the PDF of an issued invoice does
not change when the customer record does.

Fonts: the template uses Helvetica, a PDF base font that covers Windows-1252 (Western European
text, €, ¥, £). When the invoice holds text beyond it (a Polish or Czech customer name, say) and
a Unicode TrueType font is available, that font is embedded instead; see `unicode_font_files`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.numbers import format_percent
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from invoicing.choices import InvoiceStatus
from invoicing.documents.formatting import (
    format_date,
    format_money,
    format_period,
    format_quantity,
    format_unit_price,
    resolve_locale,
)
from invoicing.models import Invoice, InvoiceLine
from invoicing.tax import tax_by_rate

TEMPLATE_NAME = "invoicing/invoice_pdf.html"
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE"})
# Width of the lines table in points: the page width less the template's 18 mm side margins.
CONTENT_WIDTH_PT = {"a4": 595.28 - 2 * 51.02, "letter": 612.0 - 2 * 51.02}
# The lines table's columns: (key, header, font size of the cells) -- the template's CSS.
LINE_COLUMNS = (
    ("period", "Service period", 8.0),
    ("quantity", "Qty", 9.0),
    ("unit_price", "Unit price", 9.0),
    ("amount", "Amount", 9.0),
)
# An invoice with tax adds a per-line tax column after the amount.
TAX_COLUMN = ("tax", "Tax", 9.0)
CELL_PADDING_PT = 2 * 4.54 + 3  # 1.6 mm each side, plus slack
HEADER_FONT_PT = 7.5
HEADER_LETTER_SPACING_PT = 0.4
UNICODE_FONT_SCALE = 1.15  # DejaVu Sans runs about 12 % wider than Helvetica

UNICODE_FONT_CANDIDATES: tuple[tuple[str, str], ...] = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
)

# Characters babel emits that Helvetica (Windows-1252) cannot draw, and what prints the same.
HELVETICA_SUBSTITUTES = str.maketrans(
    {
        "\u202f": "\u00a0",  # narrow no-break space (fr_FR grouping) -> no-break space
        "\u2009": " ",  # thin space
        "\u2212": "-",  # minus sign (sv_SE, fi_FI negatives)
        "\uffe5": "\u00a5",  # fullwidth yen sign (ja_JP) -> yen sign
        "\u200e": None,  # left-to-right mark
        "\u200f": None,  # right-to-left mark
        "\u061c": None,  # Arabic letter mark
    }
)


@dataclass(frozen=True)
class UnicodeFont:
    regular: Path
    bold: Path


def invoice_pdf_context(
    invoice: Invoice,
    *,
    lines: Iterable[InvoiceLine] | None = None,
    payment_url: str | None = None,
    notes: Sequence[str] = (),
) -> dict[str, Any]:
    """The template context of the invoice PDF; every value is a preformatted string.

    `lines` defaults to the invoice's saved lines by position (pass them for an unsaved
    invoice). `payment_url` defaults to the signed pay link (`invoice_payment_url`), computed
    only when the invoice is payable. `notes` are extra lines for the notes area.
    """
    snapshot: Mapping[str, Any] = invoice.customer_snapshot or {}
    locale = resolve_locale(snapshot.get("locale"))
    currency = invoice.currency
    status = invoice.status
    number = invoice.number or ""
    title = "INVOICE" if number else "DRAFT"

    def money(amount: Decimal) -> str:
        return format_money(amount, currency, locale)

    invoice_lines = _ordered_lines(invoice) if lines is None else list(lines)
    rows = [_line_row(line, currency, locale) for line in invoice_lines]
    tax_rows = _tax_rows(invoice_lines, currency, locale)
    page_size = paper_size(locale)
    amount_due = invoice.amount_due
    terms_days = _terms_days(snapshot.get("payment_terms_days"))
    issue_date = format_date(invoice.issue_date, locale)
    due_date = format_date(invoice.due_date, locale)
    company = company_details()
    bill_to = {
        "name": str(snapshot.get("name") or ""),
        "address_lines": text_lines(snapshot.get("address_lines")),
        "email": str(snapshot.get("email") or ""),
        "tax_id": str(snapshot.get("tax_id") or ""),
        # From the snapshot: the exemption the invoice was drafted under, not today's.
        "tax_exemption_certificate": (
            str(snapshot.get("tax_exemption_certificate") or "") if snapshot.get("tax_exempt") else ""
        ),
    }
    # Only an issued invoice gets a pay link: a draft is a preview and may still change.
    payable = status == InvoiceStatus.OPEN and amount_due > 0
    if payable and payment_url is None:
        from invoicing.selectors import invoice_payment_url  # lazy: the pay URL is wired in urls.py

        payment_url = invoice_payment_url(invoice)

    return {
        "locale": locale,
        "html_lang": locale.replace("_", "-"),
        "page_size": page_size,
        "document_title": f"Invoice {number}" if number else "Draft invoice",
        "reference": f"Invoice {number}" if number else "Draft invoice",
        "title": title,
        "number": number,
        "status": str(InvoiceStatus(status).label) if status in InvoiceStatus.values else status,
        "stamp": _stamp(invoice, locale),
        "company": company,
        "bill_to": bill_to,
        "issue_date": issue_date or "Not issued",
        "due_date": due_date or _due_on_issue(terms_days),
        "payment_terms": _payment_terms(terms_days),
        "service_period": format_period(invoice.period_start, invoice.period_end, locale),
        "currency": currency,
        "lines": rows,
        "columns": _line_columns(rows, page_size, with_tax=bool(tax_rows)),
        "show_tax_column": bool(tax_rows),
        "subtotal": money(invoice.subtotal),
        # One row per rate ("CA sales tax 7.25%" on $1,000.00); an untaxed invoice shows one Tax row.
        "tax_rows": tax_rows,
        "tax_label": "Tax (exempt)" if snapshot.get("tax_exempt") and not tax_rows else "Tax",
        "tax": money(invoice.tax),
        "total": money(invoice.total),
        "amount_paid": money(invoice.amount_paid),
        # Credit notes taken off the balance (a printed invoice must add up: total - paid - credited = due).
        "amount_credited": money(invoice.amount_credited) if invoice.amount_credited else "",
        "amount_due": money(amount_due),
        "payment": _payment(invoice, payable, payment_url, due_date, locale, company["email"]),
        "notes": [*notes, *_default_notes(currency)],
        "invoice_notes": [line.strip() for line in (invoice.notes or "").splitlines() if line.strip()],
        "unicode_font": None,
    }


def invoice_pdf_render(
    invoice: Invoice,
    *,
    lines: Iterable[InvoiceLine] | None = None,
    payment_url: str | None = None,
    notes: Sequence[str] = (),
) -> bytes:
    """The invoice as PDF bytes. Raises RuntimeError when xhtml2pdf reports errors."""
    from xhtml2pdf import pisa
    from xhtml2pdf.config.resources import ResourceAccessPolicy

    context = invoice_pdf_context(invoice, lines=lines, payment_url=payment_url, notes=notes)
    html = render_to_string(TEMPLATE_NAME, context).translate(HELVETICA_SUBSTITUTES)
    font = None if helvetica_can_draw(html) else unicode_font_files()
    if font is not None:
        context["unicode_font"] = {"regular": font.regular.as_uri(), "bold": font.bold.as_uri()}
        context["columns"] = _line_columns(
            context["lines"], context["page_size"], scale=UNICODE_FONT_SCALE, with_tax=context["show_tax_column"]
        )
        html = render_to_string(TEMPLATE_NAME, context).translate(HELVETICA_SUBSTITUTES)
    # Nothing remote, and local reads only of the embedded font: the document holds customer
    # text, and a PDF renderer is no place for it to reach anything.
    policy = ResourceAccessPolicy(
        allow_remote=False,
        base_dir=font.regular.parent if font is not None else None,
        extra_roots=(font.bold.parent,) if font is not None else (),
    )
    buffer = BytesIO()
    result = pisa.CreatePDF(html, dest=buffer, encoding="utf-8", resource_policy=policy, raise_exception=False)
    if result.err:
        raise RuntimeError(
            f"Rendering the PDF of invoice {invoice.number or invoice.pk} failed with {result.err} xhtml2pdf error(s)."
        )
    return buffer.getvalue()


# --- helpers ---------------------------------------------------------------------------------


def _ordered_lines(invoice: Invoice) -> list[InvoiceLine]:
    # Sorted here rather than with order_by() so a prefetched `lines` is used as is.
    return sorted(invoice.lines.all(), key=lambda line: (line.position, line.pk or 0))


def _line_row(line: InvoiceLine, currency: str, locale: str) -> dict[str, str]:
    description = line.description
    tier_label = f"Tier {line.tier}" if line.tier is not None else ""
    # Rated tier rows say "API calls: Tier 2: 9,000 calls x $0.08": the template highlights the
    # "Tier 2" in place; a tier row that does not mention its tier gets the label in front.
    before, found, after = description.partition(tier_label) if tier_label else ("", "", "")
    if not found:
        before, after = "", f" {description}" if tier_label else description
    return {
        "description": description,
        "description_before": before,
        "description_after": after,
        "tier_label": tier_label,
        "period": format_period(line.period_start, line.period_end, locale, compact=True),
        "quantity": format_quantity(line.quantity, locale),
        "unit_price": (format_unit_price(line.unit_price, currency, locale) if line.unit_price is not None else ""),
        "amount": format_money(line.amount, currency, locale),
        "tax": format_money(line.tax_amount, currency, locale) if line.tax_percentage is not None else "",
    }


def _tax_rows(lines: Sequence[InvoiceLine], currency: str, locale: str) -> list[dict[str, str]]:
    """The totals block's tax rows, one per rate: label, the amount it was charged on, the tax."""
    return [
        {
            "label": f"{name} {format_percent(percentage / 100, locale=locale, decimal_quantization=False)}",
            "taxable": format_money(taxable, currency, locale),
            "amount": format_money(tax, currency, locale),
        }
        for name, percentage, taxable, tax in tax_by_rate(lines)
    ]


def _line_columns(
    rows: Sequence[Mapping[str, str]], page_size: str, *, scale: float = 1.0, with_tax: bool = False
) -> dict[str, str]:
    """Column widths of the lines table, as percentages, sized to the widest value.

    Amounts must never wrap or run into each other ("7 200 001,00 $US" next to "0,004 $US"),
    so each number column is as wide as its widest cell and the description takes the rest.
    Layout only: these floats never touch an amount.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    total = CONTENT_WIDTH_PT[page_size]
    widths: dict[str, float] = {}
    for key, header, size in (*LINE_COLUMNS, TAX_COLUMN) if with_tax else LINE_COLUMNS:
        header_width = stringWidth(header.upper(), "Helvetica-Bold", HEADER_FONT_PT)
        header_width += HEADER_LETTER_SPACING_PT * len(header)
        cell_width = max((stringWidth(row[key], "Helvetica", size) for row in rows), default=0)
        widths[key] = max(header_width, cell_width) * scale + CELL_PADDING_PT
    widths["period"] = min(widths["period"], total * 0.22)  # dates may wrap, amounts not
    widths["description"] = max(total - sum(widths.values()), total * 0.28)
    overall = sum(widths.values())
    return {key: f"{width / overall * 100:.2f}%" for key, width in widths.items()}


def company_details() -> dict[str, Any]:
    address = str(getattr(settings, "COMPANY_ADDRESS", "") or "")
    if "\n" in address:
        address_lines = text_lines(address)
    else:  # "100 Market Street, San Francisco, CA 94105, US": street, then the rest
        street, _, rest = address.partition(",")
        address_lines = [part.strip() for part in (street, rest) if part.strip()]
    return {
        "name": str(getattr(settings, "COMPANY_NAME", "") or ""),
        "address_lines": address_lines,
        "email": str(getattr(settings, "COMPANY_EMAIL", "") or ""),
        "tax_id": str(getattr(settings, "COMPANY_TAX_ID", "") or ""),
    }


def text_lines(value: object) -> list[str]:
    """Address lines stored as a list or as one text with line breaks."""
    if isinstance(value, str):
        items: Iterable[object] = value.splitlines()
    elif isinstance(value, Iterable):
        items = value
    else:
        return []
    return [str(item).strip() for item in items if item is not None and str(item).strip()]


def paper_size(locale: str) -> str:
    try:
        territory = Locale.parse(locale).territory
    except (ValueError, TypeError, UnknownLocaleError):
        territory = None
    return "letter" if territory in LETTER_TERRITORIES else "a4"


def _terms_days(value: object) -> int | None:
    try:
        days = int(str(value))
    except (TypeError, ValueError):
        return None
    return days if days >= 0 else None


def _payment_terms(days: int | None) -> str:
    if days is None:
        return ""
    return "Due on receipt" if days == 0 else f"Net {days}"


def _due_on_issue(days: int | None) -> str:
    """The due date of a draft, which has no issue date yet."""
    if days is None:
        return "Not issued"
    return "On issue" if days == 0 else f"{days} days after issue"


def _customer_date(invoice: Invoice, value: datetime | None) -> date | None:
    """The calendar day of a timestamp in the customer's time zone (else the site's)."""
    if value is None:
        return None
    if timezone.is_naive(value):
        return value.date()
    name = (invoice.customer_snapshot or {}).get("timezone")
    try:
        zone: tzinfo = ZoneInfo(str(name)) if name else timezone.get_current_timezone()
    except (ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_current_timezone()
    return value.astimezone(zone).date()


def _stamp(invoice: Invoice, locale: str) -> dict[str, str] | None:
    if invoice.status == InvoiceStatus.PAID:
        paid_on = format_date(_customer_date(invoice, invoice.paid_at), locale)
        return {"kind": "paid", "text": "PAID", "detail": f"on {paid_on}" if paid_on else ""}
    if invoice.status == InvoiceStatus.VOID:
        voided_on = format_date(_customer_date(invoice, invoice.voided_at), locale)
        return {"kind": "void", "text": "VOID", "detail": f"on {voided_on}" if voided_on else ""}
    return None


def _payment(
    invoice: Invoice,
    payable: bool,
    payment_url: str | None,
    due_date: str,
    locale: str,
    company_email: str,
) -> dict[str, Any]:
    status = invoice.status
    if status == InvoiceStatus.DRAFT:
        text = "This is a draft for review. It is not payable until it is issued with an invoice"
        return {"title": "Payment", "url": "", "lines": [f"{text} number."]}
    if status == InvoiceStatus.VOID:
        return {"title": "Payment", "url": "", "lines": ["This invoice is void and not payable."]}
    if status == InvoiceStatus.PAID:
        paid_on = format_date(_customer_date(invoice, invoice.paid_at), locale)
        paid = f"Paid in full on {paid_on}." if paid_on else "Paid in full."
        return {"title": "Payment", "url": "", "lines": [f"{paid} Thank you for your business."]}
    if not payable:
        return {"title": "Payment", "url": "", "lines": ["No payment is due on this invoice."]}
    extra = [f"Payment is due by {due_date}."] if due_date else []
    if company_email:
        extra.append(f"Questions about this invoice? Contact {company_email}.")
    return {"title": "How to pay", "url": payment_url or "", "lines": extra}


def _default_notes(currency: str) -> list[str]:
    return [
        f"All amounts are in {currency}.",
        "Service periods include both the first and the last day shown.",
    ]


def helvetica_can_draw(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def unicode_font_files() -> UnicodeFont | None:
    """A TrueType font covering more than Windows-1252: settings.INVOICE_PDF_UNICODE_FONT
    (a (regular, bold) pair of paths) if set, else DejaVu Sans where the OS ships it."""
    configured = getattr(settings, "INVOICE_PDF_UNICODE_FONT", None)
    candidates = (tuple(configured),) if configured else UNICODE_FONT_CANDIDATES
    for regular, bold in candidates:
        regular_path, bold_path = Path(regular), Path(bold)
        if regular_path.is_file() and bold_path.is_file():
            return UnicodeFont(regular=regular_path, bold=bold_path)
    return None
