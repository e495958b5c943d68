from __future__ import annotations

import datetime as dt
from decimal import Decimal
from uuid import uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.exceptions import UnbalancedEntry
from ledger.models import JournalEntry, JournalLine
from ledger.services import Posting, check_balanced, journal_entry_post

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000000"), places=2)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None)
@given(st.lists(amounts, min_size=1, max_size=8))
def test_an_entry_split_across_credits_is_stored_balanced_line_for_line(parts):
    total = sum(parts, Decimal(0))
    postings = [Posting("1100", debit=total)] + [Posting("4000", credit=p) for p in parts]

    entry = journal_entry_post(
        source_key=f"split:{uuid4()}", entry_date=dt.date(2026, 4, 5), memo="split", currency="USD", postings=postings
    )

    lines = list(JournalLine.objects.filter(entry=entry).select_related("account"))
    assert sum(line.debit for line in lines) == sum(line.credit for line in lines) == total
    assert [(line.account.code, line.debit) for line in lines if line.debit] == [("1100", total)]
    assert sorted(line.credit for line in lines if line.credit) == sorted(parts)


@given(st.lists(amounts, min_size=1, max_size=8), amounts)
def test_any_difference_is_refused(parts, extra):
    postings = [Posting("1100", debit=sum(parts, Decimal(0)) + extra)] + [Posting("4000", credit=p) for p in parts]
    with pytest.raises(UnbalancedEntry):
        check_balanced(postings)


def test_two_sided_or_negative_lines_are_refused():
    with pytest.raises(UnbalancedEntry):
        check_balanced([Posting("1100", debit=Decimal(1), credit=Decimal(1))])
    with pytest.raises(UnbalancedEntry):
        check_balanced([Posting("1100", debit=Decimal(-1)), Posting("4000", credit=Decimal(-1))])


@pytest.mark.django_db
def test_posting_is_idempotent_by_source_key():
    kwargs = {"source_key": "invoice:1:issued", "entry_date": dt.date(2026, 4, 5), "memo": "x", "currency": "USD",
              "postings": [Posting("1100", debit=Decimal("720")), Posting("4000", credit=Decimal("720"))]}
    first = journal_entry_post(**kwargs)
    second = journal_entry_post(**kwargs)
    assert first.pk == second.pk
    assert JournalEntry.objects.count() == 1
    assert JournalLine.objects.count() == 2


@pytest.mark.django_db
def test_unbalanced_posting_writes_nothing():
    with pytest.raises(UnbalancedEntry):
        journal_entry_post(source_key="bad", entry_date=dt.date(2026, 4, 5), memo="x", currency="USD",
                           postings=[Posting("1100", debit=Decimal("720")), Posting("4000", credit=Decimal("700"))])
    assert JournalEntry.objects.count() == 0


def test_signed_postings_flip_sides_for_credits():
    from ledger.services import signed

    assert signed("1100", Decimal("-387.10")) == Posting("1100", credit=Decimal("387.10"))
    assert signed("1100", Decimal("5")) == Posting("1100", debit=Decimal("5"))
    check_balanced([signed("1100", Decimal("-387.10")), signed("2100", Decimal("387.10"))])
