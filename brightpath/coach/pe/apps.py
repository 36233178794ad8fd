from django.apps import AppConfig


class PeConfig(AppConfig):
    name = "brightpath.coach.pe"
    label = "pe"
    verbose_name = "Coach: physical education"
