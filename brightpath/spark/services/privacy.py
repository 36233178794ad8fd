"""A child's data as the parent may take it away, and how long conversation text is kept.

`child_export` is everything Spark holds about one child, as JSON (the parent's
right to review it). `conversations_purge` and `children_purge` are the written
retention policy (brightpath/spark/privacy-notice.md) enforced, every day by the
beat job `spark.purge_old_conversations`:

- conversation text older than SPARK_RETENTION_DAYS is deleted; the numbers
  (time, depth, stars) stay while the profile does;
- a child's profile and everything about them is deleted when the child has had
  no conversation for SPARK_RETENTION_DAYS (a profile never used: since it was
  made), or when the parent's COPPA consent has been withdrawn for more than
  WITHDRAWN_DAYS and not given again. Nothing is kept indefinitely.
"""

import datetime as dt
import logging
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone

from brightpath.accounts.models import Consent
from brightpath.accounts.selectors import consents_in_force
from brightpath.spark.models import (
    Child,
    CognitiveMetrics,
    Conversation,
    DailyActivity,
    Message,
    Progress,
    Reward,
    Streak,
)

from .children import child_delete

logger = logging.getLogger(__name__)

# Days after the parent withdrew COPPA consent (and did not give it again) that the
# children's profiles are kept, for the parent to read or download them.
WITHDRAWN_DAYS = 30

EXPORT_FORMAT = 1
# Never exported: a secret (the PIN's hash) and the rows' owners, which the export names once.
_NOT_EXPORTED = {"pin_hash", "parent", "child", "user", "conversation"}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _json(value):
    """A stored value as JSON: dates and times in ISO 8601, ids as strings, and the
    keys of stored JSON objects in camelCase like the rest of the export."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, dict):
        return {_camel(str(key)): _json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json(item) for item in value]
    return value


def _row(instance: models.Model) -> dict:
    """Every stored column of a row, camelCase; a foreign key as `<name>Id`."""
    out = {}
    for field in instance._meta.concrete_fields:
        if field.name in _NOT_EXPORTED:
            continue
        if field.is_relation:
            out[_camel(field.name) + "Id"] = _json(getattr(instance, field.attname))
        else:
            out[_camel(field.name)] = _json(getattr(instance, field.attname))
    return out


def child_export(*, child: Child) -> dict:
    """Everything Spark holds about `child`, and the parent's consents, as one JSON object
    (camelCase). The PIN's hash is left out; topics and sparks are named by slug and date."""
    conversations = (
        Conversation.objects.filter(child=child)
        .select_related("topic", "brain_spark")
        .prefetch_related("messages")
        .order_by("started_at")
    )
    consents = Consent.objects.filter(user_id=child.parent_id).order_by("created_at")
    streak = Streak.objects.filter(child=child).first()
    return {
        "format": EXPORT_FORMAT,
        "exportedAt": timezone.now().isoformat(),
        "noticeVersion": settings.SPARK_NOTICE_VERSION,
        "retentionDays": settings.SPARK_RETENTION_DAYS,
        "child": {**_row(child), "hasPin": bool(child.pin_hash)},
        "parentConsents": [_row(consent) for consent in consents],
        "conversations": [
            {
                **_row(conversation),
                "topicSlug": conversation.topic.slug if conversation.topic else None,
                "brainSparkDate": _json(conversation.brain_spark.spark_date)
                if conversation.brain_spark
                else None,
                "messages": [
                    _row(message)
                    for message in sorted(conversation.messages.all(), key=lambda m: m.created_at)
                ],
            }
            for conversation in conversations
        ],
        "progress": [
            {**_row(row), "topicSlug": row.topic.slug}
            for row in Progress.objects.filter(child=child).select_related("topic")
        ],
        "streak": _row(streak) if streak else None,
        "rewards": [_row(row) for row in Reward.objects.filter(child=child).order_by("earned_at")],
        "dailyActivity": [
            _row(row) for row in DailyActivity.objects.filter(child=child).order_by("activity_date")
        ],
        "cognitiveMetrics": [
            _row(row)
            for row in CognitiveMetrics.objects.filter(child=child).order_by("assessment_date")
        ],
    }


def retention_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    """Conversation text written before this moment is past the retention limit."""
    return (now or timezone.now()) - dt.timedelta(days=settings.SPARK_RETENTION_DAYS)


@transaction.atomic
def conversations_purge(*, now: dt.datetime | None = None) -> int:
    """Delete conversation text kept longer than SPARK_RETENTION_DAYS; returns the
    messages deleted.

    A message more than the limit old is deleted (one exactly the limit old is
    kept until the next run); a conversation whose last message is past the limit
    loses its summary and key insights too, and keeps its numbers (duration,
    depth, questions), which progress and the parent's charts are built from.
    Running it again deletes nothing more.
    """
    cutoff = retention_cutoff(now)
    deleted, _ = Message.objects.filter(created_at__lt=cutoff).delete()
    blanked = (
        Conversation.objects.filter(last_message_at__lt=cutoff)
        .exclude(Q(summary="") & Q(key_insights=[]))
        .update(summary="", key_insights=[])
    )
    logger.info(
        "spark conversation text purged",
        extra={
            "messages_deleted": deleted,
            "conversations_blanked": blanked,
            "cutoff": str(cutoff),
        },
    )
    return deleted


def children_purge(*, now: dt.datetime | None = None) -> int:
    """Delete, with everything about them, the children whose profile is past the
    retention policy; returns how many.

    - No conversation for SPARK_RETENTION_DAYS: the last message of the child's
      last conversation (or, for a child who never talked, the profile's making)
      is older than the limit. One exactly the limit old stays until the next run.
    - The parent's COPPA consent was withdrawn more than WITHDRAWN_DAYS ago and is
      not in force again (for any version of the notice).
    """
    now = now or timezone.now()
    cutoff = retention_cutoff(now)
    last_talk = Subquery(
        Conversation.objects.filter(child=OuterRef("pk"))
        .order_by()
        .values("child")
        .annotate(last=Max("last_message_at"))
        .values("last")[:1]
    )
    inactive = Child.objects.annotate(last_talk=last_talk).filter(
        Q(last_talk__lt=cutoff) | Q(last_talk__isnull=True, created_at__lt=cutoff)
    )
    withdrawn_at = Subquery(
        Consent.objects.filter(
            user=OuterRef("parent"), consent_type=Consent.COPPA, revoked_at__isnull=False
        )
        .order_by()
        .values("user")
        .annotate(last=Max("revoked_at"))
        .values("last")[:1]
    )
    withdrawn = (
        Child.objects.exclude(
            parent__in=consents_in_force(consent_type=Consent.COPPA).values("user")
        )
        .annotate(withdrawn_at=withdrawn_at)
        .filter(withdrawn_at__lt=now - dt.timedelta(days=WITHDRAWN_DAYS))
    )
    reasons = {child.pk: "inactive" for child in inactive.only("pk")}
    reasons.update({child.pk: "consent_withdrawn" for child in withdrawn.only("pk")})
    for child in Child.objects.filter(pk__in=reasons).select_related("parent"):
        child_delete(child=child)
        logger.info(
            "spark child deleted by the retention policy",
            extra={"child_id": str(child.pk), "reason": reasons[child.pk]},
        )
    return len(reasons)
