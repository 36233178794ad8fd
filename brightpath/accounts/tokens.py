"""The API's JWTs (simplejwt): issue a pair, revoke one refresh token or all of a user's.

The accounts services call these, so that they name no JWT library themselves.
"""

from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from .models import User


class InvalidRefreshToken(Exception):
    """The refresh token is malformed, expired or already revoked."""


def token_pair(user: User) -> dict[str, str]:
    refresh = RefreshToken.for_user(user)
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


def refresh_token_revoke(refresh: str) -> None:
    """Blacklist the refresh token so it can never be exchanged again."""
    try:
        RefreshToken(refresh).blacklist()
    except TokenError as exc:
        raise InvalidRefreshToken(str(exc)) from exc


def refresh_tokens_revoke_all(user: User) -> None:
    """Blacklist every unexpired refresh token of the user."""
    for token in OutstandingToken.objects.filter(user=user, expires_at__gt=timezone.now()):
        BlacklistedToken.objects.get_or_create(token=token)
