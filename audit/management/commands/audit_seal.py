from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from audit.sealing import audit_chain_seal


class Command(BaseCommand):
    help = "Seal every audit event and history row not yet in the tamper-evident chain."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Sealed {audit_chain_seal()} rows.")
