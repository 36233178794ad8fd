"""Admin for Coach's catalogue: assistant profiles, their capabilities, subject categories.

A teacher's memories and lessons are theirs: they are viewed and corrected on
the teacher's own pages, not in the admin.
"""

from django.contrib import admin

from .models import AssistantCapability, AssistantProfile, SubjectAssistant, SubjectCategory


class AssistantCapabilityInline(admin.TabularInline):
    model = AssistantCapability
    extra = 0
    fields = ("name", "description", "is_enabled", "priority", "parameters")


class SubjectAssistantInline(admin.TabularInline):
    model = SubjectAssistant
    extra = 0
    autocomplete_fields = ("subject_category",)


@admin.register(AssistantProfile)
class AssistantProfileAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "model_version", "is_active", "temperature", "max_tokens")
    list_filter = ("is_active", "model_version")
    search_fields = ("name", "description")
    raw_id_fields = ("owner",)
    inlines = (AssistantCapabilityInline, SubjectAssistantInline)


@admin.register(AssistantCapability)
class AssistantCapabilityAdmin(admin.ModelAdmin):
    list_display = ("name", "assistant_profile", "is_enabled", "priority")
    list_filter = ("is_enabled",)
    search_fields = ("name", "description", "assistant_profile__name")


@admin.register(SubjectCategory)
class SubjectCategoryAdmin(admin.ModelAdmin):
    list_display = ("path", "name", "level")
    search_fields = ("name", "path")
    exclude = ("level", "path")

    def save_model(self, request, obj, form, change):
        # level and path follow from the parent; they are never typed in.
        obj.level, obj.path = SubjectCategory.position_from(obj.name, obj.parent)
        super().save_model(request, obj, form, change)
