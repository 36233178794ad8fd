from django.contrib import admin

from .models import Category, Question, SurveyResponse, SurveySession


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["number", "text", "description", "reverse_scored", "weight", "is_active", "order"]
    ordering = ["order", "number"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "dimension", "order"]
    ordering = ["order", "name"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["number", "text", "category", "reverse_scored", "weight", "is_active"]
    list_display_links = ["number", "text"]
    list_filter = ["category", "reverse_scored", "is_active"]
    list_select_related = ["category"]
    search_fields = ["text", "description"]
    ordering = ["number"]
    readonly_fields = ["created_at", "updated_at"]


class SurveyResponseInline(admin.TabularInline):
    """A user's answers are their record: shown, never edited here."""

    model = SurveyResponse
    extra = 0
    fields = ["question", "rating", "text_response", "updated_at"]
    readonly_fields = fields
    ordering = ["question__number"]
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("question")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SurveySession)
class SurveySessionAdmin(admin.ModelAdmin):
    list_display = ["user", "status", "started_at", "completed_at"]
    list_filter = ["status", "started_at", "completed_at"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__name"]
    date_hierarchy = "started_at"
    fields = ["id", "user", "status", "started_at", "completed_at", "dimension_scores"]
    readonly_fields = fields
    inlines = [SurveyResponseInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
