"""The review queue in the admin: what the reviewer sees, edits and approves, and who may approve."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse

from access.roles import AR_ANALYST, AUDITOR, BILLING_ADMIN, CFO, apply_roles
from audit.models import AuditEvent
from invoicing.drafting.review import PastInvoice, review_decide
from invoicing.models import Invoice, InvoiceLine
from tests.factories import ContractFactory, CustomerFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/invoicing/invoice/review/"
REASON = "Total 400.00 is more than 3x the median 100.00 of the last 3 invoices."
HISTORY = [PastInvoice("INV-2026-000003", "2026-04-01", D("98.00")),
           PastInvoice("INV-2026-000002", "2026-03-01", D("104.00")),
           PastInvoice("INV-2026-000001", "2026-02-01", D("100.00"))]


def _draft(*, history: list[PastInvoice] = HISTORY, auto_send: bool = True, quantity: int = 400) -> Invoice:
    """A draft decided by the real rule: 400 API calls at $1.00 against a history of about 100."""
    contract = ContractFactory(customer=CustomerFactory(name="Initech"))
    invoice = Invoice.objects.create(
        customer=contract.customer, contract=contract, billing_date=dt.date(2026, 5, 1), currency="USD",
        period_start=dt.date(2026, 4, 1), period_end=dt.date(2026, 5, 1),
        subtotal=D(quantity), total=D(quantity),
    )
    InvoiceLine.objects.create(
        invoice=invoice, line_code="api", kind="usage", description="API calls", quantity=D(quantity),
        unit_price=D("1.00"), precise_amount=D(quantity), amount=D(quantity),
        period_start=invoice.period_start, period_end=invoice.period_end,
    )
    review_decide(invoice, history=history, auto_send=auto_send)
    invoice.save()
    return invoice


@pytest.fixture
def login(client):  # type: ignore[no-untyped-def]
    apply_roles(apps)

    def _login(role: str) -> User:
        user = User.objects.create_user(role.replace(" ", "_").lower(), password="pw", is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        return user

    return _login


def _change_url(invoice: Invoice) -> str:
    return reverse("admin:invoicing_invoice_change", args=[invoice.pk])


def _change_form(client, invoice: Invoice, **overrides: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What the browser posts back from the change page as it is (every inline included), with
    ``overrides`` applied."""
    page = client.get(_change_url(invoice))
    data: dict[str, object] = {}
    form = page.context["adminform"].form
    for field in form:
        value = field.value()
        if value not in (None, False):
            data[field.html_name] = "on" if value is True else value
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        for field in formset.management_form:
            data[field.html_name] = field.value()
        for line_form in formset.forms:
            for field in line_form:
                if field.value() is not None:
                    data[field.html_name] = field.value()
    data.update(overrides)
    return data


def test_queue_shows_reason_history_and_median(client, login) -> None:  # type: ignore[no-untyped-def]
    held = _draft()
    pending = _draft(history=[], auto_send=False, quantity=100)
    sent = _draft(quantity=100)  # in line with history: not in the queue
    login(BILLING_ADMIN)

    response = client.get(QUEUE)

    assert response.status_code == 200
    page = response.content.decode()
    assert REASON in page
    assert "$98.00 · $104.00 · $100.00" in page
    assert "$100.00</td>" in page  # the median column
    assert "Initech" in page
    assert "$400.00" in page
    assert "Auto-send is off for this customer or contract." in page
    assert [row["invoice"] for row in response.context["rows"]] == [held, pending]  # held first
    assert sent.review_status == "not_required"
    assert page.count('value="Approve and send"') == 2


