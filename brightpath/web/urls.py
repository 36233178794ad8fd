from .views import accounts, dashboard, onboarding, printables, records, settings, today, week

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
]
