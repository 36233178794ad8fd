from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q

from brightpath.common.models import BaseModel
from brightpath.curriculum.models import Lesson, Subject
from brightpath.families.models import Child, ChildCommitment, Family

from .clock import minute_of

# subject: a planned session; commitment: a child's commitment (rule 9);
# activity: an ad-hoc item the parent added (field trip, library day).
ITEM_TYPES = ["subject", "commitment", "activity"]


class Schedule(BaseModel):
    """One child's week, versioned (seed 000 `schedules`).

    Regenerating a week adds a version and deactivates the previous one, which
    is kept. `schedule_data` is a snapshot of the items in seed 000's shape,
    written by the same service in the same transaction as the items::

        {"weekStartDate": "2026-01-05", "version": 2, "generationMethod": "cp_sat_v1",
         "days": [{"date": "2026-01-05", "dayOfWeek": "Monday",
                   "items": [{"id", "type", "name", "startTime", "endTime",
                              "subjectId"?, "commitmentId"?, "isExternal"?, "completed"}]}]}

    `generation_report`: {"solver": {status, objective, bestBound, gap, wallTime},
    "unplaced": [{childId, childName, subjectId, subjectName, date, reason}],
    "taskId"?: the queued task that stored it (services/queued.py)}.
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="schedules")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="schedules")
    week_start_date = models.DateField()
    is_active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    generation_method = models.CharField(max_length=50)
    schedule_data = models.JSONField()
    patterns = models.JSONField(default=dict, blank=True)
    generation_report = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "schedules"
        ordering = ["week_start_date", "child", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "week_start_date", "version"], name="schedule_version_unique"
            ),
            models.UniqueConstraint(
                fields=["child", "week_start_date"],
                condition=Q(is_active=True),
                name="schedule_one_active_per_week",
            ),
        ]
        indexes = [
            models.Index(fields=["child", "week_start_date"], name="schedules_child_week_idx"),
            GinIndex(fields=["schedule_data"], name="schedules_data_gin"),
        ]

    def __str__(self) -> str:
        return f"{self.child.name}, week of {self.week_start_date} (v{self.version})"


class ScheduleItem(BaseModel):
    """One thing on one day of a schedule: a subject session or a commitment
    (seed 000 `schedule_items`, the source of truth for the week).

    `item_data`::

        {"originalSubject": {"name", "isCoreSubject", "sessionDuration", "parentInvolvement"},
         "parentInvolvement": "some_assistance",      # activities only
         "notes": "", "resources": [{"type", "name", "url"}],
         "adjustmentHistory": [{"date", "previousDate", "previousStartTime",
                                "previousEndTime", "reason", "forced"?}],
         "carriedOver": {"fromDate", "fromStartTime", "fromEndTime", "carryOverId"}?}

    `version` rises with every write; writers send the version they read and
    lose with 409 if it moved (optimistic concurrency). `calendar_uid` stays
    the same across moves and regenerated versions, so calendar feeds update
    an event rather than duplicate it.
    """

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="items")
    day_date = models.DateField()
    item_type = models.CharField(max_length=20)
    name = models.CharField(max_length=255)
    start_time = models.TimeField()
    end_time = models.TimeField()
    is_external = models.BooleanField(default=False)
    completed = models.BooleanField(default=False)
    completed_at = models.DateTimeField(null=True, blank=True)
    # The parent decided not to do it: it is not carried over.
    skipped = models.BooleanField(default=False)
    # A parent moved it: regeneration keeps it where it is.
    pinned = models.BooleanField(default=False)
    subject = models.ForeignKey(
        Subject, on_delete=models.SET_NULL, null=True, blank=True, related_name="schedule_items"
    )
    commitment = models.ForeignKey(
        ChildCommitment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="schedule_items",
    )
    item_data = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=1)
    calendar_uid = models.CharField(max_length=120, blank=True)

    class Meta:
        db_table = "schedule_items"
        ordering = ["day_date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="schedule_item_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(item_type__in=ITEM_TYPES), name="schedule_item_type_valid"
            ),
            models.CheckConstraint(
                condition=~Q(completed=True, skipped=True),
                name="schedule_item_not_completed_and_skipped",
            ),
        ]
        indexes = [
            models.Index(fields=["day_date"], name="schedule_items_day_idx"),
            models.Index(
                fields=["completed", "completed_at"], name="schedule_items_completion_idx"
            ),
            GinIndex(fields=["item_data"], name="schedule_items_data_gin"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.day_date} {self.start_time:%H:%M}"

    @property
    def minutes(self) -> int:
        """How long it is planned for."""
        return minute_of(self.end_time) - minute_of(self.start_time)


LOG_ACTIONS = [
    "completed",
    "uncompleted",
    "rescheduled",
    "skipped",
    "unskipped",
    "added",
    "deleted",
]


class ActivityLog(BaseModel):
    """What happened to an item, in seed 000's `activity_logs` shape. Never
    deleted with the item: the records the family keeps are built from it.

    `scheduled`: {"startTime": "09:30", "endTime": "10:00",
                  "original": {"subjectId", "name", "duration"}}
    `actual` by action:
      completed:   {"completed": true, "completedAt", "startTime"?, "endTime"?,
                    "parentInvolvement"?, "childEngagement"? (1-5),
                    "lesson"?: {"id", "sequenceId", "title", "position"}}
      rescheduled: {"rescheduled": true, "newDate", "newStartTime", "newEndTime",
                    "forced": bool, "carryOverId"?}
      skipped, uncompleted, unskipped, added, deleted: {"<action>": true, "reason"?}
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="activity_logs")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="activity_logs")
    schedule = models.ForeignKey(
        Schedule, on_delete=models.SET_NULL, null=True, blank=True, related_name="activity_logs"
    )
    schedule_item = models.ForeignKey(
        ScheduleItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activity_logs",
    )
    subject = models.ForeignKey(
        Subject, on_delete=models.SET_NULL, null=True, blank=True, related_name="activity_logs"
    )
    date = models.DateField()
    activity_name = models.CharField(max_length=255)
    activity_type = models.CharField(max_length=50)
    action = models.CharField(max_length=20)
    scheduled = models.JSONField()
    actual = models.JSONField(null=True, blank=True)
    notes = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "activity_logs"
        ordering = ["date", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=LOG_ACTIONS), name="activity_log_action_valid"
            ),
            models.CheckConstraint(
                condition=Q(activity_type__in=ITEM_TYPES), name="activity_log_type_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["child", "date"], name="activity_logs_child_date_idx"),
            models.Index(fields=["family", "date"], name="activity_logs_family_date_idx"),
            GinIndex(fields=["actual"], name="activity_logs_actual_gin"),
        ]

    def __str__(self) -> str:
        return f"{self.activity_name} {self.date} {self.action}"


