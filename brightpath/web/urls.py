from .views import (
    accounts,
    coach,
    dashboard,
    feedback,
    onboarding,
    pe,
    pe_sessions,
    printables,
    records,
    settings,
    spark_child,
    spark_parent,
    today,
    week,
)

app_name = "web"

urlpatterns = [
    *dashboard.urlpatterns,
    *onboarding.urlpatterns,
    *today.urlpatterns,
    *week.urlpatterns,
    *records.urlpatterns,
    *settings.urlpatterns,
    *printables.urlpatterns,
    *accounts.urlpatterns,
    *spark_parent.urlpatterns,
    *spark_child.urlpatterns,
    *coach.urlpatterns,
    *pe.urlpatterns,
    *pe_sessions.urlpatterns,
    *feedback.urlpatterns,
]
