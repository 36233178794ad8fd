from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import AuditEvent, User, UserPreference


class UserPreferenceInline(admin.TabularInline):
    model = UserPreference
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "questionnaire_completed", "is_staff", "created_at"]
    list_filter = ["is_staff", "is_active", "questionnaire_completed"]
    search_fields = ["email", "name"]
    readonly_fields = ["created_at", "updated_at", "last_login", "google_id"]
    inlines = [UserPreferenceInline]
    fieldsets = [
        (None, {"fields": ["email", "password", "name", "google_id"]}),
        ("Onboarding", {"fields": ["questionnaire_completed", "questionnaire_completed_at"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "created_at", "updated_at"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]})
    ]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the history is written by the services that make the changes."""

    list_display = ["created_at", "action", "actor", "target_type", "target_name", "family_id"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_name", "actor__email", "family_id", "target_id"]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
