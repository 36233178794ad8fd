"""Coach's physical-education tables (seed 004, "Physical Education System"), in Django.

Every table is prefixed `pe_`. Where the seed is said differently:

- **Ownership.** The teacher is the platform user. Students, classes, plans, safety
  records and a teacher's own activities carry the teacher directly; the rest
  belong to them through a student, a class, a plan or a routine. Activities,
  categories, exercises and reference movement patterns with no owner are the
  shared catalogue (`pe_catalogue` loads them); a teacher's own have them as owner.
- **Ids** are UUIDs; every row has `created_at`/`updated_at` (BaseModel).
- **Cascades.** Deleting a student deletes everything about them (seed: "all child
  records are deleted when student is deleted"); deleting a class deletes its
  enrolments, routines and environmental checks; a plan its sequence; a routine its
  steps and performances; an analysis its observed patterns. What records what
  happened (performances, assessments, incidents, analyses, a plan's or routine's
  steps) PROTECTs the activity it names: an activity in use is archived, not deleted.
- **Student e-mail** is unique per teacher (two teachers may teach the same child);
  it is optional. "5-18 years old" depends on today, so the services check it.
- **Class size.** A class holds at most 50 (CHECK on `capacity`); `enrolled_count`
  is kept by the enrolment services under a lock on the class row, and a CHECK holds
  it within `capacity`, so the database itself refuses an over-full class.
- **Rules a CHECK can hold are CHECKs**: names not blank (TRIM), lengths, ranges of
  scores (0-1, 0-100), durations (1-240 min), ages, dates in order, enums, "a
  completed assessment has a score", "a timed step has a duration", "a started
  routine has its start time". Rules that need another table or today (a plan
  activity's date within the plan, weights summing to 1, a student's age, status
  transitions) are the services'.
- **JSON** keys are camelCase (the API's vocabulary); each shape is documented on its
  field and checked by `shapes.py` in the service that writes it.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan, LessThanOrEqual

from brightpath.common.models import BaseModel

from . import vocabulary as v

USER = settings.AUTH_USER_MODEL


def _not_blank(field: str, name: str) -> models.CheckConstraint:
    """CHECK that `field` is not empty nor spaces only."""
    return models.CheckConstraint(condition=Q(GreaterThan(Length(Trim(field)), 0)), name=name)


def _one_of(field: str, values: tuple[str, ...], name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": values}), name=name)


def _between(field: str, low: float, high: float, name: str, *, null: bool = False):
    condition = Q(**{f"{field}__gte": low, f"{field}__lte": high})
    if null:
        condition |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=condition, name=name)


def _max_length(field: str, limit: int, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(LessThanOrEqual(Length(field), limit)), name=name)


# === catalogue: categories, activities, exercises =========================================


class ActivityCategory(BaseModel):
    """A category of physical activities, in a tree (seed `activity_categories`).

    metadata (seed "Category Metadata", camelCase):
    {"displaySettings": {"color": "#4287f5", "icon": str, "order": int},
     "requirements": {"minimumAge": int, "prerequisiteCategories": [str],
                      "equipmentNeeds": "none"|"minimal"|"moderate"|"extensive",
                      "spaceNeeds": "small"|"medium"|"large"|"outdoor"},
     "curriculumAlignment": {"standards": [str], "learningOutcomes": [str]},
     "safetyConsiderations": {"riskLevel": "low"|"medium"|"high"|"critical",
                              "supervisionRequired": bool, "certificationNeeded": bool}}
    Every key is optional; what is given has this shape.
    """

    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "pe_activity_categories"
        ordering = ["name"]
        verbose_name_plural = "activity categories"
        constraints = [
            _not_blank("name", "pe_activity_categories_name_not_blank"),
            models.CheckConstraint(
                condition=~Q(parent=F("id")), name="pe_activity_categories_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Activity(BaseModel):
    """A physical activity (seed `activities`): the catalogue's (no owner) or a teacher's.

    equipment_required: how much equipment, one of none/minimal/moderate/extensive; the
    equipment itself is listed in activity_metadata.equipmentDetails (what the safety
    gate wants checked). intensity, space and the age range are columns because lists
    filter on them.
    variations: [str]. benefits: [str].
    activity_metadata (seed "Activity Metadata", camelCase):
    {"prerequisites": [str], "progressionPath": [str],
     "equipmentDetails": {"required": [str], "optional": [str]},  # lower-case names
     "safetyConsiderations": [str],
     "adaptations": [{"need": str, "adaptationType": one of ADAPTATION_TYPES,
                      "description": str, "difficultyAdjustment": -1.0..1.0}],
     "skills": [str]}
    `adaptations` are templates a teacher applies to a student (ActivityAdaptation).
    """

    owner = models.ForeignKey(
        USER, on_delete=models.CASCADE, null=True, blank=True, related_name="pe_activities"
    )
    key = models.SlugField(max_length=100, blank=True, help_text="The catalogue's id")
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=500, blank=True)
    activity_type = models.CharField(max_length=20, choices=v.choices(v.ACTIVITY_TYPES))
    difficulty = models.CharField(max_length=20, choices=v.choices(v.DIFFICULTIES))
    equipment_required = models.CharField(max_length=20, choices=v.choices(v.EQUIPMENT_LEVELS))
    duration_minutes = models.PositiveSmallIntegerField()
    intensity = models.CharField(max_length=20, choices=v.choices(v.INTENSITIES))
    space = models.CharField(max_length=20, choices=v.choices(v.SPACES))
    min_age = models.PositiveSmallIntegerField(default=v.MIN_AGE)
    max_age = models.PositiveSmallIntegerField(default=v.MAX_AGE)
    instructions = models.TextField(blank=True)
    safety_guidelines = models.TextField(blank=True)
    variations = models.JSONField(default=list, blank=True)
    benefits = models.JSONField(default=list, blank=True)
    activity_metadata = models.JSONField(default=dict, blank=True)
    is_archived = models.BooleanField(default=False)
    categories = models.ManyToManyField(
        ActivityCategory,
        through="ActivityCategoryAssociation",
        related_name="activities",
        blank=True,
    )

    class Meta:
        db_table = "pe_activities"
        ordering = ["name"]
        verbose_name_plural = "activities"
        constraints = [
            _not_blank("name", "pe_activities_name_not_blank"),
            _max_length("description", 500, "pe_activities_description_max_500"),
            _one_of("activity_type", v.ACTIVITY_TYPES, "pe_activities_type_check"),
            _one_of("difficulty", v.DIFFICULTIES, "pe_activities_difficulty_check"),
            _one_of("equipment_required", v.EQUIPMENT_LEVELS, "pe_activities_equipment_check"),
            _one_of("intensity", v.INTENSITIES, "pe_activities_intensity_check"),
            _one_of("space", v.SPACES, "pe_activities_space_check"),
            _between(
                "duration_minutes", v.DURATION_MIN, v.DURATION_MAX, "pe_activities_duration_range"
            ),
            models.CheckConstraint(
                condition=Q(min_age__gte=v.MIN_AGE, max_age__lte=v.MAX_AGE)
                & Q(min_age__lte=F("max_age")),
                name="pe_activities_age_range",
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(owner__isnull=True),
                name="pe_activities_catalogue_name_unique",
            ),
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(owner__isnull=True) & ~Q(key=""),
                name="pe_activities_catalogue_key_unique",
            ),
            models.UniqueConstraint(fields=["owner", "name"], name="pe_activities_owner_name"),
        ]
        indexes = [
            models.Index(fields=["owner", "activity_type"], name="idx_pe_activities_owner_type"),
            models.Index(fields=["activity_type", "difficulty"], name="idx_pe_activities_kind"),
            GinIndex(fields=["activity_metadata"], name="idx_pe_activities_metadata"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def required_equipment(self) -> list[str]:
        details = (self.activity_metadata or {}).get("equipmentDetails") or {}
        return list(details.get("required") or [])


class ActivityCategoryAssociation(BaseModel):
    """An activity's category; at most one is its primary (seed junction)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="category_links")
    category = models.ForeignKey(
        ActivityCategory, on_delete=models.CASCADE, related_name="activity_links"
    )
    primary_category = models.BooleanField(default=False)

    class Meta:
        db_table = "pe_activity_category_associations"
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "category"], name="pe_activity_category_unique"
            ),
            models.UniqueConstraint(
                fields=["activity"],
                condition=Q(primary_category=True),
                name="pe_activity_category_one_primary",
            ),
        ]
        indexes = [models.Index(fields=["category"], name="idx_pe_activity_cat_category")]

    def __str__(self) -> str:
        return f"{self.activity_id} in {self.category_id}"


