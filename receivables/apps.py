from django.apps import AppConfig


class ReceivablesConfig(AppConfig):
    # The design calls this domain "collections"; a top-level package of that name would be
    # shadowed by Python's standard library module, so the app is "receivables".
    name = "receivables"
    verbose_name = "Receivables and dunning"

    def ready(self) -> None:
        from . import receivers  # noqa: F401
