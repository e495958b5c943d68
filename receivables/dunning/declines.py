"""Stripe decline codes, classified by what a later retry can do about them. Pure.

From Stripe's documented decline codes (https://docs.stripe.com/declines/codes):
- hard: the card or the account cannot be charged again as it is; a retry cannot succeed and
  card networks penalise retrying them (Visa/Mastercard "do not reattempt" categories). The
  customer must act (new card), so the case goes to an AR analyst at once.
- soft: the issuer refused this charge now (funds, limits, risk rules); a later retry may succeed,
  and its timing matters (payday, business hours).
- transient: the processor, the network or the issuer was unavailable; a retry soon succeeds.
Unknown codes count as soft: retrying a soft decline a few times is what Stripe's own Smart
Retries do, and a hard one is never retried only when we know it is hard.
"""

from __future__ import annotations

HARD = "hard"
SOFT = "soft"
TRANSIENT = "transient"
CLASSES = (HARD, SOFT, TRANSIENT)

HARD_CODES = frozenset(
    {
        "authentication_not_handled",
        "card_not_supported",
        "currency_not_supported",
        "do_not_honor_permanently",
        "do_not_try_again",
        "expired_card",
        "fraudulent",
        "incorrect_cvc",
        "incorrect_number",
        "incorrect_pin",
        "incorrect_zip",
        "invalid_account",
        "invalid_cvc",
        "invalid_expiry_month",
        "invalid_expiry_year",
        "invalid_number",
        "invalid_pin",
        "lost_card",
        "merchant_blacklist",
        "new_account_information_available",
        "no_action_taken",
        "pickup_card",
        "restricted_card",
        "revocation_of_all_authorizations",
        "revocation_of_authorization",
        "security_violation",
        "service_not_allowed",
        "stolen_card",
        "stop_payment_order",
        "testmode_decline",
        "transaction_not_allowed",
    }
)
TRANSIENT_CODES = frozenset(
    {
        "approve_with_id",
        "issuer_not_available",
        "processing_error",
        "reenter_transaction",
        "try_again_later",
        "rate_limit",
        "api_connection_error",
        "offline_pin_required",
        "online_or_offline_pin_required",
    }
)
SOFT_CODES = frozenset(
    {
        "insufficient_funds",
        "card_velocity_exceeded",
        "withdrawal_count_limit_exceeded",
        "generic_decline",
        "card_declined",
        "do_not_honor",
        "call_issuer",
        "not_permitted",
        "duplicate_transaction",
        "invalid_amount",
        "pin_try_exceeded",
    }
)


def decline_class(code: str | None) -> str:
    """hard | soft | transient for a Stripe decline (or error) code; '' for no code (a success)."""
    if not code:
        return ""
    code = code.strip().lower()
    if code in HARD_CODES:
        return HARD
    if code in TRANSIENT_CODES:
        return TRANSIENT
    return SOFT


def is_retryable(code: str | None) -> bool:
    return decline_class(code) != HARD
