"""The standard chart of accounts the billing flows post to."""

from __future__ import annotations

STANDARD_ACCOUNTS: list[tuple[str, str, str]] = [
    ("1000", "Cash", "asset"),
    ("1100", "Accounts receivable", "asset"),
    ("1150", "Unbilled receivable (contract asset)", "asset"),
    ("2100", "Deferred revenue", "liability"),
    ("2200", "Sales tax payable", "liability"),
    ("4000", "Revenue", "revenue"),
    ("6100", "Bad debt expense", "expense"),
    ("6200", "Payment processing fees", "expense"),
]
