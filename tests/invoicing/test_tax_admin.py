"""The tax pages of the back office: tax rates (list, add, edit, deactivate; never delete), the
customer's tax section, and the tax of each invoice line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from contracts.models import Customer
from invoicing.models import Invoice, InvoiceLine, TaxRate
from invoicing.tax import lines_tax_apply, tax_rates_for

pytestmark = pytest.mark.django_db


def _url(model: type, view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _rate(**fields: object) -> TaxRate:
    values: dict[str, object] = {"name": "CA sales tax", "country": "US", "region": "CA", "percentage": D("7.25")}
    values.update(fields)
    return TaxRate.objects.create(**values)


def _taxed_invoice(customer: Customer) -> Invoice:
    invoice = Invoice.objects.create(
        customer=customer, billing_date=dt.date(2026, 4, 5), currency="USD", period_start=dt.date(2026, 3, 5),
        period_end=dt.date(2026, 4, 5),
    )
    line = InvoiceLine(
        invoice=invoice, line_code="platform", kind="fixed", description="Platform fee", quantity=D(1),
        unit_price=D(1000), precise_amount=D(1000), amount=D("1000.00"), period_start=invoice.period_start,
        period_end=invoice.period_end,
    )
    invoice.tax = lines_tax_apply([line], tax_rates_for([customer])[customer.pk], "USD")
    line.save()
    invoice.subtotal, invoice.total = line.amount, line.amount + invoice.tax
    invoice.save()
    return invoice


def _form(**fields: str) -> dict[str, str]:
    return {"name": "NY sales tax", "country": "US", "region": "NY", "percentage": "8.875", "active": "on", **fields}


def test_rate_list_shows_place_and_percentage(admin_client) -> None:
    _rate()
    _rate(name="VAT", country="DE", region="", percentage=D("19"))
    _rate(name="Old CA", percentage=D("7"), active=False)

    page = admin_client.get(_url(TaxRate, "changelist")).content.decode()

    for text in ("CA sales tax", "US-CA", "7.25%", "VAT", "DE (whole country)", "19%", "Old CA", "7%"):
        assert text in page, text
    active_only = admin_client.get(_url(TaxRate, "changelist"), {"active__exact": "1"}).context["cl"].result_list
    assert {rate.name for rate in active_only} == {"CA sales tax", "VAT"}


def test_rate_added_in_admin_has_its_place_normalised(admin_client) -> None:
    response = admin_client.post(_url(TaxRate, "add"), _form(country=" us", region="ny "))

    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    rate = TaxRate.objects.get(name="NY sales tax")
    assert (rate.country, rate.region, rate.percentage, rate.active) == ("US", "NY", D("8.875"), True)
    assert rate.history.get().history_user.username == "admin"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"country": "USA"}, "country", "at most 2 characters"),
        ({"country": "ZZ"}, "country", "ISO 3166-1 alpha-2"),
        ({"percentage": "101"}, "percentage", "from 0 to 100"),
        ({"percentage": "-1"}, "percentage", "from 0 to 100"),
        ({"percentage": "abc"}, "percentage", "Enter a number"),
        ({"region": "CA"}, "region", "US-CA already has an active rate: CA sales tax 7.25% (US-CA)"),
        ({"region": "ca"}, "region", "Deactivate it first"),
    ],
)
def test_bad_rates_are_refused_with_a_field_error(admin_client, fields: dict[str, str], field: str,
                                                  message: str) -> None:
    _rate()

    response = admin_client.post(_url(TaxRate, "add"), _form(**fields))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field]), errors
    assert "__all__" not in errors  # once, on the field: not Django's generic constraint message too
    assert TaxRate.objects.count() == 1


def test_a_new_country_wide_rate_is_refused_while_another_is_active(admin_client) -> None:
    _rate(name="VAT", country="DE", region="", percentage=D("19"))

    response = admin_client.post(_url(TaxRate, "add"), _form(name="VAT new", country="DE", region="",
                                                             percentage="16"))

    assert "DE (whole country) already has an active rate" in " ".join(response.context["adminform"].form.errors[
        "country"])
    # An inactive rate for the same place may be entered (e.g. kept for the record).
    response = admin_client.post(_url(TaxRate, "add"), {**_form(name="VAT old", country="DE", region="",
                                                                percentage="16"), "active": ""})
    assert response.status_code == 302


def test_an_unused_rate_can_be_edited(admin_client) -> None:
    rate = _rate()

    response = admin_client.post(_url(TaxRate, "change", rate.pk), _form(name="CA state tax", region="CA",
                                                                        percentage="7.5"))

    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    rate.refresh_from_db()
    assert (rate.name, rate.percentage) == ("CA state tax", D("7.5"))


def test_a_charged_rate_keeps_its_place_and_percentage(admin_client) -> None:
    rate = _rate()
    customer = Customer.objects.create(external_id="acme", name="Acme", email="a@x.test", country="US", region="CA")
    _taxed_invoice(customer)

    page = admin_client.get(_url(TaxRate, "change", rate.pk))
    response = admin_client.post(_url(TaxRate, "change", rate.pk), _form(name="CA sales tax (state)",
                                                                        percentage="9"))

    assert 'name="percentage"' not in page.content.decode()
    assert "1 invoice line(s) on 1 invoice(s)" in page.content.decode()
    assert response.status_code == 302
    rate.refresh_from_db()
    assert (rate.name, rate.region, rate.percentage) == ("CA sales tax (state)", "CA", D("7.25"))


def test_rates_are_deactivated_never_deleted(admin_client) -> None:
    rate = _rate()
    other = _rate(name="VAT", country="DE", region="", percentage=D("19"))

    page = admin_client.get(_url(TaxRate, "changelist")).content.decode()
    delete = admin_client.post(_url(TaxRate, "delete", rate.pk), {"post": "yes"})
    response = admin_client.post(
        _url(TaxRate, "changelist"), {"action": "deactivate_rates", "_selected_action": [rate.pk]}, follow=True
    )

    assert 'value="delete_selected"' not in page
    assert 'value="deactivate_rates"' in page
    assert delete.status_code == 403
    rate.refresh_from_db()
    other.refresh_from_db()
    assert (rate.active, other.active) == (False, True)
    assert any("Deactivated 1 tax rate(s): CA sales tax 7.25% (US-CA)" in str(m) for m in response.context["messages"])
    event = AuditEvent.objects.get(action="tax_rate_deactivated")
    assert (event.actor, event.object_id, event.rule) == ("admin", str(rate.pk), "invoicing.tax_rate")

    again = admin_client.post(
        _url(TaxRate, "changelist"), {"action": "deactivate_rates", "_selected_action": [rate.pk]}, follow=True
    )
    assert any("already inactive" in str(m) for m in again.context["messages"])
    assert AuditEvent.objects.filter(action="tax_rate_deactivated").count() == 1


def test_customer_page_shows_tax_section_and_the_rate_that_applies(admin_client) -> None:
    _rate()
    taxed = Customer.objects.create(external_id="acme", name="Acme", email="a@x.test", country="US", region="CA",
                                    tax_id="94-1234567")
    exempt = Customer.objects.create(external_id="school", name="School", email="s@x.test", country="US",
                                     region="CA", tax_exempt=True, tax_exemption_certificate="CA-EX-77")

    taxed_page = admin_client.get(_url(Customer, "change", taxed.pk)).content.decode()
    exempt_page = admin_client.get(_url(Customer, "change", exempt.pk)).content.decode()
    listed = admin_client.get(_url(Customer, "changelist"), {"tax_exempt__exact": "1"}).context["cl"].result_list

    for field in ('name="tax_id"', 'name="tax_exempt"', 'name="tax_exemption_certificate"'):
        assert field in taxed_page, field
    assert "94-1234567" in taxed_page
    assert "CA sales tax 7.25%" in taxed_page
    assert "CA-EX-77" in exempt_page
    assert "None: tax exempt" in exempt_page
    assert list(listed) == [exempt]


def test_exempt_customer_needs_a_certificate(admin_client) -> None:
    customer = Customer.objects.create(external_id="acme", name="Acme", email="a@x.test", country="US")
    data = {
        "name": "Acme", "external_id": "acme", "email": "a@x.test", "currency": "USD", "payment_terms_days": "0",
        "timezone": "UTC", "locale": "en_US", "country": "US", "tax_exempt": "on", "tax_exemption_certificate": " ",
        "contacts-TOTAL_FORMS": "0", "contacts-INITIAL_FORMS": "0", "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
    }

    refused = admin_client.post(_url(Customer, "change", customer.pk), data)

    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["tax_exemption_certificate"] == [
        "Enter the exemption certificate number of a tax-exempt customer."
    ]
    customer.refresh_from_db()
    assert customer.tax_exempt is False

    accepted = admin_client.post(_url(Customer, "change", customer.pk), {**data, "tax_exemption_certificate": "X-1"})
    assert accepted.status_code == 302, accepted.context and accepted.context["adminform"].form.errors
    customer.refresh_from_db()
    assert (customer.tax_exempt, customer.tax_exemption_certificate) == (True, "X-1")


def test_invoice_lines_show_their_tax_rate_and_amount(admin_client) -> None:
    _rate()
    customer = Customer.objects.create(external_id="acme", name="Acme", email="a@x.test", country="US", region="CA")
    invoice = _taxed_invoice(customer)

    page = admin_client.get(_url(Invoice, "change", invoice.pk)).content.decode()

    assert "Tax rate" in page
    assert "CA sales tax 7.25%" in page
    assert "$72.50" in page
    assert "$1,072.50" in page  # the total
