from django.apps import AppConfig


class PlannerConfig(AppConfig):
    name = "brightpath.planner"
    label = "planner"

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
