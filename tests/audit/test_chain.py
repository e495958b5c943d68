"""The tamper-evident audit chain: sealing, and ``audit_verify`` finding edited, deleted and
reordered rows and links, and saying where the chain breaks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st

from audit.chain import link_hash, row_hash
from audit.models import AuditEvent, ChainHead, ChainLink
from audit.sealing import audit_chain_seal, audit_chain_verify
from audit.services import audit_record
from tests.factories import CustomerFactory


def test_row_hash_is_canonical() -> None:
    at = dt.datetime(2026, 3, 5, 12, tzinfo=dt.UTC)
    assert row_hash({"a": D("100.0000"), "b": at}) == row_hash({"b": at, "a": D("100")})
    assert row_hash({"a": D("100.01")}) != row_hash({"a": D("100.1")})
    assert row_hash({"j": {"x": 1, "y": [1, 2]}}) == row_hash({"j": {"y": [1, 2], "x": 1}})


@given(st.dictionaries(st.text(max_size=5), st.one_of(st.integers(), st.text(max_size=8), st.none(),
                                                        st.decimals(allow_nan=False, allow_infinity=False))))
def test_any_row_hashes_the_same_twice_and_links_chain(values: dict) -> None:  # type: ignore[type-arg]
    assert row_hash(values) == row_hash(dict(reversed(list(values.items()))))
    first = link_hash(previous_hash="0" * 64, position=1, source="s", row_id=1, content_hash=row_hash(values))
    assert link_hash(previous_hash=first, position=2, source="s", row_id=1, content_hash="x") != first


@pytest.fixture
def sealed(db) -> dict[str, object]:  # type: ignore[no-untyped-def]
    customer = CustomerFactory(name="Acme Inc.")
    customer.name = "Acme Incorporated"
    customer.save()
    events = [
        audit_record(rule="dunning.retry_plan", action="dunning_case_advanced", object_type="x", object_id=i,
                     inputs={"retries_done": i}, outcome={"next_retry_at": "2026-03-09"})
        for i in range(3)
    ]
    sealed_count = audit_chain_seal()
    return {"customer": customer, "events": events, "sealed": sealed_count}


def _kinds(result) -> list[tuple[str, str, int | None]]:  # type: ignore[no-untyped-def]
    return [(p.kind, p.source, p.row_id) for p in result.problems]


def test_sealing_covers_audit_events_and_history_once(sealed) -> None:  # type: ignore[no-untyped-def]
    assert sealed["sealed"] == ChainLink.objects.count() >= 5  # 3 events + 2 customer history rows (+ others)
    assert audit_chain_seal() == 0  # nothing new: sealed once
    assert set(ChainLink.objects.values_list("source", flat=True)) >= {"audit.auditevent",
                                                                       "contracts.historicalcustomer"}
    head = ChainHead.objects.get()
    assert (head.position, head.hash) == (ChainLink.objects.count(), ChainLink.objects.last().hash)

    result = audit_chain_verify()
    assert result.ok, result.problems
    assert result.links == sealed["sealed"]
    assert result.unsealed == {}

    audit_record(rule="late", action="x")
    assert audit_chain_verify().unsealed == {"audit.auditevent": 1}
    assert audit_chain_seal() == 1
    assert audit_chain_verify().ok


def test_an_edited_audit_event_is_found_where_it_is(sealed) -> None:  # type: ignore[no-untyped-def]
    event = sealed["events"][1]
    AuditEvent.objects.filter(pk=event.pk).update(outcome={"next_retry_at": "2026-12-31"})

    result = audit_chain_verify()

    link = ChainLink.objects.get(source="audit.auditevent", row_id=event.pk)
    assert _kinds(result) == [("edited", "audit.auditevent", event.pk)]
    assert result.problems[0].position == link.position


def test_an_edited_or_deleted_history_row_is_found(sealed) -> None:  # type: ignore[no-untyped-def]
    history = sealed["customer"].history.model
    first, second = history.objects.order_by("history_id")[:2]
    history.objects.filter(pk=first.pk).update(name="Someone else")
    history.objects.filter(pk=second.pk).delete()

    assert sorted(_kinds(audit_chain_verify())) == [
        ("deleted", "contracts.historicalcustomer", second.pk),
        ("edited", "contracts.historicalcustomer", first.pk),
    ]


def test_reordered_or_removed_links_break_the_chain_there(sealed) -> None:  # type: ignore[no-untyped-def]
    links = list(ChainLink.objects.order_by("position"))
    a, b = links[1], links[2]
    ChainLink.objects.filter(pk=a.pk).update(position=-1)
    ChainLink.objects.filter(pk=b.pk).update(position=a.position)
    ChainLink.objects.filter(pk=a.pk).update(position=b.position)

    result = audit_chain_verify()

    assert {(p.kind, p.position) for p in result.problems} >= {("chain_broken", a.position),
                                                               ("link_edited", a.position)}


def test_a_rewritten_link_is_caught(sealed) -> None:  # type: ignore[no-untyped-def]
    event = sealed["events"][0]
    AuditEvent.objects.filter(pk=event.pk).update(rule="someone.else")
    link = ChainLink.objects.get(source="audit.auditevent", row_id=event.pk)
    forged = row_hash(AuditEvent.objects.filter(pk=event.pk).values(
        *[f.attname for f in AuditEvent._meta.concrete_fields]).get())
    ChainLink.objects.filter(pk=link.pk).update(row_hash=forged)

    assert _kinds(audit_chain_verify()) == [("link_edited", "audit.auditevent", event.pk)]


def test_audit_verify_command_says_where_the_chain_breaks(sealed) -> None:  # type: ignore[no-untyped-def]
    out = StringIO()
    call_command("audit_verify", stdout=out)
    assert "The audit chain is intact." in out.getvalue()

    event = sealed["events"][2]
    AuditEvent.objects.filter(pk=event.pk).delete()
    position = ChainLink.objects.get(source="audit.auditevent", row_id=event.pk).position
    out = StringIO()
    with pytest.raises(CommandError, match="broken: 1 problem"):
        call_command("audit_verify", stdout=out)
    assert f"link #{position} audit.auditevent:{event.pk}: deleted" in out.getvalue()


def test_admin_check_page(admin_client, sealed) -> None:  # type: ignore[no-untyped-def]
    assert "The audit chain is intact" in admin_client.get("/admin/audit/chain-check/").content.decode()
    AuditEvent.objects.filter(pk=sealed["events"][0].pk).update(actor="mallory")
    html = admin_client.get("/admin/audit/chain-check/").content.decode()
    assert "The audit chain is broken: 1 problem" in html
    assert "edited" in html
