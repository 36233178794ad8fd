"""The PE catalogue in the admin, for operators: categories, activities, exercises with
their reference patterns, progressions. Teachers' own data (students, classes, records)
is theirs and is not shown here."""

from django.contrib import admin

from .models import Activity, ActivityCategory, ActivityProgression, Exercise, MovementPattern


class CatalogueOnly(admin.ModelAdmin):
    def get_queryset(self, request):
        return super().get_queryset(request).filter(owner__isnull=True)


@admin.register(ActivityCategory)
class ActivityCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "parent")
    search_fields = ("name",)


@admin.register(Activity)
class ActivityAdmin(CatalogueOnly):
    list_display = ("name", "activity_type", "difficulty", "intensity", "min_age", "max_age")
    list_filter = ("activity_type", "difficulty", "intensity", "space")
    search_fields = ("name", "key")
    exclude = ("owner",)


@admin.register(Exercise)
class ExerciseAdmin(CatalogueOnly):
    list_display = ("name", "key", "exercise_type", "activity")
    exclude = ("owner",)


@admin.register(MovementPattern)
class MovementPatternAdmin(admin.ModelAdmin):
    list_display = ("pattern_type", "exercise")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(exercise__isnull=False)


@admin.register(ActivityProgression)
class ActivityProgressionAdmin(CatalogueOnly):
    list_display = ("from_activity", "to_activity", "progression_type", "level")
    exclude = ("owner",)
