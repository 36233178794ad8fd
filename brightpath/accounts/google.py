"""Verification of Google ID tokens (Google Identity Services sign-in).

google-auth checks the RS256 signature against Google's published certificates,
the audience (our GOOGLE_CLIENT_ID) and the expiry; we add the issuer check.
"""

from dataclasses import dataclass

import requests
from django.conf import settings
from google.auth import exceptions as google_exceptions
from google.auth.transport.requests import Request
from google.oauth2 import id_token

GOOGLE_ISSUERS = {"accounts.google.com", "https://accounts.google.com"}


class InvalidGoogleToken(Exception):
    """The token is not a valid Google ID token for this application."""


@dataclass(frozen=True)
class GoogleIdentity:
    subject: str
    email: str
    email_verified: bool
    name: str


_session = requests.Session()


def verify_google_id_token(token: str) -> GoogleIdentity:
    if not settings.GOOGLE_CLIENT_ID:
        raise InvalidGoogleToken("Google sign-in is not configured (GOOGLE_CLIENT_ID is empty).")
    try:
        claims = id_token.verify_token(
            token,
            Request(session=_session),
            audience=settings.GOOGLE_CLIENT_ID,
            certs_url=settings.GOOGLE_CERTS_URL,
            clock_skew_in_seconds=10,
        )
    except (ValueError, google_exceptions.GoogleAuthError) as exc:
        raise InvalidGoogleToken(str(exc)) from exc
    if claims.get("iss") not in GOOGLE_ISSUERS:
        raise InvalidGoogleToken(f"Wrong issuer: {claims.get('iss')!r}.")
    if not claims.get("sub") or not claims.get("email"):
        raise InvalidGoogleToken("The token carries no subject or email.")
    return GoogleIdentity(
        subject=str(claims["sub"]),
        email=str(claims["email"]).lower(),
        email_verified=bool(claims.get("email_verified")),
        name=str(claims.get("name") or claims["email"].split("@")[0]),
    )
