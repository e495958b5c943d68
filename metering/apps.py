from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class MeteringConfig(AppConfig):
    name = "metering"
    verbose_name = "Usage metering"

    def ready(self) -> None:
        from contracts.models import Customer

        from .models import Meter
        from .services import lookup_caches_clear

        for model in (Customer, Meter):
            post_save.connect(lookup_caches_clear, sender=model, dispatch_uid=f"metering.cache.{model.__name__}.save")
            post_delete.connect(
                lookup_caches_clear, sender=model, dispatch_uid=f"metering.cache.{model.__name__}.delete"
            )