@pytest.mark.parametrize("role", [AR_ANALYST, AUDITOR, CFO])
def test_other_roles_see_the_queue_but_cannot_approve(client, login, role: str) -> None:  # type: ignore[no-untyped-def]
    held = _draft()
    login(role)

    queue = client.get(QUEUE)
    change = client.get(_change_url(held))
    approve = client.post(reverse("admin:invoicing_invoice_approve", args=[held.pk]))
    post_change = client.post(_change_url(held), _change_form(client, held, _approve="1"))

    assert queue.status_code == 200
    assert REASON in queue.content.decode()
    assert "Approve and send" not in queue.content.decode()
    assert change.status_code == 200
    assert REASON in change.content.decode()
    assert 'name="_approve"' not in change.content.decode()
    assert 'name="lines-0-quantity"' not in change.content.decode()
    assert approve.status_code == 403
    assert post_change.status_code == 403
    held.refresh_from_db()
    assert (held.status, held.review_status) == ("draft", "held")


def test_draft_change_page_shows_the_hold_and_editable_lines(client, login) -> None:  # type: ignore[no-untyped-def]
    held = _draft()
    login(BILLING_ADMIN)

    response = client.get(_change_url(held))

    page = response.content.decode()
    assert response.status_code == 200
    assert REASON in page
    for number, total in (("INV-2026-000003", "$98.00"), ("INV-2026-000002", "$104.00"),
                          ("INV-2026-000001", "$100.00")):
        assert number in page
        assert total in page
    assert "Median of the last 3" in page
    assert 'name="_approve"' in page
    assert 'name="lines-0-quantity" value="400"' in page
    assert 'name="lines-0-amount" value="400.00"' in page
    assert 'name="notes"' in page
    assert 'name="auto_send"' not in page  # approving is the way to send a held draft


def test_approve_from_the_queue_issues_and_emails(client, login, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    held = _draft()
    user = login(BILLING_ADMIN)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:invoicing_invoice_approve", args=[held.pk]), {"next": QUEUE},
                               follow=True)

    held.refresh_from_db()
    assert response.status_code == 200
    assert (held.status, held.review_status, held.reviewed_by) == ("open", "approved", user.username)
    assert held.number
    assert len(mail.outbox) == 1
    assert any(f"Approved and issued {held.number}" in str(m) for m in response.context["messages"])
    assert "Nothing is waiting for review." in response.content.decode()
    assert AuditEvent.objects.filter(action="invoice_approved", object_id=str(held.pk), actor=user.username).exists()


def test_approve_url_refuses_get_and_reports_an_invoice_not_awaiting_review(client, login) -> None:  # type: ignore[no-untyped-def]
    sent = _draft(quantity=100)
    login(BILLING_ADMIN)
    url = reverse("admin:invoicing_invoice_approve", args=[sent.pk])

    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)

    assert response.status_code == 200
    assert any("Only a draft awaiting review can be approved" in str(m) for m in response.context["messages"])
    sent.refresh_from_db()
    assert sent.status == "draft"


def test_edit_lines_and_notes_then_save(client, login) -> None:  # type: ignore[no-untyped-def]
    held = _draft()
    user = login(BILLING_ADMIN)

    response = client.post(_change_url(held), _change_form(
        client, held, **{"lines-0-quantity": "120", "lines-0-description": "API calls (corrected)",
                 "notes": "Usage corrected after the April outage."},
    ))

    assert response.status_code == 302, response.context and response.context["errors"]
    held.refresh_from_db()
    line = held.lines.get()
    assert (line.description, line.quantity, line.amount) == ("API calls (corrected)", D(120), D("120.00"))
    assert (held.subtotal, held.total) == (D("120.00"), D("120.00"))
    assert held.notes == "Usage corrected after the April outage."
    assert (held.status, held.review_status) == ("draft", "held")
    event = AuditEvent.objects.get(action="invoice_draft_edited", object_id=str(held.pk))
    assert event.actor == user.username
    assert event.outcome["before"]["total"] == "400.00"
    assert event.outcome["after"]["total"] == "120.00"
    assert event.inputs["notes"]["after"] == "Usage corrected after the April outage."


def test_an_amount_typed_in_is_billed_as_is(client, login) -> None:  # type: ignore[no-untyped-def]
    held = _draft()
    login(BILLING_ADMIN)

    client.post(_change_url(held), _change_form(client, held, **{"lines-0-quantity": "120", "lines-0-amount": "99.50"}))

    line = held.lines.get()
    assert (line.quantity, line.amount) == (D(120), D("99.50"))


