"""Consent, the parent's Spark profile, children and child mode: request and answer shapes.

Limits are checked by the services (which the web pages call too); the fields
here parse types and document the limits for the OpenAPI schema.
"""

from rest_framework import serializers

from brightpath.common.fields import CLOCK_PATTERN, DateField
from brightpath.spark.age_groups import LABELS
from brightpath.spark.avatars import AVATARS
from brightpath.spark.selectors.consent import SPARK_CONSENT_TYPES
from brightpath.spark.services.children import (
    ANIMATION_LEVELS,
    DAILY_LIMIT_MAX,
    DAILY_LIMIT_MIN,
    INTEREST_MAX_LENGTH,
    INTERESTS_MAX,
)
from brightpath.spark.services.consent import SIGNATURE_MAX

# --- consent -------------------------------------------------------------------


class ConsentStateSerializer(serializers.Serializer):
    granted = serializers.BooleanField(help_text="In force now (given and not withdrawn)")
    current = serializers.BooleanField(
        help_text="Given to the notice as it reads now; false asks the parent again"
    )
    version = serializers.CharField(
        source="latest.version", allow_null=True, help_text="The notice version last agreed to"
    )
    grantedAt = serializers.DateTimeField(source="latest.granted_at", allow_null=True)
    revokedAt = serializers.DateTimeField(source="latest.revoked_at", allow_null=True)
    method = serializers.CharField(
        source="latest.method", allow_null=True, help_text="How the parent was verified"
    )


class ConsentStatusSerializer(serializers.Serializer):
    noticeVersion = serializers.CharField(
        source="notice_version", help_text="The current version of Spark's privacy notice"
    )
    verification = serializers.ChoiceField(
        choices=["password", "email_code"],
        help_text="What confirms a consent: the account password, or (an account made with "
        "Google sign-in) a code emailed by POST consent/code/",
    )
    coppa = ConsentStateSerializer(help_text="Consent for the children to use Spark (COPPA)")
    dataSharing = ConsentStateSerializer(
        source="data_sharing",
        help_text="Separate consent to send the children's messages to an outside model",
    )


class ConsentGrantSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=SPARK_CONSENT_TYPES)
    signature = serializers.CharField(
        allow_blank=True, max_length=SIGNATURE_MAX * 2, help_text="The parent's full name, typed"
    )
    password = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        write_only=True,
        help_text="The account password (accounts that have one)",
    )
    code = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text="The emailed 6-digit code (accounts without a password)",
    )


# --- the parent's profile ------------------------------------------------------


class SparkProfileSerializer(serializers.Serializer):
    timezone = serializers.CharField(help_text="IANA name; a child's day follows it")
    locale = serializers.CharField(read_only=True)


class SparkProfileUpdateSerializer(serializers.Serializer):
    timezone = serializers.CharField(max_length=64, help_text="IANA name, e.g. Europe/Paris")


# --- children ------------------------------------------------------------------


class SparkChildSettingsSerializer(serializers.Serializer):
    voiceOverEnabled = serializers.BooleanField(source="voice_over_enabled", required=False)
    animationLevel = serializers.ChoiceField(
        source="animation_level", choices=ANIMATION_LEVELS, required=False
    )
    dailyTimeLimitMinutes = serializers.IntegerField(
        source="daily_time_limit_minutes",
        min_value=DAILY_LIMIT_MIN,
        max_value=DAILY_LIMIT_MAX,
        required=False,
        help_text="Minutes of Spark a day",
    )
    bedtimeStart = serializers.RegexField(
        CLOCK_PATTERN, source="bedtime_start", required=False, help_text="HH:MM"
    )
    bedtimeEnd = serializers.RegexField(
        CLOCK_PATTERN, source="bedtime_end", required=False, help_text="HH:MM"
    )


class SparkChildSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    birthDate = serializers.DateField(source="birth_date")
    ageGroup = serializers.CharField(source="age_group")
    ageGroupLabel = serializers.SerializerMethodField()
    avatarId = serializers.CharField(source="avatar_id")
    interests = serializers.ListField(child=serializers.CharField())
    settings = SparkChildSettingsSerializer()
    pinLockedUntil = serializers.DateTimeField(
        source="pin_locked_until", allow_null=True, help_text="Set after five wrong PINs"
    )
    lastActiveAt = serializers.DateTimeField(source="last_active_at", allow_null=True)
    createdAt = serializers.DateTimeField(source="created_at")

    def get_ageGroupLabel(self, child) -> str:
        return LABELS.get(child.age_group, child.age_group)


class SparkChildWriteSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True, max_length=200, help_text="1-100 characters")
    birthDate = DateField(source="birth_date", help_text="The child is 4 to 14")
    pin = serializers.CharField(
        trim_whitespace=False, write_only=True, max_length=20, help_text="Exactly 4 digits"
    )
    avatarId = serializers.ChoiceField(source="avatar_id", choices=list(AVATARS), required=False)
    interests = serializers.ListField(
        child=serializers.CharField(max_length=INTEREST_MAX_LENGTH * 2),
        max_length=INTERESTS_MAX,
        required=False,
        help_text=f"Up to {INTERESTS_MAX} short words",
    )
    settings = SparkChildSettingsSerializer(required=False)


class SparkChildUpdateSerializer(SparkChildWriteSerializer):
    """Every field optional; settings change only the keys given."""

    def __init__(self, *args, **kwargs):
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)


class ChildEnterSerializer(serializers.Serializer):
    pin = serializers.CharField(trim_whitespace=False, max_length=20, help_text="4 digits")


class ChildModeSerializer(serializers.Serializer):
    childMode = serializers.BooleanField(source="child_mode")
    child = SparkChildSerializer(allow_null=True)


class ChildModeExitSerializer(serializers.Serializer):
    password = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, write_only=True
    )
    code = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text="An account without a password: the code emailed by POST exit/code/",
    )
