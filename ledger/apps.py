from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "ledger"
    verbose_name = "General ledger"

    def ready(self) -> None:
        from . import receivers  # noqa: F401
