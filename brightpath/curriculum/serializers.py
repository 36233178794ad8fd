from django.core.validators import RegexValidator, URLValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .answers import subject_as_submitted
from .models import RESOURCE_TYPES, CatalogSubject, Lesson, LessonSequence, Resource, Subject
from .services import COLOR_PATTERN, DEFAULT_COLOR, URL_SCHEMES
from .services import lessons as lesson_services


class CatalogSubjectSerializer(serializers.ModelSerializer):
    isStandard = serializers.BooleanField(source="is_standard", read_only=True)
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = CatalogSubject
        fields = ["id", "name", "description", "color", "icon", "isStandard", "createdAt"]
        read_only_fields = fields


class CatalogSubjectWriteSerializer(serializers.Serializer):
    """A custom subject; on PUT, omitted optional fields take their defaults."""

    name = serializers.CharField(max_length=100)
    description = serializers.CharField(allow_blank=True, default="")
    color = serializers.CharField(
        max_length=7,
        default=DEFAULT_COLOR,
        validators=[RegexValidator(COLOR_PATTERN, "Use a hex colour like #4C6EF5.")],
        help_text="Hex colour, #RRGGBB",
    )
    icon = serializers.CharField(max_length=50, allow_blank=True, default="")


URL_MAX_LENGTH = 500  # Resource.url


# Documented as a URL *or empty*: a resource without an address has url "". (Without
# a top-level type, drf-spectacular adds no `format: uri` of its own for the validator.)
@extend_schema_field(
    {
        "anyOf": [
            {"type": "string", "format": "uri", "maxLength": URL_MAX_LENGTH},
            {"type": "string", "maxLength": 0},
        ],
        "description": "An http:// or https:// address, or empty.",
    }
)
class HttpUrlField(serializers.URLField):
    """A URL that a browser opens as a page: http or https only; blank if allowed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", URL_MAX_LENGTH)
        super().__init__(**kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, URLValidator)]
        self.validators.append(
            URLValidator(schemes=list(URL_SCHEMES), message="Use an http:// or https:// address.")
        )


class LessonWriteSerializer(serializers.Serializer):
    """One lesson; omitted optional fields take their defaults."""

    title = serializers.CharField(max_length=lesson_services.TITLE_MAX)
    notes = serializers.CharField(
        allow_blank=True, default="", max_length=lesson_services.NOTES_MAX, trim_whitespace=False
    )
    resourceUrl = HttpUrlField(allow_blank=True, default="")
    estimatedMinutes = serializers.IntegerField(
        min_value=1, max_value=lesson_services.MINUTES_MAX, allow_null=True, default=None
    )

    def to_lesson(self) -> lesson_services.LessonInput:
        return lesson_input(self.validated_data)


def lesson_input(data: dict) -> lesson_services.LessonInput:
    return lesson_services.LessonInput(
        title=data["title"],
        notes=data["notes"],
        url=data["resourceUrl"],
        minutes=data["estimatedMinutes"],
    )


class ResourceSerializer(serializers.ModelSerializer):
    subjectId = serializers.UUIDField(source="catalog_subject_id", read_only=True)
    resourceType = serializers.ChoiceField(
        source="resource_type", choices=RESOURCE_TYPES, read_only=True
    )
    isPublic = serializers.BooleanField(source="is_public", read_only=True)
    url = HttpUrlField(read_only=True)
    isMine = serializers.SerializerMethodField()
    defaultLessons = serializers.SerializerMethodField()
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Resource
        fields = [
            "id",
            "subjectId",
            "title",
            "description",
            "url",
            "resourceType",
            "isPublic",
            "isMine",
            "defaultLessons",
            "createdAt",
        ]
        read_only_fields = fields

    def get_isMine(self, resource: Resource) -> bool:
        return resource.owner_id == self.context["request"].user.pk

    @extend_schema_field(LessonWriteSerializer(many=True))
    def get_defaultLessons(self, resource: Resource) -> list[dict]:
        """The lessons a family's sequence starts with when they plan with it."""
        return [
            {
                "title": row["title"],
                "notes": row.get("notes", ""),
                "resourceUrl": row.get("url", ""),
                "estimatedMinutes": row.get("minutes"),
            }
            for row in resource.default_lessons
        ]