class Exercise(BaseModel):
    """An exercise (seed `exercises`), part of an activity; analysed against its
    reference MovementPattern.

    primary_joints: the joint angles that define a repetition, e.g. ["left_knee",
    "right_knee"] (names of the movement engine's joint angles).
    """

    owner = models.ForeignKey(
        USER, on_delete=models.CASCADE, null=True, blank=True, related_name="pe_exercises"
    )
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="exercises")
    key = models.SlugField(max_length=100, blank=True, help_text="The catalogue's id")
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    exercise_type = models.CharField(max_length=20, choices=v.choices(v.EXERCISE_TYPES))
    difficulty = models.CharField(max_length=20, choices=v.choices(v.DIFFICULTIES))
    instructions = models.TextField(blank=True)
    primary_joints = models.JSONField(default=list, blank=True)

    class Meta:
        db_table = "pe_exercises"
        ordering = ["name"]
        constraints = [
            _not_blank("name", "pe_exercises_name_not_blank"),
            _one_of("exercise_type", v.EXERCISE_TYPES, "pe_exercises_type_check"),
            _one_of("difficulty", v.DIFFICULTIES, "pe_exercises_difficulty_check"),
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(owner__isnull=True) & ~Q(key=""),
                name="pe_exercises_catalogue_key_unique",
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(owner__isnull=True),
                name="pe_exercises_catalogue_name_unique",
            ),
            models.UniqueConstraint(fields=["owner", "name"], name="pe_exercises_owner_name"),
        ]
        indexes = [models.Index(fields=["activity"], name="idx_pe_exercises_activity")]

    def __str__(self) -> str:
        return self.name


# === students and classes ==================================================================


