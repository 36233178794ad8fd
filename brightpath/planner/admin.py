from django.contrib import admin
from django.template.response import TemplateResponse

from . import metrics
from .models import ActivityLog, CarryOver, DayOff, LearnedPreferences, Schedule, ScheduleItem


class ScheduleItemInline(admin.TabularInline):
    model = ScheduleItem
    extra = 0
    fields = [
        "day_date",
        "start_time",
        "end_time",
        "item_type",
        "name",
        "completed",
        "skipped",
        "pinned",
        "version",
    ]
    readonly_fields = fields
    can_delete = False


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    """Read-only: schedules are written by the generation service only."""

    list_display = [
        "child",
        "week_start_date",
        "version",
        "is_active",
        "generation_method",
        "created_at",
    ]
    list_filter = ["is_active", "week_start_date"]
    search_fields = ["child__name", "family__name"]
    list_select_related = ["child"]
    readonly_fields = [
        "family",
        "child",
        "week_start_date",
        "version",
        "is_active",
        "generation_method",
        "schedule_data",
        "patterns",
        "generation_report",
    ]
    inlines = [ScheduleItemInline]

    def has_add_permission(self, request) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the planner's services only; the admin looks."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ActivityLog)
class ActivityLogAdmin(ReadOnlyAdmin):
    list_display = ["date", "child", "activity_name", "activity_type", "action", "created_at"]
    list_filter = ["action", "activity_type", "date"]
    search_fields = ["activity_name", "child__name", "family__name", "notes"]
    list_select_related = ["child"]


@admin.register(CarryOver)
class CarryOverAdmin(ReadOnlyAdmin):
    list_display = ["family", "trigger", "created_at", "undone_at"]
    list_filter = ["trigger"]
    search_fields = ["family__name"]
    list_select_related = ["family"]


@admin.register(DayOff)
class DayOffAdmin(ReadOnlyAdmin):
    list_display = ["date", "family", "child", "kind", "label"]
    list_filter = ["kind"]
    search_fields = ["family__name", "child__name", "label"]
    list_select_related = ["family", "child"]


@admin.register(LearnedPreferences)
class LearnedPreferencesAdmin(ReadOnlyAdmin):
    """Written by the insights app's learning (issue 17) through services/learned.py."""

    list_display = ["family", "logs_through", "updated_at"]
    search_fields = ["family__name"]
    list_select_related = ["family"]


# --- operator page: seed 001's METRICS:* counters -------------------------------------


def metrics_view(request):
    """The planner's daily counters for the last 14 days (/admin/metrics/, staff only:
    config/urls.py wraps it in admin_view)."""
    rows = metrics.last_days()
    context = {
        **admin.site.each_context(request),
        "title": "Planner activity, last 14 days",
        "measures": metrics.MEASURES,
        "rows": [{"day": row["day"], "counts": [row[m] for m in metrics.MEASURES]} for row in rows],
        "totals": [sum(row[m] for row in rows) for m in metrics.MEASURES],
    }
    return TemplateResponse(request, "admin/planner/metrics.html", context)
