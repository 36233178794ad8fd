"""A parent's consent to Spark (COPPA's verifiable parental consent) and its withdrawal.

Verification: the parent re-enters their account password (an account made
with Google sign-in, which has none, gets a 6-digit code by email instead)
and types their full name as a signature. The consent is recorded against the
notice's current version (settings SPARK_NOTICE_VERSION, brightpath/spark/privacy-notice.md)
and confirmed by an email that says how to withdraw it ("email plus").

Sharing a child's messages with an outside model ("data_sharing") is a second,
separate consent, possible only under the first. Withdrawing COPPA consent
withdraws both and ends every open conversation of the parent's children at
once; from then on `require_consent` refuses any new collection.
"""

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from brightpath.accounts.models import Consent, User
from brightpath.accounts.selectors import consent_in_force
from brightpath.accounts.services import consent_grant, consent_revoke
from brightpath.common.errors import Invalid
from brightpath.spark.models import Conversation
from brightpath.spark.selectors.children import coppa_consent
from brightpath.spark.selectors.consent import SPARK_CONSENT_TYPES

logger = logging.getLogger(__name__)

SIGNATURE_MIN, SIGNATURE_MAX = 2, 100
CODE_DIGITS = 6
CODE_TTL = dt.timedelta(minutes=15)
CODE_MAX_TRIES = 5  # wrong codes before the code is void and a new one is needed
METHOD_PASSWORD = "password+signature"
METHOD_EMAIL_CODE = "email_code+signature"
CONSENT, EXIT = "consent", "exit"  # what a code is for: one can't stand in for the other


def _code_key(user: User, purpose: str) -> str:
    return f"spark:verify-code:{purpose}:{user.pk}"


def _code_digest(user: User, purpose: str, code: str) -> str:
    return salted_hmac(f"brightpath.spark.code.{purpose}", f"{user.pk}:{code}").hexdigest()


