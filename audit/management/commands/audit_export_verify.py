from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from audit.export import audit_export_find
from audit.models import ChainLink


class Command(BaseCommand):
    help = "Re-verify an auditor's export file: its SHA-256 must be that of an export we recorded, "\
        "and the chain it was made against must be unchanged."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        sha, export = audit_export_find(content=options["file"].read_bytes())
        if export is None:
            raise CommandError(f"SHA-256 {sha}: no export with this hash was made (altered, or not ours).")
        self.stdout.write(
            f"SHA-256 {sha}: export #{export.pk} made {export.created_at:%Y-%m-%d %H:%M:%S} UTC by "
            f"{export.created_by}, {export.format}, {export.rows} rows, range {export.start or '-'} to "
            f"{export.end or '-'}."
        )
        if export.chain_position:
            link = ChainLink.objects.filter(position=export.chain_position).first()
            if link is None or link.hash != export.chain_hash:
                raise CommandError(f"The audit chain was rewritten since: link #{export.chain_position} changed.")
            self.stdout.write(f"Chain head then, #{export.chain_position}, is unchanged.")
        self.stdout.write(self.style.SUCCESS("The export is authentic."))
