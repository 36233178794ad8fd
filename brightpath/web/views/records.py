"""records pages (being built)."""

urlpatterns: list = []
