"""The family's history: who changed what, newest first, in one feed.

Two tables hold it and neither copies the other:
- accounts.AuditEvent: settings, the questionnaire, children, subjects,
  commitments, replanned weeks, and the account changes of the family's members;
- planner.ActivityLog: what happened to one item (done, skipped, moved, added,
  deleted), already written with its actor by every item service and kept as
  the records' source.

`family_audit_feed` is the UNION of both tables' (id, created_at, kind), ordered
and paginated by the database; `audit_entries` then loads only the page's rows
(one query per table), so a page costs the same number of queries at any size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import CharField, Q, QuerySet, Value
from django.utils import timezone

from brightpath.accounts.models import AuditEvent, User
from brightpath.families.models import Family
from brightpath.families.selectors import family_for_user

from ..audit_sentences import SYSTEM_ACTOR, event_sentence, log_sentence
from ..models import ActivityLog

EVENT, ITEM = "event", "item"


@dataclass(frozen=True)
class AuditEntry:
    id: str
    kind: str  # EVENT (an AuditEvent) or ITEM (an item's ActivityLog row)
    action: str  # e.g. "family.updated", "item.rescheduled"
    at: dt.datetime  # in the family's time zone
    actor_id: str | None  # None: BrightPath itself, or an account since deleted
    actor_name: str
    child_name: str
    target_type: str
    target_id: str
    sentence: str
    changes: dict


def family_members(family: Family) -> list:
    """The accounts whose own changes (account, consents) the family sees.

    A family has one account today, its owner; members added later join here."""
    return [family.owner_id]


def family_audit_feed(*, user: User, family: Family | None = None) -> QuerySet:
    """The keys of the user's family's history, newest first: rows of
    {"id", "created_at", "kind"}, to paginate and then load with `audit_entries`.
    Nothing of another family (or of a user without a family) is in it."""
    family = family or family_for_user(user=user)
    events = AuditEvent.objects.none()
    logs = ActivityLog.objects.none()
    if family is not None and family.owner_id == user.pk:
        events = AuditEvent.objects.filter(
            Q(family_id=family.pk)
            | Q(family_id__isnull=True, target_user__in=family_members(family))
        )
        logs = ActivityLog.objects.filter(family=family)
    keys = ("id", "created_at", "kind")
    return (
        events.order_by()
        .annotate(kind=Value(EVENT, output_field=CharField()))
        .values_list(*keys)
        .union(
            logs.order_by().annotate(kind=Value(ITEM, output_field=CharField())).values_list(*keys),
            all=True,
        )
        .order_by("-created_at", "-id")
    )


def _actor(actor: User | None) -> tuple[str | None, str]:
    if actor is None:
        return None, SYSTEM_ACTOR
    return str(actor.pk), actor.name or actor.email


def _event_entry(row: AuditEvent, zone: ZoneInfo) -> AuditEntry:
    actor_id, actor_name = _actor(row.actor)
    return AuditEntry(
        id=str(row.pk),
        kind=EVENT,
        action=row.action,
        at=timezone.localtime(row.created_at, zone),
        actor_id=actor_id,
        actor_name=actor_name,
        child_name=row.context.get(
            "childName", row.target_name if row.target_type == "child" else ""
        ),
        target_type=row.target_type,
        target_id=row.target_id,
        sentence=event_sentence(
            actor=actor_name,
            action=row.action,
            target_name=row.target_name,
            changes=row.changes,
            context=row.context,
        ),
        changes=row.changes,
    )


def _log_entry(row: ActivityLog, zone: ZoneInfo) -> AuditEntry:
    actor_id, actor_name = _actor(row.actor)
    actual = row.actual or {}
    changes = {}
    if row.action == "rescheduled":
        old, new = row.scheduled, actual
        changes = {
            "date": {"before": old.get("date"), "after": new.get("newDate")},
            "startTime": {"before": old.get("startTime"), "after": new.get("newStartTime")},
            "endTime": {"before": old.get("endTime"), "after": new.get("newEndTime")},
        }
    return AuditEntry(
        id=str(row.pk),
        kind=ITEM,
        action=f"item.{row.action}",
        at=timezone.localtime(row.created_at, zone),
        actor_id=actor_id,
        actor_name=actor_name,
        child_name=row.child.name,
        target_type="scheduleItem",
        target_id=str(row.schedule_item_id or ""),
        sentence=log_sentence(
            actor=actor_name,
            action=row.action,
            name=row.activity_name,
            child=row.child.name,
            scheduled=row.scheduled,
            actual=actual,
        ),
        changes=changes,
    )


def audit_entries(*, family: Family, keys: list[tuple]) -> list[AuditEntry]:
    """The page's entries, in the page's order, worded, times in the family's zone."""
    ids = {EVENT: [], ITEM: []}
    for pk, _, kind in keys:
        ids[kind].append(pk)
    zone = ZoneInfo(family.time_zone)
    loaded: dict[str, AuditEntry] = {}
    if ids[EVENT]:
        for row in AuditEvent.objects.filter(pk__in=ids[EVENT]).select_related("actor"):
            loaded[str(row.pk)] = _event_entry(row, zone)
    if ids[ITEM]:
        rows = ActivityLog.objects.filter(pk__in=ids[ITEM]).select_related("actor", "child")
        for row in rows:
            loaded[str(row.pk)] = _log_entry(row, zone)
    return [loaded[str(pk)] for pk, _, _ in keys if str(pk) in loaded]
