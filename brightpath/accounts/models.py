import uuid

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.postgres.indexes import GinIndex
from django.db import models


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: a parent, a teacher, an operator (seed 000 `users`).

    Email is the login, stored lower-cased so "A@x" and "a@x" are one account.
    `google_id` is Google's stable subject id, set when the account is created
    or linked through Google sign-in.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(unique=True)
    name = models.CharField(max_length=255)
    google_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    questionnaire_completed = models.BooleanField(default=False)
    questionnaire_completed_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        db_table = "users"

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class UserPreference(models.Model):
    """One app preference of a user, a key with a JSON value (seed 002)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="preferences")
    key = models.CharField(max_length=100)
    value = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "user_preferences"
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="user_preference_unique_key"),
        ]
        indexes = [GinIndex(fields=["value"], name="user_pref_value_gin")]

    def __str__(self) -> str:
        return f"{self.user.email} - {self.key}"


class Consent(models.Model):
    """A consent a user gave or withdrew (seed 003 `consents`).

    One row per (user, type, notice version): agreeing to a new version of a
    notice is a new row; withdrawing sets `revoked_at`, and agreeing again to
    the same version clears it (each step is kept in `history`:
    [{"action": "granted"|"revoked", "at": ISO time, "ipAddress": str|null,
    "method": str}]). `method` says how the parent was verified (COPPA's
    "verifiable parental consent").
    """

    COPPA, TERMS, PRIVACY, MARKETING, DATA_SHARING = (
        "coppa",
        "terms",
        "privacy",
        "marketing",
        "data_sharing",
    )
    TYPES = (COPPA, TERMS, PRIVACY, MARKETING, DATA_SHARING)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    consent_type = models.CharField(max_length=50, choices=[(t, t) for t in TYPES])
    version = models.CharField(max_length=20)
    granted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    method = models.CharField(max_length=50, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.TextField(blank=True)
    history = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "consents"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    consent_type__in=("coppa", "terms", "privacy", "marketing", "data_sharing")
                ),
                name="consents_type_check",
            ),
            models.UniqueConstraint(
                fields=["user", "consent_type", "version"], name="consents_unique_type"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "consent_type"], name="idx_consents_parent_type"),
            models.Index(
                fields=["granted_at"],
                name="idx_consents_granted",
                condition=models.Q(revoked_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consent_type} {self.version}"

    @property
    def active(self) -> bool:
        return self.granted_at is not None and self.revoked_at is None


AUDIT_ACTIONS = (
    # the account (target "user"); family_id is empty, the family feed finds them by member
    "account.updated",
    "account.password_changed",
    "account.google_linked",
    "consent.granted",
    "consent.revoked",
    # the family's settings and questionnaire
    "family.updated",
    "questionnaire.submitted",
    "questionnaire.resubmitted",
    "child.added",
    "child.updated",
    "child.removed",
    "commitment.added",
    "commitment.updated",
    "commitment.removed",
    "subject.added",
    "subject.updated",
    "subject.removed",
    # weeks (a single item's changes are the planner's ActivityLog, not repeated here)
    "schedule.replanned",
)
AUDIT_TARGET_TYPES = ("user", "consent", "family", "child", "commitment", "subject", "schedule")


class AuditEvent(models.Model):
    """Who changed what in a family or an account, for the family's history page.

    It lives in accounts, the lowest app that writes one, so that account
    changes are recorded by the same service that makes them; `family_id` is a
    plain UUID (no FK) because families sit above accounts. Account events
    (target_type "user"/"consent") have no family_id and are shown to the
    family of the user they are about (`target_user`).

    `changes` (validated by accounts.services.audit_record)::

        {"<camelCaseField>": {"before": <json>, "after": <json>}, ...}

    only the fields that changed; values are plain JSON (strings, numbers,
    booleans, lists, null). Secrets are never stored: a password, token or
    secret field is recorded as changed with both sides "[hidden]".

    `context`: facts to word the event after the target is gone, e.g.
    {"childName": "Emma", "owner": "Emma", "weekStart": "2026-01-05",
     "consentType": "terms", "version": "2026-01"}; flat, JSON scalars only.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Who did it; null when BrightPath did it itself (a nightly job) or the account is gone.
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    family_id = models.UUIDField(null=True, blank=True)
    # The account an account event is about (its family sees it).
    target_user = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=40, choices=[(a, a) for a in AUDIT_ACTIONS])
    target_type = models.CharField(max_length=20, choices=[(t, t) for t in AUDIT_TARGET_TYPES])
    target_id = models.CharField(max_length=64, blank=True)
    # The target's name when it happened ("Mathematics", "Emma"): it may be renamed or removed.
    target_name = models.CharField(max_length=255, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    context = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=500, blank=True)

    class Meta:
        db_table = "audit_events"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=AUDIT_ACTIONS), name="audit_event_action_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(target_type__in=AUDIT_TARGET_TYPES),
                name="audit_event_target_type_valid",
            ),
            # Every event is visible to someone: a family, or the account it is about.
            models.CheckConstraint(
                condition=models.Q(family_id__isnull=False) | models.Q(target_user__isnull=False),
                name="audit_event_has_audience",
            ),
        ]
        indexes = [
            models.Index(fields=["family_id", "-created_at"], name="audit_family_created_idx"),
            models.Index(fields=["target_user", "-created_at"], name="audit_user_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.target_type} {self.target_id}"
