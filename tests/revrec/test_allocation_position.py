"""The contract position's two sides (contract asset / contract liability), as a property."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from revrec.allocation_postings import position_move


@given(
    before=st.decimals(min_value=-10_000, max_value=10_000, places=2),
    amount=st.decimals(min_value=-10_000, max_value=10_000, places=2),
)
def test_a_contract_position_moves_its_asset_and_liability_sides_exactly(before, amount):
    asset, liability = position_move(before, amount)
    assert asset - liability == amount  # the entry balances against revenue
    after = before + amount
    # After the move the asset holds the positive part of the position, the liability the negative.
    assert max(before, 0) + asset == max(after, 0)
    assert max(-before, 0) + liability == max(-after, 0)
    # Never both sides at once at the end: a position is an asset or a liability.
    assert min(max(before, 0) + asset, max(-before, 0) + liability) == 0
