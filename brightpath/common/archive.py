"""Archive instead of delete when history points at a row.

A re-submitted questionnaire may drop a subject or a commitment. If schedules,
logs or anything else still reference it, deleting would erase history, so the
row is archived (hidden from the live plan) instead.
"""

from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils import timezone


class ArchivableQuerySet(models.QuerySet):
    def live(self):
        return self.filter(archived_at__isnull=True)


class Archivable(models.Model):
    archived_at = models.DateTimeField(null=True, blank=True)

    objects = ArchivableQuerySet.as_manager()

    # Reverse relations that are parts of this row (deleted with it), not history.
    owned_relations: tuple[str, ...] = ()

    class Meta:
        abstract = True


def is_referenced(obj: Archivable) -> bool:
    """True when any other row (other than owned parts) points at `obj`."""
    for relation in obj._meta.related_objects:
        if relation.get_accessor_name() in obj.owned_relations:
            continue
        if relation.one_to_many or relation.one_to_one:
            related = relation.related_model._base_manager.filter(**{relation.field.name: obj})
            if related.exists():
                return True
    return False


def archive_or_delete(obj: Archivable) -> str:
    """Archive `obj` if history references it, delete it otherwise; returns which."""
    if is_referenced(obj):
        if obj.archived_at is None:
            obj.archived_at = timezone.now()
            obj.save(update_fields=["archived_at"])
        return "archived"
    obj.delete()
    return "deleted"


def sync_rows(
    queryset: models.QuerySet, items: list[dict], write: Callable[[Any, dict, int], Any]
) -> None:
    """Make the rows of `queryset` match `items`, as a re-submitted form does.

    An item updates the row with its `id`, else the live row with its name
    (case-insensitive); `write(row_or_None, item, position)` saves it and
    returns the row. Rows no item claimed are archived or deleted.
    """
    rows = list(queryset)
    by_id = {str(row.pk): row for row in rows}
    by_name = {row.name.casefold(): row for row in rows if row.archived_at is None}
    used: set = set()
    for position, item in enumerate(items):
        row = by_id.get(item.get("id", "")) or by_name.get(item["name"].casefold())
        if row is not None and row.pk in used:
            row = None
        row = write(row, item, position)
        used.add(row.pk)
    for row in rows:
        if row.pk not in used and row.archived_at is None:
            archive_or_delete(row)