class Student(BaseModel):
    """A teacher's student (seed `students`).

    medical_notes and accommodations are private to the teacher: they appear only in
    the teacher's own view of the student, never in rosters or lists.
    accommodations: [str], e.g. ["uses a wheelchair", "needs rest breaks every 10 min"]
    (at most 20, each at most 200 characters).
    """

    teacher = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="pe_students")
    first_name = models.CharField(max_length=v.NAME_MAX)
    last_name = models.CharField(max_length=v.NAME_MAX)
    email = models.EmailField(blank=True)
    date_of_birth = models.DateField()
    gender = models.CharField(max_length=10, choices=v.choices(v.GENDERS))
    fitness_level = models.CharField(max_length=20, choices=v.choices(v.FITNESS_LEVELS))
    medical_notes = models.TextField(blank=True)
    accommodations = models.JSONField(default=list, blank=True)

    class Meta:
        db_table = "pe_students"
        ordering = ["last_name", "first_name"]
        constraints = [
            _not_blank("first_name", "pe_students_first_name_not_blank"),
            _not_blank("last_name", "pe_students_last_name_not_blank"),
            _one_of("gender", v.GENDERS, "pe_students_gender_check"),
            _one_of("fitness_level", v.FITNESS_LEVELS, "pe_students_fitness_check"),
            _max_length("medical_notes", v.MEDICAL_NOTES_MAX, "pe_students_medical_notes_max"),
            models.UniqueConstraint(
                fields=["teacher", "email"],
                condition=~Q(email=""),
                name="pe_students_teacher_email_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["teacher", "last_name"], name="idx_pe_students_teacher_name"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class PEClass(BaseModel):
    """A teacher's class (seed `classes`).

    schedule (seed "Class Schedule", camelCase):
    {"weeklySchedule": [{"day": "monday".."sunday", "time": "HH:MM",
                         "durationMinutes": 1-240, "location": str,
                         "equipmentNeeded": [str], "setupTimeMinutes": int,
                         "weatherDependent": bool, "backupLocation": str}],
     "exceptions": [{"date": "YYYY-MM-DD", "reason": str,
                     "status": "cancelled"|"rescheduled"}],
     "termBreaks": [{"startDate": date, "endDate": date, "type": str}]}
    enrolled_count: students with status "enrolled" (kept by the enrolment services).
    """

    teacher = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="pe_classes")
    name = models.CharField(max_length=v.CLASS_NAME_MAX)
    description = models.TextField(blank=True)
    grade_level = models.CharField(max_length=10, choices=v.choices(v.GRADE_LEVELS))
    schedule = models.JSONField(default=dict, blank=True)
    capacity = models.PositiveSmallIntegerField(default=30)
    enrolled_count = models.PositiveSmallIntegerField(default=0)
    location = models.CharField(max_length=100, blank=True)
    start_date = models.DateField()
    end_date = models.DateField()
    status = models.CharField(max_length=20, choices=v.choices(v.CLASS_STATUSES), default="planned")
    students = models.ManyToManyField(Student, through="ClassStudent", related_name="classes")

    class Meta:
        db_table = "pe_classes"
        ordering = ["name"]
        verbose_name = "class"
        verbose_name_plural = "classes"
        constraints = [
            _not_blank("name", "pe_classes_name_not_blank"),
            _one_of("grade_level", v.GRADE_LEVELS, "pe_classes_grade_level_check"),
            _one_of("status", v.CLASS_STATUSES, "pe_classes_status_check"),
            _between("capacity", 1, v.CLASS_SIZE_MAX, "pe_classes_capacity_range"),
            models.CheckConstraint(
                condition=Q(enrolled_count__lte=F("capacity")),
                name="pe_classes_enrolled_within_capacity",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")), name="pe_classes_end_after_start"
            ),
            models.UniqueConstraint(fields=["teacher", "name"], name="pe_classes_teacher_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ClassStudent(BaseModel):
    """A student's enrolment in a class (seed `class_students`), kept when they leave.

    status: enrolled, waitlisted (the class was full) or withdrawn (withdrawn_date set).
    """

    pe_class = models.ForeignKey(PEClass, on_delete=models.CASCADE, related_name="enrolments")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="enrolments")
    enrollment_date = models.DateField()
    status = models.CharField(max_length=20, choices=v.choices(v.ENROLMENT_STATUSES))
    withdrawn_date = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "pe_class_students"
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["pe_class", "student"], name="pe_class_student_pair"),
            _one_of("status", v.ENROLMENT_STATUSES, "pe_class_students_status_check"),
            models.CheckConstraint(
                condition=Q(status="withdrawn", withdrawn_date__isnull=False)
                | (~Q(status="withdrawn") & Q(withdrawn_date__isnull=True)),
                name="pe_class_students_withdrawn_has_date",
            ),
        ]
        indexes = [models.Index(fields=["student"], name="idx_pe_class_students_student")]

    def __str__(self) -> str:
        return f"{self.student_id} in {self.pe_class_id} ({self.status})"


# === adaptations and preferences ===========================================================


