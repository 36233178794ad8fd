"""today pages (being built)."""

urlpatterns: list = []
