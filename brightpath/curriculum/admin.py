from django import forms
from django.contrib import admin
from django.core.validators import RegexValidator

from .models import CatalogSubject, Lesson, LessonSequence, Resource, Subject
from .services import COLOR_PATTERN


class StandardOrCustomFilter(admin.SimpleListFilter):
    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [("standard", "Standard"), ("custom", "Custom")]

    def queryset(self, request, queryset):
        if self.value() == "standard":
            return queryset.filter(owner__isnull=True)
        if self.value() == "custom":
            return queryset.filter(owner__isnull=False)
        return queryset


class CatalogSubjectForm(forms.ModelForm):
    color = forms.CharField(
        max_length=7, validators=[RegexValidator(COLOR_PATTERN, "Use a hex colour like #4C6EF5.")]
    )

    class Meta:
        model = CatalogSubject
        fields = ["name", "description", "owner", "color", "icon"]


@admin.register(CatalogSubject)
class CatalogSubjectAdmin(admin.ModelAdmin):
    form = CatalogSubjectForm
    list_display = ["name", "is_standard", "owner", "color", "icon", "created_at"]
    list_filter = [StandardOrCustomFilter]
    list_select_related = ["owner"]
    search_fields = ["name", "owner__email"]
    autocomplete_fields = ["owner"]
    readonly_fields = ["created_at", "updated_at"]

    @admin.display(boolean=True, description="standard", ordering="owner")
    def is_standard(self, subject: CatalogSubject) -> bool:
        return subject.is_standard


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "catalog_subject", "resource_type", "is_public", "owner", "created_at"]
    list_filter = ["resource_type", "is_public"]
    list_select_related = ["catalog_subject", "owner"]
    search_fields = ["title", "url", "catalog_subject__name", "owner__email"]
    autocomplete_fields = ["catalog_subject", "owner"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Subject)
class SubjectPlanAdmin(admin.ModelAdmin):
    """Children's subject plans, to look at: the questionnaire's services write them
    (and archive rather than delete those that history points at)."""

    list_display = [
        "name",
        "child",
        "family",
        "catalog_subject",
        "is_core_subject",
        "session_duration",
        "frequency",
        "parent_involvement",
        "interest_level",
        "archived_at",
    ]
    list_filter = ["frequency", "parent_involvement", "is_core_subject"]
    list_select_related = ["child__family", "catalog_subject"]
    search_fields = ["name", "child__name", "child__family__name", "child__family__owner__email"]
    ordering = ["child__family__name", "child__name", "position"]

    @admin.display(ordering="child__family__name")
    def family(self, plan: Subject):
        return plan.child.family.name

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class LessonInline(admin.TabularInline):
    model = Lesson
    fields = ["position", "title", "estimated_minutes", "resource_url", "notes"]
    extra = 0


@admin.register(LessonSequence)
class LessonSequenceAdmin(admin.ModelAdmin):
    list_display = ["name", "family", "resource", "created_at"]
    list_select_related = ["family", "resource"]
    search_fields = ["name", "family__name", "family__owner__email"]
    raw_id_fields = ["family", "resource"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [LessonInline]
