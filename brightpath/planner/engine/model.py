"""The scheduling engine's input and output: plain dataclasses, no Django.

Times are minutes after midnight; the solver works on a 5-minute grid. A week
is a list of school days; everything that happens on a day is given for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SLOT = 5  # minutes: the grid sessions start and end on

FULL, SOME, MINIMAL, INDEPENDENT = (
    "full_involvement",
    "some_assistance",
    "minimal_supervision",
    "independent",
)
# Rule 4: how much of one adult a session takes.
PARENT_LOAD = {FULL: 2, SOME: 1, MINIMAL: 0, INDEPENDENT: 0}
LOAD_PER_ADULT = 2

DAILY, TWO_THREE, WEEKLY, OCCASIONALLY = (
    "daily",
    "2-3_times_per_week",
    "once_a_week",
    "occasionally",
)


def target_sessions(frequency: str, school_days: int) -> tuple[int, int]:
    """(sessions the family asked for, the most allowed) per week (rule 5)."""
    return {
        DAILY: (school_days, school_days),
        TWO_THREE: (min(2, school_days), min(3, school_days)),
        WEEKLY: (min(1, school_days), 1),
        OCCASIONALLY: (0, 1),
    }[frequency]


# Rule 8: the longest continuous work (gaps under BREAK_MINUTES) by age.
BREAK_MINUTES = 10


def work_limit(age: int) -> int:
    if age <= 6:
        return 30
    if age <= 10:
        return 60
    return 90


# Best learning times (section 6) as clock windows [start, end) in minutes.
LEARNING_WINDOWS: dict[str, tuple[int, int]] = {
    "early_morning": (7 * 60, 9 * 60),
    "mid-morning": (9 * 60, 10 * 60 + 30),
    "late_morning": (10 * 60 + 30, 12 * 60),
    "early_afternoon": (12 * 60, 14 * 60),
    "late_afternoon": (14 * 60, 16 * 60 + 30),
    "evening": (16 * 60 + 30, 20 * 60),
}


# Sibling grouping (a soft preference): subjects siblings can do together, one
# parent for the group. Matched on the subject's name, case-insensitively;
# SubjectPlan.groupable overrides the list either way.
GROUPABLE_SUBJECTS = frozenset(
    {
        "science",
        "history",
        "geography",
        "social studies",
        "art",
        "music",
        "nature study",
        "physical education",
        "pe",
        "bible",
        "literature",
        "read-aloud",
        "read aloud",
        "literature read-aloud",
        "poetry",
        "picture study",
        "composer study",
        "handicrafts",
        "morning time",
    }
)


def subject_key(name: str) -> str:
    """A subject's name as grouping compares it: trimmed, case and spacing folded."""
    return " ".join(name.split()).casefold()


def is_groupable(subject: SubjectPlan) -> bool:
    if subject.groupable is not None:
        return subject.groupable
    return subject_key(subject.name) in GROUPABLE_SUBJECTS


@dataclass(frozen=True)
class Busy:
    """A commitment occurrence on one day: [start, end) in minutes."""

    name: str
    start: int
    end: int
    commitment_id: str | None = None


@dataclass(frozen=True)
class SubjectPlan:
    id: str
    name: str
    duration: int  # minutes, a multiple of SLOT
    frequency: str  # DAILY, TWO_THREE, WEEKLY, OCCASIONALLY
    involvement: str  # FULL, SOME, MINIMAL, INDEPENDENT
    interest: int  # 1-5
    is_core: bool = False
    fixed_start: int | None = None  # rule 6: minutes after midnight
    groupable: bool | None = None  # siblings may do it together; None: by name (see above)


