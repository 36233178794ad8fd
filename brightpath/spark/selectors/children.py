"""Reading a parent's Spark children: every read is scoped to the parent here."""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from brightpath.accounts.models import Consent
from brightpath.accounts.selectors import consent_in_force, consents_in_force
from brightpath.common.errors import Forbidden
from brightpath.common.selectors import get_owned_or_404, owned_by
from brightpath.spark.models import Child, ParentProfile


def children_of(*, user) -> QuerySet[Child]:
    """The parent's children, oldest profile first."""
    return owned_by(Child.objects.all(), user, owner_path="parent").select_related("streak")


def child_of(*, user, child_id) -> Child:
    """One of the parent's children, or NotFound (missing and not-yours look alike)."""
    return get_owned_or_404(
        Child.objects.select_related("parent"), user, owner_path="parent", id=child_id
    )


def zone_named(name: str | None) -> zoneinfo.ZoneInfo:
    """The time zone of this IANA name; the site's (settings.TIME_ZONE) for none,
    or for a name this server does not know."""
    try:
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def spark_profile(*, user) -> ParentProfile:
    """The parent's Spark profile; one not saved yet, with the defaults (the site's
    time zone), for a parent who never set it. Reading it writes nothing."""
    return ParentProfile.objects.filter(user=user).first() or ParentProfile(user=user)


def parent_timezone(user) -> zoneinfo.ZoneInfo:
    """The parent's time zone (their Spark profile's; the site's until they set one)."""
    name = ParentProfile.objects.filter(user=user).values_list("timezone", flat=True).first()
    return zone_named(name)


def local_today(user, now: dt.datetime | None = None) -> dt.date:
    """Today in the parent's time zone: a child's day, streak and cap follow it."""
    return (now or timezone.now()).astimezone(parent_timezone(user)).date()


def bedtime(child: Child) -> tuple[dt.time, dt.time] | None:
    """The child's bedtime as (start, end) on the parent's clock, or None without
    one (start and end the same, or unset). A start after the end crosses midnight
    (20:00 to 07:00)."""
    settings_ = child.settings or {}
    try:
        start = dt.time.fromisoformat(settings_.get("bedtime_start") or "")
        end = dt.time.fromisoformat(settings_.get("bedtime_end") or "")
    except (TypeError, ValueError):
        return None
    return None if start == end else (start, end)


def is_bedtime(child: Child, now: dt.datetime | None = None) -> bool:
    """It is the child's bedtime now, on the parent's clock: from the start (included)
    to the end (excluded), across midnight when the start is after the end."""
    window = bedtime(child)
    if window is None:
        return False
    start, end = window
    clock = (now or timezone.now()).astimezone(parent_timezone(child.parent)).time()
    if start < end:
        return start <= clock < end
    return clock >= start or clock < end


def coppa_consent(*, user) -> Consent | None:
    """The parent's COPPA consent to the current notice, if in force: granted, not
    revoked, and given to the notice as it reads now (a new notice version, a
    material change, asks every parent again before a child goes on)."""
    return consent_in_force(
        user=user, consent_type=Consent.COPPA, version=settings.SPARK_NOTICE_VERSION
    )


def consenting_parents() -> QuerySet:
    """The ids of the parents whose COPPA consent to the current notice is in force."""
    return consents_in_force(
        consent_type=Consent.COPPA, version=settings.SPARK_NOTICE_VERSION
    ).values("user_id")


def llm_sharing_allowed(*, user) -> bool:
    """The parent agreed, separately, to a child's messages going to an outside model."""
    return (
        consent_in_force(
            user=user, consent_type=Consent.DATA_SHARING, version=settings.SPARK_NOTICE_VERSION
        )
        is not None
    )


def require_consent(*, user) -> None:
    """No child's data is collected before verifiable parental consent, nor after it is revoked."""
    if coppa_consent(user=user) is None:
        raise Forbidden(
            "A parent's consent is needed before a child can use Spark.", code="consent_required"
        )
