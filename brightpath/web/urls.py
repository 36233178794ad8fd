from .views import accounts, dashboard, printables, week

app_name = "web"

urlpatterns = [
    *dashboard.urlpatterns,
    *week.urlpatterns,
    *printables.urlpatterns,
    *accounts.urlpatterns,
]
