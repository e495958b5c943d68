from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from demo.data import load_demo


class Command(BaseCommand):
    help = "Load demo customers, contracts, months of usage, invoices, payments and a dunning case (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--months", type=int, default=7)

    def handle(self, *args: Any, **options: Any) -> None:
        summary = load_demo(months=options["months"])
        for key, value in summary.items():
            self.stdout.write(f"{key}: {value}")
