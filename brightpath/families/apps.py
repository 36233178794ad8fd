from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "brightpath.families"
    label = "families"
