"""A child's progress through a lesson sequence, and the pace it is going at
(selectors/lessons.py computes them)."""

from __future__ import annotations

from rest_framework import serializers

from brightpath.common.fields import DateField

from ..selectors.lessons import SUGGESTION_KINDS


class LessonRowSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    position = serializers.IntegerField(min_value=1)
    title = serializers.CharField()
    notes = serializers.CharField(allow_blank=True)
    resourceUrl = serializers.CharField(source="url", allow_blank=True)
    estimatedMinutes = serializers.IntegerField(source="minutes", allow_null=True)


class LessonStatusSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="lesson.id")
    position = serializers.IntegerField(source="lesson.position", min_value=1)
    title = serializers.CharField(source="lesson.title")
    notes = serializers.CharField(source="lesson.notes", allow_blank=True)
    resourceUrl = serializers.CharField(source="lesson.url", allow_blank=True)
    estimatedMinutes = serializers.IntegerField(source="lesson.minutes", allow_null=True)
    done = serializers.BooleanField()
    completedOn = DateField(source="completed_on", allow_null=True)
    itemId = serializers.UUIDField(
        source="item_id", allow_null=True, help_text="The session it was done in (null: by hand)"
    )


class SuggestionSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SUGGESTION_KINDS)
    neededPerWeek = serializers.IntegerField(source="needed_per_week")
    extraPerWeek = serializers.IntegerField(source="extra_per_week")
    days = serializers.ListField(child=serializers.CharField())
    message = serializers.CharField()


class PaceSerializer(serializers.Serializer):
    plannedPerWeek = serializers.FloatField(
        source="planned_per_week", help_text="Sessions a week this week's plan has"
    )
    actualPerWeek = serializers.FloatField(
        source="actual_per_week",
        allow_null=True,
        help_text="Lessons done in sessions a week, over the last four weeks",
    )
    projectedFinish = DateField(
        source="projected_finish",
        allow_null=True,
        help_text="The last lesson's estimated date (null: finished, or no pace)",
    )
    schoolYearEnd = DateField(
        source="school_year_end", allow_null=True, help_text="From the records target"
    )
    finishesLate = serializers.BooleanField(source="finishes_late")
    warning = serializers.CharField(allow_null=True)
    suggestion = SuggestionSerializer(allow_null=True)


class SubjectLessonsSummarySerializer(serializers.Serializer):
    subjectId = serializers.UUIDField(source="subject.id")
    subjectName = serializers.CharField(source="subject.name")
    childId = serializers.UUIDField(source="subject.child_id")
    childName = serializers.CharField(source="subject.child.name")
    sequenceId = serializers.UUIDField(source="subject.lesson_sequence_id", allow_null=True)
    sequenceName = serializers.SerializerMethodField()
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    remaining = serializers.IntegerField()
    nextLesson = LessonRowSerializer(source="next_lesson", allow_null=True)
    pace = PaceSerializer(allow_null=True)

    def get_sequenceName(self, result) -> str | None:
        sequence = result.subject.lesson_sequence
        return sequence.name if sequence else None


class SubjectLessonsSerializer(SubjectLessonsSummarySerializer):
    lessons = LessonStatusSerializer(many=True)


class LessonsStartSerializer(serializers.Serializer):
    position = serializers.IntegerField(
        min_value=1, help_text="The lesson to start at: the ones before it are marked done"
    )
