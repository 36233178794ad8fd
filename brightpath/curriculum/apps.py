from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    name = "brightpath.curriculum"
    label = "curriculum"
