from django.apps import AppConfig


class InvoicingConfig(AppConfig):
    name = "invoicing"
    verbose_name = "Invoicing"

    def ready(self) -> None:
        from contracts.signals import amendment_applied
        from invoicing.receivers import on_amendment_applied

        amendment_applied.connect(on_amendment_applied, dispatch_uid="invoicing.amendment_applied")