class ResourceWriteSerializer(serializers.Serializer):
    """A resource; on PUT, omitted optional fields take their defaults."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(allow_blank=True, default="")
    url = HttpUrlField(allow_blank=True, default="")
    resourceType = serializers.ChoiceField(choices=RESOURCE_TYPES)
    isPublic = serializers.BooleanField(default=False)
    defaultLessons = LessonWriteSerializer(
        many=True,
        required=False,
        default=list,
        max_length=lesson_services.MAX_LESSONS,
        help_text="The lessons a family's sequence starts with when they plan with it.",
    )

    def to_service_kwargs(self) -> dict:
        data = self.validated_data
        return {
            "title": data["title"],
            "description": data["description"],
            "url": data["url"],
            "resource_type": data["resourceType"],
            "is_public": data["isPublic"],
            "default_lessons": [lesson_input(row) for row in data["defaultLessons"]],
        }


class SubjectPlanSerializer(serializers.ModelSerializer):
    isCoreSubject = serializers.BooleanField(source="is_core_subject")
    sessionDuration = serializers.IntegerField(source="session_duration")
    parentInvolvement = serializers.CharField(source="parent_involvement")
    fixedTime = serializers.SerializerMethodField()
    interestLevel = serializers.IntegerField(source="interest_level")
    catalogSubjectId = serializers.UUIDField(source="catalog_subject_id", allow_null=True)
    lessonSequenceId = serializers.UUIDField(
        source="lesson_sequence_id",
        allow_null=True,
        help_text="The lesson sequence its sessions teach, if any.",
    )

    class Meta:
        model = Subject
        fields = [
            "id",
            "name",
            "catalogSubjectId",
            "lessonSequenceId",
            "isCoreSubject",
            "sessionDuration",
            "frequency",
            "parentInvolvement",
            "fixedTime",
            "interestLevel",
            "metadata",
        ]
        read_only_fields = fields

    def get_fixedTime(self, subject: Subject) -> dict:
        return subject_as_submitted(subject)["fixedTime"]


# --- lesson sequences ------------------------------------------------------------------

MAX_LESSONS = lesson_services.MAX_LESSONS


class LessonSerializer(serializers.ModelSerializer):
    resourceUrl = HttpUrlField(source="resource_url", read_only=True)
    estimatedMinutes = serializers.IntegerField(
        source="estimated_minutes", read_only=True, allow_null=True
    )

    class Meta:
        model = Lesson
        fields = ["id", "position", "title", "notes", "resourceUrl", "estimatedMinutes"]
        read_only_fields = fields


class SequenceSubjectPlanSerializer(serializers.ModelSerializer):
    """A child's subject plan that uses the sequence."""

    subjectId = serializers.UUIDField(source="id", read_only=True)
    subjectName = serializers.CharField(source="name", read_only=True)
    childId = serializers.UUIDField(source="child_id", read_only=True)
    childName = serializers.CharField(source="child.name", read_only=True)

    class Meta:
        model = Subject
        fields = ["subjectId", "subjectName", "childId", "childName"]
        read_only_fields = fields


class LessonSequenceSerializer(serializers.ModelSerializer):
    resourceId = serializers.UUIDField(source="resource_id", read_only=True, allow_null=True)
    lessonCount = serializers.IntegerField(source="lesson_count", read_only=True)
    subjectPlans = SequenceSubjectPlanSerializer(
        source="live_subject_plans", many=True, read_only=True
    )
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)
    updatedAt = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = LessonSequence
        fields = [
            "id",
            "name",
            "resourceId",
            "lessonCount",
            "subjectPlans",
            "createdAt",
            "updatedAt",
        ]
        read_only_fields = fields


