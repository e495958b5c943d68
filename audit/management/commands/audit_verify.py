from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from audit.sealing import audit_chain_seal, audit_chain_verify


class Command(BaseCommand):
    help = (
        "Verify the tamper-evident audit chain: every sealed audit event and history row, every link. "
        "Prints each break (link position, table, row id, what changed) and exits 1 when there is one."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--seal", action="store_true", help="Seal rows not yet sealed first.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["seal"]:
            self.stdout.write(f"Sealed {audit_chain_seal()} rows.")
        result = audit_chain_verify()
        self.stdout.write(f"Checked {result.links} links; head #{result.head_position} {result.head_hash}.")
        for source, count in sorted(result.unsealed.items()):
            self.stdout.write(f"Not yet sealed: {source}: {count} rows.")
        for problem in result.problems:
            self.stdout.write(self.style.ERROR(str(problem)))
        if not result.ok:
            raise CommandError(f"The audit chain is broken: {len(result.problems)} problem(s).")
        self.stdout.write(self.style.SUCCESS("The audit chain is intact."))
