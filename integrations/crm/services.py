"""CRM deals to customers, contracts and amendments, through contracts' own services.

A deal read for the first time proposes a customer (upserted by the CRM account id) and a
contract; a billing admin approves it (or the connection creates it at once). A deal read again
with a different proposal never touches the contract: its line changes become a draft amendment
for a billing admin, and the rest conflicts shown side by side."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import actor_label, audit_record
from contracts.amendments import AmendmentError
from contracts.choices import AmendmentStatus
from contracts.models import Customer
from contracts.services import amendment_cancel, amendment_create, contract_create, customer_create

from ..choices import DealStatus, Provider, SyncItemStatus
from ..exceptions import RejectedError
from ..models import Connection, CrmCustomerLink, CrmDeal, CrmFieldMapping, CrmProductMapping, SyncRun
from ..sync import sync_item_ensure
from .mapping import Deal, ProductRule, deal_changes, deal_proposal


class DealStateError(Exception):
    """An action the deal's status does not allow."""


ID_PREFIX = {Provider.SALESFORCE: "sf", Provider.HUBSPOT: "hs"}


def crm_provider(connection: Connection) -> Any:
    return _provider(connection)


def _provider(connection: Connection) -> Any:
    if connection.provider == Provider.SALESFORCE:
        from ..providers import salesforce

        return salesforce
    if connection.provider == Provider.HUBSPOT:
        from ..providers import hubspot

        return hubspot
    raise RejectedError(f"{connection.provider} is not a CRM.")


def _rules(connection: Connection) -> tuple[list[ProductRule], dict[str, str]]:
    rules = [
        ProductRule(
            product_code=m.product_code, charge_model=m.charge_model, line_code=m.line_code,
            description=m.description, metric=m.metric, price_field=m.price_field, quantity_field=m.quantity_field,
            params=m.params or {}, billing_interval=m.billing_interval,
            billing_interval_count=m.billing_interval_count, billing_timing=m.billing_timing,
        )
        for m in CrmProductMapping.objects.filter(connection=connection)
    ]
    sources = dict(CrmFieldMapping.objects.filter(connection=connection).values_list("target", "source"))
    return rules, sources


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _proposal(connection: Connection, deal: Deal) -> tuple[dict[str, Any], dict[str, list[str]], str | None]:
    rules, sources = _rules(connection)
    proposal = deal_proposal(
        deal=deal, rules=rules, field_sources=sources, default_currency=connection.default_currency,
        id_prefix=ID_PREFIX.get(connection.provider, connection.provider),
    )
    return {"customer": proposal.customer, "contract": proposal.contract}, proposal.errors, \
        proposal.amendment_effective_date


def _settle_amendment(record: CrmDeal) -> None:
    """A proposed amendment a billing admin approved makes the deal's proposal the accepted terms;
    a cancelled one leaves the contract as it was (the same proposal is not made again)."""
    if record.status != DealStatus.AMENDMENT_PROPOSED or record.amendment is None:
        return
    status = record.amendment.status
    if status in (AmendmentStatus.APPROVED, AmendmentStatus.APPLIED):
        accepted = dict(record.accepted)
        accepted["contract"] = {**accepted.get("contract", {}), "lines": record.proposed["contract"]["lines"]}
        record.accepted = accepted
        record.status = DealStatus.CONFLICT if record.conflicts else DealStatus.IMPORTED
    elif status == AmendmentStatus.CANCELLED:
        record.status = DealStatus.CONFLICT if record.conflicts else DealStatus.IMPORTED


def _locked_deal(connection: Connection, deal: Deal) -> CrmDeal:
    try:
        with transaction.atomic():
            CrmDeal.objects.get_or_create(connection=connection, crm_id=deal.id)
    except IntegrityError:
        pass  # a concurrent sync created it; lock it below
    return (
        CrmDeal.objects.select_for_update(of=("self",))
        .select_related("amendment")
        .get(connection=connection, crm_id=deal.id)
    )


