from django.urls import path

from . import apis

app_name = "planner"

urlpatterns = [
    path("schedules/generate/", apis.GenerateScheduleApi.as_view(), name="generate"),
    path("ml/generate-schedule/", apis.GenerateScheduleApi.as_view(), name="ml_generate"),
    path("tasks/<str:task_id>/", apis.TaskStatusApi.as_view(), name="task"),
    path(
        "children/<uuid:child_id>/schedule/", apis.ChildScheduleApi.as_view(), name="child_schedule"
    ),
]
