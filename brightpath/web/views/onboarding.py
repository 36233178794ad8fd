"""onboarding pages (being built)."""

urlpatterns: list = []
