from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "brightpath.insights"
    label = "insights"
