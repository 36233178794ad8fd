from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "brightpath.web"
    label = "web"
