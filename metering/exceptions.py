class MeteringError(Exception):
    """Base for metering errors."""


class EventConflict(MeteringError):
    """An idempotency key already stored with a different body."""
