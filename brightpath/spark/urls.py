"""Spark's API under /api/spark/: each apis module lists its own routes."""

from brightpath.spark.apis import children, conversations

app_name = "spark"
urlpatterns = [*children.urlpatterns, *conversations.urlpatterns]
