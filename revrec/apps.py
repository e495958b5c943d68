from django.apps import AppConfig


class RevrecConfig(AppConfig):
    name = "revrec"
    verbose_name = "Revenue recognition"

    def ready(self) -> None:
        from . import receivers  # noqa: F401
