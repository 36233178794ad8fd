from django.urls import path

from .apis import audit, events, feeds, generation, history, lessons, living, records

app_name = "planner"

urlpatterns = [
    path("schedules/generate/", generation.GenerateScheduleApi.as_view(), name="generate"),
    path("ml/generate-schedule/", generation.GenerateScheduleApi.as_view(), name="ml_generate"),
    path("tasks/<str:task_id>/", generation.TaskStatusApi.as_view(), name="task"),
    path("family/plan-checks/", generation.PlanChecksApi.as_view(), name="plan_checks"),
    path("family/audit/", audit.FamilyAuditApi.as_view(), name="family_audit"),
    path("schedules/", history.ScheduleListApi.as_view(), name="schedules"),
    path("schedules/<uuid:schedule_id>/", history.ScheduleDetailApi.as_view(), name="schedule"),
    path(
        "schedules/<uuid:schedule_id>/items/",
        history.ScheduleItemListApi.as_view(),
        name="schedule_items",
    ),
    path(
        "schedules/<uuid:schedule_id>/items/<uuid:item_id>/",
        history.ScheduleItemDetailApi.as_view(),
        name="schedule_item",
    ),
    path(
        "children/<uuid:child_id>/schedule/",
        generation.ChildScheduleApi.as_view(),
        name="child_schedule",
    ),
    *living.urlpatterns,
    *records.urlpatterns,
    *feeds.urlpatterns,
    *events.urlpatterns,
    *lessons.urlpatterns,
]
