from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "brightpath.coach"
    label = "coach"
    verbose_name = "Coach: AI assistants for teachers"
