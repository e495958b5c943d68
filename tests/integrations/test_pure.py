"""The pure parts: GL journal grouping (hypothesis properties) and the CRM deal mapping."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from integrations.crm.mapping import Deal, DealLine, ProductRule, deal_changes, deal_proposal
from integrations.gl.journal import LedgerLine, daily_summary, per_document

ACCOUNTS = ["1000", "1100", "2100", "4000"]
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)


@st.composite
def ledgers(draw: st.DrawFn) -> list[LedgerLine]:
    lines = []
    for entry_id in range(1, draw(st.integers(1, 12)) + 1):
        day = dt.date(2026, 3, draw(st.integers(1, 5)))
        currency = draw(st.sampled_from(["USD", "EUR"]))
        debit_account, credit_account = draw(st.lists(st.sampled_from(ACCOUNTS), min_size=2, max_size=2, unique=True))
        amount = draw(amounts)
        customer = draw(st.sampled_from([None, 1, 2, 3]))
        for account, debit, credit in ((debit_account, amount, Decimal(0)), (credit_account, Decimal(0), amount)):
            lines.append(LedgerLine(entry_id, day, currency, f"k{entry_id}", f"m{entry_id}", account, debit, credit,
                                    customer))
    return lines


@given(ledgers())
def test_daily_summary_splits_receivables_per_customer_and_nothing_else(lines):
    journals = daily_summary(lines, entity_accounts={"1100"})

    assert all(journal.is_balanced() for journal in journals)
    expected: dict[tuple, Decimal] = defaultdict(Decimal)
    for line in lines:
        customer = line.customer_id if line.account_code == "1100" else None
        expected[(line.entry_date, line.currency, line.account_code, customer)] += line.debit - line.credit
    posted: dict[tuple, Decimal] = defaultdict(Decimal)
    for journal in journals:
        for row in journal.lines:
            key = (journal.entry_date, journal.currency, row.account_code, row.customer_id)
            assert key not in posted  # one line per account and customer
            posted[key] = row.debit - row.credit
    assert {k: v for k, v in expected.items() if v} == dict(posted)
    assert all(row.customer_id is None for journal in journals for row in journal.lines if row.account_code != "1100")


@given(ledgers())
def test_per_document_names_the_customer_on_receivable_lines_only(lines):
    journals = per_document(lines, entity_accounts={"1100"})

    by_entry = {line.entry_id: line.customer_id for line in lines}
    for journal in journals:
        for row in journal.lines:
            assert row.customer_id == (by_entry[journal.entry_ids[0]] if row.account_code == "1100" else None)


@given(ledgers())
def test_daily_summary_balances_keeps_every_entry_once_and_nets_each_account(lines):
    journals = daily_summary(lines)

    assert all(journal.is_balanced() for journal in journals)
    ids = [entry_id for journal in journals for entry_id in journal.entry_ids]
    assert sorted(ids) == sorted({line.entry_id for line in lines})
    expected: dict[tuple, Decimal] = defaultdict(Decimal)
    for line in lines:
        expected[(line.entry_date, line.currency, line.account_code)] += line.debit - line.credit
    posted: dict[tuple, Decimal] = defaultdict(Decimal)
    for journal in journals:
        for row in journal.lines:
            posted[(journal.entry_date, journal.currency, row.account_code)] += row.debit - row.credit
    assert {k: v for k, v in expected.items() if v} == dict(posted)


@given(ledgers())
def test_per_document_is_one_balanced_journal_per_entry(lines):
    journals = per_document(lines)

    assert [j.entry_ids for j in journals] == [[i] for i in sorted({line.entry_id for line in lines})]
    assert all(journal.is_balanced() for journal in journals)


def test_a_posted_day_gets_a_follow_up_journal():
    line = LedgerLine(9, dt.date(2026, 3, 5), "USD", "k", "m", "1100", Decimal(5), Decimal(0))
    other = LedgerLine(9, dt.date(2026, 3, 5), "USD", "k", "m", "4000", Decimal(0), Decimal(5))

    (journal,) = daily_summary([line, other], taken_keys=["day:2026-03-05:USD", "day:2026-03-05:USD:2"])

    assert journal.key == "day:2026-03-05:USD:3"
    assert journal.doc_number == "AB-20260305-USD-3"


def _deal(lines, **fields):
    return Deal(id="D1", name="Deal", account_id="A1", account_name="Acme", close_date=dt.date(2026, 3, 9),
                currency=None, contact_email="ap@acme.test", contact_name="Pat", address={"city": "Boston"},
                lines=lines, fields=fields)


def _line(code, price="10", quantity="1", **fields):
    return DealLine(id=code, product_code=code, product_name=code.title(), quantity=Decimal(quantity),
                    unit_price=Decimal(price), total=Decimal(price) * Decimal(quantity), fields=fields)


RULES = [ProductRule("SEATS", "per_seat", quantity_field="seats"), ProductRule("*", "flat", price_field="amount")]


def test_proposal_maps_lines_defaults_the_start_to_the_close_date_and_dedupes_codes():
    proposal = deal_proposal(deal=_deal([_line("SEATS", "20", "5"), _line("X"), _line("X")]), rules=RULES,
                             field_sources={}, default_currency="usd", id_prefix="sf")

    assert proposal.errors == {}
    contract = proposal.contract
    assert (contract["start_date"], contract["currency"], contract["external_id"]) == ("2026-03-09", "USD", "sf-D1")
    assert [(x["code"], x["charge_model"]) for x in contract["lines"]] == [
        ("seats", "per_seat"), ("x", "flat"), ("x-2", "flat")]
    assert contract["lines"][0]["seats"] == "5"
    assert contract["lines"][0]["unit_price"] == "20"
    assert proposal.customer["external_id"] == "sf-A1"


def test_proposal_errors_name_the_paths():
    proposal = deal_proposal(
        deal=_deal([_line("SEATS", Tiers="not json")], Start="not a date"),
        rules=[ProductRule("SEATS", "graduated", price_field="")],
        field_sources={"line.tiers": "Tiers", "contract.start_date": "Start"}, default_currency="USD",
        id_prefix="sf",
    )

    assert proposal.errors == {"lines[0].tiers": ["Tiers is not JSON tiers: not json"]}
    assert proposal.contract["start_date"] == "2026-03-09"  # an unparsable mapped date falls back


def test_changes_reprice_add_end_and_replace_a_line_whose_cadence_changed():
    old = deal_proposal(deal=_deal([_line("SEATS", "20", "5"), _line("X")]), rules=RULES, field_sources={},
                        default_currency="USD", id_prefix="sf")
    rules = [ProductRule("SEATS", "per_seat", quantity_field="seats", billing_interval="year"), RULES[1]]
    new = deal_proposal(deal=_deal([_line("SEATS", "20", "5"), _line("Y")]), rules=rules, field_sources={},
                        default_currency="USD", id_prefix="sf")
    accepted = {"customer": old.customer, "contract": old.contract}
    proposed = {"customer": new.customer, "contract": new.contract}

    change = deal_changes(accepted=accepted, proposed=proposed, effective_date=dt.date(2026, 4, 1))

    assert [(c["type"], c.get("line") or c["line_data"]["code"]) for c in change.changes] == [
        ("end_line", "seats"), ("add_line", "seats-20260401"), ("add_line", "y"), ("end_line", "x")]
    assert change.conflicts == []


@given(ledgers())
def test_netsuite_journal_lines_carry_the_entity_of_their_customer_only(lines):
    from integrations.providers.netsuite import journal_body

    accounts = {code: str(110 + n) for n, code in enumerate(ACCOUNTS)}
    customers = {1: "301", 2: "302", 3: "303"}
    for journal in daily_summary(lines, entity_accounts={"1100"}) + per_document(lines, entity_accounts={"1100"}):
        rows = journal_body(journal, accounts, {"subsidiary_id": "1"}, customers)["line"]["items"]
        assert len(rows) == len(journal.lines)
        for line, row in zip(journal.lines, rows, strict=True):
            assert row["account"] == {"id": accounts[line.account_code]}
            if line.account_code == "1100" and line.customer_id is not None:
                assert row["entity"] == {"id": customers[line.customer_id]}
            else:
                assert "entity" not in row
        assert sum(Decimal(str(r.get("debit", 0))) for r in rows) == sum(Decimal(str(r.get("credit", 0))) for r in rows)


@given(st.integers(min_value=1, max_value=10**15), st.integers(min_value=1, max_value=10**15))
def test_netsuite_customer_external_ids_are_valid_and_one_per_customer(a, b):
    import re

    from integrations.providers.netsuite import customer_external_key

    key = customer_external_key({"id": a})
    assert re.fullmatch(r"[A-Za-z0-9_-]+", key)  # NetSuite's external id characters
    assert (key == customer_external_key({"id": b})) == (a == b)
