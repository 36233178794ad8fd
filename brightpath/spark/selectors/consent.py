"""Reading a parent's Spark consents: which are in force, for which notice version."""

from dataclasses import dataclass

from django.conf import settings

from brightpath.accounts.models import Consent
from brightpath.accounts.selectors import consent_in_force, consents_of

# The consents Spark asks a parent for (the services and the API name them from here).
SPARK_CONSENT_TYPES = (Consent.COPPA, Consent.DATA_SHARING)


@dataclass(frozen=True)
class ConsentState:
    """One consent type as the parent sees it: in force or not, and the latest row."""

    consent_type: str
    in_force: Consent | None
    latest: Consent | None
    notice_version: str

    @property
    def granted(self) -> bool:
        return self.in_force is not None

    @property
    def current(self) -> bool:
        """Given to the notice as it reads now (a new version asks again)."""
        return self.in_force is not None and self.in_force.version == self.notice_version


@dataclass(frozen=True)
class ConsentStatus:
    notice_version: str
    verification: str  # "password", or "email_code" for an account without a password
    coppa: ConsentState
    data_sharing: ConsentState


def notice_version() -> str:
    return settings.SPARK_NOTICE_VERSION


def verification_method(*, user) -> str:
    """How this parent proves it is them: their password, or a code sent by email
    (an account made with Google sign-in has no password)."""
    return "password" if user.has_usable_password() else "email_code"


def consent_status(*, user) -> ConsentStatus:
    """The parent's COPPA and data-sharing consents, against the current notice."""
    version = notice_version()
    latest: dict[str, Consent] = {}
    for row in consents_of(user=user, consent_types=SPARK_CONSENT_TYPES):
        latest.setdefault(row.consent_type, row)
    states = {}
    for kind in SPARK_CONSENT_TYPES:
        in_force = consent_in_force(user=user, consent_type=kind)
        states[kind] = ConsentState(
            consent_type=kind,
            in_force=in_force,
            latest=in_force or latest.get(kind),
            notice_version=version,
        )
    return ConsentStatus(
        notice_version=version,
        verification=verification_method(user=user),
        coppa=states[Consent.COPPA],
        data_sharing=states[Consent.DATA_SHARING],
    )
