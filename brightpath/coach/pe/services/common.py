"""Helpers every PE service uses: collecting field errors, status transitions, text."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from brightpath.coach.pe import shapes
from brightpath.coach.pe import vocabulary as v
from brightpath.common.errors import Conflict, Invalid


class FieldErrors(dict):
    """{path: [message]} collected while checking an input, raised at once as Invalid."""

    def add(self, path: str, message: str) -> None:
        self.setdefault(path, []).append(message)

    def merge(self, errors: dict[str, list[str]]) -> None:
        for path, messages in errors.items():
            for message in messages:
                self.add(path, message)

    def raise_if_any(self) -> None:
        if self:
            raise Invalid(dict(self))


def text(errors: FieldErrors, path: str, value: Any, *, max_length: int, required: bool) -> str:
    """`value` trimmed; an error when required and blank, or too long."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.add(path, "Must be text.")
        return ""
    value = value.strip()
    if required and not value:
        errors.add(path, "May not be blank.")
    elif len(value) > max_length:
        errors.add(path, f"At most {max_length} characters.")
    return value


def choice(errors: FieldErrors, path: str, value: Any, values: tuple[str, ...]) -> str:
    if value not in values:
        errors.add(path, f"Choose one of: {', '.join(values)}.")
        return ""
    return value


def number(
    errors: FieldErrors,
    path: str,
    value: Any,
    low: float | None = None,
    high: float | None = None,
    *,
    required: bool = True,
) -> float | None:
    if value is None:
        if required:
            errors.add(path, "This field is required.")
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        errors.add(path, "Must be a number.")
        return None
    if (low is not None and value < low) or (high is not None and value > high):
        errors.add(path, f"Must be between {low} and {high}.")
        return None
    return float(value)


def json_shape(errors: FieldErrors, path: str, shape, value: Any) -> Any:
    """`value` checked against a shapes.Shape (errors under `path`) and cleaned."""
    problems = shapes.check(shape, value, path)
    if problems:
        errors.merge(problems)
        return value
    return shapes.clean(shape, value)


def dates_in_order(
    errors: FieldErrors,
    start: dt.date | None,
    end: dt.date | None,
    *,
    path: str = "endDate",
    strict: bool = False,
) -> None:
    if start is None or end is None:
        return
    if strict and end <= start:
        errors.add(path, "Must be after the start date.")
    elif end < start:
        errors.add(path, "Must not be before the start date.")


def require_transition(kind: str, current: str, target: str, *, what: str) -> None:
    """Refuse a status change the seed does not allow (409 "invalid_transition")."""
    if target not in v.STATUSES[kind]:
        raise Invalid({"status": [f"Choose one of: {', '.join(v.STATUSES[kind])}."]})
    if not v.can_move(kind, current, target):
        allowed = v.TRANSITIONS[kind].get(current, ())
        then = f"it can go to {', '.join(allowed)}" if allowed else "that status is final"
        raise Conflict(
            f"A {what} that is {current.replace('_', ' ')} cannot become "
            f"{target.replace('_', ' ')}: {then}.",
            code="invalid_transition",
            currentStatus=current,
            allowed=list(allowed),
        )
