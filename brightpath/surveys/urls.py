from django.urls import path

from . import apis

app_name = "surveys"

urlpatterns = [
    path("categories/", apis.CategoryListApi.as_view(), name="categories"),
    path("questions/", apis.QuestionListApi.as_view(), name="questions"),
    path("sessions/", apis.SessionStartApi.as_view(), name="sessions"),
    path("sessions/<uuid:session_id>/", apis.SessionDetailApi.as_view(), name="session"),
    path(
        "sessions/<uuid:session_id>/responses/",
        apis.SessionResponsesApi.as_view(),
        name="session_responses",
    ),
]