def crm_deal_upsert(*, connection: Connection, deal: Deal, actor: Any = None) -> CrmDeal:
    """Record a closed-won deal as read now (see the module docstring). Safe to run twice or
    concurrently: the deal row is unique per connection and locked while it is decided."""
    rule = f"integrations.{connection.provider}.deal_import"
    actor = actor or f"rule:{rule}"
    proposed, errors, effective = _proposal(connection, deal)
    with transaction.atomic():
        record = _locked_deal(connection, deal)
        _settle_amendment(record)
        record.name = deal.name[:255]
        record.crm_account_id = deal.account_id
        record.snapshot = _jsonable(asdict(deal))
        record.crm_modified_at = _modified(connection, deal)
        before = record.status
        if errors:
            record.errors = errors
            if record.contract_id is None:
                record.status = DealStatus.INVALID
            record.save()
            audit_record(rule=rule, action="deal_unmappable", obj=record, actor=actor,
                         inputs={"crm_id": deal.id}, outcome={"errors": errors})
            return record
        record.errors = {}
        if record.contract_id is None:
            if record.status == DealStatus.REJECTED and record.proposed == proposed:
                record.save()
                return record
            changed = record.proposed != proposed
            record.proposed = proposed
            record.status = DealStatus.PENDING_APPROVAL
            record.save()
            if changed or before != record.status:
                audit_record(rule=rule, action="deal_imported", obj=record, actor=actor,
                             inputs={"crm_id": deal.id, "modified": deal.modified_at},
                             outcome={"status": record.status, "contract": proposed["contract"]})
            if connection.activate_contracts:
                return crm_deal_approve(deal_id=record.pk, actor=actor)
            return record
        if proposed == record.accepted and record.proposed != proposed:
            # Changed back to the accepted terms: the proposal made in between is withdrawn.
            if record.amendment is not None and record.amendment.status == AmendmentStatus.DRAFT:
                amendment_cancel(amendment_id=record.amendment.pk, actor=actor)
            record.proposed = proposed
            record.conflicts = []
            record.status = DealStatus.IMPORTED
            record.save()
            audit_record(rule=rule, action="deal_change_withdrawn", obj=record, actor=actor,
                         inputs={"crm_id": deal.id}, outcome={"status": record.status})
            return record
        if proposed in (record.accepted, record.proposed):
            record.save()  # unchanged since accepted, or the same change already proposed
            return record
        _propose_amendment(record, proposed, effective, actor, rule)
    return record


def _modified(connection: Connection, deal: Deal) -> datetime | None:
    return _provider(connection).deal_modified_at(deal)


def _propose_amendment(record: CrmDeal, proposed: dict[str, Any], effective: str | None, actor: Any,
                       rule: str) -> None:
    contract = record.contract
    assert contract is not None
    today = timezone.now().date()
    effective_date = date.fromisoformat(effective) if effective else max(today, contract.start_date)
    change = deal_changes(accepted=record.accepted, proposed=proposed, effective_date=effective_date)
    if record.amendment is not None and record.amendment.status == AmendmentStatus.DRAFT:
        # Superseded by the deal's newer change: one open proposal per deal.
        amendment_cancel(amendment_id=record.amendment.pk, actor=actor)
    conflicts = list(change.conflicts)
    amendment = None
    if change.changes:
        try:
            amendment = amendment_create(
                contract=contract, effective_date=effective_date, changes=change.changes,
                reason=f"CRM deal {record.crm_id} changed after import ({record.connection.name}).", actor=actor,
            )
        except AmendmentError as exc:
            conflicts += [{"field": path, "accepted": None, "crm": " ".join(messages)}
                          for path, messages in exc.fields.items()]
    record.proposed = proposed
    record.conflicts = _jsonable(conflicts)
    record.amendment = amendment
    record.status = DealStatus.AMENDMENT_PROPOSED if amendment is not None else DealStatus.CONFLICT
    record.save()
    audit_record(
        rule=rule, action="deal_change_proposed", obj=record, actor=actor,
        inputs={"crm_id": record.crm_id, "accepted": record.accepted, "proposed": proposed},
        outcome={"amendment": amendment.pk if amendment else None, "changes": _jsonable(change.changes),
                 "conflicts": record.conflicts},
    )