@dataclass(frozen=True)
class ChildPlan:
    id: str
    name: str
    age: int
    day_start: int  # homeschool hours, minutes after midnight
    day_end: int
    subjects: tuple[SubjectPlan, ...]
    best_times: tuple[str, ...] = ()
    # The child's commitments, by date (rule 2 and 9).
    commitments: dict[dt.date, tuple[Busy, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Preferences:
    """Soft-preference weights (seed 000 ML weights) and the family's style ratings (1-5)."""

    child_interest: float = 0.4
    learning_times: float = 0.3
    parent_involvement: float = 0.2
    subject_coherence: float = 0.1
    scheduling_style: dict[str, int] = field(default_factory=dict)  # block, loop, time_blocked, ...
    structured: bool = False  # the family favours structure (section 5)
    # How much the learned times of day (WeekInput.learned_times) count against
    # the other soft preferences: 1.0 makes a fully confident learned time worth
    # PREFERENCE_SCALE, over three times the questionnaire's best-times term.
    learned_times: float = 1.0


@dataclass(frozen=True)
class LearnedTime:
    """When a family keeps one child's subject, learned from how they use the
    schedule (brightpath.insights.learning.preferences): sessions should start
    inside one of `windows`, [start, end) in minutes after midnight.

    `strength` (0-1) is the confidence in it; the solver's reward for a session
    starting inside a window is PREFERENCE_SCALE x Preferences.learned_times x
    strength. For that child and subject it replaces the questionnaire's
    best-times term: the family's own moves are better evidence than the form.
    """

    child_id: str
    subject_id: str
    windows: tuple[tuple[int, int], ...]
    strength: float = 1.0


@dataclass(frozen=True)
class Fixed:
    """A session already decided (completed, logged or pinned by the parent): kept as is."""

    child_id: str
    subject_id: str
    day: dt.date
    start: int


@dataclass(frozen=True)
class WeekInput:
    days: tuple[dt.date, ...]  # the school days of the week, in order
    children: tuple[ChildPlan, ...]
    # The parent's commitments, by date (rule 3).
    family_commitments: dict[dt.date, tuple[Busy, ...]] = field(default_factory=dict)
    adults: int = 1
    preferences: Preferences = field(default_factory=Preferences)
    fixed: tuple[Fixed, ...] = ()
    # Learned per-(child, subject) times of day; () plans exactly as before.
    learned_times: tuple[LearnedTime, ...] = ()

    def learned_time(self, child_id: str, subject_id: str) -> LearnedTime | None:
        """The time learned for the child's subject, if it counts: a window, some
        strength, and learned times weighted above 0 (else plan as before)."""
        if self.preferences.learned_times <= 0:
            return None
        for learned in self.learned_times:
            if learned.child_id == child_id and learned.subject_id == subject_id:
                return learned if learned.strength > 0 and learned.windows else None
        return None

    @property
    def parent_capacity(self) -> int:
        return LOAD_PER_ADULT * self.adults


@dataclass(frozen=True)
class Session:
    child_id: str
    subject_id: str
    name: str
    day: dt.date
    start: int
    end: int
    involvement: str
    fixed: bool = False  # came in as Fixed
    # The other children (ids, sorted) doing this subject with this child, one
    # parent for the group: same subject name, day and start.
    grouped_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unplaced:
    child_id: str
    child_name: str
    subject_id: str
    subject_name: str
    day: dt.date | None  # the day it was wanted (None: any day of the week)
    reason: str


@dataclass(frozen=True)
class SolverStats:
    status: str  # OPTIMAL, FEASIBLE, INFEASIBLE, MODEL_INVALID, UNKNOWN
    objective: float
    best_bound: float
    # The worst stage's relative gap, (bound - objective) / max(1, |bound|) per stage.
    # The solve is lexicographic (placement, then preferences with placement held);
    # objective and best_bound are the two stages' sums, whose ratio would hide a
    # large preference gap behind the far larger placement value.
    gap: float
    wall_time: float  # seconds
    placement_gap: float = 0.0  # stage 1: sessions placed (by value) against its bound
    preference_gap: float = 0.0  # stage 2: soft preferences against its bound
    placement_status: str = ""  # each stage's own status ("" when not solved in stages)
    preference_status: str = ""
    # Each stage's own value and bound (the sums above split), and the CP-SAT
    # deterministic seconds the solve used: the budget that makes it repeatable.
    placement_value: float = 0.0
    placement_bound: float = 0.0
    preference_value: float = 0.0
    preference_bound: float = 0.0
    deterministic_time: float = 0.0
    clock_stopped: bool = False  # the clock's safety net ended a run: the week may vary


@dataclass(frozen=True)
class WeekResult:
    sessions: tuple[Session, ...]
    unplaced: tuple[Unplaced, ...]
    stats: SolverStats

    def for_child(self, child_id: str) -> list[Session]:
        return sorted(
            (s for s in self.sessions if s.child_id == child_id), key=lambda s: (s.day, s.start)
        )
