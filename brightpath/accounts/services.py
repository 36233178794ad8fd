"""Writes to accounts: registration, profile, preferences, passwords, Google."""

import datetime as dt
import logging

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_ipv46_address
from django.db import transaction
from django.utils import timezone

from brightpath.common.errors import Invalid, Unauthenticated

from .google import GoogleIdentity, InvalidGoogleToken, verify_google_id_token
from .models import Consent, User, UserPreference
from .selectors import user_by_email, user_for_reset_link
from .tokens import InvalidRefreshToken, refresh_token_revoke, refresh_tokens_revoke_all, token_pair

logger = logging.getLogger(__name__)


def _check_password(password: str, user: User, field: str) -> None:
    try:
        validate_password(password, user)
    except DjangoValidationError as exc:
        raise Invalid({field: list(exc.messages)}) from exc


def tokens_for(user: User) -> dict[str, str]:
    return token_pair(user)


@transaction.atomic
def user_register(*, email: str, password: str, name: str) -> User:
    email = email.strip().lower()
    if user_by_email(email=email):
        raise Invalid({"email": ["An account with this email already exists."]})
    user = User(email=email, name=name.strip())
    _check_password(password, user, "password")
    user.set_password(password)
    user.save()
    logger.info("user registered", extra={"user_id": str(user.id)})
    return user


@transaction.atomic
def user_update(*, user: User, name: str | None = None) -> User:
    if name is not None:
        user.name = name.strip()
    user.save(update_fields=["name", "updated_at"])
    return user


@transaction.atomic
def user_preferences_replace(*, user: User, preferences: dict[str, object]) -> dict[str, object]:
    """PUT semantics: afterwards the user has exactly these preferences."""
    # Lock the user row so two concurrent replaces serialise instead of interleaving.
    User.objects.select_for_update().filter(pk=user.pk).exists()
    UserPreference.objects.filter(user=user).exclude(key__in=preferences.keys()).delete()
    for key, value in preferences.items():
        UserPreference.objects.update_or_create(user=user, key=key, defaults={"value": value})
    return dict(sorted(preferences.items()))


def user_logout(*, refresh: str) -> None:
    """Blacklist the refresh token so it can never be exchanged again."""
    try:
        refresh_token_revoke(refresh)
    except InvalidRefreshToken as exc:
        raise Invalid({"refresh": [str(exc)]}) from exc


def password_reset_request(*, email: str, base_url: str) -> None:
    """Email a one-time reset link, if the account exists.

    The answer is the same whether or not it does, so the endpoint does not
    reveal who has an account.
    """
    from .tasks import send_password_reset_email

    user = user_by_email(email=email)
    if user is None or not user.is_active:
        logger.info("password reset requested for unknown email")
        return
    transaction.on_commit(lambda: send_password_reset_email.delay(str(user.pk), base_url))


@transaction.atomic
def password_reset_confirm(*, uid: str, token: str, new_password: str) -> User:
    """Set a new password from a reset link's uid and token.

    Django's token hashes the password and last login, so it stops working
    once used. Every refresh token of the account is revoked.
    """
    user = user_for_reset_link(uid=uid, token=token, for_update=True)
    if user is None:
        raise Invalid({"token": ["This reset link is invalid or has already been used."]})
    _check_password(new_password, user, "newPassword")
    user.set_password(new_password)
    user.save(update_fields=["password", "updated_at"])
    refresh_tokens_revoke_all(user)
    return user


def google_sign_in(*, credential: str) -> tuple[User, bool]:
    """Sign in with a Google ID token; returns (user, created).

    Order: the account already linked to this Google subject; else the account
    with the same email, linked now, only if Google verified that email; else a
    new account (no password) for a verified email.
    """
    try:
        identity = verify_google_id_token(credential)  # network: outside the transaction
    except InvalidGoogleToken as exc:
        raise Unauthenticated(f"Google sign-in failed: {exc}") from exc
    return _user_for_google_identity(identity)