def _customer_upsert(record: CrmDeal, data: dict[str, Any], actor: Any) -> Customer:
    link = CrmCustomerLink.objects.filter(connection=record.connection, crm_account_id=record.crm_account_id).first()
    if link is not None:
        return link.customer
    customer = Customer.objects.filter(external_id=data["external_id"]).first()
    if customer is None:
        address = data.get("address") or {}
        fields = {k: v for k, v in data.items() if k not in ("address", "contacts")}
        fields.update({
            "address_line1": address.get("line1", ""), "city": address.get("city", ""),
            "region": address.get("region", ""), "postal_code": address.get("postal_code", ""),
            "country": address.get("country", ""),
        })
        customer = customer_create(actor=actor, **fields)
    CrmCustomerLink.objects.create(connection=record.connection, crm_account_id=record.crm_account_id,
                                   customer=customer)
    return customer


def _flat_errors(errors: Any, prefix: str = "") -> dict[str, list[str]]:
    if isinstance(errors, dict):
        out: dict[str, list[str]] = {}
        for key, value in errors.items():
            path = key if key != "non_field_errors" else "contract"
            out.update(_flat_errors(value, f"{prefix}{path}" if not prefix else f"{prefix}.{path}"))
        return out
    if isinstance(errors, list) and errors and all(isinstance(e, str) for e in errors):
        return {prefix or "contract": [str(e) for e in errors]}
    return {prefix or "contract": [str(errors)]}


def crm_deal_approve(*, deal_id: int, actor: Any) -> CrmDeal:
    """pending approval -> imported: upsert the customer by its CRM account and create the
    contract, validated exactly as ``POST /api/v1/contracts``. A contract the validation refuses
    (an unknown meter, a bad tier) leaves the deal invalid with the messages, nothing created."""
    from contracts.api.serializers import ContractWriteSerializer

    with transaction.atomic():
        record = CrmDeal.objects.select_for_update(of=("self",)).select_related("connection").get(pk=deal_id)
        if record.status != DealStatus.PENDING_APPROVAL:
            raise DealStateError(f"Only a deal awaiting approval can be approved; this one is {record.status}.")
        sid = transaction.savepoint()
        try:
            customer = _customer_upsert(record, dict(record.proposed["customer"]), actor)
        except ValidationError as exc:
            customer, errors = None, {f"customer.{k}": v for k, v in exc.message_dict.items()}
        if customer is not None:
            data = {**record.proposed["contract"], "customer": customer.external_id}
            serializer = ContractWriteSerializer(data=data)
            errors = {} if serializer.is_valid() else _flat_errors(serializer.errors)
        if errors or customer is None:
            transaction.savepoint_rollback(sid)
            record.errors = errors
            record.status = DealStatus.INVALID
            record.save()
            audit_record(rule="integrations.deal_approve", action="deal_contract_refused", obj=record, actor=actor,
                         inputs={"proposed": record.proposed}, outcome={"errors": record.errors})
            return record
        transaction.savepoint_commit(sid)
        validated = dict(serializer.validated_data)
        validated.pop("customer")
        lines = validated.pop("lines")
        contract = contract_create(customer=customer, lines=lines, actor=actor, **validated)
        record.customer = customer
        record.contract = contract
        record.accepted = record.proposed
        record.status = DealStatus.IMPORTED
        record.errors = {}
        record.decided_by = actor_label(actor)
        record.decided_at = timezone.now()
        record.save()
        audit_record(rule="integrations.deal_approve", action="deal_contract_created", obj=record, actor=actor,
                     inputs={"crm_id": record.crm_id}, outcome={"customer": customer.pk, "contract": contract.pk})
    return record


