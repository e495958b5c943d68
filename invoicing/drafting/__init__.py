"""Drafting: from contracts and usage to draft invoices.

``periods`` (which line periods are due and what they cost), ``recurring`` (a contract's recurring
drafts), ``billing_run`` (every contract, in chunks), ``late_usage``, ``commitments`` (minimums and
yearly true-ups), ``prepaid_credits`` (pools drawn by usage), ``milestones``, ``amendment_proration``,
``completion`` (tax, totals and the review decision every draft ends with), ``review`` (holds and
corrections before issue), ``preview`` (rating without billing), ``snapshots``."""
