"""ASC 606 / IFRS 15 revenue arithmetic, pure (no Django, no ORM, no clock).

The preview API (``POST /api/v1/revrec/preview``) and the revenue engine that books schedules
for contracts both call :func:`compute`; nothing here reads the database or settings.
"""

from __future__ import annotations

from .allocation import AllocationError, allocate
from .compute import RevenueResult, ScheduleItem, compute
from .inputs import (
    ContractInput,
    Milestone,
    Modification,
    Obligation,
    RevenueInputError,
    parse_contract_input,
)

__all__ = [
    "AllocationError",
    "ContractInput",
    "Milestone",
    "Modification",
    "Obligation",
    "RevenueInputError",
    "RevenueResult",
    "ScheduleItem",
    "allocate",
    "compute",
    "parse_contract_input",
]