def crm_deal_reject(*, deal_id: int, actor: Any) -> CrmDeal:
    with transaction.atomic():
        record = CrmDeal.objects.select_for_update(of=("self",)).get(pk=deal_id)
        if record.status not in (DealStatus.PENDING_APPROVAL, DealStatus.INVALID):
            raise DealStateError(f"Only a deal awaiting approval can be rejected; this one is {record.status}.")
        record.status = DealStatus.REJECTED
        record.decided_by = actor_label(actor)
        record.decided_at = timezone.now()
        record.save()
        audit_record(rule="integrations.deal_reject", action="deal_rejected", obj=record, actor=actor,
                     inputs={"crm_id": record.crm_id}, outcome={"status": record.status})
    return record


def crm_deal_conflicts_resolve(*, deal_id: int, actor: Any) -> CrmDeal:
    """A person settled the conflicts by hand: the CRM's contract and customer terms become the
    accepted ones (the lines stay as accepted until their amendment is approved)."""
    with transaction.atomic():
        record = CrmDeal.objects.select_for_update(of=("self",)).select_related("amendment").get(pk=deal_id)
        if record.status != DealStatus.CONFLICT and not record.conflicts:
            raise DealStateError("This deal has no conflicts to resolve.")
        accepted_lines = record.accepted.get("contract", {}).get("lines", [])
        record.accepted = {
            "customer": record.proposed.get("customer", {}),
            "contract": {**record.proposed.get("contract", {}), "lines": accepted_lines},
        }
        resolved = record.conflicts
        record.conflicts = []
        pending = record.amendment is not None and record.amendment.status == AmendmentStatus.DRAFT
        record.status = DealStatus.AMENDMENT_PROPOSED if pending else DealStatus.IMPORTED
        record.save()
        audit_record(rule="integrations.deal_conflicts_resolve", action="deal_conflicts_resolved", obj=record,
                     actor=actor, inputs={"conflicts": resolved}, outcome={"status": record.status})
    return record


def crm_sync(*, connection: Connection, run: SyncRun | None) -> None:
    """Read the closed-won deals modified since the watermark and upsert each. The watermark
    moves to the newest deal read only past deals that were recorded: a deal that failed is read
    again next time (``>=`` on the CRM's modification time, and unchanged deals are no-ops)."""
    provider = _provider(connection)
    _, sources = _rules(connection)
    deal_fields = [s for t, s in sources.items() if not t.startswith("line.")]
    line_fields = [s for t, s in sources.items() if t.startswith("line.")]
    deals = provider.deals_fetch(connection=connection, since=connection.watermark,
                                 deal_fields=deal_fields, line_fields=line_fields)
    watermark = connection.watermark
    failed_at: datetime | None = None
    for deal in deals:
        item, _ = sync_item_ensure(connection=connection, object_type="deal", object_key=deal.id)
        modified = provider.deal_modified_at(deal)
        try:
            record = crm_deal_upsert(connection=connection, deal=deal)
        except Exception as exc:  # one bad deal must not stop the others; it is logged on its item
            item.status = SyncItemStatus.FAILED
            item.attempts += 1
            item.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
            item.last_run = run
            item.save()
            if run is not None:
                run.failed += 1
            failed_at = min(failed_at, modified) if failed_at and modified else (failed_at or modified)
            audit_record(rule=f"integrations.{connection.provider}.deal_import", action="deal_import_failed",
                         obj=item, inputs={"crm_id": deal.id}, outcome={"error": item.last_error})
            continue
        item.status = SyncItemStatus.SYNCED if record.status != DealStatus.INVALID else SyncItemStatus.REJECTED
        item.attempts += 1
        item.external_id = deal.id
        item.last_error = "; ".join(f"{k}: {' '.join(v)}" for k, v in record.errors.items())[:2000]
        item.last_run = run
        item.synced_at = timezone.now()
        item.save()
        if run is not None:
            if record.status == DealStatus.INVALID:
                run.failed += 1
            else:
                run.synced += 1
        if modified and (watermark is None or modified > watermark):
            watermark = modified
    if failed_at is not None and (watermark is None or failed_at < watermark):
        watermark = failed_at
    if watermark != connection.watermark:
        connection.watermark = watermark
        connection.save(update_fields=["watermark"])