class LessonSequenceDetailSerializer(LessonSequenceSerializer):
    lessons = LessonSerializer(many=True, read_only=True, source="ordered_lessons")

    class Meta(LessonSequenceSerializer.Meta):
        fields = [*LessonSequenceSerializer.Meta.fields, "lessons"]
        read_only_fields = fields


class LessonsSourceSerializer(serializers.Serializer):
    """Where lessons come from: at most one of `lessons`, `text` (a pasted list,
    one lesson a line, optionally "title | minutes | url") or `csv` (a CSV file's
    text whose first row names the columns: title, and any of position, notes,
    url, minutes)."""

    lessons = LessonWriteSerializer(many=True, required=False, max_length=MAX_LESSONS)
    # Blank allowed: the parser's own message ("the list is empty") says more.
    text = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=lesson_services.MAX_CSV_BYTES,
        trim_whitespace=False,
    )
    csv = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=lesson_services.MAX_CSV_BYTES,
        trim_whitespace=False,
    )

    SOURCES = ("lessons", "text", "csv")

    def validate(self, data):
        given = [name for name in self.SOURCES if name in data]
        if len(given) > 1:
            raise serializers.ValidationError(
                {given[1]: [f"Send one of {', '.join(self.SOURCES)}, not several."]}
            )
        return data

    def to_lessons(self) -> list[lesson_services.LessonInput] | None:
        """The lessons given, parsed (Invalid names the bad line or row); None if none."""
        data = self.validated_data
        if "lessons" in data:
            return [lesson_input(row) for row in data["lessons"]]
        if "text" in data:
            return lesson_services.lessons_parse_text(data["text"], field="text")
        if "csv" in data:
            return lesson_services.lessons_parse_csv(data["csv"], field="csv")
        return None


class LessonSequenceCreateSerializer(LessonsSourceSerializer):
    """A new sequence: a name and its lessons, or a catalogue resource's default
    lessons (`resourceId`; the name defaults to the resource's title)."""

    name = serializers.CharField(
        required=False, max_length=lesson_services.NAME_MAX, allow_blank=True, default=""
    )
    resourceId = serializers.UUIDField(required=False)

    SOURCES = ("lessons", "text", "csv", "resourceId")

    def validate(self, data):
        data = super().validate(data)
        if "resourceId" not in data and not data["name"].strip():
            raise serializers.ValidationError({"name": ["Give the sequence a name."]})
        return data


class LessonSequenceUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=lesson_services.NAME_MAX)


LESSON_WRITE_MODES = lesson_services.LESSON_WRITE_MODES


class LessonsWriteSerializer(LessonsSourceSerializer):
    """Lessons to add after the last one (`append`) or to replace them all
    (`replace`: the lesson at each position keeps every child's progress)."""

    mode = serializers.ChoiceField(choices=LESSON_WRITE_MODES, default="append")

    def validate(self, data):
        data = super().validate(data)
        if not any(name in data for name in self.SOURCES):
            raise serializers.ValidationError(
                {"lessons": ["Send the lessons: `lessons`, `text` or `csv`."]}
            )
        return data


class LessonsUploadSerializer(serializers.Serializer):
    """A CSV file uploaded as multipart/form-data (first row: the column names)."""

    file = serializers.FileField()
    mode = serializers.ChoiceField(choices=LESSON_WRITE_MODES, default="append")


class LessonSequenceCopySerializer(serializers.Serializer):
    name = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=lesson_services.NAME_MAX
    )
    subjectId = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="A child's subject plan to attach the copy to (e.g. a sibling's).",
    )


class SubjectLessonSequenceSerializer(serializers.Serializer):
    sequenceId = serializers.UUIDField(
        allow_null=True, help_text="One of your lesson sequences; null detaches it."
    )