DAY_OFF_KINDS = ["holiday", "sick", "other"]
CARRY_OVER_TRIGGERS = ["nightly", "manual", "day_off"]


class DayOff(BaseModel):
    """A holiday or sick day: nothing is planned, and what was planned moves forward.
    `child` empty means the whole family."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="days_off")
    child = models.ForeignKey(
        Child, on_delete=models.CASCADE, null=True, blank=True, related_name="days_off"
    )
    date = models.DateField()
    kind = models.CharField(max_length=20, default="holiday")
    label = models.CharField(max_length=255, blank=True)

    class Meta:
        db_table = "days_off"
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DAY_OFF_KINDS), name="day_off_kind_valid"),
            models.UniqueConstraint(
                fields=["family", "date"], condition=Q(child=None), name="day_off_family_unique"
            ),
            models.UniqueConstraint(fields=["child", "date"], name="day_off_child_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.kind}"


class CarryOver(BaseModel):
    """One run of carry-over: unfinished items from past days moved to their
    next valid slot. Kept so the parent sees what moved and can undo it.

    `moves`: [{"itemId", "childId", "childName", "name",
               "from": {"date", "startTime", "endTime"},
               "to": {"date", "startTime", "endTime"} | null,   # null: no slot found
               "reason"?: "No free slot ..."}]
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="carry_overs")
    trigger = models.CharField(max_length=20)
    moves = models.JSONField(default=list)
    undone_at = models.DateTimeField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "carry_overs"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(trigger__in=CARRY_OVER_TRIGGERS), name="carry_over_trigger_valid"
            ),
        ]


