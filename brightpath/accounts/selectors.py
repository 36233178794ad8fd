from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from brightpath.common.selectors import owned_by

from .models import Consent, User, UserPreference


def user_preferences(*, user: User) -> dict[str, object]:
    """The user's preferences as one {key: value} mapping."""
    rows: QuerySet[UserPreference] = owned_by(UserPreference.objects.all(), user).order_by("key")
    return {row.key: row.value for row in rows}


def user_by_email(*, email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()


def user_for_reset_link(*, uid: str, token: str, for_update: bool = False) -> User | None:
    """The user a password-reset link (uid + one-time token) is for, if still valid."""
    queryset = User.objects.select_for_update() if for_update else User.objects.all()
    try:
        user = queryset.get(pk=force_str(urlsafe_base64_decode(uid)), is_active=True)
    except (ValueError, TypeError, OverflowError, DjangoValidationError, User.DoesNotExist):
        return None
    return user if default_token_generator.check_token(user, token) else None


def consents_of(*, user: User, consent_types: tuple[str, ...] | None = None) -> QuerySet[Consent]:
    """The user's consent rows (every version, granted or revoked), newest first."""
    rows = owned_by(Consent.objects.all(), user).order_by("-created_at")
    return rows.filter(consent_type__in=consent_types) if consent_types else rows


def consents_in_force(*, consent_type: str, version: str | None = None) -> QuerySet[Consent]:
    """Every user's consents of this type that are granted and not revoked; with
    `version`, only those given to that version of the notice."""
    rows = Consent.objects.filter(
        consent_type=consent_type, granted_at__isnull=False, revoked_at__isnull=True
    )
    return rows if version is None else rows.filter(version=version)


def consent_in_force(
    *, user: User, consent_type: str, version: str | None = None
) -> Consent | None:
    """The user's newest consent of this type that is granted and not revoked, if any;
    with `version`, only one given to that version of the notice (a product whose
    notice changed materially asks again)."""
    return (
        owned_by(consents_in_force(consent_type=consent_type, version=version), user)
        .order_by("-granted_at")
        .first()
    )
