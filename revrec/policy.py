"""Revenue policies shared by the plan (``revrec.obligations``) and the invoice lines' schedules."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta

# An open-ended (evergreen) contract is planned over this horizon from its start; it is re-derived
# when an amendment sets an end.
OPEN_ENDED_HORIZON = relativedelta(months=12)
# One-time lines with these words are set-up / implementation fees: not distinct from the service,
# so recognised over the contract term (a billing admin can change an obligation's kind).
SETUP_WORDS = ("setup", "set-up", "set up", "implementation", "onboarding")
