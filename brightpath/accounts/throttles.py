"""One per-address limit for each door into an account, shared by the API and the web pages.

Sign-in, sign-up and password reset are counted per client address in the
buckets DRF's scoped throttle keeps in the cache (`throttle_<scope>_<address>`),
at the rates of settings REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] (THROTTLE_LOGIN,
THROTTLE_REGISTER, THROTTLE_PASSWORD_RESET, THROTTLE_GOOGLE). The API views
throttle with `AddressRateThrottle`; the web forms count each submission with
`attempt_wait`, so ten wrong passwords on the page and one on the API are
eleven attempts from that address, whichever door they came through.
"""

from __future__ import annotations

import logging
import math
from types import SimpleNamespace

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from rest_framework import throttling
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle

logger = logging.getLogger(__name__)

LOGIN, REGISTER, PASSWORD_RESET, GOOGLE = "login", "register", "password_reset", "google"


class AddressRateThrottle(ScopedRateThrottle):
    """DRF's scoped throttle, counted per client address (also for a signed-in
    user, so both doors share one bucket), at the rate the settings give now."""

    def get_rate(self) -> str | None:
        try:
            return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        except KeyError:
            raise ImproperlyConfigured(f"No throttle rate for scope {self.scope!r}.") from None

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def attempt_wait(request: HttpRequest, *, scope: str) -> int | None:
    """Count one attempt at `scope` (e.g. "login") from the request's address.

    None while the address is within the limit (the attempt is counted);
    otherwise the whole seconds to wait before the next attempt is allowed
    (at least 1), and the attempt is not counted.
    """
    throttle = AddressRateThrottle()
    if throttle.allow_request(request, SimpleNamespace(throttle_scope=scope)):
        return None
    return max(1, math.ceil(throttle.wait() or 1))


class UserRateThrottle(throttling.UserRateThrottle):
    """Each signed-in user's limit on the API (THROTTLE_USER), read from the
    settings now. The count is an accelerator's: when the cache cannot be
    reached the call goes through (logged) rather than failing with a 500."""

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view) -> bool:
        try:
            return super().allow_request(request, view)
        except Exception:
            logger.warning("rate-limit cache unreachable; request let through", exc_info=True)
            return True
