"""feeds: see the module's views below."""

urlpatterns: list = []