class ActivityAdaptation(BaseModel):
    """A modification of an activity for one student's needs (seed `activity_adaptations`).

    adaptation_data: {"summary": str (required), "modifications": [str],
    "need": str (the need it answers, e.g. "asthma"), "equipment": [str],
    "intensityScale": 0.1-1.5, "durationMinutes": 1-240}.
    At most one active adaptation of each type per student and activity. Every change
    is written to AdaptationHistory by the same service.
    """

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="adaptations")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="adaptations")
    adaptation_type = models.CharField(max_length=20, choices=v.choices(v.ADAPTATION_TYPES))
    adaptation_data = models.JSONField(default=dict)
    difficulty_adjustment = models.FloatField(default=0.0)
    is_active = models.BooleanField(default=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "pe_activity_adaptations"
        ordering = ["-created_at"]
        constraints = [
            _one_of("adaptation_type", v.ADAPTATION_TYPES, "pe_adaptations_type_check"),
            _between("difficulty_adjustment", -1.0, 1.0, "pe_adaptations_adjustment_range"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="pe_adaptations_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["student", "activity", "adaptation_type"],
                condition=Q(is_active=True),
                name="pe_adaptations_one_active_per_type",
            ),
        ]
        indexes = [
            models.Index(fields=["student", "activity"], name="idx_pe_adaptations_student"),
        ]

    def __str__(self) -> str:
        return f"{self.adaptation_type} for {self.student_id}"


class AdaptationHistory(BaseModel):
    """One change of an adaptation (seed `adaptation_history`).

    previous_data / new_data: the adaptation's fields before and after, as
    {"adaptationType", "adaptationData", "difficultyAdjustment", "isActive",
     "startDate", "endDate"} ({} before creation).
    """

    adaptation = models.ForeignKey(
        ActivityAdaptation, on_delete=models.CASCADE, related_name="history"
    )
    change_type = models.CharField(max_length=20, choices=v.choices(v.ADAPTATION_CHANGES))
    previous_data = models.JSONField(default=dict, blank=True)
    new_data = models.JSONField(default=dict, blank=True)
    reason = models.TextField()
    effectiveness_score = models.FloatField(null=True, blank=True)
    changed_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        db_table = "pe_adaptation_history"
        ordering = ["created_at"]
        verbose_name_plural = "adaptation history"
        constraints = [
            _one_of("change_type", v.ADAPTATION_CHANGES, "pe_adaptation_history_change_check"),
            _not_blank("reason", "pe_adaptation_history_reason_not_blank"),
            _between(
                "effectiveness_score", 0.0, 1.0, "pe_adaptation_history_effect_range", null=True
            ),
        ]

    def __str__(self) -> str:
        return f"{self.change_type} {self.adaptation_id}"


class StudentActivityPreference(BaseModel):
    """How much a student likes a type of activity (seed `student_activity_preferences`)."""

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="type_preferences")
    activity_type = models.CharField(max_length=20, choices=v.choices(v.ACTIVITY_TYPES))
    preference_score = models.FloatField(default=0.5)
    last_updated = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "pe_student_activity_preferences"
        ordering = ["activity_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "activity_type"], name="pe_student_type_preference_unique"
            ),
            _one_of("activity_type", v.ACTIVITY_TYPES, "pe_student_preferences_type_check"),
            _between("preference_score", 0.0, 1.0, "pe_student_preferences_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} {self.activity_type} {self.preference_score}"


class PEActivityPreference(BaseModel):
    """A student's preference for one activity (seed `pe_activity_preferences`).

    preference_level: 1 (dislikes) - 5 (loves). metadata: {"source": "teacher"|"student",
    "observedAt": "YYYY-MM-DD"}.
    """

    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="activity_preferences"
    )
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="preferences")
    preference_score = models.FloatField(default=0.5)
    preference_level = models.PositiveSmallIntegerField(default=3)
    notes = models.TextField(blank=True)
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "pe_activity_preferences"
        constraints = [
            models.UniqueConstraint(
                fields=["student", "activity"], name="pe_activity_preference_unique"
            ),
            _between("preference_score", 0.0, 1.0, "pe_activity_preferences_score_range"),
            _between("preference_level", 1, 5, "pe_activity_preferences_level_range"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} likes {self.activity_id} {self.preference_level}/5"


class AdaptationActivityPreference(BaseModel):
    """How well adapted activities of a type suit a student (seed
    `adaptation_activity_preferences`): moved by the effectiveness a teacher records
    when an adaptation changes, and read when adaptations are suggested."""

    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="adaptation_preferences"
    )
    activity_type = models.CharField(max_length=20, choices=v.choices(v.ACTIVITY_TYPES))
    preference_score = models.FloatField(default=0.5)

    class Meta:
        db_table = "pe_adaptation_activity_preferences"
        constraints = [
            models.UniqueConstraint(
                fields=["student", "activity_type"], name="pe_adaptation_preference_unique"
            ),
            _one_of("activity_type", v.ACTIVITY_TYPES, "pe_adaptation_preferences_type_check"),
            _between("preference_score", 0.0, 1.0, "pe_adaptation_preferences_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} {self.activity_type} {self.preference_score}"


class ActivityProgression(BaseModel):
    """A step from one activity to a harder one (seed `activity_progressions`).

    requirements: {"minScore": 0-100 (skill progress's latest score on the from-activity),
    "minAssessments": int >= 1, "skillLevel": one of SKILL_LEVELS}; all optional.
    level: the level the to-activity works at (progression levels add "master").
    difficulty_increase: 0-1, how much harder the step is.
    """

    owner = models.ForeignKey(
        USER, on_delete=models.CASCADE, null=True, blank=True, related_name="pe_progressions"
    )
    from_activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="progressions_from"
    )
    to_activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="progressions_to"
    )
    progression_type = models.CharField(max_length=20, choices=v.choices(v.PROGRESSION_TYPES))
    level = models.CharField(max_length=20, choices=v.choices(v.PROGRESSION_LEVELS))
    requirements = models.JSONField(default=dict, blank=True)
    difficulty_increase = models.FloatField(default=0.1)

    class Meta:
        db_table = "pe_activity_progressions"
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_activity=F("to_activity")),
                name="pe_progressions_distinct_activities",
            ),
            _one_of("progression_type", v.PROGRESSION_TYPES, "pe_progressions_type_check"),
            _one_of("level", v.PROGRESSION_LEVELS, "pe_progressions_level_check"),
            _between("difficulty_increase", 0.0, 1.0, "pe_progressions_increase_range"),
            models.UniqueConstraint(
                fields=["from_activity", "to_activity"],
                condition=Q(owner__isnull=True),
                name="pe_progressions_catalogue_unique",
            ),
            models.UniqueConstraint(
                fields=["owner", "from_activity", "to_activity"], name="pe_progressions_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_activity_id} -> {self.to_activity_id}"


# === plans ==================================================================================


class ActivityPlan(BaseModel):
    """A unit plan for a class, or a personal plan for one student (seed `activity_plans`).

    objectives (seed "Activity Plan Objectives", required):
    {"learningObjectives": [{"area": str, "target": str, "successCriteria": [str]}]
                           (at least one),
     "priorityLevels": {area: "high"|"medium"|"low"}}
    assessment_criteria (required): a rubric, see shapes.RUBRIC_DOC; its criteria's
    weights sum to 1.
    adaptations: [{"studentId": uuid, "description": str}] (what changes for whom).
    progress_tracking (seed "Progress Tracking"):
    {"weeklyMetrics": [{"week": int >= 1, "attendance": 0-1, "completionRate": 0-1,
                        "skillImprovements": {skill: float}}],
     "achievementMilestones": [{"milestone": str, "achievedDate": date,
                                "proficiencyLevel": level}],
     "adaptationHistory": [{"date": date, "type": str, "reason": str, "details": {}}]}
    """

    teacher = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="pe_plans")
    pe_class = models.ForeignKey(
        PEClass, on_delete=models.CASCADE, null=True, blank=True, related_name="plans"
    )
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, null=True, blank=True, related_name="plans"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    start_date = models.DateField()
    end_date = models.DateField()
    status = models.CharField(max_length=20, choices=v.choices(v.PLAN_STATUSES), default="draft")
    objectives = models.JSONField()
    assessment_criteria = models.JSONField()
    adaptations = models.JSONField(default=list, blank=True)
    progress_tracking = models.JSONField(default=dict, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        db_table = "pe_activity_plans"
        ordering = ["-start_date", "name"]
        constraints = [
            _not_blank("name", "pe_plans_name_not_blank"),
            _one_of("status", v.PLAN_STATUSES, "pe_plans_status_check"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="pe_plans_end_not_before_start"
            ),
            models.CheckConstraint(
                condition=Q(pe_class__isnull=False) | Q(student__isnull=False),
                name="pe_plans_for_class_or_student",
            ),
        ]
        indexes = [
            models.Index(fields=["teacher", "status"], name="idx_pe_plans_teacher_status"),
            models.Index(fields=["pe_class", "start_date"], name="idx_pe_plans_class_date"),
            GinIndex(fields=["assessment_criteria"], name="idx_pe_plans_criteria"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def weeks(self) -> int:
        return (self.end_date - self.start_date).days // 7 + 1


class ActivityPlanActivity(BaseModel):
    """An activity in a plan's week-by-week sequence (seed `activity_plan_activities`).

    week: 1 for the week starting on the plan's start date; sequence_order: 1, 2, ...
    within the week, without gaps (the services renumber). scheduled_date, when set,
    falls in that week and within the plan's dates.
    """

    plan = models.ForeignKey(ActivityPlan, on_delete=models.CASCADE, related_name="sequence")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="plan_activities")
    week = models.PositiveSmallIntegerField()
    sequence_order = models.PositiveSmallIntegerField()
    scheduled_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=v.choices(v.PLAN_ACTIVITY_STATUSES), default="scheduled"
    )
    notes = models.TextField(blank=True)

    class Meta:
        db_table = "pe_activity_plan_activities"
        ordering = ["week", "sequence_order"]
        verbose_name_plural = "activity plan activities"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "week", "sequence_order"], name="pe_plan_activity_order_unique"
            ),
            models.CheckConstraint(
                condition=Q(week__gte=1, sequence_order__gte=1),
                name="pe_plan_activity_week_order_positive",
            ),
            _one_of("status", v.PLAN_ACTIVITY_STATUSES, "pe_plan_activities_status_check"),
        ]

    def __str__(self) -> str:
        return f"week {self.week} #{self.sequence_order} {self.activity_id}"


