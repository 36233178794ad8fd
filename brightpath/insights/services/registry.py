"""Writes of the model registry (seed 000 `ml_models`): register a trained
version, activate one, roll back to the one it replaced. At most one version of
a name is active (a database constraint); every change locks the name's rows,
so two activations cannot interleave."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from brightpath.common.errors import Conflict

from ..models import MLModel

logger = logging.getLogger(__name__)


def versions_locked(name: str) -> list[MLModel]:
    """The name's versions, oldest first, locked until the transaction ends."""
    return list(MLModel.objects.select_for_update().filter(name=name).order_by("created_at"))


def _next_version(rows: list[MLModel]) -> str:
    numbers = [int(m.version) for m in rows if m.version.isdigit()]
    return str(max(numbers, default=0) + 1)


@transaction.atomic
def ml_model_register(
    *,
    name: str,
    parameters: dict,
    artifact: dict,
    feature_importance: dict | None = None,
    performance_metrics: dict | None = None,
    description: str = "",
) -> MLModel:
    """Store a newly trained model as the name's next version, inactive.
    `artifact` is the fitted model as JSON (never a pickle: see MLModel)."""
    rows = versions_locked(name)
    model = MLModel.objects.create(
        name=name,
        version=_next_version(rows),
        description=description,
        parameters=parameters,
        artifact=artifact,
        feature_importance=feature_importance or {},
        performance_metrics=performance_metrics or {},
    )
    logger.info("model registered", extra={"model": name, "version": model.version})
    return model


def _switch(current: MLModel | None, target: MLModel) -> None:
    """Deactivate `current` before activating `target`: one active per name."""
    if current is not None:
        current.is_active = False
        current.save(update_fields=["is_active", "updated_at"])
    target.is_active = True
    target.activated_at = timezone.now()
    target.save(update_fields=["is_active", "activated_at", "previous_active", "updated_at"])


@transaction.atomic
def ml_model_activate(*, model: MLModel) -> MLModel:
    """Make `model` its name's active version; the one it replaces is kept, so
    a rollback returns to it."""
    rows = versions_locked(model.name)
    target = next(m for m in rows if m.pk == model.pk)
    current = next((m for m in rows if m.is_active), None)
    if current is not None and current.pk == target.pk:
        return target
    target.previous_active = current
    _switch(current, target)
    logger.info(
        "model activated",
        extra={
            "model": target.name,
            "version": target.version,
            "replaced": current.version if current else None,
        },
    )
    return target


@transaction.atomic
def ml_model_rollback(*, name: str) -> MLModel:
    """Return `name` to the version the active one replaced. Rolling back again
    goes further back, as each version remembers what it replaced."""
    rows = versions_locked(name)
    current = next((m for m in rows if m.is_active), None)
    if current is None:
        raise Conflict(f"No {name} model is active: there is nothing to roll back.")
    target = next((m for m in rows if m.pk == current.previous_active_id), None)
    if target is None:
        raise Conflict(
            f"{name} v{current.version} was the first active version: nothing to roll back to."
        )
    _switch(current, target)
    logger.info(
        "model rolled back",
        extra={"model": name, "version": target.version, "from": current.version},
    )
    return target