def parent_code_send(*, user: User, purpose: str = CONSENT, now: dt.datetime | None = None) -> None:
    """Email a 6-digit code to a parent whose account has no password.

    Only its hash is kept, in the cache, for 15 minutes; a new code replaces
    the old, and five wrong tries void it.
    """
    if user.has_usable_password():
        raise Invalid({"password": ["Your account has a password: confirm with it."]})
    now = now or timezone.now()
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    entry = {
        "digest": _code_digest(user, purpose, code),
        "tries": 0,
        "expires": (now + CODE_TTL).timestamp(),
    }
    cache.set(_code_key(user, purpose), entry, timeout=int(CODE_TTL.total_seconds()))
    send_mail(
        subject="Your BrightPath confirmation code",
        message=render_to_string(
            "spark/emails/verification_code.txt",
            {
                "user": user,
                "code": code,
                "minutes": int(CODE_TTL.total_seconds() // 60),
                "purpose": purpose,
            },
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )
    logger.info("spark verification code sent", extra={"user_id": str(user.pk), "purpose": purpose})


def spark_consent_code_send(*, user: User, now: dt.datetime | None = None) -> None:
    """The code a parent without a password confirms their consent with."""
    parent_code_send(user=user, purpose=CONSENT, now=now)


def _code_matches(*, user: User, purpose: str, code: str, now: dt.datetime) -> bool:
    """True (and the code is used up) when `code` is the one sent and still valid."""
    key = _code_key(user, purpose)
    entry = cache.get(key)
    if not entry or entry["expires"] <= now.timestamp():
        return False
    if constant_time_compare(_code_digest(user, purpose, code.strip()), entry["digest"]):
        cache.delete(key)
        return True
    entry["tries"] += 1
    remaining = int(entry["expires"] - now.timestamp())
    if entry["tries"] >= CODE_MAX_TRIES or remaining <= 0:
        cache.delete(key)
    else:
        cache.set(key, entry, timeout=remaining)
    return False


def _verification_errors(
    *, user: User, password: str | None, code: str | None, purpose: str, now: dt.datetime
) -> dict[str, list[str]]:
    """What is wrong with the proof that this is the account's owner ({} when right)."""
    if user.has_usable_password():
        if not password or not user.check_password(password):
            return {"password": ["That is not your account password."]}
        return {}
    if not code:
        return {"code": ["Enter the 6-digit code we emailed you."]}
    if not _code_matches(user=user, purpose=purpose, code=code, now=now):
        return {"code": ["That code is wrong or has expired: ask for a new one."]}
    return {}


def parent_verify(
    *,
    user: User,
    password: str | None = None,
    code: str | None = None,
    purpose: str = EXIT,
    now: dt.datetime | None = None,
) -> None:
    """Check that a grown-up holding the account is present (leaving a child's view):
    the password, or for an account without one a code emailed for this purpose."""
    errors = _verification_errors(
        user=user, password=password, code=code, purpose=purpose, now=now or timezone.now()
    )
    if errors:
        raise Invalid(errors)


def _signature_errors(signature: str) -> dict[str, list[str]]:
    if not SIGNATURE_MIN <= len(signature) <= SIGNATURE_MAX:
        return {
            "signature": [
                f"Type your full name ({SIGNATURE_MIN} to {SIGNATURE_MAX} characters) to sign."
            ]
        }
    return {}


@transaction.atomic
def spark_consent_grant(
    *,
    user: User,
    consent_type: str,
    signature: str,
    password: str | None = None,
    code: str | None = None,
    ip_address: str | None = None,
    user_agent: str = "",
    now: dt.datetime | None = None,
) -> Consent:
    """Record the parent's consent to the current Spark notice, once verified.

    Bad input (an unknown type, a missing signature, a wrong password or code,
    data sharing before COPPA consent) stores nothing. Consent already in force
    for this version is returned as it is, without a second email.
    """
    now = now or timezone.now()
    signature = " ".join((signature or "").split())
    errors: dict[str, list[str]] = {}
    if consent_type not in SPARK_CONSENT_TYPES:
        errors["type"] = [f"Choose one of: {', '.join(SPARK_CONSENT_TYPES)}."]
    elif consent_type == Consent.DATA_SHARING and coppa_consent(user=user) is None:
        errors["type"] = [
            "Give consent to Spark first: sharing with an outside model is a separate, "
            "later choice."
        ]
    errors.update(_signature_errors(signature))
    if user.has_usable_password() or not errors:
        # A code is used up when checked, so it is only checked when all else is right.
        errors.update(
            _verification_errors(user=user, password=password, code=code, purpose=CONSENT, now=now)
        )
    if errors:
        raise Invalid(errors)

    version = settings.SPARK_NOTICE_VERSION
    method = METHOD_PASSWORD if user.has_usable_password() else METHOD_EMAIL_CODE
    already = consent_in_force(user=user, consent_type=consent_type, version=version) is not None
    consent = consent_grant(
        user=user,
        consent_type=consent_type,
        version=version,
        method=method,
        ip_address=ip_address,
        user_agent=user_agent,
        signature=signature,
        now=now,
    )
    if not already:
        _email_after_commit(consent_id=consent.pk, action="granted")
    return consent


@transaction.atomic
def spark_consent_revoke(
    *,
    user: User,
    consent_type: str,
    ip_address: str | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Withdraw a Spark consent; returns the consent rows withdrawn.

    Withdrawing COPPA consent withdraws data sharing too and ends every open
    conversation of the parent's children now.
    """
    if consent_type not in SPARK_CONSENT_TYPES:
        raise Invalid({"type": [f"Choose one of: {', '.join(SPARK_CONSENT_TYPES)}."]})
    now = now or timezone.now()
    types = SPARK_CONSENT_TYPES if consent_type == Consent.COPPA else (consent_type,)
    revoked = 0
    for kind in types:
        revoked += consent_revoke(user=user, consent_type=kind, ip_address=ip_address, now=now)
    if consent_type == Consent.COPPA:
        ended = Conversation.objects.filter(child__parent=user, ended_at__isnull=True).update(
            ended_at=now
        )
        logger.info(
            "spark consent withdrawn", extra={"user_id": str(user.pk), "conversations_ended": ended}
        )
    if revoked:
        latest = (
            Consent.objects.filter(user=user, consent_type=consent_type, revoked_at=now)
            .values_list("pk", flat=True)
            .first()
        )
        if latest:
            _email_after_commit(consent_id=latest, action="revoked")
    return revoked


def _email_after_commit(*, consent_id, action: str) -> None:
    from brightpath.spark.tasks import send_consent_email

    transaction.on_commit(lambda: send_consent_email.delay(str(consent_id), action))


def consent_email_send(*, consent_id, action: str) -> None:
    """The parent's confirmation that a consent was given or withdrawn, with how to
    withdraw it (the "plus" of "email plus"). Nothing is sent for a row gone since."""
    consent = Consent.objects.select_related("user").filter(pk=consent_id).first()
    if consent is None or not consent.user.is_active:
        return
    granted = action == "granted"
    if granted and not consent.active:
        return
    context = {
        "user": consent.user,
        "consent": consent,
        "action": action,
        "sharing": consent.consent_type == Consent.DATA_SHARING,
        "signature": next(
            (e.get("signature") for e in reversed(consent.history) if e.get("signature")), ""
        ),
        "site_url": settings.SITE_URL,
        "retention_days": settings.SPARK_RETENTION_DAYS,
    }
    send_mail(
        subject="You gave consent to Spark" if granted else "You withdrew consent to Spark",
        message=render_to_string("spark/emails/consent.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[consent.user.email],
    )
