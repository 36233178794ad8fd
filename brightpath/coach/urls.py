"""Coach's API under /api/coach/: each apis module lists its own routes."""

from brightpath.coach.apis import assistants, conversations, lessons, memories

app_name = "coach"
urlpatterns = [
    *assistants.urlpatterns,
    *conversations.urlpatterns,
    *memories.urlpatterns,
    *lessons.urlpatterns,
]
