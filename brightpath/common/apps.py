from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "brightpath.common"
    label = "common"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (Celery request-id propagation)
