"""Render sample invoice PDFs from unsaved, in-memory invoices, and time the renders.

    DJANGO_SETTINGS_MODULE=billing_site.settings .venv/bin/python \\
        bench/render_invoice_samples.py /tmp/pdfcheck [repeats]

Writes seed.pdf (the seed invoice: one usage line), tiers.pdf (graduated tier rows plus a
minimum-commitment line, EUR in de_DE) and long.pdf (300 lines, paid) to the directory, and
prints pages, bytes and render time per invoice. The time is the median of `repeats` renders
(default 3) after one warm-up render, so 1 / time is a rough PDFs-per-second figure for one
process. No database is needed: nothing is saved.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "billing_site.settings")

import django

django.setup()

from pypdf import PdfReader  # noqa: E402

from invoicing.choices import InvoiceStatus, LineKind  # noqa: E402
from invoicing.documents.pdf import invoice_pdf_render  # noqa: E402
from invoicing.models import Invoice, InvoiceLine  # noqa: E402
from rating.money import round_money  # noqa: E402

D = Decimal
PAY_URL = "https://billing.autobill.test/pay/eyJpbnZvaWNlIjoxfQ:1uQm5x:sample-signature/"
Sample = tuple[Invoice, list[InvoiceLine]]


def _line(
    position: int,
    description: str,
    quantity: Decimal,
    unit_price: Decimal | None,
    amount: Decimal,
    period: tuple[date, date],
    *,
    kind: str = LineKind.USAGE,
    tier: int | None = None,
) -> InvoiceLine:
    return InvoiceLine(
        position=position,
        line_code=f"line-{position}",
        kind=kind,
        description=description,
        tier=tier,
        quantity=quantity,
        unit_price=unit_price,
        precise_amount=amount,
        amount=amount,
        period_start=period[0],
        period_end=period[1],
    )


def _invoice(
    lines: list[InvoiceLine],
    *,
    currency: str,
    period: tuple[date, date],
    snapshot: dict[str, object],
    number: str = "",
    status: str = InvoiceStatus.OPEN,
    issue_date: date | None = None,
    tax_rate: Decimal = Decimal(0),
) -> Invoice:
    subtotal = sum((line.amount for line in lines), D(0))
    if tax_rate:  # exclusive tax per line, rounded per line, as drafting prices it
        for line in lines:
            line.tax_name, line.tax_percentage = "VAT", tax_rate * 100
            line.tax_amount = round_money(line.amount * tax_rate, currency)
    tax = sum((line.tax_amount for line in lines), D(0))
    return Invoice(
        currency=currency,
        number=number or None,
        status=status,
        billing_date=period[1],
        period_start=period[0],
        period_end=period[1],
        issue_date=issue_date,
        due_date=(issue_date + timedelta(days=int(str(snapshot["payment_terms_days"]))) if issue_date else None),
        subtotal=subtotal,
        tax=tax,
        total=subtotal + tax,
        customer_snapshot=snapshot,
    )


def seed_invoice() -> Sample:
    """The seed: 180,000 API calls x $0.004 = $720.00 over [Mar 5, Apr 5), Net 0."""
    period = (date(2026, 3, 5), date(2026, 4, 5))
    lines = [_line(0, "180,000 API calls x $0.004", D(180000), D("0.004"), D("720.00"), period)]
    snapshot = {
        "name": "Acme Inc.",
        "email": "ap@acme.test",
        "address_lines": ["1 Main St", "Boston 02110", "US"],
        "tax_id": "",
        "locale": "en_US",
        "payment_terms_days": 0,
    }
    invoice = _invoice(
        lines,
        currency="USD",
        period=period,
        snapshot=snapshot,
        number="INV-2026-000001",
        issue_date=date(2026, 4, 5),
    )
    return invoice, lines


def tiers_invoice() -> Sample:
    """Graduated tiers 1,000 @ 0.10, 9,000 @ 0.08, then 0.05 on 11,200 calls (880.00),
    lifted to a 1,000.00 minimum commitment by a 120.00 line; 19 % VAT; EUR in de_DE."""
    period = (date(2026, 3, 1), date(2026, 4, 1))
    lines = [
        _line(0, "Platform fee", D(1), D(250), D("250.00"), period, kind=LineKind.FIXED),
        _line(
            1,
            "API calls: Tier 1: 1.000 calls x 0,10 €",
            D(1000),
            D("0.10"),
            D("100.00"),
            period,
            tier=1,
        ),
        _line(
            2,
            "API calls: Tier 2: 9.000 calls x 0,08 €",
            D(9000),
            D("0.08"),
            D("720.00"),
            period,
            tier=2,
        ),
        _line(
            3,
            "API calls: Tier 3: 1.200 calls x 0,05 €",
            D(1200),
            D("0.05"),
            D("60.00"),
            period,
            tier=3,
        ),
        _line(
            4,
            "Minimum commitment (API calls: 1.000,00 € per period)",
            D(1),
            None,
            D("120.00"),
            period,
            kind=LineKind.MINIMUM,
        ),
    ]
    snapshot = {
        "name": "Müller Logistik GmbH",
        "email": "buchhaltung@mueller-logistik.test",
        "address_lines": ["Hafenstraße 12", "20457 Hamburg", "Germany"],
        "tax_id": "DE123456789",
        "locale": "de_DE",
        "payment_terms_days": 14,
    }
    invoice = _invoice(
        lines,
        currency="EUR",
        period=period,
        snapshot=snapshot,
        number="INV-2026-000002",
        issue_date=date(2026, 4, 1),
        tax_rate=D("0.19"),
    )
    return invoice, lines


def long_invoice(count: int = 300) -> Sample:
    """300 usage lines (one per project and meter), paid in full: pagination and the stamp."""
    period = (date(2026, 2, 1), date(2026, 3, 1))
    meters = [
        ("Compute", "vCPU-hours", D("0.0425")),
        ("Storage", "GB-months", D("0.023")),
        ("Egress", "GB", D("0.09")),
        ("API calls", "calls", D("0.004")),
    ]
    lines = []
    for position in range(count):
        name, unit, price = meters[position % len(meters)]
        quantity = D(1000 + (position * 7919) % 250000) / (D(10) if position % 3 else D(1))
        amount = round_money(quantity * price, "USD")
        project = f"prj-{position // len(meters) + 1:04d}"
        start = period[0] + timedelta(days=(position % 5))
        lines.append(
            _line(
                position,
                f"{name} ({project}): {quantity.normalize():,f} {unit} x ${price}",
                quantity,
                price,
                amount,
                (start, period[1]),
            )
        )
    snapshot = {
        "name": "Globex Corporation",
        "email": "accounts.payable@globex.test",
        "address_lines": ["4200 Industrial Parkway", "Suite 1200", "Springfield, OR 97477", "US"],
        "tax_id": "US 12-3456789",
        "locale": "en_US",
        "payment_terms_days": 30,
    }
    invoice = _invoice(
        lines,
        currency="USD",
        period=period,
        snapshot=snapshot,
        number="INV-2026-000003",
        status=InvoiceStatus.PAID,
        issue_date=date(2026, 3, 1),
    )
    invoice.amount_paid = invoice.total
    invoice.paid_at = datetime(2026, 3, 18, 15, 30, tzinfo=UTC)
    return invoice, lines


SAMPLES = {"seed": seed_invoice, "tiers": tiers_invoice, "long": long_invoice}


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    out_dir = Path(argv[1])
    repeats = int(argv[2]) if len(argv) > 2 else 3
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, build in SAMPLES.items():
        invoice, lines = build()
        pdf = invoice_pdf_render(invoice, lines=lines, payment_url=PAY_URL)  # warm-up
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            pdf = invoice_pdf_render(invoice, lines=lines, payment_url=PAY_URL)
            timings.append(time.perf_counter() - started)
        path = out_dir / f"{name}.pdf"
        path.write_bytes(pdf)
        pages = len(PdfReader(BytesIO(pdf)).pages)
        seconds = statistics.median(timings)
        print(
            f"{name:6} {len(lines):4d} lines  {pages:3d} pages  {len(pdf):8,d} bytes  "
            f"{seconds * 1000:8.1f} ms/render  ({1 / seconds:6.1f} PDFs/s)  -> {path}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
