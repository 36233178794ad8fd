from django.apps import AppConfig


class PlannerConfig(AppConfig):
    name = "brightpath.planner"
    label = "planner"
