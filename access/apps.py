from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class AccessConfig(AppConfig):
    name = "access"
    verbose_name = "Access: API keys and roles"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model

        from . import ratelimit, schema  # noqa: F401 - failed-login counters; the API key in the OpenAPI schema
        from .models import ApiKey
        from .services import api_key_cache_clear

        # A revoked key, or a deactivated service account, stops working in this process at once.
        for model in (ApiKey, get_user_model()):
            post_save.connect(api_key_cache_clear, sender=model, dispatch_uid=f"api-key-cache-save-{model.__name__}")
            post_delete.connect(api_key_cache_clear, sender=model, dispatch_uid=f"api-key-cache-del-{model.__name__}")