# === routines ================================================================================


class Routine(BaseModel):
    """A sequence of activities run with a class (seed `routines`).

    focus_areas (seed "Routine Focus Areas"):
    {"primaryFocus": str, "secondaryFocus": [str], "targetMuscleGroups": [str],
     "intensityDistribution": {"high": 0-1, "medium": 0-1, "low": 0-1} (sums to 1),
     "progressionGoals": [str]}
    """

    pe_class = models.ForeignKey(PEClass, on_delete=models.CASCADE, related_name="routines")
    plan = models.ForeignKey(
        ActivityPlan, on_delete=models.SET_NULL, null=True, blank=True, related_name="routines"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    focus_areas = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=v.choices(v.ROUTINE_STATUSES), default="draft")
    scheduled_for = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    activities = models.ManyToManyField(
        Activity, through="RoutineActivity", related_name="routines"
    )

    class Meta:
        db_table = "pe_routines"
        ordering = ["-scheduled_for", "-created_at"]
        constraints = [
            _not_blank("name", "pe_routines_name_not_blank"),
            _one_of("status", v.ROUTINE_STATUSES, "pe_routines_status_check"),
            models.CheckConstraint(
                condition=~Q(status__in=["in_progress", "completed"]) | Q(started_at__isnull=False),
                name="pe_routines_started_has_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_at__isnull=False),
                name="pe_routines_completed_has_end",
            ),
        ]
        indexes = [models.Index(fields=["pe_class", "status"], name="idx_pe_routines_class")]

    def __str__(self) -> str:
        return self.name


class RoutineActivity(BaseModel):
    """One step of a routine (seed `routine_activities`): in order 1, 2, ... without gaps;
    warm-ups first, then the main part, then cool-downs. A timed step has a duration."""

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="steps")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="routine_steps")
    sequence_order = models.PositiveSmallIntegerField()
    phase = models.CharField(max_length=20, choices=v.choices(v.ROUTINE_PHASES))
    duration_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    is_timed = models.BooleanField(default=True)

    class Meta:
        db_table = "pe_routine_activities"
        ordering = ["sequence_order"]
        verbose_name_plural = "routine activities"
        constraints = [
            models.UniqueConstraint(
                fields=["routine", "sequence_order"], name="pe_routine_activity_order_unique"
            ),
            models.CheckConstraint(
                condition=Q(sequence_order__gte=1), name="pe_routine_activity_order_positive"
            ),
            _one_of("phase", v.ROUTINE_PHASES, "pe_routine_activities_phase_check"),
            _between(
                "duration_minutes",
                v.DURATION_MIN,
                v.DURATION_MAX,
                "pe_routine_activities_duration_range",
                null=True,
            ),
            models.CheckConstraint(
                condition=Q(is_timed=False) | Q(duration_minutes__isnull=False),
                name="pe_routine_activities_timed_has_duration",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence_order} {self.activity_id}"


class RoutinePerformance(BaseModel):
    """How a student did in a routine (seed `routine_performance`), one per student.

    performance_data: {"activities": [{"activityId": uuid, "completed": bool,
    "repetitions": int >= 0, "notes": str}], "observations": [str]}.
    completion_time: seconds. accuracy_score, effort_score: 0-1.
    """

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="performances")
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="routine_performances"
    )
    performance_data = models.JSONField(default=dict, blank=True)
    completion_time = models.FloatField(null=True, blank=True)
    accuracy_score = models.FloatField(null=True, blank=True)
    effort_score = models.FloatField(null=True, blank=True)
    notes = models.TextField(blank=True)
    is_completed = models.BooleanField(default=False)

    class Meta:
        db_table = "pe_routine_performance"
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["routine", "student"], name="pe_routine_performance_unique"
            ),
            models.CheckConstraint(
                condition=Q(completion_time__isnull=True) | Q(completion_time__gte=0),
                name="pe_routine_performance_time_non_negative",
            ),
            _between("accuracy_score", 0.0, 1.0, "pe_routine_performance_accuracy", null=True),
            _between("effort_score", 0.0, 1.0, "pe_routine_performance_effort", null=True),
        ]
        indexes = [models.Index(fields=["student"], name="idx_pe_routine_perf_student")]

    def __str__(self) -> str:
        return f"{self.student_id} in {self.routine_id}"


class PerformanceMetric(BaseModel):
    """One measurement of a routine performance (seed `performance_metrics`).

    metric_data: {"unit": str, "activityId": uuid, "note": str}; all optional.
    """

    performance = models.ForeignKey(
        RoutinePerformance, on_delete=models.CASCADE, related_name="metrics"
    )
    metric_type = models.CharField(max_length=20, choices=v.choices(v.METRIC_TYPES))
    metric_value = models.FloatField()
    metric_data = models.JSONField(default=dict, blank=True)
    recorded_at = models.DateTimeField()

    class Meta:
        db_table = "pe_performance_metrics"
        ordering = ["recorded_at"]
        constraints = [_one_of("metric_type", v.METRIC_TYPES, "pe_performance_metrics_type")]
        indexes = [
            models.Index(fields=["performance", "metric_type"], name="idx_pe_metrics_perf_type")
        ]

    def __str__(self) -> str:
        return f"{self.metric_type}={self.metric_value}"


# === performance tracking ==================================================================


