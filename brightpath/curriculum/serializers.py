from django.core.validators import RegexValidator, URLValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .answers import subject_as_submitted
from .models import RESOURCE_TYPES, CatalogSubject, Resource, Subject
from .services import COLOR_PATTERN, DEFAULT_COLOR, URL_SCHEMES


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


class ResourceSerializer(serializers.ModelSerializer):
    subjectId = serializers.UUIDField(source="catalog_subject_id", read_only=True)
    resourceType = serializers.ChoiceField(
        source="resource_type", choices=RESOURCE_TYPES, read_only=True
    )
    isPublic = serializers.BooleanField(source="is_public", read_only=True)
    url = HttpUrlField(read_only=True)
    isMine = serializers.SerializerMethodField()
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
            "createdAt",
        ]
        read_only_fields = fields

    def get_isMine(self, resource: Resource) -> bool:
        return resource.owner_id == self.context["request"].user.pk


class ResourceWriteSerializer(serializers.Serializer):
    """A resource; on PUT, omitted optional fields take their defaults."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(allow_blank=True, default="")
    url = HttpUrlField(allow_blank=True, default="")
    resourceType = serializers.ChoiceField(choices=RESOURCE_TYPES)
    isPublic = serializers.BooleanField(default=False)

    def to_service_kwargs(self) -> dict:
        data = self.validated_data
        return {
            "title": data["title"],
            "description": data["description"],
            "url": data["url"],
            "resource_type": data["resourceType"],
            "is_public": data["isPublic"],
        }


class SubjectPlanSerializer(serializers.ModelSerializer):
    isCoreSubject = serializers.BooleanField(source="is_core_subject")
    sessionDuration = serializers.IntegerField(source="session_duration")
    parentInvolvement = serializers.CharField(source="parent_involvement")
    fixedTime = serializers.SerializerMethodField()
    interestLevel = serializers.IntegerField(source="interest_level")
    catalogSubjectId = serializers.UUIDField(source="catalog_subject_id", allow_null=True)

    class Meta:
        model = Subject
        fields = [
            "id",
            "name",
            "catalogSubjectId",
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
