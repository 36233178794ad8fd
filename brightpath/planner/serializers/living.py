"""Living with the week: items, days and weeks as the views answer them, and the writes."""

from __future__ import annotations

from rest_framework import serializers

from brightpath.common.fields import DateField
from brightpath.families.vocabulary import PARENT_INVOLVEMENT_CHOICES

from ..models import (
    DAY_OFF_KINDS,
    ITEM_TYPES,
    CarryOver,
    DayOff,
)


class ResourceRefSerializer(serializers.Serializer):
    """A catalogue resource linked from a session (shapes.resource_ref)."""

    id = serializers.UUIDField()
    type = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField(allow_blank=True)


class ItemLessonSerializer(serializers.Serializer):
    """The lesson a subject session teaches (shapes.LessonShape): the one done
    with it, or for a session still ahead, the next lesson not yet done."""

    id = serializers.UUIDField()
    sequenceId = serializers.UUIDField()
    title = serializers.CharField()
    position = serializers.IntegerField(min_value=1)
    of = serializers.IntegerField(min_value=1, help_text="Lessons in the sequence")
    notes = serializers.CharField(allow_blank=True)
    resourceUrl = serializers.CharField(allow_blank=True)
    estimatedMinutes = serializers.IntegerField(allow_null=True)
    done = serializers.BooleanField(help_text="Completed with this session")


class ItemSerializer(serializers.Serializer):
    """An item as views and writes answer it (built by shapes.item_json)."""

    id = serializers.UUIDField()
    type = serializers.ChoiceField(choices=ITEM_TYPES)
    name = serializers.CharField()
    date = DateField()
    startTime = serializers.CharField()
    endTime = serializers.CharField()
    completed = serializers.BooleanField()
    skipped = serializers.BooleanField()
    pinned = serializers.BooleanField()
    version = serializers.IntegerField(help_text="Send it back on every write (or If-Match).")
    notes = serializers.CharField()
    subjectId = serializers.UUIDField(required=False)
    commitmentId = serializers.UUIDField(required=False)
    isExternal = serializers.BooleanField(required=False)
    parentInvolvement = serializers.ChoiceField(choices=PARENT_INVOLVEMENT_CHOICES, required=False)
    carriedOver = serializers.JSONField(required=False)
    resources = ResourceRefSerializer(many=True, required=False)
    lesson = ItemLessonSerializer(
        required=False,
        help_text="For a subject with a lesson sequence: the lesson done with this session, "
        "or the next one not done for a session still ahead. None on a missed session.",
    )


class ChildDaySerializer(serializers.Serializer):
    childId = serializers.UUIDField()
    childName = serializers.CharField()
    date = DateField()
    items = ItemSerializer(many=True)


class WeekDaySerializer(serializers.Serializer):
    date = DateField()
    dayOfWeek = serializers.CharField()
    items = ItemSerializer(many=True)


class ChildWeekSerializer(serializers.Serializer):
    childId = serializers.UUIDField()
    childName = serializers.CharField()
    weekOf = DateField()
    scheduleId = serializers.UUIDField(allow_null=True)
    version = serializers.IntegerField(allow_null=True)
    days = WeekDaySerializer(many=True)


class ParentLoadSerializer(serializers.Serializer):
    startTime = serializers.CharField()
    endTime = serializers.CharField()
    load = serializers.IntegerField(help_text="Full involvement 2, some assistance 1, per child")
    capacity = serializers.IntegerField(help_text="2 per adult")
    overloaded = serializers.BooleanField()
    items = serializers.ListField(child=serializers.CharField())


class FamilyDaySerializer(serializers.Serializer):
    date = DateField()
    children = ChildDaySerializer(many=True)
    parentLoad = ParentLoadSerializer(many=True)
    parentBusy = serializers.JSONField(help_text="The parent's commitments and days off")


class FamilyWeekDaySerializer(serializers.Serializer):
    date = DateField()
    dayOfWeek = serializers.CharField()
    children = serializers.JSONField(help_text="[{childId, childName, items}]")
    parentLoad = ParentLoadSerializer(many=True)
    parentBusy = serializers.JSONField()


class FamilyWeekSerializer(serializers.Serializer):
    weekOf = DateField()
    days = FamilyWeekDaySerializer(many=True)


class VersionedWriteSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        required=False, min_value=1, help_text="The item's version you read (or send If-Match)."
    )


class CompleteSerializer(VersionedWriteSerializer):
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    actualStartTime = serializers.TimeField(required=False, format="%H:%M")
    actualEndTime = serializers.TimeField(required=False, format="%H:%M")
    childEngagement = serializers.IntegerField(required=False, min_value=1, max_value=5)
    parentInvolvement = serializers.ChoiceField(choices=PARENT_INVOLVEMENT_CHOICES, required=False)

    def validate(self, data):
        start, end = data.get("actualStartTime"), data.get("actualEndTime")
        if (start is None) != (end is None):
            missing = "actualEndTime" if end is None else "actualStartTime"
            raise serializers.ValidationError({missing: ["Give both actual times, or neither."]})
        if start is not None and end <= start:
            raise serializers.ValidationError({"actualEndTime": ["Must be after actualStartTime."]})
        return data


class SkipSerializer(VersionedWriteSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class MoveSerializer(VersionedWriteSerializer):
    date = DateField()
    startTime = serializers.TimeField()
    endTime = serializers.TimeField(required=False, help_text="To resize; default keeps the length")
    force = serializers.BooleanField(
        default=False, help_text="Move even if it breaks a rule (recorded)."
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class ScheduleActivitySerializer(serializers.Serializer):
    """An ad-hoc item for a schedule's child (the schedule names the child)."""

    name = serializers.CharField(max_length=255)
    date = DateField()
    startTime = serializers.TimeField()
    endTime = serializers.TimeField()
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    parentInvolvement = serializers.ChoiceField(
        choices=PARENT_INVOLVEMENT_CHOICES, default="some_assistance"
    )
    force = serializers.BooleanField(default=False)

    def validate(self, data):
        if data["endTime"] <= data["startTime"]:
            raise serializers.ValidationError({"endTime": ["Must be after startTime."]})
        return data


class ActivityAddSerializer(ScheduleActivitySerializer):
    childId = serializers.UUIDField()


class CarryOverSerializer(serializers.ModelSerializer):
    trigger = serializers.CharField(read_only=True)
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)
    undoneAt = serializers.DateTimeField(source="undone_at", read_only=True, allow_null=True)
    moves = serializers.JSONField(read_only=True)

    class Meta:
        model = CarryOver
        fields = ["id", "trigger", "createdAt", "undoneAt", "moves"]
        read_only_fields = fields


class DayOffSerializer(serializers.ModelSerializer):
    childId = serializers.PrimaryKeyRelatedField(
        source="child", read_only=True, allow_null=True, help_text="Null: the whole family"
    )
    kind = serializers.ChoiceField(choices=DAY_OFF_KINDS, read_only=True)

    class Meta:
        model = DayOff
        fields = ["id", "date", "childId", "kind", "label"]
        read_only_fields = fields


class DayOffCreateSerializer(serializers.Serializer):
    date = DateField()
    childId = serializers.UUIDField(required=False, allow_null=True, default=None)
    kind = serializers.ChoiceField(choices=DAY_OFF_KINDS, default="holiday")
    label = serializers.CharField(required=False, allow_blank=True, max_length=255, default="")


class DayOffResultSerializer(serializers.Serializer):
    dayOff = DayOffSerializer()
    carryOver = CarryOverSerializer(allow_null=True)
