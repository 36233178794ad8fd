import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.db.models.fields.json import KeyTransform
from django.utils import timezone

from brightpath.common import birthdates
from brightpath.common.archive import Archivable
from brightpath.common.models import BaseModel
from brightpath.common.recurrence import occurs_on

from . import vocabulary as v


def _default_school_days() -> list[str]:
    return list(v.DEFAULT_SCHOOL_DAYS)


def _in(field: str, values: list) -> Q:
    return Q(**{f"{field}__in": values})


class Family(BaseModel):
    """A household: one owner account, its children, its preferences (seed 000 `families`).

    `preferences` (seed 000 "Family Preferences JSONB")::

        {"schedulingFlexibility": "moderate_structure",
         "homeschoolingPhilosophy": {"charlotte_mason": 5, ...},   # ratings 1-5
         "schedulingStyle": {"block": 4, "loop": 3, ...},          # ratings 1-5
         "planningApproach": "mix_of_planned_and_spontaneous",
         "activityPreferences": {"nature_exploration": 5, ...}}    # ratings 1-5

    `questionnaire_responses` keeps sections 1, 3, 5 and 7 as submitted.
    """

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="family"
    )
    name = models.CharField(max_length=255)
    scheduling_flexibility = models.CharField(
        max_length=50, choices=v.choices(v.SCHEDULING_FLEXIBILITY), blank=True, db_index=True
    )
    planning_approach = models.CharField(
        max_length=50, choices=v.choices(v.PLANNING_APPROACHES), blank=True
    )
    preferences = models.JSONField(default=dict, blank=True)
    questionnaire_responses = models.JSONField(default=dict, blank=True)
    time_zone = models.CharField(max_length=64, default=settings.TIME_ZONE)
    # Days the family schools on, e.g. ["Monday", ..., "Friday"].
    school_days = models.JSONField(default=_default_school_days)
    # Adults who can teach at once: the scheduler's parent capacity is 2 per adult.
    adults = models.PositiveSmallIntegerField(default=1)

    class Meta:
        db_table = "families"
        verbose_name_plural = "families"
        constraints = [
            models.CheckConstraint(
                condition=Q(scheduling_flexibility="")
                | _in("scheduling_flexibility", v.SCHEDULING_FLEXIBILITY),
                name="family_scheduling_flexibility_valid",
            ),
            models.CheckConstraint(
                condition=Q(planning_approach="") | _in("planning_approach", v.PLANNING_APPROACHES),
                name="family_planning_approach_valid",
            ),
            models.CheckConstraint(condition=Q(adults__in=[1, 2]), name="family_adults_1_or_2"),
        ]
        indexes = [GinIndex(fields=["preferences"], name="families_preferences_gin")]

    def __str__(self) -> str:
        return self.name or f"Family of {self.owner}"

    def today(self) -> dt.date:
        """Today where the family lives."""
        return timezone.localtime(timezone.now(), timezone=ZoneInfo(self.time_zone)).date()


class Commitment(Archivable, BaseModel):
    """A recurring or one-time engagement outside homeschool (seed 000 commitments).

    Recurrence, by `frequency`:
    - daily: every day;
    - weekly: on `days_of_week`;
    - monthly: on `day_of_month`, or on the `week_of_month`-th (1-5, -1 = last)
      `days_of_week[0]` of the month;
    - one-time: on `date`.
    """

    name = models.CharField(max_length=255)
    frequency = models.CharField(max_length=20, choices=v.COMMITMENT_FREQUENCY_CHOICES)
    days_of_week = models.JSONField(default=list, blank=True)
    day_of_month = models.PositiveSmallIntegerField(null=True, blank=True)
    week_of_month = models.SmallIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    start_time = models.TimeField()
    end_time = models.TimeField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "start_time"]

    @classmethod
    def constraints_for(cls, table: str) -> list[models.BaseConstraint]:
        return [
            models.CheckConstraint(
                condition=_in("frequency", v.COMMITMENT_FREQUENCIES),
                name=f"{table}_frequency_valid",
            ),
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name=f"{table}_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(day_of_month__isnull=True) | Q(day_of_month__range=(1, 31)),
                name=f"{table}_day_of_month_range",
            ),
            models.CheckConstraint(
                condition=Q(week_of_month__isnull=True) | Q(week_of_month__in=[1, 2, 3, 4, 5, -1]),
                name=f"{table}_week_of_month_valid",
            ),
            models.CheckConstraint(
                condition=~Q(frequency="one-time") | Q(date__isnull=False),
                name=f"{table}_one_time_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(frequency="monthly")
                | Q(day_of_month__isnull=False)
                | Q(week_of_month__isnull=False),
                name=f"{table}_monthly_has_rule",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.frequency} {self.start_time:%H:%M}-{self.end_time:%H:%M})"

    def occurs_on(self, day: dt.date) -> bool:
        return occurs_on(
            day,
            frequency=self.frequency,
            days_of_week=self.days_of_week,
            day_of_month=self.day_of_month,
            week_of_month=self.week_of_month,
            date=self.date,
        )


