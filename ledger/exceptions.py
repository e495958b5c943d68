class UnbalancedEntry(ValueError):
    """Debits and credits of an entry differ (or the entry is empty)."""
