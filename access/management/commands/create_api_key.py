from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from access.models import ApiKeyScope
from access.services import api_key_create


class Command(BaseCommand):
    help = "Create an API key. The key is printed once, alone on the last line; only a hash is stored."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument(
            "--scope",
            choices=ApiKeyScope.values,
            default=ApiKeyScope.FULL,
            help="read: every GET (and previews); ingest: usage events only; full: everything (default).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        issued = api_key_create(name=options["name"], scope=options["scope"])
        self.stderr.write(f"API key '{issued.api_key.name}' created; store it now, it is not shown again.")
        self.stdout.write(issued.raw_key)