class RecordsTarget(BaseModel):
    """What the family's state asks them to record for a school year, e.g. 180
    days, or 1,000 hours of which 600 in core subjects. Empty targets are not
    required."""

    family = models.OneToOneField(Family, on_delete=models.CASCADE, related_name="records_target")
    state = models.CharField(max_length=2, blank=True)  # US state code, e.g. "MO"
    year_start = models.DateField()
    year_end = models.DateField()
    required_days = models.PositiveIntegerField(null=True, blank=True)
    required_hours = models.PositiveIntegerField(null=True, blank=True)
    required_core_hours = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        db_table = "records_targets"
        constraints = [
            models.CheckConstraint(
                condition=Q(year_end__gt=F("year_start")), name="records_target_year_order"
            ),
        ]


class CalendarFeed(BaseModel):
    """A secret iCalendar URL for one child or (child empty) the whole family.
    Revoking it makes the URL answer 404 from then on."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="calendar_feeds")
    child = models.ForeignKey(
        Child, on_delete=models.CASCADE, null=True, blank=True, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "calendar_feeds"
        ordering = ["created_at"]


class AgendaEmail(BaseModel):
    """The family's daily agenda email: on at `send_at` in the family's time
    zone, or off. `last_sent_on` (a local date) makes sending once a day safe
    to retry."""

    family = models.OneToOneField(Family, on_delete=models.CASCADE, related_name="agenda_email")
    enabled = models.BooleanField(default=True)
    send_at = models.TimeField()
    last_sent_on = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "agenda_emails"


class LessonCompletion(BaseModel):
    """A lesson one child's subject plan has done, and the session that did it.

    Progress is per subject plan, not per sequence, so siblings sharing a
    sequence each move on their own. A lesson gets its date only here, when it
    is done; until then it follows the subject's sessions (selectors/lessons.py).
    `schedule_item` is empty for a lesson marked done by hand (done before the
    plan began); regenerating a week moves it to the item's new version.
    """

    subject = models.ForeignKey(
        Subject, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="completions")
    schedule_item = models.ForeignKey(
        ScheduleItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lesson_completions",
    )
    completed_on = models.DateField()

    class Meta:
        db_table = "lesson_completions"
        ordering = ["completed_on", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "lesson"], name="lesson_completion_once_per_subject"
            ),
        ]
        indexes = [
            models.Index(fields=["subject", "completed_on"], name="lesson_compl_subject_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.lesson} done {self.completed_on}"


class LearnedPreferences(BaseModel):
    """What BrightPath learned about a family from how it lives with its weeks
    (issue 17): per (child, subject) times of day and the engine's soft weights,
    each change with the sentence that explains it to the parent.

    Written only by the insights app, through `services/learned.py`, which checks
    `data` against the shape documented in `planner/learned.py`; read into the
    engine's input by `selectors/schedules.py:week_input`. `logs_through` is the
    newest activity log already learned from, so a refresh learns each log once.
    """

    family = models.OneToOneField(
        Family, on_delete=models.CASCADE, related_name="learned_preferences"
    )
    data = models.JSONField(default=dict)
    logs_through = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "learned_preferences"
        verbose_name_plural = "learned preferences"

    def __str__(self) -> str:
        return f"Learned preferences of {self.family}"
