from django.apps import AppConfig


class SparkConfig(AppConfig):
    name = "brightpath.spark"
    label = "spark"
    verbose_name = "Spark: curiosity explorer"
