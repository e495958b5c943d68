"""Errors of the provider boundary, split by what a sync does next."""

from __future__ import annotations


class IntegrationError(Exception):
    """Anything a provider call can raise; ``retryable`` says whether a later attempt may succeed."""

    retryable = True

    def __init__(self, message: str, *, retry_after: float | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.status = status


class RetryableError(IntegrationError):
    """Rate limit, timeout, 5xx: try again later (after ``retry_after`` seconds when the provider says)."""


class RejectedError(IntegrationError):
    """The provider refused this object (validation, locked period, unmapped account): retrying the
    same payload fails again, so it waits for a person, and the other objects carry on."""

    retryable = False


class AuthorizationError(IntegrationError):
    """The tokens are gone or revoked even after a refresh: someone must authorize again."""

    retryable = False


class NotConfiguredError(IntegrationError):
    retryable = False
