from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "brightpath.common"
    label = "common"

    def ready(self) -> None:
        from django.db import models
        from rest_framework import serializers

        from . import signals  # noqa: F401  (Celery request-id propagation)
        from .fields import DateField

        # A ModelSerializer's date fields are bounded like the declared ones.
        serializers.ModelSerializer.serializer_field_mapping[models.DateField] = DateField
