from __future__ import annotations

from django.dispatch import Signal

# Sent after commit once an amendment has been approved. kwargs: amendment_id (int).
amendment_approved = Signal()
# Sent after commit once an amendment's line versions exist (applied). kwargs: amendment_id (int).
amendment_applied = Signal()