@transaction.atomic
def _user_for_google_identity(identity: GoogleIdentity) -> tuple[User, bool]:
    user = User.objects.select_for_update().filter(google_id=identity.subject).first()
    if user is not None:
        return _active(user), False
    if not identity.email_verified:
        raise Unauthenticated("Google has not verified this account's email address.")

    user = User.objects.select_for_update().filter(email__iexact=identity.email).first()
    if user is not None:
        if user.google_id:
            raise Unauthenticated("This account is linked to a different Google account.")
        user.google_id = identity.subject
        user.save(update_fields=["google_id", "updated_at"])
        logger.info("google account linked", extra={"user_id": str(user.pk)})
        return _active(user), False

    user = User.objects.create_user(
        identity.email, password=None, name=identity.name, google_id=identity.subject
    )
    logger.info("user registered with google", extra={"user_id": str(user.pk)})
    return user, True


def _active(user: User) -> User:
    if not user.is_active:
        raise Unauthenticated("This account is disabled.")
    return user


# --- Consents ----------------------------------------------------------------

CONSENT_VERSION_MAX = Consent._meta.get_field("version").max_length
CONSENT_METHOD_MAX = Consent._meta.get_field("method").max_length
USER_AGENT_MAX = 500


def _ip_or_none(ip_address: str | None) -> str | None:
    """The client's address as stored: None when absent or not an IP address."""
    try:
        validate_ipv46_address(ip_address or "")
    except DjangoValidationError:
        return None
    return ip_address


@transaction.atomic
def consent_grant(
    *,
    user: User,
    consent_type: str,
    version: str,
    method: str,
    ip_address: str | None,
    user_agent: str,
    signature: str = "",
    now: dt.datetime | None = None,
) -> Consent:
    """Record that `user` agreed to version `version` of a notice.

    One row per (user, type, version): agreeing to a new version makes a new
    row; agreeing again to a version that was withdrawn clears `revoked_at`;
    agreeing to one already in force changes nothing. Each change is appended
    to `history` ({"action", "at", "ipAddress", "method"}, plus "signature"
    when the user typed one).
    """
    errors: dict[str, list[str]] = {}
    if consent_type not in Consent.TYPES:
        errors["type"] = [f"Choose one of: {', '.join(Consent.TYPES)}."]
    version = (version or "").strip()
    if not version or len(version) > CONSENT_VERSION_MAX:
        errors["version"] = [f"A notice version of 1 to {CONSENT_VERSION_MAX} characters."]
    if not method or len(method) > CONSENT_METHOD_MAX:
        errors["method"] = [f"A method of 1 to {CONSENT_METHOD_MAX} characters."]
    if errors:
        raise Invalid(errors)

    now = now or timezone.now()
    ip_address = _ip_or_none(ip_address)
    consent, created = Consent.objects.select_for_update().get_or_create(
        user=user, consent_type=consent_type, version=version
    )
    if not created and consent.active:
        return consent
    entry = {"action": "granted", "at": now.isoformat(), "ipAddress": ip_address, "method": method}
    if signature:
        entry["signature"] = signature
    consent.granted_at = now
    consent.revoked_at = None
    consent.method = method
    consent.ip_address = ip_address
    consent.user_agent = (user_agent or "")[:USER_AGENT_MAX]
    consent.history = [*consent.history, entry]
    consent.save()
    logger.info(
        "consent granted",
        extra={"user_id": str(user.pk), "consent_type": consent_type, "version": version},
    )
    return consent


@transaction.atomic
def consent_revoke(
    *,
    user: User,
    consent_type: str,
    ip_address: str | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Withdraw every version of a consent the user has in force; returns how many rows
    were withdrawn (0 when none was in force: withdrawing twice changes nothing)."""
    if consent_type not in Consent.TYPES:
        raise Invalid({"type": [f"Choose one of: {', '.join(Consent.TYPES)}."]})
    now = now or timezone.now()
    entry = {
        "action": "revoked",
        "at": now.isoformat(),
        "ipAddress": _ip_or_none(ip_address),
        "method": "signed_in",
    }
    rows = Consent.objects.select_for_update().filter(
        user=user, consent_type=consent_type, granted_at__isnull=False, revoked_at__isnull=True
    )
    revoked = 0
    for consent in rows:
        consent.revoked_at = now
        consent.history = [*consent.history, entry]
        consent.save(update_fields=["revoked_at", "history"])
        revoked += 1
    if revoked:
        logger.info(
            "consent revoked",
            extra={"user_id": str(user.pk), "consent_type": consent_type, "rows": revoked},
        )
    return revoked
