from __future__ import annotations

from django.urls import re_path

from contracts.api.views import ContractDetailApi, ContractListCreateApi, CustomerDetailApi, CustomerListCreateApi
from invoicing.api.views import (
    BillingRunDetailApi,
    BillingRunListCreateApi,
    CustomerUsageApi,
    InvoiceApproveApi,
    InvoiceDetailApi,
    InvoiceFinalizeApi,
    InvoiceListApi,
    InvoiceMarkUncollectibleApi,
    InvoicePdfApi,
    InvoiceSendApi,
    InvoiceVoidApi,
    RatingPreviewApi,
)
from metering.api.views import EventBatchApi, EventCreateApi, MeterListCreateApi
from reporting.api.views import ReconciliationApi

# Paths are documented without a trailing slash; a trailing slash is accepted too.
urlpatterns = [
    re_path(r"^customers/?$", CustomerListCreateApi.as_view(), name="customer-list"),
    re_path(r"^customers/(?P<ref>[^/]+)/usage/?$", CustomerUsageApi.as_view(), name="customer-usage"),
    re_path(r"^customers/(?P<ref>[^/]+)/?$", CustomerDetailApi.as_view(), name="customer-detail"),
    re_path(r"^meters/?$", MeterListCreateApi.as_view(), name="meter-list"),
    re_path(r"^contracts/?$", ContractListCreateApi.as_view(), name="contract-list"),
    re_path(r"^contracts/(?P<ref>[^/]+)/?$", ContractDetailApi.as_view(), name="contract-detail"),
    re_path(r"^events/batch/?$", EventBatchApi.as_view(), name="event-batch"),
    re_path(r"^events/?$", EventCreateApi.as_view(), name="event-create"),
    re_path(r"^rating/preview/?$", RatingPreviewApi.as_view(), name="rating-preview"),
    re_path(r"^billing-runs/?$", BillingRunListCreateApi.as_view(), name="billing-run-create"),
    re_path(r"^billing-runs/(?P<pk>[0-9]+)/?$", BillingRunDetailApi.as_view(), name="billing-run-detail"),
    re_path(r"^invoices/?$", InvoiceListApi.as_view(), name="invoice-list"),
    re_path(r"^invoices/(?P<pk>[0-9]+)/?$", InvoiceDetailApi.as_view(), name="invoice-detail"),
    re_path(r"^invoices/(?P<pk>[0-9]+)/finalize/?$", InvoiceFinalizeApi.as_view(), name="invoice-finalize"),
    re_path(r"^invoices/(?P<pk>[0-9]+)/send/?$", InvoiceSendApi.as_view(), name="invoice-send"),
    re_path(r"^invoices/(?P<pk>[0-9]+)/void/?$", InvoiceVoidApi.as_view(), name="invoice-void"),
    re_path(r"^invoices/(?P<pk>[0-9]+)/approve/?$", InvoiceApproveApi.as_view(), name="invoice-approve"),
    re_path(
        r"^invoices/(?P<pk>[0-9]+)/mark-uncollectible/?$",
        InvoiceMarkUncollectibleApi.as_view(),
        name="invoice-mark-uncollectible",
    ),
    re_path(r"^invoices/(?P<pk>[0-9]+)/pdf/?$", InvoicePdfApi.as_view(), name="invoice-pdf"),
    re_path(r"^reports/reconciliation/?$", ReconciliationApi.as_view(), name="report-reconciliation"),
]

# Milestones: complete and invoice at once.
from invoicing.api.milestones import MilestoneCompleteApi  # noqa: E402

urlpatterns += [
    re_path(
        r"^contracts/(?P<ref>[^/]+)/milestones/(?P<name>[^/]+)/complete/?$",
        MilestoneCompleteApi.as_view(),
        name="contract-milestone-complete",
    ),
]

# Amendments: draft, approve (applied and prorated by a task), read.
from contracts.api.views import AmendmentApproveApi, AmendmentDetailApi, ContractAmendmentCreateApi  # noqa: E402

urlpatterns += [
    re_path(
        r"^contracts/(?P<ref>[^/]+)/amendments/?$", ContractAmendmentCreateApi.as_view(), name="contract-amendments"
    ),
    re_path(r"^amendments/(?P<pk>[0-9]+)/approve/?$", AmendmentApproveApi.as_view(), name="amendment-approve"),
    re_path(r"^amendments/(?P<pk>[0-9]+)/?$", AmendmentDetailApi.as_view(), name="amendment-detail"),
]

# Credit notes: issued on an invoice, read, printed.
from invoicing.api.credit_notes import (  # noqa: E402
    CreditNoteDetailApi,
    CreditNoteListApi,
    CreditNotePdfApi,
    InvoiceCreditNoteCreateApi,
)

urlpatterns += [
    re_path(
        r"^invoices/(?P<pk>[0-9]+)/credit-notes/?$", InvoiceCreditNoteCreateApi.as_view(), name="invoice-credit-notes"
    ),
    re_path(r"^credit-notes/?$", CreditNoteListApi.as_view(), name="credit-note-list"),
    re_path(r"^credit-notes/(?P<pk>[0-9]+)/?$", CreditNoteDetailApi.as_view(), name="credit-note-detail"),
    re_path(r"^credit-notes/(?P<pk>[0-9]+)/pdf/?$", CreditNotePdfApi.as_view(), name="credit-note-pdf"),
]

# Revenue recognition: the ASC 606 preview (same pure engine as the booked schedules).
from revrec.api.views import RevrecPreviewApi  # noqa: E402

urlpatterns += [
    re_path(r"^revrec/preview/?$", RevrecPreviewApi.as_view(), name="revrec-preview"),
]

# Contract documents: upload (extraction), read, approve (creates the customer and contract).
from contracts.api.documents import (  # noqa: E402
    ContractDocumentApproveApi,
    ContractDocumentCreateApi,
    ContractDocumentDetailApi,
)

urlpatterns += [
    re_path(r"^contract-documents/?$", ContractDocumentCreateApi.as_view(), name="contract-document-create"),
    re_path(
        r"^contract-documents/(?P<pk>\d+)/?$", ContractDocumentDetailApi.as_view(), name="contract-document-detail"
    ),
    re_path(
        r"^contract-documents/(?P<pk>\d+)/approve/?$",
        ContractDocumentApproveApi.as_view(),
        name="contract-document-approve",
    ),
]

# Reporting (issue 12): the AR and CFO dashboards as JSON, with the admin pages' permissions.
from reporting.api.views import ArAgingApi, CfoDashboardApi  # noqa: E402

urlpatterns += [
    re_path(r"^reports/ar-aging/?$", ArAgingApi.as_view(), name="report-ar-aging"),
    re_path(r"^reports/cfo/?$", CfoDashboardApi.as_view(), name="report-cfo"),
]

# Collections intelligence (dunning): payment history, the retry model, the next action.
from receivables.api.views import (  # noqa: E402
    DunningModelApi,
    DunningNextActionApi,
    DunningRecoveryReportApi,
    DunningTrainApi,
    PaymentHistoryApi,
)

urlpatterns += [
    re_path(r"^payment-history/?$", PaymentHistoryApi.as_view(), name="payment-history"),
    re_path(r"^dunning/train/?$", DunningTrainApi.as_view(), name="dunning-train"),
    re_path(r"^dunning/model/?$", DunningModelApi.as_view(), name="dunning-model"),
    re_path(r"^dunning/next-action/?$", DunningNextActionApi.as_view(), name="dunning-next-action"),
    re_path(r"^reports/dunning-recovery/?$", DunningRecoveryReportApi.as_view(), name="report-dunning-recovery"),
]
