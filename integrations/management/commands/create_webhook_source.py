from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError

from integrations.models import UsageWebhookSource
from integrations.webhooks import usage_webhook_source_create


class Command(BaseCommand):
    help = (
        "Create a usage webhook source (POST /webhooks/usage). Its signing secret is printed alone on the "
        "last line; it can be read again in the admin, and rotated there."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="Sent by the source in the Autobill-Source header (a slug).")

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["name"]
        field = UsageWebhookSource._meta.get_field("name")
        try:
            field.clean(name, None)
        except ValidationError as exc:  # not a slug, or too long
            raise CommandError(f"Invalid name {name!r}: {'; '.join(exc.messages)}")
        try:
            source = usage_webhook_source_create(name=name, actor="command:create_webhook_source")
        except IntegrityError:
            raise CommandError(f"A webhook source named {name!r} already exists.")
        self.stderr.write(
            f"Webhook source '{source.name}' created. Sign requests with this secret "
            "(Autobill-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, \"<t>.<body>\")>):"
        )
        self.stdout.write(source.secret)
