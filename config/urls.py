from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from brightpath.common import health
from brightpath.common.views import favicon
from brightpath.planner import admin as planner_admin
from brightpath.planner.apis import feeds as calendar_feeds

api_patterns = [
    path("", include("brightpath.accounts.urls")),
    path("", include("brightpath.families.urls")),
    path("", include("brightpath.curriculum.urls")),
    path("", include("brightpath.onboarding.urls")),
    path("surveys/", include("brightpath.surveys.urls")),
    path("", include("brightpath.planner.urls")),
    path("", include("brightpath.insights.urls")),
    path("spark/", include("brightpath.spark.urls")),
    path("coach/pe/", include("brightpath.coach.pe.urls")),
    path("coach/", include("brightpath.coach.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        # The page's inline script and style carry the CSP nonce (the template's only change).
        SpectacularSwaggerView.as_view(url_name="schema", template_name="common/swagger_ui.html"),
        name="docs",
    ),
]

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("favicon.ico", favicon, name="favicon"),
    path("api/", include(api_patterns)),
    path("calendar/<str:token>.ics", calendar_feeds.calendar_feed_ics, name="calendar_feed"),
    path(
        "agenda/stop/<str:token>/",
        calendar_feeds.agenda_email_stop_page,
        name="agenda_email_stop",
    ),
    path("admin/metrics/", admin.site.admin_view(planner_admin.metrics_view), name="metrics"),
    path("admin/", admin.site.urls),
    path("", include("brightpath.web.urls")),
]

handler400 = "brightpath.common.views.bad_request"
handler403 = "brightpath.common.views.permission_denied"
handler404 = "brightpath.common.views.page_not_found"
handler500 = "brightpath.common.views.server_error"
