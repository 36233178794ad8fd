"""Verification of Google ID tokens (Google Identity Services sign-in).

google-auth checks the RS256 signature against Google's published certificates,
the audience (our GOOGLE_CLIENT_ID) and the expiry; we add the issuer check.
The certificates are cached for as long as Google's Cache-Control allows and
fetched again once when a token names a key we have not seen (key rotation).
"""

import re
from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.cache import cache
from google.auth import exceptions as google_exceptions
from google.auth import jwt

GOOGLE_ISSUERS = {"accounts.google.com", "https://accounts.google.com"}
_CERTS_CACHE_KEY = "google:id-token-certs"
_DEFAULT_CERTS_MAX_AGE = 3600


class InvalidGoogleToken(Exception):
    """The token is not a valid Google ID token for this application."""


@dataclass(frozen=True)
class GoogleIdentity:
    subject: str
    email: str
    email_verified: bool
    name: str


_session = requests.Session()


def _google_certs(*, fresh: bool) -> dict[str, str]:
    certs = None if fresh else cache.get(_CERTS_CACHE_KEY)
    if certs is None:
        try:
            response = _session.get(settings.GOOGLE_CERTS_URL, timeout=5)
            response.raise_for_status()
            certs = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise InvalidGoogleToken(f"Could not fetch Google's certificates: {exc}") from exc
        max_age = re.search(r"max-age=(\d+)", response.headers.get("Cache-Control", ""))
        cache.set(
            _CERTS_CACHE_KEY, certs, int(max_age.group(1)) if max_age else _DEFAULT_CERTS_MAX_AGE
        )
    return certs


def _decode(token: str, *, fresh_certs: bool) -> dict:
    return jwt.decode(
        token,
        certs=_google_certs(fresh=fresh_certs),
        audience=settings.GOOGLE_CLIENT_ID,
        clock_skew_in_seconds=10,
    )


def verify_google_id_token(token: str) -> GoogleIdentity:
    if not settings.GOOGLE_CLIENT_ID:
        raise InvalidGoogleToken("Google sign-in is not configured (GOOGLE_CLIENT_ID is empty).")
    try:
        try:
            claims = _decode(token, fresh_certs=False)
        except ValueError as exc:
            if "Certificate for key id" not in str(exc):
                raise
            claims = _decode(token, fresh_certs=True)  # Google rotated its keys
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
