from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from contracts.models import Contract
from invoicing.documents.formatting import format_money, format_period, format_quantity, format_unit_price
from invoicing.drafting.preview import contract_preview_next_invoice


@staff_member_required
def contract_invoice_preview(request: HttpRequest, contract_id: int) -> HttpResponse:
    """Admin page: the contract's next invoice if its period closed now."""
    if not request.user.has_perm("contracts.view_contract"):
        raise PermissionDenied
    contract = get_object_or_404(Contract.objects.select_related("customer"), pk=contract_id)
    preview = contract_preview_next_invoice(contract=contract)
    locale = contract.customer.locale
    rows = [
        {
            "description": r.description,
            "tier": r.tier,
            "period": format_period(r.period_start, r.period_end, locale),
            "quantity": format_quantity(r.quantity, locale),
            "unit_price": format_unit_price(r.unit_price, contract.currency, locale)
            if r.unit_price is not None
            else "",
            "amount": format_money(r.amount, contract.currency, locale),
        }
        for r in preview["lines"]
    ]
    context = {
        **admin.site.each_context(request),
        "title": f"Preview of the next invoice: {contract}",
        "contract": contract,
        "preview": preview,
        "rows": rows,
        "subtotal": format_money(preview["subtotal"], contract.currency, locale) if preview["lines"] else None,
        "opts": Contract._meta,
    }
    return render(request, "admin/invoicing/contract_invoice_preview.html", context)
