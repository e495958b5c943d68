"""Performance obligations from contract lines: SSP table (effective dates, list price default),
relative-SSP allocation by the pure engine, planned schedules, and amendments as modifications."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from audit.models import AuditEvent
from contracts.models import ContractLine, Milestone
from contracts.services import amendment_apply, amendment_approve, amendment_create
from revrec.models import ObligationScheduleEntry, PerformanceObligation, RevenueModification, StandaloneSellingPrice
from revrec.obligations import (
    revenue_contract_ensure,
    revenue_modification_record,
    revenue_modification_treatment_set,
    ssp_lookup,
)
from tests.factories import ContractFactory

pytestmark = pytest.mark.django_db
D = Decimal


def _bundle():
    contract = ContractFactory(start_date=dt.date(2026, 1, 1), end_date=dt.date(2027, 1, 1))
    ContractLine.objects.create(contract=contract, code="platform", description="Platform", charge_model="flat",
                                amount=D("100.00"), billing_timing="in_advance")
    ContractLine.objects.create(contract=contract, code="setup", description="Implementation", charge_model="one_time",
                                amount=D("0"), billing_timing="in_advance")
    ContractLine.objects.create(contract=contract, code="api", description="API", charge_model="per_unit",
                                metric="api_calls", unit_price=D("0.004"), billing_timing="in_arrears")
    return contract


def test_ssp_lookup_uses_the_price_in_force_on_the_date():
    StandaloneSellingPrice.objects.create(product_code="setup", currency="USD", amount=D("1000"),
                                          effective_from=dt.date(2025, 1, 1), effective_to=dt.date(2026, 1, 1))
    StandaloneSellingPrice.objects.create(product_code="setup", currency="USD", amount=D("1200"),
                                          effective_from=dt.date(2026, 1, 1))
    assert ssp_lookup(product_code="setup", currency="USD", on=dt.date(2025, 12, 31)).amount == D("1000")
    assert ssp_lookup(product_code="setup", currency="USD", on=dt.date(2026, 1, 1)).amount == D("1200")
    assert ssp_lookup(product_code="setup", currency="EUR", on=dt.date(2026, 1, 1)) is None


def test_free_setup_fee_gets_its_share_of_the_bundle_and_is_recognised_over_the_term():
    # 12 x 100 platform + a free implementation (SSP 1,200 in the table): 1,200 of consideration
    # over SSPs 1,200 / 1,200 -> 600 each; the set-up is not distinct, so ratable over the term.
    StandaloneSellingPrice.objects.create(product_code="setup", currency="USD", amount=D("1200"),
                                          effective_from=dt.date(2025, 1, 1))
    contract = _bundle()
    plan = revenue_contract_ensure(contract_id=contract.pk)
    obligations = {o.code: o for o in PerformanceObligation.objects.filter(revenue_contract=plan)}
    assert plan.transaction_price == D("1200.00")
    assert (obligations["platform"].ssp, obligations["platform"].ssp_source) == (D("1200.00"), "list_price")
    assert (obligations["setup"].ssp, obligations["setup"].ssp_source) == (D("1200.00"), "ssp_table")
    assert obligations["platform"].allocated_amount == D("600.00")
    assert obligations["setup"].allocated_amount == D("600.00")
    assert obligations["setup"].kind == "ratable"
    assert obligations["api"].kind == "usage"
    setup = ObligationScheduleEntry.objects.filter(obligation=obligations["setup"])
    assert sum(e.amount for e in setup) == D("600.00")
    assert setup.first().on == dt.date(2026, 1, 1)
    assert setup.get(period="2026-02").amount == D("46.03")  # 28 of 365 days of 600
    assert revenue_contract_ensure(contract_id=contract.pk) == plan  # once


def test_milestones_become_one_obligation_with_percent_by_amount():
    contract = ContractFactory(start_date=dt.date(2026, 1, 1), end_date=dt.date(2027, 1, 1))
    line = ContractLine.objects.create(contract=contract, code="impl", charge_model="milestone",
                                       billing_timing="in_advance")
    Milestone.objects.create(line=line, name="kickoff", amount=D("300"), due_date=dt.date(2026, 2, 1))
    Milestone.objects.create(line=line, name="golive", amount=D("700"), due_date=dt.date(2026, 5, 1))
    plan = revenue_contract_ensure(contract_id=contract.pk)
    impl = plan.obligations.get(code="impl")
    assert impl.allocated_amount == D("1000.00")
    assert [(e.period, e.amount) for e in impl.schedule.all()] == [("2026-02", D("300.00")), ("2026-05", D("700.00"))]


def test_seat_upgrade_is_prospective_by_default_and_an_override_is_audited():
    contract = ContractFactory(start_date=dt.date(2026, 1, 1), end_date=dt.date(2027, 1, 1))
    ContractLine.objects.create(contract=contract, code="seats", charge_model="per_seat", unit_price=D("10"),
                                seats=D("10"), billing_timing="in_advance")
    plan = revenue_contract_ensure(contract_id=contract.pk)
    assert plan.obligations.get(code="seats").allocated_amount == D("1200.00")
    amendment = amendment_create(contract=contract, effective_date=dt.date(2026, 7, 1),
                                 changes=[{"type": "set_seats", "line": "seats", "seats": "20"}])
    amendment_approve(amendment_id=amendment.pk, actor="admin")
    amendment_apply(amendment_id=amendment.pk)
    modification = revenue_modification_record(amendment_id=amendment.pk)
    assert modification.default_treatment == modification.treatment == "prospective"
    # Old version: 181 of 365 days remained (1,200 x 184/365 = 604.93 of list price no longer
    # delivered); the new version's list price is 6 months x 200 = 1,200: +595.07.
    assert D(modification.change["transaction_price_change"]) == D("595.07")
    obligations = {o.code: o for o in plan.obligations.all()}
    assert set(obligations) == {"seats", "seats@2026-07-01"}
    assert obligations["seats"].is_active is False
    total = sum(o.allocated_amount for o in obligations.values())
    assert total == D("1200.00") + D("595.07")
    # Recognised before July: 181 days of 1,200 = 595.07 stays on the old version.
    assert obligations["seats"].allocated_amount == D("595.07")
    assert obligations["seats@2026-07-01"].allocated_amount == D("1200.00")
    assert revenue_modification_record(amendment_id=amendment.pk) == modification  # idempotent

    revenue_modification_treatment_set(modification_id=modification.pk, treatment="cumulative_catch_up",
                                       actor="billing admin")
    record = AuditEvent.objects.filter(action="modification_treatment_changed").get()
    assert record.outcome == {"from": "prospective", "to": "cumulative_catch_up"}
    assert RevenueModification.objects.get().treatment == "cumulative_catch_up"
    obligations = {o.code: o for o in plan.obligations.all()}
    assert sum(o.allocated_amount for o in obligations.values()) == D("1795.07")


def test_invoiced_setup_fee_is_recognised_over_the_contract_term(django_capture_on_commit_callbacks):
    import time_machine

    from invoicing.drafting.billing_run import billing_run_execute
    from invoicing.models import Invoice
    from invoicing.services import invoice_finalize
    from revrec.models import RevenueScheduleEntry

    contract = ContractFactory(start_date=dt.date(2026, 3, 1), end_date=dt.date(2027, 3, 1), auto_send=False)
    ContractLine.objects.create(contract=contract, code="setup", description="Implementation", charge_model="one_time",
                                amount=D("3650.00"), billing_timing="in_advance")
    now = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    with time_machine.travel(now, tick=False):
        billing_run_execute(as_of=now, actor="tests")
        invoice = Invoice.objects.get(contract=contract)
        with django_capture_on_commit_callbacks(execute=True):
            invoice_finalize(invoice_id=invoice.pk, actor="tests")
    entries = RevenueScheduleEntry.objects.filter(invoice=invoice).order_by("period_start")
    # 3,650 over 365 days: 10.00 a day, 310.00 in March, deferred at issue.
    assert entries.count() == 12
    assert {e.pattern for e in entries} == {"ratable"}
    assert (entries[0].period_start, entries[0].amount, entries[0].recognized_on) == (
        dt.date(2026, 3, 1), D("310.00"), None)
    assert sum(e.amount for e in entries) == D("3650.00")


def test_applied_amendment_reaches_revrec_through_the_domain_event(django_capture_on_commit_callbacks):
    contract = ContractFactory(start_date=dt.date(2026, 1, 1), end_date=dt.date(2027, 1, 1))
    ContractLine.objects.create(contract=contract, code="platform", charge_model="flat", amount=D("100"),
                                billing_timing="in_advance")
    revenue_contract_ensure(contract_id=contract.pk)
    amendment = amendment_create(
        contract=contract, effective_date=dt.date(2026, 4, 1),
        changes=[{"type": "add_line", "line_data": {
            "code": "support", "description": "Support", "charge_model": "flat", "amount": "50.00",
            "billing_interval": "month", "billing_interval_count": 1, "billing_timing": "in_advance"}}],
    )
    with django_capture_on_commit_callbacks(execute=True):
        amendment_approve(amendment_id=amendment.pk, actor="admin")  # applies (task), then amendment_applied
    modification = RevenueModification.objects.get(amendment_id=amendment.pk)
    # An added distinct service at its list price (no SSP in the table: SSP = list): a separate contract.
    assert modification.treatment == "separate_contract"
    assert D(modification.change["transaction_price_change"]) == D("450.00")  # Apr..Dec, 9 x 50
    support = PerformanceObligation.objects.get(code="support")
    assert (support.allocated_amount, support.start, support.end) == (D("450.00"), dt.date(2026, 4, 1),
                                                                      dt.date(2027, 1, 1))
    assert PerformanceObligation.objects.get(code="platform").allocated_amount == D("1200.00")
    event = AuditEvent.objects.get(action="modification_classified")
    assert event.outcome["treatment"] == "separate_contract"


def test_billing_admin_groups_obligations_to_carry_the_discount(client):
    from django.contrib.auth.models import Group, User

    from access import roles

    # IFRS 15 IE Example 34 with contract lines: A, B, C one-time at 40 / 55 / 45 list, sold for 100
    # (C given at 5): SSPs from the table 40 / 55 / 45.
    contract = ContractFactory(start_date=dt.date(2026, 1, 1), end_date=dt.date(2027, 1, 1))
    for code, price, ssp in (("a", "40", "40"), ("b", "55", "55"), ("c", "5", "45")):
        ContractLine.objects.create(contract=contract, code=code, charge_model="one_time", amount=D(price),
                                    billing_timing="in_advance")
        StandaloneSellingPrice.objects.create(product_code=code, currency="USD", amount=D(ssp),
                                              effective_from=dt.date(2025, 1, 1))
    plan = revenue_contract_ensure(contract_id=contract.pk)
    allocation = {o.code: o.allocated_amount for o in plan.obligations.all()}
    assert allocation == {"a": D("28.57"), "b": D("39.29"), "c": D("32.14")}

    user = User.objects.create_user(username="bill", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.BILLING_ADMIN))
    client.force_login(user)
    for code in ("b", "c"):
        obligation = plan.obligations.get(code=code)
        url = f"/admin/revrec/performanceobligation/{obligation.pk}/change/"
        response = client.post(url, {"discount_group": "bc", "schedule-TOTAL_FORMS": "0",
                                     "schedule-INITIAL_FORMS": "0"})
        assert response.status_code == 302, response.content.decode()[:2000]
    allocation = {o.code: o.allocated_amount for o in plan.obligations.all()}
    assert allocation == {"a": D("40.00"), "b": D("33.00"), "c": D("27.00")}
    assert AuditEvent.objects.filter(action="obligation_discount_group_set", actor="bill").count() == 2