class SkillAssessment(BaseModel):
    """A teacher's assessment of a student at an activity, on a weighted rubric
    (seed `skill_assessments`).

    rubric: see shapes.RUBRIC_DOC (criteria weights sum to 1; sub-criteria weights too).
    scores: {criterion: number, or {subCriterion: number}} on the rubric's scale.
    results: {criterion: {"score": float (on the scale), "percent": 0-100,
    "weight": float, "meetsMinimum": bool}} (written when scored).
    overall_score: 0-100, the weighted sum; set once scored, required once completed.
    """

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="skill_assessments")
    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="skill_assessments"
    )
    plan = models.ForeignKey(
        ActivityPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
    )
    assessor = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="pe_assessments")
    status = models.CharField(
        max_length=20, choices=v.choices(v.ASSESSMENT_STATUSES), default="pending"
    )
    assessment_date = models.DateField()
    rubric = models.JSONField()
    scores = models.JSONField(default=dict, blank=True)
    results = models.JSONField(default=dict, blank=True)
    overall_score = models.FloatField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        db_table = "pe_skill_assessments"
        ordering = ["-assessment_date", "-created_at"]
        constraints = [
            _one_of("status", v.ASSESSMENT_STATUSES, "pe_assessments_status_check"),
            _between("overall_score", 0.0, 100.0, "pe_assessments_score_range", null=True),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(overall_score__isnull=False),
                name="pe_assessments_completed_has_score",
            ),
        ]
        indexes = [
            models.Index(
                fields=["student", "activity", "assessment_date"],
                name="idx_pe_assessments_student",
            ),
            GinIndex(fields=["rubric"], name="idx_pe_assessments_rubric"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} at {self.activity_id} on {self.assessment_date}"


class SkillProgress(BaseModel):
    """A student's progress at one activity (skill) over time (seed `skill_progress`).

    progress_data (seed "Progress Data"): written by the services that complete an
    assessment or store a movement analysis, in the same transaction:
    {"series": [{"date": "YYYY-MM-DD", "score": 0-100,
                 "source": "assessment"|"movement", "sourceId": uuid}] (by date),
     "metrics": {criterion or movement metric: 0-1} (the latest),
     "milestonesAchieved": [{"milestone": str, "achievedDate": date,
                             "proficiencyLevel": level}],
     "areasForImprovement": [str]}
    skill_level follows the mean of the last three scores (services.progress.LEVELS).
    goals: {"targetLevel": level, "targetScore": 0-100, "targetDate": date, "note": str}.
    """

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="skill_progress")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="skill_progress")
    skill_level = models.CharField(
        max_length=20, choices=v.choices(v.SKILL_LEVELS), default="beginner"
    )
    latest_score = models.FloatField(null=True, blank=True)
    progress_data = models.JSONField(default=dict, blank=True)
    goals = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "pe_skill_progress"
        ordering = ["-updated_at"]
        verbose_name_plural = "skill progress"
        constraints = [
            models.UniqueConstraint(
                fields=["student", "activity"], name="pe_skill_progress_unique"
            ),
            _one_of("skill_level", v.SKILL_LEVELS, "pe_skill_progress_level_check"),
            _between("latest_score", 0.0, 100.0, "pe_skill_progress_score_range", null=True),
        ]
        indexes = [GinIndex(fields=["progress_data"], name="idx_pe_skill_progress_data")]

    def __str__(self) -> str:
        return f"{self.student_id} {self.activity_id} {self.skill_level}"


class StudentActivityPerformance(BaseModel):
    """A student's score at an activity on a day (seed `student_activity_performances`).

    feedback: {"strengths": [str], "improvements": [str], "comment": str}.
    """

    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="activity_performances"
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="activity_performances"
    )
    routine = models.ForeignKey(
        Routine, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    performance_date = models.DateField()
    score = models.FloatField()
    feedback = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "pe_student_activity_performances"
        ordering = ["-performance_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "activity", "performance_date"],
                name="pe_student_activity_performance_unique",
            ),
            _between("score", 0.0, 100.0, "pe_student_activity_performance_score"),
        ]
        indexes = [
            models.Index(fields=["student", "activity"], name="idx_pe_performances_student"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} {self.activity_id} {self.score}"


# === safety =================================================================================


class SafetyCheck(BaseModel):
    """A general safety verification (seed `safety_checks`): first aid, supervision,
    emergency procedures, the facility. A failed check blocks the class's activities
    until it is resolved.
    """

    inspector = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="pe_safety_checks")
    pe_class = models.ForeignKey(
        PEClass, on_delete=models.CASCADE, null=True, blank=True, related_name="safety_checks"
    )
    check_type = models.CharField(max_length=30, choices=v.choices(v.SAFETY_CHECK_TYPES))
    status = models.CharField(
        max_length=20, choices=v.choices(v.SAFETY_CHECK_STATUSES), default="pending"
    )
    notes = models.TextField(blank=True)
    location = models.CharField(max_length=100, blank=True)
    severity_level = models.CharField(
        max_length=20, choices=v.choices(v.SEVERITY_LEVELS), default="low"
    )
    action_required = models.BooleanField(default=False)
    follow_up_date = models.DateField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(blank=True)

    class Meta:
        db_table = "pe_safety_checks"
        ordering = ["-created_at"]
        constraints = [
            _one_of("check_type", v.SAFETY_CHECK_TYPES, "pe_safety_checks_type_check"),
            _one_of("status", v.SAFETY_CHECK_STATUSES, "pe_safety_checks_status_check"),
            _one_of("severity_level", v.SEVERITY_LEVELS, "pe_safety_checks_severity_check"),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(completed_at__isnull=False),
                name="pe_safety_checks_done_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["inspector", "status"], name="idx_pe_safety_checks_status"),
            models.Index(fields=["pe_class", "created_at"], name="idx_pe_safety_checks_class"),
        ]

    def __str__(self) -> str:
        return f"{self.check_type} {self.status}"


