"""Reads of the model registry. Models are the system's, not a family's: they
hold aggregate parameters and metrics, never a family's rows."""

from __future__ import annotations

from django.db.models import QuerySet

from ..models import MODEL_NAMES, MLModel, TrainingRun

# Versions and runs GET /api/ml/model-status/ lists per name, newest first.
STATUS_VERSIONS = 10
STATUS_RUNS = 5


def active_model(*, name: str) -> MLModel | None:
    return MLModel.objects.filter(name=name, is_active=True).first()


def model_versions(*, name: str) -> QuerySet[MLModel]:
    return MLModel.objects.filter(name=name).order_by("-created_at")


def _newest_first(models: list[MLModel]) -> list[MLModel]:
    """By creation, then by version number ("10" after "9", as numbers)."""
    return sorted(
        models,
        key=lambda m: (m.created_at, int(m.version) if m.version.isdigit() else 0),
        reverse=True,
    )


def model_status() -> list[dict]:
    """Per model name: the active version, the latest versions with their
    held-out metrics, and the latest training runs (running, refused, failed)."""
    out = []
    for name in MODEL_NAMES:
        versions = _newest_first(
            list(model_versions(name=name).defer("artifact")[:STATUS_VERSIONS])
        )
        runs = list(
            TrainingRun.objects.filter(model_name=name)
            .select_related("candidate")
            .order_by("-created_at")[:STATUS_RUNS]
        )
        active = next((m for m in versions if m.is_active), None) or active_model(name=name)
        out.append(
            {
                "name": name,
                "active": active,
                "versions": versions,
                "runs": runs,
                "training": runs[0].status == "running" if runs else False,
            }
        )
    return out
