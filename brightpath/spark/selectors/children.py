"""Reading a parent's Spark children: every read is scoped to the parent here."""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from brightpath.accounts.models import Consent
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


def parent_timezone(user) -> zoneinfo.ZoneInfo:
    """The parent's time zone (their Spark profile's; UTC until they set one)."""
    name = ParentProfile.objects.filter(user=user).values_list("timezone", flat=True).first()
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def local_today(user, now: dt.datetime | None = None) -> dt.date:
    """Today in the parent's time zone: a child's day, streak and cap follow it."""
    return (now or timezone.now()).astimezone(parent_timezone(user)).date()


def _in_force(user, consent_type: str):
    """Granted, not revoked, and given to the notice as it reads now: a new notice
    version (a material change) asks every parent again before a child goes on."""
    return Consent.objects.filter(
        user=user,
        consent_type=consent_type,
        version=settings.SPARK_NOTICE_VERSION,
        granted_at__isnull=False,
        revoked_at__isnull=True,
    )


def coppa_consent(*, user) -> Consent | None:
    """The parent's COPPA consent to the current notice, if in force."""
    return _in_force(user, Consent.COPPA).first()


def llm_sharing_allowed(*, user) -> bool:
    """The parent agreed, separately, to a child's messages going to an outside model."""
    return _in_force(user, Consent.DATA_SHARING).exists()


def require_consent(*, user) -> None:
    """No child's data is collected before verifiable parental consent, nor after it is revoked."""
    if coppa_consent(user=user) is None:
        raise Forbidden(
            "A parent's consent is needed before a child can use Spark.", code="consent_required"
        )