class EquipmentCheck(BaseModel):
    """The state of one kind of equipment, as a teacher found it (seed `equipment_checks`).

    equipment_type: lower-case, as activities name it ("mats", "basketballs").
    maintenance_history: [{"date": "YYYY-MM-DD", "action": str, "by": str}].
    safety_rating: 0-1. Safe to use: condition new/good/fair, a rating of at least
    safety_rules.EQUIPMENT_MIN_RATING and maintenance not overdue (safety_rules.py).
    """

    inspector = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="pe_equipment_checks"
    )
    pe_class = models.ForeignKey(
        PEClass, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    equipment_type = models.CharField(max_length=60)
    condition = models.CharField(max_length=20, choices=v.choices(v.EQUIPMENT_CONDITIONS))
    quantity = models.PositiveSmallIntegerField(null=True, blank=True)
    location = models.CharField(max_length=100, blank=True)
    checked_at = models.DateTimeField()
    last_maintenance = models.DateField(null=True, blank=True)
    next_maintenance = models.DateField(null=True, blank=True)
    replacement_date = models.DateField(null=True, blank=True)
    maintenance_history = models.JSONField(default=list, blank=True)
    safety_rating = models.FloatField()
    notes = models.TextField(blank=True)

    class Meta:
        db_table = "pe_equipment_checks"
        ordering = ["-checked_at"]
        constraints = [
            _not_blank("equipment_type", "pe_equipment_checks_type_not_blank"),
            _one_of("condition", v.EQUIPMENT_CONDITIONS, "pe_equipment_checks_condition"),
            _between("safety_rating", 0.0, 1.0, "pe_equipment_checks_rating_range"),
            models.CheckConstraint(
                condition=Q(last_maintenance__isnull=True)
                | Q(next_maintenance__isnull=True)
                | Q(next_maintenance__gte=F("last_maintenance")),
                name="pe_equipment_checks_maintenance_order",
            ),
        ]
        indexes = [
            models.Index(
                fields=["inspector", "equipment_type", "-checked_at"],
                name="idx_pe_equipment_latest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.equipment_type} {self.condition}"


class RiskAssessment(BaseModel):
    """A teacher's risk assessment of an activity (seed `risk_assessments`).

    risk_factors: [{"factor": str, "likelihood": 0-1, "severity": 0-1}].
    mitigation_measures: [str]. probability, impact: 0-1. Current until review_date.
    Acceptable to run: low or medium; high with at least one mitigation measure;
    never critical.
    """

    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="risk_assessments"
    )
    assessor = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="pe_risk_assessments")
    pe_class = models.ForeignKey(
        PEClass, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    risk_level = models.CharField(max_length=20, choices=v.choices(v.RISK_LEVELS))
    mitigation_measures = models.JSONField(default=list, blank=True)
    risk_factors = models.JSONField(default=list, blank=True)
    probability = models.FloatField()
    impact = models.FloatField()
    assessment_date = models.DateField()
    review_date = models.DateField()

    class Meta:
        db_table = "pe_risk_assessments"
        ordering = ["-assessment_date", "-created_at"]
        constraints = [
            _one_of("risk_level", v.RISK_LEVELS, "pe_risk_assessments_level_check"),
            _between("probability", 0.0, 1.0, "pe_risk_assessments_probability_range"),
            _between("impact", 0.0, 1.0, "pe_risk_assessments_impact_range"),
            models.CheckConstraint(
                condition=Q(review_date__gte=F("assessment_date")),
                name="pe_risk_assessments_review_after",
            ),
        ]
        indexes = [
            models.Index(fields=["assessor", "activity"], name="idx_pe_risk_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.risk_level}"


class SafetyIncident(BaseModel):
    """An incident in PE, reported and followed up (seed `safety_incidents`).

    Seed: every field but the metadata is required. incident_metadata:
    {"bodyPart": str, "firstAidGiven": bool, "parentNotified": bool, "witnesses": [str],
     "followUps": [{"at": iso datetime, "note": str, "status": status after it}]}.
    A serious or critical incident needs a follow-up date.
    """

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="incidents")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="incidents")
    reported_by = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="pe_incidents")
    pe_class = models.ForeignKey(
        PEClass, on_delete=models.SET_NULL, null=True, blank=True, related_name="incidents"
    )
    routine = models.ForeignKey(
        Routine, on_delete=models.SET_NULL, null=True, blank=True, related_name="incidents"
    )
    date = models.DateTimeField()
    incident_type = models.CharField(max_length=30, choices=v.choices(v.INCIDENT_TYPES))
    severity = models.CharField(max_length=20, choices=v.choices(v.INCIDENT_SEVERITIES))
    description = models.TextField()
    action_taken = models.TextField()
    status = models.CharField(
        max_length=20, choices=v.choices(v.INCIDENT_STATUSES), default="reported"
    )
    follow_up_date = models.DateField(null=True, blank=True)
    incident_metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "pe_safety_incidents"
        ordering = ["-date"]
        constraints = [
            _not_blank("description", "pe_incidents_description_not_blank"),
            _not_blank("action_taken", "pe_incidents_action_not_blank"),
            _one_of("incident_type", v.INCIDENT_TYPES, "pe_incidents_type_check"),
            _one_of("severity", v.INCIDENT_SEVERITIES, "pe_incidents_severity_check"),
            _one_of("status", v.INCIDENT_STATUSES, "pe_incidents_status_check"),
            models.CheckConstraint(
                condition=~Q(severity__in=["serious", "critical"])
                | Q(follow_up_date__isnull=False),
                name="pe_incidents_serious_has_follow_up",
            ),
        ]
        indexes = [
            models.Index(fields=["reported_by", "status"], name="idx_pe_incidents_status"),
            models.Index(fields=["student", "date"], name="idx_pe_incidents_student"),
        ]

    def __str__(self) -> str:
        return f"{self.incident_type} ({self.severity})"


class EnvironmentalCheck(BaseModel):
    """Conditions where a class is about to be active (seed `environmental_checks`).

    temperature: degrees C. humidity: percent. air_quality: AQI 0-500. lighting: lux.
    surface_conditions: {"condition": one of SURFACE_CONDITIONS, "obstructions": [str],
                         "notes": str}.
    equipment_condition: {"overall": one of EQUIPMENT_CONDITIONS,
                          "items": [{"name": str, "condition": ...}]}.
    environmental_metadata: {"location": str, "indoor": bool, "weather": str}.
    passed/issues: the verdict of services.safety's thresholds when it was recorded;
    issues: [{"field": str, "problem": str}].
    """

    pe_class = models.ForeignKey(
        PEClass, on_delete=models.CASCADE, related_name="environmental_checks"
    )
    inspector = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="pe_environmental_checks"
    )
    check_date = models.DateTimeField()
    temperature = models.FloatField()
    humidity = models.FloatField()
    air_quality = models.FloatField()
    lighting = models.FloatField()
    surface_conditions = models.JSONField(default=dict)
    equipment_condition = models.JSONField(default=dict, blank=True)
    environmental_metadata = models.JSONField(default=dict, blank=True)
    passed = models.BooleanField()
    issues = models.JSONField(default=list, blank=True)

    class Meta:
        db_table = "pe_environmental_checks"
        ordering = ["-check_date"]
        constraints = [
            _between("temperature", -40.0, 60.0, "pe_environmental_temperature_range"),
            _between("humidity", 0.0, 100.0, "pe_environmental_humidity_range"),
            _between("air_quality", 0.0, 500.0, "pe_environmental_air_quality_range"),
            models.CheckConstraint(
                condition=Q(lighting__gte=0), name="pe_environmental_lighting_non_negative"
            ),
        ]
        indexes = [
            models.Index(fields=["pe_class", "-check_date"], name="idx_pe_environment_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.pe_class_id} {self.check_date:%Y-%m-%d} {'ok' if self.passed else 'fail'}"


# === movement analysis ========================================================================


class MovementAnalysis(BaseModel):
    """The analysis of a student's recorded movement at an exercise (seed
    `movement_analysis`). analysis_data is described in services/movement.py.

    recommendations: [str]. The numbers lists filter and chart on are columns:
    repetitions (>= 0), duration_seconds (> 0), quality_score and confidence (0-1),
    similarity to the exercise's reference pattern (0-1, null without one).
    """

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="movement_analyses")
    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="movement_analyses"
    )
    exercise = models.ForeignKey(
        Exercise, on_delete=models.PROTECT, related_name="movement_analyses"
    )
    analysed_by = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="pe_movement_analyses"
    )
    recorded_at = models.DateTimeField()
    source_format = models.CharField(max_length=10, choices=[("json", "JSON"), ("csv", "CSV")])
    frame_count = models.PositiveIntegerField()
    fps = models.FloatField()
    duration_seconds = models.FloatField()
    repetitions = models.IntegerField()
    quality_score = models.FloatField()
    confidence = models.FloatField()
    similarity = models.FloatField(null=True, blank=True)
    movement_type = models.CharField(max_length=20, choices=v.choices(v.PATTERN_TYPES))
    analysis_data = models.JSONField(default=dict)
    recommendations = models.JSONField(default=list, blank=True)

    class Meta:
        db_table = "pe_movement_analysis"
        ordering = ["-recorded_at"]
        verbose_name_plural = "movement analyses"
        constraints = [
            models.CheckConstraint(
                condition=Q(repetitions__gte=0), name="pe_movement_repetitions_non_negative"
            ),
            models.CheckConstraint(
                condition=Q(duration_seconds__gt=0), name="pe_movement_duration_positive"
            ),
            models.CheckConstraint(
                condition=Q(frame_count__gt=0, fps__gt=0), name="pe_movement_frames_positive"
            ),
            _between("quality_score", 0.0, 1.0, "pe_movement_quality_range"),
            _between("confidence", 0.0, 1.0, "pe_movement_confidence_range"),
            _between("similarity", 0.0, 1.0, "pe_movement_similarity_range", null=True),
            _one_of("movement_type", v.PATTERN_TYPES, "pe_movement_type_check"),
            models.CheckConstraint(
                condition=Q(source_format__in=["json", "csv"]), name="pe_movement_format_check"
            ),
        ]
        indexes = [
            models.Index(
                fields=["student", "exercise", "-recorded_at"], name="idx_pe_movement_student"
            ),
            GinIndex(fields=["analysis_data"], name="idx_pe_movement_data"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} {self.exercise_id} x{self.repetitions}"


class MovementPattern(BaseModel):
    """A movement pattern (seed `movement_patterns`): an exercise's reference pattern
    (exercise set), or the pattern observed in one analysis (analysis set; deleted
    with it). Exactly one of the two is set; an exercise has at most one reference.

    metrics of a reference pattern: the movement engine's reference (movement/patterns.py):
    {"primaryJoint": "knee"|"hip"|"elbow"|"shoulder"|"ankle", "restAngle": "high"|"low",
     "awayPhase": "eccentric"|"concentric", "romRange": {joint: [lowest, highest] degrees},
     "repSeconds": [shortest, longest], "minRepSeconds", "requiredDepth", "cutoffHz",
     "symmetryMin" (optional), "curve": [the primary joint's angle over one repetition,
     at least 11 evenly spaced samples], "cues": {finding type: advice}}
    (checked by movement.patterns.pattern_from_metrics when loaded and when used).
    metrics of an observed pattern: {"observed": {"primaryJoint", "restAngle",
    "repetitions", "romDegrees": {joint: degrees}, "tempo": {...}, "similarity": 0-100}}.
    """

    exercise = models.ForeignKey(
        Exercise,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reference_patterns",
    )
    analysis = models.ForeignKey(
        MovementAnalysis,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="patterns",
    )
    pattern_type = models.CharField(max_length=20, choices=v.choices(v.PATTERN_TYPES))
    description = models.TextField(blank=True)
    metrics = models.JSONField(default=dict)
    confidence = models.FloatField(null=True, blank=True)

    class Meta:
        db_table = "pe_movement_patterns"
        ordering = ["created_at"]
        constraints = [
            _one_of("pattern_type", v.PATTERN_TYPES, "pe_movement_patterns_type_check"),
            models.CheckConstraint(
                condition=Q(exercise__isnull=False, analysis__isnull=True)
                | Q(exercise__isnull=True, analysis__isnull=False),
                name="pe_movement_patterns_reference_or_observed",
            ),
            models.UniqueConstraint(
                fields=["exercise"],
                condition=Q(exercise__isnull=False),
                name="pe_movement_patterns_one_reference",
            ),
            _between("confidence", 0.0, 1.0, "pe_movement_patterns_confidence", null=True),
        ]

    def __str__(self) -> str:
        return f"{self.pattern_type} ({'reference' if self.exercise_id else 'observed'})"
