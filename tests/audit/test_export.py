"""The auditor's export: created records with their initial values, history joined with decisions
over a date range, CSV and JSON, hashed and recorded so a file can be re-verified later."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from audit.models import AuditExport
from audit.sealing import audit_chain_seal
from audit.services import audit_record
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


def _download(client, **params: str) -> bytes:  # type: ignore[no-untyped-def]
    response = client.get("/admin/audit/export.csv", params)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.fixture
def trail(db):  # type: ignore[no-untyped-def]
    with time_machine.travel("2026-03-05 10:00Z", tick=False):
        customer = CustomerFactory(name="Acme Inc.", external_id="acme", payment_terms_days=30)
    with time_machine.travel("2026-03-06 10:00Z", tick=False):
        customer.payment_terms_days = 15
        customer.save()
    with time_machine.travel("2026-03-06 10:01Z", tick=False):
        audit_record(rule="dunning.reminder", action="reminder_sent", obj=customer, inputs={"sequence": 1},
                     outcome={"to": ["billing@acme.test"]}, actor="rule:dunning.reminder")
    audit_chain_seal()
    return customer


def test_created_records_export_their_initial_values(admin_client, trail) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.DictReader(io.StringIO(_download(admin_client).decode())))

    created = next(r for r in rows if r["model"] == "contracts.customer" and r["action"] == "created")
    changes = json.loads(created["changes_or_inputs"])
    assert changes["name"] == {"old": None, "new": "Acme Inc."}
    assert changes["payment_terms_days"] == {"old": None, "new": 30}
    changed = next(r for r in rows if r["model"] == "contracts.customer" and r["action"] == "changed")
    assert json.loads(changed["changes_or_inputs"]) == {"payment_terms_days": {"old": 30, "new": 15}}


def test_a_range_joins_history_and_decisions_and_a_change_before_it_keeps_its_diff(admin_client, trail) -> None:  # type: ignore[no-untyped-def]
    body = json.loads(_download(admin_client, format="json", **{"from": "2026-03-06", "to": "2026-03-06"}))

    assert [(r["source"], r["action"]) for r in body] == [("history", "changed"), ("decision", "reminder_sent")]
    change, decision = body
    assert change["changes_or_inputs"] == {"payment_terms_days": {"old": 30, "new": 15}}
    assert (decision["rule"], decision["actor"], decision["changes_or_inputs"], decision["outcome"]) == (
        "dunning.reminder", "rule:dunning.reminder", {"sequence": 1}, {"to": ["billing@acme.test"]}
    )
    assert decision["timestamp"].startswith("2026-03-06T10:01:00")


def test_each_export_is_hashed_and_re_verifiable(admin_client, trail, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    content = _download(admin_client, format="json")

    export = AuditExport.objects.get()
    assert export.sha256 == hashlib.sha256(content).hexdigest()
    assert (export.format, export.created_by, export.rows) == ("json", "admin", len(json.loads(content)))
    assert export.chain_position > 0
    good = tmp_path / "export.json"
    good.write_bytes(content)
    out = io.StringIO()
    call_command("audit_export_verify", str(good), stdout=out)
    assert "The export is authentic." in out.getvalue()

    tampered = tmp_path / "tampered.json"
    tampered.write_bytes(content.replace(b"Acme Inc.", b"Acme Ltd."))
    with pytest.raises(CommandError, match="no export with this hash"):
        call_command("audit_export_verify", str(tampered))


def test_bad_dates_are_a_400(admin_client, trail) -> None:  # type: ignore[no-untyped-def]
    assert admin_client.get("/admin/audit/export.csv", {"from": "March"}).status_code == 400
    assert admin_client.get("/admin/audit/export.csv", {"format": "xml"}).status_code == 400
