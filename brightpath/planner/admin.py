from django.contrib import admin

from .models import Schedule, ScheduleItem


class ScheduleItemInline(admin.TabularInline):
    model = ScheduleItem
    extra = 0
    fields = ["day_date", "start_time", "end_time", "item_type", "name", "completed", "pinned"]
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
