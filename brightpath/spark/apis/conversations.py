"""Spark API: conversations (routes listed in urlpatterns)."""

urlpatterns: list = []
