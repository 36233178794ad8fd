"""settings pages (being built)."""

urlpatterns: list = []
