from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from audit.views import audit_chain_check, audit_export_csv
from billing_site import admin_display
from integrations.views import usage_webhook
from invoicing.admin.preview import contract_invoice_preview
from invoicing.views import invoice_pay, invoice_pay_pdf
from receivables.views import invoice_pay_intent, invoice_pay_return, stripe_webhook
from reporting.views import admin_login, site_home

admin_display.install()  # readable decimals on every admin page
admin.site.site_header = "Autobill back office"
admin.site.site_title = "Autobill"
admin.site.index_title = "Billing, collections and revenue"

urlpatterns = [
    path("", site_home, name="home"),  # the role's home (issue 12)
    path("admin/audit/export.csv", audit_export_csv, name="audit-export"),
    path("admin/audit/chain-check/", audit_chain_check, name="audit-chain-check"),
    path(
        "admin/contracts/contract/<int:contract_id>/preview-next-invoice/",
        contract_invoice_preview,
        name="contract-invoice-preview",
    ),
    path("admin/reporting/", include("reporting.urls")),  # reporting (issue 12): dashboards
    path("admin/login/", admin_login, name="admin-login"),  # lands each role on its home (issue 12)
    path("admin/", admin.site.urls),
    path("api/v1/", include("billing_site.api_urls")),
    path("webhooks/usage", usage_webhook, name="usage-webhook"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("pay/<str:token>/", invoice_pay, name="invoice-pay"),
    path("pay/<str:token>/invoice.pdf", invoice_pay_pdf, name="invoice-pay-pdf"),
    path("pay/<str:token>/intent", invoice_pay_intent, name="invoice-pay-intent"),
    path("pay/<str:token>/return", invoice_pay_return, name="invoice-pay-return"),
    path("webhooks/stripe", stripe_webhook, name="stripe-webhook"),
]

# Any other path under /api/ answers a JSON 404 (api.md: never an HTML page from the API).
from django.urls import re_path  # noqa: E402

from access.middleware import api_not_found  # noqa: E402

urlpatterns += [re_path(r"^api/", api_not_found, name="api-not-found")]
