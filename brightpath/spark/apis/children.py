"""Spark API: children (routes listed in urlpatterns)."""

urlpatterns: list = []
