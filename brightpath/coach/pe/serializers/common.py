"""Small shapes the other serializers share: references to rows, in their summary form."""

from rest_framework import serializers


class PeRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()


class PeStudentRefSerializer(serializers.Serializer):
    """A student as lists, rosters and other rows name them: no private details."""

    id = serializers.UUIDField()
    firstName = serializers.CharField(source="first_name")
    lastName = serializers.CharField(source="last_name")


class PeActivityRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    activityType = serializers.CharField(source="activity_type")
    difficulty = serializers.CharField()
    durationMinutes = serializers.IntegerField(source="duration_minutes")


class PeStatusSerializer(serializers.Serializer):
    """A status change: the target status."""

    status = serializers.CharField(max_length=30)
