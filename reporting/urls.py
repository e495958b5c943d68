from __future__ import annotations

from django.urls import path

from . import views

# Mounted at admin/reporting/ (before the admin's own URLs, so /admin/reporting/ is this index).
urlpatterns = [
    path("", views.reporting_index, name="reporting-index"),
    path("ar/", views.ar_dashboard, name="reporting-ar"),
    path("cfo/", views.cfo_dashboard, name="reporting-cfo"),
    path("customers/<int:customer_id>/", views.customer_account_view, name="reporting-customer"),
    path("close-packs/<int:pack_id>/<str:kind>/", views.close_pack_file, name="reporting-close-pack-file"),
]
