from django.contrib import admin

from . import selectors
from .models import Child, ChildCommitment, Family, FamilyCommitment, QuestionnaireSession
from .vocabulary import HOMESCHOOLING_PHILOSOPHIES, LEARNING_TIMES


class FamilyCommitmentInline(admin.TabularInline):
    model = FamilyCommitment
    extra = 0
    fields = ["name", "frequency", "days_of_week", "start_time", "end_time", "archived_at"]


class ChildInline(admin.TabularInline):
    model = Child
    extra = 0
    fields = ["name", "birth_date", "birth_date_precision", "archived_at"]
    show_change_link = True


class PhilosophyFilter(admin.SimpleListFilter):
    """Seed 000's JSONB query: families rating a philosophy 4 or 5."""

    title = "philosophy rated 4+"
    parameter_name = "philosophy"

    def lookups(self, request, model_admin):
        return [(p, p.replace("_", " ").title()) for p in HOMESCHOOLING_PHILOSOPHIES]

    def queryset(self, request, queryset):
        if self.value():
            matching = selectors.families_rating_philosophy(philosophy=self.value(), at_least=4)
            return queryset.filter(pk__in=matching.values("pk"))
        return queryset


@admin.register(Family)
class FamilyAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "scheduling_flexibility", "planning_approach", "time_zone"]
    list_filter = ["scheduling_flexibility", "planning_approach", PhilosophyFilter]
    search_fields = ["name", "owner__email"]
    raw_id_fields = ["owner"]
    inlines = [FamilyCommitmentInline, ChildInline]


class BestTimeFilter(admin.SimpleListFilter):
    """Seed 000's JSONB query: children who learn best at a given time."""

    title = "learns best"
    parameter_name = "best_time"

    def lookups(self, request, model_admin):
        return [(t, t.replace("_", " ").replace("-", " ")) for t in LEARNING_TIMES]

    def queryset(self, request, queryset):
        if self.value():
            matching = selectors.children_learning_best_at(times=[self.value()])
            return queryset.filter(pk__in=matching.values("pk"))
        return queryset


class ChildCommitmentInline(admin.TabularInline):
    model = ChildCommitment
    extra = 0
    fields = ["name", "frequency", "days_of_week", "start_time", "end_time", "archived_at"]


@admin.register(Child)
class ChildAdmin(admin.ModelAdmin):
    list_display = ["name", "age", "birth_date", "family", "archived_at"]
    list_filter = ["birth_date_precision", BestTimeFilter]
    search_fields = ["name", "family__name"]
    list_select_related = ["family"]
    inlines = [ChildCommitmentInline]


@admin.register(QuestionnaireSession)
class QuestionnaireSessionAdmin(admin.ModelAdmin):
    list_display = ["user", "status", "version", "updated_at"]
    list_filter = ["status"]
    readonly_fields = ["user", "family", "session_data", "status", "version"]
