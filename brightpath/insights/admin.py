"""The admin: feedback and training runs to look at; model versions to
activate or roll back (the registry's only manual controls)."""

from __future__ import annotations

from django.contrib import admin, messages

from brightpath.common.errors import Conflict

from . import services
from .models import Feedback, MLModel, TrainingRun


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the app's services only; the admin looks."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "family", "child", "feedback_type", "rating", "week_start_date"]
    list_filter = ["feedback_type", "rating"]
    search_fields = ["family__name", "child__name", "comments"]
    list_select_related = ["family", "child"]


@admin.register(TrainingRun)
class TrainingRunAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "model_name", "trigger", "status", "examples", "candidate"]
    list_filter = ["model_name", "trigger", "status"]
    list_select_related = ["candidate"]


@admin.register(MLModel)
class MLModelAdmin(admin.ModelAdmin):
    """Versions come from training only (no add, no edit, no delete: history is
    kept); staff choose which one is active."""

    list_display = ["name", "version", "is_active", "activated_at", "created_at", "held_out"]
    list_filter = ["name", "is_active"]
    ordering = ["name", "-created_at"]
    readonly_fields = [
        "name",
        "version",
        "description",
        "is_active",
        "activated_at",
        "previous_active",
        "parameters",
        "feature_importance",
        "performance_metrics",
        "artifact",
        "created_at",
    ]
    actions = ["activate", "roll_back"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="held-out MAE (stars / completion)")
    def held_out(self, model: MLModel) -> str:
        metrics = model.performance_metrics or {}
        if "satisfactionMae" not in metrics:
            return "-"
        return f"{metrics['satisfactionMae']:.2f} / {metrics.get('completionMae', 0):.3f}"

    @admin.action(description="Activate the selected version", permissions=["change"])
    def activate(self, request, queryset) -> None:
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one version.", messages.ERROR)
            return
        model = services.ml_model_activate(model=queryset.get())
        self.message_user(request, f"{model.name} v{model.version} is now active.")

    @admin.action(
        description="Roll back to the version each selected name's active one replaced",
        permissions=["change"],
    )
    def roll_back(self, request, queryset) -> None:
        for name in sorted(set(queryset.values_list("name", flat=True))):
            try:
                model = services.ml_model_rollback(name=name)
            except Conflict as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                self.message_user(request, f"{name} rolled back to v{model.version}.")
