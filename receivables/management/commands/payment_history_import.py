"""``python manage.py payment_history_import FILE.csv``: a Stripe payments export into the payment
history the dunning model learns from (the same records as ``POST /api/v1/payment-history``)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from receivables.history import payment_history_import_csv


class Command(BaseCommand):
    help = "Import a Stripe payments export (CSV) into the payment history, once per charge id."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV with a header row (Stripe Dashboard > Payments > Export)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with open(options["file"], newline="", encoding="utf-8-sig") as handle:
                result = payment_history_import_csv(lines=handle)
        except OSError as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc}") from exc
        self.stdout.write(
            f"accepted {result.accepted}, duplicates {result.duplicates}, rejected {len(result.rejected)}"
        )
        for rejected in result.rejected[:50]:
            self.stdout.write(f"  row {rejected['index'] + 2}: {json.dumps(rejected['errors'])}")
        if len(result.rejected) > 50:
            self.stdout.write(f"  ... and {len(result.rejected) - 50} more")
