"""Living with the schedule: today and week views, and changing items."""

urlpatterns: list = []
