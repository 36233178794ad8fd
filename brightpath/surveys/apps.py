from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "brightpath.surveys"
    label = "surveys"
