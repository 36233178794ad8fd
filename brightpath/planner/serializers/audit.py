from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(OpenApiTypes.DATETIME)
class FamilyTimeField(serializers.Field):
    """An aware datetime as ISO 8601 in its own zone (DRF's would convert it to the server's)."""

    def to_representation(self, value):
        return value.isoformat()


class AuditEntrySerializer(serializers.Serializer):
    """One change in the family's history (GET /api/family/audit/)."""

    id = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(
        choices=["event", "item"],
        read_only=True,
        help_text="event: a change to settings, the questionnaire, an account or a week; "
        "item: one item's action.",
    )
    action = serializers.CharField(
        read_only=True, help_text='e.g. "family.updated", "subject.removed", "item.rescheduled"'
    )
    at = FamilyTimeField(read_only=True, help_text="When, in the family's time zone (its offset).")
    actorId = serializers.CharField(
        source="actor_id",
        read_only=True,
        allow_null=True,
        help_text="Null when BrightPath made the change itself (or the account is gone).",
    )
    actorName = serializers.CharField(source="actor_name", read_only=True)
    childName = serializers.CharField(source="child_name", read_only=True)
    targetType = serializers.CharField(source="target_type", read_only=True)
    targetId = serializers.CharField(source="target_id", read_only=True)
    sentence = serializers.CharField(read_only=True, help_text="The change in words (plain text).")
    changes = serializers.DictField(
        child=serializers.DictField(),
        read_only=True,
        help_text='{"<field>": {"before": ..., "after": ...}}; secrets appear as "[hidden]".',
    )
