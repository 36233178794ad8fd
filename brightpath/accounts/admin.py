from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import User, UserPreference


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