def test_invalid_line_edit_shows_field_errors_and_changes_nothing(client, login) -> None:  # type: ignore[no-untyped-def]
    held = _draft()
    login(BILLING_ADMIN)

    response = client.post(_change_url(held), _change_form(client, held, **{"lines-0-amount": "10.005"}))

    assert response.status_code == 200
    assert "USD amounts have at most 2 decimal place(s)." in response.content.decode()
    assert held.lines.get().amount == D("400.00")
    assert not AuditEvent.objects.filter(action="invoice_draft_edited").exists()


def test_save_and_approve_in_one_step(client, login, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    held = _draft()
    login(BILLING_ADMIN)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _change_url(held), _change_form(client, held, **{"lines-0-quantity": "120", "_approve": "1"})
        )

    assert response.status_code == 302
    assert response["Location"] == QUEUE
    held.refresh_from_db()
    assert (held.status, held.total, held.review_status) == ("open", D("120.00"), "approved")
    assert len(mail.outbox) == 1
    assert "$120.00" in mail.outbox[0].subject


def test_changelist_filter_and_link_to_the_queue(client, login) -> None:  # type: ignore[no-untyped-def]
    held = _draft()
    _draft(quantity=100)
    login(BILLING_ADMIN)

    response = client.get(reverse("admin:invoicing_invoice_changelist"), {"review": "awaiting"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [held]
    assert "Invoices awaiting review (1)" in response.content.decode()


def test_bulk_approve_action(client, login, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    held = _draft()
    sent = _draft(quantity=100)
    login(BILLING_ADMIN)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:invoicing_invoice_changelist"), {
            "action": "approve_and_send", "_selected_action": [held.pk, sent.pk],
        }, follow=True)

    held.refresh_from_db()
    assert held.status == "open"
    messages = [str(m) for m in response.context["messages"]]
    assert any(f"Approved and issued 1 invoice(s): {held.number}" in m for m in messages)
    assert any("Skipped 1 invoice(s)" in m for m in messages)


def test_ar_analyst_has_no_bulk_approve_action(client, login) -> None:  # type: ignore[no-untyped-def]
    _draft()
    login(AR_ANALYST)

    response = client.get(reverse("admin:invoicing_invoice_changelist"))

    assert response.status_code == 200
    assert "approve_and_send" not in response.content.decode()


def test_add_a_line_in_the_admin_then_remove_it(client, login) -> None:  # type: ignore[no-untyped-def]
    held = _draft()
    login(BILLING_ADMIN)
    data = _change_form(client, held)
    data.update({
        "lines-TOTAL_FORMS": "2",
        "lines-1-invoice": str(held.pk),
        "lines-1-description": "Onboarding workshop",
        "lines-1-quantity": "1",
        "lines-1-unit_price": "",
        "lines-1-amount": "250.00",
    })

    response = client.post(_change_url(held), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    held.refresh_from_db()
    added = held.lines.get(line_code="adjustment")
    assert (added.description, added.amount) == ("Onboarding workshop", D("250.00"))
    assert held.total == D("650.00")

    data = _change_form(client, held)
    index = next(k.split("-")[1] for k, v in data.items() if k.endswith("-id") and v == added.pk)
    data[f"lines-{index}-DELETE"] = "on"
    response = client.post(_change_url(held), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    held.refresh_from_db()
    assert list(held.lines.values_list("line_code", flat=True)) == ["api"]
    assert held.total == D("400.00")


def test_computed_lines_cannot_be_removed_in_the_admin(client, login) -> None:  # type: ignore[no-untyped-def]
    held = _draft()
    login(BILLING_ADMIN)

    response = client.post(_change_url(held), _change_form(client, held, **{"lines-0-DELETE": "on"}))

    assert response.status_code == 200
    assert "only lines added in review can be removed; set the amount to 0 instead." in response.content.decode()
    assert held.lines.count() == 1