class FamilyCommitment(Commitment):
    """A commitment of the parent: it makes the parent unavailable."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="commitments")

    class Meta(Commitment.Meta):
        db_table = "family_commitments"
        constraints = Commitment.constraints_for("family_commitment")


class Child(Archivable, BaseModel):
    """A child of the family (seed 000 `children`).

    `learning_preferences` (seed 000 "Child Learning Preferences JSONB")::

        {"bestLearningTimes": ["mid-morning", "early_afternoon"],
         "homeschoolingHours": {"startTime": "09:00", "endTime": "14:00"},
         "derivedInsights": {"attentionSpan": "15-30_minutes",
                             "preferredLearningModality": "hands_on",
                             "interestClusters": [{"name", "subjects", "averageInterest"}],
                             "recommendedBreaks": {"frequency", "duration", "activities"}}}

    `questionnaire_responses` keeps sections 2, 3Child, 4 and 6 as submitted
    (section 2 with the birth date as stored, even when an age was given).

    The age is never stored: it comes from `birth_date` on the day asked
    (`age_on`), today where the family lives for `age`. The parent gives a full
    date or only the month and year (then `birth_date` is the first of the
    month); a child given only an age has an estimated birth month
    (`birth_date_precision` "approximate", see common.birthdates).
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="children")
    name = models.CharField(max_length=255)
    birth_date = models.DateField(help_text="The first of the month unless the precision is day.")
    birth_date_precision = models.CharField(
        max_length=12,
        choices=list(birthdates.PRECISION_LABELS.items()),
        default=birthdates.DAY,
    )
    learning_preferences = models.JSONField(default=dict, blank=True)
    questionnaire_responses = models.JSONField(default=dict, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    owned_relations = ("subjects", "commitments")

    class Meta:
        db_table = "children"
        verbose_name_plural = "children"
        ordering = ["position", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=_in("birth_date_precision", list(birthdates.PRECISIONS)),
                name="child_birth_date_precision_valid",
            )
        ]
        indexes = [
            models.Index(fields=["birth_date"], name="children_birth_date_idx"),
            GinIndex(fields=["learning_preferences"], name="children_learning_prefs_gin"),
            GinIndex(
                KeyTransform("bestLearningTimes", "learning_preferences"),
                name="children_best_times_gin",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.age})" if self.birth_date and self.family_id else self.name

    @property
    def birth(self) -> birthdates.BirthDate:
        return birthdates.BirthDate(self.birth_date, self.birth_date_precision)

    @birth.setter
    def birth(self, birth: birthdates.BirthDate) -> None:
        self.birth_date, self.birth_date_precision = birth.date, birth.precision

    def age_on(self, day: dt.date) -> int:
        """The child's age on `day` (e.g. the Monday of a week being planned)."""
        return self.birth.age_on(day)

    @property
    def age(self) -> int:
        """The child's age today, where the family lives."""
        return self.age_on(self.family.today())

    @property
    def homeschool_hours(self) -> tuple[str, str] | None:
        hours = self.learning_preferences.get("homeschoolingHours") or {}
        if "startTime" in hours and "endTime" in hours:
            return hours["startTime"], hours["endTime"]
        return None


class ChildCommitment(Commitment):
    """A commitment of one child (lessons, sports): the child is busy then."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="commitments")

    class Meta(Commitment.Meta):
        db_table = "child_commitments"
        constraints = Commitment.constraints_for("child_commitment")


QUESTIONNAIRE_STATUSES = ["in_progress", "submitted"]


class QuestionnaireSession(BaseModel):
    """A parent's questionnaire in progress (seed 000 `questionnaire_sessions`).

    `session_data`::

        {"currentSection": 4,
         "progress": {"section1": "complete", ..., "section7": "not_started"},
         "childrenProgress": [{"childId": "temp_child_1", "name": "Noah",
                               "section2": "complete", "section3Child": "complete",
                               "section4": "in_progress", "section6": "not_started"}],
         "lastUpdated": "2026-04-01T09:35:00Z",
         "drafts": {"section1": {...}, "children": {"temp_child_1": {"section4": {...}}}}}

    The cache holds the same data under seed 001's QUESTIONNAIRE:* keys; this
    row is the copy that survives a cache flush or a new device.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questionnaire_session"
    )
    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    session_data = models.JSONField(default=dict)
    status = models.CharField(
        max_length=20, choices=v.choices(QUESTIONNAIRE_STATUSES), default="in_progress"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        db_table = "questionnaire_sessions"
        constraints = [
            models.CheckConstraint(
                condition=_in("status", QUESTIONNAIRE_STATUSES),
                name="questionnaire_session_status_valid",
            )
        ]
        indexes = [models.Index(fields=["updated_at"], name="questionnaire_sess_updated_idx")]
