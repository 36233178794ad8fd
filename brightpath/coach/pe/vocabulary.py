"""The PE module's words: every enumerated value of seed 004's PE tables, and the status
transitions the services allow (one table per status field, tested row by row).

Pure Python: the models take their CHECK constraints from here, the services their
transitions, the serializers their choices.
"""

# --- activities -------------------------------------------------------------------------

ACTIVITY_TYPES = ("warm_up", "skill_development", "fitness_training", "game", "cool_down")
DIFFICULTIES = ("beginner", "intermediate", "advanced")
EQUIPMENT_LEVELS = ("none", "minimal", "moderate", "extensive")
INTENSITIES = ("low", "moderate", "vigorous")
SPACES = ("small", "medium", "large", "outdoor")
MIN_AGE, MAX_AGE = 5, 18  # students are 5-18 (seed), so are activities' age ranges
DURATION_MIN, DURATION_MAX = 1, 240  # minutes, an activity's and a routine step's

ADAPTATION_TYPES = ("intensity", "duration", "equipment", "technique", "progression")
ADAPTATION_CHANGES = ("created", "modified", "activated", "deactivated")

EXERCISE_TYPES = ("strength", "cardio", "flexibility", "balance", "plyometric", "mobility")
# Movement pattern types are predefined (seed): the kinds of movement an exercise is.
PATTERN_TYPES = (
    "squat",
    "lunge",
    "hinge",
    "push",
    "pull",
    "jumping",
    "running",
    "throwing",
    "balance",
    "rotation",
    "reaching",
)

PROGRESSION_TYPES = ("skill", "intensity", "complexity", "duration")
PROGRESSION_LEVELS = ("beginner", "intermediate", "advanced", "expert", "master")

# --- students and classes ------------------------------------------------------------

GENDERS = ("male", "female", "other")
FITNESS_LEVELS = ("beginner", "intermediate", "advanced", "elite")
NAME_MAX = 50  # a student's first and last name
MEDICAL_NOTES_MAX = 500
CLASS_NAME_MAX = 100
CLASS_SIZE_MAX = 50
GRADE_LEVELS = ("k", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12")
CLASS_STATUSES = ("planned", "active", "completed")
ENROLMENT_STATUSES = ("enrolled", "waitlisted", "withdrawn")

# --- plans, routines, assessments, progress ---------------------------------------------

PLAN_STATUSES = ("draft", "active", "completed", "cancelled")
PLAN_ACTIVITY_STATUSES = ("scheduled", "completed", "cancelled", "skipped")
ROUTINE_STATUSES = ("draft", "scheduled", "in_progress", "completed", "cancelled")
ROUTINE_PHASES = ("warm_up", "main", "cool_down")
ASSESSMENT_STATUSES = ("pending", "in_progress", "completed", "archived")
SKILL_LEVELS = ("beginner", "intermediate", "advanced", "expert")
PRIORITY_LEVELS = ("high", "medium", "low")
METRIC_TYPES = (
    "heart_rate",
    "repetitions",
    "distance_m",
    "time_s",
    "accuracy",
    "effort",
    "speed",
    "endurance",
    "custom",
)

# --- safety -----------------------------------------------------------------------------

SAFETY_CHECK_TYPES = (
    "first_aid",
    "supervision",
    "emergency_procedures",
    "facility",
    "general",
)
SAFETY_CHECK_STATUSES = ("pending", "passed", "failed", "resolved")
SEVERITY_LEVELS = ("low", "medium", "high", "critical")
EQUIPMENT_CONDITIONS = ("new", "good", "fair", "poor", "unsafe")
SAFE_EQUIPMENT_CONDITIONS = ("new", "good", "fair")
RISK_LEVELS = ("low", "medium", "high", "critical")
INCIDENT_TYPES = (
    "injury",
    "near_miss",
    "equipment_failure",
    "medical",
    "behavioural",
    "environmental",
)
INCIDENT_SEVERITIES = ("minor", "moderate", "serious", "critical")
INCIDENT_STATUSES = ("reported", "investigating", "resolved", "closed")
SURFACE_CONDITIONS = ("good", "fair", "wet", "icy", "uneven", "damaged")
SAFE_SURFACES = ("good", "fair")

# --- status transitions -------------------------------------------------------------------
# from-status -> the statuses it may go to. A status absent as a key is final.

CLASS_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "planned": ("active",),
    "active": ("completed",),
}
ENROLMENT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "waitlisted": ("enrolled", "withdrawn"),
    "enrolled": ("withdrawn",),
    "withdrawn": ("enrolled", "waitlisted"),
}
PLAN_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("active", "cancelled"),
    "active": ("completed", "cancelled"),
}
PLAN_ACTIVITY_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "scheduled": ("completed", "cancelled", "skipped"),
}
# Seed: draft -> scheduled -> in_progress -> completed/cancelled. A scheduled routine may
# also be called off (rain, a closed hall) before it starts.
ROUTINE_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("scheduled",),
    "scheduled": ("in_progress", "cancelled"),
    "in_progress": ("completed", "cancelled"),
}
ASSESSMENT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "pending": ("in_progress", "completed", "archived"),
    "in_progress": ("completed", "archived"),
    "completed": ("archived",),
}
SAFETY_CHECK_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "pending": ("passed", "failed"),
    "failed": ("resolved",),
}
INCIDENT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "reported": ("investigating", "resolved"),
    "investigating": ("resolved",),
    "resolved": ("closed", "investigating"),
}

TRANSITIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "class": CLASS_TRANSITIONS,
    "enrolment": ENROLMENT_TRANSITIONS,
    "plan": PLAN_TRANSITIONS,
    "plan_activity": PLAN_ACTIVITY_TRANSITIONS,
    "routine": ROUTINE_TRANSITIONS,
    "assessment": ASSESSMENT_TRANSITIONS,
    "safety_check": SAFETY_CHECK_TRANSITIONS,
    "incident": INCIDENT_TRANSITIONS,
}
STATUSES: dict[str, tuple[str, ...]] = {
    "class": CLASS_STATUSES,
    "enrolment": ENROLMENT_STATUSES,
    "plan": PLAN_STATUSES,
    "plan_activity": PLAN_ACTIVITY_STATUSES,
    "routine": ROUTINE_STATUSES,
    "assessment": ASSESSMENT_STATUSES,
    "safety_check": SAFETY_CHECK_STATUSES,
    "incident": INCIDENT_STATUSES,
}


def can_move(kind: str, current: str, target: str) -> bool:
    """Whether a `kind` row ("routine", "plan", ...) may go from `current` to `target`."""
    return target in TRANSITIONS[kind].get(current, ())


def choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(value, value.replace("_", " ")) for value in values]
