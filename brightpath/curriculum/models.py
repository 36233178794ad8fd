from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from brightpath.common.archive import Archivable
from brightpath.common.models import BaseModel
from brightpath.families import vocabulary as v
from brightpath.families.models import Child, Family

RESOURCE_TYPES = ["book", "video", "article", "worksheet", "website", "app", "printable", "other"]


class CatalogSubject(BaseModel):
    """A subject of the catalogue (seed 002 `Subject`): standard, or a user's custom one.

    Standard subjects have no owner. A child's subject plan links here by name,
    which is how resources reach every child who studies the subject.
    """

    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="custom_subjects",
    )
    color = models.CharField(max_length=7, default="#4C6EF5", help_text="Hex colour, #RRGGBB")
    icon = models.CharField(max_length=50, blank=True)

    class Meta:
        db_table = "subject_catalog"
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                condition=Q(owner__isnull=True),
                name="catalog_standard_name_unique",
            ),
            models.UniqueConstraint(
                Lower("name"),
                "owner",
                condition=Q(owner__isnull=False),
                name="catalog_custom_name_unique_per_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_standard(self) -> bool:
        return self.owner_id is None


class Subject(Archivable, BaseModel):
    """A child's subject plan (seed 000 `subjects`): what, how long, how often, with whom.

    `metadata` holds any extra keys the questionnaire sent for the subject
    (free-form; e.g. {"curriculum": "Singapore Math 1A"}).
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="subjects")
    catalog_subject = models.ForeignKey(
        CatalogSubject, on_delete=models.SET_NULL, null=True, blank=True, related_name="plans"
    )
    name = models.CharField(max_length=100, db_index=True)
    is_core_subject = models.BooleanField(default=False, db_index=True)
    session_duration = models.PositiveSmallIntegerField(help_text="minutes")
    frequency = models.CharField(max_length=30, choices=v.SUBJECT_FREQUENCY_CHOICES)
    parent_involvement = models.CharField(max_length=30, choices=v.PARENT_INVOLVEMENT_CHOICES)
    fixed_time_required = models.BooleanField(default=False)
    preferred_time = models.TimeField(null=True, blank=True)
    interest_level = models.PositiveSmallIntegerField()
    metadata = models.JSONField(default=dict, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    # What the sessions teach, in order; siblings may share one sequence, each
    # with their own progress (planner.LessonCompletion is per subject plan).
    lesson_sequence = models.ForeignKey(
        "LessonSequence",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subject_plans",
    )

    class Meta:
        db_table = "subjects"
        ordering = ["position", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(session_duration__gte=v.MIN_SESSION_MINUTES)
                & Q(session_duration__lte=v.MAX_SESSION_MINUTES),
                name="subject_session_duration_range",
            ),
            models.CheckConstraint(
                condition=Q(frequency__in=v.SUBJECT_FREQUENCIES), name="subject_frequency_valid"
            ),
            models.CheckConstraint(
                condition=Q(parent_involvement__in=v.PARENT_INVOLVEMENT),
                name="subject_parent_involvement_valid",
            ),
            models.CheckConstraint(
                condition=Q(interest_level__gte=1) & Q(interest_level__lte=5),
                name="subject_interest_level_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(fixed_time_required=False) | Q(preferred_time__isnull=False),
                name="subject_fixed_time_has_preferred_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} for {self.child.name}"


class Resource(BaseModel):
    """A learning resource for a catalogue subject (seed 002 `Resource`).

    Private to its owner unless `is_public`.
    """

    catalog_subject = models.ForeignKey(
        CatalogSubject, on_delete=models.CASCADE, related_name="resources"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resources"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    url = models.URLField(blank=True, max_length=500)
    resource_type = models.CharField(max_length=20, choices=v.choices(RESOURCE_TYPES))
    is_public = models.BooleanField(default=False)
    # The resource's own lesson plan, copied into a family's LessonSequence when
    # they plan with it: [{"title", "notes"?, "url"?, "minutes"?}] in order.
    default_lessons = models.JSONField(default=list, blank=True)

    class Meta:
        db_table = "resources"
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resource_type__in=RESOURCE_TYPES), name="resource_type_valid"
            )
        ]

    def __str__(self) -> str:
        return self.title


class LessonSequence(BaseModel):
    """A family's ordered list of lessons for a subject ("Math: Lesson 1..120").

    Subject plans point here (`Subject.lesson_sequence`); each planned session of
    such a subject shows the next lesson not yet done by that child. Lessons have
    no dates: a missed session leaves its lesson for the next one.
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="lesson_sequences")
    name = models.CharField(max_length=200)
    # The catalogue resource it was made from, if any.
    resource = models.ForeignKey(
        Resource, on_delete=models.SET_NULL, null=True, blank=True, related_name="sequences"
    )

    class Meta:
        db_table = "lesson_sequences"
        ordering = ["name", "created_at"]

    def __str__(self) -> str:
        return self.name


class Lesson(BaseModel):
    """One lesson of a sequence, at its position (1, 2, ...)."""

    sequence = models.ForeignKey(LessonSequence, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    notes = models.TextField(blank=True)
    resource_url = models.URLField(blank=True, max_length=500)
    estimated_minutes = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        db_table = "lessons"
        ordering = ["sequence", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["sequence", "position"], name="lesson_position_unique_in_sequence"
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="lesson_position_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"
