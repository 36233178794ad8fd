from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q

from brightpath.common.models import BaseModel
from brightpath.curriculum.models import Subject
from brightpath.families.models import Child, ChildCommitment, Family

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
    "unplaced": [{childId, childName, subjectId, subjectName, date, reason}]}.
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
         "notes": "", "resources": [{"type", "name", "url"}],
         "adjustmentHistory": [{"date", "previousStartTime", "previousEndTime", "reason"}]}
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
