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
from .models import AUDIT_ACTIONS, AUDIT_TARGET_TYPES, AuditEvent, Consent, User, UserPreference
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
    before = user.name
    if name is not None:
        user.name = name.strip()
    user.save(update_fields=["name", "updated_at"])
    if user.name != before:
        audit_record(
            actor=user,
            action="account.updated",
            target=user,
            changes={"name": {"before": before, "after": user.name}},
        )
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
    audit_record(
        actor=user,
        action="account.password_changed",
        target=user,
        changes={"password": {"before": None, "after": None}},
        context={"method": "reset_link"},
    )
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
        # Google's subject id is an identifier: only the fact of the link is recorded.
        audit_record(actor=user, action="account.google_linked", target=user)
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
    audit_record(
        actor=user,
        action="consent.granted",
        target=consent,
        target_user=user,
        context={"consentType": consent_type, "version": version, "method": method},
        ip_address=ip_address,
        user_agent=user_agent,
    )
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
        audit_record(
            actor=user,
            action="consent.revoked",
            target=consent,
            target_user=user,
            context={"consentType": consent_type, "version": consent.version},
            ip_address=entry["ipAddress"],
        )
        revoked += 1
    if revoked:
        logger.info(
            "consent revoked",
            extra={"user_id": str(user.pk), "consent_type": consent_type, "rows": revoked},
        )
    return revoked


# --- The audit log ----------------------------------------------------------------

# A field whose name contains one of these is recorded as changed, never with its value.
SECRET_MARKERS = ("password", "token", "secret", "credential", "googleid", "signature")
HIDDEN = "[hidden]"
JSON_SCALARS = (str, int, float, bool, type(None))


def _plain_json(value: object, field: str) -> object:
    if isinstance(value, JSON_SCALARS):
        return value
    if isinstance(value, list | tuple):
        return [_plain_json(v, field) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain_json(v, field) for k, v in value.items()}
    raise ValueError(f"audit change {field!r}: {type(value).__name__} is not plain JSON")


def _is_secret(field: str) -> bool:
    key = field.replace("_", "").lower()
    return any(marker in key for marker in SECRET_MARKERS)


def audit_changes(changes: dict[str, dict]) -> dict[str, dict[str, object]]:
    """`changes` in AuditEvent's documented shape: only the fields whose value
    changed, plain JSON, secrets hidden. A malformed entry is a programming
    error (ValueError), so it rolls the caller's transaction back."""
    out: dict[str, dict[str, object]] = {}
    for field, change in changes.items():
        if not isinstance(change, dict) or set(change) != {"before", "after"}:
            raise ValueError(f"audit change {field!r} must be {{'before', 'after'}}")
        if _is_secret(field):
            out[field] = {"before": HIDDEN, "after": HIDDEN}
            continue
        before, after = _plain_json(change["before"], field), _plain_json(change["after"], field)
        if before != after:
            out[field] = {"before": before, "after": after}
    return out


def audit_diff(before: dict[str, object], after: dict[str, object]) -> dict[str, dict]:
    """Changes between two {field: value} views of a row, in AuditEvent's shape."""
    return audit_changes(
        {
            field: {"before": before.get(field), "after": after.get(field)}
            for field in {**before, **after}
        }
    )


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: object,
    family_id: object = None,
    target_user: User | None = None,
    target_name: str = "",
    changes: dict[str, dict] | None = None,
    context: dict[str, object] | None = None,
    ip_address: str | None = None,
    user_agent: str = "",
) -> AuditEvent:
    """Record that `actor` did `action` to `target` (a model instance).

    Call it inside the service's transaction, after the change: if the change
    fails or rolls back, so does its record. `family_id` is the family the
    target belongs to; an account event gives `target_user` instead (the
    target itself when it is a User).
    """
    target_type = "user" if isinstance(target, User) else type(target).__name__.lower()
    if target_type.endswith("commitment"):  # a family's or a child's
        target_type = "commitment"
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if target_type not in AUDIT_TARGET_TYPES:
        raise ValueError(f"unknown audit target {target_type!r}")
    if target_user is None and isinstance(target, User):
        target_user = target
    context = context or {}
    for key, value in context.items():
        if not isinstance(value, JSON_SCALARS) or _is_secret(key):
            raise ValueError(f"audit context {key!r} must be a plain, non-secret value")
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        family_id=family_id,
        target_user=target_user,
        action=action,
        target_type=target_type,
        target_id=str(getattr(target, "pk", "") or ""),
        target_name=(target_name or getattr(target, "name", "") or "")[:255],
        changes=audit_changes(changes or {}),
        context=context,
        ip_address=_ip_or_none(ip_address),
        user_agent=(user_agent or "")[:USER_AGENT_MAX],
    )
