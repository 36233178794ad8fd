"""The PE API under /api/coach/pe/ (namespace "pe"): each apis module lists its own routes."""

from brightpath.coach.pe.apis import catalogue, movement, people, planning, progress, safety

app_name = "pe"
urlpatterns = [
    *catalogue.urlpatterns,
    *people.urlpatterns,
    *planning.urlpatterns,
    *progress.urlpatterns,
    *safety.urlpatterns,
    *movement.urlpatterns,
]
