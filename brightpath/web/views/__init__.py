"""Server-rendered pages, one module per area. Each form calls the same service
as the API; each page reads through the same selectors; each module lists its
own routes (`urlpatterns`), gathered in web/urls.py."""
